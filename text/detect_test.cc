#include "text/detect.h"

#include <cstdio>

#include "gtest/gtest.h"
#include "text/corpora.h"

namespace bayyina::text {
namespace {

TEST(DetectTest, ArabicSentence) {
  const Detection d = DetectLanguage("قررت المحكمة تأجيل الجلسة إلى الأسبوع القادم");
  EXPECT_EQ(d.language, Language::kArabic);
  EXPECT_GT(d.confidence, 0.5);
}

TEST(DetectTest, SoraniSentence) {
  const Detection d = DetectLanguage("دادگا بڕیاری دا کە دانیشتنەکە بۆ هەفتەی داهاتوو دوا بخات");
  EXPECT_EQ(d.language, Language::kSorani);
  EXPECT_GT(d.confidence, 0.5);
}

TEST(DetectTest, SoraniWithStrayArabicLetters) {
  // Arabic ك and ي typed on an Arabic keyboard do not outweigh ڕ ێ ە ۆ.
  EXPECT_EQ(DetectLanguage("ئەو كەسەي لە ڕێگاكە بوو بۆ ماڵەوە گەڕایەوە").language,
            Language::kSorani);
}

TEST(DetectTest, KurmanjiSentence) {
  const Detection d = DetectLanguage("Dadgehê biryar da ku rûniştinê heta hefteya bê paş bixe");
  EXPECT_EQ(d.language, Language::kKurmanji);
  EXPECT_GT(d.confidence, 0.5);
}

TEST(DetectTest, EnglishSentenceWithKurdishName) {
  const Detection d = DetectLanguage("The court heard Şêx Hesen Şerîf and adjourned the hearing");
  EXPECT_EQ(d.language, Language::kEnglish);
  EXPECT_GT(d.confidence, 0.5);
}

TEST(DetectTest, MixedPageFollowsMajorityScriptAndCounts) {
  const Detection d =
      DetectLanguage("ناونیشانی ئیمەیڵ: name@example.com ژمارەی تەلەفۆن +964 750 123 4567");
  EXPECT_EQ(d.language, Language::kSorani);
  EXPECT_GT(d.scripts.arabic, d.scripts.latin);
  EXPECT_GT(d.scripts.latin, 0u);
  EXPECT_LT(d.confidence, 1.0);  // mixing scripts lowers confidence
  const ScriptCounts c = CountScripts("abc دعوى Ωμέγα 123 ...");
  EXPECT_EQ(c.latin, 3u);
  EXPECT_EQ(c.arabic, 4u);
  EXPECT_EQ(c.other, 5u);
}

TEST(DetectTest, PresentationFormsCount) {
  // "کوردی" in presentation forms still reads as Sorani-style letters.
  EXPECT_EQ(DetectLanguage("\uFB90\uFEEE\uFEAD\uFEA9\uFBFC ڕێگا").language, Language::kSorani);
}

TEST(DetectTest, NoLettersNoConfidence) {
  EXPECT_EQ(DetectLanguage("123 456 !?").confidence, 0.0);
  EXPECT_EQ(DetectLanguage("").confidence, 0.0);
  EXPECT_EQ(DetectLanguage("\xFF\xFE").confidence, 0.0);
}

// The quality gate: on real lines of five or more words, at least 99% of each corpus
// side is detected right. The figures are printed; text_detect_eval prints the same table.
TEST(DetectTest, CorpusAccuracyAtLeast99Percent) {
  const auto dir = CorporaDir();
  if (!dir) GTEST_SKIP() << "../shared/corpora not found; detection accuracy not measured";
  const auto scores = EvaluateDetection(*dir, 5);
  ASSERT_FALSE(scores.empty());
  for (const DetectionScore& s : scores) {
    std::printf("detection %-4s %-56s %zu/%zu = %.2f%%\n", s.language.c_str(), s.corpus.c_str(),
                s.correct, s.lines, 100.0 * s.share());
    EXPECT_GT(s.lines, 100u) << s.corpus;
    EXPECT_GE(s.share(), 0.99) << s.corpus << " (" << s.language << ")";
  }
}

}  // namespace
}  // namespace bayyina::text
