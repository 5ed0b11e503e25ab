#!/bin/sh
# bench/setup.sh [neardup|lint|segment|corpus]: installs what the benches need (not needed to
# build or test); no argument: everything.
#   corpus   manpages-zh and debian-reference-zh-cn: the modern Chinese prose bench/corpus.py
#            trains its generator on, read where they are installed, never copied.
#   segment  python3-jieba, the segmenter bench/seg_bench.sh compares `qinggao segment` with,
#            and valgrind (its instruction counts).
#   neardup  Debian packages of bench/neardup/: manpages-zh (Chinese man pages, the prose the
#            near-duplicate bench reads where they are installed, never copied),
#            python3-xxhash, python3-numpy, python3-scipy (its Python reference and study).
#            Run as root; nothing to do when they are installed.
#   lint     autocorrect-node from the npm registry into a local prefix (bench/lint_bench.sh).
#            PREFIX defaults to /tmp/qg-bench-npm.
set -e
what=${1:-all}
# apt_need PACKAGE...: installs those not installed yet (no recommends), nothing otherwise
apt_need() {
  missing=
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}
case $what in all|neardup) apt_need manpages-zh python3-xxhash python3-numpy python3-scipy ;; esac
case $what in all|corpus) apt_need manpages-zh debian-reference-zh-cn ;; esac
case $what in all|segment) apt_need python3-jieba valgrind ;; esac
[ "$what" = neardup ] || [ "$what" = segment ] || [ "$what" = corpus ] && exit 0
PREFIX=${PREFIX:-/tmp/qg-bench-npm}
command -v npm >/dev/null || { echo "bench/setup.sh: npm is needed (Debian: apt-get install npm)" >&2; exit 1; }
npm install --silent --no-audit --no-fund --prefix "$PREFIX" autocorrect-node
"$PREFIX/node_modules/.bin/autocorrect" --version
