#ifndef BAYYINA_OCR_NUMBER_WORDS_H_
#define BAYYINA_OCR_NUMBER_WORDS_H_

// What the text of one OCR word says about whether it is a number, or a piece of one, and in
// which digit script: the tests the second readings (reread.h) use to pick the words they read
// again. They look at the characters only, never at the ink. All take UTF-8 in logical order
// and are thread-safe.

#include <string>

namespace bayyina::ocr {

// True for an ASCII letter or digit.
bool IsAsciiAlnum(char c);

// True if `s` has an ASCII letter or digit.
bool HasAsciiAlnum(const std::string& s);

// The ASCII digits of `s`, in order.
std::string AsciiDigits(const std::string& s);

// True if `s` is mostly Arabic-script digits and has no letters: a number that the digit pass
// handles.
bool IsArabicNumber(const std::string& s);

// True if `s` is made only of Arabic-script digits and what the Arabic script model misreads
// them as (V or < for ٧, o for ٥, A for ٨, F, T or W for ٣, C, E or £ for ٤, ° for ٠, r for ٢,
// 7 for ٦ ...), with at least one character that is not an ASCII digit or separator, and no
// more ASCII digits than such characters: an Arabic-Indic number read as look-alikes, wholly
// or in part ("Yo", "4٢+").
bool LooksLikeGarbledDigits(const std::string& s);

// True if `s` is already a plain Arabic-Indic number: at least two Arabic-Indic digits and
// otherwise only the separators used inside numbers, with an Arabic comma or full stop allowed
// at either end (where the recognizer puts a comma printed after it varies).
bool IsCleanArabicIndicNumber(const std::string& s);

// True if `s` has Arabic-Indic digits and no more Latin letters than them, no ASCII digits,
// Arabic letters or '@' ("M٧"): a number is printed in one script, so its letters are more of
// its digits misread. So is one alef among Arabic-Indic digits with no other Arabic letter
// ("ا٩"): the alef is a stroke, the shape of ١ (alef_look_alike.h).
bool DigitsWithStrayLetters(const std::string& s);

// True if `s` is ASCII digits, alone or with the comma after them as the page model reads it
// (an Arabic comma, its look-alike hamza, or an ASCII comma).
bool IsAsciiNumberBeforeComma(const std::string& s);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_NUMBER_WORDS_H_
