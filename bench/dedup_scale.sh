#!/bin/bash
# bench/dedup_scale.sh [BUILD_DIR] [SIZES]: scale of the near-duplicate index. Builds
# bench/nd_scale.c (target nd_scale) and runs it for each size (default: 100000 1000000; add
# 10000000 on a machine with 16 GB free), printing a markdown table: index build time (with
# and without fingerprinting), queries per second on one core, bytes per paragraph and peak
# RSS. Synthetic paragraphs: Zipf-distributed Han characters (see nd_scale.c). The figures go
# to bench/RESULTS.md by hand, with the command.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
sizes=${2:-"100000 1000000"}
cmake --build "$build" --target nd_scale >/dev/null
echo "| paragraphs | build (fingerprint + index) | index only | queries/s (1 core) | bytes/paragraph | peak RSS |"
echo "|---|---|---|---|---|---|"
for n in $sizes; do
  out=$(/usr/bin/time -f 'RSS %M' "$build/nd_scale" "$n" 100000 2>&1)
  line=$(echo "$out" | grep paragraphs)
  rss=$(echo "$out" | sed -n 's/^RSS //p')
  build_s=$(echo "$line" | sed -n 's/.*build \([0-9.]*\) s.*/\1/p')
  idx=$(echo "$line" | sed -n 's/.*index \([0-9.]*\) s).*/\1/p')
  qps=$(echo "$line" | sed -n 's/.*), \([0-9]*\) queries\/s.*/\1/p')
  bpp=$(echo "$line" | sed -n 's/.*, \([0-9]*\) bytes\/paragraph.*/\1/p')
  printf '| %s | %s s | %s s | %s | %s | %.0f MiB |\n' "$n" "$build_s" "$idx" "$qps" "$bpp" "$(echo "$rss / 1024" | bc -l)"
done
