#include "ocr/digit_shape.h"

#include "text/utf8.h"

namespace bayyina::ocr {

bool DigitShape(absl::string_view word, std::vector<char32_t>* cps, std::string* shape) {
  cps->clear();
  shape->clear();
  for (size_t pos = 0; pos < word.size();) {
    char32_t c = 0;
    const int len = text::DecodeUtf8(word, pos, &c);
    if (len == 0) return false;
    pos += static_cast<size_t>(len);
    cps->push_back(c);
    char s = '?';
    if (c >= '0' && c <= '9') {
      s = 'D';
    } else if (c >= 0x0660 && c <= 0x0669) {
      s = 'A';
    } else if (c >= 0x06F0 && c <= 0x06F9) {
      s = 'P';
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      s = 'x';
    } else if (c < 0x80) {
      s = static_cast<char>(c);
    }
    shape->push_back(s);
  }
  return true;
}

}  // namespace bayyina::ocr
