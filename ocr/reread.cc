#include "ocr/reread.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <chrono>

#include "ocr/pix.h"

namespace bayyina::ocr {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Digits of both Arabic scripts and ASCII, with the separators found inside numbers.
constexpr char kDigitWhitelist[] = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹/-.:+٫٬";

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool HasAsciiAlnum(const std::string& s) { return std::any_of(s.begin(), s.end(), IsAsciiAlnum); }

bool HasNonAscii(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; });
}

// Counts digits of either Arabic digit script (U+0660..0669, U+06F0..06F9).
int ArabicDigits(const std::string& s) {
  int n = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    if ((a == 0xD9 && b >= 0xA0 && b <= 0xA9) || (a == 0xDB && b >= 0xB0 && b <= 0xB9)) ++n;
  }
  return n;
}

// True if `s` is mostly Arabic-script digits: a number that the digit pass handles.
bool IsArabicNumber(const std::string& s) {
  size_t code_points = 0;
  for (char c : s) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return 2 * static_cast<size_t>(ArabicDigits(s)) >= code_points && !HasAsciiAlnum(s);
}

std::string Trimmed(char* text) {
  std::string s = text ? text : "";
  delete[] text;
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Crops `box` from `gray` with a margin, because Tesseract wants white space around text.
PixPtr Crop(Pix* gray, const Box& box, int32_t* x0, int32_t* y0) {
  const int pad = std::max(6, box.height() / 3);
  BOX* clip = boxCreate(box.left - pad, box.top - pad, box.width() + 2 * pad,
                        box.height() + 2 * pad);
  BOX* actual = nullptr;
  PixPtr crop(pixClipRectangle(gray, clip, &actual));
  boxDestroy(&clip);
  if (actual != nullptr) {
    l_int32 w, h;
    boxGetGeometry(actual, x0, y0, &w, &h);
    boxDestroy(&actual);
  }
  return crop;
}

// Strokes of neighbouring Arabic letters read as punctuation at the edges of a Latin token.
std::string StripEdgeMarks(std::string s) {
  const size_t first = s.find_first_not_of("-.,;:'\"`_~|");
  if (first == std::string::npos) return "";
  const size_t last = s.find_last_not_of(",;:'\"`_~|-");
  return s.substr(first, last + 1 - first);
}

// Widens `box` left and right, by at most `limit` pixels each, until a run of `gap` columns
// without ink (a word gap) within the box's rows.
Box ExpandToGaps(Pix* gray, const Box& box, int32_t gap, int32_t limit) {
  const int32_t w = pixGetWidth(gray);
  const int32_t lo = std::max(0, box.left - limit), hi = std::min(w, box.right + limit);
  BOX* clip = boxCreate(lo, box.top, hi - lo, box.height());
  PixPtr strip(pixClipRectangle(gray, clip, nullptr));
  boxDestroy(&clip);
  if (!strip) return box;
  PixPtr ink(pixConvertTo1(strip.get(), 128));
  if (!ink) return box;
  NUMA* counts = pixCountPixelsByColumn(ink.get());
  if (counts == nullptr) return box;
  auto has_ink = [&](int32_t x) {
    l_int32 v = 0;
    numaGetIValue(counts, x - lo, &v);
    return v > 0;
  };
  Box out = box;
  for (int32_t x = box.right, blank = 0; x < hi && blank < gap; ++x) {
    blank = has_ink(x) ? 0 : blank + 1;
    if (blank == 0) out.right = x + 1;
  }
  for (int32_t x = box.left - 1, blank = 0; x >= lo && blank < gap; --x) {
    blank = has_ink(x) ? 0 : blank + 1;
    if (blank == 0) out.left = x;
  }
  numaDestroy(&counts);
  return out;
}

}  // namespace

TokenRereader::TokenRereader(tesseract::TessBaseAPI* latin, tesseract::TessBaseAPI* digits,
                             std::string language, int dpi)
    : latin_(latin),
      digits_(digits),
      language_(std::move(language)),
      arabic_script_(language_ == "ar" || language_ == "ckb"),
      dpi_(dpi) {}

void TokenRereader::RereadLine(Pix* gray, std::vector<Word>& words, std::vector<Box>& boxes) {
  if (!arabic_script_ || words.empty()) return;
  const double t0 = Now();
  // A word is a Latin candidate when its first reading has Latin letters or digits, or when the
  // Arabic-script model was unsure of it (it reads Latin as confident-looking Arabic rarely).
  auto latin_candidate = [](const Word& w) {
    return HasAsciiAlnum(w.text) || w.text.find('@') != std::string::npos ||
           (w.confidence < 60 && !IsArabicNumber(w.text));
  };
  for (size_t i = 0; i < words.size();) {
    if (!latin_candidate(words[i])) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < words.size() && latin_candidate(words[end])) ++end;
    const size_t before = words.size();
    RereadLatinRun(gray, i, end, words, boxes);
    i = end + words.size() - before;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].language != "en" && IsArabicNumber(words[i].text)) {
      RereadNumber(gray, boxes[i], words[i]);
    }
  }
  seconds_ += Now() - t0;
}

void TokenRereader::RereadLatinRun(Pix* gray, size_t begin, size_t end, std::vector<Word>& words,
                                   std::vector<Box>& boxes) {
  Box run;
  double conf = 0;
  for (size_t i = begin; i < end; ++i) {
    run = run.Union(boxes[i]);
    conf += words[i].confidence;
  }
  conf /= static_cast<double>(end - begin);
  if (run.empty()) return;
  // The Arabic-script model may have given an edge of the token to a neighbouring word: widen
  // the run to the word gaps around it.
  const int32_t h = run.height();
  Box strip = ExpandToGaps(gray, run, std::max(4, h / 6), h);
  int32_t x0 = 0, y0 = 0;
  PixPtr crop = Crop(gray, strip, &x0, &y0);
  if (!crop) return;
  latin_->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  latin_->SetImage(crop.get());
  latin_->SetSourceResolution(dpi_);
  if (latin_->Recognize(nullptr) != 0) return;
  std::vector<Word> read;
  std::vector<Box> read_boxes;
  double read_conf = 0;
  std::unique_ptr<tesseract::ResultIterator> it(latin_->GetIterator());
  if (it != nullptr && !it->Empty(tesseract::RIL_WORD)) {
    do {
      Word w;
      w.text = StripEdgeMarks(Trimmed(it->GetUTF8Text(tesseract::RIL_WORD)));
      int l, t, r, b;
      if (w.text.empty() || !it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) continue;
      const Box box{x0 + l, y0 + t, x0 + r, y0 + b};
      w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
      if (HasNonAscii(w.text) || !HasAsciiAlnum(w.text) || w.confidence < 50) continue;
      w.language = "en";
      read_conf += w.confidence;
      read.push_back(std::move(w));
      read_boxes.push_back(box);
    } while (it->Next(tesseract::RIL_WORD));
  }
  it.reset();
  latin_->Clear();
  if (read.empty()) return;
  read_conf /= static_cast<double>(read.size());
  // The Arabic-script models report high confidence on garbled Latin, so a confident English
  // reading is enough.
  if (read_conf <= conf && read_conf < 75) return;
  words.erase(words.begin() + begin, words.begin() + end);
  boxes.erase(boxes.begin() + begin, boxes.begin() + end);
  words.insert(words.begin() + begin, read.begin(), read.end());
  boxes.insert(boxes.begin() + begin, read_boxes.begin(), read_boxes.end());
}

void TokenRereader::RereadNumber(Pix* gray, const Box& box, Word& word) {
  int32_t x0 = 0, y0 = 0;
  PixPtr crop = Crop(gray, box, &x0, &y0);
  if (!crop) return;
  // As a one-line image: single-word mode misreads more digits (measured).
  digits_->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  digits_->SetVariable("tessedit_char_whitelist", kDigitWhitelist);
  digits_->SetImage(crop.get());
  digits_->SetSourceResolution(dpi_);
  std::string text = Trimmed(digits_->GetUTF8Text());
  const int conf = digits_->MeanTextConf();
  digits_->SetVariable("tessedit_char_whitelist", "");
  digits_->Clear();
  if (text.empty() || text.find(' ') != std::string::npos) return;
  if (ArabicDigits(text) == 0 || conf < 50) return;
  word.text = std::move(text);
  word.confidence = std::max<float>(word.confidence, conf);
}

}  // namespace bayyina::ocr
