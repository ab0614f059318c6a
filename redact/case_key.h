#ifndef BAYYINA_REDACT_CASE_KEY_H_
#define BAYYINA_REDACT_CASE_KEY_H_

// The per-case secret behind keyed hashes (HMAC-SHA-256) and reversible pseudonyms
// (AES-256-GCM). One 32-byte secret per case; the HMAC and AES keys are derived from it with
// distinct labels so that neither use can stand in for the other. Keys never appear in logs,
// errors or redaction logs.

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/entity.h"

namespace bayyina::redact {

class CaseKey {
 public:
  static constexpr size_t kSize = 32;

  // A fresh random key (OpenSSL's DRBG).
  static absl::StatusOr<CaseKey> Generate();
  // From exactly kSize raw bytes.
  static absl::StatusOr<CaseKey> FromBytes(absl::string_view secret);
  // Reads a key file: 64 hex digits (a trailing newline allowed). The file must not be readable
  // by group or others (mode 0600 or stricter): PermissionDenied otherwise.
  static absl::StatusOr<CaseKey> LoadFile(const std::string& path);
  // Writes the key as hex to a NEW file created with mode 0600 (AlreadyExists if present).
  absl::Status SaveFile(const std::string& path) const;

  // Hex HMAC-SHA-256 of a value under the case key, domain-separated by type. Equal for equal
  // canonical values within a case, unlinkable across cases.
  std::string ValueHmac(EntityType type, absl::string_view canonical) const;

  // AES-256-GCM with a random 96-bit nonce; the entity type is authenticated as associated
  // data. Returns base64url(nonce || ciphertext || tag) without padding.
  absl::StatusOr<std::string> Encrypt(EntityType type, absl::string_view plaintext) const;
  // Reverses Encrypt. InvalidArgument for a malformed token; PermissionDenied when the tag does
  // not verify (wrong key, wrong type, or tampering).
  absl::StatusOr<std::string> Decrypt(EntityType type, absl::string_view token) const;

 private:
  CaseKey() = default;

  std::array<uint8_t, 32> hmac_key_{};
  std::array<uint8_t, 32> aes_key_{};
  std::array<uint8_t, 32> secret_{};
};

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_CASE_KEY_H_
