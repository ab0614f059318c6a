#ifndef BAYYINA_REDACT_ENTITY_H_
#define BAYYINA_REDACT_ENTITY_H_

// The entity types of personal data, named as in the design (docs and the public proto use the
// same upper-case names).

#include <array>
#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"

namespace bayyina::redact {

enum class EntityType : uint8_t {
  kPerson,
  kPhoneNumber,
  kEmailAddress,
  kUrl,
  kIpAddress,
  kIbanCode,
  kCreditCard,
  kCrypto,
  kNationalId,
  kPassport,
  kDateOfBirth,
  kDateTime,
  kAddress,
  kVehiclePlate,
};

inline constexpr int kEntityTypeCount = 14;

// Every entity type, in declaration order.
const std::array<EntityType, kEntityTypeCount>& AllEntityTypes();

// The design's name, e.g. "PHONE_NUMBER".
absl::string_view EntityTypeName(EntityType type);

// Parses a design name ("PERSON"; exact, upper case). Returns nullopt for anything else.
std::optional<EntityType> ParseEntityType(absl::string_view name);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_ENTITY_H_
