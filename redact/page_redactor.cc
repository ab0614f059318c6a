#include "redact/page_redactor.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <set>

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
  const ocr::Word* word;
  size_t begin;  // byte range in the page text
  size_t end;
  size_t line;   // running line number
  uint32_t flags = 0;  // lexicon flags of the word (punctuation stripped)
  int digits = 0;      // ASCII digits after normalization (Arabic-Indic digits fold)
  int longest_run = 0; // longest run of consecutive digits
};

struct PageText {
  std::string text;
  std::vector<WordRef> words;
};

// Words joined by spaces, lines by "\n", blocks by a blank line: ocr::PlainText's layout, with
// the byte range of every word kept.
PageText BuildText(const ocr::Page& page) {
  PageText pt;
  size_t line_no = 0;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    if (b > 0) pt.text += "\n\n";
    const auto& lines = page.blocks[b].lines;
    for (size_t l = 0; l < lines.size(); ++l, ++line_no) {
      if (l > 0) pt.text += "\n";
      for (size_t w = 0; w < lines[l].words.size(); ++w) {
        if (w > 0) pt.text += " ";
        const ocr::Word& word = lines[l].words[w];
        size_t begin = pt.text.size();
        pt.text += word.text;
        pt.words.push_back({&word, begin, pt.text.size(), line_no});
      }
    }
  }
  return pt;
}

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
  PageText pt = BuildText(page);
  const Lexicon& lexicon = Lexicon::For(lang);
  for (WordRef& w : pt.words) {
    absl::StatusOr<text::NormalizedText> n = text::Normalize(w.word->text, lang);
    if (!n.ok()) continue;  // an unreadable word is handled by the fail-closed rules
    std::string_view core = StripPunct(n->text);
    w.flags = core.empty() ? 0 : lexicon.Lookup(core);
    int run = 0;
    for (char c : n->text) {
      bool d = c >= '0' && c <= '9';
      w.digits += d;
      run = d ? run + 1 : 0;
      w.longest_run = std::max(w.longest_run, run);
    }
  }
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
  auto burn_word = [&](size_t i) {
    burnt[i] = true;
    FrameRect rect = skew.Unbound(pt.words[i].word->box);
    if (last_burnt != SIZE_MAX && last_burnt + 1 == i &&
        pt.words[last_burnt].line == pt.words[i].line && !rects.empty()) {
      rects.back() = rects.back().Union(rect);
    } else {
      rects.push_back(rect);
    }
    last_burnt = i;
  };
  auto end_value = [&] { last_burnt = SIZE_MAX; };

  // 1. Findings, mapped to every word (or part-word) that holds them.
  size_t first_word = 0;
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
    for (size_t i = first_word; i < pt.words.size() && pt.words[i].begin < f.end; ++i) {
      lf.boxes.push_back(ToPixelBox(pt.words[i].word->box));
      if (lf.redacted) burn_word(i);
    }
    end_value();
    if (lf.redacted) {
      lf.op = "redact";
      plan.redacted_values.emplace_back(f.type, lf.value_hmac);
    }
    plan.findings.push_back(std::move(lf));
  }

  // 2. Fail closed: OCR misreads digits and names, so what sits next to a cue is redacted even
  // when no recognizer could parse it.
  if (policy.fail_closed) {
    // Form fields: after a label that holds a cue and ends in ':', the rest of the line is the
    // value, however badly it was read.
    constexpr uint32_t kFieldCues = kLexPersonCue | kNumberCues | kLexAddressCue |
                                    kLexAddressKey | kLexVehicleCue;
    uint32_t line_cues = 0;
    for (size_t i = 0; i < pt.words.size(); ++i) {
      const WordRef& w = pt.words[i];
      if (i == 0 || pt.words[i - 1].line != w.line) line_cues = 0;
      line_cues |= w.flags;
      std::string_view raw = w.word->text;
      bool colon = raw.ends_with(":") || raw.ends_with("\xEF\xBC\x9A");
      if (!colon || !(line_cues & kFieldCues)) continue;
      EntityType type = (line_cues & (kLexAddressCue | kLexAddressKey)) ? EntityType::kAddress
                        : (line_cues & kLexVehicleCue) ? EntityType::kVehiclePlate
                                                       : TypeForCue(line_cues);
      LogFinding lf;
      lf.type = type;
      lf.page = page.number;
      lf.detector = "fail_closed_field";
      lf.score = policy.score_threshold;
      lf.op = "redact";
      lf.redacted = true;
      std::string value;
      for (size_t k = i + 1; k < pt.words.size() && pt.words[k].line == w.line && k < i + 10; ++k) {
        if (!burnt[k]) lf.boxes.push_back(ToPixelBox(pt.words[k].word->box));
        burn_word(k);
        value += (value.empty() ? "" : " ") + pt.words[k].word->text;
      }
      end_value();
      if (lf.boxes.empty()) continue;
      absl::StatusOr<std::string> canonical = CanonicalValue(type, value, lang);
      lf.value_hmac = key.ValueHmac(type, canonical.ok() ? *canonical : value);
      plan.findings.push_back(std::move(lf));
    }
    for (size_t i = 0; i < pt.words.size(); ++i) {
      const WordRef& w = pt.words[i];
      uint32_t cue = 0;
      for (size_t k = i; k > 0 && i - k < 4; --k) {
        const WordRef& prev = pt.words[k - 1];
        if (prev.line + 1 < w.line) break;
        cue |= prev.flags;
      }
      bool low = w.word->confidence < options.low_confidence;
      bool number_like = w.digits >= 4 || (w.digits >= 2 && low);
      const char* rule = nullptr;
      EntityType type = TypeForCue(cue);
      if ((cue & kNumberCues) && (number_like || low)) {
        rule = number_like ? "fail_closed_number" : "fail_closed_unreadable";
      } else if (w.digits >= 5) {
        rule = "fail_closed_long_number";
        type = w.longest_run == 12 ? EntityType::kNationalId : EntityType::kPhoneNumber;
      } else if (w.word->text.find('@') != std::string::npos) {
        rule = "fail_closed_email";
        type = EntityType::kEmailAddress;
      } else if (LongCode(w.word->text)) {
        rule = "fail_closed_code";
        type = EntityType::kCrypto;
      } else if ((cue & kLexPersonCue) && low && !(w.flags & kLexStop)) {
        rule = "fail_closed_name";
        type = EntityType::kPerson;
      }
      if (rule == nullptr || burnt[i]) continue;
      end_value();
      if (!policy.Redacts(type) && type != EntityType::kPerson) type = EntityType::kNationalId;
      burn_word(i);
      LogFinding lf;
      lf.type = type;
      lf.page = page.number;
      lf.boxes.push_back(ToPixelBox(w.word->box));
      lf.cp_begin = 0;
      lf.cp_end = 0;
      lf.detector = rule;
      lf.score = policy.score_threshold;
      lf.op = "redact";
      lf.redacted = true;
      std::string_view raw = StripPunct(w.word->text);
      absl::StatusOr<std::string> canonical =
          CanonicalValue(type, absl::string_view(raw.data(), raw.size()), lang);
      lf.value_hmac = key.ValueHmac(type, canonical.ok() ? *canonical : std::string(raw));
      plan.redacted_values.emplace_back(type, lf.value_hmac);
      plan.findings.push_back(std::move(lf));
      // A name cue followed by an unreadable word: the rest of a name-sized span goes too.
      if (type == EntityType::kPerson) {
        for (size_t k = i + 1; k < pt.words.size() && k < i + 4 && pt.words[k].line == w.line &&
                               !(pt.words[k].flags & (kLexStop | kNumberCues));
             ++k) {
          burn_word(k);
          plan.findings.back().boxes.push_back(ToPixelBox(pt.words[k].word->box));
        }
      }
    }
  }

  // Neighbouring burnt words on a line, whichever rule burnt them, are bridged so that the
  // space between them (inside a value's extent) is black too.
  for (size_t i = 0; i + 1 < pt.words.size(); ++i) {
    if (burnt[i] && burnt[i + 1] && pt.words[i].line == pt.words[i + 1].line) {
      rects.push_back(skew.Unbound(pt.words[i].word->box).Union(skew.Unbound(pt.words[i + 1].word->box)));
    }
  }
  for (const FrameRect& r : rects) plan.burn.push_back(skew.ToQuad(r, options.pad));

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
  if (options.flag_photos && image != nullptr) {
    ocr::PixPtr binary(pixConvertTo1(image, 128));
    PIX* halftone = nullptr;
    if (binary && pixGetRegionsBinary(binary.get(), &halftone, nullptr, nullptr, nullptr) == 0 &&
        halftone != nullptr) {
      ocr::PixPtr hm(halftone);
      BOXA* boxa = pixConnCompBB(hm.get(), 8);
      int n = boxa ? boxaGetCount(boxa) : 0;
      for (int i = 0; i < n; ++i) {
        l_int32 x, y, w, h;
        if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h) != 0 || w < 80 || h < 80) continue;
        plan.regions.push_back(
            {page.number, {x, y, x + w, y + h}, "photo", "detector", false, true});
      }
      if (boxa) boxaDestroy(&boxa);
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
                                          int page_number, const std::string& ocr_language,
                                          text::Language lang, const Analyzer& analyzer,
                                          const Policy& policy, const CaseKey& key,
                                          const PagePlan& plan) {
  LeakCheckResult result;
  result.performed = true;
  result.setup = "second reading: page upscaled 1.5x, no rescaling or denoising, token "
                 "re-reading with digit whitelists";
  absl::StatusOr<ocr::Page> again =
      ReadScaled(pool, redacted, dpi, page_number, ocr_language, kLeakScale);
  if (!again.ok()) return again.status();
  PageText pt = BuildText(*again);
  auto burnt_share = [&](const ocr::Box& b) {
    int64_t covered = 0;
    for (const BurnQuad& burn : plan.burn) covered += Overlap(b, burn.Bounds());
    return Area(b) == 0 ? 1.0 : static_cast<double>(covered) / Area(b);
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
          result.survivors.push_back({t, page_number, ToPixelBox(box), "hmac_match", h});
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
    result.survivors.push_back(
        {f.type, page_number, ToPixelBox(box), "new_finding", key.ValueHmac(f.type, f.canonical)});
  }
  result.passed = result.survivors.empty();
  return result;
}

absl::StatusOr<BurntPage> BurnAndCheck(ocr::EnginePool& pool, Pix* image, int dpi,
                                       const ocr::Page& page, text::Language lang,
                                       const Analyzer& analyzer, const Policy& policy,
                                       const CaseKey& key, const PagePlan& plan) {
  BurntPage out;
  absl::StatusOr<ocr::PixPtr> burnt = BurnQuads(image, plan.burn);
  if (!burnt.ok()) return burnt.status();
  out.burnt = std::move(*burnt);
  out.releasable = true;
  if (policy.leak_check) {
    absl::StatusOr<LeakCheckResult> leak = LeakCheck(pool, out.burnt.get(), dpi, page.number,
                                                     page.language, lang, analyzer, policy, key,
                                                     plan);
    if (!leak.ok()) return leak.status();
    out.releasable = leak->passed;
    out.leak_check = std::move(*leak);
  }
  return out;
}

}  // namespace bayyina::redact
