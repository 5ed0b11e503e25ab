#!/bin/bash
# bench/lint_bench.sh [QINGGAO] [SIZE_MB]: `qinggao lint` against `autocorrect --lint`
# (autocorrect-node from npm, installed by bench/setup.sh; run with --threads 1, and qinggao
# with -j 1: one thread each; the rows "-j 2" are qinggao's default on two cores, the file on
# two threads since session 22) on the same generated file (bench/corpus.py when its
# prose is installed and corpus_gen is built, else bench/gen.py; default 10 MB), both in
# their default text output and in JSON. Medians of
# 5 runs; prints MB/s of each and the ratio. Both tools exit 1 when they find problems,
# which is expected here. Prints a Markdown table for bench/RESULTS.md.
# Then the CI case (issue 8: a newsroom checks each submitted article): 200 articles of about
# 4 KB cut from 1 MB of the same copy at paragraph ends, checked one process per article (as a
# loop over a commit's files does) and all in one process, both tools on one thread; the
# per-article rows are dominated by each tool's start (qinggao: loading ICU and compiling its
# structure cues; autocorrect-node: starting Node).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
QG=${1:-$top/build/qinggao}
mb=${2:-10}
AC=${AUTOCORRECT:-/tmp/qg-bench-npm/node_modules/.bin/autocorrect}
[ -x "$AC" ] || { echo "lint_bench: $AC missing: run bench/setup.sh" >&2; exit 1; }
runs=5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
f="$work/copy.txt"
. "$top/bench/copy.sh"
input=$(bench_copy "$QG" "$mb" "$f")
bytes=$(stat -c %s "$f")

# median wall seconds and median CPU seconds (user + system) of a command over $runs runs
# (its exit status is ignored: both tools exit 1 on findings). CPU time is printed too
# because the machine may be shared: wall time then includes waiting for a core.
median() {
  local walls=() cpus=()
  for _ in $(seq $runs); do
    /usr/bin/time -o "$work/t" -f '%e %U %S' "$@" >"$work/out" 2>/dev/null || true
    read -r w u s < <(tail -1 "$work/t")
    walls+=("$w"); cpus+=("$(echo "$u + $s" | bc -l)")
  done
  local mid=$(( (runs + 1) / 2 ))
  echo "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "${mid}p") $(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${mid}p")"
}

# both must have found something, or the comparison means nothing
"$QG" lint "$f" >"$work/q.txt" 2>/dev/null || true
"$AC" --threads 1 --lint "$f" >"$work/a.txt" 2>/dev/null || true
[ -s "$work/q.txt" ] && [ -s "$work/a.txt" ] || { echo "lint_bench: a tool found nothing" >&2; exit 1; }
nq=$(wc -l <"$work/q.txt")
"$AC" --threads 1 --lint --format json "$f" >"$work/a.json" 2>/dev/null || true
na=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(m.get("lines",[])) for m in d.get("messages",[])))' "$work/a.json" 2>/dev/null || echo "?")

echo "| tool | output | file | wall (median of $runs) | MB/s | CPU user+sys (median) | reported (qinggao: diagnostics; autocorrect: lines) |"
echo "|---|---|---|---|---|---|---|"
row() { # name output wall cpu problems
  printf '| %s | %s | %s MB | %.3f s | %.2f MB/s | %.3f s | %s |\n' "$1" "$2" "$mb" "$3" \
    "$(echo "$bytes / 1048576 / $3" | bc -l)" "$4" "$5"
}
read -r tq cq < <(median "$QG" lint -j 1 "$f"); row "qinggao lint -j 1" gcc "$tq" "$cq" "$nq"
read -r tqj cqj < <(median "$QG" lint -j 1 --format json "$f"); row "qinggao lint -j 1" json "$tqj" "$cqj" "$nq"
read -r tq2 cq2 < <(median "$QG" lint -j 2 "$f"); row "qinggao lint -j 2" gcc "$tq2" "$cq2" "$nq"
read -r tqj2 cqj2 < <(median "$QG" lint -j 2 --format json "$f"); row "qinggao lint -j 2" json "$tqj2" "$cqj2" "$nq"
read -r ta ca < <(median "$AC" --threads 1 --lint "$f"); row "autocorrect --lint" diff "$ta" "$ca" "$na"
read -r taj caj < <(median "$AC" --threads 1 --lint --format json "$f"); row "autocorrect --lint" json "$taj" "$caj" "$na"
printf '\nratio autocorrect / qinggao -j 1, wall: text %.1fx, json %.1fx; CPU: text %.1fx, json %.1fx\n' \
  "$(echo "$ta / $tq" | bc -l)" "$(echo "$taj / $tqj" | bc -l)" \
  "$(echo "$ca / $cq" | bc -l)" "$(echo "$caj / $cqj" | bc -l)"
printf 'ratio autocorrect / qinggao -j 2 (the file on two threads), wall: text %.1fx, json %.1fx\n' \
  "$(echo "$ta / $tq2" | bc -l)" "$(echo "$taj / $tqj2" | bc -l)"
echo "input: bench/$input $mb MB; qinggao: $("$QG" --version | head -1); autocorrect: $("$AC" --version 2>/dev/null | head -1); $(nproc) cores"

# the CI case: 200 articles of about 4 KB
mkdir -p "$work/art"
bench_copy "$QG" 1 "$work/one.txt" >/dev/null
python3 - "$work/one.txt" "$work/art" <<'PY'
import sys
paras = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
arts, cur, size = [], [], 0
for p in paras:
    cur.append(p)
    size += len(p.encode())
    if size >= 4000:
        arts.append("\n\n".join(cur) + "\n")
        cur, size = [], 0
    if len(arts) == 200:
        break
for i, a in enumerate(arts):
    open(f"{sys.argv[2]}/a{i:03d}.txt", "w", encoding="utf-8").write(a)
PY
n_art=$(ls "$work/art" | wc -l)
art_bytes=$(cat "$work"/art/*.txt | wc -c)
runs=3
read -r tqa cqa < <(median bash -c 'for f in "$2"/*.txt; do "$1" lint -j 1 "$f"; done' _ "$QG" "$work/art")
read -r taa caa < <(median bash -c 'for f in "$2"/*.txt; do "$1" --threads 1 --lint "$f"; done' _ "$AC" "$work/art")
read -r tqo cqo < <(median "$QG" lint -j 1 "$work"/art/*.txt)
read -r tao cao < <(median "$AC" --threads 1 --lint "$work"/art/*.txt)
echo
echo "| tool | $n_art articles ($art_bytes bytes) | wall (median of $runs) | per article | CPU user+sys (median) |"
echo "|---|---|---|---|---|"
arow() { printf '| %s | %s | %.3f s | %.1f ms | %.3f s |\n' "$1" "$2" "$3" "$(echo "$3 * 1000 / $n_art" | bc -l)" "$4"; }
arow "qinggao lint" "one process each" "$tqa" "$cqa"
arow "autocorrect --lint" "one process each" "$taa" "$caa"
arow "qinggao lint" "one process for all" "$tqo" "$cqo"
arow "autocorrect --lint" "one process for all" "$tao" "$cao"
printf '\nratio autocorrect / qinggao, wall: one process each %.1fx, one for all %.1fx\n' \
  "$(echo "$taa / $tqa" | bc -l)" "$(echo "$tao / $tqo" | bc -l)"
