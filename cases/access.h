#ifndef BAYYINA_CASES_ACCESS_H_
#define BAYYINA_CASES_ACCESS_H_

// Who may do what. A principal is authenticated by the transport (a bearer token looked up in
// the principals file, or the common name of an mTLS client certificate) and then authorized per
// case by its membership roles. Tokens are kept only as SHA-256 hashes.
//
// The principals file ($BAYYINA_HOME/principals.json, mode 0600):
//   {"principals": [{"name": "prosecutor-1", "token_sha256": "<64 hex>",
//                    "roles": ["prosecutor"]}, ...]}
// `roles` there are global capabilities: only a principal with "prosecutor" may open cases.
// What a principal may do within a case depends on its roles in that case alone.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cases/model.h"

namespace bayyina::cases {

struct Principal {
  std::string name;          // never personal data: an account or service name
  std::vector<Role> roles;   // global capabilities (see the header comment)
  bool embedded = false;     // the local user of the embedded CLI
  bool HasRole(Role r) const;
};

// The operations the workflow guards.
enum class Action {
  kReadCase,       // case metadata and document list
  kAddMember,
  kSubmit,         // submit documents
  kWatch,          // processing progress
  kReadFindings,   // findings (types, positions, HMACs; never values)
  kReview,         // decide on findings
  kReadDraft,      // redacted draft, XLIFF export
  kTranslate,      // submit translations, XLIFF import
  kApprove,
  kExport,         // export the package (may hold originals, per policy)
  kReadCustody,    // read and verify the custody log
};

const char* ActionName(Action a);

// Whether holding `roles` in a case allows `action`. Translators get drafts and may translate,
// nothing else: never findings, originals or unredacted text.
bool Allowed(Action action, const std::vector<Role>& roles);

// Authenticates bearer tokens against the principals file.
class TokenRegistry {
 public:
  // An empty registry (every token is refused).
  TokenRegistry() = default;
  // Reads the principals file. A missing file gives an empty registry; a malformed one, or one
  // readable by group or others, is an error naming the problem (never a token).
  static absl::StatusOr<TokenRegistry> LoadFile(const std::string& path);
  static absl::StatusOr<TokenRegistry> Parse(absl::string_view json);

  // The principal holding `token`, or nullopt. Compares hashes in constant time.
  std::optional<Principal> Authenticate(absl::string_view token) const;
  // The principal called `name` (for mTLS, where the certificate names it), or nullopt.
  std::optional<Principal> Find(absl::string_view name) const;

  // Lower-case hex SHA-256 of a token, as the file stores it.
  static std::string HashToken(absl::string_view token);

 private:
  struct Entry {
    Principal principal;
    std::string token_sha256;
  };
  std::vector<Entry> entries_;
};

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_ACCESS_H_
