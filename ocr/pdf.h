#ifndef BAYYINA_OCR_PDF_H_
#define BAYYINA_OCR_PDF_H_

// Searchable PDF: every page image with an invisible text layer under it, written with cairo
// and Pango. Each line's text is stretched over the line's box. Pango shapes Arabic and cairo records which characters every glyph stands for, so
// text extraction (pdftotext, copy and paste, search) gets Arabic in logical order; Tesseract's
// own PDF renderer stores Arabic reversed (tesseract#238).

#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "ocr/document.h"
#include "ocr/page.h"

namespace bayyina::ocr {

// Writes `doc`'s pages (decoded again one at a time, so memory holds one page image) with the
// text of `pages` (pages[i] belongs to page i of `doc`) to `sink`, which receives the PDF in
// consecutive pieces. Page sizes follow each page's resolution. InvalidArgument if the page
// counts differ or a page cannot be decoded; Internal if cairo fails.
absl::Status WriteSearchablePdf(const Document& doc, absl::Span<const Page> pages,
                                const std::function<void(absl::string_view)>& sink);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_PDF_H_
