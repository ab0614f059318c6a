// IBAN_CODE: two letters and two check digits at a word start, then the BBAN, written compact
// or in groups; accepted only with the country's registered length and mod-97 == 1.

#include <string>

#include "absl/strings/ascii.h"
#include "redact/checksum.h"
#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

class IbanRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "iban"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    const auto& toks = text.tokens();
    for (size_t k = 0; k + 1 < toks.size(); ++k) {
      const Token& t = toks[k];
      if (t.kind != TokenKind::kWord || t.end - t.begin != 2 || !scan::Alpha(s[t.begin]) ||
          !scan::Alpha(s[t.begin + 1]) || !scan::BoundaryBefore(s, t.begin)) {
        continue;
      }
      const Token& n = toks[k + 1];
      if (n.kind != TokenKind::kNumber || n.begin != t.end || n.end - n.begin < 2) continue;
      char cc[2] = {absl::ascii_toupper(s[t.begin]), absl::ascii_toupper(s[t.begin + 1])};
      std::optional<int> len = IbanLength(std::string_view(cc, 2));
      if (!len) continue;
      // Gather alphanumerics, allowing one space or dash between groups.
      std::string compact;
      size_t i = t.begin;
      size_t end = i;
      while (i < s.size() && compact.size() < static_cast<size_t>(*len)) {
        if (scan::Alnum(s[i])) {
          compact.push_back(s[i]);
          end = ++i;
        } else if ((s[i] == ' ' || s[i] == '-') && i + 1 < s.size() && scan::Alnum(s[i + 1])) {
          ++i;
        } else {
          break;
        }
      }
      if (compact.size() != static_cast<size_t>(*len) || !IbanValid(compact)) continue;
      out->push_back({EntityType::kIbanCode, t.begin, static_cast<uint32_t>(end), 1.0f, "iban"});
      k = text.TokenIndexAt(end) - 1;
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewIbanRecognizer() { return std::make_unique<IbanRecognizer>(); }

}  // namespace bayyina::redact
