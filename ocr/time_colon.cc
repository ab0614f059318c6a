#include "ocr/time_colon.h"

#include <regex>
#include <vector>

#include "text/utf8.h"

namespace bayyina::ocr {

std::string RestoreTimeColon(absl::string_view word) {
  if (word.find('/') == absl::string_view::npos) return std::string(word);
  // One shape character per code point: 'd' for a digit of any script, ASCII as itself.
  std::vector<char32_t> cps;
  std::string shape;
  for (size_t pos = 0; pos < word.size();) {
    char32_t c = 0;
    const int len = text::DecodeUtf8(word, pos, &c);
    if (len == 0) return std::string(word);
    pos += static_cast<size_t>(len);
    const bool digit = (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) ||
                       (c >= 0x06F0 && c <= 0x06F9);
    cps.push_back(c);
    shape += digit ? 'd' : c < 0x80 ? static_cast<char>(c) : '?';
  }
  // Group 2 is the time's separator as read.
  static const std::regex kTimeThenDate(R"(^(dd)(\)|\(|:\)|\):|:\(|)dd(dddd/dd/dd)$)");
  static const std::regex kDateThenTime(R"(^(dddd/dd/dddd)(\)|\(|:\)|\):|:\(|)dd$)");
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
