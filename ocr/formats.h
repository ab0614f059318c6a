#ifndef BAYYINA_OCR_FORMATS_H_
#define BAYYINA_OCR_FORMATS_H_

// Text serializations of recognized pages: plain text, JSON (the page model), hOCR 1.2 and
// ALTO 4. The searchable PDF is in pdf.h. All output is UTF-8 with text in logical order;
// boxes are pixels of the original page images. Thread-safe (pure functions).

#include <string>

#include "absl/types/span.h"
#include "ocr/page.h"

namespace bayyina::ocr {

// Pages' PlainText separated by form feeds ("\f"), as Tesseract's text output does.
std::string ToText(absl::Span<const Page> pages);

// {"pages":[{"number":1,"width":..,"height":..,"dpi":..,"language":"ar","blocks":[{"box":
// [l,t,r,b],"lines":[{"box":[..],"direction":"rtl","words":[{"text":"..","box":[..],
// "confidence":96.5,"language":"ar"}]}]}]}]}. Boxes are [left, top, right, bottom).
std::string ToJson(absl::Span<const Page> pages);

// An hOCR 1.2 XHTML document (ocr_page, ocr_carea, ocr_line, ocrx_word with bbox, x_wconf,
// lang and dir attributes).
std::string ToHocr(absl::Span<const Page> pages);

// An ALTO 4 XML document (TextBlock, TextLine, String with WC in 0..1 and LANG, SP).
std::string ToAlto(absl::Span<const Page> pages);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_FORMATS_H_
