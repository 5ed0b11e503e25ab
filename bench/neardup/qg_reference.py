#!/usr/bin/python3
"""Python reference of `qinggao dedup` for the near-duplicate bench (issue 6).

  qg_reference.py dedup --format json --dedup-scope run --near-threshold T
                  --paragraphs blank --no-repair --no-structure FILE...
                  [--ref-n N] [--ref-k K] [--ref-min-len L] [--ref-bits 64|32]
                  [--ref-units utf8|cp]

Takes the same arguments as the real command (--format, --dedup-scope, --paragraphs,
--no-repair and --no-structure must have the values above: nothing else is modelled) and prints
what the real command is specified to print: one JSON object per line per duplicate paragraph,
  {"source":S,"line":N,"duplicate_of":{"source":S,"line":M},"kind":"exact"|"near",
   "distance":D,"similarity":S}
Paragraphs are runs of non-blank lines; line is the first line of each. As in `clean
--dedup=drop`, the first occurrence stays and later copies are removed: each paragraph is
compared with the kept paragraphs before it. It repeats one when their normalized texts are
identical (kind exact: the first such), or nearly when the bottom-k similarity is >= T and both
normalized texts have >= L characters (kind near: the earliest kept paragraph it nearly
repeats; similarity rounded to 3 decimals, at most 0.999); otherwise it is kept.
Paragraphs of fewer than 10 characters are left alone.
distance: Hamming distance of the 64-bit SimHash of character 3-grams (informative; the binary's
SimHash differs). What the pipeline's other stages would change in the text is not modelled.
"""

import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ndlib  # noqa: E402

DEFAULT_N, DEFAULT_K, DEFAULT_L = ndlib.REC_N, ndlib.REC_K, ndlib.REC_L
MIN_CHARS = 10  # paragraphs of fewer characters (as written) are never deduplicated


def paragraphs(path):
    """[(first line, text)] of a file: runs of non-blank lines, joined with a newline"""
    out, cur, first = [], [], 0
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip():
                if not cur:
                    first = no
                cur.append(line)
            elif cur:
                out.append((first, "\n".join(cur)))
                cur = []
    if cur:
        out.append((first, "\n".join(cur)))
    return out


_cache = {}


def dedup(files, t, n, k, L, bits=64, cache=False, units="utf8"):
    """The records of a run over files. cache=True keeps the paragraphs, sketches and the
    similar pairs of these files in memory (for runs at several thresholds: the harness's
    in-process reference; a run at t reuses the pairs found at a lower threshold)."""
    key = (tuple(os.path.abspath(f) for f in files), n, k, bits, L, units)
    hit = _cache.get(key) if cache else None
    if hit is None or hit[0] > t:
        paras = [(src, line, text) for src in files for line, text in paragraphs(src)]
        norm = [ndlib.normalize(x[2]) for x in paras]
        sk = [ndlib.sketch(s, n, k, bits, units) for s in norm]
        pairs = []   # (sim, i, j), i < j, sim >= t, both >= L characters
        for i, j in ndlib.candidate_pairs(sk, sk, k, True, t):
            if len(norm[i]) < L or len(norm[j]) < L:
                continue
            s = ndlib.sketch_sim(sk[i], sk[j], k)
            if s >= t - 1e-12:
                pairs.append((s, i, j))
        hit = (t, paras, norm, pairs)
        if cache:
            _cache[key] = hit
    _, paras, norm, pairs = hit
    near = {}   # later index -> [(sim, earlier index)]
    for s, i, j in pairs:
        if s >= t - 1e-12:
            near.setdefault(j, []).append((s, i))
    kept, first, out = set(), {}, []
    for j, s in enumerate(norm):
        if len(paras[j][2]) < MIN_CHARS:
            continue
        if s in first:
            i, kind, sim = first[s], "exact", 1.0
        else:
            cands = [(sim, i) for sim, i in near.get(j, ()) if i in kept]
            if not cands:
                kept.add(j)
                first[s] = j
                continue
            sim, i = min(cands, key=lambda x: x[1])
            kind = "near"
            # not the same text although every sampled n-gram is shared
            sim = min(sim, 0.999)
        d = ndlib.hamming(ndlib.simhash64(norm[i]), ndlib.simhash64(s))
        out.append({"source": paras[j][0], "line": paras[j][1],
                    "duplicate_of": {"source": paras[i][0], "line": paras[i][1]},
                    "kind": kind, "distance": d,
                    "similarity": math.floor(sim * 1000 + 0.5) / 1000})
    return out


def main():
    ap = argparse.ArgumentParser(prog="qg_reference.py")
    ap.add_argument("command", choices=["dedup"])
    ap.add_argument("--format", default="json", choices=["json"])
    ap.add_argument("--dedup-scope", default="run", choices=["run"])
    ap.add_argument("--near-threshold", type=float, default=ndlib.REC_T)
    ap.add_argument("--paragraphs", default="blank", choices=["blank"])
    ap.add_argument("--no-repair", action="store_true")
    ap.add_argument("--no-structure", action="store_true")
    ap.add_argument("--ref-n", type=int, default=DEFAULT_N)
    ap.add_argument("--ref-k", type=int, default=DEFAULT_K)
    ap.add_argument("--ref-min-len", type=int, default=DEFAULT_L)
    ap.add_argument("--ref-bits", type=int, default=64, choices=[32, 64],
                    help="shingle hash: xxh3_64, or its high 32 bits")
    ap.add_argument("--ref-units", default="utf8", choices=["utf8", "cp"],
                    help="n-grams hashed as UTF-8 bytes, or as 32-bit code points")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    for r in dedup(a.files, a.near_threshold, a.ref_n, a.ref_k, a.ref_min_len,
                     a.ref_bits, units=a.ref_units):
        sys.stdout.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
