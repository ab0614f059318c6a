#ifndef BAYYINA_TM_TERM_H_
#define BAYYINA_TM_TERM_H_

// Termbase entries: one concept with its terms in several languages (TBX's conceptEntry).

#include <cstdint>
#include <string>
#include <vector>

namespace bayyina::tm {

struct Term {
  std::string lang;  // BCP-47
  std::string text;  // as written
  std::string key;   // normalized match key (tm/match_key.h), set by the termbase
  std::string part_of_speech;
  std::string note;
  bool operator==(const Term&) const = default;
};

struct TermEntry {
  int64_t id = 0;           // assigned by the store
  std::string concept_id;   // the TBX conceptEntry id
  std::string domain;       // subjectField
  std::string definition;
  std::string origin;       // file or termbase it came from
  std::vector<Term> terms;
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_TERM_H_
