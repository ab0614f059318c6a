#include "ocr/word_boxes.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "ocr/test_render.h"

namespace bayyina::ocr {
namespace {

void Paint(Pix* gray, const Box& box) {
  pixRasterop(gray, box.left, box.top, box.width(), box.height(), PIX_SET, nullptr, 0, 0);
}

TEST(InkBox, LeavesOutSpecksAndACellBorder) {
  PixPtr page = testing::RenderLines({"3604"}, "DejaVu Sans 16");
  const Box text = testing::InkBounds(page.get());
  ASSERT_FALSE(text.empty());
  // What a reading's box took in: a margin around the word, a speck of noise in it and the
  // cell's border, twice the text's height, on its right.
  const int32_t h = text.height();
  const Box reading{text.left - 8, text.top - h / 2, text.right + 12, text.bottom + h / 2};
  PixPtr marked(pixInvert(nullptr, page.get()));  // PIX_SET paints white on inverted grey
  Paint(marked.get(), Box{text.right + 8, reading.top, text.right + 10, reading.bottom});
  Paint(marked.get(), Box{text.left - 5, reading.top + 2, text.left - 3, reading.top + 4});
  PixPtr noisy(pixInvert(nullptr, marked.get()));
  EXPECT_EQ(InkBox(noisy.get(), reading), text);
}

TEST(InkBox, KeepsThinCharactersAndDots) {
  // A lone 1 is as thin as a border, and the dot of ٠ as small as a speck is in a wide box.
  for (const char* word : {"1", "l1", "\u200f٢٠٢٠"}) {
    PixPtr page = testing::RenderLines({word}, "Noto Sans Arabic 16");
    const Box text = testing::InkBounds(page.get());
    ASSERT_FALSE(text.empty()) << word;
    const Box reading{text.left - 6, text.top - 6, text.right + 6, text.bottom + 6};
    EXPECT_EQ(InkBox(page.get(), reading), text) << word;
  }
}

TEST(InkBox, BlankBoxStaysAsItIs) {
  PixPtr page = testing::RenderLines({"x"}, "DejaVu Sans 16");
  const Box blank{5, 5, 60, 40};
  EXPECT_EQ(InkBox(page.get(), blank), blank);
}

}  // namespace
}  // namespace bayyina::ocr
