#ifndef BAYYINA_OCR_BIDI_ORDER_H_
#define BAYYINA_OCR_BIDI_ORDER_H_

// Logical order of the words of a right-to-left line, rebuilt from where they are printed.
//
// Tesseract puts every run of non-Arabic words of an Arabic line in left-to-right order. The
// Unicode bidi algorithm does that only for runs that start with a Latin letter (an IBAN, an
// email); numbers without Latin letters ("4251 4255 9251 7764", "2019/08/19 15:59") are laid
// out group by group from right to left, so reading them left to right reverses the groups.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "ocr/page.h"

namespace bayyina::ocr {

// Reorders `words` (one right-to-left line) and the parallel `boxes` (where each word is
// printed, on a deskewed image) into logical order: units from right to left, where a unit is
// an Arabic word, a number, or a left-to-right run that starts at a word with Latin letters
// and extends rightwards over Latin and number words (kept left to right). A number in ASCII
// digits printed closer than a space left of a Latin word starts its run (one token that the
// recognizer split); numbers whose sign is printed on their right ("964+") were laid out right
// to left, so they never join a run, and their logical text gets the sign in front. Words set
// apart by gaps wider than twice the line height (table cells) without any Arabic letter form
// one left-to-right unit, as a paragraph of their own would, unless they are all Arabic-Indic
// numbers (bidi lays those out right to left in any paragraph). Thread-safe.
void ReorderRightToLeftLine(std::vector<Word>& words, std::vector<Box>& boxes);

// `word` (UTF-8, one OCR word of a right-to-left line) with its digits in logical order. A
// number printed against a letter ("٧١١٣٩ ب", a plate) is read as one word whose digits
// Tesseract gives right to left ("٩٣١١٧ب"); in a word made of one run of Arabic-script digits
// and one run of Arabic letters, the digits are reversed. Other words are returned as they
// are. Thread-safe.
std::string DigitsInLogicalOrder(absl::string_view word);

// The direction of a line of `words` on a page in `language`, where the recognizer guessed
// `guessed`. It guesses left to right for a table row whose leftmost cell starts with a number,
// and for a cell of Arabic-Indic numbers alone; on an Arabic-script page ("ar", "ckb") a line
// with an Arabic letter or an Arabic-Indic digit is laid out right to left. Thread-safe.
Direction LineDirection(absl::string_view language, Direction guessed,
                        const std::vector<Word>& words);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_BIDI_ORDER_H_
