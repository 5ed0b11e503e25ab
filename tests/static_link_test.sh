#!/bin/bash
# The qinggao program linked against its dependencies' static archives (QG_STATIC_DEPS, when
# every archive was found): it needs no shared library but the C library's own, and jemalloc's
# archive is the malloc it runs on (a static jemalloc that did not take over malloc would be
# linked for nothing).
#   bash tests/static_link_test.sh QINGGAO WITH_JEMALLOC(0|1)
set -u
QG=$1 JE=$2
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

needed=$(readelf -d "$QG" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
[ -n "$needed" ] || bad "readelf lists no NEEDED library (not a dynamic program?)"
for lib in $needed; do
  case $lib in
    libc.so.*|libm.so.*|libgcc_s.so.*|ld-linux*|libpthread.so.*|libdl.so.*) ;;
    *) bad "needs $lib (a dependency left shared)" ;;
  esac
done
[ $fail = 0 ] && ok "needs only the C library's own: $needed"

# it runs, and its ICU data is the archive's (a normalization that needs it)
out=$(printf '测试,文本.\n' | "$QG" clean -f text -q) || bad "clean failed"
[ "$out" = "测试，文本。" ] && ok "clean runs: $out" || bad "clean gave '$out'"
ver=$("$QG" --version)
echo "$ver" | grep -q '^ICU [0-9]' && ok "ICU linked: $(echo "$ver" | grep '^ICU')" || bad "no ICU version"

if [ "$JE" = 1 ]; then
  stats=$(printf '测试\n' | MALLOC_CONF=stats_print:true "$QG" clean -f text -q 2>&1 >/dev/null)
  echo "$stats" | grep -q "Begin jemalloc statistics" && ok "jemalloc is the malloc" ||
    bad "MALLOC_CONF=stats_print printed no jemalloc statistics: malloc is not jemalloc's"
fi
exit $fail
