// Helpers shared by the transfer tests: a throw-away PKI made at test time with the openssl
// CLI, file I/O, and running the standard tools a recipient would use.
#ifndef BAYYINA_TRANSFER_TESTS_TEST_SUPPORT_H_
#define BAYYINA_TRANSFER_TESTS_TEST_SUPPORT_H_

#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <zip.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "transfer/package.h"

namespace bayyina::transfer::test_support {

inline std::string SourceDir() {
  const char* s = std::getenv("BAYYINA_SOURCE_DIR");
  return s ? s : ".";
}

inline std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Runs a shell command; returns its exit status and stdout (stderr goes to stdout too).
inline int Shell(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) text.append(buf, n);
  int rc = pclose(p);
  if (out) *out = text;
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// The bytes of entry `name` of the ZIP at `package` ("" when it cannot be read).
inline std::string ZipEntry(const std::string& package, const std::string& name) {
  int err = 0;
  zip_t* za = zip_open(package.c_str(), ZIP_RDONLY, &err);
  if (za == nullptr) return "";
  std::string out;
  zip_stat_t st;
  zip_file_t* f = nullptr;
  if (zip_stat(za, name.c_str(), 0, &st) == 0 && (f = zip_fopen(za, name.c_str(), 0)) != nullptr) {
    out.resize(st.size);
    zip_fread(f, out.data(), st.size);
    zip_fclose(f);
  }
  zip_discard(za);
  return out;
}

// Writes to `out` a copy of `package` whose entry `name` holds `content` instead (a consistent
// ZIP: CRCs are recomputed, so only the package's own checks can notice). Returns `out`.
inline std::string RewriteZipEntry(const std::string& package, const std::string& name,
                                   const std::string& content, const std::string& out) {
  std::filesystem::copy_file(package, out, std::filesystem::copy_options::overwrite_existing);
  int err = 0;
  zip_t* za = zip_open(out.c_str(), 0, &err);
  zip_int64_t idx = zip_name_locate(za, name.c_str(), 0);
  zip_source_t* src = zip_source_buffer(za, content.data(), content.size(), 0);
  EXPECT_EQ(zip_file_replace(za, idx, src, 0), 0);
  zip_set_file_compression(za, idx, ZIP_CM_STORE, 0);
  EXPECT_EQ(zip_close(za), 0);
  return out;
}

// A new empty directory for `name`, private to this process: ctest runs the transfer test
// programs in parallel, and they must not remove each other's files.
inline std::string Fresh(const std::string& name) {
  std::filesystem::path p = std::filesystem::path(::testing::TempDir()) /
                            absl::StrCat("bayyina-", ::getpid(), "-", name);
  std::filesystem::remove_all(p);
  return p.string();
}

// The PKI directory, generated once per test program by make_test_pki.sh.
inline const std::string& Pki() {
  static const std::string dir = [] {
    std::string d = Fresh("transfer_pki");
    std::string out;
    int rc = Shell(absl::StrCat("bash ", SourceDir(), "/transfer/tests/make_test_pki.sh ", d), &out);
    EXPECT_EQ(rc, 0) << out;
    return d;
  }();
  return dir;
}

inline std::string PkiFile(const std::string& name) { return Pki() + "/" + name; }

// A request with the required bag-info fields, signed by the EC signer, and a few payload
// files written under `dir`: a random "scan" (stored), OCR text, and a redaction log.
inline PackageRequest SampleRequest(const std::string& dir, size_t scan_bytes = 300000) {
  std::filesystem::create_directories(dir);
  std::string scan(scan_bytes, '\0');
  uint32_t x = 12345;
  for (char& c : scan) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  WriteFile(dir + "/scan.png", scan);
  WriteFile(dir + "/page.txt", "نص الصفحة بعد التنقيح [PERSON_1]\n");
  PackageRequest r;
  r.info = {{kCaseReference, "BGD-2026-0042"},
            {kLegalBasis, "EIO 2026/77"},
            {kSenderAuthority, "Investigating Court of Karkh"},
            {kRecipientAuthority, "Eurojust"},
            {kHandlingCode, "H2"}};
  r.signing_key_pem = Slurp(PkiFile("signer-ec.key"));
  r.signing_cert_pem = Slurp(PkiFile("signer-ec.pem"));
  PackageFile f;
  f.payload_path = "redacted/document-001.png";
  f.source_file = dir + "/scan.png";
  r.files.push_back(f);
  f.payload_path = "ocr/document-001.txt";
  f.source_file = dir + "/page.txt";
  r.files.push_back(f);
  PackageFile log;
  log.payload_path = "redaction-log/document-001.json";
  log.bytes = R"({"document":"document-001","findings":[{"type":"PERSON"},{"type":"PERSON"},)"
              R"({"type":"PHONE_NUMBER"}]})";
  log.use_bytes = true;
  r.files.push_back(log);
  return r;
}

}  // namespace bayyina::transfer::test_support

#endif  // BAYYINA_TRANSFER_TESTS_TEST_SUPPORT_H_
