#include "services/redaction_service.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "bayyina/v1/redaction.grpc.pb.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/document_redactor.h"
#include "redact/language_choice.h"
#include "redact/policy.h"
#include "redact/text_pipeline.h"
#include "services/status.h"
#include "services/upload.h"

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
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::RedactDocumentResponse, v1::RedactDocumentRequest>* stream)
      override {
    return ToGrpcStatus(RunRedactDocument(context, stream));
  }

  explicit RedactionServiceImpl(const ServiceOptions& options) : options_(options) {}

 private:
  absl::Status RunRedactDocument(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::RedactDocumentResponse, v1::RedactDocumentRequest>* stream) {
    v1::RedactDocumentRequest request;
    if (!stream->Read(&request) || !request.has_options()) {
      return absl::InvalidArgumentError("the first message must carry the options");
    }
    const v1::RedactOptions options = request.options();
    if (options.language() != "auto" && !text::ParseLanguage(options.language())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unsupported language \"", options.language(), "\"; expected ar, ckb, kmr, en or auto"));
    }
    redact::Policy policy = redact::Policy::Default();
    if (!options.policy_json().empty()) {
      absl::StatusOr<redact::Policy> p = redact::Policy::Parse(options.policy_json());
      if (!p.ok()) return p.status();
      policy = *p;
    }
    absl::StatusOr<std::unique_ptr<ocr::Document>> doc = ReceiveDocument(
        context, stream, &request, options.upload(), options_.max_upload_bytes);
    if (!doc.ok()) return doc.status();
    absl::StatusOr<ocr::EnginePool*> pool = options_.engines->Get();
    if (!pool.ok()) return pool.status();
    // Same format family as the input: PDF stays PDF, multi-page TIFF stays TIFF, images PNG.
    redact::DocumentRedactionOptions ro;
    ro.language = options.language().empty() ? "auto" : options.language();
    ro.format = (*doc)->format() == ocr::InputFormat::kPdf    ? redact::ImageFormat::kPdf
                : (*doc)->format() == ocr::InputFormat::kTiff ? redact::ImageFormat::kTiff
                                                              : redact::ImageFormat::kPng;
    absl::StatusOr<redact::CaseKey> key = redact::CaseKey::Generate();
    if (!key.ok()) return key.status();
    v1::RedactDocumentResponse progress;
    progress.mutable_progress()->set_stage("redact");
    progress.mutable_progress()->set_total((*doc)->page_count());
    stream->Write(progress);
    absl::StatusOr<redact::DocumentRedaction> r =
        redact::RedactDocument(**pool, **doc, analyzer_, policy, *key, ro);
    if (!r.ok()) return r.status();
    v1::RedactDocumentResponse log;
    log.set_redaction_log_json(r->log.ToJson(policy));
    stream->Write(log);
    if (r->log.leak_check && !r->log.leak_check->passed) {
      return absl::FailedPreconditionError(absl::StrCat(
          "leak check failed: ", r->log.leak_check->survivors.size(),
          " value(s) readable after redaction; the output is withheld"));
    }
    constexpr size_t kChunk = 1 << 20;
    for (size_t pos = 0; pos < r->output.size(); pos += kChunk) {
      v1::RedactDocumentResponse out;
      out.mutable_output()->set_data(r->output.substr(pos, kChunk));
      if (!stream->Write(out)) return absl::CancelledError("the client went away");
    }
    return absl::OkStatus();
  }

  ServiceOptions options_;
  redact::Analyzer analyzer_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<grpc::Service>> NewRedactionService(const ServiceOptions& options) {
  return std::make_unique<RedactionServiceImpl>(options);
}

}  // namespace bayyina::services
