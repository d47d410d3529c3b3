#!/usr/bin/env bash
# bench.sh - racecheck's wall time and peak memory against clang-19 -fsyntax-only
# over the same translation units with the same parallelism, in one run.
#
#   tools/bench.sh [-j N] [--racecheck PATH] [--seed S] (--synthetic LINES | -p BUILD_DIR | SOURCE_DIR)
#
# clang: every entry of the compilation database is run with its own arguments,
# the compiler replaced by clang-19, -c/-o and dependency-file flags dropped and
# -fsyntax-only added, N at a time (xargs -P N). Wall time is the whole batch
# (date +%s.%N around xargs); peak memory is the largest single clang process
# (/usr/bin/time -f %M per process).
# racecheck: one run under /usr/bin/time -v with -j N (wall time and maximum
# resident set size of the process).
#
# --synthetic LINES  generates a corpus with tools/gen_corpus.py in a temporary
#                    folder and benchmarks racecheck -p on it.
# -p BUILD_DIR       uses BUILD_DIR/compile_commands.json for both tools.
# SOURCE_DIR         runs `racecheck SOURCE_DIR`; clang gets the database
#                    racecheck would use (SOURCE_DIR/compile_commands.json or
#                    SOURCE_DIR/build/compile_commands.json), or else a
#                    temporary one built the way racecheck walks a tree (every
#                    *.c below it, -I for every folder holding headers).
#
# Environment: CLANG (default clang-19). Exit status: 0 measured, 1 racecheck
# failed (exit 2 or crash) or the tools are missing, 2 usage error.
# See docs/benchmarks.md.
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

jobs=$(nproc)
racecheck="$repo/build/racecheck"
clang=${CLANG:-clang-19}
seed=1
mode=
target=
while [ $# -gt 0 ]; do
    case $1 in
        -j | --jobs) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
        -j*) jobs=${1#-j}; shift ;;
        --racecheck) [ $# -ge 2 ] || usage; racecheck=$2; shift 2 ;;
        --racecheck=*) racecheck=${1#*=}; shift ;;
        --seed) [ $# -ge 2 ] || usage; seed=$2; shift 2 ;;
        --synthetic) [ $# -ge 2 ] || usage; [ -z "$mode" ] || usage; mode=synthetic; target=$2; shift 2 ;;
        -p) [ $# -ge 2 ] || usage; [ -z "$mode" ] || usage; mode=cdb; target=$2; shift 2 ;;
        -h | --help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) printf 'bench.sh: unknown option %s\n' "$1" >&2; usage ;;
        *) [ -z "$mode" ] || usage; mode=dir; target=$1; shift ;;
    esac
done
[ -n "$mode" ] || usage
[[ $jobs =~ ^[1-9][0-9]*$ ]] || usage_error "-j wants a positive number, not '$jobs'"
[[ $seed =~ ^[0-9]+$ ]] || usage_error "--seed wants a number, not '$seed'"

# Tools.
[ -x /usr/bin/time ] || die "GNU time is missing (/usr/bin/time); install it: apt-get install -y time"
command -v python3 >/dev/null || die "python3 is missing"
clang_path=$(command -v "$clang") || die "$clang not found (set CLANG=...)"
if [[ $racecheck != */* ]]; then
    racecheck=$(command -v "$racecheck") || die "racecheck '$racecheck' not found on PATH"
fi
[ -x "$racecheck" ] || die "racecheck not found or not executable: $racecheck (build it, or pass --racecheck PATH)"
racecheck=$(cd "$(dirname "$racecheck")" && pwd)/$(basename "$racecheck")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/racecheck-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Inputs: the compilation database clang runs, and racecheck's arguments.
case $mode in
    synthetic)
        [[ $target =~ ^[1-9][0-9]*$ ]] || usage_error "--synthetic wants a line count, not '$target'"
        echo "generating a $target-line corpus (seed $seed) ..." >&2
        python3 "$here/gen_corpus.py" "$tmp/corpus" --lines "$target" --seed "$seed" --quiet
        cdb=$tmp/corpus/compile_commands.json
        rc_input=(-p "$tmp/corpus")
        ;;
    cdb)
        [ -f "$target/compile_commands.json" ] || die "no compile_commands.json in $target"
        cdb=$target/compile_commands.json
        rc_input=(-p "$target")
        ;;
    dir)
        [ -d "$target" ] || die "not a directory: $target"
        if [ -f "$target/compile_commands.json" ]; then
            cdb=$target/compile_commands.json
        elif [ -f "$target/build/compile_commands.json" ]; then
            cdb=$target/build/compile_commands.json
        else
            cdb=$tmp/walk/compile_commands.json
        fi
        rc_input=("$target")
        ;;
esac

# Prepare one small sh script per unit (cd to its directory, run clang under
# /usr/bin/time -f %M) and count units and lines. For a tree without a
# database, first write the one racecheck's walk would infer.
mkdir -p "$tmp/units"
read -r units lines < <(python3 - "$cdb" "$tmp/units" "$clang_path" "$mode" "$target" <<'EOF'
import json, os, shlex, sys

cdb_path, unit_dir, clang, mode, target = sys.argv[1:]

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

if mode == "dir" and not os.path.exists(cdb_path):
    os.makedirs(os.path.dirname(cdb_path), exist_ok=True)
    entries = walk(target)
    with open(cdb_path, "w") as f:
        json.dump(entries, f, indent=1)
else:
    with open(cdb_path) as f:
        entries = json.load(f)

DROP = {"-c", "-MD", "-MMD", "-MP", "-M", "-MM", "-fsyntax-only"}
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
WRAPPERS = {"ccache", "sccache", "distcc"}
cdb_dir = os.path.dirname(os.path.abspath(cdb_path))
files, n = set(), 0
with open(os.path.join(unit_dir, "list"), "wb") as lst:
    for e in entries:
        argv = e["arguments"] if "arguments" in e else shlex.split(e["command"])
        while argv and os.path.basename(argv[0]) in WRAPPERS:
            argv = argv[1:]
        out, skip = [clang], False
        for a in argv[1:]:
            if skip:
                skip = False
            elif a in DROP_WITH_VALUE:
                skip = True
            elif a in DROP or (a[:3] in ("-MF", "-MT", "-MQ") or a.startswith("-o")):
                pass
            else:
                out.append(a)
        out.append("-fsyntax-only")
        d = os.path.join(cdb_dir, e.get("directory", "."))
        files.add(os.path.normpath(os.path.join(d, e["file"])))
        path = os.path.join(unit_dir, f"{n:06d}")
        with open(path, "w") as f:
            rss, err = shlex.quote(path + ".rss"), shlex.quote(path + ".err")
            f.write(f"cd {shlex.quote(d)} || exit 127\n"
                    f"exec /usr/bin/time -f %M -o {rss} {shlex.join(out)} >/dev/null 2>{err}\n")
        lst.write(path.encode() + b"\0")
        n += 1
lines = 0
for p in files:
    with open(p, "rb") as f:
        lines += f.read().count(b"\n")
print(n, lines)
EOF
) || die "could not read $cdb"
[ "$units" -gt 0 ] || die "no translation units in $cdb"

echo "clang: $units units, -P $jobs ..." >&2
t0=$(date +%s.%N)
# xargs exits 123 when some clang run failed; those are counted below.
xargs -0 -n 1 -P "$jobs" -a "$tmp/units/list" sh || [ $? -eq 123 ] || die "xargs failed"
t1=$(date +%s.%N)

read -r clang_wall clang_rss_kb clang_failed first_failure < <(python3 - "$tmp/units" "$t0" "$t1" <<'EOF'
import glob, sys
unit_dir, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
peak, failed, first = 0, 0, "-"
for base in sorted(glob.glob(unit_dir + "/[0-9]*[0-9]")):
    try:
        out = open(base + ".rss").read().split("\n")
    except OSError:
        out = ["no output from /usr/bin/time"]
    out = [l for l in out if l.strip()]
    if len(out) != 1 or not out[0].isdigit():
        failed += 1
        if first == "-":
            first = base
    if out and out[-1].isdigit():
        peak = max(peak, int(out[-1]))
print(f"{t1 - t0:.2f}", peak, failed, first)
EOF
) || die "could not collect clang's figures"
if [ "$clang_failed" -gt 0 ]; then
    echo "warning: clang reported errors in $clang_failed of $units units; first:" >&2
    { tail -n 1 "$first_failure"; head -n 5 "$first_failure.err"; } | sed 's/^/  /' >&2
fi

rc_cmd=("$racecheck" -j "$jobs" --db none --no-cache --quiet -o "$tmp/racecheck.out" "${rc_input[@]}")
echo "racecheck: $(printf '%q ' "${rc_cmd[@]}")..." >&2
set +e
/usr/bin/time -v -o "$tmp/racecheck.time" "${rc_cmd[@]}" >"$tmp/racecheck.stdout" 2>"$tmp/racecheck.stderr"
rc=$?
set -e
case $rc in
    0 | 1) ;;
    *)
        if [ "$rc" -eq 2 ]; then
            echo "bench.sh: racecheck failed (exit 2: usage or fatal error)" >&2
        elif [ "$rc" -gt 128 ]; then
            echo "bench.sh: racecheck crashed (signal $((rc - 128)))" >&2
        else
            echo "bench.sh: racecheck exited with unexpected status $rc" >&2
        fi
        echo "command: $(printf '%q ' "${rc_cmd[@]}")" >&2
        echo "last lines of its stderr:" >&2
        tail -n 20 "$tmp/racecheck.stderr" | sed 's/^/  /' >&2
        exit 1
        ;;
esac
read -r rc_wall rc_rss_kb < <(python3 - "$tmp/racecheck.time" <<'EOF'
import sys
wall = rss = None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("Elapsed (wall clock) time"):
        parts = [float(x) for x in line.rsplit(" ", 1)[1].split(":")]
        wall = sum(v * 60 ** i for i, v in enumerate(reversed(parts)))
    elif line.startswith("Maximum resident set size (kbytes):"):
        rss = int(line.rsplit(" ", 1)[1])
if wall is None or rss is None:
    sys.exit("no figures in /usr/bin/time -v output")
print(f"{wall:.2f}", rss)
EOF
) || die "could not read racecheck's figures from /usr/bin/time -v"

# Report.
model=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -n 1)
[ -n "$model" ] || model=$(uname -m)
machine="$model, $(nproc) cores"
python3 - "$units" "$lines" "$clang_wall" "$rc_wall" "$clang_rss_kb" "$rc_rss_kb" "$machine" \
    "$command_line" "$rc" "$($clang_path --version | head -n 1)" "$jobs" <<'EOF'
import datetime, sys
units, lines = int(sys.argv[1]), int(sys.argv[2])
cw, rw = float(sys.argv[3]), float(sys.argv[4])
cm, rm = int(sys.argv[5]) / 1024, int(sys.argv[6]) / 1024
machine, command, rc, clang_version, jobs = sys.argv[7:]
ratio = lambda a, b: f"{a / b:.2f}" if b > 0 else "n/a"
wall_ratio, rss_ratio = ratio(rw, cw), ratio(rm, cm)
print(f"machine:   {machine}")
print(f"command:   {command}")
print(f"clang:     {clang_version}, -fsyntax-only, xargs -P {jobs}")
print(f"racecheck: exit {rc} ({'findings' if rc == '1' else 'no findings'}), -j {jobs}")
print()
head = ["units", "lines", "clang wall", "racecheck wall", "ratio", "clang RSS", "racecheck RSS", "ratio"]
row = [str(units), str(lines), f"{cw:.2f} s", f"{rw:.2f} s", wall_ratio, f"{cm:.0f} MiB", f"{rm:.0f} MiB", rss_ratio]
width = [max(len(h), len(r)) for h, r in zip(head, row)]
print("  ".join(h.rjust(w) for h, w in zip(head, width)))
print("  ".join(r.rjust(w) for r, w in zip(row, width)))
verdict = lambda r: "n/a" if r == "n/a" else ("within" if float(r) <= 2 else "OVER")
print(f"\ntargets (<= 2x clang): wall {verdict(wall_ratio)}, memory {verdict(rss_ratio)}")
print("\nrow for docs/benchmarks.md:")
print(f"| {datetime.date.today().isoformat()} | {machine} | `{command}` | " + " | ".join(row) + " |")
EOF
