#!/usr/bin/python3
"""Parameter study of the bottom-k near-duplicate criterion (issue 6), by measurement.

  /usr/bin/python3 bench/neardup/study.py [--originals 400] [--seed 1] [--out FILE.md]

Reads Chinese prose paragraphs from manpages-zh (where Debian installs them; never copied),
builds labelled variants of --originals of them (ndlib.build_set), and evaluates the criterion
over the grid n in {2,3,4,5}, k in {32,64,128}, t in 0.20..0.80 step 0.05, L in {12,20,30}:
recall per edit kind and rate, recall on width/lookalike/spacing noise and on an added sentence,
false positives among negatives (every pair of distinct corpus paragraphs, same-source pairs
reported apart, and every variant against every corpus paragraph other than its original), the
largest negative similarity. Baseline: 64-bit SimHash of character 3-grams, Hamming <= 3.
Prints markdown.
"""

import argparse
import sys
import time

import numpy as np

import ndlib

NS = [2, 3, 4, 5]
KS = [32, 64, 128]
TS = [round(0.20 + 0.05 * i, 2) for i in range(13)]
LS = [12, 20, 30]
TMIN = TS[0]
RDIST = ndlib.RDIST
ratio = ndlib.ratio


def sketches(norms, n, k):
    return [ndlib.sketch(s, n, k) for s in norms]


def short_study():
    """Paragraphs of 12..29 normalized characters: largest similarity of distinct pairs and
    recall of 1 and 2 edits, per length band, at the candidate parameters."""
    import collections
    import random
    allp = ndlib.load_corpus(min_han=6)
    short = [(s, t) for s, t in allp if 12 <= len(ndlib.normalize(t)) < 30]
    norm = [ndlib.normalize(t) for _, t in short]
    rng = random.Random(5)
    alphabet = [c for _, t in allp for c in t if ndlib.HAN.match(c)]
    print("%d short paragraphs (normalized 12..29 characters)\n" % len(short))
    print("| n,k,t | max distinct sim 12-19 | 20-29 | recall 1 edit 12-19 / 20-29 | "
          "2 edits 12-19 / 20-29 | related pairs reported 12-19 / 20-29 |")
    print("|---|---|---|---|---|---|")
    band = lambda m: "12-19" if m < 20 else "20-29"
    for n, k, t in [(2, 128, 0.65), (3, 128, 0.55), (4, 128, 0.45)]:
        sk = [ndlib.sketch(x, n, k) for x in norm]
        rel = collections.Counter()
        mx = collections.defaultdict(float)
        for i, j in ndlib.candidate_pairs(sk, sk, k, True, 0.3):
            s = ndlib.sketch_sim(sk[i], sk[j], k)
            b = band(min(len(norm[i]), len(norm[j])))
            if ratio(norm[i], norm[j]) < RDIST:
                mx[b] = max(mx[b], s)
            elif s >= t:
                rel[b] += 1
        rec = collections.defaultdict(list)
        for i, (_, tx) in enumerate(short):
            m = len([c for c in tx if ndlib._ln(c)])
            for kind in ("sub", "ins", "del"):
                for e in (1, 2):
                    v, _ = ndlib.edit(tx, kind, e * 100.0 / m - 1e-9, rng, alphabet)
                    s = ndlib.sketch_sim(sk[i], ndlib.sketch(ndlib.normalize(v), n, k), k)
                    rec[band(len(norm[i])), e].append(s >= t)
        r = lambda b, e: sum(rec[b, e]) / len(rec[b, e])
        print("| %d,%d,%.2f | %.3f | %.3f | %.2f / %.2f | %.2f / %.2f | %d / %d |" % (
            n, k, t, mx["12-19"], mx["20-29"], r("12-19", 1), r("20-29", 1),
            r("12-19", 2), r("20-29", 2), rel["12-19"], rel["20-29"]))


def pct(x):
    return "%.2f" % x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--originals", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--short", action="store_true",
                    help="only the side study of short paragraphs (12..29 characters) for L")
    a = ap.parse_args()
    if a.short:
        return short_study()
    t0 = time.time()
    log = lambda *m: print("[%5.0fs]" % (time.time() - t0), *m, file=sys.stderr)

    corpus = ndlib.load_corpus()
    originals, variants = ndlib.build_set(corpus, a.originals, a.seed)
    cidx = {(s, t): i for i, (s, t) in enumerate(corpus)}
    orig_c = [cidx[o] for o in originals]
    c_norm = [ndlib.normalize(t) for _, t in corpus]
    c_src = [s for s, _ in corpus]
    v_norm = [ndlib.normalize(v[3]) for v in variants]
    c_len = np.array([len(s) for s in c_norm])
    v_len = np.array([len(s) for s in v_norm])
    log("corpus", len(corpus), "paragraphs from", len(set(c_src)), "pages;",
        len(originals), "originals from", len(set(s for s, _ in originals)), "pages;",
        len(variants), "variants")

    # per (n, k): similarity of each variant to its original; negatives
    vsim = {}
    neg = {}     # (n,k) -> list of (sim, minlen, kind) kind: same-src | cross-src | variant
    for n in NS:
        for k in KS:
            csk = sketches(c_norm, n, k)
            vsk = sketches(v_norm, n, k)
            vsim[n, k] = np.array([ndlib.sketch_sim(csk[orig_c[v[0]]], vsk[i], k)
                                   for i, v in enumerate(variants)])
            lst = []
            for i, j in ndlib.candidate_pairs(csk, csk, k, True, TMIN):
                s = ndlib.sketch_sim(csk[i], csk[j], k)
                if s >= TMIN - 1e-9:
                    lst.append((s, min(c_len[i], c_len[j]),
                                "same-src" if c_src[i] == c_src[j] else "cross-src", i, j,
                                ratio(c_norm[i], c_norm[j])))
            for i, j in ndlib.candidate_pairs(vsk, csk, k, False, TMIN):
                if j == orig_c[variants[i][0]]:
                    continue
                if variants[i][1] == "sentence" and j == variants[i][4]:
                    continue    # the paragraph the added sentence comes from
                s = ndlib.sketch_sim(vsk[i], csk[j], k)
                if s >= TMIN - 1e-9:
                    lst.append((s, min(v_len[i], c_len[j]), "variant", i, j,
                                ratio(c_norm[orig_c[variants[i][0]]], c_norm[j])))
            neg[n, k] = lst
            log("n=%d k=%d: %d negative pairs with sim >= %.2f" % (n, k, len(lst), TMIN))

    # simhash baseline
    c_sh = np.array([ndlib.simhash64(s) for s in c_norm], dtype=np.uint64)
    v_sh = np.array([ndlib.simhash64(s) for s in v_norm], dtype=np.uint64)
    vdist = np.array([ndlib.hamming(int(c_sh[orig_c[v[0]]]), int(v_sh[i]))
                      for i, v in enumerate(variants)])
    # corpus pairs: minimum distance (popcount of xor by bytes)
    pc = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)
    sh_neg = {}
    for s in range(0, len(c_sh), 500):
        x = c_sh[s:s + 500, None] ^ c_sh[None, :]
        d = pc[x.view(np.uint8).reshape(x.shape + (8,))].sum(axis=2)
        for r in range(d.shape[0]):
            d[r, :s + r + 1] = 99
        for r in (3, 6, 8, 10, 12):
            sh_neg[r] = sh_neg.get(r, 0) + int((d <= r).sum())
    log("simhash done")

    kinds = [v[1] for v in variants]
    levels = [v[2] for v in variants]
    kinds_arr = np.array(kinds)
    levels_arr = np.array(levels)
    o_len = np.array([len(c_norm[orig_c[v[0]]]) for v in variants])
    ident = np.array([v_norm[i] == c_norm[orig_c[v[0]]] for i, v in enumerate(variants)])

    def recall_mask(n, k, t, L):
        s = vsim[n, k]
        ok = (s >= t - 1e-9) & (v_len >= L) & (o_len >= L)
        return ok | ident

    def sel(kind, level=None):
        m = kinds_arr == kind
        if level is not None:
            m &= levels_arr == level
        return m

    def fp(n, k, t, L, related=False):
        return [x for x in neg[n, k] if x[0] >= t - 1e-9 and x[1] >= L
                and (x[5] >= RDIST if related else x[5] < RDIST)]

    # ---- grid
    rows = []
    for n in NS:
        for k in KS:
            for L in LS:
                for t in TS:
                    hit = recall_mask(n, k, t, L)
                    worst8 = min(hit[sel(kd, lv)].mean() for kd in ndlib.EDIT_KINDS
                                 for lv in ndlib.EDIT_RATES if lv <= 8)
                    noise = min(hit[sel(kd)].mean() for kd in ndlib.NOISE_KINDS)
                    f = fp(n, k, t, L)
                    rows.append(dict(n=n, k=k, L=L, t=t, worst8=worst8, noise=noise,
                                     fp=len(f), fp_same=sum(1 for x in f if x[2] == "same-src"),
                                     fp_cross=sum(1 for x in f if x[2] == "cross-src"),
                                     fp_var=sum(1 for x in f if x[2] == "variant"),
                                     sent=hit[sel("sentence")].mean()))

    def maxneg(n, k, L):
        xs = [x[0] for x in neg[n, k] if x[1] >= L and x[5] < RDIST]
        return max(xs) if xs else 0.0

    def q05_8(n, k, L):
        # the similarity that 95% of the variants of each kind at 8% reach: min over kinds
        # (variants too short for L count as misses: similarity 0)
        vals = []
        for kd in ndlib.EDIT_KINDS:
            m = sel(kd, 8)
            s = np.where((v_len[m] >= L) & (o_len[m] >= L), vsim[n, k][m], 0.0)
            vals.append(np.quantile(s, 0.05, method="lower"))
        return min(vals)

    summ = []
    for n in NS:
        for k in KS:
            for L in LS:
                feas = [r["t"] for r in rows if r["n"] == n and r["k"] == k and r["L"] == L
                        and r["worst8"] >= 0.95 and r["noise"] >= 1.0 and r["fp"] == 0]
                mn, q = maxneg(n, k, L), q05_8(n, k, L)
                summ.append(dict(n=n, k=k, L=L, maxneg=mn, q05=q, margin=q - mn,
                                 tlo=min(feas) if feas else None,
                                 thi=max(feas) if feas else None, nfeas=len(feas)))

    out = []
    P = out.append
    P("## Data\n")
    P("- corpus: %d Han-majority paragraphs (>= 30 Han characters, Han > half of the letters and "
      "digits, exact copies after normalization kept once) from %d man pages of manpages-zh "
      "(/usr/share/man/zh_CN; zh_TW is an automatic traditional-character conversion of the same "
      "pages, so it is left out: its paragraphs would be near copies, not negatives)."
      % (len(corpus), len(set(c_src))))
    P("- originals: %d paragraphs (whole pages, up to 40 paragraphs each, from %d pages in a "
      "seeded shuffle; seed %d; a paragraph related to an earlier original (difflib ratio >= "
      "%.1f) is skipped, so every pair of originals is a negative); normalized length min/median/max %d/%d/%d characters."
      % (len(originals), len(set(s for s, _ in originals)), a.seed, RDIST,
         min(c_len[orig_c]), int(np.median(c_len[orig_c])), max(c_len[orig_c])))
    P("- variants: %d: for every original, substitutions, insertions, deletions and a mix at "
      "1, 2, 3, 5, 8, 10, 15, 20%% of its letters/digits (at least one edit; inserted and "
      "substituted characters drawn from the corpus Han character distribution); width noise "
      "(ASCII letters, digits and punctuation to full width, full-width punctuation to ASCII, "
      "spaces to U+3000); Kangxi-radical lookalikes (%d mappings, e.g. U+2F08 for 人); spacing "
      "noise (a space, two, U+3000 or U+00A0 after 10%% of characters); all three noises "
      "together; one added sentence of another page (6 characters up to a quarter of the original's "
      "length; median added length %d%% of the original)."
      % (len(variants), len(ndlib.LOOKALIKES),
         int(np.median([v[2] for v in variants if v[1] == "sentence"]))))
    P("- negatives: every pair of distinct corpus paragraphs (%d pairs; %d of them within one "
      "page) and every variant against every corpus paragraph other than its own original "
      "(and, for added sentences, the paragraph the sentence comes from) (%d pairs). A pair counts as a false positive only when it is distinct: difflib ratio "
      "of the normalized texts (of the variant's original, for variant pairs) below %.1f; "
      "pairs above are related (see below)."
      % (len(corpus) * (len(corpus) - 1) // 2,
         sum(c * (c - 1) // 2 for c in np.unique(c_src, return_counts=True)[1]),
         len(variants) * (len(corpus) - 1), RDIST))
    P("")
    P("## Summary per (n, k, L)\n")
    P("maxneg: the largest similarity of a negative pair whose texts both have >= L characters; "
      "q05@8%: the similarity that 95% of the variants of the worst edit kind at 8% reach; "
      "margin = q05@8% - maxneg; feasible t: grid thresholds with recall >= 0.95 for every "
      "edit kind at every rate <= 8%, recall 1.0 on noise, and no false positive.\n")
    P("| n | k | L | maxneg | q05@8% | margin | feasible t |")
    P("|---|---|---|---|---|---|---|")
    for s in summ:
        P("| %d | %d | %d | %.3f | %.3f | %+.3f | %s |" % (
            s["n"], s["k"], s["L"], s["maxneg"], s["q05"], s["margin"],
            "%.2f..%.2f" % (s["tlo"], s["thi"]) if s["nfeas"] else "none"))
    best = max(summ, key=lambda s: (s["nfeas"] > 0, s["margin"], -s["k"]))
    n, k, L = best["n"], best["k"], best["L"]
    if best["nfeas"]:
        tmid = (best["maxneg"] + best["q05"]) / 2
        feas = [t for t in TS if best["tlo"] - 1e-9 <= t <= best["thi"] + 1e-9]
        t = min(feas, key=lambda x: abs(x - tmid))
    else:
        t = 0.5
    P("\nBest by margin: n=%d k=%d L=%d, feasible t %s; the grid t nearest the middle of the "
      "gap (%.3f) is t=%.2f.\n" % (n, k, L,
                                   "%.2f..%.2f" % (best["tlo"], best["thi"]) if best["nfeas"] else "none",
                                   (best["maxneg"] + best["q05"]) / 2, t))

    def recall_table(n, k, t, L):
        hit = recall_mask(n, k, t, L)
        P("Recall, n=%d k=%d t=%.2f L=%d (variants per cell: %d):\n" % (n, k, t, L, len(originals)))
        P("| edit | " + " | ".join("%d%%" % r for r in ndlib.EDIT_RATES) + " |")
        P("|---|" + "---|" * len(ndlib.EDIT_RATES))
        for kd in ndlib.EDIT_KINDS:
            P("| %s | " % kd + " | ".join(pct(hit[sel(kd, r)].mean()) for r in ndlib.EDIT_RATES) + " |")
        P("\n| width | lookalike | spacing | all noise | added sentence |")
        P("|---|---|---|---|---|")
        P("| " + " | ".join(pct(hit[sel(kd)].mean()) for kd in ndlib.NOISE_KINDS + ["sentence"]) + " |")
        f = fp(n, k, t, L)
        P("\nFalse positives (distinct pairs, ratio < %.1f): %d (same page %d, other pages %d, "
          "variant vs other paragraph %d); max similarity of a distinct pair %.3f.\n" % (RDIST,
              len(f), sum(1 for x in f if x[2] == "same-src"), sum(1 for x in f if x[2] == "cross-src"),
              sum(1 for x in f if x[2] == "variant"), maxneg(n, k, L)))

    P("## Recommended parameters\n")
    recall_table(n, k, t, L)
    P("Median similarity to the original, n=%d k=%d:\n" % (n, k))
    P("| edit | " + " | ".join("%d%%" % r for r in ndlib.EDIT_RATES) + " |")
    P("|---|" + "---|" * len(ndlib.EDIT_RATES))
    for kd in ndlib.EDIT_KINDS:
        P("| %s | " % kd + " | ".join("%.3f" % np.median(vsim[n, k][sel(kd, r)]) for r in ndlib.EDIT_RATES) + " |")
    P("")
    P("Highest similarities of distinct negative pairs (ratio < %.1f), n=%d k=%d (L=%d):\n" % (RDIST, n, k, L))
    P("| sim | ratio | min len | kind | a | b |")
    P("|---|---|---|---|---|---|")
    top = sorted([x for x in neg[n, k] if x[1] >= L and x[5] < RDIST], reverse=True)[:10]
    for s, ml, kd, i, j, r in top:
        an = ("variant %s %d%% of %s" % (variants[i][1], variants[i][2], originals[variants[i][0]][0])
              if kd == "variant" else c_src[i])
        P("| %.3f | %.2f | %d | %s | %s | %s |" % (s, r, ml, kd, an, c_src[j]))
    P("")
    P("## Negatives by relatedness\n")
    P("Largest similarity of corpus pairs (both >= L=%d characters) per band of the difflib ratio "
      "of their normalized texts (pairs with similarity >= %.2f, n/k as columns; count in "
      "parentheses at the recommended n, k). Ratio >= %.1f: templated paragraphs and near copies "
      "inside manpages-zh itself (not counted as false positives).\n" % (L, TMIN, RDIST))
    bands = [(0, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
    P("| n,k | " + " | ".join("%.1f-%.1f" % b if b[1] <= 1 else ">= %.1f" % b[0] for b in bands) + " |")
    P("|---|" + "---|" * len(bands))
    for nn in NS:
        for kk in KS:
            cells = []
            for lo, hi in bands:
                xs = [x[0] for x in neg[nn, kk] if x[1] >= L and x[2] != "variant" and lo <= x[5] < hi]
                c = "%.2f" % max(xs) if xs else "-"
                if nn == n and kk == k:
                    c += " (%d)" % len(xs)
                cells.append(c)
            P("| %d,%d | " % (nn, kk) + " | ".join(cells) + " |")
    rel = fp(n, k, t, L, related=True)
    P("\nAt the recommended parameters, %d related pairs (ratio >= %.1f) are reported as near "
      "duplicates (%d corpus pairs, %d variant-vs-paragraph pairs).\n" % (
          len(rel), RDIST, sum(1 for x in rel if x[2] != "variant"), sum(1 for x in rel if x[2] == "variant")))
    P("## Every (n, k) at its best t (L=%d)\n" % L)
    P("Worst recall over edit kinds at each rate; FP = false positives at that t.\n")
    P("| n | k | t | " + " | ".join("%d%%" % r for r in ndlib.EDIT_RATES) + " | noise | sentence | FP | maxneg |")
    P("|---|---|---|" + "---|" * len(ndlib.EDIT_RATES) + "---|---|---|---|")
    for nn in NS:
        for kk in KS:
            s = next(x for x in summ if x["n"] == nn and x["k"] == kk and x["L"] == L)
            if s["nfeas"]:
                mid = (s["maxneg"] + s["q05"]) / 2
                tt = min([x for x in TS if s["tlo"] - 1e-9 <= x <= s["thi"] + 1e-9], key=lambda x: abs(x - mid))
            else:   # no feasible t: the smallest t without false positives
                nofp = [r["t"] for r in rows if r["n"] == nn and r["k"] == kk and r["L"] == L and r["fp"] == 0]
                tt = min(nofp) if nofp else TS[-1]
            hit = recall_mask(nn, kk, tt, L)
            P("| %d | %d | %.2f | " % (nn, kk, tt) + " | ".join(
                pct(min(hit[sel(kd, r)].mean() for kd in ndlib.EDIT_KINDS)) for r in ndlib.EDIT_RATES)
              + " | %s | %s | %d | %.3f |" % (pct(min(hit[sel(kd)].mean() for kd in ndlib.NOISE_KINDS)),
                                              pct(hit[sel("sentence")].mean()), len(fp(nn, kk, tt, L)), s["maxneg"]))
    P("")
    P("## Full grid (L=%d): worst recall <= 8%% / false positives\n" % L)
    P("| n | k | " + " | ".join("%.2f" % x for x in TS) + " |")
    P("|---|---|" + "---|" * len(TS))
    for nn in NS:
        for kk in KS:
            cells = []
            for tt in TS:
                r = next(x for x in rows if x["n"] == nn and x["k"] == kk and x["L"] == L and abs(x["t"] - tt) < 1e-9)
                cells.append("%.2f/%d" % (r["worst8"], r["fp"]))
            P("| %d | %d | " % (nn, kk) + " | ".join(cells) + " |")
    P("")

    P("## Baseline: SimHash (64 bits, character 3-grams weight 1, xxh3_64, Hamming <= 3)\n")
    P("| edit | " + " | ".join("%d%%" % r for r in ndlib.EDIT_RATES) + " |")
    P("|---|" + "---|" * len(ndlib.EDIT_RATES))
    for kd in ndlib.EDIT_KINDS:
        P("| %s | " % kd + " | ".join(pct((vdist[sel(kd, r)] <= 3).mean()) for r in ndlib.EDIT_RATES) + " |")
    P("\n| width | lookalike | spacing | all noise | added sentence |")
    P("|---|---|---|---|---|")
    P("| " + " | ".join(pct((vdist[sel(kd)] <= 3).mean()) for kd in ndlib.NOISE_KINDS + ["sentence"]) + " |")
    m38 = np.isin(kinds_arr, ["sub", "ins", "del"]) & np.isin(levels_arr, [3, 5, 8])
    P("\nSubstitutions, insertions and deletions at 3, 5 and 8%%: %d of %d found (%.1f%%; the "
      "issue's figure: 9 of 80, 11%%). Median Hamming distance at 3/5/8%% edits: %s. Negative corpus "
      "pairs within distance 3/6/8/10/12: %s.\n" % (
          int((vdist[m38] <= 3).sum()), int(m38.sum()), 100 * (vdist[m38] <= 3).mean(),
          "/".join("%d" % np.median(vdist[np.isin(kinds_arr, ["sub", "ins", "del"]) & (levels_arr == r)]) for r in (3, 5, 8)),
          "/".join(str(sh_neg[r]) for r in (3, 6, 8, 10, 12))))
    P("Generated by `/usr/bin/python3 bench/neardup/study.py --originals %d --seed %d` in %.0f s."
      % (a.originals, a.seed, time.time() - t0))
    text = "\n".join(out) + "\n"
    if a.out:
        open(a.out, "w").write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
