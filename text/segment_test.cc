#include "text/segment.h"

#include <algorithm>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include <unicode/uchar.h>

#include "gtest/gtest.h"
#include "text/corpora.h"
#include "text/utf8.h"

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

TEST(SegmentTest, KurmanjiAbbreviations) {
  // bnr. (binêre, "see") before a capital, Dr. before a name.
  EXPECT_EQ(Sentences("Ji bo agahiyan bnr. Beşa 3 ya raporê. Dr. Azad got. Baş e.",
                      Language::kKurmanji),
            (V{"Ji bo agahiyan bnr. Beşa 3 ya raporê.", "Dr. Azad got.", "Baş e."}));
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
  // A one-letter suffix after a quote is a word's end, not an abbreviation.
  EXPECT_EQ(Sentences("ناوی \"کرماشان\"ن. لەم ئامارەدا.", Language::kSorani),
            (V{"ناوی \"کرماشان\"ن.", "لەم ئامارەدا."}));
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

TEST(SegmentTest, LongRunOfAbbreviationsStaysLinear) {
  // 200,000 initials in a row merge into one sentence; quadratic work would time out.
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "A. ";
  text += "Smith left.";
  const auto spans = SplitSentences(text, Language::kEnglish);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].end, text.size());
}

TEST(SegmentTest, InvalidUtf8DoesNotCrash) {
  const std::string text = "Bad \xFF byte. Next one.";
  const auto spans = SplitSentences(text, Language::kEnglish);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[1].Of(text), "Next one.");
  EXPECT_EQ(spans[0].Of(text), "Bad \xFF byte.");
}

TEST(SegmentTest, SpansCoverAllTextInOrderOnRandomInput) {
  // Random mixes of letters, sentence punctuation, abbreviations, spaces, newlines and invalid
  // bytes: spans are ordered, disjoint, inside the text, and cover every non-space byte.
  const char* pieces[] = {"Dr.", " ", "\n", ".", "؟", "،", "1.", "(أ)", "د.", "word", "کوردی",
                          "?", "!", "\xFF", "\xD8", "U.S.", "  ", "\u200F", "١-", "e.g."};
  std::mt19937 rng(5);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    for (int k = i % 30; k > 0; --k) text += pieces[pick(rng)];
    for (Language lang : {Language::kArabic, Language::kEnglish}) {
      const auto spans = SplitSentences(text, lang);
      std::vector<bool> covered(text.size(), false);
      size_t prev_end = 0;
      for (const TextSpan& s : spans) {
        ASSERT_LT(s.begin, s.end);
        ASSERT_LE(prev_end, s.begin);
        ASSERT_LE(s.end, text.size());
        for (size_t b = s.begin; b < s.end; ++b) covered[b] = true;
        prev_end = s.end;
      }
      for (size_t b = 0; b < text.size(); ++b) {
        const char ch = text[b];
        const bool space = ch == ' ' || ch == '\n' ||
                           text.compare(b, 3, "\u200F") == 0 ||
                           (b >= 1 && text.compare(b - 1, 3, "\u200F") == 0) ||
                           (b >= 2 && text.compare(b - 2, 3, "\u200F") == 0);
        if (!space) {
          ASSERT_TRUE(covered[b]) << "byte " << b << " of case " << i;
        }
      }
    }
  }
}

// Real corpus lines that are one sentence each (they start with a capital or an Arabic-script
// letter, end with . ? ؟ ! and hold no other sentence punctuation), joined into one paragraph:
// every line end must be found again, and no line may be split inside.
struct RejoinCase {
  const char* path;
  int tsv_column;  // -1: plain text
  Language lang;

  friend std::ostream& operator<<(std::ostream& os, const RejoinCase& c) { return os << c.path; }
};

class SegmentCorpusTest : public ::testing::TestWithParam<RejoinCase> {};

TEST_P(SegmentCorpusTest, RejoinedSentencesSplitAgain) {
  const auto dir = CorporaDir();
  if (!dir) GTEST_SKIP() << "../shared/corpora not found; corpus tests skipped";
  const RejoinCase& c = GetParam();
  const std::string path = *dir + "/" + c.path;
  auto lines = c.tsv_column >= 0 ? ReadTsvColumn(path, c.tsv_column) : ReadLines(path);
  if (!lines) GTEST_SKIP() << "corpus file missing: " << c.path;
  std::string paragraph;
  std::vector<size_t> line_ends;
  for (const std::string& l : *lines) {
    if (l.size() < 20 || l.back() == ' ') continue;
    const bool ends = l.ends_with(".") || l.ends_with("؟") || l.ends_with("!") || l.ends_with("?");
    const std::string body = l.substr(0, l.size() - (l.ends_with("؟") ? 2 : 1));
    const bool inner = body.find_first_of(".!?") != std::string::npos ||
                       body.find("؟") != std::string::npos;
    // UAX #29 does not break before a lowercase letter or a digit ("... bimînin. got, ..."),
    // and the Kurdish corpus has such continuation lines: they start no sentence.
    char32_t first;
    if (!ends || inner || DecodeUtf8(l, 0, &first) == 0 || u_islower(first) || u_isdigit(first) ||
        !u_isalpha(first)) {
      continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += l;
    line_ends.push_back(paragraph.size());
    if (line_ends.size() == 2000) break;
  }
  ASSERT_GT(line_ends.size(), 100u);
  const auto spans = SplitSentences(paragraph, c.lang);
  std::vector<size_t> ends;
  for (const TextSpan& s : spans) ends.push_back(s.end);
  size_t found = 0;
  for (size_t e : line_ends) found += std::binary_search(ends.begin(), ends.end(), e);
  EXPECT_EQ(found, line_ends.size());
  EXPECT_EQ(spans.size(), line_ends.size());
}

INSTANTIATE_TEST_SUITE_P(
    Corpora, SegmentCorpusTest,
    ::testing::Values(
        RejoinCase{"tatoeba-ara-eng/ara-eng.tsv", 1, Language::kArabic},
        RejoinCase{"tatoeba-ara-eng/ara-eng.tsv", 0, Language::kEnglish},
        RejoinCase{"kurdish-interdialect/CKB-ENG/CKB-ENG.CKB_no_tag.txt", -1, Language::kSorani},
        RejoinCase{"kurdish-interdialect/KMR-ENG/KMR-ENG.KMR_no_tag.txt", -1,
                   Language::kKurmanji}),
    [](const auto& info) {
      return std::string(LanguageCode(info.param.lang)) + std::to_string(info.index);
    });

}  // namespace
}  // namespace bayyina::text
