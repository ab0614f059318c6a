#include "ocr/number_comma.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "ocr/pix.h"

namespace bayyina::ocr {

int32_t CommaBeforeDigits(Pix* gray, const Box& box) {
  if (box.empty()) return -1;
  BOX* clip = boxCreate(box.left, box.top, box.width(), box.height());
  BOX* actual = nullptr;
  PixPtr strip(pixClipRectangle(gray, clip, &actual));
  boxDestroy(&clip);
  // Where the strip starts on the page: the box may reach past the page's edge.
  l_int32 x0 = box.left;
  if (actual != nullptr) {
    boxGetGeometry(actual, &x0, nullptr, nullptr, nullptr);
    boxDestroy(&actual);
  }
  if (!strip) return -1;
  PixPtr ink(pixConvertTo1(strip.get(), 128));
  if (!ink) return -1;
  BOXA* found = pixConnCompBB(ink.get(), 8);
  if (found == nullptr) return -1;
  std::vector<Box> pieces;
  for (l_int32 i = 0; i < boxaGetCount(found); ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(found, i, &x, &y, &w, &h) == 0) pieces.push_back({x, y, x + w, y + h});
  }
  boxaDestroy(&found);
  if (pieces.size() < 2) return -1;
  std::sort(pieces.begin(), pieces.end(),
            [](const Box& a, const Box& b) { return a.left < b.left; });
  const Box& comma = pieces[0];
  // The digit after it: the first piece to its right at least as tall (the dot of ٠ is not).
  // Its height and lines are the digits' (a slash may be taller than they are).
  const auto digit = std::find_if(pieces.begin() + 1, pieces.end(), [&](const Box& p) {
    return p.height() >= comma.height() && 8 * p.left >= 8 * comma.right - p.height();
  });
  if (digit == pieces.end() || digit->height() < 8) return -1;
  const int32_t tall = digit->height();
  const bool shaped = 4 * comma.height() >= tall && 10 * comma.height() <= 7 * tall &&
                      10 * comma.width() <= 7 * comma.height() &&
                      20 * (comma.top - digit->top) >= 3 * tall &&
                      5 * std::abs(digit->bottom - comma.bottom) <= tall;
  // A character read over the comma has its centre left of a quarter into the next piece.
  const Box& next = pieces[1];
  return shaped ? x0 + next.left + next.width() / 4 : -1;
}

}  // namespace bayyina::ocr
