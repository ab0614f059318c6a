#include "redact/lexicon.h"

#include <array>
#include <mutex>
#include <string>
#include <utility>

#include "redact/embedded_data.h"
#include "text/normalize.h"

namespace bayyina::redact {
namespace {

struct TagFlag {
  std::string_view tag;
  uint32_t flag;
};

constexpr TagFlag kTags[] = {
    {"GIVEN", kLexGiven},
    {"FAMILY", kLexFamily},
    {"NAME_LINK", kLexNameLink},
    {"NAME_PREFIX", kLexNamePrefix},
    {"PERSON_CUE", kLexPersonCue},
    {"PHONE_CUE", kLexPhoneCue},
    {"ID_CUE", kLexIdCue},
    {"PASSPORT_CUE", kLexPassportCue},
    {"BIRTH_CUE", kLexBirthCue},
    {"ADDRESS_KEY", kLexAddressKey},
    {"ADDRESS_CUE", kLexAddressCue},
    {"VEHICLE_CUE", kLexVehicleCue},
    {"GOVERNORATE", kLexGovernorate},
    {"PLATE_KIND", kLexPlateKind},
    {"MONTH", kLexMonth},
    {"HIJRI_MONTH", kLexHijriMonth},
    {"HIJRI_MARK", kLexHijriMark},
    {"STOP", kLexStop},
    {"ACCOUNT_CUE", kLexAccountCue},
    {"DATE_CUE", kLexDateCue},
    {"NUMBER_CUE", kLexNumberCue},
};

// Arabic one-letter proclitics: و ف ب ل ك.
constexpr std::string_view kArabicProclitics[] = {"\xD9\x88", "\xD9\x81", "\xD8\xA8",
                                                  "\xD9\x84", "\xD9\x83"};
// Sorani definite/plural/izafe endings: ەکە ەکان ەکەی ی.
constexpr std::string_view kSoraniSuffixes[] = {
    "\xDB\x95\xDA\xA9\xDB\x95\xDB\x8C", "\xDB\x95\xDA\xA9\xDB\x95",
    "\xDB\x95\xDA\xA9\xD8\xA7\xD9\x86", "\xDB\x8C"};
// Kurmanji case endings (after case folding): yê ya ên ê a î.
constexpr std::string_view kKurmanjiSuffixes[] = {"y\xC3\xAA", "ya", "\xC3\xAAn", "\xC3\xAA",
                                                  "a", "\xC3\xAE"};

// A Sorani spelling of a name in its Arabic spelling, the way the gazetteer lists many names
// (ڕەسوڵ for رسول, حەسەن for حسن): Sorani writes the short vowel ە that Arabic leaves out, and
// its own letters ڕ ڵ ۆ ێ for ر ل و ی. Word-final ە stays (it stands for ة / ه). Empty when
// nothing changes.
std::string ArabicSpelling(std::string_view w) {
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < w.size();) {
    if (i + 1 < w.size()) {
      const auto b0 = static_cast<unsigned char>(w[i]), b1 = static_cast<unsigned char>(w[i + 1]);
      const char* to = nullptr;
      if (b0 == 0xDA && b1 == 0x95) to = "\xD8\xB1";       // ڕ -> ر
      if (b0 == 0xDA && b1 == 0xB5) to = "\xD9\x84";       // ڵ -> ل
      if (b0 == 0xDB && b1 == 0x86) to = "\xD9\x88";       // ۆ -> و
      if (b0 == 0xDB && b1 == 0x8E) to = "\xDB\x8C";       // ێ -> ی
      if (b0 == 0xDB && b1 == 0x95 && i > 0 && i + 2 < w.size()) to = "";  // medial ە
      if (to != nullptr) {
        out += to;
        changed = true;
        i += 2;
        continue;
      }
    }
    out += w[i++];
  }
  return changed ? out : std::string();
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(sep, pos);
    parts.push_back(s.substr(pos, next == std::string_view::npos ? s.npos : next - pos));
    if (next == std::string_view::npos) return parts;
    pos = next + 1;
  }
}

std::string_view Strip(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) {
    --e;
  }
  return s.substr(b, e - b);
}

}  // namespace

uint32_t ParseLexTag(std::string_view tag) {
  for (const TagFlag& t : kTags) {
    if (t.tag == tag) return t.flag;
  }
  return 0;
}

const Lexicon& Lexicon::For(text::Language lang) {
  static std::array<std::once_flag, 4> once;
  static std::array<const Lexicon*, 4> lexicons{};
  size_t i = static_cast<size_t>(lang);
  std::call_once(once[i], [&] { lexicons[i] = new Lexicon(lang); });
  return *lexicons[i];
}

Lexicon::Lexicon(text::Language lang) : lang_(lang) {
  auto add = [&](std::string_view entry, uint32_t flags) {
    absl::StatusOr<text::NormalizedText> n =
        text::Normalize(absl::string_view(entry.data(), entry.size()), lang);
    if (!n.ok() || n->text.empty()) return;  // the data files are checked by lexicon_test
    std::vector<std::string_view> words;
    for (std::string_view w : Split(n->text, ' ')) {
      if (!w.empty()) words.push_back(w);
    }
    if (words.empty()) return;
    auto intern = [&](std::string_view w) -> std::string_view {
      auto it = words_.find(w);
      if (it != words_.end()) return it->first;
      storage_.emplace_back(w);
      std::string_view stored = storage_.back();
      words_.emplace(stored, 0);
      return stored;
    };
    if (words.size() == 1) {
      words_[intern(words[0])] |= flags;
      return;
    }
    Phrase p;
    std::string_view first = intern(words[0]);
    words_[first] |= kLexPhraseStart;
    for (size_t k = 1; k < words.size(); ++k) p.rest.push_back(intern(words[k]));
    p.flags = flags;
    phrases_[first].push_back(std::move(p));
  };
  auto add_lines = [&](std::string_view data, uint32_t flags) {
    for (std::string_view line : Split(data, '\n')) {
      line = Strip(line);
      if (line.empty() || line[0] == '#') continue;
      for (std::string_view entry : Split(line, '|')) {
        if (!Strip(entry).empty()) add(Strip(entry), flags);
      }
    }
  };
  add_lines(EmbeddedGivenNames(), kLexGiven);
  add_lines(EmbeddedFamilyNames(), kLexFamily);
  for (std::string_view line : Split(EmbeddedLexicon(), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    uint32_t flags = ParseLexTag(line.substr(0, tab));
    for (std::string_view entry : Split(line.substr(tab + 1), '|')) {
      if (!Strip(entry).empty()) add(Strip(entry), flags);
    }
  }
  // Words interned only as phrase parts carry no flags of their own; drop them from the
  // word map so that Lookup stays a single probe for them too.
  for (auto it = words_.begin(); it != words_.end();) {
    if (it->second == 0) {
      words_.erase(it++);
    } else {
      ++it;
    }
  }
}

uint32_t Lexicon::Lookup(std::string_view word) const {
  auto it = words_.find(word);
  if (it != words_.end()) return it->second;
  if (text::IsArabicScript(lang_)) {
    for (std::string_view p : kArabicProclitics) {
      if (word.size() >= p.size() + 4 && word.starts_with(p)) {
        auto rest = words_.find(word.substr(p.size()));
        if (rest != words_.end()) return rest->second;
      }
    }
  }
  if (lang_ == text::Language::kSorani) {
    for (std::string_view s : kSoraniSuffixes) {
      if (word.size() >= s.size() + 4 && word.ends_with(s)) {
        auto stem = words_.find(word.substr(0, word.size() - s.size()));
        if (stem != words_.end()) return stem->second;
      }
    }
    // Only a name is looked up in its Arabic spelling: cue and function words are listed as
    // Sorani writes them.
    const std::string arabic = ArabicSpelling(word);
    if (arabic.size() >= 6) {
      auto it = words_.find(arabic);
      if (it != words_.end()) return it->second & (kLexGiven | kLexFamily);
    }
  } else if (!text::IsArabicScript(lang_)) {
    for (std::string_view s : kKurmanjiSuffixes) {
      if (word.size() >= s.size() + 3 && word.ends_with(s)) {
        auto stem = words_.find(word.substr(0, word.size() - s.size()));
        if (stem != words_.end()) return stem->second;
      }
    }
  }
  return 0;
}

const std::vector<Lexicon::Phrase>* Lexicon::PhrasesStartingWith(std::string_view word) const {
  auto it = phrases_.find(word);
  return it == phrases_.end() ? nullptr : &it->second;
}

size_t Lexicon::CountWithFlag(uint32_t flag) const {
  size_t n = 0;
  for (const auto& [w, f] : words_) n += (f & flag) != 0;
  for (const auto& [w, list] : phrases_) {
    for (const Phrase& p : list) n += (p.flags & flag) != 0;
  }
  return n;
}

}  // namespace bayyina::redact
