#!/usr/bin/env bash
# s40_audit_test.sh QINGGAO: session 40's acceptance audit leftovers (issues 6 and 7; session 39's
# audit findings F2, F11, F7, F10, F8: docs/dedup.md, docs/xml.md, docs/segment.md), each with
# the neighbours that must not change.
#  1. (F2) a block that repeats nothing, removed with a pasted article (a new byline over a
#     repeated story), was recorded as an exact repeat (similarity 1) of the article's first
#     repeat by `dedup` (text and JSON, --jsonl too), clean's removed[].duplicate_of and lint's
#     SARIF ("first occurrence"): now a record of kind "article".
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
# --dedup mark removes nothing, holds nothing: the new byline is not marked
expect_exit 0 "mark" "$QG" clean -q -f json --dedup mark "$T/ac.txt"
lacks "$T/out" '"kind":"article"' "mark: no article records"

finish s40_audit
