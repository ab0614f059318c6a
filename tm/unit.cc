#include "tm/unit.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace bayyina::tm {

std::string Scope::ToString() const {
  switch (kind) {
    case Kind::kShared:
      return "shared";
    case Kind::kClient:
      return absl::StrCat("client:", id);
    case Kind::kCase:
      return absl::StrCat("case:", id);
  }
  return "shared";
}

absl::StatusOr<Scope> Scope::Parse(absl::string_view text) {
  if (text == "shared") return Shared();
  const size_t colon = text.find(':');
  if (colon == absl::string_view::npos || colon + 1 == text.size()) {
    return absl::InvalidArgumentError(
        "scope must be \"shared\", \"client:ID\" or \"case:ID\"");
  }
  const absl::string_view kind = text.substr(0, colon);
  std::string id(text.substr(colon + 1));
  for (char c : id) {
    if (static_cast<unsigned char>(c) < 0x20) {
      return absl::InvalidArgumentError("scope id holds a control character");
    }
  }
  if (kind == "client") return Client(std::move(id));
  if (kind == "case") return Case(std::move(id));
  return absl::InvalidArgumentError("scope kind must be \"client\" or \"case\"");
}

}  // namespace bayyina::tm
