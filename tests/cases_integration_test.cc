// The case workflow through gRPC against a real bayyinad on an ephemeral loopback port, with
// scans rendered at test time: every role and the permission matrix, bad uploads, concurrent
// submissions, kill -9 in the middle of a multi-page document, the exported package (no
// personal value outside original/) and the XLIFF 2.1 draft.

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "bayyina/v1/cases.grpc.pb.h"
#include "cases/access.h"
#include "cases/test_pages.h"
#include "gtest/gtest.h"
#include "transfer/digest.h"

namespace {

namespace v1 = bayyina::v1;

const char* const kRoles[] = {"prosecutor-1", "reviewer-1", "translator-1", "auditor-1",
                              "service-1", "outsider-1"};

std::string Token(const std::string& name) { return absl::StrCat("tok-", name, "-7f3a9c"); }

class Daemon {
 public:
  explicit Daemon(std::string home, std::vector<std::string> extra_args = {})
      : home_(std::move(home)), extra_args_(std::move(extra_args)) {}
  ~Daemon() { Kill(SIGTERM); }

  bool Start() {
    const std::string port_file = home_ + "/port";
    std::filesystem::remove(port_file);
    pid_ = fork();
    if (pid_ == 0) {
      setenv("BAYYINA_HOME", home_.c_str(), 1);
      setenv("OMP_THREAD_LIMIT", "1", 1);
      std::string log = home_ + "/daemon.log";
      freopen(log.c_str(), "a", stderr);
      std::vector<std::string> args = {"bayyinad", "--listen", "127.0.0.1:0", "--port-file",
                                       port_file, "--services", "cases"};
      args.insert(args.end(), extra_args_.begin(), extra_args_.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(BAYYINAD_PATH, argv.data());
      _exit(127);
    }
    for (int i = 0; i < 600; ++i) {
      std::ifstream in(port_file);
      int port = 0;
      if (in >> port && port > 0) {
        port_ = port;
        channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                       grpc::InsecureChannelCredentials());
        stub_ = v1::CaseService::NewStub(channel_);
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  void Kill(int sig) {
    if (pid_ > 0) {
      kill(pid_, sig);
      int status;
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

  v1::CaseService::Stub& stub() { return *stub_; }
  int port() const { return port_; }

 private:
  std::string home_;
  std::vector<std::string> extra_args_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
};

std::unique_ptr<grpc::ClientContext> As(const std::string& principal) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!principal.empty()) ctx->AddMetadata("authorization", "Bearer " + Token(principal));
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  return ctx;
}

class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = absl::StrCat(::testing::TempDir(), "/cases-it-", getpid(), "-",
                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(home_);
    std::filesystem::create_directories(home_);
    std::string json = "{\"principals\": [";
    for (const char* name : kRoles) {
      const bool prosecutor = absl::StartsWith(name, "prosecutor") ||
                              absl::StartsWith(name, "outsider");
      absl::StrAppend(&json, json.back() == '[' ? "" : ",", "{\"name\": \"", name,
                      "\", \"token_sha256\": \"",
                      bayyina::cases::TokenRegistry::HashToken(Token(name)), "\", \"roles\": [",
                      prosecutor ? "\"prosecutor\"" : "", "]}");
    }
    json += "]}";
    const std::string path = home_ + "/principals.json";
    std::ofstream(path) << json;
    chmod(path.c_str(), 0600);
    daemon_ = std::make_unique<Daemon>(home_);
    ASSERT_TRUE(daemon_->Start());
  }
  void TearDown() override {
    daemon_.reset();
    std::filesystem::remove_all(home_);
  }

  // Restarts the daemon with TLS and required client certificates from a throw-away PKI.
  bool RestartWithMutualTls() {
    daemon_.reset();
    const std::string pki = home_ + "/pki";
    std::filesystem::create_directories(pki);
    std::ofstream(pki + "/make.sh")
        << "set -e\ncd " << pki << "\nq() { \"$@\" >/dev/null 2>&1; }\n"
        << "q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
           "-subj /CN=TestCA -keyout ca.key -out ca.pem\n"
        << "echo 'subjectAltName=DNS:localhost,IP:127.0.0.1' > ext.cnf\n"
        << "for n in localhost prosecutor-1 translator-1; do\n"
           "  q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=$n "
           "-keyout $n.key -out $n.csr\n"
           "  q openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
           "-extfile ext.cnf -out $n.pem\n"
           "done\n";
    if (std::system(("bash " + pki + "/make.sh").c_str()) != 0) return false;
    daemon_ = std::make_unique<Daemon>(
        home_, std::vector<std::string>{"--tls-cert", pki + "/localhost.pem", "--tls-key",
                                        pki + "/localhost.key", "--tls-client-ca",
                                        pki + "/ca.pem"});
    return daemon_->Start();
  }

  // A stub that authenticates with the client certificate of `name` (no token).
  std::unique_ptr<v1::CaseService::Stub> CertificateStub(const std::string& name) {
    auto read = [](const std::string& path) {
      std::ifstream in(path);
      std::stringstream buf;
      buf << in.rdbuf();
      return buf.str();
    };
    const std::string pki = home_ + "/pki/";
    grpc::SslCredentialsOptions o;
    o.pem_root_certs = read(pki + "ca.pem");
    o.pem_private_key = read(pki + name + ".key");
    o.pem_cert_chain = read(pki + name + ".pem");
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    return v1::CaseService::NewStub(grpc::CreateCustomChannel(
        absl::StrCat("127.0.0.1:", daemon_->port()), grpc::SslCredentials(o), args));
  }

  std::string CreateCase(const std::string& ref) {
    v1::CreateCaseRequest req;
    req.mutable_case_()->set_reference(ref);
    req.mutable_case_()->set_legal_basis("EIO 2026/17");
    req.mutable_case_()->set_requesting_authority("Investigating Court of Karkh");
    req.mutable_case_()->set_receiving_authority("Eurojust");
    req.mutable_case_()->set_handling_code("H2");
    req.mutable_case_()->set_source_language("en");
    req.mutable_case_()->set_target_language("de");
    v1::Case c;
    grpc::Status s = daemon_->stub().CreateCase(As("prosecutor-1").get(), req, &c);
    EXPECT_TRUE(s.ok()) << s.error_message();
    for (const char* member : {"reviewer-1", "translator-1", "auditor-1", "service-1"}) {
      v1::AddMemberRequest add;
      add.set_case_id(c.id());
      add.set_principal(member);
      add.set_role(absl::StartsWith(member, "reviewer")     ? v1::REVIEWER
                   : absl::StartsWith(member, "translator") ? v1::TRANSLATOR
                   : absl::StartsWith(member, "auditor")    ? v1::AUDITOR
                                                            : v1::SERVICE);
      v1::AddMemberResponse r;
      EXPECT_TRUE(daemon_->stub().AddMember(As("prosecutor-1").get(), add, &r).ok());
    }
    return c.id();
  }

  // Uploads `bytes` declaring `size` and `sha`, sending only the first `send` bytes.
  grpc::Status Upload(const std::string& who, const std::string& case_id,
                      const std::string& bytes, int64_t size, const std::string& sha,
                      size_t send, v1::SubmitDocumentResponse* resp) {
    auto ctx = As(who);
    auto writer = daemon_->stub().SubmitDocument(ctx.get(), resp);
    v1::SubmitDocumentRequest header;
    header.mutable_header()->set_case_id(case_id);
    header.mutable_header()->mutable_upload()->set_size(size);
    header.mutable_header()->mutable_upload()->set_sha256(sha);
    writer->Write(header);
    for (size_t i = 0; i < send; i += 16384) {
      v1::SubmitDocumentRequest chunk;
      chunk.mutable_chunk()->set_data(bytes.substr(i, std::min<size_t>(16384, send - i)));
      if (!writer->Write(chunk)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  grpc::Status Submit(const std::string& who, const std::string& case_id,
                      const std::string& bytes, v1::SubmitDocumentResponse* resp) {
    return Upload(who, case_id, bytes, static_cast<int64_t>(bytes.size()),
                  bayyina::transfer::Sha256Hex(bytes), bytes.size(), resp);
  }

  v1::DocumentStatus WaitDone(const std::string& case_id, const std::string& doc_id) {
    auto ctx = As("prosecutor-1");
    v1::WatchDocumentRequest req;
    req.set_case_id(case_id);
    req.set_document_id(doc_id);
    auto reader = daemon_->stub().WatchDocument(ctx.get(), req);
    v1::DocumentStatus st, last;
    while (reader->Read(&st)) last = st;
    EXPECT_TRUE(reader->Finish().ok());
    return last;
  }

  std::vector<std::string> CustodyLines(const std::string& case_id) {
    auto ctx = As("auditor-1");
    v1::GetCustodyLogRequest req;
    req.set_case_id(case_id);
    auto reader = daemon_->stub().GetCustodyLog(ctx.get(), req);
    std::vector<std::string> lines;
    v1::CustodyLogLine line;
    while (reader->Read(&line)) lines.push_back(line.line());
    EXPECT_TRUE(reader->Finish().ok());
    return lines;
  }

  bool CustodyOk(const std::string& case_id) {
    v1::VerifyCustodyLogRequest req;
    req.set_case_id(case_id);
    v1::VerifyCustodyLogResponse resp;
    grpc::Status s = daemon_->stub().VerifyCustodyLog(As("auditor-1").get(), req, &resp);
    return s.ok() && resp.ok();
  }

  static int Count(const std::vector<std::string>& lines, const std::string& action) {
    int n = 0;
    for (const auto& l : lines) n += absl::StrContains(l, "\"action\":\"" + action + "\"");
    return n;
  }

  std::string home_;
  std::unique_ptr<Daemon> daemon_;
};

std::map<std::string, std::string> ZipEntries(const std::string& path) {
  std::map<std::string, std::string> out;
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (z == nullptr) return out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    std::string data(st.size, '\0');
    if (f != nullptr) {
      zip_fread(f, data.data(), st.size);
      zip_fclose(f);
    }
    out[st.name] = data;
  }
  zip_close(z);
  return out;
}

TEST_F(CaseServiceTest, EveryRoleThroughTheWholeWorkflow) {
  // No token, a bad token: UNAUTHENTICATED.
  {
    v1::ListCasesRequest req;
    v1::ListCasesResponse resp;
    EXPECT_EQ(daemon_->stub().ListCases(As("").get(), req, &resp).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer not-a-token");
    EXPECT_EQ(daemon_->stub().ListCases(&ctx, req, &resp).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  // Only prosecutors open cases.
  {
    v1::CreateCaseRequest req;
    req.mutable_case_()->set_reference("X-1");
    v1::Case c;
    EXPECT_EQ(daemon_->stub().CreateCase(As("translator-1").get(), req, &c).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  const std::string case_id = CreateCase("IT-2026-0001");
  ASSERT_FALSE(case_id.empty());
  const std::string png =
      bayyina::cases::testing::RenderPng(bayyina::cases::testing::StatementLines(1));

  // Submission: translator and auditor may not; the service account may.
  v1::SubmitDocumentResponse sub;
  EXPECT_EQ(Submit("translator-1", case_id, png, &sub).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Submit("auditor-1", case_id, png, &sub).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Submit("outsider-1", case_id, png, &sub).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Submit("service-1", case_id, png, &sub).ok());
  const std::string doc = sub.document().id();
  EXPECT_EQ(sub.document().name(), "document-001.png");
  v1::DocumentStatus done = WaitDone(case_id, doc);
  ASSERT_TRUE(done.done());
  ASSERT_TRUE(done.error().empty()) << done.error();

  // The permission matrix, RPC by RPC, for the roles that must be refused.
  auto code = [&](const std::string& who, auto call) { return call(As(who).get()).error_code(); };
  v1::ListFindingsRequest lf;
  lf.set_case_id(case_id);
  lf.set_document_id(doc);
  v1::ListFindingsResponse findings;
  auto list_findings = [&](grpc::ClientContext* c) {
    return daemon_->stub().ListFindings(c, lf, &findings);
  };
  for (const char* who : {"translator-1", "auditor-1", "service-1", "outsider-1"}) {
    EXPECT_EQ(code(who, list_findings), grpc::StatusCode::PERMISSION_DENIED) << who;
  }
  v1::GetCaseRequest gc;
  gc.set_case_id(case_id);
  v1::Case got;
  EXPECT_EQ(code("outsider-1", [&](grpc::ClientContext* c) {
              return daemon_->stub().GetCase(c, gc, &got);
            }),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::GetCustodyLogRequest gl;
  gl.set_case_id(case_id);
  for (const char* who : {"translator-1", "reviewer-1", "service-1"}) {
    auto ctx = As(who);
    auto reader = daemon_->stub().GetCustodyLog(ctx.get(), gl);
    v1::CustodyLogLine line;
    EXPECT_FALSE(reader->Read(&line)) << who;
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED) << who;
  }
  v1::ApproveCaseRequest ap;
  ap.set_case_id(case_id);
  for (const char* who : {"translator-1", "reviewer-1", "auditor-1"}) {
    EXPECT_EQ(code(who, [&](grpc::ClientContext* c) {
                return daemon_->stub().ApproveCase(c, ap, &got);
              }),
              grpc::StatusCode::PERMISSION_DENIED)
        << who;
  }

  // The reviewer sees findings with boxes and HMACs, and accepts the first one.
  ASSERT_TRUE(list_findings(As("reviewer-1").get()).ok());
  ASSERT_GT(findings.findings_size(), 0);
  std::set<int> types;
  for (const auto& f : findings.findings()) {
    types.insert(f.type());
    EXPECT_EQ(f.value_hmac().size(), 64u);
  }
  EXPECT_TRUE(types.count(v1::PHONE_NUMBER));
  EXPECT_TRUE(types.count(v1::EMAIL_ADDRESS));
  v1::ReviewFindingsRequest rv;
  rv.set_case_id(case_id);
  rv.set_document_id(doc);
  auto* d = rv.add_decisions();
  d->set_finding_id(findings.findings(0).id());
  d->set_decision(v1::ACCEPTED);
  v1::ReviewFindingsResponse reviewed;
  EXPECT_EQ(daemon_->stub().ReviewFindings(As("translator-1").get(), rv, &reviewed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(daemon_->stub().ReviewFindings(As("reviewer-1").get(), rv, &reviewed).ok());
  EXPECT_EQ(reviewed.findings(0).decision(), v1::ACCEPTED);

  // The translator gets the draft and its XLIFF, and sends translations back as XLIFF.
  v1::GetDraftRequest gd;
  gd.set_case_id(case_id);
  gd.set_document_id(doc);
  v1::Draft draft;
  ASSERT_TRUE(daemon_->stub().GetDraft(As("translator-1").get(), gd, &draft).ok());
  ASSERT_GT(draft.segments_size(), 0);
  EXPECT_EQ(daemon_->stub().GetDraft(As("auditor-1").get(), gd, &draft).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  std::string xliff;
  {
    v1::ExportXliffRequest ex;
    ex.set_case_id(case_id);
    ex.set_document_id(doc);
    auto ctx = As("translator-1");
    auto reader = daemon_->stub().ExportXliff(ctx.get(), ex);
    v1::FileChunk chunk;
    while (reader->Read(&chunk)) xliff += chunk.data();
    ASSERT_TRUE(reader->Finish().ok());
  }
  for (const std::string& v : bayyina::cases::testing::StatementValues()) {
    EXPECT_FALSE(absl::StrContains(xliff, v)) << "a personal value is in the XLIFF draft";
  }
  // Core structure of XLIFF 2.1.
  pugi::xml_document x;
  ASSERT_TRUE(x.load_string(xliff.c_str()));
  pugi::xml_node root = x.document_element();
  EXPECT_STREQ(root.name(), "xliff");
  EXPECT_STREQ(root.attribute("xmlns").value(), "urn:oasis:names:tc:xliff:document:2.0");
  EXPECT_STREQ(root.attribute("xmlns:mtc").value(), "urn:oasis:names:tc:xliff:matches:2.0");
  EXPECT_STREQ(root.attribute("version").value(), "2.1");
  EXPECT_FALSE(std::string(root.attribute("srcLang").value()).empty());
  EXPECT_FALSE(std::string(root.attribute("trgLang").value()).empty());
  std::set<std::string> unit_ids;
  int segments = 0;
  for (pugi::xml_node file : root.children("file")) {
    EXPECT_FALSE(std::string(file.attribute("id").value()).empty());
    for (pugi::xml_node unit : file.children("unit")) {
      EXPECT_TRUE(unit_ids.insert(unit.attribute("id").value()).second) << "duplicate unit id";
      std::set<std::string> seg_ids;
      for (pugi::xml_node seg : unit.children("segment")) {
        EXPECT_TRUE(seg_ids.insert(seg.attribute("id").value()).second);
        EXPECT_TRUE(seg.child("source"));
        ++segments;
        for (pugi::xml_node ph : seg.child("source").children("ph")) {
          EXPECT_FALSE(std::string(ph.attribute("id").value()).empty());
        }
      }
      for (pugi::xml_node m : unit.child("mtc:matches").children("mtc:match")) {
        std::string ref = m.attribute("ref").value();
        ASSERT_TRUE(absl::StartsWith(ref, "#"));
        EXPECT_TRUE(seg_ids.count(ref.substr(1))) << "mtc:match ref to a missing segment";
        EXPECT_TRUE(m.child("source") && m.child("target"));
      }
    }
  }
  EXPECT_EQ(segments, draft.segments_size());
  // Review in the "CAT tool": fill every target and mark it final.
  for (pugi::xml_node unit : root.child("file").children("unit")) {
    pugi::xml_node seg = unit.child("segment");
    seg.attribute("state").set_value("final");
    pugi::xml_node target = seg.child("target") ? seg.child("target") : seg.append_child("target");
    for (pugi::xml_node n : seg.child("source").children()) target.append_copy(n);
    target.prepend_child(pugi::node_pcdata).set_value("DE ");
  }
  std::ostringstream reviewed_xliff;
  x.save(reviewed_xliff);
  const std::string rx = reviewed_xliff.str();
  {
    auto ctx = As("translator-1");
    v1::SubmitTranslationsResponse resp;
    auto writer = daemon_->stub().ImportXliff(ctx.get(), &resp);
    v1::ImportXliffRequest h;
    h.mutable_header()->set_case_id(case_id);
    h.mutable_header()->mutable_upload()->set_size(static_cast<int64_t>(rx.size()));
    writer->Write(h);
    v1::ImportXliffRequest c;
    c.mutable_chunk()->set_data(rx);
    writer->Write(c);
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.accepted(), draft.segments_size());
  }
  ASSERT_TRUE(daemon_->stub().GetDraft(As("prosecutor-1").get(), gd, &draft).ok());
  for (const auto& s : draft.segments()) {
    EXPECT_EQ(s.state(), v1::FINAL);
    EXPECT_TRUE(absl::StartsWith(s.target(), "DE ")) << s.target();
  }

  // Export before approval fails; after approval the prosecutor gets a verifiable package.
  v1::ExportPackageRequest ep;
  ep.set_case_id(case_id);
  auto export_package = [&](const std::string& who, std::string* bytes) {
    auto ctx = As(who);
    auto reader = daemon_->stub().ExportPackage(ctx.get(), ep);
    v1::BuildPackageResponse msg;
    while (reader->Read(&msg)) {
      if (msg.has_chunk()) *bytes += msg.chunk().data();
    }
    return reader->Finish();
  };
  std::string package;
  EXPECT_EQ(export_package("prosecutor-1", &package).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(daemon_->stub().ApproveCase(As("prosecutor-1").get(), ap, &got).ok());
  EXPECT_TRUE(got.approved());
  package.clear();
  EXPECT_EQ(export_package("translator-1", &package).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  package.clear();
  ASSERT_TRUE(export_package("prosecutor-1", &package).ok());
  const std::string path = home_ + "/received.asice";
  std::ofstream(path, std::ios::binary) << package;
  auto entries = ZipEntries(path);
  ASSERT_TRUE(entries.count("bag/bag-info.txt"));
  EXPECT_TRUE(absl::StrContains(entries["bag/bag-info.txt"], "TEST ONLY"));
  EXPECT_TRUE(entries.count("bag/data/translation/document-001.xlf"));
  EXPECT_TRUE(entries.count("bag/data/redacted/document-001.txt"));
  // The page image with the values burnt in, checked by a second reading.
  ASSERT_TRUE(entries.count("bag/data/redacted/document-001-page-001.png"));
  EXPECT_NE(entries["bag/data/redacted/document-001-page-001.png"], png);
  EXPECT_EQ(entries["bag/data/redacted/document-001-page-001.png"].substr(1, 3), "PNG");
  EXPECT_TRUE(absl::StrContains(entries["bag/data/redaction-log/document-001.json"],
                                "\"leak_check\""));
  EXPECT_FALSE(entries.count("bag/data/original/document-001.png"));  // default policy
  // No personal value in any text file outside original/.
  for (const auto& [name, data] : entries) {
    if (absl::StrContains(name, "/original/") || absl::EndsWith(name, ".p7s") ||
        absl::EndsWith(name, ".png")) {
      continue;
    }
    for (const std::string& v : bayyina::cases::testing::StatementValues()) {
      EXPECT_FALSE(absl::StrContains(data, v)) << "personal value in " << name;
    }
  }

  // The auditor reads and verifies the log: every refusal above is in it.
  auto lines = CustodyLines(case_id);
  EXPECT_EQ(Count(lines, "submit"), 1);
  EXPECT_EQ(Count(lines, "process-page:1"), 1);
  EXPECT_GE(Count(lines, "denied:submit"), 3);
  EXPECT_GE(Count(lines, "denied:read-findings"), 4);
  EXPECT_GE(Count(lines, "denied:read-custody"), 3);
  EXPECT_EQ(Count(lines, "export"), 1);
  EXPECT_TRUE(CustodyOk(case_id));
}

// The whole permission matrix, RPC by RPC: each principal either passes the access check
// (any answer but PERMISSION_DENIED) or is refused, exactly as the roles say.
TEST_F(CaseServiceTest, PermissionMatrixRpcByRpc) {
  const std::string case_id = CreateCase("IT-2026-0005");
  const std::string png = bayyina::cases::testing::RenderPng({"Exhibit for the matrix"});
  v1::SubmitDocumentResponse sub;
  ASSERT_TRUE(Submit("prosecutor-1", case_id, png, &sub).ok());
  const std::string doc = sub.document().id();
  ASSERT_TRUE(WaitDone(case_id, doc).done());
  std::string xliff;
  {
    v1::ExportXliffRequest ex;
    ex.set_case_id(case_id);
    ex.set_document_id(doc);
    auto ctx = As("prosecutor-1");
    auto reader = daemon_->stub().ExportXliff(ctx.get(), ex);
    v1::FileChunk chunk;
    while (reader->Read(&chunk)) xliff += chunk.data();
    ASSERT_TRUE(reader->Finish().ok());
  }
  auto& stub = daemon_->stub();
  using Call = std::function<grpc::Status(grpc::ClientContext*)>;
  std::vector<std::pair<std::string, Call>> rpcs = {
      {"GetCase", [&](grpc::ClientContext* c) {
         v1::GetCaseRequest r; r.set_case_id(case_id); v1::Case out;
         return stub.GetCase(c, r, &out); }},
      {"AddMember", [&](grpc::ClientContext* c) {
         v1::AddMemberRequest r; r.set_case_id(case_id); r.set_principal("nobody-x");
         r.set_role(v1::AUDITOR); v1::AddMemberResponse out;
         return stub.AddMember(c, r, &out); }},
      {"SubmitDocument", [&](grpc::ClientContext* c) {
         v1::SubmitDocumentResponse out;
         auto w = stub.SubmitDocument(c, &out);
         v1::SubmitDocumentRequest h;
         h.mutable_header()->set_case_id(case_id);
         h.mutable_header()->mutable_upload()->set_size(static_cast<int64_t>(png.size()));
         w->Write(h);
         v1::SubmitDocumentRequest k; k.mutable_chunk()->set_data(png); w->Write(k);
         w->WritesDone();
         return w->Finish(); }},
      {"WatchDocument", [&](grpc::ClientContext* c) {
         v1::WatchDocumentRequest r; r.set_case_id(case_id); r.set_document_id(doc);
         auto rd = stub.WatchDocument(c, r); v1::DocumentStatus st;
         while (rd->Read(&st)) {}
         return rd->Finish(); }},
      {"ListFindings", [&](grpc::ClientContext* c) {
         v1::ListFindingsRequest r; r.set_case_id(case_id); r.set_document_id(doc);
         v1::ListFindingsResponse out; return stub.ListFindings(c, r, &out); }},
      {"ReviewFindings", [&](grpc::ClientContext* c) {
         v1::ReviewFindingsRequest r; r.set_case_id(case_id); r.set_document_id(doc);
         v1::ReviewFindingsResponse out; return stub.ReviewFindings(c, r, &out); }},
      {"GetDraft", [&](grpc::ClientContext* c) {
         v1::GetDraftRequest r; r.set_case_id(case_id); r.set_document_id(doc);
         v1::Draft out; return stub.GetDraft(c, r, &out); }},
      {"ExportXliff", [&](grpc::ClientContext* c) {
         v1::ExportXliffRequest r; r.set_case_id(case_id); r.set_document_id(doc);
         auto rd = stub.ExportXliff(c, r); v1::FileChunk k;
         while (rd->Read(&k)) {}
         return rd->Finish(); }},
      {"SubmitTranslations", [&](grpc::ClientContext* c) {
         v1::SubmitTranslationsRequest r; r.set_case_id(case_id); r.set_document_id(doc);
         v1::SubmitTranslationsResponse out; return stub.SubmitTranslations(c, r, &out); }},
      {"ImportXliff", [&](grpc::ClientContext* c) {
         v1::SubmitTranslationsResponse out;
         auto w = stub.ImportXliff(c, &out);
         v1::ImportXliffRequest h; h.mutable_header()->set_case_id(case_id);
         h.mutable_header()->mutable_upload()->set_size(static_cast<int64_t>(xliff.size()));
         w->Write(h);
         v1::ImportXliffRequest k; k.mutable_chunk()->set_data(xliff); w->Write(k);
         w->WritesDone();
         return w->Finish(); }},
      {"ApproveCase", [&](grpc::ClientContext* c) {
         v1::ApproveCaseRequest r; r.set_case_id(case_id); v1::Case out;
         return stub.ApproveCase(c, r, &out); }},
      {"ExportPackage", [&](grpc::ClientContext* c) {
         v1::ExportPackageRequest r; r.set_case_id(case_id);
         auto rd = stub.ExportPackage(c, r); v1::BuildPackageResponse m;
         while (rd->Read(&m)) {}
         return rd->Finish(); }},
      {"GetCustodyLog", [&](grpc::ClientContext* c) {
         v1::GetCustodyLogRequest r; r.set_case_id(case_id);
         auto rd = stub.GetCustodyLog(c, r); v1::CustodyLogLine l;
         while (rd->Read(&l)) {}
         return rd->Finish(); }},
      {"VerifyCustodyLog", [&](grpc::ClientContext* c) {
         v1::VerifyCustodyLogRequest r; r.set_case_id(case_id);
         v1::VerifyCustodyLogResponse out; return stub.VerifyCustodyLog(c, r, &out); }},
  };
  // Who may call what (P prosecutor, R reviewer, T translator, A auditor, S service).
  const std::map<std::string, std::string> allowed = {
      {"GetCase", "PRTAS"},       {"AddMember", "P"},         {"SubmitDocument", "PS"},
      {"WatchDocument", "PRS"},   {"ListFindings", "PR"},     {"ReviewFindings", "PR"},
      {"GetDraft", "PRT"},        {"ExportXliff", "PRT"},     {"SubmitTranslations", "PRT"},
      {"ImportXliff", "PRT"},     {"ApproveCase", "P"},       {"ExportPackage", "P"},
      {"GetCustodyLog", "PA"},    {"VerifyCustodyLog", "PA"},
  };
  const std::map<std::string, char> letter = {{"prosecutor-1", 'P'}, {"reviewer-1", 'R'},
                                              {"translator-1", 'T'}, {"auditor-1", 'A'},
                                              {"service-1", 'S'},    {"outsider-1", '-'}};
  int denied = 0;
  for (const auto& [name, call] : rpcs) {
    for (const auto& [who, l] : letter) {
      grpc::Status s = call(As(who).get());
      const bool may = allowed.at(name).find(l) != std::string::npos;
      if (may) {
        EXPECT_NE(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << who << " " << name << ": " << s.error_message();
        EXPECT_NE(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << who << " " << name;
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << who << " " << name;
        ++denied;
      }
      // No credentials at all: UNAUTHENTICATED for every RPC.
    }
    EXPECT_EQ(call(As("").get()).error_code(), grpc::StatusCode::UNAUTHENTICATED) << name;
  }
  // Every refusal is in the custody log, and the chain holds.
  int logged = 0;
  for (const std::string& line : CustodyLines(case_id)) {
    logged += absl::StrContains(line, "\"action\":\"denied:");
  }
  EXPECT_EQ(logged, denied);
  EXPECT_TRUE(CustodyOk(case_id));
}

// mTLS: the principal is the client certificate's common name, with the roles the principals
// file gives that name; no token is needed, and the same per-case checks apply.
TEST_F(CaseServiceTest, ClientCertificatesNamePrincipals) {
  ASSERT_TRUE(RestartWithMutualTls());
  auto prosecutor = CertificateStub("prosecutor-1");
  auto translator = CertificateStub("translator-1");
  v1::CreateCaseRequest req;
  req.mutable_case_()->set_reference("IT-2026-0006");
  v1::Case c;
  grpc::ClientContext create;
  grpc::Status s = prosecutor->CreateCase(&create, req, &c);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::AddMemberRequest add;
  add.set_case_id(c.id());
  add.set_principal("translator-1");
  add.set_role(v1::TRANSLATOR);
  v1::AddMemberResponse added;
  grpc::ClientContext add_ctx;
  ASSERT_TRUE(prosecutor->AddMember(&add_ctx, add, &added).ok());
  v1::GetCaseRequest get;
  get.set_case_id(c.id());
  grpc::ClientContext get_ctx;
  EXPECT_TRUE(translator->GetCase(&get_ctx, get, &c).ok());
  v1::ListFindingsRequest lf;
  lf.set_case_id(c.id());
  lf.set_document_id("d-001");
  v1::ListFindingsResponse findings;
  grpc::ClientContext lf_ctx;
  EXPECT_EQ(translator->ListFindings(&lf_ctx, lf, &findings).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext create2;
  req.mutable_case_()->set_reference("IT-2026-0007");
  EXPECT_EQ(translator->CreateCase(&create2, req, &c).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CaseServiceTest, BadUploadsAreRejectedCleanly) {
  const std::string case_id = CreateCase("IT-2026-0002");
  const std::string png = bayyina::cases::testing::RenderPng({"A short page"});
  const std::string sha = bayyina::transfer::Sha256Hex(png);
  const int64_t size = static_cast<int64_t>(png.size());
  v1::SubmitDocumentResponse r;
  // Truncated stream.
  EXPECT_EQ(Upload("prosecutor-1", case_id, png, size, sha, png.size() / 2, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // Wrong declared size (smaller, then larger than what is sent).
  EXPECT_EQ(Upload("prosecutor-1", case_id, png, size - 10, "", png.size(), &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Upload("prosecutor-1", case_id, png, size + 10, "", png.size(), &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // Wrong declared hash.
  EXPECT_EQ(Upload("prosecutor-1", case_id, png, size, std::string(64, 'b'), png.size(), &r)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // Unknown case.
  EXPECT_EQ(Upload("prosecutor-1", "c-0000000000000000", png, size, sha, png.size(), &r)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Oversize (declared beyond the server's limit).
  EXPECT_EQ(Upload("prosecutor-1", case_id, png, int64_t{1} << 40, "", 0, &r).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Nothing stored, nothing half-written, the log still verifies and records no submission.
  v1::GetCaseRequest gc;
  gc.set_case_id(case_id);
  v1::Case c;
  ASSERT_TRUE(daemon_->stub().GetCase(As("prosecutor-1").get(), gc, &c).ok());
  EXPECT_EQ(c.documents_size(), 0);
  int files = 0;
  for (const char* dir : {"/blobs", "/tmp"}) {
    for (auto& e : std::filesystem::recursive_directory_iterator(home_ + dir)) {
      files += e.is_regular_file();
    }
  }
  EXPECT_EQ(files, 0);
  EXPECT_EQ(Count(CustodyLines(case_id), "submit"), 0);
  EXPECT_TRUE(CustodyOk(case_id));
}

TEST_F(CaseServiceTest, InvalidUtf8IsRejectedNamingTheField) {
  v1::CreateCaseRequest req;
  req.mutable_case_()->set_reference("IT-2026-0009");
  req.mutable_case_()->set_legal_basis("EIO \xff 2026/17");
  req.mutable_case_()->set_handling_code("H2");
  req.mutable_case_()->set_source_language("ar");
  req.mutable_case_()->set_target_language("en");
  v1::Case c;
  grpc::Status s = daemon_->stub().CreateCase(As("prosecutor-1").get(), req, &c);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "legal_basis")) << s.error_message();

  const std::string case_id = CreateCase("IT-2026-0010");
  v1::SubmitTranslationsRequest tr;
  tr.set_case_id(case_id);
  tr.set_document_id("d-0000000000000000");
  v1::DraftSegment* segment = tr.add_segments();
  segment->set_id("s1");
  segment->set_target("\xd8");  // a sequence cut short
  segment->set_state(v1::TRANSLATED);
  v1::SubmitTranslationsResponse accepted;
  s = daemon_->stub().SubmitTranslations(As("translator-1").get(), tr, &accepted);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "segment 1 target")) << s.error_message();

  // The service still serves, and the bad case was not created.
  v1::ListCasesRequest list;
  v1::ListCasesResponse cases;
  ASSERT_TRUE(daemon_->stub().ListCases(As("prosecutor-1").get(), list, &cases).ok());
  EXPECT_EQ(cases.cases_size(), 1);
}

TEST_F(CaseServiceTest, ConcurrentSubmissionsFromSeveralClients) {
  const std::string case_id = CreateCase("IT-2026-0003");
  std::vector<std::string> pages;
  for (int i = 0; i < 3; ++i) {
    pages.push_back(bayyina::cases::testing::RenderPng({absl::StrCat("Exhibit number ", i + 1)}));
  }
  std::vector<std::thread> clients;
  std::vector<grpc::Status> results(4);
  std::vector<v1::SubmitDocumentResponse> responses(4);
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&, i] {
      // Client 3 sends the same bytes as client 0: one of them is a duplicate.
      results[i] = Submit(i % 2 ? "service-1" : "prosecutor-1", case_id, pages[i % 3],
                          &responses[i]);
    });
  }
  for (auto& t : clients) t.join();
  std::set<std::string> ids;
  int duplicates = 0;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].error_message();
    ids.insert(responses[i].document().id());
    duplicates += responses[i].duplicate();
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(duplicates, 1);
  for (const std::string& id : ids) EXPECT_TRUE(WaitDone(case_id, id).error().empty());
  auto lines = CustodyLines(case_id);
  EXPECT_EQ(Count(lines, "submit"), 3);
  EXPECT_EQ(Count(lines, "submit-duplicate"), 1);
  EXPECT_EQ(Count(lines, "processed"), 3);
  EXPECT_TRUE(CustodyOk(case_id));
}

TEST_F(CaseServiceTest, KillNineMidDocumentThenRestartFinishesEveryPageOnce) {
  const std::string case_id = CreateCase("IT-2026-0004");
  std::vector<std::vector<std::string>> pages;
  constexpr int kPages = 4;
  for (int i = 1; i <= kPages; ++i) pages.push_back(bayyina::cases::testing::StatementLines(i));
  const std::string tiff = bayyina::cases::testing::RenderTiff(pages, home_ + "/scan.tif");
  v1::SubmitDocumentResponse sub;
  ASSERT_TRUE(Submit("prosecutor-1", case_id, tiff, &sub).ok());
  EXPECT_EQ(sub.document().page_count(), kPages);
  // Wait for the first committed page, then kill the server without warning.
  {
    auto ctx = As("prosecutor-1");
    v1::WatchDocumentRequest req;
    req.set_case_id(case_id);
    req.set_document_id(sub.document().id());
    auto reader = daemon_->stub().WatchDocument(ctx.get(), req);
    v1::DocumentStatus st;
    while (reader->Read(&st) && st.progress().done() < 1) {
    }
    ASSERT_LT(st.progress().done(), kPages) << "finished before the kill; nothing to resume";
    daemon_->Kill(SIGKILL);
    ctx->TryCancel();
  }
  ASSERT_TRUE(daemon_->Start());
  v1::DocumentStatus done = WaitDone(case_id, sub.document().id());
  ASSERT_TRUE(done.done());
  EXPECT_TRUE(done.error().empty()) << done.error();
  EXPECT_EQ(done.progress().done(), kPages);
  auto lines = CustodyLines(case_id);
  for (int i = 1; i <= kPages; ++i) {
    EXPECT_EQ(Count(lines, absl::StrCat("process-page:", i)), 1) << "page " << i;
  }
  EXPECT_EQ(Count(lines, "processed"), 1);
  EXPECT_TRUE(CustodyOk(case_id));
  v1::GetDraftRequest gd;
  gd.set_case_id(case_id);
  gd.set_document_id(sub.document().id());
  v1::Draft draft;
  ASSERT_TRUE(daemon_->stub().GetDraft(As("prosecutor-1").get(), gd, &draft).ok());
  std::set<std::string> ids;
  for (const auto& s : draft.segments()) EXPECT_TRUE(ids.insert(s.id()).second);
  std::set<std::string> page_prefixes;
  for (const auto& id : ids) page_prefixes.insert(id.substr(0, id.find('-')));
  EXPECT_EQ(page_prefixes.size(), static_cast<size_t>(kPages));
}

}  // namespace
