#include "redact/analyzer.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "redact/lexicon.h"
#include "redact/ner_recognizer.h"
#include "redact/utf8.h"

namespace bayyina::redact {
namespace {

using text::Language;
using ::testing::HasSubstr;

TEST(AnalyzerTest, OffsetsPointIntoTheOriginalInCodePoints) {
  // Bidi marks, tatweel and Arabic-Indic digits are normalized away or folded; the finding must
  // still cover the original bytes, and code point offsets must count the original.
  std::string text = "\u200F\u0627\u0644\u0647\u0640\u0627\u062A\u0641: "
                     "\u0660\u0667\u0667\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667";
  Analyzer analyzer;
  auto findings = analyzer.Analyze(text, Language::kArabic);
  ASSERT_TRUE(findings.ok()) << findings.status();
  ASSERT_EQ(findings->size(), 1u);
  const Finding& f = (*findings)[0];
  EXPECT_EQ(f.type, EntityType::kPhoneNumber);
  EXPECT_EQ(text.substr(f.begin, f.end - f.begin),
            "\u0660\u0667\u0667\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667");
  EXPECT_EQ(f.cp_begin, utf8::CodePoints(text, f.begin));
  EXPECT_EQ(f.cp_begin, 10u);
  EXPECT_EQ(f.cp_end, 23u);
  EXPECT_EQ(f.canonical, "+9647701234567");  // E.164, whatever the digits' script
  EXPECT_EQ(f.detector, "phone");
}

TEST(AnalyzerTest, InvalidUtf8IsAClearError) {
  Analyzer analyzer;
  auto r = analyzer.Analyze(std::string("abc \xD8 def"), Language::kArabic);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("not valid UTF-8"));
  EXPECT_THAT(r.status().message(), HasSubstr("byte offset 4"));
  // Overlong encodings and surrogates are invalid too.
  EXPECT_FALSE(analyzer.Analyze(std::string("\xC0\xAF"), Language::kEnglish).ok());
  EXPECT_FALSE(analyzer.Analyze(std::string("\xED\xA0\x80"), Language::kEnglish).ok());
}

TEST(AnalyzerTest, FiftyMegabyteSingleLineIsRefusedClearly) {
  std::string line(50u << 20, 'a');
  Analyzer analyzer;
  auto r = analyzer.Analyze(line, Language::kEnglish);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("line 1 is 52428800 bytes long"));
  // The same amount of text in lines is analyzed.
  for (size_t i = 1000; i < line.size(); i += 1000) line[i] = '\n';
  EXPECT_TRUE(analyzer.Analyze(line, Language::kEnglish).ok());
}

TEST(AnalyzerTest, OverlappingHitsMergeIntoOneFinding) {
  // "المتهم" cue + name, and the name also opens a chain: one PERSON finding, no overlap.
  Analyzer analyzer;
  auto r = analyzer.Analyze("المتهم محمد جاسم الجبوري هاتفه 07701234567", Language::kArabic);
  ASSERT_TRUE(r.ok());
  for (size_t i = 1; i < r->size(); ++i) EXPECT_LE((*r)[i - 1].end, (*r)[i].begin);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].type, EntityType::kPerson);
  EXPECT_EQ((*r)[1].type, EntityType::kPhoneNumber);
}

TEST(LexiconTest, GazetteerSizes) {
  // The issue asks for at least 2,000 given names and 500 family names across the languages;
  // counted after normalization, so spelling variants that fold together count once.
  const Lexicon& lex = Lexicon::For(Language::kArabic);
  EXPECT_GE(lex.CountWithFlag(kLexGiven), 2000u);
  EXPECT_GE(lex.CountWithFlag(kLexFamily), 500u);
  EXPECT_GE(Lexicon::For(Language::kSorani).CountWithFlag(kLexGiven), 2000u);
}

TEST(LexiconTest, EveryDataLineIsUsable) {
  // A tag typo in lexicon.tsv would silently drop cues.
  for (const char* tag : {"PERSON_CUE", "PHONE_CUE", "ID_CUE", "STOP", "MONTH", "ADDRESS_KEY"}) {
    EXPECT_NE(ParseLexTag(tag), 0u) << tag;
  }
  const Lexicon& lex = Lexicon::For(Language::kKurmanji);
  EXPECT_TRUE(lex.Lookup("gumanbar") & kLexPersonCue);
  EXPECT_TRUE(lex.Lookup("gumanbarê") & kLexPersonCue);  // case ending stripped
}

TEST(LexiconTest, SoraniSpellingOfAnArabicListedNameIsAName) {
  const Lexicon& lex = Lexicon::For(Language::kSorani);
  // ڕەسوڵ / حەسەن: the gazetteer lists رسول / حسن; Sorani writes the short vowel and ڕ ڵ.
  EXPECT_TRUE(lex.Lookup("ڕەسوڵ") & kLexGiven);
  EXPECT_TRUE(lex.Lookup("حەسەن") & kLexGiven);
  EXPECT_EQ(lex.Lookup("ڕەسەن"), 0u);  // no name in either spelling
}

// A stand-in for an external NER model: it marks the word "Zorbax" as a PERSON. This double is
// unavoidable, as Bayyina ships no network model; it exercises the seam, not a model.
class OneWordModel : public EntityModel {
 public:
  std::string name() const override { return "oneword"; }
  absl::StatusOr<std::vector<Span>> Predict(absl::string_view text,
                                            Language lang) const override {
    if (fail_) return absl::UnavailableError("model server down");
    std::vector<Span> spans;
    size_t pos = text.find("zorbax");
    if (pos != absl::string_view::npos) spans.push_back({EntityType::kPerson, pos, pos + 6, 0.8f});
    return spans;
  }
  bool fail_ = false;
};

TEST(NerSeamTest, ModelSpansBecomeFindingsAndErrorsFailTheAnalysis) {
  auto model = std::make_shared<OneWordModel>();
  Analyzer analyzer;
  analyzer.AddRecognizer(NewNerRecognizer(model));
  auto r = analyzer.Analyze("we met Zorbax yesterday", Language::kEnglish);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].detector, "ner:oneword");
  EXPECT_EQ((*r)[0].begin, 7u);
  model->fail_ = true;
  auto failed = analyzer.Analyze("we met Zorbax yesterday", Language::kEnglish);
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(failed.status().message(), HasSubstr("ner:oneword"));
}

}  // namespace
}  // namespace bayyina::redact
