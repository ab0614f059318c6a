#ifndef BAYYINA_OCR_LATIN_TOKEN_H_
#define BAYYINA_OCR_LATIN_TOKEN_H_

// Latin tokens (emails, codes) inside Arabic-script lines, as the two models read them. The
// Sorani model has no Latin letters at all: it reads an email as Arabic letters and
// Arabic-Indic digits ("john.s86@gmail.com" as "ه٥ح.انەهع٣٩٠.هط٥ز"), which no Arabic-script
// writing mixes that way. English, reading the token again, splits an address without
// dictionary words into pieces ("hemin.h1" "4@post.krd") and gives them little confidence.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "ocr/page.h"

namespace bayyina::ocr {

// True if `word` (one OCR word in logical order, read with `confidence` 0..100) is a Latin
// token that an Arabic-script model read as Arabic: read with doubt (under 50), with Arabic
// letters, and with an Arabic-Indic digit that has letters before and after it, a full stop
// (or Arabic full stop) inside a run of letters with two or more on each side, an '@', or a
// first character that no Arabic word starts with (. , ; /). Arabic abbreviations (ص.ب,
// د.أحمد) and numbers with a unit or era (٢٠٢١م, ص١٢) are not such tokens, and a confident
// reading stands (a plate letter glued to its digits). Thread-safe.
bool LatinReadAsArabic(absl::string_view word, float confidence);

// True if `text` is shaped like an email address: a local part of letters, digits and ._%+-,
// one '@', and a domain of dot-separated labels ending in a top-level domain of two or more
// letters. Thread-safe.
bool IsEmailShaped(absl::string_view text);

// Joins runs of `read` (English words of one line, left to right; `boxes[i]` is the box of
// `read[i]`, same size) that are less than `gap` pixels apart and whose texts joined are
// email-shaped into one word: the joined text, the union of the boxes, the least confidence.
// A piece of one character is never joined (a stroke of the Arabic letters around the address).
// Other words are left alone. Thread-safe.
void JoinEmailPieces(std::vector<Word>& read, std::vector<Box>& boxes, int32_t gap);

// Joins runs of `read` (as for JoinEmailPieces) less than `gap` pixels apart whose texts
// joined, with look-alikes resolved (FixLatinToken, lexicon.h), are a Base58Check address
// (English splits long codes at the wider gaps of proportional fonts: "...Pn7" "ImTZi"). The
// joined word has that address and the confidence of its most confident piece: the checksum,
// not the pieces' confidence, vouches for it. Thread-safe.
void JoinAddressPieces(std::vector<Word>& read, std::vector<Box>& boxes, int32_t gap);

// English drops the thin 1 at the start of a number ("12:03" read "2:03") even where its own
// box covers that 1's ink. Returns `second` (English's reading over `second_box`) with a 1 in
// front if both readings are ASCII digits and separators, the first reading `first` (read
// over `first_box`) starts with a 1 and has the digits of `second` after it, and `second_box`
// starts no further right than `first_box`; otherwise `second`. English's separators stand
// (the first reading may have doubled one: "153.58..67.187"). Thread-safe.
std::string KeepLeadingOne(absl::string_view first, const Box& first_box,
                           absl::string_view second, const Box& second_box);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_LATIN_TOKEN_H_
