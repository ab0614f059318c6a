#include "text/utf8.h"

#include "absl/strings/str_cat.h"

namespace bayyina::text {

absl::Status InvalidUtf8Error(size_t offset) {
  return absl::InvalidArgumentError(absl::StrCat("invalid UTF-8 at byte offset ", offset));
}

absl::Status ValidateUtf8(absl::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp;
    const int len = DecodeUtf8(s, pos, &cp);
    if (len == 0) return InvalidUtf8Error(pos);
    pos += len;
  }
  return absl::OkStatus();
}

}  // namespace bayyina::text
