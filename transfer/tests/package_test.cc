#include "transfer/package.h"

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "transfer/custody_log.h"
#include "transfer/package_verifier.h"
#include "transfer/tests/test_support.h"

namespace bayyina::transfer {
namespace {
namespace fs = std::filesystem;
using test_support::Fresh;
using test_support::PkiFile;
using test_support::Shell;
using test_support::SampleRequest;
using test_support::Slurp;

struct Built {
  std::string package;
  std::string extracted;
  PackageSummary summary;
};

Built BuildAndExtract(const std::string& name, PackageRequest r) {
  Built b;
  std::string dir = Fresh(name);
  fs::create_directories(dir);
  b.package = dir + "/out.asice";
  absl::StatusOr<PackageSummary> s = BuildPackage(r, b.package);
  EXPECT_TRUE(s.ok()) << s.status();
  if (s.ok()) b.summary = *s;
  b.extracted = dir + "/x";
  std::string out;
  EXPECT_EQ(Shell(absl::StrCat("mkdir -p ", b.extracted, " && cd ", b.extracted, " && unzip -q ",
                             b.package), &out), 0) << out;
  return b;
}

std::string InfoField(const std::string& bag_info, const std::string& label) {
  for (absl::string_view line : absl::StrSplit(bag_info, '\n')) {
    if (absl::StartsWith(line, label + ": ")) return std::string(line.substr(label.size() + 2));
  }
  return "";
}

TEST(Package, StandardToolsAcceptIt) {
  PackageRequest r = SampleRequest(Fresh("pkg_std_src"));
  Built b = BuildAndExtract("pkg_std", r);
  std::string out;
  // The ZIP: sound, mimetype first and stored.
  EXPECT_EQ(Shell("unzip -t " + b.package, &out), 0) << out;
  ASSERT_EQ(Shell("zipinfo " + b.package, &out), 0);
  std::vector<std::string> lines = absl::StrSplit(out, '\n');
  ASSERT_GT(lines.size(), 2u);
  EXPECT_TRUE(absl::StrContains(lines[2], " stor ") && absl::EndsWith(lines[2], " mimetype"))
      << lines[2];
  // The signature, with the standard tool, over the manifest.
  const std::string meta = b.extracted + "/META-INF/";
  std::string verify = absl::StrCat("openssl cms -verify -binary -inform DER -in ", meta,
                                    "signature001.p7s -content ", meta, "ASiCManifest.xml -CAfile ",
                                    PkiFile("ca.pem"), " -out /dev/null");
  EXPECT_EQ(Shell(verify, &out), 0) << out;
  // Trusting another CA must fail.
  EXPECT_NE(Shell(absl::StrCat("openssl cms -verify -binary -inform DER -in ", meta,
                             "signature001.p7s -content ", meta, "ASiCManifest.xml -CAfile ",
                             PkiFile("other-ca.pem"), " -out /dev/null"), &out), 0);
  // CAdES-BES attributes.
  ASSERT_EQ(Shell(absl::StrCat("openssl cms -cmsout -print -inform DER -in ", meta, "signature001.p7s"), &out), 0);
  EXPECT_TRUE(absl::StrContains(out, "signingCertificateV2")) << "CAdES needs ESS signing-certificate-v2";
  EXPECT_TRUE(absl::StrContains(out, "signingTime"));
  // The bag, with coreutils.
  const std::string bag = b.extracted + "/bag";
  for (const char* c : {"sha256sum -c --quiet manifest-sha256.txt", "sha512sum -c --quiet manifest-sha512.txt",
                        "sha256sum -c --quiet tagmanifest-sha256.txt", "sha512sum -c --quiet tagmanifest-sha512.txt"}) {
    EXPECT_EQ(Shell(absl::StrCat("cd ", bag, " && ", c), &out), 0) << c << "\n" << out;
  }
  // The custody chain and its Merkle root (from bag-info.txt), with sha256sum.
  std::string info = Slurp(bag + "/bag-info.txt");
  std::string root = InfoField(info, kCustodyLogRoot);
  EXPECT_EQ(root, b.summary.custody_root_hex);
  EXPECT_EQ(Shell(absl::StrCat("bash ", test_support::SourceDir(), "/transfer/tests/custody_chain_check.sh ",
                             bag, "/custody-log.jsonl ", root), &out), 0) << out;
  // The CASE/UCO provenance, with rdflib.
  EXPECT_EQ(Shell(absl::StrCat("/usr/bin/python3 ", test_support::SourceDir(),
                             "/transfer/tests/check_provenance.py ", bag, "/provenance.jsonld ", bag, " 1"),
                &out), 0) << out;
}

// Past the output's write-behind window (16 MiB) several times, with libzip seeking back to
// patch headers in spans already handed to the disk: the container must still be whole.
TEST(Package, LargePayloadSurvivesWriteBehind) {
  const std::string dir = Fresh("pkg_large");
  PackageRequest r = SampleRequest(dir + "/src", 40u << 20);
  PackageFile second = r.files[0];
  second.payload_path = "redacted/document-002.png";
  r.files.push_back(second);
  const std::string out = dir + "/large.asice";
  absl::StatusOr<PackageSummary> s = BuildPackage(r, out);
  ASSERT_TRUE(s.ok()) << s.status();
  std::string text;
  EXPECT_EQ(Shell("unzip -tq " + out, &text), 0) << text;
  PackageVerifyOptions o;
  o.ca_pem = Slurp(PkiFile("ca.pem"));
  absl::StatusOr<PackageVerification> v = VerifyPackage(out, o);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(v->ok);
  std::filesystem::remove_all(dir);
}

TEST(Package, BagInfoCarriesTheCaseFields) {
  Built b = BuildAndExtract("pkg_info", SampleRequest(Fresh("pkg_info_src")));
  std::string info = Slurp(b.extracted + "/bag/bag-info.txt");
  EXPECT_EQ(InfoField(info, kCaseReference), "BGD-2026-0042");
  EXPECT_EQ(InfoField(info, kLegalBasis), "EIO 2026/77");
  EXPECT_EQ(InfoField(info, kSenderAuthority), "Investigating Court of Karkh");
  EXPECT_EQ(InfoField(info, kRecipientAuthority), "Eurojust");
  EXPECT_EQ(InfoField(info, kHandlingCode), "H2");
  EXPECT_EQ(InfoField(info, "Payload-Oxum"), absl::StrCat(b.summary.payload_bytes, ".3"));
  EXPECT_EQ(InfoField(info, kCustodyLogEntries), "1");
  EXPECT_FALSE(InfoField(info, "Bagging-Date").empty());
}

TEST(Package, CustodyLogIsExtendedNotReplaced) {
  PackageRequest r = SampleRequest(Fresh("pkg_custody_src"));
  CustodyLog prior;
  CustodyEvent e;
  e.actor = "prosecutor";
  e.action = "submit";
  e.case_ref = "BGD-2026-0042";
  e.outputs = {Sha256Hex("original scan")};
  ASSERT_TRUE(prior.Append(e).ok());
  e.action = "redact";
  e.inputs = e.outputs;
  e.outputs = {Sha256Hex("redacted")};
  ASSERT_TRUE(prior.Append(e).ok());
  r.custody_log = prior.Serialize();
  Built b = BuildAndExtract("pkg_custody", r);
  std::string log = Slurp(b.extracted + "/bag/custody-log.jsonl");
  EXPECT_TRUE(absl::StartsWith(log, r.custody_log));
  absl::StatusOr<CustodyLog> parsed = CustodyLog::Parse(log);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ(parsed->records()[2].event.action, "package");
  EXPECT_EQ(parsed->records()[2].event.inputs.size(), 3u);
  std::string out;
  EXPECT_EQ(Shell(absl::StrCat("/usr/bin/python3 ", test_support::SourceDir(),
                             "/transfer/tests/check_provenance.py ", b.extracted, "/bag/provenance.jsonld ",
                             b.extracted, "/bag 3"), &out), 0) << out;
  // A broken prior log is refused.
  r.custody_log[10] ^= 1;
  EXPECT_FALSE(BuildPackage(r, Fresh("pkg_custody_bad")).ok());
}

TEST(Package, CompressedFormatsAreStoredAndNamesFlaggedUtf8) {
  PackageRequest r = SampleRequest(Fresh("pkg_zip_src"));
  PackageFile f;
  f.payload_path = "original/وثيقة-أصلية.txt";
  f.bytes = "original text\n";
  f.use_bytes = true;
  r.files.push_back(f);
  Built b = BuildAndExtract("pkg_zip", r);
  std::string out;
  ASSERT_EQ(Shell("zipinfo " + b.package, &out), 0);
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    if (absl::EndsWith(line, "document-001.png")) {
      EXPECT_TRUE(absl::StrContains(line, " stor ")) << line;
    }
    if (absl::EndsWith(line, "document-001.txt")) {
      EXPECT_TRUE(absl::StrContains(line, " defN ")) << line;
    }
  }
  // General purpose bit 11 (UTF-8) in the local header of the Arabic name; none on mimetype,
  // which also has no extra field.
  std::string zip = Slurp(b.package);
  ASSERT_GE(zip.size(), 38u);
  EXPECT_EQ(zip.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(zip[8] | zip[9], 0) << "mimetype must be stored";
  EXPECT_EQ(zip[28] | zip[29], 0) << "mimetype must have no extra field";
  EXPECT_EQ(zip.substr(30, 8), "mimetype");
  EXPECT_EQ(zip.substr(38, 31), kAsicMimeType);
  std::string name = "bag/data/original/وثيقة-أصلية.txt";
  size_t pos = zip.find(name);
  ASSERT_NE(pos, std::string::npos);
  ASSERT_EQ(zip.substr(pos - 30, 4), std::string("PK\x03\x04", 4));
  EXPECT_TRUE(static_cast<unsigned char>(zip[pos - 30 + 7]) & 0x08) << "UTF-8 flag (bit 11)";
  EXPECT_TRUE(fs::exists(b.extracted + "/" + name));
}

TEST(Package, TransmittalReportIsBilingual) {
  Built b = BuildAndExtract("pkg_report", SampleRequest(Fresh("pkg_report_src")));
  std::string html = Slurp(b.extracted + "/" + kReportName);
  ASSERT_FALSE(b.summary.payload.empty());
  EXPECT_TRUE(absl::StrContains(html, "تقرير الإحالة"));
  EXPECT_TRUE(absl::StrContains(html, "Transmittal report"));
  EXPECT_TRUE(absl::StrContains(html, "data/redacted/document-001.png"));
  EXPECT_TRUE(absl::StrContains(html, b.summary.payload[0].sha256_hex));
  EXPECT_TRUE(absl::StrContains(html, "<td dir=\"ltr\">PERSON</td><td>2</td>")) << "counted from the redaction log";
  EXPECT_TRUE(absl::StrContains(html, "<td dir=\"ltr\">PHONE_NUMBER</td><td>1</td>"));
  EXPECT_TRUE(absl::StrContains(html, "Test Investigating Judge"));
  EXPECT_FALSE(absl::StrContains(html, "<script"));
}

TEST(Package, RsaSignerWorksToo) {
  PackageRequest r = SampleRequest(Fresh("pkg_rsa_src"));
  r.signing_key_pem = Slurp(PkiFile("signer-rsa.key"));
  r.signing_cert_pem = Slurp(PkiFile("signer-rsa.pem"));
  Built b = BuildAndExtract("pkg_rsa", r);
  std::string out;
  const std::string meta = b.extracted + "/META-INF/";
  EXPECT_EQ(Shell(absl::StrCat("openssl cms -verify -binary -inform DER -in ", meta,
                             "signature001.p7s -content ", meta, "ASiCManifest.xml -CAfile ",
                             PkiFile("ca.pem"), " -out /dev/null"), &out), 0) << out;
}

TEST(Package, BadRequestsFailCleanly) {
  const std::string src = Fresh("pkg_bad_src");
  const std::string out = Fresh("pkg_bad") + ".asice";
  auto expect_refused = [&](PackageRequest r, absl::StatusCode code) {
    absl::StatusOr<PackageSummary> s = BuildPackage(r, out);
    EXPECT_EQ(s.status().code(), code) << s.status();
    EXPECT_FALSE(fs::exists(out)) << "nothing half-written";
  };
  for (std::string bad : {"../x.png", "/abs.png", "~/x.png", "a/./b", "a\\b"}) {
    PackageRequest r = SampleRequest(src);
    r.files[0].payload_path = bad;
    expect_refused(r, absl::StatusCode::kInvalidArgument);
  }
  PackageRequest r = SampleRequest(src);
  r.files[1].payload_path = r.files[0].payload_path;
  expect_refused(r, absl::StatusCode::kInvalidArgument);
  r = SampleRequest(src);
  r.info.pop_back();  // no Handling-Code
  expect_refused(r, absl::StatusCode::kInvalidArgument);
  r = SampleRequest(src);
  r.info.back().second = "H7";
  expect_refused(r, absl::StatusCode::kInvalidArgument);
  r = SampleRequest(src);
  r.info.emplace_back("Payload-Oxum", "1.1");
  expect_refused(r, absl::StatusCode::kInvalidArgument);
  r = SampleRequest(src);
  r.signing_key_pem = Slurp(PkiFile("signer-rsa.key"));  // does not match the EC certificate
  expect_refused(r, absl::StatusCode::kInvalidArgument);
  r = SampleRequest(src);
  r.signing_cert_pem = "not a certificate";
  expect_refused(r, absl::StatusCode::kInvalidArgument);
  r = SampleRequest(src);
  r.files[0].source_file = src + "/missing.png";
  expect_refused(r, absl::StatusCode::kNotFound);
  r = SampleRequest(src);
  r.files.clear();
  expect_refused(r, absl::StatusCode::kInvalidArgument);
}

TEST(Package, NeutralNamesKeepOnlyTheExtension) {
  EXPECT_EQ(NeutralDocumentName(7, "passport_Ahmed.JPG"), "document-007.jpg");
  EXPECT_EQ(NeutralDocumentName(12, "/home/x/scan"), "document-012");
  EXPECT_EQ(NeutralDocumentName(1, "evil.p?g"), "document-001");
  EXPECT_EQ(NeutralDocumentName(1, "dir.d/file"), "document-001");
  EXPECT_EQ(NeutralDocumentName(123, "a.tiff"), "document-123.tiff");
}

}  // namespace
}  // namespace bayyina::transfer
