// CREDIT_CARD: 12-19 digits, compact or in groups, with a known issuer prefix for their
// length and a valid Luhn check digit.

#include <string>

#include "redact/checksum.h"
#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

int Prefix(const std::string& d, size_t n) { return std::stoi(d.substr(0, n)); }

// Issuer identification ranges (ISO/IEC 7812) of the networks seen in our evidence.
bool KnownIssuer(const std::string& d) {
  size_t n = d.size();
  int p1 = d[0] - '0', p2 = Prefix(d, 2), p3 = Prefix(d, 3), p4 = Prefix(d, 4);
  if (p1 == 4) return n == 13 || n == 16 || n == 19;                      // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n == 16;  // Mastercard
  if (p2 == 34 || p2 == 37) return n == 15;                               // Amex
  if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649)) return n >= 16;   // Discover
  if (p4 >= 3528 && p4 <= 3589) return n >= 16;                           // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) return n >= 14;  // Diners
  if (p2 == 62) return n >= 16;                                           // UnionPay
  if (p4 >= 2200 && p4 <= 2204) return n == 16;                           // Mir
  if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 6304 || p4 == 6759 ||
      (p4 >= 6761 && p4 <= 6763)) {
    return n >= 12;  // Maestro
  }
  return false;
}

class CreditCardRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "credit_card"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    std::vector<scan::DigitGroup> groups;
    size_t scanned = 0;
    for (const Token& t : text.tokens()) {
      if (t.kind != TokenKind::kNumber || t.begin < scanned) continue;
      if (!scan::BoundaryBefore(s, t.begin)) continue;
      groups.clear();
      scanned = scan::CollectGroups(s, t.begin, "-", 40, &groups);
      // A card may run into a following number ("... 4242 2020"): try the longest run of
      // groups that is a card.
      for (size_t j = groups.size(); j > 0; --j) {
        uint32_t end = groups[j - 1].end;
        std::string digits = scan::DigitsOf(s, t.begin, end);
        if (digits.size() < 12 || digits.size() > 19 || !scan::BoundaryAfter(s, end)) continue;
        if (!KnownIssuer(digits) || !LuhnValid(digits)) continue;
        float score = text.ContextNear(t.begin, end, kLexAccountCue) ? 1.0f : 0.95f;
        out->push_back({EntityType::kCreditCard, t.begin, end, score, "credit_card"});
        break;
      }
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewCreditCardRecognizer() {
  return std::make_unique<CreditCardRecognizer>();
}

}  // namespace bayyina::redact
