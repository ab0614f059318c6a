#include "text/test_util.h"

#include <vector>

#include "text/normalize.h"

namespace bayyina::text {

std::string Norm(absl::string_view in, Language lang) {
  auto n = Normalize(in, lang);
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? n->text : std::string();
}

void ExpectRoundTrip(absl::string_view in, Language lang, size_t all_pairs_limit) {
  auto n = Normalize(in, lang);
  ASSERT_TRUE(n.ok()) << n.status();
  const std::string& t = n->text;
  ASSERT_EQ(n->to_original.size(), t.size() + 1);
  ASSERT_EQ(n->to_original.back(), in.size());
  std::vector<size_t> bounds;
  for (size_t b = 0; b <= t.size(); ++b) {
    if (b > 0) {
      ASSERT_LE(n->to_original[b - 1], n->to_original[b]) << "at " << b;
    }
    if (b == 0 || b == t.size() || n->to_original[b] != n->to_original[b - 1]) bounds.push_back(b);
  }
  auto check = [&](size_t b, size_t e) {
    const auto [ob, oe] = n->OriginalRange(b, e);
    ASSERT_LE(ob, oe);
    ASSERT_LE(oe, in.size());
    auto again = Normalize(in.substr(ob, oe - ob), lang);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->text, t.substr(b, e - b))
        << "normalized range [" << b << "," << e << ") original [" << ob << "," << oe << ")";
  };
  if (bounds.size() <= all_pairs_limit) {
    for (size_t i = 0; i < bounds.size(); ++i) {
      for (size_t j = i + 1; j < bounds.size(); ++j) check(bounds[i], bounds[j]);
    }
  } else {
    for (size_t i = 0; i + 1 < bounds.size(); ++i) check(bounds[i], bounds[i + 1]);
    check(bounds.front(), bounds.back());
  }
}

}  // namespace bayyina::text
