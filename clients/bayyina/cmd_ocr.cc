// `bayyina ocr FILE --lang L [--format text|json|hocr|alto|pdf] [-o OUT]`: OCR a scan.
// Embedded (in-process engines) by default; --server ADDR streams the file to OcrService.

#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bayyina/v1/ocr.grpc.pb.h"
#include "clients/cli/command.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "ocr/render.h"
#include "clients/cli/remote.h"

namespace bayyina::cli {
namespace {

// Where the output goes: a file written under a temporary name and renamed when complete (so
// nothing half-written is left behind), or stdout.
class Output {
 public:
  static absl::StatusOr<Output> Open(const std::string& path) {
    Output out;
    out.path_ = path;
    if (path.empty() || path == "-") {
      out.file_ = stdout;
      return out;
    }
    out.tmp_ = absl::StrCat(path, ".part");
    out.file_ = std::fopen(out.tmp_.c_str(), "wb");
    if (out.file_ == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
    }
    return out;
  }
  Output(Output&& o) noexcept : path_(o.path_), tmp_(o.tmp_), file_(o.file_) {
    o.file_ = nullptr;
  }
  ~Output() {
    if (file_ != nullptr && file_ != stdout) {
      std::fclose(file_);
      std::remove(tmp_.c_str());
    }
  }
  void Write(absl::string_view data) {
    ok_ = ok_ && std::fwrite(data.data(), 1, data.size(), file_) == data.size();
  }
  absl::Status Commit() {
    if (file_ == stdout) {
      return std::fflush(stdout) == 0 && ok_ ? absl::OkStatus()
                                             : absl::DataLossError("cannot write to stdout");
    }
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok_ || !closed || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
      std::remove(tmp_.c_str());
      return absl::DataLossError(absl::StrCat("cannot write ", path_));
    }
    return absl::OkStatus();
  }

 private:
  Output() = default;
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
  bool ok_ = true;
};

absl::StatusOr<int> RunEmbedded(const Invocation& in, const std::string& file,
                                const std::string& language, ocr::OutputFormat format,
                                Output& out) {
  absl::StatusOr<std::unique_ptr<ocr::Document>> doc = ocr::Document::FromFile(file);
  if (!doc.ok()) return doc.status();
  absl::StatusOr<std::unique_ptr<ocr::EnginePool>> pool = ocr::EnginePool::Create();
  if (!pool.ok()) return pool.status();
  for (const std::string& warning : (*pool)->warnings()) {
    std::fprintf(stderr, "bayyina: warning: %s\n", warning.c_str());
  }
  ocr::RecognizeOptions options;
  options.language = language;
  ShowProgress(in, "ocr", 0, (*doc)->page_count());
  absl::StatusOr<std::vector<ocr::Page>> pages = (*pool)->Recognize(
      **doc, options,
      [&](const ocr::Page&, int32_t done, int32_t total) { ShowProgress(in, "ocr", done, total); });
  if (!pages.ok()) return pages.status();
  absl::Status rendered = ocr::RenderOutput(format, **doc, *pages,
                                            [&](absl::string_view s) { out.Write(s); });
  if (!rendered.ok()) return rendered;
  if (absl::Status s = out.Commit(); !s.ok()) return s;
  return 0;
}

v1::OcrFormat ProtoFormat(ocr::OutputFormat format) {
  switch (format) {
    case ocr::OutputFormat::kText:
      return v1::TEXT;
    case ocr::OutputFormat::kJson:
      return v1::JSON;
    case ocr::OutputFormat::kHocr:
      return v1::HOCR;
    case ocr::OutputFormat::kAlto:
      return v1::ALTO;
    case ocr::OutputFormat::kPdf:
      return v1::PDF;
  }
  return v1::TEXT;
}

absl::StatusOr<int> RunRemote(const Invocation& in, const std::string& file,
                              const std::string& language, ocr::OutputFormat format,
                              Output& out) {
  std::FILE* probe = std::fopen(file.c_str(), "rb");
  if (probe == nullptr) return absl::NotFoundError("input file does not exist or is not readable");
  std::fseek(probe, 0, SEEK_END);
  const long size = std::ftell(probe);
  std::fclose(probe);
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = Connect(in);
  if (!channel.ok()) return channel.status();
  auto stub = v1::OcrService::NewStub(*channel);
  grpc::ClientContext context;
  PrepareContext(&context);
  auto stream = stub->Recognize(&context);
  v1::RecognizeRequest request;
  request.mutable_options()->set_language(language);
  request.mutable_options()->set_format(ProtoFormat(format));
  request.mutable_options()->mutable_upload()->set_size(size);
  absl::Status sent = stream->Write(request)
                          ? StreamFile<v1::RecognizeRequest>(
                                file, stream.get(),
                                [](absl::string_view chunk) {
                                  v1::RecognizeRequest r;
                                  r.mutable_chunk()->set_data(chunk.data(), chunk.size());
                                  return r;
                                })
                          : absl::UnavailableError("the server closed the upload");
  stream->WritesDone();
  v1::RecognizeResponse response;
  while (stream->Read(&response)) {
    if (response.has_progress()) {
      ShowProgress(in, "ocr", response.progress().done(), response.progress().total());
    } else if (response.has_output()) {
      out.Write(response.output().data());
    }
  }
  grpc::Status status = stream->Finish();
  if (!status.ok()) return RemoteStatus(in, status);
  if (!sent.ok()) return sent;
  if (absl::Status s = out.Commit(); !s.ok()) return s;
  return 0;
}

absl::StatusOr<int> RunOcr(const Invocation& in) {
  const std::string output = in.args.GetOr("output", "");  // "-o OUT" arrives as --output
  const std::vector<std::string>& pos = in.args.positional();
  if (pos.size() > 1) return absl::InvalidArgumentError("give exactly one input FILE");
  const std::string file = pos.empty() ? "" : pos[0];
  if (file.empty()) return absl::InvalidArgumentError("missing input FILE");
  const std::optional<std::string> language = in.args.Get("lang");
  if (!language) return absl::InvalidArgumentError("missing --lang (ar, ckb, kmr, en or auto)");
  if (!ocr::IsSupportedLanguage(*language)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unsupported --lang \"", *language, "\"; expected ar, ckb, kmr, en or auto"));
  }
  absl::StatusOr<ocr::OutputFormat> format =
      ocr::ParseOutputFormat(in.args.GetOr("format", in.json ? "json" : "text"));
  if (!format.ok()) return format.status();
  if (*format == ocr::OutputFormat::kPdf && (output.empty() || output == "-") &&
      isatty(STDOUT_FILENO)) {
    return absl::InvalidArgumentError("refusing to write a PDF to a terminal; use -o OUT");
  }
  absl::StatusOr<Output> out = Output::Open(output);
  if (!out.ok()) return out.status();
  if (!in.server.empty()) return RunRemote(in, file, *language, *format, *out);
  return RunEmbedded(in, file, *language, *format, *out);
}

BAYYINA_COMMAND(kOcr,
                {"ocr",
                 "OCR a scan (PNG, JPEG, TIFF, PDF); plain text to stdout by default",
                 "FILE --lang ar|ckb|kmr|en|auto [--format text|json|hocr|alto|pdf] [-o OUT]",
                 {
                     {"lang", FlagKind::kValue, "L", "ar, ckb, kmr, en or auto (per page)"},
                     {"format", FlagKind::kValue, "F",
                      "text (default), json, hocr, alto or pdf (searchable)"},
                     {"output", FlagKind::kValue, "OUT", "write to OUT instead of stdout (= -o)"},
                 },
                 &RunOcr});

}  // namespace
}  // namespace bayyina::cli
