#!/usr/bin/env bash
# stage_times_test.sh QINGGAO SRCDIR: `--stage-times` (bench/run.sh's table per stage): a line
# per stage of the chain in order, with seconds, shares that add up to the whole and MB/s over
# the input's bytes; the output is the same bytes as without it, at -j 1 and -j 2 (the workers'
# times added up); refused where the stages run unbatched (--report, clean -f json); the
# options that take stages out of the chain take their lines out.
# The texts are this repo's samples/ and tests/pages/.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C
# about 1 MB: the pages and samples 25 times (the repeats go, as in any run)
for k in $(seq 25); do cat "$SRC"/tests/pages/*.txt "$SRC"/samples/*.txt; done >"$T/in.txt"
IN=("$T/in.txt" "$SRC"/samples/page1.txt)

for j in 1 2; do
  expect_exit 0 "clean -j$j -f text" "$QG" clean -j$j -q -f text "${IN[@]}"
  mv "$T/out" "$T/plain$j"
  expect_exit 0 "clean -j$j -f text --stage-times" "$QG" clean -j$j -q -f text --stage-times "${IN[@]}"
  cmp -s "$T/out" "$T/plain$j" && ok || bad "-j$j: --stage-times changed the output"
  [ -s "$T/out" ] && ok || bad "-j$j: empty output"
  # the lines: the stages of the full chain, in order, then "all"
  names=$(sed -n 's/^  \([a-z-]*\) .*/\1/p' "$T/err" | tr '\n' ' ')
  [ "$names" = "decode paragraph chars repair structure punct numbers dedup word-repeat write all " ] \
    && ok || bad "-j$j: the stages listed: '$names'"
  contains "$T/err" "^qinggao: time per stage .* the input's [0-9.]+ MB" "-j$j: the heading"
  # shares add up to 100 (each rounded to 0.1) and the seconds to the line "all"
  awk '/^  [a-z-]+ / && $1 != "all" { s += $2; p += $4 + 0 } $1 == "all" { all = $2 }
       END { exit !(p > 99.4 && p < 100.6 && s > all - 0.02 && s < all + 0.02 && all > 0) }' "$T/err" \
    && ok || bad "-j$j: the shares or the seconds do not add up"
  # MB/s is the input's MB over the seconds (on the line "all")
  awk '/time per stage/ { for (i = 1; i <= NF; i++) if ($i == "MB") mb = $(i - 1) }
       $1 == "all" { r = $5; want = mb / $2; d = r - want; if (d < 0) d = -d
                     exit !(d <= 0.051 + 0.05 * want) }' "$T/err" \
    && ok || bad "-j$j: MB/s is not the input's MB over the time"
done
# stages left out of the chain are not listed
expect_exit 0 "--dedup off --no-repair" "$QG" clean -j1 -q -f xml --dedup off --no-repair --stage-times "${IN[@]}"
names=$(sed -n 's/^  \([a-z-]*\) .*/\1/p' "$T/err" | tr '\n' ' ')
[ "$names" = "decode paragraph chars structure punct numbers word-repeat write all " ] \
  && ok || bad "--dedup off --no-repair: the stages listed: '$names'"
# without it, no such lines
expect_exit 0 "clean without --stage-times" "$QG" clean -j1 -f text "${IN[@]}"
lacks "$T/err" "time per stage" "no --stage-times: no table"
# refused where the stages are not batched
expect_exit 2 "--stage-times with --report" "$QG" clean --stage-times --report "$T/r" "${IN[@]}"
contains "$T/err" "stage-times needs the stages in batches" "--report: why"
expect_exit 2 "--stage-times with clean -f json" "$QG" clean --stage-times -f json "${IN[@]}"
contains "$T/err" "stage-times needs the stages in batches" "-f json: why"
finish stage_times
