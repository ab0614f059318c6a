#include "cases/case_manager.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cases/page_image.h"
#include "cases/page_pipeline.h"
#include "cases/sqlite_store.h"
#include "cases/xliff.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/embedded_data.h"
#include "redact/placeholders.h"
#include "redact/policy.h"
#include "redact/redaction_log.h"
#include "text/language.h"
#include "tm/tbx.h"
#include "tm/tmx.h"
#include "tm/translation_memory.h"
#include "transfer/custody_log.h"
#include "transfer/digest.h"
#include "transfer/encryption.h"
#include "transfer/package.h"
#include "transfer/package_verifier.h"

#ifndef BAYYINA_DEFAULT_SEED_DIR
#define BAYYINA_DEFAULT_SEED_DIR ""
#endif

namespace bayyina::cases {

// The in-memory state of one case: its custody chain, key, policy and placeholder registry.
struct CaseManager::CaseState {
  absl::Mutex mu;
  CaseRecord record ABSL_GUARDED_BY(mu);
  transfer::CustodyLog log ABSL_GUARDED_BY(mu);
  std::unique_ptr<redact::CaseKey> key;
  redact::Policy policy;
  std::unique_ptr<redact::PlaceholderRegistry> placeholders ABSL_GUARDED_BY(mu);
};

namespace {

std::string RandomId(absl::string_view prefix) {
  unsigned char bytes[8];
  RAND_bytes(bytes, sizeof bytes);
  return absl::StrCat(prefix, transfer::HexEncode(absl::MakeConstSpan(bytes, sizeof bytes)));
}

bool IsHex64(absl::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) absl::StrAppend(&out, l, "\n");
  return out;
}

const char* MediaTypeOf(ocr::InputFormat f) {
  switch (f) {
    case ocr::InputFormat::kPng: return "image/png";
    case ocr::InputFormat::kJpeg: return "image/jpeg";
    case ocr::InputFormat::kTiff: return "image/tiff";
    case ocr::InputFormat::kPdf: return "application/pdf";
  }
  return "application/octet-stream";
}

const char* ExtensionOf(ocr::InputFormat f) {
  switch (f) {
    case ocr::InputFormat::kPng: return "x.png";
    case ocr::InputFormat::kJpeg: return "x.jpg";
    case ocr::InputFormat::kTiff: return "x.tif";
    case ocr::InputFormat::kPdf: return "x.pdf";
  }
  return "x.bin";
}

bool IsSourceLanguage(const std::string& l) {
  return l == "auto" || text::ParseLanguage(l).has_value();
}

bool IsTargetLanguage(const std::string& l) {
  if (l.size() < 2 || l.size() > 8) return false;
  for (char c : l) {
    if (!absl::ascii_isalpha(c) && c != '-') return false;
  }
  return true;
}

std::string SeedDir(const CaseManagerOptions& o) {
  if (!o.seed_dir.empty()) return o.seed_dir;
  if (const char* env = std::getenv("BAYYINA_SEED_DIR")) return env;
  return BAYYINA_DEFAULT_SEED_DIR;
}

absl::Status LoadSeed(const std::string& dir, tm::TranslationMemory& memory) {
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return absl::OkStatus();
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (path.extension() == ".tmx") {
      tm::TmxImportOptions opt;
      opt.origin = "seed";
      opt.add.already_scrubbed = true;
      opt.add.skip_invalid = true;
      auto r = tm::ImportTmx(in, opt, memory);
      if (!r.ok()) return r.status();
    } else if (path.extension() == ".tbx") {
      auto r = tm::ImportTbx(in, "seed", memory);
      if (!r.ok()) return r.status();
    }
  }
  return absl::OkStatus();
}

}  // namespace

// ------------------------------------------------------------------------------------------
// Opening and per-case state

CaseManager::CaseManager(CaseManagerOptions options, std::unique_ptr<CaseStore> store,
                         BlobStore blobs)
    : options_(std::move(options)), store_(std::move(store)), blobs_(std::move(blobs)) {}

absl::StatusOr<std::unique_ptr<CaseManager>> CaseManager::Open(CaseManagerOptions options) {
  if (options.home.empty()) return absl::InvalidArgumentError("case manager: home is required");
  if (auto s = MakeDirs(options.home); !s.ok()) return s;
  if (auto s = MakeDirs(absl::StrCat(options.home, "/keys")); !s.ok()) return s;
  auto store = SqliteCaseStore::Open(absl::StrCat(options.home, "/cases.sqlite"));
  if (!store.ok()) return store.status();
  auto blobs = BlobStore::Open(options.home);
  if (!blobs.ok()) return blobs.status();
  std::unique_ptr<CaseManager> m(
      new CaseManager(std::move(options), std::move(*store), std::move(*blobs)));
  if (auto s = m->StartUp(); !s.ok()) return s;
  return m;
}

absl::Status CaseManager::StartUp() {
  analyzer_ = std::make_unique<redact::Analyzer>();
  const std::string tm_path = absl::StrCat(options_.home, "/tm.sqlite");
  auto memory = tm::TranslationMemory::OpenSqlite(tm_path, {});
  if (!memory.ok()) return memory.status();
  memory_ = std::move(*memory);
  auto count = memory_->store().CountUnits();
  if (!count.ok()) return count.status();
  if (*count == 0) {
    if (auto s = LoadSeed(SeedDir(options_), *memory_); !s.ok()) return s;
  }
  auto unfinished = store_->UnfinishedDocuments();
  if (!unfinished.ok()) return unfinished.status();
  for (const DocumentRecord& d : *unfinished) Enqueue(d.case_id, d.id);
  for (int i = 0; i < std::max(1, options_.job_workers); ++i) {
    workers_.emplace_back([this] { WorkerLoop(); });
  }
  return absl::OkStatus();
}

CaseManager::~CaseManager() {
  {
    absl::MutexLock lock(&jobs_mu_);
    stopping_ = true;
  }
  for (std::thread& t : workers_) t.join();
}

absl::StatusOr<CaseManager::CaseState*> CaseManager::State(const std::string& case_id) {
  absl::MutexLock lock(&states_mu_);
  auto it = states_.find(case_id);
  if (it != states_.end()) return it->second.get();
  auto rec = store_->GetCase(case_id);
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) return absl::NotFoundError("no such case");
  auto st = std::make_unique<CaseState>();
  absl::MutexLock state_lock(&st->mu);
  st->record = **rec;
  auto lines = store_->CustodyLines(case_id);
  if (!lines.ok()) return lines.status();
  auto log = transfer::CustodyLog::Parse(Joined(*lines));
  if (!log.ok()) return absl::DataLossError(absl::StrCat("custody log: ", log.status().message()));
  st->log = std::move(*log);
  auto key = redact::CaseKey::LoadFile(absl::StrCat(options_.home, "/keys/", case_id, ".key"));
  if (!key.ok()) return key.status();
  st->key = std::make_unique<redact::CaseKey>(std::move(*key));
  if (st->record.policy_json.empty()) {
    st->policy = redact::Policy::Default();
  } else {
    auto policy = redact::Policy::Parse(st->record.policy_json);
    if (!policy.ok()) return policy.status();
    st->policy = *policy;
  }
  auto ph = redact::PlaceholderRegistry::FromJson(
      st->record.placeholders_json.empty() ? "{}" : st->record.placeholders_json);
  if (!ph.ok()) return ph.status();
  st->placeholders = std::make_unique<redact::PlaceholderRegistry>(*ph);
  CaseState* raw = st.get();
  states_[case_id] = std::move(st);
  return raw;
}

absl::StatusOr<CustodyLine> CaseManager::NextLine(CaseState& st, const std::string& actor,
                                                  const std::string& action,
                                                  std::vector<std::string> inputs,
                                                  std::vector<std::string> outputs) {
  transfer::CustodyEvent e;
  e.actor = actor;
  e.action = action;
  e.case_ref = st.record.reference;
  e.inputs = std::move(inputs);
  e.outputs = std::move(outputs);
  if (auto s = st.log.Append(e); !s.ok()) return s;
  const transfer::CustodyRecord& r = st.log.records().back();
  return CustodyLine{r.seq, r.line};
}

PipelineContext CaseManager::PipelineContextFor(CaseState& st) {
  PipelineContext ctx;
  ctx.analyzer = analyzer_.get();
  ctx.policy = &st.policy;
  ctx.key = st.key.get();
  ctx.placeholders = st.placeholders.get();
  ctx.memory = memory_.get();
  ctx.case_id = st.record.id;
  ctx.target_language = st.record.target_language;
  ctx.default_language = st.record.source_language;
  return ctx;
}

void CaseManager::Rollback(CaseState& st) {
  auto lines = store_->CustodyLines(st.record.id);
  if (lines.ok()) {
    if (auto log = transfer::CustodyLog::Parse(Joined(*lines)); log.ok()) st.log = std::move(*log);
  }
  auto rec = store_->GetCase(st.record.id);
  if (rec.ok() && rec->has_value()) {
    st.record = **rec;
    auto ph = redact::PlaceholderRegistry::FromJson(
        st.record.placeholders_json.empty() ? "{}" : st.record.placeholders_json);
    if (ph.ok()) st.placeholders = std::make_unique<redact::PlaceholderRegistry>(*ph);
  }
}

absl::StatusOr<CaseManager::CaseState*> CaseManager::Authorize(const Principal& p,
                                                               const std::string& case_id,
                                                               Action action) {
  auto st = State(case_id);
  if (!st.ok()) return st.status();
  auto members = store_->Members(case_id);
  if (!members.ok()) return members.status();
  std::vector<Role> roles;
  for (const MemberRecord& m : *members) {
    if (m.principal == p.name) roles.push_back(m.role);
  }
  if (Allowed(action, roles)) return *st;
  {
    CaseState& s = **st;
    absl::MutexLock lock(&s.mu);
    auto line = NextLine(s, p.name, absl::StrCat("denied:", ActionName(action)), {}, {});
    if (line.ok()) {
      if (!store_->AppendCustody(case_id, *line).ok()) Rollback(s);
    }
  }
  return absl::PermissionDeniedError(
      absl::StrCat("principal may not ", ActionName(action), " in this case"));
}

absl::StatusOr<DocumentRecord> CaseManager::RequireDocument(const std::string& case_id,
                                                            const std::string& document_id) {
  auto doc = store_->GetDocument(case_id, document_id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return absl::NotFoundError("no such document in the case");
  return **doc;
}

// ------------------------------------------------------------------------------------------
// Cases and members

absl::StatusOr<CaseRecord> CaseManager::CreateCase(const Principal& p, CaseRecord c) {
  if (!p.HasRole(Role::kProsecutor)) {
    return absl::PermissionDeniedError("only a prosecutor may open a case");
  }
  if (c.reference.empty()) return absl::InvalidArgumentError("case reference is required");
  if (c.reference.size() > 200 || c.reference.find_first_of("\r\n") != std::string::npos) {
    return absl::InvalidArgumentError("case reference must be one short line");
  }
  if (c.source_language.empty()) c.source_language = "auto";
  if (!IsSourceLanguage(c.source_language)) {
    return absl::InvalidArgumentError("source language must be ar, ckb, kmr, en or auto");
  }
  if (c.target_language.empty()) c.target_language = "en";
  if (!IsTargetLanguage(c.target_language)) {
    return absl::InvalidArgumentError("target language is not a BCP-47 code");
  }
  if (c.handling_code.empty()) c.handling_code = "H0";
  if (c.handling_code != "H0" && c.handling_code != "H1" && c.handling_code != "H2" &&
      c.handling_code != "H3") {
    return absl::InvalidArgumentError("handling code must be H0, H1, H2 or H3");
  }
  for (std::string* field : {&c.legal_basis, &c.requesting_authority, &c.receiving_authority}) {
    if (field->find_first_of("\r\n") != std::string::npos) {
      return absl::InvalidArgumentError("case fields must be single lines");
    }
  }
  if (c.legal_basis.empty()) c.legal_basis = "unspecified";
  if (c.requesting_authority.empty()) c.requesting_authority = "unspecified";
  if (c.receiving_authority.empty()) c.receiving_authority = "unspecified";
  if (c.policy_json.empty()) {
    c.policy_json = std::string(redact::EmbeddedDefaultPolicy());
  } else if (auto policy = redact::Policy::Parse(c.policy_json); !policy.ok()) {
    return policy.status();
  }
  c.id = RandomId("c-");
  c.placeholders_json = "{}";
  c.approved = false;
  c.approved_by.clear();

  auto key = redact::CaseKey::Generate();
  if (!key.ok()) return key.status();
  if (auto s = key->SaveFile(absl::StrCat(options_.home, "/keys/", c.id, ".key")); !s.ok()) {
    return s;
  }
  transfer::CustodyLog log;
  transfer::CustodyEvent e;
  e.actor = p.name;
  e.action = "create-case";
  e.case_ref = c.reference;
  if (auto s = log.Append(e); !s.ok()) return s;
  std::vector<MemberRecord> members = {{p.name, Role::kProsecutor}};
  if (p.embedded) members.push_back({p.name, Role::kReviewer});
  const auto& r = log.records().back();
  if (auto s = store_->CreateCase(c, members, {r.seq, r.line}); !s.ok()) {
    std::filesystem::remove(absl::StrCat(options_.home, "/keys/", c.id, ".key"));
    return s;
  }
  return c;
}

absl::StatusOr<CaseView> CaseManager::GetCase(const Principal& p, const std::string& case_id) {
  auto st = Authorize(p, case_id, Action::kReadCase);
  if (!st.ok()) return st.status();
  CaseView view;
  {
    absl::MutexLock lock(&(*st)->mu);
    view.record = (*st)->record;
  }
  auto docs = store_->Documents(case_id);
  if (!docs.ok()) return docs.status();
  view.documents = std::move(*docs);
  return view;
}

absl::StatusOr<std::vector<CaseRecord>> CaseManager::ListCases(const Principal& p,
                                                               const std::string& after,
                                                               int limit) {
  return store_->CasesOf(p.name, after, limit);
}

absl::Status CaseManager::AddMember(const Principal& p, const std::string& case_id,
                                    const std::string& principal, Role role) {
  if (principal.empty()) return absl::InvalidArgumentError("member principal is required");
  auto st = Authorize(p, case_id, Action::kAddMember);
  if (!st.ok()) return st.status();
  CaseState& s = **st;
  absl::MutexLock lock(&s.mu);
  auto line = NextLine(s, p.name, absl::StrCat("add-member:", RoleName(role)), {}, {});
  if (!line.ok()) return line.status();
  auto status = store_->AddMember(case_id, {principal, role}, *line);
  if (!status.ok()) Rollback(s);
  return status;
}

// ------------------------------------------------------------------------------------------
// Uploads

class CaseManager::UploadImpl final : public Upload {
 public:
  UploadImpl(CaseManager* m, CaseState* st, Principal p, int64_t declared_size,
             std::string declared_sha, std::unique_ptr<BlobWriter> writer)
      : m_(m), st_(st), p_(std::move(p)), declared_size_(declared_size),
        declared_sha_(std::move(declared_sha)), writer_(std::move(writer)) {}

  absl::Status Write(absl::string_view chunk) override {
    if (failed_) return absl::FailedPreconditionError("upload already rejected");
    const int64_t after = static_cast<int64_t>(writer_->size() + chunk.size());
    if (after > m_->options_.max_document_bytes) {
      failed_ = true;
      return absl::ResourceExhaustedError(absl::StrCat(
          "document is larger than the limit of ", m_->options_.max_document_bytes, " bytes"));
    }
    if (after > declared_size_) {
      failed_ = true;
      return absl::InvalidArgumentError("more bytes received than the declared size");
    }
    auto s = writer_->Write(chunk);
    if (!s.ok()) failed_ = true;
    return s;
  }

  absl::StatusOr<SubmitResult> Finish() override {
    if (failed_) return absl::FailedPreconditionError("upload already rejected");
    failed_ = true;  // one Finish only
    if (static_cast<int64_t>(writer_->size()) != declared_size_) {
      return absl::InvalidArgumentError(absl::StrCat("truncated upload: received ",
                                                     writer_->size(), " of ", declared_size_,
                                                     " declared bytes"));
    }
    auto sha = writer_->Finish();
    if (!sha.ok()) return sha.status();
    if (!declared_sha_.empty() && *sha != declared_sha_) {
      return absl::InvalidArgumentError("upload does not match the declared sha256");
    }
    // The format and every page header are checked before anything is stored.
    ocr::DecodeLimits limits;
    limits.max_input_bytes = m_->options_.max_document_bytes;
    auto decoded = ocr::Document::FromFile(writer_->temp_path(), limits);
    if (!decoded.ok()) return decoded.status();
    const ocr::InputFormat format = (*decoded)->format();
    const int pages = (*decoded)->page_count();
    decoded->reset();

    CaseState& st = *st_;
    absl::MutexLock lock(&st.mu);
    auto existing = m_->store_->FindDocumentBySha(st.record.id, *sha);
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) {
      // Recorded, so the custody log shows the second submission of the same evidence.
      auto line = m_->NextLine(st, p_.name, "submit-duplicate", {*sha}, {});
      if (!line.ok()) return line.status();
      if (auto s = m_->store_->AppendCustody(st.record.id, *line); !s.ok()) {
        m_->Rollback(st);
        return s;
      }
      return SubmitResult{**existing, true};
    }
    auto docs = m_->store_->Documents(st.record.id);
    if (!docs.ok()) return docs.status();
    DocumentRecord d;
    d.case_id = st.record.id;
    d.number = static_cast<int>(docs->size()) + 1;
    d.id = absl::StrFormat("d-%03d", d.number);
    d.name = transfer::NeutralDocumentName(d.number, ExtensionOf(format));
    d.media_type = MediaTypeOf(format);
    d.sha256 = *sha;
    d.size = declared_size_;
    d.page_count = pages;
    d.state = DocumentState::kQueued;
    if (auto s = writer_->Commit(); !s.ok()) return s;
    auto line = m_->NextLine(st, p_.name, "submit", {}, {*sha});
    if (!line.ok()) return line.status();
    if (auto s = m_->store_->AddDocument(d, *line); !s.ok()) {
      m_->Rollback(st);
      return s;
    }
    st.record.approved = false;
    st.record.approved_by.clear();
    m_->Enqueue(d.case_id, d.id);
    return SubmitResult{d, false};
  }

 private:
  CaseManager* m_;
  CaseState* st_;
  Principal p_;
  int64_t declared_size_;
  std::string declared_sha_;
  std::unique_ptr<BlobWriter> writer_;
  bool failed_ = false;
};

absl::StatusOr<std::unique_ptr<Upload>> CaseManager::BeginUpload(
    const Principal& p, const std::string& case_id, int64_t declared_size,
    const std::string& declared_sha256) {
  if (declared_size <= 0) return absl::InvalidArgumentError("declared size must be positive");
  if (!declared_sha256.empty() && !IsHex64(declared_sha256)) {
    return absl::InvalidArgumentError("declared sha256 must be 64 lower-case hex digits");
  }
  auto st = Authorize(p, case_id, Action::kSubmit);
  if (!st.ok()) return st.status();
  if (declared_size > options_.max_document_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "document is larger than the limit of ", options_.max_document_bytes, " bytes"));
  }
  auto writer = blobs_.NewWriter();
  if (!writer.ok()) return writer.status();
  return std::unique_ptr<Upload>(
      new UploadImpl(this, *st, p, declared_size, declared_sha256, std::move(*writer)));
}

absl::StatusOr<DocumentRecord> CaseManager::GetDocument(const Principal& p,
                                                        const std::string& case_id,
                                                        const std::string& document_id) {
  auto st = Authorize(p, case_id, Action::kWatch);
  if (!st.ok()) return st.status();
  return RequireDocument(case_id, document_id);
}

// ------------------------------------------------------------------------------------------
// Jobs

void CaseManager::Enqueue(const std::string& case_id, const std::string& document_id) {
  absl::MutexLock lock(&jobs_mu_);
  queue_.emplace_back(case_id, document_id);
}

uint64_t CaseManager::progress_generation() const {
  absl::MutexLock lock(&jobs_mu_);
  return generation_;
}

uint64_t CaseManager::WaitForProgress(uint64_t seen, absl::Duration timeout) const {
  absl::MutexLock lock(&jobs_mu_);
  auto changed = [this, seen]() ABSL_SHARED_LOCKS_REQUIRED(jobs_mu_) {
    return generation_ != seen || stopping_;
  };
  jobs_mu_.AwaitWithTimeout(absl::Condition(&changed), timeout);
  return generation_;
}

void CaseManager::WaitIdle() const {
  absl::MutexLock lock(&jobs_mu_);
  auto idle = [this]() ABSL_SHARED_LOCKS_REQUIRED(jobs_mu_) {
    return (queue_.empty() && running_ == 0) || stopping_;
  };
  jobs_mu_.Await(absl::Condition(&idle));
}

void CaseManager::NotifyProgress(const DocumentRecord& doc) {
  {
    absl::MutexLock lock(&jobs_mu_);
    ++generation_;
  }
  if (options_.on_progress) {
    absl::MutexLock lock(&progress_cb_mu_);
    options_.on_progress(doc);
  }
}

void CaseManager::WorkerLoop() {
  while (true) {
    std::pair<std::string, std::string> job;
    {
      absl::MutexLock lock(&jobs_mu_);
      auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(jobs_mu_) {
        return !queue_.empty() || stopping_;
      };
      jobs_mu_.Await(absl::Condition(&ready));
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      ++running_;
    }
    ProcessDocument(job.first, job.second);
    absl::MutexLock lock(&jobs_mu_);
    --running_;
    ++generation_;
  }
}

void CaseManager::ProcessDocument(const std::string& case_id, const std::string& document_id) {
  auto st = State(case_id);
  if (!st.ok()) return;
  auto doc = RequireDocument(case_id, document_id);
  if (!doc.ok() || doc->state == DocumentState::kDone || doc->state == DocumentState::kFailed) {
    return;
  }
  absl::Status s = RunJob(**st, *doc);
  {
    absl::MutexLock lock(&jobs_mu_);
    if (stopping_ && !s.ok()) return;  // abandoned at shutdown; resumed on the next start
  }
  CaseState& state = **st;
  auto latest = RequireDocument(case_id, document_id);
  if (!latest.ok()) return;
  DocumentRecord d = *latest;
  absl::MutexLock lock(&state.mu);
  const bool ok = s.ok();
  d.state = ok ? DocumentState::kDone : DocumentState::kFailed;
  d.error = ok ? "" : std::string(s.message());
  auto line = NextLine(state, "service:cases", ok ? "processed" : "process-failed",
                       {d.sha256}, {});
  if (!line.ok() || !store_->UpdateDocument(d, *line).ok()) {
    Rollback(state);
    return;
  }
  NotifyProgress(d);
}

absl::Status CaseManager::RunJob(CaseState& st, DocumentRecord doc) {
  if (doc.state != DocumentState::kProcessing) {
    doc.state = DocumentState::kProcessing;
    if (auto s = store_->UpdateDocument(doc, std::nullopt); !s.ok()) return s;
  }
  ocr::DecodeLimits limits;
  limits.max_input_bytes = options_.max_document_bytes;
  auto decoded = ocr::Document::FromFile(blobs_.PathFor(doc.sha256), limits);
  if (!decoded.ok()) return decoded.status();
  auto engines = options_.engines->Get();
  if (!engines.ok()) return engines.status();
  auto done = store_->DonePages(doc.case_id, doc.id);
  if (!done.ok()) return done.status();
  std::string language;
  {
    absl::MutexLock lock(&st.mu);
    language = st.record.source_language;
  }
  ocr::RecognizeOptions ro;
  ro.language = language;
  std::vector<int32_t> todo;  // 0-based indexes of the pages still to process
  for (int32_t i = 0; i < (*decoded)->page_count(); ++i) {
    if (std::find(done->begin(), done->end(), i + 1) == done->end()) todo.push_back(i);
  }

  // Reading a page (decoding, OCR, burning the image) is the slow part, so pages are read on
  // as many threads as the pool has workers. They are committed on this thread in page order,
  // so that placeholders are numbered and custody lines written as a sequential run would.
  auto read_page = [&](int32_t i) -> absl::StatusOr<PageRecord> {
    {
      absl::MutexLock lock(&jobs_mu_);
      if (stopping_) return absl::CancelledError("shutting down");
    }
    auto image = (*decoded)->DecodePage(i);
    if (!image.ok()) return image.status();
    auto page = (*engines)->RecognizeImage(*image, i + 1, ro);
    if (!page.ok()) return page.status();
    const text::Language lang = text::ParseLanguage(page->language)
                                    .value_or(text::ParseLanguage(language).value_or(
                                        text::Language::kEnglish));
    PageRecord rec = MakePageRecord(*page);
    auto image_json = RedactPageImage(**engines, *page, rec.words_json, image->pix.get(),
                                      image->dpi, lang, *analyzer_, st.policy, *st.key, blobs_);
    if (!image_json.ok()) return image_json.status();
    rec.image_json = std::move(*image_json);
    return rec;
  };
  absl::Mutex slots_mu;
  std::vector<std::optional<absl::StatusOr<PageRecord>>> slots(todo.size());
  std::atomic<size_t> next_slot{0};
  std::atomic<bool> abandoned{false};
  std::vector<std::thread> readers;
  const size_t reader_count =
      std::min(todo.size(), static_cast<size_t>(std::max(1, (*engines)->workers())));
  for (size_t t = 0; t < reader_count; ++t) {
    readers.emplace_back([&] {
      for (size_t k; !abandoned && (k = next_slot++) < todo.size();) {
        absl::StatusOr<PageRecord> read = read_page(todo[k]);
        absl::MutexLock lock(&slots_mu);
        slots[k] = std::move(read);
      }
    });
  }
  auto commit_in_order = [&]() -> absl::Status {
    for (size_t k = 0; k < todo.size(); ++k) {
      const int32_t i = todo[k];
      absl::StatusOr<PageRecord> rec = absl::UnknownError("unset");
      {
        absl::MutexLock lock(&slots_mu);
        slots_mu.Await(absl::Condition(
            +[](std::optional<absl::StatusOr<PageRecord>>* slot) { return slot->has_value(); },
            &slots[k]));
        rec = std::move(*slots[k]);
        slots[k].reset();
      }
      if (!rec.ok()) return rec.status();
      auto decisions = store_->Decisions(doc.case_id, doc.id);
      if (!decisions.ok()) return decisions.status();
      absl::MutexLock lock(&st.mu);
      auto result = RunPipeline(*std::move(rec), *decisions, PipelineContextFor(st));
      if (!result.ok()) {
        Rollback(st);
        return result.status();
      }
      std::vector<std::string> outputs = {transfer::Sha256Hex(result->page.ocr_json),
                                          transfer::Sha256Hex(result->page.redacted_text)};
      // A page whose leak check found a survivor has no released image (see RedactPageImage).
      if (std::string image = RedactedImageSha(result->page.image_json); !image.empty()) {
        outputs.push_back(std::move(image));
      }
      auto line = NextLine(st, "service:cases", absl::StrCat("process-page:", i + 1),
                           {doc.sha256}, std::move(outputs));
      if (!line.ok()) {
        Rollback(st);
        return line.status();
      }
      absl::Status s = store_->CommitPage(doc.case_id, doc.id, *result,
                                          st.placeholders->ToJson(), *line);
      if (!s.ok()) {
        Rollback(st);
        if (!absl::IsAlreadyExists(s)) return s;
      }
      doc.pages_done++;
      NotifyProgress(doc);
    }
    return absl::OkStatus();
  };
  absl::Status status = commit_in_order();
  abandoned = true;
  for (std::thread& reader : readers) reader.join();
  return status;
}

// ------------------------------------------------------------------------------------------
// Review

absl::StatusOr<std::vector<FindingRecord>> CaseManager::ListFindings(
    const Principal& p, const std::string& case_id, const std::string& document_id) {
  auto st = Authorize(p, case_id, Action::kReadFindings);
  if (!st.ok()) return st.status();
  auto doc = RequireDocument(case_id, document_id);
  if (!doc.ok()) return doc.status();
  auto findings = store_->Findings(case_id, document_id);
  if (!findings.ok()) return findings.status();
  CaseState& s = **st;
  absl::MutexLock lock(&s.mu);
  auto line = NextLine(s, p.name, "read-findings", {doc->sha256}, {});
  if (!line.ok()) return line.status();
  if (auto status = store_->AppendCustody(case_id, *line); !status.ok()) {
    Rollback(s);
    return status;
  }
  return findings;
}

absl::StatusOr<std::vector<WithheldPage>> CaseManager::ListWithheldPages(
    const Principal& p, const std::string& case_id) {
  auto st = Authorize(p, case_id, Action::kReadFindings);
  if (!st.ok()) return st.status();
  auto docs = store_->Documents(case_id);
  if (!docs.ok()) return docs.status();
  std::vector<WithheldPage> out;
  for (const DocumentRecord& d : *docs) {
    auto pages = store_->Pages(case_id, d.id);
    if (!pages.ok()) return pages.status();
    for (const PageRecord& page : *pages) {
      std::optional<std::vector<LeakSurvivor>> survivors = WithheldSurvivors(page.image_json);
      if (!survivors) continue;
      out.push_back({d.id, d.name, page.number, std::move(*survivors)});
    }
  }
  return out;
}

absl::StatusOr<std::vector<FindingRecord>> CaseManager::Review(const Principal& p,
                                                               const std::string& case_id,
                                                               const std::string& document_id,
                                                               const ReviewRequest& review) {
  auto st = Authorize(p, case_id, Action::kReview);
  if (!st.ok()) return st.status();
  auto doc = RequireDocument(case_id, document_id);
  if (!doc.ok()) return doc.status();
  if (doc->state != DocumentState::kDone) {
    return absl::FailedPreconditionError("document is not processed yet");
  }
  auto findings = store_->Findings(case_id, document_id);
  if (!findings.ok()) return findings.status();
  auto pages = store_->Pages(case_id, document_id);
  if (!pages.ok()) return pages.status();
  std::vector<DecisionRecord> added;
  std::set<int> touched;
  for (const ReviewRequest::Decision& d : review.decisions) {
    auto it = std::find_if(findings->begin(), findings->end(),
                           [&](const FindingRecord& f) { return f.id == d.finding_id; });
    if (it == findings->end()) return absl::NotFoundError("no such finding in the document");
    added.push_back({it->page, it->type, it->cp_begin, it->cp_end,
                     d.accept ? Decision::kAccepted : Decision::kRejected});
    touched.insert(it->page);
  }
  for (const ReviewRequest::Added& a : review.added) {
    if (!redact::ParseEntityType(a.type)) {
      return absl::InvalidArgumentError("added finding has an unknown entity type");
    }
    auto page = std::find_if(pages->begin(), pages->end(),
                             [&](const PageRecord& r) { return r.number == a.page; });
    if (page == pages->end()) return absl::InvalidArgumentError("added finding: no such page");
    if (a.cp_begin < 0 || a.cp_end <= a.cp_begin || a.cp_end > CodePoints(page->text)) {
      return absl::InvalidArgumentError("added finding: span outside the page text");
    }
    added.push_back({a.page, a.type, a.cp_begin, a.cp_end, Decision::kAdded});
    touched.insert(a.page);
  }
  std::map<int, std::vector<WordBox>> boxes_by_page;
  for (const ReviewRequest::AddedBox& b : review.added_boxes) {
    auto page = std::find_if(pages->begin(), pages->end(),
                             [&](const PageRecord& r) { return r.number == b.page; });
    if (page == pages->end()) return absl::InvalidArgumentError("added box: no such page");
    if (b.box.right <= b.box.left || b.box.bottom <= b.box.top || b.box.left < 0 ||
        b.box.top < 0) {
      return absl::InvalidArgumentError("added box: empty or negative box");
    }
    boxes_by_page[b.page].push_back(b.box);
    touched.insert(b.page);
  }
  // The original pages are decoded before the case is locked (decoding is the slow part).
  std::map<int, ocr::PageImage> originals;
  if (!touched.empty()) {
    auto decoded = ocr::Document::FromFile(blobs_.PathFor(doc->sha256));
    if (!decoded.ok()) return decoded.status();
    for (int n : touched) {
      auto image = (*decoded)->DecodePage(n - 1);
      if (!image.ok()) return image.status();
      originals[n] = std::move(*image);
    }
  }
  auto stored = store_->Decisions(case_id, document_id);
  if (!stored.ok()) return stored.status();
  // The new decisions override stored ones on the same span.
  std::vector<DecisionRecord> all = *stored;
  for (const DecisionRecord& d : added) {
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const DecisionRecord& x) {
                               return x.page == d.page && x.type == d.type &&
                                      x.cp_begin == d.cp_begin && x.cp_end == d.cp_end;
                             }),
              all.end());
    all.push_back(d);
  }
  auto segments = store_->Segments(case_id, document_id);
  if (!segments.ok()) return segments.status();

  CaseState& s = **st;
  absl::MutexLock lock(&s.mu);
  std::vector<PageResult> redone;
  std::vector<std::string> outputs;
  for (const PageRecord& page : *pages) {
    if (!touched.count(page.number)) continue;
    auto result = RunPipeline(page, all, PipelineContextFor(s));
    if (!result.ok()) {
      Rollback(s);
      return result.status();
    }
    // Translations survive where the redacted source did not change.
    for (SegmentRecord& g : result->segments) {
      for (const SegmentRecord& old : *segments) {
        if (old.page == g.page && old.source == g.source) {
          g.target = old.target;
          g.state = old.state;
          break;
        }
      }
    }
    auto image_json = ReburnPageImage(originals[page.number].pix.get(), page.image_json,
                                      result->findings, boxes_by_page[page.number], blobs_);
    if (!image_json.ok()) {
      Rollback(s);
      return image_json.status();
    }
    result->page.image_json = std::move(*image_json);
    outputs.push_back(transfer::Sha256Hex(result->page.redacted_text));
    outputs.push_back(RedactedImageSha(result->page.image_json));
    redone.push_back(std::move(*result));
  }
  auto line = NextLine(s, p.name, "review", {doc->sha256}, outputs);
  if (!line.ok()) {
    Rollback(s);
    return line.status();
  }
  if (auto status = store_->CommitReview(case_id, document_id, added, redone,
                                         s.placeholders->ToJson(), *line);
      !status.ok()) {
    Rollback(s);
    return status;
  }
  s.record.approved = false;
  s.record.approved_by.clear();
  return store_->Findings(case_id, document_id);
}

// ------------------------------------------------------------------------------------------
// Drafts and translation

absl::StatusOr<Draft> CaseManager::GetDraft(const Principal& p, const std::string& case_id,
                                            const std::string& document_id) {
  auto st = Authorize(p, case_id, Action::kReadDraft);
  if (!st.ok()) return st.status();
  auto doc = RequireDocument(case_id, document_id);
  if (!doc.ok()) return doc.status();
  if (doc->state != DocumentState::kDone) {
    return absl::FailedPreconditionError("document is not processed yet");
  }
  auto segments = store_->Segments(case_id, document_id);
  if (!segments.ok()) return segments.status();
  Draft draft;
  draft.case_id = case_id;
  draft.document_id = document_id;
  draft.document_name = doc->name;
  draft.segments = std::move(*segments);
  std::string all_sources;
  for (const SegmentRecord& g : draft.segments) absl::StrAppend(&all_sources, g.source, "\n");
  CaseState& s = **st;
  absl::MutexLock lock(&s.mu);
  draft.source_language = s.record.source_language;
  draft.target_language = s.record.target_language;
  auto line = NextLine(s, p.name, "read-draft", {doc->sha256},
                       {transfer::Sha256Hex(all_sources)});
  if (!line.ok()) return line.status();
  if (auto status = store_->AppendCustody(case_id, *line); !status.ok()) {
    Rollback(s);
    return status;
  }
  return draft;
}

absl::StatusOr<std::string> CaseManager::ExportXliff(const Principal& p,
                                                     const std::string& case_id,
                                                     const std::string& document_id) {
  auto draft = GetDraft(p, case_id, document_id);
  if (!draft.ok()) return draft.status();
  std::string src = draft->source_language;
  if (src == "auto") {
    auto pages = store_->Pages(case_id, document_id);
    if (pages.ok() && !pages->empty()) src = pages->front().language;
  }
  if (src == "auto") src = "en";
  return DraftToXliff(src, draft->target_language, draft->document_name, draft->segments);
}

absl::StatusOr<int> CaseManager::SubmitTranslations(const Principal& p,
                                                    const std::string& case_id,
                                                    const std::string& document_id,
                                                    const std::vector<SegmentRecord>& segments) {
  auto st = Authorize(p, case_id, Action::kTranslate);
  if (!st.ok()) return st.status();
  auto doc = RequireDocument(case_id, document_id);
  if (!doc.ok()) return doc.status();
  auto stored = store_->Segments(case_id, document_id);
  if (!stored.ok()) return stored.status();
  auto pages = store_->Pages(case_id, document_id);
  if (!pages.ok()) return pages.status();
  std::vector<tm::TranslationUnit> confirmed;
  std::string targets;
  CaseState& s = **st;
  std::string target_language;
  {
    absl::MutexLock lock(&s.mu);
    target_language = s.record.target_language;
  }
  for (const SegmentRecord& g : segments) {
    auto it = std::find_if(stored->begin(), stored->end(),
                           [&](const SegmentRecord& x) { return x.id == g.id; });
    if (it == stored->end()) return absl::NotFoundError("no such segment in the document");
    if (g.target.size() > 64 * 1024) {
      return absl::InvalidArgumentError("translation of a segment is too long");
    }
    absl::StrAppend(&targets, g.id, "\t", g.target, "\n");
    if ((g.state == SegmentState::kReviewed || g.state == SegmentState::kFinal) &&
        !g.target.empty()) {
      tm::TranslationUnit u;
      std::string lang = "en";
      for (const PageRecord& pr : *pages) {
        if (pr.number == it->page) lang = pr.language;
      }
      u.source_lang = lang;
      u.target_lang = target_language;
      u.source = tm::Segment(it->source);
      u.target = tm::Segment(g.target);
      u.origin = absl::StrCat("case:", case_id);
      u.creator = p.name;
      u.scope = tm::Scope::Case(case_id);
      confirmed.push_back(std::move(u));
    }
  }
  absl::MutexLock lock(&s.mu);
  auto line = NextLine(s, p.name, "translate", {doc->sha256}, {transfer::Sha256Hex(targets)});
  if (!line.ok()) return line.status();
  if (auto status = store_->UpdateTranslations(case_id, document_id, segments, *line);
      !status.ok()) {
    Rollback(s);
    return status;
  }
  if (!confirmed.empty()) {
    tm::AddOptions opt;
    opt.skip_invalid = true;
    auto added = memory_->Add(std::move(confirmed), opt);
    if (!added.ok()) return added.status();
  }
  return static_cast<int>(segments.size());
}

absl::StatusOr<int> CaseManager::ImportXliff(const Principal& p, const std::string& case_id,
                                             absl::string_view xml) {
  auto st = Authorize(p, case_id, Action::kTranslate);
  if (!st.ok()) return st.status();
  auto reviewed = ReadReviewedXliff(xml);
  if (!reviewed.ok()) return reviewed.status();
  // The document is known by the neutral name it was exported under.
  auto docs = store_->Documents(case_id);
  if (!docs.ok()) return docs.status();
  auto doc = std::find_if(docs->begin(), docs->end(),
                          [&](const DocumentRecord& d) { return d.name == reviewed->original; });
  if (doc == docs->end()) {
    return absl::InvalidArgumentError("XLIFF names a document that is not in the case");
  }
  auto stored = store_->Segments(case_id, doc->id);
  if (!stored.ok()) return stored.status();
  for (const SegmentRecord& g : reviewed->segments) {
    if (std::none_of(stored->begin(), stored->end(),
                     [&](const SegmentRecord& x) { return x.id == g.id; })) {
      return absl::InvalidArgumentError("XLIFF holds an unknown segment id");
    }
  }
  return SubmitTranslations(p, case_id, doc->id, reviewed->segments);
}

// ------------------------------------------------------------------------------------------
// Approval and export

absl::StatusOr<CaseRecord> CaseManager::Approve(const Principal& p, const std::string& case_id) {
  auto st = Authorize(p, case_id, Action::kApprove);
  if (!st.ok()) return st.status();
  auto docs = store_->Documents(case_id);
  if (!docs.ok()) return docs.status();
  if (docs->empty()) return absl::FailedPreconditionError("the case has no documents");
  for (const DocumentRecord& d : *docs) {
    if (d.state != DocumentState::kDone) {
      return absl::FailedPreconditionError(
          absl::StrCat("document ", d.id, " is ", DocumentStateName(d.state)));
    }
  }
  CaseState& s = **st;
  absl::MutexLock lock(&s.mu);
  auto line = NextLine(s, p.name, "approve", {}, {});
  if (!line.ok()) return line.status();
  if (auto status = store_->SetApproved(case_id, p.name, *line); !status.ok()) {
    Rollback(s);
    return status;
  }
  s.record.approved = true;
  s.record.approved_by = p.name;
  return s.record;
}

absl::StatusOr<ExportResult> CaseManager::ExportPackage(const Principal& p,
                                                        const std::string& case_id,
                                                        const ExportOptions& options,
                                                        const std::string& out_path) {
  auto st = Authorize(p, case_id, Action::kExport);
  if (!st.ok()) return st.status();
  CaseState& s = **st;
  CaseRecord record;
  {
    absl::MutexLock lock(&s.mu);
    record = s.record;
  }
  if (!record.approved) return absl::FailedPreconditionError("the case is not approved");
  auto docs = store_->Documents(case_id);
  if (!docs.ok()) return docs.status();

  transfer::PackageRequest req;
  ExportResult result;
  std::string source_language = record.source_language;
  for (const DocumentRecord& d : *docs) {
    const std::string stem = d.name.substr(0, d.name.find('.'));
    auto pages = store_->Pages(case_id, d.id);
    if (!pages.ok()) return pages.status();
    auto findings = store_->Findings(case_id, d.id);
    if (!findings.ok()) return findings.status();
    auto segments = store_->Segments(case_id, d.id);
    if (!segments.ok()) return segments.status();
    std::string text;
    redact::RedactionLog log;
    log.document = d.name;
    for (const PageRecord& pr : *pages) {
      if (source_language == "auto") source_language = pr.language;
      absl::StrAppend(&text, "=== page ", pr.number, " ===\n", pr.redacted_text);
      const std::string image = RedactedImageSha(pr.image_json);
      if (image.empty()) {
        return absl::FailedPreconditionError(absl::StrFormat(
            "%s page %d is withheld: after redaction the leak check still read personal data "
            "on it; review the page (add boxes over what survived) and export again",
            d.name, pr.number));
      }
      req.files.push_back({absl::StrFormat("redacted/%s-page-%03d.png", stem, pr.number),
                           blobs_.PathFor(image), "", false});
      AddImageRecordToLog(pr.image_json, pr.number, &pr == &pages->front(), &log);
    }
    req.files.push_back({absl::StrCat("redacted/", stem, ".txt"), "", text, true});
    for (const FindingRecord& f : *findings) {
      redact::LogFinding lf;
      lf.type = redact::ParseEntityType(f.type).value_or(redact::EntityType::kPerson);
      lf.page = f.page;
      for (const WordBox& b : f.boxes) lf.boxes.push_back({b.left, b.top, b.right, b.bottom});
      lf.cp_begin = static_cast<size_t>(f.cp_begin);
      lf.cp_end = static_cast<size_t>(f.cp_end);
      lf.detector = f.detector;
      lf.score = f.score;
      lf.op = f.op;
      lf.placeholder = f.placeholder;
      lf.redacted = f.redacted;
      lf.decision = f.decision == Decision::kAccepted   ? redact::ReviewDecision::kAccepted
                    : f.decision == Decision::kRejected ? redact::ReviewDecision::kRejected
                    : f.decision == Decision::kAdded    ? redact::ReviewDecision::kAdded
                                                        : redact::ReviewDecision::kPending;
      lf.value_hmac = f.value_hmac;
      log.findings.push_back(std::move(lf));
      if (f.redacted) result.findings_by_type[f.type]++;
    }
    req.files.push_back({absl::StrCat("redaction-log/", stem, ".json"), "",
                         log.ToJson(s.policy), true});
    if (s.policy.include_originals) {
      req.files.push_back({absl::StrCat("original/", d.name), blobs_.PathFor(d.sha256), "",
                           false});
    }
    std::string src = source_language == "auto" ? "en" : source_language;
    if (!pages->empty()) src = pages->front().language;
    auto xliff = DraftToXliff(src, record.target_language, d.name, *segments);
    if (!xliff.ok()) return xliff.status();
    req.files.push_back({absl::StrCat("translation/", stem, ".xlf"), "", *xliff, true});
  }
  if (source_language == "auto") source_language = "en";
  {
    std::ostringstream tmx;
    tm::UnitFilter filter;
    filter.scopes = {tm::Scope::Case(case_id).ToString()};
    auto n = tm::ExportTmx(memory_->store(), filter, tmx);
    if (!n.ok()) return n.status();
    if (*n > 0) req.files.push_back({"translation/case-memory.tmx", "", tmx.str(), true});
  }
  req.info = {{transfer::kCaseReference, record.reference},
              {transfer::kLegalBasis, record.legal_basis},
              {transfer::kSenderAuthority, record.requesting_authority},
              {transfer::kRecipientAuthority, record.receiving_authority},
              {transfer::kHandlingCode, record.handling_code},
              {"Source-Language", source_language},
              {"Target-Language", record.target_language}};
  if (options.signer.test_only) req.info.push_back({"Signature-Notice", kTestSignerNotice});
  req.actor = p.name;
  req.signing_key_pem = options.signer.key_pem;
  req.signing_cert_pem = options.signer.cert_pem;

  // The container is built and verified in the clear first; with recipients it is then
  // encrypted into volumes and the clear copy removed.
  const bool encrypt = !options.recipient_certs.empty();
  const std::string container = encrypt ? absl::StrCat(out_path, ".building") : out_path;
  absl::MutexLock lock(&s.mu);
  req.custody_log = s.log.Serialize();
  auto summary = transfer::BuildPackage(req, container);
  if (!summary.ok()) return summary.status();
  struct Cleanup {
    std::string path;
    bool active;
    ~Cleanup() {
      if (active) std::filesystem::remove(path);
    }
  } cleanup{container, encrypt};
  transfer::PackageVerifyOptions vo;
  vo.ca_pem = options.signer.cert_pem;
  auto verification = transfer::VerifyPackage(container, vo);
  if (!verification.ok()) return verification.status();
  result.verified = verification->ok;
  for (const transfer::VerifyItem& item : verification->items) {
    if (!item.ok) result.failed_items.push_back(absl::StrCat(item.item, ": ", item.detail));
  }
  auto digests = transfer::DigestFile(container);
  if (!digests.ok()) return digests.status();
  result.path = out_path;
  result.sha256 = transfer::HexEncode(digests->sha256);
  std::vector<std::string> outputs = {result.sha256};
  if (encrypt) {
    transfer::EncryptOptions eo;
    eo.recipient_cert_pems = options.recipient_certs;
    auto volumes = transfer::EncryptToVolumes(container, out_path, eo);
    if (!volumes.ok()) return volumes.status();
    result.volumes = *volumes;
    for (const std::string& v : *volumes) {
      auto d = transfer::DigestFile(v);
      if (!d.ok()) return d.status();
      outputs.push_back(transfer::HexEncode(d->sha256));
    }
  }
  auto line = NextLine(s, p.name, encrypt ? "export-encrypted" : "export", {}, outputs);
  if (!line.ok()) return line.status();
  if (auto status = store_->AppendCustody(case_id, *line); !status.ok()) {
    Rollback(s);
    std::filesystem::remove(out_path);
    for (const std::string& v : result.volumes) std::filesystem::remove(v);
    return status;
  }
  return result;
}

// ------------------------------------------------------------------------------------------
// Custody log

absl::StatusOr<std::vector<std::string>> CaseManager::CustodyLog(const Principal& p,
                                                                 const std::string& case_id) {
  auto st = Authorize(p, case_id, Action::kReadCustody);
  if (!st.ok()) return st.status();
  return store_->CustodyLines(case_id);
}

absl::StatusOr<CustodyVerification> CaseManager::VerifyCustody(const Principal& p,
                                                               const std::string& case_id) {
  auto st = Authorize(p, case_id, Action::kReadCustody);
  if (!st.ok()) return st.status();
  auto lines = store_->CustodyLines(case_id);
  if (!lines.ok()) return lines.status();
  CustodyVerification v;
  v.lines = static_cast<int64_t>(lines->size());
  auto log = transfer::CustodyLog::Parse(Joined(*lines));
  if (!log.ok()) {
    v.detail = std::string(log.status().message());
    return v;
  }
  v.ok = true;
  v.merkle_root = transfer::HexEncode(log->MerkleRoot());
  return v;
}

}  // namespace bayyina::cases
