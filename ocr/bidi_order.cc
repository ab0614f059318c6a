#include "ocr/bidi_order.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>

#include "ocr/arabic_script.h"

namespace bayyina::ocr {
namespace {

enum class Strength { kRight, kLeft, kNumber, kArabicNumber };

// kRight if the word has an Arabic-script letter, kLeft if it has a Latin letter, else
// kArabicNumber (Arabic-Indic digits and no ASCII ones) or kNumber (digits and punctuation).
Strength Classify(const std::string& s) {
  bool latin = false, ascii_digit = false, arabic_digit = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) latin = true;
    if (c >= 0xC3 && c <= 0xC9) latin = true;  // Latin-1 and Latin Extended-A letters
    if (c >= '0' && c <= '9') ascii_digit = true;
    if ((c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      const char32_t cp = ((c & 0x1F) << 6) | (d & 0x3F);
      const bool digit = (cp >= 0x0660 && cp <= 0x066C) || (cp >= 0x06F0 && cp <= 0x06F9);
      const bool punct = cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x06D4;
      if (!digit && !punct) return Strength::kRight;
      arabic_digit = arabic_digit || digit;
    }
  }
  if (latin) return Strength::kLeft;
  return arabic_digit && !ascii_digit ? Strength::kArabicNumber : Strength::kNumber;
}

// A number whose sign is printed on its right ("964+" seen left to right) was laid out right
// to left: its logical text is "+964".
bool SignOnTheRight(const std::string& s) {
  return s.size() > 1 && s.back() == '+' && s.front() != '+';
}

// Arabic letters, and the Arabic full stop, which bidi counts as a right-to-left letter too.
bool IsRightToLeftLetter(char32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D5);
}

}  // namespace

std::string DigitsInLogicalOrder(absl::string_view word) {
  // Arabic-script letters and digits are two-byte UTF-8 sequences.
  std::vector<std::pair<char32_t, absl::string_view>> chars;
  for (size_t i = 0; i < word.size(); i += 2) {
    const auto c = static_cast<unsigned char>(word[i]);
    if ((c & 0xE0) != 0xC0 || i + 1 >= word.size()) return std::string(word);
    const char32_t cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(word[i + 1]) & 0x3F);
    chars.emplace_back(cp, word.substr(i, 2));
  }
  // Digits then letters, or letters then digits: one change of kind, at `cut`.
  size_t cut = 0, changes = 0;
  for (size_t k = 0; k < chars.size(); ++k) {
    const bool digit = IsEasternDigit(chars[k].first);
    if (!digit && !IsRightToLeftLetter(chars[k].first)) return std::string(word);
    if (k > 0 && digit != IsEasternDigit(chars[k - 1].first)) {
      cut = k;
      ++changes;
    }
  }
  if (changes != 1) return std::string(word);
  const bool digits_first = IsEasternDigit(chars[0].first);
  const size_t from = digits_first ? 0 : cut, to = digits_first ? cut : chars.size();
  if (to - from < 2) return std::string(word);
  std::reverse(chars.begin() + from, chars.begin() + to);
  std::string out;
  for (const auto& [cp, bytes] : chars) out.append(bytes.data(), bytes.size());
  return out;
}

void ReorderRightToLeftLine(std::vector<Word>& words, std::vector<Box>& boxes) {
  const size_t n = words.size();
  if (n < 2) return;
  // Visual order, left to right.
  std::vector<size_t> visual(n);
  std::iota(visual.begin(), visual.end(), 0);
  std::stable_sort(visual.begin(), visual.end(), [&](size_t a, size_t b) {
    return boxes[a].left + boxes[a].right < boxes[b].left + boxes[b].right;
  });
  std::vector<Strength> kind(n);
  int32_t height = 0;
  for (size_t i = 0; i < n; ++i) {
    kind[i] = Classify(words[visual[i]].text);
    height = std::max(height, boxes[i].height());
  }
  // Units as [first, last] ranges of visual positions. Wide gaps (table columns) split the
  // line into clusters; a cluster without Arabic letters is a paragraph of its own, which bidi
  // lays out left to right, so it is one unit.
  std::vector<std::pair<size_t, size_t>> units;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j + 1 < n && boxes[visual[j + 1]].left - boxes[visual[j]].right < 2 * height) ++j;
    const bool arabic = std::any_of(kind.begin() + i, kind.begin() + j + 1,
                                    [](Strength k) { return k == Strength::kRight; });
    // Bidi treats the spaces between Arabic-Indic numbers as right-to-left whatever the
    // paragraph direction, so a cell of such numbers ("٢٠٢٥/١٠/١٤ ٢٢:٥٣") reads right to left.
    const bool arabic_numbers = std::all_of(kind.begin() + i, kind.begin() + j + 1, [](Strength k) {
      return k == Strength::kArabicNumber;
    });
    if (!arabic && !arabic_numbers) {
      units.emplace_back(i, j);
    } else {
      // Words from `free` on are not in a left-to-right run yet.
      size_t free = i;
      for (size_t k = i; k <= j;) {
        if (kind[k] == Strength::kLeft) {
          size_t e = k;
          while (e + 1 <= j && kind[e + 1] != Strength::kRight) ++e;
          // Numbers laid out right to left (a sign on their right) after the last Latin word
          // are a run of their own, not the Latin word's.
          for (size_t r = k + 1; r <= e; ++r) {
            if (!SignOnTheRight(words[visual[r]].text)) continue;
            e = r - 1;
            while (e > k && kind[e] != Strength::kLeft) --e;
            break;
          }
          // A number printed closer than a space just left of a Latin word is part of it: a
          // code whose first digit the recognizer read as a word of its own ("1"
          // "BHbBkGdW..."). (Bidi would put a number that follows a Latin run on its right.)
          size_t b = k;
          while (b > free && kind[b - 1] == Strength::kNumber &&
                 !SignOnTheRight(words[visual[b - 1]].text)) {
            const Box& left = boxes[visual[b - 1]];
            const Box& right = boxes[visual[b]];
            if (2 * (right.left - left.right) >= std::max(left.height(), right.height())) break;
            --b;
          }
          units.resize(units.size() - (k - b));  // those numbers were units of one word
          units.emplace_back(b, e);
          k = free = e + 1;
        } else {
          units.emplace_back(k, k);
          ++k;
        }
      }
    }
    i = j + 1;
  }
  std::vector<Word> out_words;
  std::vector<Box> out_boxes;
  out_words.reserve(n);
  out_boxes.reserve(n);
  for (auto u = units.rbegin(); u != units.rend(); ++u) {
    for (size_t k = u->first; k <= u->second; ++k) {
      out_words.push_back(std::move(words[visual[k]]));
      out_boxes.push_back(boxes[visual[k]]);
    }
    std::string& text = out_words.back().text;
    if (u->first == u->second && kind[u->first] == Strength::kNumber && SignOnTheRight(text)) {
      text.pop_back();
      text.insert(text.begin(), '+');
    }
  }
  words = std::move(out_words);
  boxes = std::move(out_boxes);
}

Direction LineDirection(absl::string_view language, Direction guessed,
                        const std::vector<Word>& words) {
  if (guessed == Direction::kRightToLeft || (language != "ar" && language != "ckb")) {
    return guessed;
  }
  const bool arabic = std::any_of(words.begin(), words.end(), [](const Word& w) {
    const Strength k = Classify(w.text);
    return k == Strength::kRight || k == Strength::kArabicNumber;
  });
  return arabic ? Direction::kRightToLeft : guessed;
}

}  // namespace bayyina::ocr
