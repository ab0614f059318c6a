#ifndef BAYYINA_CASES_PAGE_PIPELINE_H_
#define BAYYINA_CASES_PAGE_PIPELINE_H_

// The per-page steps of a document job after OCR: analyze -> redact -> segment -> TM
// suggestions. A pure function of its inputs, so a page can be redone after a review, or after
// a crash, with the same result.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cases/model.h"
#include "ocr/page.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/placeholders.h"
#include "redact/policy.h"
#include "tm/translation_memory.h"

namespace bayyina::cases {

struct PipelineContext {
  const redact::Analyzer* analyzer = nullptr;
  const redact::Policy* policy = nullptr;
  const redact::CaseKey* key = nullptr;
  // The case's registry; numbers new values. REQUIRES: not shared with a concurrent pipeline.
  redact::PlaceholderRegistry* placeholders = nullptr;
  // May be null (no suggestions then).
  const tm::TranslationMemory* memory = nullptr;
  std::string case_id;          // the memory scope "case:<id>" is searched with the shared one
  std::string target_language;  // BCP-47
  std::string default_language; // used when the page's language is unknown
};

// The page record of an OCR result: its JSON, plain text and word boxes by code point range.
PageRecord MakePageRecord(const ocr::Page& page);

// Analyzes, redacts, segments and looks up `page` (a record from MakePageRecord), applying the
// reviewer's `decisions` for this page. Fills page.redacted_text.
absl::StatusOr<PageResult> RunPipeline(PageRecord page,
                                       const std::vector<DecisionRecord>& decisions,
                                       const PipelineContext& ctx);

// Number of Unicode code points in UTF-8 `s`.
int CodePoints(absl::string_view s);

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_PAGE_PIPELINE_H_
