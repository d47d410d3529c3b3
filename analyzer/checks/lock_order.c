/*
 * lock_order.c - rule `lock-order`: locks acquired in opposite orders by code
 * that can run in two threads at once (a cycle in the lock order graph): a
 * potential deadlock.
 *
 * The rule: holding A while waiting for B borrows B inside the borrow of A;
 * a thread doing B-then-A borrows them the other way round. When both can
 * run at once each may get its first lock and wait forever for the other's
 * - a lock order a borrow checker (or a lock-level discipline) would refuse.
 * Reported: a cycle of two or three locks, each edge an acquisition of the
 * inner lock with the outer surely held (facts_acquisition: per thread,
 * locks held across calls), when the edges come from different threads or
 * from one thread with many instances, and no third lock is held at every
 * edge (a gate lock serialises the orders). Trylocks are no acquisitions
 * (a thread that backs off when a trylock fails waits for nothing).
 *
 * Facts used (model/facts.h): the lock acquisitions with the locks held
 * before them (per thread), thread descriptions, the lock sites per function
 * (to tell whether the outer lock is held in the acquisition's own function
 * or by a caller) and the calls' via.
 *
 * Primary location: each inner acquisition of the cycle (one finding per
 * acquisition site); where the outer lock is held by a caller of the
 * helper that takes the inner lock, the call of that helper made with the
 * outer lock held. The evidence lists an inner acquisition of every edge
 * of the cycle, with its thread and the locks held there.
 *
 * Precision stance: locks are lock objects (facts: one node); a lock in a
 * heap object that stands for many is one lock (PRECISION: `a->m` then
 * `b->m` in one order and the reverse elsewhere is reported even when the
 * program orders the objects by address; a lock taken twice in one object
 * class, `a->m` inside `b->m`, is no edge at all). Two threads are taken to
 * run at once whenever both exist (PRECISION: main's acquisitions before its
 * first spawn still count).
 */
#define _GNU_SOURCE /* qsort_r */
#include "lockfind.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Edge {
    uint32_t from, to;   /* lock objects */
    size_t acq;          /* facts_acquisition index */
    uint32_t thread;
    /* an edge inside one lock object that stands for several (from == to):
     * how its order is fixed (FACTS_ORDER_*), and the constant indices */
    int order;
    int64_t co, ci;
} Edge;

typedef VEC(Edge) Edges;

static bool parallel(const Program *p, uint32_t t1, uint32_t t2) {
    return t1 != t2 || facts_thread(p, t1).many;
}

/* Is a lock other than the cycle's own held at every edge's acquisition? */
static bool gated(const Program *p, const Edge *const *es, size_t n) {
    FactsAcquisition a0 = facts_acquisition(p, es[0]->acq);
    for (uint32_t k = 0; k < a0.nheld; k++) {
        uint32_t g = facts_acquisition_held(p, es[0]->acq, k).id;
        if (g == FACTS_NO_LOCK) continue;
        bool own = false, all = true;
        for (size_t e = 0; e < n; e++) own |= es[e]->from == g || es[e]->to == g;
        if (own) continue;
        for (size_t e = 1; e < n && all; e++) {
            FactsAcquisition ae = facts_acquisition(p, es[e]->acq);
            bool has = false;
            for (uint32_t j = 0; j < ae.nheld && !has; j++) has = facts_acquisition_held(p, es[e]->acq, j).id == g;
            all = has;
        }
        if (all) return true;
    }
    return false;
}

static bool cycle_parallel(const Program *p, const Edge *const *es, size_t n) {
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (parallel(p, es[i]->thread, es[j]->thread)) return true;
    return false;
}

/* Where the edge points: the acquisition, or, when its function does not
 * hold the outer lock itself, a call (in a function of the same thread)
 * made with the outer lock held whose callees make the acquisition. */
static size_t edge_primary(const Program *p, const Edge *e, size_t site) {
    FactsLockSite s = facts_lock_site(p, site);
    for (uint32_t k = 0; k < s.nheld; k++)
        if (facts_lock_site_held(p, site, k).id == e->from) return site;
    size_t n = facts_nlock_sites(p);
    for (size_t c = 0; c < n; c++) {
        FactsLockSite cs = facts_lock_site(p, c);
        if (cs.kind != FACTS_SITE_CALL || !cs.nvia) continue;
        bool held = false;
        for (uint32_t k = 0; k < cs.nheld && !held; k++) held = facts_lock_site_held(p, c, k).id == e->from;
        if (!held) continue;
        bool in_thread = false;
        for (uint32_t t = 0; t < facts_function_nthreads(p, cs.func) && !in_thread; t++)
            in_thread = facts_function_thread(p, cs.func, t) == e->thread;
        if (!in_thread) continue;
        for (uint32_t k = 0; k < cs.nvia; k++) {
            FactsVia v = facts_lock_site_via(p, c, k);
            if (!v.release && v.origin == site) return c;
        }
    }
    return site;
}

static void add_edge_evidence(const Program *p, FindingList *out, LockFinding *lf, const Edge *e, size_t site,
                              size_t primary) {
    FactsAcquisition a = facts_acquisition(p, e->acq);
    const char *locks[32];
    size_t nl = 0;
    for (uint32_t k = 0; k < a.nheld && nl < 32; k++) {
        const char *sp = facts_acquisition_held(p, e->acq, k).spelling;
        locks[nl++] = sp ? sp : "?";
    }
    if (primary != site) {
        FactsLockSite c = facts_lock_site(p, primary);
        const char *cl[32];
        size_t ncl = 0;
        for (uint32_t k = 0; k < c.nheld && ncl < 32; k++) {
            const char *sp = facts_lock_site_held(p, primary, k).spelling;
            cl[ncl++] = sp ? sp : "?";
        }
        lockfind_add_held(p, out, lf, primary, "call", e->thread, cl, ncl);
    }
    lockfind_add_held(p, out, lf, site, "acquire", e->thread, locks, nl);
}

static const char *lock_name(const Program *p, const Edge *e, bool inner) {
    FactsAcquisition a = facts_acquisition(p, e->acq);
    if (inner) return a.lock.spelling ? a.lock.spelling : "?";
    for (uint32_t k = 0; k < a.nheld; k++) {
        FactsLock h = facts_acquisition_held(p, e->acq, k);
        if (h.id == e->from) return h.spelling ? h.spelling : "?";
    }
    return "?";
}

/* " (OBJECT)" when the lock object the edge names is spelled otherwise
 * than the lock (a helper's `from->m` that is `A.m` in this thread), else
 * "". */
static const char *object_note(const Program *p, const Edge *e, bool inner, char *buf, size_t n) {
    char name[128];
    const char *sp = lock_name(p, e, inner);
    const char *obj = facts_location_name(p, inner ? e->to : e->from, name, sizeof name);
    if (!obj || !strcmp(obj, sp)) return "";
    snprintf(buf, n, " (%s)", obj);
    return buf;
}

/* Append to buf (size n, *len used), truncating at its end. */
static void append(char *buf, size_t n, size_t *len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t n, size_t *len, const char *fmt, ...) {
    if (*len + 1 >= n) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (w > 0) *len = *len + (size_t)w < n ? *len + (size_t)w : n - 1;
}

typedef struct Reported {
    VEC(SrcLoc) locs;   /* primary locations already reported, with their inner lock */
    VEC(uint64_t) keys;
} Reported;

static bool seen_before(Reported *r, SrcLoc l, uint64_t key) {
    for (size_t i = 0; i < r->locs.len; i++)
        if (r->keys.data[i] == key && !srcloc_cmp(&r->locs.data[i], &l)) return true;
    vec_push(&r->locs, l);
    vec_push(&r->keys, key);
    return false;
}

static void report_cycle(const Program *p, FindingList *out, const Edge *const *es, size_t n, Reported *rep,
                         bool one_class) {
    size_t sites[3], prim[3];
    for (size_t i = 0; i < n; i++) {
        sites[i] = lockfind_acquisition_site(p, es[i]->acq);
        if (sites[i] == SIZE_MAX) return;
        prim[i] = edge_primary(p, es[i], sites[i]);
    }
    for (size_t i = 0; i < n; i++) {
        /* one finding per place and inner lock, whichever cycles run through it */
        /* (keyed by the lock as the code names it: a helper's `to->m`
         * naming another object in each thread is one place to fix) */
        if (seen_before(rep, facts_lock_site(p, prim[i]).loc, facts_acquisition(p, es[i]->acq).lock.name)) continue;
        Arena *a = out->arena;
        LockFinding lf;
        memset(&lf, 0, sizeof lf);
        lf.f.rule = "lock-order";
        lf.f.severity = SEV_ERROR;
        FactsLockSite ps = facts_lock_site(p, prim[i]);
        lf.f.loc = (SrcLoc){arena_strdup(a, ps.loc.file ? ps.loc.file : "?"), ps.loc.line, ps.loc.col};
        add_edge_evidence(p, out, &lf, es[i], sites[i], prim[i]);
        for (size_t j = 1; j < n; j++) {
            size_t o = (i + j) % n;
            add_edge_evidence(p, out, &lf, es[o], sites[o], prim[o]);
        }
        const char *outer = lock_name(p, es[i], false), *inner = lock_name(p, es[i], true);
        char order[1024] = "";
        size_t len = 0;
        for (size_t j = 0; j < n; j++) {
            const Edge *e = es[(i + j) % n];
            char o1[160], o2[160];
            append(order, sizeof order, &len, "%s'%s'%s then '%s'%s in thread %s", j ? "; " : "",
                   lock_name(p, e, false), object_note(p, e, false, o1, sizeof o1), lock_name(p, e, true),
                   object_note(p, e, true, o2, sizeof o2), facts_thread(p, e->thread).routine);
            /* the call chain from the thread's start to the acquisition */
            const char *names[8];
            size_t nn = facts_acquisition_chain(p, e->acq, names, 8);
            for (size_t k = 0; k < nn; k++) append(order, sizeof order, &len, "%s%s()", k ? " -> " : " (", names[k]);
            if (nn) append(order, sizeof order, &len, ")");
        }
        lf.f.object = arena_strdup(a, inner);
        if (one_class)
            lf.f.message = arena_printf(a, "'%s' is locked while holding '%s', another lock of the same kind, and "
                                        "nothing orders the two: possible deadlock", inner, outer);
        else
            lf.f.message = arena_printf(a, "'%s' is locked while holding '%s', and elsewhere in the opposite order: "
                                        "possible deadlock", inner, outer);
        lf.f.explain = arena_printf(
            a, "the locks are taken in a cycle (%s): each thread may hold its first lock (a mutable borrow) and "
            "wait for the other's, and neither borrow ever ends", order);
        bool one_place = true; /* every edge is the same acquisition: one helper, its callers' order */
        for (size_t j = 1; j < n; j++) one_place &= prim[j] == prim[0];
        lf.f.help = one_class || one_place
                        ? arena_printf(a, "take two locks of one kind in one global order (the lower index or "
                                          "address first: compare them before locking), hold one lock around "
                                          "both, or use a trylock and back off")
                              : arena_printf(a, "take '%s' and '%s' in one global order everywhere (or hold one lock "
                                             "around both orders, or use a trylock and back off)", outer, inner);
        lockfind_finish(out, &lf);
    }
}

static int cmp_from(const void *x, const void *y, void *ctx) {
    const Edge *e = ctx;
    uint32_t a = e[*(const size_t *)x].from, b = e[*(const size_t *)y].from;
    return a < b ? -1 : a > b;
}

/* The edges leaving lock l: [*lo, *hi) of the order by `from`. */
static void edges_from(const Edges *edges, const size_t *order, uint32_t l, size_t *lo, size_t *hi) {
    size_t a = 0, b = edges->len;
    while (a < b) {
        size_t m = (a + b) / 2;
        if (edges->data[order[m]].from < l) a = m + 1;
        else b = m;
    }
    *lo = a;
    while (a < edges->len && edges->data[order[a]].from == l) a++;
    *hi = a;
}

/* Two walks hand over hand along different links of one kind of node
 * (`next` and `prev` of a doubly linked list), by threads that may run at
 * once: one holds a node and waits for its successor, the other holds the
 * successor and waits for the node. */
static void link_cycles(const Program *p, const Edges *cls, FindingList *out, Reported *rep) {
    for (size_t x = 0; x < cls->len; x++) {
        const Edge *e = &cls->data[x];
        if (e->order != FACTS_ORDER_LINKED) continue;
        for (size_t y = x + 1; y < cls->len; y++) {
            const Edge *f = &cls->data[y];
            if (f->order != FACTS_ORDER_LINKED || f->from != e->from || f->ci == e->ci ||
                !strcmp((const char *)(uintptr_t)f->ci, (const char *)(uintptr_t)e->ci) || !parallel(p, e->thread, f->thread))
                continue;
            const Edge *es[2] = {e, f};
            if (gated(p, es, 2)) continue;
            report_cycle(p, out, es, 2, rep, true);
            return; /* one finding per kind of node is enough */
        }
    }
}

/* Two locks of one array both chosen by the function's parameters
 * (FACTS_ORDER_CALLERS: `lock(&b[src]); lock(&b[dst])`): the calls decide.
 * Two calls passing constants the other way round (`move(1, 2)` in one
 * thread, `move(2, 1)` in another that may run at once) are a cycle.
 * PRECISION: only constant arguments of direct calls are read. */
typedef struct ConstCall {
    uint32_t func;  /* the calling function */
    int64_t x, y;   /* the constants passed for the two parameters */
} ConstCall;

static bool callers_reversed(const Program *p, const Edge *e, size_t site) {
    uint32_t func = facts_lock_site(p, site).func;
    size_t n = facts_nlock_sites(p);
    VEC(ConstCall) calls = {0};
    for (size_t i = 0; i < n; i++) {
        FactsLockSite c = facts_lock_site(p, i);
        if (c.kind != FACTS_SITE_CALL) continue;
        bool to = false;
        for (uint32_t k = 0; k < facts_lock_site_ntargets(p, i) && !to; k++) to = facts_lock_site_target(p, i, k) == func;
        ConstCall cc = {c.func, 0, 0};
        if (to && facts_lock_site_const_arg(p, i, (uint32_t)e->co, &cc.x) &&
            facts_lock_site_const_arg(p, i, (uint32_t)e->ci, &cc.y) && cc.x != cc.y)
            vec_push(&calls, cc);
    }
    bool found = false;
    for (size_t i = 0; i < calls.len && !found; i++)
        for (size_t j = i + 1; j < calls.len && !found; j++) {
            const ConstCall *c = &calls.data[i], *d = &calls.data[j];
            if (c->x != d->y || c->y != d->x) continue;
            /* run by threads that may be at it at once */
            for (uint32_t a = 0; a < facts_function_nthreads(p, c->func) && !found; a++)
                for (uint32_t b = 0; b < facts_function_nthreads(p, d->func) && !found; b++)
                    found = parallel(p, facts_function_thread(p, c->func, a), facts_function_thread(p, d->func, b));
        }
    vec_free(&calls);
    return found;
}

/* Cycles inside one lock object that stands for several (a lock array, an
 * allocation site's objects): two of its locks taken one inside the other,
 * in an order nothing fixes, by a thread with many instances (the dining
 * philosophers: `fork[i]` then `fork[(i + 1) % N]`) or by two threads.
 * Quiet when the code compares the two indices or pointers first (one
 * global order), when both indices are constants and no edge takes them
 * the other way round, and when a gate lock is held at both; hand over hand
 * along one link (link_cycles for two). */
static void class_cycles(const Program *p, const Edges *cls, FindingList *out, Reported *rep) {
    link_cycles(p, cls, out, rep);
    for (size_t x = 0; x < cls->len; x++) {
        const Edge *e = &cls->data[x];
        if (e->order == FACTS_ORDER_CALLERS && e->co >= 0 && e->ci >= 0 && e->co < 64 && e->ci < 64) {
            size_t site = lockfind_acquisition_site(p, e->acq);
            if (site != SIZE_MAX && callers_reversed(p, e, site)) {
                const Edge *es[1] = {e};
                report_cycle(p, out, es, 1, rep, true);
            }
            continue;
        }
        if (e->order != FACTS_ORDER_FREE && e->order != FACTS_ORDER_CONST) continue;
        bool found = false;
        for (size_t y = 0; y < cls->len && !found; y++) {
            const Edge *f = &cls->data[y];
            if (f->from != e->from || (f->order != FACTS_ORDER_FREE && f->order != FACTS_ORDER_CONST)) continue;
            if (e->order == FACTS_ORDER_CONST &&
                (f->order != FACTS_ORDER_CONST || f->co != e->ci || f->ci != e->co))
                continue; /* constant indices: only the reverse pair closes a cycle */
            if (x == y ? !facts_thread(p, e->thread).many : !parallel(p, e->thread, f->thread)) continue;
            const Edge *es[2] = {e, f};
            if (gated(p, es, x == y ? 1 : 2)) continue;
            found = true;
            report_cycle(p, out, es, x == y ? 1 : 2, rep, e->order == FACTS_ORDER_FREE);
        }
    }
}

/* The lock site of acquisition i, looked up once (*cache starts SITE_UNKNOWN). */
enum { SITE_UNKNOWN = SIZE_MAX - 1 };
static size_t site_once(const Program *p, size_t i, size_t *cache) {
    if (*cache == (size_t)SITE_UNKNOWN) *cache = lockfind_acquisition_site(p, i);
    return *cache;
}

void check_lock_order(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    Edges edges = {0}, cls = {0};
    U64Map seen; /* (from, to, thread, place) of the edges made */
    u64map_init(&seen);
    size_t na = facts_nacquisitions(p);
    for (size_t i = 0; i < na; i++) {
        FactsAcquisition a = facts_acquisition(p, i);
        if (a.lock.id == FACTS_NO_LOCK) continue;
        size_t cached_site = SITE_UNKNOWN;
        for (uint32_t k = 0; k < a.nheld; k++) {
            FactsLock h = facts_acquisition_held(p, i, k);
            if (h.id == FACTS_NO_LOCK) continue;
            /* the outer lock's object not yet reachable by another thread:
             * nobody can hold it while waiting for this one */
            if (facts_acquisition_held_private(p, i, k)) continue;
            if (h.id == a.lock.id) {
                /* two locks of one object class, unless surely one lock (double-lock's) */
                size_t site = site_once(p, i, &cached_site);
                if (facts_same_lock(p, h, a.lock) || site == SIZE_MAX || h.name == FACTS_NO_LOCK ||
                    a.lock.name == FACTS_NO_LOCK || h.name == a.lock.name)
                    continue;
                Edge ce = {h.id, a.lock.id, i, a.thread, FACTS_ORDER_FREE, 0, 0};
                ce.order = facts_lock_pair_order(p, facts_lock_site(p, site).func, h, a.lock, &ce.co, &ce.ci);
                vec_push(&cls, ce);
                continue;
            }
            /* a helper's locks named through its parameters, one object each
             * in this thread: quiet when the helper orders them by comparing
             * the pointers (`if (from < to)`), as for two of one kind */
            if (h.narrowed || a.lock.narrowed) {
                size_t site = site_once(p, i, &cached_site);
                int64_t co, ci;
                int ord = site == SIZE_MAX ? FACTS_ORDER_COMPARED
                                           : facts_lock_pair_order(p, facts_lock_site(p, site).func, h, a.lock, &co, &ci);
                if (ord == FACTS_ORDER_COMPARED || ord == FACTS_ORDER_LINKED) continue;
            }
            uint64_t key = hash_mix(hash_mix(hash_mix((uint64_t)h.id << 32 | a.lock.id, a.thread),
                                             (uint64_t)a.loc.line << 32 | a.loc.col),
                                    hash_str(a.loc.file ? a.loc.file : ""));
            uint64_t one;
            if (u64map_get(&seen, key, &one)) continue; /* PRECISION: a hash collision drops an edge */
            u64map_put(&seen, key, 1);
            vec_push(&edges, ((Edge){h.id, a.lock.id, i, a.thread, FACTS_ORDER_FREE, 0, 0}));
        }
    }
    u64map_free(&seen);
    size_t *order = malloc((edges.len ? edges.len : 1) * sizeof(size_t));
    if (!order) {
        vec_free(&edges);
        return;
    }
    for (size_t i = 0; i < edges.len; i++) order[i] = i;
    qsort_r(order, edges.len, sizeof(size_t), cmp_from, edges.data);
    Reported rep = {0};
    for (size_t x = 0; x < edges.len; x++) {
        const Edge *e1 = &edges.data[x];
        size_t lo2, hi2;
        edges_from(&edges, order, e1->to, &lo2, &hi2);
        for (size_t y = lo2; y < hi2; y++) {
            const Edge *e2 = &edges.data[order[y]];
            /* two-lock cycles: A -> B and B -> A, once (A < B) */
            if (e2->to == e1->from) {
                if (e1->from > e1->to) continue;
                const Edge *es[2] = {e1, e2};
                if (cycle_parallel(p, es, 2) && !gated(p, es, 2)) report_cycle(p, out, es, 2, &rep, false);
                continue;
            }
            /* three-lock cycles: A -> B -> C -> A, A the smallest */
            if (e1->from > e2->from) continue;
            size_t lo3, hi3;
            edges_from(&edges, order, e2->to, &lo3, &hi3);
            for (size_t z = lo3; z < hi3; z++) {
                const Edge *e3 = &edges.data[order[z]];
                if (e3->to != e1->from || e1->from > e3->from) continue;
                const Edge *es[3] = {e1, e2, e3};
                if (cycle_parallel(p, es, 3) && !gated(p, es, 3)) report_cycle(p, out, es, 3, &rep, false);
            }
        }
    }
    class_cycles(p, &cls, out, &rep);
    vec_free(&cls);
    free(order);
    vec_free(&rep.locs);
    vec_free(&rep.keys);
    vec_free(&edges);
}
