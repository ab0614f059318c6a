// Measures DetectLanguage on the real corpora: the share of lines of five or more words whose
// language is detected right, per corpus side. Not run by CTest.
// Also prints, for information, the same table for lines of two or more words.
// Usage: text_detect_eval [CORPORA_DIR] (default: $BAYYINA_CORPORA or ../shared/corpora).
#include <cstdio>
#include <string>

#include "text/corpora.h"

int main(int argc, char** argv) {
  std::string dir;
  if (argc > 1) {
    dir = argv[1];
  } else if (auto found = bayyina::text::CorporaDir()) {
    dir = *found;
  } else {
    std::fprintf(stderr, "text_detect_eval: corpora directory not found; pass it as argument\n");
    return 2;
  }
  for (int min_words : {5, 2}) {
    const auto scores = bayyina::text::EvaluateDetection(dir, min_words);
    if (scores.empty()) {
      std::fprintf(stderr, "text_detect_eval: no corpus files under the given directory\n");
      return 2;
    }
    std::printf("lines of %d or more words\n", min_words);
    std::printf("%-56s %-4s %7s %7s %8s\n", "corpus side", "lang", "lines", "right", "share");
    for (const auto& s : scores) {
      std::printf("%-56s %-4s %7zu %7zu %7.2f%%\n", s.corpus.c_str(), s.language.c_str(),
                  s.lines, s.correct, 100.0 * s.share());
    }
  }
  return 0;
}
