#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "text/corpora.h"
#include "text/digits.h"
#include "text/test_util.h"
#include "text/utf8.h"

namespace bayyina::text {
namespace {

constexpr Language kAll[] = {Language::kArabic, Language::kSorani, Language::kKurmanji,
                             Language::kEnglish};

std::string Cp(char32_t c) {
  std::string s;
  AppendUtf8(c, &s);
  return s;
}

TEST(NormalizeTest, EmptyInput) {
  auto n = Normalize("", Language::kArabic);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->text, "");
  EXPECT_EQ(n->to_original, std::vector<uint32_t>{0});
}

TEST(NormalizeTest, NfkcPresentationForms) {
  // Isolated/initial/final forms and the lam-alef ligature become base letters.
  EXPECT_EQ(Norm("\uFE91\uFEF4\uFE96", Language::kArabic), "بيت");
  EXPECT_EQ(Norm("\uFEFB", Language::kArabic), "لا");
  EXPECT_EQ(Norm("\uFEF7", Language::kArabic), "لا");  // lam with hamza-alef ligature, folded
  EXPECT_EQ(Norm("\uFB8F", Language::kSorani), "ک");    // keheh final form
  // Compatibility forms outside Arabic too.
  EXPECT_EQ(Norm("\uFF21\uFF22", Language::kEnglish), "ab");  // full-width, then case folded
  EXPECT_EQ(Norm("\uFB01", Language::kKurmanji), "fi");       // ligature fi
}

TEST(NormalizeTest, DecomposedSequencesCompose) {
  EXPECT_EQ(Norm("e\u0302", Language::kKurmanji), "ê");
  EXPECT_EQ(Norm("\u0627\u0654", Language::kSorani), "ا");  // alef + hamza above -> أ -> ا
  EXPECT_EQ(Norm("\u064A\u0654", Language::kArabic), "ئ");  // yeh + hamza above -> ئ, kept
}

TEST(NormalizeTest, BidiControlsRemoved) {
  for (char32_t c : {0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
                     0x2067, 0x2068, 0x2069}) {
    for (Language l : kAll) {
      EXPECT_EQ(Norm(absl::StrCat("ب", Cp(c), "ت"), l), "بت")
          << std::hex << static_cast<uint32_t>(c);
    }
  }
}

TEST(NormalizeTest, TatweelRemoved) {
  EXPECT_EQ(Norm("جـــمـيـل", Language::kArabic), "جميل");
  EXPECT_EQ(Norm("جـــمـيـل", Language::kSorani), "جمیل");
}

TEST(NormalizeTest, HarakatRemoved) {
  EXPECT_EQ(Norm("مَرْحَبًا", Language::kArabic), "مرحبا");
  EXPECT_EQ(Norm("شُكْرًا جَزِيلًا", Language::kArabic), "شكرا جزيلا");
  std::vector<char32_t> marks;
  for (char32_t c = 0x064B; c <= 0x065F; ++c) marks.push_back(c);
  marks.push_back(0x0670);
  for (char32_t c = 0x06D6; c <= 0x06ED; ++c) {
    // U+06DE, U+06E9 are symbols and U+06E5, U+06E6 small letters, not marks.
    if (c != 0x06DE && c != 0x06E9 && c != 0x06E5 && c != 0x06E6) marks.push_back(c);
  }
  for (char32_t m : marks) {
    for (Language l : kAll) {
      EXPECT_EQ(Norm(absl::StrCat("ب", Cp(m), "ت"), l), "بت")
          << std::hex << static_cast<uint32_t>(m);
    }
  }
  // Stacked marks (shadda + fatha) after a letter, in both orders.
  EXPECT_EQ(Norm("بّ\u064Eت", Language::kArabic), "بت");
  EXPECT_EQ(Norm("ب\u064E\u0651ت", Language::kArabic), "بت");
}

TEST(NormalizeTest, AlefHamzaFormsFoldedInArabic) {
  for (const char* alef : {"أ", "إ", "آ", "ٱ"}) {
    EXPECT_EQ(Norm(alef, Language::kArabic), "ا") << alef;
  }
  EXPECT_EQ(Norm("إِسْلَامٌ", Language::kArabic), "اسلام");
  EXPECT_EQ(Norm("آمن", Language::kSorani), "امن");
}

TEST(NormalizeTest, HamzaSeatsKeptInArabic) {
  EXPECT_EQ(Norm("مؤمن", Language::kArabic), "مؤمن");
  EXPECT_EQ(Norm("سئل", Language::kArabic), "سئل");
  EXPECT_EQ(Norm("سماء", Language::kArabic), "سماء");
  EXPECT_EQ(Norm("ئەو", Language::kSorani), "ئەو");
}

TEST(NormalizeTest, TaMarbutaArabicOnly) {
  EXPECT_EQ(Norm("مدرسة", Language::kArabic), "مدرسه");
  EXPECT_EQ(Norm("مدرسة", Language::kSorani), "مدرسة");
}

TEST(NormalizeTest, AlefMaqsura) {
  EXPECT_EQ(Norm("على", Language::kArabic), "علي");
  EXPECT_EQ(Norm("على", Language::kSorani), "علی");
}

TEST(NormalizeTest, Yeh) {
  EXPECT_EQ(Norm("کوردی", Language::kArabic), "كوردي");  // ک -> ك and ی -> ي
  EXPECT_EQ(Norm("كوردي", Language::kSorani), "کوردی");  // the Sorani rules the other way
  EXPECT_EQ(Norm("کوردی", Language::kSorani), "کوردی");
}

TEST(NormalizeTest, Kaf) {
  EXPECT_EQ(Norm("ک", Language::kArabic), "ك");
  EXPECT_EQ(Norm("ك", Language::kSorani), "ک");
  EXPECT_EQ(Norm("ك", Language::kEnglish), "ك");  // letter rules only for ar and ckb
}

TEST(NormalizeTest, SoraniHehZwnjBecomesAe) {
  EXPECT_EQ(Norm("به\u200Cرده\u200C", Language::kSorani), "بەردە");
  EXPECT_EQ(Norm("به\u200Cرد", Language::kArabic), "بهرد");  // ZWNJ just removed
}

TEST(NormalizeTest, SoraniKeepsHehAeAndTaMarbutaApart) {
  EXPECT_EQ(Norm("ه", Language::kSorani), "ه");
  EXPECT_EQ(Norm("ە", Language::kSorani), "ە");
  EXPECT_EQ(Norm("ة", Language::kSorani), "ة");
  EXPECT_EQ(Norm("هەڵە", Language::kSorani), "هەڵە");
}

TEST(NormalizeTest, DigitsFolded) {
  for (Language l : kAll) {
    EXPECT_EQ(Norm("٠١٢٣٤٥٦٧٨٩", l), "0123456789");
    EXPECT_EQ(Norm("۰۱۲۳۴۵۶۷۸۹", l), "0123456789");
  }
}

TEST(NormalizeTest, DecimalAndThousandsSeparators) {
  EXPECT_EQ(Norm("٣٫١٤", Language::kArabic), "3.14");
  EXPECT_EQ(Norm("١٬٢٥٠٬٠٠٠", Language::kSorani), "1,250,000");
  EXPECT_EQ(Norm("٥٠٪", Language::kArabic), "50%");
}

TEST(NormalizeTest, LatinCaseFolded) {
  EXPECT_EQ(Norm("ÇAWA YÊ ŞÎRÎN Û", Language::kKurmanji), "çawa yê şîrîn û");
  EXPECT_EQ(Norm("İSTANBUL", Language::kKurmanji), "istanbul");
  EXPECT_EQ(Norm("Straße", Language::kEnglish), "strasse");
  EXPECT_EQ(Norm("ΣΟΦΊΑ", Language::kEnglish), "σοφία");
  // Not folded in Arabic-script languages.
  EXPECT_EQ(Norm("IBAN", Language::kArabic), "IBAN");
}

TEST(NormalizeTest, SupplementaryCodePoints) {
  EXPECT_EQ(Norm("a\U0001F600b", Language::kEnglish), "a\U0001F600b");
  EXPECT_EQ(Norm("\U0001D400", Language::kEnglish), "a");  // mathematical bold A
  EXPECT_EQ(Norm("\U00010400", Language::kEnglish), "\U00010428");  // Deseret, case folded
}

TEST(NormalizeTest, InvalidUtf8NamesOffsetNotText) {
  struct Case {
    std::string input;
    size_t offset;
  };
  const Case cases[] = {
      {std::string("secret\xFF", 7), 6},
      {std::string("ab\xC0\x80", 4), 2},              // overlong NUL
      {std::string("\xED\xA0\x80", 3), 0},            // surrogate
      {std::string("x\xF4\x90\x80\x80", 5), 1},       // above U+10FFFF
      {std::string("\xD8\xA8\xD8", 3), 2},            // truncated
      {std::string("\xD8\xA8\x80", 3), 2},            // stray continuation byte
      {std::string("\xD8\xA8\xD9\x8E\xCC", 5), 4},  // truncated inside a marks run
  };
  for (const Case& c : cases) {
    for (Language l : kAll) {
      auto n = Normalize(c.input, l);
      ASSERT_FALSE(n.ok());
      EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_NE(n.status().message().find(absl::StrCat("byte offset ", c.offset)),
                absl::string_view::npos)
          << n.status();
      EXPECT_EQ(n.status().message().find("secret"), absl::string_view::npos);
    }
  }
}

TEST(NormalizeTest, OffsetsPointAtOriginalCodePoints) {
  // "بَيت": ب(0-1) fatha(2-3) ي(4-5) ت(6-7) -> "بيت".
  auto n = Normalize("بَيت", Language::kArabic);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->text, "بيت");
  EXPECT_EQ(n->to_original, (std::vector<uint32_t>{0, 0, 4, 4, 6, 6, 8}));
  // The letter's unit includes its harakat.
  EXPECT_EQ(n->OriginalRange(0, 2), (std::pair<size_t, size_t>{0, 4}));
  EXPECT_EQ(n->OriginalRange(2, 6), (std::pair<size_t, size_t>{4, 8}));
  EXPECT_EQ(n->OriginalRange(3, 3), (std::pair<size_t, size_t>{4, 4}));
}

TEST(NormalizeTest, RangeInsideExpansionWidensToUnit) {
  // U+FDF2 (the ligature for Allah) expands to four letters; any part maps to all of it.
  const std::string in = "x\uFDF2y";
  auto n = Normalize(in, Language::kArabic);
  ASSERT_TRUE(n.ok());
  ASSERT_GT(n->text.size(), 5u);
  EXPECT_EQ(n->OriginalRange(1, 3), (std::pair<size_t, size_t>{1, 4}));
  EXPECT_EQ(n->OriginalRange(0, 1), (std::pair<size_t, size_t>{0, 1}));
  // Half a UTF-8 sequence widens to the whole code point.
  auto m = Normalize("بت", Language::kArabic);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->OriginalRange(0, 1), (std::pair<size_t, size_t>{0, 2}));
}

TEST(NormalizeTest, OffsetsRoundTripOnTrickyText) {
  const std::string samples[] = {
      "\u200Fمَرْحَبًا\u200F بِكُمْ فِي الـمَحْكَمَة ١٢٣٫٥",
      "به\u200Cرده\u200C \u202Bكێ؟\u202C ي ى ك ة أإآٱ \uFEFB\uFDF2",
      "Ç\u0327e\u0302 İSTANBUL Straße \uFB01 ΣΟΦΊΑ \U0001D400 ٠١٢",
      "\u064Eبداية بعلامة",
      "ه\u200C\u200C\u200Cه",
  };
  for (const std::string& s : samples) {
    for (Language l : kAll) ExpectRoundTrip(s, l);
  }
}

TEST(NormalizeTest, OffsetsRoundTripOnRandomText) {
  // Random strings over an alphabet chosen to hit every rule and the ICU path.
  const std::vector<char32_t> alphabet = {
      'a',    'B',    ' ',    '1',    0x0627, 0x0623, 0x0654, 0x0653, 0x064E, 0x0651, 0x0640,
      0x0647, 0x0629, 0x0649, 0x064A, 0x06CC, 0x0643, 0x06A9, 0x06D5, 0x200C, 0x200F, 0x2067,
      0x0661, 0x06F5, 0x066B, 0x066C, 0xFEFB, 0xFDF2, 0x00DF, 0x0130, 0x0302, 0x00EA, 0x0301,
      0x1100, 0x1161, 0xAC00, 0x11A8, 0x1F600};
  std::mt19937 rng(20261129);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> len(0, 12);
  for (int i = 0; i < 300; ++i) {
    std::string s;
    for (int k = len(rng); k > 0; --k) AppendUtf8(alphabet[pick(rng)], &s);
    for (Language l : kAll) ExpectRoundTrip(s, l, 14);
  }
}

// Code points from every plane region, to compare the fast path with ICU itself.
std::string RandomText(std::mt19937& rng, int max_len) {
  struct Range {
    uint32_t lo, hi;
  };
  static constexpr Range kRanges[] = {
      {0x20, 0x24F},       // Latin
      {0x0600, 0x08FF},    // Arabic blocks
      {0x0300, 0x036F},    // combining marks
      {0xFB00, 0xFFFD},    // presentation and compatibility forms
      {0x1000, 0xD7FF},    // the rest of the BMP below the surrogates
      {0x10000, 0x1FFFF},  // plane 1
  };
  std::uniform_int_distribution<int> len(0, max_len);
  std::uniform_int_distribution<size_t> region(0, std::size(kRanges) - 1);
  std::string s;
  for (int k = len(rng); k > 0; --k) {
    const Range& r = kRanges[region(rng)];
    AppendUtf8(static_cast<char32_t>(std::uniform_int_distribution<uint32_t>(r.lo, r.hi)(rng)),
               &s);
  }
  return s;
}

std::string IcuNfkc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfkc->normalizeUTF8(0, s, sink, nullptr, status);
  EXPECT_TRUE(U_SUCCESS(status));
  return out;
}

TEST(NormalizeTest, FastPathAgreesWithIcuNfkc) {
  // Normalize applies NFKC first, so text that ICU already NFKC-normalized must come out the
  // same: a code point that the fast path wrongly let through would differ here.
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    const std::string s = RandomText(rng, 16);
    for (Language l : kAll) {
      ASSERT_EQ(Norm(s, l), Norm(IcuNfkc(s), l)) << "case " << i;
    }
  }
}

TEST(NormalizeTest, OffsetsRoundTripOnWideRandomText) {
  std::mt19937 rng(11);
  for (int i = 0; i < 300; ++i) {
    const std::string s = RandomText(rng, 10);
    for (Language l : kAll) ExpectRoundTrip(s, l, 12);
  }
}

TEST(NormalizeTest, RandomBytesNeverCrash) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 2000; ++i) {
    std::string s(static_cast<size_t>(i % 24), '\0');
    for (char& ch : s) ch = static_cast<char>(byte(rng));
    for (Language l : kAll) {
      auto n = Normalize(s, l);
      EXPECT_EQ(n.ok(), ValidateUtf8(s).ok());
      if (!n.ok()) {
        EXPECT_EQ(n.status(), ValidateUtf8(s));
      }
    }
  }
}

TEST(NormalizeTest, LongRunsOfMarksStayLinear) {
  // 200,000 alternating combining marks on one letter: ICU alone reorders them in quadratic
  // time (minutes); cut into stream-safe pieces this takes milliseconds.
  std::string s = "a";
  for (int i = 0; i < 200000; ++i) s += (i % 2) ? "\u0316" : "\u0300";
  s += " بَ";
  for (int i = 0; i < 200000; ++i) s += "\u064E";
  for (Language l : kAll) {
    auto n = Normalize(s, l);
    ASSERT_TRUE(n.ok()) << n.status();
    EXPECT_TRUE(n->text.ends_with(" ب"));
    EXPECT_EQ(n->to_original.back(), s.size());
  }
  // Short runs are reordered canonically as usual.
  EXPECT_EQ(Norm("a\u0300\u0316", Language::kEnglish),
            Norm("a\u0316\u0300", Language::kEnglish));
  // Offsets round-trip across the cuts.
  std::string cut = "x";
  for (int i = 0; i < 70; ++i) cut += (i % 3) ? "\u0300" : "\u0316";
  cut += "بـ";
  for (int i = 0; i < 65; ++i) cut += "\u064E";
  for (Language l : kAll) ExpectRoundTrip(cut, l);
}

TEST(NormalizeTest, Idempotent) {
  const std::string s = "به\u200Cرده\u200C مَدْرَسَة إِلى كوردي İSTANBUL ﻻ ١٬٠٠٠";
  for (Language l : kAll) {
    const std::string once = Norm(s, l);
    EXPECT_EQ(Norm(once, l), once);
  }
}

TEST(FoldDigitsTest, FoldsDigitsAndSeparatorsOnly) {
  EXPECT_EQ(FoldDigits("هاتف ٠٧٧٠١٢٣٤٥٦٧ و ۰۷۵۰ و ٣٫٥ و ١٬٠٠٠"),
            "هاتف 07701234567 و 0750 و 3.5 و 1,000");
  EXPECT_EQ(FoldDigits(std::string("\xD9\xFF", 2)), std::string("\xD9\xFF", 2));
  EXPECT_EQ(DigitValue(0x0667), 7);
  EXPECT_EQ(DigitValue(0x06F4), 4);
  EXPECT_EQ(DigitValue(U'9'), 9);
  EXPECT_EQ(DigitValue(0x0627), -1);
}

// Real sentences: the Arabic side of Tatoeba, the Sorani and Kurmanji sides of the
// KurdishBLARK corpus. Properties that must hold on every line.
struct CorpusCase {
  const char* path;
  int tsv_column;  // -1: plain line-aligned text
  Language lang;
  int min_changed_percent;  // lines that the rules must change: harakat, hamza, stray letters

  friend std::ostream& operator<<(std::ostream& os, const CorpusCase& c) { return os << c.path; }
};

class CorpusNormalizeTest : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(CorpusNormalizeTest, RealSentences) {
  const auto dir = CorporaDir();
  if (!dir) GTEST_SKIP() << "../shared/corpora not found; corpus tests skipped";
  const CorpusCase& c = GetParam();
  const std::string path = *dir + "/" + c.path;
  auto lines = c.tsv_column >= 0 ? ReadTsvColumn(path, c.tsv_column) : ReadLines(path);
  if (!lines) GTEST_SKIP() << "corpus file missing: " << c.path;
  ASSERT_GT(lines->size(), 100u);
  size_t changed = 0;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    auto n = Normalize(line, c.lang);
    ASSERT_TRUE(n.ok()) << "line " << i << ": " << n.status();
    if (n->text != line) ++changed;
    // Nothing that the rules remove or fold survives.
    size_t pos = 0;
    while (pos < n->text.size()) {
      char32_t cp;
      const int len = DecodeUtf8(n->text, pos, &cp);
      ASSERT_GT(len, 0);
      EXPECT_FALSE((cp >= 0x064B && cp <= 0x065F) || cp == 0x0640 || cp == 0x200C ||
                   cp == 0x200F || (cp >= 0x0660 && cp <= 0x0669) ||
                   (cp >= 0x06F0 && cp <= 0x06F9))
          << "line " << i << " keeps U+" << std::hex << static_cast<uint32_t>(cp);
      if (c.lang == Language::kArabic) {
        EXPECT_TRUE(cp != 0x0623 && cp != 0x0625 && cp != 0x0622 && cp != 0x0629 &&
                    cp != 0x0649)
            << "line " << i;
      }
      if (c.lang == Language::kSorani) {
        EXPECT_TRUE(cp != 0x064A && cp != 0x0643 && cp != 0x0649) << "line " << i;
      }
      pos += len;
    }
    EXPECT_EQ(Norm(n->text, c.lang), n->text) << "not idempotent on line " << i;
    if (i % 10 == 0) ExpectRoundTrip(line, c.lang, 0);
  }
  EXPECT_GE(changed * 100, lines->size() * c.min_changed_percent);
}

INSTANTIATE_TEST_SUITE_P(
    Corpora, CorpusNormalizeTest,
    ::testing::Values(CorpusCase{"tatoeba-ara-eng/ara-eng.tsv", 1, Language::kArabic, 50},
                      CorpusCase{"kurdish-interdialect/CKB-ENG/CKB-ENG.CKB_no_tag.txt", -1,
                                 Language::kSorani, 5},
                      CorpusCase{"kurdish-interdialect/KMR-ENG/KMR-ENG.KMR_no_tag.txt", -1,
                                 Language::kKurmanji, 90}),
    [](const auto& info) {
      return std::string(LanguageCode(info.param.lang));
    });

}  // namespace
}  // namespace bayyina::text
