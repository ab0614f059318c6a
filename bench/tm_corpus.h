#ifndef BAYYINA_BENCH_TM_CORPUS_H_
#define BAYYINA_BENCH_TM_CORPUS_H_

// Synthetic translation memories and perturbed queries built from the real pairs in
// ../shared/corpora, for tm_bench and tm_quality. Recipe (reported in docs/benchmarks.md):
//  - pools: Tatoeba Arabic-English (ar), KurdishBLARK Sorani-English (ckb) and
//    Kurmanji-English (kmr) sentence pairs;
//  - a unit is one random pair of a pool (2%) or a splice (98%): the head of sentence A up to
//    a random word boundary joined to the tail of sentence B from a random word boundary (and,
//    when that is under 6 words, the tail of a third sentence C), the English sides cut at the
//    same relative places; languages 70% ar, 15% ckb, 15% kmr;
//  - every ASCII number is replaced by a random one, and the names Tom/توم and Mary/ماري by a
//    random pair from 32 Arabic/English name pairs (on both sides).

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace bayyina::bench {

struct Pair {
  std::string lang;  // "ar", "ckb", "kmr"
  std::string source;
  std::string target;  // English
};

class TmCorpus {
 public:
  // Loads the pools from `corpora_dir`; nullopt if the files are missing.
  static std::optional<TmCorpus> Load(const std::string& corpora_dir);

  // A synthetic unit as described at the top.
  Pair MakeUnit(std::mt19937_64& rng) const;

  enum class Perturbation {
    kHarakat,        // ar: harakat and shadda added
    kHamzaAlef,      // ar: hamza/alef forms, final yeh/alef maqsura, teh marbuta, tatweel
    kKurdishLetters, // ckb: ي/ی ك/ک, ە as ه+ZWNJ
    kDigits,         // numbers in Arabic-Indic or Extended Arabic-Indic digits
    kCase,           // kmr: upper-cased words
    kWordDropped,
    kWordReplaced,
  };
  static const char* Name(Perturbation p);
  // True for the variants that normalization must undo (score 100 expected).
  static bool NormalizationOnly(Perturbation p);
  // The perturbations that apply to `lang`.
  static std::vector<Perturbation> For(const std::string& lang);
  // Applies `p` to `source` (language `lang`).
  std::string Perturb(const std::string& source, const std::string& lang, Perturbation p,
                      std::mt19937_64& rng) const;

  size_t pool_size(const std::string& lang) const;

 private:
  const std::vector<Pair>& Pool(const std::string& lang) const;
  std::vector<Pair> ar_, ckb_, kmr_;
};

}  // namespace bayyina::bench

#endif  // BAYYINA_BENCH_TM_CORPUS_H_
