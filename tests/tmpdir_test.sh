#!/usr/bin/env bash
# tmpdir_test.sh QINGGAO: a run whose temporary files cannot be made ($TMPDIR missing, or a
# file) behaves the same at -j 1 and -j 2 (review 19 L3; docs/batch.md, "Temporary files and
# signals"). The pool's spools (a slot's output past 512 KiB: one JSON Lines file run whole at
# -j 1) stay in memory instead, up to a bound; past it the input fails with the directory and
# the reason, and none of its output is written (it was: the first 512 KiB, a line cut in the
# middle, and "cannot write the output" without a reason). The library's own writer (a
# document past 1 MiB) fails with the same message at every -j. Every record is made up here.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
same() { if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -5 >&2; fi; }
untimed() { sed -E 's/; [0-9.]+ s, [0-9.]+ MB\/s$//' "$1"; }

# r.jsonl: 5000 records, about 2.3 MB (its output is past a slot's 512 KiB of memory at -j 1,
# 9 chunks at -j 2), half-width marks to make full-width
python3 - "$T/r.jsonl" "$T/big.txt" <<'EOF'
import json, random, sys
random.seed(20)
w = "社区 居民 服务 窗口 办事 方便 工作人员 街道 改造 项目 计划 完成 会议 指出 老旧 小区".split()
with open(sys.argv[1], "w") as f:
    for i in range(5000):
        t = "".join(random.choice(w) for _ in range(10 + i % 40))
        f.write(json.dumps({"id": "r%05d" % i, "text": t + "," + random.choice(w) + "."},
                           ensure_ascii=False) + "\n")
with open(sys.argv[2], "w") as f:  # one document of 1.5 MB: the writer's own spool
    for i in range(6000):
        f.write("".join(random.choice(w) for _ in range(20 + i % 30)) + "。\n\n")
EOF
printf '今天天气很好,我们去公园.\n' >"$T/small.txt"
mkdir -p "$T/tmp"
TMPDIR=$T/tmp "$QG" clean --jsonl -j 1 "$T/r.jsonl" >"$T/ref.out" 2>"$T/ref.err"
[ "$(wc -l <"$T/ref.out")" = 5000 ] && ok || bad "reference: $(wc -l <"$T/ref.out") lines"
untimed "$T/ref.err" >"$T/ref.e"
: >"$T/afile"
for dir in /nonexistent "$T/afile"; do
  why="No such file or directory"; [ "$dir" = "$T/afile" ] && why="Not a directory"
  for j in 1 2; do
    # the spool that cannot go to a file stays in memory: the run succeeds, the same bytes
    TMPDIR=$dir "$QG" clean --jsonl -j $j "$T/r.jsonl" >"$T/o$j" 2>"$T/e$j"; rc=$?
    [ $rc = 0 ] && ok || bad "TMPDIR=$dir -j $j: exit $rc"
    same "$T/ref.out" "$T/o$j" "TMPDIR=$dir -j $j: output"
    untimed "$T/e$j" >"$T/e$j.u"; same "$T/ref.e" "$T/e$j.u" "TMPDIR=$dir -j $j: messages"
    rm -rf "$T/od$j"
    TMPDIR=$dir "$QG" clean -q --jsonl -j $j "$T/r.jsonl" -o "$T/od$j/" 2>"$T/e$j"; rc=$?
    [ $rc = 0 ] && ok || bad "TMPDIR=$dir -j $j -o DIR/: exit $rc"
    same "$T/ref.out" "$T/od$j/r.jsonl" "TMPDIR=$dir -j $j -o DIR/: output"
    [ -s "$T/e$j" ] && bad "TMPDIR=$dir -j $j -o DIR/: said $(head -c 300 "$T/e$j")" || ok
    # past the bound of memory (1 MiB here, QINGGAO_TEST_NOFILE_MEM; 256 MiB in a run): -j 1,
    # which holds the whole file's output, fails with the reason and writes none of it (not a
    # line cut at 512 KiB); -j 2 writes each chunk as it is done and needs no temporary file
    QINGGAO_TEST_NOFILE_MEM=1048576 TMPDIR=$dir "$QG" clean --jsonl -j $j "$T/r.jsonl" >"$T/o$j" 2>"$T/e$j"; rc=$?
    if [ $j = 1 ]; then
      [ $rc = 3 ] && ok || bad "TMPDIR=$dir -j 1 past the bound: exit $rc"
      [ -s "$T/o$j" ] && bad "TMPDIR=$dir -j 1 past the bound: $(wc -c <"$T/o$j") bytes written" || ok
      contains "$T/e$j" "^qinggao: $T/r.jsonl: cannot hold the output: no temporary file in $dir \($why\), and the outputs held in memory instead reached 1 MiB$" "TMPDIR=$dir -j 1 past the bound: the reason"
      contains "$T/e$j" "1 file, 1 failed; 0 bytes, 0 paragraphs, 0 changes, 0 removed \(0 duplicates\); 0 JSON lines cleaned" "TMPDIR=$dir -j 1 past the bound: nothing counted as written"
      contains "$T/e$j" "^qinggao: failed: $T/r.jsonl$" "TMPDIR=$dir -j 1 past the bound: failed"
      lacks "$T/e$j" "cannot write the output" "TMPDIR=$dir -j 1 past the bound: no reasonless message"
    else
      [ $rc = 0 ] && ok || bad "TMPDIR=$dir -j 2 past the bound: exit $rc"
      same "$T/ref.out" "$T/o$j" "TMPDIR=$dir -j 2 past the bound: output"
    fi
    # a prose document past 1 MiB: the library's writer needs its temporary file (no fallback
    # there: qinggao.h), the same failure and message at -j 1 and -j 2, and the next input goes on
    TMPDIR=$dir "$QG" clean -f text -j $j "$T/big.txt" "$T/small.txt" >"$T/o$j" 2>"$T/e$j"; rc=$?
    [ $rc = 3 ] && ok || bad "TMPDIR=$dir -j $j a big document: exit $rc"
    [ "$(cat "$T/o$j")" = "今天天气很好，我们去公园。" ] && ok || bad "TMPDIR=$dir -j $j: the small document after it: $(head -c 200 "$T/o$j")"
    contains "$T/e$j" "^qinggao: $T/big.txt: temporary file in $dir: $why$" "TMPDIR=$dir -j $j a big document: the reason"
    untimed "$T/e$j" >"$T/big$j.e"
  done
  same "$T/big1.e" "$T/big2.e" "TMPDIR=$dir a big document: -j 1 and -j 2 say the same"
done
# standard input with no temporary file to keep it in: checked whole, not a byte lost (review 36b:
# the look for JSON Lines had read its first bytes before the keeping file failed, and
# `lint -` printed nothing and exited 0), in every format, and big enough to need more reads
for dir in /nonexistent "$T/afile"; do
  for f in gcc json; do
    "$QG" lint -f $f - <"$T/big.txt" >"$T/si.ref" 2>"$T/si.reft"; rr=$?
    TMPDIR=$dir "$QG" lint -f $f - <"$T/big.txt" >"$T/si.out" 2>"$T/si.err"; rc=$?
    [ $rc = $rr ] && ok || bad "TMPDIR=$dir lint -f $f - (big): exit $rc, with a temporary directory $rr"
    same "$T/si.ref" "$T/si.out" "TMPDIR=$dir lint -f $f - (big)"
    printf '这是一个测试,句子。\n' | TMPDIR=$dir "$QG" lint -f $f - >"$T/si1" 2>&1
    grep -q 'punct-width' "$T/si1" && ok || bad "TMPDIR=$dir lint -f $f - (one line): $(head -c 200 "$T/si1")"
  done
done
# a temporary file that was made and then stops taking writes (a full disk, a quota; here a file
# size limit of 256 KiB, its signal ignored so the write fails with EFBIG): what the file held is
# read back and the spool goes on in memory, so the run is the one it would have been (session
# 38: the input failed; lint stopped the whole run there, the files after it never checked).
# Standard output goes through a pipe, outside the limit.
limited() { (ulimit -f 256; trap '' XFSZ; exec "$@") 2>"$T/le" | cat >"$T/lo"; return "${PIPESTATUS[0]}"; }
rm -rf "$T/tmp" && mkdir -p "$T/tmp"
TMPDIR=$T/tmp limited "$QG" clean --jsonl -j 1 "$T/r.jsonl"; rc=$?
[ $rc = 0 ] && ok || bad "a temporary file past the size limit: clean exit $rc: $(head -c 300 "$T/le")"
same "$T/ref.out" "$T/lo" "a temporary file past the size limit: clean output"
untimed "$T/le" >"$T/le.u"; same "$T/ref.e" "$T/le.u" "a temporary file past the size limit: clean messages"
for f in json gcc; do
  "$QG" lint -j 1 -f $f "$T/small.txt" "$T/big.txt" "$T/small.txt" >"$T/lr" 2>/dev/null; rr=$?
  [ "$(wc -c <"$T/lr")" -gt 1048576 ] && ok || bad "lint -f $f reference: $(wc -c <"$T/lr") bytes (want past 1 MiB)"
  for j in 1 2; do
    TMPDIR=$T/tmp limited "$QG" lint -j $j -f $f "$T/small.txt" "$T/big.txt" "$T/small.txt"; rc=$?
    [ $rc = $rr ] && ok || bad "lint -j $j -f $f, temporary files past the size limit: exit $rc, want $rr: $(head -c 300 "$T/le")"
    same "$T/lr" "$T/lo" "lint -j $j -f $f, temporary files past the size limit: output"
    # and past the bound of memory as well: the big file fails alone, named in the output; the
    # file after it is checked
    QINGGAO_TEST_NOFILE_MEM=1048576 TMPDIR=$T/tmp limited "$QG" lint -j $j -f $f "$T/small.txt" "$T/big.txt" "$T/small.txt"; rc=$?
    [ $rc = 3 ] && ok || bad "lint -j $j -f $f past the size limit and the bound: exit $rc"
    contains "$T/le" "^qinggao: $T/big.txt: cannot hold the output: the temporary file in $T/tmp stopped taking writes \(File too large\), and the outputs held in memory instead reached 1 MiB; nothing of it was written$" "lint -j $j -f $f past the bound: the reason"
    contains "$T/le" "^qinggao: failed: $T/big.txt$" "lint -j $j -f $f past the bound: failed"
    [ "$(grep -c 'small.txt' "$T/lo")" = "$(grep -c 'small.txt' "$T/lr")" ] && ok || bad "lint -j $j -f $f past the bound: both small files' results: $(grep -c small.txt "$T/lo")"
    lacks "$T/lo" "big.txt.*punct" "lint -j $j -f $f past the bound: none of the big file's results"
    if [ $f = json ]; then
      contains "$T/lo" '"file":"[^"]*big.txt","line":1,"column":1,.*"rule":"input-error","severity":"error","message":"cannot hold the output: ' "lint -j $j -f json past the bound: the failure named in the output"
    fi
  done
done
# lint holds a file's results in memory up to 256 KiB and makes its temporary file (the spill)
# only past that (session 36: one temporary file made and removed per file cost a one-article CI
# job 25-75 us): one short article makes none, the big document's results (past 256 KiB) one
if command -v strace >/dev/null; then
  rm -rf "$T/tmp" && mkdir -p "$T/tmp"
  made() { grep -c "openat(.*\"$T/tmp/[^\"]*\", O_RDWR|O_CREAT|O_EXCL" "$1"; }
  TMPDIR=$T/tmp strace -f -e trace=openat -o "$T/st1" "$QG" lint -j 1 -f json "$T/small.txt" >"$T/l1" 2>/dev/null
  [ "$(made "$T/st1")" = 0 ] && ok || bad "lint of one short file made $(made "$T/st1") temporary files"
  grep -q '"rule":"punct-width"' "$T/l1" && ok || bad "lint of one short file: no result: $(head -c 200 "$T/l1")"
  TMPDIR=$T/tmp strace -f -e trace=openat -o "$T/st2" "$QG" lint -j 1 -f json "$T/big.txt" >"$T/l2" 2>/dev/null
  [ "$(wc -c <"$T/l2")" -gt 262144 ] && ok || bad "lint of the big document wrote $(wc -c <"$T/l2") bytes (want more than 256 KiB)"
  [ "$(made "$T/st2")" -ge 1 ] && ok || bad "lint of the big document made no temporary file (its results past 256 KiB)"
  # and the same results as with the spill refused (TMPDIR missing: the file is checked whole)
  TMPDIR=/nonexistent "$QG" lint -j 1 -f json "$T/big.txt" >"$T/l3" 2>/dev/null
  same "$T/l2" "$T/l3" "lint of the big document with and without its temporary file"
else
  echo "skip: no strace (lint's temporary files not counted)"
fi
finish tmpdir
