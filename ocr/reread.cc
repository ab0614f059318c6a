#include "ocr/reread.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string_view>

#include "ocr/pix.h"
#include "ocr/script_fix.h"

namespace bayyina::ocr {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Digits of both Arabic scripts and ASCII, with the separators found inside numbers.
constexpr char kDigitWhitelist[] = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹/-.:+٫٬،,";

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

// True if `s` is made only of what Arabic-Indic digits are misread as by the Arabic script
// model (V for ٧, o for ٥, A for ٨, ° for ٠, r for ٢ ...).
bool LooksLikeGarbledDigits(const std::string& s) {
  static constexpr std::string_view kLookAlikes = "VvAo0O1lIi|!rYPE3469q.:/-'`^";
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (kLookAlikes.find(static_cast<char>(c)) == std::string_view::npos) return false;
      ++n;
    } else if (s.compare(i, 2, "\u00b0") == 0) {  // degree sign
      ++n;
      ++i;
    } else if (s.compare(i, 3, "\u2018") == 0 || s.compare(i, 3, "\u2019") == 0 ||
               s.compare(i, 3, "\u201c") == 0 || s.compare(i, 3, "\u201d") == 0) {
      i += 2;
    } else {
      return false;
    }
  }
  return n >= 1 && !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
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

// Lexicon check for the Latin tokens of Iraqi evidence: an IBAN starts with the country code
// IQ, which the English model tends to read as 1Q or IO.
std::string FixLatinToken(std::string s) {
  if (s.size() == 4 && (s[0] == '1' || s[0] == 'l' || s[0] == 'I' || s[0] == '|') &&
      (s[1] == 'Q' || s[1] == 'O' || s[1] == '0') && std::isdigit(static_cast<unsigned char>(s[2])) &&
      std::isdigit(static_cast<unsigned char>(s[3]))) {
    s[0] = 'I';
    s[1] = 'Q';
  }
  return s;
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
  // Numbers first: Arabic-Indic digits come out as Persian digits, as Latin look-alikes
  // (V for ٧, o for ٥, A for ٨) or split into odd pieces; one digit reading of the whole run
  // of such words settles them.
  auto numberish = [&](size_t i) {
    return IsArabicNumber(words[i].text) || LooksLikeGarbledDigits(words[i].text);
  };
  std::vector<bool> settled(words.size(), false);
  ForEachRun(words.size(), numberish, [&](size_t begin, size_t end) {
    // Single punctuation marks between number pieces belong to the run.
    return RereadRun(gray, digits_, kDigitWhitelist, RunKind::kDigits, begin, end, words, boxes,
                     settled);
  });
  // Then Latin tokens: runs of words whose first reading has Latin letters, digits or '@', with
  // a doubtful neighbour on either side (it may be the rest of the token read as Arabic).
  auto latin = [&](size_t i) {
    return !settled[i] &&
           (HasAsciiAlnum(words[i].text) || words[i].text.find('@') != std::string::npos);
  };
  ForEachRun(words.size(), latin, [&](size_t begin, size_t end) {
    if (begin > 0 && !settled[begin - 1] && words[begin - 1].confidence < 70) --begin;
    if (end < words.size() && !settled[end] && words[end].confidence < 70) ++end;
    return RereadRun(gray, latin_, nullptr, RunKind::kLatin, begin, end, words, boxes, settled);
  });
  seconds_ += Now() - t0;
}

template <typename Pred, typename Fn>
void TokenRereader::ForEachRun(size_t n, Pred pred, Fn fn) {
  // `fn(begin, end)` returns the change in the number of words; runs are found left to right in
  // the updated sequence.
  for (size_t i = 0; i < n;) {
    if (!pred(i)) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < n && pred(end)) ++end;
    const long delta = fn(i, end);
    n = static_cast<size_t>(static_cast<long>(n) + delta);
    i = static_cast<size_t>(static_cast<long>(end) + delta);
  }
}

long TokenRereader::RereadRun(Pix* gray, tesseract::TessBaseAPI* api, const char* whitelist,
                              RunKind kind, size_t begin, size_t end, std::vector<Word>& words,
                              std::vector<Box>& boxes, std::vector<bool>& settled) {
  Box run;
  double conf = 0;
  for (size_t i = begin; i < end; ++i) {
    run = run.Union(boxes[i]);
    conf += words[i].confidence;
  }
  conf /= static_cast<double>(end - begin);
  if (run.empty()) return 0;
  // The first pass may have given an edge of the token to a neighbouring word: widen the run
  // over ink that continues without a word gap.
  const int32_t h = run.height();
  const Box strip = ExpandToGaps(gray, run, std::max(4, h / 6), h / 2);
  int32_t x0 = 0, y0 = 0;
  PixPtr crop = Crop(gray, strip, &x0, &y0);
  if (!crop) return 0;
  api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  if (whitelist != nullptr) api->SetVariable("tessedit_char_whitelist", whitelist);
  api->SetImage(crop.get());
  api->SetSourceResolution(dpi_);
  std::vector<Word> read;
  std::vector<Box> read_boxes;
  double read_conf = 0;
  int digits = 0;
  if (api->Recognize(nullptr) == 0) {
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    if (it != nullptr && !it->Empty(tesseract::RIL_WORD)) {
      do {
        Word w;
        w.text = Trimmed(it->GetUTF8Text(tesseract::RIL_WORD));
        if (kind == RunKind::kLatin) w.text = StripEdgeMarks(std::move(w.text));
        int l, t, r, b;
        if (w.text.empty() || !it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) continue;
        // Clip to the run's rows: the crop's margins may hold bits of the lines around it.
        const int32_t slack = h / 4;
        const Box box{x0 + l, std::max(y0 + t, run.top - slack), x0 + r,
                      std::min(y0 + b, run.bottom + slack)};
        // Only words over the run itself; the widened margins may hold bits of other words.
        const int32_t inside = std::min(box.right, run.right) - std::max(box.left, run.left);
        if (2 * inside < box.width()) continue;
        w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
        if (kind == RunKind::kLatin &&
            (HasNonAscii(w.text) || !HasAsciiAlnum(w.text) || w.confidence < 50)) {
          continue;
        }
        w.language = kind == RunKind::kLatin ? "en" : language_;
        digits += ArabicDigits(w.text);
        read_conf += w.confidence;
        read.push_back(std::move(w));
        read_boxes.push_back(box);
      } while (it->Next(tesseract::RIL_WORD));
    }
  }
  if (whitelist != nullptr) api->SetVariable("tessedit_char_whitelist", "");
  api->Clear();
  if (read.empty()) return 0;
  read_conf /= static_cast<double>(read.size());
  // Digits: a confident reading, or any reading with several digits where the first pass was
  // garbage anyway (a run of look-alikes split into pieces gets little confidence back).
  if (kind == RunKind::kLatin ? read_conf + 5 < conf
                              : (digits < 2 || (read_conf < 60 && (conf >= 40 || digits < 4)))) {
    return 0;
  }
  if (kind == RunKind::kLatin) {
    // English splits long codes (wallet addresses) at narrow gaps; glue pieces printed closer
    // than a space.
    for (size_t k = 0; k + 1 < read.size();) {
      if (read_boxes[k + 1].left - read_boxes[k].right < h / 5) {
        read[k].text += read[k + 1].text;
        read[k].confidence = std::min(read[k].confidence, read[k + 1].confidence);
        read_boxes[k] = read_boxes[k].Union(read_boxes[k + 1]);
        read.erase(read.begin() + k + 1);
        read_boxes.erase(read_boxes.begin() + k + 1);
      } else {
        ++k;
      }
    }
  }
  for (Word& w : read) {
    w.text = FixScript(w.text, w.language);
    if (kind == RunKind::kLatin) w.text = FixLatinToken(w.text);
  }

  // Replace the words that the new reading covers; keep the others (words that only bordered
  // the token).
  Box covered;
  for (const Box& b : read_boxes) covered = covered.Union(b);
  std::vector<Word> new_words;
  std::vector<Box> new_boxes;
  size_t insert_at = std::string::npos;
  for (size_t i = begin; i < end; ++i) {
    const int32_t inside =
        std::min(boxes[i].right, covered.right) - std::max(boxes[i].left, covered.left);
    if (2 * inside >= boxes[i].width()) {
      if (insert_at == std::string::npos) insert_at = new_words.size();
      continue;
    }
    new_words.push_back(std::move(words[i]));
    new_boxes.push_back(boxes[i]);
  }
  if (insert_at == std::string::npos) insert_at = new_words.size();
  std::vector<bool> new_settled(new_words.size(), false);
  new_words.insert(new_words.begin() + insert_at, read.begin(), read.end());
  new_boxes.insert(new_boxes.begin() + insert_at, read_boxes.begin(), read_boxes.end());
  new_settled.insert(new_settled.begin() + insert_at, read.size(), true);
  const long delta = static_cast<long>(new_words.size()) - static_cast<long>(end - begin);
  words.erase(words.begin() + begin, words.begin() + end);
  boxes.erase(boxes.begin() + begin, boxes.begin() + end);
  settled.erase(settled.begin() + begin, settled.begin() + end);
  words.insert(words.begin() + begin, new_words.begin(), new_words.end());
  boxes.insert(boxes.begin() + begin, new_boxes.begin(), new_boxes.end());
  settled.insert(settled.begin() + begin, new_settled.begin(), new_settled.end());
  return delta;
}

}  // namespace bayyina::ocr
