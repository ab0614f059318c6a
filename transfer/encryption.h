// Encryption of whole packages to recipient certificates as CMS (RFC 5652 / RFC 5083), split
// into volumes that `openssl cms -decrypt` can each open on its own.
//
// Why volumes: `openssl cms -decrypt` (and OpenSSL's CMS parser generally) reads a whole
// structure into memory, so one multi-gigabyte envelope would be unopenable on ordinary
// machines. The container is cut into byte ranges of `volume_size`; each range is its own
// envelope, and the recipient concatenates the decrypted volumes in order:
//   for v in OUT.asice.p7m.*; do openssl cms -decrypt -inform DER -in $v -inkey KEY.pem; done > OUT.asice
#ifndef BAYYINA_TRANSFER_ENCRYPTION_H_
#define BAYYINA_TRANSFER_ENCRYPTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace bayyina::transfer {

enum class EnvelopeKind {
  kAuthEnvelopedGcm,  // AuthEnvelopedData, AES-256-GCM (default)
  kEnvelopedCbc,      // EnvelopedData, AES-256-CBC: for recipients whose tools predate RFC 5083
};

struct EncryptOptions {
  std::vector<std::string> recipient_cert_pems;  // one or more; RSA or EC
  uint64_t volume_size = 1ull << 30;             // bytes of plaintext per volume
  EnvelopeKind kind = EnvelopeKind::kAuthEnvelopedGcm;
};

// Volume file name i (1-based): "<base>.p7m.001".
std::string VolumeName(const std::string& base, int index);

// Encrypts `input_path` into volumes base.p7m.001, .002, ... (at least one, even when empty).
// Streams (BER, indefinite lengths): memory is constant whatever the sizes. Returns the volume
// paths. InvalidArgument on a bad certificate or a zero volume size; nothing half-written is
// left behind on error.
absl::StatusOr<std::vector<std::string>> EncryptToVolumes(const std::string& input_path,
                                                          const std::string& base,
                                                          const EncryptOptions& options);

// Finds the volumes of a set given any one of them or their base name, in order.
absl::StatusOr<std::vector<std::string>> FindVolumes(const std::string& path);

// True when the file starts like a CMS envelope (so a verifier can ask for a key).
bool LooksLikeCmsEnvelope(const std::string& path);

// Decrypts `volumes` in order with `key_pem` and writes their concatenation to `out_path`
// (mode 0600). Each volume is held in memory while it is decrypted (an OpenSSL CMS limit, as
// with the command line). PermissionDenied when the key is not a recipient, DataLoss when a
// volume fails authentication or is damaged.
absl::Status DecryptVolumes(const std::vector<std::string>& volumes, const std::string& key_pem,
                            const std::string& out_path);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_ENCRYPTION_H_
