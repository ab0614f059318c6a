#include "text/corpora.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace bayyina::text {

std::optional<std::string> CorporaDir() {
  std::vector<std::string> candidates;
  if (const char* dir = std::getenv("BAYYINA_CORPORA")) candidates.push_back(dir);
  if (const char* src = std::getenv("BAYYINA_SOURCE_DIR")) {
    candidates.push_back(std::string(src) + "/../shared/corpora");
  }
  candidates.push_back("../shared/corpora");
  for (const std::string& c : candidates) {
    std::error_code ec;
    if (std::filesystem::is_directory(c, ec)) return c;
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::optional<std::vector<std::string>> ReadTsvColumn(const std::string& path, int column) {
  auto lines = ReadLines(path);
  if (!lines) return std::nullopt;
  std::vector<std::string> out;
  out.reserve(lines->size());
  for (const std::string& line : *lines) {
    size_t begin = 0;
    for (int c = 0; c < column && begin != std::string::npos; ++c) {
      begin = line.find('\t', begin);
      if (begin != std::string::npos) ++begin;
    }
    if (begin == std::string::npos) continue;
    const size_t end = line.find('\t', begin);
    out.push_back(line.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
  }
  return out;
}

}  // namespace bayyina::text
