#ifndef BAYYINA_CASES_XLIFF_H_
#define BAYYINA_CASES_XLIFF_H_

// A document's draft as XLIFF 2.1 for CAT tools, and reviewed XLIFF back, on tm/xliff.h: one
// XLIFF document per case document (original = its neutral name), one unit per draft segment
// (segment id = the draft segment id), TM suggestions as mtc:match, redacted values as
// protected <ph> codes.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cases/model.h"

namespace bayyina::cases {

absl::StatusOr<std::string> DraftToXliff(absl::string_view source_language,
                                         absl::string_view target_language,
                                         const std::string& original,
                                         const std::vector<SegmentRecord>& segments);

struct ReviewedXliff {
  std::string original;                // the neutral document name it was exported for
  std::vector<SegmentRecord> segments;  // id, target and state of segments with a target
};

// InvalidArgument for anything that is not XLIFF 2 or is unsafe XML (tm::ReadXliff).
absl::StatusOr<ReviewedXliff> ReadReviewedXliff(absl::string_view xml);

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_XLIFF_H_
