#include "transfer/digest.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace bayyina::transfer {

std::string HexEncode(absl::Span<const uint8_t> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

Sha256Digest Sha256(absl::string_view data) {
  Sha256Digest d;
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), d.data());
  return d;
}

std::string Sha256Hex(absl::string_view data) { return HexEncode(Sha256(data)); }

namespace {
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

MdCtx NewCtx(const EVP_MD* md) {
  MdCtx ctx(EVP_MD_CTX_new());
  EVP_DigestInit_ex(ctx.get(), md, nullptr);
  return ctx;
}
}  // namespace

// The helper thread waits for a chunk, hashes it with SHA-512, and signals completion. One
// chunk is in flight at a time, which keeps the hand-off simple and the memory constant.
struct DualHasher::Impl {
  MdCtx sha256 = NewCtx(EVP_sha256());
  MdCtx sha512 = NewCtx(EVP_sha512());
  bool parallel;
  std::thread worker;
  std::mutex mu;
  std::condition_variable cv;
  absl::string_view pending;
  bool has_work = false;
  bool stop = false;

  explicit Impl(bool p) : parallel(p) {
    if (parallel) worker = std::thread([this] { Run(); });
  }
  ~Impl() {
    if (worker.joinable()) {
      {
        std::lock_guard<std::mutex> l(mu);
        stop = true;
      }
      cv.notify_all();
      worker.join();
    }
  }
  void Run() {
    std::unique_lock<std::mutex> l(mu);
    while (true) {
      cv.wait(l, [this] { return has_work || stop; });
      if (has_work) {
        absl::string_view chunk = pending;
        l.unlock();
        EVP_DigestUpdate(sha512.get(), chunk.data(), chunk.size());
        l.lock();
        has_work = false;
        cv.notify_all();
        continue;
      }
      if (stop) return;
    }
  }
};

DualHasher::DualHasher(bool parallel) : impl_(std::make_unique<Impl>(parallel)) {}
DualHasher::~DualHasher() = default;

void DualHasher::Update(absl::string_view chunk) {
  bytes_ += chunk.size();
  // Small chunks are not worth a thread hand-off.
  if (!impl_->parallel || chunk.size() < (64u << 10)) {
    EVP_DigestUpdate(impl_->sha256.get(), chunk.data(), chunk.size());
    EVP_DigestUpdate(impl_->sha512.get(), chunk.data(), chunk.size());
    return;
  }
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    impl_->pending = chunk;
    impl_->has_work = true;
  }
  impl_->cv.notify_all();
  EVP_DigestUpdate(impl_->sha256.get(), chunk.data(), chunk.size());
  std::unique_lock<std::mutex> l(impl_->mu);
  impl_->cv.wait(l, [this] { return !impl_->has_work; });
}

void DualHasher::Finish(Sha256Digest* sha256, Sha512Digest* sha512) {
  unsigned int n = 0;
  EVP_DigestFinal_ex(impl_->sha256.get(), sha256->data(), &n);
  EVP_DigestFinal_ex(impl_->sha512.get(), sha512->data(), &n);
}

absl::StatusOr<FileDigests> DigestFile(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return absl::NotFoundError("cannot open file for hashing");
  DualHasher hasher;
  std::vector<char> buf(1 << 20);
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
    hasher.Update(absl::string_view(buf.data(), n));
  }
  if (std::ferror(f.get())) return absl::DataLossError("read error while hashing");
  FileDigests out;
  out.size = hasher.bytes();
  hasher.Finish(&out.sha256, &out.sha512);
  return out;
}

}  // namespace bayyina::transfer
