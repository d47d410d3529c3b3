#!/usr/bin/env python3
"""progress_test.py RACECHECK SOURCE_DIR - the progress line and -q.

racecheck on the demo with standard error on a pseudo-terminal shows the
units parsed and then every whole-program stage by name (the names come from
RACECHECK_STATS's stage list, so a new stage needs no change here), erases the
line before the summary, and shows nothing under -q; with standard error a
pipe it shows no progress at all; -q with -o leaves both streams empty.
"""
import os
import pty
import re
import select
import subprocess
import sys
import tempfile

rc, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
demo = os.path.join(src, "testdata", "demo")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(args, tty):
    """racecheck ARGS in a fresh folder; (exit status, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, RACECHECK_DB="none", TERM="xterm")
        env.pop("RACECHECK_STATS", None)
        if not tty:
            p = subprocess.run([rc] + args, cwd=tmp, env=env, capture_output=True, timeout=120)
            return p.returncode, p.stdout.decode(), p.stderr.decode()
        master, slave = pty.openpty()
        p = subprocess.Popen([rc] + args, cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=slave)
        os.close(slave)
        err = b""
        while True:
            r, _, _ = select.select([master], [], [], 120)
            if not r:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the other side closed
                break
            if not chunk:
                break
            err += chunk
        out = p.stdout.read()
        p.wait(timeout=120)
        os.close(master)
        return p.returncode, out.decode(), err.decode().replace("\r\n", "\n")


base = ["--no-cache", "-p", demo]

# the stage names, from the statistics
env = dict(os.environ, RACECHECK_DB="none", RACECHECK_STATS="1")
p = subprocess.run([rc] + base, env=env, capture_output=True, timeout=120, cwd=tempfile.gettempdir())
m = re.search(r"stats: model stages: (.*)", p.stderr.decode())
check(m is not None, "RACECHECK_STATS lists no model stages")
stages = [s.strip().rsplit(" ", 2)[0] for s in m.group(1).split(",")] if m else []
check(len(stages) >= 5, "few stages: %r" % stages)

# 1. a terminal: units, then each stage in order, then the checks; erased before the summary
st, out, err = run(base, tty=True)
check(st == 1, "tty: exit %d, expected 1" % st)
check(out.count(": error: data race on") == 3, "tty: findings on stdout: %r" % out[:200])
check("racecheck: parsing [3/3] " in err, "tty: no 'parsing [3/3]' in %r" % err[:300])
pos = -1
for i, s in enumerate(stages):
    want = "racecheck: whole program [%d/%d] %s" % (i + 1, len(stages), s)
    at = err.find(want)
    check(at > pos, "tty: stage %r missing or out of order" % want)
    pos = max(pos, at)
check("racecheck: checks" in err, "tty: no 'checks' step")
summary = err.find("racecheck: 3 findings in 3 translation units")
check(summary > 0 and err[:summary].endswith("\r\033[K"), "tty: the progress line is not erased before the summary")
check("\033[K" not in err[summary:], "tty: progress after the summary")

# 2. a terminal, -q: nothing on standard error
st, out, err = run(["-q"] + base, tty=True)
check(st == 1 and err == "", "tty -q: exit %d, stderr %r" % (st, err[:200]))

# 3. a pipe: no progress, the summary alone
st, out, err = run(base, tty=False)
check("\r" not in err and "\033" not in err, "pipe: progress on a pipe: %r" % err[:200])
check(re.fullmatch(r"racecheck: 3 findings in 3 translation units, 2 threads(; \d+ calls? to \d+ unknown "
                   r"functions? \(--list-unknown\))?\n", err) is not None, "pipe: stderr %r" % err)

# 4. -q with -o: both streams empty, the findings in the file
with tempfile.TemporaryDirectory() as tmp:
    f = os.path.join(tmp, "findings.txt")
    st, out, err = run(["-q", "-o", f] + base, tty=True)
    check(st == 1 and out == "" and err == "", "-q -o: exit %d, stdout %r, stderr %r" % (st, out[:100], err[:100]))
    text = open(f).read() if os.path.exists(f) else ""
    check(text.count(": error: data race on") == 3, "-q -o: the file holds %r" % text[:200])

for f in failures:
    print("FAIL:", f)
print("progress test: %s (%d stages)" % ("FAIL" if failures else "OK", len(stages)))
sys.exit(1 if failures else 0)
