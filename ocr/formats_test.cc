#include "ocr/formats.h"

#include <leptonica/allheaders.h>

#include <cstdio>
#include <pugixml.hpp>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "ocr/pdf.h"
#include "ocr/test_render.h"

namespace bayyina::ocr {
namespace {

using ::testing::HasSubstr;

// A hand-made page: one RTL line of two Arabic words and a Latin token, in logical order.
Page SamplePage() {
  Page page;
  page.number = 1;
  page.width = 1000;
  page.height = 400;
  page.dpi = 300;
  page.language = "ar";
  Line line;
  line.direction = Direction::kRightToLeft;
  line.box = Box{100, 100, 900, 160};
  line.words = {{"محكمة", Box{700, 100, 900, 160}, 91.5f, "ar"},
                {"A12345678", Box{400, 100, 650, 160}, 88.0f, "en"},
                {"بغداد", Box{100, 100, 350, 160}, 90.0f, "ar"}};
  Block block;
  block.box = line.box;
  block.lines.push_back(line);
  page.blocks.push_back(block);
  return page;
}

TEST(Formats, TextAndJson) {
  std::vector<Page> pages = {SamplePage(), SamplePage()};
  pages[1].number = 2;
  EXPECT_EQ(ToText(pages), "محكمة A12345678 بغداد\n\fمحكمة A12345678 بغداد\n");
  const std::string json = ToJson(pages);
  EXPECT_THAT(json, HasSubstr("\"direction\":\"rtl\""));
  EXPECT_THAT(json, HasSubstr("{\"text\":\"A12345678\",\"box\":[400,100,650,160],"
                              "\"confidence\":88.0,\"language\":\"en\"}"));
  EXPECT_THAT(json, HasSubstr("\"number\":2"));
}

TEST(Formats, HocrAndAltoAreWellFormedAndKeepLogicalOrder) {
  std::vector<Page> pages = {SamplePage()};
  pugi::xml_document hocr;
  ASSERT_TRUE(hocr.load_string(ToHocr(pages).c_str()));
  auto words = hocr.select_nodes("//span[@class='ocrx_word']");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_STREQ(words[0].node().text().get(), "محكمة");
  EXPECT_STREQ(words[1].node().attribute("title").value(), "bbox 400 100 650 160; x_wconf 88");
  EXPECT_STREQ(words[1].node().attribute("lang").value(), "en");
  EXPECT_STREQ(hocr.select_node("//span[@class='ocr_line']").node().attribute("dir").value(),
               "rtl");

  pugi::xml_document alto;
  ASSERT_TRUE(alto.load_string(ToAlto(pages).c_str()));
  auto strings = alto.select_nodes("//String");
  ASSERT_EQ(strings.size(), 3u);
  EXPECT_STREQ(strings[2].node().attribute("CONTENT").value(), "بغداد");
  EXPECT_STREQ(strings[0].node().attribute("HPOS").value(), "700");
  EXPECT_STREQ(strings[0].node().attribute("WC").value(), "0.92");
  EXPECT_EQ(alto.select_nodes("//SP").size(), 2u);
}

std::string Pdftotext(const std::string& pdf) {
  const std::string path = ::testing::TempDir() + "/formats_test.pdf";
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(pdf.data(), 1, pdf.size(), f);
  std::fclose(f);
  std::string text;
  FILE* p = popen(("pdftotext -enc UTF-8 " + path + " - 2>/dev/null").c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  pclose(p);
  std::remove(path.c_str());
  // pdftotext marks right-to-left runs with bidi embedding controls; they are not text.
  for (const char* mark : {"\u202A", "\u202B", "\u202C"}) {
    for (size_t at; (at = text.find(mark)) != std::string::npos;) text.erase(at, 3);
  }
  return text;
}

TEST(SearchablePdf, PdftotextExtractsArabicInLogicalOrder) {
  PixPtr pix = testing::RenderLines({"محكمة بغداد المركزية", "رقم الهاتف ٠٧٧٠١٢٣٤٥٦٧"},
                                    "Noto Naskh Arabic 18");
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixWriteMem(&data, &size, pix.get(), IFF_PNG), 0);
  auto doc = Document::FromBytes(std::string(reinterpret_cast<char*>(data), size));
  lept_free(data);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EnginePoolOptions pool_options;
  pool_options.workers = 1;
  auto pool = EnginePool::Create(pool_options);
  ASSERT_TRUE(pool.ok()) << pool.status();
  RecognizeOptions options;
  options.language = "ar";
  auto pages = (*pool)->Recognize(**doc, options);
  ASSERT_TRUE(pages.ok()) << pages.status();

  std::string pdf;
  ASSERT_TRUE(WriteSearchablePdf(**doc, *pages, [&](absl::string_view s) { pdf.append(s.data(), s.size()); }).ok());
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const std::string text = Pdftotext(pdf);
  // Every recognized line comes back in logical order, words in reading order.
  for (const Block& block : (*pages)[0].blocks) {
    for (const Line& line : block.lines) {
      std::string expected;
      for (const Word& w : line.words) expected += (expected.empty() ? "" : " ") + w.text;
      EXPECT_THAT(text, HasSubstr(expected));
    }
  }
  EXPECT_THAT(text, HasSubstr("محكمة بغداد المركزية"));
  // The PDF is itself a valid input with the same page size.
  auto again = Document::FromBytes(pdf);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->page_count(), 1);
  EXPECT_NEAR((*again)->page_size(0).width, pixGetWidth(pix.get()), 2);
}

TEST(SearchablePdf, PageCountMismatchIsInvalidArgument) {
  PixPtr pix = testing::RenderLines({"x"}, "DejaVu Sans 12");
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixWriteMem(&data, &size, pix.get(), IFF_PNG), 0);
  auto doc = Document::FromBytes(std::string(reinterpret_cast<char*>(data), size));
  lept_free(data);
  ASSERT_TRUE(doc.ok());
  std::vector<Page> none;
  EXPECT_EQ(WriteSearchablePdf(**doc, none, [](absl::string_view) {}).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace bayyina::ocr
