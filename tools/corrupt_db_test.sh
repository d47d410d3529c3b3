#!/bin/sh
# tools/corrupt_db_test.sh RACECHECK - a damaged findings database (issue 14.6
# and 14.7).
#
# Builds a database of 400 runs, then overwrites one page in the middle of
# the runs table with garbage (the last pages, where a new run goes, stay
# intact, so SQLite itself would accept an insert). Checks that
#   - a new run refuses to write into it (exit 2, naming `.recover`), leaving
#     the file byte for byte as it was (PRAGMA quick_check on open);
#   - `racecheck report runs` fails cleanly (exit 2) -- under the
#     AddressSanitizer build LeakSanitizer also checks that the partial list
#     of runs is freed.
set -u
rc=${1:?usage: corrupt_db_test.sh RACECHECK}
command -v python3 >/dev/null || { echo "corrupt_db: python3 is needed (tools/setup.sh)"; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/corrupt_db.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
cat >"$dir/main.c" <<'C'
#include <pthread.h>
int counter;
static void *worker(void *a) { counter++; return a; }
int main(void) { pthread_t t; pthread_create(&t, 0, worker, 0); counter++; pthread_join(t, 0); return 0; }
C
"$rc" -q --no-cache --db "$dir/r.db" "$dir/main.c" >/dev/null 2>&1
python3 - "$dir/r.db" <<'PY' || exit 1
import sqlite3, sys
db = sys.argv[1]
c = sqlite3.connect(db)
cols = [r[1] for r in c.execute("PRAGMA table_info(runs)") if r[1] != "id"]
for i in range(400):
    c.execute("INSERT INTO runs (%s) SELECT %s FROM runs WHERE id = 1" %
              (", ".join(cols), ", ".join("'%s'" % ("x" * 1000) if k == "command_line" else k for k in cols)))
c.commit()
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
data = bytearray(open(db, "rb").read())
psize = int.from_bytes(data[16:18], "big")
pages = [p for p in range(1, len(data) // psize) if b"x" * 1000 in data[p * psize:(p + 1) * psize]]
if len(pages) < 10:
    sys.exit("corrupt_db: the runs table has only %d pages" % len(pages))
p = pages[len(pages) // 2]
data[p * psize:(p + 1) * psize] = bytes((i * 151 + 7) % 256 for i in range(psize))
open(db, "wb").write(data)
PY
before=$(cksum <"$dir/r.db")
fail=0
"$rc" -q --no-cache --db "$dir/r.db" "$dir/main.c" >"$dir/out" 2>&1
status=$?
if [ "$status" -ne 2 ] || ! grep -q "damaged.*\.recover" "$dir/out"; then
    echo "corrupt_db: FAIL: a run into the damaged database: exit $status, expected 2 naming .recover:"
    cat "$dir/out"; fail=1
fi
[ "$(cksum <"$dir/r.db")" = "$before" ] || { echo "corrupt_db: FAIL: the damaged database was written"; fail=1; }
"$rc" report --db "$dir/r.db" runs >"$dir/out" 2>&1
status=$?
if [ "$status" -ne 2 ] || ! grep -qi "malformed\|corrupt\|damaged" "$dir/out"; then
    echo "corrupt_db: FAIL: report runs on the damaged database: exit $status, expected 2:"
    tail -20 "$dir/out"; fail=1
fi
[ "$fail" -eq 0 ] && echo "corrupt_db: ok"
exit "$fail"
