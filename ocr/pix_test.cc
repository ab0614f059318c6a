#include "ocr/pix.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <vector>

namespace bayyina::ocr {
namespace {

// A white page of `depth` bits with two black squares, at (10, 10) and (40, 12), 8 pixels wide.
PixPtr TwoSquares(int depth) {
  PixPtr pix(pixCreate(80, 40, depth));
  if (depth == 8) pixSetAll(pix.get());  // grey: 255 is white; 1-bit: 0 is white
  for (const Box& b : {Box{10, 10, 18, 18}, Box{40, 12, 48, 20}}) {
    pixRasterop(pix.get(), b.left, b.top, b.width(), b.height(), depth == 8 ? PIX_CLR : PIX_SET,
                nullptr, 0, 0);
  }
  return pix;
}

std::vector<Box> Sorted(std::vector<Box> boxes) {
  std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) { return a.left < b.left; });
  return boxes;
}

TEST(InkPieces, FindsEachPieceInPageCoordinates) {
  for (int depth : {8, 1}) {
    PixPtr pix = TwoSquares(depth);
    EXPECT_EQ(Sorted(InkPieces(pix.get(), Box{0, 0, 80, 40})),
              (std::vector<Box>{{10, 10, 18, 18}, {40, 12, 48, 20}}))
        << depth;
    // A box that cuts a piece gets the part inside it; one that misses the page gets nothing.
    EXPECT_EQ(InkPieces(pix.get(), Box{14, 0, 30, 40}), (std::vector<Box>{{14, 10, 18, 18}}));
    EXPECT_TRUE(InkPieces(pix.get(), Box{100, 100, 120, 120}).empty());
    EXPECT_TRUE(InkPieces(pix.get(), Box{}).empty());
  }
}

TEST(Whiten, BlanksTheBoxOnGreyAndOneBitPages) {
  for (int depth : {8, 1}) {
    PixPtr pix = TwoSquares(depth);
    Whiten(pix.get(), Box{5, 5, 25, 25});
    EXPECT_EQ(InkPieces(pix.get(), Box{0, 0, 80, 40}), (std::vector<Box>{{40, 12, 48, 20}}))
        << depth;
    Whiten(pix.get(), Box{70, 30, 200, 200});  // past the page's edge: clipped
    EXPECT_EQ(InkPieces(pix.get(), Box{0, 0, 80, 40}).size(), 1u);
  }
}

}  // namespace
}  // namespace bayyina::ocr
