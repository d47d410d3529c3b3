/*
 * double_lock.c - rule `double-lock`: a thread locks a non-recursive mutex it
 * already holds, directly or through a helper called with it held.
 *
 * The rule: a held mutex is a mutable borrow of what it guards that lasts
 * until the unlock; taking it again asks for a second mutable borrow while
 * the first is alive - the thread waits for itself (a default mutex
 * deadlocks, an error-checking one fails with EDEADLK and the caller rarely
 * looks). Reported: (1) an acquisition of a lock that is surely the same as
 * one held just before it in the same function (taken there, or by a
 * callee that returns locked); (2) a call made with a lock held whose
 * callees (maybe several calls deep) acquire that same lock without
 * having taken it first; (3) an acquisition in every iteration of a loop
 * that reaches itself again with no release of it on the way
 * (facts_lock_site_held_around: a `continue` before the unlock). Quiet on
 * recursive mutexes (GRecMutex, a mutex
 * initialised with PTHREAD_MUTEX_RECURSIVE), on trylocks (they never
 * wait), and on a read lock taken again in read mode.
 *
 * Facts used (model/facts.h): the lock sites per function with the locks
 * held before each, the calls' `via` locks (what callees acquire, named in
 * the caller's frame, with the acquisition deep down), facts_same_lock, the
 * threads running a function.
 *
 * Primary location: the second acquisition, or, through a helper, the call
 * made with the lock held (docs/rules/double-lock.md); the evidence lists
 * the first acquisition, the call and the acquisition in the helper.
 *
 * Precision stance: locks are compared by must-alias (facts_same_lock: the
 * same path in one frame through pointers the function does not reassign,
 * or one global lock object), so `a->lock` then `b->lock` with a == b is
 * missed (PRECISION) and hand-over-hand locking (`n = n->next` between)
 * stays quiet. The lock held before is a must-fact: a lock held on only
 * some paths to the second acquisition is not reported (PRECISION).
 */
#include "lockfind.h"

#include <stdlib.h>
#include <string.h>

/* The site in func where held lock l was taken: an acquisition of it, or a
 * call whose callees take it; SIZE_MAX when not found. */
static size_t first_taking(const Program *p, uint32_t func, FactsLock l, size_t before) {
    size_t first, end;
    facts_function_lock_sites(p, func, &first, &end);
    for (size_t i = first; i < end && i != before; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind == FACTS_SITE_ACQUIRE && facts_same_lock(p, s.lock, l)) return i;
        if (s.kind == FACTS_SITE_CALL)
            for (uint32_t k = 0; k < s.nvia; k++) {
                FactsVia v = facts_lock_site_via(p, i, k);
                if (!v.release && facts_same_lock(p, v.lock, l)) return i;
            }
    }
    return SIZE_MAX;
}

/* thread_note, thread: a lock held and taken again as the same object in
 * one thread only (the per-thread pass below), that thread; else NULL and
 * FACTS_NO_LOCK. */
static void report(const Program *p, FindingList *out, size_t site, FactsLock lock, FactsLock held, size_t origin,
                   size_t more, const char *thread_note, uint32_t thread) {
    FactsLockSite s = facts_lock_site(p, site);
    Arena *a = out->arena;
    LockFinding lf;
    lockfind_start_thread(p, out, &lf, "double-lock", SEV_ERROR, site, lockfind_kind(s.kind), thread);
    const char *name = held.spelling ? held.spelling : "?";
    size_t taken = first_taking(p, s.func, held, site);
    if (taken != SIZE_MAX) {
        FactsLockSite t = facts_lock_site(p, taken);
        lockfind_add(p, out, &lf, taken, lockfind_kind(t.kind), thread);
    }
    /* the function this site calls on the way down (the first hop of the
     * chain, else the function taking the lock): what the fix is about */
    const char *callee = NULL;
    if (origin != SIZE_MAX) {
        /* below the call, the locks held at the call are still held */
        const char *held_at_call[32];
        size_t nh = 0;
        for (uint32_t k = 0; k < s.nheld && nh < 32; k++) {
            const char *sp = facts_lock_site_held(p, site, k).spelling;
            held_at_call[nh++] = sp ? sp : "?";
        }
        size_t chain[16];
        size_t nc = lockfind_chain(p, site, origin, false, chain, 16);
        for (size_t c = 0; c < nc; c++) lockfind_add_held(p, out, &lf, chain[c], "call", FACTS_NO_LOCK, held_at_call, nh);
        lockfind_add_held(p, out, &lf, origin, "acquire", FACTS_NO_LOCK, held_at_call, nh);
        callee = facts_function_name(p, facts_lock_site(p, nc ? chain[0] : origin).func, NULL);
    }
    lf.f.object = arena_strdup(a, thread_note && lock.spelling ? lock.spelling : name);
    const char *helper = origin != SIZE_MAX ? facts_function_name(p, facts_lock_site(p, origin).func, NULL) : NULL;
    if (helper) {
        if (!callee) callee = helper;
        /* "by STATS_LOCK()" alone hides the call made here: name both */
        const char *by = strcmp(callee, helper) ? arena_printf(a, "%s() (through %s())", helper, callee)
                                                : arena_printf(a, "%s()", helper);
        if (more)
            lf.f.message = arena_printf(a, "'%s' is locked again by %s, called while it is already held (and by %zu "
                                        "more call%s in %s() like this one)", name, by, more, more == 1 ? "" : "s",
                                        facts_function_name(p, s.func, NULL));
        else
            lf.f.message = arena_printf(a, "'%s' is locked again by %s, called while it is already held", name, by);
        lf.f.explain = arena_printf(
            a, "'%s' is held here (a mutable borrow until its unlock) and %s takes it again (as '%s'): a second "
            "mutable borrow while the first is alive; a non-recursive mutex waits for itself and the thread deadlocks",
            name, by, lock.spelling ? lock.spelling : "?");
        lf.f.help = arena_printf(a, "unlock '%s' before calling %s(), or give %s() a variant that expects the lock "
                                "held", name, callee, callee);
    } else if (thread_note) {
        lf.f.message = arena_printf(a, "'%s' is '%s' %s, locked again while already held",
                                    lock.spelling ? lock.spelling : "?", name, thread_note);
        lf.f.explain = arena_printf(
            a, "'%s' is already held here (a mutable borrow until its unlock), and the calls of this thread pass "
            "the same object for '%s': locking it asks for a second mutable borrow while the first is alive - a "
            "non-recursive mutex waits for itself and the thread deadlocks", name, lock.spelling ? lock.spelling : "?");
        lf.f.help = arena_printf(a, "compare the two pointers first and skip the second lock when both name one "
                                 "object, or pass two different objects");
    } else {
        lf.f.message = arena_printf(a, "'%s' is locked again while already held", name);
        lf.f.explain = arena_printf(
            a, "'%s' is already held here (a mutable borrow until its unlock); locking it again asks for a second "
            "mutable borrow while the first is alive: a non-recursive mutex waits for itself and the thread deadlocks",
            name);
        lf.f.help = arena_printf(a, "unlock '%s' before locking it again, or drop the second lock", name);
    }
    lockfind_finish(out, &lf);
}

/* Does the acquisition's function release that lock without holding it
 * (it expects it held on entry, drops it and takes it again:
 * `unlock(&m); sleep(); lock(&m);`)? Then its acquisition is a re-take,
 * not a second lock of its callers' lock. */
static bool retakes(const Program *p, size_t acq) {
    FactsLockSite a = facts_lock_site(p, acq);
    size_t first, end;
    facts_function_lock_sites(p, a.func, &first, &end);
    for (size_t i = first; i < end; i++) {
        FactsLockSite r = facts_lock_site(p, i);
        if (r.kind == FACTS_SITE_RELEASE && facts_may_same_lock(p, r.lock, a.lock) && !lockfind_held_may(p, i, r.lock))
            return true;
    }
    return false;
}

/* A call reported through a helper: its function, the acquisition deep
 * down, the calls leading there and the held lock's spelling. Calls of one
 * function that reach the same acquisition through the same chain of calls
 * with the same lock held are one finding, at the first,
 * with a count of the rest (memcached's server_stats() holds stats_lock
 * across some ninety APPEND_STAT calls, each of which may take it again on
 * an allocation failure). */
typedef struct HelperCall {
    uint32_t func;
    size_t origin, site, more;
    const char *held;
    FactsLock lock, held_lock;
    size_t chain[16], nchain; /* the calls from the helper down to the acquisition */
} HelperCall;

void check_double_lock(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    size_t n = facts_nlock_sites(p);
    VEC(HelperCall) calls = {0};
    for (size_t i = 0; i < n; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (!lockfind_reached(p, i)) continue;
        if (s.kind == FACTS_SITE_ACQUIRE) {
            if (s.recursive) continue;
            int k = lockfind_held_same(p, i, s.lock);
            if (k < 0) {
                /* kept on a way back around its loop (`continue` before the unlock) */
                if (!s.shared && facts_lock_site_held_around(p, i))
                    report(p, out, i, s.lock, s.lock, SIZE_MAX, 0, NULL, FACTS_NO_LOCK);
                continue;
            }
            if (s.shared) continue; /* a read lock taken again in read mode */
            if (facts_lock_site_when_distinct(p, i, facts_lock_site_held(p, i, (uint32_t)k), s.lock)) continue;
            report(p, out, i, s.lock, facts_lock_site_held(p, i, (uint32_t)k), SIZE_MAX, 0, NULL, FACTS_NO_LOCK);
        } else if (s.kind == FACTS_SITE_CALL) {
            for (uint32_t v = 0; v < s.nvia; v++) {
                FactsVia via = facts_lock_site_via(p, i, v);
                if (via.release) continue;
                FactsLockSite o = facts_lock_site(p, via.origin);
                if (o.kind != FACTS_SITE_ACQUIRE || o.recursive || o.shared || retakes(p, via.origin)) continue;
                int k = lockfind_held_same(p, i, via.lock);
                if (k < 0) continue;
                FactsLock held = facts_lock_site_held(p, i, (uint32_t)k);
                const char *hs = held.spelling ? held.spelling : "?";
                HelperCall hc = {s.func, via.origin, i, 0, hs, via.lock, held, {0}, 0};
                hc.nchain = lockfind_chain(p, i, via.origin, false, hc.chain, 16);
                size_t c = 0;
                while (c < calls.len &&
                       !(calls.data[c].func == s.func && calls.data[c].origin == via.origin &&
                         !strcmp(calls.data[c].held, hs) && calls.data[c].nchain == hc.nchain &&
                         !memcmp(calls.data[c].chain, hc.chain, hc.nchain * sizeof hc.chain[0])))
                    c++;
                if (c < calls.len) calls.data[c].more++;
                else vec_push(&calls, hc);
                break; /* one finding per call */
            }
        }
    }
    /* per thread: a function taking two locks through its parameters that
     * the calls of one thread make one object (`both(&x, &x)` for `both(a,
     * b)` locking a->m then b->m; ctxparams.c), once per place */
    size_t na = facts_nacquisitions(p);
    U64Map done;
    u64map_init(&done);
    for (size_t i = 0; i < na; i++) {
        FactsAcquisition a = facts_acquisition(p, i);
        if (a.lock.id == FACTS_NO_LOCK || a.shared) continue;
        for (uint32_t k = 0; k < a.nheld; k++) {
            FactsLock h = facts_acquisition_held(p, i, k);
            if (!(h.narrowed || a.lock.narrowed) || !facts_same_lock(p, h, a.lock)) continue;
            size_t site = lockfind_acquisition_site(p, i);
            if (site == SIZE_MAX || u64map_get(&done, site, NULL)) break;
            u64map_put(&done, site, 1);
            FactsLockSite s = facts_lock_site(p, site);
            if (s.recursive || s.shared || !lockfind_reached(p, site) || lockfind_held_same(p, site, s.lock) >= 0 ||
                facts_lock_site_when_distinct(p, site, h, s.lock))
                break; /* (1) reports a lock surely held in every thread */
            char obj[128];
            const char *on = facts_location_name(p, a.lock.id, obj, sizeof obj);
            report(p, out, site, s.lock, h, SIZE_MAX, 0,
                   arena_printf(out->arena, "in thread %s (both %s)", facts_thread(p, a.thread).routine,
                                on ? on : "one object"),
                   a.thread);
            break;
        }
    }
    u64map_free(&done);
    for (size_t c = 0; c < calls.len; c++) {
        const HelperCall *hc = &calls.data[c];
        report(p, out, hc->site, hc->lock, hc->held_lock, hc->origin, hc->more, NULL, FACTS_NO_LOCK);
    }
    vec_free(&calls);
}
