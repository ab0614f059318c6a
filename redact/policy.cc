#include "redact/policy.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "redact/embedded_data.h"

namespace bayyina::redact {
namespace {

using Json = nlohmann::json;

absl::Status Bad(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("policy: ", field, ": ", problem));
}

absl::StatusOr<OperatorConfig> ParseOperator(const Json& j, const std::string& field) {
  if (!j.is_object()) return Bad(field, "must be an object");
  OperatorConfig op;
  for (const auto& [k, v] : j.items()) {
    std::string f = absl::StrCat(field, ".", k);
    if (k == "type") {
      if (!v.is_string()) return Bad(f, "must be a string");
      std::string t = v.get<std::string>();
      if (t == "replace") op.type = OperatorType::kReplace;
      else if (t == "redact") op.type = OperatorType::kRedact;
      else if (t == "mask") op.type = OperatorType::kMask;
      else if (t == "hash") op.type = OperatorType::kHash;
      else if (t == "encrypt") op.type = OperatorType::kEncrypt;
      else return Bad(f, "unknown operator (replace, redact, mask, hash, encrypt)");
    } else if (k == "masking_char") {
      if (!v.is_string() || v.get<std::string>().empty()) return Bad(f, "must be one character");
      op.masking_char = v.get<std::string>();
      // One code point: a lead byte and only continuation bytes after it.
      for (size_t i = 1; i < op.masking_char.size(); ++i) {
        if ((static_cast<unsigned char>(op.masking_char[i]) & 0xC0) != 0x80) {
          return Bad(f, "must be one character");
        }
      }
    } else if (k == "chars_to_mask") {
      if (!v.is_number_integer() || v.get<int>() < -1) return Bad(f, "must be an integer >= -1");
      op.chars_to_mask = v.get<int>();
    } else if (k == "from_end") {
      if (!v.is_boolean()) return Bad(f, "must be true or false");
      op.from_end = v.get<bool>();
    } else {
      return Bad(f, "unknown field");
    }
  }
  if (!j.contains("type")) return Bad(field, "needs a \"type\"");
  return op;
}

absl::StatusOr<Policy> ParseJson(const Json& j) {
  if (!j.is_object()) return Bad("(document)", "must be a JSON object");
  Policy p;
  p.redact.fill(false);
  bool has_entities = false;
  for (const auto& [k, v] : j.items()) {
    if (k == "version") {
      if (!v.is_number_integer() || v.get<int>() != 1) return Bad(k, "only version 1 is known");
    } else if (k == "description") {
      if (!v.is_string()) return Bad(k, "must be a string");
    } else if (k == "entities") {
      has_entities = true;
      if (v.is_string() && v.get<std::string>() == "all") {
        p.redact.fill(true);
        continue;
      }
      if (!v.is_array()) return Bad(k, "must be \"all\" or a list of entity types");
      for (const Json& e : v) {
        std::optional<EntityType> t =
            e.is_string() ? ParseEntityType(e.get<std::string>()) : std::nullopt;
        if (!t) return Bad(k, "unknown entity type");
        p.redact[static_cast<size_t>(*t)] = true;
      }
    } else if (k == "score_threshold") {
      if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
        return Bad(k, "must be a number from 0 to 1");
      }
      p.score_threshold = v.get<double>();
    } else if (k == "default_operator") {
      absl::StatusOr<OperatorConfig> op = ParseOperator(v, k);
      if (!op.ok()) return op.status();
      p.default_operator = *op;
    } else if (k == "operators") {
      if (!v.is_object()) return Bad(k, "must be an object keyed by entity type");
      for (const auto& [type, op_json] : v.items()) {
        std::optional<EntityType> t = ParseEntityType(type);
        if (!t) return Bad(absl::StrCat(k, ".", type), "unknown entity type");
        absl::StatusOr<OperatorConfig> op = ParseOperator(op_json, absl::StrCat(k, ".", type));
        if (!op.ok()) return op.status();
        p.operators[static_cast<size_t>(*t)] = *op;
      }
    } else if (k == "include_originals" || k == "include_original_ocr" || k == "fail_closed" ||
               k == "leak_check") {
      if (!v.is_boolean()) return Bad(k, "must be true or false");
      bool b = v.get<bool>();
      if (k == "include_originals") p.include_originals = b;
      if (k == "include_original_ocr") p.include_original_ocr = b;
      if (k == "fail_closed") p.fail_closed = b;
      if (k == "leak_check") p.leak_check = b;
    } else {
      return Bad(k, "unknown field");
    }
  }
  if (!has_entities) return Bad("entities", "is required");
  return p;
}

}  // namespace

absl::string_view OperatorName(OperatorType type) {
  switch (type) {
    case OperatorType::kReplace: return "replace";
    case OperatorType::kRedact: return "redact";
    case OperatorType::kMask: return "mask";
    case OperatorType::kHash: return "hash";
    case OperatorType::kEncrypt: return "encrypt";
  }
  return "replace";
}

const Policy& Policy::Default() {
  static const Policy* p = [] {
    std::string_view text = EmbeddedDefaultPolicy();
    absl::StatusOr<Policy> parsed = Parse(absl::string_view(text.data(), text.size()));
    // The default is compiled in and covered by policy_test; a broken one must not weaken
    // redaction, so fall back to redacting everything.
    Policy* out = new Policy(parsed.ok() ? *parsed : Policy());
    if (!parsed.ok()) out->redact.fill(true);
    return out;
  }();
  return *p;
}

absl::StatusOr<Policy> Policy::Parse(absl::string_view json) {
  Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return absl::InvalidArgumentError("policy: not valid JSON");
  return ParseJson(j);
}

absl::StatusOr<Policy> Policy::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("policy file cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str());
}

const OperatorConfig& Policy::OperatorFor(EntityType type) const {
  const auto& op = operators[static_cast<size_t>(type)];
  return op ? *op : default_operator;
}

}  // namespace bayyina::redact
