#ifndef BAYYINA_REDACT_PLACEHOLDERS_H_
#define BAYYINA_REDACT_PLACEHOLDERS_H_

// Typed, consistent placeholders: the design's [TYPE_N], where N is stable for the same value
// throughout a case. The registry is keyed by the value's HMAC under the case key, so it can be
// persisted with the case without holding any value.

#include <array>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "redact/entity.h"

namespace bayyina::redact {

class PlaceholderRegistry {
 public:
  PlaceholderRegistry() = default;
  PlaceholderRegistry(const PlaceholderRegistry& other);
  PlaceholderRegistry& operator=(const PlaceholderRegistry&) = delete;

  // "[PERSON_3]": the number already given to `value_hmac`, or the next free one. Thread-safe.
  std::string Get(EntityType type, absl::string_view value_hmac);

  // Persisted form: {"PERSON": ["<hmac of 1>", "<hmac of 2>", ...], ...}. Holds HMACs only.
  std::string ToJson() const;
  static absl::StatusOr<PlaceholderRegistry> FromJson(absl::string_view json);

 private:
  mutable absl::Mutex mu_;
  std::array<std::vector<std::string>, kEntityTypeCount> order_ ABSL_GUARDED_BY(mu_);
  std::array<absl::flat_hash_map<std::string, int>, kEntityTypeCount> index_ ABSL_GUARDED_BY(mu_);
};

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_PLACEHOLDERS_H_
