#ifndef BAYYINA_TEXT_CORPORA_H_
#define BAYYINA_TEXT_CORPORA_H_

// Readers for the shared real corpora (../shared/corpora), used by tests, the benchmark and
// the detection evaluation. Not part of bayyina_text: the corpora are never shipped.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace bayyina::text {

// The corpora directory: $BAYYINA_CORPORA if set, else $BAYYINA_SOURCE_DIR/../shared/corpora,
// else ../shared/corpora relative to the working directory. nullopt if it does not exist.
std::optional<std::string> CorporaDir();

// The lines of `path` without line terminators; nullopt if it cannot be read.
std::optional<std::vector<std::string>> ReadLines(const std::string& path);

// Column `column` (0-based) of each line of a tab-separated file; nullopt if unreadable.
std::optional<std::vector<std::string>> ReadTsvColumn(const std::string& path, int column);

// Detection accuracy on one side of a corpus: lines of at least `min_words` words, and how
// many DetectLanguage() got right.
struct DetectionScore {
  std::string corpus;  // file, relative to the corpora directory
  std::string language;
  size_t lines = 0;
  size_t correct = 0;
  double share() const { return lines == 0 ? 0 : static_cast<double>(correct) / lines; }
};

// Scores DetectLanguage on the Arabic and English sides of Tatoeba and the Sorani, Kurmanji
// and English sides of the KurdishBLARK corpus. Files that are missing are left out.
std::vector<DetectionScore> EvaluateDetection(const std::string& corpora_dir, int min_words);

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_CORPORA_H_
