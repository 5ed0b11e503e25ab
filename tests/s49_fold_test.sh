#!/usr/bin/env bash
# s49_fold_test.sh QINGGAO: sketch version 4 (session 49, s49-fold: traditional characters folded
# for the fingerprint, probe 48 M3; docs/dedup.md "Session 49 (s49-fold)"). An archive of version
# 3, made by session 48's qinggao from copy in traditional characters (tests/archives/v3-chars.db,
# made by tests/archives/make_v3.sh), is never compared with this run's fingerprints: a lookup in
# it is refused with what to do, and `archive add` makes its exact hashes, sketches, postings and
# numbers again from the stored text; then the same copy in simplified characters is found, one
# paragraph as an exact repeat and one as a near repeat.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"
V3="$(dirname "$0")/archives/v3-chars.db"

# the archived text (as make_v3.sh wrote it, traditional) and a submission in simplified
# characters: its first paragraph the same text, its second with a word changed
printf '%s\n\n%s\n' \
  '西山林場今年秋天補種了一千二百棵銀杏和楓樹，護林員說三年後這一帶的秋色會更好看。' \
  '城北圖書館週末延長開放時間到晚上九點，自習區新增了六十個座位，讀者可以在網上預約。' \
  >"$T/pub.txt"
printf '%s\n\n%s\n' \
  '西山林场今年秋天补种了一千二百棵银杏和枫树，护林员说三年后这一带的秋色会更好看。' \
  '城北图书馆周末延长开放时间到晚上九点，自习区增加了六十个座位，读者可以在网上预约。' \
  >"$T/sub.txt"

[ "$(sql "$V3" "SELECT value FROM meta WHERE key = 'sketch'")" = 3 ] && ok || bad "v3-chars.db says sketch = 3"
[ "$(sql "$V3" "SELECT count(*) FROM paragraph WHERE length(sketch) > 0")" = 2 ] && ok || bad "v3-chars.db holds two sketches"

# a lookup in it is refused (session 48's qinggao found nothing in it: silent misses), naming the
# file and the command; nothing is written
cp "$V3" "$T/old.db"
before=$(sql "$T/old.db" "SELECT exact, hex(sketch) FROM paragraph ORDER BY id")
for cmd in dedup clean lint; do
  expect_exit 2 "$cmd --archive of a version 3 archive" "$QG" $cmd -q --archive "$T/old.db" "$T/sub.txt"
  contains "$T/err" "^qinggao: [^ ]*old.db: the archive's sketches were made by an earlier qinggao, which did not fold traditional characters \(sketch version 3, this one makes version 4\); .qinggao archive add --archive [^ ]*old.db. makes them again from the stored text \(once\)$" "$cmd: the refusal says what to do"
  [ -s "$T/out" ] && bad "$cmd: a refused lookup wrote output" || ok
done
[ "$(sql "$T/old.db" "SELECT exact, hex(sketch) FROM paragraph ORDER BY id")" = "$before" ] && ok || bad "a refused lookup changed the archive"

# a new archive of the traditional text: version 4, another exact hash and sketch than version 3's
expect_exit 0 "a new archive" "$QG" archive add -q --archive "$T/new.db" --date 2026-12-01 "$T/pub.txt"
[ "$(sql "$T/new.db" "SELECT value FROM meta WHERE key = 'sketch'")" = 4 ] && ok || bad "a new archive says sketch = 4"
[ "$(sql "$T/new.db" "SELECT exact, hex(sketch) FROM paragraph ORDER BY id")" != "$before" ] && ok || bad "version 4 fingerprints differ from version 3 ones"

# archive add with no input makes them again, exact hashes too: the result equals the new archive
expect_exit 0 "archive add upgrades" "$QG" archive add --archive "$T/old.db" </dev/null
contains "$T/err" "made the sketches of 2 archived paragraphs again \(sketch version 4.*traditional characters folded since version 4\)" "the upgrade is reported"
[ "$(sql "$T/old.db" "SELECT value FROM meta WHERE key = 'sketch'")" = 4 ] && ok || bad "the upgraded archive says sketch = 4"
for q in "SELECT exact, hex(sketch), simhash, chars FROM paragraph ORDER BY line" \
         "SELECT count(*), sum(token) FROM posting" \
         "SELECT hex(nums) FROM number ORDER BY paragraph"; do
  [ "$(sql "$T/old.db" "$q")" = "$(sql "$T/new.db" "$q")" ] && ok || bad "upgraded = new: $q"
done

# the simplified submission is found in both: line 1 exact, line 3 near
for db in old new; do
  expect_exit 0 "lookup in the $db archive" "$QG" dedup -q --archive "$T/$db.db" "$T/sub.txt"
  contains "$T/out" '"line":1,"duplicate_of":\{"source":"[^"]*pub.txt","line":1,.*"kind":"exact","archived":true' "$db: the paragraph in simplified characters is an exact repeat"
  contains "$T/out" '"line":3,"duplicate_of":\{"source":"[^"]*pub.txt","line":3,.*"kind":"near","archived":true' "$db: the edited one is a near repeat"
done
expect_exit 1 "lint after the upgrade" "$QG" lint -q --archive "$T/old.db" "$T/sub.txt"
contains "$T/out" "sub.txt:1:1: error: paragraph was published before: [^ ]*pub.txt line 1" "lint reports the exact repeat"

# re-adding the traditional file adds nothing (its paragraphs are known by their folded hashes)
expect_exit 0 "the same file again" "$QG" archive add -q --archive "$T/old.db" "$T/pub.txt"
[ "$(sql "$T/old.db" "SELECT count(*) FROM paragraph")" = 2 ] && ok || bad "nothing is added twice"

finish s49_fold
