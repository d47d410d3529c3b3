#!/usr/bin/env python3
"""lsp_protocol_test.py - racecheck lsp at the protocol level (docs/editors.md).

    python3 tools/lsp_protocol_test.py RACECHECK [TEST...]

A small JSON-RPC client drives `RACECHECK lsp` over pipes, each test on a
fresh server and a copy of a test project in a temporary folder:

  analysis      initialize finds the compile database; $/progress begin ..
                end; the diagnostic of the race (range, code, codeDescription
                to an existing page, relatedInformation: accesses, spawn site);
                hover on the variable (its ownership summary) and on a
                non-shared one (null); codeAction (the suppression comment
                with its placeholder, the rule's page); executeCommand; a
                save of the unchanged file reads the IR cache, a save of the
                fixed file clears the diagnostic; shutdown + exit
                gives status 0
  supersede     a save while a run is going (RACECHECK_LSP_TEST_HOLD holds
                run 2 after parsing): hover answers from the last result,
                run 2 ends "superseded", publishes nothing, and the
                diagnostics are the last save's
  triage        a finding triaged false-positive in the findings database is
                not shown
  unicode       a folder name with a space and a non-ASCII letter, multi-byte
                characters before an access: percent-encoded URIs, UTF-16
                positions
  malformed     a body that is not JSON (parse error, id null), a header block
                without Content-Length (skipped, the next message answered),
                a non-object message, a request without a method, a bad id;
                the server keeps serving
  unknown       an unknown request (MethodNotFound, -32601), an unknown
                notification (no answer), a request before initialize
                (-32002), a request after shutdown; exit without shutdown
                gives status 1
  eof           the client closes the pipe: the server exits
  orphan        the client's process dies while a grandchild keeps the pipe
                open: the server notices processId is gone and exits
  stdout        every byte the server writes is a well-formed message; the
                log in --log FILE; without rule pages on disk the built-in
                page is written to the workspace and linked
  concurrent    saves, hovers and code actions interleaved on the demo

Every run checks that standard output held nothing but JSON-RPC and that
standard error has no sanitizer report. Exit status 0 when every test
passed.
"""
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
PROJECT = os.path.join(SRC, "testdata", "lsp", "counter")
TIMEOUT = float(os.environ.get("LSP_TEST_TIMEOUT", "120"))


class Failure(Exception):
    pass


SERVERS = []  # the servers of the test running, for their logs on failure


def check(cond, what):
    if not cond:
        raise Failure(what)


class Server:
    """racecheck lsp on pipes, read by a framing parser that fails on any
    byte that is not part of a well-formed message."""

    def __init__(self, racecheck, root, args=(), env=None, stdin=subprocess.PIPE, preexec=None, unset=()):
        SERVERS.append(self)
        self.root = root
        self.stderr_path = os.path.join(root, ".lsp-stderr")
        self.err = open(self.stderr_path, "wb")
        e = dict(os.environ)
        e.update(env or {})
        for k in unset:
            e.pop(k, None)
        self.proc = subprocess.Popen([racecheck, "lsp", *args], stdin=stdin, stdout=subprocess.PIPE,
                                     stderr=self.err, cwd=root, env=e, preexec_fn=preexec)
        self.buf = b""
        self.next_id = 1
        self.queue = []          # messages read, not yet taken
        self.notifications = []  # every notification, in order

    # -- writing
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params=None):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        return i

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    # -- reading
    def _read_message(self, deadline):
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                head = self.buf[:end].decode("ascii")
                lines = head.split("\r\n")
                check(all(l.startswith("Content-Length: ") for l in lines) and len(lines) == 1,
                      "stdout: not a message header: %r" % head[:200])
                n = int(lines[0].split(": ")[1])
                if len(self.buf) >= end + 4 + n:
                    body = self.buf[end + 4:end + 4 + n]
                    self.buf = self.buf[end + 4 + n:]
                    msg = json.loads(body)
                    check(msg.get("jsonrpc") == "2.0", "stdout: a message without jsonrpc 2.0: %r" % msg)
                    return msg
            elif len(self.buf) > 64 and not self.buf.startswith(b"Content-Length: "):
                raise Failure("stdout: not a message header: %r" % self.buf[:200])
            left = deadline - time.time()
            if left <= 0:
                raise Failure("timed out waiting for the server")
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if not r:
                continue
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf += chunk

    def _next(self, deadline):
        msg = self._read_message(deadline)
        if msg is None:
            return None
        if "method" in msg and "id" in msg:  # a request from the server: answer it
            if not self.proc.stdin.closed:
                try:
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                except BrokenPipeError:
                    pass
        elif "method" in msg:
            self.notifications.append(msg)
        return msg

    def wait_for(self, pred, what, timeout=TIMEOUT):
        for i, m in enumerate(self.queue):
            if pred(m):
                del self.queue[i]
                return m
        deadline = time.time() + timeout
        while True:
            m = self._next(deadline)
            if m is None:
                raise Failure("the server closed its output waiting for %s" % what)
            if pred(m):
                return m
            self.queue.append(m)

    def response(self, i, timeout=TIMEOUT):
        return self.wait_for(lambda m: m.get("id") == i and "method" not in m, "the response to %s" % i, timeout)

    def call(self, method, params=None):
        m = self.response(self.request(method, params))
        check("error" not in m, "%s failed: %r" % (method, m.get("error")))
        return m["result"]

    def diagnostics(self, path, pred=lambda d: True, what="diagnostics"):
        uri = "file://" + path
        m = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri and pred(m["params"]["diagnostics"]), what)
        return m["params"]["diagnostics"]

    def initialize(self, pid=None, caps=None):
        caps = caps if caps is not None else {"window": {"workDoneProgress": True},
                                              "textDocument": {"publishDiagnostics": {"relatedInformation": True}}}
        res = self.call("initialize", {"processId": pid if pid is not None else os.getpid(),
                                       "rootUri": "file://" + self.root, "capabilities": caps})
        self.notify("initialized", {})
        return res

    def drain(self, timeout=5):
        """Read everything until the server closes its output."""
        deadline = time.time() + timeout
        while self._next(deadline) is not None:
            pass

    def wait_exit(self, timeout=30):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Failure("the server did not exit within %d s" % timeout)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.err.close()
        with open(self.stderr_path, "rb") as f:
            self.log = f.read().decode(errors="replace")
        check("Sanitizer" not in self.log and "runtime error" not in self.log,
              "a sanitizer report on standard error:\n" + self.log[-4000:])


def project(tmp):
    root = os.path.join(tmp, "counter")
    shutil.copytree(PROJECT, root)
    return root


def shutdown(s):
    check(s.call("shutdown") is None, "shutdown answers null")
    s.notify("exit")
    rc = s.wait_exit()
    s.drain()
    check(rc == 0, "exit after shutdown gives status 0 (got %s)" % rc)


def test_analysis(rc, tmp):
    root = project(tmp)
    src = os.path.join(root, "counter.c")
    s = Server(rc, root)
    try:
        init = s.initialize()
        caps = init["capabilities"]
        check(caps.get("hoverProvider") is True, "hoverProvider")
        check(caps["textDocumentSync"]["save"] is not None, "save notifications asked for")
        check("racecheck.explain" in caps["executeCommandProvider"]["commands"], "the explain command")
        text = open(src).read()
        s.notify("textDocument/didOpen", {"textDocument": {"uri": "file://" + src, "languageId": "c", "version": 1,
                                                           "text": text}})
        diags = s.diagnostics(src, lambda d: len(d) > 0, "the race's diagnostic")
        check(len(diags) == 1, "one diagnostic (got %d)" % len(diags))
        d = diags[0]
        line = next(i for i, l in enumerate(text.splitlines()) if "counter++;" in l and "worker" not in l)
        col = text.splitlines()[line].index("counter++")
        check(d["range"]["start"] == {"line": line, "character": col}, "range start %r" % d["range"])
        check(d["range"]["end"] == {"line": line, "character": col + len("counter")}, "range end %r" % d["range"])
        check(d["code"] == "data-race" and d["severity"] == 1 and d["source"] == "racecheck", "code, severity")
        check(d["message"].startswith("data race on 'counter'"), "message %r" % d["message"])
        href = d["codeDescription"]["href"]
        check(href.startswith("file://") and href.endswith("/data-race.md") and os.path.isfile(href[7:]),
              "codeDescription %r names an existing page" % href)
        rel = d["relatedInformation"]
        msgs = [r["message"] for r in rel]
        check(any(m.startswith("write in worker(), thread worker (spawned at") for m in msgs), "the write: %r" % msgs)
        check(any(m.startswith("read in report(), thread main") and "no lock held" in m for m in msgs),
              "the read in main: %r" % msgs)
        check(any(m.startswith("thread worker spawned here (many instances)") for m in msgs), "the spawn site")
        check(all(r["location"]["uri"] == "file://" + src for r in rel), "related locations in counter.c")
        # progress: begin, reports, end
        s.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end", "progress end")
        kinds = [n["params"]["value"]["kind"] for n in s.notifications if n["method"] == "$/progress"]
        check(kinds[:1] == ["begin"] and kinds[-1:] == ["end"] and "report" in kinds, "$/progress %r" % kinds)

        # hover on an access: the ownership summary
        h = s.call("textDocument/hover", {"textDocument": {"uri": "file://" + src},
                                          "position": {"line": line, "character": col + 2}})
        v = h["contents"]["value"]
        check(h["contents"]["kind"] == "markdown", "hover is markdown")
        check("**`counter`**" in v and "shared by 2 threads" in v, "hover names the location: %s" % v)
        check("**written** (mutable borrow) by thread `worker (spawned at counter.c:" in v, "hover: the writes: %s" % v)
        check("read (shared borrow) by thread `main`, no lock held" in v, "hover: the read: %s" % v)
        check("**data-race**: data race on 'counter'" in v, "hover: the finding: %s" % v)
        check(v.count("— *may race*") == 3 and "no lock held at both" in v, "hover: which accesses may race: %s" % v)
        check(h["range"]["start"] == {"line": line, "character": col}, "hover range")
        # hover on the declaration, and on something that is not shared
        decl = next(i for i, l in enumerate(text.splitlines()) if l.startswith("static long counter"))
        h = s.call("textDocument/hover", {"textDocument": {"uri": "file://" + src},
                                          "position": {"line": decl, "character": 13}})
        check(h and "**`counter`**" in h["contents"]["value"], "hover on the declaration")
        h = s.call("textDocument/hover", {"textDocument": {"uri": "file://" + src},
                                          "position": {"line": 0, "character": 0}})
        check(h is None, "hover elsewhere is null")

        # code actions
        acts = s.call("textDocument/codeAction", {"textDocument": {"uri": "file://" + src}, "range": d["range"],
                                                  "context": {"diagnostics": [d]}})
        titles = [a["title"] for a in acts]
        here = next(a for a in acts if a["title"].startswith("Suppress data-race on 'counter' here"))
        edit = here["edit"]["changes"]["file://" + src][0]
        indent = text.splitlines()[line][:col]
        check(edit["range"]["start"] == {"line": line, "character": 0} and
              edit["newText"] == indent + "// racecheck-ignore[data-race]: TODO: say why this race is acceptable\n",
              "the suppression edit %r" % edit)
        check(here["diagnostics"][0]["code"] == "data-race", "the action names its diagnostic")
        check(any(t.startswith("Suppress data-race on every access to 'counter'") for t in titles), "at the declaration")
        ex = next(a for a in acts if a["title"] == "Explain the data-race rule")
        check(ex["command"]["command"] == "racecheck.explain" and ex["command"]["arguments"] == ["data-race"],
              "the explain action")
        check(s.call("workspace/executeCommand", ex["command"]) is None, "executeCommand")
        shown = s.wait_for(lambda m: m.get("method") == "window/showMessage", "the rule's summary")
        check("data-race" in shown["params"]["message"] and "data-race.md" in shown["params"]["message"],
              "showMessage names the rule's page")
        m = s.response(s.request("workspace/executeCommand", {"command": "racecheck.explain", "arguments": ["nope"]}))
        check(m["error"]["code"] == -32602, "explain of an unknown rule is invalid params")

        # a save of a file that no unit reads: no new analysis
        notes = os.path.join(root, "NOTES.txt")
        open(notes, "w").write("notes\n")
        s.notify("textDocument/didSave", {"textDocument": {"uri": "file://" + notes}})
        # a save with nothing changed: the unit comes from the IR cache
        s.notify("textDocument/didSave", {"textDocument": {"uri": "file://" + src}})
        s.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["token"].endswith("-2")
                   and m["params"]["value"]["kind"] == "end", "run 2's end")
        # the fixed version saved: the diagnostic goes
        shutil.copy(os.path.join(root, "counter_fixed.c.txt"), src)
        s.notify("textDocument/didSave", {"textDocument": {"uri": "file://" + src}})
        s.diagnostics(src, lambda d: len(d) == 0, "the diagnostic cleared")
        # hover on the fixed program: the lock guards every access
        fixed = open(src).read().splitlines()
        fl = next(i for i, l in enumerate(fixed) if l.strip() == "counter++;")
        h = s.call("textDocument/hover", {"textDocument": {"uri": "file://" + src},
                                          "position": {"line": fl, "character": 6}})
        v = h["contents"]["value"]
        check("Every access holds `lock`" in v and "GUARDED_BY(lock)" in v and "*may race*" not in v,
              "hover on the fixed program: guarded by lock: %s" % v)
        shutdown(s)
    finally:
        s.close()
    check("NOTES.txt is not an input of the analysis: no new analysis" in s.log, "a save of another file is ignored")
    check("analysis 2: 1 finding in 1 translation unit (1 from the IR cache)" in s.log,
          "an unchanged save reads the unit from the IR cache")
    check("analysis 3: 0 findings in 1 translation unit (0 from the IR cache)" in s.log,
          "a changed file is parsed again")


def test_supersede(rc, tmp):
    root = project(tmp)
    src = os.path.join(root, "counter.c")
    # RACECHECK_LSP_TEST_HOLD: run 2 waits after parsing until superseded
    s = Server(rc, root, env={"RACECHECK_LSP_TEST_HOLD": "1"})
    try:
        s.initialize()
        s.diagnostics(src, lambda d: len(d) == 1, "the first diagnostic")
        s.notify("textDocument/didSave", {"textDocument": {"uri": "file://" + src}})
        s.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["token"].endswith("-2")
                   and m["params"]["value"].get("message") == "parsing 1/1 units", "run 2 parsing")
        h = s.call("textDocument/hover", {"textDocument": {"uri": "file://" + src},
                                          "position": {"line": 18, "character": 5}})
        check(h and "shared by 2 threads" in h["contents"]["value"], "hover during a run: the last result's")
        # more saves while run 2 is going: it is superseded, the runs asked
        # for meanwhile are one, and the last save has the fixed file
        s.notify("textDocument/didSave", {"textDocument": {"uri": "file://" + src}})
        shutil.copy(os.path.join(root, "counter_fixed.c.txt"), src)
        s.notify("textDocument/didSave", {"textDocument": {"uri": "file://" + src}})
        end = s.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["token"].endswith("-2")
                         and m["params"]["value"]["kind"] == "end", "run 2's end")
        check(end["params"]["value"]["message"] == "superseded by a newer save", "run 2 superseded: %r" % end)
        d = s.diagnostics(src, lambda d: True, "the next diagnostics")
        check(d == [], "the diagnostics after run 2 are the last save's (fixed): %r" % d)
        shutdown(s)
    finally:
        s.close()
    check("analysis 2 superseded" in s.log, "the log says run 2 was superseded")
    check("analysis 2: " not in s.log, "run 2 published nothing")
    check("analysis 4: 0 findings" in s.log, "the last save's run (4) published")


def test_triage(rc, tmp):
    """A finding triaged false-positive in the findings database (by the
    command line) is not shown; the default database is found in the
    workspace."""
    root = project(tmp)
    env = dict(os.environ)
    env.pop("RACECHECK_DB", None)
    out = subprocess.run([rc, "-p", ".", "-q", "--format=json"], cwd=root, env=env, stdout=subprocess.PIPE)
    fp = json.loads(out.stdout)["findings"][0]["fingerprint"]
    subprocess.run([rc, "report", "triage", fp, "--status", "false-positive", "--reason", "reviewed"], cwd=root,
                   env=env, check=True, stdout=subprocess.DEVNULL)
    s = Server(rc, root, unset=("RACECHECK_DB",))
    try:
        s.initialize()
        s.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end", "the run")
        shown = [n for n in s.notifications + s.queue if n.get("method") == "textDocument/publishDiagnostics"
                 and n["params"]["diagnostics"]]
        check(not shown, "no diagnostic for the triaged finding: %r" % shown)
        shutdown(s)
    finally:
        s.close()
    check("analysis 1: 0 findings in 1 translation unit (1 from the IR cache), 0 suppressed, 1 hidden by triage"
          in s.log, "the log counts the triaged finding")


def test_unicode(rc, tmp):
    """A folder name with a space and a non-ASCII letter (percent-encoded
    URIs both ways) and a line with multi-byte characters before the access:
    positions count UTF-16 code units, racecheck's columns bytes."""
    from urllib.parse import quote, unquote
    base = os.path.join(tmp, "dir ü space")
    os.makedirs(base)
    root = project(base)
    src = os.path.join(root, "counter.c")
    text = open(src).read().replace("    counter++; // expect", "    /* é😀 */ counter++; // expect")
    open(src, "w").write(text)
    line = next(i for i, l in enumerate(text.splitlines()) if "counter++;" in l)
    prefix = text.splitlines()[line].split("counter++")[0]
    col16 = len(prefix.encode("utf-16-le")) // 2
    uri = "file://" + quote(src)
    s = Server(rc, root)
    try:
        res = s.call("initialize", {"processId": os.getpid(), "rootUri": "file://" + quote(root), "capabilities": {}})
        check("capabilities" in res, "initialize")
        s.notify("initialized", {})
        m = s.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and unquote(m["params"]["uri"]) == "file://" + src, "the diagnostic")
        check(m["params"]["uri"] == uri, "the URI is percent-encoded: %r" % m["params"]["uri"])
        d = m["params"]["diagnostics"][0]
        check(d["range"]["start"] == {"line": line, "character": col16} and
              d["range"]["end"] == {"line": line, "character": col16 + len("counter")},
              "the range in UTF-16 units (%d): %r" % (col16, d["range"]))
        h = s.call("textDocument/hover", {"textDocument": {"uri": uri},
                                          "position": {"line": line, "character": col16 + 3}})
        check(h and h["range"]["start"]["character"] == col16, "hover at a UTF-16 position: %r" % h)
        h = s.call("textDocument/hover", {"textDocument": {"uri": uri},
                                          "position": {"line": line, "character": col16 - 2}})
        check(h is None, "hover on the comment before it is null")
        shutdown(s)
    finally:
        s.close()


def test_malformed(rc, tmp):
    root = project(tmp)
    s = Server(rc, root)
    try:
        s.initialize()
        # a body that is not JSON
        s.send_raw(b"Content-Length: 9\r\n\r\n{not json")
        m = s.wait_for(lambda m: "error" in m and m["error"]["code"] == -32700, "a parse error")
        check(m["id"] is None, "a parse error has id null")
        # a header block without Content-Length, its body, then a good request
        s.send_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"x\"}")
        i = s.request("textDocument/hover", {"textDocument": {"uri": "file://" + root + "/counter.c"},
                                             "position": {"line": 0, "character": 0}})
        m = s.response(i)
        check("result" in m, "the message after a bad header block is answered: %r" % m)
        # a message that is not an object, one without a method, a bad id
        s.send({"jsonrpc": "2.0"} and [1, 2])
        m = s.wait_for(lambda m: "error" in m and m["error"]["code"] == -32600, "invalid request (array)")
        s.send({"jsonrpc": "2.0", "id": 5})
        m = s.wait_for(lambda m: "error" in m and m["error"]["code"] == -32600 and m["id"] == 5, "invalid request (no method)")
        s.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})
        m = s.wait_for(lambda m: "error" in m and m["error"]["code"] == -32600 and m["id"] is None, "invalid id")
        # bad params
        m = s.response(s.request("textDocument/hover", {"textDocument": {"uri": "http://x/y.c"},
                                                        "position": {"line": 0, "character": 0}}))
        check(m["error"]["code"] == -32602, "a non-file URI is invalid params")
        m = s.response(s.request("textDocument/hover", {"position": {"line": -1}}))
        check(m["error"]["code"] == -32602, "a bad position is invalid params")
        # stray blank lines and a header with extra whitespace and case
        body = json.dumps({"jsonrpc": "2.0", "id": 900, "method": "textDocument/codeAction",
                           "params": {"textDocument": {"uri": "file://" + root + "/counter.c"},
                                      "range": {"start": {"line": 0, "character": 0},
                                                "end": {"line": 0, "character": 0}}}}).encode()
        s.send_raw(b"\r\n" + b"content-length:   %d\r\n\r\n" % len(body) + body)
        m = s.response(900)
        check(m.get("result") == [], "a lower-case header is read")
        shutdown(s)
    finally:
        s.close()


def test_unknown(rc, tmp):
    root = project(tmp)
    s = Server(rc, root)
    try:
        m = s.response(s.request("textDocument/hover", {}))
        check(m["error"]["code"] == -32002, "a request before initialize: -32002")
        s.initialize()
        m = s.response(s.request("textDocument/frobnicate", {}))
        check(m["error"]["code"] == -32601 and "frobnicate" in m["error"]["message"], "unknown method: -32601")
        s.notify("textDocument/frobnicated", {})
        s.notify("$/setTrace", {"value": "off"})
        m = s.response(s.request("initialize", {"capabilities": {}}))
        check(m["error"]["code"] == -32600, "a second initialize is refused")
        check(s.call("shutdown") is None, "shutdown")
        m = s.response(s.request("textDocument/hover", {}))
        check(m["error"]["code"] == -32600, "a request after shutdown is refused")
        s.notify("exit")
        s.drain()
        check(s.wait_exit() == 0, "exit after shutdown: 0")
        # no answer was ever sent to the notifications
        check(not [m for m in s.queue if m.get("id") is None and "error" in m], "no answer to notifications")
    finally:
        s.close()
    check("ignored notification textDocument/frobnicated" in s.log, "the unknown notification is logged")
    again = os.path.join(tmp, "again")
    os.makedirs(again)
    s = Server(rc, project(again))
    try:
        s.initialize()
        s.notify("exit")
        s.drain()
        check(s.wait_exit() == 1, "exit without shutdown: 1")
    finally:
        s.close()


def test_eof(rc, tmp):
    root = project(tmp)
    s = Server(rc, root)
    try:
        s.initialize()
        s.proc.stdin.close()
        s.drain(30)
        rc_ = s.wait_exit()
        check(rc_ == 1, "the server exits when its input closes (status %s)" % rc_)
    finally:
        s.close()
    check("the client went away" in s.log, "the log says why")


def test_orphan(rc, tmp):
    """The client (a shell) starts the server with a pipe that a background
    sleep also holds, tells it its own pid, then dies: the pipe stays open,
    so only the processId watch can end the server."""
    root = project(tmp)
    fifo_in = os.path.join(tmp, "in.fifo")
    os.mkfifo(fifo_in)
    pidfile = os.path.join(tmp, "server.pid")
    err = os.path.join(tmp, "orphan.err")
    # the "client": holds the fifo open (a sleeping grandchild keeps it), runs
    # the server in the background, prints its own pid, and waits to be killed
    script = ('exec 3<>"%s"; sleep 600 <&3 >/dev/null 2>&1 & "%s" lsp <&3 >"%s" 2>"%s" & echo $! >"%s"; '
              'echo $$; wait') % (fifo_in, rc, os.path.join(tmp, "orphan.out"), err, pidfile)
    client = subprocess.Popen(["sh", "-c", script], stdout=subprocess.PIPE, cwd=root, start_new_session=True)
    client_pid = int(client.stdout.readline())
    deadline = time.time() + 10
    while not (os.path.exists(pidfile) and open(pidfile).read().strip()) and time.time() < deadline:
        time.sleep(0.05)
    server_pid = int(open(pidfile).read())
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": client_pid, "rootUri": "file://" + root, "capabilities": {}}}).encode()
    w = os.open(fifo_in, os.O_WRONLY)
    os.write(w, b"Content-Length: %d\r\n\r\n" % len(body) + body)
    try:
        time.sleep(0.5)
        check(alive(server_pid), "the server runs while its client does")
        os.kill(client_pid, signal.SIGKILL)
        client.wait()
        deadline = time.time() + 30
        while alive(server_pid) and time.time() < deadline:
            time.sleep(0.1)
        check(not alive(server_pid), "the server exits once its client's process is gone (no orphan)")
    finally:
        os.close(w)
        try:
            os.killpg(client.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if alive(server_pid):
            os.kill(server_pid, signal.SIGKILL)
    log = open(err).read()
    check("the client's process %d has ended" % client_pid in log, "the log says why:\n" + log)
    check("Sanitizer" not in log, "a sanitizer report:\n" + log)


def alive(pid):
    """Is pid a live process (not a zombie)?"""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_stdout(rc, tmp):
    """Stray output: the help goes to stdout only outside the server, and a
    server run is pure JSON-RPC (read strictly by Server for every test);
    here also with the log in a file."""
    root = project(tmp)
    logf = os.path.join(tmp, "server.log")
    # no rule pages on disk: the page built into racecheck is written to the
    # workspace and linked
    s = Server(rc, root, ["--log", logf], env={"RACECHECK_DOCS": os.path.join(tmp, "no-such-folder")})
    try:
        s.initialize()
        d = s.diagnostics(os.path.join(root, "counter.c"), lambda d: len(d) == 1, "the diagnostic")
        page = os.path.join(root, ".racecheck", "docs", "rules", "data-race.md")
        check(d[0]["codeDescription"]["href"] == "file://" + page, "the written page is linked: %r" % d[0])
        check(open(page).read().startswith("# data-race"), "the page is the rule's")
        shutdown(s)
    finally:
        s.close()
    check(s.buf == b"", "nothing after the last message")
    check("analysis 1: 1 finding" in open(logf).read(), "the log went to --log")
    check("analysis 1" not in s.log, "and not to standard error")


def test_concurrent(rc, tmp):
    """Saves, hovers and code actions interleaved on the demo (three units
    parsed in parallel): requests are answered from the last result while
    runs start and are superseded; under ThreadSanitizer this is the test of
    the server's threads."""
    root = os.path.join(tmp, "demo")
    shutil.copytree(os.path.join(SRC, "testdata", "demo"), root)
    pool = os.path.join(root, "pool.c")
    text = open(pool).read().splitlines()
    line = next(i for i, l in enumerate(text) if l.strip().startswith("pool->shutdown = 1;"))
    s = Server(rc, root, ["-j", "3"], env={"RACECHECK_CACHE": "none"})
    try:
        s.initialize()
        s.diagnostics(pool, lambda d: len(d) == 2, "pool.c's two findings")
        ids = []
        for k in range(20):
            s.notify("textDocument/didSave", {"textDocument": {"uri": "file://" + pool}})
            ids.append(s.request("textDocument/hover", {"textDocument": {"uri": "file://" + pool},
                                                        "position": {"line": line, "character": 10}}))
            ids.append(s.request("textDocument/codeAction", {"textDocument": {"uri": "file://" + pool},
                                                             "range": {"start": {"line": line, "character": 0},
                                                                       "end": {"line": line, "character": 0}}}))
        for i in ids:
            m = s.response(i)
            check("error" not in m, "answered during the runs: %r" % m)
            if m["result"] and "contents" in m["result"]:
                check("**`pool->shutdown`**" in m["result"]["contents"]["value"], "the hover of pool->shutdown")
        last = s.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end"
                          and m["params"]["value"].get("message", "").startswith("3 findings"), "a finished run")
        check(last, "a run finished")
        shutdown(s)
    finally:
        s.close()


TESTS = {"analysis": test_analysis, "triage": test_triage, "unicode": test_unicode, "supersede": test_supersede, "malformed": test_malformed,
         "unknown": test_unknown, "eof": test_eof, "orphan": test_orphan, "stdout": test_stdout,
         "concurrent": test_concurrent}


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    rc = os.path.abspath(sys.argv[1])
    names = sys.argv[2:] or list(TESTS)
    failed = 0
    for name in names:
        SERVERS.clear()
        tmp = tempfile.mkdtemp(prefix="racecheck-lsp-")
        try:
            TESTS[name](rc, tmp)
            print("PASS %s" % name)
        except Failure as e:
            failed += 1
            print("FAIL %s: %s" % (name, e))
            for srv in SERVERS:
                if not srv.err.closed:
                    srv.err.flush()
                with open(srv.stderr_path, "rb") as f:
                    tail = f.read().decode(errors="replace").splitlines()[-30:]
                print("  server log (%s):\n    %s" % (srv.root, "\n    ".join(tail)))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (len(names) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
