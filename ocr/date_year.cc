#include "ocr/date_year.h"

#include <regex>
#include <vector>

#include "ocr/digit_shape.h"
#include "ocr/arabic_script.h"

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
  return Utf8(cps);
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
  return Utf8(cps);
}

bool IsDateSeparator(char c) { return c == '/' || c == '-' || c == '.' || c == ':'; }

bool IsDateOrTime(absl::string_view word) {
  std::vector<char32_t> cps;
  std::string shape;
  if (!DigitShape(word, &cps, &shape) || shape.empty()) return false;
  // The value of each run of digits, in the order printed; all digits of one script.
  const char script = shape.front();
  if (script != 'D' && script != 'A' && script != 'P') return false;
  std::vector<int> parts;
  std::string separators;
  bool in_digits = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (shape[i] == script) {
      const int d = static_cast<int>(script == 'D' ? cps[i] - '0'
                                     : script == 'A' ? cps[i] - 0x0660
                                                     : cps[i] - 0x06F0);
      if (!in_digits) parts.push_back(0);
      // No part of a date or time has more than four digits (and a longer one would overflow).
      if (parts.back() >= 1000) return false;
      parts.back() = parts.back() * 10 + d;
      in_digits = true;
    } else if (IsDateSeparator(shape[i])) {
      if (!in_digits) return false;
      separators += shape[i];
      in_digits = false;
    } else {
      return false;
    }
  }
  if (!in_digits) return false;
  static const std::regex kDateShape(R"(^(D{4}|A{4}|P{4})[-/.].{1,2}[-/.].{1,2}$)");
  static const std::regex kDateLastShape(R"(^.{1,2}[-/.].{1,2}[-/.](D{4}|A{4}|P{4})$)");
  if (separators == ":") {
    return shape.size() == 5 && shape[2] == ':' && parts[0] < 24 && parts[1] < 60;
  }
  if (separators.size() != 2 || separators[0] != separators[1] || separators[0] == ':') {
    return false;
  }
  int year, day;
  if (std::regex_match(shape, kDateShape)) {
    year = parts[0];
    day = parts[2];
  } else if (std::regex_match(shape, kDateLastShape)) {
    year = parts[2];
    day = parts[0];
  } else {
    return false;
  }
  return year >= 1900 && year <= 2099 && parts[1] >= 1 && parts[1] <= 12 && day >= 1 &&
         day <= 31;
}

}  // namespace bayyina::ocr
