#ifndef BAYYINA_REDACT_ANALYZER_H_
#define BAYYINA_REDACT_ANALYZER_H_

// The analyzer runs every recognizer over the normalized form of a text, resolves overlapping
// hits, and reports findings with offsets in the ORIGINAL text (bytes and code points).

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "redact/finding.h"
#include "redact/recognizer.h"
#include "text/language.h"

namespace bayyina::redact {

struct AnalyzerLimits {
  // Larger inputs are refused, not truncated: a half-analyzed text would leak its tail.
  size_t max_input_bytes = 64u << 20;
  // Text from OCR and documents comes in lines; a line this long is not prose (a base64 blob,
  // a corrupted file) and would make context windows meaningless.
  size_t max_line_bytes = 1u << 20;
};

class Analyzer {
 public:
  // An analyzer with every built-in recognizer.
  Analyzer();
  // An analyzer with exactly these recognizers.
  explicit Analyzer(std::vector<std::unique_ptr<Recognizer>> recognizers,
                    AnalyzerLimits limits = {});

  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Adds a recognizer (an external NER model, see ner_recognizer.h). Not thread-safe: call
  // before the analyzer is shared.
  void AddRecognizer(std::unique_ptr<Recognizer> recognizer);

  // Finds personal data in UTF-8 `text` written in `lang`. Findings are sorted by position and
  // never overlap: overlapping hits merge into one finding over their union that takes the
  // type, score and detector of the best-scoring hit. Every finding is returned whatever its
  // score; policies apply thresholds.
  // Errors: InvalidArgument for invalid UTF-8 (naming the byte offset) and for a line over the
  // limit; ResourceExhausted for a text over the size limit; any error of a recognizer.
  // Messages never quote the text.
  // Thread-safe.
  absl::StatusOr<std::vector<Finding>> Analyze(absl::string_view text,
                                               text::Language lang) const;

 private:
  std::vector<std::unique_ptr<Recognizer>> recognizers_;
  AnalyzerLimits limits_;
};

// Checks that `text` is valid UTF-8 and within `limits`; the error names the problem and its
// byte offset or line number.
absl::Status CheckAnalyzableText(absl::string_view text, const AnalyzerLimits& limits);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_ANALYZER_H_
