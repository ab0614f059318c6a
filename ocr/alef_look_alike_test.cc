// Unit tests of the alef read as the digit one (no Tesseract).

#include "ocr/alef_look_alike.h"

#include "gtest/gtest.h"

namespace bayyina::ocr {
namespace {

TEST(AlefLookAlike, LoneStrokes) {
  for (const char* w : {"1", "l", "I", "|", "١", "۱"}) EXPECT_TRUE(IsLoneStroke(w)) << w;
  for (const char* w : {"11", "7", "أ", "ا", "", "1."}) EXPECT_FALSE(IsLoneStroke(w)) << w;
}

TEST(AlefLookAlike, RisesAboveDigits) {
  const Box number{1602, 1392, 1751, 1433};  // 41 pixels tall
  // An alef with a hamza: 11 pixels higher, same baseline.
  EXPECT_TRUE(RisesAboveDigits({1572, 1381, 1583, 1433}, number));
  // A one of the same font: the digits' height, give or take a pixel or two.
  EXPECT_FALSE(RisesAboveDigits({1572, 1390, 1583, 1433}, number));
  // Taller but hanging below the baseline: a bracket or a bar, not a letter standing on it.
  EXPECT_FALSE(RisesAboveDigits({1572, 1381, 1583, 1445}, number));
  EXPECT_FALSE(RisesAboveDigits({1572, 1381, 1583, 1433}, Box{}));
}

}  // namespace
}  // namespace bayyina::ocr
