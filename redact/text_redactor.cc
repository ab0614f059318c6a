#include "redact/text_redactor.h"

#include "absl/strings/str_cat.h"
#include "redact/utf8.h"

namespace bayyina::redact {
namespace {

std::string Mask(std::string_view value, const OperatorConfig& op) {
  // Count maskable code points (spaces stay, so the shape of the value is visible).
  std::vector<std::pair<size_t, int>> cps;  // byte offset, length
  for (size_t i = 0; i < value.size();) {
    char32_t cp;
    int len = utf8::Decode(value, i, &cp);
    cps.emplace_back(i, len);
    i += len;
  }
  size_t total = cps.size();
  size_t n = op.chars_to_mask < 0 ? total : std::min<size_t>(total, op.chars_to_mask);
  size_t first = op.from_end ? total - n : 0;
  std::string out;
  for (size_t k = 0; k < total; ++k) {
    std::string_view c = value.substr(cps[k].first, cps[k].second);
    bool space = c == " ";
    if (k >= first && k < first + n && !space) {
      out += op.masking_char;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<RedactedText> RedactText(absl::string_view text,
                                        const std::vector<ReviewedFinding>& findings,
                                        const Policy& policy, const CaseKey& key,
                                        PlaceholderRegistry* placeholders) {
  RedactedText out;
  out.text.reserve(text.size());
  size_t pos = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i].finding;
    if (f.end > text.size() || f.begin > f.end) {
      return absl::InvalidArgumentError(absl::StrCat("finding ", i, " lies outside the text"));
    }
    if (!ShouldRedact(findings[i], policy)) continue;
    size_t begin = std::max(f.begin, pos);
    size_t end = f.end;
    if (end <= begin) continue;  // wholly inside an earlier redaction
    // A finding that overlaps the previous redaction continues after it: no fragment stays.
    out.text.append(text.data() + pos, begin - pos);
    const OperatorConfig& op = policy.OperatorFor(f.type);
    RedactedItem item;
    item.finding = i;
    item.op = op.type;
    item.value_hmac = key.ValueHmac(f.type, f.canonical);
    switch (op.type) {
      case OperatorType::kReplace:
        item.replacement = placeholders->Get(f.type, item.value_hmac);
        break;
      case OperatorType::kRedact:
        break;
      case OperatorType::kMask: {
        absl::string_view v = text.substr(begin, end - begin);
        item.replacement = Mask(std::string_view(v.data(), v.size()), op);
        break;
      }
      case OperatorType::kHash:
        item.replacement = item.value_hmac;
        break;
      case OperatorType::kEncrypt: {
        absl::StatusOr<std::string> token = key.Encrypt(f.type, text.substr(f.begin, f.end - f.begin));
        if (!token.ok()) return token.status();
        item.replacement = absl::StrCat("[", EntityTypeName(f.type), ":ENC:", *token, "]");
        break;
      }
    }
    item.out_begin = out.text.size();
    out.text += item.replacement;
    item.out_end = out.text.size();
    out.items.push_back(std::move(item));
    pos = end;
  }
  out.text.append(text.data() + pos, text.size() - pos);
  return out;
}

}  // namespace bayyina::redact
