#include "ocr/digit_shape.h"

#include "ocr/arabic_script.h"

namespace bayyina::ocr {

bool DigitShape(absl::string_view word, std::vector<char32_t>* cps, std::string* shape) {
  shape->clear();
  if (!DecodeAll(word, cps)) return false;
  for (char32_t c : *cps) {
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
