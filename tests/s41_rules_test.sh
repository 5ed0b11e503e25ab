#!/usr/bin/env bash
# s41_rules_test.sh QINGGAO: what session 41's rules (docs/punctuation.md, docs/numbers.md and
# docs/xml.md, "Session 41 (s41-rules)") do that the spec files cannot show: the XML's <num>
# marks (a count after a full stop, none in a Unix path with Han folders), the severity of a
# bare product's num-times-sign (info) and num-mixed-form without a suggestion on a decimal.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

xml() { printf '%s\n' "$1" | "$QG" clean -q --paragraphs line - >"$T/out" 2>"$T/err"; }
lint() { printf '%s\n' "$1" | "$QG" lint -f json - >"$T/out" 2>"$T/err"; }

# D7: the count after the full stop is a number of its own
xml '食堂已经坐满了人.82岁的赵大爷端着一份套餐走来.'
contains "$T/out" '坐满了人。<num>82岁</num>的' '人.82岁: 。 and <num>82岁</num>'
xml '活动正式开始.120名志愿者分组出发.'
contains "$T/out" '开始。<num>120名</num>志愿者' '.120名: <num>'

# F8: no <num> in a Unix path with Han folders; a date, a fraction, 每/天 and a URL as before
xml '文件在/home/报表/12月/b.xls里，共3个。'
contains "$T/out" '/home/报表/12月/b.xls里，共<num>3个</num>' '/home/报表/12月: no <num>, 3个 one'
xml '路径为 /work/报表/12月汇总.xls 共3个。'
contains "$T/out" '/work/报表/12月汇总.xls 共<num>3个</num>' 'a path opening the run'
xml '打开~/报表/12月/a.doc即可。'
contains "$T/out" '打开~/报表/12月/a.doc即可' '~/ after Han'
xml '见/home/报表/12月共3个。'
contains "$T/out" '/home/报表/12月共<num>3个</num>' 'the last part without an extension'
xml '日期2024/12/5发布，占3/4的比例，每/天3次，截至/2024/12/5共3个。'
contains "$T/out" '日期<num>2024/12/5</num>发布，占<num>3/4</num>的比例，每/天<num>3次</num>，截至/<num>2024/12/5</num>共<num>3个</num>' 'dates, fractions, 每/天 keep <num>'
xml '见https://example.com/报表/12月/a.html页面。'
contains "$T/out" 'example.com/报表/<num>12月</num>/a.html' "a URL's own handling (unchanged)"
xml 'D:\报表\12月\b.xls共3个'
contains "$T/out" 'D:\\报表\\12月\\b.xls共<num>3个</num>' 'the Windows path as before'

# L4: a bare product is info, one of measures a warning
lint '分辨率1920x1080的屏幕。'
contains "$T/out" '"rule":"num-times-sign","severity":"info".*"suggestion":"1920×1080"' 'bare 1920x1080: info, ×'
lint '尺寸为2米x1.5米。'
contains "$T/out" '"rule":"num-times-sign","severity":"warning".*"suggestion":"2米×1.5米"' '2米x1.5米: warning'

# M2: 三十5.5米 reported without a suggestion
lint '这棵树有三十5.5米高。'
contains "$T/out" '"rule":"num-mixed-form"' '三十5.5米 reported'
lacks "$T/out" '"rule":"num-mixed-form".*"suggestion"' '三十5.5米: no suggestion'
lint '他今年三十5岁。'
contains "$T/out" '"rule":"num-mixed-form".*"suggestion":"三十五"' '三十5岁 still suggests 三十五'

finish s41_rules
