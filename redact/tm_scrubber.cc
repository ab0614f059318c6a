#include "redact/tm_scrubber.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "redact/placeholders.h"
#include "redact/policy.h"
#include "tm/match_key.h"

namespace bayyina::redact {

absl::StatusOr<std::string> TmScrubber::Scrub(absl::string_view text, absl::string_view lang) {
  absl::StatusOr<std::vector<Finding>> findings =
      analyzer_.Analyze(text, tm::NormalizationLanguage(lang));
  if (!findings.ok()) return findings.status();
  const double threshold = Policy::Default().score_threshold;
  // A unit's source and target usually name people in the same order, so per-text numbering
  // still lines the placeholders of both sides up.
  PlaceholderRegistry registry;
  std::string out;
  size_t pos = 0;
  for (const Finding& f : *findings) {
    if (f.score < threshold || f.begin < pos) continue;
    absl::StrAppend(&out, text.substr(pos, f.begin - pos), registry.Get(f.type, f.canonical));
    pos = f.end;
  }
  absl::StrAppend(&out, text.substr(pos));
  return out;
}

}  // namespace bayyina::redact
