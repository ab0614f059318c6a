#include "cases/local_signer.h"

#include <fcntl.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "cases/blob_store.h"

namespace bayyina::cases {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

absl::Status WriteNewFile(const std::string& path, const std::string& data, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return absl::FailedPreconditionError(absl::StrCat("cannot create ", path));
  bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

std::string BioString(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

bool AddExt(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

absl::StatusOr<SigningIdentity> Generate() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  if (!key) return absl::InternalError("cannot generate a signing key");
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(BN_new(), BN_free);
  BN_rand(bn.get(), 120, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 365);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Bayyina local test signer"),
                             -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("TEST ONLY"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (!AddExt(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExt(cert.get(), NID_key_usage,
              "critical,digitalSignature,nonRepudiation,keyCertSign") ||
      !AddExt(cert.get(), NID_subject_key_identifier, "hash")) {
    return absl::InternalError("cannot build the test certificate");
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
    return absl::InternalError("cannot sign the test certificate");
  }
  SigningIdentity id;
  id.test_only = true;
  std::unique_ptr<BIO, decltype(&BIO_free)> kb(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(kb.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  id.key_pem = BioString(kb.get());
  std::unique_ptr<BIO, decltype(&BIO_free)> cb(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(cb.get(), cert.get());
  id.cert_pem = BioString(cb.get());
  return id;
}

}  // namespace

absl::StatusOr<SigningIdentity> LoadOrCreateTestSigner(const std::string& dir, bool* created) {
  const std::string key_path = absl::StrCat(dir, "/test-signing-key.pem");
  const std::string cert_path = absl::StrCat(dir, "/test-signing-cert.pem");
  if (created) *created = false;
  struct stat st;
  if (::stat(key_path.c_str(), &st) != 0) {
    if (auto s = MakeDirs(dir); !s.ok()) return s;
    auto id = Generate();
    if (!id.ok()) return id.status();
    ::unlink(cert_path.c_str());
    if (auto s = WriteNewFile(cert_path, id->cert_pem, 0644); !s.ok()) return s;
    if (auto s = WriteNewFile(key_path, id->key_pem, 0600); !s.ok()) return s;
    if (created) *created = true;
    return id;
  }
  auto id = LoadSigner(key_path, cert_path);
  if (!id.ok()) return id.status();
  id->test_only = true;
  return id;
}

absl::StatusOr<SigningIdentity> LoadSigner(const std::string& key_file,
                                           const std::string& cert_file) {
  SigningIdentity id;
  auto key = ReadFile(key_file);
  if (!key.ok()) return key.status();
  auto cert = ReadFile(cert_file);
  if (!cert.ok()) return cert.status();
  id.key_pem = std::move(*key);
  id.cert_pem = std::move(*cert);
  return id;
}

}  // namespace bayyina::cases
