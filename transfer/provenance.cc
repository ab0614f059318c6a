#include "transfer/provenance.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace bayyina::transfer {
namespace {

using Json = nlohmann::ordered_json;

Json Typed(const char* type, std::string value) {
  return Json{{"@type", type}, {"@value", std::move(value)}};
}

Json HashNode(const std::string& id, const char* method, const std::string& hex) {
  return Json{{"@id", id},
              {"@type", "types:Hash"},
              {"types:hashMethod", Typed("vocabulary:HashNameVocab", method)},
              {"types:hashValue", Typed("xsd:hexBinary", hex)}};
}

}  // namespace

std::string FormatCaseUcoProvenance(const CustodyLog& log, const std::vector<BagEntry>& payload,
                                    absl::string_view bundle_id) {
  Json graph = Json::array();
  const std::string kb = absl::StrCat("urn:bayyina:package:", bundle_id, ":");
  std::map<std::string, const BagEntry*> by_sha256;
  for (const BagEntry& e : payload) by_sha256.emplace(e.sha256_hex, &e);

  // One observable:File per distinct SHA-256 named by the log or the payload.
  std::map<std::string, std::string> file_ids;  // sha256 -> @id
  auto file_for = [&](const std::string& sha256) -> std::string {
    auto it = file_ids.find(sha256);
    if (it != file_ids.end()) return it->second;
    std::string id = absl::StrCat("kb:file-", sha256);
    file_ids.emplace(sha256, id);
    Json facets = Json::array();
    Json hashes = Json::array({HashNode(absl::StrCat("kb:hash-sha256-", sha256), "SHA256", sha256)});
    auto p = by_sha256.find(sha256);
    if (p != by_sha256.end()) {
      const BagEntry& e = *p->second;
      std::string name = e.path.substr(e.path.rfind('/') + 1);
      facets.push_back(Json{{"@id", absl::StrCat("kb:file-facet-", sha256)},
                            {"@type", "observable:FileFacet"},
                            {"observable:fileName", name},
                            {"observable:filePath", absl::StrCat("bag/", e.path)},
                            {"observable:sizeInBytes", Typed("xsd:integer", std::to_string(e.size))}});
      hashes.push_back(HashNode(absl::StrCat("kb:hash-sha512-", sha256), "SHA512", e.sha512_hex));
    }
    facets.push_back(Json{{"@id", absl::StrCat("kb:content-facet-", sha256)},
                          {"@type", "observable:ContentDataFacet"},
                          {"observable:hash", hashes}});
    graph.push_back(Json{{"@id", id}, {"@type", "observable:File"}, {"core:hasFacet", facets}});
    return id;
  };

  std::map<std::string, std::string> actors;
  for (const CustodyRecord& r : log.records()) {
    const CustodyEvent& e = r.event;
    auto a = actors.find(e.actor);
    if (a == actors.end()) {
      std::string id = absl::StrCat("kb:performer-", actors.size() + 1);
      a = actors.emplace(e.actor, id).first;
      graph.push_back(Json{{"@id", id}, {"@type", "core:UcoObject"}, {"core:name", e.actor}});
    }
    Json objects = Json::array(), results = Json::array();
    for (const auto& h : e.inputs) objects.push_back(Json{{"@id", file_for(h)}});
    for (const auto& h : e.outputs) results.push_back(Json{{"@id", file_for(h)}});
    graph.push_back(Json{{"@id", absl::StrCat("kb:action-", r.seq)},
                         {"@type", "case-investigation:InvestigativeAction"},
                         {"core:name", e.action},
                         {"core:description", absl::StrCat("custody log line ", r.seq, ", case ",
                                                            e.case_ref)},
                         {"action:startTime", Typed("xsd:dateTime", e.time)},
                         {"action:performer", Json{{"@id", a->second}}},
                         {"action:object", objects},
                         {"action:result", results}});
  }
  for (const BagEntry& e : payload) file_for(e.sha256_hex);

  Json doc;
  doc["@context"] = Json{
      {"kb", kb},
      {"case-investigation", "https://ontology.caseontology.org/case/investigation/"},
      {"core", "https://ontology.unifiedcyberontology.org/uco/core/"},
      {"action", "https://ontology.unifiedcyberontology.org/uco/action/"},
      {"observable", "https://ontology.unifiedcyberontology.org/uco/observable/"},
      {"types", "https://ontology.unifiedcyberontology.org/uco/types/"},
      {"vocabulary", "https://ontology.unifiedcyberontology.org/uco/vocabulary/"},
      {"xsd", "http://www.w3.org/2001/XMLSchema#"}};
  doc["@graph"] = graph;
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace bayyina::transfer
