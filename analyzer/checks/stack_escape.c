/*
 * stack_escape.c - rule `stack-escape`: the address of a local (a
 * variable, an array, a struct of a function's frame) handed to a thread
 * that may still use it after the function returns.
 *
 * The rule: the spawn argument is a borrow of the local handed to another
 * thread; the borrow must end before the frame does. Rust's
 * `thread::spawn` asks for `'static` data for this reason and
 * `thread::scope` joins before the frame ends. Reported: a thread whose
 * spawn argument may point into a local of a function F (the function
 * making the spawn, or a caller that handed its local's address down),
 * when the thread is detached, or joined neither in the spawning function
 * after the spawn nor in F. Also: a store of a local's address into a
 * global or an object other threads reach (a queue), unless the same
 * destination is reset further down in the function, or the function
 * joins threads after the store (PRECISION: taken to be the readers;
 * pigz's finish_jobs), or every path from the store to a return waits for
 * the local's completion - a loop testing the local that waits on a
 * condition variable or a semaphore, left only through its test
 * (`while (!req.done) pthread_cond_wait(..)`; ASSUMPTION: the reader's
 * completion mark is its last use) (facts_local_publications).
 * Quiet: create-then-join in F (scoped threads), locals of main (the
 * process ends when main returns), a local the thread hands back before the
 * spawning function waits for it (a semaphore the thread posts after its
 * last use of the local, waited on after the spawn: libuv's init_threads;
 * facts_thread_hands_back).
 *
 * Facts used (model/facts.h): the thread tree (spawn site, spawning
 * function, routine), the locals a spawn argument may point into
 * (facts_thread_arg_locals, through points-to), detach calls and the joins
 * of a thread's handle in a function (facts_function_joins).
 *
 * Primary location: the spawn call or the store; the evidence: it (kind
 * `escape`) and the local's declaration (kind `local`).
 *
 * Precision stance: a join is looked for after the spawn in the spawning
 * function, and the thread must not be running at that function's exit on
 * any path (FactsThread.outlives_spawner: an early return between spawn
 * and join is reported), or anywhere in F; a join whose handle is reached through a
 * pointer (`pthread_join(w->tid, ..)`) is not recognised (reported); a
 * store is judged by its destination (a global no other thread reads is
 * reported: PRECISION); main's locals are
 * quiet even when main ends with pthread_exit (SOUNDNESS).
 */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

enum { SE_MAX_LOCALS = 16 };

static bool is_root_routine(const Program *p, uint32_t func) {
    for (uint32_t k = 0; k < facts_function_nthreads(p, func); k++) {
        FactsThread t = facts_thread(p, facts_function_thread(p, func, k));
        if (t.root && facts_function_is_routine(p, func)) {
            SrcLoc d;
            const char *name = facts_function_name(p, func, &d);
            if (!strcmp(name, t.routine)) return true;
        }
    }
    return false;
}

/* The two evidence entries of a finding: where the address escapes (at, in
 * function fn, run by thread th) and the local's declaration in owner. */
static Evidence *escape_evidence(Arena *a, SrcLoc at, const char *fn, SrcLoc fn_decl, const FactsThread *th,
                                 const FactsArgLocal *l, const char *owner, SrcLoc owner_decl) {
    Evidence *ev = ARENA_ARRAY(a, Evidence, 2);
    memset(ev, 0, 2 * sizeof(Evidence));
    ev[0].loc = check_own_loc(a, at);
    ev[0].kind = "escape";
    ev[0].function = arena_strdup(a, fn);
    ev[0].function_decl = check_own_loc(a, fn_decl);
    ev[0].thread_routine = arena_strdup(a, th->routine);
    if (!th->root) ev[0].spawn = check_own_loc(a, th->spawn);
    ev[0].many = th->many;
    ev[0].locks = ARENA_ARRAY(a, const char *, 1);
    ev[1] = ev[0];
    ev[1].loc = check_own_loc(a, l->decl);
    ev[1].kind = "local";
    ev[1].function = arena_strdup(a, owner);
    ev[1].function_decl = check_own_loc(a, owner_decl);
    return ev;
}

static void report(const Program *p, FindingList *out, uint32_t t, FactsThread th, const FactsArgLocal *l,
                   bool detached) {
    Arena *a = out->arena;
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "stack-escape";
    f.severity = SEV_ERROR;
    f.loc = check_own_loc(a, th.spawn);
    f.decl = check_own_loc(a, l->decl);
    f.object = arena_strdup(a, l->name);
    SrcLoc fdecl;
    const char *owner = facts_function_name(p, l->func, &fdecl);
    SrcLoc sdecl;
    const char *spawner = facts_function_name(p, th.spawn_func, &sdecl);
    FactsThread parent = facts_thread(p, (uint32_t)th.parent);
    f.evidence = escape_evidence(a, th.spawn, spawner, sdecl, &parent, l, owner, fdecl);
    f.nevidence = 2;
    (void)t;
    f.message = arena_printf(a, "the address of local '%s' of %s() is handed to thread %s, which may use it after "
                             "%s() returns", l->name, owner, th.routine, owner);
    f.explain = arena_printf(
        a, "thread %s borrows '%s', which lives in %s()'s frame; the thread is %s, so the borrow may outlive the "
        "frame and the thread reads or writes a dead stack slot", th.routine, l->name, owner,
        detached ? "detached" : "not joined in that function after its creation");
    f.help = arena_printf(a, "join the thread before %s() returns, or hand it storage it owns (a heap copy freed by "
                          "the thread, or a static object)", owner);
    vec_push(&out->items, f);
}

/* A store publishing the local's address to other threads. */
static void report_store(const Program *p, FindingList *out, const FactsPublish *pub) {
    Arena *a = out->arena;
    const FactsArgLocal *l = &pub->local;
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "stack-escape";
    f.severity = SEV_ERROR;
    f.loc = check_own_loc(a, pub->loc);
    f.decl = check_own_loc(a, l->decl);
    f.object = arena_strdup(a, l->name);
    SrcLoc fdecl, sdecl;
    const char *owner = facts_function_name(p, l->func, &fdecl);
    const char *storer = facts_function_name(p, pub->func, &sdecl);
    uint32_t thread = facts_function_thread(p, pub->func, 0);
    FactsThread th = facts_thread(p, thread);
    f.evidence = escape_evidence(a, pub->loc, storer, sdecl, &th, l, owner, fdecl);
    f.nevidence = 2;
    f.message = arena_printf(a, "the address of local '%s' of %s() is stored into '%s', where other threads may "
                             "use it after %s() returns", l->name, owner, pub->target, owner);
    f.explain = arena_printf(
        a, "'%s' lives in %s()'s frame; storing its address into '%s' lends it to every thread that can read '%s', "
        "and nothing ends that borrow before the frame is gone", l->name, owner, pub->target, pub->target);
    f.help = arena_printf(a, "store a heap copy or a static object instead, or reset '%s' before %s() returns",
                          pub->target, owner);
    vec_push(&out->items, f);
}

void check_stack_escape(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    if (facts_nthreads(p) > 1) {
        size_t np = 0;
        FactsPublish *pubs = facts_local_publications(p, &np);
        for (size_t i = 0; i < np; i++)
            if (!pubs[i].cleared && !pubs[i].joined_after && !pubs[i].awaited && !is_root_routine(p, pubs[i].local.func))
                report_store(p, out, &pubs[i]);
        free(pubs);
    }
    size_t nt = facts_nthreads(p);
    for (uint32_t t = 0; t < nt; t++) {
        FactsThread th = facts_thread(p, t);
        if (th.root || th.spawn_func == FACTS_NO_LOCK) continue;
        FactsArgLocal locals[SE_MAX_LOCALS];
        size_t n = facts_thread_arg_locals(p, t, locals, SE_MAX_LOCALS);
        if (!n) continue;
        /* one thread per spawn site (instances of a spawn share it) */
        bool seen = false;
        for (uint32_t u = 0; u < t && !seen; u++) {
            FactsThread o = facts_thread(p, u);
            seen = !o.root && o.spawn_func == th.spawn_func && o.spawn.line == th.spawn.line &&
                   o.spawn.col == th.spawn.col && o.spawn.file && th.spawn.file && !strcmp(o.spawn.file, th.spawn.file);
        }
        if (seen) continue;
        bool detached = facts_thread_detached(p, t);
        for (size_t k = 0; k < n; k++) {
            const FactsArgLocal *l = &locals[k];
            if (is_root_routine(p, l->func)) continue;
            /* joined after the spawn in the spawning function on every path
             * to its returns (it returns first), or in the local's own
             * function (a caller) */
            if (!detached && ((!th.outlives_spawner && facts_function_joins(p, th.spawn_func, t, true, NULL)) ||
                              (l->func != th.spawn_func && facts_function_joins(p, l->func, t, false, NULL))))
                continue;
            /* handed back through a semaphore the spawning function waits
             * on (a start-up handshake), also when the thread is detached */
            if (l->func == th.spawn_func ? facts_thread_hands_back(p, t, l, th.spawn_func, th.spawn.line, NULL)
                                         : facts_thread_hands_back(p, t, l, l->func, 0, NULL))
                continue;
            report(p, out, t, th, l, detached);
            break; /* one finding per spawn */
        }
    }
}
