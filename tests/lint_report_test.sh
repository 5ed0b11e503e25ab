#!/usr/bin/env bash
# lint_report_test.sh QINGGAO SRCDIR: what `qinggao lint` reports, session 16 (docs/ci.md): a
# file's diagnostics sorted by line and column in every format ("Order").
# The texts are written here, and this repo's samples/page1.txt.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
ORDER="$(dirname "$0")/lint_order.py"
FORMATS="gcc github json sarif codeclimate"

# sorted DESC FORMAT MIN: $T/out (lint -f FORMAT) holds MIN results or more, each file's
# together and sorted by line and column (json: by seq at the same place)
sorted() {
  if python3 "$ORDER" "$2" "$T/out" "$3" >"$T/why"; then ok; else bad "$1 ($2): $(cat "$T/why")"; fi
}

# ---- order (docs/ci.md, "Order") ----------------------------------------------------------
# The pipeline raises diagnostics stage by stage: a line's character rules (full-width digits,
# U+200B, a Kangxi radical) before its punctuation, the character stage lines ahead of the
# paragraph stage (line 9's digits before line 1's comma), a repeat's dup-paragraph at column
# 1 after the repeat's punctuation. They were printed in that order.
mkdir -p "$T/o"
printf '第１２期\342\200\213报道,⼀个人说"好".\n\n这是一段重复的段落文字内容,用来测试重复.\n\n这是一段重复的段落文字内容,用来测试重复.\n\n他们在会上讨论了有关问题,并且决定\n\n明天上午１０点再开一次会.\n' >"$T/o/mix.txt"
cp "$SRC/samples/page1.txt" "$T/o/page1.txt" # a paragraph joined across a photo block by repair
# the same text in GB18030 with CR LF line ends (not decided in parts: held to its end in json)
iconv -f UTF-8 -t GB18030 "$T/o/mix.txt" | sed 's/$/\r/' >"$T/o/mix-gb.txt"
# a long file: results printed while it is read (the window), not only at its end
FW=(０ １ ２ ３ ４ ５ ６ ７ ８ ９)
for i in $(seq 1500); do
  n=; for ((k = 0; k < ${#i}; k++)); do n+=${FW[${i:k:1}]}; done
  printf '第%s期\342\200\213报道,⼀个人说"好".\n\n这是第%s段重复的段落文字内容,用来测试重复.\n\n' "$n" "$((i % 7))"
done >"$T/o/long.txt"
for f in $FORMATS; do
  "$QG" lint -j1 -f "$f" "$T/o/mix.txt" >"$T/out" 2>/dev/null
  sorted "mix.txt" "$f" 15
  "$QG" lint -j2 -f "$f" "$T/o" >"$T/out" 2>/dev/null
  sorted "four files, -j2" "$f" 10000
  cp "$T/out" "$T/o-$f"
  QINGGAO_TEST_STREAM_K=0 "$QG" lint -j2 -f "$f" "$T/o" >"$T/out" 2>/dev/null # checked whole
  if cmp -s "$T/out" "$T/o-$f"; then ok; else bad "$f: the whole-file check prints another order"; fi
  "$QG" lint -f "$f" - <"$T/o/mix.txt" >"$T/out" 2>/dev/null
  sorted "standard input" "$f" 15
done
# the exact order of mix.txt: ties (none here) aside, position order
"$QG" lint "$T/o/mix.txt" | cut -d: -f2,3 | tr '\n' ' ' >"$T/pos"
contains "$T/pos" "^1:2 1:5 1:8 1:9 1:13 1:15 1:16 3:14 3:21 5:1 5:14 5:21 7:13 9:5 9:13 $" "mix.txt: positions in order"
# json's seq is the order raised: a chain of replacements on one span applies in it
"$QG" lint -f json "$T/o/mix.txt" >"$T/out"
python3 - "$T/out" >"$T/why" <<'EOF' && ok || bad "json seq: $(cat "$T/why")"
import json, sys
d = {(x['line'], x['column']): x['seq'] for x in map(json.loads, open(sys.argv[1]))}
assert len(set(d.values())) == len(d), 'seq values repeat'
assert d[(1, 9)] < d[(1, 8)], 'the radical (character stage) was raised before the comma (punctuation)'
assert d[(9, 5)] < d[(1, 8)], "line 9's digits were raised before line 1's comma"
assert d[(5, 14)] < d[(5, 1)], "the repeat's punctuation was raised before its dup-paragraph"
EOF
# what --fix leaves (the repeats, not fixed) is sorted too; so is a github report of it
cp "$T/o/mix.txt" "$T/o/long.txt" "$T/"
"$QG" lint --fix -q -f github "$T/mix.txt" "$T/long.txt" >"$T/out" 2>/dev/null
sorted "--fix, what is left" github 100

finish lint_report
