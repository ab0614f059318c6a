#include "ocr/time_colon.h"

#include <regex>
#include <vector>

#include "ocr/digit_shape.h"
#include "text/utf8.h"

namespace bayyina::ocr {

std::string RestoreTimeColon(absl::string_view word) {
  if (word.find('/') == absl::string_view::npos) return std::string(word);
  std::vector<char32_t> cps;
  std::string shape;
  if (!DigitShape(word, &cps, &shape)) return std::string(word);
  // Group 2 is the time's separator as read.
  static const std::regex kTimeThenDate(
      R"(^([DAP]{2})(\)|\(|:\)|\):|:\(|)[DAP]{2}([DAP]{4}/[DAP]{2}/[DAP]{2})$)");
  static const std::regex kDateThenTime(
      R"(^([DAP]{4}/[DAP]{2}/[DAP]{4})(\)|\(|:\)|\):|:\(|)[DAP]{2}$)");
  std::smatch m;
  if (!std::regex_match(shape, m, kTimeThenDate) && !std::regex_match(shape, m, kDateThenTime)) {
    return std::string(word);
  }
  const size_t at = static_cast<size_t>(m.position(2)), len = static_cast<size_t>(m.length(2));
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i == at) out += ':';
    if (i < at || i >= at + len) text::AppendUtf8(cps[i], &out);
  }
  return out;
}

}  // namespace bayyina::ocr
