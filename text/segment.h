#ifndef BAYYINA_TEXT_SEGMENT_H_
#define BAYYINA_TEXT_SEGMENT_H_

// Sentence segmentation for translation memory segments and per-sentence processing.

#include <vector>

#include "absl/strings/string_view.h"
#include "text/language.h"
#include "text/span.h"

namespace bayyina::text {

// Splits UTF-8 `text` into sentences and returns their byte ranges in `text`, in order,
// without leading or trailing white space and without empty ones.
//
// ICU's sentence BreakIterator (UAX #29) finds the candidate breaks: after . ! ? and the
// Arabic question mark ؟ (and U+06D4), and at every line break, never after the Arabic comma
// ، or semicolon ؛. Then these rules remove wrong breaks:
//  - abbreviations: "Dr." "Mr." "Prof." "No." "Art." "e.g." and the like (per language), a
//    single Arabic letter with its abbreviation dot ("د." "م." "هـ."), a single Latin capital
//    (initials, "J. Smith"), and dotted letter groups ("U.S." "ص.ب." "أ.د.");
//  - numbered clauses: a sentence that would hold only a clause number or letter ("1."
//    "١." "(أ)" "ب." "iv.") stays with the clause it numbers.
// Invalid UTF-8 does not fail: each invalid byte is read as U+FFFD and offsets stay byte
// offsets of `text`. Thread-safe.
std::vector<TextSpan> SplitSentences(absl::string_view text, Language lang);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_SEGMENT_H_
