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

std::string Utf8(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t c : cps) text::AppendUtf8(c, &out);
  return out;
}

namespace {

// Calls fn(c) on each code point of `s` (U+FFFD for a byte that is not valid UTF-8) until fn
// returns true; returns whether it did. Decodes in place: these run on every word of a line.
template <typename Fn>
bool AnyCodePoint(absl::string_view s, Fn fn) {
  for (size_t pos = 0; pos < s.size();) {
    char32_t c = 0;
    const int len = text::DecodeUtf8(s, pos, &c);
    if (fn(len == 0 ? U'\uFFFD' : c)) return true;
    pos += len == 0 ? 1 : static_cast<size_t>(len);
  }
  return false;
}

}  // namespace

std::vector<char32_t> CodePoints(absl::string_view s) {
  std::vector<char32_t> out;
  AnyCodePoint(s, [&](char32_t c) {
    out.push_back(c);
    return false;
  });
  return out;
}

bool HasArabicLetter(absl::string_view s) { return AnyCodePoint(s, IsArabicLetter); }

int EasternDigitCount(absl::string_view s) {
  int n = 0;
  AnyCodePoint(s, [&](char32_t c) {
    n += IsEasternDigit(c);
    return false;
  });
  return n;
}

}  // namespace bayyina::ocr
