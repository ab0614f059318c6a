// Unit tests of the pure text and ordering steps (no Tesseract): look-alike code points, the
// bidi order of numbers in right-to-left lines, and language guessing.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ocr/bidi_order.h"
#include "ocr/digit_pitch.h"
#include "ocr/language_guess.h"
#include "ocr/lexicon.h"
#include "ocr/script_fix.h"

namespace bayyina::ocr {
namespace {

using ::testing::ElementsAre;

TEST(FixScript, ArabicPagesGetArabicLettersAndDigits) {
  // Persian digits and Farsi yeh/keheh as the Arabic script model emits them; bidi marks.
  EXPECT_EQ(FixScript("\u200e۰۷۷۰۱۲۳٤٥۶۷\u200f", "ar"), "٠٧٧٠١٢٣٤٥٦٧");
  EXPECT_EQ(FixScript("المیلاد", "ar"), "الميلاد");   // medial yeh
  EXPECT_EQ(FixScript("إلی", "ar"), "إلى");           // final dotless yeh: alef maksura
  EXPECT_EQ(FixScript("کربلاء", "ar"), "كربلاء");
  // A word with a shape only Persian digits have keeps Persian digits.
  EXPECT_EQ(FixScript("۱۴۰۲", "ar"), "۱۴۰۲");
}

TEST(FixScript, ArabicPagesWriteHehNotDoachashmee) {
  EXPECT_EQ(FixScript("الھيئة", "ar"), "الهيئة");
  // The alone-standing initial heh (a plate letter) read as two letters.
  EXPECT_EQ(FixScript("هھ", "ar"), "هـ");
  EXPECT_EQ(FixScript("۵ھ", "ar"), "هـ");
  // Sorani writes ھ; a Persian five on its own stays a digit.
  EXPECT_EQ(FixScript("ھەولێر", "ckb"), "ھەولێر");
  EXPECT_EQ(FixScript("۵", "ar"), "۵");
}

TEST(FixScript, LatinNumbersKeepOneDigitScript) {
  // ٥ (a ring), ١ (a stroke) and ٠ (a dot) inside a number of ASCII digits were 0, 1 and '.'.
  EXPECT_EQ(FixScript("٥3:٥3", "ar"), "03:03");
  EXPECT_EQ(FixScript("28٠236٠67", "ckb"), "28.236.67");
  // Digits without Latin look-alikes, Arabic letters, or a lone ASCII digit: left alone.
  EXPECT_EQ(FixScript("12٣٥", "ar"), "12٣٥");
  EXPECT_EQ(FixScript("حي٥3", "ar"), "حي٥3");
  EXPECT_EQ(FixScript("٥3", "ckb"), "٥3");
  EXPECT_EQ(FixScript("٥3:٥3", "en"), "٥3:٥3");
}

TEST(FixScript, SoraniPagesGetSoraniLetters) {
  EXPECT_EQ(FixScript("كريم علي", "ckb"), "کریم علی");
  EXPECT_EQ(FixScript("۲۰۲۳", "ckb"), "٢٠٢٣");
  // Latin-script languages only lose bidi marks.
  EXPECT_EQ(FixScript("\u200eAzad\u200f", "kmr"), "Azad");
}

TEST(FixLatinToken, IbanCountryCode) {
  EXPECT_EQ(FixLatinToken("1Q49"), "IQ49");
  EXPECT_EQ(FixLatinToken("IO04"), "IQ04");
  EXPECT_EQ(FixLatinToken("1Q4"), "1Q4");
  EXPECT_EQ(FixLatinToken("AQ49"), "AQ49");
  EXPECT_EQ(FixLatinToken("1015"), "1015");
}

TEST(FixIbanCountryCode, CheckDigitsDecide) {
  // IQ21 KRDB 4027 1836 5590 713 (check digits computed for this test), "IQ" read as "14".
  std::vector<std::string> line = {"رقم", "1421", "KRDB", "4027", "1836", "5590", "713"};
  std::vector<std::string*> groups;
  for (std::string& w : line) groups.push_back(&w);
  EXPECT_TRUE(FixIbanCountryCode(groups));
  EXPECT_EQ(line[1], "IQ21");
  // A digit misread elsewhere: the check digits no longer agree, nothing changes.
  line = {"1421", "KRDB", "4027", "1836", "5590", "714"};
  groups.clear();
  for (std::string& w : line) groups.push_back(&w);
  EXPECT_FALSE(FixIbanCountryCode(groups));
  EXPECT_EQ(line[0], "1421");
  // Not shaped like an IBAN (a phone number's groups).
  line = {"1421", "4027", "1836", "5590", "713", "2222"};
  groups.clear();
  for (std::string& w : line) groups.push_back(&w);
  EXPECT_FALSE(FixIbanCountryCode(groups));
}

TEST(FixLatinToken, Base58CheckChoosesTheReading) {
  // A valid address (version 0, checksum over the payload).
  const std::string address = "1KeGER7JSWgQ2XkcC3ohJbR2LrU5VoGksw";
  ASSERT_TRUE(IsBase58CheckAddress(address));
  EXPECT_FALSE(IsBase58CheckAddress("1KeGER7JSWgQ2XkcC3ohJbR2LrU5VoGksx"));
  // o read as 0 (base58 has no 0): only o fits.
  EXPECT_EQ(FixLatinToken("1KeGER7JSWgQ2XkcC30hJbR2LrU5VoGksw"), address);
  // The leading 1 read as L: L is base58 too (other coins), so only the checksum tells.
  EXPECT_EQ(FixLatinToken("LKeGER7JSWgQ2XkcC3ohJbR2LrU5VoGksw"), address);
  // A corrupted address that no reading validates keeps its letters (only 0/O become o).
  EXPECT_EQ(FixLatinToken("LKeGER7JSWgQ2XkcC3ohJbR2LrU5VoGksx"), "LKeGER7JSWgQ2XkcC3ohJbR2LrU5VoGksx");
  // Not address-shaped: untouched.
  EXPECT_EQ(FixLatinToken("O0O0"), "O0O0");
}

Word W(const std::string& text) { return Word{text, Box{}, 90, "ar"}; }

std::vector<std::string> Texts(const std::vector<Word>& words) {
  std::vector<std::string> out;
  for (const Word& w : words) out.push_back(w.text);
  return out;
}

// Places words on a line from right to left in the given visual order (left to right).
void Layout(const std::vector<std::string>& visual_left_to_right, std::vector<Word>& words,
            std::vector<Box>& boxes, int gap = 20) {
  int x = 0;
  for (const std::string& t : visual_left_to_right) {
    words.push_back(W(t));
    boxes.push_back(Box{x, 0, x + 100, 40});
    x += 100 + gap;
  }
}

TEST(ReorderRightToLeftLine, NumberGroupsReadRightToLeftLatinRunsLeftToRight) {
  // Printed: "الشراء في 7764 9251 4255 4251 البطاقة" seen left to right; typed (logical):
  // البطاقة 4251 4255 9251 7764 في الشراء
  std::vector<Word> words;
  std::vector<Box> boxes;
  Layout({"الشراء", "في", "7764", "9251", "4255", "4251", "البطاقة"}, words, boxes);
  ReorderRightToLeftLine(words, boxes);
  EXPECT_THAT(Texts(words),
              ElementsAre("البطاقة", "4251", "4255", "9251", "7764", "في", "الشراء"));
  // Boxes moved with their words.
  EXPECT_EQ(boxes[0].left, 6 * 120);

  // An IBAN starts with Latin letters: the whole run reads left to right.
  words.clear();
  boxes.clear();
  Layout({"المصرف", "IQ14", "RELF", "9233", "469", "الحساب"}, words, boxes);
  ReorderRightToLeftLine(words, boxes);
  EXPECT_THAT(Texts(words), ElementsAre("الحساب", "IQ14", "RELF", "9233", "469", "المصرف"));
}

TEST(ReorderRightToLeftLine, IsolatedNumberCellsStayLeftToRight) {
  // A table row: an Arabic name, then (far to the left) a cell with a phone number in groups.
  std::vector<Word> words;
  std::vector<Box> boxes;
  Layout({"+964", "783", "790", "4752"}, words, boxes);
  words.push_back(W("الحسيني"));
  boxes.push_back(Box{2000, 0, 2100, 40});
  ReorderRightToLeftLine(words, boxes);
  EXPECT_THAT(Texts(words), ElementsAre("الحسيني", "+964", "783", "790", "4752"));
}

TEST(ReorderRightToLeftLine, CellsOfArabicIndicNumbersReadRightToLeft) {
  // A table cell "٢٠٢٥/١٠/١٤ ٢٢:٥٣" is printed time first (on the left): bidi lays the spaces
  // between Arabic-Indic numbers out right to left even in a left-to-right paragraph.
  std::vector<Word> words;
  std::vector<Box> boxes;
  Layout({"٢٢:٥٣", "٢٠٢٥/١٠/١٤"}, words, boxes);
  words.push_back(W("التاريخ"));
  boxes.push_back(Box{2000, 0, 2100, 40});
  ReorderRightToLeftLine(words, boxes);
  EXPECT_THAT(Texts(words), ElementsAre("التاريخ", "٢٠٢٥/١٠/١٤", "٢٢:٥٣"));
}

TEST(ReorderRightToLeftLine, NumberJustLeftOfLatinWordStartsItsRun) {
  // A wallet address whose first digit was read as a word of its own.
  std::vector<Word> words;
  std::vector<Box> boxes;
  Layout({"1", "BHbBkGdW6YWandNV2AM8", "المحفظة", "إلى"}, words, boxes, 10);
  ReorderRightToLeftLine(words, boxes);
  EXPECT_THAT(Texts(words), ElementsAre("إلى", "المحفظة", "1", "BHbBkGdW6YWandNV2AM8"));
  // A space apart, the number is a word of its own, before the Latin word (an Arabic word
  // misread as Latin letters, say).
  words.clear();
  boxes.clear();
  Layout({"حضر", "03:22", "2023/06/21", "Zk"}, words, boxes, 30);
  ReorderRightToLeftLine(words, boxes);
  EXPECT_THAT(Texts(words), ElementsAre("Zk", "2023/06/21", "03:22", "حضر"));
  // Arabic-Indic digits left of a Latin word follow it (bidi keeps them apart).
  words.clear();
  boxes.clear();
  Layout({"٢٠٢٠", "B39566901", "پاسپۆرتی"}, words, boxes);
  ReorderRightToLeftLine(words, boxes);
  EXPECT_THAT(Texts(words), ElementsAre("پاسپۆرتی", "B39566901", "٢٠٢٠"));
}

TEST(ReorderRightToLeftLine, NumbersWithTheSignOnTheRightReadRightToLeft) {
  // "+964 788 607 6033" laid out right to left, next to an Arabic word misread as a Latin
  // letter: the groups are not a left-to-right run of that letter.
  std::vector<Word> words;
  std::vector<Box> boxes;
  Layout({"J", "6033", "607", "788", "964+", "الرقم"}, words, boxes);
  ReorderRightToLeftLine(words, boxes);
  EXPECT_THAT(Texts(words), ElementsAre("الرقم", "+964", "788", "607", "6033", "J"));
}

TEST(DigitsInLogicalOrder, ReversesTheDigitsOfANumberReadWithALetter) {
  EXPECT_EQ(DigitsInLogicalOrder("٩٣١١٧ب"), "٧١١٣٩ب");
  EXPECT_EQ(DigitsInLogicalOrder("ج٤١٢٥٢"), "ج٢٥٢١٤");
  // Numbers alone, words alone, separators, Latin and single digits stay as they are.
  EXPECT_EQ(DigitsInLogicalOrder("٢٠٢٤/٠٥/٠٨"), "٢٠٢٤/٠٥/٠٨");
  EXPECT_EQ(DigitsInLogicalOrder("٧١١٣٩"), "٧١١٣٩");
  EXPECT_EQ(DigitsInLogicalOrder("هەڵەبجە"), "هەڵەبجە");
  EXPECT_EQ(DigitsInLogicalOrder("٣ب"), "٣ب");
  EXPECT_EQ(DigitsInLogicalOrder("ب٣٤ج"), "ب٣٤ج");
  EXPECT_EQ(DigitsInLogicalOrder("A12"), "A12");
  EXPECT_EQ(DigitsInLogicalOrder(""), "");
}

TEST(OddDigitPitch, GroupWithADigitTooManyOrTooFew) {
  // Three groups of a phone number printed at 28 px per digit, 40 px high, 16 px apart.
  auto group = [](const char* text, int32_t left, int32_t width) {
    Word w;
    w.text = text;
    return std::make_pair(w, Box{left, 100, left + width, 140});
  };
  auto odd = [](std::vector<std::pair<Word, Box>> line) {
    std::vector<Word> words;
    std::vector<Box> boxes;
    for (auto& [w, b] : line) {
      words.push_back(w);
      boxes.push_back(b);
    }
    return OddDigitPitch(words, boxes);
  };
  // Read right: nothing odd, whatever the group lengths.
  EXPECT_THAT(odd({group("0775", 0, 112), group("625", 128, 84), group("7417", 228, 112)}),
              ElementsAre(false, false, false));
  // One digit too many in the last group (same box), one too few in the first.
  EXPECT_THAT(odd({group("0775", 0, 112), group("625", 128, 84), group("72417", 228, 112)}),
              ElementsAre(false, false, true));
  EXPECT_THAT(odd({group("075", 0, 112), group("625", 128, 84), group("7417", 228, 112)}),
              ElementsAre(true, false, false));
  // Two groups can only be compared with each other: both are read again.
  EXPECT_THAT(odd({group("0775", 0, 112), group("72417", 128, 112)}), ElementsAre(true, true));
  // Words that are not plain digit groups neither count nor get judged; a group alone is never
  // odd.
  EXPECT_THAT(odd({group("14:48", 0, 60), group("2022", 80, 112)}), ElementsAre(false, false));
  EXPECT_THAT(odd({group("72417", 0, 112)}), ElementsAre(false));
  // Pieces of one word (closer than a space) are not groups.
  EXPECT_THAT(odd({group("0785872", 0, 196), group("2229", 190, 112)}), ElementsAre(false, false));
}

TEST(WideArabicIndicGroups, GroupThatLostADigit) {
  // A phone "٠٧٩٠ ١٤١ ٠٢٦١" in a sans font at 14 px per digit, 24 px high, 15 px apart.
  auto line = [](std::vector<std::pair<const char*, Box>> groups) {
    std::vector<Word> words;
    std::vector<Box> boxes;
    for (auto& [text, box] : groups) {
      Word w;
      w.text = text;
      words.push_back(w);
      boxes.push_back(box);
    }
    return WideArabicIndicGroups(words, boxes);
  };
  const Box left{0, 0, 55, 24}, middle{70, 0, 107, 24}, right{122, 0, 178, 24};
  // Read right, the narrow ones of the middle group included: nothing wide.
  EXPECT_THAT(line({{"٠٢٦١", left}, {"١٤١", middle}, {"٠٧٩٠", right}}),
              ElementsAre(false, false, false));
  // The right group's nine lost: three digits over four digits' ink.
  EXPECT_THAT(line({{"٠٢٦١", left}, {"١٤١", middle}, {"٠٧٠", right}}),
              ElementsAre(false, false, true));
  // A group that gained a digit is not judged (narrow glyphs make narrow groups anyway).
  EXPECT_THAT(line({{"٠٢٦١", left}, {"١٤١", middle}, {"٠٧٩٩٠", right}}),
              ElementsAre(false, false, false));
  // ASCII digits, a group alone, one in another cell, and pieces closer than a space are not
  // judged.
  EXPECT_THAT(line({{"0261", left}, {"141", middle}, {"070", right}}),
              ElementsAre(false, false, false));
  EXPECT_THAT(line({{"٠٧٠", right}}), ElementsAre(false));
  EXPECT_THAT(line({{"٠٢٦١", left}, {"٠٧٠", Box{200, 0, 256, 24}}}), ElementsAre(false, false));
  EXPECT_THAT(line({{"٠٢٦١", left}, {"٠٧٠", Box{58, 0, 114, 24}}}), ElementsAre(false, false));
}

TEST(LineDirection, ArabicScriptLinesReadRightToLeftWhateverTheGuess) {
  // A table row whose leftmost cell is a date: the recognizer guesses left to right.
  const std::vector<Word> row = {W("١٧:٠٨"), W("٢٠٢٤/٠٥/٠٨"), W("کاروان")};
  EXPECT_EQ(LineDirection("ckb", Direction::kLeftToRight, row), Direction::kRightToLeft);
  EXPECT_EQ(LineDirection("ar", Direction::kLeftToRight, {W("١٥:٤٧"), W("٢٠٢٥/٠٨/١٥")}),
            Direction::kRightToLeft);
  // Latin and ASCII digits alone keep the guess; other languages too.
  EXPECT_EQ(LineDirection("ar", Direction::kLeftToRight, {W("2023/12/07"), W("03:55")}),
            Direction::kLeftToRight);
  EXPECT_EQ(LineDirection("en", Direction::kLeftToRight, row), Direction::kLeftToRight);
  EXPECT_EQ(LineDirection("en", Direction::kRightToLeft, row), Direction::kRightToLeft);
}

TEST(GuessLanguage, TellsLanguagesOfOneScriptApart) {
  EXPECT_EQ(GuessLanguage("قررت المحكمة تأجيل الجلسة إلى موعد لاحق", true), "ar");
  EXPECT_EQ(GuessLanguage("دادگا بڕیاری دا دانیشتنەکە دوابخرێت", true), "ckb");
  EXPECT_EQ(GuessLanguage("The witness was heard by the court", false), "en");
  EXPECT_EQ(GuessLanguage("Şahid ji aliyê dadgehê ve hat guhdarîkirin", false), "kmr");
}

}  // namespace
}  // namespace bayyina::ocr
