#!/bin/sh
# bench/setup.sh [neardup|lint|segment|corpus|opencc]: installs what the benches need (not needed
# to build or test); no argument: everything.
#   corpus   manpages-zh and debian-reference-zh-cn: the modern Chinese prose bench/corpus.py
#            trains its generator on, read where they are installed, never copied.
#   segment  python3-jieba, the segmenter bench/seg_bench.sh compares `qinggao segment` with,
#            and valgrind (its instruction counts).
#   neardup  Debian packages of bench/neardup/: manpages-zh (Chinese man pages, the prose the
#            near-duplicate bench reads where they are installed, never copied),
#            python3-xxhash, python3-numpy, python3-scipy (its Python reference and study).
#            Run as root; nothing to do when they are installed.
#   opencc   the Debian packages opencc (bench/run.sh's opencc-t2s row: traditional to
#            simplified characters) and icu-devtools (uconv: its uconv-nfc and uconv-hw rows,
#            issue 9's reference). Run as root.
#   lint     autocorrect-node and zhlint from the npm registry into a local prefix
#            (bench/lint_bench.sh; bench/run.sh's autocorrect and zhlint rows).
#            PREFIX defaults to /tmp/qg-bench-npm.
# bench/run.sh's other baseline: ICU's word break iterator (bench/icu_wordbreak.c, compiled by
# the bench against libicu-dev, which the build needs).
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
case $what in all|opencc) apt_need opencc icu-devtools ;; esac
[ "$what" = neardup ] || [ "$what" = segment ] || [ "$what" = corpus ] || [ "$what" = opencc ] && exit 0
PREFIX=${PREFIX:-/tmp/qg-bench-npm}
command -v npm >/dev/null || { echo "bench/setup.sh: npm is needed (Debian: apt-get install npm)" >&2; exit 1; }
npm install --silent --no-audit --no-fund --prefix "$PREFIX" autocorrect-node zhlint
"$PREFIX/node_modules/.bin/autocorrect" --version
# (zhlint 0.8.2's --version throws: its package.json says which)
node -p '"zhlint " + require(process.argv[1]).version' "$PREFIX/node_modules/zhlint/package.json"
