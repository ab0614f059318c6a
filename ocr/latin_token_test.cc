// Unit tests of the shapes of Latin tokens on Arabic-script pages (no Tesseract).

#include "ocr/latin_token.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace bayyina::ocr {
namespace {

TEST(LatinReadAsArabic, LettersMixedWithArabicIndicDigits) {
  // An email that the Sorani model read as letters and digits.
  EXPECT_TRUE(LatinReadAsArabic("ه٥ح.انەهع٣٩٠.هط٥ز", 11));
  EXPECT_TRUE(LatinReadAsArabic("ع۲٥اوه", 30));  // Persian digits count too
  // Read with confidence: a word as printed (a plate letter glued to its digits).
  EXPECT_FALSE(LatinReadAsArabic("٧١١٣٩ب", 78));
  // Digits alone, letters alone: Arabic numbers and words.
  EXPECT_FALSE(LatinReadAsArabic("٠٧٧٥", 10));
  EXPECT_FALSE(LatinReadAsArabic("کەرکووک", 9));
  // Already Latin: the Latin reading handles it.
  EXPECT_FALSE(LatinReadAsArabic("john.s86@gmail.com", 20));
}

TEST(LatinReadAsArabic, FullStopBetweenLetters) {
  EXPECT_TRUE(LatinReadAsArabic("نهع.طنه", 20));
  EXPECT_TRUE(LatinReadAsArabic("نهع\u06d4طنه", 20));  // Arabic full stop
  // A sentence's full stop or comma ends a word; no word starts with one.
  EXPECT_FALSE(LatinReadAsArabic("نارد.", 20));
  EXPECT_FALSE(LatinReadAsArabic("نارد،", 20));
  EXPECT_TRUE(LatinReadAsArabic(".اة", 20));
  EXPECT_TRUE(LatinReadAsArabic("@ماه", 20));
  EXPECT_FALSE(LatinReadAsArabic("(نارد)", 20));
  // Arabic abbreviations, numbers with an era or a unit, a form's label with its colon.
  EXPECT_FALSE(LatinReadAsArabic("د.أحمد", 20));
  EXPECT_FALSE(LatinReadAsArabic("ص.ب", 20));
  EXPECT_FALSE(LatinReadAsArabic("٢٠٢١م", 20));
  EXPECT_FALSE(LatinReadAsArabic("١٤٤٣هـ", 20));
  EXPECT_FALSE(LatinReadAsArabic("ص١٢", 20));
  EXPECT_FALSE(LatinReadAsArabic(":الاسم", 20));
  // Broken UTF-8 is no reading of anything.
  EXPECT_FALSE(LatinReadAsArabic("\xd9", 0));
}

TEST(IsEmailShaped, AddressesAndTheirTails) {
  EXPECT_TRUE(IsEmailShaped("john.s86@gmail.com"));
  EXPECT_TRUE(IsEmailShaped("k59@yahoo.com"));
  EXPECT_TRUE(IsEmailShaped("hemin.h14@post.krd"));
  EXPECT_FALSE(IsEmailShaped("hemin.h1"));
  EXPECT_FALSE(IsEmailShaped("@post.krd"));
  EXPECT_FALSE(IsEmailShaped("a@post"));
  EXPECT_FALSE(IsEmailShaped("a@post.k1"));
  EXPECT_FALSE(IsEmailShaped("a@b@post.krd"));
  EXPECT_FALSE(IsEmailShaped("https://news.example.iq/item/4227"));
}

Word W(const std::string& text, float confidence) {
  Word w;
  w.text = text;
  w.confidence = confidence;
  return w;
}

TEST(JoinEmailPieces, JoinsClosePiecesThatSpellAnAddress) {
  std::vector<Word> read = {W("hemin.h1", 46), W("4@post.krd", 44), W("sent", 90)};
  std::vector<Box> boxes = {{100, 10, 244, 50}, {254, 10, 434, 50}, {600, 10, 680, 50}};
  JoinEmailPieces(read, boxes, 15);
  ASSERT_EQ(read.size(), 2u);
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ(read[0].text, "hemin.h14@post.krd");
  EXPECT_FLOAT_EQ(read[0].confidence, 44);
  EXPECT_EQ(boxes[0], (Box{100, 10, 434, 50}));
  EXPECT_EQ(read[1].text, "sent");
}

TEST(JoinEmailPieces, LeavesOtherWordsAlone) {
  // A space apart: two words.
  std::vector<Word> read = {W("ali", 50), W("k59@yahoo.com", 49)};
  std::vector<Box> boxes = {{0, 0, 45, 40}, {70, 0, 330, 40}};
  JoinEmailPieces(read, boxes, 15);
  EXPECT_EQ(read.size(), 2u);
  // A one-character piece is a stroke of the Arabic letters beside the address.
  read = {W("6", 62), W("john.h35@post.krd", 79)};
  boxes = {{885, 0, 933, 40}, {940, 0, 1236, 40}};
  JoinEmailPieces(read, boxes, 15);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[1].text, "john.h35@post.krd");
  // Close pieces that spell no address.
  read = {W("1GzevZiRzR2", 25), W("XSAtypdXWN3", 25)};
  boxes = {{0, 0, 230, 40}, {240, 0, 660, 40}};
  JoinEmailPieces(read, boxes, 15);
  EXPECT_EQ(read.size(), 2u);
}

TEST(JoinAddressPieces, JoinsPiecesWhoseChecksumHolds) {
  // A valid address (the one lexicon tests use) split where a proportional font leaves a
  // wide gap, its first 1 read as I; a word beyond it.
  std::vector<Word> read = {W("IKeGER7JSWgQ2XkcC3ohJb", 80), W("R2LrU5VoGksw", 20),
                            W("Glo", 60)};
  std::vector<Box> boxes = {{0, 0, 500, 40}, {520, 0, 760, 40}, {800, 0, 860, 40}};
  JoinAddressPieces(read, boxes, 40);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].text, "1KeGER7JSWgQ2XkcC3ohJbR2LrU5VoGksw");
  EXPECT_FLOAT_EQ(read[0].confidence, 80);
  EXPECT_EQ(boxes[0], (Box{0, 0, 760, 40}));
  EXPECT_EQ(read[1].text, "Glo");
  read = {W("1KeGER7JSWgQ2XkcC3ohJbR2LrU5Vo", 80), W("Gksw", 20)};
  boxes = {{0, 0, 600, 40}, {620, 0, 700, 40}};
  JoinAddressPieces(read, boxes, 40);
  ASSERT_EQ(read.size(), 1u);
}

TEST(JoinAddressPieces, LeavesPiecesThatMakeNoAddress) {
  // One character off: the checksum fails. Too far apart: two tokens.
  std::vector<Word> read = {W("1KeGER7JSWgQ2XkcC3ohJb", 80), W("R2LrU5VoGksx", 20)};
  std::vector<Box> boxes = {{0, 0, 500, 40}, {520, 0, 760, 40}};
  JoinAddressPieces(read, boxes, 40);
  EXPECT_EQ(read.size(), 2u);
  read = {W("1KeGER7JSWgQ2XkcC3ohJb", 80), W("R2LrU5VoGksw", 20)};
  boxes = {{0, 0, 500, 40}, {560, 0, 760, 40}};
  JoinAddressPieces(read, boxes, 40);
  EXPECT_EQ(read.size(), 2u);
}

TEST(KeepLeadingOne, WhenEnglishBoxCoversTheOne) {
  // English read "2:03" over a box that starts where the first reading's "12:03" does.
  EXPECT_EQ(KeepLeadingOne("12:03", {1468, 0, 1537, 40}, "2:03", {1456, 0, 1537, 40}), "12:03");
  EXPECT_EQ(KeepLeadingOne("14:48", {1162, 0, 1224, 40}, "4:48", {1162, 0, 1224, 40}), "14:48");
  EXPECT_EQ(KeepLeadingOne("153.58..67.187", {1065, 0, 1254, 40}, "53.58.67.187",
                           {1065, 0, 1254, 40}),
            "153.58.67.187");
  // English's box starts right of the 1: the 1 was ink outside the token.
  EXPECT_EQ(KeepLeadingOne("12:03", {1468, 0, 1537, 40}, "2:03", {1480, 0, 1537, 40}), "2:03");
  // Not a leading 1, not plain digits, or more than one character lost.
  EXPECT_EQ(KeepLeadingOne("72:03", {0, 0, 70, 40}, "2:03", {0, 0, 70, 40}), "2:03");
  EXPECT_EQ(KeepLeadingOne("1A0123", {0, 0, 90, 40}, "A0123", {0, 0, 90, 40}), "A0123");
  EXPECT_EQ(KeepLeadingOne("112:03", {0, 0, 80, 40}, "2:03", {0, 0, 80, 40}), "2:03");
}

}  // namespace
}  // namespace bayyina::ocr
