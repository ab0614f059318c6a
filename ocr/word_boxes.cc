#include "ocr/word_boxes.h"

#include <leptonica/allheaders.h>

#include <algorithm>

#include "ocr/pix.h"

namespace bayyina::ocr {

void RefineWordBoxes(Pix* gray, const Box& line, std::vector<WordGeometry>& words) {
  const int32_t line_height = std::max(1, line.height());
  // A character box is implausible when it is very wide or reaches over a character of
  // another word. Cores: the union of a word's plausible character boxes.
  auto overlaps_other_word = [&](size_t word, const Box& s) {
    for (size_t j = 0; j < words.size(); ++j) {
      if (j == word) continue;
      for (const Box& u : words[j].symbols) {
        const int32_t overlap = std::min(s.right, u.right) - std::max(s.left, u.left);
        if (overlap > 0 && 2 * overlap > std::min(s.width(), u.width())) return true;
      }
    }
    return false;
  };
  std::vector<Box> cores;
  cores.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    Box core;
    for (const Box& s : words[i].symbols) {
      if (s.width() <= 2 * line_height && !overlaps_other_word(i, s)) core = core.Union(s);
    }
    if (core.empty()) core = words[i].word;
    cores.push_back(core);
  }
  const int32_t img_w = pixGetWidth(gray), img_h = pixGetHeight(gray);
  for (size_t i = 0; i < words.size(); ++i) {
    const Box& core = cores[i];
    const int32_t center = (core.left + core.right) / 2;
    int32_t lo = std::min(words[i].word.left, core.left);
    int32_t hi = std::max(words[i].word.right, core.right);
    for (size_t j = 0; j < words.size(); ++j) {
      if (j == i || cores[j].empty()) continue;
      const int32_t other = (cores[j].left + cores[j].right) / 2;
      if (other < center) lo = std::max(lo, std::min(cores[j].right, core.left));
      if (other > center) hi = std::min(hi, std::max(cores[j].left, core.right));
    }
    // Tesseract's line boxes can clip descenders and dots; look a little beyond them.
    const int32_t slack = line_height / 5;
    const int32_t top = std::max(0, line.top - slack);
    const int32_t bottom = std::min(img_h, line.bottom + slack);
    lo = std::max(0, lo);
    hi = std::min(img_w, hi);
    Box refined = core;
    if (hi > lo && bottom > top) {
      // The ink of this word: connected components in its columns that reach into the rows of
      // its characters (descenders of the line above and dots of the line below do not).
      Box found;
      for (const Box& part : InkPieces(gray, Box{lo, top, hi, bottom})) {
        if (part.bottom > core.top && part.top < core.bottom) found = found.Union(part);
      }
      if (!found.empty()) refined = found;
    }
    words[i].word = refined;
  }
}

Box InkBox(Pix* gray, const Box& box) {
  const int32_t speck = std::max(2, box.height() / 10);
  std::vector<Box> kept;
  int32_t tallest_wide = 0;
  for (const Box& piece : InkPieces(gray, box)) {
    if (piece.width() <= speck && piece.height() <= speck) continue;
    kept.push_back(piece);
    if (piece.width() > speck) tallest_wide = std::max(tallest_wide, piece.height());
  }
  // A thin piece much taller than the word's characters is a rule beside it, not the stroke
  // of a 1 or an l.
  Box out;
  for (const Box& piece : kept) {
    const bool rule =
        piece.width() <= speck && tallest_wide > 0 && 2 * piece.height() > 3 * tallest_wide;
    if (!rule) out = out.Union(piece);
  }
  return out.empty() ? box : out;
}

}  // namespace bayyina::ocr
