// `bayyina tm import|export|lookup|concordance`: the translation memory (tm/), embedded.
// Units bound for the shared memory are scrubbed of personal data by the redaction analyzer
// before they are stored.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/command.h"
#include "nlohmann/json.hpp"
#include "redact/analyzer.h"
#include "redact/entity.h"
#include "redact/placeholders.h"
#include "redact/policy.h"
#include "tm/match_key.h"
#include "tm/tbx.h"
#include "tm/tmx.h"
#include "tm/translation_memory.h"

namespace bayyina::cli {
namespace {

// Replaces what the redaction analyzer finds (at the default policy's threshold) by typed
// placeholders.
class RedactScrubber final : public tm::UnitScrubber {
 public:
  absl::StatusOr<std::string> Scrub(absl::string_view text, absl::string_view lang) override {
    static const redact::Analyzer* analyzer = new redact::Analyzer();
    absl::StatusOr<std::vector<redact::Finding>> findings =
        analyzer->Analyze(text, tm::NormalizationLanguage(lang));
    if (!findings.ok()) return findings.status();
    const double threshold = redact::Policy::Default().score_threshold;
    // Numbered per text (first person found is [PERSON_1]), so that no value is kept
    // between calls; a unit's source and target usually name people in the same order.
    redact::PlaceholderRegistry registry;
    std::string out;
    size_t pos = 0;
    for (const redact::Finding& f : *findings) {
      if (f.score < threshold || f.begin < pos) continue;
      absl::StrAppend(&out, text.substr(pos, f.begin - pos));
      out += registry.Get(f.type, f.canonical);
      pos = f.end;
    }
    absl::StrAppend(&out, text.substr(pos));
    return out;
  }
};

absl::StatusOr<std::string> DbPath(const Invocation& in) {
  if (auto db = in.args.Get("db")) return *db;
  absl::StatusOr<std::string> home = HomeDir();
  if (!home.ok()) return home.status();
  return absl::StrCat(*home, "/tm.sqlite");
}

absl::StatusOr<std::unique_ptr<tm::TranslationMemory>> OpenMemory(const Invocation& in,
                                                                 tm::UnitScrubber* scrubber) {
  if (!in.server.empty()) {
    return absl::UnimplementedError("tm --server is not built yet; run it embedded");
  }
  absl::StatusOr<std::string> path = DbPath(in);
  if (!path.ok()) return path.status();
  tm::TranslationMemory::Options options;
  options.scrubber = scrubber;
  return tm::TranslationMemory::OpenSqlite(*path, options);
}

absl::StatusOr<std::vector<tm::Scope>> Scopes(const Invocation& in) {
  std::vector<tm::Scope> out;
  for (const std::string& s : in.args.GetAll("scope")) {
    absl::StatusOr<tm::Scope> scope = tm::Scope::Parse(s);
    if (!scope.ok()) return absl::InvalidArgumentError(absl::StrCat("--scope: ", scope.status().message()));
    out.push_back(*scope);
  }
  return out;
}

absl::StatusOr<std::string> Language(const Invocation& in, absl::string_view flag,
                                     bool required) {
  std::optional<std::string> value = in.args.Get(flag);
  if (!value) {
    if (required) return absl::InvalidArgumentError(absl::StrCat("--", flag, " is required"));
    return std::string();
  }
  if (!tm::IsValidLanguageTag(*value)) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " must be a BCP-47 language"));
  }
  return *value;
}

absl::StatusOr<int> RunImport(const Invocation& in) {
  const std::vector<std::string>& files = in.args.positional();
  if (files.size() != 1) return absl::InvalidArgumentError("tm import needs exactly one FILE");
  const std::string& file = files[0];
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return absl::NotFoundError(absl::StrCat("cannot read ", file));
  absl::StatusOr<std::vector<tm::Scope>> scopes = Scopes(in);
  if (!scopes.ok()) return scopes.status();
  if (scopes->size() > 1) return absl::InvalidArgumentError("tm import takes one --scope");
  const tm::Scope scope = scopes->empty() ? tm::Scope::Shared() : (*scopes)[0];
  absl::StatusOr<std::string> src = Language(in, "src", false);
  if (!src.ok()) return src.status();
  RedactScrubber scrubber;
  auto memory = OpenMemory(in, &scrubber);
  if (!memory.ok()) return memory.status();
  const std::string origin =
      in.args.GetOr("origin", std::filesystem::path(file).filename().string());
  nlohmann::ordered_json out;
  if (absl::EndsWithIgnoreCase(file, ".tbx")) {
    absl::StatusOr<tm::TbxImportReport> report = tm::ImportTbx(stream, origin, **memory);
    if (!report.ok()) return report.status();
    out["entries"] = report->entries_added;
    out["terms"] = report->terms_added;
    out["skipped"] = report->entries_skipped;
    if (!in.json) {
      std::cerr << "imported " << report->entries_added << " term entries ("
                << report->terms_added << " terms), skipped " << report->entries_skipped
                << "\n";
    }
  } else {
    tm::TmxImportOptions options;
    options.add.already_scrubbed = in.args.Has("already-redacted");
    options.source_lang = *src;
    options.scope = scope;
    options.origin = origin;
    absl::StatusOr<tm::TmxImportReport> report = tm::ImportTmx(stream, options, **memory);
    if (!report.ok()) return report.status();
    out["read"] = report->units_read;
    out["imported"] = report->units_added;
    out["duplicates"] = report->duplicates;
    out["refused"] = report->units_refused;
    out["problems"] = report->issue_count;
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const tm::TmxIssue& i : report->issues) {
      problems.push_back({{"line", i.line}, {"message", i.message}});
      if (!in.json) std::cerr << file << ":" << i.line << ": " << i.message << "\n";
    }
    out["problem_list"] = std::move(problems);
    if (!in.json) {
      std::cerr << "imported " << report->units_added << " of " << report->units_read
                << " units (" << report->duplicates << " duplicates, " << report->issue_count
                << " problems)\n";
    }
  }
  if (in.json) std::cout << out.dump() << "\n";
  return 0;
}

absl::StatusOr<int> RunExport(const Invocation& in) {
  std::optional<std::string> path = in.args.Get("o");
  if (!path) path = in.args.Get("output");
  const std::vector<std::string>& pos = in.args.positional();
  for (size_t i = 0; i < pos.size(); ++i) {
    if (pos[i] == "-o" && i + 1 < pos.size() && !path) {
      path = pos[++i];
    } else {
      return absl::InvalidArgumentError("tm export takes no FILE; use -o FILE.tmx");
    }
  }
  if (!path) return absl::InvalidArgumentError("tm export needs -o FILE.tmx");
  tm::UnitFilter filter;
  absl::StatusOr<std::string> src = Language(in, "src", false);
  if (!src.ok()) return src.status();
  absl::StatusOr<std::string> tgt = Language(in, "tgt", false);
  if (!tgt.ok()) return tgt.status();
  filter.source_lang = *src;
  filter.target_lang = *tgt;
  absl::StatusOr<std::vector<tm::Scope>> scopes = Scopes(in);
  if (!scopes.ok()) return scopes.status();
  for (const tm::Scope& s : *scopes) filter.scopes.push_back(s.ToString());
  filter.domain = in.args.GetOr("domain", "");
  filter.origin = in.args.GetOr("origin", "");
  auto memory = OpenMemory(in, nullptr);
  if (!memory.ok()) return memory.status();
  // Written under a temporary name and renamed when complete.
  const std::string tmp = absl::StrCat(*path, ".part-", getpid());
  size_t written = 0;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return absl::PermissionDeniedError(absl::StrCat("cannot create ", *path));
    absl::StatusOr<size_t> n = tm::ExportTmx((*memory)->store(), filter, out);
    if (!n.ok()) {
      std::remove(tmp.c_str());
      return n.status();
    }
    written = *n;
  }
  if (std::rename(tmp.c_str(), path->c_str()) != 0) {
    std::remove(tmp.c_str());
    return absl::InternalError(absl::StrCat("cannot write ", *path));
  }
  if (in.json) {
    std::cout << nlohmann::ordered_json{{"output", *path}, {"units", written}}.dump() << "\n";
  } else {
    std::cerr << "exported " << written << " units to " << *path << "\n";
  }
  return 0;
}

absl::StatusOr<int> RunLookup(const Invocation& in) {
  absl::StatusOr<std::string> src = Language(in, "src", true);
  if (!src.ok()) return src.status();
  absl::StatusOr<std::string> tgt = Language(in, "tgt", true);
  if (!tgt.ok()) return tgt.status();
  absl::StatusOr<long long> min_score = in.args.GetInt("min-score", 50, 0, 100);
  if (!min_score.ok()) return min_score.status();
  absl::StatusOr<long long> max = in.args.GetInt("max", 5, 1, 100);
  if (!max.ok()) return max.status();
  absl::StatusOr<std::vector<tm::Scope>> scopes = Scopes(in);
  if (!scopes.ok()) return scopes.status();
  auto memory = OpenMemory(in, nullptr);
  if (!memory.ok()) return memory.status();
  std::string line;
  size_t number = 0;
  while (std::getline(std::cin, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    tm::LookupRequest request;
    request.source_lang = *src;
    request.target_lang = *tgt;
    request.query = tm::Segment(line);
    request.scopes = *scopes;
    request.min_score = static_cast<int>(*min_score);
    request.max_results = static_cast<size_t>(*max);
    absl::StatusOr<std::vector<tm::Match>> matches = (*memory)->Lookup(request);
    if (!matches.ok()) {
      return absl::Status(matches.status().code(),
                          absl::StrCat("line ", number, ": ", matches.status().message()));
    }
    if (in.json) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const tm::Match& m : *matches) {
        list.push_back({{"source", m.unit.source.text},
                        {"target", m.suggestion.text},
                        {"score", m.score},
                        {"origin", m.unit.origin}});
      }
      nlohmann::ordered_json out;
      out["query"] = line;
      out["matches"] = std::move(list);
      std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << line << "\n";
      for (const tm::Match& m : *matches) {
        std::cout << "  " << m.score << "\t" << m.suggestion.text << "\t[" << m.unit.origin
                  << "]\n";
      }
    }
    std::cout.flush();
  }
  return 0;
}

absl::StatusOr<int> RunConcordance(const Invocation& in) {
  absl::StatusOr<std::string> src = Language(in, "src", true);
  if (!src.ok()) return src.status();
  absl::StatusOr<std::string> tgt = Language(in, "tgt", true);
  if (!tgt.ok()) return tgt.status();
  absl::StatusOr<long long> max = in.args.GetInt("max", 20, 1, 1000);
  if (!max.ok()) return max.status();
  absl::StatusOr<std::vector<tm::Scope>> scopes = Scopes(in);
  if (!scopes.ok()) return scopes.status();
  tm::ConcordanceQuery::Side side = tm::ConcordanceQuery::Side::kBoth;
  const std::string side_name = in.args.GetOr("side", "both");
  if (side_name == "source") {
    side = tm::ConcordanceQuery::Side::kSource;
  } else if (side_name == "target") {
    side = tm::ConcordanceQuery::Side::kTarget;
  } else if (side_name != "both") {
    return absl::InvalidArgumentError("--side must be source, target or both");
  }
  auto memory = OpenMemory(in, nullptr);
  if (!memory.ok()) return memory.status();
  std::vector<std::string> queries;
  if (!in.args.positional().empty()) {
    queries.push_back(absl::StrJoin(in.args.positional(), " "));
  } else {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      queries.push_back(line);
    }
  }
  for (const std::string& q : queries) {
    tm::ConcordanceRequest request;
    request.text = q;
    request.source_lang = *src;
    request.target_lang = *tgt;
    request.side = side;
    request.scopes = *scopes;
    request.limit = static_cast<size_t>(*max);
    absl::StatusOr<std::vector<tm::TranslationUnit>> units = (*memory)->Concordance(request);
    if (!units.ok()) return units.status();
    if (in.json) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const tm::TranslationUnit& u : *units) {
        list.push_back({{"source", u.source.text}, {"target", u.target.text}, {"origin", u.origin}});
      }
      nlohmann::ordered_json out;
      out["query"] = q;
      out["units"] = std::move(list);
      std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << q << "\n";
      for (const tm::TranslationUnit& u : *units) {
        std::cout << "  " << u.source.text << "\t" << u.target.text << "\t[" << u.origin << "]\n";
      }
    }
  }
  return 0;
}

const FlagSpec kDb = {"db", FlagKind::kValue, "PATH",
                      "translation memory database (default $BAYYINA_HOME/tm.sqlite)"};
const FlagSpec kScope = {"scope", FlagKind::kRepeated, "S",
                         "shared, client:ID or case:ID (lookups always see shared)"};

BAYYINA_COMMAND(kTmImport,
                {"tm import",
                 "import a TMX memory or a TBX termbase",
                 "--db PATH FILE.tmx|FILE.tbx [--scope S] [--origin O] [--src L] "
                 "[--already-redacted]",
                 {kDb, kScope,
                  {"already-redacted", FlagKind::kBool, "",
                   "the units hold no personal data (redacted upstream, or the shipped seed "
                   "memory): skip the analyzer"},
                  {"origin", FlagKind::kValue, "O", "origin recorded on units (default: file name)"},
                  {"src", FlagKind::kValue, "L", "source language when the TMX does not say"}},
                 &RunImport});

BAYYINA_COMMAND(kTmExport,
                {"tm export",
                 "export units as TMX 1.4b",
                 "--db PATH -o FILE.tmx [--src L] [--tgt L] [--scope S]... [--domain D] [--origin O]",
                 {kDb, kScope,
                  {"o", FlagKind::kValue, "FILE", "where to write the TMX"},
                  {"output", FlagKind::kValue, "FILE", "same as -o"},
                  {"src", FlagKind::kValue, "L", "only this source language"},
                  {"tgt", FlagKind::kValue, "L", "only this target language"},
                  {"domain", FlagKind::kValue, "D", "only this domain"},
                  {"origin", FlagKind::kValue, "O", "only this origin"}},
                 &RunExport});

BAYYINA_COMMAND(kTmLookup,
                {"tm lookup",
                 "suggest translations for each line on stdin",
                 "--db PATH --src L --tgt L [--json] [--min-score N] [--max N] [--scope S]...",
                 {kDb, kScope,
                  {"src", FlagKind::kValue, "L", "source language (BCP-47)"},
                  {"tgt", FlagKind::kValue, "L", "target language (BCP-47)"},
                  {"min-score", FlagKind::kValue, "N", "lowest score shown, 0-100 (default 50)"},
                  {"max", FlagKind::kValue, "N", "matches per line (default 5)"}},
                 &RunLookup});

BAYYINA_COMMAND(kTmConcordance,
                {"tm concordance",
                 "find units whose source or target holds a phrase",
                 "--db PATH --src L --tgt L [--side source|target|both] [--max N] [PHRASE...]",
                 {kDb, kScope,
                  {"src", FlagKind::kValue, "L", "source language (BCP-47)"},
                  {"tgt", FlagKind::kValue, "L", "target language (BCP-47)"},
                  {"side", FlagKind::kValue, "SIDE", "where to search (default both)"},
                  {"max", FlagKind::kValue, "N", "units per phrase (default 20)"}},
                 &RunConcordance});

}  // namespace
}  // namespace bayyina::cli
