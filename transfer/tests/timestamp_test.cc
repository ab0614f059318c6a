// RFC 3161 signature timestamps against a real TSA: `openssl ts -reply` behind a loopback HTTP
// server (tsa_server.py), with a TSA key and certificate made at test time (make_test_pki.sh).
#include "transfer/timestamp.h"

#include <netinet/in.h>
#include <openssl/cms.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "transfer/cades_profile.h"
#include "transfer/package.h"
#include "transfer/package_verifier.h"
#include "transfer/tests/test_support.h"

namespace bayyina::transfer {
namespace {
namespace fs = std::filesystem;
using test_support::Fresh;
using test_support::PkiFile;
using test_support::SampleRequest;
using test_support::Shell;
using test_support::Slurp;
using test_support::WriteFile;
using test_support::ZipEntry;

constexpr char kSig[] = "META-INF/signature001.p7s";

std::string Describe(const PackageVerification& v) {
  std::string out;
  for (const auto& i : v.items) absl::StrAppend(&out, i.ok ? "ok   " : "FAIL ", i.item, ": ", i.detail, "\n");
  return out;
}

// The failed item about `item` whose detail mentions `word`, if any.
bool FailsOn(const PackageVerification& v, const std::string& item, absl::string_view word = "") {
  for (const auto& i : v.items) {
    if (!i.ok && i.item == item && absl::StrContains(i.detail, word)) return true;
  }
  return false;
}

// A copy of `package` whose entry `name` holds `content`.
std::string Rewrite(const std::string& package, const std::string& name, const std::string& content) {
  return test_support::RewriteZipEntry(package, name, content, package + ".rewritten.asice");
}

// The token and the signature value it covers, read with OpenSSL's CMS API.
struct Parts {
  std::string token, signature_value;
};
Parts SignatureParts(const std::string& p7s) {
  Parts out;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(p7s.data());
  CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(p7s.size()));
  if (cms == nullptr) return out;
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
  const ASN1_STRING* t = static_cast<const ASN1_STRING*>(CMS_unsigned_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken), -3, V_ASN1_SEQUENCE));
  if (t != nullptr) {
    out.token.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t)), ASN1_STRING_length(t));
  }
  const ASN1_OCTET_STRING* s = CMS_SignerInfo_get0_signature(si);
  out.signature_value.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                             ASN1_STRING_length(s));
  CMS_ContentInfo_free(cms);
  return out;
}

// A loopback port nobody listens on.
int ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(a);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

class TimestampTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(Fresh("timestamp"));
    fs::create_directories(*dir_);
    std::string cmd = absl::StrCat("exec /usr/bin/python3 ", test_support::SourceDir(),
                                   "/transfer/tests/tsa_server.py ", test_support::Pki(), " ",
                                   *dir_, "/tsa");
    server_ = popen(cmd.c_str(), "r");
    ASSERT_NE(server_, nullptr);
    char line[32] = {0};
    ASSERT_NE(fgets(line, sizeof(line), server_), nullptr) << "the test TSA did not start";
    url_ = new std::string(absl::StrCat("http://127.0.0.1:", atoi(line)));

    PackageRequest r = SampleRequest(*dir_ + "/src", 20000);
    r.tsa.url = *url_ + "/tsa";
    r.tsa.timeout_seconds = 20;
    package_ = new std::string(*dir_ + "/stamped.asice");
    absl::StatusOr<PackageSummary> s = BuildPackage(r, *package_);
    ASSERT_TRUE(s.ok()) << s.status();
  }
  static void TearDownTestSuite() {
    if (server_ != nullptr) {
      Shell(absl::StrCat("/usr/bin/python3 -c 'import urllib.request; urllib.request.urlopen(\"",
                         *url_, "/quit\")'"));
      pclose(server_);
    }
    delete url_;
    delete dir_;
    delete package_;
  }

  static PackageVerification Verify(const std::string& path, const std::string& ca_pem,
                                    const std::string& tsa_ca_pem) {
    PackageVerifyOptions o;
    o.ca_pem = ca_pem;
    o.tsa_ca_pem = tsa_ca_pem;
    absl::StatusOr<PackageVerification> v = VerifyPackage(path, o);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : PackageVerification{};
  }

  // Builds with `url` as the TSA: it must fail with `code`, leaving nothing behind.
  // (OpenSSL retries a refused connection until the timeout, hence a short one.)
  static void ExpectCleanFailure(const std::string& url, absl::StatusCode code) {
    std::string out_dir = *dir_ + "/fail-" + std::to_string(static_cast<int>(code));
    fs::create_directories(out_dir);
    PackageRequest r = SampleRequest(*dir_ + "/src", 20000);
    r.tsa.url = url;
    r.tsa.timeout_seconds = 2;
    absl::StatusOr<PackageSummary> s = BuildPackage(r, out_dir + "/p.asice");
    ASSERT_FALSE(s.ok()) << url;
    EXPECT_EQ(s.status().code(), code) << s.status();
    EXPECT_TRUE(absl::StrContains(s.status().message(), "TSA") ||
                absl::StrContains(s.status().message(), "time-stamping authority"))
        << s.status();
    EXPECT_FALSE(absl::StrContains(s.status().message(), "127.0.0.1")) << "no URL in messages";
    EXPECT_TRUE(fs::is_empty(out_dir)) << "a failed build must leave nothing: " << url;
  }

  static FILE* server_;
  static std::string* url_;
  static std::string* dir_;
  static std::string* package_;
};
FILE* TimestampTest::server_ = nullptr;
std::string* TimestampTest::url_ = nullptr;
std::string* TimestampTest::dir_ = nullptr;
std::string* TimestampTest::package_ = nullptr;

TEST_F(TimestampTest, StampedPackageVerifiesAgainstTheTsaAnchor) {
  const std::string ca = Slurp(PkiFile("ca.pem")), tsa_ca = Slurp(PkiFile("tsa-ca.pem"));
  PackageVerification v = Verify(*package_, ca, tsa_ca);
  EXPECT_TRUE(v.ok) << Describe(v);
  bool stamped = false;
  for (const auto& i : v.items) {
    stamped = stamped || (i.ok && i.item == kSig && absl::StrContains(i.detail, "RFC 3161") &&
                          absl::StrContains(i.detail, "Test Time-Stamping Authority"));
  }
  EXPECT_TRUE(stamped) << Describe(v);
  // One --ca bundle holding both anchors does as well ...
  v = Verify(*package_, ca + tsa_ca, "");
  EXPECT_TRUE(v.ok) << Describe(v);
  // ... but the signer's CA alone does not vouch for the TSA, and the failure names the item.
  v = Verify(*package_, ca, "");
  EXPECT_FALSE(v.ok);
  EXPECT_TRUE(FailsOn(v, kSig, "timestamp")) << Describe(v);
  v = Verify(*package_, ca, Slurp(PkiFile("other-ca.pem")));
  EXPECT_TRUE(FailsOn(v, kSig, "timestamp")) << Describe(v);
}

TEST_F(TimestampTest, StandardToolsAcceptTheTokenAndTheSignature) {
  const std::string p7s = ZipEntry(*package_, kSig);
  Parts parts = SignatureParts(p7s);
  ASSERT_FALSE(parts.token.empty()) << "no id-aa-signatureTimeStampToken attribute";
  const std::string d = *dir_ + "/tools";
  fs::create_directories(d);
  WriteFile(d + "/token.der", parts.token);
  WriteFile(d + "/sigvalue.bin", parts.signature_value);
  WriteFile(d + "/sig.p7s", p7s);
  WriteFile(d + "/manifest.xml", ZipEntry(*package_, "META-INF/ASiCManifest.xml"));
  std::string out;
  EXPECT_EQ(Shell(absl::StrCat("openssl ts -verify -token_in -in ", d, "/token.der -data ", d,
                               "/sigvalue.bin -CAfile ", PkiFile("tsa-ca.pem")), &out), 0)
      << out;
  // The imprint covers the signature value, not something else.
  WriteFile(d + "/other.bin", parts.signature_value + "x");
  EXPECT_NE(Shell(absl::StrCat("openssl ts -verify -token_in -in ", d, "/token.der -data ", d,
                               "/other.bin -CAfile ", PkiFile("tsa-ca.pem")), &out), 0);
  // The unsigned attribute leaves the CAdES signature valid for the standard tool.
  EXPECT_EQ(Shell(absl::StrCat("openssl cms -verify -binary -inform DER -in ", d, "/sig.p7s -content ",
                               d, "/manifest.xml -CAfile ", PkiFile("ca.pem"), " -out /dev/null"), &out),
            0) << out;
}

// Unsigned attributes are outside what the signature covers (`openssl cms -verify` does not
// look at them, and `openssl ts -verify` shrugs at some token bytes too: spare certificates,
// algorithm parameters), so every byte of the token is checked by our verifier alone: each
// one flipped in turn through the signature check, and a sample through the whole package.
TEST_F(TimestampTest, FlippedTokenByteFailsAndNamesTheSignature) {
  const std::string ca = Slurp(PkiFile("ca.pem")), tsa_ca = Slurp(PkiFile("tsa-ca.pem"));
  std::vector<X509Ptr> anchors = std::move(LoadCertificatesPem(ca).value());
  std::vector<X509Ptr> tsa_anchors = std::move(LoadCertificatesPem(tsa_ca).value());
  const std::string manifest = ZipEntry(*package_, "META-INF/ASiCManifest.xml");
  const std::string p7s = ZipEntry(*package_, kSig);
  const std::string token = SignatureParts(p7s).token;
  size_t at = p7s.find(token);
  ASSERT_NE(at, std::string::npos);
  CadesCheck good = CheckDetachedCades(p7s, manifest, anchors, tsa_anchors);
  ASSERT_TRUE(good.signature.ok() && good.has_timestamp && good.timestamp.ok()) << good.timestamp;
  for (size_t i = 0; i < token.size(); ++i) {
    std::string changed = p7s;
    changed[at + i] = static_cast<char>(changed[at + i] ^ 0x01);
    CadesCheck c = CheckDetachedCades(changed, manifest, anchors, tsa_anchors);
    ASSERT_TRUE(!c.signature.ok() || !c.chain.ok() || !c.timestamp.ok())
        << "token byte " << i << " of " << token.size() << " flipped yet verified";
  }
  for (size_t i = 0; i < token.size(); i += 97) {
    std::string changed = p7s;
    changed[at + i] = static_cast<char>(changed[at + i] ^ 0x01);
    PackageVerification v = Verify(Rewrite(*package_, kSig, changed), ca, tsa_ca);
    ASSERT_FALSE(v.ok) << "token byte " << i << " flipped yet verified\n" << Describe(v);
    ASSERT_TRUE(FailsOn(v, kSig)) << "token byte " << i << "\n" << Describe(v);
  }
  // The TSA's signature itself, its last byte: structure intact, so it is the token check
  // that fails, and says so.
  std::string changed = p7s;
  changed[at + token.size() - 1] ^= 0x01;
  PackageVerification v = Verify(Rewrite(*package_, kSig, changed), ca, tsa_ca);
  EXPECT_TRUE(FailsOn(v, kSig, "timestamp")) << Describe(v);
}

TEST_F(TimestampTest, BrokenTsaFailsCleanly) {
  ExpectCleanFailure(absl::StrCat("http://127.0.0.1:", ClosedPort(), "/tsa"),
                     absl::StatusCode::kUnavailable);
  ExpectCleanFailure(*url_ + "/garbage", absl::StatusCode::kUnavailable);
  ExpectCleanFailure(*url_ + "/reject", absl::StatusCode::kDataLoss);
  ExpectCleanFailure("https://127.0.0.1/tsa", absl::StatusCode::kInvalidArgument);
  ExpectCleanFailure("ftp://127.0.0.1/tsa", absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace bayyina::transfer
