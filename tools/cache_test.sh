#!/bin/sh
# tools/cache_test.sh RACECHECK SRC_DIR - the IR cache (docs/cache.md) on the
# three-unit program testdata/cache/program, in a temporary copy (nothing is
# written into the source tree): ctest cache/incremental.
#
#  1. a second run with nothing changed parses nothing; same output
#  2. editing a header re-parses exactly the units that include it
#  3. editing one .c re-parses only that unit
#  4. a truncated, damaged or foreign entry is ignored and rebuilt
#  5. --no-cache (and --cache none) parses everything and writes nothing
#  6. concurrent runs sharing one cache all succeed with the same output;
#     a killed writer's temporary file is removed once it is old
#  7. a changed rules file or configuration misses the cache
#  8. the whole-program result: reused when nothing changed (same output
#     and diagnostics), recomputed after any edit, another --library or
#     --entry, or a damaged result entry
#
# Every cached run's output is also compared with a --no-cache run of the
# same sources (header sharing on, nothing read from the cache): the cache
# must never change what racecheck reports. Counts come from
# RACECHECK_STATS=1 ("N units from the cache, M parsed (S stale, C corrupt)").
set -u
if [ $# -ne 2 ]; then
    echo "usage: cache_test.sh RACECHECK SRC_DIR" >&2
    exit 2
fi
rc=$1
src=$2
case $rc in /*) ;; *) rc=$(pwd)/$rc ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset RACECHECK_CACHE RACECHECK_IR_ROUNDTRIP
export RACECHECK_DB=none RACECHECK_STATS=1 NO_COLOR=1
cp -r "$src/testdata/cache/program" "$tmp/program"
cp -r "$src/rules" "$tmp/rules"
cd "$tmp" || exit 2
fail=0
n=0

bad() {
    echo "FAIL: $*" >&2
    fail=1
}

# run NAME ARGS...: racecheck ARGS... program from $tmp; stdout in out.NAME,
# stderr in err.NAME, exit status in $status; the counts in $hits, $parsed,
# $stale, $corrupt (empty when the cache was off).
run() {
    name=$1
    shift
    n=$((n + 1))
    "$rc" --no-source --rules "$tmp/rules" "$@" program >"out.$name" 2>"err.$name"
    status=$?
    line=$(grep '^stats: IR cache' "err.$name")
    hits=$(echo "$line" | sed -n 's/.*: \([0-9]*\) units from the cache.*/\1/p')
    parsed=$(echo "$line" | sed -n 's/.* \([0-9]*\) parsed.*/\1/p')
    stale=$(echo "$line" | sed -n 's/.*(\([0-9]*\) stale.*/\1/p')
    corrupt=$(echo "$line" | sed -n 's/.* \([0-9]*\) corrupt.*/\1/p')
    if [ "$status" -gt 1 ]; then
        bad "$name: racecheck exited $status"
        cat "err.$name" >&2
    fi
}

# expect NAME HITS PARSED [STALE CORRUPT]
expect() {
    if [ "$hits" != "$2" ] || [ "$parsed" != "$3" ]; then
        bad "$1: expected $2 units from the cache and $3 parsed; got: $(grep '^stats: IR cache' "err.$1")"
    fi
    if [ $# -ge 5 ] && { [ "$stale" != "$4" ] || [ "$corrupt" != "$5" ]; }; then
        bad "$1: expected $4 stale and $5 corrupt entries; got: $(grep '^stats: IR cache' "err.$1")"
    fi
}

# same NAME: the output of run NAME equals a --no-cache run's now
same() {
    "$rc" --no-source --rules "$tmp/rules" --no-cache program >"out.$1.truth" 2>/dev/null
    if ! cmp -s "out.$1" "out.$1.truth"; then
        bad "$1: output differs from a --no-cache run"
        diff -u "out.$1.truth" "out.$1" | head -30 >&2
    fi
}

entries() {
    ls "$1" 2>/dev/null | grep -c '\.rcir$'
}

# reused NAME yes|no: did run NAME take the whole-program result from the cache?
reused() {
    if grep -q 'whole-program result from the cache' "err.$1"; then got=yes; else got=no; fi
    [ "$got" = "$2" ] || bad "$1: whole-program result from the cache: expected $2, got $got"
}

# diags NAME: run NAME's standard error without the stats lines
diags() {
    grep -v '^stats:' "err.$1"
}

# 1. cold, then warm: the default cache is .racecheck/cache here
run cold
expect cold 0 3
same cold
[ "$(entries .racecheck/cache)" = 3 ] || bad "cold: expected 3 entries in .racecheck/cache, got $(entries .racecheck/cache)"
grep -q '^racecheck: 2 findings' err.cold || bad "cold: expected 2 findings: $(grep '^racecheck:' err.cold)"
reused cold no
run warm
expect warm 3 0 0 0
reused warm yes
cmp -s out.cold out.warm || bad "warm: output differs from the cold run"
diags cold >d.cold; diags warm >d.warm
cmp -s d.cold d.warm || bad "warm: diagnostics differ from the cold run: $(diff d.cold d.warm)"
[ "$status" = 1 ] || bad "warm: exit status $status, expected 1 (findings)"

# 2. a header: shared.h is included by main.c and worker.c, not stats.c;
#    the edit also changes the findings (bump() becomes atomic)
sed 's/c->n++;/__atomic_fetch_add(\&c->n, 1, __ATOMIC_SEQ_CST);/' program/shared.h >shared.h.new
mv shared.h.new program/shared.h
run header
expect header 1 2 2 0
reused header no
same header
grep -q '^racecheck: 1 finding' err.header || bad "header: expected 1 finding: $(grep '^racecheck:' err.header)"
run header_again
expect header_again 3 0
reused header_again yes

# 3. one .c file
printf '\nint stats_unused(void) { return 0; }\n' >>program/stats.c
run one_c
expect one_c 2 1 1 0
same one_c

# 4. damaged entries: truncated, a flipped byte, another entry version, empty
set -- .racecheck/cache/*.rcir
size=$(wc -c <"$1")
head -c $((size / 2)) "$1" >trunc && mv trunc "$1"
size=$(wc -c <"$2")
at=$((size - 40))
byte=$(od -An -tu1 -j "$at" -N1 "$2" | tr -d ' ')
printf "\\$(printf '%03o' $((255 - byte)))" | dd of="$2" bs=1 seek="$at" conv=notrunc 2>/dev/null
printf '\002' | dd of="$3" bs=1 seek=4 conv=notrunc 2>/dev/null
run corrupt
expect corrupt 0 3 0 3
same corrupt
grep -qi 'error' err.corrupt && bad "corrupt: a damaged cache entry gave an error message: $(grep -i error err.corrupt)"
run rebuilt
expect rebuilt 3 0
cmp -s out.corrupt out.rebuilt || bad "rebuilt: output differs"
: >"$1"
echo "not a cache entry" >"$2"
run garbage
expect garbage 1 2 0 2

# 5. --no-cache and --cache none: nothing read, nothing written
snap() { ls -l --full-time .racecheck/cache; }
snap >before
for opt in --no-cache "--cache=none"; do
    run nocache $opt
    grep -q '^stats: IR cache off: 3 units parsed' err.nocache || bad "$opt: $(grep '^stats: IR cache' err.nocache)"
    snap >after
    cmp -s before after || bad "$opt: the cache directory changed"
    cmp -s out.nocache out.rebuilt || bad "$opt: output differs from a cached run"
done
mkdir fresh && (cd fresh && cp -r ../program . && "$rc" --no-cache --rules "$tmp/rules" program >/dev/null 2>&1)
[ -e fresh/.racecheck ] && bad "--no-cache: created $(ls -d fresh/.racecheck)"
# RACECHECK_CACHE=none too; RACECHECK_CACHE=DIR and --cache DIR choose the place
RACECHECK_CACHE=none run envnone
grep -q '^stats: IR cache off' err.envnone || bad "RACECHECK_CACHE=none: $(grep '^stats: IR cache' err.envnone)"
RACECHECK_CACHE=$tmp/envcache run envdir
expect envdir 0 3
[ "$(entries envcache)" = 3 ] || bad "RACECHECK_CACHE=DIR: expected 3 entries in it"
RACECHECK_CACHE=$tmp/envcache run optdir --cache "$tmp/optcache"
expect optdir 0 3
[ "$(entries optcache)" = 3 ] || bad "--cache DIR: expected 3 entries in it"
# a cache that cannot be created: a warning, the run goes on
: >notadir
run notadir --cache notadir/sub
grep -q 'warning: cannot create the cache directory' err.notadir || bad "notadir: no warning: $(cat err.notadir)"
cmp -s out.notadir out.rebuilt || bad "notadir: output differs"

# 6. concurrent runs on one fresh cache, twice (cold, then warm)
for round in cold warm; do
    for k in 1 2 3 4; do
        "$rc" --no-source --rules "$tmp/rules" --cache "$tmp/shared" -j 2 program >"out.par$k" 2>"err.par$k" &
    done
    wait
    for k in 1 2 3 4; do
        cmp -s out.par1 "out.par$k" || bad "concurrent ($round): run $k's output differs from run 1's"
        grep -q '^racecheck: 1 finding' "err.par$k" || bad "concurrent ($round): run $k: $(cat "err.par$k")"
    done
    cmp -s out.par1 out.rebuilt || bad "concurrent ($round): output differs from a sequential run"
done
[ "$(entries shared)" = 3 ] || bad "concurrent: expected 3 entries, got $(entries shared)"
ls -a shared | grep -q '^\.tmp-' && bad "concurrent: temporary files left: $(ls -a shared)"
run shared_after --cache "$tmp/shared"
expect shared_after 3 0
# a writer killed before its rename leaves .tmp-*: removed once an hour old
: >shared/.tmp-old1 && touch -d '2 hours ago' shared/.tmp-old1
: >shared/.tmp-new1
run tmp_cleanup --cache "$tmp/shared"
[ -e shared/.tmp-old1 ] && bad "tmp_cleanup: an abandoned temporary file two hours old is still there"
[ -e shared/.tmp-new1 ] || bad "tmp_cleanup: a fresh temporary file (maybe a concurrent writer's) was removed"

# 7. the API models and the configuration are in the key
run models_warm
expect models_warm 3 0
printf '\n' >>"$tmp/rules/pthread.json"
run models_changed
expect models_changed 0 3
same models_changed
echo '{"racecheck-config": 1}' >program/.racecheck.json
run config_new
expect config_new 0 3
run config_warm
expect config_warm 3 0
echo '{"racecheck-config": 1 }' >program/.racecheck.json
run config_changed
expect config_changed 0 3

# 8. the whole-program result (.rcres beside the units' entries)
run result_cold --cache "$tmp/res"
reused result_cold no
[ "$(ls res | grep -c '\.rcres$')" = 1 ] || bad "result_cold: expected one .rcres entry: $(ls res)"
run result_warm --cache "$tmp/res"
reused result_warm yes
cmp -s out.result_cold out.result_warm || bad "result_warm: output differs"
for fmt in json sarif; do
    run "result_$fmt" --cache "$tmp/res" --format=$fmt
    reused "result_$fmt" yes
    "$rc" --no-source --rules "$tmp/rules" --no-cache --format=$fmt program >"out.result_$fmt.truth" 2>/dev/null
    cmp -s "out.result_$fmt" "out.result_$fmt.truth" || bad "result_$fmt: output differs from a --no-cache run"
done
run result_library --cache "$tmp/res" --library
reused result_library no
run result_library2 --cache "$tmp/res" --library
reused result_library2 yes
cmp -s out.result_library out.result_library2 || bad "result_library2: output differs"
run result_entry --cache "$tmp/res" --entry main
reused result_entry no
# a damaged result entry is recomputed (and rewritten)
for f in res/*.rcres; do printf 'garbage' | dd of="$f" bs=1 seek=30 conv=notrunc 2>/dev/null; done
run result_damaged --cache "$tmp/res"
reused result_damaged no
cmp -s out.result_damaged out.result_cold || bad "result_damaged: output differs"
grep -qi 'error' err.result_damaged && bad "result_damaged: an error message: $(grep -i error err.result_damaged)"
run result_rewritten --cache "$tmp/res"
reused result_rewritten yes
# an edit in one .c file: recomputed
printf '\nint stats_unused2(void) { return 0; }\n' >>program/stats.c
run result_edit --cache "$tmp/res"
reused result_edit no
expect result_edit 2 1

if [ "$fail" = 0 ]; then
    echo "cache_test: $n runs, all as expected"
fi
exit "$fail"
