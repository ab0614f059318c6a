#include "redact/document_redactor.h"

#include <leptonica/allheaders.h>

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "redact/language_choice.h"

namespace bayyina::redact {
namespace {

absl::StatusOr<std::string> Encode(std::vector<ocr::PixPtr>& pages, ImageFormat format, int dpi) {
  l_uint8* data = nullptr;
  size_t size = 0;
  int rc = 1;
  if (format == ImageFormat::kPng) {
    if (pages.size() != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("a PNG holds one page; this document has ", pages.size(),
                       " (write .tif or .pdf)"));
    }
    rc = pixWriteMem(&data, &size, pages[0].get(), IFF_PNG);
  } else {
    PIXA* pixa = pixaCreate(static_cast<l_int32>(pages.size()));
    for (auto& p : pages) pixaAddPix(pixa, p.get(), L_COPY);
    if (format == ImageFormat::kTiff) {
      rc = pixaWriteMemMultipageTiff(&data, &size, pixa);
    } else {
      // A PDF of the images only: no text layer, since the OCR text is not redacted text.
      rc = pixaConvertToPdfData(pixa, dpi, 1.0, L_FLATE_ENCODE, 0, nullptr, &data, &size);
    }
    pixaDestroy(&pixa);
  }
  if (rc != 0 || data == nullptr) return absl::InternalError("cannot encode the redacted pages");
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

}  // namespace

absl::StatusOr<ImageFormat> ImageFormatForPath(absl::string_view path) {
  std::string p = absl::AsciiStrToLower(path);
  if (absl::EndsWith(p, ".png")) return ImageFormat::kPng;
  if (absl::EndsWith(p, ".tif") || absl::EndsWith(p, ".tiff")) return ImageFormat::kTiff;
  if (absl::EndsWith(p, ".pdf")) return ImageFormat::kPdf;
  return absl::InvalidArgumentError("output must end in .png, .tif, .tiff or .pdf");
}

absl::StatusOr<DocumentRedaction> RedactDocument(ocr::EnginePool& pool, const ocr::Document& doc,
                                                 const Analyzer& analyzer, const Policy& policy,
                                                 const CaseKey& key,
                                                 const DocumentRedactionOptions& options) {
  ocr::RecognizeOptions ro;
  ro.language = options.language;
  absl::StatusOr<std::vector<ocr::Page>> pages = pool.Recognize(doc, ro);
  if (!pages.ok()) return pages.status();
  DocumentRedaction out;
  out.log.document = options.document_name;
  LeakCheckResult leak;
  leak.performed = policy.leak_check;
  leak.passed = true;
  int dpi = 300;
  bool releasable = true;
  for (size_t i = 0; i < pages->size(); ++i) {
    const ocr::Page& page = (*pages)[i];
    absl::StatusOr<ocr::PageImage> image = doc.DecodePage(static_cast<int32_t>(i));
    if (!image.ok()) return image.status();
    dpi = image->dpi;
    absl::StatusOr<text::Language> lang = ResolveLanguage(page.language, "");
    if (!lang.ok()) return lang.status();
    absl::StatusOr<PagePlan> plan = PlanPage(analyzer, page, *lang, policy, key,
                                             options.review_boxes, image->pix.get(), options.page);
    if (!plan.ok()) return plan.status();
    absl::StatusOr<BurntPage> burnt = BurnAndCheck(pool, image->pix.get(), image->dpi, page,
                                                   *lang, analyzer, policy, key, *plan);
    if (!burnt.ok()) return burnt.status();
    if (burnt->leak_check) {
      leak.setup = burnt->leak_check->setup;
      leak.survivors.insert(leak.survivors.end(), burnt->leak_check->survivors.begin(),
                            burnt->leak_check->survivors.end());
    }
    releasable = releasable && burnt->releasable;
    for (LogFinding& f : plan->findings) out.log.findings.push_back(f);
    for (LogRegion& r : plan->regions) out.log.regions.push_back(r);
    out.plans.push_back(std::move(*plan));
    out.pages.push_back(std::move(burnt->burnt));
  }
  out.ocr_pages = std::move(*pages);
  if (policy.leak_check) {
    leak.passed = releasable;
    out.log.leak_check = leak;
  }
  if (!releasable) return out;  // no output: the caller reports the failed check
  absl::StatusOr<std::string> encoded = Encode(out.pages, options.format, dpi);
  if (!encoded.ok()) return encoded.status();
  out.output = std::move(*encoded);
  return out;
}

}  // namespace bayyina::redact
