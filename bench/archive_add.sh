#!/bin/bash
# bench/archive_add.sh [--base OLD] [--only KIND] QINGGAO FILE: `archive add` of FILE as one
# text file, of its paragraphs as JSON Lines records of 20 paragraphs, and as text files of 100
# paragraphs each (one `archive add` of their directory), into a new archive each: seconds
# (wall, user, sys), MB/s of input and peak memory (GNU time), and with --base OLD the same for
# another binary, whose archive's rows (sorted dumps, not `added`) must be the new one's.
# --only KIND (text, jsonl or files): that one only (c50 as records: minutes each).
# Wall-clock figures on a shared machine are indicative only.
set -euo pipefail
base="" kinds="text jsonl files"
[ "${1:-}" = --base ] && { base=$2; shift 2; }
[ "${1:-}" = --only ] && { kinds=$2; shift 2; }
QG=$1 in=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/files"
python3 - "$in" "$work/in.jsonl" "$work/files" <<'PY'
import json, sys
ps = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if p.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(0, len(ps), 20):
        f.write(json.dumps({"text": "\n\n".join(ps[i:i + 20])}, ensure_ascii=False) + "\n")
for i in range(0, len(ps), 100):
    with open("%s/f%05d.txt" % (sys.argv[3], i // 100), "w", encoding="utf-8") as f:
        f.write("\n\n".join(ps[i:i + 100]) + "\n")
PY
dump() {
  sqlite3 "$1" "SELECT id, source, digest, date, paragraphs, record_id FROM document ORDER BY id;
    SELECT id, document, line, kind, title, text, exact, simhash, chars, hex(sketch) FROM paragraph ORDER BY id;
    SELECT token, paragraph FROM posting ORDER BY token, paragraph;
    SELECT paragraph, hex(nums) FROM number ORDER BY paragraph; SELECT * FROM meta ORDER BY key;" | md5sum
}
echo "| binary | input | s | user | sys | MB/s | peak MiB | rows md5 |"
echo "|---|---|---|---|---|---|---|---|"
for b in ${base:+"$base"} "$QG"; do
  for kind in $kinds; do
    rm -f "$work/a.db"
    case $kind in
    text) f=$in; args=() ;;
    jsonl) f=$work/in.jsonl; args=(--jsonl) ;;
    files) f=$work/files; args=() ;;
    esac
    /usr/bin/time -o "$work/t" -f '%e %U %S %M' "$b" archive add -q "${args[@]}" --date 2026-12-01 --archive "$work/a.db" "$f"
    read -r e u s m <"$work/t"
    mb=$(echo "$(stat -c %s "$in") / 1000000 / $e" | bc -l)
    printf '| %s | %s | %s | %s | %s | %.2f | %.1f | %s |\n' "$(basename "$b")" "$kind" "$e" "$u" "$s" "$mb" \
      "$(echo "$m / 1024" | bc -l)" "$(dump "$work/a.db" | cut -c1-8)"
  done
done
