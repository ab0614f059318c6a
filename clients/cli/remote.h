#ifndef BAYYINA_CLIENTS_CLI_REMOTE_H_
#define BAYYINA_CLIENTS_CLI_REMOTE_H_

// What commands need to send their request to a running bayyinad (`--server ADDR`).
//
// Credentials come from the environment, never from flags, so they stay out of shell history
// and process lists:
//   BAYYINA_TLS_CA            PEM file of the server's CA; when set the channel uses TLS.
//   BAYYINA_TLS_CERT, _KEY    client certificate and key for mTLS (both or neither).
//   BAYYINA_TOKEN             bearer token sent as "authorization: Bearer ...".

#include <cstdio>
#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clients/cli/command.h"

namespace bayyina::cli {

// A channel to `in.server`. REQUIRES: !in.server.empty().
absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(const Invocation& in);

// Sets the bearer token (if any) and a deadline `timeout` from now on `context`.
void PrepareContext(grpc::ClientContext* context, absl::Duration timeout = absl::Hours(1));

// Converts a finished call's status, adding "server ADDR: " so that the user can tell remote
// errors from local ones.
absl::Status RemoteStatus(const Invocation& in, const grpc::Status& status);

// Sends the file at `path` through `writer` in chunks of at most 1 MiB. `make_request` turns a
// chunk of bytes into the stream's request message. Returns NotFound/InvalidArgument naming
// the path when it cannot be read, and Unavailable when the stream breaks.
template <typename Request, typename Writer, typename MakeRequest>
absl::Status StreamFile(const std::string& path, Writer* writer, MakeRequest make_request) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (file == nullptr) return absl::NotFoundError("cannot open " + path);
  std::string buffer(1 << 20, '\0');
  while (true) {
    const size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    Request request = make_request(absl::string_view(buffer.data(), n));
    if (!writer->Write(request)) return absl::UnavailableError("the server closed the upload");
  }
  if (std::ferror(file.get())) return absl::DataLossError("read error on " + path);
  return absl::OkStatus();
}

}  // namespace bayyina::cli

#endif  // BAYYINA_CLIENTS_CLI_REMOTE_H_
