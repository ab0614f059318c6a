#include "ocr/engine.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <optional>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "ocr/bidi_order.h"
#include "ocr/language_guess.h"
#include "ocr/ghost_lines.h"
#include "ocr/lexicon.h"
#include "ocr/reread.h"
#include "ocr/script_fix.h"
#include "ocr/word_boxes.h"

// Tesseract's LSTM opens an OpenMP parallel region for every time step of every line. The pool
// runs one engine per worker thread, so those regions must run serially, and with
// OMP_THREAD_LIMIT=1 libgomp still builds a team and issues a futex wake for each of them: about
// 110,000 system calls per page, 4% of the CPU time of reading it. These definitions in the
// program come before libgomp's in the dynamic linker's search, so libtesseract's regions run
// here, on the calling thread: the same work in the same order, the same readings. They are the
// only OpenMP entry points libtesseract 5 imports (nm -D libtesseract.so.5 | grep -i omp;
// ocr/CMakeLists.txt checks that at configure time). They live in this file because every
// program that reads pages links it: in a file of their own, the static library would leave
// them out of programs that never call them.
extern "C" {
void GOMP_parallel(void (*fn)(void*), void* data, unsigned num_threads, unsigned flags);
void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned num_threads, unsigned count,
                            unsigned flags);
unsigned GOMP_sections_next();
void GOMP_sections_end_nowait();
int omp_get_num_threads();
int omp_get_thread_num();
}

namespace {
// The sections of the innermost region on this thread not yet handed out: [next, count].
thread_local unsigned sections_next = 1;
thread_local unsigned sections_count = 0;
}  // namespace

extern "C" {
void GOMP_parallel(void (*fn)(void*), void* data, unsigned num_threads, unsigned flags) {
  fn(data);
}

void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned num_threads, unsigned count,
                            unsigned flags) {
  const unsigned outer_next = sections_next, outer_count = sections_count;
  sections_next = 1;
  sections_count = count;
  fn(data);  // takes its sections one by one from GOMP_sections_next
  sections_next = outer_next;
  sections_count = outer_count;
}

unsigned GOMP_sections_next() { return sections_next <= sections_count ? sections_next++ : 0; }

void GOMP_sections_end_nowait() {}

int omp_get_num_threads() { return 1; }

int omp_get_thread_num() { return 0; }
}

namespace bayyina::ocr {
namespace {

constexpr char kDebianTessdata[] = "/usr/share/tesseract-ocr/5/tessdata";

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string TessdataDir(const EnginePoolOptions& options) {
  if (!options.tessdata_dir.empty()) return options.tessdata_dir;
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env != nullptr && *env != '\0') return env;
  return kDebianTessdata;
}

bool ModelExists(const std::string& dir, const std::string& model) {
  return access(absl::StrCat(dir, "/", model, ".traineddata").c_str(), R_OK) == 0;
}

// The engines of one worker: one TessBaseAPI per model, used by that worker only.
class Engines {
 public:
  absl::Status Load(const std::string& dir, const std::string& model) {
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    // Tesseract's diagnostics ("Estimating resolution...") are noise in a service log.
    api->SetVariable("debug_file", "/dev/null");
    if (api->Init(dir.c_str(), model.c_str(),
                  model == "osd" ? tesseract::OEM_TESSERACT_ONLY : tesseract::OEM_LSTM_ONLY) != 0) {
      return absl::NotFoundError(absl::StrCat("cannot load Tesseract model ", model, " from ", dir));
    }
    apis_[model] = std::move(api);
    return absl::OkStatus();
  }
  tesseract::TessBaseAPI* Get(const std::string& model) const {
    auto it = apis_.find(model);
    return it == apis_.end() ? nullptr : it->second.get();
  }
  // Get(), loading the model first if this worker has not yet; null if it cannot be loaded
  // (tried once per worker: a model that failed to load stays failed).
  tesseract::TessBaseAPI* GetOrLoad(const std::string& dir, const std::string& model) {
    if (Get(model) == nullptr && !failed_.contains(model) && !Load(dir, model).ok()) {
      failed_.insert(model);
    }
    return Get(model);
  }

 private:
  std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> apis_;
  std::set<std::string> failed_;
};

// Quarter turns applied to the original page before preprocessing, undone on boxes.
Box UnrotateQuarterTurns(const Box& b, int quads, int32_t w, int32_t h) {
  // (w, h): size of the original (unrotated) page. pixRotateOrth turns clockwise.
  switch (quads & 3) {
    case 1:  // rotated (x, y) = (h - y, x)
      return Box{b.top, h - b.right, b.bottom, h - b.left};
    case 2:
      return Box{w - b.right, h - b.bottom, w - b.left, h - b.top};
    case 3:  // rotated (x, y) = (y, w - x)
      return Box{w - b.bottom, b.left, w - b.top, b.right};
    default:
      return b;
  }
}

std::string Utf8(char* text) {
  if (text == nullptr) return "";
  std::string s(text);
  delete[] text;
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s;
}

// A page as Tesseract's iterator gives it, in processed-image coordinates.
struct RawLine {
  Direction direction;
  Box box;
  std::vector<Word> words;
  std::vector<WordGeometry> geometry;
};
struct RawBlock {
  Box box;
  std::vector<RawLine> lines;
};

// Empties the lines that read a row a second time (ghost_lines.h).
void DropGhostLines(std::vector<RawBlock>& blocks) {
  std::vector<LineBoxes> lines;
  for (const RawBlock& block : blocks) {
    for (const RawLine& line : block.lines) {
      LineBoxes& boxes = lines.emplace_back();
      boxes.line = line.box;
      for (const WordGeometry& g : line.geometry) boxes.words.push_back(g.word);
    }
  }
  const std::vector<bool> ghost = GhostLines(lines);
  size_t i = 0;
  for (RawBlock& block : blocks) {
    for (RawLine& line : block.lines) {
      if (ghost[i++]) {
        line.words.clear();
        line.geometry.clear();
      }
    }
  }
}

struct Reading {
  Page page;
  double mean_confidence = 0;
  int words = 0;
};

// Runs `api` over the prepared image and converts its result iterator into the page model.
// `rereader` (may be null) gets a second look at doubtful tokens once the first pass is done.
Reading ReadPage(tesseract::TessBaseAPI* api, const PreparedPage& prepared, int32_t dpi,
                 const std::string& language, int quads, int32_t orig_w, int32_t orig_h,
                 TokenRereader* rereader) {
  api->SetPageSegMode(tesseract::PSM_AUTO);
  api->SetImage(prepared.gray.get());
  api->SetSourceResolution(static_cast<int>(dpi * prepared.transform.scale));
  Reading out;
  if (api->Recognize(nullptr) != 0) return out;

  // First collect everything in processed-image coordinates.
  std::vector<RawBlock> blocks;
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (it != nullptr && !it->Empty(tesseract::RIL_BLOCK)) {
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      int l, t, r, b;
      if (it->IsAtBeginningOf(tesseract::RIL_BLOCK) || blocks.empty()) {
        blocks.emplace_back();
        if (it->BoundingBox(tesseract::RIL_BLOCK, &l, &t, &r, &b)) {
          blocks.back().box = Box{l, t, r, b};
        }
      }
      RawBlock& block = blocks.back();
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || block.lines.empty()) {
        block.lines.emplace_back();
        RawLine& line = block.lines.back();
        line.direction =
            it->ParagraphIsLtr() ? Direction::kLeftToRight : Direction::kRightToLeft;
        if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b)) line.box = Box{l, t, r, b};
      }
      Word word;
      word.text = FixScript(Utf8(it->GetUTF8Text(tesseract::RIL_WORD)), language);
      // On Arabic-script pages Latin tokens get their checks with their second reading.
      if (language == "en" || language == "kmr") word.text = FixLatinToken(word.text);
      if (word.text.empty() || !it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) continue;
      word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
      word.language = language;
      WordGeometry geometry;
      geometry.word = Box{l, t, r, b};
      {
        tesseract::ResultIterator symbol(*it);
        do {
          int sl, st, sr, sb;
          if (symbol.BoundingBox(tesseract::RIL_SYMBOL, &sl, &st, &sr, &sb)) {
            geometry.symbols.push_back(Box{sl, st, sr, sb});
          }
        } while (!symbol.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) &&
                 symbol.Next(tesseract::RIL_SYMBOL));
      }
      block.lines.back().words.push_back(std::move(word));
      block.lines.back().geometry.push_back(std::move(geometry));
    } while (it->Next(tesseract::RIL_WORD));
  }
  it.reset();
  DropGhostLines(blocks);

  auto to_original = [&](const Box& processed) {
    return UnrotateQuarterTurns(prepared.transform.ToOriginal(processed), quads, orig_w, orig_h);
  };
  double conf_sum = 0;
  for (RawBlock& raw_block : blocks) {
    Block block;
    block.box = to_original(raw_block.box);
    for (RawLine& raw : raw_block.lines) {
      if (raw.words.empty()) continue;
      RefineWordBoxes(prepared.gray.get(), raw.box, raw.geometry);
      std::vector<Box> boxes;
      boxes.reserve(raw.geometry.size());
      for (const WordGeometry& g : raw.geometry) boxes.push_back(g.word);
      if (rereader != nullptr) rereader->RereadLine(prepared.gray.get(), raw.words, boxes);
      raw.direction = LineDirection(language, raw.direction, raw.words);
      if (raw.direction == Direction::kRightToLeft) ReorderRightToLeftLine(raw.words, boxes);
      Line line;
      line.direction = raw.direction;
      line.box = to_original(raw.box);
      for (size_t i = 0; i < raw.words.size(); ++i) {
        raw.words[i].box = to_original(boxes[i]);
        conf_sum += raw.words[i].confidence;
        ++out.words;
        line.words.push_back(std::move(raw.words[i]));
      }
      block.lines.push_back(std::move(line));
    }
    if (!block.lines.empty()) out.page.blocks.push_back(std::move(block));
  }
  out.mean_confidence = out.words > 0 ? conf_sum / out.words : 0;
  return out;
}

}  // namespace

bool IsSupportedLanguage(std::string_view code) {
  return code == "ar" || code == "ckb" || code == "kmr" || code == "en" || code == "auto";
}

class EnginePool::Impl {
 public:
  using Task = std::function<void(Engines&)>;

  absl::Status Start(const EnginePoolOptions& options) {
    dir_ = TessdataDir(options);
    for (const char* required : {"Arabic", "eng", "kmr"}) {
      if (!ModelExists(dir_, required)) {
        return absl::NotFoundError(
            absl::StrCat("Tesseract model ", required, " not found in ", dir_));
      }
    }
    // Kurmanji's model reads only Kurmanji pages (and tells Kurmanji from English on "auto"
    // pages): each worker loads it on its first such page.
    models_ = {"Arabic", "eng"};
    has_ckb_ = ModelExists(dir_, "ckb");
    if (has_ckb_) {
      models_.push_back("ckb");
    } else {
      warnings_.push_back(
          "Sorani model ckb.traineddata is not installed (scripts/install-sorani-model); "
          "Sorani pages are read with the Arabic script model");
    }
    // Orientation detection runs only on pages that read badly: its model (the largest, and a
    // legacy one) is loaded by each worker when it first needs it.
    has_osd_ = ModelExists(dir_, "osd");
    // Whether a text row is fixed pitch, Tesseract decides by fitting character cells for up
    // to 2 * textord_pitch_range + 1 pitches (1.5% of the CPU time of a page); its fast test
    // fits one, found from the row's projection. A process-wide setting, set once before the
    // first engine starts (pools of other services may already be reading): the readings of
    // the benchmark document are the same.
    static std::once_flag fast_pitch;
    std::call_once(fast_pitch,
                   [] { tesseract::TessBaseAPI().SetVariable("textord_fast_pitch_test", "1"); });

    int n = options.workers;
    if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    engines_.resize(n);
    std::vector<absl::Status> init(n);
    for (int i = 0; i < n; ++i) {
      engines_[i] = std::make_unique<Engines>();
      threads_.emplace_back([this, i, &init] {
        for (const std::string& model : models_) {
          absl::Status s = engines_[i]->Load(dir_, model);
          if (!s.ok()) {
            init[i] = s;
            break;
          }
        }
        {
          std::lock_guard<std::mutex> lock(mu_);
          ++initialised_;
        }
        cv_.notify_all();
        Run(*engines_[i]);
      });
    }
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return initialised_ == n; });
    for (const absl::Status& s : init) {
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }

  ~Impl() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  void Submit(Task task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(task));
    }
    cv_.notify_all();
  }

  absl::StatusOr<Page> RecognizeOne(Engines& engines, const PageImage& image, int32_t number,
                                    const RecognizeOptions& options, RecognizeStats* stats) const;

  int32_t workers() const { return static_cast<int32_t>(threads_.size()); }
  std::vector<LanguageModel> Languages() const {
    std::vector<LanguageModel> out;
    for (const char* code : {"ar", "ckb", "kmr", "en"}) {
      out.push_back({code, PrimaryModel(code), std::string(code) == "ckb" && !has_ckb_});
    }
    return out;
  }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  void Run(Engines& engines) {
    for (;;) {
      Task task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (stop_ && queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task(engines);
    }
  }

  // Arabic-Indic numbers read best with the Sorani model (see reread.h).
  std::string DigitModel() const { return has_ckb_ ? "ckb" : "Arabic"; }

  std::string PrimaryModel(const std::string& language) const {
    if (language == "ar") return "Arabic";
    if (language == "ckb") return has_ckb_ ? "ckb" : "Arabic";
    if (language == "kmr") return "kmr";
    return "eng";
  }

  // Picks the page language for "auto": script from Tesseract's OSD when available, then the
  // language within the script from a first reading of a horizontal band of the page.
  std::string DetectLanguage(Engines& engines, const PreparedPage& prepared, int32_t dpi) const;

  std::string dir_;
  std::vector<std::string> models_;
  bool has_ckb_ = false;
  bool has_osd_ = false;
  std::vector<std::string> warnings_;
  std::vector<std::unique_ptr<Engines>> engines_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  int initialised_ = 0;
  bool stop_ = false;
};

std::string EnginePool::Impl::DetectLanguage(Engines& engines, const PreparedPage& prepared,
                                             int32_t dpi) const {
  // A band of the page's text, a few lines high, is enough to tell the language.
  Pix* gray = prepared.gray.get();
  PixPtr ink(pixConvertTo1(gray, 128));
  BOX* fg = nullptr;
  l_int32 x = 0, y = 0, w = pixGetWidth(gray), h = pixGetHeight(gray);
  if (ink && pixClipToForeground(ink.get(), nullptr, &fg) == 0 && fg != nullptr) {
    boxGetGeometry(fg, &x, &y, &w, &h);
    boxDestroy(&fg);
  }
  const int32_t band = std::min<int32_t>(h, std::max<int32_t>(h / 3, 12 * prepared.text_height));
  auto read_band = [&](const char* model) {
    tesseract::TessBaseAPI* api = engines.GetOrLoad(dir_, model);
    if (api == nullptr) return std::string();
    api->SetPageSegMode(tesseract::PSM_AUTO);
    api->SetImage(gray);
    api->SetSourceResolution(static_cast<int>(dpi * prepared.transform.scale));
    api->SetRectangle(x, y + (h - band) / 2, w, band);
    std::string text = Utf8(api->GetUTF8Text());
    api->Clear();
    return text;
  };
  // The Arabic script model also knows Latin letters, so one reading tells the script.
  const std::string sample = read_band("Arabic");
  int arabic = 0, latin = 0;
  for (size_t i = 0; i < sample.size(); ++i) {
    const auto c = static_cast<unsigned char>(sample[i]);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++latin;
    if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) ++arabic;  // U+0600..06FF lead bytes
  }
  if (arabic >= latin) return GuessLanguage(sample, /*arabic_script=*/true);
  // Telling Kurmanji from English takes the Kurmanji model. Without it the page is taken for
  // Kurmanji, so that it fails with Internal as a Kurmanji page would, not read as English.
  if (engines.GetOrLoad(dir_, "kmr") == nullptr) return "kmr";
  return GuessLanguage(read_band("kmr"), /*arabic_script=*/false);
}

absl::StatusOr<Page> EnginePool::Impl::RecognizeOne(Engines& engines, const PageImage& image,
                                                    int32_t number,
                                                    const RecognizeOptions& options,
                                                    RecognizeStats* stats) const {
  if (!IsSupportedLanguage(options.language)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unsupported language \"", options.language,
                     "\"; expected ar, ckb, kmr, en or auto"));
  }
  const int32_t orig_w = pixGetWidth(image.pix.get());
  const int32_t orig_h = pixGetHeight(image.pix.get());
  double t0 = Now();
  absl::StatusOr<PreparedPage> prepared = Preprocess(image.pix.get(), options.preprocess);
  if (!prepared.ok()) return prepared.status();
  double t1 = Now();
  if (stats) stats->preprocess_seconds += t1 - t0;

  std::string language = options.language;
  if (language == "auto") language = DetectLanguage(engines, *prepared, image.dpi);
  const std::string model = PrimaryModel(language);
  tesseract::TessBaseAPI* api = engines.GetOrLoad(dir_, model);
  if (api == nullptr) {
    return absl::InternalError(absl::StrCat("cannot load Tesseract model ", model, " from ", dir_));
  }
  std::optional<TokenRereader> rereader;
  if (options.reread_tokens) {
    rereader.emplace(engines.Get("eng"), engines.Get(DigitModel()), model == DigitModel(),
                     language, static_cast<int>(image.dpi * prepared->transform.scale));
  }
  Reading reading = ReadPage(api, *prepared, image.dpi, language, 0, orig_w,
                             orig_h, rereader ? &*rereader : nullptr);

  double extra_reread = 0;
  // A page that reads badly may be turned: only then is orientation detection worth its cost.
  tesseract::TessBaseAPI* osd = has_osd_ && (reading.words < 5 || reading.mean_confidence < 50)
                                    ? engines.GetOrLoad(dir_, "osd")
                                    : nullptr;
  if (osd != nullptr) {
    osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    osd->SetImage(prepared->gray.get());
    int degrees = 0;
    float conf = 0;
    const char* script = nullptr;
    float script_conf = 0;
    if (osd->DetectOrientationScript(&degrees, &conf, &script, &script_conf) && degrees != 0 &&
        conf > 2.0f) {
      // Tesseract reports the clockwise rotation needed to make the text upright.
      const int quads = degrees / 90;
      PixPtr turned(pixRotateOrth(image.pix.get(), quads));
      absl::StatusOr<PreparedPage> again =
          turned ? Preprocess(turned.get(), options.preprocess)
                 : absl::StatusOr<PreparedPage>(absl::ResourceExhaustedError("rotation"));
      std::string turned_language = language;
      if (again.ok() && options.language == "auto") {
        turned_language = DetectLanguage(engines, *again, image.dpi);
      }
      const std::string turned_model = PrimaryModel(turned_language);
      tesseract::TessBaseAPI* turned_api =
          again.ok() ? engines.GetOrLoad(dir_, turned_model) : nullptr;
      if (turned_api != nullptr) {
        std::optional<TokenRereader> turned_rereader;
        if (options.reread_tokens) {
          turned_rereader.emplace(engines.Get("eng"), engines.Get(DigitModel()),
                                  turned_model == DigitModel(), turned_language,
                                  static_cast<int>(image.dpi * again->transform.scale));
        }
        Reading turned_reading =
            ReadPage(turned_api, *again, image.dpi, turned_language, quads, orig_w,
                     orig_h, turned_rereader ? &*turned_rereader : nullptr);
        if (turned_reading.words > reading.words / 2 &&
            turned_reading.mean_confidence > reading.mean_confidence) {
          reading = std::move(turned_reading);
          language = turned_language;
        }
        if (turned_rereader) extra_reread += turned_rereader->seconds();
      }
    }
  }
  const double reread = (rereader ? rereader->seconds() : 0) + extra_reread;
  if (stats) {
    stats->recognize_seconds += Now() - t1 - reread;
    stats->reread_seconds += reread;
  }

  Page page = std::move(reading.page);
  page.number = number;
  page.width = orig_w;
  page.height = orig_h;
  page.dpi = image.dpi;
  page.language = language;
  return page;
}

EnginePool::EnginePool(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EnginePool::~EnginePool() = default;

absl::StatusOr<std::unique_ptr<EnginePool>> EnginePool::Create(const EnginePoolOptions& options) {
  QuietLeptonica();
  auto impl = std::make_unique<Impl>();
  if (absl::Status s = impl->Start(options); !s.ok()) return s;
  return std::unique_ptr<EnginePool>(new EnginePool(std::move(impl)));
}

int32_t EnginePool::workers() const { return impl_->workers(); }

std::vector<LanguageModel> EnginePool::Languages() const { return impl_->Languages(); }

const std::vector<std::string>& EnginePool::warnings() const { return impl_->warnings(); }

absl::StatusOr<std::vector<Page>> EnginePool::Recognize(const Document& doc,
                                                        const RecognizeOptions& options,
                                                        const PageCallback& on_page,
                                                        RecognizeStats* stats) {
  if (!IsSupportedLanguage(options.language)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unsupported language \"", options.language,
                     "\"; expected ar, ckb, kmr, en or auto"));
  }
  struct Shared {
    std::mutex mu;
    std::condition_variable cv;
    std::vector<std::optional<absl::StatusOr<Page>>> results;
    int32_t done = 0;
    RecognizeStats stats;
  } shared;
  const int32_t n = doc.page_count();
  shared.results.resize(n);
  for (int32_t i = 0; i < n; ++i) {
    impl_->Submit([this, i, n, &doc, &options, &on_page, &shared](Engines& engines) {
      RecognizeStats local;
      const double t0 = Now();
      absl::StatusOr<PageImage> image =
          options.cancelled && options.cancelled()
              ? absl::StatusOr<PageImage>(absl::CancelledError("recognition cancelled"))
              : doc.DecodePage(i);
      local.decode_seconds = Now() - t0;
      absl::StatusOr<Page> page =
          image.ok() ? impl_->RecognizeOne(engines, *image, i + 1, options, &local)
                     : absl::StatusOr<Page>(image.status());
      image = absl::CancelledError();  // release the decoded page before taking the lock
      std::lock_guard<std::mutex> lock(shared.mu);
      shared.stats.decode_seconds += local.decode_seconds;
      shared.stats.preprocess_seconds += local.preprocess_seconds;
      shared.stats.recognize_seconds += local.recognize_seconds;
      shared.stats.reread_seconds += local.reread_seconds;
      ++shared.done;
      if (page.ok() && on_page) on_page(*page, shared.done, n);
      shared.results[i] = std::move(page);
      shared.cv.notify_all();
    });
  }
  std::unique_lock<std::mutex> lock(shared.mu);
  shared.cv.wait(lock, [&] { return shared.done == n; });
  if (stats != nullptr) *stats = shared.stats;
  std::vector<Page> pages;
  pages.reserve(n);
  for (int32_t i = 0; i < n; ++i) {
    absl::StatusOr<Page>& result = *shared.results[i];
    if (!result.ok()) return result.status();
    pages.push_back(std::move(*result));
  }
  return pages;
}

absl::StatusOr<Page> EnginePool::RecognizeImage(const PageImage& image, int32_t number,
                                                const RecognizeOptions& options,
                                                RecognizeStats* stats) {
  std::mutex mu;
  std::condition_variable cv;
  std::optional<absl::StatusOr<Page>> result;
  impl_->Submit([&](Engines& engines) {
    absl::StatusOr<Page> page = impl_->RecognizeOne(engines, image, number, options, stats);
    std::lock_guard<std::mutex> lock(mu);
    result = std::move(page);
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return result.has_value(); });
  return std::move(*result);
}

}  // namespace bayyina::ocr
