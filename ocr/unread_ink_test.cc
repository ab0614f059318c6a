#include "ocr/unread_ink.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "ocr/pix.h"
#include "ocr/test_render.h"

namespace bayyina::ocr {
namespace {

// A white 8-bit line with black blobs (digit groups) at `blobs`.
PixPtr Line(const std::vector<Box>& blobs) {
  PixPtr pix(pixCreate(400, 60, 8));
  pixSetAll(pix.get());
  for (const Box& b : blobs) {
    BOX* box = boxCreate(b.left, b.top, b.width(), b.height());
    pixClearInRect(pix.get(), box);
    boxDestroy(&box);
  }
  return pix;
}

TEST(UnreadInkBetween, GroupBetweenTwoWordsASpaceFromEach) {
  // Three groups 24 px high, 15 px apart: the middle one has no word box.
  const Box left{40, 20, 95, 44}, middle{110, 20, 147, 44}, right{162, 20, 218, 44};
  PixPtr line = Line({left, middle, right});
  EXPECT_EQ(UnreadInkBetween(line.get(), left, right), middle);
  EXPECT_EQ(UnreadInkBetween(line.get(), right, left), middle);
  // Beside each other there is only the space.
  EXPECT_TRUE(UnreadInkBetween(line.get(), left, middle).empty());
}

TEST(UnreadInkBetween, InkCloserThanASpaceIsMoreOfTheWord) {
  // A glyph 3 px from the left word's box (less than a quarter of 24): the box lost it, it is
  // no group of its own.
  const Box left{40, 20, 95, 44}, piece{98, 20, 110, 44}, right{140, 20, 190, 44};
  PixPtr line = Line({left, piece, right});
  EXPECT_TRUE(UnreadInkBetween(line.get(), left, right).empty());
}

TEST(UnreadInkBetween, NotAcrossACellMargin) {
  // Blank for more than a line height between the groups: the next cell's value.
  const Box left{20, 20, 75, 44}, middle{90, 20, 127, 44}, right{300, 20, 356, 44};
  PixPtr line = Line({left, middle, right});
  EXPECT_TRUE(UnreadInkBetween(line.get(), left, right).empty());
}

TEST(UnreadInkBetween, RenderedPhoneMiddleGroup) {
  // The groups of a phone in a sans font; the outer groups' boxes found from the ink.
  PixPtr page = testing::RenderLines({"\u200f٠٧٩٠ ١٤١ ٠٢٦١"}, "Noto Sans Arabic 16");
  const Box text = testing::InkBounds(page.get());
  ASSERT_FALSE(text.empty());
  std::vector<Box> pieces = InkPieces(page.get(), text);
  ASSERT_GE(pieces.size(), 3u);
  // Columns of ink, cut into groups at the two widest blank runs.
  std::vector<bool> inked(text.width(), false);
  for (const Box& p : pieces) {
    for (int32_t x = p.left; x < p.right; ++x) inked[x - text.left] = true;
  }
  std::vector<std::pair<int32_t, int32_t>> blanks;  // first and last column (from text.left)
  for (int32_t x = 0, start = -1; x < text.width(); ++x) {
    if (!inked[x] && start < 0) start = x;
    if (inked[x] && start >= 0) {
      blanks.emplace_back(start, x - 1);
      start = -1;
    }
  }
  ASSERT_GE(blanks.size(), 2u);
  std::sort(blanks.begin(), blanks.end(), [](const auto& a, const auto& b) {
    return a.second - a.first > b.second - b.first;
  });
  std::sort(blanks.begin(), blanks.begin() + 2);
  const Box left{text.left, text.top, text.left + blanks[0].first, text.bottom};
  const Box right{text.left + blanks[1].second + 1, text.top, text.right, text.bottom};
  const Box middle = UnreadInkBetween(page.get(), left, right);
  ASSERT_FALSE(middle.empty());
  EXPECT_GT(middle.left, left.right);
  EXPECT_LT(middle.right, right.left);
}

}  // namespace
}  // namespace bayyina::ocr
