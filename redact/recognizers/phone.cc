// PHONE_NUMBER: a cheap scan finds runs of digit groups (split by spaces, dashes, dots or
// brackets, optionally after '+' or 00); only those runs go to libphonenumber, which decides.
// Iraq is the default region, so national forms (07xx xxx xxxx, 770 123 4567) parse as Iraqi;
// '+' and 00 forms parse for any region. Near a phone cue, numbers that are only "possible"
// (an OCR misread digit makes them invalid) are still reported, and other regions' national
// forms are tried.

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <string>

#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr size_t kMinDigits = 7;
constexpr size_t kMaxDigits = 15;  // E.164
constexpr size_t kMaxGroups = 8;
constexpr const char* kCueRegions[] = {"DE", "GB", "US", "TR", "IR", "SY", "JO",
                                       "NL", "SE", "FR", "AE", "SA"};

const PhoneNumberUtil& Util() {
  static const PhoneNumberUtil* util = [] {
    PhoneNumberUtil* u = PhoneNumberUtil::GetInstance();
    // Its default logger would print numbers it fails on; logs must not hold values.
    u->SetLogger(new i18n::phonenumbers::NullLogger());
    return u;
  }();
  return *util;
}

// dd-mm-yyyy, yyyy/mm/dd and the like are dates, however valid the digits are as a number.
bool DateShaped(std::string_view s, const std::vector<scan::DigitGroup>& g, size_t i,
                size_t j) {
  if (j - i != 3) return false;
  size_t a = g[i].end - g[i].begin, b = g[i + 1].end - g[i + 1].begin,
         c = g[i + 2].end - g[i + 2].begin;
  char sep = s[g[i].end];
  if (sep == ' ') return false;
  return b <= 2 && ((a <= 2 && (c == 4 || c == 2)) || (a == 4 && c <= 2));
}

class PhoneRecognizer : public Recognizer {
 public:
  PhoneRecognizer() { Util(); }

  std::string_view name() const override { return "phone"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    std::vector<scan::DigitGroup> groups;
    size_t i = 0;
    const auto& toks = text.tokens();
    for (size_t k = 0; k < toks.size(); ++k) {
      const Token& t = toks[k];
      if (t.kind != TokenKind::kNumber || t.begin < i) continue;
      if (t.begin > 0 && scan::Alpha(s[t.begin - 1])) continue;  // part of an alphanumeric code
      groups.clear();
      i = scan::CollectGroups(s, t.begin, "-.()", 64, &groups);
      if (groups.size() > kMaxGroups) groups.resize(kMaxGroups);
      size_t total = 0;
      for (const auto& g : groups) total += g.end - g.begin;
      if (total < kMinDigits) continue;
      Windows(text, groups, out);
    }
    return absl::OkStatus();
  }

 private:
  // Tries the longest run of groups from each start that libphonenumber accepts.
  void Windows(const AnalysisText& text, const std::vector<scan::DigitGroup>& g,
               std::vector<Candidate>* out) const {
    std::string_view s = text.text();
    size_t i = 0;
    while (i < g.size()) {
      size_t best_j = 0;
      float best_score = 0;
      uint32_t best_begin = 0;
      for (size_t j = g.size(); j > i; --j) {
        size_t digits = 0;
        for (size_t q = i; q < j; ++q) digits += g[q].end - g[q].begin;
        if (digits < kMinDigits || digits > kMaxDigits + 2) continue;
        if (DateShaped(s, g, i, j)) continue;
        uint32_t begin = g[i].begin;
        bool plus = false;
        // A '+' (possibly followed by a space) just before the first group.
        size_t p = begin;
        while (p > 0 && s[p - 1] == ' ' && begin - p < 2) --p;
        if (p > 0 && s[p - 1] == '+') {
          plus = true;
          begin = static_cast<uint32_t>(p - 1);
        }
        if (!Plausible(s, g[i].begin, digits, plus) &&
            !text.ContextNear(begin, g[j - 1].end, kLexPhoneCue)) {
          continue;
        }
        float score = Score(text, begin, g[j - 1].end, plus,
                            s.substr(g[i].begin, g[j - 1].end - g[i].begin));
        // The longest window wins among equals, but a valid number beats a longer run that is
        // only "possible" (which would swallow a following date).
        if (score > best_score) {
          best_j = j;
          best_score = score;
          best_begin = begin;
          if (score >= 0.9f) break;
        }
      }
      if (best_j == 0) {
        ++i;
        continue;
      }
      out->push_back(
          {EntityType::kPhoneNumber, best_begin, g[best_j - 1].end, best_score, "phone"});
      i = best_j;
    }
  }

  // A cheap shape check so that libphonenumber (regular expressions, about 10 us a call) sees
  // only runs that can be a number without a cue: international (+, 00, 964) with 8-15 digits
  // after the prefix, or an Iraqi national form (0 then 8-10 digits; 7 then 9 digits).
  static bool Plausible(std::string_view s, size_t first, size_t digits, bool plus) {
    if (plus) return digits >= 8 && digits <= 15;
    std::string_view d = s.substr(first, 3);
    if (d.starts_with("00")) return digits >= 10 && digits <= 17;
    if (d.starts_with("964")) return digits >= 11 && digits <= 13;
    if (d[0] == '0') return digits >= 9 && digits <= 11;
    if (d[0] == '7') return digits == 10;
    return false;
  }

  float Score(const AnalysisText& text, uint32_t begin, uint32_t end, bool plus,
              std::string_view groups_text) const {
    std::string number = plus ? "+" : "";
    number += scan::DigitsOf(groups_text, 0, groups_text.size());
    const PhoneNumberUtil& util = Util();
    bool cue = text.ContextNear(begin, end, kLexPhoneCue);
    PhoneNumber pn;
    if (util.Parse(number, "IQ", &pn) == PhoneNumberUtil::NO_PARSING_ERROR) {
      if (util.IsValidNumber(pn)) {
        // Iraqi mobiles are the national numbers 7xx xxx xxxx; asking libphonenumber for the
        // number type would run its patterns a second time.
        bool iraqi_mobile = pn.country_code() == 964 && pn.national_number() >= 7000000000ULL &&
                            pn.national_number() < 8000000000ULL;
        bool mobile_or_intl = plus || number.rfind("00", 0) == 0 || iraqi_mobile;
        float score = mobile_or_intl ? 0.9f : 0.7f;
        return cue ? std::min(1.0f, score + 0.1f) : score;
      }
      if (cue && util.IsPossibleNumber(pn)) return 0.6f;
    }
    if (cue && !plus) {
      for (const char* region : kCueRegions) {
        PhoneNumber other;
        if (util.Parse(number, region, &other) == PhoneNumberUtil::NO_PARSING_ERROR &&
            util.IsValidNumber(other)) {
          return 0.8f;
        }
      }
    }
    return 0;
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewPhoneRecognizer() { return std::make_unique<PhoneRecognizer>(); }

}  // namespace bayyina::redact
