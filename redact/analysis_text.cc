#include "redact/analysis_text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <string>

#include "redact/utf8.h"

namespace bayyina::redact {

AnalysisText::AnalysisText(std::string_view original, const text::NormalizedText& normalized,
                           text::Language lang)
    : original_(original),
      normalized_(normalized),
      text_(normalized.text),
      lang_(lang),
      lexicon_(Lexicon::For(lang)) {
  Tokenize();
}

void AnalysisText::Tokenize() {
  const std::string_view s = text_;
  tokens_.reserve(s.size() / 6 + 16);
  bool newline = false;
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    int len = utf8::Decode(s, i, &cp);
    if (utf8::IsSpace(cp)) {
      newline |= cp == '\n' || cp == 0x2028 || cp == 0x2029;
      i += len;
      continue;
    }
    Token t{static_cast<uint32_t>(i), 0, TokenKind::kWord, 1, newline, 0, 0};
    newline = false;
    if (cp >= '0' && cp <= '9') {
      t.kind = TokenKind::kNumber;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    } else if (utf8::IsPunct(cp)) {
      t.kind = TokenKind::kPunct;
      i += len;
    } else {
      i += len;
      while (i < s.size()) {
        len = utf8::Decode(s, i, &cp);
        if (utf8::IsSpace(cp) || utf8::IsPunct(cp) || (cp >= '0' && cp <= '9')) break;
        i += len;
      }
    }
    t.end = static_cast<uint32_t>(i);
    tokens_.push_back(t);
  }
  for (size_t k = 0; k < tokens_.size(); ++k) {
    Token& t = tokens_[k];
    if (t.kind != TokenKind::kWord) continue;
    std::string_view w = TokenText(t);
    t.flags = lexicon_.Lookup(w);
    if (!(t.flags & kLexPhraseStart)) continue;
    const std::vector<Lexicon::Phrase>* phrases = lexicon_.PhrasesStartingWith(w);
    if (phrases == nullptr) continue;
    for (const Lexicon::Phrase& p : *phrases) {
      if (k + p.rest.size() >= tokens_.size() || p.rest.size() + 1 <= t.phrase_len) continue;
      bool match = true;
      for (size_t r = 0; r < p.rest.size() && match; ++r) {
        match = TokenText(tokens_[k + 1 + r]) == p.rest[r];
      }
      if (match) {
        t.phrase_len = static_cast<uint8_t>(p.rest.size() + 1);
        t.phrase_flags = p.flags;
      }
    }
  }
  // OCR splits the Arabic article off a family name (الجبوري read "ال جبوري"); the article is
  // never a word of its own, so the word after it is looked up with it for name flags, and the
  // article links it to the name before it as بن would.
  constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // ال
  for (size_t k = 0; k + 1 < tokens_.size(); ++k) {
    Token& next = tokens_[k + 1];
    if (tokens_[k].kind != TokenKind::kWord || TokenText(tokens_[k]) != kArticle ||
        next.kind != TokenKind::kWord || next.newline_before) {
      continue;
    }
    std::string with_article(kArticle);
    with_article += TokenText(next);
    const uint32_t joined = lexicon_.Lookup(with_article);
    if (!(joined & (kLexGiven | kLexFamily))) continue;
    next.flags |= joined & (kLexGiven | kLexFamily);
    tokens_[k].flags |= kLexNameLink;
  }
}

std::string_view AnalysisText::Original(size_t begin, size_t end) const {
  auto [b, e] = normalized_.OriginalRange(begin, end);
  return original_.substr(b, e - b);
}

size_t AnalysisText::TokenIndexAt(size_t byte) const {
  auto it = std::upper_bound(tokens_.begin(), tokens_.end(), byte,
                             [](size_t b, const Token& t) { return b < t.end; });
  return static_cast<size_t>(it - tokens_.begin());
}

bool AnalysisText::ContextNear(size_t begin, size_t end, uint32_t mask, int before,
                               int after) const {
  // Walk outwards from the value; a cue on the previous line counts (form layouts put the
  // label above the value), one further back does not.
  size_t k = TokenIndexAt(begin);
  int lines = 0;
  for (int n = 0; n < before && k > 0; ++n) {
    if (k < tokens_.size() && tokens_[k].newline_before && ++lines > 1) break;
    --k;
    if ((tokens_[k].flags | tokens_[k].phrase_flags) & mask) return true;
  }
  lines = 0;
  for (size_t k = TokenIndexAt(end), n = 0; k < tokens_.size() && n < static_cast<size_t>(after);
       ++k, ++n) {
    if (tokens_[k].begin < end) continue;
    if (tokens_[k].newline_before && ++lines > 1) break;
    if ((tokens_[k].flags | tokens_[k].phrase_flags) & mask) return true;
  }
  return false;
}

bool AnalysisText::Capitalized(const Token& t) const {
  std::string_view o = Original(t.begin, t.end);
  if (o.empty()) return false;
  char32_t cp;
  utf8::Decode(o, 0, &cp);
  return u_isupper(static_cast<UChar32>(cp));
}

}  // namespace bayyina::redact
