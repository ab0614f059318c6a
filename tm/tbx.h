#ifndef BAYYINA_TM_TBX_H_
#define BAYYINA_TM_TBX_H_

// TBX termbase import, streamed: TBX 2019 (ISO 30042:2019, <conceptEntry>/<langSec>/<termSec>)
// and TBX 2008 (<martif>, <termEntry>/<langSet>/<tig> or <ntig>). Parsed with the safe reader
// of tm/xml.h.

#include <istream>
#include <string>

#include "absl/status/statusor.h"
#include "tm/translation_memory.h"

namespace bayyina::tm {

struct TbxImportReport {
  size_t entries_added = 0;
  size_t terms_added = 0;
  size_t entries_skipped = 0;  // entries without any term
};

// Reads every concept entry of `in` into `tm`'s termbase; `origin` is recorded on each.
// InvalidArgument for malformed XML (nothing is added then) or a file that is not TBX.
absl::StatusOr<TbxImportReport> ImportTbx(std::istream& in, const std::string& origin,
                                          TranslationMemory& tm);

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_TBX_H_
