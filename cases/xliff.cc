#include "cases/xliff.h"

#include <sstream>

#include "tm/xliff.h"

namespace bayyina::cases {
namespace {

tm::XliffSegment::State ToTm(SegmentState s) {
  switch (s) {
    case SegmentState::kTranslated: return tm::XliffSegment::State::kTranslated;
    case SegmentState::kReviewed: return tm::XliffSegment::State::kReviewed;
    case SegmentState::kFinal: return tm::XliffSegment::State::kFinal;
    case SegmentState::kInitial: break;
  }
  return tm::XliffSegment::State::kInitial;
}

SegmentState FromTm(tm::XliffSegment::State s) {
  switch (s) {
    case tm::XliffSegment::State::kTranslated: return SegmentState::kTranslated;
    case tm::XliffSegment::State::kReviewed: return SegmentState::kReviewed;
    case tm::XliffSegment::State::kFinal: return SegmentState::kFinal;
    case tm::XliffSegment::State::kInitial: break;
  }
  return SegmentState::kInitial;
}

}  // namespace

absl::StatusOr<std::string> DraftToXliff(absl::string_view source_language,
                                         absl::string_view target_language,
                                         const std::string& original,
                                         const std::vector<SegmentRecord>& segments) {
  tm::XliffDocument doc;
  doc.source_lang = std::string(source_language);
  doc.target_lang = std::string(target_language);
  doc.original = original;
  for (const SegmentRecord& g : segments) {
    tm::XliffSegment s;
    s.id = g.id;
    s.source = tm::Segment(g.source);
    if (!g.target.empty() || g.state != SegmentState::kInitial) s.target = tm::Segment(g.target);
    s.state = ToTm(g.state);
    for (const SuggestionRecord& r : g.suggestions) {
      tm::Match m;
      m.unit.id = r.unit_id;
      m.unit.source = tm::Segment(r.source);
      m.unit.origin = r.origin;
      m.score = r.score;
      m.suggestion = tm::Segment(r.suggestion);
      s.matches.push_back(std::move(m));
    }
    doc.segments.push_back(std::move(s));
  }
  std::ostringstream out;
  if (auto st = tm::WriteXliff(doc, out); !st.ok()) return st;
  return out.str();
}

absl::StatusOr<ReviewedXliff> ReadReviewedXliff(absl::string_view xml) {
  std::istringstream in{std::string(xml)};
  auto doc = tm::ReadXliff(in);
  if (!doc.ok()) return doc.status();
  ReviewedXliff out;
  out.original = doc->original;
  for (const tm::XliffSegment& s : doc->segments) {
    if (!s.target.has_value()) continue;
    SegmentRecord g;
    g.id = s.id;
    g.source = s.source.text;
    g.target = s.target->text;
    g.state = FromTm(s.state);
    out.segments.push_back(std::move(g));
  }
  return out;
}

}  // namespace bayyina::cases
