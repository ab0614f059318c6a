#ifndef BAYYINA_OCR_ONE_STROKE_H_
#define BAYYINA_OCR_ONE_STROKE_H_

// The digit one (١, 1) is a bare upright stroke, about a quarter as wide as it is tall in
// Naskh and sans fonts alike, where the other full-height digits are half as wide as tall or
// more. The digit model still reads a sans ٦ whose hook is short as ١ inside a long number
// (a national ID); the ink under such a "one" is as wide as the digits around it.

#include "absl/types/span.h"
#include "ocr/page.h"

struct Pix;

namespace bayyina::ocr {

// `one` is the box a recognizer gave a character it read as a one, inside `word` (the box of
// its number) on `gray`; `symbols` are the boxes of all the number's characters. Returns the
// box of the ink under the one's centre when that ink stands alone (blank columns on both
// sides within the word's rows, no other symbol's centre on it), is at least two thirds as
// tall as the word's ink and more than 0.4 of its own height wide: it is then another digit.
// Otherwise returns an empty box.
// REQUIRES: `gray` is an 8-bit grey or 1-bit page. Thread-safe.
Box TooWideForAOne(Pix* gray, const Box& word, const Box& one, absl::Span<const Box> symbols);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_ONE_STROKE_H_
