#ifndef BAYYINA_TM_TRANSLATION_MEMORY_H_
#define BAYYINA_TM_TRANSLATION_MEMORY_H_

// The translation memory: a TmStore for persistence, a MatchIndex in memory for fuzzy lookup,
// and a termbase. Opening loads the index from the store's keys.
//
// Personal data: a unit that enters the shared scope is passed through the UnitScrubber first,
// so that what others can see holds placeholders, never values. Without a scrubber, adding to
// the shared scope fails (FailedPrecondition) unless the caller declares the units already
// scrubbed (project-written seed data, units that went through redaction upstream).

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "tm/match_index.h"
#include "tm/scrubber.h"
#include "tm/segment.h"
#include "tm/store.h"
#include "tm/termbase.h"
#include "tm/unit.h"

namespace bayyina::tm {

struct LookupRequest {
  std::string source_lang;  // BCP-47
  std::string target_lang;
  Segment query;
  // The scopes the caller may see; Scope::Shared() is always included.
  std::vector<Scope> scopes;
  int min_score = 50;  // 0..100
  size_t max_results = 5;
};

struct Match {
  TranslationUnit unit;    // as stored
  int score = 0;           // 0..100 on the normalized keys
  int verbatim_distance = 0;  // 0 when the stored source equals the query verbatim
  Segment suggestion;      // the target with the query's numbers and placeholders substituted
  bool substituted = false;
};

struct ConcordanceRequest {
  std::string text;  // a phrase, in the source or the target language
  std::string source_lang;
  std::string target_lang;
  ConcordanceQuery::Side side = ConcordanceQuery::Side::kBoth;
  std::vector<Scope> scopes;  // Shared() always included
  size_t limit = 50;
};

// Outcome of adding one unit.
struct AddResult {
  int64_t id = 0;          // 0 when the unit was refused
  bool duplicate = false;  // an identical unit existed; it was kept and its id returned
  absl::Status status;     // why the unit was refused (with AddOptions::skip_invalid)
};

struct AddOptions {
  // The units went through redaction already (or are project-written seed data): they may
  // enter the shared scope without a scrubber.
  bool already_scrubbed = false;
  // Refuse invalid units one by one (AddResult::status) instead of failing the whole call.
  bool skip_invalid = false;
};

class TranslationMemory {
 public:
  struct Options {
    // Not owned; must outlive the memory. May be null (see the comment at the top).
    UnitScrubber* scrubber = nullptr;
    // Returns the current time; tests may fix it.
    std::function<absl::Time()> now = [] { return absl::Now(); };
  };

  // Takes ownership of `store` and loads the index from it.
  static absl::StatusOr<std::unique_ptr<TranslationMemory>> Open(std::unique_ptr<TmStore> store,
                                                                 Options options);
  // Opens (creating if needed) the SQLite database at `path`.
  static absl::StatusOr<std::unique_ptr<TranslationMemory>> OpenSqlite(const std::string& path,
                                                                       Options options);

  // Adds units, in one transaction per call: computes match keys, scrubs units bound for the
  // shared scope, stamps missing dates, and skips exact duplicates. Unless
  // options.skip_invalid, fails as a whole on the first invalid unit (naming its position).
  absl::StatusOr<std::vector<AddResult>> Add(std::vector<TranslationUnit> units,
                                             AddOptions options = {});
  // Replaces unit `unit.id` (keys recomputed, scrubbed as Add does). NotFound if absent.
  absl::Status Update(TranslationUnit unit, bool already_scrubbed = false);
  absl::Status Delete(int64_t id);
  // Counts one use of a suggestion (the translator accepted it).
  absl::Status RecordUse(int64_t id);

  absl::StatusOr<std::vector<Match>> Lookup(const LookupRequest& request) const;
  // The index query Lookup() runs for `request`; benchmarks use it with the index directly.
  absl::StatusOr<MatchIndex::Query> MakeIndexQuery(const LookupRequest& request) const;
  const MatchIndex& index() const { return index_; }

  absl::StatusOr<std::vector<TranslationUnit>> Concordance(
      const ConcordanceRequest& request) const;

  // Adds termbase entries (keys computed here). Termbases hold no personal data; they are
  // shared reference data.
  absl::Status AddTerms(std::vector<TermEntry> entries);
  absl::StatusOr<std::vector<TermHit>> FindTerms(absl::string_view text,
                                                 absl::string_view source_lang,
                                                 absl::string_view target_lang) const;

  TmStore& store() const { return *store_; }

 private:
  TranslationMemory(std::unique_ptr<TmStore> store, Options options);
  absl::Status Prepare(TranslationUnit& unit, bool already_scrubbed) const;
  absl::Status ReloadTerms();

  std::unique_ptr<TmStore> store_;
  Options options_;
  MatchIndex index_;
  mutable absl::Mutex terms_mu_;
  std::shared_ptr<const Termbase> termbase_ ABSL_GUARDED_BY(terms_mu_);
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_TRANSLATION_MEMORY_H_
