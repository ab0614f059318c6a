#ifndef BAYYINA_TM_MATCH_KEY_H_
#define BAYYINA_TM_MATCH_KEY_H_

// The normalized match key of a segment: the tokens that fuzzy matching compares. Text is
// normalized per language (text::Normalize), punctuation is dropped, a placeholder "[TYPE_N]"
// becomes the token "{TYPE}" and every number the token "{NUM}", so that two sentences that
// differ only in a redacted value or a number have the same key.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "text/language.h"

namespace bayyina::tm {

// The token that stands for any number in a key.
inline constexpr absl::string_view kNumberToken = "{NUM}";

// A value of the raw text that the key abstracts away (a number or a placeholder), in order
// of appearance. Suggestions substitute the query's values for the stored ones.
struct Substitutable {
  enum class Kind { kNumber, kPlaceholder };
  Kind kind = Kind::kNumber;
  std::string raw;       // as written: "٢٠٢٤", "[PERSON_1]"
  std::string value;     // compared value: ASCII digits for numbers, raw for placeholders
  std::string token;     // the key token: "{NUM}" or "{PERSON}"
  size_t begin = 0;      // byte range of `raw` in the text the key was built from
  size_t end = 0;
};

struct MatchKey {
  std::vector<std::string> tokens;
  // For each token, the byte range of the text it was built from.
  std::vector<std::pair<size_t, size_t>> token_ranges;
  std::vector<Substitutable> substitutables;

  // Tokens joined by single spaces; what the store keeps.
  std::string Joined() const;
};

// The normalization rules for a BCP-47 tag: "ar" -> Arabic, "ckb" (and "ku-Arab") -> Sorani,
// "kmr" (and "ku", "ku-Latn") -> Kurmanji; every other language (English and the EU target
// languages) gets the Latin-script rules: NFKC and case folding.
text::Language NormalizationLanguage(absl::string_view bcp47);

// The primary language subtag of a BCP-47 tag, lower-cased ("ar-IQ" -> "ar"). Units and
// lookups are matched on it.
std::string PrimaryLanguage(absl::string_view bcp47);

// True when `tag` is a syntactically plausible BCP-47 tag (letters, digits and '-', starting
// with 2-3 letters).
bool IsValidLanguageTag(absl::string_view tag);

// Builds the key of `text` (inline codes already removed) for language `bcp47`.
// Returns InvalidArgument when `text` is not valid UTF-8. Thread-safe.
absl::StatusOr<MatchKey> BuildMatchKey(absl::string_view text, absl::string_view bcp47);

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_MATCH_KEY_H_
