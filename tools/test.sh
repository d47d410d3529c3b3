#!/bin/sh
# tools/test.sh - the whole test suite, as CI runs it:
#   1. a warnings-as-errors build and every ctest test;
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. a ThreadSanitizer build running the parallel front end and checks (-j 4)
#      over all of testdata (twice: cold and warm IR cache) and the demo;
#   4. a smoke run of every libFuzzer target (clang-19, build-fuzz/);
#   5. racecheck on its own source (tools/self_analysis.sh): no finding but
#      the ones listed there with a reason.
# Build folders: build/, build-asan/, build-tsan/, build-fuzz/ (override
# with BUILD_ROOT).
set -eu
cd "$(dirname "$0")/.."
root=${BUILD_ROOT:-.}
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build (warnings as errors) and test" >&2
cmake -S . -B "$root/build" -DRACECHECK_WERROR=ON >/dev/null
cmake --build "$root/build" -j "$jobs" >/dev/null
ctest --test-dir "$root/build" --output-on-failure -j "$jobs"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer" >&2
cmake -S . -B "$root/build-asan" -DRACECHECK_WERROR=ON -DRACECHECK_SANITIZE=address,undefined \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$root/build-asan" -j "$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j "$jobs"

echo "== ThreadSanitizer: parallel front end and checks" >&2
cmake -S . -B "$root/build-tsan" -DRACECHECK_WERROR=ON -DRACECHECK_SANITIZE=thread \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$root/build-tsan" -j "$jobs" >/dev/null
# testdata/data-race/models/ needs its libraries' headers (tools/setup.sh)
model_flags="-Itestdata/data-race/models/include $(pkg-config --cflags glib-2.0 apr-1 apr-util-1 libuv 2>/dev/null || true)"
# twice on a fresh IR cache: cold (the workers write entries), then warm
# (they read them)
rm -rf "$root/build-tsan/tsan-cache"
for pass in cold warm; do
    TSAN_OPTIONS="halt_on_error=1 report_signal_unsafe=0" \
        "$root/build-tsan/racecheck" -j 4 -q --db none --cache "$root/build-tsan/tsan-cache" --format=json \
        -o /dev/null testdata/data-race -- -pthread $model_flags \
        && status=0 || status=$?
    # exit 1 only means findings (testdata has races); 2 or a TSan report fails
    if [ "$status" -gt 1 ]; then
        echo "ThreadSanitizer run ($pass IR cache) failed (exit $status)" >&2
        exit 1
    fi
done
rm -f "$root/build-tsan/tsan.db"  # the demo run also writes a findings database
TSAN_OPTIONS="halt_on_error=1" "$root/build-tsan/racecheck" -j 4 -q --db "$root/build-tsan/tsan.db" --no-cache -p testdata/demo >/dev/null && status=0 || status=$?
if [ "$status" -gt 1 ]; then
    echo "ThreadSanitizer run on the demo failed (exit $status)" >&2
    exit 1
fi
# the parallel checks on programs with many racing locations and merged
# findings, and atomicity-violation's (the model's memos) on two
for f in data-race/evidence/counter_twenty_places.c data-race/locks/lock_per_node_racy.c \
         data-race/locations/pool_fields_racy.c data-race/pointers/fnptr_ring_pool_racy.c \
         data-race/threads/nested_spawn_racy.c data-race/models/thpool_racy.c \
         atomicity-violation/locks/av_mutex_split_racy.c atomicity-violation/pointers/av_hand_over_hand_racy.c; do
    TSAN_OPTIONS="halt_on_error=1" "$root/build-tsan/racecheck" -j 4 -q --db none --no-cache --format=json \
        -o /dev/null "testdata/$f" -- -pthread $model_flags && status=0 || status=$?
    if [ "$status" -gt 1 ]; then
        echo "ThreadSanitizer run on $f failed (exit $status)" >&2
        exit 1
    fi
done
echo "== fuzz targets: a smoke run of each (tools/fuzz.sh TARGET --runs N)" >&2
# a fixed number of inputs from the seed corpus on: CI time, not coverage
# (docs/testing.md says how to run them long)
for t in $(sh tools/fuzz.sh --list); do
    BUILD_ROOT="$root" sh tools/fuzz.sh "$t" --runs "${FUZZ_SMOKE_RUNS:-5000}"
done

echo "== self-analysis: racecheck on its own source" >&2
sh tools/self_analysis.sh "$root/build/racecheck" "$root/build"

echo "all tests passed" >&2
