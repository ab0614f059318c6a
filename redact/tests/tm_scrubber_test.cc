#include "redact/tm_scrubber.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace bayyina::redact {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(TmScrubberTest, ReplacesValuesByTypedPlaceholdersAndKeepsTheRest) {
  TmScrubber scrubber;
  auto out = scrubber.Scrub("Call the witness on 0770 123 4567 tomorrow.", "en");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(*out, HasSubstr("[PHONE_NUMBER_1]"));
  EXPECT_THAT(*out, Not(HasSubstr("4567")));
  EXPECT_THAT(*out, HasSubstr("Call the witness on "));
  EXPECT_THAT(*out, HasSubstr(" tomorrow."));
}

TEST(TmScrubberTest, NumbersPlaceholdersPerTextAndRemembersNothing) {
  TmScrubber scrubber;
  auto first = scrubber.Scrub("رقم الهاتف ٠٧٧٠١٢٣٤٥٦٧ ورقم الهاتف ٠٧٥٠٩٨٧٦٥٤٣", "ar");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(*first, HasSubstr("[PHONE_NUMBER_1]"));
  EXPECT_THAT(*first, HasSubstr("[PHONE_NUMBER_2]"));
  auto second = scrubber.Scrub("رقم الهاتف ٠٧٥٠٩٨٧٦٥٤٣", "ar");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(*second, HasSubstr("[PHONE_NUMBER_1]"));
}

TEST(TmScrubberTest, TextWithoutPersonalDataComesBackUnchanged) {
  TmScrubber scrubber;
  const std::string text = "The court adjourned the hearing.";
  auto out = scrubber.Scrub(text, "en");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, text);
}

TEST(TmScrubberTest, InvalidUtf8IsAnError) {
  TmScrubber scrubber;
  EXPECT_EQ(scrubber.Scrub("bad \xff byte", "en").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace bayyina::redact
