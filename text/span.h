#ifndef BAYYINA_TEXT_SPAN_H_
#define BAYYINA_TEXT_SPAN_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace bayyina::text {

// A half-open byte range [begin, end) of some UTF-8 text that the caller owns.
struct TextSpan {
  size_t begin = 0;
  size_t end = 0;

  size_t size() const { return end - begin; }
  // The bytes of `text` that this span covers. REQUIRES: end <= text.size().
  absl::string_view Of(absl::string_view text) const { return text.substr(begin, end - begin); }

  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

}  // namespace bayyina::text

#endif  // BAYYINA_TEXT_SPAN_H_
