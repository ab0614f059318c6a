#include "redact/entity.h"

#include <string_view>

namespace bayyina::redact {
namespace {

constexpr std::array<std::string_view, kEntityTypeCount> kNames = {
    "PERSON",      "PHONE_NUMBER", "EMAIL_ADDRESS", "URL",           "IP_ADDRESS",
    "IBAN_CODE",   "CREDIT_CARD",  "CRYPTO",        "NATIONAL_ID",   "PASSPORT",
    "DATE_OF_BIRTH", "DATE_TIME",  "ADDRESS",       "VEHICLE_PLATE",
};

}  // namespace

const std::array<EntityType, kEntityTypeCount>& AllEntityTypes() {
  static const auto* all = [] {
    auto* a = new std::array<EntityType, kEntityTypeCount>;
    for (int i = 0; i < kEntityTypeCount; ++i) (*a)[i] = static_cast<EntityType>(i);
    return a;
  }();
  return *all;
}

absl::string_view EntityTypeName(EntityType type) {
  std::string_view n = kNames[static_cast<size_t>(type)];
  return absl::string_view(n.data(), n.size());
}

std::optional<EntityType> ParseEntityType(absl::string_view name) {
  for (int i = 0; i < kEntityTypeCount; ++i) {
    if (kNames[i] == std::string_view(name.data(), name.size())) return static_cast<EntityType>(i);
  }
  return std::nullopt;
}

}  // namespace bayyina::redact
