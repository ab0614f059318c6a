#ifndef BAYYINA_CASES_LOCAL_SIGNER_H_
#define BAYYINA_CASES_LOCAL_SIGNER_H_

// The signing identity used when the caller brings none: an ECDSA P-256 key and a self-signed
// certificate kept under $BAYYINA_HOME/signing/ (key mode 0600). FOR TESTING ONLY: it proves
// nothing about who signed, and every package signed with it says so in bag-info.txt.

#include <string>

#include "absl/status/statusor.h"

namespace bayyina::cases {

struct SigningIdentity {
  std::string key_pem;
  std::string cert_pem;
  bool test_only = false;  // generated locally; not a real authority's key
};

// Loads `dir`/test-signing-key.pem and `dir`/test-signing-cert.pem, creating both when absent.
// `created` (optional) tells whether they were created now.
absl::StatusOr<SigningIdentity> LoadOrCreateTestSigner(const std::string& dir,
                                                       bool* created = nullptr);

// Reads a key and certificate given by the caller (PEM files).
absl::StatusOr<SigningIdentity> LoadSigner(const std::string& key_file,
                                           const std::string& cert_file);

// The notice that goes into bag-info.txt and onto the terminal for test-only signatures.
inline constexpr char kTestSignerNotice[] =
    "TEST ONLY: signed with a locally generated self-signed key; not an authority's signature";

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_LOCAL_SIGNER_H_
