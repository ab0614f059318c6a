#include "ocr/date_year.h"

#include <regex>
#include <vector>

#include "ocr/digit_shape.h"
#include "text/utf8.h"

namespace bayyina::ocr {

std::string FixDateYear(absl::string_view word) {
  std::vector<char32_t> cps;
  std::string shape;
  if (!DigitShape(word, &cps, &shape)) return std::string(word);
  // One digit script throughout.
  static const std::regex kYearFirst(
      R"(^(AAAA[-/.]A{1,2}[-/.]A{1,2}|PPPP[-/.]P{1,2}[-/.]P{1,2})$)");
  static const std::regex kYearLast(
      R"(^(A{1,2}[-/.]A{1,2}[-/.]AAAA|P{1,2}[-/.]P{1,2}[-/.]PPPP)$)");
  size_t year;
  if (std::regex_match(shape, kYearFirst)) {
    year = 0;
  } else if (std::regex_match(shape, kYearLast)) {
    year = cps.size() - 4;
  } else {
    return std::string(word);
  }
  // ٣٠ or ۳۰: the three and zero are the same offset into either block.
  const char32_t base = shape[year] == 'P' ? 0x06F0 : 0x0660;
  if (cps[year] != base + 3 || cps[year + 1] != base) return std::string(word);
  cps[year] = base + 2;
  std::string out;
  for (char32_t c : cps) text::AppendUtf8(c, &out);
  return out;
}

std::string FixTimeHour(absl::string_view word) {
  std::vector<char32_t> cps;
  std::string shape;
  if (!DigitShape(word, &cps, &shape) || (shape != "AA:AA" && shape != "PP:PP")) {
    return std::string(word);
  }
  const char32_t base = shape[0] == 'P' ? 0x06F0 : 0x0660;
  if (cps[0] != base + 3) return std::string(word);
  cps[0] = base + 2;
  std::string out;
  for (char32_t c : cps) text::AppendUtf8(c, &out);
  return out;
}

}  // namespace bayyina::ocr
