// TransferService over a real loopback server: build streams a package out, verify streams one
// in, and the package passes the library verifier and the standard tools.

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "bayyina/v1/transfer.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/server.h"
#include "transfer/package.h"
#include "transfer/package_verifier.h"
#include "transfer/tests/test_support.h"

namespace bayyina::transfer {
namespace {
namespace fs = std::filesystem;
namespace v1 = bayyina::v1;
using test_support::PkiFile;
using test_support::Slurp;

class TransferServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = test_support::Fresh("transfer_service_home");
    fs::create_directories(home_);
    services::ServerConfig config;
    config.address = "127.0.0.1:0";
    config.services = {"transfer"};
    config.service_options.home = home_;
    config.shutdown_grace = absl::Seconds(1);
    auto server = services::Server::Start(config);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::TransferService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    server_->Shutdown();
    server_->Wait();
  }

  v1::PackageOptions Options() {
    v1::PackageOptions o;
    (*o.mutable_info())[kCaseReference] = "BGD-2026-0042";
    (*o.mutable_info())[kLegalBasis] = "MLA 2026/5";
    (*o.mutable_info())[kSenderAuthority] = "Investigating Court of Karkh";
    (*o.mutable_info())[kRecipientAuthority] = "Eurojust";
    o.set_handling_code("H3");
    o.set_signing_key_pem(Slurp(PkiFile("signer-ec.key")));
    o.set_signing_cert_pem(Slurp(PkiFile("signer-ec.pem")));
    return o;
  }

  // Runs BuildPackage; returns the received files (volume name -> bytes) or the status.
  grpc::Status Build(const v1::PackageOptions& options,
                     const std::vector<std::pair<std::string, std::string>>& files,
                     std::vector<std::pair<std::string, std::string>>* out) {
    grpc::ClientContext ctx;
    auto stream = stub_->BuildPackage(&ctx);
    v1::BuildPackageRequest req;
    *req.mutable_options() = options;
    stream->Write(req);
    for (const auto& [path, bytes] : files) {
      req.Clear();
      req.mutable_file()->set_path(path);
      req.mutable_file()->mutable_upload()->set_size(static_cast<int64_t>(bytes.size()));
      stream->Write(req);
      for (size_t off = 0; off < bytes.size(); off += 65536) {
        req.Clear();
        req.mutable_chunk()->set_data(bytes.substr(off, 65536));
        stream->Write(req);
      }
    }
    stream->WritesDone();
    v1::BuildPackageResponse resp;
    while (stream->Read(&resp)) {
      if (resp.payload_case() == v1::BuildPackageResponse::kVolume) out->emplace_back(resp.volume(), "");
      if (resp.has_chunk() && !out->empty()) out->back().second += resp.chunk().data();
    }
    return stream->Finish();
  }

  v1::VerifyPackageResponse Verify(const std::vector<std::pair<std::string, std::string>>& volumes,
                                   bool encrypted, const std::string& key) {
    grpc::ClientContext ctx;
    v1::VerifyPackageResponse resp;
    auto writer = stub_->VerifyPackage(&ctx, &resp);
    v1::VerifyPackageRequest req;
    req.mutable_options()->set_ca_pem(Slurp(PkiFile("ca.pem")));
    req.mutable_options()->set_decrypt_key_pem(key);
    writer->Write(req);
    for (const auto& [name, bytes] : volumes) {
      if (encrypted) {
        req.Clear();
        req.set_volume(name);
        writer->Write(req);
      }
      req.Clear();
      req.mutable_chunk()->set_data(bytes);
      writer->Write(req);
    }
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  std::string home_;
  std::unique_ptr<services::Server> server_;
  std::unique_ptr<v1::TransferService::Stub> stub_;
};

TEST_F(TransferServiceTest, BuildStreamsAPackageThatVerifies) {
  std::vector<std::pair<std::string, std::string>> got;
  grpc::Status s = Build(Options(),
                         {{"redacted/document-001.png", std::string(300000, 'p')},
                          {"ocr/document-001.txt", "نص\n"}},
                         &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].first, "package.asice");
  const std::string path = home_ + "/received.asice";
  test_support::WriteFile(path, got[0].second);
  PackageVerifyOptions o;
  o.ca_pem = Slurp(PkiFile("ca.pem"));
  auto v = VerifyPackage(path, o);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  std::string log;
  EXPECT_EQ(test_support::Shell("unzip -tq " + path, &log), 0) << log;

  v1::VerifyPackageResponse r = Verify(got, false, "");
  EXPECT_TRUE(r.ok());
  EXPECT_GT(r.items_size(), 5);
  // One changed byte in the stream: not an RPC error, a failed item.
  auto bad = got;
  bad[0].second[bad[0].second.size() / 3] ^= 1;
  r = Verify(bad, false, "");
  EXPECT_FALSE(r.ok());
}

TEST_F(TransferServiceTest, EncryptedBuildStreamsVolumes) {
  v1::PackageOptions o = Options();
  o.add_recipient_cert_pem(Slurp(PkiFile("recipient-rsa.pem")));
  o.set_volume_size(100000);
  std::vector<std::pair<std::string, std::string>> got;
  grpc::Status s = Build(o, {{"redacted/document-001.png", std::string(250000, 'q')}}, &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_GE(got.size(), 2u);
  EXPECT_EQ(got[0].first, "package.asice.p7m.001");
  v1::VerifyPackageResponse r = Verify(got, true, Slurp(PkiFile("recipient-rsa.key")));
  EXPECT_TRUE(r.ok());
  r = Verify(got, true, "");
  EXPECT_FALSE(r.ok());
}

TEST_F(TransferServiceTest, BadRequestsAreInvalidArgument) {
  std::vector<std::pair<std::string, std::string>> got;
  v1::PackageOptions o = Options();
  EXPECT_EQ(Build(o, {{"../escape.png", "x"}}, &got).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  o.set_handling_code("H9");
  EXPECT_EQ(Build(o, {{"a.png", "x"}}, &got).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  o = Options();
  o.set_signing_key_pem("nope");
  EXPECT_EQ(Build(o, {{"a.png", "x"}}, &got).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(got.empty());
}

}  // namespace
}  // namespace bayyina::transfer
