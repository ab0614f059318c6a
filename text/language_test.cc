#include "text/language.h"

#include "gtest/gtest.h"

namespace bayyina::text {
namespace {

TEST(LanguageTest, CodesRoundTrip) {
  for (Language l : {Language::kArabic, Language::kSorani, Language::kKurmanji,
                     Language::kEnglish}) {
    EXPECT_EQ(ParseLanguage(LanguageCode(l)), l);
  }
  EXPECT_EQ(LanguageCode(Language::kSorani), "ckb");
}

TEST(LanguageTest, ParsesRegionsAndCase) {
  EXPECT_EQ(ParseLanguage("ar-IQ"), Language::kArabic);
  EXPECT_EQ(ParseLanguage("CKB"), Language::kSorani);
  EXPECT_EQ(ParseLanguage("kmr-Latn-TR"), Language::kKurmanji);
  EXPECT_EQ(ParseLanguage("en_GB"), Language::kEnglish);
}

TEST(LanguageTest, RejectsOthers) {
  EXPECT_EQ(ParseLanguage("auto"), std::nullopt);
  EXPECT_EQ(ParseLanguage(""), std::nullopt);
  EXPECT_EQ(ParseLanguage("fa"), std::nullopt);
  EXPECT_EQ(ParseLanguage("ar-"), std::nullopt);
  EXPECT_EQ(ParseLanguage("arx"), std::nullopt);
}

TEST(LanguageTest, Script) {
  EXPECT_TRUE(IsArabicScript(Language::kArabic));
  EXPECT_TRUE(IsArabicScript(Language::kSorani));
  EXPECT_FALSE(IsArabicScript(Language::kKurmanji));
  EXPECT_FALSE(IsArabicScript(Language::kEnglish));
}

}  // namespace
}  // namespace bayyina::text
