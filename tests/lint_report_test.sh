#!/usr/bin/env bash
# lint_report_test.sh QINGGAO SRCDIR: what `qinggao lint` reports, session 16 (docs/ci.md): a
# file's diagnostics sorted by line and column in every format ("Order"); a file --fix could
# not wholly fix for bytes invalid in its encoding (--invalid replace) said and failed; the
# --diff header of an absolute path; file names alike in results, summaries and messages.
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

# ---- --fix and bytes invalid in the encoding (--invalid replace; docs/ci.md, "--fix and --diff")
# A fix that the bytes keep --fix from applying fails the file (status 3), said per file with
# why and what to do; before, "0 fixes applied" and status 0, the file taken for clean.
mkdir -p "$T/inv"
printf 'ab\377中文,好的\n' >"$T/inv/r5.txt"
cp "$T/inv/r5.txt" "$T/inv/r5.orig"
expect_exit 3 "--fix, the only line holds an invalid byte" "$QG" lint --fix --invalid=replace "$T/inv/r5.txt"
contains "$T/err" "^qinggao: $T/inv/r5.txt: not fixed: 1 fix not applied on line 1, which holds bytes that are not UTF-8: --fix copies them as they are \(--invalid replace\) and leaves their line alone; correct them \(decode-invalid says where\) and run --fix again$" "r5: why and what to do"
contains "$T/err" "^qinggao: failed: $T/inv/r5.txt$" "r5: in the summary of failed files"
contains "$T/out" "r5.txt:1:6: warning: .*\[punct-width\]" "r5: the fix left is in the report"
cmp -s "$T/inv/r5.txt" "$T/inv/r5.orig" && ok || bad "r5: changed"
# -q keeps the message (it is why the run fails)
expect_exit 3 "--fix -q" "$QG" lint -q --fix --invalid=replace "$T/inv/r5.txt"
contains "$T/err" "r5.txt: not fixed: 1 fix not applied" "-q: still said"
# the other lines fixed and written: "not wholly fixed", the lines counted
printf '中文,好的\nab\377中文,好的\n好,的\376.\n第四行,好.\n' >"$T/inv/r6.txt"
expect_exit 3 "--fix, two lines with invalid bytes" "$QG" lint --fix --invalid=replace "$T/inv/r6.txt"
contains "$T/err" "r6.txt: not wholly fixed: 2 fixes not applied on 2 lines \(the first: line 2\), which hold bytes" "r6: said"
printf '中文，好的\nab\377中文,好的\n好,的\376.\n第四行，好。\n' >"$T/inv/r6.want"
cmp -s "$T/inv/r6.txt" "$T/inv/r6.want" && ok || bad "r6: the lines around the bytes not fixed"
contains "$T/err" "3 fixes applied in 1 file" "r6: the fixes applied counted"
# the same checked whole (the streamed check's fallback) and on two threads
printf '中文,好的\nab\377中文,好的\n好,的\376.\n第四行,好.\n' >"$T/inv/r6.txt"
QINGGAO_TEST_STREAM_K=0 "$QG" lint --fix --invalid=replace "$T/inv/r6.txt" >/dev/null 2>"$T/err"; echo $? >"$T/rc"
contains "$T/rc" "^3$" "r6 whole: status 3"
contains "$T/err" "r6.txt: not wholly fixed: 2 fixes not applied on 2 lines" "r6 whole: said"
cmp -s "$T/inv/r6.txt" "$T/inv/r6.want" && ok || bad "r6 whole: not fixed the same"
# an invalid byte on a line with nothing to fix: the file is fixed wholly, status 0
printf '中文,好的\nab\377中文。\n' >"$T/inv/r7.txt"
expect_exit 0 "--fix, nothing held back" "$QG" lint --fix --invalid=replace "$T/inv/r7.txt"
lacks "$T/err" "not fixed|not wholly|failed" "r7: nothing said"
# --diff says it too (the fix is not in the diff), and its status is --fix's
expect_exit 3 "--diff" "$QG" lint --diff --invalid=replace "$T/inv/r5.txt"
contains "$T/err" "r5.txt: not fixed: 1 fix not applied on line 1, .* and run --diff again$" "--diff: said"
# another encoding (nothing fixed) and --to-utf8 (cannot write them)
python3 -c "import sys; open(sys.argv[1],'wb').write('中文,好的。这是一个比较长的句子,用来确定编码是国标的文字内容。\n'.encode('gb18030') + b'x\xff\xff\n')" "$T/inv/g5.txt"
expect_exit 3 "--fix, GB18030" "$QG" lint --fix --invalid=replace "$T/inv/g5.txt"
contains "$T/err" "g5.txt: not fixed: bytes invalid in gb18030 at byte offset [0-9]+ \(line 2\), which lint copies as they are only in a UTF-8 file: correct them \(or name the file's encoding with --encoding, if it is another\) and run --fix again$" "GB18030: said"
expect_exit 3 "--fix --to-utf8" "$QG" lint --fix --to-utf8 --invalid=replace "$T/inv/r5.txt"
contains "$T/err" "r5.txt: not fixed: bytes invalid in UTF-8 at byte offset 2 \(line 1\), which --to-utf8 cannot write: correct them and run --fix again$" "--to-utf8: said"
# the formats that name failed inputs name it
"$QG" lint --fix --invalid=replace -f github "$T/inv/r5.txt" >"$T/out" 2>/dev/null
contains "$T/out" "^::error file=$T/inv/r5.txt,title=input-error::not fixed: 1 fix not applied on line 1" "github: an input-error annotation"
"$QG" lint --fix --invalid=replace -f sarif "$T/inv/r5.txt" >"$T/out" 2>/dev/null
contains "$T/out" '"executionSuccessful":false' "sarif: the run did not succeed"
contains "$T/out" '"text":"inputs that could not be checked or fixed: [^"]*r5.txt"' "sarif: the notification names it"

# ---- --diff of a file named by its absolute path (docs/ci.md, "--fix and --diff") ----------
# named from the root: --- a/tmp/…/x.txt (it was a//tmp/…), which patch -p1 and git apply take
# when run from /
mkdir -p "$T/abs" "$T/absfix"
printf '他说,你好.\n第二行,也好.\n' >"$T/abs/x.txt"
printf '今年以来,我市完成.\n' >"$T/abs/sp ace.txt"
cp "$T/abs/"* "$T/absfix/"
"$QG" lint -q --diff "$T/abs/x.txt" "$T/abs/sp ace.txt" >"$T/abs.diff" 2>/dev/null
R=${T#/}
contains "$T/abs.diff" "^--- a/$R/abs/x.txt$" "absolute --diff: --- a/ and the path from the root"
contains "$T/abs.diff" "^\+\+\+ b/$R/abs/x.txt$" "absolute --diff: +++ b/"
contains "$T/abs.diff" "^--- \"a/$R/abs/sp ace.txt\"$" "absolute --diff: a quoted name"
lacks "$T/abs.diff" "^(---|\+\+\+) \"?[ab]//" "absolute --diff: no a//"
if command -v git >/dev/null; then
  (cd / && git apply --check "$T/abs.diff") 2>"$T/err" && ok || bad "git apply --check from /: $(head -2 "$T/err")"
fi
(cd / && patch -s -p1 <"$T/abs.diff") && ok || bad "patch -p1 from / does not apply the absolute --diff"
"$QG" lint -q --fix "$T/absfix/x.txt" "$T/absfix/sp ace.txt" >/dev/null 2>&1
cmp -s "$T/abs/x.txt" "$T/absfix/x.txt" && cmp -s "$T/abs/sp ace.txt" "$T/absfix/sp ace.txt" &&
  ok || bad "the absolute --diff, applied, does not give what --fix writes"

# ---- file names: every format, summary and message alike (docs/ci.md, "File names") ------
# ./dir//x.txt and dir/./x.txt are dir/x.txt in the results (session 14) and now also in the
# messages on standard error (they said ./dir//x.txt beside a summary's dir/x.txt); clean
# names a file as given throughout
mkdir -p "$T/p/dir"
printf '他说,你好.\n' >"$T/p/dir/x.txt"
printf 'ab\377中文,好的\n' >"$T/p/dir/r5.txt"
cp "$T/p/dir/x.txt" "$T/p/dir/ro.txt"; chmod 444 "$T/p/dir/ro.txt"
cd "$T/p"
for given in ./dir//x.txt dir/./x.txt .//dir/x.txt; do
  for f in $FORMATS; do
    "$QG" lint -f "$f" "$given" >"$T/out" 2>/dev/null
    case $f in
      gcc) contains "$T/out" "^dir/x.txt:1:3: " "$given, gcc" ;;
      json) contains "$T/out" '"file":"dir/x.txt"' "$given, json" ;;
      github) contains "$T/out" "file=dir/x.txt," "$given, github" ;;
      sarif) contains "$T/out" '"uri":"dir/x.txt"' "$given, sarif" ;;
      codeclimate) contains "$T/out" '"path":"dir/x.txt"' "$given, codeclimate" ;;
    esac
  done
done
expect_exit 3 "a missing file named ./dir//nope.txt" "$QG" lint ./dir//nope.txt
contains "$T/err" "^qinggao: dir/nope.txt: cannot open: No such file or directory$" "missing: the message names dir/nope.txt"
contains "$T/err" "^qinggao: failed: dir/nope.txt$" "missing: so does the summary"
lacks "$T/err" '\./dir|//' "missing: ./dir// nowhere"
"$QG" lint -f github ./dir//nope.txt >"$T/out" 2>/dev/null
contains "$T/out" "^::error file=dir/nope.txt,title=input-error::" "missing: github's annotation"
expect_exit 3 "--fix of a read-only file named dir/./ro.txt" "$QG" lint --fix dir/./ro.txt
contains "$T/err" "^qinggao: dir/ro.txt: read-only \(mode 0444\): not fixed" "read-only: the message names dir/ro.txt"
expect_exit 3 "--fix --invalid=replace of ./dir//r5.txt" "$QG" lint --fix --invalid=replace ./dir//r5.txt
contains "$T/err" "^qinggao: dir/r5.txt: not fixed: 1 fix not applied" "invalid: the message names dir/r5.txt"
lacks "$T/err" '\./dir|//' "invalid: ./dir// nowhere"
# files found in `lint .` and `lint ./dir/`: dir/ro.txt, not ./dir/ro.txt or ./dir//ro.txt
for given in . ./dir/ ./dir//; do
  "$QG" lint --fix "$given" >"$T/out" 2>"$T/err"
  contains "$T/err" "^qinggao: dir/ro.txt: read-only" "lint --fix $given: the message"
  lacks "$T/err" '\./|//' "lint --fix $given: no ./ or // in the messages"
  lacks "$T/out" '\./|//' "lint --fix $given: no ./ or // in the results"
done
# clean keeps the name as given, in its messages and its source alike
"$QG" clean -q -f json ./dir//nope.txt >/dev/null 2>"$T/err"
contains "$T/err" "^qinggao: \./dir//nope.txt: cannot open" "clean: the name as given"
"$QG" clean -q -f json ./dir//x.txt >"$T/out" 2>/dev/null
contains "$T/out" '"source":"\./dir//x.txt"' "clean: source as given"
cd - >/dev/null

finish lint_report
