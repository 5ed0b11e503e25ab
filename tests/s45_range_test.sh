#!/usr/bin/env bash
# s45_range_test.sh QINGGAO: what s45-range (docs/punctuation.md "Session 45 (s45-range)") does that
# the spec files cannot show: lint lists every fix that lint --fix applies to a full-width range
# (probe 45 X3: １０％－２０％ listed 4 and applied a 5th, the ～, in a second round), and the rule
# text of `qinggao rules` says what the code writes for 第1-3名 (probe 45 L6: it said —, the code
# writes ～ since session 40).
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

# X3: every fix listed; lint --fix gives what clean gives, in one pass of fixes
printf '增长１０％－２０％。\n' >"$T/a.txt"
"$QG" lint -f json "$T/a.txt" >"$T/json" 2>/dev/null
listed=$(grep -c '"fixable":true' "$T/json")
"$QG" lint --diff "$T/a.txt" >"$T/diff" 2>"$T/err"
contains "$T/err" "${listed} fixes shown" "lint --diff applies only the ${listed} fixes lint lists"
contains "$T/json" '"rule":"punct-range".*"original":"－","replacement":"～"' 'the range is listed: － → ～'
cp "$T/a.txt" "$T/b.txt"
"$QG" lint --fix "$T/b.txt" >/dev/null 2>&1
contains "$T/b.txt" '^增长10%～20%。$' 'lint --fix: 10%～20%'
"$QG" clean -q -f text "$T/a.txt" >"$T/c1"
contains "$T/c1" '^增长10%～20%。$' 'clean: 10%～20% in the first clean'

# L6: the rules' text says what the code does with 第1-3名
"$QG" rules >"$T/rules"
lacks "$T/rules" '第1-3名 \(a span of ordinals\) takes —' 'punct-span-dash no longer says 第1-3名 takes —'
contains "$T/rules" '^punct-range .*第1-3名 → 第1～3名' 'punct-range says 第1-3名 → 第1～3名'
printf '获得第1-3名的选手。\n' | "$QG" clean -q -f text - >"$T/ord"
contains "$T/ord" '第1～3名' 'and the code writes it so'
contains "$T/rules" '^punct-span-dash .*2026－12－06 → 2026-12-06' 'punct-span-dash names the date (X7)'

finish s45_range
