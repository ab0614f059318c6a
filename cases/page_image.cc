#include "cases/page_image.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "ocr/pix.h"
#include "redact/page_redactor.h"

namespace bayyina::cases {
namespace {

using json = nlohmann::json;

// Pixels added around reviewer-confirmed word boxes, as the page redactor pads its own.
constexpr int kPad = 4;

json BoxJson(const ocr::Box& b) { return {b.left, b.top, b.right, b.bottom}; }

ocr::Box ParseBox(const json& j) {
  if (!j.is_array() || j.size() != 4) return {};
  return {j[0].get<int32_t>(), j[1].get<int32_t>(), j[2].get<int32_t>(), j[3].get<int32_t>()};
}

json PixelBoxJson(const redact::PixelBox& b) { return {b[0], b[1], b[2], b[3]}; }

redact::PixelBox ParsePixelBox(const json& j) {
  if (!j.is_array() || j.size() != 4) return {};
  return {j[0].get<int>(), j[1].get<int>(), j[2].get<int>(), j[3].get<int>()};
}

absl::StatusOr<std::string> EncodePng(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMem(&data, &size, pix, IFF_PNG) != 0 || data == nullptr) {
    return absl::InternalError("cannot encode the redacted page");
  }
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return out;
}

absl::StatusOr<std::string> BurnAndStore(Pix* image, const std::vector<ocr::Box>& burn,
                                         const BlobStore& blobs) {
  auto burnt = redact::BurnBoxes(image, burn);
  if (!burnt.ok()) return burnt.status();
  auto png = EncodePng(burnt->get());
  if (!png.ok()) return png.status();
  return blobs.Put(*png);
}

}  // namespace

absl::StatusOr<std::string> RedactPageImage(ocr::EnginePool& pool, const ocr::Page& page,
                                            const std::string& words_json, Pix* image, int dpi, text::Language lang,
                                            const redact::Analyzer& analyzer,
                                            const redact::Policy& policy,
                                            const redact::CaseKey& key, const BlobStore& blobs) {
  auto plan = redact::PlanPage(analyzer, page, lang, policy, key, {}, image);
  if (!plan.ok()) return plan.status();
  // The record keeps the bounds of the burnt areas, which re-burns after a review fill.
  std::vector<ocr::Box> burn;
  for (const redact::BurnQuad& q : plan->burn) burn.push_back(q.Bounds());
  json record;
  json regions = json::array();
  for (const redact::LogRegion& r : plan->regions) {
    regions.push_back({{"box", PixelBoxJson(r.box)}, {"kind", r.kind}, {"source", r.source},
                       {"redacted", r.redacted}, {"needs_review", r.needs_review}});
  }
  record["regions"] = regions;
  // Fail-closed findings carry word boxes only; the word map turns them into text spans.
  json words = json::parse(words_json, nullptr, false);
  json spans = json::array();
  for (const redact::LogFinding& f : plan->findings) {
    if (f.detector.rfind("fail_closed", 0) != 0 || !words.is_array()) continue;
    int begin = -1, end = -1;
    for (const redact::PixelBox& b : f.boxes) {
      for (const json& w : words) {
        if (!w.is_array() || w.size() != 6) continue;
        if (w[2].get<int>() == b[0] && w[3].get<int>() == b[1] && w[4].get<int>() == b[2] &&
            w[5].get<int>() == b[3]) {
          const int wb = w[0].get<int>(), we = w[1].get<int>();
          begin = begin < 0 ? wb : std::min(begin, wb);
          end = std::max(end, we);
        }
      }
    }
    if (begin >= 0 && end > begin) {
      spans.push_back({begin, end, std::string(redact::EntityTypeName(f.type)), f.detector});
    }
  }
  record["fail_closed"] = spans;
  // Burn and leak check in redact/, as `bayyina redact` does: a page whose check finds a
  // survivor is not released (no image blob); the record reports the survivors.
  auto burnt = redact::BurnAndCheck(pool, image, dpi, page, lang, analyzer, policy, key, *plan);
  if (!burnt.ok()) return burnt.status();
  if (burnt->leak_check) {
    json survivors = json::array();
    for (const redact::LeakSurvivor& s : burnt->leak_check->survivors) {
      survivors.push_back({{"type", std::string(redact::EntityTypeName(s.type))},
                           {"box", PixelBoxJson(s.box)},
                           {"reason", s.reason},
                           {"value_hmac", s.value_hmac}});
    }
    record["leak_check"] = {{"performed", burnt->leak_check->performed},
                            {"passed", burnt->leak_check->passed},
                            {"setup", burnt->leak_check->setup}, {"survivors", survivors}};
  }
  json boxes = json::array();
  for (const ocr::Box& b : burn) boxes.push_back(BoxJson(b));
  record["burn"] = boxes;
  record["review_boxes"] = json::array();
  record["image"] = "";
  if (burnt->releasable) {
    auto png = EncodePng(burnt->burnt.get());
    if (!png.ok()) return png.status();
    auto sha = blobs.Put(*png);
    if (!sha.ok()) return sha.status();
    record["image"] = *sha;
  }
  return record.dump();
}

absl::StatusOr<std::string> ReburnPageImage(Pix* image, const std::string& image_json,
                                            const std::vector<FindingRecord>& findings,
                                            const std::vector<WordBox>& added_boxes,
                                            const BlobStore& blobs) {
  json record = json::parse(image_json, nullptr, false);
  if (!record.is_object()) record = json::object();
  std::vector<ocr::Box> burn;
  for (const json& b : record.value("burn", json::array())) burn.push_back(ParseBox(b));
  json review = record.value("review_boxes", json::array());
  for (const WordBox& b : added_boxes) review.push_back({b.left, b.top, b.right, b.bottom});
  for (const json& b : review) burn.push_back(ParseBox(b));
  for (const FindingRecord& f : findings) {
    if (!f.redacted) continue;
    for (const WordBox& b : f.boxes) {
      burn.push_back({b.left - kPad, b.top - kPad, b.right + kPad, b.bottom + kPad});
    }
  }
  record["review_boxes"] = review;
  auto sha = BurnAndStore(image, burn, blobs);
  if (!sha.ok()) return sha.status();
  record["image"] = *sha;
  return record.dump();
}

std::vector<FailClosedSpan> FailClosedSpans(const std::string& image_json) {
  std::vector<FailClosedSpan> out;
  json record = json::parse(image_json, nullptr, false);
  if (!record.is_object()) return out;
  for (const json& s : record.value("fail_closed", json::array())) {
    if (!s.is_array() || s.size() != 4) continue;
    out.push_back({s[0].get<int>(), s[1].get<int>(), s[2].get<std::string>(),
                   s[3].get<std::string>()});
  }
  return out;
}

std::string RedactedImageSha(const std::string& image_json) {
  json record = json::parse(image_json, nullptr, false);
  if (!record.is_object()) return "";
  return record.value("image", "");
}

std::optional<std::vector<LeakSurvivor>> WithheldSurvivors(const std::string& image_json) {
  if (!RedactedImageSha(image_json).empty()) return std::nullopt;
  std::vector<LeakSurvivor> out;
  json record = json::parse(image_json, nullptr, false);
  if (!record.is_object()) return out;
  const json check = record.value("leak_check", json::object());
  for (const json& s : check.value("survivors", json::array())) {
    LeakSurvivor survivor;
    survivor.type = s.value("type", "");
    survivor.reason = s.value("reason", "");
    const redact::PixelBox box = ParsePixelBox(s.value("box", json::array()));
    survivor.box.left = box[0];
    survivor.box.top = box[1];
    survivor.box.right = box[2];
    survivor.box.bottom = box[3];
    out.push_back(std::move(survivor));
  }
  return out;
}

void AddImageRecordToLog(const std::string& image_json, int page, bool first_page,
                         redact::RedactionLog* log) {
  json record = json::parse(image_json, nullptr, false);
  if (!record.is_object()) record = json::object();
  for (const json& r : record.value("regions", json::array())) {
    redact::LogRegion region;
    region.page = page;
    region.box = ParsePixelBox(r.value("box", json::array()));
    region.kind = r.value("kind", "");
    region.source = r.value("source", "");
    region.redacted = r.value("redacted", false);
    region.needs_review = r.value("needs_review", false);
    log->regions.push_back(std::move(region));
  }
  for (const json& b : record.value("review_boxes", json::array())) {
    redact::LogRegion region;
    region.page = page;
    region.box = ParsePixelBox(b);
    region.kind = "reviewer";
    region.source = "reviewer";
    region.redacted = true;
    log->regions.push_back(std::move(region));
  }
  redact::LeakCheckResult page_leak;
  if (record.contains("leak_check") && record["leak_check"].is_object()) {
    const json& l = record["leak_check"];
    page_leak.performed = l.value("performed", false);
    page_leak.passed = l.value("passed", false);
    page_leak.setup = l.value("setup", "");
    for (const json& s : l.value("survivors", json::array())) {
      redact::LeakSurvivor survivor;
      survivor.type = redact::ParseEntityType(s.value("type", ""))
                          .value_or(redact::EntityType::kPerson);
      survivor.page = page;
      survivor.box = ParsePixelBox(s.value("box", json::array()));
      survivor.reason = s.value("reason", "");
      survivor.value_hmac = s.value("value_hmac", "");
      page_leak.survivors.push_back(std::move(survivor));
    }
  }
  if (first_page || !log->leak_check) {
    log->leak_check = page_leak;
    return;
  }
  redact::LeakCheckResult& merged = *log->leak_check;
  merged.performed = merged.performed && page_leak.performed;
  merged.passed = merged.passed && page_leak.passed;
  for (auto& s : page_leak.survivors) merged.survivors.push_back(std::move(s));
}

}  // namespace bayyina::cases
