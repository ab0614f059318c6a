#ifndef BAYYINA_TEXT_LANGUAGE_H_
#define BAYYINA_TEXT_LANGUAGE_H_

// The source languages Bayyina reads, with their BCP-47 codes.

#include <optional>
#include <string_view>

namespace bayyina::text {

enum class Language {
  kArabic,    // "ar"
  kSorani,    // "ckb", Central Kurdish in Arabic script
  kKurmanji,  // "kmr", Northern Kurdish in Latin script
  kEnglish,   // "en"
};

// The BCP-47 code of `lang`, e.g. "ckb".
std::string_view LanguageCode(Language lang);

// Parses a BCP-47 code ("ar", "ckb", "kmr", "en"; case-insensitive, region subtags such as
// "ar-IQ" accepted). Returns nullopt for anything else, including "auto", which callers that
// detect languages handle themselves.
std::optional<Language> ParseLanguage(std::string_view code);

// True for languages written in Arabic script.
bool IsArabicScript(Language lang);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_LANGUAGE_H_
