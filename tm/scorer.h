#ifndef BAYYINA_TM_SCORER_H_
#define BAYYINA_TM_SCORER_H_

// The fuzzy score that translators see, and the verbatim distance that breaks its ties.

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "tm/segment.h"

namespace bayyina::tm {

// Token-level Levenshtein distance between `a` and `b`, computed in a band so that the cost is
// O(max_distance * length). Returns the distance if it is <= max_distance, else
// max_distance + 1. REQUIRES: max_distance >= 0. Thread-safe.
int BoundedTokenEditDistance(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b,
                             int max_distance);

// The score of two keys of lengths `len_a` and `len_b` at token edit distance `distance`:
// floor(100 * (1 - distance / max(len_a, len_b))), so 100 means identical keys. Two empty keys
// score 100.
int FuzzyScore(size_t len_a, size_t len_b, int distance);

// The largest distance that still scores >= `min_score` for keys of these lengths, or -1 when
// the lengths alone rule that score out.
int MaxDistanceForScore(size_t len_a, size_t len_b, int min_score);

// How far apart two segments are in their raw form: code-point Levenshtein distance of the
// texts (so differences in case, punctuation, diacritics and letter variants count), plus 2 for
// every edit between the two sequences of inline-code kinds. 0 means verbatim equal. Used only
// to order matches of equal score. Thread-safe.
int VerbatimDistance(const Segment& a, const Segment& b);

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_SCORER_H_
