#include "ocr/number_comma.h"

#include <gtest/gtest.h>

#include <string>

#include "ocr/test_render.h"

namespace bayyina::ocr {
namespace {

class CommaBeforeDigitsTest : public ::testing::TestWithParam<const char*> {
 protected:
  // Renders `number` alone on a right-to-left line (as inside Arabic text) at two sizes and
  // looks for the comma in its ink; returns where it ends in ink-relative x, or -1.
  // Both sizes must agree on whether there is a comma.
  int32_t Find(const std::string& number) {
    int32_t found[2];
    for (int k = 0; k < 2; ++k) {
      const std::string font = std::string(GetParam()) + (k == 0 ? " 16" : " 11");
      PixPtr page = testing::RenderLines({"\u200f" + number}, font);
      const Box ink = testing::InkBounds(page.get());
      const NumberComma comma = CommaBeforeDigits(page.get(), ink);
      // Where a character read over the comma ends: a quarter into the next piece.
      found[k] = comma.found() ? comma.next.left + comma.next.width() / 4 - ink.left : -1;
    }
    EXPECT_EQ(found[0] < 0, found[1] < 0) << "the two sizes disagree on " << number;
    return found[0];
  }
};

TEST_P(CommaBeforeDigitsTest, FindsTheCommaAfterANumber) {
  for (const char* number : {"٧٨،", "٢٠،", "٠٢،", "١٩٩٢/٠٢/٢٠،"}) {
    // The comma is narrower than a digit is tall; the next piece starts right after it.
    const int32_t x = Find(number);
    EXPECT_GT(x, 0) << number;
    EXPECT_LT(x, 40) << number;
  }
}

TEST_P(CommaBeforeDigitsTest, LeavesNumbersWithoutACommaAlone) {
  // ٠ is a dot at mid-height, ٤ as tall as the other digits, ٥ a loop; a slash may be taller
  // than the digits.
  for (const char* number : {"٠٧٨", "٤٧٨", "٥٠٦", "١٢٣", "٢٠٢٥/٠٥/٠١", "٠٤:٤٠", "٥٠٦٣٣"}) {
    EXPECT_EQ(Find(number), -1) << number;
  }
}

INSTANTIATE_TEST_SUITE_P(Fonts, CommaBeforeDigitsTest,
                         ::testing::Values("Amiri", "Noto Naskh Arabic", "Noto Sans Arabic"));

class CommaAfterDigitsTest : public ::testing::TestWithParam<const char*> {
 protected:
  // Renders `number` alone on a line laid out left to right; returns where the comma starts
  // in ink-relative x, or -1.
  int32_t Find(const std::string& number) {
    PixPtr page = testing::RenderLines({"\u200e" + number}, std::string(GetParam()) + " 16");
    const Box ink = testing::InkBounds(page.get());
    const NumberComma comma = CommaAfterDigits(page.get(), ink);
    return comma.found() ? comma.comma.left - ink.left : -1;
  }
};

TEST_P(CommaAfterDigitsTest, FindsTheCommaAfterANumberInAsciiDigits) {
  for (const char* number : {"71،", "20،", "1992/02/20،"}) {
    const int32_t without = Find(std::string(number, std::string(number).size() - 2));
    EXPECT_EQ(without, -1) << number;
    // The comma starts where the number's ink ends, give or take the gap between them.
    PixPtr page =
        testing::RenderLines({"\u200e" + std::string(number, std::string(number).size() - 2)},
                             std::string(GetParam()) + " 16");
    const int32_t digits_width = testing::InkBounds(page.get()).width();
    const int32_t x = Find(number);
    EXPECT_GE(x, digits_width - 2) << number;
    EXPECT_LE(x, digits_width + 20) << number;
  }
}

TEST_P(CommaAfterDigitsTest, LeavesNumbersWithoutACommaAlone) {
  for (const char* number : {"715", "71.", "2025/05/01", "04:40", "٧٨٠"}) {
    EXPECT_EQ(Find(number), -1) << number;
  }
}

INSTANTIATE_TEST_SUITE_P(Fonts, CommaAfterDigitsTest,
                         ::testing::Values("Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans"));

}  // namespace
}  // namespace bayyina::ocr
