#include "services/cases_service.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bayyina/v1/cases.grpc.pb.h"
#include "cases/case_manager.h"
#include "services/auth.h"
#include "services/log.h"
#include "services/status.h"

namespace bayyina::services {
namespace {

namespace v1 = bayyina::v1;
using cases::CaseManager;
using cases::Principal;

constexpr size_t kChunk = 64 * 1024;

v1::Document ToProto(const cases::DocumentRecord& d) {
  v1::Document out;
  out.set_id(d.id);
  out.set_name(d.name);
  out.set_media_type(d.media_type);
  out.set_sha256(d.sha256);
  out.set_size(d.size);
  out.set_page_count(d.page_count);
  return out;
}

v1::Case ToProto(const cases::CaseRecord& c, const std::vector<cases::DocumentRecord>& docs) {
  v1::Case out;
  out.set_id(c.id);
  out.set_reference(c.reference);
  out.set_legal_basis(c.legal_basis);
  out.set_requesting_authority(c.requesting_authority);
  out.set_receiving_authority(c.receiving_authority);
  out.set_handling_code(c.handling_code);
  out.set_source_language(c.source_language);
  out.set_target_language(c.target_language);
  out.set_policy_json(c.policy_json);
  out.set_approved(c.approved);
  for (const auto& d : docs) *out.add_documents() = ToProto(d);
  return out;
}

v1::Finding ToProto(const cases::FindingRecord& f) {
  v1::Finding out;
  out.set_id(f.id);
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  v1::EntityType_Parse(f.type, &type);
  out.set_type(type);
  out.set_start(f.cp_begin);
  out.set_end(f.cp_end);
  out.set_score(static_cast<float>(f.score));
  out.set_detector(f.detector);
  out.set_page(f.page);
  for (const cases::WordBox& b : f.boxes) {
    v1::BoundingBox* box = out.add_boxes();
    box->set_x(b.left);
    box->set_y(b.top);
    box->set_width(b.right - b.left);
    box->set_height(b.bottom - b.top);
  }
  switch (f.decision) {
    case cases::Decision::kAccepted:
    case cases::Decision::kAdded:
      out.set_decision(v1::ACCEPTED);
      break;
    case cases::Decision::kRejected:
      out.set_decision(v1::REJECTED);
      break;
    case cases::Decision::kPending:
      out.set_decision(v1::REVIEW_DECISION_UNSPECIFIED);
      break;
  }
  out.set_value_hmac(f.value_hmac);
  return out;
}

v1::SegmentState ToProto(cases::SegmentState s) {
  switch (s) {
    case cases::SegmentState::kTranslated: return v1::TRANSLATED;
    case cases::SegmentState::kReviewed: return v1::REVIEWED;
    case cases::SegmentState::kFinal: return v1::FINAL;
    case cases::SegmentState::kInitial: break;
  }
  return v1::SEGMENT_STATE_UNSPECIFIED;
}

absl::StatusOr<cases::SegmentState> FromProto(int s) {
  switch (s) {
    case v1::SEGMENT_STATE_UNSPECIFIED: return cases::SegmentState::kInitial;
    case v1::TRANSLATED: return cases::SegmentState::kTranslated;
    case v1::REVIEWED: return cases::SegmentState::kReviewed;
    case v1::FINAL: return cases::SegmentState::kFinal;
    default: return absl::InvalidArgumentError("unknown segment state");
  }
}

absl::StatusOr<cases::Role> RoleFromProto(v1::Role r) {
  switch (r) {
    case v1::PROSECUTOR: return cases::Role::kProsecutor;
    case v1::REVIEWER: return cases::Role::kReviewer;
    case v1::TRANSLATOR: return cases::Role::kTranslator;
    case v1::AUDITOR: return cases::Role::kAuditor;
    case v1::SERVICE: return cases::Role::kService;
    default: return absl::InvalidArgumentError("role is required");
  }
}

class CaseServiceImpl final : public v1::CaseService::Service {
 public:
  CaseServiceImpl(ServiceOptions options, std::unique_ptr<CaseManager> manager,
                  cases::TokenRegistry tokens)
      : options_(std::move(options)), manager_(std::move(manager)), tokens_(std::move(tokens)) {}

  grpc::Status CreateCase(grpc::ServerContext* ctx, const v1::CreateCaseRequest* req,
                          v1::Case* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    const v1::Case& in = req->case_();
    for (const auto& [text, field] :
         {std::pair{&in.reference(), "reference"}, {&in.legal_basis(), "legal_basis"},
          {&in.requesting_authority(), "requesting_authority"},
          {&in.receiving_authority(), "receiving_authority"}, {&in.policy_json(), "policy_json"}}) {
      if (absl::Status s = CheckUtf8Field(*text, field); !s.ok()) return ToGrpcStatus(s);
    }
    cases::CaseRecord c;
    c.reference = req->case_().reference();
    c.legal_basis = req->case_().legal_basis();
    c.requesting_authority = req->case_().requesting_authority();
    c.receiving_authority = req->case_().receiving_authority();
    c.handling_code = req->case_().handling_code();
    c.source_language = req->case_().source_language();
    c.target_language = req->case_().target_language();
    c.policy_json = req->case_().policy_json();
    auto created = manager_->CreateCase(*p, c);
    if (!created.ok()) return ToGrpcStatus(created.status());
    *resp = ToProto(*created, {});
    return grpc::Status::OK;
  }

  grpc::Status GetCase(grpc::ServerContext* ctx, const v1::GetCaseRequest* req,
                       v1::Case* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    auto view = manager_->GetCase(*p, req->case_id());
    if (!view.ok()) return ToGrpcStatus(view.status());
    *resp = ToProto(view->record, view->documents);
    return grpc::Status::OK;
  }

  grpc::Status ListCases(grpc::ServerContext* ctx, const v1::ListCasesRequest* req,
                         v1::ListCasesResponse* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    int size = req->page_size() <= 0 ? 50 : std::min(req->page_size(), 500);
    if (!req->page_token().empty() && req->page_token().rfind("c-", 0) != 0) {
      return ToGrpcStatus(absl::InvalidArgumentError("bad page token"));
    }
    auto list = manager_->ListCases(*p, req->page_token(), size + 1);
    if (!list.ok()) return ToGrpcStatus(list.status());
    for (int i = 0; i < std::min<int>(size, static_cast<int>(list->size())); ++i) {
      *resp->add_cases() = ToProto((*list)[i], {});
    }
    if (static_cast<int>(list->size()) > size) resp->set_next_page_token((*list)[size - 1].id);
    return grpc::Status::OK;
  }

  grpc::Status AddMember(grpc::ServerContext* ctx, const v1::AddMemberRequest* req,
                         v1::AddMemberResponse*) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    auto role = RoleFromProto(req->role());
    if (!role.ok()) return ToGrpcStatus(role.status());
    return ToGrpcStatus(manager_->AddMember(*p, req->case_id(), req->principal(), *role));
  }

  grpc::Status SubmitDocument(grpc::ServerContext* ctx,
                              grpc::ServerReader<v1::SubmitDocumentRequest>* reader,
                              v1::SubmitDocumentResponse* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    v1::SubmitDocumentRequest msg;
    if (!reader->Read(&msg) || !msg.has_header()) {
      return ToGrpcStatus(absl::InvalidArgumentError("the first message must be the header"));
    }
    const v1::UploadHeader& h = msg.header().upload();
    auto upload = manager_->BeginUpload(*p, msg.header().case_id(), h.size(), h.sha256());
    if (!upload.ok()) return ToGrpcStatus(upload.status());
    while (reader->Read(&msg)) {
      if (!msg.has_chunk()) {
        return ToGrpcStatus(absl::InvalidArgumentError("only chunks may follow the header"));
      }
      if (auto s = (*upload)->Write(msg.chunk().data()); !s.ok()) return ToGrpcStatus(s);
    }
    if (ctx->IsCancelled()) return grpc::Status(grpc::StatusCode::CANCELLED, "upload cancelled");
    auto result = (*upload)->Finish();
    if (!result.ok()) return ToGrpcStatus(result.status());
    *resp->mutable_document() = ToProto(result->document);
    resp->set_duplicate(result->duplicate);
    return grpc::Status::OK;
  }

  grpc::Status WatchDocument(grpc::ServerContext* ctx, const v1::WatchDocumentRequest* req,
                             grpc::ServerWriter<v1::DocumentStatus>* writer) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    int last_done = -1;
    std::string last_state;
    while (!ctx->IsCancelled()) {
      uint64_t gen = manager_->progress_generation();
      auto doc = manager_->GetDocument(*p, req->case_id(), req->document_id());
      if (!doc.ok()) return ToGrpcStatus(doc.status());
      const std::string state = cases::DocumentStateName(doc->state);
      const bool finished =
          doc->state == cases::DocumentState::kDone || doc->state == cases::DocumentState::kFailed;
      if (doc->pages_done != last_done || state != last_state) {
        v1::DocumentStatus st;
        st.set_document_id(doc->id);
        st.mutable_progress()->set_stage(finished ? state : "process");
        st.mutable_progress()->set_done(doc->pages_done);
        st.mutable_progress()->set_total(doc->page_count);
        st.mutable_progress()->set_message(state);
        st.set_done(finished);
        if (doc->state == cases::DocumentState::kFailed) st.set_error(doc->error);
        if (!writer->Write(st)) break;
        last_done = doc->pages_done;
        last_state = state;
      }
      if (finished) break;
      manager_->WaitForProgress(gen, absl::Seconds(1));
    }
    return grpc::Status::OK;
  }

  grpc::Status ListFindings(grpc::ServerContext* ctx, const v1::ListFindingsRequest* req,
                            v1::ListFindingsResponse* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    auto findings = manager_->ListFindings(*p, req->case_id(), req->document_id());
    if (!findings.ok()) return ToGrpcStatus(findings.status());
    const int size = req->page_size() <= 0 ? 100 : std::min(req->page_size(), 1000);
    size_t start = 0;
    if (!req->page_token().empty()) {
      if (!absl::SimpleAtoi(req->page_token(), &start) || start > findings->size()) {
        return ToGrpcStatus(absl::InvalidArgumentError("bad page token"));
      }
    }
    size_t end = std::min(findings->size(), start + static_cast<size_t>(size));
    for (size_t i = start; i < end; ++i) *resp->add_findings() = ToProto((*findings)[i]);
    if (end < findings->size()) resp->set_next_page_token(absl::StrCat(end));
    return grpc::Status::OK;
  }

  grpc::Status ReviewFindings(grpc::ServerContext* ctx, const v1::ReviewFindingsRequest* req,
                              v1::ReviewFindingsResponse* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    cases::ReviewRequest review;
    for (const auto& d : req->decisions()) {
      if (d.decision() != v1::ACCEPTED && d.decision() != v1::REJECTED) {
        return ToGrpcStatus(absl::InvalidArgumentError("decision must be ACCEPTED or REJECTED"));
      }
      review.decisions.push_back({d.finding_id(), d.decision() == v1::ACCEPTED});
    }
    for (const auto& a : req->added()) {
      if (a.end() > a.start()) {
        review.added.push_back({a.page(), v1::EntityType_Name(a.type()), a.start(), a.end()});
        continue;
      }
      if (a.boxes_size() == 0) {
        return ToGrpcStatus(
            absl::InvalidArgumentError("an added finding needs a span (start < end) or boxes"));
      }
      for (const auto& b : a.boxes()) {
        cases::WordBox box;
        box.left = b.x();
        box.top = b.y();
        box.right = b.x() + b.width();
        box.bottom = b.y() + b.height();
        review.added_boxes.push_back({a.page(), box});
      }
    }
    auto findings = manager_->Review(*p, req->case_id(), req->document_id(), review);
    if (!findings.ok()) return ToGrpcStatus(findings.status());
    for (const auto& f : *findings) *resp->add_findings() = ToProto(f);
    return grpc::Status::OK;
  }

  grpc::Status GetDraft(grpc::ServerContext* ctx, const v1::GetDraftRequest* req,
                        v1::Draft* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    auto draft = manager_->GetDraft(*p, req->case_id(), req->document_id());
    if (!draft.ok()) return ToGrpcStatus(draft.status());
    resp->set_case_id(draft->case_id);
    resp->set_document_id(draft->document_id);
    resp->set_source_language(draft->source_language);
    resp->set_target_language(draft->target_language);
    for (const cases::SegmentRecord& g : draft->segments) {
      v1::DraftSegment* s = resp->add_segments();
      s->set_id(g.id);
      s->set_source(g.source);
      s->set_target(g.target);
      s->set_state(ToProto(g.state));
      for (const auto& m : g.suggestions) {
        v1::Match* match = s->add_matches();
        match->set_score(m.score);
        match->set_suggestion(m.suggestion);
        match->mutable_unit()->set_id(absl::StrCat(m.unit_id));
        match->mutable_unit()->set_source(m.source);
        match->mutable_unit()->set_origin(m.origin);
      }
      for (const auto& t : g.terms) {
        v1::TermHit* hit = s->add_terms();
        hit->set_source_term(t.source_term);
        hit->set_target_term(t.target_term);
        hit->set_start(t.start);
        hit->set_end(t.end);
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status ExportXliff(grpc::ServerContext* ctx, const v1::ExportXliffRequest* req,
                           grpc::ServerWriter<v1::FileChunk>* writer) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    auto xml = manager_->ExportXliff(*p, req->case_id(), req->document_id());
    if (!xml.ok()) return ToGrpcStatus(xml.status());
    for (size_t i = 0; i < xml->size(); i += kChunk) {
      v1::FileChunk chunk;
      chunk.set_data(xml->substr(i, kChunk));
      if (!writer->Write(chunk)) break;
    }
    return grpc::Status::OK;
  }

  grpc::Status SubmitTranslations(grpc::ServerContext* ctx,
                                  const v1::SubmitTranslationsRequest* req,
                                  v1::SubmitTranslationsResponse* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    std::vector<cases::SegmentRecord> segments;
    for (int i = 0; i < req->segments_size(); ++i) {
      const v1::DraftSegment& s = req->segments(i);
      auto state = FromProto(s.state());
      if (!state.ok()) return ToGrpcStatus(state.status());
      const std::string field = absl::StrCat("segment ", i + 1, " target");
      if (absl::Status bad = CheckUtf8Field(s.target(), field); !bad.ok()) {
        return ToGrpcStatus(bad);
      }
      cases::SegmentRecord g;
      g.id = s.id();
      g.target = s.target();
      g.state = *state;
      segments.push_back(std::move(g));
    }
    auto n = manager_->SubmitTranslations(*p, req->case_id(), req->document_id(), segments);
    if (!n.ok()) return ToGrpcStatus(n.status());
    resp->set_accepted(*n);
    return grpc::Status::OK;
  }

  grpc::Status ImportXliff(grpc::ServerContext* ctx,
                           grpc::ServerReader<v1::ImportXliffRequest>* reader,
                           v1::SubmitTranslationsResponse* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    v1::ImportXliffRequest msg;
    if (!reader->Read(&msg) || !msg.has_header()) {
      return ToGrpcStatus(absl::InvalidArgumentError("the first message must be the header"));
    }
    const std::string case_id = msg.header().case_id();
    const int64_t declared = msg.header().upload().size();
    const int64_t limit = std::min<int64_t>(options_.max_upload_bytes, int64_t{64} << 20);
    if (declared <= 0) return ToGrpcStatus(absl::InvalidArgumentError("declared size required"));
    if (declared > limit) {
      return ToGrpcStatus(absl::ResourceExhaustedError("XLIFF file is over the size limit"));
    }
    std::string xml;
    while (reader->Read(&msg)) {
      if (!msg.has_chunk()) {
        return ToGrpcStatus(absl::InvalidArgumentError("only chunks may follow the header"));
      }
      if (static_cast<int64_t>(xml.size() + msg.chunk().data().size()) > declared) {
        return ToGrpcStatus(absl::InvalidArgumentError("more bytes than the declared size"));
      }
      xml += msg.chunk().data();
    }
    if (static_cast<int64_t>(xml.size()) != declared) {
      return ToGrpcStatus(absl::InvalidArgumentError("truncated XLIFF upload"));
    }
    auto n = manager_->ImportXliff(*p, case_id, xml);
    if (!n.ok()) return ToGrpcStatus(n.status());
    resp->set_accepted(*n);
    return grpc::Status::OK;
  }

  grpc::Status ApproveCase(grpc::ServerContext* ctx, const v1::ApproveCaseRequest* req,
                           v1::Case* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    auto c = manager_->Approve(*p, req->case_id());
    if (!c.ok()) return ToGrpcStatus(c.status());
    *resp = ToProto(*c, {});
    return grpc::Status::OK;
  }

  grpc::Status ExportPackage(grpc::ServerContext* ctx, const v1::ExportPackageRequest* req,
                             grpc::ServerWriter<v1::BuildPackageResponse>* writer) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    cases::ExportOptions eo;
    auto signer = Signer();
    if (!signer.ok()) return ToGrpcStatus(signer.status());
    eo.signer = *signer;
    for (const auto& pem : req->recipient_cert_pem()) eo.recipient_certs.push_back(pem);
    const std::string path = absl::StrCat(options_.home, "/tmp/export-", getpid(), "-",
                                          reinterpret_cast<uintptr_t>(ctx), ".asice");
    auto result = manager_->ExportPackage(*p, req->case_id(), eo, path);
    if (!result.ok()) return ToGrpcStatus(result.status());
    // The package, or its encrypted volumes, streamed one file after the other.
    std::vector<std::pair<std::string, std::string>> files;  // (volume name, path)
    if (result->volumes.empty()) {
      files.emplace_back("package.asice", path);
    } else {
      for (size_t i = 0; i < result->volumes.size(); ++i) {
        files.emplace_back(absl::StrFormat("package.asice.p7m.%03d", i + 1), result->volumes[i]);
      }
    }
    bool ok = true;
    std::string buf(kChunk, '\0');
    for (const auto& [name, file] : files) {
      v1::BuildPackageResponse msg;
      msg.set_volume(name);
      ok = ok && writer->Write(msg);
      std::ifstream in(file, std::ios::binary);
      while (ok && in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() <= 0) break;
        v1::BuildPackageResponse chunk;
        chunk.mutable_chunk()->set_data(buf.data(), static_cast<size_t>(in.gcount()));
        ok = writer->Write(chunk);
      }
      std::remove(file.c_str());
    }
    return grpc::Status::OK;
  }

  grpc::Status GetCustodyLog(grpc::ServerContext* ctx, const v1::GetCustodyLogRequest* req,
                             grpc::ServerWriter<v1::CustodyLogLine>* writer) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    auto lines = manager_->CustodyLog(*p, req->case_id());
    if (!lines.ok()) return ToGrpcStatus(lines.status());
    for (const std::string& l : *lines) {
      v1::CustodyLogLine line;
      line.set_line(l);
      if (!writer->Write(line)) break;
    }
    return grpc::Status::OK;
  }

  grpc::Status VerifyCustodyLog(grpc::ServerContext* ctx, const v1::VerifyCustodyLogRequest* req,
                                v1::VerifyCustodyLogResponse* resp) override {
    auto p = Authenticate(*ctx, tokens_);
    if (!p.ok()) return ToGrpcStatus(p.status());
    auto v = manager_->VerifyCustody(*p, req->case_id());
    if (!v.ok()) return ToGrpcStatus(v.status());
    resp->set_ok(v->ok);
    resp->set_lines(v->lines);
    resp->set_merkle_root(v->merkle_root);
    resp->set_detail(v->detail);
    return grpc::Status::OK;
  }

 private:
  // The authority's key in $BAYYINA_HOME/signing/{key,cert}.pem, else the local test signer.
  absl::StatusOr<cases::SigningIdentity> Signer() {
    const std::string dir = absl::StrCat(options_.home, "/signing");
    if (std::ifstream(dir + "/key.pem").good()) {
      return cases::LoadSigner(dir + "/key.pem", dir + "/cert.pem");
    }
    bool created = false;
    auto id = cases::LoadOrCreateTestSigner(dir, &created);
    if (id.ok()) {
      Log(LogLevel::kWarning, "cases.test_signer",
          {{"notice", absl::string_view(cases::kTestSignerNotice)}});
    }
    return id;
  }

  ServiceOptions options_;
  std::unique_ptr<CaseManager> manager_;
  cases::TokenRegistry tokens_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<grpc::Service>> NewCaseService(const ServiceOptions& options) {
  if (options.home.empty()) {
    return absl::FailedPreconditionError("the case service needs a home directory");
  }
  auto tokens = cases::TokenRegistry::LoadFile(absl::StrCat(options.home, "/principals.json"));
  if (!tokens.ok()) return tokens.status();
  cases::CaseManagerOptions o;
  o.home = options.home;
  o.max_document_bytes = options.max_upload_bytes;
  o.job_workers = 2;
  o.engines = options.engines;
  auto manager = CaseManager::Open(o);
  if (!manager.ok()) return manager.status();
  return std::make_unique<CaseServiceImpl>(options, std::move(*manager), std::move(*tokens));
}

}  // namespace bayyina::services
