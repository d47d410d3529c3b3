/*
 * parse.c - parsing the translation units with libclang, in parallel, and
 * handing each parsed unit to the lowering (lower.c).
 *
 * Threading model: each pool worker creates its own CXIndex (a thread-local)
 * in the start hook and disposes it in the finish hook, and
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
 * Deep nesting and crashes (issue 14): clang's parser and our lowering
 * recurse once per nesting level (a cast chain of 2000 `*`, 10 000 chained
 * `else if`), several KiB each, so such a unit overflows an 8 MiB stack.
 * libclang 19 parses on a thread of its own with an 8 MiB stack
 * (llvm::CrashRecoveryContext::RunSafelyOnThread) unless LIBCLANG_NOTHREADS
 * is set; its crash recovery (SIGSEGV handlers installed by clang_createIndex)
 * cannot run on an overflowed stack, so the process died. Here:
 *   - LIBCLANG_NOTHREADS=1 is set before main, so libclang parses
 *     on the calling worker, and the workers run on FE_PARSE_STACK_MIB stacks
 *     (virtual memory; only the depth actually reached is touched);
 *   - every worker has an alternate signal stack and libclang's crash
 *     handlers get SA_ONSTACK, so a unit deeper still (or any other crash
 *     inside clang_parseTranslationUnit2) is caught by libclang's recovery:
 *     the parse returns CXError_Crashed, the unit is reported ("the C front
 *     end crashed on this unit") and counted, and the run goes on.
 * RACECHECK_PARSE_STACK_MIB overrides the stack size (tests use a small one
 * to provoke the crash path with a small input). In-process recovery was
 * chosen over a subprocess per unit, which would cost an exec and a libclang
 * start-up per unit on every run; what the recovered parse leaked stays
 * leaked (one unit's AST).
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
#include <signal.h>
#include <stdlib.h>
#include <string.h>

enum {
    FE_MAX_ERRORS = 5,
    FE_PARSE_STACK_MIB = 512,      /* each parse worker's stack */
    FE_ALT_STACK = 256 * 1024,     /* each worker's signal stack (crash recovery) */
};

/* The stack of a parse worker, in bytes. */
static size_t parse_stack_bytes(void) {
    const char *e = getenv("RACECHECK_PARSE_STACK_MIB");
    long mib = FE_PARSE_STACK_MIB;
    if (e && e[0]) {
        char *end;
        long v = strtol(e, &end, 10);
        if (!*end && v > 0 && v <= 65536) mib = v;
    }
    return (size_t)mib << 20;
}

/* libclang parses on the calling thread (whose stack racecheck sizes)
 * instead of an 8 MiB thread of its own. Set before main, while the process
 * has one thread: setenv is not thread-safe, and the language server has
 * threads of its own before it first parses. */
__attribute__((constructor)) static void no_libclang_threads(void) {
    setenv("LIBCLANG_NOTHREADS", "1", 0);
}

/* Once, after the first clang_createIndex has installed libclang's crash
 * handlers: let them run on the alternate signal stack, so that a stack
 * overflow inside the parse reaches libclang's crash recovery instead of
 * killing the process. */
static void crash_handlers_on_alt_stack(void) {
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        if (sigaction(sigs[i], NULL, &sa) != 0) continue;
        if (!(sa.sa_flags & SA_SIGINFO) && (sa.sa_handler == SIG_DFL || sa.sa_handler == SIG_IGN)) continue;
        if (sa.sa_flags & SA_ONSTACK) continue;
        sa.sa_flags |= SA_ONSTACK;
        sigaction(sigs[i], &sa, NULL);
    }
}
static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;

/* The signal stack the worker had before (a sanitizer's), put back by
 * alt_stack_off. */
static _Thread_local stack_t previous_alt_stack;

/* An alternate signal stack for the calling worker (NULL when none could be
 * set); alt_stack_off restores the previous one and frees it. */
static void *alt_stack_on(void) {
    stack_t ss = {.ss_sp = xmalloc(FE_ALT_STACK), .ss_size = FE_ALT_STACK, .ss_flags = 0};
    if (sigaltstack(&ss, &previous_alt_stack) != 0) {
        free(ss.ss_sp);
        return NULL;
    }
    return ss.ss_sp;
}
static void alt_stack_off(void *sp) {
    if (!sp) return;
    stack_t ss = previous_alt_stack;
    if (ss.ss_flags & SS_DISABLE) ss = (stack_t){.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
    else ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    free(sp);
}

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

static IrUnit *parse_and_lower(void *cxindex, const FeUnit *unit, DiagSink *diags, FeClaims *claims,
                               bool *crashed);

IrUnit *fe_parse_one(void *cxindex, const FeUnit *unit, DiagSink *diags) {
    bool crashed = false;
    return parse_and_lower(cxindex, unit, diags, NULL, &crashed);
}

static IrUnit *parse_and_lower(void *cxindex, const FeUnit *unit, DiagSink *diags, FeClaims *claims,
                               bool *crashed) {
    enum CXErrorCode ec = CXError_Success;
    CXTranslationUnit tu = parse_unit(cxindex, unit, diags, &ec);
    if (!tu) {
        if (ec == CXError_Crashed) {
            *crashed = true;
            diag_report(diags, DIAG_ERROR, unit->file, 0, 0,
                        "the C front end crashed on this unit (libclang; often nesting too deep for its "
                        "stack); the unit is not analysed");
        } else {
            diag_report(diags, DIAG_ERROR, unit->file, 0, 0, "clang could not parse this unit (error code %d)",
                        (int)ec);
        }
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
    FeProgress progress;
    void *progress_ctx;
    pthread_mutex_t mu; /* guards done and the progress callback */
    size_t done;
    size_t crashed;     /* units whose parse crashed (guarded by mu) */
    FeClaims *claims;   /* NULL: every unit lowers its header functions */
    FeCache *cache;     /* NULL: no cache */
    bool roundtrip;     /* RACECHECK_IR_ROUNDTRIP: always parse (the cache would skip the round trip) */
} ParseCtx;

/* Each worker's own CXIndex and signal stack (set by parse_start, used by
 * parse_job, released by parse_finish, all on the worker's thread). */
static _Thread_local CXIndex worker_index;
static _Thread_local void *worker_alt_stack;

static void parse_start(void *p, size_t worker) {
    (void)p;
    (void)worker;
    worker_alt_stack = alt_stack_on();
    pthread_mutex_lock(&index_mu);
    worker_index = clang_createIndex(0, 0);
    pthread_once(&handlers_once, crash_handlers_on_alt_stack);
    pthread_mutex_unlock(&index_mu);
}

static void parse_finish(void *p, size_t worker) {
    (void)p;
    (void)worker;
    pthread_mutex_lock(&index_mu);
    clang_disposeIndex(worker_index);
    worker_index = NULL;
    pthread_mutex_unlock(&index_mu);
    alt_stack_off(worker_alt_stack);
    worker_alt_stack = NULL;
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
    bool crashed = false;
    if (c->cache) {
        key = fe_cache_key(c->cache, unit);
        if (!c->roundtrip) u = fe_cache_load(c->cache, key, &mine);
    }
    if (!u) {
        u = parse_and_lower(worker_index, unit, &mine, c->claims, &crashed);
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
    if (crashed) c->crashed++;
    if (c->progress) c->progress(c->progress_ctx, done, c->in->nunits, unit->file);
    pthread_mutex_unlock(&c->mu);
}

IrUnit **fe_parse_all(const FeInputs *in, size_t jobs, unsigned flags, FeCache *cache, DiagSink *diags,
                      FeProgress progress, void *progress_ctx) {
    return fe_parse_all_counted(in, jobs, flags, cache, diags, progress, progress_ctx, NULL);
}

IrUnit **fe_parse_all_counted(const FeInputs *in, size_t jobs, unsigned flags, FeCache *cache, DiagSink *diags,
                              FeProgress progress, void *progress_ctx, size_t *crashed) {
    size_t n = in->nunits;
    IrUnit **units = xcalloc(n ? n : 1, sizeof(IrUnit *));
    if (crashed) *crashed = 0;
    if (!n) return units;
    size_t workers = jobs ? jobs : pool_default_workers();
    if (workers > n) workers = n;
    if (workers > 1) pthread_once(&warm_up, warm_up_once);
    ParseCtx c = {in, diags, units, progress, progress_ctx, PTHREAD_MUTEX_INITIALIZER, 0, 0,
                  /* a cached unit must not depend on which other units ran: with the
                   * cache every unit lowers its header functions (linking keeps one) */
                  (flags & FE_SHARE_HEADERS) && !cache ? fe_claims_new() : NULL, cache, false};
    const char *rt = getenv("RACECHECK_IR_ROUNDTRIP");
    c.roundtrip = rt && rt[0] && strcmp(rt, "0") != 0;
    pool_run_stack(workers, n, parse_stack_bytes(), &c, parse_start, parse_job, parse_finish);
    fe_claims_free(c.claims);
    pthread_mutex_destroy(&c.mu);
    if (crashed) *crashed = c.crashed;
    return units;
}
