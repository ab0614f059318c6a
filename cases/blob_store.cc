#include "cases/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace bayyina::cases {
namespace {

absl::Status Errno(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

absl::Status SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("open blob directory");
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? absl::OkStatus() : Errno("sync blob directory");
}

}  // namespace

absl::Status MakeDirs(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return absl::FailedPreconditionError(absl::StrCat("cannot create ", path, ": ",
                                                            ec.message()));
  ::chmod(path.c_str(), 0700);
  return absl::OkStatus();
}

BlobWriter::BlobWriter(const BlobStore* store, std::string temp_path, int fd)
    : store_(store), temp_path_(std::move(temp_path)), fd_(fd) {
  hasher_ = std::move(transfer::MultiHasher::Create({"sha256"}).value());
}

BlobWriter::~BlobWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_path_.c_str());
}

absl::Status BlobWriter::Write(absl::string_view chunk) {
  if (fd_ < 0) return absl::FailedPreconditionError("upload already finished");
  const char* p = chunk.data();
  size_t left = chunk.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("write upload");
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  hasher_->Update(chunk);
  size_ += chunk.size();
  return absl::OkStatus();
}

absl::StatusOr<std::string> BlobWriter::Finish() {
  if (fd_ < 0) return absl::FailedPreconditionError("upload already finished");
  if (::fsync(fd_) != 0) return Errno("sync upload");
  ::close(fd_);
  fd_ = -1;
  sha256_ = hasher_->FinishHex().at(0);
  return sha256_;
}

absl::Status BlobWriter::Commit() {
  if (sha256_.empty()) return absl::FailedPreconditionError("upload not finished");
  const std::string target = store_->PathFor(sha256_);
  const std::string dir = std::filesystem::path(target).parent_path().string();
  if (auto s = MakeDirs(dir); !s.ok()) return s;
  if (store_->Contains(sha256_)) {
    ::unlink(temp_path_.c_str());
  } else if (::rename(temp_path_.c_str(), target.c_str()) != 0) {
    return Errno("store blob");
  }
  committed_ = true;
  ::chmod(target.c_str(), 0400);
  return SyncDir(dir);
}

absl::StatusOr<BlobStore> BlobStore::Open(const std::string& dir) {
  BlobStore store;
  store.blobs_ = absl::StrCat(dir, "/blobs");
  store.tmp_ = absl::StrCat(dir, "/tmp");
  if (auto s = MakeDirs(store.blobs_); !s.ok()) return s;
  if (auto s = MakeDirs(store.tmp_); !s.ok()) return s;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(store.tmp_, ec)) {
    if (entry.path().filename().string().rfind("upload-", 0) == 0) {
      std::filesystem::remove(entry.path(), ec);
    }
  }
  return store;
}

absl::StatusOr<std::unique_ptr<BlobWriter>> BlobStore::NewWriter() const {
  std::string path = absl::StrCat(tmp_, "/upload-XXXXXX");
  int fd = ::mkstemp(path.data());
  if (fd < 0) return Errno("create upload file");
  return std::unique_ptr<BlobWriter>(new BlobWriter(this, std::move(path), fd));
}

absl::StatusOr<std::string> BlobStore::Put(absl::string_view bytes) const {
  auto writer = NewWriter();
  if (!writer.ok()) return writer.status();
  if (auto s = (*writer)->Write(bytes); !s.ok()) return s;
  auto sha = (*writer)->Finish();
  if (!sha.ok()) return sha.status();
  if (auto s = (*writer)->Commit(); !s.ok()) return s;
  return sha;
}

std::string BlobStore::PathFor(absl::string_view sha256_hex) const {
  return absl::StrCat(blobs_, "/", sha256_hex.substr(0, 2), "/", sha256_hex);
}

bool BlobStore::Contains(absl::string_view sha256_hex) const {
  struct stat st;
  return ::stat(PathFor(sha256_hex).c_str(), &st) == 0;
}

}  // namespace bayyina::cases
