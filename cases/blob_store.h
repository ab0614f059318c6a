#ifndef BAYYINA_CASES_BLOB_STORE_H_
#define BAYYINA_CASES_BLOB_STORE_H_

// Content-addressed storage of submitted documents: a blob is named by the SHA-256 of its bytes
// (blobs/ab/abcdef...). Uploads are written to a temporary file while they are hashed, made
// durable (fsync), and renamed into place only when complete and verified, so a rejected or
// interrupted upload leaves nothing behind under blobs/.

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "transfer/digest.h"

namespace bayyina::cases {

class BlobStore;

// One upload in progress. Not thread-safe. Destroying it without Commit() removes the
// temporary file.
class BlobWriter {
 public:
  ~BlobWriter();
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;

  absl::Status Write(absl::string_view chunk);
  uint64_t size() const { return size_; }
  // Ends the stream and returns the lower-case hex SHA-256 of the bytes written.
  // REQUIRES: called once, before Commit().
  absl::StatusOr<std::string> Finish();
  // The temporary file, readable after Finish() (to check the format before committing).
  const std::string& temp_path() const { return temp_path_; }
  // Moves the finished upload into the store under its hash (a no-op when that blob exists).
  absl::Status Commit();

 private:
  friend class BlobStore;
  BlobWriter(const BlobStore* store, std::string temp_path, int fd);
  const BlobStore* store_;
  std::string temp_path_;
  int fd_;
  uint64_t size_ = 0;
  std::unique_ptr<transfer::MultiHasher> hasher_;
  std::string sha256_;
  bool committed_ = false;
};

class BlobStore {
 public:
  // Uses (creating, mode 0700) `dir`/blobs and `dir`/tmp; stale temporary files of an earlier
  // run are removed.
  static absl::StatusOr<BlobStore> Open(const std::string& dir);

  absl::StatusOr<std::unique_ptr<BlobWriter>> NewWriter() const;
  // Stores `bytes` (written, synced, renamed into place) and returns their SHA-256 hex.
  absl::StatusOr<std::string> Put(absl::string_view bytes) const;
  // Path of the blob with this hash (which may not exist).
  std::string PathFor(absl::string_view sha256_hex) const;
  bool Contains(absl::string_view sha256_hex) const;

 private:
  std::string blobs_;
  std::string tmp_;
};

// Creates `path` and its parents with mode 0700 where missing.
absl::Status MakeDirs(const std::string& path);

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_BLOB_STORE_H_
