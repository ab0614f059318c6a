#ifndef BAYYINA_REDACT_LEXICON_H_
#define BAYYINA_REDACT_LEXICON_H_

// The word lists the recognizers share: the name gazetteer (given and family/tribal names in
// Arabic, Sorani and Kurmanji/Latin spelling) and the cue and context words in ar, ckb, kmr and
// en. The lists live in redact/data/ and are compiled into the library; each language gets its
// own copy normalized with that language's rules, so lookups are on normalized words.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "text/language.h"

namespace bayyina::redact {

// What a word or phrase is to the recognizers. A word may carry several flags.
enum LexFlag : uint32_t {
  kLexGiven = 1u << 0,          // given name
  kLexFamily = 1u << 1,         // family or tribal name
  kLexNameLink = 1u << 2,       // بن / ابن / kurê: joins the links of a name chain
  kLexNamePrefix = 1u << 3,     // عبد / أبو / أم: starts a compound name
  kLexPersonCue = 1u << 4,      // المتهم, الشاهد, Gumanbar, witness: a name follows
  kLexPhoneCue = 1u << 5,
  kLexIdCue = 1u << 6,          // national card, ID number
  kLexPassportCue = 1u << 7,
  kLexBirthCue = 1u << 8,
  kLexAddressKey = 1u << 9,     // محلة / زقاق / دار / گەڕەک: a number follows
  kLexAddressCue = 1u << 10,    // العنوان / يسكن: an address is near
  kLexVehicleCue = 1u << 11,
  kLexGovernorate = 1u << 12,   // old plates start with the governorate name
  kLexPlateKind = 1u << 13,     // خصوصي / أجرة / حمل on old plates
  kLexMonth = 1u << 14,         // Gregorian month name (Iraqi, Levantine, Egyptian, ckb, kmr, en)
  kLexHijriMonth = 1u << 15,
  kLexHijriMark = 1u << 16,     // هـ after a Hijri year
  kLexStop = 1u << 17,          // never part of a name (function words, common verbs)
  kLexAccountCue = 1u << 18,    // bank account, IBAN, card
  kLexDateCue = 1u << 19,
  kLexNumberCue = 1u << 20,     // رقم / ژمارە / number / no.: a number-like word follows
  kLexPhraseStart = 1u << 31,   // internal: some phrase starts with this word
};

// The flag of a tag in redact/data/lexicon.tsv ("PHONE_CUE"), or 0 for an unknown tag.
uint32_t ParseLexTag(std::string_view tag);

class Lexicon {
 public:
  // A multi-word entry ("كانون الثاني", "date of birth"), stored under its first word.
  struct Phrase {
    std::vector<std::string_view> rest;  // the following words, normalized
    uint32_t flags;
  };

  // The lexicon of `lang`, built on first use. Thread-safe; the result lives forever.
  static const Lexicon& For(text::Language lang);

  // Flags of one normalized word (0 when unknown; kLexPhraseStart set when a phrase starts
  // with it). For Arabic-script languages a conjunction
  // or preposition prefix (و ف ب ل) is stripped when the whole word is unknown; a Sorani
  // word unknown as written is also looked up as a name in its Arabic spelling (ڕەسوڵ, رسول).
  uint32_t Lookup(std::string_view word) const;

  // Phrases that start with `word` (nullptr when none).
  const std::vector<Phrase>* PhrasesStartingWith(std::string_view word) const;

  // Number of distinct normalized entries carrying `flag` (for the gazetteer size checks).
  size_t CountWithFlag(uint32_t flag) const;

 private:
  explicit Lexicon(text::Language lang);

  text::Language lang_;
  std::deque<std::string> storage_;  // owns (a deque never moves its elements) every normalized word the maps point into
  absl::flat_hash_map<std::string_view, uint32_t> words_;
  absl::flat_hash_map<std::string_view, std::vector<Phrase>> phrases_;
};

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_LEXICON_H_
