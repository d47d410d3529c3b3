#!/bin/sh
# tools/readonly_db_test.sh RACECHECK - `racecheck report` reads a database it
# cannot write (issue 14.4): a file of mode 0444 in a folder of mode 0555.
# As root (CI) the reads run as user nobody (setpriv), since root ignores
# permissions. The file must be left byte for byte as it was; `report
# triage`, which writes, must fail with a clear message.
set -u
rc=${1:?usage: readonly_db_test.sh RACECHECK}
dir=$(mktemp -d "${TMPDIR:-/tmp}/readonly_db.XXXXXX") || exit 2
chmod 755 "$dir"
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
mkdir "$dir/db"
cat >"$dir/main.c" <<'C'
#include <pthread.h>
int counter;
static void *worker(void *a) { counter++; return a; }
int main(void) { pthread_t t; pthread_create(&t, 0, worker, 0); counter++; pthread_join(t, 0); return 0; }
C
for i in 1 2; do "$rc" -q --no-cache --db "$dir/db/r.db" "$dir/main.c" >/dev/null 2>&1; done
[ -s "$dir/db/r.db" ] || { echo "readonly_db: FAIL: the setup run wrote no database"; exit 1; }
chmod 0444 "$dir/db/r.db"
chmod 0555 "$dir/db"
before=$(cksum <"$dir/db/r.db")
as_reader=""
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || { echo "readonly_db: FAIL: running as root needs setpriv (util-linux)"; exit 1; }
    as_reader="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
fail=0
for cmd in "runs" "list" "diff" "export --format=json" "export --format=sarif" "export --format=html"; do
    # shellcheck disable=SC2086
    $as_reader "$rc" report --db "$dir/db/r.db" $cmd >"$dir/out" 2>&1
    status=$?
    if [ "$status" -ne 0 ]; then
        echo "readonly_db: FAIL: report $cmd exited $status:"; cat "$dir/out"; fail=1
    fi
done
$as_reader "$rc" report --db "$dir/db/r.db" triage 0123456789abcdef --status false-positive --reason x >"$dir/out" 2>&1
status=$?
if [ "$status" -ne 2 ] || ! grep -qi "readonly\|read-only\|permission" "$dir/out"; then
    echo "readonly_db: FAIL: triage on a read-only database: exit $status, expected 2 with a reason:"
    cat "$dir/out"; fail=1
fi
after=$(cksum <"$dir/db/r.db")
if [ "$before" != "$after" ]; then echo "readonly_db: FAIL: the database changed"; fail=1; fi
[ "$fail" -eq 0 ] && echo "readonly_db: ok"
exit "$fail"
