#ifndef BAYYINA_REDACT_PAGE_REDACTOR_H_
#define BAYYINA_REDACT_PAGE_REDACTOR_H_

// The image half of redaction for one OCR'd page: decide which pixel boxes to burn (findings
// mapped to the words that hold them, fail-closed rules for what OCR could not read, reviewer
// boxes), flag image regions such as photos for review, burn solid black boxes, and check the
// result with a second, different reading (the leak check).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ocr/engine.h"
#include "ocr/page.h"
#include "ocr/pix.h"
#include "redact/analyzer.h"
#include "redact/burn_area.h"
#include "redact/case_key.h"
#include "redact/policy.h"
#include "redact/redaction_log.h"

namespace bayyina::redact {

// A box a reviewer drew on a page for something that is not text (photo, signature, stamp).
struct ReviewBox {
  int page = 1;
  ocr::Box box;
  std::string kind = "reviewer";
};

struct PageRedactionOptions {
  // Words read with less confidence (0-100) count as unreadable for the fail-closed rules.
  float low_confidence = 55;
  // Words read with less confidence than this count as garbled for name chains: a word next
  // to a name that OCR was this unsure of is taken as part of the name.
  float doubtful_confidence = 85;
  // Pixels added around every burnt word box (anti-aliasing, OCR box jitter, dots and marks
  // just outside a word's box). 6 covered every value's box on the benchmark pages where 4
  // left two at 89-90% (docs/benchmarks.md).
  int pad = 6;
  // Flag halftone (photo) regions for review.
  bool flag_photos = true;
};

struct PagePlan {
  std::vector<LogFinding> findings;  // what was found on the page (redacted or not)
  // Padded areas to fill with black: word boxes turned with the page's skew, reviewer boxes.
  std::vector<BurnQuad> burn;
  // The words that stay, as printed: the rest of a burn area's bounding box is filled but for
  // these (BurnQuads).
  std::vector<BurnQuad> keep;
  std::vector<LogRegion> regions;    // photos flagged for review, reviewer boxes
  // (type, HMAC) of every redacted value, for the leak check.
  std::vector<std::pair<EntityType, std::string>> redacted_values;
  // The options the plan was made with; the leak check judges by the same thresholds.
  PageRedactionOptions options;
};

// Plans the redaction of `page` (its words and boxes) under `policy`. `image` is the decoded page
// the OCR read (for its skew and photo regions; may be null: no skew, no photos). Thread-safe.
absl::StatusOr<PagePlan> PlanPage(const Analyzer& analyzer, const ocr::Page& page,
                                  text::Language lang, const Policy& policy, const CaseKey& key,
                                  const std::vector<ReviewBox>& review_boxes, Pix* image,
                                  const PageRedactionOptions& options = {});

// A copy of `image` (same size, no text/comment field) with every box filled solid black
// (BurnQuads).
absl::StatusOr<ocr::PixPtr> BurnBoxes(Pix* image, const std::vector<ocr::Box>& boxes);

struct BurntPage {
  // The burnt page, whatever the leak check said: for measuring and for a reviewer's eyes.
  ocr::PixPtr burnt;
  // Set when the policy asks for a leak check.
  std::optional<LeakCheckResult> leak_check;
  // False when the leak check found a survivor. Then the page must not leave: callers write
  // no output for it and report the survivors (fail closed). Survivors are not burnt on top,
  // because a second reading that still finds a value means the plan was wrong somewhere a
  // person has to look.
  bool releasable = false;
};

// Burns `plan` into `image` (the page `page` was read from) and, when the policy asks for
// it, runs LeakCheck on the result. The one place that decides whether a redacted page may
// be released; `bayyina redact`, the service and the cases workflow all go through it.
absl::StatusOr<BurntPage> BurnAndCheck(ocr::EnginePool& pool, Pix* image, int dpi,
                                       const ocr::Page& page, text::Language lang,
                                       const Analyzer& analyzer, const Policy& policy,
                                       const CaseKey& key, const PagePlan& plan);

// Reads `image` with a set-up different from the default first pass: scaled by `scale`, no
// rescaling or denoising, token re-reading on; word boxes are mapped back to `image`'s pixels.
absl::StatusOr<ocr::Page> ReadScaled(ocr::EnginePool& pool, Pix* image, int dpi, int page_number,
                                     const std::string& ocr_language, double scale);

// What survived the burn of `plan` according to `again`, a second reading of the burnt page
// (word boxes in page pixels): every redacted value whose HMAC appears again in it, and every
// finding of a new analysis of it outside the burnt boxes, except a name guessed from a person
// cue alone over text that `first` (the first reading, which `plan` was made from) read there
// as the same cue and plain words: the burn changed what the second reading sees next to the
// cue, and the first pass judged that text with the cue on the unburnt page. Judges with
// plan.options' thresholds. Thread-safe.
absl::StatusOr<std::vector<LeakSurvivor>> Survivors(const ocr::Page& first, const ocr::Page& again,
                                                    text::Language lang, const Analyzer& analyzer,
                                                    const Policy& policy, const CaseKey& key,
                                                    const PagePlan& plan);

// Reads `redacted` (the burnt page) again with a different set-up than the first pass
// (ReadScaled at 1.5x) and reports its Survivors.
absl::StatusOr<LeakCheckResult> LeakCheck(ocr::EnginePool& pool, Pix* redacted, int dpi,
                                          const ocr::Page& first, text::Language lang,
                                          const Analyzer& analyzer, const Policy& policy,
                                          const CaseKey& key, const PagePlan& plan);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_PAGE_REDACTOR_H_
