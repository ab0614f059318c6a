#ifndef BAYYINA_REDACT_REVIEW_H_
#define BAYYINA_REDACT_REVIEW_H_

// A reviewer's work on one text: accept or reject each finding, add spans the recognizers
// missed. (Boxes drawn on page images are in redact/page_redactor.h.)

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/finding.h"
#include "redact/policy.h"
#include "text/language.h"

namespace bayyina::redact {

enum class ReviewDecision { kPending, kAccepted, kRejected, kAdded };

// "pending", "accepted", "rejected", "added".
absl::string_view ReviewDecisionName(ReviewDecision d);

struct ReviewedFinding {
  Finding finding;
  ReviewDecision decision = ReviewDecision::kPending;
};

struct AddedSpan {
  EntityType type;
  size_t cp_begin;  // code points of the original text, half-open
  size_t cp_end;
};

struct Review {
  struct Decision {
    size_t finding;  // index into the analyzer's findings
    bool accept;
  };
  std::vector<Decision> decisions;
  std::vector<AddedSpan> added;
};

// Applies `review` to the analyzer's `findings` for `text`. Added spans become findings with
// detector "reviewer" and score 1. Result sorted by position.
// InvalidArgument for a decision on a finding that does not exist or a span outside the text.
absl::StatusOr<std::vector<ReviewedFinding>> ApplyReview(absl::string_view text,
                                                         text::Language lang,
                                                         const std::vector<Finding>& findings,
                                                         const Review& review);

// Whether the policy redacts this finding: rejected never, accepted or added always (accepted
// only for a type the policy covers), pending when its type is covered and its score reaches
// the threshold.
bool ShouldRedact(const ReviewedFinding& f, const Policy& policy);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_REVIEW_H_
