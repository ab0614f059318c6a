#include "clients/cli/remote.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/strings/str_cat.h"

namespace bayyina::cli {
namespace {

absl::StatusOr<std::string> ReadEnvFile(const char* variable) {
  const char* path = std::getenv(variable);
  if (path == nullptr || *path == '\0') return std::string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", variable, "=", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(const Invocation& in) {
  auto ca = ReadEnvFile("BAYYINA_TLS_CA");
  if (!ca.ok()) return ca.status();
  auto cert = ReadEnvFile("BAYYINA_TLS_CERT");
  if (!cert.ok()) return cert.status();
  auto key = ReadEnvFile("BAYYINA_TLS_KEY");
  if (!key.ok()) return key.status();
  if (cert->empty() != key->empty()) {
    return absl::InvalidArgumentError("set both BAYYINA_TLS_CERT and BAYYINA_TLS_KEY, or neither");
  }
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (ca->empty()) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = *ca;
    options.pem_cert_chain = *cert;
    options.pem_private_key = *key;
    credentials = grpc::SslCredentials(options);
  }
  return grpc::CreateCustomChannel(in.server, credentials, args);
}

void PrepareContext(grpc::ClientContext* context, absl::Duration timeout) {
  if (const char* token = std::getenv("BAYYINA_TOKEN"); token != nullptr && *token != '\0') {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
}

absl::Status RemoteStatus(const Invocation& in, const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat("server ", in.server, ": ", status.error_message()));
}

}  // namespace bayyina::cli
