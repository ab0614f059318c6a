#ifndef BAYYINA_TM_UNIT_H_
#define BAYYINA_TM_UNIT_H_

// A translation unit as the memory keeps it, and the scope that decides who may see it.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tm/segment.h"

namespace bayyina::tm {

// Which memory a unit belongs to. A case's or a client's units are suggested only to lookups
// made for that case or client; shared units to everyone.
struct Scope {
  enum class Kind { kShared, kClient, kCase };
  Kind kind = Kind::kShared;
  std::string id;  // empty for kShared

  static Scope Shared() { return {}; }
  static Scope Client(std::string id) { return {Kind::kClient, std::move(id)}; }
  static Scope Case(std::string id) { return {Kind::kCase, std::move(id)}; }

  // "shared", "client:ID" or "case:ID".
  std::string ToString() const;
  // Parses ToString()'s form. InvalidArgument names what is wrong.
  static absl::StatusOr<Scope> Parse(absl::string_view text);

  bool operator==(const Scope&) const = default;
};

// A TMX <prop> or <note>, kept so that export gives back what import read.
struct Annotation {
  enum class Kind { kProp, kNote };
  Kind kind = Kind::kProp;
  std::string type;  // prop type ("x-client"); empty for notes
  std::string lang;  // xml:lang, may be empty
  std::string value;

  bool operator==(const Annotation&) const = default;
};

struct TranslationUnit {
  int64_t id = 0;            // assigned by the store
  std::string source_lang;   // BCP-47, e.g. "ar", "ckb", "ar-IQ"
  std::string target_lang;   // BCP-47, e.g. "en", "de"
  Segment source;
  Segment target;
  // Normalized match keys (tm/match_key.h) of source and target, set by TranslationMemory.
  std::string source_key;
  std::string target_key;

  std::string origin;   // which memory or case it came from ("seed", "case:C-12", a file name)
  std::string creator;  // creationid
  std::string changer;  // changeid
  std::string domain;
  std::string tuid;     // the TMX tuid, if any
  absl::Time created = absl::UnixEpoch();
  absl::Time changed = absl::UnixEpoch();
  absl::Time last_used = absl::UnixEpoch();  // UnixEpoch when never used
  int64_t usage_count = 0;
  Scope scope;

  std::vector<Annotation> annotations;         // <prop>/<note> of the <tu>
  std::vector<Annotation> source_annotations;  // of the source <tuv>
  std::vector<Annotation> target_annotations;  // of the target <tuv>
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_UNIT_H_
