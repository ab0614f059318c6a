#ifndef BAYYINA_CASES_STORE_H_
#define BAYYINA_CASES_STORE_H_

// Persistence of the case workflow behind one interface, so that a PostgreSQL store can be
// added next to the embedded SQLite one (sqlite_store.h) without touching the workflow.
//
// Every mutating call is one transaction, and the custody log line that records the change is
// written in the same transaction: after a crash either both are there or neither is, so
// resumed work neither loses nor duplicates events. The caller (CaseManager) serializes the
// mutations of one case and computes the custody chain; the store only keeps the lines.
//
// Implementations are thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cases/model.h"

namespace bayyina::cases {

// One custody log line with its sequence number (1-based, gap-free per case).
struct CustodyLine {
  uint64_t seq = 0;
  std::string line;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Cases and members. CreateCase: AlreadyExists when the reference is taken.
  virtual absl::Status CreateCase(const CaseRecord& c, const std::vector<MemberRecord>& members,
                                  const CustodyLine& custody) = 0;
  virtual absl::StatusOr<std::optional<CaseRecord>> GetCase(const std::string& case_id) = 0;
  // Cases where `principal` holds any role, ordered by id, ids greater than `after`.
  virtual absl::StatusOr<std::vector<CaseRecord>> CasesOf(const std::string& principal,
                                                          const std::string& after,
                                                          int limit) = 0;
  virtual absl::StatusOr<std::vector<MemberRecord>> Members(const std::string& case_id) = 0;
  virtual absl::Status AddMember(const std::string& case_id, const MemberRecord& member,
                                 const CustodyLine& custody) = 0;
  virtual absl::Status SetApproved(const std::string& case_id, const std::string& principal,
                                   const CustodyLine& custody) = 0;

  // Documents. AddDocument: AlreadyExists when the case holds the same sha256; withdraws the
  // case's approval (it did not cover this document).
  virtual absl::Status AddDocument(const DocumentRecord& d, const CustodyLine& custody) = 0;
  virtual absl::StatusOr<std::vector<DocumentRecord>> Documents(const std::string& case_id) = 0;
  virtual absl::StatusOr<std::optional<DocumentRecord>> GetDocument(
      const std::string& case_id, const std::string& document_id) = 0;
  virtual absl::StatusOr<std::optional<DocumentRecord>> FindDocumentBySha(
      const std::string& case_id, const std::string& sha256) = 0;
  // Documents not yet done or failed, in every case (work to resume after a restart).
  virtual absl::StatusOr<std::vector<DocumentRecord>> UnfinishedDocuments() = 0;
  // Sets state, error and page count; appends `custody` when given.
  virtual absl::Status UpdateDocument(const DocumentRecord& d,
                                      const std::optional<CustodyLine>& custody) = 0;

  // Pages. CommitPage stores a processed page with its findings and segments, the case's new
  // placeholder registry and the custody line. AlreadyExists when the page is stored already
  // (nothing is changed then): processing is idempotent.
  virtual absl::Status CommitPage(const std::string& case_id, const std::string& document_id,
                                  const PageResult& result, const std::string& placeholders_json,
                                  const CustodyLine& custody) = 0;
  virtual absl::StatusOr<std::vector<PageRecord>> Pages(const std::string& case_id,
                                                        const std::string& document_id) = 0;
  virtual absl::StatusOr<std::vector<int>> DonePages(const std::string& case_id,
                                                     const std::string& document_id) = 0;

  // Review: stores `decisions` (replacing earlier ones on the same span), for each page in
  // `redone` replaces its redacted text, image record, findings and segments, and withdraws the
  // case's approval.
  virtual absl::Status CommitReview(const std::string& case_id, const std::string& document_id,
                                    const std::vector<DecisionRecord>& decisions,
                                    const std::vector<PageResult>& redone,
                                    const std::string& placeholders_json,
                                    const CustodyLine& custody) = 0;
  virtual absl::StatusOr<std::vector<DecisionRecord>> Decisions(
      const std::string& case_id, const std::string& document_id) = 0;
  virtual absl::StatusOr<std::vector<FindingRecord>> Findings(const std::string& case_id,
                                                              const std::string& document_id) = 0;

  // Segments in document order. UpdateTranslations sets target and state of the given ids;
  // NotFound (and nothing changed) when an id is unknown.
  virtual absl::StatusOr<std::vector<SegmentRecord>> Segments(const std::string& case_id,
                                                              const std::string& document_id) = 0;
  virtual absl::Status UpdateTranslations(const std::string& case_id,
                                          const std::string& document_id,
                                          const std::vector<SegmentRecord>& segments,
                                          const CustodyLine& custody) = 0;

  // The custody log of a case, in order; AppendCustody adds one line on its own.
  virtual absl::StatusOr<std::vector<std::string>> CustodyLines(const std::string& case_id) = 0;
  virtual absl::Status AppendCustody(const std::string& case_id, const CustodyLine& custody) = 0;
};

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_STORE_H_
