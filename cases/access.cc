#include "cases/access.h"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "transfer/digest.h"

namespace bayyina::cases {

bool Principal::HasRole(Role r) const {
  for (Role x : roles) {
    if (x == r) return true;
  }
  return false;
}

const char* ActionName(Action a) {
  switch (a) {
    case Action::kReadCase: return "read-case";
    case Action::kAddMember: return "add-member";
    case Action::kSubmit: return "submit";
    case Action::kWatch: return "watch";
    case Action::kReadFindings: return "read-findings";
    case Action::kReview: return "review";
    case Action::kReadDraft: return "read-draft";
    case Action::kTranslate: return "translate";
    case Action::kApprove: return "approve";
    case Action::kExport: return "export";
    case Action::kReadCustody: return "read-custody";
  }
  return "unknown";
}

namespace {

// The permission matrix: for each action, the roles that may perform it.
std::vector<Role> RolesFor(Action a) {
  using R = Role;
  switch (a) {
    case Action::kReadCase:
      return {R::kProsecutor, R::kReviewer, R::kTranslator, R::kAuditor, R::kService};
    case Action::kAddMember: return {R::kProsecutor};
    case Action::kSubmit: return {R::kProsecutor, R::kService};
    case Action::kWatch: return {R::kProsecutor, R::kReviewer, R::kService};
    case Action::kReadFindings: return {R::kProsecutor, R::kReviewer};
    case Action::kReview: return {R::kProsecutor, R::kReviewer};
    case Action::kReadDraft: return {R::kProsecutor, R::kReviewer, R::kTranslator};
    case Action::kTranslate: return {R::kProsecutor, R::kReviewer, R::kTranslator};
    case Action::kApprove: return {R::kProsecutor};
    case Action::kExport: return {R::kProsecutor};
    case Action::kReadCustody: return {R::kProsecutor, R::kAuditor};
  }
  return {};
}

}  // namespace

bool Allowed(Action action, const std::vector<Role>& roles) {
  for (Role allowed : RolesFor(action)) {
    for (Role held : roles) {
      if (held == allowed) return true;
    }
  }
  return false;
}

std::string TokenRegistry::HashToken(absl::string_view token) {
  return transfer::Sha256Hex(token);
}

absl::StatusOr<TokenRegistry> TokenRegistry::Parse(absl::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (!doc.is_object() || !doc.contains("principals") || !doc["principals"].is_array()) {
    return absl::InvalidArgumentError("principals file: expected {\"principals\": [...]}");
  }
  TokenRegistry reg;
  int index = 0;
  for (const auto& p : doc["principals"]) {
    ++index;
    if (!p.is_object() || !p.contains("name") || !p["name"].is_string() ||
        p["name"].get<std::string>().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("principals file: entry ", index, " has no name"));
    }
    Entry e;
    e.principal.name = p["name"].get<std::string>();
    if (p.contains("token_sha256")) {
      if (!p["token_sha256"].is_string() || p["token_sha256"].get<std::string>().size() != 64) {
        return absl::InvalidArgumentError(absl::StrCat(
            "principals file: entry ", index, " token_sha256 must be 64 hex digits"));
      }
      e.token_sha256 = p["token_sha256"].get<std::string>();
    }
    if (p.contains("roles")) {
      if (!p["roles"].is_array()) {
        return absl::InvalidArgumentError(
            absl::StrCat("principals file: entry ", index, " roles must be a list"));
      }
      for (const auto& r : p["roles"]) {
        auto role = r.is_string() ? ParseRole(r.get<std::string>()) : std::nullopt;
        if (!role) {
          return absl::InvalidArgumentError(
              absl::StrCat("principals file: entry ", index, " has an unknown role"));
        }
        e.principal.roles.push_back(*role);
      }
    }
    reg.entries_.push_back(std::move(e));
  }
  return reg;
}

absl::StatusOr<TokenRegistry> TokenRegistry::LoadFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return TokenRegistry();
  if ((st.st_mode & 077) != 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("principals file ", path, " must not be readable by others (chmod 600)"));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  }
  return Parse(buf.str());
}

std::optional<Principal> TokenRegistry::Authenticate(absl::string_view token) const {
  if (token.empty()) return std::nullopt;
  const std::string hash = HashToken(token);
  std::optional<Principal> found;
  for (const Entry& e : entries_) {
    if (e.token_sha256.size() == hash.size() &&
        CRYPTO_memcmp(e.token_sha256.data(), hash.data(), hash.size()) == 0) {
      found = e.principal;
    }
  }
  return found;
}

std::optional<Principal> TokenRegistry::Find(absl::string_view name) const {
  for (const Entry& e : entries_) {
    if (e.principal.name == name) return e.principal;
  }
  return std::nullopt;
}

}  // namespace bayyina::cases
