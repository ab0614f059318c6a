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

TEST(FixTimeHour, HoursInTheThirtiesAreInTheTwenties) {
  EXPECT_EQ(FixTimeHour("٣٠:٢٣"), "٢٠:٢٣");
  EXPECT_EQ(FixTimeHour("٣٣:٣٤"), "٢٣:٣٤");
  EXPECT_EQ(FixTimeHour("۳۱:۰۵"), "۲۱:۰۵");
}

TEST(FixTimeHour, LeavesOtherWordsAlone) {
  // Hours that can be; minutes in the thirties; not a time; ASCII digits; mixed scripts.
  EXPECT_EQ(FixTimeHour("٢٣:٢٤"), "٢٣:٢٤");
  EXPECT_EQ(FixTimeHour("١٣:٣٤"), "١٣:٣٤");
  EXPECT_EQ(FixTimeHour("٠٣:٣٠"), "٠٣:٣٠");
  EXPECT_EQ(FixTimeHour("٣:٣٠"), "٣:٣٠");
  EXPECT_EQ(FixTimeHour("٣٠/٢٣"), "٣٠/٢٣");
  EXPECT_EQ(FixTimeHour("30:23"), "30:23");
  EXPECT_EQ(FixTimeHour("٣٠:۲۳"), "٣٠:۲۳");
}

TEST(IsDateOrTime, CalendarDatesAndClockTimes) {
  EXPECT_TRUE(IsDateOrTime("٢٠٢٢/١١/٢١"));
  EXPECT_TRUE(IsDateOrTime("٢١-١١-٢٠٢٢"));
  EXPECT_TRUE(IsDateOrTime("2023/08/11"));
  EXPECT_TRUE(IsDateOrTime("۲۰۲۴/۰۵/۱۴"));
  EXPECT_FALSE(IsDateOrTime("۱۴۰۲/۰۱/۰۵"));  // a Solar Hijri year is out of range
  EXPECT_TRUE(IsDateOrTime("١٣:٢٤"));
  EXPECT_TRUE(IsDateOrTime("00:44"));
}

TEST(IsDateOrTime, RejectsWhatNoCalendarOrClockHas) {
  // A digit read as a bracket; month, day, year, hour or minute out of range; mixed scripts
  // or separators; a phone group; a time with one-digit hour as read without its first digit.
  EXPECT_FALSE(IsDateOrTime("٢٠٢٢/١١/٢)"));
  EXPECT_FALSE(IsDateOrTime("٢٠٢٢/١٣/٢١"));
  EXPECT_FALSE(IsDateOrTime("٢٠٢٢/١١/٣٢"));
  EXPECT_FALSE(IsDateOrTime("٣٠٢٢/١١/٢١"));
  EXPECT_FALSE(IsDateOrTime("٢٤:٠٠"));
  EXPECT_FALSE(IsDateOrTime("١٣:٦٠"));
  EXPECT_FALSE(IsDateOrTime("٢٠٢٢/11/٢١"));
  EXPECT_FALSE(IsDateOrTime("٢٠٢٢/١١-٢١"));
  EXPECT_FALSE(IsDateOrTime("٠٧٧٥"));
  EXPECT_FALSE(IsDateOrTime("٣٣٤٤٤"));
  // A phone number's digits: a part too long for an int to hold.
  EXPECT_FALSE(IsDateOrTime("٠٧٧٠١٢٣٤٥٦٧٨٩"));
  EXPECT_FALSE(IsDateOrTime("12345678901234567890"));
  EXPECT_FALSE(IsDateOrTime("4:48"));
  EXPECT_FALSE(IsDateOrTime(""));
}

}  // namespace
}  // namespace bayyina::ocr
