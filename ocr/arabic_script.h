#ifndef BAYYINA_OCR_ARABIC_SCRIPT_H_
#define BAYYINA_OCR_ARABIC_SCRIPT_H_

// The classes of Arabic-script characters that the OCR rules test, and the UTF-8 decoding
// they need, defined once for all of ocr/. All functions are thread-safe.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// Letters of the Arabic block used by Arabic and Sorani: U+0620..064A, U+066E..06D3 and
// U+06D5 (ae). Not the Arabic full stop U+06D4, digits, marks or punctuation.
bool IsArabicLetter(char32_t c);

// Arabic-Indic digits U+0660..0669.
bool IsArabicIndicDigit(char32_t c);

// Arabic-Indic or Persian (U+06F0..06F9) digits.
bool IsEasternDigit(char32_t c);

// Fills `out` with the code points of `s`. Returns false (and leaves `out` unspecified) if `s`
// is not valid UTF-8.
bool DecodeAll(absl::string_view s, std::vector<char32_t>* out);

// The code points of `s`, with each byte that is not valid UTF-8 as U+FFFD.
std::vector<char32_t> CodePoints(absl::string_view s);

// `cps` as UTF-8.
std::string Utf8(const std::vector<char32_t>& cps);

// True if `s` has an Arabic letter (IsArabicLetter).
bool HasArabicLetter(absl::string_view s);

// The number of Arabic-Indic and Persian digits in `s`.
int EasternDigitCount(absl::string_view s);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_ARABIC_SCRIPT_H_
