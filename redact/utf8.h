#ifndef BAYYINA_REDACT_UTF8_H_
#define BAYYINA_REDACT_UTF8_H_

// Small UTF-8 helpers for text that text::Normalize has already validated. Not for raw input.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bayyina::redact::utf8 {

// Decodes the code point starting at s[i] and returns its byte length (1..4).
// REQUIRES: i < s.size() and s is valid UTF-8.
inline int Decode(std::string_view s, size_t i, char32_t* cp) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  char32_t v = b & (0x7F >> len);
  for (int k = 1; k < len && i + k < s.size(); ++k) {
    v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  *cp = v;
  return len;
}

// Byte length of the code point that ends just before s[i]. REQUIRES: i > 0.
inline int PreviousLength(std::string_view s, size_t i) {
  int len = 1;
  while (len < 4 && i >= static_cast<size_t>(len) + 1 &&
         (static_cast<unsigned char>(s[i - len]) & 0xC0) == 0x80) {
    ++len;
  }
  return len;
}

inline bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Punctuation and symbols that end a word in the scripts we read. Everything else that is not
// a space or an ASCII digit counts as a letter.
inline bool IsPunct(char32_t c) {
  if (c < 0x80) {
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  }
  return (c >= 0xA1 && c <= 0xBF && c != 0xAA && c != 0xB5 && c != 0xBA) || c == 0xD7 ||
         c == 0xF7 || c == 0x60C || c == 0x61B || c == 0x61F || (c >= 0x66A && c <= 0x66D) ||
         c == 0x6D4 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
         (c >= 0x2190 && c <= 0x2BFF) || c == 0xFD3E || c == 0xFD3F;
}

// Number of code points in s[0, byte_end).
inline size_t CodePoints(std::string_view s, size_t byte_end) {
  size_t n = 0;
  for (size_t i = 0; i < byte_end; ++i) {
    n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  }
  return n;
}

}  // namespace bayyina::redact::utf8

#endif  // BAYYINA_REDACT_UTF8_H_
