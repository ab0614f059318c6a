#ifndef BAYYINA_TM_TERMBASE_H_
#define BAYYINA_TM_TERMBASE_H_

// Term recognition: which termbase terms occur in a segment, with their equivalents in the
// target language. Terms match on normalized key tokens, so spelling variants that
// normalization folds (harakat, hamza forms, Kurdish letter variants, case) still hit.

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tm/term.h"

namespace bayyina::tm {

struct TermHit {
  size_t first_token = 0;  // position of the hit in the segment's key tokens
  size_t token_count = 0;
  size_t begin = 0;  // byte range of the hit in the segment's text
  size_t end = 0;
  std::string concept_id;
  std::string domain;
  Term source;                 // the term found
  std::vector<Term> targets;   // its equivalents in the target language, maybe none
};

// An immutable in-memory view of termbase entries. Thread-safe.
class Termbase {
 public:
  explicit Termbase(std::vector<TermEntry> entries);

  // Hits in `text` (language `source_lang`) with equivalents in `target_lang`, ordered by
  // position, longer terms first at the same position.
  absl::StatusOr<std::vector<TermHit>> Find(absl::string_view text,
                                            absl::string_view source_lang,
                                            absl::string_view target_lang) const;

  size_t entry_count() const { return entries_.size(); }

 private:
  struct Indexed {
    size_t entry;
    size_t term;
    std::vector<std::string> tokens;
  };
  std::vector<TermEntry> entries_;
  // (primary language, first token) -> terms starting with it.
  absl::flat_hash_map<std::string, std::vector<Indexed>> by_first_token_;
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_TERMBASE_H_
