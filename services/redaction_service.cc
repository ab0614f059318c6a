#include "services/redaction_service.h"

#include "bayyina/v1/redaction.grpc.pb.h"

namespace bayyina::services {

// Not built yet: the generated base class answers every RPC with UNIMPLEMENTED.
// The capability issue replaces this with a real adapter.
absl::StatusOr<std::unique_ptr<grpc::Service>> NewRedactionService(const ServiceOptions& options) {
  return std::make_unique<bayyina::v1::RedactionService::Service>();
}

}  // namespace bayyina::services
