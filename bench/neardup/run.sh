#!/bin/sh
# bench/neardup/run.sh [--reference] [--threshold T] [--threshold-curve] [--check] [BINARY]
# Quality of near-duplicate detection on labelled variants of real Chinese paragraphs
# (manpages-zh): recall per edit kind and rate, false positives; markdown on standard output.
#   --reference        run the Python reference of the criterion (qg_reference.py), not BINARY
#   --threshold-curve  sweep --near-threshold: recall at 8% and false positives per value
#   --check            exit 1 unless issue 6's criteria are met
# BINARY defaults to build/qinggao. Installs what it needs with bench/setup.sh (as root).
# The parameter study that chose the criterion's parameters: bench/neardup/study.py.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if ! /usr/bin/python3 -c 'import xxhash, numpy, scipy' 2>/dev/null || [ ! -d /usr/share/man/zh_CN ]; then
  sh "$top/bench/setup.sh" neardup
fi
export PYTHONDONTWRITEBYTECODE=1
exec /usr/bin/python3 "$here/harness.py" "$@"
