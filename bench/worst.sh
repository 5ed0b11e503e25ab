#!/bin/bash
# bench/worst.sh [--mb N] [QINGGAO]: `qinggao clean` and `lint` on inputs made to be hard
# (generated here, N MB each, default 4): one line of ASCII punctuation, one line of quotes
# and brackets around Han characters, one line of Han characters, numbers, a mix of Han,
# Latin, digits and marks, half a million short lines, the same paragraph 100,000 times, and
# long paragraphs of few distinct characters (near repeats everywhere), and listings (short
# paragraphs that differ only in their numbers: near repeats by their text, never by their
# figures; probe 18 Q5), and paragraphs of full-width digits in groups of three that are no
# number (probe 44 M6). Prints seconds per MB
# (CPU, user + system) for each; anything far above the bench copy's (bench/run.sh) points at
# a cost that grows faster than the input. Not run in CI.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
mb=4
[ "${1:-}" = --mb ] && { mb=$2; shift 2; }
QG=${1:-$top/build/qinggao}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$mb" <<'PY'
import random, sys
d, mb = sys.argv[1], float(sys.argv[2])
n = int(mb * 1048576)
random.seed(1)
han = [chr(0x4E00 + random.randrange(3000)) for _ in range(2000)]
def w(name, make):
    out, size = [], 0
    while size < n:
        s = make()
        out.append(s)
        size += len(s.encode())
    open(f"{d}/{name}.txt", "w", encoding="utf-8").write("".join(out) + "\n")
w("punct-line", lambda: "".join(random.choice(",.;:!?\"'()[]") for _ in range(1000)))
w("quote-line", lambda: "".join(random.choice("“”‘’「」《》") + random.choice(han) for _ in range(500)))
w("han-line", lambda: "".join(random.choice(han) for _ in range(1000)))
w("numbers", lambda: " ".join(str(random.randrange(10**9)) for _ in range(100)) + "\n")
w("mixed", lambda: "".join(random.choice(han + list("abc123，。、 .,%-/:")) for _ in range(1000)))
w("short-lines", lambda: random.choice(han) * 3 + "\n")
w("same-paragraph", lambda: "这是一个重复的段落，内容完全相同，用来测试去重的速度。\n\n")
w("listings", lambda: "第%d段，这是一段用来测试内存的文字，编号%d，数量%d，价格%d.%02d元。\n\n" % (
    random.randrange(10**6), random.randrange(10**5), random.randrange(1000), random.randrange(1000),
    random.randrange(100)))
w("near-everywhere", lambda: "".join(random.choice(han[:50]) for _ in range(2000)) + "\n\n")
# (a paragraph of 240 KB of full-width digits grouped by ， that is no grouped number: probe 44
# M6, each group walked the chain to its end again, 10 s for one such paragraph before session 44)
w("fw-groups", lambda: "１" + "，２３４" * 20000 + "５\n\n")
PY
echo "| input ($mb MB) | clean -f text s/MB | lint s/MB |"
echo "|---|---|---|"
for f in "$work"/*.txt; do
  bytes=$(stat -c %s "$f")
  row="| $(basename "$f" .txt)"
  for cmd in "clean -j 1 -q -f text -o /dev/null" "lint -j 1 -q"; do
    # shellcheck disable=SC2086
    /usr/bin/time -o "$work/t" -f "%U %S" "$QG" $cmd "$f" >/dev/null 2>&1 || true
    read -r u s < <(tail -1 "$work/t") # after "Command exited with non-zero status 1" (lint)
    row+=" | $(echo "($u + $s) * 1048576 / $bytes" | bc -l | xargs printf '%.3f')"
  done
  echo "$row |"
done
