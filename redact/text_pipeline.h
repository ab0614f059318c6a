#ifndef BAYYINA_REDACT_TEXT_PIPELINE_H_
#define BAYYINA_REDACT_TEXT_PIPELINE_H_

// Redaction of a text document end to end: analyze, apply the review, apply the policy's
// operators, and write the redaction log. Shared by the CLI and the RedactionService.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/placeholders.h"
#include "redact/policy.h"
#include "redact/redaction_log.h"
#include "redact/review.h"
#include "redact/text_redactor.h"

namespace bayyina::redact {

struct TextRedaction {
  RedactedText redacted;
  std::vector<ReviewedFinding> findings;  // every finding, redacted or not
  RedactionLog log;
};

// `document_name` is the neutral name recorded in the log ("document-001.txt").
// Errors: those of Analyzer::Analyze and ApplyReview. Thread-safe.
absl::StatusOr<TextRedaction> RedactTextDocument(const Analyzer& analyzer, absl::string_view text,
                                                 text::Language lang, const Policy& policy,
                                                 const CaseKey& key,
                                                 PlaceholderRegistry* placeholders,
                                                 const Review& review = {},
                                                 absl::string_view document_name = "document-001.txt");

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_TEXT_PIPELINE_H_
