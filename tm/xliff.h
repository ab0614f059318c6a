#ifndef BAYYINA_TM_XLIFF_H_
#define BAYYINA_TM_XLIFF_H_

// XLIFF 2.1 for translators' CAT tools: export of a document's segments with the memory's
// suggestions in the Translation Candidates module (mtc:match, type "tm"), and import of the
// reviewed translations back into the memory. Right-to-left languages get srcDir/trgDir
// "rtl". Placeholders "[TYPE_N]" travel as <ph> codes with equiv/disp so that CAT tools
// protect them; TMX inline codes travel as <sc>/<ec>/<ph> with their original data.

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tm/segment.h"
#include "tm/translation_memory.h"

namespace bayyina::tm {

struct XliffSegment {
  enum class State { kInitial, kTranslated, kReviewed, kFinal };
  std::string id;  // unique in the document; "s<N>" when empty
  Segment source;
  std::optional<Segment> target;
  State state = State::kInitial;
  std::vector<Match> matches;  // suggestions, best first
};

struct XliffDocument {
  std::string source_lang;  // BCP-47
  std::string target_lang;
  std::string original;     // a neutral document name ("document-001"), never a submitter's
  std::vector<XliffSegment> segments;
};

// True for languages written right to left (ar, ckb, fa, he, ur, ...).
bool IsRightToLeft(absl::string_view bcp47);

// Writes `doc` as XLIFF 2.1, one <unit> per segment.
absl::Status WriteXliff(const XliffDocument& doc, std::ostream& out);

// Reads an XLIFF 2.x document (segments, states, targets; matches are not read back).
// InvalidArgument for malformed or unsafe XML or a document that is not XLIFF 2.
absl::StatusOr<XliffDocument> ReadXliff(std::istream& in);

struct XliffImportReport {
  size_t segments = 0;
  size_t imported = 0;
  size_t duplicates = 0;
  size_t not_reviewed = 0;  // state initial/translated, or no target
  size_t refused = 0;       // refused by the memory (invalid text)
};

// Adds the segments in state "reviewed" or "final" with a target to `tm`, in `scope`, with
// `origin`. Units bound for the shared scope are scrubbed as TranslationMemory::Add does.
absl::StatusOr<XliffImportReport> ImportReviewedXliff(std::istream& in, const Scope& scope,
                                                      const std::string& origin,
                                                      TranslationMemory& tm);

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_XLIFF_H_
