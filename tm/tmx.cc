#include "tm/tmx.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "tm/match_key.h"
#include "tm/tmx_inline.h"
#include "tm/xml.h"

namespace bayyina::tm {
namespace {

constexpr absl::string_view kTmxDate = "%Y%m%dT%H%M%SZ";

// TMX dates are YYYYMMDDThhmmssZ (absl::ParseTime's %Y would swallow all eight digits).
absl::Time ParseTmxDate(absl::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return absl::UnixEpoch();
  int v[6];
  const size_t at[6] = {0, 4, 6, 9, 11, 13};
  const size_t len[6] = {4, 2, 2, 2, 2, 2};
  for (int i = 0; i < 6; ++i) {
    if (!absl::SimpleAtoi(text.substr(at[i], len[i]), &v[i])) return absl::UnixEpoch();
  }
  const absl::CivilSecond civil(v[0], v[1], v[2], v[3], v[4], v[5]);
  if (civil.year() != v[0] || civil.month() != v[1] || civil.day() != v[2] ||
      civil.hour() != v[3] || civil.minute() != v[4] || civil.second() != v[5]) {
    return absl::UnixEpoch();
  }
  return absl::FromCivil(civil, absl::UTCTimeZone());
}

std::string FormatTmxDate(absl::Time t) { return absl::FormatTime(kTmxDate, t, absl::UTCTimeZone()); }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsNameEnd(char c) { return IsSpace(c) || c == '>' || c == '/'; }

// The tuv language: xml:lang, or TMX 1.1's lang.
std::string TuvLang(const xmlNode* tuv) {
  std::string lang = XmlAttribute(tuv, "xml:lang");
  if (lang.empty()) lang = XmlAttribute(tuv, "lang");
  return lang;
}

}  // namespace

TmxReader::TmxReader(std::istream* in, std::string source_lang)
    : in_(in), source_lang_(std::move(source_lang)) {}

TmxReader::~TmxReader() = default;

bool TmxReader::Fill() {
  if (eof_) return false;
  char chunk[1 << 16];
  in_->read(chunk, sizeof chunk);
  const std::streamsize n = in_->gcount();
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

bool TmxReader::Ensure(size_t index) {
  while (buffer_.size() <= index) {
    if (!Fill()) return false;
  }
  return true;
}

size_t TmxReader::Find(absl::string_view needle, size_t from) {
  for (;;) {
    const size_t found = buffer_.find(needle.data(), from, needle.size());
    if (found != std::string::npos) return found;
    const size_t searched = buffer_.size();
    if (!Fill()) return std::string::npos;
    if (searched >= needle.size()) from = std::max(from, searched - needle.size() + 1);
  }
}

void TmxReader::Advance(size_t to) {
  to = std::min(to, buffer_.size());
  line_ += static_cast<int>(std::count(buffer_.begin() + static_cast<long>(pos_),
                                       buffer_.begin() + static_cast<long>(to), '\n'));
  pos_ = to;
}

void TmxReader::AddIssue(int line, std::string message) {
  ++issue_count_;
  if (issues_.size() < kMaxIssues) issues_.push_back({line, std::move(message)});
}

absl::StatusOr<size_t> TmxReader::StartTagEnd(size_t from) {
  char quote = 0;
  for (size_t i = from + 1;; ++i) {
    if (!Ensure(i)) return absl::InvalidArgumentError("unterminated tag");
    const char c = buffer_[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    } else if (c == '<') {
      return absl::InvalidArgumentError("'<' inside a tag");
    }
  }
}

void TmxReader::ParseHeader(absl::string_view xml, int line) {
  absl::StatusOr<XmlDoc> doc = ParseXmlSafely(xml);
  if (!doc.ok()) {
    AddIssue(line, absl::StrCat("<header> is malformed: ", doc.status().message()));
    return;
  }
  const xmlNode* h = xmlDocGetRootElement(doc->get());
  header_.srclang = XmlAttribute(h, "srclang");
  header_.creationtool = XmlAttribute(h, "creationtool");
  header_.creationtoolversion = XmlAttribute(h, "creationtoolversion");
  header_.segtype = XmlAttribute(h, "segtype");
  header_.o_tmf = XmlAttribute(h, "o-tmf");
  header_.adminlang = XmlAttribute(h, "adminlang");
  header_.datatype = XmlAttribute(h, "datatype");
  header_.annotations = FromTmxAnnotations(h);
}

void TmxReader::ParseUnit(absl::string_view xml, int line, std::vector<TmxUnit>* units) {
  absl::StatusOr<XmlDoc> doc = ParseXmlSafely(xml);
  if (!doc.ok()) {
    AddIssue(line, absl::StrCat("malformed <tu>, skipped: ", doc.status().message()));
    return;
  }
  const xmlNode* tu = xmlDocGetRootElement(doc->get());
  TranslationUnit base;
  base.tuid = XmlAttribute(tu, "tuid");
  base.created = ParseTmxDate(XmlAttribute(tu, "creationdate"));
  base.creator = XmlAttribute(tu, "creationid");
  base.changed = ParseTmxDate(XmlAttribute(tu, "changedate"));
  base.changer = XmlAttribute(tu, "changeid");
  base.last_used = ParseTmxDate(XmlAttribute(tu, "lastusagedate"));
  int64_t usage = 0;
  if (absl::SimpleAtoi(XmlAttribute(tu, "usagecount"), &usage) && usage > 0) {
    base.usage_count = usage;
  }
  for (Annotation& a : FromTmxAnnotations(tu)) {
    if (a.kind == Annotation::Kind::kProp && absl::EqualsIgnoreCase(a.type, "x-domain")) {
      base.domain = a.value;
    } else if (a.kind == Annotation::Kind::kProp && absl::EqualsIgnoreCase(a.type, "x-origin")) {
      base.origin = a.value;
    } else {
      base.annotations.push_back(std::move(a));
    }
  }

  struct Variant {
    std::string lang;
    Segment seg;
    std::vector<Annotation> annotations;
  };
  std::vector<Variant> variants;
  for (const xmlNode* n = tu->children; n != nullptr; n = n->next) {
    if (!IsXmlElement(n, "tuv")) continue;
    Variant v;
    v.lang = TuvLang(n);
    v.annotations = FromTmxAnnotations(n);
    bool has_seg = false;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsXmlElement(c, "seg")) {
        v.seg = FromTmxSeg(c);
        has_seg = true;
      }
    }
    if (v.lang.empty() || !has_seg) {
      AddIssue(line, v.lang.empty() ? "<tuv> without xml:lang, skipped" : "<tuv> without <seg>");
      continue;
    }
    variants.push_back(std::move(v));
  }
  std::string srclang = source_lang_;
  if (srclang.empty()) srclang = XmlAttribute(tu, "srclang");
  if (srclang.empty()) srclang = header_.srclang;
  const Variant* source = nullptr;
  if (srclang.empty() || srclang == "*all*") {
    if (!variants.empty()) source = &variants[0];
  } else {
    const std::string primary = PrimaryLanguage(srclang);
    for (const Variant& v : variants) {
      if (PrimaryLanguage(v.lang) == primary) {
        source = &v;
        break;
      }
    }
  }
  if (source == nullptr) {
    AddIssue(line, absl::StrCat("<tu> has no <tuv> in the source language \"",
                                srclang.empty() ? "(none)" : srclang, "\", skipped"));
    return;
  }
  size_t targets = 0;
  for (const Variant& v : variants) {
    if (&v == source || PrimaryLanguage(v.lang) == PrimaryLanguage(source->lang)) continue;
    TmxUnit out;
    out.line = line;
    out.unit = base;
    out.unit.source_lang = source->lang;
    out.unit.target_lang = v.lang;
    out.unit.source = source->seg;
    out.unit.target = v.seg;
    out.unit.source_annotations = source->annotations;
    out.unit.target_annotations = v.annotations;
    units->push_back(std::move(out));
    ++targets;
  }
  if (targets == 0) AddIssue(line, "<tu> has no target <tuv>, skipped");
}

absl::StatusOr<bool> TmxReader::Next(std::vector<TmxUnit>* units) {
  units->clear();
  for (;;) {
    if (pos_ > (1u << 20)) {
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    // Whitespace between elements.
    for (;;) {
      if (!Ensure(pos_)) break;
      if (!IsSpace(buffer_[pos_])) break;
      Advance(pos_ + 1);
    }
    if (!Ensure(pos_)) {
      if (in_->bad()) return absl::DataLossError("TMX: reading the input failed");
      if (!seen_root_) return absl::InvalidArgumentError("not a TMX document: no <tmx> element");
      return false;
    }
    const int line = line_;
    if (buffer_[pos_] != '<') {
      size_t lt = Find("<", pos_);
      if (!seen_root_) return absl::InvalidArgumentError("not a TMX document: text before <tmx>");
      if (!stray_reported_) AddIssue(line, "text outside any <tu>, skipped");
      stray_reported_ = true;
      Advance(lt == std::string::npos ? buffer_.size() : lt);
      continue;
    }
    Ensure(pos_ + 10);
    const absl::string_view ahead = absl::string_view(buffer_).substr(pos_, 10);
    if (absl::StartsWith(ahead, "<!--")) {
      const size_t end = Find("-->", pos_ + 4);
      if (end == std::string::npos) {
        AddIssue(line, "unterminated comment");
        Advance(buffer_.size());
      } else {
        Advance(end + 3);
      }
      continue;
    }
    if (absl::StartsWith(ahead, "<?")) {
      const size_t end = Find("?>", pos_ + 2);
      Advance(end == std::string::npos ? buffer_.size() : end + 2);
      continue;
    }
    if (absl::StartsWith(ahead, "<!DOCTYPE")) {
      for (size_t i = pos_ + 9;; ++i) {
        if (!Ensure(i)) return absl::InvalidArgumentError("TMX: unterminated DOCTYPE");
        if (buffer_[i] == '[') {
          return absl::InvalidArgumentError(absl::StrCat(
              "TMX: line ", line, ": the DOCTYPE declares entities or other markup, which is "
              "refused"));
        }
        if (buffer_[i] == '>') {
          Advance(i + 1);
          break;
        }
      }
      continue;
    }
    if (absl::StartsWith(ahead, "<![CDATA[")) {
      const size_t end = Find("]]>", pos_ + 9);
      if (!stray_reported_) AddIssue(line, "text outside any <tu>, skipped");
      stray_reported_ = true;
      Advance(end == std::string::npos ? buffer_.size() : end + 3);
      continue;
    }
    absl::StatusOr<size_t> tag_end = StartTagEnd(pos_);
    if (!tag_end.ok()) {
      AddIssue(line, absl::StrCat("malformed markup: ", tag_end.status().message()));
      Advance(pos_ + 1);
      continue;
    }
    const bool closing = buffer_[pos_ + 1] == '/';
    size_t name_end = pos_ + (closing ? 2 : 1);
    while (name_end < *tag_end && !IsNameEnd(buffer_[name_end])) ++name_end;
    const std::string name = buffer_.substr(pos_ + (closing ? 2 : 1),
                                            name_end - pos_ - (closing ? 2 : 1));
    const bool self_closing = buffer_[*tag_end - 1] == '/';
    if (!seen_root_) {
      if (name != "tmx" || closing) {
        return absl::InvalidArgumentError(
            absl::StrCat("not a TMX document: the root element is <", name, ">"));
      }
      seen_root_ = true;
      Advance(*tag_end + 1);
      continue;
    }
    if (closing) {
      if (name != "body" && name != "tmx" && name != "header") {
        if (!stray_reported_) AddIssue(line, absl::StrCat("stray </", name, ">, skipped"));
        stray_reported_ = true;
      }
      Advance(*tag_end + 1);
      continue;
    }
    if (name == "body" || name == "tmx") {
      Advance(*tag_end + 1);
      continue;
    }
    if (name == "header") {
      size_t end = *tag_end + 1;
      if (!self_closing) {
        const size_t close = Find("</header>", *tag_end);
        end = close == std::string::npos ? buffer_.size() : close + 9;
      }
      ParseHeader(absl::string_view(buffer_).substr(pos_, end - pos_), line);
      Advance(end);
      continue;
    }
    if (name != "tu") {
      if (name == "tuv") {
        AddIssue(line, "<tuv> outside any <tu> (missing <tu> start tag?), skipped");
      } else if (!stray_reported_) {
        AddIssue(line, absl::StrCat("<", name, "> outside any <tu>, skipped"));
      }
      stray_reported_ = true;
      Advance(*tag_end + 1);
      continue;
    }
    if (self_closing) {
      AddIssue(line, "empty <tu/>, skipped");
      Advance(*tag_end + 1);
      continue;
    }
    // Find this unit's </tu>, or the next <tu> if it was never closed.
    size_t from = *tag_end + 1;
    size_t unit_end = std::string::npos;
    size_t next_unit = std::string::npos;
    for (;;) {
      const size_t lt = Find("<", from);
      if (lt == std::string::npos) break;
      Ensure(lt + 10);
      const absl::string_view at = absl::string_view(buffer_).substr(lt, 10);
      if (absl::StartsWith(at, "<!--")) {
        const size_t end = Find("-->", lt + 4);
        if (end == std::string::npos) break;
        from = end + 3;
      } else if (absl::StartsWith(at, "<![CDATA[")) {
        const size_t end = Find("]]>", lt + 9);
        if (end == std::string::npos) break;
        from = end + 3;
      } else if (absl::StartsWith(at, "</tu") && at.size() > 4 && IsNameEnd(at[4])) {
        const size_t close = buffer_.find('>', lt);
        unit_end = close == std::string::npos ? buffer_.size() : close + 1;
        break;
      } else if (absl::StartsWith(at, "<tu") && at.size() > 3 && IsNameEnd(at[3])) {
        next_unit = lt;
        break;
      } else {
        from = lt + 1;
      }
    }
    if (unit_end == std::string::npos) {
      AddIssue(line, "<tu> is not closed, skipped");
      Advance(next_unit == std::string::npos ? buffer_.size() : next_unit);
      continue;
    }
    ParseUnit(absl::string_view(buffer_).substr(pos_, unit_end - pos_), line, units);
    Advance(unit_end);
    if (!units->empty()) {
      stray_reported_ = false;
      return true;
    }
  }
}

TmxWriter::TmxWriter(std::ostream* out, TmxHeader header)
    : out_(out), header_(std::move(header)) {}

void TmxWriter::Start() {
  if (started_) return;
  started_ = true;
  *out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header "
        << "creationtool=\"" << XmlEscape(header_.creationtool.empty() ? "Bayyina"
                                                                        : header_.creationtool)
        << "\" creationtoolversion=\""
        << XmlEscape(header_.creationtoolversion.empty() ? "0.1" : header_.creationtoolversion)
        << "\" segtype=\"" << XmlEscape(header_.segtype.empty() ? "sentence" : header_.segtype)
        << "\" o-tmf=\"" << XmlEscape(header_.o_tmf.empty() ? "Bayyina" : header_.o_tmf)
        << "\" adminlang=\"" << XmlEscape(header_.adminlang.empty() ? "en" : header_.adminlang)
        << "\" srclang=\"" << XmlEscape(header_.srclang.empty() ? "*all*" : header_.srclang)
        << "\" datatype=\"" << XmlEscape(header_.datatype.empty() ? "plaintext" : header_.datatype)
        << "\"";
  if (header_.annotations.empty()) {
    *out_ << "/>\n";
  } else {
    *out_ << ">" << ToTmxAnnotations(header_.annotations) << "</header>\n";
  }
  *out_ << "<body>\n";
}

absl::Status TmxWriter::Write(const TranslationUnit& u) {
  Start();
  std::string tu = "<tu";
  if (!u.tuid.empty()) absl::StrAppend(&tu, " tuid=\"", XmlEscape(u.tuid), "\"");
  absl::StrAppend(&tu, " srclang=\"", XmlEscape(u.source_lang), "\"");
  absl::StrAppend(&tu, " creationdate=\"", FormatTmxDate(u.created), "\"");
  if (!u.creator.empty()) absl::StrAppend(&tu, " creationid=\"", XmlEscape(u.creator), "\"");
  absl::StrAppend(&tu, " changedate=\"", FormatTmxDate(u.changed), "\"");
  if (!u.changer.empty()) absl::StrAppend(&tu, " changeid=\"", XmlEscape(u.changer), "\"");
  if (u.usage_count > 0) {
    absl::StrAppend(&tu, " usagecount=\"", u.usage_count, "\" lastusagedate=\"",
                    FormatTmxDate(u.last_used), "\"");
  }
  tu += ">\n";
  if (!u.domain.empty()) {
    absl::StrAppend(&tu, "  <prop type=\"x-domain\">", XmlEscape(u.domain), "</prop>\n");
  }
  if (!u.origin.empty()) {
    absl::StrAppend(&tu, "  <prop type=\"x-origin\">", XmlEscape(u.origin), "</prop>\n");
  }
  if (!u.annotations.empty()) absl::StrAppend(&tu, "  ", ToTmxAnnotations(u.annotations), "\n");
  absl::StrAppend(&tu, "  <tuv xml:lang=\"", XmlEscape(u.source_lang), "\">",
                  ToTmxAnnotations(u.source_annotations), "<seg>", ToTmxInline(u.source),
                  "</seg></tuv>\n");
  absl::StrAppend(&tu, "  <tuv xml:lang=\"", XmlEscape(u.target_lang), "\">",
                  ToTmxAnnotations(u.target_annotations), "<seg>", ToTmxInline(u.target),
                  "</seg></tuv>\n</tu>\n");
  *out_ << tu;
  if (!*out_) return absl::DataLossError("TMX: writing the output failed");
  return absl::OkStatus();
}

absl::Status TmxWriter::Finish() {
  Start();
  *out_ << "</body>\n</tmx>\n";
  out_->flush();
  if (!*out_) return absl::DataLossError("TMX: writing the output failed");
  return absl::OkStatus();
}

absl::StatusOr<TmxImportReport> ImportTmx(std::istream& in, const TmxImportOptions& options,
                                          TranslationMemory& tm) {
  TmxReader reader(&in, options.source_lang);
  TmxImportReport report;
  std::vector<TranslationUnit> batch;
  std::vector<int> lines;
  std::vector<TmxIssue> refused;
  auto flush = [&]() -> absl::Status {
    if (batch.empty()) return absl::OkStatus();
    AddOptions add = options.add;
    add.skip_invalid = true;
    absl::StatusOr<std::vector<AddResult>> results = tm.Add(std::move(batch), add);
    batch.clear();
    if (!results.ok()) return results.status();
    for (size_t i = 0; i < results->size(); ++i) {
      const AddResult& r = (*results)[i];
      if (!r.status.ok()) {
        ++report.units_refused;
        refused.push_back({lines[i], absl::StrCat("unit refused: ", r.status.message())});
      } else if (r.duplicate) {
        ++report.duplicates;
      } else {
        ++report.units_added;
      }
    }
    lines.clear();
    return absl::OkStatus();
  };
  std::vector<TmxUnit> units;
  for (;;) {
    absl::StatusOr<bool> more = reader.Next(&units);
    if (!more.ok()) return more.status();
    if (!*more) break;
    for (TmxUnit& u : units) {
      ++report.units_read;
      u.unit.scope = options.scope;
      if (u.unit.origin.empty()) u.unit.origin = options.origin;
      lines.push_back(u.line);
      batch.push_back(std::move(u.unit));
    }
    if (batch.size() >= options.batch_size) {
      if (absl::Status s = flush(); !s.ok()) return s;
    }
  }
  if (absl::Status s = flush(); !s.ok()) return s;
  report.issues = reader.issues();
  report.issue_count = reader.issue_count() + refused.size();
  for (TmxIssue& i : refused) {
    if (report.issues.size() < TmxReader::kMaxIssues) report.issues.push_back(std::move(i));
  }
  std::stable_sort(report.issues.begin(), report.issues.end(),
                   [](const TmxIssue& a, const TmxIssue& b) { return a.line < b.line; });
  return report;
}

absl::StatusOr<size_t> ExportTmx(TmStore& store, const UnitFilter& filter, std::ostream& out) {
  TmxHeader header;
  header.srclang = filter.source_lang.empty() ? "*all*" : filter.source_lang;
  TmxWriter writer(&out, header);
  size_t count = 0;
  absl::Status s = store.ForEachUnit(filter, [&](const TranslationUnit& u) {
    ++count;
    return writer.Write(u);
  });
  if (!s.ok()) return s;
  if (absl::Status f = writer.Finish(); !f.ok()) return f;
  return count;
}

}  // namespace bayyina::tm
