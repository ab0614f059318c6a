#ifndef BAYYINA_OCR_DOCUMENT_H_
#define BAYYINA_OCR_DOCUMENT_H_

// Decoding of submitted scans (PNG, JPEG, multi-page TIFF, PDF) into page images, with explicit
// limits so that hostile input cannot make us allocate without bound.
//
// Opening a document checks the format and the declared size of EVERY page against the limits
// before any page is decoded; pages are then decoded one at a time on demand, so peak memory is
// the input bytes plus the pages being worked on.
//
// Errors (messages name the problem, never any content of the input):
//  - InvalidArgument: unknown format, corrupt or truncated data, encrypted PDF, undecodable page.
//  - ResourceExhausted: input, page count, page dimensions or pixel count over the limits
//    (decompression bombs are caught from their headers, before decoding).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "ocr/pix.h"

namespace bayyina::ocr {

enum class InputFormat { kPng, kJpeg, kTiff, kPdf };

// "PNG", "JPEG", "TIFF" or "PDF".
std::string_view InputFormatName(InputFormat format);

// Identifies the format from the leading bytes. InvalidArgument if it is none of ours.
absl::StatusOr<InputFormat> SniffFormat(absl::Span<const uint8_t> bytes);

struct DecodeLimits {
  int64_t max_input_bytes = int64_t{1} << 30;  // 1 GiB
  int32_t max_pages = 2000;
  // Per page: both sides and the pixel count. 100 Mpx covers A3 at 600 dpi; at 32 bits per
  // pixel one page is then at most 400 MB.
  int32_t max_page_side = 30000;
  int64_t max_page_pixels = 100'000'000;
  // Resolution at which PDF pages are rasterized.
  int32_t pdf_dpi = 300;
};

// One decoded page.
struct PageImage {
  // 1 bpp, 8 bpp grey or 32 bpp RGB; never colour-mapped, never with alpha.
  PixPtr pix;
  // Declared resolution, the PDF rendering resolution, or 300 when none is declared.
  int32_t dpi = 300;
};

// Size of a page as declared by its header (before decoding).
struct PageSize {
  int32_t width = 0;
  int32_t height = 0;
};

class Document {
 public:
  // Takes ownership of `bytes`.
  static absl::StatusOr<std::unique_ptr<Document>> FromBytes(std::string bytes,
                                                             const DecodeLimits& limits = {});
  // Maps the file read-only (the file must not change while the Document lives).
  // NotFound / PermissionDenied / InvalidArgument when it cannot be read.
  static absl::StatusOr<std::unique_ptr<Document>> FromFile(const std::string& path,
                                                            const DecodeLimits& limits = {});

  virtual ~Document() = default;

  InputFormat format() const { return format_; }
  int32_t page_count() const { return static_cast<int32_t>(sizes_.size()); }
  // REQUIRES: 0 <= index < page_count().
  PageSize page_size(int32_t index) const { return sizes_[index]; }

  // Decodes page `index` (0-based). Thread-safe: pages may be decoded concurrently.
  // REQUIRES: 0 <= index < page_count().
  virtual absl::StatusOr<PageImage> DecodePage(int32_t index) const = 0;

 protected:
  Document(InputFormat format, std::vector<PageSize> sizes)
      : format_(format), sizes_(std::move(sizes)) {}

 private:
  InputFormat format_;
  std::vector<PageSize> sizes_;
};

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_DOCUMENT_H_
