#include "redact/page_redactor.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "redact/canonical.h"
#include "redact/lexicon.h"
#include "redact/review.h"
#include "text/normalize.h"

namespace bayyina::redact {
namespace {

constexpr uint32_t kNumberCues = kLexPhoneCue | kLexIdCue | kLexPassportCue | kLexAccountCue |
                                 kLexNumberCue | kLexBirthCue;
constexpr double kLeakScale = 1.5;

struct WordRef {
  const ocr::Word* word = nullptr;
  size_t begin = 0;  // byte range in the page text
  size_t end = 0;
  size_t line = 0;   // index into PageText::lines
  uint32_t flags = 0;  // lexicon flags of the word (punctuation stripped)
  int digits = 0;      // ASCII digits after normalization (Arabic-Indic digits fold)
  int longest_run = 0; // longest run of consecutive digits
  std::string core;    // normalized, punctuation stripped
};

struct LineRef {
  size_t first;  // words [first, end)
  size_t end;
  ocr::Box box;
  bool rtl;
};

struct PageText {
  std::string text;
  std::vector<WordRef> words;
  std::vector<LineRef> lines;
};

std::string_view StripPunct(std::string_view s) {
  auto punct_at_end = [](std::string_view v, bool front) -> size_t {
    static constexpr std::string_view kArabic[] = {"\xD8\x8C", "\xD8\x9B", "\xD8\x9F", "\xDB\x94"};
    char c = front ? v.front() : v.back();
    if (std::string_view(":;,.!?()[]{}\"'-/|*").find(c) != std::string_view::npos) return 1;
    for (std::string_view a : kArabic) {
      if (front ? v.starts_with(a) : v.ends_with(a)) return a.size();
    }
    return 0;
  };
  while (!s.empty()) {
    size_t n = punct_at_end(s, true);
    if (n == 0) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    size_t n = punct_at_end(s, false);
    if (n == 0) break;
    s.remove_suffix(n);
  }
  return s;
}

// Words joined by spaces, lines by "\n", blocks by a blank line: ocr::PlainText's layout, with
// the byte range, normalized core, lexicon flags and digits of every word.
PageText BuildText(const ocr::Page& page, text::Language lang) {
  PageText pt;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    if (b > 0) pt.text += "\n\n";
    const auto& lines = page.blocks[b].lines;
    for (size_t l = 0; l < lines.size(); ++l) {
      if (l > 0) pt.text += "\n";
      pt.lines.push_back({pt.words.size(), pt.words.size(), lines[l].box,
                          lines[l].direction == ocr::Direction::kRightToLeft});
      for (size_t w = 0; w < lines[l].words.size(); ++w) {
        if (w > 0) pt.text += " ";
        const ocr::Word& word = lines[l].words[w];
        size_t begin = pt.text.size();
        pt.text += word.text;
        WordRef ref;
        ref.word = &word;
        ref.begin = begin;
        ref.end = pt.text.size();
        ref.line = pt.lines.size() - 1;
        pt.words.push_back(std::move(ref));
      }
      pt.lines.back().end = pt.words.size();
    }
  }
  const Lexicon& lexicon = Lexicon::For(lang);
  for (WordRef& w : pt.words) {
    absl::StatusOr<text::NormalizedText> n = text::Normalize(w.word->text, lang);
    if (!n.ok()) continue;  // an unreadable word is handled by the fail-closed rules
    std::string_view core = StripPunct(n->text);
    w.core = std::string(core);
    w.flags = core.empty() ? 0 : lexicon.Lookup(core);
    int run = 0;
    for (char c : n->text) {
      bool d = c >= '0' && c <= '9';
      w.digits += d;
      run = d ? run + 1 : 0;
      w.longest_run = std::max(w.longest_run, run);
    }
  }
  return pt;
}

EntityType TypeForCue(uint32_t flags) {
  if (flags & kLexPhoneCue) return EntityType::kPhoneNumber;
  if (flags & kLexPassportCue) return EntityType::kPassport;
  if (flags & kLexAccountCue) return EntityType::kIbanCode;
  if (flags & kLexBirthCue) return EntityType::kDateOfBirth;
  if (flags & kLexPersonCue) return EntityType::kPerson;
  return EntityType::kNationalId;
}

// 16+ ASCII letters and digits, both present: a wallet address, a token, an account code.
bool LongCode(std::string_view w) {
  int letters = 0, digits = 0;
  for (char c : w) {
    if (c >= '0' && c <= '9') ++digits;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
  }
  return letters > 0 && digits > 0 && letters + digits >= 16;
}

bool EndsWithColon(std::string_view raw) {
  return raw.ends_with(":") || raw.ends_with("\xEF\xBC\x9A");
}

// An Arabic-script letter (not a digit or punctuation of the block) somewhere in `raw`.
bool HasArabicLetter(std::string_view raw) {
  for (size_t i = 0; i + 1 < raw.size(); ++i) {
    auto b0 = static_cast<unsigned char>(raw[i]), b1 = static_cast<unsigned char>(raw[i + 1]);
    if (b0 < 0xD8 || b0 > 0xDB || (b1 & 0xC0) != 0x80) continue;
    char32_t cp = ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
    if ((cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3) || cp == 0x06D5 ||
        cp >= 0x06EE) {
      if (!(cp >= 0x06F0 && cp <= 0x06F9)) return true;
    }
  }
  return false;
}

// A column of a table: where its cells start (left edge on left-to-right lines, right edge
// on right-to-left ones) and what its header says they hold.
struct Column {
  int start = 0;
  EntityType type = EntityType::kPerson;
  bool redacts = false;  // the header is a cue of a personal type
};

// A name after a form label: at most this many words, never one of these.
constexpr size_t kFieldNameWords = 4;
constexpr uint32_t kFieldNameBreak = kLexStop | kLexPersonCue | kNumberCues | kLexBirthCue |
                                     kLexAddressKey | kLexAddressCue | kLexVehicleCue |
                                     kLexMonth | kLexHijriMonth | kLexDateCue;

constexpr uint32_t kColumnCues = kLexPersonCue | kNumberCues | kLexAddressCue | kLexAddressKey |
                                 kLexVehicleCue | kLexDateCue;
constexpr size_t kMaxTableRows = 40;

EntityType ColumnType(uint32_t flags) {
  if (flags & kLexBirthCue) return EntityType::kDateOfBirth;
  if (flags & kLexDateCue) return EntityType::kDateTime;
  if (flags & (kLexAddressCue | kLexAddressKey)) return EntityType::kAddress;
  if (flags & kLexVehicleCue) return EntityType::kVehiclePlate;
  return TypeForCue(flags);
}

// The columns of a table whose header might be line `h` (with the other lines OCR split off
// at the same height): two to ten words, no digits, no "label:", at least one of them a cue of
// a personal type. Every column but those headed by a bare "number" (No., رقم) or a function
// word is taken as personal. Empty when the line cannot head a table; `strong` says whether
// every word is a cue or read with less confidence than `doubtful` (garbled).
std::vector<Column> TableHeader(const PageText& pt, size_t h, float doubtful, bool* strong) {
  const LineRef& line = pt.lines[h];
  const int height = std::max(1, line.box.height());
  std::vector<size_t> words;
  for (size_t l = 0; l < pt.lines.size(); ++l) {
    const LineRef& other = pt.lines[l];
    int overlap = std::min(line.box.bottom, other.box.bottom) - std::max(line.box.top, other.box.top);
    if (l != h && (l < h || overlap * 2 < std::min(height, std::max(1, other.box.height())))) {
      continue;  // a fragment before `h` in reading order was tried as the header itself
    }
    for (size_t i = other.first; i < other.end; ++i) words.push_back(i);
  }
  if (words.size() < 2 || words.size() > 10) return {};
  int cues = 0;
  *strong = true;
  for (size_t i : words) {
    const WordRef& w = pt.words[i];
    if (w.digits > 0 || EndsWithColon(w.word->text) || w.core.empty()) return {};
    if ((w.flags & kColumnCues) & ~kLexNumberCue) {
      ++cues;
    } else if (w.word->confidence >= doubtful) {
      *strong = false;
    }
  }
  if (cues == 0) return {};
  *strong = *strong && cues >= 2;
  // Reading order across the fragments; words closer than half the line height make one
  // header cell ("Phone number", "رقم الهاتف").
  std::sort(words.begin(), words.end(), [&](size_t a, size_t b) {
    return line.rtl ? pt.words[a].word->box.right > pt.words[b].word->box.right
                    : pt.words[a].word->box.left < pt.words[b].word->box.left;
  });
  std::vector<Column> columns;
  int last_end = 0;
  for (size_t i : words) {
    const ocr::Box& box = pt.words[i].word->box;
    uint32_t flags = pt.words[i].flags & kColumnCues;
    int gap = columns.empty() ? height : line.rtl ? last_end - box.right : box.left - last_end;
    if (columns.empty() || gap > height / 2) columns.push_back({line.rtl ? box.right : box.left});
    Column& c = columns.back();
    if (flags & ~kLexNumberCue) {
      c.type = ColumnType(flags);
      c.redacts = true;
    } else if (!c.redacts && flags == 0 && !(pt.words[i].flags & kLexStop)) {
      // A header that is no cue word (garbled by OCR, or "Role", "Notes") in a table of
      // persons: its cells may hold anything about them (fail closed).
      c.type = EntityType::kNationalId;
      c.redacts = true;
    }
    last_end = line.rtl ? box.left : box.right;
  }
  return columns.size() >= 2 ? columns : std::vector<Column>{};
}

// A line of table cells: a few words a column, no "label:".
bool TableRow(const PageText& pt, const LineRef& row, size_t columns) {
  if (row.end == row.first || row.end - row.first > 4 * columns) return false;
  for (size_t i = row.first; i < row.end; ++i) {
    if (EndsWithColon(pt.words[i].word->text)) return false;
  }
  return true;
}

// The column (index into `columns`, in reading order) a cell word with `box` falls under.
int ColumnOf(const ocr::Box& box, const std::vector<Column>& columns, bool rtl, int tolerance) {
  int found = 0;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (rtl ? columns[c].start >= box.right - tolerance : columns[c].start <= box.left + tolerance) {
      found = static_cast<int>(c);
    }
  }
  return found;
}

// The lines of the table under header line `h`: below it, top to bottom, while they follow
// each other closely and look like cells (OCR may give a row's cells as several lines, in any
// order). `aligned` counts the rows with words starting at two or more column starts.
std::vector<size_t> TableRows(const PageText& pt, size_t h, const std::vector<Column>& columns,
                              int* aligned) {
  const LineRef& head = pt.lines[h];
  const int height = std::max(1, head.box.height());
  std::vector<size_t> below;
  for (size_t l = 0; l < pt.lines.size(); ++l) {
    const ocr::Box& b = pt.lines[l].box;
    if (b.top + b.bottom > head.box.top + head.box.bottom + height) below.push_back(l);
  }
  std::sort(below.begin(), below.end(),
            [&](size_t a, size_t b) { return pt.lines[a].box.top < pt.lines[b].box.top; });
  std::vector<size_t> rows;
  std::vector<std::pair<int, uint32_t>> starts;  // row top, columns started in it
  int bottom = head.box.bottom;
  for (size_t n = 0; n < below.size() && rows.size() < kMaxTableRows; ++n) {
    const LineRef& row = pt.lines[below[n]];
    if (row.box.top > bottom + 2 * height || !TableRow(pt, row, columns.size())) break;
    bottom = std::max(bottom, row.box.bottom);
    rows.push_back(below[n]);
    uint32_t started = 0;
    for (size_t i = row.first; i < row.end; ++i) {
      const ocr::Box& b = pt.words[i].word->box;
      for (size_t c = 0; c < columns.size() && c < 32; ++c) {
        if (std::abs((head.rtl ? b.right : b.left) - columns[c].start) <= height / 2) {
          started |= 1u << c;
        }
      }
    }
    // Fragments of one row (same height) pool their column starts.
    if (!starts.empty() && std::abs(starts.back().first - row.box.top) < height / 2) {
      starts.back().second |= started;
    } else {
      starts.emplace_back(row.box.top, started);
    }
  }
  *aligned = 0;
  for (const auto& [top, started] : starts) *aligned += std::popcount(started) >= 2;
  return rows;
}

// Words of a line that together look like one value OCR cut into pieces.
struct Chain {
  std::vector<size_t> words;
  EntityType type;
  const char* rule;
};

bool DigitGroup(const WordRef& w) {
  std::string_view c = w.core;
  while (!c.empty() && c.front() == '+') c.remove_prefix(1);
  while (!c.empty() && c.back() == '+') c.remove_suffix(1);
  if (c.empty() || c.size() > 7) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// "WLAR", "IQ55": an upper-case group of an IBAN or a card. As printed: the normalized core
// of a Latin-script page is case-folded.
bool UpperGroup(const WordRef& w) {
  const std::string_view c = StripPunct(w.word->text);
  if (c.size() < 2 || c.size() > 5) return false;
  bool letter = false;
  for (char ch : c) {
    if (ch >= 'A' && ch <= 'Z') {
      letter = true;
    } else if (ch < '0' || ch > '9') {
      return false;
    }
  }
  return letter;
}

std::vector<Chain> Chains(const PageText& pt, const LineRef& line,
                          const PageRedactionOptions& options) {
  std::vector<Chain> out;
  auto low = [&](size_t i) { return pt.words[i].word->confidence < options.low_confidence; };
  // Maximal runs of words that satisfy `piece`.
  auto runs = [&](auto piece, auto keep) {
    for (size_t i = line.first; i < line.end;) {
      size_t j = i;
      while (j < line.end && piece(j)) ++j;
      if (j > i) keep(i, j);
      i = std::max(j, i + 1);
    }
  };
  auto range = [](size_t b, size_t e) {
    std::vector<size_t> v;
    for (size_t k = b; k < e; ++k) v.push_back(k);
    return v;
  };
  // Digit groups (0770 123 4567, +964 783 790 4752, IQ14 RELF 6051 ...): 7+ digits in 2+
  // groups.
  runs([&](size_t i) { return DigitGroup(pt.words[i]) || UpperGroup(pt.words[i]); },
       [&](size_t b, size_t e) {
         int digits = 0, groups = 0;
         bool letters = false;
         for (size_t k = b; k < e; ++k) {
           digits += pt.words[k].digits;
           groups += DigitGroup(pt.words[k]);
           letters = letters || UpperGroup(pt.words[k]);
         }
         if (digits >= 7 && groups >= 2) {
           out.push_back({range(b, e), letters ? EntityType::kIbanCode : EntityType::kPhoneNumber,
                          "fail_closed_digit_groups"});
         }
       });
  // Pieces of a wallet address or token: ASCII letters and digits, each with a digit, inner
  // capitals or read with low confidence, 16+ characters in all.
  // A piece read with low confidence may hold a few misread characters (é for e, ص for 5).
  auto code_piece = [&](size_t i) {
    const std::string& c = pt.words[i].core;
    if (c.size() < 2) return false;
    bool digit = false, inner_upper = false, lower = false;
    int alnum = 0, other = 0;
    for (size_t k = 0; k < c.size(); ++k) {
      char ch = c[k];
      bool d = ch >= '0' && ch <= '9', u = ch >= 'A' && ch <= 'Z', l = ch >= 'a' && ch <= 'z';
      if (!d && !u && !l) {
        other += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;  // count characters
        continue;
      }
      ++alnum;
      digit = digit || d;
      inner_upper = inner_upper || (u && k > 0);
      lower = lower || l;
    }
    if (alnum < 2 || (other > 0 && (!low(i) || other * 4 > alnum))) return false;
    return digit || (inner_upper && lower) || low(i);
  };
  runs(code_piece, [&](size_t b, size_t e) {
    size_t chars = 0, longest = 0;
    int digits = 0;
    for (size_t k = b; k < e; ++k) {
      chars += pt.words[k].core.size();
      longest = std::max(longest, pt.words[k].core.size());
      digits += pt.words[k].digits;
    }
    if (e - b >= 2 && chars >= 16 && longest >= 6 && digits > 0 &&
        static_cast<size_t>(digits) < chars) {
      out.push_back({range(b, e), EntityType::kCrypto, "fail_closed_code_pieces"});
    }
  });
  // A link cut into pieces: from a word with "http", "www." or "://" on over the non-Arabic
  // words next to it that hold URL characters or digits or that OCR was unsure of.
  auto url_piece = [&](size_t i) {
    const std::string& raw = pt.words[i].word->text;
    if (EndsWithColon(raw) || (pt.words[i].flags & kColumnCues)) return false;  // "Email:"
    return !HasArabicLetter(raw) &&
           (raw.find_first_of("/.:-_=?&%#~") != std::string::npos || pt.words[i].digits > 0 ||
            pt.words[i].word->confidence < options.doubtful_confidence);
  };
  // A time (15:59) with the pieces of its date next to it (digits, '/', '.', '-').
  auto time_word = [&](size_t i) {
    const std::string& c = pt.words[i].core;
    size_t colon = c.find(':');
    if (colon == std::string::npos || colon == 0 || colon > 2 || c.size() < colon + 3) return false;
    return std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == ':'; });
  };
  auto date_piece = [&](size_t i) {
    const WordRef& w = pt.words[i];
    return w.digits > 0 && !EndsWithColon(w.word->text) &&
           std::all_of(w.core.begin(), w.core.end(), [](char ch) {
             return (ch >= '0' && ch <= '9') || ch == '/' || ch == '.' || ch == '-' || ch == ':';
           });
  };
  for (size_t i = line.first; i < line.end; ++i) {
    if (!time_word(i)) continue;
    size_t b = i, e = i + 1;
    while (b > line.first && i - b < 2 && date_piece(b - 1)) --b;
    while (e < line.end && e - i < 2 && date_piece(e)) ++e;
    if (e - b >= 2) out.push_back({range(b, e), EntityType::kDateTime, "fail_closed_date_pieces"});
  }
  // An e-mail address cut likewise, from the word with the '@'.
  for (size_t i = line.first; i < line.end; ++i) {
    std::string lower = absl::AsciiStrToLower(pt.words[i].word->text);
    const bool email = lower.find('@') != std::string::npos;
    if (!email && lower.find("http") == std::string::npos &&
        lower.find("www.") == std::string::npos && lower.find("://") == std::string::npos) {
      continue;
    }
    size_t b = i, e = i + 1;
    while (b > line.first && url_piece(b - 1)) --b;
    while (e < line.end && url_piece(e)) ++e;
    // A lone head is burnt too: a whole link or address would have been recognized.
    {
      out.push_back({range(b, e), email ? EntityType::kEmailAddress : EntityType::kUrl,
                     email ? "fail_closed_email_pieces" : "fail_closed_url_pieces"});
    }
    i = e - 1;
  }
  return out;
}

// Whether words `a` and `b` are on one line with no more than a word space between them (at
// most the line's height), so that burning the gap burns no table column gap.
bool WordGap(const PageText& pt, size_t a, size_t b) {
  if (pt.words[a].line != pt.words[b].line) return false;
  const ocr::Box& x = pt.words[a].word->box;
  const ocr::Box& y = pt.words[b].word->box;
  const int gap = std::max(x.left, y.left) - std::min(x.right, y.right);
  return gap <= pt.lines[pt.words[a].line].box.height();
}

// Ink that no word box covers: a cluster of marks side by side on a line, of about the page's
// median word height `line_height`.
struct InkCluster {
  ocr::Box box;
  int line_height = 0;
  // At least a short word's width: a word OCR did not read. Narrower clusters are letters
  // that a neighbouring word's box left out (or stray marks).
  bool word_sized = false;
};

// Clusters of text-like ink in `binary` (1 bpp, 1 = ink; modified) that no word of `pt`
// covers and that lie outside `photos`. Specks, rules and pictures are left out.
std::vector<InkCluster> UnreadInk(Pix* binary, const PageText& pt, const std::vector<ocr::Box>& photos) {
  std::vector<int> heights;
  for (const WordRef& w : pt.words) heights.push_back(w.word->box.height());
  if (heights.size() < 3) return {};
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const int h = std::max(8, heights[heights.size() / 2]);
  // What was read, with a margin for dots and marks just outside the word boxes.
  const int margin = std::max(4, h / 4);
  for (const WordRef& w : pt.words) {
    const ocr::Box& b = w.word->box;
    BOX* box = boxCreate(b.left - margin, b.top - margin, b.width() + 2 * margin,
                         b.height() + 2 * margin);
    if (box == nullptr) continue;
    pixClearInRect(binary, box);
    boxDestroy(&box);
  }
  BOXA* boxa = pixConnCompBB(binary, 8);
  const int n = boxa ? boxaGetCount(boxa) : 0;
  std::vector<ocr::Box> marks;
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, bh;
    if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &bh) != 0) continue;
    // Letters and letter groups: not specks, not rules, not taller than a few lines.
    if (bh < std::max(3, h / 5) || bh > 3 * h || (bh < h / 2 && w > 4 * h)) continue;
    marks.push_back({x, y, x + w, y + bh});
  }
  if (boxa) boxaDestroy(&boxa);
  if (marks.size() > 2000) return {};  // not text: a picture or a noise field the photo check missed
  // Marks side by side on a line (vertical overlap, gaps under 0.6 h) form one cluster.
  std::vector<size_t> parent(marks.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto root = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (size_t i = 0; i < marks.size(); ++i) {
    for (size_t j = i + 1; j < marks.size(); ++j) {
      const ocr::Box& a = marks[i];
      const ocr::Box& b = marks[j];
      const int overlap = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
      const int gap = std::max(a.left, b.left) - std::min(a.right, b.right);
      if (overlap * 3 >= std::min(a.height(), b.height()) && gap < h * 6 / 10) {
        parent[root(i)] = root(j);
      }
    }
  }
  std::vector<ocr::Box> clusters(marks.size());
  for (size_t i = 0; i < marks.size(); ++i) {
    ocr::Box& c = clusters[root(i)];
    c = c.Union(marks[i]);
  }
  std::vector<InkCluster> out;
  for (const ocr::Box& c : clusters) {
    if (c.empty() || c.height() < h * 4 / 10 || c.height() > 5 * h / 2) continue;
    bool in_photo = false;
    for (const ocr::Box& p : photos) {
      in_photo = in_photo || (c.left < p.right && p.left < c.right && c.top < p.bottom &&
                              p.top < c.bottom);
    }
    if (!in_photo) out.push_back({c, h, c.width() >= h * 8 / 10});
  }
  return out;
}

PixelBox ToPixelBox(const ocr::Box& b) { return {b.left, b.top, b.right, b.bottom}; }

int64_t Area(const ocr::Box& b) { return b.empty() ? 0 : int64_t{b.width()} * b.height(); }

int64_t Overlap(const ocr::Box& a, const ocr::Box& b) {
  ocr::Box i{std::max(a.left, b.left), std::max(a.top, b.top), std::min(a.right, b.right),
             std::min(a.bottom, b.bottom)};
  return Area(i);
}

}  // namespace

absl::StatusOr<PagePlan> PlanPage(const Analyzer& analyzer, const ocr::Page& page,
                                  text::Language lang, const Policy& policy, const CaseKey& key,
                                  const std::vector<ReviewBox>& review_boxes, Pix* image,
                                  const PageRedactionOptions& options) {
  PagePlan plan;
  plan.options = options;
  PageText pt = BuildText(page, lang);
  const Lexicon& lexicon = Lexicon::For(lang);
  absl::StatusOr<std::vector<Finding>> findings = analyzer.Analyze(pt.text, lang);
  if (!findings.ok()) return findings.status();

  // Word boxes are bounding boxes of words read on the deskewed page; burning the words
  // themselves (rectangles of the deskewed frame) keeps tilted lines from taking in background.
  const PageSkew skew = image != nullptr ? PageSkew::Measure(image) : PageSkew();
  std::vector<FrameRect> rects;
  std::vector<bool> burnt(pt.words.size(), false);
  // Words of one value on one line are burnt as one rectangle, so the spaces between them go
  // too (a value's box spans them).
  size_t last_burnt = SIZE_MAX;
  // `join`: the word belongs to the same value as the one burnt before it even across a
  // wide gap (the pieces of one value that OCR split, with unread ink between them).
  auto burn_word = [&](size_t i, bool join = false) {
    burnt[i] = true;
    FrameRect rect = skew.Unbound(pt.words[i].word->box);
    if (last_burnt != SIZE_MAX && last_burnt < i && !rects.empty() &&
        pt.words[last_burnt].line == pt.words[i].line &&
        (join || (last_burnt + 1 == i && WordGap(pt, last_burnt, i)))) {
      rects.back() = rects.back().Union(rect);
    } else {
      rects.push_back(rect);
    }
    last_burnt = i;
  };
  auto end_value = [&] { last_burnt = SIZE_MAX; };

  // 1. Findings, mapped to every word (or part-word) that holds them.
  size_t first_word = 0;
  struct ValueWords {
    size_t begin, end;  // words
    EntityType type;
  };
  std::vector<ValueWords> values;  // redacted findings and fail-closed values but names
  std::vector<std::pair<size_t, size_t>> kept_names;  // word ranges of names below threshold
  std::vector<std::pair<size_t, size_t>> names;       // and of redacted names
  for (const Finding& f : *findings) {
    while (first_word < pt.words.size() && pt.words[first_word].end <= f.begin) ++first_word;
    LogFinding lf;
    lf.type = f.type;
    lf.page = page.number;
    lf.cp_begin = f.cp_begin;
    lf.cp_end = f.cp_end;
    lf.detector = f.detector;
    lf.score = f.score;
    lf.value_hmac = key.ValueHmac(f.type, f.canonical);
    ReviewedFinding rf{f, ReviewDecision::kPending};
    lf.redacted = ShouldRedact(rf, policy);
    size_t last = first_word;
    for (size_t i = first_word; i < pt.words.size() && pt.words[i].begin < f.end; ++i) {
      lf.boxes.push_back(ToPixelBox(pt.words[i].word->box));
      if (lf.redacted) burn_word(i);
      last = i + 1;
    }
    end_value();
    if (f.type == EntityType::kPerson && last > first_word) {
      (lf.redacted ? names : kept_names).emplace_back(first_word, last);
    }
    if (lf.redacted && last > first_word) values.push_back({first_word, last, f.type});
    if (lf.redacted) {
      lf.op = "redact";
      plan.redacted_values.emplace_back(f.type, lf.value_hmac);
    }
    plan.findings.push_back(std::move(lf));
  }

  // 2. Fail closed: OCR misreads digits and names, so what sits next to a cue, under a cue
  // column, or looks like a piece of a value is redacted even when no recognizer could parse
  // it.
  if (policy.fail_closed) {
    // Burns the words `idx` (of one line, in order) as one value found by `rule`.
    auto fail_closed = [&](const std::vector<size_t>& idx, EntityType type, const char* rule) {
      if (std::all_of(idx.begin(), idx.end(), [&](size_t i) { return burnt[i]; })) return;
      if (!policy.Redacts(type) && type != EntityType::kPerson) type = EntityType::kNationalId;
      end_value();
      LogFinding lf;
      lf.type = type;
      lf.page = page.number;
      lf.detector = rule;
      lf.score = policy.score_threshold;
      lf.op = "redact";
      lf.redacted = true;
      if (type != EntityType::kPerson) {
        values.push_back({*std::min_element(idx.begin(), idx.end()),
                          *std::max_element(idx.begin(), idx.end()) + 1, type});
      }
      std::string value;
      for (size_t i : idx) {
        if (!burnt[i]) lf.boxes.push_back(ToPixelBox(pt.words[i].word->box));
        burn_word(i, /*join=*/true);
        std::string_view raw = StripPunct(pt.words[i].word->text);
        if (raw.empty()) continue;
        if (!value.empty()) value += ' ';
        value.append(raw.data(), raw.size());
      }
      end_value();
      absl::StatusOr<std::string> canonical = CanonicalValue(type, value, lang);
      lf.value_hmac = key.ValueHmac(type, canonical.ok() ? *canonical : value);
      plan.redacted_values.emplace_back(type, lf.value_hmac);
      plan.findings.push_back(std::move(lf));
    };
    auto low = [&](size_t i) { return pt.words[i].word->confidence < options.low_confidence; };
    auto doubtful = [&](size_t i) {
      return pt.words[i].word->confidence < options.doubtful_confidence;
    };

    // Tables: a line of cue words only (الاسم الهاتف التاريخ, Name Phone Date) heads columns;
    // every cell below a cue column holds that column's value, however badly it was read.
    for (size_t h = 0; h < pt.lines.size(); ++h) {
      bool strong = false;
      std::vector<Column> columns = TableHeader(pt, h, options.doubtful_confidence, &strong);
      if (columns.empty()) continue;
      int aligned = 0;
      std::vector<size_t> rows = TableRows(pt, h, columns, &aligned);
      // A header of cue words heads a table; one OCR read partly as other words does when the
      // lines below line up under its columns.
      if (!strong && aligned < 2) continue;
      const LineRef& head = pt.lines[h];
      const int height = std::max(1, head.box.height());
      for (size_t r : rows) {
        const LineRef& row = pt.lines[r];
        std::vector<size_t> cell;
        int cell_column = -1;
        for (size_t i = row.first; i <= row.end; ++i) {
          int c = i < row.end ? ColumnOf(pt.words[i].word->box, columns, head.rtl, height / 2) : -2;
          if (c != cell_column && !cell.empty()) {
            const Column& col = columns[static_cast<size_t>(cell_column)];
            if (col.redacts && policy.Redacts(col.type)) {
              fail_closed(cell, col.type, "fail_closed_table");
            }
            cell.clear();
          }
          if (i < row.end) cell.push_back(i);
          cell_column = c;
        }
      }
    }

    // Form fields: after a label that holds a cue and ends in ':', the rest of the line is the
    // value, however badly it was read. A bare "number" (رقم القضية, case number) is no cue.
    constexpr uint32_t kFieldCues = kLexPersonCue | (kNumberCues & ~kLexNumberCue) |
                                    kLexAddressCue | kLexAddressKey | kLexVehicleCue;
    uint32_t line_cues = 0;
    for (size_t i = 0; i < pt.words.size(); ++i) {
      const WordRef& w = pt.words[i];
      if (i == 0 || pt.words[i - 1].line != w.line) line_cues = 0;
      line_cues |= w.flags;
      if (!EndsWithColon(w.word->text)) continue;
      // A label OCR could not read may be any field's: its value goes (fail closed).
      if (!(line_cues & kFieldCues) && !low(i)) {
        // Any other label: a value after it that OCR could not read at all is not left
        // (ئیمەیڵ: read as مەیڵ: before a garbled address), nor a name (signed by: <name>).
        std::vector<size_t> unread;
        for (size_t k = i + 1; k < pt.lines[w.line].end && low(k); ++k) unread.push_back(k);
        if (!unread.empty()) fail_closed(unread, EntityType::kNationalId, "fail_closed_field_unread");
        for (const auto& [b, e] : kept_names) {
          // The name's first word may be outside the gazetteer: take the value from the label.
          // Its other words may be too (a surname in another spelling): the value runs on to a
          // name's length, up to the line end, the next label, a cue, a number or a column gap.
          if (b > i && b <= i + 2 && pt.words[b].line == w.line) {
            std::vector<size_t> name;
            for (size_t k = i + 1; k < e; ++k) name.push_back(k);
            const size_t found = name.size();
            for (size_t k = e; k < pt.lines[w.line].end && name.size() < kFieldNameWords &&
                               !(pt.words[k].flags & kFieldNameBreak) &&
                               pt.words[k].digits == 0 && WordGap(pt, k - 1, k);
                 ++k) {
              if (EndsWithColon(pt.words[k].word->text)) {
                // The next label's words came first and cannot be told from the name's.
                name.resize(found);
                break;
              }
              name.push_back(k);
            }
            fail_closed(name, EntityType::kPerson, "fail_closed_field_name");
          }
        }
        continue;
      }
      EntityType type = (line_cues & (kLexAddressCue | kLexAddressKey)) ? EntityType::kAddress
                        : (line_cues & kLexVehicleCue) ? EntityType::kVehiclePlate
                                                       : TypeForCue(line_cues);
      std::vector<size_t> rest;
      for (size_t k = i + 1; k < pt.lines[w.line].end && k < i + 10; ++k) rest.push_back(k);
      if (!rest.empty()) fail_closed(rest, type, "fail_closed_field");
    }

    // Pieces of one value that OCR split into several words.
    for (const LineRef& line : pt.lines) {
      for (const Chain& c : Chains(pt, line, options)) fail_closed(c.words, c.type, c.rule);
    }

    for (size_t i = 0; i < pt.words.size(); ++i) {
      const WordRef& w = pt.words[i];
      uint32_t cue = 0;
      // Cue words before it on its line, or ending the line before when it starts its own.
      for (size_t k = i; k > 0 && i - k < 4; --k) {
        const WordRef& prev = pt.words[k - 1];
        if (prev.line != w.line && (k != i || k != pt.lines[w.line].first ||
                                    prev.line + 1 != w.line)) {
          break;
        }
        cue |= prev.flags;
      }
      if (EndsWithColon(w.word->text)) continue;  // a label: its value follows
      bool number_like = w.digits >= 4 || (w.digits >= 2 && low(i));
      const char* rule = nullptr;
      EntityType type = TypeForCue(cue);
      // A bare "number" (رقم القضية 2025/444, case number) is no cue of a personal value.
      // A plate's number may be short (٥٠٦٣٣ read as ٦٣٣).
      if (cue & kLexVehicleCue) number_like = number_like || w.digits > 0;
      if ((cue & ((kNumberCues & ~kLexNumberCue) | kLexVehicleCue)) && (number_like || low(i))) {
        rule = number_like ? "fail_closed_number" : "fail_closed_unreadable";
        if ((cue & kLexVehicleCue) && !(cue & kNumberCues & ~kLexNumberCue)) {
          type = EntityType::kVehiclePlate;
        }
      } else if (w.digits >= 5 && (w.longest_run >= 5 || w.digits >= 9)) {
        // Not 2025/444 (a case or file number); a phone or ID however it was cut.
        rule = "fail_closed_long_number";
        type = w.longest_run == 12 ? EntityType::kNationalId : EntityType::kPhoneNumber;
      } else if (w.word->text.find('@') != std::string::npos) {
        rule = "fail_closed_email";
        type = EntityType::kEmailAddress;
      } else if (LongCode(w.word->text)) {
        rule = "fail_closed_code";
        type = EntityType::kCrypto;
      } else if (w.digits >= 2 && w.word->confidence < options.low_confidence / 2) {
        // Digits in a word OCR could hardly read at all: a value garbled past recognition
        // (an e-mail address read as م.٤اوە146.هننهعط), whatever it was.
        rule = "fail_closed_garbled";
        type = EntityType::kNationalId;
      } else if ((cue & kLexPersonCue) && low(i) && !(w.flags & kLexStop)) {
        rule = "fail_closed_name";
        type = EntityType::kPerson;
      }
      if (rule == nullptr || burnt[i]) continue;
      std::vector<size_t> value{i};
      // A plate runs on over its number and letter (هەڵەبجە ٥٠٦٣٣ هـ) however they were read,
      // and back over the governorate's name before the number that OCR misread (هەڵەیجە):
      // the word before it unless that is a label, a cue or a function word.
      if (type == EntityType::kVehiclePlate) {
        if (i > pt.lines[w.line].first) {
          const WordRef& name = pt.words[i - 1];
          if (name.digits == 0 && !name.core.empty() && !EndsWithColon(name.word->text) &&
              !(name.flags & (kColumnCues | kLexNumberCue | kLexStop))) {
            value.insert(value.begin(), i - 1);
          }
        }
        for (size_t k = i + 1; k < pt.lines[w.line].end && k < i + 4 &&
                               (pt.words[k].digits > 0 || low(k) ||
                                (!pt.words[k].core.empty() && pt.words[k].core.size() <= 2));
             ++k) {
          value.push_back(k);
        }
      }
      // A name cue followed by an unreadable word: the rest of a name-sized span goes too.
      if (type == EntityType::kPerson) {
        for (size_t k = i + 1; k < pt.lines[w.line].end && k < i + 4 &&
                               !(pt.words[k].flags & (kLexStop | kNumberCues));
             ++k) {
          value.push_back(k);
        }
      }
      fail_closed(value, type, rule);
    }

    // A value runs on over the words right next to it that OCR could not read (the time of a
    // date-time, the end of a number).
    // A piece is no label and no word of the page's script: digits or misread symbols, or
    // a word OCR could hardly read at all (a Latin code's end read as one Arabic letter).
    const bool arabic_script = lang == text::Language::kArabic || lang == text::Language::kSorani;
    auto piece = [&](size_t k) {
      const WordRef& w = pt.words[k];
      return low(k) && !EndsWithColon(w.word->text) && !(w.flags & kColumnCues) &&
             (w.digits > 0 || (arabic_script && !HasArabicLetter(w.word->text)) ||
              w.word->confidence < options.low_confidence / 2);
    };
    // A plate's letter after its number, read as a letter of the page's script (هـ as ه).
    auto plate_letter = [&](size_t k) {
      const std::string& c = pt.words[k].core;
      const bool one_char =
          c.size() == 1 || (c.size() == 2 && static_cast<unsigned char>(c[0]) >= 0xC0);
      return one_char && pt.words[k].digits == 0;
    };
    // The values found so far (fail_closed adds the pieces to `values`).
    for (size_t n = 0, found = values.size(); n < found; ++n) {
      const ValueWords v = values[n];
      const LineRef& line = pt.lines[pt.words[v.begin].line];
      for (size_t k = v.end; k < line.end && k < v.end + 2 &&
                             (piece(k) || (v.type == EntityType::kVehiclePlate && plate_letter(k))) &&
                             WordGap(pt, k - 1, k);
           ++k) {
        fail_closed({k}, v.type, "fail_closed_value_pieces");
      }
      for (size_t k = v.begin; k > line.first && k + 2 > v.begin && piece(k - 1) &&
                               WordGap(pt, k - 1, k);
           --k) {
        fail_closed({k - 1}, v.type, "fail_closed_value_pieces");
      }
    }

    // Name chains run on over words OCR was unsure of: the father's or family name that came
    // out garbled next to a name, and a lone given name (kept for review in plain text) when
    // the word after it is such a garbled name.
    auto name_word = [&](size_t k) {
      const WordRef& w = pt.words[k];
      return doubtful(k) && w.digits == 0 &&
             !(w.flags & (kLexStop | kNumberCues | kLexPersonCue | kLexDateCue));
    };
    for (const auto& [b, e] : kept_names) {
      if (e < pt.lines[pt.words[b].line].end && name_word(e)) {
        std::vector<size_t> value;
        for (size_t k = b; k <= e; ++k) value.push_back(k);
        fail_closed(value, EntityType::kPerson, "fail_closed_name_chain");
      }
    }
    for (const auto& [b, e] : names) {
      const LineRef& line = pt.lines[pt.words[b].line];
      std::vector<size_t> more;
      for (size_t k = e; k < line.end && k < e + 2 && name_word(k); ++k) more.push_back(k);
      for (size_t k = b; k > line.first && k + 2 > b && name_word(k - 1); --k) more.push_back(k - 1);
      for (size_t k : more) fail_closed({k}, EntityType::kPerson, "fail_closed_name_chain");
    }

    // OCR drops the space between words: a word right after a name (found, or a lone given
    // name kept for review) that starts with a gazetteer name of 3+ letters and runs on in 2+
    // more letters is the name's next part glued to the word after it (قادرهاتە).
    auto glued_name = [&](size_t k) {
      const WordRef& w = pt.words[k];
      if (w.digits > 0 || (w.flags & ~kLexPhraseStart) != 0) return false;
      std::vector<size_t> starts;  // byte offset of every code point but the first
      for (size_t i = 1; i < w.core.size(); ++i) {
        if ((static_cast<unsigned char>(w.core[i]) & 0xC0) != 0x80) starts.push_back(i);
      }
      for (size_t letters = 3; letters + 2 <= starts.size() + 1; ++letters) {
        uint32_t f = lexicon.Lookup(std::string_view(w.core).substr(0, starts[letters - 1]));
        if ((f & (kLexGiven | kLexFamily)) && !(f & kLexStop)) return true;
      }
      return false;
    };
    for (const auto* found : {&names, &kept_names}) {
      for (const auto& [b, e] : *found) {
        if (e >= pt.lines[pt.words[b].line].end || !WordGap(pt, e - 1, e) || !glued_name(e)) continue;
        std::vector<size_t> value;
        for (size_t k = b; k <= e; ++k) value.push_back(k);
        fail_closed(value, EntityType::kPerson, "fail_closed_glued_name");
      }
    }
  }

  // Neighbouring burnt words on a line, whichever rule burnt them, are bridged so that the
  // space between them (inside a value's extent) is black too; not across table columns.
  for (size_t i = 0; i + 1 < pt.words.size(); ++i) {
    if (burnt[i] && burnt[i + 1] && WordGap(pt, i, i + 1)) {
      rects.push_back(skew.Unbound(pt.words[i].word->box).Union(skew.Unbound(pt.words[i + 1].word->box)));
    }
  }
  for (const FrameRect& r : rects) plan.burn.push_back(skew.ToQuad(r, options.pad));
  for (size_t i = 0; i < pt.words.size(); ++i) {
    if (!burnt[i]) plan.keep.push_back(skew.ToQuad(skew.Unbound(pt.words[i].word->box), 0));
  }

  // 3. Boxes the reviewer drew.
  for (const ReviewBox& rb : review_boxes) {
    if (rb.page != page.number) continue;
    ocr::Box b{std::max(0, rb.box.left), std::max(0, rb.box.top),
               std::min(page.width, rb.box.right), std::min(page.height, rb.box.bottom)};
    if (b.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("review box on page ", page.number, " lies outside the page"));
    }
    plan.burn.push_back(BurnQuad::FromBox(b));
    plan.regions.push_back({page.number, ToPixelBox(b), rb.kind, "reviewer", true, false});
  }

  // 4. Photos and other halftone regions: flagged for the reviewer, who decides.
  ocr::PixPtr binary(image != nullptr ? pixConvertTo1(image, 128) : nullptr);
  std::vector<ocr::Box> photos;
  if (options.flag_photos && binary) {
    PIX* halftone = nullptr;
    if (pixGetRegionsBinary(binary.get(), &halftone, nullptr, nullptr, nullptr) == 0 &&
        halftone != nullptr) {
      ocr::PixPtr hm(halftone);
      BOXA* boxa = pixConnCompBB(hm.get(), 8);
      int n = boxa ? boxaGetCount(boxa) : 0;
      for (int i = 0; i < n; ++i) {
        l_int32 x, y, w, h;
        if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h) != 0 || w < 80 || h < 80) continue;
        photos.push_back({x, y, x + w, y + h});
        plan.regions.push_back(
            {page.number, {x, y, x + w, y + h}, "photo", "detector", false, true});
      }
      if (boxa) boxaDestroy(&boxa);
    }
  }

  // 5. Fail closed on what OCR did not read at all: text-like ink that no word box covers (a
  // dropped line, a word missing from a line) is burnt and flagged for review. On an
  // Arabic-script page, a word read in Latin letters right beside such ink (محمد read as "at"
  // before an unread family name) is a misreading of the same name and goes with it. Then
  // letters next to a burnt word that its box left out (OCR boxes sometimes stop short of a
  // word's last glyphs) are burnt with it: the cluster lies beside the word on its line, no
  // further away than the space between letters of a word.
  if (policy.fail_closed && binary) {
    const std::vector<InkCluster> unread = UnreadInk(binary.get(), pt, photos);
    auto beside = [](const ocr::Box& w, const InkCluster& ink) {
      const ocr::Box& b = ink.box;
      const int overlap = std::min(w.bottom, b.bottom) - std::max(w.top, b.top);
      const int gap = std::max(w.left, b.left) - std::min(w.right, b.right);
      return overlap * 2 >= std::min(w.height(), b.height()) && gap < ink.line_height * 6 / 10;
    };
    const bool arabic_script = lang == text::Language::kArabic || lang == text::Language::kSorani;
    bool misread = false;
    for (const InkCluster& ink : unread) {
      for (size_t i = 0; i < pt.words.size() && ink.word_sized && arabic_script; ++i) {
        const WordRef& w = pt.words[i];
        if (burnt[i] || w.digits > 0 || HasArabicLetter(w.word->text) || w.core.empty() ||
            !beside(w.word->box, ink)) {
          continue;
        }
        burnt[i] = misread = true;
        plan.burn.push_back(skew.ToQuad(skew.Unbound(w.word->box), options.pad));
        plan.regions.push_back(
            {page.number, ToPixelBox(w.word->box), "unreadable", "detector", true, true});
      }
    }
    if (misread) {
      plan.keep.clear();
      for (size_t i = 0; i < pt.words.size(); ++i) {
        if (!burnt[i]) plan.keep.push_back(skew.ToQuad(skew.Unbound(pt.words[i].word->box), 0));
      }
    }
    for (const InkCluster& ink : unread) {
      bool beside_burnt = false;
      for (size_t i = 0; i < pt.words.size() && !ink.word_sized && !beside_burnt; ++i) {
        beside_burnt = burnt[i] && beside(pt.words[i].word->box, ink);
      }
      if (!ink.word_sized && !beside_burnt) continue;
      const ocr::Box& b = ink.box;
      const ocr::Box padded{std::max(0, b.left - options.pad), std::max(0, b.top - options.pad),
                            std::min(page.width, b.right + options.pad),
                            std::min(page.height, b.bottom + options.pad)};
      plan.burn.push_back(BurnQuad::FromBox(padded));
      if (ink.word_sized) {
        plan.regions.push_back({page.number, ToPixelBox(padded), "unreadable", "detector", true, true});
      }
    }
  }
  return plan;
}

absl::StatusOr<ocr::PixPtr> BurnBoxes(Pix* image, const std::vector<ocr::Box>& boxes) {
  std::vector<BurnQuad> quads;
  quads.reserve(boxes.size());
  for (const ocr::Box& b : boxes) {
    if (!b.empty()) quads.push_back(BurnQuad::FromBox(b));
  }
  return BurnQuads(image, quads);
}

absl::StatusOr<ocr::Page> ReadScaled(ocr::EnginePool& pool, Pix* image, int dpi, int page_number,
                                     const std::string& ocr_language, double scale) {
  ocr::PageImage scaled;
  scaled.pix.reset(pixScale(image, scale, scale));
  if (!scaled.pix) return absl::InternalError("cannot scale the page");
  scaled.dpi = static_cast<int32_t>(dpi * scale);
  ocr::RecognizeOptions ro;
  ro.language = ocr_language;
  ro.preprocess.rescale = false;
  ro.preprocess.denoise = false;
  ro.reread_tokens = true;
  absl::StatusOr<ocr::Page> page = pool.RecognizeImage(scaled, page_number, ro);
  if (!page.ok()) return page.status();
  page->width = pixGetWidth(image);
  page->height = pixGetHeight(image);
  for (auto& block : page->blocks) {
    for (auto& line : block.lines) {
      for (auto& w : line.words) {
        w.box = {static_cast<int32_t>(w.box.left / scale), static_cast<int32_t>(w.box.top / scale),
                 static_cast<int32_t>(w.box.right / scale + 1),
                 static_cast<int32_t>(w.box.bottom / scale + 1)};
      }
    }
  }
  return page;
}

absl::StatusOr<LeakCheckResult> LeakCheck(ocr::EnginePool& pool, Pix* redacted, int dpi,
                                          const ocr::Page& first, text::Language lang,
                                          const Analyzer& analyzer, const Policy& policy,
                                          const CaseKey& key, const PagePlan& plan) {
  absl::StatusOr<ocr::Page> again =
      ReadScaled(pool, redacted, dpi, first.number, first.language, kLeakScale);
  if (!again.ok()) return again.status();
  absl::StatusOr<std::vector<LeakSurvivor>> survivors =
      Survivors(first, *again, lang, analyzer, policy, key, plan);
  if (!survivors.ok()) return survivors.status();
  LeakCheckResult result;
  result.performed = true;
  result.setup = "second reading: page upscaled 1.5x, no rescaling or denoising, token "
                 "re-reading with digit whitelists";
  result.survivors = std::move(*survivors);
  result.passed = result.survivors.empty();
  return result;
}

absl::StatusOr<std::vector<LeakSurvivor>> Survivors(const ocr::Page& first, const ocr::Page& again,
                                                    text::Language lang, const Analyzer& analyzer,
                                                    const Policy& policy, const CaseKey& key,
                                                    const PagePlan& plan) {
  std::vector<LeakSurvivor> survivors;
  const int page_number = first.number;
  PageText pt = BuildText(again, lang);
  const PageText first_pt = BuildText(first, lang);
  auto burnt_share = [&](const ocr::Box& b) {
    int64_t covered = 0;
    for (const BurnQuad& burn : plan.burn) covered += Overlap(b, burn.Bounds());
    return Area(b) == 0 ? 1.0 : static_cast<double>(covered) / Area(b);
  };
  const PageRedactionOptions& thresholds = plan.options;
  // What the first reading read over `box`, on the original page: true when it read words
  // there (more than a sliver of the box) and each of them was burnt or is a plain word, read
  // with confidence as no name, with no digits (a word the lexicon knows, such as a cue or a
  // function word, needs less confidence).
  auto first_read_plain = [&](const ocr::Box& box) {
    bool any = false;
    for (const WordRef& w : first_pt.words) {
      const ocr::Box& b = w.word->box;
      if (Overlap(b, box) * 4 < std::min(Area(b), Area(box))) continue;
      any = true;
      if (burnt_share(b) >= 0.5) continue;
      const bool known = (w.flags & ~kLexPhraseStart) != 0;
      const float confidence = w.word->confidence;
      if (w.digits > 0 || (w.flags & (kLexGiven | kLexFamily | kLexNamePrefix | kLexNameLink)) ||
          confidence < (known ? thresholds.low_confidence : thresholds.doubtful_confidence)) {
        return false;
      }
    }
    return any;
  };
  // A PERSON finding of the second reading that rests on a person cue alone (no word of it in
  // the gazetteer) is the cue rule's guess. Burning changes what the second reading sees next
  // to a cue (a value gone, the words after it misread: "witness" then "Phoie:" where the
  // first reading had "Phone:"), so such a guess is no survivor when the first reading read
  // the same cue at the same place and, over every word of the guess, plain words or burnt
  // ink: the first pass judged that very text, with the cue, on the unburnt page. Anything
  // else it read there (a doubtful word, a name, digits, nothing) keeps the guess a survivor.
  auto misread_cue_guess = [&](const Finding& f) {
    if (f.type != EntityType::kPerson) return false;
    size_t first_word = pt.words.size();
    for (size_t i = 0; i < pt.words.size(); ++i) {
      const WordRef& w = pt.words[i];
      if (w.end <= f.begin || w.begin >= f.end) continue;
      if (w.flags & (kLexGiven | kLexFamily | kLexNamePrefix)) return false;
      first_word = std::min(first_word, i);
      if (burnt_share(w.word->box) < 0.5 && !first_read_plain(w.word->box)) return false;
    }
    if (first_word == pt.words.size()) return false;  // no word of the reading under it
    // The cue: the nearest person cue before the guess (a label may be on the line above).
    for (size_t k = first_word; k > 0 && first_word - k < 4; --k) {
      const WordRef& cue = pt.words[k - 1];
      if (!(cue.flags & kLexPersonCue)) continue;
      for (const WordRef& w : first_pt.words) {
        if ((w.flags & kLexPersonCue) && Overlap(w.word->box, cue.word->box) * 2 >=
                                             std::min(Area(w.word->box), Area(cue.word->box))) {
          return true;
        }
      }
      return false;
    }
    return false;
  };

  // HMACs of every window of up to 6 words against the redacted values.
  std::set<std::pair<EntityType, std::string>> originals(plan.redacted_values.begin(),
                                                         plan.redacted_values.end());
  std::set<EntityType> types;
  for (const auto& v : originals) types.insert(v.first);
  for (size_t i = 0; i < pt.words.size(); ++i) {
    ocr::Box box = pt.words[i].word->box;
    for (size_t j = i; j < pt.words.size() && j < i + 6 && pt.words[j].line == pt.words[i].line;
         ++j) {
      box = box.Union(pt.words[j].word->box);
      absl::string_view window(pt.text.data() + pt.words[i].begin,
                               pt.words[j].end - pt.words[i].begin);
      for (EntityType t : types) {
        absl::StatusOr<std::string> c = CanonicalValue(t, window, lang);
        if (!c.ok() || c->empty()) continue;
        std::string h = key.ValueHmac(t, *c);
        if (originals.count({t, h})) {
          survivors.push_back({t, page_number, ToPixelBox(box), "hmac_match", h});
        }
      }
    }
  }
  // A new analysis of the second reading: anything the policy redacts that lies outside the
  // burnt boxes survived.
  absl::StatusOr<std::vector<Finding>> findings = analyzer.Analyze(pt.text, lang);
  if (!findings.ok()) return findings.status();
  for (const Finding& f : *findings) {
    ReviewedFinding rf{f, ReviewDecision::kPending};
    if (!ShouldRedact(rf, policy)) continue;
    ocr::Box box;
    for (const WordRef& w : pt.words) {
      if (w.end > f.begin && w.begin < f.end) box = box.Union(w.word->box);
    }
    if (burnt_share(box) >= 0.5) continue;  // reading the black box itself
    if (misread_cue_guess(f)) continue;
    survivors.push_back(
        {f.type, page_number, ToPixelBox(box), "new_finding", key.ValueHmac(f.type, f.canonical)});
  }
  return survivors;
}

absl::StatusOr<BurntPage> BurnAndCheck(ocr::EnginePool& pool, Pix* image, int dpi,
                                       const ocr::Page& page, text::Language lang,
                                       const Analyzer& analyzer, const Policy& policy,
                                       const CaseKey& key, const PagePlan& plan) {
  BurntPage out;
  absl::StatusOr<ocr::PixPtr> burnt = BurnQuads(image, plan.burn, plan.keep);
  if (!burnt.ok()) return burnt.status();
  out.burnt = std::move(*burnt);
  out.releasable = true;
  if (policy.leak_check) {
    absl::StatusOr<LeakCheckResult> leak =
        LeakCheck(pool, out.burnt.get(), dpi, page, lang, analyzer, policy, key, plan);
    if (!leak.ok()) return leak.status();
    out.releasable = leak->passed;
    out.leak_check = std::move(*leak);
  }
  return out;
}

}  // namespace bayyina::redact
