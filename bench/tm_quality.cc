// Quality of the translation-memory index on perturbed real sentences: does the indexed
// search return the same top-1 score as scoring every unit (the exhaustive scan, same
// scorer), and do normalization-only variants match their source at 100?
//
// Usage: tm_quality [UNITS] [QUERIES_PER_KIND]   (defaults 1000000 and 200); bench/tm_quality.sh
// runs it.
// Reads ../shared/corpora (or $BAYYINA_CORPORA). Prints a Markdown table.

#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "bench/tm_corpus.h"
#include "text/corpora.h"
#include "tm/match_index.h"
#include "tm/match_key.h"

namespace {

using bayyina::bench::TmCorpus;
using bayyina::tm::BuildMatchKey;
using bayyina::tm::MatchIndex;

double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Row {
  size_t queries = 0;
  size_t agree = 0;        // indexed top-1 score == exhaustive top-1 score
  size_t at_100 = 0;       // indexed top-1 score is 100
  size_t key_equal = 0;    // the perturbed query's key equals its source's
  double index_ms = 0;
  double scan_ms = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const size_t units = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const size_t per_kind = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 200;
  auto dir = bayyina::text::CorporaDir();
  if (!dir) {
    std::fprintf(stderr, "tm_quality: ../shared/corpora not found (set BAYYINA_CORPORA)\n");
    return 2;
  }
  auto corpus = TmCorpus::Load(*dir);
  if (!corpus) {
    std::fprintf(stderr, "tm_quality: corpus files missing under %s\n", dir->c_str());
    return 2;
  }
  std::mt19937_64 rng(20261129);
  MatchIndex index;
  std::vector<bayyina::bench::Pair> stored;
  stored.reserve(units);
  std::map<std::string, size_t> distinct;
  for (size_t i = 0; i < units; ++i) {
    bayyina::bench::Pair p = corpus->MakeUnit(rng);
    auto key = BuildMatchKey(p.source, p.lang);
    if (!key.ok() || key->tokens.empty()) continue;
    ++distinct[p.lang + "\t" + key->Joined()];
    index.Add(static_cast<int64_t>(stored.size()) + 1, p.lang, "en", "shared", key->tokens);
    stored.push_back(std::move(p));
  }
  std::printf("units: %zu, distinct normalized keys: %zu\n\n", stored.size(), distinct.size());

  std::map<std::string, Row> rows;
  auto run = [&](const std::string& kind, const std::string& lang, const std::string& query,
                 const std::string* source) {
    auto key = BuildMatchKey(query, lang);
    if (!key.ok()) return;
    MatchIndex::Query q;
    q.source_lang = lang;
    q.target_lang = "en";
    q.tokens = key->tokens;
    q.scopes = {"shared"};
    q.min_score = 50;
    q.max_results = 5;
    const double t0 = ThreadCpuMs();
    auto fast = index.Search(q);
    const double t1 = ThreadCpuMs();
    auto slow = index.SearchExhaustive(q);
    const double t2 = ThreadCpuMs();
    Row& row = rows[kind];
    ++row.queries;
    const int fs = fast.empty() ? -1 : fast[0].score;
    const int ss = slow.empty() ? -1 : slow[0].score;
    if (fs == ss) ++row.agree;
    if (fs == 100) ++row.at_100;
    if (source != nullptr) {
      auto skey = BuildMatchKey(*source, lang);
      if (skey.ok() && skey->Joined() == key->Joined()) ++row.key_equal;
    }
    row.index_ms += t1 - t0;
    row.scan_ms += t2 - t1;
  };
  for (const std::string lang : {"ar", "ckb", "kmr"}) {
    for (TmCorpus::Perturbation p : TmCorpus::For(lang)) {
      const std::string kind = std::string(lang) + ": " + TmCorpus::Name(p);
      for (size_t n = 0; n < per_kind;) {
        const bayyina::bench::Pair& u = stored[rng() % stored.size()];
        if (u.lang != lang) continue;
        const std::string query = corpus->Perturb(u.source, lang, p, rng);
        if (query == u.source && p != TmCorpus::Perturbation::kDigits) continue;
        run(kind, lang, query, TmCorpus::NormalizationOnly(p) ? &u.source : nullptr);
        ++n;
      }
    }
    // New text: a fresh combination of sentences that is probably not stored.
    const std::string kind = std::string(lang) + ": new combination (unperturbed)";
    for (size_t n = 0; n < per_kind;) {
      bayyina::bench::Pair p = corpus->MakeUnit(rng);
      if (p.lang != lang) continue;
      run(kind, lang, p.source, nullptr);
      ++n;
    }
  }
  std::printf("| queries | n | top-1 = exhaustive | top-1 at 100 | key = source key | "
              "index CPU ms/query | scan CPU ms/query |\n|---|---|---|---|---|---|---|\n");
  Row total;
  for (const auto& [kind, row] : rows) {
    const bool norm = kind.find("dropped") == std::string::npos &&
                      kind.find("replaced") == std::string::npos &&
                      kind.find("new combination") == std::string::npos;
    std::printf("| %s | %zu | %.1f%% | %s | %s | %.3f | %.1f |\n", kind.c_str(), row.queries,
                100.0 * row.agree / row.queries,
                (std::to_string(100 * row.at_100 / row.queries) + "%").c_str(),
                norm ? (std::to_string(100 * row.key_equal / row.queries) + "%").c_str() : "n/a",
                row.index_ms / row.queries, row.scan_ms / row.queries);
    total.queries += row.queries;
    total.agree += row.agree;
    total.index_ms += row.index_ms;
    total.scan_ms += row.scan_ms;
  }
  std::printf("| **all** | %zu | %.2f%% | | | %.3f | %.1f |\n", total.queries,
              100.0 * total.agree / total.queries, total.index_ms / total.queries,
              total.scan_ms / total.queries);
  return 0;
}
