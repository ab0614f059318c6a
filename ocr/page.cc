#include "ocr/page.h"

#include <algorithm>

namespace bayyina::ocr {

Box Box::Union(const Box& other) const {
  if (other.empty()) return *this;
  if (empty()) return other;
  return Box{std::min(left, other.left), std::min(top, other.top), std::max(right, other.right),
             std::max(bottom, other.bottom)};
}

std::string PlainText(const Page& page) {
  std::string out;
  bool first_block = true;
  for (const Block& block : page.blocks) {
    if (block.lines.empty()) continue;
    if (!first_block) out += '\n';
    first_block = false;
    for (const Line& line : block.lines) {
      bool first_word = true;
      for (const Word& word : line.words) {
        if (!first_word) out += ' ';
        first_word = false;
        out += word.text;
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace bayyina::ocr
