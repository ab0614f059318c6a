#include "text/detect.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "text/utf8.h"

namespace bayyina::text {
namespace {

// Frequent words, lower case. Words that both languages use ("her", "me", "we", "a", "an")
// are left out of both lists.
const absl::flat_hash_set<std::string>& KurmanjiWords() {
  static const auto* const set = new absl::flat_hash_set<std::string>{
      "û",     "di",    "de",    "ji",    "li",    "bi",     "ku",    "ev",    "wê",
      "wî",    "ya",    "yê",    "yên",   "ên",    "bû",     "dike",  "dikin", "re",
      "jî",    "hat",   "kir",   "kirin", "ew",    "vê",     "vî",    "bo",    "ser",
      "nav",   "dema",  "gelek", "heta",  "xwe",   "wan",    "hin",   "piştî", "tê",
      "hatin", "gotin",   "ez",    "tu",    "em",    "hûn",    "êdî",   "berî",  "lê",
      "yek",   "sê",    "çar",   "ne",    "nîne",  "heye",   "hene",  "bibe",  "dibêje",
      "bûn",   "dibe",  "digel", "ligel", "hemû",  "çi",     "çawa",  "kê",    "kî",
      "ve",    "jê",    "pê",    "ango",  "jiyan", "roja",   "salê",  "herêma"};
  return *set;
}

const absl::flat_hash_set<std::string>& EnglishWords() {
  static const auto* const set = new absl::flat_hash_set<std::string>{
      "the",   "of",    "and",   "to",    "in",    "is",    "was",   "that",  "for",
      "it",    "with",  "as",    "on",    "by",    "at",    "from",  "this",  "be",
      "are",   "have",  "has",   "had",   "not",   "or",    "which", "were",  "he",
      "she",   "they",  "their", "his",   "will",  "would", "said",  "been",  "its",
      "who",   "after", "also",  "but",   "i",     "you",   "my",    "your",  "there",
      "what",  "do",    "did",   "does",  "can",   "could", "should", "all",  "one",
      "about", "when",  "if",    "than",  "more",  "into",  "our",   "them",  "these",
      "those", "very",  "how",   "why",   "where", "him",   "up",    "out",   "just",
      "so",    "no",    "yes",   "like",  "am",    "being", "over",  "because", "while"};
  return *set;
}

bool IsArabicScriptCodePoint(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x0870 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

struct Evidence {
  ScriptCounts scripts;
  double sorani = 0, arabic = 0;      // Arabic-script evidence
  double kurmanji = 0, english = 0;  // Latin-script evidence
};

void ScoreArabicLetter(char32_t c, bool word_start, char32_t next, Evidence* e) {
  switch (c) {
    // Letters of the Sorani alphabet that Arabic does not have.
    case 0x0695:  // ڕ
    case 0x06B5:  // ڵ
    case 0x06CE:  // ێ
    case 0x06C6:  // ۆ
    case 0x06D5:  // ە
    case 0x06CA:  // ۊ
      e->sorani += 3;
      break;
    case 0x06A4:  // ڤ: Sorani (and Kurmanji in Arabic script); Arabic uses it in loanwords
      e->sorani += 1;
      break;
    // Persian-style letters: Sorani spells with them, Arabic has them only in loanwords or
    // from Persian keyboards.
    case 0x06CC:  // ی
    case 0x06A9:  // ک
    case 0x06AF:  // گ
    case 0x0686:  // چ
    case 0x067E:  // پ
    case 0x0698:  // ژ
      e->sorani += 1;
      break;
    // Letters Sorani spelling does not use.
    case 0x0629:  // ة
    case 0x0623:  // أ
    case 0x0625:  // إ
    case 0x0622:  // آ
    case 0x0624:  // ؤ
      e->arabic += 3;
      break;
    case 0x0649:  // ى (stray in Sorani text)
    case 0x064A:  // ي
    case 0x0643:  // ك
    case 0x062B:  // ث
    case 0x0630:  // ذ
    case 0x0636:  // ض
    case 0x0638:  // ظ
    case 0x0635:  // ص
    case 0x0637:  // ط
      e->arabic += 1;
      break;
    case 0x0627:  // ا: the article ال at a word start
      if (word_start && next == 0x0644) e->arabic += 2;
      break;
    default:
      if (c >= 0x064B && c <= 0x0652) e->arabic += 1;  // harakat
      break;
  }
}

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* const nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfkc;
}

// Decodes `text` into code points, presentation forms replaced by their letters; invalid bytes
// are skipped.
std::u32string Decode(absl::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c;
    const int len = DecodeUtf8(text, pos, &c);
    if (len == 0) {
      ++pos;
      continue;
    }
    pos += len;
    if (c >= 0xFB50 && c <= 0xFEFF && Nfkc() != nullptr) {
      UErrorCode status = U_ZERO_ERROR;
      const icu::UnicodeString n = Nfkc()->normalize(icu::UnicodeString(static_cast<UChar32>(c)),
                                                     status);
      if (U_SUCCESS(status)) {
        for (int32_t i = 0; i < n.length();) {
          const UChar32 d = n.char32At(i);
          out.push_back(static_cast<char32_t>(d));
          i += U16_LENGTH(d);
        }
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

Evidence Collect(absl::string_view text) {
  Evidence e;
  const std::u32string cps = Decode(text);
  std::string word;  // the current Latin word, lower case
  bool latin_word_has_kurmanji_letter = false;
  auto end_word = [&] {
    if (!word.empty()) {
      if (KurmanjiWords().contains(word)) e.kurmanji += 2;
      if (EnglishWords().contains(word)) e.english += 2;
      if (latin_word_has_kurmanji_letter) e.kurmanji += 1;
      // Spelling patterns: English digraphs and suffixes that Kurmanji spelling (which writes
      // ş, x, w for them) lacks, and Kurmanji's xw cluster and -iya ending.
      if (absl::StrContains(word, "th") || absl::StrContains(word, "wh") ||
          absl::StrContains(word, "ck") || absl::StrContains(word, "oo") ||
          absl::StrContains(word, "ee") || absl::EndsWith(word, "ing") ||
          absl::EndsWith(word, "tion") || absl::EndsWith(word, "ly") ||
          (word.size() >= 4 && (absl::EndsWith(word, "ed") || absl::EndsWith(word, "es")))) {
        e.english += 1;
      }
      if (absl::StrContains(word, "xw") || absl::EndsWith(word, "iya")) e.kurmanji += 1;
    }
    word.clear();
    latin_word_has_kurmanji_letter = false;
  };
  for (size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    const bool letter = u_isalpha(static_cast<UChar32>(c));
    if (!letter) {
      // Apostrophes stay inside English words ("don't") without splitting them in two.
      if (c != U'\'' && c != 0x2019) end_word();
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
    if (script == USCRIPT_ARABIC || IsArabicScriptCodePoint(c)) {
      end_word();
      ++e.scripts.arabic;
      const bool word_start = i == 0 || !u_isalpha(static_cast<UChar32>(cps[i - 1]));
      ScoreArabicLetter(c, word_start, i + 1 < cps.size() ? cps[i + 1] : 0, &e);
    } else if (script == USCRIPT_LATIN) {
      ++e.scripts.latin;
      const auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
      if (lower == U'ç' || lower == U'ş' || lower == U'ê' || lower == U'î' || lower == U'û') {
        latin_word_has_kurmanji_letter = true;
      }
      AppendUtf8(lower, &word);
    } else {
      end_word();
      ++e.scripts.other;
    }
  }
  end_word();
  return e;
}

// Confidence from the two competing scores and how much text there was.
double Confidence(double winner, double loser, size_t letters, size_t script_letters) {
  if (script_letters == 0) return 0;
  const double total = winner + loser;
  // Without any evidence the call is a coin toss between the two languages of the script.
  const double share = total > 0 ? winner / total : 0.5;
  const double amount = total / (total + 4.0);  // little evidence, little confidence
  const double purity = static_cast<double>(script_letters) / static_cast<double>(letters);
  return share * (0.5 + 0.5 * amount) * purity;
}

}  // namespace

ScriptCounts CountScripts(absl::string_view text) { return Collect(text).scripts; }

Detection DetectLanguage(absl::string_view text) {
  const Evidence e = Collect(text);
  Detection d;
  d.scripts = e.scripts;
  const size_t letters = e.scripts.arabic + e.scripts.latin + e.scripts.other;
  if (e.scripts.arabic == 0 && e.scripts.latin == 0) return d;
  if (e.scripts.arabic >= e.scripts.latin) {
    // Ties go to Arabic, the more common language of Arabic-script evidence.
    const bool sorani = e.sorani > e.arabic;
    d.language = sorani ? Language::kSorani : Language::kArabic;
    d.confidence = Confidence(sorani ? e.sorani : e.arabic, sorani ? e.arabic : e.sorani, letters,
                              e.scripts.arabic);
  } else {
    const bool kurmanji = e.kurmanji > e.english;
    d.language = kurmanji ? Language::kKurmanji : Language::kEnglish;
    d.confidence = Confidence(kurmanji ? e.kurmanji : e.english,
                              kurmanji ? e.english : e.kurmanji, letters, e.scripts.latin);
  }
  return d;
}

}  // namespace bayyina::text
