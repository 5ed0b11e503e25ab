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
finish() { # [name]
  echo "${1:+$1: }$pass passed, $fail failed"
  [ "$fail" = 0 ]
}
