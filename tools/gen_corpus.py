#!/usr/bin/env python3
"""gen_corpus.py - generate a synthetic multi-threaded C program for benchmarks.

    tools/gen_corpus.py OUTDIR [--lines N] [--seed S]

writes a program of about N lines of C (default 100000) to OUTDIR:

    OUTDIR/include/common.h        shared types (work items, worker arguments)
    OUTDIR/include/mK.h, wJ.h      one header per module / worker file
    OUTDIR/src/mK.c                modules: state behind locks, API functions
    OUTDIR/src/wJ.c                worker files: the thread routines
    OUTDIR/src/setup_S.c           init / report / fini of every module
    OUTDIR/src/core.c              the server object, a void * map, the command table
    OUTDIR/src/main.c              creates every thread in loops, joins them all
    OUTDIR/compile_commands.json   one entry per .c file, directory = OUTDIR

The program follows the concurrency model racecheck checks (docs/benchmarks.md):

- main initialises every module (plain writes) before it creates any thread
  and reads the results (plain reads) after it has joined all of them;
- every shared location a thread touches is either guarded by one mutex at
  every access (a module's `mK_st.lock`, its `mK_stats_lock`, a node's own
  `n->lock` taken while `mK_st.lock` is held, a worker file's progress and
  queue locks), guarded by a rwlock (read under rdlock, written under wrlock),
  atomic (`atomic_fetch_add`), or written only by main before the threads
  start (`mK_limit`, the argument blocks, the node keys);
- it has the shapes of real code that make analysis expensive: one global
  `server` object every module's API touches (statistics under
  `server.lock`, configuration written by main only); a map of untyped
  values (`struct dict`, `void *`) holding every module's object, so that
  what `dict_find` returns may be any of them; callbacks on those objects
  through a type table (`o->type->measure(o, v)`) and a command table that
  the modules fill at start-up and threads dispatch through
  (`call_command`); and in each module a call chain 6 to 18 functions deep
  run with `server.objects_lock` held, whose functions touch the object's
  fields (which that lock guards at every access);
- per-thread data is passed by value (an id cast to a pointer) or as a
  pointer to an argument block that threads only read;
- no lock is taken twice, locks nest in one order only (module lock, then
  node lock), calls through function pointers are never made with a lock
  held, and no thread-unsafe libc function is called.

The only races are the planted ones: a global `planted_race_K`, written
(`planted_race_K++`) in exactly one place, outside every lock, in a thread
routine that main starts as several threads, and touched nowhere else. That
line carries `// expect: data-race 'planted_race_K'`, so it is also the
primary location of the finding. `--list-planted` prints them.

Output is deterministic for a given seed and line count (paths in
compile_commands.json are absolute, so they depend on OUTDIR).
"""

import argparse
import json
import os
import random
import sys

MODULES_PER_WORKER_FILE = 4
MODULES_PER_SETUP_FILE = 150
PLANT_PROBABILITY = 0.3

WORDS = [
    "alpha", "bravo", "cargo", "delta", "ember", "frost", "gamma", "harbor",
    "ion", "jade", "kilo", "lumen", "metro", "nova", "orbit", "pixel",
    "quartz", "relay", "sigma", "tango", "umbra", "vector", "whisky", "xenon",
    "yield", "zephyr",
]

STD_INCLUDES = [
    "#include <pthread.h>",
    "#include <stdatomic.h>",
    "#include <stdint.h>",
    "#include <stdio.h>",
    "#include <stdlib.h>",
    "#include <string.h>",
]


# ---------------------------------------------------------------------------
# Helper templates. Each returns (lines, call) where call(env) gives the
# statements that use the helper. env names what is in scope at the call:
#   r    a long lvalue,          w    a `const struct work_item *`,
#   arr  a local long array,     narr its length (>= 8),
#   buf  a local char array,     ctx  the module's local context struct,
#   p    the module prefix.
# "pure" helpers touch only their arguments; "locked" helpers touch module
# state and are called only with p_st.lock held.
# ---------------------------------------------------------------------------

def t_fold(rng, name, p):
    a, b, c = rng.randint(0, 99), rng.randint(50, 5000), rng.randint(3, 97)
    lines = [
        f"static long {name}(const long *v, size_t n)",
        "{",
        f"    long acc = {a};",
        "    size_t i;",
        "",
        "    for (i = 0; i < n; i++) {",
        f"        if (v[i] > {b})",
        f"            acc += v[i] / {c};",
        f"        else if (v[i] < -{b})",
        f"            acc -= v[i] % {c};",
        "        else",
        "            acc ^= v[i] * (long)(i + 1);",
        "    }",
        "    return acc;",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} += {name}({e['arr']}, {e['narr']});"]


def t_classify(rng, name, p):
    k = rng.randint(3, 8)
    bounds = sorted(rng.sample(range(-5000, 50000), k))
    lines = [f"static int {name}(long x)", "{"]
    for i, bound in enumerate(bounds):
        kw = "if" if i == 0 else "else if"
        lines += [f"    {kw} (x < {bound})", f"        return {i};"]
    lines += [f"    return {k};", "}"]
    return lines, lambda e: [f"{e['r']} += {name}({e['r']} ^ {e['w']}->value);"]


def t_dispatch(rng, name, p):
    exprs = [
        "a + b", "a - b * {c}", "(a ^ b) & {m}", "b != 0 ? a / b : a",
        "a > b ? a : b", "a < b ? a : b", "a * 2 + (b & 1)", "(a + {c}) % {m}",
        "a * {c} - b", "(a | b) - (a & b)",
    ]
    chosen = rng.sample(exprs, rng.randint(4, 8))
    lines = [f"static long {name}(int kind, long a, long b)", "{", "    long out;", "",
             "    switch (kind) {"]
    for i, ex in enumerate(chosen):
        ex = ex.format(c=rng.randint(2, 31), m=rng.choice([255, 1023, 4095, 65535]))
        lines += [f"    case {i}:", f"        out = {ex};", "        break;"]
    lines += ["    default:", "        out = a;", "        break;", "    }", "    return out;", "}"]
    k = rng.randint(0, 7)
    return lines, lambda e: [f"{e['r']} = {name}({e['w']}->kind, {e['r']}, {e['arr']}[{k}]);"]


def t_sort(rng, name, p):
    cmp = rng.choice([">", "<"])
    lines = [
        f"static void {name}(long *v, size_t n)",
        "{",
        "    size_t i, j;",
        "    long key;",
        "",
        "    for (i = 1; i < n; i++) {",
        "        key = v[i];",
        "        j = i;",
        f"        while (j > 0 && v[j - 1] {cmp} key) {{",
        "            v[j] = v[j - 1];",
        "            j--;",
        "        }",
        "        v[j] = key;",
        "    }",
        "}",
    ]
    return lines, lambda e: [f"{name}({e['arr']}, {e['narr']});"]


def t_format(rng, name, p):
    sep = rng.choice([":", "/", "#", "@", "-"])
    lines = [
        f"static size_t {name}(char *buf, size_t len, const struct work_item *w)",
        "{",
        "    int n;",
        "",
        f'    n = snprintf(buf, len, "{p}{sep}%s{sep}%d{sep}%ld", w->tag, w->kind, w->key);',
        "    if (n < 0)",
        "        return 0;",
        "    if ((size_t)n >= len)",
        "        return len - 1;",
        "    return strlen(buf);",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} += (long){name}({e['buf']}, sizeof {e['buf']}, {e['w']});"]


def t_hash(rng, name, p):
    rounds, s1, s2 = rng.randint(2, 5), rng.randint(7, 33), rng.randint(3, 17)
    mul = rng.getrandbits(63) | 1
    lines = [
        f"static unsigned long {name}(unsigned long x)",
        "{",
        "    int round;",
        "",
        f"    for (round = 0; round < {rounds}; round++) {{",
        f"        x ^= x >> {s1};",
        f"        x *= {mul:#x}UL;",
        f"        x ^= x << {s2};",
        "    }",
        "    return x;",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} ^= (long)({name}((unsigned long){e['r']}) & 0xffffUL);"]


def t_grid(rng, name, p):
    rows, cols = rng.randint(3, 8), rng.randint(3, 8)
    lines = [
        f"static long {name}(const long *v, size_t n)",
        "{",
        f"    long grid[{rows}][{cols}];",
        "    long best = 0;",
        "    int row, col;",
        "",
        f"    for (row = 0; row < {rows}; row++)",
        f"        for (col = 0; col < {cols}; col++)",
        f"            grid[row][col] = v[(size_t)(row * {cols} + col) % n] + row - col;",
        f"    for (row = 0; row < {rows}; row++) {{",
        "        long sum = 0;",
        "",
        f"        for (col = 0; col < {cols}; col++)",
        "            sum += grid[row][col];",
        "        if (sum > best)",
        "            best = sum;",
        "    }",
        "    return best;",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} += {name}({e['arr']}, {e['narr']});"]


def t_lookup(rng, name, p):
    words = rng.sample(WORDS, rng.randint(4, 9))
    lines = [f"static const char *const {name}_names[] = {{"]
    lines += [f'    "{w}",' for w in words]
    lines += [
        "};",
        "",
        f"static int {name}(const char *s)",
        "{",
        "    size_t i;",
        "",
        f"    for (i = 0; i < sizeof {name}_names / sizeof {name}_names[0]; i++) {{",
        f"        if (strncmp(s, {name}_names[i], strlen({name}_names[i])) == 0)",
        "            return (int)i;",
        "    }",
        "    return -1;",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} += {name}({e['w']}->tag);"]


def t_clamp(rng, name, p):
    lines = [
        f"static long {name}(long v, long lo, long hi)",
        "{",
        "    if (v < lo)",
        "        return lo;",
        "    if (v > hi)",
        "        return hi;",
        "    return v;",
        "}",
    ]
    k = rng.randint(1000, 1000000)
    return lines, lambda e: [f"{e['r']} = {name}({e['r']}, -{k}L, {k}L);"]


def t_bits(rng, name, p):
    k = rng.randint(2, 9)
    lines = [
        f"static unsigned {name}(unsigned flags)",
        "{",
        "    unsigned out = 0;",
        "    unsigned bit;",
        "",
        "    for (bit = 0; bit < 32; bit++) {",
        "        if ((flags & (1u << bit)) == 0)",
        "            continue;",
        f"        out += (bit & 1u) != 0 ? bit * {k}u : 1u;",
        "    }",
        "    return out;",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} += (long){name}({e['w']}->flags);"]


def t_chain(rng, name, p):
    cap = rng.randint(4, 12)
    lines = [
        f"static long {name}(const long *v, size_t n)",
        "{",
        f"    struct {name}_cell {{",
        f"        struct {name}_cell *next;",
        "        long val;",
        f"    }} cells[{cap}];",
        f"    struct {name}_cell *head = NULL, *c;",
        "    long best = 0;",
        "    size_t i;",
        "",
        f"    for (i = 0; i < {cap} && i < n; i++) {{",
        "        cells[i].val = v[i];",
        "        cells[i].next = head;",
        "        head = &cells[i];",
        "    }",
        "    for (c = head; c != NULL; c = c->next) {",
        "        if (c->val > best)",
        "            best = c->val;",
        "    }",
        "    return best;",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} += {name}({e['arr']}, {e['narr']});"]


def t_ctx(rng, name, p):
    lines = [
        f"static void {name}(struct {p}_ctx *c, long v)",
        "{",
        "    c->acc += v;",
        "    c->n++;",
        "    if (c->n == 1 || v < c->lo)",
        "        c->lo = v;",
        "    if (c->n == 1 || v > c->hi)",
        "        c->hi = v;",
        "    c->hist[(unsigned long)v % 8]++;",
        "}",
    ]
    return lines, lambda e: [f"{name}(&{e['ctx']}, {e['r']});"]


def t_node_walk(rng, name, p):
    lines = [
        f"/* Called with {p}_st.lock held. */",
        f"static long {name}(const struct {p}_node *n, long key)",
        "{",
        "    long below = 0;",
        "",
        "    for (; n != NULL; n = n->next) {",
        "        if (n->key < key)",
        "            below += n->hits;",
        "        else",
        "            break;",
        "    }",
        "    return below;",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} += {name}({p}_st.head, {e['w']}->key);"]


def t_rebalance(rng, name, p):
    period, lim, bit = rng.randint(16, 512), rng.randint(1000, 90000), rng.randint(0, 15)
    lines = [
        f"/* Called with {p}_st.lock held. */",
        f"static void {name}(void)",
        "{",
        "    int i;",
        "",
        f"    if ({p}_st.count % {period} != 0)",
        "        return;",
        f"    for (i = 0; i < {p.upper()}_TABLE; i++) {{",
        f"        if ({p}_st.table[i] > {lim})",
        f"            {p}_st.table[i] /= 2;",
        f"        else if ({p}_st.table[i] < -{lim})",
        f"            {p}_st.table[i] = -{lim};",
        "    }",
        f"    {p}_st.flags |= 1u << {bit};",
        "}",
    ]
    return lines, lambda e: [f"{name}();"]


def t_table_sum(rng, name, p):
    stride = rng.choice([1, 2, 3, 4])
    lines = [
        f"/* Called with {p}_st.lock held. */",
        f"static long {name}(void)",
        "{",
        "    long sum = 0;",
        "    int i;",
        "",
        f"    for (i = 0; i < {p.upper()}_TABLE; i += {stride})",
        f"        sum += {p}_st.table[i];",
        "    return sum;",
        "}",
    ]
    return lines, lambda e: [f"{e['r']} += {name}();"]


def t_touch_nodes(rng, name, p):
    mask, f = rng.choice([1, 3, 7]), rng.choice(["0.25", "0.5", "0.125"])
    lines = [
        f"/* Called with {p}_st.lock held; takes each node's lock in turn. */",
        f"static void {name}(long delta)",
        "{",
        f"    struct {p}_node *n;",
        "",
        f"    for (n = {p}_st.head; n != NULL; n = n->next) {{",
        f"        if ((n->key & {mask}) != 0)",
        "            continue;",
        "        pthread_mutex_lock(&n->lock);",
        f"        n->weight += (double)delta * {f};",
        "        pthread_mutex_unlock(&n->lock);",
        "    }",
        "}",
    ]
    return lines, lambda e: [f"{name}({e['r']});"]


# (template, name stem, needs module context)
PURE = [
    (t_fold, "fold", False), (t_classify, "classify", False),
    (t_dispatch, "dispatch", False), (t_sort, "sort", False),
    (t_format, "format", False), (t_hash, "hash", False),
    (t_grid, "grid", False), (t_lookup, "lookup", False),
    (t_clamp, "clamp", False), (t_bits, "bits", False),
    (t_chain, "chain", False), (t_ctx, "ctx_add", True),
]
LOCKED = [
    (t_node_walk, "below", True), (t_rebalance, "rebalance", True),
    (t_table_sum, "table_sum", True), (t_touch_nodes, "touch", True),
]


class Helper:
    def __init__(self, lines, call, locked):
        self.lines, self.call, self.locked = lines, call, locked


def make_helpers(rng, p, budget, module):
    """Helpers for prefix p until their lines reach budget (at least two)."""
    helpers, used = [], 0
    pool = PURE if module else [t for t in PURE if not t[2]]
    while used < budget or len(helpers) < 2:
        locked = module and rng.random() < 0.3
        tmpl, stem, _ = rng.choice(LOCKED if locked else pool)
        lines, call = tmpl(rng, f"{p}_{stem}_{len(helpers)}", p)
        helpers.append(Helper(lines, call, locked))
        used += len(lines) + 1
    return helpers


def file_head(path, text):
    return ["/*", f" * {path} - {text}", " * Generated by tools/gen_corpus.py; do not edit.", " */"]



# ---------------------------------------------------------------------------
# The shapes of real code: one server object that every module touches, a
# void * container of heterogeneous objects, callback tables filled at run
# time, deep call chains.
# ---------------------------------------------------------------------------

SERVER_STATS = ["stat_bytes", "stat_errors", "stat_hits", "stat_misses", "stat_expired",
                "stat_evicted", "stat_peak"]


def gen_object(rng, p, idx, nfield, depth):
    """The module's object (struct p_obj, kept in server.objects as a void *,
    fields under server.objects_lock), its type's callbacks, a call chain
    `depth` functions deep run with the lock held, and p_obj_create,
    p_obj_destroy and p_obj_use."""
    f = [f"f{i}" for i in range(nfield)]
    c = [f"/* The module's object: kept in server.objects (a void * container) and",
         " * reached only through it; its fields are guarded by server.objects_lock. */",
         f"struct {p}_obj {{",
         f"    const struct obj_type *type; /* written by {p}_obj_create only */",
         "    long id;                     /* ditto */"]
    c += [f"    long {x};" for x in f]
    c += ["};", ""]
    a, b, d = rng.sample(f, 3)
    c += [f"static long {p}_obj_measure(void *self, long v)", "{", f"    struct {p}_obj *o = self;",
          "    long r;", "", "    pthread_mutex_lock(&server.objects_lock);", f"    o->{a} += v;",
          f"    r = o->{b} ^ v;", f"    o->{d} = r & 0xffff;", "    pthread_mutex_unlock(&server.objects_lock);",
          "    return r + o->id;", "}", ""]
    c += [f"static void {p}_obj_reset(void *self)", "{", f"    struct {p}_obj *o = self;", "",
          "    pthread_mutex_lock(&server.objects_lock);"]
    c += [f"    o->{x} = 0;" for x in rng.sample(f, min(4, nfield))]
    c += ["    pthread_mutex_unlock(&server.objects_lock);", "}", "",
          f'static const struct obj_type {p}_obj_type = {{ "{p}", {p}_obj_measure, {p}_obj_reset }};', ""]
    c += [f"/* A call chain {depth} deep; called with server.objects_lock held. */"]
    x, y = rng.sample(f, 2)
    c += [f"static long {p}_deep_{depth - 1}(struct {p}_obj *o, long v)", "{", f"    o->{x} += v;",
          f"    return o->{y} - v;", "}", ""]
    for i in range(depth - 2, -1, -1):
        x, y = rng.sample(f, 2)
        c += [f"static long {p}_deep_{i}(struct {p}_obj *o, long v)", "{", f"    long r = v ^ o->{x};", "",
              f"    if ((r & {rng.choice([1, 3, 7, 15])}) != 0)", f"        o->{y}++;",
              f"    return {p}_deep_{i + 1}(o, r + {rng.randint(1, 99)}) + {rng.randint(0, 9)};", "}", ""]
    c += [f"/* Called by {p}_init, before the threads start. */", f"static void {p}_obj_create(void)", "{",
          f"    struct {p}_obj *o = calloc(1, sizeof *o);", "", "    if (o == NULL)", "        abort();",
          f"    o->type = &{p}_obj_type;", f"    o->id = {idx};"]
    c += [f"    o->{x} = {rng.randint(1, 999)};" for x in rng.sample(f, min(3, nfield))]
    c += [f"    if (dict_add(&server.objects, {idx}, o) != 0)", "        abort();", "}", ""]
    c += [f"/* Called by {p}_fini, after the threads are joined. */", f"static void {p}_obj_destroy(void)", "{",
          f"    struct {p}_obj *o = dict_find(&server.objects, {idx});", "", "    if (o == NULL)",
          "        return;", "    o->type->reset(o);", "    free(o);", "}", ""]
    c += ["/* Found through the container, a callback through its type, then the",
          " * chain with the lock held. */",
          f"static long {p}_obj_use(const struct work_item *w, long r)", "{",
          f"    struct {p}_obj *o = dict_find(&server.objects, {idx});", "", "    if (o == NULL)",
          "        return r;", "    r += o->type->measure(o, w->value);",
          "    pthread_mutex_lock(&server.objects_lock);", f"    r += {p}_deep_0(o, r);",
          "    pthread_mutex_unlock(&server.objects_lock);", "    return r;", "}", ""]
    return c


def use_object(rng, p, idx):
    """An API function's use of the module object and of the server object."""
    c = [f"    r = {p}_obj_use(w, r);"]
    if rng.random() < 0.5:
        c += [f"    server_stat({idx} % SERVER_NSTAT, r & 0xff, r < 0);"]
    else:
        c += ["    pthread_mutex_lock(&server.lock);", f"    server.stat_calls[{idx} % SERVER_NSTAT]++;"]
        for st in rng.sample(SERVER_STATS, rng.randint(1, 3)):
            c += [rng.choice([f"    server.{st}++;", f"    server.{st} += r & 0xff;"])]
        c += ["    pthread_mutex_unlock(&server.lock);"]
    c += [f"    if (server.verbosity > {rng.randint(1, 4)})", "        r ^= server.hz;"]
    return c


def gen_core(maxcmd):
    """src/core.c: the server object, the dict and the command table."""
    c = file_head("src/core.c", "the server object every module touches, a map of untyped objects")
    c[2:2] = [" * (void *) and the command table modules fill at start-up."]
    c += [""] + STD_INCLUDES + ["", '#include "common.h"', "", "struct server server;", ""]
    c += ["void dict_init(struct dict *d)", "{", "    memset(d->buckets, 0, sizeof d->buckets);", "    d->size = 0;",
          "}", "",
          "int dict_add(struct dict *d, long key, void *val)", "{", "    unsigned long b = (unsigned long)key % DICT_BUCKETS;",
          "    struct dict_entry *e;", "", "    for (e = d->buckets[b]; e != NULL; e = e->next)",
          "        if (e->key == key)", "            return -1;", "    e = malloc(sizeof *e);", "    if (e == NULL)",
          "        return -1;", "    e->key = key;", "    e->val = val;", "    e->next = d->buckets[b];",
          "    d->buckets[b] = e;", "    d->size++;", "    return 0;", "}", "",
          "void *dict_find(const struct dict *d, long key)", "{", "    const struct dict_entry *e;", "",
          "    for (e = d->buckets[(unsigned long)key % DICT_BUCKETS]; e != NULL; e = e->next)",
          "        if (e->key == key)", "            return e->val;", "    return NULL;", "}", "",
          "void dict_clear(struct dict *d)", "{", "    struct dict_entry *e, *next;", "    int b;", "",
          "    for (b = 0; b < DICT_BUCKETS; b++) {", "        for (e = d->buckets[b]; e != NULL; e = next) {",
          "            next = e->next;", "            free(e);", "        }", "        d->buckets[b] = NULL;", "    }",
          "    d->size = 0;", "}", "",
          "/* Called by main before the threads start. */", "void server_init(int verbosity)", "{",
          "    pthread_mutex_init(&server.lock, NULL);", "    pthread_mutex_init(&server.objects_lock, NULL);",
          "    dict_init(&server.objects);", "    server.verbosity = verbosity;", "    server.hz = 10;",
          "    server.ncommands = 0;", "}", "",
          "/* Called by the modules' init functions, before the threads start. */",
          "void register_command(const char *name, item_fn proc, int module)", "{",
          "    struct command *cmd;", "", "    if (server.ncommands == SERVER_MAXCMD)", "        abort();",
          "    cmd = &server.commands[server.ncommands++];", "    cmd->name = name;", "    cmd->proc = proc;",
          "    cmd->module = module;", "}", "",
          "/* Runs one command chosen by the item, through the table. */",
          "long call_command(const struct work_item *w)", "{", "    const struct command *cmd;", "    long r;",
          "", "    if (server.ncommands == 0)", "        return 0;",
          "    cmd = &server.commands[(unsigned long)w->key % (unsigned long)server.ncommands];",
          "    r = cmd->proc(w);", "    pthread_mutex_lock(&server.lock);",
          "    server.command_calls[cmd - server.commands]++;",
          "    server.stat_calls[cmd->module % SERVER_NSTAT]++;", "    pthread_mutex_unlock(&server.lock);",
          "    return r;", "}", "",
          "void server_stat(int slot, long bytes, int error)", "{", "    pthread_mutex_lock(&server.lock);",
          "    server.stat_calls[slot]++;", "    server.stat_bytes += bytes;", "    if (error)",
          "        server.stat_errors++;", "    if (bytes > server.stat_peak)", "        server.stat_peak = bytes;",
          "    pthread_mutex_unlock(&server.lock);", "}", "",
          "/* Called by main after the threads are joined. */", "void server_report(FILE *out)", "{",
          "    long calls = 0, commands = 0;", "    int i;", "", "    for (i = 0; i < SERVER_NSTAT; i++)",
          "        calls += server.stat_calls[i];", "    for (i = 0; i < server.ncommands; i++)",
          "        commands += server.command_calls[i];",
          '    fprintf(out, "server: calls=%ld commands=%ld bytes=%ld errors=%ld peak=%ld objects=%ld\\n",',
          "            calls, commands, server.stat_bytes, server.stat_errors, server.stat_peak,",
          "            server.objects.size);", "}", "",
          "void server_fini(void)", "{", "    dict_clear(&server.objects);",
          "    pthread_mutex_destroy(&server.objects_lock);", "    pthread_mutex_destroy(&server.lock);", "}"]
    return c


# ---------------------------------------------------------------------------
# Modules
# ---------------------------------------------------------------------------

API_FIXED = ["process", "query", "update"]


def gen_module(rng, idx, target):
    p, P = f"m{idx}", f"M{idx}"
    has_rw = rng.random() < 0.35
    has_atomic = rng.random() < 0.6
    table, nnodes = rng.choice([16, 32, 64, 128]), rng.randint(8, 48)
    nlocal, ncfg = rng.choice([8, 12, 16, 24]), rng.choice([4, 8, 16])
    limit = rng.randint(1000, 1 << 20)
    nfield, depth = rng.randint(6, 24), rng.randint(6, 18)

    # Fixed parts and the three fixed API functions cost about 330 lines, the
    # object, its callbacks and its call chain about 2 * nfield + 7 * depth;
    # every three helpers (about 15 lines each) bring a stage of about 30.
    budget = max(40, int((target - 330 - 2 * nfield - 7 * depth) / 1.6))
    helpers = make_helpers(rng, p, budget, True)
    nstage = max(0, (len(helpers) - 6 + 2) // 3)
    apis = API_FIXED + [f"stage_{i}" for i in range(nstage)]

    # Every helper is called at least once: distribute, then sprinkle extras.
    calls = {a: [] for a in apis}
    order = list(range(len(helpers)))
    rng.shuffle(order)
    for i, h in enumerate(order):
        calls[apis[i % len(apis)]].append(h)
    for a in apis:
        for _ in range(rng.randint(0, 2)):
            calls[a].append(rng.randrange(len(helpers)))

    # Header.
    h = file_head(f"include/{p}.h", f"module {idx} of the benchmark corpus.")
    h += [f"#ifndef CORPUS_{P}_H", f"#define CORPUS_{P}_H", "", '#include "common.h"', "",
          f"#define {P}_TABLE {table}", f"#define {P}_NNODES {nnodes}", "",
          f"struct {p}_node {{",
          f"    struct {p}_node *next;",
          "    pthread_mutex_t lock; /* guards hits and weight (taken under the module lock) */",
          "    long key;             /* written by init only */",
          "    long hits;",
          "    double weight;",
          "    char name[24];",
          "};", "",
          f"struct {p}_state {{",
          "    pthread_mutex_t lock; /* guards every field below */",
          "    long total;",
          "    long count;",
          "    unsigned flags;",
          "    int nnodes;",
          f"    long table[{P}_TABLE];",
          f"    struct {p}_node *head;",
          "};", "",
          f"extern int {p}_limit; /* set by {p}_init, read-only afterwards */", "",
          f"void {p}_init(void);", f"void {p}_report(FILE *out);", f"void {p}_fini(void);"]
    h += [f"long {p}_{a}(const struct work_item *w);" for a in apis]
    h += ["", f"#endif /* CORPUS_{P}_H */"]

    # Source.
    c = file_head(f"src/{p}.c", f"module {idx}: a keyed table and a node list guarded by")
    c[2:2] = [f" * {p}_st.lock, statistics under {p}_stats_lock"
              + (f", configuration under the rwlock {p}_cfg_lock" if has_rw else "")
              + (", an atomic hit counter." if has_atomic else ".")]
    c += [""] + STD_INCLUDES + ["", '#include "common.h"', f'#include "{p}.h"', "",
                                f"#define {P}_NLOCAL {nlocal}", f"#define {P}_NCFG {ncfg}", "",
                                f"struct {p}_ctx {{", "    long acc;", "    long lo;", "    long hi;",
                                "    int n;", "    long hist[8];", "};", "",
                                f"struct {p}_op {{", "    const char *name;",
                                f"    long (*fn)(struct {p}_ctx *c, long v);", "};", "",
                                f"int {p}_limit;",
                                f"static struct {p}_state {p}_st;",
                                f"static pthread_mutex_t {p}_stats_lock = PTHREAD_MUTEX_INITIALIZER;",
                                f"static long {p}_stat_calls;  /* {p}_stats_lock */",
                                f"static long {p}_stat_errors; /* {p}_stats_lock */"]
    if has_rw:
        c += [f"static pthread_rwlock_t {p}_cfg_lock = PTHREAD_RWLOCK_INITIALIZER;",
              f"static int {p}_cfg[{P}_NCFG]; /* {p}_cfg_lock */"]
    if has_atomic:
        c += [f"static atomic_long {p}_hits;"]
    c += [""]

    # Op table: functions reached through pointers, on the caller's context.
    op_bodies = [
        ("scale", ["    c->acc += v * {k};", "    c->n++;", "    return c->acc;"]),
        ("minmax", ["    if (c->n == 0 || v < c->lo)", "        c->lo = v;",
                    "    if (c->n == 0 || v > c->hi)", "        c->hi = v;", "    c->n++;",
                    "    return c->hi - c->lo;"]),
        ("hist", ["    c->hist[(unsigned long)v % 8] += {k};", "    c->n++;",
                  "    return c->hist[(unsigned long)v % 8];"]),
        ("mix", ["    c->acc ^= v + {k};", "    c->acc = c->acc * 31 + c->n;", "    return c->acc;"]),
        ("decay", ["    c->acc = c->acc / 2 + v;", "    if (c->acc > {k}L)", "        c->acc -= {k}L;",
                   "    return c->acc;"]),
        ("count", ["    if (v % {k} == 0)", "        c->n++;", "    return c->n;"]),
    ]
    ops = rng.sample(op_bodies, rng.randint(3, 6))
    for i, (_, body) in enumerate(ops):
        k = rng.randint(2, 97)
        c += [f"static long {p}_op_{i}(struct {p}_ctx *c, long v)", "{"]
        c += [b.format(k=k) for b in body] + ["}", ""]
    c += [f"#define {P}_NOPS {len(ops)}", f"static const struct {p}_op {p}_ops[{P}_NOPS] = {{"]
    c += [f'    {{ "{nm}", {p}_op_{i} }},' for i, (nm, _) in enumerate(ops)]
    c += ["};", ""]
    c += gen_object(rng, p, idx, nfield, depth)

    c += [f"/* Called with {p}_st.lock held. */",
          f"static struct {p}_node *{p}_find(struct {p}_node *n, long key)", "{",
          "    while (n != NULL && n->key != key)", "        n = n->next;", "    return n;", "}", ""]
    for hp in helpers:
        c += hp.lines + [""]

    env = {"r": "r", "w": "w", "arr": "local", "narr": f"{P}_NLOCAL", "buf": "buf", "ctx": "ctx",
           "p": p}
    for a in apis:
        pure = [helpers[i] for i in calls[a] if not helpers[i].locked]
        locked = [helpers[i] for i in calls[a] if helpers[i].locked]
        mul = rng.randint(3, 41)
        c += [f"long {p}_{a}(const struct work_item *w)", "{", f"    struct {p}_ctx ctx;",
              f"    long local[{P}_NLOCAL];", "    char buf[64];", "    long r = 0;", "    int i;"]
        if a == "process":
            c += [f"    struct {p}_node *n;"]
        c += ["", "    memset(&ctx, 0, sizeof ctx);", f"    for (i = 0; i < {P}_NLOCAL; i++)",
              f"        local[i] = (w->key ^ (long)i) * {mul} + w->value;",
              f'    snprintf(buf, sizeof buf, "{p}.{a}:%s", w->tag);', "    r += (long)strlen(buf);",
              f"    r += local[(unsigned)w->kind % {P}_NLOCAL];"]
        for hp in pure:
            c += ["    " + s for s in hp.call(env)]
        c += [f"    r = {p}_ops[(unsigned)w->kind % {P}_NOPS].fn(&ctx, r);",
              f"    if (r > {p}_limit)", f"        r %= {p}_limit;"]
        c += use_object(rng, p, idx)
        if has_rw and a == "query":
            c += [f"    pthread_rwlock_rdlock(&{p}_cfg_lock);",
                  f"    r += {p}_cfg[(unsigned)w->kind % {P}_NCFG];",
                  f"    pthread_rwlock_unlock(&{p}_cfg_lock);"]
        if has_rw and a == "update":
            c += [f"    pthread_rwlock_wrlock(&{p}_cfg_lock);",
                  f"    {p}_cfg[(unsigned long)w->key % {P}_NCFG] = (int)(w->value & 0xff);",
                  f"    pthread_rwlock_unlock(&{p}_cfg_lock);"]
        c += ["", f"    pthread_mutex_lock(&{p}_st.lock);"]
        if a == "query":
            c += [f"    r += {p}_st.table[(unsigned long)w->key % {P}_TABLE];",
                  f"    if (({p}_st.flags & 1u) != 0)", f"        r -= {p}_st.total / ({p}_st.count + 1);"]
        else:
            c += [f"    {p}_st.total += r;", f"    {p}_st.count++;",
                  f"    {p}_st.table[(unsigned long)w->key % {P}_TABLE] += w->value;"]
        for hp in locked:
            c += ["    " + s for s in hp.call(env)]
        if a == "process":
            c += [f"    n = {p}_find({p}_st.head, w->key);", "    if (n != NULL) {",
                  "        pthread_mutex_lock(&n->lock);", "        n->hits++;",
                  "        n->weight = n->weight * 0.5 + (double)r;",
                  "        pthread_mutex_unlock(&n->lock);", "    }"]
        c += [f"    pthread_mutex_unlock(&{p}_st.lock);", "",
              f"    pthread_mutex_lock(&{p}_stats_lock);", f"    {p}_stat_calls++;", "    if (r < 0)",
              f"        {p}_stat_errors++;", f"    pthread_mutex_unlock(&{p}_stats_lock);"]
        if has_atomic:
            c += [rng.choice([f"    atomic_fetch_add(&{p}_hits, 1);",
                              f"    atomic_fetch_add_explicit(&{p}_hits, 1, memory_order_relaxed);"])]
        c += ["    return r + ctx.acc;", "}", ""]

    kmul = rng.randint(2, 13)
    c += [f"void {p}_init(void)", "{", f"    struct {p}_node *n;", "    int i;", "",
          f"    pthread_mutex_init(&{p}_st.lock, NULL);", f"    {p}_st.total = 0;", f"    {p}_st.count = 0;",
          f"    {p}_st.flags = 0;", f"    for (i = 0; i < {P}_TABLE; i++)",
          f"        {p}_st.table[i] = (long)i * {kmul};", f"    for (i = 0; i < {P}_NNODES; i++) {{",
          "        n = calloc(1, sizeof *n);", "        if (n == NULL)", "            abort();",
          "        pthread_mutex_init(&n->lock, NULL);", f"        n->key = (long)i * {kmul};",
          f'        snprintf(n->name, sizeof n->name, "{p}-%d", i);', f"        n->next = {p}_st.head;",
          f"        {p}_st.head = n;", f"        {p}_st.nnodes++;", "    }", f"    {p}_limit = {limit};"]
    c += [f"    {p}_obj_create();"]
    c += [f'    register_command("{p}_{a}", {p}_{a}, {idx});' for a in apis]
    if has_rw:
        c += [f"    for (i = 0; i < {P}_NCFG; i++)", f"        {p}_cfg[i] = i + 1;"]
    c += ["}", "", f"void {p}_report(FILE *out)", "{", f"    const struct {p}_node *n;", "    long hits = 0;",
          "    double weight = 0.0;"]
    if has_rw:
        c += ["    long cfg = 0;", "    int i;"]
    c += ["", f"    for (n = {p}_st.head; n != NULL; n = n->next) {{", "        hits += n->hits;",
          "        weight += n->weight;", "    }"]
    if has_rw:
        c += [f"    for (i = 0; i < {P}_NCFG; i++)", f"        cfg += {p}_cfg[i];"]
    c += [f'    fprintf(out, "{p}: total=%ld count=%ld flags=%#x nodes=%d hits=%ld weight=%.2f",',
          f"            {p}_st.total, {p}_st.count, {p}_st.flags, {p}_st.nnodes, hits, weight);",
          f'    fprintf(out, " calls=%ld errors=%ld", {p}_stat_calls, {p}_stat_errors);']
    if has_rw:
        c += ['    fprintf(out, " cfg=%ld", cfg);']
    if has_atomic:
        c += [f'    fprintf(out, " atomic_hits=%ld", atomic_load(&{p}_hits));']
    c += ["    fputc('\\n', out);", "}", "", f"void {p}_fini(void)", "{", f"    struct {p}_node *n, *next;", "",
          f"    {p}_obj_destroy();",
          f"    for (n = {p}_st.head; n != NULL; n = next) {{", "        next = n->next;",
          "        pthread_mutex_destroy(&n->lock);", "        free(n);", "    }", f"    {p}_st.head = NULL;",
          f"    pthread_mutex_destroy(&{p}_st.lock);", "}"]
    return {"prefix": p, "apis": [f"{p}_{a}" for a in apis], "c": c, "h": h}


# ---------------------------------------------------------------------------
# Worker files: the thread routines
# ---------------------------------------------------------------------------

def gen_routine(rng, p, name, by_value, targets, planted, nhandlers):
    """One thread routine; planted is None or the planted race number."""
    W = p.upper()
    use_cmd = int(rng.random() < 0.5)  # also dispatch through the command table
    c = [f"void *{name}(void *arg)", "{"]
    if by_value:
        c += ["    int id = (int)(intptr_t)arg;", f"    unsigned seed = 2166136261u ^ (unsigned)id * {rng.randint(3, 999)}u;"]
        bound, idx = f"{W}_ROUNDS", "id"
    else:
        c += ["    const struct worker_arg *wa = arg;", "    unsigned seed = wa->seed;"]
        bound, idx = "wa->nitems", "wa->id"
    c += ["    struct work_item item;", f"    long window[{W}_WINDOW];", "    char label[32];",
          "    long acc = 0;", "    long v;", "    int i;", "", "    memset(window, 0, sizeof window);",
          f"    for (i = 0; i < {bound}; i++) {{", f"        {p}_make_item(&item, &seed, {idx}, i);",
          f"        switch (item.kind % {len(targets) + 1 + use_cmd}) {{"]
    for k, fn in enumerate(targets):
        c += [f"        case {k}:", f"            acc += {fn}(&item);", "            break;"]
    if use_cmd:
        c += [f"        case {len(targets)}:", "            acc += call_command(&item);", "            break;"]
    c += ["        default:", f"            acc += {p}_handlers[(unsigned long)item.key % {nhandlers}].fn(&item);",
          "            break;", "        }"]
    body = [
        [f"        window[i % {W}_WINDOW] = acc;"],
        [f'        snprintf(label, sizeof label, "{name}-%d", i);', "        acc += (long)strlen(label);"],
        [f"        if ((i & {rng.choice([15, 31, 63])}) == 0)", f"            {p}_queue_push(acc);"],
        [f"        if ({p}_queue_pop(&v))", "            acc ^= v;"],
        [f"        if ((i & {rng.choice([7, 31, 127])}) == 0) {{", f"            pthread_mutex_lock(&{p}_progress_lock);",
         f"            {p}_progress[(unsigned){idx} % {W}_SLOTS] += acc;",
         f"            pthread_mutex_unlock(&{p}_progress_lock);", "        }"],
    ]
    rng.shuffle(body)
    if planted is not None:
        mark = f"planted_race_{planted}++; // expect: data-race 'planted_race_{planted}'"
        if rng.random() < 0.5:
            stmt = [f"        {mark}"]
        else:
            stmt = [f"        if (acc % {rng.randint(2, 9)} == 0)", f"            {mark}"]
        body.insert(rng.randint(0, len(body)), stmt)
    for stmt in body:
        c += stmt
    c += ["    }", f"    atomic_fetch_add(&{p}_done, 1);", "    return (void *)(intptr_t)(acc & 1);", "}"]
    return c


def gen_worker_file(rng, idx, target, local_mods, all_mods, plant_next):
    p, W = f"w{idx}", f"W{idx}"
    nrout = rng.randint(3, 6)
    all_apis = [a for m in all_mods for a in m["apis"]]
    local_apis = [a for m in local_mods for a in m["apis"]]
    handlers = sorted(set(rng.sample(all_apis, min(len(all_apis), rng.randint(4, 10)))),
                      key=all_apis.index)
    # Routine targets: every local module's API reachable from some routine.
    targets = [[] for _ in range(nrout)]
    pending = list(local_apis)
    rng.shuffle(pending)
    for i, a in enumerate(pending):
        targets[i % nrout].append(a)
    for t in targets:
        t += rng.sample(all_apis, rng.randint(1, 3))
        rng.shuffle(t)
    routines = []
    for r in range(nrout):
        planted = None
        if rng.random() < PLANT_PROBABILITY:
            planted = plant_next
            plant_next += 1
        routines.append({"name": f"{p}_run_{r}", "by_value": rng.random() < 0.4,
                         "nthreads": rng.randint(2, 4), "planted": planted, "targets": targets[r]})
    if idx == 0 and all(t["planted"] is None for t in routines):  # at least one per corpus
        routines[-1]["planted"] = plant_next
        plant_next += 1

    h = file_head(f"include/{p}.h", f"worker file {idx}: thread routines.")
    h += [f"#ifndef CORPUS_{W}_H", f"#define CORPUS_{W}_H", "", '#include "common.h"', ""]
    h += [f"void *{t['name']}(void *arg);" for t in routines]
    h += [f"void {p}_report(FILE *out);", "", f"#endif /* CORPUS_{W}_H */"]

    used_mods = sorted({a.split("_")[0] for t in routines for a in t["targets"]} |
                       {a.split("_")[0] for a in handlers}, key=lambda m: int(m[1:]))
    c = file_head(f"src/{p}.c", f"worker file {idx}: thread routines over modules {', '.join(used_mods)};")
    c[2:2] = [f" * progress under {p}_progress_lock, a queue under {p}_q.lock, an atomic done counter."]
    c += [""] + STD_INCLUDES + ["", '#include "common.h"', f'#include "{p}.h"']
    c += [f'#include "{m}.h"' for m in used_mods]
    c += ["", f"#define {W}_SLOTS 16", f"#define {W}_WINDOW 8", f"#define {W}_QCAP {rng.choice([32, 64, 128])}",
          f"#define {W}_ROUNDS {rng.choice([500, 1000, 2000])}", "",
          f"static pthread_mutex_t {p}_progress_lock = PTHREAD_MUTEX_INITIALIZER;",
          f"static long {p}_progress[{W}_SLOTS]; /* {p}_progress_lock */", f"static atomic_int {p}_done;", "",
          "static struct {", "    pthread_mutex_t lock; /* guards the fields below */", f"    long items[{W}_QCAP];",
          "    unsigned head;", "    unsigned tail;", "    long dropped;", f"}} {p}_q = {{ .lock = PTHREAD_MUTEX_INITIALIZER }};",
          ""]
    for t in routines:
        if t["planted"] is not None:
            c += [f"long planted_race_{t['planted']}; /* statistics, deliberately unguarded */"]
    c += ["", f"static const struct handler {p}_handlers[] = {{"]
    c += [f'    {{ "{a}", {a} }},' for a in handlers]
    c += ["};", ""]
    c += [f"static void {p}_make_item(struct work_item *it, unsigned *seed, int id, int i)", "{",
          "    *seed = *seed * 1103515245u + 12345u;", "    memset(it, 0, sizeof *it);",
          "    it->kind = (int)((*seed >> 16) % 11u);", "    it->flags = *seed >> 5;",
          f"    it->key = (long)(*seed % {rng.choice([256, 1024, 4096])}u);", "    it->value = (long)((*seed >> 8) & 0xffu) - 64;",
          '    snprintf(it->tag, sizeof it->tag, "%s%d.%d", (i & 1) != 0 ? "odd" : "even", id, i);', "}", "",
          f"static void {p}_queue_push(long v)", "{", f"    pthread_mutex_lock(&{p}_q.lock);",
          f"    if ({p}_q.tail - {p}_q.head < {W}_QCAP) {{", f"        {p}_q.items[{p}_q.tail % {W}_QCAP] = v;",
          f"        {p}_q.tail++;", "    } else {", f"        {p}_q.dropped++;", "    }",
          f"    pthread_mutex_unlock(&{p}_q.lock);", "}", "",
          f"static int {p}_queue_pop(long *out)", "{", "    int ok = 0;", "",
          f"    pthread_mutex_lock(&{p}_q.lock);", f"    if ({p}_q.head != {p}_q.tail) {{",
          f"        *out = {p}_q.items[{p}_q.head % {W}_QCAP];", f"        {p}_q.head++;", "        ok = 1;", "    }",
          f"    pthread_mutex_unlock(&{p}_q.lock);", "    return ok;", "}", ""]
    # Routines first (each also calls its own stage), then helpers fill the
    # file up to its target size; every helper is called from one stage.
    for t in routines:
        t["stage"] = f"{t['name']}_stage"
        t["targets"].append(t["stage"])
    texts = [gen_routine(rng, p, t["name"], t["by_value"], t["targets"], t["planted"], len(handlers))
             for t in routines]
    rest = target - len(c) - sum(len(x) + 1 for x in texts) - 13 * nrout - 10
    helpers = make_helpers(rng, p, max(20, rest), False)
    for hp in helpers:
        c += hp.lines + [""]
    stages = [[] for _ in routines]
    for i, hp in enumerate(helpers):
        stages[i % nrout].append(hp)
    env = {"r": "r", "w": "w", "arr": "arr", "narr": "8", "buf": "buf", "p": p}
    for t, st in zip(routines, stages):
        c += [f"static long {t['stage']}(const struct work_item *w)", "{", "    long arr[8];",
              "    char buf[48];", "    long r = w->value;", "    int i;", "", "    for (i = 0; i < 8; i++)",
              f"        arr[i] = w->key * (i + {rng.randint(1, 9)}) - w->value;", "    buf[0] = '\\0';",
              "    r += arr[(unsigned)w->kind % 8];"]
        for hp in st:
            c += ["    " + s for s in hp.call(env)]
        c += ["    return r + (long)strlen(buf);", "}", ""]
    for x in texts:
        c += x + [""]
    c += [f"void {p}_report(FILE *out)", "{", "    long sum = 0;", "    int i;", "",
          f"    for (i = 0; i < {W}_SLOTS; i++)", f"        sum += {p}_progress[i];",
          f'    fprintf(out, "{p}: progress=%ld queued=%u dropped=%ld done=%d\\n", sum,',
          f"            {p}_q.tail - {p}_q.head, {p}_q.dropped, atomic_load(&{p}_done));", "}"]
    return {"prefix": p, "routines": routines, "c": c, "h": h}, plant_next


# ---------------------------------------------------------------------------
# Setup files and main
# ---------------------------------------------------------------------------

def gen_setup(idx, mods):
    p = f"setup_{idx}"
    c = file_head(f"src/{p}.c", f"init, report and fini for modules {mods[0]['prefix']}..{mods[-1]['prefix']}.")
    c += [""] + STD_INCLUDES + ["", '#include "common.h"', f'#include "{p}.h"']
    c += [f'#include "{m["prefix"]}.h"' for m in mods]
    for fn, sig in (("init", "void"), ("report", "FILE *out"), ("fini", "void")):
        c += ["", f"void {p}_{fn}({sig})", "{"]
        arg = "out" if fn == "report" else ""
        c += [f"    {m['prefix']}_{fn}({arg});" for m in mods] + ["}"]
    h = file_head(f"include/{p}.h", "module setup group.")
    h += [f"#ifndef CORPUS_SETUP_{idx}_H", f"#define CORPUS_SETUP_{idx}_H", "", '#include "common.h"', "",
          f"void {p}_init(void);", f"void {p}_report(FILE *out);", f"void {p}_fini(void);", "", "#endif"]
    return c, h


def gen_main(workers, nsetup):
    nthreads = sum(t["nthreads"] for w in workers for t in w["routines"])
    c = file_head("src/main.c", "initialises every module, starts every thread routine in loops,")
    c[2:2] = [" * joins all threads, then reports. Plain accesses by main happen before the first",
              " * pthread_create or after the last pthread_join."]
    c += [""] + STD_INCLUDES + ["", '#include "common.h"']
    c += [f'#include "setup_{i}.h"' for i in range(nsetup)]
    c += [f'#include "{w["prefix"]}.h"' for w in workers]
    c += ["", f"#define NTHREADS {nthreads}", "", "static struct worker_arg g_args[NTHREADS]; /* read-only in threads */",
          "", "static void fail(const char *what)", "{", "    perror(what);", "    abort();", "}", "",
          "int main(int argc, char **argv)", "{", "    pthread_t tids[NTHREADS];", "    int items = 1000;",
          "    int i, n;", "", "    if (argc > 1)", "        items = atoi(argv[1]);",
          "    server_init(argc > 2 ? atoi(argv[2]) : 0);"]
    c += [f"    setup_{i}_init();" for i in range(nsetup)]
    c += ["    for (i = 0; i < NTHREADS; i++) {", "        g_args[i].id = i;", "        g_args[i].nitems = items;",
          "        g_args[i].seed = 12345u + (unsigned)i * 7919u;", "    }", "", "    n = 0;"]
    for w in workers:
        for t in w["routines"]:
            arg = "(void *)(intptr_t)n" if t["by_value"] else "&g_args[n]"
            c += [f"    for (i = 0; i < {t['nthreads']}; i++, n++)",
                  f"        if (pthread_create(&tids[n], NULL, {t['name']}, {arg}) != 0)",
                  '            fail("pthread_create");']
    c += ["", "    for (i = 0; i < n; i++)", "        if (pthread_join(tids[i], NULL) != 0)",
          '            fail("pthread_join");', ""]
    c += [f"    setup_{i}_report(stdout);" for i in range(nsetup)]
    c += [f"    {w['prefix']}_report(stdout);" for w in workers]
    c += ["    server_report(stdout);"]
    c += [f"    setup_{i}_fini();" for i in range(nsetup)]
    c += ["    server_fini();"]
    c += ["    return 0;", "}"]
    return c


def common_h(maxcmd):
    return file_head("include/common.h", "types shared by every file of the benchmark corpus.") + [
    "#ifndef CORPUS_COMMON_H", "#define CORPUS_COMMON_H", ""] + STD_INCLUDES + [
    "",
    "struct work_item {",
    "    int kind;",
    "    unsigned flags;",
    "    long key;",
    "    long value;",
    "    char tag[16];",
    "};",
    "",
    "/* One per thread, written by main before the threads start. */",
    "struct worker_arg {",
    "    int id;",
    "    int nitems;",
    "    unsigned seed;",
    "};",
    "",
    "typedef long (*item_fn)(const struct work_item *w);",
    "",
    "struct handler {",
    "    const char *name;",
    "    item_fn fn;",
    "};",
    "",
    "/* A map from keys to untyped values. */",
    "#define DICT_BUCKETS 64",
    "struct dict_entry {",
    "    long key;",
    "    void *val;",
    "    struct dict_entry *next;",
    "};",
    "struct dict {",
    "    struct dict_entry *buckets[DICT_BUCKETS];",
    "    long size;",
    "};",
    "void dict_init(struct dict *d);",
    "int dict_add(struct dict *d, long key, void *val);",
    "void *dict_find(const struct dict *d, long key);",
    "void dict_clear(struct dict *d);",
    "",
    "/* An object's type: callbacks on the untyped object. */",
    "struct obj_type {",
    "    const char *name;",
    "    long (*measure)(void *self, long v);",
    "    void (*reset)(void *self);",
    "};",
    "",
    "/* A command modules register at start-up; call_command dispatches. */",
    "struct command {",
    "    const char *name;",
    "    item_fn proc;",
    "    int module;",
    "};",
    "",
    "#define SERVER_NSTAT 64",
    f"#define SERVER_MAXCMD {maxcmd}",
    "/* The one object every module touches. */",
    "struct server {",
    "    pthread_mutex_t lock; /* guards the stat_ fields and command_calls */",
    "    long stat_calls[SERVER_NSTAT];",
    "    long stat_bytes;",
    "    long stat_errors;",
    "    long stat_hits;",
    "    long stat_misses;",
    "    long stat_expired;",
    "    long stat_evicted;",
    "    long stat_peak;",
    "    long command_calls[SERVER_MAXCMD];",
    "    int verbosity; /* written by main before the threads start */",
    "    long hz;       /* ditto */",
    "    pthread_mutex_t objects_lock; /* guards the objects' fields (not the map) */",
    "    struct dict objects; /* filled before the threads start */",
    "    struct command commands[SERVER_MAXCMD]; /* ditto */",
    "    int ncommands;",
    "};",
    "extern struct server server;",
    "void server_init(int verbosity);",
    "void register_command(const char *name, item_fn proc, int module);",
    "long call_command(const struct work_item *w);",
    "void server_stat(int slot, long bytes, int error);",
    "void server_report(FILE *out);",
    "void server_fini(void);",
    "",
    "#endif /* CORPUS_COMMON_H */",
    ]


def generate(outdir, lines, seed):
    """Writes the corpus; returns (c files, total .c lines, planted races)."""
    rng = random.Random(f"{seed}:{lines}")
    os.makedirs(os.path.join(outdir, "src"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "include"), exist_ok=True)
    files = {}
    mods, workers, pending, total, plant_next = [], [], [], 0, 0

    def flush():
        nonlocal total, plant_next
        w, plant_next = gen_worker_file(rng, len(workers), rng.randint(300, 800), pending, mods, plant_next)
        workers.append(w)
        files[f"src/{w['prefix']}.c"], files[f"include/{w['prefix']}.h"] = w["c"], w["h"]
        total += len(w["c"])
        pending.clear()

    def estimate_rest():
        # the worker file still owed, setup files and main
        return (550 if pending else 0) + 5 * len(mods) + 4 * 4.5 * (len(workers) + 1) + 60

    while not mods or total + estimate_rest() < lines:
        m = gen_module(rng, len(mods), rng.randint(300, 800))
        mods.append(m)
        pending.append(m)
        files[f"src/{m['prefix']}.c"], files[f"include/{m['prefix']}.h"] = m["c"], m["h"]
        total += len(m["c"])
        if len(pending) == MODULES_PER_WORKER_FILE:
            flush()
    if pending:
        flush()
    nsetup = 0
    for i in range(0, len(mods), MODULES_PER_SETUP_FILE):
        c, h = gen_setup(nsetup, mods[i:i + MODULES_PER_SETUP_FILE])
        files[f"src/setup_{nsetup}.c"], files[f"include/setup_{nsetup}.h"] = c, h
        nsetup += 1
    files["src/main.c"] = gen_main(workers, nsetup)
    files["src/core.c"] = gen_core(sum(len(m["apis"]) for m in mods))
    files["include/common.h"] = common_h(sum(len(m["apis"]) for m in mods))

    for rel, content in files.items():
        with open(os.path.join(outdir, rel), "w") as f:
            f.write("\n".join(content) + "\n")
    absdir = os.path.abspath(outdir)
    cfiles = sorted(k for k in files if k.endswith(".c"))
    cdb = []
    for rel in cfiles:
        obj = "obj/" + os.path.basename(rel)[:-2] + ".o"
        cdb.append({"directory": absdir,
                    "arguments": ["cc", "-std=gnu11", "-Wall", "-Iinclude", "-c", "-o", obj, rel],
                    "file": rel, "output": obj})
    with open(os.path.join(outdir, "compile_commands.json"), "w") as f:
        json.dump(cdb, f, indent=2)
        f.write("\n")
    return cfiles, sum(len(files[k]) for k in cfiles), plant_next


def list_planted(outdir):
    """Prints file:line:col and name of every planted race below outdir."""
    marker = "// expect: data-race '"
    found = 0
    for root, _, names in sorted(os.walk(os.path.join(outdir, "src"))):
        for name in sorted(names):
            path = os.path.join(root, name)
            with open(path) as f:
                for no, line in enumerate(f, 1):
                    if marker in line:
                        var = line.split(marker)[1].split("'")[0]
                        col = line.index(var) + 1
                        print(f"{os.path.relpath(path, outdir)}:{no}:{col}: {var}")
                        found += 1
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--lines", type=int, default=100000, help="about this many lines of .c (default 100000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--list-planted", action="store_true",
                    help="print the planted races of an existing corpus in OUTDIR and exit")
    ap.add_argument("--quiet", action="store_true", help="print nothing on success")
    args = ap.parse_args()
    if args.list_planted:
        try:
            return 0 if list_planted(args.outdir) > 0 else 1
        except BrokenPipeError:
            return 0
    if args.lines < 1:
        ap.error("--lines must be positive")
    if os.path.exists(args.outdir) and os.listdir(args.outdir):
        ap.error(f"{args.outdir} exists and is not empty")
    cfiles, total, planted = generate(args.outdir, args.lines, args.seed)
    if not args.quiet:
        print(f"{args.outdir}: {len(cfiles)} .c files, {total} lines, {planted} planted races")
    return 0


if __name__ == "__main__":
    sys.exit(main())
