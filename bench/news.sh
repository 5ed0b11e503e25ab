#!/bin/bash
# bench/news.sh [--mb N] [--runs R] [--prose] [QINGGAO]: the stages on real newspaper copy.
# bench/run.sh measures on bench/corpus.py copy, an order-2 Markov text of installed prose
# (Debian's Chinese manual pages and reference): about 30% of its characters are ASCII
# (option names, commands, paths), where a printed newspaper page has about 9%, and Latin runs
# cost every stage more than Han text. This bench reads the seed page of ../shared/fixtures (a
# real newspaper page, read where it lives, never copied into the project), repeats it to N MB
# (default 50) in a temporary directory, and runs side by side, medians of R runs (default 5),
# CPU time (user + system):
#   qinggao clean -f text --dedup off   every stage but dedup (each copy of the page would be
#                                       an exact repeat, which is no measure of near lookups)
#   qinggao clean -f text               the same with dedup: exact repeats only
#   uconv -x Halfwidth-Fullwidth        issue 9's reference
# and prints a Markdown table and the ratios. It writes nothing in the project.
#
# --prose (session 25): instead of the seed page repeated, new paragraphs of a newspaper's mix:
# bench/corpus.py --han-share 0.8 (an order-2 Markov text of the installed prose whose
# paragraphs are at least 80% Han, about 7% ASCII characters; its defects and 3% exact, 2% near
# repeats as in bench/run.sh's copy). Every copy of the seed page is an exact repeat, found by
# its hash; here nearly every paragraph is new, so the near-repeat lookup runs for each, as it
# does on a desk's or a corpus's own text. Needs bench/setup.sh corpus and build/corpus_gen.
set -euo pipefail
mb=50 runs=5 prose=0
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --prose) prose=1; shift ;;
    *) break ;;
  esac
done
top=$(cd "$(dirname "$0")/.." && pwd)
QG=${1:-$top/build/qinggao}
seed=${SEED_PAGE:-$top/../shared/fixtures/seed-page.txt}
[ -r "$seed" ] || { echo "news.sh: $seed: not readable (the seed page lives in ../shared/fixtures)" >&2; exit 2; }
command -v uconv >/dev/null || { echo "news.sh: uconv missing (apt-get install icu-devtools)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
f=$work/news.txt
if [ "$prose" = 1 ]; then
  gen=${CORPUS_GEN:-$top/build/corpus_gen}
  python3 "$top/bench/corpus.py" --han-share 0.8 --gen "$gen" "$mb" "$f" >/dev/null
else
python3 - "$seed" "$mb" "$f" <<'EOF'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
if not page.endswith("\n\n"):
    page = page.rstrip("\n") + "\n\n"  # each copy ends its last paragraph
want = float(sys.argv[2]) * 1048576
with open(sys.argv[3], "w", encoding="utf-8") as out:
    n = 0
    while n < want:
        out.write(page)
        n += len(page.encode())
EOF
fi
bytes=$(stat -c %s "$f")
ascii=$(python3 -c "
import sys; t = open(sys.argv[1], encoding='utf-8').read()
c = [ch for ch in t if ch not in '\n\r']
print('%.1f' % (100 * sum(1 for ch in c if ord(ch) < 128) / len(c)))" "$([ "$prose" = 1 ] && echo "$f" || echo "$seed")")
# the clean output must be non-empty and the run must succeed
"$QG" clean -q -f text --dedup off "$f" >"$work/out.txt"
[ -s "$work/out.txt" ] || { echo "news.sh: empty output" >&2; exit 1; }

cpu() { # median CPU seconds of a command over $runs runs
  local cs=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/t" -f '%U %S' "$@" >/dev/null 2>&1
    read -r u s < <(tail -1 "$work/t")
    cs+=("$(echo "$u + $s" | bc -l)")
  done
  printf '%s\n' "${cs[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p"
}
declare -A c
c[off]=$(cpu "$QG" clean -j 1 -q -f text --dedup off -o "$work/o1.txt" "$f")
c[uconv]=$(cpu uconv -f utf-8 -t utf-8 -x Halfwidth-Fullwidth -o "$work/o2.txt" "$f")
c[drop]=$(cpu "$QG" clean -j 1 -q -f text -o "$work/o3.txt" "$f")
size=$(echo "$bytes / 1048576" | bc -l | xargs printf '%.1f')
if [ "$prose" = 1 ]; then
  echo "New paragraphs of a newspaper's mix ($ascii% ASCII characters; bench/corpus.py --han-share 0.8), $size MB; medians of $runs runs, CPU time (user + system)."
else
  echo "Seed page ($ascii% ASCII characters) repeated to $size MB; medians of $runs runs, CPU time (user + system)."
fi
echo
echo "| command | CPU | MB/s | ratio to uconv (> 1: qinggao faster) |"
echo "|---|---|---|---|"
for k in off drop uconv; do
  case $k in
    off) name='`qinggao clean -f text --dedup off`' ;;
    drop) if [ "$prose" = 1 ]; then name='`qinggao clean -f text` (exact and near repeats looked up)'
          else name='`qinggao clean -f text` (every copy an exact repeat)'; fi ;;
    uconv) name='`uconv -x Halfwidth-Fullwidth`' ;;
  esac
  printf '| %s | %.2f s | %.1f | %.2fx |\n' "$name" "${c[$k]}" "$(echo "$bytes / 1048576 / ${c[$k]}" | bc -l)" \
    "$(echo "${c[uconv]} / ${c[$k]}" | bc -l)"
done
echo
echo "Command: \`bench/news.sh --mb $mb --runs $runs$([ "$prose" = 1 ] && echo ' --prose')\`."
