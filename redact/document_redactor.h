#ifndef BAYYINA_REDACT_DOCUMENT_REDACTOR_H_
#define BAYYINA_REDACT_DOCUMENT_REDACTOR_H_

// Redaction of a scanned document (PNG, JPEG, TIFF, PDF): OCR every page, plan and burn the
// boxes, write a new file from the redacted pixels only (no input metadata, no text layer),
// and run the leak check. A job whose leak check finds a survivor fails: the caller gets the
// log but no output.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/page_redactor.h"
#include "redact/policy.h"
#include "redact/redaction_log.h"

namespace bayyina::redact {

enum class ImageFormat { kPng, kTiff, kPdf };

// From an output path's extension (.png, .tif/.tiff, .pdf); InvalidArgument otherwise.
absl::StatusOr<ImageFormat> ImageFormatForPath(absl::string_view path);

struct DocumentRedactionOptions {
  std::string language = "auto";  // "ar", "ckb", "kmr", "en" or "auto"
  ImageFormat format = ImageFormat::kPng;
  std::string document_name = "document-001";
  std::vector<ReviewBox> review_boxes;
  PageRedactionOptions page;
};

struct DocumentRedaction {
  std::string output;  // the redacted file; empty when the leak check failed
  RedactionLog log;
  std::vector<PagePlan> plans;  // per page, for callers that measure (benchmarks)
  // The burnt pages, also when the leak check failed: for measuring only, never to release.
  std::vector<ocr::PixPtr> pages;
  std::vector<ocr::Page> ocr_pages;  // the first reading
};

// Errors: those of OCR (InvalidArgument / ResourceExhausted for bad or huge input), of the
// analysis, InvalidArgument for PNG output of a multi-page document; FailedPrecondition is NOT
// used here: a failed leak check is reported in log.leak_check (passed = false) with empty
// output, so that the caller can keep the log. Thread-safe.
absl::StatusOr<DocumentRedaction> RedactDocument(ocr::EnginePool& pool, const ocr::Document& doc,
                                                 const Analyzer& analyzer, const Policy& policy,
                                                 const CaseKey& key,
                                                 const DocumentRedactionOptions& options);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_DOCUMENT_REDACTOR_H_
