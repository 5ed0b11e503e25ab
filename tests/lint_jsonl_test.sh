#!/usr/bin/env bash
# lint_jsonl_test.sh QINGGAO: lint refuses JSON Lines by their content, as clean does, whatever
# the file's name, standard input too (session 19; until then only under .jsonl/.ndjson names:
# a meta.json or records.txt of JSON objects was checked as prose and --fix made its quotes and
# colons full width). docs/corpora.md, docs/ci.md. Every record and sentence is written for
# this test.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

printf '{"id":"a1","text":"他说:\\"好\\",大家都同意."}\n{"id":"a2","text":"近年来,我市发展很快."}\n' >"$T/records.txt"
cp "$T/records.txt" "$T/meta.json"
printf '{"a":1}\n' >"$T/one.txt"
gzip -c "$T/records.txt" >"$T/records.txt.gz"
( cd "$T" && md5sum records.txt meta.json one.txt records.txt.gz >sums )
two='looks like JSON Lines \(its first two non-blank lines are JSON objects\): not read as prose, which would rewrite its JSON; use --jsonl'
one='looks like JSON Lines \(its only non-blank line is a JSON object\): not read as prose'

# ---- must change: refused (exit 3, said as clean says it), nothing checked ------------------
for f in records.txt meta.json records.txt.gz; do
  expect_exit 3 "lint $f" "$QG" lint "$T/$f"
  contains "$T/err" "^qinggao: $T/$f: $two" "lint $f: said as clean says it"
  lacks "$T/out" "punct-" "lint $f: its JSON checked as prose"
done
# one line: refused too, as clean refuses it (a one-record file is a corpus of one record;
# its quotes are JSON's as much as two records' are)
expect_exit 3 "lint one.txt" "$QG" lint "$T/one.txt"
contains "$T/err" "one.txt: $one" "lint one.txt: said"
expect_exit 3 "clean one.txt (the same decision)" "$QG" clean -f text "$T/one.txt"
contains "$T/err" "one.txt: $one" "clean one.txt: said"
# the same message from clean and lint
"$QG" clean -f text "$T/meta.json" 2>&1 >/dev/null | grep 'looks like' >"$T/c.msg"
"$QG" lint "$T/meta.json" 2>&1 >/dev/null | grep 'looks like' >"$T/l.msg"
[ -s "$T/c.msg" ] && cmp -s "$T/c.msg" "$T/l.msg" && ok || bad "clean and lint say it differently"

# every format: exit 3, the file named as failed, no finding
expect_exit 3 "lint -f json" "$QG" lint -f json "$T/meta.json"
# (json names it as github and codeclimate do, one input-error line and no finding: session 24)
[ "$(grep -c . "$T/out")" = 1 ] && ok || bad "lint -f json: a refused file is one line"
contains "$T/out" '^\{"file":"[^"]*meta.json","line":1,"column":1,"end_line":1,"end_column":1,"rule":"input-error","severity":"error","message":"looks like JSON Lines' "lint -f json: the refused file an input-error line"
expect_exit 3 "lint -f gcc, two files" "$QG" lint -f gcc "$T/meta.json" "$T/one.txt"
contains "$T/err" "^qinggao: failed: $T/meta.json, $T/one.txt$" "lint -f gcc: both failed"
expect_exit 3 "lint -f sarif" "$QG" lint -f sarif "$T/records.txt"
contains "$T/out" '"executionSuccessful":false,"exitCode":3' "sarif: the run failed"
contains "$T/out" 'could not be checked or fixed: [^"]*records.txt' "sarif: the file named"
lacks "$T/out" '"ruleId"' "sarif: a result for a refused file"
expect_exit 3 "lint -f github" "$QG" lint -f github "$T/records.txt"
contains "$T/out" "^::error file=$T/records.txt,title=input-error::$two" "github: an annotation"
expect_exit 3 "lint -f codeclimate" "$QG" lint -f codeclimate "$T/records.txt"
contains "$T/out" '"check_name":"input-error","description":"looks like JSON Lines' "codeclimate: an issue"

# --fix, --diff, --fix --to-utf8 (read whole), -j 2: nothing written, exit 3
for opt in "--fix" "--diff" "--fix --to-utf8" "--fix -j 2"; do
  expect_exit 3 "lint $opt" "$QG" lint $opt "$T/records.txt" "$T/meta.json" "$T/one.txt" "$T/records.txt.gz"
  [ "$(grep -c 'looks like JSON Lines' "$T/err")" = 4 ] && ok || bad "lint $opt: not four refusals"
  lacks "$T/out" "^[-+]" "lint $opt: a diff printed"
done
( cd "$T" && md5sum -c --quiet sums ) >/dev/null 2>&1 && ok || bad "lint --fix rewrote a JSON Lines file"

# standard input, any format
expect_exit 3 "lint on standard input" sh -c '"$1" lint <"$2"' sh "$QG" "$T/records.txt"
contains "$T/err" "^qinggao: <stdin>: $two" "standard input: said"
lacks "$T/out" "punct-" "standard input: checked as prose"
expect_exit 3 "lint -f json on standard input" sh -c '"$1" lint -f json - <"$2"' sh "$QG" "$T/one.txt"
contains "$T/err" "<stdin>: $one" "standard input, json: said"

# a walk: a .txt of JSON Lines fails as clean's walk fails it; .json is skipped by its name, and
# read as prose when --include takes it (as asked)
mkdir -p "$T/d"
cp "$T/records.txt" "$T/meta.json" "$T/d/"
printf '今天天气很好,大家都出门散步了.\n' >"$T/d/notes.txt"
expect_exit 3 "lint DIR" "$QG" lint "$T/d"
contains "$T/err" "d/records.txt: $two" "walk: records.txt refused"
contains "$T/out" "d/notes.txt:1:" "walk: prose beside it checked"
expect_exit 1 "lint --include '*.json' DIR (its JSON's quotes: findings)" "$QG" lint --include '*.json' "$T/d"
contains "$T/out" "d/meta.json:1:.*punct-quote" "--include *.json: read as prose, as asked"

# ---- must not change: prose is linted and fixed --------------------------------------------
printf '{编者按}今天我们刊登一组来信,欢迎读者参与讨论.\n\n第二段正文,继续讨论.\n' >"$T/brace.txt"
expect_exit 0 "prose opening with a brace" "$QG" lint "$T/brace.txt"
contains "$T/out" "brace.txt:1:.*punct-width" "prose opening with a brace: checked"
printf '{"a":1}\n这不是记录,是正文.\n' >"$T/half.txt"
expect_exit 0 "a JSON first line over prose" "$QG" lint "$T/half.txt"
contains "$T/out" "half.txt:2:.*punct-width" "a JSON first line over prose: checked"
expect_exit 0 "lint --fix, a JSON first line over prose" "$QG" lint --fix "$T/half.txt"
contains "$T/half.txt" "^这不是记录，是正文。$" "a JSON first line over prose: fixed"
printf '今天天气很好,大家都出门散步了.\n' | "$QG" lint >"$T/out" 2>"$T/err"
contains "$T/out" "^<stdin>:1:.*punct-width" "prose on standard input: checked"
printf '今天天气很好,大家都出门散步了.\n' >"$T/notes.jsonl"
expect_exit 0 "prose named .jsonl" "$QG" lint --fix "$T/notes.jsonl"
contains "$T/notes.jsonl" "^今天天气很好，大家都出门散步了。$" "prose named .jsonl: fixed"

finish lint_jsonl
