#ifndef BAYYINA_OCR_NUMBER_COMMA_H_
#define BAYYINA_OCR_NUMBER_COMMA_H_

// An Arabic comma printed after a number ("شارع ٧٨، دار") stands on the number's left, since
// digits run left to right, and the digit model reads it as ٤ or ٠٤ in front of the digits
// ("٠٤٧٨"). Its ink tells it apart in Naskh and sans fonts alike: a narrow piece of its own,
// well below the digits' top line and reaching down to about their baseline, a quarter to
// seven tenths as tall as the digit after it. ٠ is a round dot at mid-height, ٥ a round loop,
// the other digits are full height.

#include <cstdint>

#include "ocr/page.h"

struct Pix;

namespace bayyina::ocr {

// If the leftmost connected piece of ink inside `box` (a number's box on `gray`, the processed
// page) is comma-shaped and a taller digit follows it, returns an x on `gray` such that the
// characters read with their centre left of it are the comma (a quarter into the piece after
// the comma). Otherwise returns -1.
// REQUIRES: `gray` is an 8-bit grey or 1-bit page. Thread-safe.
int32_t CommaBeforeDigits(Pix* gray, const Box& box);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_NUMBER_COMMA_H_
