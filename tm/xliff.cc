#include "tm/xliff.h"

#include <libxml/tree.h>

#include <map>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tm/match_key.h"
#include "tm/xml.h"

namespace bayyina::tm {
namespace {

constexpr absl::string_view kXliffNs = "urn:oasis:names:tc:xliff:document:2.0";
constexpr absl::string_view kMatchesNs = "urn:oasis:names:tc:xliff:matches:2.0";

const char* StateName(XliffSegment::State s) {
  switch (s) {
    case XliffSegment::State::kInitial:
      return "initial";
    case XliffSegment::State::kTranslated:
      return "translated";
    case XliffSegment::State::kReviewed:
      return "reviewed";
    case XliffSegment::State::kFinal:
      return "final";
  }
  return "initial";
}

std::string Attr(const InlineCode& code, absl::string_view name) {
  for (const auto& [k, v] : code.attributes) {
    if (k == name) return v;
  }
  return "";
}

// The unescaped native code text of a TMX inline code.
std::string NativeCode(const InlineCode& code) {
  if (code.inner_markup.empty()) return "";
  absl::StatusOr<XmlDoc> doc = ParseXmlSafely(absl::StrCat("<d>", code.inner_markup, "</d>"));
  if (!doc.ok()) return "";
  return XmlText(xmlDocGetRootElement(doc->get()));
}

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

std::string SafeId(absl::string_view prefix, absl::string_view raw) {
  std::string id(prefix);
  for (char c : raw) id += IsNameChar(c) ? c : '_';
  return id;
}

// Writes inline content. Placeholders become <ph equiv disp>; codes become <sc>/<ec>/<ph>
// whose ids are derived from the TMX i/x attributes, so source and target agree, with their
// native text in `data` (id -> text) when `data` is given; without it codes are dropped.
void AppendContent(const Segment& seg, std::map<std::string, std::string>* data,
                   std::string* out) {
  std::map<std::string, int> seen;
  auto unique = [&](std::string id) {
    const int n = ++seen[id];
    return n == 1 ? id : absl::StrCat(id, ".", n);
  };
  auto text = [&](absl::string_view t) {
    size_t pos = 0;
    for (const PlaceholderSpan& p : FindPlaceholders(t)) {
      out->append(XmlEscape(t.substr(pos, p.begin - pos)));
      const std::string value(t.substr(p.begin, p.end - p.begin));
      absl::StrAppend(out, "<ph id=\"", unique(SafeId("ph", value)), "\" equiv=\"",
                      XmlEscape(value), "\" disp=\"", XmlEscape(value), "\"/>");
      pos = p.end;
    }
    out->append(XmlEscape(t.substr(pos)));
  };
  size_t pos = 0;
  int n = 0;
  for (const InlineCode& code : seg.codes) {
    const size_t offset = std::min(code.offset, seg.text.size());
    if (offset > pos) {
      text(absl::string_view(seg.text).substr(pos, offset - pos));
      pos = offset;
    }
    ++n;
    if (data == nullptr) continue;
    const std::string i = Attr(code, "i");
    const std::string x = Attr(code, "x");
    std::string id;
    std::string element;
    switch (code.kind) {
      case InlineCode::Kind::kBegin:
        id = unique(!i.empty() ? SafeId("b", i) : absl::StrCat("c", n));
        element = absl::StrCat("<sc id=\"", id, "\"");
        break;
      case InlineCode::Kind::kEnd:
        id = unique(!i.empty() ? SafeId("e", i) : absl::StrCat("c", n));
        element = !i.empty() ? absl::StrCat("<ec id=\"", id, "\" startRef=\"", SafeId("b", i), "\"")
                             : absl::StrCat("<ec id=\"", id, "\" isolated=\"yes\"");
        break;
      case InlineCode::Kind::kIsolated:
        id = unique(!x.empty() ? SafeId("x", x) : absl::StrCat("c", n));
        element = absl::StrCat(Attr(code, "pos") == "end" ? "<ec" : "<sc", " id=\"", id,
                               "\" isolated=\"yes\"");
        break;
      case InlineCode::Kind::kHighlightBegin:
        id = unique(absl::StrCat("h", n));
        element = absl::StrCat("<sc id=\"", id, "\"");
        break;
      case InlineCode::Kind::kHighlightEnd:
        id = unique(absl::StrCat("h", n));
        element = absl::StrCat("<ec id=\"", id, "\" isolated=\"yes\"");
        break;
      case InlineCode::Kind::kPlaceholder:
      case InlineCode::Kind::kUnknown:
        id = unique(!x.empty() ? SafeId("x", x) : absl::StrCat("c", n));
        element = absl::StrCat("<ph id=\"", id, "\"");
        break;
    }
    const std::string native = NativeCode(code);
    if (!native.empty()) {
      const std::string data_id = absl::StrCat("d", id);
      (*data)[data_id] = native;
      absl::StrAppend(&element, " dataRef=\"", data_id, "\"");
    }
    absl::StrAppend(out, element, "/>");
  }
  text(absl::string_view(seg.text).substr(pos));
}

std::string Similarity(int score) { return absl::StrFormat("%d.0", std::clamp(score, 0, 100)); }

// Reading ------------------------------------------------------------------------------

void ReadContent(const xmlNode* parent, const std::map<std::string, std::string>& data,
                 std::map<std::string, int>* pair_ids, Segment* seg) {
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) seg->text.append(reinterpret_cast<const char*>(n->content));
      continue;
    }
    if (n->type != XML_ELEMENT_NODE) continue;
    const absl::string_view name = reinterpret_cast<const char*>(n->name);
    const std::string data_ref = XmlAttribute(n, "dataRef");
    auto it = data.find(data_ref);
    const std::string native = it == data.end() ? "" : it->second;
    auto code = [&](InlineCode::Kind kind, std::vector<std::pair<std::string, std::string>> attrs) {
      InlineCode c;
      c.kind = kind;
      c.offset = seg->text.size();
      c.attributes = std::move(attrs);
      c.inner_markup = XmlEscape(native);
      seg->codes.push_back(std::move(c));
    };
    auto pair_id = [&](const std::string& id) {
      auto [pit, inserted] = pair_ids->try_emplace(id, static_cast<int>(pair_ids->size()) + 1);
      return std::to_string(pit->second);
    };
    if (name == "ph") {
      const std::string equiv = XmlAttribute(n, "equiv");
      if (IsPlaceholder(equiv)) {
        seg->text.append(equiv);
      } else if (IsPlaceholder(native)) {
        seg->text.append(native);
      } else {
        code(InlineCode::Kind::kPlaceholder, {{"x", pair_id(XmlAttribute(n, "id"))}});
      }
    } else if (name == "sc") {
      if (XmlAttribute(n, "isolated") == "yes") {
        code(InlineCode::Kind::kIsolated, {{"pos", "begin"}});
      } else {
        code(InlineCode::Kind::kBegin, {{"i", pair_id(XmlAttribute(n, "id"))}});
      }
    } else if (name == "ec") {
      const std::string start = XmlAttribute(n, "startRef");
      if (start.empty()) {
        code(InlineCode::Kind::kIsolated, {{"pos", "end"}});
      } else {
        code(InlineCode::Kind::kEnd, {{"i", pair_id(start)}});
      }
    } else if (name == "pc") {
      const std::string i = pair_id(XmlAttribute(n, "id"));
      code(InlineCode::Kind::kBegin, {{"i", i}});
      ReadContent(n, data, pair_ids, seg);
      code(InlineCode::Kind::kEnd, {{"i", i}});
    } else if (name == "cp") {
      uint32_t cp = 0;
      if (absl::SimpleHexAtoi(XmlAttribute(n, "hex"), &cp) && cp > 0 && cp < 0x110000) {
        // Encode as UTF-8.
        std::string u;
        if (cp < 0x80) {
          u += static_cast<char>(cp);
        } else if (cp < 0x800) {
          u += static_cast<char>(0xC0 | (cp >> 6));
          u += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          u += static_cast<char>(0xE0 | (cp >> 12));
          u += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          u += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          u += static_cast<char>(0xF0 | (cp >> 18));
          u += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
          u += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          u += static_cast<char>(0x80 | (cp & 0x3F));
        }
        seg->text += u;
      }
    } else if (name == "mrk") {
      ReadContent(n, data, pair_ids, seg);
    }
    // sm/em (annotation markers) carry no text.
  }
}

absl::Status ReadUnit(const xmlNode* unit, XliffDocument* doc) {
  std::map<std::string, std::string> data;
  for (const xmlNode* n = unit->children; n != nullptr; n = n->next) {
    if (!IsXmlElement(n, "originalData")) continue;
    for (const xmlNode* d = n->children; d != nullptr; d = d->next) {
      if (IsXmlElement(d, "data")) data[XmlAttribute(d, "id")] = XmlText(d);
    }
  }
  for (const xmlNode* n = unit->children; n != nullptr; n = n->next) {
    if (!IsXmlElement(n, "segment")) continue;
    XliffSegment seg;
    seg.id = XmlAttribute(n, "id");
    const std::string state = XmlAttribute(n, "state");
    if (state == "translated") seg.state = XliffSegment::State::kTranslated;
    if (state == "reviewed") seg.state = XliffSegment::State::kReviewed;
    if (state == "final") seg.state = XliffSegment::State::kFinal;
    std::map<std::string, int> pair_ids;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsXmlElement(c, "source")) {
        ReadContent(c, data, &pair_ids, &seg.source);
      } else if (IsXmlElement(c, "target")) {
        Segment target;
        ReadContent(c, data, &pair_ids, &target);
        seg.target = std::move(target);
      }
    }
    doc->segments.push_back(std::move(seg));
  }
  return absl::OkStatus();
}

}  // namespace

bool IsRightToLeft(absl::string_view bcp47) {
  const std::string primary = PrimaryLanguage(bcp47);
  if (primary == "ku") return absl::StrContains(absl::AsciiStrToLower(bcp47), "arab");
  for (const char* rtl : {"ar", "ckb", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ug", "arc",
                          "syr", "lrc", "mzn", "glk", "bal"}) {
    if (primary == rtl) return true;
  }
  return false;
}

absl::Status WriteXliff(const XliffDocument& doc, std::ostream& out) {
  if (!IsValidLanguageTag(doc.source_lang) || !IsValidLanguageTag(doc.target_lang)) {
    return absl::InvalidArgumentError("XLIFF needs BCP-47 source and target languages");
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"" << kXliffNs
      << "\" xmlns:mtc=\"" << kMatchesNs << "\" version=\"2.1\" srcLang=\""
      << XmlEscape(doc.source_lang) << "\" trgLang=\"" << XmlEscape(doc.target_lang) << "\">\n"
      << " <file id=\"f1\"";
  if (!doc.original.empty()) out << " original=\"" << XmlEscape(doc.original) << "\"";
  out << " srcDir=\"" << (IsRightToLeft(doc.source_lang) ? "rtl" : "ltr") << "\" trgDir=\""
      << (IsRightToLeft(doc.target_lang) ? "rtl" : "ltr") << "\">\n";
  std::map<std::string, int> ids;
  for (size_t i = 0; i < doc.segments.size(); ++i) {
    const XliffSegment& s = doc.segments[i];
    for (const Segment* seg : {&s.source, s.target.has_value() ? &*s.target : nullptr}) {
      if (seg == nullptr) continue;
      for (const InlineCode& c : seg->codes) {
        if (c.offset > seg->text.size() ||
            (c.offset < seg->text.size() && (seg->text[c.offset] & 0xC0) == 0x80)) {
          return absl::InvalidArgumentError(
              absl::StrCat("segment ", i + 1, ": an inline code is not at a character boundary"));
        }
      }
    }
    std::string segment_id = s.id.empty() ? absl::StrCat("s", i + 1) : SafeId("", s.id);
    if (ids[segment_id]++ > 0) {
      return absl::InvalidArgumentError(absl::StrCat("segment ", i + 1, ": duplicate id"));
    }
    std::string body;
    if (!s.matches.empty()) {
      body += "   <mtc:matches>\n";
      for (size_t m = 0; m < s.matches.size(); ++m) {
        const Match& match = s.matches[m];
        absl::StrAppend(&body, "    <mtc:match id=\"", segment_id, "-m", m + 1, "\" ref=\"#",
                        segment_id, "\" similarity=\"", Similarity(match.score),
                        "\" type=\"tm\"");
        if (!match.unit.origin.empty()) {
          absl::StrAppend(&body, " origin=\"", XmlEscape(match.unit.origin), "\"");
        }
        body += "><source>";
        AppendContent(match.unit.source, nullptr, &body);
        body += "</source><target>";
        AppendContent(match.suggestion, nullptr, &body);
        body += "</target></mtc:match>\n";
      }
      body += "   </mtc:matches>\n";
    }
    std::map<std::string, std::string> data;
    std::string segment = absl::StrCat("   <segment id=\"", segment_id, "\" state=\"",
                                       StateName(s.state), "\"><source>");
    AppendContent(s.source, &data, &segment);
    segment += "</source>";
    if (s.target.has_value()) {
      segment += "<target>";
      AppendContent(*s.target, &data, &segment);
      segment += "</target>";
    } else if (s.state != XliffSegment::State::kInitial) {
      return absl::InvalidArgumentError(
          absl::StrCat("segment ", i + 1, ": a state other than initial needs a target"));
    }
    segment += "</segment>\n";
    if (!data.empty()) {
      body += "   <originalData>";
      for (const auto& [id, text] : data) {
        absl::StrAppend(&body, "<data id=\"", id, "\">", XmlEscape(text), "</data>");
      }
      body += "</originalData>\n";
    }
    out << "  <unit id=\"u" << (i + 1) << "\">\n" << body << segment << "  </unit>\n";
  }
  out << " </file>\n</xliff>\n";
  out.flush();
  if (!out) return absl::DataLossError("XLIFF: writing the output failed");
  return absl::OkStatus();
}

absl::StatusOr<XliffDocument> ReadXliff(std::istream& in) {
  XmlStreamReader reader(&in);
  XliffDocument doc;
  bool root_checked = false;
  bool read_next = true;
  for (;;) {
    if (read_next) {
      absl::StatusOr<bool> more = reader.Next();
      if (!more.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("XLIFF: ", more.status().message()));
      }
      if (!*more) break;
    }
    read_next = true;
    if (reader.NodeType() != XML_READER_TYPE_ELEMENT) continue;
    if (!root_checked) {
      if (reader.LocalName() != "xliff" || !absl::StartsWith(reader.Attribute("version"), "2.")) {
        return absl::InvalidArgumentError("not an XLIFF 2 document");
      }
      doc.source_lang = reader.Attribute("srcLang");
      doc.target_lang = reader.Attribute("trgLang");
      root_checked = true;
      continue;
    }
    if (reader.IsStartElement("file") && doc.original.empty()) {
      doc.original = reader.Attribute("original");
      continue;
    }
    if (!reader.IsStartElement("unit")) continue;
    absl::StatusOr<xmlNode*> unit = reader.Expand();
    if (!unit.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("XLIFF: ", unit.status().message()));
    }
    if (absl::Status s = ReadUnit(*unit, &doc); !s.ok()) return s;
    absl::StatusOr<bool> skipped = reader.SkipSubtree();
    if (!skipped.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("XLIFF: ", skipped.status().message()));
    }
    if (!*skipped) break;
    read_next = false;
  }
  if (!root_checked) return absl::InvalidArgumentError("not an XLIFF 2 document: it is empty");
  return doc;
}

absl::StatusOr<XliffImportReport> ImportReviewedXliff(std::istream& in, const Scope& scope,
                                                      const std::string& origin,
                                                      TranslationMemory& tm) {
  absl::StatusOr<XliffDocument> doc = ReadXliff(in);
  if (!doc.ok()) return doc.status();
  if (!IsValidLanguageTag(doc->source_lang) || !IsValidLanguageTag(doc->target_lang)) {
    return absl::InvalidArgumentError("XLIFF: srcLang and trgLang must be BCP-47 tags");
  }
  XliffImportReport report;
  std::vector<TranslationUnit> units;
  for (XliffSegment& s : doc->segments) {
    ++report.segments;
    const bool reviewed = s.state == XliffSegment::State::kReviewed ||
                          s.state == XliffSegment::State::kFinal;
    if (!reviewed || !s.target.has_value() ||
        (s.target->text.empty() && s.target->codes.empty())) {
      ++report.not_reviewed;
      continue;
    }
    TranslationUnit u;
    u.source_lang = doc->source_lang;
    u.target_lang = doc->target_lang;
    u.source = std::move(s.source);
    u.target = *std::move(s.target);
    u.scope = scope;
    u.origin = origin;
    units.push_back(std::move(u));
  }
  absl::StatusOr<std::vector<AddResult>> added = tm.Add(std::move(units), {.skip_invalid = true});
  if (!added.ok()) return added.status();
  for (const AddResult& r : *added) {
    if (!r.status.ok()) {
      ++report.refused;
    } else if (r.duplicate) {
      ++report.duplicates;
    } else {
      ++report.imported;
    }
  }
  return report;
}

}  // namespace bayyina::tm
