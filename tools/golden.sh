#!/bin/sh
# tools/golden.sh EXPECTED -- COMMAND...
# Runs COMMAND, normalises what may legitimately vary (the version string),
# and compares its standard output with the golden file EXPECTED.
# Set UPDATE_GOLDEN=1 to rewrite EXPECTED instead of comparing.
set -u
if [ $# -lt 3 ] || [ "$2" != "--" ]; then
    echo "usage: golden.sh EXPECTED -- COMMAND..." >&2
    exit 2
fi
expected=$1
shift 2
out=$(mktemp)
trap 'rm -f "$out" "$out.n"' EXIT
"$@" >"$out" 2>/dev/null
status=$?
sed -e 's/"version": "[^"]*"/"version": "VERSION"/' "$out" >"$out.n"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$out.n" "$expected"
    echo "updated $expected (exit $status)"
    exit 0
fi
if ! diff -u "$expected" "$out.n"; then
    echo "golden mismatch: $expected (rerun with UPDATE_GOLDEN=1 to accept)" >&2
    exit 1
fi
# racecheck exits 0 or 1 here; 2 or a crash is a failure
if [ "$status" -gt 1 ]; then
    echo "command failed with exit $status" >&2
    exit 1
fi
exit 0
