#ifndef BAYYINA_CASES_PAGE_IMAGE_H_
#define BAYYINA_CASES_PAGE_IMAGE_H_

// The image half of a page job, on redact/page_redactor.h: plan the boxes to burn, burn them,
// check the result with a second reading (the leak check, redact::BurnAndCheck): a page on
// which it still reads personal data is withheld (no image blob; the record lists the
// survivors' types and boxes) until a review burns more; otherwise the burnt page is kept as a
// PNG blob.
// The page's record (PageRecord::image_json) holds the blob's hash, the boxes, the regions
// flagged for review and the leak check, never a value.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cases/blob_store.h"
#include "cases/model.h"
#include "ocr/engine.h"
#include "ocr/page.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/policy.h"
#include "redact/redaction_log.h"
#include "text/language.h"

struct Pix;

namespace bayyina::cases {

// Plans, burns, checks and stores page `page` (read from `image`). Returns the image record,
// which also lists the spans of the page text that the page redactor's fail-closed rules took
// (values OCR garbled beyond what recognizers parse) so that the text is redacted alike.
// `words_json` is PageRecord::words_json of the page.
absl::StatusOr<std::string> RedactPageImage(ocr::EnginePool& pool, const ocr::Page& page,
                                            const std::string& words_json,
                                            Pix* image, int dpi, text::Language lang,
                                            const redact::Analyzer& analyzer,
                                            const redact::Policy& policy,
                                            const redact::CaseKey& key, const BlobStore& blobs);

// After a review: burns `image` (the original page) again with the recorded boxes, the boxes of
// the redacted `findings` of this page and the reviewer's `added_boxes`. Returns the new record.
absl::StatusOr<std::string> ReburnPageImage(Pix* image, const std::string& image_json,
                                            const std::vector<FindingRecord>& findings,
                                            const std::vector<WordBox>& added_boxes,
                                            const BlobStore& blobs);

// A span of the page text that a fail-closed rule took.
struct FailClosedSpan {
  int cp_begin = 0, cp_end = 0;
  std::string type;  // entity type name
  std::string rule;  // e.g. "fail_closed_long_number"
};
std::vector<FailClosedSpan> FailClosedSpans(const std::string& image_json);

// The burnt image's blob hash ("" when none).
std::string RedactedImageSha(const std::string& image_json);

// The leak check's survivors of a page record when its image is withheld; nullopt when the
// page has a released image.
std::optional<std::vector<LeakSurvivor>> WithheldSurvivors(const std::string& image_json);

// Adds the page's regions and leak check to a document's redaction log (leak checks of all
// pages are merged: performed if every page was checked, passed if every page passed).
void AddImageRecordToLog(const std::string& image_json, int page, bool first_page,
                         redact::RedactionLog* log);

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_PAGE_IMAGE_H_
