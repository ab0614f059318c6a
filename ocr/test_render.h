#ifndef BAYYINA_OCR_TEST_RENDER_H_
#define BAYYINA_OCR_TEST_RENDER_H_

// Test helper: renders lines of text with Pango onto a white page, so that OCR tests generate
// their pages at test time instead of committing images. Pango shapes Arabic correctly.

#include <string>
#include <vector>

#include "ocr/page.h"
#include "ocr/pix.h"

namespace bayyina::ocr::testing {

// Renders `lines` top to bottom in `font` (a Pango font description such as "Noto Naskh Arabic
// 16") on an A5-wide white page at `dpi`. Right-to-left lines are right-aligned. 8 bpp.
PixPtr RenderLines(const std::vector<std::string>& lines, const std::string& font, int dpi = 300);

// The box of all ink (darker than 128) on `gray`; empty if there is none.
Box InkBounds(Pix* gray);

}  // namespace bayyina::ocr::testing

#endif  // BAYYINA_OCR_TEST_RENDER_H_
