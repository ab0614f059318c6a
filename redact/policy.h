#ifndef BAYYINA_REDACT_POLICY_H_
#define BAYYINA_REDACT_POLICY_H_

// The redaction policy (the design's policy file, JSON): which entity types are redacted, the
// score threshold, the operator per type, and whether originals and their OCR may go into a
// package. redact/default_policy.json is the shipped default: every type replaced by typed
// placeholders, no originals.
//
// {
//   "version": 1,
//   "entities": ["PERSON", ...],          // or "all"
//   "score_threshold": 0.5,
//   "default_operator": {"type": "replace"},
//   "operators": {"PHONE_NUMBER": {"type": "mask", "masking_char": "*", "chars_to_mask": 7,
//                                  "from_end": true}},
//   "include_originals": false, "include_original_ocr": false,
//   "fail_closed": true, "leak_check": true
// }
// Operator types: replace ([TYPE_N]), redact (removed), mask, hash (HMAC-SHA-256 hex under the
// case key), encrypt (AES-256-GCM, reversible with the case key).

#include <array>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/entity.h"

namespace bayyina::redact {

enum class OperatorType { kReplace, kRedact, kMask, kHash, kEncrypt };

// "replace", "redact", "mask", "hash", "encrypt".
absl::string_view OperatorName(OperatorType type);

struct OperatorConfig {
  OperatorType type = OperatorType::kReplace;
  // mask only:
  std::string masking_char = "*";  // one code point
  int chars_to_mask = -1;          // -1: all
  bool from_end = false;
};

struct Policy {
  std::array<bool, kEntityTypeCount> redact{};  // indexed by EntityType
  double score_threshold = 0.5;
  OperatorConfig default_operator;
  std::array<std::optional<OperatorConfig>, kEntityTypeCount> operators;
  bool include_originals = false;
  bool include_original_ocr = false;
  bool fail_closed = true;
  bool leak_check = true;

  // The shipped default (redact/default_policy.json, compiled in).
  static const Policy& Default();
  // Parses a policy document. Unknown fields, unknown types or operators, and out-of-range
  // values are InvalidArgument naming the field: a typo must not silently weaken a policy.
  static absl::StatusOr<Policy> Parse(absl::string_view json);
  static absl::StatusOr<Policy> LoadFile(const std::string& path);

  bool Redacts(EntityType type) const { return redact[static_cast<size_t>(type)]; }
  const OperatorConfig& OperatorFor(EntityType type) const;
};

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_POLICY_H_
