#ifndef BAYYINA_REDACT_LANGUAGE_CHOICE_H_
#define BAYYINA_REDACT_LANGUAGE_CHOICE_H_

// Resolves a requested language code ("ar", "ckb", "kmr", "en" or "auto") for a text.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "text/language.h"

namespace bayyina::redact {

// "auto" detects the language of `text` (English when it has no letters, e.g. only
// numbers). InvalidArgument for any other unknown code.
absl::StatusOr<text::Language> ResolveLanguage(absl::string_view code, absl::string_view text);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_LANGUAGE_CHOICE_H_
