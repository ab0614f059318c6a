#!/usr/bin/python3
"""OCR benchmark: Bayyina's OCR against the plain tesseract CLI on generated evidence pages.

Per language and variant (pages from fixtures/pagegen.py): CER and WER, raw and normalized;
number accuracy (a personal value with digits counts only if the digits of the words read over
its boxes, folded to ASCII, equal its digit string exactly); exact values; seconds per page and
peak RSS. Then a 20-page document: Bayyina (one process, engines pre-initialised, pages in
parallel) against the CLI one page after another with OMP_THREAD_LIMIT=1, with `xargs -P2`, and
over the same pages as one multi-page TIFF.

    /usr/bin/python3 bench/ocr_bench.py --build build [--pages 4] [--write-docs]
    /usr/bin/python3 bench/ocr_bench.py --build build --pages 1 --seed 7 --work /tmp/dev \
        --languages ar,ckb --misses     # the numbers read wrong, with crops, on other pages

Never run by ctest. Needs the ocr_run target (cmake --build build --target ocr_run).
"""

import argparse
import collections
import datetime
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LANGS = ("ar", "ckb", "kmr", "en")
VARIANTS = ("clean", "skewed", "200dpi", "noisy", "jpeg")
# The best stock model per language (issue 3's table).
BASELINE_MODEL = {"ar": "Arabic", "ckb": "ckb", "kmr": "kmr", "en": "eng"}

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
BIDI = dict.fromkeys([0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
                      0x2067, 0x2068, 0x2069])


# ---------------------------------------------------------------------------------------------
# Metrics


def levenshtein(a, b):
    """Edit distance of two sequences of hashables (Myers/Hyyro bit-parallel, global)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    m = len(a)
    full = (1 << m) - 1
    peq = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    pv, mv, score, top = full, 0, m, 1 << (m - 1)
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score


def raw_text(s):
    s = s.translate(BIDI)
    lines = [" ".join(line.split()) for line in s.split("\n")]
    return "\n".join(line for line in lines if line)


def normalize(s, lang):
    """Matching form: NFKC, no bidi marks, tatweel or harakat, digits folded, look-alike
    Arabic letters unified (ar and ckb), Latin case-folded, whitespace collapsed."""
    s = unicodedata.normalize("NFKC", raw_text(s)).translate(DIGITS)
    s = "".join(c for c in s if c != "\u0640" and not ("\u064b" <= c <= "\u065f") and c != "\u0670")
    if lang in ("ar", "ckb"):
        s = re.sub("[أإآٱ]", "ا", s)
        s = s.replace("ى", "ي").replace("ی", "ي").replace("ک", "ك").replace("ە", "ه")
        s = s.replace("ة", "ه").replace("ھ", "ه").replace("،", ",").replace("٫", ".")
    return s.casefold()


def words_of(s):
    return s.split()


def wer(ref, hyp):
    table = {}
    a = [table.setdefault(w, len(table)) for w in words_of(ref)]
    b = [table.setdefault(w, len(table)) for w in words_of(hyp)]
    return levenshtein(a, b), len(a)


# ---------------------------------------------------------------------------------------------
# OCR output as lines with boxes, ordered the same way for every system


def order_text(lines, rtl):
    """`lines`: (box, text). Groups lines into rows by vertical overlap, rows top to bottom,
    within a row right to left (rtl) or left to right. Returns the text, one row per line."""
    lines = sorted((l for l in lines if l[1].strip()), key=lambda l: (l[0][1] + l[0][3]) / 2)
    rows = []
    for box, text in lines:
        mid = (box[1] + box[3]) / 2
        if rows and rows[-1]["top"] <= mid <= rows[-1]["bottom"]:
            rows[-1]["items"].append((box, text))
        else:
            rows.append({"top": box[1], "bottom": box[3], "items": [(box, text)]})
    out = []
    for row in rows:
        items = sorted(row["items"], key=lambda it: -it[0][2] if rtl else it[0][0])
        out.append(" ".join(t for _, t in items))
    return "\n".join(out)


def bayyina_page(page):
    """Lines and words (in logical order) from one page of ocr_run's JSON."""
    lines, words = [], []
    for block in page["blocks"]:
        for line in block["lines"]:
            lines.append((line["box"], " ".join(w["text"] for w in line["words"])))
            words.extend((w["box"], w["text"]) for w in line["words"])
    return lines, words


def tsv_page(tsv):
    """Lines and words from `tesseract ... tsv` output."""
    line_boxes, line_words, words = {}, collections.defaultdict(list), []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12:
            continue
        level = int(f[0])
        key = (f[1], f[2], f[3], f[4])
        l, t, w, h = (int(x) for x in f[6:10])
        if level == 4:
            line_boxes[key] = [l, t, l + w, t + h]
        elif level == 5 and f[11].strip():
            line_words[key].append(f[11])
            words.append(([l, t, l + w, t + h], f[11]))
    lines = [(line_boxes[k], " ".join(v)) for k, v in line_words.items() if k in line_boxes]
    return lines, words


def value_scores(values, words, lang, misses=None):
    """(numbers right, numbers, values exact, values) for one page. Appends (value, reading)
    for each number read wrong to `misses` if given."""
    num_ok = num = exact = 0
    for v in values:
        boxes = [[b[0] - 3, b[1] - 3, b[2] + 3, b[3] + 3] for b in v["boxes"]]
        found = []
        for box, text in words:
            area = max(1, (box[2] - box[0]) * (box[3] - box[1]))
            for b in boxes:
                iw = min(box[2], b[2]) - max(box[0], b[0])
                ih = min(box[3], b[3]) - max(box[1], b[1])
                if iw > 0 and ih > 0 and iw * ih >= 0.5 * area:
                    found.append(text)
                    break
        read = " ".join(found)
        if v["digits"]:
            num += 1
            got = "".join(c for c in read.translate(DIGITS) if c.isdigit())
            num_ok += got == v["digits"]
            if misses is not None and got != v["digits"]:
                misses.append((v, read))
        exact += normalize(read, lang) == normalize(v["text"], lang)
    return num_ok, num, exact, len(values)


# ---------------------------------------------------------------------------------------------
# Running the systems


def run_with_rss(cmd, env=None):
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    chunks = []
    while True:
        chunk = p.stdout.read(1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.monotonic() - start
    if status != 0:
        raise RuntimeError("%s exited with status %d" % (cmd[0], status))
    run_with_rss.cpu = usage.ru_utime + usage.ru_stime
    return b"".join(chunks).decode(), elapsed, usage.ru_maxrss / 1024.0


def omp_env():
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def tesseract_cmd(image, lang, fmt="tsv"):
    return ["tesseract", image, "stdout", "-l", BASELINE_MODEL[lang], fmt]


# ---------------------------------------------------------------------------------------------


def evaluate(lang, variant, metas, read_pages, misses=None):
    """Sums metrics over pages. `read_pages`: per page (lines, words). `misses` (a list, may be
    None) collects (page name, value, reading) for numbers read wrong."""
    acc = collections.Counter()
    rtl = lang in ("ar", "ckb")
    for meta, (lines, words) in zip(metas, read_pages):
        hyp = order_text(lines, rtl)
        ref = meta["text"]
        r_raw, h_raw = raw_text(ref), raw_text(hyp)
        r_norm, h_norm = normalize(ref, lang), normalize(hyp, lang)
        acc["cer_err"] += levenshtein(r_raw, h_raw)
        acc["cer_len"] += len(r_raw)
        acc["ncer_err"] += levenshtein(r_norm, h_norm)
        acc["ncer_len"] += len(r_norm)
        e, n = wer(r_raw, h_raw)
        acc["wer_err"] += e
        acc["wer_len"] += n
        e, n = wer(r_norm, h_norm)
        acc["nwer_err"] += e
        acc["nwer_len"] += n
        page_misses = None if misses is None else []
        ok, num, exact, nvals = value_scores(meta["values"], words, lang, page_misses)
        for v, read in page_misses or []:
            misses.append((meta["image"], v, read))
        acc["num_ok"] += ok
        acc["num"] += num
        acc["val_ok"] += exact
        acc["val"] += nvals
    return acc


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "bayyina-ocr-bench"))
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--seed", type=int, default=None,
                    help="fixtures/pagegen.py seed (default: its own); other seeds give pages "
                         "to develop on without tuning on the benchmark pages")
    ap.add_argument("--languages", default=",".join(LANGS))
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ours-args", default="", help="extra ocr_run options (ablations)")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--throughput-only", action="store_true",
                    help="only the 20-page document (pages must exist in --work)")
    ap.add_argument("--misses", action="store_true",
                    help="list the numbers read wrong (ground truth, reading) and save their "
                         "crops under WORK/misses; implies --skip-baseline --skip-throughput")
    ap.add_argument("--write-docs", action="store_true", help="replace '## ocr' in docs/benchmarks.md")
    args = ap.parse_args(argv)
    if args.misses:
        args.skip_baseline = args.skip_throughput = True
    langs = args.languages.split(",")
    variants = args.variants.split(",")
    runner = os.path.join(args.build, "ocr", "ocr_run")
    if not os.path.exists(runner):
        sys.exit("build the runner first: cmake --build %s --target ocr_run" % args.build)
    fixtures = os.path.join(args.work, "pages")
    stamp = os.path.join(fixtures, "stamp-%d%s" % (
        args.pages, "" if args.seed is None else "-seed%d" % args.seed))
    if not os.path.exists(stamp):
        seed = [] if args.seed is None else ["--seed", str(args.seed)]
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "fixtures", "pagegen.py"), "--out",
                        fixtures, "--pages", str(args.pages)] + seed, check=True,
                       stdout=subprocess.DEVNULL)
        open(stamp, "w").close()

    if args.throughput_only:
        throughput = measure_throughput(fixtures, runner, args)
        print(format_throughput(throughput, args))
        return 0
    results = {}
    timing = collections.Counter()
    for lang in langs:
        names = ["%s-%s-%03d" % (lang, v, i + 1) for v in variants for i in range(args.pages)]
        metas = {}
        for n in names:
            with open(os.path.join(fixtures, n + ".json"), encoding="utf-8") as f:
                metas[n] = json.load(f)
        images = [os.path.join(fixtures, metas[n]["image"]) for n in names]
        # Bayyina: one process per language, as a server would run.
        cmd = [runner, "--lang", lang, "--workers", str(args.workers)] + args.ours_args.split() + images
        out, secs, rss = run_with_rss(cmd, omp_env())
        ours = {}
        total = None
        for line in out.splitlines():
            obj = json.loads(line)
            if "file" in obj:
                ours[os.path.basename(obj["file"])] = obj
                for k, v in obj["stats"].items():
                    timing[k] += v
            else:
                total = obj
        results[(lang, "ours_rss")] = rss
        results[(lang, "ours_total")] = secs
        results[(lang, "ours_init")] = total["init_seconds"]
        for variant in variants:
            vn = [n for n in names if "-%s-" % variant in n]
            read = [bayyina_page(ours[metas[n]["image"]]["pages"]["pages"][0]) for n in vn]
            misses = [] if args.misses else None
            acc = evaluate(lang, variant, [metas[n] for n in vn], read, misses)
            if misses:
                show_misses(misses, fixtures, os.path.join(args.work, "misses"))
            acc["seconds"] = sum(ours[metas[n]["image"]]["seconds"] for n in vn)
            results[(lang, variant, "ours")] = acc
            if args.skip_baseline:
                continue
            acc_b = collections.Counter()
            read_b = []
            for n in vn:
                tsv, s, r = run_with_rss(tesseract_cmd(os.path.join(fixtures, metas[n]["image"]),
                                                       lang), omp_env())
                read_b.append(tsv_page(tsv))
                acc_b["seconds"] += s
                acc_b["rss"] = max(acc_b["rss"], r)
            acc_b.update(evaluate(lang, variant, [metas[n] for n in vn], read_b))
            results[(lang, variant, "base")] = acc_b
        print("done", lang, file=sys.stderr)

    throughput = None
    if not args.skip_throughput and not args.skip_baseline:
        throughput = measure_throughput(fixtures, runner, args)

    report = format_report(results, timing, throughput, langs, variants, args)
    print(report)
    if args.write_docs:
        write_docs(report)
    return 0


def show_misses(misses, fixtures, crop_dir):
    """Prints each number read wrong and saves the crop of its boxes (with a margin)."""
    os.makedirs(crop_dir, exist_ok=True)
    for image, v, read in misses:
        box = [min(b[0] for b in v["boxes"]), min(b[1] for b in v["boxes"]),
               max(b[2] for b in v["boxes"]), max(b[3] for b in v["boxes"])]
        pad = 10
        name = "%s-%d-%d.png" % (os.path.splitext(image)[0], box[0], box[1])
        with Image.open(os.path.join(fixtures, image)) as im:
            im.crop((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)).save(
                os.path.join(crop_dir, name))
        print("MISS %-20s %-14s truth %-22s read %-30s %s" % (
            image, v["type"], v["digits"], "".join(c for c in read.translate(DIGITS)
                                                   if c.isdigit()), name))
        print("     truth %s | read %s" % (v["text"], read))


def measure_throughput(fixtures, runner, args):
    """20 Arabic pages (all variants, as 300 dpi greyscale) as one document."""
    pages = []
    for v in VARIANTS:
        for i in range(4):
            pages.append(os.path.join(fixtures, "ar-%s-%03d" % (v, i + 1)))
    pages = pages[:20]
    tmp = os.path.join(args.work, "doc20")
    os.makedirs(tmp, exist_ok=True)
    pngs = []
    frames = []
    for i, p in enumerate(pages):
        meta = json.load(open(p + ".json", encoding="utf-8"))
        im = Image.open(os.path.join(fixtures, meta["image"])).convert("L")
        path = os.path.join(tmp, "page-%02d.png" % (i + 1))
        im.save(path, dpi=(meta["dpi"], meta["dpi"]))
        pngs.append(path)
        frames.append(im)
    tiff = os.path.join(tmp, "doc20.tif")
    frames[0].save(tiff, save_all=True, append_images=frames[1:], compression="tiff_lzw",
                   dpi=(300, 300))
    env = omp_env()
    out = {"load": os.getloadavg()[0]}
    _, out["ours"], out["ours_rss"] = run_with_rss(
        [runner, "--lang", "ar", "--workers", str(args.workers)] + args.ours_args.split() + [tiff],
        env)
    out["ours_cpu"] = run_with_rss.cpu
    start = time.monotonic()
    rss = cpu = 0
    for p in pngs:
        _, _, r = run_with_rss(["tesseract", p, "stdout", "-l", "Arabic"], env)
        rss = max(rss, r)
        cpu += run_with_rss.cpu
    out["seq"] = time.monotonic() - start
    out["seq_rss"] = rss
    out["seq_cpu"] = cpu
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run("printf '%s\\n' " + " ".join(pngs) +
                   " | xargs -P2 -I{} tesseract {} stdout -l Arabic > /dev/null 2>&1",
                   shell=True, env=env, check=True)
    out["xargs"] = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["xargs_cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    _, out["tiff"], out["tiff_rss"] = run_with_rss(["tesseract", tiff, "stdout", "-l", "Arabic"],
                                                   env)
    out["tiff_cpu"] = run_with_rss.cpu
    return out


def format_report(results, timing, throughput, langs, variants, args):
    lines = []
    cpu = platform.processor() or platform.machine()
    lines.append("Command: `/usr/bin/python3 bench/ocr_bench.py --build build --pages %d%s`  "
                 % (args.pages, (" --ours-args='%s'" % args.ours_args) if args.ours_args else ""))
    lines.append("Machine: %d cores (%s), shared with other jobs; date %s. Pages: "
                 "fixtures/pagegen.py, %d per language and variant. Bayyina: `ocr_run` "
                 "(pool of %d pre-initialised engines, OMP_THREAD_LIMIT=1). Baseline: "
                 "`tesseract IMAGE stdout -l MODEL tsv`, one process per page, OMP_THREAD_LIMIT=1, "
                 "best stock model per language (Arabic, ckb, kmr, eng). Both outputs are scored "
                 "the same way: lines grouped into rows by vertical overlap, rows top to bottom."
                 % (os.cpu_count(), cpu, datetime.date.today().isoformat(), args.pages,
                    args.workers))
    lines.append("")
    lines.append("CER/WER in %, raw | normalized (NFKC, digits folded, Arabic look-alike letters "
                 "unified, case folded). Numbers: values with digits whose digit string is read "
                 "exactly over the value's boxes. Values: personal values read exactly "
                 "(normalized). s/page: wall time per page (Bayyina: one file at a time "
                 "inside one process, so one worker busy, engine start-up excluded; baseline: "
                 "whole CLI process, model loading included).")
    lines.append("")
    lines.append("| lang | variant | system | CER | CER norm | WER | WER norm | numbers | values | s/page |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    totals = {}
    for lang in langs:
        for variant in variants + ["all"]:
            for system in ("base", "ours"):
                if variant == "all":
                    acc = totals.get((lang, system))
                    if acc is None:
                        continue
                else:
                    acc = results.get((lang, variant, system))
                    if acc is None:
                        continue
                    totals.setdefault((lang, system), collections.Counter()).update(acc)
                n_pages = args.pages * (len(variants) if variant == "all" else 1)
                lines.append("| %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.1f%% (%d/%d) | %.1f%% | %.2f |" % (
                    lang, "**all**" if variant == "all" else variant,
                    "tesseract CLI" if system == "base" else "**Bayyina**",
                    pct(acc["cer_err"], acc["cer_len"]), pct(acc["ncer_err"], acc["ncer_len"]),
                    pct(acc["wer_err"], acc["wer_len"]), pct(acc["nwer_err"], acc["nwer_len"]),
                    pct(acc["num_ok"], acc["num"]), acc["num_ok"], acc["num"],
                    pct(acc["val_ok"], acc["val"]), acc["seconds"] / n_pages))
    lines.append("")
    all_ours = collections.Counter()
    all_base = collections.Counter()
    for (lang, system), acc in totals.items():
        (all_ours if system == "ours" else all_base).update(acc)
    lines.append("All languages: numbers %.1f%% Bayyina vs %.1f%% CLI; values exact %.1f%% vs %.1f%%."
                 % (pct(all_ours["num_ok"], all_ours["num"]), pct(all_base["num_ok"], all_base["num"]),
                    pct(all_ours["val_ok"], all_ours["val"]), pct(all_base["val_ok"], all_base["val"])))
    rss = ", ".join("%s %.0f MiB" % (l, results[(l, "ours_rss")]) for l in langs)
    base_rss = max((results[(l, v, "base")]["rss"] for l in langs for v in variants
                    if (l, v, "base") in results), default=0)
    lines.append("Peak RSS: Bayyina process (2 workers, all models loaded) %s; one CLI process up to %.0f MiB."
                 % (rss, base_rss))
    if timing["recognize"]:
        lines.append("Stage time summed over pages: decode %.1f s, preprocess %.1f s, recognize %.1f s, "
                     "second readings %.1f s; preprocessing is %.1f%% of recognition time "
                     "(in-process, so transport is nil)." % (
                         timing["decode"], timing["preprocess"], timing["recognize"], timing["reread"],
                         pct(timing["preprocess"], timing["recognize"] + timing["reread"])))
    if throughput:
        lines.append("")
        lines.append(format_throughput(throughput, args))
    return "\n".join(lines) + "\n"


def format_throughput(throughput, args):
    lines = ["20-page Arabic document (the 4 pages of each variant, 300/200 dpi greyscale), wall "
             "time; load average before the run %.1f on %d cores:" % (throughput["load"],
                                                                       os.cpu_count()), ""]
    lines.append("| system | seconds | pages/s | speed-up vs sequential CLI | CPU seconds | peak RSS |")
    lines.append("| --- | --- | --- | --- | --- | --- |")
    seq = throughput["seq"]
    for name, key, rss_key in (("tesseract CLI, one page after another", "seq", "seq_rss"),
                               ("tesseract CLI, `xargs -P2`", "xargs", None),
                               ("tesseract CLI, one multi-page TIFF", "tiff", "tiff_rss"),
                               ("**Bayyina** `ocr_run`, multi-page TIFF, %d workers (incl. start-up)"
                                % args.workers, "ours", "ours_rss")):
        lines.append("| %s | %.1f | %.2f | %.2fx | %.1f | %s |" % (
            name, throughput[key], 20 / throughput[key], seq / throughput[key],
            throughput[key + "_cpu"], ("%.0f MiB" % throughput[rss_key]) if rss_key else "-"))
    return "\n".join(lines) + "\n"


def write_docs(report):
    path = os.path.join(ROOT, "docs", "benchmarks.md")
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    section = "## ocr\n\n" + report
    m = re.search(r"^## ocr\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
    if m:
        text = text[:m.start()] + section + "\n" + text[m.end():].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
