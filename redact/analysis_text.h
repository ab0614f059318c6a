#ifndef BAYYINA_REDACT_ANALYSIS_TEXT_H_
#define BAYYINA_REDACT_ANALYSIS_TEXT_H_

// One text prepared for the recognizers: the original, its normalized form with the offset
// map, and the normalized text cut into tokens that carry their lexicon flags. Built once per
// analysis so that every recognizer shares one tokenization and one lexicon lookup per word.

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "redact/lexicon.h"
#include "text/language.h"
#include "text/normalize.h"

namespace bayyina::redact {

enum class TokenKind : uint8_t {
  kWord,    // letters (any script), ZWNJ/ZWJ included
  kNumber,  // ASCII digits (Arabic-Indic digits were folded by the normalizer)
  kPunct,   // one other non-space code point
};

struct Token {
  uint32_t begin;  // byte range in the normalized text
  uint32_t end;
  TokenKind kind;
  uint8_t phrase_len;     // >1 when a lexicon phrase starts here (tokens it spans)
  bool newline_before;    // a line break separates it from the previous token
  uint32_t flags;         // lexicon flags of the word itself
  uint32_t phrase_flags;  // flags of the phrase starting here (0 when none)
};

class AnalysisText {
 public:
  // Builds the analysis form of `normalized` (the result of text::Normalize on `original`).
  // Both must outlive this object.
  AnalysisText(std::string_view original, const text::NormalizedText& normalized,
               text::Language lang);

  AnalysisText(const AnalysisText&) = delete;
  AnalysisText& operator=(const AnalysisText&) = delete;

  std::string_view text() const { return text_; }
  std::string_view original() const { return original_; }
  text::Language language() const { return lang_; }
  const Lexicon& lexicon() const { return lexicon_; }
  const std::vector<Token>& tokens() const { return tokens_; }

  std::string_view TokenText(const Token& t) const {
    return text_.substr(t.begin, t.end - t.begin);
  }
  // The original bytes behind a normalized range (case and digits as written).
  std::string_view Original(size_t begin, size_t end) const;

  // Index of the first token whose end is after `byte` (tokens().size() if none).
  size_t TokenIndexAt(size_t byte) const;

  // True when a token or phrase carrying any of `mask` lies within `before` tokens before
  // the normalized range [begin, end) or `after` tokens after it, not crossing a line break
  // more than once.
  bool ContextNear(size_t begin, size_t end, uint32_t mask, int before = 6,
                   int after = 3) const;

  // True when the original text of token `t` starts with an upper-case letter.
  bool Capitalized(const Token& t) const;

 private:
  void Tokenize();

  std::string_view original_;
  const text::NormalizedText& normalized_;
  std::string_view text_;
  text::Language lang_;
  const Lexicon& lexicon_;
  std::vector<Token> tokens_;
};

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_ANALYSIS_TEXT_H_
