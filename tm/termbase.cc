#include "tm/termbase.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tm/match_key.h"

namespace bayyina::tm {
namespace {
std::string IndexKey(absl::string_view lang, absl::string_view token) {
  return absl::StrCat(lang, "\t", token);
}
}  // namespace

Termbase::Termbase(std::vector<TermEntry> entries) : entries_(std::move(entries)) {
  for (size_t e = 0; e < entries_.size(); ++e) {
    for (size_t t = 0; t < entries_[e].terms.size(); ++t) {
      const Term& term = entries_[e].terms[t];
      std::vector<std::string> tokens = absl::StrSplit(term.key, ' ', absl::SkipEmpty());
      if (tokens.empty()) continue;
      by_first_token_[IndexKey(PrimaryLanguage(term.lang), tokens[0])].push_back(
          {e, t, std::move(tokens)});
    }
  }
}

absl::StatusOr<std::vector<TermHit>> Termbase::Find(absl::string_view text,
                                                    absl::string_view source_lang,
                                                    absl::string_view target_lang) const {
  absl::StatusOr<MatchKey> key = BuildMatchKey(text, source_lang);
  if (!key.ok()) return key.status();
  const std::string src = PrimaryLanguage(source_lang);
  const std::string tgt = PrimaryLanguage(target_lang);
  std::vector<TermHit> hits;
  const std::vector<std::string>& tokens = key->tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto it = by_first_token_.find(IndexKey(src, tokens[i]));
    if (it == by_first_token_.end()) continue;
    for (const Indexed& cand : it->second) {
      if (i + cand.tokens.size() > tokens.size() ||
          !std::equal(cand.tokens.begin(), cand.tokens.end(), tokens.begin() + i)) {
        continue;
      }
      const TermEntry& entry = entries_[cand.entry];
      TermHit hit;
      hit.first_token = i;
      hit.token_count = cand.tokens.size();
      hit.begin = key->token_ranges[i].first;
      hit.end = key->token_ranges[i + cand.tokens.size() - 1].second;
      hit.concept_id = entry.concept_id;
      hit.domain = entry.domain;
      hit.source = entry.terms[cand.term];
      for (const Term& t : entry.terms) {
        if (PrimaryLanguage(t.lang) == tgt) hit.targets.push_back(t);
      }
      hits.push_back(std::move(hit));
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const TermHit& a, const TermHit& b) {
    return a.first_token != b.first_token ? a.first_token < b.first_token
                                          : a.token_count > b.token_count;
  });
  return hits;
}

}  // namespace bayyina::tm
