#!/bin/sh
# tools/no_writes_test.sh RACECHECK - a compile database cannot make racecheck
# (libclang) write files (issue 14.3).
#
# In a temporary folder, a compile_commands.json whose one entry carries
# every option that makes clang write or load a file, in each spelling
# (separate, joined, through -Xclang, -Xpreprocessor and -Wp,), all aimed at
# out/ or the working folder; racecheck runs there with --db and -o. Passes
# when the only files written are the database and the -o file, and the
# unit was still analysed with its other flags (-DFOO, given through -Wp,
# between two dropped ones, makes the race that must be reported).
set -u
rc=${1:?usage: no_writes_test.sh RACECHECK}
dir=$(mktemp -d "${TMPDIR:-/tmp}/no_writes.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/out"
cat >"$dir/main.c" <<'C'
#include <pthread.h>
int counter;
static void *worker(void *a) {
#ifdef FOO
    counter++;
#endif
    return a;
}
int main(void) { pthread_t t; pthread_create(&t, 0, worker, 0); counter++; pthread_join(t, 0); return 0; }
C
cat >"$dir/compile_commands.json" <<'J'
[{"directory": ".", "file": "main.c", "arguments": ["cc", "-c", "main.c", "-o", "out/main.o",
  "-MD", "-MF", "out/mf.d", "-MMD", "-MFout/mf2.d", "-MT", "x", "-MJ", "out/mj.json", "-MJout/mj2.json",
  "--write-dependencies", "--output=out/o2.o", "--output", "out/o3.o", "-oout/o4.o",
  "-Xclang", "-dependency-file", "-Xclang", "out/xdep.d", "-Xclang", "-MT", "-Xclang", "main.o",
  "-Xclang", "-dependency-dot", "-Xclang", "out/dot.dot",
  "-Xclang", "-header-include-file", "-Xclang", "out/hinc.txt", "-H",
  "-Xclang", "-module-dependency-dir", "-Xclang", "out/mdd",
  "-Xclang", "-diagnostic-log-file", "-Xclang", "out/diag.log",
  "-Xclang", "-stats-file=out/stats.txt", "-Xclang", "-print-stats",
  "-Xpreprocessor", "-dependency-file", "-Xpreprocessor", "out/pp.d",
  "-Wp,-MD,out/wp.d,-DFOO,-MMD,out/wp2.d",
  "-ftime-trace", "-ftime-trace=out/trace.json", "-ftime-trace-granularity=1",
  "-save-temps", "-save-temps=obj", "--save-temps", "-save-stats", "-save-stats=cwd",
  "-fcrash-diagnostics-dir=out/crash", "-gen-reproducer",
  "-fprofile-generate", "-fprofile-generate=out/prof", "-fprofile-instr-generate=out/prof2",
  "-fprofile-arcs", "-ftest-coverage", "--coverage",
  "--serialize-diagnostics", "out/diag.dia", "-fproc-stat-report=out/proc",
  "-fmodules", "-fmodules-cache-path=out/mc", "-fsave-optimization-record",
  "-foptimization-record-file=out/opt.yaml", "-mllvm", "-info-output-file=out/info.txt"]}]
J
touch "$dir/stamp"
sleep 1
(cd "$dir" && "$rc" -q --no-cache --db "$dir/run.db" -o "$dir/findings.txt" -p .) >"$dir/log" 2>&1
status=$?
written=$(cd "$dir" && find . -newer stamp ! -type d ! -name run.db ! -name 'run.db-*' ! -name findings.txt \
    ! -name log | sort)
fail=0
if [ -n "$written" ]; then
    echo "no_writes: FAIL: the compile database made racecheck write:"; echo "$written"; fail=1
fi
if [ "$status" -ne 1 ]; then
    echo "no_writes: FAIL: exit $status, expected 1 (the race)"; fail=1
fi
if ! grep -q "main.c:5:.*data race on 'counter'" "$dir/findings.txt"; then
    echo "no_writes: FAIL: the race on counter (needs -DFOO from -Wp,) is not reported"; fail=1
fi
if [ "$fail" -ne 0 ]; then cat "$dir/log" "$dir/findings.txt"; exit 1; fi
echo "no_writes: ok"
