#ifndef BAYYINA_TM_SEGMENT_H_
#define BAYYINA_TM_SEGMENT_H_

// A segment of translatable text with its inline codes (TMX level 2), and the typed
// placeholders that stand for redacted values.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace bayyina::tm {

// One inline code of a segment. The code's own content (the native markup it protects, such
// as "<b>" or "{1}") is kept verbatim as TMX inner markup so that export reproduces it.
struct InlineCode {
  enum class Kind {
    kBegin,        // <bpt>: opening of a paired code
    kEnd,          // <ept>: closing of a paired code
    kPlaceholder,  // <ph>: a standalone code
    kIsolated,     // <it>: a code whose partner is in another segment
    kHighlightBegin,  // <hi>: start of a highlighted run of text
    kHighlightEnd,    // </hi>
    kUnknown,      // <ut>: an unknown code (deprecated in TMX 1.4b, still found in files)
  };
  Kind kind = Kind::kPlaceholder;
  // Byte offset in Segment::text before which the code sits.
  size_t offset = 0;
  // The element's attributes in document order (i, x, type, pos, assoc...).
  std::vector<std::pair<std::string, std::string>> attributes;
  // The element's inner markup, XML-escaped as in the file (may hold <sub> elements).
  std::string inner_markup;

  bool operator==(const InlineCode&) const = default;
};

// Text plus inline codes. `text` never contains the codes' content; a redacted value appears
// in `text` as its placeholder "[TYPE_N]".
struct Segment {
  std::string text;
  std::vector<InlineCode> codes;  // sorted by offset, document order among equal offsets

  Segment() = default;
  explicit Segment(std::string t) : text(std::move(t)) {}
  bool operator==(const Segment&) const = default;
};

// A placeholder "[TYPE_N]" found in text: TYPE is upper-case ASCII letters and underscores
// (PERSON, PHONE_NUMBER...), N a decimal number.
struct PlaceholderSpan {
  size_t begin = 0;  // byte offset of '['
  size_t end = 0;    // one past ']'
  absl::string_view type;  // "PERSON"; points into the searched text
};

// Every placeholder in `text`, in order. Thread-safe.
std::vector<PlaceholderSpan> FindPlaceholders(absl::string_view text);

// True when `text` is exactly one placeholder.
bool IsPlaceholder(absl::string_view text);

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_SEGMENT_H_
