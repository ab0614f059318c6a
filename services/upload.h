#ifndef BAYYINA_SERVICES_UPLOAD_H_
#define BAYYINA_SERVICES_UPLOAD_H_

// The file half of a streaming upload RPC (options first, then FileChunk messages): the bytes
// are spooled to an anonymous temporary file, so that memory does not grow with the size of
// the upload, and checked against the client's UploadHeader (declared size and SHA-256).

#include <grpcpp/server_context.h>
#include <openssl/evp.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "bayyina/v1/common.pb.h"
#include "ocr/document.h"

namespace bayyina::services {

class SpooledUpload {
 public:
  // Fails with ResourceExhausted when the declared size exceeds `limit_bytes`, and with
  // InvalidArgument when it is negative.
  static absl::StatusOr<std::unique_ptr<SpooledUpload>> Open(const v1::UploadHeader& header,
                                                             int64_t limit_bytes);
  ~SpooledUpload();
  SpooledUpload(const SpooledUpload&) = delete;
  SpooledUpload& operator=(const SpooledUpload&) = delete;

  // ResourceExhausted once the bytes received pass the limit.
  absl::Status Append(absl::string_view data);

  // Checks the bytes received against the header (InvalidArgument on a mismatch, naming it)
  // and returns a path through which they can be read, valid while this object lives.
  absl::StatusOr<std::string> Finish();

  int64_t size() const { return size_; }

 private:
  SpooledUpload(v1::UploadHeader header, int64_t limit_bytes)
      : header_(std::move(header)), limit_(limit_bytes) {}

  v1::UploadHeader header_;
  int64_t limit_;
  std::FILE* file_ = nullptr;
  EVP_MD_CTX* sha256_ = nullptr;
  int64_t size_ = 0;
};

// Reads the chunks that follow the options message of `stream` into a spool. A message that is
// not a chunk is an InvalidArgument. Works for every request type with a `chunk` payload.
template <typename Stream, typename Request>
absl::StatusOr<std::unique_ptr<SpooledUpload>> ReceiveUpload(Stream* stream, Request* scratch,
                                                             const v1::UploadHeader& header,
                                                             int64_t limit_bytes) {
  absl::StatusOr<std::unique_ptr<SpooledUpload>> upload = SpooledUpload::Open(header, limit_bytes);
  if (!upload.ok()) return upload.status();
  while (stream->Read(scratch)) {
    if (!scratch->has_chunk()) {
      return absl::InvalidArgumentError("options may only be sent in the first message");
    }
    if (absl::Status s = (*upload)->Append(scratch->chunk().data()); !s.ok()) return s;
  }
  return upload;
}

// Receives the upload as ReceiveUpload does, checks it against `header`, and opens it as a
// scanned document under the same byte limit. The document maps the spooled bytes, so it
// stays valid after the spool is gone.
template <typename Stream, typename Request>
absl::StatusOr<std::unique_ptr<ocr::Document>> ReceiveDocument(grpc::ServerContext* context,
                                                               Stream* stream, Request* scratch,
                                                               const v1::UploadHeader& header,
                                                               int64_t limit_bytes) {
  absl::StatusOr<std::unique_ptr<SpooledUpload>> upload =
      ReceiveUpload(stream, scratch, header, limit_bytes);
  if (!upload.ok()) return upload.status();
  if (context->IsCancelled()) return absl::CancelledError("the client cancelled the call");
  absl::StatusOr<std::string> path = (*upload)->Finish();
  if (!path.ok()) return path.status();
  ocr::DecodeLimits limits;
  limits.max_input_bytes = limit_bytes;
  return ocr::Document::FromFile(*path, limits);
}

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_UPLOAD_H_
