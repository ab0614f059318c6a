#include "ocr/number_words.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include "ocr/arabic_script.h"

namespace bayyina::ocr {

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool HasAsciiAlnum(const std::string& s) { return std::any_of(s.begin(), s.end(), IsAsciiAlnum); }

std::string AsciiDigits(const std::string& s) {
  std::string out;
  std::copy_if(s.begin(), s.end(), std::back_inserter(out),
               [](char c) { return c >= '0' && c <= '9'; });
  return out;
}

bool IsArabicNumber(const std::string& s) {
  if (HasArabicLetter(s)) return false;
  const auto code_points = static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  return 2 * static_cast<size_t>(EasternDigitCount(s)) >= code_points && !HasAsciiAlnum(s);
}

bool LooksLikeGarbledDigits(const std::string& s) {
  static constexpr std::string_view kLookAlikes = "VvAo0O1lIi|!rYPETe34679qFWC<\\+.:/-'`^";
  static constexpr std::string_view kPlainNumber = "0123456789+.:/-";
  int odd = 0, ascii_digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (kLookAlikes.find(static_cast<char>(c)) == std::string_view::npos) return false;
      odd += kPlainNumber.find(static_cast<char>(c)) == std::string_view::npos;
      ascii_digits += c >= '0' && c <= '9';
    } else if (s.compare(i, 2, "\u00b0") == 0 || s.compare(i, 2, "\u00a3") == 0) {  // °, £ (٤)
      ++odd;
      ++i;
    } else if (s.compare(i, 3, "\u2018") == 0 || s.compare(i, 3, "\u2019") == 0 ||
               s.compare(i, 3, "\u201c") == 0 || s.compare(i, 3, "\u201d") == 0) {
      i += 2;
    } else if (i + 1 < s.size() && EasternDigitCount(s.substr(i, 2)) == 1) {
      ++odd;
      ++i;
    } else {
      return false;
    }
  }
  // Mostly ASCII digits ("964٦", a plus sign read as ٦) is a Latin number misread in part.
  return odd > 0 && ascii_digits <= odd;
}

bool IsCleanArabicIndicNumber(const std::string& s) {
  const std::vector<char32_t> cps = CodePoints(s);
  int digits = 0;
  for (size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    if (IsArabicIndicDigit(c)) {
      ++digits;
    } else if (c == '/' || c == '-' || c == ':' || c == '.' || c == '+' || c == 0x066B ||
               c == 0x066C) {
      if (i == 0 && c != '+') return false;
    } else if ((c == 0x060C || c == 0x06D4 || c == ',') && (i == 0 || i + 1 == cps.size())) {
      continue;
    } else {
      return false;
    }
  }
  return digits >= 2;
}

bool DigitsWithStrayLetters(const std::string& s) {
  if (!AsciiDigits(s).empty() || s.find('@') != std::string::npos) return false;
  int latin = 0, alef = 0, other_arabic = 0;
  for (char32_t c : CodePoints(s)) {
    if (c < 0x80 && IsAsciiAlnum(static_cast<char>(c))) ++latin;
    if (c == 0x0627) {
      ++alef;
    } else if (IsArabicLetter(c)) {
      ++other_arabic;
    }
  }
  const int letters = latin + alef;
  return other_arabic == 0 && alef <= 1 && letters > 0 && letters <= EasternDigitCount(s);
}

bool IsAsciiNumberBeforeComma(const std::string& s) {
  std::string digits = s;
  for (const std::string_view comma : {"\u060c", "\u0621", ","}) {
    if (digits.ends_with(comma)) {
      digits.resize(digits.size() - comma.size());
      break;
    }
  }
  return !digits.empty() && AsciiDigits(digits) == digits;
}

}  // namespace bayyina::ocr
