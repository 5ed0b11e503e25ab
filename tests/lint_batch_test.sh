#!/usr/bin/env bash
# lint_batch_test.sh QINGGAO SRCDIR: `qinggao lint -j N` (docs/ci.md, docs/batch.md) writes
# the bytes of -j 1: standard output in every format, the messages on standard error and the
# exit status, with failing files among good ones, per-directory .qinggao.ini files, ignore
# patterns, --max-warnings counted across files, --fix and --diff on several files, an
# archive, --dedup-scope run, and enough files to reuse the slots.
# The texts are this repo's samples/ and tests/pages/, bench/gen.py's pages and lines
# written here.
set -u
QG=$1
SRC=$2
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C
u8() { printf '%b' "$1"; }

# run DESC ARGS...: lint -j1, -j2 and -j3 with ARGS; the three must agree byte for byte on
# stdout and stderr and in the exit status. Leaves -j1's in $T/out, $T/err and $T/rc.
run() {
  local what=$1; shift
  "$QG" lint -j1 "$@" >"$T/o1" 2>"$T/e1"; echo $? >"$T/rc1"
  for j in 2 3; do
    "$QG" lint -j$j "$@" >"$T/o$j" 2>"$T/e$j"; echo $? >"$T/rc$j"
    if cmp -s "$T/o$j" "$T/o1"; then ok; else bad "$what: -j$j stdout differs from -j1"; diff "$T/o1" "$T/o$j" | head -6 >&2; fi
    if cmp -s "$T/e$j" "$T/e1"; then ok; else bad "$what: -j$j stderr differs from -j1"; diff "$T/e1" "$T/e$j" | head -6 >&2; fi
    if cmp -s "$T/rc$j" "$T/rc1"; then ok; else bad "$what: -j$j exit $(cat "$T/rc$j"), -j1 exit $(cat "$T/rc1")"; fi
  done
  cp "$T/o1" "$T/out"; cp "$T/e1" "$T/err"; cp "$T/rc1" "$T/rc"
}
status() { # want description: -j1's exit status (from run)
  [ "$(cat "$T/rc")" = "$1" ] && ok || bad "$2: exit $(cat "$T/rc"), expected $1"
}

# ---- a tree of pages with failures among them ------------------------------------------
D=$T/pages
page_tree "$SRC" "$D"
mkdir -p "$D/c"
u8 '今天天气很好,大家都出门了,公园里人很多.\n' >"$D/c/warn3.txt"
u8 '这一段话重复出现了两次，应当被发现。\n\n这一段话重复出现了两次，应当被发现。\n' >"$D/c/dup.txt"
printf '好的文字\xff坏字节。\n' >"$D/a/05a-invalid.txt"                   # bad encoding
gzip -c "$SRC/samples/page1.txt" | head -c 300 >"$D/b/page1b-corrupt.txt.gz" # unreadable
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$D/a/06-photo.png"          # not text: skipped
for f in gcc json sarif github codeclimate; do
  run "-f $f, failing files" -f "$f" "$D" "$T/missing.txt"
  status 3 "-f $f with failing files"
  [ -s "$T/out" ] && ok || bad "-f $f: nothing on standard output"
  cp "$T/out" "$T/pages.$f"
done
contains "$T/err" "page1b-corrupt.txt.gz: corrupt gzip data" "the corrupt file named"
contains "$T/err" "missing.txt: cannot open" "the missing file named"
contains "$T/err" "^qinggao: lint: 1 file found in directories skipped, not text: $D/a/06-photo.png \(a PNG image\)" "the skipped image said"
contains "$T/err" "^qinggao: failed: $D/a/05a-invalid.txt, $D/b/page1b-corrupt.txt.gz, $T/missing.txt$" \
  "failed files named in input order"
contains "$T/pages.gcc" "05a-invalid.txt:1:5: error: .*\[decode-invalid\]" "the invalid byte reported"
python3 -c 'import json, sys; json.load(open(sys.argv[1])); [json.loads(l) for l in open(sys.argv[2])]' \
  "$T/pages.codeclimate" "$T/pages.json" 2>"$T/pe" && ok || bad "codeclimate or json output is not JSON: $(tail -1 "$T/pe")"
python3 "$SRC/tests/sarif_check.py" "$T/pages.sarif" >"$T/chk" && ok || { bad "sarif_check on lint -j's SARIF"; head -5 "$T/chk" >&2; }
# results in input order, and the same as the files linted one by one (gcc: lines joined)
for p in "$D"/0[1-4]*.txt "$D"/a/*.txt; do "$QG" lint -j1 "$p"; done >"$T/one.gcc" 2>/dev/null
"$QG" lint -j2 "$D"/0[1-4]*.txt "$D"/a/*.txt >"$T/out" 2>/dev/null
cmp -s "$T/out" "$T/one.gcc" && ok || bad "-j2 gcc is not the files linted one by one, joined"
python3 - "$T/pages.json" "$T/pages.codeclimate" "$T/pages.sarif" >"$T/order" <<'PY'
import json, sys
js = [json.loads(l)["file"] for l in open(sys.argv[1]) if json.loads(l)["rule"] != "input-error"]
cc = [i["location"]["path"] for i in json.load(open(sys.argv[2])) if i["check_name"] != "input-error"]
sa = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].replace("file://", "")
      for r in json.load(open(sys.argv[3]))["runs"][0]["results"]]
def files(v):
    out = []
    for f in v:
        if not out or out[-1] != f: out.append(f)
    return out
print("\n".join(files(js)))
print("same" if files(cc) == files(js) and files(sa) == files(js) and len(cc) == len(js) == len(sa) else "differ")
PY
( cd "$D" && for x in 0[1-4]*.txt a/*.txt a/deep/09*.txt b/page1.txt b/page2.txt.gz c/dup.txt c/warn3.txt; do
  echo "$D/$x"; done; echo same ) >"$T/order.want"
cmp -s "$T/order" "$T/order.want" && ok || { bad "results not in input order (json, codeclimate, sarif)"; diff "$T/order.want" "$T/order" | head >&2; }
# the inputs that failed: a codeclimate issue and a github annotation each, in input order
# (probe 14 #11), the same whatever -j
python3 -c 'import json,sys; print("\n".join(i["location"]["path"] for i in json.load(open(sys.argv[1])) if i["check_name"] == "input-error"))' "$T/pages.codeclimate" >"$T/ccfail"
grep 'title=input-error' "$T/pages.github" | sed 's/^::error file=//; s/,title=.*//' >"$T/ghfail"
printf '%s\n' "$D/a/05a-invalid.txt" "$D/b/page1b-corrupt.txt.gz" "$T/missing.txt" >"$T/fail.want"
cmp -s "$T/ccfail" "$T/fail.want" && ok || { bad "codeclimate: failed inputs not named in input order"; diff "$T/fail.want" "$T/ccfail" >&2; }
cmp -s "$T/ghfail" "$T/fail.want" && ok || { bad "github: failed inputs not annotated in input order"; diff "$T/fail.want" "$T/ghfail" >&2; }
python3 -c 'import json,sys; print("\n".join(d["file"] for d in map(json.loads, open(sys.argv[1])) if d["rule"] == "input-error"))' "$T/pages.json" >"$T/jsfail"
cmp -s "$T/jsfail" "$T/fail.want" && ok || { bad "json: failed inputs not named in input order"; diff "$T/fail.want" "$T/jsfail" >&2; }

# a file with no result between files with results: the sarif/codeclimate separators
u8 '今天的天气很好，大家都出门散步了。\n' >"$T/clean.txt"
for f in sarif codeclimate; do
  run "-f $f with a clean file between" -f "$f" "$D/c/warn3.txt" "$T/clean.txt" "$D/c/dup.txt" "$T/clean.txt"
  python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/out" 2>"$T/pe" && ok || bad "-f $f with empty files: not JSON: $(tail -1 "$T/pe")"
  run "-f $f, only clean files" -f "$f" "$T/clean.txt" "$T/clean.txt"
  python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/out" 2>"$T/pe" && ok || bad "-f $f, no results: not JSON"
done

# ---- exit status and --max-warnings across files ------------------------------------------
W=$T/warn; mkdir -p "$W"
for k in 1 2 3 4 5; do cp "$D/c/warn3.txt" "$W/w$k.txt"; done  # 15 warnings in all
run "warnings only" "$W"; status 0 "warnings only"
run "--max-warnings 15" --max-warnings 15 "$W"; status 0 "15 warnings, 15 allowed"
run "--max-warnings 14" --max-warnings 14 "$W"; status 1 "15 warnings, 14 allowed"
contains "$T/err" "^qinggao: lint: 15 warnings, more than the 14 allowed \(--max-warnings\)$" "the count is over all files"
run "--max-warnings 14 -f sarif" --max-warnings 14 -f sarif "$W"; status 1 "sarif, 15 warnings, 14 allowed"
run "an error" "$W" "$D/c/dup.txt"; status 1 "an error among warnings"
run "clean files" "$T/clean.txt"; status 0 "clean file"
# max-warnings of .qinggao.ini files: files under one configuration count together
mkdir -p "$T/mw/x" "$T/mw/y"
printf '[lint]\nmax-warnings = 5\n' >"$T/mw/x/.qinggao.ini"
printf '[lint]\nmax-warnings = 6\n' >"$T/mw/y/.qinggao.ini"
cp "$D/c/warn3.txt" "$T/mw/x/a.txt"; cp "$D/c/warn3.txt" "$T/mw/x/b.txt"
cp "$D/c/warn3.txt" "$T/mw/y/a.txt"; cp "$D/c/warn3.txt" "$T/mw/y/b.txt"
run "max-warnings in two configurations" "$T/mw"; status 1 "6 warnings against max-warnings 5"
contains "$T/err" "6 warnings, more than the 5 allowed \(max-warnings of $T/mw/x/.qinggao.ini\)" "x's limit"
lacks "$T/err" "allowed \(max-warnings of $T/mw/y" "y's limit holds"

# ---- configurations per directory, ignore patterns ------------------------------------------
C=$T/cfg; mkdir -p "$C/sub/deep" "$C/drafts" "$C/iso"
printf '[rules]\npunct-width = off\npunct-full-stop = error\n\n[lint]\nignore = drafts/ *.bak.txt\n' >"$C/.qinggao.ini"
printf '[rules]\npunct-width = error\n' >"$C/sub/.qinggao.ini"
printf 'root = true\n[rules]\nnum-mixed-unit = off\n' >"$C/iso/.qinggao.ini"
for x in a.txt sub/a.txt sub/deep/a.txt drafts/a.txt iso/a.txt old.bak.txt; do cp "$D/c/warn3.txt" "$C/$x"; done
u8 '会场来了3千人，气氛热烈。\n' >>"$C/iso/a.txt"
for f in sarif json gcc; do
  run "configurations, -f $f" -f "$f" "$C" "$C/drafts/a.txt" "$C/old.bak.txt"; status 1 "configurations -f $f"
done
contains "$T/err" "drafts/a.txt: ignored \(pattern 'drafts/'" "a named ignored file is said"
contains "$T/err" "old.bak.txt: ignored \(pattern '\*.bak.txt'" "a name pattern is said"
contains "$T/out" "$C/a.txt:1:21: error: .*\[punct-full-stop\]" "top's configuration"
contains "$T/out" "$C/sub/deep/a.txt:1:7: error: .*\[punct-width\]" "sub's configuration, found upwards"
lacks "$T/out" "$C/a.txt:.*punct-width" "top's rule turned off"
contains "$T/out" "$C/iso/a.txt:1:7: warning: .*\[punct-width\]" "iso: root = true, the top's file not read"
lacks "$T/out" "$C/iso/a.txt:2:" "iso's own rule turned off"
lacks "$T/out" "drafts/|bak.txt" "ignored files not checked"
printf '[rules]\npunct-width = loud\n' >"$C/sub/deep/.qinggao.ini"
run "a bad configuration" "$C"; status 2 "a bad configuration"
[ -s "$T/out" ] && bad "a bad configuration: output written" || ok
contains "$T/err" "deep/.qinggao.ini:2:[0-9]+: " "the bad line named"
rm "$C/sub/deep/.qinggao.ini"
# ignore patterns are matched as --exclude's: ** is any number of directories, a leading ./ or /
# anchors at the configuration's directory (probe 10 F24: **/drafts/*.txt ignored nothing)
G=$T/ign; mkdir -p "$G/a/b/drafts" "$G/drafts"
for x in a/b/drafts/x.txt drafts/y.txt a/z.txt; do cp "$D/c/warn3.txt" "$G/$x"; done
ign() { # pattern, then the files that must be checked (the others must not)
  local pat=$1; shift
  printf 'root = true\n[lint]\nignore = %s\n' "$pat" >"$G/.qinggao.ini"
  "$QG" lint -q "$G" >"$T/out" 2>"$T/err"
  for x in a/b/drafts/x.txt drafts/y.txt a/z.txt; do
    case " $* " in
      *" $x "*) contains "$T/out" "^$G/$x:" "ignore = $pat: $x checked" ;;
      *) lacks "$T/out" "^$G/$x:" "ignore = $pat: $x ignored" ;;
    esac
  done
}
ign '**/drafts/*.txt' a/z.txt
ign './a/z.txt' a/b/drafts/x.txt drafts/y.txt
ign '/drafts' a/b/drafts/x.txt a/z.txt
ign 'drafts/' a/z.txt
ign 'a/**' drafts/y.txt
ign 'z.txt' a/b/drafts/x.txt drafts/y.txt
# the message names the configuration that holds the pattern (probe 10 F12: every config merged)
printf '[rules]\npunct-width = info\n' >"$G/a/.qinggao.ini"
printf 'root = true\n[lint]\nignore = drafts/\n' >"$G/.qinggao.ini"
"$QG" lint "$G/a/b/drafts/x.txt" >"$T/out" 2>"$T/err"
contains "$T/err" "ignored \(pattern 'drafts/' of $G/.qinggao.ini\)$" "ignored: the config that holds the pattern"
rm "$G/a/.qinggao.ini"
# the files a configuration names for the check (cue file, dictionaries) are not copy: a walk
# leaves them out and --fix never rewrites them (probe 10 F23: (…) in a cue became （…）);
# named, they are said and skipped
R=$T/desk; mkdir -p "$R/cues" "$R/articles"
printf 'root = true\n[lint]\ncues = cues/our-paper.txt\ndict = cues/terms.txt\n' >"$R/.qinggao.ini"
printf '[credit-tail]\n[(（]\\s*([^()（）]{1,30}?\\s*本报制图)\\s*[)）]\\s*$\n' >"$R/cues/our-paper.txt"
printf '新词语,旧词语\n' >"$R/cues/terms.txt"
cp "$R/cues/our-paper.txt" "$T/cues.keep"; cp "$R/cues/terms.txt" "$T/terms.keep"
printf '稿件,好.\n' >"$R/articles/a.txt"
(cd "$R" && "$QG" lint -q --fix .) >"$T/out" 2>"$T/err"
same "$R/cues/our-paper.txt" "$T/cues.keep" "lint --fix .: the configuration's cue file untouched"
same "$R/cues/terms.txt" "$T/terms.keep" "lint --fix .: the configuration's dictionary untouched"
contains "$R/articles/a.txt" "稿件，好。" "lint --fix .: the article fixed"
(cd "$R" && "$QG" lint cues/our-paper.txt cues/terms.txt) >"$T/out" 2>"$T/err"; rc=$?
[ "$rc" = 0 ] && ok || bad "named cue file and dictionary: exit $rc, expected 0"
contains "$T/err" "cues/our-paper.txt: not checked: it is the cue file \(cues =\)" "named cue file: said"
contains "$T/err" "cues/terms.txt: not checked: it is a dictionary \(dict =\)" "named dictionary: said"
[ -s "$T/out" ] && bad "named cue file: diagnostics printed" || ok

# a cue file in every other directory: the workers make their pipelines again as they go
printf '[byline]\n^执笔\n' >"$T/ours.txt"
for k in 1 2 3 4 5 6; do
  mkdir -p "$T/cu/d$k"
  [ $((k % 2)) = 1 ] && printf '[lint]\ncues = ../../ours.txt\n' >"$T/cu/d$k/.qinggao.ini"
  u8 '城市公园今日开放\n\n☆执笔 李明\n\n今天上午,城市公园正式向市民开放。\n' >"$T/cu/d$k/a.txt"
done
run "cue files in some directories" "$T/cu"; status 0 "cue files"
[ "$(grep -c 'struct-ornament' "$T/out")" = 3 ] && ok || bad "the cue file's byline in the three directories that name it"
lacks "$T/out" "d[246]/a.txt:.*struct-ornament" "no byline where no cue file applies"

# ---- --fix and --diff on several files ------------------------------------------------------
mkdir -p "$T/fx"
cp -r "$D" "$T/fx/src"
u8 '今天天气很好,大家都出门了.\n第二行,也有问题.\n' | iconv -f UTF-8 -t GB18030 | sed 's/$/\r/' >"$T/fx/src/c/gb.txt"
run "--diff" --diff "$T/fx/src"; status 3 "--diff (failing files among them)"
grep -c '^--- a/' "$T/out" >"$T/n" && [ "$(cat "$T/n")" -ge 5 ] && ok || bad "--diff: diffs of several files expected, got $(cat "$T/n")"
run "--diff --to-utf8" --diff --to-utf8 "$T/fx/src"
for j in 1 2 3; do
  rm -rf "$T/fx/j$j"; cp -r "$T/fx/src" "$T/fx/j$j"
  "$QG" lint -j$j --fix "$T/fx/j$j" >"$T/fx/o$j" 2>"$T/fx/e$j"; echo $? >"$T/fx/rc$j"
  sed -i "s#$T/fx/j$j/#DIR/#g" "$T/fx/o$j" "$T/fx/e$j"
done
for j in 2 3; do
  diff -r "$T/fx/j1" "$T/fx/j$j" >/dev/null && ok || bad "--fix -j$j: the files differ from -j1's"
  cmp -s "$T/fx/o1" "$T/fx/o$j" && ok || bad "--fix -j$j: stdout differs from -j1"
  cmp -s "$T/fx/e1" "$T/fx/e$j" && ok || { bad "--fix -j$j: stderr differs from -j1"; diff "$T/fx/e1" "$T/fx/e$j" >&2; }
  cmp -s "$T/fx/rc1" "$T/fx/rc$j" && ok || bad "--fix -j$j: exit status differs"
done
contains "$T/fx/e1" "^qinggao: lint: 1[0-9] files checked, [0-9]+ fixes applied in [0-9]+ files$" "--fix summary"
diff -rq "$T/fx/src" "$T/fx/j1" | grep -c differ >"$T/n"; [ "$(cat "$T/n")" -ge 5 ] && ok || bad "--fix changed $(cat "$T/n") files, expected several"
# a file named twice: fixed once, then checked again as fixed, as -j1 does
for j in 1 2; do
  cp "$D/c/warn3.txt" "$T/fx/twice$j.txt"
  "$QG" lint -j$j --fix "$T/fx/twice$j.txt" "$T/fx/twice$j.txt" >"$T/fx/t$j" 2>&1; echo "exit $?" >>"$T/fx/t$j"
  sed -i "s#twice$j#twice#g" "$T/fx/t$j"
done
cmp -s "$T/fx/t1" "$T/fx/t2" && ok || { bad "--fix of a file named twice: -j2 differs from -j1"; diff "$T/fx/t1" "$T/fx/t2" >&2; }
contains "$T/fx/t1" "2 files checked, 3 fixes applied in 1 file" "a file named twice is fixed once"

# ---- an archive, --dedup-scope run ----------------------------------------------------------
"$QG" archive add -q --archive "$T/ar.db" "$D/b/page1.txt" >/dev/null 2>&1 && ok || bad "archive add"
cp "$D/b/page1.txt" "$T/again.txt"
run "--archive" --archive "$T/ar.db" "$D" "$T/again.txt"; status 3 "--archive (failing files among them)"
contains "$T/out" "again.txt:.*\[dup-archive\]" "the archive finds the published paragraphs"
mkdir -p "$T/arcfg/x"; printf '[lint]\narchive = %s\n' "$T/ar.db" >"$T/arcfg/x/.qinggao.ini"
cp "$T/again.txt" "$T/arcfg/x/a.txt"; cp "$T/again.txt" "$T/arcfg/b.txt"
run "archive = in one directory's configuration" "$T/arcfg"; status 1 "archive in a configuration"
contains "$T/out" "arcfg/x/a.txt:.*\[dup-archive\]" "x/a.txt checked against the archive"
lacks "$T/out" "arcfg/b.txt:.*\[dup-archive\]" "b.txt not"
run "an archive that cannot be opened" --archive "$T/no/such.db" "$W"; status 3 "a missing archive"
[ -s "$T/out" ] && bad "a missing archive: output written" || ok
run "--dedup-scope run" --dedup-scope run "$D" "$T/again.txt"
contains "$T/out" "again.txt:.*\[dup-paragraph\]" "scope run: a repeat of an earlier file"

# ---- many files: the slots (16 per worker) are reused; a big output goes to a file ----------
M=$T/many; mkdir -p "$M"
python3 "$SRC/bench/gen.py" 1 "$M/000-big.txt" >/dev/null  # first: the others wait behind it
for k in $(seq -w 1 60); do cp "$SRC"/tests/pages/0$(( (10#$k % 9) + 1 ))*.txt "$M/p$k.txt"; done
printf 'x\xffy\n' >"$M/p30b.txt"
run "70 files" "$M"; status 3 "70 files, one invalid"
# the first file's diagnostics pass a slot's memory (512 KiB): they go through a temporary file
[ "$(grep -c '000-big.txt:' "$T/out")" -gt 0 ] && [ "$(grep '000-big.txt:' "$T/out" | wc -c)" -gt 524288 ] && ok \
  || bad "the first file's output is not over 512 KiB"
run "70 files, sarif" -f sarif "$M"
# messages in input order: a slow file first, then a named ignored file (its note is written
# by the main thread) and a corrupt one (its error comes from a worker, while the first runs)
printf '[lint]\nignore = skip*\n' >"$T/many/.qinggao.ini"
cp "$D/c/warn3.txt" "$M/skip.txt"; cp "$D/b/page1b-corrupt.txt.gz" "$M/corrupt.txt.gz"
run "a slow file, then messages" "$M/000-big.txt" "$M/skip.txt" "$M/corrupt.txt.gz" "$T/missing.txt"
grep -o "skip.txt: ignored\|corrupt.txt.gz: corrupt\|missing.txt: cannot" "$T/err" | tr '\n' ' ' >"$T/msgs"
[ "$(cat "$T/msgs")" = "skip.txt: ignored corrupt.txt.gz: corrupt missing.txt: cannot " ] && ok \
  || bad "messages not in input order: $(cat "$T/msgs")"

# ---- usage ---------------------------------------------------------------------------------
expect_exit 2 "-j 0" "$QG" lint -j 0 "$W"
expect_exit 2 "-j x" "$QG" lint -j x "$W"
contains "$T/err" "-j wants a number" "-j error message"
expect_exit 0 "--jobs 2" "$QG" lint --jobs 2 "$W"
finish lint_batch
