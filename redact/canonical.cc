#include "redact/canonical.h"

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
    // One value however it is written (0770..., +964 770..., 00964 770..., 770...): E.164 for
    // Iraqi and international forms; other national forms stay as their digits.
    if (out.rfind("00", 0) == 0) return "+" + out.substr(2);
    if (out.rfind("+", 0) == 0) return out;
    if (out.rfind("964", 0) == 0 && out.size() >= 11) return "+" + out;
    if (out.rfind("0", 0) == 0 && out.size() >= 9 && out.size() <= 11) return "+964" + out.substr(1);
    if (out.rfind("7", 0) == 0 && out.size() == 10) return "+964" + out;
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
