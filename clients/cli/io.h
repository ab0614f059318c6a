#ifndef BAYYINA_CLIENTS_CLI_IO_H_
#define BAYYINA_CLIENTS_CLI_IO_H_

// File and stream helpers shared by the CLI commands. Errors name the path or the stream and
// the limit, never the content.

#include <cstddef>
#include <istream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace bayyina::cli {

// Reads all of `in`. InvalidArgument naming `what` when it is larger than `limit` bytes.
absl::StatusOr<std::string> ReadAll(std::istream& in, size_t limit, absl::string_view what);

// Reads the file at `path`. NotFound when it cannot be opened; InvalidArgument when it is
// larger than `limit` bytes.
absl::StatusOr<std::string> ReadFile(const std::string& path, size_t limit);

// Writes `data` to `path` (mode 0600) through a temporary file, fsync and rename, so that a
// failure never leaves a half-written output. "-" writes to stdout.
absl::Status WriteFileAtomic(const std::string& path, absl::string_view data);

}  // namespace bayyina::cli

#endif  // BAYYINA_CLIENTS_CLI_IO_H_
