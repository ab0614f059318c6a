#include "ocr/preprocess.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <random>

namespace bayyina::ocr {
namespace {

PixPtr RandomGray(int w, int h, unsigned seed) {
  PixPtr pix(pixCreate(w, h, 8));
  std::mt19937 rng(seed);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) pixSetPixel(pix.get(), x, y, rng() % 256);
  }
  return pix;
}

TEST(MedianFilter3x3, MatchesLeptonicasRankFilterAwayFromTheEdges) {
  // Odd sizes put pixels in every byte position of Leptonica's 32-bit words.
  PixPtr gray = RandomGray(37, 23, 7);
  PixPtr ours = MedianFilter3x3(gray.get());
  PixPtr theirs(pixMedianFilter(gray.get(), 3, 3));
  ASSERT_TRUE(ours && theirs);
  ASSERT_EQ(pixGetWidth(ours.get()), 37);
  ASSERT_EQ(pixGetHeight(ours.get()), 23);
  int differing = 0;
  for (int y = 1; y + 1 < 23; ++y) {
    for (int x = 1; x + 1 < 37; ++x) {
      l_uint32 a = 0, b = 0;
      pixGetPixel(ours.get(), x, y, &a);
      pixGetPixel(theirs.get(), x, y, &b);
      differing += a != b;
    }
  }
  EXPECT_EQ(differing, 0);
}

TEST(MedianFilter3x3, RemovesSpecksAndKeepsStrokes) {
  PixPtr gray(pixCreate(20, 20, 8));
  pixSetAllArbitrary(gray.get(), 255);
  pixSetPixel(gray.get(), 5, 5, 0);  // a speck, also one on the edge
  pixSetPixel(gray.get(), 0, 12, 0);
  for (int y = 0; y < 20; ++y) {  // a stroke three pixels wide
    for (int x = 12; x < 15; ++x) pixSetPixel(gray.get(), x, y, 0);
  }
  PixPtr out = MedianFilter3x3(gray.get());
  ASSERT_TRUE(out);
  l_uint32 v = 0;
  pixGetPixel(out.get(), 5, 5, &v);
  EXPECT_EQ(v, 255u);
  pixGetPixel(out.get(), 0, 12, &v);
  EXPECT_EQ(v, 255u);
  pixGetPixel(out.get(), 13, 10, &v);
  EXPECT_EQ(v, 0u);
  pixGetPixel(out.get(), 13, 0, &v);
  EXPECT_EQ(v, 0u);
}

TEST(MedianFilter3x3, RejectsImagesThatAreNotGrey) {
  PixPtr binary(pixCreate(8, 8, 1));
  EXPECT_FALSE(MedianFilter3x3(binary.get()));
}

}  // namespace
}  // namespace bayyina::ocr
