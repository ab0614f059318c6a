#include "ocr/alef_look_alike.h"

#include <cstdlib>

namespace bayyina::ocr {

bool IsLoneStroke(absl::string_view word) {
  return word == "1" || word == "l" || word == "I" || word == "|" || word == "\u0661" ||
         word == "\u06f1";
}

bool RisesAboveDigits(const Box& stroke, const Box& digits) {
  const int32_t slack = digits.height() / 6;
  return !digits.empty() && digits.top - stroke.top > slack &&
         std::abs(stroke.bottom - digits.bottom) <= slack;
}

}  // namespace bayyina::ocr
