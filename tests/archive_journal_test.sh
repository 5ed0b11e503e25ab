#!/usr/bin/env bash
# archive_journal_test.sh QINGGAO: a lookup in an archive that an interrupted writer left with a
# hot rollback journal (an `archive add` killed inside a transaction: since session 32 a group
# may have written pages of it to the file) rolls the journal back and reads the archive as it
# was at the last commit, where before it failed with "attempt to write a readonly database"
# (review 32b #1; stages/archive.c qg_archive_open). The interrupted writer here is Python's
# sqlite3 killed mid-transaction with its cache at one page, so that it has spilled: the same
# journal a killed add leaves, made the same way every time. The text is this test's own.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
printf '　　市图书馆昨日起延长开放时间，每天开放至晚上九点，方便市民下班后借阅图书。\n\n本报讯 全市今年新建改建公园绿地三十处，新增绿地一百二十公顷。\n' >"$T/a.txt"
expect_exit 0 "archive add" "$QG" archive add -q --date 2026-12-01 --archive "$T/a.db" "$T/a.txt"
rows() { python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0])
for q in ["SELECT key, value FROM meta ORDER BY key", "SELECT id, document, text FROM paragraph ORDER BY id",
          "SELECT count(*) FROM posting"]:
    for r in c.execute(q): print("|".join(map(str, r)))' "$1"; }
rows "$T/a.db" >"$T/before.rows"
cp "$T/a.db" "$T/a.copy"
# a writer killed inside its transaction, its dirty pages spilled into the file (a subshell, so
# that the shell's note of the kill goes with its standard error)
(python3 - "$T/a.db" <<'PY'
import os, signal, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA cache_size = 1")
c.execute("BEGIN")
for i in range(3000):
    c.execute("INSERT INTO meta VALUES (?, ?)", ("junk%05d" % i, "x" * 200))
os.kill(os.getpid(), signal.SIGKILL)
PY
true) 2>/dev/null
[ -s "$T/a.db-journal" ] && ok || bad "the killed writer left no journal: the test shows nothing"
cmp -s "$T/a.db" "$T/a.copy" && bad "the file was not written by the killed writer: the test shows nothing" || ok
# a second copy, for clean after lint
cp "$T/a.db" "$T/b.db"; cp "$T/a.db-journal" "$T/b.db-journal"
printf '市图书馆昨日起延长开放时间，每天开放至晚上九点，方便市民下班后借阅图书。\n' >"$T/new.txt"
expect_exit 1 "lint --archive over a hot journal" "$QG" lint -f json --archive "$T/a.db" "$T/new.txt"
contains "$T/out" '"rule":"dup-archive"' "lint --archive: the archived paragraph found"
lacks "$T/err" 'readonly|cannot read' "lint --archive: no read error"
[ -e "$T/a.db-journal" ] && bad "lint --archive: the journal is still there" || ok
rows "$T/a.db" >"$T/after.rows"
cmp -s "$T/before.rows" "$T/after.rows" && ok || bad "lint --archive: the archive is not as it was at the last commit"
expect_exit 0 "clean --archive over a hot journal" "$QG" clean -q -f text --archive "$T/b.db" "$T/new.txt"
lacks "$T/err" 'readonly|cannot read' "clean --archive: no read error"
rows "$T/b.db" >"$T/after2.rows"
cmp -s "$T/before.rows" "$T/after2.rows" && ok || bad "clean --archive: the archive is not as it was at the last commit"
finish archive_journal
