#ifndef BAYYINA_TM_MATCH_INDEX_H_
#define BAYYINA_TM_MATCH_INDEX_H_

// The in-memory fuzzy-match index over the source keys of all units.
//
// Stage one finds candidates in a token inverted index: query tokens are visited rarest first,
// and the search stops as soon as a unit that shares none of the visited tokens could no
// longer reach the current threshold (count filtering), while units whose length alone rules
// the threshold out are skipped (length bounds). Stage two scores each candidate by token edit
// distance (tm/scorer.h). Keys of one or two tokens take a separate exact path, because fuzzy
// scores of such short segments are noise. The index is partitioned by language pair.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"

namespace bayyina::tm {

class MatchIndex {
 public:
  // Keys with at most this many tokens are matched exactly only.
  static constexpr size_t kShortKeyTokens = 2;

  struct Query {
    std::string source_lang;  // primary subtags, as PrimaryLanguage() returns them
    std::string target_lang;
    std::vector<std::string> tokens;  // the query's key
    std::vector<std::string> scopes;  // units of other scopes are never returned
    int min_score = 50;               // 0..100
    size_t max_results = 5;
    // Units that tie with the last returned score are also returned, up to this many results
    // in all, so that the caller can break ties on the raw text.
    size_t max_with_ties = 64;
  };
  struct Candidate {
    int64_t id = 0;
    int score = 0;
    bool operator==(const Candidate&) const = default;
  };

  MatchIndex();
  ~MatchIndex();
  MatchIndex(const MatchIndex&) = delete;
  MatchIndex& operator=(const MatchIndex&) = delete;

  // Adds (or replaces) unit `id`. Languages are primary subtags. Thread-safe.
  void Add(int64_t id, absl::string_view source_lang, absl::string_view target_lang,
           absl::string_view scope, absl::Span<const std::string> tokens);
  // Removes unit `id` if present. Thread-safe.
  void Remove(int64_t id);

  // The best units for `query`, best first (score descending, then id ascending), each scoring
  // at least query.min_score. Thread-safe; concurrent searches run in parallel.
  std::vector<Candidate> Search(const Query& query) const;

  // The same answer by scoring every unit of the language pair with the same scorer; the
  // baseline that benchmarks and quality checks compare Search() against. Thread-safe.
  std::vector<Candidate> SearchExhaustive(const Query& query) const;

  // Number of live units.
  size_t size() const;
  // Approximate heap bytes held by the index.
  size_t MemoryBytes() const;

 private:
  struct Partition;
  struct Slot {
    int64_t id;
    uint32_t token_begin;
    uint16_t token_count;
    uint16_t partition;
    uint32_t scope;           // kDeadScope once removed
    uint32_t next_same_key;   // next slot with the same key in the partition, or kNone
  };
  // Per-search working memory, pooled so that concurrent searches do not share it.
  struct Scratch {
    std::vector<uint8_t> count;      // slot -> query tokens seen, or kVisited; zero between
    std::vector<uint32_t> touched;   // slots whose count is not zero
    std::vector<uint32_t> order;
    std::vector<uint8_t> in_query;   // token id -> 1 while it is a query token
  };
  static constexpr uint8_t kVisited = 0xFF;
  static constexpr uint32_t kDeadScope = 0xFFFFFFFF;
  static constexpr uint32_t kNone = 0xFFFFFFFF;

  Partition* FindPartition(absl::string_view source_lang, absl::string_view target_lang) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void RemoveLocked(int64_t id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  std::vector<uint32_t> AllowedScopes(absl::Span<const std::string> scopes) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  std::unique_ptr<Scratch> TakeScratch() const;
  void ReturnScratch(std::unique_ptr<Scratch> scratch) const;

  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<Partition>> partitions_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, uint16_t> partition_by_pair_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, uint32_t> scope_ids_ ABSL_GUARDED_BY(mu_);
  std::vector<Slot> slots_ ABSL_GUARDED_BY(mu_);
  // Key lengths of the slots (saturated at 255), apart from slots_ so that the length bound
  // of many candidates is checked within a few cache lines.
  std::vector<uint8_t> lengths_ ABSL_GUARDED_BY(mu_);
  std::vector<uint32_t> tokens_ ABSL_GUARDED_BY(mu_);  // token ids of all slots, back to back
  absl::flat_hash_map<int64_t, uint32_t> slot_by_id_ ABSL_GUARDED_BY(mu_);
  size_t live_ ABSL_GUARDED_BY(mu_) = 0;

  mutable absl::Mutex scratch_mu_;
  mutable std::vector<std::unique_ptr<Scratch>> scratch_pool_ ABSL_GUARDED_BY(scratch_mu_);
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_MATCH_INDEX_H_
