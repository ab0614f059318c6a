#ifndef BAYYINA_CASES_MODEL_H_
#define BAYYINA_CASES_MODEL_H_

// The records of the case workflow as the store keeps them. Plain values. None of them holds a
// personal value except PageRecord::text (the raw OCR text, which is evidence like the scan
// itself and is only ever returned to nobody: drafts and findings are built from it).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bayyina::cases {

enum class Role { kProsecutor, kReviewer, kTranslator, kAuditor, kService };

// "prosecutor", "reviewer", "translator", "auditor", "service".
const char* RoleName(Role role);
std::optional<Role> ParseRole(const std::string& name);

struct CaseRecord {
  std::string id;                 // server-assigned, "c-" + 16 hex digits
  std::string reference;          // unique
  std::string legal_basis;
  std::string requesting_authority;
  std::string receiving_authority;
  std::string handling_code;      // H0..H3
  std::string source_language;    // ar, ckb, kmr, en or auto
  std::string target_language;
  std::string policy_json;
  std::string placeholders_json;  // redact::PlaceholderRegistry::ToJson (HMACs only)
  bool approved = false;
  std::string approved_by;
};

struct MemberRecord {
  std::string principal;
  Role role;
};

enum class DocumentState { kQueued, kProcessing, kDone, kFailed };
const char* DocumentStateName(DocumentState state);

struct DocumentRecord {
  std::string case_id;
  std::string id;          // "d-001": the 1-based submission number in the case
  int number = 0;          // 1-based submission number
  std::string name;        // neutral, "document-001.png"
  std::string media_type;
  std::string sha256;      // hex of the bytes as received; also the blob's name
  int64_t size = 0;
  int page_count = 0;      // 0 until decoded
  DocumentState state = DocumentState::kQueued;
  std::string error;       // why processing failed; never evidence text
  int pages_done = 0;      // filled by reads: pages committed so far
};

// Where a code point range of the page text lies on the page.
struct WordBox {
  int cp_begin = 0, cp_end = 0;
  int left = 0, top = 0, right = 0, bottom = 0;
};

// What the leak check still read on a page after redaction: where and what kind, never the
// value.
struct LeakSurvivor {
  std::string type;    // entity type name
  WordBox box;         // pixel fields only
  std::string reason;  // "new_finding" or "value_hmac"
};

// A page that the leak check withheld: it has no released image until a reviewer burns more.
struct WithheldPage {
  std::string document_id;
  std::string document_name;
  int page = 0;
  std::vector<LeakSurvivor> survivors;
};

// The page's survivors as " TYPE at PAGE:LEFT,TOP,RIGHT,BOTTOM" each: the box in the form
// `bayyina case findings --add-box` takes.
std::string SurvivorBoxes(const WithheldPage& page);

struct PageRecord {
  int number = 0;
  std::string language;       // BCP-47 of the page
  std::string ocr_json;       // ocr::ToJson of this page (evidence: never leaves unredacted)
  std::string text;           // ocr::PlainText (evidence)
  std::string words_json;     // [[cp_begin, cp_end, left, top, right, bottom], ...]
  std::string redacted_text;  // with [TYPE_N] placeholders
  // The image half: {"image": "<sha256 of the burnt PNG blob>", "burn": [[l,t,r,b], ...],
  // "review_boxes": [[l,t,r,b], ...], "regions": [...], "leak_check": {...}}.
  std::string image_json = "{}";
};

// The reviewer's decision on a finding: pending (not reviewed), accepted, rejected, or added by
// the reviewer.
enum class Decision { kPending, kAccepted, kRejected, kAdded };
const char* DecisionName(Decision d);
std::optional<Decision> ParseDecision(const std::string& name);

struct FindingRecord {
  std::string id;      // "p<page>-<cp_begin>-<cp_end>", stable within the document
  int page = 0;
  std::string type;    // design name, e.g. "PHONE_NUMBER"
  int cp_begin = 0, cp_end = 0;  // code points of the page text
  double score = 0;
  std::string detector;
  std::vector<WordBox> boxes;    // only the pixel fields are meaningful
  Decision decision = Decision::kPending;
  std::string value_hmac;
  std::string op;                // operator applied; empty when not redacted
  std::string placeholder;
  bool redacted = false;
};

// A reviewer's persisted decision; re-applied whenever the page is redacted again.
struct DecisionRecord {
  int page = 0;
  std::string type;
  int cp_begin = 0, cp_end = 0;
  Decision decision = Decision::kAccepted;
};

enum class SegmentState { kInitial, kTranslated, kReviewed, kFinal };
const char* SegmentStateName(SegmentState s);  // XLIFF 2.1 names
std::optional<SegmentState> ParseSegmentState(const std::string& name);

struct SuggestionRecord {
  int64_t unit_id = 0;
  int score = 0;
  std::string source;      // the memory's source
  std::string suggestion;  // target with the query's values substituted
  std::string origin;
};

struct TermRecord {
  std::string source_term;
  std::string target_term;
  int start = 0, end = 0;  // code points in the segment source
};

struct SegmentRecord {
  std::string id;      // "p<page>-s<n>", stable while the page's redacted text is unchanged
  int page = 0;
  int index = 0;       // order within the page
  std::string source;  // redacted
  std::string target;
  SegmentState state = SegmentState::kInitial;
  std::vector<SuggestionRecord> suggestions;
  std::vector<TermRecord> terms;
};

// Everything one processed page produces; committed in one transaction.
struct PageResult {
  PageRecord page;
  std::vector<FindingRecord> findings;
  std::vector<SegmentRecord> segments;
};

}  // namespace bayyina::cases

#endif  // BAYYINA_CASES_MODEL_H_
