#ifndef BAYYINA_OCR_WORD_BOXES_H_
#define BAYYINA_OCR_WORD_BOXES_H_

// Tesseract's LSTM recognizer sometimes reports the first character of a word on a
// right-to-left line with a box that reaches across the preceding words (and so the word's box
// too). Redaction burns exactly these boxes, so we rebuild each word's box from its trustworthy
// character boxes and the ink between its neighbours.

#include <vector>

#include "ocr/page.h"

struct Pix;

namespace bayyina::ocr {

struct WordGeometry {
  Box word;                  // as reported by Tesseract
  std::vector<Box> symbols;  // character boxes as reported by Tesseract
};

// Replaces each `words[i].word` (all on one text line whose box is `line`, coordinates on
// `gray`) with the box of the ink that belongs to it: the union of its plausible character
// boxes, widened to the ink that lies between it and its neighbours. Thread-safe.
void RefineWordBoxes(Pix* gray, const Box& line, std::vector<WordGeometry>& words);

// Returns the box of the ink on `gray` inside `box`, leaving out specks of noise (pieces no
// more than a tenth of the box's height, and at least two pixels, across) and rules (pieces as
// thin as a speck and half again as tall as the tallest wider piece: a table cell's border);
// `box` itself if that leaves nothing. Thread-safe.
Box InkBox(Pix* gray, const Box& box);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_WORD_BOXES_H_
