#ifndef BAYYINA_OCR_GHOST_LINES_H_
#define BAYYINA_OCR_GHOST_LINES_H_

// On noisy scans Tesseract's layout analysis sometimes finds a second, thinner text line inside
// a row it has already read whole: the upper half of the letters, or their dots, taken for a
// line of their own. Its words are another reading of the same ink, so the row's text comes out
// twice (an IP address once right, once garbled). Real lines do not nest: two lines of one row
// stand side by side, and lines of one column one above the other.

#include <vector>

#include "absl/types/span.h"
#include "ocr/page.h"

namespace bayyina::ocr {

struct LineBoxes {
  Box line;
  std::vector<Box> words;
};

// For each of `lines` (any order, any blocks of one page), true if it is a ghost: its box lies
// inside a taller line's box and each of its words lies mostly (more than half its area) on a
// word of that line. Thread-safe.
std::vector<bool> GhostLines(absl::Span<const LineBoxes> lines);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_GHOST_LINES_H_
