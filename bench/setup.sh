#!/bin/sh
# bench/setup.sh: installs what the benches compare against (not needed to build or test):
# autocorrect-node from the npm registry into a local prefix (bench/lint_bench.sh).
# PREFIX defaults to /tmp/qg-bench-npm.
set -e
PREFIX=${PREFIX:-/tmp/qg-bench-npm}
command -v npm >/dev/null || { echo "bench/setup.sh: npm is needed (Debian: apt-get install npm)" >&2; exit 1; }
npm install --silent --no-audit --no-fund --prefix "$PREFIX" autocorrect-node
"$PREFIX/node_modules/.bin/autocorrect" --version
