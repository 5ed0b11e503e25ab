#!/bin/sh
# gen_rules_md.sh QINGGAO [check]: regenerates docs/rules.md from the rule table; with check,
# compares instead and exits 1 when docs/rules.md is out of date (ctest rules_doc).
set -e
[ -x "$1" ] || { echo "usage: $0 QINGGAO [check]" >&2; exit 2; }
top=$(dirname "$0")/..
T=$(mktemp)
trap 'rm -f "$T"' EXIT
{ cat "$top/docs/rules-head.md"; "$1" rules --format markdown; } > "$T"
if [ "${2:-}" = check ]; then
  cmp -s "$T" "$top/docs/rules.md" || { echo "docs/rules.md is out of date: run $0 $1" >&2; exit 1; }
else
  cp "$T" "$top/docs/rules.md"
fi
