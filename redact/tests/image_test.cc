// The image half end to end on a page rendered at test time: real Tesseract, real Leptonica,
// and exiftool / pdftotext to check what leaves.

#include <leptonica/allheaders.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "ocr/test_render.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/document_redactor.h"
#include "redact/policy.h"

namespace bayyina::redact {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

bool HaveTool(const std::string& tool) {
  return system(("command -v " + tool + " > /dev/null 2>&1").c_str()) == 0;
}

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  std::string path = ::testing::TempDir() + "/" + std::to_string(getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

class ImageRedactionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ocr::EnginePoolOptions o;
    o.workers = 1;
    auto p = ocr::EnginePool::Create(o);
    ASSERT_TRUE(p.ok()) << p.status();
    pool_ = p->release();
  }
  static void TearDownTestSuite() {
    delete pool_;
    pool_ = nullptr;
  }

  // A page with personal data, saved as PNG with a text chunk that names a person.
  std::string InputPng() {
    ocr::PixPtr pix = ocr::testing::RenderLines(
        {"Police statement", "Phone: 0770 123 4567", "Email: kevin.o@example.com",
         "The witness Kevin Osterhagen said nothing else."},
        "DejaVu Sans 13");
    EXPECT_NE(pix, nullptr);
    pixSetText(pix.get(), "Author: Samira Haddad");
    l_uint8* data = nullptr;
    size_t size = 0;
    EXPECT_EQ(pixWriteMem(&data, &size, pix.get(), IFF_PNG), 0);
    std::string bytes(reinterpret_cast<char*>(data), size);
    lept_free(data);
    return bytes;
  }

  static ocr::EnginePool* pool_;
  Analyzer analyzer_;
  CaseKey key_ = *CaseKey::Generate();
};

ocr::EnginePool* ImageRedactionTest::pool_ = nullptr;

TEST_F(ImageRedactionTest, BurnsFindingsKeepsSizeStripsMetadataAndPassesLeakCheck) {
  std::string input = InputPng();
  auto doc = ocr::Document::FromBytes(input);
  ASSERT_TRUE(doc.ok()) << doc.status();
  DocumentRedactionOptions options;
  options.language = "en";
  auto r = RedactDocument(*pool_, **doc, analyzer_, Policy::Default(), key_, options);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(r->log.leak_check.has_value());
  EXPECT_TRUE(r->log.leak_check->passed) << r->log.ToJson(Policy::Default());
  ASSERT_FALSE(r->output.empty());

  // Same pixel size; the phone, e-mail and name words are solid black.
  auto original = (*doc)->DecodePage(0);
  ASSERT_TRUE(original.ok());
  PIX* out = pixReadMem(reinterpret_cast<const l_uint8*>(r->output.data()), r->output.size());
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(pixGetWidth(out), pixGetWidth(original->pix.get()));
  EXPECT_EQ(pixGetHeight(out), pixGetHeight(original->pix.get()));
  int phones = 0, persons = 0, emails = 0;
  for (const LogFinding& f : r->log.findings) {
    if (!f.redacted) continue;
    phones += f.type == EntityType::kPhoneNumber;
    persons += f.type == EntityType::kPerson;
    emails += f.type == EntityType::kEmailAddress;
    for (const PixelBox& b : f.boxes) {
      l_uint32 v = 255;
      pixGetPixel(out, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, &v);
      EXPECT_EQ(v, 0u) << EntityTypeName(f.type);
      EXPECT_THAT(f.value_hmac, Not(HasSubstr("0770")));
    }
  }
  pixDestroy(&out);
  EXPECT_GE(phones, 1);
  EXPECT_GE(persons, 1);
  EXPECT_GE(emails, 1);
  std::string log = r->log.ToJson(Policy::Default());
  EXPECT_THAT(log, Not(HasSubstr("Osterhagen")));
  EXPECT_THAT(log, Not(HasSubstr("123 4567")));

  if (!HaveTool("exiftool")) GTEST_SKIP() << "exiftool not installed (libimage-exiftool-perl)";
  std::string in_path = WriteTemp("in.png", input);
  std::string out_path = WriteTemp("out.png", r->output);
  EXPECT_THAT(Shell("exiftool -a -G1 " + in_path), HasSubstr("Samira Haddad"));  // the test is real
  EXPECT_THAT(Shell("exiftool -a -G1 " + out_path), Not(HasSubstr("Samira Haddad")));
  unlink(in_path.c_str());
  unlink(out_path.c_str());
}

TEST_F(ImageRedactionTest, PdfOutputHasNoTextLayerAndNoInputMetadata) {
  std::string input = InputPng();
  auto doc = ocr::Document::FromBytes(input);
  ASSERT_TRUE(doc.ok());
  DocumentRedactionOptions options;
  options.language = "en";
  options.format = ImageFormat::kPdf;
  auto r = RedactDocument(*pool_, **doc, analyzer_, Policy::Default(), key_, options);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_FALSE(r->output.empty());
  EXPECT_EQ(r->output.rfind("%PDF", 0), 0u);
  if (!HaveTool("pdftotext") || !HaveTool("exiftool")) {
    GTEST_SKIP() << "pdftotext or exiftool not installed";
  }
  std::string path = WriteTemp("out.pdf", r->output);
  std::string text = Shell("pdftotext " + path + " -");
  EXPECT_THAT(text, Not(HasSubstr("Osterhagen")));
  EXPECT_THAT(text, Not(HasSubstr("0770")));
  EXPECT_THAT(Shell("exiftool -a -G1 " + path), Not(HasSubstr("Samira Haddad")));
  unlink(path.c_str());
}

TEST_F(ImageRedactionTest, ReviewerBoxesAreBurntAndMultiPagePngIsRefused) {
  std::string input = InputPng();
  auto doc = ocr::Document::FromBytes(input);
  ASSERT_TRUE(doc.ok());
  DocumentRedactionOptions options;
  options.language = "en";
  options.review_boxes.push_back({1, {10, 10, 60, 40}, "signature"});
  auto r = RedactDocument(*pool_, **doc, analyzer_, Policy::Default(), key_, options);
  ASSERT_TRUE(r.ok()) << r.status();
  bool region = false;
  for (const LogRegion& g : r->log.regions) region |= g.source == "reviewer" && g.redacted;
  EXPECT_TRUE(region);
  l_uint32 v = 255;
  pixGetPixel(r->pages[0].get(), 30, 20, &v);
  EXPECT_EQ(v, 0u);
  EXPECT_FALSE(ImageFormatForPath("out.jpg").ok());
}

}  // namespace
}  // namespace bayyina::redact
