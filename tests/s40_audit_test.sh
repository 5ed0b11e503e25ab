#!/usr/bin/env bash
# s40_audit_test.sh QINGGAO: session 40's acceptance audit leftovers (issues 6 and 7; session 39's
# audit findings F2, F11, F7, F10, F8: docs/dedup.md, docs/xml.md, docs/segment.md), each with
# the neighbours that must not change.
#  1. (F2) a block that repeats nothing, removed with a pasted article (a new byline over a
#     repeated story), was recorded as an exact repeat (similarity 1) of the article's first
#     repeat by `dedup` (text and JSON, --jsonl too), clean's removed[].duplicate_of and lint's
#     SARIF ("first occurrence"): now a record of kind "article".
#  2. (F11) NITF wrote the first paragraph's dateline in body.head and again in the paragraph.
#  3. (F7) a table's title (表1　…) was a photo's caption: figure type="table", NITF media-type
#     "data".
#  4. (F10) segment: …… and —— were two tokens each.
#  5. (F8) <num> in a Windows path with folders in Han (D:\报表\12月\b.xls).
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

# ---- 1. (F2) a block removed with its article, repeating nothing ---------------------------
cat >"$T/a.txt" <<'TXT'
城市更新

河滨步道改造完工重新开放

本报记者 邵远航

本报讯 经过半年施工，河滨步道改造工程本周完工，沿线新增了三处休息平台和一条夜跑灯带。

附近居民说，步道铺上了透水砖，雨后也不再积水，傍晚来散步的人比以前多了不少。

（邵远航）
TXT
sed 's/本报记者 邵远航/本报记者 田可欣/' "$T/a.txt" >"$T/c.txt"
cp "$T/a.txt" "$T/b.txt"
expect_exit 0 "dedup, a pasted article under a new byline" "$QG" dedup -q -f text --dedup-scope run "$T/a.txt" "$T/b.txt" "$T/c.txt"
contains "$T/out" '^[^ ]*c\.txt:5: part of an article whose text repeats [^ ]*a\.txt:7 \(article\)$' "text: the new byline goes with its article"
lacks "$T/out" 'c\.txt:5: repeats' "text: the new byline is no repeat"
# neighbours: blocks that repeat their own lines keep their exact records
for l in 1 3 7 9 11; do
  contains "$T/out" "c\.txt:$l: repeats [^ ]*a\.txt:$l \(exact, distance 0, similarity 1\.00\)$" "c.txt line $l repeats a.txt line $l"
done
for l in 1 3 5 7 9 11; do
  contains "$T/out" "b\.txt:$l: repeats [^ ]*a\.txt:$l \(exact, distance 0, similarity 1\.00\)$" "b.txt line $l repeats a.txt line $l"
done
[ "$(wc -l <"$T/out")" = 12 ] && ok || bad "dedup text: expected 12 records"
expect_exit 0 "dedup json, a pasted article under a new byline" "$QG" dedup -q --dedup-scope run "$T/a.txt" "$T/c.txt"
contains "$T/out" '^\{"source":"[^"]*c\.txt","line":5,"duplicate_of":\{"source":"[^"]*a\.txt","line":7\},"kind":"article","archived":false\}$' "json: kind article, no distance or similarity"
contains "$T/out" '^\{"source":"[^"]*c\.txt","line":7,"duplicate_of":\{"source":"[^"]*a\.txt","line":7\},"kind":"exact","archived":false,"distance":0,"similarity":1\.000\}$' "json: the body paragraph as before"
[ "$(grep -c '"kind":"exact"' "$T/out")/$(grep -c '"kind":"article"' "$T/out")" = 5/1 ] && ok || bad "json: 5 exact records and 1 article"
# one document: clean's removed list, lint (gcc and SARIF), --report
{ cat "$T/a.txt"; echo; cat "$T/c.txt"; } >"$T/ac.txt"
expect_exit 0 "clean json, the article pasted with a new byline" "$QG" clean -q -f json "$T/ac.txt"
contains "$T/out" '"text":"本报记者 田可欣","line":17,"why":"dup-paragraph","message":"part of an article whose text repeats line 7: removed","duplicate_of":\{"source":"[^"]*ac\.txt","line":7,"kind":"article","archived":false\}\}' "clean json: removed with its article"
contains "$T/out" '"text":"河滨步道改造完工重新开放","line":15,"why":"dup-paragraph","message":"paragraph repeats line 3: removed","duplicate_of":\{"source":"[^"]*ac\.txt","line":3,"kind":"exact","archived":false,"distance":0,"similarity":1\.000\}' "clean json: the title as before"
contains "$T/out" '"text":"城市更新","line":13,"why":"dup-paragraph","message":"paragraph repeats line 1, part of an article whose text repeats line 7: removed","duplicate_of":\{"source":"[^"]*ac\.txt","line":1,"kind":"exact"' "clean json: the section name repeats line 1 (session 39)"
expect_exit 0 "clean text" "$QG" clean -q -f text "$T/ac.txt"
[ "$(grep -c . "$T/out")" = 6 ] && ok || bad "clean: 6 paragraphs kept"
expect_exit 1 "lint sarif" "$QG" lint -f sarif "$T/ac.txt"
python3 - "$T/out" <<'PY' && ok || bad "lint sarif: the related location of the new byline"
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
by = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r for r in res if r["ruleId"] == "dup-paragraph"}
rel = lambda n: (by[n]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], by[n]["relatedLocations"][0]["message"]["text"])
assert rel(17) == (7, "first occurrence of its article's text"), rel(17)
assert by[17]["message"]["text"] == "part of an article whose text repeats line 7: clean drops it", by[17]
assert rel(15) == (3, "first occurrence") and rel(19) == (7, "first occurrence") and rel(13) == (1, "first occurrence"), [rel(n) for n in (13, 15, 19)]
PY
expect_exit 0 "clean --report" "$QG" clean -q -f text --report "$T/rep.txt" "$T/ac.txt"
contains "$T/rep.txt" 'ac\.txt:17:1: error: part of an article whose text repeats line 7: removed \[dup-paragraph\]' "report: the new byline"
# dedup --jsonl: the same record naming records
python3 - "$T/a.txt" "$T/c.txt" >"$T/ac.jsonl" <<'PY'
import json, sys
for f in sys.argv[1:]: print(json.dumps({"text": open(f, encoding="utf-8").read()}, ensure_ascii=False))
PY
expect_exit 0 "dedup --jsonl json" "$QG" dedup -q --dedup-scope run --jsonl "$T/ac.jsonl"
contains "$T/out" '^\{"source":"[^"]*ac\.jsonl","line":2,"text_line":5,"duplicate_of":\{"source":"[^"]*ac\.jsonl","line":1,"text_line":7\},"kind":"article","archived":false\}$' "jsonl json: kind article"
contains "$T/out" '"line":2,"text_line":7,"duplicate_of":\{"source":"[^"]*ac\.jsonl","line":1,"text_line":7\},"kind":"exact","archived":false,"distance":0,"similarity":1\.000\}$' "jsonl json: the body paragraph as before"
expect_exit 0 "dedup --jsonl text" "$QG" dedup -q -f text --dedup-scope run --jsonl "$T/ac.jsonl"
contains "$T/out" 'ac\.jsonl:2:5: part of an article whose text repeats [^ ]*ac\.jsonl:1:7 \(article\)$' "jsonl text: the new byline"
# --dedup mark removes nothing, and marks what drop removes (session 43, probe 43 F1): the new
# byline goes with its article in drop, so mark marks it, as a block of the article
expect_exit 0 "mark" "$QG" clean -q -f json --dedup mark "$T/ac.txt"
contains "$T/out" '"kind":"byline","text":"本报记者 田可欣","line":17,"end_line":17,"duplicate_of":{"source":"[^"]*ac.txt","line":7,"kind":"article","archived":false}' "mark: the new byline marked as a block of its article"

# ---- 2. (F11) NITF: the dateline once, in body.head -----------------------------------------
cat >"$T/dl.txt" <<'TXT'
湖畔新建一座儿童图书馆

本报讯（记者 邵远航）城南湖畔的儿童图书馆本周开馆，馆内藏书三万余册，设有绘本区和亲子阅读区。

开馆当天，不少家长带着孩子前来办理借阅证。

本报讯

新华社北京12月3日电 这是一段只有电头的稿件之后的正文，用来检查第二篇文章。
TXT
expect_exit 0 "nitf with datelines" "$QG" clean -q -f nitf "$T/dl.txt"
cp "$T/out" "$T/dl.nitf"
contains "$T/dl.nitf" '^<dateline>本报讯（记者 邵远航）</dateline>$' "the dateline in body.head"
contains "$T/dl.nitf" '^<p>城南湖畔的儿童图书馆本周开馆，' "the first p without its dateline"
lacks "$T/dl.nitf" '^<p>本报讯' "no dateline left in a p"
contains "$T/dl.nitf" '^<p>开馆当天' "the second p as before"
# every character of clean -f text is in the NITF, once (white space aside; the title is also
# head/title, the section head/meta: counted once)
expect_exit 0 "text of the datelines" "$QG" clean -q -f text "$T/dl.txt"
cp "$T/out" "$T/dl.out"
chars_kept() { # text nitf: the characters of the text, and of the NITF's body and sections
  python3 - "$1" "$2" <<'PY'
import sys, collections, xml.etree.ElementTree as ET
text = open(sys.argv[1], encoding="utf-8").read()
root = ET.parse(sys.argv[2]).getroot()
got = []
for nitf in root:
    got += [m.get("content") for m in nitf.iter("meta") if m.get("name") == "section"]
    got += ["".join(b.itertext()) for b in nitf.iter("body")]
want = collections.Counter(c for c in text if not c.isspace())
have = collections.Counter(c for c in "".join(got) if not c.isspace())
sys.exit(0 if want == have else (print(want - have, have - want, file=sys.stderr) or 1))
PY
}
chars_kept "$T/dl.out" "$T/dl.nitf" && ok || bad "nitf: the characters of the text, each once"
xmllint --noout "$T/dl.nitf" 2>/dev/null && ok || bad "nitf well-formed"
# neighbours: the XML keeps the dateline inline; a paragraph that is all dateline is no empty p
expect_exit 0 "xml with datelines" "$QG" clean -q "$T/dl.txt"
contains "$T/out" '<p id="L3" line="3"><dateline>本报讯（记者 邵远航）</dateline>城南湖畔' "xml: the dateline inline as before"
lacks "$T/dl.nitf" '<p></p>|<p/>' "nitf: no empty p"

# ---- 3. (F7) a table's title -------------------------------------------------------------
cat >"$T/tab.txt" <<'TXT'
社区便民点越开越多

本报记者 田可欣

本报讯 今年以来，城东街道新开了一批便民服务点，修车、理发、缝补都能在家门口办。

表1　2025年城东街道便民服务点情况

服务点　　数量（个）　　日均服务（人次）

修车铺　　12　　360

理发点　　8　　540

居民们在便民点前排队理发。

（本报记者 田可欣 摄）

表彰会上，街道为十位摊主颁发了证书。
TXT
expect_exit 0 "xml of a table" "$QG" clean -q "$T/tab.txt"
contains "$T/out" '<figure type="table"><caption id="L7" line="7">表<num>1</num>　<num>2025年</num>城东街道便民服务点情况</caption></figure>' "xml: the table's title"
expect_exit 0 "nitf of a table" "$QG" clean -q -f nitf "$T/tab.txt"
cp "$T/out" "$T/tab.nitf"
contains "$T/tab.nitf" '^<media media-type="data">$' "nitf: the table's title is data"
[ "$(grep -c '<media media-type="data">' "$T/tab.nitf")" = 1 ] && ok || bad "nitf: one data media"
xmllint --noout "$T/tab.nitf" 2>/dev/null && ok || bad "nitf of a table well-formed"
# neighbours: a photo's caption and credit stay a figure and an image; 表彰… is no table
grep -q '^<media media-type="image">$' "$T/tab.nitf" && ok || bad "nitf: the photo stays an image"
expect_exit 0 "kinds of the table page" "$QG" clean -q -f json "$T/tab.txt"
python3 - "$T/out" <<'PY' && ok || bad "json: the kinds as before (caption for the title)"
import json, sys
d = json.load(open(sys.argv[1]))
ks = [(b["kind"], b["text"][:3]) for a in d["articles"] for b in a["blocks"]]
assert ("caption", "表1　") in ks, ks
PY
for f in "$T/tab.txt" "$T/dl.txt"; do
  "$QG" clean -q "$f" >"$T/v.xml" && "$QG" clean -q -f text "$f" >"$T/v1.txt" && "$QG" clean -q -f text "$T/v1.txt" >"$T/v2.txt"
  cmp -s "$T/v1.txt" "$T/v2.txt" && ok || bad "$f: clean is a fixed point"
  if command -v xmllint >/dev/null; then
    xmllint --noout --relaxng "$(dirname "$0")/../schema/qinggao.rng" "$T/v.xml" 2>/dev/null && ok || bad "$f: xml valid"
  fi
done

# ---- 4. (F10) segment: …… and —— one token ------------------------------------------------
printf '他说……好吧——走。一连串………和——…混写
' >"$T/seg.txt"
expect_exit 0 "segment words" "$QG" segment -q "$T/seg.txt"
contains "$T/out" '^他 说 …… 好吧 —— 走 。 一 连串 ……… 和 —— … 混 写$' "…… and —— one token each"
expect_exit 0 "segment json" "$QG" segment -q -f json "$T/seg.txt"
contains "$T/out" '\{"word":"……","byte":6,"char":2,"column":3,"status":"none"\},\{"word":"好吧","byte":12,"char":4,"column":5,' "json: …… and the word after it"
contains "$T/out" '\{"word":"——","byte":18,"char":6,"column":7,"status":"none"\},\{"word":"走","byte":24,"char":8,"column":9,' "json: —— and the word after it"
# neighbours: one … alone, … after — (different marks): their own tokens
contains "$T/out" '\{"word":"——","byte":[0-9]+,"char":17,"column":18,"status":"none"\},\{"word":"…","byte":[0-9]+,"char":19,"column":20,' "json: —— then … apart"

# ---- 5. (F8) no number in a Windows path ---------------------------------------------------
printf '报表在D:\\报表\\12月\\b.xls和\\\\server\\共享\\3号楼\\a.doc，D:\\12月汇总.xls共3个，比分3:2，共12个。\n' >"$T/path.txt"
expect_exit 0 "xml of paths" "$QG" clean -q "$T/path.txt"
contains "$T/out" 'D:\\报表\\12月\\b\.xls和\\\\server\\共享\\3号楼\\a\.doc，D:\\12月汇总\.xls共<num>3个</num>，' "xml: no num in the paths, 3个 after one is"
contains "$T/out" '比分<num>3:2</num>，共<num>12个</num>。' "xml: numbers outside paths as before"
"$QG" clean -q "$T/path.txt" >"$T/v.xml"
if command -v xmllint >/dev/null; then
  xmllint --noout --relaxng "$(dirname "$0")/../schema/qinggao.rng" "$T/v.xml" 2>/dev/null && ok || bad "paths: xml valid"
fi
# a long run of digits and backslashes is read once (no hang)
python3 -c 'print("C:\\" + "1a\\" * 200000 + "共3个")' >"$T/longpath.txt"
timeout 20 "$QG" clean -q "$T/longpath.txt" >"$T/v.xml" && ok || bad "a long path: failed or took over 20 s"

finish s40_audit
