#!/bin/sh
# package_test.sh BUILD_DIR SOURCE_DIR VERSION - the Debian package as a user
# gets it (docs/install.md): cpack -G DEB in BUILD_DIR, the package's
# dependencies checked against what is installed here, the package unpacked
# with dpkg -x into a scratch root (nothing on the machine changes), and the
# unpacked racecheck run: --version, the bundled demo against the installed
# rules (and shown to use them: without the installed pthread model the demo
# has no threads), --explain, the man page (rendered without warnings) and
# the bash completion (offering every option of --help).
set -eu
build=$1 src=$2 version=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/racecheck-pkg.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
fail() { echo "package test: FAIL: $*" >&2; exit 1; }

# 1. build the package (racecheck and the generated man page and completion
#    are built already: ctest runs after the build)
if ! (cd "$build" && cpack -G DEB -B "$work/out") >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack -G DEB failed"
fi
deb=$(ls "$work"/out/racecheck_"$version"_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no racecheck_${version}_*.deb in $(ls "$work/out")"
echo "built $(basename "$deb")"

# 2. dependencies: the libraries racecheck links (found by dpkg-shlibdeps)
#    and libclang's own headers; each one installed here at a version that
#    satisfies the package (what apt would pull in on a fresh Debian 12)
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for p in libc6 libclang1-19 libsqlite3-0 libcjson1 libxxhash0 libclang-common-19-dev; do
    printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//' | grep -q "^$p\( \|$\)" ||
        fail "Depends lacks $p"
done
printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//' | while read -r dep; do
    [ -n "$dep" ] || continue
    name=${dep%% *}
    have=$(dpkg-query -W -f '${Version}' "$name" 2>/dev/null) || fail "dependency $name is not installed here"
    case $dep in
    *"("*")"*)
        rel=$(printf '%s' "$dep" | sed 's/.*(\([<>=]*\) *\([^)]*\)).*/\1/')
        ver=$(printf '%s' "$dep" | sed 's/.*(\([<>=]*\) *\([^)]*\)).*/\2/')
        case $rel in '>=') op=ge ;; '<=') op=le ;; '=') op=eq ;; '>>') op=gt ;; '<<') op=lt ;; *) fail "relation '$rel' in '$dep'" ;; esac
        dpkg --compare-versions "$have" "$op" "$ver" || fail "$name $have does not satisfy '$dep'"
        ;;
    esac
done
[ "$(dpkg-deb -f "$deb" Package)" = racecheck ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version $(dpkg-deb -f "$deb" Version)"

# 3. unpack and run the installed racecheck
root=$work/root
dpkg -x "$deb" "$root"
rc=$root/usr/bin/racecheck
[ -x "$rc" ] || fail "no usr/bin/racecheck in the package"
if ldd "$rc" | grep -q "not found"; then ldd "$rc" >&2; fail "unresolved shared libraries"; fi
out=$("$rc" --version) || fail "racecheck --version failed"
[ "$out" = "racecheck $version" ] || fail "racecheck --version says '$out'"
for f in usr/share/racecheck/rules/pthread.json usr/share/doc/racecheck/rules/data-race.md \
         usr/share/man/man1/racecheck.1.gz usr/share/bash-completion/completions/racecheck; do
    [ -f "$root/$f" ] || fail "the package lacks /$f"
done
"$rc" --explain data-race | grep -q '^# data-race' || fail "--explain data-race"

# the demo, in a copy (racecheck writes nothing into the source tree)
cp -r "$src/testdata/demo" "$work/demo"
cd "$work/demo"
set +e
"$rc" --db none --no-cache --verify -p . >"$work/verify.log" 2>&1
st=$?
"$rc" --db none --no-cache -p . >"$work/demo.txt" 2>"$work/demo.err"
st2=$?
set -e
[ $st -eq 0 ] || { cat "$work/verify.log" >&2; fail "the demo's expectations (--verify) with the installed racecheck: exit $st"; }
[ $st2 -eq 1 ] || { cat "$work/demo.err" >&2; fail "the demo: exit $st2, expected 1 (findings)"; }
n=$(grep -c ': error: data race on' "$work/demo.txt" || true)
[ "$n" -eq 3 ] || fail "the demo: $n data races, expected 3"
echo "demo: 3 findings with the installed rules"
# ... and they are the installed rules, not the source tree's compiled in
mv "$root/usr/share/racecheck/rules/pthread.json" "$work/"
set +e
"$rc" --db none --no-cache -p . >"$work/nopthread.txt" 2>&1
st=$?
set -e
mv "$work/pthread.json" "$root/usr/share/racecheck/rules/"
[ $st -eq 0 ] || { cat "$work/nopthread.txt" >&2; fail "without the installed pthread model the demo still has findings: not the installed rules"; }

# 4. the man page: renders without warnings, names every long option
zcat "$root/usr/share/man/man1/racecheck.1.gz" >"$work/racecheck.1"
grep -q '^\.TH RACECHECK 1 "" "racecheck '"$version"'"' "$work/racecheck.1" || fail "man page header"
if command -v groff >/dev/null; then
    groff -man -Tutf8 -ww -z "$work/racecheck.1" 2>"$work/groff.err" || true
    [ ! -s "$work/groff.err" ] || { cat "$work/groff.err" >&2; fail "groff warns about the man page"; }
    groff -man -Tascii "$work/racecheck.1" 2>/dev/null | col -bx >"$work/man.txt"
fi
# the options of --help's table (rows "  -j, --jobs=N", "  --library")
"$rc" --help | sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u >"$work/help-options"
[ "$(wc -l <"$work/help-options")" -gt 20 ] || fail "few options in --help: $(cat "$work/help-options")"
while read -r opt; do
    if [ -f "$work/man.txt" ]; then
        grep -q -- "$opt" "$work/man.txt" || fail "the man page lacks $opt"
    fi
done <"$work/help-options"

# 5. the completion: every option of --help offered after '-', values of --format
comp=$root/usr/share/bash-completion/completions/racecheck
bash -c '. "$1"; COMP_WORDS=(racecheck --); COMP_CWORD=1; _racecheck; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" |
    sort -u >"$work/comp-options"
while read -r opt; do
    grep -qx -- "$opt" "$work/comp-options" || fail "the completion does not offer $opt"
done <"$work/help-options"
vals=$(bash -c '. "$1"; COMP_WORDS=(racecheck --format ""); COMP_CWORD=2; _racecheck; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$vals" = "text json jsonl sarif github html" ] || fail "completion of --format offers '$vals'"
vals=$(bash -c '. "$1"; COMP_WORDS=(racecheck --fail-on = w); COMP_CWORD=3; _racecheck; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$vals" = "warning" ] || fail "completion of --fail-on=w offers '$vals'"
# --explain offers every rule of --list-rules
rules=$("$rc" --list-rules | awk '/^[a-z]/ {print $1}' | sort | tr '\n' ' ')
vals=$(bash -c '. "$1"; COMP_WORDS=(racecheck --explain ""); COMP_CWORD=2; _racecheck; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" |
       sort | tr '\n' ' ')
[ -n "$rules" ] && [ "$vals" = "$rules" ] || fail "completion of --explain offers '$vals', the rules are '$rules'"
vals=$(bash -c '. "$1"; COMP_WORDS=(racecheck --explain data-r); COMP_CWORD=2; _racecheck; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$vals" = "data-race" ] || fail "completion of --explain data-r offers '$vals'"
# a subcommand's options and report's subcommands come from its --help (racecheck on $PATH)
vals=$(PATH="$root/usr/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(racecheck lsp --l); COMP_CWORD=2; _racecheck; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$vals" = "--library --log" ] || fail "completion of racecheck lsp --l offers '$vals'"
vals=$(PATH="$root/usr/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(racecheck report ""); COMP_CWORD=2; _racecheck; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$vals" = "runs list diff triage export" ] || fail "completion of racecheck report offers '$vals'"
vals=$(bash -c '. "$1"; COMP_WORDS=(racecheck b); COMP_CWORD=1; _racecheck; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$vals" = "build" ] || fail "completion of racecheck b offers '$vals'"
echo "package test: OK ($(basename "$deb"), $(wc -l <"$work/comp-options") words completed, man page renders)"
