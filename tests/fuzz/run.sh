#!/bin/sh
# A fuzzing campaign (not part of CI, which replays the corpus): builds the harness with
# libFuzzer + ASan + UBSan and runs it for SECONDS (default 300). New inputs go to
# build-fuzz/corpus (the committed corpus is only read); to keep some, minimize them into the
# committed corpus with: build-fuzz/fuzz_pipeline -merge=1 tests/fuzz/corpus build-fuzz/corpus
# usage: tests/fuzz/run.sh [SECONDS]
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
b="$top/build-fuzz"
cmake -S "$top" -B "$b" -DCMAKE_C_COMPILER=clang -DQG_SANITIZE=ON -DQG_TESTS=OFF \
  -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build "$b" --target qinggao_static -j2 >/dev/null
clang -g -O1 -fsanitize=fuzzer,address,undefined -I"$top/pipeline" -I"$b" \
  "$top/tests/fuzz/fuzz_pipeline.c" "$b/libqinggao.a" \
  $(pkg-config --libs icu-uc icu-i18n libxml-2.0 libxxhash sqlite3 libpcre2-8) -lpthread -o "$b/fuzz_pipeline"
mkdir -p "$top/tests/fuzz/found" "$b/corpus"
"$b/fuzz_pipeline" -max_total_time="${1:-300}" -max_len=4096 \
  -artifact_prefix="$top/tests/fuzz/found/" "$b/corpus" "$top/tests/fuzz/corpus"
