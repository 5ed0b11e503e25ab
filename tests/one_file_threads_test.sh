#!/usr/bin/env bash
# one_file_threads_test.sh QINGGAO SRCDIR: one text file on two threads (docs/batch.md "One
# file on two threads", session 22): with one input and -j 2, clean and dedup run the repeat
# check and the writer on a second thread of the file's pipeline. -j 2 must give the bytes of
# -j 1: the output in every format, the messages on stderr and the exit status (lint's too, and
# its --diff and --fix); from a file,
# from standard input, from GB18030 with CRLF, into a compressed file, from gzip padded with
# zeros (the reader's warning among the handler's messages), and for a file whose last
# paragraph holds a bad byte (the first thread fails after it has handed batches on).
# The copy is this repo's samples/ and tests/pages/, several times over (so it repeats) with
# lines written for this test between the copies.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C
same() { # a b description
  if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -10 >&2; fi
}
untimed() { # the messages without the summary's time and speed
  sed -E 's/; [0-9.]+ s, [0-9.]+ [kMG]?B\/s$//' "$1" >"$1.u" && mv "$1.u" "$1"
}

# about 1.3 MB: many batches of 32 paragraphs, exact and near repeats across the whole file
F=$T/big.txt
for k in $(seq 1 30); do
  for f in "$SRC"/samples/*.txt "$SRC"/tests/pages/*.txt; do
    cat "$f"
    printf '\n第%d轮:这是第%d次出现的说明段落,全市共有%d个社区参加,"居民"表示满意。\n\n' "$k" "$k" $((k * 37))
  done
done >"$F"
[ "$(wc -c <"$F")" -gt 1000000 ] && ok || bad "the test file is under 1 MB"

# twice CODE NAME ARG...: qinggao ARG... with -j1 and with -j2 (in place of the argument -jN):
# both exit CODE, and -j2's output and messages (the summary's time and speed aside) are -j1's,
# which stay in $T/NAME and $T/NAME.err
twice() {
  local code=$1 name=$2 j
  shift 2
  for j in 1 2; do
    expect_exit "$code" "$name -j$j" "$QG" "${@/#-jN/-j$j}"
    untimed "$T/err"
    if [ $j = 1 ]; then
      mv "$T/out" "$T/$name"; mv "$T/err" "$T/$name.err"
    else
      same "$T/out" "$T/$name" "$name -j2 output"
      same "$T/err" "$T/$name.err" "$name -j2 messages"
    fi
  done
}

for f in xml nitf text json; do
  twice 0 "clean.$f" clean -jN -f "$f" "$F"
  [ -s "$T/clean.$f" ] && ok || bad "-f $f: empty output"
done
# the copy has repeats: removed from the output
contains "$T/clean.xml.err" "removed" "the summary says what was removed"
[ "$(grep -c '第3轮' "$T/clean.text")" -ge 1 ] && ok || bad "text: the written lines are kept"

# dedup: its records
for f in json text; do
  twice 0 "dedup.$f" dedup -jN -f "$f" "$F"
  [ -s "$T/dedup.$f" ] && ok || bad "dedup -f $f: no repeat found"
done

# standard input; GB18030 with CRLF; -o FILE.zst
for j in 1 2; do
  expect_exit 0 "stdin -j$j" sh -c "\"$QG\" clean -j$j - <\"$F\""
  mv "$T/out" "$T/stdin$j"
done
same "$T/stdin2" "$T/stdin1" "standard input -j2"
iconv -f UTF-8 -t GB18030 "$F" | sed 's/$/\r/' >"$T/gb.txt"
twice 0 gb clean -jN -f text "$T/gb.txt"
same "$T/gb" "$T/clean.text" "GB18030 CRLF gives the UTF-8 file's text"
expect_exit 0 "-o zst -j2" "$QG" clean -j2 -q -o "$T/o.xml.zst" "$F"
zstd -q -d -c "$T/o.xml.zst" >"$T/o.xml"
same "$T/o.xml" "$T/clean.xml" "-o FILE.zst -j2"

# gzip with zero bytes after its data (the reader's warning, written between the handler's
# messages: here the repeat index's dedup-limit warning, with a small --dedup-memory)
{ cat "$F"; python3 -c '
import random
r = random.Random(22)
for i in range(3000):  # paragraphs that repeat nothing: the index fills
    print("".join(chr(r.randrange(0x4E00, 0x9FA5)) for _ in range(40)) + "。\n")
'; } | gzip -c >"$T/pad.txt.gz"
head -c 100 /dev/zero >>"$T/pad.txt.gz"
twice 0 pad clean -jN -f text --dedup-memory 1 "$T/pad.txt.gz"
contains "$T/pad.err" "zero bytes after the gzip data" "the padding is said"
contains "$T/pad.err" "dedup-limit" "the index fills"

# lint: one file on two threads (gcc, json, github; SARIF and Code Climate stay on one), its
# findings, messages and status those of -j 1, --diff and --fix too
for f in gcc json github sarif; do
  twice 1 "lint.$f" lint --no-config -jN -f "$f" "$F"
done
[ "$(wc -l <"$T/lint.gcc")" -gt 1000 ] && ok || bad "lint: too few findings to be a test"
twice 1 diff lint --no-config -jN --diff "$F"
cp "$F" "$T/fix1.txt"; cp "$F" "$T/fix2.txt"
"$QG" lint --no-config -q -j1 --fix "$T/fix1.txt" >/dev/null 2>&1
"$QG" lint --no-config -q -j2 --fix "$T/fix2.txt" >/dev/null 2>&1
same "$T/fix2.txt" "$T/fix1.txt" "lint --fix -j2"
cmp -s "$T/fix1.txt" "$F" && bad "lint --fix changed nothing" || ok

# a bad byte in the last paragraph: the same error, status and output as one thread
cp "$F" "$T/bad.txt"
printf '最后一段有坏字节\xff在这里。\n' >>"$T/bad.txt"
for f in xml text; do
  twice 3 "bad.$f" clean -jN -f "$f" "$T/bad.txt"
done
contains "$T/bad.text.err" "invalid" "the bad byte is said"

finish one_file_threads
