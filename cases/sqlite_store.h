#ifndef BAYYINA_CASES_SQLITE_STORE_H_
#define BAYYINA_CASES_SQLITE_STORE_H_

// The embedded CaseStore: one SQLite database in WAL mode with synchronous=FULL, so that a
// committed transaction survives kill -9 and power loss.

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "cases/store.h"

struct sqlite3;

namespace bayyina::cases {

class SqliteCaseStore final : public CaseStore {
 public:
  // Opens (creating if needed) the database at `path`.
  static absl::StatusOr<std::unique_ptr<SqliteCaseStore>> Open(const std::string& path);
  ~SqliteCaseStore() override;

  absl::Status CreateCase(const CaseRecord& c, const std::vector<MemberRecord>& members,
                          const CustodyLine& custody) override;
  absl::StatusOr<std::optional<CaseRecord>> GetCase(const std::string& case_id) override;
  absl::StatusOr<std::vector<CaseRecord>> CasesOf(const std::string& principal,
                                                  const std::string& after, int limit) override;
  absl::StatusOr<std::vector<MemberRecord>> Members(const std::string& case_id) override;
  absl::Status AddMember(const std::string& case_id, const MemberRecord& member,
                         const CustodyLine& custody) override;
  absl::Status SetApproved(const std::string& case_id, const std::string& principal,
                           const CustodyLine& custody) override;
  absl::Status AddDocument(const DocumentRecord& d, const CustodyLine& custody) override;
  absl::StatusOr<std::vector<DocumentRecord>> Documents(const std::string& case_id) override;
  absl::StatusOr<std::optional<DocumentRecord>> GetDocument(
      const std::string& case_id, const std::string& document_id) override;
  absl::StatusOr<std::optional<DocumentRecord>> FindDocumentBySha(
      const std::string& case_id, const std::string& sha256) override;
  absl::StatusOr<std::vector<DocumentRecord>> UnfinishedDocuments() override;
  absl::Status UpdateDocument(const DocumentRecord& d,
                              const std::optional<CustodyLine>& custody) override;
  absl::Status CommitPage(const std::string& case_id, const std::string& document_id,
                          const PageResult& result, const std::string& placeholders_json,
                          const CustodyLine& custody) override;
  absl::StatusOr<std::vector<PageRecord>> Pages(const std::string& case_id,
                                                const std::string& document_id) override;
  absl::StatusOr<std::vector<int>> DonePages(const std::string& case_id,
                                             const std::string& document_id) override;
  absl::Status CommitReview(const std::string& case_id, const std::string& document_id,
                            const std::vector<DecisionRecord>& decisions,
                            const std::vector<PageResult>& redone,
                            const std::string& placeholders_json,
                            const CustodyLine& custody) override;
  absl::StatusOr<std::vector<DecisionRecord>> Decisions(const std::string& case_id,
                                                        const std::string& document_id) override;
  absl::StatusOr<std::vector<FindingRecord>> Findings(const std::string& case_id,
                                                      const std::string& document_id) override;
  absl::StatusOr<std::vector<SegmentRecord>> Segments(const std::string& case_id,
                                                      const std::string& document_id) override;
  absl::Status UpdateTranslations(const std::string& case_id, const std::string& document_id,
                                  const std::vector<SegmentRecord>& segments,
                                  const CustodyLine& custody) override;
  absl::StatusOr<std::vector<std::string>> CustodyLines(const std::string& case_id) override;
  absl::Status AppendCustody(const std::string& case_id, const CustodyLine& custody) override;

 private:
  explicit SqliteCaseStore(sqlite3* db);
  absl::Mutex mu_;
  sqlite3* db_ ABSL_GUARDED_BY(mu_);
};

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_SQLITE_STORE_H_
