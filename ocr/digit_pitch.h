#ifndef BAYYINA_OCR_DIGIT_PITCH_H_
#define BAYYINA_OCR_DIGIT_PITCH_H_

// Fonts print ASCII digits at one fixed advance (tabular figures), so the groups of one number
// on a line (phone "0775 625 7417") share a pitch: box width per digit. A group whose reading
// gives its box a clearly narrower or wider pitch than the line's other groups has a digit
// too many or too few ("7417" read "72417" at a confidence that lets it stand otherwise).

#include <vector>

#include "ocr/page.h"

namespace bayyina::ocr {

// For each of `words` (one text line; `boxes[i]` is the box of `words[i]`, same size), whether
// it is a group of at least three ASCII digits (and nothing else), at least a quarter of its
// height away from every other word (closer, it is a piece of a longer word), whose pitch is off by more
// than an eighth from the line's pitch: the median over its groups when it has three or more,
// the other group's when it has two (then both are odd). Words without such
// neighbours are never odd. Thread-safe.
std::vector<bool> OddDigitPitch(const std::vector<Word>& words, const std::vector<Box>& boxes);

// Arabic-Indic digits share one advance too, but a narrow glyph (١, the dot of ٠) at a group's
// edge leaves its ink box up to about a digit short of the advances it spans: only a group
// clearly wider than its digits explain is known to be wrong (it lost a digit). For each of
// `words`, whether it is a group of at least two Arabic-Indic digits (and nothing else), a space
// away from every other word and at most two heights from another such group, whose box width
// per digit is more than a fifth above the median of the line's other such groups. Thread-safe.
std::vector<bool> WideArabicIndicGroups(const std::vector<Word>& words,
                                        const std::vector<Box>& boxes);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_DIGIT_PITCH_H_
