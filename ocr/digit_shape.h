#ifndef BAYYINA_OCR_DIGIT_SHAPE_H_
#define BAYYINA_OCR_DIGIT_SHAPE_H_

// The shape of an OCR word for matching number formats (dates, times) with a regex over
// single-byte characters, whatever digit script the word is in.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// Fills `cps` with the code points of `word` and `shape` with one character per code point:
// 'D' for an ASCII digit, 'A' for an Arabic-Indic one (U+0660..0669), 'P' for a Persian one
// (U+06F0..06F9), 'x' for an ASCII letter, other ASCII as itself, '?' for anything else.
// Returns false (and leaves both unspecified) if `word` is not valid UTF-8. Thread-safe.
bool DigitShape(absl::string_view word, std::vector<char32_t>* cps, std::string* shape);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_DIGIT_SHAPE_H_
