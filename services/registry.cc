#include "services/registry.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/cases_service.h"
#include "services/ocr_service.h"
#include "services/redaction_service.h"
#include "services/transfer_service.h"
#include "services/translation_memory_service.h"

namespace bayyina::services {
namespace {

struct Entry {
  absl::string_view short_name;
  absl::string_view full_name;
  absl::StatusOr<std::unique_ptr<grpc::Service>> (*make)(const ServiceOptions&);
};

constexpr Entry kEntries[] = {
    {"ocr", "bayyina.v1.OcrService", &NewOcrService},
    {"redaction", "bayyina.v1.RedactionService", &NewRedactionService},
    {"tm", "bayyina.v1.TranslationMemoryService", &NewTranslationMemoryService},
    {"transfer", "bayyina.v1.TransferService", &NewTransferService},
    {"cases", "bayyina.v1.CaseService", &NewCaseService},
};

}  // namespace

std::vector<absl::string_view> ServiceNames() {
  std::vector<absl::string_view> names;
  for (const Entry& e : kEntries) names.push_back(e.short_name);
  return names;
}

absl::StatusOr<HostedService> MakeService(absl::string_view short_name,
                                          const ServiceOptions& options) {
  for (const Entry& e : kEntries) {
    if (e.short_name != short_name) continue;
    auto service = e.make(options);
    if (!service.ok()) return service.status();
    return HostedService{std::string(e.short_name), std::string(e.full_name),
                         std::move(*service)};
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown service '", short_name,
                                                  "'; known services: ",
                                                  absl::StrJoin(ServiceNames(), ",")));
}

}  // namespace bayyina::services
