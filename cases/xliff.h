#ifndef BAYYINA_CASES_XLIFF_H_
#define BAYYINA_CASES_XLIFF_H_

// Drafts as XLIFF 2.1 (OASIS, core + the translation candidates module "mtc") for CAT tools,
// and reviewed XLIFF back into the case.
//
// One <file> per document (id = the document id, original = its neutral name), one <unit> per
// draft segment ("u-" + segment id) holding one <segment> (id = segment id, state = initial,
// translated, reviewed or final). Redacted values are protected inline codes
// <ph id="N" equiv="[TYPE_N]" disp="[TYPE_N]"/>. TM suggestions are <mtc:match> elements whose
// ref points at the segment ("#" + segment id), with similarity and origin.
//
// tm/ does not provide an XLIFF 2.1 writer or reader yet; this one is specific to drafts.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cases/model.h"

namespace bayyina::cases {

struct XliffFile {
  std::string document_id;
  std::string original;  // neutral document name
  std::vector<SegmentRecord> segments;
};

// Writes one XLIFF 2.1 document. Languages are BCP-47.
std::string WriteXliff(absl::string_view source_language, absl::string_view target_language,
                       const std::vector<XliffFile>& files);

// Reads the targets and states of a reviewed XLIFF 2.x document: for each <file> its id and
// the segments (id, target, state) that carry a target. Inline <ph> codes become the
// placeholder text they stand for. InvalidArgument when it is not XLIFF 2 (root, namespace,
// version), when a DTD or entity declaration is present (unsafe XML), or when a segment has
// no id or an unknown state.
absl::StatusOr<std::vector<XliffFile>> ReadXliff(absl::string_view xml);

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_XLIFF_H_
