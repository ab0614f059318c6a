#ifndef BAYYINA_SERVICES_CASES_SERVICE_H_
#define BAYYINA_SERVICES_CASES_SERVICE_H_

#include <memory>

#include <grpcpp/impl/service_type.h>

#include "absl/status/statusor.h"
#include "services/service_options.h"

namespace bayyina::services {

// Creates the gRPC adapter for bayyina.v1.CaseService (proto/bayyina/v1/cases.proto).
absl::StatusOr<std::unique_ptr<grpc::Service>> NewCaseService(const ServiceOptions& options);

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_CASES_SERVICE_H_
