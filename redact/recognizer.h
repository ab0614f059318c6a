#ifndef BAYYINA_REDACT_RECOGNIZER_H_
#define BAYYINA_REDACT_RECOGNIZER_H_

// A recognizer finds one kind of personal data in an AnalysisText. Recognizers live in
// redact/recognizers/, one per file; adding one is that file plus one line in
// redact/recognizers/recognizers.def. An external NER model plugs in through the same
// interface (see redact/ner_recognizer.h).

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "redact/analysis_text.h"
#include "redact/entity.h"

namespace bayyina::redact {

// A raw hit, in bytes of the NORMALIZED text. The analyzer resolves overlaps and maps it back.
struct Candidate {
  EntityType type;
  uint32_t begin;
  uint32_t end;
  float score;
  std::string_view detector;  // static string naming the rule
};

class Recognizer {
 public:
  virtual ~Recognizer() = default;

  // A short stable name ("phone"), used in findings' detector field and in configuration.
  virtual std::string_view name() const = 0;

  // Appends every candidate found in `text` to `out`. Must be thread-safe (the analyzer calls
  // it concurrently for different texts). A recognizer that cannot decide reports a low score;
  // an error (an external model that is down) fails the whole analysis, because a silently
  // skipped recognizer would leak what it should have found.
  virtual absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const = 0;
};

// Every built-in recognizer, in the order of redact/recognizers/recognizers.def.
std::vector<std::unique_ptr<Recognizer>> BuiltinRecognizers();

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_RECOGNIZER_H_
