#ifndef BAYYINA_OCR_UNREAD_INK_H_
#define BAYYINA_OCR_UNREAD_INK_H_

// Ink that the first reading gave no word. On sans table cells the Arabic script model sometimes
// returns the outer groups of a phone number ("٠٧٩٠ ١٤١ ٠٢٦١") as words and the middle one as
// nothing at all: its ink sits between two word boxes, a space from each, with no box over it.

#include "ocr/page.h"

struct Pix;

namespace bayyina::ocr {

// The ink between boxes `a` and `b` (side by side on one line of `gray`, in either order),
// within the rows of both, that neither holds, trimmed to its own columns; an empty box unless
// there is such ink, it is a space (a quarter of the taller box's height) away from both (ink
// closer to a word is more of that word), and no blank run of columns as wide as that height (a
// table cell's margin: the next cell is another value) lies between the boxes. Thread-safe.
Box UnreadInkBetween(Pix* gray, const Box& a, const Box& b);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_UNREAD_INK_H_
