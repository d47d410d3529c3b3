/*
 * store.h - the findings database (SQLite; docs/database.md).
 *
 * One file holds every run (time, racecheck version, command line,
 * configuration hash, git commit), the findings each run saw with their
 * evidence, and triage decisions. The schema is versioned with
 * PRAGMA user_version and upgraded by the migrations in schema.c when a
 * database is opened for writing. A run is stored in one BEGIN IMMEDIATE
 * transaction in WAL mode, so concurrent racecheck processes queue up
 * (busy timeout) instead of failing, and a process killed mid-write leaves
 * the previous state intact. This module is the only code that includes
 * sqlite3.h. Every function that can fail returns false and sets *err to a
 * malloc'd message for the user (the caller frees it).
 */
#ifndef RACECHECK_STORE_H
#define RACECHECK_STORE_H

#include "../base/diag.h"
#include "../base/finding.h"

#include <stdbool.h>
#include <stdint.h>

/* Current schema version (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 1

typedef struct Store Store;

/* Open the database at path for reading and writing, migrating an older
 * schema. create: make the file (and its folder) when missing; otherwise a
 * missing file is an error. Returns NULL and sets *err on failure (missing,
 * locked beyond the busy timeout, corrupt, not a racecheck database, made
 * by a newer racecheck). */
Store *store_open(const char *path, bool create, char **err);

/* Open an existing database for reading only: no schema upgrade, no change
 * of journal mode, nothing written (a file of mode 0444, a read-only
 * folder). Returns NULL and sets *err when it is missing, unreadable, not a
 * racecheck database or of another schema version. Writing through it
 * fails with SQLite's "readonly database" error. */
Store *store_open_readonly(const char *path, char **err);

/* Milliseconds a writer waits for another one before giving up
 * ($RACECHECK_BUSY_TIMEOUT_MS overrides it). */
#define STORE_BUSY_TIMEOUT_MS 60000
void store_close(Store *s);

/* What a run records besides its findings. Strings may be NULL. */
typedef struct StoreRunInfo {
    const char *started_at;   /* ISO 8601 UTC */
    const char *version;      /* racecheck version */
    const char *command_line;
    const char *config_hash;
    const char *git_commit;
    const char *root;         /* project root: paths are stored relative to it */
    long units, units_failed;
    int exit_code;
} StoreRunInfo;

/* Store one run and every finding (with evidence) and diagnostic in one
 * transaction; *run_id gets the new run's id. When the environment variable
 * RACECHECK_TEST_PAUSE_IN_TXN is a number of seconds, sleeps that long
 * inside the transaction after announcing it on standard error (tests only:
 * concurrency and kill -9). */
bool store_save_run(Store *s, const StoreRunInfo *info, const FindingList *fl, const DiagSink *diags,
                    int64_t *run_id, char **err);

/* Set f->triage (an arena string of fl) for every finding of fl that has a
 * triage decision. */
bool store_load_triage(Store *s, FindingList *fl, char **err);

/* The statuses a triage decision may have; "open" withdraws a decision. */
bool store_triage_status_valid(const char *status);
/* Whether findings with this status are hidden and never fail a run. */
bool store_triage_suppresses(const char *status);

/* Record a triage decision for the finding whose fingerprint is fp or
 * starts with fp (unique prefix of at least 4 characters). *full gets the
 * whole fingerprint (malloc'd). */
bool store_triage(Store *s, const char *fp, const char *status, const char *reason, const char *author,
                  const char *at, char **full, char **err);

typedef struct StoreRun {
    int64_t id;
    char *started_at, *finished_at, *version, *command_line, *config_hash, *git_commit, *root;
    long units, units_failed, findings;
    int exit_code;
} StoreRun;

typedef struct StoreRunList {
    StoreRun *items;
    size_t len;
} StoreRunList;

/* Every run, oldest first. */
bool store_list_runs(Store *s, StoreRunList *out, char **err);
void store_runs_free(StoreRunList *l);

/* Resolve a run reference: a number, "latest", or "latest~N" (N runs
 * before the latest). */
bool store_resolve_run(Store *s, const char *ref, int64_t *id, char **err);

/* The findings of run id as racecheck reported them (paths made absolute
 * against the run's root, sorted), with their current triage status, and
 * the run's diagnostics when diags is not NULL. */
bool store_load_run(Store *s, int64_t id, FindingList *fl, DiagSink *diags, StoreRun *run, char **err);
void store_run_free(StoreRun *r);

/* The fingerprints of the findings of run id, as keys of set (arena
 * strings of a): a baseline that is a run (docs/ci.md). */
bool store_run_fingerprints(Store *s, int64_t id, StrMap *set, Arena *a, char **err);

/* A diff (diff.c): the findings of the new side that the old side has not
 * (new) and has (unchanged), and the findings of the old side the new one
 * has not (fixed), matched by fingerprint. */
typedef enum { STORE_DIFF_NEW, STORE_DIFF_FIXED, STORE_DIFF_UNCHANGED } StoreDiffKind;

typedef struct StoreDiffEntry {
    const Finding *finding;  /* NULL when only the fingerprint is known
                                (a fixed finding of a baseline file) */
    const char *fingerprint;
    const char *root;        /* root of the run it comes from, or NULL */
} StoreDiffEntry;

typedef struct StoreDiff {
    StoreRun from;           /* the old run; id 0 when the old side is a baseline */
    StoreRun to;             /* the new run */
    FindingList oldf, newf;  /* what the entries point into */
    VEC(StoreDiffEntry) part[3]; /* by StoreDiffKind; in finding order, a
                                    baseline's fixed fingerprints sorted */
    size_t failing;          /* new findings that triage does not hide */
} StoreDiff;

/* Diff from the run old_ref -- or, when baseline is not NULL, from the
 * fingerprints that are its keys -- to the run new_ref (run references as
 * store_resolve_run takes them). The new run is loaded first. On failure
 * *d needs no freeing; on success release it with store_diff_free. */
bool store_diff(Store *s, const char *old_ref, const StrMap *baseline, const char *new_ref, StoreDiff *d,
                char **err);
void store_diff_free(StoreDiff *d);

#endif
