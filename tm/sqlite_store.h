#ifndef BAYYINA_TM_SQLITE_STORE_H_
#define BAYYINA_TM_SQLITE_STORE_H_

// The embedded TmStore: one SQLite database file in WAL mode. Concordance uses an FTS5 index
// over the normalized keys of both sides.

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "tm/store.h"

struct sqlite3;

namespace bayyina::tm {

class SqliteStore final : public TmStore {
 public:
  // Opens (creating if needed) the database at `path`; ":memory:" gives a private in-memory
  // database. Fails with a clear status if the file is not a Bayyina TM database.
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  absl::Status Insert(absl::Span<TranslationUnit> units) override;
  absl::Status Update(const TranslationUnit& unit) override;
  absl::Status Delete(int64_t id) override;
  absl::StatusOr<std::vector<TranslationUnit>> Get(absl::Span<const int64_t> ids) override;
  absl::StatusOr<std::optional<int64_t>> FindIdentical(const TranslationUnit& unit) override;
  absl::Status RecordUse(int64_t id, absl::Time when) override;
  absl::Status ForEachKey(const std::function<void(const KeyRow&)>& visit) override;
  absl::Status ForEachUnit(
      const UnitFilter& filter,
      const std::function<absl::Status(const TranslationUnit&)>& visit) override;
  absl::StatusOr<std::vector<int64_t>> Concordance(const ConcordanceQuery& query) override;
  absl::StatusOr<int64_t> CountUnits() override;
  absl::Status InsertTerms(absl::Span<TermEntry> entries) override;
  absl::Status ForEachTermEntry(const std::function<void(const TermEntry&)>& visit) override;

 // A prepared statement; defined in the .cc file only.
  class Statement;

 private:
  explicit SqliteStore(sqlite3* db);
  absl::Status Exec(const char* sql) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status InitSchema() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status InsertOne(TranslationUnit& unit) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status DeleteFts(int64_t id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status SqlError(const char* what) const;

  absl::Mutex mu_;
  sqlite3* db_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Statement> insert_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Statement> insert_fts_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Statement> find_dedupe_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Statement> get_ ABSL_GUARDED_BY(mu_);
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_SQLITE_STORE_H_
