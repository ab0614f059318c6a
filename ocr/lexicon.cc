#include "ocr/lexicon.h"

#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace bayyina::ocr {
namespace {

constexpr absl::string_view kBase58 =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The readings a misread base58 character allows: 0 and O can only have been o; I and l were
// 1 or i. Other characters stand.
std::vector<char> Alternatives(char c) {
  switch (c) {
    case '0':
    case 'O':
      return {'o'};
    case 'I':
    case 'l':
      return {'1', 'i'};
    default:
      return {c};
  }
}

// Shaped like a legacy or P2SH Bitcoin address: 26-35 ASCII letters and digits, both letter
// cases, starting with 1 or 3 or a look-alike of 1.
bool AddressShaped(absl::string_view s) {
  if (s.size() < 26 || s.size() > 35) return false;
  if (absl::string_view("13lIL|").find(s[0]) == absl::string_view::npos) return false;
  bool upper = false, lower = false;
  for (char c : s) {
    if (!IsAsciiAlnum(c)) return false;
    upper = upper || (c >= 'A' && c <= 'Z');
    lower = lower || (c >= 'a' && c <= 'z');
  }
  return upper && lower;
}

void FixBase58(std::string& s) {
  if (!AddressShaped(s)) return;
  if (IsBase58CheckAddress(s)) return;
  // Every combination of the alternatives, the first character also as 1; at most 64 tried.
  std::vector<std::vector<char>> options;
  size_t combinations = 1;
  for (size_t i = 0; i < s.size(); ++i) {
    std::vector<char> alt = Alternatives(s[i]);
    if (i == 0 && (s[0] == 'L' || s[0] == '|')) alt = {s[0], '1'};
    combinations *= alt.size();
    options.push_back(std::move(alt));
  }
  std::string valid;
  int found = 0;
  if (combinations <= 64) {
    for (size_t k = 0; k < combinations && found < 2; ++k) {
      std::string candidate = s;
      size_t rest = k;
      for (size_t i = 0; i < s.size(); ++i) {
        candidate[i] = options[i][rest % options[i].size()];
        rest /= options[i].size();
      }
      if (IsBase58CheckAddress(candidate)) {
        valid = candidate;
        ++found;
      }
    }
  }
  if (found == 1) {
    s = valid;
    return;
  }
  // No checksum decides: 0 and O still have only one base58 reading.
  for (char& c : s) {
    if (c == '0' || c == 'O') c = 'o';
  }
}

}  // namespace

bool FixIbanCountryCode(const std::vector<std::string*>& groups) {
  auto all = [](const std::string& s, size_t n, bool letters) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [&](char c) {
             return letters ? (c >= 'A' && c <= 'Z') : (c >= '0' && c <= '9');
           });
  };
  bool changed = false;
  for (size_t k = 0; k + 5 < groups.size(); ++k) {
    const std::string& first = *groups[k];
    if (first.size() != 4 || first.compare(0, 2, "IQ") == 0 ||
        !std::isdigit(static_cast<unsigned char>(first[2])) ||
        !std::isdigit(static_cast<unsigned char>(first[3])) || !all(*groups[k + 1], 4, true) ||
        !all(*groups[k + 2], 4, false) || !all(*groups[k + 3], 4, false) ||
        !all(*groups[k + 4], 4, false) || !all(*groups[k + 5], 3, false)) {
      continue;
    }
    // Mod 97 of the rearranged IBAN (country code and check digits moved to the end, letters as
    // 10..35), computed digit by digit.
    std::string rearranged;
    for (size_t g = k + 1; g <= k + 5; ++g) rearranged += *groups[g];
    rearranged += "IQ" + first.substr(2);
    int rest = 0;
    for (char c : rearranged) {
      const int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A' + 10;
      rest = (v >= 10 ? rest * 100 : rest * 10) + v;
      rest %= 97;
    }
    if (rest != 1) continue;
    *groups[k] = "IQ" + first.substr(2);
    changed = true;
  }
  return changed;
}

bool IsBase58CheckAddress(absl::string_view address) {
  // Big-endian base-256 digits of the number, built digit by digit.
  std::vector<unsigned char> bytes;
  size_t zeros = 0;
  while (zeros < address.size() && address[zeros] == '1') ++zeros;
  for (size_t i = zeros; i < address.size(); ++i) {
    const size_t value = kBase58.find(address[i]);
    if (value == absl::string_view::npos) return false;
    unsigned carry = static_cast<unsigned>(value);
    for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
      carry += 58u * *it;
      *it = static_cast<unsigned char>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.insert(bytes.begin(), static_cast<unsigned char>(carry & 0xff));
      carry >>= 8;
    }
    if (bytes.size() > 25) return false;
  }
  bytes.insert(bytes.begin(), zeros, 0);
  if (bytes.size() != 25) return false;
  std::array<unsigned char, SHA256_DIGEST_LENGTH> once, twice;
  SHA256(bytes.data(), 21, once.data());
  SHA256(once.data(), once.size(), twice.data());
  return std::equal(twice.begin(), twice.begin() + 4, bytes.begin() + 21);
}

std::string FixLatinToken(absl::string_view token) {
  std::string s(token);
  FixBase58(s);
  // Four digits ("1015", the last group of a phone number) are a number, not a misread "IQ".
  const bool letter = s.size() == 4 && (s[0] != '1' || s[1] != '0');
  if (letter && (s[0] == '1' || s[0] == 'l' || s[0] == 'I' || s[0] == '|') &&
      (s[1] == 'Q' || s[1] == 'O' || s[1] == '0') && std::isdigit(static_cast<unsigned char>(s[2])) &&
      std::isdigit(static_cast<unsigned char>(s[3]))) {
    s[0] = 'I';
    s[1] = 'Q';
  }
  return s;
}

}  // namespace bayyina::ocr
