// ADDRESS: Iraqi-style addresses, a chain of address keys each followed by its value:
// محلة 905 زقاق 12 دار 7, گەڕەک ... کۆڵان ... خانوو ..., Tax ... Kolan ... Xanî .... A key counts
// when a number follows it (a neighbourhood name may stand between two numbered keys); one
// numbered key is an address, several are a confident one.

#include "redact/recognizer.h"

namespace bayyina::redact {
namespace {

constexpr int kMaxNameWords = 3;

bool IsKey(const Token& t) { return (t.flags | t.phrase_flags) & kLexAddressKey; }

bool OneLetter(std::string_view word) {
  size_t code_points = 0;
  for (char c : word) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return code_points == 1;
}

class AddressRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "address"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    const auto& toks = text.tokens();
    std::string_view s = text.text();
    size_t n = toks.size();
    for (size_t k = 0; k < n; ++k) {
      if (toks[k].kind != TokenKind::kWord || !IsKey(toks[k])) continue;
      size_t start = k, last = k, i = k;
      int numbered = 0, keys = 0;
      while (i < n && toks[i].kind == TokenKind::kWord && IsKey(toks[i])) {
        if (i > start && toks[i].newline_before && numbered > 0) break;
        size_t v = i + toks[i].phrase_len;
        if (v < n && toks[v].kind == TokenKind::kPunct &&
            (s[toks[v].begin] == ':' || s[toks[v].begin] == '.')) {
          ++v;
        }
        ++keys;
        if (v < n && toks[v].kind == TokenKind::kNumber && !toks[v].newline_before) {
          // The value: 12, 12/3, 12-3, 12A.
          last = v;
          while (last + 2 < n && toks[last + 1].kind == TokenKind::kPunct &&
                 (s[toks[last + 1].begin] == '/' || s[toks[last + 1].begin] == '-') &&
                 toks[last + 2].kind == TokenKind::kNumber &&
                 toks[last + 2].begin == toks[last + 1].end) {
            last += 2;
          }
          ++numbered;
          i = last + 1;
        } else {
          // A named part (محلة الكرادة): up to a few words that are not themselves keys.
          size_t w = v;
          while (w < n && w - v < kMaxNameWords && toks[w].kind == TokenKind::kWord &&
                 !IsKey(toks[w]) && !(toks[w].flags & kLexStop) && !toks[w].newline_before) {
            ++w;
          }
          size_t after = w;
          if (after + 1 < n && toks[after].kind == TokenKind::kPunct &&
              (s[toks[after].begin] == ',' || text.TokenText(toks[after]) == "\xD8\x8C")) {
            ++after;  // "Taxa Zanko, Kolan 5"
          }
          if (w == v || after >= n || !IsKey(toks[after])) break;
          last = w - 1;
          i = after;
        }
        // Separators between parts: "محلة 905، زقاق 12"
        if (i < n && toks[i].kind == TokenKind::kPunct &&
            (s[toks[i].begin] == ',' || text.TokenText(toks[i]) == "\xD8\x8C" ||
             s[toks[i].begin] == '-') &&
            i + 1 < n && IsKey(toks[i + 1])) {
          ++i;
        }
      }
      // A one-letter key (م، ز، د: the short forms of محلة، زقاق، دار) names an address only
      // in a chain of keys; alone with a number it is a stray letter before a digit.
      if (numbered == 0 || (keys == 1 && OneLetter(text.TokenText(toks[start])))) continue;
      float score = numbered >= 2 ? 0.85f : 0.6f;
      uint32_t b = toks[start].begin, e = toks[last].end;
      if (text.ContextNear(b, e, kLexAddressCue, 4, 0)) score += 0.1f;
      out->push_back({EntityType::kAddress, b, e, score, "address"});
      k = last;
    }
    FindNumberFirst(text, out);
    return absl::OkStatus();
  }

 private:
  // Western order, as in English and Kurmanji statements: "109 Garden Street, Duhok" — a house
  // number, up to three capitalised words, a street key, and an optional ", Town".
  static void FindNumberFirst(const AnalysisText& text, std::vector<Candidate>* out) {
    const auto& toks = text.tokens();
    std::string_view s = text.text();
    size_t n = toks.size();
    for (size_t k = 0; k + 2 < n; ++k) {
      if (toks[k].kind != TokenKind::kNumber || toks[k].end - toks[k].begin > 5) continue;
      size_t i = k + 1;
      int words = 0;
      while (i < n && words < 3 && toks[i].kind == TokenKind::kWord && !IsKey(toks[i]) &&
             !toks[i].newline_before && text.Capitalized(toks[i])) {
        ++i;
        ++words;
      }
      if (words == 0 || i >= n || !IsKey(toks[i]) || toks[i].newline_before ||
          !text.Capitalized(toks[i])) {
        continue;
      }
      size_t last = i;
      if (last + 2 < n && toks[last + 1].kind == TokenKind::kPunct && s[toks[last + 1].begin] == ',' &&
          toks[last + 2].kind == TokenKind::kWord && text.Capitalized(toks[last + 2]) &&
          !toks[last + 2].newline_before) {
        last += 2;
      }
      float score = text.ContextNear(toks[k].begin, toks[last].end, kLexAddressCue, 4, 0) ? 0.85f
                                                                                       : 0.65f;
      out->push_back({EntityType::kAddress, toks[k].begin, toks[last].end, score, "address"});
      k = last;
    }
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewAddressRecognizer() {
  return std::make_unique<AddressRecognizer>();
}

}  // namespace bayyina::redact
