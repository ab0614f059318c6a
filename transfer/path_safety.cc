#include "transfer/path_safety.h"

#include <unicode/utf8.h>

#include "absl/strings/str_split.h"

namespace bayyina::transfer {

absl::Status CheckSafeRelativePath(absl::string_view path) {
  if (path.empty()) return absl::InvalidArgumentError("unsafe path: empty");
  if (path.front() == '/') return absl::InvalidArgumentError("unsafe path: absolute");
  if (path.front() == '~') return absl::InvalidArgumentError("unsafe path: home shortcut '~'");
  for (unsigned char c : path) {
    if (c == 0) return absl::InvalidArgumentError("unsafe path: NUL byte");
    if (c == '\\') return absl::InvalidArgumentError("unsafe path: backslash");
    if (c < 0x20 || c == 0x7f) return absl::InvalidArgumentError("unsafe path: control character");
  }
  int32_t i = 0, n = static_cast<int32_t>(path.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(path.data(), i, n, c);
    if (c < 0) return absl::InvalidArgumentError("unsafe path: not UTF-8");
  }
  for (absl::string_view seg : absl::StrSplit(path, '/')) {
    if (seg.empty()) return absl::InvalidArgumentError("unsafe path: empty segment");
    if (seg == "." || seg == "..") return absl::InvalidArgumentError("unsafe path: dot segment");
  }
  return absl::OkStatus();
}

}  // namespace bayyina::transfer
