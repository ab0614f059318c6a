// Strict checking of the detached CAdES-BES signatures that BuildPackage writes.
#ifndef BAYYINA_TRANSFER_CADES_PROFILE_H_
#define BAYYINA_TRANSFER_CADES_PROFILE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "transfer/cms_signer.h"

namespace bayyina::transfer {

struct CadesCheck {
  // Profile and signature value; DataLoss naming the first deviation.
  absl::Status signature;
  // The signed messageDigest differs from SHA-256 of the content: the content changed (rather
  // than the signature).
  bool content_changed = false;
  // Chain to the trust anchors with an S/MIME-signing key usage; FailedPrecondition when no
  // anchor was given.
  absl::Status chain;
  std::string signer_subject;
  std::string signing_time;  // as encoded (UTCTime or GeneralizedTime)
  // The RFC 3161 signature timestamp (id-aa-signatureTimeStampToken), when the signature
  // carries one and its value holds: see CheckSignatureTimestamp (timestamp.h).
  bool has_timestamp = false;
  absl::Status timestamp;
  std::string timestamp_time, tsa_subject;
};

// Checks `der` as a detached CAdES-BES signature over `content`: DER that re-encodes
// identically, one SignedData (version 1) with id-data detached content and SHA-256 as the only
// digest algorithm, one SignerInfo (version 1, issuer and serial) with SHA-256 and
// ecdsa-with-SHA256 or RSA, exactly the signed attributes contentType (id-data), signingTime
// (not in the future), messageDigest and signingCertificateV2 (matching the embedded signer
// certificate), no unsigned attribute but at most one single-valued signature timestamp, no
// CRLs; then the signature value, then the chain to `anchors` (may be empty), and a timestamp
// against `tsa_anchors` (may be empty).
CadesCheck CheckDetachedCades(absl::string_view der, absl::string_view content,
                              const std::vector<X509Ptr>& anchors,
                              const std::vector<X509Ptr>& tsa_anchors);

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_CADES_PROFILE_H_
