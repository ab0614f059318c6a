// URL: scheme URLs, www. hosts and bare host names with a common top-level domain. Found from
// each '.', so Arabic text costs one memchr pass.

#include <cstring>

#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

bool HostChar(char c) { return scan::Alnum(c) || c == '-' || c == '.'; }
bool PathChar(char c) {
  return c > ' ' && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '`' && c != '{' &&
         c != '}' && c != '|' && c != '\\' && c != '^';
}

// Top-level domains common enough in our evidence that a bare "host.tld" is worth reporting.
constexpr std::string_view kCommonTlds[] = {
    "com", "net", "org", "info", "biz", "io", "me", "co", "iq", "krd", "tr", "ir", "sy", "jo",
    "sa", "ae", "eg", "lb", "kw", "qa", "de", "fr", "uk", "nl", "se", "be", "eu", "int", "gov",
    "edu", "ru", "app", "online", "site", "xyz", "tk", "ly", "gl", "ws"};

class UrlRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "url"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    std::string_view s = text.text();
    const char* base = s.data();
    size_t pos = 0;
    while (pos < s.size()) {
      const void* hit = std::memchr(base + pos, '.', s.size() - pos);
      if (hit == nullptr) break;
      size_t dot = static_cast<const char*>(hit) - base;
      pos = dot + 1;
      if (dot == 0 || dot + 1 >= s.size() || !scan::Alnum(s[dot - 1]) ||
          !scan::Alpha(s[dot + 1])) {
        continue;
      }
      size_t b = dot;
      while (b > 0 && HostChar(s[b - 1])) --b;
      if (b > 0 && s[b - 1] == '@') continue;  // an e-mail domain
      bool scheme = false;
      if (b >= 3 && s.substr(b - 3, 3) == "://") {
        size_t sb = b - 3;
        while (sb > 0 && scan::Alpha(s[sb - 1])) --sb;
        if (sb < b - 3) {
          scheme = true;
          b = sb;
        }
      }
      size_t host_begin = scheme ? s.find("://", b) + 3 : b;
      size_t e = dot;
      while (e < s.size() && HostChar(s[e])) ++e;
      while (e > dot && s[e - 1] == '.') --e;
      std::string_view host = s.substr(host_begin, e - host_begin);
      size_t last_dot = host.rfind('.');
      if (last_dot == std::string_view::npos) continue;
      std::string tld(host.substr(last_dot + 1));
      for (char& c : tld) c = static_cast<char>(c | (scan::Alpha(c) ? 0x20 : 0));
      bool tld_alpha = tld.size() >= 2 && tld.size() <= 24;
      for (char c : tld) tld_alpha &= scan::Alpha(c);
      if (!tld_alpha) continue;
      bool www = host.size() > 4 && (host[0] | 0x20) == 'w' && (host[1] | 0x20) == 'w' &&
                 (host[2] | 0x20) == 'w' && host[3] == '.';
      bool common = false;
      for (std::string_view t : kCommonTlds) common |= t == tld;
      if (!scheme && !www && !common) continue;
      if (e < s.size() && (s[e] == '/' || s[e] == ':' || s[e] == '?' || s[e] == '#')) {
        while (e < s.size() && PathChar(s[e])) ++e;
        while (e > dot && std::strchr(".,;:!?)'", s[e - 1]) != nullptr) --e;
      }
      float score = scheme ? 0.95f : www ? 0.9f : 0.6f;
      out->push_back({EntityType::kUrl, static_cast<uint32_t>(b), static_cast<uint32_t>(e),
                      score, "url"});
      pos = e;
    }
    return absl::OkStatus();
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewUrlRecognizer() { return std::make_unique<UrlRecognizer>(); }

}  // namespace bayyina::redact
