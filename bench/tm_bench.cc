// Translation-memory speed at 1,000,000 units built from the real corpora (recipe in
// bench/tm_corpus.h): import rate, lookup latency percentiles, the indexed search side by
// side with the exhaustive scan that uses the same scorer, and memory per unit.
//
//   BAYYINA_TM_BENCH_UNITS=1000000 build/tm/tm_bench --benchmark_counters_tabular=true
//
// Latencies are measured per query with the thread's CPU clock (the machine is shared, so
// wall time includes waiting for a core) and, separately, with the wall clock.

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/tm_corpus.h"
#include "text/corpora.h"
#include "tm/tmx.h"
#include "tm/translation_memory.h"

namespace bayyina::bench {
namespace {

double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double WallMs() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

struct Query {
  std::string lang;
  std::string text;
};

struct World {
  std::optional<TmCorpus> corpus;
  std::vector<Pair> units;
  std::vector<Query> queries;
  std::string dir;
  std::unique_ptr<tm::TranslationMemory> tm;
  std::string error;
};

World& GetWorld() {
  static World* world = [] {
    auto* w = new World;
    auto dir = text::CorporaDir();
    if (!dir) {
      w->error = "../shared/corpora not found";
      return w;
    }
    w->corpus = TmCorpus::Load(*dir);
    if (!w->corpus) {
      w->error = "corpus files missing";
      return w;
    }
    const char* env = std::getenv("BAYYINA_TM_BENCH_UNITS");
    const size_t n = env != nullptr ? std::strtoull(env, nullptr, 10) : 1000000;
    std::mt19937_64 rng(20261129);
    w->units.reserve(n);
    for (size_t i = 0; i < n; ++i) w->units.push_back(w->corpus->MakeUnit(rng));
    // Queries: a third normalization-only variants of stored units, a third with a word
    // dropped or replaced, a third new splices.
    for (int i = 0; i < 3000; ++i) {
      if (i % 3 == 2) {
        Pair p = w->corpus->MakeUnit(rng);
        w->queries.push_back({p.lang, p.source});
        continue;
      }
      const Pair& u = w->units[rng() % w->units.size()];
      std::vector<TmCorpus::Perturbation> kinds = TmCorpus::For(u.lang);
      std::vector<TmCorpus::Perturbation> pick;
      for (auto k : kinds) {
        if (TmCorpus::NormalizationOnly(k) == (i % 3 == 0)) pick.push_back(k);
      }
      w->queries.push_back({u.lang, w->corpus->Perturb(u.source, u.lang,
                                                       pick[rng() % pick.size()], rng)});
    }
    w->dir = (std::filesystem::temp_directory_path() / "bayyina-tm-bench").string();
    std::filesystem::remove_all(w->dir);
    std::filesystem::create_directories(w->dir);
    return w;
  }();
  return *world;
}

std::vector<tm::TranslationUnit> Batch(const std::vector<Pair>& units, size_t begin,
                                       size_t end) {
  std::vector<tm::TranslationUnit> out;
  out.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    tm::TranslationUnit u;
    u.source_lang = units[i].lang;
    u.target_lang = "en";
    u.source = tm::Segment(units[i].source);
    u.target = tm::Segment(units[i].target);
    u.origin = "bench";
    out.push_back(std::move(u));
  }
  return out;
}

// Adds every unit through TranslationMemory::Add (keys, duplicate check, SQLite with FTS5,
// index) in batches of 5,000, into a database file. Scrubbing is not part of the figure.
void BM_Import(benchmark::State& state) {
  World& w = GetWorld();
  if (!w.error.empty()) {
    state.SkipWithError(w.error.c_str());
    return;
  }
  for (auto _ : state) {
    w.tm.reset();
    const std::string path = w.dir + "/tm.sqlite";
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    const long rss_before = RssKb();
    const double wall0 = WallMs(), cpu0 = ThreadCpuMs();
    auto tm = tm::TranslationMemory::OpenSqlite(path, {});
    if (!tm.ok()) {
      state.SkipWithError(std::string(tm.status().message()).c_str());
      return;
    }
    size_t added = 0;
    for (size_t b = 0; b < w.units.size(); b += 5000) {
      auto r = (*tm)->Add(Batch(w.units, b, std::min(w.units.size(), b + 5000)),
                          {.already_scrubbed = true});
      if (!r.ok()) {
        state.SkipWithError(std::string(r.status().message()).c_str());
        return;
      }
      for (const auto& a : *r) added += a.duplicate ? 0 : 1;
    }
    const double wall = WallMs() - wall0, cpu = ThreadCpuMs() - cpu0;
    const long rss_after = RssKb();
    state.counters["units"] = static_cast<double>(w.units.size());
    state.counters["stored"] = static_cast<double>(added);
    state.counters["units_per_s_wall"] = w.units.size() / (wall / 1e3);
    state.counters["units_per_s_cpu"] = w.units.size() / (cpu / 1e3);
    state.counters["rss_bytes_per_unit"] = (rss_after - rss_before) * 1024.0 / w.units.size();
    state.counters["index_bytes_per_unit"] =
        static_cast<double>((*tm)->index().MemoryBytes()) / w.units.size();
    state.counters["db_bytes_per_unit"] =
        static_cast<double>(std::filesystem::file_size(path)) / w.units.size();
    w.tm = *std::move(tm);
  }
}
BENCHMARK(BM_Import)->Iterations(1)->Unit(benchmark::kSecond);

// Full lookups (key, index, fetching the units from SQLite, tie-break, substitution), one
// query at a time, max 5 results, minimum score 50.
void BM_Lookup(benchmark::State& state) {
  World& w = GetWorld();
  if (w.tm == nullptr) {
    state.SkipWithError("BM_Import did not run");
    return;
  }
  std::vector<double> cpu, wall;
  size_t with_match = 0;
  for (auto _ : state) {
    for (const Query& q : w.queries) {
      tm::LookupRequest r;
      r.source_lang = q.lang;
      r.target_lang = "en";
      r.query = tm::Segment(q.text);
      const double w0 = WallMs(), c0 = ThreadCpuMs();
      auto m = w.tm->Lookup(r);
      cpu.push_back(ThreadCpuMs() - c0);
      wall.push_back(WallMs() - w0);
      if (m.ok() && !m->empty()) ++with_match;
      benchmark::DoNotOptimize(m);
    }
  }
  state.counters["queries"] = static_cast<double>(cpu.size());
  state.counters["with_match"] = static_cast<double>(with_match);
  state.counters["cpu_p50_ms"] = Percentile(cpu, 0.5);
  state.counters["cpu_p99_ms"] = Percentile(cpu, 0.99);
  state.counters["wall_p50_ms"] = Percentile(wall, 0.5);
  state.counters["wall_p99_ms"] = Percentile(wall, 0.99);
}
BENCHMARK(BM_Lookup)->Iterations(1)->Unit(benchmark::kMillisecond);

// The index against the exhaustive scan with the same scorer, on the same queries in the
// same run.
void BM_IndexVsExhaustive(benchmark::State& state) {
  World& w = GetWorld();
  if (w.tm == nullptr) {
    state.SkipWithError("BM_Import did not run");
    return;
  }
  double index_ms = 0, scan_ms = 0;
  size_t n = 0, agree = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < w.queries.size(); i += 15) {
      tm::LookupRequest r;
      r.source_lang = w.queries[i].lang;
      r.target_lang = "en";
      r.query = tm::Segment(w.queries[i].text);
      auto q = w.tm->MakeIndexQuery(r);
      if (!q.ok()) continue;
      const double c0 = ThreadCpuMs();
      auto fast = w.tm->index().Search(*q);
      const double c1 = ThreadCpuMs();
      auto slow = w.tm->index().SearchExhaustive(*q);
      const double c2 = ThreadCpuMs();
      index_ms += c1 - c0;
      scan_ms += c2 - c1;
      ++n;
      if ((fast.empty() ? -1 : fast[0].score) == (slow.empty() ? -1 : slow[0].score)) ++agree;
    }
  }
  state.counters["queries"] = static_cast<double>(n);
  state.counters["index_mean_ms"] = index_ms / n;
  state.counters["scan_mean_ms"] = scan_ms / n;
  state.counters["speedup"] = scan_ms / index_ms;
  state.counters["top1_agree"] = static_cast<double>(agree) / n;
}
BENCHMARK(BM_IndexVsExhaustive)->Iterations(1)->Unit(benchmark::kMillisecond);

// Opening an existing memory: the index is rebuilt from the stored keys.
void BM_Open(benchmark::State& state) {
  World& w = GetWorld();
  if (w.tm == nullptr) {
    state.SkipWithError("BM_Import did not run");
    return;
  }
  for (auto _ : state) {
    auto tm = tm::TranslationMemory::OpenSqlite(w.dir + "/tm.sqlite", {});
    if (!tm.ok()) state.SkipWithError("open failed");
    benchmark::DoNotOptimize(tm);
  }
}
BENCHMARK(BM_Open)->Iterations(1)->Unit(benchmark::kSecond);

// Streamed TMX import of 100,000 units (parse, keys, store, index) from a file.
void BM_ImportTmx(benchmark::State& state) {
  World& w = GetWorld();
  if (!w.error.empty()) {
    state.SkipWithError(w.error.c_str());
    return;
  }
  const size_t n = std::min<size_t>(100000, w.units.size());
  const std::string tmx_path = w.dir + "/units.tmx";
  {
    std::ofstream out(tmx_path, std::ios::binary);
    tm::TmxWriter writer(&out, {});
    for (auto& u : Batch(w.units, 0, n)) {
      if (!writer.Write(u).ok()) state.SkipWithError("TMX write failed");
    }
    if (!writer.Finish().ok()) state.SkipWithError("TMX write failed");
  }
  for (auto _ : state) {
    const std::string path = w.dir + "/tmx.sqlite";
    std::filesystem::remove(path);
    auto tm = tm::TranslationMemory::OpenSqlite(path, {});
    std::ifstream in(tmx_path, std::ios::binary);
    tm::TmxImportOptions options;
    options.add.already_scrubbed = true;
    const double wall0 = WallMs(), cpu0 = ThreadCpuMs();
    auto report = tm::ImportTmx(in, options, **tm);
    const double wall = WallMs() - wall0, cpu = ThreadCpuMs() - cpu0;
    if (!report.ok()) {
      state.SkipWithError(std::string(report.status().message()).c_str());
      return;
    }
    state.counters["units"] = static_cast<double>(report->units_read);
    state.counters["units_per_s_wall"] = report->units_read / (wall / 1e3);
    state.counters["units_per_s_cpu"] = report->units_read / (cpu / 1e3);
  }
}
BENCHMARK(BM_ImportTmx)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace bayyina::bench

BENCHMARK_MAIN();
