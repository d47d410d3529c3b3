/*
 * diff.c - what changed between two runs of the findings database, or
 * between a baseline and a run: the findings that are new, fixed and
 * unchanged, matched by fingerprint (docs/database.md, `racecheck report
 * diff`); and the fingerprints of a run, the baseline that is a run
 * (docs/ci.md). Plain results: the CLI prints them.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

bool store_run_fingerprints(Store *s, int64_t id, StrMap *set, Arena *a, char **err) {
    sqlite3_stmt *st = store_prepare(s, "SELECT 1 FROM runs WHERE id = ?1", err);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE) *err = xasprintf("no run %lld in %s", (long long)id, s->path);
        else store_fail(s, err, "reading the run");
        return false;
    }
    st = store_prepare(s,
                       "SELECT f.fingerprint FROM run_findings rf JOIN findings f ON f.id = rf.finding_id "
                       "WHERE rf.run_id = ?1",
                       err);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *fp = (const char *)sqlite3_column_text(st, 0);
        if (fp && fp[0]) strmap_put(set, arena_strdup(a, fp), (void *)1);
    }
    bool ok = rc == SQLITE_DONE || store_fail(s, err, "reading findings");
    sqlite3_finalize(st);
    return ok;
}

/* Run ref of s into fl and run. */
static bool load(Store *s, const char *ref, FindingList *fl, StoreRun *run, char **err) {
    int64_t id;
    return store_resolve_run(s, ref, &id, err) && store_load_run(s, id, fl, NULL, run, err);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add(StoreDiff *d, StoreDiffKind k, const Finding *f, const char *fp, const char *root) {
    StoreDiffEntry e = {f, fp, root};
    vec_push(&d->part[k], e);
}

bool store_diff(Store *s, const char *old_ref, const StrMap *baseline, const char *new_ref, StoreDiff *d,
                char **err) {
    memset(d, 0, sizeof *d);
    findings_init(&d->oldf);
    findings_init(&d->newf);
    bool have_new = load(s, new_ref, &d->newf, &d->to, err);
    if (!have_new || (!baseline && !load(s, old_ref, &d->oldf, &d->from, err))) {
        if (have_new) store_run_free(&d->to);
        findings_free(&d->oldf);
        findings_free(&d->newf);
        memset(d, 0, sizeof *d);
        return false;
    }
    /* fingerprints of each side */
    StrMap old, now;
    strmap_init(&old);
    strmap_init(&now);
    for (size_t i = 0; i < d->oldf.items.len; i++) strmap_put(&old, d->oldf.items.data[i].fingerprint, (void *)1);
    const StrMap *was = baseline ? baseline : &old;
    for (size_t i = 0; i < d->newf.items.len; i++) {
        const Finding *f = &d->newf.items.data[i];
        strmap_put(&now, f->fingerprint, (void *)1);
        bool seen = strmap_get(was, f->fingerprint) != NULL;
        add(d, seen ? STORE_DIFF_UNCHANGED : STORE_DIFF_NEW, f, f->fingerprint, d->to.root);
        if (!seen && !store_triage_suppresses(f->triage)) d->failing++;
    }
    if (baseline) { /* only fingerprints are known: sorted, for a stable order */
        VEC(const char *) gone = {0};
        for (size_t i = 0; i < baseline->cap; i++)
            if (baseline->keys[i] && !strmap_get(&now, baseline->keys[i])) vec_push(&gone, baseline->keys[i]);
        if (gone.len) qsort(gone.data, gone.len, sizeof *gone.data, cmp_str);
        for (size_t i = 0; i < gone.len; i++)
            add(d, STORE_DIFF_FIXED, NULL, arena_strdup(d->oldf.arena, gone.data[i]), NULL);
        vec_free(&gone);
    } else {
        for (size_t i = 0; i < d->oldf.items.len; i++) {
            const Finding *f = &d->oldf.items.data[i];
            if (!strmap_get(&now, f->fingerprint)) add(d, STORE_DIFF_FIXED, f, f->fingerprint, d->from.root);
        }
    }
    strmap_free(&old);
    strmap_free(&now);
    return true;
}

void store_diff_free(StoreDiff *d) {
    for (int k = 0; k < 3; k++) vec_free(&d->part[k]);
    if (d->from.id) store_run_free(&d->from);
    store_run_free(&d->to);
    findings_free(&d->oldf);
    findings_free(&d->newf);
}
