#!/bin/sh
# Installs what the benches need beyond .ci/install-deps (Debian; uses sudo when not root):
# python3-jieba, the segmenter bench/seg_bench.sh compares `qinggao segment` with.
set -e
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends python3-jieba >/dev/null
