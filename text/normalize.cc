#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <array>
#include <limits>
#include <memory>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "text/utf8.h"

namespace bayyina::text {
namespace {

// One 32-bit entry per code point: the code point it maps to (low 21 bits) and flags. The NFKC
// flags come from ICU's data, so the fast path decides exactly as ICU would.
constexpr uint32_t kCpMask = 0x1FFFFF;
constexpr uint32_t kDrop = 1u << 21;            // removed from the normalized text
constexpr uint32_t kFullFold = 1u << 22;        // case folds to several code points: ask ICU
constexpr uint32_t kBoundaryBefore = 1u << 23;  // NFKC never joins it with what precedes
constexpr uint32_t kNfkcYes = 1u << 24;         // NFKC of this code point alone is itself
constexpr uint32_t kComposesBack = 1u << 25;    // NFKC may compose it with what precedes

// The longest run of code points without an NFKC boundary that goes to ICU in one piece.
constexpr int kMaxNonStarters = 30;

constexpr char32_t kZwnj = 0x200C;
constexpr char32_t kHeh = 0x0647;
constexpr char32_t kAe = 0x06D5;  // ە, the Sorani vowel letter

bool InArabicBlocks(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x0870 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

bool IsRemoved(char32_t c) {
  switch (c) {
    case 0x0640:  // tatweel
    case 0x061C:  // ALM
    case 0x200B:  // zero width space
    case 0x200C:  // ZWNJ (after the Sorani heh rule has looked at it)
    case 0x200D:  // ZWJ
    case 0x200E:  // LRM
    case 0x200F:  // RLM
    case 0xFEFF:  // byte order mark / ZWNBSP
      return true;
    default:
      break;
  }
  if (c >= 0x202A && c <= 0x202E) return true;  // LRE RLE PDF LRO RLO
  if (c >= 0x2066 && c <= 0x2069) return true;  // LRI RLI FSI PDI
  if (InArabicBlocks(c)) {
    // Harakat, Quranic annotation marks and other Arabic combining marks (U+064B-065F,
    // U+0670, U+06D6-06ED, ...) and Arabic format characters (number signs, end of ayah).
    const int8_t type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_FORMAT_CHAR;
  }
  return false;
}

// The per-language replacement of a code point that NFKC left alone; `*full_fold` is set when
// case folding needs more than one code point.
char32_t MapCodePoint(char32_t c, Language lang, bool* full_fold) {
  *full_fold = false;
  if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);  // Arabic-Indic digits
  if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);  // Extended Arabic-Indic
  switch (c) {
    case 0x066B:  // Arabic decimal separator
      return U'.';
    case 0x066C:  // Arabic thousands separator
      return U',';
    case 0x066A:  // Arabic percent sign
      return U'%';
    default:
      break;
  }
  switch (lang) {
    case Language::kArabic:
      switch (c) {
        case 0x0622:  // آ
        case 0x0623:  // أ
        case 0x0625:  // إ
        case 0x0671:  // ٱ
        case 0x0672:  // ٲ
        case 0x0673:  // ٳ
          return 0x0627;
        case 0x0629:  // ة -> ه
          return 0x0647;
        case 0x0649:  // ى -> ي
        case 0x06CC:  // Persian/Kurdish ی -> ي
          return 0x064A;
        case 0x06A9:  // ک -> ك
          return 0x0643;
        default:
          return c;
      }
    case Language::kSorani:
      switch (c) {
        case 0x0622:
        case 0x0623:
        case 0x0625:
        case 0x0671:
        case 0x0672:
        case 0x0673:
          return 0x0627;
        case 0x064A:  // ي -> ی
        case 0x0649:  // ى -> ی
          return 0x06CC;
        case 0x0643:  // ك -> ک
          return 0x06A9;
        default:
          return c;  // ه, ە and ة stay distinct letters
      }
    case Language::kKurmanji:
    case Language::kEnglish: {
      if (c == 0x0130) return U'i';  // İ: Turkish keyboards type it for Kurmanji I
      if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
      if (!u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED)) return c;
      UChar src[2];
      int32_t src_len = 0;
      U16_APPEND_UNSAFE(src, src_len, c);
      UChar dst[8];
      UErrorCode status = U_ZERO_ERROR;
      const int32_t len = u_strFoldCase(dst, 8, src, src_len, U_FOLD_CASE_DEFAULT, &status);
      if (U_FAILURE(status) || len <= 0) return c;
      UChar32 first;
      int32_t i = 0;
      U16_NEXT(dst, i, len, first);
      if (i != len) {
        *full_fold = true;
        return c;
      }
      return static_cast<char32_t>(first);
    }
  }
  return c;
}

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* const nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfkc;
}

uint32_t ComputeEntry(char32_t c, Language lang, const icu::Normalizer2* nfkc) {
  uint32_t e = 0;
  if (nfkc->hasBoundaryBefore(c)) e |= kBoundaryBefore;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString alone(static_cast<UChar32>(c));
  const UNormalizationCheckResult qc = nfkc->quickCheck(alone, status);
  if (U_SUCCESS(status) && qc != UNORM_NO && nfkc->isNormalized(alone, status) &&
      U_SUCCESS(status)) {
    e |= kNfkcYes;
  }
  if (U_SUCCESS(status) && qc == UNORM_MAYBE) e |= kComposesBack;
  if (IsRemoved(c)) return e | kDrop | c;
  bool full_fold = false;
  const char32_t mapped = MapCodePoint(c, lang, &full_fold);
  if (full_fold) e |= kFullFold;
  return e | mapped;
}

constexpr int kLanguages = 4;

// Entries for the whole BMP, per language, built once from ICU data (about 1 MiB).
struct Tables {
  std::array<std::unique_ptr<uint32_t[]>, kLanguages> bmp;
};

const Tables* GetTables() {
  static const Tables* const tables = []() -> const Tables* {
    const icu::Normalizer2* nfkc = Nfkc();
    if (nfkc == nullptr) return nullptr;
    auto* t = new Tables;
    for (int l = 0; l < kLanguages; ++l) {
      t->bmp[l] = std::make_unique<uint32_t[]>(0x10000);
      const auto lang = static_cast<Language>(l);
      for (char32_t c = 0; c < 0x10000; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;  // never decoded
        t->bmp[l][c] = ComputeEntry(c, lang, nfkc);
      }
    }
    return t;
  }();
  return tables;
}

// Appends normalized code points and keeps the offset map in step. Writes into presized
// buffers: the per-code-point append is the hot loop of Normalize.
class Builder {
 public:
  Builder(Language lang, const uint32_t* table, const icu::Normalizer2* nfkc, size_t size_hint)
      : lang_(lang), table_(table), nfkc_(nfkc) {
    Grow(size_hint + 16);
  }

  uint32_t Entry(char32_t c) const {
    return c < 0x10000 ? table_[c] : ComputeEntry(c, lang_, nfkc_);
  }

  ABSL_ATTRIBUTE_ALWAYS_INLINE void Emit(char32_t c, uint32_t entry, uint32_t orig) {
    if ((entry & (kDrop | kFullFold)) == 0) {
      Append(entry & kCpMask, orig);
      return;
    }
    if (entry & kDrop) {
      // Sorani written with heh + ZWNJ for the vowel ە (older keyboards): same byte length.
      if (c == kZwnj && last_ == kHeh && lang_ == Language::kSorani) {
        text_[len_ - 2] = static_cast<char>(0xDB);
        text_[len_ - 1] = static_cast<char>(0x95);
        last_ = kAe;
      }
      return;
    }
    UChar src[2];
    int32_t src_len = 0;
    U16_APPEND_UNSAFE(src, src_len, c);
    UChar dst[8];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t len = u_strFoldCase(dst, 8, src, src_len, U_FOLD_CASE_DEFAULT, &status);
    if (U_FAILURE(status)) {
      Append(c, orig);
      return;
    }
    for (int32_t i = 0; i < len;) {
      UChar32 f;
      U16_NEXT(dst, i, len, f);
      Append(static_cast<char32_t>(f), orig);
    }
  }

  NormalizedText Finish(size_t input_size) {
    NormalizedText out;
    text_.resize(len_);
    map_.resize(len_ + 1);
    map_[len_] = static_cast<uint32_t>(input_size);
    out.text = std::move(text_);
    out.to_original = std::move(map_);
    return out;
  }

 private:
  void Grow(size_t capacity) {
    text_.resize(capacity);
    map_.resize(capacity + 1);
  }

  ABSL_ATTRIBUTE_ALWAYS_INLINE void Append(char32_t c, uint32_t orig) {
    if (text_.size() - len_ < 4) Grow(text_.size() * 2);
    char* d = text_.data() + len_;
    uint32_t* m = map_.data() + len_;
    int n;
    if (c < 0x80) {
      d[0] = static_cast<char>(c);
      n = 1;
    } else if (c < 0x800) {
      d[0] = static_cast<char>(0xC0 | (c >> 6));
      d[1] = static_cast<char>(0x80 | (c & 0x3F));
      n = 2;
    } else if (c < 0x10000) {
      d[0] = static_cast<char>(0xE0 | (c >> 12));
      d[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      d[2] = static_cast<char>(0x80 | (c & 0x3F));
      n = 3;
    } else {
      d[0] = static_cast<char>(0xF0 | (c >> 18));
      d[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      d[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      d[3] = static_cast<char>(0x80 | (c & 0x3F));
      n = 4;
    }
    for (int i = 0; i < n; ++i) m[i] = orig;
    len_ += n;
    last_ = c;
  }

  const Language lang_;
  const uint32_t* const table_;
  const icu::Normalizer2* const nfkc_;
  std::string text_;
  std::vector<uint32_t> map_;
  size_t len_ = 0;
  char32_t last_ = 0;
};

// Decodes the code point at `at` into `c` and `len` and looks up its entry; false for invalid
// UTF-8. ASCII and two-byte sequences (Arabic) are decoded inline, the rest by DecodeUtf8.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool DecodeAt(absl::string_view input, size_t at,
                                                  const Builder& b, char32_t& c, uint32_t& entry,
                                                  int& len) {
  const auto* p = reinterpret_cast<const unsigned char*>(input.data()) + at;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    c = b0;
    len = 1;
  } else if (b0 >= 0xC2 && b0 < 0xE0 && at + 1 < input.size() && (p[1] & 0xC0) == 0x80) {
    c = (char32_t{b0} & 0x1F) << 6 | (p[1] & 0x3F);
    len = 2;
  } else {
    len = DecodeUtf8(input, at, &c);
    if (len == 0) return false;
  }
  entry = b.Entry(c);
  return true;
}

}  // namespace

std::pair<size_t, size_t> NormalizedText::OriginalRange(size_t begin, size_t end) const {
  const size_t size = text.size();
  if (end > size) end = size;
  if (begin > end) begin = end;
  if (begin == end) return {to_original[begin], to_original[begin]};
  // A range that ends inside the output of one original unit (an NFKC expansion, or the bytes
  // of one code point) is widened to that unit's end, so the hit is never cut short.
  const uint32_t last = to_original[end - 1];
  size_t k = end;
  while (k < size && to_original[k] == last) ++k;
  return {to_original[begin], to_original[k]};
}

absl::StatusOr<NormalizedText> Normalize(absl::string_view input, Language lang) {
  if (input.size() >= std::numeric_limits<uint32_t>::max()) {
    return absl::InvalidArgumentError("input too large to normalize (4 GiB or more)");
  }
  const Tables* tables = GetTables();
  const icu::Normalizer2* nfkc = Nfkc();
  if (tables == nullptr || nfkc == nullptr) {
    return absl::InternalError("ICU NFKC data unavailable");
  }
  Builder b(lang, tables->bmp[static_cast<int>(lang)].get(), nfkc, input.size());
  const size_t n = input.size();
  if (n == 0) return b.Finish(0);

  // Normalizes input[start, end) with ICU; every output byte maps to `start`, because NFKC
  // does not say which input code point produced which output code point.
  auto slow_segment = [&](size_t start, size_t end) -> absl::Status {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString src = icu::UnicodeString::fromUTF8(
        icu::StringPiece(input.data() + start, static_cast<int32_t>(end - start)));
    const icu::UnicodeString dst = nfkc->normalize(src, status);
    if (U_FAILURE(status)) return absl::InternalError("ICU NFKC normalization failed");
    for (int32_t i = 0; i < dst.length();) {
      const UChar32 c = dst.char32At(i);
      b.Emit(static_cast<char32_t>(c), b.Entry(static_cast<char32_t>(c)),
             static_cast<uint32_t>(start));
      i += U16_LENGTH(c);
    }
    return absl::OkStatus();
  };

  // `c` at `pos` is the code point being decided; `c2` at `pos2` the one after it.
  size_t pos = 0;
  char32_t c;
  uint32_t e;
  int len;
  if (!DecodeAt(input, 0, b, c, e, len)) return InvalidUtf8Error(0);
  while (true) {
    size_t pos2 = pos + len;
    if (pos2 == n) {
      if (e & kNfkcYes) {
        b.Emit(c, e, static_cast<uint32_t>(pos));
      } else if (absl::Status s = slow_segment(pos, n); !s.ok()) {
        return s;
      }
      break;
    }
    char32_t c2;
    uint32_t e2;
    int len2;
    if (!DecodeAt(input, pos2, b, c2, e2, len2)) return InvalidUtf8Error(pos2);
    if ((e & kNfkcYes) && (e2 & kBoundaryBefore)) {
      // The common case: `c` is an NFKC segment of its own and already normalized.
      b.Emit(c, e, static_cast<uint32_t>(pos));
    } else {
      // The NFKC segment of `c` runs until the next code point with a boundary before it.
      // Harakat after a letter never compose and are removed, so the letter stays as it is;
      // anything else in the segment goes to ICU.
      // After kMaxNonStarters the segment is cut as if a CGJ stood there (UAX #15 Stream-Safe
      // Text Format): ICU's canonical reordering is quadratic in the length of a run of marks.
      bool fast = (e & kNfkcYes) != 0;
      int non_starters = 0;
      while (!(e2 & kBoundaryBefore) && non_starters < kMaxNonStarters) {
        if ((e2 & (kDrop | kNfkcYes | kComposesBack)) != (kDrop | kNfkcYes)) fast = false;
        ++non_starters;
        pos2 += len2;
        if (pos2 == n) break;
        if (!DecodeAt(input, pos2, b, c2, e2, len2)) return InvalidUtf8Error(pos2);
      }
      if (fast) {
        b.Emit(c, e, static_cast<uint32_t>(pos));
      } else if (absl::Status s = slow_segment(pos, pos2); !s.ok()) {
        return s;
      }
      if (pos2 == n) break;
    }
    pos = pos2;
    c = c2;
    e = e2;
    len = len2;
  }
  return b.Finish(n);
}

}  // namespace bayyina::text
