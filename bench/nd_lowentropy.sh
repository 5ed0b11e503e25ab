#!/bin/bash
# bench/nd_lowentropy.sh [-r] BIN [SIZES]: near-repeat lookups on low-entropy text (probe 11b
# G1), where every bigram of a paragraph is common and an unbounded lookup walks lists that hold
# a fixed share of the index. Not run in CI.
#
# Without -r: for each size (paragraphs; default 10000 20000 40000 80000) two inputs, as in the
# probe: "e", 10 random words a paragraph from the words of /usr/share/common-licenses (read
# where Debian installs it), and "r", 40 random characters a paragraph from a set of 12 Han
# characters; prints user seconds of `clean -q -f text -j1` (median of 3), microseconds per
# paragraph (flat when the work per lookup is bounded), and the window of the first bounded
# lookup (the dedup-limit warning; "-" when none was bounded).
#
# With -r: recall of the bound. For each distance D (DISTANCES, default 10 100 300 1000 3000
# 10000 and the first paragraph), a file of SIZES paragraphs (one size; default 40000) of each
# kind, with an edited copy of the paragraph D paragraphs before the end (one word, or two
# characters, changed: a near repeat) appended; prints whether `dedup` finds it. Inputs go to
# a temporary directory, removed at the end.
set -euo pipefail
recall=0
if [ "${1:-}" = -r ]; then recall=1; shift; fi
bin=${1:?usage: bench/nd_lowentropy.sh [-r] BIN [SIZES]}
if [ $recall = 1 ]; then sizes=${2:-40000}; else sizes=${2:-"10000 20000 40000 80000"}; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() { # KIND N OUT [D]: N paragraphs, and with D a near copy of paragraph N - D at the end
  python3 - "$@" <<'EOF'
import glob, random, re, sys
kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = int(sys.argv[4]) if len(sys.argv) > 4 else 0
if kind == 'e':
    random.seed(3)
    words = set()
    for f in glob.glob('/usr/share/common-licenses/*'):
        try: words |= set(re.findall(r'[a-z]{3,}', open(f).read().lower()))
        except OSError: pass
    words = sorted(words)
    paras = [[random.choice(words) for _ in range(10)] for _ in range(n)]
    text = [' '.join(p) + '.' for p in paras]
    if d:
        p = list(paras[n - d]); p[4] = 'zebra'       # one word of ten changed
        text.append(' '.join(p) + '.')
else:
    random.seed(5)
    al = '的一是在不了有和人这中大'
    paras = [''.join(random.choice(al) for _ in range(40)) for _ in range(n)]
    text = [p + '。' for p in paras]
    if d:
        p = paras[n - d]; text.append(p[:20] + '龘' + p[21:30] + '龘' + p[31:] + '。')
open(out, 'w').write(''.join(t + '\n\n' for t in text))
EOF
}

if [ $recall = 1 ]; then
  echo "| kind | paragraphs | distance | found |"
  echo "|---|---|---|---|"
  for kind in e r; do
    for d in ${DISTANCES:-10 100 300 1000 3000 10000 $((sizes - 1))}; do
      gen $kind "$sizes" "$tmp/f.txt" $d
      last=$(grep -c '' "$tmp/f.txt")
      last=$((last - 1)) # the copy's line
      found=no
      "$bin" dedup -q -j1 -f text "$tmp/f.txt" 2>/dev/null | grep -q "^[^:]*:$last: repeats" && found=yes
      echo "| $kind | $sizes | $d | $found |"
    done
  done
  exit 0
fi

echo "| input | paragraphs | MB | user s (median of 3) | µs per paragraph | first bounded lookup: window |"
echo "|---|---|---|---|---|---|"
for kind in e r; do
  for n in $sizes; do
    f=$tmp/$kind$n.txt
    gen $kind "$n" "$f"
    ts=()
    for _ in 1 2 3; do
      ts+=("$( { /usr/bin/time -f '%U' "$bin" clean -q -f text -j1 -o "$tmp/out.txt" "$f"; } 2>&1 | tail -1)")
    done
    med=$(printf '%s\n' "${ts[@]}" | sort -n | sed -n 2p)
    "$bin" clean -f text -j1 -o "$tmp/out.txt" --report "$tmp/rep.txt" "$f" 2>/dev/null || true
    win=$(sed -n 's/.*compared with the latest \([0-9]*\) paragraphs.*/\1/p' "$tmp/rep.txt" | head -1)
    mb=$(echo "scale=2; $(stat -c %s "$f") / 1000000" | bc)
    us=$(echo "scale=1; $med * 1000000 / $n" | bc)
    echo "| $kind$n | $n | $mb | $med | $us | ${win:--} |"
  done
done
