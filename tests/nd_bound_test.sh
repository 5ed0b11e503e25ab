#!/usr/bin/env bash
# nd_bound_test.sh QINGGAO: near lookups are bounded (docs/dedup.md "The bound of a lookup",
# probe 11b G1). 3,000 paragraphs of 40 characters from a set of 12 put every paragraph on lists
# that hold a fixed share of the index: past some hundreds of paragraphs each lookup is exact
# over the latest paragraphs only, and the first such lookup of each document is a dedup-limit
# warning. An edited copy of a paragraph 10 back is found; one of the first paragraph is not.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

gen() { # BACK OUT: 3,000 paragraphs, then a copy of paragraph 3001 - BACK, two characters changed
  awk -v n=3000 -v back="$1" 'BEGIN {
    srand(5); m = split("的 一 是 在 不 了 有 和 人 这 中 大", a, " ")
    for (i = 1; i <= n; i++) {
      s = ""; for (k = 1; k <= 40; k++) { c[i, k] = a[int(rand() * m) + 1]; s = s c[i, k] }
      printf "%s。\n\n", s
    }
    j = n + 1 - back; s = ""
    for (k = 1; k <= 40; k++) s = s (k == 21 || k == 31 ? "龘" : c[j, k])
    printf "%s。\n", s
  }' >"$2"
}
gen 10 "$T/near.txt"
gen 3000 "$T/far.txt"
copy_line=6001

expect_exit 0 "recent copy" "$QG" dedup -j1 -f text "$T/near.txt"
contains "$T/out" "near.txt:$copy_line: repeats [^ ]*near.txt:5981 \(near" "a copy of the paragraph 10 back is found"
expect_exit 0 "far copy" "$QG" dedup -j1 -f text "$T/far.txt"
lacks "$T/out" "far.txt:$copy_line: repeats" "a copy of the first paragraph is beyond the bound"

# lint (exit 1: the near repeat is an error) says it, once in each document (scope doc)
expect_exit 1 "two documents" "$QG" lint -j1 "$T/near.txt" "$T/far.txt"
contains "$T/out" "near.txt:[0-9]+:1: warning: near-repeat lookups are bounded in this document \(its paragraphs share most of their bigrams with many others\): this one was compared with the latest [0-9]+ paragraphs only, and a near repeat further back is not found \(exact repeats are\) \[dedup-limit\]" "the bounded lookup is said"
[ "$(grep -c 'near.txt:.*near-repeat lookups are bounded' "$T/out")" = 1 ] && ok || bad "said once in the first document"
[ "$(grep -c 'far.txt:.*near-repeat lookups are bounded' "$T/out")" = 1 ] && ok || bad "said once in the second document"
# pages of copy: no lookup is bounded
top=$(cd "$(dirname "$0")/.." && pwd)
"$QG" lint -j1 "$top"/tests/pages/*.txt "$top"/samples/*.txt >"$T/out" 2>"$T/err"
lacks "$T/out" "near-repeat lookups are bounded" "pages of copy: no bounded lookup"
finish nd_bound
