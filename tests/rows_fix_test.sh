#!/usr/bin/env bash
# rows_fix_test.sh QINGGAO: lint --fix leaves a page's tables and listings as they are laid out
# (probe 17 P4, P5; docs/structure.md "Session 16"). A GB18030 page with CRLF line ends holds a
# weather table, a price list and a timetable between blank lines, and a TV listing whose times
# have full-width colons: --fix keeps the encoding, the line ends, the rows and their spaces
# (before, the rows were glued into one paragraph and --fix wrote 车次始发站终点站… into the
# file), a second --fix finds nothing, and the fixed copy is laid out as the file. Our own text.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C.UTF-8

cat >"$T/src.txt" <<'EOF'
气象信息

地区 天况 低温 高温
南湖 阵雪 -3℃ 4℃
西山 多云 -7℃ 1℃
牡丹江 暴雪 -24℃ -15℃

气象部门提醒,今明两天出行请注意防滑.

行情速览

品种 现价 涨幅
精品大米 5.60 +1.20%
菜籽油 18.35 -0.85%

长途客车

班次 发车站 到达站 发车时间 到达时间
K301 南站 北山 06:40 09:15
Z12 南站 滨江 21:10 次日05:30

城际公交首班6:30,末班21:00.

今晚荧屏

城市频道
19：00 城市新闻
19：35 天气资讯
EOF
# GB18030 with CRLF line ends
iconv -f UTF-8 -t GB18030 "$T/src.txt" | sed 's/$/\r/' >"$T/p.txt"
cp "$T/p.txt" "$T/orig.txt"
"$QG" clean -q -f text "$T/p.txt" >"$T/before.txt" 2>"$T/err"
expect_exit 0 "lint --fix" "$QG" lint -q --no-config --fix "$T/p.txt"
# the encoding and the line ends are kept
if iconv -f GB18030 -t UTF-8 "$T/p.txt" >"$T/fixed.txt" 2>/dev/null; then ok; else bad "the fixed file is no GB18030"; fi
if [ "$(grep -c $'\r$' "$T/p.txt")" = "$(wc -l <"$T/p.txt")" ]; then ok; else bad "CRLF line ends lost"; fi
tr -d '\r' <"$T/fixed.txt" >"$T/fixed.lf"
# every row is still a line of its own with its spaces
for row in '地区 天况 低温 高温' '南湖 阵雪 -3℃ 4℃' '牡丹江 暴雪 -24℃ -15℃' '品种 现价 涨幅' \
  '精品大米 5.60 +1.20%' '班次 发车站 到达站 发车时间 到达时间' 'K301 南站 北山 06:40 09:15' \
  'Z12 南站 滨江 21:10 次日05:30'; do
  if grep -qxF -- "$row" "$T/fixed.lf"; then ok; else bad "row not kept as a line: $row"; fi
done
# the listing's times made ASCII, one entry a line
contains "$T/fixed.lf" '^19:00 城市新闻$' "the first entry"
contains "$T/fixed.lf" '^19:35 天气资讯$' "the second entry"
# the prose around them was fixed (so the run did fix something)
contains "$T/fixed.lf" '^气象部门提醒，今明两天出行请注意防滑。$' "the prose fixed"
lacks "$T/fixed.lf" '班次发车站|地区天况|南湖阵雪' "cell spaces removed"
# a second --fix finds nothing
"$QG" lint -q --no-config --fix "$T/p.txt" >"$T/out2" 2>&1
if cmp -s "$T/p.txt" <(iconv -f UTF-8 -t GB18030 "$T/fixed.txt"); then ok; else bad "a second --fix changed the file"; fi
# the fixed copy is laid out as the file: the same paragraphs
"$QG" clean -q -f text "$T/p.txt" >"$T/after.txt" 2>>"$T/err"
if cmp -s "$T/before.txt" "$T/after.txt"; then ok; else bad "the fixed copy is laid out otherwise"; diff "$T/before.txt" "$T/after.txt" | head >&2; fi
# and the rows are paragraphs of their own in the clean output
if grep -qxF '南湖 阵雪 -3℃ 4℃' "$T/before.txt" && grep -qxF '19:00 城市新闻' "$T/before.txt"; then ok; else bad "rows glued in clean"; fi
finish rows_fix
