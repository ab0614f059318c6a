#ifndef BAYYINA_TM_STORE_H_
#define BAYYINA_TM_STORE_H_

// Persistence of translation units and termbase entries. SqliteStore (tm/sqlite_store.h) is the
// embedded default; a PostgreSQL store implements the same interface. The store keeps what it
// is given: normalization, scrubbing and matching happen above it (tm/translation_memory.h).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "tm/term.h"
#include "tm/unit.h"

namespace bayyina::tm {

// Which units an export or a scan visits. Empty fields match everything.
struct UnitFilter {
  std::string source_lang;          // primary subtag, e.g. "ar"
  std::string target_lang;          // primary subtag
  std::vector<std::string> scopes;  // Scope::ToString() forms
  std::string domain;
  std::string origin;
  std::optional<absl::Time> changed_since;
};

// A concordance search: units whose source or target key holds the given tokens in a row.
struct ConcordanceQuery {
  enum class Side { kSource, kTarget, kBoth };
  Side side = Side::kBoth;
  std::string source_lang;  // primary subtags
  std::string target_lang;
  std::vector<std::string> source_tokens;  // the phrase as key tokens of the source language
  std::vector<std::string> target_tokens;  // the phrase as key tokens of the target language
  std::vector<std::string> scopes;
  size_t limit = 50;
};

// What the in-memory index needs of each unit.
struct KeyRow {
  int64_t id = 0;
  std::string source_lang;
  std::string target_lang;
  std::string scope;
  std::string source_key;
};

class TmStore {
 public:
  virtual ~TmStore() = default;

  // Inserts `units` in one transaction (all or nothing) and sets each unit's id.
  virtual absl::Status Insert(absl::Span<TranslationUnit> units) = 0;
  // Replaces the stored unit with the same id. NotFound if there is none.
  virtual absl::Status Update(const TranslationUnit& unit) = 0;
  // Deletes unit `id`. NotFound if there is none.
  virtual absl::Status Delete(int64_t id) = 0;
  // The units with these ids, in the order asked; ids that do not exist are left out.
  virtual absl::StatusOr<std::vector<TranslationUnit>> Get(absl::Span<const int64_t> ids) = 0;
  // The id of a stored unit with the same languages, scope, source and target, if any.
  virtual absl::StatusOr<std::optional<int64_t>> FindIdentical(const TranslationUnit& unit) = 0;
  // Counts one use of unit `id` at `when`.
  virtual absl::Status RecordUse(int64_t id, absl::Time when) = 0;

  // Visits the index rows of every unit, in id order.
  virtual absl::Status ForEachKey(const std::function<void(const KeyRow&)>& visit) = 0;
  // Visits the units that `filter` selects, in id order, until `visit` fails.
  virtual absl::Status ForEachUnit(
      const UnitFilter& filter,
      const std::function<absl::Status(const TranslationUnit&)>& visit) = 0;
  // Ids of units that match `query`, newest first, at most query.limit.
  virtual absl::StatusOr<std::vector<int64_t>> Concordance(const ConcordanceQuery& query) = 0;
  // Number of stored units.
  virtual absl::StatusOr<int64_t> CountUnits() = 0;

  // Inserts termbase entries in one transaction and sets their ids.
  virtual absl::Status InsertTerms(absl::Span<TermEntry> entries) = 0;
  // Visits every termbase entry.
  virtual absl::Status ForEachTermEntry(const std::function<void(const TermEntry&)>& visit) = 0;
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_STORE_H_
