/*
 * lsp.h - `racecheck lsp`: a Language Server Protocol server on a pair of
 * file descriptors (the editor's pipes), so every editor that speaks LSP
 * shows racecheck's findings as diagnostics (docs/editors.md).
 *
 * The server finds the project from the workspace root (a compile database
 * or a .racecheck.json in or above it), analyses it on a background thread
 * with the normal pipeline (front end through the IR cache, whole-program
 * model, checks, suppressions) and publishes one diagnostic per finding in
 * the file of its primary location, the other accesses, threads and spawn
 * sites as relatedInformation (less the findings triaged false-positive or
 * intentional in the findings database). A save re-analyses (only the units whose
 * files changed are parsed again) and supersedes a run still going. Hover
 * on a shared variable shows its ownership summary; a code action inserts
 * the suppression comment. Nothing but JSON-RPC is written to out_fd; the
 * log goes to LspOptions.log.
 *
 * The command line (options, finding the rules and docs) is the CLI's
 * (cli/lsp_cmd.c); this module never prints anything else.
 */
#ifndef RACECHECK_LSP_H
#define RACECHECK_LSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct LspOptions {
    const char *rules_dir;     /* the API models (the rules folder's JSON files) */
    const char *docs_dir;      /* the rule pages docs/rules/<RULE>.md on disk, or NULL: the
                                  pages built into racecheck are written below the workspace
                                  (.racecheck/docs/rules/) for codeDescription links */
    const char *build_dir;     /* -p: the compile database's folder (relative: to the workspace
                                  root), or NULL: looked for from the workspace root upward */
    const char *config;        /* --config FILE, or NULL: the nearest .racecheck.json */
    bool no_config;
    const char *cache;         /* --cache DIR|none, or NULL: $RACECHECK_CACHE, else
                                  ROOT/.racecheck/cache */
    bool no_cache;
    const char *db;            /* --db PATH|none: the findings database whose triage decisions
                                  apply, or NULL: $RACECHECK_DB, else ROOT/.racecheck/racecheck.db */
    const char *cache_version; /* racecheck's build, in the IR cache key (as the CLI's) */
    const char *const *entries; /* --entry */
    size_t nentries;
    bool library;              /* --library */
    const char *const *clang_flags; /* after -- */
    size_t nclang_flags;
    size_t jobs;               /* parse workers, 0 = cores */
    const char *version;       /* racecheck's version, in serverInfo */
    FILE *log;                 /* the log (stderr or --log FILE); never NULL */
} LspOptions;

/* Serve one client on in_fd/out_fd until it sends `exit` or goes away (end
 * of input, or its process named in initialize's processId ends). Returns
 * the process exit status: 0 after shutdown then exit, 1 otherwise. */
int lsp_serve(const LspOptions *o, int in_fd, int out_fd);

#endif
