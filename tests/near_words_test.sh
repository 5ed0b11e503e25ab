#!/usr/bin/env bash
# near_words_test.sh QINGGAO: --near-features words (docs/dedup.md): sketches of word bigrams
# of the segmentation instead of character bigrams, for dedup, clean, lint and the archive.
# The paragraphs are our own; the similarities in the comments are what the two features give.
set -u
QG=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/testlib.sh"

orig='东湖区第三届社区运动会昨天在市体育中心开幕，来自全区四十二个社区的一千二百多名居民报名参加了跳绳、拔河、趣味接力等十二个项目的比赛，比赛将持续到本月底。'
# the same clauses in another order (words 0.91, chars 0.94)
reord='比赛将持续到本月底，来自全区四十二个社区的一千二百多名居民报名参加了跳绳、拔河、趣味接力等十二个项目的比赛，东湖区第三届社区运动会昨天在市体育中心开幕。'
# another event written on the same pattern (words 0.17, chars 0.28)
other='西湖区第五届社区文化节昨天在区图书馆开幕，来自全区三十个社区的八百多名居民报名参加了书法、合唱、剪纸等九个项目的展示，活动将持续到下月初。'
# seven words swapped for near-synonyms (昨日, 揭幕, 多位, 参与, 竞赛, 会, 月末): chars 0.68, words 0.52
syn='东湖区第三届社区运动会昨日在市体育中心揭幕，来自全区四十二个社区的一千二百多位居民报名参与了跳绳、拔河、趣味接力等十二个项目的竞赛，比赛会持续到本月末。'
# the words of orig in a random order, but its numerals whole and in their order (a numeral of
# orig split is a name that differs since session 25: docs/dedup.md, identifiers; and no
# character before a 区 that would make a district's name, 报名区: session 26; nor before 湖 a
# lake's, 力湖: session 44, so 湖 stands after 在; nor before 中心 an institution's other than
# orig's, 多中心: session 45, so 中心 stands after 体育)
salad='开幕接力运动第三社区持续四十二市体育中心的社区在湖了报名项目居民等到将会的一千二百趣味绳跳参加十二个月底多来自本东届拔河比赛名昨天个比赛全区。'
two() { printf '%s\n\n%s\n' "$1" "$2" >"$T/$3"; }
two "$orig" "$reord" reord.txt
two "$orig" "$other" other.txt
two "$orig" "$syn" syn.txt
two "$orig" "$salad" salad.txt
two "$orig" "$orig" exact.txt

# must change: a paragraph whose clauses are reordered is a near repeat by its word bigrams
expect_exit 0 "words: reordered" "$QG" dedup -q --near-features words "$T/reord.txt"
contains "$T/out" '^\{"source":"[^"]*reord.txt","line":3,"duplicate_of":\{"source":"[^"]*reord.txt","line":1\},"kind":"near","archived":false,"distance":[0-9]+,"similarity":0\.9[0-9]{2}\}$' "words: the reordered paragraph repeats line 1"
expect_exit 0 "words: clean drops it" "$QG" clean -q -f text --near-features words "$T/reord.txt"
lacks "$T/out" "^比赛将持续到本月底" "words: clean drops the reordered copy"
contains "$T/out" "^东湖区第三届" "words: clean keeps the first"
expect_exit 1 "words: lint reports it" "$QG" lint --near-features words "$T/reord.txt"
contains "$T/out" ':3:1: .*nearly repeats line 1.*\[dup-near\]' "words: lint reports dup-near"
# must not: another paragraph on the same pattern is no repeat, with either features
for f in words chars; do
  expect_exit 0 "$f: other" "$QG" dedup -q --near-features $f "$T/other.txt"
  [ -s "$T/out" ] && bad "$f: a paragraph about another event was reported" || ok
done
# the option changes the outcome: near-synonyms in seven places keep the characters' bigrams
# above the threshold, not the words' (a word changed breaks two word bigrams)
expect_exit 0 "chars: synonyms" "$QG" dedup -q "$T/syn.txt"
contains "$T/out" '"line":3,"duplicate_of":\{"source":"[^"]*syn.txt","line":1\},"kind":"near".*"similarity":0\.6[5-9][0-9]' "chars: the rewrite is a near repeat"
expect_exit 0 "words: synonyms" "$QG" dedup -q --near-features words "$T/syn.txt"
[ -s "$T/out" ] && bad "words: the rewrite with seven words changed was reported" || ok
# word order matters to words: the same words shuffled share character bigrams inside the
# words, hardly any word bigram
expect_exit 0 "chars: salad" "$QG" dedup -q --near-threshold 0.2 "$T/salad.txt"
contains "$T/out" '"line":3,.*"kind":"near"' "chars at 0.2: the shuffled words are a near repeat"
expect_exit 0 "words: salad" "$QG" dedup -q --near-threshold 0.2 --near-features words "$T/salad.txt"
[ -s "$T/out" ] && bad "words at 0.2: the shuffled words were reported" || ok
# exact repeats do not depend on the features
expect_exit 0 "words: exact" "$QG" dedup -q --near-features words "$T/exact.txt"
contains "$T/out" '"line":3,"duplicate_of":\{"source":"[^"]*exact.txt","line":1\},"kind":"exact"' "words: an exact repeat is exact"
# a bad value
expect_exit 2 "bad features" "$QG" dedup --near-features letters "$T/reord.txt"
contains "$T/err" "unknown value 'letters' for --near-features \(one of: chars words\)" "bad value message"

# the archive holds one kind of sketch, recorded in its meta table
printf '%s\n' "$orig" >"$T/orig.txt"
printf '%s\n' "$reord" >"$T/reord1.txt"
expect_exit 0 "archive add words" "$QG" archive add -q --near-features words --archive "$T/w.db" "$T/orig.txt"
[ "$(sql "$T/w.db" "SELECT value FROM meta WHERE key = 'features'")" = words ] && ok || bad "the words archive says features = words"
expect_exit 0 "words lookup" "$QG" dedup -q --near-features words --archive "$T/w.db" "$T/reord1.txt"
# word sketches were the same in sketch versions 1 to 3; the fold of version 4 (session 49)
# changed them: an older words archive is refused, and archive add makes it again
cp "$T/w.db" "$T/w1.db"
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM meta WHERE key = ?", ("sketch",)); c.commit()' "$T/w1.db"
expect_exit 2 "words lookup in a version 1 archive" "$QG" dedup -q --near-features words --archive "$T/w1.db" "$T/reord1.txt"
contains "$T/err" "w1.db: the archive's sketches were made by an earlier qinggao, which did not fold traditional characters \(sketch version 1, this one makes version 4\)" "a version 1 words archive is refused with what to do"
contains "$T/err" 'archive add --archive [^ ]*w1\.db --near-features words` makes them again' "the words archive's upgrade command names --near-features words (review 49 L3)"
expect_exit 0 "archive add makes a version 1 words archive again" "$QG" archive add -q --near-features words --archive "$T/w1.db" </dev/null
expect_exit 0 "words lookup in the upgraded archive" "$QG" dedup -q --near-features words --archive "$T/w1.db" "$T/reord1.txt"
contains "$T/out" '"kind":"near","archived":true' "the upgraded words archive is used"
contains "$T/out" '"duplicate_of":\{"source":"[^"]*orig.txt","line":1,.*"kind":"near","archived":true' "words: the archived paragraph is found"
expect_exit 2 "chars lookup in a words archive" "$QG" dedup -q --archive "$T/w.db" "$T/reord1.txt"
contains "$T/err" "w.db: the archive holds sketches of word bigrams \(made with --near-features words\); this run uses character bigrams \(--near-features chars\)" "mismatch message"
[ -s "$T/out" ] && bad "a refused lookup wrote records" || ok
expect_exit 2 "clean with a mismatched archive" "$QG" clean -q --archive "$T/w.db" "$T/reord1.txt"
expect_exit 2 "chars add to a words archive" "$QG" archive add -q --archive "$T/w.db" "$T/reord1.txt"
[ "$(sql "$T/w.db" "SELECT count(*) FROM paragraph")" = 1 ] && ok || bad "a refused add added paragraphs"
expect_exit 0 "archive add chars" "$QG" archive add -q --archive "$T/c.db" "$T/orig.txt"
[ "$(sql "$T/c.db" "SELECT value FROM meta WHERE key = 'features'")" = chars ] && ok || bad "a new archive says features = chars"
expect_exit 2 "words lookup in a chars archive" "$QG" dedup -q --near-features words --archive "$T/c.db" "$T/reord1.txt"
contains "$T/err" "holds sketches of character bigrams \(made with --near-features chars\)" "mismatch message, the other way"
# lint takes the features and the threshold from .qinggao.ini ([lint] near-features,
# near-threshold); the command line overrides them
mkdir -p "$T/desk"
printf '%s\n' "$reord" >"$T/desk/a.txt"
printf '[lint]\narchive = ../w.db\n' >"$T/desk/.qinggao.ini"
expect_exit 2 "lint: words archive from the config, chars run" "$QG" lint "$T/desk/a.txt"
contains "$T/err" "w.db: the archive holds sketches of word bigrams" "lint: the mismatch is refused before the run"
[ -s "$T/out" ] && bad "lint printed findings before refusing the archive" || ok
printf '[lint]\narchive = ../w.db\nnear-features = words\n' >"$T/desk/.qinggao.ini"
expect_exit 1 "lint: near-features = words in the config" "$QG" lint "$T/desk/a.txt"
contains "$T/out" "a.txt:1:1: error: paragraph was published before: [^ ]*orig.txt line 1 \([0-9-]+\), similarity 0.9[0-9] \[dup-archive\]" "lint: the words archive is used with word features"
expect_exit 2 "lint: --near-features chars overrides the config" "$QG" lint --near-features chars "$T/desk/a.txt"
# the threshold: syn is 0.68 by characters from orig; the config's 0.7 misses it, 0.65 finds it
printf '%s\n\n%s\n' "$orig" "$syn" >"$T/desk/s.txt"
printf '[lint]\nnear-threshold = 0.7\n' >"$T/desk/.qinggao.ini"
expect_exit 0 "lint: near-threshold = 0.7 in the config" "$QG" lint -q "$T/desk/s.txt"
lacks "$T/out" "dup-near" "lint: 0.68 is under the config's threshold"
expect_exit 1 "lint: --near-threshold 0.65 overrides the config" "$QG" lint -q --near-threshold 0.65 "$T/desk/s.txt"
contains "$T/out" "s.txt:3:1: error: paragraph nearly repeats line 1 \(similarity 0.6[0-9]\): clean drops it \[dup-near\]" "lint: the command line's threshold wins"
printf '[lint]\nnear-threshold = 0.6\n' >"$T/desk/.qinggao.ini"
expect_exit 1 "lint: near-threshold = 0.6 in the config" "$QG" lint -q "$T/desk/s.txt"
contains "$T/out" "dup-near" "lint: the config's lower threshold finds it"
printf '[lint]\nnear-threshold = 1.5\n' >"$T/desk/.qinggao.ini"
expect_exit 2 "lint: a bad near-threshold" "$QG" lint "$T/desk/s.txt"
contains "$T/err" "desk/.qinggao.ini:2:18: near-threshold must be a number from 0 to 1, not '1.5'" "lint: bad threshold message"
printf '[lint]\nnear-features = letters\n' >"$T/desk/.qinggao.ini"
expect_exit 2 "lint: bad near-features" "$QG" lint "$T/desk/s.txt"
contains "$T/err" "desk/.qinggao.ini:2:17: near-features must be chars or words, not 'letters'" "lint: bad features message"

# an archive made before the option (no features entry) holds character bigrams
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM meta WHERE key = ?", ("features",)); c.commit()' "$T/c.db"
expect_exit 0 "old archive, chars" "$QG" dedup -q --archive "$T/c.db" "$T/reord1.txt"
contains "$T/out" '"kind":"near","archived":true' "an old archive is read as chars"
expect_exit 2 "old archive, words" "$QG" dedup -q --near-features words --archive "$T/c.db" "$T/reord1.txt"
contains "$T/err" "made with --near-features chars, the default" "an old archive: chars, the default"

finish near_words
