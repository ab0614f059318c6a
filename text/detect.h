#ifndef BAYYINA_TEXT_DETECT_H_
#define BAYYINA_TEXT_DETECT_H_

// Script and language detection for a line or a page of OCR output, for `--lang auto`.

#include <cstddef>

#include "absl/strings/string_view.h"
#include "text/language.h"

namespace bayyina::text {

// Letters of `text` per script, for mixed pages (a Sorani page with Latin e-mail addresses
// and IBANs, an English page quoting Arabic). Digits, punctuation and marks are not letters.
struct ScriptCounts {
  size_t arabic = 0;  // Arabic script, presentation forms included
  size_t latin = 0;
  size_t other = 0;  // letters of any other script
};

// Counts the letters of UTF-8 `text` per script. Invalid bytes are skipped. Thread-safe.
ScriptCounts CountScripts(absl::string_view text);

struct Detection {
  // The detected language; meaningful only when confidence > 0.
  Language language = Language::kEnglish;
  // In [0, 1]: how much the evidence favours `language` over the other language of the same
  // script, scaled down for short text and for text mixing scripts. 0 when the text has no
  // Arabic or Latin letters.
  double confidence = 0;
  ScriptCounts scripts;
};

// Detects the language of a line or page of UTF-8 text. The script with more letters decides
// between {ar, ckb} and {kmr, en}. Within Arabic script, the letters that only Sorani has
// (ڕ ڵ ێ ۆ ە ۊ, and ڤ) and the Persian-style ی ک گ چ پ ژ count for Sorani; the letters that
// Sorani lacks (ة ى ي ك أ إ آ ؤ ث ذ ض ظ ص ط), harakat and the article ال count for Arabic.
// Within Latin script, ç ş ê î û, the cluster xw, the ending -iya and frequent Kurmanji words
// count for Kurmanji; frequent English words, the digraphs th wh ck oo ee and the endings
// -ing -tion -ly -ed -es count for English. Invalid bytes are skipped. Thread-safe.
Detection DetectLanguage(absl::string_view text);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_DETECT_H_
