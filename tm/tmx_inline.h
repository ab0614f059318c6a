#ifndef BAYYINA_TM_TMX_INLINE_H_
#define BAYYINA_TM_TMX_INLINE_H_

// Segments as TMX 1.4b level 2 <seg> content: text with <bpt>, <ept>, <ph>, <it>, <ut> and
// <hi>. A placeholder "[TYPE_N]" in the text is written as <ph type="x-placeholder">, so that
// CAT tools protect it, and read back into the text.

#include <libxml/tree.h>

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tm/segment.h"
#include "tm/unit.h"

namespace bayyina::tm {

// The TMX type of the <ph> that carries a placeholder.
inline constexpr absl::string_view kPlaceholderPhType = "x-placeholder";

// The <seg> content of `segment`, XML-escaped.
std::string ToTmxInline(const Segment& segment);

// Reads the children of a <seg> element (or any element with the same content model).
Segment FromTmxSeg(const xmlNode* seg);

// Parses ToTmxInline()'s output. InvalidArgument for malformed markup.
absl::StatusOr<Segment> ParseTmxInline(absl::string_view markup);

// <prop> and <note> elements for `annotations`, XML-escaped, in order.
std::string ToTmxAnnotations(const std::vector<Annotation>& annotations);

// The <prop> and <note> children of `parent` (a <tu> or <tuv>).
std::vector<Annotation> FromTmxAnnotations(const xmlNode* parent);

// Parses ToTmxAnnotations()'s output.
absl::StatusOr<std::vector<Annotation>> ParseTmxAnnotations(absl::string_view markup);

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_TMX_INLINE_H_
