#!/bin/bash
# bench/threads.sh [--mb N] [--runs N] [--jobs "1 2"] [--cmd "CMD"] [QINGGAO]: 1 vs 2 threads
# on a directory of pages (issue 9: two threads at least 1.8x one). Generates N MB (default
# 20) of messy copy with bench/corpus.py (new paragraphs; when its prose is installed and
# corpus_gen is built) or bench/gen.py (the project's own sample pages), splits it at line
# ends into pages of about 100 KB, runs `qinggao CMD -j J DIR` (CMD default `clean -q -f
# xml`; `lint -q`, `lint -q -f sarif`: lint's exit 1 for findings is expected) RUNS times
# (default 5) per J, and
# prints the median wall time, the median user+system CPU seconds, MB/s, the speedup of each J
# against -j 1, and the load average before and after (the machine may be shared: a speedup
# under the target with CPU per run unchanged means the cores were busy elsewhere). Checks
# that every -j gives the bytes of -j 1.
# Then the row "one JSON Lines file": the same copy as one file of records of about 4 KB
# (`{"id":…,"text":…}`, as a corpus builder's dump), `qinggao clean -q --jsonl -j J FILE`:
# its records are cleaned on all workers in chunks (docs/batch.md, "Threads"); --no-jsonl
# leaves the row out.
# And the row "one text file" (session 22): the same copy as one file, `qinggao CMD -j J FILE`:
# with -j above 1 its pipeline runs the repeat check and the writer on a second thread
# (docs/batch.md, "One text file on two threads"); --no-onefile leaves the row out.
set -euo pipefail
mb=20 runs=5 jobs="1 2" cmd="clean -q -f xml" jsonl=1 onefile=1
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --cmd) cmd=$2; shift 2 ;;
    --no-jsonl) jsonl=0; shift ;;
    --no-onefile) onefile=0; shift ;;
    *) break ;;
  esac
done
top=$(cd "$(dirname "$0")/.." && pwd)
QG=${1:-$top/build/qinggao}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$top/bench/copy.sh"
echo "input: bench/$(bench_copy "$QG" "$mb" "$work/all.txt") $mb MB"
mkdir "$work/pages"
split -C 100k -d -a 5 --additional-suffix=.txt "$work/all.txt" "$work/pages/p"
bytes=$(cat "$work/pages"/*.txt | wc -c)
files=$(ls "$work/pages" | wc -l)
echo "qinggao: $QG"
echo "input: $files pages, $bytes bytes; $runs runs per -j; $(nproc) online processors"
echo "command: qinggao $cmd -j J DIR"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# qg J INPUT: the command with -j J over INPUT; exit 1 (lint's findings) is not a failure
qg() {
  local rc=0
  # shellcheck disable=SC2086 # cmd is words
  /usr/bin/time -o "$work/t" -f "%e %U %S" "$QG" $cmd -j"$1" "$2" >"$work/out.xml" || rc=$?
  [ "$rc" -le 1 ] || { echo "qinggao $cmd -j$1 exited $rc" >&2; exit 1; }
}
median() { sort -g | sed -n "$(( (runs + 1) / 2 ))p"; }
# table INPUT: the medians of each -j over INPUT ($bytes bytes), the bytes checked against -j 1
table() {
  local base="" j wall cpu w u s
  qg 1 "$1"; mv "$work/out.xml" "$work/ref.xml"
  printf '%-4s %10s %10s %8s %8s\n' "-j" "wall s" "cpu s" "MB/s" "speedup"
  for j in $jobs; do
    walls=() cpus=()
    for _ in $(seq "$runs"); do
      qg "$j" "$1"
      read -r w u s < <(tail -1 "$work/t") # GNU time puts "Command exited with …" first
      walls+=("$w"); cpus+=("$(echo "$u + $s" | bc -l)")
    done
    cmp -s "$work/out.xml" "$work/ref.xml" || { echo "-j$j output differs from -j1" >&2; exit 1; }
    wall=$(printf '%s\n' "${walls[@]}" | median)
    cpu=$(printf '%s\n' "${cpus[@]}" | median)
    [ -z "$base" ] && base=$wall
    printf '%-4s %10.2f %10.2f %8.1f %7.2fx\n' "$j" "$wall" "$cpu" \
      "$(echo "$bytes / $wall / 1000000" | bc -l)" "$(echo "$base / $wall" | bc -l)"
  done
}
table "$work/pages"
if [ "$onefile" = 1 ]; then
  bytes=$(wc -c <"$work/all.txt")
  echo "one text file: $bytes bytes; command: qinggao $cmd -j J FILE"
  table "$work/all.txt"
fi
if [ "$jsonl" = 1 ]; then
  # the same copy as one JSON Lines file: records of the lines up to about 4 KB each
  python3 - "$work/all.txt" "$work/one.jsonl" <<'PY'
import json, sys
out, rec, size, n = open(sys.argv[2], "w", encoding="utf-8"), [], 0, 0
def flush():
    global rec, size, n
    if rec:
        n += 1
        out.write(json.dumps({"id": "r%06d" % n, "text": "".join(rec)}, ensure_ascii=False) + "\n")
    rec, size = [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    rec.append(line)
    size += len(line.encode())
    if size >= 4000:
        flush()
flush()
PY
  bytes=$(wc -c <"$work/one.jsonl")
  cmd="clean -q --jsonl"
  echo "one JSON Lines file: $(wc -l <"$work/one.jsonl") records, $bytes bytes; command: qinggao $cmd -j J FILE"
  table "$work/one.jsonl"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
