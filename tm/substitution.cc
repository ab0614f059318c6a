#include "tm/substitution.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tm/match_key.h"

namespace bayyina::tm {
namespace {

enum class DigitStyle { kAscii, kArabicIndic, kExtendedArabicIndic };

DigitStyle StyleOf(absl::string_view raw) {
  // U+0660..U+0669 are D9 A0..D9 A9; U+06F0..U+06F9 are DB B0..DB B9.
  for (size_t i = 0; i + 1 < raw.size(); ++i) {
    const unsigned char a = raw[i], b = raw[i + 1];
    if (a == 0xD9 && b >= 0xA0 && b <= 0xA9) return DigitStyle::kArabicIndic;
    if (a == 0xDB && b >= 0xB0 && b <= 0xB9) return DigitStyle::kExtendedArabicIndic;
  }
  return DigitStyle::kAscii;
}

std::string Render(absl::string_view ascii_value, DigitStyle style) {
  if (style == DigitStyle::kAscii) return std::string(ascii_value);
  std::string out;
  for (char c : ascii_value) {
    if (c >= '0' && c <= '9') {
      const int d = c - '0';
      if (style == DigitStyle::kArabicIndic) {
        out += static_cast<char>(0xD9);
        out += static_cast<char>(0xA0 + d);
      } else {
        out += static_cast<char>(0xDB);
        out += static_cast<char>(0xB0 + d);
      }
    } else if (c == '.' && style == DigitStyle::kArabicIndic) {
      out += "\xD9\xAB";  // Arabic decimal separator
    } else if (c == ',' && style == DigitStyle::kArabicIndic) {
      out += "\xD9\xAC";  // Arabic thousands separator
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<Segment> SubstituteValues(absl::string_view query, absl::string_view query_lang,
                                         absl::string_view stored_source,
                                         absl::string_view source_lang, const Segment& target,
                                         absl::string_view target_lang, bool* changed) {
  *changed = false;
  absl::StatusOr<MatchKey> q = BuildMatchKey(query, query_lang);
  if (!q.ok()) return q.status();
  absl::StatusOr<MatchKey> s = BuildMatchKey(stored_source, source_lang);
  if (!s.ok()) return s.status();
  absl::StatusOr<MatchKey> t = BuildMatchKey(target.text, target_lang);
  if (!t.ok()) return t.status();

  // Group values by key token ({NUM}, {PERSON}, ...), in order.
  std::map<std::string, std::vector<const Substitutable*>> query_values, stored_values;
  for (const Substitutable& v : q->substitutables) query_values[v.token].push_back(&v);
  for (const Substitutable& v : s->substitutables) stored_values[v.token].push_back(&v);
  // stored value -> query values it stands for, in order of the stored source.
  std::map<std::pair<std::string, std::string>, std::vector<const Substitutable*>> mapping;
  for (const auto& [token, stored] : stored_values) {
    auto it = query_values.find(token);
    if (it == query_values.end() || it->second.size() != stored.size()) continue;
    for (size_t i = 0; i < stored.size(); ++i) {
      mapping[{token, stored[i]->value}].push_back(it->second[i]);
    }
  }
  if (mapping.empty()) return target;

  struct Replacement {
    size_t begin, end;
    std::string text;
  };
  std::vector<Replacement> replacements;
  std::map<std::pair<std::string, std::string>, size_t> used;
  for (const Substitutable& v : t->substitutables) {
    auto it = mapping.find({v.token, v.value});
    if (it == mapping.end()) continue;
    size_t& n = used[{v.token, v.value}];
    const Substitutable* by = it->second[std::min(n, it->second.size() - 1)];
    ++n;
    std::string text = v.kind == Substitutable::Kind::kNumber
                           ? Render(by->value, StyleOf(v.raw))
                           : by->raw;
    if (text == v.raw) continue;
    replacements.push_back({v.begin, v.end, std::move(text)});
  }
  if (replacements.empty()) return target;

  Segment out;
  out.codes = target.codes;
  size_t pos = 0;
  for (const Replacement& r : replacements) {
    out.text.append(target.text, pos, r.begin - pos);
    out.text.append(r.text);
    pos = r.end;
  }
  out.text.append(target.text, pos, std::string::npos);
  // Codes keep their place relative to the text around them.
  for (InlineCode& code : out.codes) {
    long long shift = 0;
    for (const Replacement& r : replacements) {
      if (code.offset >= r.end) {
        shift += static_cast<long long>(r.text.size()) - static_cast<long long>(r.end - r.begin);
      }
    }
    code.offset = static_cast<size_t>(static_cast<long long>(code.offset) + shift);
  }
  *changed = true;
  return out;
}

}  // namespace bayyina::tm
