// Payload sources read ahead of their consumer and hashed on the way, on both cores.
//
// The package builder hands each payload file once to libzip (CRC-32 and the container
// writes) and needs its SHA-256 and SHA-512. Done one after the other that is the sum of four
// passes; here a reader thread reads the sources in order into a ring of large blocks and
// computes SHA-256, a second thread computes SHA-512 of the same blocks, and the consumer takes
// them in order, so the stages overlap and the slowest one (SHA-512) sets the pace. Every byte
// is read from disk once; memory is kBlocks * kBlockSize whatever the payload size.
#ifndef BAYYINA_TRANSFER_READ_AHEAD_H_
#define BAYYINA_TRANSFER_READ_AHEAD_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "transfer/digest.h"

namespace bayyina::transfer {

struct ReadAheadSource {
  std::string name;           // for error messages only (an entry name, never content)
  std::string path;           // a regular file, streamed ...
  absl::string_view bytes;    // ... or bytes in memory, when use_bytes
  bool use_bytes = false;
  uint64_t expected_size = 0;  // a file whose size differs at the end is DataLoss
};

struct SourceDigests {
  Sha256Digest sha256;
  Sha512Digest sha512;
  uint64_t size = 0;
};

// Thread safety: one consumer thread calls Next() and Finish(); the helpers are internal.
class ReadAheadHasher {
 public:
  static constexpr size_t kBlockSize = 1 << 20;
  static constexpr size_t kBlocks = 8;

  // Starts reading at once. REQUIRES: bytes of in-memory sources outlive this object.
  explicit ReadAheadHasher(std::vector<ReadAheadSource> sources);
  // Stops and joins the helpers wherever they are (a consumer may give up half-way).
  ~ReadAheadHasher();
  ReadAheadHasher(const ReadAheadHasher&) = delete;
  ReadAheadHasher& operator=(const ReadAheadHasher&) = delete;

  struct Block {
    absl::string_view data;  // valid until the next Next() or Finish()
    bool last = false;       // the source ends with this block (data may be empty)
  };
  // The next block of source `index`. REQUIRES: sources are consumed in order, each up to
  // its last block. Errors: NotFound (cannot open a source), DataLoss (read error, or the
  // size changed while packing), Internal (consumed out of order).
  absl::StatusOr<Block> Next(size_t index);

  // Waits until every source is hashed and returns the digests in source order, or the first
  // error. REQUIRES: called once, after every source was consumed to its last block.
  absl::StatusOr<std::vector<SourceDigests>> Finish();

 private:
  struct Slot {
    std::vector<char> data;
    size_t len = 0;
    size_t source = 0;
    bool last = false;
  };

  void ReadAll();
  absl::Status ReadSource(size_t index);
  void HashSha512();
  // Frees the block the consumer held, if any. REQUIRES: mu_ held.
  void ReleaseHeld();

  const std::vector<ReadAheadSource> sources_;
  std::vector<Slot> ring_;
  std::vector<SourceDigests> digests_;

  std::mutex mu_;
  std::condition_variable cv_;
  // Blocks are numbered in read order; block b lives in ring_[b % kBlocks] and can be
  // overwritten once both the SHA-512 thread and the consumer are past it.
  uint64_t produced_ = 0, hashed_ = 0, consumed_ = 0;
  bool holding_ = false;  // the consumer still uses block consumed_
  bool reader_done_ = false;
  bool stop_ = false;
  absl::Status error_;

  std::thread reader_, sha512_;
};

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_READ_AHEAD_H_
