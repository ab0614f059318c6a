#ifndef BAYYINA_SERVICES_STATUS_H_
#define BAYYINA_SERVICES_STATUS_H_

// The one place where domain errors (absl::Status) become gRPC statuses and back.

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace bayyina::services {

// Maps `status` to the gRPC status with the same canonical code and message. The message of a
// domain status never carries evidence text (domain libraries guarantee it), so it is passed on.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients that reuse domain code paths.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_STATUS_H_
