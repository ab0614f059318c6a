#include "transfer/read_ahead.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"

namespace bayyina::transfer {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Fills `buf` up to `cap` bytes; fewer only at end of file. -1 on a read error.
ssize_t ReadFull(int fd, char* buf, size_t cap) {
  size_t got = 0;
  while (got < cap) {
    ssize_t n = ::read(fd, buf + got, cap - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(got);
}

}  // namespace

ReadAheadHasher::ReadAheadHasher(std::vector<ReadAheadSource> sources)
    : sources_(std::move(sources)), ring_(kBlocks), digests_(sources_.size()) {
  for (Slot& s : ring_) s.data.resize(kBlockSize);
  reader_ = std::thread([this] { ReadAll(); });
  sha512_ = std::thread([this] { HashSha512(); });
}

ReadAheadHasher::~ReadAheadHasher() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  reader_.join();
  sha512_.join();
}

void ReadAheadHasher::ReadAll() {
  absl::Status s;
  for (size_t i = 0; i < sources_.size() && s.ok(); ++i) s = ReadSource(i);
  {
    std::lock_guard<std::mutex> l(mu_);
    if (!s.ok() && error_.ok()) error_ = s;
    reader_done_ = true;
  }
  cv_.notify_all();
}

absl::Status ReadAheadHasher::ReadSource(size_t index) {
  const ReadAheadSource& src = sources_[index];
  std::unique_ptr<Fd> fd;
  if (!src.use_bytes) {
    fd = std::make_unique<Fd>(::open(src.path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd->get() < 0) return absl::NotFoundError(absl::StrCat("cannot open source of ", src.name));
    ::posix_fadvise(fd->get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  MdCtx sha256 = NewMdCtx(EVP_sha256());
  uint64_t total = 0;
  bool last = false;
  while (!last) {
    uint64_t b;
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [this] { return stop_ || produced_ - std::min(hashed_, consumed_) < kBlocks; });
      if (stop_) return absl::CancelledError("packing stopped");
      b = produced_;
    }
    Slot& slot = ring_[b % kBlocks];
    size_t len;
    if (src.use_bytes) {
      len = std::min<uint64_t>(kBlockSize, src.bytes.size() - total);
      std::memcpy(slot.data.data(), src.bytes.data() + total, len);
      last = total + len == src.bytes.size();
    } else {
      ssize_t n = ReadFull(fd->get(), slot.data.data(), kBlockSize);
      if (n < 0) return absl::DataLossError(absl::StrCat("read error on source of ", src.name));
      len = static_cast<size_t>(n);
      last = len < kBlockSize;
      if (last && total + len != src.expected_size) {
        return absl::DataLossError(
            absl::StrCat("source of ", src.name, " changed size while being packed"));
      }
    }
    EVP_DigestUpdate(sha256.get(), slot.data.data(), len);
    total += len;
    slot.len = len;
    slot.source = index;
    slot.last = last;
    if (last) {
      unsigned int n = 0;
      EVP_DigestFinal_ex(sha256.get(), digests_[index].sha256.data(), &n);
      digests_[index].size = total;
    }
    {
      std::lock_guard<std::mutex> l(mu_);
      ++produced_;
    }
    cv_.notify_all();
  }
  return absl::OkStatus();
}

void ReadAheadHasher::HashSha512() {
  MdCtx ctx = NewMdCtx(EVP_sha512());
  uint64_t b = 0;
  while (true) {
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [&] { return stop_ || produced_ > b || reader_done_; });
      if (stop_ || produced_ == b) return;  // stopped, or the reader is done and all is hashed
    }
    const Slot& slot = ring_[b % kBlocks];
    EVP_DigestUpdate(ctx.get(), slot.data.data(), slot.len);
    if (slot.last) {
      unsigned int n = 0;
      EVP_DigestFinal_ex(ctx.get(), digests_[slot.source].sha512.data(), &n);
      EVP_DigestInit_ex(ctx.get(), EVP_sha512(), nullptr);
    }
    {
      std::lock_guard<std::mutex> l(mu_);
      hashed_ = ++b;
    }
    cv_.notify_all();
  }
}

void ReadAheadHasher::ReleaseHeld() {
  if (!holding_) return;
  holding_ = false;
  ++consumed_;
  cv_.notify_all();
}

absl::StatusOr<ReadAheadHasher::Block> ReadAheadHasher::Next(size_t index) {
  std::unique_lock<std::mutex> l(mu_);
  ReleaseHeld();
  cv_.wait(l, [this] { return produced_ > consumed_ || reader_done_; });
  if (produced_ == consumed_) {
    return error_.ok() ? absl::InternalError("payload read past its last source") : error_;
  }
  const Slot& slot = ring_[consumed_ % kBlocks];
  if (slot.source != index) return absl::InternalError("payload consumed out of order");
  holding_ = true;
  return Block{absl::string_view(slot.data.data(), slot.len), slot.last};
}

absl::StatusOr<std::vector<SourceDigests>> ReadAheadHasher::Finish() {
  std::unique_lock<std::mutex> l(mu_);
  ReleaseHeld();
  cv_.wait(l, [this] { return reader_done_ && hashed_ == produced_; });
  if (!error_.ok()) return error_;
  if (consumed_ != produced_) return absl::InternalError("payload not consumed to its end");
  return digests_;
}

}  // namespace bayyina::transfer
