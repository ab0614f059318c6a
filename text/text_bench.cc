// Throughput of Normalize (and of segmentation and detection) on Arabic-script text. Uses the
// Arabic side of the shared Tatoeba corpus when present (../shared/corpora or
// $BAYYINA_CORPORA), else Arabic text generated here. Run: build/text/text_bench
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <random>
#include <string>

#include "benchmark/benchmark.h"
#include "text/corpora.h"
#include "text/detect.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace bayyina::text {
namespace {

// About 4 MB of text, so the result is not a cache effect of a tiny input.
constexpr size_t kTargetBytes = 4 << 20;

std::string GeneratedArabic() {
  // Words with harakat, hamza forms, ta marbuta, tatweel, digits and an RLM now and then.
  const char* words[] = {"المَحْكَمَة", "قَرَار",   "المُتَّهَم", "إفادة",  "الشّاهِد",
                         "بتاريخ",    "٢٠٢٣/١١/٠٥", "رقم",     "الدَّعوى", "مُحامي",
                         "فـي",       "على",      "أحمد",     "مدينة",   "\u200Fالبصرة",
                         "كوردي",     "مبلغ",     "١٬٥٠٠٫٧٥",  "دينار",   "آخر"};
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, std::size(words) - 1);
  std::string out;
  while (out.size() < kTargetBytes) {
    for (int w = 0; w < 12; ++w) {
      out += words[pick(rng)];
      out += ' ';
    }
    out += ".\n";
  }
  return out;
}

std::string CorpusArabic(std::string* source) {
  const auto dir = CorporaDir();
  if (!dir) return "";
  const auto lines = ReadTsvColumn(*dir + "/tatoeba-ara-eng/ara-eng.tsv", 1);
  if (!lines || lines->empty()) return "";
  *source = "tatoeba";
  std::string out;
  while (out.size() < kTargetBytes) {
    for (const std::string& l : *lines) {
      out += l;
      out += '\n';
    }
  }
  return out;
}

void Run(benchmark::State& state, const std::string& text, Language lang) {
  for (auto _ : state) {
    auto n = Normalize(text, lang);
    if (!n.ok()) {
      state.SkipWithError("normalize failed");
      return;
    }
    benchmark::DoNotOptimize(n->text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_NormalizeGeneratedArabic(benchmark::State& state) {
  static const std::string text = GeneratedArabic();
  Run(state, text, Language::kArabic);
}
BENCHMARK(BM_NormalizeGeneratedArabic)->Unit(benchmark::kMillisecond);

void BM_NormalizeGeneratedAsSorani(benchmark::State& state) {
  static const std::string text = GeneratedArabic();
  Run(state, text, Language::kSorani);
}
BENCHMARK(BM_NormalizeGeneratedAsSorani)->Unit(benchmark::kMillisecond);

void BM_NormalizeTatoebaArabic(benchmark::State& state) {
  std::string source;
  static const std::string text = CorpusArabic(&source);
  if (text.empty()) {
    state.SkipWithError("../shared/corpora not found");
    return;
  }
  Run(state, text, Language::kArabic);
}
BENCHMARK(BM_NormalizeTatoebaArabic)->Unit(benchmark::kMillisecond);

// Baseline: ICU's NFKC alone (UTF-8 in and out, no offset map, none of our rules) on the same
// text, to show what the offset map and the per-language rules cost on top of plain NFKC.
void BM_IcuNfkcOnlyTatoebaArabic(benchmark::State& state) {
  std::string source;
  static const std::string text = CorpusArabic(&source);
  if (text.empty()) {
    state.SkipWithError("../shared/corpora not found");
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  for (auto _ : state) {
    std::string out;
    out.reserve(text.size());
    icu::StringByteSink<std::string> sink(&out);
    status = U_ZERO_ERROR;
    nfkc->normalizeUTF8(0, text, sink, nullptr, status);
    if (U_FAILURE(status)) {
      state.SkipWithError("ICU normalizeUTF8 failed");
      return;
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_IcuNfkcOnlyTatoebaArabic)->Unit(benchmark::kMillisecond);

void BM_SplitSentencesTatoebaArabic(benchmark::State& state) {
  std::string source;
  static const std::string text = CorpusArabic(&source);
  if (text.empty()) {
    state.SkipWithError("../shared/corpora not found");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(SplitSentences(text, Language::kArabic).size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_SplitSentencesTatoebaArabic)->Unit(benchmark::kMillisecond);

void BM_DetectLanguageGeneratedArabic(benchmark::State& state) {
  static const std::string text = GeneratedArabic();
  for (auto _ : state) benchmark::DoNotOptimize(DetectLanguage(text).confidence);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DetectLanguageGeneratedArabic)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bayyina::text

BENCHMARK_MAIN();
