#include "text/corpora.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_split.h"
#include "text/detect.h"

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

std::vector<DetectionScore> EvaluateDetection(const std::string& corpora_dir, int min_words) {
  struct Side {
    const char* file;
    int tsv_column;  // -1 for plain text
    Language lang;
  };
  const Side sides[] = {
      {"tatoeba-ara-eng/ara-eng.tsv", 1, Language::kArabic},
      {"kurdish-interdialect/CKB-ENG/CKB-ENG.CKB_no_tag.txt", -1, Language::kSorani},
      {"kurdish-interdialect/KMR-ENG/KMR-ENG.KMR_no_tag.txt", -1, Language::kKurmanji},
      {"tatoeba-ara-eng/ara-eng.tsv", 0, Language::kEnglish},
      {"kurdish-interdialect/CKB-ENG/CKB-ENG.ENG_no_tag.txt", -1, Language::kEnglish},
      {"kurdish-interdialect/KMR-ENG/KMR-ENG.ENG_no_tag.txt", -1, Language::kEnglish},
  };
  std::vector<DetectionScore> scores;
  for (const Side& side : sides) {
    const std::string path = corpora_dir + "/" + side.file;
    auto lines = side.tsv_column >= 0 ? ReadTsvColumn(path, side.tsv_column) : ReadLines(path);
    if (!lines) continue;
    DetectionScore score;
    score.corpus = side.file;
    score.language = std::string(LanguageCode(side.lang));
    for (const std::string& line : *lines) {
      const std::vector<absl::string_view> words =
          absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipWhitespace());
      if (static_cast<int>(words.size()) < min_words) continue;
      ++score.lines;
      const Detection d = DetectLanguage(line);
      if (d.confidence > 0 && d.language == side.lang) ++score.correct;
    }
    scores.push_back(score);
  }
  return scores;
}

}  // namespace bayyina::text
