#ifndef BAYYINA_OCR_PAGE_H_
#define BAYYINA_OCR_PAGE_H_

// The page model that OCR produces and that redaction, hOCR/ALTO/PDF output and the services
// consume. Plain values: copy and move freely; no thread-safety concerns.
//
// Coordinates are pixels of the ORIGINAL decoded page image (before any preprocessing such as
// deskew or rescaling): x grows to the right, y downwards, origin at the top-left corner.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace bayyina::ocr {

// An axis-aligned rectangle, half-open: it covers columns [left, right) and rows [top, bottom).
struct Box {
  int32_t left = 0;
  int32_t top = 0;
  int32_t right = 0;
  int32_t bottom = 0;

  int32_t width() const { return right - left; }
  int32_t height() const { return bottom - top; }
  bool empty() const { return right <= left || bottom <= top; }
  // The smallest box that covers both (an empty box is ignored).
  Box Union(const Box& other) const;
  // Blank columns between this box and `other` side by side (negative if they overlap).
  int32_t GapTo(const Box& other) const {
    return std::max(other.left - right, left - other.right);
  }
  friend bool operator==(const Box&, const Box&) = default;
};

// Writing direction of a line, decided by its strong characters.
enum class Direction { kLeftToRight, kRightToLeft };

struct Word {
  // UTF-8 text in logical (reading) order, as one would type it: Arabic letters first-to-last
  // even though they are drawn right to left; digits of a number most significant first in
  // either digit script. Raw OCR output (not normalized): it is the evidence.
  std::string text;
  Box box;
  // Recognition confidence, 0 (none) to 100.
  float confidence = 0;
  // BCP-47 code of the model/language that produced this reading: "ar", "ckb", "kmr", "en".
  std::string language;
};

struct Line {
  Box box;
  Direction direction = Direction::kLeftToRight;
  // Words in logical (reading) order: on a right-to-left line the first word is the rightmost.
  // A Latin token inside an Arabic line keeps its place in reading order.
  std::vector<Word> words;
};

struct Block {
  Box box;
  std::vector<Line> lines;  // top to bottom
};

struct Page {
  // 1-based page number within its document.
  int32_t number = 1;
  // Size of the original decoded page image in pixels.
  int32_t width = 0;
  int32_t height = 0;
  // Resolution in dots per inch: declared by the file, 300 for rendered PDF pages, or 300
  // when the file declares none (or an implausible one).
  int32_t dpi = 300;
  // BCP-47 code of the page's main language ("ar", "ckb", "kmr", "en"): requested, or detected
  // when the request was "auto".
  std::string language;
  std::vector<Block> blocks;  // in reading order
};

// The page's text: words joined by single spaces, lines by "\n", blocks separated by a blank
// line. Logical order throughout.
std::string PlainText(const Page& page);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_PAGE_H_
