#!/bin/sh
# Makes tests/archives/v3-chars.db, an archive of sketch version 3 (traditional characters not
# folded: qinggao before session 49), for tests/s49_fold_test.sh. Run with a qinggao of main
# 4b43039 or earlier (session 48; /tmp/qg-s49base/qinggao in session 49):
#   tests/archives/make_v3.sh OLD_QINGGAO tests/archives/v3-chars.db
# The two paragraphs, in traditional characters, are this project's own writing; the archive is
# made smaller (pages of 512 bytes) by VACUUM, which keeps its application_id, user_version and rows.
set -eu
QG=$1 OUT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf '%s\n\n%s\n' \
  '西山林場今年秋天補種了一千二百棵銀杏和楓樹，護林員說三年後這一帶的秋色會更好看。' \
  '城北圖書館週末延長開放時間到晚上九點，自習區新增了六十個座位，讀者可以在網上預約。' \
  >"$T/pub.txt"
"$QG" archive add -q --archive "$T/v3.db" --date 2026-12-01 "$T/pub.txt"
python3 - "$T/v3.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("SELECT value FROM meta WHERE key = 'sketch'").fetchone()[0] == '3'
c.execute("UPDATE document SET source = 'pub.txt', added = '2026-12-07T00:00:00Z'")
c.commit()
c.execute("PRAGMA page_size = 512")
c.execute("VACUUM")
c.close()
PY
cp "$T/v3.db" "$OUT"
