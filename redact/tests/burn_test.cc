// Burning without OCR: the skew geometry of burn areas against ocr::PageTransform, fills on a
// rendered, rotated page, and solid black in every pixel format a page can arrive in.

#include <leptonica/allheaders.h>

#include <cmath>

#include "gtest/gtest.h"
#include "ocr/preprocess.h"
#include "ocr/test_render.h"
#include "redact/burn_area.h"
#include "redact/page_redactor.h"

namespace bayyina::redact {
namespace {

constexpr double kDeg = M_PI / 180;

TEST(PageSkew, UnboundRecoversTheRotatedWordFromItsBoundingBox) {
  ocr::PageTransform t;
  t.angle_rad = 2.5 * kDeg;
  t.center_x = 1200;
  t.center_y = 1700;
  t.original_width = 2400;
  t.original_height = 3400;
  const ocr::Box word{300, 900, 760, 940};  // on the deskewed page
  const ocr::Box bounds = t.ToOriginal(word);
  const PageSkew skew(t.angle_rad);
  const BurnQuad quad = skew.ToQuad(skew.Unbound(bounds), 0);
  // Every corner of the word, mapped back by hand, is within rounding of a corner of the quad.
  const double c = std::cos(-t.angle_rad), s = std::sin(-t.angle_rad);
  for (double x : {double(word.left), double(word.right)}) {
    for (double y : {double(word.top), double(word.bottom)}) {
      const double dx = x - t.center_x, dy = y - t.center_y;
      const double ox = t.center_x + dx * c - dy * s, oy = t.center_y + dx * s + dy * c;
      double best = 1e9;
      for (const PointF& p : quad.corners) best = std::min(best, std::hypot(p.x - ox, p.y - oy));
      EXPECT_LT(best, 1.5) << x << "," << y;
    }
  }
  // The quad is much smaller than the bounding box the OCR reports.
  EXPECT_GT(bounds.height(), 55);
}

TEST(PageSkew, BoxesThatCannotBeARotatedWordAreKeptWhole) {
  const PageSkew skew(3 * kDeg);
  const ocr::Box flat{0, 100, 2000, 120};  // a 2000 px wide box this flat is no turned word
  const BurnQuad quad = skew.ToQuad(skew.Unbound(flat), 0);
  const ocr::Box b = quad.Bounds();
  EXPECT_LE(b.left, flat.left);
  EXPECT_LE(b.top, flat.top);
  EXPECT_GE(b.right, flat.right);
  EXPECT_GE(b.bottom, flat.bottom);
}

// A line rendered straight, then turned as a scanner would; the OCR's box for it is the
// straight ink box mapped back (PageTransform::ToOriginal). Burning the quad must take every
// ink pixel of the line and far less background than the bounding box.
TEST(BurnQuads, RotatedWordFillTakesAllInkAndLessThanItsBoundingBox) {
  ocr::PixPtr straight = ocr::testing::RenderLines({"Phone 0770 123 4567 Kevin Osterhagen"},
                                                   "DejaVu Sans 14");
  ASSERT_NE(straight, nullptr);
  const double angle = 2.0 * kDeg;
  ocr::PixPtr skewed(pixRotate(straight.get(), -angle, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  ASSERT_NE(skewed, nullptr);
  ocr::PixPtr binary(pixThresholdToBinary(straight.get(), 128));
  BOX* ink = nullptr;
  ASSERT_EQ(pixClipToForeground(binary.get(), nullptr, &ink), 0);
  l_int32 x, y, w, h;
  boxGetGeometry(ink, &x, &y, &w, &h);
  boxDestroy(&ink);
  ocr::PageTransform t;
  t.angle_rad = angle;
  t.center_x = pixGetWidth(skewed.get()) / 2.0;
  t.center_y = pixGetHeight(skewed.get()) / 2.0;
  t.original_width = pixGetWidth(skewed.get());
  t.original_height = pixGetHeight(skewed.get());
  const ocr::Box bounds = t.ToOriginal({x, y, x + w, y + h});

  // The page's skew is measured the way OCR measures it.
  const PageSkew skew = PageSkew::Measure(skewed.get());
  EXPECT_NEAR(skew.angle(), angle, 0.2 * kDeg);

  auto quad_out = BurnQuads(skewed.get(), {skew.ToQuad(skew.Unbound(bounds), 4)});
  ASSERT_TRUE(quad_out.ok()) << quad_out.status();
  auto box_out = BurnBoxes(skewed.get(), {bounds});
  ASSERT_TRUE(box_out.ok());
  int64_t ink_left = 0, quad_black = 0, box_black = 0;
  for (int yy = 0; yy < pixGetHeight(skewed.get()); ++yy) {
    for (int xx = 0; xx < pixGetWidth(skewed.get()); ++xx) {
      l_uint32 in, q, b;
      pixGetPixel(skewed.get(), xx, yy, &in);
      pixGetPixel(quad_out->get(), xx, yy, &q);
      pixGetPixel(box_out->get(), xx, yy, &b);
      ink_left += in < 200 && q != 0;
      quad_black += q == 0;
      box_black += b == 0;
    }
  }
  EXPECT_EQ(ink_left, 0);
  EXPECT_LT(quad_black * 10, box_black * 8);  // at least 20% less burnt
}

l_uint32 PixelAt(Pix* pix, int x, int y) {
  l_uint32 v = 0;
  pixGetPixel(pix, x, y, &v);
  return v;
}

TEST(BurnQuads, FillIsSolidBlackInEveryPixelFormat) {
  const BurnQuad quad = BurnQuad::FromBox({10, 10, 30, 20});
  {  // RGBA: black and opaque, not transparent.
    ocr::PixPtr rgba(pixCreate(40, 40, 32));
    pixSetSpp(rgba.get(), 4);
    pixSetAllArbitrary(rgba.get(), 0xffffff80);  // white, half transparent
    auto out = BurnQuads(rgba.get(), {quad});
    ASSERT_TRUE(out.ok());
    l_int32 r, g, b, a;
    extractRGBAValues(PixelAt(out->get(), 15, 15), &r, &g, &b, &a);
    EXPECT_EQ(r + g + b, 0);
    EXPECT_EQ(a, 255);
    extractRGBAValues(PixelAt(out->get(), 35, 35), &r, &g, &b, &a);
    EXPECT_EQ(r, 255);  // outside untouched
  }
  {  // A colour map without black: black is added.
    ocr::PixPtr mapped(pixCreate(40, 40, 8));
    PIXCMAP* cmap = pixcmapCreate(8);
    pixcmapAddColor(cmap, 255, 255, 255);
    pixcmapAddColor(cmap, 200, 30, 30);
    pixSetColormap(mapped.get(), cmap);
    auto out = BurnQuads(mapped.get(), {quad});
    ASSERT_TRUE(out.ok());
    l_int32 r, g, b;
    PIXCMAP* outmap = pixGetColormap(out->get());
    ASSERT_NE(outmap, nullptr);
    pixcmapGetColor(outmap, static_cast<l_int32>(PixelAt(out->get(), 15, 15)), &r, &g, &b);
    EXPECT_EQ(r + g + b, 0);
    pixcmapGetColor(outmap, static_cast<l_int32>(PixelAt(out->get(), 35, 35)), &r, &g, &b);
    EXPECT_EQ(r, 255);
  }
  {  // 1 bpp: 1 is black. 8 bpp grey: 0 is black.
    ocr::PixPtr bw(pixCreate(40, 40, 1));
    auto out = BurnQuads(bw.get(), {quad});
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(PixelAt(out->get(), 15, 15), 1u);
    EXPECT_EQ(PixelAt(out->get(), 35, 35), 0u);
    ocr::PixPtr grey(pixCreate(40, 40, 8));
    pixSetAll(grey.get());
    out = BurnQuads(grey.get(), {quad});
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(PixelAt(out->get(), 15, 15), 0u);
    EXPECT_EQ(PixelAt(out->get(), 35, 35), 255u);
    EXPECT_EQ(PixelAt(out->get(), 30, 15), 255u);  // half-open: column 30 is outside
  }
}

}  // namespace
}  // namespace bayyina::redact
