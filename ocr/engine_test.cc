#include "ocr/engine.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ocr/test_render.h"

extern "C" {
void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned num_threads, unsigned count,
                            unsigned flags);
unsigned GOMP_sections_next();
}

namespace bayyina::ocr {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// One pool for the whole test program: engines are expensive to initialise.
EnginePool& Pool() {
  static EnginePool* pool = [] {
    EnginePoolOptions options;
    options.workers = 2;
    auto created = EnginePool::Create(options);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->release() : nullptr;
  }();
  return *pool;
}

PageImage Image(PixPtr pix) { return PageImage{std::move(pix), 300}; }

std::vector<const Word*> AllWords(const Page& page) {
  std::vector<const Word*> out;
  for (const Block& b : page.blocks)
    for (const Line& l : b.lines)
      for (const Word& w : l.words) out.push_back(&w);
  return out;
}

Page Recognize(PixPtr pix, const std::string& language) {
  RecognizeOptions options;
  options.language = language;
  auto page = Pool().RecognizeImage(Image(std::move(pix)), 1, options);
  EXPECT_TRUE(page.ok()) << page.status();
  return page.ok() ? *page : Page{};
}

// engine.cc runs Tesseract's OpenMP regions on the calling thread: libtesseract must bind to
// those definitions, not to the libgomp it loads.
TEST(EnginePool, TesseractOpenMpRegionsRunOnTheCallingThread) {
  void* libgomp = dlopen("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD);
  ASSERT_NE(libgomp, nullptr) << "libtesseract is expected to load libgomp";
  for (const char* name : {"GOMP_parallel", "GOMP_parallel_sections", "GOMP_sections_next",
                           "GOMP_sections_end_nowait", "omp_get_num_threads",
                           "omp_get_thread_num"}) {
    void* bound = dlsym(RTLD_DEFAULT, name);
    EXPECT_NE(bound, nullptr) << name;
    EXPECT_NE(bound, dlsym(libgomp, name)) << name;
  }
  dlclose(libgomp);

  // A region of three sections, the middle one opening a region of two: every section runs
  // once, in order, on this thread.
  struct Trace {
    std::vector<std::string> ran;
    std::thread::id caller = std::this_thread::get_id();
    bool elsewhere = false;  // a section ran on another thread
  } trace;
  GOMP_parallel_sections(
      [](void* data) {
        auto* t = static_cast<Trace*>(data);
        for (unsigned i = GOMP_sections_next(); i != 0; i = GOMP_sections_next()) {
          t->elsewhere = t->elsewhere || std::this_thread::get_id() != t->caller;
          t->ran.push_back(std::to_string(i));
          if (i != 2) continue;
          GOMP_parallel_sections(
              [](void* inner) {
                auto* t = static_cast<Trace*>(inner);
                for (unsigned j = GOMP_sections_next(); j != 0; j = GOMP_sections_next()) {
                  t->elsewhere = t->elsewhere || std::this_thread::get_id() != t->caller;
                  t->ran.push_back("2." + std::to_string(j));
                }
              },
              t, 4, 2, 0);
        }
      },
      &trace, 4, 3, 0);
  EXPECT_THAT(trace.ran, ElementsAre("1", "2", "2.1", "2.2", "3"));
  EXPECT_FALSE(trace.elsewhere);
}

// The pool's engines use Tesseract's fast fixed-pitch test; loading a model must not reset it.
TEST(EnginePool, TesseractUsesTheFastPitchTest) {
  Pool();
  tesseract::TessBaseAPI api;
  ASSERT_EQ(api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY), 0);
  bool fast = false;
  ASSERT_TRUE(api.GetBoolVariable("textord_fast_pitch_test", &fast));
  EXPECT_TRUE(fast);
}

TEST(EnginePool, RejectsUnknownLanguage) {
  RecognizeOptions options;
  options.language = "fr";
  auto page = Pool().RecognizeImage(Image(testing::RenderLines({"Hello"}, "DejaVu Sans 14")), 1,
                                    options);
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EnginePool, ArabicWordsComeInLogicalOrderRightToLeft) {
  Page page = Recognize(testing::RenderLines({"محكمة بغداد المركزية"}, "Noto Naskh Arabic 18"),
                        "ar");
  ASSERT_EQ(page.blocks.size(), 1u);
  ASSERT_EQ(page.blocks[0].lines.size(), 1u);
  const Line& line = page.blocks[0].lines[0];
  EXPECT_EQ(line.direction, Direction::kRightToLeft);
  std::vector<std::string> texts;
  for (const Word& w : line.words) texts.push_back(w.text);
  EXPECT_THAT(texts, ElementsAre("محكمة", "بغداد", "المركزية"));
  ASSERT_EQ(line.words.size(), 3u);
  // Reading order on an RTL line: each word lies left of the previous one.
  EXPECT_GT(line.words[0].box.left, line.words[1].box.right - 2);
  EXPECT_GT(line.words[1].box.left, line.words[2].box.right - 2);
  for (const Word& w : line.words) {
    EXPECT_EQ(w.language, "ar");
    EXPECT_GT(w.confidence, 50);
    EXPECT_LE(w.confidence, 100);
  }
}

TEST(EnginePool, ArabicIndicDigitsKeepTheirOrder) {
  Page page = Recognize(
      testing::RenderLines({"رقم الهاتف ٠٧٧٠١٢٣٤٥٦٧", "تاريخ الميلاد ١٩٨٥/٠٣/١٤"},
                           "Noto Naskh Arabic 18"),
      "ar");
  std::vector<std::string> texts;
  for (const Word* w : AllWords(page)) texts.push_back(w->text);
  EXPECT_THAT(texts, ::testing::Contains("٠٧٧٠١٢٣٤٥٦٧")) << absl::StrJoin(texts, " | ");
  EXPECT_THAT(texts, ::testing::Contains("١٩٨٥/٠٣/١٤")) << absl::StrJoin(texts, " | ");
}

// Second readings of numbers: a date and a time in Arabic-Indic digits come out as two words
// in logical order, and a letter-prefixed code keeps its letter.
TEST(EnginePool, NumbersOnArabicScriptLinesComeOutWhole) {
  Page page = Recognize(testing::RenderLines({"لە بەرواری ٢٠٢٥/١٠/١٤ ٢٢:٥٣ گەیشت"}, "Noto Naskh Arabic 16"), "ckb");
  std::vector<std::string> texts;
  for (const Word* w : AllWords(page)) texts.push_back(w->text);
  const auto date = std::find(texts.begin(), texts.end(), "٢٠٢٥/١٠/١٤");
  ASSERT_NE(date, texts.end()) << absl::StrJoin(texts, " | ");
  ASSERT_NE(date + 1, texts.end());
  EXPECT_EQ(date[1], "٢٢:٥٣");

  page = Recognize(testing::RenderLines({"رقم الجواز G03251584 فقط"}, "Amiri 16"), "ar");
  texts.clear();
  for (const Word* w : AllWords(page)) texts.push_back(w->text);
  EXPECT_THAT(texts, ::testing::Contains("G03251584")) << absl::StrJoin(texts, " | ");
}

TEST(EnginePool, LatinTokensInsideArabicAndSoraniLines) {
  for (const char* lang : {"ar", "ckb"}) {
    const std::string line = std::string(lang) == "ar" ? "البريد الإلكتروني ahmed.k@mail.iq فقط"
                                                       : "ژمارەی پاسپۆرت A12345678 بۆ";
    const std::string token = std::string(lang) == "ar" ? "ahmed.k@mail.iq" : "A12345678";
    Page page = Recognize(testing::RenderLines({line}, "Noto Naskh Arabic 18"), lang);
    std::vector<std::string> texts;
    const Word* found = nullptr;
    for (const Word* w : AllWords(page)) {
      texts.push_back(w->text);
      if (w->text == token) found = w;
    }
    ASSERT_NE(found, nullptr) << lang << ": " << absl::StrJoin(texts, " | ");
    EXPECT_EQ(found->language, "en");
    // The token keeps its place in reading order: after the first word.
    EXPECT_NE(texts.front(), token);
  }
}

TEST(EnginePool, MultiPageDocumentInParallelWithProgress) {
  const std::vector<std::string> markers = {"alpha", "bravo", "charlie", "delta"};
  PIXA* pixa = pixaCreate(0);
  for (const std::string& m : markers) {
    PixPtr pix = testing::RenderLines({"Witness statement page " + m}, "DejaVu Sans 16");
    pixaAddPix(pixa, pix.release(), L_INSERT);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixaWriteMemMultipageTiff(&data, &size, pixa), 0);
  pixaDestroy(&pixa);
  auto doc = Document::FromBytes(std::string(reinterpret_cast<char*>(data), size));
  lept_free(data);
  ASSERT_TRUE(doc.ok()) << doc.status();

  std::vector<int> done_counts;
  std::vector<int> page_numbers;
  RecognizeOptions options;
  options.language = "en";
  RecognizeStats stats;
  auto pages = Pool().Recognize(
      **doc, options,
      [&](const Page& page, int32_t done, int32_t total) {
        EXPECT_EQ(total, 4);
        done_counts.push_back(done);
        page_numbers.push_back(page.number);
      },
      &stats);
  ASSERT_TRUE(pages.ok()) << pages.status();
  ASSERT_EQ(pages->size(), 4u);
  EXPECT_THAT(done_counts, ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(page_numbers, ::testing::UnorderedElementsAre(1, 2, 3, 4));
  for (size_t i = 0; i < markers.size(); ++i) {
    EXPECT_EQ((*pages)[i].number, static_cast<int>(i + 1));
    EXPECT_THAT(PlainText((*pages)[i]), HasSubstr(markers[i]));
    EXPECT_EQ((*pages)[i].language, "en");
  }
  EXPECT_GT(stats.recognize_seconds, 0);
}

TEST(EnginePool, AutoDetectsLanguagePerPage) {
  struct Case {
    std::vector<std::string> lines;
    const char* font;
    const char* want;
  };
  const std::vector<Case> cases = {
      {{"قررت المحكمة تأجيل الجلسة إلى موعد لاحق", "وحضر المتهم مع وكيله القانوني"},
       "Noto Naskh Arabic 16", "ar"},
      {{"دادگا بڕیاری دا دانیشتنەکە دوابخرێت", "تۆمەتبار لەگەڵ پارێزەرەکەی ئامادە بوو"},
       "Noto Naskh Arabic 16", "ckb"},
      {{"The witness was heard by the court on Monday", "and the hearing was adjourned"},
       "DejaVu Sans 14", "en"},
      {{"Şahid ji aliyê dadgehê ve hat guhdarîkirin", "û rûniştin hat paşxistin"},
       "DejaVu Sans 14", "kmr"},
  };
  for (const Case& c : cases) {
    Page page = Recognize(testing::RenderLines(c.lines, c.font), "auto");
    EXPECT_EQ(page.language, c.want);
  }
}

TEST(EnginePool, BoxesOfADeskewedPageMapBackToTheOriginal) {
  PixPtr straight = testing::RenderLines({"EVIDENCE", "", "", ""}, "DejaVu Sans 28");
  PixPtr skewed(pixRotate(straight.get(), 2.0 * M_PI / 180, L_ROTATE_AREA_MAP,
                          L_BRING_IN_WHITE, 0, 0));
  // Where the word's ink is on the skewed original.
  PixPtr binary(pixThresholdToBinary(skewed.get(), 128));
  BOX* ink = nullptr;
  pixClipToForeground(binary.get(), nullptr, &ink);
  ASSERT_NE(ink, nullptr);
  l_int32 x, y, w, h;
  boxGetGeometry(ink, &x, &y, &w, &h);
  boxDestroy(&ink);
  Page page = Recognize(std::move(skewed), "en");
  std::vector<const Word*> words = AllWords(page);
  ASSERT_EQ(words.size(), 1u);
  const Box& got = words[0]->box;
  EXPECT_NEAR(got.left, x, 12);
  EXPECT_NEAR(got.top, y, 12);
  EXPECT_NEAR(got.right, x + w, 12);
  EXPECT_NEAR(got.bottom, y + h, 12);
}

}  // namespace
}  // namespace bayyina::ocr
