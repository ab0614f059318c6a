#include "tm/match_index.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "tm/scorer.h"

namespace bayyina::tm {

struct MatchIndex::Partition {
  absl::flat_hash_map<std::string, uint32_t> vocab;
  std::vector<std::vector<uint32_t>> postings;  // token id -> slots, ascending
  absl::flat_hash_map<uint64_t, uint32_t> exact_head;  // key hash -> first slot
  std::vector<uint32_t> members;                       // slots, for the exhaustive scan
};

namespace {

// Postings whose units stage 1a scores directly before switching to counting.
constexpr size_t kDirectScoringBudget = 512;
// Counting a posting costs about this many times less than scoring a candidate.
constexpr size_t kCountingPerCandidate = 32;

uint64_t HashTokens(absl::Span<const uint32_t> ids) { return absl::HashOf(ids); }

std::string PairKey(absl::string_view source_lang, absl::string_view target_lang) {
  return absl::StrCat(source_lang, "\t", target_lang);
}

// Keeps the best `k` scores seen so far to know the threshold a new candidate must reach.
class TopScores {
 public:
  TopScores(size_t k, int min_score) : k_(std::max<size_t>(k, 1)), min_score_(min_score) {}
  void Add(int score) {
    heap_.push(score);
    if (heap_.size() > k_) heap_.pop();
  }
  int Threshold() const {
    return heap_.size() == k_ ? std::max(min_score_, heap_.top()) : min_score_;
  }

 private:
  size_t k_;
  int min_score_;
  std::priority_queue<int, std::vector<int>, std::greater<int>> heap_;
};

std::vector<MatchIndex::Candidate> Finish(std::vector<MatchIndex::Candidate> found, int threshold,
                                          const MatchIndex::Query& query) {
  std::erase_if(found, [&](const MatchIndex::Candidate& c) { return c.score < threshold; });
  std::sort(found.begin(), found.end(),
            [](const MatchIndex::Candidate& a, const MatchIndex::Candidate& b) {
              return a.score != b.score ? a.score > b.score : a.id < b.id;
            });
  if (found.size() > query.max_results) {
    size_t keep = query.max_results;
    if (keep > 0) {
      const int last = found[keep - 1].score;
      while (keep < found.size() && keep < query.max_with_ties && found[keep].score == last) {
        ++keep;
      }
    }
    found.resize(keep);
  }
  return found;
}

}  // namespace

MatchIndex::MatchIndex() = default;
MatchIndex::~MatchIndex() = default;

MatchIndex::Partition* MatchIndex::FindPartition(absl::string_view source_lang,
                                                 absl::string_view target_lang) const {
  auto it = partition_by_pair_.find(PairKey(source_lang, target_lang));
  return it == partition_by_pair_.end() ? nullptr : partitions_[it->second].get();
}

void MatchIndex::Add(int64_t id, absl::string_view source_lang, absl::string_view target_lang,
                     absl::string_view scope, absl::Span<const std::string> tokens) {
  absl::MutexLock lock(&mu_);
  RemoveLocked(id);
  const std::string pair = PairKey(source_lang, target_lang);
  auto [pit, inserted] =
      partition_by_pair_.try_emplace(pair, static_cast<uint16_t>(partitions_.size()));
  if (inserted) partitions_.push_back(std::make_unique<Partition>());
  Partition& p = *partitions_[pit->second];
  auto [sit, scope_new] =
      scope_ids_.try_emplace(std::string(scope), static_cast<uint32_t>(scope_ids_.size()));

  const uint32_t slot_index = static_cast<uint32_t>(slots_.size());
  Slot slot;
  slot.id = id;
  slot.token_begin = static_cast<uint32_t>(tokens_.size());
  slot.token_count = static_cast<uint16_t>(std::min<size_t>(tokens.size(), 0xFFFF));
  slot.partition = pit->second;
  slot.scope = sit->second;
  slot.next_same_key = kNone;
  for (size_t i = 0; i < slot.token_count; ++i) {
    auto [vit, new_token] =
        p.vocab.try_emplace(tokens[i], static_cast<uint32_t>(p.vocab.size()));
    if (new_token) p.postings.emplace_back();
    const uint32_t token_id = vit->second;
    std::vector<uint32_t>& list = p.postings[token_id];
    if (list.empty() || list.back() != slot_index) list.push_back(slot_index);
    tokens_.push_back(token_id);
  }
  const uint64_t hash = HashTokens(
      absl::MakeConstSpan(tokens_).subspan(slot.token_begin, slot.token_count));
  auto [hit, first] = p.exact_head.try_emplace(hash, slot_index);
  if (!first) {
    slot.next_same_key = hit->second;
    hit->second = slot_index;
  }
  slots_.push_back(slot);
  lengths_.push_back(static_cast<uint8_t>(std::min<size_t>(slot.token_count, 255)));
  p.members.push_back(slot_index);
  slot_by_id_[id] = slot_index;
  ++live_;
}

void MatchIndex::Remove(int64_t id) {
  absl::MutexLock lock(&mu_);
  RemoveLocked(id);
}

void MatchIndex::RemoveLocked(int64_t id) {
  auto it = slot_by_id_.find(id);
  if (it == slot_by_id_.end()) return;
  slots_[it->second].scope = kDeadScope;
  slot_by_id_.erase(it);
  --live_;
}

size_t MatchIndex::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return live_;
}

size_t MatchIndex::MemoryBytes() const {
  absl::ReaderMutexLock lock(&mu_);
  size_t bytes = slots_.capacity() * sizeof(Slot) + lengths_.capacity() +
                 tokens_.capacity() * sizeof(uint32_t) +
                 slot_by_id_.capacity() * (sizeof(int64_t) + sizeof(uint32_t) + 1);
  for (const auto& p : partitions_) {
    bytes += p->members.capacity() * sizeof(uint32_t);
    bytes += p->exact_head.capacity() * (sizeof(uint64_t) + sizeof(uint32_t) + 1);
    bytes += p->postings.capacity() * sizeof(std::vector<uint32_t>);
    for (const auto& list : p->postings) bytes += list.capacity() * sizeof(uint32_t);
    for (const auto& [token, id] : p->vocab) {
      bytes += sizeof(std::string) + sizeof(uint32_t) + 1 +
               (token.size() > 15 ? token.capacity() : 0);
    }
  }
  return bytes;
}

std::vector<uint32_t> MatchIndex::AllowedScopes(absl::Span<const std::string> scopes) const {
  std::vector<uint32_t> out;
  for (const std::string& s : scopes) {
    auto it = scope_ids_.find(s);
    if (it != scope_ids_.end()) out.push_back(it->second);
  }
  return out;
}

std::unique_ptr<MatchIndex::Scratch> MatchIndex::TakeScratch() const {
  absl::MutexLock lock(&scratch_mu_);
  if (scratch_pool_.empty()) return std::make_unique<Scratch>();
  std::unique_ptr<Scratch> s = std::move(scratch_pool_.back());
  scratch_pool_.pop_back();
  return s;
}

void MatchIndex::ReturnScratch(std::unique_ptr<Scratch> scratch) const {
  absl::MutexLock lock(&scratch_mu_);
  scratch_pool_.push_back(std::move(scratch));
}

std::vector<MatchIndex::Candidate> MatchIndex::Search(const Query& query) const {
  absl::ReaderMutexLock lock(&mu_);
  const Partition* p = FindPartition(query.source_lang, query.target_lang);
  if (p == nullptr || query.tokens.empty() || query.max_results == 0) return {};
  const std::vector<uint32_t> allowed = AllowedScopes(query.scopes);
  if (allowed.empty()) return {};
  auto scope_ok = [&](uint32_t scope) {
    return std::find(allowed.begin(), allowed.end(), scope) != allowed.end();
  };

  // Query tokens as ids; a token the partition has never seen gets an id no unit holds.
  const size_t nq = query.tokens.size();
  std::vector<uint32_t> q(nq);
  bool all_known = true;
  for (size_t i = 0; i < nq; ++i) {
    auto it = p->vocab.find(query.tokens[i]);
    if (it != p->vocab.end()) {
      q[i] = it->second;
    } else {
      q[i] = 0xFFFFFFFFu - static_cast<uint32_t>(i);
      all_known = false;
    }
  }
  auto tokens_of = [&](const Slot& s) {
    return absl::MakeConstSpan(tokens_).subspan(s.token_begin, s.token_count);
  };

  std::unique_ptr<Scratch> scratch = TakeScratch();
  // count[slot]: query tokens seen in the unit so far (stage one), or kVisited once scored.
  std::vector<uint8_t>& count = scratch->count;
  if (count.size() < slots_.size()) count.resize(slots_.size(), 0);
  std::vector<uint32_t>& touched = scratch->touched;
  touched.clear();
  std::vector<uint8_t>& in_query = scratch->in_query;
  if (in_query.size() < p->postings.size()) in_query.resize(p->postings.size(), 0);
  for (uint32_t t : q) {
    if (t < in_query.size()) in_query[t] = 1;
  }

  std::vector<Candidate> found;
  TopScores top(query.max_results, query.min_score);
  size_t scored = 0;
  // Scores `s` if it can still reach the threshold. `shared_bound` bounds how many query
  // tokens the unit holds.
  auto verify = [&](uint32_t s, size_t shared_bound) {
    const Slot& slot = slots_[s];
    if (slot.scope == kDeadScope || !scope_ok(slot.scope)) return;
    const int threshold = top.Threshold();
    const size_t longest = std::max<size_t>(nq, slot.token_count);
    if (static_cast<int>((100 * std::min(shared_bound, nq)) / longest) < threshold) return;
    const int max_distance = MaxDistanceForScore(nq, slot.token_count, threshold);
    if (max_distance < 0) return;
    const auto unit_tokens = tokens_of(slot);
    size_t overlap = 0;
    for (uint32_t t : unit_tokens) overlap += in_query[t];
    if (static_cast<int>((100 * std::min(overlap, nq)) / longest) < threshold) return;
    const int distance = BoundedTokenEditDistance(q, unit_tokens, max_distance);
    if (distance > max_distance) return;
    const int score = FuzzyScore(nq, slot.token_count, distance);
    found.push_back({slot.id, score});
    top.Add(score);
    ++scored;
  };

  // Exact path: units whose key equals the query's.
  if (all_known) {
    auto it = p->exact_head.find(HashTokens(q));
    for (uint32_t s = it == p->exact_head.end() ? kNone : it->second; s != kNone;
         s = slots_[s].next_same_key) {
      const Slot& slot = slots_[s];
      if (count[s] != kVisited) {
        count[s] = kVisited;
        touched.push_back(s);
      }
      if (slot.scope == kDeadScope || !scope_ok(slot.scope)) continue;
      const auto t = tokens_of(slot);
      if (!std::equal(t.begin(), t.end(), q.begin(), q.end())) continue;
      found.push_back({slot.id, 100});
      top.Add(100);
    }
  }

  if (nq > kShortKeyTokens) {
    // Distinct tokens with their multiplicity, rarest first.
    std::vector<std::pair<uint32_t, int>> distinct;
    for (uint32_t t : q) {
      auto it = std::find_if(distinct.begin(), distinct.end(),
                             [t](const auto& d) { return d.first == t; });
      if (it == distinct.end()) {
        distinct.push_back({t, 1});
      } else {
        ++it->second;
      }
    }
    auto list_size = [&](uint32_t t) -> size_t {
      return t < p->postings.size() ? p->postings[t].size() : 0;
    };
    std::sort(distinct.begin(), distinct.end(), [&](const auto& a, const auto& b) {
      return list_size(a.first) < list_size(b.first);
    });
    // A unit not seen yet shares none of the tokens already visited, so at most `remaining`
    // of the query's tokens, and scores at most 100 * remaining / nq.
    size_t remaining = nq;
    auto may_go_on = [&] { return static_cast<int>((100 * remaining) / nq) >= top.Threshold(); };
    size_t list = 0;
    // Stage 1a: score the units of the rarest lists at once, which sets a useful threshold.
    size_t budget = kDirectScoringBudget;
    for (; list < distinct.size() && may_go_on(); ++list) {
      if (list >= 1 && scored >= 4 * query.max_results) break;
      const size_t size = list_size(distinct[list].first);
      if (size > budget) break;
      budget -= size;
      const auto [token, n] = distinct[list];
      remaining -= n;
      if (token >= p->postings.size()) continue;
      for (uint32_t s : p->postings[token]) {
        if (count[s] == kVisited) continue;
        count[s] = kVisited;
        touched.push_back(s);
        verify(s, n + remaining);
      }
    }
    // Stage 1b: only count, per unit, how many query tokens the visited lists hold (count
    // filtering); one byte per posting instead of the unit's tokens.
    const size_t first_counted = touched.size();
    for (; list < distinct.size() && may_go_on(); ++list) {
      const auto [token, n] = distinct[list];
      remaining -= n;
      if (token >= p->postings.size()) continue;
      for (uint32_t s : p->postings[token]) {
        uint8_t& c = count[s];
        if (c == kVisited) continue;
        if (c == 0) touched.push_back(s);
        c = static_cast<uint8_t>(std::min<int>(kVisited - 1, c + n));
      }
    }
    // Units first met after this point share too few tokens to qualify; counting more lists
    // for the units already met tightens their bound, and pays while a list is short compared
    // with the candidates it may spare from scoring.
    const size_t candidates = touched.size() - first_counted;
    for (; list < distinct.size(); ++list) {
      const auto [token, n] = distinct[list];
      if (list_size(token) > kCountingPerCandidate * candidates) break;
      remaining -= n;
      if (token >= p->postings.size()) continue;
      for (uint32_t s : p->postings[token]) {
        uint8_t& c = count[s];
        if (c == 0 || c == kVisited) continue;
        c = static_cast<uint8_t>(std::min<int>(kVisited - 1, c + n));
      }
    }
    // Stage 2: score the counted units that may still reach the threshold, most shared first.
    std::vector<uint32_t>& order = scratch->order;
    order.clear();
    {
      // Most counted units cannot reach the threshold even if they held every token not
      // counted; drop them before sorting.
      const int threshold = top.Threshold();
      for (size_t k = first_counted; k < touched.size(); ++k) {
        const uint32_t s = touched[k];
        const size_t longest = std::max<size_t>(nq, lengths_[s]);
        if (static_cast<int>((100 * std::min<size_t>(count[s] + remaining, nq)) / longest) >=
            threshold) {
          order.push_back(s);
        }
      }
    }
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return count[a] > count[b]; });
    for (uint32_t s : order) {
      const size_t c = count[s];
      if (static_cast<int>((100 * std::min(c + remaining, nq)) / nq) < top.Threshold()) break;
      verify(s, c + remaining);
    }
  }
  for (uint32_t s : touched) count[s] = 0;
  for (uint32_t t : q) {
    if (t < in_query.size()) in_query[t] = 0;
  }
  const int threshold = top.Threshold();
  ReturnScratch(std::move(scratch));
  return Finish(std::move(found), threshold, query);
}

std::vector<MatchIndex::Candidate> MatchIndex::SearchExhaustive(const Query& query) const {
  absl::ReaderMutexLock lock(&mu_);
  const Partition* p = FindPartition(query.source_lang, query.target_lang);
  if (p == nullptr || query.tokens.empty() || query.max_results == 0) return {};
  const std::vector<uint32_t> allowed = AllowedScopes(query.scopes);
  const size_t nq = query.tokens.size();
  std::vector<uint32_t> q(nq);
  for (size_t i = 0; i < nq; ++i) {
    auto it = p->vocab.find(query.tokens[i]);
    q[i] = it != p->vocab.end() ? it->second : 0xFFFFFFFFu - static_cast<uint32_t>(i);
  }
  const int min_score = nq <= kShortKeyTokens ? 100 : query.min_score;
  std::vector<Candidate> found;
  TopScores top(query.max_results, min_score);
  for (uint32_t s : p->members) {
    const Slot& slot = slots_[s];
    if (slot.scope == kDeadScope ||
        std::find(allowed.begin(), allowed.end(), slot.scope) == allowed.end()) {
      continue;
    }
    const int max_distance = MaxDistanceForScore(nq, slot.token_count, min_score);
    if (max_distance < 0) continue;
    const int distance = BoundedTokenEditDistance(
        q, absl::MakeConstSpan(tokens_).subspan(slot.token_begin, slot.token_count),
        max_distance);
    if (distance > max_distance) continue;
    const int score = FuzzyScore(nq, slot.token_count, distance);
    found.push_back({slot.id, score});
    top.Add(score);
  }
  return Finish(std::move(found), top.Threshold(), query);
}

}  // namespace bayyina::tm
