#include "services/upload.h"

#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace bayyina::services {

absl::StatusOr<std::unique_ptr<SpooledUpload>> SpooledUpload::Open(const v1::UploadHeader& header,
                                                                   int64_t limit_bytes) {
  if (header.size() < 0) return absl::InvalidArgumentError("declared upload size is negative");
  if (header.size() > limit_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat("declared upload of ", header.size(),
                                                     " bytes exceeds the limit of ", limit_bytes,
                                                     " bytes"));
  }
  std::unique_ptr<SpooledUpload> upload(new SpooledUpload(header, limit_bytes));
  upload->file_ = std::tmpfile();
  if (upload->file_ == nullptr) {
    return absl::InternalError("cannot create a spool file for the upload");
  }
  upload->sha256_ = EVP_MD_CTX_new();
  if (upload->sha256_ == nullptr ||
      EVP_DigestInit_ex(upload->sha256_, EVP_sha256(), nullptr) != 1) {
    return absl::InternalError("cannot start SHA-256");
  }
  return upload;
}

SpooledUpload::~SpooledUpload() {
  if (file_ != nullptr) std::fclose(file_);
  EVP_MD_CTX_free(sha256_);
}

absl::Status SpooledUpload::Append(absl::string_view data) {
  size_ += static_cast<int64_t>(data.size());
  if (size_ > limit_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("upload exceeds the limit of ", limit_, " bytes"));
  }
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    return absl::ResourceExhaustedError("cannot spool the upload (disk full?)");
  }
  if (EVP_DigestUpdate(sha256_, data.data(), data.size()) != 1) {
    return absl::InternalError("SHA-256 of the upload failed");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SpooledUpload::Finish() {
  if (header_.size() > 0 && size_ != header_.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("received ", size_, " bytes but ", header_.size(), " were declared"));
  }
  if (!header_.sha256().empty()) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(sha256_, digest, &len) != 1) {
      return absl::InternalError("SHA-256 of the upload failed");
    }
    std::string hex;
    for (unsigned int i = 0; i < len; ++i) absl::StrAppend(&hex, absl::Hex(digest[i], absl::kZeroPad2));
    if (absl::AsciiStrToLower(header_.sha256()) != hex) {
      return absl::InvalidArgumentError("the upload does not match its declared SHA-256");
    }
  }
  if (std::fflush(file_) != 0) return absl::ResourceExhaustedError("cannot flush the spool");
  return absl::StrCat("/proc/self/fd/", fileno(file_));
}

}  // namespace bayyina::services
