#!/bin/sh
# tools/extract_test.sh RACECHECK SRC_DIR - `racecheck extract` and
# `racecheck analyze` (docs/ci.md, "Distributing the parsing"), in temporary
# copies (nothing is written into the source tree): ctest extract/*.
#
#  1. demo: one racecheck run against extract + analyze, all units in one
#     facts file, in shards (one of them empty) given in any order, one unit
#     per facts file given in reverse order: identical standard output and
#     error in text, json and sarif, and the same exit status
#  2. make: the make rule of docs/ci.md, taken from the page as written, run
#     with make -j2 on testdata/extract/project (five units, one excluded by
#     the configuration, one that does not compile, a header function)
#     against racecheck on the same files and flags; analyze --verify
#  3. analyze takes the CI options: --baseline, --fail-on, --db
#  4. bad facts: truncated at many offsets, damaged, garbage, empty, another
#     file; another racecheck executable, mismatched rules or configuration;
#     a unit in two facts files:
#     exit 2 with a message, never a crash
#  5. usage: options of the other subcommand, a missing -o, bad --shard,
#     --help of racecheck, extract and analyze
#
# Usage: extract_test.sh RACECHECK SRC_DIR [demo|make|options|bad|usage]
set -u
if [ $# -lt 2 ]; then
    echo "usage: extract_test.sh RACECHECK SRC_DIR [demo|make|options|bad|usage]" >&2
    exit 2
fi
rc=$1
src=$2
part=${3:-all}
case $rc in /*) ;; *) rc=$(pwd)/$rc ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset RACECHECK_IR_ROUNDTRIP RACECHECK_STATS RACECHECK_RULES
export RACECHECK_DB=none NO_COLOR=1 RACECHECK_CACHE="$tmp/cache"
fail=0

bad() {
    echo "FAIL: $*" >&2
    fail=1
}

# same WHAT A B: files A and B are identical
same() {
    if ! cmp -s "$2" "$3"; then
        bad "$1: $(basename "$2") and $(basename "$3") differ"
        diff -u "$2" "$3" | head -20 >&2
    fi
}

# status WHAT EXPECTED ACTUAL
status() {
    [ "$2" = "$3" ] || bad "$1: exit status $3, expected $2"
}

# refused WHAT REGEX CMD...: CMD exits 2 and its standard error matches REGEX
refused() {
    what=$1
    re=$2
    shift 2
    "$@" >"$tmp/refused.out" 2>"$tmp/refused.err"
    s=$?
    if [ $s -ne 2 ]; then
        bad "$what: exit status $s, expected 2"
        head -5 "$tmp/refused.err" >&2
    elif ! grep -Eq "$re" "$tmp/refused.err"; then
        bad "$what: standard error does not match /$re/:"
        head -5 "$tmp/refused.err" >&2
    fi
}

# ---- 1. the demo, both ways ---------------------------------------------------
test_demo() {
    cp -r "$src/testdata/demo" "$tmp/demo"
    cd "$tmp/demo" || exit 2
    f=$tmp/facts
    mkdir -p "$f"
    "$rc" extract -q -p . -o "$f/all.rcfacts" || bad "demo: extract exited $?"
    for k in 1 2 3 4; do # three units, four shards: shard 4 is empty
        "$rc" extract -q -p . --shard $k/4 -o "$f/shard$k.rcfacts" || bad "demo: extract --shard $k/4 exited $?"
    done
    for u in main pool stats; do
        "$rc" extract -q --no-cache -p . $u.c -o "$f/$u.rcfacts" || bad "demo: extract $u.c exited $?"
    done
    for fmt in text json sarif; do
        "$rc" --format=$fmt -p . >"$tmp/direct.$fmt" 2>"$tmp/direct.$fmt.err"
        ds=$?
        status "demo: direct run ($fmt)" 1 $ds
        for way in all shards units; do
            case $way in
            all) set -- "$f/all.rcfacts" ;;
            shards) set -- "$f/shard3.rcfacts" "$f/shard4.rcfacts" "$f/shard1.rcfacts" "$f/shard2.rcfacts" ;;
            units) set -- "$f/stats.rcfacts" "$f/pool.rcfacts" "$f/main.rcfacts" ;;
            esac
            "$rc" analyze --format=$fmt "$@" >"$tmp/$way.$fmt" 2>"$tmp/$way.$fmt.err"
            status "demo: analyze ($way, $fmt)" $ds $?
            same "demo ($way, $fmt): standard output" "$tmp/direct.$fmt" "$tmp/$way.$fmt"
            same "demo ($way, $fmt): standard error" "$tmp/direct.$fmt.err" "$tmp/$way.$fmt.err"
        done
    done
    grep -q '"ruleId":[[:space:]]*"data-race"' "$tmp/direct.sarif" || bad "demo: the direct SARIF has no data-race result"
    cd "$tmp" || exit 2
}

# ---- 2. the make rule of docs/ci.md ---------------------------------------------
test_make() {
    cp -r "$src/testdata/extract/project" "$tmp/project"
    # the ```make block after the marker comment, as the page shows it
    awk '/tools\/extract_test.sh runs the make rule/ { armed = 1 }
         armed && /^```make$/ { on = 1; next }
         on && /^```$/ { exit }
         on { print }' "$src/docs/ci.md" >"$tmp/project/racecheck.mk"
    grep -q 'racecheck extract' "$tmp/project/racecheck.mk" || { bad "make: no make rule found in docs/ci.md"; return; }
    cd "$tmp/project" || exit 2
    srcs=$(sed -n 's/^SRCS = //p' Makefile)
    cpp=$(sed -n 's/^CPPFLAGS = //p' Makefile)
    cfl=$(sed -n 's/^CFLAGS = //p' Makefile)
    # shellcheck disable=SC2086 # word splitting of the Makefile's lists is the point
    "$rc" --format=json -o direct.json $srcs -- $cpp $cfl 2>direct.err
    ds=$?
    status "make: direct run" 1 $ds
    grep -q "undeclared_offset" direct.err || bad "make: the direct run does not report legacy.c's error"
    grep -q "1 suppressed" direct.err || bad "make: the direct run does not suppress legacy.c's race"
    make -j2 racecheck RACECHECK="$rc" RACECHECK_FLAGS="--format=json -o make.json" >make.out 2>make.err
    ms=$?
    [ $ms -ne 0 ] || bad "make: make racecheck succeeded although racecheck analyze found races"
    [ -f make.json ] || { bad "make: make -j2 racecheck wrote no findings"; cat make.err >&2; cd "$tmp" || exit 2; return; }
    same "make: findings (json)" direct.json make.json
    n=$(ls .racecheck/facts/src/*.rcfacts .racecheck/facts/src/vendor/*.rcfacts 2>/dev/null | wc -l)
    [ "$n" -eq 6 ] || bad "make: expected 6 facts files, found $n"
    facts=$(for s in $srcs; do printf '%s ' ".racecheck/facts/${s%.c}.rcfacts"; done)
    # shellcheck disable=SC2086
    "$rc" --no-source $srcs -- $cpp $cfl >direct.txt 2>direct.txt.err
    # shellcheck disable=SC2086
    "$rc" analyze --no-source $facts >make.txt 2>make.txt.err
    status "make: analyze (text)" $ds $?
    same "make: findings (text)" direct.txt make.txt
    same "make: diagnostics and summary" direct.txt.err make.txt.err
    # shellcheck disable=SC2086
    "$rc" analyze -q --verify $facts >verify.out 2>&1 || { bad "make: analyze --verify failed"; cat verify.out >&2; }
    # a second make re-extracts from the IR cache: the same findings
    rm -f make.json
    make -j2 racecheck RACECHECK="$rc" RACECHECK_FLAGS="--format=json -o make.json" >/dev/null 2>&1
    same "make: findings of a second make" direct.json make.json
    cd "$tmp" || exit 2
}

# ---- 3. the CI options of analyze ------------------------------------------------
test_options() {
    cp -r "$src/testdata/demo" "$tmp/opt"
    cd "$tmp/opt" || exit 2
    "$rc" extract -q -p . -o all.rcfacts || bad "options: extract exited $?"
    "$rc" --format=json -o base.json -p . 2>/dev/null
    "$rc" analyze --baseline base.json all.rcfacts >out 2>err
    status "options: analyze --baseline" 0 $?
    grep -q "3 in the baseline" err || bad "options: --baseline: $(cat err)"
    "$rc" analyze --fail-on=never all.rcfacts >/dev/null 2>&1
    status "options: analyze --fail-on=never" 0 $?
    "$rc" analyze -q --db runs.db all.rcfacts >/dev/null 2>&1
    status "options: analyze --db" 1 $?
    "$rc" report --db runs.db list >list 2>&1 || bad "options: racecheck report list on analyze's database failed"
    grep -q "pool->hits" list || bad "options: analyze's run is not in the database: $(head -3 list)"
    "$rc" analyze --entry worker_main --format=jsonl all.rcfacts >entry.a 2>/dev/null
    ea=$?
    "$rc" --entry worker_main --format=jsonl -p . >entry.d 2>/dev/null
    status "options: analyze --entry" $? $ea
    same "options: --entry" entry.d entry.a
    "$rc" analyze --dump-ir all.rcfacts >ir.a 2>/dev/null || bad "options: analyze --dump-ir failed"
    grep -q "worker_main" ir.a || bad "options: analyze --dump-ir printed no IR"
    cd "$tmp" || exit 2
}

# ---- 4. facts analyze must refuse ---------------------------------------------------
test_bad() {
    cp -r "$src/testdata/demo" "$tmp/bad"
    cp -r "$src/rules" "$tmp/rules"
    cd "$tmp/bad" || exit 2
    "$rc" extract -q --rules "$tmp/rules" -p . -o good.rcfacts || bad "bad: extract exited $?"
    size=$(wc -c <good.rcfacts)
    for cut in 0 3 4 12 23 24 25 40 100 $((size / 2)) $((size - 1)); do
        head -c $cut good.rcfacts >cut.rcfacts
        refused "truncated at $cut of $size bytes" "cut\\.rcfacts: (not a facts file|truncated)" \
            "$rc" analyze --rules "$tmp/rules" cut.rcfacts
    done
    cp good.rcfacts long.rcfacts
    printf 'x' >>long.rcfacts
    refused "a byte appended" "long\\.rcfacts: truncated or damaged" "$rc" analyze --rules "$tmp/rules" long.rcfacts
    for at in 30 $((size / 2)) $((size - 2)); do
        cp good.rcfacts flip.rcfacts
        printf '\377' | dd of=flip.rcfacts bs=1 seek=$at conv=notrunc 2>/dev/null
        cmp -s good.rcfacts flip.rcfacts && printf '\001' | dd of=flip.rcfacts bs=1 seek=$at conv=notrunc 2>/dev/null
        refused "a damaged byte at $at" "flip\\.rcfacts: damaged: checksum mismatch" \
            "$rc" analyze --rules "$tmp/rules" flip.rcfacts
    done
    echo "garbage" >garbage.rcfacts
    refused "garbage" "garbage\\.rcfacts: not a facts file of racecheck extract" \
        "$rc" analyze --rules "$tmp/rules" garbage.rcfacts
    : >empty.rcfacts
    refused "an empty file" "empty\\.rcfacts: (not a facts file|empty)" "$rc" analyze --rules "$tmp/rules" empty.rcfacts
    refused "a compile database" "compile_commands\\.json: not a facts file" \
        "$rc" analyze --rules "$tmp/rules" compile_commands.json
    refused "a missing file" "nothere\\.rcfacts: cannot read it" "$rc" analyze --rules "$tmp/rules" nothere.rcfacts
    refused "a directory" "cannot read it" "$rc" analyze --rules "$tmp/rules" .
    # what must match
    # another build of racecheck: the same version, another executable (a byte appended)
    cp "$rc" "$tmp/racecheck-other"
    printf 'x' >>"$tmp/racecheck-other"
    refused "another racecheck executable" "good\\.rcfacts: extracted by another build of racecheck" \
        "$tmp/racecheck-other" analyze --rules "$tmp/rules" good.rcfacts
    # the key is the rules' names and contents, not their folder: the bundled rules are the same
    "$rc" analyze -q good.rcfacts >/dev/null 2>&1
    status "the same rules elsewhere" 1 $?
    cp -r "$tmp/rules" "$tmp/rules2"
    f=$(ls "$tmp/rules2"/*.json | head -1)
    printf ' ' >>"$f"
    refused "a changed rules file" "extracted with other API models" "$rc" analyze --rules "$tmp/rules2" good.rcfacts
    echo '{"racecheck-config": 1}' >.racecheck.json
    refused "a configuration added after extract" "configuration none; analyze: rules [^;]*, configuration [^ ]*\\.racecheck\\.json" \
        "$rc" analyze --rules "$tmp/rules" good.rcfacts
    "$rc" analyze -q --rules "$tmp/rules" --no-config good.rcfacts >/dev/null 2>&1
    status "--no-config as extract had none" 1 $?
    "$rc" extract -q --rules "$tmp/rules" -p . -o conf.rcfacts
    echo '{"racecheck-config": 1, "comment": "changed"}' >.racecheck.json
    refused "a changed configuration" "conf\\.rcfacts: extracted with other API models or another configuration" \
        "$rc" analyze --rules "$tmp/rules" conf.rcfacts
    rm .racecheck.json
    "$rc" extract -q --rules "$tmp/rules" -p . pool.c -o pool.rcfacts
    refused "a unit in two facts files" "pool\\.c is in good\\.rcfacts and in pool\\.rcfacts" \
        "$rc" analyze --rules "$tmp/rules" good.rcfacts pool.rcfacts
    refused "one facts file twice" "is in good\\.rcfacts and in good\\.rcfacts" \
        "$rc" analyze --rules "$tmp/rules" good.rcfacts good.rcfacts
    "$rc" extract -q --rules "$tmp/rules" -p . --shard 7/7 -o none.rcfacts
    refused "facts without units" "hold(s)? no translation unit" "$rc" analyze --rules "$tmp/rules" none.rcfacts
    cd "$tmp" || exit 2
}

# ---- 5. usage -------------------------------------------------------------------------
test_usage() {
    d=$src/testdata/demo
    refused "extract --format" "racecheck extract: error: option '--format' is for the analysis" \
        "$rc" extract --format=json -p "$d" -o x.rcfacts
    refused "extract --fail-on" "option '--fail-on' is for the analysis" "$rc" extract --fail-on error -p "$d" -o x
    refused "analyze -p" "racecheck analyze: error: option '-p' chooses or parses the inputs" "$rc" analyze -p "$d" x
    refused "analyze --no-cache" "option '--no-cache' chooses or parses the inputs" "$rc" analyze --no-cache x
    refused "analyze -- flags" "compiler flags \\(after --\\) are for racecheck extract" "$rc" analyze x -- -DX
    refused "analyze --version" "not an option of racecheck analyze" "$rc" analyze --version
    refused "extract without -o" "no facts file: name it with -o FACTS" "$rc" extract -p "$d"
    refused "extract without inputs" "racecheck extract: error: no input files" "$rc" extract -o x.rcfacts
    refused "analyze without facts" "racecheck analyze: error: no facts files" "$rc" analyze
    for s in 0/2 3/2 2 2/ /2 a/b 1/0 -1/2 1/2x; do
        refused "--shard $s" "option --shard needs K/N with 1 <= K <= N" "$rc" extract -p "$d" --shard "$s" -o x
    done
    refused "extract -o into a missing folder" "cannot write $tmp/no/such/x\\.rcfacts" \
        "$rc" extract -q -p "$d" -o "$tmp/no/such/x.rcfacts"
    [ ! -e "$tmp/no" ] || bad "extract -o into a missing folder created it"
    ls "$tmp"/*.tmp-* >/dev/null 2>&1 && bad "a temporary facts file was left behind"
    "$rc" --help >help 2>&1 || bad "racecheck --help failed"
    grep -q "racecheck extract" help && grep -q "racecheck analyze FACTS" help || bad "racecheck --help does not name extract and analyze"
    "$rc" extract --help >help.x 2>&1 || bad "racecheck extract --help failed"
    for w in "Usage: racecheck extract" "--shard=K/N" "-o, --output=FACTS" "-p BUILD_DIR" "--rules=DIR" "--no-cache"; do
        grep -q -e "$w" help.x || bad "racecheck extract --help lacks '$w'"
    done
    grep -q -e "--format" help.x && bad "racecheck extract --help lists --format"
    "$rc" analyze --help >help.a 2>&1 || bad "racecheck analyze --help failed"
    for w in "Usage: racecheck analyze" "FACTS\\.\\.\\." "--format=FORMAT" "--baseline" "--fail-on" "--db" "--entry" "--rules=DIR"; do
        grep -q -e "$w" help.a || bad "racecheck analyze --help lacks '$w'"
    done
    grep -q -e "--shard\\|--jobs\\|BUILD_DIR" help.a && bad "racecheck analyze --help lists an input option"
}

cd "$tmp" || exit 2
case $part in
all) test_demo; test_make; test_options; test_bad; test_usage ;;
demo | make | options | bad | usage) "test_$part" ;;
*) echo "extract_test.sh: unknown part '$part'" >&2; exit 2 ;;
esac
[ $fail -eq 0 ] && echo "extract_test.sh: $part: ok"
exit $fail
