#include "ocr/render.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "ocr/formats.h"
#include "ocr/pdf.h"

namespace bayyina::ocr {

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower == "text" || lower == "txt") return OutputFormat::kText;
  if (lower == "json") return OutputFormat::kJson;
  if (lower == "hocr") return OutputFormat::kHocr;
  if (lower == "alto") return OutputFormat::kAlto;
  if (lower == "pdf") return OutputFormat::kPdf;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown output format \"", name, "\"; expected text, json, hocr, alto or pdf"));
}

absl::Status RenderOutput(OutputFormat format, const Document& doc, absl::Span<const Page> pages,
                          const std::function<void(absl::string_view)>& sink) {
  switch (format) {
    case OutputFormat::kText:
      sink(ToText(pages));
      return absl::OkStatus();
    case OutputFormat::kJson:
      sink(ToJson(pages));
      return absl::OkStatus();
    case OutputFormat::kHocr:
      sink(ToHocr(pages));
      return absl::OkStatus();
    case OutputFormat::kAlto:
      sink(ToAlto(pages));
      return absl::OkStatus();
    case OutputFormat::kPdf:
      return WriteSearchablePdf(doc, pages, sink);
  }
  return absl::InvalidArgumentError("unknown output format");
}

}  // namespace bayyina::ocr
