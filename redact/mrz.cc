#include "redact/mrz.h"

#include <cstring>
#include <string_view>

#include "absl/strings/ascii.h"
#include "redact/checksum.h"

namespace bayyina::redact {
namespace {

struct Line {
  uint32_t begin;
  std::string_view text;
};

bool MrzChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         c == '<';
}

// A field [off, off+len) of `line` with its check digit at `check`.
bool Checked(const Line& line, size_t off, size_t len, size_t check) {
  std::optional<char> d = MrzCheckDigit(line.text.substr(off, len));
  char c = line.text[check];
  if (c == '<') c = '0';  // ICAO allows '<' for a zero check digit over an empty field
  return d && *d == c;
}

MrzField Field(const Line& line, size_t off, size_t len, bool valid) {
  std::string_view f = line.text.substr(off, len);
  size_t b = 0, e = f.size();
  while (b < e && f[b] == '<') ++b;
  while (e > b && f[e - 1] == '<') --e;
  return {static_cast<uint32_t>(line.begin + off + b), static_cast<uint32_t>(line.begin + off + e),
          valid && e > b};
}

std::string Compact(std::string_view f) {
  std::string out;
  for (char c : f) {
    if (c != '<') out.push_back(absl::ascii_toupper(c));
  }
  return out;
}

}  // namespace

std::vector<MrzRecord> FindMrz(const AnalysisText& text) {
  std::vector<MrzRecord> records;
  std::string_view s = text.text();
  if (s.find("<<") == std::string_view::npos) return records;
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) nl = s.size();
    std::string_view l = s.substr(pos, nl - pos);
    size_t b = 0, e = l.size();
    while (b < e && (l[b] == ' ' || l[b] == '\r' || l[b] == '\t')) ++b;
    while (e > b && (l[e - 1] == ' ' || l[e - 1] == '\r' || l[e - 1] == '\t')) --e;
    std::string_view t = l.substr(b, e - b);
    bool ok = (t.size() == 30 || t.size() == 36 || t.size() == 44) &&
              t.find('<') != std::string_view::npos;
    for (char c : t) ok = ok && MrzChar(c);
    lines.push_back({ok ? static_cast<uint32_t>(pos + b) : UINT32_MAX, t});
    pos = nl + 1;
  }
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const Line& a = lines[i];
    const Line& b = lines[i + 1];
    if (a.begin == UINT32_MAX || b.begin == UINT32_MAX || a.text.size() != b.text.size()) {
      continue;
    }
    size_t width = a.text.size();
    MrzRecord r;
    r.document_type = absl::ascii_toupper(a.text[0]);
    if (width == 30) {
      if (i + 2 >= lines.size() || lines[i + 2].begin == UINT32_MAX ||
          lines[i + 2].text.size() != 30) {
        continue;
      }
      const Line& c = lines[i + 2];
      bool num = Checked(a, 5, 9, 14);
      bool dob = Checked(b, 0, 6, 6);
      bool exp = Checked(b, 8, 6, 14);
      std::string composite = std::string(a.text.substr(5, 25)) +
                              std::string(b.text.substr(0, 7)) +
                              std::string(b.text.substr(8, 7)) + std::string(b.text.substr(18, 11));
      std::optional<char> cd = MrzCheckDigit(composite);
      bool comp = cd && *cd == b.text[29];
      r.number = Field(a, 5, 9, num);
      r.document_number = Compact(a.text.substr(5, 9));
      r.birth_date = Field(b, 0, 6, dob);
      r.personal_number = Field(a, 15, 15, comp);
      r.name = Field(c, 0, 30, num || dob || comp);
      r.checks_passed = num + dob + exp + comp;
      r.begin = a.begin;
      r.end = static_cast<uint32_t>(c.begin + c.text.size());
      i += 2;
    } else {
      // TD2 (36) and TD3 (44) share the second line's layout up to the optional data.
      bool num = Checked(b, 0, 9, 9);
      bool dob = Checked(b, 13, 6, 19);
      bool exp = Checked(b, 21, 6, 27);
      bool personal = false;
      std::string composite;
      if (width == 44) {
        personal = Checked(b, 28, 14, 42);
        composite = std::string(b.text.substr(0, 10)) + std::string(b.text.substr(13, 7)) +
                    std::string(b.text.substr(21, 22));
      } else {
        composite = std::string(b.text.substr(0, 10)) + std::string(b.text.substr(13, 7)) +
                    std::string(b.text.substr(21, 14));
      }
      std::optional<char> cd = MrzCheckDigit(composite);
      bool comp = cd && *cd == b.text[width - 1];
      r.number = Field(b, 0, 9, num);
      r.document_number = Compact(b.text.substr(0, 9));
      r.birth_date = Field(b, 13, 6, dob);
      r.personal_number = width == 44 ? Field(b, 28, 14, personal) : Field(b, 28, 7, comp);
      r.name = Field(a, 5, width - 5, num || dob || comp);
      r.checks_passed = num + dob + exp + comp;
      r.begin = a.begin;
      r.end = static_cast<uint32_t>(b.begin + b.text.size());
      ++i;
    }
    if (r.checks_passed > 0) records.push_back(std::move(r));
  }
  return records;
}

}  // namespace bayyina::redact
