#!/bin/sh
# build_capture_test.sh RACECHECK SOURCE_DIR PART - racecheck build and the
# note of racecheck DIR (docs/install.md), on the projects of testdata/build,
# each in a temporary copy (builds write objects; the capture goes to the
# copy's .racecheck/build). PART: make, configure, cmake or usage.
set -eu
rc=$1 src=$2 part=$3
case $rc in /*) ;; *) rc=$(pwd)/$rc ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/racecheck-build.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
fail() { echo "build capture test ($part): FAIL: $*" >&2; exit 1; }
# run CMD...: exit status in $st, output in $work/out and $work/err
run() {
    set +e
    "$@" >"$work/out" 2>"$work/err"
    st=$?
    set -e
}
expect_status() {
    [ "$st" -eq "$1" ] || { cat "$work/out" "$work/err" >&2; fail "$2: exit $st, expected $1"; }
}
expect_err() {
    grep -q -- "$1" "$work/err" || { cat "$work/err" >&2; fail "$2: stderr lacks '$1'"; }
}
R="$rc --db none --no-cache"
B="$rc build --db none --no-cache"

case $part in
make)
    cp -r "$src/testdata/build/make-project" "$work/p"
    cd "$work/p"
    # unconfigured: the note names the command, and the race is missed
    run $R .
    expect_status 0 "racecheck . without a compile database"
    expect_err "note: . has a Makefile but no compile database" "the note"
    expect_err "(cd . && racecheck build -- make)" "the note's command"
    # captured: the expectations hold (the race needs -DCOUNT_HITS)
    run $B --verify -- make
    expect_status 0 "racecheck build --verify -- make"
    expect_err "running make under bear" "build"
    [ -f .racecheck/build/compile_commands.json ] || fail "no .racecheck/build/compile_commands.json"
    [ ! -e compile_commands.json ] || fail "racecheck build wrote the project's compile_commands.json"
    [ -f prog ] || fail "the build did not run"
    # up to date: nothing compiles, the earlier capture still has both units
    run $B -- make
    expect_status 1 "an up-to-date racecheck build -- make"
    grep -q "error: data race on 'hits'" "$work/out" || fail "the up-to-date build lost the finding"
    expect_err "1 finding in 2 translation units" "the up-to-date build's units"
    # the capture analysed again without building; the note points at it
    run $R -p .racecheck/build
    expect_status 1 "racecheck -p .racecheck/build"
    run $R .
    expect_err "racecheck -p ./.racecheck/build analyses what racecheck build recorded" "the note after a capture"
    # a build that fails is not analysed
    run $B -- make no-such-target
    expect_status 2 "a failing build"
    expect_err "the build failed (exit status 2); nothing analysed" "a failing build"
    # a build that compiles nothing, with no capture before it
    rm -rf .racecheck
    run $B -- true
    expect_status 2 "a build that compiles nothing"
    expect_err "records no compiler call" "a build that compiles nothing"
    ;;
configure)
    cp -r "$src/testdata/build/configure-project" "$work/p"
    cd "$work"
    run $R p
    expect_status 0 "racecheck DIR on an unconfigured tree"
    expect_err "note: p has a configure script but no compile database" "the note"
    expect_err "(cd p && ./configure && racecheck build -- make)" "the note's command"
    # the note's command, as written
    cd p
    run sh -c "./configure && $B --verify -- make"
    expect_status 0 "./configure && racecheck build --verify -- make"
    # configured without the feature: no race
    make -s clean >/dev/null 2>&1 || rm -f ./*.o jobs
    rm -rf .racecheck
    ./configure --disable-trace >/dev/null
    run $B -- make
    expect_status 0 "configured --disable-trace"
    expect_err "0 findings in 2 translation units" "configured --disable-trace"
    ;;
cmake)
    command -v cmake >/dev/null || fail "cmake is not installed"
    cp -r "$src/testdata/build/cmake-project" "$work/p"
    cd "$work/p"
    run $R .
    expect_err "note: . has a CMakeLists.txt but no compile database" "the note"
    expect_err "cmake -S . -B ./build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON" "the note's command"
    cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
    run $B --verify -- cmake --build build
    expect_status 0 "racecheck build --verify -- cmake --build build"
    expect_err "running cmake (the compile database: CMake's export)" "CMake's export"
    [ ! -e .racecheck/build ] || fail "bear ran for a CMake build that exports its commands"
    # not exported: bear records the build instead
    rm -rf build
    cmake -S . -B build >/dev/null
    run $B --verify -- cmake --build build
    expect_status 0 "racecheck build --verify -- cmake --build build, no export"
    expect_err "running cmake under bear" "bear for a CMake build without the export"
    ;;
usage)
    cd "$work"
    run $B
    expect_status 2 "racecheck build without a command"
    expect_err "no build command: give it after --, as in racecheck build -- make -j8" "no command"
    run $B -p somewhere -- make
    expect_status 2 "racecheck build -p"
    expect_err "option '-p' is not used here" "-p"
    run $B --no-such-option -- make
    expect_status 2 "an unknown option"
    expect_err "racecheck build: error: unknown option '--no-such-option'" "an unknown option"
    run $B --help
    expect_status 0 "racecheck build --help"
    grep -q "^Usage: racecheck build" "$work/out" || fail "racecheck build --help"
    # -- means compiler flags; a command there is pointed at racecheck build
    run $R -- make -j8
    expect_status 2 "racecheck -- make"
    expect_err "to analyse a build, racecheck build -- make" "racecheck -- make"
    # no bear: the install hint, and the build is not run
    mkdir bin
    run env PATH="$work/bin" $rc build --db none -- make
    expect_status 2 "no bear"
    expect_err "bear is not installed" "no bear"
    expect_err "apt install bear" "no bear"
    ;;
*) fail "unknown part" ;;
esac
echo "build capture test ($part): OK"
