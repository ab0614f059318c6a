#ifndef BAYYINA_REDACT_CANONICAL_H_
#define BAYYINA_REDACT_CANONICAL_H_

// The canonical form of a personal value: what placeholder numbering and HMACs are computed
// over, so that "0770 123 4567" and "٠٧٧٠١٢٣٤٥٦٧" are the same value. Numbers lose their
// separators, words are single-spaced, Latin letters are upper case; Bitcoin addresses are
// case-sensitive and stay as written.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/entity.h"
#include "text/language.h"

namespace bayyina::redact {

// From an already normalized value (and its original bytes, used for CRYPTO only).
std::string CanonicalFromNormalized(EntityType type, absl::string_view normalized,
                                    absl::string_view original);

// Normalizes `original` for `lang` first. InvalidArgument for invalid UTF-8.
absl::StatusOr<std::string> CanonicalValue(EntityType type, absl::string_view original,
                                           text::Language lang);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_CANONICAL_H_
