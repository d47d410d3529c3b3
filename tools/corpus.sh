#!/usr/bin/env bash
# corpus.sh - fetch, configure and build the benchmark corpus of real programs,
# each the way its users build it, and write for each a compilation database
# restricted to the units of the analysed program.
#
#   tools/corpus.sh [--src-root DIR] [-j N] [--no-deps] OUTDIR [NAME...]
#
# NAME: pigz memcached redis nginx libuv curl sqlite git (default: all of
# them, in that order). For each program, OUTDIR/NAME/ gets
#   src/                   the sources at the pinned commit, configured, built
#   compile_commands.json  the analysed program's units, one entry per file
#   info                   key=value lines: source, commit, configure command,
#                          units, racecheck_args (e.g. --library), lines
# and `racecheck -p OUTDIR/NAME $(sed -n 's/^racecheck_args=//p' OUTDIR/NAME/info)`
# analyses it; tools/bench.sh --corpus OUTDIR runs the whole set.
#
# --src-root DIR  clone NAME from DIR/NAME (or DIR/NAME-conf) instead of
#                 https://github.com/...; the pinned commit must be in it.
#                 sqlite always comes from Debian's source package.
# -j N            build parallelism (default: nproc)
# --no-deps       do not install the Debian build dependencies (by default
#                 the missing ones are installed with apt-get, as
#                 tools/setup.sh does; that needs root or sudo)
#
# A program that is already done (OUTDIR/NAME/info exists) is skipped; delete
# OUTDIR/NAME to redo it. Nothing is written outside OUTDIR except the
# packages installed. Exit status: 0 all done, 1 a program failed (the others
# are still done), 2 usage error. See docs/benchmarks.md.
set -euo pipefail

usage() {
    echo "usage: $(sed -n 's/^#   \(tools\/corpus.sh .*\)/\1/p' "$0")" >&2
    exit 2
}
die() {
    printf 'corpus.sh: %s\n' "$*" >&2
    exit 1
}

ALL="pigz memcached redis nginx libuv curl sqlite git"

# Pinned sources: upstream repository and commit.
declare -A URL=(
    [pigz]=https://github.com/madler/pigz
    [memcached]=https://github.com/memcached/memcached
    [redis]=https://github.com/redis/redis
    [nginx]=https://github.com/nginx/nginx
    [libuv]=https://github.com/libuv/libuv
    [curl]=https://github.com/curl/curl
    [git]=https://github.com/git/git
)
declare -A COMMIT=(
    [pigz]=fe4894f57739e3039a2ffc2a2a360d35e19bacbe       # 2.8, 2023-08-19
    [memcached]=2d51e364799bc9698bd4b11728ea978cea12da6e  # 2026-07-09
    [redis]=4f8cdc2a1ea53e42955af758aabffee67cb455dd      # 2024-10-18
    [nginx]=3f6f7824d4e2eb1ac37dec76683d525ac0ff521c      # 2026-08-21
    [libuv]=6179e7af87413396d5853a1c3722c8b5749336c8      # 2026-05-15
    [curl]=5c61e168698a72b87437d58ed728bcdea6d5db42       # 2026-08-22
    [git]=1a3e64c6c4a623626ff0687008732a8e007e2a1c        # 2026-08-20
)
# SQLite: the amalgamation built from Debian 12's source package.
SQLITE_DEB=3.40.1-2+deb12u2

# Debian packages each program's build needs (beyond gcc, make, git, bear,
# python3, which every one needs).
declare -A DEPS=(
    [pigz]="zlib1g-dev"
    [memcached]="autoconf automake libtool pkg-config libevent-dev"
    [redis]="pkg-config"
    [nginx]="libpcre2-dev zlib1g-dev"
    [libuv]="cmake"
    [curl]="cmake libssl-dev zlib1g-dev libpsl-dev"
    [sqlite]="dpkg-dev xz-utils tcl"
    [git]="zlib1g-dev libssl-dev libcurl4-openssl-dev gettext"
)
COMMON_DEPS="gcc make libc6-dev git bear python3 ca-certificates"

src_root=
jobs=$(nproc)
deps=1
outdir=
names=()
while [ $# -gt 0 ]; do
    case $1 in
        --src-root) [ $# -ge 2 ] || usage; src_root=$2; shift 2 ;;
        --src-root=*) src_root=${1#*=}; shift ;;
        -j) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
        -j*) jobs=${1#-j}; shift ;;
        --no-deps) deps=0; shift ;;
        -h | --help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) printf 'corpus.sh: unknown option %s\n' "$1" >&2; usage ;;
        *) if [ -z "$outdir" ]; then outdir=$1; else names+=("$1"); fi; shift ;;
    esac
done
[ -n "$outdir" ] || usage
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "corpus.sh: -j wants a positive number, not '$jobs'" >&2; exit 2; }
[ ${#names[@]} -gt 0 ] || read -r -a names <<<"$ALL"
for n in "${names[@]}"; do
    [[ " $ALL " == *" $n "* ]] || { echo "corpus.sh: unknown program '$n' (known: $ALL)" >&2; exit 2; }
done
if [ -n "$src_root" ]; then
    [ -d "$src_root" ] || die "--src-root: not a directory: $src_root"
    src_root=$(cd "$src_root" && pwd)
fi
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

# Build dependencies: install the missing ones (as tools/setup.sh does).
if [ "$deps" = 1 ]; then
    want=$COMMON_DEPS
    for n in "${names[@]}"; do want="$want ${DEPS[$n]}"; done
    missing=
    for p in $want; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            [[ " $missing " == *" $p "* ]] || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "corpus.sh: installing:$missing" >&2
        if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
fi

# filter_cdb IN OUT [--under DIR]... [--output GLOB]...
# Writes OUT from IN: the .c entries whose file lies below one of the --under
# folders (relative to the source tree), whose output object (CMake's
# "output", or the -o argument; or its base name) matches one of the
# --output globs; then one entry per file (the first). Prints "units lines" (lines of the .c files).
filter_cdb() {
    python3 - "$@" <<'EOF'
import fnmatch, json, os, shlex, sys
args = sys.argv[1:]
src, dst, under, outputs = args[0], args[1], [], []
i = 2
while i < len(args):
    {"--under": under, "--output": outputs}[args[i]].append(args[i + 1])
    i += 2
root = os.environ["CORPUS_SRC"]
under = [os.path.join(root, u).rstrip("/") + "/" for u in under]
with open(src) as f:
    entries = json.load(f)
kept, seen = [], set()
for e in entries:
    d = e.get("directory", root)
    path = os.path.normpath(os.path.join(d, e["file"]))
    if not path.endswith(".c") or path in seen:
        continue
    if under and not any(path.startswith(u) for u in under):
        continue
    argv = e["arguments"] if "arguments" in e else shlex.split(e["command"])
    out = e.get("output")
    if out is None:
        out = next((argv[k + 1] for k in range(len(argv) - 1) if argv[k] == "-o"), "")
    if outputs and not any(fnmatch.fnmatch(out, g) or fnmatch.fnmatch(os.path.basename(out), g)
                           for g in outputs):
        continue
    seen.add(path)
    kept.append({"directory": d, "file": path, "arguments": argv, "output": out})
with open(dst, "w") as f:
    json.dump(kept, f, indent=1)
lines = 0
for p in seen:
    with open(p, "rb") as f:
        lines += f.read().count(b"\n")
print(len(kept), lines)
EOF
}

# fetch NAME: the sources at the pinned commit into $dir/src.
fetch() {
    local n=$1 from
    rm -rf "$dir/src"
    if [ -n "$src_root" ]; then
        from=$src_root/$n
        [ -d "$from" ] || from=$src_root/$n-conf
        [ -d "$from" ] || die "$n: neither $src_root/$n nor $src_root/$n-conf exists"
        git clone --quiet --no-checkout "$from" "$dir/src"
        git -C "$dir/src" checkout --quiet --detach "${COMMIT[$n]}"
        source_desc="$from (clone of ${URL[$n]})"
    else
        git init --quiet "$dir/src"
        git -C "$dir/src" fetch --quiet --depth 1 "${URL[$n]}" "${COMMIT[$n]}"
        git -C "$dir/src" checkout --quiet --detach FETCH_HEAD
        source_desc=${URL[$n]}
    fi
    commit=${COMMIT[$n]}
}

# One function per program: configure and build in $dir/src, write
# $dir/compile_commands.json; set configure_desc, units_desc, rc_args.
build_pigz() {
    fetch pigz
    (cd "$dir/src" && bear --output "$dir/raw.json" -- make -j"$jobs") >"$dir/build.log" 2>&1
    configure_desc="bear -- make"
    units_desc="every unit (pigz.c yarn.c try.c and zopfli/src/zopfli/*.c, linked into pigz)"
    filter_cdb "$dir/raw.json" "$dir/compile_commands.json"
}

build_memcached() {
    fetch memcached
    (cd "$dir/src" && ./autogen.sh && ./configure && bear --output "$dir/raw.json" -- make -j"$jobs" memcached) \
        >"$dir/build.log" 2>&1
    configure_desc="./autogen.sh && ./configure && bear -- make memcached"
    units_desc="the server's units (target memcached: not memcached-debug, sizes, testapp, timedrun)"
    filter_cdb "$dir/raw.json" "$dir/compile_commands.json" --output 'memcached-*.o'
}

build_redis() {
    fetch redis
    (cd "$dir/src" && bear --output "$dir/raw.json" -- make -j"$jobs" MALLOC=libc) >"$dir/build.log" 2>&1
    configure_desc="bear -- make MALLOC=libc"
    units_desc="the server's units (src/Makefile's REDIS_SERVER_OBJ; not redis-cli, redis-benchmark or deps/)"
    # The objects redis-server links, as src/Makefile lists them.
    local objs o
    objs=$(cd "$dir/src/src" && printf 'print-server-obj:\n\t@echo $(REDIS_SERVER_OBJ)\n' |
        make -s -f Makefile -f - MALLOC=libc print-server-obj)
    [ -n "$objs" ] || die "redis: could not read REDIS_SERVER_OBJ from src/Makefile"
    local patterns=()
    for o in $objs; do patterns+=(--output "$o"); done
    filter_cdb "$dir/raw.json" "$dir/compile_commands.json" --under src "${patterns[@]}"
}

build_nginx() {
    fetch nginx
    (cd "$dir/src" && ./auto/configure --with-threads && bear --output "$dir/raw.json" -- make -j"$jobs") \
        >"$dir/build.log" 2>&1
    configure_desc="./auto/configure --with-threads && bear -- make"
    units_desc="every unit (objs/nginx, including the generated objs/ngx_modules.c)"
    filter_cdb "$dir/raw.json" "$dir/compile_commands.json"
}

build_libuv() {
    fetch libuv
    local cmake_args=(-DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DLIBUV_BUILD_TESTS=OFF
        -DLIBUV_BUILD_BENCH=OFF)
    cmake -S "$dir/src" -B "$dir/src/build" "${cmake_args[@]}" >"$dir/build.log" 2>&1
    configure_desc="cmake ${cmake_args[*]} (configure only: the database needs no build)"
    units_desc="the shared library's units (target uv; uv_a compiles the same files)"
    # libuv's documented contract: the functions its docs/src call "not thread
    # safe" (loop.rst, misc.rst, fs.rst), to be called before any other
    # (uv_replace_allocator), once at start-up (uv_setup_args) or only with
    # nothing active (uv_library_shutdown) run alone (docs/precision.md)
    rc_args="--library"
    local f
    for f in uv_default_loop uv_replace_allocator uv_setup_args uv_library_shutdown uv_os_homedir uv_os_tmpdir \
        uv_os_environ uv_os_getenv uv_os_setenv uv_os_unsetenv uv_fs_readdir; do
        rc_args+=" --exclusive-entry $f"
    done
    filter_cdb "$dir/src/build/compile_commands.json" "$dir/compile_commands.json" --output 'CMakeFiles/uv.dir/*'
}

build_curl() {
    fetch curl
    local cmake_args=(-DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
        -DENABLE_THREADED_RESOLVER=ON -DCURL_USE_OPENSSL=ON -DCURL_USE_LIBPSL=ON
        -DUSE_NGHTTP2=OFF -DUSE_LIBIDN2=OFF -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DCURL_USE_LIBSSH2=OFF
        -DBUILD_TESTING=OFF -DBUILD_EXAMPLES=OFF -DBUILD_LIBCURL_DOCS=OFF -DBUILD_MISC_DOCS=OFF
        -DENABLE_CURL_MANUAL=OFF)
    cmake -S "$dir/src" -B "$dir/src/build" "${cmake_args[@]}" >"$dir/build.log" 2>&1
    configure_desc="cmake ${cmake_args[*]} (configure only)"
    units_desc="libcurl's units (lib/, target libcurl_shared); not the curl tool (src/, which compiles lib/curlx/*.c a second time)"
    rc_args="--library"
    filter_cdb "$dir/src/build/compile_commands.json" "$dir/compile_commands.json" --under lib
}

build_sqlite() {
    # Debian's source package through a private sources list and package
    # lists under $dir/apt (the system's apt configuration is not touched).
    local apt=$dir/apt
    rm -rf "$apt" "$dir/src" "$dir/debsrc"
    mkdir -p "$apt/lists/partial" "$apt/parts" "$apt/cache/archives/partial" "$dir/debsrc"
    printf '%s\n' "deb-src http://deb.debian.org/debian bookworm main" \
        "deb-src http://deb.debian.org/debian bookworm-updates main" \
        "deb-src http://deb.debian.org/debian-security bookworm-security main" >"$apt/sources.list"
    local o=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/parts"
        -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
    apt-get "${o[@]}" update -qq >"$dir/build.log" 2>&1
    (cd "$dir/debsrc" && apt-get "${o[@]}" source -qq "sqlite3=$SQLITE_DEB") >>"$dir/build.log" 2>&1 ||
        die "sqlite: apt-get source sqlite3=$SQLITE_DEB failed (see $dir/build.log)"
    local tree
    tree=$(find "$dir/debsrc" -mindepth 1 -maxdepth 1 -type d -name 'sqlite3-*' | head -n 1)
    [ -n "$tree" ] || die "sqlite: no unpacked source tree in $dir/debsrc"
    mkdir -p "$dir/src"
    (cd "$dir/src" && "$tree/configure" && make -j"$jobs" sqlite3.c) >>"$dir/build.log" 2>&1
    cat >"$dir/compile_commands.json" <<EOF
[
 {"directory": "$dir/src", "file": "$dir/src/sqlite3.c",
  "arguments": ["cc", "-O2", "-DSQLITE_THREADSAFE=1", "-c", "-o", "sqlite3.o", "sqlite3.c"],
  "output": "sqlite3.o"}
]
EOF
    source_desc="Debian 12 source package sqlite3 $SQLITE_DEB (apt-get source)"
    commit="SQLite $(cat "$tree/VERSION"), Debian $SQLITE_DEB"
    configure_desc="./configure && make sqlite3.c; cc -O2 -DSQLITE_THREADSAFE=1 -c sqlite3.c"
    units_desc="the amalgamation sqlite3.c, one unit (the library; not shell.c, the single-threaded CLI)"
    rc_args="--library"
    filter_cdb "$dir/compile_commands.json" "$dir/compile_commands.json"
}

build_git() {
    fetch git
    # NO_RUST: the Makefile builds its optional Rust parts with cargo by
    # default; Debian 12's rustc is too old for them, the C build is complete.
    (cd "$dir/src" && bear --output "$dir/raw.json" -- make -j"$jobs" NO_RUST=1 git) >"$dir/build.log" 2>&1
    configure_desc="bear -- make NO_RUST=1 git"
    units_desc="the git executable's units (git.o, builtin/*, libgit.a, xdiff, reftable; not git-remote-http and the other helpers)"
    filter_cdb "$dir/raw.json" "$dir/compile_commands.json"
}

status=0
for n in "${names[@]}"; do
    dir=$outdir/$n
    if [ -f "$dir/info" ]; then
        echo "$n: done already ($dir/info)" >&2
        continue
    fi
    echo "$n: fetching, configuring and building in $dir ..." >&2
    mkdir -p "$dir"
    source_desc='' commit='' configure_desc='' units_desc='' rc_args=''
    export CORPUS_SRC=$dir/src
    t0=$(date +%s)
    # A subshell outside any condition, so that set -e stops it at the first
    # failing step (and die ends only this program).
    set +e
    (
        set -e
        build_"$n" >"$dir/counts"
        read -r units lines <"$dir/counts"
        [ "${units:-0}" -gt 0 ] || die "$n: no units in the compilation database"
        rm -f "$dir/raw.json" "$dir/counts"
        {
            echo "name=$n"
            echo "source=$source_desc"
            echo "commit=$commit"
            echo "configure=$configure_desc"
            echo "units_analysed=$units_desc"
            echo "racecheck_args=$rc_args"
            echo "units=$units"
            echo "lines=$lines"
        } >"$dir/info"
        echo "$n: $units units, $lines lines of .c, $(($(date +%s) - t0)) s; racecheck -p $dir $rc_args" >&2
    )
    rc=$?
    set -e
    if [ $rc -ne 0 ]; then
        echo "corpus.sh: $n failed; the last lines of $dir/build.log:" >&2
        tail -n 15 "$dir/build.log" 2>/dev/null | sed 's/^/  /' >&2
        status=1
    fi
done
exit $status
