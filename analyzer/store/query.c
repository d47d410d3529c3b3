/*
 * query.c - reading the findings database: runs, the findings of a run,
 * triage decisions; see store.h.
 */
#include "store_int.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const triage_statuses[] = {"open", "confirmed", "false-positive", "intentional", "wont-fix"};

bool store_triage_status_valid(const char *status) {
    for (size_t i = 0; i < sizeof triage_statuses / sizeof *triage_statuses; i++)
        if (!strcmp(status, triage_statuses[i])) return true;
    return false;
}

bool store_triage_suppresses(const char *status) {
    return status && (!strcmp(status, "false-positive") || !strcmp(status, "intentional"));
}

bool store_load_triage(Store *s, FindingList *fl, char **err) {
    sqlite3_stmt *st = store_prepare(s, "SELECT status FROM triage_current WHERE fingerprint = ?1", err);
    if (!st) return false;
    bool ok = true;
    for (size_t i = 0; ok && i < fl->items.len; i++) {
        Finding *f = &fl->items.data[i];
        store_bind_text(st, 1, f->fingerprint);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(st, 0);
            f->triage = v && strcmp(v, "open") ? arena_strdup(fl->arena, v) : NULL;
        } else if (rc != SQLITE_DONE) {
            ok = store_fail(s, err, "reading triage decisions");
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return ok;
}

bool store_triage(Store *s, const char *fp, const char *status, const char *reason, const char *author,
                  const char *at, char **full, char **err) {
    *full = NULL;
    size_t n = strlen(fp);
    bool hex = n >= 4 && n <= 64;
    for (size_t i = 0; hex && i < n; i++) hex = isxdigit((unsigned char)fp[i]) != 0;
    if (!hex) {
        *err = xasprintf("'%s' is not a fingerprint (4 to 16 hexadecimal digits; see 'racecheck report list')", fp);
        return false;
    }
    if (!store_triage_status_valid(status)) {
        *err = xasprintf("unknown triage status '%s' (expected confirmed, false-positive, intentional, wont-fix "
                         "or open)", status);
        return false;
    }
    sqlite3_stmt *st = store_prepare(s, "SELECT fingerprint FROM findings WHERE substr(fingerprint, 1, ?2) = ?1 "
                                        "ORDER BY fingerprint LIMIT 2", err);
    if (!st) return false;
    char *lower = xstrdup(fp);
    for (char *p = lower; *p; p++) *p = (char)tolower((unsigned char)*p);
    store_bind_text(st, 1, lower);
    sqlite3_bind_int(st, 2, (int)n);
    free(lower);
    int matches = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!matches) *full = store_column_dup(st, 0);
        matches++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*full);
        *full = NULL;
        return store_fail(s, err, "looking up the fingerprint");
    }
    if (matches != 1) {
        *err = matches ? xasprintf("fingerprint prefix '%s' is ambiguous; give more digits", fp)
                       : xasprintf("no finding with fingerprint '%s' in %s", fp, s->path);
        free(*full);
        *full = NULL;
        return false;
    }
    st = store_prepare(s, "INSERT INTO triage(fingerprint, status, reason, author, at) VALUES(?1, ?2, ?3, ?4, ?5)", err);
    if (!st) return false;
    store_bind_text(st, 1, *full);
    store_bind_text(st, 2, status);
    store_bind_text(st, 3, reason ? reason : "");
    store_bind_text(st, 4, author ? author : "");
    store_bind_text(st, 5, at ? at : "");
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? true : store_fail(s, err, "recording the triage decision");
}

/* ---- runs ---------------------------------------------------------------- */

#define RUN_COLUMNS                                                                                              \
    "r.id, r.started_at, r.finished_at, r.version, r.command_line, r.config_hash, r.git_commit, r.root, r.units, " \
    "r.units_failed, r.exit_code, (SELECT count(*) FROM run_findings rf WHERE rf.run_id = r.id)"

static void read_run(sqlite3_stmt *st, StoreRun *r) {
    r->id = sqlite3_column_int64(st, 0);
    r->started_at = store_column_dup(st, 1);
    r->finished_at = store_column_dup(st, 2);
    r->version = store_column_dup(st, 3);
    r->command_line = store_column_dup(st, 4);
    r->config_hash = store_column_dup(st, 5);
    r->git_commit = store_column_dup(st, 6);
    r->root = store_column_dup(st, 7);
    r->units = (long)sqlite3_column_int64(st, 8);
    r->units_failed = (long)sqlite3_column_int64(st, 9);
    r->exit_code = sqlite3_column_int(st, 10);
    r->findings = (long)sqlite3_column_int64(st, 11);
}

void store_run_free(StoreRun *r) {
    free(r->started_at);
    free(r->finished_at);
    free(r->version);
    free(r->command_line);
    free(r->config_hash);
    free(r->git_commit);
    free(r->root);
    memset(r, 0, sizeof *r);
}

bool store_list_runs(Store *s, StoreRunList *out, char **err) {
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT " RUN_COLUMNS " FROM runs r ORDER BY r.id", err);
    if (!st) return false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->items = xrealloc(out->items, (out->len + 1) * sizeof *out->items);
        read_run(st, &out->items[out->len++]);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return true;
    store_runs_free(out); /* no partial list on error (a damaged database) */
    return store_fail(s, err, "listing runs");
}

void store_runs_free(StoreRunList *l) {
    for (size_t i = 0; i < l->len; i++) store_run_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

bool store_resolve_run(Store *s, const char *ref, int64_t *id, char **err) {
    char *end;
    long back = 0;
    sqlite3_stmt *st;
    if (!strncmp(ref, "latest", 6) && (!ref[6] || (ref[6] == '~' && isdigit((unsigned char)ref[7])))) {
        if (ref[6]) {
            back = strtol(ref + 7, &end, 10);
            if (*end) goto bad;
        }
        st = store_prepare(s, "SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?1", err);
        if (!st) return false;
        sqlite3_bind_int64(st, 1, back);
    } else {
        long long n = strtoll(ref, &end, 10);
        if (!ref[0] || *end || n < 1) goto bad;
        st = store_prepare(s, "SELECT id FROM runs WHERE id = ?1", err);
        if (!st) return false;
        sqlite3_bind_int64(st, 1, n);
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) return store_fail(s, err, "looking up the run");
    *err = xasprintf("no run '%s' in %s (see 'racecheck report runs')", ref, s->path);
    return false;
bad:
    *err = xasprintf("'%s' is not a run (a run number, 'latest' or 'latest~N')", ref);
    return false;
}

/* ---- the findings of one run ----------------------------------------- */

static const char *abs_path(Arena *a, const char *root, const char *rel) {
    if (!rel) return NULL;
    if (rel[0] == '/' || !root || !root[0]) return arena_strdup(a, rel);
    return arena_printf(a, "%s/%s", root, rel);
}

static const char *col_str(Arena *a, sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? arena_strdup(a, (const char *)t) : NULL;
}

static Severity severity_of(const char *s) {
    return !s || !strcmp(s, "error") ? SEV_ERROR : !strcmp(s, "warning") ? SEV_WARNING : SEV_NOTE;
}

static void read_locks(Arena *a, const char *json, Evidence *e) {
    cJSON *arr = json ? cJSON_Parse(json) : NULL;
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    e->locks = n ? ARENA_ARRAY(a, const char *, n) : NULL;
    e->nlocks = 0;
    for (cJSON *x = arr ? arr->child : NULL; x; x = x->next)
        if (cJSON_IsString(x)) e->locks[e->nlocks++] = arena_strdup(a, x->valuestring);
    cJSON_Delete(arr);
}

static bool load_evidence(Store *s, sqlite3_stmt *st, int64_t run, int64_t fid, Finding *f, Arena *a,
                          const char *root, char **err) {
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_int64(st, 2, fid);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (f->nevidence == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            f->evidence = arena_grow(a, f->evidence, cap * sizeof(Evidence), ncap * sizeof(Evidence));
            cap = ncap;
        }
        Evidence *e = &f->evidence[f->nevidence++];
        memset(e, 0, sizeof *e);
        e->kind = col_str(a, st, 0);
        e->loc.file = abs_path(a, root, (const char *)sqlite3_column_text(st, 1));
        e->loc.line = (unsigned)sqlite3_column_int(st, 2);
        e->loc.col = (unsigned)sqlite3_column_int(st, 3);
        e->function = col_str(a, st, 4);
        e->thread_routine = col_str(a, st, 5);
        e->many = sqlite3_column_int(st, 6) != 0;
        e->spawn.file = abs_path(a, root, (const char *)sqlite3_column_text(st, 7));
        e->spawn.line = (unsigned)sqlite3_column_int(st, 8);
        e->spawn.col = (unsigned)sqlite3_column_int(st, 9);
        read_locks(a, (const char *)sqlite3_column_text(st, 10), e);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? true : store_fail(s, err, "reading evidence");
}

static bool load_diags(Store *s, int64_t run, const char *root, DiagSink *diags, char **err) {
    sqlite3_stmt *st = store_prepare(s, "SELECT level, file, line, col, message FROM diagnostics WHERE run_id = ?1 "
                                        "ORDER BY seq", err);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, run);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *lv = (const char *)sqlite3_column_text(st, 0);
        DiagLevel level = lv && !strcmp(lv, "error") ? DIAG_ERROR : lv && !strcmp(lv, "warning") ? DIAG_WARNING : DIAG_NOTE;
        const char *file = (const char *)sqlite3_column_text(st, 1);
        char *path = file && file[0] != '/' && root && root[0] ? xasprintf("%s/%s", root, file) : file ? xstrdup(file) : NULL;
        diag_report(diags, level, path, (unsigned)sqlite3_column_int(st, 2), (unsigned)sqlite3_column_int(st, 3), "%s",
                    (const char *)sqlite3_column_text(st, 4));
        free(path);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? true : store_fail(s, err, "reading diagnostics");
}

bool store_load_run(Store *s, int64_t id, FindingList *fl, DiagSink *diags, StoreRun *run, char **err) {
    memset(run, 0, sizeof *run);
    sqlite3_stmt *st = store_prepare(s, "SELECT " RUN_COLUMNS " FROM runs r WHERE r.id = ?1", err);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) read_run(st, run);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE) *err = xasprintf("no run %lld in %s", (long long)id, s->path);
        else store_fail(s, err, "reading the run");
        return false;
    }
    st = store_prepare(s,
                       "SELECT f.id, f.fingerprint, f.rule, f.object, rf.severity, rf.message, rf.file, rf.line, rf.col, "
                       "rf.explanation, rf.help, t.status FROM run_findings rf JOIN findings f ON f.id = rf.finding_id "
                       "LEFT JOIN triage_current t ON t.fingerprint = f.fingerprint WHERE rf.run_id = ?1",
                       err);
    sqlite3_stmt *ev = st ? store_prepare(s,
                                          "SELECT kind, file, line, col, function, routine, many, spawn_file, spawn_line, "
                                          "spawn_col, locks FROM evidence WHERE run_id = ?1 AND finding_id = ?2 ORDER BY seq",
                                          err)
                          : NULL;
    bool ok = st && ev;
    if (ok) sqlite3_bind_int64(st, 1, id);
    Arena *a = fl->arena;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        Finding f;
        memset(&f, 0, sizeof f);
        f.fingerprint = col_str(a, st, 1);
        f.rule = col_str(a, st, 2);
        f.object = col_str(a, st, 3);
        f.severity = severity_of((const char *)sqlite3_column_text(st, 4));
        f.message = col_str(a, st, 5);
        f.loc.file = abs_path(a, run->root, (const char *)sqlite3_column_text(st, 6));
        f.loc.line = (unsigned)sqlite3_column_int(st, 7);
        f.loc.col = (unsigned)sqlite3_column_int(st, 8);
        f.explain = col_str(a, st, 9);
        f.help = col_str(a, st, 10);
        const char *t = (const char *)sqlite3_column_text(st, 11);
        f.triage = t && strcmp(t, "open") ? arena_strdup(a, t) : NULL;
        ok = load_evidence(s, ev, id, sqlite3_column_int64(st, 0), &f, a, run->root, err);
        vec_push(&fl->items, f);
    }
    if (ok && rc != SQLITE_DONE) ok = store_fail(s, err, "reading findings");
    sqlite3_finalize(st);
    sqlite3_finalize(ev);
    if (ok && diags) ok = load_diags(s, id, run->root, diags, err);
    if (!ok) store_run_free(run);
    findings_sort(fl);
    return ok;
}
