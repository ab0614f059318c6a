// Streaming SHA-256 and SHA-512 over one read pass, on OpenSSL's EVP digests.
#ifndef BAYYINA_TRANSFER_DIGEST_H_
#define BAYYINA_TRANSFER_DIGEST_H_

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace bayyina::transfer {

using Sha256Digest = std::array<uint8_t, 32>;
using Sha512Digest = std::array<uint8_t, 64>;

// Lower-case hex of `bytes`.
std::string HexEncode(absl::Span<const uint8_t> bytes);

// SHA-256 of `data`, as raw bytes or lower-case hex.
Sha256Digest Sha256(absl::string_view data);
std::string Sha256Hex(absl::string_view data);

// An OpenSSL digest context, initialised for `md`.
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;
MdCtx NewMdCtx(const EVP_MD* md);

// Computes SHA-256 and SHA-512 of a stream fed in chunks. When `parallel` is true, SHA-512 of
// each chunk runs on a helper thread while the caller's thread does SHA-256, so both cores work
// on one file: SHA-512 is the slower of the two and would otherwise halve throughput.
// Not thread-safe: one feeder at a time. Update() returns only after both digests consumed the
// chunk, so the caller may reuse its buffer.
class DualHasher {
 public:
  explicit DualHasher(bool parallel = true);
  ~DualHasher();
  DualHasher(const DualHasher&) = delete;
  DualHasher& operator=(const DualHasher&) = delete;

  void Update(absl::string_view chunk);
  // Ends the stream. REQUIRES: called once; Update() is not called afterwards.
  void Finish(Sha256Digest* sha256, Sha512Digest* sha512);
  uint64_t bytes() const { return bytes_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint64_t bytes_ = 0;
};

// Any set of OpenSSL digests (by name: "md5", "sha1", "sha224", "sha256", "sha384", "sha512")
// over one stream. The first runs on the caller's thread, the rest on one helper thread, so a
// BagIt verifier reads each payload file once whatever its manifests hold. Same contract as
// DualHasher. Create() fails with InvalidArgument on an unknown name.
class MultiHasher {
 public:
  static absl::StatusOr<std::unique_ptr<MultiHasher>> Create(const std::vector<std::string>& names);
  ~MultiHasher();
  void Update(absl::string_view chunk);
  // Lower-case hex digests in the order of the names. REQUIRES: called once.
  std::vector<std::string> FinishHex();

 private:
  MultiHasher();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Digests of a whole file read once in 1 MiB chunks (constant memory).
struct FileDigests {
  Sha256Digest sha256;
  Sha512Digest sha512;
  uint64_t size = 0;
};
absl::StatusOr<FileDigests> DigestFile(const std::string& path);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_DIGEST_H_
