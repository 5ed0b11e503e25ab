#!/bin/bash
# bench/runs.sh [--mb N] [QINGGAO]: `qinggao clean -f text` on one line made of a long run of
# one pattern (N MB each, default 1): runs of ASCII dots, ! ~ - " ( and of alternations with
# white space (' ,', "' '", '" "'), nested brackets and quotation marks ((((…)))), ‘‘‘…”””).
# Prints seconds per MB (CPU, user + system) for N and 2N MB and their ratio: a ratio near 2
# is linear, near 4 quadratic (probe 7, D5). Not run in CI.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
mb=1
[ "${1:-}" = --mb ] && { mb=$2; shift 2; }
QG=${1:-$top/build/qinggao}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pats=("'.'" "'!'" "'~'" "'-'" "'\"'" "'('" "'好'+' ,'" "'好'+\"' '\"" "'好'+'\" \"'" "'好'+'? '"
      "'好'+'( '@'，'+' )'" "'('@')'" "'‘'@'”'" "'“'@' ”a'" "'好'+'.. '" "'好'+'“ ”'"
      "'好'+'“ '" "'好'+'‘ ’ '" "'a'+'” '")
echo "| pattern | s (N MB) | s (2N MB) | ratio |"
echo "|---|---|---|---|"
for p in "${pats[@]}"; do
  row="| $p"
  prev=
  for m in "$mb" "$(echo "$mb * 2" | bc -l)"; do
    python3 - "$work/in.txt" "$m" "$p" <<'PY'
import sys
path, mb, p = sys.argv[1], float(sys.argv[2]), sys.argv[3]
n = int(mb * 1048576)
if '@' in p:  # A@B: A repeated, then B as often (nesting)
    a, b = p.split('@')
    a, b = eval(a), eval(b)
    pre = ''
    if '+' in a and a.startswith('好'): pre, a = '好', a[1:]
    k = n // len((a + b).encode())
    s = pre + a * k + b * k
else:
    u = eval(p)
    pre = ''
    if u.startswith('好') and len(u) > 1: pre, u = '好', u[1:]
    s = pre + u * (n // len(u.encode()))
open(path, 'w', encoding='utf-8').write(s + '\n')
PY
    /usr/bin/time -o "$work/t" -f "%U %S" "$QG" clean -q -f text -o "$work/out.txt" "$work/in.txt" || true
    read -r u s < <(tail -1 "$work/t")
    t=$(echo "$u + $s" | bc -l | xargs printf '%.2f')
    row+=" | $t"
    [ -z "$prev" ] && prev=$t
  done
  ratio=$(echo "if ($prev > 0) $t / $prev else 0" | bc -l | xargs printf '%.1f')
  echo "$row | $ratio |"
done
