#include "redact/case_key.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace bayyina::redact {
namespace {

constexpr size_t kNonceSize = 12;
constexpr size_t kTagSize = 16;

void Hmac(const uint8_t* key, size_t key_len, absl::string_view data, uint8_t out[32]) {
  unsigned int len = 32;
  HMAC(EVP_sha256(), key, static_cast<int>(key_len),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
}

std::string Aad(EntityType type) { return absl::StrCat("bayyina/v1/", EntityTypeName(type)); }

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

}  // namespace

absl::StatusOr<CaseKey> CaseKey::Generate() {
  std::string secret(kSize, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), kSize) != 1) {
    return absl::InternalError("the random generator failed");
  }
  return FromBytes(secret);
}

absl::StatusOr<CaseKey> CaseKey::FromBytes(absl::string_view secret) {
  if (secret.size() != kSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("a case key is ", kSize, " bytes, got ", secret.size()));
  }
  CaseKey key;
  std::memcpy(key.secret_.data(), secret.data(), kSize);
  Hmac(key.secret_.data(), kSize, "bayyina/v1/hmac-sha-256", key.hmac_key_.data());
  Hmac(key.secret_.data(), kSize, "bayyina/v1/aes-256-gcm", key.aes_key_.data());
  return key;
}

absl::StatusOr<CaseKey> CaseKey::LoadFile(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return absl::NotFoundError("case key file not found");
  if ((st.st_mode & 077) != 0) {
    return absl::PermissionDeniedError(
        "case key file is readable by group or others; it must be mode 0600");
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string hex = ss.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  if (hex.size() != 2 * kSize ||
      hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    return absl::InvalidArgumentError("case key file must hold 64 hex digits");
  }
  return FromBytes(absl::HexStringToBytes(hex));
}

absl::Status CaseKey::SaveFile(const std::string& path) const {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return errno == EEXIST ? absl::AlreadyExistsError("case key file already exists")
                           : absl::PermissionDeniedError("cannot create the case key file");
  }
  std::string hex = absl::BytesToHexString(absl::string_view(
                        reinterpret_cast<const char*>(secret_.data()), kSize)) +
                    "\n";
  bool ok = write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
  ok = (close(fd) == 0) && ok;
  if (!ok) {
    unlink(path.c_str());
    return absl::InternalError("cannot write the case key file");
  }
  return absl::OkStatus();
}

std::string CaseKey::ValueHmac(EntityType type, absl::string_view canonical) const {
  uint8_t mac[32];
  std::string msg = absl::StrCat(EntityTypeName(type), "\x1f", canonical);
  Hmac(hmac_key_.data(), hmac_key_.size(), msg, mac);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(mac), 32));
}

absl::StatusOr<std::string> CaseKey::Encrypt(EntityType type, absl::string_view plaintext) const {
  std::string out(kNonceSize + plaintext.size() + kTagSize, '\0');
  auto* buf = reinterpret_cast<unsigned char*>(out.data());
  if (RAND_bytes(buf, kNonceSize) != 1) return absl::InternalError("the random generator failed");
  std::unique_ptr<EVP_CIPHER_CTX, CtxFree> ctx(EVP_CIPHER_CTX_new());
  std::string aad = Aad(type);
  int len = 0;
  bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, aes_key_.data(),
                                      buf) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                              reinterpret_cast<const unsigned char*>(aad.data()),
                              static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), buf + kNonceSize, &len,
                              reinterpret_cast<const unsigned char*>(plaintext.data()),
                              static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), buf + kNonceSize + len, &len) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize,
                                buf + kNonceSize + plaintext.size()) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM encryption failed");
  return absl::WebSafeBase64Escape(out);
}

absl::StatusOr<std::string> CaseKey::Decrypt(EntityType type, absl::string_view token) const {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() < kNonceSize + kTagSize) {
    return absl::InvalidArgumentError("not an encrypted value token");
  }
  size_t n = raw.size() - kNonceSize - kTagSize;
  auto* buf = reinterpret_cast<unsigned char*>(raw.data());
  std::string plain(n, '\0');
  std::unique_ptr<EVP_CIPHER_CTX, CtxFree> ctx(EVP_CIPHER_CTX_new());
  std::string aad = Aad(type);
  int len = 0;
  bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, aes_key_.data(),
                                      buf) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                              reinterpret_cast<const unsigned char*>(aad.data()),
                              static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                              buf + kNonceSize, static_cast<int>(n)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize,
                                buf + kNonceSize + n) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM decryption failed");
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len,
                          &len) != 1) {
    return absl::PermissionDeniedError(
        "encrypted value does not verify (wrong case key, wrong type, or altered)");
  }
  return plain;
}

}  // namespace bayyina::redact
