#ifndef BAYYINA_REDACT_NER_RECOGNIZER_H_
#define BAYYINA_REDACT_NER_RECOGNIZER_H_

// The seam for an optional external named-entity model (a network served elsewhere, a CRF...).
// Bayyina ships none: the rule-based recognizers work without one. A deployment that has a
// model implements EntityModel and adds NewNerRecognizer(model) to its Analyzer.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/entity.h"
#include "redact/recognizer.h"
#include "text/language.h"

namespace bayyina::redact {

class EntityModel {
 public:
  struct Span {
    EntityType type;
    size_t begin;  // byte range in the NORMALIZED text the model was given
    size_t end;
    float score;
  };

  virtual ~EntityModel() = default;
  // Short name, reported as detector "ner:<name>".
  virtual std::string name() const = 0;
  // Spans in `normalized_text` (text::Normalize output for `lang`). Must be thread-safe.
  // An error fails the analysis (a model that is down must not silently leak names).
  virtual absl::StatusOr<std::vector<Span>> Predict(absl::string_view normalized_text,
                                                    text::Language lang) const = 0;
};

// A recognizer that reports the model's spans. Spans outside the text or not on UTF-8
// boundaries are an Internal error naming the model.
std::unique_ptr<Recognizer> NewNerRecognizer(std::shared_ptr<const EntityModel> model);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_NER_RECOGNIZER_H_
