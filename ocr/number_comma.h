#ifndef BAYYINA_OCR_NUMBER_COMMA_H_
#define BAYYINA_OCR_NUMBER_COMMA_H_

// An Arabic comma printed after a number ("شارع ٧٨، دار") stands on the number's left, since
// digits run left to right, and the digit model reads it as ٤ or ٠٤ in front of the digits
// ("٠٤٧٨"). On a line laid out left to right it stands on the number's right, where English,
// which has no Arabic comma, reads it as a 5 ("71،" as 715). Its ink tells it apart in Naskh
// and sans fonts alike: a narrow piece of its own, well below the digits' top line and
// reaching down to about their baseline, a quarter to seven tenths as tall as the digit beside
// it. ٠ is a round dot at mid-height, ٥ a round loop, the other digits are full height.

#include <cstdint>

#include "ocr/page.h"

struct Pix;

namespace bayyina::ocr {

// Where a comma stands beside a number: the box of its ink and of the piece of ink next to it
// (the digit beside it, or the first piece of that digit), on the page.
struct NumberComma {
  Box comma;
  Box next;
  bool found() const { return !comma.empty(); }
};

// If the leftmost connected piece of ink inside `box` (a number's box on `gray`, the processed
// page) is comma-shaped and a taller digit follows it, returns it; otherwise nothing found.
// REQUIRES: `gray` is an 8-bit grey or 1-bit page. Thread-safe.
NumberComma CommaBeforeDigits(Pix* gray, const Box& box);

// The same for the rightmost piece and a taller digit before it. REQUIRES and thread safety as
// above.
NumberComma CommaAfterDigits(Pix* gray, const Box& box);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_NUMBER_COMMA_H_
