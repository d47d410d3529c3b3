/*
 * thread_unsafe_call.c - rule `thread-unsafe-call`: a call of a library
 * function that is not thread-safe (strtok, localtime, rand, getenv with a
 * setenv, ...: the thread-unsafe models of rules/libc-unsafe.json) from
 * code two threads may run at once, the calls not all under one lock.
 *
 * The rule: such a function borrows hidden global state (a static buffer,
 * the environment, a generator's seed) mutably on every call. Two threads
 * calling it at once hold two mutable borrows of that state: a data race
 * inside libc, invisible in the program's own accesses. Reported: each call
 * of such a function that some thread runs, when another call of the same
 * state (the same function, or one sharing its state: localtime/gmtime/
 * ctime/asctime share one `struct tm`; getenv only against setenv/putenv/
 * unsetenv/clearenv) may run in another thread at the same time (or in
 * another instance of a thread with many instances), and no lock is held
 * at both. The `_r` variants are not modelled as thread-unsafe: quiet.
 *
 * Facts used (model/facts.h): the lock sites of kind UNSAFE_CALL (each call
 * with the locks its function holds at it), the CALL sites with their
 * targets and held locks (to join in the locks every caller holds: a
 * must-lockset on entry to each function, over all its call sites), the
 * threads running a function, and the thread tree (parent, spawn site) to
 * put a call of the creating thread before its child's spawn.
 *
 * Primary location: each call; the evidence: the other thread's call.
 *
 * Precision stance: two threads are taken to overlap unless one created
 * the other and the call is in the creator before the spawn (in the
 * function making the spawn, above it, the spawn not in a loop; in its
 * only caller above that call, and so on up; or in a function called only
 * from such places): PRECISION, a call after the join in
 * the creator, and calls ordered by other synchronisation (a semaphore, a
 * barrier), are reported. Locks held by callers count only when every
 * caller holds the same lock object (a must-lockset); a lock that may name
 * several objects is not counted (more reports, never fewer). readdir is
 * reported even on distinct DIR streams (PRECISION: POSIX allows that).
 */
#include "lockfind.h"

#include <stdlib.h>
#include <string.h>

/* Functions sharing one piece of hidden state; a function not listed
 * shares only with itself. `writer` marks the modifying ones of a group
 * where readers alone are safe (the environment). */
static const struct {
    const char *name, *group;
    bool writer;
} groups[] = {
    {"localtime", "tm", true}, {"gmtime", "tm", true}, {"ctime", "tm", true}, {"asctime", "tm", true},
    {"rand", "rand", true}, {"srand", "rand", true}, {"random", "random", true}, {"srandom", "random", true},
    {"drand48", "rand48", true}, {"lrand48", "rand48", true}, {"mrand48", "rand48", true},
    {"erand48", "rand48", true},
    {"getenv", "env", false}, {"setenv", "env", true}, {"unsetenv", "env", true}, {"putenv", "env", true},
    {"clearenv", "env", true},
    {"getpwnam", "pw", true}, {"getpwuid", "pw", true}, {"getpwent", "pw", true},
    {"getgrnam", "gr", true}, {"getgrgid", "gr", true}, {"getgrent", "gr", true},
    {"gethostbyname", "host", true}, {"gethostbyaddr", "host", true},
    {"hcreate", "hsearch", true}, {"hsearch", "hsearch", true}, {"hdestroy", "hsearch", true},
};

static const char *group_of(const char *api, bool *writer) {
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (!strcmp(groups[i].name, api)) {
            *writer = groups[i].writer;
            return groups[i].group;
        }
    *writer = true;
    return api;
}

/* A must-set of lock objects (FactsLock.id), sorted; `top` is "not yet
 * known" (every lock) in the fixpoint. */
typedef struct LockObjs {
    bool top;
    VEC(uint32_t) v;
} LockObjs;

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static bool objs_has(const LockObjs *s, uint32_t id) {
    return s->v.len && bsearch(&id, s->v.data, s->v.len, sizeof(uint32_t), cmp_u32) != NULL;
}

/* The lock objects held at a site (its own function's view) plus `entry`. */
static void site_objs(const Program *p, size_t site, const LockObjs *entry, LockObjs *out) {
    out->top = false;
    out->v.len = 0;
    FactsLockSite s = facts_lock_site(p, site);
    for (uint32_t k = 0; k < s.nheld; k++) {
        FactsLock l = facts_lock_site_held(p, site, k);
        if (l.id != FACTS_NO_LOCK) vec_push(&out->v, l.id);
    }
    if (entry && !entry->top)
        for (size_t k = 0; k < entry->v.len; k++) vec_push(&out->v, entry->v.data[k]);
    if (out->v.len) qsort(out->v.data, out->v.len, sizeof(uint32_t), cmp_u32);
    size_t w = 0;
    for (size_t k = 0; k < out->v.len; k++)
        if (!w || out->v.data[w - 1] != out->v.data[k]) out->v.data[w++] = out->v.data[k];
    out->v.len = w;
}

/* dst = dst ∩ src; true when dst changed. */
static bool objs_meet(LockObjs *dst, const LockObjs *src) {
    if (src->top) return false;
    if (dst->top) {
        dst->top = false;
        dst->v.len = 0;
        for (size_t k = 0; k < src->v.len; k++) vec_push(&dst->v, src->v.data[k]);
        return true;
    }
    size_t w = 0;
    for (size_t k = 0; k < dst->v.len; k++)
        if (objs_has(src, dst->v.data[k])) dst->v.data[w++] = dst->v.data[k];
    bool changed = w != dst->v.len;
    dst->v.len = w;
    return changed;
}

enum { TUC_MAX_ROUNDS = 16 };

/* The locks every caller holds on entry to each function: routines start
 * with none; a function no call site reaches (a callback of a library)
 * with none. */
static LockObjs *entry_locks(const Program *p, const uint8_t *routine) {
    size_t nf = facts_nfunctions(p);
    LockObjs *e = calloc(nf ? nf : 1, sizeof(LockObjs));
    for (size_t f = 0; f < nf; f++) e[f].top = !routine[f];
    size_t ns = facts_nlock_sites(p);
    LockObjs at = {0};
    bool changed = true;
    for (int round = 0; changed && round < TUC_MAX_ROUNDS; round++) {
        changed = false;
        for (size_t i = 0; i < ns; i++) {
            FactsLockSite s = facts_lock_site(p, i);
            if (s.kind != FACTS_SITE_CALL || e[s.func].top) continue;
            site_objs(p, i, &e[s.func], &at);
            uint32_t nt = facts_lock_site_ntargets(p, i);
            for (uint32_t k = 0; k < nt; k++) {
                uint32_t g = facts_lock_site_target(p, i, k);
                if (g < nf && !routine[g] && objs_meet(&e[g], &at)) changed = true;
            }
        }
    }
    vec_free(&at.v);
    for (size_t f = 0; f < nf; f++)
        if (e[f].top) e[f].top = false, e[f].v.len = 0; /* not reached by a call: nothing known */
    return e;
}

/* Per child thread c: where its creator is surely before c's spawn. The
 * chain: the function making the spawn, above the spawn; its only caller,
 * above that call; and so on up while a function has one call site (a
 * function called from two places may run again after the spawn). Then
 * every function called only from such places (pre[f] == 1). Computed
 * lazily, per thread. */
typedef struct SpawnOrder {
    uint8_t *pre;
    uint32_t *limit;     /* by function: sites above this line are before the spawn (0: none) */
    const char **file;   /* the file of that line */
} SpawnOrder;

typedef struct PreSpawn {
    SpawnOrder *by_thread;  /* pre == NULL: not computed */
    const uint8_t *routine; /* by function: a thread starts there */
    uint32_t *ncallers;     /* by function: call sites calling it */
    size_t *caller;         /* by function: one of them */
} PreSpawn;

static bool site_before_spawn(FactsLockSite s, const SpawnOrder *o) {
    if (o->limit[s.func])
        return s.loc.file && o->file[s.func] && !strcmp(s.loc.file, o->file[s.func]) && s.loc.line < o->limit[s.func];
    return o->pre[s.func] != 0;
}

static const SpawnOrder *pre_spawn(const Program *p, PreSpawn *ps, uint32_t child) {
    SpawnOrder *o = &ps->by_thread[child];
    if (o->pre) return o;
    size_t nf = facts_nfunctions(p), ns = facts_nlock_sites(p);
    o->pre = calloc(nf ? nf : 1, 1);
    o->limit = calloc(nf ? nf : 1, sizeof(uint32_t));
    o->file = calloc(nf ? nf : 1, sizeof(const char *));
    FactsThread c = facts_thread(p, child);
    if (c.root || c.many || c.spawn_func == FACTS_NO_LOCK || c.spawn_func >= nf || !c.spawn.file) return o;
    o->limit[c.spawn_func] = c.spawn.line;
    o->file[c.spawn_func] = c.spawn.file;
    for (uint32_t g = c.spawn_func, depth = 0; !ps->routine[g] && ps->ncallers[g] == 1 && depth < 64; depth++) {
        FactsLockSite call = facts_lock_site(p, ps->caller[g]);
        if (o->limit[call.func] || !call.loc.file) break; /* recursion */
        o->limit[call.func] = call.loc.line;
        o->file[call.func] = call.loc.file;
        g = call.func;
    }
    /* least fixpoint: f is pre-spawn when it is called, and every call of it
     * is before the spawn */
    uint8_t *bad = calloc(nf ? nf : 1, 1), *called = calloc(nf ? nf : 1, 1);
    bool changed = true;
    for (int round = 0; changed && round < TUC_MAX_ROUNDS; round++) {
        changed = false;
        memset(bad, 0, nf);
        memset(called, 0, nf);
        for (size_t i = 0; i < ns; i++) {
            FactsLockSite s = facts_lock_site(p, i);
            if (s.kind != FACTS_SITE_CALL) continue;
            bool ok = site_before_spawn(s, o);
            uint32_t nt = facts_lock_site_ntargets(p, i);
            for (uint32_t k = 0; k < nt; k++) {
                uint32_t g = facts_lock_site_target(p, i, k);
                if (g >= nf) continue;
                called[g] = 1;
                if (!ok) bad[g] = 1;
            }
        }
        for (size_t f = 0; f < nf; f++) {
            uint8_t v = called[f] && !bad[f] && !o->limit[f] && !ps->routine[f];
            if (v != o->pre[f]) o->pre[f] = v, changed = true;
        }
    }
    free(bad);
    free(called);
    return o;
}

/* Is thread `anc` an ancestor of t? The child of anc on the way: *child. */
static bool ancestor(const Program *p, uint32_t anc, uint32_t t, uint32_t *child) {
    for (uint32_t x = t;;) {
        FactsThread ft = facts_thread(p, x);
        if (ft.parent < 0) return false;
        if ((uint32_t)ft.parent == anc) {
            *child = x;
            return true;
        }
        x = (uint32_t)ft.parent;
    }
}

/* May site i run in thread t while site j runs in thread u? */
static bool overlap(const Program *p, PreSpawn *ps, size_t i, uint32_t t, size_t j, uint32_t u) {
    if (t == u) return facts_thread(p, t).many;
    uint32_t child;
    if (ancestor(p, t, u, &child) && site_before_spawn(facts_lock_site(p, i), pre_spawn(p, ps, child))) return false;
    if (ancestor(p, u, t, &child) && site_before_spawn(facts_lock_site(p, j), pre_spawn(p, ps, child))) return false;
    return true;
}

static bool common_lock(const LockObjs *a, const LockObjs *b) {
    for (size_t k = 0; k < a->v.len; k++)
        if (objs_has(b, a->v.data[k])) return true;
    return false;
}

typedef struct UnsafeCall {
    size_t site;
    uint32_t func;
    const char *api, *group;
    bool writer;
    LockObjs locks;
} UnsafeCall;

static void report(const Program *p, FindingList *out, const UnsafeCall *c, uint32_t t, const UnsafeCall *o,
                   uint32_t u) {
    FactsLockSite s = facts_lock_site(p, c->site);
    Arena *a = out->arena;
    LockFinding lf;
    lockfind_start(p, out, &lf, "thread-unsafe-call", SEV_WARNING, c->site, "call");
    lf.ev.data[0].thread_routine = arena_strdup(a, facts_thread(p, t).routine);
    FactsThread th = facts_thread(p, t);
    if (!th.root) lf.ev.data[0].spawn = (SrcLoc){arena_strdup(a, th.spawn.file ? th.spawn.file : "?"), th.spawn.line,
                                                 th.spawn.col};
    lf.ev.data[0].many = th.many;
    if (o->site != c->site || t != u) lockfind_add(p, out, &lf, o->site, "call", u);
    FactsThread other = facts_thread(p, u);
    lf.f.object = arena_strdup(a, c->api);
    const char *same = strcmp(c->api, o->api) ? "a function sharing its state" : "it";
    SrcLoc ol = facts_lock_site(p, o->site).loc;
    if (t == u)
        lf.f.message = arena_printf(a, "'%s' is not thread-safe and several instances of thread %s may call it at once",
                                    c->api, th.routine);
    else if (o->site == c->site)
        lf.f.message = arena_printf(a, "'%s' is not thread-safe and threads %s and %s may call it here at the same "
                                    "time", c->api, th.routine, other.routine);
    else
        lf.f.message = arena_printf(a, "'%s' is not thread-safe and thread %s may call %s (%s, line %u) at the same "
                                    "time", c->api, other.routine, same, o->api, ol.line);
    lf.f.explain = arena_printf(
        a, "%s() borrows hidden state of the library (a static buffer or global state) mutably on every call; two "
        "threads calling it at once, with no lock held by both, hold two mutable borrows of that state", c->api);
    if (s.alternative)
        lf.f.help = arena_printf(a, "use %s (the caller owns the state), or hold one lock around every call",
                                 s.alternative);
    else
        lf.f.help = arena_printf(a, "call %s() from one thread only, or hold one lock around every call", c->api);
    lockfind_finish(out, &lf);
}

void check_thread_unsafe_call(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    size_t ns = facts_nlock_sites(p);
    VEC(UnsafeCall) calls = {0};
    for (size_t i = 0; i < ns; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind != FACTS_SITE_UNSAFE_CALL || !s.api || !lockfind_reached(p, i)) continue;
        UnsafeCall c;
        memset(&c, 0, sizeof c);
        c.site = i;
        c.func = s.func;
        c.api = s.api;
        c.group = group_of(s.api, &c.writer);
        vec_push(&calls, c);
    }
    if (!calls.len) {
        vec_free(&calls);
        return;
    }
    size_t nf = facts_nfunctions(p);
    uint8_t *routine = calloc(nf ? nf : 1, 1);
    for (size_t f = 0; f < nf; f++) routine[f] = facts_function_is_routine(p, (uint32_t)f);
    LockObjs *entry = entry_locks(p, routine);
    for (size_t k = 0; k < calls.len; k++) site_objs(p, calls.data[k].site, &entry[calls.data[k].func], &calls.data[k].locks);
    PreSpawn ps = {calloc(facts_nthreads(p) ? facts_nthreads(p) : 1, sizeof(SpawnOrder)), routine,
                   calloc(nf ? nf : 1, sizeof(uint32_t)), calloc(nf ? nf : 1, sizeof(size_t))};
    for (size_t i = 0; i < ns; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind != FACTS_SITE_CALL) continue;
        for (uint32_t k = 0; k < facts_lock_site_ntargets(p, i); k++) {
            uint32_t g = facts_lock_site_target(p, i, k);
            if (g < nf) ps.ncallers[g]++, ps.caller[g] = i;
        }
    }
    for (size_t x = 0; x < calls.len; x++) {
        const UnsafeCall *c = &calls.data[x];
        bool done = false;
        /* another call first (the evidence), then the call itself in another instance */
        for (size_t yy = 0; yy <= calls.len && !done; yy++) {
            size_t y = yy < calls.len ? yy : x;
            if (yy < calls.len && y == x) continue;
            const UnsafeCall *o = &calls.data[y];
            if (strcmp(c->group, o->group) || (!c->writer && !o->writer)) continue;
            if (common_lock(&c->locks, &o->locks)) continue;
            for (uint32_t a = 0; a < facts_function_nthreads(p, c->func) && !done; a++) {
                uint32_t t = facts_function_thread(p, c->func, a);
                for (uint32_t b = 0; b < facts_function_nthreads(p, o->func) && !done; b++) {
                    uint32_t u = facts_function_thread(p, o->func, b);
                    if (!overlap(p, &ps, c->site, t, o->site, u)) continue;
                    report(p, out, c, t, o, u);
                    done = true;
                }
            }
        }
    }
    for (size_t t = 0; t < facts_nthreads(p); t++) {
        free(ps.by_thread[t].pre);
        free(ps.by_thread[t].limit);
        free(ps.by_thread[t].file);
    }
    free(ps.by_thread);
    free(ps.ncallers);
    free(ps.caller);
    free(routine);
    for (size_t f = 0; f < facts_nfunctions(p); f++) vec_free(&entry[f].v);
    free(entry);
    for (size_t k = 0; k < calls.len; k++) vec_free(&calls.data[k].locks.v);
    vec_free(&calls);
}
