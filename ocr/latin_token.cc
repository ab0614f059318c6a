#include "ocr/latin_token.h"

#include <algorithm>
#include <regex>
#include <string>

#include "ocr/lexicon.h"
#include "text/utf8.h"

namespace bayyina::ocr {
namespace {

// Arabic-script letters (U+0621..064A, U+066E..06D5 without the Arabic full stop U+06D4).
bool IsArabicScriptLetter(char32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D5 && c != 0x06D4);
}

// Arabic-Indic or Persian digits.
bool IsEasternDigit(char32_t c) {
  return (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

}  // namespace

bool LatinReadAsArabic(absl::string_view word, float confidence) {
  if (confidence >= 50 || word.empty()) return false;
  // Arabic words never start with the marks that end sentences and clauses, or with '@'.
  static constexpr absl::string_view kNeverFirst = ".,;:@/";
  bool letter = false, digit = false;
  bool odd_mark = kNeverFirst.find(word.front()) != absl::string_view::npos;
  // The code point before the last one and the last one, to find letter-stop-letter.
  char32_t before = 0, last = 0;
  for (size_t pos = 0; pos < word.size();) {
    char32_t c = 0;
    const int len = text::DecodeUtf8(word, pos, &c);
    if (len == 0) return false;
    pos += static_cast<size_t>(len);
    letter = letter || IsArabicScriptLetter(c);
    digit = digit || IsEasternDigit(c);
    odd_mark = odd_mark || (IsArabicScriptLetter(before) && (last == '.' || last == 0x06D4) &&
                            IsArabicScriptLetter(c));
    before = last;
    last = c;
  }
  return letter && (digit || odd_mark);
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
