#!/bin/bash
# simd_paths_test.sh QINGGAO SRC: the AVX2 byte loops (pipeline/simd.h) give what the SSE2 ones
# give: `clean -f json` and `lint -f json` of every fixture page (samples/, tests/pages/,
# tests/copy/), and of pages made of their lines cut to every length from 1 to 99 characters
# (so that each loop's last, partial block is reached at every offset), run as the CPU chooses and with
# QG_SIMD=sse2, must be byte-identical. Skipped (77) on a CPU without AVX2, where both runs
# take the SSE2 loops.
QG=$1 SRC=$2
grep -qw avx2 /proc/cpuinfo 2>/dev/null || { echo "SKIP: this CPU has no AVX2"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
pages=("$SRC"/samples/*.txt "$SRC"/tests/pages/*.txt "$SRC"/tests/copy/*.txt)
src=("${pages[@]}")
# the cut pages: every line of the fixture pages, from its first, second, ... fourth character
# on, cut to k characters (k = 1..99, a page for each k)
python3 - "$T" "${src[@]}" <<'PY' || exit 1
import sys
out, srcs = sys.argv[1], sys.argv[2:]
lines = [l.rstrip("\n") for f in srcs for l in open(f, encoding="utf-8")]
for k in range(1, 100):
    with open(f"{out}/cut{k}.txt", "w", encoding="utf-8") as w:
        for l in lines:
            for j in range(4):
                if l[j:]:
                    w.write(l[j:j + k] + "\n")
PY
for k in $(seq 1 99); do pages+=("$T/cut$k.txt"); done
for p in "${pages[@]}"; do
  for cmd in clean lint; do
    "$QG" $cmd -q -f json "$p" >"$T/avx.json" 2>"$T/avx.err"
    QG_SIMD=sse2 "$QG" $cmd -q -f json "$p" >"$T/sse2.json" 2>"$T/sse2.err"
    if cmp -s "$T/avx.json" "$T/sse2.json" && cmp -s "$T/avx.err" "$T/sse2.err"; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $cmd -f json of $p differs with QG_SIMD=sse2" >&2
      diff "$T/avx.json" "$T/sse2.json" | head -6 >&2; fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
