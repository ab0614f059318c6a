#include "ocr/script_fix.h"

#include <vector>

#include "ocr/arabic_script.h"

namespace bayyina::ocr {
namespace {

bool IsBidiControl(char32_t c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Arabic-Indic digits whose glyphs are Latin digit or punctuation shapes: ٥ is a ring (0), ١ a
// stroke (1), ٠ a dot (.). A model that reads a Latin number sometimes picks these.
char32_t LatinLookAlike(char32_t c) {
  switch (c) {
    case 0x0665: return '0';
    case 0x0661: return '1';
    case 0x0660: return '.';
    default: return 0;
  }
}

// A number is written in one digit script. A word with ASCII digits and no Arabic letters whose
// only Arabic-Indic characters have Latin look-alikes was printed in Latin digits.
void FoldMixedDigits(std::vector<char32_t>& cps) {
  int ascii = 0;
  for (char32_t c : cps) {
    if (c >= '0' && c <= '9') ++ascii;
    if (IsArabicLetter(c)) return;
    if (c >= 0x0660 && c <= 0x0669 && LatinLookAlike(c) == 0) return;
  }
  if (ascii < 2) return;
  for (char32_t& c : cps) {
    if (const char32_t latin = LatinLookAlike(c); latin != 0) c = latin;
  }
}

// Arabic writes heh (ه) where Urdu and Sorani write heh doachashmee (ھ). The initial heh that
// stands alone as an abbreviation or a plate letter (هـ) has two loops: the Arabic script model
// reads it as two letters, its outer loop as heh or as the Persian five (۵, the same heart
// shape) and the rest as ھ. Arabic-Indic numbers never use the Persian five.
void FixInitialHeh(std::vector<char32_t>& cps) {
  constexpr char32_t kHeh = 0x0647, kDoachashmee = 0x06BE, kPersianFive = 0x06F5, kTatweel = 0x0640;
  if (cps.size() == 2 && (cps[0] == kHeh || cps[0] == kPersianFive) && cps[1] == kDoachashmee) {
    cps = {kHeh, kTatweel};
    return;
  }
  for (char32_t& c : cps) {
    if (c == kDoachashmee) c = kHeh;
  }
}

}  // namespace

std::string FixScript(absl::string_view word, absl::string_view language) {
  std::vector<char32_t> cps = CodePoints(word);
  std::erase_if(cps, IsBidiControl);
  const bool arabic = language == "ar";
  const bool sorani = language == "ckb";
  if (arabic) FixInitialHeh(cps);
  if (arabic || sorani) {
    bool persian_shape = false, arabic_shape = false;
    for (char32_t c : cps) {
      if (c >= 0x06F4 && c <= 0x06F6) persian_shape = true;
      if (c >= 0x0664 && c <= 0x0666) arabic_shape = true;
    }
    const bool to_arabic_digits = !(persian_shape && !arabic_shape);
    for (size_t i = 0; i < cps.size(); ++i) {
      char32_t& c = cps[i];
      if (to_arabic_digits && c >= 0x06F0 && c <= 0x06F9) c = c - 0x06F0 + 0x0660;
      if (arabic) {
        if (c == 0x06A9) c = 0x0643;  // keheh -> kaf
        if (c == 0x06CC) {
          // Dotless final yeh is alef maksura in Arabic; elsewhere the shapes are the same as yeh.
          const bool final = i + 1 == cps.size() || !IsArabicLetter(cps[i + 1]);
          c = final ? 0x0649 : 0x064A;
        }
      } else {
        if (c == 0x064A || c == 0x0649) c = 0x06CC;  // yeh, alef maksura -> Farsi yeh
        if (c == 0x0643) c = 0x06A9;                 // kaf -> keheh
      }
    }
  }
  if (arabic || sorani) FoldMixedDigits(cps);
  return Utf8(cps);
}

}  // namespace bayyina::ocr
