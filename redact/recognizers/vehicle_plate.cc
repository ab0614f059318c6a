// VEHICLE_PLATE: the unified Iraqi plate, governorate code 11-29, one Latin letter and up to
// five digits (either reading order, as right-to-left text may store it), and older plates, the
// governorate's name in Arabic with the number (Arabic-Indic digits, folded by the normalizer),
// confirmed by the plate kind (خصوصي، أجرة، حمل) or a vehicle cue.

#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

int Value(const AnalysisText& text, const Token& t) {
  if (t.kind != TokenKind::kNumber || t.end - t.begin > 6) return -1;
  int v = 0;
  for (char c : text.TokenText(t)) v = v * 10 + (c - '0');
  return v;
}
bool SameLine(const Token& a, const Token& b) { return !b.newline_before && b.begin - a.end <= 3; }
bool LatinLetter(const AnalysisText& text, const Token& t) {
  return t.kind == TokenKind::kWord && t.end - t.begin == 1 && scan::Alpha(text.text()[t.begin]);
}

class VehiclePlateRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "vehicle_plate"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    const auto& toks = text.tokens();
    size_t n = toks.size();
    for (size_t k = 0; k + 2 < n; ++k) {
      const Token& a = toks[k];
      // Unified: code letter number, or number letter code; an optional '-' before the number.
      if (a.kind == TokenKind::kNumber) {
        size_t l = k + 1;
        if (!LatinLetter(text, toks[l]) || !SameLine(a, toks[l])) continue;
        size_t c = l + 1;
        if (c + 1 < n && toks[c].kind == TokenKind::kPunct && text.TokenText(toks[c]) == "-") ++c;
        if (c >= n || toks[c].kind != TokenKind::kNumber || !SameLine(toks[c - 1], toks[c])) {
          continue;
        }
        int x = Value(text, a), y = Value(text, toks[c]);
        size_t dx = a.end - a.begin, dy = toks[c].end - toks[c].begin;
        bool forward = dx == 2 && x >= 11 && x <= 29 && dy >= 1 && dy <= 5;
        bool backward = dy == 2 && y >= 11 && y <= 29 && dx >= 1 && dx <= 5;
        if (!forward && !backward) continue;
        std::string_view s = text.text();
        if (!scan::BoundaryBefore(s, a.begin) || !scan::BoundaryAfter(s, toks[c].end)) continue;
        bool cue = text.ContextNear(a.begin, toks[c].end, kLexVehicleCue, 6, 2);
        out->push_back({EntityType::kVehiclePlate, a.begin, toks[c].end, cue ? 0.9f : 0.6f,
                        "vehicle_plate"});
        k = c;
        continue;
      }
      // Older: governorate [kind] number.
      if (a.kind == TokenKind::kWord && ((a.flags | a.phrase_flags) & kLexGovernorate)) {
        size_t i = k + a.phrase_len;
        bool kind = false;
        if (i < n && (toks[i].flags & kLexPlateKind) && SameLine(toks[i - 1], toks[i])) {
          kind = true;
          ++i;
        }
        if (i >= n || toks[i].kind != TokenKind::kNumber || !SameLine(toks[i - 1], toks[i]) ||
            Value(text, toks[i]) < 0) {
          continue;
        }
        bool cue = text.ContextNear(a.begin, toks[i].end, kLexVehicleCue, 6, 2);
        // The series letter after the number (كربلاء ١٣٥١٨ د, Erbil 96333 B); a one-letter
        // function word (و, a) is none unless it is a capital. Name, number and letter are a plate's whole shape, so
        // they need no cue (a misread one) to confirm them.
        size_t last = i;
        if (i + 1 < n && toks[i + 1].kind == TokenKind::kWord && SameLine(toks[i], toks[i + 1]) &&
            (!(toks[i + 1].flags & kLexStop) || text.Capitalized(toks[i + 1])) &&
            (toks[i + 1].end - toks[i + 1].begin == 1 ||
             (toks[i + 1].end - toks[i + 1].begin == 2 &&
              static_cast<unsigned char>(text.text()[toks[i + 1].begin]) >= 0x80))) {
          last = i + 1;
        }
        if (!kind && !cue && last == i) continue;
        out->push_back({EntityType::kVehiclePlate, a.begin, toks[last].end,
                        kind ? 0.85f : cue ? 0.75f : 0.7f, "vehicle_plate_old"});
        k = last;
      }
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewVehiclePlateRecognizer() {
  return std::make_unique<VehiclePlateRecognizer>();
}

}  // namespace bayyina::redact
