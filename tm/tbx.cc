#include "tm/tbx.h"

#include <libxml/tree.h>

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tm/xml.h"

namespace bayyina::tm {
namespace {

std::string Trimmed(std::string s) {
  return std::string(absl::StripAsciiWhitespace(s));
}

// Reads one term container (termSec, tig, ntig) into `term`.
void ReadTerm(const xmlNode* container, Term* term) {
  for (const xmlNode* n = container->children; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (IsXmlElement(n, "term")) {
      term->text = Trimmed(XmlText(n));
    } else if (IsXmlElement(n, "termNote") && XmlAttribute(n, "type") == "partOfSpeech") {
      term->part_of_speech = Trimmed(XmlText(n));
    } else if (IsXmlElement(n, "note")) {
      term->note = Trimmed(XmlText(n));
    } else if (IsXmlElement(n, "termGrp")) {
      ReadTerm(n, term);  // ntig/termGrp/term
    }
  }
}

void ReadLanguage(const xmlNode* lang_section, TermEntry* entry) {
  const std::string lang = XmlAttribute(lang_section, "xml:lang");
  for (const xmlNode* n = lang_section->children; n != nullptr; n = n->next) {
    if (IsXmlElement(n, "termSec") || IsXmlElement(n, "tig") || IsXmlElement(n, "ntig")) {
      Term term;
      term.lang = lang;
      ReadTerm(n, &term);
      if (!term.text.empty() && !lang.empty()) entry->terms.push_back(std::move(term));
    }
  }
}

TermEntry ReadEntry(const xmlNode* node, const std::string& origin) {
  TermEntry entry;
  entry.concept_id = XmlAttribute(node, "id");
  entry.origin = origin;
  for (const xmlNode* n = node->children; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (IsXmlElement(n, "descrip") || IsXmlElement(n, "descripGrp")) {
      const xmlNode* d = n;
      if (IsXmlElement(n, "descripGrp")) {
        for (d = n->children; d != nullptr && !IsXmlElement(d, "descrip"); d = d->next) {
        }
        if (d == nullptr) continue;
      }
      const std::string type = XmlAttribute(d, "type");
      if (type == "subjectField") entry.domain = Trimmed(XmlText(d));
      if (type == "definition") entry.definition = Trimmed(XmlText(d));
    } else if (IsXmlElement(n, "langSec") || IsXmlElement(n, "langSet")) {
      ReadLanguage(n, &entry);
    }
  }
  return entry;
}

}  // namespace

absl::StatusOr<TbxImportReport> ImportTbx(std::istream& in, const std::string& origin,
                                          TranslationMemory& tm) {
  XmlStreamReader reader(&in);
  TbxImportReport report;
  std::vector<TermEntry> entries;
  bool root_checked = false;
  bool read_next = true;  // false when SkipSubtree() already moved to the next node
  for (;;) {
    if (read_next) {
      absl::StatusOr<bool> more = reader.Next();
      if (!more.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("TBX: ", more.status().message()));
      }
      if (!*more) break;
    }
    read_next = true;
    if (reader.NodeType() != XML_READER_TYPE_ELEMENT) continue;
    if (!root_checked) {
      const std::string root = reader.LocalName();
      if (root != "tbx" && root != "martif") {
        return absl::InvalidArgumentError(
            absl::StrCat("not a TBX document: the root element is <", root, ">"));
      }
      root_checked = true;
      continue;
    }
    if (!reader.IsStartElement("conceptEntry") && !reader.IsStartElement("termEntry")) continue;
    absl::StatusOr<xmlNode*> node = reader.Expand();
    if (!node.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("TBX: ", node.status().message()));
    }
    TermEntry entry = ReadEntry(*node, origin);
    if (entry.terms.empty()) {
      ++report.entries_skipped;
    } else {
      report.terms_added += entry.terms.size();
      entries.push_back(std::move(entry));
    }
    absl::StatusOr<bool> skipped = reader.SkipSubtree();
    if (!skipped.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("TBX: ", skipped.status().message()));
    }
    if (!*skipped) break;
    read_next = false;
  }
  if (!root_checked) return absl::InvalidArgumentError("not a TBX document: it is empty");
  report.entries_added = entries.size();
  if (absl::Status s = tm.AddTerms(std::move(entries)); !s.ok()) return s;
  return report;
}

}  // namespace bayyina::tm
