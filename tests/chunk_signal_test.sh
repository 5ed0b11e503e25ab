#!/usr/bin/env bash
# chunk_signal_test.sh QINGGAO: SIGTERM and SIGINT during a -o DIR/ run of JSON Lines files in
# chunks (-j 2 opens a file's output at its first chunk, in directories made for it) leave no
# directory that -j 1 (which writes a file's output at its end) would not leave, and no
# temporary file (review 19 L2: the directories made at the first chunk stayed). The signal is
# sent once the run has begun its output (polled, not a fixed sleep), while most of the input
# is still to come. Every record is made up here.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

# src/a/0small.jsonl (a few records, first in name order: done first, its output and directory stay) and
# src/a/b/c/big.jsonl, about 24 MB: seconds of work at -j 1 and -j 2 on any machine
mkdir -p "$T/src/a/b/c"
python3 - "$T/src/a/0small.jsonl" "$T/src/a/b/c/big.jsonl" <<'EOF'
import json, random, sys
random.seed(21)
w = "社区 居民 服务 窗口 办事 方便 工作人员 街道 改造 项目 计划 完成 会议 指出 老旧 小区".split()
def rec(i):
    t = "".join(random.choice(w) for _ in range(20 + i % 60))
    return json.dumps({"id": "r%06d" % i, "text": t + "," + random.choice(w) + "."},
                      ensure_ascii=False) + "\n"
with open(sys.argv[1], "w") as f:
    f.writelines(rec(i) for i in range(20))
lines = [rec(i) for i in range(4000)]
with open(sys.argv[2], "w") as f:
    for k in range(12):
        f.writelines(lines)
EOF

# the python wrapper gives the run SIGINT back (a script's background job starts with it
# ignored, and an ignored signal stays ignored: docs/batch.md)
dfl=(python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])')
# sig SIG J: runs -j J into $T/oJSIG/, sends SIG once its output has begun, checks what is left
sig() {
  local s=$1 j=$2 o=$T/o$2$1 want
  rm -rf "$o"
  "${dfl[@]}" "$QG" clean -q --jsonl -j "$j" "$T/src" -o "$o/" 2>"$T/err" & local run=$!
  # begun: -j 2 has the big file's temporary output open (its first chunk written), -j 1 has
  # written the small file's output (it writes each file at its end)
  local begun=$o/a/0small.jsonl n=0
  while :; do
    if [ "$j" = 1 ]; then [ -e "$begun" ] && break
    else compgen -G "$o/a/b/c/.qgout-*" >/dev/null && break; fi
    kill -0 "$run" 2>/dev/null || break
    n=$((n + 1)); [ $n -gt 3000 ] && break # (60 s)
    sleep 0.02
  done
  kill -"$s" "$run"; wait "$run"; local rc=$?
  [ "$s" = TERM ] && want=143 || want=130
  [ "$rc" = "$want" ] && ok || bad "-j $j SIG$s: exit $rc, not by the signal (the run ended before it?)"
  (cd "$o" && find . | LC_ALL=C sort) >"$T/left$j$s"
  printf '.\n./.qinggao-output\n./a\n./a/0small.jsonl\n' >"$T/want"
  if cmp -s "$T/want" "$T/left$j$s"; then ok; else bad "-j $j SIG$s left: $(tr '\n' ' ' <"$T/left$j$s")"; fi
  [ -s "$T/err" ] && bad "-j $j SIG$s said: $(head -c 300 "$T/err")" || ok
}
for s in TERM INT; do
  sig $s 1
  sig $s 2
  cmp -s "$T/left1$s" "$T/left2$s" && ok || bad "SIG$s: -j 2 left what -j 1 did not"
done
# a directory that was there before the run is the user's: never removed, even empty
rm -rf "$T/pre"; mkdir -p "$T/pre/a/b/c"
"${dfl[@]}" "$QG" clean -q --jsonl -j 2 "$T/src" -o "$T/pre/" 2>/dev/null & run=$!
n=0; until compgen -G "$T/pre/a/b/c/.qgout-*" >/dev/null || ! kill -0 $run 2>/dev/null || [ $n -gt 3000 ]; do n=$((n + 1)); sleep 0.02; done
kill -TERM $run; wait $run; rc=$?
[ $rc = 143 ] && ok || bad "a DIR of the user's: exit $rc"
[ -d "$T/pre/a/b/c" ] && ok || bad "a DIR of the user's: its empty a/b/c removed"
compgen -G "$T/pre/a/b/c/.qgout-*" >/dev/null && bad "a DIR of the user's: a temporary file left" || ok
# the run not stopped: every directory and output is there
rm -rf "$T/whole"
"$QG" clean -q --jsonl -j 2 "$T/src" -o "$T/whole/"; rc=$?
[ $rc = 0 ] && [ "$(wc -l <"$T/whole/a/b/c/big.jsonl")" = 48000 ] && ok || bad "the whole run: exit $rc"
finish chunk_signal
