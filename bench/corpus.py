#!/usr/bin/env python3
"""corpus.py SIZE_MB OUT [--seed N] [--exact RATE] [--near RATE] [--han-share F] [--gen PATH]

Writes about SIZE_MB megabytes of messy Chinese copy whose paragraphs are new text, unlike
bench/gen.py (which repeats the three sample pages, so nearly every paragraph of its output
is a repeat). It gathers modern Chinese prose installed on this machine (Debian's manpages-zh
and debian-reference-zh-cn, read from /usr/share, never copied into the project;
bench/setup.sh corpus installs them) and samples/, one paragraph a line, into a cache file in
the temporary directory, and runs bench/corpus_gen.c (`cmake --build build --target
corpus_gen`), which trains an order-2 character Markov model on it and writes paragraphs of
the lengths found there with the defects qinggao repairs and a share of exact (--exact,
default 0.03) and near (--near, default 0.02) repeats of recent paragraphs. Deterministic for
a seed; about 50 MB/s.

--han-share F (default 0.4) keeps the training paragraphs whose Han characters are at least F
of their characters: 0.4 takes the manual pages' option names, commands and paths (about 30%
of the output's characters ASCII), 0.8 only prose of a newspaper's mix (bench/news.sh --prose).
"""
import argparse
import glob
import gzip
import html
import os
import re
import subprocess
import sys
import tempfile

ap = argparse.ArgumentParser()
ap.add_argument("size_mb", type=float)
ap.add_argument("out")
ap.add_argument("--seed", type=int, default=20261201)
ap.add_argument("--exact", type=float, default=0.03)
ap.add_argument("--near", type=float, default=0.02)
ap.add_argument("--han-share", type=float, default=0.4)
ap.add_argument("--gen", default=None)
args = ap.parse_args()

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
gen = args.gen or os.path.join(top, "build", "corpus_gen")
if not os.access(gen, os.X_OK):
    sys.exit(f"corpus.py: {gen} missing: cmake --build build --target corpus_gen")


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
             "run bench/setup.sh corpus")
# mostly-Chinese prose paragraphs; the samples count four times (news register)
paras = [p for p in installed + from_samples() * 4
         if han_count(p) >= 20 and han_count(p) >= args.han_share * len(p)]
prose = os.path.join(tempfile.gettempdir(),
                     "qinggao-bench-prose%s.txt" % ("" if args.han_share == 0.4 else "-%g" % args.han_share))
with open(prose + ".tmp", "w", encoding="utf-8") as f:
    for p in paras:
        f.write(p.replace("\n", " ") + "\n")
os.replace(prose + ".tmp", prose)
subprocess.run([gen, prose, str(args.size_mb), args.out, str(args.seed), str(args.exact),
                str(args.near)], check=True)
