// `bayyina case create|submit|status|findings|draft|translate|approve|export|log`: the case
// workflow step by step, embedded (state under $BAYYINA_HOME, the local user as prosecutor and
// reviewer of its cases) or against bayyinad with --server ADDR (bearer token from
// $BAYYINA_TOKEN; the server signs exports with its own key).

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <utility>

#include <grpcpp/grpcpp.h>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bayyina/v1/cases.grpc.pb.h"
#include "cases/case_manager.h"
#include "cases/xliff.h"
#include "clients/cli/command.h"
#include "clients/cli/io.h"
#include "clients/cli/remote.h"

namespace bayyina::cli {
namespace {

cases::Principal LocalUser() {
  return {"local", {cases::Role::kProsecutor, cases::Role::kReviewer}, true};
}

absl::StatusOr<std::unique_ptr<cases::CaseManager>> OpenEmbedded(const Invocation& in) {
  auto home = HomeDir();
  if (!home.ok()) return home.status();
  cases::CaseManagerOptions o;
  o.home = *home;
  return cases::CaseManager::Open(o);
}

absl::StatusOr<std::string> Positional(const Invocation& in, size_t i, const char* what) {
  if (in.args.positional().size() <= i) {
    return absl::InvalidArgumentError(absl::StrCat("missing ", what));
  }
  return in.args.positional()[i];
}

// Files the case commands read whole: policies and XLIFF (64 MiB), scans (512 MiB).
absl::StatusOr<std::string> ReadAll(const std::string& path, size_t limit = size_t{64} << 20) {
  return ReadFile(path, limit);
}

// The output path ("-o OUT" arrives as --o; --output too) and the positional arguments.
std::pair<std::optional<std::string>, std::vector<std::string>> OutputAndFiles(
    const Invocation& in) {
  std::optional<std::string> out = in.args.Get("o");
  if (!out) out = in.args.Get("output");
  return {out, in.args.positional()};
}

// "--add-box PAGE:LEFT,TOP,RIGHT,BOTTOM" (pixels of the page image, as the leak check and the
// redaction log report them).
absl::StatusOr<std::vector<cases::ReviewRequest::AddedBox>> AddedBoxes(const Invocation& in) {
  std::vector<cases::ReviewRequest::AddedBox> out;
  for (const std::string& spec : in.args.GetAll("add-box")) {
    cases::ReviewRequest::AddedBox added;
    cases::WordBox& b = added.box;
    char tail = 0;
    if (std::sscanf(spec.c_str(), "%d:%d,%d,%d,%d%c", &added.page, &b.left, &b.top, &b.right,
                    &b.bottom, &tail) != 5 ||
        added.page < 1 || b.left < 0 || b.top < 0 || b.right <= b.left || b.bottom <= b.top) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--add-box \"", spec, "\": expected PAGE:LEFT,TOP,RIGHT,BOTTOM in pixels, e.g. 1:10,20,300,60"));
    }
    out.push_back(added);
  }
  return out;
}

// ---- Remote (--server) -------------------------------------------------------------------

namespace v1 = bayyina::v1;

// A CaseService stub on the --server channel (TLS, mTLS and the bearer token come from the
// environment: see clients/cli/remote.h).
class Remote {
 public:
  static absl::StatusOr<Remote> Connect(const Invocation& in) {
    auto channel = cli::Connect(in);
    if (!channel.ok()) return channel.status();
    Remote r;
    r.in_ = &in;
    r.stub_ = v1::CaseService::NewStub(*channel);
    return r;
  }
  std::unique_ptr<grpc::ClientContext> Context() const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    PrepareContext(ctx.get());
    return ctx;
  }
  absl::Status Check(const grpc::Status& s) const { return RemoteStatus(*in_, s); }
  v1::CaseService::Stub& stub() { return *stub_; }

 private:
  const Invocation* in_ = nullptr;
  std::shared_ptr<v1::CaseService::Stub> stub_;
};

const char* StateName(v1::SegmentState s) {
  switch (s) {
    case v1::TRANSLATED: return "translated";
    case v1::REVIEWED: return "reviewed";
    case v1::FINAL: return "final";
    default: return "initial";
  }
}

absl::StatusOr<int> RemoteCreate(const Invocation& in, Remote& r, const cases::CaseRecord& c) {
  v1::CreateCaseRequest req;
  v1::Case* pc = req.mutable_case_();
  pc->set_reference(c.reference);
  pc->set_legal_basis(c.legal_basis);
  pc->set_requesting_authority(c.requesting_authority);
  pc->set_receiving_authority(c.receiving_authority);
  pc->set_handling_code(c.handling_code);
  pc->set_source_language(c.source_language);
  pc->set_target_language(c.target_language);
  pc->set_policy_json(c.policy_json);
  v1::Case out;
  if (auto s = r.Check(r.stub().CreateCase(r.Context().get(), req, &out)); !s.ok()) return s;
  std::cout << out.id() << "\n";
  return 0;
}

absl::StatusOr<int> RemoteSubmit(Remote& r, const std::string& case_id,
                                 const std::vector<std::string>& files) {
  for (const std::string& path : files) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return absl::NotFoundError(absl::StrCat("cannot read ", path));
    auto ctx = r.Context();
    v1::SubmitDocumentResponse resp;
    auto writer = r.stub().SubmitDocument(ctx.get(), &resp);
    v1::SubmitDocumentRequest header;
    header.mutable_header()->set_case_id(case_id);
    header.mutable_header()->mutable_upload()->set_size(static_cast<int64_t>(size));
    writer->Write(header);
    absl::Status sent = StreamFile<v1::SubmitDocumentRequest>(
        path, writer.get(), [](absl::string_view bytes) {
          v1::SubmitDocumentRequest chunk;
          chunk.mutable_chunk()->set_data(std::string(bytes));
          return chunk;
        });
    if (!sent.ok() && !absl::IsUnavailable(sent)) return sent;
    writer->WritesDone();
    if (auto s = r.Check(writer->Finish()); !s.ok()) return s;
    std::cout << resp.document().id() << " " << resp.document().name() << " "
              << resp.document().sha256() << (resp.duplicate() ? " duplicate" : "") << "\n";
    v1::WatchDocumentRequest watch;
    watch.set_case_id(case_id);
    watch.set_document_id(resp.document().id());
    auto wctx = r.Context();
    auto reader = r.stub().WatchDocument(wctx.get(), watch);
    v1::DocumentStatus st;
    while (reader->Read(&st)) {
      std::cerr << absl::StrFormat("%s: %s %d/%d\n", resp.document().name(),
                                   st.progress().message(), st.progress().done(),
                                   st.progress().total());
    }
    if (auto s = r.Check(reader->Finish()); !s.ok()) return s;
  }
  return 0;
}

absl::StatusOr<int> RemoteRun(const Invocation& in, absl::string_view command) {
  auto remote = Remote::Connect(in);
  if (!remote.ok()) return remote.status();
  Remote& r = *remote;
  const auto& pos = in.args.positional();
  const std::string case_id = pos.empty() ? "" : pos[0];
  const std::string doc = pos.size() > 1 ? pos[1] : "";
  if (command == "submit") return RemoteSubmit(r, case_id, {pos.begin() + 1, pos.end()});
  if (command == "status") {
    v1::GetCaseRequest req;
    req.set_case_id(case_id);
    v1::Case c;
    if (auto s = r.Check(r.stub().GetCase(r.Context().get(), req, &c)); !s.ok()) return s;
    std::cout << c.reference() << " (" << c.id() << ")" << (c.approved() ? " approved" : "")
              << "\n";
    for (const auto& d : c.documents()) {
      std::cout << absl::StrFormat("  %s %s %d pages\n", d.id(), d.name(), d.page_count());
    }
    return 0;
  }
  if (command == "findings") {
    v1::ReviewFindingsRequest review;
    review.set_case_id(case_id);
    review.set_document_id(doc);
    for (const std::string& id : in.args.GetAll("accept")) {
      auto* d = review.add_decisions();
      d->set_finding_id(id);
      d->set_decision(v1::ACCEPTED);
    }
    for (const std::string& id : in.args.GetAll("reject")) {
      auto* d = review.add_decisions();
      d->set_finding_id(id);
      d->set_decision(v1::REJECTED);
    }
    auto boxes = AddedBoxes(in);
    if (!boxes.ok()) return boxes.status();
    for (const cases::ReviewRequest::AddedBox& added : *boxes) {
      v1::Finding* f = review.add_added();
      f->set_page(added.page);
      v1::BoundingBox* b = f->add_boxes();
      b->set_x(added.box.left);
      b->set_y(added.box.top);
      b->set_width(added.box.right - added.box.left);
      b->set_height(added.box.bottom - added.box.top);
    }
    google::protobuf::RepeatedPtrField<v1::Finding> findings;
    if (review.decisions_size() > 0 || review.added_size() > 0) {
      v1::ReviewFindingsResponse out;
      if (auto s = r.Check(r.stub().ReviewFindings(r.Context().get(), review, &out)); !s.ok()) {
        return s;
      }
      findings = out.findings();
    } else {
      v1::ListFindingsRequest req;
      req.set_case_id(case_id);
      req.set_document_id(doc);
      req.set_page_size(1000);
      v1::ListFindingsResponse out;
      if (auto s = r.Check(r.stub().ListFindings(r.Context().get(), req, &out)); !s.ok()) {
        return s;
      }
      findings = out.findings();
    }
    for (const auto& f : findings) {
      std::cout << absl::StrFormat("%-16s %-14s page %d  %.2f  %s\n", f.id(),
                                   v1::EntityType_Name(f.type()), f.page(), f.score(),
                                   v1::ReviewDecision_Name(f.decision()));
    }
    return 0;
  }
  if (command == "draft") {
    if (auto path = in.args.Get("xliff")) {
      v1::ExportXliffRequest req;
      req.set_case_id(case_id);
      req.set_document_id(doc);
      auto ctx = r.Context();
      auto reader = r.stub().ExportXliff(ctx.get(), req);
      std::string xml;
      v1::FileChunk chunk;
      while (reader->Read(&chunk)) xml += chunk.data();
      if (auto s = r.Check(reader->Finish()); !s.ok()) return s;
      std::ofstream(*path, std::ios::binary) << xml;
      return 0;
    }
    v1::GetDraftRequest req;
    req.set_case_id(case_id);
    req.set_document_id(doc);
    v1::Draft draft;
    if (auto s = r.Check(r.stub().GetDraft(r.Context().get(), req, &draft)); !s.ok()) return s;
    for (const auto& seg : draft.segments()) {
      std::cout << seg.id() << "\t" << StateName(seg.state()) << "\t" << seg.source() << "\n";
      for (const auto& m : seg.matches()) {
        std::cout << "  " << m.score() << "%\t" << m.suggestion() << "\n";
      }
    }
    return 0;
  }
  if (command == "translate") {
    auto path = in.args.Get("xliff");
    if (!path) return absl::InvalidArgumentError("case translate: --xliff FILE is required");
    auto xml = ReadAll(*path);
    if (!xml.ok()) return xml.status();
    auto ctx = r.Context();
    v1::SubmitTranslationsResponse resp;
    auto writer = r.stub().ImportXliff(ctx.get(), &resp);
    v1::ImportXliffRequest header;
    header.mutable_header()->set_case_id(case_id);
    header.mutable_header()->mutable_upload()->set_size(static_cast<int64_t>(xml->size()));
    writer->Write(header);
    v1::ImportXliffRequest chunk;
    chunk.mutable_chunk()->set_data(*xml);
    writer->Write(chunk);
    writer->WritesDone();
    if (auto s = r.Check(writer->Finish()); !s.ok()) return s;
    std::cout << resp.accepted() << " segments stored\n";
    return 0;
  }
  if (command == "approve") {
    v1::ApproveCaseRequest req;
    req.set_case_id(case_id);
    v1::Case c;
    if (auto s = r.Check(r.stub().ApproveCase(r.Context().get(), req, &c)); !s.ok()) return s;
    std::cout << c.reference() << " approved\n";
    return 0;
  }
  if (command == "export") {
    auto out = OutputAndFiles(in).first;
    if (!out) return absl::InvalidArgumentError("case export: -o PACKAGE.asice is required");
    if (in.args.Has("sign-key")) {
      return absl::InvalidArgumentError("with --server the server signs with its own key");
    }
    v1::ExportPackageRequest req;
    req.set_case_id(case_id);
    auto ctx = r.Context();
    auto reader = r.stub().ExportPackage(ctx.get(), req);
    const std::string tmp = *out + ".part";
    std::ofstream file(tmp, std::ios::binary);
    v1::BuildPackageResponse msg;
    while (reader->Read(&msg)) {
      if (msg.has_chunk()) file << msg.chunk().data();
    }
    file.close();
    if (auto s = r.Check(reader->Finish()); !s.ok()) {
      std::remove(tmp.c_str());
      return s;
    }
    if (std::rename(tmp.c_str(), out->c_str()) != 0) {
      return absl::FailedPreconditionError(absl::StrCat("cannot write ", *out));
    }
    std::cout << *out << "\n";
    return 0;
  }
  if (command == "log") {
    if (in.args.Has("verify")) {
      v1::VerifyCustodyLogRequest req;
      req.set_case_id(case_id);
      v1::VerifyCustodyLogResponse v;
      if (auto s = r.Check(r.stub().VerifyCustodyLog(r.Context().get(), req, &v)); !s.ok()) {
        return s;
      }
      std::cout << (v.ok() ? "OK" : "BROKEN") << " " << v.lines() << " lines, root "
                << v.merkle_root() << (v.detail().empty() ? "" : " ") << v.detail() << "\n";
      return v.ok() ? 0 : 1;
    }
    v1::GetCustodyLogRequest req;
    req.set_case_id(case_id);
    auto ctx = r.Context();
    auto reader = r.stub().GetCustodyLog(ctx.get(), req);
    v1::CustodyLogLine line;
    while (reader->Read(&line)) std::cout << line.line() << "\n";
    if (auto s = r.Check(reader->Finish()); !s.ok()) return s;
    return 0;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown case command ", command));
}

absl::StatusOr<int> RunCreate(const Invocation& in) {
  auto ref = in.args.Get("ref");
  if (!ref) return absl::InvalidArgumentError("case create: --ref REF is required");
  cases::CaseRecord c;
  c.reference = *ref;
  c.legal_basis = in.args.GetOr("legal-basis", "");
  c.requesting_authority = in.args.GetOr("from", "");
  c.receiving_authority = in.args.GetOr("to-authority", "");
  c.handling_code = in.args.GetOr("handling-code", "H0");
  c.source_language = in.args.GetOr("lang", "auto");
  c.target_language = in.args.GetOr("to", "en");
  if (auto policy = in.args.Get("policy")) {
    auto text = ReadAll(*policy);
    if (!text.ok()) return text.status();
    c.policy_json = *text;
  }
  if (!in.server.empty()) {
    auto remote = Remote::Connect(in);
    if (!remote.ok()) return remote.status();
    return RemoteCreate(in, *remote, c);
  }
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  auto created = (*m)->CreateCase(LocalUser(), c);
  if (!created.ok()) return created.status();
  if (in.json) {
    std::cout << nlohmann::json{{"id", created->id}, {"reference", created->reference}}.dump()
              << "\n";
  } else {
    std::cout << created->id << "\n";
  }
  return 0;
}

absl::StatusOr<int> RunSubmit(const Invocation& in) {
  auto case_id = Positional(in, 0, "CASE");
  if (!case_id.ok()) return case_id.status();
  if (in.args.positional().size() < 2) return absl::InvalidArgumentError("missing FILE");
  if (!in.server.empty()) return RemoteRun(in, "submit");
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  for (size_t i = 1; i < in.args.positional().size(); ++i) {
    auto bytes = ReadAll(in.args.positional()[i], size_t{512} << 20);
    if (!bytes.ok()) return bytes.status();
    auto up = (*m)->BeginUpload(LocalUser(), *case_id, static_cast<int64_t>(bytes->size()), "");
    if (!up.ok()) return up.status();
    if (auto s = (*up)->Write(*bytes); !s.ok()) return s;
    auto r = (*up)->Finish();
    if (!r.ok()) return r.status();
    std::cout << r->document.id << " " << r->document.name << " " << r->document.sha256
              << (r->duplicate ? " duplicate" : "") << "\n";
  }
  // Embedded jobs run in this process: wait for them.
  (*m)->WaitIdle();
  return 0;
}

absl::StatusOr<int> RunStatus(const Invocation& in) {
  auto case_id = Positional(in, 0, "CASE");
  if (!case_id.ok()) return case_id.status();
  if (!in.server.empty()) return RemoteRun(in, "status");
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  (*m)->WaitIdle();
  auto view = (*m)->GetCase(LocalUser(), *case_id);
  if (!view.ok()) return view.status();
  auto withheld = (*m)->ListWithheldPages(LocalUser(), *case_id);
  if (!withheld.ok()) return withheld.status();
  if (in.json) {
    nlohmann::json docs = nlohmann::json::array();
    for (const auto& d : view->documents) {
      docs.push_back({{"id", d.id}, {"name", d.name}, {"state", cases::DocumentStateName(d.state)},
                      {"pages", d.page_count}, {"pages_done", d.pages_done}});
    }
    nlohmann::json pages = nlohmann::json::array();
    for (const cases::WithheldPage& w : *withheld) {
      nlohmann::json survivors = nlohmann::json::array();
      for (const cases::LeakSurvivor& s : w.survivors) {
        survivors.push_back({{"type", s.type},
                             {"reason", s.reason},
                             {"box", {s.box.left, s.box.top, s.box.right, s.box.bottom}}});
      }
      pages.push_back({{"document_id", w.document_id}, {"document", w.document_name},
                       {"page", w.page}, {"survivors", survivors}});
    }
    std::cout << nlohmann::json{{"id", view->record.id}, {"reference", view->record.reference},
                                {"approved", view->record.approved}, {"documents", docs},
                                {"withheld_pages", pages}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << view->record.reference << " (" << view->record.id << ")"
            << (view->record.approved ? " approved" : "") << "\n";
  for (const auto& d : view->documents) {
    std::cout << absl::StrFormat("  %s %s %s %d/%d pages\n", d.id, d.name,
                                 cases::DocumentStateName(d.state), d.pages_done, d.page_count);
  }
  for (const cases::WithheldPage& w : *withheld) {
    std::cout << absl::StrFormat("  withheld: %s page %d (the leak check still read:%s)\n",
                                 w.document_name, w.page, cases::SurvivorBoxes(w));
  }
  if (!withheld->empty()) {
    std::cout << "  Export is refused until each withheld page is reviewed: burn what survived with\n"
                 "  bayyina case findings CASE DOCUMENT --add-box PAGE:LEFT,TOP,RIGHT,BOTTOM\n";
  }
  return 0;
}

absl::StatusOr<int> RunFindings(const Invocation& in) {
  auto case_id = Positional(in, 0, "CASE");
  if (!case_id.ok()) return case_id.status();
  auto doc = Positional(in, 1, "DOCUMENT");
  if (!doc.ok()) return doc.status();
  if (!in.server.empty()) return RemoteRun(in, "findings");
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  cases::ReviewRequest review;
  for (const std::string& id : in.args.GetAll("accept")) review.decisions.push_back({id, true});
  for (const std::string& id : in.args.GetAll("reject")) review.decisions.push_back({id, false});
  auto boxes = AddedBoxes(in);
  if (!boxes.ok()) return boxes.status();
  review.added_boxes = *std::move(boxes);
  absl::StatusOr<std::vector<cases::FindingRecord>> findings =
      review.decisions.empty() && review.added_boxes.empty()
          ? (*m)->ListFindings(LocalUser(), *case_id, *doc)
          : (*m)->Review(LocalUser(), *case_id, *doc, review);
  if (!findings.ok()) return findings.status();
  for (const auto& f : *findings) {
    std::cout << absl::StrFormat("%-16s %-14s page %d  %.2f  %-9s %s\n", f.id, f.type, f.page,
                                 f.score, cases::DecisionName(f.decision),
                                 f.redacted ? f.placeholder : "(kept)");
  }
  return 0;
}

absl::StatusOr<int> RunDraft(const Invocation& in) {
  auto case_id = Positional(in, 0, "CASE");
  if (!case_id.ok()) return case_id.status();
  auto doc = Positional(in, 1, "DOCUMENT");
  if (!doc.ok()) return doc.status();
  if (!in.server.empty()) return RemoteRun(in, "draft");
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  if (auto path = in.args.Get("xliff")) {
    auto xml = (*m)->ExportXliff(LocalUser(), *case_id, *doc);
    if (!xml.ok()) return xml.status();
    std::ofstream(*path, std::ios::binary) << *xml;
    return 0;
  }
  auto draft = (*m)->GetDraft(LocalUser(), *case_id, *doc);
  if (!draft.ok()) return draft.status();
  for (const auto& s : draft->segments) {
    std::cout << s.id << "\t" << s.source << "\n";
    for (const auto& sug : s.suggestions) {
      std::cout << "  " << sug.score << "%\t" << sug.suggestion << "\n";
    }
  }
  return 0;
}

absl::StatusOr<int> RunTranslate(const Invocation& in) {
  auto case_id = Positional(in, 0, "CASE");
  if (!case_id.ok()) return case_id.status();
  auto path = in.args.Get("xliff");
  if (!path) return absl::InvalidArgumentError("case translate: --xliff FILE is required");
  auto xml = ReadAll(*path);
  if (!xml.ok()) return xml.status();
  if (!in.server.empty()) return RemoteRun(in, "translate");
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  auto n = (*m)->ImportXliff(LocalUser(), *case_id, *xml);
  if (!n.ok()) return n.status();
  std::cout << *n << " segments stored\n";
  return 0;
}

absl::StatusOr<int> RunApprove(const Invocation& in) {
  auto case_id = Positional(in, 0, "CASE");
  if (!case_id.ok()) return case_id.status();
  if (!in.server.empty()) return RemoteRun(in, "approve");
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  auto c = (*m)->Approve(LocalUser(), *case_id);
  if (!c.ok()) return c.status();
  std::cout << c->reference << " approved\n";
  return 0;
}

absl::StatusOr<int> RunExport(const Invocation& in) {
  auto case_id = Positional(in, 0, "CASE");
  if (!case_id.ok()) return case_id.status();
  auto out = OutputAndFiles(in).first;
  if (!out) return absl::InvalidArgumentError("case export: -o PACKAGE.asice is required");
  if (in.args.Has("sign-key") != in.args.Has("sign-cert")) {
    return absl::InvalidArgumentError("--sign-key and --sign-cert go together");
  }
  if (!in.server.empty()) return RemoteRun(in, "export");
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  cases::ExportOptions eo;
  if (auto key = in.args.Get("sign-key")) {
    auto signer = cases::LoadSigner(*key, *in.args.Get("sign-cert"));
    if (!signer.ok()) return signer.status();
    eo.signer = *signer;
  } else {
    auto signer = cases::LoadOrCreateTestSigner(absl::StrCat((*m)->home(), "/signing"));
    if (!signer.ok()) return signer.status();
    eo.signer = *signer;
    std::cerr << "bayyina: WARNING: signing with the local TEST-ONLY key (no --sign-key)\n";
  }
  auto r = (*m)->ExportPackage(LocalUser(), *case_id, eo, *out);
  if (!r.ok()) return r.status();
  std::cout << r->path << " " << r->sha256 << " " << (r->verified ? "verified" : "NOT VERIFIED")
            << "\n";
  return r->verified ? 0 : 1;
}

absl::StatusOr<int> RunLog(const Invocation& in) {
  auto case_id = Positional(in, 0, "CASE");
  if (!case_id.ok()) return case_id.status();
  if (!in.server.empty()) return RemoteRun(in, "log");
  auto m = OpenEmbedded(in);
  if (!m.ok()) return m.status();
  if (in.args.Has("verify")) {
    auto v = (*m)->VerifyCustody(LocalUser(), *case_id);
    if (!v.ok()) return v.status();
    std::cout << (v->ok ? "OK" : "BROKEN") << " " << v->lines << " lines, root "
              << v->merkle_root << (v->detail.empty() ? "" : " ") << v->detail << "\n";
    return v->ok ? 0 : 1;
  }
  auto lines = (*m)->CustodyLog(LocalUser(), *case_id);
  if (!lines.ok()) return lines.status();
  for (const std::string& l : *lines) std::cout << l << "\n";
  return 0;
}

const std::vector<FlagSpec> kCaseFields = {
    {"ref", FlagKind::kValue, "REF", "case reference"},
    {"lang", FlagKind::kValue, "L", "source language: ar, ckb, kmr, en or auto"},
    {"to", FlagKind::kValue, "L", "target language (default en)"},
    {"legal-basis", FlagKind::kValue, "TEXT", "MLA request or EIO reference"},
    {"from", FlagKind::kValue, "AUTHORITY", "requesting authority"},
    {"to-authority", FlagKind::kValue, "AUTHORITY", "receiving authority"},
    {"handling-code", FlagKind::kValue, "H", "H0..H3"},
    {"policy", FlagKind::kValue, "FILE", "redaction policy (JSON)"},
};

BAYYINA_COMMAND(kCaseCreate, {"case create", "open a case", "--ref REF [--lang L] [--to L] [...]",
                              kCaseFields, &RunCreate});
BAYYINA_COMMAND(kCaseSubmit, {"case submit", "submit scans to a case and process them",
                              "CASE FILE...", {}, &RunSubmit});
BAYYINA_COMMAND(kCaseStatus, {"case status", "show a case and its documents", "CASE", {},
                              &RunStatus});
BAYYINA_COMMAND(kCaseFindings,
                {"case findings",
                 "list a document's findings; accept or reject them, or burn boxes on its pages",
                 "CASE DOCUMENT [--accept ID]... [--reject ID]... [--add-box P:L,T,R,B]...",
                 {{"accept", FlagKind::kRepeated, "ID", "accept a finding"},
                  {"reject", FlagKind::kRepeated, "ID", "reject a finding"},
                  {"add-box", FlagKind::kRepeated, "P:L,T,R,B",
                   "burn this pixel box on page P (what OCR missed, a photo, a stamp)"}},
                 &RunFindings});
BAYYINA_COMMAND(kCaseDraft, {"case draft", "show a document's draft, or write it as XLIFF 2.1",
                             "CASE DOCUMENT [--xliff OUT.xlf]",
                             {{"xliff", FlagKind::kValue, "FILE", "write XLIFF 2.1 here"}},
                             &RunDraft});
BAYYINA_COMMAND(kCaseTranslate, {"case translate", "import a reviewed XLIFF 2.1 file",
                                 "CASE --xliff FILE",
                                 {{"xliff", FlagKind::kValue, "FILE", "reviewed XLIFF"}},
                                 &RunTranslate});
BAYYINA_COMMAND(kCaseApprove, {"case approve", "approve a case for export", "CASE", {},
                               &RunApprove});
BAYYINA_COMMAND(kCaseExport, {"case export", "export the signed package of an approved case",
                              "CASE -o PACKAGE.asice [--sign-key KEY --sign-cert CERT]",
                              {{"o", FlagKind::kValue, "PACKAGE", "package to write; also -o"},
                               {"output", FlagKind::kValue, "PACKAGE", "same as -o"},
                               {"sign-key", FlagKind::kValue, "KEY.pem", "signing key"},
                               {"sign-cert", FlagKind::kValue, "CERT.pem", "its certificate"}},
                              &RunExport});
BAYYINA_COMMAND(kCaseLog, {"case log", "print (or --verify) the case's custody log",
                           "CASE [--verify]",
                           {{"verify", FlagKind::kBool, "", "check the chain and print the root"}},
                           &RunLog});

}  // namespace
}  // namespace bayyina::cli
