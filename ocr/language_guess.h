#ifndef BAYYINA_OCR_LANGUAGE_GUESS_H_
#define BAYYINA_OCR_LANGUAGE_GUESS_H_

// Tells Arabic from Sorani and Kurmanji from English in a sample of first-pass OCR text, from
// the letters and short words that only one language of each script uses. Used for "auto".

#include <string>
#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// Returns "ar" or "ckb" when `arabic_script`, else "kmr" or "en". `sample` is UTF-8 (invalid
// sequences are skipped). Thread-safe.
std::string GuessLanguage(absl::string_view sample, bool arabic_script);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_LANGUAGE_GUESS_H_
