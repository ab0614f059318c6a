#include "tm/tmx_inline.h"

#include "absl/strings/str_cat.h"
#include "tm/xml.h"

namespace bayyina::tm {
namespace {

const char* ElementName(InlineCode::Kind kind) {
  switch (kind) {
    case InlineCode::Kind::kBegin:
      return "bpt";
    case InlineCode::Kind::kEnd:
      return "ept";
    case InlineCode::Kind::kPlaceholder:
      return "ph";
    case InlineCode::Kind::kIsolated:
      return "it";
    case InlineCode::Kind::kHighlightBegin:
    case InlineCode::Kind::kHighlightEnd:
      return "hi";
    case InlineCode::Kind::kUnknown:
      return "ut";
  }
  return "ph";
}

void AppendTextWithPlaceholders(absl::string_view text, std::string* out) {
  size_t pos = 0;
  for (const PlaceholderSpan& p : FindPlaceholders(text)) {
    out->append(XmlEscape(text.substr(pos, p.begin - pos)));
    absl::StrAppend(out, "<ph type=\"", kPlaceholderPhType, "\">",
                    XmlEscape(text.substr(p.begin, p.end - p.begin)), "</ph>");
    pos = p.end;
  }
  out->append(XmlEscape(text.substr(pos)));
}

void AppendCode(const InlineCode& code, std::string* out) {
  const char* name = ElementName(code.kind);
  if (code.kind == InlineCode::Kind::kHighlightEnd) {
    out->append("</hi>");
    return;
  }
  absl::StrAppend(out, "<", name);
  for (const auto& [key, value] : code.attributes) {
    absl::StrAppend(out, " ", key, "=\"", XmlEscape(value), "\"");
  }
  if (code.kind == InlineCode::Kind::kHighlightBegin) {
    out->append(">");
    return;
  }
  absl::StrAppend(out, ">", code.inner_markup, "</", name, ">");
}

InlineCode MakeCode(InlineCode::Kind kind, const xmlNode* element, size_t offset) {
  InlineCode code;
  code.kind = kind;
  code.offset = offset;
  for (const xmlAttr* a = element->properties; a != nullptr; a = a->next) {
    std::string name = reinterpret_cast<const char*>(a->name);
    if (a->ns != nullptr && a->ns->prefix != nullptr) {
      name = absl::StrCat(reinterpret_cast<const char*>(a->ns->prefix), ":", name);
    }
    xmlChar* value = xmlNodeListGetString(element->doc, a->children, 1);
    code.attributes.emplace_back(std::move(name),
                                 value ? reinterpret_cast<const char*>(value) : "");
    if (value != nullptr) xmlFree(value);
  }
  if (kind != InlineCode::Kind::kHighlightBegin) code.inner_markup = XmlInnerMarkup(element);
  return code;
}

void Walk(const xmlNode* parent, Segment* seg) {
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) seg->text.append(reinterpret_cast<const char*>(n->content));
      continue;
    }
    if (n->type != XML_ELEMENT_NODE) continue;
    const absl::string_view name = reinterpret_cast<const char*>(n->name);
    if (name == "ph" && XmlAttribute(n, "type") == kPlaceholderPhType) {
      // Our own placeholder: back into the text.
      seg->text.append(XmlText(n));
    } else if (name == "ph" && IsPlaceholder(XmlText(n))) {
      seg->text.append(XmlText(n));
    } else if (name == "bpt") {
      seg->codes.push_back(MakeCode(InlineCode::Kind::kBegin, n, seg->text.size()));
    } else if (name == "ept") {
      seg->codes.push_back(MakeCode(InlineCode::Kind::kEnd, n, seg->text.size()));
    } else if (name == "ph") {
      seg->codes.push_back(MakeCode(InlineCode::Kind::kPlaceholder, n, seg->text.size()));
    } else if (name == "it") {
      seg->codes.push_back(MakeCode(InlineCode::Kind::kIsolated, n, seg->text.size()));
    } else if (name == "ut") {
      seg->codes.push_back(MakeCode(InlineCode::Kind::kUnknown, n, seg->text.size()));
    } else if (name == "hi") {
      seg->codes.push_back(MakeCode(InlineCode::Kind::kHighlightBegin, n, seg->text.size()));
      Walk(n, seg);
      InlineCode end;
      end.kind = InlineCode::Kind::kHighlightEnd;
      end.offset = seg->text.size();
      seg->codes.push_back(std::move(end));
    } else {
      // Not TMX inline markup: keep its text rather than lose words.
      Walk(n, seg);
    }
  }
}

}  // namespace

std::string ToTmxInline(const Segment& segment) {
  std::string out;
  size_t pos = 0;
  for (const InlineCode& code : segment.codes) {
    const size_t offset = std::min(code.offset, segment.text.size());
    if (offset > pos) {
      AppendTextWithPlaceholders(absl::string_view(segment.text).substr(pos, offset - pos), &out);
      pos = offset;
    }
    AppendCode(code, &out);
  }
  AppendTextWithPlaceholders(absl::string_view(segment.text).substr(pos), &out);
  return out;
}

Segment FromTmxSeg(const xmlNode* seg) {
  Segment out;
  Walk(seg, &out);
  return out;
}

std::string ToTmxAnnotations(const std::vector<Annotation>& annotations) {
  std::string out;
  for (const Annotation& a : annotations) {
    const char* name = a.kind == Annotation::Kind::kProp ? "prop" : "note";
    absl::StrAppend(&out, "<", name);
    if (a.kind == Annotation::Kind::kProp) absl::StrAppend(&out, " type=\"", XmlEscape(a.type), "\"");
    if (!a.lang.empty()) absl::StrAppend(&out, " xml:lang=\"", XmlEscape(a.lang), "\"");
    absl::StrAppend(&out, ">", XmlEscape(a.value), "</", name, ">");
  }
  return out;
}

std::vector<Annotation> FromTmxAnnotations(const xmlNode* parent) {
  std::vector<Annotation> out;
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    const bool prop = IsXmlElement(n, "prop");
    if (!prop && !IsXmlElement(n, "note")) continue;
    Annotation a;
    a.kind = prop ? Annotation::Kind::kProp : Annotation::Kind::kNote;
    if (prop) a.type = XmlAttribute(n, "type");
    a.lang = XmlAttribute(n, "xml:lang");
    a.value = XmlText(n);
    out.push_back(std::move(a));
  }
  return out;
}

absl::StatusOr<std::vector<Annotation>> ParseTmxAnnotations(absl::string_view markup) {
  absl::StatusOr<XmlDoc> doc = ParseXmlSafely(absl::StrCat("<tu>", markup, "</tu>"));
  if (!doc.ok()) return doc.status();
  return FromTmxAnnotations(xmlDocGetRootElement(doc->get()));
}

absl::StatusOr<Segment> ParseTmxInline(absl::string_view markup) {
  absl::StatusOr<XmlDoc> doc = ParseXmlSafely(absl::StrCat("<seg>", markup, "</seg>"));
  if (!doc.ok()) return doc.status();
  return FromTmxSeg(xmlDocGetRootElement(doc->get()));
}

}  // namespace bayyina::tm
