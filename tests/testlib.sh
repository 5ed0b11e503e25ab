# testlib.sh: what the shell tests share. Source it after setting T (the test's temporary
# directory); each check counts into pass/fail, and `finish` prints the tally and gives the
# test's exit status.
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
expect_exit() { # expected-code description command...: stdout to $T/out, stderr to $T/err
  local want=$1 what=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, expected $want"; head -c 800 "$T/err" >&2; fi
}
contains() { # file pattern description (an extended regular expression)
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; head -c 800 "$1" >&2; fi
}
lacks() { # file pattern description
  if grep -qE -- "$2" "$1"; then bad "$3: '$2' in $1"; grep -E -- "$2" "$1" | head -3 >&2; else ok; fi
}
page_tree() { # src dir: the test pages and samples of the source tree src in dir, nested
  # (dir/*.txt, dir/a/, dir/a/deep/, dir/b/ with a gzipped page); the batch tests add theirs
  mkdir -p "$2/a/deep" "$2/b"
  cp "$1"/tests/pages/0[1-4]*.txt "$2/"
  cp "$1"/tests/pages/0[5-8]*.txt "$2/a/"
  cp "$1"/tests/pages/09*.txt "$2/a/deep/"
  cp "$1"/samples/page1.txt "$2/b/page1.txt"
  gzip -c "$1/samples/page2-wrapped.txt" >"$2/b/page2.txt.gz"
}
sql() { # database query: its rows, one a line, columns joined by |
  python3 -c 'import sqlite3,sys; print("\n".join("|".join(map(str,r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))' "$@"
}
finish() { # [name]
  echo "${1:+$1: }$pass passed, $fail failed"
  [ "$fail" = 0 ]
}
