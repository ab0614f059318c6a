#include "redact/analyzer.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "redact/analysis_text.h"
#include "redact/canonical.h"
#include "text/normalize.h"

namespace bayyina::redact {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 (overlongs, surrogates, > U+10FFFF).
int ValidSequence(absl::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = at(i);
  auto cont = [&](size_t k) { return k < s.size() && (at(k) & 0xC0) == 0x80; };
  if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (b == 0xE0 && at(i + 1) < 0xA0) return 0;
    if (b == 0xED && at(i + 1) >= 0xA0) return 0;
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (b == 0xF0 && at(i + 1) < 0x90) return 0;
    if (b == 0xF4 && at(i + 1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

absl::Status CheckAnalyzableText(absl::string_view text, const AnalyzerLimits& limits) {
  if (text.size() > limits.max_input_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat("text is ", text.size(),
                                                   " bytes; the limit is ",
                                                   limits.max_input_bytes, " bytes"));
  }
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    int len = ValidSequence(text, i);
    if (len == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("text is not valid UTF-8: bad byte sequence at byte offset ", i));
    }
    i += len;
  }
  // Report the first over-long line.
  size_t line = 1, start = 0;
  while (true) {
    const void* nl = text.size() > start
                         ? std::memchr(text.data() + start, '\n', text.size() - start)
                         : nullptr;
    size_t end = nl == nullptr ? text.size() : static_cast<const char*>(nl) - text.data();
    if (end - start > limits.max_line_bytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line, " is ", end - start, " bytes long; the limit is ",
          limits.max_line_bytes, " bytes per line (split the text into lines)"));
    }
    if (nl == nullptr) break;
    start = end + 1;
    ++line;
  }
  return absl::OkStatus();
}

Analyzer::Analyzer() : Analyzer(BuiltinRecognizers()) {}

Analyzer::Analyzer(std::vector<std::unique_ptr<Recognizer>> recognizers, AnalyzerLimits limits)
    : recognizers_(std::move(recognizers)), limits_(limits) {}

void Analyzer::AddRecognizer(std::unique_ptr<Recognizer> recognizer) {
  recognizers_.push_back(std::move(recognizer));
}

absl::StatusOr<std::vector<Finding>> Analyzer::Analyze(absl::string_view input,
                                                       text::Language lang) const {
  if (absl::Status st = CheckAnalyzableText(input, limits_); !st.ok()) return st;
  absl::StatusOr<text::NormalizedText> normalized = text::Normalize(input, lang);
  if (!normalized.ok()) return normalized.status();
  AnalysisText text(std::string_view(input.data(), input.size()), *normalized, lang);

  std::vector<Candidate> candidates;
  for (const auto& r : recognizers_) {
    if (absl::Status st = r->Find(text, &candidates); !st.ok()) {
      return absl::Status(st.code(), absl::StrCat("recognizer ", std::string(r->name()), ": ", st.message()));
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });

  std::vector<Finding> findings;
  size_t cp = 0, cp_at = 0;  // code points counted in the original up to byte cp_at
  auto code_points_to = [&](size_t byte) {
    for (; cp_at < byte; ++cp_at) {
      cp += (static_cast<unsigned char>(input[cp_at]) & 0xC0) != 0x80;
    }
    return cp;
  };
  for (size_t i = 0; i < candidates.size();) {
    const Candidate* best = &candidates[i];
    uint32_t begin = candidates[i].begin, end = candidates[i].end;
    size_t j = i + 1;
    for (; j < candidates.size() && candidates[j].begin < end; ++j) {
      const Candidate& c = candidates[j];
      end = std::max(end, c.end);
      bool better = c.score > best->score ||
                    (c.score == best->score && c.end - c.begin > best->end - best->begin);
      if (better) best = &c;
    }
    i = j;
    if (end <= begin) continue;
    auto [ob, oe] = normalized->OriginalRange(begin, end);
    Finding f;
    f.type = best->type;
    f.begin = ob;
    f.end = oe;
    f.cp_begin = code_points_to(ob);
    f.cp_end = code_points_to(oe);
    f.score = best->score;
    f.detector = std::string(best->detector);
    std::string_view norm = text.text().substr(begin, end - begin);
    f.canonical = CanonicalFromNormalized(best->type, absl::string_view(norm.data(), norm.size()),
                                          input.substr(ob, oe - ob));
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace bayyina::redact
