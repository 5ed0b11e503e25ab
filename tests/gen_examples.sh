#!/bin/sh
# gen_examples.sh QINGGAO [CHECK]: writes docs/examples/ (every output format of
# samples/page1.txt); with CHECK, compares instead and exits 1 when they are out of date.
set -e
QG=$1
DIR=$(cd "$(dirname "$0")/.." && pwd)
OUT=$DIR/docs/examples
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$DIR"
"$QG" clean -q -f xml samples/page1.txt >"$T/page1.xml"
"$QG" clean -q -f xml --indesign samples/page1.txt >"$T/page1.indesign.xml"
"$QG" clean -q -f nitf samples/page1.txt >"$T/page1.nitf.xml"
"$QG" clean -q -f json samples/page1.txt | python3 -m json.tool --no-ensure-ascii >"$T/page1.json"
"$QG" clean -q -f text samples/page1.txt >"$T/page1.txt"
"$QG" lint samples/page1.txt >"$T/page1.lint.txt" || true
if [ -n "$2" ]; then
  diff -ru "$OUT" "$T" >&2 || { echo "docs/examples is out of date: run tests/gen_examples.sh" >&2; exit 1; }
else
  mkdir -p "$OUT"
  cp "$T"/* "$OUT"/
fi
