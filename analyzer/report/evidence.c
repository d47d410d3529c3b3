/*
 * evidence.c - which accesses of a finding an emitter shows.
 *
 * A finding keeps every access that takes part in a race (the check's full
 * evidence list; the findings database stores it whole). On real programs
 * one location can gather thousands of accesses that read alike: the same
 * kind (write, read, atomic ...), the same thread (start routine, spawn
 * site, instances) and the same locks held. By default (--evidence=
 * representative) an emitter shows one access per such group, the
 * representative, with the number of the others (`more`); --evidence=all
 * shows every access.
 *
 * The representative of a group is its first access in the finding's
 * evidence order (file, line, column), except that an access at the
 * primary location is always its group's representative, so the primary
 * access is always shown. Only data-race findings are grouped: the other
 * rules' evidence is a handful of distinct steps. Every group has one, so for every racing pair of
 * (thread, kind, lock set) classes an access of each side is shown. One
 * pass with a hash map: linear in the evidence.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

/* The group key: what a note says about an access apart from its place. */
static char *group_key(const Evidence *e) {
    size_t n = 64 + strlen(e->kind) + strlen(e->thread_routine) + (e->spawn.file ? strlen(e->spawn.file) : 0);
    for (size_t l = 0; l < e->nlocks; l++) n += strlen(e->locks[l]) + 1;
    char *k = xmalloc(n);
    int w = snprintf(k, n, "%s\x1f%s\x1f%s:%u:%u\x1f%d", e->kind, e->thread_routine,
                     e->spawn.line && e->spawn.file ? e->spawn.file : "", e->spawn.line, e->spawn.col, e->many);
    size_t at = (size_t)w;
    for (size_t l = 0; l < e->nlocks; l++) {
        k[at++] = '\x1f';
        size_t m = strlen(e->locks[l]);
        memcpy(k + at, e->locks[l], m);
        at += m;
    }
    k[at] = 0;
    return k;
}

void report_evidence_select(const Finding *f, bool all, size_t *more) {
    size_t n = f->nevidence;
    for (size_t k = 0; k < n; k++) more[k] = 0;
    /* the lock rules' findings list a few lines, each a different step
     * (first acquisition, call, acquisition in the helper): all shown */
    if (all || n < 2 || strcmp(f->rule, "data-race")) return;
    char **keys = xmalloc(n * sizeof *keys);
    StrMap groups; /* key -> 1 + index of the representative */
    strmap_init(&groups);
    for (size_t k = 0; k < n; k++) {
        const Evidence *e = &f->evidence[k];
        keys[k] = group_key(e);
        bool inserted;
        void **slot = strmap_slot(&groups, keys[k], &inserted);
        if (inserted) {
            *slot = (void *)(uintptr_t)(k + 1);
            continue;
        }
        size_t rep = (size_t)(uintptr_t)*slot - 1;
        bool at_primary = !srcloc_cmp(&e->loc, &f->loc), rep_at_primary = !srcloc_cmp(&f->evidence[rep].loc, &f->loc);
        if (at_primary && !rep_at_primary) {
            /* the primary access represents its group */
            more[k] = more[rep] + 1;
            more[rep] = REPORT_OMITTED;
            *slot = (void *)(uintptr_t)(k + 1);
        } else {
            more[rep]++;
            more[k] = REPORT_OMITTED;
        }
    }
    strmap_free(&groups);
    for (size_t k = 0; k < n; k++) free(keys[k]);
    free(keys);
}

size_t report_evidence_shown(const Finding *f, const size_t *more) {
    size_t c = 0;
    for (size_t k = 0; k < f->nevidence; k++) c += more[k] != REPORT_OMITTED;
    return c;
}

void report_view(ReportView *v, const Finding *f, bool all) {
    size_t n = f->nevidence;
    size_t *more = xmalloc((n ? n : 1) * sizeof *more);
    report_evidence_select(f, all, more);
    v->f = *f;
    v->f.evidence = xmalloc((n ? n : 1) * sizeof(Evidence));
    v->more = xmalloc((n ? n : 1) * sizeof *v->more);
    v->f.nevidence = 0;
    v->total = n;
    for (size_t k = 0; k < n; k++) {
        if (more[k] == REPORT_OMITTED) continue;
        v->more[v->f.nevidence] = more[k];
        v->f.evidence[v->f.nevidence++] = f->evidence[k];
    }
    free(more);
}

void report_view_free(ReportView *v) {
    free(v->f.evidence);
    free(v->more);
    v->f.evidence = NULL;
    v->more = NULL;
}
