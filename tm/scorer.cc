#include "tm/scorer.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

namespace bayyina::tm {
namespace {

std::vector<UChar32> CodePoints(absl::string_view s) {
  std::vector<UChar32> out;
  out.reserve(s.size());
  int32_t i = 0;
  const int32_t len = static_cast<int32_t>(s.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(s.data(), i, len, c);
    out.push_back(c);
  }
  return out;
}

template <typename T>
int Levenshtein(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int up = row[j];
      row[j] = std::min({up + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

int BoundedTokenEditDistance(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b,
                             int max_distance) {
  if (max_distance < 0) max_distance = 0;
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > max_distance) return max_distance + 1;
  if (n == 0 || m == 0) return std::max(n, m);
  const int k = max_distance;
  const int big = k + 1;
  // row[j] for j in [i-k, i+k]; stored at index j - i + k.
  const int width = 2 * k + 1;
  constexpr int kStack = 128;
  int stack_prev[kStack], stack_cur[kStack];
  std::vector<int> heap_prev, heap_cur;
  int* prev = stack_prev;
  int* cur = stack_cur;
  if (width + 2 > kStack) {
    heap_prev.resize(width + 2);
    heap_cur.resize(width + 2);
    prev = heap_prev.data();
    cur = heap_cur.data();
  }
  // Row 0: D[0][j] = j.
  for (int d = 0; d < width; ++d) {
    const int j = d - k;
    prev[d] = (j >= 0 && j <= m) ? j : big;
  }
  for (int i = 1; i <= n; ++i) {
    int row_min = big;
    for (int d = 0; d < width; ++d) {
      const int j = i + d - k;
      if (j < 0 || j > m) {
        cur[d] = big;
        continue;
      }
      int best = big;
      if (j == 0) {
        best = i;
      } else {
        // Substitution/match from D[i-1][j-1]: same diagonal index d in prev.
        const int sub = prev[d] + (a[i - 1] == b[j - 1] ? 0 : 1);
        best = sub;
        // Deletion from D[i-1][j]: index d + 1 in prev.
        if (d + 1 < width) best = std::min(best, prev[d + 1] + 1);
        // Insertion from D[i][j-1]: index d - 1 in cur.
        if (d > 0) best = std::min(best, cur[d - 1] + 1);
      }
      cur[d] = std::min(best, big);
      row_min = std::min(row_min, cur[d]);
    }
    if (row_min > k) return big;
    std::swap(prev, cur);
  }
  const int d = m - n + k;
  return (d >= 0 && d < width) ? std::min(prev[d], big) : big;
}

int FuzzyScore(size_t len_a, size_t len_b, int distance) {
  const size_t longest = std::max(len_a, len_b);
  if (longest == 0) return 100;
  const size_t d = std::min<size_t>(static_cast<size_t>(std::max(distance, 0)), longest);
  return static_cast<int>((100 * (longest - d)) / longest);
}

int MaxDistanceForScore(size_t len_a, size_t len_b, int min_score) {
  const size_t longest = std::max(len_a, len_b);
  if (longest == 0) return min_score <= 100 ? 0 : -1;
  // Largest d with floor(100 * (longest - d) / longest) >= min_score, i.e.
  // 100 * (longest - d) >= min_score * longest.
  const long long l = static_cast<long long>(longest);
  const long long d = (100 * l - static_cast<long long>(min_score) * l) / 100;
  if (d < 0) return -1;
  const size_t shortest = std::min(len_a, len_b);
  if (static_cast<long long>(longest - shortest) > d) return -1;
  return static_cast<int>(d);
}

int VerbatimDistance(const Segment& a, const Segment& b) {
  int distance = Levenshtein(CodePoints(a.text), CodePoints(b.text));
  std::vector<int> ka, kb;
  for (const InlineCode& c : a.codes) ka.push_back(static_cast<int>(c.kind));
  for (const InlineCode& c : b.codes) kb.push_back(static_cast<int>(c.kind));
  distance += 2 * Levenshtein(ka, kb);
  return distance;
}

}  // namespace bayyina::tm
