#ifndef BAYYINA_REDACT_REDACTION_LOG_H_
#define BAYYINA_REDACT_REDACTION_LOG_H_

// The redaction log of one document (the design's format): for each finding its type, page,
// boxes in pixels, detector, score, operator, reviewer decision and the HMAC-SHA-256 of the
// original value under the case key. It never holds a value, a placeholder's value or a key.
//
// {"format": "bayyina-redaction-log/1", "document": "document-001.png",
//  "policy": {"score_threshold": 0.5, "entities": [...]},
//  "findings": [{"id": 1, "type": "PHONE_NUMBER", "page": 1,
//                "boxes": [[left, top, right, bottom], ...], "start": 10, "end": 21,
//                "detector": "phone", "score": 0.9, "operator": "replace",
//                "placeholder": "[PHONE_NUMBER_1]", "redacted": true,
//                "decision": "pending", "value_hmac": "<64 hex>"}],
//  "regions": [{"page": 1, "box": [l, t, r, b], "kind": "photo", "source": "detector",
//               "redacted": false, "needs_review": true}],
//  "leak_check": {"performed": true, "passed": true, "setup": "...", "survivors": [...]}}

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "redact/entity.h"
#include "redact/policy.h"
#include "redact/review.h"

namespace bayyina::redact {

using PixelBox = std::array<int, 4>;  // left, top, right, bottom (half-open)

struct LogFinding {
  EntityType type;
  int page = 0;  // 1-based; 0 for a text document
  std::vector<PixelBox> boxes;
  size_t cp_begin = 0;  // code points in the document (or page) text
  size_t cp_end = 0;
  std::string detector;
  double score = 0;
  std::string op;           // operator name, empty when not redacted
  std::string placeholder;  // [TYPE_N] for replace
  bool redacted = false;
  ReviewDecision decision = ReviewDecision::kPending;
  std::string value_hmac;
};

struct LogRegion {
  int page = 1;
  PixelBox box{};
  std::string kind;    // "photo", "signature", "stamp", "unreadable", "reviewer"
  std::string source;  // "detector" or "reviewer"
  bool redacted = false;
  bool needs_review = false;
};

struct LeakSurvivor {
  EntityType type;
  int page = 0;
  PixelBox box{};
  std::string reason;      // "hmac_match" or "new_finding"
  std::string value_hmac;  // HMAC of what was read back
};

struct LeakCheckResult {
  bool performed = false;
  bool passed = false;
  std::string setup;  // how the second reading was made
  std::vector<LeakSurvivor> survivors;
};

struct RedactionLog {
  std::string document;  // neutral name, never the submitter's file name
  std::vector<LogFinding> findings;
  std::vector<LogRegion> regions;
  std::optional<LeakCheckResult> leak_check;

  // JSON text (UTF-8, one object). Thread-compatible.
  std::string ToJson(const Policy& policy) const;
};

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_REDACTION_LOG_H_
