// The translation memory over a real SQLite database: add, lookup with substitution and
// tie-break, scopes, scrubbing, concordance and terms.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tm/sqlite_store.h"
#include "tm/translation_memory.h"

namespace bayyina::tm {
namespace {

// A small but real scrubber for the tests: it replaces e-mail addresses (a word with '@' and a
// dot after it) by "[EMAIL_ADDRESS_N]", N stable per value. The production scrubber comes from
// redact/, which sits above tm/ and cannot be linked here.
class EmailScrubber : public UnitScrubber {
 public:
  absl::StatusOr<std::string> Scrub(absl::string_view text, absl::string_view lang) override {
    ++calls;
    std::vector<std::string> words = absl::StrSplit(text, ' ');
    for (std::string& w : words) {
      const size_t at = w.find('@');
      if (at == std::string::npos || at == 0 || w.find('.', at) == std::string::npos) continue;
      auto [it, inserted] = numbers_.try_emplace(w, static_cast<int>(numbers_.size()) + 1);
      w = absl::StrCat("[EMAIL_ADDRESS_", it->second, "]");
    }
    return absl::StrJoin(words, " ");
  }
  int calls = 0;

 private:
  std::map<std::string, int> numbers_;
};

TranslationUnit Unit(std::string src, std::string tgt, Scope scope = Scope::Shared(),
                     std::string source_lang = "ar", std::string target_lang = "en") {
  TranslationUnit u;
  u.source_lang = std::move(source_lang);
  u.target_lang = std::move(target_lang);
  u.source = Segment(std::move(src));
  u.target = Segment(std::move(tgt));
  u.scope = std::move(scope);
  u.origin = "test";
  return u;
}

class MemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TranslationMemory::Options options;
    options.scrubber = &scrubber_;
    options.now = [] { return absl::FromUnixSeconds(1800000000); };
    auto tm = TranslationMemory::OpenSqlite(":memory:", options);
    ASSERT_TRUE(tm.ok()) << tm.status();
    tm_ = *std::move(tm);
  }
  std::vector<Match> Lookup(const std::string& text, std::vector<Scope> scopes = {},
                            const std::string& src = "ar", const std::string& tgt = "en") {
    LookupRequest r;
    r.source_lang = src;
    r.target_lang = tgt;
    r.query = Segment(text);
    r.scopes = std::move(scopes);
    auto m = tm_->Lookup(r);
    EXPECT_TRUE(m.ok()) << m.status();
    return m.ok() ? *m : std::vector<Match>{};
  }

  EmailScrubber scrubber_;
  std::unique_ptr<TranslationMemory> tm_;
};

TEST_F(MemoryTest, NumbersAndPlaceholdersMatchAt100AndAreSubstituted) {
  ASSERT_TRUE(tm_->Add({Unit("حضر المتهم [PERSON_1] بتاريخ 12/3/2024 أمام قاضي التحقيق في 3 قضايا",
                             "The accused [PERSON_1] appeared before the investigating judge on "
                             "12/3/2024 in 3 cases")})
                  .ok());
  auto m = Lookup("حضر المتهم [PERSON_4] بتاريخ ٥/٤/٢٠٢٣ أمام قاضي التحقيق في ٧ قضايا");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].score, 100);
  EXPECT_TRUE(m[0].substituted);
  EXPECT_EQ(m[0].suggestion.text,
            "The accused [PERSON_4] appeared before the investigating judge on 5/4/2023 in 7 "
            "cases");
  EXPECT_EQ(m[0].unit.target.text,
            "The accused [PERSON_1] appeared before the investigating judge on 12/3/2024 in 3 "
            "cases");
}

TEST_F(MemoryTest, FuzzyMatchScoresAndOrder) {
  ASSERT_TRUE(tm_->Add({Unit("أحال قاضي التحقيق الأوراق إلى محكمة الجنايات المختصة",
                             "The investigating judge referred the papers to the competent "
                             "criminal court"),
                        Unit("أحال قاضي التحقيق المتهم إلى محكمة الجنح",
                             "The investigating judge referred the accused to the misdemeanour "
                             "court")})
                  .ok());
  auto m = Lookup("أحال قاضي التحقيق الأوراق إلى محكمة الجنايات");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].score, 87);  // one of eight tokens missing
  EXPECT_EQ(m[0].unit.target.text.substr(0, 25), "The investigating judge r");
  EXPECT_LT(m[1].score, m[0].score);
}

TEST_F(MemoryTest, RawFormBreaksTiesBetweenSourcesThatNormalizeAlike) {
  ASSERT_TRUE(tm_->Add({Unit("أحضر الشاهد إلى المحكمة", "Bring the witness to court (A)"),
                        Unit("احضر الشاهد الى المحكمه", "Bring the witness to court (B)")})
                  .ok());
  auto a = Lookup("أحضر الشاهد إلى المحكمة");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].score, 100);
  EXPECT_EQ(a[1].score, 100);
  EXPECT_EQ(a[0].unit.target.text, "Bring the witness to court (A)");
  EXPECT_EQ(a[0].verbatim_distance, 0);
  auto b = Lookup("احضر الشاهد الى المحكمه");
  EXPECT_EQ(b[0].unit.target.text, "Bring the witness to court (B)");
}

TEST_F(MemoryTest, CaseMemoriesStayInTheirCase) {
  ASSERT_TRUE(tm_->Add({Unit("وقع الحادث في منطقة الكرادة مساء الخميس",
                             "The incident happened in Karrada on Thursday evening",
                             Scope::Case("C-1"))})
                  .ok());
  EXPECT_TRUE(Lookup("وقع الحادث في منطقة الكرادة مساء الخميس").empty());
  EXPECT_TRUE(Lookup("وقع الحادث في منطقة الكرادة مساء الخميس", {Scope::Case("C-2")}).empty());
  EXPECT_TRUE(Lookup("وقع الحادث في منطقة الكرادة مساء الخميس", {Scope::Client("C-1")}).empty());
  EXPECT_EQ(Lookup("وقع الحادث في منطقة الكرادة مساء الخميس", {Scope::Case("C-1")}).size(), 1u);
  EXPECT_EQ(scrubber_.calls, 0);  // case memories are not scrubbed: they stay in the case
}

TEST_F(MemoryTest, SharedUnitsAreScrubbedBeforeTheyAreStored) {
  auto added = tm_->Add({Unit("أرسل الطلب إلى ahmed@example.iq اليوم",
                              "Send the request to ahmed@example.iq today")});
  ASSERT_TRUE(added.ok()) << added.status();
  auto stored = tm_->store().Get({(*added)[0].id});
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].source.text, "أرسل الطلب إلى [EMAIL_ADDRESS_1] اليوم");
  EXPECT_EQ((*stored)[0].target.text, "Send the request to [EMAIL_ADDRESS_1] today");
  EXPECT_EQ((*stored)[0].source_key.find("example"), std::string::npos);
}

TEST(MemoryWithoutScrubberTest, RefusesSharedUnitsUnlessDeclaredScrubbed) {
  auto tm = TranslationMemory::OpenSqlite(":memory:", {});
  ASSERT_TRUE(tm.ok());
  auto refused = (*tm)->Add({Unit("قرر القاضي تأجيل الجلسة", "The judge adjourned the hearing")});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE((*tm)->Add({Unit("قرر القاضي تأجيل الجلسة", "The judge adjourned the hearing")},
                         {.already_scrubbed = true})
                  .ok());
  EXPECT_TRUE((*tm)->Add({Unit("قرر القاضي تأجيل الجلسة", "The judge adjourned the hearing",
                               Scope::Case("C-9"))})
                  .ok());
}

TEST_F(MemoryTest, DuplicatesAreNotStoredTwice) {
  auto first = tm_->Add({Unit("قرر القاضي تأجيل الجلسة", "The judge adjourned the hearing"),
                         Unit("قرر القاضي تأجيل الجلسة", "The judge adjourned the hearing")});
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE((*first)[0].duplicate);
  EXPECT_TRUE((*first)[1].duplicate);
  EXPECT_EQ((*first)[0].id, (*first)[1].id);
  auto again = tm_->Add({Unit("قرر القاضي تأجيل الجلسة", "The judge adjourned the hearing")});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE((*again)[0].duplicate);
  EXPECT_EQ(*tm_->store().CountUnits(), 1);
}

TEST_F(MemoryTest, InvalidUnitsAreRejectedWithTheReason) {
  auto bad_lang = tm_->Add({Unit("نص", "text", Scope::Shared(), "arabic!", "en")});
  EXPECT_EQ(bad_lang.status().code(), absl::StatusCode::kInvalidArgument);
  auto bad_utf8 = tm_->Add({Unit("نص \xff", "text")});
  EXPECT_EQ(bad_utf8.status().code(), absl::StatusCode::kInvalidArgument);
  auto empty = tm_->Add({Unit("...", "text")});
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*tm_->store().CountUnits(), 0);
  // Leniently: the good unit goes in, the bad one is refused with its reason.
  auto mixed = tm_->Add({Unit("نص \xff", "text"), Unit("رفعت الجلسة", "The session was adjourned")},
                        {.skip_invalid = true});
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ((*mixed)[0].status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*mixed)[0].id, 0);
  EXPECT_TRUE((*mixed)[1].status.ok());
  EXPECT_GT((*mixed)[1].id, 0);
}

TEST_F(MemoryTest, UpdateDeleteAndUsage) {
  auto added = tm_->Add({Unit("رفعت الجلسة", "The session was adjourned")});
  ASSERT_TRUE(added.ok());
  const int64_t id = (*added)[0].id;
  ASSERT_TRUE(tm_->RecordUse(id).ok());
  auto u = tm_->store().Get({id});
  ASSERT_TRUE(u.ok());
  EXPECT_EQ((*u)[0].usage_count, 1);
  TranslationUnit changed = (*u)[0];
  changed.source = Segment("رفعت الجلسة العلنية");
  changed.target = Segment("The public session was adjourned");
  ASSERT_TRUE(tm_->Update(changed).ok());
  auto m = Lookup("رفعت الجلسة العلنية");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].unit.target.text, "The public session was adjourned");
  ASSERT_TRUE(tm_->Delete(id).ok());
  EXPECT_TRUE(Lookup("رفعت الجلسة العلنية").empty());
  EXPECT_EQ(tm_->Delete(id).code(), absl::StatusCode::kNotFound);
}

TEST_F(MemoryTest, ConcordanceSearchesSourceAndTarget) {
  ASSERT_TRUE(tm_->Add({Unit("أمام قاضي التحقيق في محكمة الكرخ", "Before the investigating judge "
                                                                 "of the Karkh court"),
                        Unit("قرر قاضي الجنح الإفراج", "The misdemeanour judge ordered release"),
                        Unit("قاضي التحقيق", "Investigating judge", Scope::Case("C-5"))})
                  .ok());
  ConcordanceRequest r;
  r.source_lang = "ar";
  r.target_lang = "en";
  r.text = "قاضي التحقيق";
  auto hits = tm_->Concordance(r);
  ASSERT_TRUE(hits.ok()) << hits.status();
  ASSERT_EQ(hits->size(), 1u);  // the case unit is not visible
  EXPECT_EQ((*hits)[0].target.text.substr(0, 10), "Before the");
  r.text = "ordered release";
  hits = tm_->Concordance(r);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].source.text, "قرر قاضي الجنح الإفراج");
  r.text = "judge";
  r.side = ConcordanceQuery::Side::kTarget;
  r.scopes = {Scope::Case("C-5")};
  hits = tm_->Concordance(r);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 3u);
}

TEST_F(MemoryTest, IndexIsRebuiltFromTheDatabaseOnOpen) {
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / "tm_reopen.sqlite").string();
  std::filesystem::remove(path);
  {
    auto tm = TranslationMemory::OpenSqlite(path, {});
    ASSERT_TRUE(tm.ok());
    ASSERT_TRUE((*tm)->Add({Unit("تم توقيف المتهم بموجب مذكرة قبض",
                                 "The accused was detained under an arrest warrant")},
                           {.already_scrubbed = true})
                    .ok());
  }
  auto tm = TranslationMemory::OpenSqlite(path, {});
  ASSERT_TRUE(tm.ok());
  LookupRequest r;
  r.source_lang = "ar";
  r.target_lang = "en";
  r.query = Segment("تم توقيف المتهم بموجب مذكرة قبض");
  auto m = (*tm)->Lookup(r);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].score, 100);
  std::filesystem::remove(path);
}

TEST(SqliteStoreTest, RefusesFilesThatAreNotATranslationMemory) {
  const std::string path = (std::filesystem::path(::testing::TempDir()) / "not_tm.db").string();
  {
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    fputs("this is not a database, just text that is long enough to be read as a header....", f);
    fclose(f);
  }
  auto store = SqliteStore::Open(path);
  EXPECT_FALSE(store.ok());
  std::filesystem::remove(path);
}

TEST_F(MemoryTest, TermHitsWithTargetEquivalents) {
  TermEntry e;
  e.concept_id = "c-investigating-judge";
  e.domain = "criminal procedure";
  e.terms = {{"ar", "قاضي التحقيق", "", "noun", ""},
             {"ckb", "دادوەری لێکۆڵینەوە", "", "noun", ""},
             {"en", "investigating judge", "", "noun", ""}};
  ASSERT_TRUE(tm_->AddTerms({e}).ok());
  auto hits = tm_->FindTerms("مَثُلَ المتهم أمام قاضِي التحقيق", "ar", "en");
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].source.text, "قاضي التحقيق");
  ASSERT_EQ((*hits)[0].targets.size(), 1u);
  EXPECT_EQ((*hits)[0].targets[0].text, "investigating judge");
  EXPECT_EQ((*hits)[0].first_token, 3u);
  const std::string query = "مَثُلَ المتهم أمام قاضِي التحقيق";
  EXPECT_EQ(query.substr((*hits)[0].begin, (*hits)[0].end - (*hits)[0].begin), "قاضِي التحقيق");
  auto sorani = tm_->FindTerms("دادوەری لێکۆڵینەوە بڕیاری دا", "ckb", "en");
  ASSERT_TRUE(sorani.ok());
  EXPECT_EQ(sorani->size(), 1u);
}

}  // namespace
}  // namespace bayyina::tm
