#ifndef BAYYINA_TEXT_DIGITS_H_
#define BAYYINA_TEXT_DIGITS_H_

// Digit folding for places that need only digits, such as OCR post-processing of numbers.
// Normalize() applies the same folding together with everything else and keeps offsets.

#include <string>

#include "absl/strings/string_view.h"

namespace bayyina::text {

// The value 0-9 of an ASCII, Arabic-Indic (U+0660-0669) or Extended Arabic-Indic
// (U+06F0-06F9) digit, or -1 for any other code point.
int DigitValue(char32_t c);

// Returns `text` with Arabic-Indic and Extended Arabic-Indic digits replaced by ASCII digits,
// the Arabic decimal separator U+066B by '.' and the Arabic thousands separator U+066C by ','.
// Every other byte is copied unchanged, invalid UTF-8 included. Offsets shift (each folded
// code point shrinks from 2 bytes to 1); use Normalize() where offsets matter.
std::string FoldDigits(absl::string_view text);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_DIGITS_H_
