#!/usr/bin/env bash
# json_seps_test.sh QINGGAO SRCDIR: U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are
# written \u2028 and \u2029 by every JSON writer (session 24, audit F22): JSON allows them raw,
# but a reader of JSON Lines that splits lines by Unicode's rules (Python's str.splitlines,
# JavaScript before ES2019) cut an object in two there. Other characters whose UTF-8 opens with
# the same byte (“ ” — … ‘ ’) stay as they are. The texts are written here.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C.UTF-8
cd "$T" || exit 1

# a separator inside a paragraph (removed: char-invisible, its original in the diagnostic), the
# quotes, a dash and an ellipsis (kept raw), and a repeat (its text in dedup's record)
printf '他说\xe2\x80\x9c这是一行\xe2\x80\xa8分隔\xe2\x80\x9d\xe2\x80\x94\xe2\x80\xa6好,好.\n\n第二段\xe2\x80\xa9也有分隔,好.\n\n第二段\xe2\x80\xa9也有分隔,好.\n' >a.txt
printf '{"id":1,"text":"甲\\u2028乙,丙\\u2029丁“引”"}\n' >a.jsonl

# check FILE WANT-ESCAPES [whole]: no raw U+2028/U+2029 in FILE, every line (split at LF only)
# is JSON (with whole: the file is one JSON document), the file holds as many lines by
# str.splitlines (no line cut), at least WANT escapes written \u2028 or \u2029, and no quote,
# dash or ellipsis escaped
check() {
  python3 - "$1" "$2" "${3:-}" <<'PY'
import json, sys
raw = open(sys.argv[1], 'rb').read()
assert b'\xe2\x80\xa8' not in raw and b'\xe2\x80\xa9' not in raw, 'a raw separator'
text = raw.decode('utf-8')
lines = [l for l in text.split('\n') if l]
if sys.argv[3]: json.loads(text)
else:
    for l in lines: json.loads(l)
assert len([l for l in text.splitlines() if l]) == len(lines), 'splitlines cuts a line'
n = text.count('\\u2028') + text.count('\\u2029')
assert n >= int(sys.argv[2]), (n, sys.argv[2])
assert '\\u201c' not in text and '\\u2014' not in text and '\\u2026' not in text, 'a mark escaped'
PY
}
"$QG" lint -f json a.txt >lint.json 2>/dev/null
check lint.json 1 && ok || bad "lint -f json: separators escaped, other marks raw"
for f in sarif codeclimate; do
  "$QG" lint -f "$f" a.txt >"lint.$f" 2>/dev/null
  check "lint.$f" 0 whole && ok || bad "lint -f $f: separators escaped, other marks raw"
done
"$QG" clean -q -f json a.txt -o clean.json && check clean.json 1 && ok || bad "clean -f json"
"$QG" clean -q -f text --report rep.json a.txt -o /dev/null && check rep.json 1 && ok ||
  bad "clean --report FILE.json"
"$QG" clean -q --jsonl a.jsonl -o out.jsonl && check out.jsonl 0 && ok ||
  bad "clean --jsonl"
"$QG" dedup -q a.txt >dups.json && check dups.json 0 && ok || bad "dedup"
grep -q '“这是一行' clean.json && ok || bad "clean -f json: the quote kept raw"
# the quotes of the JSON Lines record's text come out raw
grep -q '“引”' out.jsonl && ok || bad "clean --jsonl: the quotes kept raw"
# --jsonl copies the record's other fields as they came: a raw separator in them is escaped
# too, the same JSON value (session 25, review 24 L4: only the text and the counts were), and
# a quote, a dash or an escape the line had stays as it was
printf '{"id":1,"note":"甲\xe2\x80\xa8乙\xe2\x80\xa9丙“注”\\u2028","tags":["\xe2\x80\xa8"],"text":"今天天气很好."}\n' >b.jsonl
"$QG" clean -q --jsonl b.jsonl -o outb.jsonl && check outb.jsonl 3 && ok ||
  bad "clean --jsonl: separators in the other fields escaped"
python3 - b.jsonl outb.jsonl <<'PY' && ok || bad "clean --jsonl: the other fields the same values"
import json, sys
a, b = (json.loads(open(f, encoding='utf-8').read()) for f in sys.argv[1:])
assert a['note'] == b['note'] and a['tags'] == b['tags'] and a['id'] == b['id'], (a, b)
assert b['text'] == '今天天气很好。', b['text']
PY
grep -q '丙“注”\\u2028"' outb.jsonl && ok || bad "clean --jsonl: the other field's marks and escape as they were"
finish json_seps
