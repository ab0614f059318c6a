#include "redact/placeholders.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace bayyina::redact {

PlaceholderRegistry::PlaceholderRegistry(const PlaceholderRegistry& other) {
  absl::MutexLock lock(&other.mu_);
  order_ = other.order_;
  index_ = other.index_;
}

std::string PlaceholderRegistry::Get(EntityType type, absl::string_view value_hmac) {
  size_t t = static_cast<size_t>(type);
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = index_[t].try_emplace(std::string(value_hmac), 0);
  if (inserted) {
    order_[t].emplace_back(value_hmac);
    it->second = static_cast<int>(order_[t].size());
  }
  return absl::StrCat("[", EntityTypeName(type), "_", it->second, "]");
}

std::string PlaceholderRegistry::ToJson() const {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  absl::MutexLock lock(&mu_);
  for (EntityType type : AllEntityTypes()) {
    const auto& order = order_[static_cast<size_t>(type)];
    if (!order.empty()) j[std::string(EntityTypeName(type))] = order;
  }
  return j.dump();
}

absl::StatusOr<PlaceholderRegistry> PlaceholderRegistry::FromJson(absl::string_view json) {
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return absl::InvalidArgumentError("placeholder registry: not a JSON object");
  }
  PlaceholderRegistry r;
  for (const auto& [name, list] : j.items()) {
    std::optional<EntityType> type = ParseEntityType(name);
    if (!type || !list.is_array()) {
      return absl::InvalidArgumentError("placeholder registry: unknown type or not a list");
    }
    for (const auto& h : list) {
      if (!h.is_string() || h.get<std::string>().size() != 64) {
        return absl::InvalidArgumentError("placeholder registry: entries must be hex HMACs");
      }
      r.Get(*type, h.get<std::string>());
    }
  }
  return r;
}

}  // namespace bayyina::redact
