#ifndef BAYYINA_SERVICES_REGISTRY_H_
#define BAYYINA_SERVICES_REGISTRY_H_

// The catalogue of Bayyina's gRPC services, so that bayyinad can host any subset.

#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include <grpcpp/impl/service_type.h>

#include "absl/status/statusor.h"
#include "services/service_options.h"

namespace bayyina::services {

struct HostedService {
  std::string short_name;  // Name used on the command line, e.g. "ocr".
  std::string full_name;   // Fully qualified gRPC name, e.g. "bayyina.v1.OcrService".
  std::unique_ptr<grpc::Service> service;
};

// Short names of every service, in a stable order: ocr, redaction, tm, transfer, cases.
std::vector<absl::string_view> ServiceNames();

// Creates the service called `short_name`. Returns InvalidArgument naming the known services
// when the name is unknown, or the service's own error when it cannot start (e.g. its store
// cannot be opened).
absl::StatusOr<HostedService> MakeService(absl::string_view short_name,
                                          const ServiceOptions& options);

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_REGISTRY_H_
