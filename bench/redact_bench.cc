// Throughput of the whole text analysis (normalization, tokenization, every built-in
// recognizer, overlap resolution, offset mapping) on one core. Arabic prose comes from the
// shared Tatoeba corpus when present ($BAYYINA_CORPORA or ../shared/corpora), else from
// generated sentences; every fifth line is an evidence line full of personal data, so the
// recognizers' slow paths (libphonenumber, checksums, name chains) are exercised too.
// Run: build/redact/redact_bench

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "redact/analyzer.h"

namespace bayyina::redact {
namespace {

constexpr size_t kTargetBytes = 4 << 20;

std::vector<std::string> TatoebaArabic() {
  std::vector<std::string> lines;
  std::string dir;
  if (const char* env = std::getenv("BAYYINA_CORPORA")) {
    dir = env;
  } else if (const char* src = std::getenv("BAYYINA_SOURCE_DIR")) {
    dir = std::string(src) + "/../shared/corpora";
  } else {
    dir = "../shared/corpora";
  }
  std::ifstream in(dir + "/tatoeba-ara-eng/ara-eng.tsv");
  std::string line;
  while (std::getline(in, line)) {
    size_t a = line.find('\t');
    if (a == std::string::npos) continue;
    size_t b = line.find('\t', a + 1);
    lines.push_back(line.substr(a + 1, b == std::string::npos ? b : b - a - 1));
  }
  return lines;
}

std::vector<std::string> GeneratedArabic() {
  const char* words[] = {"المحكمة", "قرار",  "إفادة", "بتاريخ", "رقم",   "الدعوى", "محامي", "في",
                         "على",     "مدينة", "كوردي", "مبلغ",   "دينار", "آخر",    "قال",   "ان",
                         "السيارة", "الطريق", "ذهب",  "إلى",    "البيت", "مع",     "صديقه", "ثم"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, std::size(words) - 1);
  std::vector<std::string> lines;
  for (int i = 0; i < 2000; ++i) {
    std::string l;
    for (int w = 0; w < 14; ++w) l += std::string(words[pick(rng)]) + " ";
    lines.push_back(l + ".");
  }
  return lines;
}

// Evidence lines: every recognizer has something to find, in both digit scripts.
std::vector<std::string> EvidenceLines() {
  return {
      "افاد المتهم علي حسين كاظم الجبوري المولود في 3 آذار 1985 انه اتصل من الرقم 0770 123 4567",
      "الساكن في بغداد محلة 905 زقاق 12 دار 7 ورقم هاتفه \u0660\u0667\u0668\u0660\u0661\u0662"
      "\u0663\u0664\u0665\u0666\u0667",
      "الرقم الوطني 199012345678 وجواز السفر A12345678 والحساب IQ98 NBIQ 8501 2345 6789 012",
      "السيارة المرقمة 11 A 23456 بغداد والبريد ahmed.ali@example.iq بتاريخ 15/01/2020",
      "الشاهد زهوان قطيفان قال ان المحفظة 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa و 4111 1111 1111 1111",
  };
}

std::string Build(const std::vector<std::string>& prose) {
  std::vector<std::string> evidence = EvidenceLines();
  std::string out;
  size_t i = 0, e = 0;
  while (out.size() < kTargetBytes) {
    if (i % 5 == 4) {
      out += evidence[e++ % evidence.size()];
    } else {
      out += prose[i % prose.size()];
    }
    out += '\n';
    ++i;
  }
  return out;
}

void Run(benchmark::State& state, const std::string& text, text::Language lang) {
  static const Analyzer* analyzer = new Analyzer();
  size_t findings = 0;
  for (auto _ : state) {
    auto r = analyzer->Analyze(text, lang);
    if (!r.ok()) {
      state.SkipWithError("analysis failed");
      return;
    }
    findings = r->size();
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * text.size());
  state.counters["findings"] = static_cast<double>(findings);
}

void BM_AnalyzeArabicTatoeba(benchmark::State& state) {
  static const std::vector<std::string> prose = TatoebaArabic();
  if (prose.empty()) {
    state.SkipWithError("shared corpus absent (../shared/corpora/tatoeba-ara-eng)");
    return;
  }
  static const std::string text = Build(prose);
  Run(state, text, text::Language::kArabic);
}
BENCHMARK(BM_AnalyzeArabicTatoeba)->Unit(benchmark::kMillisecond)->MinTime(2);

void BM_AnalyzeArabicGenerated(benchmark::State& state) {
  static const std::string text = Build(GeneratedArabic());
  Run(state, text, text::Language::kArabic);
}
BENCHMARK(BM_AnalyzeArabicGenerated)->Unit(benchmark::kMillisecond)->MinTime(2);

void BM_AnalyzeArabicProseOnly(benchmark::State& state) {
  static const std::vector<std::string> prose = TatoebaArabic();
  if (prose.empty()) {
    state.SkipWithError("shared corpus absent (../shared/corpora/tatoeba-ara-eng)");
    return;
  }
  static const std::string text = [] {
    std::string t;
    for (size_t i = 0; t.size() < kTargetBytes; ++i) t += prose[i % prose.size()] + "\n";
    return t;
  }();
  Run(state, text, text::Language::kArabic);
}
BENCHMARK(BM_AnalyzeArabicProseOnly)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace
}  // namespace bayyina::redact

BENCHMARK_MAIN();
