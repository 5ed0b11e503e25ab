#!/bin/bash
# bench/memory.sh [--mb N] [--base OLD] [QINGGAO]: peak memory (GNU time %M, the largest of 3
# runs) of the commands issue 9's bound is about (under 64 MiB on any input size with
# document-scope dedup) and of those that hold a whole document: `clean -j 1` of N MB
# (default 10) of messy copy as one text file, the same text as ONE JSON Lines record, three
# such records among 1200 short ones at -j 1 and -j 2, `dedup --jsonl` of the one record, and
# `archive add` of the text file and of the record (each into a new archive). With --base OLD,
# the same for another binary in the same run (before/after). Prints a Markdown table; the
# copy comes from bench/copy.sh (bench/corpus.py when its prose is installed).
set -euo pipefail
mb=10 base=""
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    *) break ;;
  esac
done
top=$(cd "$(dirname "$0")/.." && pwd)
QG=${1:-$top/build/qinggao}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$top/bench/copy.sh"
gen=$(bench_copy "$QG" "$mb" "$work/copy.txt")
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
text = open(f"{w}/copy.txt", encoding="utf-8").read()
with open(f"{w}/one.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "big", "text": text}, ensure_ascii=False) + "\n")
short = [p for p in text.split("\n\n") if p.strip()][:1200]
with open(f"{w}/mixed.jsonl", "w", encoding="utf-8") as f:
    for i, p in enumerate(short):
        f.write(json.dumps({"id": f"s{i}", "text": p}, ensure_ascii=False) + "\n")
        if i % 400 == 200:
            f.write(json.dumps({"id": f"big{i}", "text": text}, ensure_ascii=False) + "\n")
PY

peak() { # the largest %M (KiB) of 3 runs of a command; its exit status may be 1 (lint-like)
  local m=0 r
  for _ in 1 2 3; do
    rm -f "$work/a.db" "$work/a.db-journal"
    /usr/bin/time -o "$work/t" -f '%M' "$@" >/dev/null 2>&1 || true
    r=$(tail -1 "$work/t")
    [ "$r" -gt "$m" ] && m=$r
  done
  printf '%.1f' "$(echo "$m / 1024" | bc -l)"
}

rows=(
  "clean -j 1, text file|clean -j 1 -q -f text $work/copy.txt"
  "clean -j 1 --jsonl, one record|clean -j 1 -q --jsonl $work/one.jsonl -o $work/out.jsonl"
  "clean -j 1 --jsonl, 3 records among 1200|clean -j 1 -q --jsonl $work/mixed.jsonl -o $work/out.jsonl"
  "clean -j 2 --jsonl, 3 records among 1200|clean -j 2 -q --jsonl $work/mixed.jsonl -o $work/out.jsonl"
  "dedup -j 1 --jsonl, one record|dedup -j 1 -q --jsonl $work/one.jsonl"
  "archive add, text file|archive add -q --archive $work/a.db $work/copy.txt"
  "archive add --jsonl, one record|archive add -q --jsonl --archive $work/a.db $work/one.jsonl"
)
size=$(wc -c <"$work/copy.txt")
echo "Peak RSS (MiB, the largest of 3 runs), $(printf '%.1f' "$(echo "$size / 1000000" | bc -l)") MB of copy ($gen); $("$QG" --version | head -1)"
echo
if [ -n "$base" ]; then
  echo "| command | base | qinggao |"
  echo "|---|---|---|"
else
  echo "| command | qinggao |"
  echo "|---|---|"
fi
for r in "${rows[@]}"; do
  name=${r%%|*} args=${r#*|}
  # shellcheck disable=SC2086
  if [ -n "$base" ]; then
    echo "| $name | $(peak "$base" $args) | $(peak "$QG" $args) |"
  else
    echo "| $name | $(peak "$QG" $args) |"
  fi
done
