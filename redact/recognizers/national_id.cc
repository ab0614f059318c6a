// NATIONAL_ID: the Iraqi unified national card's 12-digit national number and its card number
// (2 letters + 7 digits), and older ID numbers (6-10 digits), all gated by an ID cue nearby.
// Without a cue a 12-digit number or a letters+digits code is reported with a score below the
// default threshold, for the reviewer to see.

#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

class NationalIdRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "national_id"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    const auto& toks = text.tokens();
    std::vector<scan::DigitGroup> groups;
    size_t scanned = 0;
    for (size_t k = 0; k < toks.size(); ++k) {
      const Token& t = toks[k];
      if (t.kind == TokenKind::kWord && t.end - t.begin == 2 && scan::Alpha(s[t.begin]) &&
          scan::Alpha(s[t.begin + 1]) && scan::BoundaryBefore(s, t.begin) &&
          k + 1 < toks.size()) {
        // Card number: two Latin letters and seven digits.
        const Token& n = toks[k + 1];
        if (n.kind == TokenKind::kNumber && n.begin == t.end && n.end - n.begin == 7 &&
            scan::BoundaryAfter(s, n.end)) {
          bool cue = text.ContextNear(t.begin, n.end, kLexIdCue, 6, 2);
          out->push_back({EntityType::kNationalId, t.begin, n.end, cue ? 0.85f : 0.35f,
                          "national_id_card"});
        }
        continue;
      }
      if (t.kind != TokenKind::kNumber || t.begin < scanned || !scan::BoundaryBefore(s, t.begin)) {
        continue;
      }
      groups.clear();
      scanned = scan::CollectGroups(s, t.begin, "-", 12, &groups);
      size_t digits = 0;
      for (const auto& g : groups) digits += g.end - g.begin;
      uint32_t end = static_cast<uint32_t>(scanned);
      if (!scan::BoundaryAfter(s, end)) continue;
      bool cue = text.ContextNear(t.begin, end, kLexIdCue, 6, 2);
      if (digits == 12) {
        out->push_back(
            {EntityType::kNationalId, t.begin, end, cue ? 0.9f : 0.3f, "national_id"});
      } else if (cue && digits >= 6 && digits <= 10 && groups.size() <= 2 &&
                 text.ContextNear(t.begin, end, kLexIdCue, 3, 0)) {
        out->push_back({EntityType::kNationalId, t.begin, end, 0.7f, "national_id"});
      }
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewNationalIdRecognizer() {
  return std::make_unique<NationalIdRecognizer>();
}

}  // namespace bayyina::redact
