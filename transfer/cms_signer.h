// Detached CAdES-BES signatures (CMS SignedData) with OpenSSL, and the PEM loading they need.
#ifndef BAYYINA_TRANSFER_CMS_SIGNER_H_
#define BAYYINA_TRANSFER_CMS_SIGNER_H_

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace bayyina::transfer {

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// PEM parsing. Errors never include key material.
absl::StatusOr<PkeyPtr> LoadPrivateKeyPem(absl::string_view pem);
absl::StatusOr<X509Ptr> LoadCertificatePem(absl::string_view pem);
// All certificates in a PEM bundle (at least one).
absl::StatusOr<std::vector<X509Ptr>> LoadCertificatesPem(absl::string_view pem);

// The DER encoding of an OpenSSL object through its i2d_ function ("" when encoding fails).
template <typename T>
std::string Der(const T* object, int (*i2d)(const T*, unsigned char**)) {
  unsigned char* der = nullptr;
  const int n = i2d(object, &der);
  if (n <= 0) return "";
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return out;
}

// DER of a certificate, and a short public description of it.
std::string CertificateDer(X509* cert);
std::string CertificateSubject(X509* cert);      // RFC 2253 subject
std::string CertificateFingerprint(X509* cert);  // SHA-256 hex of the DER

// Signs `content` (detached, binary) as CAdES-BES: signed attributes contentType,
// signingTime, messageDigest and signingCertificateV2, SHA-256, ECDSA P-256 or RSA, the signer's
// certificate (and `chain`) embedded. Returns DER, which `openssl cms -verify -binary -inform DER
// -content FILE` accepts. InvalidArgument when the key does not match the certificate or is of
// another type.
absl::StatusOr<std::string> SignDetachedCades(absl::string_view content, EVP_PKEY* key, X509* cert,
                                              const std::vector<X509Ptr>& chain);

// The last OpenSSL error as text, for messages (OpenSSL errors hold no key material).
std::string OpenSslError();

}  // namespace bayyina::transfer

#endif  // BAYYINA_TRANSFER_CMS_SIGNER_H_
