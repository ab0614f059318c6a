#include "ocr/ghost_lines.h"

#include <algorithm>
#include <cstdint>

namespace bayyina::ocr {
namespace {

int64_t Area(const Box& b) { return b.empty() ? 0 : int64_t{b.width()} * b.height(); }

int64_t OverlapArea(const Box& a, const Box& b) {
  const Box both{std::max(a.left, b.left), std::max(a.top, b.top), std::min(a.right, b.right),
                 std::min(a.bottom, b.bottom)};
  return Area(both);
}

// Box edges found on a noisy page wobble by a pixel or two.
bool Inside(const Box& inner, const Box& outer) {
  const int32_t slack = std::max(2, outer.height() / 10);
  return inner.left >= outer.left - slack && inner.right <= outer.right + slack &&
         inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
}

bool WordsOnWords(const LineBoxes& ghost, const LineBoxes& host) {
  for (const Box& word : ghost.words) {
    const bool on_a_word = std::any_of(host.words.begin(), host.words.end(), [&](const Box& w) {
      return 2 * OverlapArea(word, w) > Area(word);
    });
    if (!on_a_word) return false;
  }
  return !ghost.words.empty();
}

}  // namespace

std::vector<bool> GhostLines(absl::Span<const LineBoxes> lines) {
  std::vector<bool> ghost(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    for (size_t j = 0; j < lines.size() && !ghost[i]; ++j) {
      ghost[i] = j != i && lines[j].line.height() > lines[i].line.height() &&
                 Inside(lines[i].line, lines[j].line) && WordsOnWords(lines[i], lines[j]);
    }
  }
  return ghost;
}

}  // namespace bayyina::ocr
