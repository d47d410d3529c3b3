#!/usr/bin/env bash
# bench.sh - racecheck's wall time, CPU time and peak memory against
# clang-19 -fsyntax-only and clang-tidy over the same translation units with
# the same parallelism, paired (the three tools run back to back per program).
#
#   tools/bench.sh [-j N] [--racecheck PATH] [--rounds R] [--no-tidy] [--timeout S] [--seed S] (--corpus OUTDIR [NAME...] | --synthetic LINES | -p BUILD_DIR | SOURCE_DIR)
#
# clang: every entry of the compilation database is run with its own arguments,
# the compiler replaced by clang-19, -c/-o and dependency-file flags dropped and
# -fsyntax-only added, N at a time (xargs -P N). Wall time is the whole batch
# (date +%s.%N around xargs); CPU time is the sum of every process's user and
# system time, peak memory the largest single process (/usr/bin/time per
# process).
# clang-tidy: the same, each unit as `clang-tidy --quiet --checks=CHECKS FILE --
# ARGS` with a fixed, cheap set of checks (TIDY_CHECKS below).
# racecheck: one run under /usr/bin/time -v with -j N --db none --no-cache -q
# (wall, user + system time and maximum resident set size of the process).
#
# --corpus OUTDIR [NAME...]  the configured programs tools/corpus.sh wrote
#                    (OUTDIR/NAME/compile_commands.json; racecheck also gets
#                    the racecheck_args of OUTDIR/NAME/info, e.g. --library);
#                    every NAME found in OUTDIR when none is given.
# --synthetic LINES  generates a corpus with tools/gen_corpus.py in a temporary
#                    folder and benchmarks racecheck -p on it.
# -p BUILD_DIR       uses BUILD_DIR/compile_commands.json for all tools.
# SOURCE_DIR         runs `racecheck SOURCE_DIR`; clang gets the database
#                    racecheck would use (SOURCE_DIR/compile_commands.json or
#                    SOURCE_DIR/build/compile_commands.json), or else a
#                    temporary one built the way racecheck walks a tree (every
#                    *.c below it, -I for every folder holding headers).
# --rounds R         run each program's three measurements R times (paired,
#                    in turn) and report the median of each figure (default 1).
# --no-tidy          skip clang-tidy.
# --timeout S        stop racecheck after S seconds (reported as a timeout;
#                    its figures and ratios are then lower bounds, "> R").
#
# Prints one table (a row per program) with the ratios racecheck / clang and
# the goals beside them (wall <= 1.3x, CPU <= 1.5x, peak memory <= 1.3x the
# largest clang process), then the same rows in Markdown for
# docs/benchmarks.md. Environment: CLANG (default clang-19), CLANG_TIDY
# (default clang-tidy-19, else clang-tidy). Exit status: 0 measured, 1
# racecheck failed (exit 2, crash or timeout) on some program or the tools are
# missing, 2 usage error. See docs/benchmarks.md.
set -euo pipefail

usage() {
    echo "usage: $(sed -n 's/^#   \(tools\/bench.sh .*\)/\1/p' "$0")" >&2
    exit 2
}
die() {
    printf 'bench.sh: %s\n' "$*" >&2
    exit 1
}
usage_error() {
    printf 'bench.sh: %s\n' "$*" >&2
    exit 2
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
command_line="tools/bench.sh$(printf ' %q' "$@")"

# The goals, racecheck / clang -fsyntax-only (docs/benchmarks.md#goals).
GOAL_WALL=1.3
GOAL_CPU=1.5
GOAL_RSS=1.3
# clang-tidy's checks: cheap AST matchers, fixed so runs compare.
TIDY_CHECKS='-*,concurrency-mt-unsafe,bugprone-sizeof-expression,bugprone-suspicious-memset-usage'

jobs=$(nproc)
racecheck="$repo/build/racecheck"
clang=${CLANG:-clang-19}
tidy=${CLANG_TIDY:-}
seed=1
rounds=1
use_tidy=1
timeout=0
mode=
target=
names=()
while [ $# -gt 0 ]; do
    case $1 in
        -j | --jobs) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
        -j*) jobs=${1#-j}; shift ;;
        --racecheck) [ $# -ge 2 ] || usage; racecheck=$2; shift 2 ;;
        --racecheck=*) racecheck=${1#*=}; shift ;;
        --seed) [ $# -ge 2 ] || usage; seed=$2; shift 2 ;;
        --rounds) [ $# -ge 2 ] || usage; rounds=$2; shift 2 ;;
        --timeout) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
        --no-tidy) use_tidy=0; shift ;;
        --synthetic) [ $# -ge 2 ] || usage; [ -z "$mode" ] || usage; mode=synthetic; target=$2; shift 2 ;;
        --corpus) [ $# -ge 2 ] || usage; [ -z "$mode" ] || usage; mode=corpus; target=$2; shift 2 ;;
        -p) [ $# -ge 2 ] || usage; [ -z "$mode" ] || usage; mode=cdb; target=$2; shift 2 ;;
        -h | --help) sed -n '2,43p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) printf 'bench.sh: unknown option %s\n' "$1" >&2; usage ;;
        *)
            if [ "$mode" = corpus ]; then names+=("$1")
            elif [ -z "$mode" ]; then mode=dir; target=$1
            else usage
            fi
            shift ;;
    esac
done
[ -n "$mode" ] || usage
[[ $jobs =~ ^[1-9][0-9]*$ ]] || usage_error "-j wants a positive number, not '$jobs'"
[[ $seed =~ ^[0-9]+$ ]] || usage_error "--seed wants a number, not '$seed'"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds wants a positive number, not '$rounds'"
[[ $timeout =~ ^[0-9]+$ ]] || usage_error "--timeout wants a number of seconds, not '$timeout'"

# Tools.
[ -x /usr/bin/time ] || die "GNU time is missing (/usr/bin/time); install it: apt-get install -y time"
command -v python3 >/dev/null || die "python3 is missing"
clang_path=$(command -v "$clang") || die "$clang not found (set CLANG=...)"
tidy_path=
if [ "$use_tidy" = 1 ]; then
    if [ -n "$tidy" ]; then
        tidy_path=$(command -v "$tidy") || die "$tidy not found (CLANG_TIDY)"
    else
        tidy_path=$(command -v clang-tidy-19 || command -v clang-tidy) ||
            die "clang-tidy not found (apt-get install clang-tidy-19, or --no-tidy)"
    fi
fi
if [[ $racecheck != */* ]]; then
    racecheck=$(command -v "$racecheck") || die "racecheck '$racecheck' not found on PATH"
fi
[ -x "$racecheck" ] || die "racecheck not found or not executable: $racecheck (build it, or pass --racecheck PATH)"
racecheck=$(cd "$(dirname "$racecheck")" && pwd)/$(basename "$racecheck")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/racecheck-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Programs: lines of "label<TAB>cdb<TAB>racecheck arguments..." (tab-separated).
: >"$tmp/programs"
add_program() { # label cdb rc_args...
    local label=$1 cdb=$2
    shift 2
    printf '%s\t%s' "$label" "$cdb" >>"$tmp/programs"
    printf '\t%s' "$@" >>"$tmp/programs"
    printf '\n' >>"$tmp/programs"
}
case $mode in
    corpus)
        [ -d "$target" ] || die "not a directory: $target (make the corpus with tools/corpus.sh)"
        target=$(cd "$target" && pwd)
        if [ ${#names[@]} -eq 0 ]; then
            for n in pigz memcached redis nginx libuv curl sqlite git; do
                [ -f "$target/$n/info" ] && names+=("$n")
            done
            for d in "$target"/*/info; do
                [ -f "$d" ] || continue
                n=$(basename "$(dirname "$d")")
                [[ " ${names[*]} " == *" $n "* ]] || names+=("$n")
            done
            [ ${#names[@]} -gt 0 ] || die "no programs in $target (make them with tools/corpus.sh $target)"
        fi
        for n in "${names[@]}"; do
            [ -f "$target/$n/compile_commands.json" ] && [ -f "$target/$n/info" ] ||
                die "$n: no $target/$n/compile_commands.json and info (tools/corpus.sh $target $n)"
            read -r -a extra <<<"$(sed -n 's/^racecheck_args=//p' "$target/$n/info")"
            add_program "$n" "$target/$n/compile_commands.json" "${extra[@]}" -p "$target/$n"
        done
        ;;
    synthetic)
        [[ $target =~ ^[1-9][0-9]*$ ]] || usage_error "--synthetic wants a line count, not '$target'"
        echo "generating a $target-line corpus (seed $seed) ..." >&2
        python3 "$here/gen_corpus.py" "$tmp/corpus" --lines "$target" --seed "$seed" --quiet
        add_program "synthetic $target" "$tmp/corpus/compile_commands.json" -p "$tmp/corpus"
        ;;
    cdb)
        [ -f "$target/compile_commands.json" ] || die "no compile_commands.json in $target"
        add_program "$target" "$target/compile_commands.json" -p "$target"
        ;;
    dir)
        [ -d "$target" ] || die "not a directory: $target"
        if [ -f "$target/compile_commands.json" ]; then
            cdb=$target/compile_commands.json
        elif [ -f "$target/build/compile_commands.json" ]; then
            cdb=$target/build/compile_commands.json
        else
            cdb=WALK:$target
        fi
        add_program "$target" "$cdb" "$target"
        ;;
esac

# prepare DIR CDB: one small sh script per unit and tool under DIR/clang and
# DIR/tidy (cd to the unit's directory, run the tool under /usr/bin/time) and
# a list of them for xargs; prints "units lines". CDB WALK:ROOT builds the
# database racecheck's walk of ROOT would infer.
prepare() {
    python3 - "$2" "$1" "$clang_path" "$tidy_path" "$TIDY_CHECKS" <<'EOF'
import json, os, shlex, sys

cdb_path, work, clang, tidy, checks = sys.argv[1:]

def walk(root):
    """Every *.c below root (sorted, hidden folders and CMakeFiles skipped);
    -I root, root/include and every folder holding a *.h."""
    root = os.path.abspath(root)
    sources, incs = [], [root]
    if os.path.isdir(os.path.join(root, "include")):
        incs.append(os.path.join(root, "include"))
    for d, subdirs, files in os.walk(root):
        subdirs[:] = sorted(s for s in subdirs if not s.startswith(".") and s != "CMakeFiles")
        sources += [os.path.join(d, f) for f in files if f.endswith(".c")]
        if any(f.endswith(".h") for f in files) and d not in incs:
            incs.append(d)
    incs = incs[:2] + sorted(incs[2:])
    return [{"directory": root, "file": f,
             "arguments": ["cc"] + ["-I" + i for i in incs] + ["-c", f]} for f in sorted(sources)]

if cdb_path.startswith("WALK:"):
    entries = walk(cdb_path[5:])
    cdb_dir = "/"
else:
    with open(cdb_path) as f:
        entries = json.load(f)
    cdb_dir = os.path.dirname(os.path.abspath(cdb_path))

DROP = {"-c", "-MD", "-MMD", "-MP", "-M", "-MM", "-fsyntax-only"}
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
WRAPPERS = {"ccache", "sccache", "distcc"}
tools = [("clang", clang)] + ([("tidy", tidy)] if tidy else [])
lists = {}
for name, _ in tools:
    os.makedirs(os.path.join(work, name), exist_ok=True)
    lists[name] = open(os.path.join(work, name, "list"), "wb")
files, n = set(), 0
for e in entries:
    argv = e["arguments"] if "arguments" in e else shlex.split(e["command"])
    while argv and os.path.basename(argv[0]) in WRAPPERS:
        argv = argv[1:]
    d = os.path.join(cdb_dir, e.get("directory", "."))
    source = os.path.normpath(os.path.join(d, e["file"]))
    flags, skip = [], False
    for a in argv[1:]:
        if skip:
            skip = False
        elif a in DROP_WITH_VALUE:
            skip = True
        elif a in DROP or (a[:3] in ("-MF", "-MT", "-MQ") or a.startswith("-o")):
            pass
        else:
            flags.append(a)
    files.add(source)
    cmds = {"clang": [clang] + flags + ["-fsyntax-only"]}
    if tidy:
        # clang-tidy FILE -- FLAGS: the flags without the source file itself.
        rest = [a for a in flags if a.startswith("-") or os.path.normpath(os.path.join(d, a)) != source]
        cmds["tidy"] = [tidy, "--quiet", "--checks=" + checks, source, "--"] + rest
    for name, _ in tools:
        path = os.path.join(work, name, f"{n:06d}")
        with open(path, "w") as f:
            out, err = shlex.quote(path + ".time"), shlex.quote(path + ".err")
            f.write(f"cd {shlex.quote(d)} || exit 127\n"
                    f"exec /usr/bin/time -f '%M %U %S' -o {out} {shlex.join(cmds[name])} >/dev/null 2>{err}\n")
        lists[name].write(path.encode() + b"\0")
    n += 1
for f in lists.values():
    f.close()
lines = 0
for p in files:
    with open(p, "rb") as f:
        lines += f.read().count(b"\n")
print(n, lines)
EOF
}

# batch DIR: run DIR/list N at a time; prints "wall cpu peak_kib failed first_failure".
batch() {
    local t0 t1
    rm -f "$1"/[0-9]*.time "$1"/[0-9]*.err
    t0=$(date +%s.%N)
    # xargs exits 123 when some run failed; those are counted below.
    xargs -0 -n 1 -P "$jobs" -a "$1/list" sh || [ $? -eq 123 ] || die "xargs failed"
    t1=$(date +%s.%N)
    python3 - "$1" "$t0" "$t1" <<'EOF'
import glob, sys
unit_dir, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
peak, cpu, failed, first = 0, 0.0, 0, "-"
for base in sorted(glob.glob(unit_dir + "/[0-9]*[0-9]")):
    try:
        out = [l for l in open(base + ".time").read().split("\n") if l.strip()]
    except OSError:
        out = ["no output from /usr/bin/time"]
    # A failed run has "Command exited with non-zero status N" first.
    if len(out) != 1:
        failed += 1
        if first == "-":
            first = base
    fields = out[-1].split() if out else []
    if len(fields) == 3:
        peak = max(peak, int(fields[0]))
        cpu += float(fields[1]) + float(fields[2])
print(f"{t1 - t0:.2f} {cpu:.2f} {peak} {failed} {first}")
EOF
}

# run_racecheck OUT ARGS...: prints "wall cpu peak_kib status".
run_racecheck() {
    local out=$1 rc
    shift
    local cmd=("$racecheck" -j "$jobs" --db none --no-cache --quiet -o "$out.out" "$@")
    [ "$timeout" -eq 0 ] || cmd=(timeout --kill-after=10 "$timeout" "${cmd[@]}")
    echo "  racecheck: $(printf '%q ' "${cmd[@]}")" >&2
    set +e
    /usr/bin/time -v -o "$out.time" "${cmd[@]}" >"$out.stdout" 2>"$out.stderr"
    rc=$?
    set -e
    case $rc in
        0 | 1) ;;
        *)
            if [ "$timeout" -ne 0 ] && [ "$rc" -eq 124 ]; then
                echo "bench.sh: racecheck timed out after $timeout s" >&2
            elif [ "$rc" -eq 2 ]; then
                echo "bench.sh: racecheck failed (exit 2: usage or fatal error)" >&2
            elif [ "$rc" -gt 128 ]; then
                echo "bench.sh: racecheck crashed (signal $((rc - 128)))" >&2
            else
                echo "bench.sh: racecheck exited with unexpected status $rc" >&2
            fi
            echo "command: $(printf '%q ' "${cmd[@]}")" >&2
            echo "last lines of its stderr:" >&2
            tail -n 20 "$out.stderr" | sed 's/^/  /' >&2
            ;;
    esac
    python3 - "$out.time" "$rc" <<'EOF'
import sys
wall = rss = None
cpu = 0.0
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("Elapsed (wall clock) time"):
        parts = [float(x) for x in line.rsplit(" ", 1)[1].split(":")]
        wall = sum(v * 60 ** i for i, v in enumerate(reversed(parts)))
    elif line.startswith("Maximum resident set size (kbytes):"):
        rss = int(line.rsplit(" ", 1)[1])
    elif line.startswith(("User time (seconds):", "System time (seconds):")):
        cpu += float(line.rsplit(" ", 1)[1])
if wall is None or rss is None:
    sys.exit("no figures in /usr/bin/time -v output")
print(f"{wall:.2f} {cpu:.2f} {rss} {sys.argv[2]}")
EOF
}

# Measure every program: clang, clang-tidy, racecheck, back to back, rounds
# times. results: one line per program and round.
: >"$tmp/results"
status=0
i=0
while IFS=$'\t' read -r -u 3 -a prog; do
    label=${prog[0]} cdb=${prog[1]}
    rc_args=("${prog[@]:2}")
    work=$tmp/p$i
    i=$((i + 1))
    read -r units lines < <(prepare "$work" "$cdb") || die "$label: could not read $cdb"
    [ "${units:-0}" -gt 0 ] || die "$label: no translation units in $cdb"
    for r in $(seq "$rounds"); do
        echo "$label ($units units, $lines lines), round $r of $rounds:" >&2
        echo "  clang: -P $jobs ..." >&2
        read -r cw cc cm cf cfirst < <(batch "$work/clang")
        if [ "$cf" -gt 0 ] && [ "$r" = 1 ]; then
            echo "  warning: clang reported errors in $cf of $units units; first:" >&2
            { tail -n 1 "$cfirst.time"; head -n 5 "$cfirst.err"; } | sed 's/^/    /' >&2
        fi
        tw=- tc=- tm=- tf=0
        if [ -n "$tidy_path" ]; then
            echo "  clang-tidy: -P $jobs ..." >&2
            read -r tw tc tm tf tfirst < <(batch "$work/tidy")
            if [ "$tf" -gt 0 ] && [ "$r" = 1 ]; then
                echo "  warning: clang-tidy failed on $tf of $units units; first:" >&2
                { tail -n 1 "$tfirst.time"; head -n 5 "$tfirst.err"; } | sed 's/^/    /' >&2
            fi
        fi
        read -r rw rcpu rm rstatus < <(run_racecheck "$work/racecheck" "${rc_args[@]}") ||
            die "$label: could not read racecheck's figures from /usr/bin/time -v"
        case $rstatus in 0 | 1) ;; *) status=1 ;; esac
        printf '%s\t%s\t%s\t%s %s %s %s\t%s %s %s %s\t%s %s %s %s\n' "$label" "$units" "$lines" \
            "$cw" "$cc" "$cm" "$cf" "$tw" "$tc" "$tm" "$tf" "$rw" "$rcpu" "$rm" "$rstatus" >>"$tmp/results"
    done
done 3<"$tmp/programs" </dev/null

# Report.
model=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -n 1)
[ -n "$model" ] || model=$(uname -m)
tidy_version=-
[ -z "$tidy_path" ] || tidy_version=$("$tidy_path" --version | sed -n 's/.*LLVM version \([0-9.]*\).*/\1/p' | head -n 1)
python3 - "$tmp/results" "$model, $(nproc) cores" "$command_line" "$($clang_path --version | head -n 1)" \
    "$jobs" "$rounds" "$tidy_version" "$TIDY_CHECKS" "$GOAL_WALL" "$GOAL_CPU" "$GOAL_RSS" <<'EOF'
import datetime, statistics, sys
results, machine, command, clang_version, jobs, rounds, tidy_version, checks = sys.argv[1:9]
goal = {"wall": float(sys.argv[9]), "cpu": float(sys.argv[10]), "rss": float(sys.argv[11])}
progs = {}
for line in open(results):
    label, units, lines, c, t, r = line.rstrip("\n").split("\t")
    progs.setdefault(label, {"units": int(units), "lines": int(lines), "runs": []})["runs"].append(
        (c.split(), t.split(), r.split()))

def med(values):
    values = [float(v) for v in values if v != "-"]
    return statistics.median(values) if values else None

rows = []
for label, p in progs.items():
    runs = p["runs"]
    fig = {}
    for k, tool in enumerate(("clang", "tidy", "rc")):
        fig[tool] = [med(run[k][j] for run in runs) for j in range(3)]
    statuses = sorted({run[2][3] for run in runs})
    fails = max(int(run[0][3]) for run in runs), max(int(run[1][3]) for run in runs)
    rows.append((label, p, fig, statuses, fails))

def secs(v):
    return "-" if v is None else f"{v:.1f} s" if v >= 10 else f"{v:.2f} s"

def mib(v):
    return "-" if v is None else f"{v / 1024:.0f} MiB"

def ratio(a, b, g, bound=False):
    """a / b with the verdict; bound: a is a lower bound (a timeout)."""
    if a is None or not b:
        return "n/a"
    r = a / b
    if bound:
        return f"> {r:.1f} {'OVER' if r > g else '?'}"
    return f"{r:.2f} {'ok' if r <= g else 'OVER'}"

def status_text(statuses):
    names = {"0": "no findings", "1": "findings", "2": "failed (exit 2)", "124": "timed out"}
    return ", ".join(names.get(s, f"crashed (signal {int(s) - 128})" if int(s) > 128 else f"exit {s}")
                     for s in statuses)

head = ["program", "units", "lines",
        "clang wall", "CPU", "RSS",
        "tidy wall", "CPU", "RSS",
        "racecheck wall", "CPU", "RSS",
        f"wall x (<= {goal['wall']})", f"CPU x (<= {goal['cpu']})", f"RSS x (<= {goal['rss']})", "racecheck"]
table = []
for label, p, fig, statuses, fails in rows:
    c, t, r = fig["clang"], fig["tidy"], fig["rc"]
    ok = all(st in ("0", "1") for st in statuses)
    bound = statuses == ["124"]  # every round timed out: the figures are lower bounds
    table.append([label, str(p["units"]), str(p["lines"]),
                  secs(c[0]), secs(c[1]), mib(c[2]),
                  secs(t[0]), secs(t[1]), mib(t[2]),
                  secs(r[0]), secs(r[1]), mib(r[2]),
                  ratio(r[0], c[0], goal["wall"], bound) if ok or bound else "n/a",
                  ratio(r[1], c[1], goal["cpu"], bound) if ok or bound else "n/a",
                  ratio(r[2], c[2], goal["rss"], bound) if ok or bound else "n/a",
                  status_text(statuses)])
print(f"machine:    {machine}")
print(f"command:    {command}")
print(f"clang:      {clang_version}, -fsyntax-only, xargs -P {jobs}")
print(f"clang-tidy: {tidy_version}, --checks={checks}, xargs -P {jobs}")
print(f"racecheck:  -j {jobs} --db none --no-cache -q; figures are medians of {rounds} paired round(s)")
print("ratios: racecheck / clang -fsyntax-only (RSS: the largest single clang process)")
print()
width = [max(len(h), *(len(r[k]) for r in table)) for k, h in enumerate(head)]
print("  ".join(h.rjust(w) if k else h.ljust(w) for k, (h, w) in enumerate(zip(head, width))))
for r in table:
    print("  ".join(v.rjust(w) if k else v.ljust(w) for k, (v, w) in enumerate(zip(r, width))))
failed = [(row[0], row[4]) for row in rows if row[4][0] or row[4][1]]
if failed:
    print()
    for label, (cf, tf) in failed:
        print(f"note: {label}: clang reported errors in {cf} unit(s), clang-tidy in {tf}")
print("\nrows for docs/benchmarks.md:")
print(f"<!-- {datetime.date.today().isoformat()}, {machine}: {command} -->")
for r in table:
    print("| " + " | ".join([r[0], r[1], r[2], " / ".join(r[3:6]), " / ".join(r[6:9]), " / ".join(r[9:12])]
                           + [v.replace("OVER", "**over**") for v in r[12:15]] + [r[15]]) + " |")
EOF
exit $status
