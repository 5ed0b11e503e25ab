#!/usr/bin/env bash
# jsonl_chunks_test.sh QINGGAO SRCDIR: one JSON Lines file on several workers (--jsonl -j N,
# --dedup-scope doc: the records cut into chunks of whole lines, cli/batch.c; docs/batch.md,
# "Threads"). -j 2 and -j 3 must give the bytes of -j 1 (which runs each file whole on one
# worker) in everything the user sees: the lines written and their order, --report, standard
# error (bad lines, the "named by their line" warnings counted per file across chunks, a
# reader's warning between the same lines), the summary, the exit status, -o FILE and -o DIR/,
# a cut .jsonl.gz. Every record is made up for this test.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
same() { if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -5 >&2; fi; }
# standard error without the summary's time and rate (the only bytes that may differ)
untimed() { sed -E 's/; [0-9.]+ s, [0-9.]+ MB\/s$//' "$1"; }

# a.jsonl: 4000 records of made-up sentences (half-width commas and full stops to make
# full-width: changes), every 7th with its first paragraph repeated at its end (a repeat within
# the record: removed), every 13th without "id", every 97th a bad line (no JSON), every 89th
# a blank line, and at line 2000 a record longer than a chunk (300 KB of text): chunks end by
# lines (512) and by bytes (256 KiB) both. The ids are r00001… in line order.
awk 'BEGIN {
  split("社区 居民 服务 窗口 办事 方便 工作人员 街道 改造 项目 计划 完成 会议 指出 老旧 小区 加装 电梯 村里 道路", w, " ")
  srand(19)
  for (i = 1; i <= 4000; i++) {
    if (i % 97 == 0) { printf "{\"id\":\"r%05d\",\"text\": 这不是JSON\n", i; continue }
    if (i % 89 == 0) { print ""; continue }
    n = 1 + i % 3; t = ""; first = ""
    for (p = 0; p < n; p++) {
      s = ""
      for (k = 0; k < 6 + (i * 7 + p) % 9; k++) s = s w[1 + int(rand() * 20)]
      s = s "," w[1 + (i + p) % 20] w[1 + (i * 3 + p) % 20] "."
      if (p == 0) first = s
      t = t (p ? "\\n\\n" : "") s
    }
    if (i % 7 == 0) t = t "\\n\\n" first
    if (i == 2000) { t = ""; for (k = 0; k < 10000; k++) t = t "第" k "段的内容,村里道路改造." }
    if (i % 13 == 0) printf "{\"text\":\"%s\",\"n\":%d}\n", t, i
    else printf "{\"id\":\"r%05d\",\"text\":\"%s\",\"n\":%d}\n", i, t, i
  } }' >"$T/a.jsonl"
[ "$(wc -l <"$T/a.jsonl")" = 4000 ] && ok || bad "the test's records were not made"
# b.jsonl: 700 short records, those of lines 505..520 without "id": the file's first 10 such
# warnings cross the first chunk's end (512 lines), so the count must go on across chunks
awk 'BEGIN { for (i = 1; i <= 700; i++)
  if (i >= 505 && i <= 520) printf "{\"text\":\"第%d条,没有编号.\"}\n", i
  else printf "{\"id\":\"b%04d\",\"text\":\"第%d条,有编号.\"}\n", i, i }' >"$T/b.jsonl"
gzip -c "$T/a.jsonl" >"$T/a.jsonl.gz"
size=$(wc -c <"$T/a.jsonl.gz")
head -c $((size * 3 / 4)) "$T/a.jsonl.gz" >"$T/cut.jsonl.gz"
want=$(gzip -dc "$T/cut.jsonl.gz" 2>/dev/null | wc -l | tr -d ' ')
[ "$want" -gt 1000 ] && [ "$want" -lt 4000 ] && ok || bad "the cut file gives $want complete lines"
(cat "$T/a.jsonl.gz"; head -c 100 /dev/zero) >"$T/pad.jsonl.gz"

# runs the command with -j 1, 2 and 3 (after the subcommand) into $T/NAME.jJ.{out,err,rc}
# (and the report when the command names $T/rep: NAME.jJ.rep), and compares 2 and 3 with 1;
# standard input is the file $STDIN (default none)
runj() { # name subcommand args...
  local name=$1 sub=$2; shift 2
  for j in 1 2 3; do
    rm -f "$T/rep"
    "$QG" "$sub" -j$j "$@" <"${STDIN:-/dev/null}" >"$T/$name.j$j.out" 2>"$T/$name.j$j.raw"
    echo $? >"$T/$name.j$j.rc"
    untimed "$T/$name.j$j.raw" >"$T/$name.j$j.err"
    [ -e "$T/rep" ] && mv "$T/rep" "$T/$name.j$j.rep"
  done
  for j in 2 3; do
    for x in out err rc rep; do
      [ -e "$T/$name.j1.$x" ] && same "$T/$name.j$j.$x" "$T/$name.j1.$x" "$name: -j$j $x"
    done
  done
}

# ---- one file: output, report, messages, summary, exit status ---------------------------------
runj a clean --jsonl --id-field id --report "$T/rep" "$T/a.jsonl"
[ "$(cat "$T/a.j1.rc")" = 3 ] && ok || bad "a.jsonl: exit $(cat "$T/a.j1.rc"), not 3 (bad lines)"
good=$(grep -c '"text":"' "$T/a.jsonl")
[ "$(wc -l <"$T/a.j2.out")" = "$good" ] && ok || bad "-j2: $(wc -l <"$T/a.j2.out") lines written, not $good"
# the order: the records written are the good lines of the input, in their order (by "n"); a
# chunk emitted out of its place breaks this even where -j 1 would too
grep '"text":"' "$T/a.jsonl" | sed -E 's/.*"n":([0-9]+)}$/\1/' >"$T/a.order"
sed -E 's/.*"n":([0-9]+),"qinggao".*/\1/' "$T/a.j2.out" >"$T/a.j2.order"
same "$T/a.j2.order" "$T/a.order" "-j2: the records in the order of the input"
sed -E 's/.*"n":([0-9]+),"qinggao".*/\1/' "$T/a.j3.out" >"$T/a.j3.order"
same "$T/a.j3.order" "$T/a.order" "-j3: the records in the order of the input"
contains "$T/a.j2.out" '"n":7,"qinggao":\{"changes":[1-9][0-9]*,"removed":1\}' "-j2: the repeat in record 7 removed"
contains "$T/a.j2.out" '^\{"id":"r00001","text":"[^"]*，[^"]*。' "-j2: record 1 cleaned"
contains "$T/a.j2.err" 'a.jsonl:97:[0-9]+: error: ' "-j2: the first bad line named"
contains "$T/a.j2.err" 'a.jsonl:3977:[0-9]+: error: ' "-j2: the last bad line named"
[ "$(grep -c ': error: ' "$T/a.j2.err")" = 41 ] && ok || bad "-j2: $(grep -c ': error: ' "$T/a.j2.err") bad lines said, not 41"
# the first 10 records without an id said, then their number, once for the file
[ "$(grep -c 'warning: no "id" field' "$T/a.j2.err")" = 10 ] && ok || bad "-j2: not 10 warnings of records without an id"
contains "$T/a.j2.err" 'a.jsonl:130:1: warning: no "id" field' "-j2: the 10th record without an id said"
lacks "$T/a.j2.err" 'a.jsonl:143:1: warning' "-j2: the 11th record without an id said"
nid=$(awk 'NR % 13 == 0 && NR % 97 && NR % 89' "$T/a.jsonl" | wc -l | tr -d ' ')
contains "$T/a.j2.err" "a.jsonl: warning: $((nid - 10)) more records named by their line, .* \($nid in all\)" "-j2: the records without an id counted"
contains "$T/a.j2.err" "1 file, 0 failed; .*; $good JSON lines cleaned, 41 bad lines not written, $nid without an id\$" "-j2: the summary"
[ "$(grep -c 'jsonl-no-id' "$T/a.j2.rep")" = "$nid" ] && ok || bad "-j2: the report lists not every record without an id"
[ "$(grep -c 'dup-paragraph' "$T/a.j2.rep")" -ge 500 ] && ok || bad "-j2: the report lacks the repeats"

# the warnings of records without an id across a chunk's end: lines 505..514 said, 515.. not
# (with a.jsonl after it: b.jsonl alone is one chunk's worth, which -j 2 runs on one worker)
runj b clean --jsonl --id-field id "$T/b.jsonl" "$T/a.jsonl"
contains "$T/b.j2.err" 'b.jsonl:514:1: warning: no "id" field' "-j2: the 10th warning, in the second chunk"
lacks "$T/b.j2.err" 'b.jsonl:515:1: warning' "-j2: the 11th warning, in the second chunk"
contains "$T/b.j2.err" 'b.jsonl: warning: 6 more records named by their line, .* \(16 in all\)' "-j2: their number"

# ---- the records of one input are cleaned on all workers: with -j 3, one input read from a
# pipe (its size unknown) that stays open, the process has its 3 workers and the main thread
# (a file run whole on one worker: 2 threads)
mkfifo "$T/fifo"
"$QG" clean -q --jsonl -j3 - <"$T/fifo" >"$T/fifo.out" 2>/dev/null &
pid=$!
exec 3>"$T/fifo"
head -n 600 "$T/b.jsonl" >&3
threads=0
for _ in $(seq 100); do
  threads=$(ls "/proc/$pid/task" 2>/dev/null | wc -l)
  [ "$threads" -ge 4 ] && break
  sleep 0.1
done
tail -n +601 "$T/b.jsonl" >&3
exec 3>&-
wait "$pid"
[ "$threads" = 4 ] && ok || bad "-j3 over one input from a pipe: $threads threads, not 4 (3 workers)"
[ "$(wc -l <"$T/fifo.out")" = 700 ] && ok || bad "-j3 from a pipe: $(wc -l <"$T/fifo.out") lines written, not 700"

# ---- several files, compressed and not, standard input; -q ------------------------------------
STDIN=$T/b.jsonl runj many clean --jsonl --id-field id "$T/b.jsonl" "$T/a.jsonl.gz" "$T/a.jsonl" -
[ "$(wc -l <"$T/many.j2.out")" = $((2 * good + 1400)) ] && ok || bad "several files: $(wc -l <"$T/many.j2.out") lines"
contains "$T/many.j2.err" "4 files, 0 failed; .*; $((2 * good + 1400)) JSON lines cleaned, 82 bad lines" "several files: the summary"
runj quiet clean -q --jsonl --id-field id "$T/b.jsonl" "$T/a.jsonl"
lacks "$T/quiet.j2.err" "files?, 0 failed" "-q: no summary"

# ---- a cut .jsonl.gz: the records before the damage written, as -j 1 writes them -------------
runj cut clean --jsonl "$T/cut.jsonl.gz" "$T/b.jsonl"
[ "$(cat "$T/cut.j2.rc")" = 3 ] && ok || bad "cut: exit $(cat "$T/cut.j2.rc"), not 3"
contains "$T/cut.j2.err" "cut.jsonl.gz:$((want + 1)): corrupt gzip data .* the $want complete lines before it were read" "cut: the damage named"
contains "$T/cut.j2.err" '2 files, 1 failed' "cut: counted as failed"
runj cutfile clean --jsonl -o "$T/rep" "$T/cut.jsonl.gz" # (-o FILE: the runs' "report" file)
gzip -dc "$T/cut.jsonl.gz" 2>/dev/null | head -n "$want" | grep -c '"text":"' >"$T/cut.want"
[ "$(wc -l <"$T/cutfile.j2.rep")" = "$(cat "$T/cut.want")" ] && ok || bad "cut, -o FILE: not every record before the damage written"
# zero bytes after the gzip data: the warning said between the same lines' messages
runj pad clean --jsonl "$T/pad.jsonl.gz"
contains "$T/pad.j2.err" 'pad.jsonl.gz: warning: 100 zero bytes after the gzip data ignored' "pad: the reader's warning"

# ---- -o DIR/: the same files; a failed input leaves no output nor a directory made for it ----
mkdir -p "$T/in/x/y"
cp "$T/b.jsonl" "$T/in/"
cp "$T/cut.jsonl.gz" "$T/in/x/y/"
cp "$T/a.jsonl.gz" "$T/in/x/"
for j in 1 2 3; do
  "$QG" clean -j$j --jsonl --id-field id -o "$T/od$j/" "$T/in" "$T/a.jsonl" >/dev/null 2>"$T/od$j.raw"
  echo $? >"$T/od$j.rc"
  untimed "$T/od$j.raw" >"$T/od$j.err"
  (cd "$T/od$j" && find . | LC_ALL=C sort | while read -r f; do echo "$f"; [ -f "$f" ] && cksum <"$f"; done) >"$T/od$j.tree"
done
for j in 2 3; do
  same "$T/od$j.tree" "$T/od1.tree" "-o DIR/ -j$j: the files written"
  same "$T/od$j.err" "$T/od1.err" "-o DIR/ -j$j: messages"
  same "$T/od$j.rc" "$T/od1.rc" "-o DIR/ -j$j: exit status"
done
[ -e "$T/od2/x/a.jsonl.gz" ] && [ -e "$T/od2/a.jsonl" ] && [ -e "$T/od2/b.jsonl" ] && ok || bad "-o DIR/ -j2: an output missing"
[ ! -e "$T/od2/x/y" ] && ok || bad "-o DIR/ -j2: a directory left for the failed input"
same <(gzip -dc "$T/od2/x/a.jsonl.gz") "$T/od2/a.jsonl" "-o DIR/ -j2: the compressed output"
ls -a "$T/od2" "$T/od2/x" | grep -q qgout && bad "-o DIR/: a temporary file left" || ok

# ---- dedup --jsonl ----------------------------------------------------------------------------
runj dedup dedup --jsonl --id-field id "$T/a.jsonl" "$T/b.jsonl"
contains "$T/dedup.j2.out" '"line":7,"text_line":5,"id":"r00007","duplicate_of":\{"source":"[^"]*a.jsonl","line":7,"text_line":1' "dedup -j2: a repeat named"
runj dedupt dedup --jsonl -f text "$T/a.jsonl"

# ---- --dedup-scope run stays on one worker: its first occurrences are those of -j 1 ---------
runj scope clean --jsonl --dedup-scope run "$T/b.jsonl" "$T/a.jsonl"

finish jsonl_chunks
