#include "cases/xliff.h"

#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tm/segment.h"

namespace bayyina::cases {
namespace {

constexpr char kXliffNs[] = "urn:oasis:names:tc:xliff:document:2.0";
constexpr char kMtcNs[] = "urn:oasis:names:tc:xliff:matches:2.0";

// XML 1.0 cannot carry most C0 controls; OCR text never should hold them.
std::string XmlSafe(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    out += c;
  }
  return out;
}

// Appends `text` to `parent`, with each "[TYPE_N]" placeholder as a <ph>. `ids` maps a
// placeholder to its inline id; new placeholders get the next id when `assign` is set, and
// stay plain text otherwise (a target must not invent codes its source does not have).
void AppendContent(pugi::xml_node parent, absl::string_view text,
                   std::map<std::string, int>& ids, bool assign) {
  size_t pos = 0;
  for (const tm::PlaceholderSpan& ph : tm::FindPlaceholders(text)) {
    std::string name(text.substr(ph.begin, ph.end - ph.begin));
    auto it = ids.find(name);
    if (it == ids.end() && assign) {
      it = ids.emplace(name, static_cast<int>(ids.size()) + 1).first;
    }
    if (it == ids.end()) continue;  // kept as text below
    if (ph.begin > pos) {
      parent.append_child(pugi::node_pcdata)
          .set_value(XmlSafe(text.substr(pos, ph.begin - pos)).c_str());
    }
    pugi::xml_node node = parent.append_child("ph");
    node.append_attribute("id") = absl::StrCat(it->second).c_str();
    node.append_attribute("equiv") = name.c_str();
    node.append_attribute("disp") = name.c_str();
    pos = ph.end;
  }
  if (pos < text.size()) {
    parent.append_child(pugi::node_pcdata).set_value(XmlSafe(text.substr(pos)).c_str());
  }
}

// The text of a <source>/<target>, with <ph> codes turned back into their placeholder.
std::string ContentText(pugi::xml_node node, const std::map<std::string, std::string>& by_id) {
  std::string out;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element) {
      const std::string name = child.name();
      if (name == "ph") {
        auto it = by_id.find(child.attribute("id").value());
        if (it != by_id.end()) {
          out += it->second;
        } else {
          out += child.attribute("equiv").value();
        }
      } else {
        out += ContentText(child, by_id);
      }
    }
  }
  return out;
}

}  // namespace

std::string WriteXliff(absl::string_view source_language, absl::string_view target_language,
                       const std::vector<XliffFile>& files) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node xliff = doc.append_child("xliff");
  xliff.append_attribute("xmlns") = kXliffNs;
  xliff.append_attribute("xmlns:mtc") = kMtcNs;
  xliff.append_attribute("version") = "2.1";
  xliff.append_attribute("srcLang") = std::string(source_language).c_str();
  xliff.append_attribute("trgLang") = std::string(target_language).c_str();
  for (const XliffFile& f : files) {
    pugi::xml_node file = xliff.append_child("file");
    file.append_attribute("id") = f.document_id.c_str();
    file.append_attribute("original") = f.original.c_str();
    for (const SegmentRecord& s : f.segments) {
      pugi::xml_node unit = file.append_child("unit");
      unit.append_attribute("id") = absl::StrCat("u-", s.id).c_str();
      std::map<std::string, int> ids;
      // Matches come first (the module's place in <unit>); their codes reuse the segment's ids.
      {  // ids come from the source, before the matches that reuse them are written
        pugi::xml_document scratch;
        AppendContent(scratch.append_child("x"), s.source, ids, true);
      }
      if (!s.suggestions.empty()) {
        pugi::xml_node matches = unit.append_child("mtc:matches");
        int n = 0;
        for (const SuggestionRecord& m : s.suggestions) {
          pugi::xml_node match = matches.append_child("mtc:match");
          match.append_attribute("id") = absl::StrCat("m", ++n).c_str();
          match.append_attribute("ref") = absl::StrCat("#", s.id).c_str();
          match.append_attribute("similarity") = absl::StrFormat("%.1f", m.score * 1.0).c_str();
          match.append_attribute("type") = "tm";
          if (!m.origin.empty()) match.append_attribute("origin") = m.origin.c_str();
          std::map<std::string, int> match_ids = ids;
          AppendContent(match.append_child("source"), m.source, match_ids, false);
          AppendContent(match.append_child("target"), m.suggestion, match_ids, false);
        }
      }
      pugi::xml_node seg = unit.append_child("segment");
      seg.append_attribute("id") = s.id.c_str();
      seg.append_attribute("state") = SegmentStateName(s.state);
      std::map<std::string, int> seg_ids = ids;
      AppendContent(seg.append_child("source"), s.source, seg_ids, false);
      if (!s.target.empty() || s.state != SegmentState::kInitial) {
        AppendContent(seg.append_child("target"), s.target, seg_ids, false);
      }
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

absl::StatusOr<std::vector<XliffFile>> ReadXliff(absl::string_view xml) {
  if (absl::StrContains(xml, "<!DOCTYPE") || absl::StrContains(xml, "<!ENTITY")) {
    return absl::InvalidArgumentError("XLIFF: DTDs and entity declarations are refused");
  }
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return absl::InvalidArgumentError(
        absl::StrCat("XLIFF: not well-formed XML at byte ", parsed.offset));
  }
  pugi::xml_node root = doc.document_element();
  if (std::string(root.name()) != "xliff" ||
      std::string(root.attribute("xmlns").value()) != kXliffNs) {
    return absl::InvalidArgumentError("XLIFF: root is not an XLIFF 2 <xliff> element");
  }
  const std::string version = root.attribute("version").value();
  if (version != "2.0" && version != "2.1") {
    return absl::InvalidArgumentError("XLIFF: version must be 2.0 or 2.1");
  }
  std::vector<XliffFile> files;
  for (pugi::xml_node file : root.children("file")) {
    XliffFile f;
    f.document_id = file.attribute("id").value();
    f.original = file.attribute("original").value();
    if (f.document_id.empty()) return absl::InvalidArgumentError("XLIFF: <file> without id");
    for (pugi::xml_node unit : file.children("unit")) {
      for (pugi::xml_node seg : unit.children("segment")) {
        SegmentRecord s;
        s.id = seg.attribute("id").value();
        if (s.id.empty()) return absl::InvalidArgumentError("XLIFF: <segment> without id");
        const std::string state = seg.attribute("state").as_string("initial");
        auto parsed_state = ParseSegmentState(state);
        if (!parsed_state) {
          return absl::InvalidArgumentError(
              absl::StrCat("XLIFF: segment ", s.id, " has an unknown state"));
        }
        s.state = *parsed_state;
        std::map<std::string, std::string> by_id;
        for (pugi::xml_node ph : seg.child("source").children("ph")) {
          by_id[ph.attribute("id").value()] = ph.attribute("equiv").value();
        }
        pugi::xml_node target = seg.child("target");
        if (!target) continue;
        s.source = ContentText(seg.child("source"), by_id);
        s.target = ContentText(target, by_id);
        f.segments.push_back(std::move(s));
      }
    }
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace bayyina::cases
