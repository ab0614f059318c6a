#ifndef BAYYINA_TM_SCRUBBER_H_
#define BAYYINA_TM_SCRUBBER_H_

// What the translation memory needs from personal-data detection. The TM sits below redact/ in
// the layering, so the layers above (cases/, services/, clients/) provide an implementation
// backed by the redaction analyzer; a unit is scrubbed before it enters the shared memory.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace bayyina::tm {

class UnitScrubber {
 public:
  virtual ~UnitScrubber() = default;
  // Returns `text` (language `lang`, BCP-47) with every personal value replaced by its typed
  // placeholder "[TYPE_N]". Text without personal data comes back unchanged. Must be
  // thread-safe.
  virtual absl::StatusOr<std::string> Scrub(absl::string_view text, absl::string_view lang) = 0;
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_SCRUBBER_H_
