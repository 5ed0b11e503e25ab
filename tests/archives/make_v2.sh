#!/bin/sh
# Makes tests/archives/v2-chars.db, an archive of sketch version 2 (the bigrams hashed by XXH3:
# qinggao before session 47), for tests/s47_sketch_test.sh. Run with a qinggao of main c69f3da
# or earlier (session 46; /tmp/qg-s47base/qinggao in session 47):
#   tests/archives/make_v2.sh OLD_QINGGAO tests/archives/v2-chars.db
# The two paragraphs are this project's own writing; the archive is made smaller (pages of
# 512 bytes) by VACUUM, which keeps its application_id, user_version and rows.
set -eu
QG=$1 OUT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf '%s\n\n%s\n' \
  '城东菜市场今天起试行夜间经营，每晚六点到十点，摊主可在划定区域摆摊，市场管理处提醒市民注意交通安全。' \
  '北湖小学的学生们用一个学期记录了校园里二十三种鸟，整理成一本图文并茂的观察手册，在区图书馆展出。' \
  >"$T/pub.txt"
"$QG" archive add -q --archive "$T/v2.db" --date 2026-11-30 "$T/pub.txt"
python3 - "$T/v2.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("SELECT value FROM meta WHERE key = 'sketch'").fetchone()[0] == '2'
c.execute("UPDATE document SET source = 'pub.txt', added = '2026-12-06T00:00:00Z'")
c.commit()
c.execute("PRAGMA page_size = 512")
c.execute("VACUUM")
c.close()
PY
cp "$T/v2.db" "$OUT"
