#ifndef BAYYINA_SERVICES_OCR_SERVICE_H_
#define BAYYINA_SERVICES_OCR_SERVICE_H_

#include <memory>

#include <grpcpp/impl/service_type.h>

#include "absl/status/statusor.h"
#include "services/service_options.h"

namespace bayyina::services {

// Creates the gRPC adapter for bayyina.v1.OcrService (proto/bayyina/v1/ocr.proto).
absl::StatusOr<std::unique_ptr<grpc::Service>> NewOcrService(const ServiceOptions& options);

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_OCR_SERVICE_H_
