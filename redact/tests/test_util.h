#ifndef BAYYINA_REDACT_TESTS_TEST_UTIL_H_
#define BAYYINA_REDACT_TESTS_TEST_UTIL_H_

#include <string>
#include <utility>
#include <vector>

#include "redact/analyzer.h"
#include "text/language.h"

namespace bayyina::redact::testing {

// A finding as (type name, original text), for readable assertions.
using Hit = std::pair<std::string, std::string>;

// Runs the shared built-in analyzer; findings below `min_score` are dropped. Fails the
// current test on an analysis error.
std::vector<Hit> Hits(const std::string& text, text::Language lang, double min_score = 0.5);

}  // namespace bayyina::redact::testing

#endif  // BAYYINA_REDACT_TESTS_TEST_UTIL_H_
