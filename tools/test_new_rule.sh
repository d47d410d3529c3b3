#!/bin/sh
# tools/test_new_rule.sh [--quick] - tests the rule scaffold, tools/new-rule.
#
# --quick (ctest `tools/new-rule`, a second): --dry-run lists the seven files
#   a rule gets and writes nothing; an existing rule (its files exist), bad
#   names and a bad severity are refused with exit 2.
# full (the default; ctest `tools/new-rule-build`, labels tools and slow;
#   15 to 25 s on two cores): copies what a build needs (CMakeLists.txt,
#   analyzer/, docs/rules/, rules/, tools/, testdata/) into a temporary
#   folder, scaffolds a rule there, configures and builds it with warnings
#   as errors, and checks that racecheck --list-rules lists the rule,
#   --explain shows its page, ctest registered its folder, the fixed program
#   verifies, the racy one fails exactly on its expected finding (the check
#   is empty: intended), data-race still verifies, and a second run of the
#   scaffold refuses. The source tree is never written.
# Environment: JOBS (default 2), KEEP=1 keeps the temporary folder.
set -eu
cd "$(dirname "$0")/.."
python=${PYTHON3:-python3}
rule=scaffold-probe
fail() {
    echo "test_new_rule: FAILED: $*" >&2
    exit 1
}

# ---- quick: dry runs only --------------------------------------------------------
out=$("$python" tools/new-rule "$rule" --dry-run --summary "a probe of the scaffold") || fail "--dry-run exited $?"
for f in "analyzer/checks/scaffold_probe\.c" "analyzer/checks/registry\.c" "analyzer/checks/checks\.h" \
         "analyzer/CMakeLists\.txt" "docs/rules/$rule\.md" "testdata/$rule/basics/${rule}_racy\.c" \
         "testdata/$rule/basics/${rule}_fixed\.c"; do
    printf '%s\n' "$out" | grep -Eq "^would [a-z]+ +$f " || fail "--dry-run does not list $f:
$out"
done
out=$("$python" tools/new-rule "$rule" --dry-run --feature locks) || fail "--feature locks exited $?"
printf '%s\n' "$out" | grep -q "testdata/$rule/locks/${rule}_racy\.c " || fail "--feature locks does not put the programs in testdata/$rule/locks/"
[ ! -e "analyzer/checks/scaffold_probe.c" ] && [ ! -e "testdata/$rule" ] && [ ! -e "docs/rules/$rule.md" ] \
    || fail "--dry-run wrote files"
grep -q "$rule" analyzer/checks/registry.c analyzer/checks/checks.h analyzer/CMakeLists.txt \
    && fail "--dry-run edited a file"
expect_refusal() {  # REGEX ARGS...
    regex=$1
    shift
    set +e
    msg=$("$python" tools/new-rule "$@" 2>&1)
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || fail "tools/new-rule $* exited $rc, expected 2"
    printf '%s\n' "$msg" | grep -Eq "$regex" || fail "tools/new-rule $*: expected /$regex/, got: $msg"
}
expect_refusal "refusing to overwrite: analyzer/checks/data_race\\.c" data-race --dry-run
expect_refusal "'Lock_Order' is not a rule name" Lock_Order --dry-run
expect_refusal "'lock--order' is not a rule name" lock--order --dry-run
expect_refusal "'2pl' is not a rule name" 2pl --dry-run
expect_refusal "invalid choice" x-y --severity fatal --dry-run
expect_refusal "'Locks' is not a feature folder name" x-y --feature Locks --dry-run
if [ "${1:-}" = "--quick" ]; then
    echo "test_new_rule: quick checks passed"
    exit 0
fi

# ---- full: scaffold, build and run in a copy of the tree -------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/new_rule.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    echo "test_new_rule: keeping $tmp" >&2
else
    trap 'rm -rf "$tmp"' EXIT
fi
tree=$tmp/tree
mkdir -p "$tree/docs"
# testdata/ whole (under a megabyte): its CMakeLists may add subfolders
cp -R CMakeLists.txt analyzer rules tools testdata "$tree/"
cp -R docs/rules "$tree/docs/"
racy_dr=$(cd "$tree" && find testdata/data-race -name counter_racy.c | head -n 1)
[ -n "$racy_dr" ] || fail "no testdata/data-race/**/counter_racy.c"
# the scaffold edits the copy only: the copy's own tools/new-rule
(cd "$tree" && "$python" tools/new-rule "$rule" --severity error --summary "a probe of the scaffold") \
    >"$tmp/scaffold.log" || fail "tools/new-rule $rule exited $?: $(cat "$tmp/scaffold.log")"
racy=$(cd "$tree" && find "testdata/$rule" -name "${rule}_racy.c")
fixed=$(cd "$tree" && find "testdata/$rule" -name "${rule}_fixed.c")
for f in analyzer/checks/scaffold_probe.c "docs/rules/$rule.md" "$racy" "$fixed"; do
    [ -n "$f" ] && [ -f "$tree/$f" ] || fail "the scaffold did not create $f (racy: $racy, fixed: $fixed)"
done
[ "$(grep -c "\"$rule\"" "$tree/analyzer/checks/registry.c")" = 1 ] || fail "not exactly one registry line"
grep -q "// expect: $rule 'counter'" "$tree/$racy" || fail "racy program has no expect"
head -n 1 "$tree/$fixed" | grep -q "^// expect-no-findings" \
    || fail "fixed program does not start with // expect-no-findings"
cmake -S "$tree" -B "$tree/build" -DRACECHECK_WERROR=ON >"$tmp/configure.log" 2>&1 \
    || fail "configure failed: $(tail -n 20 "$tmp/configure.log")"
cmake --build "$tree/build" -j "${JOBS:-2}" >"$tmp/build.log" 2>&1 \
    || fail "build failed: $(grep -E 'error|warning' "$tmp/build.log" | head -n 20)"
rc=$tree/build/racecheck
"$rc" --list-rules | grep -Eq "^$rule +error +a probe of the scaffold$" \
    || fail "--list-rules does not list $rule: $("$rc" --list-rules)"
"$rc" --explain "$rule" | grep -q "^# $rule$" || fail "--explain $rule does not show its page"
ctest --test-dir "$tree/build" -N -L "^$rule\$" | grep -q " ${racy#testdata/}\$" \
    || fail "ctest did not register testdata/$rule/"
(cd "$tree" && RACECHECK_DB=none "$rc" --verify "$fixed") >"$tmp/fixed.log" 2>&1 \
    || fail "the fixed program does not verify: $(cat "$tmp/fixed.log")"
set +e
(cd "$tree" && RACECHECK_DB=none "$rc" --verify "$racy") >"$tmp/racy.log" 2>&1
status=$?
set -e
[ "$status" -ne 0 ] || fail "the racy program verified, but the empty check reports nothing"
grep -q "expected finding not reported: $rule 'counter'" "$tmp/racy.log" \
    || fail "the racy program failed for another reason: $(cat "$tmp/racy.log")"
grep -q "unexpected finding" "$tmp/racy.log" && fail "the racy program trips another rule: $(cat "$tmp/racy.log")"
(cd "$tree" && RACECHECK_DB=none "$rc" --verify "$racy_dr") >"$tmp/dr.log" 2>&1 \
    || fail "data-race no longer verifies with the new rule registered: $(cat "$tmp/dr.log")"
set +e
(cd "$tree" && "$python" tools/new-rule "$rule") >"$tmp/again.log" 2>&1
status=$?
set -e
[ "$status" -eq 2 ] && grep -q "refusing to overwrite" "$tmp/again.log" || fail "a second run did not refuse"
echo "test_new_rule: the scaffolded rule builds, is listed, explained, registered with ctest and tested"
