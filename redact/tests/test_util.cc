#include "redact/tests/test_util.h"

#include "gtest/gtest.h"

namespace bayyina::redact::testing {

std::vector<Hit> Hits(const std::string& text, text::Language lang, double min_score) {
  static const Analyzer* analyzer = new Analyzer();
  std::vector<Hit> hits;
  auto findings = analyzer->Analyze(text, lang);
  EXPECT_TRUE(findings.ok()) << findings.status();
  if (!findings.ok()) return hits;
  for (const Finding& f : *findings) {
    if (f.score < min_score) continue;
    hits.emplace_back(std::string(EntityTypeName(f.type)), text.substr(f.begin, f.end - f.begin));
  }
  return hits;
}

}  // namespace bayyina::redact::testing
