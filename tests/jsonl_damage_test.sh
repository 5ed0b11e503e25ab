#!/usr/bin/env bash
# jsonl_damage_test.sh QINGGAO SRCDIR: JSON Lines inputs that fail midway, and outputs that fail
# (probe 18 D1, D2, D3, D5, D7, D8; docs/corpora.md, docs/batch.md, docs/dedup.md).
# Every record and paragraph is written for this test.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
lines() { if [ -e "$1" ]; then wc -l <"$1" | tr -d ' '; else echo none; fi; }

# 3000 records, each with one half-width comma to make full-width (one change per record);
# the texts differ enough that the compressed data is long
awk 'BEGIN { for (i = 0; i < 3000; i++) {
  s = ""; for (k = 0; k < 40; k++) s = s sprintf("%c", 0x4e00 + (i * 7919 + k * 104729) % 20000)
  printf "{\"n\":%d,\"text\":\"第%d条记录的内容,%s。\"}\n", i, i, s } }' >"$T/a.jsonl"
[ "$(lines "$T/a.jsonl")" = 3000 ] && ok || bad "the test's records were not made"
gzip -c "$T/a.jsonl" >"$T/a.jsonl.gz"
size=$(wc -c <"$T/a.jsonl.gz")
head -c $((size / 2)) "$T/a.jsonl.gz" >"$T/cut.jsonl.gz"
want=$(gzip -dc "$T/cut.jsonl.gz" 2>/dev/null | wc -l | tr -d ' ')
[ "$want" -gt 100 ] && [ "$want" -lt 3000 ] && ok || bad "the cut file gives $want complete lines"
head -n 1 "$T/a.jsonl" >"$T/good.jsonl"

# ---- D2: every complete record before the damage is cleaned, written and counted -----------
expect_exit 0 "an intact .jsonl.gz" "$QG" clean --jsonl "$T/a.jsonl.gz"
[ "$(lines "$T/out")" = 3000 ] && ok || bad "intact .jsonl.gz: $(lines "$T/out") lines, not 3000"
expect_exit 3 "a cut .jsonl.gz" "$QG" clean --jsonl "$T/cut.jsonl.gz"
[ "$(lines "$T/out")" = "$want" ] && ok || bad "cut .jsonl.gz: $(lines "$T/out") lines written, gzip -dc gives $want"
cmp -s <(head -n "$want" "$T/a.jsonl" | sed 's/内容,/内容，/; s/}$/,"qinggao":{"changes":1,"removed":0}}/') "$T/out" &&
  ok || bad "cut .jsonl.gz: the records written are not the first $want cleaned"
contains "$T/err" "cut.jsonl.gz:$((want + 1)): corrupt gzip data \(unexpected end of file\); the line is cut there, the $want complete lines before it were read" "the damage named with the line it cuts"
contains "$T/err" "$want JSON lines cleaned" "the records before the damage counted"
# their bytes too (probe 43 F7: "0 bytes" next to "19 JSON lines cleaned, 107 paragraphs")
lacks "$T/err" "1 failed; 0 bytes" "cut .jsonl.gz: the summary counts 0 bytes"
both=$(($(wc -c <"$T/cut.jsonl.gz") + $(wc -c <"$T/good.jsonl")))
if [ "$both" -lt 10000 ]; then both="$both bytes"; else both=$(awk -v b="$both" 'BEGIN { printf "%.1f kB", b / 1e3 }'); fi
for j in 1 2; do
  expect_exit 3 "a cut .jsonl.gz and a good one, -j $j" "$QG" clean --jsonl -j $j "$T/cut.jsonl.gz" "$T/good.jsonl"
  contains "$T/err" "2 files, 1 failed; $both," "-j $j: the cut file's bytes counted with the good one's"
done
# one good gzip member, then junk: both records (probe: 0 of 2 were written)
head -n 2 "$T/a.jsonl" | gzip -c >"$T/two.jsonl.gz"
(cat "$T/two.jsonl.gz"; echo junk) >"$T/junk.jsonl.gz"
expect_exit 3 "gzip member then junk" "$QG" clean --jsonl "$T/junk.jsonl.gz"
[ "$(lines "$T/out")" = 2 ] && ok || bad "gzip then junk: $(lines "$T/out") lines written, not 2"
contains "$T/err" "junk.jsonl.gz:3: trailing bytes after the gzip data" "junk after the data: named at line 3"
# zstd cut by 3 bytes
head -n 3 "$T/a.jsonl" | zstd -q -c >"$T/three.jsonl.zst"
zs=$(wc -c <"$T/three.jsonl.zst")
head -c $((zs - 3)) "$T/three.jsonl.zst" >"$T/zcut.jsonl.zst"
zwant=$(zstd -q -dc "$T/zcut.jsonl.zst" 2>/dev/null | wc -l | tr -d ' ')
expect_exit 3 "a cut .jsonl.zst" "$QG" clean --jsonl "$T/zcut.jsonl.zst"
[ "$zwant" -ge 1 ] && [ "$(lines "$T/out")" = "$zwant" ] && ok ||
  bad "cut .jsonl.zst: $(lines "$T/out") lines written, zstd -dc gives $zwant"
# text mode: the paragraphs before the damage are still not written (the document fails whole)
gzip -dc "$T/cut.jsonl.gz" 2>/dev/null | sed 's/.*"text":"//; s/"}$//; s/$/\n/' >"$T/p.txt"
gzip -c "$T/p.txt" >"$T/p.txt.gz"
head -c $(($(wc -c <"$T/p.txt.gz") / 2)) "$T/p.txt.gz" >"$T/pcut.txt.gz"
expect_exit 3 "a cut .txt.gz" "$QG" clean -f text "$T/pcut.txt.gz"
[ "$(lines "$T/out")" = 0 ] && ok || bad "a cut text document wrote $(lines "$T/out") lines"
# archive add --jsonl stores the same records
expect_exit 3 "archive add --jsonl a cut file" "$QG" archive add --jsonl --archive "$T/a.db" "$T/cut.jsonl.gz"
contains "$T/err" "$want records? added" "archive add --jsonl: every record before the damage"

# ---- D3: -o FILE keeps the records before the damage; the summary counts what was written ----
expect_exit 3 "a cut input alone, -o FILE" "$QG" clean --jsonl "$T/cut.jsonl.gz" -o "$T/o1.jsonl"
[ "$(lines "$T/o1.jsonl")" = "$want" ] && ok || bad "-o FILE: $(lines "$T/o1.jsonl") lines, not $want"
contains "$T/err" "1 failed; .*, $want paragraphs, $want changes, .*; $want JSON lines cleaned" "-o FILE: the summary counts the records written"
expect_exit 3 "a cut input and a good one, -o FILE" "$QG" clean --jsonl "$T/cut.jsonl.gz" "$T/good.jsonl" -o "$T/o3.jsonl"
[ "$(lines "$T/o3.jsonl")" = $((want + 1)) ] && ok || bad "-o FILE, two inputs: $(lines "$T/o3.jsonl") lines"
contains "$T/err" "$((want + 1)) paragraphs, $((want + 1)) changes, .*; $((want + 1)) JSON lines cleaned" "two inputs: the figures agree"
head -c 20 "$T/a.jsonl.gz" >"$T/nothing.jsonl.gz" # no line whole: nothing to write
echo old >"$T/o4.jsonl"
expect_exit 3 "no record before the damage, -o FILE" "$QG" clean --jsonl "$T/nothing.jsonl.gz" -o "$T/o4.jsonl"
[ "$(cat "$T/o4.jsonl")" = old ] && ok || bad "every input failed with nothing written: -o FILE replaced"
expect_exit 3 "a cut input and a good one, -o DIR/" "$QG" clean --jsonl "$T/cut.jsonl.gz" "$T/good.jsonl" -o "$T/od/"
[ ! -e "$T/od/cut.jsonl" ] && [ "$(lines "$T/od/good.jsonl")" = 1 ] && ok || bad "-o DIR/: the failed input's output written"
contains "$T/err" " 1 paragraph, 1 change, .*; 1 JSON line cleaned" "-o DIR/: the dropped file's records not counted"

# ---- D1: --dedup-scope run -o DIR/: a dropped output's records are no first occurrences ----
sed -n '1p;6p' "$T/a.jsonl" >"$T/b.jsonl"
expect_exit 3 "scope run, a cut input first, -o DIR/" "$QG" clean --jsonl --dedup-scope run "$T/cut.jsonl.gz" "$T/b.jsonl" -o "$T/d1/" --report "$T/d1.rep"
grep -c '"removed":0' "$T/d1/b.jsonl" | grep -qx 2 && ok || bad "scope run: the copies of a dropped file's records were removed"
lacks "$T/d1.rep" "dup-paragraph" "scope run: no repeat of a record that is in no output"
mkdir -p "$T/d2/a.jsonl" # (a directory where a's output goes: it cannot be written)
expect_exit 3 "scope run, an output that cannot be written" "$QG" clean --jsonl --dedup-scope run "$T/a.jsonl" "$T/b.jsonl" -o "$T/d2/" --report "$T/d2.rep"
contains "$T/err" "d2/a.jsonl: cannot write" "the output that failed is named"
grep -c '"removed":0' "$T/d2/b.jsonl" | grep -qx 2 && ok || bad "scope run: the copies of an unwritten file's records were removed"
lacks "$T/d2.rep" "dup-paragraph" "scope run, unwritten output: no repeat reported"
# the same in text mode
sed 's/.*"text":"//; s/"}$//; s/$/\n/' "$T/a.jsonl" | head -n 400 >"$T/ta.txt"
sed -n '1,2p;11,12p' "$T/ta.txt" >"$T/tb.txt"
mkdir -p "$T/d3/ta.txt"
expect_exit 3 "scope run, text, an output that cannot be written" "$QG" clean -f text --dedup-scope run "$T/ta.txt" "$T/tb.txt" -o "$T/d3/" --report "$T/d3.rep"
lacks "$T/d3.rep" "dup-paragraph" "scope run, text: no repeat of a paragraph in no output"
[ "$(grep -c 第 "$T/d3/tb.txt")" = 2 ] && ok || bad "scope run, text: tb.txt lost its paragraphs"
# and what must not change: written outputs keep their paragraphs as first occurrences
expect_exit 0 "scope run, -o DIR/, all written" "$QG" clean --jsonl --dedup-scope run "$T/a.jsonl" "$T/b.jsonl" -o "$T/d4/" --report "$T/d4.rep"
[ "$(grep -c '"removed":1' "$T/d4/b.jsonl")" = 2 ] && ok || bad "scope run: repeats of written records kept"
contains "$T/d4.rep" "b.jsonl:1:1:1: error: paragraph repeats .*a.jsonl:1 line 1: removed \[dup-paragraph\]" "scope run: the repeat reported"
expect_exit 3 "scope run, a cut input, -o FILE" "$QG" clean --jsonl --dedup-scope run "$T/cut.jsonl.gz" "$T/b.jsonl" -o "$T/d5.jsonl" --report "$T/d5.rep"
[ "$(grep -c '"removed":1' "$T/d5.jsonl")" = 2 ] && ok || bad "scope run, -o FILE: the records written before the damage are first occurrences"
mkdir -p "$T/d6/tb.txt" # (the second output fails: nothing to take back for the first)
expect_exit 3 "scope run, text, the later output fails" "$QG" clean -f text --dedup-scope run "$T/ta.txt" "$T/tb.txt" -o "$T/d6/"
[ -s "$T/d6/ta.txt" ] && ok || bad "scope run, text: the first output not written"

# ---- D5: JSON Lines messages name the file as every other message does (%XX) ---------------
nl=$'\n'
printf '{"text":"一段文字,内容。"}\nnot json\n' >"$T/x${nl}y.jsonl"
expect_exit 3 "a JSON Lines file with a newline in its name" "$QG" clean --jsonl --id-field id "$T/x${nl}y.jsonl" --report "$T/d5.txt"
lacks "$T/d5.txt" "^y\.jsonl" "the report's entries are one line each"
[ "$(grep -c "x%0Ay.jsonl:" "$T/d5.txt")" = 3 ] && ok || bad "the report names the file one way"
contains "$T/err" "x%0Ay.jsonl:2:3: error: '\[' or '\{' expected" "stderr: the bad line named with %0A"
contains "$T/err" "x%0Ay.jsonl:1:1: warning: no \"id\" field" "stderr: the missing id named with %0A"

# ---- D7: standard output cut by a write error says so -------------------------------------
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "第%d段，内容写在这里，比较长一些以便测试。\n\n", i }' >"$T/big.txt"
(trap '' XFSZ; ulimit -f 8; exec "$QG" clean -f text "$T/big.txt") >"$T/cut.txt" 2>"$T/err"
[ $? = 3 ] && ok || bad "a file size limit on standard output: not exit 3"
contains "$T/err" "cannot write the output: File too large; it is incomplete, cut after 8192 bytes" "stdout cut: where"
contains "$T/err" "; the output is incomplete \(cut after 8192 bytes\);" "stdout cut: the summary"
lacks "$T/err" "not written" "stdout cut: not said unwritten"
[ "$(wc -c <"$T/cut.txt" | tr -d ' ')" = 8192 ] && ok || bad "the cut output is not 8192 bytes"
expect_exit 3 "standard output on /dev/full" sh -c '"$1" clean -f text "$2" >/dev/full' sh "$QG" "$T/big.txt"
# nothing reached it: said so (review 17 N3: "what reached it before the error stays there")
contains "$T/err" "cannot write the output: No space left on device; nothing of it was written$" "a device: nothing written"
contains "$T/err" "; nothing of the output was written;" "a device: the summary says nothing was written"
lacks "$T/err" "incomplete|stays there" "a device: nothing written is not said incomplete"
expect_exit 3 "-o /dev/full" "$QG" clean -f text "$T/big.txt" -o /dev/full
contains "$T/err" "No space left on device; nothing of it was written$" "-o a device: nothing written"
# review 19 H1: the counting stream's write returned -1 when nothing was written, which glibc's
# fopencookie took as a count (it read past its buffer; a crash under TSan): under valgrind's
# memcheck a failing output is exit 3 and no memory error (9), for text, JSON Lines and
# standard output. (Skipped when valgrind is missing or cannot run the binary: a sanitized one.)
# (and a zstd output, whose stream had the same fault: a .zst name linked to /dev/full)
# (QG_MEMCHECK_BIN: the command linked for memcheck when the program is static-pie, tests/CMakeLists.txt)
VG=${QG_MEMCHECK_BIN:-$QG}
if command -v valgrind >/dev/null && valgrind -q --error-exitcode=9 "$VG" --version >/dev/null 2>&1; then
  ln -s /dev/full "$T/full.txt.zst"
  for args in "clean -f text $T/big.txt -o /dev/full" "clean --jsonl $T/a.jsonl -o /dev/full" \
              "clean --jsonl $T/a.jsonl" "clean -f text $T/big.txt -o $T/full.txt.zst"; do
    # shellcheck disable=SC2086
    valgrind -q --error-exitcode=9 "$VG" $args >/dev/full 2>"$T/vg"
    rc=$?
    [ $rc = 3 ] && ok || bad "valgrind, $args >/dev/full: exit $rc, not 3: $(grep -m2 'Invalid\|uninit' "$T/vg")"
  done
fi
# a pipe whose reader stops after 100 bytes: what went through is counted
out=$( (trap '' PIPE; "$QG" clean -f text "$T/big.txt" 2>"$T/err"; echo "rc=$?" >"$T/rc") | head -c 100 | wc -c)
[ "$out" = 100 ] && grep -q '^rc=3$' "$T/rc" && ok || bad "a closed pipe: not exit 3"
n=$(sed -n 's/.*Broken pipe; it is incomplete, cut after \([0-9]*\) bytes$/\1/p' "$T/err")
[ -n "$n" ] && [ "$n" -ge 100 ] && ok || bad "a closed pipe: the bytes that went through not said ($n)"
# -o FILE is replaced atomically: an output that fails there is not written (unchanged words)
(trap '' XFSZ; ulimit -f 8; exec "$QG" clean -f text "$T/big.txt" -o "$T/o7.txt") 2>"$T/err"
[ $? = 3 ] && [ ! -e "$T/o7.txt" ] && ok || bad "-o FILE over a size limit: not exit 3, or written"
contains "$T/err" "; the output not written;" "-o FILE that fails: not written"
lacks "$T/err" "incomplete" "-o FILE that fails is not said incomplete"

# ---- D8: a named .jsonl file is not read as prose ------------------------------------------
printf '{"id":"x1","text":"这是第一条记录,内容。"}\n{"id":"x2","text":"另外一条。"}\n' >"$T/corpus.jsonl"
cp "$T/corpus.jsonl" "$T/keep.jsonl"
for cmd in clean dedup segment; do
  expect_exit 3 "$cmd corpus.jsonl without --jsonl" "$QG" $cmd "$T/corpus.jsonl"
  contains "$T/err" "corpus.jsonl: looks like JSON Lines .*use --jsonl" "$cmd: said"
done
expect_exit 3 "lint --fix corpus.jsonl" "$QG" lint --fix "$T/corpus.jsonl"
contains "$T/err" "corpus.jsonl: looks like JSON Lines" "lint --fix: said"
cmp -s "$T/corpus.jsonl" "$T/keep.jsonl" && ok || bad "lint --fix rewrote a JSON Lines file"
expect_exit 3 "archive add corpus.jsonl without --jsonl" "$QG" archive add --archive "$T/b.db" "$T/corpus.jsonl"
contains "$T/err" "looks like JSON Lines" "archive add: said"
expect_exit 0 "clean --jsonl corpus.jsonl" "$QG" clean --jsonl "$T/corpus.jsonl"
# what must not change: prose in a .jsonl name is read as prose
printf '今天天气很好,大家都出门散步了。\n' >"$T/notes.jsonl"
expect_exit 0 "prose named .jsonl" "$QG" clean -f text "$T/notes.jsonl"
contains "$T/out" "今天天气很好，大家" "prose named .jsonl: cleaned"

# ---- review 17 H4: JSON Lines piped, or in any name, are not read as prose ------------------
# (until session 18 they were cleaned, quotes and colons turned full width, exit 0)
cp "$T/corpus.jsonl" "$T/corpus.txt"
for cmd in clean dedup segment; do
  expect_exit 3 "$cmd: JSON Lines named .txt" "$QG" $cmd "$T/corpus.txt"
  contains "$T/err" "corpus.txt: looks like JSON Lines \(its first two non-blank lines are JSON objects\).*use --jsonl" "$cmd: JSON Lines named .txt: said"
  expect_exit 3 "$cmd: JSON Lines on standard input" sh -c '"$1" $2 - <"$3"' sh "$QG" $cmd "$T/corpus.jsonl"
  contains "$T/err" "<stdin>: looks like JSON Lines .*use --jsonl" "$cmd: standard input: said"
done
[ ! -s "$T/out" ] && ok || bad "JSON Lines on standard input: something written"
expect_exit 3 "archive add: JSON Lines on standard input" sh -c '"$1" archive add --archive "$2" - <"$3"' sh "$QG" "$T/h4.db" "$T/corpus.jsonl"
contains "$T/err" "<stdin>: looks like JSON Lines" "archive add: standard input: said"
gzip -c "$T/corpus.jsonl" >"$T/corpus.txt.gz"
expect_exit 3 "JSON Lines gzipped, named .txt.gz" "$QG" clean -f text "$T/corpus.txt.gz"
contains "$T/err" "corpus.txt.gz: looks like JSON Lines" "gzipped: said"
expect_exit 0 "--jsonl on standard input still reads them" sh -c '"$1" clean --jsonl - <"$2"' sh "$QG" "$T/corpus.jsonl"
# the message names the first non-blank line (a blank first line, review 17 H4)
printf '\n  \n{"id":"w","text":"一条。"}\n' >"$T/w.jsonl"
expect_exit 3 "a blank line, then a record" "$QG" clean "$T/w.jsonl"
contains "$T/err" "w.jsonl: looks like JSON Lines \(its only non-blank line is a JSON object\)" "one record after a blank line: said"
lacks "$T/err" "on its first line" "the old wording"
# a first record longer than the 1 MiB looked at: judged by its start
python3 -c "import sys; open(sys.argv[1],'w').write('{\"text\":\"' + '长'*400000 + '\"}\n{\"text\":\"短。\"}\n')" "$T/long.txt"
expect_exit 3 "a first record past 1 MiB" "$QG" clean -f text "$T/long.txt"
contains "$T/err" "long.txt: looks like JSON Lines" "a first record past 1 MiB: said"
# what must not change: prose that opens with a brace, or whose first line alone is JSON
printf '{编者按}今天的文章,内容如下。\n\n正文第一段。\n' >"$T/brace.txt"
expect_exit 0 "prose opening with a brace" sh -c '"$1" clean -f text - <"$2"' sh "$QG" "$T/brace.txt"
contains "$T/out" "^\{编者按\}今天的文章，内容如下。$" "prose opening with a brace: cleaned"
printf '{"a":1}\n这不是记录,是正文。\n' >"$T/half.txt"
expect_exit 0 "a JSON first line over prose" "$QG" clean -f text "$T/half.txt"
contains "$T/out" "是正文。" "a JSON first line over prose: cleaned"
printf '{ "a": 1,\n  "b": 2 }\n' >"$T/pretty.txt"
expect_exit 0 "JSON over several lines (not JSON Lines)" "$QG" clean -f text "$T/pretty.txt"
# a big prose file through standard input: the same output as named (the bytes looked at are
# given back whole, and the chunks stay where they were)
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "第%d段，内容写在这里,比较长一些以便测试。\n\n", i }' >"$T/bigp.txt"
"$QG" clean -q -f text "$T/bigp.txt" >"$T/bigp.1"
"$QG" clean -q -f text - <"$T/bigp.txt" >"$T/bigp.2"
cmp -s "$T/bigp.1" "$T/bigp.2" && [ -s "$T/bigp.1" ] && ok || bad "prose through standard input differs from the file named"

# ---- probe 18 Q2: a lone surrogate escape is U+FFFD, said at its column; Q1: a key twice --
printf '%s\n' '{"id":1,"text":"前文\ud83d后文。"}' '{"id":2,"text":"正常。","x":"\udc00"}' \
  '{"id":3,"text":"\ud83d\ude00笑。"}' '{"id":4,"text":"斜杠\\ud800不是转义。"}' >"$T/sur.jsonl"
expect_exit 0 "lone surrogates: the records are read" "$QG" clean --jsonl "$T/sur.jsonl" --report "$T/sur.rep"
[ "$(wc -l <"$T/out" | tr -d ' ')" = 4 ] && ok || bad "lone surrogates: a record left out"
contains "$T/out" '^\{"id":1,"text":"前文�后文。"' "a lone high half in the text: U+FFFD"
contains "$T/out" '^\{"id":2,"text":"正常。","x":"\\udc00",' "a lone low half in another field: its bytes kept"
contains "$T/out" '^\{"id":3,"text":"😀笑。"' "a pair: the character it encodes"
contains "$T/out" '^\{"id":4,"text":"斜杠\\\\ud800不是转义。"' "an escaped backslash before ud800: no escape"
contains "$T/err" "sur.jsonl:1:19: warning: .ud83d is half of a UTF-16 surrogate pair, without its other half: read as U\+FFFD" "the high half said at its column"
contains "$T/err" "sur.jsonl:2:27: warning: .udc00 is half" "the low half said at its column"
[ "$(grep -c 'surrogate' "$T/err")" = 2 ] && ok || bad "lone surrogates: not said twice"
contains "$T/sur.rep" "sur.jsonl:1:19: warning: .* \[jsonl-surrogate\]" "lone surrogates: in the report"
contains "$T/err" "4 JSON lines cleaned, 0 bad lines" "lone surrogates: no bad line"
# a key twice stays a bad line (which text is meant is not known), said at its place
printf '%s\n' '{"id":5,"text":"甲乙","text":"丙丁。"}' '{"id":6,"text":"好的。"}' >"$T/dupkey.jsonl"
expect_exit 3 "a key twice: a bad line" "$QG" clean --jsonl "$T/dupkey.jsonl"
contains "$T/err" "dupkey.jsonl:1:26: error: duplicate object key" "a key twice: said with its place"
contains "$T/out" '^\{"id":6,' "a key twice: the next record is written"

# ---- Q6: a paragraph emptied by cleaning is a change and is removed -----------------------
printf '{"text":"\\u200b"}\n' >"$T/empty.jsonl"
expect_exit 0 "a record emptied by cleaning" "$QG" clean --jsonl "$T/empty.jsonl"
contains "$T/out" '"qinggao":\{"changes":2,"removed":1\}' "emptied: two changes, one removal"
contains "$T/err" "2 changes, 1 removed \(0 duplicates\)" "emptied: the summary agrees"
finish jsonl_damage_test
