/*
 * thread_unsafe_call.c - rule `thread-unsafe-call`: a call of a library
 * function that is not thread-safe (strtok, localtime, rand, getenv with a
 * setenv, ...: the thread-unsafe models of rules/libc-unsafe.json) from
 * code two threads may run at once, the calls not all under one lock.
 *
 * The rule: such a function borrows hidden global state (a static buffer,
 * the environment, a generator's seed) mutably on every call. Two threads
 * calling it at once hold two mutable borrows of that state: a data race
 * inside libc, invisible in the program's own accesses. The model makes
 * each call an access to a pseudo global standing for that state
 * (program_hidden_state: "libc:tm" for localtime, gmtime, ctime and
 * asctime; a write, or a read for a function that only reads it, getenv
 * against setenv), so two calls race exactly when two accesses would: both
 * may happen in parallel by every ordering rule of the model (creation,
 * join, semaphores, barriers, one instance running in program order ...)
 * and no lock is held at both, as the flow pass knows it at the call (the
 * callers' locks included). Reported: each call taking part in such a
 * pair, once.
 *
 * Facts used (model/facts.h): the locations of hidden state
 * (FactsLocation.hidden_state) and their accesses, the function each one
 * calls (facts_access_unsafe_call), may-happen-in-parallel and common
 * locks, the thread descriptions.
 *
 * Primary location: each call; the evidence: the call in its thread, and
 * the other thread's call.
 *
 * Precision stance: the data-race rule's (docs/precision.md); readdir and
 * strerror are not modelled (rules/libc-unsafe.json says why).
 */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

static bool conflict(const Program *p, const Access *a, const Access *b) {
    if (!facts_access_writes(a) && !facts_access_writes(b)) return false;
    if (facts_common_lock(p, a, b, NULL)) return false;
    return facts_may_happen_in_parallel(p, a, b);
}

static int cmp_access(const void *x, const void *y) {
    const Access *a = *(const Access *const *)x, *b = *(const Access *const *)y;
    SrcLoc la = facts_access_loc(a), lb = facts_access_loc(b);
    int c = srcloc_cmp(&la, &lb);
    if (c) return c;
    uint32_t ta = facts_access_thread(a), tb = facts_access_thread(b);
    return (ta > tb) - (ta < tb);
}

static bool same_site(const Access *a, const Access *b) {
    SrcLoc la = facts_access_loc(a), lb = facts_access_loc(b);
    return !srcloc_cmp(&la, &lb);
}

static void report(const Program *p, FindingList *out, const Access *c, const Access *o) {
    Arena *a = out->arena;
    const char *alt, *oalt;
    const char *api = facts_access_unsafe_call(p, c, &alt), *oapi = facts_access_unsafe_call(p, o, &oalt);
    api = api ? api : "?";
    oapi = oapi ? oapi : "?";
    FactsThread th = facts_thread(p, facts_access_thread(c)), other = facts_thread(p, facts_access_thread(o));
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "thread-unsafe-call";
    f.severity = SEV_WARNING;
    f.loc = check_own_loc(a, facts_access_loc(c));
    f.object = arena_strdup(a, api);
    Evidence ev[2];
    check_access_evidence(p, a, c, "call", &ev[0]);
    size_t nev = 1;
    if (o != c) check_access_evidence(p, a, o, "call", &ev[nev++]);
    f.evidence = arena_memdup(a, ev, nev * sizeof(Evidence));
    f.nevidence = nev;
    SrcLoc ol = facts_access_loc(o);
    if (o == c || (same_site(c, o) && facts_access_thread(c) == facts_access_thread(o)))
        f.message = arena_printf(a, "'%s' is not thread-safe and several instances of thread %s may call it at once",
                                 api, th.routine);
    else if (same_site(c, o))
        f.message = arena_printf(a, "'%s' is not thread-safe and threads %s and %s may call it here at the same time",
                                 api, th.routine, other.routine);
    else
        f.message = arena_printf(a, "'%s' is not thread-safe and thread %s may call %s (%s, line %u) at the same time",
                                 api, other.routine, strcmp(api, oapi) ? "a function sharing its state" : "it", oapi,
                                 ol.line);
    f.explain = arena_printf(
        a, "%s() borrows hidden state of the library (a static buffer or global state) mutably on every call; two "
        "threads calling it at once, with no lock held by both, hold two mutable borrows of that state", api);
    if (alt)
        f.help = arena_printf(a, "use %s (the caller owns the state), or hold one lock around every call", alt);
    else
        f.help = arena_printf(a, "call %s() from one thread only, or hold one lock around every call", api);
    vec_push(&out->items, f);
}

/* One location of hidden state: each call site racing with some call
 * (another site first, as the evidence; else itself in another thread or
 * instance), reported once. */
static void check_state(const Program *p, FactsLocation loc, FindingList *out) {
    const Access **acc = malloc((loc.naccesses ? loc.naccesses : 1) * sizeof *acc);
    memcpy(acc, loc.accesses, loc.naccesses * sizeof *acc);
    qsort(acc, loc.naccesses, sizeof *acc, cmp_access);
    for (size_t i = 0; i < loc.naccesses;) {
        size_t end = i + 1;
        while (end < loc.naccesses && same_site(acc[i], acc[end])) end++;
        const Access *c = NULL, *o = NULL;
        for (size_t x = i; x < end && !c; x++) {
            for (size_t y = 0; y < loc.naccesses && !c; y++)
                if ((y < i || y >= end) && conflict(p, acc[x], acc[y])) c = acc[x], o = acc[y];
            for (size_t y = i; y < end && !c; y++)
                if (conflict(p, acc[x], acc[y])) c = acc[x], o = acc[y];
        }
        if (c) report(p, out, c, o);
        i = end;
    }
    free(acc);
}

void check_thread_unsafe_call(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    for (size_t li = 0; li < facts_nlocations(p); li++) {
        FactsLocation loc = facts_location(p, li);
        if (loc.hidden_state) check_state(p, loc, out);
    }
}
