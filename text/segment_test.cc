#include "text/segment.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "text/corpora.h"

namespace bayyina::text {
namespace {

std::vector<std::string> Sentences(const std::string& text, Language lang) {
  std::vector<std::string> out;
  for (const TextSpan& s : SplitSentences(text, lang)) out.emplace_back(s.Of(text));
  return out;
}

using V = std::vector<std::string>;

TEST(SegmentTest, EmptyAndBlank) {
  EXPECT_TRUE(SplitSentences("", Language::kEnglish).empty());
  EXPECT_TRUE(SplitSentences(" \n\t ", Language::kArabic).empty());
}

TEST(SegmentTest, EnglishBasicAndTrimmed) {
  EXPECT_EQ(Sentences("  It rained. Did it stop? Yes!  ", Language::kEnglish),
            (V{"It rained.", "Did it stop?", "Yes!"}));
}

TEST(SegmentTest, SpansAreByteRangesOfInput) {
  const std::string text = "ذهبت إلى المحكمة. ماذا قال القاضي؟";
  const auto spans = SplitSentences(text, Language::kArabic);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[1].end, text.size());
  EXPECT_EQ(text.substr(spans[0].end, spans[1].begin - spans[0].end), " ");
}

TEST(SegmentTest, ArabicQuestionMarkEndsSentence) {
  EXPECT_EQ(Sentences("أين كنت؟ كنت في البيت.", Language::kArabic),
            (V{"أين كنت؟", "كنت في البيت."}));
  EXPECT_EQ(Sentences("لە کوێ بوویت؟ لە ماڵەوە بووم.", Language::kSorani),
            (V{"لە کوێ بوویت؟", "لە ماڵەوە بووم."}));
}

TEST(SegmentTest, ArabicCommaAndSemicolonDoNotEndSentence) {
  EXPECT_EQ(Sentences("حضر المتهم، ومحاميه، والشاهد؛ ثم بدأت الجلسة.", Language::kArabic),
            (V{"حضر المتهم، ومحاميه، والشاهد؛ ثم بدأت الجلسة."}));
}

TEST(SegmentTest, EnglishAbbreviations) {
  EXPECT_EQ(Sentences("Dr. Smith met Mr. Jones at No. 5 Main St. on Monday. They talked.",
                      Language::kEnglish),
            (V{"Dr. Smith met Mr. Jones at No. 5 Main St. on Monday.", "They talked."}));
  EXPECT_EQ(Sentences("See Art. 12 of the Code, e.g. The U.S. Code. Then stop.",
                      Language::kEnglish),
            (V{"See Art. 12 of the Code, e.g. The U.S. Code.", "Then stop."}));
  EXPECT_EQ(Sentences("The witness, J. Smith, agreed. So did I. Then we left.",
                      Language::kEnglish),
            (V{"The witness, J. Smith, agreed.", "So did I.", "Then we left."}));
}

TEST(SegmentTest, ArabicAbbreviationDots) {
  // د. (doctor), هـ. (Hijri year), ص.ب. (P.O. box), أ.د. (professor doctor).
  EXPECT_EQ(Sentences("حضر د. أحمد الجلسة. ثم غادر.", Language::kArabic),
            (V{"حضر د. أحمد الجلسة.", "ثم غادر."}));
  EXPECT_EQ(Sentences("ولد عام ١٤٠٠ هـ. في بغداد وعنوانه ص.ب. ١٢٣ البصرة. انتهى.",
                      Language::kArabic),
            (V{"ولد عام ١٤٠٠ هـ. في بغداد وعنوانه ص.ب. ١٢٣ البصرة.", "انتهى."}));
  EXPECT_EQ(Sentences("قال أ.د. علي ذلك. وانتهى.", Language::kArabic),
            (V{"قال أ.د. علي ذلك.", "وانتهى."}));
  EXPECT_EQ(Sentences("د.ئازاد هات. ڕۆیشت.", Language::kSorani),
            (V{"د.ئازاد هات.", "ڕۆیشت."}));
}

TEST(SegmentTest, NumberedClausesStayWithTheirText) {
  EXPECT_EQ(Sentences("1. The accused shall appear. 2. The court shall hear him.",
                      Language::kEnglish),
            (V{"1. The accused shall appear.", "2. The court shall hear him."}));
  EXPECT_EQ(Sentences("١. يلتزم المتهم بالحضور. ٢. تستمع المحكمة إليه.", Language::kArabic),
            (V{"١. يلتزم المتهم بالحضور.", "٢. تستمع المحكمة إليه."}));
  EXPECT_EQ(Sentences("أولاً:\n١- يلتزم المتهم بالحضور.\n(أ) تستمع المحكمة إليه. ب. ثم تقرر.",
                      Language::kArabic),
            (V{"أولاً:", "١- يلتزم المتهم بالحضور.", "(أ) تستمع المحكمة إليه.", "ب. ثم تقرر."}));
  EXPECT_EQ(Sentences("(iv). The last clause. (2) Another one.", Language::kEnglish),
            (V{"(iv). The last clause.", "(2) Another one."}));
}

TEST(SegmentTest, YearAtSentenceEndStillSplits) {
  EXPECT_EQ(Sentences("It happened in 2019. The court met.", Language::kEnglish),
            (V{"It happened in 2019.", "The court met."}));
}

TEST(SegmentTest, LineBreaksEndSentences) {
  EXPECT_EQ(Sentences("المادة الأولى\nيلتزم المتهم\n\nDr.\nSmith", Language::kArabic),
            (V{"المادة الأولى", "يلتزم المتهم", "Dr.", "Smith"}));
}

TEST(SegmentTest, DecimalsDoNotSplit) {
  EXPECT_EQ(Sentences("The amount was 3.5 million. Paid.", Language::kEnglish),
            (V{"The amount was 3.5 million.", "Paid."}));
}

TEST(SegmentTest, InvalidUtf8DoesNotCrash) {
  const std::string text = "Bad \xFF byte. Next one.";
  const auto spans = SplitSentences(text, Language::kEnglish);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[1].Of(text), "Next one.");
  EXPECT_EQ(spans[0].Of(text), "Bad \xFF byte.");
}

// Real corpus lines are single sentences or short runs of them: joined into one paragraph,
// each line's final sentence boundary must be found again.
TEST(SegmentTest, CorpusSentencesRejoinedSplitAgain) {
  const auto dir = CorporaDir();
  if (!dir) GTEST_SKIP() << "../shared/corpora not found; corpus tests skipped";
  auto lines = ReadTsvColumn(*dir + "/tatoeba-ara-eng/ara-eng.tsv", 1);
  if (!lines) GTEST_SKIP() << "tatoeba-ara-eng/ara-eng.tsv missing";
  // Lines that end with sentence punctuation and have none inside.
  std::string paragraph;
  std::vector<size_t> line_ends;
  size_t used = 0;
  for (const std::string& l : *lines) {
    if (l.size() < 20) continue;
    const bool ends = l.ends_with(".") || l.ends_with("؟") || l.ends_with("!");
    const bool inner = l.substr(0, l.size() - 1).find_first_of(".!?") != std::string::npos ||
                       l.substr(0, l.size() - 2).find("؟") != std::string::npos;
    if (!ends || inner) continue;
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += l;
    line_ends.push_back(paragraph.size());
    if (++used == 2000) break;
  }
  ASSERT_GT(used, 500u);
  const auto spans = SplitSentences(paragraph, Language::kArabic);
  std::vector<size_t> ends;
  for (const TextSpan& s : spans) ends.push_back(s.end);
  size_t found = 0;
  for (size_t e : line_ends) found += std::binary_search(ends.begin(), ends.end(), e);
  // A few lines end with an abbreviation-like single letter; nearly all must be found.
  EXPECT_GE(found * 100, line_ends.size() * 99) << found << " of " << line_ends.size();
  EXPECT_LE(spans.size(), line_ends.size() + line_ends.size() / 100);
}

}  // namespace
}  // namespace bayyina::text
