// XLIFF 2.1 export with TM matches and import of reviewed translations.

#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tm/translation_memory.h"
#include "tm/xliff.h"

namespace bayyina::tm {
namespace {

using ::testing::HasSubstr;

TranslationUnit Unit(std::string src, std::string tgt) {
  TranslationUnit u;
  u.source_lang = "ar";
  u.target_lang = "en";
  u.source = Segment(std::move(src));
  u.target = Segment(std::move(tgt));
  u.origin = "seed";
  return u;
}

TEST(XliffTest, ExportCarriesMatchesDirectionsStatesAndProtectedCodes) {
  auto tm = TranslationMemory::OpenSqlite(":memory:", {});
  ASSERT_TRUE(tm.ok());
  ASSERT_TRUE((*tm)->Add({Unit("حضر المتهم [PERSON_1] أمام قاضي التحقيق",
                               "The accused [PERSON_1] appeared before the investigating judge")},
                         {.already_scrubbed = true})
                  .ok());
  XliffDocument doc;
  doc.source_lang = "ar";
  doc.target_lang = "en";
  doc.original = "document-001";
  XliffSegment s;
  s.source = Segment("حضر المتهم [PERSON_2] أمام قاضي التحقيق");
  InlineCode bold_on{InlineCode::Kind::kBegin, 0, {{"i", "1"}}, "&lt;b&gt;"};
  InlineCode bold_off{InlineCode::Kind::kEnd, 6, {{"i", "1"}}, "&lt;/b&gt;"};  // after حضر
  s.source.codes = {bold_on, bold_off};
  LookupRequest r;
  r.source_lang = "ar";
  r.target_lang = "en";
  r.query = s.source;
  auto matches = (*tm)->Lookup(r);
  ASSERT_TRUE(matches.ok());
  ASSERT_EQ(matches->size(), 1u);
  s.matches = *matches;
  doc.segments.push_back(s);
  XliffSegment done;
  done.source = Segment("رفعت الجلسة");
  done.target = Segment("The session was adjourned");
  done.state = XliffSegment::State::kReviewed;
  doc.segments.push_back(done);

  std::ostringstream out;
  ASSERT_TRUE(WriteXliff(doc, out).ok());
  const std::string x = out.str();
  EXPECT_THAT(x, HasSubstr("version=\"2.1\" srcLang=\"ar\" trgLang=\"en\""));
  EXPECT_THAT(x, HasSubstr("srcDir=\"rtl\" trgDir=\"ltr\""));
  EXPECT_THAT(x, HasSubstr("<mtc:match id=\"s1-m1\" ref=\"#s1\" similarity=\"100.0\" type=\"tm\" "
                           "origin=\"seed\">"));
  // The suggestion carries the query's placeholder, protected as a code.
  EXPECT_THAT(x, HasSubstr("<target>The accused <ph id=\"ph_PERSON_2_\" equiv=\"[PERSON_2]\""));
  EXPECT_THAT(x, HasSubstr("<segment id=\"s1\" state=\"initial\">"));
  EXPECT_THAT(x, HasSubstr("<segment id=\"s2\" state=\"reviewed\">"));
  EXPECT_THAT(x, HasSubstr("<sc id=\"b1\" dataRef=\"db1\"/>"));
  EXPECT_THAT(x, HasSubstr("<data id=\"db1\">&lt;b&gt;</data>"));

  std::istringstream in(x);
  auto back = ReadXliff(in);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->segments.size(), 2u);
  EXPECT_EQ(back->original, "document-001");
  EXPECT_EQ(back->segments[0].source.text, "حضر المتهم [PERSON_2] أمام قاضي التحقيق");
  ASSERT_EQ(back->segments[0].source.codes.size(), 2u);
  EXPECT_EQ(back->segments[0].source.codes[0].kind, InlineCode::Kind::kBegin);
  EXPECT_EQ(back->segments[0].source.codes[1].offset, 6u);
  EXPECT_FALSE(back->segments[0].target.has_value());
  EXPECT_EQ(back->segments[1].state, XliffSegment::State::kReviewed);

  // A code inside a character would write broken UTF-8: refused.
  XliffDocument bad = doc;
  bad.segments[0].source.codes[1].offset = 3;
  std::ostringstream ignored;
  EXPECT_EQ(WriteXliff(bad, ignored).code(), absl::StatusCode::kInvalidArgument);

  XliffDocument to_arabic;
  to_arabic.source_lang = "en";
  to_arabic.target_lang = "ckb";
  std::ostringstream rtl;
  ASSERT_TRUE(WriteXliff(to_arabic, rtl).ok());
  EXPECT_THAT(rtl.str(), HasSubstr("srcDir=\"ltr\" trgDir=\"rtl\""));
}

TEST(XliffTest, ReviewedTranslationsGoBackIntoTheMemory) {
  const std::string xliff = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar" trgLang="en">
 <file id="f1">
  <unit id="u1"><segment id="s1" state="reviewed">
   <source>قرر القاضي توقيف <ph id="p1" equiv="[PERSON_3]" disp="[PERSON_3]"/> مدة 15 يوما</source>
   <target>The judge ordered <ph id="p1" equiv="[PERSON_3]" disp="[PERSON_3]"/> detained for 15 days</target>
  </segment></unit>
  <unit id="u2"><segment id="s2" state="translated">
   <source>نص لم يراجع بعد</source><target>not reviewed yet</target>
  </segment></unit>
  <unit id="u3"><segment id="s3" state="final">
   <source>أغلقت <pc id="1">الدعوى</pc> نهائيا</source><target>The <pc id="1">case</pc> was closed for good</target>
  </segment></unit>
  <unit id="u4"><segment id="s4"><source>بلا ترجمة</source></segment></unit>
 </file>
</xliff>)";
  auto tm = TranslationMemory::OpenSqlite(":memory:", {});
  ASSERT_TRUE(tm.ok());
  std::istringstream in(xliff);
  auto report = ImportReviewedXliff(in, Scope::Case("C-3"), "case:C-3", **tm);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->segments, 4u);
  EXPECT_EQ(report->imported, 2u);
  EXPECT_EQ(report->not_reviewed, 2u);
  LookupRequest r;
  r.source_lang = "ar";
  r.target_lang = "en";
  r.scopes = {Scope::Case("C-3")};
  r.query = Segment("قرر القاضي توقيف [PERSON_9] مدة 20 يوما");
  auto m = (*tm)->Lookup(r);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].score, 100);
  EXPECT_EQ((*m)[0].suggestion.text, "The judge ordered [PERSON_9] detained for 20 days");
  EXPECT_EQ((*m)[0].unit.origin, "case:C-3");
  r.query = Segment("أغلقت الدعوى نهائيا");
  m = (*tm)->Lookup(r);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].unit.source.codes.size(), 2u);
  EXPECT_EQ((*m)[0].verbatim_distance, 4);  // same text, two codes more than the query
}

TEST(XliffTest, RefusesUnsafeOrForeignDocuments) {
  auto tm = TranslationMemory::OpenSqlite(":memory:", {});
  ASSERT_TRUE(tm.ok());
  std::istringstream xxe(R"(<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<xliff version="2.1" srcLang="ar" trgLang="en"><file id="f"><unit id="u"><segment state="final"><source>&e;</source><target>x</target></segment></unit></file></xliff>)");
  EXPECT_EQ(ImportReviewedXliff(xxe, Scope::Shared(), "x", **tm).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::istringstream v12(R"(<xliff version="1.2"><file/></xliff>)");
  EXPECT_EQ(ReadXliff(v12).status().code(), absl::StatusCode::kInvalidArgument);
  std::istringstream broken(R"(<xliff version="2.1" srcLang="ar" trgLang="en"><file id="f"><unit>)");
  EXPECT_EQ(ReadXliff(broken).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace bayyina::tm
