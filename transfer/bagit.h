// BagIt 1.0 (RFC 8493) tag files and a bag writer for plain directories.
#ifndef BAYYINA_TRANSFER_BAGIT_H_
#define BAYYINA_TRANSFER_BAGIT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "transfer/digest.h"

namespace bayyina::transfer {

// One file of a bag, with its digests. `path` is relative to the bag root ("data/...").
struct BagEntry {
  std::string path;
  std::string sha256_hex;
  std::string sha512_hex;
  uint64_t size = 0;
};

using BagInfo = std::vector<std::pair<std::string, std::string>>;  // label, value; order kept

// "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".
std::string FormatBagitTxt();

// A manifest (payload or tag): "<hex>  <path>\n" per entry, sorted by path, with CR, LF and
// '%' in paths percent-encoded as RFC 8493 section 2.1.3 requires. `algorithm` is "sha256" or
// "sha512".
std::string FormatManifest(const std::vector<BagEntry>& entries, absl::string_view algorithm);

// bag-info.txt. Labels must be non-empty, without ':' or whitespace at either end or control
// characters; values must not hold CR or LF (we never fold). InvalidArgument otherwise.
absl::StatusOr<std::string> FormatBagInfo(const BagInfo& info);

// "<octets>.<count>" of the payload.
std::string PayloadOxum(const std::vector<BagEntry>& payload);

// Writes a bag into an empty or new directory. Files are copied in one read pass that also
// computes SHA-256 and SHA-512 (on two cores); memory stays constant. Not thread-safe.
class BagDirWriter {
 public:
  // REQUIRES: `dir` does not exist or is empty.
  static absl::StatusOr<BagDirWriter> Create(const std::string& dir);

  // Copies `source_file` to data/<payload_path>. `payload_path` must pass
  // CheckSafeRelativePath and must not already be in the bag.
  absl::Status AddFile(absl::string_view payload_path, const std::string& source_file);
  absl::Status AddBytes(absl::string_view payload_path, absl::string_view bytes);

  // Writes manifest-sha256/512, bagit.txt, bag-info.txt (with `info` plus Bagging-Date and
  // Payload-Oxum unless given) and tagmanifest-sha256/512. REQUIRES: called once.
  absl::Status Finish(const BagInfo& info);

  const std::vector<BagEntry>& payload() const { return payload_; }

 private:
  absl::StatusOr<std::string> Prepare(absl::string_view payload_path);
  absl::Status WriteTag(const std::string& name, absl::string_view content,
                        std::vector<BagEntry>* tags);

  std::string dir_;
  std::vector<BagEntry> payload_;
};

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_BAGIT_H_
