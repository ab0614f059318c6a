#ifndef BAYYINA_OCR_DATE_YEAR_H_
#define BAYYINA_OCR_DATE_YEAR_H_

// The Arabic-Indic two (٢) and three (٣) differ by one tooth, which noise and JPEG blocks
// add or take away. In the year of a date the first digit settles it: evidence is dated in
// the past or near future, never in the 3000s, so a four-digit year read ٣٠.. was ٢٠... So
// does the hour of a time: there is no hour 30 to 39, so a time read ٣٠:.. to ٣٩:.. was ٢..

#include <string>

#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// Returns `word` (one OCR word in logical order) with the year of a date in Arabic-Indic (or
// Persian) digits, yyyy/mm/dd or dd/mm/yyyy with / - or . between the parts, read as ٣٠..
// (۳۰..) made ٢٠.. (۲۰..); otherwise `word` unchanged. Thread-safe.
std::string FixDateYear(absl::string_view word);

// Returns `word` with the hour of a time in Arabic-Indic (or Persian) digits, hh:mm, read as
// ٣ and a second digit (an hour 30 to 39) made ٢ and that digit; otherwise `word` unchanged.
// Only for a clock time (one printed beside a date, say): a duration may be ٣٥:١٢.
// Thread-safe.
std::string FixTimeHour(absl::string_view word);

// True for a character that separates the parts of a date or a time: / - . or :.
bool IsDateSeparator(char c);

// True if `word` is a calendar date or a clock time in one digit script (ASCII, Arabic-Indic
// or Persian): yyyy/mm/dd or dd/mm/yyyy (/ - or .) with a year 1900..2099, a month 1..12 and
// a day 1..31, or hh:mm with hh under 24 and mm under 60. Thread-safe.
bool IsDateOrTime(absl::string_view word);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_DATE_YEAR_H_
