// Unit tests of the year of a date read with a three for its two (no Tesseract).

#include "ocr/date_year.h"

#include "gtest/gtest.h"

namespace bayyina::ocr {
namespace {

TEST(FixDateYear, ThreeThousandsAreTwoThousands) {
  EXPECT_EQ(FixDateYear("٣٠٢٤/٠٥/١٤"), "٢٠٢٤/٠٥/١٤");
  EXPECT_EQ(FixDateYear("١٤-٠٥-٣٠٢٤"), "١٤-٠٥-٢٠٢٤");
  EXPECT_EQ(FixDateYear("۳۰۲۴.۵.۱۴"), "۲۰۲۴.۵.۱۴");
}

TEST(FixDateYear, LeavesOtherWordsAlone) {
  // Years that can be; a three elsewhere; not a date; ASCII digits; mixed digit scripts.
  EXPECT_EQ(FixDateYear("٢٠٢٤/٠٥/١٤"), "٢٠٢٤/٠٥/١٤");
  EXPECT_EQ(FixDateYear("١٣٠٢/٠٥/١٤"), "١٣٠٢/٠٥/١٤");
  EXPECT_EQ(FixDateYear("٣١٠٢/٠٥/١٤"), "٣١٠٢/٠٥/١٤");
  EXPECT_EQ(FixDateYear("٢٠٢٤/٠٥/٣٠"), "٢٠٢٤/٠٥/٣٠");
  EXPECT_EQ(FixDateYear("٣٠٢٤٥٥١٤"), "٣٠٢٤٥٥١٤");
  EXPECT_EQ(FixDateYear("3024/05/14"), "3024/05/14");
  EXPECT_EQ(FixDateYear("٣٠٢٤/۰۵/١٤"), "٣٠٢٤/۰۵/١٤");
}

}  // namespace
}  // namespace bayyina::ocr
