#ifndef BAYYINA_SERVICES_AUTH_H_
#define BAYYINA_SERVICES_AUTH_H_

// Who is calling: the principal of a gRPC call, from the common name of a verified mTLS client
// certificate, or from an "authorization: Bearer <token>" header checked against the hashed
// tokens of the principals file (cases/access.h). Tokens never reach a log.

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "cases/access.h"

namespace bayyina::services {

// Unauthenticated when the call carries no usable credential or an unknown token.
absl::StatusOr<cases::Principal> Authenticate(const grpc::ServerContext& context,
                                              const cases::TokenRegistry& tokens);

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_AUTH_H_
