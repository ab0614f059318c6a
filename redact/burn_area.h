#ifndef BAYYINA_REDACT_BURN_AREA_H_
#define BAYYINA_REDACT_BURN_AREA_H_

// What gets burnt into a page: convex quadrilaterals of page pixels, filled solid black in the
// image's own pixel format.
//
// OCR reads a skewed page after rotating it straight, and reports each word's box as the
// axis-aligned bounding box of the word's (rotated) box in the original pixels. Burning that
// bounding box would take in the ends of the words above and below a long value on a tilted
// line, so PageSkew recovers the word's rotated rectangle from the bounding box and the page's
// skew angle, and the burn is that rectangle (padded) as a quadrilateral, with the rest of its
// bounding box but for the words that stay.

#include <array>
#include <vector>

#include "absl/status/statusor.h"
#include "ocr/page.h"
#include "ocr/pix.h"

namespace bayyina::redact {

struct PointF {
  double x = 0;
  double y = 0;
};

// A convex quadrilateral in page pixels, corners in order around it.
struct BurnQuad {
  std::array<PointF, 4> corners;

  // The box itself (half-open [left, right) x [top, bottom)).
  static BurnQuad FromBox(const ocr::Box& box);
  // The smallest pixel box that holds every pixel the quad touches.
  ocr::Box Bounds() const;
};

// A rectangle in the deskewed frame of a page (the original rotated by the skew angle about
// the origin), where the words of a line sit on one horizontal.
struct FrameRect {
  double left = 0, top = 0, right = 0, bottom = 0;

  FrameRect Union(const FrameRect& other) const;
};

// The skew of one page. Thread-compatible value.
class PageSkew {
 public:
  // `angle_rad` is the clockwise rotation that straightens the page (ocr::PageTransform's).
  explicit PageSkew(double angle_rad = 0) : angle_(angle_rad) {}

  // The angle ocr::Preprocess (default options) straightens `image` by, i.e. the one OCR read
  // the page with. 0 when the page is not deskewed or cannot be measured. REQUIRES: image.
  static PageSkew Measure(Pix* image);

  double angle() const { return angle_; }

  // The rectangle of the deskewed frame whose rotated image has `box` as its bounding box:
  // a word as printed. When `box` cannot be such a bounding box (too flat for the angle, e.g.
  // clipped at the page edge) the result is the frame rectangle that holds all of `box`, so
  // nothing inside `box` is ever left out.
  FrameRect Unbound(const ocr::Box& box) const;

  // `rect` grown by `pad` pixels on every side, back in page pixels.
  BurnQuad ToQuad(const FrameRect& rect, double pad) const;

 private:
  PointF ToFrame(PointF p) const;
  PointF FromFrame(PointF p) const;

  double angle_;
};

// A copy of `image` (same size; no text/comment field) with every quad of `burn` filled solid
// black: 1 in 1 bpp, 0 in grey, opaque black (alpha 255) in RGB(A), the black entry of a
// colour map (added when missing; when the map is full the copy loses its colour map and gets
// RGB). With `keep` (the words that stay, as printed), the whole bounding box of each burn
// quad is filled except where it meets a kept word: on a skewed page a value's box goes black
// as a reader expects, and the tilted lines above and below stay readable. The burn quads
// themselves are always filled, also where a kept word's box overlaps them.
absl::StatusOr<ocr::PixPtr> BurnQuads(Pix* image, const std::vector<BurnQuad>& burn,
                                      const std::vector<BurnQuad>& keep = {});

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_BURN_AREA_H_
