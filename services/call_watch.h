#ifndef BAYYINA_SERVICES_CALL_WATCH_H_
#define BAYYINA_SERVICES_CALL_WATCH_H_

// A server interceptor that logs every call (method, status code, duration, never payloads)
// and cancels calls that outlive the server's per-RPC time limit.

#include <memory>

#include <grpcpp/support/server_interceptor.h>

#include "absl/time/time.h"

namespace bayyina::services {

// Returns the factory to hand to ServerBuilder::experimental().SetInterceptorCreators().
// The factory owns a watchdog thread that lives as long as the factory.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewCallWatchFactory(
    absl::Duration max_rpc_duration);

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_CALL_WATCH_H_
