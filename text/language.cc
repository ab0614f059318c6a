#include "text/language.h"

#include "absl/strings/ascii.h"

namespace bayyina::text {

std::string_view LanguageCode(Language lang) {
  switch (lang) {
    case Language::kArabic:
      return "ar";
    case Language::kSorani:
      return "ckb";
    case Language::kKurmanji:
      return "kmr";
    case Language::kEnglish:
      return "en";
  }
  return "und";
}

std::optional<Language> ParseLanguage(std::string_view code) {
  // Only the primary subtag decides; "ar-IQ", "ckb_IQ" and "en-GB" name our languages.
  const size_t sep = code.find_first_of("-_");
  const std::string_view head = code.substr(0, sep);
  const std::string primary = absl::AsciiStrToLower(absl::string_view(head.data(), head.size()));
  if (sep != std::string_view::npos && sep + 1 >= code.size()) return std::nullopt;
  if (primary == "ar") return Language::kArabic;
  if (primary == "ckb") return Language::kSorani;
  if (primary == "kmr") return Language::kKurmanji;
  if (primary == "en") return Language::kEnglish;
  return std::nullopt;
}

bool IsArabicScript(Language lang) {
  return lang == Language::kArabic || lang == Language::kSorani;
}

}  // namespace bayyina::text
