// Match keys, the scorer and the index against its exhaustive baseline.

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tm/match_index.h"
#include "tm/match_key.h"
#include "tm/scorer.h"
#include "tm/segment.h"

namespace bayyina::tm {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Tokens(absl::string_view text, absl::string_view lang) {
  absl::StatusOr<MatchKey> key = BuildMatchKey(text, lang);
  EXPECT_TRUE(key.ok()) << key.status();
  return key.ok() ? key->tokens : std::vector<std::string>{};
}

TEST(PlaceholderTest, FindsTypedPlaceholders) {
  const std::string text = "حضر [PERSON_1] و[PHONE_NUMBER_12] [bad_1] [PERSON] [X_2";
  std::vector<PlaceholderSpan> found = FindPlaceholders(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].type, "PERSON");
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "[PHONE_NUMBER_12]");
  EXPECT_EQ(found[1].type, "PHONE_NUMBER");
  EXPECT_TRUE(IsPlaceholder("[DATE_TIME_3]"));
  EXPECT_FALSE(IsPlaceholder("[DATE_TIME_3] "));
}

TEST(MatchKeyTest, PlaceholdersAndNumbersBecomeTypeTokens) {
  EXPECT_THAT(Tokens("حضر المتهم [PERSON_1] بتاريخ 12/3/2024 أمام قاضي التحقيق.", "ar"),
              ElementsAre("حضر", "المتهم", "{PERSON}", "بتاريخ", "{NUM}", "امام", "قاضي",
                          "التحقيق"));
  // Another redacted value and a number in Arabic-Indic digits give the same key.
  EXPECT_EQ(BuildMatchKey("حضر المتهم [PERSON_7] بتاريخ ٥/٤/٢٠٢٣ أمام قاضي التحقيق", "ar")->Joined(),
            BuildMatchKey("حضر المتهم [PERSON_1] بتاريخ 12/3/2024 أمام قاضي التحقيق.", "ar")
                ->Joined());
}

TEST(MatchKeyTest, NormalizationVariantsShareTheKey) {
  // Harakat and hamza forms (Arabic).
  EXPECT_EQ(BuildMatchKey("أَحْضَرَ الشّاهِدَ إلى المحكمةِ", "ar")->Joined(),
            BuildMatchKey("احضر الشاهد الى المحكمة", "ar")->Joined());
  // Sorani: Arabic yeh/kaf and heh+ZWNJ versus the Kurdish letters.
  EXPECT_EQ(BuildMatchKey("دادگاكه\u200C بڕياري دا", "ckb")->Joined(),
            BuildMatchKey("دادگاکە بڕیاری دا", "ckb")->Joined());
  // Latin script: case.
  EXPECT_EQ(BuildMatchKey("The Court DECIDED", "en")->Joined(),
            BuildMatchKey("the court decided", "en")->Joined());
}

TEST(MatchKeyTest, RecordsSubstitutableValuesWithOffsets) {
  const std::string text = "المبلغ ١٬٠٠٠ دينار لـ [PERSON_2]";
  absl::StatusOr<MatchKey> key = BuildMatchKey(text, "ar");
  ASSERT_TRUE(key.ok());
  ASSERT_EQ(key->substitutables.size(), 2u);
  const Substitutable& number = key->substitutables[0];
  EXPECT_EQ(number.kind, Substitutable::Kind::kNumber);
  EXPECT_EQ(number.value, "1,000");
  EXPECT_EQ(text.substr(number.begin, number.end - number.begin), number.raw);
  EXPECT_EQ(number.raw, "١٬٠٠٠");
  EXPECT_EQ(key->substitutables[1].token, "{PERSON}");
}

TEST(MatchKeyTest, RejectsInvalidUtf8) {
  EXPECT_FALSE(BuildMatchKey("abc\xff", "en").ok());
}

TEST(MatchKeyTest, LanguageRules) {
  EXPECT_EQ(NormalizationLanguage("ar-IQ"), text::Language::kArabic);
  EXPECT_EQ(NormalizationLanguage("ckb"), text::Language::kSorani);
  EXPECT_EQ(NormalizationLanguage("ku-Arab"), text::Language::kSorani);
  EXPECT_EQ(NormalizationLanguage("kmr"), text::Language::kKurmanji);
  EXPECT_EQ(NormalizationLanguage("de"), text::Language::kEnglish);
  EXPECT_EQ(PrimaryLanguage("ar-IQ"), "ar");
  EXPECT_TRUE(IsValidLanguageTag("ckb"));
  EXPECT_FALSE(IsValidLanguageTag("a"));
  EXPECT_FALSE(IsValidLanguageTag("en us"));
}

int FullDistance(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
  }
  return d[a.size()][b.size()];
}

TEST(ScorerTest, BandedDistanceAgreesWithFullDynamicProgramming) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 3000; ++iter) {
    std::vector<uint32_t> a(rng() % 12), b(rng() % 12);
    for (auto& x : a) x = rng() % 5;
    for (auto& x : b) x = rng() % 5;
    const int full = FullDistance(a, b);
    const int k = static_cast<int>(rng() % 8);
    const int banded = BoundedTokenEditDistance(a, b, k);
    if (full <= k) {
      EXPECT_EQ(banded, full);
    } else {
      EXPECT_EQ(banded, k + 1);
    }
  }
}

TEST(ScorerTest, ScoresAsCatToolsShowThem) {
  EXPECT_EQ(FuzzyScore(10, 10, 0), 100);
  EXPECT_EQ(FuzzyScore(10, 10, 1), 90);
  EXPECT_EQ(FuzzyScore(10, 9, 1), 90);
  EXPECT_EQ(FuzzyScore(3, 3, 1), 66);
  EXPECT_EQ(FuzzyScore(0, 0, 0), 100);
  EXPECT_EQ(MaxDistanceForScore(10, 10, 90), 1);
  EXPECT_EQ(MaxDistanceForScore(10, 5, 60), -1);  // the length gap alone scores 50
  EXPECT_EQ(MaxDistanceForScore(10, 10, 100), 0);
}

TEST(ScorerTest, VerbatimDistanceSeesWhatKeysHide) {
  Segment plain("احضر الشاهد");
  Segment diacritics("أَحْضِرْ الشاهد");
  Segment same("احضر الشاهد");
  EXPECT_EQ(VerbatimDistance(plain, same), 0);
  EXPECT_GT(VerbatimDistance(plain, diacritics), 0);
  Segment coded = plain;
  coded.codes.push_back({InlineCode::Kind::kPlaceholder, 0, {{"x", "1"}}, "&lt;br/&gt;"});
  EXPECT_EQ(VerbatimDistance(plain, coded), 2);
}

// The index must return what scoring every unit returns, on random data where many units
// share tokens (so pruning and ties are exercised).
TEST(MatchIndexTest, AgreesWithExhaustiveScanOnRandomData) {
  std::mt19937 rng(11);
  MatchIndex index;
  const std::vector<std::string> vocab = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                                          "k", "l", "m", "n", "o", "p", "q", "r", "s", "t"};
  auto random_key = [&](size_t n) {
    std::vector<std::string> t(n);
    for (auto& x : t) x = vocab[std::min<size_t>(rng() % 20, rng() % 20)];  // skewed
    return t;
  };
  std::vector<std::vector<std::string>> stored;
  for (int id = 1; id <= 3000; ++id) {
    stored.push_back(random_key(1 + rng() % 9));
    index.Add(id, "ar", "en", id % 10 == 0 ? "case:C-1" : "shared", stored.back());
  }
  for (int iter = 0; iter < 400; ++iter) {
    MatchIndex::Query q;
    q.source_lang = "ar";
    q.target_lang = "en";
    q.scopes = {"shared"};
    q.min_score = static_cast<int>(rng() % 80);
    q.max_results = 1 + rng() % 5;
    q.tokens = iter % 2 ? random_key(1 + rng() % 9) : stored[rng() % stored.size()];
    if (iter % 4 == 1 && q.tokens.size() > 1) q.tokens.erase(q.tokens.begin());
    if (iter % 8 == 3) q.tokens.push_back("unseen-token");
    const auto fast = index.Search(q);
    const auto slow = index.SearchExhaustive(q);
    ASSERT_EQ(fast.size(), slow.size()) << "iteration " << iter;
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(fast[i].score, slow[i].score) << "iteration " << iter;
    }
    EXPECT_EQ(fast, slow) << "iteration " << iter;
  }
}

TEST(MatchIndexTest, ScopesAndRemovalAreHonoured) {
  MatchIndex index;
  const std::vector<std::string> key = {"حضر", "المتهم", "امام", "قاضي", "التحقيق"};
  index.Add(1, "ar", "en", "case:A", key);
  index.Add(2, "ar", "en", "case:B", key);
  index.Add(3, "ar", "de", "shared", key);
  MatchIndex::Query q;
  q.source_lang = "ar";
  q.target_lang = "en";
  q.tokens = key;
  q.scopes = {"shared", "case:A"};
  EXPECT_THAT(index.Search(q), ElementsAre(MatchIndex::Candidate{1, 100}));
  q.scopes = {"shared"};
  EXPECT_TRUE(index.Search(q).empty());  // case memories never leak, other target language
  index.Remove(1);
  q.scopes = {"case:A"};
  EXPECT_TRUE(index.Search(q).empty());
  EXPECT_EQ(index.size(), 2u);
}

TEST(MatchIndexTest, ShortKeysMatchOnlyExactly) {
  MatchIndex index;
  index.Add(1, "ar", "en", "shared", std::vector<std::string>{"نعم"});
  index.Add(2, "ar", "en", "shared", std::vector<std::string>{"نعم", "سيدي"});
  MatchIndex::Query q;
  q.source_lang = "ar";
  q.target_lang = "en";
  q.scopes = {"shared"};
  q.min_score = 0;
  q.tokens = {"نعم"};
  EXPECT_THAT(index.Search(q), ElementsAre(MatchIndex::Candidate{1, 100}));
}

}  // namespace
}  // namespace bayyina::tm
