#include "cases/test_pages.h"

#include <leptonica/allheaders.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "ocr/test_render.h"

namespace bayyina::cases::testing {

std::string RenderPng(const std::vector<std::string>& lines, const std::string& font) {
  ocr::PixPtr pix = ocr::testing::RenderLines(lines, font);
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMem(&data, &size, pix.get(), IFF_PNG);
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return out;
}

std::string RenderTiff(const std::vector<std::vector<std::string>>& pages,
                       const std::string& path, const std::string& font) {
  std::remove(path.c_str());
  bool first = true;
  for (const auto& lines : pages) {
    ocr::PixPtr pix = ocr::testing::RenderLines(lines, font);
    pixWriteTiff(path.c_str(), pix.get(), IFF_TIFF_ZIP, first ? "w" : "a");
    first = false;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::vector<std::string> StatementLines(int n) {
  return {
      absl::StrCat("Witness statement, page ", n),
      "Phone: +964 770 123 4567",
      "Email: karim.hassan@example.org",
      "IBAN: IQ98NBIQ850123456789012",
      "The court met again on the matter.",
  };
}

std::vector<std::string> StatementValues() {
  return {"+964 770 123 4567", "7701234567", "karim.hassan@example.org",
          "IQ98NBIQ850123456789012", "NBIQ850123456789012"};
}

}  // namespace bayyina::cases::testing
