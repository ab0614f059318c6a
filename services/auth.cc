#include "services/auth.h"

#include <string>

#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"

namespace bayyina::services {

absl::StatusOr<cases::Principal> Authenticate(const grpc::ServerContext& context,
                                              const cases::TokenRegistry& tokens) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it != metadata.end()) {
    absl::string_view value(it->second.data(), it->second.size());
    if (!absl::ConsumePrefix(&value, "Bearer ")) {
      return absl::UnauthenticatedError("authorization must be \"Bearer <token>\"");
    }
    auto principal = tokens.Authenticate(value);
    if (!principal) return absl::UnauthenticatedError("unknown token");
    return *principal;
  }
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth && auth->IsPeerAuthenticated()) {
    for (const grpc::string_ref& cn : auth->FindPropertyValues("x509_common_name")) {
      std::string name(cn.data(), cn.size());
      if (name.empty()) continue;
      if (auto known = tokens.Find(name)) return *known;
      return cases::Principal{name, {}, false};
    }
  }
  return absl::UnauthenticatedError("no credentials: send a bearer token or a client certificate");
}

}  // namespace bayyina::services
