#ifndef BAYYINA_OCR_RENDER_H_
#define BAYYINA_OCR_RENDER_H_

// One entry point for every output format of `bayyina ocr` and OcrService.

#include <functional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "ocr/document.h"
#include "ocr/page.h"

namespace bayyina::ocr {

enum class OutputFormat { kText, kJson, kHocr, kAlto, kPdf };

// "text", "json", "hocr", "alto" or "pdf" (case-insensitive); InvalidArgument otherwise.
absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name);

// Renders `pages` (recognized from `doc`, one per page) in `format` to `sink`, in consecutive
// pieces. Only the PDF needs `doc` (it decodes the pages again, one at a time).
absl::Status RenderOutput(OutputFormat format, const Document& doc, absl::Span<const Page> pages,
                          const std::function<void(absl::string_view)>& sink);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_RENDER_H_
