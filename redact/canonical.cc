#include "redact/canonical.h"

#include <phonenumbers/phonenumberutil.h>

#include "absl/strings/ascii.h"
#include "text/normalize.h"

namespace bayyina::redact {
namespace {

bool NumericType(EntityType t) {
  switch (t) {
    case EntityType::kPhoneNumber:
    case EntityType::kIbanCode:
    case EntityType::kCreditCard:
    case EntityType::kNationalId:
    case EntityType::kPassport:
    case EntityType::kVehiclePlate:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string CanonicalFromNormalized(EntityType type, absl::string_view normalized,
                                    absl::string_view original) {
  if (type == EntityType::kCrypto) return std::string(original);
  std::string out;
  bool numeric = NumericType(type);
  bool space = false;
  for (char c : normalized) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (numeric && (c == '-' || c == '.' || c == '(' || c == ')' || c == '/')) continue;
    if (space && !numeric) out.push_back(' ');
    space = false;
    out.push_back(absl::ascii_toupper(c));
  }
  if (type == EntityType::kPhoneNumber) {
    // One value however it is written (0770..., +964 770..., 00964 770...): E.164.
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    std::string digits = out.rfind("00", 0) == 0 ? "+" + out.substr(2) : out;
    PhoneNumber pn;
    if (util->Parse(digits, "IQ", &pn) == PhoneNumberUtil::NO_PARSING_ERROR) {
      std::string e164;
      util->Format(pn, PhoneNumberUtil::E164, &e164);
      return e164;
    }
  }
  return out;
}

absl::StatusOr<std::string> CanonicalValue(EntityType type, absl::string_view original,
                                           text::Language lang) {
  absl::StatusOr<text::NormalizedText> n = text::Normalize(original, lang);
  if (!n.ok()) return n.status();
  return CanonicalFromNormalized(type, n->text, original);
}

}  // namespace bayyina::redact
