#include "redact/checksum.h"

#include <string>

#include "gtest/gtest.h"

namespace bayyina::redact {
namespace {

// Flips the last check-relevant digit: the near-miss every checksum must reject.
std::string BreakLastDigit(std::string s) {
  for (size_t i = s.size(); i-- > 0;) {
    if (s[i] >= '0' && s[i] <= '9') {
      s[i] = s[i] == '9' ? '0' : s[i] + 1;
      return s;
    }
  }
  return s;
}

TEST(LuhnTest, ValidAndNearMiss) {
  for (const char* card : {"4111111111111111", "5500000000000004", "378282246310005",
                           "6011111111111117", "3530111333300000", "4012888888881881"}) {
    EXPECT_TRUE(LuhnValid(card)) << card;
    EXPECT_FALSE(LuhnValid(BreakLastDigit(card))) << card;
  }
  EXPECT_FALSE(LuhnValid(""));
  EXPECT_FALSE(LuhnValid("4111-1111"));
}

TEST(IbanTest, RegisteredLengthAndMod97) {
  EXPECT_EQ(IbanLength("IQ"), 23);
  EXPECT_EQ(IbanLength("DE"), 22);
  EXPECT_FALSE(IbanLength("US").has_value());
  for (const char* iban : {"IQ98NBIQ850123456789012", "IQ53RAFB001234567890123",
                           "DE89370400440532013000", "GB82WEST12345698765432",
                           "NL91ABNA0417164300", "TR330006100519786457841326",
                           "SE4550000000058398257466"}) {
    EXPECT_TRUE(IbanValid(iban)) << iban;
    EXPECT_FALSE(IbanValid(BreakLastDigit(iban))) << iban;
  }
  EXPECT_TRUE(IbanValid("iq98nbiq850123456789012"));     // case does not matter
  EXPECT_FALSE(IbanValid("IQ98NBIQ85012345678901"));     // one short for Iraq
  EXPECT_FALSE(IbanValid("XX98NBIQ850123456789012"));    // no such country
}

TEST(CryptoTest, Base58Check) {
  for (const char* a : {"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
                        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"}) {
    EXPECT_TRUE(Base58CheckAddressValid(a)) << a;
    EXPECT_FALSE(Base58CheckAddressValid(BreakLastDigit(a))) << a;
  }
  // A changed letter breaks the checksum too.
  EXPECT_FALSE(Base58CheckAddressValid("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"));
  EXPECT_FALSE(Base58CheckAddressValid("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a"));  // '0' not Base58
}

TEST(CryptoTest, SegwitBech32AndBech32m) {
  for (const char* a : {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
                        "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
                        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"}) {
    EXPECT_TRUE(SegwitAddressValid(a)) << a;
    EXPECT_FALSE(SegwitAddressValid(BreakLastDigit(a))) << a;
  }
  // Mixed case is invalid by BIP 173; a v0 program under the Bech32m constant too.
  EXPECT_FALSE(SegwitAddressValid("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4"));
  EXPECT_FALSE(SegwitAddressValid("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"));
}

TEST(MrzTest, IcaoCheckDigits) {
  // ICAO 9303 part 4 specimen: document number L898902C3, check digit 6; birth 740812 -> 2.
  EXPECT_EQ(MrzCheckDigit("L898902C3"), '6');
  EXPECT_EQ(MrzCheckDigit("740812"), '2');
  EXPECT_EQ(MrzCheckDigit("120415"), '9');
  EXPECT_EQ(MrzCheckDigit("D23145890"), '7');
  EXPECT_FALSE(MrzCheckDigit("L89-902C3").has_value());
}

}  // namespace
}  // namespace bayyina::redact
