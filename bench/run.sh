#!/bin/bash
# bench/run.sh [--smoke] [--sizes "10 50"] [--runs N] [--out FILE] [--base OLD] [QINGGAO]:
# throughput and peak memory of `qinggao clean` on generated messy copy, medians of 5 runs,
# side by side with baselines run on the same file in the same run (each row only when its
# tool is installed: bench/setup.sh; none of them in --smoke mode but cat and uconv):
#   cat             the I/O floor.
#   uconv-nfc, uconv-hw  ICU's uconv -x Any-NFC and -x Halfwidth-Fullwidth (icu-devtools; issue
#                   9's reference: clean is to reach 2x uconv-hw).
#   autocorrect     autocorrect-node (npm; bench/setup.sh lint) --stdin --threads 1 ($AUTOCORRECT,
#                   default /tmp/qg-bench-npm/node_modules/.bin/autocorrect).
#   opencc-t2s      OpenCC (Debian opencc; bench/setup.sh opencc) -c t2s.json: traditional to
#                   simplified characters, the direction mainland copy needs and the one
#                   qinggao's own fold takes (qg_fp_fold, for repeats).
#   icu-wordbreak   ICU's word break iterator over the file line by line (bench/icu_wordbreak.c,
#                   compiled here with cc and pkg-config's icu-uc icu-i18n, as bench/seg_bench.sh
#                   does), beside the row qinggao-segment (`qinggao segment -j 1`: the same job
#                   with qinggao's character cleanup, protected spans and dictionary).
#   zhlint          zhlint (npm; bench/setup.sh lint; $ZHLINT, default beside autocorrect) on
#                   the copy cut at blank lines into pieces of about 10 KB (articles as a desk's
#                   CI lints them), all in one process, beside the row qinggao-lint-pieces
#                   (`qinggao lint -j 1` on the same pieces). Its time grows faster than a
#                   file's size (session 52, wall: 1 MB as one file 31.9 s, as 107 pieces
#                   2.2 s), hence the pieces; at about 0.5 MB/s (10 MB: 20 s of CPU a run) it
#                   runs only on sizes up to ZHLINT_MAX_MB (default 10), ZHLINT_RUNS times
#                   (default: the others' runs). Its config (preset default, skipAbbrs empty) is
#                   written here: zhlint 0.8.2's case-abbrs rule throws a TypeError on this copy
#                   otherwise, and zhlint then exits 0.
# The baselines' output is checked (a broken baseline must not pass as fast; not cat's and
# uconv's): autocorrect and opencc write about as many bytes as they read (and opencc turns
# 漢語 into 汉语), icu-wordbreak (and qinggao-segment) a line per input line, each in a run
# before the timed ones; zhlint has started every piece and printed "Found N errors." (and
# qinggao lint printed diagnostics) after every timed run. What they wrote or found goes into
# the notes. A baseline that fails is left out of the table with a note; a qinggao row that
# fails stops the bench.
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
# over $runs runs (${nruns:-$runs} when nruns is set); standard input from $stdin when set;
# and the exit status of a run that failed (0: none did; a status in $ok, "0" unless set, is no
# failure: lint exits 1 when it finds something). Output goes to /dev/null, or with keep=1 to
# $work/keep.out and $work/keep.err (each run replacing the last's), and then the function
# named by $check is called after every run: its failure makes the run a failed one
# (status "check").
measure() {
  local t c rss times=() cpus=() peaks=() failed=0 n=${nruns:-$runs} o=/dev/null e=/dev/null
  [ "${keep:-0}" = 1 ] && o=$work/keep.out e=$work/keep.err
  for _ in $(seq $n); do
    local s=$(date +%s.%N)
    /usr/bin/time -o "$work/rss" -f '%U %S %M %x' "$@" <"${stdin:-/dev/null}" >"$o" 2>"$e" || true
    local e2=$(date +%s.%N)
    read -r u sy rss x < <(tail -1 "$work/rss")
    # (killed by a signal, GNU time writes a line before the format's and %x is 0)
    grep -q '^Command terminated by signal' "$work/rss" && x=128
    case " ${ok:-0} " in *" ${x:-1} "*) ;; *) failed=${x:-1} ;; esac
    [ "${keep:-0}" = 1 ] && [ -n "${check:-}" ] && { $check || failed=check; }
    times+=("$(echo "$e2 - $s" | bc -l)"); cpus+=("$(echo "$u + $sy" | bc -l)"); peaks+=("$rss")
  done
  local mid=$(( (n + 1) / 2 ))
  t=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "${mid}p")
  c=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${mid}p")
  rss=$(printf '%s\n' "${peaks[@]}" | sort -g | tail -1)
  echo "$t $c $rss $failed"
}

ZL=${ZHLINT:-/tmp/qg-bench-npm/node_modules/.bin/zhlint}
ZHLINT_MAX_MB=${ZHLINT_MAX_MB:-10}
ZHLINT_RUNS=${ZHLINT_RUNS:-$runs}
# The baselines built or checked once (none in --smoke mode: CI has none of them): ICU's word
# break iterator compiled as bench/seg_bench.sh compiles it; opencc only when its t2s config
# converts (opencc exits 0, writing nothing, when a config is missing); zhlint's config.
notes=()
have_icu=0 have_opencc=0 have_zhlint=0
if [ $smoke = 0 ]; then
  if command -v pkg-config >/dev/null && pkg-config --exists icu-uc icu-i18n; then
    # shellcheck disable=SC2046
    if cc -O2 -o "$work/icu_wordbreak" "$top/bench/icu_wordbreak.c" $(pkg-config --cflags --libs icu-uc icu-i18n) 2>"$work/cc.err"; then
      have_icu=1
    else notes+=("bench/icu_wordbreak.c did not compile ($(head -1 "$work/cc.err")): no icu-wordbreak row"); fi
  fi
  if command -v opencc >/dev/null; then
    if [ "$(printf '漢語' | opencc -c t2s.json 2>/dev/null)" = 汉语 ]; then have_opencc=1
    else notes+=("opencc is installed but \`opencc -c t2s.json\` did not turn 漢語 into 汉语: no opencc-t2s row"); fi
  fi
  if [ -x "$ZL" ]; then
    have_zhlint=1
    printf '{"preset":"default","rules":{"skipAbbrs":[]}}\n' >"$work/zhlintrc"
  fi
fi
# the baselines' versions for RESULTS.md (zhlint 0.8.2's --version throws: its package.json)
versions=()
command -v uconv >/dev/null && versions+=("$(uconv --version | head -1)")
[ $smoke = 0 ] && [ -x "$AC" ] && versions+=("autocorrect-node $("$AC" --version 2>/dev/null | sed 's/^AutoCorrect //' | head -1)")
[ $have_opencc = 1 ] && versions+=("OpenCC $(opencc --version 2>/dev/null | sed -n 's/^Version: //p')")
[ $have_zhlint = 1 ] && versions+=("zhlint $(node -p 'require(process.argv[1]).version' "$(dirname "$(realpath "$ZL")")/../package.json" 2>/dev/null || echo '?')")

# Checks of a baseline's output before its figures are taken (an untimed run, or after every
# timed run: measure's $check). Each prints what it counted for the notes, or fails.
# about_as_many OUT: OUT holds between 0.98 and 1.10 times the input's bytes (autocorrect adds
# spaces between Han and Latin: +0.6% on s2; t2s on simplified copy changes few characters)
about_as_many() {
  local n; n=$(stat -c %s "$1")
  [ "$(echo "$n >= 0.98 * $bytes && $n <= 1.10 * $bytes" | bc -l)" = 1 ] || return 1
  echo "wrote $n bytes for $bytes read"
}
# same_lines OUT: a line of words per input line
same_lines() {
  local n; n=$(wc -l <"$1")
  [ "$n" = "$(wc -l <"$f")" ] && [ -s "$1" ] || return 1
  echo "wrote $n lines (a line per input line, $(wc -w <"$1") words)"
}
precheck() { # TOOL: runs the tool once untimed into $work/pre.out and checks that
  case $1 in
    autocorrect) "$AC" --stdin --threads 1 <"$f" >"$work/pre.out" 2>/dev/null && about_as_many "$work/pre.out" ;;
    opencc-t2s) local a
      opencc -c t2s.json -i "$f" -o "$work/pre.out" 2>/dev/null && a=$(about_as_many "$work/pre.out") &&
        echo "$a, $(cmp -l "$f" "$work/pre.out" 2>/dev/null | wc -l) bytes differing from the input's" ;;
    icu-wordbreak) "$work/icu_wordbreak" "$f" >"$work/pre.out" 2>/dev/null && same_lines "$work/pre.out" ;;
    qinggao-segment) "$QG" segment -j 1 -q "$f" >"$work/pre.out" && same_lines "$work/pre.out" ;;
    *) return 0 ;;
  esac
}
# after every timed run of zhlint: it started every piece and ended with "Found N errors." (it
# exits 0 after a rule throws, and 1 when it found errors); N into $work/zhlint.n
zhlint_found() {
  local n
  n=$(sed -n 's/^Found \([0-9]*\) errors\{0,1\}\.$/\1/p' "$work/keep.err" | tail -1)
  [ -n "$n" ] && [ "$n" -gt 0 ] && [ "$(grep -c '^\[start\] ' "$work/keep.out")" = "$n_pieces" ] || return 1
  echo "$n" >"$work/zhlint.n"
}
# after every timed run of qinggao lint on the pieces: its diagnostics (gcc lines) into
# $work/lint.n; the bench copy always has some
lint_counted() {
  local n
  n=$(grep -c ': \(error\|warning\|note\): ' "$work/keep.out" || true)
  [ "$n" -gt 0 ] || return 1
  echo "$n" >"$work/lint.n"
}
# ratio A B: A / B to two places, "-" when B is 0 (a time under the clock's resolution)
ratio() {
  if [ "$(echo "$2 > 0" | bc -l)" = 1 ]; then printf '%.2fx' "$(echo "$1 / $2" | bc -l)"; else printf -- '-'; fi
}

rows=() ratios=() stage_rows=()
[ ${#notes[@]} -gt 0 ] && ratios+=("${notes[@]}")
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
  # the pieces of about 10 KB that zhlint and qinggao-lint-pieces read: the file cut after a
  # blank line once a piece holds 10,000 bytes (at a line end when no blank line comes within
  # 40,000), so that the pieces put together are the file, byte for byte
  pieces="" n_pieces=0
  if [ $have_zhlint = 1 ] && [ "$(echo "$mb <= $ZHLINT_MAX_MB" | bc -l)" = 1 ]; then
    pieces=$work/pieces-$mb
    mkdir "$pieces"
    python3 - "$f" "$pieces" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
i = k = 0
while i < len(data):
    j = data.find(b"\n\n", i + 10000)
    if j >= 0 and j < i + 40000:
        end = j + 2
    elif len(data) - i <= 40000:
        end = len(data)
    else:
        j = data.find(b"\n", i + 10000)
        end = len(data) if j < 0 else j + 1
    open(f"{sys.argv[2]}/p{k:05d}.md", "wb").write(data[i:end])
    i, k = end, k + 1
PY
    n_pieces=$(find "$pieces" -name '*.md' | wc -l)
    cat "$pieces"/*.md | cmp -s - "$f" || { echo "bench: the pieces of $mb MB are not the file" >&2; exit 1; }
  fi
  declare -A cpu_of=()
  declare -A wall_of=()
  for tool in qinggao-xml qinggao-text qinggao-json qinggao-text-nodedup qinggao-text-j2 base-xml base-text cat uconv-nfc uconv-hw \
              autocorrect opencc-t2s icu-wordbreak qinggao-segment zhlint qinggao-lint-pieces; do
    stdin="" ok=0 keep=0 check="" nruns="" input="$mb MB"
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
      opencc-t2s) [ $have_opencc = 1 ] || continue; cmd=(opencc -c t2s.json -i "$f" -o /dev/null) ;;
      icu-wordbreak) [ $have_icu = 1 ] || continue; cmd=("$work/icu_wordbreak" "$f") ;;
      qinggao-segment) [ $have_icu = 1 ] || continue; cmd=("$QG" segment -j 1 -q "$f") ;;
      # both lint rows keep their reports in a file (zhlint's are on standard error, its
      # progress on standard output) and are checked after every run; both exit 1 on findings
      zhlint) [ -n "$pieces" ] || continue
        cmd=(env -C "$pieces" "$ZL" --config "$work/zhlintrc" '*.md')
        ok="0 1" keep=1 check=zhlint_found nruns=$ZHLINT_RUNS input="$mb MB, $n_pieces pieces" ;;
      qinggao-lint-pieces) [ -n "$pieces" ] || continue
        cmd=("$QG" lint -j 1 -q "$pieces")
        ok="0 1" keep=1 check=lint_counted input="$mb MB, $n_pieces pieces" ;;
    esac
    # a baseline's output checked once before it is timed (precheck); its count for the notes
    if ! said=$(precheck $tool); then
      case $tool in qinggao-*) echo "bench: $tool on $mb MB: its output failed the check: ${cmd[*]}" >&2; exit 1 ;; esac
      echo "bench: $tool on $mb MB: its output failed the check; row left out" >&2
      ratios+=("$mb MB: $tool failed its output check (${cmd[*]}); its row is left out")
      continue
    fi
    [ -n "$said" ] && ratios+=("$mb MB: $tool $said")
    read -r t c rss failed < <(measure "${cmd[@]}")
    # a timed run that failed (a crash, an error, a check) makes its figures meaningless: a
    # qinggao row stops the bench (and the CI smoke, which runs every qinggao row once); a
    # baseline's row is left out, said in the notes
    if [ "$failed" != 0 ]; then
      case $tool in
        qinggao-*|base-*) echo "bench: $tool on $mb MB exited with status $failed: ${cmd[*]}" >&2; exit 1 ;;
      esac
      echo "bench: $tool on $mb MB failed (status $failed); row left out" >&2
      ratios+=("$mb MB: $tool failed (status $failed: ${cmd[*]}); its row is left out")
      continue
    fi
    cpu_of[$tool]=$c
    wall_of[$tool]=$t
    mbs=$(echo "$bytes / 1048576 / $t" | bc -l)
    # CPU time under the clock's 10 ms resolution (cat): no rate
    cmbs=-; [ "$(echo "$c > 0.01" | bc -l)" = 1 ] && cmbs=$(printf '%.1f MB/s' "$(echo "$bytes / 1048576 / $c" | bc -l)")
    rows+=("$(printf '| %s | %s | %.3f s | %.1f MB/s | %.3f s | %s | %.1f MiB |' "$tool" "$input" "$t" "$mbs" "$c" "$cmbs" "$(echo "$rss / 1024" | bc -l)")")
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
  for b in uconv-hw autocorrect opencc-t2s icu-wordbreak; do
    [ -n "${cpu_of[$b]:-}" ] || continue
    ratios+=("$(printf '%s MB: qinggao-text is %s %s, qinggao-xml %s (CPU time; > 1: qinggao faster)' "$mb" \
      "$(ratio "${cpu_of[$b]}" "${cpu_of[qinggao-text]}")" "$b" "$(ratio "${cpu_of[$b]}" "${cpu_of[qinggao-xml]}")")")
  done
  # like for like: words of each line, ICU's iterator alone against qinggao segment
  if [ -n "${cpu_of[icu-wordbreak]:-}" ] && [ -n "${cpu_of[qinggao-segment]:-}" ]; then
    ratios+=("$(printf '%s MB: qinggao-segment is %s icu-wordbreak (the same job, words of each line; CPU time)' "$mb" \
      "$(ratio "${cpu_of[icu-wordbreak]}" "${cpu_of[qinggao-segment]}")")")
  fi
  # zhlint: lint against lint on the same pieces, and clean of the whole file against it (the
  # pieces are the file's bytes, so CPU times compare as rates)
  if [ -n "$pieces" ]; then
    zl="" ql=""
    [ -n "${cpu_of[zhlint]:-}" ] && zl="zhlint found $(cat "$work/zhlint.n") errors"
    [ -n "${cpu_of[qinggao-lint-pieces]:-}" ] && ql="qinggao lint -j 1 $(cat "$work/lint.n") diagnostics"
    line="$mb MB as $n_pieces pieces of about 10 KB cut at blank lines: ${zl}${zl:+${ql:+, }}${ql}"
    if [ -n "$zl" ] && [ -n "$ql" ]; then
      line+="; qinggao-lint-pieces is $(ratio "${cpu_of[zhlint]}" "${cpu_of[qinggao-lint-pieces]}") zhlint (lint against lint), qinggao-text (clean of the whole file) is $(ratio "${cpu_of[zhlint]}" "${cpu_of[qinggao-text]}") zhlint (CPU time; > 1: qinggao faster; zhlint's figures the median of $ZHLINT_RUNS)"
    fi
    ratios+=("$line")
  fi
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
  echo "Baselines, each on the same file in the same run when installed (bench/setup.sh):"
  echo "cat (the I/O floor); uconv-nfc and uconv-hw, ICU's \`uconv -x Any-NFC\` and"
  echo "\`-x Halfwidth-Fullwidth\` (issue 9: clean is to reach 2x uconv-hw); autocorrect, autocorrect-node"
  echo "\`--stdin --threads 1\`; opencc-t2s, OpenCC's \`opencc -c t2s.json\` (traditional to simplified"
  echo "characters, the direction mainland copy needs); icu-wordbreak, ICU's word break iterator over"
  echo "each line (bench/icu_wordbreak.c), beside qinggao-segment (\`qinggao segment -j 1\`, the same"
  echo "job); zhlint (npm) on the file cut at blank lines into pieces of about 10 KB (its time grows"
  echo "faster than a file's size), all in one process (Node's helper threads can put its CPU time above"
  echo "its wall time), beside qinggao-lint-pieces (\`qinggao lint -j 1\` on the same pieces), on sizes up to $ZHLINT_MAX_MB MB only (ZHLINT_MAX_MB), its figures the median of"
  echo "$ZHLINT_RUNS runs (ZHLINT_RUNS). The output of autocorrect, opencc-t2s, icu-wordbreak and qinggao-segment is"
  echo "checked in a run before they are timed, zhlint's and qinggao-lint-pieces' after every timed"
  echo "run (the notes below say what each wrote or found). Ratios are of CPU time, > 1: qinggao faster."
  [ ${#versions[@]} -gt 0 ] && echo "Versions: $(IFS=,; echo "${versions[*]}" | sed 's/,/, /g')."
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
  zenv=""
  [ "$ZHLINT_MAX_MB" != 10 ] && zenv+="ZHLINT_MAX_MB=$ZHLINT_MAX_MB "
  [ "$ZHLINT_RUNS" != "$runs" ] && zenv+="ZHLINT_RUNS=$ZHLINT_RUNS "
  echo "Command: \`${zenv}bench/run.sh --sizes \"$sizes\" --runs $runs\`."
  if [ -n "$rest" ]; then echo; printf '%s\n' "$rest"; fi
} > "$out.tmp" && mv "$out.tmp" "$out"
echo "wrote $out"
