#include "redact/text_pipeline.h"

namespace bayyina::redact {

absl::StatusOr<TextRedaction> RedactTextDocument(const Analyzer& analyzer, absl::string_view text,
                                                 text::Language lang, const Policy& policy,
                                                 const CaseKey& key,
                                                 PlaceholderRegistry* placeholders,
                                                 const Review& review,
                                                 absl::string_view document_name) {
  absl::StatusOr<std::vector<Finding>> findings = analyzer.Analyze(text, lang);
  if (!findings.ok()) return findings.status();
  TextRedaction out;
  absl::StatusOr<std::vector<ReviewedFinding>> reviewed =
      ApplyReview(text, lang, *findings, review);
  if (!reviewed.ok()) return reviewed.status();
  out.findings = std::move(*reviewed);
  absl::StatusOr<RedactedText> redacted =
      RedactText(text, out.findings, policy, key, placeholders);
  if (!redacted.ok()) return redacted.status();
  out.redacted = std::move(*redacted);
  out.log.document = std::string(document_name);
  std::vector<const RedactedItem*> by_finding(out.findings.size(), nullptr);
  for (const RedactedItem& item : out.redacted.items) by_finding[item.finding] = &item;
  for (size_t i = 0; i < out.findings.size(); ++i) {
    const ReviewedFinding& rf = out.findings[i];
    const Finding& f = rf.finding;
    LogFinding lf;
    lf.type = f.type;
    lf.cp_begin = f.cp_begin;
    lf.cp_end = f.cp_end;
    lf.detector = f.detector;
    lf.score = f.score;
    lf.decision = rf.decision;
    if (const RedactedItem* item = by_finding[i]) {
      lf.redacted = true;
      lf.op = std::string(OperatorName(item->op));
      if (item->op == OperatorType::kReplace) lf.placeholder = item->replacement;
      lf.value_hmac = item->value_hmac;
    } else {
      lf.value_hmac = key.ValueHmac(f.type, f.canonical);
    }
    out.log.findings.push_back(std::move(lf));
  }
  return out;
}

}  // namespace bayyina::redact
