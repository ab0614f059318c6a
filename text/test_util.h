#ifndef BAYYINA_TEXT_TEST_UTIL_H_
#define BAYYINA_TEXT_TEST_UTIL_H_

// Helpers shared by the text tests.

#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "text/language.h"

namespace bayyina::text {

// Normalizes `in` and fails the test on error.
std::string Norm(absl::string_view in, Language lang);

// Checks the offset map of Normalize(in, lang): its size, its monotony, and that every range
// between unit boundaries maps back to an original range that normalizes to the same text.
// Checks all unit pairs when there are at most `all_pairs_limit` units, else adjacent ones.
void ExpectRoundTrip(absl::string_view in, Language lang, size_t all_pairs_limit = 40);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_TEST_UTIL_H_
