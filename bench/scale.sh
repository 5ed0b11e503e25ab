#!/bin/bash
# bench/scale.sh [--sizes "10 100 1000"] [--runs N] [QINGGAO]: does the cost of `qinggao clean`
# grow linearly with the input, and does memory stay flat? Generates each size with
# bench/corpus.py (new paragraphs; needs bench/setup.sh corpus and `cmake --build build
# --target corpus_gen`), runs `clean -j 1 -f text` (one thread; document-scope dedup, the default) N times
# (default 3) and prints the median CPU time (user + system), CPU seconds per 100 MB, the
# median wall time and the peak RSS. The files are deleted as it goes (1 GB of /tmp at most).
set -euo pipefail
sizes="10 100 1000" runs=3
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) break ;;
  esac
done
top=$(cd "$(dirname "$0")/.." && pwd)
QG=${1:-$top/build/qinggao}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| input | CPU (median of $runs) | CPU per 100 MB | wall (median) | peak RSS | paragraphs |"
echo "|---|---|---|---|---|---|"
for mb in $sizes; do
  f="$work/copy-$mb.txt"
  python3 "$top/bench/corpus.py" --gen "$(dirname "$QG")/corpus_gen" "$mb" "$f"
  cpus=() walls=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/t" -f '%e %U %S %M' "$QG" clean -j 1 -f text "$f" >/dev/null 2>"$work/err"
    read -r w u s m < <(tail -1 "$work/t")
    cpus+=("$(echo "$u + $s" | bc -l)"); walls+=("$w")
    [ "$m" -gt "$peak" ] && peak=$m
  done
  mid=$(( (runs + 1) / 2 ))
  c=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${mid}p")
  w=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "${mid}p")
  paras=$(grep -o '[0-9]* paragraphs' "$work/err" | head -1 | cut -d' ' -f1)
  printf '| %s MB | %.2f s | %.2f s | %.2f s | %.1f MiB | %s |\n' "$mb" "$c" \
    "$(echo "$c * 100 / $mb" | bc -l)" "$w" "$(echo "$peak / 1024" | bc -l)" "$paras"
  rm -f "$f"
done
echo
echo "qinggao: $("$QG" --version | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
