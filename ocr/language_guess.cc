#include "ocr/language_guess.h"

#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "ocr/arabic_script.h"

namespace bayyina::ocr {
std::string GuessLanguage(absl::string_view sample, bool arabic_script) {
  int first = 0, second = 0;
  if (arabic_script) {
    for (char32_t c : CodePoints(sample)) {
      switch (c) {
        // Sorani letters: reh with small v, lam with small v, oe, yeh with small v, ae, heh
        // doachashmee, veh, Farsi yeh, keheh.
        case 0x0695: case 0x06B5: case 0x06C6: case 0x06CE: case 0x06D5: case 0x06BE:
        case 0x06A4: case 0x06CC: case 0x06A9:
          ++second;
          break;
        // Arabic only: teh marbuta, alef maksura, Arabic yeh and kaf, theh, thal, dad, zah.
        case 0x0629: case 0x0649: case 0x064A: case 0x0643: case 0x062B: case 0x0630:
        case 0x0636: case 0x0638:
          ++first;
          break;
        default:
          break;
      }
    }
    return second > first ? "ckb" : "ar";
  }
  for (char32_t c : CodePoints(sample)) {
    // ç ê î ş û in either case.
    if (c == 0xE7 || c == 0xC7 || c == 0xEA || c == 0xCA || c == 0xEE || c == 0xCE ||
        c == 0x15F || c == 0x15E || c == 0xFB || c == 0xDB) {
      second += 2;
    }
  }
  for (absl::string_view word : absl::StrSplit(sample, absl::ByAnyChar(" \n\t.,;:"))) {
    const std::string w = absl::AsciiStrToLower(word);
    if (w == "the" || w == "and" || w == "of" || w == "is" || w == "was" || w == "to" ||
        w == "with" || w == "on" || w == "at" || w == "for") {
      first += 2;
    } else if (w == "ji" || w == "di" || w == "bi" || w == "ku" || w == "ye" || w == "de" ||
               w == "li" || w == "ew" || w == "hat" || w == "navê") {
      second += 2;
    }
  }
  return second > first ? "kmr" : "en";
}

}  // namespace bayyina::ocr
