#include "cases/model.h"

#include "absl/strings/str_format.h"

namespace bayyina::cases {

std::string SurvivorBoxes(const WithheldPage& page) {
  std::string out;
  for (const LeakSurvivor& s : page.survivors) {
    absl::StrAppendFormat(&out, " %s at %d:%d,%d,%d,%d", s.type, page.page, s.box.left,
                          s.box.top, s.box.right, s.box.bottom);
  }
  return out;
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kProsecutor: return "prosecutor";
    case Role::kReviewer: return "reviewer";
    case Role::kTranslator: return "translator";
    case Role::kAuditor: return "auditor";
    case Role::kService: return "service";
  }
  return "unknown";
}

std::optional<Role> ParseRole(const std::string& name) {
  for (Role r : {Role::kProsecutor, Role::kReviewer, Role::kTranslator, Role::kAuditor,
                 Role::kService}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

const char* DocumentStateName(DocumentState state) {
  switch (state) {
    case DocumentState::kQueued: return "queued";
    case DocumentState::kProcessing: return "processing";
    case DocumentState::kDone: return "done";
    case DocumentState::kFailed: return "failed";
  }
  return "queued";
}

const char* DecisionName(Decision d) {
  switch (d) {
    case Decision::kPending: return "pending";
    case Decision::kAccepted: return "accepted";
    case Decision::kRejected: return "rejected";
    case Decision::kAdded: return "added";
  }
  return "pending";
}

std::optional<Decision> ParseDecision(const std::string& name) {
  for (Decision d : {Decision::kPending, Decision::kAccepted, Decision::kRejected,
                     Decision::kAdded}) {
    if (name == DecisionName(d)) return d;
  }
  return std::nullopt;
}

const char* SegmentStateName(SegmentState s) {
  switch (s) {
    case SegmentState::kInitial: return "initial";
    case SegmentState::kTranslated: return "translated";
    case SegmentState::kReviewed: return "reviewed";
    case SegmentState::kFinal: return "final";
  }
  return "initial";
}

std::optional<SegmentState> ParseSegmentState(const std::string& name) {
  for (SegmentState s : {SegmentState::kInitial, SegmentState::kTranslated,
                         SegmentState::kReviewed, SegmentState::kFinal}) {
    if (name == SegmentStateName(s)) return s;
  }
  return std::nullopt;
}

}  // namespace bayyina::cases
