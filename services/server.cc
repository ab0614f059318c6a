#include "services/server.h"

#include <fstream>
#include <sstream>

#include <arpa/inet.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "services/call_watch.h"
#include "services/log.h"
#include "services/registry.h"

namespace bayyina::services {
namespace {

// Splits "host:port", "[v6]:port" or "unix:path" and returns the host part.
absl::StatusOr<std::string> HostOf(absl::string_view address) {
  if (absl::StartsWith(address, "unix:")) return std::string("unix");
  if (absl::ConsumePrefix(&address, "[")) {
    const size_t end = address.find(']');
    if (end == absl::string_view::npos) {
      return absl::InvalidArgumentError("listen address has '[' without ']'");
    }
    return std::string(address.substr(0, end));
  }
  const size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) {
    return absl::InvalidArgumentError("listen address must be HOST:PORT, e.g. 127.0.0.1:50051");
  }
  return std::string(address.substr(0, colon));
}

bool IsLoopback(const std::string& host) {
  if (host == "unix" || host == "localhost") return true;
  in_addr v4;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", what, " file ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerConfig& c) {
  if (c.tls_cert_file.empty() && c.tls_key_file.empty()) {
    if (!c.tls_client_ca_file.empty()) {
      return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
    }
    return grpc::InsecureServerCredentials();
  }
  if (c.tls_cert_file.empty() || c.tls_key_file.empty()) {
    return absl::InvalidArgumentError("TLS needs both --tls-cert and --tls-key");
  }
  auto cert = ReadFile(c.tls_cert_file, "TLS certificate");
  if (!cert.ok()) return cert.status();
  auto key = ReadFile(c.tls_key_file, "TLS key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back({*key, *cert});
  if (!c.tls_client_ca_file.empty()) {
    auto ca = ReadFile(c.tls_client_ca_file, "client CA");
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *ca;
    options.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

}  // namespace

absl::Status CheckListenAddress(absl::string_view address, bool tls) {
  auto host = HostOf(address);
  if (!host.ok()) return host.status();
  if (!tls && !IsLoopback(*host)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "refusing to listen on non-loopback address '", address,
        "' without TLS; use 127.0.0.1:PORT, or give --tls-cert and --tls-key"));
  }
  return absl::OkStatus();
}

struct Server::Impl {
  ServerConfig config;
  std::vector<HostedService> services;
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  absl::Mutex mu;
  bool shut_down = false;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Shutdown();
  Wait();
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerConfig& config) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  const bool tls = !config.tls_cert_file.empty() || !config.tls_key_file.empty();
  if (absl::Status s = CheckListenAddress(config.address, tls); !s.ok()) return s;
  auto credentials = Credentials(config);
  if (!credentials.ok()) return credentials.status();

  std::vector<std::string> names = config.services;
  if (names.empty()) {
    for (absl::string_view n : ServiceNames()) names.emplace_back(n);
  }
  for (const std::string& name : names) {
    auto service = MakeService(name, config.service_options);
    if (!service.ok()) return service.status();
    impl->services.push_back(std::move(*service));
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.address, *credentials, &impl->port);
  builder.SetMaxReceiveMessageSize(config.max_message_bytes);
  builder.SetMaxSendMessageSize(config.max_message_bytes);
  for (HostedService& s : impl->services) builder.RegisterService(s.service.get());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(NewCallWatchFactory(config.max_rpc_duration));
  builder.experimental().SetInterceptorCreators(std::move(creators));

  impl->server = builder.BuildAndStart();
  if (impl->server == nullptr || impl->port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", config.address, " (in use or not a local address?)"));
  }
  grpc::HealthCheckServiceInterface* health = impl->server->GetHealthCheckService();
  std::vector<std::string> hosted;
  for (const HostedService& s : impl->services) {
    health->SetServingStatus(s.full_name, true);
    hosted.push_back(s.short_name);
  }
  health->SetServingStatus(true);
  const std::string hosted_list = absl::StrJoin(hosted, ",");
  Log(LogLevel::kInfo, "server.started",
      {{"address", absl::string_view(config.address)},
       {"port", static_cast<long long>(impl->port)},
       {"services", absl::string_view(hosted_list)},
       {"tls", tls}});
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

void Server::Shutdown() {
  {
    absl::MutexLock lock(&impl_->mu);
    if (impl_->shut_down) return;
    impl_->shut_down = true;
  }
  Log(LogLevel::kInfo, "server.stopping",
      {{"grace_s", absl::ToDoubleSeconds(impl_->config.shutdown_grace)}});
  impl_->server->GetHealthCheckService()->Shutdown();
  impl_->server->Shutdown(absl::ToChronoTime(absl::Now() + impl_->config.shutdown_grace));
}

void Server::Wait() {
  impl_->server->Wait();
}

}  // namespace bayyina::services
