# bench/copy.sh: sourced by the benches. bench_copy QINGGAO MB OUT writes MB megabytes of messy
# copy to OUT and prints the generator's name: bench/corpus.py (new paragraphs) when its prose
# is installed (bench/setup.sh corpus) and corpus_gen is built beside QINGGAO, else
# bench/gen.py (the sample pages repeated: nearly every paragraph a repeat). BENCH_GEN=gen
# forces gen.py (the CI smoke test has no prose installed).
bench_copy() {
  local qg=$1 mb=$2 out=$3 top
  top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  if [ "${BENCH_GEN:-}" != gen ] && [ -x "$(dirname "$qg")/corpus_gen" ] && [ -d /usr/share/man/zh_CN ]; then
    python3 "$top/bench/corpus.py" --gen "$(dirname "$qg")/corpus_gen" "$mb" "$out" && echo corpus.py
  else
    python3 "$top/bench/gen.py" "$mb" "$out" && echo gen.py
  fi
}
