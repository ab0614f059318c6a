#ifndef BAYYINA_OCR_SCRIPT_FIX_H_
#define BAYYINA_OCR_SCRIPT_FIX_H_

// Tesseract's Arabic script model serves Arabic, Persian, Urdu and more, so it mixes their
// look-alike code points: Persian digits (۰-۹) for Arabic-Indic ones (٠-٩), Farsi yeh and keheh
// (ی ک) for Arabic yeh, alef maksura and kaf (ي ى ك), and it wraps words in bidi marks.
// The glyphs are identical, so the page language decides which code point was printed.

#include <string>

#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// Returns `word` (UTF-8, one OCR word in logical order) with bidi controls removed and, for
// "ar" and "ckb", look-alike letters and digits mapped to the ones that language writes.
// A word whose digits include a shape that only Persian digits have keeps Persian digits.
// A number is printed in one digit script: in a word of ASCII digits without Arabic letters,
// Arabic-Indic digits with a Latin look-alike (٥ ring, ١ stroke, ٠ dot) become 0, 1 and '.'.
// In "ar", heh doachashmee (ھ) becomes heh, and the pair that the alone-standing initial heh is
// read as (هھ or ۵ھ) becomes هـ.
// Other languages: only the bidi controls go. Thread-safe.
std::string FixScript(absl::string_view word, absl::string_view language);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_SCRIPT_FIX_H_
