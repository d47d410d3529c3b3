#!/usr/bin/env python3
"""results_test.py TEST RACECHECK SRCDIR WORKDIR - end-to-end tests of the
findings database, CI gating and machine outputs (docs/database.md,
docs/ci.md, docs/sarif.md, docs/html.md). ctest registers one test per TEST
(testdata/results/CMakeLists.txt). Every test works in WORKDIR/TEST (wiped
first), passes --db explicitly and never writes into the source tree.
Exits 0 when the test passes, 1 with a message when it fails."""
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

RACECHECK = SRC = WORK = None
SCHEMA = None


class Fail(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


def run(args, cwd=None, env=None, expect=None, stdin=None):
    """Run racecheck with args; returns (exit code, stdout, stderr)."""
    e = dict(os.environ)
    e.pop("RACECHECK_DB", None)
    e.update(env or {})
    p = subprocess.run([RACECHECK] + args, cwd=cwd or WORK, env=e, capture_output=True, text=True, timeout=300)
    if expect is not None and p.returncode != expect:
        raise Fail(f"racecheck {' '.join(args)}: exit {p.returncode}, expected {expect}\n"
                   f"stdout:\n{p.stdout[-3000:]}\nstderr:\n{p.stderr[-3000:]}")
    return p.returncode, p.stdout, p.stderr


def demo_copy(name="demo"):
    """A copy of testdata/demo in the work folder (3 races in pool.c and stats.c)."""
    dst = os.path.join(WORK, name)
    shutil.copytree(os.path.join(SRC, "testdata", "demo"), dst)
    return name


def runs_json(db):
    _, out, _ = run(["report", "--db", db, "runs", "--format=json"], expect=0)
    return json.loads(out)["runs"]


def list_json(db, *extra):
    _, out, _ = run(["report", "--db", db, "list", "--format=json"] + list(extra), expect=0)
    return json.loads(out)["findings"]


def wait_for(path, text, proc, seconds=120):
    """Wait until file path contains text (or proc ends: failure)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if os.path.exists(path) and text in open(path).read():
            return
        if proc.poll() is not None:
            raise Fail(f"process ended (exit {proc.returncode}) before printing '{text}':\n{open(path).read()}")
        time.sleep(0.05)
    raise Fail(f"no '{text}' after {seconds} s")


def spawn(args, stderr_path, env=None):
    e = dict(os.environ)
    e.pop("RACECHECK_DB", None)
    e.update(env or {})
    return subprocess.Popen([RACECHECK] + args, cwd=WORK, env=e, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(WORK, stderr_path), "w"))


def test_db_concurrency():
    """Two racecheck processes writing one database at once both succeed."""
    demo = demo_copy()
    # 1. a fresh database: A creates it and pauses inside its run
    #    transaction; B starts while A holds the write lock and must wait.
    a = spawn(["-q", "--db", "c.db", "-p", demo], "a.err", {"RACECHECK_TEST_PAUSE_IN_TXN": "2"})
    wait_for(os.path.join(WORK, "a.err"), "test pause", a)
    b = spawn(["-q", "--db", "c.db", "-p", demo], "b.err")
    ra, rb = a.wait(timeout=300), b.wait(timeout=300)
    check(ra == 1 and rb == 1, f"exits {ra} and {rb}, expected 1 and 1 (findings):\n"
          f"{open(os.path.join(WORK, 'a.err')).read()}{open(os.path.join(WORK, 'b.err')).read()}")
    runs = runs_json("c.db")
    check([r["findings"] for r in runs] == [3, 3], f"expected two runs of 3 findings, got {runs}")
    # 2. two processes creating one new database at the same moment
    ps = [spawn(["-q", "--db", "d.db", "-p", demo], f"d{i}.err") for i in range(2)]
    codes = [p.wait(timeout=300) for p in ps]
    check(codes == [1, 1], f"simultaneous creation: exits {codes}:\n" +
          "".join(open(os.path.join(WORK, f"d{i}.err")).read() for i in range(2)))
    check(len(runs_json("d.db")) == 2, "simultaneous creation: expected 2 runs")


def test_db_kill():
    """A run killed with SIGKILL inside its transaction leaves the database
    consistent with the previous run intact."""
    demo = demo_copy()
    run(["-q", "--db", "k.db", "-p", demo], expect=1)
    before = list_json("k.db")
    p = spawn(["-q", "--db", "k.db", "-p", demo], "k.err", {"RACECHECK_TEST_PAUSE_IN_TXN": "60"})
    wait_for(os.path.join(WORK, "k.err"), "test pause", p)
    check(os.path.exists(os.path.join(WORK, "k.db-wal")), "no WAL file while a run is being written")
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    check(p.returncode == -signal.SIGKILL, f"the run was not killed ({p.returncode})")
    con = sqlite3.connect(os.path.join(WORK, "k.db"))
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check failed after kill -9")
    check(con.execute("SELECT count(*) FROM runs").fetchone()[0] == 1, "the killed run left a row")
    check(con.execute("SELECT count(*) FROM run_findings").fetchone()[0] == 3, "the previous run's findings changed")
    con.close()
    check(list_json("k.db") == before, "the previous run reads back differently")
    run(["-q", "--db", "k.db", "-p", demo], expect=1)
    check([r["findings"] for r in runs_json("k.db")] == [3, 3], "a run after the kill was not stored")


def fp_by_object(findings):
    return {f["object"]: f["fingerprint"] for f in findings}


def test_db_triage():
    """Triage decisions: false-positive and intentional are not reported again
    and do not fail; confirmed and wont-fix still do; open withdraws; list
    filters; --fail-on."""
    demo = demo_copy()
    _, out, err = run(["--db", "t.db", "-p", demo], expect=1)
    check("run 1 stored in" in err, f"no 'run 1 stored' on stderr:\n{err}")
    fps = fp_by_object(list_json("t.db"))
    check(set(fps) == {"pool->hits", "pool->shutdown", "stats.max_latency"}, f"unexpected findings {fps}")
    # list filters
    check(len(list_json("t.db", "--path", "demo/stats.c")) == 1, "--path prefix")
    check(len(list_json("t.db", "--path", "*/pool.c")) == 2, "--path glob")
    check(len(list_json("t.db", "--rule", "data-race", "--run", "1")) == 3, "--rule / --run")
    check(len(list_json("t.db", "--rule", "no-such-rule")) == 0, "--rule filters")
    check(len(list_json("t.db", "--severity", "warning")) == 0, "--severity filters")
    check(len(list_json("t.db", "--status", "open")) == 3, "--status open")
    # bad triage commands: clear errors, exit 2
    r, _, e = run(["report", "--db", "t.db", "triage", fps["stats.max_latency"], "--status", "bogus", "--reason", "x"])
    check(r == 2 and "unknown status" in e, f"bad status: exit {r}: {e}")
    r, _, e = run(["report", "--db", "t.db", "triage", fps["stats.max_latency"], "--status", "intentional"])
    check(r == 2 and "--reason" in e, f"missing reason: exit {r}: {e}")
    r, _, e = run(["report", "--db", "t.db", "triage", "abcdef0123456789", "--status", "confirmed", "--reason", "x"])
    check(r == 2 and "no finding with fingerprint" in e, f"unknown fingerprint: exit {r}: {e}")
    # false-positive: hidden, does not fail; prefix of 8 digits is enough
    run(["report", "--db", "t.db", "triage", fps["stats.max_latency"][:8], "--status", "false-positive",
         "--reason", "benign statistic", "--author", "ci"], expect=0)
    _, out, err = run(["--db", "t.db", "-p", demo, "--no-source"], expect=1)
    check("max_latency" not in out and out.count(": error:") == 2, f"false-positive still reported:\n{out}")
    check("1 hidden by triage" in err, f"summary does not count the hidden finding:\n{err}")
    # intentional + wont-fix: wont-fix is still reported and fails
    run(["report", "--db", "t.db", "triage", fps["pool->hits"], "--status", "intentional", "--reason", "approx"], expect=0)
    run(["report", "--db", "t.db", "triage", fps["pool->shutdown"], "--status", "wont-fix", "--reason", "later"], expect=0)
    _, out, _ = run(["--db", "t.db", "-p", demo, "--format=json"], expect=1)
    doc = json.loads(out)
    check([f["object"] for f in doc["findings"]] == ["pool->shutdown"], f"expected only the wont-fix finding: {out}")
    check(doc["findings"][0].get("triage") == "wont-fix", "the JSON finding lacks its triage status")
    check(doc["summary"]["suppressed"] == 2, "summary.suppressed")
    run(["report", "--db", "t.db", "triage", fps["pool->shutdown"], "--status", "false-positive", "--reason", "r"],
        expect=0)
    _, out, _ = run(["--db", "t.db", "-p", demo], expect=0)
    check(": error:" not in out, f"all triaged away, yet reported:\n{out}")
    check(len(list_json("t.db")) == 0 and len(list_json("t.db", "--all")) == 3, "list hides suppressed, --all shows")
    check(len(list_json("t.db", "--status", "intentional")) == 1, "--status intentional")
    # open withdraws a decision
    run(["report", "--db", "t.db", "triage", fps["stats.max_latency"], "--status", "open"], expect=0)
    _, out, _ = run(["--db", "t.db", "-p", demo], expect=1)
    check("max_latency" in out, "withdrawn decision: the finding is not reported again")
    # --fail-on: the findings are errors
    run(["--db", "t.db", "-p", demo, "--fail-on=never"], expect=0)
    run(["--db", "t.db", "-p", demo, "--fail-on=error"], expect=1)
    run(["--db", "t.db", "-p", demo, "--fail-on", "warning"], expect=1)
    r, _, e = run(["--db", "t.db", "-p", demo, "--fail-on=sometimes"])
    check(r == 2 and "--fail-on" in e, f"bad --fail-on: exit {r}: {e}")
    # the run records: version, command line, configuration hash, exit code
    runs = runs_json("t.db")
    check(len(runs) == 8, f"expected 8 runs, got {len(runs)}")
    last = runs[-1]
    check(last["exit_code"] == 1 and "--fail-on warning" in last["command_line"], f"last run: {last}")
    check(re.fullmatch(r"[0-9a-f]{16}", last["config_hash"]) is not None, "config_hash")
    check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", last["started_at"]) is not None, "started_at")
    _, out, _ = run(["report", "--db", "t.db", "runs"], expect=0)
    check(re.search(r"^RUN\s+STARTED\s+VERSION\s+COMMIT\s+FINDINGS", out, re.M) is not None, f"runs table:\n{out}")
    _, out, _ = run(["report", "--db", "t.db", "list", "--all"], expect=0)
    check(re.search(r"^FINGERPRINT\s+SEVERITY\s+RULE\s+LOCATION\s+STATUS\s+MESSAGE", out, re.M) and
          "intentional" in out, f"list table:\n{out}")


def edit(path, old, new, count=1):
    text = open(path).read()
    check(text.count(old) >= 1, f"test bug: '{old}' not in {path}")
    open(path, "w").write(text.replace(old, new, count))


def change_demo(demo):
    """Fix the stats.max_latency race (update it under the lock) and add a
    new one (an unlocked counter of calls)."""
    stats = os.path.join(WORK, demo, "stats.c")
    edit(stats, "    pthread_mutex_unlock(&stats.lock);\n\n    if (latency_us > stats.max_latency)\n"
                "        stats.max_latency = latency_us; // expect: data-race 'max_latency'\n",
         "    if (latency_us > stats.max_latency)\n        stats.max_latency = latency_us;\n"
         "    pthread_mutex_unlock(&stats.lock);\n    calls++;\n")
    edit(stats, "static struct stats stats", "static long calls;\n\nstatic struct stats stats")


def test_baseline_diff():
    """--baseline FILE|RUN fails only on new findings; report diff."""
    demo = demo_copy()
    run(["-q", "--db", "b.db", "-p", demo, "--format=json", "-o", "base.json"], expect=1)
    run(["-q", "--db", "none", "-p", demo, "--format=sarif", "-o", "base.sarif"], expect=1)
    run(["-q", "--db", "none", "-p", demo, "--format=jsonl", "-o", "base.jsonl"], expect=1)
    # unchanged code: nothing new against any baseline
    for base in ("base.json", "base.sarif", "base.jsonl", "1", "latest"):
        _, out, _ = run(["--db", "b.db", "-p", demo, "--baseline", base], expect=0)
        check(": error:" not in out, f"--baseline {base}: old findings reported:\n{out}")
    change_demo(demo)
    for base in ("base.json", "base.sarif", "1"):
        _, out, err = run(["--db", "b.db", "-p", demo, "--baseline", base, "--format=json"], expect=1)
        objs = [f["object"] for f in json.loads(out)["findings"]]
        check(objs == ["calls"], f"--baseline {base}: expected only the new race 'calls', got {objs}")
        check("2 in the baseline" in err, f"--baseline {base}: summary:\n{err}")
    r, _, e = run(["--db", "b.db", "-p", demo, "--baseline", "no-such-file.json"])
    check(r == 2 and "no-such-file.json" in e, f"missing baseline: exit {r}: {e}")
    # diff between the first and the latest run
    r, out, _ = run(["report", "--db", "b.db", "diff", "1", "latest", "--format=json"])
    check(r == 1, f"diff with a new finding should exit 1, got {r}")
    d = json.loads(out)
    got = {k: sorted(f["object"] for f in d[k]) for k in ("new", "fixed", "unchanged")}
    check(got == {"new": ["calls"], "fixed": ["stats.max_latency"], "unchanged": ["pool->hits", "pool->shutdown"]},
          f"diff: {got}")
    r, out, _ = run(["report", "--db", "b.db", "diff", "--baseline", "base.json"])
    check(r == 1 and re.search(r"1 new, 1 fixed, 2 unchanged", out), f"diff --baseline FILE: exit {r}:\n{out}")
    r, out, _ = run(["report", "--db", "b.db", "diff"])  # latest~1 -> latest: same code
    check(r == 0 and "0 new, 0 fixed, 3 unchanged" in out, f"diff of the last two runs: exit {r}:\n{out}")


def test_db_errors():
    """Corrupt, foreign, newer, locked and unwritable databases: clear errors,
    and the analysis output is never lost."""
    demo = demo_copy()
    with open(os.path.join(WORK, "garbage.db"), "wb") as f:
        f.write(b"this is not an SQLite database at all\n" * 200)
    r, out, e = run(["--db", "garbage.db", "-p", demo, "--no-source"])
    check(r == 2 and "garbage.db" in e and "corrupt or not an SQLite database" in e, f"garbage: exit {r}: {e}")
    check(out.count(": error: data race") == 3, f"garbage: the findings were not printed:\n{out}")
    con = sqlite3.connect(os.path.join(WORK, "foreign.db"))
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    r, out, e = run(["--db", "foreign.db", "-p", demo])
    check(r == 2 and "not racecheck's" in e and "data race" in out, f"foreign: exit {r}: {e}")
    run(["-q", "--db", "new.db", "-p", demo], expect=1)
    con = sqlite3.connect(os.path.join(WORK, "new.db"))
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    r, _, e = run(["--db", "new.db", "-p", demo])
    check(r == 2 and "schema version 99 is newer" in e, f"newer schema: exit {r}: {e}")
    r, _, e = run(["report", "--db", "new.db", "runs"])
    check(r == 2 and "newer" in e, f"report on a newer schema: exit {r}: {e}")
    # locked: another connection holds the write lock beyond the busy timeout
    run(["-q", "--db", "lock.db", "-p", demo], expect=1)
    con = sqlite3.connect(os.path.join(WORK, "lock.db"), isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    r, out, e = run(["--db", "lock.db", "-p", demo], env={"RACECHECK_BUSY_TIMEOUT_MS": "300"})
    con.execute("ROLLBACK")
    con.close()
    check(r == 2 and "locked" in e and "data race" in out, f"locked: exit {r}: {e}")
    check(len(runs_json("lock.db")) == 1, "the locked run should not be stored")
    # report without a database
    r, _, e = run(["report", "--db", "missing.db", "list"])
    check(r == 2 and "no findings database at missing.db" in e, f"missing: exit {r}: {e}")
    check(not os.path.exists(os.path.join(WORK, "missing.db")), "report created a database")
    r, _, e = run(["report", "--db", "new.db", "frobnicate"])
    check(r == 2 and "unknown subcommand" in e, f"bad subcommand: exit {r}: {e}")
    # the default database: .racecheck/racecheck.db in the current directory
    proj = os.path.join(WORK, "proj")
    shutil.copytree(os.path.join(WORK, demo), proj)
    run(["-q", "-p", "."], cwd=proj, expect=1)
    check(os.path.exists(os.path.join(proj, ".racecheck", "racecheck.db")), "no default database")
    _, out, _ = run(["report", "runs", "--format=json"], cwd=proj, expect=0)
    check(len(json.loads(out)["runs"]) == 1, "default database: one run")
    # a default that cannot be created is a warning, not a failure
    ro = os.path.join(WORK, "ro")
    shutil.copytree(os.path.join(WORK, demo), ro)
    open(os.path.join(ro, ".racecheck"), "w").close()  # a file where the folder would go
    r, out, e = run(["-p", "."], cwd=ro)
    check(r == 1 and "warning" in e and "continuing without the findings database" in e and "data race" in out,
          f"unwritable default: exit {r}: {e}")
    r, _, e = run(["-p", ".", "--db", "none"], cwd=ro)
    check(r == 1 and "database" not in e, f"--db none: exit {r}: {e}")


def fingerprints_of(demo):
    _, out, _ = run(["-q", "--db", "none", "-p", demo, "--format=json"], expect=1)
    return {f["object"]: (f["fingerprint"], f["location"]["line"]) for f in json.loads(out)["findings"]}


def test_fingerprints():
    """Fingerprints survive unrelated lines above and reformatting, and change
    when an access changes in substance."""
    demo = demo_copy()
    base = fingerprints_of(demo)
    check(len(base) == 3, f"expected 3 findings, got {base}")
    # lines above every race
    for name in ("pool.c", "stats.c"):
        path = os.path.join(WORK, demo, name)
        text = open(path).read()
        open(path, "w").write("/* a licence header\n * added later */\n\n#include <stddef.h>\n\n" + text)
    moved = fingerprints_of(demo)
    check({k: v[0] for k, v in moved.items()} == {k: v[0] for k, v in base.items()},
          f"lines above changed fingerprints:\n{base}\n{moved}")
    check(all(moved[k][1] == base[k][1] + 5 for k in base), "test bug: the races did not move down 5 lines")
    # reformatting: tabs for indentation, spaces around '->' and '=', a statement joined onto one line
    for name in ("pool.c", "stats.c"):
        path = os.path.join(WORK, demo, name)
        lines = []
        for line in open(path).read().split("\n"):
            stripped = line.lstrip(" ")
            lines.append("\t" * ((len(line) - len(stripped)) // 4) + stripped)
        text = "\n".join(lines).replace("->", " -> ")
        open(path, "w").write(text)
    edit(os.path.join(WORK, demo, "stats.c"), "if (latency_us > stats.max_latency)\n\t\tstats.max_latency = latency_us;",
         "if (latency_us > stats.max_latency) stats.max_latency  =  latency_us;")
    reformatted = fingerprints_of(demo)
    check({k: v[0] for k, v in reformatted.items()} == {k: v[0] for k, v in base.items()},
          f"reformatting changed fingerprints:\n{base}\n{reformatted}")
    # the same across runs (and stored as such)
    check(fingerprints_of(demo) == reformatted, "fingerprints differ between two runs")
    # an access that changes in substance: the write moves into a helper
    edit(os.path.join(WORK, demo, "stats.c"), "stats.max_latency  =  latency_us;", "set_max(latency_us);")
    edit(os.path.join(WORK, demo, "stats.c"), "void stats_record(long latency_us)",
         "static void set_max(long v)\n{\n\tstats.max_latency = v;\n}\n\nvoid stats_record(long latency_us)")
    changed = fingerprints_of(demo)
    check(changed["stats.max_latency"][0] != base["stats.max_latency"][0],
          "moving the write into another function kept the fingerprint")
    check(changed["pool->hits"][0] == base["pool->hits"][0], "an unrelated change changed another fingerprint")


def validate_sarif(*paths):
    p = subprocess.run([sys.executable, os.path.join(SRC, "tools", "validate_sarif.py"), SCHEMA] + list(paths),
                       capture_output=True, text=True, cwd=WORK)
    return p.returncode, p.stdout + p.stderr


def test_sarif():
    """--format=sarif and report export --format=sarif validate against the
    SARIF 2.1.0 schema, with racecheck's promises (tools/validate_sarif.py)."""
    demo = demo_copy()
    run(["-q", "--db", "s.db", "-p", demo, "--format=sarif", "-o", "demo.sarif"], expect=1)
    run(["report", "--db", "s.db", "export", "--format=sarif", "-o", "export.sarif"], expect=0)
    # a unit that does not parse: a tool notification
    shutil.copy(os.path.join(SRC, "testdata", "cli", "syntax_error.c"), os.path.join(WORK, "broken.c"))
    run(["-q", "--db", "none", "broken.c", "--format=sarif", "-o", "broken.sarif"], expect=1)
    # a false-sharing note, whose evidence ends with the array's declaration
    shutil.copy(os.path.join(SRC, "testdata", "false-sharing", "arrays", "fs_longs_racy.c"),
                os.path.join(WORK, "fs.c"))
    run(["-q", "--db", "none", "fs.c", "--format=sarif", "-o", "fs.sarif"], expect=None)
    r, out = validate_sarif("demo.sarif", "export.sarif", "broken.sarif", "fs.sarif")
    check(r == 0, f"SARIF validation failed:\n{out}")
    fs = json.load(open(os.path.join(WORK, "fs.sarif")))["runs"][0]["results"]
    check(any("[declared here](" in x["message"]["text"] for x in fs if x["ruleId"] == "false-sharing"),
          "false-sharing's declaration is linked from the message as a declaration")
    log = json.load(open(os.path.join(WORK, "demo.sarif")))
    run0 = log["runs"][0]
    rule = run0["tool"]["driver"]["rules"][0]
    check(rule["id"] == "data-race" and rule["name"] == "DataRace" and "aliasing XOR" in
          rule["help"]["markdown"], f"rule metadata: {rule.get('id')} {rule.get('name')}")
    check(rule["defaultConfiguration"]["level"] == "error", "default level")
    check(run0["invocations"][0]["exitCode"] == 1, "invocation exit code")
    check(run0["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///"), "SRCROOT")
    res = {r["properties"]["object"]: r for r in run0["results"]}
    shutdown = res["pool->shutdown"]
    loc = shutdown["locations"][0]["physicalLocation"]
    check(loc["artifactLocation"] == {"uri": "demo/pool.c", "uriBaseId": "SRCROOT"}, f"primary location {loc}")
    check(len(shutdown["codeFlows"][0]["threadFlows"]) == 2, "one threadFlow per thread (worker, main)")
    # GitHub's line hash of the primary line, recomputed independently here
    line = loc["region"]["startLine"]
    check(shutdown["partialFingerprints"]["primaryLocationLineHash"] ==
          github_line_hash(os.path.join(WORK, "demo", "pool.c"), line), "primaryLocationLineHash")
    broken = json.load(open(os.path.join(WORK, "broken.sarif")))
    notes = broken["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    check(any(n["level"] == "error" and n.get("locations") for n in notes), f"no notification for the bad unit: {notes}")
    # the validator itself rejects a broken log
    bad = dict(log)
    bad["runs"] = [dict(run0, results=[dict(run0["results"][0], level="fatal")])]
    json.dump(bad, open(os.path.join(WORK, "bad.sarif"), "w"))
    r, out = validate_sarif("bad.sarif")
    check(r == 1 and "fatal" in out, f"the validator accepted an invalid level:\n{out}")


def github_line_hash(path, line):
    """GitHub's primaryLocationLineHash (codeql-action fingerprints.ts) for an
    ASCII file: a rolling hash of the next 100 non-blank characters."""
    text = open(path, encoding="utf-8").read()
    mod, block, mask = 37, 100, (1 << 64) - 1
    first_mod = pow(mod, block, 1 << 64)
    window, lines = [0] * block, [-1] * block
    h, index, lineno, line_start, prev_cr, counts, out = 0, 0, 0, True, False, {}, {}

    def output():
        hv = format(h, "x")
        counts[hv] = counts.get(hv, 0) + 1
        out[lines[index]] = f"{hv}:{counts[hv]}"
        lines[index] = -1

    def update(c):
        nonlocal h, index
        begin = window[index]
        window[index] = c
        h = (mod * h + c - first_mod * begin) & mask
        index = (index + 1) % block

    def char(c):
        nonlocal prev_cr, line_start, lineno
        if c in (32, 9) or (prev_cr and c == 10):
            prev_cr = False
            return
        if c == 13:
            c, prev_cr = 10, True
        else:
            prev_cr = False
        if lines[index] != -1:
            output()
        if line_start:
            line_start = False
            lineno += 1
            lines[index] = lineno
        if c == 10:
            line_start = True
        update(c)

    for ch in text:
        char(ord(ch))
    char(65535)
    for _ in range(block):
        if lines[index] != -1:
            output()
        update(0)
    return out[line]


def test_jsonl():
    """--format=jsonl: one finding per line, then a summary line, each with
    type and schema_version; the same findings as --format=json."""
    demo = demo_copy()
    _, out, _ = run(["-q", "--db", "none", "-p", demo, "--format=jsonl"], expect=1)
    lines = out.rstrip("\n").split("\n")
    recs = [json.loads(line) for line in lines]
    check(all(r["schema_version"] == 1 for r in recs), "schema_version on every line")
    check([r["type"] for r in recs] == ["finding"] * 3 + ["summary"], f"types: {[r['type'] for r in recs]}")
    check(recs[-1]["summary"]["findings"] == 3 and recs[-1]["summary"]["exit_code"] == 1, f"summary {recs[-1]}")
    _, doc, _ = run(["-q", "--db", "none", "-p", demo, "--format=json"], expect=1)
    full = json.loads(doc)["findings"]
    for rec, f in zip(recs, full):
        rec = dict(rec)
        del rec["type"], rec["schema_version"]
        check(rec == f, f"jsonl finding differs from json:\n{rec}\n{f}")


def test_github():
    """--format=github: workflow commands GitHub Actions turns into annotations."""
    demo = demo_copy()
    _, out, _ = run(["-q", "--db", "none", "-p", demo, "--format=github"], expect=1)
    lines = out.rstrip("\n").split("\n")
    check(len(lines) == 3, f"expected 3 annotations:\n{out}")
    pat = re.compile(r"^::error file=demo/(pool|stats)\.c,line=\d+,col=\d+,title=racecheck data-race::data race on '[^']+' "
                     r"\[data-race\](%0A[^\n%]*)+$")
    for line in lines:
        check(pat.match(line.replace("%2C", ",")) is not None, f"not a workflow command: {line}")
        check("\n" not in line and "%0Ahelp: " in line, f"help line not escaped into the message: {line}")
    check(lines[1].startswith("::error file=demo/pool.c,line=94,col=5,"), f"second annotation: {lines[1]}")


def chromium(args, timeout=120):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    check(exe is not None, "chromium is not installed (tools/setup.sh installs it)")
    base = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={os.path.join(WORK, 'chromium-profile')}", "--enable-logging=stderr", "--v=0"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=timeout)


def page(path, fragment=""):
    """(visible findings, console messages) of the page after load."""
    dom, console = page_dom(path, fragment)
    m = re.search(r'<body[^>]*data-visible="(\d+)"', dom)
    return (int(m.group(1)) if m else None), console


def page_dom(path, fragment=""):
    """(the DOM after load, console messages) of the page."""
    p = chromium(["--dump-dom", "file://" + os.path.join(WORK, path) + fragment])
    check(p.returncode == 0, f"chromium failed ({p.returncode}):\n{p.stderr[-2000:]}")
    console = [l for l in p.stderr.split("\n") if ":CONSOLE" in l]
    return p.stdout, console


def body_attr(dom, name):
    m = re.search(r'<body[^>]*\s' + name + r'="(\d+)"', dom)
    return int(m.group(1)) if m else None


def page_data(path):
    """The data block of an HTML report."""
    html = open(os.path.join(WORK, path)).read()
    m = re.search(r'<script type="application/json" id="racecheck-data">(.*?)</script>', html, re.S)
    check(m is not None, f"{path}: no data block")
    return json.loads(m.group(1))


def thread_nodes(dom):
    """The <g class="thread"> elements of the thread tree: {aria-label: element text}."""
    svg = re.search(r'<svg id="thread-tree".*?</svg>', dom, re.S)
    check(svg is not None, "no thread tree (<svg id=thread-tree>) on the page")
    return re.findall(r'<g class="thread"[^>]*aria-label="([^"]*)"[^>]*>(.*?)</g>', svg.group(0), re.S)


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit, non-interlaced
    truecolour PNG (what Chromium's --screenshot writes); raises Fail on
    anything else."""
    import struct
    import zlib
    data = open(path, "rb").read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    at, idat, ihdr = 8, b"", None
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + n
    check(ihdr is not None, "PNG without IHDR")
    w, h, depth, ctype, _, _, interlace = ihdr
    check(depth == 8 and ctype in (2, 6) and not interlace, f"PNG format {ihdr} not handled")
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def count_colour(path, rgb):
    """How many pixels of the screenshot have exactly this colour."""
    w, h, bpp, rows = png_pixels(path)
    px = bytes(rgb)
    return sum(sum(1 for x in range(0, w * bpp, bpp) if row[x:x + 3] == px) for row in rows)


def screenshot(path, shot, fragment="", size="1400,1000", min_bytes=10000):
    p = chromium(["--hide-scrollbars", f"--window-size={size}", f"--screenshot={os.path.join(WORK, shot)}",
                  "file://" + os.path.join(WORK, path) + fragment])
    check(p.returncode == 0 and os.path.exists(os.path.join(WORK, shot)), f"no screenshot: {p.stderr[-2000:]}")
    data = open(os.path.join(WORK, shot), "rb").read()
    check(len(data) > min_bytes and data[:8] == b"\x89PNG\r\n\x1a\n", f"screenshot is not a PNG ({len(data)} bytes)")
    return os.path.join(WORK, shot)


def test_html():
    """The HTML report in headless Chromium: loads without console messages,
    the filters work (preselected through the URL fragment), the overview
    (thread tree as SVG, locks and the objects they guard), search,
    grouping, screenshots."""
    demo = demo_copy()
    run(["-q", "--db", "h.db", "-p", demo], expect=1)
    fps = fp_by_object(list_json("h.db"))
    run(["report", "--db", "h.db", "triage", fps["pool->hits"], "--status", "false-positive", "--reason", "stat"],
        expect=0)
    run(["report", "--db", "h.db", "export", "--format=html", "-o", "report.html"], expect=0)
    html = open(os.path.join(WORK, "report.html")).read()
    check(not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html), "the page references the network")
    # the detector works: a page with a script error is caught
    open(os.path.join(WORK, "broken.html"), "w").write(
        "<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
    _, console = page("broken.html")
    check(any("undefinedFunction" in c for c in console), f"console errors are not detected: {console}")
    visible, console = page("report.html")
    check(not console, f"console messages:\n" + "\n".join(console))
    check(visible == 2, f"default view (reported findings): {visible} rows, expected 2 of 3")
    visible, console = page("report.html", "#status=all")
    check(visible == 3 and not console, f"status=all: {visible} rows, expected 3; {console}")
    visible, _ = page("report.html", "#file=demo/stats.c&status=all")
    check(visible == 1, f"file filter: {visible} rows, expected 1")
    visible, _ = page("report.html", "#rule=data-race&status=false-positive")
    check(visible == 1, f"status filter: {visible} rows, expected 1")
    # malformed escapes in the fragment (issue 14.10): no exception, the
    # other filters still apply
    for frag in ("#file=%&status=all", "#%E0%A4%A=x&status=all", "#status=all&rule=%zz", "#thread=%&q=%"):
        visible, console = page("report.html", frag)
        check((visible == 3 or frag.startswith("#thread")) and not console, f"{frag}: {visible} rows; {console}")
    check("stats.max_latency = latency_us;" in html, "the source lines of the accesses are not on the page")
    # an exported page has no model: its threads are those of the findings'
    # accesses (main and the pool's workers)
    data = page_data("report.html")
    check(data["overview"]["source"] == "findings", f"export overview source: {data['overview']['source']}")
    seen = {(a["routine"], json.dumps(a["spawn"])) for f in list_json("h.db", "--all") for a in f["accesses"]}
    dom, _ = page_dom("report.html", "#status=all")
    nodes = thread_nodes(dom)
    check(len(nodes) == len(seen) == 2, f"export: {len(nodes)} threads drawn, {len(seen)} in the findings")
    workers = [l for l, _ in nodes if l.startswith("worker_main")]
    check(len(workers) == 1 and workers[0].endswith(", 2 findings"),
          f"the workers' badge counts the reported findings (pool->hits is a false positive): {workers}")
    screenshot("report.html", "report.png", "#status=all")
    # the page of a run (not only of an export)
    run(["-q", "--db", "h.db", "-p", demo, "--format=html", "-o", "run.html"], expect=1)
    visible, console = page("run.html")
    check(visible == 2 and not console, f"run page: {visible} rows; {console}")

    # ---- the overview of a run: html_threads.c --------------------------------------
    shutil.copy(os.path.join(SRC, "testdata", "results", "html_threads.c"), WORK)
    run(["--db", "none", "--verify", "html_threads.c"], expect=0)
    _, _, err = run(["--db", "none", "html_threads.c", "--format=html", "-o", "tree.html"], expect=1)
    m = re.search(r"racecheck: 2 findings in 1 translation unit, (\d+) threads", err)
    check(m is not None, f"no summary line:\n{err}")
    nthreads = int(m.group(1))
    check(nthreads == 5, f"html_threads.c: {nthreads} threads, expected main, listener, conn_worker, logger, flusher")
    _, _, err2 = run(["--db", "none", "-j", "1", "html_threads.c", "--format=html", "-o", "tree2.html"], expect=1)
    check(open(os.path.join(WORK, "tree.html"), "rb").read() == open(os.path.join(WORK, "tree2.html"), "rb").read(),
          "the page differs between two runs (-j 1 and the default)")
    dom, console = page_dom("tree.html")
    check(not console, "tree.html: console messages:\n" + "\n".join(console))
    check(body_attr(dom, "data-visible") == 2, "tree.html: default view")
    nodes = thread_nodes(dom)
    check(len(nodes) == nthreads, f"{len(nodes)} threads drawn, the run has {nthreads}")
    check(f'data-threads="{nthreads}"' in dom, "the svg's data-threads")
    check(f"Threads ({nthreads})" in dom, "the threads panel's title")
    label = {l.split(",")[0].split(" ")[0]: (l, body) for l, body in nodes}
    check(set(label) == {"main", "listener", "conn_worker", "logger", "flusher"}, f"threads drawn: {sorted(label)}")
    cw, cw_body = label["conn_worker"]
    check("(many instances)" in cw and "by listener" in cw and "detached" in cw and "2 findings" in cw,
          f"conn_worker's node: {cw}")
    check(cw_body.count('class="stack"') == 2, "conn_worker (many instances) is not drawn as a stack")
    check(label["listener"][1].count('class="stack"') == 0, "listener (once) drawn as a stack")
    check("by main, not joined" in label["logger"][0] and "by main, joined" in label["flusher"][0],
          f"joins: {label['logger'][0]} / {label['flusher'][0]}")
    check("program entry" in label["main"][0], f"main: {label['main'][0]}")
    # the tree: conn_worker below listener, one elbow line per spawned thread,
    # dashed where no join waits
    svg = re.search(r'<svg id="thread-tree".*?</svg>', dom, re.S).group(0)
    check(svg.count("<path ") == nthreads - 1, f"{svg.count('<path ')} lines for {nthreads - 1} spawned threads")
    check(svg.count("stroke-dasharray") == 2, "dashed lines: logger and conn_worker are not joined")
    xs = {n: float(re.search(r'<rect class="box" x="([\d.]+)"', b).group(1)) for n, (_, b) in label.items()}
    check(xs["main"] < xs["listener"] < xs["conn_worker"] and xs["listener"] == xs["logger"] == xs["flusher"],
          f"indentation by depth: {xs}")
    # keyboard: every thread node and every finding row is focusable
    check(all('tabindex="0"' in m2 for m2 in re.findall(r'<g class="thread"[^>]*>', svg)), "thread nodes not focusable")
    check(dom.count('<tr class="summary" tabindex="0"') == 2, "finding rows not focusable")
    # locks and the objects they guard: from the model
    ov = page_data("tree.html")["overview"]
    check(ov["source"] == "model", f"run overview source {ov['source']}")
    locks = {(l["lock"], l["object"]): (l["held"], l["total"]) for l in ov["locks"]}
    for obj in ("served", "bytes"):
        h, t = locks.get(("stats_lock", obj), (0, -1))
        check(h == t > 0, f"stats_lock does not guard {obj}: {locks}")
    h, t = locks.get(("stats_lock", "errors"), (0, 0))
    check(0 < h < t, f"errors: stats_lock is held at some accesses only: {locks}")
    check(not any(o == "requests" for _, o in locks), f"requests: no lock is held: {locks}")
    lrow = re.search(r"<tr><td>stats_lock</td><td>(.*?)</td><td>(.*?)</td></tr>", dom, re.S)
    check(lrow is not None, "no row for stats_lock in the locks table")
    check(re.findall(r">([a-z]+)</button>", lrow.group(1)) == ["bytes", "served"], f"guards: {lrow.group(1)}")
    check(re.findall(r'class="chip racy"[^>]*>(errors) \d+/\d+</button>', lrow.group(2)) == ["errors"],
          f"partly guarded: {lrow.group(2)}")
    # search: words of a finding's object, function, lock, message (all must match)
    for frag, want in (("#q=requests", 1), ("#q=REQUESTS", 1), ("#q=conn_worker", 2), ("#q=stats_lock%20errors", 1),
                       ("#q=data%20race%20nothing-like-this", 0), ("#q=logger", 1)):
        dom, console = page_dom("tree.html", frag)
        got = body_attr(dom, "data-visible")
        check(got == want and not console, f"search {frag}: {got} findings, expected {want}; {console}")
        check((re.search(r'<p class="empty" id="none"( hidden="")?>', dom).group(1) is None) == (want == 0),
              f"search {frag}: the 'no findings' line")
        rows = re.findall(r'<tbody class="finding"( hidden="")?>', dom)
        check(sum(1 for r in rows if not r) == want, f"search {frag}: {rows}")
    # grouping: collapsed groups with counts, by object, file or rule
    for frag, groups, text in (("#group=object", 2, "1 finding"), ("#group=file", 1, "2 findings"),
                               ("#group=rule&q=errors", 1, "1 finding")):
        dom, console = page_dom("tree.html", frag)
        check(body_attr(dom, "data-groups") == groups and not console,
              f"{frag}: {body_attr(dom, 'data-groups')} groups, expected {groups}; {console}")
        heads = re.findall(r'<tbody class="group">.*?<span class="gcount">([^<]*)</span>', dom, re.S)
        check(len(heads) == groups and all(h == text for h in heads), f"{frag}: group headers {heads}")
        check(not re.search(r'<tbody class="finding">', dom), f"{frag}: groups are not collapsed at first")
        check('aria-expanded="false"' in dom, f"{frag}: the group buttons say nothing to a screen reader")
    dom, _ = page_dom("tree.html", "#group=object")
    check(re.search(r'<span>errors</span> <span class="gcount">1 finding</span><span class="gparts">html_threads.c 1',
                    dom) is not None, "group by object: per-file counts")
    # the thread filter (a click on a thread's node, or #thread=N)
    idx = [t["routine"] for t in ov["threads"]]
    for routine, want in (("logger", 1), ("conn_worker", 2), ("main", 0)):
        dom, console = page_dom("tree.html", f"#thread={idx.index(routine)}")
        check(body_attr(dom, "data-visible") == want and not console, f"thread {routine}: "
              f"{body_attr(dom, 'data-visible')} findings, expected {want}")
        check(re.search(r'<g class="thread" id="thread-%d"[^>]*aria-pressed="true"' % idx.index(routine), dom),
              f"thread {routine}: its node is not pressed")
    # pages with nothing in a panel: no threads, no findings (a run and an
    # export), findings without any lock (an export: the overview derived)
    shutil.copy(os.path.join(SRC, "testdata", "cli", "no_threads.c"), WORK)
    open(os.path.join(WORK, "nolock.c"), "w").write(
        "#include <pthread.h>\nint counter;\nstatic void *worker(void *a) { counter++; return a; }\n"
        "int main(void) { pthread_t t; pthread_create(&t, 0, worker, 0); counter++; pthread_join(t, 0); return 0; }\n")
    run(["-q", "--db", "e.db", "no_threads.c", "--format=html", "-o", "empty.html"], expect=0)
    run(["report", "--db", "e.db", "export", "--format=html", "-o", "empty-export.html"], expect=0)
    run(["-q", "--db", "n.db", "nolock.c"], expect=1)
    run(["report", "--db", "n.db", "export", "--format=html", "-o", "nolock.html"], expect=0)
    for path, want, threads in (("empty.html", 0, 1), ("empty-export.html", 0, 0), ("nolock.html", 1, 2)):
        dom, console = page_dom(path)
        check(not console and body_attr(dom, "data-visible") == want, f"{path}: {body_attr(dom, 'data-visible')} "
              f"findings, expected {want}; {console}")
        check(len(thread_nodes(dom)) == threads, f"{path}: {len(thread_nodes(dom))} threads drawn, expected {threads}")
        check("No lock is held at an access to a shared object." in dom, f"{path}: the empty locks table")
    # the screenshot shows the tree: the boxes' fill (#daeeff) is on it, and
    # not on a page without one
    shot = screenshot("tree.html", "tree.png")
    boxes = count_colour(shot, (0xda, 0xee, 0xff))
    check(boxes > nthreads * 2000, f"the thread tree's boxes are not on the screenshot ({boxes} pixels)")
    check(count_colour(screenshot("broken.html", "broken.png", min_bytes=0), (0xda, 0xee, 0xff)) == 0,
          "the colour check finds boxes on a blank page")


TESTS = {name[5:]: fn for name, fn in globals().items() if name.startswith("test_")}


def main(argv):
    global RACECHECK, SRC, WORK, SCHEMA
    if len(argv) != 5 or argv[1] not in TESTS:
        print(f"usage: {argv[0]} TEST RACECHECK SRCDIR WORKDIR; TEST is one of {', '.join(sorted(TESTS))}",
              file=sys.stderr)
        return 2
    RACECHECK = os.path.abspath(argv[2])
    SRC = os.path.abspath(argv[3])
    WORK = os.path.join(os.path.abspath(argv[4]), argv[1])
    # the schema: $SARIF_SCHEMA, else ../shared/sarif/ beside the clone, else
    # the copy in tools/sarif/ (a clean clone on its own, as CI runs it)
    shared = os.path.join(SRC, "..", "shared", "sarif", "sarif-schema-2.1.0.json")
    vendored = os.path.join(SRC, "tools", "sarif", "sarif-schema-2.1.0.json")
    if os.path.exists(shared) and os.path.exists(vendored):
        with open(shared, "rb") as a, open(vendored, "rb") as b:
            if a.read() != b.read():
                print("tools/sarif/sarif-schema-2.1.0.json differs from ../shared/sarif/", file=sys.stderr)
                return 1
    SCHEMA = os.environ.get("SARIF_SCHEMA", shared if os.path.exists(shared) else vendored)
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    try:
        TESTS[argv[1]]()
    except Fail as e:
        print(f"results_test {argv[1]}: FAIL: {e}", file=sys.stderr)
        return 1
    print(f"results_test {argv[1]}: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
