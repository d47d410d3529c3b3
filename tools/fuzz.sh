#!/bin/sh
# tools/fuzz.sh - build and run one libFuzzer target (docs/testing.md,
# "Fuzzing").
#
#   tools/fuzz.sh TARGET SECONDS [LIBFUZZER_ARGS...]   run for SECONDS
#   tools/fuzz.sh TARGET --runs N [LIBFUZZER_ARGS...]  run N inputs (the
#                                                       smoke run of tools/test.sh)
#   tools/fuzz.sh --list                                the targets
#
# TARGET is one of cdb, config, models, baseline, suppress, glob. The
# targets are built with clang-19 -fsanitize=fuzzer,address,undefined in
# build-fuzz/ (BUILD_ROOT overrides the folder holding it). The run starts
# from the seed corpus fuzz/corpus/TARGET/ (never modified) plus the working
# corpus build-fuzz/corpus/TARGET/, where new inputs go; a crash, leak or
# timeout writes its input to build-fuzz/findings/TARGET/ and fails. The
# last line is "fuzz: TARGET: N executions, no finding".
set -eu
cd "$(dirname "$0")/.."
root=${BUILD_ROOT:-.}
targets="cdb config models baseline suppress glob"
if [ "${1:-}" = "--list" ]; then echo "$targets"; exit 0; fi
[ $# -ge 2 ] || { echo "usage: tools/fuzz.sh TARGET SECONDS|--runs N [LIBFUZZER_ARGS...]" >&2; exit 2; }
target=$1
shift
case " $targets " in *" $target "*) ;; *) echo "fuzz: unknown target '$target' (one of: $targets)" >&2; exit 2 ;; esac
if [ "$1" = "--runs" ]; then
    [ $# -ge 2 ] || { echo "fuzz: --runs needs a number" >&2; exit 2; }
    limit="-runs=$2"
    shift 2
else
    limit="-max_total_time=$1"
    shift
fi
build="$root/build-fuzz"
cc=$(command -v clang-19 || true)
[ -n "$cc" ] || { echo "fuzz: clang-19 is needed (tools/setup.sh)" >&2; exit 2; }
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S . -B "$build" -DCMAKE_C_COMPILER="$cc" -DRACECHECK_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j 2 --target "${target}_fuzz" >/dev/null
corpus="$build/corpus/$target"
findings="$build/findings/$target"
mkdir -p "$corpus" "$findings"
log="$build/fuzz-$target.log"
# -timeout: an input that takes over 10 s is a hang; -rss_limit_mb: a blow-up
status=0
"$build/fuzz/${target}_fuzz" "$limit" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$@" "$corpus" "fuzz/corpus/$target" >"$log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
if [ "$status" -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz: $target: FAILED after ${runs:-?} executions (exit $status); the input is in $findings/" >&2
    exit 1
fi
echo "fuzz: $target: ${runs:-?} executions, no finding"
