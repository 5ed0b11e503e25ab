#!/usr/bin/env bash
# archive_spill_test.sh QINGGAO: `archive add` of records (--jsonl) and of many files, whose
# documents share a transaction, keeps SQLite's memory bounded while the group's postings are
# written (session 32, stages/archive.c QG_AR_SPILL_KIB; docs/dedup.md, "Adding fast"): past
# the threshold the page cache spills into the file. The threshold is made small here
# (QINGGAO_TEST_ARCHIVE_SPILL_KIB=1: the cache's own 2 MiB) and the group one (a long
# QINGGAO_TEST_ARCHIVE_GROUP_MS), so that every posting is written at its one commit into an
# index several times the cache; SQLite's high-water (QINGGAO_TEST_ARCHIVE_STATS) must stay
# near the cache, where a threshold never reached (as before session 32) takes several times
# it, and the rows must be those of the run that does not spill. The texts are lines generated
# for this test.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
python3 - "$T" <<'PY'
import json, os, random, sys
t = sys.argv[1]
r = random.Random(32)
han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
ps = ["第%d段：%s。" % (i, "".join(r.choice(han) for _ in range(150))) for i in range(1, 3001)]
with open(t + "/a.jsonl", "w", encoding="utf-8") as f:
    for i in range(0, len(ps), 20):
        f.write(json.dumps({"text": "\n\n".join(ps[i:i + 20])}, ensure_ascii=False) + "\n")
os.mkdir(t + "/files")
for i in range(0, len(ps), 100):
    open("%s/files/f%03d.txt" % (t, i // 100), "w", encoding="utf-8").write("\n\n".join(ps[i:i + 100]) + "\n")
PY
# rows DB: integrity and every table's rows in a fixed order (not `added`, a time)
rows() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0])
for q in ["SELECT id, source, digest, date, paragraphs, record_id FROM document ORDER BY id",
          "SELECT id, document, line, kind, title, text, exact, simhash, chars, hex(sketch) FROM paragraph ORDER BY id",
          "SELECT token, paragraph FROM posting ORDER BY token, paragraph",
          "SELECT paragraph, hex(nums) FROM number ORDER BY paragraph"]:
    for r in c.execute(q):
        print("|".join(map(str, r)))
PY
}
# hw FILE: SQLite's high-water in bytes, as the run said it
hw() { sed -n "s/^qinggao: test: SQLite's memory high-water \([0-9]*\)$/\1/p" "$1"; }
for kind in jsonl files; do
  if [ $kind = jsonl ]; then in=$T/a.jsonl args=(--jsonl); else in=$T/files args=(); fi
  for spill in 1048576 1; do
    rm -f "$T/$spill.db"
    expect_exit 0 "$kind, spill past $spill KiB: added" env QINGGAO_TEST_ARCHIVE_STATS=1 \
      QINGGAO_TEST_ARCHIVE_GROUP_MS=600000 QINGGAO_TEST_ARCHIVE_SPILL_KIB=$spill \
      "$QG" archive add -q "${args[@]}" --date 2026-12-01 --archive "$T/$spill.db" "$in"
    cp "$T/err" "$T/$spill.err"
    rows "$T/$spill.db" >"$T/$spill.rows"
  done
  late=$(hw "$T/1048576.err") soon=$(hw "$T/1.err")
  [ -n "$late" ] && [ -n "$soon" ] && ok || bad "$kind: no high-water said: '$late' '$soon'"
  # the cache is 2 MiB; the archive's pages, all dirtied by the one transaction, 7.5 MB
  [ "${late:-0}" -gt 6000000 ] && ok || bad "$kind: not spilling, SQLite's peak ${late:-?} bytes: the test's index is too small to show the bound"
  [ "${soon:-99999999}" -lt 3500000 ] && ok || bad "$kind: spilling past 1 KiB, SQLite's peak ${soon:-?} bytes (not bounded by the cache)"
  [ "$(head -1 "$T/1.rows")" = ok ] && ok || bad "$kind: integrity_check: $(head -1 "$T/1.rows")"
  [ "$(grep -c . "$T/1.rows")" -gt 250000 ] && ok || bad "$kind: fewer rows than expected: $(wc -l <"$T/1.rows")"
  cmp -s "$T/1048576.rows" "$T/1.rows" && ok || bad "$kind: the rows differ when the cache spills"
done
finish archive_spill
