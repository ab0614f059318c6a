#include "bench/tm_corpus.h"

#include <fstream>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace bayyina::bench {
namespace {

std::vector<std::string> Lines(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

struct NamePair {
  const char* ar;
  const char* en;
};
constexpr NamePair kNames[] = {
    {"أحمد", "Ahmed"},   {"محمد", "Mohammed"}, {"علي", "Ali"},       {"حسن", "Hassan"},
    {"حسين", "Hussein"}, {"عمر", "Omar"},      {"خالد", "Khaled"},   {"يوسف", "Yousef"},
    {"زينب", "Zainab"},  {"فاطمة", "Fatima"},  {"مريم", "Maryam"},   {"سارة", "Sara"},
    {"نور", "Nour"},     {"ليلى", "Layla"},    {"هدى", "Huda"},      {"رنا", "Rana"},
    {"كريم", "Karim"},   {"سامي", "Sami"},     {"طارق", "Tariq"},    {"ماجد", "Majid"},
    {"آزاد", "Azad"},    {"هيوا", "Hiwa"},     {"دلشاد", "Dilshad"}, {"شيرين", "Shirin"},
    {"كاوه", "Kawa"},    {"رێبوار", "Rebwar"}, {"ئاراس", "Aras"},    {"بەفرین", "Befrin"},
    {"جوان", "Jwan"},    {"سوزان", "Suzan"},   {"رزكار", "Rizgar"},  {"نسرين", "Nasrin"},
};

// Replaces whole words equal to `from` (optionally after one Arabic clitic letter, and
// followed only by punctuation or "'s") by `to`.
std::string ReplaceWord(const std::string& text, const std::string& from, const std::string& to,
                        bool arabic_clitics) {
  static const char* kClitics[] = {"و", "ب", "ل", "ف"};
  std::vector<std::string> words = absl::StrSplit(text, ' ');
  for (std::string& w : words) {
    size_t off = 0;
    if (arabic_clitics && w.size() >= 2 + from.size() && w.compare(2, from.size(), from) == 0) {
      for (const char* c : kClitics) {
        if (w.compare(0, 2, c) == 0) off = 2;
      }
    }
    if (w.compare(off, from.size(), from) != 0) continue;
    const std::string rest = w.substr(off + from.size());
    if (!rest.empty()) {
      const unsigned char r = rest[0];
      if ((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r >= 0x80) continue;
    }
    w = w.substr(0, off) + to + rest;
  }
  return absl::StrJoin(words, " ");
}

std::string RandomNumbers(const std::string& text, std::mt19937_64& rng) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] >= '0' && text[i] <= '9') {
      size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      out += std::to_string(1 + rng() % 9999);
      i = j;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// Code points of a UTF-8 string (the corpora are valid UTF-8).
std::vector<std::string> Chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

bool IsArabicLetter(const std::string& ch) {
  if (ch.size() != 2) return false;
  const unsigned char a = ch[0], b = ch[1];
  return (a == 0xD8 && b >= 0xA1) || (a == 0xD9 && b <= 0x8A) || (a == 0xDA) || (a == 0xDB && b <= 0x95);
}

}  // namespace

std::optional<TmCorpus> TmCorpus::Load(const std::string& dir) {
  TmCorpus c;
  for (const std::string& line : Lines(dir + "/tatoeba-ara-eng/ara-eng.tsv")) {
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    if (cols.size() < 2 || cols[0].empty() || cols[1].empty()) continue;
    c.ar_.push_back({"ar", cols[1], cols[0]});
  }
  auto aligned = [&](const std::string& src, const std::string& eng, const std::string& lang,
                     std::vector<Pair>* out) {
    std::vector<std::string> s = Lines(src), e = Lines(eng);
    for (size_t i = 0; i < s.size() && i < e.size(); ++i) {
      if (!s[i].empty() && !e[i].empty()) out->push_back({lang, s[i], e[i]});
    }
  };
  aligned(dir + "/kurdish-interdialect/CKB-ENG/CKB-ENG.CKB_no_tag.txt",
          dir + "/kurdish-interdialect/CKB-ENG/CKB-ENG.ENG_no_tag.txt", "ckb", &c.ckb_);
  aligned(dir + "/kurdish-interdialect/KMR-ENG/KMR-ENG.KMR_no_tag.txt",
          dir + "/kurdish-interdialect/KMR-ENG/KMR-ENG.ENG_no_tag.txt", "kmr", &c.kmr_);
  if (c.ar_.empty() || c.ckb_.empty() || c.kmr_.empty()) return std::nullopt;
  return c;
}

const std::vector<Pair>& TmCorpus::Pool(const std::string& lang) const {
  return lang == "ar" ? ar_ : lang == "ckb" ? ckb_ : kmr_;
}

size_t TmCorpus::pool_size(const std::string& lang) const { return Pool(lang).size(); }

Pair TmCorpus::MakeUnit(std::mt19937_64& rng) const {
  const uint64_t l = rng() % 100;
  const std::string lang = l < 70 ? "ar" : l < 85 ? "ckb" : "kmr";
  const std::vector<Pair>& pool = Pool(lang);
  const Pair& a = pool[rng() % pool.size()];
  Pair out{lang, a.source, a.target};
  if (rng() % 50 != 0) {
    // Splice: the head of sentence A and the tail of sentence B, cut at word boundaries; the
    // English sides are cut at the same relative places.
    const Pair& b = pool[rng() % pool.size()];
    std::vector<std::string> as = absl::StrSplit(a.source, ' ', absl::SkipEmpty());
    std::vector<std::string> bs = absl::StrSplit(b.source, ' ', absl::SkipEmpty());
    std::vector<std::string> at = absl::StrSplit(a.target, ' ', absl::SkipEmpty());
    std::vector<std::string> bt = absl::StrSplit(b.target, ' ', absl::SkipEmpty());
    if (as.size() >= 2 && bs.size() >= 2) {
      const size_t i = 1 + rng() % (as.size() - 1);
      const size_t j = 1 + rng() % (bs.size() - 1);
      std::vector<std::string> src(as.begin(), as.begin() + static_cast<long>(i));
      src.insert(src.end(), bs.begin() + static_cast<long>(j), bs.end());
      const size_t ti = at.size() * i / as.size();
      const size_t tj = bt.size() * j / bs.size();
      std::vector<std::string> tgt(at.begin(), at.begin() + static_cast<long>(ti));
      tgt.insert(tgt.end(), bt.begin() + static_cast<long>(std::min(tj, bt.size())), bt.end());
      if (src.size() < 6) {
        // Short splices repeat too often: add the tail of a third sentence.
        const Pair& c = pool[rng() % pool.size()];
        std::vector<std::string> cs = absl::StrSplit(c.source, ' ', absl::SkipEmpty());
        std::vector<std::string> ct = absl::StrSplit(c.target, ' ', absl::SkipEmpty());
        const size_t k = cs.empty() ? 0 : rng() % cs.size();
        src.insert(src.end(), cs.begin() + static_cast<long>(k), cs.end());
        const size_t tk = cs.empty() ? 0 : ct.size() * k / cs.size();
        tgt.insert(tgt.end(), ct.begin() + static_cast<long>(std::min(tk, ct.size())), ct.end());
      }
      out.source = absl::StrJoin(src, " ");
      out.target = absl::StrJoin(tgt, " ");
    }
  }
  const NamePair& n1 = kNames[rng() % std::size(kNames)];
  const NamePair& n2 = kNames[rng() % std::size(kNames)];
  out.source = ReplaceWord(ReplaceWord(out.source, "توم", n1.ar, true), "ماري", n2.ar, true);
  out.target = ReplaceWord(ReplaceWord(out.target, "Tom", n1.en, false), "Mary", n2.en, false);
  out.source = RandomNumbers(out.source, rng);
  out.target = RandomNumbers(out.target, rng);
  return out;
}

const char* TmCorpus::Name(Perturbation p) {
  switch (p) {
    case Perturbation::kHarakat:
      return "harakat added";
    case Perturbation::kHamzaAlef:
      return "hamza/alef/teh marbuta/tatweel variants";
    case Perturbation::kKurdishLetters:
      return "Kurdish letter variants (ي/ی ك/ک ە/ه+ZWNJ)";
    case Perturbation::kDigits:
      return "other digit scripts";
    case Perturbation::kCase:
      return "letter case";
    case Perturbation::kWordDropped:
      return "a word dropped";
    case Perturbation::kWordReplaced:
      return "a word replaced";
  }
  return "?";
}

bool TmCorpus::NormalizationOnly(Perturbation p) {
  return p != Perturbation::kWordDropped && p != Perturbation::kWordReplaced;
}

std::vector<TmCorpus::Perturbation> TmCorpus::For(const std::string& lang) {
  if (lang == "ar") {
    return {Perturbation::kHarakat, Perturbation::kHamzaAlef, Perturbation::kDigits,
            Perturbation::kWordDropped, Perturbation::kWordReplaced};
  }
  if (lang == "ckb") {
    return {Perturbation::kKurdishLetters, Perturbation::kDigits, Perturbation::kWordDropped,
            Perturbation::kWordReplaced};
  }
  return {Perturbation::kCase, Perturbation::kDigits, Perturbation::kWordDropped,
          Perturbation::kWordReplaced};
}

std::string TmCorpus::Perturb(const std::string& source, const std::string& lang,
                              Perturbation p, std::mt19937_64& rng) const {
  switch (p) {
    case Perturbation::kHarakat: {
      static const char* kMarks[] = {"\u064E", "\u064F", "\u0650", "\u0652", "\u0651\u064E",
                                     "\u064B"};
      std::string out;
      for (const std::string& ch : Chars(source)) {
        out += ch;
        if (IsArabicLetter(ch) && rng() % 3 == 0) out += kMarks[rng() % std::size(kMarks)];
      }
      return out;
    }
    case Perturbation::kHamzaAlef: {
      std::string out;
      const std::vector<std::string> chars = Chars(source);
      for (size_t i = 0; i < chars.size(); ++i) {
        const std::string& ch = chars[i];
        const bool word_start = i == 0 || chars[i - 1] == " ";
        const bool word_end = i + 1 == chars.size() || chars[i + 1] == " " ||
                              chars[i + 1] == "." || chars[i + 1] == "?" || chars[i + 1] == "!";
        if (ch == "ا" && word_start) {
          out += rng() % 2 ? "أ" : "إ";
        } else if (ch == "أ" || ch == "إ" || ch == "آ") {
          out += "ا";
        } else if (ch == "ة" && word_end) {
          out += "ه";
        } else if (ch == "ى" && word_end) {
          out += "ي";
        } else if (ch == "ي" && word_end) {
          out += "ى";
        } else {
          out += ch;
        }
        if (IsArabicLetter(ch) && !word_end && rng() % 15 == 0) out += "\u0640";  // tatweel
      }
      return out;
    }
    case Perturbation::kKurdishLetters: {
      std::string out;
      for (const std::string& ch : Chars(source)) {
        if (ch == "ی") {
          out += "ي";
        } else if (ch == "ک") {
          out += "ك";
        } else if (ch == "ە") {
          out += "ه\u200C";
        } else {
          out += ch;
        }
      }
      return out;
    }
    case Perturbation::kDigits: {
      const bool extended = lang == "ckb" || rng() % 2;
      std::string out;
      for (char c : source) {
        if (c >= '0' && c <= '9') {
          const int d = c - '0';
          if (extended) {
            out += static_cast<char>(0xDB);
            out += static_cast<char>(0xB0 + d);
          } else {
            out += static_cast<char>(0xD9);
            out += static_cast<char>(0xA0 + d);
          }
        } else {
          out += c;
        }
      }
      return out;
    }
    case Perturbation::kCase: {
      std::vector<std::string> words = absl::StrSplit(source, ' ');
      for (std::string& w : words) {
        if (rng() % 2) {
          for (char& c : w) {
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
          }
        }
      }
      return absl::StrJoin(words, " ");
    }
    case Perturbation::kWordDropped:
    case Perturbation::kWordReplaced: {
      std::vector<std::string> words = absl::StrSplit(source, ' ', absl::SkipEmpty());
      if (words.size() < 2) return source;
      const size_t at = rng() % words.size();
      if (p == Perturbation::kWordDropped) {
        words.erase(words.begin() + static_cast<long>(at));
      } else {
        const std::vector<Pair>& pool = Pool(lang);
        std::vector<std::string> other =
            absl::StrSplit(pool[rng() % pool.size()].source, ' ', absl::SkipEmpty());
        words[at] = other.empty() ? "x" : other[rng() % other.size()];
      }
      return absl::StrJoin(words, " ");
    }
  }
  return source;
}

}  // namespace bayyina::bench
