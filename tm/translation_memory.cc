#include "tm/translation_memory.h"

#include <algorithm>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tm/match_key.h"
#include "tm/scorer.h"
#include "tm/sqlite_store.h"
#include "tm/substitution.h"

namespace bayyina::tm {
namespace {

std::vector<std::string> ScopeStrings(const std::vector<Scope>& scopes) {
  std::vector<std::string> out = {Scope::Shared().ToString()};
  for (const Scope& s : scopes) {
    std::string text = s.ToString();
    if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
  }
  return out;
}

// Scrubs the text runs between inline codes one by one, so that codes keep their place.
absl::Status ScrubSegment(UnitScrubber& scrubber, absl::string_view lang, Segment& seg) {
  std::vector<size_t> cuts;
  for (const InlineCode& c : seg.codes) cuts.push_back(std::min(c.offset, seg.text.size()));
  cuts.push_back(seg.text.size());
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::string out;
  absl::flat_hash_map<size_t, size_t> moved = {{0, 0}};
  size_t pos = 0;
  for (size_t cut : cuts) {
    if (cut > pos) {
      absl::StatusOr<std::string> run =
          scrubber.Scrub(absl::string_view(seg.text).substr(pos, cut - pos), lang);
      if (!run.ok()) return run.status();
      out += *run;
    }
    moved[cut] = out.size();
    pos = cut;
  }
  for (InlineCode& c : seg.codes) {
    c.offset = moved[std::min(c.offset, seg.text.size())];
    if (!c.inner_markup.empty()) {
      absl::StatusOr<std::string> inner = scrubber.Scrub(c.inner_markup, lang);
      if (!inner.ok()) return inner.status();
      c.inner_markup = *std::move(inner);
    }
  }
  seg.text = std::move(out);
  return absl::OkStatus();
}

std::string DuplicateKey(const TranslationUnit& u) {
  return absl::StrCat(u.source_lang, "\x1f", u.target_lang, "\x1f", u.scope.ToString(), "\x1f",
                      u.source.text, "\x1f", u.target.text, "\x1f", u.source.codes.size(), "\x1f",
                      u.target.codes.size());
}

}  // namespace

TranslationMemory::TranslationMemory(std::unique_ptr<TmStore> store, Options options)
    : store_(std::move(store)), options_(std::move(options)) {}

absl::StatusOr<std::unique_ptr<TranslationMemory>> TranslationMemory::Open(
    std::unique_ptr<TmStore> store, Options options) {
  if (store == nullptr) return absl::InvalidArgumentError("no store");
  std::unique_ptr<TranslationMemory> tm(new TranslationMemory(std::move(store), options));
  absl::Status status = tm->store_->ForEachKey([&](const KeyRow& row) {
    std::vector<std::string> tokens = absl::StrSplit(row.source_key, ' ', absl::SkipEmpty());
    tm->index_.Add(row.id, row.source_lang, row.target_lang, row.scope, tokens);
  });
  if (!status.ok()) return status;
  if (absl::Status s = tm->ReloadTerms(); !s.ok()) return s;
  return tm;
}

absl::StatusOr<std::unique_ptr<TranslationMemory>> TranslationMemory::OpenSqlite(
    const std::string& path, Options options) {
  absl::StatusOr<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  if (!store.ok()) return store.status();
  return Open(*std::move(store), std::move(options));
}

absl::Status TranslationMemory::Prepare(TranslationUnit& unit, bool already_scrubbed) const {
  if (!IsValidLanguageTag(unit.source_lang)) {
    return absl::InvalidArgumentError("source language is not a BCP-47 tag");
  }
  if (!IsValidLanguageTag(unit.target_lang)) {
    return absl::InvalidArgumentError("target language is not a BCP-47 tag");
  }
  if (PrimaryLanguage(unit.source_lang) == PrimaryLanguage(unit.target_lang)) {
    return absl::InvalidArgumentError("source and target language are the same");
  }
  for (const Segment* seg : {&unit.source, &unit.target}) {
    for (const InlineCode& c : seg->codes) {
      if (c.offset > seg->text.size() ||
          (c.offset < seg->text.size() && (seg->text[c.offset] & 0xC0) == 0x80)) {
        return absl::InvalidArgumentError("an inline code is not at a character boundary");
      }
    }
  }
  if (unit.scope.kind == Scope::Kind::kShared && !already_scrubbed) {
    if (options_.scrubber == nullptr) {
      return absl::FailedPreconditionError(
          "adding to the shared memory needs a scrubber for personal data");
    }
    if (absl::Status s = ScrubSegment(*options_.scrubber, unit.source_lang, unit.source);
        !s.ok()) {
      return s;
    }
    if (absl::Status s = ScrubSegment(*options_.scrubber, unit.target_lang, unit.target);
        !s.ok()) {
      return s;
    }
    for (auto* list : {&unit.annotations, &unit.source_annotations, &unit.target_annotations}) {
      for (Annotation& a : *list) {
        absl::StatusOr<std::string> v = options_.scrubber->Scrub(
            a.value, a.lang.empty() ? absl::string_view(unit.source_lang) : a.lang);
        if (!v.ok()) return v.status();
        a.value = *std::move(v);
      }
    }
  }
  absl::StatusOr<MatchKey> source_key = BuildMatchKey(unit.source.text, unit.source_lang);
  if (!source_key.ok()) return absl::InvalidArgumentError("source text is not valid UTF-8");
  if (source_key->tokens.empty()) {
    return absl::InvalidArgumentError("source has no words or numbers");
  }
  absl::StatusOr<MatchKey> target_key = BuildMatchKey(unit.target.text, unit.target_lang);
  if (!target_key.ok()) return absl::InvalidArgumentError("target text is not valid UTF-8");
  if (unit.target.text.empty() && unit.target.codes.empty()) {
    return absl::InvalidArgumentError("target is empty");
  }
  unit.source_key = source_key->Joined();
  unit.target_key = target_key->Joined();
  const absl::Time now = options_.now();
  if (unit.created == absl::UnixEpoch()) unit.created = now;
  if (unit.changed == absl::UnixEpoch()) unit.changed = unit.created;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AddResult>> TranslationMemory::Add(std::vector<TranslationUnit> units,
                                                              AddOptions options) {
  std::vector<AddResult> results(units.size());
  std::vector<bool> refused(units.size(), false);
  for (size_t i = 0; i < units.size(); ++i) {
    units[i].id = 0;
    if (absl::Status s = Prepare(units[i], options.already_scrubbed); !s.ok()) {
      if (!options.skip_invalid || s.code() != absl::StatusCode::kInvalidArgument) {
        return absl::Status(s.code(), absl::StrCat("unit ", i + 1, ": ", s.message()));
      }
      results[i].status = std::move(s);
      refused[i] = true;
    }
  }
  std::vector<TranslationUnit> fresh;
  std::vector<size_t> fresh_index;
  absl::flat_hash_map<std::string, size_t> in_batch;
  for (size_t i = 0; i < units.size(); ++i) {
    if (refused[i]) continue;
    // Duplicates inside the batch point at their first occurrence, resolved after insert.
    auto [it, inserted] = in_batch.try_emplace(DuplicateKey(units[i]), fresh.size());
    if (!inserted && fresh[it->second].source == units[i].source &&
        fresh[it->second].target == units[i].target) {
      results[i].duplicate = true;
      results[i].id = -static_cast<int64_t>(fresh_index[it->second]) - 1;
      continue;
    }
    absl::StatusOr<std::optional<int64_t>> existing = store_->FindIdentical(units[i]);
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) {
      results[i].id = **existing;
      results[i].duplicate = true;
      if (inserted) in_batch.erase(it);
      continue;
    }
    fresh_index.push_back(i);
    fresh.push_back(std::move(units[i]));
  }
  if (absl::Status s = store_->Insert(absl::MakeSpan(fresh)); !s.ok()) return s;
  for (size_t k = 0; k < fresh.size(); ++k) {
    const TranslationUnit& u = fresh[k];
    std::vector<std::string> tokens = absl::StrSplit(u.source_key, ' ', absl::SkipEmpty());
    index_.Add(u.id, PrimaryLanguage(u.source_lang), PrimaryLanguage(u.target_lang),
               u.scope.ToString(), tokens);
    results[fresh_index[k]].id = u.id;
  }
  for (AddResult& r : results) {
    if (r.id < 0) r.id = results[static_cast<size_t>(-r.id - 1)].id;
  }
  return results;
}

absl::Status TranslationMemory::Update(TranslationUnit unit, bool already_scrubbed) {
  if (absl::Status s = Prepare(unit, already_scrubbed); !s.ok()) return s;
  unit.changed = options_.now();
  if (absl::Status s = store_->Update(unit); !s.ok()) return s;
  std::vector<std::string> tokens = absl::StrSplit(unit.source_key, ' ', absl::SkipEmpty());
  index_.Add(unit.id, PrimaryLanguage(unit.source_lang), PrimaryLanguage(unit.target_lang),
             unit.scope.ToString(), tokens);
  return absl::OkStatus();
}

absl::Status TranslationMemory::Delete(int64_t id) {
  if (absl::Status s = store_->Delete(id); !s.ok()) return s;
  index_.Remove(id);
  return absl::OkStatus();
}

absl::Status TranslationMemory::RecordUse(int64_t id) {
  return store_->RecordUse(id, options_.now());
}

absl::StatusOr<MatchIndex::Query> TranslationMemory::MakeIndexQuery(
    const LookupRequest& request) const {
  if (!IsValidLanguageTag(request.source_lang) || !IsValidLanguageTag(request.target_lang)) {
    return absl::InvalidArgumentError("source and target language must be BCP-47 tags");
  }
  absl::StatusOr<MatchKey> key = BuildMatchKey(request.query.text, request.source_lang);
  if (!key.ok()) return absl::InvalidArgumentError("query is not valid UTF-8");
  MatchIndex::Query q;
  q.source_lang = PrimaryLanguage(request.source_lang);
  q.target_lang = PrimaryLanguage(request.target_lang);
  q.tokens = std::move(key->tokens);
  q.scopes = ScopeStrings(request.scopes);
  q.min_score = std::clamp(request.min_score, 0, 100);
  q.max_results = request.max_results;
  return q;
}

absl::StatusOr<std::vector<Match>> TranslationMemory::Lookup(const LookupRequest& request) const {
  absl::StatusOr<MatchIndex::Query> query = MakeIndexQuery(request);
  if (!query.ok()) return query.status();
  const std::vector<MatchIndex::Candidate> candidates = index_.Search(*query);
  if (candidates.empty()) return std::vector<Match>{};
  std::vector<int64_t> ids;
  absl::flat_hash_map<int64_t, int> score_of;
  for (const MatchIndex::Candidate& c : candidates) {
    ids.push_back(c.id);
    score_of[c.id] = c.score;
  }
  absl::StatusOr<std::vector<TranslationUnit>> units = store_->Get(ids);
  if (!units.ok()) return units.status();
  std::vector<Match> matches;
  for (TranslationUnit& u : *units) {
    Match m;
    m.score = score_of[u.id];
    m.verbatim_distance = VerbatimDistance(request.query, u.source);
    m.unit = std::move(u);
    matches.push_back(std::move(m));
  }
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.verbatim_distance != b.verbatim_distance) {
      return a.verbatim_distance < b.verbatim_distance;
    }
    if (a.unit.usage_count != b.unit.usage_count) return a.unit.usage_count > b.unit.usage_count;
    if (a.unit.changed != b.unit.changed) return a.unit.changed > b.unit.changed;
    return a.unit.id < b.unit.id;
  });
  if (matches.size() > request.max_results) matches.resize(request.max_results);
  for (Match& m : matches) {
    absl::StatusOr<Segment> suggestion =
        SubstituteValues(request.query.text, request.source_lang, m.unit.source.text,
                         m.unit.source_lang, m.unit.target, m.unit.target_lang, &m.substituted);
    if (!suggestion.ok()) return suggestion.status();
    m.suggestion = *std::move(suggestion);
  }
  return matches;
}

absl::StatusOr<std::vector<TranslationUnit>> TranslationMemory::Concordance(
    const ConcordanceRequest& request) const {
  if (!IsValidLanguageTag(request.source_lang) || !IsValidLanguageTag(request.target_lang)) {
    return absl::InvalidArgumentError("source and target language must be BCP-47 tags");
  }
  ConcordanceQuery q;
  q.side = request.side;
  q.source_lang = PrimaryLanguage(request.source_lang);
  q.target_lang = PrimaryLanguage(request.target_lang);
  absl::StatusOr<MatchKey> source_key = BuildMatchKey(request.text, request.source_lang);
  absl::StatusOr<MatchKey> target_key = BuildMatchKey(request.text, request.target_lang);
  if (!source_key.ok() || !target_key.ok()) {
    return absl::InvalidArgumentError("concordance text is not valid UTF-8");
  }
  q.source_tokens = std::move(source_key->tokens);
  q.target_tokens = std::move(target_key->tokens);
  q.scopes = ScopeStrings(request.scopes);
  q.limit = request.limit;
  absl::StatusOr<std::vector<int64_t>> ids = store_->Concordance(q);
  if (!ids.ok()) return ids.status();
  return store_->Get(*ids);
}

absl::Status TranslationMemory::AddTerms(std::vector<TermEntry> entries) {
  for (size_t i = 0; i < entries.size(); ++i) {
    for (Term& t : entries[i].terms) {
      if (!IsValidLanguageTag(t.lang)) {
        return absl::InvalidArgumentError(
            absl::StrCat("term entry ", i + 1, ": language is not a BCP-47 tag"));
      }
      absl::StatusOr<MatchKey> key = BuildMatchKey(t.text, t.lang);
      if (!key.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("term entry ", i + 1, ": term is not valid UTF-8"));
      }
      t.key = key->Joined();
    }
  }
  if (absl::Status s = store_->InsertTerms(absl::MakeSpan(entries)); !s.ok()) return s;
  return ReloadTerms();
}

absl::Status TranslationMemory::ReloadTerms() {
  std::vector<TermEntry> entries;
  absl::Status s = store_->ForEachTermEntry([&](const TermEntry& e) { entries.push_back(e); });
  if (!s.ok()) return s;
  auto termbase = std::make_shared<const Termbase>(std::move(entries));
  absl::MutexLock lock(&terms_mu_);
  termbase_ = std::move(termbase);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TermHit>> TranslationMemory::FindTerms(
    absl::string_view text, absl::string_view source_lang, absl::string_view target_lang) const {
  std::shared_ptr<const Termbase> termbase;
  {
    absl::MutexLock lock(&terms_mu_);
    termbase = termbase_;
  }
  return termbase->Find(text, source_lang, target_lang);
}

}  // namespace bayyina::tm
