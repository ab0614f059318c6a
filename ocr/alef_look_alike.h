#ifndef BAYYINA_OCR_ALEF_LOOK_ALIKE_H_
#define BAYYINA_OCR_ALEF_LOOK_ALIKE_H_

// The alef (ا, and أ with a hamza above) is a plain vertical stroke, the shape of the digit
// one in both scripts (1, ١). Beside a number ("91102 أ", a plate's letter) the recognizers
// read it as one more digit, and English then runs it into the number ("191102"). What tells
// them apart is height: digits stand between the baseline and one height; the alef rises
// above them (its hamza, or its ascender in most fonts).

#include "absl/strings/string_view.h"
#include "ocr/page.h"

namespace bayyina::ocr {

// True if `word` (UTF-8) is one stroke-shaped character: 1, ١, ۱, l, I or |. Thread-safe.
bool IsLoneStroke(absl::string_view word);

// True if `stroke` (the box of such a character) rises above `digits` (the box of a number on
// the same line) by more than a sixth of the number's height while standing on its baseline
// (its bottom within that much of the number's). Thread-safe.
bool RisesAboveDigits(const Box& stroke, const Box& digits);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_ALEF_LOOK_ALIKE_H_
