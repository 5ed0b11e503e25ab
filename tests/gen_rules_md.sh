#!/bin/sh
# Regenerates docs/rules.md from the rule table: tests/gen_rules_md.sh build/qinggao
set -e
top=$(dirname "$0")/..
{ cat "$top/docs/rules-head.md"; "$1" rules --format markdown; } > "$top/docs/rules.md"
