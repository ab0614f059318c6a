#ifndef BAYYINA_REDACT_TM_SCRUBBER_H_
#define BAYYINA_REDACT_TM_SCRUBBER_H_

// The translation memory's personal-data seam (tm::UnitScrubber) backed by the redaction
// analyzer. The TM sits below redact/ and cannot see the recognizers, so every layer that opens
// a memory for the shared scope (the CLI, the TM service, the case workflow) passes this.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/analyzer.h"
#include "tm/scrubber.h"

namespace bayyina::redact {

// Replaces every finding at or above the default policy's score threshold by a typed
// placeholder. Placeholders are numbered per call ("[PERSON_1]" is the first person of that
// text), so no value is remembered from one unit to the next. Thread-safe.
class TmScrubber final : public tm::UnitScrubber {
 public:
  absl::StatusOr<std::string> Scrub(absl::string_view text, absl::string_view lang) override;

 private:
  Analyzer analyzer_;
};

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_TM_SCRUBBER_H_
