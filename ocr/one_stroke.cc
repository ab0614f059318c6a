#include "ocr/one_stroke.h"

#include <vector>

#include "ocr/pix.h"

namespace bayyina::ocr {

Box TooWideForAOne(Pix* gray, const Box& word, const Box& one, absl::Span<const Box> symbols) {
  if (word.empty() || one.empty()) return Box{};
  const std::vector<Box> pieces = InkPieces(gray, word);
  Box all_ink;
  for (const Box& p : pieces) all_ink = all_ink.Union(p);
  // The ink under the one's centre: the pieces in the columns it crosses, and the pieces that
  // overlap those columns in turn (up to blank columns on both sides).
  const int32_t centre = (one.left + one.right) / 2;
  Box piece;
  for (const Box& p : pieces) {
    if (p.left <= centre && centre < p.right) piece = piece.Union(p);
  }
  if (piece.empty()) return Box{};
  for (bool grew = true; grew;) {
    grew = false;
    for (const Box& p : pieces) {
      if (p.left < piece.right && piece.left < p.right && !(piece.Union(p) == piece)) {
        piece = piece.Union(p);
        grew = true;
      }
    }
  }
  // Ink touching the word's edge may run on into a neighbour cut off by the box.
  if (piece.left <= word.left || piece.right >= word.right) return Box{};
  for (const Box& s : symbols) {
    const int32_t c = (s.left + s.right) / 2;
    if (s != one && c >= piece.left && c < piece.right) return Box{};
  }
  const bool tall = 3 * piece.height() >= 2 * all_ink.height();
  const bool wide = 5 * piece.width() > 2 * piece.height();
  return tall && wide ? piece : Box{};
}

}  // namespace bayyina::ocr
