#include "ocr/one_stroke.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <vector>

#include "ocr/pix.h"

namespace bayyina::ocr {

Box TooWideForAOne(Pix* gray, const Box& word, const Box& one, absl::Span<const Box> symbols) {
  if (word.empty() || one.empty()) return Box{};
  BOX* clip = boxCreate(word.left, word.top, word.width(), word.height());
  BOX* actual = nullptr;
  PixPtr strip(pixClipRectangle(gray, clip, &actual));
  boxDestroy(&clip);
  if (!strip || actual == nullptr) {
    boxDestroy(&actual);
    return Box{};
  }
  l_int32 x0 = 0, y0 = 0, w = 0, h = 0;
  boxGetGeometry(actual, &x0, &y0, &w, &h);
  boxDestroy(&actual);
  PixPtr ink(pixGetDepth(strip.get()) == 1 ? pixClone(strip.get())
                                            : pixConvertTo1(strip.get(), 128));
  if (!ink) return Box{};
  // Columns and rows of the strip that hold ink.
  std::vector<bool> inked_col(w, false);
  std::vector<int32_t> top(w, h), bottom(w, -1);
  for (l_int32 y = 0; y < h; ++y) {
    for (l_int32 x = 0; x < w; ++x) {
      l_uint32 v = 0;
      pixGetPixel(ink.get(), x, y, &v);
      if (v == 0) continue;
      inked_col[x] = true;
      top[x] = std::min(top[x], y);
      bottom[x] = std::max(bottom[x], y);
    }
  }
  const int32_t centre = (one.left + one.right) / 2 - x0;
  if (centre < 0 || centre >= w || !inked_col[centre]) return Box{};
  int32_t left = centre, right = centre + 1;
  while (left > 0 && inked_col[left - 1]) --left;
  while (right < w && inked_col[right]) ++right;
  // Ink touching the word's edge may run on into a neighbour cut off by the box.
  if (left == 0 || right == w) return Box{};
  int32_t ink_top = h, ink_bottom = -1;
  for (int32_t x = left; x < right; ++x) {
    ink_top = std::min(ink_top, top[x]);
    ink_bottom = std::max(ink_bottom, bottom[x]);
  }
  const int32_t ink_height = ink_bottom - ink_top + 1;
  const Box piece{x0 + left, y0 + ink_top, x0 + right, y0 + ink_bottom + 1};
  for (const Box& s : symbols) {
    const int32_t c = (s.left + s.right) / 2;
    if (s != one && c >= piece.left && c < piece.right) return Box{};
  }
  const int32_t word_top = *std::min_element(top.begin(), top.end());
  const int32_t word_bottom = *std::max_element(bottom.begin(), bottom.end());
  const bool tall = 3 * ink_height >= 2 * (word_bottom - word_top + 1);
  const bool wide = 5 * piece.width() > 2 * ink_height;
  return tall && wide ? piece : Box{};
}

}  // namespace bayyina::ocr
