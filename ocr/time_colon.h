#ifndef BAYYINA_OCR_TIME_COLON_H_
#define BAYYINA_OCR_TIME_COLON_H_

// A date and a time printed with a space between them ("٢٠٢١/٠١/٢٠ ٢١:٤٤") that the
// recognizer ran together into one word often loses the time's colon on the way, or reads it
// as a bracket: "٢١)٤٤٢٠٢١/٠١/٢٠", "٢١:)٤٤٢٠٢١/٠١/٢٠", "٢١٤٤٢٠٢١/٠١/٢٠". Next to a whole
// date (four-digit year, two-digit month and day), two digits, such a mark or nothing, and
// two digits can only be a time; its separator is a colon.

#include <string>

#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// Returns `word` (one OCR word, digits of any script in the order printed, left to right)
// with the time's separator put back as ':' where it is a date run into a time (either side
// first) whose colon was lost or read as ')', '(' or a colon with a bracket; otherwise
// `word` unchanged (also when the colon was read right). Thread-safe.
std::string RestoreTimeColon(absl::string_view word);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_TIME_COLON_H_
