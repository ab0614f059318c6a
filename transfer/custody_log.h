// The custody log of the design: an append-only, hash-chained JSON Lines file.
//
// Each line is one JSON object with exactly the keys seq, time, actor, action, case, inputs,
// outputs and prev, in that order, UTF-8, no spaces outside strings. `prev` is the SHA-256 hex of
// the previous line's bytes (without its newline); the first line's is 64 zeros. The RFC 9162
// Merkle root over the lines is the log's fingerprint (it goes into bag-info.txt). Anyone can
// recompute both with sha256sum: see transfer/tests/custody_chain_check.sh.
#ifndef BAYYINA_TRANSFER_CUSTODY_LOG_H_
#define BAYYINA_TRANSFER_CUSTODY_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "transfer/digest.h"

namespace bayyina::transfer {

// One event as the caller describes it.
struct CustodyEvent {
  std::string time;      // RFC 3339 with offset; empty means "now" (UTC, +00:00).
  std::string actor;     // Who acted: a role or a key fingerprint, never personal data.
  std::string action;    // e.g. "submit", "ocr", "redact", "translate", "package".
  std::string case_ref;  // The case reference (key "case").
  std::vector<std::string> inputs;   // SHA-256 hex (64 lower-case hex digits) of inputs.
  std::vector<std::string> outputs;  // SHA-256 hex of outputs.
};

// One line as read back.
struct CustodyRecord {
  uint64_t seq = 0;
  CustodyEvent event;
  std::string prev;  // SHA-256 hex of the previous line.
  std::string line;  // The exact bytes, without newline.
};

// An in-memory log. Appending validates the event; the serialized form is the file format.
// Not thread-safe.
class CustodyLog {
 public:
  CustodyLog() = default;

  // Parses and verifies `content` (a whole log file): JSON shape, key set, seq = 1, 2, ...,
  // hex digests, RFC 3339 times, the prev chain, and a newline after every line. Errors name
  // the line number only, never its content.
  static absl::StatusOr<CustodyLog> Parse(absl::string_view content);

  // Appends one event with the next seq and the chained prev. Fails (and leaves the log
  // unchanged) on an invalid digest, time or empty actor/action.
  absl::Status Append(const CustodyEvent& event);

  const std::vector<CustodyRecord>& records() const { return records_; }
  size_t size() const { return records_.size(); }
  // The file contents: every line followed by "\n".
  std::string Serialize() const;
  // RFC 9162 Merkle Tree Hash over the lines.
  Sha256Digest MerkleRoot() const;

 private:
  friend class CustodyLogFile;
  // The record Append() would add, without adding it.
  absl::StatusOr<CustodyRecord> Next(const CustodyEvent& event) const;

  std::vector<CustodyRecord> records_;
};

// Formats one line. `prev_hex` is 64 hex digits. Does not validate the event.
std::string FormatCustodyLine(uint64_t seq, const CustodyEvent& event, absl::string_view prev_hex);

// A log kept in a file, appended durably (write + fsync) one line at a time. Opening reads and
// verifies the existing lines. Not thread-safe; one writer per file.
class CustodyLogFile {
 public:
  static absl::StatusOr<CustodyLogFile> Open(const std::string& path);
  absl::Status Append(const CustodyEvent& event);
  const CustodyLog& log() const { return log_; }

 private:
  std::string path_;
  CustodyLog log_;
};

// The current UTC time as RFC 3339 with a numeric offset, e.g. 2026-11-29T17:30:00+00:00.
std::string NowRfc3339();

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_CUSTODY_LOG_H_
