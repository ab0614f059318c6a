#ifndef BAYYINA_OCR_PIX_H_
#define BAYYINA_OCR_PIX_H_

// Owning handle for a Leptonica image, so that no code path leaks or double-frees one, and the
// two things the OCR rules do with a page's pixels: find the pieces of ink in a box, and blank
// a box out.

#include <memory>
#include <vector>

#include "ocr/page.h"

struct Pix;

namespace bayyina::ocr {

struct PixDeleter {
  void operator()(Pix* pix) const;
};

// Owns a Leptonica PIX (destroyed with pixDestroy, which honours Leptonica's reference count).
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// The boxes, in `gray`'s coordinates, of the 8-connected pieces of ink (darker than 128 on
// an 8-bit grey image, set on a 1-bit one) inside `box`, in no particular order; empty if
// `box` is empty or misses the image. Thread-safe.
std::vector<Box> InkPieces(Pix* gray, const Box& box);

// Paints `box` of `pix` (8-bit grey or 1-bit) white, clipped to the image.
void Whiten(Pix* pix, const Box& box);

// Silences Leptonica's stderr messages process-wide (they are noise for a service, and a log
// must never need them). Idempotent and thread-safe; called by every entry point of ocr/.
void QuietLeptonica();

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_PIX_H_
