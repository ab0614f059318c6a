#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "text/utf8.h"

namespace bayyina::text {
namespace {

// Abbreviations that end with a dot but rarely end a sentence, lower case, without the dot.
// Single letters and dotted groups are handled by rule, not listed.
const absl::flat_hash_set<std::string>& LatinAbbreviations() {
  static const auto* const set = new absl::flat_hash_set<std::string>{
      // English titles, legal and reference terms.
      "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt",
      "rev", "hon", "no", "nos", "art", "arts", "para", "paras", "sec", "ch", "vol", "p", "pp",
      "cf", "vs", "approx", "dept", "inc", "ltd", "co", "corp", "fig", "jan", "feb", "mar", "apr",
      "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ref", "tel", "mt",
      // Kurmanji: hwd. (and so on), mîn. (for example), bnr. (see), dr., prof.
      "hwd", "mîn", "bnr", "r"};
  return *set;
}

// Abbreviations and clause markers are short: the rules look at this many final bytes.
constexpr size_t kWindowBytes = 64;

// A Unicode letter, or tatweel (written after Arabic abbreviation letters: "هـ.").
bool IsWordChar(char32_t c) {
  return c == 0x0640 || u_isalpha(static_cast<UChar32>(c)) ||
         u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}

bool IsArabicLetter(char32_t c) {
  return ublock_getCode(static_cast<UChar32>(c)) == UBLOCK_ARABIC && u_isalpha(c);
}

// Code points of text[begin, end), invalid bytes as U+FFFD with their offsets.
struct CodePoint {
  char32_t c;
  size_t off;
};
std::vector<CodePoint> Decode(absl::string_view text, size_t begin, size_t end) {
  std::vector<CodePoint> out;
  size_t pos = begin;
  while (pos < end) {
    char32_t c;
    int len = DecodeUtf8(text.substr(0, end), pos, &c);
    if (len == 0) {
      c = 0xFFFD;
      len = 1;
    }
    out.push_back({c, pos});
    pos += len;
  }
  return out;
}

bool IsSpace(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0x200E || c == 0x200F ||
         c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Trims white space (and bidi controls) from both ends of [begin, end).
TextSpan Trim(absl::string_view text, size_t begin, size_t end) {
  const absl::string_view range = text.substr(0, end);
  // Invalid bytes count as U+FFFD, which is not space.
  auto at = [&](size_t pos, int* len) {
    char32_t c;
    *len = DecodeUtf8(range, pos, &c);
    if (*len == 0) {
      *len = 1;
      return char32_t{0xFFFD};
    }
    return c;
  };
  int len;
  while (begin < end && IsSpace(at(begin, &len))) begin += len;
  while (end > begin) {
    // Step back to the start of the last code point, if it is one.
    size_t start = end - 1;
    while (start > begin && end - start < 4 &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    char32_t c;
    const int n = DecodeUtf8(range, start, &c);
    if (n == 0 || start + n != end || !IsSpace(c)) break;  // invalid bytes are not space
    end = start;
  }
  return {begin, end};
}

// True if the candidate sentence ending in `s` ends with an abbreviation's dot. `whole` says
// whether `s` is the whole sentence or only its last kWindowBytes.
bool EndsWithAbbreviation(const std::vector<CodePoint>& s, bool whole, Language lang) {
  if (s.empty() || s.back().c != U'.') return false;
  // The token before the final dot: letters and inner dots.
  size_t start = s.size() - 1;
  while (start > 0 && (IsWordChar(s[start - 1].c) || s[start - 1].c == U'.')) --start;
  if (start + 1 == s.size()) return false;
  if (start == 0 && !whole) return false;  // a token this long is no abbreviation
  // The abbreviation must be a word of its own: "ن." after a closing quote or a digit is a
  // sentence end.
  if (start > 0 && !IsSpace(s[start - 1].c) &&
      std::u32string_view(U"([{«“‘").find(s[start - 1].c) == std::u32string_view::npos) {
    return false;
  }
  std::vector<std::vector<char32_t>> pieces(1);
  for (size_t i = start; i + 1 < s.size(); ++i) {
    if (s[i].c == U'.') {
      pieces.emplace_back();
    } else if (s[i].c != 0x0640 && u_charType(static_cast<UChar32>(s[i].c)) != U_NON_SPACING_MARK) {
      pieces.back().push_back(s[i].c);
    }
  }
  for (const auto& p : pieces) {
    if (p.empty()) return false;  // "..", ellipsis
  }
  if (pieces.size() >= 2) {
    // Dotted groups of short pieces: "U.S", "e.g", "ص.ب", "أ.د".
    for (const auto& p : pieces) {
      if (p.size() > 2) return false;
    }
    return true;
  }
  const std::vector<char32_t>& word = pieces[0];
  if (word.size() == 1) {
    const char32_t c = word[0];
    if (IsArabicLetter(c)) return true;  // د. م. هـ. ص.
    // Latin initials; "I." ends English sentences.
    return u_isupper(static_cast<UChar32>(c)) && !(c == U'I' && lang == Language::kEnglish);
  }
  std::string lower;
  for (char32_t c : word) {
    AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))), &lower);
  }
  return LatinAbbreviations().contains(lower);
}

// True if the candidate sentence `s` (trimmed) is nothing but a clause number: "1." "١-"
// "(أ)" "12)" "ب." "iv." "(2)".
bool IsClauseMarker(const std::vector<CodePoint>& s) {
  size_t i = 0, n = s.size();
  if (n == 0) return false;
  if (s[i].c == U'(' || s[i].c == U'[') ++i;
  if (n > i && (s[n - 1].c == U'.' || s[n - 1].c == U'-' || s[n - 1].c == U')' ||
                s[n - 1].c == U']' || s[n - 1].c == 0x2013)) {
    --n;
  }
  if (n > i && (s[n - 1].c == U')' || s[n - 1].c == U']')) --n;  // "(1)."
  if (i >= n) return false;
  bool digits = true, roman = true;
  for (size_t k = i; k < n; ++k) {
    const char32_t c = s[k].c;
    if (u_charType(static_cast<UChar32>(c)) != U_DECIMAL_DIGIT_NUMBER) digits = false;
    if (std::u32string_view(U"ivxlcIVXLC").find(c) == std::u32string_view::npos) roman = false;
  }
  if (digits && n - i <= 4) return true;
  if (roman && n - i <= 5) return true;
  // A single letter, Arabic (أ ب ج د ...) or Latin (a b c).
  return n - i == 1 && u_isalpha(static_cast<UChar32>(s[i].c));
}

std::unique_ptr<icu::BreakIterator> NewSentenceIterator() {
  static const icu::BreakIterator* const prototype = []() -> icu::BreakIterator* {
    UErrorCode status = U_ZERO_ERROR;
    icu::BreakIterator* it = icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(),
                                                                        status);
    if (U_FAILURE(status)) {
      delete it;
      return nullptr;
    }
    return it;
  }();
  if (prototype == nullptr) return nullptr;
  return std::unique_ptr<icu::BreakIterator>(prototype->clone());
}

}  // namespace

std::vector<TextSpan> SplitSentences(absl::string_view text, Language lang) {
  std::vector<TextSpan> out;
  if (text.empty()) return out;

  // Candidate breaks from ICU; UText over UTF-8 gives byte offsets directly.
  std::vector<size_t> breaks = {0};
  thread_local std::unique_ptr<icu::BreakIterator> it = NewSentenceIterator();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (it != nullptr && U_SUCCESS(status)) {
    it->setText(ut, status);
    if (U_SUCCESS(status)) {
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
        if (static_cast<size_t>(b) > breaks.back() && static_cast<size_t>(b) < text.size()) {
          breaks.push_back(static_cast<size_t>(b));
        }
      }
    }
  }
  // Leave the iterator pointing at nothing before the UText goes away.
  if (it != nullptr) it->setText(icu::UnicodeString());
  utext_close(ut);
  breaks.push_back(text.size());

  TextSpan pending{0, 0};
  bool has_pending = false;
  for (size_t i = 0; i + 1 < breaks.size(); ++i) {
    const TextSpan s = Trim(text, breaks[i], breaks[i + 1]);
    if (s.begin == s.end) continue;
    if (!has_pending) {
      pending = s;
      has_pending = true;
    } else {
      pending.end = s.end;
    }
    // Both rules look only at the end of the sentence so far; decoding just a window keeps a
    // long run of merged candidates ("A. A. A. ...") linear.
    size_t window = pending.end - std::min<size_t>(pending.end - pending.begin, kWindowBytes);
    while (window > pending.begin && (static_cast<unsigned char>(text[window]) & 0xC0) == 0x80) {
      --window;
    }
    const std::vector<CodePoint> cps = Decode(text, window, pending.end);
    const bool whole = window == pending.begin;
    // A line break always ends a sentence, abbreviation or not.
    const absl::string_view gap = text.substr(pending.end, breaks[i + 1] - pending.end);
    const bool line_end = gap.find_first_of("\n\r") != absl::string_view::npos ||
                          gap.find("\u2029") != absl::string_view::npos ||
                          gap.find("\u2028") != absl::string_view::npos ||
                          gap.find("\u0085") != absl::string_view::npos;
    if (i + 2 < breaks.size() && !line_end &&
        (EndsWithAbbreviation(cps, whole, lang) || (whole && IsClauseMarker(cps)))) {
      continue;  // the next candidate continues this sentence
    }
    out.push_back(pending);
    has_pending = false;
  }
  if (has_pending) out.push_back(pending);
  return out;
}

}  // namespace bayyina::text
