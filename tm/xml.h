#ifndef BAYYINA_TM_XML_H_
#define BAYYINA_TM_XML_H_

// Safe XML reading on libxml2 for TMX, TBX and XLIFF: never a network access, never an
// external entity or DTD loaded, never an entity substituted, and a document whose DOCTYPE
// declares anything (the way entity bombs and XXE come in) is refused before any of its
// content is read. libxml2's own error printing is switched off; errors come back as Status.

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <istream>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace bayyina::tm {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses a complete, small XML document held in memory (one TMX <tu>, an inline fragment).
// InvalidArgument names the problem and its line (counted from 1 within `xml`).
absl::StatusOr<XmlDoc> ParseXmlSafely(absl::string_view xml);

// The value of attribute `name` of `node` ("xml:lang" is looked up in the XML namespace), or
// "" when absent.
std::string XmlAttribute(const xmlNode* node, const char* name);
// The concatenated text of `node` and its descendants.
std::string XmlText(const xmlNode* node);
// The serialized markup of `node`'s children.
std::string XmlInnerMarkup(const xmlNode* node);
// True when `node` is an element named `name` (local name).
bool IsXmlElement(const xmlNode* node, const char* name);

// Escapes text for element content or attribute values (both quote kinds escaped).
std::string XmlEscape(absl::string_view text);

// Pull parser over a stream (xmlTextReader) with the safety rules above.
// Not thread-safe; one reader per thread.
class XmlStreamReader {
 public:
  // `in` must outlive the reader.
  explicit XmlStreamReader(std::istream* in);
  ~XmlStreamReader();
  XmlStreamReader(const XmlStreamReader&) = delete;
  XmlStreamReader& operator=(const XmlStreamReader&) = delete;

  // Advances to the next node. Returns false at the end of the document, an error for
  // malformed input or a refused DOCTYPE.
  absl::StatusOr<bool> Next();
  // Skips the current node's subtree; then behaves like Next().
  absl::StatusOr<bool> SkipSubtree();
  // The current node's type (XML_READER_TYPE_*), local name and depth.
  int NodeType() const;
  std::string LocalName() const;
  int Depth() const;
  bool IsStartElement(const char* local_name) const;
  // The line of the current node.
  int Line() const;
  // Attribute `name` of the current element ("" when absent).
  std::string Attribute(const char* name) const;
  // The current element with its whole subtree, owned by the reader and valid until the next
  // call to Next() or SkipSubtree().
  absl::StatusOr<xmlNode*> Expand();

 private:
  static void OnError(void* self, xmlErrorPtr error);
  absl::Status ErrorStatus() const;

  std::istream* in_;
  std::string error_;  // the first error libxml2 reported
  int error_line_ = 0;
  xmlTextReaderPtr reader_ = nullptr;
  // Set once xmlTextReaderCurrentDoc() was called: from then on the reader no longer frees
  // its document, so the destructor must.
  xmlDocPtr taken_doc_ = nullptr;
};

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_XML_H_
