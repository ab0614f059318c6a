#include "tm/xml.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "absl/strings/str_cat.h"

namespace bayyina::tm {
namespace {

constexpr int kSafeOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_NOCDATA;

// A DOCTYPE may name an external DTD (never loaded) but may declare nothing itself.
bool DeclaresSomething(const xmlDoc* doc) {
  return doc != nullptr && doc->intSubset != nullptr && doc->intSubset->children != nullptr;
}

absl::Status FromXmlError(const xmlError* e, absl::string_view what) {
  if (e == nullptr || e->code == XML_ERR_OK) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": malformed XML"));
  }
  std::string message = e->message != nullptr ? e->message : "malformed XML";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return absl::InvalidArgumentError(
      absl::StrCat(what, ": line ", e->line, ": ", message));
}

int ReadFromStream(void* context, char* buffer, int len) {
  auto* in = static_cast<std::istream*>(context);
  in->read(buffer, len);
  if (in->bad()) return -1;
  return static_cast<int>(in->gcount());
}

}  // namespace

absl::StatusOr<XmlDoc> ParseXmlSafely(absl::string_view xml) {
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) return absl::ResourceExhaustedError("cannot create an XML parser");
  // Refuse declarations before libxml2 would act on them.
  if (xml.find("<!DOCTYPE") != absl::string_view::npos ||
      xml.find("<!ENTITY") != absl::string_view::npos) {
    xmlFreeParserCtxt(ctxt);
    return absl::InvalidArgumentError("a DOCTYPE or ENTITY declaration is not allowed here");
  }
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, xml.data(), static_cast<int>(xml.size()), "",
                                    "UTF-8", kSafeOptions);
  absl::Status status = absl::OkStatus();
  if (doc == nullptr || !ctxt->wellFormed) {
    status = FromXmlError(xmlCtxtGetLastError(ctxt), "XML");
  }
  xmlFreeParserCtxt(ctxt);
  if (!status.ok()) {
    if (doc != nullptr) xmlFreeDoc(doc);
    return status;
  }
  return XmlDoc(doc);
}

std::string XmlAttribute(const xmlNode* node, const char* name) {
  xmlChar* value = nullptr;
  if (absl::string_view(name) == "xml:lang") {
    value = xmlGetNsProp(node, BAD_CAST "lang", XML_XML_NAMESPACE);
  } else {
    value = xmlGetNoNsProp(node, BAD_CAST name);
  }
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string XmlText(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return out;
}

std::string XmlInnerMarkup(const xmlNode* node) {
  std::string out;
  xmlBufferPtr buffer = xmlBufferCreate();
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    xmlBufferEmpty(buffer);
    xmlNodeDump(buffer, node->doc, const_cast<xmlNode*>(child), 0, 0);
    out.append(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
               static_cast<size_t>(xmlBufferLength(buffer)));
  }
  xmlBufferFree(buffer);
  return out;
}

bool IsXmlElement(const xmlNode* node, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE &&
         xmlStrcmp(node->name, BAD_CAST name) == 0;
}

std::string XmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        // XML 1.0 forbids most C0 controls even as references; drop them.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        out += c;
    }
  }
  return out;
}

void XmlStreamReader::OnError(void* self, xmlErrorPtr error) {
  auto* reader = static_cast<XmlStreamReader*>(self);
  if (error == nullptr || error->level < XML_ERR_ERROR || !reader->error_.empty()) return;
  reader->error_ = error->message != nullptr ? error->message : "malformed XML";
  while (!reader->error_.empty() &&
         (reader->error_.back() == '\n' || reader->error_.back() == ' ')) {
    reader->error_.pop_back();
  }
  reader->error_line_ = error->line;
}

XmlStreamReader::XmlStreamReader(std::istream* in) : in_(in) {
  reader_ = xmlReaderForIO(ReadFromStream, nullptr, in_, "", "UTF-8", kSafeOptions);
  if (reader_ != nullptr) xmlTextReaderSetStructuredErrorHandler(reader_, &OnError, this);
}

XmlStreamReader::~XmlStreamReader() {
  if (reader_ != nullptr) xmlFreeTextReader(reader_);
  if (taken_doc_ != nullptr) xmlFreeDoc(taken_doc_);
}

absl::Status XmlStreamReader::ErrorStatus() const {
  if (error_.empty()) return absl::InvalidArgumentError("XML: malformed XML");
  return absl::InvalidArgumentError(absl::StrCat("XML: line ", error_line_, ": ", error_));
}

absl::StatusOr<bool> XmlStreamReader::Next() {
  if (reader_ == nullptr) return absl::ResourceExhaustedError("cannot create an XML reader");
  const int rc = xmlTextReaderRead(reader_);
  if (rc < 0) return ErrorStatus();
  if (!error_.empty()) return ErrorStatus();
  if (rc == 0) return false;
  if (xmlTextReaderNodeType(reader_) == XML_READER_TYPE_DOCUMENT_TYPE) {
    taken_doc_ = xmlTextReaderCurrentDoc(reader_);
  }
  if (xmlTextReaderNodeType(reader_) == XML_READER_TYPE_DOCUMENT_TYPE &&
      DeclaresSomething(taken_doc_)) {
    return absl::InvalidArgumentError(
        absl::StrCat("XML: line ", Line(),
                     ": the DOCTYPE declares entities or other markup, which is refused"));
  }
  return true;
}

absl::StatusOr<bool> XmlStreamReader::SkipSubtree() {
  if (reader_ == nullptr) return absl::ResourceExhaustedError("cannot create an XML reader");
  const int rc = xmlTextReaderNext(reader_);
  if (rc < 0) return ErrorStatus();
  return rc == 1;
}

int XmlStreamReader::NodeType() const { return xmlTextReaderNodeType(reader_); }

std::string XmlStreamReader::LocalName() const {
  const xmlChar* name = xmlTextReaderConstLocalName(reader_);
  return name == nullptr ? "" : reinterpret_cast<const char*>(name);
}

int XmlStreamReader::Depth() const { return xmlTextReaderDepth(reader_); }

bool XmlStreamReader::IsStartElement(const char* local_name) const {
  return NodeType() == XML_READER_TYPE_ELEMENT && LocalName() == local_name;
}

int XmlStreamReader::Line() const {
  xmlNodePtr node = xmlTextReaderCurrentNode(reader_);
  return node != nullptr ? static_cast<int>(xmlGetLineNo(node)) : 0;
}

std::string XmlStreamReader::Attribute(const char* name) const {
  xmlChar* value = xmlTextReaderGetAttribute(reader_, BAD_CAST name);
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

absl::StatusOr<xmlNode*> XmlStreamReader::Expand() {
  xmlNodePtr node = xmlTextReaderExpand(reader_);
  if (node == nullptr) return ErrorStatus();
  return node;
}

}  // namespace bayyina::tm
