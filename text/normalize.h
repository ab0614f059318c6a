#ifndef BAYYINA_TEXT_NORMALIZE_H_
#define BAYYINA_TEXT_NORMALIZE_H_

// Per-language normalization for matching. The raw text stays the evidence; callers match on
// the normalized form and map every hit back through the offset map.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
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
  // that produced it. Output bytes are grouped in units: the bytes produced by one input code
  // point (with the removed marks and controls that follow it), or by one NFKC segment that
  // had to go through ICU (e.g. a ligature that expands to several letters). A range whose end
  // falls inside a unit is widened to the unit's end, so a hit is never cut short; at unit
  // boundaries the result is exactly [to_original[begin], to_original[end]).
  // Out-of-range arguments are clamped. REQUIRES: begin <= end <= text.size().
  std::pair<size_t, size_t> OriginalRange(size_t begin, size_t end) const;
};

// Normalizes `input` for language `lang`:
//  - NFKC (Arabic presentation forms become base letters);
//  - removes bidi controls, tatweel and harakat;
//  - folds alef/hamza forms to bare alef (ar) and Arabic-Indic / Extended Arabic-Indic digits
//    and the Arabic decimal/thousands separators to ASCII;
//  - applies the Arabic or the Sorani letter rules (ة ى ي ك ه, ه+ZWNJ), which conflict, so
//    they are chosen by `lang`; Latin-script languages are case-folded.
// In detail, in this order:
//  1. NFKC (ICU), applied only to NFKC segments that are not already stable.
//  2. Removed in every language: bidi controls (LRM, RLM, ALM, LRE..RLO, LRI..PDI), ZWSP,
//     ZWNJ, ZWJ, U+FEFF, tatweel U+0640, and every nonspacing mark or format character of the
//     Arabic blocks: harakat U+064B-065F, superscript alef U+0670, Quranic marks U+06D6-06ED,
//     honorific signs U+0610-061A, Arabic number signs U+0600-0605.
//  3. Folded in every language: U+0660-0669 and U+06F0-06F9 to '0'-'9', U+066B (decimal
//     separator) to '.', U+066C (thousands separator) to ',', U+066A to '%'.
//  4. ar: أ إ آ ٱ ٲ ٳ -> ا; ة -> ه; ى -> ي; Persian/Kurdish ی -> ي; ک -> ك. ؤ ئ ء are kept:
//     they are distinct spellings, not variants of one letter.
//     ckb: ي ى -> ی; ك -> ک; ه followed by ZWNJ -> ە; أ إ آ ٱ -> ا. ه, ە and ة are NOT
//     merged (in Sorani ه is the consonant h and ە the vowel e), and ئ is kept (it carries
//     word-initial vowels).
//     kmr, en: full Unicode case folding (ICU), with İ -> i. Latin in ar/ckb text is not folded.
// A run of more than 30 code points without an NFKC boundary (combining marks piled on one
// letter) is normalized in pieces of 30, as if a CGJ separated them (the Stream-Safe Text
// Format of UAX #15); real text never has such runs, and the cut keeps the time linear.
// Returns InvalidArgument naming the byte offset (never the text) if `input` is not valid
// UTF-8, and for inputs of 4 GiB or more.
// Thread-safe.
absl::StatusOr<NormalizedText> Normalize(absl::string_view input, Language lang);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_NORMALIZE_H_
