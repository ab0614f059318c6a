// Image redaction benchmark on the page generator's pages (fixtures/pagegen.py), against its
// exact per-value pixel boxes, side by side with the naive baseline the issue describes
// (Tesseract word boxes, blacking out words that hold 4+ digits, an '@' or an IBAN prefix),
// both computed from the same first OCR reading in one run.
//  - covered: every box of the value is at least 90% black in the output;
//  - over-redaction: share of the page outside the boxes (each padded by 10 px) that the
//    output turned black.
// Run: build/redact/redact_image DIR [--only PREFIX,...] [--misses] [--lines]
//   DIR holds <lang>-<variant>-NNN.{png,jpg,json}; --only keeps pages whose file name starts
//   with one of the prefixes (e.g. ar-,ckb-skewed); --misses prints, for every value not covered,
//   what the first reading saw over its boxes and which findings touched it, and for every leak
//   check survivor the second reading's line and the findings on it; --lines prints the
//   first reading with the rules that burnt each word. The pages are
//   synthetic, so printing their values is not printing evidence.

#include <leptonica/allheaders.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"
#include "ocr/document.h"
#include "ocr/engine.h"
#include "redact/analyzer.h"
#include "redact/case_key.h"
#include "redact/document_redactor.h"
#include "redact/language_choice.h"
#include "redact/page_redactor.h"
#include "redact/policy.h"

namespace bayyina::redact {
namespace {

using Json = nlohmann::json;
constexpr int kBlack = 96;  // grey levels below this count as black

struct Tally {
  int values = 0, covered = 0, naive_covered = 0, pages = 0, leak_passed = 0;
  int box_covered = 0;  // the same plan burnt as axis-aligned bounding boxes
  double over = 0, naive_over = 0, box_over = 0;  // summed per page
  std::map<std::string, std::pair<int, int>> per_type;  // covered, total
};

ocr::PixPtr Gray(Pix* p) { return ocr::PixPtr(pixConvertTo8(p, 0)); }

double BlackShare(Pix* gray, const ocr::Box& b) {
  int64_t black = 0, all = 0;
  for (int y = std::max(0, b.top); y < std::min<int>(pixGetHeight(gray), b.bottom); ++y) {
    for (int x = std::max(0, b.left); x < std::min<int>(pixGetWidth(gray), b.right); ++x) {
      l_uint32 v;
      pixGetPixel(gray, x, y, &v);
      black += v < kBlack;
      ++all;
    }
  }
  return all == 0 ? 1.0 : static_cast<double>(black) / all;
}

// Share of pixels outside the padded value boxes that are black in `out` but not in `in`.
double OverRedaction(Pix* in, Pix* out, const std::vector<ocr::Box>& padded) {
  int w = pixGetWidth(in), h = pixGetHeight(in);
  std::vector<uint8_t> inside(static_cast<size_t>(w) * h, 0);
  for (const ocr::Box& b : padded) {
    for (int y = std::max(0, b.top); y < std::min(h, b.bottom); ++y) {
      for (int x = std::max(0, b.left); x < std::min(w, b.right); ++x) inside[size_t(y) * w + x] = 1;
    }
  }
  l_uint32* din = pixGetData(in);
  l_uint32* dout = pixGetData(out);
  int wpl = pixGetWpl(in);
  int64_t outside = 0, turned = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (inside[size_t(y) * w + x]) continue;
      ++outside;
      turned += GET_DATA_BYTE(dout + y * wpl, x) < kBlack && GET_DATA_BYTE(din + y * wpl, x) >= kBlack;
    }
  }
  return outside == 0 ? 0 : static_cast<double>(turned) / outside;
}

int64_t Overlap(const ocr::Box& a, const ocr::Box& b) {
  int64_t w = std::min(a.right, b.right) - std::max(a.left, b.left);
  int64_t h = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

// One line per uncovered value: its boxes' black share, the words of the first reading over
// them (text, confidence) and the findings whose boxes touch them.
void PrintMiss(const std::string& file, const Json& v, Pix* out, const DocumentRedaction& r) {
  std::cout << "MISS " << file << " " << v["type"].get<std::string>() << " [" 
            << v["text"].get<std::string>() << "]";
  for (const Json& b : v["boxes"]) {
    ocr::Box box{b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>()};
    std::cout << absl::StrFormat(" black=%.2f", BlackShare(out, box)) << " ocr:";
    for (const auto& block : r.ocr_pages[0].blocks) {
      for (const auto& line : block.lines) {
        for (const auto& w : line.words) {
          if (Overlap(w.box, box) * 4 < std::min<int64_t>(int64_t{w.box.width()} * w.box.height(),
                                                          int64_t{box.width()} * box.height())) {
            continue;
          }
          std::cout << absl::StrFormat(" {%s %.0f}", w.text, w.confidence);
        }
      }
    }
    std::cout << " near:";
    for (const auto& block : r.ocr_pages[0].blocks) {
      for (const auto& line : block.lines) {
        if (Overlap(line.box, {box.left - 300, box.top, box.right + 300, box.bottom}) == 0) continue;
        for (const auto& w : line.words) std::cout << absl::StrFormat(" {%s %.0f}", w.text, w.confidence);
        std::cout << " |";
      }
    }
    std::cout << " by:";
    for (const LogFinding& f : r.plans[0].findings) {
      for (const PixelBox& fb : f.boxes) {
        if (Overlap({fb[0], fb[1], fb[2], fb[3]}, box) > 0) {
          std::cout << " " << f.detector << "/" << EntityTypeName(f.type)
                    << (f.redacted ? "" : "(kept)");
          break;
        }
      }
    }
  }
  std::cout << "\n";
}

// The first reading, line by line, with what burnt each word.
void PrintLines(const std::string& file, const DocumentRedaction& r) {
  for (const auto& block : r.ocr_pages[0].blocks) {
    for (const auto& line : block.lines) {
      std::cout << "LINE " << file << absl::StrFormat(" [%d %d %d %d]%s", line.box.left, line.box.top,
                                                      line.box.right, line.box.bottom,
                                                      line.direction == ocr::Direction::kRightToLeft ? " rtl" : "");
      for (const auto& w : line.words) {
        std::cout << absl::StrFormat(" {%s %.0f x%d-%d", w.text, w.confidence, w.box.left, w.box.right);
        for (const LogFinding& f : r.plans[0].findings) {
          for (const PixelBox& fb : f.boxes) {
            if (fb == PixelBox{w.box.left, w.box.top, w.box.right, w.box.bottom}) {
              std::cout << " " << f.detector << (f.redacted ? "" : "(kept)");
            }
          }
        }
        std::cout << "}";
      }
      std::cout << "\n";
    }
  }
}

// The leak check's second reading of the burnt page (LeakCheck's set-up), line by line for
// the lines a survivor touches, with the findings a new analysis of each such line (and the
// line before it, for cues) makes.
void PrintSecondReading(ocr::EnginePool& pool, const std::string& file, const DocumentRedaction& r,
                        const Analyzer& analyzer, int dpi) {
  auto again = ReadScaled(pool, r.pages[0].get(), dpi, 1, r.ocr_pages[0].language, 1.5);
  if (!again.ok()) return;
  auto lang = ResolveLanguage(r.ocr_pages[0].language, "");
  if (!lang.ok()) return;
  std::string previous;
  for (const auto& block : again->blocks) {
    for (const auto& line : block.lines) {
      std::string text;
      ocr::Box box;  // ReadScaled maps word boxes, not line boxes, back to the page
      for (const auto& w : line.words) {
        text += (text.empty() ? "" : " ") + w.text;
        box = box.Union(w.box);
      }
      bool touched = false;
      for (const LeakSurvivor& sv : r.log.leak_check->survivors) {
        touched = touched || Overlap(box, {sv.box[0], sv.box[1], sv.box[2], sv.box[3]}) > 0;
      }
      if (touched) {
        std::cout << "REREAD " << file << " {" << previous << "} {" << text << "}";
        std::string both = previous + "\n" + text;
        auto findings = analyzer.Analyze(both, *lang);
        if (findings.ok()) {
          for (const Finding& f : *findings) {
            std::cout << " " << f.detector << absl::StrFormat("/%.2f", f.score) << "["
                      << both.substr(f.begin, f.end - f.begin) << "]";
          }
        }
        std::cout << "\n";
      }
      previous = text;
    }
  }
}

bool NaiveHit(const std::string& word) {
  int digits = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = word[i];
    if (c >= '0' && c <= '9') ++digits;
    // Arabic-Indic (U+0660-0669) and Extended Arabic-Indic (U+06F0-06F9) digits.
    if (i + 1 < word.size() && ((c == 0xD9 && (unsigned char)word[i + 1] >= 0xA0 &&
                                 (unsigned char)word[i + 1] <= 0xA9) ||
                                (c == 0xDB && (unsigned char)word[i + 1] >= 0xB0 &&
                                 (unsigned char)word[i + 1] <= 0xB9))) {
      ++digits;
    }
  }
  bool iban = word.size() >= 4 && isupper((unsigned char)word[0]) &&
              isupper((unsigned char)word[1]) && isdigit((unsigned char)word[2]) &&
              isdigit((unsigned char)word[3]);
  return digits >= 4 || word.find('@') != std::string::npos || iban;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: redact_image DIR [--only PREFIX,...] [--misses] [--lines]\n";
    return 2;
  }
  std::vector<std::string> only;
  bool misses = false, lines = false;
  int pad = PageRedactionOptions().pad;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--misses") {
      misses = true;
    } else if (a == "--pad" && i + 1 < argc) {
      pad = std::atoi(argv[++i]);
    } else if (a == "--lines") {
      lines = true;
    } else if (a == "--only" && i + 1 < argc) {
      only = absl::StrSplit(argv[++i], ',', absl::SkipEmpty());
    } else {
      std::cerr << "unknown argument: " << a << "\n";
      return 2;
    }
  }
  ocr::EnginePoolOptions pool_options;
  pool_options.workers = 1;
  auto pool = ocr::EnginePool::Create(pool_options);
  if (!pool.ok()) {
    std::cerr << pool.status() << "\n";
    return 1;
  }
  Analyzer analyzer;
  CaseKey key = *CaseKey::Generate();
  std::map<std::string, Tally> tallies;  // "lang variant"
  std::map<std::string, int64_t> false_area;  // detector -> pixels of words outside values
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(argv[1])) {
    if (e.path().extension() != ".json") continue;
    std::string name = e.path().filename().string();
    bool keep = only.empty();
    for (const std::string& p : only) keep = keep || absl::StartsWith(name, p);
    if (keep) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& jpath : files) {
    std::ifstream jin(jpath);
    Json meta = Json::parse(jin, nullptr, false);
    if (meta.is_discarded() || !meta.contains("values")) continue;
    std::string image = (jpath.parent_path() / meta["image"].get<std::string>()).string();
    auto doc = ocr::Document::FromFile(image);
    if (!doc.ok()) continue;
    DocumentRedactionOptions opt;
    opt.language = meta["language"].get<std::string>();
    opt.page.pad = pad;
    auto r = RedactDocument(**pool, **doc, analyzer, Policy::Default(), key, opt);
    if (!r.ok()) {
      std::cerr << jpath.filename() << ": " << r.status() << "\n";
      continue;
    }
    auto original = (*doc)->DecodePage(0);
    ocr::PixPtr in = Gray(original->pix.get());
    ocr::PixPtr out = Gray(r->pages[0].get());
    // Naive baseline from the same first reading.
    std::vector<ocr::Box> naive;
    for (const auto& block : r->ocr_pages[0].blocks) {
      for (const auto& line : block.lines) {
        for (const auto& w : line.words) {
          if (NaiveHit(w.text)) {
            naive.push_back({w.box.left - 4, w.box.top - 4, w.box.right + 4, w.box.bottom + 4});
          }
        }
      }
    }
    auto naive_pix = BurnBoxes(original->pix.get(), naive);
    ocr::PixPtr nout = Gray(naive_pix->get());
    std::vector<ocr::Box> bounds;
    for (const BurnQuad& q : r->plans[0].burn) bounds.push_back(q.Bounds());
    auto box_pix = BurnBoxes(original->pix.get(), bounds);
    ocr::PixPtr bout = Gray(box_pix->get());
    if (lines) {
      PrintLines(jpath.filename().string(), *r);
      std::string dump = "/tmp/redact_image-" + jpath.stem().string() + ".png";
      pixWrite(dump.c_str(), r->pages[0].get(), IFF_PNG);
    }
    Tally& t = tallies[meta["language"].get<std::string>() + " " + meta["variant"].get<std::string>()];
    ++t.pages;
    t.leak_passed += r->log.leak_check && r->log.leak_check->passed;
    std::vector<ocr::Box> padded;
    for (const Json& v : meta["values"]) {
      bool ok = true, nok = true, bok = true;
      for (const Json& b : v["boxes"]) {
        ocr::Box box{b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>()};
        padded.push_back({box.left - 10, box.top - 10, box.right + 10, box.bottom + 10});
        ok = ok && BlackShare(out.get(), box) >= 0.9;
        nok = nok && BlackShare(nout.get(), box) >= 0.9;
        bok = bok && BlackShare(bout.get(), box) >= 0.9;
      }
      if (!ok && misses) PrintMiss(jpath.filename().string(), v, out.get(), *r);
      ++t.values;
      t.covered += ok;
      t.naive_covered += nok;
      t.box_covered += bok;
      auto& pt = t.per_type[v["type"].get<std::string>()];
      pt.first += ok;
      pt.second += 1;
    }
    t.over += OverRedaction(in.get(), out.get(), padded);
    if (misses && r->log.leak_check) {
      for (const LeakSurvivor& sv : r->log.leak_check->survivors) {
        std::cout << "SURVIVOR " << jpath.filename().string() << " " << EntityTypeName(sv.type)
                  << " " << sv.reason << absl::StrFormat(" [%d %d %d %d]", sv.box[0], sv.box[1], sv.box[2], sv.box[3]);
        for (const auto& block : r->ocr_pages[0].blocks) {
          for (const auto& line : block.lines) {
            for (const auto& w : line.words) {
              if (Overlap(w.box, {sv.box[0], sv.box[1], sv.box[2], sv.box[3]}) > 0) {
                std::cout << absl::StrFormat(" {%s %.0f}", w.text, w.confidence);
              }
            }
          }
        }
        std::cout << "\n";
      }
      if (!r->log.leak_check->survivors.empty()) {
        PrintSecondReading(**pool, jpath.filename().string(), *r, analyzer, meta["dpi"].get<int>());
      }
    }
    if (misses) {
      // Redacted word boxes that touch no value box: what over-redaction is made of.
      for (const LogFinding& f : r->plans[0].findings) {
        if (!f.redacted) continue;
        for (const PixelBox& fb : f.boxes) {
          bool hit = false;
          for (const ocr::Box& p : padded) hit = hit || Overlap({fb[0], fb[1], fb[2], fb[3]}, p) > 0;
          if (hit) continue;
          false_area[f.detector] += int64_t{fb[2] - fb[0]} * (fb[3] - fb[1]);
          for (const auto& block : r->ocr_pages[0].blocks) {
            for (const auto& line : block.lines) {
              for (const auto& w : line.words) {
                if (PixelBox{w.box.left, w.box.top, w.box.right, w.box.bottom} == fb) {
                  std::cout << "FALSEW " << jpath.filename().string() << " " << f.detector << " {"
                            << w.text << "}\n";
                }
              }
            }
          }
        }
      }
    }
    t.naive_over += OverRedaction(in.get(), nout.get(), padded);
    t.box_over += OverRedaction(in.get(), bout.get(), padded);
  }
  std::cout << "| language | variant | pages | values | covered | naive covered | over-redaction "
               "| naive over-redaction | leak check passed | covered, box fill | over-redaction, box fill "
               "|\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
  Tally all;
  for (const auto& [k, t] : tallies) {
    std::string lang = k.substr(0, k.find(' ')), variant = k.substr(k.find(' ') + 1);
    std::cout << absl::StrFormat("| %s | %s | %d | %d | %.1f%% | %.1f%% | %.2f%% | %.2f%% | %d/%d | %.1f%% | %.2f%% |\n",
                                 lang, variant, t.pages, t.values, 100.0 * t.covered / t.values,
                                 100.0 * t.naive_covered / t.values, 100.0 * t.over / t.pages,
                                 100.0 * t.naive_over / t.pages, t.leak_passed, t.pages,
                                 100.0 * t.box_covered / t.values, 100.0 * t.box_over / t.pages);
    all.pages += t.pages;
    all.values += t.values;
    all.covered += t.covered;
    all.naive_covered += t.naive_covered;
    all.box_covered += t.box_covered;
    all.box_over += t.box_over;
    all.over += t.over;
    all.naive_over += t.naive_over;
    all.leak_passed += t.leak_passed;
    for (const auto& [type, c] : t.per_type) {
      all.per_type[type].first += c.first;
      all.per_type[type].second += c.second;
    }
  }
  for (const auto& [detector, area] : false_area) {
    std::cout << "FALSE " << detector << " " << area << "\n";
  }
  if (all.pages > 0) {
    std::cout << absl::StrFormat("| all | all | %d | %d | %.1f%% | %.1f%% | %.2f%% | %.2f%% | %d/%d | %.1f%% | %.2f%% |\n",
                                 all.pages, all.values, 100.0 * all.covered / all.values,
                                 100.0 * all.naive_covered / all.values, 100.0 * all.over / all.pages,
                                 100.0 * all.naive_over / all.pages, all.leak_passed, all.pages,
                                 100.0 * all.box_covered / all.values, 100.0 * all.box_over / all.pages);
    std::cout << "\n| type | covered |\n| --- | --- |\n";
    for (const auto& [type, c] : all.per_type) {
      std::cout << absl::StrFormat("| %s | %d/%d |\n", type, c.first, c.second);
    }
  }
  return 0;
}

}  // namespace
}  // namespace bayyina::redact

int main(int argc, char** argv) { return bayyina::redact::Main(argc, argv); }
