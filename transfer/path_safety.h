// Which relative paths may enter or leave a package.
#ifndef BAYYINA_TRANSFER_PATH_SAFETY_H_
#define BAYYINA_TRANSFER_PATH_SAFETY_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace bayyina::transfer {

// OK when `path` is a portable relative path that cannot leave the directory it is resolved
// against: non-empty, '/'-separated, not absolute, no leading '~' (home shortcut), no "." or
// ".." or empty segment, no NUL, backslash or other control character, valid UTF-8. Otherwise
// InvalidArgument naming the rule broken (never echoing the path, which may hold a name).
absl::Status CheckSafeRelativePath(absl::string_view path);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_PATH_SAFETY_H_
