// EMAIL_ADDRESS: a local part and a dotted domain around '@'. Found from each '@', so text
// without one costs a single memchr pass.

#include <cstring>

#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

bool LocalChar(char c) {
  return scan::Alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool DomainChar(char c) { return scan::Alnum(c) || c == '.' || c == '-'; }

class EmailRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "email"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    const char* base = s.data();
    size_t pos = 0;
    while (pos < s.size()) {
      const void* hit = std::memchr(base + pos, '@', s.size() - pos);
      if (hit == nullptr) break;
      size_t at = static_cast<const char*>(hit) - base;
      pos = at + 1;
      size_t b = at;
      while (b > 0 && LocalChar(s[b - 1])) --b;
      while (b < at && (s[b] == '.' || s[b] == '-')) ++b;
      size_t e = at + 1;
      while (e < s.size() && DomainChar(s[e])) ++e;
      while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
      if (b == at || e == at + 1) continue;
      std::string_view domain = s.substr(at + 1, e - at - 1);
      size_t dot = domain.rfind('.');
      if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) continue;
      bool tld_alpha = true;
      for (char c : domain.substr(dot + 1)) tld_alpha &= scan::Alpha(c);
      if (!tld_alpha || domain.find("..") != std::string_view::npos) continue;
      out->push_back({EntityType::kEmailAddress, static_cast<uint32_t>(b),
                      static_cast<uint32_t>(e), 1.0f, "email"});
      pos = e;
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewEmailRecognizer() { return std::make_unique<EmailRecognizer>(); }

}  // namespace bayyina::redact
