#!/usr/bin/env bash
# batch_test.sh QINGGAO SRCDIR: batch runs (docs/batch.md): -j N gives the bytes of -j 1 in
# every format, results in input order, a failing file among good ones, -o DIR mirroring with
# --include/--exclude, the summary, the progress bar (only on a terminal), the outputs' modes
# (umask, a replaced file's mode) and the temporary file removed on SIGTERM, SIGHUP, SIGINT.
# The texts are this repo's samples/ and tests/pages/ and lines written for this test.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
same() { # a b description
  if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -20 >&2; fi
}
export LC_ALL=C

# a tree of pages: nested directories, compressed files, a file that is not text
D=$T/pages
page_tree "$SRC" "$D"
mkdir -p "$D/drafts"
zstd -q -c "$SRC/samples/page3-lines.txt" >"$D/b/page3.txt.zst"
cp "$SRC"/tests/pages/10*.txt "$D/drafts/"
echo "notes, not copy" >"$D/a/notes.md"

# -j 2 and -j 3 write the bytes of -j 1, in every format, with --report and --jsonl
for f in xml nitf json text; do
  expect_exit 0 "clean -j1 -f $f" "$QG" clean -j1 -f "$f" --report "$T/r1.$f" "$D"
  mv "$T/out" "$T/j1.$f"
  for j in 2 3; do
    expect_exit 0 "clean -j$j -f $f" "$QG" clean -j$j -f "$f" --report "$T/r$j.$f" "$D"
    same "$T/out" "$T/j1.$f" "-j$j -f $f output"
    same "$T/r$j.$f" "$T/r1.$f" "-j$j -f $f --report"
  done
  [ -s "$T/j1.$f" ] && [ -s "$T/r1.$f" ] && ok || bad "-f $f: empty output or report"
done
contains "$T/j1.xml" "^<qinggao " "xml: one root"
[ "$(grep -c '^<qinggao ' "$T/j1.xml")" = 1 ] && ok || bad "xml: the root start written once"
[ "$(grep -c '^</qinggao>' "$T/j1.xml")" = 1 ] && ok || bad "xml: the root end written once"
[ "$(grep -c '^<nitf-collection>' "$T/j1.nitf")" = 1 ] && ok || bad "nitf: the root written once"
python3 -c 'import sys, xml.etree.ElementTree as E; [E.parse(f) for f in sys.argv[1:]]' \
  "$T/j1.xml" "$T/j1.nitf" 2>"$T/xl" && ok || bad "batch xml/nitf not well-formed: $(tail -1 "$T/xl")"
# -j 1 is what one run over the same files wrote before batches: the files one by one, joined
for p in "$D"/0[1-4]*.txt; do "$QG" clean -q -f json "$p"; done >"$T/one.json"
"$QG" clean -q -j2 -f json "$D"/0[1-4]*.txt >"$T/out"; same "$T/out" "$T/one.json" "-j2 = files one by one"

# a document whose output passes the slot's memory (512 KiB) goes through a temporary file
mkdir -p "$T/big"
python3 "$SRC/bench/gen.py" 1.5 "$T/big/00-big.txt"  # first: the others wait behind it
cp "$SRC"/tests/pages/0[1-6]*.txt "$T/big/"
"$QG" clean -q -j1 -f xml --dedup off "$T/big" >"$T/big1.xml"
"$QG" clean -q -j2 -f xml --dedup off "$T/big" >"$T/big2.xml"
same "$T/big2.xml" "$T/big1.xml" "-j2 with a document spooled to a file"
[ "$(wc -c <"$T/big1.xml")" -gt 1000000 ] && ok || bad "the big document's output is not over 1 MB"

# order of results: the walk's name order, whatever the thread that finished first
python3 - "$T/j1.json" >"$T/order" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(line)["source"])
PY
( cd "$D" && for x in 01* 02* 03* 04*; do echo "$D/$x"; done
  for x in a/05* a/06* a/07* a/08* a/deep/09*; do echo "$D/$x"; done
  echo "$D/a/notes.md"; echo "$D/b/page1.txt"; echo "$D/b/page2.txt.gz"; echo "$D/b/page3.txt.zst"
  for x in drafts/10*; do echo "$D/$x"; done ) >"$T/order.want"
same "$T/order" "$T/order.want" "results in input order"

# --jsonl: the same lines with -j 1 and -j 2
python3 - "$SRC/samples/page1.txt" "$T/j" <<'PY'
import json, sys, os
paras = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p.strip()]
os.makedirs(sys.argv[2], exist_ok=True)
for k in range(6):
    with open(os.path.join(sys.argv[2], "part%d.jsonl" % k), "w", encoding="utf-8") as f:
        for i, p in enumerate(paras[k::3]):
            f.write(json.dumps({"id": "%d-%d" % (k, i), "text": p}, ensure_ascii=False) + "\n")
PY
echo '{"id": "broken", "text": ' >>"$T/j/part3.jsonl"
expect_exit 3 "jsonl -j1 with a bad line" "$QG" clean -j1 --jsonl "$T/j"; mv "$T/out" "$T/jl1"; mv "$T/err" "$T/jl1.err"
expect_exit 3 "jsonl -j2 with a bad line" "$QG" clean -j2 --jsonl "$T/j"
same "$T/out" "$T/jl1" "--jsonl -j2 output"
grep -v "s, [0-9.]* MB/s" "$T/err" >"$T/e2"; grep -v "s, [0-9.]* MB/s" "$T/jl1.err" >"$T/e1"
same "$T/e2" "$T/e1" "--jsonl -j2 messages"
contains "$T/err" "part3.jsonl:[0-9]+:[0-9]+: error" "the bad line is named"

# --dedup-scope run: one worker, so the first occurrences are those of -j 1
cp "$SRC/samples/page1.txt" "$D/b/z-again.txt"
"$QG" clean -q -j1 -f json --dedup-scope run "$D" >"$T/run1"
"$QG" clean -q -j2 -f json --dedup-scope run "$D" >"$T/run2"
same "$T/run2" "$T/run1" "--dedup-scope run -j2"
contains "$T/run1" "\"duplicate_of\":\\{\"source\":\"$D/b/page1.txt\"" "scope run finds the copy in another file"
rm "$D/b/z-again.txt"
# dedup and segment run in batches too
"$QG" dedup -q -j1 "$D" >"$T/d1"; "$QG" dedup -q -j2 "$D" >"$T/d2"; same "$T/d2" "$T/d1" "dedup -j2"
"$QG" segment -q -j1 "$D" >"$T/s1"; "$QG" segment -q -j2 "$D" >"$T/s2"; same "$T/s2" "$T/s1" "segment -j2"
[ -s "$T/d1" ] && [ -s "$T/s1" ] && ok || bad "dedup/segment outputs empty"

# a failing file among good ones: invalid bytes, a missing file, a corrupt .gz
F=$T/fail
mkdir -p "$F"
cp "$SRC"/tests/pages/01*.txt "$F/a.txt"
printf '第一段文字。\n\n第二段\xff文字。\n' >"$F/b-invalid.txt"
cp "$SRC"/tests/pages/02*.txt "$F/c.txt"
gzip -c "$SRC/samples/page1.txt" | head -c 300 >"$F/d-corrupt.txt.gz"
cp "$SRC"/tests/pages/03*.txt "$F/e.txt"
for j in 1 2; do
  expect_exit 3 "failures -j$j" "$QG" clean -j$j -f json "$F" "$T/missing.txt"
  "$QG" clean -q -f json "$F/a.txt" "$F/c.txt" "$F/e.txt" >"$T/good.json"
  same "$T/out" "$T/good.json" "-j$j: the good files' output, in order, despite failures"
  contains "$T/err" "b-invalid.txt:3:4: invalid UTF-8 byte 0xFF" "-j$j: the invalid byte named"
  contains "$T/err" "d-corrupt.txt.gz: corrupt gzip data" "-j$j: the corrupt gzip named"
  contains "$T/err" "missing.txt: cannot open" "-j$j: the missing file named"
  contains "$T/err" "6 files, 3 failed" "-j$j: summary counts"
  contains "$T/err" "failed: $F/b-invalid.txt, $F/d-corrupt.txt.gz, $T/missing.txt" "-j$j: failures named in order"
done

# a failed file's changes are not the output's: the summary adds those of the good files only
# (probe 8 E14: a file with hundreds of fixes and a bad byte at its end)
python3 -c "import sys; sys.stdout.buffer.write('今天,天气很好.\n\n'.encode()*300 + b'\xff\n')" >"$T/many-bad.txt"
printf '第二个文件的第一段。\n\n第二段。\n' >"$T/clean-good.txt"
expect_exit 3 "failed file's changes" "$QG" clean -f text "$T/many-bad.txt" "$T/clean-good.txt"
contains "$T/err" "2 files, 1 failed; .*, 2 paragraphs, 0 changes, 0 removed \(0 duplicates\)" "a failed file's changes are not counted"
# nor its bytes (probe 10 F7: the 4,801 bytes of the failed file were in the summary)
good=$(stat -c %s "$T/clean-good.txt")
contains "$T/err" "2 files, 1 failed; $good bytes," "a failed file's bytes are not counted"
# decimal kilobytes are kB, as docs/batch.md writes them (probe 11c F22: KB)
python3 -c "import sys; sys.stdout.buffer.write('今天,天气很好.\n\n'.encode()*600)" >"$T/twelve-kb.txt"
expect_exit 0 "summary of 12 kB" "$QG" clean -f text "$T/twelve-kb.txt"
contains "$T/err" "1 file, 0 failed; [0-9]+\.[0-9] kB," "kilobytes written kB"
# a long name (82 Han characters, 250 bytes with .xml: legal) can be written (probe 9 F13;
# the temporary file is DIR/.qgout-XXXXXX, hidden from walks: the signal tests below find it)
mkdir -p "$T/ln/in"
long=$(python3 -c "print('长'*82)")
printf '第一段文字。\n' >"$T/ln/in/$long.txt"
expect_exit 0 "-o DIR, a long name" "$QG" clean -q -o "$T/ln/out/" "$T/ln/in"
[ -s "$T/ln/out/$long.xml" ] && ok || bad "the output of a long name was not written"
# -o through a symbolic link writes the file the link leads to, and the link stays (probe 9
# F15), also when that file does not exist yet
mkdir -p "$T/lk/sub"
printf '好,的.\n' >"$T/lk/a.txt"
echo old >"$T/lk/target.txt"; ln -s target.txt "$T/lk/link.txt"; ln -s sub/new.txt "$T/lk/dang.txt"
expect_exit 0 "-o a symbolic link" "$QG" clean -q -f text -o "$T/lk/link.txt" "$T/lk/a.txt"
[ -L "$T/lk/link.txt" ] && ok || bad "-o replaced the symbolic link"
contains "$T/lk/target.txt" "^好，的。$" "-o through a link: the file it leads to written"
expect_exit 0 "-o a link leading nowhere yet" "$QG" clean -q -f text -o "$T/lk/dang.txt" "$T/lk/a.txt"
[ -L "$T/lk/dang.txt" ] && ok || bad "-o replaced the dangling link"
contains "$T/lk/sub/new.txt" "^好，的。$" "-o through a dangling link: its file made"
# nor are those of a file whose -o DIR output cannot be written (its name taken by a directory)
mkdir -p "$T/wf/in" "$T/wf/out/x.txt"
printf '今天,天气很好.\n\n明天,下雨.\n' >"$T/wf/in/x.txt"
cp "$T/clean-good.txt" "$T/wf/in/y.txt"
expect_exit 3 "-o DIR, one output unwritable" "$QG" clean -f text -o "$T/wf/out/" "$T/wf/in/x.txt" "$T/wf/in/y.txt"
contains "$T/err" "wf/out/x.txt: cannot write: Is a directory" "the unwritable output named"
contains "$T/err" "2 files, 1 failed; .*, 2 paragraphs, 0 changes, 0 removed" "an unwritten output's changes are not counted"
same "$T/wf/out/y.txt" "$T/clean-good.txt" "the other file written"

# summary: its numbers are the sums of the documents' stats, but for the changes made to a
# repeat before it was removed, which are in no output (since session 23, probe 23 M3): the
# fixes listed before a removal, on its span (a repaired paragraph's span may hold a caption
# moved out of it, which stays: none here)
"$QG" clean -j2 -f json "$D" >"$T/out" 2>"$T/err"
python3 - "$T/out" >"$T/sums" <<'PY'
import json, sys
n = b = c = r = 0
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line); s = o["stats"]; n += 1; b += s["blocks"]; c += s["changes"]; r += s["removed"]
    ds, gone = o["diagnostics"], set()
    for i, d in enumerate(ds):
        if d["rule"] in ("dup-paragraph", "dup-near") and d["fixed"]:
            span = ((d["line"], d["column"]), (d["end_line"], d["end_column"]))
            for k, x in enumerate(ds[:i]):
                if k not in gone and x["fixed"] and not x["rule"].startswith("dup-") and \
                        span[0] <= (x["line"], x["column"]) < span[1]:
                    gone.add(k); c -= 1
print("%d files, 0 failed; .*, %d paragraphs, %d changes, %d removed" % (n, b, c, r))
PY
contains "$T/err" "^qinggao: clean: $(cat "$T/sums") \([0-9]+ duplicates\); [0-9.]+ s, [0-9.]+ MB/s$" "summary numbers"
dups=$(grep -o '"rule":"dup-\(paragraph\|near\)"' "$T/out" | wc -l)
contains "$T/err" "\($dups duplicates\)" "summary duplicates"
expect_exit 0 "--quiet" "$QG" clean -q -j2 -f text "$D"
[ -s "$T/err" ] && bad "--quiet still wrote to stderr: $(head -2 "$T/err")" || ok

# progress: absent when stderr is a file, present on a terminal (script gives a pty)
"$QG" clean -j2 -f text "$D" >/dev/null 2>"$T/err"
lacks "$T/err" $'\r' "no progress bar when stderr is a file"
lacks "$T/err" "ETA|% .* of " "no progress text when stderr is a file"
if command -v script >/dev/null; then
  script -qec "'$QG' clean -j2 -f text -o '$T/pty.txt' '$D'" /dev/null >"$T/pty" 2>&1
  contains "$T/pty" $'\r''qinggao: +[0-9]+% [0-9.]+ (bytes|kB|MB) of [0-9.]+ (kB|MB), [0-9]+/14 files, [0-9.]+ MB/s' "progress bar on a terminal"
  contains "$T/pty" $'\r\e\\[Kqinggao: clean: 14 files' "the bar is erased before the summary"
  script -qec "'$QG' clean -q -j2 -f text -o '$T/pty.txt' '$D'" /dev/null >"$T/pty" 2>&1
  lacks "$T/pty" "files, [0-9.]+ MB/s" "--quiet: no progress bar on a terminal"
  script -qec "'$QG' clean -j2 -f text -o '$T/pty.txt' '$F'" /dev/null >"$T/pty" 2>&1
  # an error line starts on a clean line: the bar is erased before it
  contains "$T/pty" $'\e\\[Kqinggao: '"$F/b-invalid.txt:3:4" "bar erased before an error"
  lacks "$T/pty" $'MB/s[^\r]*qinggao: '"$F" "no error glued to the bar"
  # a report on the terminal too (--report /dev/stderr): the bar is erased before its lines
  # (probe 15 #9: the first line of each file was glued to the bar)
  script -qec "'$QG' clean -j2 -f text -o '$T/pty.txt' --report /dev/stderr '$D'" /dev/null >"$T/pty" 2>&1
  contains "$T/pty" 'warning: .*\[' "--report /dev/stderr on a terminal: the report there"
  lacks "$T/pty" $'(MB/s|ETA [0-9:]+)\e\\[K[^\r]' "--report /dev/stderr: no report line glued to the bar"
  # standard input: its size is not known, so the bar says the bytes read and the rate, no
  # percentage, total or ETA (audit 24 F11: "100% 2.9 MB of 2.9 MB" while it grew)
  for k in $(seq 400); do cat "$D"/*.txt; done >"$T/big-stdin.txt"
  script -qec "cat '$T/big-stdin.txt' | '$QG' clean -j1 -f text -o /dev/null -" /dev/null >"$T/pty" 2>&1
  contains "$T/pty" $'\r''qinggao: [0-9.]+ (bytes|kB|MB) read, 0/1 files, [0-9.]+ MB/s' "standard input: bytes read and the rate"
  lacks "$T/pty" '%|ETA| of ' "standard input: no percentage, total or ETA"
else
  bad "script (bsdutils) is not installed: the terminal path is untested"
fi

# -o DIR: one output per input, the tree below each directory argument mirrored
O=$T/outdir
expect_exit 0 "-o DIR" "$QG" clean -q -j2 -o "$O/" --exclude drafts --exclude '*.md' "$D"
(cd "$O" && find . -type f | sort) >"$T/tree"
printf '%s\n' ./.qinggao-output ./01-banner-feature.xml ./02-community-caption.xml ./03-photo-news.xml \
  ./04-wire-dateline.xml ./a/05-hard-cuts.xml ./a/06-subhead-traps.xml ./a/07-briefs-repeats.xml \
  ./a/08-profile-photo.xml ./a/deep/09-dispatch-comment.xml ./b/page1.xml ./b/page2.xml.gz \
  ./b/page3.xml.zst >"$T/tree.want"
same "$T/tree" "$T/tree.want" "-o DIR mirrors the tree (excludes, extensions, compression kept; the marker of a DIR it made)"
"$QG" clean -q "$D/a/deep/09-dispatch-comment.txt" >"$T/one.xml"
same "$O/a/deep/09-dispatch-comment.xml" "$T/one.xml" "-o DIR: a file's output is its own run's"
"$QG" clean -q "$D/b/page2.txt.gz" >"$T/one.xml"
gzip -dc "$O/b/page2.xml.gz" >"$T/out"; same "$T/out" "$T/one.xml" "-o DIR: .gz in, .gz out"
"$QG" clean -q "$D/b/page3.txt.zst" >"$T/one.xml"
zstd -q -dc "$O/b/page3.xml.zst" >"$T/out"; same "$T/out" "$T/one.xml" "-o DIR: .zst in, .zst out"
[ -z "$(find "$O" -name '.qgout-*')" ] && ok || bad "-o DIR left a temporary file"
# --include: only matching files from directories; files named explicitly are always taken
expect_exit 0 "-o DIR --include" "$QG" clean -q -f text -o "$T/inc/" --include 'a/**' --include '0[12]*' \
  --exclude 'deep/' "$D" "$D/drafts/10-festival-bylines.txt"
(cd "$T/inc" && find . -type f | sort) >"$T/tree"
printf '%s\n' ./.qinggao-output ./01-banner-feature.txt ./02-community-caption.txt ./10-festival-bylines.txt \
  ./a/05-hard-cuts.txt ./a/06-subhead-traps.txt ./a/07-briefs-repeats.txt ./a/08-profile-photo.txt \
  ./a/notes.txt >"$T/tree.want"
same "$T/tree" "$T/tree.want" "--include a/** and a basename pattern, --exclude a directory"
# ** in the middle matches any number of directories (none included); a missing explicit file
# still fails under its own name
expect_exit 0 "--include **/deep/*" "$QG" clean -q -f text -o "$T/inc2/" --include '**/deep/*' \
  --include '**/page2*' --include 'x/**/y' "$D"
(cd "$T/inc2" && find . -type f | sort) >"$T/tree"
printf '%s\n' ./.qinggao-output ./a/deep/09-dispatch-comment.txt ./b/page2.txt.gz >"$T/tree.want"
same "$T/tree" "$T/tree.want" "--include with ** segments"
# a failing file writes no output and does not stop the others; -o DIR is not walked again
expect_exit 3 "-o DIR with failures" "$QG" clean -q -j2 -f text -o "$F/out/" "$F"
(cd "$F/out" && find . -type f | sort) >"$T/tree"
printf '%s\n' ./.qinggao-output ./a.txt ./c.txt ./e.txt >"$T/tree.want"
same "$T/tree" "$T/tree.want" "-o DIR: no output for the failed files"
expect_exit 3 "-o DIR inside the input directory, again" "$QG" clean -q -j2 -f text -o "$F/out/" "$F"
lacks "$T/err" "out/" "the output directory is not read as input"
# an output that would replace an input is refused; two inputs with one output name too
mkdir -p "$T/same"; cp "$SRC/samples/page1.txt" "$T/same/page1.txt"; cp "$T/same/page1.txt" "$T/same/keep"
expect_exit 3 "-o DIR onto the input" "$QG" clean -q -f text -o "$T/same/" "$T/same/page1.txt"
contains "$T/err" "page1.txt: its output $T/same/page1.txt is an input; not overwritten" "refused overwrite named"
same "$T/same/page1.txt" "$T/same/keep" "the input is untouched"
mkdir -p "$T/c1" "$T/c2"; cp "$SRC/samples/page1.txt" "$T/c1/p.txt"; cp "$SRC/samples/page3-lines.txt" "$T/c2/p.txt"
expect_exit 3 "two inputs, one output name" "$QG" clean -q -o "$T/clash/" "$T/c1/p.txt" "$T/c2/p.txt"
contains "$T/err" "c2/p.txt: its output $T/clash/p.xml is already the output of $T/c1/p.txt" "clash named"
"$QG" clean -q "$T/c1/p.txt" >"$T/one.xml"; same "$T/clash/p.xml" "$T/one.xml" "the first of a clash is written"
contains "$T/err" "\(a file named on the command line goes to the top of -o DIR: run once per file\)$" "clash of named files: the advice"
# two directory arguments with a file of one name: the clash says how to avoid it (audit 24 F15)
mkdir -p "$T/day1" "$T/day2"; cp "$SRC/samples/page1.txt" "$T/day1/p.txt"; cp "$SRC/samples/page3-lines.txt" "$T/day2/p.txt"
expect_exit 3 "two directories, one output name" "$QG" clean -q -o "$T/clash2/" "$T/day1" "$T/day2"
contains "$T/err" "day2/p.txt: its output $T/clash2/p.xml is already the output of $T/day1/p.txt \(each directory argument is mirrored from below it: name the directory that holds both, or run once per directory\)$" "clash of directories: the advice"
expect_exit 2 "-o DIR with standard input" "$QG" clean -o "$T/std/" - </dev/null

# the same near repeats in several files: each file (its own document) loses the same
# paragraphs, whichever worker and whichever earlier document its pipeline had (doc scope)
python3 - "$T/near" <<'PY'
import os, random, sys
os.makedirs(sys.argv[1], exist_ok=True)
r = random.Random(7)
p = "".join(chr(0x4E00 + r.randrange(3000)) for _ in range(80))
v1 = p[:40] + "甲" + p[41:]
v2 = p[:60] + "乙" + p[61:]
for k in range(6):
    text = "\n\n".join(x + "。" for x in (p, v1, v2)) + "\n"
    open(os.path.join(sys.argv[1], "n%d.txt" % k), "w", encoding="utf-8").write(text)
PY
for j in 1 2; do
  expect_exit 0 "near repeats in six files, -j $j" "$QG" clean -j $j -f text --report "$T/near-rep$j" "$T/near"
  contains "$T/err" "12 removed" "-j $j: two near repeats removed in each of six files"
  cp "$T/out" "$T/near-out$j"
done
same "$T/near-out1" "$T/near-out2" "near repeats: -j 2 writes the bytes of -j 1"
[ "$(grep -c 'error: .*\[dup-near\]$' "$T/near-rep1")" = 12 ] && ok || bad "near repeats: 12 dup-near reported"
[ "$(grep -c 'note: removed, line .*\[dup-near\]$' "$T/near-rep1")" = 12 ] && ok || bad "near repeats: 12 removed texts shown"

# symbolic links found in a walk are not followed (no loop, no repeats; probe 14 #15), and said
mkdir -p "$T/loop"; cp "$SRC/samples/page3-lines.txt" "$T/loop/a.txt"
ln -s . "$T/loop/l1"; ln -s . "$T/loop/l2"; ln -s a.txt "$T/loop/today.txt"
expect_exit 0 "symlink loops" timeout 20 "$QG" clean -f text "$T/loop"
contains "$T/err" "clean: 1 file, 0 failed" "symlink loops: the one file once"
contains "$T/err" "skipped, not text: [^ ]*loop/l1 \(a symbolic link, not followed\), [^ ]*loop/l2 \(a symbolic link, not followed\), [^ ]*loop/today.txt \(a symbolic link, not followed\)" "symlinks found in a walk: said"
expect_exit 0 "links named" "$QG" clean -f text "$T/loop/today.txt" "$T/loop/l1"
# (both lead to a.txt: it is read once, at its first place; since probe 15 #7)
contains "$T/err" "^qinggao: named twice: [^ ]*loop/l1/a.txt \(the same file as [^ ]*loop/today.txt\)$" "links named on the command line are followed (a file, a directory walked)"
contains "$T/err" "clean: 1 file, 0 failed" "links named: the file they lead to read once"
rm -f "$T/loop/today.txt"
# a broken symbolic link and a tree deeper than the walk goes are said, not passed over in
# silence (probe 8 E10, E15); --quiet says nothing
ln -s nowhere.txt "$T/loop/broken.txt"
expect_exit 0 "a broken link" "$QG" clean -f text "$T/loop"
contains "$T/err" "loop/broken.txt: broken symbolic link: skipped" "a broken link said"
expect_exit 0 "a broken link, --quiet" "$QG" clean -q -f text "$T/loop"
lacks "$T/err" "broken" "--quiet: no word of the broken link"
deep=$T/deep; mkdir -p "$deep"; d=$deep
for _ in $(seq 258); do d=$d/d; done
mkdir -p "$d"; printf '好,的内容。\n' >"$d/x.txt"; printf '好,的。\n' >"$deep/top.txt"
expect_exit 0 "a tree too deep" "$QG" clean -f text "$deep"
contains "$T/err" "more than 256 directories deep: not walked" "a tree too deep said"
contains "$T/err" "clean: 1 file, 0 failed" "a tree too deep: the files above it taken"
# a path longer than PATH_MAX below a walked directory: said too (review 8 R6)
mkdir -p "$T/long" && (cd "$T/long" && for _ in $(seq 25); do d=$(printf 'd%.0s' $(seq 200)); mkdir "$d" && cd "$d" || exit; done; printf '好,的。\n' >x.txt)
expect_exit 2 "a path too long (no other file: nothing to read, status 2 as lint)" "$QG" clean -f text "$T/long"
contains "$T/err" "path too long: not walked" "a path too long said"
rm -rf "$T/long"
rm -f "$T/loop/broken.txt"
expect_exit 2 "standard input twice" "$QG" clean - - </dev/null
contains "$T/err" "named more than once" "standard input twice: said"
expect_exit 2 "-o empty" "$QG" clean -o "" "$SRC/samples/page1.txt"
cp "$SRC/samples/page3-lines.txt" "$T/victim.txt"; cp "$T/victim.txt" "$T/victim.keep"
expect_exit 2 "--report onto an input" "$QG" clean --report "$T/victim.txt" "$T/victim.txt"
contains "$T/err" "victim.txt is an input; not overwritten" "--report onto an input: said"
expect_exit 2 "-o FILE onto an input" "$QG" clean -o "$T/victim.txt" "$T/victim.txt"
same "$T/victim.txt" "$T/victim.keep" "the input is untouched by -o and --report"
# nor the files the run reads besides its inputs, nor each other (probe 8 E16: the archive
# of published text replaced by the XML, exit 0)
"$QG" archive add -q --archive "$T/side.db" "$SRC/samples/page1.txt"
cp "$T/side.db" "$T/side.keep"
printf '[section]\n老街巷\n' >"$T/side.cues"; cp "$T/side.cues" "$T/side.cues.keep"
printf 'p = 正文\n' >"$T/side.styles"; cp "$T/side.styles" "$T/side.styles.keep"
printf '新词语\n' >"$T/side.dict"; cp "$T/side.dict" "$T/side.dict.keep"
expect_exit 2 "-o onto the archive" "$QG" clean --archive "$T/side.db" -o "$T/side.db" "$T/victim.txt"
contains "$T/err" "side.db is the archive \(--archive\); not overwritten" "-o onto the archive: said"
expect_exit 2 "--report onto the archive" "$QG" clean --archive "$T/side.db" --report "$T/side.db" "$T/victim.txt"
same "$T/side.db" "$T/side.keep" "the archive is untouched by -o and --report"
expect_exit 2 "-o onto the cue file" "$QG" clean --cues "$T/side.cues" -o "$T/side.cues" "$T/victim.txt"
same "$T/side.cues" "$T/side.cues.keep" "the cue file is untouched"
expect_exit 2 "--report onto the style map" "$QG" clean --indesign --styles "$T/side.styles" --report "$T/side.styles" "$T/victim.txt"
same "$T/side.styles" "$T/side.styles.keep" "the style map is untouched"
expect_exit 2 "segment -o onto the dictionary" "$QG" segment --dict "$T/side.dict" -o "$T/side.dict" "$T/victim.txt"
same "$T/side.dict" "$T/side.dict.keep" "the dictionary is untouched"
expect_exit 2 "-o and --report the same file" "$QG" clean -o "$T/both.txt" --report "$T/both.txt" "$T/victim.txt"
contains "$T/err" "-o and --report name the same file" "-o and --report the same file: said"
expect_exit 2 "-o and --report the same new file by two names" "$QG" clean -o "$T/both2.txt" --report "$T/./both2.txt" "$T/victim.txt"
# -o DIR/ checks each output name against them too (probe 10 F1: an input named published.txt
# wrote out/published.xml over the archive out/published.xml, exit 0): that input fails, the
# others are written, the side file stays as it was
mkdir -p "$T/sd/in" "$T/sd/out"
cp "$T/side.db" "$T/sd/out/side.xml"; cp "$T/side.cues" "$T/sd/out/side.txt"
cp "$T/victim.txt" "$T/sd/in/side.txt"; printf '稿件,好.\n' >"$T/sd/in/other.txt"
expect_exit 3 "-o DIR/ onto the archive" "$QG" clean -q --archive "$T/sd/out/side.xml" -o "$T/sd/out/" "$T/sd/in"
contains "$T/err" "side.txt: its output .*side.xml is the archive \(--archive\); not overwritten" "-o DIR/ onto the archive: said"
same "$T/sd/out/side.xml" "$T/side.keep" "-o DIR/: the archive is untouched"
[ -s "$T/sd/out/other.xml" ] && ok || bad "-o DIR/ onto the archive: the other input is still written"
expect_exit 3 "-o DIR/ onto the cue file" "$QG" clean -q -f text --cues "$T/sd/out/side.txt" -o "$T/sd/out/" "$T/sd/in"
same "$T/sd/out/side.txt" "$T/side.cues.keep" "-o DIR/: the cue file is untouched"
rm -f "$T/sd/out/side.txt"
expect_exit 3 "-o DIR/ onto the report" "$QG" clean -q -f text --report "$T/sd/out/side.txt" -o "$T/sd/out/" "$T/sd/in"
contains "$T/err" "its output .*side.txt is the report \(--report\); not overwritten" "-o DIR/ onto the report: said"
contains "$T/sd/out/side.txt" "other.txt:[0-9]+:" "-o DIR/ onto the report: the report holds the other input's diagnostics"
cp "$T/side.dict" "$T/sd/out/side.txt"
expect_exit 3 "segment -o DIR/ onto the dictionary" "$QG" segment -q --dict "$T/sd/out/side.txt" -o "$T/sd/out/" "$T/sd/in"
same "$T/sd/out/side.txt" "$T/side.dict.keep" "segment -o DIR/: the dictionary is untouched"

# usage
expect_exit 2 "-j 0" "$QG" clean -j 0 "$D"
expect_exit 2 "-j x" "$QG" clean -j x "$D"
contains "$T/err" "-j wants a number" "-j error message"
# an output that is no regular file is written as it is: a temporary file renamed over it
# would replace it (as root, -o /dev/null made /dev/null a regular file)
expect_exit 0 "-o /dev/null" "$QG" clean -q "$SRC/samples/page1.txt" -o /dev/null
[ -c /dev/null ] && ok || bad "-o /dev/null: /dev/null is still a character device"
mkfifo "$T/pipe"
timeout 60 cat "$T/pipe" >"$T/from-pipe" & # (the old rename left the reader waiting)
reader=$!
expect_exit 0 "-o FIFO" "$QG" clean -q -f text "$SRC/samples/page1.txt" -o "$T/pipe"
wait "$reader"
[ -p "$T/pipe" ] && ok || bad "-o FIFO: still a named pipe"
"$QG" clean -q -f text "$SRC/samples/page1.txt" >"$T/direct.txt"
cmp -s "$T/from-pipe" "$T/direct.txt" && ok || bad "-o FIFO: the reader got the output"
ls -A "$T" | grep -q '.qgout-' && bad "-o FIFO: a temporary file was left" || ok
# a path that names an open stream (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N, a link
# to one) is written to as that stream, at its place (probe 22 H20: into a pipe `cannot write`;
# into a file opened with >> the file was replaced by rename, what was written before lost)
P1="$SRC/samples/page1.txt"
"$QG" clean -q -f text --report "$T/rep-direct.txt" "$P1" >/dev/null
"$QG" clean -q -f text --report /dev/stderr "$P1" 2>&1 >"$T/s1.out" | cat >"$T/s1.err"
st=${PIPESTATUS[0]}
[ "$st" = 0 ] && ok || bad "--report /dev/stderr into a pipe: exit $st"
cmp -s "$T/s1.err" "$T/rep-direct.txt" && ok || bad "--report /dev/stderr into a pipe: the report"
[ -s "$T/rep-direct.txt" ] && ok || bad "the page's report is empty: the checks above prove nothing"
cmp -s "$T/s1.out" "$T/direct.txt" && ok || bad "--report /dev/stderr into a pipe: the output"
"$QG" clean -q -f text -o /dev/stdout "$P1" | cat >"$T/s2.out"
st=${PIPESTATUS[0]}
[ "$st" = 0 ] && ok || bad "-o /dev/stdout into a pipe: exit $st"
cmp -s "$T/s2.out" "$T/direct.txt" && ok || bad "-o /dev/stdout into a pipe: the output"
"$QG" segment -q -o /dev/stdout "$P1" | cat >"$T/s3.out"
st=${PIPESTATUS[0]}
"$QG" segment -q "$P1" >"$T/s3.direct"
[ "$st" = 0 ] && [ -s "$T/s3.out" ] && cmp -s "$T/s3.out" "$T/s3.direct" && ok ||
  bad "segment -o /dev/stdout into a pipe"
# a log that standard error appends to keeps its earlier lines, and is the same file
echo "earlier line" >"$T/log"
ino=$(stat -c %i "$T/log")
( echo "from the shell" >&2; "$QG" clean -q -f text --report /dev/stderr "$P1" >/dev/null
  echo "after" >&2 ) 2>>"$T/log"
{ echo "earlier line"; echo "from the shell"; cat "$T/rep-direct.txt"; echo "after"; } >"$T/log.want"
cmp -s "$T/log" "$T/log.want" && ok || { bad "--report /dev/stderr 2>>log: the log"; diff "$T/log.want" "$T/log" | head -5 >&2; }
[ "$(stat -c %i "$T/log")" = "$ino" ] && ok || bad "--report /dev/stderr 2>>log: the log replaced"
echo "earlier output" >"$T/olog"
ino=$(stat -c %i "$T/olog")
( "$QG" clean -q -f text -o /dev/stdout "$P1"; echo "after" ) >>"$T/olog"
{ echo "earlier output"; cat "$T/direct.txt"; echo "after"; } >"$T/olog.want"
cmp -s "$T/olog" "$T/olog.want" && ok || bad "-o /dev/stdout >>file: the file"
[ "$(stat -c %i "$T/olog")" = "$ino" ] && ok || bad "-o /dev/stdout >>file: the file replaced"
# standard output a file opened with > and no terminal at all (setsid): written at its place
if command -v setsid >/dev/null; then
  : >"$T/s4.out"
  ino=$(stat -c %i "$T/s4.out")
  setsid -w "$QG" clean -q -f text -o /dev/stdout "$P1" </dev/null >"$T/s4.out" 2>"$T/s4.err"
  cmp -s "$T/s4.out" "$T/direct.txt" && ok || bad "-o /dev/stdout without a terminal"
  [ "$(stat -c %i "$T/s4.out")" = "$ino" ] && ok || bad "-o /dev/stdout without a terminal: the file replaced"
else
  bad "setsid (util-linux) is not installed: the run without a terminal is untested"
fi
# other names of a descriptor, and a link to one
"$QG" clean -q -f text --report /dev/fd/3 "$P1" 3>"$T/s5.rep" >/dev/null
cmp -s "$T/s5.rep" "$T/rep-direct.txt" && ok || bad "--report /dev/fd/3"
"$QG" clean -q -f text -o /proc/self/fd/3 "$P1" 3>"$T/s6.out"
cmp -s "$T/s6.out" "$T/direct.txt" && ok || bad "-o /proc/self/fd/3"
ln -s /dev/stderr "$T/to-stderr"
echo "earlier line" >"$T/log2"
"$QG" clean -q -f text --report "$T/to-stderr" "$P1" 2>>"$T/log2" >/dev/null
{ echo "earlier line"; cat "$T/rep-direct.txt"; } >"$T/log2.want"
cmp -s "$T/log2" "$T/log2.want" && ok || bad "--report LINK to /dev/stderr 2>>log"
[ -L "$T/to-stderr" ] && ok || bad "--report LINK to /dev/stderr: the link replaced"
# a descriptor not open, or open for reading only: cannot write, said, exit 3
expect_exit 3 "-o /dev/fd/7, not open" "$QG" clean -q -f text -o /dev/fd/7 "$P1"
contains "$T/err" "/dev/fd/7: cannot write: Bad file descriptor" "-o /dev/fd/7, not open: said"
expect_exit 3 "-o /dev/fd/7, read only" "$QG" clean -q -f text -o /dev/fd/7 "$P1" 7</dev/null
# the output and the report in one stream would mix: a usage error, as --report - is
"$QG" clean -q -f text -o /dev/stdout --report /dev/stderr "$P1" 2>&1 | cat >"$T/s7"
st=${PIPESTATUS[0]}
[ "$st" = 2 ] && ok || bad "-o /dev/stdout --report /dev/stderr 2>&1: exit $st"
contains "$T/s7" "they would mix" "-o /dev/stdout --report /dev/stderr 2>&1: said"
expect_exit 2 "--report /dev/stdout, output on standard output" "$QG" clean -q -f text --report /dev/stdout "$P1"
contains "$T/err" "both go to standard output" "--report /dev/stdout with the output: said"
# a regular file's name is still replaced atomically (a new file renamed over it)
echo old >"$T/rep-reg.txt"
ino=$(stat -c %i "$T/rep-reg.txt")
expect_exit 0 "--report FILE" "$QG" clean -q -f text --report "$T/rep-reg.txt" "$P1"
cmp -s "$T/rep-reg.txt" "$T/rep-direct.txt" && ok || bad "--report FILE: the report"
[ "$(stat -c %i "$T/rep-reg.txt")" != "$ino" ] && ok || bad "--report FILE: not renamed into place"
# a named pipe found in a directory is skipped, and said (probe 11b G10: without a word)
mkdir -p "$T/fifodir"; printf '好,的.\n' >"$T/fifodir/a.txt"; mkfifo "$T/fifodir/p"
expect_exit 0 "a directory holding a named pipe" timeout 30 "$QG" clean -f text "$T/fifodir"
contains "$T/err" "fifodir/p: a named pipe found in a directory: skipped" "a named pipe in a walk: said"
expect_exit 0 "the named pipe excluded" timeout 30 "$QG" clean -f text --exclude p "$T/fifodir"
lacks "$T/err" "named pipe" "an excluded named pipe: not said"
# the output directory named as an input directory: a usage error, not a run that does nothing
mkdir -p "$T/inout"
printf '今天,天气很好.\n' >"$T/inout/p.txt"
expect_exit 2 "-o DIR/ DIR" "$QG" clean -o "$T/inout/" "$T/inout"
contains "$T/err" "inout is both an input directory and the output directory" "-o DIR/ DIR said"
[ "$(ls "$T/inout")" = p.txt ] && ok || bad "-o DIR/ DIR wrote something"
# -f text of several inputs into one output: a blank line between documents too (an empty one
# adds none), so reading it back by blank lines keeps the files' paragraphs apart
printf '第一个文件的最后一段。\n' >"$T/d1.txt"
: >"$T/d0.txt"
printf '第二个文件的第一段。\n\n第二段。\n' >"$T/d2.txt"
for j in 1 2; do
  expect_exit 0 "text, three documents, -j $j" "$QG" clean -q -j $j -f text "$T/d1.txt" "$T/d0.txt" "$T/d2.txt"
  printf '第一个文件的最后一段。\n\n第二个文件的第一段。\n\n第二段。\n' | cmp -s - "$T/out" && ok || bad "-j $j: a blank line between documents"
done
"$QG" clean -q -f text "$T/d1.txt" "$T/d2.txt" | "$QG" clean -q -f text --paragraphs=blank - >"$T/again.txt"
[ "$(grep -c . "$T/again.txt")" = 3 ] && ok || bad "read back by blank lines: three paragraphs"
# modes (docs/batch.md): a new output gets 0666 & ~umask, as a shell redirection would give;
# a replaced output keeps its mode; -o FILE, FILE.gz, DIR/ and segment -o alike
M=$T/modes; mkdir -p "$M"
printf '今年以来,我市共完成项目。\n' >"$M/a.txt"
mode() { stat -c %a "$1"; }
for um in 022 027 002; do
  (umask $um; "$QG" clean -q -f text -o "$M/n$um.txt" "$M/a.txt"; "$QG" clean -q -o "$M/n$um.xml.gz" "$M/a.txt"
   "$QG" clean -q -o "$M/d$um/" "$M/a.txt"; "$QG" segment -q -o "$M/s$um.txt" "$M/a.txt"
   : >"$M/shell$um")
  want=$(mode "$M/shell$um")
  for f in "n$um.txt" "n$um.xml.gz" "d$um/a.xml" "s$um.txt"; do
    [ "$(mode "$M/$f")" = "$want" ] && ok || bad "umask $um: $f has mode $(mode "$M/$f"), not $want"
  done
done
chmod 664 "$M/n022.txt"; chmod 600 "$M/d022/a.xml"; chmod 640 "$M/n022.xml.gz"
(umask 022; "$QG" clean -q -f text -o "$M/n022.txt" "$M/a.txt"; "$QG" clean -q -o "$M/d022/" "$M/a.txt"
 "$QG" clean -q -o "$M/n022.xml.gz" "$M/a.txt")
[ "$(mode "$M/n022.txt")" = 664 ] && ok || bad "a replaced -o FILE lost its mode 664: $(mode "$M/n022.txt")"
[ "$(mode "$M/d022/a.xml")" = 600 ] && ok || bad "a replaced -o DIR/ file lost its mode 600: $(mode "$M/d022/a.xml")"
[ "$(mode "$M/n022.xml.gz")" = 640 ] && ok || bad "a replaced -o FILE.gz lost its mode 640: $(mode "$M/n022.xml.gz")"
# a signal during a run with -o FILE removes the temporary file and ends the run by the signal;
# the input is a named pipe held open, so the run is still going when the signal comes
sigrun() { # signal description [wrapper...]: the run's exit status in $got
  local sig=$1 what=$2; shift 2
  rm -f "$M/sig.in" "$M"/sig.out*; mkfifo "$M/sig.in"
  (printf '今天,天气很好.\n'; sleep 20) >"$M/sig.in" & local writer=$!
  "$@" "$QG" clean -q -f text -o "$M/sig.out" "$M/sig.in" & local run=$!
  for _ in $(seq 100); do compgen -G "$M/.qgout-*" >/dev/null && break; sleep 0.1; done
  compgen -G "$M/.qgout-*" >/dev/null && ok || bad "$what: no temporary file to start with"
  kill -"$sig" "$run"; { wait "$run"; } 2>/dev/null; got=$?
  kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
}
for sig in TERM HUP; do
  sigrun $sig "SIG$sig"
  [ "$got" = $((128 + $(kill -l $sig))) ] && ok || bad "SIG$sig: exit $got, not by the signal"
  compgen -G "$M/sig.out*" >/dev/null && bad "SIG$sig left $(ls "$M"/sig.out*)" || ok
done
# a file cut while it is read fails (probe 11b G3: part of its text, exit 0, no word); when the
# run ended before the cut, its output is the whole file's
python3 -c "import sys; sys.stdout.write('The quick brown fox jumps over the lazy dog.\n' * 600000)" >"$M/cut.txt"
lines=$(wc -l <"$M/cut.txt")
"$QG" clean -q -j 1 -f text --dedup off "$M/cut.txt" >"$M/cut.out" 2>"$M/cut.err" & run=$!
# (cut once the run has the file open: a slow start, ASan's, read the cut file whole)
for _ in $(seq 200); do
  ls -l "/proc/$run/fd" 2>/dev/null | grep -q "cut.txt" && break
  kill -0 "$run" 2>/dev/null || break
  sleep 0.05
done
truncate -s 1000 "$M/cut.txt"; wait "$run"; got=$?
if [ "$got" = 3 ]; then
  contains "$M/cut.err" "cut.txt: changed while it was being read" "a file cut while read: said"
elif [ "$got" = 0 ] && [ "$(wc -l <"$M/cut.out")" = "$lines" ]; then
  ok # (the run was over before the cut)
else
  bad "a file cut while read: exit $got, $(wc -l <"$M/cut.out") of $lines lines written"
fi
rm -f "$M/cut.txt" "$M/cut.out"
# --report FILE is written as -o FILE is: a signal leaves the old report whole, no temporary
# file (probe 11b G4: it was truncated at the start and left empty)
rm -f "$M/sig.in" "$M"/rep.old "$M"/.qgout-*; mkfifo "$M/sig.in"; echo OLD >"$M/rep.old"
(printf '今天,天气很好.\n'; sleep 20) >"$M/sig.in" & writer=$!
"$QG" clean -q -f text --report "$M/rep.old" "$M/sig.in" >/dev/null & run=$!
for _ in $(seq 100); do compgen -G "$M/.qgout-*" >/dev/null && break; sleep 0.1; done
compgen -G "$M/.qgout-*" >/dev/null && ok || bad "--report: no temporary file to start with"
kill -TERM "$run"; { wait "$run"; } 2>/dev/null; kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
[ "$(cat "$M/rep.old")" = OLD ] && ok || bad "SIGTERM: the old report was not kept: '$(cat "$M/rep.old")'"
compgen -G "$M/.qgout-*" >/dev/null && bad "SIGTERM left the report's temporary file" || ok
"$QG" clean -q -f text --report "$M/rep.old" "$M/a.txt" >/dev/null
contains "$M/rep.old" "a.txt:1:[0-9]+: warning" "--report replaced at the end of a run"
sigrun INT "SIGINT" python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])'
[ "$got" = 130 ] && ok || bad "SIGINT: exit $got, not by the signal"
compgen -G "$M/sig.out*" >/dev/null && bad "SIGINT left $(ls "$M"/sig.out*)" || ok
# an ignored signal stays ignored (a background job of a script ignores SIGINT): the run goes on
rm -f "$M/sig.in" "$M"/sig.out*; mkfifo "$M/sig.in"
(printf '今天,天气很好.\n'; sleep 1) >"$M/sig.in" &
"$QG" clean -q -f text -o "$M/sig.out" "$M/sig.in" & run=$!
sleep 0.3; kill -INT "$run"; wait "$run"; got=$?
[ "$got" = 0 ] && [ -s "$M/sig.out" ] && ok || bad "ignored SIGINT: exit $got, or no output"
# a directory walk leaves out files that are clearly not text (a photo, NUL bytes), as lint
# does, and says so once; a stray NUL in text is the text's; a file named is always read
NT=$T/nottext; mkdir -p "$NT/d"
printf '\377\330\377\340\000\020JFIF\000\001\001\000\000\001' >"$NT/d/photo.jpg"
printf '今天天气很好,\000我们去公园.\n' >"$NT/d/a.txt"
expect_exit 0 "clean -o DIR/ over a photo" "$QG" clean -f text -o "$NT/o/" "$NT/d"
[ "$(cd "$NT/o" && ls)" = a.txt ] && ok || bad "clean -o DIR/: only the text file has an output ($(ls "$NT/o"))"
contains "$T/err" "1 file found in directories skipped, not text: $NT/d/photo.jpg \(a JPEG image\)" "clean: the skipped photo said"
expect_exit 3 "clean of a photo named" "$QG" clean -q -f text "$NT/d/photo.jpg"
# -o DIR/: only 1 to 8 ASCII letters after the last dot are an extension (probe 15 #2): dated
# and numbered names keep their tail and get the output's extension added
mkdir -p "$T/dots"
for n in page.2026-12-01 page.2026-12-02 v1.2.3 v1.2.4 x.md z.v2 '张三.李四'; do
  printf '今天天气很好,大家都出门散步了。\n' >"$T/dots/$n"
done
expect_exit 0 "-o DIR/ with dotted names" "$QG" clean -q -f text -o "$T/dots-o/" "$T/dots"
[ "$(cd "$T/dots-o" && ls | tr '\n' ' ')" = "page.2026-12-01.txt page.2026-12-02.txt v1.2.3.txt v1.2.4.txt x.txt z.v2.txt 张三.李四.txt " ] && ok ||
  bad "-o DIR/ names of dotted inputs: $(cd "$T/dots-o" && ls | tr '\n' ' ')"
# --report -: standard output when the output goes to a file; refused when both would go there
# (probe 15 #5: it wrote a file named -)
(cd "$T" && "$QG" clean -q -f text -o "$T/rep-o.txt" --report - "$T/dots/x.md" >"$T/rep-out" 2>"$T/rep-err"); rc=$?
[ $rc = 0 ] && ok || bad "--report - with -o FILE: exit $rc"
contains "$T/rep-out" 'x\.md:1:7: warning: .*\[punct-width\]' "--report -: the report on standard output"
[ -e "$T/-" ] && bad "--report - wrote a file named -" || ok
expect_exit 2 "--report - with the output on standard output" "$QG" clean -q -f text --report - "$T/dots/x.md"
contains "$T/err" 'both go to standard output' "--report - with the output on standard output: said"
# the summary counts repeats kept on purpose apart from the duplicates (probe 15 #11)
printf '一、阅读理解\n\n阅读下面的文字，完成下列各题。\n\n二、语言运用\n\n阅读下面的文字，完成下列各题。\n\n今天天气很好，大家都出门散步了。\n\n今天天气很好，大家都出门散步了。\n' >"$T/kept.txt"
expect_exit 0 "a kept and a removed repeat" "$QG" clean -f text "$T/kept.txt"
contains "$T/err" ' 1 removed \(1 duplicate\), 1 repeat kept;' "summary: the kept repeat apart from the duplicate"
# a block that went with its repeated article, repeating nothing itself (a new byline over a
# pasted story), is removed but no duplicate: the summary says it apart (audit 40, session 41)
printf '标题一\n\n本报记者 王明\n\n今年以来，全市新增公共充电桩一千二百个，公共充电桩总数达到九千六百个。\n\n标题二\n\n本报记者 李华\n\n今年以来，全市新增公共充电桩一千二百个，公共充电桩总数达到九千六百个。\n' >"$T/witharts.txt"
expect_exit 0 "a pasted article under a new title and byline" "$QG" clean -f text "$T/witharts.txt"
contains "$T/err" ' 3 removed \(1 duplicate, 2 with repeated articles\);' "summary: blocks gone with their article apart from the duplicate"
printf '%s\n\n' '充电桩建设提速' '本报讯 今年以来，全市新增公共充电桩一千二百个，公共充电桩总数达到九千六百个。' '充电更方便了' '本报讯 今年以来，全市新增公共充电桩一千二百个，公共充电桩总数达到九千六百个。' >"$T/witharts1.txt"
expect_exit 0 "a pasted story under a new title" "$QG" clean -f text "$T/witharts1.txt"
contains "$T/err" ' 2 removed \(1 duplicate, 1 with a repeated article\);' "summary: one block gone with its article"
"$QG" dedup "$T/witharts.txt" >/dev/null 2>"$T/err"
contains "$T/err" ' 3 repeats listed;' "dedup lists the blocks gone with their article among the repeats"
# -o DIR/: a file whose output cannot be written is failed, and its bytes are not counted as
# done (probe 15 #12: 358 bytes for 311 written)
mkdir -p "$T/wfail/o/x.txt" "$T/wfail/in"
printf '今天天气很好,大家都出门散步了。\n' >"$T/wfail/in/x.txt"
printf '明天天气也很好,大家都要出门散步。\n' >"$T/wfail/in/y.txt"
expect_exit 3 "-o DIR/ with an output that cannot be written" "$QG" clean -f text -o "$T/wfail/o/" "$T/wfail/in/x.txt" "$T/wfail/in/y.txt"
contains "$T/err" "2 files, 1 failed; $(stat -c %s "$T/wfail/in/y.txt") bytes, 1 paragraph" "a file failed at writing: its bytes not in the summary"
# a file reached twice (named twice, `dir dir/sub`, named and found in a named directory, a hard
# link) is taken once, at its first place, and each later visit said (probe 15 #7: cleaned
# twice, emptied itself under --dedup-scope run, failed under -o DIR/ as its own output)
W=$T/tw
mkdir -p "$W/sub"
printf '今年春天，县城邮局里多了一张长桌，来寄信的人可以坐下来慢慢写。\n' >"$W/sub/a.txt"
printf '[1,2]\n' >"$W/sub/m.json" # (not a JSON object: one is refused as JSON Lines, review 17 H4)
expect_exit 0 "clean DIR DIR/sub" "$QG" clean -f text "$W" "$W/sub"
[ "$(grep -c 邮局 "$T/out")" = 1 ] && ok || bad "clean DIR DIR/sub: the paragraph twice"
contains "$T/err" "^qinggao: named twice: $W/sub/a.txt$" "clean DIR DIR/sub: said"
contains "$T/err" "clean: 1 file, 0 failed" "clean DIR DIR/sub: one file"
expect_exit 0 "clean -q DIR DIR/sub" "$QG" clean -q -f text "$W" "$W/sub"
lacks "$T/err" "named twice" "-q: not said"
expect_exit 0 "clean --dedup-scope run -o DIR/ of a file reached twice" "$QG" clean -q -f text --dedup-scope run -o "$T/two/" "$W" "$W/sub"
contains "$T/two/sub/a.txt" 邮局 "scope run: the file's output whole"
[ -e "$T/two/a.txt" ] && bad "scope run: a second output for the file reached twice" || ok
expect_exit 0 "clean -o DIR/ DIR DIR" "$QG" clean -f text -o "$T/o5/" "$W" "$W"
lacks "$T/err" "failed:|already the output" "-o DIR/ DIR DIR: no failure"
contains "$T/err" "clean: 1 file, 0 failed" "-o DIR/ DIR DIR: one file"
expect_exit 0 "dedup --dedup-scope run FILE FILE" "$QG" dedup -f text --dedup-scope run "$W/sub/a.txt" "$W/./sub/a.txt"
lacks "$T/out" "repeats" "dedup FILE FILE: not a repeat of itself"
contains "$T/err" "^qinggao: named twice: $W/./sub/a.txt \(the same file as $W/sub/a.txt\)$" "dedup FILE FILE: said with both names"
expect_exit 0 "segment DIR FILE" "$QG" segment "$W" "$W/sub/a.txt"
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "segment DIR FILE: the file once"
contains "$T/err" "^qinggao: named twice: $W/sub/a.txt$" "segment DIR FILE: said"
# a data file named and found in the walk is read (named), in either order
for order in "$W/sub/m.json $W" "$W $W/sub/m.json"; do
  expect_exit 0 "clean $order" "$QG" clean -f text $order
  [ "$(grep -cF '[1,2]' "$T/out")" = 1 ] && ok || bad "clean $order: the named data file read once"
  lacks "$T/err" "skipped, not text" "clean $order: the named data file not skipped"
done
# a hard link is the same file: the first in the walk's order is taken
ln "$W/sub/a.txt" "$W/b.txt"
expect_exit 0 "clean DIR with a hard link" "$QG" clean -f text "$W"
contains "$T/err" "^qinggao: named twice: $W/sub/a.txt \(the same file as $W/b.txt\)$" "a hard link: said"
rm "$W/b.txt"
# many: the first 20 said, then how many more
mkdir -p "$T/many"
for i in $(seq 1 25); do printf '第%d篇，今天天气很好。\n' "$i" >"$T/many/p$i.txt"; done
expect_exit 0 "clean DIR DIR with 25 files" "$QG" clean -f text "$T/many" "$T/many"
[ "$(grep -c 'named twice' "$T/err")" = 20 ] && ok || bad "25 files twice: 20 said"
contains "$T/err" "^qinggao: … and 5 more files reached twice, each read once$" "25 files twice: the rest counted"
contains "$T/err" "clean: 25 files, 0 failed" "25 files twice: each read once"
# an earlier run's -o DIR/ inside the input tree is not walked: clean and segment -o DIR/ mark
# a DIR they create with .qinggao-output, and a walk leaves a marked directory out and says so
# with the files it skips (probe 15 #10: each night's -o corpus/clean-DATE/ corpus cleaned the
# earlier nights' outputs again, the tree growing without end)
C=$T/c4
mkdir -p "$C"
printf '今天天气很好,大家都出门散步了。\n' >"$C/a.txt"
for n in 1 2 3; do
  expect_exit 0 "clean -o DIR/ inside the tree, night $n" "$QG" clean -f text -o "$C/out$n/" "$C"
  contains "$T/err" "clean: 1 file, 0 failed" "night $n: the one input file"
done
[ "$(cd "$C" && find . -name a.txt | sort | tr '\n' ' ')" = "./a.txt ./out1/a.txt ./out2/a.txt ./out3/a.txt " ] && ok ||
  bad "earlier outputs walked: $(cd "$C" && find . -name a.txt | sort | tr '\n' ' ')"
contains "$C/out1/.qinggao-output" "^made by qinggao clean -o" "the marker says what made it"
contains "$T/err" "2 files found in directories skipped, not text: $C/out1 \(an earlier run's outputs \(.qinggao-output\), not walked\), $C/out2 \(an earlier run's outputs" "the marked directories said with the skipped files"
expect_exit 0 "clean -q, marked directories in the tree" "$QG" clean -q -f text "$C"
[ -s "$T/err" ] && bad "-q: marked directories said" || ok
expect_exit 0 "segment -o DIR/ inside the tree" "$QG" segment -o "$C/seg/" "$C"
contains "$C/seg/.qinggao-output" "^made by qinggao segment -o" "segment -o DIR/: the marker"
expect_exit 0 "dedup of a tree with marked directories" "$QG" dedup "$C"
contains "$T/err" "dedup: 4 files found in directories skipped, not text: $C/out1 \(an earlier" "dedup: marked directories skipped"
contains "$T/err" "dedup: 1 file, 0 failed" "dedup: the one input file"
expect_exit 0 "lint of a tree with marked directories" "$QG" lint "$C"
contains "$T/err" "lint: 4 files found in directories skipped, not text: $C/out1 \(an earlier" "lint: marked directories skipped"
[ "$(grep -c 'a.txt:1:' "$T/out")" = "$(grep -c "^$C/a.txt:1:" "$T/out")" ] && ok || bad "lint: an earlier output checked"
expect_exit 0 "archive add of a tree with marked directories" "$QG" archive add --archive "$T/c4.db" "$C"
contains "$T/err" "archive: 4 files found in directories skipped, not text: $C/out1 \(an earlier" "archive add: marked directories skipped"
contains "$T/err" "archive: 1 file, 0 failed" "archive add: the one input file"
expect_exit 0 "an --exclude'd marked directory: not said" "$QG" clean -f text --exclude 'out*' --exclude seg "$C"
lacks "$T/err" "skipped" "an --exclude'd marked directory: pruned, not said"
# named, a marked directory is walked; the marker itself is hidden, never read
expect_exit 0 "a marked directory named" "$QG" clean -f text "$C/out1"
contains "$T/err" "clean: 1 file, 0 failed" "a marked directory named: walked"
# a directory that was there is the user's: not marked
mkdir -p "$T/mine"
expect_exit 0 "clean -o an existing DIR" "$QG" clean -q -f text -o "$T/mine/" "$C/a.txt"
[ -e "$T/mine/.qinggao-output" ] && bad "an existing -o DIR marked" || ok
# without the marker a directory is walked again
rm "$C/out2/.qinggao-output"
expect_exit 0 "clean of a tree, one marker removed" "$QG" clean -f text -o "$T/o4/" "$C"
contains "$T/err" "clean: 2 files, 0 failed" "a directory without its marker walked"
# an existing -o DIR of the user's (unmarked) inside the input tree is not walked either, and
# now said with how many files it holds (audit 24 F4: its inputs were left out without a word,
# "1 file, 0 failed", rc 0); one the run makes, or a marked one, says nothing
F4=$T/f4
mkdir -p "$F4/s/deep" "$F4/empty"
printf '甲文件,好.\n' >"$F4/a.txt"
printf '乙文件,好.\n' >"$F4/s/b.txt"
printf '丙文件,好.\n' >"$F4/s/deep/c.txt"
expect_exit 0 "clean -o an existing unmarked DIR inside the tree" "$QG" clean -f text -o "$F4/s" "$F4"
contains "$T/err" "clean: 1 file found in directories skipped, not text: $F4/s \(the output directory \(-o\), not walked: 2 files in it\)" "an unmarked -o DIR in the tree: said, with its files"
contains "$T/err" "clean: 1 file, 0 failed" "an unmarked -o DIR in the tree: the one input outside it"
expect_exit 0 "clean -o an existing empty DIR inside the tree" "$QG" clean -f text -o "$F4/empty/" "$F4"
lacks "$T/err" "output directory" "an empty -o DIR in the tree: nothing to say"
expect_exit 0 "clean -o a new DIR inside the tree" "$QG" clean -f text -o "$F4/new/" --exclude s --exclude empty "$F4"
lacks "$T/err" "skipped" "a new -o DIR in the tree: nothing to say"
finish batch
