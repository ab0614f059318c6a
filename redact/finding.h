#ifndef BAYYINA_REDACT_FINDING_H_
#define BAYYINA_REDACT_FINDING_H_

// A piece of personal data found in a text, as the analyzer reports it.

#include <cstddef>
#include <string>

#include "redact/entity.h"

namespace bayyina::redact {

struct Finding {
  EntityType type = EntityType::kPerson;
  // Half-open range in the ORIGINAL (not normalized) input, in bytes of UTF-8...
  size_t begin = 0;
  size_t end = 0;
  // ...and the same range in Unicode code points, as the public API reports it.
  size_t cp_begin = 0;
  size_t cp_end = 0;
  // 0..1; checksum-confirmed values score 1.
  double score = 0;
  // Which recognizer found it ("phone", "iban", "person_cue", "ner:<model>", "reviewer"...).
  std::string detector;
  // The value in canonical form (normalized, separators removed for numbers). Used for
  // placeholder consistency and the HMAC in the redaction log. It is personal data: it never
  // goes into logs, errors or the redaction log.
  std::string canonical;
};

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_FINDING_H_
