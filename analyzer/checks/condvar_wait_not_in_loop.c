/*
 * condvar_wait_not_in_loop.c - rule `condvar-wait-not-in-loop`: a wait on a
 * condition variable (pthread_cond_wait/timedwait, cnd_wait, g_cond_wait,
 * uv_cond_wait, ...) that is not inside a loop re-checking its predicate.
 *
 * The rule: a condition wait returns when signalled, but also spuriously
 * (POSIX allows it) and after another thread woke first and consumed what
 * the signal announced (a stolen wake-up). Only the predicate, re-tested
 * under the mutex after every return, says whether the shared state the
 * thread is about to borrow is really there: `while (!pred) wait(&c, &m);`.
 * A wait under a plain `if` borrows state that may not exist. Reported: a
 * wait that is in no loop, or whose innermost loop is not taken again from
 * the wait without releasing a lock (the loop does not go back to re-test
 * the predicate under the same hold of the mutex: an outer worker loop
 * that unlocks and starts over is no re-check).
 *
 * Facts used (model/facts.h): the lock sites per function (WAIT with
 * in_loop and rechecks, computed by the model from the function's loops and
 * CFG: a path from the wait back to its innermost loop's test, inside the
 * loop, with no unlock or call of a releasing function on it), the threads
 * running a function.
 *
 * Primary location: the wait.
 *
 * Precision stance: the predicate itself is not read; a loop that goes
 * back to its test holding the mutex counts as re-checking, whatever it
 * tests - but not for a wait under an `if` of the loop's body (`for (;;) {
 * if (!ready) wait(); take(); }`): there the way back runs `take()` first,
 * and only a re-test of the `if`'s locations before other memory is
 * touched counts (lockevents.c wait_under_if, wait_retests); the form with
 * the predicate in a helper (`while (!queue_ready(q)) wait(..)`) is a loop
 * like any other.
 */
#include "lockfind.h"

void check_condvar_wait_not_in_loop(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    size_t n = facts_nlock_sites(p);
    for (size_t i = 0; i < n; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind != FACTS_SITE_WAIT || s.rechecks || !lockfind_reached(p, i)) continue;
        Arena *a = out->arena;
        LockFinding lf;
        lockfind_start(p, out, &lf, "condvar-wait-not-in-loop", SEV_WARNING, i, "wait");
        const char *cond = s.cond ? s.cond : "the condition";
        const char *mutex = s.lock.spelling ? s.lock.spelling : "?";
        lf.f.object = arena_strdup(a, s.cond ? s.cond : mutex);
        lf.f.message = s.in_loop
                           ? arena_printf(a, "wait on '%s' is in a loop that does not re-check its predicate "
                                          "before the next wait", cond)
                           : arena_printf(a, "wait on '%s' is not inside a loop re-checking its predicate", cond);
        lf.f.explain = arena_printf(
            a, "a wait returns on spurious wake-ups and after another thread consumed what the signal announced; "
            "only the predicate, re-tested under '%s' after every return, says the shared state is there to "
            "borrow, and this wait %s", mutex,
            s.in_loop ? "is followed by code that releases the lock before its loop tests again"
                      : "is not re-tested at all");
        lf.f.help = arena_printf(a, "wait in a loop that re-tests the predicate while holding '%s': "
                                 "while (!predicate) wait(...);", mutex);
        lockfind_finish(out, &lf);
    }
}
