#ifndef BAYYINA_CASES_TEST_PAGES_H_
#define BAYYINA_CASES_TEST_PAGES_H_

// Test helper: small evidence scans rendered at test time (Pango through ocr/test_render.h), as
// PNG bytes or a multi-page TIFF, so that the workflow tests run on real images without any
// committed fixture.

#include <string>
#include <vector>

namespace bayyina::cases::testing {

// One page: `lines` in `font` at 300 dpi, as PNG bytes.
std::string RenderPng(const std::vector<std::string>& lines,
                      const std::string& font = "DejaVu Serif 13");

// Several pages as one multi-page TIFF (deflate), written to `path`; returns its bytes.
std::string RenderTiff(const std::vector<std::vector<std::string>>& pages,
                       const std::string& path, const std::string& font = "DejaVu Serif 13");

// The lines of a small English statement page that carries personal values of several types;
// `n` varies the non-personal text so pages differ.
std::vector<std::string> StatementLines(int n);
// The personal values StatementLines prints (exactly as printed).
std::vector<std::string> StatementValues();

}  // namespace bayyina::cases::testing

#endif  // BAYYINA_CASES_TEST_PAGES_H_
