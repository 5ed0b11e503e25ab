#!/usr/bin/env bash
# s47_sketch_test.sh QINGGAO: sketch version 3 (session 47; version 4 since session 49, s47-nd: the character bigrams hashed
# by qg_fp_ngram_hash instead of XXH3; docs/dedup.md "The archive" and "Session 47 (s47-nd)").
# An archive of version 2, made by session 46's qinggao (tests/archives/v2-chars.db, made by
# tests/archives/make_v2.sh), is never compared with this run's sketches: a lookup in it is
# refused with what to do, and `archive add` makes its sketches, postings and numbers again from
# the stored text; an archive made now says the current version (4 since session 49, s49-fold:
# tests/s49_fold_test.sh) and is used as it is.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
V2="$(dirname "$0")/archives/v2-chars.db"

# the archived text (as make_v2.sh wrote it) and a submission that repeats its first paragraph
# with a few words changed, its second exactly
printf '%s\n\n%s\n' \
  '城东菜市场今天起试行夜间经营，每晚六点到十点，摊主可在划定区域摆摊，市场管理处提醒市民注意交通安全。' \
  '北湖小学的学生们用一个学期记录了校园里二十三种鸟，整理成一本图文并茂的观察手册，在区图书馆展出。' \
  >"$T/pub.txt"
printf '%s\n\n%s\n' \
  '城东菜市场今天起试行夜间经营，每晚六点到十点，摊主可在指定区域摆摊，市场管理处提醒大家注意交通安全。' \
  '北湖小学的学生们用一个学期记录了校园里二十三种鸟，整理成一本图文并茂的观察手册，在区图书馆展出。' \
  >"$T/sub.txt"

# the committed archive is of version 2, with sketches
[ "$(sql "$V2" "SELECT value FROM meta WHERE key = 'sketch'")" = 2 ] && ok || bad "v2-chars.db says sketch = 2"
[ "$(sql "$V2" "SELECT count(*) FROM paragraph WHERE length(sketch) > 0")" = 2 ] && ok || bad "v2-chars.db holds two sketches"

# a lookup in it is refused, naming the file and the command that makes the sketches again;
# nothing is written, and the archive is left as it was
cp "$V2" "$T/old.db"
before=$(sql "$T/old.db" "SELECT hex(sketch) FROM paragraph ORDER BY id")
for cmd in dedup clean lint; do
  expect_exit 2 "$cmd --archive of a version 2 archive" "$QG" $cmd -q --archive "$T/old.db" "$T/sub.txt"
  contains "$T/err" "^qinggao: [^ ]*old.db: the archive's sketches were made by an earlier qinggao, which hashed the character bigrams otherwise \(sketch version 2, this one makes version 4\); .qinggao archive add --archive [^ ]*old.db. makes them again from the stored text \(once\)$" "$cmd: the refusal says what to do"
  [ -s "$T/out" ] && bad "$cmd: a refused lookup wrote output" || ok
done
[ "$(sql "$T/old.db" "SELECT hex(sketch) FROM paragraph ORDER BY id")" = "$before" ] && ok || bad "a refused lookup changed the sketches"
[ "$(sql "$T/old.db" "SELECT value FROM meta WHERE key = 'sketch'")" = 2 ] && ok || bad "a refused lookup changed the version"

# a new archive of the same text: version 4
expect_exit 0 "a new archive" "$QG" archive add -q --archive "$T/new.db" --date 2026-11-30 "$T/pub.txt"
[ "$(sql "$T/new.db" "SELECT value FROM meta WHERE key = 'sketch'")" = 4 ] && ok || bad "a new archive says sketch = 4"
[ "$(sql "$T/new.db" "SELECT hex(sketch) FROM paragraph ORDER BY id")" != "$before" ] && ok || bad "version 4 sketches differ from version 2 ones"
expect_exit 0 "lookup in the new archive" "$QG" dedup -q --archive "$T/new.db" "$T/sub.txt"
contains "$T/out" '"line":1,"duplicate_of":\{"source":"[^"]*pub.txt","line":1,.*"kind":"near","archived":true' "new archive: the near repeat is found"
contains "$T/out" '"line":3,"duplicate_of":\{"source":"[^"]*pub.txt","line":3,.*"kind":"exact","archived":true' "new archive: the exact repeat is found"
cp "$T/out" "$T/new.out"

# archive add with no input makes the old archive's sketches again, once, in one transaction
expect_exit 0 "archive add upgrades" "$QG" archive add --archive "$T/old.db" </dev/null
contains "$T/err" "made the sketches of 2 archived paragraphs again \(sketch version 4" "the upgrade is reported"
[ "$(sql "$T/old.db" "SELECT value FROM meta WHERE key = 'sketch'")" = 4 ] && ok || bad "the upgraded archive says sketch = 4"
for q in "SELECT hex(sketch), simhash, chars FROM paragraph ORDER BY line" \
         "SELECT count(*), sum(token) FROM posting" \
         "SELECT hex(nums) FROM number ORDER BY paragraph"; do
  [ "$(sql "$T/old.db" "$q")" = "$(sql "$T/new.db" "$q")" ] && ok || bad "upgraded = new: $q"
done
expect_exit 0 "archive add again changes nothing" "$QG" archive add --archive "$T/old.db" </dev/null
lacks "$T/err" "made the sketches" "a version 4 archive is not made again"
expect_exit 0 "lookup after the upgrade" "$QG" dedup -q --archive "$T/old.db" "$T/sub.txt"
[ "$(sed 's/"source":"[^"]*"/S/g' "$T/out")" = "$(sed 's/"source":"[^"]*"/S/g' "$T/new.out")" ] && ok || bad "the upgraded archive answers as a new one"
# an add of files to a version 2 archive upgrades it first, then adds
cp "$V2" "$T/old2.db"
printf '%s\n' '西山林场今年秋天补种了一千二百棵银杏和枫树，护林员说三年后这一带的秋色会更好看。' >"$T/more.txt"
expect_exit 0 "archive add of a file to a version 2 archive" "$QG" archive add --archive "$T/old2.db" "$T/more.txt"
contains "$T/err" "made the sketches of 2 archived paragraphs again" "the add upgrades first"
[ "$(sql "$T/old2.db" "SELECT count(*) FROM paragraph")" = 3 ] && ok || bad "the file is added after the upgrade"
[ "$(sql "$T/old2.db" "SELECT hex(sketch) FROM paragraph WHERE line = 1 ORDER BY id LIMIT 1")" = "$(sql "$T/new.db" "SELECT hex(sketch) FROM paragraph WHERE line = 1")" ] && ok || bad "the upgraded sketch equals a new one"

# a version this qinggao does not know (a later one's) is neither looked up nor made again
cp "$T/new.db" "$T/later.db"
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE meta SET value = ? WHERE key = ?", ("5", "sketch")); c.commit()' "$T/later.db"
expect_exit 2 "lookup in a later archive" "$QG" dedup -q --archive "$T/later.db" "$T/sub.txt"
contains "$T/err" "later.db: the archive's sketches are of version 5, made by a later qinggao \(this one makes version 4\); they cannot be compared with this run's" "later: the lookup says why"
expect_exit 2 "add to a later archive" "$QG" archive add -q --archive "$T/later.db" "$T/more.txt"
contains "$T/err" "later.db: the archive's sketches are of version 5, made by a later qinggao \(this one makes version 4\); it is left as it is" "later: the add says why"
[ "$(sql "$T/later.db" "SELECT value FROM meta WHERE key = 'sketch'")" = 5 ] && ok || bad "a later archive is left as it is"
[ "$(sql "$T/later.db" "SELECT count(*) FROM paragraph")" = 2 ] && ok || bad "nothing is added to a later archive"

# word sketches were the same up to version 3, and the fold of version 4 changed them (session
# 49): a words archive that says 2 is refused for lookups, and made again by an add
expect_exit 0 "a words archive" "$QG" archive add -q --near-features words --archive "$T/w.db" "$T/pub.txt"
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE meta SET value = ? WHERE key = ?", ("2", "sketch")); c.commit()' "$T/w.db"
expect_exit 2 "words lookup in a version 2 words archive" "$QG" dedup -q --near-features words --archive "$T/w.db" "$T/sub.txt"
contains "$T/err" "w.db: the archive's sketches were made by an earlier qinggao, which did not fold traditional characters \(sketch version 2, this one makes version 4\)" "a version 2 words archive: the refusal says what to do"
cp "$T/w.db" "$T/w2.db"
expect_exit 0 "archive add upgrades a words archive" "$QG" archive add --near-features words --archive "$T/w2.db" </dev/null
expect_exit 0 "words lookup after the upgrade" "$QG" dedup -q --near-features words --archive "$T/w2.db" "$T/sub.txt"
contains "$T/out" '"line":3,.*"kind":"exact","archived":true' "an upgraded words archive is used"

# …and one of a later version is refused as a character archive is, its version left as it was
# (read-through 47 F2: archive add wrote 3 over it and added to it)
cp "$T/w.db" "$T/wl.db"
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE meta SET value = ? WHERE key = ?", ("5", "sketch")); c.commit()' "$T/wl.db"
expect_exit 2 "add to a later words archive" "$QG" archive add -q --near-features words --archive "$T/wl.db" "$T/more.txt"
[ "$(sql "$T/wl.db" "SELECT value FROM meta WHERE key = 'sketch'")" = 5 ] && ok || bad "a later words archive keeps its version"
[ "$(sql "$T/wl.db" "SELECT count(*) FROM paragraph")" = 2 ] && ok || bad "nothing is added to a later words archive"

finish s47_sketch
