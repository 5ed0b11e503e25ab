#!/usr/bin/env bash
# archive_batch_test.sh QINGGAO: the failure paths of `archive add --jsonl`, whose records share
# a transaction, each in a savepoint of its own (qg_archive_batch, stages/archive.c;
# docs/corpora.md, "JSON Lines in dedup and archive add"). Each branch that rolls back a record
# or loses the shared transaction is made to fail here, by a trigger (RAISE(ABORT): the
# statement alone; RAISE(ROLLBACK): the whole transaction), a file size limit (the disk full),
# or a lock held past the wait (QINGGAO_TEST_ARCHIVE_BUSY_MS); after each, the archive holds
# exactly the records the summary counts, nothing of a failed record, and passes
# PRAGMA integrity_check. The texts are lines generated for this test.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
# (python starts slowly on a loaded machine: each check asks everything of a DB in one run)
# facts DB SQL...: the archive's integrity_check, then its consistency (the rows left of a
# rolled-back record: paragraphs without their document, postings and numbers without their
# paragraph, documents with another number of paragraphs than they say, documents without a
# digest; "0|0|0|0|0" when none), then each SQL's rows ('|' between columns, ' ' between rows),
# one line each, into the array F
facts() {
  mapfile -t F < <(python3 - "$@" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
qs = ["PRAGMA integrity_check",
      "SELECT (SELECT count(*) FROM paragraph WHERE document NOT IN (SELECT id FROM document)),"
      " (SELECT count(*) FROM posting WHERE paragraph NOT IN (SELECT id FROM paragraph)),"
      " (SELECT count(*) FROM number WHERE paragraph NOT IN (SELECT id FROM paragraph)),"
      " (SELECT count(*) FROM document d WHERE paragraphs != (SELECT count(*) FROM paragraph WHERE document = d.id)),"
      " (SELECT count(*) FROM document WHERE digest IS NULL)"] + sys.argv[2:]
for q in qs:
    print(" ".join("|".join(map(str, r)) for r in c.execute(q)))
EOF
)
}
consistent() { # description: after facts
  [ "${F[0]}" = ok ] && ok || bad "$1: integrity_check: ${F[0]}"
  [ "${F[1]}" = "0|0|0|0|0" ] && ok || bad "$1: rows left of a rolled-back record (orphan paragraphs|postings|numbers|documents short|without digest): ${F[1]}"
}
# the SQL of the records of FILE in the archive, how many and their lines: "N:L1 L2 …"
records() { echo "SELECT count(*) || ':' || coalesce(group_concat(substr(source, length('$T/$1:') + 1), ' '), '') FROM (SELECT source FROM document WHERE source LIKE '$T/$1:%' ORDER BY id)"; }
# the records the summary says were added
added() { sed -n 's/.*; \([0-9]*\) records\{0,1\} added.*/\1/p' "$T/err"; }
# the inputs: records N..M ({"id":"rN","text":…}), 2 paragraphs each unless said, the paragraph
# "N.K" holding 禁止入档 (the triggers' mark)
python3 - "$T" <<'EOF'
import json, sys
def recs(name, a, b, n=2, tag=""):
    with open(sys.argv[1] + "/" + name, "w", encoding="utf-8") as out:
        for i in range(a, b + 1):
            ps = ["第%d条记录的第%d段，写得足够长以便存入档案%s，编号%d。" % (i, k, "禁止入档" if tag == "%d.%d" % (i, k) else "", i * 31 + k)
                  for k in range(1, n + 1)]
            out.write(json.dumps({"id": "r%d" % i, "text": "\n\n".join(ps)}, ensure_ascii=False) + "\n")
recs("a.jsonl", 1, 10, 2, "6.2")
recs("b.jsonl", 11, 20)
recs("c.jsonl", 21, 30)
recs("h.jsonl", 1, 6, 5, "4.3")
recs("big.jsonl", 100, 399)
recs("g1.jsonl", 40, 44)
recs("z.jsonl", 500, 1499, 3)
recs("pipe.jsonl", 2000, 2549) # about 100 KB: a chunk of 64 KiB, and the rest
EOF
: >"$T/empty.jsonl"
# mk DB [SQL]: an empty archive, with a trigger made on it
mk() {
  rm -f "$1"
  "$QG" archive add -q --archive "$1" --jsonl "$T/empty.jsonl" || bad "$1: not made"
  [ $# -lt 2 ] || python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$1" "$2"
}
MARK="'%禁止入档%'"

# ---- a statement fails (RAISE(ABORT)): the record's savepoint alone is rolled back ------------
# record 6 of a.jsonl is refused, at its paragraph's or a number's insert or at its digest's
# update; the records before it in the same shared transaction stay, the file stops
# there and fails, the files before and after are added
for what in "paragraph insert|CREATE TRIGGER t BEFORE INSERT ON paragraph WHEN NEW.text LIKE $MARK BEGIN SELECT RAISE(ABORT, 'refused by the test'); END" \
            "number insert|CREATE TRIGGER t BEFORE INSERT ON number WHEN NEW.paragraph IN (SELECT id FROM paragraph WHERE text LIKE $MARK) BEGIN SELECT RAISE(ABORT, 'refused by the test'); END" \
            "digest update|CREATE TRIGGER t BEFORE UPDATE ON document WHEN NEW.source LIKE '%a.jsonl:6' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"; do
  name=${what%%|*}
  mk "$T/t.db" "${what#*|}"
  expect_exit 3 "$name refused: exit 3" "$QG" archive add --archive "$T/t.db" --jsonl "$T/b.jsonl" "$T/a.jsonl" "$T/c.jsonl"
  contains "$T/err" "^qinggao: $T/a.jsonl:6: not added: $T/t.db: archive: refused by the test; the lines after it are not read \\(adding the file again adds them\\)$" "$name: the record said, and that the file stops"
  contains "$T/err" "archive: 3 files, 1 failed; 25 records added \\(50 paragraphs\\)" "$name: the summary counts what is stored"
  contains "$T/err" "^qinggao: failed: $T/a.jsonl$" "$name: the failed list"
  facts "$T/t.db" "$(records a.jsonl)" "$(records b.jsonl)" "$(records c.jsonl)" \
    "SELECT count(*) FROM paragraph WHERE text LIKE '第6条%'" "DROP TRIGGER t"
  consistent "$name"
  [ "${F[2]}" = "5:1 2 3 4 5" ] && ok || bad "$name: a.jsonl's records before the refused one stored, not it nor those after: ${F[2]}"
  [ "${F[3]%%:*}/${F[4]%%:*}/${F[5]}" = 10/10/0 ] && ok || bad "$name: the other files stored, nothing of record 6: ${F[3]%%:*}/${F[4]%%:*}/${F[5]}"
  # the trigger dropped, the file added again adds the rest
  expect_exit 0 "$name: added again" "$QG" archive add --archive "$T/t.db" --jsonl "$T/a.jsonl"
  contains "$T/err" "5 records added \\(10 paragraphs\\), 5 already archived" "$name: added again: the rest"
done

# ---- a posting refused (RAISE(ABORT)) when the group's held postings are written ------------
# (session 31) the postings of the records sharing a transaction are held to its commit, here
# a.jsonl's end: the one refused fails the whole group since the last commit, as a failing
# COMMIT does: rolled back, none of its records stored or counted, the loss said; the files
# before and after are added, and adding a.jsonl again adds it whole
mk "$T/p.db" "CREATE TRIGGER t BEFORE INSERT ON posting WHEN NEW.paragraph IN (SELECT id FROM paragraph WHERE text LIKE $MARK) BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
expect_exit 3 "posting refused at the group's flush: exit 3" "$QG" archive add --archive "$T/p.db" --jsonl "$T/b.jsonl" "$T/a.jsonl" "$T/c.jsonl"
contains "$T/err" "^qinggao: $T/a.jsonl: not added: $T/p.db: archive: refused by the test \\(nor are the documents added since the last commit, up to a second before, stored\\)$" "posting refused at the group's flush: the group's loss said"
contains "$T/err" "archive: 3 files, 1 failed; 20 records added \\(40 paragraphs\\)" "posting refused at the group's flush: the summary counts what is stored"
contains "$T/err" "^qinggao: failed: $T/a.jsonl$" "posting refused at the group's flush: the failed list"
facts "$T/p.db" "$(records a.jsonl)" "$(records b.jsonl)" "$(records c.jsonl)" "DROP TRIGGER t"
consistent "posting refused at the group's flush"
[ "${F[2]}/${F[3]%%:*}/${F[4]%%:*}" = "0:/10/10" ] && ok || bad "posting refused at the group's flush: nothing of a.jsonl, the other files stored: ${F[2]}/${F[3]%%:*}/${F[4]%%:*}"
expect_exit 0 "posting refused at the group's flush: added again" "$QG" archive add --archive "$T/p.db" --jsonl "$T/a.jsonl"
contains "$T/err" "; 10 records added \\(20 paragraphs\\), 0 already archived" "posting refused at the group's flush: added again, whole"

# ---- a record written as it goes (QINGGAO_TEST_ARCHIVE_HOLD) fails half-way -----------------
# its first two paragraphs were written in its savepoint before the third was refused: they go
# with it; the records before it stay, stored as they are when held
dump="SELECT group_concat(x, ' ') FROM (SELECT d.source || d.digest || d.paragraphs || d.record_id || p.line || p.kind || p.text || p.exact || hex(p.sketch) AS x FROM paragraph p JOIN document d ON d.id = p.document ORDER BY p.id)"
for hold in 1 ""; do
  mk "$T/h$hold.db" "CREATE TRIGGER t BEFORE INSERT ON paragraph WHEN NEW.text LIKE $MARK BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
  expect_exit 3 "hold '$hold': a record refused half-way" env QINGGAO_TEST_ARCHIVE_HOLD=$hold "$QG" archive add --archive "$T/h$hold.db" --jsonl "$T/h.jsonl"
  contains "$T/err" "h.jsonl:4: not added: .*refused by the test" "hold '$hold': the record said"
  contains "$T/err" "; 3 records added \\(15 paragraphs\\)" "hold '$hold': 3 records counted"
  facts "$T/h$hold.db" "$(records h.jsonl)" "SELECT count(*) FROM paragraph WHERE text LIKE '第4条%'" "$dump"
  consistent "hold '$hold'"
  [ "${F[2]}/${F[3]}" = "3:1 2 3/0" ] && ok || bad "hold '$hold': records 1-3 stored, no paragraph of record 4: ${F[2]}/${F[3]}"
  rows[${hold:-0}]=${F[4]}
done
[ -n "${rows[0]}" ] && [ "${rows[0]}" = "${rows[1]}" ] && ok || bad "written as it goes or held, the same rows"

# ---- a statement fails and SQLite rolls the whole transaction back (RAISE(ROLLBACK)) ----------
# the shared transaction is lost: the records of the file since the last commit are neither
# stored nor counted, and the error says so with its reason (not "no such savepoint"); the file
# before, committed at its end, stays; the file after is added
mk "$T/r.db" "CREATE TRIGGER t BEFORE INSERT ON paragraph WHEN NEW.text LIKE $MARK BEGIN SELECT RAISE(ROLLBACK, 'refused whole by the test'); END"
expect_exit 3 "RAISE(ROLLBACK): exit 3" "$QG" archive add --archive "$T/r.db" --jsonl "$T/b.jsonl" "$T/a.jsonl" "$T/c.jsonl"
contains "$T/err" "a.jsonl:6: not added: $T/r.db: archive: refused whole by the test \\(nor are the documents added since the last commit, up to a second before, stored\\); the lines after it are not read" "RAISE(ROLLBACK): the reason and the loss said"
lacks "$T/err" "savepoint" "RAISE(ROLLBACK): no savepoint named"
facts "$T/r.db" "SELECT count(*) FROM document" "$(records a.jsonl)" "$(records b.jsonl)" "$(records c.jsonl)"
consistent "RAISE(ROLLBACK)"
[ "$(added)" = "${F[2]}" ] && ok || bad "RAISE(ROLLBACK): the summary says $(added) records added, the archive holds ${F[2]}"
[ "${F[4]%%:*}/${F[5]%%:*}" = 10/10 ] && ok || bad "RAISE(ROLLBACK): the files before and after stored"
# (records 1-5 shared the lost transaction, unless a second passed among them: a prefix at most)
case "${F[3]}" in "0:" | "1:1" | "2:1 2" | "3:1 2 3" | "4:1 2 3 4" | "5:1 2 3 4 5") ok ;; *) bad "RAISE(ROLLBACK): a.jsonl's first records at most: ${F[3]}" ;; esac

# ---- the disk full: a file size limit (RLIMIT_FSIZE, as root too) -----------------------------
# a write fails part-way through the file's shared transaction: the file fails with SQLite's
# reason, what is stored is what is counted, the archive is whole, and added again later, every
# record is there
mk "$T/full.db"
"$QG" archive add -q --archive "$T/full.db" --jsonl "$T/b.jsonl" || bad "full: b.jsonl added"
lim=$(( $(stat -c %s "$T/full.db") / 1024 + 8 ))
(trap '' XFSZ; ulimit -f $lim; exec "$QG" archive add --archive "$T/full.db" --jsonl "$T/big.jsonl" "$T/c.jsonl") >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 3 ] && ok || bad "disk full: exit $rc, expected 3"
contains "$T/err" "big.jsonl(:[0-9]+)?: not added: $T/full.db: archive: (disk I/O error|database or disk is full)" "disk full: SQLite's reason said"
lacks "$T/err" "savepoint|no transaction" "disk full: the reason not overwritten by the rollback's"
facts "$T/full.db" "SELECT count(*) - 10 FROM document"
consistent "disk full"
[ "$(added)" = "${F[2]}" ] && ok || bad "disk full: the summary says $(added) records added, the archive holds ${F[2]} more"
expect_exit 0 "disk full: added again, without the limit" "$QG" archive add -q --archive "$T/full.db" --jsonl "$T/big.jsonl" "$T/c.jsonl"
facts "$T/full.db" "SELECT count(*), count(DISTINCT source) FROM document"
consistent "disk full, added again"
[ "${F[2]}" = "320|320" ] && ok || bad "disk full: every record once after adding again: ${F[2]}"

# ---- the lock held past the wait (QINGGAO_TEST_ARCHIVE_BUSY_MS) -------------------------------
# held KIND DB INPUT: an add from a FIFO, and another connection that takes a lock (KIND: shared,
# a reader's open transaction; write, a writer's; none; shared-open: a reader's, the FIFO kept
# open) once the add has opened the archive (the FIFO opens then), sends INPUT, keeps the lock
# (and the FIFO) until the add has ended (20 s at most), then gives facts of the archive (as
# facts does: integrity, consistency, the records of in.fifo)
mkfifo "$T/in.fifo"
held() {
  env QINGGAO_TEST_ARCHIVE_BUSY_MS=300 "$QG" archive add --archive "$2" --jsonl "$T/in.fifo" >"$T/out" 2>"$T/err" & local pa=$!
  mapfile -t F < <(python3 - "$1" "$2" "$T/in.fifo" "$3" $pa "$(records in.fifo)" <<'EOF'
import os, sqlite3, sys, time
kind, db, fifo, inp, pid, q = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
f = open(fifo, "wb") # (returns once the add has opened the archive, then its input)
c = sqlite3.connect(db, isolation_level=None, timeout=0.5)
if kind.startswith("shared"):
    c.execute("BEGIN")
    c.execute("SELECT count(*) FROM document").fetchone()
elif kind == "write":
    c.execute("BEGIN IMMEDIATE")
f.write(open(inp, "rb").read())
if kind != "shared-open":
    f.close()
for _ in range(400):
    try:
        if open("/proc/%d/stat" % pid).read().split()[2] == "Z":
            break
    except OSError: # gone: no such file, or ESRCH when it is reaped while read
        break
    time.sleep(0.05)
try:
    f.close()
except BrokenPipeError:
    pass
if kind != "none":
    c.execute("ROLLBACK")
c.close()
c = sqlite3.connect(db)
print(c.execute("PRAGMA integrity_check").fetchone()[0])
print("|".join(map(str, c.execute("SELECT (SELECT count(*) FROM paragraph WHERE document NOT IN (SELECT id FROM document)),"
      " (SELECT count(*) FROM posting WHERE paragraph NOT IN (SELECT id FROM paragraph)),"
      " (SELECT count(*) FROM number WHERE paragraph NOT IN (SELECT id FROM paragraph)),"
      " (SELECT count(*) FROM document d WHERE paragraphs != (SELECT count(*) FROM paragraph WHERE document = d.id)),"
      " (SELECT count(*) FROM document WHERE digest IS NULL)").fetchone())))
print(c.execute(q).fetchone()[0])
EOF
)
  wait $pa
}
mk "$T/busy.db"
# a reader's open transaction keeps the commit at the end of the file from its exclusive lock:
# the shared transaction is rolled back, its records neither stored nor counted
held shared "$T/busy.db" "$T/c.jsonl"; rc=$?
[ $rc = 3 ] && ok || bad "a commit kept from its lock: exit $rc, expected 3"
contains "$T/err" "in.fifo(:[0-9]+)?: not added: $T/busy.db: archive: database is locked \\(another process held it for more than 300 ms\\) \\(nor are the documents added since the last commit, up to a second before, stored\\)" "a commit kept from its lock: said"
consistent "a commit kept from its lock"
[ "$(added)" = "${F[2]%%:*}" ] && ok || bad "a commit kept from its lock: the summary says $(added) records added, the archive holds ${F[2]%%:*}"
# a writer's lock when a record begins: it cannot begin its transaction, the file stops there,
# nothing is stored
held write "$T/busy.db" "$T/c.jsonl"; rc=$?
[ $rc = 3 ] && ok || bad "a writer's lock when a record begins: exit $rc, expected 3"
contains "$T/err" "in.fifo:1: not added: $T/busy.db: archive: database is locked \\(another process held it for more than 300 ms\\); the lines after it are not read" "a writer's lock when a record begins: said"
contains "$T/err" "; 0 records added" "a writer's lock when a record begins: nothing counted"
consistent "a writer's lock when a record begins"
[ "${F[2]}" = "0:" ] && ok || bad "a writer's lock when a record begins: nothing stored: ${F[2]}"
# from a pipe, the commit made before a read that may wait (the pipe short of a chunk, its
# writer still there) kept from its lock: the records read are not stored nor counted, the file
# stops there
held shared-open "$T/busy.db" "$T/pipe.jsonl"; rc=$?
[ $rc = 3 ] && ok || bad "a commit before a read kept from its lock: exit $rc, expected 3"
contains "$T/err" "in.fifo:[0-9]+: not added: $T/busy.db: archive: database is locked \\(another process held it for more than 300 ms\\) \\(nor are the documents added since the last commit, up to a second before, stored\\); the lines after it are not read" "a commit before a read kept from its lock: said"
consistent "a commit before a read kept from its lock"
[ "$(added)" = "${F[2]%%:*}" ] && ok || bad "a commit before a read kept from its lock: the summary says $(added) records added, the archive holds ${F[2]%%:*}"
# no lock held: the same input is added whole
held none "$T/busy.db" "$T/c.jsonl"; rc=$?
[ $rc = 0 ] && [ "${F[2]%%:*}" = 10 ] && ok || bad "no lock held: exit $rc, ${F[2]%%:*} records of 10"

# ---- inputs that fail: a bad line, a file that cannot be read, a damaged gzip file ------------
# a bad line is left out and the records after it are stored (exit 3); a file that cannot be
# read fails alone; a gzip file cut short: the records read before the damage are stored (as
# clean --jsonl writes them), the file fails
{ head -2 "$T/g1.jsonl"; printf '{"id":"bad","text":"坏的\n'; tail -3 "$T/g1.jsonl"; } >"$T/badline.jsonl"
gzip -c "$T/z.jsonl" >"$T/z.jsonl.gz"
head -c $(( $(stat -c %s "$T/z.jsonl.gz") / 2 )) "$T/z.jsonl.gz" >"$T/cut.jsonl.gz"
mk "$T/in.db"
expect_exit 3 "a bad line, a missing file, a cut gzip file" "$QG" archive add --archive "$T/in.db" --jsonl "$T/b.jsonl" "$T/badline.jsonl" "$T/missing.jsonl" "$T/cut.jsonl.gz" "$T/c.jsonl"
contains "$T/err" "badline.jsonl:3:[0-9]+: error: " "the bad line said"
contains "$T/err" "missing.jsonl: .*No such file" "the missing file said"
whole=$(gzip -dc "$T/cut.jsonl.gz" 2>/dev/null | wc -l | tr -d ' ')
contains "$T/err" "cut.jsonl.gz:$((whole + 1)): corrupt gzip data \\(unexpected end of file\\); the line is cut there, the $whole complete lines before it were read" "the cut file said, at the line it cuts"
contains "$T/err" "^qinggao: failed: $T/missing.jsonl, $T/cut.jsonl.gz$" "the two failed files listed (not the one with a bad line)"
facts "$T/in.db" "SELECT count(*) FROM document" "$(records b.jsonl)" "$(records badline.jsonl)" "$(records c.jsonl)" "$(records cut.jsonl.gz)"
consistent "inputs that fail"
[ "$(added)" = "${F[2]}" ] && ok || bad "inputs that fail: the summary says $(added) records added, the archive holds ${F[2]}"
[ "${F[3]%%:*}/${F[4]}/${F[5]%%:*}" = "10/5:1 2 4 5 6/10" ] && ok || bad "the good files and the good lines stored: ${F[3]%%:*}/${F[4]}/${F[5]%%:*}"
cut=${F[6]%%:*}
[ "$cut" -gt 0 ] && [ "$cut" -lt 1000 ] && [ "${F[6]}" = "$cut:$(seq -s ' ' 1 "$cut")" ] && ok ||
  bad "the cut file: its first records stored: ${F[6]:0:80}"
# every record gzip -dc gives whole (since session 17, probe 18 D2: those of the last 64 KiB
# chunk before the damage were lost)
[ "$cut" = "$whole" ] && ok || bad "the cut file: $cut records stored, gzip -dc gives $whole whole"

finish archive_batch
