#!/usr/bin/env bash
# corpus_test.sh QINGGAO SRCDIR: compressed input and output (.gz, .zst; docs/corpora.md).
# The texts are this repo's samples/ and lines written for this test.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
same() { # a b description
  if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -20 >&2; fi
}

P=$SRC/samples/page1.txt
# plain reference outputs
# (each must succeed and say something: a comparison of two empty outputs proves nothing;
# lint exits 1 on the page's repeats)
"$QG" clean -q -f text "$P" >"$T/ref.txt" || bad "reference clean -f text failed"
"$QG" clean -q -f xml "$P" >"$T/ref.xml" || bad "reference clean -f xml failed"
"$QG" dedup -q "$P" >"$T/ref.dups" || bad "reference dedup failed"
"$QG" segment -q "$P" >"$T/ref.seg" || bad "reference segment failed"
"$QG" lint "$P" >"$T/ref.lint" 2>/dev/null; [ $? -le 1 ] || bad "reference lint failed"
for r in txt xml dups seg lint; do [ -s "$T/ref.$r" ] && ok || bad "reference output ref.$r is empty"; done

gzip -c "$P" >"$T/p.gz"
zstd -q -c "$P" >"$T/p.zst"
cp "$T/p.gz" "$T/gzip-without-suffix"   # the magic bytes decide, not the name
cp "$T/p.zst" "$T/zstd-named.txt"
cat "$T/p.gz" "$T/p.gz" >"$T/twice.gz"  # concatenated gzip members are one stream
cat "$P" "$P" >"$T/twice.txt"
cp "$P" "$T/plain.gz"                   # a .gz name without gzip magic is read as it is

# .gz and .zst input give the plain input's output
for f in p.gz p.zst gzip-without-suffix zstd-named.txt plain.gz; do
  expect_exit 0 "clean $f" "$QG" clean -q -f text "$T/$f"; same "$T/out" "$T/ref.txt" "clean text of $f"
  expect_exit 0 "clean xml $f" "$QG" clean -q -f xml "$T/$f"
  sed "s#$T/$f#$P#g" "$T/out" >"$T/out.x"; same "$T/out.x" "$T/ref.xml" "clean xml of $f"
  expect_exit 0 "segment $f" "$QG" segment -q "$T/$f"; same "$T/out" "$T/ref.seg" "segment of $f"
  "$QG" dedup -q "$T/$f" >"$T/out" 2>/dev/null; sed "s#$T/$f#$P#g" "$T/out" >"$T/out.x"
  same "$T/out.x" "$T/ref.dups" "dedup of $f"
  "$QG" lint "$T/$f" >"$T/out" 2>/dev/null; sed "s#$T/$f#$P#g" "$T/out" >"$T/out.x"
  same "$T/out.x" "$T/ref.lint" "lint of $f"
done
"$QG" lint --format json "$P" >"$T/ref.json" 2>/dev/null; [ $? -le 1 ] && [ -s "$T/ref.json" ] && ok || bad "reference lint --format json failed"
"$QG" lint --format json "$T/p.zst" >"$T/out" 2>/dev/null; [ $? -le 1 ] || bad "lint --format json of p.zst failed"
sed "s#$T/p.zst#$P#g" "$T/out" >"$T/out.x"
same "$T/out.x" "$T/ref.json" "lint --format json of p.zst (whole-file reading)"
# a zstd stream that begins with a skippable frame (pzstd, the seekable format) is zstd
{ printf 'P*M\030\004\000\000\000abcd'; cat "$T/p.zst"; } >"$T/skip.zst"
expect_exit 0 "clean skip.zst" "$QG" clean -q -f text "$T/skip.zst"; same "$T/out" "$T/ref.txt" "a skippable frame first"
# xz and bzip2 are refused by name, not read as text with an encoding error; a directory walk
# skips them as archives
mkdir -p "$T/xzdir"
printf '\3757zXZ\000\000\004garbage' >"$T/xzdir/a.txt.xz"
printf 'BZh91AY&SYgarbage' >"$T/xzdir/b.txt.bz2"
expect_exit 3 "clean a.txt.xz" "$QG" clean -q -f text "$T/xzdir/a.txt.xz"
contains "$T/err" "a.txt.xz: xz-compressed input is not supported" "xz named"
expect_exit 3 "clean b.txt.bz2" "$QG" clean -q -f text "$T/xzdir/b.txt.bz2"
contains "$T/err" "b.txt.bz2: bzip2-compressed input is not supported" "bzip2 named"
# nor are they written: an output or report named so is a usage error, and nothing is written
# (plain text went under the compressed name: audit 24 F17); .gz and .zst are written
printf '一,二.\n' >"$T/one.txt"
expect_exit 2 "-o .xz" "$QG" clean -q -f text -o "$T/one.out.xz" "$T/one.txt"
contains "$T/err" "-o .*one.out.xz: xz compression is not written \(gzip and zstd are" "-o .xz: said"
[ ! -e "$T/one.out.xz" ] && ok || bad "-o .xz: nothing written"
expect_exit 2 "--report .bz2" "$QG" clean -q -f text --report "$T/r.bz2" -o /dev/null "$T/one.txt"
contains "$T/err" "--report .*r.bz2: bzip2 compression is not written" "--report .bz2: said"
expect_exit 2 "-o .lz4" "$QG" segment -q -o "$T/one.out.lz4" "$T/one.txt"
expect_exit 0 "-o .gz" "$QG" clean -q -f text -o "$T/one.out.gz" "$T/one.txt"
[ "$(gzip -dc "$T/one.out.gz")" = "一，二。" ] && ok || bad "-o .gz written compressed"
printf 'BZh9 是一种压缩格式的名字。\n' >"$T/bztext.txt"
expect_exit 0 "text that starts with BZh9" "$QG" clean -q -f text "$T/bztext.txt"
contains "$T/out" "BZh9 是一种压缩格式的名字。" "text that starts with BZh9 is text"
printf 'BZh9\x17\x72\x45\x38\x50\x90\x00\x00\x00\x00' >"$T/xzdir/empty.bz2"
# compressed twice: said as such, not read as text with an encoding error (probe 10 F16)
printf '稿件,好.\n' | gzip | gzip >"$T/nested.gz"
expect_exit 3 "gzip inside gzip" "$QG" clean -q -f text "$T/nested.gz"
contains "$T/err" "nested.gz: gzip data inside gzip data: decompress it once more" "gzip inside gzip said"
printf '稿件,好.\n' | zstd -q | gzip >"$T/zg.gz"
expect_exit 3 "zstd inside gzip" "$QG" clean -q -f text "$T/zg.gz"
contains "$T/err" "zg.gz: zstd data inside gzip data" "zstd inside gzip said"
# a gzip file with one bit flipped in its payload: inflate gives garbage before its check fails,
# so the text fails to decode first; the corrupt data is said too (probe 11b G8: only "invalid
# UTF-8 byte" at a place that is not in the file)
python3 -c "
import gzip, random
s = ''.join('第%d段：今年以来，南湖区新建口袋公园%d座，居民出门五百米见绿的目标提前实现。\n\n' % (i, i % 97) for i in range(20000))
d = bytearray(gzip.compress(s.encode(), mtime=0))
random.seed(1)
p = random.randrange(1000, len(d) - 100); d[p] ^= 1 << random.randrange(8)
open('$T/flip.gz', 'wb').write(d)"
expect_exit 3 "gzip with a flipped bit" "$QG" clean -q -f text "$T/flip.gz"
contains "$T/err" "flip.gz: corrupt gzip data" "a flipped bit in gzip data: corrupt data said"
# zstd with a window over 128 MiB (--long=30, streamed: the window is not cut to the size) is
# said as such, not "corrupt" (probe 11b G6); --long=27 is read
printf '稿件,好.\n' | zstd -q --long=30 >"$T/long30.zst"
expect_exit 3 "zstd --long=30" "$QG" clean -q -f text "$T/long30.zst"
contains "$T/err" "long30.zst: zstd data with a window over 128 MiB" "zstd long window said"
lacks "$T/err" "corrupt" "zstd long window: not called corrupt"
printf '稿件,好.\n' | zstd -q --long=27 >"$T/long27.zst"
expect_exit 0 "zstd --long=27" "$QG" clean -q -f text "$T/long27.zst"
contains "$T/out" "稿件，好。" "zstd --long=27 read"
# a directory holding only compressed archives has no file to read: status 2, as lint (probe 10 F4)
expect_exit 2 "walk with xz and bzip2" "$QG" clean -f text "$T/xzdir"
contains "$T/err" "clean: no file to read" "walk with only archives: no file to read"
contains "$T/err" "a.txt.xz \(an xz archive\)" "walk skips xz"
contains "$T/err" "b.txt.bz2 \(a bzip2 archive\)" "walk skips bzip2"
# standard input, compressed
"$QG" clean -q -f text - <"$T/p.gz" >"$T/out"; same "$T/out" "$T/ref.txt" "clean - <p.gz"
"$QG" clean -q -f text - <"$T/p.zst" >"$T/out"; same "$T/out" "$T/ref.txt" "clean - <p.zst"
# concatenated members
"$QG" clean -q -f text --dedup off "$T/twice.gz" >"$T/out" || bad "clean of twice.gz failed"
"$QG" clean -q -f text --dedup off "$T/twice.txt" >"$T/out.x" || bad "clean of twice.txt failed"
[ -s "$T/out.x" ] && ok || bad "clean of twice.txt is empty"
same "$T/out" "$T/out.x" "two concatenated gzip members"
# archive add reads compressed input: the paragraphs of p.zst are then in the archive
expect_exit 0 "archive add p.zst" "$QG" archive add -q --archive "$T/a.db" "$T/p.zst"
expect_exit 0 "dedup against the archive" "$QG" dedup -q --archive "$T/a.db" "$P"
contains "$T/out" "dup-archive|archive" "paragraphs of p.zst found in the archive"

# corrupt and truncated input: exit 3, a clear message, nothing written for it, the good file kept
cat >"$T/own.txt" <<'TXT'
青石镇的老邮局今年春天重新开门，门口那只绿色邮筒也刷上了新漆。

邮局里多了一张长桌，来寄信的人可以坐下来慢慢写，桌上备着信纸、信封和一小罐浆糊。
TXT
for i in 1 2 3 4 5 6 7 8; do echo "第${i}封来信说，镇上的孩子们第一次学着写地址、贴邮票，寄给远方的笔友。"; echo; done >>"$T/own.txt"
gzip -c "$T/own.txt" >"$T/own.gz"; zstd -q -c "$T/own.txt" >"$T/own.zst"
head -c $(($(stat -c %s "$T/own.gz") - 12)) "$T/own.gz" >"$T/cut.gz"
head -c $(($(stat -c %s "$T/own.zst") - 12)) "$T/own.zst" >"$T/cut.zst"
python3 - "$T/own.gz" "$T/bad.gz" "$T/own.zst" "$T/bad.zst" <<'PY'
import sys
for src, dst in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    b = bytearray(open(src, 'rb').read())
    for i in range(20, len(b) - 10):
        b[i] ^= 0x5a
    open(dst, 'wb').write(bytes(b))
PY
for f in cut.gz bad.gz cut.zst bad.zst; do
  kind=gzip; case $f in *.zst) kind=zstd ;; esac
  expect_exit 3 "clean $f with a good file" "$QG" clean -f text "$T/$f" "$P"
  contains "$T/err" "^qinggao: $T/$f: corrupt $kind data \(" "message for $f"
  contains "$T/err" "2 files, 1 failed" "summary for $f"
  same "$T/out" "$T/ref.txt" "only the good file's output beside $f"
  lacks "$T/out" "青石镇|邮局" "nothing of $f written"
  expect_exit 3 "lint $f" "$QG" lint "$T/$f"
  contains "$T/err" "corrupt $kind data" "lint message for $f"
  expect_exit 3 "lint --format json $f" "$QG" lint --format json "$T/$f"
  contains "$T/err" "corrupt $kind data" "lint json message for $f"
done
# the intact own files read fine (the corruption, not the text, fails)
expect_exit 0 "clean own.gz" "$QG" clean -q -f text "$T/own.gz"; contains "$T/out" "青石镇的老邮局" "own.gz read"

# compressed output: decompresses to the plain output; replaced atomically
expect_exit 0 "clean -o out.gz" "$QG" clean -q -f text -o "$T/o.gz" "$P"
[ "$(head -c 2 "$T/o.gz" | od -An -tx1 | tr -d ' ')" = 1f8b ] && ok || bad "o.gz has no gzip magic"
gzip -dc "$T/o.gz" >"$T/out"; same "$T/out" "$T/ref.txt" "o.gz decompresses to the plain output"
expect_exit 0 "clean -o out.zst" "$QG" clean -q -f xml -o "$T/o.zst" "$P"
zstd -q -dc "$T/o.zst" >"$T/out"; same "$T/out" "$T/ref.xml" "o.zst decompresses to the plain output"
# --report FILE.gz is compressed as -o FILE.gz is, and the suffix in capitals counts (probe 8 E10)
"$QG" clean -q -f text --report "$T/rep.plain" "$P" >/dev/null 2>&1
"$QG" clean -q -f text --report "$T/rep.gz" -o "$T/O.TXT.GZ" "$P" 2>/dev/null
gzip -dc "$T/rep.gz" >"$T/out"; same "$T/out" "$T/rep.plain" "--report FILE.gz is gzip"
gzip -dc "$T/O.TXT.GZ" >"$T/out"; same "$T/out" "$T/ref.txt" "-o FILE.TXT.GZ is gzip"
expect_exit 0 "segment -o out.gz" "$QG" segment -q -o "$T/s.gz" "$P"
gzip -dc "$T/s.gz" >"$T/out"; same "$T/out" "$T/ref.seg" "segment -o s.gz"
# the output read back as input (magic bytes) equals cleaning it once more
"$QG" clean -q -f text "$T/o.gz" >"$T/out"; "$QG" clean -q -f text "$T/ref.txt" >"$T/out.x"
same "$T/out" "$T/out.x" "compressed output read back"
# a failing run leaves an existing output alone and no temp file behind
echo keep >"$T/k.txt"; gzip -c "$T/k.txt" >"$T/k.gz"; cp "$T/k.gz" "$T/k0.gz"
expect_exit 3 "clean -o k.gz of a corrupt file" "$QG" clean -q -f text -o "$T/k.gz" "$T/cut.gz"
same "$T/k.gz" "$T/k0.gz" "k.gz untouched"
ls "$T" | grep -q 'tmp' && bad "temp file left behind" || ok
# a larger input (several chunks) round-trips through .zst out and in
for i in $(seq 1 60); do cat "$P"; done >"$T/big.txt"
"$QG" clean -q -f text --dedup off "$T/big.txt" >"$T/big.ref"
"$QG" clean -q -f text --dedup off -o "$T/big.zst" "$T/big.txt"
zstd -q -dc "$T/big.zst" >"$T/out"; same "$T/out" "$T/big.ref" "big.zst output"
zstd -q -c "$T/big.txt" >"$T/bigin.zst"; gzip -c "$T/big.txt" >"$T/bigin.gz"
"$QG" clean -q -f text --dedup off "$T/bigin.zst" >"$T/out"; same "$T/out" "$T/big.ref" "big .zst input"
"$QG" clean -q -f text --dedup off "$T/bigin.gz" >"$T/out"; same "$T/out" "$T/big.ref" "big .gz input"

# ---- JSON Lines (clean --jsonl) --------------------------------------------------------------
# Lines of our own: full-width indent, ASCII commas in Chinese, a repeated paragraph, bad lines.
cat >"$T/c.jsonl" <<'JL'
{"id":1,"url":"https://news.example/a?b=1&c=2","text":"　　青石镇的老邮局今年春天重新开门，门口那只绿色邮筒也刷上了新漆。\n\n邮局里多了一张长桌,来寄信的人可以坐下来慢慢写。","meta":{"n":12345678901234,"tags":["乡镇","邮政"],"ok":true,"none":null,"esc":"a\"b\\c\u00e9"}}
not json at all
[1,2,3]
{"id":4,"body":"没有正文字段的一行。"}
{"id":5,"text":42}

{"id":6,"title":"长桌","text":"邮局里多了一张长桌,来寄信的人可以坐下来慢慢写。"}
{"id":7, "text": "坏的转义\x在这里"}
{"id":8,"text":"这一行没有要改的地方。"}
JL
expect_exit 3 "clean --jsonl with bad lines" "$QG" clean --jsonl "$T/c.jsonl"
cp "$T/out" "$T/j.out"; cp "$T/err" "$T/j.err"
[ "$(wc -l <"$T/j.out")" = 3 ] && ok || bad "jsonl: 3 good lines expected, got $(wc -l <"$T/j.out")"
contains "$T/j.err" "^qinggao: $T/c.jsonl:2:[0-9]+: error: " "not JSON: line and column"
contains "$T/j.err" "^qinggao: $T/c.jsonl:3:1: error: an array, not a JSON object" "array line"
contains "$T/j.err" "^qinggao: $T/c.jsonl:4:1: error: no \"text\" field" "missing field"
contains "$T/j.err" "^qinggao: $T/c.jsonl:5:1: error: field \"text\" is a number, not a string" "number field"
contains "$T/j.err" "^qinggao: $T/c.jsonl:8:[0-9]+: error: invalid escape" "bad escape: line and column"
lacks "$T/j.err" ":6:[0-9]+: error" "a blank line is no error"
contains "$T/j.err" "^qinggao: clean: 1 file, 0 failed; .*; 3 JSON lines cleaned, 5 bad lines not written; " "jsonl summary: one line"
[ "$(grep -c '^qinggao: clean: ' "$T/j.err")" = 1 ] && ok || bad "jsonl: one summary line, got $(grep -c '^qinggao: clean: ' "$T/j.err")"
# --invalid replace has no effect on JSON Lines: refused, as -e is (probe 15 #13)
expect_exit 2 "--jsonl --invalid replace" "$QG" clean --jsonl --invalid replace "$T/c.jsonl"
contains "$T/err" 'invalid replace does not apply to --jsonl' "--jsonl --invalid replace: said"
# the bad lines are in --report too (probe 15 #8: it kept no trace of the dropped records), one
# each, with -j 2 as with -j 1
expect_exit 3 "clean --jsonl --report with bad lines" "$QG" clean -q --jsonl --report "$T/j.rep" "$T/c.jsonl"
[ "$(grep -c '\[jsonl-bad-line\]$' "$T/j.rep")" = 5 ] && ok || bad "jsonl: 5 bad lines in the report, got $(grep -c 'jsonl-bad-line' "$T/j.rep")"
contains "$T/j.rep" "^$T/c.jsonl:4:1: error: no \"text\" field \[jsonl-bad-line\]$" "jsonl: a bad line in the report"
expect_exit 3 "clean -q --jsonl with bad lines" "$QG" clean -q --jsonl "$T/c.jsonl"
lacks "$T/err" "JSON lines? cleaned|^qinggao: clean: " "-q: no summary, the bad lines alone"
contains "$T/err" "c.jsonl:5:1: error: field" "-q: the bad lines are still named"
# UTF-16 JSON Lines (PowerShell's >) are refused once, by name; CR-only line ends are named in
# the bad line's message (probe 8 E10)
printf '{"text":"好,的"}\r\n{"text":"第二,行"}\r\n' | iconv -f UTF-8 -t UTF-16 >"$T/u16.jsonl"
expect_exit 3 "UTF-16 jsonl" "$QG" clean --jsonl "$T/u16.jsonl"
contains "$T/err" "u16.jsonl: UTF-16 text: JSON Lines must be UTF-8" "UTF-16 jsonl named"
lacks "$T/err" ":[0-9]+:[0-9]+: error" "UTF-16 jsonl: no bad line per record"
printf '{"text":"好,的"}\r{"text":"第二,行"}\r' >"$T/cr.jsonl"
expect_exit 3 "CR-only jsonl" "$QG" clean -q --jsonl "$T/cr.jsonl"
contains "$T/err" "cr.jsonl:1:[0-9]+: error: .*carriage return" "CR-only jsonl: the CR named"
# a BOM inside the file (two files concatenated) and a form feed where a record starts are named,
# not quoted invisibly (probe 10 F20)
printf '\xef\xbb\xbf{"text":"第一,好."}\n\xef\xbb\xbf{"text":"第二,好."}\n\x0c{"text":"第三"}\n' >"$T/bom2.jsonl"
expect_exit 3 "jsonl with a BOM inside" "$QG" clean -q --jsonl "$T/bom2.jsonl"
contains "$T/err" "bom2.jsonl:2:1: error: .*U\+FEFF, a byte order mark inside the file" "jsonl: a BOM inside named"
contains "$T/err" "bom2.jsonl:3:1: error: .*the control character U\+000C" "jsonl: a form feed named"
contains "$T/out" "第一，好。" "jsonl: the first record (its BOM at the start of the file) is read"
printf '{"text":"好,的"}\n' | tr -d '\n' >"$T/one.jsonl"; printf '\000\n' >>"$T/one.jsonl"
expect_exit 3 "one record and a stray NUL" "$QG" clean -q --jsonl "$T/one.jsonl"
lacks "$T/err" "UTF-16" "a stray NUL is no sign of UTF-16"
lacks "$T/j.out" "没有正文字段|坏的转义|not json" "bad lines are not written"
# the other fields byte for byte, in order (compact input: the same bytes), the text cleaned
contains "$T/j.out" '^\{"id":1,"url":"https://news.example/a\?b=1&c=2","text":"' "fields before text kept in order"
grep -qF '"meta":{"n":12345678901234,"tags":["乡镇","邮政"],"ok":true,"none":null,"esc":"a\"b\\c\u00e9"},"qinggao":{"changes":' "$T/j.out" && ok || bad "meta passed through byte for byte (its escapes as written)"
# fields qinggao does not clean pass through as their bytes: numbers jansson cannot hold (an
# unsigned 64-bit id, 1e400) make no bad line, and none is rewritten (0.1, 1E2, -0, spaces
# between tokens); a "qinggao" field the line had takes the new counts in its place (probe 9 F17)
printf '{"id":12345678901234567890,"text":"好的,今天."}\n{"id":1,"score":1e400,"text":"好的,今天."}\n{"id":2, "p":0.1,"q":1E2,"r":-0,"text":"好的,今天.", "qinggao":{"changes":9}, "z" : [1, {"text":"x"}]}\n{"id":3,"n":01,"text":"x"}\n' >"$T/num.jsonl"
expect_exit 3 "--jsonl, numbers of other fields" "$QG" clean -q --jsonl "$T/num.jsonl"
printf '%s\n' '{"id":12345678901234567890,"text":"好的，今天。","qinggao":{"changes":2,"removed":0}}' \
  '{"id":1,"score":1e400,"text":"好的，今天。","qinggao":{"changes":2,"removed":0}}' \
  '{"id":2, "p":0.1,"q":1E2,"r":-0,"text":"好的，今天。", "qinggao":{"changes":2,"removed":0}, "z" : [1, {"text":"x"}]}' >"$T/num.want"
same "$T/out" "$T/num.want" "--jsonl: other fields byte for byte, numbers of any size"
contains "$T/err" "num.jsonl:4:13: error: " "--jsonl: an invalid number (01) is still a bad line"
# a key written with escapes (Python's json.dumps writes a Chinese field name so) is the field,
# and an escaped "qinggao" takes the counts in its place (review 9 R4, R5)
python3 -c "import json; print(json.dumps({'id': 1, '正文': '今年,好.'}))" >"$T/py.jsonl"
expect_exit 0 "--jsonl, an escaped field name" "$QG" clean -q --jsonl --text-field 正文 "$T/py.jsonl"
python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).read()); assert d['正文']=='今年，好。' and d['qinggao']['changes']==2, d" "$T/out" && ok || bad "--jsonl: the escaped field name found and cleaned"
printf '%s\n' '{"\u0074ext":"今年,好.","\u0071inggao":{"a":1}}' >"$T/esc.jsonl"
expect_exit 0 "--jsonl, escaped text and qinggao keys" "$QG" clean -q --jsonl "$T/esc.jsonl"
python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).read(), object_pairs_hook=list); assert d==[('text','今年，好。'),('qinggao',[('changes',2),('removed',0)])], d" "$T/out" && ok || bad "--jsonl: escaped keys, one qinggao field"
python3 - "$T/c.jsonl" "$T/j.out" <<'PY' && ok || bad "jsonl: objects compare"
import json, sys
src = {}
for l in open(sys.argv[1], encoding="utf-8"):
    try:
        o = json.loads(l)
    except ValueError:
        continue
    if isinstance(o, dict) and isinstance(o.get("text"), str):
        src[o["id"]] = o
out = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert [o["id"] for o in out] == [1, 6, 8], [o["id"] for o in out]
for o in out:
    s = src[o["id"]]
    assert list(o)[:-1] == list(s), (list(o), list(s))          # same keys, same order, qinggao last
    for k in s:
        if k != "text":
            assert o[k] == s[k], k
    q = o["qinggao"]
    if o["id"] == 1:
        assert o["text"] == "青石镇的老邮局今年春天重新开门，门口那只绿色邮筒也刷上了新漆。\n\n邮局里多了一张长桌，来寄信的人可以坐下来慢慢写。", o["text"]
        assert q["changes"] >= 2 and q["removed"] == 0, q
    if o["id"] == 6:
        assert o["text"] == "邮局里多了一张长桌，来寄信的人可以坐下来慢慢写。", o["text"]
        assert q == {"changes": 1, "removed": 0}, q          # doc scope: no repeat across lines
    if o["id"] == 8:
        assert o["text"] == "这一行没有要改的地方。" and q == {"changes": 0, "removed": 0}, (o, q)
PY
# run scope: the paragraph of line 7 repeats line 1's second paragraph
expect_exit 3 "clean --jsonl --dedup-scope run" "$QG" clean --jsonl --dedup-scope run --report "$T/rep" "$T/c.jsonl"
grep '"id":6' "$T/out" >"$T/l6"
contains "$T/l6" '"text":"","title"|"title":"长桌","text":"",' "run scope: the repeat removed from line 7"
contains "$T/l6" '"qinggao":\{"changes":[0-9]+,"removed":1\}' "run scope: removed counted"
contains "$T/rep" "^$T/c.jsonl:7:1:1: error: paragraph repeats $T/c.jsonl:1 line 3: removed \[dup-paragraph\]" "run scope: the repeat reported at FILE:LINE"
contains "$T/rep" "$T/c.jsonl:1" "run scope: the first occurrence named"
expect_exit 3 "clean --jsonl --dedup-scope doc" "$QG" clean --jsonl --report "$T/rep" "$T/c.jsonl"
lacks "$T/rep" "dup-paragraph" "doc scope: no repeat across lines"
# --text-field, compressed JSONL in and out, options that do not go together
printf '{"body":"ＡＢＣ全角字母","text":"不动"}\n' | gzip -c >"$T/b.jsonl.gz"
expect_exit 0 "--text-field body, .gz in, .zst out" "$QG" clean -q --jsonl --text-field body -o "$T/b.zst" "$T/b.jsonl.gz"
zstd -q -dc "$T/b.zst" >"$T/out"
contains "$T/out" '^\{"body":"ABC全角字母","text":"不动","qinggao":\{"changes":1,"removed":0\}\}$' "--text-field body"
expect_exit 2 "--jsonl with --format" "$QG" clean --jsonl -f xml "$T/c.jsonl"
expect_exit 2 "--text-field without --jsonl" "$QG" clean --text-field body "$T/c.jsonl"
expect_exit 2 "--jsonl on lint" "$QG" lint --jsonl "$T/c.jsonl"
# a truncated compressed JSONL file is an input error; the good file in the same run is cleaned
head -c 40 "$T/b.jsonl.gz" >"$T/cut.jsonl.gz"
printf '{"text":"好的一行。"}\n' >"$T/good.jsonl"
expect_exit 3 "truncated .jsonl.gz beside a good file" "$QG" clean --jsonl "$T/cut.jsonl.gz" "$T/good.jsonl"
contains "$T/err" "cut.jsonl.gz:1: corrupt gzip data \(unexpected end of file\); the line is cut there, no complete line before it" "truncated jsonl.gz message (named at its line since session 17)"
contains "$T/out" '"text":"好的一行。"' "good file cleaned"

# a byte-order mark before the first record is no error; \u0000 is a character like any other
# (removed from the text as an invisible character, kept in other fields); the summary counts
# the paragraphs of every line
printf '\xef\xbb\xbf{"id":1,"text":"今天,天气很好."}\n{"id":2,"text":"甲\\u0000乙,中文.\\n\\n第二段.","x":"\\u0000"}\n' >"$T/bom.jsonl"
expect_exit 0 "jsonl with a BOM and \\u0000" "$QG" clean --jsonl "$T/bom.jsonl"
[ "$(wc -l <"$T/out")" = 2 ] && ok || bad "jsonl BOM: 2 lines expected"
contains "$T/out" '^\{"id":1,"text":"今天，天气很好。"' "jsonl BOM: first record cleaned"
contains "$T/out" '^\{"id":2,"text":"甲乙，中文。\\n\\n第二段。","x":"\\u0000"' "jsonl NUL: text cleaned, other field kept"
contains "$T/err" " 3 paragraphs, " "jsonl summary counts paragraphs"
printf '\xef\xbb\xbf\n{"text":"今天,天气."}\n' >"$T/bom2.jsonl"  # a BOM alone on the first line
expect_exit 0 "jsonl: a BOM on a blank first line" "$QG" clean --jsonl "$T/bom2.jsonl"
contains "$T/out" '^\{"text":"今天，天气。"' "jsonl: the record after a BOM-only line"
# a walk skips data and code by name with one .gz or .zst left aside, as it skips them plain
# (probe 15 #3: x.jsonl.gz and x.html.zst were read as prose, their markup "cleaned" and
# archived); --jsonl still reads every file of the walk, compressed or not
J=$T/jd
mkdir -p "$J/sub"
printf '{"id":1,"text":"甲,乙"}\n' >"$T/s.jsonl"
cp "$T/s.jsonl" "$J/a.jsonl"
gzip -c "$T/s.jsonl" >"$J/sub/b.jsonl.gz"
zstd -q -c "$T/s.jsonl" -o "$J/c.jsonl.zst"
printf '<p>甲,乙</p>\n' | gzip -c >"$J/x.HTML.GZ"
printf 'a,b\n1,2\n' | zstd -q -c >"$J/t.csv.zst"
printf '今天天气很好,大家都出门散步了。\n' | gzip -c >"$J/e.txt.gz"
printf '今天天气很好,大家都出门散步了。\n' | gzip -c >"$J/f.gz"
expect_exit 0 "clean DIR with compressed data files" "$QG" clean -f text "$J"
contains "$T/err" "5 files found in directories skipped, not text: $J/a.jsonl \(data or code \(.jsonl\)\), $J/c.jsonl.zst \(data or code \(.jsonl\)\), $J/sub/b.jsonl.gz \(data or code \(.jsonl\)\), …" "compressed data files said as skipped"
contains "$T/err" "clean: 2 files, 0 failed" "the compressed text files read"
lacks "$T/out" 'text|<p>|1，2' "no data file read as prose"
expect_exit 0 "dedup DIR with compressed data files" "$QG" dedup "$J"
contains "$T/err" "5 files found in directories skipped" "dedup: compressed data files skipped"
expect_exit 0 "archive add DIR with compressed data files" "$QG" archive add --archive "$T/jd.db" "$J"
contains "$T/err" "5 files found in directories skipped" "archive add: compressed data files skipped"
expect_exit 0 "an --include takes a compressed data file" "$QG" clean -f text --include '*.jsonl.gz' "$J"
contains "$T/err" "clean: 1 file, 0 failed" "--include '*.jsonl.gz': read"
expect_exit 0 "--jsonl DIR reads the compressed JSON Lines" "$QG" clean --jsonl --exclude '*.txt.gz' --exclude 'f.gz' --exclude '*.HTML.GZ' --exclude '*.csv.zst' "$J"
[ "$(grep -c '"text":"甲，乙"' "$T/out")" = 3 ] && ok || bad "--jsonl DIR: a.jsonl, b.jsonl.gz, c.jsonl.zst cleaned"
finish corpus_test
