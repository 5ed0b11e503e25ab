#!/bin/bash
# The qinggao program linked against its dependencies' static archives (QG_STATIC_DEPS, when
# every archive was found): it needs no shared library but the C library's own, and jemalloc's
# archive is the malloc it runs on (a static jemalloc that did not take over malloc would be
# linked for nothing). With the C library static too (QG_STATIC_PIE, when the toolchain links
# a static-pie program): no shared library at all, no dynamic loader, and still position
# independent (the kernel places it at a random address).
# With its own entry (cli/start.c, QG_PREFAULT_ENTRY): the program's first system call makes its
# writable segment private in one call, before the C library relocates it; with its table of hot
# ranges filled from the link map (MAP, session 37), its next calls map those ranges in.
#   bash tests/static_link_test.sh QINGGAO WITH_JEMALLOC(0|1) STATIC_PIE(0|1) ENTRY(0|1) [MAP]
set -u
QG=$1 JE=$2 PIE=${3:-0} ENTRY=${4:-0} MAP=${5:-}
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# waiting_job: `clean` of its standard input, a pipe held open by descriptor 9, so it waits there
# (pid: its process); end_job ends it
waiting_job() {
  rm -f "$T/in" && mkfifo "$T/in"
  "$QG" clean -q -f text <"$T/in" >/dev/null &
  pid=$!
  exec 9>"$T/in"
}
end_job() { kill "$pid" 2>/dev/null; exec 9>&-; wait "$pid" 2>/dev/null; }

needed=$(readelf -d "$QG" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
if [ "$PIE" = 1 ]; then
  [ -z "$needed" ] && ok "needs no shared library" || bad "a static-pie program needs $needed"
  readelf -l "$QG" | grep -q 'INTERP' && bad "has a program interpreter (dynamic loader)" ||
    ok "no program interpreter"
  readelf -h "$QG" | grep -q 'Type:.*DYN' && ok "position independent (ELF type DYN)" ||
    bad "not position independent: $(readelf -h "$QG" | grep 'Type:')"
  # two runs are placed at different addresses (address randomization kept), unless the
  # kernel has it switched off: the program's first mapping, read while it waits on its input
  if [ "$(cat /proc/sys/kernel/randomize_va_space 2>/dev/null)" != 0 ]; then
    base() {
      local m="" i
      waiting_job
      for i in $(seq 100); do
        m=$(grep -m1 -F "$(readlink -f "$QG")" "/proc/$pid/maps" 2>/dev/null | cut -d- -f1)
        [ -n "$m" ] && break
        sleep 0.05
      done
      end_job
      echo "$m"
    }
    a=$(base) b=$(base)
    [ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ] && ok "placed at random addresses ($a, $b)" ||
      bad "the same address twice or none read: '$a' '$b'"
  fi
  if [ "$ENTRY" = 1 ]; then
    # the ELF entry is qg_entry, not the C library's _start
    entry=$(readelf -h "$QG" | sed -n 's/.*Entry point address: *0x0*\([0-9a-f]*\).*/\1/p')
    sym=$(nm "$QG" | sed -n 's/^0*\([0-9a-f]*\) [Tt] qg_entry$/\1/p')
    [ -n "$entry" ] && [ "$entry" = "$sym" ] && ok "the entry is qg_entry (0x$entry)" ||
      bad "the entry (0x$entry) is not qg_entry (0x$sym)"
    # its first system call: madvise(MADV_POPULATE_WRITE) of the writable segment's file part,
    # the length readelf gives (page-rounded from its start to the end of its file size); a
    # kernel before 5.14 answers EINVAL, and the program goes on
    if command -v strace >/dev/null; then
      read -r v f < <(readelf -lW "$QG" | awk '$1 == "LOAD" && $7 ~ /W/ { print $3, $5; exit }')
      len=$(( ((v + f + 4095) & ~4095) - (v & ~4095) ))
      first=$(strace -o /dev/stdout "$QG" --version 2>/dev/null | grep -v '^execve(' | head -1)
      case $first in
        "madvise(0x"*", $len, MADV_POPULATE_WRITE) = 0"*|"madvise(0x"*", $len, MADV_POPULATE_WRITE) = -1 EINVAL"*)
          ok "first system call: $first" ;;
        *) bad "the first system call is not madvise(…, $len, MADV_POPULATE_WRITE): $first" ;;
      esac
      # then one madvise(MADV_POPULATE_READ) a hot range, as many as the table holds, each
      # answered 0 (or EINVAL, as the first), before any other system call
      if [ -n "$MAP" ]; then
        if out=$(python3 "$(dirname "$0")/../tools/hot_ranges.py" --check "$MAP" "$QG"); then
          ok "the table holds the hot ranges of the link map ($out)"
        else
          bad "the table of hot ranges does not match the link map"
        fi
        n=$(python3 -c '
import struct, subprocess, sys
sys.path.insert(0, sys.argv[1]); import hot_ranges as h
f = open(sys.argv[2], "rb"); f.seek(h.table_offset(sys.argv[2])); print(struct.unpack("<2I", f.read(8))[1])
' "$(dirname "$0")/../tools" "$QG")
        calls=$(strace -o /dev/stdout "$QG" --version 2>/dev/null | grep -v '^execve(' | sed -n '2,$p' |
          awk '/^madvise\(0x[0-9a-f]+, [0-9]+, MADV_POPULATE_READ\) = (0|-1 EINVAL)/ { n++; next } { exit } END { print n + 0 }')
        [ "$n" -gt 0 ] && [ "$calls" = "$n" ] &&
          ok "then $calls calls of madvise(MADV_POPULATE_READ), one a hot range" ||
          bad "the table holds $n hot ranges, and $calls calls of madvise(MADV_POPULATE_READ) follow the first"
      fi
    else
      echo "skip: no strace (the entry's system call not checked)"
    fi
  fi
else
  [ -n "$needed" ] || bad "readelf lists no NEEDED library (not a dynamic program?)"
  for lib in $needed; do
    case $lib in
      libc.so.*|libm.so.*|libgcc_s.so.*|ld-linux*|libpthread.so.*|libdl.so.*) ;;
      *) bad "needs $lib (a dependency left shared)" ;;
    esac
  done
  [ $fail = 0 ] && ok "needs only the C library's own: $needed"
fi

# it runs, and its ICU data is the archive's (a normalization that needs it)
out=$(printf '测试,文本.\n' | "$QG" clean -f text -q) || bad "clean failed"
[ "$out" = "测试，文本。" ] && ok "clean runs: $out" || bad "clean gave '$out'"
ver=$("$QG" --version)
echo "$ver" | grep -q '^ICU [0-9]' && ok "ICU linked: $(echo "$ver" | grep '^ICU')" || bad "no ICU version"

if [ "$JE" = 1 ]; then
  stats=$(printf '测试\n' | MALLOC_CONF=stats_print:true "$QG" clean -f text -q 2>&1 >/dev/null)
  echo "$stats" | grep -q "Begin jemalloc statistics" && ok "jemalloc is the malloc" ||
    bad "MALLOC_CONF=stats_print printed no jemalloc statistics: malloc is not jemalloc's"
  # the compiled-in settings (cli/main.c malloc_conf): huge pages asked for, lint's decay
  echo "$stats" | grep -q 'opt.thp: "always"' && ok "jemalloc asks for huge pages (thp:always)" ||
    bad "jemalloc's opt.thp is not \"always\": malloc_conf in cli/main.c not applied"
  echo "$stats" | grep -q 'opt.dirty_decay_ms: 1000' && ok "compiled-in dirty decay 1000 ms" ||
    bad "jemalloc's opt.dirty_decay_ms is not 1000"
  # huge pages for a small job only (cli/main.c cli_heap_for_job): plain regular files of 1 MiB
  # or less in all; refused for more, for standard input and for compressed files
  printf '测试,文本.\n' >"$T/small.txt"
  head -c 1048576 /dev/zero | tr '\0' 'a' >"$T/mib.txt"
  head -c 1048577 /dev/zero | tr '\0' 'a' >"$T/big.txt"
  gzip -c "$T/small.txt" >"$T/small.txt.gz"
  heap() { # expected description command...
    local want=$1 what=$2 got; shift 2
    got=$(QINGGAO_TEST_HEAP=1 "$@" 2>&1 >/dev/null </dev/null | grep '^qinggao: huge pages' | head -1)
    [ "$got" = "qinggao: huge pages $want" ] && ok "$what: $want" || bad "$what: '$got', expected $want"
  }
  heap allowed "lint of one small file" "$QG" lint "$T/small.txt"
  heap allowed "clean of two small files" "$QG" clean -q -f text "$T/small.txt" "$T/small.txt"
  heap allowed "clean of exactly 1 MiB" "$QG" clean -q -f text "$T/mib.txt"
  heap refused "clean of 1 MiB and a byte" "$QG" clean -q -f text "$T/big.txt"
  heap refused "two files past 1 MiB in all" "$QG" lint "$T/mib.txt" "$T/small.txt"
  heap refused "a gzipped file" "$QG" clean -q -f text "$T/small.txt.gz"
  mkdir "$T/dir" && cp "$T/small.txt" "$T/dir/"
  heap refused "a directory (decided from the arguments, before any walk)" "$QG" lint "$T/dir"
  heap refused "standard input" bash -c 'printf "测试\n" | QINGGAO_TEST_HEAP=1 "$0" lint -' "$QG"
  # refused means no huge page at all, those of the heap's first chunks too: the C library's
  # start allocates before any constructor, so a static-pie program decides in its wrapper of
  # __libc_init_first (review 35b: 4 to 6 MiB of huge pages kept, peak RSS +2.6 to +5.2 MiB).
  # Read while the job waits on its standard input (refused), where the kernel gives huge pages.
  if grep -q '\[always\]\|\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
    waiting_job
    for i in $(seq 100); do grep -q AnonHugePages "/proc/$pid/smaps_rollup" 2>/dev/null && break; sleep 0.05; done
    sleep 0.3
    ahp=$(sed -n 's/^AnonHugePages: *\([0-9]*\) kB/\1/p' "/proc/$pid/smaps_rollup" 2>/dev/null)
    end_job
    [ "$ahp" = 0 ] && ok "a refused job holds no huge page (AnonHugePages 0 kB)" ||
      bad "a refused job (standard input) holds ${ahp:-?} kB of huge pages"
  fi
  heap refused "archive add of more than 1 MiB" "$QG" archive add -q --archive "$T/a.db" "$T/big.txt"
  # an archive's size does not count: lint --archive of one article is the CI job
  cp "$T/a.db" "$T/big.db" && truncate -s 3M "$T/big.db" # (SQLite reads the pages its header counts)
  heap allowed "lint --archive (3 MB) of one small file" "$QG" lint --archive "$T/big.db" "$T/small.txt"
  heap allowed "lint --archive=(3 MB) of one small file" "$QG" lint --archive="$T/big.db" "$T/small.txt"
fi
# a limit of address space (ulimit -v): a run either works or says why, never dies of a signal
# (session 38: from about 60 to 72 MB, -j 2 crashed in jemalloc as a worker made its arena; the
# process now keeps one arena, and a worker whose 8 MiB stack cannot be mapped gets 1 MiB). Below
# about 52 MB the C library's own start fails in malloc, before the program runs: not tried here.
if [ "$JE" = 1 ] && [ "$PIE" = 1 ]; then
  printf '今天天气很好,我们去公园.\n' >"$T/v1.txt"; printf '明天也很好,我们去爬山.\n' >"$T/v2.txt"
  for v in 60000 64000 68000 72000 76000 80000; do
    (ulimit -v $v; exec "$QG" clean -f text -j 2 "$T/v1.txt" "$T/v2.txt") >"$T/v.out" 2>"$T/v.err"; rc=$?
    if [ $rc = 0 ] && grep -q '今天天气很好，我们去公园。' "$T/v.out"; then ok "ulimit -v $v: clean -j 2 of two files"
    elif [ $rc -lt 128 ] && [ $rc != 0 ] && grep -q '^qinggao: ' "$T/v.err"; then ok "ulimit -v $v: exit $rc, said: $(head -n1 "$T/v.err")"
    else bad "ulimit -v $v: clean -j 2 exit $rc: $(head -c 200 "$T/v.err")"; fi
  done
  # a run that stops out of memory at one input says so in its summary: that input failed, and
  # the inputs after it were not cleaned (session 39: it said "2 files, 0 failed", and nothing
  # of the third). A paragraph of 40 MB on one line needs more than 90 MB.
  head -c 40000000 /dev/zero | tr '\0' 'a' >"$T/big.txt"; echo >>"$T/big.txt"
  for j in 1 2; do
    (ulimit -v 90000; exec "$QG" clean -f text -j $j "$T/v1.txt" "$T/big.txt" "$T/v2.txt") >"$T/v.out" 2>"$T/v.err"; rc=$?
    if [ $rc = 3 ] && grep -q 'big.txt: out of memory' "$T/v.err" \
       && grep -q 'clean: 2 files, 1 failed;.*; the run stopped there: 1 more file not cleaned;' "$T/v.err" \
       && grep -q '^qinggao: failed: .*big.txt$' "$T/v.err" && grep -q '今天天气很好，我们去公园。' "$T/v.out"; then
      ok "ulimit -v 90000, -j $j: out of memory at the second of three files, said in the summary"
    else bad "ulimit -v 90000, -j $j: exit $rc: $(tail -c 400 "$T/v.err")"; fi
  done
fi
exit $fail
