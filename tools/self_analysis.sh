#!/bin/sh
# tools/self_analysis.sh RACECHECK BUILD_DIR - racecheck on its own source
# (issue 14, item 11): the units of racecheck itself (analyzer/, without the
# unit tests, each a program of its own) from BUILD_DIR/compile_commands.json.
# Passes when racecheck reports no finding but those listed in
# tools/self_analysis.allowed, each with its reason; a listed finding that
# is no longer reported fails too, so the list stays true - unless its line
# starts with `? `: a finding that comes and goes as racecheck's own source
# changes (where points-to stops at its budget on it), allowed, not required.
set -u
rc=${1:?usage: self_analysis.sh RACECHECK BUILD_DIR}
build=${2:?usage: self_analysis.sh RACECHECK BUILD_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/self_analysis.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
python3 - "$build/compile_commands.json" "$src" "$dir/compile_commands.json" <<'PY' || exit 2
import json, os, sys
db, src, out = sys.argv[1], os.path.realpath(sys.argv[2]), sys.argv[3]
keep = []
for e in json.load(open(db)):
    f = os.path.realpath(os.path.join(e.get("directory", "."), e["file"]))
    rel = os.path.relpath(f, src)
    if rel.startswith("analyzer/") and not rel.startswith("analyzer/tests/"):
        keep.append(e)
if not keep:
    sys.exit("self_analysis: no racecheck unit in " + db)
json.dump(keep, open(out, "w"), indent=1)
PY
# findings as "FILE: OBJECT" (relative to the source tree), sorted; with an
# IR cache (a fresh one), so that every unit lowers its header functions and
# the result does not depend on which unit reached one first
(cd "$src" && "$rc" -q --db none --cache "$dir/cache" --no-config --format=json -o "$dir/out.json" -p "$dir") \
    >"$dir/log" 2>&1
status=$?
if [ "$status" -gt 1 ]; then
    echo "self_analysis: FAIL: racecheck exited $status"; cat "$dir/log"; exit 1
fi
python3 - "$dir/out.json" >"$dir/got" <<'PY' || exit 2
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print("%s: %s '%s'" % (f["location"]["file"], f["rule"], f["object"]))
PY
sort -u "$dir/got" -o "$dir/got"
grep -v '^#' "$src/tools/self_analysis.allowed" | grep -v '^? ' | sed -n 's/^\([^|]*[^| ]\) *|.*/\1/p' | sort -u >"$dir/allowed"
grep '^? ' "$src/tools/self_analysis.allowed" | sed -n 's/^? \([^|]*[^| ]\) *|.*/\1/p' | sort -u >"$dir/optional"
# the optional findings reported count as listed
comm -12 "$dir/got" "$dir/optional" | sort -u - "$dir/allowed" -o "$dir/allowed"
if ! cmp -s "$dir/got" "$dir/allowed"; then
    echo "self_analysis: FAIL: racecheck's findings on its own source differ from tools/self_analysis.allowed"
    echo "(< reported and not listed: a race, or a false alarm to fix; > listed and no longer reported: remove it)"
    diff "$dir/got" "$dir/allowed"
    cat "$dir/log"
    exit 1
fi
echo "self_analysis: ok ($(wc -l <"$dir/got") listed finding(s))"
