/*
 * driver.c - runs the stages in order: options -> API models -> inputs ->
 * parallel parse and lowering (through the IR cache, frontend/cache.h) ->
 * whole-program model -> checks ->
 * fingerprints -> output (or --dump-ir / --verify). Decides exit codes.
 */
#include "cli.h"
#include "results.h"

#include "../base/hash.h"
#include "../checks/checks.h"
#include "../frontend/cache.h"
#include "../frontend/frontend.h"
#include "../model/apimodel.h"
#include "../model/model.h"
#include "../report/report.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef RACECHECK_VERSION
#define RACECHECK_VERSION "0.0.0"
#endif
#ifndef RACECHECK_RULES_DIR
#define RACECHECK_RULES_DIR ""
#endif

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --rules, $RACECHECK_RULES, the source tree's rules/, then next to the
 * executable (../share/racecheck/rules, ../rules). */
static char *find_rules_dir(const CliOptions *o) {
    if (o->rules_dir) return xstrdup(o->rules_dir);
    const char *env = getenv("RACECHECK_RULES");
    if (env && env[0]) return xstrdup(env);
    if (RACECHECK_RULES_DIR[0] && is_dir(RACECHECK_RULES_DIR)) return xstrdup(RACECHECK_RULES_DIR);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        const char *cands[] = {"%s/../share/racecheck/rules", "%s/../rules", "%s/rules"};
        for (size_t i = 0; i < 3; i++) {
            char *c = xasprintf(cands[i], exe);
            if (is_dir(c)) return c;
            free(c);
        }
    }
    return NULL;
}

static void print_diags(DiagSink *d, const char *root, bool color) {
    diag_sort(d);
    char rel[4096];
    for (size_t i = 0; i < d->len; i++) {
        const Diag *x = &d->items[i];
        if (i && x->level == d->items[i - 1].level && x->line == d->items[i - 1].line &&
            x->col == d->items[i - 1].col && !strcmp(x->message, d->items[i - 1].message) &&
            !strcmp(x->file ? x->file : "", d->items[i - 1].file ? d->items[i - 1].file : ""))
            continue; /* the same header error seen from several units */
        const char *lvl = diag_level_name(x->level);
        const char *col = !color ? "" : x->level == DIAG_ERROR ? "\033[1;31m" : x->level == DIAG_WARNING ? "\033[1;35m" : "\033[1;36m";
        const char *off = color ? "\033[0m" : "";
        if (x->file && x->line)
            fprintf(stderr, "%s:%u:%u: %s%s:%s %s\n", report_relpath(x->file, root, rel, sizeof rel), x->line,
                    x->col, col, lvl, off, x->message);
        else if (x->file)
            fprintf(stderr, "%s: %s%s:%s %s\n", report_relpath(x->file, root, rel, sizeof rel), col, lvl, off,
                    x->message);
        else
            fprintf(stderr, "racecheck: %s%s:%s %s\n", col, lvl, off, x->message);
    }
}

/* Resident memory now and at its peak, in KiB (Linux /proc; 0 elsewhere). */
static void memory_kib(size_t *rss, size_t *hwm) {
    *rss = *hwm = 0;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "VmRSS:", 6)) *rss = strtoul(line + 6, NULL, 10);
        else if (!strncmp(line, "VmHWM:", 6)) *hwm = strtoul(line + 6, NULL, 10);
    }
    fclose(f);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The IR cache directory: --no-cache, --cache DIR|none, $RACECHECK_CACHE
 * (DIR or none), else ROOT/.racecheck/cache. NULL: no cache. */
static char *cache_dir(const CliOptions *o, const char *root) {
    if (o->no_cache) return NULL;
    const char *v = o->cache ? o->cache : getenv("RACECHECK_CACHE");
    if (v && v[0]) return strcmp(v, "none") ? xstrdup(v) : NULL;
    return xasprintf("%s/.racecheck/cache", root);
}

/* What the cache key says about racecheck itself: its version and the hash
 * of its executable, so a rebuilt racecheck (another lowering) never reads
 * entries written by an older one. */
static char *cache_version(void) {
    uint64_t h = 0;
    if (!hash_file("/proc/self/exe", &h, NULL)) h = 0;
    return xasprintf("%s+%016llx", RACECHECK_VERSION, (unsigned long long)h);
}

/* The API models and configuration in the cache key: every rules file
 * loaded (name and contents) and the configuration file's contents. */
static HashKey cache_config_key(const ApiModels *m, const Config *cfg) {
    Hasher *h = hasher_new();
    hasher_str(h, "racecheck-cache-config-v1");
    for (size_t i = 0; i < m->files.len; i++) {
        const char *base = strrchr(m->files.data[i], '/');
        uint64_t fh = 0;
        hasher_str(h, base ? base + 1 : m->files.data[i]);
        hasher_u64(h, hash_file(m->files.data[i], &fh, NULL) ? fh : 0);
    }
    uint64_t ch = 0;
    hasher_str(h, cfg->file);
    hasher_u64(h, cfg->file && hash_file(cfg->file, &ch, NULL) ? ch : 0);
    return hasher_finish(h);
}

typedef struct {
    bool tty;
    pthread_mutex_t mu;
} Progress;

static void on_progress(void *ctx, size_t done, size_t total, const char *file) {
    Progress *pr = ctx;
    if (!pr->tty) return;
    const char *base = strrchr(file, '/');
    fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total, base ? base + 1 : file);
    if (done == total) fputs("\r\033[K", stderr);
    fflush(stderr);
}

int cli_main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "report")) return cli_report_main(argc - 1, argv + 1);
    time_t started = time(NULL);
    CliOptions o;
    if (!cli_parse(argc, argv, &o)) {
        cli_options_free(&o);
        return EXIT_FATAL;
    }
    if (o.help) {
        cli_usage(stdout);
        cli_options_free(&o);
        return EXIT_CLEAN;
    }
    if (o.version) {
        printf("racecheck %s\n", RACECHECK_VERSION);
        cli_options_free(&o);
        return EXIT_CLEAN;
    }
    if (o.list_rules || o.explain) {
        int r = o.list_rules ? cli_list_rules(stdout) : cli_explain(stdout, o.explain);
        cli_options_free(&o);
        return r;
    }
    if (!o.build_dir && !o.ninputs && !o.list_models) {
        fprintf(stderr, "racecheck: error: no input files\nTry 'racecheck --help' for more information.\n");
        cli_options_free(&o);
        return EXIT_FATAL;
    }
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, ".");
    bool color = o.color == COLOR_ALWAYS || (o.color == COLOR_AUTO && isatty(STDOUT_FILENO) && !o.output &&
                                             getenv("NO_COLOR") == NULL);
    bool ecolor = o.color == COLOR_ALWAYS || (o.color == COLOR_AUTO && isatty(STDERR_FILENO) && !getenv("NO_COLOR"));

    int rc = EXIT_FATAL;
    DiagSink diags;
    diag_init(&diags);
    ApiModels models;
    apimodels_init(&models);
    FeInputs in;
    memset(&in, 0, sizeof in);
    IrUnit **units = NULL;
    FindingList findings;
    findings_init(&findings);
    Program prog;
    bool have_prog = false;
    FeCache *cache = NULL;
    Config cfg;
    config_init(&cfg);
    SuppressResult sup;
    memset(&sup, 0, sizeof sup);

    /* API models */
    char *rules = find_rules_dir(&o);
    if (!rules) {
        fprintf(stderr, "racecheck: error: cannot find the rules directory (API models); use --rules DIR\n");
        goto out;
    }
    if (!apimodels_load_dir(&models, rules, &diags)) {
        print_diags(&diags, cwd, ecolor);
        fprintf(stderr, "racecheck: error: cannot load the API models in %s\n", rules);
        free(rules);
        goto out;
    }
    free(rules);
    if (!cli_load_config(&o, &cfg, &models, &diags)) {
        print_diags(&diags, cwd, ecolor);
        char rel[4096];
        fprintf(stderr, "racecheck: error: invalid configuration %s\n",
                report_relpath(cfg.file ? cfg.file : o.config, cwd, rel, sizeof rel));
        goto out;
    }
    if (o.list_models && !o.build_dir && !o.ninputs) {
        cli_list_models(stdout, &models, NULL, cwd);
        rc = EXIT_CLEAN;
        goto out;
    }

    /* inputs */
    FeStatus st;
    const char *const *flags = (const char *const *)o.clang_flags;
    if (o.build_dir) {
        st = fe_inputs_from_cdb(&in, o.build_dir, (const char *const *)o.inputs, o.ninputs, flags, o.nclang_flags,
                                &diags);
    } else if (o.ninputs == 1 && is_dir(o.inputs[0])) {
        st = fe_inputs_from_dir(&in, o.inputs[0], flags, o.nclang_flags, &diags);
    } else {
        for (size_t i = 0; i < o.ninputs; i++)
            if (is_dir(o.inputs[i])) {
                fprintf(stderr, "racecheck: error: %s is a directory; give one directory or a list of files\n",
                        o.inputs[i]);
                goto out;
            }
        st = fe_inputs_from_files(&in, (const char *const *)o.inputs, o.ninputs, flags, o.nclang_flags, &diags);
    }
    if (st != FE_OK) {
        print_diags(&diags, cwd, ecolor);
        goto out;
    }
    cli_select_units(&cfg, &in);
    if (!in.nunits) {
        print_diags(&diags, cwd, ecolor);
        fprintf(stderr, "racecheck: error: no translation units to analyse in %s\n",
                o.build_dir ? o.build_dir : o.inputs[0]);
        goto out;
    }

    /* the IR cache: never an error (a warning when it cannot be used) */
    char *cdir = cache_dir(&o, cwd);
    if (cdir) {
        char *cerr = NULL, *ver = cache_version();
        cache = fe_cache_open(cdir, ver, cache_config_key(&models, &cfg), &cerr);
        if (!cache) {
            diag_report(&diags, DIAG_WARNING, NULL, 0, 0, "%s; running without the IR cache (--no-cache hides this)",
                        cerr);
            free(cerr);
        }
        free(ver);
        free(cdir);
    }

    /* parse and lower, in parallel */
    Progress pr = {isatty(STDERR_FILENO) && !o.quiet, PTHREAD_MUTEX_INITIALIZER};
    double t_parse = now_seconds();
    size_t crashed = 0;
    units = fe_parse_all_counted(&in, o.jobs, o.dump_ir ? 0 : FE_SHARE_HEADERS, cache, &diags, on_progress, &pr,
                                 &crashed);
    t_parse = now_seconds() - t_parse;
    size_t rss_parse, hwm_parse;
    memory_kib(&rss_parse, &hwm_parse);
    size_t parsed = 0, failed = 0;
    for (size_t i = 0; i < in.nunits; i++) {
        if (units[i]) parsed++;
        if (!units[i] || units[i]->parse_failed) failed++;
    }
    if (o.dump_ir) {
        for (size_t i = 0; i < in.nunits; i++)
            if (units[i]) ir_print_unit(stdout, units[i]);
        print_diags(&diags, cwd, ecolor);
        rc = parsed ? EXIT_CLEAN : EXIT_FATAL;
        goto out;
    }
    if (!parsed) {
        print_diags(&diags, cwd, ecolor);
        fprintf(stderr, "racecheck: error: none of the %zu translation unit%s could be analysed\n", in.nunits,
                in.nunits == 1 ? "" : "s");
        goto out;
    }

    /* whole program */
    ModelOptions mo = {.entries = (const char *const *)o.entries, .nentries = o.nentries, .library = o.library};
    mo.max_access_targets = (size_t)rule_opt_int(config_rule_options(&cfg, "data-race"), "max-access-targets");
    if (!o.nentries && cfg.entries.len) {
        mo.entries = cfg.entries.data;
        mo.nentries = cfg.entries.len;
    }
    double t_model = now_seconds();
    model_build(&prog, units, in.nunits, &models, &mo, &diags);
    t_model = now_seconds() - t_model;
    have_prog = true;
    if (o.list_models) {
        print_diags(&diags, cwd, ecolor);
        cli_list_models(stdout, &models, &prog, cwd);
        rc = EXIT_CLEAN;
        goto out;
    }
    if (o.has_explain_pair) {
        print_diags(&diags, cwd, ecolor);
        model_explain_pair(&prog, o.explain_pair, cwd, stdout);
        rc = EXIT_CLEAN;
        goto out;
    }
    if (!prog.tm.threads.len)
        diag_report(&diags, DIAG_NOTE, NULL, 0, 0,
                    o.library    ? "library mode: no function with external linkage is defined"
                    : o.nentries ? "no thread entry could be analysed"
                                 : "no main() in the analysed units, so no threads to analyse; name thread "
                                   "entry points with --entry or use --library");
    if (getenv("RACECHECK_STATS")) {
        size_t ir = 0;
        for (size_t i = 0; i < in.nunits; i++) ir += units[i] ? arena_bytes(units[i]->arena) : 0;
        size_t rss_model, hwm_model;
        memory_kib(&rss_model, &hwm_model);
        fprintf(stderr, "stats: parse+lower %.2f s, whole-program model %.2f s\n", t_parse, t_model);
        fprintf(stderr, "stats: memory after parsing %zu KiB (peak %zu KiB), after the model %zu KiB (peak %zu KiB)\n",
                rss_parse, hwm_parse, rss_model, hwm_model);
        fprintf(stderr, "stats: IR %zu KiB in %zu units\n", ir / 1024, parsed);
        if (cache) {
            FeCacheStats cs = fe_cache_stats(cache);
            fprintf(stderr, "stats: IR cache %s: %zu units from the cache, %zu parsed (%zu stale, %zu corrupt), %zu "
                    "written, %zu not written, %zu not cacheable\n", fe_cache_dir(cache), cs.hits, cs.parsed,
                    cs.stale, cs.corrupt, cs.written, cs.unwritten, cs.skipped);
        } else {
            fprintf(stderr, "stats: IR cache off: %zu units parsed\n", in.nunits);
        }
        model_print_stats(&prog, stderr);
    }
    for (size_t i = 0; i < prog.tm.debug_notes.len && !o.verify; i++) {
        const DebugNote *n = &prog.tm.debug_notes.data[i];
        diag_report(&diags, DIAG_NOTE, n->loc.file, n->loc.line, n->loc.col, "%s", n->text);
    }
    bool stats = getenv("RACECHECK_STATS") != NULL;
    double t_checks = now_seconds();
    checks_run_all(&prog, cfg.rule_options, &findings);
    t_checks = now_seconds() - t_checks;
    double t_filter = now_seconds();
    report_fingerprints(&findings, cwd);
    suppress_apply(&cfg, &findings, &sup, &diags);
    t_filter = now_seconds() - t_filter;
    if (stats) {
        size_t nev = 0;
        for (size_t i = 0; i < findings.items.len; i++) nev += findings.items.data[i].nevidence;
        fprintf(stderr, "stats: checks %.2f s (%zu findings, %zu accesses in their evidence), fingerprints and "
                "suppressions %.2f s\n", t_checks, findings.items.len, nev, t_filter);
    }
    print_diags(&diags, cwd, ecolor);

    if (o.verify) {
        const char **files = xmalloc((in.nunits + findings.items.len + 1) * sizeof(char *));
        size_t nf = 0;
        for (size_t i = 0; i < in.nunits; i++) files[nf++] = in.units[i].file;
        for (size_t i = 0; i < findings.items.len; i++) files[nf++] = findings.items.data[i].loc.file;
        rc = verify_findings(&findings, files, nf, cwd, o.quiet, prog.tm.debug_notes.data, prog.tm.debug_notes.len);
        free(files);
        goto out;
    }

    RunResult res = {cwd, &findings, &diags, &models, parsed, failed, prog.tm.threads.len, color, started, &sup,
                     crashed};
    double t_output = now_seconds();
    rc = cli_finish_run(&o, argc, argv, &res);
    t_output = now_seconds() - t_output;
    if (stats) {
        size_t rss_end, hwm_end;
        memory_kib(&rss_end, &hwm_end);
        fprintf(stderr, "stats: output and findings database %.2f s; memory at the end %zu KiB (peak %zu KiB)\n",
                t_output, rss_end, hwm_end);
    }

out:
    fe_cache_close(cache);
    if (have_prog) model_free(&prog);
    if (sup.suppressed.arena) suppress_result_free(&sup);
    config_free(&cfg);
    if (units) {
        for (size_t i = 0; i < in.nunits; i++) ir_unit_free(units[i]);
        free(units);
    }
    findings_free(&findings);
    fe_inputs_free(&in);
    apimodels_free(&models);
    diag_free(&diags);
    cli_options_free(&o);
    return rc;
}
