// Verification of evidence packages built by BuildPackage (or any ASiC-E with CAdES over one
// BagIt bag laid out the same way), item by item.
#ifndef BAYYINA_TRANSFER_PACKAGE_VERIFIER_H_
#define BAYYINA_TRANSFER_PACKAGE_VERIFIER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace bayyina::transfer {

// One check. `item` is the ZIP entry it concerns ("META-INF/signature001.p7s",
// "bag/data/redacted/document-001.png", ...) or "container" for the ZIP as a whole.
struct VerifyItem {
  std::string item;
  bool ok = false;
  std::string detail;
};

struct PackageVerification {
  bool ok = false;  // true only when every item holds
  std::vector<VerifyItem> items;
};

struct PackageVerifyOptions {
  // PEM trust anchors for the signer's chain. Without them the signature is still checked
  // cryptographically, but the chain item fails: an untrusted signer proves nothing.
  std::string ca_pem;
  // PEM trust anchors for the TSA of an RFC 3161 signature timestamp; `ca_pem` when empty.
  std::string tsa_ca_pem;
  // Recipient key (PEM) for an encrypted package. `path` may then name any volume or the base
  // name; the volumes are decrypted into a temporary file (mode 0600) that is removed after.
  std::string decrypt_key_pem;
};

// Checks, reporting each as an item:
//  - the container: a ZIP whose first entry is "mimetype", stored, without extra field, holding
//    the ASiC-E media type; entry names safe (no zip-slip), unique, unencrypted; CRCs;
//  - the signature: a strict CAdES-BES profile (DER that re-encodes identically, SignedData
//    and SignerInfo versions, SHA-256, ECDSA/RSA OIDs, exactly the signed attributes
//    contentType, signingTime, messageDigest and signingCertificateV2 matching the embedded
//    signer certificate, detached id-data content) and the signature value over the manifest;
//  - the certificate chain to `ca_pem`, with a signing key usage;
//  - an RFC 3161 signature timestamp, when there is one: its imprint is the hash of the
//    signature value and its TSA chains to `tsa_ca_pem` (or `ca_pem`) (timestamp.h);
//  - every digest in META-INF/ASiCManifest.xml, and that it lists every file;
//  - the bag (VerifyBag: manifests, tag manifests, completeness, Payload-Oxum), and the
//    required bag-info fields;
//  - the custody log: chain, RFC 9162 root and size against bag-info.txt, and its package event
//    against the payload manifest.
// Each payload byte is read once (SHA-256 and SHA-512 on two cores); memory is constant.
// Returns InvalidArgument only for unusable options (a CA that is not PEM); a damaged or
// forged package is reported through the items.
absl::StatusOr<PackageVerification> VerifyPackage(const std::string& path,
                                                  const PackageVerifyOptions& options);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_PACKAGE_VERIFIER_H_
