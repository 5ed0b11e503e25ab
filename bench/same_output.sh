#!/bin/bash
# bench/same_output.sh BASE NEW [FILE...]: runs `clean` of two builds on the same inputs in
# every format (text, xml, nitf, json), with and without --report, with --dedup drop and off,
# and fails unless outputs, reports, standard error and exit codes are byte-identical (an
# output neither run wrote counts as the same). Without FILEs:
# samples/*.txt, tests/pages/*.txt and the fixtures in ../shared (when present); set
# SAME_EXTRA to add files (e.g. SAME_EXTRA=/tmp/c10.txt). For speed work: a change to the
# stages must not change a byte.
set -u
base=$1 new=$2
shift 2
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=("$top"/samples/*.txt "$top"/tests/pages/*.txt)
  for f in "$top"/../shared/fixtures/*.txt /work/shared/fixtures/*.txt; do
    [ -f "$f" ] && files+=("$f") && break
  done
fi
# shellcheck disable=SC2206
[ -n "${SAME_EXTRA:-}" ] && files+=($SAME_EXTRA)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 runs=0
run() { # BIN TAG REPORT ARGS...: output, report (REPORT=1) and stderr into $tmp/TAG.*
  local bin=$1 tag=$2 rep=$3
  shift 3
  rm -f "$tmp/$tag".*
  if [ "$rep" = 1 ]; then
    "$bin" clean -q "$@" -o "$tmp/$tag.out" --report "$tmp/$tag.rep" 2>"$tmp/$tag.err"
  else
    "$bin" clean -q "$@" -o "$tmp/$tag.out" 2>"$tmp/$tag.err"
  fi
  echo $? >"$tmp/$tag.rc"
}
same() { # PART: both runs wrote the same bytes, or neither wrote it
  [ ! -e "$tmp/a.$1" ] && [ ! -e "$tmp/b.$1" ] && return 0
  cmp -s "$tmp/a.$1" "$tmp/b.$1"
}
for f in "${files[@]}"; do
  for fmt in text xml nitf json; do
    for dd in drop off; do
      for rep in 1 0; do
        run "$base" a $rep -f "$fmt" --dedup "$dd" "$f"
        run "$new" b $rep -f "$fmt" --dedup "$dd" "$f"
        runs=$((runs + 1)) bad=0
        for part in out rep err rc; do
          if ! same $part; then
            echo "DIFFER: $f -f $fmt --dedup $dd report=$rep ($part)"
            bad=1
          fi
        done
        fail=$((fail + bad))
      done
    done
  done
done
echo "same_output: $((runs - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
