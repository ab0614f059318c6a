#include "redact/burn_area.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ocr/preprocess.h"

namespace bayyina::redact {
namespace {

// A word's rectangle is at least this share of its bounding box's height: flatter results
// mean the box was not a rotated word's bounding box.
constexpr double kMinHeightShare = 0.25;

// The x-extent of `q` over the pixel row band [y, y + 1]; false when the band misses it.
bool RowSpan(const BurnQuad& q, double y, double* min_x, double* max_x) {
  const double y0 = y, y1 = y + 1;
  double lo_x = std::numeric_limits<double>::infinity(), hi_x = -lo_x;
  for (size_t i = 0; i < 4; ++i) {
    const PointF& a = q.corners[i];
    const PointF& b = q.corners[(i + 1) % 4];
    if (std::max(a.y, b.y) < y0 || std::min(a.y, b.y) > y1) continue;
    if (a.y == b.y) {
      lo_x = std::min({lo_x, a.x, b.x});
      hi_x = std::max({hi_x, a.x, b.x});
      continue;
    }
    // The part of the edge inside the band (the quad is convex, so the band's cut is the
    // hull of these parts).
    const double t0 = (y0 - a.y) / (b.y - a.y), t1 = (y1 - a.y) / (b.y - a.y);
    const double lo = std::max(0.0, std::min(t0, t1)), hi = std::min(1.0, std::max(t0, t1));
    if (lo > hi) continue;
    for (double t : {lo, hi}) {
      const double x = a.x + t * (b.x - a.x);
      lo_x = std::min(lo_x, x);
      hi_x = std::max(hi_x, x);
    }
  }
  if (lo_x > hi_x) return false;
  *min_x = lo_x;
  *max_x = hi_x;
  return true;
}

// The value that is black in `pix`'s format, turning a full colour map into RGB when needed.
absl::StatusOr<l_uint32> BlackValue(ocr::PixPtr& pix) {
  PIXCMAP* cmap = pixGetColormap(pix.get());
  if (cmap != nullptr) {
    l_int32 index = -1;
    if (pixcmapGetIndex(cmap, 0, 0, 0, &index) == 0) return static_cast<l_uint32>(index);
    if (pixcmapGetFreeCount(cmap) > 0 && pixcmapAddColor(cmap, 0, 0, 0) == 0) {
      return static_cast<l_uint32>(pixcmapGetCount(cmap) - 1);
    }
    ocr::PixPtr rgb(pixRemoveColormap(pix.get(), REMOVE_CMAP_TO_FULL_COLOR));
    if (!rgb) return absl::InternalError("cannot expand the page's colour map");
    pix = std::move(rgb);
  }
  switch (pixGetDepth(pix.get())) {
    case 1:
      return 1u;
    case 2:
    case 4:
    case 8:
    case 16:
      return 0u;
    case 32: {
      l_uint32 v = 0;
      composeRGBAPixel(0, 0, 0, 255, &v);
      return v;
    }
    default:
      return absl::InvalidArgumentError("unsupported page image depth");
  }
}

}  // namespace

BurnQuad BurnQuad::FromBox(const ocr::Box& b) {
  return {{{{double(b.left), double(b.top)},
            {double(b.right), double(b.top)},
            {double(b.right), double(b.bottom)},
            {double(b.left), double(b.bottom)}}}};
}

ocr::Box BurnQuad::Bounds() const {
  double l = corners[0].x, t = corners[0].y, r = l, b = t;
  for (const PointF& p : corners) {
    l = std::min(l, p.x);
    t = std::min(t, p.y);
    r = std::max(r, p.x);
    b = std::max(b, p.y);
  }
  return {static_cast<int32_t>(std::floor(l)), static_cast<int32_t>(std::floor(t)),
          static_cast<int32_t>(std::ceil(r)), static_cast<int32_t>(std::ceil(b))};
}

FrameRect FrameRect::Union(const FrameRect& o) const {
  return {std::min(left, o.left), std::min(top, o.top), std::max(right, o.right),
          std::max(bottom, o.bottom)};
}

PageSkew PageSkew::Measure(Pix* image) {
  // The same preprocessing OCR runs; rescaling and denoising do not change the angle.
  ocr::PreprocessOptions options;
  options.rescale = false;
  options.denoise = false;
  absl::StatusOr<ocr::PreparedPage> prepared = ocr::Preprocess(image, options);
  return PageSkew(prepared.ok() ? prepared->transform.angle_rad : 0.0);
}

PointF PageSkew::ToFrame(PointF p) const {
  const double c = std::cos(angle_), s = std::sin(angle_);
  return {p.x * c - p.y * s, p.x * s + p.y * c};
}

PointF PageSkew::FromFrame(PointF p) const {
  const double c = std::cos(angle_), s = std::sin(angle_);
  return {p.x * c + p.y * s, -p.x * s + p.y * c};
}

FrameRect PageSkew::Unbound(const ocr::Box& box) const {
  const double c = std::cos(angle_), s = std::abs(std::sin(angle_));
  const double bw = box.width(), bh = box.height();
  // A w x h rectangle turned by the angle has the bounding box w c + h s by w s + h c.
  const double det = c * c - s * s;
  const double w = (bw * c - bh * s) / det, h = (bh * c - bw * s) / det;
  const PointF centre = ToFrame({(box.left + box.right) / 2.0, (box.top + box.bottom) / 2.0});
  if (angle_ != 0 && w > 0 && h >= kMinHeightShare * bh) {
    return {centre.x - w / 2, centre.y - h / 2, centre.x + w / 2, centre.y + h / 2};
  }
  FrameRect all{centre.x, centre.y, centre.x, centre.y};
  for (const PointF& p : BurnQuad::FromBox(box).corners) {
    PointF f = ToFrame(p);
    all = all.Union({f.x, f.y, f.x, f.y});
  }
  return all;
}

BurnQuad PageSkew::ToQuad(const FrameRect& r, double pad) const {
  const double l = r.left - pad, t = r.top - pad, rt = r.right + pad, b = r.bottom + pad;
  return {{FromFrame({l, t}), FromFrame({rt, t}), FromFrame({rt, b}), FromFrame({l, b})}};
}

absl::StatusOr<ocr::PixPtr> BurnQuads(Pix* image, const std::vector<BurnQuad>& burn,
                                      const std::vector<BurnQuad>& keep) {
  ocr::PixPtr out(pixCopy(nullptr, image));
  if (!out) return absl::InternalError("cannot copy the page image");
  pixSetText(out.get(), nullptr);
  absl::StatusOr<l_uint32> black = BlackValue(out);
  if (!black.ok()) return black.status();
  const int width = pixGetWidth(out.get()), height = pixGetHeight(out.get());
  BOX* row = boxCreate(0, 0, 1, 1);
  if (row == nullptr) return absl::InternalError("cannot create a box");
  auto fill = [&](int y, int x0, int x1) {
    x0 = std::max(0, x0);
    x1 = std::min(width, x1);
    if (x1 <= x0) return true;
    boxSetGeometry(row, x0, y, x1 - x0, 1);
    return pixSetInRectArbitrary(out.get(), row, *black) == 0;
  };
  bool ok = true;
  std::vector<ocr::Box> keep_bounds;
  for (const BurnQuad& k : keep) keep_bounds.push_back(k.Bounds());
  for (const BurnQuad& q : burn) {
    const ocr::Box bounds = q.Bounds();
    std::vector<size_t> near;  // kept words inside this bounding box
    for (size_t k = 0; k < keep.size(); ++k) {
      const ocr::Box& kb = keep_bounds[k];
      if (kb.left < bounds.right && kb.right > bounds.left && kb.top < bounds.bottom &&
          kb.bottom > bounds.top) {
        near.push_back(k);
      }
    }
    for (int y = std::max(0, bounds.top); ok && y < std::min(height, bounds.bottom); ++y) {
      // The bounding box's row without the kept words' spans on it...
      std::vector<std::pair<int, int>> holes;
      for (size_t k : near) {
        double a, b;
        if (RowSpan(keep[k], y, &a, &b)) {
          holes.emplace_back(static_cast<int>(std::floor(a)), static_cast<int>(std::ceil(b)));
        }
      }
      std::sort(holes.begin(), holes.end());
      int x = bounds.left;
      for (const auto& [a, b] : holes) {
        ok = ok && fill(y, x, std::min(a, bounds.right));
        x = std::max(x, b);
      }
      ok = ok && fill(y, x, bounds.right);
      // ...and the quad itself, whole.
      double min_x, max_x;
      if (RowSpan(q, y, &min_x, &max_x)) {
        ok = ok && fill(y, static_cast<int>(std::floor(min_x)), static_cast<int>(std::ceil(max_x)));
      }
    }
  }
  boxDestroy(&row);
  if (!ok) return absl::InternalError("cannot fill a burn area");
  return out;
}

}  // namespace bayyina::redact
