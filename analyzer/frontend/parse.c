/*
 * parse.c - parsing the translation units with libclang, in parallel, and
 * handing each parsed unit to the lowering (lower.c).
 *
 * Threading model: pool_run gives every worker an index; each worker creates
 * its own CXIndex in the start hook and disposes it in the finish hook, and
 * a translation unit never leaves the worker that parsed it (libclang is
 * thread-safe under that discipline). Results land in a slot per unit, so
 * the output does not depend on scheduling. The only shared mutable state
 * is the DiagSink (internally locked) and the progress counter (under a
 * mutex, which also serialises the progress callback). Index creation and
 * disposal are serialised too: they touch libclang's process-wide setup.
 *
 * Parse options: the unit's arguments plus -w (warnings are not racecheck's
 * business), CXTranslationUnit_KeepGoing (a failed #include does not stop
 * the parse) and CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles. Clang
 * errors become at most FE_MAX_ERRORS diagnostics per unit plus a count; a
 * unit with errors is still lowered and marked parse_failed. The compile
 * command's directory is passed as -working-directory, and arguments clang's
 * driver rejects as unknown (GCC-only flags) are dropped with a warning and
 * the unit parsed again, since the driver otherwise refuses the whole unit.
 *
 * With an IR cache (cache.h) a worker first looks the unit up and parses
 * only on a miss, storing what it parsed. A unit's diagnostics are gathered
 * in a sink of its own (kept with its cache entry), then copied to the
 * run's. The cache turns header sharing off: an entry must not depend on
 * which other units lowered a header function first.
 */
#include "frontend.h"

#include "../base/pool.h"
#include "../ir/serialize.h"
#include "cache.h"
#include "lower.h"

#include <clang-c/Index.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { FE_MAX_ERRORS = 5 };

/* Serialises clang_createIndex / clang_disposeIndex across workers. */
static pthread_mutex_t index_mu = PTHREAD_MUTEX_INITIALIZER;

/* Copies and disposes a CXString (NULL spelling becomes ""). */
static char *cx_take(CXString s) {
    const char *c = clang_getCString(s);
    char *r = xstrdup(c ? c : "");
    clang_disposeString(s);
    return r;
}

/* Reports one clang error diagnostic at its expansion location. */
static void report_clang_diag(CXDiagnostic dg, const FeUnit *unit, DiagSink *diags) {
    CXSourceLocation loc = clang_getDiagnosticLocation(dg);
    CXFile file = NULL;
    unsigned line = 0, col = 0;
    clang_getExpansionLocation(loc, &file, &line, &col, NULL);
    char *fname = file ? cx_take(clang_getFileName(file)) : NULL;
    char *msg = cx_take(clang_getDiagnosticSpelling(dg));
    if (fname && fname[0])
        diag_report(diags, DIAG_ERROR, fname, line, col, "%s", msg);
    else
        diag_report(diags, DIAG_ERROR, unit->file, 0, 0, "%s", msg);
    free(fname);
    free(msg);
}

/* The argument of a driver error "unknown argument: '-x'" or "unknown
 * argument '-x'; did you mean '-y'?" (malloc'd), or NULL. */
static char *unknown_argument(CXDiagnostic dg) {
    static const char prefix[] = "unknown argument";
    char *msg = cx_take(clang_getDiagnosticSpelling(dg));
    char *r = NULL;
    if (strncmp(msg, prefix, sizeof prefix - 1) == 0) {
        char *q = strchr(msg, '\'');
        char *e = q ? strchr(q + 1, '\'') : NULL;
        if (e) {
            *e = 0;
            r = xstrdup(q + 1);
        }
    }
    free(msg);
    return r;
}

static CXTranslationUnit parse_args(CXIndex index, const FeUnit *unit, const char **argv, size_t argc,
                                    enum CXErrorCode *ec) {
    unsigned opts = CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    CXTranslationUnit tu = NULL;
    *ec = clang_parseTranslationUnit2(index, unit->file, argv, (int)argc, NULL, 0, opts, &tu);
    if (*ec != CXError_Success && tu) {
        clang_disposeTranslationUnit(tu);
        tu = NULL;
    }
    return tu;
}

/* Parses with the unit's arguments. Clang's driver refuses a unit outright
 * over a flag it does not know (GCC-only options in a GCC build's database),
 * so such flags are dropped, with a warning, and the unit parsed again. */
static CXTranslationUnit parse_unit(CXIndex index, const FeUnit *unit, DiagSink *diags, enum CXErrorCode *ec) {
    /* -working-directory: relative paths left in the arguments (say
     * `-include config.h`) resolve as they did for the compile command. */
    size_t argc = 0;
    const char **argv = xmalloc((unit->nargs + 3) * sizeof(char *));
    if (unit->directory && unit->directory[0]) {
        argv[argc++] = "-working-directory";
        argv[argc++] = unit->directory;
    }
    for (size_t i = 0; i < unit->nargs; i++) argv[argc++] = unit->args[i];
    argv[argc++] = "-w";
    CXTranslationUnit tu = parse_args(index, unit, argv, argc, ec);
    VEC(char *) bad = {0};
    unsigned ndiags = tu ? clang_getNumDiagnostics(tu) : 0;
    for (unsigned i = 0; i < ndiags; i++) {
        CXDiagnostic dg = clang_getDiagnostic(tu, i);
        char *arg = unknown_argument(dg);
        if (arg) vec_push(&bad, arg);
        clang_disposeDiagnostic(dg);
    }
    if (bad.len) {
        size_t kept = 0;
        char dropped[512] = "";
        for (size_t i = 0; i < argc; i++) {
            bool drop = false;
            for (size_t k = 0; k < bad.len && !drop; k++) drop = strcmp(argv[i], bad.data[k]) == 0;
            if (!drop) argv[kept++] = argv[i];
            else if (strlen(dropped) + strlen(argv[i]) + 2 < sizeof dropped) {
                strcat(dropped, " ");
                strcat(dropped, argv[i]);
            }
        }
        if (kept < argc) {
            diag_report(diags, DIAG_WARNING, unit->file, 0, 0, "ignored compiler arguments clang does not know:%s",
                        dropped);
            clang_disposeTranslationUnit(tu);
            tu = parse_args(index, unit, argv, kept, ec);
        }
        for (size_t k = 0; k < bad.len; k++) free(bad.data[k]);
        vec_free(&bad);
    }
    free(argv);
    return tu;
}

static IrUnit *parse_and_lower(void *cxindex, const FeUnit *unit, DiagSink *diags, FeClaims *claims);

IrUnit *fe_parse_one(void *cxindex, const FeUnit *unit, DiagSink *diags) {
    return parse_and_lower(cxindex, unit, diags, NULL);
}

static IrUnit *parse_and_lower(void *cxindex, const FeUnit *unit, DiagSink *diags, FeClaims *claims) {
    enum CXErrorCode ec = CXError_Success;
    CXTranslationUnit tu = parse_unit(cxindex, unit, diags, &ec);
    if (!tu) {
        diag_report(diags, DIAG_ERROR, unit->file, 0, 0, "clang could not parse this unit (error code %d)",
                    (int)ec);
        return NULL;
    }

    unsigned nerrors = 0;
    unsigned ndiags = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < ndiags; i++) {
        CXDiagnostic dg = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(dg) >= CXDiagnostic_Error) {
            if (nerrors < FE_MAX_ERRORS) report_clang_diag(dg, unit, diags);
            nerrors++;
        }
        clang_disposeDiagnostic(dg);
    }
    if (nerrors > FE_MAX_ERRORS) {
        unsigned more = nerrors - FE_MAX_ERRORS;
        diag_report(diags, DIAG_NOTE, unit->file, 0, 0, "%u more error%s not shown", more, more == 1 ? "" : "s");
    }

    IrUnit *u = fe_lower_tu(tu, unit->file, diags, claims);
    if (u && nerrors) u->parse_failed = true;
    if (u) fe_record_inputs(tu, u);
    clang_disposeTranslationUnit(tu);
    /* RACECHECK_IR_ROUNDTRIP=1 (debugging, tests): analyse the unit's IR as
     * read back from its serialized form (ir/serialize.h) */
    const char *rt = getenv("RACECHECK_IR_ROUNDTRIP");
    char err[256];
    if (u && rt && rt[0] && strcmp(rt, "0") != 0 && !ir_unit_roundtrip(&u, err, sizeof err))
        diag_report(diags, DIAG_ERROR, unit->file, 0, 0, "internal error: IR round trip: %s", err);
    return u;
}

/* One throwaway parse on the calling thread before the workers start, so
 * libLLVM's lazily created process-wide objects (the statistics registry
 * and its lock) exist before two threads race to create them. LLVM
 * publishes them with atomics that ThreadSanitizer cannot see in the
 * uninstrumented library; warming up keeps TSan runs quiet. */
static void warm_up_once(void) {
    static const char src[] = "#include <stddef.h>\n#include \"racecheck_warm_up.h\"\n"
                              "int racecheck_warm_f(int x) { for (int i = 0; i < x; i++) x += i; return x; }\n";
    static const char hdr[] = "#define RACECHECK_WARM(x) ((x) + 1)\n"
                              "struct racecheck_warm { int a; } racecheck_warm_v = {RACECHECK_WARM(0)};\n";
    struct CXUnsavedFile uf[] = {{"/racecheck_warm_up.c", src, sizeof src - 1},
                                 {"/racecheck_warm_up.h", hdr, sizeof hdr - 1}};
    const char *argv[] = {"-w"};
    pthread_mutex_lock(&index_mu);
    CXIndex index = clang_createIndex(0, 0);
    pthread_mutex_unlock(&index_mu);
    CXTranslationUnit tu = NULL;
    if (clang_parseTranslationUnit2(index, uf[0].Filename, argv, 1, uf, 2, CXTranslationUnit_KeepGoing, &tu) ==
            CXError_Success &&
        tu)
        clang_disposeTranslationUnit(tu);
    pthread_mutex_lock(&index_mu);
    clang_disposeIndex(index);
    pthread_mutex_unlock(&index_mu);
}

static pthread_once_t warm_up = PTHREAD_ONCE_INIT;

typedef struct {
    const FeInputs *in;
    DiagSink *diags;
    IrUnit **units;
    CXIndex *indices; /* one per worker */
    FeProgress progress;
    void *progress_ctx;
    pthread_mutex_t mu; /* guards done and the progress callback */
    size_t done;
    FeClaims *claims;   /* NULL: every unit lowers its header functions */
    FeCache *cache;     /* NULL: no cache */
    bool roundtrip;     /* RACECHECK_IR_ROUNDTRIP: always parse (the cache would skip the round trip) */
} ParseCtx;

static void parse_start(void *p, size_t worker) {
    ParseCtx *c = p;
    pthread_mutex_lock(&index_mu);
    c->indices[worker] = clang_createIndex(0, 0);
    pthread_mutex_unlock(&index_mu);
}

static void parse_finish(void *p, size_t worker) {
    ParseCtx *c = p;
    pthread_mutex_lock(&index_mu);
    clang_disposeIndex(c->indices[worker]);
    c->indices[worker] = NULL;
    pthread_mutex_unlock(&index_mu);
}

static void parse_job(void *p, size_t worker, size_t item) {
    ParseCtx *c = p;
    const FeUnit *unit = &c->in->units[item];
    /* the unit's diagnostics are collected apart, so the cache can keep them
     * with its IR, then handed to the run's sink */
    DiagSink mine;
    diag_init(&mine);
    HashKey key = {0, 0};
    IrUnit *u = NULL;
    if (c->cache) {
        key = fe_cache_key(c->cache, unit);
        if (!c->roundtrip) u = fe_cache_load(c->cache, key, &mine);
    }
    if (!u) {
        u = parse_and_lower(c->indices[worker], unit, &mine, c->claims);
        if (c->cache) {
            fe_cache_count_parsed(c->cache);
            fe_cache_store(c->cache, key, u, &mine, c->diags);
        }
    }
    c->units[item] = u;
    for (size_t i = 0; i < mine.len; i++) {
        const Diag *d = &mine.items[i];
        diag_report(c->diags, d->level, d->file, d->line, d->col, "%s", d->message);
    }
    diag_free(&mine);
    pthread_mutex_lock(&c->mu);
    size_t done = ++c->done;
    if (c->progress) c->progress(c->progress_ctx, done, c->in->nunits, unit->file);
    pthread_mutex_unlock(&c->mu);
}

IrUnit **fe_parse_all(const FeInputs *in, size_t jobs, unsigned flags, FeCache *cache, DiagSink *diags,
                      FeProgress progress, void *progress_ctx) {
    size_t n = in->nunits;
    IrUnit **units = xcalloc(n ? n : 1, sizeof(IrUnit *));
    if (!n) return units;
    size_t workers = jobs ? jobs : pool_default_workers();
    if (workers > n) workers = n;
    if (workers > 1) pthread_once(&warm_up, warm_up_once);
    ParseCtx c = {in, diags, units, xcalloc(workers, sizeof(CXIndex)), progress, progress_ctx,
                  PTHREAD_MUTEX_INITIALIZER, 0,
                  /* a cached unit must not depend on which other units ran: with the
                   * cache every unit lowers its header functions (linking keeps one) */
                  (flags & FE_SHARE_HEADERS) && !cache ? fe_claims_new() : NULL, cache, false};
    const char *rt = getenv("RACECHECK_IR_ROUNDTRIP");
    c.roundtrip = rt && rt[0] && strcmp(rt, "0") != 0;
    pool_run(workers, n, &c, parse_start, parse_job, parse_finish);
    fe_claims_free(c.claims);
    pthread_mutex_destroy(&c.mu);
    free(c.indices);
    return units;
}
