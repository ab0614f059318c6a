#ifndef BAYYINA_SERVICES_STATUS_H_
#define BAYYINA_SERVICES_STATUS_H_

// The one place where domain errors (absl::Status) become gRPC statuses and back.

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace bayyina::services {

// Maps `status` to the gRPC status with the same canonical code and message. The message of a
// domain status never carries evidence text (domain libraries guarantee it), so it is passed on.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients that reuse domain code paths.
absl::Status FromGrpcStatus(const grpc::Status& status);

// Free-text request fields are declared `bytes` (a `string` field with invalid UTF-8 fails proto
// parsing, which gRPC reports as INTERNAL with no message). Returns InvalidArgument naming
// `field` and the byte offset when `text` is not valid UTF-8, never quoting the text.
absl::Status CheckUtf8Field(absl::string_view text, absl::string_view field);

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_STATUS_H_
