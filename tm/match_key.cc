#include "tm/match_key.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "text/normalize.h"
#include "tm/segment.h"

namespace bayyina::tm {
namespace {

bool IsWordChar(UChar32 c) {
  const int8_t type = u_charType(c);
  switch (type) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

bool IsAsciiDigit(UChar32 c) { return c >= '0' && c <= '9'; }

// Characters that may join two digit runs into one number: 1,000.5  12/3/2024  10:30  07-12.
bool IsNumberJoiner(UChar32 c) {
  return c == '.' || c == ',' || c == '/' || c == ':' || c == '-';
}

// Tokenizes normalized text `n` of raw span `raw`, appending to `key`.
void Tokenize(const text::NormalizedText& n, absl::string_view raw, size_t raw_offset,
              MatchKey* key) {
  const std::string& s = n.text;
  const int32_t len = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < len) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, len, c);
    if (c < 0 || !IsWordChar(c)) continue;
    // A token: a maximal run of word characters (format characters are skipped inside it).
    bool all_digits = IsAsciiDigit(c);
    int32_t end = i;
    while (i < len) {
      const int32_t before = i;
      UChar32 d;
      U8_NEXT(s.data(), i, len, d);
      if (d >= 0 && IsWordChar(d)) {
        all_digits = all_digits && IsAsciiDigit(d);
        end = i;
        continue;
      }
      if (d >= 0 && u_charType(d) == U_FORMAT_CHAR) continue;
      // Digit run followed by a joiner and another digit: the number goes on.
      if (all_digits && d >= 0 && IsNumberJoiner(d) && i < len && IsAsciiDigit(s[i])) {
        end = i;
        continue;
      }
      i = before;
      break;
    }
    const std::string token = s.substr(start, end - start);
    const auto [rb, re] = n.OriginalRange(start, end);
    key->token_ranges.emplace_back(raw_offset + rb, raw_offset + re);
    if (all_digits) {
      Substitutable sub;
      sub.kind = Substitutable::Kind::kNumber;
      sub.raw = std::string(raw.substr(rb, re - rb));
      sub.value = token;
      sub.token = std::string(kNumberToken);
      sub.begin = raw_offset + rb;
      sub.end = raw_offset + re;
      key->substitutables.push_back(std::move(sub));
      key->tokens.emplace_back(kNumberToken);
    } else {
      key->tokens.push_back(token);
    }
    i = end;
  }
}

}  // namespace

std::string MatchKey::Joined() const { return absl::StrJoin(tokens, " "); }

std::string PrimaryLanguage(absl::string_view bcp47) {
  const size_t dash = bcp47.find_first_of("-_");
  return absl::AsciiStrToLower(bcp47.substr(0, dash));
}

bool IsValidLanguageTag(absl::string_view tag) {
  if (tag.empty() || tag.size() > 35) return false;
  size_t letters = 0;
  while (letters < tag.size() && absl::ascii_isalpha(tag[letters])) ++letters;
  if (letters < 2 || letters > 3) return false;
  for (char c : tag) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

text::Language NormalizationLanguage(absl::string_view bcp47) {
  const std::string primary = PrimaryLanguage(bcp47);
  const std::string lower = absl::AsciiStrToLower(bcp47);
  if (primary == "ar") return text::Language::kArabic;
  if (primary == "ckb") return text::Language::kSorani;
  if (primary == "kmr") return text::Language::kKurmanji;
  if (primary == "ku") {
    return lower.find("arab") != std::string::npos ? text::Language::kSorani
                                                   : text::Language::kKurmanji;
  }
  return text::Language::kEnglish;
}

absl::StatusOr<MatchKey> BuildMatchKey(absl::string_view text, absl::string_view bcp47) {
  const text::Language lang = NormalizationLanguage(bcp47);
  MatchKey key;
  size_t pos = 0;
  auto tokenize_span = [&](size_t begin, size_t end) -> absl::Status {
    if (begin >= end) return absl::OkStatus();
    const absl::string_view span = text.substr(begin, end - begin);
    absl::StatusOr<text::NormalizedText> n = text::Normalize(span, lang);
    if (!n.ok()) return n.status();
    Tokenize(*n, span, begin, &key);
    return absl::OkStatus();
  };
  for (const PlaceholderSpan& p : FindPlaceholders(text)) {
    if (absl::Status s = tokenize_span(pos, p.begin); !s.ok()) return s;
    Substitutable sub;
    sub.kind = Substitutable::Kind::kPlaceholder;
    sub.raw = std::string(text.substr(p.begin, p.end - p.begin));
    sub.value = sub.raw;
    sub.token = absl::StrCat("{", p.type, "}");
    sub.begin = p.begin;
    sub.end = p.end;
    key.tokens.push_back(sub.token);
    key.token_ranges.emplace_back(p.begin, p.end);
    key.substitutables.push_back(std::move(sub));
    pos = p.end;
  }
  if (absl::Status s = tokenize_span(pos, text.size()); !s.ok()) return s;
  return key;
}

}  // namespace bayyina::tm
