// IP_ADDRESS: dotted IPv4 and IPv6 (validated by the C library's inet_pton).

#include <arpa/inet.h>

#include <cstring>
#include <string>

#include "redact/recognizer.h"
#include "redact/recognizers/scan.h"

namespace bayyina::redact {
namespace {

bool Hex(char c) {
  return scan::Digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

class IpAddressRecognizer : public Recognizer {
 public:
  std::string_view name() const override { return "ip"; }

  absl::Status Find(const AnalysisText& text, std::vector<Candidate>* out) const override {
    FindV4(text, out);
    FindV6(text, out);
    return absl::OkStatus();
  }

 private:
  static void FindV4(const AnalysisText& text, std::vector<Candidate>* out) {
    std::string_view s = text.text();
    const auto& toks = text.tokens();
    for (size_t k = 0; k + 6 < toks.size(); ++k) {
      if (toks[k].kind != TokenKind::kNumber) continue;
      bool ok = true;
      for (size_t q = 0; q < 7 && ok; ++q) {
        const Token& t = toks[k + q];
        if (q > 0 && t.begin != toks[k + q - 1].end) ok = false;
        if (q % 2 == 0) {
          ok = ok && t.kind == TokenKind::kNumber && t.end - t.begin <= 3 &&
               std::stoi(std::string(text.TokenText(t))) <= 255;
        } else {
          ok = ok && t.kind == TokenKind::kPunct && s[t.begin] == '.';
        }
      }
      if (!ok) continue;
      uint32_t b = toks[k].begin, e = toks[k + 6].end;
      // Part of a longer dotted run (a version or an OID): not an address.
      if ((b >= 2 && s[b - 1] == '.' && scan::Digit(s[b - 2])) ||
          (e + 1 < s.size() && s[e] == '.' && scan::Digit(s[e + 1]))) {
        k += 6;
        continue;
      }
      out->push_back({EntityType::kIpAddress, b, e, 0.85f, "ip"});
      k += 6;
    }
  }

  static void FindV6(const AnalysisText& text, std::vector<Candidate>* out) {
    std::string_view s = text.text();
    const char* base = s.data();
    size_t pos = 0;
    while (pos < s.size()) {
      const void* hit = std::memchr(base + pos, ':', s.size() - pos);
      if (hit == nullptr) break;
      size_t c = static_cast<const char*>(hit) - base;
      size_t b = c, e = c;
      while (b > 0 && (Hex(s[b - 1]) || s[b - 1] == ':' || s[b - 1] == '.')) --b;
      while (e < s.size() && (Hex(s[e]) || s[e] == ':' || s[e] == '.')) ++e;
      while (e > c && s[e - 1] == '.') --e;
      pos = e + 1;
      if (!scan::BoundaryBefore(s, b) || !scan::BoundaryAfter(s, e) || e - b < 6 ||
          e - b > 45) {
        continue;
      }
      int colons = 0, hex = 0;
      for (size_t i = b; i < e; ++i) {
        colons += s[i] == ':';
        hex += Hex(s[i]);
      }
      if (colons < 2 || hex < 3) continue;
      std::string candidate(s.substr(b, e - b));
      in6_addr addr;
      if (inet_pton(AF_INET6, candidate.c_str(), &addr) != 1) continue;
      out->push_back(
          {EntityType::kIpAddress, static_cast<uint32_t>(b), static_cast<uint32_t>(e), 0.9f,
           "ip"});
    }
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewIpAddressRecognizer() {
  return std::make_unique<IpAddressRecognizer>();
}

}  // namespace bayyina::redact
