#include "ocr/reread.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <limits>
#include <numeric>
#include <chrono>
#include <regex>
#include <set>
#include <string_view>

#include "ocr/alef_look_alike.h"
#include "ocr/arabic_script.h"
#include "ocr/bidi_order.h"
#include "ocr/date_year.h"
#include "ocr/digit_pitch.h"
#include "ocr/digit_shape.h"
#include "ocr/five_look_alike.h"
#include "ocr/latin_token.h"
#include "ocr/lexicon.h"
#include "ocr/number_comma.h"
#include "ocr/number_words.h"
#include "ocr/one_stroke.h"
#include "ocr/pix.h"
#include "ocr/script_fix.h"
#include "ocr/time_colon.h"
#include "ocr/unread_ink.h"
#include "ocr/word_boxes.h"

namespace bayyina::ocr {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// First readings of clean numbers by the digit model at least this confident stand.
constexpr float kSettledConfidence = 70;

// Digits of both Arabic scripts and ASCII, with the separators found inside numbers.
constexpr char kDigitWhitelist[] = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹/-.:+٫٬،,";

bool HasNonAscii(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; });
}

int AsciiAlnumCount(const std::vector<Word>& words, size_t begin = 0,
                    size_t end = std::string::npos) {
  int n = 0;
  for (size_t i = begin; i < std::min(end, words.size()); ++i) {
    n += static_cast<int>(std::count_if(words[i].text.begin(), words[i].text.end(), IsAsciiAlnum));
  }
  return n;
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
  const size_t first = s.find_first_not_of("-.,;:'\"`_~|/");
  if (first == std::string::npos) return "";
  const size_t last = s.find_last_not_of(",;:'\"`_~|-");
  return s.substr(first, last + 1 - first);
}

// Whether each column of `gray` in [left, right) holds ink within the rows of `rows`; empty
// when either is empty.
std::vector<bool> InkedColumns(Pix* gray, int32_t left, int32_t right, const Box& rows) {
  std::vector<bool> inked;
  if (right <= left || rows.empty()) return inked;
  inked.resize(right - left, false);
  // A connected piece's columns are one unbroken run.
  for (const Box& piece : InkPieces(gray, Box{left, rows.top, right, rows.bottom})) {
    std::fill(inked.begin() + (piece.left - left), inked.begin() + (piece.right - left), true);
  }
  return inked;
}

// Widens `box` left and right, by at most `limit` pixels each, until a run of `gap` columns
// without ink (a word gap) within the box's rows.
Box ExpandToGaps(Pix* gray, const Box& box, int32_t gap, int32_t limit) {
  const int32_t w = pixGetWidth(gray);
  const int32_t lo = std::max(0, box.left - limit), hi = std::min(w, box.right + limit);
  const std::vector<bool> inked = InkedColumns(gray, lo, hi, box);
  if (inked.empty()) return box;
  Box out = box;
  for (int32_t x = box.right, blank = 0; x < hi && blank < gap; ++x) {
    blank = inked[x - lo] ? 0 : blank + 1;
    if (blank == 0) out.right = x + 1;
  }
  for (int32_t x = box.left - 1, blank = 0; x >= lo && blank < gap; --x) {
    blank = inked[x - lo] ? 0 : blank + 1;
    if (blank == 0) out.left = x;
  }
  return out;
}

// The width of a space on the line whose words have `boxes` and a run of them is `h` tall: a
// quarter of the line's tallest word (a run alone may be shorter), at least 4 pixels.
int32_t LineSpace(const std::vector<Box>& boxes, int32_t h) {
  for (const Box& b : boxes) h = std::max(h, b.height());
  return std::max(4, h / 4);
}

// The nearest edges, left and right of `run`, of the boxes `is_wall(i)` picks: {left wall,
// right wall}, the lowest and highest int32_t where there is none.
template <typename IsWall>
std::pair<int32_t, int32_t> Walls(const std::vector<Box>& boxes, const Box& run,
                                  IsWall is_wall) {
  int32_t left_wall = std::numeric_limits<int32_t>::min();
  int32_t right_wall = std::numeric_limits<int32_t>::max();
  for (size_t i = 0; i < boxes.size(); ++i) {
    if (!is_wall(i)) continue;
    if (boxes[i].right <= run.left) left_wall = std::max(left_wall, boxes[i].right);
    if (boxes[i].left >= run.right) right_wall = std::min(right_wall, boxes[i].left);
  }
  return {left_wall, right_wall};
}

// True if boxes `a` and `b` of `gray` are less than a space apart (a quarter of the taller
// one's height), or if no blank run of columns that wide lies between them, within the rows of
// both: ink the first reading left outside every word's box counts.
bool NoSpaceBetween(Pix* gray, const Box& a, const Box& b) {
  const int32_t left = std::min(a.right, b.right), right = std::max(a.left, b.left);
  if (4 * (right - left) < std::max(a.height(), b.height())) return true;
  const Box rows = a.Union(b);
  const std::vector<bool> inked = InkedColumns(gray, left, right, rows);
  int32_t blank = 0;
  for (bool ink : inked) {
    blank = ink ? 0 : blank + 1;
    if (4 * blank >= rows.height()) return false;
  }
  return !inked.empty();
}

// Blank runs of columns across `box` of `gray`, between its first and last inked columns,
// as [first, last] column pairs.
std::vector<std::pair<int32_t, int32_t>> BlankRuns(Pix* gray, const Box& box) {
  std::vector<std::pair<int32_t, int32_t>> runs;
  const std::vector<bool> inked = InkedColumns(gray, box.left, box.right, box);
  int32_t start = -1;
  bool seen_ink = false;
  for (int32_t x = 0; x < static_cast<int32_t>(inked.size()); ++x) {
    if (!inked[x]) {
      if (seen_ink && start < 0) start = x;
    } else {
      if (start >= 0) runs.emplace_back(box.left + start, box.left + x - 1);
      start = -1;
      seen_ink = true;
    }
  }
  return runs;
}

// The middle columns of the spaces inside `box` (one word of the digit reading): blank runs at
// least a quarter of the box's height wide and at least twice the median blank run (the gaps
// between glyphs), or at least a quarter of the height wide over most of a space between two of
// `seen` (the first reading's words: both readings saw a space there; beside the dot of a sans
// font's zero, gaps between glyphs come close to twice the median) and clearly wider than the
// gaps inside them. Groups of digits printed with spaces ("٠٧٩٣ ٠١٢ ٦٩٢٢") are sometimes read
// as one word.
std::vector<int32_t> SpacesInside(Pix* gray, const Box& box, const std::vector<Box>& seen = {}) {
  const std::vector<std::pair<int32_t, int32_t>> runs = BlankRuns(gray, box);
  std::vector<int32_t> out;
  if (runs.size() < 3) return out;
  std::vector<int32_t> widths;
  for (const auto& [a, b] : runs) widths.push_back(b - a + 1);
  std::vector<int32_t> sorted = widths;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const int32_t median = sorted[sorted.size() / 2];
  // Whether blank run i lies between two words of `seen` a space apart, fills at least half of
  // that space (not ink the first reading gave no word) and is half as wide again as any blank
  // run inside those words (gaps between glyphs; the first reading splits words at some).
  int32_t inside_words = 0;
  for (size_t i = 0; i < runs.size(); ++i) {
    for (const Box& b : seen) {
      if (b.left < runs[i].first && runs[i].second < b.right) {
        inside_words = std::max(inside_words, widths[i]);
      }
    }
  }
  auto seen_space = [&](size_t i) {
    const int32_t x = (runs[i].first + runs[i].second) / 2;
    // The right end of the word on its left and the left end of the word on its right.
    int32_t left_end = -1, right_start = -1;
    for (const Box& b : seen) {
      if (b.left < x && x < b.right) return false;
      if (b.right <= x && (left_end < 0 || b.right > left_end)) left_end = b.right;
      if (b.left >= x && (right_start < 0 || b.left < right_start)) right_start = b.left;
    }
    return left_end >= 0 && right_start >= 0 && 4 * (right_start - left_end) >= box.height() &&
           2 * widths[i] >= right_start - left_end && 2 * widths[i] >= 3 * inside_words;
  };
  for (size_t i = 0; i < runs.size(); ++i) {
    const int32_t middle = (runs[i].first + runs[i].second) / 2;
    if ((widths[i] >= 2 * median || seen_space(i)) && 4 * widths[i] >= box.height()) {
      out.push_back(middle);
    }
  }
  return out;
}

// DigitShape (digit_shape.h) with one class, 'd', for the digits of every script.
std::string NumberShape(const std::string& s) {
  std::vector<char32_t> cps;
  std::string shape;
  if (!DigitShape(s, &cps, &shape)) return std::string(CodePoints(s).size(), '?');
  std::replace_if(
      shape.begin(), shape.end(), [](char c) { return c == 'D' || c == 'A' || c == 'P'; }, 'd');
  return shape;
}

// A date and a time printed with a space between them ("٢٠٢٥/١٠/١٤ ٢٢:٥٣") that the
// recognizer ran together, in either order. Returns where (in code points) the second part
// starts, or 0.
size_t DateTimeBoundary(const std::string& s) {
  const std::string shape = NumberShape(s);
  static const std::regex kTimeThenDate(R"(^(d{1,2}:d{2})d{4}[/.-]d{1,2}[/.-]d{1,2}$)");
  static const std::regex kDateThenTime(R"(^(d{4}[/.-]d{1,2}[/.-]d{1,2})d{1,2}:d{2}$)");
  std::smatch m;
  if (std::regex_match(shape, m, kTimeThenDate) || std::regex_match(shape, m, kDateThenTime)) {
    return static_cast<size_t>(m.length(1));
  }
  return 0;
}

// The middle of the widest blank run of columns across `box` of `gray` within a quarter of
// the box's width of `x` (the space between two parts of a word read as one), or `x` if none.
int32_t CutAtGap(Pix* gray, const Box& box, int32_t x) {
  int32_t cut = x, widest = 0;
  for (const auto& [first, last] : BlankRuns(gray, box)) {
    const int32_t middle = (first + last) / 2;
    if (4 * std::abs(middle - x) <= box.width() && last - first + 1 > widest) {
      widest = last - first + 1;
      cut = middle;
    }
  }
  return cut;
}

// Splits each word of `read` that is a date run into a time into two words, giving each part
// its share of the box (cut at the space between them). Digits are printed left to right, so
// the first part is the left one.
void SplitDateAndTime(Pix* gray, std::vector<Word>& read, std::vector<Box>& boxes) {
  for (size_t k = 0; k < read.size(); ++k) {
    read[k].text = RestoreTimeColon(read[k].text);
    const size_t cut = DateTimeBoundary(read[k].text);
    if (cut == 0) continue;
    const std::vector<char32_t> cps = CodePoints(read[k].text);
    size_t byte = 0;
    for (size_t i = 0; i < cut; ++i) byte += cps[i] < 0x80 ? 1 : cps[i] < 0x800 ? 2 : 3;
    Word second = read[k];
    second.text = read[k].text.substr(byte);
    read[k].text.resize(byte);
    Box left = boxes[k], right = boxes[k];
    left.right = right.left = CutAtGap(
        gray, boxes[k], boxes[k].left + static_cast<int32_t>(boxes[k].width() * cut / cps.size()));
    boxes[k] = left;
    read.insert(read.begin() + k + 1, std::move(second));
    boxes.insert(boxes.begin() + k + 1, right);
    ++k;
  }
}

// The digit model sometimes loses a slash of a date and returns the halves as two words
// ("٢٠٢٣" "٠٣/١٨"). Joins words of `read` printed closer than a line height apart, left piece
// first, when they make a date with the slash put back (or, if a half kept it, as they are).
void JoinDateHalves(std::vector<Word>& read, std::vector<Box>& boxes) {
  static const std::regex kDate(R"(^(d{4}/d{1,2}/d{1,2}|d{1,2}/d{1,2}/d{4})$)");
  for (size_t a = 0; a < read.size(); ++a) {
    for (size_t b = 0; b < read.size(); ++b) {
      const int32_t gap = boxes[b].left - boxes[a].right;
      if (a == b || gap < 0 || gap >= std::max(boxes[a].height(), boxes[b].height()) ||
          read[a].text.empty() || read[b].text.empty()) {
        continue;
      }
      const bool slash_kept = read[a].text.back() == '/' || read[b].text.front() == '/';
      const std::string joined = read[a].text + (slash_kept ? "" : "/") + read[b].text;
      if (!std::regex_match(NumberShape(joined), kDate)) continue;
      read[a].text = joined;
      read[a].confidence = std::min(read[a].confidence, read[b].confidence);
      boxes[a] = boxes[a].Union(boxes[b]);
      read.erase(read.begin() + static_cast<long>(b));
      boxes.erase(boxes.begin() + static_cast<long>(b));
      return JoinDateHalves(read, boxes);
    }
  }
}

std::string AsciiAlnum(const std::string& s) {
  std::string out;
  std::copy_if(s.begin(), s.end(), std::back_inserter(out), IsAsciiAlnum);
  return out;
}

// The Arabic script model reads the letter of a letter-prefixed code (passport G03251584) as
// the digit it resembles, with confidence; English reads the letter. With the same digits after
// it, the letter reading is the one to trust.
bool ReadsCodeLetter(const std::string& first, const std::string& second) {
  static constexpr std::string_view kLetters = "BGSZ", kDigits = "8652";
  if (first.size() < 7 || first.size() != second.size() || first.compare(1, std::string::npos, second, 1) != 0) {
    return false;
  }
  const size_t k = kLetters.find(second[0]);
  return k != std::string_view::npos && first[0] == kDigits[k] &&
         std::all_of(first.begin(), first.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `second` (English) has one digit more than `first` (the page model) at an edge where `first`
// has a mark: a comma or quote printed against the number, which English took for a digit
// (the Arabic comma after "29" read as 629). Removes that digit from `second`.
void DropDigitReadFromMark(const std::string& first, std::string& second) {
  const std::string a = AsciiAlnum(first), b = AsciiAlnum(second);
  if (a.empty() || a == first || b.size() != a.size() + 1) return;
  // A digit of the other scripts is no mark: "+964" read "٦96٩" has the 4 English reads.
  const std::vector<char32_t> cps = CodePoints(first);
  auto mark = [](char32_t c) {
    return !(c < 0x80 && IsAsciiAlnum(static_cast<char>(c))) && !IsArabicIndicDigit(c) &&
           !(c >= 0x06F0 && c <= 0x06F9);
  };
  const bool mark_at_edge = mark(cps.front()) || mark(cps.back());
  if (!mark_at_edge) return;
  if (std::isdigit(static_cast<unsigned char>(b.front())) && b.compare(1, std::string::npos, a) == 0) {
    second.erase(second.find(b.front()), 1);
  } else if (std::isdigit(static_cast<unsigned char>(b.back())) && b.compare(0, a.size(), a) == 0) {
    second.erase(second.rfind(b.back()), 1);
  }
}

// A confident plain-ASCII first reading that contains the second one and is longer (the thin
// 1 of "1481" or "17:16" that English drops at the start of a crop) is the better reading.
void KeepLongerConfidentReading(const Word& first, Word& second) {
  if (first.confidence < 85 || HasNonAscii(first.text) || !HasAsciiAlnum(second.text)) return;
  const std::string a = AsciiAlnum(first.text), b = AsciiAlnum(second.text);
  if (a.size() > b.size() && a.find(b) != std::string::npos) second.text = first.text;
}

// True if `s` has ASCII digits and nothing but them and the separators found in numbers.
bool IsPlainAsciiNumber(const std::string& s) {
  return !AsciiDigits(s).empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || std::string_view("/:.-+").find(c) != std::string_view::npos;
  });
}

// True if `word` is made of ASCII digits and separators and its box is wider than that many
// characters can be (a digit is at most about 0.8 of its height wide): the reading lost some.
bool TooWideForItsText(const Word& word, const Box& box) {
  return IsPlainAsciiNumber(word.text) &&
         10 * box.width() > 8 * box.height() * static_cast<int32_t>(word.text.size());
}

// True if the leftmost piece of ink in `box` of `gray` is followed by a gap no wider than
// half as much again as the median gap between the box's other characters: a character of
// the same token (the thin 1 of "12:03"), not a table's rule or a bracket set apart.
bool LeadingInkGlued(Pix* gray, const Box& box) {
  const std::vector<std::pair<int32_t, int32_t>> gaps = BlankRuns(gray, box);
  if (gaps.empty()) return true;
  std::vector<int32_t> widths;
  for (const auto& [a, b] : gaps) widths.push_back(b - a + 1);
  const int32_t first = widths[0];
  std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
  return 2 * first <= 3 * widths[widths.size() / 2];
}

// The box of words [begin, end) (not empty) and, in `confidence`, their mean confidence (none
// for a word whose box is too wide for its text, whatever the recognizer said).
Box RunBox(const std::vector<Word>& words, const std::vector<Box>& boxes, size_t begin,
           size_t end, double* confidence) {
  Box run;
  double sum = 0;
  for (size_t i = begin; i < end; ++i) {
    run = run.Union(boxes[i]);
    if (!TooWideForItsText(words[i], boxes[i])) sum += words[i].confidence;
  }
  *confidence = sum / static_cast<double>(end - begin);
  return run;
}

// The middle column of `b`.
int32_t CentreX(const Box& b) { return (b.left + b.right) / 2; }

// Puts a word's characters in order from left to right by their centres.
void SortByCentre(TokenRereader::Symbols& symbols) {
  std::stable_sort(symbols.begin(), symbols.end(), [](const auto& a, const auto& b) {
    return CentreX(a.first) < CentreX(b.first);
  });
}

// Splits `word` (read over `box`; `symbols` are its characters with their boxes, in the
// recognizer's order) at the spaces that SpacesInside finds (`seen`: the first reading's words
// there), into `pieces` (left to right) and their boxes. Only when the characters in
// left-to-right order spell the word, so that each piece gets exactly the characters printed
// over it. Returns whether it split.
bool SplitAtSpaces(Pix* gray, const Box& box, const std::vector<Box>& seen,
                   TokenRereader::Symbols symbols, const Word& word, std::vector<Word>& pieces,
                   std::vector<Box>& piece_boxes) {
  if (symbols.size() < 2) return false;
  const std::vector<int32_t> spaces = SpacesInside(gray, box, seen);
  if (spaces.empty()) return false;
  SortByCentre(symbols);
  std::string spelled;
  for (const auto& [b, text] : symbols) spelled += text;
  if (spelled != word.text) return false;
  size_t next_space = 0;
  for (size_t k = 0; k < symbols.size(); ++k) {
    const int32_t c = CentreX(symbols[k].first);
    bool starts = k == 0;
    while (next_space < spaces.size() && spaces[next_space] < c) {
      starts = true;
      ++next_space;
    }
    if (starts) {
      Word piece = word;
      piece.text.clear();
      pieces.push_back(std::move(piece));
      piece_boxes.push_back(Box{symbols[k].first.left, box.top, symbols[k].first.right, box.bottom});
    }
    pieces.back().text += symbols[k].second;
    piece_boxes.back().left = std::min(piece_boxes.back().left, symbols[k].first.left);
    piece_boxes.back().right = std::max(piece_boxes.back().right, symbols[k].first.right);
  }
  return pieces.size() > 1;
}

// The characters read over an Arabic comma printed after a number, which the digit model reads
// as ٤ or ٠٤ in front of the digits (number_comma.h), become that comma, after the digits in
// logical order. `symbols` are the word's characters with their boxes; those over the comma
// must be comma look-alikes and start the word.
void ReadCommaAfterNumber(Pix* gray, const Box& box, TokenRereader::Symbols& symbols,
                          Word& word) {
  const NumberComma found = CommaBeforeDigits(gray, box);
  if (!found.found()) return;
  // A character read over the comma has its centre left of a quarter into the next piece.
  const int32_t comma_end = found.next.left + found.next.width() / 4;
  SortByCentre(symbols);
  std::string comma;
  size_t n = 0;
  while (n < symbols.size() && CentreX(symbols[n].first) < comma_end) {
    comma += symbols[n].second;
    ++n;
  }
  if (n == 0 || n == symbols.size() || word.text.compare(0, comma.size(), comma) != 0) return;
  for (char32_t c : CodePoints(comma)) {
    if (c != 0x0660 && c != 0x0664 && c != 0x060C && c != ',') return;
  }
  word.text = word.text.substr(comma.size()) + "\u060c";
  symbols.erase(symbols.begin(), symbols.begin() + static_cast<long>(n));
}

// Reads the one glyph on `crop` with `api`, with Tesseract's character list `list_variable`
// (tessedit_char_blacklist or tessedit_char_whitelist) set to `chars`. Returns the text (may
// be empty).
std::string ReadGlyph(tesseract::TessBaseAPI* api, Pix* crop, int resolution,
                      const char* list_variable, const char* chars) {
  const tesseract::PageSegMode mode = api->GetPageSegMode();
  api->SetPageSegMode(tesseract::PSM_SINGLE_CHAR);
  api->SetVariable(list_variable, chars);
  api->SetImage(crop);
  api->SetSourceResolution(resolution);
  std::string text = api->Recognize(nullptr) == 0 ? Trimmed(api->GetUTF8Text()) : "";
  api->SetVariable(list_variable, "");
  api->SetPageSegMode(mode);
  api->Clear();
  return text;
}

// What a stroke that is no digit is as a letter: digits and their stroke look-alikes barred.
std::string ReadLetter(tesseract::TessBaseAPI* api, Pix* gray, const Box& box, int resolution) {
  int32_t x0 = 0, y0 = 0;
  PixPtr crop = Crop(gray, box, &x0, &y0);
  if (!crop) return "";
  return ReadGlyph(api, crop.get(), resolution, "tessedit_char_blacklist",
                   "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹|!lI");
}

// The ones (١) of a digit reading `word` (box `box`, characters `symbols`) whose ink is too
// wide for a one (one_stroke.h) are other digits: each is read again alone, ones barred.
void ReadWideOnes(tesseract::TessBaseAPI* api, Pix* gray, int resolution,
                  absl::string_view language, const Box& box, TokenRereader::Symbols& symbols,
                  Word& word) {
  std::vector<char32_t> cps = CodePoints(word.text);
  // The comma after a number (ReadCommaAfterNumber) has no symbol of its own any more.
  const size_t digits = !cps.empty() && cps.back() == 0x060C ? cps.size() - 1 : cps.size();
  if (digits != symbols.size() ||
      std::find(cps.begin(), cps.begin() + static_cast<long>(digits), 0x0661) ==
          cps.begin() + static_cast<long>(digits)) {
    return;
  }
  SortByCentre(symbols);
  std::vector<Box> symbol_boxes;
  for (size_t i = 0; i < digits; ++i) {
    // Digits run left to right, so a number's characters in logical order are its symbols
    // from left to right; anything else is not a plain number.
    if (Utf8({cps[i]}) != symbols[i].second) return;
    symbol_boxes.push_back(symbols[i].first);
  }
  bool changed = false;
  for (size_t i = 0; i < digits; ++i) {
    if (cps[i] != 0x0661) continue;
    const Box piece = TooWideForAOne(gray, box, symbol_boxes[i], symbol_boxes);
    if (piece.empty()) continue;
    // Cut to the piece alone: a neighbour's ink (the dot of a ٠) would be read with it.
    BOX* clip = boxCreate(piece.left, piece.top, piece.width(), piece.height());
    PixPtr alone(pixClipRectangle(gray, clip, nullptr));
    boxDestroy(&clip);
    if (!alone) continue;
    const int32_t margin = std::max(6, piece.height() / 3);
    PixPtr padded(
        pixAddBlackOrWhiteBorder(alone.get(), margin, margin, margin, margin, L_GET_WHITE_VAL));
    if (!padded) continue;
    std::vector<char32_t> digit = CodePoints(FixScript(
        ReadGlyph(api, padded.get(), resolution, "tessedit_char_whitelist", "٠٢٣٤٥٦٧٨٩۰۲۳۴۵۶۷۸۹"),
        language));
    // The glyph alone has no other digit to tell FixScript its script: it is the number's.
    if (digit.size() == 1 && digit[0] >= 0x06F0 && digit[0] <= 0x06F9) digit[0] -= 0x06F0 - 0x0660;
    if (digit.size() == 1 && IsArabicIndicDigit(digit[0]) && digit[0] != 0x0661) {
      cps[i] = digit[0];
      symbols[i].second = Utf8({digit[0]});
      changed = true;
    }
  }
  if (changed) word.text = Utf8(cps);
}

}  // namespace

TokenRereader::TokenRereader(tesseract::TessBaseAPI* latin, tesseract::TessBaseAPI* digits,
                             bool first_pass_is_digit_model, std::string language, int resolution)
    : latin_(latin),
      digits_(digits),
      first_pass_is_digit_model_(first_pass_is_digit_model),
      language_(std::move(language)),
      arabic_script_(language_ == "ar" || language_ == "ckb"),
      resolution_(resolution) {}

void TokenRereader::RereadLine(Pix* gray, std::vector<Word>& words, std::vector<Box>& boxes) {
  if (!arabic_script_ || words.empty()) return;
  const double t0 = Now();
  for (Word& w : words) w.text = DigitsInLogicalOrder(w.text);
  SplitDateAndTime(gray, words, boxes);
  // A lone stroke read as a one beside a number that rises above its digits is an alef
  // (alef_look_alike.h): read as a letter, it no longer joins the number.
  auto digit_group = [&](size_t j) {
    const std::string& t = words[j].text;
    return CodePoints(t).size() >= 2 && (IsArabicNumber(t) || std::all_of(t.begin(), t.end(), [](char c) {
                               return c >= '0' && c <= '9';
                             }));
  };
  for (size_t i = 0; i < words.size(); ++i) {
    if (!IsLoneStroke(words[i].text)) continue;
    for (size_t j : {i - 1, i + 1}) {
      if (j >= words.size() || !digit_group(j) || !RisesAboveDigits(boxes[i], boxes[j])) continue;
      const std::string letter =
          FixScript(ReadLetter(digits_, gray, boxes[i], resolution_), language_);
      if (HasArabicLetter(letter)) words[i].text = letter;
      break;
    }
  }
  // Numbers first: Arabic-Indic digits come out as Persian digits, as Latin look-alikes
  // (V for ٧, o for ٥, A for ٨) or split into odd pieces; one digit reading of the whole run
  // of such words settles them.
  // Words printed without a space next to a Latin token are part of it, whatever they were
  // read as.
  auto glued_to_latin = [&](size_t i) {
    for (size_t j : {i - 1, i + 1}) {
      if (j >= words.size()) continue;
      const int32_t gap = std::max(boxes[i].height(), boxes[j].height()) / 2;
      const bool latin = (HasAsciiAlnum(words[j].text) ||
                          words[j].text.find('@') != std::string::npos) &&
                         !LooksLikeGarbledDigits(words[j].text);
      const int32_t apart = boxes[i].GapTo(boxes[j]);
      if (latin && apart < gap) return true;
    }
    return false;
  };
  std::vector<bool> settled(words.size(), false);
  // A number that the digit model itself read as a plain number, in one piece, stands: reading
  // it again only risks taking a neighbouring comma for a digit.
  auto settled_number = [&](size_t i) {
    return first_pass_is_digit_model_ && words[i].confidence >= kSettledConfidence &&
           IsCleanArabicIndicNumber(words[i].text);
  };
  // A number sits among Latin tokens in one script: an IBAN group that the page model read as
  // Arabic-Indic digits between two Latin groups, or "+964" read half in Arabic-Indic digits
  // beside groups in ASCII digits, is Latin.
  // One whose box is too wide for its digits is misread and says nothing of the script.
  auto plain_ascii_number = [&](size_t j) {
    return j < words.size() && !words[j].text.empty() && !TooWideForItsText(words[j], boxes[j]) &&
           std::all_of(words[j].text.begin(), words[j].text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || c == '+' || c == '-'; });
  };
  auto latin_word = [&](size_t j) {
    return j < words.size() && HasAsciiAlnum(words[j].text) && !HasNonAscii(words[j].text);
  };
  // Only neighbours a space away count: a table cell beside is another token.
  auto near = [&](size_t i, size_t j) {
    if (j >= words.size()) return false;
    const int32_t apart = boxes[i].GapTo(boxes[j]);
    return apart <= std::max(boxes[i].height(), boxes[j].height());
  };
  auto among_latin = [&](size_t i) {
    if (latin_word(i - 1) && near(i, i - 1) && latin_word(i + 1) && near(i, i + 1)) return true;
    return HasAsciiAlnum(words[i].text) && ((plain_ascii_number(i - 1) && near(i, i - 1)) ||
                                            (plain_ascii_number(i + 1) && near(i, i + 1)));
  };
  // A short word without Arabic letters printed a space away from Arabic-Indic numbers on both
  // sides, read as such or as their look-alikes, is a group of the same number ("٠٧٧١ ١٣٤
  // ٩٨٥٨" with the middle group read "We").
  auto arabic_number = [&](size_t j) {
    return IsArabicNumber(words[j].text) || LooksLikeGarbledDigits(words[j].text);
  };
  auto between_numbers = [&](size_t i) {
    if (i == 0 || i + 1 >= words.size() || !arabic_number(i - 1) || !arabic_number(i + 1) ||
        CodePoints(words[i].text).size() > 6 || HasArabicLetter(words[i].text)) {
      return false;
    }
    for (size_t j : {i - 1, i + 1}) {
      const int32_t apart = boxes[i].GapTo(boxes[j]);
      if (apart > std::max(boxes[i].height(), boxes[j].height())) return false;
    }
    return true;
  };
  // So is a doubtful short word without Arabic letters printed less than two line heights (a
  // table cell's margin) away from one such number (not a lone mark): a date or time in a sans
  // font read as ASCII ("0/0/1") or Latin letters beside its other half, with the characters
  // between them lost. The digit reading stands only if the digit model is sure of it.
  // A doubtful short word without Arabic letters (a confident word whose box is too wide for
  // its text is doubtful too).
  auto doubtful_short = [&](size_t i) {
    return !(words[i].confidence >= 50 && !TooWideForItsText(words[i], boxes[i])) &&
           CodePoints(words[i].text).size() <= 10 && !HasArabicLetter(words[i].text);
  };
  auto beside_number = [&](size_t i) {
    if (!doubtful_short(i)) return false;
    for (size_t j : {i - 1, i + 1}) {
      if (j >= words.size() || !(IsArabicNumber(words[j].text) ||
                                 (LooksLikeGarbledDigits(words[j].text) &&
                                  CodePoints(words[j].text).size() >= 2))) {
        continue;
      }
      const int32_t apart = boxes[i].GapTo(boxes[j]);
      if (apart <= 2 * std::max(boxes[i].height(), boxes[j].height())) return true;
    }
    return false;
  };
  // A lone ae (ە) printed as part of a number is its digit five (five_look_alike.h): closer
  // than a space to it (a quarter of the height or three quarters of a digit's advance), or
  // with ink between them (the dot of a zero that the first reading lost) within three
  // advances (as read, which may count the lost digit). The number is read again with it,
  // whatever its confidence.
  auto one_number = [&](size_t i, size_t j) {
    if (j >= words.size()) return false;
    const size_t number = EasternDigitCount(words[i].text) >= EasternDigitCount(words[j].text) ? i : j;
    const bool i_left = boxes[i].left < boxes[j].left;
    const Box& a = i_left ? boxes[i] : boxes[j];  // the left one
    const Box& b = i_left ? boxes[j] : boxes[i];
    const int32_t apart = b.left - a.right;
    const int32_t h = std::max(a.height(), b.height());
    const int digits = std::max(1, EasternDigitCount(words[number].text));
    const int32_t advance = boxes[number].width() / digits;
    if (4 * apart < std::max(h, 3 * advance)) return true;
    if (apart >= 3 * advance) return false;
    const std::vector<bool> inked = InkedColumns(gray, a.right, b.left, boxes[number]);
    return std::find(inked.begin(), inked.end(), true) != inked.end();
  };
  // So is a lone digit (the zero of ٠٤:٥٣, a dot that the first reading set apart).
  auto lone_piece = [&](size_t j) {
    return IsLoneLoopLetter(words[j].text) ||
           (EasternDigitCount(words[j].text) == 1 && CodePoints(words[j].text).size() == 1);
  };
  auto five_read_as_letter = [&](size_t i) {
    if (IsNumberWithLoopLetter(words[i].text)) return true;
    const bool loop = lone_piece(i);
    if (!loop && !IsArabicNumber(words[i].text)) return false;
    for (const long step : {-1L, 1L}) {
      // Over numbers printed as one with this word, to a loop letter (from a number) or to a
      // number (from a loop letter).
      for (size_t k = i, j = i + step; one_number(k, j); k = j, j += step) {
        if (loop) {
          if (IsArabicNumber(words[j].text)) return true;
          break;
        }
        if (lone_piece(j)) return true;
        if (!IsArabicNumber(words[j].text)) break;
      }
    }
    return false;
  };
  // So is a doubtful short word without Arabic letters that has ink no word holds between it
  // and a neighbour without Arabic letters (a group between them that the first reading lost).
  auto beside_unread_ink = [&](size_t i) {
    if (!doubtful_short(i)) return false;
    for (size_t j : {i - 1, i + 1}) {
      if (j < words.size() && !HasArabicLetter(words[j].text) &&
          !UnreadInkBetween(gray, boxes[i], boxes[j]).empty()) {
        return true;
      }
    }
    return false;
  };
  auto numberish = [&](size_t i) {
    if (five_read_as_letter(i)) return !glued_to_latin(i) && !among_latin(i);
    return (IsArabicNumber(words[i].text) || LooksLikeGarbledDigits(words[i].text) ||
            DigitsWithStrayLetters(words[i].text) || between_numbers(i) || beside_number(i) ||
            beside_unread_ink(i)) &&
           !glued_to_latin(i) && !among_latin(i) && !settled_number(i);
  };
  // A second sweep takes the words that became neighbours of a number only when the number
  // after them in the sequence was read.
  // Runs read in vain are not read again: the same strip gives the same reading.
  std::set<std::pair<int32_t, int32_t>> read_in_vain;
  for (int sweep = 0; sweep < 2; ++sweep) {
    const auto settled_before = std::count(settled.begin(), settled.end(), true);
    ForEachRun(words, [&](size_t i) { return !settled[i] && numberish(i); },
               [&](size_t begin, size_t end) {
                 double unused;
                 const Box run = RunBox(words, boxes, begin, end, &unused);
                 if (read_in_vain.count({run.left, run.right}) != 0) return 0L;
                 // Words taken only for being beside a number, or for Latin letters among
                 // their digits, may be Latin (a unit: ١٠٠mg): the digit reading must be sure.
                 bool need_sure = false;
                 for (size_t i = begin; i < end; ++i) {
                   need_sure = need_sure ||
                               !(IsArabicNumber(words[i].text) ||
                                 LooksLikeGarbledDigits(words[i].text) || between_numbers(i));
                 }
                 const long delta =
                     RereadDigits(gray, begin, end, need_sure, words, boxes, settled);
                 if (delta == 0 && !settled[begin]) read_in_vain.insert({run.left, run.right});
                 return delta;
               });
    if (std::count(settled.begin(), settled.end(), true) == settled_before) break;
  }
  // A group of Arabic-Indic digits wider than its digits explain lost one (digit_pitch.h): its
  // ink is read again alone, and the reading stands if it has more digits that fit the pitch.
  const std::vector<bool> wide = WideArabicIndicGroups(words, boxes);
  for (size_t i = 0; i < words.size(); ++i) {
    if (!wide[i]) continue;
    const int32_t h = boxes[i].height();
    const Box ink = ExpandToGaps(gray, boxes[i], std::max(4, h / 6), h / 2);
    std::vector<Word> read;
    std::vector<Box> read_boxes;
    std::vector<Symbols> read_symbols;
    ReadDigitStrip(gray, ink, boxes[i], read, read_boxes, read_symbols);
    if (read.size() != 1 || read[0].confidence < 60 ||
        EasternDigitCount(read[0].text) <= EasternDigitCount(words[i].text)) {
      continue;
    }
    // Boxed as every second reading is (Replace): to its ink.
    const Box read_box = InkBox(gray, read_boxes[0]);
    std::vector<Word> check = words;
    std::vector<Box> check_boxes = boxes;
    check[i].text = read[0].text;
    check_boxes[i] = read_box;
    if (WideArabicIndicGroups(check, check_boxes)[i]) continue;
    words[i].text = read[0].text;
    words[i].confidence = read[0].confidence;
    boxes[i] = read_box;
    settled[i] = true;  // a sure digit reading: not for English
  }
  // Then Latin tokens: words whose first reading has Latin letters, digits or '@', grown over
  // neighbours that were read without confidence (the rest of the token read as Arabic), and
  // read again run by run.
  // Except confident plain numbers in ASCII digits on their own: digit groups of at most six
  // (dates, times, IP addresses, phone and card groups), in a box no wider than their length
  // allows (a digit is at most about 0.8 of its height wide; a wider box lost a character).
  // English reads them the same; longer digit strings may be codes whose letter the page model
  // read as a digit (passport B33839790 as 833839790).
  auto plain_number = [&](size_t i) {
    const std::string& t = words[i].text;
    size_t group = 0, longest = 0;
    for (char c : t) {
      if (c >= '0' && c <= '9') {
        longest = std::max(longest, ++group);
      } else if (c == '/' || c == ':' || c == '.' || c == '-' || c == '+') {
        group = 0;
      } else {
        return false;
      }
    }
    return longest > 0 && longest <= 6 && words[i].confidence >= kSettledConfidence &&
           !TooWideForItsText(words[i], boxes[i]) && !glued_to_latin(i);
  };
  // A confident digit group whose pitch differs from its neighbour groups' has a digit too many
  // or too few all the same: it is read again on its own (English runs neighbouring groups
  // together into one word).
  // The new reading stands only as one group whose digit count gives the word's ink (its box
  // widened to the gaps around it: a first-pass box may have lost a digit's ink) the line's
  // pitch.
  for (size_t i = 0; i < words.size(); ++i) {
    if (settled[i] || words[i].confidence < kSettledConfidence || !OddDigitPitch(words, boxes)[i]) {
      continue;
    }
    const std::vector<Word> old_words = words;
    const std::vector<Box> old_boxes = boxes;
    const std::vector<bool> old_settled = settled;
    const long delta = RereadLatin(gray, i, i + 1, words, boxes, settled);
    std::vector<Word> check = old_words;
    std::vector<Box> ink = old_boxes;
    const int32_t h = ink[i].height();
    ink[i] = ExpandToGaps(gray, ink[i], std::max(4, h / 6), h);
    if (delta == 0 && settled[i]) check[i].text = words[i].text;
    const std::string& t = check[i].text;
    const bool digits = std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (delta != 0 || !settled[i] || !digits || t == old_words[i].text ||
        OddDigitPitch(check, ink)[i]) {
      words = old_words;
      boxes = old_boxes;
      settled = old_settled;
    }
  }
  std::vector<bool> mark(words.size(), false);
  for (size_t i = 0; i < words.size(); ++i) {
    mark[i] = !settled[i] && !plain_number(i) &&
              (HasAsciiAlnum(words[i].text) || words[i].text.find('@') != std::string::npos);
    // Arabic-Indic digits between two Latin words are a group of the same Latin token (an
    // IBAN's letters, which the Sorani model has not got, read as digits).
    mark[i] = mark[i] || (!settled[i] && EasternDigitCount(words[i].text) > 0 && among_latin(i));
  }
  // A Latin token that the page model read wholly as Arabic (the Sorani model has no Latin
  // letters): one word whose neighbours are the line's Arabic words, not read with it.
  std::vector<bool> latin_as_arabic(words.size(), false);
  for (size_t i = 0; i < words.size(); ++i) {
    latin_as_arabic[i] = !settled[i] && !mark[i] &&
                         LatinReadAsArabic(words[i].text, words[i].confidence);
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0; i < words.size(); ++i) {
      if (mark[i] || settled[i] || latin_as_arabic[i]) continue;
      // Arabic words a space away from a token are the line's own words, however doubtful:
      // only what is printed against the token, without a blank space between their inks, is
      // more of it (its end read as Arabic, or its characters that no word's box holds). Words
      // without Arabic letters may be more groups of it.
      auto grows = [&](size_t j) {
        if (!mark[j]) return false;
        return !HasArabicLetter(words[i].text) || NoSpaceBetween(gray, boxes[i], boxes[j]);
      };
      const bool next_to_mark = (i > 0 && grows(i - 1)) || (i + 1 < words.size() && grows(i + 1));
      // Plain numbers beside a token read again are read with it (the groups of an IBAN).
      if (next_to_mark && (words[i].confidence < 70 || plain_number(i))) {
        mark[i] = true;
        grew = true;
      }
    }
  }
  for (size_t i = 0; i < words.size(); ++i) mark[i] = mark[i] || latin_as_arabic[i];
  ForEachRun(words, [&](size_t i) { return i < mark.size() && mark[i]; },
             [&](size_t begin, size_t end) {
               const long delta = RereadLatin(gray, begin, end, words, boxes, settled);
               // Keep the marks aligned with the words: the run's words are done.
               mark.erase(mark.begin() + begin, mark.begin() + end);
               mark.insert(mark.begin() + begin, static_cast<size_t>(
                                                     static_cast<long>(end - begin) + delta),
                           false);
               return delta;
             });
  for (Word& w : words) w.text = FixDateYear(w.text);
  // Only a time printed beside a date is a clock time (٣٥:١٢ may be a call's duration).
  for (size_t i = 0; i < words.size(); ++i) {
    const bool by_date = (i > 0 && IsDateOrTime(words[i - 1].text) &&
                          words[i - 1].text.find(':') == std::string::npos) ||
                         (i + 1 < words.size() && IsDateOrTime(words[i + 1].text) &&
                          words[i + 1].text.find(':') == std::string::npos);
    if (by_date) words[i].text = FixTimeHour(words[i].text);
  }
  // An IBAN whose "IQ" both readings took for digits: its check digits decide.
  std::vector<size_t> printed(words.size());
  std::iota(printed.begin(), printed.end(), 0);
  std::stable_sort(printed.begin(), printed.end(),
                   [&](size_t a, size_t b) { return boxes[a].left < boxes[b].left; });
  std::vector<std::string*> groups;
  for (size_t i : printed) groups.push_back(&words[i].text);
  FixIbanCountryCode(groups);
  seconds_ += Now() - t0;
}

template <typename Pred, typename Fn>
void TokenRereader::ForEachRun(const std::vector<Word>& words, Pred pred, Fn fn) {
  // Runs are found left to right in the updated sequence.
  for (size_t i = 0; i < words.size();) {
    if (!pred(i)) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < words.size() && pred(end)) ++end;
    i = static_cast<size_t>(static_cast<long>(end) + fn(i, end));
  }
}

long TokenRereader::RereadLatin(Pix* gray, size_t begin, size_t end, std::vector<Word>& words,
                                std::vector<Box>& boxes, std::vector<bool>& settled) {
  double conf = 0;
  const Box run = RunBox(words, boxes, begin, end, &conf);
  if (run.empty()) return 0;
  // The first pass may have given an edge of the token to a neighbouring word, and a token it
  // read as Arabic may have a box over part of it only: widen the run over ink that continues
  // without a word gap.
  const int32_t h = run.height();
  Box tight = ExpandToGaps(gray, run, std::max(4, h / 6), 8 * h);
  // Ink that no word's box holds (digits the first pass lost, wide apart in some Latin fonts)
  // is taken up to a space (a quarter of the line's height: its tallest word's, as the run
  // alone may be shorter), unless that reaches another word's box: then it crossed a space into
  // that word.
  const Box loose = ExpandToGaps(gray, run, LineSpace(boxes, h), 8 * h);
  const auto [left_wall, right_wall] =
      Walls(boxes, run, [&](size_t i) { return i < begin || i >= end; });
  if (loose.left >= left_wall) tight.left = std::min(tight.left, loose.left);
  // The margin read past the token's right end (below) is then that ink.
  int32_t right_margin = h / 2;
  if (loose.right <= right_wall && loose.right > tight.right) {
    tight.right = loose.right;
    right_margin = 0;
  }
  // An Arabic comma beside a number in ASCII digits (number_comma.h), printed against it or a
  // little apart: English has not got it and reads a digit there, or misreads the digit next to
  // it ("71،" as 715 or 11), so its ink is whitened out of the crop and the reading gets it
  // back.
  Box comma;
  if (std::all_of(words.begin() + static_cast<long>(begin), words.begin() + static_cast<long>(end),
                  [](const Word& w) { return IsAsciiNumberBeforeComma(w.text); })) {
    const Box before{std::max(left_wall, tight.left - h), tight.top, tight.right, tight.bottom};
    const Box after{tight.left, tight.top, std::min(right_wall, tight.right + h), tight.bottom};
    const NumberComma left = CommaBeforeDigits(gray, before);
    comma = left.found() ? left.comma : CommaAfterDigits(gray, after).comma;
  }
  // A first reading that mixes Arabic-script characters into a Latin token is wrong whatever
  // its confidence.
  bool mixed = false;
  std::string mixed_digits;  // the ASCII digits of such readings
  for (size_t i = begin; i < end; ++i) {
    if (HasAsciiAlnum(words[i].text) && HasNonAscii(words[i].text)) {
      mixed = true;
      mixed_digits += AsciiDigits(words[i].text);
    }
  }
  // English gives long codes without dictionary words (wallet addresses) little confidence;
  // after a first reading that is certainly wrong, a doubtful long code is still better, and
  // so is a code whose digits both readings agree on (passport A22146069 read ٨22146069: the
  // page model took the letter for an Arabic-Indic digit).
  auto confident_enough = [&](const Word& w) {
    if (w.confidence >= 50) return true;
    const int alnum = static_cast<int>(std::count_if(w.text.begin(), w.text.end(), IsAsciiAlnum));
    if ((mixed || conf < 30) && alnum >= 16 && w.confidence >= 25) return true;
    return mixed && w.confidence >= 25 && mixed_digits.size() >= 5 &&
           AsciiDigits(w.text) == mixed_digits;
  };
  // A doubtful group of ASCII digits over a first reading whose box was too wide for its
  // fewer digits ("3095" over "5", a phone's last group) has the characters that reading lost.
  auto fills_lost_digits = [&](const Word& w, const Box& box) {
    if (w.confidence < 25 || !IsPlainAsciiNumber(w.text)) return false;
    for (size_t i = begin; i < end; ++i) {
      const int32_t inside = std::min(boxes[i].right, box.right) - std::max(boxes[i].left, box.left);
      if (2 * inside >= boxes[i].width() && TooWideForItsText(words[i], boxes[i]) &&
          AsciiDigits(words[i].text).size() < AsciiDigits(w.text).size()) {
        return true;
      }
    }
    return false;
  };
  std::vector<Word> read;
  std::vector<Box> read_boxes;
  double read_conf = 0;
  // One reading of `strip`; fills the read_* results (replacing earlier ones).
  auto read_strip = [&](const Box& strip) {
    read.clear();
    read_boxes.clear();
    read_conf = 0;
    int32_t x0 = 0, y0 = 0;
    PixPtr crop = Crop(gray, strip, &x0, &y0);
    if (!crop) return;
    if (!comma.empty()) {
      Whiten(crop.get(), Box{comma.left - x0, comma.top - y0, comma.right - x0, comma.bottom - y0});
    }
    latin_->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    latin_->SetImage(crop.get());
    latin_->SetSourceResolution(resolution_);
    if (latin_->Recognize(nullptr) == 0) {
      std::unique_ptr<tesseract::ResultIterator> it(latin_->GetIterator());
      if (it != nullptr && !it->Empty(tesseract::RIL_WORD)) {
        do {
          Word w;
          w.text = Trimmed(it->GetUTF8Text(tesseract::RIL_WORD));
          w.text = StripEdgeMarks(std::move(w.text));
          int l, t, r, b;
          if (w.text.empty() || !it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) continue;
          // Clip to the run's rows: the crop's margins may hold bits of the lines around it.
          const int32_t slack = h / 4;
          Box box{x0 + l, y0 + t, x0 + r, y0 + b};
          box.top = std::max(box.top, run.top - slack);
          box.bottom = std::min(box.bottom, run.bottom + slack);
          // Only words over the run itself; the widened margins may hold bits of other words.
          const int32_t inside =
              std::min(box.right, tight.right) - std::max(box.left, tight.left);
          if (2 * inside < box.width()) continue;
          w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
          if (HasNonAscii(w.text) || !HasAsciiAlnum(w.text)) continue;
          w.language = "en";
          read.push_back(std::move(w));
          read_boxes.push_back(box);
        } while (it->Next(tesseract::RIL_WORD));
      }
    }
    latin_->Clear();
    // English gives addresses without dictionary words little confidence; after a first
    // reading that is certainly wrong, a doubtful one is still better, and after one that mixed
    // scripts into the token (its '@' among Arabic letters) so is any English read as one word
    // with an email's shape (pieces joined into one may have taken an Arabic word beside it).
    const bool wrong_first = mixed || conf < 30;
    std::set<std::string> whole_emails;  // read as one word, not joined from pieces
    for (const Word& w : read) {
      if (IsEmailShaped(w.text)) whole_emails.insert(w.text);
    }
    if (wrong_first) JoinEmailPieces(read, read_boxes, h / 3);
    JoinAddressPieces(read, read_boxes, h);
    for (size_t k = read.size(); k-- > 0;) {
      if (confident_enough(read[k]) || fills_lost_digits(read[k], read_boxes[k]) ||
          IsBase58CheckAddress(read[k].text) ||
          (wrong_first && IsEmailShaped(read[k].text) &&
           (read[k].confidence >= 25 || (mixed && whole_emails.contains(read[k].text))))) {
        read_conf += read[k].confidence;
        continue;
      }
      read.erase(read.begin() + static_cast<long>(k));
      read_boxes.erase(read_boxes.begin() + static_cast<long>(k));
    }
    if (!read.empty()) read_conf /= static_cast<double>(read.size());
  };
  // A Latin token inside an Arabic line ends (on its right) at the Arabic word read before it,
  // whose first-pass box often holds the token's last letter: read a margin more on that side.
  // If that margin holds so much Arabic that nothing Latin is read, read the token alone.
  read_strip(Box{tight.left, tight.top, tight.right + right_margin, tight.bottom});
  if (read.empty()) read_strip(tight);
  if (read.empty()) return 0;
  bool code_letter = false;
  for (size_t i = begin; i < end; ++i) {
    for (const Word& w : read) code_letter = code_letter || ReadsCodeLetter(words[i].text, w.text);
  }
  if (read_conf + 5 < conf && !mixed && !code_letter) return 0;
  // A confident first reading in plain ASCII that the second one shortens lost a character to
  // a crop edge, not a misreading; unless a lone digit group's pitch says it has a digit too
  // many (then RereadLine checks the new reading's pitch).
  const bool odd = end == begin + 1 && OddDigitPitch(words, boxes)[begin];
  if (!mixed && !odd && conf >= 85 &&
      AsciiAlnumCount(read) < AsciiAlnumCount(words, begin, end)) {
    return 0;
  }
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
  for (size_t k = 0; k < read.size(); ++k) {
    // The first-pass word under this one.
    size_t under = end;
    int32_t best = 0;
    for (size_t i = begin; i < end; ++i) {
      const int32_t overlap = std::min(boxes[i].right, read_boxes[k].right) -
                              std::max(boxes[i].left, read_boxes[k].left);
      if (overlap > best) {
        best = overlap;
        under = i;
      }
    }
    if (under != end) {
      DropDigitReadFromMark(words[under].text, read[k].text);
      KeepLongerConfidentReading(words[under], read[k]);
      if (LeadingInkGlued(gray, boxes[under])) {
        read[k].text =
            KeepLeadingOne(words[under].text, boxes[under], read[k].text, read_boxes[k]);
      }
    }
    read[k].text = FixLatinToken(FixScript(read[k].text, read[k].language));
    // A reading that agrees with the first one keeps the first box: English's box of a word
    // read from a crop takes in specks and margins around it.
    if (under != end && read[k].text == words[under].text) read_boxes[k] = boxes[under];
  }
  if (!comma.empty() && !read.empty()) {
    size_t nearest = 0;
    for (size_t k = 1; k < read.size(); ++k) {
      if (read_boxes[k].GapTo(comma) < read_boxes[nearest].GapTo(comma)) nearest = k;
    }
    std::string& text = read[nearest].text;
    if (!text.empty() && text.back() >= '0' && text.back() <= '9') text += "\u060c";
  }
  // A short plain word that English reads over a first-pass word with Arabic letters is
  // mostly Arabic strokes read as Latin ("Sins" for a governorate's name beside a plate):
  // it replaces the Arabic word only if English is sure of it or it looks like a token
  // (a digit, '@' or '.', or six characters or more).
  for (size_t k = read.size(); k-- > 0;) {
    const std::string& t = read[k].text;
    const bool token_like = t.size() >= 6 || std::any_of(t.begin(), t.end(), [](char c) {
                              return (c >= '0' && c <= '9') || c == '@' || c == '.';
                            });
    if (token_like || read[k].confidence >= 85) continue;
    bool over_arabic = false;
    for (size_t i = begin; i < end; ++i) {
      const int32_t inside = std::min(boxes[i].right, read_boxes[k].right) -
                             std::max(boxes[i].left, read_boxes[k].left);
      over_arabic = over_arabic || (2 * inside >= read_boxes[k].width() &&
                                    HasArabicLetter(words[i].text) &&
                                    !LatinReadAsArabic(words[i].text, words[i].confidence));
    }
    if (!over_arabic) continue;
    read.erase(read.begin() + static_cast<long>(k));
    read_boxes.erase(read_boxes.begin() + static_cast<long>(k));
  }
  if (read.empty()) return 0;
  // A first reading that glued an Arabic word to a number ("...ەهۆگ:55146") keeps its Arabic
  // part where English read only the number: the number is English's word now, not both.
  for (size_t i = begin; i < end; ++i) {
    std::string& t = words[i].text;
    const std::string digits = AsciiDigits(t);
    if (digits.empty() || !HasArabicLetter(t) ||
        std::none_of(read.begin(), read.end(), [&](const Word& w) {
          return IsPlainAsciiNumber(w.text) && AsciiDigits(w.text) == digits;
        })) {
      continue;
    }
    t.erase(std::remove_if(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }),
            t.end());
    while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.pop_back();
  }
  return Replace(gray, begin, end, std::move(read), std::move(read_boxes), words, boxes, settled);
}

void TokenRereader::ReadDigitStrip(Pix* gray, const Box& strip, const Box& run,
                                   std::vector<Word>& read, std::vector<Box>& read_boxes,
                                   std::vector<Symbols>& read_symbols) {
  const int32_t h = run.height();
  int32_t x0 = 0, y0 = 0;
  PixPtr crop = Crop(gray, strip, &x0, &y0);
  if (!crop) return;
  digits_->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  digits_->SetVariable("tessedit_char_whitelist", kDigitWhitelist);
  digits_->SetImage(crop.get());
  digits_->SetSourceResolution(resolution_);
  if (digits_->Recognize(nullptr) == 0) {
    std::unique_ptr<tesseract::ResultIterator> it(digits_->GetIterator());
    if (it != nullptr && !it->Empty(tesseract::RIL_WORD)) {
      do {
        Word w;
        w.text = FixScript(Trimmed(it->GetUTF8Text(tesseract::RIL_WORD)), language_);
        int l, t, r, b;
        if (w.text.empty() || !it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) continue;
        Box box{x0 + l, y0 + t, x0 + r, y0 + b};
        // Clip to the run's rows: the crop's margins may hold bits of the lines around it.
        box.top = std::max(box.top, run.top - h / 4);
        box.bottom = std::min(box.bottom, run.bottom + h / 4);
        // Only words over the strip itself; the margins may hold bits of other words.
        const int32_t inside = std::min(box.right, strip.right) - std::max(box.left, strip.left);
        if (2 * inside < box.width()) continue;
        w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
        w.language = language_;
        Symbols symbols;
        tesseract::ResultIterator symbol(*it);
        do {
          int sl, st, sr, sb;
          if (!symbol.BoundingBox(tesseract::RIL_SYMBOL, &sl, &st, &sr, &sb)) break;
          symbols.emplace_back(
              Box{x0 + sl, y0 + st, x0 + sr, y0 + sb},
              FixScript(Trimmed(symbol.GetUTF8Text(tesseract::RIL_SYMBOL)), language_));
        } while (!symbol.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) &&
                 symbol.Next(tesseract::RIL_SYMBOL));
        read.push_back(std::move(w));
        read_boxes.push_back(box);
        read_symbols.push_back(std::move(symbols));
      } while (it->Next(tesseract::RIL_WORD));
    }
  }
  digits_->SetVariable("tessedit_char_whitelist", "");
  digits_->Clear();
}

long TokenRereader::RereadDigits(Pix* gray, size_t begin, size_t end, bool need_sure,
                                 std::vector<Word>& words, std::vector<Box>& boxes,
                                 std::vector<bool>& settled) {
  double conf = 0;
  const Box run = RunBox(words, boxes, begin, end, &conf);
  if (run.empty()) return 0;
  const std::vector<Box> run_boxes(boxes.begin() + static_cast<long>(begin),
                                   boxes.begin() + static_cast<long>(end));
  const int32_t h = run.height();
  std::vector<Word> read;
  std::vector<Box> read_boxes;
  std::vector<Symbols> read_symbols;
  ReadDigitStrip(gray, ExpandToGaps(gray, run, std::max(4, h / 6), h / 2), run, read,
                 read_boxes, read_symbols);
  // A date or time that does not come out whole (its day read as a lone ٠) may have lost a
  // part to the first reading, which gave that ink no word's box: it is read again with the
  // ink around it up to a space, up to the line's words (other pieces of numbers will be
  // absorbed), and the new reading stands if it is whole.
  auto whole_calendar = [&](std::vector<Word> ws, std::vector<Box> bs) {
    SplitDateAndTime(gray, ws, bs);
    JoinDateHalves(ws, bs);
    return !ws.empty() &&
           std::all_of(ws.begin(), ws.end(), [](const Word& w) { return IsDateOrTime(w.text); });
  };
  std::string joined;
  for (const Word& w : read) joined += w.text;
  if (std::count_if(joined.begin(), joined.end(), IsDateSeparator) >= 2 &&
      !whole_calendar(read, read_boxes)) {
    const auto [left_wall, right_wall] = Walls(boxes, run, [&](size_t i) {
      return (i < begin || i >= end) && HasArabicLetter(words[i].text);
    });
    Box wider = ExpandToGaps(gray, run, LineSpace(boxes, h), 4 * h);
    wider.left = std::max(wider.left, left_wall);
    wider.right = std::min(wider.right, right_wall);
    std::vector<Word> again;
    std::vector<Box> again_boxes;
    std::vector<Symbols> again_symbols;
    ReadDigitStrip(gray, wider, run, again, again_boxes, again_symbols);
    if (whole_calendar(again, again_boxes)) {
      read = std::move(again);
      read_boxes = std::move(again_boxes);
      read_symbols = std::move(again_symbols);
    }
  }
  auto mean_confidence = [](const std::vector<Word>& ws) {
    double sum = 0;
    for (const Word& w : ws) sum += w.confidence;
    return ws.empty() ? 0.0 : sum / static_cast<double>(ws.size());
  };
  // Groups printed with spaces between them ("٠٧٩٢ ٣٣٦ ٢١٢٥") sometimes come back as one
  // doubtful word in the wrong order; read them one by one: the first pass's words, cut at the
  // spaces inside them (it, too, runs groups together).
  // Unless the one word is whole dates and times run together (the pieces' boxes would cut
  // a zero off a time).
  auto calendar_words = [&] {
    std::vector<Word> parts = read;
    std::vector<Box> part_boxes = read_boxes;
    SplitDateAndTime(gray, parts, part_boxes);
    return std::all_of(parts.begin(), parts.end(),
                       [](const Word& w) { return IsDateOrTime(w.text); });
  };
  // (With the ink between the first pass's words that it gave no word, as a group of its own.)
  std::vector<Box> groups = run_boxes;
  std::sort(groups.begin(), groups.end(),
            [](const Box& a, const Box& b) { return a.left < b.left; });
  for (size_t k = groups.size(); k-- > 1;) {
    const Box ink = UnreadInkBetween(gray, groups[k - 1], groups[k]);
    if (!ink.empty()) groups.insert(groups.begin() + k, ink);
  }
  for (size_t k = groups.size(); k-- > 0;) {
    const std::vector<int32_t> spaces = SpacesInside(gray, groups[k]);
    for (auto x = spaces.rbegin(); x != spaces.rend(); ++x) {
      groups.insert(groups.begin() + k + 1, groups[k]);
      groups[k].right = groups[k + 1].left = *x;
    }
  }
  if (read.size() == 1 && groups.size() >= 2 && mean_confidence(read) < 60 && !calendar_words()) {
    std::vector<Word> pieces;
    std::vector<Box> piece_boxes;
    std::vector<Symbols> piece_symbols;
    for (const Box& group : groups) {
      ReadDigitStrip(gray, group, run, pieces, piece_boxes, piece_symbols);
    }
    if (mean_confidence(pieces) > mean_confidence(read)) {
      read = std::move(pieces);
      read_boxes = std::move(piece_boxes);
      read_symbols = std::move(piece_symbols);
    }
  }
  for (size_t k = 0; k < read.size(); ++k) {
    ReadCommaAfterNumber(gray, read_boxes[k], read_symbols[k], read[k]);
    ReadWideOnes(digits_, gray, resolution_, language_, read_boxes[k], read_symbols[k], read[k]);
  }
  // Groups that the first pass, too, saw as one word: split at the spaces printed inside.
  for (size_t k = read.size(); k-- > 0;) {
    std::vector<Word> split;
    std::vector<Box> split_boxes;
    if (!SplitAtSpaces(gray, read_boxes[k], run_boxes, std::move(read_symbols[k]), read[k],
                       split, split_boxes)) {
      continue;
    }
    read.erase(read.begin() + k);
    read_boxes.erase(read_boxes.begin() + k);
    read.insert(read.begin() + k, split.begin(), split.end());
    read_boxes.insert(read_boxes.begin() + k, split_boxes.begin(), split_boxes.end());
  }
  SplitDateAndTime(gray, read, read_boxes);
  JoinDateHalves(read, read_boxes);
  if (read.empty()) return 0;
  int digits = 0;
  for (const Word& w : read) digits += EasternDigitCount(w.text);
  const double read_conf = mean_confidence(read);
  // A confident reading, or any reading with several digits where the first pass was garbage
  // anyway (a run of look-alikes split into pieces gets little confidence back).
  // A number is printed in one digit script: a first reading that mixes ASCII and Arabic-Indic
  // digits is wrong whatever its confidence, so a digit reading the model is not quite unsure of
  // is better.
  bool mixed = false;
  for (size_t i = begin; i < end; ++i) {
    const std::string& t = words[i].text;
    mixed = mixed || (EasternDigitCount(t) > 0 && std::any_of(t.begin(), t.end(), [](char c) {
                        return c >= '0' && c <= '9';
                      }));
  }
  // A reading made of whole dates and times where the first reading of the run was not (a
  // digit read as a bracket, a time's zero set apart) stands whatever its confidence: the
  // calendar vouches for it.
  // The other way round, a first reading of whole dates and times stands against a digit
  // reading that is not (a day read ٣٢٠).
  const bool read_calendar =
      std::all_of(read.begin(), read.end(), [](const Word& w) { return IsDateOrTime(w.text); });
  const bool first_calendar =
      std::all_of(words.begin() + static_cast<long>(begin), words.begin() + static_cast<long>(end),
                  [](const Word& w) { return IsDateOrTime(w.text); });
  const bool calendar = read_calendar && !first_calendar;
  if (digits < 2 || (first_calendar && !read_calendar) ||
      (!calendar && read_conf < (mixed ? 25 : 60) && (conf >= 40 || digits < 4 || need_sure))) {
    return 0;
  }
  // The strip was widened to the ink around the run: neighbours without Arabic letters that the
  // reading covers were pieces of the same number (a group read as Latin letters).
  Box covered;
  for (const Box& b : read_boxes) covered = covered.Union(b);
  auto absorbed = [&](size_t j) {
    const int32_t inside =
        std::min(boxes[j].right, covered.right) - std::max(boxes[j].left, covered.left);
    return !settled[j] && !HasArabicLetter(words[j].text) && 2 * inside >= boxes[j].width();
  };
  const size_t run_end = end;
  while (begin > 0 && absorbed(begin - 1)) --begin;
  while (end < words.size() && absorbed(end)) ++end;
  return Replace(gray, begin, end, std::move(read), std::move(read_boxes), words, boxes, settled) +
         static_cast<long>(end - run_end);
}

long TokenRereader::Replace(Pix* gray, size_t begin, size_t end, std::vector<Word> read,
                            std::vector<Box> read_boxes, std::vector<Word>& words,
                            std::vector<Box>& boxes, std::vector<bool>& settled) {
  // Replace the words that the new reading covers; keep the others (words that only bordered
  // the token). What it covers is judged as the reading had it, as RereadDigits judged it.
  Box covered;
  for (const Box& b : read_boxes) covered = covered.Union(b);
  // A reading's box takes in the crop's margins and specks of noise around the word.
  for (Box& box : read_boxes) box = InkBox(gray, box);
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
