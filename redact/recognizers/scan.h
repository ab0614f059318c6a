#ifndef BAYYINA_REDACT_RECOGNIZERS_SCAN_H_
#define BAYYINA_REDACT_RECOGNIZERS_SCAN_H_

// Byte-level helpers shared by the recognizers. They work on normalized text, where every
// digit is ASCII, so hand-written scans replace regular expressions (which would not reach
// the throughput the issue asks for).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bayyina::redact::scan {

inline bool Digit(char c) { return c >= '0' && c <= '9'; }
inline bool Alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool Alnum(char c) { return Digit(c) || Alpha(c); }

// True when no ASCII letter or digit touches position i from the left.
inline bool BoundaryBefore(std::string_view s, size_t i) { return i == 0 || !Alnum(s[i - 1]); }
// True when no ASCII letter or digit touches position i (exclusive end) from the right.
inline bool BoundaryAfter(std::string_view s, size_t i) { return i >= s.size() || !Alnum(s[i]); }

// A run of digit groups such as "0770 123-4567" or "+964 (770) 123 45 67".
struct DigitGroup {
  uint32_t begin;
  uint32_t end;
};

// Collects the digit groups starting at s[i] (which must be a digit), joined by at most one
// separator from `separators` with optional spaces around it, stopping after `max_digits`
// digits. Returns the index just after the last group.
inline size_t CollectGroups(std::string_view s, size_t i, std::string_view separators,
                            size_t max_digits, std::vector<DigitGroup>* groups) {
  size_t digits = 0;
  size_t end = i;
  while (i < s.size() && Digit(s[i])) {
    size_t b = i;
    while (i < s.size() && Digit(s[i])) ++i;
    groups->push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
    digits += i - b;
    end = i;
    if (digits >= max_digits) break;
    size_t j = i;
    int seps = 0;
    while (j < s.size() && seps < 3 &&
           (s[j] == ' ' || separators.find(s[j]) != std::string_view::npos)) {
      ++j;
      ++seps;
    }
    if (seps == 0 || j >= s.size() || !Digit(s[j])) break;
    i = j;
  }
  return end;
}

// The digits of s[begin, end), separators dropped.
inline std::string DigitsOf(std::string_view s, size_t begin, size_t end) {
  std::string d;
  for (size_t i = begin; i < end; ++i) {
    if (Digit(s[i])) d.push_back(s[i]);
  }
  return d;
}

}  // namespace bayyina::redact::scan

#endif  // BAYYINA_REDACT_RECOGNIZERS_SCAN_H_
