// Unit tests of the digit five read as the Sorani letter ae (no Tesseract).

#include "ocr/five_look_alike.h"

#include "gtest/gtest.h"

namespace bayyina::ocr {
namespace {

TEST(FiveLookAlike, LoneAe) {
  EXPECT_TRUE(IsLoneLoopLetter("ە"));
  // Heh writes the Hijri year's abbreviation, against the year or not: never a five here.
  EXPECT_FALSE(IsLoneLoopLetter("ه"));
  EXPECT_FALSE(IsLoneLoopLetter("هـ"));
  // Ae inside a word, or a digit already.
  EXPECT_FALSE(IsLoneLoopLetter("لە"));
  EXPECT_FALSE(IsLoneLoopLetter("٥"));
  EXPECT_FALSE(IsLoneLoopLetter(""));
}

TEST(FiveLookAlike, NumberWithAeAtOneEnd) {
  EXPECT_TRUE(IsNumberWithLoopLetter("٠٦٣٣ە"));
  EXPECT_TRUE(IsNumberWithLoopLetter("ە٢٠٢١/٠١"));
  // One digit, letters other than ae, ae at both ends or in the middle, ASCII digits.
  EXPECT_FALSE(IsNumberWithLoopLetter("٦ە"));
  EXPECT_FALSE(IsNumberWithLoopLetter("٦٣٣ەم"));
  EXPECT_FALSE(IsNumberWithLoopLetter("ە٦٣٣ە"));
  EXPECT_FALSE(IsNumberWithLoopLetter("٦٣ە٣"));
  EXPECT_FALSE(IsNumberWithLoopLetter("633ە"));
  EXPECT_FALSE(IsNumberWithLoopLetter("٦٣٣"));
  EXPECT_FALSE(IsNumberWithLoopLetter("\xd9\xa6\xd9"));  // cut UTF-8
}

}  // namespace
}  // namespace bayyina::ocr
