#!/usr/bin/env bash
# s39_audit_test.sh QINGGAO: session 39's acceptance audit of issues 5, 6 and 7 (docs/segment.md,
# docs/dedup.md): what it fixed, each with its neighbours that must not change.
#  1. `segment --mode sentences` ended a sentence inside a URL (at its ? or !), where the word
#     mode keeps the URL whole.
#  2. `dedup` (and clean's removed list) named the article's first repeat as what a removed
#     kicker, section, byline or author tag repeats, with similarity 1, when the block has its
#     own first occurrence: `b.txt:5: repeats a.txt:7` for a byline that repeats a.txt:5.
#  3. --dedup mark: a repeated credit split off its caption's line was duplicate-of the caption
#     (L9) instead of the credit (L9-2).
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

# ---- 1. sentences and protected spans ---------------------------------------------------
printf '请访问https://example.com/q?id=5&x=1查询。网址www.example.com/a!b后面是中文。下一句！\n' >"$T/url.txt"
expect_exit 0 "sentences with URLs" "$QG" segment -q -m sentences "$T/url.txt"
printf '请访问https://example.com/q?id=5&x=1查询。\n网址www.example.com/a!b后面是中文。\n下一句！\n' >"$T/want"
cmp -s "$T/out" "$T/want" && ok || { bad "a sentence ends inside a URL"; cat "$T/out" >&2; }
expect_exit 0 "sentences json with URLs" "$QG" segment -q -m sentences -f json "$T/url.txt"
[ "$(wc -l <"$T/out")" = 3 ] && ok || bad "sentences json: expected 3 records"
contains "$T/out" '"line":1,"column":37,"byte":48,"char":36,"text":"网址www.example.com/a!b后面是中文。"' "sentence after a URL: offsets"
# neighbours: English sentences still end at their own marks, a URL before 。 ends its sentence
printf '他说Hello! World?很好。见https://example.com/a。然后呢？\n' >"$T/en.txt"
expect_exit 0 "sentences, English" "$QG" segment -q -m sentences "$T/en.txt"
printf '他说Hello!\nWorld?\n很好。\n见https://example.com/a。\n然后呢？\n' >"$T/want"
cmp -s "$T/out" "$T/want" && ok || { bad "English sentences or a URL before 。"; cat "$T/out" >&2; }
# a long URL with a ? or ! every few bytes: each span is read once, not at every boundary in it
# (the first join read the span again at each: 12 s for a line of 360 KB, 37 s for this line of
# 1 MB). A hang guard, not a speed test: it runs in a tenth of a second (Release).
python3 -c "print('请访问https://example.com/' + 'ab?cd!ef.' * 120000 + '查询。')" >"$T/longurl.txt"
if timeout 10 "$QG" segment -q -m sentences "$T/longurl.txt" >"$T/out" 2>"$T/err"; then
  [ "$(tr -d '\n' <"$T/out")" = "$(tr -d '\n' <"$T/longurl.txt")" ] && ok || bad "a long URL: text lost"
else bad "a long URL: segment -m sentences failed or took over 10 s"; fi
# code quoted with ` and ' over a sentence end (a manual page's `$' …。以`I) still ends it
printf "以\`\$' 开档,这通常只读。以\`I 总是返回。文件在 ./a.txt里。\n" >"$T/code.txt"
expect_exit 0 "sentences, code" "$QG" segment -q -m sentences "$T/code.txt"
[ "$(wc -l <"$T/out")" = 3 ] && ok || { bad "code quoted over a sentence end"; cat "$T/out" >&2; }
# and the word mode is as it was
expect_exit 0 "words with URLs" "$QG" segment -q "$T/url.txt"
contains "$T/out" '^请 访问 https://example.com/q\?id=5&x=1 查询 。 网址 www.example.com/a!b 后面 是 中文 。 下 一句 ！$' "words: URLs whole"

# ---- 2. what a block removed with its article repeats ------------------------------------
cat >"$T/a.txt" <<'TXT'
民生观察

老街口新开了一家社区食堂

本报记者 钱小禾

本报讯 城西街道老街口的社区食堂上周开门营业，每天供应早餐和午餐，六十岁以上的老人凭卡用餐可以享受八折优惠。

食堂负责人说，开业一周来每天中午都有两百多人来吃饭，附近的上班族也常常过来打包带走。

（钱小禾）
TXT
cp "$T/a.txt" "$T/b.txt"
sed 's/本报记者 钱小禾/本报记者 孙一帆/' "$T/a.txt" >"$T/c.txt"
expect_exit 0 "dedup of a pasted article" "$QG" dedup -q -f text --dedup-scope run "$T/a.txt" "$T/b.txt" "$T/c.txt"
for l in 1 3 5 7 9 11; do
  contains "$T/out" "b\.txt:$l: repeats [^ ]*a\.txt:$l \(exact" "b.txt line $l repeats a.txt line $l"
done
# a byline of its own (c.txt:5 repeats nothing) goes under the article's first repeat, a record
# of kind article since session 40 (s40_audit_test.sh)
contains "$T/out" 'c\.txt:5: part of an article whose text repeats [^ ]*a\.txt:7 \(article\)' "a new byline: the article's repeat"
contains "$T/out" 'c\.txt:1: repeats [^ ]*a\.txt:1 \(exact' "c.txt's section: its own line"
[ "$(wc -l <"$T/out")" = 12 ] && ok || bad "dedup: expected 12 records"
# one document, the article pasted twice: clean's removed list, and dedup's JSON
{ cat "$T/a.txt"; echo; cat "$T/a.txt"; } >"$T/ab.txt"
expect_exit 0 "clean json of a pasted article" "$QG" clean -q -f json "$T/ab.txt"
contains "$T/out" '"text":"本报记者 钱小禾","line":17,"why":"dup-paragraph","message":"paragraph repeats line 5, part of an article whose text repeats line 7: removed","duplicate_of":\{"source":"[^"]*","line":5,' "clean json: the byline repeats line 5"
contains "$T/out" '"text":"老街口新开了一家社区食堂","line":15,"why":"dup-paragraph","message":"paragraph repeats line 3: removed"' "clean json: the title as before"
expect_exit 0 "dedup json of a pasted article" "$QG" dedup -q "$T/ab.txt"
for p in 13:1 15:3 17:5 19:7 21:9 23:11; do
  contains "$T/out" "\"line\":${p%:*},\"duplicate_of\":\\{\"source\":\"[^\"]*ab.txt\",\"line\":${p#*:}\\}" "ab.txt line ${p%:*} repeats line ${p#*:}"
done
# lint says the same
expect_exit 1 "lint of a pasted article" "$QG" lint "$T/ab.txt"
contains "$T/out" 'ab\.txt:17:1: error: paragraph repeats line 5, part of an article whose text repeats line 7' "lint: the byline repeats line 5"
# the kept text is what it was
expect_exit 0 "clean text of a pasted article" "$QG" clean -q -f text "$T/ab.txt"
[ "$(grep -c . "$T/out")" = 6 ] && ok || bad "clean: 6 paragraphs kept"

# ---- 3. duplicate-of names the split block of its own kind ------------------------------
cat >"$T/cap.txt" <<'TXT'
乡村新貌

山坳里建起了一所崭新的希望学校

本报记者 韩冬

本报讯 今年秋季开学，山坳村的孩子们第一次走进了新建的教学楼，教室里配齐了多媒体设备和新课桌。

图为孩子们在新教室里上课。（本报记者 韩冬 摄）
TXT
{ cat "$T/cap.txt"; echo; cat "$T/cap.txt"; } >"$T/cap2.txt"
expect_exit 0 "mark a pasted article with a split credit" "$QG" clean -q --dedup mark "$T/cap2.txt"
contains "$T/out" '<credit id="L19-2" line="19" duplicate-of="L9-2">本报记者 韩冬 摄</credit>' "the credit repeats L9-2"
contains "$T/out" '<caption id="L19" line="19" duplicate-of="L9">图为孩子们在新教室里上课。</caption>' "the caption repeats L9"
contains "$T/out" '<byline id="L15" line="15" duplicate-of="L5">' "the byline repeats L5"
expect_exit 0 "mark, --indesign --no-source-lines" "$QG" clean -q --dedup mark --indesign --no-source-lines "$T/cap2.txt"
contains "$T/out" '<credit id="L19-2" duplicate-of="L9-2" aid:pstyle="Credit">' "the credit repeats L9-2 (indesign)"
# neighbours: across inputs the other document's line is named as before (L9); a paragraph whose
# own author tag is split off keeps duplicate-of its paragraph
cp "$T/cap.txt" "$T/cap3.txt"
expect_exit 0 "mark across inputs" "$QG" clean -q --dedup mark --dedup-scope run "$T/cap.txt" "$T/cap3.txt"
contains "$T/out" '<caption id="L9" line="9" duplicate-of="L9" duplicate-source="[^"]*cap.txt">' "across inputs: the caption"
printf '本报讯 市图书馆本周起延长开放时间，工作日晚上开放到九点，周末全天开放，读者可以凭借阅证入馆。（记者 周航）\n\n本报讯 市图书馆本周起延长开放时间，工作日晚上开放到九点，周末全天开放，读者可以凭借阅证入馆。（记者 周航）\n' >"$T/tag.txt"
expect_exit 0 "mark a paragraph with its author tag" "$QG" clean -q --dedup mark "$T/tag.txt"
contains "$T/out" '<p id="L3" line="3" duplicate-of="L1">' "the paragraph repeats L1"

finish s39_audit
