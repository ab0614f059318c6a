#ifndef BAYYINA_OCR_LEXICON_H_
#define BAYYINA_OCR_LEXICON_H_

// Lexicon checks on the Latin tokens of evidence that OCR models misread in known ways. They
// choose between readings the glyphs allow (a check sum decides where one exists); they never
// invent characters.
//  - IBAN: an Iraqi IBAN starts with the country code IQ, which English reads as 1Q or IO
//    (but not as 10: four digits stay a number).
//  - Bitcoin addresses are base58, which has no 0, O, I or l: in a token shaped like one, 0 and
//    O were o. Where I, l or a first L (read for 1) leave several readings, the Base58Check
//    checksum picks the one that is an address.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace bayyina::ocr {

// Returns `token` (one OCR word, ASCII letters and digits for the checks to apply) corrected by
// the checks above, or unchanged. Thread-safe.
std::string FixLatinToken(absl::string_view token);

// `groups`: the words of one line in the order they are printed, left to right. Where a word
// shaped like the first group of an Iraqi IBAN whose "IQ" was misread ("1407", "1260": two
// characters, then the two check digits) is followed by a group of four letters and digit
// groups of 4, 4, 4 and 3 digits, and "IQ" makes the check digits right (ISO 7064 mod 97), that
// word gets "IQ". Returns whether a word changed. Thread-safe.
bool FixIbanCountryCode(const std::vector<std::string*>& groups);

// True if `address` is a base58 string whose decoded 25 bytes carry a valid Base58Check
// checksum (double SHA-256). Thread-safe.
bool IsBase58CheckAddress(absl::string_view address);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_LEXICON_H_
