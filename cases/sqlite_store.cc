#include "cases/sqlite_store.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace bayyina::cases {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases(
  id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, legal_basis TEXT NOT NULL,
  requesting TEXT NOT NULL, receiving TEXT NOT NULL, handling_code TEXT NOT NULL,
  source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, policy_json TEXT NOT NULL,
  placeholders_json TEXT NOT NULL, approved INTEGER NOT NULL DEFAULT 0, approved_by TEXT);
CREATE TABLE IF NOT EXISTS members(
  case_id TEXT NOT NULL, principal TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY(case_id, principal, role));
CREATE INDEX IF NOT EXISTS members_principal ON members(principal);
CREATE TABLE IF NOT EXISTS documents(
  case_id TEXT NOT NULL, id TEXT NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL,
  media_type TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
  page_count INTEGER NOT NULL, state TEXT NOT NULL, error TEXT NOT NULL,
  PRIMARY KEY(case_id, id), UNIQUE(case_id, sha256), UNIQUE(case_id, number));
CREATE TABLE IF NOT EXISTS pages(
  case_id TEXT NOT NULL, document_id TEXT NOT NULL, number INTEGER NOT NULL,
  language TEXT NOT NULL, ocr_json TEXT NOT NULL, text TEXT NOT NULL, words_json TEXT NOT NULL,
  redacted_text TEXT NOT NULL, image_json TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY(case_id, document_id, number));
CREATE TABLE IF NOT EXISTS findings(
  case_id TEXT NOT NULL, document_id TEXT NOT NULL, id TEXT NOT NULL, page INTEGER NOT NULL,
  type TEXT NOT NULL, cp_begin INTEGER NOT NULL, cp_end INTEGER NOT NULL, score REAL NOT NULL,
  detector TEXT NOT NULL, boxes_json TEXT NOT NULL, decision TEXT NOT NULL,
  value_hmac TEXT NOT NULL, op TEXT NOT NULL, placeholder TEXT NOT NULL,
  redacted INTEGER NOT NULL, PRIMARY KEY(case_id, document_id, id));
CREATE TABLE IF NOT EXISTS decisions(
  case_id TEXT NOT NULL, document_id TEXT NOT NULL, page INTEGER NOT NULL, type TEXT NOT NULL,
  cp_begin INTEGER NOT NULL, cp_end INTEGER NOT NULL, decision TEXT NOT NULL,
  PRIMARY KEY(case_id, document_id, page, cp_begin, cp_end, type));
CREATE TABLE IF NOT EXISTS segments(
  case_id TEXT NOT NULL, document_id TEXT NOT NULL, id TEXT NOT NULL, page INTEGER NOT NULL,
  idx INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, state TEXT NOT NULL,
  suggestions_json TEXT NOT NULL, terms_json TEXT NOT NULL,
  PRIMARY KEY(case_id, document_id, id));
CREATE TABLE IF NOT EXISTS custody(
  case_id TEXT NOT NULL, seq INTEGER NOT NULL, line TEXT NOT NULL, PRIMARY KEY(case_id, seq));
INSERT OR IGNORE INTO meta(key, value) VALUES('format', 'bayyina-cases/1');
)sql";

using json = nlohmann::json;

// A prepared statement with positional binding; finalized on destruction.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(const std::string& v) {
    sqlite3_bind_text(stmt_, ++n_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(const char* v) { return Bind(std::string(v)); }
  Stmt& Bind(int64_t v) {
    sqlite3_bind_int64(stmt_, ++n_, v);
    return *this;
  }
  Stmt& Bind(int v) { return Bind(static_cast<int64_t>(v)); }
  Stmt& Bind(double v) {
    sqlite3_bind_double(stmt_, ++n_, v);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }
  absl::Status Run(const char* what) {
    int rc = Step();
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return absl::OkStatus();
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
      return absl::AlreadyExistsError(absl::StrCat(what, ": already stored"));
    }
    return absl::InternalError(absl::StrCat(what, ": ", sqlite3_errmsg(db_)));
  }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
  int n_ = 0;
};

absl::Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return absl::InternalError(absl::StrCat("case store: ", msg));
  }
  return absl::OkStatus();
}

// Runs `body` in a transaction: committed when it returns OK, rolled back otherwise.
template <typename F>
absl::Status InTransaction(sqlite3* db, F&& body) {
  if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s.ok()) return s;
  absl::Status s = body();
  if (s.ok()) s = Exec(db, "COMMIT");
  if (!s.ok()) Exec(db, "ROLLBACK").IgnoreError();
  return s;
}

absl::Status InsertCustody(sqlite3* db, const std::string& case_id, const CustodyLine& c) {
  return Stmt(db, "INSERT INTO custody(case_id, seq, line) VALUES(?,?,?)")
      .Bind(case_id).Bind(static_cast<int64_t>(c.seq)).Bind(c.line).Run("custody line");
}

std::string BoxesJson(const std::vector<WordBox>& boxes) {
  json a = json::array();
  for (const WordBox& b : boxes) a.push_back({b.left, b.top, b.right, b.bottom});
  return a.dump();
}

std::vector<WordBox> ParseBoxes(const std::string& text) {
  std::vector<WordBox> out;
  json a = json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const json& b : a) {
    if (!b.is_array() || b.size() != 4) continue;
    WordBox w;
    w.left = b[0].get<int>();
    w.top = b[1].get<int>();
    w.right = b[2].get<int>();
    w.bottom = b[3].get<int>();
    out.push_back(w);
  }
  return out;
}

std::string SuggestionsJson(const std::vector<SuggestionRecord>& s) {
  json a = json::array();
  for (const SuggestionRecord& r : s) {
    a.push_back({{"unit", r.unit_id}, {"score", r.score}, {"source", r.source},
                 {"suggestion", r.suggestion}, {"origin", r.origin}});
  }
  return a.dump();
}

std::vector<SuggestionRecord> ParseSuggestions(const std::string& text) {
  std::vector<SuggestionRecord> out;
  json a = json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const json& r : a) {
    SuggestionRecord s;
    s.unit_id = r.value("unit", int64_t{0});
    s.score = r.value("score", 0);
    s.source = r.value("source", "");
    s.suggestion = r.value("suggestion", "");
    s.origin = r.value("origin", "");
    out.push_back(std::move(s));
  }
  return out;
}

std::string TermsJson(const std::vector<TermRecord>& t) {
  json a = json::array();
  for (const TermRecord& r : t) {
    a.push_back({{"source", r.source_term}, {"target", r.target_term}, {"start", r.start},
                 {"end", r.end}});
  }
  return a.dump();
}

std::vector<TermRecord> ParseTerms(const std::string& text) {
  std::vector<TermRecord> out;
  json a = json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const json& r : a) {
    TermRecord t;
    t.source_term = r.value("source", "");
    t.target_term = r.value("target", "");
    t.start = r.value("start", 0);
    t.end = r.value("end", 0);
    out.push_back(std::move(t));
  }
  return out;
}

DocumentState ParseState(const std::string& s) {
  if (s == "processing") return DocumentState::kProcessing;
  if (s == "done") return DocumentState::kDone;
  if (s == "failed") return DocumentState::kFailed;
  return DocumentState::kQueued;
}

constexpr const char* kCaseColumns =
    "id, reference, legal_basis, requesting, receiving, handling_code, source_lang, "
    "target_lang, policy_json, placeholders_json, approved, approved_by";

CaseRecord ReadCase(const Stmt& s) {
  CaseRecord c;
  c.id = s.Text(0);
  c.reference = s.Text(1);
  c.legal_basis = s.Text(2);
  c.requesting_authority = s.Text(3);
  c.receiving_authority = s.Text(4);
  c.handling_code = s.Text(5);
  c.source_language = s.Text(6);
  c.target_language = s.Text(7);
  c.policy_json = s.Text(8);
  c.placeholders_json = s.Text(9);
  c.approved = s.Int(10) != 0;
  c.approved_by = s.Text(11);
  return c;
}

constexpr const char* kDocColumns =
    "case_id, id, number, name, media_type, sha256, size, page_count, state, error, "
    "(SELECT COUNT(*) FROM pages p WHERE p.case_id = documents.case_id AND "
    "p.document_id = documents.id)";

DocumentRecord ReadDoc(const Stmt& s) {
  DocumentRecord d;
  d.case_id = s.Text(0);
  d.id = s.Text(1);
  d.number = static_cast<int>(s.Int(2));
  d.name = s.Text(3);
  d.media_type = s.Text(4);
  d.sha256 = s.Text(5);
  d.size = s.Int(6);
  d.page_count = static_cast<int>(s.Int(7));
  d.state = ParseState(s.Text(8));
  d.error = s.Text(9);
  d.pages_done = static_cast<int>(s.Int(10));
  return d;
}

absl::Status QueryError(sqlite3* db, const char* what) {
  return absl::InternalError(absl::StrCat(what, ": ", sqlite3_errmsg(db)));
}

absl::Status WriteFindingsAndSegments(sqlite3* db, const std::string& case_id,
                                      const std::string& doc_id, const PageResult& r) {
  for (const FindingRecord& f : r.findings) {
    auto s = Stmt(db,
                  "INSERT INTO findings(case_id, document_id, id, page, type, cp_begin, cp_end, "
                  "score, detector, boxes_json, decision, value_hmac, op, placeholder, redacted) "
                  "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                 .Bind(case_id).Bind(doc_id).Bind(f.id).Bind(f.page).Bind(f.type)
                 .Bind(f.cp_begin).Bind(f.cp_end).Bind(f.score).Bind(f.detector)
                 .Bind(BoxesJson(f.boxes)).Bind(DecisionName(f.decision)).Bind(f.value_hmac)
                 .Bind(f.op).Bind(f.placeholder).Bind(f.redacted ? 1 : 0).Run("finding");
    if (!s.ok()) return s;
  }
  for (const SegmentRecord& g : r.segments) {
    auto s = Stmt(db,
                  "INSERT INTO segments(case_id, document_id, id, page, idx, source, target, "
                  "state, suggestions_json, terms_json) VALUES(?,?,?,?,?,?,?,?,?,?)")
                 .Bind(case_id).Bind(doc_id).Bind(g.id).Bind(g.page).Bind(g.index)
                 .Bind(g.source).Bind(g.target).Bind(SegmentStateName(g.state))
                 .Bind(SuggestionsJson(g.suggestions)).Bind(TermsJson(g.terms)).Run("segment");
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status SetPlaceholders(sqlite3* db, const std::string& case_id, const std::string& json) {
  return Stmt(db, "UPDATE cases SET placeholders_json = ? WHERE id = ?")
      .Bind(json).Bind(case_id).Run("placeholders");
}

// An approval covers what it saw: a new document or a review changes what would be exported.
absl::Status WithdrawApproval(sqlite3* db, const std::string& case_id) {
  return Stmt(db, "UPDATE cases SET approved = 0, approved_by = NULL WHERE id = ?")
      .Bind(case_id)
      .Run("approval");
}

}  // namespace

SqliteCaseStore::SqliteCaseStore(sqlite3* db) : db_(db) {}

SqliteCaseStore::~SqliteCaseStore() {
  absl::MutexLock lock(&mu_);
  sqlite3_close_v2(db_);
}

absl::StatusOr<std::unique_ptr<SqliteCaseStore>> SqliteCaseStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return absl::FailedPreconditionError(absl::StrCat("cannot open case store: ", msg));
  }
  sqlite3_busy_timeout(db, 10000);
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                             "PRAGMA foreign_keys=ON"}) {
    if (auto s = Exec(db, pragma); !s.ok()) {
      sqlite3_close_v2(db);
      return s;
    }
  }
  if (auto s = Exec(db, kSchema); !s.ok()) {
    sqlite3_close_v2(db);
    return absl::FailedPreconditionError(
        absl::StrCat("not a Bayyina case store (", s.message(), ")"));
  }
  {
    Stmt check(db, "SELECT value FROM meta WHERE key = 'format'");
    if (check.Step() != SQLITE_ROW || check.Text(0) != "bayyina-cases/1") {
      sqlite3_close_v2(db);
      return absl::FailedPreconditionError("not a Bayyina case store (format)");
    }
  }
  return std::unique_ptr<SqliteCaseStore>(new SqliteCaseStore(db));
}

absl::Status SqliteCaseStore::CreateCase(const CaseRecord& c,
                                         const std::vector<MemberRecord>& members,
                                         const CustodyLine& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() -> absl::Status {
    {
      Stmt exists(db_, "SELECT 1 FROM cases WHERE reference = ?");
      exists.Bind(c.reference);
      if (exists.Step() == SQLITE_ROW) {
        return absl::AlreadyExistsError("a case with this reference exists");
      }
    }
    auto s = Stmt(db_,
                  "INSERT INTO cases(id, reference, legal_basis, requesting, receiving, "
                  "handling_code, source_lang, target_lang, policy_json, placeholders_json) "
                  "VALUES(?,?,?,?,?,?,?,?,?,?)")
                 .Bind(c.id).Bind(c.reference).Bind(c.legal_basis).Bind(c.requesting_authority)
                 .Bind(c.receiving_authority).Bind(c.handling_code).Bind(c.source_language)
                 .Bind(c.target_language).Bind(c.policy_json).Bind(c.placeholders_json)
                 .Run("case");
    if (!s.ok()) return s;
    for (const MemberRecord& m : members) {
      s = Stmt(db_, "INSERT OR IGNORE INTO members(case_id, principal, role) VALUES(?,?,?)")
              .Bind(c.id).Bind(m.principal).Bind(RoleName(m.role)).Run("member");
      if (!s.ok()) return s;
    }
    return InsertCustody(db_, c.id, custody);
  });
}

absl::StatusOr<std::optional<CaseRecord>> SqliteCaseStore::GetCase(const std::string& case_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, absl::StrCat("SELECT ", kCaseColumns, " FROM cases WHERE id = ?").c_str());
  s.Bind(case_id);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<CaseRecord>(ReadCase(s));
  if (rc == SQLITE_DONE) return std::optional<CaseRecord>();
  return QueryError(db_, "read case");
}

absl::StatusOr<std::vector<CaseRecord>> SqliteCaseStore::CasesOf(const std::string& principal,
                                                                 const std::string& after,
                                                                 int limit) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, absl::StrCat("SELECT ", kCaseColumns,
                           " FROM cases WHERE id > ? AND id IN (SELECT case_id FROM members "
                           "WHERE principal = ?) ORDER BY id LIMIT ?")
                  .c_str());
  s.Bind(after).Bind(principal).Bind(limit);
  std::vector<CaseRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadCase(s));
  if (rc != SQLITE_DONE) return QueryError(db_, "list cases");
  return out;
}

absl::StatusOr<std::vector<MemberRecord>> SqliteCaseStore::Members(const std::string& case_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, "SELECT principal, role FROM members WHERE case_id = ? ORDER BY principal, role");
  s.Bind(case_id);
  std::vector<MemberRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    if (auto role = ParseRole(s.Text(1))) out.push_back({s.Text(0), *role});
  }
  if (rc != SQLITE_DONE) return QueryError(db_, "members");
  return out;
}

absl::Status SqliteCaseStore::AddMember(const std::string& case_id, const MemberRecord& member,
                                        const CustodyLine& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() -> absl::Status {
    auto s = Stmt(db_, "INSERT OR IGNORE INTO members(case_id, principal, role) VALUES(?,?,?)")
                 .Bind(case_id).Bind(member.principal).Bind(RoleName(member.role)).Run("member");
    if (!s.ok()) return s;
    return InsertCustody(db_, case_id, custody);
  });
}

absl::Status SqliteCaseStore::SetApproved(const std::string& case_id,
                                          const std::string& principal,
                                          const CustodyLine& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() -> absl::Status {
    auto s = Stmt(db_, "UPDATE cases SET approved = 1, approved_by = ? WHERE id = ?")
                 .Bind(principal).Bind(case_id).Run("approve");
    if (!s.ok()) return s;
    return InsertCustody(db_, case_id, custody);
  });
}


absl::Status SqliteCaseStore::AddDocument(const DocumentRecord& d, const CustodyLine& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() -> absl::Status {
    auto s = Stmt(db_,
                  "INSERT INTO documents(case_id, id, number, name, media_type, sha256, size, "
                  "page_count, state, error) VALUES(?,?,?,?,?,?,?,?,?,?)")
                 .Bind(d.case_id).Bind(d.id).Bind(d.number).Bind(d.name).Bind(d.media_type)
                 .Bind(d.sha256).Bind(d.size).Bind(d.page_count)
                 .Bind(DocumentStateName(d.state)).Bind(d.error).Run("document");
    if (!s.ok()) return s;
    if (s = WithdrawApproval(db_, d.case_id); !s.ok()) return s;
    return InsertCustody(db_, d.case_id, custody);
  });
}

absl::StatusOr<std::vector<DocumentRecord>> SqliteCaseStore::Documents(
    const std::string& case_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, absl::StrCat("SELECT ", kDocColumns,
                           " FROM documents WHERE case_id = ? ORDER BY number")
                  .c_str());
  s.Bind(case_id);
  std::vector<DocumentRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadDoc(s));
  if (rc != SQLITE_DONE) return QueryError(db_, "documents");
  return out;
}

absl::StatusOr<std::optional<DocumentRecord>> SqliteCaseStore::GetDocument(
    const std::string& case_id, const std::string& document_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, absl::StrCat("SELECT ", kDocColumns, " FROM documents WHERE case_id = ? AND id = ?")
                  .c_str());
  s.Bind(case_id).Bind(document_id);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<DocumentRecord>(ReadDoc(s));
  if (rc == SQLITE_DONE) return std::optional<DocumentRecord>();
  return QueryError(db_, "document");
}

absl::StatusOr<std::optional<DocumentRecord>> SqliteCaseStore::FindDocumentBySha(
    const std::string& case_id, const std::string& sha256) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, absl::StrCat("SELECT ", kDocColumns,
                           " FROM documents WHERE case_id = ? AND sha256 = ?")
                  .c_str());
  s.Bind(case_id).Bind(sha256);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return std::optional<DocumentRecord>(ReadDoc(s));
  if (rc == SQLITE_DONE) return std::optional<DocumentRecord>();
  return QueryError(db_, "document");
}

absl::StatusOr<std::vector<DocumentRecord>> SqliteCaseStore::UnfinishedDocuments() {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, absl::StrCat("SELECT ", kDocColumns,
                           " FROM documents WHERE state IN ('queued', 'processing') "
                           "ORDER BY case_id, number")
                  .c_str());
  std::vector<DocumentRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadDoc(s));
  if (rc != SQLITE_DONE) return QueryError(db_, "documents");
  return out;
}

absl::Status SqliteCaseStore::UpdateDocument(const DocumentRecord& d,
                                             const std::optional<CustodyLine>& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() -> absl::Status {
    auto s = Stmt(db_,
                  "UPDATE documents SET state = ?, error = ?, page_count = ? "
                  "WHERE case_id = ? AND id = ?")
                 .Bind(DocumentStateName(d.state)).Bind(d.error).Bind(d.page_count)
                 .Bind(d.case_id).Bind(d.id).Run("document state");
    if (!s.ok() || !custody) return s;
    return InsertCustody(db_, d.case_id, *custody);
  });
}

absl::Status SqliteCaseStore::CommitPage(const std::string& case_id,
                                         const std::string& document_id,
                                         const PageResult& r,
                                         const std::string& placeholders_json,
                                         const CustodyLine& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() -> absl::Status {
    {
      Stmt exists(db_, "SELECT 1 FROM pages WHERE case_id = ? AND document_id = ? AND number = ?");
      exists.Bind(case_id).Bind(document_id).Bind(r.page.number);
      if (exists.Step() == SQLITE_ROW) return absl::AlreadyExistsError("page already processed");
    }
    auto s = Stmt(db_,
                  "INSERT INTO pages(case_id, document_id, number, language, ocr_json, text, "
                  "words_json, redacted_text, image_json) VALUES(?,?,?,?,?,?,?,?,?)")
                 .Bind(case_id).Bind(document_id).Bind(r.page.number).Bind(r.page.language)
                 .Bind(r.page.ocr_json).Bind(r.page.text).Bind(r.page.words_json)
                 .Bind(r.page.redacted_text).Bind(r.page.image_json).Run("page");
    if (!s.ok()) return s;
    if (s = WriteFindingsAndSegments(db_, case_id, document_id, r); !s.ok()) return s;
    if (s = SetPlaceholders(db_, case_id, placeholders_json); !s.ok()) return s;
    return InsertCustody(db_, case_id, custody);
  });
}

absl::StatusOr<std::vector<PageRecord>> SqliteCaseStore::Pages(const std::string& case_id,
                                                               const std::string& document_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_,
         "SELECT number, language, ocr_json, text, words_json, redacted_text, image_json "
         "FROM pages "
         "WHERE case_id = ? AND document_id = ? ORDER BY number");
  s.Bind(case_id).Bind(document_id);
  std::vector<PageRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    PageRecord p;
    p.number = static_cast<int>(s.Int(0));
    p.language = s.Text(1);
    p.ocr_json = s.Text(2);
    p.text = s.Text(3);
    p.words_json = s.Text(4);
    p.redacted_text = s.Text(5);
    p.image_json = s.Text(6);
    out.push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return QueryError(db_, "pages");
  return out;
}

absl::StatusOr<std::vector<int>> SqliteCaseStore::DonePages(const std::string& case_id,
                                                            const std::string& document_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, "SELECT number FROM pages WHERE case_id = ? AND document_id = ? ORDER BY number");
  s.Bind(case_id).Bind(document_id);
  std::vector<int> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(static_cast<int>(s.Int(0)));
  if (rc != SQLITE_DONE) return QueryError(db_, "pages");
  return out;
}

absl::Status SqliteCaseStore::CommitReview(const std::string& case_id,
                                           const std::string& document_id,
                                           const std::vector<DecisionRecord>& decisions,
                                           const std::vector<PageResult>& redone,
                                           const std::string& placeholders_json,
                                           const CustodyLine& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() -> absl::Status {
    for (const DecisionRecord& d : decisions) {
      auto s = Stmt(db_,
                    "INSERT OR REPLACE INTO decisions(case_id, document_id, page, type, "
                    "cp_begin, cp_end, decision) VALUES(?,?,?,?,?,?,?)")
                   .Bind(case_id).Bind(document_id).Bind(d.page).Bind(d.type).Bind(d.cp_begin)
                   .Bind(d.cp_end).Bind(DecisionName(d.decision)).Run("decision");
      if (!s.ok()) return s;
    }
    for (const PageResult& r : redone) {
      auto s = Stmt(db_,
                    "UPDATE pages SET redacted_text = ?, image_json = ? WHERE case_id = ? AND "
                    "document_id = ? AND number = ?")
                   .Bind(r.page.redacted_text).Bind(r.page.image_json).Bind(case_id)
                   .Bind(document_id)
                   .Bind(r.page.number).Run("page");
      if (!s.ok()) return s;
      for (const char* table : {"findings", "segments"}) {
        s = Stmt(db_, absl::StrCat("DELETE FROM ", table,
                                   " WHERE case_id = ? AND document_id = ? AND page = ?")
                          .c_str())
                .Bind(case_id).Bind(document_id).Bind(r.page.number).Run("replace page");
        if (!s.ok()) return s;
      }
      if (s = WriteFindingsAndSegments(db_, case_id, document_id, r); !s.ok()) return s;
    }
    if (auto s = SetPlaceholders(db_, case_id, placeholders_json); !s.ok()) return s;
    if (auto s = WithdrawApproval(db_, case_id); !s.ok()) return s;
    return InsertCustody(db_, case_id, custody);
  });
}

absl::StatusOr<std::vector<DecisionRecord>> SqliteCaseStore::Decisions(
    const std::string& case_id, const std::string& document_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_,
         "SELECT page, type, cp_begin, cp_end, decision FROM decisions "
         "WHERE case_id = ? AND document_id = ? ORDER BY page, cp_begin");
  s.Bind(case_id).Bind(document_id);
  std::vector<DecisionRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    DecisionRecord d;
    d.page = static_cast<int>(s.Int(0));
    d.type = s.Text(1);
    d.cp_begin = static_cast<int>(s.Int(2));
    d.cp_end = static_cast<int>(s.Int(3));
    d.decision = ParseDecision(s.Text(4)).value_or(Decision::kAccepted);
    out.push_back(std::move(d));
  }
  if (rc != SQLITE_DONE) return QueryError(db_, "decisions");
  return out;
}

absl::StatusOr<std::vector<FindingRecord>> SqliteCaseStore::Findings(
    const std::string& case_id, const std::string& document_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_,
         "SELECT id, page, type, cp_begin, cp_end, score, detector, boxes_json, decision, "
         "value_hmac, op, placeholder, redacted FROM findings WHERE case_id = ? AND "
         "document_id = ? ORDER BY page, cp_begin");
  s.Bind(case_id).Bind(document_id);
  std::vector<FindingRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    FindingRecord f;
    f.id = s.Text(0);
    f.page = static_cast<int>(s.Int(1));
    f.type = s.Text(2);
    f.cp_begin = static_cast<int>(s.Int(3));
    f.cp_end = static_cast<int>(s.Int(4));
    f.score = s.Real(5);
    f.detector = s.Text(6);
    f.boxes = ParseBoxes(s.Text(7));
    f.decision = ParseDecision(s.Text(8)).value_or(Decision::kPending);
    f.value_hmac = s.Text(9);
    f.op = s.Text(10);
    f.placeholder = s.Text(11);
    f.redacted = s.Int(12) != 0;
    out.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return QueryError(db_, "findings");
  return out;
}

absl::StatusOr<std::vector<SegmentRecord>> SqliteCaseStore::Segments(
    const std::string& case_id, const std::string& document_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_,
         "SELECT id, page, idx, source, target, state, suggestions_json, terms_json "
         "FROM segments WHERE case_id = ? AND document_id = ? ORDER BY page, idx");
  s.Bind(case_id).Bind(document_id);
  std::vector<SegmentRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    SegmentRecord g;
    g.id = s.Text(0);
    g.page = static_cast<int>(s.Int(1));
    g.index = static_cast<int>(s.Int(2));
    g.source = s.Text(3);
    g.target = s.Text(4);
    g.state = ParseSegmentState(s.Text(5)).value_or(SegmentState::kInitial);
    g.suggestions = ParseSuggestions(s.Text(6));
    g.terms = ParseTerms(s.Text(7));
    out.push_back(std::move(g));
  }
  if (rc != SQLITE_DONE) return QueryError(db_, "segments");
  return out;
}

absl::Status SqliteCaseStore::UpdateTranslations(const std::string& case_id,
                                                 const std::string& document_id,
                                                 const std::vector<SegmentRecord>& segments,
                                                 const CustodyLine& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() -> absl::Status {
    for (const SegmentRecord& g : segments) {
      auto s = Stmt(db_,
                    "UPDATE segments SET target = ?, state = ? WHERE case_id = ? AND "
                    "document_id = ? AND id = ?")
                   .Bind(g.target).Bind(SegmentStateName(g.state)).Bind(case_id)
                   .Bind(document_id).Bind(g.id).Run("translation");
      if (!s.ok()) return s;
      if (sqlite3_changes(db_) != 1) {
        return absl::NotFoundError(absl::StrCat("no segment ", g.id, " in the document"));
      }
    }
    return InsertCustody(db_, case_id, custody);
  });
}

absl::StatusOr<std::vector<std::string>> SqliteCaseStore::CustodyLines(
    const std::string& case_id) {
  absl::MutexLock lock(&mu_);
  Stmt s(db_, "SELECT line FROM custody WHERE case_id = ? ORDER BY seq");
  s.Bind(case_id);
  std::vector<std::string> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
  if (rc != SQLITE_DONE) return QueryError(db_, "custody log");
  return out;
}

absl::Status SqliteCaseStore::AppendCustody(const std::string& case_id,
                                            const CustodyLine& custody) {
  absl::MutexLock lock(&mu_);
  return InTransaction(db_, [&]() { return InsertCustody(db_, case_id, custody); });
}

}  // namespace bayyina::cases
