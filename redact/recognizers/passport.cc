// PASSPORT: a passport-number shape (one or two Latin letters and 6-8 digits, or 8-9 digits)
// with a passport cue nearby; a number that matches the checked document number of a passport
// MRZ in the same text is confirmed.

#include <string>

#include "absl/strings/ascii.h"
#include "redact/mrz.h"
#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

class PassportRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "passport"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    const auto& toks = text.tokens();
    std::vector<std::string> confirmed;
    bool mrz_done = false;
    for (size_t k = 0; k < toks.size(); ++k) {
      const Token& t = toks[k];
      uint32_t b = t.begin, e = t.end;
      size_t letters = 0, digits = 0;
      if (t.kind == TokenKind::kWord && t.end - t.begin <= 2 && scan::Alpha(s[t.begin]) &&
          (t.end - t.begin == 1 || scan::Alpha(s[t.begin + 1])) && k + 1 < toks.size() &&
          toks[k + 1].kind == TokenKind::kNumber && toks[k + 1].begin == t.end) {
        letters = t.end - t.begin;
        e = toks[k + 1].end;
        digits = e - toks[k + 1].begin;
      } else if (t.kind == TokenKind::kNumber) {
        digits = t.end - t.begin;
      } else {
        continue;
      }
      if (!scan::BoundaryBefore(s, b) || !scan::BoundaryAfter(s, e)) continue;
      bool shape = letters > 0 ? (digits >= 6 && digits <= 8) : (digits >= 8 && digits <= 9);
      if (!shape || !text.ContextNear(b, e, kLexPassportCue, 6, 2)) continue;
      if (!mrz_done) {
        for (const MrzRecord& r : FindMrz(text)) {
          if (r.document_type == 'P' && r.number.valid) confirmed.push_back(r.document_number);
        }
        mrz_done = true;
      }
      std::string value(s.substr(b, e - b));
      for (char& c : value) c = absl::ascii_toupper(c);
      float score = 0.8f;
      for (const std::string& c : confirmed) score = c == value ? 1.0f : score;
      out->push_back({EntityType::kPassport, b, e, score,
                      score == 1.0f ? "passport_mrz" : "passport"});
      if (letters > 0) ++k;
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewPassportRecognizer() {
  return std::make_unique<PassportRecognizer>();
}

}  // namespace bayyina::redact
