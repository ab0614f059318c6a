#include "transfer/encryption.h"

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "transfer/tests/test_support.h"

namespace bayyina::transfer {
namespace {
namespace fs = std::filesystem;
using test_support::Fresh;
using test_support::PkiFile;
using test_support::Shell;
using test_support::Slurp;
using test_support::WriteFile;

std::string RandomBytes(size_t n) {
  std::string s(n, '\0');
  uint64_t x = 88172645463325252ull;
  for (char& c : s) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x);
  }
  return s;
}

EncryptOptions TwoRecipients(uint64_t volume_size) {
  EncryptOptions o;
  o.recipient_cert_pems = {Slurp(PkiFile("recipient-rsa.pem")), Slurp(PkiFile("recipient-ec.pem"))};
  o.volume_size = volume_size;
  return o;
}

TEST(Encryption, EachVolumeOpensWithOpensslCmsDecrypt) {
  const std::string dir = Fresh("enc_volumes");
  fs::create_directories(dir);
  const std::string plain = RandomBytes((5 << 20) / 2);  // 2.5 MiB -> 3 volumes of 1 MiB
  WriteFile(dir + "/pkg.asice", plain);
  absl::StatusOr<std::vector<std::string>> vols =
      EncryptToVolumes(dir + "/pkg.asice", dir + "/pkg.asice", TwoRecipients(1 << 20));
  ASSERT_TRUE(vols.ok()) << vols.status();
  ASSERT_EQ(vols->size(), 3u);
  EXPECT_EQ((*vols)[0], dir + "/pkg.asice.p7m.001");
  for (const char* who : {"recipient-rsa", "recipient-ec"}) {
    std::string joined;
    for (const std::string& v : *vols) {
      std::string out = dir + "/part";
      std::string log;
      ASSERT_EQ(Shell(absl::StrCat("openssl cms -decrypt -binary -inform DER -in ", v, " -inkey ",
                                   PkiFile(std::string(who) + ".key"), " -recip ",
                                   PkiFile(std::string(who) + ".pem"), " -out ", out), &log), 0)
          << who << " " << v << "\n" << log;
      joined += Slurp(out);
    }
    EXPECT_TRUE(joined == plain) << who;
  }
  std::string print;
  ASSERT_EQ(Shell("openssl cms -cmsout -print -inform DER -in " + (*vols)[0], &print), 0);
  EXPECT_TRUE(absl::StrContains(print, "id-smime-ct-authEnvelopedData")) << print.substr(0, 300);
  EXPECT_TRUE(absl::StrContains(print, "aes-256-gcm"));
}

TEST(Encryption, CbcFallbackIsEnvelopedData) {
  const std::string dir = Fresh("enc_cbc");
  fs::create_directories(dir);
  WriteFile(dir + "/p", "small package");
  EncryptOptions o = TwoRecipients(1 << 20);
  o.kind = EnvelopeKind::kEnvelopedCbc;
  absl::StatusOr<std::vector<std::string>> vols = EncryptToVolumes(dir + "/p", dir + "/p", o);
  ASSERT_TRUE(vols.ok()) << vols.status();
  std::string print, out;
  ASSERT_EQ(Shell("openssl cms -cmsout -print -inform DER -in " + (*vols)[0], &print), 0);
  EXPECT_TRUE(absl::StrContains(print, "pkcs7-envelopedData")) << print.substr(0, 300);
  EXPECT_TRUE(absl::StrContains(print, "aes-256-cbc"));
  ASSERT_EQ(Shell(absl::StrCat("openssl cms -decrypt -binary -inform DER -in ", (*vols)[0],
                               " -inkey ", PkiFile("recipient-rsa.key"), " -out ", dir, "/d"), &out), 0) << out;
  EXPECT_EQ(Slurp(dir + "/d"), "small package");
}

TEST(Encryption, DecryptVolumesRoundTripsAndRejectsStrangersAndTampering) {
  const std::string dir = Fresh("enc_round");
  fs::create_directories(dir);
  const std::string plain = RandomBytes(300000);
  WriteFile(dir + "/pkg", plain);
  absl::StatusOr<std::vector<std::string>> vols =
      EncryptToVolumes(dir + "/pkg", dir + "/pkg", TwoRecipients(100000));
  ASSERT_TRUE(vols.ok());
  ASSERT_EQ(vols->size(), 3u);
  absl::StatusOr<std::vector<std::string>> found = FindVolumes((*vols)[1]);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, *vols);
  EXPECT_TRUE(LooksLikeCmsEnvelope((*vols)[0]));
  for (const char* who : {"recipient-ec.key", "recipient-rsa.key"}) {
    ASSERT_TRUE(DecryptVolumes(*vols, Slurp(PkiFile(who)), dir + "/out").ok()) << who;
    EXPECT_TRUE(Slurp(dir + "/out") == plain);
  }
  EXPECT_FALSE(DecryptVolumes(*vols, Slurp(PkiFile("signer-ec.key")), dir + "/out").ok());
  // A flipped ciphertext byte fails GCM authentication.
  std::string v = Slurp((*vols)[2]);
  v[v.size() / 2] ^= 1;
  WriteFile((*vols)[2], v);
  EXPECT_FALSE(DecryptVolumes(*vols, Slurp(PkiFile("recipient-rsa.key")), dir + "/out").ok());
}

TEST(Encryption, EdgeCases) {
  const std::string dir = Fresh("enc_edge");
  fs::create_directories(dir);
  WriteFile(dir + "/empty", "");
  absl::StatusOr<std::vector<std::string>> vols =
      EncryptToVolumes(dir + "/empty", dir + "/empty", TwoRecipients(10));
  ASSERT_TRUE(vols.ok()) << vols.status();
  EXPECT_EQ(vols->size(), 1u);
  ASSERT_TRUE(DecryptVolumes(*vols, Slurp(PkiFile("recipient-ec.key")), dir + "/out").ok());
  EXPECT_EQ(Slurp(dir + "/out"), "");
  EncryptOptions o = TwoRecipients(0);
  EXPECT_FALSE(EncryptToVolumes(dir + "/empty", dir + "/x", o).ok());
  o = TwoRecipients(10);
  o.recipient_cert_pems = {"junk"};
  EXPECT_EQ(EncryptToVolumes(dir + "/empty", dir + "/x", o).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(dir + "/x.p7m.001"));
}

}  // namespace
}  // namespace bayyina::transfer
