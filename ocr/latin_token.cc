#include "ocr/latin_token.h"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "ocr/arabic_script.h"
#include "ocr/lexicon.h"
#include "text/utf8.h"

namespace bayyina::ocr {
bool LatinReadAsArabic(absl::string_view word, float confidence) {
  if (confidence >= 50 || word.empty()) return false;
  std::vector<char32_t> cps;
  if (!DecodeAll(word, &cps)) return false;
  if (std::none_of(cps.begin(), cps.end(), IsArabicLetter)) return false;
  // Letters on one side of position `i`, counted outwards (step -1 or +1).
  auto letters_from = [&](long i, long step) {
    int n = 0;
    for (; i >= 0 && i < static_cast<long>(cps.size()) && IsArabicLetter(cps[i]); i += step) {
      ++n;
    }
    return n;
  };
  // A digit with letters both before and after it, which no Arabic word has (a number with
  // an era or unit, ٢٠٢١م or ص١٢, has its letters on one side).
  const auto first_letter = std::find_if(cps.begin(), cps.end(), IsArabicLetter);
  const auto last_letter = std::find_if(cps.rbegin(), cps.rend(), IsArabicLetter).base();
  if (std::any_of(first_letter, last_letter, IsEasternDigit)) return true;
  for (long i = 1; i + 1 < static_cast<long>(cps.size()); ++i) {
    // A full stop inside a run of letters, two or more on each side (not an abbreviation:
    // ص.ب, د.أحمد).
    if ((cps[i] == '.' || cps[i] == 0x06D4) && letters_from(i - 1, -1) >= 2 &&
        letters_from(i + 1, 1) >= 2) {
      return true;
    }
  }
  // An '@' anywhere, or a first mark that no Arabic word starts with.
  const char32_t first = cps[0];
  return std::find(cps.begin(), cps.end(), U'@') != cps.end() || first == '.' ||
         first == ',' || first == ';' || first == '/';
}

bool IsEmailShaped(absl::string_view text) {
  static const std::regex kEmail(
      R"(^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$)");
  return std::regex_match(text.begin(), text.end(), kEmail);
}

void JoinEmailPieces(std::vector<Word>& read, std::vector<Box>& boxes, int32_t gap) {
  auto piece = [&](size_t k) { return read[k].text.size() > 1; };
  for (size_t a = 0; a < read.size() && a < boxes.size(); ++a) {
    if (!piece(a)) continue;
    size_t b = a + 1;
    std::string joined = read[a].text;
    while (b < read.size() && b < boxes.size() && piece(b) &&
           boxes[b].left - boxes[b - 1].right < gap) {
      joined += read[b++].text;
    }
    if (b == a + 1 || !IsEmailShaped(joined)) continue;
    for (size_t k = a + 1; k < b; ++k) {
      read[a].confidence = std::min(read[a].confidence, read[k].confidence);
      boxes[a] = boxes[a].Union(boxes[k]);
    }
    read[a].text = std::move(joined);
    read.erase(read.begin() + static_cast<long>(a + 1), read.begin() + static_cast<long>(b));
    boxes.erase(boxes.begin() + static_cast<long>(a + 1), boxes.begin() + static_cast<long>(b));
  }
}

void JoinAddressPieces(std::vector<Word>& read, std::vector<Box>& boxes, int32_t gap) {
  for (size_t a = 0; a < read.size() && a < boxes.size(); ++a) {
    std::string joined = read[a].text;
    for (size_t b = a + 1; b < read.size() && b < boxes.size() &&
                           boxes[b].left - boxes[b - 1].right < gap;
         ++b) {
      joined += read[b].text;
      const std::string address = FixLatinToken(joined);
      if (!IsBase58CheckAddress(address)) continue;
      for (size_t k = a + 1; k <= b; ++k) {
        read[a].confidence = std::max(read[a].confidence, read[k].confidence);
        boxes[a] = boxes[a].Union(boxes[k]);
      }
      read[a].text = address;
      read.erase(read.begin() + static_cast<long>(a + 1), read.begin() + static_cast<long>(b + 1));
      boxes.erase(boxes.begin() + static_cast<long>(a + 1), boxes.begin() + static_cast<long>(b + 1));
      break;
    }
  }
}

std::string KeepLeadingOne(absl::string_view first, const Box& first_box,
                           absl::string_view second, const Box& second_box) {
  auto plain = [](char c) {
    return (c >= '0' && c <= '9') || c == ':' || c == '/' || c == '.' || c == '-';
  };
  auto digits = [](absl::string_view s) {
    std::string out;
    for (char c : s) {
      if (c >= '0' && c <= '9') out += c;
    }
    return out;
  };
  if (first.empty() || second.empty() || first.front() != '1' ||
      !std::all_of(first.begin(), first.end(), plain) ||
      !std::all_of(second.begin(), second.end(), plain) ||
      digits(first) != "1" + digits(second) || second_box.left > first_box.left) {
    return std::string(second);
  }
  return "1" + std::string(second);
}

}  // namespace bayyina::ocr
