#include "services/redaction_service.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "bayyina/v1/redaction.grpc.pb.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/language_choice.h"
#include "redact/policy.h"
#include "redact/text_pipeline.h"
#include "services/status.h"

namespace bayyina::services {
namespace {

namespace v1 = bayyina::v1;

v1::EntityType ToProto(redact::EntityType t) {
  return static_cast<v1::EntityType>(static_cast<int>(t) + 1);  // same order, 0 = unspecified
}

void FillFinding(const redact::Finding& f, int id, v1::Finding* out) {
  out->set_id(absl::StrCat("f", id));
  out->set_type(ToProto(f.type));
  out->set_start(static_cast<int32_t>(f.cp_begin));
  out->set_end(static_cast<int32_t>(f.cp_end));
  out->set_score(static_cast<float>(f.score));
  out->set_detector(f.detector);
  out->set_page(0);
}

class RedactionServiceImpl final : public v1::RedactionService::Service {
 public:
  grpc::Status Analyze(grpc::ServerContext*, const v1::AnalyzeRequest* req,
                       v1::AnalyzeResponse* resp) override {
    absl::StatusOr<text::Language> lang = redact::ResolveLanguage(req->language(), req->text());
    if (!lang.ok()) return ToGrpcStatus(lang.status());
    if (req->min_score() < 0 || req->min_score() > 1) {
      return ToGrpcStatus(absl::InvalidArgumentError("min_score must be from 0 to 1"));
    }
    std::array<bool, redact::kEntityTypeCount> wanted{};
    wanted.fill(req->entity_types().empty());
    for (int t : req->entity_types()) {
      if (t <= 0 || t > redact::kEntityTypeCount) {
        return ToGrpcStatus(absl::InvalidArgumentError("unknown entity type in entity_types"));
      }
      wanted[t - 1] = true;
    }
    double min_score =
        req->min_score() > 0 ? req->min_score() : redact::Policy::Default().score_threshold;
    absl::StatusOr<std::vector<redact::Finding>> findings = analyzer_.Analyze(req->text(), *lang);
    if (!findings.ok()) return ToGrpcStatus(findings.status());
    int id = 0;
    for (const redact::Finding& f : *findings) {
      ++id;
      if (f.score < min_score || !wanted[static_cast<size_t>(f.type)]) continue;
      FillFinding(f, id, resp->add_findings());
    }
    return grpc::Status::OK;
  }

  grpc::Status AnonymizeText(grpc::ServerContext*, const v1::AnonymizeTextRequest* req,
                             v1::AnonymizeTextResponse* resp) override {
    absl::StatusOr<text::Language> lang = redact::ResolveLanguage(req->language(), req->text());
    if (!lang.ok()) return ToGrpcStatus(lang.status());
    redact::Policy policy = redact::Policy::Default();
    if (!req->policy_json().empty()) {
      absl::StatusOr<redact::Policy> p = redact::Policy::Parse(req->policy_json());
      if (!p.ok()) return ToGrpcStatus(p.status());
      policy = *p;
    }
    // No case is named, so the call is its own case: a one-off key numbers the placeholders
    // and no HMAC leaves (it could not be compared with anything).
    absl::StatusOr<redact::CaseKey> key = redact::CaseKey::Generate();
    if (!key.ok()) return ToGrpcStatus(key.status());
    redact::PlaceholderRegistry placeholders;
    absl::StatusOr<redact::TextRedaction> r = redact::RedactTextDocument(
        analyzer_, req->text(), *lang, policy, *key, &placeholders);
    if (!r.ok()) return ToGrpcStatus(r.status());
    resp->set_text(r->redacted.text);
    for (const redact::RedactedItem& item : r->redacted.items) {
      FillFinding(r->findings[item.finding].finding, static_cast<int>(item.finding) + 1,
                  resp->add_findings());
    }
    return grpc::Status::OK;
  }

  grpc::Status RedactDocument(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<v1::RedactDocumentResponse, v1::RedactDocumentRequest>*) override {
    return ToGrpcStatus(absl::UnimplementedError(
        "RedactDocument is not built yet; use AnonymizeText for text"));
  }

 private:
  redact::Analyzer analyzer_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<grpc::Service>> NewRedactionService(const ServiceOptions& options) {
  return std::make_unique<RedactionServiceImpl>();
}

}  // namespace bayyina::services
