#!/usr/bin/env bash
# archive_post_test.sh QINGGAO: a document's postings are held and written sorted at its end
# (session 30, stages/archive.c flush_posts; docs/dedup.md, "The archive"). Whatever room they
# have (QINGGAO_TEST_ARCHIVE_POSTINGS: 0 writes each at once, 7 writes them seven at a time,
# mid-document), held or written as it goes (QINGGAO_TEST_ARCHIVE_HOLD), as a file or as
# records sharing a transaction (--jsonl), the archive holds the same rows; a posting refused
# (a trigger) fails its document only, which leaves nothing of it. The texts are lines
# generated for this test.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
ps = ["第%d段记录了城市%d的新闻，内容足够长以便存入档案并建立索引，编号%d。" % (i, i % 7, i * 13) for i in range(1, 61)]
ps += [ps[3], ps[10]] # repeated within the document
open(t + "/a.txt", "w", encoding="utf-8").write("\n\n".join(ps) + "\n")
with open(t + "/a.jsonl", "w", encoding="utf-8") as f:
    for i in range(0, len(ps), 6):
        f.write(json.dumps({"text": "\n\n".join(ps[i:i + 6])}, ensure_ascii=False) + "\n")
PY
# rows DB: the rows of paragraph, posting and number in a fixed order (not the lines, which
# differ between a file and its records)
rows() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0])
for q in ["SELECT id, kind, title, text, exact, simhash, chars, hex(sketch) FROM paragraph ORDER BY id",
          "SELECT token, paragraph FROM posting ORDER BY token, paragraph",
          "SELECT paragraph, hex(nums) FROM number ORDER BY paragraph"]:
    for r in c.execute(q):
        print("|".join(map(str, r)))
PY
}
"$QG" archive add -q --date 2026-12-01 --archive "$T/ref.db" "$T/a.txt" || bad "the reference archive"
rows "$T/ref.db" >"$T/ref.rows"
[ "$(grep -c . "$T/ref.rows")" -gt 1500 ] && ok || bad "the reference holds postings: $(wc -l <"$T/ref.rows") rows"
for room in 0 7 ""; do
  for hold in 1 ""; do
    rm -f "$T/t.db"
    expect_exit 0 "room '$room' hold '$hold': added" env QINGGAO_TEST_ARCHIVE_POSTINGS=$room QINGGAO_TEST_ARCHIVE_HOLD=$hold "$QG" archive add --date 2026-12-01 --archive "$T/t.db" "$T/a.txt"
    rows "$T/t.db" >"$T/t.rows"
    cmp -s "$T/ref.rows" "$T/t.rows" && ok || bad "room '$room' hold '$hold': other rows than the reference's"
    rm -f "$T/j.db"
    expect_exit 0 "room '$room' hold '$hold' --jsonl: added" env QINGGAO_TEST_ARCHIVE_POSTINGS=$room QINGGAO_TEST_ARCHIVE_HOLD=$hold "$QG" archive add --jsonl --date 2026-12-01 --archive "$T/j.db" "$T/a.jsonl"
    rows "$T/j.db" >"$T/j.rows"
    cmp -s "$T/ref.rows" "$T/j.rows" && ok || bad "room '$room' hold '$hold' --jsonl: other rows than the reference's"
  done
done
# a posting of paragraph 40 refused: the file is not added (nothing of it left), the one after it
# is; as records, the record of paragraph 40 alone fails
sed 's/第\([0-9]*\)段/第\1节/' "$T/a.txt" >"$T/b.txt"
for room in 7 ""; do
  rm -f "$T/r.db"
  "$QG" archive add -q --archive "$T/r.db" --jsonl /dev/null 2>/dev/null
  python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TRIGGER t BEFORE INSERT ON posting WHEN NEW.paragraph IN (SELECT id FROM paragraph WHERE text LIKE '"'"'第40段%'"'"') BEGIN SELECT RAISE(ABORT, '"'"'refused by the test'"'"'); END"); c.commit()' "$T/r.db"
  expect_exit 3 "room '$room': a posting refused" env QINGGAO_TEST_ARCHIVE_POSTINGS=$room "$QG" archive add --archive "$T/r.db" "$T/a.txt" "$T/b.txt"
  contains "$T/err" "a.txt: not added: $T/r.db: archive: refused by the test" "room '$room': the file said"
  contains "$T/err" "archive: 2 files, 1 failed; 1 added \\(" "room '$room': the other file added"
  n=$(python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); print(c.execute("SELECT (SELECT count(*) FROM paragraph WHERE text LIKE '"'"'第%段%'"'"'), (SELECT count(*) FROM posting WHERE paragraph NOT IN (SELECT id FROM paragraph)), (SELECT count(*) FROM document)").fetchone())' "$T/r.db")
  [ "$n" = "(0, 0, 1)" ] && ok || bad "room '$room': nothing of the refused file left: $n"
  expect_exit 3 "room '$room' --jsonl: a posting refused" env QINGGAO_TEST_ARCHIVE_POSTINGS=$room "$QG" archive add --jsonl --archive "$T/r.db" "$T/a.jsonl"
  contains "$T/err" "a.jsonl:7: not added: $T/r.db: archive: refused by the test" "room '$room' --jsonl: the record said"
  contains "$T/err" "; 6 records added" "room '$room' --jsonl: the records before it added"
done
finish archive_post
