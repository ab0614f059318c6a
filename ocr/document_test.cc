#include "ocr/document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>

#include <cstdio>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace bayyina::ocr {
namespace {

using ::absl::StatusCode;

// A grey test image with a black square at (20,10)-(60,50).
PixPtr MakeImage(int w, int h, int depth = 8) {
  PixPtr pix(pixCreate(w, h, depth));  // 1 bpp: all white; 8 bpp: all black
  BOX* box = boxCreate(20, 10, 40, 40);
  if (depth == 1) {
    pixSetInRect(pix.get(), box);
  } else {
    pixSetAll(pix.get());
    pixClearInRect(pix.get(), box);
  }
  boxDestroy(&box);
  return pix;
}

std::string TakeMem(l_uint8* data, size_t size) {
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return out;
}

std::string Encode(Pix* pix, int format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMem(&data, &size, pix, format), 0);
  return TakeMem(data, size);
}

std::string MultipageTiff(int pages, int w, int h) {
  PIXA* pixa = pixaCreate(pages);
  for (int i = 0; i < pages; ++i) pixaAddPix(pixa, MakeImage(w + i, h, 1).release(), L_INSERT);
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixaWriteMemMultipageTiff(&data, &size, pixa), 0);
  pixaDestroy(&pixa);
  return TakeMem(data, size);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A PDF whose pages are `w_pt` x `h_pt` points, each with a black square in its top-left inch.
std::string MakePdf(int pages, double w_pt, double h_pt) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(AppendToString, &out, w_pt, h_pt);
  cairo_t* cr = cairo_create(surface);
  for (int i = 0; i < pages; ++i) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 0, 0, 72, 72);
    cairo_fill(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PutBigEndian(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
}

TEST(SniffFormat, RecognizesMagicAndRejectsUnknownBytes) {
  PixPtr pix = MakeImage(80, 60);
  EXPECT_EQ(*SniffFormat(absl::MakeConstSpan(
                reinterpret_cast<const uint8_t*>(Encode(pix.get(), IFF_PNG).data()), 8)),
            InputFormat::kPng);
  const std::string text = "just some text, not an image";
  auto unknown = SniffFormat({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("unrecognized"), std::string::npos);
}

TEST(Document, EmptyAndUnknownInputAreInvalidArgument) {
  EXPECT_EQ(Document::FromBytes("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Document::FromBytes(std::string(5000, '\x42')).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(Document, DecodesPngAndJpeg) {
  PixPtr pix = MakeImage(120, 90);
  pixSetResolution(pix.get(), 200, 200);
  for (int format : {IFF_PNG, IFF_JFIF_JPEG}) {
    auto doc = Document::FromBytes(Encode(pix.get(), format));
    ASSERT_TRUE(doc.ok()) << doc.status();
    EXPECT_EQ((*doc)->page_count(), 1);
    EXPECT_EQ((*doc)->page_size(0).width, 120);
    auto page = (*doc)->DecodePage(0);
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(pixGetWidth(page->pix.get()), 120);
    EXPECT_EQ(pixGetHeight(page->pix.get()), 90);
    EXPECT_EQ(page->dpi, 200);
    l_uint32 inside = 255, outside = 0;
    pixGetPixel(page->pix.get(), 40, 30, &inside);
    pixGetPixel(page->pix.get(), 100, 80, &outside);
    EXPECT_LT(inside, 64u);
    EXPECT_GT(outside, 192u);
  }
}

TEST(Document, TruncatedOrCorruptImagesAreInvalidArgument) {
  PixPtr pix = MakeImage(300, 200);
  for (int format : {IFF_PNG, IFF_JFIF_JPEG, IFF_TIFF_G4}) {
    PixPtr src = format == IFF_TIFF_G4 ? MakeImage(300, 200, 1) : MakeImage(300, 200);
    const std::string full = Encode(src.get(), format);
    // Cutting a TIFF's tail may only lose tags it can do without, so it is cut at the middle.
    std::vector<size_t> cuts = {size_t{12}, full.size() / 2};
    if (format != IFF_TIFF_G4) cuts.push_back(full.size() - 9);
    for (size_t keep : cuts) {
      auto doc = Document::FromBytes(full.substr(0, keep));
      absl::Status status = doc.ok() ? (*doc)->DecodePage(0).status() : doc.status();
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument)
          << "format " << format << " truncated to " << keep << ": " << status;
    }
  }
  // Garbage inside the compressed PNG stream.
  std::string png = Encode(pix.get(), IFF_PNG);
  const size_t idat = png.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  for (size_t i = idat + 6; i < idat + 40 && i < png.size(); ++i) png[i] = '\x5a';
  auto doc = Document::FromBytes(png);
  absl::Status status = doc.ok() ? (*doc)->DecodePage(0).status() : doc.status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status;
}

TEST(Document, DecompressionBombIsRejectedFromTheHeader) {
  // A valid small PNG whose IHDR claims 60000 x 60000 pixels (with a correct CRC).
  PixPtr pix = MakeImage(64, 64);
  std::string png = Encode(pix.get(), IFF_PNG);
  PutBigEndian(png, 16, 60000);
  PutBigEndian(png, 20, 60000);
  PutBigEndian(png, 29, Crc32(png.substr(12, 17)));
  auto doc = Document::FromBytes(png);
  EXPECT_EQ(doc.status().code(), StatusCode::kResourceExhausted) << doc.status();
  EXPECT_NE(doc.status().message().find("limit"), std::string::npos);

  DecodeLimits small;
  small.max_page_pixels = 1000;
  EXPECT_EQ(Document::FromBytes(Encode(pix.get(), IFF_JFIF_JPEG), small).status().code(),
            StatusCode::kResourceExhausted);
  small = DecodeLimits{};
  small.max_input_bytes = 100;
  EXPECT_EQ(Document::FromBytes(Encode(pix.get(), IFF_PNG), small).status().code(),
            StatusCode::kResourceExhausted);
}

TEST(Document, MultipageTiff) {
  auto doc = Document::FromBytes(MultipageTiff(3, 100, 80));
  ASSERT_TRUE(doc.ok()) << doc.status();
  ASSERT_EQ((*doc)->page_count(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*doc)->page_size(i).width, 100 + i);
    auto page = (*doc)->DecodePage(i);
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(pixGetWidth(page->pix.get()), 100 + i);
  }
  DecodeLimits two_pages;
  two_pages.max_pages = 2;
  EXPECT_EQ(Document::FromBytes(MultipageTiff(3, 100, 80), two_pages).status().code(),
            StatusCode::kResourceExhausted);
}

TEST(Document, MultipagePdfRenderedAt300Dpi) {
  auto doc = Document::FromBytes(MakePdf(2, 595.0, 842.0));  // A4
  ASSERT_TRUE(doc.ok()) << doc.status();
  ASSERT_EQ((*doc)->page_count(), 2);
  EXPECT_NEAR((*doc)->page_size(1).width, 2480, 2);
  EXPECT_NEAR((*doc)->page_size(1).height, 3508, 2);
  auto page = (*doc)->DecodePage(1);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->dpi, 300);
  EXPECT_EQ(pixGetDepth(page->pix.get()), 32);
  l_int32 r = 0, g = 0, b = 0;
  pixGetRGBPixel(page->pix.get(), 150, 150, &r, &g, &b);  // inside the black inch
  EXPECT_LT(r + g + b, 30);
  pixGetRGBPixel(page->pix.get(), 1000, 1000, &r, &g, &b);
  EXPECT_GT(r + g + b, 700);
}

TEST(Document, BadPdfs) {
  EXPECT_EQ(Document::FromBytes("%PDF-1.7\nthis is not a pdf at all\n").status().code(),
            StatusCode::kInvalidArgument);
  // 200 x 200 inch pages: 60000 px per side at 300 dpi, refused before rendering.
  EXPECT_EQ(Document::FromBytes(MakePdf(1, 14400, 14400)).status().code(),
            StatusCode::kResourceExhausted);
  DecodeLimits one_page;
  one_page.max_pages = 1;
  EXPECT_EQ(Document::FromBytes(MakePdf(2, 595, 842), one_page).status().code(),
            StatusCode::kResourceExhausted);
}

TEST(Document, FromFile) {
  EXPECT_EQ(Document::FromFile("/nonexistent/scan.png").status().code(), StatusCode::kNotFound);
  PixPtr pix = MakeImage(50, 40);
  const std::string path = ::testing::TempDir() + "/document_test.png";
  const std::string png = Encode(pix.get(), IFF_PNG);
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(png.data(), 1, png.size(), f);
  std::fclose(f);
  auto doc = Document::FromFile(path);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_TRUE((*doc)->DecodePage(0).ok());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace bayyina::ocr
