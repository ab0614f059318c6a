#ifndef BAYYINA_TEXT_NORMALIZE_H_
#define BAYYINA_TEXT_NORMALIZE_H_

// Per-language normalization for matching. The raw text stays the evidence; callers match on
// the normalized form and map every hit back through the offset map.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "text/language.h"

namespace bayyina::text {

// The result of normalizing a UTF-8 string.
struct NormalizedText {
  // Normalized text, UTF-8.
  std::string text;
  // For every byte of `text` plus one past the end (size text.size() + 1), the byte offset in
  // the original input where the code point that produced it starts. The last entry is the
  // input's size, so a half-open normalized range [b, e) maps to the original range
  // [to_original[b], to_original[e]).
  std::vector<uint32_t> to_original;

  // Maps a half-open byte range of `text` to the half-open byte range of the original input
  // that produced it. REQUIRES: begin <= end <= text.size().
  std::pair<size_t, size_t> OriginalRange(size_t begin, size_t end) const;
};

// Normalizes `input` for language `lang`:
//  - NFKC (Arabic presentation forms become base letters);
//  - removes bidi controls, tatweel and harakat;
//  - folds alef/hamza forms to bare alef (ar) and Arabic-Indic / Extended Arabic-Indic digits
//    and the Arabic decimal/thousands separators to ASCII;
//  - applies the Arabic or the Sorani letter rules (ة ى ي ك ه, ه+ZWNJ), which conflict, so
//    they are chosen by `lang`; Latin-script languages are case-folded.
// Returns InvalidArgument if `input` is not valid UTF-8.
// Thread-safe.
absl::StatusOr<NormalizedText> Normalize(absl::string_view input, Language lang);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_NORMALIZE_H_
