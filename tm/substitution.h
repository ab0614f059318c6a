#ifndef BAYYINA_TM_SUBSTITUTION_H_
#define BAYYINA_TM_SUBSTITUTION_H_

// Number and placeholder substitution: when the query differs from the stored source only in
// numbers or redacted values, the suggestion carries the query's values, not the stored ones.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tm/segment.h"

namespace bayyina::tm {

// Returns `target` with the values of `stored_source` replaced by those of `query`:
// the i-th number (placeholder of a type) of the stored source stands for the i-th number
// (placeholder of that type) of the query, provided both have as many; every occurrence of a
// stored value in the target is replaced, numbers written in the target's digits (ASCII,
// Arabic-Indic or Extended Arabic-Indic). `*changed` is set when anything was replaced.
absl::StatusOr<Segment> SubstituteValues(absl::string_view query, absl::string_view query_lang,
                                         absl::string_view stored_source,
                                         absl::string_view source_lang, const Segment& target,
                                         absl::string_view target_lang, bool* changed);

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_SUBSTITUTION_H_
