#include "ocr/number_words.h"

#include <gtest/gtest.h>

namespace bayyina::ocr {
namespace {

TEST(NumberWords, AsciiHelpers) {
  EXPECT_TRUE(IsAsciiAlnum('7'));
  EXPECT_TRUE(IsAsciiAlnum('q'));
  EXPECT_FALSE(IsAsciiAlnum('@'));
  EXPECT_TRUE(HasAsciiAlnum("٠٧x"));
  EXPECT_FALSE(HasAsciiAlnum("٠٧٩٠/"));
  EXPECT_EQ(AsciiDigits("+964 781-29"), "96478129");
  EXPECT_EQ(AsciiDigits("٠٧٩٠"), "");
}

TEST(NumberWords, ArabicNumbers) {
  EXPECT_TRUE(IsArabicNumber("٠٧٩٠"));
  EXPECT_TRUE(IsArabicNumber("٢٠٢٠/٠٧/٠٤"));
  EXPECT_FALSE(IsArabicNumber("٢٠٢١م"));  // a letter
  EXPECT_FALSE(IsArabicNumber("٠٧A"));     // a Latin letter
  EXPECT_TRUE(IsCleanArabicIndicNumber("١٠٢٦٨٦٤٤٤٠٦٨"));
  EXPECT_TRUE(IsCleanArabicIndicNumber("٧٨،"));  // the comma after it
  EXPECT_FALSE(IsCleanArabicIndicNumber("/٧٨"));
  EXPECT_FALSE(IsCleanArabicIndicNumber("٧"));  // one digit
}

TEST(NumberWords, GarbledDigits) {
  EXPECT_TRUE(LooksLikeGarbledDigits("Yo"));
  EXPECT_TRUE(LooksLikeGarbledDigits("4٢+"));
  EXPECT_TRUE(LooksLikeGarbledDigits("V\u00b0"));  // ٧٠ with the zero read as a degree sign
  EXPECT_FALSE(LooksLikeGarbledDigits("964٦"));   // mostly ASCII digits: a Latin number
  EXPECT_FALSE(LooksLikeGarbledDigits("1234"));   // a plain number
  EXPECT_FALSE(LooksLikeGarbledDigits("Hello"));  // letters that are no look-alikes
}

TEST(NumberWords, StrayLettersAmongArabicIndicDigits) {
  EXPECT_TRUE(DigitsWithStrayLetters("M٧"));
  EXPECT_TRUE(DigitsWithStrayLetters("ا٩"));    // an alef is a one
  EXPECT_FALSE(DigitsWithStrayLetters("اا٩"));  // two alefs: a word
  EXPECT_FALSE(DigitsWithStrayLetters("ب٩"));   // another Arabic letter
  EXPECT_FALSE(DigitsWithStrayLetters("MM٧"));  // more letters than digits
  EXPECT_FALSE(DigitsWithStrayLetters("a@٧"));  // an email's piece
  EXPECT_FALSE(DigitsWithStrayLetters("٧3"));   // ASCII digits: mixed scripts, not letters
  EXPECT_FALSE(DigitsWithStrayLetters("٠٧٩٠")); // no letter at all
}

TEST(NumberWords, AsciiNumberBeforeAComma) {
  EXPECT_TRUE(IsAsciiNumberBeforeComma("71"));
  EXPECT_TRUE(IsAsciiNumberBeforeComma("71،"));
  EXPECT_TRUE(IsAsciiNumberBeforeComma("71ء"));  // the comma read as hamza
  EXPECT_TRUE(IsAsciiNumberBeforeComma("71,"));
  EXPECT_FALSE(IsAsciiNumberBeforeComma("،"));
  EXPECT_FALSE(IsAsciiNumberBeforeComma("7a"));
  EXPECT_FALSE(IsAsciiNumberBeforeComma("٧١"));
  EXPECT_FALSE(IsAsciiNumberBeforeComma("71،،"));
}

}  // namespace
}  // namespace bayyina::ocr
