#!/usr/bin/env bash
# segment_test.sh QINGGAO SOURCE_DIR: `qinggao segment` from the command line: one output line
# per input line, --mode sentences, --format json (offsets and columns checked against the
# input), --dict (terms kept whole, errors with file:line:col), encodings, stdin, -o, failed
# input, options that do not apply; --dict for clean and lint.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
same() { # file expected-text description
  if [ "$(cat "$1")" = "$2" ]; then ok; else bad "$3"; diff <(printf '%s\n' "$2") "$1" >&2; fi
}

# one output line per input line: blank, white-space-only and invisible-only lines stay (empty),
# an indent is cleanup, a last line without a line break still ends with one
printf '  社区网格员上门服务。\n\n \t\n\xe2\x80\x8b\n他说Wi-Fi很好，C++也行。\n最后一行' >"$T/lines.txt"
expect_exit 0 "segment words" "$QG" segment -q "$T/lines.txt"
same "$T/out" "社区 网 格 员 上门 服务 。



他 说 Wi-Fi 很好 ， C++ 也 行 。
最后 一行" "words: line N of the output is line N of the input"
[ "$(wc -l <"$T/out")" = 6 ] && ok || bad "six lines out for six lines in"
# CRLF and a blank last line
printf '第一行。\r\n\r\n第三行。\r\n\r\n' >"$T/crlf.txt"
expect_exit 0 "segment CRLF" "$QG" segment -q "$T/crlf.txt"
same "$T/out" "第一 行 。

第三 行 。" "CRLF lines"
[ "$(wc -l <"$T/out")" = 4 ] && ok || bad "CRLF: four lines"
# wrapped text is not joined: segment keeps lines
expect_exit 0 "segment a wrapped page" "$QG" segment -q "$SRC/samples/page2-wrapped.txt"
[ "$(wc -l <"$T/out")" = "$(wc -l <"$SRC/samples/page2-wrapped.txt")" ] && ok ||
  bad "wrapped page: as many lines out as in"
# an empty file gives nothing; stdin works; -o writes the file
: >"$T/empty.txt"
expect_exit 0 "segment empty" "$QG" segment -q "$T/empty.txt"
[ ! -s "$T/out" ] && ok || bad "empty input: empty output"
printf '新质生产力\n' | "$QG" segment -q >"$T/out" 2>"$T/err" && ok || bad "segment stdin"
same "$T/out" "新质生产力" "stdin; a built-in term is one word"
expect_exit 0 "segment -o" "$QG" segment -q -o "$T/o.txt" "$T/lines.txt"
[ -s "$T/o.txt" ] && [ ! -s "$T/out" ] && ok || bad "-o writes the file, not stdout"
# GB18030 input
printf '社区网格员上门服务。\n' | iconv -f UTF-8 -t GB18030 >"$T/gb.txt"
expect_exit 0 "segment GB18030" "$QG" segment -q --encoding GB18030 "$T/gb.txt"
same "$T/out" "社区 网 格 员 上门 服务 。" "GB18030 decoded, then segmented"
# invalid input: exit 3, no output at all, file:line:col
expect_exit 3 "segment invalid" "$QG" segment -q "$T/lines.txt" <(printf '好\n坏\xff\n')
contains "$T/err" ':2:2: invalid UTF-8 byte 0xFF' "invalid byte located"
[ "$(wc -l <"$T/out")" = 6 ] && ok || bad "the good file is written, the bad one not at all"

# --dict: a user's terms are kept whole; several files; jieba's format
printf '# my terms\n社区网格员 10 n\n' >"$T/a.dict"
printf '东湖区\n文体局\n' >"$T/b.dict"
printf '东湖区文体局局长到社区网格员家中。\n' >"$T/d.txt"
expect_exit 0 "segment without --dict" "$QG" segment -q "$T/d.txt"
same "$T/out" "东 湖 区 文体 局 局长 到 社区 网 格 员 家中 。" "ICU alone"
expect_exit 0 "segment --dict" "$QG" segment -q --dict "$T/a.dict" --dict "$T/b.dict" "$T/d.txt"
same "$T/out" "东湖区 文体局 局长 到 社区网格员 家中 。" "user terms kept whole"
# a bad dictionary is a usage error naming file, line and column; so is a missing one
printf '好词\n坏\xff词\n' >"$T/bad.dict"
expect_exit 2 "bad --dict" "$QG" segment -q --dict "$T/bad.dict" "$T/d.txt"
contains "$T/err" "^qinggao: $T/bad.dict:2:2: invalid UTF-8$" "bad dictionary located"
[ ! -s "$T/out" ] && ok || bad "no output with a bad dictionary"
expect_exit 2 "missing --dict" "$QG" segment -q --dict "$T/none.dict" "$T/d.txt"
contains "$T/err" "none.dict: cannot open dictionary" "missing dictionary named"
expect_exit 2 "bad --dict for clean" "$QG" clean -q --dict "$T/bad.dict" "$T/d.txt"
expect_exit 2 "--dict for dedup" "$QG" dedup -q --dict "$T/a.dict" "$T/d.txt"

# options that do not apply
expect_exit 2 "--paragraphs with words" "$QG" segment --paragraphs blank "$T/d.txt"
contains "$T/err" "one line per line" "why --paragraphs is refused"
expect_exit 2 "--dedup with segment" "$QG" segment --dedup off "$T/d.txt"
for o in "--near-features words" "--near-threshold 0.5" "--dedup-memory 8" "--dedup-scope run"; do
  # shellcheck disable=SC2086
  expect_exit 2 "$o with segment" "$QG" segment $o "$T/d.txt"
  contains "$T/err" "do not apply to segment" "$o with segment: the message"
done
expect_exit 2 "--no-repair with segment" "$QG" segment --no-repair "$T/d.txt"
expect_exit 2 "--format xml with segment" "$QG" segment -f xml "$T/d.txt"

# --format json: one object per input line; byte/char offsets and source columns agree with
# the input (lines without cleanup, so the cleaned line is the source line)
printf '社区网格员上门服务。\n\n他说Wi-Fi很好，C++也行。https://a.com 增长3.5%%。\n  缩进的一行\n' >"$T/j.txt"
expect_exit 0 "segment json" "$QG" segment -q -f json "$T/j.txt"
if python3 - "$T/j.txt" "$T/out" <<'EOF'
import json, sys
src = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
objs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert [o["line"] for o in objs] == list(range(1, len(src) + 1)), "one object per line"
assert objs[1]["tokens"] == [], "blank line: no tokens"
for o in objs:
    line = src[o["line"] - 1]
    clean = line.lstrip(" ")
    for t in o["tokens"]:
        w = t["word"]
        assert clean.encode()[t["byte"]:t["byte"] + len(w.encode())] == w.encode(), (t, clean)
        assert clean[t["char"]:t["char"] + len(w)] == w, t
        assert line[t["column"] - 1:t["column"] - 1 + len(w)] == w, t
        assert t["status"] in ("none", "number", "letter", "kana", "ideo"), t
words = [t["word"] for t in objs[2]["tokens"]]
assert words == ["他", "说", "Wi-Fi", "很好", "，", "C++", "也", "行", "。", "https://a.com",
                 "增长", "3.5%", "。"], words
st = {t["word"]: t["status"] for t in objs[2]["tokens"]}
assert st["他"] == "ideo" and st["Wi-Fi"] == "letter" and st["3.5%"] == "number" and st["，"] == "none"
assert objs[3]["tokens"][0]["column"] == 3 and objs[3]["tokens"][0]["char"] == 0
EOF
then ok; else bad "json tokens: offsets, columns and status"; cat "$T/out" >&2; fi

# sentences: text and JSON, positions of the sentence starts
printf '第一句。第二句！\n\n他问：“你来吗？”我说：“来。”\n' >"$T/s.txt"
expect_exit 0 "segment sentences" "$QG" segment -q --mode sentences "$T/s.txt"
same "$T/out" "第一句。
第二句！
他问：“你来吗？”
我说：“来。”" "one sentence per line"
expect_exit 0 "segment sentences json" "$QG" segment -q --mode sentences -f json "$T/s.txt"
contains "$T/out" '^\{"source":"[^"]*","line":1,"column":5,"byte":12,"char":4,"text":"第二句！"\}$' "sentence position"
contains "$T/out" '^\{"source":"[^"]*","line":3,"column":10,"byte":27,"char":9,"text":"我说：“来。”"\}$' "sentence position"
# several inputs into one stream: every record names its file (probe 8 E12)
printf '第一句。\n' >"$T/s2.txt"
expect_exit 0 "segment json of two files" "$QG" segment -q -f json "$T/s.txt" "$T/s2.txt"
[ "$(grep -c "^{\"source\":\"$T/s.txt\",\"line\":" "$T/out") $(grep -c "^{\"source\":\"$T/s2.txt\",\"line\":1," "$T/out")" = "3 1" ] && ok || bad "segment json: records name their source"
expect_exit 0 "segment sentences json of two files" "$QG" segment -q -m sentences -f json "$T/s.txt" "$T/s2.txt"
contains "$T/out" "^\{\"source\":\"$T/s2.txt\",\"line\":1,\"column\":1," "sentences json: the second file named"
# sentences follow --paragraphs: a wrapped sentence is one sentence
printf '这一句话很长，被排版\n断成了两行。下一句。\n' >"$T/w.txt"
expect_exit 0 "segment sentences, blank paragraphs" "$QG" segment -q --mode sentences --paragraphs wrapped "$T/w.txt"
same "$T/out" "这一句话很长，被排版断成了两行。
下一句。" "a sentence across a wrapped line"
# an opening bracket after a terminator starts the next sentence; list labels and U.S. in Chinese
# text end none (probe 10c F2, F6)
printf '%s\n' '大会为期两周。（新华社电）下一届大会将在巴西举行。' '1. 零售额增长6.2%。2.投资增长4.9%。' \
  '据报道，U.S. Steel公司股价上涨。U.S.经济增长放缓。' 'He moved to the U.S. He works.' >"$T/s4.txt"
expect_exit 0 "segment sentences, brackets and labels" "$QG" segment -q --mode sentences --paragraphs line "$T/s4.txt"
same "$T/out" "大会为期两周。
（新华社电）下一届大会将在巴西举行。
1. 零售额增长6.2%。
2.投资增长4.9%。
据报道，U.S. Steel公司股价上涨。
U.S.经济增长放缓。
He moved to the U.S.
He works." "sentences: brackets, list labels, abbreviations"
# a wrapped page of two articles: the section, title and byline lines are sentences of their
# own, as clean's paragraphs (probe 10c F4: the light chain had no cues for its heading lines)
cat >"$T/page.txt" <<'X'
城市
江滩公园今起开放
本报记者 方明远
　　本报讯 经过半年改造，江滩
公园今天上午重新向市民开放，新
增步道3.2公里，座椅和直饮水点
各40处。园方提醒，夜间开放至22
点。

文化
社区图书馆延长开放时间
本报记者 何小雨
　　本报讯 从下月起，全市社区图
书馆周末开放至晚上九点，借阅证
可在各馆通用。
X
expect_exit 0 "segment sentences, wrapped page" "$QG" segment -q --mode sentences "$T/page.txt"
same "$T/out" "城市
江滩公园今起开放
本报记者 方明远
本报讯 经过半年改造，江滩公园今天上午重新向市民开放，新增步道3.2公里，座椅和直饮水点各40处。
园方提醒，夜间开放至22点。
文化
社区图书馆延长开放时间
本报记者 何小雨
本报讯 从下月起，全市社区图书馆周末开放至晚上九点，借阅证可在各馆通用。" "sentences do not cross heading lines"

# word-repeat through clean and lint
printf '我们我们的的新家，常常看看书。\n' >"$T/r.txt"
expect_exit 0 "lint word-repeat" "$QG" lint "$T/r.txt"
same "$T/out" "$T/r.txt:1:1: warning: “我们” written twice: 我们我们 [word-repeat]
$T/r.txt:1:5: warning: “的” written twice: 的的 [word-repeat]" "lint reports the repeats, not the reduplication"
expect_exit 0 "clean --report word-repeat" "$QG" clean -q -f text --report "$T/rep.txt" "$T/r.txt"
same "$T/out" "我们我们的的新家，常常看看书。" "clean leaves the text as it is"
contains "$T/rep.txt" 'word-repeat' "clean reports word-repeat"

finish
