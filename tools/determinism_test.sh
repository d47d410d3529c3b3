#!/bin/sh
# tools/determinism_test.sh RACECHECK -- ARGS... [:: ARGS...]...
# The output does not depend on the number of workers: for each racecheck
# command line (groups separated by `::`), runs it with -j 1 and with -j 4
# (the parse workers and the whole-program and check workers), for the
# findings in text and in JSON, and fails when any output (stdout and
# stderr) or exit status differs. Run from the source tree by ctest
# (unit/determinism).
set -u
if [ $# -lt 3 ] || [ "$2" != "--" ]; then
    echo "usage: determinism_test.sh RACECHECK -- ARGS... [:: ARGS...]..." >&2
    exit 2
fi
rc=$1
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
runs=0

# compare LABEL ARGS...: racecheck ARGS with one worker and with four
compare() {
    label=$1
    shift
    "$rc" -j 1 "$@" >"$tmp/one" 2>&1
    s1=$?
    "$rc" -j 4 "$@" >"$tmp/four" 2>&1
    s2=$?
    runs=$((runs + 1))
    if [ "$s1" -gt 1 ]; then
        echo "FAIL $label: racecheck -j 1 exited $s1" >&2
        cat "$tmp/one" >&2
        fail=1
    elif [ "$s1" != "$s2" ] || ! cmp -s "$tmp/one" "$tmp/four"; then
        echo "FAIL $label: output differs between -j 1 and -j 4 (exit $s1 vs $s2):" >&2
        diff -u "$tmp/one" "$tmp/four" | head -40 >&2
        fail=1
    fi
}

check() {
    compare "findings: $*" --db none --no-cache --no-source --color=never --evidence=all "$@"
    compare "json: $*" --db none --no-cache --format=json "$@"
}

args=""
set -- "$@" ::
for a in "$@"; do
    if [ "$a" = "::" ]; then
        # shellcheck disable=SC2086
        [ -n "$args" ] && eval check $args
        args=""
    else
        args="$args '$a'"
    fi
done
[ "$runs" -gt 0 ] || fail=1
echo "determinism_test: $runs comparisons, $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail
