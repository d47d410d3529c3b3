#!/bin/sh
# expect_run.sh - run a command and check its exit code and its output.
#
# Usage: tools/expect_run.sh EXPECTED_EXIT REGEX [--reject REGEX2] -- COMMAND [ARG...]
#
# Runs COMMAND with its arguments, capturing stdout and stderr together, and
# succeeds (exit 0) when COMMAND exited with EXPECTED_EXIT and the combined
# output matches the extended regular expression REGEX (grep -E, any line;
# an empty REGEX accepts any output, even none) and, with --reject, no line
# matches the extended regular expression REGEX2. Otherwise it says what was
# expected and what happened, shows the captured output and exits 1. Bad
# usage of this script itself exits 2. The captured output is always echoed,
# so `ctest -V` shows it. ctest registers the cli robustness tests through
# this script (see testdata/CMakeLists.txt and docs/testing.md).
set -u

usage() {
    echo "usage: $0 EXPECTED_EXIT REGEX [--reject REGEX2] -- COMMAND [ARG...]" >&2
    exit 2
}

[ $# -ge 4 ] || usage
expected=$1
regex=$2
reject=
shift 2
if [ "$1" = "--reject" ]; then
    [ $# -ge 4 ] || usage
    reject=$2
    shift 2
fi
[ "$1" = "--" ] || usage
shift
case $expected in
'' | *[!0-9]*) usage ;;
esac

out=$(mktemp "${TMPDIR:-/tmp}/expect_run.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT

"$@" >"$out" 2>&1
status=$?
cat "$out"

fail=0
if [ "$status" -ne "$expected" ]; then
    echo "expect_run: FAIL: exit code $status, expected $expected" >&2
    fail=1
fi
if [ -n "$regex" ] && ! grep -Eq -- "$regex" "$out"; then
    echo "expect_run: FAIL: output does not match the extended regex: $regex" >&2
    fail=1
fi
if [ -n "$reject" ] && grep -Eq -- "$reject" "$out"; then
    echo "expect_run: FAIL: output matches the rejected extended regex: $reject" >&2
    grep -E -- "$reject" "$out" >&2
    fail=1
fi
if [ "$fail" -ne 0 ]; then
    echo "expect_run: command was: $*" >&2
    exit 1
fi
exit 0
