// CRYPTO: Bitcoin addresses, Base58Check (P2PKH/P2SH) and Bech32/Bech32m (SegWit). Both are
// case-sensitive, so candidates found in the normalized text are checked on the original
// bytes (the normalizer case-folds Latin-script languages).

#include "redact/checksum.h"
#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

class CryptoRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "crypto"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    size_t i = 0;
    while (i < s.size()) {
      if (!scan::Alnum(s[i])) {
        ++i;
        continue;
      }
      size_t b = i;
      while (i < s.size() && scan::Alnum(s[i])) ++i;
      size_t n = i - b;
      if (n < 14 || n > 90) continue;
      std::string_view original = text.Original(b, i);
      if (original.size() != n) original = s.substr(b, n);
      char c0 = s[b];
      bool segwit = n >= 14 && (s.substr(b, 3) == "bc1" || s.substr(b, 3) == "tb1" ||
                                s.substr(b, 3) == "BC1" || s.substr(b, 3) == "TB1");
      if (segwit && SegwitAddressValid(original)) {
        out->push_back({EntityType::kCrypto, static_cast<uint32_t>(b),
                        static_cast<uint32_t>(i), 1.0f, "crypto_bech32"});
      } else if (n >= 26 && n <= 35 && (c0 == '1' || c0 == '3' || c0 == 'm' || c0 == 'n' ||
                                        c0 == '2' || c0 == 'M' || c0 == 'N') &&
                 Base58CheckAddressValid(original)) {
        out->push_back({EntityType::kCrypto, static_cast<uint32_t>(b),
                        static_cast<uint32_t>(i), 1.0f, "crypto_base58"});
      }
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewCryptoRecognizer() { return std::make_unique<CryptoRecognizer>(); }

}  // namespace bayyina::redact
