/*
 * unlock_not_held.c - rule `unlock-not-held`: a thread unlocks a mutex it
 * does not hold on some path to the unlock.
 *
 * The rule: an unlock ends a mutable borrow; ending one that was never
 * opened (or already ended) is refused by a borrow checker - a guard can
 * only be dropped by its owner, once. In C, unlocking a mutex the thread
 * does not hold is undefined behaviour for a default mutex (glibc silently
 * releases another thread's lock, whose critical section then overlaps the
 * next locker's) and EPERM for an error-checking one. Reported: an unlock
 * at which no lock that may be the same object is surely held, in a
 * function some thread runs, when the function is where the thread starts
 * (nothing is held on entry) or is never called; or when the lock can be
 * named by the callers (a global, or through a parameter) and some call
 * chain from such a starting function reaches the unlock without holding
 * the lock at the call (the via facts carry the unlock up, translated).
 * Whatever the callers hold, also reported: an unlock of a lock the
 * function itself may already have unlocked on the path (the same name,
 * its local not assigned since, no lock that may be it taken since: a
 * double unlock, LockSite.again) - in a helper as in a start routine, and
 * past a held lock that may be the same object (hand-over-hand: the next
 * node's lock was taken before the first unlock, so it is not this one).
 *
 * Quiet: an unlock after a lock on every path (also taken by a helper
 * returning locked), an unlock after a call of a function that returns
 * holding the lock on some path (a conditional acquire: `if (slot)
 * unlock(..)`), unlocks of recursive mutexes and read locks taken in the
 * function (acquisitions are not counted), hand-over-hand locking (the held lock may be the same
 * object: `n = next` between), posts of semaphores used as locks (a
 * semaphore may be posted by another thread than the waiter), and unlocks
 * of locks the callers cannot name (`unlock(&it->lock)` with `it` a local
 * from a lookup that may return it locked: PRECISION, not reported).
 *
 * Facts used (model/facts.h): lock sites with the locks held before each,
 * via (releases of locks not taken, up through the calls), the threads and
 * start routines, facts_may_same_lock.
 *
 * Primary location: the unlock; evidence: the calls from the thread's
 * function that does not hold the lock down to the unlock.
 *
 * Precision stance: held is a must-fact over paths; conditions are not
 * followed, except that an unlock guarded by the same test as an earlier
 * lock (`if (x) lock(); ...; if (x) unlock();`), or by the opposite test of
 * an earlier unlock, is taken to be correlated with it (PRECISION: the
 * tested value is assumed unchanged in between); other correlations
 * (`if (x > 0) lock(); ... if (x) unlock();`) are reported.
 */
#include "lockfind.h"

#include <stdlib.h>
#include <string.h>

static void report(const Program *p, FindingList *out, size_t rel, size_t call, bool again) {
    FactsLockSite r = facts_lock_site(p, rel);
    Arena *a = out->arena;
    LockFinding lf;
    lockfind_start(p, out, &lf, "unlock-not-held", SEV_ERROR, rel, "release");
    const char *name = r.lock.spelling ? r.lock.spelling : "?";
    const char *fn = facts_function_name(p, r.func, NULL);
    lf.f.object = arena_strdup(a, name);
    if (call != SIZE_MAX) {
        lockfind_add(p, out, &lf, call, "call", FACTS_NO_LOCK);
        size_t chain[16];
        size_t nc = lockfind_chain(p, call, rel, true, chain, 16);
        for (size_t c = 0; c < nc; c++) lockfind_add(p, out, &lf, chain[c], "call", FACTS_NO_LOCK);
        const char *caller = facts_function_name(p, facts_lock_site(p, call).func, NULL);
        lf.f.message = arena_printf(a, "'%s' is unlocked in %s() but %s() calls it without holding it", name, fn,
                                    caller);
        lf.f.explain = arena_printf(
            a, "%s() unlocks '%s', which it did not lock: it ends a borrow its callers must have opened, and the "
            "call from %s() (a thread's code that starts holding nothing) does not hold '%s' on some path; "
            "unlocking a mutex the thread does not hold releases another thread's critical section (or fails "
            "with EPERM)", fn, name, caller, name);
        lf.f.help = arena_printf(a, "lock '%s' before the call in %s(), or move the unlock to the code that locks",
                                 name, caller);
    } else if (again) {
        lf.f.message = arena_printf(a, "'%s' is unlocked again: %s() already unlocked it on some path", name, fn);
        lf.f.explain = arena_printf(
            a, "on some path to this unlock %s() has already unlocked '%s' and not locked it since: ending a "
            "borrow twice releases another thread's critical section (or fails with EPERM)", fn, name);
        lf.f.help = arena_printf(a, "unlock '%s' once on each path (the early unlock's path must not reach this "
                                 "one)", name);
    } else {
        lf.f.message = arena_printf(a, "'%s' is unlocked but not held here (on some path)", name);
        lf.f.explain = arena_printf(
            a, "on some path to this unlock %s() does not hold '%s': ending a borrow that was never opened (or "
            "already ended) releases another thread's critical section, or fails with EPERM", fn, name);
        lf.f.help = arena_printf(a, "unlock '%s' only on the paths that locked it", name);
    }
    lockfind_finish(out, &lf);
}

/* May the lock be held several times at once by one thread (a recursive
 * mutex, or a read lock taken in func)? The held sets do not count
 * acquisitions: such unlocks are not checked (PRECISION). */
static bool counted(const Program *p, uint32_t func, FactsLock l) {
    size_t first, end;
    facts_function_lock_sites(p, func, &first, &end);
    for (size_t i = first; i < end; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind == FACTS_SITE_ACQUIRE && (s.recursive || s.shared) && facts_may_same_lock(p, s.lock, l))
            return true;
    }
    return false;
}

/* Does a call before the release, in its function, reach a function that
 * returns holding the lock on some path (a conditional acquire: the caller
 * unlocks on the path where it got the lock)? */
static bool after_conditional_acquire(const Program *p, size_t rel) {
    FactsLockSite r = facts_lock_site(p, rel);
    size_t first, end;
    facts_function_lock_sites(p, r.func, &first, &end);
    for (size_t c = first; c < rel; c++) {
        if (facts_lock_site(p, c).kind != FACTS_SITE_CALL) continue;
        uint32_t nt = facts_lock_site_ntargets(p, c);
        for (uint32_t k = 0; k < nt; k++) {
            size_t gf, ge;
            facts_function_lock_sites(p, facts_lock_site_target(p, c, k), &gf, &ge);
            for (size_t x = gf; x < ge; x++) {
                FactsLockSite g = facts_lock_site(p, x);
                if (g.kind != FACTS_SITE_RETURN) continue;
                for (uint32_t h = 0; h < g.nheld; h++)
                    if (facts_may_same_lock(p, facts_lock_site_held(p, x, h), r.lock)) return true;
            }
        }
    }
    return false;
}

/* Does call site c, or a call before it in its function, take the lock on
 * some path (a function taking or releasing locks by a mode argument:
 * `pause_threads(PAUSE)` ... `pause_threads(RESUME)`)? Then the lock may be
 * held at c: quiet (PRECISION: conditions are not followed). Not an
 * acquisition in the very function of the unlock `rel` that is always
 * released by an unlock of that function before it returns (`if (force)
 * lock; ...; unlock;`, or one unlock per path: `rc = lock(&m); if (rc) {
 * unlock(&m); return -1; } ...; unlock(&m);`): it leaves nothing held at
 * any call. */
static bool taken_before(const Program *p, size_t c, size_t rel, FactsLock l) {
    size_t first, end;
    facts_function_lock_sites(p, facts_lock_site(p, c).func, &first, &end);
    for (size_t x = first; x <= c; x++) {
        FactsLockSite s = facts_lock_site(p, x);
        if (s.kind != FACTS_SITE_CALL) continue;
        for (uint32_t k = 0; k < s.nvia; k++) {
            FactsVia v = facts_lock_site_via(p, x, k);
            if (!v.release && facts_may_same_lock(p, v.lock, l) &&
                !(facts_lock_site(p, v.origin).kind == FACTS_SITE_ACQUIRE &&
                  facts_lock_site(p, v.origin).func == facts_lock_site(p, rel).func &&
                  facts_lock_site_always_released(p, v.origin)))
                return true;
        }
    }
    return false;
}

/* Is the unlock guarded by the condition of an earlier lock of that lock
 * (`if (x) lock; ... if (x) unlock;`), or by the opposite of the condition
 * of an earlier unlock of it (`if (!x) unlock; ... if (x) unlock;`)?
 * PRECISION: the condition is taken to be unchanged in between. */
static bool correlated(const Program *p, size_t rel) {
    FactsLockSite r = facts_lock_site(p, rel);
    size_t first, end;
    facts_function_lock_sites(p, r.func, &first, &end);
    for (size_t x = first; x < rel; x++) {
        FactsLockSite s = facts_lock_site(p, x);
        if ((s.kind != FACTS_SITE_ACQUIRE && s.kind != FACTS_SITE_RELEASE) || !facts_may_same_lock(p, s.lock, r.lock))
            continue;
        int g = facts_lock_sites_guard(p, x, rel);
        if ((s.kind == FACTS_SITE_ACQUIRE && g == 1) || (s.kind == FACTS_SITE_RELEASE && g == -1)) return true;
    }
    return false;
}

void check_unlock_not_held(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    size_t nf = facts_nfunctions(p), n = facts_nlock_sites(p);
    /* functions some call site calls */
    uint8_t *called = calloc(nf ? nf : 1, 1);
    if (!called) return;
    for (size_t i = 0; i < n; i++) {
        if (facts_lock_site(p, i).kind != FACTS_SITE_CALL) continue;
        uint32_t nt = facts_lock_site_ntargets(p, i);
        for (uint32_t k = 0; k < nt; k++) called[facts_lock_site_target(p, i, k)] = 1;
    }
    for (size_t i = 0; i < n; i++) {
        FactsLockSite r = facts_lock_site(p, i);
        if (r.kind != FACTS_SITE_RELEASE || r.semaphore || !lockfind_reached(p, i)) continue;
        /* unlocked twice by this function: whatever the callers hold (a
         * held lock that may be the same object was taken before the
         * first unlock, as in a hand-over-hand walk, so it is not this one) */
        bool again = r.again && !correlated(p, i) && !counted(p, r.func, r.lock) && !after_conditional_acquire(p, i);
        if (!again && lockfind_held_may(p, i, r.lock)) continue;
        /* PRECISION: locked on every path and not unlocked since, the lock was
         * dropped by a call whose callees may release it (a release summary
         * made of points-to targets): trusted to be held */
        if (!again && (r.lost || correlated(p, i))) continue;
        if (!again && (counted(p, r.func, r.lock) || after_conditional_acquire(p, i))) continue;
        bool start = facts_function_is_routine(p, r.func) || !called[r.func];
        if (start || again) {
            report(p, out, i, SIZE_MAX, !start);
            continue;
        }
        if (!facts_lock_callers_name(p, r.lock)) continue; /* PRECISION: see the header */
        /* a call chain from a starting function that does not hold it */
        size_t bad = SIZE_MAX;
        for (size_t c = 0; c < n && bad == SIZE_MAX; c++) {
            FactsLockSite cs = facts_lock_site(p, c);
            if (cs.kind != FACTS_SITE_CALL || !cs.nvia || !lockfind_reached(p, c)) continue;
            if (!facts_function_is_routine(p, cs.func) && called[cs.func]) continue;
            for (uint32_t k = 0; k < cs.nvia; k++) {
                FactsVia v = facts_lock_site_via(p, c, k);
                if (v.release && v.origin == i && !lockfind_held_may(p, c, v.lock) &&
                    !taken_before(p, c, i, v.lock)) {
                    bad = c;
                    break;
                }
            }
        }
        if (bad != SIZE_MAX) report(p, out, i, bad, false);
    }
    free(called);
}
