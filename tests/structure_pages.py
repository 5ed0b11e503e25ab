#!/usr/bin/env python3
"""structure_pages.py [--full] QINGGAO [PAGES_DIR]: the structure of each test page against its gold.

For every PAGES_DIR/NN-name.txt (default: tests/pages next to this script) that has a
NN-name.gold.json, runs `QINGGAO clean -q -f json PAGE` and compares with the gold:
  - the same number of articles, and in each article the same blocks: same kinds in order,
    same texts, same datelines (a block has one when the gold gives a "dateline");
  - the same removed paragraphs, compared as multisets.
Datelines are compared unless no gold of the directory records any (as the seed page's).
Texts are compared on letters and digits only (Unicode categories L and N, after NFKC), since
punctuation is another stage's job; with --full they are compared with white space removed
and punctuation included, as the finished cleaner must produce them.

Before that, each gold is checked against its page (without qinggao): the letters and digits
of the gold's blocks and removed paragraphs must be exactly those of the page, so a typo in
a gold cannot pass unnoticed.

Prints a per-page report (which block differs: expected kind/text against what came out) and
exits 1 on any difference, 0 when every page matches."""
import collections
import difflib
import glob
import json
import os
import subprocess
import sys
import unicodedata

BOUNDARY = ("article", "", None)


def letters(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s) if unicodedata.category(c)[0] in "LN")


def nospace(s):
    return "".join(c for c in s if not c.isspace())


def short(s, at=0, width=36):
    """s around position at, shortened for a one-line report."""
    lo = max(0, at - width // 2)
    hi = min(len(s), lo + width)
    return ("…" if lo else "") + s[lo:hi] + ("…" if hi < len(s) else "")


def first_diff(a, b):
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def has_datelines(doc):
    return any("dateline" in b for a in doc.get("articles", []) for b in a.get("blocks", []))


def items(doc, norm, datelines=True):
    """The page as a flat list: an article boundary, then its blocks as (kind, text, dateline)."""
    out = []
    for art in doc.get("articles", []):
        out.append(BOUNDARY)
        for b in art.get("blocks", []):
            dl = b.get("dateline") if datelines else None
            out.append((b.get("kind", "?"), norm(b.get("text", "")), norm(dl) if dl else None))
    return out


def describe(item, raw=None):
    if item == BOUNDARY:
        return "(start of a new article)"
    kind, text, dl = item
    s = f"{kind:8} {short(raw if raw is not None else text, 0, 60)!r}"
    return s + (f" dateline={dl!r}" if dl else "")


def compare(gold, got, norm, out, datelines=True):
    """Appends the differences to out; returns the number of differences."""
    ndiff = 0
    ng, nr = len(gold.get("articles", [])), len(got.get("articles", []))
    if ng != nr:
        out.append(f"  articles: expected {ng}, got {nr}")
        ndiff += 1
    a, b = items(gold, norm, datelines), items(got, norm, datelines)
    # position of each item: article number and block number, for the report
    def where(seq):
        pos, art, blk = [], 0, 0
        for it in seq:
            if it == BOUNDARY:
                art, blk = art + 1, 0
                pos.append(f"article {art}")
            else:
                blk += 1
                pos.append(f"article {art} block {blk}")
        return pos
    pa, pb = where(a), where(b)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        ndiff += 1
        if op == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                x, y = a[i], b[j]
                out.append(f"  {pa[i]} (got {pb[j]}):")
                if x == BOUNDARY or y == BOUNDARY:
                    out.append(f"      expected {describe(x)}")
                    out.append(f"      got      {describe(y)}")
                    continue
                if x[0] != y[0]:
                    out.append(f"      kind: expected {x[0]}, got {y[0]}")
                if x[1] != y[1]:
                    k = first_diff(x[1], y[1])
                    out.append(f"      text differs at character {k + 1}:")
                    out.append(f"        expected {short(x[1], k)!r}")
                    out.append(f"        got      {short(y[1], k)!r}")
                if x[2] != y[2]:
                    out.append(f"      dateline: expected {x[2]!r}, got {y[2]!r}")
            continue
        for i in range(i1, i2):
            out.append(f"  missing  {pa[i]}: {describe(a[i])}")
        for j in range(j1, j2):
            out.append(f"  extra    {pb[j]}: {describe(b[j])}")
    want = collections.Counter(norm(t if isinstance(t, str) else t["text"]) for t in gold.get("removed", []))
    have = collections.Counter(norm(r["text"]) for r in got.get("removed", []))
    if want != have:
        ndiff += 1
        out.append(f"  removed paragraphs: expected {sum(want.values())}, got {sum(have.values())}")
        for t, n in (want - have).items():
            out.append(f"      not removed ({n}x): {short(t, 0, 60)!r}")
        for t, n in (have - want).items():
            out.append(f"      removed but should be kept ({n}x): {short(t, 0, 60)!r}")
    return ndiff


def self_check(page, gold):
    """The gold holds exactly the letters and digits of the page (as multisets)."""
    text = open(page, encoding="utf-8").read()
    mine = collections.Counter(letters(text))
    theirs = collections.Counter()
    for art in gold["articles"]:
        for b in art["blocks"]:
            theirs.update(letters(b["text"]))
    for t in gold.get("removed", []):
        theirs.update(letters(t if isinstance(t, str) else t["text"]))
    if mine == theirs:
        return []
    return [f"  gold does not hold the page's letters: only in page {dict(mine - theirs)}, "
            f"only in gold {dict(theirs - mine)}"]


def main(argv):
    full = "--full" in argv
    args = [a for a in argv if a != "--full"]
    if not args or args[0].startswith("-") or len(args) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    qg = args[0]
    pages_dir = args[1] if len(args) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages")
    pages = sorted(p for p in glob.glob(os.path.join(pages_dir, "*.txt"))
                   if os.path.exists(p[:-4] + ".gold.json"))
    if not pages:
        print(f"no pages with a .gold.json in {pages_dir}", file=sys.stderr)
        return 2
    norm = nospace if full else letters
    mode = "white space removed, punctuation included" if full else "letters and digits only"
    golds = {p: json.load(open(p[:-4] + ".gold.json", encoding="utf-8")) for p in pages}
    # golds written before datelines were recorded (the seed page's) give none at all: then
    # datelines are not compared; a set of golds that records some compares them everywhere
    datelines = any(has_datelines(g) for g in golds.values())
    print(f"comparing {len(pages)} pages ({mode}" +
          ("" if datelines else "; these golds record no datelines: not compared") + ")")
    failed = 0
    for page in pages:
        name = os.path.basename(page)[:-4]
        gold = golds[page]
        out = self_check(page, gold)
        if not out:
            r = subprocess.run([qg, "clean", "-q", "-f", "json", page], capture_output=True)
            if r.returncode != 0:
                out = [f"  qinggao clean exited {r.returncode}: {r.stderr.decode(errors='replace').strip()}"]
            else:
                try:
                    got = json.loads(r.stdout.decode("utf-8").splitlines()[0])
                except (ValueError, IndexError) as e:
                    got, out = None, [f"  output is not one JSON document: {e}"]
                if got is not None:
                    compare(gold, got, norm, out, datelines)
        nblocks = sum(len(a["blocks"]) for a in gold["articles"])
        if out:
            failed += 1
            print(f"FAIL {name} ({len(gold['articles'])} articles, {nblocks} blocks, "
                  f"{len(gold.get('removed', []))} removed)")
            print("\n".join(out))
        else:
            print(f"ok   {name} ({len(gold['articles'])} articles, {nblocks} blocks, "
                  f"{len(gold.get('removed', []))} removed)")
    print(f"{len(pages) - failed} of {len(pages)} pages match")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
