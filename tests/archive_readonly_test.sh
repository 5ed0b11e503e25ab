#!/usr/bin/env bash
# archive_readonly_test.sh QINGGAO: an archive whose directory is not writable. SQLite makes
# and deletes its rollback journal beside the archive, and when it cannot it says only "disk
# I/O error" (a directory made read-only under a running add: review 32b) or "attempt to write
# a readonly database"; the error now says the directory is not writable
# (stages/archive.c db_msg), and the archive is left whole. Root writes into any directory, so
# as root the program runs as nobody (setpriv); skipped (77) where neither can be arranged.
set -u
QG=$1
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
run=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 || { echo "skipped: root without setpriv or nobody"; exit 77; }
  run=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
  # (the build may lie where nobody cannot reach it, e.g. under /root)
  "${run[@]}" "$QG" --version >/dev/null 2>&1 || { echo "skipped: nobody cannot run $QG"; exit 77; }
fi
chmod 755 "$T"
mkdir "$T/d" "$T/in"
printf '　　市图书馆昨日起延长开放时间，每天开放至晚上九点，方便市民下班后借阅图书。\n' >"$T/in/a.txt"
printf '　　全市今年新建改建公园绿地三十处，新增绿地一百二十公顷，市民出门五百米见绿。\n' >"$T/in/b.txt"
chmod 644 "$T/in/"*.txt
[ "$(id -u)" = 0 ] && chown -R nobody "$T/d"
expect_exit 0 "archive add into a writable directory" "${run[@]}" "$QG" archive add -q --date 2026-12-01 --archive "$T/d/a.db" "$T/in/a.txt"
sum() { python3 -c '
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(c.execute("PRAGMA integrity_check").fetchone()[0], c.execute("SELECT count(*) FROM document").fetchone()[0],
      c.execute("SELECT count(*) FROM paragraph").fetchone()[0])' "$1"; }
before=$(sum "$T/d/a.db")
chmod 555 "$T/d"
expect_exit 3 "archive add with the directory read-only" "${run[@]}" "$QG" archive add -q --date 2026-12-02 --archive "$T/d/a.db" "$T/in/b.txt"
contains "$T/err" "a\.db: .*\(its directory is not writable: SQLite makes and deletes its journal there\)" "the error names the directory"
contains "$T/err" "b\.txt: not added" "the file not added is named"
after=$(sum "$T/d/a.db")
[ "$after" = "$before" ] && ok || bad "archive changed: '$before' -> '$after'"
[ "${after%% *}" = ok ] && ok || bad "integrity_check: $after"
# a lookup needs no write access: it still works, and finds the archived paragraph
expect_exit 1 "lint --archive against the read-only directory" "${run[@]}" "$QG" lint -f json --archive "$T/d/a.db" "$T/in/a.txt"
contains "$T/out" '"rule":"dup-archive"' "the archived paragraph found"
# writable again: the add goes through, nothing else said
chmod 755 "$T/d"
expect_exit 0 "archive add once the directory is writable" "${run[@]}" "$QG" archive add -q --date 2026-12-02 --archive "$T/d/a.db" "$T/in/b.txt"
lacks "$T/err" "not writable" "no error once writable"
finish archive_readonly
