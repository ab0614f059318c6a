#include "redact/review.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "redact/canonical.h"

namespace bayyina::redact {

absl::string_view ReviewDecisionName(ReviewDecision d) {
  switch (d) {
    case ReviewDecision::kPending: return "pending";
    case ReviewDecision::kAccepted: return "accepted";
    case ReviewDecision::kRejected: return "rejected";
    case ReviewDecision::kAdded: return "added";
  }
  return "pending";
}

absl::StatusOr<std::vector<ReviewedFinding>> ApplyReview(absl::string_view text,
                                                         text::Language lang,
                                                         const std::vector<Finding>& findings,
                                                         const Review& review) {
  std::vector<ReviewedFinding> out;
  out.reserve(findings.size() + review.added.size());
  for (const Finding& f : findings) out.push_back({f, ReviewDecision::kPending});
  for (const Review::Decision& d : review.decisions) {
    if (d.finding >= out.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("review: finding ", d.finding, " does not exist (", out.size(), " found)"));
    }
    out[d.finding].decision = d.accept ? ReviewDecision::kAccepted : ReviewDecision::kRejected;
  }
  // Code point -> byte offsets, one pass.
  std::vector<size_t> cp_to_byte;
  cp_to_byte.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cp_to_byte.push_back(i);
  }
  cp_to_byte.push_back(text.size());
  for (const AddedSpan& a : review.added) {
    if (a.cp_begin >= a.cp_end || a.cp_end >= cp_to_byte.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "review: added span [", a.cp_begin, ", ", a.cp_end, ") is outside the text of ",
          cp_to_byte.size() - 1, " code points"));
    }
    Finding f;
    f.type = a.type;
    f.begin = cp_to_byte[a.cp_begin];
    f.end = cp_to_byte[a.cp_end];
    f.cp_begin = a.cp_begin;
    f.cp_end = a.cp_end;
    f.score = 1.0;
    f.detector = "reviewer";
    absl::StatusOr<std::string> c = CanonicalValue(a.type, text.substr(f.begin, f.end - f.begin), lang);
    if (!c.ok()) return c.status();
    f.canonical = *c;
    out.push_back({std::move(f), ReviewDecision::kAdded});
  }
  std::stable_sort(out.begin(), out.end(), [](const ReviewedFinding& a, const ReviewedFinding& b) {
    return a.finding.begin < b.finding.begin;
  });
  return out;
}

bool ShouldRedact(const ReviewedFinding& f, const Policy& policy) {
  switch (f.decision) {
    case ReviewDecision::kRejected: return false;
    case ReviewDecision::kAdded: return true;
    case ReviewDecision::kAccepted: return policy.Redacts(f.finding.type);
    case ReviewDecision::kPending:
      return policy.Redacts(f.finding.type) && f.finding.score >= policy.score_threshold;
  }
  return true;
}

}  // namespace bayyina::redact
