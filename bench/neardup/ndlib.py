"""Near-duplicate bench: corpus extraction, labelled variants and the reference criterion.

The criterion (what stages/dedup.c implements, issue 6):
  1. normalize: NFKC, lowercase, keep only characters whose Unicode category starts with L or N;
  2. shingles: the set of character n-grams of the normalized string (the whole string when it
     is shorter than n), each hashed with xxh3_64 of its UTF-8 bytes;
  3. sketch: the k smallest distinct shingle hashes (bottom-k);
  4. sim(A, B) = |U & SA & SB| / |U| where U = the k smallest of SA | SB;
  5. near duplicate when sim >= t and both normalized texts have >= L characters; shorter ones
     match only when their normalized texts are identical.
Baseline: classic SimHash, 64 bits, weight 1 per character 3-gram occurrence, xxh3_64,
Hamming distance <= 3.

Needs Debian's /usr/bin/python3 with python3-xxhash (bench/setup.sh installs it).
The text read from manpages-zh is used in memory and in temporary files only: it is not ours to
commit.
"""

import difflib
import glob
import gzip
import heapq
import os
import random
import re
import unicodedata

import numpy as np
import scipy.sparse as sp
import xxhash

MAN_DIRS = ["/usr/share/man/zh_CN"]

# The parameters recommended by study.py (see /work/notes/neardup-params.md, bench/RESULTS.md):
# character n-grams, sketch size, similarity threshold, minimum normalized length.
REC_N, REC_K, REC_T, REC_L = 2, 128, 0.65, 20

# ---------------------------------------------------------------- the criterion


def normalize(text):
    s = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in s if unicodedata.category(c)[0] in "LN")


def shingle_hashes(norm, n, bits=64, units="utf8"):
    """xxh3_64 of each n-gram's UTF-8 bytes (units="cp": of its code points as 32-bit
    little-endian integers, as stages/neardup.c hashes them); bits=32: the high half, as
    stages/neardup.c keeps"""
    if not norm:
        return set()
    grams = [norm] if len(norm) < n else [norm[i:i + n] for i in range(len(norm) - n + 1)]
    h = xxhash.xxh3_64_intdigest
    enc = "utf-32-le" if units == "cp" else "utf-8"
    if bits == 32:
        return {h(g.encode(enc)) >> 32 for g in grams}
    return {h(g.encode(enc)) for g in grams}


def sketch(norm, n, k, bits=64, units="utf8"):
    """bottom-k of the distinct shingle hashes, sorted ascending"""
    return heapq.nsmallest(k, shingle_hashes(norm, n, bits, units))


def sketch_sim(sa, sb, k):
    """sa, sb: sorted bottom-k sketches"""
    if not sa and not sb:
        return 1.0
    setb = set(sb)
    seta = set(sa)
    union = heapq.nsmallest(k, seta | setb)
    both = sum(1 for u in union if u in seta and u in setb)
    return both / len(union)


def is_near(sim, norm_a, norm_b, t, L):
    if norm_a == norm_b:
        return True
    if len(norm_a) < L or len(norm_b) < L:
        return False
    return sim >= t


def simhash64(norm, n=3):
    if not norm:
        return 0
    grams = [norm] if len(norm) < n else [norm[i:i + n] for i in range(len(norm) - n + 1)]
    v = [0] * 64
    for g in grams:
        h = xxhash.xxh3_64_intdigest(g.encode("utf-8"))
        for b in range(64):
            v[b] += 1 if (h >> b) & 1 else -1
    f = 0
    for b in range(64):
        if v[b] > 0:
            f |= 1 << b
    return f


def hamming(a, b):
    return bin(a ^ b).count("1")


# ---------------------------------------------------------------- relatedness

# Two paragraphs are related (templated text, near copies: manpages-zh has many) when the
# difflib ratio 2M/(|a|+|b|) of their normalized texts (M: characters in matching blocks) is at
# least RDIST, a measure independent of the shingles; below it they are distinct, and a report
# pairing them is a false positive. Variants at 8% edits have a ratio near 0.92, at 20% near 0.8.
RDIST = 0.6
_ratio_cache = {}


def ratio(a, b):
    key = (a, b) if a <= b else (b, a)
    r = _ratio_cache.get(key)
    if r is None:
        r = _ratio_cache[key] = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return r


def _bigrams(s):
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def related(a, b, ga=None, gb=None):
    """a, b: normalized texts (ga, gb: their bigram sets, when known)"""
    ga = ga if ga is not None else _bigrams(a)
    gb = gb if gb is not None else _bigrams(b)
    # ratio >= 0.6 needs many shared characters in order: far more than a fifth of the bigrams
    # of the shorter text (a cheap filter; the ratio decides)
    if len(ga & gb) < 0.2 * min(len(ga), len(gb)):
        return False
    return ratio(a, b) >= RDIST


# ---------------------------------------------------------------- candidate pairs


def _matrix(sks, col):
    rows, cols = [], []
    for i, s in enumerate(sks):
        for h in s:
            c = col.get(h)
            if c is None:
                c = col[h] = len(col)
            rows.append(i)
            cols.append(c)
    return rows, cols


def candidate_pairs(A_sk, B_sk, k, same, tmin, block=800):
    """Pairs (i, j) whose bottom-k similarity may reach tmin (an upper bound from the number of
    shared sketch values); same=True: A is B, only i < j."""
    col = {}
    ra, ca = _matrix(A_sk, col)
    rb, cb = _matrix(B_sk, col)
    A = sp.csr_matrix((np.ones(len(ra), np.int32), (ra, ca)), shape=(len(A_sk), len(col)))
    B = sp.csr_matrix((np.ones(len(rb), np.int32), (rb, cb)), shape=(len(B_sk), len(col)))
    la = np.array([len(s) for s in A_sk])
    lb = np.array([len(s) for s in B_sk])
    BT = B.T.tocsc()
    out = []
    for s in range(0, A.shape[0], block):
        C = (A[s:s + block] @ BT).toarray()
        uni = la[s:s + block, None] + lb[None, :] - C
        bound = C / np.maximum(1, np.minimum(k, uni))
        ii, jj = np.nonzero(bound >= tmin - 1e-9)
        for i, j in zip(ii + s, jj):
            if same and j <= i:
                continue
            out.append((int(i), int(j)))
    return out


# ---------------------------------------------------------------- corpus

_ESC = re.compile(
    r"\\f(\[[^\]]*\]|\(..|.)"        # font changes
    r"|\\s[+-]?\d+"                   # size
    r"|\\\*(\[[^\]]*\]|\(..|.)"       # strings
    r"|\\[&c%|^/,]"                   # zero-width
    r"|\\[kvhwoxlLDnzbYVNRXZ]('[^']*'|\[[^\]]*\]|.)"  # motions and friends
)
_NAMED = {"em": "—", "en": "–", "hy": "-", "lq": "“", "rq": "”", "oq": "‘", "cq": "’",
          "bu": "·", "co": "©", "aq": "'", "dq": '"', "mi": "-", "ti": "~", "rs": "\\",
          "<=": "≤", ">=": "≥", "->": "→", "<-": "←", "aa": "´", "ga": "`", "sq": "□",
          "tm": "™", "rg": "®", "de": "°", "pl": "+", "mu": "×"}


def _unescape(line):
    line = re.sub(r'\\".*$', "", line)                        # comment
    line = re.sub(r"\\\((..)", lambda m: _NAMED.get(m.group(1), ""), line)
    line = re.sub(r"\\\[([^\]]*)\]", lambda m: _NAMED.get(m.group(1), ""), line)
    line = _ESC.sub("", line)
    line = line.replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ").replace("\\0", " ")
    line = line.replace("\\~", " ").replace("\\t", " ")
    line = re.sub(r"\\(.)", r"\1", line)
    return line


def _is_wide(c):
    return unicodedata.east_asian_width(c) in "WF"


def _join(a, b):
    if not a:
        return b
    if not b:
        return a
    return a + b if (_is_wide(a[-1]) or _is_wide(b[0])) else a + " " + b


_BREAKS = {"PP", "P", "LP", "TP", "IP", "SH", "SS", "sp", "br", "HP", "RS", "RE", "TQ",
           "nf", "fi", "EX", "EE", "in", "ti", "TS", "TE", "bp", "ne", "Sh", "Pp", "It", "Bl",
           "El", "Ss"}
_TEXTMAC = {"B", "I", "BR", "RB", "IR", "RI", "BI", "IB", "SM", "SB", "UR", "MT", "Nm", "Ar",
            "Fl", "Xr", "Em", "Li", "Pa", "Cm", "Va"}


def _macro_args(rest):
    args = re.findall(r'"([^"]*)"|(\S+)', rest)
    return [a or b for a, b in args]


def groff_paragraphs(src):
    """Paragraph texts of one groff man page (a rough reading: good enough for prose)."""
    out, cur = [], ""
    nofill = False
    tag_next = False  # the line after .TP is the tag: a paragraph of its own

    def flush():
        nonlocal cur
        if cur.strip():
            out.append(cur.strip())
        cur = ""

    for raw in src.splitlines():
        if raw.startswith(".") or raw.startswith("'"):
            m = re.match(r"[.'](\S*)\s*(.*)$", raw)
            name, rest = (m.group(1), m.group(2)) if m else ("", "")
            if name.startswith("\\\""):
                continue
            if name in ("nf", "EX"):
                flush(); nofill = True; continue
            if name in ("fi", "EE"):
                flush(); nofill = False; continue
            if name in _TEXTMAC:
                args = _macro_args(_unescape(rest))
                joiner = " " if name in ("B", "I", "SM", "SB") else ""
                cur = _join(cur, joiner.join(args))
                if tag_next:
                    flush(); tag_next = False
                continue
            flush()  # any other request: a break (headings and tags are dropped as short)
            tag_next = name in ("TP", "TQ")
            continue
        line = _unescape(raw).strip()
        if not line:
            flush(); continue
        if nofill or tag_next:
            flush(); cur = line; flush(); tag_next = False; continue
        cur = _join(cur, line)
    flush()
    return out


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def han_count(s):
    return len(HAN.findall(s))


def load_corpus(min_han=30, dirs=None):
    """Returns [(source, text)], Han-majority paragraphs with >= min_han Han characters,
    exact copies (same normalized text) kept once (the first, in sorted file order)."""
    files = []
    for d in dirs or MAN_DIRS:
        for f in sorted(glob.glob(os.path.join(d, "man*", "*"))):
            if os.path.islink(f) or not os.path.isfile(f):
                continue
            files.append(f)
    seen, paras = set(), []
    for f in files:
        try:
            data = gzip.open(f).read() if f.endswith(".gz") else open(f, "rb").read()
            src = data.decode("utf-8")
        except (OSError, UnicodeDecodeError, EOFError):
            continue
        if src.lstrip().startswith(".so "):
            continue
        rel = os.path.relpath(f, "/usr/share/man")
        for p in groff_paragraphs(src):
            # no ASCII control characters or stray escapes left in a paragraph
            p = re.sub(r"\s+", " ", p).strip()
            norm = normalize(p)
            h = han_count(norm)
            if h < min_han or 2 * h <= len(norm):
                continue
            if norm in seen:
                continue
            seen.add(norm)
            paras.append((rel, p))
    return paras


# ---------------------------------------------------------------- variants

EDIT_KINDS = ["sub", "ins", "del", "mix"]
EDIT_RATES = [1, 2, 3, 5, 8, 10, 15, 20]
NOISE_KINDS = ["width", "lookalike", "spacing", "noise-all"]

# Kangxi radicals (U+2F00 block) that look like common ideographs; NFKC folds each to the
# ideograph (checked in check_lookalikes()).
LOOKALIKES = {
    "一": "\u2F00", "人": "\u2F08", "入": "\u2F0A", "八": "\u2F0B", "力": "\u2F12",
    "十": "\u2F17", "又": "\u2F1C", "口": "\u2F1D", "土": "\u2F1F", "大": "\u2F24",
    "子": "\u2F26", "寸": "\u2F28", "小": "\u2F29", "工": "\u2F2F", "心": "\u2F3C",
    "手": "\u2F3F", "文": "\u2F42", "方": "\u2F45", "日": "\u2F47", "月": "\u2F49",
    "木": "\u2F4A", "水": "\u2F54", "生": "\u2F63", "用": "\u2F64", "目": "\u2F6C",
    "行": "\u2F8F", "言": "\u2F94", "见": "\u2EC5",
}
# 见 is U+2EC5 (CJK radicals supplement), which NFKC does NOT fold; keep only the folded ones
LOOKALIKES = {k: v for k, v in LOOKALIKES.items()
              if v != k and unicodedata.normalize("NFKC", v) == k}

_ASCII_PUNCT_OF = {"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(",
                   "）": ")", "“": '"', "”": '"', "、": ","}


def check_lookalikes():
    for k, v in LOOKALIKES.items():
        assert unicodedata.normalize("NFKC", v) == k, (k, v)
    return len(LOOKALIKES)


def _ln(c):
    return unicodedata.category(c)[0] in "LN"


def edit(text, kind, rate, rng, alphabet):
    """Edits round(rate% of the letters/digits) characters (at least 1) of text.
    kind: sub | ins | del | mix. Positions are distinct letters/digits of the original;
    inserted and substituted characters are drawn from the corpus character distribution."""
    chars = list(text)
    pos = [i for i, c in enumerate(chars) if _ln(c)]
    m = max(1, round(len(pos) * rate / 100.0))
    m = min(m, len(pos))
    picked = sorted(rng.sample(pos, m), reverse=True)
    for i in picked:
        op = kind if kind != "mix" else rng.choice(["sub", "ins", "del"])
        if op == "sub":
            c = rng.choice(alphabet)
            while c == chars[i]:
                c = rng.choice(alphabet)
            chars[i] = c
        elif op == "ins":
            chars.insert(i + rng.randint(0, 1), rng.choice(alphabet))
        else:
            del chars[i]
    return "".join(chars), m


def width_noise(text, rng):
    out = []
    for c in text:
        if "!" <= c <= "~" and rng.random() < 0.8:
            out.append(chr(ord(c) + 0xFEE0))          # ASCII -> full width
        elif c in _ASCII_PUNCT_OF and rng.random() < 0.8:
            out.append(_ASCII_PUNCT_OF[c])             # full-width punctuation -> ASCII
        elif c == " " and rng.random() < 0.5:
            out.append("\u3000")
        else:
            out.append(c)
    return "".join(out)


def lookalike_noise(text, rng, p=0.7):
    return "".join(LOOKALIKES[c] if c in LOOKALIKES and rng.random() < p else c for c in text)


def spacing_noise(text, rng, p=0.1):
    out = []
    for c in text:
        out.append(c)
        if rng.random() < p:
            out.append(rng.choice([" ", " ", "  ", "\u3000", "\u00a0"]))
    return "".join(out).strip()


_SENT = re.compile(r"[^。！？；]*[。！？；]")


def sentences(text):
    return [s for s in _SENT.findall(text) if han_count(s) >= 6]


def add_sentence(text, pool, src, rng):
    """Inserts one sentence of another page at a random sentence boundary of text: a sentence
    of 6 characters up to a quarter of text's normalized length (6 when text is shorter than
    24). pool: [(source, corpus index, sentence, normalized length)].
    Returns (variant, added length / original length, corpus index of the donor paragraph)."""
    n = len(normalize(text))
    hi = max(6, n // 4)
    while True:
        ds, di, sent, ln = rng.choice(pool)
        if ds != src and 6 <= ln <= hi:
            break
    bounds = [0] + [m.end() for m in _SENT.finditer(text)] + [len(text)]
    at = rng.choice(sorted(set(bounds)))
    return text[:at] + sent + text[at:], ln / max(1, n), di


def build_set(paras, n_orig=400, seed=1):
    """Originals and labelled variants.
    Returns (originals, variants): originals [(source, text)], variants
    [(orig_index, kind, level, text, detail)] with kind in EDIT_KINDS (level = % rate, detail
    = number of edits), NOISE_KINDS (level 0) or 'sentence' (level = added length / original
    length in %, detail = index in paras of the paragraph the sentence comes from)."""
    rng = random.Random(seed)
    # originals: whole man pages at a time (up to 40 paragraphs each), so that many originals
    # share a source (same-topic negatives), taken from a shuffled list of pages until n_orig
    by_src = {}
    for s, t in paras:
        by_src.setdefault(s, []).append(t)
    srcs = sorted(by_src)
    rng.shuffle(srcs)
    # no two originals related (see related()): every pair of originals is a negative
    originals, chosen = [], []
    for s in srcs:
        for t in by_src[s][:40]:
            if len(originals) >= n_orig:
                break
            nt = normalize(t)
            g = _bigrams(nt)
            if any(related(nt, o, g, og) for o, og in chosen):
                continue
            originals.append((s, t))
            chosen.append((nt, g))
    alphabet = [c for _, t in paras for c in t if HAN.match(c)]
    pool = [(s, i, x, len(normalize(x))) for i, (s, t) in enumerate(paras) for x in sentences(t)]
    variants = []
    for oi, (src, text) in enumerate(originals):
        for kind in EDIT_KINDS:
            for rate in EDIT_RATES:
                v, m = edit(text, kind, rate, rng, alphabet)
                variants.append((oi, kind, rate, v, m))
        variants.append((oi, "width", 0, width_noise(text, rng), 0))
        variants.append((oi, "lookalike", 0, lookalike_noise(text, rng), 0))
        variants.append((oi, "spacing", 0, spacing_noise(text, rng), 0))
        variants.append((oi, "noise-all", 0,
                         spacing_noise(lookalike_noise(width_noise(text, rng), rng), rng), 0))
        v, ratio, donor = add_sentence(text, pool, src, rng)
        variants.append((oi, "sentence", round(100 * ratio), v, donor))
    # no blank or space at either end (a deletion next to a space can leave one): the harness
    # writes one paragraph per line
    variants = [(o, kd, lv, re.sub(r"\s+", lambda m: m.group(0).replace("\n", " "), v).strip(), d)
                for o, kd, lv, v, d in variants]
    return originals, variants
