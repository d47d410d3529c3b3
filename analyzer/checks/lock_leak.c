/*
 * lock_leak.c - rule `lock-leak`: a function returns on some path with a
 * mutex it acquired still held, while its other returns release it.
 *
 * The rule: a lock taken in a function is a mutable borrow the function
 * opened; a return that leaves it held lets the borrow outlive the scope
 * that was meant to end it (in Rust the guard is dropped at every return).
 * The next lock of the mutex, by any thread, waits forever. Reported: per
 * function, each return at which a lock the function took (itself or
 * through a callee returning locked) is surely held, when at least one
 * other return of the function does not hold it. A function that returns
 * with the lock held on every path is a lock-acquiring helper (its callers
 * unlock; the lock summaries carry the lock to them): quiet. So is a
 * function returning locked on some paths whose callers release the lock
 * without having taken it themselves: a conditional acquire
 * (`item *get_locked(key)` returning NULL unlocked), the callers rely on it
 * - but for a locked return of a constant that an unlocked return gives
 * too (a second `return NULL;` still holding the lock): the caller cannot
 * tell from the result, and leaks it there.
 * A lock the callers cannot name (memcached's extstore_write_request takes
 * `p->mutex` of a page it looked up; extstore_write, called next, finds the
 * page again by number and unlocks it) is matched by its lock objects, and
 * only by a release reached through a test of the call's result or
 * out-parameter.
 *
 * Facts used (model/facts.h): the lock sites per function (RETURN with the
 * locks held when it leaves, ACQUIRE, CALL with targets and via), the
 * threads running a function, facts_may_same_lock, facts_lock_callers_name,
 * facts_lock_site_after_result.
 *
 * Primary location: the return that leaves with the lock held; evidence:
 * the acquisition (or the call that took the lock) and a return that
 * releases it.
 *
 * A return reached only on the failure branch of a test of the result of
 * the lock call (`if (ngx_thread_mutex_lock(..) != NGX_OK) return
 * NGX_ERROR;`, 0 taken for success) is not counted. A function whose returns
 * are all constants, that never releases the lock and holds it at exactly
 * the returns of one value (nginx's ngx_thread_mutex_lock: `if (pthread_mutex_lock(m) == 0)
 * return NGX_OK; ... return NGX_ERROR;`) is a conditional acquire its result
 * tells the callers about (they hold the lock where it equals that value):
 * quiet.
 *
 * Precision stance: held at a return is a must-fact (intersection over the
 * paths reaching it): a return reached with the lock held on only some
 * paths is not reported (PRECISION). Branch conditions are not followed:
 * `if (x) lock(); ... if (x) unlock();` leaves nothing held at the return
 * in the model (the merge drops it) - quiet.
 */
#include "lockfind.h"

#include <stdlib.h>
#include <string.h>

/* Does some caller of func release a lock that may be l without holding it
 * (it relies on func returning with l held)? A lock the callers cannot
 * name (func's own pointer to it: `sl = table[i]; lock(&sl->mu)`) is
 * compared by its objects only, so there the release must also be reached
 * only through a test of what the call gave back (`if (reserve(s, &t) ==
 * 0) { ...; commit(s, &t); }`, commit finding the lock again from t): a
 * caller that merely unlocks such a lock later, whatever the call
 * returned, does not make an early return inside func's locked region an
 * acquire. */
static bool callers_release(const Program *p, uint32_t func, FactsLock l) {
    bool by_objects = !facts_lock_callers_name(p, l);
    size_t n = facts_nlock_sites(p);
    for (size_t i = 0; i < n; i++) {
        FactsLockSite c = facts_lock_site(p, i);
        if (c.kind != FACTS_SITE_CALL) continue;
        bool calls = false;
        uint32_t nt = facts_lock_site_ntargets(p, i);
        for (uint32_t k = 0; k < nt && !calls; k++) calls = facts_lock_site_target(p, i, k) == func;
        if (!calls) continue;
        size_t first, end;
        facts_function_lock_sites(p, c.func, &first, &end);
        for (size_t j = i + 1; j < end; j++) {
            FactsLockSite r = facts_lock_site(p, j);
            if (r.kind == FACTS_SITE_RELEASE && facts_may_same_lock(p, r.lock, l) && !lockfind_held_may(p, j, r.lock) &&
                (!by_objects || facts_lock_site_after_result(p, i, j)))
                return true;
        }
        /* the caller passes it on: a release through its own callers' */
        for (size_t j = i + 1; j < end; j++) {
            FactsLockSite r = facts_lock_site(p, j);
            if (r.kind != FACTS_SITE_CALL) continue;
            for (uint32_t k = 0; k < r.nvia; k++) {
                FactsVia v = facts_lock_site_via(p, j, k);
                if (v.release && facts_may_same_lock(p, v.lock, l) &&
                    (!by_objects || facts_lock_site_after_result(p, i, j)))
                    return true;
            }
        }
    }
    return false;
}

/* The site in [first, end) that took lock l: an acquisition, or a call whose
 * callees return with it (it is held just after the call). */
static size_t taking_site(const Program *p, size_t first, size_t end, FactsLock l) {
    for (size_t i = first; i < end; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind == FACTS_SITE_ACQUIRE && s.lock.name == l.name) return i;
    }
    for (size_t i = first; i + 1 < end; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind != FACTS_SITE_CALL || lockfind_held_same(p, i, l) >= 0) continue;
        FactsLockSite nx = facts_lock_site(p, i + 1);
        for (uint32_t k = 0; k < nx.nheld; k++)
            if (facts_lock_site_held(p, i + 1, k).name == l.name) return i;
    }
    return SIZE_MAX;
}

/* Is l, which no site of the function takes by that name, another name at
 * return ret of a lock held there that one does take (`if (cur == arg)`
 * makes `arg->lock` a name of the held `cur->lock`)? The leak is reported
 * once, under the name that took it. */
static bool alias_of_taken(const Program *p, size_t first, size_t end, size_t ret, FactsLock l) {
    FactsLockSite r = facts_lock_site(p, ret);
    for (uint32_t k = 0; k < r.nheld; k++) {
        FactsLock o = facts_lock_site_held(p, ret, k);
        if (o.name != l.name && facts_may_same_lock(p, o, l) && taking_site(p, first, end, o) != SIZE_MAX) return true;
    }
    return false;
}

static bool held_name(const Program *p, size_t site, uint32_t name) {
    FactsLockSite s = facts_lock_site(p, site);
    for (uint32_t k = 0; k < s.nheld; k++)
        if (facts_lock_site_held(p, site, k).name == name) return true;
    return false;
}

/* Is l held at exactly the returns of one constant value, every return a
 * constant? A conditional acquire told by its result (nginx's
 * ngx_thread_mutex_lock: NGX_OK locked, NGX_ERROR not): its callers test
 * the result like a trylock's. */
static bool held_by_result(const Program *p, const size_t *rets, size_t n, size_t first, size_t end, FactsLock l) {
    uint32_t name = l.name;
    /* never released here: the returns without it never had it (the lock
     * call failed), unlike `lock; if (bad) return -1; ...; unlock; return 0;` */
    for (size_t i = first; i < end; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind == FACTS_SITE_RELEASE && facts_may_same_lock(p, s.lock, l)) return false;
        if (s.kind == FACTS_SITE_CALL)
            for (uint32_t k = 0; k < s.nvia; k++) {
                FactsVia v = facts_lock_site_via(p, i, k);
                if (v.release && facts_may_same_lock(p, v.lock, l)) return false;
            }
    }
    bool have = false;
    int64_t v = 0;
    for (size_t x = 0; x < n; x++) {
        FactsLockSite r = facts_lock_site(p, rets[x]);
        if (!r.ret_const) return false;
        if (!held_name(p, rets[x], name)) continue;
        if (have && r.ret_const_value != v) return false;
        have = true;
        v = r.ret_const_value;
    }
    for (size_t x = 0; x < n; x++)
        if (!held_name(p, rets[x], name) && facts_lock_site(p, rets[x]).ret_const_value == v) return false;
    return have;
}

/* Does the locked return `ret` give the caller a constant some return
 * without the lock gives too (`return NULL;` with the lock held, where the
 * other `return NULL;` released it)? The caller cannot tell from the result
 * whether to unlock: a conditional acquire leaks there. */
static bool ambiguous_return(const Program *p, const size_t *rets, size_t n, size_t ret, uint32_t name) {
    FactsLockSite r = facts_lock_site(p, ret);
    if (!r.ret_const) return false;
    for (size_t x = 0; x < n; x++) {
        FactsLockSite o = facts_lock_site(p, rets[x]);
        if (o.ret_const && o.ret_const_value == r.ret_const_value && !held_name(p, rets[x], name)) return true;
    }
    return false;
}

static void check_function(const Program *p, uint32_t func, FindingList *out) {
    size_t first, end;
    facts_function_lock_sites(p, func, &first, &end);
    VEC(size_t) rets = {0};
    for (size_t i = first; i < end; i++) {
        FactsLockSite r = facts_lock_site(p, i);
        /* `if (lock(..) != 0) return ERR;`: the lock was not taken there */
        if (r.kind == FACTS_SITE_RETURN && !r.after_failed_lock) vec_push(&rets, i);
    }
    if (rets.len < 2) {
        vec_free(&rets);
        return;
    }
    VEC(uint32_t) done = {0};
    for (size_t r = 0; r < rets.len; r++) {
        FactsLockSite rs = facts_lock_site(p, rets.data[r]);
        for (uint32_t k = 0; k < rs.nheld; k++) {
            FactsLock l = facts_lock_site_held(p, rets.data[r], k);
            bool seen = false;
            for (size_t d = 0; d < done.len && !seen; d++) seen = done.data[d] == l.name;
            if (seen) continue;
            vec_push(&done, l.name);
            size_t unheld = SIZE_MAX;
            for (size_t x = 0; x < rets.len && unheld == SIZE_MAX; x++)
                if (!held_name(p, rets.data[x], l.name)) unheld = rets.data[x];
            if (unheld == SIZE_MAX) continue;          /* held at every return: a locking helper */
            /* a conditional acquire its callers rely on: only a locked
             * return its result cannot tell from an unlocked one leaks */
            /* ... or one whose result tells (a locked item, or NULL unlocked) */
            bool relied = callers_release(p, func, l) || facts_lock_held_unless_zero(p, func, l);
            if (!relied && held_by_result(p, rets.data, rets.len, first, end, l)) continue; /* the result tells the caller */
            size_t taken = taking_site(p, first, end, l);
            for (size_t x = 0; x < rets.len; x++) {
                if (!held_name(p, rets.data[x], l.name)) continue;
                if (relied && !ambiguous_return(p, rets.data, rets.len, rets.data[x], l.name)) continue;
                if (taken == SIZE_MAX && alias_of_taken(p, first, end, rets.data[x], l)) continue;
                Arena *a = out->arena;
                LockFinding lf;
                bool exits = facts_lock_site(p, rets.data[x]).thread_exit;
                lockfind_start(p, out, &lf, "lock-leak", SEV_ERROR, rets.data[x], exits ? "exit" : "return");
                if (taken != SIZE_MAX) lockfind_add(p, out, &lf, taken, lockfind_kind(facts_lock_site(p, taken).kind),
                                                    FACTS_NO_LOCK);
                lockfind_add(p, out, &lf, unheld, "return", FACTS_NO_LOCK);
                const char *name = l.spelling ? l.spelling : "?";
                const char *fn = facts_function_name(p, func, NULL);
                lf.f.object = arena_strdup(a, name);
                if (exits) {
                    lf.f.message = arena_printf(a, "'%s' is still held when the thread ends here, in %s()", name, fn);
                    lf.f.explain = arena_printf(
                        a, "%s() takes '%s' (a mutable borrow) and ends its thread here with it held, while its "
                        "returns release it: no one will ever unlock it, and the next lock of '%s' (by any thread) "
                        "waits forever", fn, name, name);
                    lf.f.help = arena_printf(a, "unlock '%s' before ending the thread", name);
                } else {
                    lf.f.message = arena_printf(a, "'%s' is still held when %s() returns here", name, fn);
                    lf.f.explain = arena_printf(
                        a, "%s() takes '%s' (a mutable borrow) and this return leaves it held while its other returns "
                        "release it: the borrow outlives the function on this path, and the next lock of '%s' (by any "
                        "thread) waits forever", fn, name, name);
                    lf.f.help = arena_printf(a, "unlock '%s' before this return (or leave through one exit that "
                                             "unlocks)", name);
                }
                lockfind_finish(out, &lf);
            }
        }
    }
    vec_free(&done);
    vec_free(&rets);
}

void check_lock_leak(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    size_t nf = facts_nfunctions(p);
    for (uint32_t f = 0; f < nf; f++)
        if (facts_function_nthreads(p, f)) check_function(p, f, out);
}
