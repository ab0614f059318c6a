// PERSON without a network model. Three rules over the gazetteer-flagged tokens:
//  - a person cue (المتهم، الشاهد، السيد، تۆمەتبار، Gumanbar, witness...) followed by a name:
//    gazetteer names, links (بن، ابن) and, because many names are not in any list, unknown
//    words up to a name's length (capitalised ones in Latin script), stopping at function
//    words, other cues, punctuation, digits and line ends;
//  - a chain of gazetteer names without a cue (given + father + grandfather, given + family);
//  - a lone given name is reported below the default threshold, for review.

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "redact/recognizer.h"
#include "redact/utf8.h"

namespace bayyina::redact {
namespace {

constexpr int kMaxNameWords = 6;
constexpr int kMaxUnknownWords = 4;
constexpr uint32_t kNameFlags = kLexGiven | kLexFamily;
// Words that end a name because they start another field.
constexpr uint32_t kBreakFlags = kLexStop | kLexPersonCue | kLexPhoneCue | kLexIdCue |
                                 kLexPassportCue | kLexBirthCue | kLexAddressKey |
                                 kLexAddressCue | kLexVehicleCue | kLexMonth | kLexHijriMonth |
                                 kLexAccountCue | kLexDateCue | kLexNumberCue;

struct Chain {
  size_t end = 0;  // one past the last token of the name
  int words = 0;
  int known = 0;   // gazetteer hits
};

// Whether an Arabic-script word outside the gazetteer may continue a name after a cue. Words
// with a preposition glued to the article (بال، وال، فال، كال، لل) never start a name part; once a
// known name is in the chain, only a nisba (الجبوري، الكعبي) or a Sorani -ی surname extends it.
bool PlausibleUnknownName(std::string_view w, bool after_known) {
  for (std::string_view p : {"\xD8\xA8\xD8\xA7\xD9\x84", "\xD9\x88\xD8\xA7\xD9\x84",
                             "\xD9\x81\xD8\xA7\xD9\x84", "\xD9\x83\xD8\xA7\xD9\x84",
                             "\xD9\x84\xD9\x84"}) {
    if (w.starts_with(p)) return false;
  }
  if (!after_known) return true;
  bool article = w.starts_with("\xD8\xA7\xD9\x84");            // ال
  bool nisba = w.ends_with("\xD9\x8A") || w.ends_with("\xDB\x8C");  // ي / ی
  return nisba && (article || w.size() >= 8);
}

// Whether token `t` is written in Latin script. Kurmanji names often start with a letter outside
// ASCII (Şêrko, Îbrahîm, Çiya), which must be judged like any Latin name: capitalised.
bool Latin(std::string_view s, const Token& t) {
  char32_t cp = 0;
  utf8::Decode(s.substr(t.begin, t.end - t.begin), 0, &cp);
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &err) == USCRIPT_LATIN && U_SUCCESS(err);
}

class PersonRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "person"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    const auto& toks = text.tokens();
    std::string_view s = text.text();
    size_t n = toks.size();
    for (size_t k = 0; k < n; ++k) {
      const Token& t = toks[k];
      if (t.kind != TokenKind::kWord) continue;
      uint32_t f = t.flags | t.phrase_flags;
      if (f & kLexPersonCue) {
        size_t start = k + t.phrase_len;
        // "الاسم: ..." / "Name - ..."
        while (start < n && toks[start].kind == TokenKind::kPunct &&
               (s[toks[start].begin] == ':' || s[toks[start].begin] == '-' ||
                s[toks[start].begin] == '/') &&
               start - k <= static_cast<size_t>(t.phrase_len) + 1) {
          ++start;
        }
        Chain c = Extend(text, start, /*after_cue=*/true);
        if (c.words > 0) {
          out->push_back({EntityType::kPerson, toks[start].begin, toks[c.end - 1].end,
                          c.known > 0 ? 0.9f : 0.7f, "person_cue"});
          k = c.end - 1;
        }
        continue;
      }
      if (!(t.flags & (kLexGiven | kLexFamily | kLexNamePrefix)) &&
          !(t.phrase_flags & kLexGiven)) {
        continue;
      }
      const bool latin = Latin(s, t);
      if (!text.Capitalized(t) && latin) continue;  // "will", "rose"
      Chain c = Extend(text, k, /*after_cue=*/false);
      if (c.words == 0) continue;
      float score = c.known >= 3 ? 0.85f : c.known == 2 ? 0.75f : 0.35f;
      uint32_t begin = t.begin;
      if (c.known == 1 && c.words == 1 && (t.flags & kLexFamily) && !(t.flags & kLexGiven)) {
        // A family or tribal name alone (العبيدي) is a name; the word before it on the same line
        // is most likely its given name, misread or outside the gazetteer.
        score = 0.6f;
        if (k > 0 && toks[k - 1].kind == TokenKind::kWord && !t.newline_before &&
            !(toks[k - 1].flags & kBreakFlags) && !(toks[k - 1].phrase_flags & kBreakFlags)) {
          begin = toks[k - 1].begin;
        }
      } else if (c.known == 1 && c.words == 1 && !latin && c.end < n &&
                 toks[c.end].kind == TokenKind::kWord && !toks[c.end].newline_before &&
                 !(toks[c.end].flags & kBreakFlags) &&
                 PlausibleUnknownName(text.TokenText(toks[c.end]), /*after_known=*/true)) {
        // A given name and a nisba outside the gazetteer (or misread): حسين الخفاجي.
        score = 0.6f;
        c.end += 1;
      } else if (c.known == 1 && c.words == 1 && latin && c.end < n &&
                 toks[c.end].kind == TokenKind::kWord && !toks[c.end].newline_before &&
                 text.Capitalized(toks[c.end]) && !(toks[c.end].flags & kBreakFlags)) {
        // A Latin given name and a capitalised surname outside the gazetteer: David Turner.
        score = 0.6f;
        c.end += 1;
      }
      out->push_back({EntityType::kPerson, begin, toks[c.end - 1].end, score,
                      "person_gazetteer"});
      k = c.end - 1;
    }
    return absl::OkStatus();
  }

 private:
  static Chain Extend(const AnalysisText& text, size_t k, bool after_cue) {
    const auto& toks = text.tokens();
    std::string_view s = text.text();
    size_t n = toks.size();
    Chain c;
    c.end = k;
    int unknown = 0;
    while (k < n && c.words < kMaxNameWords) {
      const Token& t = toks[k];
      if (t.kind != TokenKind::kWord) break;
      if (c.words > 0 && t.newline_before) break;
      uint32_t f = t.flags | t.phrase_flags;
      bool latin = Latin(s, t);
      if (latin && !text.Capitalized(t)) break;
      if ((f & kNameFlags) && (f & kLexStop)) {
        // Normalization merges some names with function words (علي / على). Such a word is a
        // name right after a cue or when another name follows it.
        bool next_is_name = k + t.phrase_len < n &&
                            toks[k + t.phrase_len].kind == TokenKind::kWord &&
                            !toks[k + t.phrase_len].newline_before &&
                            (toks[k + t.phrase_len].flags & kNameFlags) &&
                            !(toks[k + t.phrase_len].flags & kLexStop);
        if (!(after_cue && c.words == 0) && !next_is_name) break;
        ++c.known;
      } else if (f & kNameFlags) {
        ++c.known;
      } else if (f & (kLexNameLink | kLexNamePrefix)) {
        // بن / عبد must be followed by a name word on the same line.
        if (k + 1 >= n || toks[k + 1].kind != TokenKind::kWord || toks[k + 1].newline_before ||
            (toks[k + 1].flags & kBreakFlags)) {
          break;
        }
        if (f & kLexNamePrefix) {
          // عبد + any word is a compound given name (عبد الكريم), known or not.
          ++c.known;
          c.words += 1;
          k += 2;
          c.end = k;
          continue;
        }
      } else if (f & kBreakFlags) {
        break;
      } else if (!after_cue || ++unknown > kMaxUnknownWords ||
                 t.end - t.begin < (latin ? 2u : 4u) ||
                 (!latin && !PlausibleUnknownName(text.TokenText(t), c.known > 0))) {
        break;  // a one-letter word is a particle, not a name
      }
      ++c.words;
      k += t.phrase_len;
      c.end = k;
    }
    // A chain never ends on a link word.
    while (c.end > 0 && c.words > 0 &&
           (toks[c.end - 1].flags & (kLexNameLink | kLexNamePrefix)) &&
           !(toks[c.end - 1].flags & kNameFlags)) {
      --c.end;
      --c.words;
    }
    return c;
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewPersonRecognizer() { return std::make_unique<PersonRecognizer>(); }

}  // namespace bayyina::redact
