#!/bin/sh
# tools/suppress_scan_test.sh RACECHECK - the racecheck-ignore scanner takes
# time linear in the source (issue 14.5; ctest gives it a 60 s timeout).
#
# a.c: a race whose line carries 200 000 directives (the quadratic scanner
# took 13 s for 40 000), then 200 000 lines that each open a block comment
# holding a directive, never closed (3.5 s for 40 000). The race must be
# suppressed (the first directive applies); the unterminated comment is a
# parse error, after the functions.
set -u
rc=${1:?usage: suppress_scan_test.sh RACECHECK}
dir=$(mktemp -d "${TMPDIR:-/tmp}/suppress_scan.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
awk 'BEGIN {
  print "#include <pthread.h>"; print "int counter;";
  printf "static void *worker(void *a) { counter++; return a; } //";
  for (i = 0; i < 200000; i++) printf " racecheck-ignore[data-race]: r%d", i;
  print "";
  print "int main(void) { pthread_t t; pthread_create(&t, 0, worker, 0); counter++; pthread_join(t, 0); return 0; }"
  for (i = 0; i < 200000; i++) print "/* racecheck-ignore[data-race]: open";
}' >"$dir/a.c"
"$rc" -q --no-cache --db none --show-suppressed "$dir/a.c" >"$dir/out" 2>&1
status=$?
fail=0
# exit 0: the race is suppressed, the parse error is no finding
[ "$status" -eq 0 ] || { echo "suppress_scan: FAIL: exit $status, expected 0"; fail=1; }
grep -q "r0" "$dir/out" || { echo "suppress_scan: FAIL: the race is not shown as suppressed by the first directive"; fail=1; }
[ "$fail" -eq 0 ] || { head -c 3000 "$dir/out"; exit 1; }
echo "suppress_scan: ok"
