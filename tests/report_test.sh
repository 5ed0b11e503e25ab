#!/usr/bin/env bash
# report_test.sh QINGGAO SRCDIR: clean's report (--report FILE; docs/batch.md, "The report";
# session 23, probe 23 M3 and L7): a removed repeat followed by a note with its lines and text
# (whole, or its first 300 characters), the edits made to it before its removal left out of the
# report and of the summary's changes (not of -f json), what clean did not apply marked
# "(not changed)", and --report FILE.json written as JSON Lines. The texts are written here.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C.UTF-8
cd "$T" || exit 1

# a page: a near repeat (one line; the same figures: since s23-dup a listing with another price is
# no repeat), an exact repeat of a paragraph wrapped over two lines, a
# suggestion clean leaves (a four-digit number grouped, beside one that is not: since session 47
# num-group-short reports only such a text; it was 计提资产减值准备1,234万元, money since then)
printf '%s\n' '社区新闻' '' \
  '【城北·桂花园】两室一厅,建筑面积86.5平方米,南北通透,总价210万元,看房请提前预约.' '' \
  '【城北·桂花园】两室一厅,建筑面积86.5平方米,南北通透,总价210万元,看房需提前一天预约.' '' \
  '咨询电话:0571-12345678' '' \
  '今年秋季的桂花节将在城北公园举行,届时将有' '灯会、游园和市集等活动,欢迎市民参加.' '' \
  '其他消息' '' \
  '今年秋季的桂花节将在城北公园举行,届时将有' '灯会、游园和市集等活动,欢迎市民参加.' '' \
  '全市新增就业岗位1,234个,上年为1100个.' >a.txt

# 1. the text report, whole. Before session 23 it listed the five edits of line 5 and the
# three of lines 14-15 before their removals, named the wrapped repeat by line 14 only, had no
# removed text, and gave num-group-short no mark (the summary said 19 changes).
cat >want.rep <<'EOF'
a.txt:3:13: warning: half-width punctuation in Chinese text: , → ， [punct-width]
a.txt:3:25: warning: half-width punctuation in Chinese text: , → ， [punct-width]
a.txt:3:30: warning: half-width punctuation in Chinese text: , → ， [punct-width]
a.txt:3:38: warning: half-width punctuation in Chinese text: , → ， [punct-width]
a.txt:3:46: warning: ASCII full stop ending a Chinese sentence: . → 。 [punct-full-stop]
a.txt:5:1: error: paragraph nearly repeats line 3 (similarity 0.79): removed [dup-near]
a.txt:5:1: note: removed, line 5 (its 5 edits not listed: in no output): 【城北·桂花园】两室一厅，建筑面积86.5平方米，南北通透，总价210万元，看房需提前一天预约。 [dup-near]
a.txt:7:5: warning: half-width punctuation in Chinese text: : → ： [punct-width]
a.txt:9:17: warning: half-width punctuation in Chinese text: , → ， [punct-width]
a.txt:10:12: warning: half-width punctuation in Chinese text: , → ， [punct-width]
a.txt:10:19: warning: ASCII full stop ending a Chinese sentence: . → 。 [punct-full-stop]
a.txt:14:1: error: paragraph repeats line 9: removed [dup-paragraph]
a.txt:14:1: note: removed, lines 14–15 (its 3 edits not listed: in no output): 今年秋季的桂花节将在城北公园举行，届时将有灯会、游园和市集等活动，欢迎市民参加。 [dup-paragraph]
a.txt:17:15: warning: half-width punctuation in Chinese text: , → ， [punct-width]
a.txt:17:24: warning: ASCII full stop ending a Chinese sentence: . → 。 [punct-full-stop]
a.txt:17:9: warning: a number of four digits needs no grouping: 1234 (not changed) [num-group-short]
EOF
expect_exit 0 "clean --report" "$QG" clean -f text --report a.rep a.txt
if cmp -s a.rep want.rep; then ok; else bad "the text report"; diff want.rep a.rep | head -20 >&2; fi
contains err "6 paragraphs, 11 changes, 2 removed \(2 duplicates\)" "the summary counts the output's changes"
contains out "^全市新增就业岗位1,234个，上年为1100个。$" "the suggestion not applied: 1,234 kept"
lacks out "提前一天" "the near repeat is not in the output"
# every line is file:line:col: severity: message [rule], as CI tools read it
[ "$(grep -cvE '^a\.txt:[0-9]+:[0-9]+: (error|warning|note): .* \[[a-z0-9-]+\]$' a.rep)" = 0 ] && ok ||
  bad "a report line not in the form file:line:col: severity: message [rule]"
# session 50 (s50-report): with -q and no report nothing is held (the changes are read by the
# summary alone); with a report -q holds as before, and the text and XML writers, whose
# diagnostics go to the report with no call of the writer between, give the same lines and count
expect_exit 0 "clean -q --report" "$QG" clean -q -f text --report aq.rep a.txt
if cmp -s aq.rep want.rep; then ok; else bad "the text report with -q"; diff want.rep aq.rep | head -20 >&2; fi
expect_exit 0 "clean -q -f xml --report" "$QG" clean -q -f xml --report ax.rep a.txt
if cmp -s ax.rep want.rep; then ok; else bad "the text report of -f xml with -q"; diff want.rep ax.rep | head -20 >&2; fi
expect_exit 0 "clean -f xml" "$QG" clean -f xml a.txt
contains err "6 paragraphs, 11 changes, 2 removed \(2 duplicates\)" "-f xml: the summary counts the output's changes"

# 2. clean -f json is as it was: every diagnostic, the removed repeats' edits too, with "fixed";
# its stats count them (the summary's 11 and the 8 edits of the two repeats)
expect_exit 0 "clean -f json" "$QG" clean -q -f json a.txt
python3 - out <<'PY' && ok || bad "-f json: the repeats' edits listed, stats as the library counts"
import json, sys
o = json.load(open(sys.argv[1], encoding="utf-8"))
ds = o["diagnostics"]
in5 = [d for d in ds if d["line"] == 5 and d["rule"] in ("punct-width", "punct-full-stop")]
in14 = [d for d in ds if d["line"] in (14, 15) and d["rule"].startswith("punct-")]
assert len(in5) == 5 and all(d["fixed"] for d in in5), in5
assert len(in14) == 3 and all(d["fixed"] for d in in14), in14
assert o["stats"]["changes"] == 19 and o["stats"]["removed"] == 2, o["stats"]
ng = [d for d in ds if d["rule"] == "num-group-short"]
assert len(ng) == 1 and ng[0]["fixed"] is False, ng
PY

# 3. the summary's changes are the same without --report, in batches, on two threads (one
# file, -j 2), on one, in every format
for f in text xml json; do
  for j in 1 2; do
    expect_exit 0 "clean -j$j -f $f" "$QG" clean -j$j -f $f a.txt
    contains err "6 paragraphs, 11 changes, 2 removed" "-j$j -f $f: the summary's changes"
  done
done
# ... and with the page twice in one run (a batch of documents) and twice in one document
cp a.txt b.txt
expect_exit 0 "two documents" "$QG" clean -j2 -f text a.txt b.txt
contains err "12 paragraphs, 22 changes, 4 removed" "two documents: the summary's changes"
{ cat a.txt; echo; cat a.txt; } >aa.txt
expect_exit 0 "the page twice in one document" "$QG" clean -f text --report aa.rep aa.txt
# (the contact line 咨询电话:0571-12345678 is body text, a `p`, since session 24, no subhead; a
# contact line repeats legitimately, as a byline does. Until session 44 the second copy's near
# repeat of its listing was new text of its article, which kept its section name, contact line
# (its edit counted) and subhead: 12 changes, 7 removed. Since then a near repeat no longer keeps
# an article without a title of its own, and the second copy goes whole, each block reported)
contains err " 11 changes, 10 removed" "the page twice: the second copy's edits not counted (it goes whole)"
expect_exit 0 "the page twice, no report" "$QG" clean -j1 -f text aa.txt
contains err " 11 changes, 10 removed" "the page twice, no report: the same count"
[ "$(grep -c ': note: removed, line' aa.rep)" = 10 ] && ok || bad "the page twice: a note for each of the 10 removals"
contains aa.rep "^aa\.txt:25:1: note: removed, line 25 \(its 1 edit not listed: in no output\): 咨询电话：0571-12345678 \[dup-paragraph\]$" "the page twice: the second copy's contact line removed with it, said"
# a finding in a removed repeat (the suggestion not applied) is left out and counted as such
contains aa.rep "^aa\.txt:35:1: note: removed, line 35 \(its 2 edits and 1 finding not listed: in no output\): 全市新增就业岗位1,234个，上年为1100个。 \[dup-paragraph\]$" "a repeat's finding left out, said"
[ "$(grep -c 'num-group-short' aa.rep)" = 1 ] && ok || bad "the page twice: the suggestion listed once (the kept copy)"

# 4. a long paragraph: its first 300 characters, with … and its length
long=$(python3 -c 'print("，".join("第%d段文字记录了城市里一条老街的变迁与居民的日常生活" % i for i in range(1, 16)) + "。")')
printf '老街\n\n%s\n\n%s\n' "$long" "$(printf '%s' "$long" | sed 's/，/,/g')" >long.txt
expect_exit 0 "a long repeat" "$QG" clean -q -f text --report long.rep long.txt
contains long.rep "^long\.txt:5:1: note: removed, line 5 \(the first 300 of 411 characters; its 14 edits not listed: in no output\): 第1段文字.*第11段文字记录了城市里一条老街的变迁与居民的日常生活，第… \[dup-paragraph\]$" "a long repeat: its first 300 characters"
python3 - long.rep <<'PY' && ok || bad "a long repeat: exactly 300 characters and …"
import sys
line = [l for l in open(sys.argv[1], encoding="utf-8") if ": note: removed" in l][0]
text = line.split("in no output): ", 1)[1].rsplit(" [", 1)[0]
assert len(text) == 301 and text.endswith("…"), (len(text), text[-5:])
PY

# 4b. a repeat of many lines: its edits are found through the hold's buckets by line (1,000
# lines) or by a walk over what is held (1,100 lines: more than the 1,024 buckets); either way
# all of them are withheld and not counted (cli/batch.c, on_removed; session 26)
for n in 1000 1100; do
  python3 -c 'import sys; n = int(sys.argv[1]); p = "\n".join("第%d行文字记录老街,继续" % i for i in range(1, n + 1)); print("老街\n\n" + p + "\n\n" + p)' "$n" >many$n.txt
  expect_exit 0 "a repeat of $n lines" "$QG" clean -j1 -f text --report many$n.rep -o /dev/null many$n.txt
  contains err "2 paragraphs, $n changes, 1 removed" "a repeat of $n lines: only the kept copy's edits counted"
  contains many$n.rep "note: removed, lines $((n + 4))–$((2 * n + 3)) \(the first 300 of [0-9]+ characters; its $n edits not listed: in no output\)" "a repeat of $n lines: its $n edits withheld"
done

# 5. a repaired paragraph removed as a repeat: the caption moved out from between its halves
# is in the output, and so are its edits and the move; the paragraph's own edits are not listed
printf '修鞋摊\n\n“这些小活儿看着不起眼，可真要找个地方修，跑遍半条街都不一定找得到。”居民说，本想扔掉再买一把，听说社区有人修，就拿来试试。\n\n“这些小活儿看着不起眼,可真要找个地方修,跑遍半条街都不\n\n图为修鞋师傅在为居民修补\xe2\x80\x8b皮鞋,ＡＢ摄于昨天\n\n一定找得到.”居民说,本想扔掉再买一把,听说社区有人修,就拿来试试.\n' >mv.txt
expect_exit 0 "a moved caption" "$QG" clean -f text --report mv.rep mv.txt
contains out "^图为修鞋师傅在为居民修补皮鞋，AB摄于昨天$" "a moved caption: in the output"
contains mv.rep "^mv\.txt:7:13: warning: .* \[char-invisible\]$" "a moved caption: its edit listed"
contains mv.rep "^mv\.txt:7:17: warning: .* \[char-fullwidth-alnum\]$" "a moved caption: its other edit listed"
contains mv.rep "^mv\.txt:7:1: note: photo block on line 7 moved .* \[para-move\]$" "a moved caption: the move listed"
contains mv.rep "^mv\.txt:5:1: note: removed, lines 5–9 \(its 8 edits not listed: in no output\): “这些小活儿" "a moved caption: the paragraph's 8 edits left out"
lacks mv.rep "^mv\.txt:(5|9):[0-9]+: warning" "a moved caption: no edit of the removed paragraph listed"
contains err " 4 changes, 1 removed" "a moved caption: the caption's changes counted"
expect_exit 0 "a moved caption, no report" "$QG" clean -f text mv.txt
contains err " 4 changes, 1 removed" "a moved caption, no report: the same count"

# 6. "(not changed)" (on exactly what -f json says "fixed": false: 7 below); --dedup=mark: the
# repeats are marked, not removed: no note, nothing left out, the marks "(not changed)"
expect_exit 0 "--dedup=mark --report" "$QG" clean -q -f text --dedup=mark --report m.rep a.txt
contains m.rep "^a\.txt:5:1: error: paragraph nearly repeats line 3 \(similarity 0\.79\) \(not changed\) \[dup-near\]$" "--dedup=mark: the near repeat marked, not changed"
lacks m.rep "note: removed" "--dedup=mark: nothing removed, no note"
contains m.rep "^a\.txt:5:13: warning: .* \[punct-width\]$" "--dedup=mark: the marked repeat's edits listed (it is in the output)"
lacks a.rep "→ ， \(not changed\)" "an applied fix carries no mark"

# 7. the report lines are those of -f json, less the repeats' edits, plus the notes (the
# diagnostics in the order raised; a repeat's edits: the fixes before it on its span), each
# "(not changed)" when -f json says "fixed": false
for f in a.txt aa.txt long.txt "$SRC"/samples/*.txt "$SRC"/tests/pages/0*.txt; do
  "$QG" clean -q -f json "$f" >j.json 2>/dev/null
  "$QG" clean -q -f text --report r.txt "$f" >/dev/null 2>&1
  python3 - j.json r.txt "$f" <<'PY' && ok || bad "$f: the report is -f json's diagnostics less the repeats' edits"
import json, sys
o = json.load(open(sys.argv[1], encoding="utf-8"))
ds, gone, notes = o["diagnostics"], set(), 0
for i, d in enumerate(ds):
    if d["rule"] in ("dup-paragraph", "dup-near") and d["fixed"]:
        notes += 1
        s, e = (d["line"], d["column"]), (d["end_line"], d["end_column"])
        for k in range(i):
            x = ds[k]
            if k not in gone and not x["rule"].startswith(("dup-", "dedup-")) and s <= (x["line"], x["column"]) < e:
                gone.add(k)
want = ["%s:%d:%d: %s: %s%s [%s]" % (sys.argv[3], d["line"], d["column"], {"info": "note"}.get(d["severity"], d["severity"]),
        d["message"], "" if d["fixed"] else " (not changed)", d["rule"]) for i, d in enumerate(ds) if i not in gone]
got = open(sys.argv[2], encoding="utf-8").read().splitlines()
assert [l for l in got if ": note: removed, line" not in l] == want, sys.argv[3]
assert sum(": note: removed, line" in l for l in got) == notes
PY
done

# 8. --report FILE.json: JSON Lines, one object a diagnostic (not the notes: the removed text is
# the removal's "original", what was left out its "withheld"); before session 23 the text lines
expect_exit 0 "--report R.json" "$QG" clean -q -f text --report R.json a.txt
python3 - R.json a.rep <<'PY' && ok || bad "--report R.json: the report as JSON Lines"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
text = [l for l in open(sys.argv[2], encoding="utf-8").read().splitlines() if ": note: removed" not in l]
assert len(objs) == len(text) == 14, (len(objs), len(text))
keys = {"file", "line", "column", "end_line", "end_column", "rule", "severity", "message", "fixed"}
for o, t in zip(objs, text):
    assert keys <= set(o), o
    assert t.startswith("%s:%d:%d: " % (o["file"], o["line"], o["column"])) and t.endswith("[%s]" % o["rule"]), (o, t)
near = [o for o in objs if o["rule"] == "dup-near"][0]
assert near["original"] == "【城北·桂花园】两室一厅，建筑面积86.5平方米，南北通透，总价210万元，看房需提前一天预约。", near
assert near["withheld"] == 5 and near["fixed"] is True and near["end_line"] == 5, near
rep = [o for o in objs if o["rule"] == "dup-paragraph"][0]
assert rep["line"] == 14 and rep["end_line"] == 15 and rep["withheld"] == 3, rep
ng = [o for o in objs if o["rule"] == "num-group-short"][0]
assert ng["fixed"] is False and ng["original"] == "1,234" and ng["replacement"] == "1234", ng
assert "(not changed)" not in ng["message"]
w = [o for o in objs if o["rule"] == "punct-width"][0]
assert w["severity"] == "warning" and w["fixed"] is True and w["original"] == "," and w["replacement"] == "，", w
assert all("withheld" not in o for o in objs if o["rule"] not in ("dup-near", "dup-paragraph"))
PY
# the other names: .jsonl and .ndjson too, any case, compressed; a text name and a stream: text
expect_exit 0 "--report R.JSONL.gz" "$QG" clean -q -f text --report R.JSONL.gz a.txt
gzip -dc R.JSONL.gz | cmp -s - R.json && ok || bad "--report R.JSONL.gz: the JSON lines, compressed"
expect_exit 0 "--report R.ndjson" "$QG" clean -q -f text --report R.ndjson a.txt
cmp -s R.ndjson R.json && ok || bad "--report R.ndjson: the JSON lines"
expect_exit 0 "--report R.json.txt" "$QG" clean -q -f text --report R.json.txt a.txt
cmp -s R.json.txt a.rep && ok || bad "--report R.json.txt: text"
expect_exit 0 "--report /dev/stdout" "$QG" clean -q -f text -o /dev/null --report /dev/stdout a.txt
cmp -s out a.rep && ok || bad "--report /dev/stdout: text"
# -j 2 writes the bytes of -j 1
expect_exit 0 "--report R.json, -j 2, three files" "$QG" clean -q -j2 -f xml --report R2.json a.txt long.txt mv.txt
expect_exit 0 "--report R.json, -j 1, three files" "$QG" clean -q -j1 -f xml --report R1.json a.txt long.txt mv.txt
cmp -s R1.json R2.json && ok || bad "--report R.json: -j 2 is -j 1"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' R1.json && ok || bad "three files: JSON"
# --jsonl: the records' diagnostics and --jsonl's own lines (a bad line) as objects
printf '%s\n' '{"id":1,"text":"全市新增就业岗位1,234个,上年为1100个."}' 'not json' >c.jsonl
expect_exit 3 "--jsonl --report R.json" "$QG" clean -q --jsonl --report J.json c.jsonl
expect_exit 3 "--jsonl --report R.txt" "$QG" clean -q --jsonl --report J.txt c.jsonl
python3 - J.json J.txt <<'PY' && ok || bad "--jsonl --report R.json"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
text = open(sys.argv[2], encoding="utf-8").read().splitlines()
assert len(objs) == len(text) == 4, (objs, text)
bad = objs[-1]
assert bad == {"file": "c.jsonl", "line": 2, "column": 3, "end_line": 2, "end_column": 3,
               "rule": "jsonl-bad-line", "severity": "error", "message": bad["message"], "fixed": False}, bad
assert text[-1] == "c.jsonl:2:3: error: %s [jsonl-bad-line]" % bad["message"], text[-1]
assert objs[0]["file"] == "c.jsonl:1" and text[0].startswith("c.jsonl:1:1:"), (objs[0], text[0])
PY
# a JSON Lines file cut in chunks on two workers (over 256 KiB): the JSON report and the text
# report are -j 1's bytes, and the summary's changes too
python3 - big.jsonl <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(2400):
        p = "第%d号公告：今年秋季的桂花节将在城北公园举行,届时将有灯会、游园和市集等活动,欢迎市民参加." % i
        text = "\n\n".join([p, "咨询电话:0571-1234%04d" % i, p] if i % 5 == 0 else [p])
        f.write(json.dumps({"id": "n%d" % i, "text": text}, ensure_ascii=False) + "\n")
PY
for j in 1 2; do
  expect_exit 0 "--jsonl -j $j --report J$j.json" "$QG" clean --jsonl -j $j --report "J$j.json" big.jsonl
  grep -o ' [0-9]* changes, [0-9]* removed' err >"sum$j"
  expect_exit 0 "--jsonl -j $j --report J$j.txt" "$QG" clean -q --jsonl -j $j --report "J$j.txt" big.jsonl
done
cmp -s J1.json J2.json && ok || bad "--jsonl in chunks: the JSON report is -j 1's"
cmp -s J1.txt J2.txt && ok || bad "--jsonl in chunks: the text report is -j 1's"
cmp -s sum1 sum2 && ok || bad "--jsonl in chunks: the summary is -j 1's"
contains sum1 "^ 7680 changes, 480 removed$" "--jsonl: 3 edits a record, 1 more in 480 (the contact line), the 480 repeats' edits not counted"
[ "$(grep -c '"withheld":3}' J1.json)" = 480 ] && ok || bad "--jsonl: each of the 480 repeats' 3 edits left out"

finish report
