#ifndef BAYYINA_OCR_FIVE_LOOK_ALIKE_H_
#define BAYYINA_OCR_FIVE_LOOK_ALIKE_H_

// The Arabic-Indic digit five (٥) is a small loop, the shape of the isolated Sorani letter ae
// (ە). The Sorani model, whose language model knows far more words than numbers, reads the
// five at the edge of a number as that letter: "٥٠٦٣٣" as "٦٣٣ ە" or "٠٦٣٣ە". Sorani never
// writes ae as a word of its own and Arabic does not use it, so a lone ae printed as part of a
// number is its digit. (Heh, ه, is left alone: Arabic writes the Hijri year's abbreviation
// with it, often against the year.)

#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// True if `word` (UTF-8, logical order) is the one letter ae (ە). Thread-safe.
bool IsLoneLoopLetter(absl::string_view word);

// True if `word` is an Arabic-Indic number (at least two digits, separators / - . : between
// them) with one ae at its first or last position and no other letter. Thread-safe.
bool IsNumberWithLoopLetter(absl::string_view word);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_FIVE_LOOK_ALIKE_H_
