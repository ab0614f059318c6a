#include "ocr/five_look_alike.h"

#include <vector>

#include "ocr/arabic_script.h"

namespace bayyina::ocr {
namespace {

bool IsLoop(char32_t c) { return c == 0x06D5; }

// The code points of `s`, or none if it is not valid UTF-8.
std::vector<char32_t> Decode(absl::string_view s) {
  std::vector<char32_t> out;
  if (!DecodeAll(s, &out)) out.clear();
  return out;
}

}  // namespace

bool IsLoneLoopLetter(absl::string_view word) {
  const std::vector<char32_t> cps = Decode(word);
  return cps.size() == 1 && IsLoop(cps[0]);
}

bool IsNumberWithLoopLetter(absl::string_view word) {
  const std::vector<char32_t> cps = Decode(word);
  if (cps.size() < 3) return false;
  const bool first = IsLoop(cps.front()), last = IsLoop(cps.back());
  if (first == last) return false;
  const size_t begin = first ? 1 : 0, end = cps.size() - (last ? 1 : 0);
  int digits = 0;
  for (size_t i = begin; i < end; ++i) {
    const char32_t c = cps[i];
    if (c >= 0x0660 && c <= 0x0669) {
      ++digits;
    } else if (c != '/' && c != '-' && c != '.' && c != ':') {
      return false;
    }
  }
  return digits >= 2;
}

}  // namespace bayyina::ocr
