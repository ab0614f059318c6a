#include "ocr/five_look_alike.h"

#include <vector>

#include "ocr/arabic_script.h"

namespace bayyina::ocr {
namespace {

bool IsLoop(char32_t c) { return c == 0x06D5; }

}  // namespace

bool IsLoneLoopLetter(absl::string_view word) {
  std::vector<char32_t> cps;
  return DecodeAll(word, &cps) && cps.size() == 1 && IsLoop(cps[0]);
}

bool IsNumberWithLoopLetter(absl::string_view word) {
  std::vector<char32_t> cps;
  if (!DecodeAll(word, &cps) || cps.size() < 3) return false;
  const bool first = IsLoop(cps.front()), last = IsLoop(cps.back());
  if (first == last) return false;
  const size_t begin = first ? 1 : 0, end = cps.size() - (last ? 1 : 0);
  int digits = 0;
  for (size_t i = begin; i < end; ++i) {
    const char32_t c = cps[i];
    if (IsArabicIndicDigit(c)) {
      ++digits;
    } else if (c != '/' && c != '-' && c != '.' && c != ':') {
      return false;
    }
  }
  return digits >= 2;
}

}  // namespace bayyina::ocr
