#include "services/ocr_service.h"

#include <chrono>
#include <map>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "bayyina/v1/ocr.grpc.pb.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "ocr/render.h"
#include "services/log.h"
#include "services/status.h"
#include "services/upload.h"

namespace bayyina::services {
namespace {

constexpr size_t kOutputChunk = 1 << 20;

v1::BoundingBox ToProto(const ocr::Box& b) {
  v1::BoundingBox out;
  out.set_x(b.left);
  out.set_y(b.top);
  out.set_width(b.width());
  out.set_height(b.height());
  return out;
}

v1::Page ToProto(const ocr::Page& page) {
  v1::Page out;
  out.set_number(page.number);
  out.set_width(page.width);
  out.set_height(page.height);
  out.set_dpi(page.dpi);
  out.set_language(page.language);
  for (const ocr::Block& block : page.blocks) {
    v1::Block* b = out.add_blocks();
    *b->mutable_box() = ToProto(block.box);
    for (const ocr::Line& line : block.lines) {
      v1::Line* l = b->add_lines();
      *l->mutable_box() = ToProto(line.box);
      for (const ocr::Word& word : line.words) {
        v1::Word* w = l->add_words();
        w->set_text(word.text);
        *w->mutable_box() = ToProto(word.box);
        w->set_confidence(word.confidence);
        w->set_language(word.language);
      }
    }
  }
  out.set_text(ocr::PlainText(page));
  return out;
}

absl::StatusOr<ocr::OutputFormat> FormatOf(v1::OcrFormat format) {
  switch (format) {
    case v1::OCR_FORMAT_UNSPECIFIED:
    case v1::TEXT:
      return ocr::OutputFormat::kText;
    case v1::JSON:
      return ocr::OutputFormat::kJson;
    case v1::HOCR:
      return ocr::OutputFormat::kHocr;
    case v1::ALTO:
      return ocr::OutputFormat::kAlto;
    case v1::PDF:
      return ocr::OutputFormat::kPdf;
    default:
      return absl::InvalidArgumentError("unknown output format");
  }
}

class OcrServiceImpl final : public v1::OcrService::Service {
 public:
  OcrServiceImpl(const ServiceOptions& options, ocr::EnginePool* pool)
      : options_(options), pool_(pool) {}

  grpc::Status Recognize(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::RecognizeResponse, v1::RecognizeRequest>* stream) override {
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<int> pages = Run(context, stream);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Log(pages.ok() ? LogLevel::kInfo : LogLevel::kWarning, "ocr.recognize",
        {{"pages", static_cast<long long>(pages.ok() ? *pages : 0)},
         {"seconds", seconds},
         {"code", absl::StatusCodeToString(pages.status().code())}});
    return ToGrpcStatus(pages.status());
  }

  grpc::Status ListLanguages(grpc::ServerContext*, const v1::ListLanguagesRequest*,
                             v1::ListLanguagesResponse* response) override {
    for (const ocr::LanguageModel& lang : pool_->Languages()) {
      v1::ListLanguagesResponse::Language* out = response->add_languages();
      out->set_code(lang.code);
      out->set_model(lang.model);
      out->set_fallback(lang.fallback);
    }
    return grpc::Status::OK;
  }

 private:
  // Returns the number of pages recognized.
  absl::StatusOr<int> Run(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::RecognizeResponse, v1::RecognizeRequest>* stream) {
    v1::RecognizeRequest request;
    if (!stream->Read(&request) || !request.has_options()) {
      return absl::InvalidArgumentError("the first message must carry the options");
    }
    const v1::RecognizeOptions options = request.options();
    if (!ocr::IsSupportedLanguage(options.language())) {
      return absl::InvalidArgumentError(
          absl::StrCat("unsupported language \"", options.language(),
                       "\"; expected ar, ckb, kmr, en or auto"));
    }
    absl::StatusOr<ocr::OutputFormat> format = FormatOf(options.format());
    if (!format.ok()) return format.status();
    absl::StatusOr<std::unique_ptr<ocr::Document>> doc = ReceiveDocument(
        context, stream, &request, options.upload(), options_.max_upload_bytes);
    if (!doc.ok()) return doc.status();

    // Pages are streamed in page order as soon as all earlier pages are done.
    std::mutex mu;
    std::map<int32_t, v1::Page> ready;
    int32_t next = 1;
    bool write_failed = false;
    ocr::RecognizeOptions recognize;
    recognize.language = options.language();
    recognize.cancelled = [context] { return context->IsCancelled(); };
    auto on_page = [&](const ocr::Page& page, int32_t done, int32_t total) {
      std::lock_guard<std::mutex> lock(mu);
      v1::RecognizeResponse progress;
      progress.mutable_progress()->set_stage("ocr");
      progress.mutable_progress()->set_done(done);
      progress.mutable_progress()->set_total(total);
      write_failed = write_failed || !stream->Write(progress);
      ready.emplace(page.number, ToProto(page));
      for (auto it = ready.find(next); it != ready.end(); it = ready.find(++next)) {
        v1::RecognizeResponse response;
        *response.mutable_page() = std::move(it->second);
        write_failed = write_failed || !stream->Write(response);
        ready.erase(it);
      }
    };
    absl::StatusOr<std::vector<ocr::Page>> pages = pool_->Recognize(**doc, recognize, on_page);
    if (!pages.ok()) return pages.status();
    if (write_failed || context->IsCancelled()) {
      return absl::CancelledError("the client went away");
    }

    std::string buffer;
    auto flush = [&] {
      v1::RecognizeResponse response;
      response.mutable_output()->set_data(std::move(buffer));
      buffer.clear();
      write_failed = write_failed || !stream->Write(response);
    };
    absl::Status rendered =
        ocr::RenderOutput(*format, **doc, *pages, [&](absl::string_view piece) {
          while (!piece.empty()) {
            const size_t take = std::min(piece.size(), kOutputChunk - buffer.size());
            buffer.append(piece.data(), take);
            piece.remove_prefix(take);
            if (buffer.size() == kOutputChunk) flush();
          }
        });
    if (!rendered.ok()) return rendered;
    if (!buffer.empty()) flush();
    if (write_failed) return absl::CancelledError("the client went away");
    return static_cast<int>(pages->size());
  }

  ServiceOptions options_;
  ocr::EnginePool* pool_;  // owned by options_.engines
};

}  // namespace

absl::StatusOr<std::unique_ptr<grpc::Service>> NewOcrService(const ServiceOptions& options) {
  // Engines are loaded here, so that no request pays for it.
  absl::StatusOr<ocr::EnginePool*> pool = options.engines->Get();
  if (!pool.ok()) return pool.status();
  for (const std::string& warning : (*pool)->warnings()) {
    Log(LogLevel::kWarning, "ocr.model", {{"note", absl::string_view(warning)}});
  }
  return std::make_unique<OcrServiceImpl>(options, *pool);
}

}  // namespace bayyina::services
