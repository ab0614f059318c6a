#ifndef BAYYINA_OCR_PREPROCESS_H_
#define BAYYINA_OCR_PREPROCESS_H_

// Leptonica preprocessing of a decoded page before recognition, and the geometric transform
// that maps boxes found on the processed image back to the original page.
//
// Each step can be switched off, because each is kept only where the benchmark shows that it
// helps (see docs/benchmarks.md, "## ocr").

#include <cstdint>

#include "absl/status/statusor.h"
#include "ocr/page.h"
#include "ocr/pix.h"

namespace bayyina::ocr {

struct PreprocessOptions {
  // Rescale pages whose text is small (low-resolution scans) or large (300 dpi scans of
  // 12-14 pt text) so that the letter height lands where Tesseract's models read best.
  bool rescale = true;
  // Measure the skew and rotate it away.
  bool deskew = true;
  // Whiten dark regions connected to the image border (scanner edges, book gutters).
  bool remove_border = true;
  // Smooth salt-and-pepper noise and JPEG ringing before Tesseract binarizes.
  bool denoise = true;
};

// Maps processed-image coordinates back to the original page:
//   processed = R(angle) * (scale * original - center) + center
// where R rotates about `center` of the scaled image.
struct PageTransform {
  double scale = 1.0;
  double angle_rad = 0.0;  // clockwise rotation applied to the scaled image
  double center_x = 0.0;
  double center_y = 0.0;
  int32_t original_width = 0;
  int32_t original_height = 0;

  // The smallest box of the original page that covers `processed` mapped back, clipped to the
  // page.
  Box ToOriginal(const Box& processed) const;
  // The inverse: the smallest box of the processed page that covers `original` (not clipped).
  Box ToProcessed(const Box& original) const;
};

// Text whose median letter height is below kMinTextHeight or above kMaxTextHeight pixels is
// scaled towards kTargetTextHeight (by 0.5x to 2x). Measured on the benchmark pages (300 dpi
// text is about 31-35 px): 23 px lowered the Arabic CER from 15.8% to 13.5% and the Sorani one
// from 10.1% to 7.3%, and made recognition 20% faster; 20 and 27 px did worse.
inline constexpr double kMinTextHeight = 18;
inline constexpr double kMaxTextHeight = 26.5;
inline constexpr double kTargetTextHeight = 23;

// The 3x3 median of an 8 bpp image, edge pixels replicated: the denoising step of Preprocess.
// Returns a new image (owned by the caller); null if `gray` is not 8 bpp, has a colormap, or
// memory runs out. Thread-safe: `gray` is only read.
PixPtr MedianFilter3x3(Pix* gray);

struct PreparedPage {
  PixPtr gray;  // 8 bpp, what the recognizer sees
  PageTransform transform;
  // Estimated median height of lower-case-sized text components in the original, in pixels
  // (0 when no text-like components were found).
  double text_height = 0;
};

// Prepares `pix` (1, 8 or 32 bpp). Thread-safe (no shared state).
absl::StatusOr<PreparedPage> Preprocess(Pix* pix, const PreprocessOptions& options);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_PREPROCESS_H_
