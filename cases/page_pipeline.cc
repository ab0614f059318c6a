#include "cases/page_pipeline.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "cases/page_image.h"
#include "ocr/formats.h"
#include "redact/review.h"
#include "redact/text_redactor.h"
#include "text/language.h"
#include "text/segment.h"

namespace bayyina::cases {

int CodePoints(absl::string_view s) {
  int n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

namespace {

// Code point offset of byte offset `byte` in `s`.
int CpAt(absl::string_view s, size_t byte) { return CodePoints(s.substr(0, byte)); }

std::vector<WordBox> ParseWords(const std::string& words_json) {
  std::vector<WordBox> out;
  nlohmann::json a = nlohmann::json::parse(words_json, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& w : a) {
    if (!w.is_array() || w.size() != 6) continue;
    out.push_back({w[0].get<int>(), w[1].get<int>(), w[2].get<int>(), w[3].get<int>(),
                   w[4].get<int>(), w[5].get<int>()});
  }
  return out;
}

Decision FromRedact(redact::ReviewDecision d) {
  switch (d) {
    case redact::ReviewDecision::kAccepted: return Decision::kAccepted;
    case redact::ReviewDecision::kRejected: return Decision::kRejected;
    case redact::ReviewDecision::kAdded: return Decision::kAdded;
    case redact::ReviewDecision::kPending: break;
  }
  return Decision::kPending;
}

}  // namespace

PageRecord MakePageRecord(const ocr::Page& page) {
  PageRecord rec;
  rec.number = page.number;
  rec.language = page.language;
  rec.ocr_json = ocr::ToJson(absl::MakeConstSpan(&page, 1));
  // Rebuild the plain text exactly as ocr::PlainText does, noting where each word lands.
  std::string text;
  nlohmann::json words = nlohmann::json::array();
  int cp = 0;
  bool first_block = true;
  for (const ocr::Block& block : page.blocks) {
    if (block.lines.empty()) continue;
    if (!first_block) {
      text += '\n';
      ++cp;
    }
    first_block = false;
    for (const ocr::Line& line : block.lines) {
      bool first_word = true;
      for (const ocr::Word& word : line.words) {
        if (!first_word) {
          text += ' ';
          ++cp;
        }
        first_word = false;
        const int n = CodePoints(word.text);
        words.push_back({cp, cp + n, word.box.left, word.box.top, word.box.right,
                         word.box.bottom});
        text += word.text;
        cp += n;
      }
      text += '\n';
      ++cp;
    }
  }
  rec.text = std::move(text);
  // The word map is only valid if it describes PlainText; otherwise findings go without boxes.
  rec.words_json = rec.text == ocr::PlainText(page) ? words.dump() : "[]";
  return rec;
}

absl::StatusOr<PageResult> RunPipeline(PageRecord page,
                                       const std::vector<DecisionRecord>& decisions,
                                       const PipelineContext& ctx) {
  text::Language lang = text::Language::kEnglish;
  if (auto l = text::ParseLanguage(page.language)) {
    lang = *l;
  } else if (auto d = text::ParseLanguage(ctx.default_language)) {
    lang = *d;
  }
  const std::string lang_code(text::LanguageCode(lang));

  auto findings = ctx.analyzer->Analyze(page.text, lang);
  if (!findings.ok()) return findings.status();

  redact::Review review;
  for (const DecisionRecord& d : decisions) {
    if (d.page != page.number) continue;
    auto type = redact::ParseEntityType(d.type);
    if (!type) continue;
    if (d.decision == Decision::kAdded) {
      review.added.push_back({*type, static_cast<size_t>(d.cp_begin),
                              static_cast<size_t>(d.cp_end)});
      continue;
    }
    for (size_t i = 0; i < findings->size(); ++i) {
      const redact::Finding& f = (*findings)[i];
      if (f.type == *type && static_cast<int>(f.cp_begin) == d.cp_begin &&
          static_cast<int>(f.cp_end) == d.cp_end) {
        review.decisions.push_back({i, d.decision == Decision::kAccepted});
      }
    }
  }
  // Spans the image half's fail-closed rules took are redacted in the text as well, unless a
  // recognizer's finding already covers them.
  const std::vector<FailClosedSpan> fail_closed = FailClosedSpans(page.image_json);
  for (const FailClosedSpan& span : fail_closed) {
    auto type = redact::ParseEntityType(span.type);
    if (!type) continue;
    const bool covered = std::any_of(findings->begin(), findings->end(),
                                     [&](const redact::Finding& f) {
                                       return static_cast<int>(f.cp_begin) < span.cp_end &&
                                              span.cp_begin < static_cast<int>(f.cp_end);
                                     });
    const bool decided = std::any_of(review.added.begin(), review.added.end(),
                                     [&](const redact::AddedSpan& a) {
                                       return static_cast<int>(a.cp_begin) < span.cp_end &&
                                              span.cp_begin < static_cast<int>(a.cp_end);
                                     });
    if (!covered && !decided) {
      review.added.push_back({*type, static_cast<size_t>(span.cp_begin),
                              static_cast<size_t>(span.cp_end)});
    }
  }
  auto reviewed = redact::ApplyReview(page.text, lang, *findings, review);
  if (!reviewed.ok()) return reviewed.status();
  // Findings that came from a fail-closed span keep the rule's name, not the reviewer's.
  for (redact::ReviewedFinding& rf : *reviewed) {
    if (rf.decision != redact::ReviewDecision::kAdded) continue;
    for (const FailClosedSpan& span : fail_closed) {
      if (static_cast<int>(rf.finding.cp_begin) == span.cp_begin &&
          static_cast<int>(rf.finding.cp_end) == span.cp_end) {
        rf.finding.detector = span.rule;
      }
    }
  }
  auto redacted =
      redact::RedactText(page.text, *reviewed, *ctx.policy, *ctx.key, ctx.placeholders);
  if (!redacted.ok()) return redacted.status();

  PageResult result;
  const std::vector<WordBox> words = ParseWords(page.words_json);
  std::vector<const redact::RedactedItem*> item_of(reviewed->size(), nullptr);
  for (const redact::RedactedItem& item : redacted->items) {
    if (item.finding < item_of.size()) item_of[item.finding] = &item;
  }
  for (size_t i = 0; i < reviewed->size(); ++i) {
    const redact::ReviewedFinding& rf = (*reviewed)[i];
    FindingRecord f;
    f.page = page.number;
    f.type = std::string(redact::EntityTypeName(rf.finding.type));
    f.cp_begin = static_cast<int>(rf.finding.cp_begin);
    f.cp_end = static_cast<int>(rf.finding.cp_end);
    f.id = absl::StrCat("p", page.number, "-", f.cp_begin, "-", f.cp_end);
    f.score = rf.finding.score;
    f.detector = rf.finding.detector;
    f.decision = FromRedact(rf.decision);
    if (f.decision == Decision::kAdded && rf.finding.detector != "reviewer") {
      f.decision = Decision::kPending;  // a rule took it, not a reviewer
    }
    for (const WordBox& w : words) {
      if (w.cp_begin < f.cp_end && f.cp_begin < w.cp_end) f.boxes.push_back(w);
    }
    if (const redact::RedactedItem* item = item_of[i]) {
      f.redacted = true;
      f.op = std::string(redact::OperatorName(item->op));
      if (item->op == redact::OperatorType::kReplace) f.placeholder = item->replacement;
      f.value_hmac = item->value_hmac;
    } else {
      f.value_hmac = ctx.key->ValueHmac(rf.finding.type, rf.finding.canonical);
    }
    result.findings.push_back(std::move(f));
  }

  page.redacted_text = std::move(redacted->text);
  int index = 0;
  for (const text::TextSpan& span : text::SplitSentences(page.redacted_text, lang)) {
    SegmentRecord seg;
    seg.page = page.number;
    seg.index = index++;
    seg.id = absl::StrCat("p", page.number, "-s", seg.index + 1);
    seg.source = std::string(span.Of(page.redacted_text));
    if (ctx.memory != nullptr) {
      tm::LookupRequest req;
      req.source_lang = lang_code;
      req.target_lang = ctx.target_language;
      req.query = tm::Segment(seg.source);
      req.scopes = {tm::Scope::Case(ctx.case_id)};
      req.min_score = 50;
      req.max_results = 3;
      auto matches = ctx.memory->Lookup(req);
      if (!matches.ok()) return matches.status();
      for (const tm::Match& m : *matches) {
        seg.suggestions.push_back({m.unit.id, m.score, m.unit.source.text, m.suggestion.text,
                                   m.unit.origin});
      }
      auto terms = ctx.memory->FindTerms(seg.source, lang_code, ctx.target_language);
      if (!terms.ok()) return terms.status();
      for (const tm::TermHit& hit : *terms) {
        TermRecord t;
        t.source_term = hit.source.text;
        if (!hit.targets.empty()) t.target_term = hit.targets.front().text;
        if (hit.end <= seg.source.size() && hit.begin < hit.end) {
          t.start = CpAt(seg.source, hit.begin);
          t.end = CpAt(seg.source, hit.end);
        }
        seg.terms.push_back(std::move(t));
      }
    }
    result.segments.push_back(std::move(seg));
  }
  result.page = std::move(page);
  return result;
}

}  // namespace bayyina::cases
