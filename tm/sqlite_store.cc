#include "tm/sqlite_store.h"

#include <sqlite3.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tm/match_key.h"
#include "tm/tmx_inline.h"

namespace bayyina::tm {

// A prepared statement, finalized on destruction.
class SqliteStore::Statement {
 public:
  Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void Bind(int i, absl::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void BindOrNull(int i, absl::string_view text) {
    if (text.empty()) {
      sqlite3_bind_null(stmt_, i);
    } else {
      Bind(i, text);
    }
  }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }

 private:
  sqlite3_stmt* stmt_;
};

namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS units(
  id INTEGER PRIMARY KEY,
  src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,
  src_primary TEXT NOT NULL, tgt_primary TEXT NOT NULL,
  source TEXT NOT NULL, source_markup TEXT,
  target TEXT NOT NULL, target_markup TEXT,
  source_key TEXT NOT NULL, target_key TEXT NOT NULL,
  origin TEXT, creator TEXT, changer TEXT, domain TEXT, tuid TEXT,
  created INTEGER NOT NULL, changed INTEGER NOT NULL, last_used INTEGER NOT NULL,
  usage_count INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL,
  annotations TEXT, source_annotations TEXT, target_annotations TEXT,
  dedupe INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS units_dedupe ON units(dedupe);
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(
  source_key, target_key, content='units', content_rowid='id',
  tokenize='unicode61 remove_diacritics 0');
CREATE TABLE IF NOT EXISTS term_entries(
  id INTEGER PRIMARY KEY, concept_id TEXT, domain TEXT, definition TEXT, origin TEXT);
CREATE TABLE IF NOT EXISTS terms(
  entry_id INTEGER NOT NULL REFERENCES term_entries(id) ON DELETE CASCADE,
  lang TEXT NOT NULL, text TEXT NOT NULL, key TEXT NOT NULL, pos TEXT, note TEXT);
)sql";

constexpr const char* kUnitColumns =
    "id, src_lang, tgt_lang, source, source_markup, target, target_markup, source_key, "
    "target_key, origin, creator, changer, domain, tuid, created, changed, last_used, "
    "usage_count, scope, annotations, source_annotations, target_annotations";

// FNV-1a: stable across runs and builds, unlike absl::Hash.
uint64_t Fnv1a(absl::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

int64_t DedupeHash(const TranslationUnit& u, absl::string_view source_markup,
                   absl::string_view target_markup) {
  uint64_t h = 1469598103934665603ull;
  // Named, because a temporary in a range-for initializer dies before the loop body (C++20).
  const std::string scope = u.scope.ToString();
  for (absl::string_view part :
       {absl::string_view(u.source_lang), absl::string_view(u.target_lang),
        absl::string_view(scope), absl::string_view(u.source.text), source_markup,
        absl::string_view(u.target.text), target_markup}) {
    h = Fnv1a(part, h);
    h = Fnv1a(absl::string_view("\x1f", 1), h);
  }
  return static_cast<int64_t>(h);
}

std::string Column(sqlite3_stmt* s, int i) {
  const unsigned char* text = sqlite3_column_text(s, i);
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(s, i)));
}

std::string MarkupOf(const Segment& s) { return s.codes.empty() ? "" : ToTmxInline(s); }

absl::StatusOr<TranslationUnit> ReadUnit(sqlite3_stmt* s) {
  TranslationUnit u;
  u.id = sqlite3_column_int64(s, 0);
  u.source_lang = Column(s, 1);
  u.target_lang = Column(s, 2);
  const std::string source_markup = Column(s, 4);
  const std::string target_markup = Column(s, 6);
  if (source_markup.empty()) {
    u.source.text = Column(s, 3);
  } else {
    absl::StatusOr<Segment> seg = ParseTmxInline(source_markup);
    if (!seg.ok()) return absl::DataLossError(absl::StrCat("unit ", u.id, ": bad source markup"));
    u.source = *std::move(seg);
  }
  if (target_markup.empty()) {
    u.target.text = Column(s, 5);
  } else {
    absl::StatusOr<Segment> seg = ParseTmxInline(target_markup);
    if (!seg.ok()) return absl::DataLossError(absl::StrCat("unit ", u.id, ": bad target markup"));
    u.target = *std::move(seg);
  }
  u.source_key = Column(s, 7);
  u.target_key = Column(s, 8);
  u.origin = Column(s, 9);
  u.creator = Column(s, 10);
  u.changer = Column(s, 11);
  u.domain = Column(s, 12);
  u.tuid = Column(s, 13);
  u.created = absl::FromUnixSeconds(sqlite3_column_int64(s, 14));
  u.changed = absl::FromUnixSeconds(sqlite3_column_int64(s, 15));
  u.last_used = absl::FromUnixSeconds(sqlite3_column_int64(s, 16));
  u.usage_count = sqlite3_column_int64(s, 17);
  absl::StatusOr<Scope> scope = Scope::Parse(Column(s, 18));
  if (!scope.ok()) return absl::DataLossError(absl::StrCat("unit ", u.id, ": bad scope"));
  u.scope = *std::move(scope);
  std::vector<Annotation>* lists[] = {&u.annotations, &u.source_annotations,
                                      &u.target_annotations};
  for (int i = 0; i < 3; ++i) {
    const std::string markup = Column(s, 19 + i);
    if (markup.empty()) continue;
    absl::StatusOr<std::vector<Annotation>> a = ParseTmxAnnotations(markup);
    if (!a.ok()) return absl::DataLossError(absl::StrCat("unit ", u.id, ": bad annotations"));
    *lists[i] = *std::move(a);
  }
  return u;
}

// Binds the unit's columns 1..24 in the order of the INSERT/UPDATE statements below.
void BindUnit(SqliteStore::Statement* st, const TranslationUnit& u);

std::string FtsPhrase(absl::string_view column, const std::vector<std::string>& tokens) {
  std::vector<std::string> quoted;
  for (const std::string& t : tokens) {
    std::string q = "\"";
    for (char c : t) {
      if (c == '"') q += '"';
      q += c;
    }
    q += "\"";
    quoted.push_back(std::move(q));
  }
  return absl::StrCat(column, " : (", absl::StrJoin(quoted, " + "), ")");
}

}  // namespace

SqliteStore::SqliteStore(sqlite3* db) : db_(db) {}

SqliteStore::~SqliteStore() {
  absl::MutexLock lock(&mu_);
  insert_.reset();
  insert_fts_.reset();
  find_dedupe_.reset();
  get_.reset();
  sqlite3_close(db_);
}

absl::Status SqliteStore::SqlError(const char* what) const {
  // The SQLite message names the failing step; it never holds unit text.
  return absl::InternalError(
      absl::StrCat("translation memory database: ", what, ": ",
                   sqlite3_errmsg(const_cast<sqlite3*>(db_))));
}

absl::Status SqliteStore::Exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    return absl::InternalError(absl::StrCat("translation memory database: ", message));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                     SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return absl::UnavailableError(
        absl::StrCat("cannot open translation memory database: ", message));
  }
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  absl::MutexLock lock(&store->mu_);
  if (absl::Status s = store->InitSchema(); !s.ok()) return s;
  return store;
}

absl::Status SqliteStore::InitSchema() {
  // A file that is not SQLite fails here with "file is not a database".
  if (absl::Status s = Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                            "PRAGMA foreign_keys=ON;");
      !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a translation memory database: ", s.message()));
  }
  sqlite3_stmt* version = nullptr;
  int64_t user_version = 0;
  if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &version, nullptr) == SQLITE_OK &&
      sqlite3_step(version) == SQLITE_ROW) {
    user_version = sqlite3_column_int64(version, 0);
  }
  sqlite3_finalize(version);
  if (user_version > kSchemaVersion) {
    return absl::FailedPreconditionError(
        "translation memory database was written by a newer Bayyina");
  }
  sqlite3_stmt* tables = nullptr;
  bool foreign = false;
  if (sqlite3_prepare_v2(db_,
                         "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT IN "
                         "('units','term_entries','terms') AND name NOT LIKE 'units_fts%' AND "
                         "name NOT LIKE 'sqlite_%'",
                         -1, &tables, nullptr) == SQLITE_OK &&
      sqlite3_step(tables) == SQLITE_ROW) {
    foreign = user_version == 0 && sqlite3_column_int64(tables, 0) > 0;
  }
  sqlite3_finalize(tables);
  if (foreign) {
    return absl::InvalidArgumentError(
        "the database holds other tables and is not a translation memory");
  }
  if (absl::Status s = Exec(kSchema); !s.ok()) return s;
  if (absl::Status s = Exec(absl::StrCat("PRAGMA user_version=", kSchemaVersion).c_str());
      !s.ok()) {
    return s;
  }
  auto prepare = [&](const std::string& sql,
                     std::unique_ptr<Statement>* out) -> absl::Status {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      return SqlError("prepare");
    }
    *out = std::make_unique<Statement>(stmt);
    return absl::OkStatus();
  };
  if (absl::Status s = prepare(
          "INSERT INTO units(src_lang, tgt_lang, src_primary, tgt_primary, source, "
          "source_markup, target, target_markup, source_key, target_key, origin, creator, "
          "changer, domain, tuid, created, changed, last_used, usage_count, scope, annotations, "
          "source_annotations, target_annotations, dedupe) VALUES "
          "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
          &insert_);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = prepare(
          "INSERT INTO units_fts(rowid, source_key, target_key) VALUES (?,?,?)", &insert_fts_);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = prepare("SELECT id FROM units WHERE dedupe=?", &find_dedupe_); !s.ok()) {
    return s;
  }
  return prepare(absl::StrCat("SELECT ", kUnitColumns, " FROM units WHERE id=?"), &get_);
}

namespace {
void BindUnit(SqliteStore::Statement* st, const TranslationUnit& u) {
  const std::string source_markup = MarkupOf(u.source);
  const std::string target_markup = MarkupOf(u.target);
  st->Bind(1, u.source_lang);
  st->Bind(2, u.target_lang);
  st->Bind(3, PrimaryLanguage(u.source_lang));
  st->Bind(4, PrimaryLanguage(u.target_lang));
  st->Bind(5, u.source.text);
  st->BindOrNull(6, source_markup);
  st->Bind(7, u.target.text);
  st->BindOrNull(8, target_markup);
  st->Bind(9, u.source_key);
  st->Bind(10, u.target_key);
  st->BindOrNull(11, u.origin);
  st->BindOrNull(12, u.creator);
  st->BindOrNull(13, u.changer);
  st->BindOrNull(14, u.domain);
  st->BindOrNull(15, u.tuid);
  st->Bind(16, absl::ToUnixSeconds(u.created));
  st->Bind(17, absl::ToUnixSeconds(u.changed));
  st->Bind(18, absl::ToUnixSeconds(u.last_used));
  st->Bind(19, u.usage_count);
  st->Bind(20, u.scope.ToString());
  st->BindOrNull(21, ToTmxAnnotations(u.annotations));
  st->BindOrNull(22, ToTmxAnnotations(u.source_annotations));
  st->BindOrNull(23, ToTmxAnnotations(u.target_annotations));
  st->Bind(24, DedupeHash(u, source_markup, target_markup));
}
}  // namespace

absl::Status SqliteStore::InsertOne(TranslationUnit& unit) {
  insert_->Reset();
  BindUnit(insert_.get(), unit);
  if (sqlite3_step(insert_->get()) != SQLITE_DONE) return SqlError("insert unit");
  unit.id = sqlite3_last_insert_rowid(db_);
  insert_fts_->Reset();
  insert_fts_->Bind(1, unit.id);
  insert_fts_->Bind(2, unit.source_key);
  insert_fts_->Bind(3, unit.target_key);
  if (sqlite3_step(insert_fts_->get()) != SQLITE_DONE) return SqlError("index unit");
  return absl::OkStatus();
}

absl::Status SqliteStore::Insert(absl::Span<TranslationUnit> units) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  for (TranslationUnit& u : units) {
    if (absl::Status s = InsertOne(u); !s.ok()) {
      Exec("ROLLBACK").IgnoreError();
      for (TranslationUnit& v : units) v.id = 0;
      return s;
    }
  }
  return Exec("COMMIT");
}

absl::Status SqliteStore::DeleteFts(int64_t id) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO units_fts(units_fts, rowid, source_key, target_key) "
                         "SELECT 'delete', id, source_key, target_key FROM units WHERE id=?",
                         -1, &st, nullptr) != SQLITE_OK) {
    return SqlError("prepare");
  }
  Statement stmt(st);
  stmt.Bind(1, id);
  if (sqlite3_step(st) != SQLITE_DONE) return SqlError("unindex unit");
  return absl::OkStatus();
}

absl::Status SqliteStore::Update(const TranslationUnit& unit) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  auto fail = [&](absl::Status s) {
    Exec("ROLLBACK").IgnoreError();
    return s;
  };
  if (absl::Status s = DeleteFts(unit.id); !s.ok()) return fail(s);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(
          db_,
          "UPDATE units SET src_lang=?, tgt_lang=?, src_primary=?, tgt_primary=?, source=?, "
          "source_markup=?, target=?, target_markup=?, source_key=?, target_key=?, origin=?, "
          "creator=?, changer=?, domain=?, tuid=?, created=?, changed=?, last_used=?, "
          "usage_count=?, scope=?, annotations=?, source_annotations=?, target_annotations=?, "
          "dedupe=? WHERE id=?",
          -1, &st, nullptr) != SQLITE_OK) {
    return fail(SqlError("prepare"));
  }
  Statement stmt(st);
  BindUnit(&stmt, unit);
  stmt.Bind(25, unit.id);
  if (sqlite3_step(st) != SQLITE_DONE) return fail(SqlError("update unit"));
  if (sqlite3_changes(db_) == 0) {
    return fail(absl::NotFoundError(absl::StrCat("no translation unit ", unit.id)));
  }
  insert_fts_->Reset();
  insert_fts_->Bind(1, unit.id);
  insert_fts_->Bind(2, unit.source_key);
  insert_fts_->Bind(3, unit.target_key);
  if (sqlite3_step(insert_fts_->get()) != SQLITE_DONE) return fail(SqlError("index unit"));
  return Exec("COMMIT");
}

absl::Status SqliteStore::Delete(int64_t id) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  auto fail = [&](absl::Status s) {
    Exec("ROLLBACK").IgnoreError();
    return s;
  };
  if (absl::Status s = DeleteFts(id); !s.ok()) return fail(s);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "DELETE FROM units WHERE id=?", -1, &st, nullptr) != SQLITE_OK) {
    return fail(SqlError("prepare"));
  }
  Statement stmt(st);
  stmt.Bind(1, id);
  if (sqlite3_step(st) != SQLITE_DONE) return fail(SqlError("delete unit"));
  if (sqlite3_changes(db_) == 0) {
    return fail(absl::NotFoundError(absl::StrCat("no translation unit ", id)));
  }
  return Exec("COMMIT");
}

absl::StatusOr<std::vector<TranslationUnit>> SqliteStore::Get(absl::Span<const int64_t> ids) {
  absl::MutexLock lock(&mu_);
  std::vector<TranslationUnit> out;
  out.reserve(ids.size());
  for (int64_t id : ids) {
    get_->Reset();
    get_->Bind(1, id);
    const int rc = sqlite3_step(get_->get());
    if (rc == SQLITE_DONE) continue;
    if (rc != SQLITE_ROW) return SqlError("read unit");
    absl::StatusOr<TranslationUnit> u = ReadUnit(get_->get());
    if (!u.ok()) return u.status();
    out.push_back(*std::move(u));
  }
  get_->Reset();
  return out;
}

absl::StatusOr<std::optional<int64_t>> SqliteStore::FindIdentical(const TranslationUnit& unit) {
  const int64_t hash = DedupeHash(unit, MarkupOf(unit.source), MarkupOf(unit.target));
  std::vector<int64_t> ids;
  {
    absl::MutexLock lock(&mu_);
    find_dedupe_->Reset();
    find_dedupe_->Bind(1, hash);
    while (sqlite3_step(find_dedupe_->get()) == SQLITE_ROW) {
      ids.push_back(sqlite3_column_int64(find_dedupe_->get(), 0));
    }
    find_dedupe_->Reset();
  }
  if (ids.empty()) return std::nullopt;
  absl::StatusOr<std::vector<TranslationUnit>> found = Get(ids);
  if (!found.ok()) return found.status();
  for (const TranslationUnit& u : *found) {
    if (u.source_lang == unit.source_lang && u.target_lang == unit.target_lang &&
        u.scope == unit.scope && u.source == unit.source && u.target == unit.target) {
      return u.id;
    }
  }
  return std::nullopt;
}

absl::Status SqliteStore::RecordUse(int64_t id, absl::Time when) {
  absl::MutexLock lock(&mu_);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "UPDATE units SET usage_count=usage_count+1, last_used=? WHERE id=?",
                         -1, &st, nullptr) != SQLITE_OK) {
    return SqlError("prepare");
  }
  Statement stmt(st);
  stmt.Bind(1, absl::ToUnixSeconds(when));
  stmt.Bind(2, id);
  if (sqlite3_step(st) != SQLITE_DONE) return SqlError("record use");
  if (sqlite3_changes(db_) == 0) return absl::NotFoundError(absl::StrCat("no translation unit ", id));
  return absl::OkStatus();
}

absl::Status SqliteStore::ForEachKey(const std::function<void(const KeyRow&)>& visit) {
  absl::MutexLock lock(&mu_);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "SELECT id, src_primary, tgt_primary, scope, source_key FROM units "
                         "ORDER BY id",
                         -1, &st, nullptr) != SQLITE_OK) {
    return SqlError("prepare");
  }
  Statement stmt(st);
  KeyRow row;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    row.id = sqlite3_column_int64(st, 0);
    row.source_lang = Column(st, 1);
    row.target_lang = Column(st, 2);
    row.scope = Column(st, 3);
    row.source_key = Column(st, 4);
    visit(row);
  }
  if (rc != SQLITE_DONE) return SqlError("read keys");
  return absl::OkStatus();
}

absl::Status SqliteStore::ForEachUnit(
    const UnitFilter& filter, const std::function<absl::Status(const TranslationUnit&)>& visit) {
  // Read in pages so that `visit` may call back into the store without deadlock and a large
  // export never holds the lock for long.
  int64_t after = 0;
  constexpr int kPage = 512;
  for (;;) {
    std::vector<TranslationUnit> page;
    {
      absl::MutexLock lock(&mu_);
      std::string sql = absl::StrCat("SELECT ", kUnitColumns, " FROM units WHERE id > ?");
      std::vector<std::string> params;
      if (!filter.source_lang.empty()) {
        sql += " AND src_primary = ?";
        params.push_back(PrimaryLanguage(filter.source_lang));
      }
      if (!filter.target_lang.empty()) {
        sql += " AND tgt_primary = ?";
        params.push_back(PrimaryLanguage(filter.target_lang));
      }
      if (!filter.domain.empty()) {
        sql += " AND domain = ?";
        params.push_back(filter.domain);
      }
      if (!filter.origin.empty()) {
        sql += " AND origin = ?";
        params.push_back(filter.origin);
      }
      if (!filter.scopes.empty()) {
        sql += " AND scope IN (";
        for (size_t i = 0; i < filter.scopes.size(); ++i) {
          sql += i == 0 ? "?" : ",?";
          params.push_back(filter.scopes[i]);
        }
        sql += ")";
      }
      if (filter.changed_since.has_value()) {
        sql += absl::StrCat(" AND changed >= ", absl::ToUnixSeconds(*filter.changed_since));
      }
      sql += absl::StrCat(" ORDER BY id LIMIT ", kPage);
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        return SqlError("prepare");
      }
      Statement stmt(st);
      stmt.Bind(1, after);
      for (size_t i = 0; i < params.size(); ++i) stmt.Bind(static_cast<int>(i) + 2, params[i]);
      int rc;
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        absl::StatusOr<TranslationUnit> u = ReadUnit(st);
        if (!u.ok()) return u.status();
        page.push_back(*std::move(u));
      }
      if (rc != SQLITE_DONE) return SqlError("read units");
    }
    for (const TranslationUnit& u : page) {
      if (absl::Status s = visit(u); !s.ok()) return s;
    }
    if (page.size() < kPage) return absl::OkStatus();
    after = page.back().id;
  }
}

absl::StatusOr<std::vector<int64_t>> SqliteStore::Concordance(const ConcordanceQuery& query) {
  std::vector<std::string> parts;
  using Side = ConcordanceQuery::Side;
  if (query.side != Side::kTarget && !query.source_tokens.empty()) {
    parts.push_back(FtsPhrase("source_key", query.source_tokens));
  }
  if (query.side != Side::kSource && !query.target_tokens.empty()) {
    parts.push_back(FtsPhrase("target_key", query.target_tokens));
  }
  if (parts.empty() || query.scopes.empty() || query.limit == 0) return std::vector<int64_t>{};
  std::string sql =
      "SELECT u.id FROM units_fts JOIN units u ON u.id = units_fts.rowid WHERE units_fts MATCH ?";
  std::vector<std::string> params = {absl::StrJoin(parts, " OR ")};
  if (!query.source_lang.empty()) {
    sql += " AND u.src_primary = ?";
    params.push_back(query.source_lang);
  }
  if (!query.target_lang.empty()) {
    sql += " AND u.tgt_primary = ?";
    params.push_back(query.target_lang);
  }
  sql += " AND u.scope IN (";
  for (size_t i = 0; i < query.scopes.size(); ++i) {
    sql += i == 0 ? "?" : ",?";
    params.push_back(query.scopes[i]);
  }
  sql += absl::StrCat(") ORDER BY u.id DESC LIMIT ", query.limit);
  absl::MutexLock lock(&mu_);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    return SqlError("prepare");
  }
  Statement stmt(st);
  for (size_t i = 0; i < params.size(); ++i) stmt.Bind(static_cast<int>(i) + 1, params[i]);
  std::vector<int64_t> ids;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(st, 0));
  if (rc != SQLITE_DONE) return SqlError("concordance");
  return ids;
}

absl::StatusOr<int64_t> SqliteStore::CountUnits() {
  absl::MutexLock lock(&mu_);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM units", -1, &st, nullptr) != SQLITE_OK) {
    return SqlError("prepare");
  }
  Statement stmt(st);
  if (sqlite3_step(st) != SQLITE_ROW) return SqlError("count units");
  return sqlite3_column_int64(st, 0);
}

absl::Status SqliteStore::InsertTerms(absl::Span<TermEntry> entries) {
  absl::MutexLock lock(&mu_);
  sqlite3_stmt* e = nullptr;
  sqlite3_stmt* t = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO term_entries(concept_id, domain, definition, origin) "
                         "VALUES (?,?,?,?)",
                         -1, &e, nullptr) != SQLITE_OK) {
    return SqlError("prepare");
  }
  Statement entry_stmt(e);
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO terms(entry_id, lang, text, key, pos, note) "
                         "VALUES (?,?,?,?,?,?)",
                         -1, &t, nullptr) != SQLITE_OK) {
    return SqlError("prepare");
  }
  Statement term_stmt(t);
  if (absl::Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  for (TermEntry& entry : entries) {
    entry_stmt.Reset();
    entry_stmt.BindOrNull(1, entry.concept_id);
    entry_stmt.BindOrNull(2, entry.domain);
    entry_stmt.BindOrNull(3, entry.definition);
    entry_stmt.BindOrNull(4, entry.origin);
    if (sqlite3_step(e) != SQLITE_DONE) {
      absl::Status s = SqlError("insert term entry");
      Exec("ROLLBACK").IgnoreError();
      return s;
    }
    entry.id = sqlite3_last_insert_rowid(db_);
    for (const Term& term : entry.terms) {
      term_stmt.Reset();
      term_stmt.Bind(1, entry.id);
      term_stmt.Bind(2, term.lang);
      term_stmt.Bind(3, term.text);
      term_stmt.Bind(4, term.key);
      term_stmt.BindOrNull(5, term.part_of_speech);
      term_stmt.BindOrNull(6, term.note);
      if (sqlite3_step(t) != SQLITE_DONE) {
        absl::Status s = SqlError("insert term");
        Exec("ROLLBACK").IgnoreError();
        return s;
      }
    }
  }
  return Exec("COMMIT");
}

absl::Status SqliteStore::ForEachTermEntry(const std::function<void(const TermEntry&)>& visit) {
  std::vector<TermEntry> entries;
  {
    absl::MutexLock lock(&mu_);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_,
                           "SELECT e.id, e.concept_id, e.domain, e.definition, e.origin, t.lang, "
                           "t.text, t.key, t.pos, t.note FROM term_entries e JOIN terms t ON "
                           "t.entry_id = e.id ORDER BY e.id, t.rowid",
                           -1, &st, nullptr) != SQLITE_OK) {
      return SqlError("prepare");
    }
    Statement stmt(st);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const int64_t id = sqlite3_column_int64(st, 0);
      if (entries.empty() || entries.back().id != id) {
        TermEntry entry;
        entry.id = id;
        entry.concept_id = Column(st, 1);
        entry.domain = Column(st, 2);
        entry.definition = Column(st, 3);
        entry.origin = Column(st, 4);
        entries.push_back(std::move(entry));
      }
      Term term;
      term.lang = Column(st, 5);
      term.text = Column(st, 6);
      term.key = Column(st, 7);
      term.part_of_speech = Column(st, 8);
      term.note = Column(st, 9);
      entries.back().terms.push_back(std::move(term));
    }
    if (rc != SQLITE_DONE) return SqlError("read terms");
  }
  for (const TermEntry& e : entries) visit(e);
  return absl::OkStatus();
}

}  // namespace bayyina::tm
