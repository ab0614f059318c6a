#include "ocr/language_guess.h"

#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace bayyina::ocr {
namespace {

// Decodes UTF-8 leniently: invalid bytes are skipped.
std::vector<char32_t> CodePoints(absl::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0x7f >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    out.push_back(cp);
    i += len;
  }
  return out;
}

}  // namespace

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
