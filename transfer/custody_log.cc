#include "transfer/custody_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "transfer/merkle.h"

namespace bayyina::transfer {
namespace {

using OrderedJson = nlohmann::ordered_json;

const char kZeroHash[] = "0000000000000000000000000000000000000000000000000000000000000000";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsHex64(absl::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!IsDigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

// RFC 3339 date-time with a required offset: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM).
bool IsRfc3339(absl::string_view s) {
  auto digits = [&](size_t pos, size_t n) {
    if (pos + n > s.size()) return false;
    for (size_t i = 0; i < n; ++i) {
      if (!IsDigit(s[pos + i])) return false;
    }
    return true;
  };
  if (!digits(0, 4) || s.size() < 20 || s[4] != '-' || !digits(5, 2) || s[7] != '-' ||
      !digits(8, 2) || (s[10] != 'T' && s[10] != 't') || !digits(11, 2) || s[13] != ':' ||
      !digits(14, 2) || s[16] != ':' || !digits(17, 2)) {
    return false;
  }
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  absl::string_view rest = s.substr(i);
  if (rest == "Z" || rest == "z") return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && IsDigit(rest[1]) &&
         IsDigit(rest[2]) && rest[3] == ':' && IsDigit(rest[4]) && IsDigit(rest[5]);
}

absl::Status ValidateEvent(const CustodyEvent& e) {
  if (!IsRfc3339(e.time)) return absl::InvalidArgumentError("time is not RFC 3339 with offset");
  if (e.actor.empty()) return absl::InvalidArgumentError("actor is empty");
  if (e.action.empty()) return absl::InvalidArgumentError("action is empty");
  for (const auto& h : e.inputs) {
    if (!IsHex64(h)) return absl::InvalidArgumentError("an input is not SHA-256 lower-case hex");
  }
  for (const auto& h : e.outputs) {
    if (!IsHex64(h)) return absl::InvalidArgumentError("an output is not SHA-256 lower-case hex");
  }
  return absl::OkStatus();
}

absl::Status LineError(size_t line_no, absl::string_view what) {
  return absl::DataLossError(absl::StrCat("custody log line ", line_no, ": ", what));
}

// Parses one line's JSON into a record. No exceptions escape: nlohmann's are disabled per call.
absl::StatusOr<CustodyRecord> ParseLine(absl::string_view line, size_t line_no) {
  OrderedJson j = OrderedJson::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return LineError(line_no, "not a JSON object");
  static const char* kKeys[] = {"seq", "time", "actor", "action", "case", "inputs", "outputs",
                                "prev"};
  if (j.size() != 8) return LineError(line_no, "wrong set of keys");
  size_t k = 0;
  for (auto it = j.begin(); it != j.end(); ++it, ++k) {
    if (it.key() != kKeys[k]) return LineError(line_no, "keys missing or out of order");
  }
  CustodyRecord r;
  if (!j["seq"].is_number_unsigned()) return LineError(line_no, "seq is not a positive integer");
  r.seq = j["seq"].get<uint64_t>();
  for (const char* key : {"time", "actor", "action", "case", "prev"}) {
    if (!j[key].is_string()) return LineError(line_no, absl::StrCat(key, " is not a string"));
  }
  r.event.time = j["time"].get<std::string>();
  r.event.actor = j["actor"].get<std::string>();
  r.event.action = j["action"].get<std::string>();
  r.event.case_ref = j["case"].get<std::string>();
  r.prev = j["prev"].get<std::string>();
  for (const char* key : {"inputs", "outputs"}) {
    if (!j[key].is_array()) return LineError(line_no, absl::StrCat(key, " is not an array"));
    for (const auto& v : j[key]) {
      if (!v.is_string()) return LineError(line_no, absl::StrCat(key, " holds a non-string"));
      (key[0] == 'i' ? r.event.inputs : r.event.outputs).push_back(v.get<std::string>());
    }
  }
  if (!IsHex64(r.prev)) return LineError(line_no, "prev is not SHA-256 hex");
  absl::Status s = ValidateEvent(r.event);
  if (!s.ok()) return LineError(line_no, s.message());
  // The canonical form must reproduce the line byte for byte; otherwise two readers could
  // disagree on what was signed (spaces, escapes, key order).
  if (FormatCustodyLine(r.seq, r.event, r.prev) != line) {
    return LineError(line_no, "not in canonical form (spacing or escaping)");
  }
  r.line = std::string(line);
  return r;
}

}  // namespace

std::string FormatCustodyLine(uint64_t seq, const CustodyEvent& e, absl::string_view prev_hex) {
  OrderedJson j;
  j["seq"] = seq;
  j["time"] = e.time;
  j["actor"] = e.actor;
  j["action"] = e.action;
  j["case"] = e.case_ref;
  j["inputs"] = e.inputs;
  j["outputs"] = e.outputs;
  j["prev"] = std::string(prev_hex);
  // Invalid UTF-8 is replaced rather than thrown on; validation happens before formatting.
  return j.dump(-1, ' ', /*ensure_ascii=*/false, OrderedJson::error_handler_t::replace);
}

std::string NowRfc3339() {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", absl::Now(), absl::UTCTimeZone());
}

absl::StatusOr<CustodyLog> CustodyLog::Parse(absl::string_view content) {
  CustodyLog log;
  if (content.empty()) return log;
  if (content.back() != '\n') return absl::DataLossError("custody log: last line has no newline");
  content.remove_suffix(1);
  std::string prev = kZeroHash;
  size_t line_no = 0;
  for (absl::string_view line : absl::StrSplit(content, '\n')) {
    ++line_no;
    if (line.empty()) return LineError(line_no, "empty line");
    if (line.back() == '\r') return LineError(line_no, "carriage return");
    absl::StatusOr<CustodyRecord> r = ParseLine(line, line_no);
    if (!r.ok()) return r.status();
    if (r->seq != line_no) return LineError(line_no, "seq out of sequence");
    if (r->prev != prev) return LineError(line_no, "prev does not match the previous line");
    prev = Sha256Hex(line);
    log.records_.push_back(*std::move(r));
  }
  return log;
}

absl::StatusOr<CustodyRecord> CustodyLog::Next(const CustodyEvent& event) const {
  CustodyRecord r;
  r.event = event;
  if (r.event.time.empty()) r.event.time = NowRfc3339();
  absl::Status s = ValidateEvent(r.event);
  if (!s.ok()) return s;
  r.seq = records_.size() + 1;
  r.prev = records_.empty() ? std::string(kZeroHash) : Sha256Hex(records_.back().line);
  r.line = FormatCustodyLine(r.seq, r.event, r.prev);
  return r;
}

absl::Status CustodyLog::Append(const CustodyEvent& event) {
  absl::StatusOr<CustodyRecord> r = Next(event);
  if (!r.ok()) return r.status();
  records_.push_back(*std::move(r));
  return absl::OkStatus();
}

std::string CustodyLog::Serialize() const {
  std::string out;
  for (const auto& r : records_) absl::StrAppend(&out, r.line, "\n");
  return out;
}

Sha256Digest CustodyLog::MerkleRoot() const {
  std::vector<std::string> leaves;
  leaves.reserve(records_.size());
  for (const auto& r : records_) leaves.push_back(r.line);
  return MerkleTreeHash(leaves);
}

absl::StatusOr<CustodyLogFile> CustodyLogFile::Open(const std::string& path) {
  CustodyLogFile f;
  f.path_ = path;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    absl::StatusOr<CustodyLog> log = CustodyLog::Parse(ss.str());
    if (!log.ok()) return log.status();
    f.log_ = *std::move(log);
  }
  return f;
}

absl::Status CustodyLogFile::Append(const CustodyEvent& event) {
  absl::StatusOr<CustodyRecord> r = log_.Next(event);
  if (!r.ok()) return r.status();
  std::string line = r->line + "\n";
  int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return absl::PermissionDeniedError("cannot open custody log for append");
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return absl::DataLossError("custody log write failed");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return absl::DataLossError("custody log sync failed");
  log_.records_.push_back(*std::move(r));
  return absl::OkStatus();
}

}  // namespace bayyina::transfer
