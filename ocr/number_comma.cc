#include "ocr/number_comma.h"


#include <algorithm>
#include <cstdlib>
#include <vector>

#include "ocr/pix.h"

namespace bayyina::ocr {

int32_t CommaBeforeDigits(Pix* gray, const Box& box) {
  if (box.empty()) return -1;
  std::vector<Box> pieces = InkPieces(gray, box);
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
  return shaped ? next.left + next.width() / 4 : -1;
}

}  // namespace bayyina::ocr
