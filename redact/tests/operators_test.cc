#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/placeholders.h"
#include "redact/policy.h"
#include "redact/redaction_log.h"
#include "redact/review.h"
#include "redact/text_redactor.h"

namespace bayyina::redact {
namespace {

using text::Language;
using ::testing::HasSubstr;
using ::testing::Not;

CaseKey Key(char fill) { return *CaseKey::FromBytes(std::string(32, fill)); }

TEST(CaseKeyTest, HmacIsKeyedAndTyped) {
  CaseKey a = Key('a'), b = Key('b');
  EXPECT_EQ(a.ValueHmac(EntityType::kPerson, "X"), a.ValueHmac(EntityType::kPerson, "X"));
  EXPECT_NE(a.ValueHmac(EntityType::kPerson, "X"), b.ValueHmac(EntityType::kPerson, "X"));
  EXPECT_NE(a.ValueHmac(EntityType::kPerson, "X"), a.ValueHmac(EntityType::kAddress, "X"));
  EXPECT_EQ(a.ValueHmac(EntityType::kPerson, "X").size(), 64u);
}

TEST(CaseKeyTest, EncryptionRoundTripsAndIsAuthenticated) {
  CaseKey a = Key('a'), b = Key('b');
  auto token = a.Encrypt(EntityType::kPhoneNumber, "07701234567");
  ASSERT_TRUE(token.ok());
  EXPECT_THAT(*token, Not(HasSubstr("0770")));
  EXPECT_NE(*token, *a.Encrypt(EntityType::kPhoneNumber, "07701234567"));  // fresh nonce
  EXPECT_EQ(*a.Decrypt(EntityType::kPhoneNumber, *token), "07701234567");
  EXPECT_EQ(b.Decrypt(EntityType::kPhoneNumber, *token).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(a.Decrypt(EntityType::kPerson, *token).status().code(),
            absl::StatusCode::kPermissionDenied);
  std::string tampered = *token;
  tampered[20] = tampered[20] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(a.Decrypt(EntityType::kPhoneNumber, tampered).ok());
  EXPECT_EQ(a.Decrypt(EntityType::kPhoneNumber, "!!").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CaseKeyTest, KeyFilesAreCreatedPrivateAndRefusedWhenOpen) {
  std::string dir = ::testing::TempDir();
  std::string path = dir + "/case-" + std::to_string(getpid()) + ".key";
  unlink(path.c_str());
  CaseKey key = *CaseKey::Generate();
  ASSERT_TRUE(key.SaveFile(path).ok());
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto loaded = CaseKey::LoadFile(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->ValueHmac(EntityType::kPerson, "v"), key.ValueHmac(EntityType::kPerson, "v"));
  EXPECT_EQ(key.SaveFile(path).code(), absl::StatusCode::kAlreadyExists);
  chmod(path.c_str(), 0644);
  EXPECT_EQ(CaseKey::LoadFile(path).status().code(), absl::StatusCode::kPermissionDenied);
  unlink(path.c_str());
}

TEST(PlaceholderTest, StablePerValueAndPersistedAsHmacsOnly) {
  PlaceholderRegistry reg;
  EXPECT_EQ(reg.Get(EntityType::kPerson, std::string(64, 'a')), "[PERSON_1]");
  EXPECT_EQ(reg.Get(EntityType::kPerson, std::string(64, 'b')), "[PERSON_2]");
  EXPECT_EQ(reg.Get(EntityType::kPerson, std::string(64, 'a')), "[PERSON_1]");
  EXPECT_EQ(reg.Get(EntityType::kPhoneNumber, std::string(64, 'a')), "[PHONE_NUMBER_1]");
  auto restored = PlaceholderRegistry::FromJson(reg.ToJson());
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(restored->Get(EntityType::kPerson, std::string(64, 'b')), "[PERSON_2]");
  EXPECT_EQ(restored->Get(EntityType::kPerson, std::string(64, 'c')), "[PERSON_3]");
}

TEST(PolicyTest, DefaultRedactsEverythingWithoutOriginals) {
  const Policy& p = Policy::Default();
  for (EntityType t : AllEntityTypes()) EXPECT_TRUE(p.Redacts(t)) << EntityTypeName(t);
  EXPECT_FALSE(p.include_originals);
  EXPECT_FALSE(p.include_original_ocr);
  EXPECT_TRUE(p.fail_closed);
  EXPECT_EQ(p.OperatorFor(EntityType::kPerson).type, OperatorType::kReplace);
}

TEST(PolicyTest, ParseAndStrictErrors) {
  auto p = Policy::Parse(R"({"version": 1, "entities": ["PERSON", "PHONE_NUMBER"],
      "score_threshold": 0.7, "operators": {"PHONE_NUMBER": {"type": "mask",
      "chars_to_mask": 4, "from_end": true}}, "include_originals": true})");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->Redacts(EntityType::kPerson));
  EXPECT_FALSE(p->Redacts(EntityType::kDateTime));
  EXPECT_EQ(p->OperatorFor(EntityType::kPhoneNumber).type, OperatorType::kMask);
  EXPECT_TRUE(p->include_originals);
  EXPECT_THAT(Policy::Parse(R"({"entities": "all", "score_treshold": 0.3})").status().message(),
              HasSubstr("score_treshold: unknown field"));
  EXPECT_THAT(Policy::Parse(R"({"entities": ["NAME"]})").status().message(),
              HasSubstr("unknown entity type"));
  EXPECT_THAT(Policy::Parse(R"({"entities": "all", "default_operator": {"type": "blur"}})")
                  .status()
                  .message(),
              HasSubstr("unknown operator"));
  EXPECT_THAT(Policy::Parse("{").status().message(), HasSubstr("not valid JSON"));
  EXPECT_THAT(Policy::Parse(R"({"score_threshold": 0.5})").status().message(),
              HasSubstr("entities: is required"));
}

class RedactTextTest : public ::testing::Test {
 protected:
  std::vector<ReviewedFinding> Reviewed(const std::string& text, const Review& review = {}) {
    auto f = analyzer_.Analyze(text, Language::kArabic);
    EXPECT_TRUE(f.ok());
    auto r = ApplyReview(text, Language::kArabic, *f, review);
    EXPECT_TRUE(r.ok()) << r.status();
    return *r;
  }
  Analyzer analyzer_;
  CaseKey key_ = Key('k');
  PlaceholderRegistry placeholders_;
};

TEST_F(RedactTextTest, PlaceholdersAreConsistentAcrossWritings) {
  std::string text =
      "اتصل المتهم علي حسين كاظم من 07701234567 ثم من \u0660\u0667\u0667\u0660 \u0661\u0662\u0663 "
      "\u0664\u0665\u0666\u0667 ومن 07801112233";
  auto out = RedactText(text, Reviewed(text), Policy::Default(), key_, &placeholders_);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->text,
            "اتصل المتهم [PERSON_1] من [PHONE_NUMBER_1] ثم من [PHONE_NUMBER_1] ومن "
            "[PHONE_NUMBER_2]");
  // The same value in the next document of the case keeps its number.
  std::string next = "هاتف 0770 123 4567";
  auto out2 = RedactText(next, Reviewed(next), Policy::Default(), key_, &placeholders_);
  EXPECT_EQ(out2->text, "هاتف [PHONE_NUMBER_1]");
}

TEST_F(RedactTextTest, ReviewerRejectsAndAdds) {
  std::string text = "الشاهد سعيد قال ان السيارة في كربلاء";
  Review review;
  review.decisions.push_back({0, false});  // the reviewer rejects the PERSON finding
  review.added.push_back({EntityType::kAddress, 30, 36});  // "كربلاء"
  auto reviewed = Reviewed(text, review);
  ASSERT_EQ(reviewed.size(), 2u);
  EXPECT_EQ(reviewed[0].decision, ReviewDecision::kRejected);
  EXPECT_EQ(reviewed[1].decision, ReviewDecision::kAdded);
  EXPECT_EQ(reviewed[1].finding.detector, "reviewer");
  auto out = RedactText(text, reviewed, Policy::Default(), key_, &placeholders_);
  EXPECT_EQ(out->text, "الشاهد سعيد قال ان السيارة في [ADDRESS_1]");
  Review bad;
  bad.decisions.push_back({9, true});
  EXPECT_EQ(ApplyReview(text, Language::kArabic, {}, bad).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RedactTextTest, MaskHashEncryptOperators) {
  std::string text = "الهاتف 07701234567 والبريد ali@example.com";
  auto policy = Policy::Parse(R"({"entities": "all", "operators": {
      "PHONE_NUMBER": {"type": "mask", "chars_to_mask": 7, "from_end": true},
      "EMAIL_ADDRESS": {"type": "encrypt"}}})");
  ASSERT_TRUE(policy.ok());
  auto out = RedactText(text, Reviewed(text), *policy, key_, &placeholders_);
  ASSERT_TRUE(out.ok());
  EXPECT_THAT(out->text, HasSubstr("0770*******"));
  EXPECT_THAT(out->text, Not(HasSubstr("ali@example.com")));
  ASSERT_EQ(out->items.size(), 2u);
  std::string enc = out->items[1].replacement;
  ASSERT_TRUE(enc.rfind("[EMAIL_ADDRESS:ENC:", 0) == 0);
  std::string token = enc.substr(19, enc.size() - 20);
  EXPECT_EQ(*key_.Decrypt(EntityType::kEmailAddress, token), "ali@example.com");

  auto hash_policy = Policy::Parse(R"({"entities": "all", "default_operator": {"type": "hash"}})");
  auto hashed = RedactText(text, Reviewed(text), *hash_policy, key_, &placeholders_);
  EXPECT_EQ(hashed->items[0].replacement, hashed->items[0].value_hmac);
  EXPECT_THAT(hashed->text, Not(HasSubstr("07701234567")));
}

TEST_F(RedactTextTest, LogHoldsHmacsNeverValues) {
  std::string text = "المتهم علي حسين كاظم هاتفه 07701234567";
  auto reviewed = Reviewed(text);
  auto out = RedactText(text, reviewed, Policy::Default(), key_, &placeholders_);
  RedactionLog log;
  log.document = "document-001.txt";
  for (const RedactedItem& item : out->items) {
    const Finding& f = reviewed[item.finding].finding;
    log.findings.push_back({f.type, 0, {}, f.cp_begin, f.cp_end, f.detector, f.score,
                            std::string(OperatorName(item.op)), item.replacement, true,
                            reviewed[item.finding].decision, item.value_hmac});
  }
  std::string json = log.ToJson(Policy::Default());
  EXPECT_THAT(json, HasSubstr("\"value_hmac\": \"" + key_.ValueHmac(EntityType::kPhoneNumber,
                                                                       "+9647701234567")));
  EXPECT_THAT(json, HasSubstr("\"placeholder\": \"[PERSON_1]\""));
  EXPECT_THAT(json, Not(HasSubstr("07701234567")));
  EXPECT_THAT(json, Not(HasSubstr("\u062D\u0633\u064A\u0646")));  // حسين
}

}  // namespace
}  // namespace bayyina::redact
