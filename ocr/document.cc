#include "ocr/document.h"

#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <mutex>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace bayyina::ocr {
namespace {

// The input bytes, owned in memory or mapped from a file.
class Bytes {
 public:
  virtual ~Bytes() = default;
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 protected:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

class OwnedBytes : public Bytes {
 public:
  explicit OwnedBytes(std::string s) : s_(std::move(s)) {
    data_ = reinterpret_cast<const uint8_t*>(s_.data());
    size_ = s_.size();
  }

 private:
  std::string s_;
};

class MappedBytes : public Bytes {
 public:
  MappedBytes(void* addr, size_t size) {
    data_ = static_cast<const uint8_t*>(addr);
    size_ = size;
  }
  ~MappedBytes() override {
    if (size_ > 0) munmap(const_cast<uint8_t*>(data_), size_);
  }
};

absl::Status CheckPageSize(int32_t index, int64_t w, int64_t h, const DecodeLimits& limits) {
  if (w <= 0 || h <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("page ", index + 1, " has no pixels"));
  }
  if (w > limits.max_page_side || h > limits.max_page_side) {
    return absl::ResourceExhaustedError(
        absl::StrCat("page ", index + 1, " is ", w, "x", h, " pixels; the limit is ",
                     limits.max_page_side, " pixels per side"));
  }
  if (w * h > limits.max_page_pixels) {
    return absl::ResourceExhaustedError(
        absl::StrCat("page ", index + 1, " has ", w * h, " pixels; the limit is ",
                     limits.max_page_pixels));
  }
  return absl::OkStatus();
}

absl::Status CheckPageCount(int64_t n, const DecodeLimits& limits) {
  if (n <= 0) return absl::InvalidArgumentError("document has no pages");
  if (n > limits.max_pages) {
    return absl::ResourceExhaustedError(
        absl::StrCat("document has ", n, " pages; the limit is ", limits.max_pages));
  }
  return absl::OkStatus();
}

int32_t PlausibleDpi(int32_t declared) {
  return (declared >= 50 && declared <= 2400) ? declared : 300;
}

// Brings a decoded image to 1, 8 or 32 bpp without colormap or alpha (alpha blended on white).
absl::StatusOr<PixPtr> Canonicalize(PixPtr pix) {
  if (pixGetColormap(pix.get()) != nullptr) {
    pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
    if (!pix) return absl::InvalidArgumentError("cannot expand the image's colour map");
  }
  const int32_t depth = pixGetDepth(pix.get());
  if (depth == 32 && pixGetSpp(pix.get()) == 4) {
    pix.reset(pixAlphaBlendUniform(pix.get(), 0xffffff00));
    if (!pix) return absl::InvalidArgumentError("cannot flatten the image's alpha channel");
    pixSetSpp(pix.get(), 3);
  } else if (depth == 2 || depth == 4 || depth == 16) {
    pix.reset(pixConvertTo8(pix.get(), 0));
    if (!pix) return absl::InvalidArgumentError("cannot convert the image to 8 bits per pixel");
  } else if (depth != 1 && depth != 8 && depth != 32) {
    return absl::InvalidArgumentError(absl::StrCat("unsupported image depth ", depth));
  }
  return pix;
}

// PNG, JPEG and TIFF, decoded with Leptonica.
class RasterDocument : public Document {
 public:
  RasterDocument(InputFormat format, std::vector<PageSize> sizes,
                 std::shared_ptr<const Bytes> bytes)
      : Document(format, std::move(sizes)), bytes_(std::move(bytes)) {}

  absl::StatusOr<PageImage> DecodePage(int32_t index) const override {
    const char* name = InputFormatName(format()).data();
    PixPtr pix;
    switch (format()) {
      case InputFormat::kPng:
        pix.reset(pixReadMemPng(bytes_->data(), bytes_->size()));
        break;
      case InputFormat::kJpeg: {
        // hint 0: fail on corrupt or truncated data instead of returning a damaged image.
        l_int32 warnings = 0;
        pix.reset(pixReadMemJpeg(bytes_->data(), bytes_->size(), 0, 1, &warnings, 0));
        if (warnings > 0) pix.reset();
        break;
      }
      case InputFormat::kTiff:
        pix.reset(pixReadMemTiff(bytes_->data(), bytes_->size(), index));
        break;
      case InputFormat::kPdf:
        break;
    }
    if (!pix) {
      return absl::InvalidArgumentError(
          absl::StrCat("page ", index + 1, ": corrupt, truncated or unsupported ", name, " data"));
    }
    const PageSize want = page_size(index);
    if (pixGetWidth(pix.get()) != want.width || pixGetHeight(pix.get()) != want.height) {
      return absl::InvalidArgumentError(
          absl::StrCat("page ", index + 1, ": decoded size differs from the ", name, " header"));
    }
    const int32_t dpi = PlausibleDpi(pixGetXRes(pix.get()));
    absl::StatusOr<PixPtr> canonical = Canonicalize(std::move(pix));
    if (!canonical.ok()) return canonical.status();
    return PageImage{std::move(*canonical), dpi};
  }

 private:
  std::shared_ptr<const Bytes> bytes_;
};

void IgnorePopplerMessage(const std::string&, void*) {}

// PDF pages rasterized with poppler-cpp.
class PdfDocument : public Document {
 public:
  PdfDocument(std::vector<PageSize> sizes, std::shared_ptr<const Bytes> bytes,
              std::unique_ptr<poppler::document> doc, int32_t dpi)
      : Document(InputFormat::kPdf, std::move(sizes)),
        bytes_(std::move(bytes)),
        doc_(std::move(doc)),
        dpi_(dpi) {}

  absl::StatusOr<PageImage> DecodePage(int32_t index) const override {
    poppler::image image;
    {
      // Poppler does not promise that one document renders on several threads at once.
      std::lock_guard<std::mutex> lock(mu_);
      std::unique_ptr<poppler::page> page(doc_->create_page(index));
      if (!page) {
        return absl::InvalidArgumentError(absl::StrCat("PDF page ", index + 1, " is corrupt"));
      }
      poppler::page_renderer renderer;
      renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
      renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
      renderer.set_image_format(poppler::image::format_argb32);
      image = renderer.render_page(page.get(), dpi_, dpi_);
    }
    const PageSize want = page_size(index);
    if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("PDF page ", index + 1, " could not be rendered"));
    }
    // Rounding may differ by a pixel from our estimate; anything larger than the checked size
    // plus slack means the estimate was wrong and the limits must hold regardless.
    if (image.width() > want.width + 2 || image.height() > want.height + 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("PDF page ", index + 1, " rendered larger than its declared size"));
    }
    PixPtr pix(pixCreate(image.width(), image.height(), 32));
    if (!pix) return absl::ResourceExhaustedError("cannot allocate the page image");
    pixSetResolution(pix.get(), dpi_, dpi_);
    const char* src = image.const_data();
    const int stride = image.bytes_per_row();
    l_uint32* dst = pixGetData(pix.get());
    const int32_t wpl = pixGetWpl(pix.get());
    for (int y = 0; y < image.height(); ++y) {
      // format_argb32 is stored as native 32-bit words 0xAARRGGBB over an opaque white paper.
      const uint32_t* row = reinterpret_cast<const uint32_t*>(src + static_cast<size_t>(y) * stride);
      l_uint32* out = dst + static_cast<size_t>(y) * wpl;
      for (int x = 0; x < image.width(); ++x) out[x] = (row[x] & 0x00ffffffu) << 8;
    }
    return PageImage{std::move(pix), dpi_};
  }

 private:
  std::shared_ptr<const Bytes> bytes_;  // poppler reads from these bytes without copying
  std::unique_ptr<poppler::document> doc_;
  int32_t dpi_;
  mutable std::mutex mu_;
};

absl::StatusOr<std::unique_ptr<Document>> OpenPdf(std::shared_ptr<const Bytes> bytes,
                                                  const DecodeLimits& limits) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(IgnorePopplerMessage, nullptr); });
  if (bytes->size() > static_cast<size_t>(INT_MAX)) {
    return absl::ResourceExhaustedError("PDF input is larger than 2 GiB");
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      reinterpret_cast<const char*>(bytes->data()), static_cast<int>(bytes->size())));
  if (!doc) return absl::InvalidArgumentError("corrupt or truncated PDF data");
  if (doc->is_locked()) return absl::InvalidArgumentError("PDF is encrypted");
  const int n = doc->pages();
  if (absl::Status s = CheckPageCount(n, limits); !s.ok()) return s;
  std::vector<PageSize> sizes;
  sizes.reserve(n);
  const double scale = limits.pdf_dpi / 72.0;
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) return absl::InvalidArgumentError(absl::StrCat("PDF page ", i + 1, " is corrupt"));
    const poppler::rectf rect = page->page_rect(poppler::crop_box);
    double w = std::ceil(std::abs(rect.width()) * scale);
    double h = std::ceil(std::abs(rect.height()) * scale);
    const auto orientation = page->orientation();
    if (orientation == poppler::page::landscape || orientation == poppler::page::seascape) {
      std::swap(w, h);
    }
    // Doubles first, so that absurd MediaBoxes cannot overflow the integer check.
    if (!(w < 1e9 && h < 1e9)) {
      return absl::ResourceExhaustedError(absl::StrCat("PDF page ", i + 1, " is too large"));
    }
    if (absl::Status s = CheckPageSize(i, static_cast<int64_t>(w), static_cast<int64_t>(h), limits);
        !s.ok()) {
      return s;
    }
    sizes.push_back(PageSize{static_cast<int32_t>(w), static_cast<int32_t>(h)});
  }
  return std::unique_ptr<Document>(
      new PdfDocument(std::move(sizes), std::move(bytes), std::move(doc), limits.pdf_dpi));
}

absl::StatusOr<std::unique_ptr<Document>> OpenRaster(InputFormat format,
                                                     std::shared_ptr<const Bytes> bytes,
                                                     const DecodeLimits& limits) {
  const char* name = InputFormatName(format).data();
  std::vector<PageSize> sizes;
  if (format == InputFormat::kTiff) {
    FILE* fp = fopenReadFromMemory(bytes->data(), bytes->size());
    if (fp == nullptr) return absl::InternalError("cannot open TIFF data as a stream");
    l_int32 n = 0;
    const l_ok bad = tiffGetCount(fp, &n);
    fclose(fp);
    if (bad) return absl::InvalidArgumentError("corrupt or truncated TIFF data");
    if (absl::Status s = CheckPageCount(n, limits); !s.ok()) return s;
    for (int32_t i = 0; i < n; ++i) {
      l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, fmt = 0;
      if (readHeaderMemTiff(bytes->data(), bytes->size(), i, &w, &h, &bps, &spp, &res, &cmap,
                            &fmt)) {
        return absl::InvalidArgumentError(
            absl::StrCat("TIFF page ", i + 1, ": corrupt or truncated header"));
      }
      if (absl::Status s = CheckPageSize(i, w, h, limits); !s.ok()) return s;
      sizes.push_back(PageSize{w, h});
    }
  } else {
    l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (pixReadHeaderMem(bytes->data(), bytes->size(), &fmt, &w, &h, &bps, &spp, &cmap)) {
      return absl::InvalidArgumentError(absl::StrCat("corrupt or truncated ", name, " header"));
    }
    if (absl::Status s = CheckPageSize(0, w, h, limits); !s.ok()) return s;
    sizes.push_back(PageSize{w, h});
  }
  return std::unique_ptr<Document>(new RasterDocument(format, std::move(sizes), std::move(bytes)));
}

absl::StatusOr<std::unique_ptr<Document>> Open(std::shared_ptr<const Bytes> bytes,
                                               const DecodeLimits& limits) {
  QuietLeptonica();
  if (bytes->size() > static_cast<uint64_t>(limits.max_input_bytes)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "input is ", bytes->size(), " bytes; the limit is ", limits.max_input_bytes));
  }
  absl::StatusOr<InputFormat> format = SniffFormat({bytes->data(), bytes->size()});
  if (!format.ok()) return format.status();
  if (*format == InputFormat::kPdf) return OpenPdf(std::move(bytes), limits);
  return OpenRaster(*format, std::move(bytes), limits);
}

bool StartsWith(absl::Span<const uint8_t> bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && std::memcmp(bytes.data(), magic.data(), magic.size()) == 0;
}

}  // namespace

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kPng:
      return "PNG";
    case InputFormat::kJpeg:
      return "JPEG";
    case InputFormat::kTiff:
      return "TIFF";
    case InputFormat::kPdf:
      return "PDF";
  }
  return "unknown";
}

absl::StatusOr<InputFormat> SniffFormat(absl::Span<const uint8_t> bytes) {
  using namespace std::string_view_literals;
  if (bytes.empty()) return absl::InvalidArgumentError("input is empty");
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n"sv)) return InputFormat::kPng;
  if (StartsWith(bytes, "\xff\xd8\xff"sv)) return InputFormat::kJpeg;
  if (StartsWith(bytes, "II*\0"sv) || StartsWith(bytes, "MM\0*"sv)) return InputFormat::kTiff;
  // PDF readers accept the header anywhere in the first 1024 bytes.
  const std::string_view head(reinterpret_cast<const char*>(bytes.data()),
                              std::min<size_t>(bytes.size(), 1024));
  if (head.find("%PDF-") != std::string_view::npos) return InputFormat::kPdf;
  return absl::InvalidArgumentError(
      "unrecognized input format; expected PNG, JPEG, TIFF or PDF");
}

absl::StatusOr<std::unique_ptr<Document>> Document::FromBytes(std::string bytes,
                                                              const DecodeLimits& limits) {
  return Open(std::make_shared<OwnedBytes>(std::move(bytes)), limits);
}

absl::StatusOr<std::unique_ptr<Document>> Document::FromFile(const std::string& path,
                                                             const DecodeLimits& limits) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return absl::NotFoundError("input file does not exist");
    if (err == EACCES) return absl::PermissionDeniedError("input file is not readable");
    return absl::InvalidArgumentError(absl::StrCat("cannot open input file: ", std::strerror(err)));
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return absl::InvalidArgumentError("input is not a regular file");
  }
  if (st.st_size == 0) {
    close(fd);
    return absl::InvalidArgumentError("input is empty");
  }
  if (st.st_size > limits.max_input_bytes) {
    close(fd);
    return absl::ResourceExhaustedError(absl::StrCat(
        "input is ", st.st_size, " bytes; the limit is ", limits.max_input_bytes));
  }
  void* addr = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (addr == MAP_FAILED) return absl::ResourceExhaustedError("cannot map the input file");
  return Open(std::make_shared<MappedBytes>(addr, static_cast<size_t>(st.st_size)), limits);
}

}  // namespace bayyina::ocr
