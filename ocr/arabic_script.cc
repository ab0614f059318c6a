#include "ocr/arabic_script.h"

#include <algorithm>

#include "text/utf8.h"

namespace bayyina::ocr {

bool IsArabicLetter(char32_t c) {
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5;
}

bool IsArabicIndicDigit(char32_t c) { return c >= 0x0660 && c <= 0x0669; }

bool IsEasternDigit(char32_t c) { return IsArabicIndicDigit(c) || (c >= 0x06F0 && c <= 0x06F9); }

bool DecodeAll(absl::string_view s, std::vector<char32_t>* out) {
  out->clear();
  for (size_t pos = 0; pos < s.size();) {
    char32_t c = 0;
    const int len = text::DecodeUtf8(s, pos, &c);
    if (len == 0) return false;
    out->push_back(c);
    pos += static_cast<size_t>(len);
  }
  return true;
}

std::vector<char32_t> CodePoints(absl::string_view s) {
  std::vector<char32_t> out;
  for (size_t pos = 0; pos < s.size();) {
    char32_t c = 0;
    const int len = text::DecodeUtf8(s, pos, &c);
    out.push_back(len == 0 ? U'\uFFFD' : c);
    pos += len == 0 ? 1 : static_cast<size_t>(len);
  }
  return out;
}

bool HasArabicLetter(absl::string_view s) {
  const std::vector<char32_t> cps = CodePoints(s);
  return std::any_of(cps.begin(), cps.end(), IsArabicLetter);
}

int EasternDigitCount(absl::string_view s) {
  const std::vector<char32_t> cps = CodePoints(s);
  return static_cast<int>(std::count_if(cps.begin(), cps.end(), IsEasternDigit));
}

}  // namespace bayyina::ocr
