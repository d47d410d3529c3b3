/*
 * report.h - emitters: they read finished findings (base/finding.h) and
 * write them out. Text follows the compiler convention
 * (`file:line:col: error: message [rule]`, then notes), JSON follows the
 * schema in docs/json-format.md. Paths are made relative to the project root.
 */
#ifndef RACECHECK_REPORT_H
#define RACECHECK_REPORT_H

#include "../base/diag.h"
#include "../base/finding.h"

#include <stdio.h>

typedef struct ReportOptions {
    const char *root;   /* project root for relative paths (NULL: as given) */
    bool color;         /* ANSI colours in text output */
    bool show_source;   /* quote the source line with a caret */
    const char *version;
    size_t units;       /* translation units analysed */
    size_t units_failed;
    /* for SARIF and HTML (zero when unused) */
    const struct ReportRule *rules; /* rule metadata, registry order */
    size_t nrules;
    int exit_code;      /* the exit status racecheck reports (SARIF invocation) */
    size_t suppressed;  /* findings hidden by triage (false-positive, intentional) */
    size_t baselined;   /* findings hidden because the baseline has them */
    bool evidence_all;  /* --evidence=all: every access of a finding, not one per group */
    /* for HTML: the run's thread tree and locking discipline, from the
     * model (NULL: the page derives what it can from the findings) */
    const struct ReportOverview *overview;
} ReportOptions;

/* The run beyond its findings, for the HTML page's overview (docs/html.md):
 * the thread tree and, for each lock, the shared objects it guards. Plain
 * data built by the CLI from the model's facts; the strings live as long
 * as the model. */
typedef struct ReportThread {
    const char *routine; /* start routine, "main" for the main thread */
    SrcLoc spawn;        /* where it is created; line 0 for roots */
    int32_t parent;      /* index of the creating thread, -1 for roots */
    bool many;           /* several instances may run at once */
    bool joined;         /* some join of its creator waits for it */
    bool detached;       /* a detach call names its handle */
} ReportThread;

/* One lock and one shared object some of whose concurrent accesses hold it. */
typedef struct ReportGuard {
    const char *lock;    /* as the code spells it most often: "pool->lock" */
    uint32_t lock_id;    /* the lock object (two locks may share a spelling) */
    const char *object;  /* the object as most of its accesses spell it: "pool->hits" */
    const char *name;    /* the model's name of it ("compress_pool.head"), or NULL */
    SrcLoc decl;         /* the object's variable declaration; line 0 for heap objects */
    uint32_t held;       /* concurrent accesses holding the lock */
    uint32_t total;      /* concurrent accesses of the object (held == total: it guards it) */
} ReportGuard;

typedef struct ReportOverview {
    const ReportThread *threads; /* index order: parents before their children */
    size_t nthreads;
    const ReportGuard *guards;   /* by lock, then object */
    size_t nguards;
} ReportOverview;

/* A rule's metadata, for SARIF's tool.driver.rules and the HTML page. */
typedef struct ReportRule {
    const char *name;    /* kebab-case id */
    Severity severity;   /* default level */
    const char *summary; /* one line */
    const char *doc;     /* docs/rules/<name>.md (Markdown), or NULL */
} ReportRule;

/* The emitters' source files: one file cached at a time. Zero-initialise;
 * release with report_source_free. */
typedef struct SrcCache {
    char *path;
    char *text;
    size_t len;
    char (*hashes)[40]; /* GitHub line hashes, by line - 1 */
    size_t nhashes;
    bool hashes_done;
} SrcCache;

void report_source_free(SrcCache *c);
/* Line `line` (1-based) of file without its end of line (length in *len),
 * or NULL when the file or the line cannot be read. Valid until the next
 * call with another file. */
const char *report_source_line(SrcCache *c, const char *file, unsigned line, size_t *len);
/* GitHub code scanning's primaryLocationLineHash of that line ("hex:N"), or
 * NULL when the file cannot be read. Valid until the next call. */
const char *report_line_hash(SrcCache *c, const char *file, unsigned line);
/* Call cb(ctx, line, hash) for every line of text, in GitHub's way (source.c). */
void report_line_hashes(const char *text, size_t len, void (*cb)(void *ctx, long line, const char *hash),
                        void *ctx);
/* Metadata of a rule by name in opt->rules, or NULL. */
const ReportRule *report_find_rule(const ReportOptions *opt, const char *name);

/* path relative to root when it lies below it, else as given. */
const char *report_relpath(const char *path, const char *root, char *buf, size_t n);

/* "worker (spawned at pool.c:30:5, many instances)" or "main". */
const char *report_thread_label(const Evidence *e, const char *root, char *buf, size_t n);

/* Is evidence e the declaration of the finding's object (false-sharing's
 * `declaration` entry), not an access? Renderers say "'x' is declared
 * here" for it. */
bool report_evidence_is_declaration(const Evidence *e);

/* Which accesses of f an emitter shows (evidence.c, docs/json-format.md):
 * more[k] (f->nevidence entries, caller-owned) becomes REPORT_OMITTED for
 * an access left out, else the number of accesses like it (same kind,
 * thread and locks) left out in its favour. With all, every access is
 * shown with more 0. The primary access is always shown; linear time. */
#define REPORT_OMITTED ((size_t)-1)
void report_evidence_select(const Finding *f, bool all, size_t *more);
/* The number of accesses report_evidence_select shows. */
size_t report_evidence_shown(const Finding *f, const size_t *more);
/* A finding as an emitter shows it: a shallow copy whose evidence is the
 * shown accesses (in order) with more[k] beside each, and the number of
 * accesses of the whole finding. Release with report_view_free. */
typedef struct ReportView {
    Finding f;
    size_t *more;
    size_t total;
} ReportView;
void report_view(ReportView *v, const Finding *f, bool all);
void report_view_free(ReportView *v);

/* Fill every finding's fingerprint (see docs/json-format.md for the recipe). */
void report_fingerprints(FindingList *fl, const char *root);

void report_text(FILE *out, const FindingList *fl, const ReportOptions *opt);
/* Each returns 0, or -1 when writing failed. */
int report_json(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt);
/* JSON Lines (docs/json-format.md): one finding per line, flushed at once,
 * then one summary line. */
int report_jsonl(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt);
/* SARIF 2.1.0 (docs/sarif.md). */
int report_sarif(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt);
/* GitHub Actions workflow commands: ::error file=...,line=...,col=...::... */
int report_github(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt);
/* One self-contained HTML page with filters (docs/html.md). */
int report_html(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt);

/* Baselines (baseline.c): add the fingerprints of the findings in one of
 * racecheck's own outputs -- a findings document (--format=json), a SARIF
 * log or JSON Lines -- to set, as keys (arena strings of a). The text is
 * modified (JSON Lines are split in place). False when it is none of these
 * (a partial set may have been added). */
bool report_baseline_parse(char *text, StrMap *set, Arena *a);
/* The same for a file; false with *err (malloc'd) when it cannot be read
 * or is none of these. */
bool report_baseline_read(const char *path, StrMap *set, Arena *a, char **err);

/* The JSON object of one finding and of one diagnostic, as in the findings
 * document (json.c); the caller owns the result. The finding's accesses are
 * its representatives (report_view), or every access with all_evidence. */
struct cJSON;
struct cJSON *report_json_finding(const Finding *f, const char *root, bool all_evidence);
struct cJSON *report_json_diag(const Diag *d, const char *root);
/* The findings document's summary object (findings, errors, warnings,
 * notes, units, units_failed). */
struct cJSON *report_json_summary(const FindingList *fl, const ReportOptions *opt);
/* Write a cJSON document (pretty or on one line) and a newline. */
int report_json_write(FILE *out, struct cJSON *doc, bool pretty);

#endif
