#!/usr/bin/env python3
"""gen.py SIZE_MB OUT: writes messy copy of about SIZE_MB megabytes built from the project's
own sample pages (samples/*.txt), each copy with fresh defects (zero-width spaces, Kangxi
radicals, full-width digits, indents) so the cleaner has real work on every page."""
import os
import random
import sys

size = float(sys.argv[1]) * 1024 * 1024
out = sys.argv[2]
top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
pages = [open(os.path.join(top, "samples", f), encoding="utf-8").read()
         for f in ("page1.txt", "page2-wrapped.txt", "page3-lines.txt")]
paras = [p for page in pages for p in page.split("\n") if p.strip()]
rng = random.Random(20261129)
radical = {"人": "\u2f08", "大": "\u2f24", "用": "\u2f64", "生": "\u2f63", "工": "\u2f2f"}
written = 0
with open(out, "w", encoding="utf-8") as f:
    while written < size:
        p = rng.choice(paras)
        if rng.random() < 0.3:
            i = rng.randrange(len(p) + 1)
            p = p[:i] + "\u200b" + p[i:]
        if rng.random() < 0.3:
            p = "".join(radical.get(c, c) if rng.random() < 0.2 else c for c in p)
        if rng.random() < 0.2:
            p = p.translate({ord(str(d)): 0xFF10 + d for d in range(10)})
        if rng.random() < 0.2:
            p = "\u3000\u3000" + p
        s = p + "\n\n"
        f.write(s)
        written += len(s.encode("utf-8"))
