// `bayyina tm import|export|lookup|concordance`: the translation memory (tm/), embedded or,
// with --server ADDR, through TranslationMemoryService. Units bound for the shared memory are
// scrubbed of personal data by the redaction analyzer before they are stored.

#include <grpcpp/grpcpp.h>
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
#include "bayyina/v1/translation_memory.grpc.pb.h"
#include "clients/cli/command.h"
#include "clients/cli/remote.h"
#include "nlohmann/json.hpp"
#include "redact/tm_scrubber.h"
#include "tm/match_key.h"
#include "tm/tbx.h"
#include "tm/tmx.h"
#include "tm/translation_memory.h"

namespace bayyina::cli {
namespace {

absl::StatusOr<std::string> DbPath(const Invocation& in) {
  if (auto db = in.args.Get("db")) return *db;
  absl::StatusOr<std::string> home = HomeDir();
  if (!home.ok()) return home.status();
  return absl::StrCat(*home, "/tm.sqlite");
}

absl::StatusOr<std::unique_ptr<tm::TranslationMemory>> OpenMemory(const Invocation& in,
                                                                 tm::UnitScrubber* scrubber) {
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

// --server ------------------------------------------------------------------------------

absl::StatusOr<std::unique_ptr<v1::TranslationMemoryService::Stub>> Stub(const Invocation& in) {
  if (in.args.Has("db")) return absl::InvalidArgumentError("--db and --server exclude each other");
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = Connect(in);
  if (!channel.ok()) return channel.status();
  return v1::TranslationMemoryService::NewStub(*channel);
}

absl::StatusOr<std::string> OneScope(const Invocation& in) {
  absl::StatusOr<std::vector<tm::Scope>> scopes = Scopes(in);
  if (!scopes.ok()) return scopes.status();
  if (scopes->size() > 1) return absl::InvalidArgumentError("--server takes one --scope");
  return scopes->empty() ? std::string() : (*scopes)[0].ToString();
}

absl::StatusOr<int> RemoteImport(const Invocation& in, const std::string& file) {
  if (in.args.Has("already-redacted") || in.args.Has("src")) {
    return absl::InvalidArgumentError("--already-redacted and --src work only embedded");
  }
  auto stub = Stub(in);
  if (!stub.ok()) return stub.status();
  absl::StatusOr<std::string> scope = OneScope(in);
  if (!scope.ok()) return scope.status();
  grpc::ClientContext context;
  PrepareContext(&context);
  nlohmann::ordered_json out;
  if (absl::EndsWithIgnoreCase(file, ".tbx")) {
    v1::ImportTermsResponse response;
    auto writer = (*stub)->ImportTerms(&context, &response);
    v1::ImportTermsRequest first;
    first.mutable_options()->mutable_scope()->set_id(*scope);
    if (!writer->Write(first)) return RemoteStatus(in, writer->Finish());
    absl::Status sent = StreamFile<v1::ImportTermsRequest>(file, writer.get(), [](absl::string_view b) {
      v1::ImportTermsRequest r;
      r.mutable_chunk()->set_data(std::string(b));
      return r;
    });
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!sent.ok() && status.ok()) return sent;
    if (!status.ok()) return RemoteStatus(in, status);
    out["entries"] = response.imported();
    if (!in.json) std::cerr << "imported " << response.imported() << " term entries\n";
  } else {
    v1::ImportTmxResponse response;
    auto writer = (*stub)->ImportTmx(&context, &response);
    v1::ImportTmxRequest first;
    first.mutable_options()->mutable_scope()->set_id(*scope);
    first.mutable_options()->set_origin(
        in.args.GetOr("origin", std::filesystem::path(file).filename().string()));
    if (!writer->Write(first)) return RemoteStatus(in, writer->Finish());
    absl::Status sent = StreamFile<v1::ImportTmxRequest>(file, writer.get(), [](absl::string_view b) {
      v1::ImportTmxRequest r;
      r.mutable_chunk()->set_data(std::string(b));
      return r;
    });
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!sent.ok() && status.ok()) return sent;
    if (!status.ok()) return RemoteStatus(in, status);
    out["imported"] = response.imported();
    out["problems"] = response.skipped();
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const v1::ImportProblem& p : response.problems()) {
      problems.push_back({{"line", p.line()}, {"message", p.message()}});
      if (!in.json) std::cerr << file << ":" << p.line() << ": " << p.message() << "\n";
    }
    out["problem_list"] = std::move(problems);
    if (!in.json) {
      std::cerr << "imported " << response.imported() << " units (" << response.skipped()
                << " problems)\n";
    }
  }
  if (in.json) std::cout << out.dump() << "\n";
  return 0;
}

absl::StatusOr<int> RemoteLookup(const Invocation& in, const std::string& src,
                                 const std::string& tgt, int min_score, int max) {
  auto stub = Stub(in);
  if (!stub.ok()) return stub.status();
  absl::StatusOr<std::string> scope = OneScope(in);
  if (!scope.ok()) return scope.status();
  std::vector<std::string> lines;
  std::string line;
  auto flush = [&]() -> absl::Status {
    if (lines.empty()) return absl::OkStatus();
    v1::LookupRequest request;
    for (const std::string& l : lines) request.add_segments(l);
    request.set_source_language(src);
    request.set_target_language(tgt);
    request.mutable_scope()->set_id(*scope);
    request.set_min_score(std::max(min_score, 1));
    request.set_max_matches(max);
    v1::LookupResponse response;
    grpc::ClientContext context;
    PrepareContext(&context);
    grpc::Status status = (*stub)->Lookup(&context, request, &response);
    if (!status.ok()) return RemoteStatus(in, status);
    for (int i = 0; i < response.results_size() && i < static_cast<int>(lines.size()); ++i) {
      const auto& result = response.results(i);
      if (in.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const v1::Match& m : result.matches()) {
          list.push_back({{"source", m.unit().source()},
                          {"target", m.suggestion()},
                          {"score", m.score()},
                          {"origin", m.unit().origin()}});
        }
        nlohmann::ordered_json out;
        out["query"] = lines[i];
        out["matches"] = std::move(list);
        std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      } else {
        std::cout << lines[i] << "\n";
        for (const v1::Match& m : result.matches()) {
          std::cout << "  " << m.score() << "\t" << m.suggestion() << "\t[" << m.unit().origin()
                    << "]\n";
        }
      }
    }
    lines.clear();
    return absl::OkStatus();
  };
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    if (lines.size() == 1000) {
      if (absl::Status s = flush(); !s.ok()) return s;
    }
  }
  if (absl::Status s = flush(); !s.ok()) return s;
  return 0;
}

absl::StatusOr<int> RemoteExport(const Invocation& in, const std::string& path,
                                 const std::string& src, const std::string& tgt) {
  if (in.args.Has("domain") || in.args.Has("origin")) {
    return absl::InvalidArgumentError("--domain and --origin filters work only embedded");
  }
  auto stub = Stub(in);
  if (!stub.ok()) return stub.status();
  absl::StatusOr<std::string> scope = OneScope(in);
  if (!scope.ok()) return scope.status();
  v1::ExportTmxRequest request;
  request.mutable_scope()->set_id(*scope);
  request.set_source_language(src);
  request.set_target_language(tgt);
  grpc::ClientContext context;
  PrepareContext(&context);
  auto reader = (*stub)->ExportTmx(&context, request);
  const std::string tmp = absl::StrCat(path, ".part-", getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return absl::PermissionDeniedError(absl::StrCat("cannot create ", path));
    v1::FileChunk chunk;
    while (reader->Read(&chunk)) out << chunk.data();
    grpc::Status status = reader->Finish();
    if (!status.ok() || !out) {
      out.close();
      std::remove(tmp.c_str());
      return status.ok() ? absl::InternalError(absl::StrCat("cannot write ", path))
                         : RemoteStatus(in, status);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  if (in.json) std::cout << nlohmann::ordered_json{{"output", path}}.dump() << "\n";
  return 0;
}

absl::StatusOr<int> RemoteConcordance(const Invocation& in, const std::vector<std::string>& queries,
                                      const std::string& src, const std::string& tgt, int max) {
  if (in.args.Has("side")) return absl::InvalidArgumentError("--side works only embedded");
  auto stub = Stub(in);
  if (!stub.ok()) return stub.status();
  absl::StatusOr<std::string> scope = OneScope(in);
  if (!scope.ok()) return scope.status();
  for (const std::string& q : queries) {
    v1::ConcordanceRequest request;
    request.set_query(q);
    request.set_source_language(src);
    request.set_target_language(tgt);
    request.mutable_scope()->set_id(*scope);
    request.set_page_size(max);
    v1::ConcordanceResponse response;
    grpc::ClientContext context;
    PrepareContext(&context);
    grpc::Status status = (*stub)->Concordance(&context, request, &response);
    if (!status.ok()) return RemoteStatus(in, status);
    if (in.json) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const v1::TranslationUnit& u : response.units()) {
        list.push_back({{"source", u.source()}, {"target", u.target()}, {"origin", u.origin()}});
      }
      nlohmann::ordered_json out;
      out["query"] = q;
      out["units"] = std::move(list);
      std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << q << "\n";
      for (const v1::TranslationUnit& u : response.units()) {
        std::cout << "  " << u.source() << "\t" << u.target() << "\t[" << u.origin() << "]\n";
      }
    }
  }
  return 0;
}

absl::StatusOr<int> RunImport(const Invocation& in) {
  const std::vector<std::string>& files = in.args.positional();
  if (files.size() != 1) return absl::InvalidArgumentError("tm import needs exactly one FILE");
  const std::string& file = files[0];
  if (!in.server.empty()) return RemoteImport(in, file);
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return absl::NotFoundError(absl::StrCat("cannot read ", file));
  absl::StatusOr<std::vector<tm::Scope>> scopes = Scopes(in);
  if (!scopes.ok()) return scopes.status();
  if (scopes->size() > 1) return absl::InvalidArgumentError("tm import takes one --scope");
  const tm::Scope scope = scopes->empty() ? tm::Scope::Shared() : (*scopes)[0];
  absl::StatusOr<std::string> src = Language(in, "src", false);
  if (!src.ok()) return src.status();
  redact::TmScrubber scrubber;
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
  if (!in.server.empty()) return RemoteExport(in, *path, *src, *tgt);
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
  if (!in.server.empty()) {
    return RemoteLookup(in, *src, *tgt, static_cast<int>(*min_score), static_cast<int>(*max));
  }
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
  if (!in.server.empty()) return RemoteConcordance(in, queries, *src, *tgt, static_cast<int>(*max));
  auto memory = OpenMemory(in, nullptr);
  if (!memory.ok()) return memory.status();
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
