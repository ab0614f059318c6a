#include "redact/checksum.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"

namespace bayyina::redact {
namespace {

struct IbanCountry {
  char code[3];
  int length;
};

// ISO 13616 registry lengths.
constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
    {"BG", 22}, {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22},
    {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20},
    {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22},
    {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
    {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30},
    {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21},
    {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
    {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33},
    {"SA", 24}, {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
    {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29},
    {"VA", 22}, {"VG", 24}, {"XK", 20},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool Sha256(const uint8_t* data, size_t size, uint8_t out[32]) {
  unsigned int len = 0;
  return EVP_Digest(data, size, out, &len, EVP_sha256(), nullptr) == 1 && len == 32;
}

constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kBech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

uint32_t Bech32Polymod(const std::vector<uint8_t>& values) {
  constexpr uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    uint8_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= kGen[i];
    }
  }
  return chk;
}

}  // namespace

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool dbl = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) return false;
    int d = digits[i] - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

std::optional<int> IbanLength(std::string_view country) {
  for (const IbanCountry& c : kIbanCountries) {
    if (country == c.code) return c.length;
  }
  return std::nullopt;
}

bool IbanValid(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  char country[2] = {absl::ascii_toupper(iban[0]), absl::ascii_toupper(iban[1])};
  std::optional<int> len = IbanLength(std::string_view(country, 2));
  if (!len || static_cast<size_t>(*len) != iban.size()) return false;
  if (!IsDigit(iban[2]) || !IsDigit(iban[3])) return false;
  // Move the first four characters to the end, letters become 10..35, then mod 97 digit by
  // digit so that no big-number arithmetic is needed.
  int rem = 0;
  for (size_t k = 0; k < iban.size(); ++k) {
    char c = absl::ascii_toupper(iban[(k + 4) % iban.size()]);
    if (IsDigit(c)) {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return rem == 1;
}

bool Base58CheckAddressValid(std::string_view address) {
  if (address.size() < 26 || address.size() > 35) return false;
  // Big-endian base-58 to base-256; a Bitcoin address decodes to exactly 25 bytes.
  std::array<uint8_t, 25> bytes{};
  for (char c : address) {
    size_t digit = kBase58Alphabet.find(c);
    if (digit == std::string_view::npos) return false;
    uint32_t carry = static_cast<uint32_t>(digit);
    for (size_t i = bytes.size(); i-- > 0;) {
      carry += 58u * bytes[i];
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    if (carry != 0) return false;  // more than 25 bytes
  }
  // Leading '1's encode leading zero bytes; the version byte must agree with the first char.
  uint8_t version = bytes[0];
  bool known = version == 0x00 || version == 0x05 || version == 0x6f || version == 0xc4;
  if (!known || (version == 0x00) != (address[0] == '1')) return false;
  uint8_t h1[32], h2[32];
  if (!Sha256(bytes.data(), 21, h1) || !Sha256(h1, 32, h2)) return false;
  return h2[0] == bytes[21] && h2[1] == bytes[22] && h2[2] == bytes[23] && h2[3] == bytes[24];
}

bool SegwitAddressValid(std::string_view address) {
  if (address.size() < 14 || address.size() > 90) return false;
  bool lower = false, upper = false;
  std::string a(address);
  for (char& c : a) {
    if (c >= 'a' && c <= 'z') lower = true;
    if (c >= 'A' && c <= 'Z') {
      upper = true;
      c = absl::ascii_tolower(c);
    }
  }
  if (lower && upper) return false;
  size_t sep = a.rfind('1');
  if (sep == std::string::npos || sep == 0 || sep + 7 > a.size()) return false;
  std::string_view hrp(a.data(), sep);
  if (hrp != "bc" && hrp != "tb") return false;
  std::vector<uint8_t> values;
  for (char c : hrp) values.push_back(static_cast<uint8_t>(c) >> 5);
  values.push_back(0);
  for (char c : hrp) values.push_back(static_cast<uint8_t>(c) & 31);
  std::vector<uint8_t> data;
  for (size_t i = sep + 1; i < a.size(); ++i) {
    size_t v = kBech32Charset.find(a[i]);
    if (v == std::string_view::npos) return false;
    data.push_back(static_cast<uint8_t>(v));
  }
  values.insert(values.end(), data.begin(), data.end());
  uint32_t check = Bech32Polymod(values);
  int witness_version = data[0];
  if (witness_version > 16) return false;
  uint32_t expected = witness_version == 0 ? 1u : 0x2bc830a3u;
  if (check != expected) return false;
  // Regroup the 5-bit program (without version and the 6 checksum symbols) into bytes.
  uint32_t acc = 0;
  int bits = 0;
  size_t program_len = 0;
  for (size_t i = 1; i + 6 < data.size(); ++i) {
    acc = (acc << 5) | data[i];
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      ++program_len;
    }
  }
  if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0) return false;
  if (program_len < 2 || program_len > 40) return false;
  if (witness_version == 0 && program_len != 20 && program_len != 32) return false;
  return true;
}

std::optional<char> MrzCheckDigit(std::string_view field) {
  static constexpr int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    char c = absl::ascii_toupper(field[i]);
    int v;
    if (IsDigit(c)) {
      v = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      v = c - 'A' + 10;
    } else if (c == '<') {
      v = 0;
    } else {
      return std::nullopt;
    }
    sum += v * kWeights[i % 3];
  }
  return static_cast<char>('0' + sum % 10);
}

}  // namespace bayyina::redact
