// `bayyina serve` (and bayyinad): host the gRPC services until SIGTERM or SIGINT.

#include <pthread.h>
#include <signal.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cli/command.h"
#include "services/log.h"
#include "services/server.h"

namespace bayyina::cli {
namespace {

absl::StatusOr<int> RunServe(const Invocation& in) {
  services::ServerConfig config;
  config.address = in.args.GetOr("listen", "127.0.0.1:50051");
  if (auto list = in.args.Get("services")) {
    for (absl::string_view name : absl::StrSplit(*list, ',', absl::SkipEmpty())) {
      config.services.emplace_back(name);
    }
  }
  auto max_mb = in.args.GetInt("max-message-mb", 16, 1, 1024);
  if (!max_mb.ok()) return max_mb.status();
  config.max_message_bytes = static_cast<int>(*max_mb << 20);
  auto max_rpc = in.args.GetInt("max-rpc-seconds", 1800, 1, 7 * 24 * 3600);
  if (!max_rpc.ok()) return max_rpc.status();
  config.max_rpc_duration = absl::Seconds(*max_rpc);
  auto grace = in.args.GetInt("shutdown-grace-seconds", 10, 0, 3600);
  if (!grace.ok()) return grace.status();
  config.shutdown_grace = absl::Seconds(*grace);
  config.tls_cert_file = in.args.GetOr("tls-cert", "");
  config.tls_key_file = in.args.GetOr("tls-key", "");
  config.tls_client_ca_file = in.args.GetOr("tls-client-ca", "");
  auto home = HomeDir();
  if (!home.ok()) return home.status();
  config.service_options.home = *home;
  config.service_options.tsa_urls = in.args.GetAll("tsa-url");

  // Block the stop signals in every thread the server will start, and wait for them here.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = services::Server::Start(config);
  if (!server.ok()) return server.status();
  if (auto port_file = in.args.Get("port-file")) {
    // Written to a temporary name and renamed, so a reader never sees a partial port.
    const std::string tmp = absl::StrCat(*port_file, ".tmp");
    std::ofstream(tmp) << (*server)->port() << "\n";
    if (std::rename(tmp.c_str(), port_file->c_str()) != 0) {
      return absl::FailedPreconditionError(absl::StrCat("cannot write --port-file ", *port_file));
    }
  }
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  services::Log(services::LogLevel::kInfo, "server.signal",
                {{"signal", absl::string_view(signal_number == SIGTERM ? "SIGTERM" : "SIGINT")}});
  (*server)->Shutdown();
  (*server)->Wait();
  services::Log(services::LogLevel::kInfo, "server.stopped");
  return 0;
}

BAYYINA_COMMAND(kServe,
                {"serve",
                 "run the gRPC services (same as bayyinad)",
                 "[--listen ADDR] [--services LIST]",
                 {
                     {"listen", FlagKind::kValue, "ADDR",
                      "host:port (default 127.0.0.1:50051; non-loopback needs TLS; port 0 = any)"},
                     {"services", FlagKind::kValue, "LIST",
                      "comma-separated subset of ocr,redaction,tm,transfer,cases (default all)"},
                     {"max-message-mb", FlagKind::kValue, "N", "largest message in MiB (default 16)"},
                     {"max-rpc-seconds", FlagKind::kValue, "N",
                      "cancel calls running longer (default 1800)"},
                     {"shutdown-grace-seconds", FlagKind::kValue, "N",
                      "on SIGTERM, let calls finish this long (default 10)"},
                     {"tls-cert", FlagKind::kValue, "PEM", "server certificate chain"},
                     {"tls-key", FlagKind::kValue, "PEM", "server private key"},
                     {"tls-client-ca", FlagKind::kValue, "PEM",
                      "require client certificates from this CA (mTLS)"},
                     {"port-file", FlagKind::kValue, "FILE", "write the bound port to FILE"},
                     {"tsa-url", FlagKind::kRepeated, "URL",
                      "an RFC 3161 TSA that package builds may name (repeatable; no others)"},
                 },
                 &RunServe});

}  // namespace
}  // namespace bayyina::cli
