#ifndef BAYYINA_OCR_DATE_YEAR_H_
#define BAYYINA_OCR_DATE_YEAR_H_

// The Arabic-Indic two (٢) and three (٣) differ by one tooth, which noise and JPEG blocks
// add or take away. In the year of a date the first digit settles it: evidence is dated in
// the past or near future, never in the 3000s, so a four-digit year read ٣٠.. was ٢٠...

#include <string>

#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// Returns `word` (one OCR word in logical order) with the year of a date in Arabic-Indic (or
// Persian) digits, yyyy/mm/dd or dd/mm/yyyy with / - or . between the parts, read as ٣٠..
// (۳۰..) made ٢٠.. (۲۰..); otherwise `word` unchanged. Thread-safe.
std::string FixDateYear(absl::string_view word);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_DATE_YEAR_H_
