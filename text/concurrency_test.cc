// The text functions are documented thread-safe: run them from several threads at once
// (the first use builds shared tables and iterators) and compare with a single thread.
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "text/detect.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace bayyina::text {
namespace {

TEST(ConcurrencyTest, SameResultsFromManyThreads) {
  const std::string text =
      "قال د. أحمد: هل حضر المتهم؟ نعم، حَضَرَ. ١- يلتزم بالدفع. "
      "دادگا بڕیاری دا. Dr. Smith agreed. Dadgehê biryar da.";
  constexpr int kThreads = 4;
  std::vector<std::string> normalized(kThreads);
  std::vector<size_t> sentences(kThreads);
  std::vector<Language> detected(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto n = Normalize(text, Language::kArabic);
        normalized[t] = n.ok() ? n->text : "error";
        sentences[t] = SplitSentences(text, Language::kArabic).size();
        detected[t] = DetectLanguage(text).language;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  auto n = Normalize(text, Language::kArabic);
  ASSERT_TRUE(n.ok());
  const size_t expected_sentences = SplitSentences(text, Language::kArabic).size();
  EXPECT_EQ(expected_sentences, 6u);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(normalized[t], n->text);
    EXPECT_EQ(sentences[t], expected_sentences);
    EXPECT_EQ(detected[t], DetectLanguage(text).language);
  }
}

}  // namespace
}  // namespace bayyina::text
