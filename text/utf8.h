#ifndef BAYYINA_TEXT_UTF8_H_
#define BAYYINA_TEXT_UTF8_H_

// Strict UTF-8 decoding and encoding shared by the text library. Strict means: no overlong
// forms, no surrogates, nothing above U+10FFFF, no truncated sequences (RFC 3629).

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace bayyina::text {

// Decodes the code point that starts at `s[pos]`. On success stores it in `*cp` and returns its
// length in bytes (1-4); returns 0 if the bytes at `pos` are not a valid sequence.
// REQUIRES: pos < s.size().
inline int DecodeUtf8(absl::string_view s, size_t pos, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const size_t avail = s.size() - pos;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  if (b0 < 0xC2) return 0;  // continuation byte or overlong 2-byte lead
  if (b0 < 0xE0) {
    if (avail < 2 || (p[1] & 0xC0) != 0x80) return 0;
    *cp = (char32_t{b0} & 0x1F) << 6 | (p[1] & 0x3F);
    return 2;
  }
  if (b0 < 0xF0) {
    if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    const char32_t c = (char32_t{b0} & 0x0F) << 12 | (char32_t{p[1]} & 0x3F) << 6 | (p[2] & 0x3F);
    if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return 3;
  }
  if (b0 < 0xF5) {
    if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) {
      return 0;
    }
    const char32_t c = (char32_t{b0} & 0x07) << 18 | (char32_t{p[1]} & 0x3F) << 12 |
                       (char32_t{p[2]} & 0x3F) << 6 | (p[3] & 0x3F);
    if (c < 0x10000 || c > 0x10FFFF) return 0;
    *cp = c;
    return 4;
  }
  return 0;
}

// Appends the UTF-8 encoding of `cp` to `out` and returns the number of bytes written.
// REQUIRES: cp is a Unicode scalar value.
inline int AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return 1;
  }
  if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 2);
    return 2;
  }
  if (cp < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 3);
    return 3;
  }
  const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)),
                     static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                     static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                     static_cast<char>(0x80 | (cp & 0x3F))};
  out->append(b, 4);
  return 4;
}

// Returns OK if `s` is valid UTF-8, otherwise InvalidArgument naming the byte offset of the
// first invalid sequence (never the text itself).
absl::Status ValidateUtf8(absl::string_view s);

// The InvalidArgument status that ValidateUtf8 returns for an invalid sequence at `offset`.
absl::Status InvalidUtf8Error(size_t offset);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_UTF8_H_
