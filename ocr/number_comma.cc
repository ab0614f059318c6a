#include "ocr/number_comma.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "ocr/pix.h"

namespace bayyina::ocr {

namespace {

// The comma at the left end of `box` (`from_left`) or at its right end.
NumberComma FindComma(Pix* gray, const Box& box, bool from_left) {
  if (box.empty()) return {};
  std::vector<Box> pieces = InkPieces(gray, box);
  if (pieces.size() < 2) return {};
  // A comma at the right end is looked for as at the left end, in the box mirrored.
  auto mirror = [&](const Box& p) {
    if (from_left) return p;
    return Box{box.left + box.right - p.right, p.top, box.left + box.right - p.left, p.bottom};
  };
  for (Box& p : pieces) p = mirror(p);
  std::sort(pieces.begin(), pieces.end(),
            [](const Box& a, const Box& b) { return a.left < b.left; });
  const Box& comma = pieces[0];
  // The digit beside it: the first piece past it at least as tall (the dot of ٠ is not).
  // Its height and lines are the digits' (a slash may be taller than they are).
  const auto digit = std::find_if(pieces.begin() + 1, pieces.end(), [&](const Box& p) {
    return p.height() >= comma.height() && 8 * p.left >= 8 * comma.right - p.height();
  });
  if (digit == pieces.end() || digit->height() < 8) return {};
  const int32_t tall = digit->height();
  const bool shaped = 4 * comma.height() >= tall && 10 * comma.height() <= 7 * tall &&
                      10 * comma.width() <= 7 * comma.height() &&
                      20 * (comma.top - digit->top) >= 3 * tall &&
                      5 * std::abs(digit->bottom - comma.bottom) <= tall;
  if (!shaped) return {};
  return {mirror(comma), mirror(pieces[1])};
}

}  // namespace

NumberComma CommaBeforeDigits(Pix* gray, const Box& box) { return FindComma(gray, box, true); }

NumberComma CommaAfterDigits(Pix* gray, const Box& box) { return FindComma(gray, box, false); }

}  // namespace bayyina::ocr
