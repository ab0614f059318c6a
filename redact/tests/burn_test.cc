// Burning without OCR: the skew geometry of burn areas against ocr::PageTransform, fills on a
// rendered, rotated page, and solid black in every pixel format a page can arrive in.

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "ocr/preprocess.h"
#include "ocr/test_render.h"
#include "redact/analyzer.h"
#include "redact/burn_area.h"
#include "redact/case_key.h"
#include "redact/page_redactor.h"
#include "redact/policy.h"

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

// Three lines rendered straight, then turned as a scanner would; the OCR's box for each is
// its straight ink box mapped back (PageTransform::ToOriginal). Burning the middle line with
// the others kept must take every ink pixel of it and leave the lines above and below whole,
// where its plain bounding box cuts into them.
TEST(BurnQuads, RotatedLineIsBurntWholeAndItsNeighboursStay) {
  ocr::PixPtr straight = ocr::testing::RenderLines(
      {"Statement taken at the station on that day by the duty officer",
       "Phone 0770 123 4567 Kevin Osterhagen and his brother Samir Haddad",
       "The witness said nothing else about the matter at the time"},
      "DejaVu Sans 12");
  ASSERT_NE(straight, nullptr);
  const double angle = 3.0 * kDeg;
  ocr::PixPtr skewed(pixRotate(straight.get(), -angle, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  ASSERT_NE(skewed, nullptr);
  ocr::PageTransform t;
  t.angle_rad = angle;
  t.center_x = pixGetWidth(skewed.get()) / 2.0;
  t.center_y = pixGetHeight(skewed.get()) / 2.0;
  t.original_width = pixGetWidth(skewed.get());
  t.original_height = pixGetHeight(skewed.get());
  // The lines' ink boxes on the straight page: bands of rows with ink.
  ocr::PixPtr binary(pixThresholdToBinary(straight.get(), 128));
  std::vector<ocr::Box> ink_lines;
  const int width = pixGetWidth(binary.get());
  for (int y = 0, top = -1; y <= pixGetHeight(binary.get()); ++y) {
    l_int32 count = 0;
    if (y < pixGetHeight(binary.get())) {
      BOX* row = boxCreate(0, y, width, 1);
      ocr::PixPtr band(pixClipRectangle(binary.get(), row, nullptr));
      boxDestroy(&row);
      pixCountPixels(band.get(), &count, nullptr);
    }
    if (count > 0 && top < 0) top = y;
    if (count == 0 && top >= 0) {
      BOX* band_box = boxCreate(0, top, width, y - top);
      ocr::PixPtr band(pixClipRectangle(binary.get(), band_box, nullptr));
      boxDestroy(&band_box);
      BOX* ink = nullptr;
      if (pixClipToForeground(band.get(), nullptr, &ink) == 0 && ink != nullptr) {
        l_int32 x, by, w, h;
        boxGetGeometry(ink, &x, &by, &w, &h);
        ink_lines.push_back({x, top + by, x + w, top + by + h});
        boxDestroy(&ink);
      }
      top = -1;
    }
  }
  // Accents and dots above a line make bands of their own: join bands closer than 12 px.
  for (size_t i = 1; i < ink_lines.size();) {
    if (ink_lines[i].top - ink_lines[i - 1].bottom < 12) {
      ink_lines[i - 1] = ink_lines[i - 1].Union(ink_lines[i]);
      ink_lines.erase(ink_lines.begin() + static_cast<long>(i));
    } else {
      ++i;
    }
  }
  ASSERT_EQ(ink_lines.size(), 3u);
  // The page's skew is measured the way OCR measures it.
  const PageSkew skew = PageSkew::Measure(skewed.get());
  EXPECT_NEAR(skew.angle(), angle, 0.2 * kDeg);

  std::vector<ocr::Box> word_bounds;
  for (const ocr::Box& b : ink_lines) word_bounds.push_back(t.ToOriginal(b));
  std::vector<BurnQuad> burn, keep;
  std::vector<ocr::Box> burn_boxes;
  for (size_t i = 0; i < word_bounds.size(); ++i) {
    const bool value = i == 1;
    (value ? burn : keep).push_back(skew.ToQuad(skew.Unbound(word_bounds[i]), value ? 4 : 0));
    if (value) burn_boxes.push_back(word_bounds[i]);
  }
  ASSERT_FALSE(burn.empty());
  auto out = BurnQuads(skewed.get(), burn, keep);
  ASSERT_TRUE(out.ok()) << out.status();
  auto plain = BurnBoxes(skewed.get(), burn_boxes);
  ASSERT_TRUE(plain.ok());
  // Ink of the value line must go; the kept lines must stay readable: their pixels (ink and
  // the white around it) must not turn black. Each pixel belongs to the line whose straight
  // band it maps into.
  auto owner = [&](int x, int y) {
    const ocr::Box p = t.ToProcessed({x, y, x + 1, y + 1});
    const int py = (p.top + p.bottom) / 2;
    for (size_t i = 0; i < ink_lines.size(); ++i) {
      if (py >= ink_lines[i].top - 3 && py < ink_lines[i].bottom + 3) return static_cast<int>(i);
    }
    return -1;
  };
  int64_t value_ink = 0, value_ink_left = 0, kept_blackened = 0, kept_blackened_plain = 0;
  for (int y = 0; y < pixGetHeight(skewed.get()); ++y) {
    for (int x = 0; x < pixGetWidth(skewed.get()); ++x) {
      l_uint32 in, q, p;
      pixGetPixel(skewed.get(), x, y, &in);
      pixGetPixel(out->get(), x, y, &q);
      pixGetPixel(plain->get(), x, y, &p);
      const int line = owner(x, y);
      if (line == 1 && in < 100) {
        ++value_ink;
        value_ink_left += q != 0;
      } else if (line >= 0 && line != 1 && in >= 100) {
        kept_blackened += q == 0;
        kept_blackened_plain += p == 0;
      }
    }
  }
  EXPECT_GT(value_ink, 1000);
  EXPECT_EQ(value_ink_left, 0);
  EXPECT_GT(kept_blackened_plain, 5000);  // plain bounding boxes do cut into the neighbours
  EXPECT_LT(kept_blackened * 3, kept_blackened_plain);
}

// With the words that stay: a tilted value's whole bounding box goes black except where a
// kept word of the line above reaches into it.
TEST(BurnQuads, BoundingBoxIsFilledAroundKeptWords) {
  ocr::PixPtr page(pixCreate(800, 200, 8));
  pixSetAll(page.get());
  const PageSkew skew(3 * kDeg);
  const BurnQuad value = skew.ToQuad({50, 100, 750, 130}, 2);
  const BurnQuad kept = skew.ToQuad({50, 55, 300, 85}, 0);
  auto out = BurnQuads(page.get(), {value}, {kept});
  ASSERT_TRUE(out.ok());
  auto at = [&](const PointF& p) {
    l_uint32 v = 0;
    pixGetPixel(out->get(), static_cast<int>(p.x), static_cast<int>(p.y), &v);
    return v;
  };
  auto mix = [](const PointF& a, const PointF& b, double t) {
    return PointF{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
  };
  const ocr::Box bounds = value.Bounds();
  const PointF in_kept = mix(kept.corners[3], kept.corners[1], 0.2);
  ASSERT_GT(in_kept.y, bounds.top + 2);  // the kept word does reach into the bounding box
  EXPECT_EQ(at(in_kept), 255u);
  EXPECT_EQ(at(mix(value.corners[0], value.corners[2], 0.5)), 0u);  // the value
  // The bounding box's corner beyond the kept word and the value: background, burnt.
  EXPECT_EQ(at({bounds.right - 3.0, bounds.bottom - 3.0}), 0u);
  EXPECT_EQ(at({bounds.left + 2.0, bounds.top + 2.0}), 255u);  // inside the kept word's part
}

// A word that OCR dropped from a line is still ink on the page: the plan burns it and flags
// it for review. The page's words are found here with Leptonica, and one is left out of the
// "reading".
TEST(PlanPage, InkNoWordCoversIsBurntAndFlagged) {
  ocr::PixPtr pix = ocr::testing::RenderLines(
      {"Statement of the witness", "He called from 07701234567 at night"}, "DejaVu Sans 14");
  ASSERT_NE(pix, nullptr);
  ocr::PixPtr binary(pixThresholdToBinary(pix.get(), 128));
  BOXA* words = nullptr;
  ASSERT_EQ(pixGetWordBoxesInTextlines(binary.get(), 10, 10, 1000, 200, &words, nullptr), 0);
  const int n = boxaGetCount(words);
  ASSERT_GE(n, 8);
  ocr::Page page;
  page.width = pixGetWidth(pix.get());
  page.height = pixGetHeight(pix.get());
  page.blocks.emplace_back();
  ocr::Box dropped;
  int widest = -1, widest_w = 0;
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(words, i, &x, &y, &w, &h);
    if (w > widest_w) {
      widest = i;
      widest_w = w;
    }
  }
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(words, i, &x, &y, &w, &h);
    if (i == widest) {  // the phone number: OCR "missed" it
      dropped = {x, y, x + w, y + h};
      continue;
    }
    ocr::Line line;
    ocr::Word word;
    word.text = "word";
    word.box = {x, y, x + w, y + h};
    word.confidence = 95;
    line.box = word.box;
    line.words.push_back(word);
    page.blocks[0].lines.push_back(line);
  }
  boxaDestroy(&words);
  Analyzer analyzer;
  CaseKey key = *CaseKey::Generate();
  auto plan = PlanPage(analyzer, page, text::Language::kEnglish, Policy::Default(), key, {},
                       pix.get());
  ASSERT_TRUE(plan.ok()) << plan.status();
  auto out = BurnQuads(pix.get(), plan->burn, plan->keep);
  ASSERT_TRUE(out.ok());
  int64_t ink = 0, ink_left = 0;
  for (int y = dropped.top; y < dropped.bottom; ++y) {
    for (int x = dropped.left; x < dropped.right; ++x) {
      l_uint32 in, v;
      pixGetPixel(pix.get(), x, y, &in);
      pixGetPixel(out->get(), x, y, &v);
      ink += in < 128;
      ink_left += in < 128 && v != 0;
    }
  }
  EXPECT_GT(ink, 100);
  EXPECT_EQ(ink_left, 0);
  int unreadable = 0;
  for (const LogRegion& r : plan->regions) unreadable += r.kind == "unreadable" && r.needs_review;
  EXPECT_EQ(unreadable, 1);  // only the dropped word: the words read are not flagged
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
