#ifndef BAYYINA_REDACT_TEXT_REDACTOR_H_
#define BAYYINA_REDACT_TEXT_REDACTOR_H_

// Applies the policy's operators to a text: the text half of redaction. Overlapping findings
// to redact are merged so that no byte of either survives.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/case_key.h"
#include "redact/placeholders.h"
#include "redact/policy.h"
#include "redact/review.h"

namespace bayyina::redact {

struct RedactedItem {
  size_t finding;           // index into the reviewed findings
  OperatorType op;
  std::string replacement;  // what stands in the output (never the value, except mask's kept part)
  size_t out_begin;         // byte range of the replacement in the redacted text
  size_t out_end;
  std::string value_hmac;   // HMAC-SHA-256 of the canonical value under the case key
};

struct RedactedText {
  std::string text;
  std::vector<RedactedItem> items;
};

// Replaces every finding that ShouldRedact() selects with its operator's output.
// `findings` must be sorted by begin (as ApplyReview returns them) and lie within `text`.
// `placeholders` numbers values across the case. Thread-safe if `placeholders` is not shared
// without its own locking (it is internally synchronized).
absl::StatusOr<RedactedText> RedactText(absl::string_view text,
                                        const std::vector<ReviewedFinding>& findings,
                                        const Policy& policy, const CaseKey& key,
                                        PlaceholderRegistry* placeholders);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_TEXT_REDACTOR_H_
