#!/usr/bin/env bash
# s40_suggest_test.sh QINGGAO: the suggestions of session 40's report-only number rules
# (num-mixed-form, num-unit-power, num-times-sign; docs/numbers.md "Session 40"), which the spec
# files cannot show (they list a diagnostic's place and rule only): each sentence's `lint -f
# json` suggestion, or none where the number is ambiguous. Review 40's read-through found
# 三亿5000 told 三亿五千 (3.5亿), 三万2千5 told 三万二千零五 (2千5 is said for 2500 as often) and
# an overflow on a long run of figures after 千.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

# sentence, rule, suggestion ("-": reported without one)
suggests() {
  printf '%s\n' "$1" | "$QG" lint -f json - >"$T/out" 2>"$T/err"
  local line
  line=$(grep "\"rule\":\"$2\"" "$T/out" | head -1)
  if [ -z "$line" ]; then bad "$1: no $2"; return; fi
  if [ "$3" = - ]; then
    case $line in *'"suggestion"'*) bad "$1: $2 suggests where it should not: $line" ;; *) ok ;; esac
  else
    case $line in *"\"suggestion\":\"$3\""*) ok ;; *) bad "$1: $2 should suggest $3: $line" ;; esac
  fi
}
quiet() { # sentence rule: not reported
  printf '%s\n' "$1" | "$QG" lint -f json - >"$T/out" 2>"$T/err"
  if grep -q "\"rule\":\"$2\"" "$T/out"; then bad "$1: $2 reported"; else ok; fi
}

suggests '他今年三十5岁。' num-mixed-form 三十五
suggests '共有一万2千人参加。' num-mixed-form 一万二千
suggests '共有一万2000人参加。' num-mixed-form 一万二千
suggests '共有一万2千5百人参加。' num-mixed-form 一万二千五百
suggests '共有三万50人参加。' num-mixed-form 三万零五十
suggests '约三亿5000人。' num-mixed-form 三亿零五千
suggests '约三亿50人。' num-mixed-form 三亿零五十
suggests '现场来了20几人。' num-mixed-form 二十几
suggests '共有三万2千5人参加。' num-mixed-form -
suggests '共有一万2千99999999999999999999999人参加。' num-mixed-form -
quiet '他今年35岁。' num-mixed-form
quiet '他今年三十五岁。' num-mixed-form
suggests '库容5万m3。' num-unit-power m³
suggests '面积120m2。' num-unit-power m²
quiet '播放m3u8文件。' num-unit-power
suggests '尺寸为2米*1.5米。' num-times-sign 2米×1.5米
quiet '2*3=6' num-times-sign
finish s40_suggest
