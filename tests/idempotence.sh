#!/bin/bash
# idempotence.sh QINGGAO SRC: `clean` twice gives the same text as once, on every fixture page
# (samples/, tests/pages/, tests/copy/, and the seed page when present), and the second run
# reports no change.
QG=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
pages=("$SRC"/samples/*.txt "$SRC"/tests/pages/*.txt "$SRC"/tests/copy/*.txt)
seed="$SRC/../shared/fixtures/seed-page.txt"
[ -f "$seed" ] && pages+=("$seed")
for p in "${pages[@]}"; do
  "$QG" clean -q -f text "$p" >"$T/once.txt" && "$QG" clean -q -f text "$T/once.txt" >"$T/twice.txt"
  if cmp -s "$T/once.txt" "$T/twice.txt"; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "FAIL: clean is not idempotent on $p" >&2; diff "$T/once.txt" "$T/twice.txt" | head -6 >&2; fi
  # the second run must also report no change (report-only findings may remain)
  if "$QG" clean -q -f json "$T/once.txt" | grep -q '"changes":0,'; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "FAIL: cleaning the cleaned $p still changes text" >&2; fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
