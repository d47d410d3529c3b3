/*
 * store.c - opening the findings database (WAL, busy timeout, migrations)
 * and writing one run in one transaction; see store.h and
 * docs/database.md. Queries (runs, findings of a run, triage) are in
 * query.c, the schema in schema.c.
 */
#include "store_int.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

bool store_fail(Store *s, char **err, const char *what) {
    int code = s && s->db ? sqlite3_errcode(s->db) : SQLITE_ERROR;
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : "out of memory";
    const char *hint = "";
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        hint = " (another process held it longer than the busy timeout)";
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        hint = " (the file is corrupt or not an SQLite database; move it away to start a new one)";
        break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        hint = " (check the path and its permissions, or use --db PATH or --db none)";
        break;
    default: break;
    }
    if (err) *err = xasprintf("findings database %s: %s: %s%s", s ? s->path : "?", what, msg, hint);
    return false;
}

sqlite3_stmt *store_prepare(Store *s, const char *sql, char **err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_fail(s, err, "preparing a query");
        return NULL;
    }
    return st;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

char *store_column_dup(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static bool exec(Store *s, const char *sql, char **err, const char *what) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        sqlite3_free(msg);
        return store_fail(s, err, what);
    }
    return true;
}

static bool user_version(Store *s, int *v, char **err) {
    sqlite3_stmt *st = store_prepare(s, "PRAGMA user_version", err);
    if (!st) return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? true : store_fail(s, err, "reading the schema version");
}

/* Create the folder holding path (one level, as .racecheck/). */
static bool make_parent(const char *path, char **err) {
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    bool ok = true;
    if (slash && slash != dir) {
        *slash = 0;
        struct stat st;
        if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0 && errno != EEXIST) {
            *err = xasprintf("findings database %s: cannot create the folder %s: %s (use --db PATH or --db none)",
                             path, dir, strerror(errno));
            ok = false;
        }
    }
    free(dir);
    return ok;
}

/* Bring the schema to STORE_SCHEMA_VERSION inside one write transaction
 * (a concurrent process that migrated first leaves nothing to do). */
static bool migrate(Store *s, char **err) {
    int v;
    if (!user_version(s, &v, err)) return false;
    if (v == STORE_SCHEMA_VERSION) return true;
    if (v > STORE_SCHEMA_VERSION) {
        *err = xasprintf("findings database %s: schema version %d is newer than this racecheck knows (%d); "
                         "use a newer racecheck or another --db", s->path, v, STORE_SCHEMA_VERSION);
        return false;
    }
    if (!exec(s, "BEGIN IMMEDIATE", err, "starting the schema upgrade")) return false;
    bool ok = user_version(s, &v, err);
    if (ok && v == 0) { /* a new file, or somebody else's database? */
        sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM sqlite_master", err);
        ok = st && sqlite3_step(st) == SQLITE_ROW;
        if (ok && sqlite3_column_int(st, 0) > 0) {
            *err = xasprintf("findings database %s: the file is an SQLite database but not racecheck's "
                             "(it has tables and no racecheck schema version)", s->path);
            ok = false;
        } else if (!ok && st) {
            store_fail(s, err, "reading the schema");
        }
        sqlite3_finalize(st);
    }
    for (; ok && v < STORE_SCHEMA_VERSION; v++) {
        ok = exec(s, store_migrations[v], err, "upgrading the schema");
        if (ok) {
            char *sql = xasprintf("PRAGMA user_version = %d", v + 1);
            ok = exec(s, sql, err, "upgrading the schema");
            free(sql);
        }
    }
    if (ok) return exec(s, "COMMIT", err, "committing the schema upgrade");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

/* PRAGMA quick_check before anything is written (issue 14.7: a damaged
 * database accepted new runs silently, growing the damage). It reads every
 * page once (O(file size), no index cross-checks): a few milliseconds for
 * a database of hundreds of runs. */
static bool quick_check(Store *s, char **err) {
    sqlite3_stmt *st = store_prepare(s, "PRAGMA quick_check(1)", err);
    if (!st) return false;
    int rc = sqlite3_step(st);
    const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    bool ok = r && !strcmp(r, "ok");
    if (!ok && (r || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)) {
        char *what = xstrdup(r ? r : sqlite3_errmsg(s->db));
        /* one line: "*** in database main ***\nPage 81: ..." -> "Page 81: ..." */
        const char *banner = "*** in database main ***";
        if (!strncmp(what, banner, strlen(banner))) memmove(what, what + strlen(banner), strlen(what + strlen(banner)) + 1);
        for (char *c = what; *c; c++)
            if (*c == '\n' || *c == '\r') *c = ' ';
        char *t = what;
        while (*t == ' ') t++;
        if (t != what) memmove(what, t, strlen(t) + 1);
        *err = xasprintf("findings database %s is damaged (%s); nothing was written to it. Recover what it "
                         "holds with `sqlite3 %s .recover | sqlite3 NEW.db` and use NEW.db, or move it away to "
                         "start a new one", s->path, what, s->path);
        free(what);
    } else if (!ok) {
        store_fail(s, err, "checking the database (quick_check)");
    }
    sqlite3_finalize(st);
    return ok;
}

Store *store_open(const char *path, bool create, char **err) {
    *err = NULL;
    if (!create && access(path, F_OK) != 0) {
        *err = xasprintf("no findings database at %s (racecheck creates it on its first run; or use --db PATH)",
                         path);
        return NULL;
    }
    if (create && !make_parent(path, err)) return NULL;
    Store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        store_fail(s, err, "cannot open");
        store_close(s);
        return NULL;
    }
    const char *bt = getenv("RACECHECK_BUSY_TIMEOUT_MS");
    sqlite3_busy_timeout(s->db, bt && bt[0] ? atoi(bt) : STORE_BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(s->db, 1);
    int v;
    bool ok = user_version(s, &v, err) && exec(s, "PRAGMA foreign_keys = ON", err, "configuring") &&
              quick_check(s, err);
    /* WAL: readers never block the writer, and a killed writer leaves the
     * last committed state. The change itself needs a moment alone. */
    for (int tries = 0; ok; tries++) {
        sqlite3_stmt *st = store_prepare(s, "PRAGMA journal_mode = WAL", err);
        if (!st) { ok = false; break; }
        int rc = sqlite3_step(st);
        bool wal = rc == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "wal");
        sqlite3_finalize(st);
        if (wal) break;
        if ((rc & 0xff) != SQLITE_BUSY || tries >= 600) {
            ok = store_fail(s, err, "switching to WAL mode");
            break;
        }
        usleep(100 * 1000);
    }
    if (ok) ok = migrate(s, err);
    if (!ok) {
        store_close(s);
        return NULL;
    }
    return s;
}

Store *store_open_readonly(const char *path, char **err) {
    *err = NULL;
    if (access(path, F_OK) != 0) {
        *err = xasprintf("no findings database at %s (racecheck creates it on its first run; or use --db PATH)",
                         path);
        return NULL;
    }
    Store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    int v = -1;
    /* A WAL database needs its -shm file: when it is missing and cannot be
     * made (a read-only folder), open it as immutable: nobody can write
     * where we cannot create a file either. */
    for (int attempt = 0; attempt < 2 && v < 0; attempt++) {
        if (s->db) sqlite3_close(s->db);
        s->db = NULL;
        char *uri = NULL;
        if (attempt) {
            /* file: URI with the path percent-encoded where needed */
            size_t n = strlen(path);
            char *enc = xmalloc(3 * n + 1), *o = enc;
            for (const char *p = path; *p; p++) {
                unsigned char c = (unsigned char)*p;
                if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7f) o += sprintf(o, "%%%02X", c);
                else *o++ = (char)c;
            }
            *o = 0;
            uri = xasprintf("file:%s?immutable=1", enc);
            free(enc);
        }
        int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | (attempt ? SQLITE_OPEN_URI : 0);
        if (sqlite3_open_v2(attempt ? uri : path, &s->db, flags, NULL) == SQLITE_OK) {
            sqlite3_extended_result_codes(s->db, 1);
            const char *bt = getenv("RACECHECK_BUSY_TIMEOUT_MS");
            sqlite3_busy_timeout(s->db, bt && bt[0] ? atoi(bt) : STORE_BUSY_TIMEOUT_MS);
            char *e = NULL;
            if (user_version(s, &v, &e)) {
                free(*err);
                *err = NULL;
            } else {
                v = -1;
                free(*err);
                *err = e;
            }
        } else {
            free(*err);
            store_fail(s, err, "cannot open");
        }
        free(uri);
    }
    if (v >= 0 && v != STORE_SCHEMA_VERSION) {
        *err = v > STORE_SCHEMA_VERSION
                   ? xasprintf("findings database %s: schema version %d is newer than this racecheck knows (%d); "
                               "use a newer racecheck", path, v, STORE_SCHEMA_VERSION)
               : v == 0 ? xasprintf("findings database %s: not a racecheck database (no schema version)", path)
                        : xasprintf("findings database %s: schema version %d is older than this racecheck's (%d); "
                                    "a run of racecheck with write access upgrades it", path, v,
                                    STORE_SCHEMA_VERSION);
        v = -1;
    }
    if (v < 0) {
        store_close(s);
        return NULL;
    }
    return s;
}

void store_close(Store *s) {
    if (!s) return;
    if (s->db) sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* ---- one run, one transaction ------------------------------------------ */

/* path relative to root when it lies below it. */
static const char *below_root(const char *path, const char *root) {
    if (!path) return "";
    size_t rl = root ? strlen(root) : 0;
    while (rl > 1 && root[rl - 1] == '/') rl--;
    if (rl && !strncmp(path, root, rl) && path[rl] == '/') return path + rl + 1;
    if (!strncmp(path, "./", 2)) return path + 2;
    return path;
}

static char *locks_json(const Evidence *e) {
    cJSON *arr = cJSON_CreateArray();
    for (size_t l = 0; l < e->nlocks; l++) cJSON_AddItemToArray(arr, cJSON_CreateString(e->locks[l]));
    char *s = cJSON_PrintUnformatted(arr);
    cJSON_Delete(arr);
    if (!s) base_oom(0);
    return s;
}

static void now_iso(char *buf, size_t n) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void test_pause(void) {
    const char *p = getenv("RACECHECK_TEST_PAUSE_IN_TXN");
    if (!p || !p[0]) return;
    int secs = atoi(p);
    fprintf(stderr, "racecheck: test pause: %d s inside the run transaction\n", secs);
    fflush(stderr);
    if (secs > 0) sleep((unsigned)secs);
}

enum { Q_RUN, Q_FINDING, Q_FINDING_ID, Q_RUN_FINDING, Q_EVIDENCE, Q_DIAG, Q_COUNT };

static const char *const save_sql[Q_COUNT] = {
    "INSERT INTO runs(started_at, finished_at, version, command_line, config_hash, git_commit, root, units, "
    "units_failed, exit_code) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    "INSERT INTO findings(fingerprint, rule, object, first_run, last_run) VALUES(?1, ?2, ?3, ?4, ?4) "
    "ON CONFLICT(fingerprint) DO UPDATE SET last_run = excluded.last_run",
    "SELECT id FROM findings WHERE fingerprint = ?1",
    "INSERT INTO run_findings(run_id, finding_id, severity, message, file, line, col, explanation, help) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "INSERT INTO evidence(run_id, finding_id, seq, kind, file, line, col, function, routine, many, spawn_file, "
    "spawn_line, spawn_col, locks) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    "INSERT INTO diagnostics(run_id, seq, level, file, line, col, message) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

/* Step a bound insert and reset it. */
static bool step_done(Store *s, sqlite3_stmt *st, char **err) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? true : store_fail(s, err, "writing the run");
}

static bool save_finding(Store *s, sqlite3_stmt **q, int64_t run, const Finding *f, const char *root, char **err) {
    store_bind_text(q[Q_FINDING], 1, f->fingerprint);
    store_bind_text(q[Q_FINDING], 2, f->rule);
    store_bind_text(q[Q_FINDING], 3, f->object);
    sqlite3_bind_int64(q[Q_FINDING], 4, run);
    if (!step_done(s, q[Q_FINDING], err)) return false;
    store_bind_text(q[Q_FINDING_ID], 1, f->fingerprint);
    if (sqlite3_step(q[Q_FINDING_ID]) != SQLITE_ROW) {
        sqlite3_reset(q[Q_FINDING_ID]);
        return store_fail(s, err, "writing the run");
    }
    int64_t fid = sqlite3_column_int64(q[Q_FINDING_ID], 0);
    sqlite3_reset(q[Q_FINDING_ID]);
    sqlite3_stmt *r = q[Q_RUN_FINDING];
    sqlite3_bind_int64(r, 1, run);
    sqlite3_bind_int64(r, 2, fid);
    store_bind_text(r, 3, severity_name(f->severity));
    store_bind_text(r, 4, f->message);
    store_bind_text(r, 5, below_root(f->loc.file, root));
    sqlite3_bind_int(r, 6, (int)f->loc.line);
    sqlite3_bind_int(r, 7, (int)f->loc.col);
    store_bind_text(r, 8, f->explain);
    store_bind_text(r, 9, f->help);
    if (!step_done(s, r, err)) return false;
    for (size_t k = 0; k < f->nevidence; k++) {
        const Evidence *e = &f->evidence[k];
        sqlite3_stmt *x = q[Q_EVIDENCE];
        sqlite3_bind_int64(x, 1, run);
        sqlite3_bind_int64(x, 2, fid);
        sqlite3_bind_int(x, 3, (int)k);
        store_bind_text(x, 4, e->kind);
        store_bind_text(x, 5, below_root(e->loc.file, root));
        sqlite3_bind_int(x, 6, (int)e->loc.line);
        sqlite3_bind_int(x, 7, (int)e->loc.col);
        store_bind_text(x, 8, e->function);
        store_bind_text(x, 9, e->thread_routine);
        sqlite3_bind_int(x, 10, e->many);
        store_bind_text(x, 11, e->spawn.line ? below_root(e->spawn.file, root) : NULL);
        sqlite3_bind_int(x, 12, (int)e->spawn.line);
        sqlite3_bind_int(x, 13, (int)e->spawn.col);
        char *lj = locks_json(e);
        store_bind_text(x, 14, lj);
        free(lj);
        if (!step_done(s, x, err)) return false;
    }
    return true;
}

bool store_save_run(Store *s, const StoreRunInfo *info, const FindingList *fl, const DiagSink *diags,
                    int64_t *run_id, char **err) {
    sqlite3_stmt *q[Q_COUNT] = {0};
    if (!exec(s, "BEGIN IMMEDIATE", err, "starting the run transaction")) return false;
    bool ok = true;
    for (int i = 0; ok && i < Q_COUNT; i++) ok = (q[i] = store_prepare(s, save_sql[i], err)) != NULL;
    if (ok) {
        char fin[32];
        now_iso(fin, sizeof fin);
        sqlite3_stmt *r = q[Q_RUN];
        store_bind_text(r, 1, info->started_at ? info->started_at : fin);
        store_bind_text(r, 2, fin);
        store_bind_text(r, 3, info->version ? info->version : "");
        store_bind_text(r, 4, info->command_line);
        store_bind_text(r, 5, info->config_hash);
        store_bind_text(r, 6, info->git_commit);
        store_bind_text(r, 7, info->root ? info->root : "");
        sqlite3_bind_int64(r, 8, info->units);
        sqlite3_bind_int64(r, 9, info->units_failed);
        sqlite3_bind_int(r, 10, info->exit_code);
        ok = step_done(s, r, err);
    }
    int64_t run = ok ? sqlite3_last_insert_rowid(s->db) : 0;
    for (size_t i = 0; ok && i < fl->items.len; i++) ok = save_finding(s, q, run, &fl->items.data[i], info->root, err);
    for (size_t i = 0; ok && diags && i < diags->len; i++) {
        const Diag *d = &diags->items[i];
        sqlite3_stmt *x = q[Q_DIAG];
        sqlite3_bind_int64(x, 1, run);
        sqlite3_bind_int(x, 2, (int)i);
        store_bind_text(x, 3, diag_level_name(d->level));
        store_bind_text(x, 4, d->file ? below_root(d->file, info->root) : NULL);
        sqlite3_bind_int(x, 5, (int)d->line);
        sqlite3_bind_int(x, 6, (int)d->col);
        store_bind_text(x, 7, d->message);
        ok = step_done(s, x, err);
    }
    for (int i = 0; i < Q_COUNT; i++) sqlite3_finalize(q[i]);
    if (ok) test_pause();
    if (ok && exec(s, "COMMIT", err, "committing the run")) {
        if (run_id) *run_id = run;
        return true;
    }
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}
