#!/usr/bin/env bash
# jsonl_tools_test.sh QINGGAO: JSON Lines in dedup and archive add (--jsonl, --text-field), the
# bad-line messages' quotes, and gzip/zstd data followed by other bytes (docs/corpora.md,
# docs/dedup.md; probe 15 #14, #15, #16). The texts are lines written for this test.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
same() { # a b description
  if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -20 >&2; fi
}
valid_jsonl() { # file description: every line is a JSON object
  if python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"): assert isinstance(json.loads(l), dict)' "$1" 2>/dev/null
  then ok; else bad "$2: not JSON Lines"; head -3 "$1" >&2; fi
}

A='今年春天，县城邮局里多了一张长桌，来寄信的人可以坐下来慢慢写。'
B='第二段的内容在这里，写得足够长，好让它成为一个可以比较的段落。'
C='河边新修的步道傍晚人最多，散步的、跑步的、遛狗的都有。'
D='新开的图书馆周末也开门，借书的人排起了长队，一直排到门外。'

# ---- #15: bytes after gzip and zstd data ------------------------------------------------------
printf '　　第一段,内容甲。\n' >"$T/t.txt"
"$QG" clean -q -f text "$T/t.txt" >"$T/t.ref" || bad "reference clean failed"
[ -s "$T/t.ref" ] && ok || bad "reference output empty"
gzip -c "$T/t.txt" >"$T/t.gz"
zstd -q -c "$T/t.txt" >"$T/t.zst"
gz_size=$(stat -c %s "$T/t.gz")
{ cat "$T/t.gz"; head -c 512 /dev/zero; } >"$T/pad.gz"
{ cat "$T/t.zst"; head -c 512 /dev/zero; } >"$T/pad.zst"
{ cat "$T/t.gz"; printf 'garbage'; } >"$T/junk.gz"
{ cat "$T/t.zst"; printf 'garbage'; } >"$T/junk.zst"
{ cat "$T/t.gz"; head -c 100 /dev/zero; cat "$T/t.gz"; } >"$T/padmid.gz"
{ cat "$T/t.gz"; printf '\0\0\0x'; } >"$T/zerosjunk.gz"
{ cat "$T/t.gz"; printf '\037'; } >"$T/half.gz" # one byte of a gzip magic, then the end

# zero padding after gzip data: read, the zeros ignored and said (as gzip -d, which says
# "trailing zero bytes ignored")
expect_exit 0 "gzip + zero padding" "$QG" clean -f text "$T/pad.gz"
same "$T/out" "$T/t.ref" "gzip + zero padding: the text as without the padding"
contains "$T/err" "pad.gz: warning: 512 zero bytes after the gzip data ignored" "zero padding said, with the file"
contains "$T/err" "1 file, 0 failed" "zero padding: no failure"
expect_exit 0 "gzip + zero padding, -q" "$QG" clean -q -f text "$T/pad.gz"
lacks "$T/err" "warning" "-q: no warning"
expect_exit 0 "gzip + zero padding on standard input" sh -c '"$1" clean -f text - <"$2"' sh "$QG" "$T/pad.gz"
contains "$T/err" "^qinggao: -: warning: 512 zero bytes after the gzip data ignored" "stdin: said"
expect_exit 0 "dedup reads gzip + zero padding" "$QG" dedup "$T/pad.gz"
contains "$T/err" "pad.gz: warning: 512 zero bytes" "dedup says the padding"
"$QG" lint "$T/pad.gz" >"$T/out" 2>"$T/err"; [ $? -le 1 ] && ok || bad "lint of gzip + zero padding failed"
contains "$T/err" "pad.gz: warning: 512 zero bytes" "lint says the padding"
[ "$(grep -c 'zero bytes' "$T/err")" = 1 ] && ok || bad "lint says the padding once"
expect_exit 0 "archive add reads gzip + zero padding" "$QG" archive add --archive "$T/pad.db" "$T/pad.gz"
contains "$T/err" "pad.gz: warning: 512 zero bytes" "archive add says the padding"
# -j 2: the warning stays with its file, in input order, as -j 1
cp "$T/t.txt" "$T/u.txt"
"$QG" clean -j1 -f text "$T/u.txt" "$T/pad.gz" "$T/u.txt" >"$T/j1.out" 2>"$T/j1.err"
"$QG" clean -j2 -f text "$T/u.txt" "$T/pad.gz" "$T/u.txt" >"$T/j2.out" 2>"$T/j2.err"
same "$T/j1.out" "$T/j2.out" "padding -j1/-j2 output"
grep -v ' s, ' "$T/j1.err" >"$T/j1.e"; grep -v ' s, ' "$T/j2.err" >"$T/j2.e"
same "$T/j1.e" "$T/j2.e" "padding -j1/-j2 messages"
# anything else after the data is an error naming trailing bytes, not a compression method
for f in junk.gz padmid.gz zerosjunk.gz half.gz; do
  expect_exit 3 "$f fails" "$QG" clean -q -f text "$T/$f"
  contains "$T/err" "$f: trailing bytes after the gzip data \\(from byte $gz_size" "$f: trailing bytes said, with their place"
  lacks "$T/err" "compression method|header check" "$f: no compression method named"
  [ -s "$T/out" ] && bad "$f: text written" || ok
done
contains <("$QG" clean -q -f text "$T/padmid.gz" 2>&1) "100 zero bytes, then others" "zeros then a member: said"
# zstd: zeros after the data are refused, as zstd -d refuses them ("unsupported format")
expect_exit 3 "zstd + zero padding fails (as zstd -d)" "$QG" clean -q -f text "$T/pad.zst"
contains "$T/err" "pad.zst: trailing bytes after the zstd data \\(512 zero bytes from byte $(stat -c %s "$T/t.zst"): padding, which zstd -d refuses too" "zstd padding: said"
lacks "$T/err" "frame descriptor" "zstd padding: no frame descriptor"
expect_exit 3 "zstd + garbage fails" "$QG" clean -q -f text "$T/junk.zst"
contains "$T/err" "junk.zst: trailing bytes after the zstd data" "zstd garbage: said"
# what stays read: members and frames one after another
cat "$T/t.gz" "$T/t.gz" >"$T/two.gz"
cat "$T/t.zst" "$T/t.zst" >"$T/two.zst"
cat "$T/t.ref" "$T/t.ref" >"$T/two.ref"
for f in two.gz two.zst; do
  expect_exit 0 "$f read" "$QG" clean -q -f text --dedup off --paragraphs line "$T/$f"
  [ "$(grep -c '第一段' "$T/out")" = 2 ] && ok || bad "$f: both members read"
done

# ---- #14: bad-line messages quote the line's own numbers ------------------------------------
printf '%s\n' '123456789' '{"a":1 2,"text":"x"}' '{"text":"甲" 1e400}' '{"a":0 0}' \
  "{\"n\":1 $(printf '9%.0s' $(seq 1 100))}" '{"id":-12.5e3,"text":"好"}' >"$T/num.jsonl"
expect_exit 3 "numbers in bad lines" "$QG" clean -q --jsonl "$T/num.jsonl"
contains "$T/err" "num.jsonl:1:1: error: '\\[' or '\\{' expected near '123456789'$" "a number quoted whole"
contains "$T/err" "num.jsonl:2:8: error: '\\}' expected near '2'$" "a number later in the line"
contains "$T/err" "num.jsonl:3:13: error: '\\}' expected near '1e400'$" "a number jansson cannot hold"
contains "$T/err" "num.jsonl:4:8: error: '\\}' expected near '0'$" "a real 0 stays 0"
contains "$T/err" "num.jsonl:5:8: error: '\\}' expected near '9{64}…'$" "a long number cut"
lacks "$T/err" "num.jsonl:6" "a good line with a number: no error"
contains "$T/out" '"id":-12.5e3' "the good line's number as written"

# ---- #16: dedup --jsonl ------------------------------------------------------------------------
printf '%s\n' \
  "{\"id\":1,\"text\":\"$A\\n\\n$B\"}" \
  'not json 123' \
  "{\"id\":2,\"text\":\"$C\\n\\n$A\"}" \
  '{"id":3}' \
  '' \
  "{\"id\":4,\"text\":\"$A\\n$A\"}" \
  '{"id":5,"text":7}' >"$T/d.jsonl"
# run scope: across records
expect_exit 3 "dedup --jsonl (bad lines: exit 3)" "$QG" dedup --jsonl --dedup-scope run "$T/d.jsonl"
cp "$T/out" "$T/run.json"; cp "$T/err" "$T/run.err"
valid_jsonl "$T/run.json" "dedup --jsonl json"
contains "$T/run.json" "^\\{\"source\":\"$T/d.jsonl\",\"line\":3,\"text_line\":3,\"duplicate_of\":\\{\"source\":\"$T/d.jsonl\",\"line\":1,\"text_line\":1\\},\"kind\":\"exact\",\"archived\":false,\"distance\":0,\"similarity\":1.000\\}$" "record 3's paragraph 2 repeats record 1's first"
contains "$T/run.json" "\"line\":6,\"text_line\":1,\"duplicate_of\":\\{\"source\":\"$T/d.jsonl\",\"line\":1,\"text_line\":1\\}" "record 6 line 1"
contains "$T/run.json" "\"line\":6,\"text_line\":2," "record 6 line 2"
[ "$(wc -l <"$T/run.json")" = 3 ] && ok || bad "run scope: 3 repeats"
# the place finds the record: the file's line holds it, its text's line the paragraph
python3 - "$T/run.json" <<'EOF' && ok || bad "the places in the records do not find the paragraphs"
import json, sys
for rec in map(json.loads, open(sys.argv[1], encoding="utf-8")):
    def para(src, line, tl):
        obj = json.loads(open(src, encoding="utf-8").read().split("\n")[line - 1])
        return obj["text"].split("\n")[tl - 1]
    d = rec["duplicate_of"]
    assert para(rec["source"], rec["line"], rec["text_line"]) == para(d["source"], d["line"], d["text_line"])
EOF
contains "$T/run.err" "d.jsonl:2:3: error: '\\[' or '\\{' expected near 'not'" "bad line said, FILE:LINE:COL"
contains "$T/run.err" "d.jsonl:4:1: error: no \"text\" field" "no text field said"
contains "$T/run.err" "d.jsonl:7:1: error: field \"text\" is a number, not a string" "a number text said"
contains "$T/run.err" "dedup: 1 file, 0 failed; .* 3 repeats listed; 3 JSON lines checked, 3 bad lines not checked" "summary counts the lines"
expect_exit 3 "dedup --jsonl -f text" "$QG" dedup --jsonl -f text --dedup-scope run "$T/d.jsonl"
contains "$T/out" "^$T/d.jsonl:3:3: repeats $T/d.jsonl:1:1 \\(exact, distance 0, similarity 1.00\\)$" "text: FILE:LINE:TEXTLINE"
[ "$(wc -l <"$T/out")" = 3 ] && ok || bad "text: 3 repeats"
# doc scope (default): within a record only
expect_exit 3 "dedup --jsonl doc scope" "$QG" dedup --jsonl -f text "$T/d.jsonl"
contains "$T/out" "^$T/d.jsonl:6:2: repeats $T/d.jsonl:6:1 " "doc scope: the repeat inside record 6"
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "doc scope: one repeat"
# without bad lines: exit 0; a repeat found after a bad line (it stops nothing)
grep -v 'not json\|"id":3}\|"id":5' "$T/d.jsonl" >"$T/good.jsonl"
expect_exit 0 "dedup --jsonl good lines" "$QG" dedup --jsonl --dedup-scope run "$T/good.jsonl"
[ "$(wc -l <"$T/out")" = 3 ] && ok || bad "good lines: 3 repeats"
# --text-field: the same name and default as clean's
sed 's/"text"/"正文"/' "$T/good.jsonl" >"$T/field.jsonl"
expect_exit 0 "dedup --text-field" "$QG" dedup --jsonl --text-field 正文 --dedup-scope run "$T/field.jsonl"
[ "$(wc -l <"$T/out")" = 3 ] && ok || bad "--text-field: 3 repeats"
expect_exit 3 "dedup default field on another field" "$QG" dedup --jsonl "$T/field.jsonl"
contains "$T/err" "field.jsonl:1:1: error: no \"text\" field" "default field is text"
# compressed inputs, named and walked as clean --jsonl walks them
mkdir -p "$T/jd/sub"
cp "$T/good.jsonl" "$T/jd/a.jsonl"
gzip -c "$T/good.jsonl" >"$T/jd/sub/b.jsonl.gz"
zstd -q -c "$T/good.jsonl" -o "$T/jd/c.jsonl.zst"
expect_exit 0 "dedup --jsonl DIR" "$QG" dedup --jsonl -f text "$T/jd"
for f in a.jsonl c.jsonl.zst sub/b.jsonl.gz; do
  contains "$T/out" "^$T/jd/$f:4:2: repeats $T/jd/$f:4:1 " "walk: $f read as JSON Lines (the blank line counted)"
done
contains "$T/err" "3 files, 0 failed" "walk: 3 files"
"$QG" clean -q --jsonl "$T/jd" >/dev/null 2>"$T/clean.err"; rc=$?
[ $rc = 0 ] && ok || bad "clean --jsonl DIR: exit $rc"
expect_exit 0 "dedup DIR without --jsonl skips data" "$QG" dedup "$T/jd" "$T/t.txt"
contains "$T/err" "3 files found in directories skipped, not text" "without --jsonl: the JSON Lines are skipped, as by clean"
expect_exit 0 "dedup --jsonl -j1" "$QG" dedup -j1 --jsonl "$T/jd"; cp "$T/out" "$T/dj1"
expect_exit 0 "dedup --jsonl -j2" "$QG" dedup -j2 --jsonl "$T/jd"; cp "$T/out" "$T/dj2"
same "$T/dj1" "$T/dj2" "dedup --jsonl -j1/-j2"
# usage errors, as clean's
expect_exit 2 "dedup --text-field without --jsonl" "$QG" dedup --text-field x "$T/good.jsonl"
expect_exit 2 "dedup --text-field ''" "$QG" dedup --jsonl --text-field '' "$T/good.jsonl"
expect_exit 2 "dedup --jsonl -e GB18030" "$QG" dedup --jsonl -e GB18030 "$T/good.jsonl"
expect_exit 2 "dedup --jsonl --invalid replace" "$QG" dedup --jsonl --invalid replace "$T/good.jsonl"
expect_exit 2 "segment --jsonl" "$QG" segment --jsonl "$T/good.jsonl"
contains "$T/err" "apply to clean, dedup and archive add" "segment: refused, the commands named"
"$QG" dedup --help >"$T/help"
contains "$T/help" "--jsonl" "dedup --help lists --jsonl"
contains "$T/help" "--text-field NAME" "dedup --help lists --text-field"

# ---- #16: archive add --jsonl --------------------------------------------------------------------
touch -d 2026-03-04T12:00 "$T/d.jsonl"
expect_exit 3 "archive add --jsonl (bad lines: exit 3)" "$QG" archive add --archive "$T/ar.db" --jsonl "$T/d.jsonl"
contains "$T/err" "d.jsonl:2:3: error: '\\[' or '\\{' expected near 'not'" "archive: bad line said"
contains "$T/err" "d.jsonl:7:1: error: field \"text\" is a number" "archive: bad text said"
contains "$T/err" "archive: 1 file, 0 failed; 2 records added \\(3 paragraphs\\), 1 already archived; .*; 3 JSON lines read, 3 bad lines not archived" "archive: summary"
sql "$T/ar.db" "select d.source, d.date, p.line, p.text from paragraph p join document d on d.id = p.document order by p.id" >"$T/rows"
printf '%s\n' "$T/d.jsonl:1|2026-03-04|1|$A" "$T/d.jsonl:1|2026-03-04|3|$B" "$T/d.jsonl:3|2026-03-04|1|$C" >"$T/rows.want"
same "$T/rows" "$T/rows.want" "archive: source FILE:LINE, the file's date, the text's lines"
# a later lookup names where the archived paragraph came from
printf '%s\n' "$A" >"$T/q.txt"
"$QG" lint --archive "$T/ar.db" "$T/q.txt" >"$T/out" 2>&1
contains "$T/out" "q.txt:1:1: error: paragraph was published before: $T/d.jsonl:1 line 1 \\(2026-03-04\\) \\[dup-archive\\]" "lint --archive names FILE:LINE line N"
expect_exit 0 "dedup --jsonl --archive" "$QG" dedup --jsonl --archive "$T/ar.db" "$T/good.jsonl"
contains "$T/out" "\"source\":\"$T/good.jsonl\",\"line\":2,\"text_line\":3,\"duplicate_of\":\\{\"source\":\"$T/d.jsonl:1\",\"line\":1,\"date\":\"2026-03-04\"\\},\"kind\":\"exact\",\"archived\":true" "dedup --jsonl: an archived record named as stored"
# again: nothing added; --date; --text-field; compressed; a walk
expect_exit 3 "archive add --jsonl again" "$QG" archive add --archive "$T/ar.db" --jsonl "$T/d.jsonl"
contains "$T/err" "0 records added \\(0 paragraphs\\), 3 already archived" "again: nothing added"
printf '%s\n' "{\"正文\":\"$D\"}" | gzip >"$T/f.jsonl.gz"
expect_exit 0 "archive add --jsonl --text-field --date, gzip" "$QG" archive add --archive "$T/ar.db" --jsonl --text-field 正文 --date 2026-01-02 "$T/f.jsonl.gz"
[ "$(sql "$T/ar.db" "select d.source || '|' || d.date from paragraph p join document d on d.id = p.document where p.text = '$D'")" = "$T/f.jsonl.gz:1|2026-01-02" ] && ok || bad "--text-field, --date, gzip: stored"
expect_exit 0 "archive add --jsonl DIR" "$QG" archive add --archive "$T/ar2.db" --jsonl "$T/jd"
contains "$T/err" "archive: 3 files, 0 failed; 2 records added .*; 9 JSON lines read, 0 bad lines not archived" "walk: every file read as JSON Lines"
lacks "$T/err" "skipped" "walk: no JSON Lines file skipped"
expect_exit 0 "archive add DIR without --jsonl skips JSON Lines" "$QG" archive add --archive "$T/ar3.db" "$T/jd" "$T/t.txt"
contains "$T/err" "3 files found in directories skipped, not text" "without --jsonl: skipped, as before"
expect_exit 0 "archive add --jsonl from standard input" sh -c '"$1" archive add --archive "$2" --jsonl - <"$3"' sh "$QG" "$T/ar4.db" "$T/good.jsonl"
[ "$(sql "$T/ar4.db" "select source from document order by id limit 1")" = "<stdin>:1" ] && ok || bad "stdin: source <stdin>:LINE"
# many records: transactions shared, every record stored
python3 -c '
import json
for i in range(300): print(json.dumps({"id": i, "text": "第%d条记录的正文，写得足够长以便存入档案。" % i}, ensure_ascii=False))' >"$T/many.jsonl"
expect_exit 0 "archive add 300 records" "$QG" archive add --archive "$T/many.db" --jsonl "$T/many.jsonl"
[ "$(sql "$T/many.db" "select count(*), count(distinct document) from paragraph")" = "300|300" ] && ok || bad "300 records stored"
contains "$T/err" "300 records added \\(300 paragraphs\\)" "300 records counted"
# usage errors
expect_exit 2 "archive --text-field without --jsonl" "$QG" archive add --archive "$T/ar.db" --text-field x "$T/good.jsonl"
expect_exit 2 "archive --jsonl -e GB18030" "$QG" archive add --archive "$T/ar.db" --jsonl -e GB18030 "$T/good.jsonl"
"$QG" archive --help >"$T/help"
contains "$T/help" "--jsonl" "archive --help lists --jsonl"

# ---- --id-field: records named by their id (session 16) -------------------------------------
# the ids: a string, a number as written (one jansson cannot hold, an exponent), a key written
# with escapes; and records whose field names none: missing, null, boolean, object, empty, a
# control character, too long (1,025 bytes): read all the same, named by their line, warned
L1025=$(printf 'x%.0s' $(seq 1 1025))
printf '%s\n' \
  "{\"id\":\"xh-2026-0001\",\"text\":\"$A\\n\\n$B\"}" \
  "{\"id\":18446744073709551615,\"text\":\"$C\\n\\n$A\"}" \
  "{\"\\u0069d\":\"转义键\",\"text\":\"$B\"}" \
  "{\"id\":1e3 ,\"text\":\"$C\"}" \
  "{\"text\":\"$A\"}" \
  "{\"id\":null,\"text\":\"$B\"}" \
  "{\"id\":true,\"text\":\"$C\"}" \
  "{\"id\":{\"n\":1},\"text\":\"$A\"}" \
  "{\"id\":\"\",\"text\":\"$B\"}" \
  "{\"id\":\"a\\u0001b\",\"text\":\"$C\"}" \
  "{\"id\":\"$L1025\",\"text\":\"$A\"}" \
  "{\"id\":\"xh-2026-0012\",\"text\":\"$D\"}" >"$T/ids.jsonl"
expect_exit 0 "dedup --jsonl --id-field (records without ids: warnings, exit 0)" "$QG" dedup --jsonl --id-field id --dedup-scope run "$T/ids.jsonl"
cp "$T/out" "$T/ids.json"; cp "$T/err" "$T/ids.err"
valid_jsonl "$T/ids.json" "--id-field json"
contains "$T/ids.json" "^\\{\"source\":\"$T/ids.jsonl\",\"line\":2,\"text_line\":3,\"id\":\"18446744073709551615\",\"duplicate_of\":\\{\"source\":\"$T/ids.jsonl\",\"line\":1,\"text_line\":1,\"id\":\"xh-2026-0001\"\\},\"kind\":\"exact\"" "a number id as written, and the id of what it repeats"
contains "$T/ids.json" "\"line\":3,\"text_line\":1,\"id\":\"转义键\",\"duplicate_of\":\\{\"source\":\"$T/ids.jsonl\",\"line\":1,\"text_line\":3,\"id\":\"xh-2026-0001\"\\}" "a key written with escapes"
contains "$T/ids.json" "\"line\":4,\"text_line\":1,\"id\":\"1e3\",\"duplicate_of\":\\{\"source\":\"$T/ids.jsonl\",\"line\":2,\"text_line\":1,\"id\":\"18446744073709551615\"\\}" "1e3 as written, not 1000"
contains "$T/ids.json" "^\\{\"source\":\"$T/ids.jsonl\",\"line\":5,\"text_line\":1,\"duplicate_of\":\\{\"source\":\"$T/ids.jsonl\",\"line\":1,\"text_line\":1,\"id\":\"xh-2026-0001\"\\}" "a record without an id: no id, its place"
[ "$(wc -l <"$T/ids.json")" = 10 ] && ok || bad "--id-field: 10 repeats, got $(wc -l <"$T/ids.json")"
for k in 5 6 7 8 9 10 11; do
  lacks "$T/ids.json" "^\\{\"source\":\"[^\"]*\",\"line\":$k,\"text_line\":[0-9]+,\"id\"" "record $k: no id of its own"
  contains "$T/ids.json" "^\\{\"source\":\"[^\"]*\",\"line\":$k,\"text_line\":[0-9]+,\"duplicate_of\"" "record $k: listed"
done
# every id said is the record's own (a number as the line writes it), on both sides
python3 - "$T/ids.json" <<'EOF' && ok || bad "the ids in the records are not their records'"
import json, re, sys
for rec in map(json.loads, open(sys.argv[1], encoding="utf-8")):
    for r in (rec, rec["duplicate_of"]):
        line = open(r["source"], encoding="utf-8").read().split("\n")[r["line"] - 1]
        v = json.loads(line).get("id")
        if "id" in r:
            want = v if isinstance(v, str) else re.search(r'"(?:id|\\u0069d)":([^,]*?) ?,', line).group(1)
            assert r["id"] == want, (r, want)
        else:
            assert not (isinstance(v, str) and 0 < len(v) <= 1024 and v.isprintable()), r
EOF
contains "$T/ids.err" "^qinggao: $T/ids.jsonl:5:1: warning: no \"id\" field: the record is named by its line$" "missing id said"
contains "$T/ids.err" "ids.jsonl:6:1: warning: field \"id\" is null, not a string or a number" "null id said"
contains "$T/ids.err" "ids.jsonl:7:1: warning: field \"id\" is a boolean, not a string or a number" "boolean id said"
contains "$T/ids.err" "ids.jsonl:8:1: warning: field \"id\" is an object, not a string or a number" "object id said"
contains "$T/ids.err" "ids.jsonl:9:1: warning: field \"id\" is empty" "empty id said"
contains "$T/ids.err" "ids.jsonl:10:1: warning: field \"id\" holds a control character" "control character said"
contains "$T/ids.err" "ids.jsonl:11:1: warning: field \"id\" is longer than 1024 bytes" "long id said"
contains "$T/ids.err" "12 JSON lines checked, 0 bad lines not checked, 7 without an id" "summary: records without an id"
lacks "$T/ids.err" "ids.jsonl:(1|2|3|4|12):" "records with ids: no warning"
# text: id "ID" after each place
expect_exit 0 "dedup --jsonl --id-field -f text" "$QG" dedup --jsonl --id-field id -f text --dedup-scope run "$T/ids.jsonl"
contains "$T/out" "^$T/ids.jsonl:2:3: id \"18446744073709551615\" repeats $T/ids.jsonl:1:1 id \"xh-2026-0001\" \\(exact, distance 0, similarity 1.00\\)$" "text: both ids"
contains "$T/out" "^$T/ids.jsonl:5:1: repeats $T/ids.jsonl:1:1 id \"xh-2026-0001\" \\(exact" "text: no id of its own"
# without --id-field nothing changes, ids or not; with it, a field no record has: every record
# warned, the summary says so, the first 10 of a file said and then their number
expect_exit 0 "dedup --jsonl without --id-field" "$QG" dedup --jsonl --dedup-scope run "$T/ids.jsonl"
lacks "$T/out" '"id"' "without --id-field: no id"
lacks "$T/err" "warning" "without --id-field: no warning"
expect_exit 0 "dedup --jsonl --id-field misspelt" "$QG" dedup --jsonl --id-field ID --dedup-scope run "$T/ids.jsonl"
[ "$(grep -c 'warning: no "ID" field' "$T/err")" = 10 ] && ok || bad "a misspelt field: 10 warnings said"
contains "$T/err" "^qinggao: $T/ids.jsonl: warning: 2 more records named by their line, for want of a usable \"ID\" field \\(12 in all\\)$" "the rest counted"
contains "$T/err" "12 without an id" "misspelt: the summary says every record"
lacks "$T/out" '"id"' "misspelt: no id"
# a number id longer than 1,024 bytes names no record either (as a string of that length)
{ printf '{"id":'; printf '9%.0s' $(seq 1 1025); printf ',"text":"%s"}\n' "$A"; } >"$T/longnum.jsonl"
expect_exit 0 "dedup --jsonl --id-field, a long number" "$QG" dedup --jsonl --id-field id "$T/longnum.jsonl"
contains "$T/err" "longnum.jsonl:1:1: warning: field \"id\" is longer than 1024 bytes" "a long number id said"
contains "$T/err" "1 JSON line checked, 0 bad lines not checked, 1 without an id" "a long number id: the record checked"
# -j 2 as -j 1
mkdir -p "$T/idd"
for f in a b; do
  printf '%s\n' "{\"id\":\"$f-1\",\"text\":\"$A\\n\\n$A\"}" "{\"text\":\"$B\\n\\n$B\"}" "{\"id\":7,\"text\":\"$C\\n$C\"}" >"$T/idd/$f.jsonl"
done
"$QG" dedup -j1 --jsonl --id-field id "$T/idd" >"$T/idj1" 2>"$T/idj1.err"
"$QG" dedup -j2 --jsonl --id-field id "$T/idd" >"$T/idj2" 2>"$T/idj2.err"
same "$T/idj1" "$T/idj2" "--id-field -j1/-j2"
grep -v ' s, ' "$T/idj1.err" >"$T/idj1.e"; grep -v ' s, ' "$T/idj2.err" >"$T/idj2.e"
same "$T/idj1.e" "$T/idj2.e" "--id-field -j1/-j2 messages"
[ "$(grep -c '"id":"[ab]-1",' "$T/idj1")/$(grep -c '"id":"7",' "$T/idj1")/$(wc -l <"$T/idj1")" = 2/2/6 ] && ok || bad "--id-field -j: the ids of 6 repeats"
# clean --jsonl: every record written (those without an id too), the report names ids
expect_exit 0 "clean --jsonl --id-field" "$QG" clean --jsonl --id-field id --dedup-scope run --report "$T/ids.rep" -o "$T/ids.out" "$T/ids.jsonl"
[ "$(wc -l <"$T/ids.out")" = 12 ] && ok || bad "clean --id-field: every record written"
contains "$T/ids.rep" "^$T/ids.jsonl:2:3:1: error: paragraph repeats $T/ids.jsonl:1 line 1 \\(id \"xh-2026-0001\"\\): removed \\[dup-paragraph\\]$" "report: the repeated record's id"
contains "$T/ids.rep" "^$T/ids.jsonl:5:1: warning: no \"id\" field: the record is named by its line \\[jsonl-no-id\\]$" "report: a record without an id"
[ "$(grep -c 'jsonl-no-id' "$T/ids.rep")" = 7 ] && ok || bad "report: 7 records without an id"
contains "$T/err" "12 JSON lines cleaned, 0 bad lines not written, 7 without an id" "clean: summary"
# usage errors
for cmd in clean dedup; do
  expect_exit 2 "$cmd --id-field without --jsonl" "$QG" $cmd --id-field id "$T/ids.jsonl"
  contains "$T/err" "id-field applies to --jsonl" "$cmd: --id-field without --jsonl said"
  expect_exit 2 "$cmd --id-field ''" "$QG" $cmd --jsonl --id-field '' "$T/ids.jsonl"
  expect_exit 2 "$cmd --id-field text" "$QG" $cmd --jsonl --id-field text "$T/ids.jsonl"
  contains "$T/err" "--id-field text is the text field" "$cmd: the text field as id refused"
  expect_exit 2 "$cmd --id-field = --text-field" "$QG" $cmd --jsonl --text-field 正文 --id-field 正文 "$T/ids.jsonl"
  "$QG" $cmd --help | grep -q -- "--id-field NAME" && ok || bad "$cmd --help lists --id-field"
done
expect_exit 2 "segment --id-field" "$QG" segment --id-field id "$T/ids.jsonl"
expect_exit 2 "archive --id-field without --jsonl" "$QG" archive add --archive "$T/idu.db" --id-field id "$T/ids.jsonl"
contains "$T/err" "id-field applies to --jsonl" "archive: --id-field without --jsonl said"
expect_exit 2 "archive --id-field text" "$QG" archive add --archive "$T/idu.db" --jsonl --id-field text "$T/ids.jsonl"
expect_exit 2 "archive --id-field ''" "$QG" archive add --archive "$T/idu.db" --jsonl --id-field '' "$T/ids.jsonl"
[ -e "$T/idu.db" ] && bad "a usage error made the archive" || ok
"$QG" archive --help | grep -q -- "--id-field NAME" && ok || bad "archive --help lists --id-field"
# archive add: the id stored (document.record_id; a number as written, NULL for none); lookups
# name it
touch -d 2026-03-04T12:00 "$T/ids.jsonl"
expect_exit 0 "archive add --jsonl --id-field" "$QG" archive add --archive "$T/id.db" --jsonl --id-field id "$T/ids.jsonl"
contains "$T/err" "; 3 records added \\(4 paragraphs\\), 9 already archived; .*; 12 JSON lines read, 0 bad lines not archived, 7 without an id$" "archive: summary"
contains "$T/err" "ids.jsonl:5:1: warning: no \"id\" field" "archive: a record without an id said"
sql "$T/id.db" "select source, quote(record_id), paragraphs from document order by id" >"$T/idrows"
printf '%s\n' "$T/ids.jsonl:1|'xh-2026-0001'|2" "$T/ids.jsonl:2|'18446744073709551615'|1" \
  "$T/ids.jsonl:12|'xh-2026-0012'|1" >"$T/idrows.want"
same "$T/idrows" "$T/idrows.want" "archive: the ids stored"
"$QG" lint --archive "$T/id.db" "$T/q.txt" >"$T/out" 2>&1
contains "$T/out" "q.txt:1:1: error: paragraph was published before: $T/ids.jsonl:1 line 1 \\(id \"xh-2026-0001\", 2026-03-04\\) \\[dup-archive\\]" "lint --archive names the id"
expect_exit 0 "dedup --archive with ids" "$QG" dedup --archive "$T/id.db" "$T/q.txt"
contains "$T/out" "\"duplicate_of\":\\{\"source\":\"$T/ids.jsonl:1\",\"line\":1,\"id\":\"xh-2026-0001\",\"date\":\"2026-03-04\"\\},\"kind\":\"exact\",\"archived\":true" "dedup --archive: duplicate_of has the id"
expect_exit 0 "dedup -f text --archive with ids" "$QG" dedup -f text --archive "$T/id.db" "$T/q.txt"
contains "$T/out" "q.txt:1: was published in $T/ids.jsonl:1:1 id \"xh-2026-0001\" 2026-03-04 \\(exact" "dedup -f text --archive: the id"
printf '%s\n' "{\"id\":\"new-1\",\"text\":\"$C\"}" >"$T/new.jsonl"
E='旧城改造以后，巷子口开了一家修鞋铺，老师傅手艺好，生意一直不错。'
printf '%s\n' "{\"text\":\"$E\"}" >"$T/noid.jsonl"
expect_exit 0 "dedup --jsonl --id-field --archive" "$QG" dedup --jsonl --id-field id --archive "$T/id.db" "$T/new.jsonl"
contains "$T/out" "^\\{\"source\":\"$T/new.jsonl\",\"line\":1,\"text_line\":1,\"id\":\"new-1\",\"duplicate_of\":\\{\"source\":\"$T/ids.jsonl:2\",\"line\":1,\"id\":\"18446744073709551615\",\"date\":\"2026-03-04\"\\},\"kind\":\"exact\",\"archived\":true" "both ids, the archived one as stored"
expect_exit 0 "dedup --jsonl --id-field -f text --archive" "$QG" dedup --jsonl -f text --id-field id --archive "$T/id.db" "$T/new.jsonl"
contains "$T/out" "^$T/new.jsonl:1:1: id \"new-1\" was published in $T/ids.jsonl:2:1 id \"18446744073709551615\" 2026-03-04 \\(exact" "text: both ids"
[ "$(sql "$T/id.db" "PRAGMA integrity_check")" = ok ] && ok || bad "the archive with ids: integrity"
# an archive made before the column: looked up as it is (no id, nothing written), and given the
# column by its next add, which stores ids from then on; user_version stays 1
cp "$T/id.db" "$T/pre.db"
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("ALTER TABLE document DROP COLUMN record_id"); c.commit()' "$T/pre.db"
cksum <"$T/pre.db" >"$T/pre.sum"
expect_exit 0 "lookup in an archive without record_id" "$QG" dedup --archive "$T/pre.db" "$T/q.txt"
contains "$T/out" "\"duplicate_of\":\\{\"source\":\"$T/ids.jsonl:1\",\"line\":1,\"date\":\"2026-03-04\"\\},\"kind\":\"exact\",\"archived\":true" "an older archive: the match, no id"
cksum <"$T/pre.db" | cmp -s - "$T/pre.sum" && ok || bad "a lookup changed the older archive"
expect_exit 0 "archive add to an archive without record_id" "$QG" archive add -q --archive "$T/pre.db" --jsonl --id-field id "$T/new.jsonl" "$T/noid.jsonl"
[ "$(sql "$T/pre.db" "SELECT count(*) FROM pragma_table_info('document') WHERE name = 'record_id'")/$(sql "$T/pre.db" "PRAGMA user_version")" = 1/1 ] && ok || bad "the older archive given the column, user_version 1"
[ "$(sql "$T/pre.db" "select quote(record_id) from document where source = '$T/noid.jsonl:1'")" = NULL ] && ok || bad "a record without an id: NULL"
"$QG" lint --archive "$T/pre.db" "$T/q.txt" >"$T/out" 2>&1
contains "$T/out" "published before: $T/ids.jsonl:1 line 1 \\(2026-03-04\\)" "the records archived before the column: no id"
[ "$(sql "$T/pre.db" "PRAGMA integrity_check")" = ok ] && ok || bad "the older archive after the add: integrity"

finish jsonl_tools
