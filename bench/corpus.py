#!/usr/bin/env python3
"""corpus.py SIZE_MB OUT [--seed N] [--exact RATE] [--near RATE]

Writes about SIZE_MB megabytes of messy Chinese copy whose paragraphs are new text, unlike
bench/gen.py (which repeats the three sample pages, so nearly every paragraph of its output
is a repeat). An order-2 character Markov model is trained on modern Chinese prose installed
on this machine (Debian's manpages-zh and debian-reference-zh-cn, read from /usr/share, never
copied into the project; bench/setup.sh installs them) and on samples/; it writes paragraphs
of the lengths found there. Each paragraph then gets the defects qinggao repairs (ASCII
punctuation between Han characters, full-width digits, Kangxi radicals, zero-width spaces,
indents, lines wrapped at a column width), and a share of paragraphs repeats an earlier one
exactly (--exact, default 0.03) or with a few characters changed (--near, default 0.02), as
pasted and re-edited copy does. Deterministic for a seed.
"""
import argparse
import glob
import gzip
import html
import os
import random
import re
import sys

ap = argparse.ArgumentParser()
ap.add_argument("size_mb", type=float)
ap.add_argument("out")
ap.add_argument("--seed", type=int, default=20261201)
ap.add_argument("--exact", type=float, default=0.03)
ap.add_argument("--near", type=float, default=0.02)
args = ap.parse_args()

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def han_count(s):
    return sum(1 for c in s if "\u4e00" <= c <= "\u9fff")


def from_manpages():
    out = []
    esc = re.compile(r"\\f[BIRP1-4]|\\f\(..|\\\(..|\\[-&e]|\\[a-z]")
    for f in sorted(glob.glob("/usr/share/man/zh_CN/man*/*.gz")):
        try:
            text = gzip.open(f).read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        cur = []
        for line in text.split("\n") + [""]:
            if line.startswith((".", "'")) or not line.strip():
                if cur:
                    out.append("".join(cur))
                    cur = []
                continue
            cur.append(esc.sub("", line).strip())
    return out


def from_reference():
    out = []
    for f in sorted(glob.glob("/usr/share/debian-reference/*.zh-cn.html")):
        text = open(f, encoding="utf-8").read()
        for m in re.finditer(r"<p>(.*?)</p>", text, re.S):
            out.append(re.sub(r"\s*\n\s*", "", html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))))
    return out


def from_samples():
    out = []
    for f in sorted(glob.glob(os.path.join(top, "samples", "*.txt"))):
        out += [p.strip() for p in open(f, encoding="utf-8").read().split("\n\n")]
    return [re.sub(r"\s*\n\s*", "", p) for p in out]


installed = from_manpages() + from_reference()
if han_count("".join(installed[:200])) < 1000:
    sys.exit("corpus.py: Chinese text not installed (manpages-zh, debian-reference-zh-cn): "
             "run bench/setup.sh")
# keep mostly-Chinese prose paragraphs; the samples count four times (news register)
paras = [p for p in installed + from_samples() * 4
         if han_count(p) >= 20 and han_count(p) >= 0.4 * len(p)]

# order-2 character model: for each two-character context, the characters that follow it
model = {}
starts = []
for p in paras:
    t = "\x02\x02" + p + "\x03"
    starts.append(p[:2])
    for i in range(2, len(t)):
        model.setdefault(t[i - 2:i], []).append(t[i])
lengths = [len(p) for p in paras]

rng = random.Random(args.seed)
radical = {"人": "\u2f08", "大": "\u2f24", "用": "\u2f64", "生": "\u2f63", "工": "\u2f2f",
           "日": "\u2f47", "月": "\u2f49", "言": "\u2f94", "水": "\u2f54", "心": "\u2f3c"}
ascii_for = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")"}


def new_paragraph():
    want = rng.choice(lengths)
    ctx = "\x02\x02"
    out = []
    while True:
        c = rng.choice(model[ctx])
        if c == "\x03":
            if len(out) >= 20:
                break
            ctx, out = "\x02\x02", []  # too short: start again
            continue
        out.append(c)
        ctx = ctx[1] + c
        if len(out) >= want and c in "。！？" or len(out) > 4 * want + 200:
            break
    return "".join(out)


def near_copy(p):
    s = list(p)
    for _ in range(max(1, len(s) // 40)):  # about one character in forty
        i = rng.randrange(len(s))
        s[i] = rng.choice("的了在是和有也就都而及与着")
    return "".join(s)


def mess(p):
    if rng.random() < 0.3:
        p = "".join(ascii_for.get(c, c) if rng.random() < 0.3 else c for c in p)
    if rng.random() < 0.2:
        p = p.translate({ord(str(d)): 0xFF10 + d for d in range(10)})
    if rng.random() < 0.2:
        p = "".join(radical.get(c, c) if rng.random() < 0.3 else c for c in p)
    if rng.random() < 0.1:
        i = rng.randrange(len(p) + 1)
        p = p[:i] + "\u200b" + p[i:]
    if rng.random() < 0.2:
        p = "\u3000\u3000" + p
    if rng.random() < 0.15:  # wrapped at a column width, as text from a laid-out page is
        w = rng.randrange(18, 30)
        p = "\n".join(p[i:i + w] for i in range(0, len(p), w))
    return p


size = args.size_mb * 1024 * 1024
written = 0
recent = []
with open(args.out, "w", encoding="utf-8") as f:
    while written < size:
        r = rng.random()
        if recent and r < args.exact:
            p = rng.choice(recent)
        elif recent and r < args.exact + args.near:
            p = near_copy(rng.choice(recent))
        else:
            p = new_paragraph()
            recent.append(p)
            if len(recent) > 2000:
                recent.pop(rng.randrange(len(recent)))
        s = mess(p) + "\n\n"
        f.write(s)
        written += len(s.encode("utf-8"))
