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

MdCtx NewMdCtx(const EVP_MD* md) {
  MdCtx ctx(EVP_MD_CTX_new());
  EVP_DigestInit_ex(ctx.get(), md, nullptr);
  return ctx;
}

namespace {

// Runs one group of digests on a helper thread, one chunk in flight at a time; the caller
// hashes its own group meanwhile and waits for the helper before returning, which keeps the
// hand-off simple and the memory constant.
class ChunkWorker {
 public:
  explicit ChunkWorker(std::vector<EVP_MD_CTX*> ctxs) : ctxs_(std::move(ctxs)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~ChunkWorker() {
    {
      std::lock_guard<std::mutex> l(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void Start(absl::string_view chunk) {
    {
      std::lock_guard<std::mutex> l(mu_);
      pending_ = chunk;
      has_work_ = true;
    }
    cv_.notify_all();
  }
  void Wait() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [this] { return !has_work_; });
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> l(mu_);
    while (true) {
      cv_.wait(l, [this] { return has_work_ || stop_; });
      if (!has_work_) return;
      absl::string_view chunk = pending_;
      l.unlock();
      for (EVP_MD_CTX* c : ctxs_) EVP_DigestUpdate(c, chunk.data(), chunk.size());
      l.lock();
      has_work_ = false;
      cv_.notify_all();
    }
  }

  std::vector<EVP_MD_CTX*> ctxs_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  absl::string_view pending_;
  bool has_work_ = false;
  bool stop_ = false;
};

// Chunks smaller than this are hashed inline: a thread hand-off costs more than it saves.
constexpr size_t kParallelMinChunk = 64u << 10;

}  // namespace

struct DualHasher::Impl {
  MdCtx sha256 = NewMdCtx(EVP_sha256());
  MdCtx sha512 = NewMdCtx(EVP_sha512());
  std::unique_ptr<ChunkWorker> worker;
};

DualHasher::DualHasher(bool parallel) : impl_(std::make_unique<Impl>()) {
  if (parallel) impl_->worker = std::make_unique<ChunkWorker>(std::vector{impl_->sha512.get()});
}
DualHasher::~DualHasher() = default;

void DualHasher::Update(absl::string_view chunk) {
  bytes_ += chunk.size();
  if (impl_->worker) impl_->worker->Wait();
  if (!impl_->worker || chunk.size() < kParallelMinChunk) {
    EVP_DigestUpdate(impl_->sha256.get(), chunk.data(), chunk.size());
    EVP_DigestUpdate(impl_->sha512.get(), chunk.data(), chunk.size());
    return;
  }
  impl_->worker->Start(chunk);
  EVP_DigestUpdate(impl_->sha256.get(), chunk.data(), chunk.size());
  impl_->worker->Wait();
}

void DualHasher::Finish(Sha256Digest* sha256, Sha512Digest* sha512) {
  if (impl_->worker) impl_->worker->Wait();
  unsigned int n = 0;
  EVP_DigestFinal_ex(impl_->sha256.get(), sha256->data(), &n);
  EVP_DigestFinal_ex(impl_->sha512.get(), sha512->data(), &n);
}

struct MultiHasher::Impl {
  std::vector<MdCtx> ctxs;
  std::unique_ptr<ChunkWorker> worker;
};

MultiHasher::MultiHasher() : impl_(std::make_unique<Impl>()) {}
MultiHasher::~MultiHasher() = default;

absl::StatusOr<std::unique_ptr<MultiHasher>> MultiHasher::Create(
    const std::vector<std::string>& names) {
  std::unique_ptr<MultiHasher> h(new MultiHasher());
  for (const std::string& name : names) {
    const EVP_MD* md = EVP_get_digestbyname(name.c_str());
    if (md == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown digest ", name));
    h->impl_->ctxs.push_back(NewMdCtx(md));
  }
  if (h->impl_->ctxs.size() > 1) {
    std::vector<EVP_MD_CTX*> rest;
    for (size_t i = 1; i < h->impl_->ctxs.size(); ++i) rest.push_back(h->impl_->ctxs[i].get());
    h->impl_->worker = std::make_unique<ChunkWorker>(std::move(rest));
  }
  return h;
}

void MultiHasher::Update(absl::string_view chunk) {
  auto& ctxs = impl_->ctxs;
  if (ctxs.empty()) return;
  if (!impl_->worker || chunk.size() < kParallelMinChunk) {
    for (auto& c : ctxs) EVP_DigestUpdate(c.get(), chunk.data(), chunk.size());
    return;
  }
  impl_->worker->Start(chunk);
  EVP_DigestUpdate(ctxs[0].get(), chunk.data(), chunk.size());
  impl_->worker->Wait();
}

std::vector<std::string> MultiHasher::FinishHex() {
  std::vector<std::string> out;
  for (auto& c : impl_->ctxs) {
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(c.get(), buf, &n);
    out.push_back(HexEncode(absl::MakeConstSpan(buf, n)));
  }
  return out;
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
