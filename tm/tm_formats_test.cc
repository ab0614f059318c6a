// TMX and TBX reading and writing, lenient import, XML safety and the seed memory.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tm/tbx.h"
#include "tm/tmx.h"
#include "tm/tmx_inline.h"
#include "tm/translation_memory.h"

namespace bayyina::tm {
namespace {

std::string SourceDir() {
  const char* dir = std::getenv("BAYYINA_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

std::unique_ptr<TranslationMemory> NewMemory() {
  auto tm = TranslationMemory::OpenSqlite(":memory:", {});
  EXPECT_TRUE(tm.ok()) << tm.status();
  return *std::move(tm);
}

TmxImportOptions SeedOptions(std::string origin = "test") {
  TmxImportOptions o;
  o.origin = std::move(origin);
  o.add.already_scrubbed = true;  // fixtures written for the test hold no personal data
  return o;
}

constexpr absl::string_view kLevel2 = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="Test" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ar" datatype="html">
  <prop type="x-project">P1</prop>
</header>
<body>
<!-- a comment with </tu> inside must not confuse the reader -->
<tu tuid="7" creationdate="20240102T030405Z" creationid="translator1" usagecount="3" lastusagedate="20240201T000000Z">
  <prop type="x-domain">criminal procedure</prop>
  <prop type="x-client">ministry</prop>
  <note>checked by reviewer</note>
  <tuv xml:lang="ar"><prop type="x-status">final</prop><seg>قرر <bpt i="1" x="1">&lt;b&gt;</bpt>القاضي<ept i="1">&lt;/b&gt;</ept> توقيف <ph type="x-placeholder">[PERSON_1]</ph><ph x="2">&lt;br/&gt;</ph> مدة <hi type="x-em">15 يوماً</hi><it pos="begin" x="3">&lt;i&gt;</it></seg></tuv>
  <tuv xml:lang="en"><seg>The <bpt i="1" x="1">&lt;b&gt;</bpt>judge<ept i="1">&lt;/b&gt;</ept> ordered the detention of [PERSON_1]<ph x="2">&lt;br/&gt;</ph> for <hi type="x-em">15 days</hi><it pos="begin" x="3">&lt;i&gt;</it></seg></tuv>
  <tuv xml:lang="de"><seg>Der Richter ordnete die Haft von [PERSON_1] für 15 Tage an</seg></tuv>
</tu>
</body>
</tmx>
)";

TEST(TmxTest, Level2CodesPropsAndNotesSurviveImportAndExport) {
  auto tm = NewMemory();
  std::istringstream in{std::string(kLevel2)};
  auto report = ImportTmx(in, SeedOptions(), *tm);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->units_read, 2u);  // ar->en and ar->de
  EXPECT_EQ(report->units_added, 2u);
  EXPECT_EQ(report->issue_count, 0u);

  auto units = tm->store().Get({1});
  ASSERT_TRUE(units.ok());
  ASSERT_EQ(units->size(), 1u);
  const TranslationUnit& u = (*units)[0];
  EXPECT_EQ(u.source_lang, "ar");
  EXPECT_EQ(u.target_lang, "en");
  EXPECT_EQ(u.tuid, "7");
  EXPECT_EQ(u.creator, "translator1");
  EXPECT_EQ(u.usage_count, 3);
  EXPECT_EQ(u.domain, "criminal procedure");
  EXPECT_EQ(u.created, absl::FromCivil(absl::CivilSecond(2024, 1, 2, 3, 4, 5), absl::UTCTimeZone()));
  EXPECT_EQ(u.source.text, "قرر القاضي توقيف [PERSON_1] مدة 15 يوماً");
  ASSERT_EQ(u.source.codes.size(), 6u);
  EXPECT_EQ(u.source.codes[0].kind, InlineCode::Kind::kBegin);
  EXPECT_EQ(u.source.codes[0].inner_markup, "&lt;b&gt;");
  EXPECT_EQ(u.source.codes[2].kind, InlineCode::Kind::kPlaceholder);
  EXPECT_EQ(u.source.codes[3].kind, InlineCode::Kind::kHighlightBegin);
  EXPECT_EQ(u.source.codes[5].kind, InlineCode::Kind::kIsolated);
  ASSERT_EQ(u.annotations.size(), 2u);
  EXPECT_EQ(u.annotations[0].type, "x-client");
  EXPECT_EQ(u.annotations[1].kind, Annotation::Kind::kNote);
  ASSERT_EQ(u.source_annotations.size(), 1u);
  EXPECT_EQ(u.source_annotations[0].value, "final");

  std::ostringstream out;
  auto written = ExportTmx(tm->store(), {}, out);
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, 2u);
  const std::string exported = out.str();
  EXPECT_THAT(exported, ::testing::HasSubstr("<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>"));
  EXPECT_THAT(exported, ::testing::HasSubstr("<ph type=\"x-placeholder\">[PERSON_1]</ph>"));
  EXPECT_THAT(exported, ::testing::HasSubstr("<prop type=\"x-domain\">criminal procedure</prop>"));
  EXPECT_THAT(exported, ::testing::HasSubstr("<note>checked by reviewer</note>"));

  // What we wrote reads back into the same units.
  auto again = NewMemory();
  std::istringstream back(exported);
  auto report2 = ImportTmx(back, SeedOptions(), *again);
  ASSERT_TRUE(report2.ok()) << report2.status();
  EXPECT_EQ(report2->units_added, 2u);
  auto u2 = again->store().Get({1});
  ASSERT_TRUE(u2.ok());
  EXPECT_EQ((*u2)[0].source, u.source);
  EXPECT_EQ((*u2)[0].target, u.target);
  EXPECT_EQ((*u2)[0].annotations, u.annotations);
  EXPECT_EQ((*u2)[0].source_annotations, u.source_annotations);
  EXPECT_EQ((*u2)[0].created, u.created);
}

TEST(TmxTest, LenientImportReportsBadUnitsByLineAndKeepsTheRest) {
  const std::string tmx = R"(<tmx version="1.4"><header srclang="ar"/>
<body>
<tu><tuv xml:lang="ar"><seg>وحدة أولى سليمة</seg></tuv><tuv xml:lang="en"><seg>first good unit</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>وحدة <b>معطوبة</seg></tuv><tuv xml:lang="en"><seg>broken</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>بلا ترجمة</seg></tuv></tu>
<tuv xml:lang="en"><seg>stray variant</seg></tuv>
<tu><tuv xml:lang="ar"><seg>&undefined; كيان</seg></tuv><tuv xml:lang="en"><seg>entity</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>...</seg></tuv><tuv xml:lang="en"><seg>no words in the source</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>وحدة ثانية سليمة</seg></tuv><tuv xml:lang="en"><seg>second good unit</seg></tuv></tu>
</body></tmx>)";
  auto tm = NewMemory();
  std::istringstream in(tmx);
  auto report = ImportTmx(in, SeedOptions(), *tm);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->units_added, 2u);
  EXPECT_EQ(report->units_refused, 1u);
  ASSERT_EQ(report->issue_count, 5u);
  std::vector<int> lines;
  for (const TmxIssue& i : report->issues) lines.push_back(i.line);
  EXPECT_THAT(lines, ::testing::ElementsAre(4, 5, 6, 7, 8));
  EXPECT_THAT(report->issues[0].message, ::testing::HasSubstr("malformed <tu>"));
  EXPECT_THAT(report->issues[1].message, ::testing::HasSubstr("no target"));
  EXPECT_THAT(report->issues[2].message, ::testing::HasSubstr("outside any <tu>"));
  EXPECT_THAT(report->issues[4].message, ::testing::HasSubstr("no words"));
  for (const TmxIssue& i : report->issues) {
    EXPECT_FALSE(absl::StrContains(i.message, "معطوبة")) << "issues must not quote unit text";
  }
}

TEST(TmxTest, RealMalformedKurdishFilesAreReportedNotFatal) {
  const std::filesystem::path dir =
      std::filesystem::path(SourceDir()) / ".." / "shared" / "corpora" / "kurdish-interdialect";
  if (!std::filesystem::exists(dir)) {
    GTEST_SKIP() << "../shared/corpora/kurdish-interdialect is absent";
  }
  for (const char* file : {"CKB-ENG/CKB-ENG.CKB.ENG.tmx", "KMR-ENG/KMR-ENG.KMR.ENG.tmx"}) {
    std::ifstream in(dir / file, std::ios::binary);
    ASSERT_TRUE(in) << file;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t tuvs = 0;
    for (size_t p = text.find("<tuv"); p != std::string::npos; p = text.find("<tuv", p + 1)) ++tuvs;
    auto tm = NewMemory();
    std::istringstream stream(text);
    auto report = ImportTmx(stream, SeedOptions(), *tm);
    ASSERT_TRUE(report.ok()) << file << ": " << report.status();
    // Every <tu> start tag is missing, so no unit can be trusted; each orphaned <tuv> is
    // reported on its own line.
    EXPECT_EQ(report->units_added, 0u) << file;
    EXPECT_GE(report->issue_count, tuvs) << file;
    EXPECT_GT(report->issues.back().line, 100) << file;
  }
}

TEST(TmxTest, RefusesDoctypeDeclarationsAndNonTmx) {
  const std::string xxe = R"(<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="ar"/><body>
<tu><tuv xml:lang="ar"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
</body></tmx>)";
  auto tm = NewMemory();
  std::istringstream in(xxe);
  auto report = ImportTmx(in, SeedOptions(), *tm);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(report.status().message()), ::testing::HasSubstr("DOCTYPE"));
  EXPECT_EQ(*tm->store().CountUnits(), 0);

  std::istringstream not_tmx("<html><body>hello</body></html>");
  EXPECT_EQ(ImportTmx(not_tmx, SeedOptions(), *tm).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::istringstream empty("");
  EXPECT_EQ(ImportTmx(empty, SeedOptions(), *tm).status().code(),
            absl::StatusCode::kInvalidArgument);
}

std::string BillionLaughs(absl::string_view root) {
  std::string dtd = "<!ENTITY lol0 \"lol\">";
  for (int i = 1; i < 10; ++i) {
    dtd += absl::StrCat("<!ENTITY lol", i, " \"");
    for (int j = 0; j < 10; ++j) dtd += absl::StrCat("&lol", i - 1, ";");
    dtd += "\">";
  }
  return absl::StrCat("<?xml version=\"1.0\"?><!DOCTYPE ", root, " [", dtd, "]><", root,
                      "><text><body><conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec>"
                      "<term>&lol9;</term></termSec></langSec></conceptEntry></body></text></",
                      root, ">");
}

TEST(TbxTest, RefusesEntityBombsAndExternalEntities) {
  auto tm = NewMemory();
  const absl::Time start = absl::Now();
  std::istringstream bomb(BillionLaughs("tbx"));
  auto report = ImportTbx(bomb, "test", *tm);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));

  std::istringstream xxe(R"(<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec><term>&xxe;</term></termSec></langSec></conceptEntry></body></text></tbx>)");
  EXPECT_EQ(ImportTbx(xxe, "test", *tm).status().code(), absl::StatusCode::kInvalidArgument);
  auto hits = tm->FindTerms("root", "en", "ar");
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());

  std::istringstream bomb_tmx(BillionLaughs("tmx"));
  EXPECT_EQ(ImportTmx(bomb_tmx, SeedOptions(), *tm).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TbxTest, ReadsTbx2008Martif) {
  std::istringstream in(R"(<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="t1"><descrip type="subjectField">law</descrip>
<langSet xml:lang="ar"><tig><term>مذكرة قبض</term></tig></langSet>
<langSet xml:lang="en"><ntig><termGrp><term>arrest warrant</term><termNote type="partOfSpeech">noun</termNote></termGrp></ntig></langSet>
</termEntry>
<termEntry id="t2"><langSet xml:lang="en"></langSet></termEntry>
</body></text></martif>)");
  auto tm = NewMemory();
  auto report = ImportTbx(in, "test", *tm);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->entries_added, 1u);
  EXPECT_EQ(report->entries_skipped, 1u);
  auto hits = tm->FindTerms("صدرت مذكرة القبض", "ar", "en");  // no hit: the article differs
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
  hits = tm->FindTerms("صدرت مذكرة قبض بحقه", "ar", "en");
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].targets[0].text, "arrest warrant");
  EXPECT_EQ((*hits)[0].domain, "law");
}

TEST(SeedTest, FreshInstallSuggestsLegalFormulas) {
  const std::filesystem::path seed = std::filesystem::path(SourceDir()) / "tm" / "seed";
  auto tm = NewMemory();
  std::ifstream tmx(seed / "iraqi-legal.tmx", std::ios::binary);
  ASSERT_TRUE(tmx) << "tm/seed/iraqi-legal.tmx missing";
  auto report = ImportTmx(tmx, SeedOptions("seed"), *tm);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_GE(report->units_added, 30u);
  EXPECT_EQ(report->issue_count, 0u);
  std::ifstream tbx(seed / "iraqi-legal-terms.tbx", std::ios::binary);
  ASSERT_TRUE(tbx);
  auto terms = ImportTbx(tbx, "seed", *tm);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_GE(terms->entries_added, 20u);

  LookupRequest r;
  r.source_lang = "ar";
  r.target_lang = "en";
  r.query = Segment("حَضَرَ المتهم [PERSON_3] أمام قاضي التحقيق ودونت إفادته بحضور محاميه");
  auto m = tm->Lookup(r);
  ASSERT_TRUE(m.ok());
  ASSERT_FALSE(m->empty());
  EXPECT_EQ((*m)[0].score, 100);
  EXPECT_THAT((*m)[0].suggestion.text, ::testing::HasSubstr("The accused [PERSON_3] appeared"));

  r.query = Segment("قرر قاضي التحقيق توقيف المتهم لمدة ٣٠ يوماً استناداً إلى أحكام المادة ١١٠ من "
                    "قانون أصول المحاكمات الجزائية");
  m = tm->Lookup(r);
  ASSERT_TRUE(m.ok());
  ASSERT_FALSE(m->empty());
  EXPECT_EQ((*m)[0].score, 100);
  EXPECT_THAT((*m)[0].suggestion.text, ::testing::HasSubstr("for 30 days pursuant to Article 110"));

  // Sorani typed with Arabic yeh and kaf still finds the Sorani formula.
  r.source_lang = "ckb";
  r.query = Segment("دادوەري لێکۆڵينەوە بڕياري دا تۆمەتبار بۆ ماوەي 7 ڕۆژ دەستبەسەر بكرێت");
  m = tm->Lookup(r);
  ASSERT_TRUE(m.ok());
  ASSERT_FALSE(m->empty());
  EXPECT_EQ((*m)[0].score, 100);
  EXPECT_THAT((*m)[0].suggestion.text, ::testing::HasSubstr("for 7 days"));

  auto hits = tm->FindTerms("أحيل المتهم إلى محكمة الجنايات", "ar", "en");
  ASSERT_TRUE(hits.ok());
  std::vector<std::string> found;
  for (const TermHit& h : *hits) {
    if (!h.targets.empty()) found.push_back(h.targets[0].text);
  }
  EXPECT_THAT(found, ::testing::ElementsAre("accused", "Criminal Court"));
}

}  // namespace
}  // namespace bayyina::tm
