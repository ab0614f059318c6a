#ifndef BAYYINA_OCR_REREAD_H_
#define BAYYINA_OCR_REREAD_H_

// Second readings of the tokens that matter most for evidence and that stock models read worst
// on Arabic-script pages:
//  - Latin tokens (emails, passport numbers, IBANs; the Sorani model has no Latin letters at
//    all): runs of doubtful words, and words the page model read as Arabic that no Arabic
//    writing has (latin_token.h), are cropped from the processed page with the ink around them
//    up to a space, and read again as one line with the English model; the more confident
//    reading of the run wins. Confident plain numbers in ASCII digits on their own (dates,
//    times, phone groups) are not read again.
//  - Numbers in Arabic-Indic digits, which the Arabic script model garbles: read again with the
//    Sorani model (whose digits are the same glyphs and which reads them well) restricted to
//    Arabic-script digits and separators, together with doubtful words between or beside them
//    (a date half read as Latin letters) when the digit model is sure. Clean readings by the
//    Sorani model itself stand. A date and a time run together into one word are split again,
//    date halves split at a lost slash joined, and groups run together split at the spaces
//    printed between them. A date or time that does not come out whole is read again with the
//    ink around it up to a space; a first reading of whole dates and times stands against a
//    digit reading that is not one. A group wider than its digits explain is read again alone
//    (digit_pitch.h), ink between groups that no word holds is a group (unread_ink.h), and an
//    alef among digits is a one.
//  - Checks by shape and ink: an Arabic comma read as digits in front of a number, or whitened
//    out of the crop English reads beside ASCII digits (number_comma.h), a one whose ink is too
//    wide for a stroke (one_stroke.h), a plate's alef or ae read as a digit (alef_look_alike.h,
//    five_look_alike.h), a year in the 3000s or a clock hour in the 30s (date_year.h), a time's
//    lost colon (time_colon.h). Every second reading's box is shrunk to its ink
//    (word_boxes.h).
//  - Agreement and lexicon checks between the two readings: a digit that English reads where
//    the first reading has a mark (an Arabic comma read as 6) goes; the letter of a
//    letter-prefixed code stays, and so does a thin leading 1 English lost; lexicon.h checks
//    IBANs and wallet addresses.

#include <string>
#include <utility>
#include <vector>

#include "ocr/page.h"

struct Pix;
namespace tesseract {
class TessBaseAPI;
}

namespace bayyina::ocr {

class TokenRereader {
 public:
  // `latin`: eng; `digits`: the model for Arabic-Indic numbers (ckb if installed, else the
  // Arabic script model); `first_pass_is_digit_model`: the page was read with `digits` (its
  // clean readings of numbers then stand). Not owned; they must outlive this object and nobody
  // else may use them meanwhile (one worker's engines). `language`: the page's BCP-47 code;
  // other than "ar" and "ckb" nothing is reread. `resolution`: dots per inch of the processed
  // page that RereadLine gets (crops are read from it: reading Latin from the page before
  // downscaling was slower and no better, see docs/benchmarks.md).
  TokenRereader(tesseract::TessBaseAPI* latin, tesseract::TessBaseAPI* digits,
                bool first_pass_is_digit_model, std::string language, int resolution);

  // Reads doubtful words of one line again. `words` (logical order) and `boxes` (their boxes on
  // `gray`, the processed page) are parallel; a run of words may be replaced by a different
  // number of words, with both vectors kept parallel. Word boxes in `words` are left alone
  // (new words get empty ones; the caller maps `boxes`).
  void RereadLine(Pix* gray, std::vector<Word>& words, std::vector<Box>& boxes);

  // Time spent rereading so far.
  double seconds() const { return seconds_; }

  // The characters of one word as read, with their boxes, in the recognizer's order.
  using Symbols = std::vector<std::pair<Box, std::string>>;

 private:
  // Calls fn(begin, end) for each maximal run of consecutive words with pred(i); fn returns by
  // how much the index just past the run moved (the words from there on were not touched).
  template <typename Pred, typename Fn>
  void ForEachRun(const std::vector<Word>& words, Pred pred, Fn fn);

  // Read words [begin, end) again as one line, Latin with eng or numbers with the digit model,
  // and if the reading is better replace the words it covers (for numbers, also neighbours
  // without Arabic letters that it covers). Return by how much the index just past the run
  // moved.
  long RereadLatin(Pix* gray, size_t begin, size_t end, std::vector<Word>& words,
                   std::vector<Box>& boxes, std::vector<bool>& settled);
  // `need_sure`: the digit reading replaces the words only if the model is sure of it, not
  // merely because the first reading was garbage.
  long RereadDigits(Pix* gray, size_t begin, size_t end, bool need_sure, std::vector<Word>& words,
                    std::vector<Box>& boxes, std::vector<bool>& settled);

  // Reads `strip` of `gray` (inside the line `run`) with the digit model and appends the words
  // over it, their boxes and their characters.
  void ReadDigitStrip(Pix* gray, const Box& strip, const Box& run, std::vector<Word>& read,
                      std::vector<Box>& read_boxes, std::vector<Symbols>& read_symbols);

  // Replaces the words of [begin, end) that `read_boxes` cover by `read` (marked settled),
  // each box shrunk to the ink on `gray` inside it (word_boxes.h). Returns the change in word
  // count.
  long Replace(Pix* gray, size_t begin, size_t end, std::vector<Word> read,
               std::vector<Box> read_boxes, std::vector<Word>& words, std::vector<Box>& boxes,
               std::vector<bool>& settled);

  tesseract::TessBaseAPI* latin_;
  tesseract::TessBaseAPI* digits_;
  bool first_pass_is_digit_model_;
  std::string language_;
  bool arabic_script_;
  int resolution_;
  double seconds_ = 0;
};

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_REREAD_H_
