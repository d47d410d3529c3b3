/*
 * lockfind.c - the lock rules' shared finding builder; see lockfind.h.
 */
#include "lockfind.h"

#include <stdlib.h>
#include <string.h>

const char *lockfind_kind(uint8_t k) {
    switch (k) {
    case FACTS_SITE_ACQUIRE: return "acquire";
    case FACTS_SITE_RELEASE: return "release";
    case FACTS_SITE_WAIT: return "wait";
    case FACTS_SITE_CALL: return "call";
    default: return "return";
    }
}

bool lockfind_reached(const Program *p, size_t site) {
    return facts_function_nthreads(p, facts_lock_site(p, site).func) > 0;
}

int lockfind_held_same(const Program *p, size_t site, FactsLock l) {
    FactsLockSite s = facts_lock_site(p, site);
    for (uint32_t k = 0; k < s.nheld; k++)
        if (facts_same_lock(p, facts_lock_site_held(p, site, k), l)) return (int)k;
    return -1;
}

bool lockfind_held_may(const Program *p, size_t site, FactsLock l) {
    FactsLockSite s = facts_lock_site(p, site);
    for (uint32_t k = 0; k < s.nheld; k++)
        if (facts_may_same_lock(p, facts_lock_site_held(p, site, k), l)) return true;
    return false;
}

SrcLoc check_own_loc(Arena *a, SrcLoc l) {
    return (SrcLoc){arena_strdup(a, l.file ? l.file : "?"), l.line, l.col};
}

void check_access_evidence(const Program *p, Arena *a, const Access *x, const char *kind, Evidence *e) {
    memset(e, 0, sizeof *e);
    FactsThread t = facts_thread(p, facts_access_thread(x));
    e->loc = check_own_loc(a, facts_access_loc(x));
    e->kind = kind;
    SrcLoc fl;
    e->function = arena_strdup(a, facts_access_function(p, x, &fl));
    e->function_decl = check_own_loc(a, fl);
    e->thread_routine = arena_strdup(a, t.routine);
    if (!t.root) e->spawn = check_own_loc(a, t.spawn);
    e->many = t.many;
    uint32_t nl = facts_access_nlocks(x);
    e->locks = ARENA_ARRAY(a, const char *, nl ? nl : 1);
    for (uint32_t l = 0; l < nl; l++) {
        const char *sp = facts_access_lock(x, l).spelling;
        sp = sp ? sp : "?";
        bool dup = false;
        for (size_t j = 0; j < e->nlocks && !dup; j++) dup = !strcmp(e->locks[j], sp);
        if (!dup) e->locks[e->nlocks++] = arena_strdup(a, sp);
    }
}

void lockfind_add(const Program *p, FindingList *out, LockFinding *lf, size_t site, const char *kind,
                  uint32_t thread) {
    Arena *a = out->arena;
    FactsLockSite s = facts_lock_site(p, site);
    Evidence e;
    memset(&e, 0, sizeof e);
    e.loc = check_own_loc(a, s.loc);
    e.kind = kind;
    SrcLoc decl;
    e.function = arena_strdup(a, facts_function_name(p, s.func, &decl));
    e.function_decl = check_own_loc(a, decl);
    if (thread == FACTS_NO_LOCK && facts_function_nthreads(p, s.func)) thread = facts_function_thread(p, s.func, 0);
    if (thread != FACTS_NO_LOCK) {
        FactsThread t = facts_thread(p, thread);
        e.thread_routine = arena_strdup(a, t.routine);
        if (!t.root) e.spawn = check_own_loc(a, t.spawn);
        e.many = t.many;
    } else {
        e.thread_routine = "main";
    }
    e.locks = ARENA_ARRAY(a, const char *, s.nheld ? s.nheld : 1);
    for (uint32_t k = 0; k < s.nheld; k++) {
        const char *sp = facts_lock_site_held(p, site, k).spelling;
        bool dup = false;
        for (size_t j = 0; j < e.nlocks && !dup; j++) dup = !strcmp(e.locks[j], sp ? sp : "?");
        if (!dup) e.locks[e.nlocks++] = arena_strdup(a, sp ? sp : "?");
    }
    vec_push(&lf->ev, e);
}

void lockfind_add_held(const Program *p, FindingList *out, LockFinding *lf, size_t site, const char *kind,
                       uint32_t thread, const char *const *locks, size_t nlocks) {
    lockfind_add(p, out, lf, site, kind, thread);
    Evidence *e = &lf->ev.data[lf->ev.len - 1];
    e->locks = ARENA_ARRAY(out->arena, const char *, nlocks ? nlocks : 1);
    e->nlocks = 0;
    for (size_t k = 0; k < nlocks; k++) {
        bool dup = false;
        for (size_t j = 0; j < e->nlocks && !dup; j++) dup = !strcmp(e->locks[j], locks[k]);
        if (!dup) e->locks[e->nlocks++] = arena_strdup(out->arena, locks[k]);
    }
}

void lockfind_start_thread(const Program *p, FindingList *out, LockFinding *lf, const char *rule, Severity sev,
                           size_t site, const char *kind, uint32_t thread) {
    memset(lf, 0, sizeof *lf);
    lf->f.rule = rule;
    lf->f.severity = sev;
    lf->f.loc = check_own_loc(out->arena, facts_lock_site(p, site).loc);
    lockfind_add(p, out, lf, site, kind, thread);
}

void lockfind_start(const Program *p, FindingList *out, LockFinding *lf, const char *rule, Severity sev,
                    size_t site, const char *kind) {
    lockfind_start_thread(p, out, lf, rule, sev, site, kind, FACTS_NO_LOCK);
}

void lockfind_finish(FindingList *out, LockFinding *lf) {
    lf->f.nevidence = lf->ev.len;
    lf->f.evidence = lf->ev.len ? arena_memdup(out->arena, lf->ev.data, lf->ev.len * sizeof(Evidence)) : NULL;
    vec_free(&lf->ev);
    vec_push(&out->items, lf->f);
}

size_t lockfind_chain(const Program *p, size_t call, size_t origin, bool release, size_t *out, size_t max) {
    size_t n = 0;
    for (size_t at = call; n < max;) {
        FactsLockSite s = facts_lock_site(p, at);
        size_t hop = SIZE_MAX;
        for (uint32_t k = 0; k < s.nvia && hop == SIZE_MAX; k++) {
            FactsVia v = facts_lock_site_via(p, at, k);
            if (v.origin == origin && v.release == release) hop = v.hop;
        }
        if (hop == SIZE_MAX || hop == origin || hop == at) break;
        out[n++] = hop;
        at = hop;
    }
    return n;
}

size_t lockfind_acquisition_site(const Program *p, size_t acq) {
    FactsAcquisition a = facts_acquisition(p, acq);
    size_t n = facts_nlock_sites(p);
    for (size_t i = 0; i < n; i++) {
        FactsLockSite s = facts_lock_site(p, i);
        if (s.kind == FACTS_SITE_ACQUIRE && !srcloc_cmp(&s.loc, &a.loc)) return i;
    }
    return SIZE_MAX;
}
