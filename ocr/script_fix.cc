#include "ocr/script_fix.h"

#include <vector>

namespace bayyina::ocr {
namespace {

std::vector<char32_t> Decode(absl::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
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

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsBidiControl(char32_t c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

bool IsArabicLetter(char32_t c) {
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5;
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

}  // namespace

std::string FixScript(absl::string_view word, absl::string_view language) {
  std::vector<char32_t> cps = Decode(word);
  std::erase_if(cps, IsBidiControl);
  const bool arabic = language == "ar";
  const bool sorani = language == "ckb";
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
  std::string out;
  out.reserve(word.size());
  for (char32_t c : cps) Encode(c, out);
  return out;
}

}  // namespace bayyina::ocr
