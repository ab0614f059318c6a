#include "transfer/package_verifier.h"

#include <zip.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "transfer/package.h"
#include "transfer/tests/test_support.h"

namespace bayyina::transfer {
namespace {
namespace fs = std::filesystem;
using test_support::Fresh;
using test_support::PkiFile;
using test_support::SampleRequest;
using test_support::Slurp;
using test_support::WriteFile;

std::string Describe(const PackageVerification& v) {
  std::string out;
  for (const auto& i : v.items) absl::StrAppend(&out, i.ok ? "ok   " : "FAIL ", i.item, ": ", i.detail, "\n");
  return out;
}

bool FailsOn(const PackageVerification& v, const std::string& item) {
  for (const auto& i : v.items) {
    if (!i.ok && i.item == item) return true;
  }
  return false;
}

class VerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(Fresh("verifier"));
    fs::create_directories(*dir_);
    PackageRequest r = SampleRequest(*dir_ + "/src", 20000);
    package_ = new std::string(*dir_ + "/good.asice");
    absl::StatusOr<PackageSummary> s = BuildPackage(r, *package_);
    ASSERT_TRUE(s.ok()) << s.status();
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete package_;
  }

  PackageVerification Verify(const std::string& path, bool with_ca = true) {
    PackageVerifyOptions o;
    if (with_ca) o.ca_pem = Slurp(PkiFile("ca.pem"));
    absl::StatusOr<PackageVerification> v = VerifyPackage(path, o);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : PackageVerification{};
  }

  // Reads an entry of the good package.
  static std::string Entry(const std::string& name) {
    return test_support::ZipEntry(*package_, name);
  }

  // A copy of the good package whose entry `name` holds `content` instead.
  static std::string Rewrite(const std::string& name, const std::string& content) {
    return test_support::RewriteZipEntry(*package_, name, content, *dir_ + "/rewritten.asice");
  }

  static std::string* dir_;
  static std::string* package_;
};
std::string* VerifierTest::dir_ = nullptr;
std::string* VerifierTest::package_ = nullptr;

TEST_F(VerifierTest, GoodPackageHoldsItemByItem) {
  PackageVerification v = Verify(*package_);
  EXPECT_TRUE(v.ok) << Describe(v);
  std::set<std::string> ok_items;
  for (const auto& i : v.items) {
    if (i.ok) ok_items.insert(i.item);
  }
  for (const char* item : {"container", "META-INF/signature001.p7s", "bag/", "bag/bag-info.txt",
                           "bag/custody-log.jsonl", "bag/data/redacted/document-001.png",
                           "bag/data/ocr/document-001.txt", "transmittal-report.html"}) {
    EXPECT_TRUE(ok_items.count(item)) << item << "\n" << Describe(v);
  }
}

TEST_F(VerifierTest, WithoutTrustAnchorTheChainFails) {
  PackageVerification v = Verify(*package_, /*with_ca=*/false);
  EXPECT_FALSE(v.ok);
  EXPECT_TRUE(FailsOn(v, "META-INF/signature001.p7s")) << Describe(v);
  PackageVerifyOptions o;
  o.ca_pem = Slurp(PkiFile("other-ca.pem"));
  absl::StatusOr<PackageVerification> other = VerifyPackage(*package_, o);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->ok) << "a signer from another CA is not trusted";
  o.ca_pem = "garbage";
  EXPECT_EQ(VerifyPackage(*package_, o).status().code(), absl::StatusCode::kInvalidArgument);
}

// The acceptance test: any single changed byte in the payload, a manifest, the
// signature or the custody log fails verification, naming the item.
TEST_F(VerifierTest, EverySingleByteFlipFailsAndNamesTheItem) {
  struct Target {
    std::string entry;
    size_t stride;  // 1 = every byte
  };
  const std::vector<Target> targets = {
      {"META-INF/signature001.p7s", 1},
      {"bag/custody-log.jsonl", 1},
      {"bag/manifest-sha256.txt", 3},
      {"bag/manifest-sha512.txt", 7},
      {"bag/tagmanifest-sha256.txt", 7},
      {"bag/bag-info.txt", 3},
      {"META-INF/ASiCManifest.xml", 29},
      {"bag/data/redacted/document-001.png", 397},
      {"bag/data/ocr/document-001.txt", 1},
      {"bag/provenance.jsonld", 211},
      {"transmittal-report.html", 173},
  };
  for (const Target& t : targets) {
    const std::string original = Entry(t.entry);
    ASSERT_FALSE(original.empty()) << t.entry;
    int flips = 0;
    for (size_t pos = 0; pos < original.size(); pos += t.stride) {
      std::string changed = original;
      changed[pos] = static_cast<char>(changed[pos] ^ 0x20);
      PackageVerification v = Verify(Rewrite(t.entry, changed));
      ASSERT_FALSE(v.ok) << t.entry << " byte " << pos << " flipped yet verified\n" << Describe(v);
      ASSERT_TRUE(FailsOn(v, t.entry)) << t.entry << " byte " << pos << "\n" << Describe(v);
      ++flips;
    }
    EXPECT_GT(flips, 0);
  }
}

TEST_F(VerifierTest, DamagedZipDataIsCaughtByCrcAndNamed) {
  std::string zip = Slurp(*package_);
  for (const char* entry : {"bag/data/redacted/document-001.png", "META-INF/signature001.p7s"}) {
    std::string content = Entry(entry);
    size_t at = zip.find(content);  // stored entries appear verbatim
    ASSERT_NE(at, std::string::npos) << entry;
    for (size_t off : {size_t{0}, content.size() / 2, content.size() - 1}) {
      std::string bad = zip;
      bad[at + off] ^= 0x01;
      std::string path = *dir_ + "/raw.asice";
      WriteFile(path, bad);
      PackageVerification v = Verify(path);
      EXPECT_FALSE(v.ok);
      EXPECT_TRUE(FailsOn(v, entry)) << entry << " " << off << "\n" << Describe(v);
    }
  }
}

TEST_F(VerifierTest, ContainerRulesAreEnforced) {
  // mimetype deflated instead of stored.
  std::string path = *dir_ + "/deflated-mimetype.asice";
  fs::copy_file(*package_, path, fs::copy_options::overwrite_existing);
  int err = 0;
  zip_t* za = zip_open(path.c_str(), 0, &err);
  zip_set_file_compression(za, 0, ZIP_CM_DEFLATE, 9);
  ASSERT_EQ(zip_close(za), 0);
  EXPECT_TRUE(FailsOn(Verify(path), "container"));
  // An extra file not covered by the signed manifest.
  path = *dir_ + "/extra.asice";
  fs::copy_file(*package_, path, fs::copy_options::overwrite_existing);
  za = zip_open(path.c_str(), 0, &err);
  zip_file_add(za, "bag/data/redacted/smuggled.png", zip_source_buffer(za, "x", 1, 0), 0);
  ASSERT_EQ(zip_close(za), 0);
  PackageVerification v = Verify(path);
  EXPECT_TRUE(FailsOn(v, "bag/data/redacted/smuggled.png")) << Describe(v);
  // A deleted payload file.
  path = *dir_ + "/missing.asice";
  fs::copy_file(*package_, path, fs::copy_options::overwrite_existing);
  za = zip_open(path.c_str(), 0, &err);
  zip_delete(za, zip_name_locate(za, "bag/data/ocr/document-001.txt", 0));
  ASSERT_EQ(zip_close(za), 0);
  v = Verify(path);
  EXPECT_TRUE(FailsOn(v, "bag/data/ocr/document-001.txt")) << Describe(v);
  // Zip-slip names are refused before anything is read.
  path = *dir_ + "/slip.asice";
  fs::copy_file(*package_, path, fs::copy_options::overwrite_existing);
  za = zip_open(path.c_str(), 0, &err);
  zip_file_add(za, "../../evil.sh", zip_source_buffer(za, "x", 1, 0), 0);
  ASSERT_EQ(zip_close(za), 0);
  EXPECT_TRUE(FailsOn(Verify(path), "container"));
  // Not a ZIP at all.
  path = *dir_ + "/junk.asice";
  WriteFile(path, "this is not a zip file");
  EXPECT_TRUE(FailsOn(Verify(path), "container"));
}

TEST_F(VerifierTest, ResignedWithAnotherKeyFailsTheProfileOrChain) {
  // An attacker rebuilds the package with their own self-signed certificate.
  PackageRequest r = SampleRequest(*dir_ + "/src2", 1000);
  r.signing_key_pem = Slurp(PkiFile("other-ca.key"));
  r.signing_cert_pem = Slurp(PkiFile("other-ca.pem"));
  std::string path = *dir_ + "/forged.asice";
  ASSERT_TRUE(BuildPackage(r, path).ok());
  PackageVerification v = Verify(path);
  EXPECT_FALSE(v.ok);
  EXPECT_TRUE(FailsOn(v, "META-INF/signature001.p7s")) << Describe(v);
}

}  // namespace
}  // namespace bayyina::transfer

namespace bayyina::transfer {
namespace {

TEST(EncryptedPackage, BuildsVolumesThatVerifyAfterDecryption) {
  const std::string dir = test_support::Fresh("enc_pkg");
  std::filesystem::create_directories(dir);
  PackageRequest r = test_support::SampleRequest(dir + "/src", 250000);
  r.encryption.recipient_cert_pems = {test_support::Slurp(test_support::PkiFile("recipient-ec.pem")),
                                      test_support::Slurp(test_support::PkiFile("recipient-rsa.pem"))};
  r.encryption.volume_size = 100000;
  const std::string out = dir + "/case.asice";
  absl::StatusOr<PackageSummary> s = BuildPackage(r, out);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->volumes.size(), 3u);
  EXPECT_FALSE(std::filesystem::exists(out)) << "no unencrypted copy is kept";
  EXPECT_FALSE(std::filesystem::exists(out + ".unencrypted.tmp"));
  // Each volume with the standard tool, then the joined container with unzip.
  std::string joined = dir + "/joined.asice", log;
  for (const std::string& v : s->volumes) {
    ASSERT_EQ(test_support::Shell(absl::StrCat("openssl cms -decrypt -binary -inform DER -in ", v,
                                               " -inkey ", test_support::PkiFile("recipient-ec.key"),
                                               " >> ", joined), &log), 0) << log;
  }
  EXPECT_EQ(test_support::Shell("unzip -tq " + joined, &log), 0) << log;
  // Our verifier, given the key and the first volume.
  PackageVerifyOptions o;
  o.ca_pem = test_support::Slurp(test_support::PkiFile("ca.pem"));
  o.decrypt_key_pem = test_support::Slurp(test_support::PkiFile("recipient-rsa.key"));
  absl::StatusOr<PackageVerification> v = VerifyPackage(s->volumes[0], o);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(v->ok) << Describe(*v);
  EXPECT_EQ(v->items[0].item, "encryption");
  // Without a key, or with the wrong one, it fails.
  o.decrypt_key_pem.clear();
  EXPECT_FALSE(VerifyPackage(s->volumes[0], o)->ok);
  o.decrypt_key_pem = test_support::Slurp(test_support::PkiFile("signer-ec.key"));
  v = VerifyPackage(out, o);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok);
  EXPECT_FALSE(v->items[0].ok);
}

}  // namespace
}  // namespace bayyina::transfer
