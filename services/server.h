#ifndef BAYYINA_SERVICES_SERVER_H_
#define BAYYINA_SERVICES_SERVER_H_

// bayyinad's core: hosts a subset of the services on one address, with health checking,
// reflection, message-size limits, a per-RPC time limit, structured call logs and graceful
// shutdown.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/service_options.h"

namespace bayyina::services {

struct ServerConfig {
  // host:port to listen on. Port 0 picks a free port (see Server::port()).
  std::string address = "127.0.0.1:50051";
  // Short names of the services to host (see registry.h); all of them when empty.
  std::vector<std::string> services;
  // Largest message accepted or sent, in bytes.
  int max_message_bytes = 16 << 20;
  // Longest an RPC may run; longer calls are cancelled. Client deadlines that are shorter win.
  absl::Duration max_rpc_duration = absl::Minutes(30);
  // On shutdown, in-flight calls get this long to finish before they are cancelled.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // TLS: server certificate chain and key (PEM files). Without them only loopback is allowed.
  std::string tls_cert_file;
  std::string tls_key_file;
  // mTLS: when set, clients must present a certificate issued by this CA (PEM file).
  std::string tls_client_ca_file;
  ServiceOptions service_options;
};

// Returns OK when `address` may be listened on: any address with TLS, only loopback
// (127.0.0.0/8, ::1, localhost, unix sockets) without. The error says what to do.
absl::Status CheckListenAddress(absl::string_view address, bool tls);

class Server {
 public:
  // Validates `config`, creates the services and starts listening.
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerConfig& config);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound.
  int port() const;

  // Stops accepting calls, lets in-flight calls finish for the grace period, then cancels the
  // rest. Idempotent. Thread-safe; may be called from any thread except a handler's.
  void Shutdown();

  // Blocks until the server has shut down.
  void Wait();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_SERVER_H_
