#!/usr/bin/env python3
"""conformance_seed.py QINGGAO: checks qinggao against the real page in ../shared/fixtures.

The page is read from where it lives, never copied into the project. What the foundation
must already get right, compared with seed-page.gold.json:
  - no Han character lost, changed or added: the multiset of Han characters in the kept
    blocks equals the gold's;
  - the repeats are exactly the gold's `removed` paragraphs (texts compared with white space
    and punctuation ignored), each removed as a dup-paragraph naming the kept line;
  - the same page in GB18030 with CRLF line ends gives the same clean text and says GB18030;
  - structure: the same articles, the same kind for every block, and the same text (white
    space ignored, punctuation included: GB/T 15834 normalization); every repaired cut is a
    para-join and the caption dropped into a paragraph a para-move;
  - removed repeats compared on letters and digits (the gold lists them normalized).
Exits 77 (ctest: skipped, shown as such) when the fixture is absent, except under CI, where
its absence is a failure."""
import collections
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

qg = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.normpath(os.path.join(here, "..", "..", "shared", "fixtures"))
page = os.path.join(fixtures, "seed-page.txt")
if not os.path.exists(page):
    print(f"fixture not found: {page}", file=sys.stderr)
    sys.exit(1 if os.environ.get("CI") else 77)
gold = json.load(open(os.path.join(fixtures, "seed-page.gold.json"), encoding="utf-8"))


def han(s):
    return collections.Counter(c for c in s if unicodedata.name(c, "").startswith("CJK UNIFIED"))


def letters(s):
    return "".join(c for c in s if unicodedata.category(c)[0] in "LN")


def clean(path, fmt="json"):
    r = subprocess.run([qg, "clean", "-q", "-f", fmt, path], capture_output=True)
    if r.returncode != 0:
        sys.exit(f"qinggao clean {path} exited {r.returncode}: {r.stderr.decode()}")
    return r.stdout


failures = passes = 0


def check(cond, what):
    global failures, passes
    print(("ok   " if cond else "FAIL ") + what)
    failures += 0 if cond else 1
    passes += 1 if cond else 0


doc = json.loads(clean(page))
ours = sum((han(b["text"]) for a in doc["articles"] for b in a["blocks"]), collections.Counter())
theirs = sum((han(b["text"]) for a in gold["articles"] for b in a["blocks"]), collections.Counter())
check(ours == theirs, f"Han characters kept equal the gold's ({sum(ours.values())} characters; "
      f"extra {dict(ours - theirs)}, missing {dict(theirs - ours)})")
removed = [letters(r["text"]) for r in doc["removed"]]
gold_removed = [letters(t if isinstance(t, str) else t["text"]) for t in gold["removed"]]
check(sorted(removed) == sorted(gold_removed),
      f"removed paragraphs match the gold ({len(removed)} vs {len(gold_removed)})")
check(all(r["why"] == "dup-paragraph" and r["duplicate_of"]["line"] < r["line"] for r in doc["removed"]),
      "every removed paragraph is a repeat naming an earlier kept line")
check(doc["encoding"] == "UTF-8" and doc["line_ends"] == "LF", "UTF-8, LF detected")

# structure: articles, kinds and texts (letters and digits) against the gold
check(len(doc["articles"]) == len(gold["articles"]),
      f"{len(doc['articles'])} articles (gold {len(gold['articles'])})")
for i, (a, g) in enumerate(zip(doc["articles"], gold["articles"]), 1):
    ours_b = [(b["kind"], "".join(b["text"].split())) for b in a["blocks"]]
    gold_b = [(b["kind"], "".join(b["text"].split())) for b in g["blocks"]]
    diff = [f"block {k}: got {o[0]} {o[1][:20]}…, gold {w[0]} {w[1][:20]}…"
            for k, (o, w) in enumerate(zip(ours_b, gold_b), 1) if o != w]
    if len(ours_b) != len(gold_b):
        diff.append(f"{len(ours_b)} blocks, gold {len(gold_b)}")
    check(not diff, f"article {i}: kinds and texts equal the gold ({len(gold_b)} blocks)"
          + ("".join("\n       " + d for d in diff)))
joins = sorted((d["line"], d["message"]) for d in doc["diagnostics"] if d["rule"] == "para-join")
check([l for l, _ in joins] == [21, 29, 37, 51, 61, 109, 117],
      f"para-join at the seven cuts (got lines {[l for l, _ in joins]})")
moves = [d["line"] for d in doc["diagnostics"] if d["rule"] == "para-move"]
check(moves == [113], f"the caption on line 113 is a para-move (got {moves})")

with tempfile.TemporaryDirectory() as t:
    gb = os.path.join(t, "seed-gb18030-crlf.txt")
    text = open(page, encoding="utf-8").read().replace("\n", "\r\n")
    open(gb, "wb").write(text.encode("gb18030"))
    gdoc = json.loads(clean(gb))
    check(gdoc["encoding"] == "GB18030" and gdoc["line_ends"] == "CRLF", "GB18030, CRLF detected")
    check(clean(gb, "text") == clean(page, "text"), "GB18030+CRLF cleans to the same text as UTF-8")

print(f"{passes} passed, {failures} failed")
sys.exit(1 if failures else 0)
