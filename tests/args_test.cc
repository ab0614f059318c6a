// The CLI flag parser: long flags with and without "=", repeats, booleans, "-o", "--".
#include "clients/cli/args.h"

#include "gtest/gtest.h"

namespace bayyina::cli {
namespace {

const FlagSpec kSpecs[] = {
    {"lang", FlagKind::kValue, "L", ""},
    {"output", FlagKind::kValue, "OUT", ""},
    {"recipient", FlagKind::kRepeated, "PEM", ""},
    {"json", FlagKind::kBool, "", ""},
};

absl::StatusOr<Args> Parse(std::vector<std::string> argv) { return Args::Parse(argv, kSpecs); }

TEST(ArgsTest, ParsesEveryKindOfFlag) {
  auto args = Parse({"a.png", "--lang", "ar", "--recipient=x.pem", "--recipient", "y.pem",
                     "-o", "out.txt", "--json", "b.png"});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->Get("lang"), "ar");
  EXPECT_EQ(args->Get("output"), "out.txt");
  EXPECT_EQ(args->GetAll("recipient"), (std::vector<std::string>{"x.pem", "y.pem"}));
  EXPECT_TRUE(args->Has("json"));
  EXPECT_EQ(args->positional(), (std::vector<std::string>{"a.png", "b.png"}));
}

TEST(ArgsTest, DoubleDashEndsFlags) {
  auto args = Parse({"--", "--lang", "-o"});
  ASSERT_TRUE(args.ok());
  EXPECT_FALSE(args->Has("lang"));
  EXPECT_EQ(args->positional(), (std::vector<std::string>{"--lang", "-o"}));
}

TEST(ArgsTest, RejectsMistakesNamingTheFlag) {
  for (const auto& [argv, needle] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--nope"}, "--nope"},
           {{"--lang"}, "--lang needs a value"},
           {{"--lang", "ar", "--lang", "en"}, "more than once"},
           {{"--json=yes"}, "takes no value"}}) {
    auto args = Parse(argv);
    ASSERT_FALSE(args.ok());
    EXPECT_EQ(args.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(args.status().message().find(needle), absl::string_view::npos)
        << args.status().message();
  }
}

TEST(ArgsTest, IntegersAreRangeChecked) {
  auto args = Args::Parse(std::vector<std::string>{"--lang", "70"}, kSpecs);
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(*args->GetInt("lang", 0, 0, 100), 70);
  EXPECT_FALSE(args->GetInt("lang", 0, 0, 50).ok());
  EXPECT_EQ(*args->GetInt("output", 5, 0, 10), 5);
}

}  // namespace
}  // namespace bayyina::cli
