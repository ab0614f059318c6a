#ifndef BAYYINA_OCR_ENGINE_H_
#define BAYYINA_OCR_ENGINE_H_

// A pool of pre-initialised Tesseract engines, one per worker thread, that recognizes the pages
// of a document in parallel.
//
// Language codes are BCP-47 ("ar", "ckb", "kmr", "en") or "auto" (detected per page). They map
// to Tesseract models as the design says: ar -> Arabic (script model), ckb -> ckb (the Sorani
// model installed by scripts/install-sorani-model; Arabic when it is absent, with a warning),
// kmr -> kmr, en -> eng. On Arabic-script pages, Latin tokens and numbers get a second reading
// (eng, digit whitelist) and the more confident reading wins.
//
// Tesseract's OpenMP regions run serially on the worker that calls it (engine.cc defines the
// OpenMP entry points libtesseract uses), so its threads never fight the workers for the cores
// whatever OMP_THREAD_LIMIT says.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ocr/document.h"
#include "ocr/page.h"
#include "ocr/preprocess.h"

namespace bayyina::ocr {

struct EnginePoolOptions {
  // Worker threads, each with its own engines. 0: one per available core.
  int32_t workers = 0;
  // Directory holding *.traineddata. Empty: $TESSDATA_PREFIX, else Debian's
  // /usr/share/tesseract-ocr/5/tessdata.
  std::string tessdata_dir;
};

struct RecognizeOptions {
  // "ar", "ckb", "kmr", "en" or "auto".
  std::string language = "auto";
  PreprocessOptions preprocess;
  // Second readings of number-like words and Latin tokens (see the header comment).
  bool reread_tokens = true;
  // Polled before each page starts; when it returns true the remaining pages are skipped and
  // Recognize returns Cancelled. May be empty. Called from worker threads.
  std::function<bool()> cancelled;
};

// A language the pool reads, and the Tesseract model behind it.
struct LanguageModel {
  std::string code;       // "ar", "ckb", "kmr", "en"
  std::string model;      // e.g. "Arabic"
  bool fallback = false;  // the preferred model is not installed
};

// Wall-clock seconds spent in each stage, summed over pages (so > elapsed time with workers).
struct RecognizeStats {
  double decode_seconds = 0;
  double preprocess_seconds = 0;
  double recognize_seconds = 0;  // Tesseract's first pass, including language detection
  double reread_seconds = 0;     // second readings of tokens
};

// Called once per finished page, in completion order (not page order), never concurrently.
// `done` counts finished pages, `total` is the document's page count.
using PageCallback = std::function<void(const Page& page, int32_t done, int32_t total)>;

class EnginePool {
 public:
  // Starts the workers and initialises their engines; fails with NotFound when a required model
  // (Arabic, eng, kmr) is not installed or Arabic or eng cannot be loaded. Each worker loads kmr
  // on its first page that needs it (Kurmanji, or telling Kurmanji from English); a page whose
  // model cannot be loaded then gets Internal.
  static absl::StatusOr<std::unique_ptr<EnginePool>> Create(const EnginePoolOptions& options = {});

  // Stops and joins the workers. REQUIRES: no Recognize call in flight.
  ~EnginePool();

  int32_t workers() const;

  // The languages this pool reads (not "auto") with their models.
  std::vector<LanguageModel> Languages() const;

  // Installation notes that users should see once, e.g. that the Sorani model is missing and
  // Arabic is used instead. Never contains evidence.
  const std::vector<std::string>& warnings() const;

  // Recognizes every page of `doc` (pages spread over the workers; at most one decoded page per
  // worker is in memory). Returns the pages in page order, or the first error by page order
  // (InvalidArgument for an unknown language code or an undecodable page).
  // Thread-safe: concurrent calls share the workers. `stats` may be null.
  absl::StatusOr<std::vector<Page>> Recognize(const Document& doc, const RecognizeOptions& options,
                                              const PageCallback& on_page = nullptr,
                                              RecognizeStats* stats = nullptr);

  // Recognizes one decoded page image as page `number`. Thread-safe.
  absl::StatusOr<Page> RecognizeImage(const PageImage& image, int32_t number,
                                      const RecognizeOptions& options,
                                      RecognizeStats* stats = nullptr);

 private:
  class Impl;
  explicit EnginePool(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True for the language codes that Recognize accepts.
bool IsSupportedLanguage(std::string_view code);

}  // namespace bayyina::ocr

#endif  // BAYYINA_OCR_ENGINE_H_
