// bayyinad's server core on a real loopback port: every RPC of the contract answers (for real
// or UNIMPLEMENTED), subsets are hosted as asked, reflection lists the services, and the
// listen-address rule holds.

#include "services/server.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "services/registry.h"

// Generated files register their descriptors when linked; these pull them in.
#include "bayyina/v1/cases.grpc.pb.h"
#include "bayyina/v1/ocr.grpc.pb.h"
#include "bayyina/v1/redaction.grpc.pb.h"
#include "bayyina/v1/transfer.grpc.pb.h"
#include "bayyina/v1/translation_memory.grpc.pb.h"

namespace bayyina::services {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = std::filesystem::temp_directory_path() /
            ("bayyina-server-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(home_);
  }
  void TearDown() override { std::filesystem::remove_all(home_); }

  std::unique_ptr<Server> StartServer(std::vector<std::string> services,
                                      absl::Duration max_rpc_duration = absl::Minutes(30)) {
    ServerConfig config;
    config.max_rpc_duration = max_rpc_duration;
    config.address = "127.0.0.1:0";
    config.services = std::move(services);
    config.service_options.home = home_.string();
    config.shutdown_grace = absl::Seconds(1);
    auto server = Server::Start(config);
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? std::move(*server) : nullptr;
  }

  // Calls `method` with one empty message and reads every reply. Works for unary and every
  // streaming shape, since all of them are streams on the wire.
  static grpc::Status CallWithEmptyMessage(int port, const std::string& method,
                                           std::string* first_reply = nullptr,
                                           const grpc::ByteBuffer* request = nullptr) {
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                       grpc::InsecureChannelCredentials());
    grpc::GenericStub stub(channel);
    grpc::CompletionQueue cq;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    auto call = stub.PrepareCall(&context, method, &cq);
    void* tag;
    bool ok;
    auto step = [&](int want) {
      EXPECT_TRUE(cq.Next(&tag, &ok));
      EXPECT_EQ(tag, reinterpret_cast<void*>(want));
      return ok;
    };
    call->StartCall(reinterpret_cast<void*>(1));
    step(1);
    grpc::Slice empty("");
    grpc::ByteBuffer message(&empty, 1);
    call->Write(request != nullptr ? *request : message, reinterpret_cast<void*>(2));
    step(2);
    call->WritesDone(reinterpret_cast<void*>(3));
    step(3);
    for (bool first = true;; first = false) {
      grpc::ByteBuffer reply;
      call->Read(&reply, reinterpret_cast<void*>(4));
      if (!step(4)) break;
      if (first && first_reply != nullptr) {
        std::vector<grpc::Slice> slices;
        EXPECT_TRUE(reply.Dump(&slices).ok());
        for (const grpc::Slice& s : slices) {
          first_reply->append(reinterpret_cast<const char*>(s.begin()), s.size());
        }
      }
    }
    grpc::Status status;
    call->Finish(&status, reinterpret_cast<void*>(5));
    step(5);
    cq.Shutdown();
    while (cq.Next(&tag, &ok)) {
    }
    return status;
  }

  std::filesystem::path home_;
};

TEST(ListenAddressTest, LoopbackOnlyWithoutTls) {
  EXPECT_TRUE(CheckListenAddress("127.0.0.1:50051", false).ok());
  EXPECT_TRUE(CheckListenAddress("127.8.9.10:1", false).ok());
  EXPECT_TRUE(CheckListenAddress("[::1]:50051", false).ok());
  EXPECT_TRUE(CheckListenAddress("localhost:50051", false).ok());
  EXPECT_TRUE(CheckListenAddress("unix:/tmp/bayyina.sock", false).ok());
  for (const char* address : {"0.0.0.0:50051", "[::]:50051", "10.0.0.5:50051",
                              "example.org:50051", "[::ffff:10.0.0.1]:1"}) {
    absl::Status status = CheckListenAddress(address, false);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << address;
    EXPECT_TRUE(CheckListenAddress(address, true).ok()) << address;
  }
  EXPECT_EQ(CheckListenAddress("no-port", false).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckListenAddress("[::1:5", false).code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ServerTest, EveryRpcOfTheContractAnswers) {
  auto server = StartServer({});
  ASSERT_NE(server, nullptr);
  // Codes a real handler may give an empty request; never UNKNOWN, INTERNAL or a timeout.
  const std::set<grpc::StatusCode> answered = {
      grpc::StatusCode::OK,                grpc::StatusCode::UNIMPLEMENTED,
      grpc::StatusCode::INVALID_ARGUMENT,  grpc::StatusCode::NOT_FOUND,
      grpc::StatusCode::FAILED_PRECONDITION, grpc::StatusCode::UNAUTHENTICATED,
      grpc::StatusCode::PERMISSION_DENIED};
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  int methods = 0;
  for (const char* name : {"bayyina.v1.OcrService", "bayyina.v1.RedactionService",
                           "bayyina.v1.TranslationMemoryService", "bayyina.v1.TransferService",
                           "bayyina.v1.CaseService"}) {
    const auto* service = pool->FindServiceByName(name);
    ASSERT_NE(service, nullptr) << name;
    for (int i = 0; i < service->method_count(); ++i) {
      const std::string path = "/" + service->full_name() + "/" + service->method(i)->name();
      grpc::Status status = CallWithEmptyMessage(server->port(), path);
      EXPECT_TRUE(answered.count(status.error_code()) > 0)
          << path << " answered " << status.error_code() << " " << status.error_message();
      ++methods;
    }
  }
  EXPECT_GE(methods, 30);
  server->Shutdown();
}

TEST_F(ServerTest, HostsOnlyTheServicesAsked) {
  auto server = StartServer({"transfer"});
  ASSERT_NE(server, nullptr);
  // A service that is not hosted is unknown to the server: UNIMPLEMENTED.
  EXPECT_EQ(CallWithEmptyMessage(server->port(), "/bayyina.v1.OcrService/ListLanguages")
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  server->Shutdown();
}

TEST_F(ServerTest, UnknownServiceNameIsRejected) {
  ServerConfig config;
  config.address = "127.0.0.1:0";
  config.services = {"ocr", "telepathy"};
  auto server = Server::Start(config);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(server.status().message().find("telepathy"), absl::string_view::npos);
}

TEST_F(ServerTest, ReflectionListsHostedServices) {
  auto server = StartServer({"ocr", "tm"});
  ASSERT_NE(server, nullptr);
  // ServerReflectionRequest{list_services: ""}: field 7, length-delimited, empty.
  const char request_bytes[] = {0x3a, 0x00};
  grpc::Slice slice(request_bytes, sizeof(request_bytes));
  grpc::ByteBuffer request(&slice, 1);
  std::string reply;
  grpc::Status status = CallWithEmptyMessage(
      server->port(), "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &reply,
      &request);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(reply.find("bayyina.v1.OcrService"), std::string::npos);
  EXPECT_NE(reply.find("bayyina.v1.TranslationMemoryService"), std::string::npos);
  EXPECT_EQ(reply.find("bayyina.v1.TransferService"), std::string::npos);
  server->Shutdown();
}

// grpc.health.v1.Health/Watch streams until cancelled, so it stands in for any long call.
TEST_F(ServerTest, CallsOutlivingTheTimeLimitAreCancelled) {
  auto server = StartServer({"ocr"}, absl::Seconds(1));
  ASSERT_NE(server, nullptr);
  const char watch_all[] = {0x0a, 0x00};  // HealthCheckRequest{service: ""}
  grpc::Slice slice(watch_all, sizeof(watch_all));
  grpc::ByteBuffer request(&slice, 1);
  const absl::Time start = absl::Now();
  grpc::Status status = CallWithEmptyMessage(server->port(), "/grpc.health.v1.Health/Watch",
                                             nullptr, &request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED) << status.error_message();
  EXPECT_LT(absl::Now() - start, absl::Seconds(15));
  server->Shutdown();
}

TEST_F(ServerTest, ShutdownCancelsCallsAfterTheGracePeriod) {
  auto server = StartServer({"ocr"});
  ASSERT_NE(server, nullptr);
  std::thread stopper([&] {
    absl::SleepFor(absl::Milliseconds(300));
    server->Shutdown();
  });
  const char watch_all[] = {0x0a, 0x00};
  grpc::Slice slice(watch_all, sizeof(watch_all));
  grpc::ByteBuffer request(&slice, 1);
  grpc::Status status = CallWithEmptyMessage(server->port(), "/grpc.health.v1.Health/Watch",
                                             nullptr, &request);
  stopper.join();
  EXPECT_FALSE(status.ok());
  server->Wait();
}

TEST_F(ServerTest, ShutdownIsIdempotent) {
  auto server = StartServer({"ocr"});
  ASSERT_NE(server, nullptr);
  server->Shutdown();
  server->Shutdown();
  server->Wait();
}

}  // namespace
}  // namespace bayyina::services
