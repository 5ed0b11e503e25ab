#!/usr/bin/env bash
# lint_test.sh QINGGAO SOURCE_DIR: `qinggao lint` for CI (docs/ci.md): every format, every
# exit status, --max-warnings, the .qinggao.ini lookup and overrides, ignore patterns, config
# errors, --fix (GB18030 with CRLF, idempotence, untouched files, failed writes, held-back
# fixes) and --diff (no structured format), file names with % or bytes that are not UTF-8,
# directories with files that are not text, --include/--exclude, and the git pre-commit hook
# (also with cues = and archive = in its config). Fixtures are written here (our own text).
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'chattr -i "$T/ro" 2>/dev/null; chmod -R u+w "$T"; rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
same() { # file1 file2 description
  if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; fi
}
u8() { printf '%b' "$1"; }
gb() { printf '%b' "$1" | iconv -f UTF-8 -t GB18030; }

# ---- fixtures -----------------------------------------------------------------------------
u8 '今天的天气很好，大家都出门散步了。\n' >"$T/clean.txt"
# three warnings (half-width commas and a full stop in Chinese text), no error
u8 '今天天气很好,大家都出门了,公园里人很多.\n' >"$T/warn3.txt"
# an error: the same paragraph twice
u8 '这一段话重复出现了两次，应当被发现。\n\n这一段话重复出现了两次，应当被发现。\n' >"$T/dup.txt"
# a report-only warning (no fix): 3千人
u8 '会场来了3千人，气氛热烈。\n' >"$T/report.txt"
printf '好的文字\xff坏字节。\n' >"$T/invalid.txt"

# a SARIF log of a run that ended with status 2 or 3: whole, no result, not successful, the
# message (a regular expression) among its notifications
sarif_failed() { # sarif-file status message-regex description
  python3 - "$@" <<'PY' && ok || bad "$4: the SARIF log of a run that failed"
import json, re, sys
f, status, want, _ = sys.argv[1:5]
run = json.load(open(f))["runs"][0]
assert run["results"] == [], run["results"]
inv = run["invocations"]
assert len(inv) == 1 and inv[0]["executionSuccessful"] is False and inv[0]["exitCode"] == int(status), inv
notes = inv[0]["toolExecutionNotifications"]
assert any(re.search(want, n["message"]["text"]) and n["level"] == "error" for n in notes), notes
PY
  python3 "$SRC/tests/sarif_check.py" "$1" >/dev/null && ok || bad "$4: sarif_check on the log of a run that failed"
}

# ---- exit status ----------------------------------------------------------------------------
expect_exit 0 "clean file" "$QG" lint "$T/clean.txt"
[ -s "$T/out" ] && bad "lint printed something for a clean file" || ok
expect_exit 0 "warnings only" "$QG" lint "$T/warn3.txt"
[ "$(wc -l <"$T/out")" = 3 ] && ok || bad "warn3.txt: expected 3 warnings, got $(wc -l <"$T/out")"
expect_exit 1 "an error" "$QG" lint "$T/dup.txt"
contains "$T/out" "dup.txt:3:1: error: paragraph repeats line 1: clean drops it \[dup-paragraph\]" "repeat points at the repeat and names line 1"
# lint removes nothing (and --fix never applies dup-*): the repeat says what clean does with it,
# in the formats printed as found and those read whole; clean's report still says removed
# (probe 14 #12)
"$QG" lint -f json "$T/dup.txt" >"$T/out" 2>/dev/null
contains "$T/out" '"message":"paragraph repeats line 1: clean drops it"' "lint json: the repeat's message"
lacks "$T/out" 'removed' "lint json: no 'removed'"
"$QG" clean -q -f json "$T/dup.txt" >"$T/out"
contains "$T/out" '"message":"paragraph repeats line 1: removed"' "clean: the repeat removed, said"
expect_exit 2 "bad option" "$QG" lint --frobnicate "$T/clean.txt"
expect_exit 2 "bad format" "$QG" lint --format xml "$T/clean.txt"
contains "$T/err" "one of: gcc json sarif github codeclimate" "format list"
expect_exit 2 "bad --max-warnings" "$QG" lint --max-warnings many "$T/clean.txt"
expect_exit 2 "--fix with --diff" "$QG" lint --fix --diff "$T/clean.txt"
expect_exit 2 "--fix on stdin" "$QG" lint --fix - <"$T/clean.txt"
# --config of a named pipe or <(…) is refused at once, not waited on (probe 10 F10: it hung)
mkfifo "$T/fifo.ini"
expect_exit 2 "--config of a named pipe" timeout 20 "$QG" lint --config "$T/fifo.ini" "$T/clean.txt"
contains "$T/err" "fifo.ini: is no regular file \(a pipe or a device\)" "--config of a named pipe: said"
rm -f "$T/fifo.ini"
# no file named and standard input /dev/null (a CI runner's, with an empty file list): no
# input, status 2 (probe 10 F5); named with -, it is read; a pipe is read
expect_exit 2 "no file and stdin /dev/null" "$QG" lint </dev/null
contains "$T/err" "no input given" "no file and stdin /dev/null: said"
expect_exit 0 "lint - with stdin /dev/null" "$QG" lint - </dev/null
printf '今天,我们好.\n' | "$QG" lint -f json >"$T/out" 2>/dev/null
contains "$T/out" '"rule":"punct-width"' "no file and stdin a pipe: the pipe is read"
expect_exit 2 "clean: no file and stdin /dev/null" "$QG" clean -f text </dev/null
# an empty pipe (GitHub Actions starts a step's shell with one, closed: audit 24 F16) is no
# input either, in every format, and SARIF says the run failed; named with -, it is an empty
# text and passes
true | expect_exit 2 "no file and stdin an empty pipe" "$QG" lint
contains "$T/err" "no input given: standard input is empty" "no file and stdin an empty pipe: said"
true | "$QG" lint -f sarif >"$T/empty.sarif" 2>/dev/null
sarif_failed "$T/empty.sarif" 2 "standard input is empty" "no file and stdin an empty pipe"
true | expect_exit 0 "lint - with stdin an empty pipe" "$QG" lint -
printf '好' | expect_exit 0 "no file and stdin a pipe of one character" "$QG" lint
expect_exit 2 "--to-utf8 alone" "$QG" lint --to-utf8 "$T/clean.txt"
expect_exit 3 "missing file" "$QG" lint "$T/no-such.txt" "$T/clean.txt"
contains "$T/err" "no-such.txt: cannot open" "missing file message"
expect_exit 3 "invalid bytes" "$QG" lint "$T/invalid.txt"
contains "$T/out" "invalid.txt:1:5: error: invalid UTF-8 byte 0xFF" "invalid byte position"
# --diff prints the diff alone on standard output; why the file fails, where and what, is said
# on standard error (session 21, review 21: only "failed: FILE" said so)
expect_exit 3 "--diff of invalid bytes" "$QG" lint --diff "$T/invalid.txt"
contains "$T/err" "^qinggao: .*invalid.txt:1:5: error: invalid UTF-8 byte 0xFF \[decode-invalid\]" "--diff of invalid bytes: where and what, on standard error"
[ ! -s "$T/out" ] && ok || bad "--diff of invalid bytes: standard output is not empty: $(head -c 200 "$T/out")"
expect_exit 3 "unreadable beats errors" "$QG" lint "$T/dup.txt" "$T/no-such.txt"
# an input that fails is no successful execution in SARIF (probe 9 F14): the invocation says
# so and names it; a run of readable files is successful, findings or not
expect_exit 3 "sarif, a missing file" "$QG" lint -f sarif "$T/no-such.txt" "$T/dup.txt"
python3 - "$T/out" <<'PY' && ok || bad "sarif invocation of a failed run"
import json, sys
inv = json.load(open(sys.argv[1]))["runs"][0]["invocations"]
assert inv[0]["executionSuccessful"] is False and inv[0]["exitCode"] == 3, inv
text = inv[0]["toolExecutionNotifications"][0]["message"]["text"]
assert "no-such.txt" in text and "dup.txt" not in text, text
PY
# github and codeclimate name an input that failed too (probe 14 #11: stderr alone, and an
# empty codeclimate array): an ::error annotation on the file (title input-error, escaped as
# every annotation), a codeclimate issue GitLab shows (check_name input-error, critical)
mkdir -p "$T/failin"; cp "$T/invalid.txt" "$T/failin/bad,1:%.txt"
(cd "$T/failin" && "$QG" lint -f github "$T/warn3.txt" no-such.txt 'bad,1:%.txt' >"$T/out" 2>"$T/err"); [ $? = 3 ] && ok || bad "github, failed inputs: exit 3"
contains "$T/out" '^::error file=no-such\.txt,title=input-error::cannot open: No such file or directory$' "github: a missing file annotated"
contains "$T/out" '^::error file=bad%2C1%3A%25\.txt,title=input-error::bytes invalid in its encoding: the file fails the check' "github: a file with invalid bytes annotated, its name escaped"
contains "$T/out" '^::error file=bad%2C1%3A%25\.txt,line=1,col=5,.*title=decode-invalid::' "github: its invalid byte still located"
[ "$(grep -c 'input-error' "$T/out")" = 2 ] && ok || bad "github: one input-error a failed input"
contains "$T/err" "no-such.txt: cannot open" "github, failed inputs: still said on stderr"
(cd "$T/failin" && "$QG" lint -f codeclimate "$T/warn3.txt" ./no-such.txt 'bad,1:%.txt' >"$T/out" 2>"$T/err"); [ $? = 3 ] && ok || bad "codeclimate, failed inputs: exit 3"
python3 - "$T/out" <<'PY' && ok || bad "codeclimate: failed inputs are issues"
import json, sys
a = json.load(open(sys.argv[1]))
bad = [i for i in a if i["check_name"] == "input-error"]
assert [i["location"]["path"] for i in bad] == ["no-such.txt", "bad,1:%.txt"], bad
assert all(i["severity"] == "critical" and i["location"]["lines"]["begin"] == 1 and i["type"] == "issue" for i in bad), bad
assert "cannot open" in bad[0]["description"], bad
assert len({i["fingerprint"] for i in a}) == len(a), "fingerprints not unique"
assert sum(i["check_name"] == "punct-width" for i in a) == 2, a
PY
# json names them too (audit 24 F10: nothing on stdout named a file it could not read): a line
# of rule input-error at 1:1, after the file's diagnostics, severity error, no seq
(cd "$T/failin" && "$QG" lint -f json "$T/warn3.txt" ./no-such.txt 'bad,1:%.txt' >"$T/out" 2>"$T/err"); [ $? = 3 ] && ok || bad "json, failed inputs: exit 3"
python3 - "$T/out" <<'PY' && ok || bad "json: failed inputs are input-error lines"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
bad = [d for d in a if d["rule"] == "input-error"]
assert [d["file"] for d in bad] == ["no-such.txt", "bad,1:%25.txt"], bad  # (json: the display name)
assert all(d["severity"] == "error" and (d["line"], d["column"], d["end_line"], d["end_column"]) == (1, 1, 1, 1) and d["fixable"] is False and "seq" not in d for d in bad), bad
assert bad[0]["message"] == "cannot open: No such file or directory", bad
assert bad[1]["message"].startswith("bytes invalid in its encoding"), bad
assert a[-1] == bad[1] and a[-2]["rule"] == "decode-invalid", a[-2:]
assert sum(d["rule"] == "punct-width" for d in a) == 2, a
PY
# a log of both streams (a CI job's, 2>&1) reads in input order, the summary last (audit 24
# F2: standard output, buffered, came after every message on standard error)
(cd "$T/failin" && "$QG" lint -j 2 --no-config --max-warnings 0 "$T/warn3.txt" no-such.txt "$T/warn3.txt" >"$T/merged" 2>&1)
grep -n . "$T/merged" | sed -E 's/^([0-9]+):(qinggao: )?([^:]*).*/\1 \3/; s|'"$T"'/||' | awk '{print $2}' | uniq | tr '\n' ' ' >"$T/order"
[ "$(cat "$T/order")" = "warn3.txt no-such.txt warn3.txt lint failed " ] && ok || bad "2>&1: not in input order: $(cat "$T/order")"
expect_exit 3 "json, a missing file alone" "$QG" lint -f json "$T/no-such.txt"
python3 -c 'import json,sys; a=[json.loads(l) for l in open(sys.argv[1])]; assert [d["rule"] for d in a] == ["input-error"], a' "$T/out" && ok || bad "json: a missing file alone is one line"
expect_exit 3 "codeclimate, a missing file alone" "$QG" lint -f codeclimate "$T/no-such.txt"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert [i["check_name"] for i in a] == ["input-error"], a' "$T/out" && ok || bad "codeclimate: a missing file alone is one issue"
expect_exit 3 "gcc, a missing file" "$QG" lint "$T/no-such.txt"
[ -s "$T/out" ] && bad "gcc: a failed input printed on stdout" || ok
expect_exit 1 "sarif, findings" "$QG" lint -f sarif "$T/dup.txt"
python3 -c "import json,sys; i=json.load(open(sys.argv[1]))['runs'][0]['invocations']; assert i == [{'executionSuccessful': True}], i" "$T/out" && ok || bad "sarif invocation of a run with findings"
# a rule set off in the configuration does not hide why a file fails: its invalid bytes are
# still said, with their position (off quiets the warnings of --invalid replace)
mkdir -p "$T/offinv"; printf '[rules]\ndecode-invalid = off\n' >"$T/offinv/.qinggao.ini"
cp "$T/invalid.txt" "$T/offinv/bad.txt"
expect_exit 3 "decode-invalid off, invalid bytes" "$QG" lint "$T/offinv/bad.txt"
contains "$T/out" "bad.txt:1:5: error: invalid UTF-8 byte 0xFF \[decode-invalid\]" "decode-invalid off: the failure still located"
expect_exit 0 "decode-invalid off, --invalid replace" "$QG" lint --invalid replace "$T/offinv/bad.txt"
lacks "$T/out" "decode-invalid" "decode-invalid off: the replacement warnings quiet"
# the failed: line names files as the messages do, one line whatever the name holds
nl_name="$T/offinv/$(printf 'a\nb\xfe.txt')"; cp "$T/invalid.txt" "$nl_name"
expect_exit 3 "a failing file with a newline in its name" "$QG" lint --no-config "$nl_name"
contains "$T/err" "^qinggao: failed: .*offinv/a%0Ab%FE.txt$" "failed: line with the display name"
expect_exit 1 "stdin" "$QG" lint - <"$T/dup.txt"
contains "$T/out" "^<stdin>:3:1: error" "stdin name"

# ---- a run that ends with status 2 or 3: sarif and codeclimate still whole (probe 14 #2, #6) ---
# A CI job uploads the report whatever the status: no file to check (an empty directory, an
# --include that matches nothing), a usage error after -f, a configuration that is wrong, an
# archive that does not open, stdin named twice: a SARIF log whose invocation is not
# successful (exitCode, the message as a notification), and [] for codeclimate. Before: an
# empty directory gave a successful run with no results, the others an empty file.
mkdir -p "$T/emptyd" "$T/fails"
printf 'not an archive, just bytes %.0s' $(seq 1 200) >"$T/fails/garbage.db"
printf '[rules]\npunct-widht = off\n' >"$T/fails/typo.ini"
fails() { # status message-regex description -- lint arguments (after -f FMT)
  local st=$1 msg=$2 what=$3; shift 4
  expect_exit "$st" "$what (sarif)" "$QG" lint -f sarif "$@"
  sarif_failed "$T/out" "$st" "$msg" "$what"
  expect_exit "$st" "$what (codeclimate)" "$QG" lint -f codeclimate "$@"
  python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$T/out" && ok || bad "$what: codeclimate not []: $(head -c 200 "$T/out")"
  expect_exit "$st" "$what (gcc)" "$QG" lint "$@"
  [ -s "$T/out" ] && bad "$what: gcc printed on stdout" || ok
}
fails 2 "no file to check" "an empty directory" -- "$T/emptyd"
mkdir -p "$T/fails/inc"; cp "$T/warn3.txt" "$T/fails/inc/a.txt"
fails 2 "no file to check" "--include matching nothing" -- --include '*.md' "$T/fails/inc"
fails 2 "no file to check" "-q, an empty directory" -- -q "$T/emptyd"
fails 2 "--max-warnings needs a number 0 or more, not 'x'" "--max-warnings x after the files" -- "$T/warn3.txt" --max-warnings x
fails 2 "--max-warnings needs a number 0 or more, not 'x'" "--max-warnings x before the format" -- --max-warnings x "$T/warn3.txt"
fails 2 "unrecognized option '--frobnicate'" "an unknown option" -- --frobnicate "$T/warn3.txt"
fails 2 "--near-threshold wants a number" "a bad --near-threshold" -- --near-threshold 2 "$T/warn3.txt"
fails 2 "typo.ini:2:1: unknown rule 'punct-widht'" "--config with a typo" -- --config "$T/fails/typo.ini" "$T/warn3.txt"
fails 3 "garbage.db" "an archive that does not open" -- --archive "$T/fails/garbage.db" "$T/warn3.txt"
fails 2 "named more than once" "stdin twice" -- - - </dev/null
# the format after the error on the command line is taken too; an unknown format stays plain
expect_exit 2 "--max-warnings x -f sarif" "$QG" lint --max-warnings x -f sarif "$T/warn3.txt"
sarif_failed "$T/out" 2 "--max-warnings" "--max-warnings x -f sarif"
expect_exit 2 "-f xml" "$QG" lint -f xml --max-warnings x "$T/warn3.txt"
[ -s "$T/out" ] && bad "-f xml: printed on stdout" || ok
# status 0 and 1 stay successful runs (findings are no failure of the tool)
expect_exit 0 "sarif, warnings only" "$QG" lint -f sarif "$T/warn3.txt"
python3 -c "import json,sys; i=json.load(open(sys.argv[1]))['runs'][0]['invocations']; assert i == [{'executionSuccessful': True}], i" "$T/out" && ok || bad "sarif invocation of a run with warnings"
expect_exit 1 "sarif, over --max-warnings" "$QG" lint -f sarif --max-warnings 0 "$T/warn3.txt"
python3 -c "import json,sys; i=json.load(open(sys.argv[1]))['runs'][0]['invocations']; assert i == [{'executionSuccessful': True}], i" "$T/out" && ok || bad "sarif invocation of a run over --max-warnings"

# ---- --max-warnings ---------------------------------------------------------------------------
expect_exit 0 "3 warnings, max 3" "$QG" lint --max-warnings 3 "$T/warn3.txt"
expect_exit 1 "3 warnings, max 2" "$QG" lint --max-warnings 2 "$T/warn3.txt"
contains "$T/err" "3 warnings, more than the 2 allowed" "max-warnings message"
# why the run fails is said with -q too, as the documented CI jobs run it (probe 14 #10);
# -q still drops the rest
expect_exit 1 "3 warnings, max 2, -q" "$QG" lint -q --max-warnings 2 "$T/warn3.txt"
contains "$T/err" "^qinggao: lint: 3 warnings, more than the 2 allowed \(--max-warnings\)$" "max-warnings message with -q"
[ "$(wc -l <"$T/err")" = 1 ] && ok || bad "-q: the max-warnings reason alone on stderr"
expect_exit 1 "6 warnings over two files, max 5" "$QG" lint --max-warnings 5 "$T/warn3.txt" "$T/warn3.txt"
expect_exit 0 "max 0, clean" "$QG" lint --max-warnings 0 "$T/clean.txt"

# ---- formats ----------------------------------------------------------------------------------
expect_exit 0 "gcc" "$QG" lint -f gcc "$T/warn3.txt"
contains "$T/out" "^$T/warn3.txt:1:7: warning: half-width punctuation in Chinese text: , → ， \[punct-width\]$" "gcc line"
expect_exit 0 "json" "$QG" lint -f json "$T/warn3.txt" "$T/report.txt"
python3 - "$T/out" <<'EOF' && ok || bad "json objects"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(objs) == 4, objs
need = {"file", "line", "column", "end_line", "end_column", "rule", "severity", "message", "fixable"}
for o in objs:
    assert need <= set(o), o
    assert o["line"] >= 1 and o["column"] >= 1 and (o["end_line"], o["end_column"]) >= (o["line"], o["column"])
w = objs[0]
assert (w["line"], w["column"], w["end_line"], w["end_column"]) == (1, 7, 1, 8), w
assert w["rule"] == "punct-width" and w["severity"] == "warning" and w["replacement"] == "，" and w["fixable"], w
r = objs[3]
assert r["rule"] == "num-mixed-unit" and not r["fixable"], r
EOF
# json escapes what it must: a control character (\u0001), quotes and backslashes in the
# original text and the file name come back unchanged through a JSON parser
mkdir -p "$T/q\"d\\x"
u8 '他说\x01你好,然后走了.\n' >"$T/q\"d\\x/esc.txt"
expect_exit 0 "json escapes" "$QG" lint -f json "$T/q\"d\\x/esc.txt"
python3 - "$T/out" "$T/q\"d\\x/esc.txt" <<'EOF' && ok || bad "json escapes"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert all(o["file"] == sys.argv[2] for o in objs), objs
inv = [o for o in objs if o["rule"] == "char-invisible"]
assert len(inv) == 1 and inv[0]["original"] == "\x01" and inv[0]["replacement"] == "", objs
assert '\\u0001' in open(sys.argv[1], encoding="utf-8").read()
EOF
# sarif: valid, every rule in the table, ruleIndex right; the checker itself rejects bad logs
expect_exit 1 "sarif" "$QG" lint -f sarif "$T/warn3.txt" "$T/dup.txt" "$T/report.txt"
cp "$T/out" "$T/log.sarif"
if python3 "$SRC/tests/sarif_check.py" "$T/log.sarif" "$T/warn3.txt" "$T/dup.txt" "$T/report.txt" >"$T/chk"; then ok
else bad "sarif_check on lint's SARIF"; cat "$T/chk" >&2; fi
python3 - "$T/log.sarif" "$QG" <<'EOF' && ok || bad "sarif content"
import json, subprocess, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
run = log["runs"][0]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
table = [l.split()[0] for l in subprocess.run([sys.argv[2], "rules"], capture_output=True, text=True).stdout.splitlines()]
assert rules == table, (rules, table)
res = run["results"]
assert len(res) == 3 + 1 + 1, len(res)
fix = [r for r in res if r["ruleId"] == "punct-width"][0]
rep = fix["fixes"][0]["artifactChanges"][0]["replacements"][0]
assert rep["insertedContent"]["text"] == "，" and rep["deletedRegion"]["startColumn"] == 7, rep
dup = [r for r in res if r["ruleId"] == "dup-paragraph"][0]
assert dup["level"] == "error" and dup["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
assert "fixes" not in dup  # --fix never applies it, so no fix is offered
mixed = [r for r in res if r["ruleId"] == "num-mixed-unit"][0]
assert "fixes" not in mixed
EOF
for mut in 'r["ruleIndex"] += 1' 'r["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0' 'del r["message"]' 'r["level"] = "fatal"'; do
  python3 - "$T/log.sarif" "$T/broken.sarif" "$mut" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
r = log["runs"][0]["results"][0]
exec(sys.argv[3])
json.dump(log, open(sys.argv[2], "w", encoding="utf-8"))
EOF
  if python3 "$SRC/tests/sarif_check.py" "$T/broken.sarif" >/dev/null; then bad "sarif_check accepted: $mut"; else ok; fi
done
# a relative uri has uriBaseId %SRCROOT%, the directory lint ran in as a file:/// URI ending
# in / (run.originalUriBaseIds); an absolute path's and standard input's have none (audit 24
# F9: a viewer had to ask for the root)
(cd "$T" && "$QG" lint -f sarif warn3.txt - "$T/dup.txt" <"$T/warn3.txt" >"$T/rel.sarif" 2>/dev/null)
python3 "$SRC/tests/sarif_check.py" "$T/rel.sarif" >"$T/chk" && ok || { bad "sarif_check, relative uris"; cat "$T/chk" >&2; }
python3 - "$T/rel.sarif" "$(cd "$T" && pwd -P)" "$T" <<'EOF' && ok || bad "sarif: uriBaseId and originalUriBaseIds"
import json, sys, urllib.parse
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
root = sys.argv[2]
assert urllib.parse.unquote(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]) == "file://" + root + "/", run["originalUriBaseIds"]
als = {}
for r in run["results"]:
    al = r["locations"][0]["physicalLocation"]["artifactLocation"]
    als[urllib.parse.unquote(al["uri"])] = al.get("uriBaseId")
assert als == {"warn3.txt": "%SRCROOT%", "<stdin>": None, "file://" + sys.argv[3] + "/dup.txt": None}, als
EOF
python3 - "$T/rel.sarif" "$T/broken.sarif" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
for r in log["runs"][0]["results"]:
    r["locations"][0]["physicalLocation"]["artifactLocation"].pop("uriBaseId", None)
json.dump(log, open(sys.argv[2], "w", encoding="utf-8"))
EOF
if python3 "$SRC/tests/sarif_check.py" "$T/broken.sarif" >/dev/null; then bad "sarif_check accepted a relative uri without a base"; else ok; fi
# a repeat's first occurrence as relatedLocations, when it is a file lint checks: in the same
# file, or another input (--dedup-scope run); an archived one only in the message (audit 24
# F12: the first occurrence, known, was in the message alone)
mkdir -p "$T/rel"
u8 '市图书馆今年新增了三个阅览区，每天开放到晚上九点。\n' >"$T/rel/1.txt"
u8 '别的段落说的是公园。\n\n市图书馆今年新增了三个阅览区，每天开放到晚上九点。\n\n别的段落说的是公园。\n' >"$T/rel/2.txt"
u8 '报上登过的一段话，讲的是老城区的变化和新修的路。\n' >"$T/rel/pub.txt"
"$QG" archive add -q --archive "$T/rel.db" "$T/rel/pub.txt" || bad "archive add (relatedLocations)"
u8 '报上登过的一段话，讲的是老城区的变化和新修的路。\n' >"$T/rel/3.txt"
(cd "$T" && "$QG" lint -f sarif --dedup-scope run --archive "$T/rel.db" rel/1.txt rel/2.txt rel/3.txt >"$T/rel.sarif" 2>/dev/null)
python3 "$SRC/tests/sarif_check.py" "$T/rel.sarif" >"$T/chk" && ok || { bad "sarif_check, relatedLocations"; cat "$T/chk" >&2; }
python3 - "$T/rel.sarif" <<'EOF' && ok || bad "sarif: relatedLocations of repeats"
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
got = []
for r in run["results"]:
    if r["ruleId"].startswith("dup-"):
        rel = [(l["physicalLocation"]["artifactLocation"]["uri"], l["physicalLocation"]["region"]["startLine"])
               for l in r.get("relatedLocations", [])]
        got.append((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    r["locations"][0]["physicalLocation"]["region"]["startLine"], rel))
assert got == [("dup-paragraph", "rel/2.txt", 3, [("rel/1.txt", 1)]),
               ("dup-paragraph", "rel/2.txt", 5, [("rel/2.txt", 1)]),
               ("dup-archive", "rel/3.txt", 1, [])], got
EOF
# json and sarif say which fixes --fix applies: not the indent, not the space the paragraph
# stage put between two joined lines (it is not in the file)
u8 '　　第一段的文字很长,他说了一句话:\n"今天天气很好."然后走了.\n\n第二段.\n' >"$T/lay-json.txt"
expect_exit 0 "json fixable" "$QG" lint -f json "$T/lay-json.txt"
contains "$T/out" '"rule":"char-indent".*"fixable":false' "indent not fixable"
lacks "$T/out" '"rule":"punct-space"' "no space put in between 话: and the quote on the next line"
# a region ends just past its last character, on its line: the : ending line 1 of a paragraph
# joined with line 2 does not run into line 2
contains "$T/out" '"line":1,"column":18,"end_line":1,"end_column":19,"rule":"punct-width"' "region of a mark at a line end"
[ "$(grep -c '"fixable":true' "$T/out")" = 7 ] && ok || bad "json: 7 fixable, got $(grep -c '"fixable":true' "$T/out")"
expect_exit 0 "sarif fixes" "$QG" lint -f sarif "$T/lay-json.txt"
python3 -c '
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert [r["ruleId"] for r in res if "fixes" not in r] == ["char-indent"], res
' "$T/out" && ok || bad "sarif offers fixes only for what --fix applies"
# a region ends just past its last character when the character after it was removed before
# (probe 12a A3: the , ended at the 他 after the removed U+200B), and --fix still applies it
u8 '好,\u200b他说.\n' >"$T/zw.txt"
expect_exit 0 "json region before a removed invisible" "$QG" lint -f json "$T/zw.txt"
contains "$T/out" '"line":1,"column":2,"end_line":1,"end_column":3,"rule":"punct-width".*"fixable":true' "region of , before a removed U+200B: one column, fixable"
expect_exit 0 "fix before a removed invisible" "$QG" lint -q --fix "$T/zw.txt"
[ "$(cat "$T/zw.txt")" = "好，他说。" ] && ok || bad "fix before a removed invisible: '$(cat "$T/zw.txt")'"
# the removal of an author tag split off a repeated line spans the tag, not the paragraph
# before it (probe 12a A1: 4:1-4:30 with the tag as original)
u8 '快讯\n本报讯 公交18路延长运营至22:30，发车间隔10分钟。（记者 庞青）\n本报讯 明日起降温。（记者 韦然）\n本报讯 公交18路延长运营至22:30，发车间隔10分钟。（记者 庞青）\n' >"$T/dup-tag.txt"
expect_exit 1 "json removed author tag" "$QG" lint -f json --paragraphs line "$T/dup-tag.txt"
contains "$T/out" '"line":4,"column":30,"end_line":4,"end_column":37,"rule":"dup-paragraph".*"original":"记者 庞青"' "removed author tag: its own span"
contains "$T/out" '"line":4,"column":1,"end_line":4,"end_column":30,"rule":"dup-paragraph".*"original":"本报讯' "removed paragraph: up to the tag"
# a repeated word ending a line joined to the next: its region ends on its own line (probe 12a A4)
u8 '他说不不\n第二段。\n' >"$T/wr.txt"
expect_exit 0 "json word-repeat at a line end" "$QG" lint -f json --paragraphs blank "$T/wr.txt"
contains "$T/out" '"line":1,"column":3,"end_line":1,"end_column":5,"rule":"word-repeat"' "word-repeat region on its line"
# a TV listing with one programme on two channels passes, silently (probe 12b B16, review 12b
# S10); one repeated within a listing is said, as a warning (dup-schedule, the only dup- rule
# lint does not count as an error: review 12 R2)
u8 '电视节目预告\n\nCCTV-1 综合频道\n\n19:00 新闻联播\n\nCCTV-4 中文国际频道\n\n19:00 新闻联播\n' >"$T/tv.txt"
expect_exit 0 "listing: a programme on two channels" "$QG" lint --no-config "$T/tv.txt"
lacks "$T/out" "dup-schedule" "listing: two channels, nothing said"
u8 '电视节目预告\n\nCCTV-1 综合频道\n\n19:00 新闻联播\n\n19:38 焦点访谈\n\n19:00 新闻联播\n' >"$T/tv2.txt"
expect_exit 0 "listing: a stray copy in one listing" "$QG" lint --no-config "$T/tv2.txt"
contains "$T/out" 'tv2.txt:9:1: warning: .*same listing.*\[dup-schedule\]' "listing: the repeat said as a warning"
# a short record with figures kept under another lead (a record of votes: each resolution's
# result) is dup-record, a warning lint does not fail on (session 46: it was a dup-paragraph,
# an error, and a correct page failed the check); --max-warnings and the configuration still
# decide, and the record pasted under its own lead is a repeat, an error
u8 '会议表决通过了关于市人民政府工作报告的决议。\n\n表决结果：赞成471票，反对6票，弃权9票。\n\n会议表决通过了关于计划执行情况报告的决议。\n\n表决结果：赞成471票，反对6票，弃权9票。\n' >"$T/vote.txt"
expect_exit 0 "record: a vote under two resolutions" "$QG" lint --no-config "$T/vote.txt"
contains "$T/out" 'vote.txt:7:1: warning: .*under another lead.*\[dup-record\]' "record: said as a warning"
expect_exit 1 "record: --max-warnings 0" "$QG" lint --no-config --max-warnings 0 "$T/vote.txt"
printf '[rules]\ndup-record = error\n' >"$T/rec-err.ini"
expect_exit 1 "record: made an error by the configuration" "$QG" lint --config "$T/rec-err.ini" "$T/vote.txt"
printf '[rules]\ndup-record = off\n' >"$T/rec-off.ini"
expect_exit 0 "record: off" "$QG" lint --config "$T/rec-off.ini" --max-warnings 0 "$T/vote.txt"
lacks "$T/out" "dup-record" "record: off, nothing said"
expect_exit 0 "record: sarif" "$QG" lint --no-config -f sarif "$T/vote.txt"
python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rule = [r for r in run["tool"]["driver"]["rules"] if r["id"] == "dup-record"]
assert rule and rule[0]["defaultConfiguration"]["level"] == "warning", rule
res = run["results"]
assert [(r["ruleId"], r["level"]) for r in res] == [("dup-record", "warning")], res
' "$T/out" && ok || bad "record: sarif, a warning of its own rule"
u8 '会议表决通过了关于市人民政府工作报告的决议。\n\n表决结果：赞成471票，反对6票，弃权9票。\n\n会议表决通过了关于市人民政府工作报告的决议。\n\n表决结果：赞成471票，反对6票，弃权9票。\n' >"$T/vote2.txt"
expect_exit 1 "record: pasted with its lead" "$QG" lint --no-config "$T/vote2.txt"
contains "$T/out" 'vote2.txt:7:1: error: .*\[dup-paragraph\]' "record: pasted with its lead, an error"
# a space the paragraph stage put between two lines of Latin text, which punct then removes
# before a full-width bracket, is not in the file: its removal changes nothing the author wrote
# and is not reported (the join is, as para-join); the bracket's fix is
u8 'The report lists all the figures of the year in\n(见表一)。\n\n第二段。\n' >"$T/syn.txt"
expect_exit 0 "json synthetic space" "$QG" lint -f json "$T/syn.txt"
lacks "$T/out" '"rule":"punct-space"' "synthetic space: no report"
contains "$T/out" '"line":2,"column":1,"end_line":2,"end_column":2,"rule":"punct-width".*"fixable":true' "the bracket after it: fixable"
expect_exit 0 "sarif synthetic space" "$QG" lint -f sarif "$T/syn.txt"
python3 -c '
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert res and [r["ruleId"] for r in res if "fixes" not in r] == [], res
' "$T/out" && ok || bad "sarif: every result has its fix, no synthetic space"
# the same through the repair stage (a paragraph cut before a blank line, joined with a space
# before a Latin word), with --max-warnings 0: only the author's own marks count
u8 '今年以来我们的城市发展很快，很多人都在讨论这件事情(见表)\n\nHello world是一句常见的英文问候语，写在这里。\n' >"$T/syn2.txt"
expect_exit 1 "repair join, max-warnings 0" "$QG" lint --max-warnings 0 "$T/syn2.txt"
lacks "$T/out" "punct-space" "repair join: the made space is not reported"
[ "$(grep -c 'warning:' "$T/out")" = 2 ] && ok || bad "repair join: the two brackets are the warnings"
# github: escaping of %, CR/LF and of : and , in properties
mkdir -p "$T/gh"
u8 '增长３．５％,明显.\n' >"$T/gh/a,b:c.txt"
expect_exit 0 "github" "$QG" lint -f github "$T/gh/a,b:c.txt"
contains "$T/out" "^::warning file=[^,]*/gh/a%2Cb%3Ac.txt,line=1,col=6,endLine=1,endColumn=7,title=num-fullwidth-sign::full-width percent sign replaced by %25$" "github annotation with escapes"
expect_exit 1 "github error" "$QG" lint -f github "$T/dup.txt"
contains "$T/out" "^::error file=.*dup.txt,line=3,col=1,endLine=[0-9]+,endColumn=[0-9]+,title=dup-paragraph::" "github error annotation"
# an annotation across lines has no col or endColumn (GitHub: "omit if start_line and end_line
# differ"; the runner drops col, the Checks API refuses it; audit 24 F13): a repeat wrapped on
# two lines; one on one line keeps its columns
u8 '市图书馆今年新增了三个阅览区，每天开放到晚上九点，周末还会举办亲子读书会。\n\n别的段落说的是公园里新种了银杏树。\n\n市图书馆今年新增了三个阅览区，每天开放到\n晚上九点，周末还会举办亲子读书会。\n' >"$T/gh/wrap.txt"
expect_exit 1 "github, an annotation across lines" "$QG" lint -f github "$T/gh/wrap.txt"
contains "$T/out" "^::error file=[^,]*wrap.txt,line=5,endLine=6,title=dup-paragraph::paragraph repeats line 1" "github: across lines, no columns"
python3 - "$T/out" <<'PY' && ok || bad "github: col only when line == endLine"
import re, sys
for l in open(sys.argv[1]):
    m = re.match(r'::\w+ file=[^,]*,line=(\d+)(,col=\d+)?,endLine=(\d+)(,endColumn=\d+)?,title=', l)
    assert m, l
    assert (m.group(1) == m.group(3)) == bool(m.group(2)) == bool(m.group(4)), l
PY
# codeclimate: a JSON array, unique fingerprints
expect_exit 1 "codeclimate" "$QG" lint -f codeclimate "$T/warn3.txt" "$T/dup.txt"
python3 - "$T/out" <<'EOF' && ok || bad "codeclimate array"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(a) == 4 and len({i["fingerprint"] for i in a}) == 4
assert {i["severity"] for i in a} == {"minor", "major"}
EOF
expect_exit 0 "empty codeclimate" "$QG" lint -f codeclimate "$T/clean.txt"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$T/out" && ok || bad "empty codeclimate is []"

# ---- configuration ----------------------------------------------------------------------------
# tree: top/.qinggao.ini (punct-width off, punct-full-stop error), top/sub/.qinggao.ini
# (punct-width error), top/sub/deep/ (no file: sub's applies), top/iso/.qinggao.ini (root)
mkdir -p "$T/top/sub/deep" "$T/top/iso" "$T/top/drafts/x"
printf '[rules]\npunct-width = off\npunct-full-stop = error\n\n[lint]\nignore = drafts/ *.bak.txt\n' >"$T/top/.qinggao.ini"
printf '# nearer\n[rules]\npunct-width = error ; inline comment\n' >"$T/top/sub/.qinggao.ini"
printf 'root = true\n[rules]\nnum-mixed-unit = off\n' >"$T/top/iso/.qinggao.ini"
for d in top top/sub top/sub/deep top/iso top/drafts/x; do cp "$T/warn3.txt" "$T/$d/a.txt"; done
cp "$T/warn3.txt" "$T/top/old.bak.txt"
cat "$T/report.txt" >>"$T/top/iso/a.txt"
expect_exit 1 "top config" "$QG" lint "$T/top/a.txt"
lacks "$T/out" "punct-width" "punct-width off at the top"
contains "$T/out" "a.txt:1:21: error: .*\[punct-full-stop\]" "punct-full-stop made an error"
expect_exit 1 "nearest wins" "$QG" lint "$T/top/sub/a.txt"
contains "$T/out" "sub/a.txt:1:7: error: .*\[punct-width\]" "sub turns punct-width back on as an error"
contains "$T/out" "\[punct-full-stop\]" "keys the nearer file does not set come from the farther"
contains "$T/out" "sub/a.txt:1:21: error" "inherited punct-full-stop severity"
expect_exit 1 "walks up several levels" "$QG" lint "$T/top/sub/deep/a.txt"
contains "$T/out" "deep/a.txt:1:7: error: .*\[punct-width\]" "deep file under sub's config"
expect_exit 0 "root = true stops the lookup" "$QG" lint "$T/top/iso/a.txt"
contains "$T/out" "iso/a.txt:1:7: warning: .*\[punct-width\]" "root: top's punct-width off not applied"
lacks "$T/out" "num-mixed-unit" "root file's own setting applies"
expect_exit 0 "--config overrides the lookup" "$QG" lint --config "$T/top/iso/.qinggao.ini" "$T/top/sub/a.txt"
contains "$T/out" "sub/a.txt:1:7: warning: .*\[punct-width\]" "--config: sub's file not read"
expect_exit 0 "--no-config" "$QG" lint --no-config "$T/top/a.txt"
[ "$(grep -c warning "$T/out")" = 3 ] && ok || bad "--no-config: the three default warnings"
expect_exit 2 "--config and --no-config" "$QG" lint --config "$T/top/.qinggao.ini" --no-config "$T/top/a.txt"
# ignore patterns: a directory, a name pattern; named files are reported, walked ones not
expect_exit 1 "ignore while walking" "$QG" lint "$T/top"
lacks "$T/out" "drafts/|old.bak.txt" "ignored files not checked"
contains "$T/out" "top/a.txt:" "other files checked"
[ -s "$T/err" ] && bad "walking printed about ignored files: $(cat "$T/err")" || ok
expect_exit 0 "ignore a named file" "$QG" lint "$T/top/drafts/x/a.txt" "$T/top/old.bak.txt"
[ -s "$T/out" ] && bad "ignored named file was checked" || ok
contains "$T/err" "drafts/x/a.txt: ignored \(pattern 'drafts/' of [^)]*top/.qinggao.ini\)" "named ignored file reported"
contains "$T/err" "old.bak.txt: ignored \(pattern '\*.bak.txt'" "name pattern"
expect_exit 0 "-q: no ignore note" "$QG" lint -q "$T/top/old.bak.txt"
[ -s "$T/err" ] && bad "-q printed" || ok
# max-warnings and cues from the config
mkdir -p "$T/mw"
printf '[lint]\nmax-warnings = 2\n' >"$T/mw/.qinggao.ini"
cp "$T/warn3.txt" "$T/mw/a.txt"
expect_exit 1 "config max-warnings" "$QG" lint "$T/mw/a.txt"
expect_exit 1 "config max-warnings, -q" "$QG" lint -q "$T/mw/a.txt"
contains "$T/err" "more than the 2 allowed \(max-warnings of [^)]*mw/.qinggao.ini\)" "config max-warnings: said with -q"
expect_exit 0 "--max-warnings overrides the config" "$QG" lint --max-warnings 3 "$T/mw/a.txt"
# cues named by the config (relative to it) reach the pipeline: a byline word of our own
mkdir -p "$T/cues"
printf '[byline]\n^执笔\n' >"$T/cues/ours.txt"
printf '[lint]\ncues = ours.txt\n' >"$T/cues/.qinggao.ini"
u8 '城市公园今日开放\n\n☆执笔 李明\n\n今天上午，城市公园正式向市民开放，吸引了很多游客。\n' >"$T/cues/a.txt"
expect_exit 0 "config cues" "$QG" lint "$T/cues/a.txt"
contains "$T/out" "a.txt:3:1: note: ornament before the byline dropped \[struct-ornament\]" "config cue makes a byline"
expect_exit 0 "without the config's cues" "$QG" lint --no-config "$T/cues/a.txt"
lacks "$T/out" "struct-ornament" "no byline without the cue"
printf '\n' >"$T/cues/none.txt"
expect_exit 0 "--cues overrides the config's" "$QG" lint --cues "$T/cues/none.txt" "$T/cues/a.txt"
lacks "$T/out" "struct-ornament" "--cues wins over the config"
# dictionaries named by the configs (relative to each, adding up from the farthest, with
# --dict's) reach the segmenter: with the term 社区网格员 kept whole, 社区网格员网格员 is no
# word written twice (probe 9 F16); a bad one is the config's error, with its line
mkdir -p "$T/dict/sub"
printf '社区网格员\n' >"$T/dict/terms.txt"
printf '东湖区\n' >"$T/dict/sub/more.txt"
printf '[lint]\ndict = terms.txt\n' >"$T/dict/.qinggao.ini"
printf '[lint]\ndict = more.txt\n' >"$T/dict/sub/.qinggao.ini"
u8 '他是社区网格员网格员，来自东湖区东湖区。\n' >"$T/dict/sub/a.txt"
expect_exit 0 "without the configs' dictionaries" "$QG" lint --no-config "$T/dict/sub/a.txt"
contains "$T/out" "a.txt:1:5: warning: “网格员” written twice" "ICU alone: 网格员 twice"
contains "$T/out" "“东湖区” written twice" "ICU alone: 东湖区 twice"
expect_exit 0 "config dictionaries" "$QG" lint "$T/dict/sub/a.txt"
lacks "$T/out" "网格员” written twice" "the farther config's dictionary is used"
contains "$T/out" "“东湖区” written twice" "the nearer config's term is a word, written twice"
printf '社区\n' >"$T/dict/cli.txt"
expect_exit 0 "config dictionaries and --dict" "$QG" lint --dict "$T/dict/cli.txt" "$T/dict/sub/a.txt"
lacks "$T/out" "网格员” written twice" "--dict adds to the config's"
printf '[lint]\ndict = terms.txt\ndict = bad.txt\n' >"$T/dict/bad.ini"
printf '好词\n坏\xff词\n' >"$T/dict/bad.txt"
expect_exit 2 "a bad dictionary in a config" "$QG" lint --config "$T/dict/bad.ini" "$T/dict/sub/a.txt"
contains "$T/err" "bad.ini:3:8: dict: .*bad.txt:2:2: invalid UTF-8" "the config's line and the dictionary's position"
printf '[lint]\ndict = none.txt\n' >"$T/dict/none.ini"
expect_exit 2 "a missing dictionary in a config" "$QG" lint --config "$T/dict/none.ini" "$T/dict/sub/a.txt"
contains "$T/err" "none.ini:2:8: dict: .*none.txt: cannot open dictionary" "missing dictionary named"
# configuration files inih would misread are refused with their place (probe 9 F5): lines
# ending in CR alone (every setting after the first line was dropped), a directory (read as
# an empty file), UTF-16, a NUL byte, GBK; CRLF and a UTF-8 BOM are fine
mkdir -p "$T/cfgx/d/.qinggao.ini" "$T/cfgx/dir"; u8 '今年以来,我市共完成项目.\n' >"$T/cfgx/t.txt"; cp "$T/cfgx/t.txt" "$T/cfgx/d/t.txt"
printf '[rules]\rpunct-width = off\r' >"$T/cfgx/cr.ini"
expect_exit 2 "a config with CR line ends" "$QG" lint --config "$T/cfgx/cr.ini" "$T/cfgx/t.txt"
contains "$T/err" "cr.ini:1: the line ends in CR alone \(an old Mac file\)" "CR line ends: said"
expect_exit 2 "--config names a directory" "$QG" lint --config "$T/cfgx/dir" "$T/cfgx/t.txt"
contains "$T/err" "cfgx/dir: is a directory, not a configuration file" "--config DIR: said"
expect_exit 2 "a directory named .qinggao.ini in the lookup" "$QG" lint "$T/cfgx/d/t.txt"
contains "$T/err" "d/.qinggao.ini: is a directory, not a configuration file" "lookup directory: said"
# a config in every one of 65 directories above the file: more than the lookup holds, said (not
# the farthest ones left out); 64 are merged, and root = true in one stops the walk below the cap
deep="$T/deep"; mkdir -p "$deep"
for i in $(seq 65); do deep="$deep/d"; mkdir "$deep"; printf '[rules]\npunct-width = error\n' >"$deep/.qinggao.ini"; done
cp "$T/cfgx/t.txt" "$deep/t.txt"
expect_exit 2 "65 configs above a file" "$QG" lint "$deep/t.txt"
contains "$T/err" "more than 64 configuration files above the checked file" "65 configs: said"
printf 'root = true\n[rules]\npunct-width = error\n' >"$T/deep/d/d/.qinggao.ini"
expect_exit 1 "64 configs, the farthest with root = true" "$QG" lint "$deep/t.txt"
python3 -c "open('$T/cfgx/u16.ini','wb').write('[rules]\r\npunct-width = off\r\n'.encode('utf-16'))"
expect_exit 2 "a UTF-16 config" "$QG" lint --config "$T/cfgx/u16.ini" "$T/cfgx/t.txt"
contains "$T/err" "u16.ini:1:1: UTF-16 \(a byte order mark\): the configuration must be UTF-8" "UTF-16 config: said"
printf '[rules]\npunct-width = off\000\n' >"$T/cfgx/nul.ini"
expect_exit 2 "a config with a NUL byte" "$QG" lint --config "$T/cfgx/nul.ini" "$T/cfgx/t.txt"
contains "$T/err" "nul.ini:2:18: a NUL byte: the configuration must be UTF-8 text" "NUL byte: its place"
python3 -c "open('$T/cfgx/gbk.ini','wb').write('[rules]\npunct-width = off ; 注释\n'.encode('gbk'))"
expect_exit 2 "a GBK config" "$QG" lint --config "$T/cfgx/gbk.ini" "$T/cfgx/t.txt"
contains "$T/err" "gbk.ini:2:22: invalid UTF-8: the configuration must be UTF-8 text" "GBK config: its place"
python3 -c "open('$T/cfgx/ok.ini','wb').write('\ufeff[rules]\r\npunct-width = off ; 注释\r\n'.encode('utf-8'))"
expect_exit 0 "a UTF-8 config with a BOM and CRLF" "$QG" lint --config "$T/cfgx/ok.ini" "$T/cfgx/t.txt"
lacks "$T/out" "punct-width" "BOM and CRLF config: its setting applies"
# two configs with the same limit count apart; one config over two directories counts once
mkdir -p "$T/mw2/a" "$T/mw2/b" "$T/mw3/x" "$T/mw3/y"
printf '[lint]\nmax-warnings = 3\n' >"$T/mw2/a/.qinggao.ini"
printf '[lint]\nmax-warnings = 3\n' >"$T/mw2/b/.qinggao.ini"
printf 'root = true\n[lint]\nmax-warnings = 5\n' >"$T/mw3/.qinggao.ini"
for d in mw2/a mw2/b mw3/x mw3/y; do cp "$T/warn3.txt" "$T/$d/w.txt"; done
expect_exit 0 "3 + 3 warnings under two configs of max 3" "$QG" lint "$T/mw2/a/w.txt" "$T/mw2/b/w.txt"
expect_exit 1 "3 + 3 warnings under one config of max 5" "$QG" lint "$T/mw3/x/w.txt" "$T/mw3/y/w.txt"
contains "$T/err" "6 warnings, more than the 5 allowed \(max-warnings of [^)]*mw3/.qinggao.ini\)" "limit names its config"
mkdir -p "$T/cue"
printf '[lint]\ncues = my-cues.txt\narchive = ../archive\n' >"$T/cue/.qinggao.ini"
printf 'bogus-section-of-cues\n' >"$T/cue/my-cues.txt"
expect_exit 2 "bad cue file named in the config" "$QG" lint "$T/clean.txt" --config "$T/cue/.qinggao.ini"
contains "$T/err" "cue/.qinggao.ini:2:8: cues: .*my-cues.txt" "cue error names the config line and the cue file"
# bad configs: FILE:LINE: what, exit 2; -f sarif still writes a whole log, no result, the
# invocation not successful with the message as its notification (probe 14 #6: nothing was
# written, and CI uploaded an empty file)
mkdir -p "$T/badcfg"
cp "$T/clean.txt" "$T/badcfg/a.txt"
badcfg() { # content expected-message description
  printf '%b' "$1" >"$T/badcfg/.qinggao.ini"
  expect_exit 2 "$3" "$QG" lint -f sarif "$T/badcfg/a.txt"
  contains "$T/err" "^qinggao: $T/badcfg/.qinggao.ini:$2" "$3: message"
  sarif_failed "$T/out" 2 "$T/badcfg/.qinggao.ini:$2" "$3"
}
badcfg '[rules]\npunct-width = off\npunct-widht = error\n' "3:1: unknown rule 'punct-widht'" "unknown rule"
badcfg '[rules]\npunct-width = loud\n' "2:15: rule punct-width: severity must be off, info, warning or error, not 'loud'" "bad severity"
badcfg '[lint]\nmax-warnings = lots\n' "2:16: max-warnings must be a number" "bad max-warnings"
badcfg '[lint]\nignore = drafts/ [\n' "2:10: ignore: pattern '\\[' has a \\[ without its \\]: it matches nothing" "ignore pattern with an unclosed ["
badcfg '[lint]\nignore = drafts/ ../a.txt\n' "2:10: ignore: pattern '\\.\\./a\\.txt' has a '\\.\\.' segment: patterns name paths under the directory of this configuration, so it matches nothing" "ignore pattern above the configuration (probe 14 #16)"
badcfg '[lint]\nignore = a/../b\n' "2:10: ignore: pattern 'a/\\.\\./b' has a '\\.\\.' segment" "ignore pattern with .. inside"
badcfg '[lint]\nnear-threshold = 0x1p-1\n' "2:18: near-threshold must be a number from 0 to 1" "hex near-threshold"
# the archive a configuration names: a directory, a second archive line (which silently won)
# are configuration errors; one that cannot be opened names the configuration line (probe 10 F11)
mkdir -p "$T/badcfg/adir"
badcfg '[lint]\narchive = adir\n' "2:11: archive: .*adir is a directory, not an archive" "archive a directory"
badcfg '[lint]\narchive = a.db\narchive = b.db\n' "3:11: archive given a second time \(first on line 2\)" "archive twice"
printf '[section]\n本地栏目\n' >"$T/badcfg/x.cues"; cp "$T/badcfg/x.cues" "$T/badcfg/y.cues"
badcfg '[lint]\ncues = x.cues\ncues = y.cues\n' "3:8: cues given a second time \(first on line 2\)" "cues twice"
printf '[lint]\narchive = missing.db\n' >"$T/badcfg/.qinggao.ini"
expect_exit 3 "archive of a configuration missing" "$QG" lint "$T/badcfg/a.txt"
contains "$T/err" "^qinggao: $T/badcfg/.qinggao.ini:2: archive: .*missing.db: cannot open" "archive missing: the configuration line named"
rm -f "$T/badcfg/.qinggao.ini"
badcfg '[style]\nx = 1\n' "2:1: unknown section \[style\]" "unknown section"
badcfg '\n[lint\n' "2:6: syntax error: '\\]' expected at the end of the section name" "syntax error"
# FILE:LINE:COL (audit 24 F1: the line only): a line without = or : at its first character, a
# section without ] after its last (in characters), a bad value where the value starts
badcfg '[rules]\n  punct-width\n' "2:3: syntax error: '=' or ':' expected after the name" "syntax error: no ="
badcfg '[规则 \n' "1:4: syntax error: '\\]' expected" "syntax error: columns in characters"
badcfg '[rules]\npunct-width = off # comment\n' "2:15: rule punct-width: severity must be off, info, warning or error, not 'off # comment'" "bad value: its column"
badcfg '[lint]\nignore = a\nwidth = 3\n' "3:1: unknown key 'width' in \[lint\]" "unknown key"
badcfg 'root = maybe\n' "1:8: root must be true or false" "bad root"
badcfg "[lint]\nignore = $(printf 'x%.0s' $(seq 250))\n" "2:1: line longer than" "long line"
expect_exit 2 "missing --config file" "$QG" lint --config "$T/none.ini" "$T/clean.txt"
contains "$T/err" "none.ini: cannot read" "missing config message"
rm "$T/badcfg/.qinggao.ini"

# ---- --fix --------------------------------------------------------------------------------------
# GB18030 with CRLF: every fixable diagnostic applied, encoding and line ends kept
in='标题：测试稿件\r\n\r\n今年前３个月,本市ＧＤＰ增长３．５％,比去年同期高出0.8个百分点.\r\n\r\n他说:"我们还要继续努力..."\r\n'
want='标题：测试稿件\r\n\r\n今年前3个月，本市GDP增长3.5%，比去年同期高出0.8个百分点。\r\n\r\n他说：“我们还要继续努力……”\r\n'
mkdir -p "$T/fix"
gb "$in" >"$T/fix/gb.txt"
gb "$want" >"$T/fix/gb.want"
chmod 640 "$T/fix/gb.txt"
expect_exit 0 "--fix GB18030 CRLF" "$QG" lint --fix "$T/fix/gb.txt"
same "$T/fix/gb.txt" "$T/fix/gb.want" "--fix GB18030 CRLF result (bytes)"
[ -s "$T/out" ] && bad "--fix left diagnostics: $(cat "$T/out")" || ok
contains "$T/err" "13 fixes applied in 1 file" "fix summary"
[ "$(stat -c %a "$T/fix/gb.txt")" = 640 ] && ok || bad "--fix changed the permissions to $(stat -c %a "$T/fix/gb.txt")"
ls -A "$T/fix" | grep -q qgfix && bad "temporary file left behind" || ok
# idempotent: the second run changes nothing and does not rewrite the file
touch -d '2020-01-01 00:00:00' "$T/fix/gb.txt"
expect_exit 0 "second --fix" "$QG" lint --fix "$T/fix/gb.txt"
same "$T/fix/gb.txt" "$T/fix/gb.want" "second --fix changes nothing"
[ "$(stat -c %Y "$T/fix/gb.txt")" = "$(date -d '2020-01-01 00:00:00' +%s)" ] && ok || bad "second --fix rewrote the file"
contains "$T/err" "0 fixes applied in 0 files" "second run summary"
# --to-utf8
gb "$in" >"$T/fix/gb2.txt"
expect_exit 0 "--fix --to-utf8" "$QG" lint --fix --to-utf8 "$T/fix/gb2.txt"
u8 "$want" >"$T/fix/u8.want"
same "$T/fix/gb2.txt" "$T/fix/u8.want" "--to-utf8 result"
# UTF-8 with a BOM and CR line ends keeps both
printf '\xef\xbb\xbf' >"$T/fix/bom.txt"; u8 '第一行,有逗号。\r第二行.\r' >>"$T/fix/bom.txt"
printf '\xef\xbb\xbf' >"$T/fix/bom.want"; u8 '第一行，有逗号。\r第二行。\r' >>"$T/fix/bom.want"
expect_exit 0 "--fix BOM CR" "$QG" lint --fix --paragraphs line "$T/fix/bom.txt"
same "$T/fix/bom.txt" "$T/fix/bom.want" "BOM and CR kept"
# a symbolic link stays a link; the file it points to is fixed
u8 '链接指向的文件,有逗号.\n' >"$T/fix/target.txt"
ln -s target.txt "$T/fix/link.txt"
expect_exit 0 "--fix through a symlink" "$QG" lint --fix "$T/fix/link.txt"
[ -L "$T/fix/link.txt" ] && ok || bad "--fix replaced the symlink by a file"
contains "$T/fix/target.txt" "^链接指向的文件，有逗号。$" "symlink target fixed"
# nothing to fix: clean file and a file with only report-only findings stay byte for byte
for f in clean report dup; do
  cp "$T/$f.txt" "$T/fix/$f.txt"
  touch -d '2020-01-01 00:00:00' "$T/fix/$f.txt"
done
expect_exit 0 "--fix clean file" "$QG" lint --fix "$T/fix/clean.txt"
expect_exit 0 "--fix report-only file" "$QG" lint --fix "$T/fix/report.txt"
contains "$T/out" "report.txt:1:5: warning: .*\[num-mixed-unit\]" "report-only finding still printed"
expect_exit 1 "--fix file with a repeat" "$QG" lint --fix "$T/fix/dup.txt"
contains "$T/out" "dup.txt:3:1: error: .*\[dup-paragraph\]" "repeat reported, not removed"
for f in clean report dup; do
  same "$T/fix/$f.txt" "$T/$f.txt" "$f.txt untouched by --fix"
  [ "$(stat -c %Y "$T/fix/$f.txt")" = "$(date -d '2020-01-01 00:00:00' +%s)" ] && ok || bad "$f.txt rewritten (mtime changed)"
done
# a failed write leaves the original intact, no temporary file, exit 3
gb "$in" >"$T/fix/fail.txt"
cp "$T/fix/fail.txt" "$T/fix/fail.orig"
QINGGAO_TEST_FAIL_WRITE=1 "$QG" lint --fix "$T/fix/fail.txt" >"$T/out" 2>"$T/err"
[ $? = 3 ] && ok || bad "failed write: exit status"
same "$T/fix/fail.txt" "$T/fix/fail.orig" "failed write leaves the original"
contains "$T/err" "fail.txt: cannot write: No space left on device \(the file is unchanged\)" "failed write message"
contains "$T/out" "\[punct-width\]" "failed write: the diagnostics are still printed"
ls -A "$T/fix" | grep -q qgfix && bad "failed write left a temporary file" || ok
# a signal while --fix writes removes the temporary file and leaves the original (review 7 F9):
# the write waits for it (QINGGAO_TEST_FIX_PAUSE) once the temporary file exists. (Not SIGINT:
# a background job of a script starts with it ignored, and the guard leaves an ignored signal
# alone; batch_test.sh covers SIGINT through a wrapper.) The signal goes to qinggao itself and
# a watchdog bounds the run (session 45: sent to a `timeout` wrapper, it was lost once on a
# loaded machine, the run orphaned and its temporary file left for the checks after it).
for sig in TERM HUP; do
  cp "$T/fix/fail.orig" "$T/fix/sig.txt"
  QINGGAO_TEST_FIX_PAUSE=1 "$QG" lint -q --fix "$T/fix/sig.txt" >/dev/null 2>&1 &
  run=$!
  (sleep 60; kill -KILL "$run" 2>/dev/null) >/dev/null 2>&1 & dog=$!
  for _ in $(seq 300); do compgen -G "$T/fix/.qgfix-*" >/dev/null && break; sleep 0.1; done
  compgen -G "$T/fix/.qgfix-*" >/dev/null && ok || bad "SIG$sig: the paused --fix made no temporary file"
  kill -"$sig" "$run"; { wait "$run"; } 2>/dev/null; got=$?
  kill "$dog" 2>/dev/null; wait "$dog" 2>/dev/null
  [ "$got" = $((128 + $(kill -l $sig))) ] && ok || bad "lint --fix, SIG$sig: exit $got, not by the signal"
  compgen -G "$T/fix/.qgfix-*" >/dev/null && bad "lint --fix, SIG$sig left $(ls "$T"/fix/.qgfix-*)" || ok
  same "$T/fix/sig.txt" "$T/fix/fail.orig" "lint --fix, SIG$sig: the original unchanged"
done
# a file changed while --fix runs is left as the other writer left it (probe 9 F1): the
# write waits (QINGGAO_TEST_FIX_WAIT) until the test has saved the file again, as an editor
# does (a new file renamed over it) or in place; the new text is then checked and fixed, the
# old text's fix never written over it
for how in rename inplace; do
  printf '旧的文字,有逗号.\n' >"$T/fix/race.txt"
  rm -f "$T/fix/race.go"
  QINGGAO_TEST_FIX_WAIT="$T/fix/race.go" timeout 60 "$QG" lint -q --fix "$T/fix/race.txt" >"$T/out" 2>"$T/err" &
  qpid=$!
  for _ in $(seq 300); do compgen -G "$T/fix/.qgfix-*" >/dev/null && break; sleep 0.1; done
  if [ $how = rename ]; then
    printf '编辑器保存的新文字,也有逗号.\n' >"$T/fix/race.new" && mv "$T/fix/race.new" "$T/fix/race.txt"
  else
    printf '编辑器保存的新文字,也有逗号.\n' >"$T/fix/race.txt"
  fi
  touch "$T/fix/race.go"
  wait $qpid; got=$?
  printf '编辑器保存的新文字，也有逗号。\n' >"$T/fix/race.want"
  same "$T/fix/race.txt" "$T/fix/race.want" "$how: the file saved during --fix is kept, and fixed"
  [ $got = 0 ] && ok || bad "$how: --fix of a file saved meanwhile exited $got: $(cat "$T/err")"
  compgen -G "$T/fix/.qgfix-*" >/dev/null && bad "$how: temporary file left" || ok
done
# a file with a long name (80 Han characters: 244 bytes) can be fixed (probe 9 F13)
long=$(python3 -c "print('长'*80)")
printf '好,的内容.\n' >"$T/fix/$long.txt"
expect_exit 0 "--fix, a long name" "$QG" lint -q --fix "$T/fix/$long.txt"
contains "$T/fix/$long.txt" "^好，的内容。$" "a long name is fixed"
# a compressed file is fixed whole, with no second reading: changed meanwhile, it is said and
# left as saved (exit 3)
printf '旧的文字,有逗号.\n' | gzip -c >"$T/fix/race.txt.gz"
rm -f "$T/fix/race.go"
QINGGAO_TEST_FIX_WAIT="$T/fix/race.go" timeout 60 "$QG" lint -q --fix "$T/fix/race.txt.gz" >"$T/out" 2>"$T/err" &
qpid=$!
for _ in $(seq 300); do compgen -G "$T/fix/.qgfix-*" >/dev/null && break; sleep 0.1; done
printf '编辑器保存的新文字,也有逗号.\n' | gzip -c >"$T/fix/race.new" && mv "$T/fix/race.new" "$T/fix/race.txt.gz"
cp "$T/fix/race.txt.gz" "$T/fix/race.want"
touch "$T/fix/race.go"
wait $qpid; got=$?
same "$T/fix/race.txt.gz" "$T/fix/race.want" "a compressed file saved during --fix is left as saved"
[ $got = 3 ] && ok || bad "compressed file saved during --fix: exit $got, not 3"
contains "$T/err" "race.txt.gz: changed while it was being fixed: not fixed" "compressed file saved meanwhile: said"
compgen -G "$T/fix/.qgfix-*" >/dev/null && bad "temporary file left" || ok
# --fix replaces regular files only: a named pipe stays a pipe (probe 9 F2)
if mkfifo "$T/fix/fifo"; then
  (printf '管道里的文字,有逗号.\n' >"$T/fix/fifo" &)
  expect_exit 3 "--fix on a named pipe" timeout 30 "$QG" lint --fix "$T/fix/fifo"
  [ -p "$T/fix/fifo" ] && ok || bad "--fix replaced a named pipe by a file"
  contains "$T/err" "fifo: not a regular file: not fixed" "named pipe: said"
fi
# a file nobody may write (a checkout made read-only) is not rewritten, also by root, whom
# access() lets write anything (probe 14 #13: CI containers run as root); --diff still shows
u8 '只读的稿子,有逗号.\n' >"$T/fix/ro.txt"; chmod 444 "$T/fix/ro.txt"; cp "$T/fix/ro.txt" "$T/fix/ro.orig"
expect_exit 3 "--fix on a read-only file" "$QG" lint --fix "$T/fix/ro.txt"
same "$T/fix/ro.txt" "$T/fix/ro.orig" "a read-only file is left"
[ "$(stat -c %a "$T/fix/ro.txt")" = 444 ] && ok || bad "--fix changed the mode of a read-only file"
contains "$T/err" "ro.txt: read-only \(mode 0444\): not fixed \(the file is unchanged\)" "read-only: said with its mode"
contains "$T/out" "ro.txt:1:6: warning: .*\[punct-width\]" "read-only: its diagnostics printed"
expect_exit 0 "--diff on a read-only file" "$QG" lint --diff "$T/fix/ro.txt"
contains "$T/out" "^\+只读的稿子，有逗号。$" "--diff shows the fix of a read-only file"
chmod 644 "$T/fix/ro.txt"
# another user's file in a directory anyone may write: not rewritten, not handed over to the
# user running --fix (probe 9 F3); root runs it as nobody
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  mkdir -p "$T/shared"; chmod 777 "$T/shared"; chmod o+x "$T"
  printf '别人的文件,有逗号.\n' >"$T/shared/b.txt"; chmod 644 "$T/shared/b.txt"
  cp "$T/shared/b.txt" "$T/shared.orig"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$QG" lint --fix "$T/shared/b.txt" >"$T/out" 2>"$T/err"
  [ $? = 3 ] && ok || bad "--fix of a file the user may not write: exit not 3"
  same "$T/shared/b.txt" "$T/shared.orig" "a file the user may not write is left"
  [ "$(stat -c %U "$T/shared/b.txt")" = root ] && ok || bad "--fix handed the file to $(stat -c %U "$T/shared/b.txt")"
  contains "$T/err" "b.txt: not writable: not fixed" "not writable: said"
  # writable by the group, owned by root: fixed only if the owner can be kept (it cannot)
  chmod 666 "$T/shared/b.txt"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$QG" lint --fix "$T/shared/b.txt" >"$T/out" 2>"$T/err"
  same "$T/shared/b.txt" "$T/shared.orig" "a file whose owner cannot be kept is left"
  contains "$T/err" "b.txt: its owner or group cannot be kept: not fixed" "owner: said"
  # set-user-ID and set-group-ID bits are kept (the owner is set before the mode)
  printf '权限位,有逗号.\n' >"$T/fix/suid.txt"; chown 65534:65534 "$T/fix/suid.txt"; chmod 6755 "$T/fix/suid.txt"
  "$QG" lint -q --fix "$T/fix/suid.txt" >/dev/null 2>&1
  [ "$(stat -c '%a %u' "$T/fix/suid.txt")" = "6755 65534" ] && ok || bad "--fix left mode and owner $(stat -c '%a %u' "$T/fix/suid.txt"), not 6755 65534"
  contains "$T/fix/suid.txt" "权限位，有逗号。" "the set-id file is fixed"
fi
# a POSIX ACL and user extended attributes are kept: the rename must not take a colleague's
# write access granted by an ACL (probe 10 F2); skipped where the file system has none
printf '共享稿件,好.\n' >"$T/fix/acl.txt"
if python3 - "$T/fix/acl.txt" 2>/dev/null <<'PY'
import os, struct, sys
e = [(1, 6, 0xffffffff), (2, 6, 65534), (4, 4, 0xffffffff), (0x10, 6, 0xffffffff), (0x20, 4, 0xffffffff)]
os.setxattr(sys.argv[1], 'system.posix_acl_access', struct.pack('<I', 2) + b''.join(struct.pack('<HHI', *x) for x in e))
os.setxattr(sys.argv[1], 'user.origin', b'wire')
PY
then
  before=$(python3 -c 'import os,sys; print(sorted((a, os.getxattr(sys.argv[1], a)) for a in os.listxattr(sys.argv[1])))' "$T/fix/acl.txt")
  expect_exit 0 "--fix of a file with an ACL" "$QG" lint -q --fix "$T/fix/acl.txt"
  contains "$T/fix/acl.txt" "共享稿件，好。" "the file with an ACL is fixed"
  after=$(python3 -c 'import os,sys; print(sorted((a, os.getxattr(sys.argv[1], a)) for a in os.listxattr(sys.argv[1])))' "$T/fix/acl.txt")
  [ "$before" = "$after" ] && ok || bad "--fix lost extended attributes: before $before, after $after"
else
  echo "note: no extended attributes on this file system: ACL test skipped"
fi
# UTF-32 with its byte order mark (FF FE 00 00 also starts UTF-16LE: every character came with
# a NUL removed, and 00 00 FE FF was taken for broken UTF-8; probe 9 F18): checked at the
# right columns and fixed in UTF-32
for e in utf-32-le utf-32-be; do
  python3 -c "import sys; open(sys.argv[1],'wb').write('\ufeff今年以来,我市.\n'.encode(sys.argv[2]))" "$T/fix/u32.txt" $e
  expect_exit 0 "lint, $e with a BOM" "$QG" lint "$T/fix/u32.txt"
  contains "$T/out" "u32.txt:1:5: warning: .*\[punct-width\]" "$e: the comma at column 5"
  lacks "$T/out" "char-invisible" "$e: no NUL removed"
  expect_exit 0 "--fix, $e" "$QG" lint -q --fix "$T/fix/u32.txt"
  python3 -c "import sys; assert open(sys.argv[1],'rb').read() == '\ufeff今年以来，我市。\n'.encode(sys.argv[2])" "$T/fix/u32.txt" $e && ok || bad "--fix of $e: not the same encoding and BOM"
done
# a short file in a legacy encoding is a guess (a line of Big5 is valid GB18030; read as Big5
# since session 18, review 17 P1, but still a guess): --fix does not write GB18030 marks
# between Big5 bytes (probe 9 F20), json offers no fix, and with the
# encoding named it is fixed; a longer GB18030 file is fixed as it is detected. The file not
# fixed fails, status 3, in --fix and --diff and in every format (session 17: it was said and
# the status was 0, so a CI job running --fix took it for fixed); a short file of a guessed
# encoding with nothing to fix is no failure and says nothing
python3 -c "open('$T/fix/b5.txt','wb').write('臺北市,今日晴.\n'.encode('big5'))"
cp "$T/fix/b5.txt" "$T/fix/b5.orig"
expect_exit 3 "--fix, a short Big5 file" "$QG" lint -q --fix "$T/fix/b5.txt"
same "$T/fix/b5.txt" "$T/fix/b5.orig" "a short file of a guessed encoding is not fixed"
contains "$T/err" "b5.txt: not fixed: its encoding \(Big5\) was guessed from too little text to be sure: 2 fixes not applied; name the encoding with --encoding to fix it" "guessed encoding: said"
contains "$T/err" "failed: .*b5.txt" "guessed encoding: named in the failed: summary"
expect_exit 3 "--diff, a short Big5 file" "$QG" lint --diff "$T/fix/b5.txt"
[ ! -s "$T/out" ] && ok || bad "--diff of a short Big5 file: a diff was printed: $(cat "$T/out")"
expect_exit 3 "--fix -f sarif, a short Big5 file" "$QG" lint -f sarif --fix "$T/fix/b5.txt"
python3 - "$T/out" <<'PY' && ok || bad "--fix -f sarif of a short Big5 file: not an unsuccessful execution naming it"
import json, sys
inv = json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]
assert inv["executionSuccessful"] is False and inv["exitCode"] == 3, inv
assert "b5.txt" in inv["toolExecutionNotifications"][0]["message"]["text"], inv
PY
expect_exit 3 "--fix -f github, a short Big5 file" "$QG" lint -f github --fix "$T/fix/b5.txt"
contains "$T/out" "^::error file=.*b5.txt,title=input-error::" "--fix -f github: an input-error annotation"
same "$T/fix/b5.txt" "$T/fix/b5.orig" "a short file of a guessed encoding is not fixed in any format"
expect_exit 0 "lint, a short Big5 file (no --fix)" "$QG" lint -q "$T/fix/b5.txt"
python3 -c "open('$T/fix/b5c.txt','wb').write('臺北市，今日晴。\n'.encode('big5'))"
expect_exit 0 "--fix, a short Big5 file with nothing to fix" "$QG" lint --fix "$T/fix/b5c.txt"
lacks "$T/err" "not fixed" "a short file with nothing to fix: no refusal said"
expect_exit 0 "json, a short Big5 file" "$QG" lint -f json "$T/fix/b5.txt"
contains "$T/out" '"fixable":false' "guessed encoding: json offers no fix"
lacks "$T/out" '"fixable":true' "guessed encoding: no fix offered"
expect_exit 0 "--fix -e Big5" "$QG" lint -q --fix -e Big5 "$T/fix/b5.txt"
python3 -c "import sys; assert open(sys.argv[1],'rb').read().decode('big5') == '臺北市，今日晴。\n'" "$T/fix/b5.txt" && ok || bad "--fix -e Big5 did not fix the Big5 file"
python3 -c "open('$T/fix/gbl.txt','wb').write(('今天天气很好,大家都出门散步了,公园里人很多.'*2+'\n').encode('gb18030'))"
expect_exit 0 "--fix, a GB18030 file of 44 characters" "$QG" lint -q --fix "$T/fix/gbl.txt"
python3 -c "import sys; assert open(sys.argv[1],'rb').read().decode('gb18030') == '今天天气很好，大家都出门散步了，公园里人很多。'*2+'\n'" "$T/fix/gbl.txt" && ok || bad "a GB18030 file long enough was not fixed"
# vertical forms and half-width katakana in GB18030 (session 16): the two-byte vertical marks
# of GB18030-2022 (A6D9 ︐, A6DB ︑, A6DA ︒, A6F3 ︙, read as those characters), the four-byte
# ones and half-width katakana are fixed to their horizontal and full-width forms, in passes (︐
# → , → ，), the rest of the file's bytes kept; a second --fix finds nothing, and what is kept
# (a single ︱, ﹀ without its partner, a face) stays
python3 - "$T/fix/gbv.txt" <<'PY'
import sys
gb = lambda s: s.encode("gb18030")
b = (gb("竖排") + b"\xa6\xd9" + gb("文字") + b"\xa6\xdb" + gb("好") + b"\xa6\xda" + gb("他沉默了") +
     b"\xa6\xf3\xa6\xf3" + gb("然后说︱︱我不去。\n") +
     gb("他说︽论语︾是经典︔你读过吗︖电话︰12345678。\n") +
     gb("他买了ｶﾞｲﾄﾞﾌﾞｯｸ｡他说｢好的｣｡他说︱好，展开全文﹀，好累(︶︹︺)。\n") +
     gb("专访︱张三，谈未来。\n"))
open(sys.argv[1], "wb").write(b)
PY
expect_exit 0 "--fix GB18030 vertical and half-width forms" "$QG" lint -q --fix -e GB18030 "$T/fix/gbv.txt"
python3 - "$T/fix/gbv.txt" <<'PY' && ok || bad "--fix GB18030 vertical and half-width forms: not the fixed text"
import sys
got = open(sys.argv[1], "rb").read().decode("gb18030")
want = ("竖排，文字、好。他沉默了……然后说——我不去。\n"
        "他说《论语》是经典；你读过吗？电话：12345678。\n"
        "他买了ガイドブック。他说「好的」。他说︱好，展开全文﹀，好累(︶︹︺)。\n"
        "专访︱张三，谈未来。\n")
assert got == want, got
PY
cp "$T/fix/gbv.txt" "$T/fix/gbv.once"
expect_exit 0 "--fix GB18030 vertical forms again" "$QG" lint -q --fix -e GB18030 "$T/fix/gbv.txt"
same "$T/fix/gbv.txt" "$T/fix/gbv.once" "--fix GB18030 vertical forms: a second --fix changes nothing"
expect_exit 0 "lint GB18030 after the fix" "$QG" lint -e GB18030 "$T/fix/gbv.txt"
contains "$T/out" "gbv.txt:3:20: .*vertical em dash ︱, not two.*\[char-vertical\]" "GB18030: the single ︱ of a clause still reported"
[ "$(grep -c . "$T/out")" = 2 ] && ok || bad "GB18030 after the fix: only the ︱ of 他说︱好 and ﹀ reported (line 4's 专访︱ separates: review 16b N1): $(cat "$T/out")"
# review 16b N3: the ︐ of a four-digit number is removed (1︐000 → 1000), so --fix writes no form
# num-group-short then reports; a grouping of five digits keeps its comma (10︐000 → 10,000); a
# second lint finds nothing on either (GB18030: A6D9 is ︐)
python3 - "$T/fix/gbn.txt" <<'PY'
import sys
gb = lambda s: s.encode("gb18030")
open(sys.argv[1], "wb").write(gb("全市共有1") + b"\xa6\xd9" + gb("000人参加，捐款10") + b"\xa6\xd9" +
                              gb("000元，大家都很高兴，这是一个好消息。\n"))
PY
expect_exit 0 "--fix GB18030 1︐000" "$QG" lint -q --fix -e GB18030 "$T/fix/gbn.txt"
python3 -c "import sys; got = open(sys.argv[1],'rb').read().decode('gb18030'); assert got == '全市共有1000人参加，捐款10,000元，大家都很高兴，这是一个好消息。\n', got" "$T/fix/gbn.txt" && ok || bad "--fix 1︐000: not 1000 and 10,000"
expect_exit 0 "lint after --fix 1︐000" "$QG" lint -e GB18030 "$T/fix/gbn.txt"
[ ! -s "$T/out" ] && ok || bad "lint after --fix 1︐000: a finding is left: $(cat "$T/out")"
# the SARIF fixes, applied to the file, give what --fix writes
u8 "$in" >"$T/fix/sf.txt"
"$QG" lint -f sarif "$T/fix/sf.txt" >"$T/sf.sarif" 2>/dev/null
cp "$T/fix/sf.txt" "$T/fix/sf.fixed"
"$QG" lint --fix -q "$T/fix/sf.fixed" >/dev/null 2>&1
python3 - "$T/sf.sarif" "$T/fix/sf.txt" "$T/fix/sf.fixed" <<'EOF' && ok || bad "SARIF fixes applied give the --fix result"
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8", newline="").read()
lines = text.split("\r\n")
reps = []
for r in log["runs"][0]["results"]:
    for f in r.get("fixes", []):
        for ch in f["artifactChanges"]:
            for rep in ch["replacements"]:
                d = rep["deletedRegion"]
                reps.append((d["startLine"], d["startColumn"], d["endColumn"], rep["insertedContent"]["text"]))
assert len(reps) == 13, len(reps)
for ln, c1, c2, t in sorted(reps, reverse=True):
    s = lines[ln - 1]
    lines[ln - 1] = s[:c1 - 1] + t + s[c2 - 1:]
want = open(sys.argv[3], encoding="utf-8", newline="").read()
assert "\r\n".join(lines) == want, ("\r\n".join(lines), want)
EOF
# a real failure: a directory where no temporary file can be made (read-only for a user;
# immutable for root, who ignores permissions, where the filesystem allows chattr)
mkdir -p "$T/ro"; gb "$in" >"$T/ro/a.txt"; cp "$T/ro/a.txt" "$T/ro.orig"
locked=0
if [ "$(id -u)" != 0 ]; then chmod 555 "$T/ro" && locked=1
elif command -v chattr >/dev/null && chattr +i "$T/ro" 2>/dev/null; then locked=2; fi
if [ $locked != 0 ]; then
  expect_exit 3 "unwritable directory" "$QG" lint --fix "$T/ro/a.txt"
  contains "$T/err" "ro/a.txt: cannot create a temporary file next to it" "unwritable directory message"
  [ $locked = 2 ] && chattr -i "$T/ro"
  same "$T/ro/a.txt" "$T/ro.orig" "unwritable directory: original intact"
else
  echo "note: no way to make a directory unwritable here; the simulated failure above stands" >&2
fi
# a rule turned off is not fixed, and fixes next to it are held back
mkdir -p "$T/off"
printf '[rules]\nchar-fullwidth-alnum = off\n' >"$T/off/.qinggao.ini"
u8 '增长３．５％,好.\n' >"$T/off/a.txt"
expect_exit 0 "--fix with a rule off" "$QG" lint --fix "$T/off/a.txt"
u8 '增长３．５％，好。\n' >"$T/off/want"
same "$T/off/a.txt" "$T/off/want" "off rule and touching number fixes held back, others applied"
contains "$T/out" "a.txt:1:4: warning: full-width decimal point replaced by \. \[num-fullwidth-sign\]" "held-back fix still reported"
lacks "$T/out" "char-fullwidth-alnum" "off rule not reported"
# indents, joins and moves are never applied; text of other lines is
u8 '　　第一段的文字很长,他说了一句话:\n"今天天气很好."然后走了.\n\n第二段.\n' >"$T/fix/lay.txt"
u8 '　　第一段的文字很长，他说了一句话：\n“今天天气很好。”然后走了。\n\n第二段。\n' >"$T/fix/lay.want"
expect_exit 0 "--fix keeps layout" "$QG" lint --fix "$T/fix/lay.txt"
same "$T/fix/lay.txt" "$T/fix/lay.want" "indent and line breaks kept, fixes applied"
contains "$T/out" "\[char-indent\]" "indent still reported"
# (probe 26 L6: lint says what clean does with the indent and that --fix leaves it)
contains "$T/out" "indent of 2 characters: clean removes it, --fix leaves it \(layout\) \[char-indent\]" "indent message says --fix leaves it"
lacks "$T/out" "characters removed \[char-indent\]" "indent message does not say removed"
cp "$T/fix/lay.txt" "$T/fix/lay2.txt"
expect_exit 0 "--fix again" "$QG" lint --fix "$T/fix/lay2.txt"
same "$T/fix/lay2.txt" "$T/fix/lay.want" "idempotent on the layout sample"

# ---- --diff ------------------------------------------------------------------------------------
mkdir -p "$T/diff"
u8 '一\n二\n三\n四\n第五行,有逗号.\n六\n七\n八\n九\n十\n十一\n十二\n第十三行?\n' >"$T/diff/a.txt"
cp "$T/diff/a.txt" "$T/diff/a.orig"
(cd "$T/diff" && "$QG" lint --diff --paragraphs line a.txt >"$T/out" 2>"$T/err"); [ $? = 0 ] && ok || bad "--diff exit"
u8 '--- a/a.txt\n+++ b/a.txt\n@@ -2,7 +2,7 @@\n 二\n 三\n 四\n-第五行,有逗号.\n+第五行，有逗号。\n 六\n 七\n 八\n@@ -10,4 +10,4 @@\n 十\n 十一\n 十二\n-第十三行?\n+第十三行？\n' >"$T/diff/want"
same "$T/out" "$T/diff/want" "--diff output"
same "$T/diff/a.txt" "$T/diff/a.orig" "--diff writes nothing"
(cd "$T/diff" && patch -s -p1 -F0 <"$T/out") && ok || bad "the diff applies with patch"
(cd "$T/diff" && "$QG" lint --diff --paragraphs line a.txt >"$T/out" 2>/dev/null)
[ -s "$T/out" ] && bad "--diff after patching is not empty" || ok
gb "$in" >"$T/diff/gb.txt"
expect_exit 0 "--diff on GB18030" "$QG" lint --diff "$T/diff/gb.txt"
# its diff is UTF-8, for reading: said once on standard error, as git apply refuses it (and
# every other file's hunks with it; audit 24 F14: nothing said so); a UTF-8 file's is not
contains "$T/err" "^qinggao: $T/diff/gb.txt: GB18030: its diff is shown in UTF-8 and will not apply to the file; use --fix$" "--diff of GB18030: said it will not apply"
[ "$(grep -c 'will not apply' "$T/err")" = 1 ] && ok || bad "--diff of GB18030: said once"
expect_exit 0 "--diff on UTF-8 and GB18030" "$QG" lint --diff --paragraphs line "$T/diff/a.orig" "$T/diff/gb.txt"
[ "$(grep -c 'will not apply' "$T/err")" = 1 ] && ok || bad "--diff of UTF-8: nothing said of its diff"
# a name with a space, a newline or a quote is quoted as git quotes it, and a UTF-8 file's
# byte order mark stays in its first line: each diff applies with patch -p1 and gives what
# --fix writes (probe 9 F4)
mkdir -p "$T/dn"
for name in '空 格.txt' "$(printf 'n\nl.txt')" 'q"uote.txt' 'bom.txt'; do
  if [ "$name" = bom.txt ]; then u8 '\xef\xbb\xbf今年以来,我市共完成项目.\n' >"$T/dn/$name"
  else u8 '今年以来,我市共完成项目.\n' >"$T/dn/$name"; fi
  cp "$T/dn/$name" "$T/dn/fixed"; "$QG" lint -q --fix "$T/dn/fixed" >/dev/null 2>&1
  (cd "$T/dn" && "$QG" lint -q --diff "$name" >"$T/dn.diff" 2>/dev/null)
  (cd "$T/dn" && patch -s -p1 -F0 <"$T/dn.diff") && ok || bad "--diff of '$name' does not apply with patch -p1"
  same "$T/dn/$name" "$T/dn/fixed" "--diff of '$name' applied gives the --fix result"
done
contains "$T/dn.diff" '^--- a/bom.txt$' "a plain name unquoted"
u8 '今年以来,我市共完成项目.\n' >"$T/dn/sp ace.txt"; (cd "$T/dn" && "$QG" lint -q --diff 'sp ace.txt' >"$T/dn.diff")
contains "$T/dn.diff" '^--- "a/sp ace.txt"$' "a name with a space quoted"
# a file reached twice (named and found in its directory) shows its diff once, at its first
# visit, and the diff applies (probe 10 F8); -j 2 the same
mkdir -p "$T/dn2/sub"; u8 '第二行,好.\n' >"$T/dn2/sub/x.txt"; cp "$T/dn2/sub/x.txt" "$T/dn2/x.orig"
for j in 1 2; do
  (cd "$T/dn2" && "$QG" lint -j $j --diff sub sub/x.txt >"$T/dn2.diff" 2>"$T/err")
  [ "$(grep -c '^--- a/sub/x.txt' "$T/dn2.diff")" = 1 ] && ok || bad "-j $j: a file reached twice: diff shown $(grep -c '^--- a/sub/x.txt' "$T/dn2.diff") times"
  contains "$T/err" "2 files checked, 2 fixes shown in 1 file" "-j $j: a file reached twice: its fixes counted once"
  (cd "$T/dn2" && patch -s -p1 -F0 <"$T/dn2.diff") && ok || bad "-j $j: the diff of a file reached twice does not apply"
  cp "$T/dn2/x.orig" "$T/dn2/sub/x.txt"
done
contains "$T/out" "^\+今年前3个月，本市GDP增长3\.5%，" "GB18030 diff in UTF-8"
expect_exit 1 "--diff exits as --fix would leave" "$QG" lint --diff "$T/dup.txt"
[ -s "$T/out" ] && bad "--diff printed for a file with nothing to fix" || ok
# --diff prints no diagnostics, so it takes no structured format: a diff inside a JSON array
# or a SARIF log would break the report (usage error); -f gcc (the default) is fine
for fmt in json sarif github codeclimate; do
  expect_exit 2 "--diff -f $fmt" "$QG" lint -q --diff -f "$fmt" "$T/warn3.txt"
  case $fmt in # (a usage error after the format: sarif and codeclimate end a whole report)
    sarif) sarif_failed "$T/out" 2 "-f sarif does not apply" "--diff -f sarif" ;;
    codeclimate) python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$T/out" && ok || bad "--diff -f codeclimate: not []" ;;
    *) [ -s "$T/out" ] && bad "--diff -f $fmt printed something" || ok ;;
  esac
  contains "$T/err" "--diff prints a unified diff and no diagnostics: -f $fmt does not apply" "--diff -f $fmt message"
done
expect_exit 0 "--diff -f gcc" "$QG" lint -q --diff -f gcc "$T/warn3.txt"
contains "$T/out" "^\+\+\+ b/" "--diff -f gcc prints the diff"

# ---- file names with %, and names that are not UTF-8 (docs/ci.md, "Formats") ------------------
# gcc, github and codeclimate are read by tools that match paths literally: the real name,
# (github: its property escaping once); json keeps the display name (%XX, as clean's source),
# SARIF percent-encodes into its URI; a name that is not valid UTF-8 cannot be written as it is
P=$T/pct; mkdir -p "$P"
cp "$T/warn3.txt" "$P/50%off.txt"
cp "$T/warn3.txt" "$P/$(printf 'bad\377name.txt')"
cp "$T/warn3.txt" "$P/a,b:c.txt"
(cd "$P" && "$QG" lint -f gcc '50%off.txt' "$(printf 'bad\377name.txt')" 'a,b:c.txt' >"$T/out" 2>"$T/err")
contains "$T/out" "^50%off\.txt:1:7: warning" "gcc: a % in a name written as it is"
contains "$T/out" "^bad%FFname\.txt:1:7: warning" "gcc: a byte that is not UTF-8 as %XX"
contains "$T/out" "^a,b:c\.txt:1:7: warning" "gcc: , and : as they are"
(cd "$P" && "$QG" lint -f github '50%off.txt' "$(printf 'bad\377name.txt')" 'a,b:c.txt' >"$T/out" 2>"$T/err")
contains "$T/out" "^::warning file=50%25off\.txt,line=1,col=7," "github: % escaped once"
lacks "$T/out" "%2525" "github: % not escaped twice"
contains "$T/out" "^::warning file=a%2Cb%3Ac\.txt,line=1," "github: , and : escaped in the property"
contains "$T/out" "^::warning file=bad%25FFname\.txt," "github: a name that is not UTF-8"
(cd "$P" && "$QG" lint -f codeclimate '50%off.txt' "$(printf 'bad\377name.txt')" >"$T/out" 2>"$T/err")
contains "$T/out" '"path":"50%off\.txt"' "codeclimate: a % in a name written as it is"
contains "$T/out" '"path":"bad%FFname\.txt"' "codeclimate: a name that is not UTF-8"
(cd "$P" && "$QG" lint -f sarif '50%off.txt' >"$T/out" 2>"$T/err")
contains "$T/out" '"uri":"50%25off\.txt"' "sarif: % percent-encoded in the URI"
(cd "$P" && "$QG" lint -f json '50%off.txt' >"$T/out" 2>"$T/err")
contains "$T/out" '"file":"50%25off\.txt"' "json: the display name"

# ---- fingerprints: codeclimate and SARIF partialFingerprints (probe 14 #5) ----------------------
# What identifies an issue, not where it is: a paragraph added above, or an issue fixed
# elsewhere, keeps every other fingerprint; identical issues stay apart; SARIF's
# partialFingerprints["qinggao/v1"] is codeclimate's fingerprint; the file's name is part of
# it (a rename changes it); a file in GB18030 with CR line ends has the fingerprints of its
# UTF-8 copy; streamed and whole give the same (the streaming loop below)
F=$T/fp; mkdir -p "$F/u" "$F/g"
u8 '记者今天报道,北京的天气很好。市民们纷纷走出家门,到公园里散步。

据统计,今年１２月共有３０００人参加了活动。"这是一个好消息",他说。

好,好,好,好。好,好,好,好。
' >"$F/base.txt"
fps() { # format file → the fingerprints, one a line, in order
  python3 - "$1" "$2" <<'PY'
import json, sys
fmt, f = sys.argv[1:3]
d = json.load(open(f))
v = [i["fingerprint"] for i in d] if fmt == "codeclimate" else \
    [r["partialFingerprints"]["qinggao/v1"] for r in d["runs"][0]["results"]]
print("\n".join(v))
PY
}
cp "$F/base.txt" "$F/u/a.txt"
for fmt in codeclimate sarif; do (cd "$F/u" && "$QG" lint -q -f $fmt a.txt >"$F/1.$fmt"); fps $fmt "$F/1.$fmt" >"$F/1.$fmt.fp"; done
same "$F/1.codeclimate.fp" "$F/1.sarif.fp" "sarif partialFingerprints are codeclimate's fingerprints"
n=$(wc -l <"$F/1.codeclimate.fp"); [ "$n" -ge 14 ] && ok || bad "fingerprints: only $n issues"
[ "$(sort -u "$F/1.codeclimate.fp" | wc -l)" = "$n" ] && ok || bad "fingerprints: identical issues (好,好,好) share one"
grep -qvE '^[0-9a-f]{16}$' "$F/1.codeclimate.fp" && bad "fingerprints: not 16 hex digits" || ok
# a paragraph added at the top, and one at the end with issues of its own: every old one kept
{ u8 '新增的第一段,也有逗号.

'; cat "$F/base.txt"; u8 '
末尾,再来.
'; } >"$F/u/a.txt"
(cd "$F/u" && "$QG" lint -q -f codeclimate a.txt >"$F/2.codeclimate"); fps codeclimate "$F/2.codeclimate" >"$F/2.fp"
[ "$(sort "$F/1.codeclimate.fp" "$F/2.fp" | uniq -d | wc -l)" = "$n" ] && ok || bad "fingerprints: a paragraph added above changed some ($(sort "$F/1.codeclimate.fp" "$F/2.fp" | uniq -d | wc -l) of $n kept)"
[ "$(wc -l <"$F/2.fp")" = $((n + 4)) ] && ok || bad "fingerprints: the new paragraphs' issues"
# the first comma of the file fixed: only its issue goes
u8 '记者今天报道，北京的天气很好。市民们纷纷走出家门,到公园里散步。
' >"$F/u/a.txt"; tail -n +2 "$F/base.txt" >>"$F/u/a.txt"
(cd "$F/u" && "$QG" lint -q -f codeclimate a.txt >"$F/3.codeclimate"); fps codeclimate "$F/3.codeclimate" >"$F/3.fp"
[ "$(sort "$F/1.codeclimate.fp" "$F/3.fp" | uniq -d | wc -l)" = $((n - 1)) ] && ok || bad "fingerprints: fixing one issue changed others"
# the middle 好,好 of the last line fixed: its neighbours' contexts change, the other line's not
u8 '好,好,好,好。好,好，好,好。
' >"$F/last.txt"
{ head -n 4 "$F/base.txt"; cat "$F/last.txt"; } >"$F/u/a.txt"
(cd "$F/u" && "$QG" lint -q -f codeclimate a.txt >"$F/4.codeclimate"); fps codeclimate "$F/4.codeclimate" >"$F/4.fp"
kept=$(sort "$F/1.codeclimate.fp" "$F/4.fp" | uniq -d | wc -l); [ "$kept" -ge $((n - 4)) ] && ok || bad "fingerprints: one of 8 identical commas fixed kept only $kept of $n"
# renamed: the path is part of the identity
cp "$F/base.txt" "$F/u/b.txt"
(cd "$F/u" && "$QG" lint -q -f codeclimate b.txt >"$F/5.codeclimate"); fps codeclimate "$F/5.codeclimate" >"$F/5.fp"
[ "$(sort "$F/1.codeclimate.fp" "$F/5.fp" | uniq -d | wc -l)" = 0 ] && ok || bad "fingerprints: a renamed file kept some"
# GB18030 with CR line ends, by the same name: the fingerprints of the UTF-8 file
tr '\n' '\r' <"$F/base.txt" | iconv -f UTF-8 -t GB18030 >"$F/g/a.txt"
for fmt in codeclimate sarif; do
  (cd "$F/g" && "$QG" lint -q -e GB18030 -f $fmt a.txt >"$F/g.$fmt"); fps $fmt "$F/g.$fmt" >"$F/g.$fmt.fp"
  same "$F/g.$fmt.fp" "$F/1.$fmt.fp" "fingerprints ($fmt): GB18030 and CR as its UTF-8 copy"
  (cd "$F/g" && QINGGAO_TEST_STREAM_K=0 "$QG" lint -q -e GB18030 -f $fmt a.txt >"$F/g0.$fmt")
  same "$F/g0.$fmt" "$F/g.$fmt" "fingerprints ($fmt): GB18030 decided whole at its end, as checked whole"
done
# standard input: as the file, named <stdin>
"$QG" lint -q -f codeclimate - <"$F/base.txt" >"$F/in.codeclimate"
[ "$(fps codeclimate "$F/in.codeclimate" | sort -u | wc -l)" = "$n" ] && ok || bad "fingerprints of standard input"

# ---- paths normalized: ./ and // (probe 14 #7, #8) ----------------------------------------------
# `lint .` from a repository's top, `lint ./articles`, `lint articles//` and `lint articles`
# name the files alike in every format (GitHub and GitLab look the path up literally; the
# fingerprints of codeclimate and SARIF hold the path), and the --diff headers of `lint --diff
# .` apply with git apply; .. is kept
N=$T/norm; mkdir -p "$N/articles/sub"
cp "$T/warn3.txt" "$N/articles/a.txt"; cp "$T/warn3.txt" "$N/articles/sub/b.txt"
for fmt in gcc json sarif github codeclimate; do
  (cd "$N" && "$QG" lint -q -f "$fmt" articles >"$T/n0" 2>&1
   "$QG" lint -q -f "$fmt" . >"$T/n1" 2>&1
   "$QG" lint -q -f "$fmt" ./articles >"$T/n2" 2>&1
   "$QG" lint -q -f "$fmt" articles// >"$T/n3" 2>&1
   "$QG" lint -q -f "$fmt" .//articles/./sub/../ >"$T/n4" 2>&1
   "$QG" lint -q -f "$fmt" ./articles/a.txt articles//sub/b.txt >"$T/n5" 2>&1)
  for k in 1 2 3 5; do same "$T/n0" "$T/n$k" "-f $fmt: path form $k named like 'articles'"; done
  lacks "$T/n0" '(^|[="])\./|articles//|/\./' "-f $fmt: no ./ nor // in the paths"
  contains "$T/n4" 'articles/sub/\.\./' "-f $fmt: .. is kept"
done
contains "$T/n0" '"path":"articles/a\.txt"' "codeclimate: path as the repository names it"
(cd "$N" && "$QG" lint -q -f sarif "$N/articles" >"$T/n6")
contains "$T/n6" '"uri":"file://'"$N"'/articles/a\.txt"' "sarif: an absolute path kept absolute"
(cd "$N" && "$QG" lint -q --diff . >"$T/n.diff"; "$QG" lint -q --diff ./articles/a.txt >"$T/n1.diff")
contains "$T/n.diff" '^--- a/articles/a\.txt$' "--diff .: --- a/articles/a.txt"
contains "$T/n.diff" '^\+\+\+ b/articles/sub/b\.txt$' "--diff .: +++ b/articles/sub/b.txt"
contains "$T/n1.diff" '^--- a/articles/a\.txt$' "--diff ./x: --- a/x"
if command -v git >/dev/null; then
  (cd "$N" && git init -q . && git add -A && git -c user.email=t@t -c user.name=t commit -qm t &&
   git apply --check "$T/n.diff" && git apply --check "$T/n1.diff") >"$T/err" 2>&1 &&
    ok || bad "git apply --check of lint --diff . and ./x: $(head -2 "$T/err")"
  (cd "$N" && git apply "$T/n.diff" && "$QG" lint -q articles) >"$T/out" 2>&1 && [ ! -s "$T/out" ] &&
    ok || bad "git apply of lint --diff . fixes every warning: $(head -2 "$T/out")"
else
  echo "skip: git not found (git apply of lint --diff .)"
fi

# ---- files that are not text, --include, --exclude (docs/ci.md) ---------------------------------
# a directory walk skips files that are clearly not text (NUL bytes not read as UTF-16, or a
# known binary format), said once; a file named on the command line is still checked; text in
# UTF-16 (with or without a BOM) and compressed text are checked
B=$T/arts; mkdir -p "$B/sub"
cp "$T/warn3.txt" "$B/a.txt"
printf '\377\330\377\340\000\020JFIF\000\001\001\000\000\001' >"$B/photo.jpg"
printf '\211PNG\r\n\032\nIHDR' >"$B/sub/p.png"
printf '%%PDF-1.4\n%%\342\343\317\323\n' >"$B/doc.pdf"
printf 'PK\003\004\024\000\006\000' >"$B/story.docx"
printf 'ab\000\001\377cd\000\000\376\000\000\000\001\000' >"$B/blob.bin"
printf '今天天气很好,\000我们去公园.\n' >"$B/strayNUL.txt" # text with a stray NUL: checked
iconv -f UTF-8 -t UTF-16LE "$T/warn3.txt" >"$B/u16.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$T/warn3.txt"; } >"$B/u16bom.txt"
gzip -c "$T/warn3.txt" >"$B/z.txt.gz"
gzip -c "$B/photo.jpg" >"$B/photo.jpg.gz" # looked at decompressed: skipped too
expect_exit 0 "lint DIR with binary files" "$QG" lint "$B"
[ "$(grep -c 'punct-width' "$T/out")" = 9 ] && ok || bad "lint DIR: the 5 text files (a, strayNUL, u16, u16bom, z) give 9 punct-width warnings, got $(grep -c punct-width "$T/out")"
contains "$T/out" "strayNUL.txt:1:8: warning: invisible U\+0000" "lint DIR: a stray NUL in text is the text's (checked, reported)"
lacks "$T/out" "photo|png|pdf|docx|blob" "lint DIR: nothing reported for the binary files"
contains "$T/err" "^qinggao: lint: 6 files found in directories skipped, not text: $B/blob.bin \(NUL bytes\), $B/doc.pdf \(a PDF document\), $B/photo.jpg \(a JPEG image\), …; a file named on the command line is checked$" "lint DIR: the skipped files said once"
[ "$(grep -c 'not text' "$T/err")" = 1 ] && ok || bad "lint DIR: the skipped files said more than once"
expect_exit 0 "lint -q DIR with binary files" "$QG" lint -q "$B"
lacks "$T/err" "not text" "-q: the skip is not said"
expect_exit 3 "a binary file named" "$QG" lint "$B" "$B/photo.jpg"
contains "$T/out" "^$B/photo.jpg:1:1: error: invalid UTF-8 byte" "a binary file named is checked"
for fmt in json sarif codeclimate; do
  expect_exit 0 "lint -f $fmt DIR with binary files" "$QG" lint -f "$fmt" "$B"
  python3 -c 'import json,sys; d=sys.stdin.read(); [json.loads(l) for l in d.splitlines()] if sys.argv[1]=="json" else json.loads(d)' "$fmt" <"$T/out" && ok || bad "-f $fmt DIR: not valid JSON"
done
# -e UTF-16LE: NUL bytes are its text, the walk does not call the file binary for them
mkdir -p "$T/arts16"; printf 'a\000\000\000b\000\000\000' >"$T/arts16/x.txt"
expect_exit 0 "-e UTF-16LE walk" "$QG" lint -e UTF-16LE "$T/arts16"
lacks "$T/err" "not text" "-e UTF-16LE: NUL bytes not taken for binary"
expect_exit 2 "the same file, encoding detected" "$QG" lint "$T/arts16"
contains "$T/err" "x.txt \(NUL bytes\)" "NUL bytes (detected encoding): skipped"
contains "$T/err" "no file to check \(1 found not text" "nothing left to check: said, status 2"
# data and code files found in a directory are no copy (probe 13 C8: lint --fix DIR rewrote a
# desk's metadata.json and a YAML file next to its articles): skipped by their name and said,
# unless an --include pattern takes them or they are named on the command line
mkdir -p "$T/c8/articles"
u8 '{"title": "今日要闻", "tags": ["民生", "城建"]}\n' >"$T/c8/articles/meta.json"
u8 'title: "全市启动"\n' >"$T/c8/articles/front.YAML"
u8 '记者从市里获悉,今天开会.\n' >"$T/c8/articles/a.txt"
cp "$T/c8/articles/meta.json" "$T/c8/meta.before"
expect_exit 0 "lint --fix DIR with data files" "$QG" lint --fix "$T/c8/articles"
cmp -s "$T/c8/articles/meta.json" "$T/c8/meta.before" && ok || bad "lint --fix DIR: a .json file was rewritten"
contains "$T/c8/articles/a.txt" '^记者从市里获悉，今天开会。$' "lint --fix DIR: the copy is fixed"
contains "$T/err" "skipped, not text: $T/c8/articles/front.YAML \(data or code \(.yaml\)\), $T/c8/articles/meta.json \(data or code \(.json\)\)" "lint DIR: the data files said, by name"
expect_exit 0 "--include takes a data file" "$QG" lint --include '*.json' "$T/c8/articles"
contains "$T/out" "meta.json:1:2: warning: .*\[punct-quote\]" "--include '*.json': checked"
# named, a data file is checked whatever its name, but a JSON object on its only line is JSON
# Lines, refused as clean refuses it (session 19; until then it was checked as prose)
expect_exit 0 "a data file named" "$QG" lint "$T/c8/articles/front.YAML"
contains "$T/out" "front.YAML:1:8: warning: .*\[punct-quote\]" "a data file named: checked"
expect_exit 3 "a JSON object named meta.json" "$QG" lint "$T/c8/articles/meta.json"
contains "$T/err" "meta.json: looks like JSON Lines \(its only non-blank line is a JSON object\)" "a JSON object named meta.json: refused"
# lint --diff's own output kept beside the articles is no copy either (probe 14 #15: checked,
# and --fix would have rewritten it)
"$QG" lint -q --diff "$T/c8/articles/a.txt" >"$T/c8/articles/a.diff" 2>/dev/null
cp "$T/c8/articles/a.diff" "$T/c8/articles/b.PATCH"; cp "$T/c8/articles/a.diff" "$T/c8/diff.before"
u8 '记者从市里获悉,今天开会.
' >"$T/c8/articles/a.txt"
expect_exit 0 "lint --fix DIR with a diff" "$QG" lint --fix "$T/c8/articles"
same "$T/c8/articles/a.diff" "$T/c8/diff.before" "lint --fix DIR: a .diff file is left"
same "$T/c8/articles/b.PATCH" "$T/c8/diff.before" "lint --fix DIR: a .patch file is left"
contains "$T/err" "articles/a.diff \(data or code \(.diff\)\), $T/c8/articles/b.PATCH \(data or code \(.patch\)\)" "lint DIR: the diffs said"
# a symbolic link found in a walked directory is not followed (as git and ripgrep): an article
# is not reported a second time under the link's name, a linked directory is not walked; it is
# said with the files left out; a link named on the command line is followed (probe 14 #15)
mkdir -p "$T/sl/articles" "$T/sl/elsewhere"
u8 '今天天气很好,大家都出门散步了.
' >"$T/sl/articles/x.txt"
u8 '别处的稿子,不在这里.
' >"$T/sl/elsewhere/e.txt"
ln -s x.txt "$T/sl/articles/today.txt"; ln -s ../elsewhere "$T/sl/articles/more"
expect_exit 0 "lint DIR with symbolic links" "$QG" lint "$T/sl/articles"
[ "$(grep -c 'punct-width' "$T/out")" = 1 ] && ok || bad "lint DIR with links: x.txt only, once"
lacks "$T/out" "today.txt|e.txt" "lint DIR: the links not followed"
contains "$T/err" "skipped, not text: $T/sl/articles/more \(a symbolic link, not followed\), $T/sl/articles/today.txt \(a symbolic link, not followed\)" "lint DIR: the links said"
expect_exit 0 "lint --fix DIR with symbolic links" "$QG" lint -q --fix "$T/sl/articles"
[ -L "$T/sl/articles/today.txt" ] && ok || bad "lint --fix DIR replaced a link"
contains "$T/sl/elsewhere/e.txt" '^别处的稿子,不在这里.$' "lint --fix DIR: the linked directory's file untouched"
expect_exit 0 "a link named" "$QG" lint "$T/sl/articles/more/e.txt" "$T/sl/articles/more"
[ "$(grep -c 'elsewhere\|more/e.txt' "$T/out")" = 4 ] && ok || bad "a link named on the command line (a file, a directory) is followed"
# --include that matches nothing, an empty directory: status 2, said even with -q (probe 9
# F9: a mistyped pattern made a CI job pass on nothing)
mkdir -p "$T/inc9/in" "$T/inc9/empty"; u8 '内容,好.\n' >"$T/inc9/in/a.txt"
expect_exit 2 "--include matching nothing" "$QG" lint -q --include 'in/a.txt' "$T/inc9/in"
contains "$T/err" "^qinggao: lint: no file to check \(0 found not text; --include and --exclude patterns are matched below each directory named\)$" "--include matching nothing: said"
expect_exit 2 "an empty directory" "$QG" lint -f sarif "$T/inc9/empty"
contains "$T/err" "no file to check" "an empty directory: said"
python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['runs'][0]['results'] == []" "$T/out" && ok || bad "an empty directory: the SARIF log is still whole"
expect_exit 0 "--include matching the file" "$QG" lint -q --include 'a.txt' "$T/inc9/in"
contains "$T/out" "in/a.txt:1:3: warning: .*\[punct-width\]" "--include matching the file: checked"
# --include and --exclude, as clean's
expect_exit 0 "--include" "$QG" lint --include '*.txt' "$B"
[ "$(grep -c 'punct-width' "$T/out")" = 7 ] && ok || bad "--include '*.txt': a, strayNUL, u16, u16bom expected"
lacks "$T/err" "not text" "--include: the binary files are not even looked at"
expect_exit 0 "--exclude" "$QG" lint --exclude 'u16*' --exclude sub "$B"
[ "$(grep -c 'punct-width' "$T/out")" = 5 ] && ok || bad "--exclude: a, strayNUL and z expected"
contains "$T/err" "5 files found in directories skipped" "--exclude sub: p.png not walked"
expect_exit 0 "--exclude a named file" "$QG" lint --exclude '*.txt' "$B/a.txt"
[ "$(grep -c 'punct-width' "$T/out")" = 2 ] && ok || bad "--exclude does not apply to a file named"
expect_exit 2 "--include without a pattern" "$QG" lint "$B" --include

# ---- git pre-commit hook --------------------------------------------------------------------------
if command -v git >/dev/null; then
  R="$T/repo"
  mkdir -p "$R/articles"
  git -C "$R" init -q
  git -C "$R" config user.email t@example.org; git -C "$R" config user.name t
  cp "$SRC/tools/git-pre-commit" "$R/.git/hooks/pre-commit"
  chmod +x "$R/.git/hooks/pre-commit"
  export QINGGAO="$QG"
  cp "$T/dup.txt" "$R/articles/a.txt"
  git -C "$R" add articles/a.txt
  git -C "$R" commit -qm bad >"$T/out" 2>"$T/err" && bad "hook let a repeat through" || ok
  contains "$T/err" "commit refused" "hook message"
  # git gives a hook's standard output to standard error
  contains "$T/err" "^articles/a.txt:3:1: error: .*\[dup-paragraph\]" "hook prints repository paths"
  contains "$T/err" "lint exit status 1\)" "hook passes lint's status on"
  # a repeat is not fixed by --fix: not advised (probe 14 #9)
  lacks "$T/err" "lint --fix FILE" "hook: no --fix advice for a repeat"
  contains "$T/err" "Nothing of the above is fixed by" "hook: a repeat is for an editor"
  contains "$T/err" "^  articles/a.txt:3:1 \[dup-paragraph\]$" "hook: the error for an editor named"
  # the index counts, not the working tree: fixed in the tree but not staged → refused
  cp "$T/clean.txt" "$R/articles/a.txt"
  git -C "$R" commit -qm bad2 >"$T/out" 2>"$T/err" && bad "hook read the working tree" || ok
  git -C "$R" add articles/a.txt
  git -C "$R" commit -qm good >"$T/out" 2>"$T/err" && ok || { bad "hook refused a clean file"; cat "$T/out" "$T/err" >&2; }
  # an error only in the working tree does not count
  cp "$T/dup.txt" "$R/articles/a.txt"
  u8 '另一篇稿子，也没有问题。\n' >"$R/articles/b.txt"
  git -C "$R" add articles/b.txt
  git -C "$R" commit -qm b >"$T/out" 2>"$T/err" && ok || bad "hook checked an unstaged change"
  # the index's .qinggao.ini applies: warnings limited to 0
  printf '[lint]\nmax-warnings = 0\n' >"$R/.qinggao.ini"
  cp "$T/warn3.txt" "$R/articles/c.txt"
  git -C "$R" add .qinggao.ini articles/c.txt
  git -C "$R" commit -qm c >"$T/out" 2>"$T/err" && bad "hook ignored the staged config" || ok
  contains "$T/err" "more than the 0 allowed \(max-warnings of .qinggao.ini\)" "hook under the config, named by its path in the repository"
  contains "$T/err" "'qinggao lint --fix FILE' fixes what" "hook: --fix advised for fixable warnings"
  git -C "$R" rm -q --cached .qinggao.ini
  git -C "$R" commit -qm c2 >"$T/out" 2>"$T/err" && ok || bad "hook: config only in the working tree counted"
  # an error --fix does not fix (a quotation left open) next to warnings it fixes: --fix is
  # not advised as the way through (audit 24 F3: it was, and after it the commit was refused
  # again); the error is named as one for an editor
  u8 '他说:"走吧.\n' >"$R/articles/x2.txt"
  git -C "$R" add articles/x2.txt
  git -C "$R" commit -qm x2 >"$T/out" 2>"$T/err" && bad "hook let an open quotation through" || ok
  lacks "$T/err" "fixes what" "hook: --fix not advised when an error stays"
  contains "$T/err" "'qinggao lint --fix FILE' fixes some" "hook: --fix fixes some of it"
  contains "$T/err" "^  articles/x2.txt:1:4 \[punct-unmatched\]$" "hook: the open quotation named for an editor"
  git -C "$R" rm -q --cached articles/x2.txt
  # non-matching files are not checked
  cp "$T/dup.txt" "$R/notes.md"; git -C "$R" add notes.md
  git -C "$R" commit -qm md >"$T/out" 2>"$T/err" && ok || bad "hook checked a .md file"
  # a config naming a cue file of the repository and an archive outside it (docs/ci.md's
  # example): both are read where the config names them, not in the hook's temporary tree
  mkdir -p "$R/cues"
  printf '[section]\n东湖时评\n' >"$R/cues/our-paper.cues"
  u8 '这段话已经在报上发表过了，内容讲的是老城区的变化。\n' >"$T/pub.txt"
  "$QG" archive add -q --archive "$T/published.db" "$T/pub.txt" || bad "archive add"
  printf 'root = true\n[lint]\ncues = cues/our-paper.cues ; the desk cues\narchive: ../published.db\n' >"$R/.qinggao.ini"
  u8 '一篇新的稿子，讲的是别的事情。\n' >"$R/articles/d.txt"
  git -C "$R" add .qinggao.ini cues/our-paper.cues articles/d.txt
  git -C "$R" commit -qm d >"$T/out" 2>"$T/err" && ok || { bad "hook refused under a config naming cues and an archive"; cat "$T/err" >&2; }
  cp "$T/pub.txt" "$R/articles/e.txt"; git -C "$R" add articles/e.txt
  git -C "$R" commit -qm e >"$T/out" 2>"$T/err" && bad "hook let an archived paragraph through" || ok
  contains "$T/err" "^articles/e.txt:1:1: error: .*\[dup-archive\]" "hook reads the archive outside the repository"
  git -C "$R" rm -q --cached articles/e.txt
  # the cue file's staged version counts: broken in the working tree only → accepted
  printf '[sections]\n' >"$R/cues/our-paper.cues"
  u8 '第二篇新稿子，也没有问题。\n' >"$R/articles/f.txt"; git -C "$R" add articles/f.txt
  git -C "$R" commit -qm f >"$T/out" 2>"$T/err" && ok || { bad "hook read the working tree's cue file"; cat "$T/err" >&2; }
  # ... and broken in the index → refused, as lint would refuse in the working tree
  git -C "$R" add cues/our-paper.cues
  u8 '第三篇新稿子。\n' >"$R/articles/g.txt"; git -C "$R" add articles/g.txt
  git -C "$R" commit -qm g >"$T/out" 2>"$T/err" && bad "hook ignored a broken staged cue file" || ok
  contains "$T/err" "our-paper.cues" "broken cue file named"
  contains "$T/err" "lint exit status 2\)" "broken cue file: usage status"
  printf '[section]\n东湖时评\n' >"$R/cues/our-paper.cues"; git -C "$R" add cues/our-paper.cues
  # a cue file that is not in the repository (ignored) is read from the working tree, in a
  # config of a subdirectory
  printf 'local.cues\n' >"$R/.git/info/exclude"
  printf '[section]\n本地栏目\n' >"$R/articles/local.cues"
  printf '[lint]\ncues = local.cues\n' >"$R/articles/.qinggao.ini"
  git -C "$R" add articles/.qinggao.ini
  git -C "$R" commit -qm h >"$T/out" 2>"$T/err" && ok || { bad "hook: untracked cue file of a subdirectory config"; cat "$T/err" >&2; }
  # a dictionary of the index, named by a config (dict =): its staged version is read, so
  # 社区网格员网格员 is no word written twice and no warning passes max-warnings = 0
  mkdir -p "$R/desk"
  printf '社区网格员\n' >"$R/desk/terms.dict"
  printf '[lint]\nmax-warnings = 0\ndict = ../desk/terms.dict\n' >"$R/articles/.qinggao.ini"
  u8 '他是社区网格员网格员，负责巡查。\n' >"$R/articles/i.txt"
  git -C "$R" add desk/terms.dict articles/.qinggao.ini articles/i.txt
  git -C "$R" commit -qm i >"$T/out" 2>"$T/err" && ok || { bad "hook: dictionary of the index not read"; cat "$T/err" >&2; }
  printf '坏\xff词\n' >"$R/desk/terms.dict"; git -C "$R" add desk/terms.dict
  u8 '又一篇稿子。\n' >"$R/articles/j.txt"; git -C "$R" add articles/j.txt
  git -C "$R" commit -qm j >"$T/out" 2>"$T/err" && bad "hook ignored a broken staged dictionary" || ok
  contains "$T/err" "terms.dict:1:2: invalid UTF-8" "broken staged dictionary named"
  printf '社区网格员\n' >"$R/desk/terms.dict"; git -C "$R" add desk/terms.dict
  git -C "$R" commit -qm j2 >"$T/out" 2>"$T/err" || { bad "hook: the mended dictionary"; cat "$T/err" >&2; }
  # a staged symbolic link to an article is no text to check (probe 10 F3: checked out alone
  # it pointed at nothing, and every such commit was refused with advice to --fix it)
  ln -s b.txt "$R/articles/today.txt"; git -C "$R" add articles/today.txt
  git -C "$R" commit -qm link >"$T/out" 2>"$T/err" && ok || { bad "hook refused a staged symlink"; cat "$T/err" >&2; }
  # a file that cannot be read is said as such, not with advice to --fix it
  printf '坏\xff字节,的.\n' >"$R/articles/k.txt"; git -C "$R" add articles/k.txt
  git -C "$R" commit -qm k >"$T/out" 2>"$T/err" && bad "hook let invalid bytes through" || ok
  contains "$T/err" "lint exit status 3\): a staged file could not be read" "hook: status 3 said as unreadable"
  lacks "$T/err" "lint --fix FILE" "hook: no --fix advice for an unreadable file"
  git -C "$R" rm -q --cached articles/k.txt
  # probe 14 #9: a relative QINGGAO is taken from the top directory, where git runs the hook
  # (it was run from the temporary tree: "./qg: No such file or directory", then --fix advice)
  ln -s "$QG" "$R/qg"; echo qg >>"$R/.git/info/exclude"
  cp "$T/warn3.txt" "$R/articles/l.txt"; git -C "$R" add articles/l.txt
  QINGGAO=./qg git -C "$R" commit -qm l >"$T/out" 2>"$T/err" && bad "hook with a relative QINGGAO let warnings over the limit through" || ok
  contains "$T/err" "^articles/l.txt:1:7: warning: .*\[punct-width\]" "hook: a relative QINGGAO runs lint"
  lacks "$T/err" "No such file" "hook: a relative QINGGAO is found"
  # qinggao missing or not executable (126, 127): said, no --fix advice
  QINGGAO=/nonexistent/qinggao git -C "$R" commit -qm l >"$T/out" 2>"$T/err" && bad "hook without qinggao let the commit through" || ok
  contains "$T/err" "qinggao not found or not executable \(QINGGAO=/nonexistent/qinggao\)" "hook: qinggao not found said"
  lacks "$T/err" "lint --fix|exit status 127" "hook: qinggao not found is no lint finding"
  printf '#!/bin/sh\nexit 126\n' >"$R/.git/qg126"; chmod +x "$R/.git/qg126"
  QINGGAO=.git/qg126 git -C "$R" commit -qm l >"$T/out" 2>"$T/err" && bad "hook with a qinggao exiting 126 let the commit through" || ok
  contains "$T/err" "qinggao not found or not executable \(QINGGAO=.git/qg126\)" "hook: status 126 said as not executable"
  # a configuration error (status 2): said as such, the configuration by its path in the
  # repository (it was the temporary tree's), no --fix advice
  printf '[rules]\npunct-widht = off\n' >"$R/articles/.qinggao.ini"; git -C "$R" add articles/.qinggao.ini
  git -C "$R" commit -qm l >"$T/out" 2>"$T/err" && bad "hook let a broken configuration through" || ok
  contains "$T/err" "^qinggao: articles/.qinggao.ini:2:1: unknown rule 'punct-widht'" "hook: the configuration named by its repository path"
  contains "$T/err" "lint exit status 2\): a usage or configuration error" "hook: status 2 said as a configuration error"
  lacks "$T/err" "lint --fix FILE|$T|/tmp/tmp" "hook: no --fix advice, no temporary path for a configuration error"
fi

# a report that cannot be written (a full disk) fails the run: CI must not read a cut report
if [ -w /dev/full ]; then
  for fmt in gcc json sarif; do
    "$QG" lint -f "$fmt" "$T/warn3.txt" >/dev/full 2>"$T/err"
    [ $? = 3 ] && ok || bad "-f $fmt to a full disk: exit 3 expected"
    contains "$T/err" "writing standard output: No space left on device" "-f $fmt full disk message"
  done
fi
# --fix on a UTF-8 file with a byte that is not UTF-8 (--invalid replace): the other lines are
# fixed, the byte and its line stay as they were (docs/ci.md: invalid bytes elsewhere are
# copied), and the fixes of that line left make the file fail (status 3: not wholly fixed,
# said; session 16); with --to-utf8 (which cannot write the byte) nothing is fixed, and the
# message names encoding, offset and line
u8 '第一行。\n今天,天气\xff很好.\n第三行,也有.\n' >"$T/inv.txt"
u8 '第一行。\n今天,天气\xff很好.\n第三行，也有。\n' >"$T/inv.want"
cp "$T/inv.txt" "$T/inv.orig"
expect_exit 3 "--fix, invalid byte" "$QG" lint --fix --invalid replace "$T/inv.txt"
same "$T/inv.txt" "$T/inv.want" "--fix around an invalid byte"
expect_exit 3 "--fix again, invalid byte" "$QG" lint --fix --invalid replace "$T/inv.txt"
same "$T/inv.txt" "$T/inv.want" "--fix around an invalid byte, again"
cp "$T/inv.orig" "$T/inv.txt"
# --diff of the same: the line with the byte is context with the file's own bytes, so the diff
# applies and gives what --fix wrote (probe 10 F9: U+FFFD there, and patch rejected the hunk)
mkdir -p "$T/invd"; cp "$T/inv.orig" "$T/invd/inv.txt"
(cd "$T/invd" && "$QG" lint -q --diff --invalid replace inv.txt >"$T/inv.diff" 2>/dev/null)
(cd "$T/invd" && patch -s -p1 -F0 <"$T/inv.diff") && ok || bad "--diff around an invalid byte does not apply"
same "$T/invd/inv.txt" "$T/inv.want" "--diff around an invalid byte, applied, gives --fix's result"
# and why it fails, where and what: the file fails (a fix held back) with a message that says
# "decode-invalid says where", and --diff says it on standard error as lint says it without
# --diff, with the column and the bytes (session 22: only the line and "failed: inv.txt"), in
# the file checked whole (a small one), streamed, and in UTF-16 (the whole file not fixed); the
# diff alone stays on standard output
(cd "$T/invd" && cp "$T/inv.orig" inv.txt && "$QG" lint --diff --invalid replace inv.txt >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
[ "$(cat "$T/rc")" = 3 ] && ok || bad "--diff --invalid replace, a fix held back: exit $(cat "$T/rc"), not 3"
contains "$T/err" "^qinggao: inv.txt:2:6: warning: invalid UTF-8 byte 0xFF replaced by U\+FFFD \[decode-invalid\]$" "--diff --invalid replace: the byte's line, column and value on standard error"
contains "$T/err" "^qinggao: inv.txt: not wholly fixed: 2 fixes not applied on line 2" "--diff --invalid replace: why the file fails"
lacks "$T/out" "decode-invalid" "--diff --invalid replace: standard output holds the diff alone"
contains "$T/out" "^\+第三行，也有。$" "--diff --invalid replace: the other lines' fixes in the diff"
python3 -c "import sys; sys.stdout.buffer.write(('第一行，好的。\n' * 20000 + '今天,天气').encode() + b'\xff' + '很好.\n'.encode())" >"$T/invd/big.txt"
(cd "$T/invd" && "$QG" lint --diff --invalid replace big.txt >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
[ "$(cat "$T/rc")" = 3 ] && ok || bad "--diff --invalid replace, streamed: exit $(cat "$T/rc"), not 3"
contains "$T/err" "^qinggao: big.txt:20001:6: warning: invalid UTF-8 byte 0xFF replaced by U\+FFFD .*\[decode-invalid\]$" "--diff --invalid replace, streamed: line, column and value"
python3 -c "import sys; sys.stdout.buffer.write('\ufeff今天,天气很好.\n'.encode('utf-16le') + b'\x00\xdc\n\x00')" >"$T/invd/u16.txt"
(cd "$T/invd" && "$QG" lint --diff --invalid replace u16.txt >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
[ "$(cat "$T/rc")" = 3 ] && ok || bad "--diff --invalid replace, UTF-16: exit $(cat "$T/rc"), not 3"
contains "$T/err" "^qinggao: u16.txt:2:1: warning: invalid UTF-16LE bytes 0x00 0xDC replaced by U\+FFFD \[decode-invalid\]$" "--diff --invalid replace, UTF-16: line, column and bytes"
[ ! -s "$T/out" ] && ok || bad "--diff --invalid replace, UTF-16 not fixed: standard output is not empty"
expect_exit 3 "--fix --to-utf8, invalid byte" "$QG" lint --fix --to-utf8 --invalid replace "$T/inv.txt"
contains "$T/err" "inv.txt: not fixed: bytes invalid in UTF-8 at byte offset 26 \(line 2\), which --to-utf8 cannot write: correct them and run --fix again$" "invalid byte message"
lacks "$T/err" "null" "invalid byte message names the encoding"
cmp -s "$T/inv.txt" "$T/inv.orig" && ok || bad "a file that was not fixed changed"

# --fix on a compressed file keeps it compressed the same way (gzip, zstd: read by their magic)
u8 '今天,天气很好.\n' >"$T/z.txt"
u8 '今天，天气很好。\n' >"$T/z.fixed"
gzip -c "$T/z.txt" >"$T/z.txt.gz"
zstd -q -c "$T/z.txt" >"$T/z.txt.zst"
expect_exit 0 "--fix .gz and .zst" "$QG" lint --fix "$T/z.txt.gz" "$T/z.txt.zst"
gzip -t "$T/z.txt.gz" 2>/dev/null && ok || bad "--fix left a .gz that is no gzip"
gzip -dc "$T/z.txt.gz" >"$T/z.out" 2>/dev/null; same "$T/z.out" "$T/z.fixed" "--fix .gz: fixed text"
zstd -q -dc "$T/z.txt.zst" >"$T/z.out" 2>/dev/null; same "$T/z.out" "$T/z.fixed" "--fix .zst: fixed text"
cp "$T/z.txt.gz" "$T/z.again"
expect_exit 0 "--fix .gz again" "$QG" lint --fix "$T/z.txt.gz"
contains "$T/err" "0 fixes applied in 0 files" "--fix .gz again: nothing to fix"
same "$T/z.txt.gz" "$T/z.again" "--fix .gz again leaves the file alone"

# line ends as git and grep count them (stages/decode.c): --fix splits the file's lines as the
# decoder does. A stray CR in an LF file is a character of its line (removed), and the fixes
# of lines 2 and 3 land on grep's lines 2 and 3; \r\r\n is one line end, kept as it was
u8 '第一行内容\r第一行的后半部分。\n第二行,内容。\n第三行,好的。\n' >"$T/strcr.txt"
expect_exit 0 "stray CR: lint" "$QG" lint "$T/strcr.txt"
contains "$T/out" "strcr.txt:3:4: warning: .*punct-width" "stray CR: line 3 is grep's line 3"
expect_exit 0 "stray CR: --fix" "$QG" lint -q --fix "$T/strcr.txt"
u8 '第一行内容第一行的后半部分。\n第二行，内容。\n第三行，好的。\n' | cmp -s - "$T/strcr.txt" && ok || bad "stray CR: --fix removed the CR and fixed lines 2 and 3"
u8 '第一行,内容。\r\r\n第二行,好的。\r\r\n' >"$T/ccrlf.txt"
expect_exit 0 "\\r\\r\\n: --fix" "$QG" lint -q --fix "$T/ccrlf.txt"
u8 '第一行，内容。\r\r\n第二行，好的。\r\r\n' | cmp -s - "$T/ccrlf.txt" && ok || bad "\\r\\r\\n: fixed, line ends kept"
expect_exit 0 "\\r\\r\\n: lint again" "$QG" lint "$T/ccrlf.txt"
[ -s "$T/out" ] && bad "\\r\\r\\n: a second lint still reports" || ok

# --diff splits lines as diff, patch and git do (at LF): the diff of a CR-only file and of an
# LF file with stray CRs applies with patch and gives what --fix writes
for f in cr lf; do
  if [ $f = cr ]; then u8 '好,他说\r第二行,好\r' >"$T/d$f.txt"; else u8 'a好,他说\n第二\r行,好\r\r\n第三行,好.\n' >"$T/d$f.txt"; fi
  cp "$T/d$f.txt" "$T/d$f.patched"
  "$QG" lint -q --diff "$T/d$f.txt" >"$T/d$f.diff"
  patch -s "$T/d$f.patched" <"$T/d$f.diff" && ok || bad "--diff of the $f file does not apply with patch"
  "$QG" lint -q --fix "$T/d$f.txt"
  same "$T/d$f.txt" "$T/d$f.patched" "--diff of the $f file: patch gives what --fix writes"
done

# a quotation pair is fixed whole or not at all, and a rule off holds back only what depends on
# it (session 25, audit 24 F20): with punct-width off, the opening quote touching the colon that
# stays is fixed with its partner (a pair's marks are decided by the pairing; before, the pair
# was held and the . touching its close with it: "0 fixes applied"); a pair elsewhere is fixed
mkdir -p "$T/pairoff"
printf '[rules]\npunct-width = off\n' >"$T/pairoff/.qinggao.ini"
u8 '他说:"我们今天就走".\n记者问"今天走吗"?\n他说,"好".\n' >"$T/pairoff/h.txt"
cp "$T/pairoff/h.txt" "$T/pairoff/h0.txt"
expect_exit 0 "pair with a rule off: --fix" "$QG" lint -q --fix "$T/pairoff/h.txt"
u8 '他说:“我们今天就走”。\n记者问“今天走吗”?\n他说,“好”。\n' | cmp -s - "$T/pairoff/h.txt" && ok || bad "pair with a rule off: the pairs and the stops fixed, the off marks kept ($(head -c 200 "$T/pairoff/h.txt"))"
expect_exit 0 "pair with a rule off: json" "$QG" lint -f json "$T/pairoff/h0.txt"
[ "$(grep -c '"fixable":true' "$T/out")" = 8 ] && ok || bad "pair with a rule off: 8 fixable (two marks and a stop, two marks, two marks and a stop): $(grep -c '"fixable":true' "$T/out")"
expect_exit 0 "pair with a rule off: json after --fix" "$QG" lint -f json "$T/pairoff/h.txt"
lacks "$T/out" '"fixable":true' "pair with a rule off: nothing fixable after --fix"
# must not change: a fix next to the rule off that is no pair mark is held back (the space the
# pipeline removed beside its ，; a pair held whole when one mark is overlapped by a fix held
# back: tests/unit/test_fix.c)
u8 '他说, 好的.\n' >"$T/pairoff/s.txt"
"$QG" lint -q --fix "$T/pairoff/s.txt" >/dev/null 2>&1
u8 '他说, 好的。\n' | cmp -s - "$T/pairoff/s.txt" && ok || bad "rule off: the space beside the kept , held back ($(cat "$T/pairoff/s.txt"))"
# (must change: with a quotation after it, its marks fixed, the space still held back)
u8 '他说, "好".\n' >"$T/pairoff/s2.txt"
"$QG" lint -q --fix "$T/pairoff/s2.txt" >/dev/null 2>&1
u8 '他说, “好”。\n' | cmp -s - "$T/pairoff/s2.txt" && ok || bad "rule off: a quotation after the space fixed ($(cat "$T/pairoff/s2.txt"))"

# a NUL of the input (session 25, audit 24 F18): reported removed, and removed by --fix as U+0001
# is; json's original is "\u0000" and the fix is fixable; the , next to it is not held back;
# SARIF gives its fix; UTF-16 too. It was left in the file, with an original "" and its
# neighbours held back, so a CI job with --max-warnings 0 could never pass by running --fix.
mkdir -p "$T/nul"
printf '今\000天,好.\001\177再,见.\n' >"$T/nul/a.txt"
printf '\000,好.\n' >"$T/nul/b.txt"
expect_exit 0 "NUL: json" "$QG" lint --no-config -f json "$T/nul/a.txt" "$T/nul/b.txt"
contains "$T/out" '"column":2,"end_line":1,"end_column":3,"rule":"char-invisible",.*"original":"\\u0000","replacement":"","fixable":true' "NUL: json original \\u0000, fixable"
contains "$T/out" 'b.txt","line":1,"column":2,.*"rule":"punct-width",.*"fixable":true' "NUL: the , next to it not held back"
lacks "$T/out" '"fixable":false' "NUL: every fix of the two files fixable"
expect_exit 0 "NUL: sarif" "$QG" lint --no-config -f sarif "$T/nul/b.txt"
contains "$T/out" '"text":"invisible U\+0000 <control-0000> removed"\},"artifactChanges"' "NUL: SARIF gives its fix"
expect_exit 0 "NUL: --fix" "$QG" lint --no-config -q --fix "$T/nul/a.txt" "$T/nul/b.txt"
u8 '今天，好。再，见。\n' | cmp -s - "$T/nul/a.txt" && ok || bad "NUL: --fix removes it ($(od -c "$T/nul/a.txt" | head -2))"
u8 '，好。\n' | cmp -s - "$T/nul/b.txt" && ok || bad "NUL at a line's start: --fix removes it ($(od -c "$T/nul/b.txt" | head -2))"
expect_exit 0 "NUL: nothing left" "$QG" lint --no-config --max-warnings 0 "$T/nul/a.txt" "$T/nul/b.txt"
[ -s "$T/out" ] && bad "NUL: lint after --fix still reports: $(head -2 "$T/out")" || ok
for e in UTF-16LE UTF-16BE; do
  { if [ $e = UTF-16LE ]; then printf '\377\376'; else printf '\376\377'; fi
    printf '他\000,好.\n' | iconv -f UTF-8 -t $e; } >"$T/nul/$e.txt"
  expect_exit 0 "NUL in $e: json" "$QG" lint --no-config -f json "$T/nul/$e.txt"
  contains "$T/out" '"original":"\\u0000","replacement":"","fixable":true' "NUL in $e: json original, fixable"
  lacks "$T/out" '"fixable":false' "NUL in $e: nothing held back"
  "$QG" lint --no-config -q --fix "$T/nul/$e.txt"
  { if [ $e = UTF-16LE ]; then printf '\377\376'; else printf '\376\377'; fi
    printf '他，好。\n' | iconv -f UTF-8 -t $e; } | cmp -s - "$T/nul/$e.txt" && ok || bad "NUL in $e: --fix removes it, BOM and encoding kept"
done
# clean's json and --report FILE.json say the NUL as \u0000 too (they wrote "")
printf '他\000,好.\n' >"$T/nul/c.txt"
"$QG" clean -q -f json "$T/nul/c.txt" >"$T/out" 2>/dev/null
contains "$T/out" '"original":"\\u0000","replacement":""' "NUL: clean -f json original"
"$QG" clean -q --report "$T/nul/c.json" -o /dev/null "$T/nul/c.txt" 2>/dev/null
contains "$T/nul/c.json" '"original":"\\u0000"' "NUL: --report FILE.json original"

# json and sarif are streamed (cli/lint.c, "streamed"): each file decided in parts of lines as
# the pipeline's output passes them, and checked again whole when the guess of what has passed
# fails. QINGGAO_TEST_STREAM_K=0 makes the guess fail at once (the file checked again whole, as
# before streaming), 1 trusts the last block alone; both must print what the default prints.
# The copy: the test pages twelve times (past the 64 KiB the decoder samples), CRLF, with
# quotation pairs opened on one line and closed on the next, a U+FEFF starting lines well
# past the first part, and a configuration turning rules off (fixes held back, not printed).
mkdir -p "$T/stream"
for i in $(seq 12); do
  cat "$SRC"/tests/pages/*.txt
  u8 '他说:"今天\n我们就走".\n\xef\xbb\xbf记者问"明天走吗"?\n'
done | sed 's/$/\r/' >"$T/stream/s.txt"
printf '[rules]\npunct-space = off\nchar-invisible = off\n' >"$T/stream/off.ini"
# --max-warnings 0: standard error says how many warnings were counted (once each, whether
# the file was checked again or not).
for fmt in json sarif codeclimate; do
  for cfg in "--no-config" "--config $T/stream/off.ini"; do
    # shellcheck disable=SC2086
    "$QG" lint -f $fmt --max-warnings 0 $cfg "$T/stream/s.txt" >"$T/stream/d.$fmt" 2>"$T/stream/d.err"
    echo $? >"$T/stream/d.rc"
    for k in 0 1; do
      # shellcheck disable=SC2086
      QINGGAO_TEST_STREAM_K=$k "$QG" lint -f $fmt --max-warnings 0 $cfg "$T/stream/s.txt" >"$T/stream/k$k.$fmt" 2>"$T/stream/k$k.err"
      echo $? >"$T/stream/k$k.rc"
      same "$T/stream/k$k.$fmt" "$T/stream/d.$fmt" "streamed $fmt ($cfg) against QINGGAO_TEST_STREAM_K=$k"
      same "$T/stream/k$k.err" "$T/stream/d.err" "streamed $fmt ($cfg) stderr against QINGGAO_TEST_STREAM_K=$k"
      same "$T/stream/k$k.rc" "$T/stream/d.rc" "streamed $fmt ($cfg) exit status against QINGGAO_TEST_STREAM_K=$k"
    done
  done
done
contains "$T/stream/d.err" "[0-9]+ warnings, more than the 0 allowed" "streamed: the warnings counted"
# shellcheck disable=SC2086
n=$("$QG" lint -f gcc --no-config "$T/stream/s.txt" | grep -c ': warning:')
"$QG" lint -f json --max-warnings 0 --no-config "$T/stream/s.txt" 2>&1 >/dev/null | grep -q "lint: $n warnings" && ok || bad "streamed json counts other than the $n warnings of gcc"
[ "$(grep -c '"fixable":true' "$T/stream/d.json")" -gt 100 ] && ok || bad "streamed json: too few fixable diagnostics to test anything"
# standard input is streamed too, what is read kept in a temporary file for the check again
for k in 0 1 64; do
  QINGGAO_TEST_STREAM_K=$k "$QG" lint -f json --max-warnings 0 --no-config - <"$T/stream/s.txt" >"$T/stream/in$k.json" 2>"$T/stream/in$k.err"
  echo $? >>"$T/stream/in$k.err"
done
"$QG" lint -f json --max-warnings 0 --no-config "$T/stream/s.txt" 2>/dev/null | sed 's#"file":"[^"]*"#"file":"-"#' >"$T/stream/fn.json"
for k in 0 1 64; do
  sed 's#"file":"[^"]*"#"file":"-"#' "$T/stream/in$k.json" >"$T/stream/in$k.n"
  same "$T/stream/in$k.n" "$T/stream/fn.json" "json of standard input (QINGGAO_TEST_STREAM_K=$k) against the file's"
  same "$T/stream/in$k.err" "$T/stream/in64.err" "json of standard input: stderr and status (QINGGAO_TEST_STREAM_K=$k)"
done
contains "$T/stream/in64.json" '"file":"<stdin>"' "json of standard input names <stdin>"
# json's fixable diagnostics are the fixes --fix applies
cp "$T/stream/s.txt" "$T/stream/f.txt"
"$QG" lint -f json --no-config "$T/stream/f.txt" >"$T/stream/f.json"
"$QG" lint --no-config --fix "$T/stream/f.txt" >/dev/null 2>"$T/stream/f.err"
n=$(grep -c '"fixable":true' "$T/stream/f.json")
contains "$T/stream/f.err" "checked, $n fixes applied in 1 file" "streamed json: $n fixable, as many applied by --fix"
# --fix is streamed too (the fixed text to a temporary file, written over the file at the
# end): the same file, report and summary as when the file is fixed whole
for k in 0 1; do
  cp "$T/stream/s.txt" "$T/stream/f$k.txt"
  (cd "$T/stream" && QINGGAO_TEST_STREAM_K=$k "$QG" lint -f json --no-config --fix "f$k.txt" >"fk$k.json" 2>"fk$k.err")
done
(cd "$T/stream" && cp s.txt fd.txt && "$QG" lint -f json --no-config --fix fd.txt >fkd.json 2>fkd.err)
for k in 0 1; do
  same "$T/stream/f$k.txt" "$T/stream/fd.txt" "streamed --fix: the file fixed, against QINGGAO_TEST_STREAM_K=$k"
  sed "s/f$k\.txt/fd.txt/g" "$T/stream/fk$k.json" >"$T/stream/fk$k.jsonn"
  same "$T/stream/fk$k.jsonn" "$T/stream/fkd.json" "streamed --fix: what is left, against QINGGAO_TEST_STREAM_K=$k"
  sed "s/f$k\.txt/fd.txt/g" "$T/stream/fk$k.err" >"$T/stream/fk$k.errn"
  same "$T/stream/fk$k.errn" "$T/stream/fkd.err" "streamed --fix: summary, against QINGGAO_TEST_STREAM_K=$k"
done
same "$T/stream/fd.txt" "$T/stream/f.txt" "streamed --fix -f json and -f gcc fix alike"
# --diff decides as --fix does, then diffs the file against the fixed text
for k in 0 1; do
  for u in "" --to-utf8; do
    # shellcheck disable=SC2086
    (cd "$T/stream" && QINGGAO_TEST_STREAM_K=$k "$QG" lint --no-config --diff $u s.txt >"dk$k.diff" 2>"dk$k.err")
    # shellcheck disable=SC2086
    (cd "$T/stream" && "$QG" lint --no-config --diff $u s.txt >dkd.diff 2>dkd.err)
    same "$T/stream/dk$k.diff" "$T/stream/dkd.diff" "streamed --diff $u against QINGGAO_TEST_STREAM_K=$k"
    same "$T/stream/dk$k.err" "$T/stream/dkd.err" "streamed --diff $u: summary against QINGGAO_TEST_STREAM_K=$k"
  done
done
cp "$T/stream/s.txt" "$T/stream/p.txt"
(cd "$T/stream" && patch -s p.txt <dkd.diff) && same "$T/stream/p.txt" "$T/stream/fd.txt" "streamed --diff --to-utf8 applied by patch gives --fix's text" || bad "streamed --diff does not apply with patch"
# memory: json holds only the part of the file not yet decided, so on 6 MB it needs about
# what gcc (which never held anything) needs, not memory growing with the file (not measured
# under AddressSanitizer, whose quarantine keeps what is freed)
if [ -x /usr/bin/time ] && ! { grep -q AddressSanitizer "$QG" || ldd "$QG" 2>/dev/null | grep -q libasan; }; then
  for i in $(seq 17); do cat "$T/stream/s.txt"; done | sed 's/\r$//' >"$T/stream/big.txt"
  /usr/bin/time -f %M -o "$T/stream/gcc.rss" "$QG" lint -f gcc "$T/stream/big.txt" >"$T/stream/big.gcc" 2>/dev/null
  /usr/bin/time -f %M -o "$T/stream/json.rss" "$QG" lint -f json "$T/stream/big.txt" >"$T/stream/big.json" 2>/dev/null
  /usr/bin/time -f %M -o "$T/stream/fix.rss" "$QG" lint -f json --fix "$T/stream/big.txt" >/dev/null 2>&1
  g=$(tail -1 "$T/stream/gcc.rss") j=$(tail -1 "$T/stream/json.rss") x=$(tail -1 "$T/stream/fix.rss")
  [ "$(wc -l <"$T/stream/big.json")" -gt 100000 ] && ok || bad "streamed json: the 6 MB file gave few diagnostics"
  [ "$j" -lt $((g + 32768)) ] && ok || bad "lint -f json on 6 MB: peak $j KB, gcc $g KB: json's memory grows with the file"
  [ "$x" -lt $((g + 32768)) ] && ok || bad "lint --fix on 6 MB: peak $x KB, gcc $g KB: --fix's memory grows with the file"
  # --diff reads the file and the fixed text line by line (session 21: both were held whole,
  # with a copy of each in UTF-8: 31 MB over gcc's peak here, 230 MB on 50 MB of copy)
  for i in $(seq 17); do cat "$T/stream/s.txt"; done | sed 's/\r$//' >"$T/stream/bigd.txt" # (big.txt is fixed)
  /usr/bin/time -f %M -o "$T/stream/diff.rss" "$QG" lint --diff "$T/stream/bigd.txt" >"$T/stream/big.diff" 2>/dev/null
  d=$(tail -1 "$T/stream/diff.rss")
  [ "$(grep -c '^@@' "$T/stream/big.diff")" -gt 1000 ] && ok || bad "lint --diff on 6 MB: few hunks"
  [ "$d" -lt $((g + 16384)) ] && ok || bad "lint --diff on 6 MB: peak $d KB, gcc $g KB: --diff's memory grows with the file"
  # GB18030 with CRLF is fixed in parts as UTF-8 is (session 21: it was fixed whole, 4.4 MB of
  # it took 138 MB): the same file, messages and diff as the file fixed whole
  # (QINGGAO_TEST_STREAM_K=0), and memory that does not grow with it
  for i in $(seq 17); do cat "$T/stream/s.txt"; done | iconv -f UTF-8 -t GB18030 >"$T/stream/gb.txt"
  for k in "" 0; do
    cp "$T/stream/gb.txt" "$T/stream/gbfix$k.txt"
    set -- # (QINGGAO_TEST_STREAM_K only for k 0: set to nothing it means 0 too)
    [ -n "$k" ] && set -- QINGGAO_TEST_STREAM_K=$k
    env "$@" /usr/bin/time -f %M -o "$T/stream/gbfix$k.rss" "$QG" lint -e GB18030 --fix "$T/stream/gbfix$k.txt" >"$T/stream/gbfix$k.out" 2>"$T/stream/gbfix$k.err"
    env "$@" "$QG" lint -e GB18030 --diff "$T/stream/gb.txt" >"$T/stream/gbdiff$k.out" 2>"$T/stream/gbdiff$k.err"
    grep -v '^[0-9]' "$T/stream/gbfix$k.err" >"$T/stream/gbfix$k.msg" # (time's line)
  done
  g0=$(tail -1 "$T/stream/gbfix0.rss")
  same "$T/stream/gbfix.txt" "$T/stream/gbfix0.txt" "GB18030 --fix in parts: the file against the one fixed whole"
  same "$T/stream/gbfix.msg" "$T/stream/gbfix0.msg" "GB18030 --fix in parts: the messages against the file fixed whole"
  same "$T/stream/gbdiff.out" "$T/stream/gbdiff0.out" "GB18030 --diff in parts: the diff against the file fixed whole"
  cmp -s "$T/stream/gb.txt" "$T/stream/gbfix.txt" && bad "GB18030 --fix in parts: nothing fixed" || ok
  /usr/bin/time -f %M -o "$T/stream/gbgcc.rss" "$QG" lint -e GB18030 -f gcc "$T/stream/gb.txt" >/dev/null 2>&1
  gg=$(tail -1 "$T/stream/gbgcc.rss") gf=$(tail -1 "$T/stream/gbfix.rss")
  # The bound is the file fixed whole, measured above on this machine (QINGGAO_TEST_STREAM_K=0:
  # what --fix took when it held the file, 152 MB against gcc's 18 MB): in parts --fix may take
  # over gcc's peak at most a quarter of what fixing whole takes over it (it takes 12-15 MB,
  # a quarter is 33 MB). A fixed 16 MB over gcc failed under load (session 50: the two peaks
  # move by 1-3 MB each with the machine's load, even on one thread), and a file held whole
  # takes over 130 MB more.
  [ "$g0" -gt $((gg + 65536)) ] && ok || bad "GB18030 --fix fixed whole on 4 MB: peak $g0 KB, gcc $gg KB: too little to bound the parts by"
  [ $((gf - gg)) -lt $(((g0 - gg) / 4)) ] && ok || bad "GB18030 --fix on 4 MB: peak $gf KB (fixed whole $g0 KB), gcc $gg KB: --fix's memory grows with the file"
  # a run of 2,000 repeats after a paragraph with a repeated word: the repeats are removed
  # while the word-repeat finding is still to come; in batches (session 17, review 17 D1) the
  # removals marked lines done too early, the finding came for a line already printed, and
  # the file was checked again whole (44 -> 151 MB on 10 MB)
  { printf '我们我们今天去公园散步，天气很好。\n\n'
    for i in $(seq 2000); do printf '这一段被重复了很多次，用来测试连续删除的重复段落。\n\n'; done
    cat "$T/stream/big.txt"; } >"$T/stream/rep.txt"
  /usr/bin/time -f %M -o "$T/stream/rep.rss" "$QG" lint -f gcc "$T/stream/rep.txt" >"$T/stream/rep.gcc" 2>/dev/null
  r=$(tail -1 "$T/stream/rep.rss")
  grep -q ':1:1: .*word-repeat' "$T/stream/rep.gcc" && ok || bad "the repeated word of the first paragraph is not reported"
  [ "$(grep -c 'dup-paragraph' "$T/stream/rep.gcc")" -ge 1999 ] && ok || bad "the 2,000 repeats are not reported"
  [ "$r" -lt $((g + 12288)) ] && ok || bad "lint -f gcc after 2,000 repeats in a row: peak $r KB, gcc $g KB without them: the file was held whole"
fi
# GB18030 (session 17): json, sarif and codeclimate decide a file of an encoding whose line
# ends are the bytes 0x0A and 0x0D in parts too, its lines converted one at a time for the
# fingerprints' context; before, such a file was held whole with all its diagnostics to its
# end (1.2 GB on 37 MB of GB18030). What they print is what the file checked whole prints
for fmt in json sarif codeclimate; do
  iconv -f UTF-8 -t GB18030 "$T/stream/s.txt" >"$T/stream/g.txt"
  (cd "$T/stream" && "$QG" lint -f $fmt --max-warnings 0 --no-config g.txt >"gd.$fmt" 2>"gd.err"; echo $? >>gd.err)
  for k in 0 1; do
    (cd "$T/stream" && QINGGAO_TEST_STREAM_K=$k "$QG" lint -f $fmt --max-warnings 0 --no-config g.txt >"gk$k.$fmt" 2>"gk$k.err"; echo $? >>"gk$k.err")
    same "$T/stream/gk$k.$fmt" "$T/stream/gd.$fmt" "streamed $fmt of GB18030 against QINGGAO_TEST_STREAM_K=$k"
    same "$T/stream/gk$k.err" "$T/stream/gd.err" "streamed $fmt of GB18030: stderr and status against QINGGAO_TEST_STREAM_K=$k"
  done
done
[ "$(grep -c '"fixable":true' "$T/stream/gd.json")" -gt 100 ] && ok || bad "streamed json of GB18030: too few fixable diagnostics to test anything"
if [ -x /usr/bin/time ] && ! { grep -q AddressSanitizer "$QG" || ldd "$QG" 2>/dev/null | grep -q libasan; }; then
  iconv -f UTF-8 -t GB18030 "$T/stream/big.txt" >"$T/stream/bigg.txt"
  /usr/bin/time -f %M -o "$T/stream/ggcc.rss" "$QG" lint -f gcc "$T/stream/bigg.txt" >/dev/null 2>&1
  g=$(tail -1 "$T/stream/ggcc.rss")
  for fmt in json sarif; do
    /usr/bin/time -f %M -o "$T/stream/g$fmt.rss" "$QG" lint -f $fmt "$T/stream/bigg.txt" >"$T/stream/bigg.$fmt" 2>/dev/null
    j=$(tail -1 "$T/stream/g$fmt.rss")
    [ "$j" -lt $((g + 32768)) ] && ok || bad "lint -f $fmt on 4.5 MB of GB18030: peak $j KB, gcc $g KB: its memory grows with the file"
  done
  r=$(grep -o '"ruleId"' "$T/stream/bigg.sarif" | wc -l); [ "$r" -gt 20000 ] && ok || bad "streamed sarif of GB18030: few results ($r)"
fi


# ---- --fix reaches a fixed point on wrapped copy (issue 8, probe 12a A7/A8; session 13) -------
# Copy wrapped at 19 characters with half-width marks, spaces between Han and a full-width
# number cut at a line end (５ | ８个): the wrapped layout measures lines as fixed, so
# the file and its --fix'ed copy clean alike (same paragraphs: the last paragraph's lines were
# a kicker and a title before, and --fix left spaces for a second --fix), a second --fix
# changes nothing, nothing fixable is left, and the cut number was fixed (one edit per line).
mkdir -p "$T/fp"
u8 '　　今年春天,城东新建的社区图书馆正式\n对外开放，馆内藏书两万余册，设有少儿阅\n读区、自习区和电子阅览室.\n　　图书馆负责人介绍,开馆以来每天接待\n读者三百多人次,周末人数更多，不少家长\n带着孩子来参加绘本故事会.\n　　家住附近的退休教师老周说,以前借书\n要坐 车去市里,现在走路十分钟就到了，\n他几乎每天都来这里看报纸.\n　　据了解，今年全区将新建社区阅读点５\n８个,让居民在自家门口就能借到书、读好\n书,进一步丰富文化生活.\n　　城东街道办事处联合辖区内的多所中小\n学校和图书馆共同开展的全民阅读推广活动\n受到了居民的普遍欢迎和好评.\n　　下一步,区文化部门将联合学校和志愿\n者团队，定期举办读书 分享会和讲座,吸\n引更多 居民走进图书馆。\n　　活动现场,工作人员向居民发放了阅 \n读指南和借书证,并 介绍了线上 借阅平\n台的使用方法,现场气氛十分热烈。\n' >"$T/fp/w.txt"
cp "$T/fp/w.txt" "$T/fp/f1.txt"
"$QG" lint --no-config -q --fix "$T/fp/f1.txt" >/dev/null 2>&1
cp "$T/fp/f1.txt" "$T/fp/f2.txt"
"$QG" lint --no-config -q --fix "$T/fp/f2.txt" >/dev/null 2>&1
cmp -s "$T/fp/w.txt" "$T/fp/f1.txt" && bad "wrapped copy: --fix changed nothing" || ok
same "$T/fp/f1.txt" "$T/fp/f2.txt" "wrapped copy: a second --fix changed the file"
"$QG" lint --no-config -f json "$T/fp/f1.txt" >"$T/fp/f1.json" 2>/dev/null
grep -q '"fixable":true' "$T/fp/f1.json" && bad "wrapped copy: fixable diagnostics left after --fix" || ok
grep -q 'char-fullwidth-alnum' "$T/fp/f1.json" && bad "wrapped copy: the number cut at a line end (５ | ８) was not fixed" || ok
"$QG" clean -q -f text "$T/fp/w.txt" >"$T/fp/w.clean" 2>/dev/null
"$QG" clean -q -f text "$T/fp/f1.txt" >"$T/fp/f1.clean" 2>/dev/null
same "$T/fp/w.clean" "$T/fp/f1.clean" "wrapped copy: the file and its --fix'ed copy clean differently (paragraphs)"
[ "$(grep -c . "$T/fp/w.clean")" -eq 7 ] && ok || bad "wrapped copy: not 7 paragraphs: $(grep -c . "$T/fp/w.clean")"


# ---- --fix runs passes until nothing more applies (session 14) -------------------------------
# A fix can make another (straight quotes typed every which way: the outer ' ' become ‘ ’, and
# only then are the " inside them quotes to turn; until session 24 the example was 12：00-13：30,
# whose span dash a second pass made, which audit 24 F19 made one pass). One pass
# (QINGGAO_TEST_FIX_PASSES=1) gives what the json replacements say; the default passes reach
# the fixed point in one --fix, a second --fix rewrites nothing, --diff shows the same text, and
# what is printed after --fix is at the fixed file's columns.
mkdir -p "$T/mp"
u8 '会议安排：午休12：00-13：30，下午继续开会。\n他说...她“来了。\n' >"$T/mp/a.txt"
cp "$T/mp/a.txt" "$T/mp/one.txt"; cp "$T/mp/a.txt" "$T/mp/all.txt"
QINGGAO_TEST_FIX_PASSES=1 "$QG" lint --no-config -q --fix "$T/mp/one.txt" >/dev/null 2>&1
contains "$T/mp/one.txt" '午休12:00—13:30，' "one pass of --fix: the colons and the span dash (audit 24 F19)"
printf '%s\n' "他在纸上写了'\" s\" \`'是什么意思。" >"$T/mp/q1.txt"
cp "$T/mp/q1.txt" "$T/mp/q2.txt"
QINGGAO_TEST_FIX_PASSES=1 "$QG" lint --no-config -q --fix "$T/mp/q1.txt" >/dev/null 2>&1
contains "$T/mp/q1.txt" '写了‘" s" `’是' "one pass of --fix: the outer quotes alone"
"$QG" lint --no-config -q --fix "$T/mp/q2.txt" >/dev/null 2>&1
contains "$T/mp/q2.txt" '写了‘‘ s’`’是' "--fix in passes: the inner quotes too"
expect_exit 1 "--fix in passes" "$QG" lint --no-config --fix "$T/mp/all.txt"
contains "$T/mp/all.txt" '午休12:00—13:30，' "--fix in passes: the span dash too"
contains "$T/err" '4 fixes applied in 1 file' "--fix in passes: the fixes of every pass counted (2 colons, the dash, the dots)"
# the unmatched quotation is at column 7 of the file and column 6 of the fixed file
contains "$T/out" '^.*all\.txt:2:6: error: unmatched' "--fix in passes: what is left at the fixed file's columns"
lacks "$T/out" 'punct-ellipsis|punct-span-dash|num-fullwidth' "--fix in passes: an applied fix printed as left"
touch -d '2020-01-01 00:00:00' "$T/mp/all.txt"
cp "$T/mp/all.txt" "$T/mp/all.want"
expect_exit 1 "second --fix after passes" "$QG" lint --no-config --fix "$T/mp/all.txt"
same "$T/mp/all.txt" "$T/mp/all.want" "second --fix after passes changes nothing"
[ "$(stat -c %Y "$T/mp/all.txt")" = "$(date -d '2020-01-01 00:00:00' +%s)" ] && ok || bad "second --fix after passes rewrote the file"
cp "$T/mp/a.txt" "$T/mp/d.txt"
expect_exit 1 "--diff in passes" "$QG" lint --no-config --diff "$T/mp/d.txt"
contains "$T/out" '^\+会议安排：午休12:00—13:30，' "--diff shows every pass's fixes"
same "$T/mp/d.txt" "$T/mp/a.txt" "--diff wrote the file"
# --to-utf8 of a file whose encoding is named (-e): the passes keep its encoding, then UTF-8
# (review 14 #1: the second pass read the UTF-8 it wrote as GB18030, exit 3)
printf '会议安排：午休12：00-13：30，下午继续开会。\r\n他说...她“来了。\r\n' | iconv -f utf-8 -t gb18030 >"$T/mp/g.txt"
cp "$T/mp/g.txt" "$T/mp/g2.txt"
expect_exit 1 "-e GB18030 --to-utf8 --fix in passes" "$QG" lint --no-config -e GB18030 --to-utf8 --fix "$T/mp/g.txt"
[ "$(cat "$T/mp/g.txt")" = "$(printf '会议安排：午休12:00—13:30，下午继续开会。\r\n他说……她“来了。\r')" ] && ok || bad "-e GB18030 --to-utf8 --fix: $(od -c "$T/mp/g.txt" | head -3)"
contains "$T/err" '4 fixes applied in 1 file' "-e GB18030 --to-utf8 --fix: every pass"
expect_exit 1 "-e GB18030 --to-utf8 --diff in passes" "$QG" lint --no-config -e GB18030 --to-utf8 --diff "$T/mp/g2.txt"
contains "$T/out" '^\+会议安排：午休12:00—13:30，' "-e GB18030 --to-utf8 --diff: every pass"
# a file --fix streams (UTF-8, LF): the passes stream too, and a big one stays in bounded memory
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "第%d条：午休12：00-13：30，下午继续开会，地点在三楼。\n\n", i }' >"$T/mp/big.txt"
# (peaks against lint -f gcc's on the same file, as above: a sanitized build takes far more;
# and AddressSanitizer's quarantine off, which holds up to 256 MB of the parts' freed buffers)
qa="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
ASAN_OPTIONS=$qa /usr/bin/time -f '%M' -o "$T/mp/big.gcc.rss" "$QG" lint --no-config -q -j 1 "$T/mp/big.txt" >/dev/null 2>&1
ASAN_OPTIONS=$qa /usr/bin/time -f '%M' -o "$T/mp/big.rss" "$QG" lint --no-config -q -j 1 --fix "$T/mp/big.txt" >/dev/null 2>&1
[ "$(grep -c '12:00—13:30' "$T/mp/big.txt")" = 40000 ] && ok || bad "big file: not every line fixed in passes: $(grep -c '12:00—13:30' "$T/mp/big.txt")"
g=$(tail -1 "$T/mp/big.gcc.rss") x=$(tail -1 "$T/mp/big.rss")
[ "$x" -lt $((g + 32768)) ] && ok || bad "big file: --fix in passes peaked at $x KB, lint -f gcc at $g KB: the passes' memory grows with the file"
# --diff's passes stream as --fix's do, each reading the text the pass before made, and the file is
# diffed against the last (review 14 #3: a --diff that fixed anything was made again whole: on
# this file 90 MB against gcc's 34 MB, now 44 MB); applied, the diff gives what --fix wrote
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "第%d条：午休12：00-13：30，下午继续开会，地点在三楼。\n\n", i }' >"$T/mp/bigd.txt"
(cd "$T/mp" && ASAN_OPTIONS=$qa /usr/bin/time -f '%M' -o bigd.rss "$QG" lint --no-config -q -j 1 --diff bigd.txt >bigd.diff 2>/dev/null)
x=$(tail -1 "$T/mp/bigd.rss")
[ "$x" -lt $((g + 32768)) ] && ok || bad "big file: --diff in passes peaked at $x KB, lint -f gcc at $g KB: the passes' memory grows with the file"
(cd "$T/mp" && git apply bigd.diff) && ok || bad "big file: git apply of the --diff in passes failed"
same "$T/mp/bigd.txt" "$T/mp/big.txt" "big file: the --diff in passes applied is not what --fix wrote"

# ---- legacy encodings' Private Use read as the decoder reads it (session 15, probe 16 F2, F4) --
# GB18030-2022: FE59 is 龴 U+9FB4, FE51 𠂇 U+20087, A6D9 ︐ U+FE10 (ICU's 2005 table: Private Use).
# --fix writes their bytes back as they were, --diff and --to-utf8 show the characters. (The
# vertical comma in Chinese text is made ， since session 16, char-vertical; in the line with no
# Han character it is left, and its bytes are kept.)
mkdir -p "$T/pua"
printf '本报讯 今天#字和@字,竖排%%符号，此处仅为示例文字。\r\nref%%a\r\n' | iconv -f utf-8 -t gb18030 |
  sed 's/#/\xfe\x59/; s/@/\xfe\x51/; s/%/\xa6\xd9/' >"$T/pua/g.txt"
cp "$T/pua/g.txt" "$T/pua/g2.txt"; cp "$T/pua/g.txt" "$T/pua/g3.txt"
expect_exit 0 "GB18030-2022 pairs: lint" "$QG" lint --no-config -e GB18030 "$T/pua/g.txt"
lacks "$T/out" 'decode-private-use' "GB18030-2022 pairs: reported as Private Use"
expect_exit 0 "GB18030-2022 pairs: --diff" "$QG" lint --no-config -e GB18030 --diff "$T/pua/g.txt"
contains "$T/out" '^-本报讯 今天龴字和𠂇字,竖排︐符号' "GB18030-2022 pairs: --diff shows the characters"
expect_exit 0 "GB18030-2022 pairs: --fix" "$QG" lint --no-config -q -e GB18030 --fix "$T/pua/g2.txt"
[ "$(od -An -tx1 "$T/pua/g2.txt" | tr -d ' \n')" = "$(printf '本报讯 今天#字和@字，竖排，符号，此处仅为示例文字。\r\nref%%a\r\n' | iconv -f utf-8 -t gb18030 | sed 's/#/\xfe\x59/; s/@/\xfe\x51/; s/%/\xa6\xd9/' | od -An -tx1 | tr -d ' \n')" ] && ok ||
  bad "GB18030-2022 pairs: --fix did not keep their bytes: $(od -An -tx1 "$T/pua/g2.txt" | head -3)"
expect_exit 0 "GB18030-2022 pairs: --fix --to-utf8" "$QG" lint --no-config -q -e GB18030 --fix --to-utf8 "$T/pua/g3.txt"
contains "$T/pua/g3.txt" '^本报讯 今天龴字和𠂇字，竖排，符号' "GB18030-2022 pairs: --to-utf8 writes the characters"
contains "$T/pua/g3.txt" '^ref︐a' "GB18030-2022 pairs: --to-utf8 writes the vertical comma left"
# Big5 read with HKSCS: 嘅 (9DEF) in --diff is 嘅, not windows-950's Private Use U+ECD1; ⻖ (C8EE)
# → 阝 U+961D, which windows-950 cannot write and Big5-HKSCS writes 8BFB, and the commas with it;
# ⺮ → 𥫗 U+25AD7, in no Big5 table: held back, the line's other fixes made
printf '\xa5\xbb\xb3\xf8\xb0\x54 \xad\xbb\xb4\xe4\xa4\xb5\xa4\xe9\xa4\xbd\xa5\xac,\xb3\xa1\xad\xba\x9d\xef\xa9\x4d\xc8\xee\xaa\xba\xbc\x67\xaa\x6b,\xbd\xd0\xaa\x60\xb7\x4e.\r\n' >"$T/pua/b.txt"
expect_exit 0 "Big5 HKSCS: --diff" "$QG" lint --no-config -e Big5 --diff "$T/pua/b.txt"
contains "$T/out" '^-本報訊 香港今日公布,部首嘅和⻖的寫法,請注意.' "Big5 HKSCS: --diff shows 嘅 and ⻖"
contains "$T/out" '^\+本報訊 香港今日公布，部首嘅和阝的寫法，請注意。' "Big5 HKSCS: --diff makes ⻖ 阝"
cp "$T/pua/b.txt" "$T/pua/b2.txt"
expect_exit 0 "Big5 HKSCS: --fix" "$QG" lint --no-config -q -e Big5 --fix "$T/pua/b2.txt"
[ "$(od -An -tx1 "$T/pua/b2.txt" | tr -d ' \n')" = "a5bbb3f8b05420adbbb4e4a4b5a4e9a4bda5aca141b3a1adba9defa94d8bfbaababc67aa6ba141bdd0aa60b74ea1430d0a" ] && ok ||
  bad "Big5 HKSCS: --fix wrote $(od -An -tx1 "$T/pua/b2.txt" | tr -d ' \n')"
printf '\xa5\xbb\xb3\xf8\xb0\x54 \xa4\xb5\xa4\xe9,\xb3\xa1\xad\xba\xc8\xe5\xaa\xba.\r\n' >"$T/pua/c.txt"
expect_exit 0 "Big5: a fix it cannot write" "$QG" lint --no-config -e Big5 --fix "$T/pua/c.txt"
[ "$(od -An -tx1 "$T/pua/c.txt" | tr -d ' \n')" = "a5bbb3f8b05420a4b5a4e9a141b3a1adbac8e5aabaa1430d0a" ] && ok ||
  bad "Big5: the fixes beside one it cannot write: $(od -An -tx1 "$T/pua/c.txt" | tr -d ' \n')"
contains "$T/out" 'char-radical' "Big5: the fix it cannot write is left, reported"

# ---- --diff streamed: line by line, in any encoding read a line at a time (session 21) -----
# The diff is made from the file and the fixed text read line by line twice (cli/fix.c
# fix_diff_stream); QINGGAO_TEST_DIFF_WHOLE makes it from both texts whole, as before: the two
# must be the same bytes, for UTF-8 with a BOM, GB18030 with a BOM, CRLF and no final line end,
# Private Use read as the decoder reads it, Big5 with HKSCS, with and without --to-utf8.
mkdir -p "$T/sd"
printf '\xef\xbb\xbf本报讯 今天天气很好,我们去公园.\n\n第二段,测试.\n\n一\n二\n三\n四\n五\n六\n七\n八\n最后一行没有换行,对吧' >"$T/sd/u8bom.txt"
{ printf '\x84\x31\x95\x33'; gb '本报讯 今天天气很好,我们去公园.\r\n\r\n他说:"你好".\r\n\r\n最后一行没有换行,对吧'; } >"$T/sd/gbbom.txt"
cp "$T/pua/g.txt" "$T/sd/gbpua.txt"
cp "$T/pua/b.txt" "$T/sd/big5.txt"
for f in u8bom gbbom gbpua big5; do
  case $f in gb*) e="-e GB18030" ;; big5) e="-e Big5" ;; *) e= ;; esac
  for u in "" --to-utf8; do
    # shellcheck disable=SC2086
    "$QG" lint --no-config $e $u --diff "$T/sd/$f.txt" >"$T/sd/$f$u.diff" 2>"$T/sd/$f$u.err"
    echo "status $?" >>"$T/sd/$f$u.err"
    # shellcheck disable=SC2086
    QINGGAO_TEST_DIFF_WHOLE=1 "$QG" lint --no-config $e $u --diff "$T/sd/$f.txt" >"$T/sd/$f$u.whole" 2>"$T/sd/$f$u.werr"
    echo "status $?" >>"$T/sd/$f$u.werr"
    [ "$(grep -c '^@@' "$T/sd/$f$u.diff")" -ge 1 ] && ok || bad "streamed --diff of $f $u: no hunk"
    same "$T/sd/$f$u.diff" "$T/sd/$f$u.whole" "streamed --diff of $f $u against the diff made whole"
    same "$T/sd/$f$u.err" "$T/sd/$f$u.werr" "streamed --diff of $f $u: messages and status against the whole"
  done
done
# what the cases above must show: a UTF-8 file's BOM is part of its first line (patch needs
# it), GB18030's converted BOM is not; a last line without its line end says so; two hunks
contains "$T/sd/u8bom.diff" "^-$(printf '\xef\xbb\xbf')本报讯 今天天气很好,我们去公园.$" "streamed --diff: the UTF-8 BOM in the first line"
lacks "$T/sd/gbbom.diff" "$(printf '\xef\xbb\xbf')" "streamed --diff: GB18030's BOM is no part of a line"
contains "$T/sd/gbbom.diff" '^-本报讯 今天天气很好,我们去公园.' "streamed --diff: GB18030 with a BOM shown in UTF-8"
[ "$(grep -c '^\\ No newline at end of file' "$T/sd/gbbom.diff")" = 2 ] && ok || bad "streamed --diff: the last line without its line end, both sides"
[ "$(grep -c '^@@' "$T/sd/u8bom.diff")" = 2 ] && ok || bad "streamed --diff: changes 11 lines apart make two hunks: $(grep '^@@' "$T/sd/u8bom.diff" | tr '\n' ' ')"
(cd "$T/sd" && cp u8bom.txt p.txt && patch -s p.txt <u8bom.diff) && ok || bad "streamed --diff of u8bom does not apply"
cp "$T/sd/u8bom.txt" "$T/sd/f.txt"
"$QG" lint --no-config -q --fix "$T/sd/f.txt" >/dev/null 2>&1
same "$T/sd/p.txt" "$T/sd/f.txt" "streamed --diff of u8bom applied by patch gives what --fix writes"

# ---- --diff in passes: a file changed between its first read and the diff (review 15 #2) --------
# The streamed passes read the file once; the diff reads it again: changed between (strace delays
# that second open while the test rewrites the file), the diff is made again from the file as it
# is now (fix_one), not the old file's fixed text laid over the new one, which undid the change
mkdir -p "$T/chg"
printf '今年以来,我市共完成项目.\n第二行 ,有问题 。\n第三行没有问题。\n' >"$T/chg/ch.txt"
(cd "$T/chg" && strace -f -qq -o /dev/null -P ch.txt -e trace=openat -e inject=openat:delay_enter=3000000:when=2 \
  "$QG" lint --no-config -q -j 1 --diff ch.txt >ch.diff 2>ch.err) &
sleep 1.5
printf '今年以来,我市共完成项目.\n第二行 ,有问题 。\n第三行被作者改写了。\n' >"$T/chg/ch.txt"
wait
contains "$T/chg/ch.diff" '^ 第三行被作者改写了。' "--diff of a file changed during the run: the change kept as context"
lacks "$T/chg/ch.diff" '^[-+]第三行' "--diff of a file changed during the run: the change undone"

# ---- SARIF fixes of fixes that overlap (session 26, review 25 L4) -------------------------------
# A fix over text an earlier one made (︲ made – and then —), or over a character an earlier one
# removed (the spaces around a U+200B), is one change of the file: SARIF gives it once, on the
# last of them, and the others name it (properties.fixedBy); all the fixes applied give what one
# pass of --fix writes (before: `>！  “上海` against `>！“上海`). Decided in parts (UTF-8) and
# whole (UTF-16).
mkdir -p "$T/ovl"
u8 '>! \u200b "上海\n\n时间9\ufe3210时，利率２,００８年。\n' >"$T/ovl/o8.txt"
u8 '>! \u200b "上海\n\n时间9\ufe3210时，利率２,００８年。\n' | iconv -f UTF-8 -t UTF-16 >"$T/ovl/o16.txt"
for f in o8 o16; do
  enc=UTF-8; [ "$f" = o16 ] && enc=UTF-16
  "$QG" lint --no-config -f sarif "$T/ovl/$f.txt" >"$T/ovl/$f.sarif" 2>/dev/null
  cp "$T/ovl/$f.txt" "$T/ovl/$f.fixed"
  QINGGAO_TEST_FIX_PASSES=1 "$QG" lint --no-config -q --fix "$T/ovl/$f.fixed" >/dev/null 2>&1
  python3 - "$T/ovl/$f.txt" "$T/ovl/$f.sarif" "$T/ovl/$f.fixed" "$enc" <<'PY' && ok || bad "SARIF fixes of overlapping fixes ($f)"
import json, sys
enc = sys.argv[4]
lines = open(sys.argv[1], encoding=enc).read().split('\n')
res = json.load(open(sys.argv[2]))['runs'][0]['results']
eds, by = [], 0
for r in res:
    for fx in r.get('fixes', []):
        for rp in fx['artifactChanges'][0]['replacements']:
            g = rp['deletedRegion']
            eds.append((g['startLine'], g['startColumn'], g['endColumn'], rp['insertedContent']['text']))
    if (r.get('properties') or {}).get('fixedBy'):
        b = r['properties']['fixedBy']
        assert any(x['ruleId'] == b['ruleId'] and x.get('fixes') and
                   x['locations'][0]['physicalLocation']['region']['startColumn'] == b['startColumn']
                   for x in res), b
        by += 1
assert by == 4, by   # char-invisible, the ︲ made –, the two runs of full-width digits
eds.sort()
for a, b in zip(eds, eds[1:]):
    assert a[0] != b[0] or a[2] <= b[1], ('overlap', a, b)
for l, c, ec, t in reversed(eds):
    s = lines[l - 1]
    lines[l - 1] = s[:c - 1] + t + s[ec - 1:]
want = open(sys.argv[3], encoding=enc).read()
assert '\n'.join(lines) == want, ('\n'.join(lines), want)
PY
done

finish
