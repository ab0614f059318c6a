// DATE_OF_BIRTH / DATE_TIME: numeric dates (d/m/y, y-m-d...), dates with month names (Iraqi
// and Levantine كانون الثاني، شباط، آذار..., Egyptian يناير..., Sorani and Kurmanji month names,
// English), Hijri dates (Hijri month names, or a year followed by هـ), and a bare year after a
// birth cue (تولد 1985). A birth cue nearby makes it DATE_OF_BIRTH.

#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

constexpr uint32_t kMonthFlags = kLexMonth | kLexHijriMonth;

int Value(const AnalysisText& text, const Token& t) {
  if (t.kind != TokenKind::kNumber || t.end - t.begin > 4) return -1;
  int v = 0;
  for (char c : text.TokenText(t)) v = v * 10 + (c - '0');
  return v;
}
int Digits(const Token& t) { return static_cast<int>(t.end - t.begin); }
bool PlausibleYear(int y, int digits) {
  return digits == 2 || (digits == 4 && ((y >= 1900 && y <= 2100) || (y >= 1300 && y <= 1500)));
}
// Tokens close enough to belong to one date: same line, at most a few spaces apart.
bool Near(const Token& a, const Token& b) { return !b.newline_before && b.begin - a.end <= 3; }

class DateRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "date"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    const auto& toks = text.tokens();
    std::string_view s = text.text();
    size_t n = toks.size();
    for (size_t k = 0; k < n; ++k) {
      const Token& t = toks[k];
      size_t last = 0;
      bool found = false;
      if (t.kind == TokenKind::kNumber && k + 4 < n && toks[k + 1].kind == TokenKind::kPunct &&
          toks[k + 3].kind == TokenKind::kPunct && s[toks[k + 1].begin] == s[toks[k + 3].begin] &&
          (s[toks[k + 1].begin] == '/' || s[toks[k + 1].begin] == '-' ||
           s[toks[k + 1].begin] == '.') &&
          Near(t, toks[k + 1]) && Near(toks[k + 1], toks[k + 2]) &&
          Near(toks[k + 2], toks[k + 3]) && Near(toks[k + 3], toks[k + 4])) {
        int a = Value(text, t), b = Value(text, toks[k + 2]), c = Value(text, toks[k + 4]);
        int da = Digits(t), dc = Digits(toks[k + 4]);
        bool ok = false;
        if (a >= 0 && b >= 1 && c >= 0 && Digits(toks[k + 2]) <= 2) {
          if (da <= 2 && PlausibleYear(c, dc)) {
            ok = a >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
          } else if (da == 4 && PlausibleYear(a, 4) && dc <= 2) {
            ok = b <= 12 && c >= 1 && c <= 31;
          }
        }
        if (ok && scan::BoundaryBefore(s, t.begin) && scan::BoundaryAfter(s, toks[k + 4].end)) {
          found = true;
          last = k + 4;
        }
      } else if (t.kind == TokenKind::kWord && ((t.flags | t.phrase_flags) & kMonthFlags)) {
        size_t m_end = k + t.phrase_len;  // first token after the month name
        bool day = k > 0 && Value(text, toks[k - 1]) >= 1 && Value(text, toks[k - 1]) <= 31 &&
                   Digits(toks[k - 1]) <= 2 && Near(toks[k - 1], t);
        size_t first = day ? k - 1 : k;
        last = m_end - 1;
        size_t y = m_end;
        // "January 15, 2020"
        if (!day && y < n && Value(text, toks[y]) >= 1 && Value(text, toks[y]) <= 31 &&
            Digits(toks[y]) <= 2 && Near(toks[y - 1], toks[y])) {
          day = true;
          last = y++;
          if (y < n && toks[y].kind == TokenKind::kPunct && s[toks[y].begin] == ',') ++y;
        }
        bool year = y < n && Digits(toks[y]) == 4 && PlausibleYear(Value(text, toks[y]), 4) &&
                    Near(toks[y - 1], toks[y]);
        if (year) last = y;
        if (day || year) {
          found = true;
          k = first;
        }
      } else if (t.kind == TokenKind::kNumber && Digits(t) == 4) {
        int y = Value(text, t);
        bool hijri = k + 1 < n && (toks[k + 1].flags & kLexHijriMark) && Near(t, toks[k + 1]) &&
                     y >= 1300 && y <= 1500;
        bool birth_year = y >= 1900 && y <= 2030 &&
                          text.ContextNear(t.begin, t.end, kLexBirthCue, 3, 0);
        if (hijri || birth_year) {
          found = true;
          last = k;
        }
      }
      if (!found) continue;
      // A trailing هـ belongs to a Hijri date.
      if (last + 1 < n && (toks[last + 1].flags & kLexHijriMark) && Near(toks[last], toks[last + 1])) {
        ++last;
      }
      // A time after the date belongs to it: 17.10.2022 00:23, 2019/08/19 15:59:02.
      while (last + 3 < n && toks[last + 1].kind == TokenKind::kNumber &&
             Near(toks[last], toks[last + 1]) && Digits(toks[last + 1]) <= 2 &&
             toks[last + 2].kind == TokenKind::kPunct && s[toks[last + 2].begin] == ':' &&
             toks[last + 3].kind == TokenKind::kNumber && Digits(toks[last + 3]) == 2 &&
             toks[last + 2].begin == toks[last + 1].end && toks[last + 3].begin == toks[last + 2].end) {
        last += 3;
        if (last + 2 < n && toks[last + 1].kind == TokenKind::kPunct && s[toks[last + 1].begin] == ':' &&
            toks[last + 2].kind == TokenKind::kNumber && toks[last + 1].begin == toks[last].end) {
          last += 2;
        }
        break;
      }
      uint32_t b = toks[k].begin, e = toks[last].end;
      bool birth = text.ContextNear(b, e, kLexBirthCue, 6, 0);
      out->push_back({birth ? EntityType::kDateOfBirth : EntityType::kDateTime, b, e,
                      birth ? 0.9f : 0.85f, "date"});
      k = last;
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewDateRecognizer() { return std::make_unique<DateRecognizer>(); }

}  // namespace bayyina::redact
