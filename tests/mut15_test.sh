#!/usr/bin/env bash
# mut15_test.sh QINGGAO SOURCE_DIR: checks written by the mutation review of session 15
# (/work/briefs/mut15.md), each failing on a mutant of sessions 12-14's code the suite let
# through: the fingerprints' context (four characters each side, fewer at a line's start),
# lint's passes and --diff, batch runs' output names and input walks. Fixtures are our own text.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C.UTF-8

# ---- fingerprints: exactly four characters of context each side (docs/ci.md) ----------------
# The issue is the half-width comma after 开会 on the line 我们今天开会,讨论明年的工作计划。: its
# context is 今天开会 before and 讨论明年 after. A character changed at the fourth place
# either side changes the fingerprint; one at the fifth keeps it (mutants: CTX_CPS 3 or 5).
mkdir -p "$T/fp"
fp1() { # text → the fingerprint of the file's only issue
  printf '%s\n' "$1" >"$T/fp/a.txt"
  (cd "$T/fp" && "$QG" lint -q --no-config -f codeclimate a.txt) |
    python3 -c 'import json,sys; a=json.load(sys.stdin); assert len(a) == 1, a; print(a[0]["fingerprint"])' ||
    echo "no-fingerprint-$RANDOM$RANDOM" # (never equal to another: a comparison cannot pass on two failures)
}
fpcmp() { # = or != TEXT DESCRIPTION: TEXT's fingerprint compared with $b; none at all fails
  local x
  x=$(fp1 "$2")
  case "$x" in no-fingerprint-*) bad "$3 (no fingerprint for the text)"; return;; esac
  [ "$x" "$1" "$b" ] && ok || bad "$3"
}
b=$(fp1 '我们今天开会,讨论明年的工作计划。')
case "$b" in no-fingerprint-*) bad "fingerprint: none for the base line";; *) ok;; esac
fpcmp '!=' '我们今天开会,讨论明天的工作计划。' "fingerprint: the 4th character after the issue is not in its context"
fpcmp '=' '我们今天开会,讨论明年之工作计划。' "fingerprint: the 5th character after the issue is in its context"
fpcmp '!=' '我们明天开会,讨论明年的工作计划。' "fingerprint: the 4th character before the issue is not in its context"
fpcmp '=' '他们今天开会,讨论明年的工作计划。' "fingerprint: the 5th character before the issue is in its context"
# at a line's start the context before is what there is (two characters here), not nothing
b=$(fp1 '我们,今天下午开会。')
case "$b" in no-fingerprint-*) bad "fingerprint: none for the line-start line";; *) ok;; esac
fpcmp '!=' '他们,今天下午开会。' "fingerprint: an issue at column 3 has no context before it"
# a UTF-8 byte order mark is no context: the file with one has the fingerprints of the file without
printf '\xef\xbb\xbf' >"$T/fp/bom"
bb=$(fp1 "$(cat "$T/fp/bom")我们,今天下午开会。")
[ "$bb" = "$b" ] && ok || bad "fingerprint: a byte order mark changed the fingerprint of an issue on line 1"

# ---- lint --fix / --diff: a pass whose fixes keep the text's length ------------------------------
# A compatibility ideograph (U+F900) becomes its canonical form (U+8C48): three bytes for three.
# fix_one's passes end when the fixed text equals the text checked, not when it is as long
# (mutant: a pass that changed nothing in length was taken as no change and not written).
mkdir -p "$T/len"
printf '这是一座古老的\xef\xa4\x80城，历史悠久。\n' >"$T/len/u.txt"
(cd "$T/len" && "$QG" lint -q --no-config --diff u.txt >"$T/len/u.diff" 2>"$T/len/u.err")
contains "$T/len/u.diff" $'^\\+这是一座古老的\xe8\xb1\x88城' "--diff: a fix that keeps the length is shown"
printf '这是一座古老的\xef\xa4\x80城，历史悠久。\r\n' >"$T/len/crlf.txt" # (--to-utf8: fixed whole)
"$QG" lint -q --no-config --to-utf8 --fix "$T/len/crlf.txt" >/dev/null 2>&1
[ "$(cat "$T/len/crlf.txt")" = "$(printf '这是一座古老的\xe8\xb1\x88城，历史悠久。\r')" ] && ok ||
  bad "--fix (whole): a fix that keeps the length was not written: $(od -c "$T/len/crlf.txt" | head -2)"

# ---- lint --fix: the number of passes (QINGGAO_TEST_FIX_PASSES), whole and streamed ----------
# Straight quotes typed every which way take two passes: the outer ' ' become ‘ ’, and only then
# are the " inside them quotes to turn (the result is no good quotation: the point is that --fix
# goes on to the fixed point; until session 24 the example was 12：00-13：30, whose span dash a
# second pass made: audit 24 F19 made it one pass). N passes are N, no more and no fewer, in
# fix_one (--to-utf8 is fixed whole) and in the streamed loop (without it); the limit reached
# while fixes still apply is said.
mkdir -p "$T/np"
line="他在纸上写了'\" s\" \`'是什么意思。"
for k in whole streamed; do
  for n in 1 2; do
    printf '%s\n' "$line" >"$T/np/$k$n.txt"
    opt=; [ $k = whole ] && opt=--to-utf8
    QINGGAO_TEST_FIX_PASSES=$n "$QG" lint -q --no-config $opt --fix "$T/np/$k$n.txt" >/dev/null 2>"$T/np/$k$n.err"
  done
  contains "$T/np/${k}1.txt" '写了‘" s" `’是' "$k: one pass of --fix turns the outer quotes alone"
  contains "$T/np/${k}1.err" 'stopped after 1 pass that each applied fixes' "$k: one pass that applied fixes: the limit said"
  contains "$T/np/${k}2.txt" '写了‘‘ s’`’是' "$k: two passes of --fix turn the inner ones too"
done

# ---- clean -o DIR/: what is an extension (1 to 8 ASCII letters after the last dot) -----------
# a.markdown (8 letters) is replaced, b.abcdefghi (9) is kept and .txt added, c. (nothing after
# the dot) keeps its dot; e.Md (letters of either case) is replaced
mkdir -p "$T/od/in"
for n in a.markdown b.abcdefghi c. d.txt e.Md; do printf '今天天气很好，大家都出门散步了。\n' >"$T/od/in/$n"; done
"$QG" clean -q -f text -o "$T/od/out/" "$T/od/in" >/dev/null 2>&1
(cd "$T/od/out" && find . -type f | sort | tr '\n' ' ') >"$T/od/list"
[ "$(cat "$T/od/list")" = "./.qinggao-output ./a.txt ./b.abcdefghi.txt ./c..txt ./d.txt ./e.txt " ] && ok ||
  bad "-o DIR/: extensions of 8 letters, 9 letters, none: $(cat "$T/od/list")"

# ---- dedup-limit on standard error: said, but not with -q (probe 15 #1) ------------------------
# 3000 distinct paragraphs fill a 1 MiB index (as dedup_test.sh makes them)
python3 -c '
import random
random.seed(7)
ps = ["".join(chr(0x4E00 + random.randrange(3000)) for _ in range(60)) + "。" for _ in range(3000)]
print("\n\n".join(ps + [ps[0], ps[-1]]))' >"$T/many.txt"
for cmd in dedup clean; do
  "$QG" $cmd -f text --dedup-memory 1 "$T/many.txt" >/dev/null 2>"$T/lim.err"
  contains "$T/lim.err" 'warning: the repeat index is full.*\[dedup-limit\]' "$cmd: dedup-limit said on stderr"
  "$QG" $cmd -q -f text --dedup-memory 1 "$T/many.txt" >/dev/null 2>"$T/lim.err"
  lacks "$T/lim.err" 'dedup-limit' "$cmd -q: dedup-limit said on stderr"
done

# ---- dedup's summary counts a repeat kept on purpose among those it lists (probe 15 #11) --------
printf '一、阅读理解\n\n阅读下面的文字，完成下列各题。\n\n二、语言运用\n\n阅读下面的文字，完成下列各题。\n\n今天天气很好，大家都出门散步了。\n\n今天天气很好，大家都出门散步了。\n' >"$T/kept.txt"
"$QG" dedup "$T/kept.txt" >"$T/kept.out" 2>"$T/kept.err"
[ "$(grep -c '"duplicate_of"' "$T/kept.out")" = 2 ] && ok || bad "dedup: the kept and the removed repeat listed"
contains "$T/kept.err" ' 2 repeats listed;' "dedup summary: the kept repeat among those listed"

# ---- a list ends with its document (mut15 D07) ---------------------------------------------------
# Under --dedup-scope run, an item that opens the next file and nearly repeats an item of the list
# the file before ended with is a near repeat: the items of one list are exempt, not two files'
# (mutant: the open list was not closed at a document's start).
printf '通知如下。\n\n- 报名地点：市图书馆一楼报告厅，请携带身份证原件和复印件，按时到场办理。\n' >"$T/la.txt"
printf -- '- 考试地点：市图书馆一楼报告厅，请携带身份证原件和复印件，按时到场参加。\n\n另有补充事项，请各位考生留意。\n' >"$T/lb.txt"
"$QG" dedup --dedup-scope run -f text "$T/la.txt" "$T/lb.txt" >"$T/l.out" 2>/dev/null
contains "$T/l.out" 'lb\.txt:1: repeats .*la\.txt:3 \(near' "a list does not run on into the next file"

finish mut15
