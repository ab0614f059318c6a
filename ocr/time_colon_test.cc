// Unit tests of the time's colon put back in a date run into a time (no Tesseract).

#include "ocr/time_colon.h"

#include "gtest/gtest.h"

namespace bayyina::ocr {
namespace {

TEST(RestoreTimeColon, MisreadOrLostColonNextToADate) {
  // Time then date, as printed left to right, colon read as a bracket, bracket and colon, or
  // lost.
  EXPECT_EQ(RestoreTimeColon("٢١)٤٤٢٠٢١/٠١/٢٠"), "٢١:٤٤٢٠٢١/٠١/٢٠");
  EXPECT_EQ(RestoreTimeColon("٢١:)٤٤٢٠٢١/٠١/٢٠"), "٢١:٤٤٢٠٢١/٠١/٢٠");
  EXPECT_EQ(RestoreTimeColon("٢١٤٤٢٠٢١/٠١/٢٠"), "٢١:٤٤٢٠٢١/٠١/٢٠");
  // Date then time; ASCII digits.
  EXPECT_EQ(RestoreTimeColon("٢٠٢١/٠١/٢٠٢١(٤٤"), "٢٠٢١/٠١/٢٠٢١:٤٤");
  EXPECT_EQ(RestoreTimeColon("2021/01/202144"), "2021/01/2021:44");
}

TEST(RestoreTimeColon, LeavesOtherWordsAlone) {
  // The colon read right: DateTimeBoundary splits it as it is.
  EXPECT_EQ(RestoreTimeColon("٢١:٤٤٢٠٢١/٠١/٢٠"), "٢١:٤٤٢٠٢١/٠١/٢٠");
  // A date alone, a date with a short year or one-digit day, a phone group, a bracket that
  // is no colon's place (three digits before the date).
  EXPECT_EQ(RestoreTimeColon("٢٠٢١/٠١/٢٠"), "٢٠٢١/٠١/٢٠");
  EXPECT_EQ(RestoreTimeColon("٢١٤٤٢١/٠١/٢٠"), "٢١٤٤٢١/٠١/٢٠");
  EXPECT_EQ(RestoreTimeColon("٢١٤٤٢٠٢١/٠١/٢"), "٢١٤٤٢٠٢١/٠١/٢");
  EXPECT_EQ(RestoreTimeColon("٠٧٧٥٩٣٣٠٩٢٦"), "٠٧٧٥٩٣٣٠٩٢٦");
  EXPECT_EQ(RestoreTimeColon("٢١٤)٤٢٠٢١/٠١/٢٠"), "٢١٤)٤٢٠٢١/٠١/٢٠");
}

}  // namespace
}  // namespace bayyina::ocr
