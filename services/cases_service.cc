#include "services/cases_service.h"

#include "bayyina/v1/cases.grpc.pb.h"

namespace bayyina::services {

// Not built yet: the generated base class answers every RPC with UNIMPLEMENTED.
// The capability issue replaces this with a real adapter.
absl::StatusOr<std::unique_ptr<grpc::Service>> NewCaseService(const ServiceOptions& options) {
  return std::make_unique<bayyina::v1::CaseService::Service>();
}

}  // namespace bayyina::services
