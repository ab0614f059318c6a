#ifndef BAYYINA_CASES_CASE_MANAGER_H_
#define BAYYINA_CASES_CASE_MANAGER_H_

// The case workflow: create a case, submit documents, process them as persisted jobs (OCR ->
// analyze -> redact -> segment -> TM suggestions, one transaction per page), review findings,
// translate (API or XLIFF 2.1), approve, and export a signed package, with access checked per
// case membership and every read and write of evidence recorded in the case's custody log.
//
// State lives under options.home: cases.sqlite (the CaseStore), blobs/ (content-addressed
// documents), keys/<case>.key (per-case HMAC/AES secret, 0600), tm.sqlite (the translation
// memory, seeded from tm/seed on first use).
//
// Crash safety: a page's results and its custody line are committed together; a document job
// that was running when the process died is resumed on the next Open() from its first
// uncommitted page, so no page is lost or done twice.
//
// Thread-safe. Calls on one case are serialized where they change it.

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "cases/access.h"
#include "cases/blob_store.h"
#include "cases/local_signer.h"
#include "cases/model.h"
#include "cases/page_pipeline.h"
#include "cases/store.h"
#include "ocr/lazy_engine_pool.h"

namespace bayyina::ocr {
class EnginePool;
}
namespace bayyina::redact {
class Analyzer;
}
namespace bayyina::tm {
class TranslationMemory;
}

namespace bayyina::cases {

struct CaseManagerOptions {
  std::string home;                             // REQUIRED
  int64_t max_document_bytes = int64_t{512} << 20;
  int job_workers = 1;                          // documents processed at once
  // The OCR engines, loaded on first use; shared with other users in the process if given.
  std::shared_ptr<ocr::LazyEnginePool> engines = std::make_shared<ocr::LazyEnginePool>();
  // Directory of the seed memory (*.tmx, *.tbx). Empty: $BAYYINA_SEED_DIR, else the source
  // tree's tm/seed.
  std::string seed_dir;
  // Called after each committed page and at the end of each document (never concurrently).
  std::function<void(const DocumentRecord&)> on_progress;
};

struct CaseView {
  CaseRecord record;
  std::vector<DocumentRecord> documents;
};

struct SubmitResult {
  DocumentRecord document;
  bool duplicate = false;
};

// An upload in progress (SubmitDocument). Not thread-safe. Dropping it without Finish() leaves
// nothing behind.
class Upload {
 public:
  virtual ~Upload() = default;
  // InvalidArgument when more bytes arrive than declared; ResourceExhausted over the limit.
  virtual absl::Status Write(absl::string_view chunk) = 0;
  // Checks size, hash and format, then stores and records the document and queues its job.
  virtual absl::StatusOr<SubmitResult> Finish() = 0;
};

struct ReviewRequest {
  struct Decision {
    std::string finding_id;
    bool accept = true;
  };
  struct Added {
    int page = 0;
    std::string type;  // entity type name
    int cp_begin = 0, cp_end = 0;
  };
  // A box drawn on a page for what is not text (a photo, a signature, a stamp): burnt.
  struct AddedBox {
    int page = 0;
    WordBox box;  // pixel fields only
  };
  std::vector<Decision> decisions;
  std::vector<Added> added;
  std::vector<AddedBox> added_boxes;
};

struct Draft {
  std::string case_id;
  std::string document_id;
  std::string document_name;
  std::string source_language;
  std::string target_language;
  std::vector<SegmentRecord> segments;
};

struct ExportOptions {
  SigningIdentity signer;                     // REQUIRED
  std::vector<std::string> recipient_certs;   // PEM; encryption when non-empty
};

struct ExportResult {
  std::string path;    // the container, or (encrypted) the base name of its volumes
  std::string sha256;  // of the container before encryption
  std::vector<std::string> volumes;  // encrypted volumes (path.p7m.001, ...), when encrypted
  bool verified = false;
  std::vector<std::string> failed_items;  // verification items that failed
  std::map<std::string, int> findings_by_type;  // redacted findings
};

struct CustodyVerification {
  bool ok = false;
  int64_t lines = 0;
  std::string merkle_root;
  std::string detail;
};

class CaseManager {
 public:
  // Opens the state under options.home and resumes unfinished jobs.
  static absl::StatusOr<std::unique_ptr<CaseManager>> Open(CaseManagerOptions options);
  ~CaseManager();  // stops the workers (a running page is finished or abandoned uncommitted)

  // Opens a case; the caller becomes its prosecutor (and reviewer, in embedded mode).
  // PermissionDenied unless the principal holds the global prosecutor role.
  absl::StatusOr<CaseRecord> CreateCase(const Principal& p, CaseRecord fields);
  absl::StatusOr<CaseView> GetCase(const Principal& p, const std::string& case_id);
  absl::StatusOr<std::vector<CaseRecord>> ListCases(const Principal& p, const std::string& after,
                                                    int limit);
  absl::Status AddMember(const Principal& p, const std::string& case_id,
                         const std::string& principal, Role role);

  // Starts a document upload. `declared_sha256` may be empty.
  absl::StatusOr<std::unique_ptr<Upload>> BeginUpload(const Principal& p,
                                                      const std::string& case_id,
                                                      int64_t declared_size,
                                                      const std::string& declared_sha256);

  absl::StatusOr<DocumentRecord> GetDocument(const Principal& p, const std::string& case_id,
                                             const std::string& document_id);
  // A counter that grows whenever any document makes progress, and a wait for it to pass
  // `seen` (returns the new value; the old one on timeout).
  uint64_t progress_generation() const;
  uint64_t WaitForProgress(uint64_t seen, absl::Duration timeout) const;
  // Blocks until no job is queued or running.
  void WaitIdle() const;

  absl::StatusOr<std::vector<FindingRecord>> ListFindings(const Principal& p,
                                                          const std::string& case_id,
                                                          const std::string& document_id);
  // The case's pages that the leak check withheld, with what it still read (types and boxes).
  // Export refuses while any remain; a review that adds boxes on the page releases it.
  absl::StatusOr<std::vector<WithheldPage>> ListWithheldPages(const Principal& p,
                                                              const std::string& case_id);
  // Applies decisions and added spans to the text, and added boxes and redacted findings to the
  // page images, which are burnt again from the originals.
  absl::StatusOr<std::vector<FindingRecord>> Review(const Principal& p,
                                                    const std::string& case_id,
                                                    const std::string& document_id,
                                                    const ReviewRequest& review);

  absl::StatusOr<Draft> GetDraft(const Principal& p, const std::string& case_id,
                                 const std::string& document_id);
  absl::StatusOr<std::string> ExportXliff(const Principal& p, const std::string& case_id,
                                          const std::string& document_id);
  // Stores targets and states; reviewed and final segments enter the case's memory.
  // NotFound for an unknown segment (nothing stored then).
  absl::StatusOr<int> SubmitTranslations(const Principal& p, const std::string& case_id,
                                         const std::string& document_id,
                                         const std::vector<SegmentRecord>& segments);
  absl::StatusOr<int> ImportXliff(const Principal& p, const std::string& case_id,
                                  absl::string_view xml);

  // FailedPrecondition while a document is unprocessed or failed.
  absl::StatusOr<CaseRecord> Approve(const Principal& p, const std::string& case_id);
  // Writes the package to `out_path`, verifies it, and records the export. With recipients
  // the verified container is encrypted into volumes out_path.p7m.NNN (transfer/encryption.h)
  // and no clear copy is kept. FailedPrecondition unless approved.
  absl::StatusOr<ExportResult> ExportPackage(const Principal& p, const std::string& case_id,
                                             const ExportOptions& options,
                                             const std::string& out_path);

  absl::StatusOr<std::vector<std::string>> CustodyLog(const Principal& p,
                                                      const std::string& case_id);
  absl::StatusOr<CustodyVerification> VerifyCustody(const Principal& p,
                                                    const std::string& case_id);

  const std::string& home() const { return options_.home; }

 private:
  struct CaseState;
  class UploadImpl;
  friend class UploadImpl;

  CaseManager(CaseManagerOptions options, std::unique_ptr<CaseStore> store, BlobStore blobs);
  absl::Status StartUp();

  // Loads (once) the per-case state. NotFound for an unknown case.
  absl::StatusOr<CaseState*> State(const std::string& case_id);
  // Checks `action` for `p` on the case; a denial is recorded in the case's custody log.
  absl::StatusOr<CaseState*> Authorize(const Principal& p, const std::string& case_id,
                                       Action action);
  // The next custody line for an event on the case. REQUIRES: the case's mutex.
  absl::StatusOr<CustodyLine> NextLine(CaseState& st, const std::string& actor,
                                       const std::string& action,
                                       std::vector<std::string> inputs,
                                       std::vector<std::string> outputs);
  // After a failed store write: drop the line NextLine added, and reload the registry.
  void Rollback(CaseState& st);
  // What the page pipeline needs of the case. REQUIRES: st.mu held.
  PipelineContext PipelineContextFor(CaseState& st);
  absl::StatusOr<DocumentRecord> RequireDocument(const std::string& case_id,
                                                 const std::string& document_id);

  void Enqueue(const std::string& case_id, const std::string& document_id);
  void WorkerLoop();
  void ProcessDocument(const std::string& case_id, const std::string& document_id);
  absl::Status RunJob(CaseState& st, DocumentRecord doc);
  void NotifyProgress(const DocumentRecord& doc);

  CaseManagerOptions options_;
  std::unique_ptr<CaseStore> store_;
  BlobStore blobs_;
  std::unique_ptr<redact::Analyzer> analyzer_;
  std::unique_ptr<tm::TranslationMemory> memory_;

  absl::Mutex states_mu_;
  std::map<std::string, std::unique_ptr<CaseState>> states_ ABSL_GUARDED_BY(states_mu_);


  mutable absl::Mutex jobs_mu_;
  std::deque<std::pair<std::string, std::string>> queue_ ABSL_GUARDED_BY(jobs_mu_);
  int running_ ABSL_GUARDED_BY(jobs_mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(jobs_mu_) = false;
  uint64_t generation_ ABSL_GUARDED_BY(jobs_mu_) = 0;
  absl::Mutex progress_cb_mu_;
  std::vector<std::thread> workers_;
};

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_CASE_MANAGER_H_
