#ifndef BAYYINA_TM_TMX_H_
#define BAYYINA_TM_TMX_H_

// TMX 1.4b, streamed in both directions, with level 2 inline codes and <prop>/<note> kept.
//
// Reading is lenient: the stream is cut into <tu> elements by a small scanner and each <tu> is
// parsed on its own by libxml2 (tm/xml.h), so a malformed unit is reported with its line and
// skipped while the rest of the file is read. Only a refused DOCTYPE (one that declares
// entities), an unreadable stream or a file that is not TMX stop the import.

#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tm/store.h"
#include "tm/translation_memory.h"
#include "tm/unit.h"

namespace bayyina::tm {

struct TmxHeader {
  std::string srclang;  // "*all*" or a BCP-47 tag
  std::string creationtool;
  std::string creationtoolversion;
  std::string segtype = "sentence";
  std::string o_tmf;
  std::string adminlang = "en";
  std::string datatype = "plaintext";
  std::vector<Annotation> annotations;
};

// A problem found while reading, with the line it starts on (1-based).
struct TmxIssue {
  int line = 0;
  std::string message;  // names the problem, never quotes unit text
};

// One unit read from a <tu>; a <tu> with several target languages gives several.
struct TmxUnit {
  TranslationUnit unit;
  int line = 0;  // of the <tu>
};

class TmxReader {
 public:
  // `in` must outlive the reader. `source_lang` overrides the header's and the <tu>'s srclang
  // when not empty.
  TmxReader(std::istream* in, std::string source_lang = "");
  ~TmxReader();
  TmxReader(const TmxReader&) = delete;
  TmxReader& operator=(const TmxReader&) = delete;

  // Reads the next well-formed <tu> into `units` (cleared first). Returns false at the end of
  // the file. Malformed units are recorded in issues() and skipped.
  absl::StatusOr<bool> Next(std::vector<TmxUnit>* units);

  const TmxHeader& header() const { return header_; }
  // Problems found so far: the first kMaxIssues; issue_count() has the total.
  const std::vector<TmxIssue>& issues() const { return issues_; }
  size_t issue_count() const { return issue_count_; }
  static constexpr size_t kMaxIssues = 1000;

 private:
  bool Fill();
  bool Ensure(size_t n);
  size_t Find(absl::string_view needle, size_t from);
  void Advance(size_t to);
  void AddIssue(int line, std::string message);
  absl::StatusOr<size_t> StartTagEnd(size_t from);
  void ParseHeader(absl::string_view xml, int line);
  void ParseUnit(absl::string_view xml, int line, std::vector<TmxUnit>* units);

  std::istream* in_;
  std::string source_lang_;
  std::string buffer_;
  size_t pos_ = 0;
  int line_ = 1;
  bool eof_ = false;
  bool seen_root_ = false;
  bool stray_reported_ = false;  // one issue per run of content outside any <tu>
  TmxHeader header_;
  std::vector<TmxIssue> issues_;
  size_t issue_count_ = 0;
};

// Writes TMX 1.4b to a stream, one unit at a time. Not thread-safe.
class TmxWriter {
 public:
  TmxWriter(std::ostream* out, TmxHeader header);
  // Writes one <tu> (with tuid, dates, usage, domain and origin as x- props, and the
  // annotations read at import).
  absl::Status Write(const TranslationUnit& unit);
  // Closes the document. REQUIRES: called once, after the last Write().
  absl::Status Finish();

 private:
  void Start();
  std::ostream* out_;
  TmxHeader header_;
  bool started_ = false;
};

struct TmxImportOptions {
  std::string source_lang;  // overrides the file's srclang when set
  Scope scope;              // every unit goes into this scope
  std::string origin;       // recorded on every unit without an x-origin prop
  AddOptions add;           // already_scrubbed for project-written seed data
  size_t batch_size = 2000; // units per transaction
};

struct TmxImportReport {
  size_t units_read = 0;
  size_t units_added = 0;
  size_t duplicates = 0;
  size_t units_refused = 0;         // read but refused by the memory (empty, invalid UTF-8...)
  std::vector<TmxIssue> issues;     // malformed and refused units, by line
  size_t issue_count = 0;
};

// Imports a TMX stream into `tm`. Fails only on what stops reading altogether.
absl::StatusOr<TmxImportReport> ImportTmx(std::istream& in, const TmxImportOptions& options,
                                          TranslationMemory& tm);

// Exports the units that `filter` selects. Returns how many were written.
absl::StatusOr<size_t> ExportTmx(TmStore& store, const UnitFilter& filter, std::ostream& out);

}  // namespace bayyina::tm

#endif  // BAYYINA_TM_TMX_H_
