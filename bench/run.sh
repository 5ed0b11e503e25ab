#!/bin/bash
# bench/run.sh [--smoke] [--sizes "10 50"] [--runs N] [--out FILE] [--base OLD] [QINGGAO]:
# throughput and peak memory of `qinggao clean` on generated messy copy, medians of 5 runs,
# side by side with baselines run on the same file in the same run: cat (the I/O floor),
# ICU's uconv -x Any-NFC and -x Halfwidth-Fullwidth (issue 9's reference; when icu-devtools is
# installed) and autocorrect (`--stdin`, one thread; when bench/setup.sh lint installed it).
# The copy comes from bench/corpus.py (new paragraphs, 5% repeats) when its prose is installed
# (bench/setup.sh corpus) and build/corpus_gen is built, else from bench/gen.py (the sample
# pages over and over: nearly every paragraph a repeat). --base OLD adds the xml and text rows
# of another qinggao binary (before/after).
# Writes bench/RESULTS.md, or FILE with --out (not in --smoke mode, which checks that the
# bench works in CI).
set -euo pipefail
smoke=0 runs=5 sizes="10 50" out="" base=""
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1; shift ;;
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    *) break ;;
  esac
done
top=$(cd "$(dirname "$0")/.." && pwd)
QG=${1:-$top/build/qinggao}
out=${out:-$top/bench/RESULTS.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $smoke = 1 ] && runs=1 sizes="1"

AC=${AUTOCORRECT:-/tmp/qg-bench-npm/node_modules/.bin/autocorrect}
. "$top/bench/copy.sh"
[ $smoke = 1 ] && export BENCH_GEN=gen
gen=gen.py

# median wall seconds, median CPU seconds (user + system) and max RSS (KiB) of a command
# over $runs runs; standard input from $stdin when set
# and the exit status of a run that failed (0: none did)
measure() {
  local t c rss times=() cpus=() peaks=() failed=0
  for _ in $(seq $runs); do
    local s=$(date +%s.%N)
    /usr/bin/time -o "$work/rss" -f '%U %S %M %x' "$@" <"${stdin:-/dev/null}" >/dev/null 2>&1 || true
    local e=$(date +%s.%N)
    read -r u sy rss x < <(tail -1 "$work/rss")
    # (killed by a signal, GNU time writes a line before the format's and %x is 0)
    grep -q '^Command terminated by signal' "$work/rss" && x=128
    [ "${x:-1}" != 0 ] && failed=${x:-1}
    times+=("$(echo "$e - $s" | bc -l)"); cpus+=("$(echo "$u + $sy" | bc -l)"); peaks+=("$rss")
  done
  local mid=$(( (runs + 1) / 2 ))
  t=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "${mid}p")
  c=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${mid}p")
  rss=$(printf '%s\n' "${peaks[@]}" | sort -g | tail -1)
  echo "$t $c $rss $failed"
}

rows=() ratios=() stage_rows=()
for mb in $sizes; do
  f="$work/copy-$mb.txt"
  gen=$(bench_copy "$QG" "$mb" "$f")
  bytes=$(stat -c %s "$f")
  # the clean output must be non-empty and the run must succeed
  "$QG" clean -q -f text --report "$work/report.txt" "$f" > "$work/out.txt"
  [ -s "$work/out.txt" ] || { echo "bench: empty output" >&2; exit 1; }
  # what dedup found: speed figures mean little without it
  full=$({ grep -m1 'dedup-limit' "$work/report.txt" || true; } | sed -n 's/^[^:]*:\([0-9]*\):.*(\([0-9]* KiB, [0-9]* paragraphs\).*/line \1 (\2)/p')
  ratios+=("$(printf '%s MB: clean -f text removed %s exact and %s near repeats (dup-paragraph, dup-near); %s' "$mb" \
    "$(grep -c 'error: .*\[dup-paragraph\]' "$work/report.txt" || true)" "$(grep -c 'error: .*\[dup-near\]' "$work/report.txt" || true)" \
    "${full:+the index was first full at $full and from then on kept the latest paragraphs}")")
  [ -n "$full" ] || ratios[-1]+="the index never filled up"
  declare -A cpu_of=()
  declare -A wall_of=()
  for tool in qinggao-xml qinggao-text qinggao-json qinggao-text-nodedup qinggao-text-j2 base-xml base-text cat uconv-nfc uconv-hw autocorrect; do
    stdin=""
    case $tool in
      qinggao-xml) cmd=("$QG" clean -j 1 -q "$f") ;;
      qinggao-text) cmd=("$QG" clean -j 1 -q -f text "$f") ;;
      qinggao-json) cmd=("$QG" clean -j 1 -q -f json "$f") ;;
      qinggao-text-nodedup) cmd=("$QG" clean -j 1 -q -f text --dedup off "$f") ;;
      qinggao-text-j2) cmd=("$QG" clean -j 2 -q -f text "$f") ;; # the file on two threads
      autocorrect) [ $smoke = 0 ] && [ -x "$AC" ] || continue
        cmd=("$AC" --stdin --threads 1); stdin=$f ;;
      base-xml) [ -n "$base" ] || continue; cmd=("$base" clean -j 1 -q "$f") ;;
      base-text) [ -n "$base" ] || continue; cmd=("$base" clean -j 1 -q -f text "$f") ;;
      cat) cmd=(cat "$f") ;;
      uconv-nfc) command -v uconv >/dev/null || continue; cmd=(uconv -f utf-8 -t utf-8 -x Any-NFC "$f") ;;
      uconv-hw) command -v uconv >/dev/null || continue
        cmd=(uconv -f utf-8 -t utf-8 -x Halfwidth-Fullwidth "$f") ;;
    esac
    read -r t c rss failed < <(measure "${cmd[@]}")
    # a timed run that failed (a crash, an error) makes its figures meaningless: the bench (and
    # the CI smoke, which runs every qinggao row once) stops here
    if [ "$failed" != 0 ] && [ $tool != autocorrect ]; then
      echo "bench: $tool on $mb MB exited with status $failed: ${cmd[*]}" >&2
      exit 1
    fi
    cpu_of[$tool]=$c
    wall_of[$tool]=$t
    mbs=$(echo "$bytes / 1048576 / $t" | bc -l)
    # CPU time under the clock's 10 ms resolution (cat): no rate
    cmbs=-; [ "$(echo "$c > 0.01" | bc -l)" = 1 ] && cmbs=$(printf '%.1f MB/s' "$(echo "$bytes / 1048576 / $c" | bc -l)")
    rows+=("$(printf '| %s | %s MB | %.3f s | %.1f MB/s | %.3f s | %s | %.1f MiB |' "$tool" "$mb" "$t" "$mbs" "$c" "$cmbs" "$(echo "$rss / 1024" | bc -l)")")
  done
  # time per stage: clean -j 1 -f text --stage-times (wall time in the pipeline), medians
  for k in $(seq $runs); do
    "$QG" clean -j 1 -q -f text --stage-times "$f" 2>"$work/st.$k" >/dev/null
  done
  mid=$(( (runs + 1) / 2 ))
  all=$(for k in $(seq $runs); do awk '$1 == "all" {print $2}' "$work/st.$k"; done | sort -g | sed -n "${mid}p")
  [ -n "$all" ] || { echo "bench: no time per stage on $mb MB" >&2; exit 1; }
  for nm in $(sed -n 's/^  \([a-z-]*\) .*/\1/p' "$work/st.1"); do
    med=$(for k in $(seq $runs); do awk -v n="$nm" '$1 == n {print $2}' "$work/st.$k"; done | sort -g | sed -n "${mid}p")
    stage_rows+=("$(printf '| %s | %s MB | %.3f s | %.1f%% | %.1f MB/s |' "$nm" "$mb" "$med" \
      "$(echo "100 * $med / $all" | bc -l)" "$(echo "$bytes / 1048576 / $med" | bc -l)")")
  done
  # one file on two threads: wall time against one thread's
  ratios+=("$(printf '%s MB: clean -j 2 -f text (the file on two threads) %.2fx the wall time of -j 1 (%.3f s against %.3f s; CPU %.3f s against %.3f s)' "$mb" \
    "$(echo "${wall_of[qinggao-text]} / ${wall_of[qinggao-text-j2]}" | bc -l)" "${wall_of[qinggao-text-j2]}" \
    "${wall_of[qinggao-text]}" "${cpu_of[qinggao-text-j2]}" "${cpu_of[qinggao-text]}")")
  # CPU-time ratios of qinggao (text, xml) against the baselines of this size
  for b in uconv-hw autocorrect; do
    [ -n "${cpu_of[$b]:-}" ] || continue
    ratios+=("$(printf '%s MB: qinggao-text is %.2fx %s, qinggao-xml %.2fx (CPU time; > 1: qinggao faster)' "$mb" \
      "$(echo "${cpu_of[$b]} / ${cpu_of[qinggao-text]}" | bc -l)" "$b" "$(echo "${cpu_of[$b]} / ${cpu_of[qinggao-xml]}" | bc -l)")")
  done
done
printf '%s\n' "${rows[@]}"
[ ${#ratios[@]} -gt 0 ] && printf '%s\n' "${ratios[@]}"
printf '%s\n' "${stage_rows[@]}"
[ $smoke = 1 ] && { echo "bench smoke: 1 passed, 0 failed"; exit 0; }
# RESULTS.md: this script rewrites the part before the first "## " section; the sections
# after it (issue benches: speed work, near-duplicates, lint, segment) are kept as they are.
rest=""
[ -f "$out" ] && rest=$(awk 'f || /^## /{f=1; print}' "$out")
{
  echo "# Bench results"
  echo
  echo "Generated by \`bench/run.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m),"
  echo "$("$QG" --version | tr '\n' ' ')."
  if [ $gen = corpus.py ]; then
    echo "Input: \`bench/corpus.py\` messy copy of new paragraphs (order-2 Markov text trained on"
    echo "installed Chinese prose and samples/, 3% exact and 2% near repeats). Medians of $runs runs"
  else
    echo "Input: \`bench/gen.py\` messy copy built from samples/ (nearly every paragraph a repeat)."
    echo "Medians of $runs runs"
  fi
  echo "of wall and CPU (user + system) time; peak RSS is the largest of the runs (GNU time %M)."
  echo "Single-threaded (qinggao with -j 1, autocorrect with --threads 1) but the row qinggao-text-j2"
  echo "(one file on two threads, session 22). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "qinggao runs every stage (decode, paragraphs, chars, repair, structure, punctuation,"
  echo "numbers, dedup of exact and near repeats); xml is the default output of clean, text and"
  echo "json the others."
  echo
  echo "| tool | input | wall | wall MB/s | CPU | CPU MB/s | peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  [ ${#ratios[@]} -gt 0 ] && printf -- '- %s\n' "${ratios[@]}"
  echo
  echo "Time per stage of \`clean -j 1 -f text\` (\`--stage-times\`: wall time inside the pipeline,"
  echo "docs/batch.md; medians of $runs runs, each stage's median on its own, the share against the"
  echo "median of the whole; MB/s: the input over the stage's time, how fast the stage would run alone;"
  echo "decode is the decoder and the driver, write the text writer):"
  echo
  echo "| stage | input | wall | share | MB/s |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${stage_rows[@]}"
  echo
  echo "Command: \`bench/run.sh --sizes \"$sizes\" --runs $runs\`."
  if [ -n "$rest" ]; then echo; printf '%s\n' "$rest"; fi
} > "$out.tmp" && mv "$out.tmp" "$out"
echo "wrote $out"
