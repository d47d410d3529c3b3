#!/bin/sh
# tools/ir_roundtrip_test.sh RACECHECK -- ARGS... [:: ARGS...]...
# The IR serializer on real lowering: for each racecheck command line (groups
# separated by `::`), runs it as usual and with RACECHECK_IR_ROUNDTRIP=1 (every
# unit's IR replaced by its serialized-and-read-back copy, ir/serialize.h),
# once for the findings (text, then JSON) and once with --dump-ir, and fails
# when any output (stdout and stderr) or exit status differs. Run from the
# source tree by ctest (ir/roundtrip).
set -u
if [ $# -lt 3 ] || [ "$2" != "--" ]; then
    echo "usage: ir_roundtrip_test.sh RACECHECK -- ARGS... [:: ARGS...]..." >&2
    exit 2
fi
rc=$1
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
runs=0

# compare LABEL ARGS...: racecheck ARGS with and without the round trip
compare() {
    label=$1
    shift
    RACECHECK_IR_ROUNDTRIP=0 "$rc" "$@" >"$tmp/plain" 2>&1
    s1=$?
    RACECHECK_IR_ROUNDTRIP=1 "$rc" "$@" >"$tmp/trip" 2>&1
    s2=$?
    runs=$((runs + 1))
    if [ "$s1" -gt 1 ]; then
        echo "FAIL $label: racecheck exited $s1 without the round trip" >&2
        cat "$tmp/plain" >&2
        fail=1
    elif [ "$s1" != "$s2" ] || ! cmp -s "$tmp/plain" "$tmp/trip"; then
        echo "FAIL $label: output differs with RACECHECK_IR_ROUNDTRIP=1 (exit $s1 vs $s2):" >&2
        diff -u "$tmp/plain" "$tmp/trip" | head -40 >&2
        fail=1
    fi
}

check() {
    compare "findings: $*" --db none --no-source --color=never "$@"
    compare "json: $*" --db none --format=json "$@"
    compare "dump-ir: $*" --dump-ir -q "$@"
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
echo "ir_roundtrip_test: $runs comparisons, $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail
