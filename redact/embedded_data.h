#ifndef BAYYINA_REDACT_EMBEDDED_DATA_H_
#define BAYYINA_REDACT_EMBEDDED_DATA_H_

// The files of redact/data/, compiled into the library by redact/embed_data.cmake so that the
// binary needs no data directory at run time.

#include <string_view>

namespace bayyina::redact {

std::string_view EmbeddedGivenNames();   // redact/data/given_names.txt
std::string_view EmbeddedFamilyNames();  // redact/data/family_names.txt
std::string_view EmbeddedLexicon();      // redact/data/lexicon.tsv
std::string_view EmbeddedDefaultPolicy();  // redact/default_policy.json

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_EMBEDDED_DATA_H_
