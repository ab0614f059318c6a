// The page redactor's plan on pages built by hand (words, boxes, confidences as OCR would give
// them), so that the fail-closed rules are tested without depending on what Tesseract reads.

#include <leptonica/allheaders.h>

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ocr/page.h"
#include "ocr/pix.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/page_redactor.h"
#include "redact/policy.h"

namespace bayyina::redact {
namespace {

struct W {
  std::string text;
  int left, right;
  float confidence = 95;
};

// One line at `top` (40 px high); right-to-left when `rtl`, words given in reading order.
ocr::Line MakeLine(int top, bool rtl, const std::vector<W>& words) {
  ocr::Line line;
  line.direction = rtl ? ocr::Direction::kRightToLeft : ocr::Direction::kLeftToRight;
  for (const W& w : words) {
    ocr::Word word;
    word.text = w.text;
    word.box = {w.left, top, w.right, top + 40};
    word.confidence = w.confidence;
    line.box = line.box.Union(word.box);
    line.words.push_back(word);
  }
  return line;
}

ocr::Page MakePage(std::vector<ocr::Line> lines) {
  ocr::Page page;
  page.width = 2400;
  page.height = 1600;
  ocr::Block block;
  block.lines = std::move(lines);
  for (const ocr::Line& l : block.lines) block.box = block.box.Union(l.box);
  page.blocks.push_back(block);
  return page;
}

// Whether the middle of `b` is burnt.
bool Burnt(const PagePlan& plan, const ocr::Box& b) {
  const int x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;
  for (const BurnQuad& q : plan.burn) {
    const ocr::Box r = q.Bounds();
    if (x >= r.left && x < r.right && y >= r.top && y < r.bottom) return true;
  }
  return false;
}

// A white page image with glyph-sized marks (14 x 30 px, 20 px apart) over every word of the
// first line of `page` (at y 100) and over the x ranges of `unread`, ink no word covers.
ocr::PixPtr InkedLine(const ocr::Page& page, const std::vector<std::pair<int, int>>& unread) {
  ocr::PixPtr image(pixCreate(page.width, page.height, 8));
  if (!image) return image;
  pixSetAll(image.get());
  std::vector<std::pair<int, int>> spans = unread;
  for (const ocr::Word& w : page.blocks[0].lines[0].words) spans.emplace_back(w.box.left, w.box.right);
  for (const auto& [left, right] : spans) {
    for (int x = left; x < right; x += 20) {
      BOX* glyph = boxCreate(x, 105, 14, 30);
      pixSetInRectArbitrary(image.get(), glyph, 0);
      boxDestroy(&glyph);
    }
  }
  return image;
}

class PagePlanTest : public ::testing::Test {
 protected:
  PagePlan Plan(const ocr::Page& page, text::Language lang) {
    auto plan = PlanPage(analyzer_, page, lang, Policy::Default(), key_, {}, nullptr);
    EXPECT_TRUE(plan.ok()) << plan.status();
    return plan.ok() ? *plan : PagePlan{};
  }
  static ocr::Box BoxOf(const ocr::Page& page, size_t line, size_t word) {
    return page.blocks[0].lines[line].words[word].box;
  }

  Analyzer analyzer_;
  CaseKey key_ = *CaseKey::Generate();
};

TEST_F(PagePlanTest, CueFieldValueIsRedactedHoweverItWasRead) {
  ocr::Page page = MakePage({
      MakeLine(100, true, {{"رقم", 2200, 2300}, {"الهاتف:", 2040, 2180}, {"‘VVoRNoA1*", 1700, 2000, 3}}),
      MakeLine(200, true, {{"رقم", 2200, 2300}, {"القضية:", 2040, 2180}, {"2025/444", 1800, 2000}}),
  });
  PagePlan plan = Plan(page, text::Language::kArabic);
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 2)));   // the garbled phone number
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 1)));  // its label stays
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 1, 2)));  // a case number is no personal value
  bool field = false;
  for (const LogFinding& f : plan.findings) {
    field |= f.detector == "fail_closed_field" && f.type == EntityType::kPhoneNumber;
  }
  EXPECT_TRUE(field);
}

// A table under a header of cue words: every cell is burnt, each on its own (the column gaps
// stay white).
TEST_F(PagePlanTest, TableCellsUnderACueHeaderAreRedactedCellByCell) {
  ocr::Page page = MakePage({
      MakeLine(100, true, {{"الاسم", 2200, 2300}, {"الهاتف", 1480, 1580}, {"التاريخ", 760, 854}}),
      MakeLine(200, true,
               {{"سارة", 2230, 2300}, {"العبيدي", 2090, 2210}, {"07937256970", 1290, 1578},
                {"Y1°/1/٧", 605, 852, 0}, {"٠٧:٥٤", 458, 568}}),
  });
  PagePlan plan = Plan(page, text::Language::kArabic);
  for (size_t w = 0; w < 5; ++w) EXPECT_TRUE(Burnt(plan, BoxOf(page, 1, w))) << w;
  EXPECT_FALSE(Burnt(plan, {1600, 200, 2080, 240}));  // between the name and phone cells
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 1)));       // the header
}

// When OCR garbles the header (الماتف for الهاتف, read with confidence 81), the rows that line
// up under its columns still make it a table.
TEST_F(PagePlanTest, GarbledHeaderWithAlignedRowsStillHeadsATable) {
  std::vector<ocr::Line> lines = {
      MakeLine(100, true, {{"الاسم", 2236, 2320}, {"الماتف", 1492, 1593, 81}, {"التارج", 777, 868, 63}})};
  for (int r = 0; r < 2; ++r) {
    lines.push_back(MakeLine(200 + 100 * r, true,
                             {{"حسين", 2240, 2320}, {"الكعبي", 2100, 2220},
                              {"+964", 1490, 1590}, {"Y*٢°/١/٧", 640, 866, 0}}));
  }
  ocr::Page page = MakePage(lines);
  PagePlan plan = Plan(page, text::Language::kArabic);
  for (size_t r = 1; r < 3; ++r) {
    EXPECT_TRUE(Burnt(plan, BoxOf(page, r, 2))) << r;  // a lone "+964" no recognizer takes
    EXPECT_TRUE(Burnt(plan, BoxOf(page, r, 3))) << r;
  }
}

TEST_F(PagePlanTest, ProseWithACueWordIsNoTable) {
  ocr::Page page = MakePage({
      MakeLine(100, false, {{"Name", 100, 200}, {"changes", 220, 400}}),
      MakeLine(200, false, {{"were", 100, 180}, {"discussed", 200, 400}, {"at", 420, 460}}),
  });
  PagePlan plan = Plan(page, text::Language::kEnglish);
  EXPECT_TRUE(plan.burn.empty());
}

TEST_F(PagePlanTest, DigitGroupsAreJoinedIntoOneValue) {
  // "964+" is how a right-to-left reading can leave the plus of +964.
  ocr::Page page = MakePage({MakeLine(100, false,
                                      {{"from", 100, 200}, {"964+", 220, 320}, {"783", 340, 410},
                                       {"790", 430, 500}, {"4752", 520, 620}, {"today", 650, 800}})});
  PagePlan plan = Plan(page, text::Language::kEnglish);
  for (size_t w = 1; w <= 4; ++w) EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, w))) << w;
  EXPECT_TRUE(Burnt(plan, {320, 100, 340, 140}));  // the space inside the number
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 0)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 5)));
}

TEST_F(PagePlanTest, LetterGroupsOfAnIbanJoinItsDigitGroupsOnALatinPage) {
  // The normalized text of a Kurmanji page is case-folded; the groups are judged as printed.
  ocr::Page page = MakePage({MakeLine(
      100, false, {{"hesabê", 643, 818}, {"IQ68", 840, 959}, {"EXLIF'", 980, 1116, 54},
                   {"9406", 1137, 1259}, {"9996", 1280, 1403}, {"6855", 1425, 1546},
                   {"372", 1570, 1657}, {"li", 1678, 1709}})});
  PagePlan plan = Plan(page, text::Language::kKurmanji);
  for (size_t w = 1; w <= 6; ++w) EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, w))) << w;
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 0)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 7)));
}

TEST_F(PagePlanTest, LinkPiecesAreBurntWithTheUnreadInkBetweenThem) {
  ocr::Page page = MakePage({MakeLine(
      100, true, {{"الرابط", 1960, 2050}, {"item/7884", 1700, 1940}, {"https", 1350, 1460}, {"قبل", 1280, 1335}})});
  PagePlan plan = Plan(page, text::Language::kArabic);
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 1)));
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 2)));
  EXPECT_TRUE(Burnt(plan, {1500, 100, 1650, 140}));  // "://market.krd/", which OCR dropped
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 3)));
}

TEST_F(PagePlanTest, GivenNameFollowedByAGarbledWordIsRedactedWithIt) {
  ocr::Page page = MakePage({MakeLine(
      100, true, {{"گۆران", 2200, 2300}, {"مەمەد", 2050, 2180, 60}, {"هاتە", 1950, 2030}})});
  PagePlan plan = Plan(page, text::Language::kSorani);
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 0)));
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 1)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 2)));
}

TEST_F(PagePlanTest, TimeTakesTheDatePiecesNextToIt) {
  // "2019/08/19 15:59" of which OCR kept only the "9" of the date.
  ocr::Page page = MakePage({MakeLine(
      100, true, {{"بتاريخ", 2250, 2330}, {"9", 2200, 2230}, {"15:59", 2080, 2180}, {"حضر", 1980, 2060}})});
  PagePlan plan = Plan(page, text::Language::kArabic);
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 1)));
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 2)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 3)));
}

TEST_F(PagePlanTest, NameAfterAnyLabelIsRedactedFromTheLabelOn) {
  // A signature line whose label is no cue as read (لێکۆلەر for لێکۆڵەر) and whose given name is
  // outside the gazetteer: the kept name after the label takes the word before it too.
  ocr::Page page = MakePage({MakeLine(
      100, true, {{"واژۆی", 2217, 2328}, {"لێکۆلەر:", 2056, 2199}, {"ڕێبازک", 1951, 2040}, {"محەمەد", 1785, 1937}})});
  PagePlan plan = Plan(page, text::Language::kSorani);
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 2)));
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 3)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 1)));
}

TEST_F(PagePlanTest, NameAfterAnyLabelRunsToANamesLengthUpToAColumnGap) {
  // A lone given name kept for review after a label that is no cue, a surname outside the
  // gazetteer after it, and another column's word across a wide gap.
  ocr::Page page = MakePage({MakeLine(100, true,
                                      {{"واژۆی", 2217, 2328}, {"لێکۆلەر:", 2056, 2199},
                                       {"ژیان", 1951, 2040}, {"ڕەسوڵ", 1835, 1937},
                                       {"بنکەی", 1500, 1600}})});
  PagePlan plan = Plan(page, text::Language::kSorani);
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 2)));
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 3)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 1)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 4)));
}

TEST_F(PagePlanTest, NameGluedToTheNextWordIsRedactedWithIt) {
  // ڕۆژان قادر هاتە read as ڕۆژان قادرهاتە: a lone given name (kept for review) and a word that
  // starts with a gazetteer name.
  ocr::Page page = MakePage({MakeLine(100, true,
                                      {{"ڕێکەوتی", 2200, 2300}, {"ڕۆژان", 2070, 2135},
                                       {"قادرهاتە", 1955, 2058, 91}, {"بنکەی", 1880, 1945}})});
  PagePlan plan = Plan(page, text::Language::kSorani);
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 1)));
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 2)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 0)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 3)));
}

TEST_F(PagePlanTest, PlateTakesTheMisreadGovernorateBeforeItsNumber) {
  // هەڵەبجە ٥٠٦٣٣ هـ read as هەڵەیجە ٠٦٣٣ ە ه after a vehicle cue.
  ocr::Page page = MakePage({MakeLine(
      100, true, {{"ئۆتۆمبێلی", 2212, 2340}, {"ژمارە", 2108, 2192}, {"هەڵەیجە", 1973, 2089, 73},
                  {"٠٦٣٣", 1851, 1955}, {"ە", 1817, 1835, 39}, {"ه", 1763, 1794}, {"لە", 1725, 1748},
                  {"نزیک", 1609, 1706}})});
  PagePlan plan = Plan(page, text::Language::kSorani);
  for (size_t w = 2; w <= 5; ++w) EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, w))) << w;
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 1)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 6)));
}

TEST_F(PagePlanTest, CodeTakesTheUnreadablePieceNextToIt) {
  // The end of a wallet address read as one Arabic letter with no confidence.
  ocr::Page page = MakePage({MakeLine(
      100, true, {{"بۆ", 2081, 2108}, {"جزدانی", 1956, 2064, 66}, {"ص", 1829, 1936, 0},
                  {"1GzevZiRzR2XSAtypdXWN3zCHTPn7", 1009, 1796, 90}, {"1", 1815, 1818, 27}})});
  PagePlan plan = Plan(page, text::Language::kSorani);
  for (size_t w = 2; w <= 4; ++w) EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, w))) << w;
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 1)));
}

TEST_F(PagePlanTest, DigitsInAWordOcrCouldHardlyReadAreBurnt) {
  // An e-mail address garbled past recognition, with no cue before it; the case number read
  // with confidence stays.
  ocr::Page page = MakePage({MakeLine(
      100, true, {{"نامەی", 2200, 2300}, {"بۆ", 2140, 2180}, {"م.٤اوە146.هننهعط", 1700, 2120, 8},
                  {"ناردووە", 1550, 1680}}),
      MakeLine(200, true, {{"دۆسیەی", 2200, 2300}, {"2025/444", 1950, 2180}})});
  PagePlan plan = Plan(page, text::Language::kSorani);
  EXPECT_TRUE(Burnt(plan, BoxOf(page, 0, 2)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 0, 3)));
  EXPECT_FALSE(Burnt(plan, BoxOf(page, 1, 1)));
}

TEST_F(PagePlanTest, LettersABurntWordsBoxLeftOutAreBurntWithIt) {
  ocr::Page page = MakePage({MakeLine(
      100, false, {{"from", 100, 200}, {"07701234567", 400, 700}, {"at", 900, 960}, {"home", 980, 1100}})});
  // A letter just after the number and one just after "home" that OCR's boxes left out.
  ocr::PixPtr image = InkedLine(page, {{715, 735}, {1115, 1135}});
  ASSERT_TRUE(image);
  auto plan = PlanPage(analyzer_, page, text::Language::kEnglish, Policy::Default(), key_, {},
                       image.get());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_TRUE(Burnt(*plan, BoxOf(page, 0, 1)));
  EXPECT_TRUE(Burnt(*plan, {715, 105, 729, 135}));
  EXPECT_FALSE(Burnt(*plan, {1115, 105, 1129, 135}));
  EXPECT_FALSE(Burnt(*plan, BoxOf(page, 0, 3)));
}

TEST_F(PagePlanTest, LatinWordBesideUnreadInkOnAnArabicPageGoesWithIt) {
  // محمد read as "at", the family name after it not read at all.
  ocr::Page page = MakePage({MakeLine(
      100, true, {{"شوهد", 2000, 2100}, {"at", 1500, 1537}, {"قرب", 1000, 1080}, {"المكان", 800, 950}})});
  ocr::PixPtr image = InkedLine(page, {{1400, 1490}});
  ASSERT_TRUE(image);
  auto plan = PlanPage(analyzer_, page, text::Language::kArabic, Policy::Default(), key_, {},
                       image.get());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_TRUE(Burnt(*plan, {1400, 105, 1414, 135}));
  EXPECT_TRUE(Burnt(*plan, BoxOf(page, 0, 1)));
  EXPECT_FALSE(Burnt(*plan, BoxOf(page, 0, 0)));
  EXPECT_FALSE(Burnt(*plan, BoxOf(page, 0, 2)));
}

// The leak check's judgement of a second reading, on readings built by hand.
class SurvivorsTest : public PagePlanTest {
 protected:
  // "Statement of the witness" over "Phone: 0770 123 4567", first reading.
  static ocr::Page First(const std::string& cue) {
    return MakePage({MakeLine(100, false, {{"Statement", 100, 330}, {"of", 350, 400},
                                           {"the", 420, 490}, {cue, 510, 700}}),
                     MakeLine(200, false, {{"Phone:", 100, 250}, {"0770", 280, 380},
                                           {"123", 400, 470}, {"4567", 490, 590}})});
  }
  // The burnt page read again: the number is black (nothing read), "Phone:" misread.
  static ocr::Page Again() {
    return MakePage({MakeLine(100, false, {{"Statement", 100, 330}, {"of", 350, 400},
                                           {"the", 420, 490}, {"witness", 510, 700}}),
                     MakeLine(200, false, {{"Phoie:", 100, 250}})});
  }
};

TEST_F(SurvivorsTest, CueGuessOverTextTheFirstReadingReadPlainlyIsNoSurvivor) {
  ocr::Page first = First("witness");
  PagePlan plan = Plan(first, text::Language::kEnglish);
  ASSERT_TRUE(Burnt(plan, BoxOf(first, 1, 1)));
  auto survivors = Survivors(first, Again(), text::Language::kEnglish, analyzer_,
                             Policy::Default(), key_, plan);
  ASSERT_TRUE(survivors.ok()) << survivors.status();
  EXPECT_TRUE(survivors->empty());
}

TEST_F(SurvivorsTest, CueGuessIsASurvivorWhenTheFirstReadingMissedTheCue) {
  // The first reading misread the cue, so the first pass never judged what follows it.
  ocr::Page first = First("witnoss");
  PagePlan plan = Plan(first, text::Language::kEnglish);
  auto survivors = Survivors(first, Again(), text::Language::kEnglish, analyzer_,
                             Policy::Default(), key_, plan);
  ASSERT_TRUE(survivors.ok()) << survivors.status();
  ASSERT_EQ(survivors->size(), 1u);
  EXPECT_EQ((*survivors)[0].type, EntityType::kPerson);
}

TEST_F(SurvivorsTest, CueGuessIsASurvivorOverAWordTheFirstReadingDoubted) {
  ocr::Page first = First("witness");
  first.blocks[0].lines[1].words[0].confidence = 40;
  first.blocks[0].lines[1].words[0].text = "phone:";  // not a name to the first pass
  PagePlan plan = Plan(first, text::Language::kEnglish);
  ASSERT_FALSE(Burnt(plan, BoxOf(first, 1, 0)));
  auto survivors = Survivors(first, Again(), text::Language::kEnglish, analyzer_,
                             Policy::Default(), key_, plan);
  ASSERT_TRUE(survivors.ok()) << survivors.status();
  EXPECT_EQ(survivors->size(), 1u);
}

}  // namespace
}  // namespace bayyina::redact
