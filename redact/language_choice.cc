#include "redact/language_choice.h"

#include "absl/strings/str_cat.h"
#include "text/detect.h"

namespace bayyina::redact {

absl::StatusOr<text::Language> ResolveLanguage(absl::string_view code, absl::string_view text) {
  if (code == "auto") {
    text::Detection d = text::DetectLanguage(text);
    return d.confidence > 0 ? d.language : text::Language::kEnglish;
  }
  std::optional<text::Language> lang = text::ParseLanguage(std::string_view(code.data(), code.size()));
  if (!lang) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown language \"", code, "\" (use ar, ckb, kmr, en or auto)"));
  }
  return *lang;
}

}  // namespace bayyina::redact
