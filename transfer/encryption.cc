#include "transfer/encryption.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "transfer/cms_signer.h"

namespace bayyina::transfer {
namespace fs = std::filesystem;
namespace {

struct BioAllDeleter {
  void operator()(BIO* b) const { BIO_free_all(b); }
};
using BioPtr = std::unique_ptr<BIO, BioAllDeleter>;
struct CmsDeleter {
  void operator()(CMS_ContentInfo* c) const { CMS_ContentInfo_free(c); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsDeleter>;
struct CertStackDeleter {
  void operator()(STACK_OF(X509)* s) const { sk_X509_pop_free(s, X509_free); }
};

constexpr size_t kChunk = 1 << 20;

// Encrypts the next `limit` bytes of `in` into a new file at `path`.
absl::Status EncryptOne(FILE* in, uint64_t limit, const std::string& path,
                        STACK_OF(X509)* recipients, const EVP_CIPHER* cipher) {
  BIO* file = BIO_new_file(path.c_str(), "wb");
  if (file == nullptr) return absl::PermissionDeniedError("cannot create a volume file");
  if (limit == 0) {
    // OpenSSL's streaming filter cannot finalise an envelope it was never given data for.
    BioPtr out(file);
    BioPtr empty(BIO_new_mem_buf("", 0));
    CmsPtr cms(CMS_encrypt(recipients, empty.get(), cipher, CMS_BINARY));
    if (!cms || i2d_CMS_bio(file, cms.get()) != 1) {
      return absl::InternalError(absl::StrCat("CMS envelope: ", OpenSslError()));
    }
    return absl::OkStatus();
  }
  const unsigned int flags = CMS_BINARY | CMS_STREAM | CMS_PARTIAL;
  CmsPtr cms(CMS_encrypt(recipients, nullptr, cipher, flags));
  if (!cms) {
    BIO_free(file);
    return absl::InvalidArgumentError(absl::StrCat("CMS envelope: ", OpenSslError()));
  }
  // BIO_new_CMS returns a filter chain: what is written to it comes out of `file` as a BER
  // envelope; flushing finalises it.
  BioPtr out(file);
  BIO* enc = BIO_new_CMS(file, cms.get());
  if (enc == nullptr) return absl::InternalError(absl::StrCat("CMS stream: ", OpenSslError()));
  std::vector<char> buf(kChunk);
  uint64_t left = limit;
  bool ok = true;
  while (left > 0 && ok) {
    size_t n = std::fread(buf.data(), 1, std::min<uint64_t>(left, buf.size()), in);
    if (n == 0) break;
    ok = BIO_write(enc, buf.data(), static_cast<int>(n)) == static_cast<int>(n);
    left -= n;
  }
  ok = ok && !std::ferror(in) && BIO_flush(enc) == 1;
  // Free the filter chain down to (not including) the file BIO, then the file.
  BIO_pop(file);
  BIO_free_all(enc);
  if (!ok) return absl::DataLossError(absl::StrCat("encrypting a volume failed: ", OpenSslError()));
  if (BIO_flush(file) != 1) return absl::DataLossError("cannot write a volume file");
  return absl::OkStatus();
}

}  // namespace

std::string VolumeName(const std::string& base, int index) {
  return absl::StrFormat("%s.p7m.%03d", base, index);
}

absl::StatusOr<std::vector<std::string>> EncryptToVolumes(const std::string& input_path,
                                                          const std::string& base,
                                                          const EncryptOptions& options) {
  if (options.volume_size == 0) return absl::InvalidArgumentError("volume size must be positive");
  if (options.recipient_cert_pems.empty()) return absl::InvalidArgumentError("no recipient");
  std::unique_ptr<STACK_OF(X509), CertStackDeleter> recipients(sk_X509_new_null());
  for (const std::string& pem : options.recipient_cert_pems) {
    absl::StatusOr<X509Ptr> cert = LoadCertificatePem(pem);
    if (!cert.ok()) return absl::InvalidArgumentError("a recipient certificate is not PEM X.509");
    int type = EVP_PKEY_get_base_id(X509_get0_pubkey(cert->get()));
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) {
      return absl::InvalidArgumentError("recipient keys must be RSA or EC");
    }
    sk_X509_push(recipients.get(), cert->release());
  }
  std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(input_path.c_str(), "rb"), &std::fclose);
  if (!in) return absl::NotFoundError("cannot open the package to encrypt");
  struct stat st;
  if (::fstat(fileno(in.get()), &st) != 0) return absl::NotFoundError("cannot stat the package");
  uint64_t total = static_cast<uint64_t>(st.st_size);
  const EVP_CIPHER* cipher = options.kind == EnvelopeKind::kAuthEnvelopedGcm ? EVP_aes_256_gcm()
                                                                             : EVP_aes_256_cbc();
  std::vector<std::string> volumes;
  uint64_t done = 0;
  do {
    std::string path = VolumeName(base, static_cast<int>(volumes.size()) + 1);
    uint64_t n = std::min(options.volume_size, total - done);
    absl::Status s = EncryptOne(in.get(), n, path, recipients.get(), cipher);
    volumes.push_back(path);
    if (!s.ok()) {
      for (const auto& v : volumes) fs::remove(v);
      return s;
    }
    done += n;
  } while (done < total);
  // A stale higher-numbered volume from an earlier run would be taken as part of this set.
  for (int i = static_cast<int>(volumes.size()) + 1; fs::exists(VolumeName(base, i)); ++i) {
    fs::remove(VolumeName(base, i));
  }
  return volumes;
}

absl::StatusOr<std::vector<std::string>> FindVolumes(const std::string& path) {
  std::string base = path;
  size_t pos = path.rfind(".p7m.");
  int index = 0;
  if (pos != std::string::npos && absl::SimpleAtoi(path.substr(pos + 5), &index)) {
    base = path.substr(0, pos);
  }
  std::vector<std::string> out;
  for (int i = 1; fs::exists(VolumeName(base, i)); ++i) out.push_back(VolumeName(base, i));
  if (out.empty()) return absl::NotFoundError("no encrypted volume found");
  return out;
}

bool LooksLikeCmsEnvelope(const std::string& path) {
  BioPtr in(BIO_new_file(path.c_str(), "rb"));
  if (!in) return false;
  unsigned char head[2];
  return BIO_read(in.get(), head, 2) == 2 && head[0] == 0x30 && (head[1] == 0x80 || head[1] >= 0x81);
}

absl::Status DecryptVolumes(const std::vector<std::string>& volumes, const std::string& key_pem,
                            const std::string& out_path) {
  absl::StatusOr<PkeyPtr> key = LoadPrivateKeyPem(key_pem);
  if (!key.ok()) return absl::InvalidArgumentError("decryption key is not a PEM private key");
  int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return absl::PermissionDeniedError("cannot create the decrypted package");
  BioPtr out(BIO_new_fd(fd, BIO_CLOSE));
  for (size_t i = 0; i < volumes.size(); ++i) {
    BioPtr in(BIO_new_file(volumes[i].c_str(), "rb"));
    if (!in) return absl::NotFoundError(absl::StrCat("cannot open volume ", i + 1));
    CmsPtr cms(d2i_CMS_bio(in.get(), nullptr));
    if (!cms) {
      ERR_clear_error();
      return absl::DataLossError(absl::StrCat("volume ", i + 1, " is not a CMS structure"));
    }
    int type = OBJ_obj2nid(CMS_get0_type(cms.get()));
    if (type != NID_id_smime_ct_authEnvelopedData && type != NID_pkcs7_enveloped) {
      return absl::DataLossError(absl::StrCat("volume ", i + 1, " is not an envelope"));
    }
    if (CMS_decrypt(cms.get(), key->get(), nullptr, nullptr, out.get(), CMS_BINARY) != 1) {
      std::string why = OpenSslError();
      return absl::StrContains(why, "no matching recipient") || absl::StrContains(why, "decrypt error")
                 ? absl::PermissionDeniedError(absl::StrCat("volume ", i + 1,
                                                            ": the key is not a recipient (", why, ")"))
                 : absl::DataLossError(absl::StrCat("volume ", i + 1, " fails decryption (", why, ")"));
    }
  }
  if (BIO_flush(out.get()) != 1) return absl::DataLossError("cannot write the decrypted package");
  return absl::OkStatus();
}

}  // namespace bayyina::transfer
