#!/bin/bash
# xml_test.sh QINGGAO XML_CHECK SRC: the XML and NITF writers.
#  - every fixture page (samples/, tests/pages/, tests/copy/, and the seed page when present)
#    cleaned to XML, also with --indesign, --dedup=mark and --no-source-lines, validates
#    against schema/qinggao.rng;
#  - NITF output is well-formed and maps each kind where the page has it;
#  - the style map of --indesign is read, and a wrong one is a usage error naming its line;
#  - the XSLT preview turns the XML into HTML (when xsltproc is installed).
QG=$1 CHECK=$2 SRC=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*" >&2; fail=$((fail + 1)); }
contains() { # file pattern description
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; fi
}
lacks() { # file pattern description
  if grep -qE -- "$2" "$1"; then bad "$3: '$2' in $1"; else ok; fi
}

pages=("$SRC"/samples/*.txt "$SRC"/tests/pages/*.txt "$SRC"/tests/copy/*.txt)
seed="$SRC/../shared/fixtures/seed-page.txt"
[ -f "$seed" ] && pages+=("$seed")
# args=(...) for an XML variant: plain, indesign, mark (--dedup=mark), nolines
variant_args() {
  case $1 in
  plain) args=() ;;
  indesign) args=(--indesign) ;;
  mark) args=(--dedup=mark) ;;
  nolines) args=(--no-source-lines) ;;
  esac
}
n=0
for p in "${pages[@]}"; do
  b=$(basename "$p" .txt)
  for v in plain indesign mark nolines; do
    variant_args $v
    n=$((n + 1))
    if "$QG" clean -q "${args[@]}" -o "$T/$b.$v.xml" "$p" 2>"$T/err"; then ok
    else bad "clean ${args[*]} $p failed: $(cat "$T/err")"; fi
  done
  "$QG" clean -q -f nitf -o "$T/$b.nitf" "$p" || bad "clean -f nitf $p failed"
done
if "$CHECK" --rng "$SRC/schema/qinggao.rng" "$T"/*.xml >"$T/check" 2>&1; then ok
else bad "XML not valid against schema/qinggao.rng:"; grep -v "^ok" "$T/check" >&2; fi
[ "$(grep -c '^ok' "$T/check")" = "$n" ] && ok || bad "expected $n valid XML files"
if "$CHECK" "$T"/*.nitf >"$T/check" 2>&1; then ok; else bad "NITF not well-formed"; grep -v "^ok" "$T/check" >&2; fi

# several inputs in one output: one root, one document element each
"$QG" clean -q -o "$T/two.xml" "$SRC/samples/page2-wrapped.txt" "$SRC/samples/page3-lines.txt" || bad "two inputs"
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/two.xml" >/dev/null && ok || bad "two inputs: not valid"
[ "$(grep -o '<document ' "$T/two.xml" | wc -l)" = 2 ] && ok || bad "two inputs: two document elements"

# the writer's own escaper (text_run): & < > and a straight " left in the text, before and
# after the first sixteen bytes (its SSE2 and byte paths), give well-formed XML that says
# them (the review of session 9 found no page with them: a broken escape passed every test)
printf 'AT&T与P&G合作。\n\n当a<b且c>d时。\n\n这一段的开头足够长了，然后才是&和a<b以及c>d还有"号\n' >"$T/esc.txt"
"$QG" clean -q -o "$T/esc.xml" "$T/esc.txt" || bad "clean of & < > \""
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/esc.xml" >/dev/null && ok || bad "& < > \": not valid XML"
contains "$T/esc.xml" '>AT&amp;T与P&amp;G合作。<' "& escaped at the start"
contains "$T/esc.xml" '>当a&lt;b且c&gt;d时。<' "< and > escaped at the start"
contains "$T/esc.xml" '然后才是&amp;和a&lt;b以及c&gt;d还有(&quot;|“)号' "& < > escaped past sixteen bytes"
# the XML of the first sample page: kinds, inline markup, figure, duplicates
x="$T/page1.plain.xml"
contains "$x" '^<title id="L5" line="5">清单管理解难题 数字赋能增活力</title>$' "title element"
contains "$x" '^<byline id="L9" line="9">本报记者 林晓燕 通讯员 周建国</byline>$' "byline without ornament"
contains "$x" '^<subtitle id="L7" line="7"><dash>——</dash>南湖区' "subtitle with dash unit"
contains "$x" '^<p id="L39" line="39"><dateline>本报讯</dateline>' "dateline inline"
contains "$x" '<num>46万件</num>' "number with unit"
contains "$x" '<num>99.2%</num>' "decimal percent"
contains "$x" '^<figure><caption id="L55" line="55">' "caption in figure"
contains "$x" '^<credit id="L57" line="57">何嘉禾 摄</credit></figure>(</article>)?$' "credit in figure"
contains "$x" '^<author id="L65" line="65">陆一鸣</author>(</article>)?(</document>)?$' "author"
contains "$x" '^<p id="L23" line="23" end-line="27">' "repaired paragraph spans its lines"
grep -q 'duplicate-of' "$x" && bad "duplicate-of without --dedup=mark" || ok
contains "$T/page1.mark.xml" '^<p id="L43" line="43" duplicate-of="L41">' "--dedup=mark refers to the kept paragraph"
# near repeats and --dedup-scope=run: similarity and duplicate-source, valid against the schema
printf '区文体局负责人介绍，今年新增了亲子项目和老年人门球赛，比赛将持续到本月底。\n\n区文体局负责人介绍，今年新增了亲子项目和老年人门球赛，比赛将一直持续到本月底。\n' >"$T/m1.txt"
cp "$T/m1.txt" "$T/m2.txt"
"$QG" clean -q --dedup mark --dedup-scope run "$T/m1.txt" "$T/m2.txt" >"$T/run.xml" 2>/dev/null || bad "mark, scope run: failed"
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/run.xml" >/dev/null && ok || bad "mark, scope run: not valid"
contains "$T/run.xml" '^<p id="L3" line="3" duplicate-of="L1" similarity="0\.[0-9]{3}">' "a near repeat carries its similarity"
contains "$T/run.xml" '<p id="L1" line="1" duplicate-of="L1" duplicate-source="[^"]*m1.txt">' "a repeat of another input names it"
grep -q ' line="' "$T/page1.nolines.xml" && bad "--no-source-lines still writes line" || ok
# whitespace: no line break inside a block element (container tags may stand before the first
# block of the line and after its end)
if sed -E 's/^(<(qinggao|document|article|figure)[^>]*>)+//; s/(<\/(figure|article|document)>)+$//' "$x" |
  awk '/^<(p|title|caption|byline|credit|author|kicker|subtitle|subhead|section) / && !/<\/(p|title|caption|byline|credit|author|kicker|subtitle|subhead|section)>$/ {bad=1} END {exit bad}'; then ok
else bad "a block element spans lines"; fi
# whitespace as an importer that keeps it sees it (docs/xml.md, probe 10c F7): the text of the
# root is the blocks' texts, one return after each, no empty paragraph; the same with two
# documents, with figures, with --indesign. Each line of the file holds one block element.
for f in "$x" "$T/two.xml" "$T/page1.indesign.xml"; do
  "$CHECK" --text "$f" >"$T/text" || bad "xml_check --text $f"
  blocks=$(grep -oE '<(p|title|caption|byline|credit|author|kicker|subtitle|subhead|section) ' "$f" | wc -l)
  [ "$(wc -l <"$T/text")" = "$blocks" ] && ok || bad "$f: $(wc -l <"$T/text") returns in the text, $blocks block elements"
  lacks "$T/text" '^$' "$f: an empty paragraph in the text"
  [ "$(tail -c 1 "$T/text" | od -An -c | tr -d ' ')" = '\n' ] && ok || bad "$f: the last paragraph not ended by a return"
done
contains "$T/page1.indesign.xml" 'xmlns:aid="http://ns.adobe.com/AdobeInDesign/4.0/"' "aid namespace"
contains "$T/page1.indesign.xml" '^<title id="L5" line="5" aid:pstyle="Title">' "pstyle"
contains "$T/page1.indesign.xml" '<num aid:cstyle="Number">' "cstyle"

# NITF mapping of each kind
y="$T/page1.nitf"
contains "$y" '^<nitf-collection>$' "NITF wrapper"
[ "$(grep -c '^<nitf version="-//IPTC//DTD NITF 3.6//EN">$' "$y")" = 5 ] && ok || bad "one nitf per article (5)"
contains "$y" '^<title>清单管理解难题 数字赋能增活力</title>$' "head/title"
contains "$y" '^<hl1>清单管理解难题 数字赋能增活力</hl1>$' "hedline/hl1"
contains "$y" '^<hl2 class="kicker">奋进新时代</hl2>$' "kicker as hl2"
contains "$y" '^<hl2>——南湖区打造一流营商环境的实践与探索</hl2>$' "subtitle as hl2"
contains "$y" '^<byline>本报记者 林晓燕 通讯员 周建国</byline>$' "byline"
contains "$y" '^<dateline>本报讯</dateline>$' "dateline in body.head"
contains "$y" '^<body.content>$' "body.content"
contains "$y" '^<hl2>“三个清单”助企纾困</hl2>$' "subhead as hl2"
contains "$y" '^<media media-type="image">$' "media"
contains "$y" '^<media-caption>近日' "media-caption"
contains "$y" '^<media-producer>何嘉禾 摄</media-producer>$' "media-producer"
contains "$y" '^<tagline>陆一鸣</tagline>$' "author as body.end/tagline"
contains "$y" '^<meta name="section" content="部门动态"/>$' "section as head/meta"

# style map
printf '# desk styles\ntitle = 主标题\np = 正文\nnum = 数字\n' >"$T/styles"
"$QG" clean -q --indesign --styles "$T/styles" -o "$T/styled.xml" "$SRC/samples/page1.txt" || bad "--styles"
contains "$T/styled.xml" 'aid:pstyle="主标题"' "style map: title"
contains "$T/styled.xml" '<num aid:cstyle="数字">' "style map: num"
contains "$T/styled.xml" 'aid:pstyle="Byline"' "style map: defaults kept"
printf 'title = A\nheadline = B\n' >"$T/bad-styles"
"$QG" clean -q --indesign --styles "$T/bad-styles" "$SRC/samples/page1.txt" >/dev/null 2>"$T/err"
[ $? = 2 ] && ok || bad "a wrong style map is a usage error"
contains "$T/err" "bad-styles:2:1: unknown name 'headline'" "style map error names the line"
"$QG" clean -q -f json --indesign "$SRC/samples/page1.txt" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "--indesign with json is a usage error"

# preview
if command -v xsltproc >/dev/null; then
  if xsltproc "$SRC/schema/preview.xsl" "$x" >"$T/preview.html" 2>"$T/err"; then ok
  else bad "xsltproc preview: $(cat "$T/err")"; fi
  contains "$T/preview.html" '<h1 class="title">清单管理解难题 数字赋能增活力</h1>' "preview title"
  contains "$T/preview.html" 'text-indent: *2em' "preview first-line indent"
  contains "$T/preview.html" '<figcaption>' "preview figure"
else
  if [ -n "$CI" ]; then bad "xsltproc not installed (.ci/install-deps installs it)"; else echo "xsltproc not installed: preview not checked" >&2; fi
fi

# file names that are not UTF-8 (a GBK name from a zip made on Windows) or hold a control
# character: the outputs stay well-formed, the bytes written %XX
mkdir -p "$T/names"
printf '今天,天气很好.\n\n他说:"好."\n' >"$T/names/$(printf 'a\xb5\xe7b').txt"
printf '今天,天气.\n' >"$T/names/$(printf 'c\x01d').txt"
printf '今天,天气.\n' >"$T/names/pct%B5%E7b.txt"   # looks like the GBK name once written
printf '今天,天气.\n' >"$T/names/$(printf 'e\xef\xbf\xbef').txt"   # U+FFFE: UTF-8, no XML character (probe 10 F21)
"$QG" clean -q "$T/names" -o "$T/names.xml" && ok || bad "names: clean to XML failed"
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/names.xml" >/dev/null 2>&1 && ok || bad "names: XML not valid"
contains "$T/names.xml" 'source="[^"]*/a%B5%E7b\.txt"' "names: GBK bytes as %XX"
contains "$T/names.xml" 'source="[^"]*/c%01d\.txt"' "names: a control character as %XX"
contains "$T/names.xml" 'source="[^"]*/pct%25B5%25E7b\.txt"' "names: % itself as %25"
contains "$T/names.xml" 'source="[^"]*/e%EF%BF%BEf\.txt"' "names: U+FFFE as %XX"
"$QG" clean -q -f nitf "$T/names" -o "$T/names.nitf" && ok || bad "names: clean to NITF failed"
"$CHECK" "$T/names.nitf" >/dev/null 2>&1 && ok || bad "names: NITF not well-formed"
for f in json; do
  "$QG" clean -q -f $f "$T/names" -o "$T/names.$f" && ok || bad "names: clean -f $f failed"
  python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' "$T/names.$f" 2>/dev/null && ok || bad "names: clean -f $f not JSON"
done
"$QG" lint -f json "$T/names" >"$T/names.lint" 2>/dev/null
python3 -c 'import json,sys; o=[json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]; assert o and any(x["file"].endswith("a%B5%E7b.txt") for x in o)' "$T/names.lint" 2>/dev/null && ok || bad "names: lint -f json not JSON"
"$QG" lint -f codeclimate "$T/names" >"$T/names.cc" 2>/dev/null
python3 -c 'import json,sys; assert json.load(open(sys.argv[1], encoding="utf-8"))' "$T/names.cc" 2>/dev/null && ok || bad "names: codeclimate not JSON"

# num: not inside a URL, e-mail address or path; a minus sign before a number is part of it
# (not the hyphen of an identifier or a range), and so is a plus sign; dates with slashes and
# fractions are one number
printf '访问 http://www.example.com/news/2024/05/123.html 查看,或访问https://example.com/a?b=1,c=2 了解。邮箱li2024@example.com。见www.abc123.cn。\n\n价格为-5.5元。温度-3℃。型号WZ-10和10-20元。2024/05/01。时速350km/h,风速10m/s。他获得1/4决赛资格,涨幅+0.85%%,C++11标准,3+4。\n' >"$T/nums.txt"
"$QG" clean -q "$T/nums.txt" >"$T/nums.xml" 2>/dev/null
lacks "$T/nums.xml" '<p id="L1"[^>]*>.*<num>' "no num inside links"
contains "$T/nums.xml" '价格为<num>-5.5元</num>。温度<num>-3℃</num>' "negative numbers marked with their sign"
contains "$T/nums.xml" '型号WZ-10和<num>10-20元</num>' "identifier and range: no sign"
contains "$T/nums.xml" '<num>2024/05/01</num>' "a date with slashes: one number (probe 9a F21)"
contains "$T/nums.xml" '获得<num>1/4</num>决赛' "a fraction: one number"
contains "$T/nums.xml" '涨幅<num>\+0\.85%</num>' "a plus sign is part of the number"
contains "$T/nums.xml" 'C\+\+<num>11</num>标准' "a plus after a plus is no sign"
contains "$T/nums.xml" '<num>3</num>\+<num>4</num>' "a plus between numbers is no sign"
contains "$T/nums.xml" '时速<num>350km/h</num>，风速<num>10m/s</num>' "a speed: its unit with the slash in the run (probe 10c F9; was <num>350km</num>/h)"
# num (probe 10c F9): 万/亿 + the longest unit after it (人次 over 万人), a currency sign before
# the figure, a range with ～ ~ 〜, a score with ∶ and a tolerance with ± are one run; a $ after
# a letter is none, and the run of an identifier stays as it was
printf '本报讯 客流约1.2万人次，投资3.2亿元，订单46万件，人数1.2万人，售价￥50，票价$30，a$5，增幅为5%%～8%%，气温10～15℃，-3~5℃，比分为3∶1，室温18℃±2℃，版本v1.2～2.0。
' >"$T/nums2.txt"
"$QG" clean -q "$T/nums2.txt" >"$T/nums2.xml" 2>/dev/null || bad "nums2: clean failed"
contains "$T/nums2.xml" '客流约<num>1\.2万人次</num>，投资<num>3\.2亿元</num>，订单<num>46万件</num>，人数<num>1\.2万人</num>，' "万 + a unit after it: 万人次 one run, 亿元 万件 万人 as before"
contains "$T/nums2.xml" '售价<num>￥50</num>，票价\$<num>30</num>，a\$<num>5</num>，' "a currency sign before the figure is in the run; the ASCII \$ is not (a variable in technical copy)"
contains "$T/nums2.xml" '增幅为<num>5%～8%</num>，气温<num>10～15℃</num>，<num>-3～5℃</num>，' "a range with ～ (~, which punct makes ～) is one run"
contains "$T/nums2.xml" '比分为<num>3∶1</num>，室温<num>18℃±2℃</num>，版本v1\.2～<num>2\.0</num>' "a score with ∶ and a tolerance with ± are one run; an identifier's figures are not"
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/nums.xml" >/dev/null && ok || bad "nums: valid"
# compound measures, exponents, fractions and a tolerance's ± are one run (probe 20 L6: layout
# broke 1′58″32 and 9秒97 apart); a date's month and day, a count after a minute, an identifier
# and a sum stay as they were
printf '成绩1′58″32，9秒97，1分44秒65，8时30分，3小时20分钟，浓度10⁻³，3¾子，误差±0.2%%，30°15′，50m²。3月31日，第1分钟2次，C++11，3+4，x²+1。\n' >"$T/nums7.txt"
"$QG" clean -q "$T/nums7.txt" >"$T/nums7.xml" 2>/dev/null || bad "nums7: clean failed"
contains "$T/nums7.xml" '成绩<num>1′58″32</num>，<num>9秒97</num>，<num>1分44秒65</num>，<num>8时30分</num>，<num>3小时20分钟</num>，' "a time in parts is one run"
contains "$T/nums7.xml" '浓度<num>10⁻³</num>，<num>3¾</num>子，误差<num>±0\.2%</num>，<num>30°15′</num>，<num>50m²</num>。' "an exponent, a fraction, ±, an angle, a unit's square: one run"
contains "$T/nums7.xml" '<num>3月</num><num>31日</num>，第<num>1分钟</num><num>2次</num>，C\+\+<num>11</num>，<num>3</num>\+<num>4</num>，x²<num>\+1</num>。' "a date, a count after a minute, an identifier, a sum: as before"
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/nums7.xml" >/dev/null && ok || bad "nums7: valid"
# a model designation's hyphen after a family's name (歼 东风 天宫 …) is no minus sign, and a
# capital letter before 型 or after such a hyphen no unit (probe 23 M7: 歼<num>-20</num>,
# <num>99A</num>型); a figure after other Han text and a hyphen keeps its sign
printf '歼-20与歼-35A编队飞行，99A型坦克亮相，东风-41，天宫-1。零下-3℃，由上年-2.1%%回升，北京-5℃，电流10A，5A级景区，表示为-1，返回-1。\n' >"$T/nums8.txt"
"$QG" clean -q --no-source-lines "$T/nums8.txt" >"$T/nums8.xml" 2>/dev/null || bad "nums8: clean failed"
contains "$T/nums8.xml" '<p id="L1">歼-20与歼-35A编队飞行，99A型坦克亮相，东风-41，天宫-1。' "a designation after Han and a hyphen is no signed number (probe 23 M7)"
contains "$T/nums8.xml" '零下<num>-3℃</num>，由上年<num>-2\.1%</num>回升，北京<num>-5℃</num>，电流<num>10A</num>，5A级景区，表示为<num>-1</num>，返回<num>-1</num>。' "a signed figure after Han that names no model family keeps its sign; 10A is a current"
# the CJK square units, the units of chemistry and a rate after a money unit are in the run
# (probe 23 M8: <num>128.5</num>㎡, 0.1mol/L unmarked, <num>2.96万元</num>/㎡); two prices with a
# slash and a slash after a unit that is no money stay apart
printf '面积128.5㎡，重5㎏，全程3㎞，浓度0.1mol/L，血糖6.1mmol/L，摩尔质量58.5g/mol，单价2.96万元/㎡，月租3500元/月，每股1.2元/股，票价10元/20元两档，每袋5kg/袋。\n' >"$T/nums9.txt"
"$QG" clean -q --no-source-lines "$T/nums9.txt" >"$T/nums9.xml" 2>/dev/null || bad "nums9: clean failed"
contains "$T/nums9.xml" '面积<num>128\.5㎡</num>，重<num>5㎏</num>，全程<num>3㎞</num>，浓度<num>0\.1mol/L</num>，血糖<num>6\.1mmol/L</num>，摩尔质量<num>58\.5g/mol</num>，' "square unit characters and mol units are units (probe 23 M8)"
contains "$T/nums9.xml" '单价<num>2\.96万元/㎡</num>，月租<num>3500元/月</num>，每股<num>1\.2元/股</num>，票价<num>10元</num>/<num>20元</num>两档，每袋<num>5kg</num>/袋。' "a rate after a money unit is one run; two prices and kg/袋 are not"
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/nums9.xml" >/dev/null && ok || bad "nums9: valid"
# a day of a date before 元旦 元月 is no yen (review 11 C11: <num>1日元</num>旦)
printf '2025年1月1日元旦假期，截至3月31日元月份数据未公布，票价5000日元。\n' >"$T/nums6.txt"
"$QG" clean -q "$T/nums6.txt" >"$T/nums6.xml" 2>/dev/null || bad "nums6: clean failed"
contains "$T/nums6.xml" '<num>1日</num>元旦假期，截至<num>3月</num><num>31日</num>元月份数据未公布，票价<num>5000日元</num>。' "日元 after a day of a date is 日 + 元…"
# currency words (session 11): 万/亿 + 美元 is one run (was <num>1.2亿</num>美元); a currency word
# after no figure, or a longer word that begins like one (美元区), is left alone
printf '本报讯 营收1.2亿美元，罚款5000欧元，合计300万港元，约2.5万亿日元，美元走强，欧元区。\n' >"$T/nums3.txt"
"$QG" clean -q "$T/nums3.txt" >"$T/nums3.xml" 2>/dev/null || bad "nums3: clean failed"
contains "$T/nums3.xml" '营收<num>1\.2亿美元</num>，罚款<num>5000欧元</num>，合计<num>300万港元</num>，约<num>2\.5万亿日元</num>，美元走强，欧元区。' "a currency word after a figure (and after 万 亿) is in the run"
# num (probe 11a F20): 所 before 示 列 … begins a word (图<num>1所</num>示 before), 3所学校 stays
# a count; 个百分点 is one unit (<num>0.3个</num>百分点 before); Latin units of manuals and rating
# plates (W V L A Hz min mAh: no <num> at all before) and a range with one (约<num>3</num>～5min
# before); A before 级 is a grade and digits after a Latin unit make an identifier (3V3)
printf '结果如图1所示，如表2所列，4所学校。\n增速提高0.3个百分点，额定功率1500W，电压220V，容量5.5L，电流10A，频率50Hz，电池5000mAh。\n约3~5min即可，国家5A级景区，3V3篮球赛。\n' >"$T/nums4.txt"
"$QG" clean -q --no-source-lines "$T/nums4.txt" >"$T/nums4.xml" 2>/dev/null || bad "nums4: clean failed"
contains "$T/nums4.xml" '结果如图<num>1</num>所示，如表<num>2</num>所列，<num>4所</num>学校。' "所示 所列 are words, 4所 a count"
contains "$T/nums4.xml" '增速提高<num>0\.3个百分点</num>，额定功率<num>1500W</num>，电压<num>220V</num>，容量<num>5\.5L</num>，电流<num>10A</num>，频率<num>50Hz</num>，电池<num>5000mAh</num>。' "个百分点 and Latin units in the run"
contains "$T/nums4.xml" '约<num>3～5min</num>即可，国家5A级景区，3V3篮球赛。' "a range with min is one run; 5A级 and 3V3 are not numbers with units"
# a range joins figures of one quantity: the first without a unit, or the second's unit starting
# with the first's; 220V～50Hz (a voltage, then a frequency) is two numbers
printf '额定电压220V～50Hz，输入100～240V，1.2万～1.5万人，增幅5%%～8%%。返回0L，地址003A，容量0.5L。\n' >"$T/nums5.txt"
"$QG" clean -q --no-source-lines "$T/nums5.txt" >"$T/nums5.xml" 2>/dev/null || bad "nums5: clean failed"
contains "$T/nums5.xml" '额定电压<num>220V</num>～<num>50Hz</num>，输入<num>100～240V</num>，<num>1\.2万～1\.5万人</num>，增幅<num>5%～8%</num>。' "a range of one quantity is one run, a voltage and a frequency two"
contains "$T/nums5.xml" '返回0L，地址003A，容量<num>0\.5L</num>。' "a capital letter after a leading zero is a literal (0L, 003A), not a unit"
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/nums4.xml" >/dev/null && ok || bad "nums4: valid"

# a photo group (probe 17 P15): the numbered captions over one credit are captions of one
# figure, in XML and in NITF; a caption with its own credit, and one after a paragraph, keep
# their own figures
printf '金秋西山\n\n组图\n\n图① 10月5日，游客在森林公园登山赏秋。\n图② 农民在田间抢收玉米。\n图③ 孩子们在果园里采摘苹果。\n本报记者 吴建新 摄\n\n图为县城新建的农贸市场。（林小军 摄）\n\n正文说明。\n\n图为果园。\n' >"$T/group.txt"
"$QG" clean -q --no-source-lines "$T/group.txt" >"$T/group.xml" 2>/dev/null || bad "group: clean failed"
contains "$T/group.xml" '^<figure><caption id="L5">图① [^<]*(<num>[^<]*</num>[^<]*)*</caption>$' "a group's first caption opens the figure"
contains "$T/group.xml" '^<caption id="L6">图② 农民在田间抢收玉米。</caption>$' "the second caption is in the same figure"
contains "$T/group.xml" '^<credit id="L8">本报记者 吴建新 摄</credit></figure>$' "the credit closes the group's figure"
contains "$T/group.xml" '^<figure><caption id="L10">图为县城新建的农贸市场。</caption>$' "a caption after a credit opens its own figure"
contains "$T/group.xml" '^<figure><caption id="L14">图为果园。</caption></figure></article></document>$' "a caption after a paragraph opens its own figure"
[ "$(grep -c '<figure>' "$T/group.xml")" = 3 ] && ok || bad "group: three figures expected"
"$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/group.xml" >/dev/null && ok || bad "group: valid"
"$QG" clean -q -f nitf "$T/group.txt" >"$T/group.nitf" 2>/dev/null || bad "group: nitf failed"
[ "$(grep -c '<media media-type="image">' "$T/group.nitf")" = 3 ] && ok || bad "group: three media expected in NITF"
contains "$T/group.nitf" '^<media-caption>图② 农民在田间抢收玉米。</media-caption>$' "NITF: the second caption"

# an exam's items (session 27, probe 26 M4): an item numbered before a figure under an exam
# section's heading has its number as a label; a figure opening a paragraph elsewhere is one number
printf '二、填空题（每小题4分，共24分）\n11.16的平方根是______。\n12.25的算术平方根是______。\n正文说明。\n1.5%%的增长来自出口。\n' >"$T/exam.txt"
"$QG" clean -q --no-source-lines "$T/exam.txt" >"$T/exam.xml" 2>/dev/null || bad "exam: clean failed"
contains "$T/exam.xml" '<num>11</num>\.<num>16</num>的平方根' "an exam's item 11 before 16: a label"
contains "$T/exam.xml" '<num>12</num>\.<num>25</num>的算术平方根' "the next item too"
contains "$T/exam.xml" '<num>1\.5%</num>的增长' "a figure opening a paragraph elsewhere: one number"
# (session 28, review 27b L2: not under an item cut mid-phrase, whose rest the figure opens, nor
# before a percent sign; an item after an item that ends with a mark is still one)
printf '一、选择题（每小题4分，共8分）\n1.一块木板长\n2.4米，锯成相等的两段，每段长多少米？（　　）\nA.1.8米 B.1.6米\n' >"$T/exam2.txt"
"$QG" clean -q --no-source-lines "$T/exam2.txt" >"$T/exam2.xml" 2>/dev/null || bad "exam2: clean failed"
contains "$T/exam2.xml" '<num>2\.4米</num>，锯成' "a figure under an item cut mid-phrase: one number"
printf '二、填空题（每小题4分，共24分）\n7.本题考查因式分解。\n8.5%%的考生答错了此题。\n8.36的平方根是______。\n' >"$T/exam3.txt"
"$QG" clean -q --no-source-lines "$T/exam3.txt" >"$T/exam3.xml" 2>/dev/null || bad "exam3: clean failed"
contains "$T/exam3.xml" '<num>8\.5%</num>的考生' "a figure before a percent sign: one number"
contains "$T/exam3.xml" '<num>8</num>\.<num>36</num>的平方根' "the next item numbered on from the item before the note"
printf '二、填空题（每小题4分，共24分）\n7.本题考查因式分解。\n8.49的平方根是______。\n' >"$T/exam4.txt"
"$QG" clean -q --no-source-lines "$T/exam4.txt" >"$T/exam4.xml" 2>/dev/null || bad "exam4: clean failed"
contains "$T/exam4.xml" '<num>8</num>\.<num>49</num>的平方根' "an item after an item that ends with a mark: a label"
# (review 28a M4: nor under an item that ends with a colon, whose question follows: 1.计算： |
# 2.4×5+1.8÷0.6 is no item 2)
printf '二、计算题（每题4分，共8分）\n1.计算：\n2.4×5+1.8÷0.6\n2.解方程：\n3.5x=14\n' >"$T/exam5.txt"
"$QG" clean -q --no-source-lines "$T/exam5.txt" >"$T/exam5.xml" 2>/dev/null || bad "exam5: clean failed"
contains "$T/exam5.xml" '<num>2\.4</num>×<num>5</num>' "a figure under an item that ends with a colon: one number"
contains "$T/exam5.xml" '>3\.5x=<num>14</num>' "and under the next such item"

# blocks a paper sets apart (session 47, s47-notes): an editor's note, an attachment list and a
# contact block have elements of their own, valid in every variant; an attachment list's lines
# share one attachments, a contact block's one contacts; NITF writes classes and an ol; the style
# map takes the new kinds' names
cat >"$T/apart.txt" <<'PAGE'
编者按：城市更新关系千家万户。本报今起推出“老街新生”系列报道，记录街巷里的变化。

老街新生 烟火如初

本报讯（记者 林晓舟）清晨七点，东湖区梧桐巷的早点铺已经排起了长队。今年春天，巷子完成了管线改造。

编后：老街的改造，不只是修路换管，更是留住一座城市的记忆。
PAGE
cat >"$T/apart2.txt" <<'PAGE'
关于开展城市道路养护质量检查的通知

各区城市管理局：

为进一步提升城市道路养护水平，市局决定于12月开展全市城市道路养护质量检查，现将有关事项通知如下。

附件：1．东湖市城市道路养护质量检查标准
2．东湖市城市道路养护考核办法

东湖市城市管理局
2026年11月25日
PAGE
cat >"$T/apart3.txt" <<'PAGE'
东湖市文化馆冬季公益课堂开始报名

本报讯 东湖市文化馆冬季公益课堂将于12月10日开课，市民可免费报名参加。

联系人：陈老师
联系电话：0571-88886666
电子邮箱：whg@example.com
PAGE
for v in plain indesign mark nolines; do
  variant_args $v
  "$QG" clean -q "${args[@]}" -o "$T/apart.$v.xml" "$T/apart.txt" "$T/apart2.txt" "$T/apart3.txt" || bad "apart: clean ${args[*]} failed"
  "$CHECK" --rng "$SRC/schema/qinggao.rng" "$T/apart.$v.xml" >/dev/null && ok || bad "apart ($v): not valid"
done
y="$T/apart.nolines.xml"
contains "$y" '^<qinggao [^>]*><document [^>]*><article n="1"><editor-note id="L1">编者按：城市更新' "an editor's note at the head"
contains "$y" '^<editor-note id="L7">编后：老街的改造' "编后 after the body"
contains "$y" '^<attachments><attachment id="L7">附件：<num>1</num>．东湖市城市道路养护质量检查标准</attachment>$' "the attachment list opens with its lead"
contains "$y" '^<attachment id="L8"><num>2</num>．东湖市城市道路养护考核办法</attachment></attachments>$' "its item closes it"
contains "$y" '^<contacts><contact id="L5">联系人：陈老师</contact>$' "the contact block opens"
contains "$y" '^<contact id="L7">电子邮箱：whg@example.com</contact></contacts></article></document>$' "…and ends the article"
[ "$(grep -c '<contacts>' "$y")" = 1 ] && ok || bad "apart: one contacts expected"
contains "$T/apart.indesign.xml" 'aid:pstyle="EditorNote"' "style EditorNote"
contains "$T/apart.indesign.xml" '<attachment id="L7" line="7" aid:pstyle="Attachment">' "style Attachment"
contains "$T/apart.indesign.xml" 'aid:pstyle="Contact"' "style Contact"
printf 'editor-note = 编者按\nattachment = 附件\ncontact = 联系方式\n' >"$T/apart-styles"
"$QG" clean -q --indesign --styles "$T/apart-styles" -o "$T/apart-styled.xml" "$T/apart.txt" "$T/apart2.txt" "$T/apart3.txt" || bad "apart: --styles"
contains "$T/apart-styled.xml" 'aid:pstyle="编者按"' "styles: editor-note"
contains "$T/apart-styled.xml" 'aid:pstyle="附件"' "styles: attachment"
contains "$T/apart-styled.xml" 'aid:pstyle="联系方式"' "styles: contact"
"$QG" clean -q -f nitf -o "$T/apart.nitf" "$T/apart.txt" "$T/apart2.txt" "$T/apart3.txt" || bad "apart: nitf failed"
"$CHECK" "$T/apart.nitf" >/dev/null 2>&1 && ok || bad "apart: NITF not well-formed"
contains "$T/apart.nitf" '^<p class="editor-note">编后：老街的改造' "NITF: an editor's note"
contains "$T/apart.nitf" '^<ul class="attachments">$' "NITF: the attachment list"
contains "$T/apart.nitf" '^<li>2．东湖市城市道路养护考核办法</li>$' "NITF: an attachment"
contains "$T/apart.nitf" '^<p class="contact">联系电话：0571-88886666</p>$' "NITF: a contact"
"$QG" clean -q -f text "$T/apart.txt" "$T/apart2.txt" "$T/apart3.txt" >"$T/apart.text" || bad "apart: text failed"
contains "$T/apart.text" '^附件：1．东湖市城市道路养护质量检查标准$' "text: the same text"
if command -v xsltproc >/dev/null; then
  xsltproc "$SRC/schema/preview.xsl" "$T/apart.plain.xml" >"$T/apart.html" 2>/dev/null || bad "apart: preview failed"
  contains "$T/apart.html" '<p class="editor-note">' "preview: an editor's note"
  contains "$T/apart.html" '<div class="attachments"><p class="attachment">' "preview: an attachment list"
  contains "$T/apart.html" '<p class="contact">' "preview: a contact"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
