#include "services/transfer_service.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bayyina/v1/transfer.grpc.pb.h"
#include "services/log.h"
#include "services/status.h"
#include "transfer/digest.h"
#include "transfer/package.h"
#include "transfer/package_verifier.h"

namespace bayyina::services {
namespace {

namespace fs = std::filesystem;
namespace v1 = bayyina::v1;

constexpr size_t kChunk = 1 << 20;

// A private scratch directory (0700) for one call, removed with everything in it.
class Scratch {
 public:
  static absl::StatusOr<std::unique_ptr<Scratch>> Create(const std::string& home) {
    fs::path base = home.empty() ? fs::temp_directory_path() : fs::path(home) / "tmp";
    std::error_code ec;
    fs::create_directories(base, ec);
    std::string tmpl = (base / "transfer-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) return absl::InternalError("cannot create a scratch directory");
    return std::unique_ptr<Scratch>(new Scratch(tmpl));
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Path(absl::string_view name) const { return absl::StrCat(dir_, "/", name); }

 private:
  explicit Scratch(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

// Receives one uploaded file into `path`, checking its declared size and hash.
class Upload {
 public:
  Upload(std::string path, const v1::UploadHeader& header, int64_t* budget)
      : path_(std::move(path)), header_(header), budget_(budget), out_(path_, std::ios::binary) {}
  absl::Status Add(const std::string& data) {
    written_ += static_cast<int64_t>(data.size());
    *budget_ -= static_cast<int64_t>(data.size());
    if (*budget_ < 0) return absl::ResourceExhaustedError("upload exceeds the size limit");
    if (header_.size() > 0 && written_ > header_.size()) {
      return absl::InvalidArgumentError("file is larger than its declared size");
    }
    hasher_.Update(data);
    out_.write(data.data(), static_cast<std::streamsize>(data.size()));
    return out_ ? absl::OkStatus() : absl::InternalError("cannot spool the upload");
  }
  absl::Status Finish() {
    out_.close();
    if (!out_) return absl::InternalError("cannot spool the upload");
    if (header_.size() > 0 && written_ != header_.size()) {
      return absl::InvalidArgumentError("file size differs from its declared size");
    }
    transfer::Sha256Digest d256;
    transfer::Sha512Digest d512;
    hasher_.Finish(&d256, &d512);
    if (!header_.sha256().empty() && header_.sha256() != transfer::HexEncode(d256)) {
      return absl::InvalidArgumentError("file SHA-256 differs from the declared one");
    }
    return absl::OkStatus();
  }

 private:
  std::string path_;
  v1::UploadHeader header_;
  int64_t* budget_;
  std::ofstream out_;
  int64_t written_ = 0;
  transfer::DualHasher hasher_{/*parallel=*/false};
};

class TransferServiceImpl final : public v1::TransferService::Service {
 public:
  explicit TransferServiceImpl(const ServiceOptions& options) : options_(options) {}

  grpc::Status BuildPackage(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::BuildPackageResponse, v1::BuildPackageRequest>* stream) override {
    return ToGrpcStatus(Build(context, stream));
  }

  grpc::Status VerifyPackage(grpc::ServerContext* context,
                             grpc::ServerReader<v1::VerifyPackageRequest>* reader,
                             v1::VerifyPackageResponse* response) override {
    return ToGrpcStatus(Verify(context, reader, response));
  }

 private:
  absl::Status Build(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::BuildPackageResponse, v1::BuildPackageRequest>* stream) {
    v1::BuildPackageRequest msg;
    if (!stream->Read(&msg) || !msg.has_options()) {
      return absl::InvalidArgumentError("the first message must carry options");
    }
    const v1::PackageOptions opts = msg.options();
    auto scratch = Scratch::Create(options_.home);
    if (!scratch.ok()) return scratch.status();
    transfer::PackageRequest req;
    // Map order is unspecified; sorted labels keep bag-info.txt reproducible.
    std::map<std::string, std::string> info(opts.info().begin(), opts.info().end());
    for (const auto& [k, v] : info) req.info.emplace_back(k, v);
    if (!opts.handling_code().empty()) req.info.emplace_back(transfer::kHandlingCode, opts.handling_code());
    req.signing_key_pem = opts.signing_key_pem();
    req.signing_cert_pem = opts.signing_cert_pem();
    req.chain_pem = opts.chain_pem();
    if (!opts.tsa_url().empty() &&
        std::find(options_.tsa_urls.begin(), options_.tsa_urls.end(), opts.tsa_url()) ==
            options_.tsa_urls.end()) {
      return absl::PermissionDeniedError(
          "this server timestamps only with the TSAs it was started with (bayyinad --tsa-url); "
          "the requested tsa_url is not one of them");
    }
    req.tsa.url = opts.tsa_url();
    req.custody_log = opts.custody_log();
    for (const auto& pem : opts.recipient_cert_pem()) req.encryption.recipient_cert_pems.push_back(pem);
    if (opts.volume_size() < 0) return absl::InvalidArgumentError("volume_size must not be negative");
    if (opts.volume_size() > 0) req.encryption.volume_size = static_cast<uint64_t>(opts.volume_size());
    if (opts.legacy_cbc()) req.encryption.kind = transfer::EnvelopeKind::kEnvelopedCbc;
    req.actor = "service:transfer";

    int64_t budget = options_.max_upload_bytes;
    std::unique_ptr<Upload> current;
    while (stream->Read(&msg)) {
      if (context->IsCancelled()) return absl::CancelledError("cancelled");
      if (msg.has_file()) {
        if (current) {
          if (absl::Status s = current->Finish(); !s.ok()) return s;
        }
        transfer::PackageFile f;
        f.payload_path = msg.file().path();
        f.source_file = scratch->get()->Path(absl::StrCat("in-", req.files.size()));
        current = std::make_unique<Upload>(f.source_file, msg.file().upload(), &budget);
        req.files.push_back(std::move(f));
      } else if (msg.has_chunk()) {
        if (!current) return absl::InvalidArgumentError("a chunk arrived before any file header");
        if (absl::Status s = current->Add(msg.chunk().data()); !s.ok()) return s;
      } else {
        return absl::InvalidArgumentError("options may be sent only once, first");
      }
    }
    if (current) {
      if (absl::Status s = current->Finish(); !s.ok()) return s;
    }
    const std::string out = scratch->get()->Path("package.asice");
    auto summary = transfer::BuildPackage(req, out);
    if (!summary.ok()) return summary.status();
    Log(LogLevel::kInfo, "transfer.package_built",
        {{"files", static_cast<long long>(summary->payload.size())},
         {"payload_bytes", static_cast<long long>(summary->payload_bytes)},
         {"volumes", static_cast<long long>(summary->volumes.size())}});
    std::vector<std::string> outputs = summary->volumes;
    if (outputs.empty()) outputs.push_back(out);
    v1::BuildPackageResponse resp;
    resp.mutable_progress()->set_stage("package");
    resp.mutable_progress()->set_done(1);
    resp.mutable_progress()->set_total(1);
    stream->Write(resp);
    std::vector<char> buf(kChunk);
    for (const std::string& path : outputs) {
      resp.Clear();
      resp.set_volume(fs::path(path).filename().string());
      if (!stream->Write(resp)) return absl::CancelledError("client went away");
      std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
      if (!f) return absl::InternalError("cannot read the built package");
      size_t n;
      while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
        resp.Clear();
        resp.mutable_chunk()->set_data(buf.data(), n);
        if (!stream->Write(resp)) return absl::CancelledError("client went away");
      }
    }
    return absl::OkStatus();
  }

  absl::Status Verify(grpc::ServerContext* context,
                      grpc::ServerReader<v1::VerifyPackageRequest>* reader,
                      v1::VerifyPackageResponse* response) {
    v1::VerifyPackageRequest msg;
    if (!reader->Read(&msg) || !msg.has_options()) {
      return absl::InvalidArgumentError("the first message must carry options");
    }
    transfer::PackageVerifyOptions vo;
    vo.ca_pem = msg.options().ca_pem();
    vo.tsa_ca_pem = msg.options().tsa_ca_pem();
    vo.decrypt_key_pem = msg.options().decrypt_key_pem();
    auto scratch = Scratch::Create(options_.home);
    if (!scratch.ok()) return scratch.status();
    // Plain packages arrive as one file; encrypted ones as volumes named in order.
    const std::string base = scratch->get()->Path("package.asice");
    std::string path = base;
    int volumes = 0;
    int64_t budget = options_.max_upload_bytes;
    v1::UploadHeader any_size;
    auto upload = std::make_unique<Upload>(path, any_size, &budget);
    while (reader->Read(&msg)) {
      if (context->IsCancelled()) return absl::CancelledError("cancelled");
      if (msg.payload_case() == v1::VerifyPackageRequest::kVolume) {
        if (absl::Status s = upload->Finish(); !s.ok()) return s;
        path = transfer::VolumeName(base, ++volumes);
        upload = std::make_unique<Upload>(path, any_size, &budget);
      } else if (msg.has_chunk()) {
        if (absl::Status s = upload->Add(msg.chunk().data()); !s.ok()) return s;
      } else {
        return absl::InvalidArgumentError("options may be sent only once, first");
      }
    }
    if (absl::Status s = upload->Finish(); !s.ok()) return s;
    auto result = transfer::VerifyPackage(volumes > 0 ? transfer::VolumeName(base, 1) : base, vo);
    if (!result.ok()) return result.status();
    response->set_ok(result->ok);
    for (const auto& i : result->items) {
      auto* item = response->add_items();
      item->set_item(i.item);
      item->set_ok(i.ok);
      item->set_detail(i.detail);
    }
    Log(LogLevel::kInfo, "transfer.package_verified",
        {{"ok", result->ok}, {"items", static_cast<long long>(result->items.size())}});
    return absl::OkStatus();
  }

  ServiceOptions options_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<grpc::Service>> NewTransferService(const ServiceOptions& options) {
  return std::make_unique<TransferServiceImpl>(options);
}

}  // namespace bayyina::services
