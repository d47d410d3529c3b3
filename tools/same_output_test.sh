#!/bin/sh
# tools/same_output_test.sh MODE RACECHECK -- ARGS... [:: ARGS...]...
# Two ways of running racecheck that must print the same: for each racecheck
# command line (groups separated by `::`), runs it both ways, for the
# findings in text and in JSON (and --dump-ir where the mode says), and fails
# when any output (stdout and stderr) or exit status differs. Run from the
# source tree by ctest. MODE:
#   roundtrip  as usual and with RACECHECK_IR_ROUNDTRIP=1 (every unit's IR
#              replaced by its serialized-and-read-back copy, ir/serialize.h)
#              - ir/roundtrip
#   workers    with -j 1 and with -j 4 (the parse workers and the
#              whole-program and check workers) - unit/determinism
set -u
if [ $# -lt 4 ] || [ "$3" != "--" ]; then
    echo "usage: same_output_test.sh roundtrip|workers RACECHECK -- ARGS... [:: ARGS...]..." >&2
    exit 2
fi
mode=$1
rc=$2
shift 3
case $mode in
    roundtrip) a_name="without the round trip"; b_name="with RACECHECK_IR_ROUNDTRIP=1" ;;
    workers) a_name="with -j 1"; b_name="with -j 4" ;;
    *) echo "same_output_test.sh: unknown mode '$mode'" >&2; exit 2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
runs=0

# run_way a|b ARGS...: racecheck ARGS the first or the second way
run_way() {
    way=$1
    shift
    case $mode.$way in
        roundtrip.a) RACECHECK_IR_ROUNDTRIP=0 "$rc" "$@" ;;
        roundtrip.b) RACECHECK_IR_ROUNDTRIP=1 "$rc" "$@" ;;
        workers.a) "$rc" -j 1 "$@" ;;
        workers.b) "$rc" -j 4 "$@" ;;
    esac
}

# compare LABEL ARGS...: racecheck ARGS both ways
compare() {
    label=$1
    shift
    run_way a "$@" >"$tmp/a" 2>&1
    s1=$?
    run_way b "$@" >"$tmp/b" 2>&1
    s2=$?
    runs=$((runs + 1))
    if [ "$s1" -gt 1 ]; then
        echo "FAIL $label: racecheck exited $s1 $a_name" >&2
        cat "$tmp/a" >&2
        fail=1
    elif [ "$s1" != "$s2" ] || ! cmp -s "$tmp/a" "$tmp/b"; then
        echo "FAIL $label: output differs $a_name and $b_name (exit $s1 vs $s2):" >&2
        diff -u "$tmp/a" "$tmp/b" | head -40 >&2
        fail=1
    fi
}

check() {
    if [ "$mode" = roundtrip ]; then
        compare "findings: $*" --db none --no-source --color=never "$@"
        compare "json: $*" --db none --format=json "$@"
        compare "dump-ir: $*" --dump-ir -q "$@"
    else
        compare "findings: $*" --db none --no-cache --no-source --color=never --evidence=all "$@"
        compare "json: $*" --db none --no-cache --format=json "$@"
    fi
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
echo "same_output_test ($mode): $runs comparisons, $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail
