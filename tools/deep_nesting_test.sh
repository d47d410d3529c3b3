#!/bin/sh
# tools/deep_nesting_test.sh RACECHECK - the C front end survives code nested
# deeper than its stack (issue 14, item 1).
#
# Generates, in a temporary folder, a racy main.c and units nested too deep
# for an ordinary 8 MiB stack: g(**...*job) with 2000 `*` (which killed the
# whole run, exit 139), 3000 chained `else if` parsed on a 1 MiB stack (so the
# crash-recovery path runs without clang's quadratic cost of 10 000 of them),
# and 2 MB of chained unary operators (too deep even for the 512 MiB parse
# stack). Checks that every run reports main.c's race, names each unit that
# crashed, and exits 2 when one did (1: findings only).
set -u
rc=${1:?usage: deep_nesting_test.sh RACECHECK}
dir=$(mktemp -d "${TMPDIR:-/tmp}/deep_nesting.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
cat >"$dir/main.c" <<'C'
#include <pthread.h>
int counter;
static void *worker(void *a) { counter++; return a; }
int main(void) { pthread_t t; pthread_create(&t, 0, worker, 0); counter++; pthread_join(t, 0); return 0; }
C
# the shapes, with awk (no python needed)
awk 'BEGIN { printf "void g(int); void f(int *job) { g("; for (i = 0; i < 2000; i++) printf "*"; print "job); }" }' \
    >"$dir/stars.c"
awk 'BEGIN { print "int f(int x) {"; print " if (x == 0) return 0;";
             for (i = 1; i < 3000; i++) printf " else if (x == %d) return %d;\n", i, i; print " return -1; }" }' \
    >"$dir/elseif.c"
awk 'BEGIN { printf "int g(int); int f(int x) { return g("; for (i = 0; i < 700000; i++) printf "!-~"; print "x); }" }' \
    >"$dir/unary.c"

fail=0
# run EXPECTED_EXIT CRASHED_UNITS... -- ENV... : racecheck on main.c and the
# deep units, with the given environment
check() {
    want=$1
    shift
    crashed=""
    while [ "$1" != "--" ]; do crashed="$crashed $1"; shift; done
    shift
    # a crashed parse leaves libclang's memory for it allocated (parse.c):
    # LeakSanitizer, in the AddressSanitizer build, must not count it
    env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@" "$rc" -q --db none --no-cache -j 2 "$dir/main.c" "$dir/stars.c" "$dir/elseif.c" "$dir/unary.c" \
        >"$dir/out" 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "deep_nesting: FAIL ($*): exit $got, expected $want"; fail=1
    fi
    if ! grep -q "main.c:3:.*data race on 'counter'" "$dir/out"; then
        echo "deep_nesting: FAIL ($*): main.c's race is not reported"; fail=1
    fi
    for u in $crashed; do
        if ! grep -q "$u: error: the C front end crashed on this unit" "$dir/out"; then
            echo "deep_nesting: FAIL ($*): no crash diagnostic for $u"; fail=1
        fi
    done
    n=$(grep -c 'the C front end crashed on this unit' "$dir/out")
    set -- $crashed
    if [ "$n" -ne $# ]; then
        echo "deep_nesting: FAIL: $n units reported crashed, expected $#"; fail=1
    fi
    if [ "$fail" -ne 0 ]; then cat "$dir/out"; exit 1; fi
}
# the default stack: stars.c and elseif.c parse; unary.c crashes, recovered
check 2 unary.c -- RACECHECK_DB=none
# a 1 MiB stack: every deep unit crashes, one by one, and the run goes on
check 2 stars.c elseif.c unary.c -- RACECHECK_PARSE_STACK_MIB=1
echo "deep_nesting: ok"
