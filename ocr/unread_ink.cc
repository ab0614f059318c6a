#include "ocr/unread_ink.h"

#include <algorithm>
#include <vector>

#include "ocr/pix.h"

namespace bayyina::ocr {

Box UnreadInkBetween(Pix* gray, const Box& a, const Box& b) {
  const int32_t left = std::min(a.right, b.right), right = std::max(a.left, b.left);
  const Box rows = a.Union(b);
  if (right <= left || rows.empty()) return Box{};
  const int32_t n = right - left;
  std::vector<bool> inked(n, false);
  // A connected piece's columns are one unbroken run.
  for (const Box& piece : InkPieces(gray, Box{left, rows.top, right, rows.bottom})) {
    std::fill(inked.begin() + (piece.left - left), inked.begin() + (piece.right - left), true);
  }
  const int32_t h = std::max(a.height(), b.height());
  int32_t blank = 0;
  for (bool ink : inked) {
    blank = ink ? 0 : blank + 1;
    if (blank >= h) return Box{};
  }
  // Inked columns at either end belong to the glyphs of `a` and `b`.
  int32_t first = 0, last = n - 1;
  while (first < n && inked[first]) ++first;
  const int32_t blank_from = first;
  while (first < n && !inked[first]) ++first;
  while (last >= 0 && inked[last]) --last;
  const int32_t blank_to = last;
  while (last >= 0 && !inked[last]) --last;
  if (first > last || 4 * (first - blank_from) < h || 4 * (blank_to - last) < h) return Box{};
  return Box{left + first, rows.top, left + last + 1, rows.bottom};
}

}  // namespace bayyina::ocr
