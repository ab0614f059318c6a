#!/usr/bin/python3
"""Text recall and precision per entity type on labelled test vectors.

The vectors are the page generator's ground-truth texts (fixtures/pagegen.py: every entity
type on every page, in ar, ckb, kmr and en, values labelled with their exact text). Each text
goes through `bayyina analyze --json` (the shipped default threshold applies):
  - recall: labelled values overlapped by a finding of the same type (DATE_OF_BIRTH and
    DATE_TIME count as one family, as do NATIONAL_ID and PASSPORT numbers);
  - precision: findings that overlap a labelled value of the same type;
  - near misses: every checksum value (IBAN_CODE, CREDIT_CARD, CRYPTO) with one check-relevant
    character changed must NOT be reported as that type (rejection rate);
  - PERSON recall split by whether every word of the name is in the gazetteer.

Run: /usr/bin/python3 bench/redact_text_eval.py BUILD/clients/bayyina DIR
(DIR holds the generator's *.json; `--variants clean` is enough, the text does not change.)
"""
import collections
import json
import os
import subprocess
import sys

FAMILY = {"DATE_OF_BIRTH": "DATE", "DATE_TIME": "DATE"}


def family(t):
    return FAMILY.get(t, t)


def analyze(cli, text, lang):
    out = subprocess.run([cli, "analyze", "--lang", lang, "--json"], input=text.encode(),
                         capture_output=True, check=True)
    return json.loads(out.stdout)["findings"]


def spans(text, value):
    """Code point spans of every occurrence of value in text."""
    res, start = [], 0
    while True:
        i = text.find(value, start)
        if i < 0:
            return res
        res.append((i, i + len(value)))
        start = i + 1


def break_check(value):
    """The value with its last digit changed (a near miss for every checksum here)."""
    chars = list(value)
    for i in range(len(chars) - 1, -1, -1):
        c = chars[i]
        if c.isdigit():
            d = int(c)
            digits = "0123456789" if c.isascii() else None
            if digits is None:  # Arabic-Indic digit
                chars[i] = chr(ord(c) - d + (d + 1) % 10)
            else:
                chars[i] = str((d + 1) % 10)
            return "".join(chars)
    return None


def gazetteer(root):
    words = set()
    for name in ("given_names.txt", "family_names.txt"):
        with open(os.path.join(root, "redact", "data", name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                for entry in line.strip().split("|"):
                    for w in entry.split():
                        words.add(w.lower())
    return words


def main():
    cli, folder = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    gaz = gazetteer(root)
    tp = collections.Counter()
    fn = collections.Counter()
    found_ok = collections.Counter()
    found = collections.Counter()
    near = collections.Counter()
    near_rejected = collections.Counter()
    person = collections.Counter()
    seen_texts = set()
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        meta = json.load(open(os.path.join(folder, name), encoding="utf-8"))
        text, lang = meta["text"], meta["language"]
        if (text, lang) in seen_texts:
            continue
        seen_texts.add((text, lang))
        findings = analyze(cli, text, lang)
        labelled = []
        for v in meta["values"]:
            for s in spans(text, v["text"]):
                labelled.append((s, v))
        for (s, v) in labelled:
            hit = any(family(f["type"]) == family(v["type"]) and f["start"] < s[1] and
                      s[0] < f["end"] for f in findings)
            (tp if hit else fn)[v["type"]] += 1
            if not hit and os.environ.get("VERBOSE"):
                print("missed", lang, v["type"], v["text"], file=sys.stderr)
            if v["type"] == "PERSON":
                inside = all(w.lower() in gaz for w in v["text"].split())
                person[("in" if inside else "out", hit)] += 1
        for f in findings:
            found[f["type"]] += 1
            ok = any(family(f["type"]) == family(v["type"]) and f["start"] < s[1] and
                     s[0] < f["end"] for (s, v) in labelled)
            if not ok and os.environ.get("VERBOSE"):
                print("extra", lang, f["type"], f["text"], file=sys.stderr)
            if any(family(f["type"]) == family(v["type"]) and f["start"] < s[1] and
                   s[0] < f["end"] for (s, v) in labelled):
                found_ok[f["type"]] += 1
        for v in meta["values"]:
            if v["type"] not in ("IBAN_CODE", "CREDIT_CARD", "CRYPTO"):
                continue
            broken = break_check(v["text"])
            if broken is None:
                continue
            t2 = text.replace(v["text"], broken)
            f2 = analyze(cli, t2, lang)
            near[v["type"]] += 1
            rejected = not any(f["type"] == v["type"] and f["start"] < s[1] and s[0] < f["end"]
                               for f in f2 for s in spans(t2, broken))
            near_rejected[v["type"]] += rejected
    print(f"texts: {len(seen_texts)}")
    print("| type | values | recall | findings | precision | near misses rejected |")
    print("| --- | --- | --- | --- | --- | --- |")
    types = sorted(set(tp) | set(fn) | set(found))
    for t in types:
        n = tp[t] + fn[t]
        rec = f"{100.0 * tp[t] / n:.1f}%" if n else "-"
        prec = f"{100.0 * found_ok[t] / found[t]:.1f}%" if found[t] else "-"
        nm = f"{near_rejected[t]}/{near[t]}" if near[t] else "-"
        print(f"| {t} | {n} | {rec} | {found[t]} | {prec} | {nm} |")
    all_n = sum(tp.values()) + sum(fn.values())
    print(f"| all | {all_n} | {100.0 * sum(tp.values()) / all_n:.1f}% | {sum(found.values())} | "
          f"{100.0 * sum(found_ok.values()) / max(1, sum(found.values())):.1f}% | "
          f"{sum(near_rejected.values())}/{sum(near.values())} |")
    for where in ("in", "out"):
        n = person[(where, True)] + person[(where, False)]
        if n:
            print(f"PERSON recall, names {where}side the gazetteer: "
                  f"{person[(where, True)]}/{n} = {100.0 * person[(where, True)] / n:.1f}%")


if __name__ == "__main__":
    main()
