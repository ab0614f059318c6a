#include "transfer/cms_signer.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "absl/strings/str_cat.h"
#include "transfer/digest.h"

namespace bayyina::transfer {
namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

BioPtr MemBio(absl::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

}  // namespace

std::string OpenSslError() {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof(buf));
  return buf;
}

absl::StatusOr<PkeyPtr> LoadPrivateKeyPem(absl::string_view pem) {
  BioPtr bio = MemBio(pem);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) {
    ERR_clear_error();
    return absl::InvalidArgumentError("signing key is not an unencrypted PEM private key");
  }
  return key;
}

absl::StatusOr<X509Ptr> LoadCertificatePem(absl::string_view pem) {
  BioPtr bio = MemBio(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    ERR_clear_error();
    return absl::InvalidArgumentError("not a PEM X.509 certificate");
  }
  return cert;
}

absl::StatusOr<std::vector<X509Ptr>> LoadCertificatesPem(absl::string_view pem) {
  BioPtr bio = MemBio(pem);
  std::vector<X509Ptr> out;
  while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(c);
  ERR_clear_error();  // the end of the bundle reads as an error
  if (out.empty()) return absl::InvalidArgumentError("no PEM X.509 certificate found");
  return out;
}

std::string CertificateDer(X509* cert) { return Der(cert, i2d_X509); }

std::string CertificateSubject(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, n);
}

std::string CertificateFingerprint(X509* cert) { return Sha256Hex(CertificateDer(cert)); }

absl::StatusOr<std::string> SignDetachedCades(absl::string_view content, EVP_PKEY* key, X509* cert,
                                              const std::vector<X509Ptr>& chain) {
  int type = EVP_PKEY_get_base_id(key);
  if (type != EVP_PKEY_EC && type != EVP_PKEY_RSA) {
    return absl::InvalidArgumentError("signing key must be ECDSA or RSA");
  }
  if (X509_check_private_key(cert, key) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError("signing key does not match the signing certificate");
  }
  STACK_OF(X509)* certs = sk_X509_new_null();
  for (const auto& c : chain) sk_X509_push(certs, c.get());
  BioPtr in = MemBio(content);
  const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_CADES | CMS_NOSMIMECAP |
                             CMS_PARTIAL;
  CMS_ContentInfo* cms = CMS_sign(nullptr, nullptr, certs, nullptr, flags);
  sk_X509_free(certs);
  if (cms == nullptr) return absl::InternalError(absl::StrCat("CMS_sign: ", OpenSslError()));
  std::unique_ptr<CMS_ContentInfo, void (*)(CMS_ContentInfo*)> guard(cms, CMS_ContentInfo_free);
  if (CMS_add1_signer(cms, cert, key, EVP_sha256(), flags) == nullptr ||
      CMS_final(cms, in.get(), nullptr, flags) != 1) {
    return absl::InternalError(absl::StrCat("CMS signing failed: ", OpenSslError()));
  }
  std::string out = Der(cms, i2d_CMS_ContentInfo);
  if (out.empty()) return absl::InternalError("CMS encoding failed");
  return out;
}

}  // namespace bayyina::transfer
