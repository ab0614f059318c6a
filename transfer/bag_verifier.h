// Validation of BagIt bags (RFC 8493, and the 0.9x drafts still found in archives).
#ifndef BAYYINA_TRANSFER_BAG_VERIFIER_H_
#define BAYYINA_TRANSFER_BAG_VERIFIER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "transfer/bagit.h"

namespace bayyina::transfer {

// The files of a bag, wherever they live (a directory, a ZIP). Paths are relative to the bag
// root, '/'-separated, as raw bytes.
class BagFiles {
 public:
  struct Entry {
    std::string path;
    uint64_t size = 0;
    bool regular = true;  // false for symlinks, devices and the like: never followed
  };
  virtual ~BagFiles() = default;
  // Every file below the bag root (directories themselves are not listed).
  virtual absl::StatusOr<std::vector<Entry>> List() = 0;
  // Streams the bytes of `path` to `sink` in chunks of at most a few MiB.
  virtual absl::Status Read(const std::string& path,
                            const std::function<void(absl::string_view)>& sink) = 0;
};

// A bag in a directory. Symlinks are reported as non-regular, not followed.
std::unique_ptr<BagFiles> DirectoryBagFiles(const std::string& dir);

// One finding, attributed to the file (or "bag") it concerns.
struct BagIssue {
  std::string item;
  std::string detail;
};

struct BagReport {
  bool valid = false;  // no errors (warnings allowed)
  std::string version;
  std::vector<BagIssue> errors;
  std::vector<BagIssue> warnings;
  BagInfo info;  // bag-info.txt, decoded to UTF-8, in file order
  // Lower-case SHA-256 hex of every file the verifier read (payload and tag files), keyed by
  // path: a caller that needs SHA-256 too (the ASiC-E verifier) reuses the single read pass.
  absl::flat_hash_map<std::string, std::string> sha256;
  // Number of payload bytes hashed.
  uint64_t payload_bytes = 0;
};

// Validates a bag: bagit.txt (strict two-line form, no BOM, version M.N), tag-file encoding
// (UTF-8, ISO-8859-1, UTF-16 and whatever ICU converts), bag-info.txt (Payload-Oxum checked),
// every payload and tag manifest (md5, sha1, sha224, sha256, sha384, sha512), completeness
// (every payload file in every payload manifest, every entry present), fetch.txt (parsed and
// checked for unsafe paths, never fetched: an entry not present makes the bag incomplete),
// and paths (no '..', absolute, '~' or escaping paths). Each payload file is read once, all
// algorithms at once on two cores. Duplicates and md5sum-style or "./" paths are warnings in
// 0.9x bags; in 1.0 bags duplicates are errors.
BagReport VerifyBag(BagFiles& files);
BagReport VerifyBagDirectory(const std::string& dir);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_BAG_VERIFIER_H_
