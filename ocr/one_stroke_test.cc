#include "ocr/one_stroke.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <string>
#include <vector>

#include "ocr/test_render.h"

namespace bayyina::ocr {
namespace {

// The pieces of ink of a page rendered with one short line, left to right, each a run of
// inked columns; `line` gets the box of all of them.
std::vector<Box> Pieces(Pix* gray, Box* line) {
  PixPtr ink(pixConvertTo1(gray, 128));
  const int32_t w = pixGetWidth(ink.get()), h = pixGetHeight(ink.get());
  std::vector<int32_t> top(w, h), bottom(w, -1);
  for (int32_t y = 0; y < h; ++y) {
    for (int32_t x = 0; x < w; ++x) {
      l_uint32 v = 0;
      pixGetPixel(ink.get(), x, y, &v);
      if (v != 0) {
        top[x] = std::min(top[x], y);
        bottom[x] = std::max(bottom[x], y + 1);
      }
    }
  }
  std::vector<Box> pieces;
  for (int32_t x = 0; x < w; ++x) {
    if (bottom[x] < 0) continue;
    Box piece{x, top[x], x + 1, bottom[x]};
    for (; x < w && bottom[x] >= 0; ++x) {
      piece = piece.Union(Box{x, top[x], x + 1, bottom[x]});
    }
    pieces.push_back(piece);
  }
  *line = Box{};
  for (const Box& p : pieces) *line = line->Union(p);
  // A margin, as a word box has.
  line->left -= 4;
  line->right += 4;
  line->top -= 4;
  line->bottom += 4;
  return pieces;
}

class TooWideForAOneTest : public ::testing::TestWithParam<const char*> {};

TEST_P(TooWideForAOneTest, OnlyTheSixIsTooWide) {
  // ١ ٠ ٦ ١ left to right (digits run left to right inside a right-to-left line).
  PixPtr page = testing::RenderLines({"\u200f١٠٦١"}, std::string(GetParam()) + " 16");
  Box line;
  const std::vector<Box> pieces = Pieces(page.get(), &line);
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_TRUE(TooWideForAOne(page.get(), line, pieces[0], pieces).empty()) << "one";
  EXPECT_TRUE(TooWideForAOne(page.get(), line, pieces[1], pieces).empty()) << "zero, a dot";
  const Box six = TooWideForAOne(page.get(), line, pieces[2], pieces);
  EXPECT_EQ(six, pieces[2]) << "six";
  EXPECT_TRUE(TooWideForAOne(page.get(), line, pieces[3], pieces).empty()) << "one";
}

TEST_P(TooWideForAOneTest, InkSharedWithAnotherCharacterIsNotJudged) {
  PixPtr page = testing::RenderLines({"\u200f١٠٦١"}, std::string(GetParam()) + " 16");
  Box line;
  std::vector<Box> pieces = Pieces(page.get(), &line);
  ASSERT_EQ(pieces.size(), 4u);
  // The recognizer put two characters on the six's ink.
  const Box six = pieces[2];
  const int32_t mid = (six.left + six.right) / 2;
  pieces[2] = Box{six.left, six.top, mid, six.bottom};
  pieces.push_back(Box{mid, six.top, six.right, six.bottom});
  EXPECT_TRUE(TooWideForAOne(page.get(), line, pieces[2], pieces).empty());
}

INSTANTIATE_TEST_SUITE_P(Fonts, TooWideForAOneTest,
                         ::testing::Values("Noto Sans Arabic", "Noto Naskh Arabic", "Amiri"));

}  // namespace
}  // namespace bayyina::ocr
