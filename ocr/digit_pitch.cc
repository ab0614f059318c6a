#include "ocr/digit_pitch.h"

#include <algorithm>

#include "ocr/arabic_script.h"

namespace bayyina::ocr {

std::vector<bool> OddDigitPitch(const std::vector<Word>& words, const std::vector<Box>& boxes) {
  std::vector<double> pitch(words.size(), 0);
  for (size_t i = 0; i < words.size() && i < boxes.size(); ++i) {
    const std::string& t = words[i].text;
    const bool digits = t.size() >= 3 && std::all_of(t.begin(), t.end(), [](char c) {
                          return c >= '0' && c <= '9';
                        });
    // A word closer than a space to another is a piece of a longer word, not a group.
    bool apart = true;
    for (size_t j = 0; j < words.size() && j < boxes.size(); ++j) {
      const int32_t gap = boxes[i].GapTo(boxes[j]);
      apart = apart && (j == i || 4 * gap >= boxes[i].height());
    }
    if (digits && apart && boxes[i].width() > 0) {
      pitch[i] = static_cast<double>(boxes[i].width()) / static_cast<double>(t.size());
    }
  }
  std::vector<double> all;
  for (double p : pitch) {
    if (p > 0) all.push_back(p);
  }
  std::vector<bool> odd(words.size(), false);
  if (all.size() < 2) return odd;
  std::sort(all.begin(), all.end());
  // With three groups or more, the median of all of them is a correct group's pitch even when
  // one group is wrong; two groups can only be compared with each other.
  const double median = all[all.size() / 2];
  for (size_t i = 0; i < words.size(); ++i) {
    if (pitch[i] == 0) continue;
    const double reference =
        all.size() > 2 ? median : (pitch[i] == all[0] ? all[1] : all[0]);
    odd[i] = 8 * pitch[i] < 7 * reference || 8 * pitch[i] > 9 * reference;
  }
  return odd;
}

std::vector<bool> WideArabicIndicGroups(const std::vector<Word>& words,
                                        const std::vector<Box>& boxes) {
  const size_t n = std::min(words.size(), boxes.size());
  std::vector<double> pitch(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const std::vector<char32_t> cps = CodePoints(words[i].text);
    if (cps.size() < 2 || !std::all_of(cps.begin(), cps.end(), IsArabicIndicDigit) ||
        boxes[i].width() <= 0) {
      continue;
    }
    bool apart = true;
    for (size_t j = 0; j < n; ++j) {
      apart = apart && (j == i || 4 * boxes[i].GapTo(boxes[j]) >= boxes[i].height());
    }
    if (apart) pitch[i] = static_cast<double>(boxes[i].width()) / static_cast<double>(cps.size());
  }
  std::vector<bool> wide(n, false);
  for (size_t i = 0; i < n; ++i) {
    if (pitch[i] == 0) continue;
    std::vector<double> others;
    bool grouped = false;
    for (size_t j = 0; j < n; ++j) {
      if (j == i || pitch[j] == 0) continue;
      others.push_back(pitch[j]);
      grouped = grouped || boxes[i].GapTo(boxes[j]) <=
                               2 * std::max(boxes[i].height(), boxes[j].height());
    }
    if (!grouped) continue;
    std::sort(others.begin(), others.end());
    wide[i] = 5 * pitch[i] > 6 * others[others.size() / 2];
  }
  return wide;
}

}  // namespace bayyina::ocr
