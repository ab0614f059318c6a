// Runs Bayyina's OCR over files for bench/ocr_bench.py: one engine pool for all files, pages of
// each file in parallel. Prints one JSON object per file on stdout:
//   {"file": "...", "seconds": 1.23, "stats": {...}, "pages": <ocr/formats.h ToJson>}
// and a final {"total_seconds": ..., "init_seconds": ...}. Not part of ctest.
//
// usage: ocr_run --lang L [--workers N] [--no-rescale] [--no-deskew] [--no-border]
//                [--no-denoise] [--no-reread] FILE...

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "ocr/formats.h"

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace bayyina::ocr;
  RecognizeOptions options;
  EnginePoolOptions pool_options;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--lang" && i + 1 < argc) {
      options.language = argv[++i];
    } else if (arg == "--workers" && i + 1 < argc) {
      pool_options.workers = std::atoi(argv[++i]);
    } else if (arg == "--no-rescale") {
      options.preprocess.rescale = false;
    } else if (arg == "--no-deskew") {
      options.preprocess.deskew = false;
    } else if (arg == "--no-border") {
      options.preprocess.remove_border = false;
    } else if (arg == "--no-denoise") {
      options.preprocess.denoise = false;
    } else if (arg == "--no-reread") {
      options.reread_tokens = false;
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "ocr_run: unknown option %s\n", arg.c_str());
      return 2;
    } else {
      files.push_back(arg);
    }
  }
  const double t0 = Now();
  auto pool = EnginePool::Create(pool_options);
  if (!pool.ok()) {
    std::fprintf(stderr, "ocr_run: %s\n", std::string(pool.status().message()).c_str());
    return 1;
  }
  const double t1 = Now();
  for (const std::string& file : files) {
    const double start = Now();
    auto doc = Document::FromFile(file);
    if (!doc.ok()) {
      std::fprintf(stderr, "ocr_run: %s: %s\n", file.c_str(),
                   std::string(doc.status().message()).c_str());
      return 1;
    }
    RecognizeStats stats;
    auto pages = (*pool)->Recognize(**doc, options, nullptr, &stats);
    if (!pages.ok()) {
      std::fprintf(stderr, "ocr_run: %s: %s\n", file.c_str(),
                   std::string(pages.status().message()).c_str());
      return 1;
    }
    std::string json = ToJson(*pages);
    while (!json.empty() && json.back() == '\n') json.pop_back();
    std::printf(
        "{\"file\":\"%s\",\"seconds\":%.4f,\"stats\":{\"decode\":%.4f,\"preprocess\":%.4f,"
        "\"recognize\":%.4f,\"reread\":%.4f},\"pages\":%s}\n",
        file.c_str(), Now() - start, stats.decode_seconds, stats.preprocess_seconds,
        stats.recognize_seconds, stats.reread_seconds, json.c_str());
  }
  std::printf("{\"total_seconds\":%.4f,\"init_seconds\":%.4f}\n", Now() - t0, t1 - t0);
  return 0;
}
