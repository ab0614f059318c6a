#include "ocr/preprocess.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"

namespace bayyina::ocr {
namespace {

// Median height of connected components that look like letters (not specks, not rules).
double MedianTextHeight(Pix* binary) {
  BOXA* boxa = pixConnCompBB(binary, 8);
  if (boxa == nullptr) return 0;
  std::vector<int> heights;
  const int n = boxaGetCount(boxa);
  heights.reserve(n);
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
    if (h >= 4 && h <= 300 && w <= 6 * h) heights.push_back(h);
  }
  boxaDestroy(&boxa);
  if (heights.size() < 20) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

}  // namespace

// Leptonica's pixMedianFilter is a general rank filter and cost 0.3 s per speckled page. The
// median of nine is also the median of (largest column minimum, median of column medians,
// smallest column maximum) once each column of three is sorted: a few min/max per pixel, over
// rows in memory order so that the compiler vectorizes them.
PixPtr MedianFilter3x3(Pix* gray) {
  if (pixGetDepth(gray) != 8 || pixGetColormap(gray) != nullptr) return nullptr;
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  // Leptonica keeps 8 bpp pixels in 32-bit words; swapped, a row's bytes are in pixel order.
  PixPtr in(pixEndianByteSwapNew(gray));
  PixPtr out(pixCreateTemplate(gray));
  if (!in || !out || w < 1 || h < 1) return nullptr;
  auto row = [](Pix* pix, int y) {
    return reinterpret_cast<uint8_t*>(pixGetData(pix) + static_cast<size_t>(y) * pixGetWpl(pix));
  };
  // Columns sorted, with the edge column repeated on both sides.
  std::vector<uint8_t> lo(w + 2), mid(w + 2), hi(w + 2);
  for (int y = 0; y < h; ++y) {
    const uint8_t* a = row(in.get(), y > 0 ? y - 1 : 0);
    const uint8_t* b = row(in.get(), y);
    const uint8_t* c = row(in.get(), y + 1 < h ? y + 1 : h - 1);
    for (int x = 0; x < w; ++x) {
      const uint8_t min_ab = std::min(a[x], b[x]), max_ab = std::max(a[x], b[x]);
      lo[x + 1] = std::min(min_ab, c[x]);
      hi[x + 1] = std::max(max_ab, c[x]);
      mid[x + 1] = std::max(min_ab, std::min(max_ab, c[x]));
    }
    lo[0] = lo[1], mid[0] = mid[1], hi[0] = hi[1];
    lo[w + 1] = lo[w], mid[w + 1] = mid[w], hi[w + 1] = hi[w];
    uint8_t* o = row(out.get(), y);
    for (int x = 0; x < w; ++x) {
      const uint8_t max_lo = std::max(std::max(lo[x], lo[x + 1]), lo[x + 2]);
      const uint8_t min_hi = std::min(std::min(hi[x], hi[x + 1]), hi[x + 2]);
      const uint8_t m0 = mid[x], m1 = mid[x + 1], m2 = mid[x + 2];
      const uint8_t med_mid = std::max(std::min(m0, m1), std::min(std::max(m0, m1), m2));
      o[x] = std::max(std::min(max_lo, med_mid), std::min(std::max(max_lo, med_mid), min_hi));
    }
  }
  pixEndianByteSwap(out.get());
  return out;
}

Box PageTransform::ToOriginal(const Box& p) const {
  const double c = std::cos(-angle_rad), s = std::sin(-angle_rad);
  double min_x = 1e18, min_y = 1e18, max_x = -1e18, max_y = -1e18;
  for (double x : {double(p.left), double(p.right)}) {
    for (double y : {double(p.top), double(p.bottom)}) {
      const double dx = x - center_x, dy = y - center_y;
      const double ux = (center_x + dx * c - dy * s) / scale;
      const double uy = (center_y + dx * s + dy * c) / scale;
      min_x = std::min(min_x, ux);
      max_x = std::max(max_x, ux);
      min_y = std::min(min_y, uy);
      max_y = std::max(max_y, uy);
    }
  }
  auto clip = [](double v, int32_t hi) {
    return static_cast<int32_t>(std::clamp(v, 0.0, static_cast<double>(hi)));
  };
  return Box{clip(std::floor(min_x), original_width), clip(std::floor(min_y), original_height),
             clip(std::ceil(max_x), original_width), clip(std::ceil(max_y), original_height)};
}

Box PageTransform::ToProcessed(const Box& o) const {
  const double c = std::cos(angle_rad), s = std::sin(angle_rad);
  double min_x = 1e18, min_y = 1e18, max_x = -1e18, max_y = -1e18;
  for (double x : {double(o.left), double(o.right)}) {
    for (double y : {double(o.top), double(o.bottom)}) {
      const double dx = x * scale - center_x, dy = y * scale - center_y;
      const double px = center_x + dx * c - dy * s;
      const double py = center_y + dx * s + dy * c;
      min_x = std::min(min_x, px);
      max_x = std::max(max_x, px);
      min_y = std::min(min_y, py);
      max_y = std::max(max_y, py);
    }
  }
  return Box{static_cast<int32_t>(std::floor(min_x)), static_cast<int32_t>(std::floor(min_y)),
             static_cast<int32_t>(std::ceil(max_x)), static_cast<int32_t>(std::ceil(max_y))};
}

absl::StatusOr<PreparedPage> Preprocess(Pix* pix, const PreprocessOptions& options) {
  QuietLeptonica();
  PreparedPage out;
  out.transform.original_width = pixGetWidth(pix);
  out.transform.original_height = pixGetHeight(pix);
  out.gray.reset(pixGetDepth(pix) == 8 ? pixClone(pix) : pixConvertTo8(pix, 0));
  if (!out.gray) return absl::InvalidArgumentError("cannot convert the page to grey");

  // A global threshold is enough to measure text height, skew and borders.
  PixPtr binary(pixThresholdToBinary(out.gray.get(), 140));
  if (!binary) return absl::ResourceExhaustedError("cannot binarize the page");
  out.text_height = MedianTextHeight(binary.get());

  if (options.remove_border) {
    // Border-connected components that span a large part of a side are scanner edges, not text.
    PixPtr border(pixExtractBorderConnComps(binary.get(), 8));
    if (border) {
      BOXA* boxa = pixConnCompBB(border.get(), 8);
      const int n = boxa ? boxaGetCount(boxa) : 0;
      const int w = pixGetWidth(pix), h = pixGetHeight(pix);
      for (int i = 0; i < n; ++i) {
        l_int32 bx, by, bw, bh;
        boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
        if (bw > w / 4 || bh > h / 4) {
          BOX* box = boxaGetBox(boxa, i, L_CLONE);
          PixPtr part(pixClipRectangle(border.get(), box, nullptr));
          if (part) {
            pixPaintThroughMask(out.gray.get(), part.get(), bx, by, 255);
            pixRasterop(binary.get(), bx, by, bw, bh, PIX_SRC ^ PIX_DST, part.get(), 0, 0);
          }
          boxDestroy(&box);
        }
      }
      boxaDestroy(&boxa);
    }
  }

  if (options.denoise) {
    // Speckle noise shows up as many components of a pixel or two; only then is a median
    // filter worth its cost (it also blurs thin strokes a little).
    BOXA* boxa = pixConnCompBB(binary.get(), 8);
    const int n = boxa ? boxaGetCount(boxa) : 0;
    int specks = 0;
    for (int i = 0; i < n; ++i) {
      l_int32 bx, by, bw, bh;
      boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
      if (bw <= 2 && bh <= 2) ++specks;
    }
    boxaDestroy(&boxa);
    if (n > 0 && specks * 3 > n) {
      PixPtr smooth = MedianFilter3x3(out.gray.get());
      if (smooth) out.gray = std::move(smooth);
    }
  }

  if (options.rescale && out.text_height > 0 &&
      (out.text_height < kMinTextHeight || out.text_height > kMaxTextHeight)) {
    const double scale = std::clamp(kTargetTextHeight / out.text_height, 0.5, 2.0);
    PixPtr scaled(scale < 1 ? pixScaleAreaMap(out.gray.get(), scale, scale)
                            : pixScaleGrayLI(out.gray.get(), scale, scale));
    if (!scaled) return absl::ResourceExhaustedError("cannot rescale the page");
    out.gray = std::move(scaled);
    out.transform.scale = scale;
  }

  out.transform.center_x = pixGetWidth(out.gray.get()) / 2.0;
  out.transform.center_y = pixGetHeight(out.gray.get()) / 2.0;
  if (options.deskew) {
    l_float32 angle = 0, conf = 0;
    if (pixFindSkewSweepAndSearch(binary.get(), &angle, &conf, 4, 2, 5.0, 1.0, 0.01) == 0 &&
        conf > 2.5 && std::abs(angle) > 0.15) {
      const double rad = angle * M_PI / 180.0;
      PixPtr rotated(pixRotate(out.gray.get(), rad, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
      if (rotated) {
        out.gray = std::move(rotated);
        out.transform.angle_rad = rad;
      }
    }
  }
  return out;
}

}  // namespace bayyina::ocr
