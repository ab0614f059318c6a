#include "redact/redaction_log.h"

#include "nlohmann/json.hpp"

namespace bayyina::redact {
namespace {

using Json = nlohmann::ordered_json;

Json BoxJson(const PixelBox& b) { return Json::array({b[0], b[1], b[2], b[3]}); }

}  // namespace

std::string RedactionLog::ToJson(const Policy& policy) const {
  Json j;
  j["format"] = "bayyina-redaction-log/1";
  j["document"] = document;
  Json entities = Json::array();
  for (EntityType t : AllEntityTypes()) {
    if (policy.Redacts(t)) entities.push_back(std::string(EntityTypeName(t)));
  }
  j["policy"] = {{"score_threshold", policy.score_threshold},
                 {"entities", entities},
                 {"include_originals", policy.include_originals},
                 {"fail_closed", policy.fail_closed}};
  Json list = Json::array();
  int id = 0;
  for (const LogFinding& f : findings) {
    Json e;
    e["id"] = ++id;
    e["type"] = std::string(EntityTypeName(f.type));
    e["page"] = f.page;
    Json boxes = Json::array();
    for (const PixelBox& b : f.boxes) boxes.push_back(BoxJson(b));
    e["boxes"] = boxes;
    e["start"] = f.cp_begin;
    e["end"] = f.cp_end;
    e["detector"] = f.detector;
    e["score"] = static_cast<double>(static_cast<int>(f.score * 1000 + 0.5)) / 1000;
    e["operator"] = f.op;
    if (!f.placeholder.empty()) e["placeholder"] = f.placeholder;
    e["redacted"] = f.redacted;
    e["decision"] = std::string(ReviewDecisionName(f.decision));
    e["value_hmac"] = f.value_hmac;
    list.push_back(std::move(e));
  }
  j["findings"] = std::move(list);
  Json regions_json = Json::array();
  for (const LogRegion& r : regions) {
    regions_json.push_back({{"page", r.page},
                            {"box", BoxJson(r.box)},
                            {"kind", r.kind},
                            {"source", r.source},
                            {"redacted", r.redacted},
                            {"needs_review", r.needs_review}});
  }
  j["regions"] = std::move(regions_json);
  if (leak_check) {
    Json survivors = Json::array();
    for (const LeakSurvivor& s : leak_check->survivors) {
      survivors.push_back({{"type", std::string(EntityTypeName(s.type))},
                           {"page", s.page},
                           {"box", BoxJson(s.box)},
                           {"reason", s.reason},
                           {"value_hmac", s.value_hmac}});
    }
    j["leak_check"] = {{"performed", leak_check->performed},
                       {"passed", leak_check->passed},
                       {"setup", leak_check->setup},
                       {"survivors", survivors}};
  }
  return j.dump(1);
}

}  // namespace bayyina::redact
