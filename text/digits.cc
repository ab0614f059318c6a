#include "text/digits.h"

namespace bayyina::text {

int DigitValue(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= 0x0660 && c <= 0x0669) return static_cast<int>(c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return static_cast<int>(c - 0x06F0);
  return -1;
}

std::string FoldDigits(absl::string_view text) {
  // Works on bytes: U+0660-066C are D9 A0-AC and U+06F0-06F9 are DB B0-B9 in UTF-8, and a
  // continuation byte is never a lead byte, so no valid sequence is misread.
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (i + 1 < text.size() && (b == 0xD9 || b == 0xDB)) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      if (b == 0xD9 && b1 >= 0xA0 && b1 <= 0xA9) {
        out.push_back(static_cast<char>('0' + (b1 - 0xA0)));
        ++i;
        continue;
      }
      if (b == 0xD9 && (b1 == 0xAB || b1 == 0xAC)) {
        out.push_back(b1 == 0xAB ? '.' : ',');
        ++i;
        continue;
      }
      if (b == 0xDB && b1 >= 0xB0 && b1 <= 0xB9) {
        out.push_back(static_cast<char>('0' + (b1 - 0xB0)));
        ++i;
        continue;
      }
    }
    out.push_back(static_cast<char>(b));
  }
  return out;
}

}  // namespace bayyina::text
