/*
 * driver.c - runs the stages in order: options -> API models -> inputs ->
 * parallel parse and lowering (through the IR cache, frontend/cache.h) ->
 * whole-program model -> checks ->
 * fingerprints -> output (or --dump-ir / --verify). Decides exit codes.
 */
#include "cli.h"
#include "facts_cmd.h"
#include "results.h"

#include "../base/hash.h"
#include "../checks/checks.h"
#include "../config/cachekey.h"
#include "../frontend/cache.h"
#include "progress.h"
#include "overview.h"
#include "result_cache.h"
#include "../frontend/facts.h"
#include "../frontend/frontend.h"
#include "../model/apimodel.h"
#include "../model/model.h"
#include "../report/report.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <malloc.h>
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

/* --rules, $RACECHECK_RULES, ../share/racecheck/rules beside the executable
 * (installed), the source tree's rules/, then ../rules, rules beside it. */
static char *find_rules_dir(const CliOptions *o) {
    static const char *const rel[] = {"%s/../share/racecheck/rules", "%s/../rules", "%s/rules"};
    return cli_find_dir(o->rules_dir, "RACECHECK_RULES", RACECHECK_RULES_DIR, rel, 3);
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

/* The hash of racecheck's executable (0 when it cannot be read). */
static uint64_t exe_hash(void) {
    uint64_t h = 0;
    return hash_file("/proc/self/exe", &h, NULL) ? h : 0;
}

/* RACECHECK_STATS: what the IR cache did this run. */
static void print_cache_stats(FeCache *cache, CliRunMode mode, size_t nunits) {
    if (cache) {
        FeCacheStats cs = fe_cache_stats(cache);
        fprintf(stderr, "stats: IR cache %s: %zu units from the cache, %zu parsed (%zu stale, %zu corrupt), %zu "
                "written, %zu not written, %zu not cacheable\n", fe_cache_dir(cache), cs.hits, cs.parsed,
                cs.stale, cs.corrupt, cs.written, cs.unwritten, cs.skipped);
    } else if (mode != CLI_RUN_ANALYZE) { /* analyze parses nothing */
        fprintf(stderr, "stats: IR cache off: %zu units parsed\n", nunits);
    }
}

int cli_main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "report")) return cli_report_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "lsp")) return cli_lsp_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "build")) return cli_build_main(argc, argv);
    if (argc > 1 && (!strcmp(argv[1], "extract") || !strcmp(argv[1], "analyze"))) return cli_facts_main(argc, argv);
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
        if (o.nclang_flags && o.clang_flags[0][0] != '-') /* racecheck -- make: build capture is a subcommand */
            fprintf(stderr, "racecheck: error: no input files (after --: compiler flags; to analyse a build, "
                    "racecheck build -- %s ...)\n", o.clang_flags[0]);
        else
            fprintf(stderr, "racecheck: error: no input files\nTry 'racecheck --help' for more information.\n");
        cli_options_free(&o);
        return EXIT_FATAL;
    }
    int rc = cli_run(&o, CLI_RUN_CHECK, NULL, argc, argv);
    cli_options_free(&o);
    return rc;
}

int cli_run(const CliOptions *opts, CliRunMode mode, const CliExtract *x, int argc, char **argv) {
    time_t started = time(NULL);
    const CliOptions o = *opts;
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
    uint64_t *positions = NULL; /* extract: each unit's position (facts.h) */
    double *rule_seconds = NULL; /* RACECHECK_STATS: each rule's wall time */
    double t_parse = 0;
    size_t crashed = 0; /* units the C front end crashed on (exit 2) */
    Config cfg;
    config_init(&cfg);
    SuppressResult sup;
    memset(&sup, 0, sizeof sup);
    CliProgress pr; /* the progress line (a terminal, not -q) */
    cli_progress_init(&pr, o.quiet);

    /* API models */
    char *rules = find_rules_dir(&o);
    if (!rules) {
        fprintf(stderr, "racecheck: error: cannot find the rules directory (API models); use --rules DIR\n");
        goto out;
    }
    if (!apimodels_load_dir(&models, rules, &diags)) {
        print_diags(&diags, cwd, ecolor);
        fprintf(stderr, "racecheck: error: cannot load the API models in %s\n", rules);
        goto out;
    }
    CliOptions co = o;
    if (mode == CLI_RUN_ANALYZE) co.ninputs = 0; /* the configuration in or above the current directory */
    if (!cli_load_config(&co, &cfg, &models, &diags)) {
        print_diags(&diags, cwd, ecolor);
        char rel[4096];
        fprintf(stderr, "racecheck: error: invalid configuration %s\n",
                report_relpath(cfg.file ? cfg.file : o.config, cwd, rel, sizeof rel));
        goto out;
    }
    /* what facts files must match (facts.h) */
    FeFactsInfo key = {RACECHECK_VERSION, exe_hash(), cache_config_key(&models, &cfg), rules, cfg.file,
                       x ? x->shard : 0, x ? x->shards : 0};
    size_t ndiags_models = diags.len;
    if (o.list_models && !o.build_dir && !o.ninputs) {
        cli_list_models(stdout, &models, NULL, cwd);
        rc = EXIT_CLEAN;
        goto out;
    }
    if (mode == CLI_RUN_ANALYZE) {
        double t_read = base_now_seconds();
        if (!cli_analyze_load(&o, &key, &in, &units, &diags)) {
            print_diags(&diags, cwd, ecolor);
            goto out;
        }
        if (getenv("RACECHECK_STATS"))
            fprintf(stderr, "stats: reading %zu facts file%s (%zu units) %.2f s\n", o.ninputs,
                    o.ninputs == 1 ? "" : "s", in.nunits, base_now_seconds() - t_read);
        goto analyse;
    }

    /* inputs */
    FeStatus st;
    const char *const *flags = (const char *const *)o.clang_flags;
    if (o.build_dir) {
        st = fe_inputs_from_cdb(&in, o.build_dir, (const char *const *)o.inputs, o.ninputs, flags, o.nclang_flags,
                                &diags);
    } else if (o.ninputs == 1 && is_dir(o.inputs[0])) {
        st = fe_inputs_from_dir(&in, o.inputs[0], flags, o.nclang_flags, &diags);
        if (st == FE_OK && mode == CLI_RUN_CHECK) cli_build_hint(o.inputs[0], &diags);
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
    size_t nfound = in.nunits;
    if (mode == CLI_RUN_EXTRACT) positions = cli_extract_select(&o, x, &cfg, &in);
    else cli_select_units(&cfg, &in);
    /* extract: a unit the configuration excludes, or an empty shard, gives facts without units */
    if (!in.nunits && (mode != CLI_RUN_EXTRACT || !nfound)) {
        print_diags(&diags, cwd, ecolor);
        fprintf(stderr, "racecheck: error: no translation units to analyse in %s\n",
                o.build_dir ? o.build_dir : o.inputs[0]);
        goto out;
    }

    size_t ndiags_inputs = diags.len;
    /* the IR cache: never an error (a warning when it cannot be used) */
    char *cdir = cache_dir_for(o.no_cache, o.cache, cwd);
    if (cdir) {
        char *cerr = NULL, *ver = cache_build_id(RACECHECK_VERSION);
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
    t_parse = base_now_seconds();
    size_t ndiags_parse = diags.len;
    /* extract: each unit's IR stands alone (as in the cache), so facts of
     * other invocations hold the header functions they reach */
    unsigned fe_flags = o.dump_ir || mode == CLI_RUN_EXTRACT ? 0 : FE_SHARE_HEADERS;
    units = in.nunits ? fe_parse_all_counted(&in, o.jobs, fe_flags, cache, &diags, cli_progress_units, &pr, &crashed)
                      : xcalloc(1, sizeof *units); /* an empty --shard */
    t_parse = base_now_seconds() - t_parse;
    cli_progress_clear(&pr);
    /* libclang's translation units are freed, but glibc keeps most of their
     * pages: give them back before the whole-program phase grows */
    malloc_trim(0);
    if (mode == CLI_RUN_EXTRACT) {
        CliExtractDiags ed = {ndiags_models, ndiags_inputs, ndiags_parse};
        rc = cli_extract_write(x, &key, &in, units, positions, &diags, &ed);
        if (getenv("RACECHECK_STATS")) {
            fprintf(stderr, "stats: parse+lower %.2f s\n", t_parse);
            if (cache) {
                FeCacheStats cs = fe_cache_stats(cache);
                fprintf(stderr, "stats: IR cache %s: %zu units from the cache, %zu parsed\n", fe_cache_dir(cache),
                        cs.hits, cs.parsed);
            }
        }
        print_diags(&diags, cwd, ecolor);
        cli_extract_summary(&o, x, &in, units, rc);
        goto out;
    }
analyse:;
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
    if (o.list_unknown) {
        print_diags(&diags, cwd, ecolor);
        cli_list_unknown(stdout, units, in.nunits, &models);
        rc = EXIT_CLEAN;
        goto out;
    }
    size_t nunknown_names = 0, nunknown_calls = 0;
    free(model_unknown_calls(units, in.nunits, &models, &nunknown_names, &nunknown_calls));

    /* whole program */
    ModelOptions mo = {.entries = (const char *const *)o.entries, .nentries = o.nentries, .library = o.library,
                       .workers = o.jobs};
    mo.max_access_targets = (size_t)rule_opt_int(config_rule_options(&cfg, "data-race"), "max-access-targets");
    if (!o.nentries && cfg.entries.len) {
        mo.entries = cfg.entries.data;
        mo.nentries = cfg.entries.len;
    }
    mo.exclusive = (const char *const *)o.exclusive;
    mo.nexclusive = o.nexclusive;
    if (!o.nexclusive && cfg.exclusive.len) {
        mo.exclusive = cfg.exclusive.data;
        mo.nexclusive = cfg.exclusive.len;
    }
    /* a re-run with nothing changed: the whole-program result of the same
     * units, options and directory, from the cache (result_cache.h) */
    HashKey rkey;
    bool rkey_ok = cache && mode == CLI_RUN_CHECK && !o.verify && !o.list_models && !o.has_explain_pair &&
                   cli_result_key(cache, &in, units, &mo, cwd, &rkey);
    size_t ndiags_model = diags.len, nthreads = 0;
    bool stats = getenv("RACECHECK_STATS") != NULL;
    double t_checks = 0;
    /* (not for the HTML page: its overview needs the model, overview.h) */
    if (rkey_ok && o.format != FORMAT_HTML && cli_result_load(cache, rkey, &findings, &diags, &nthreads)) {
        if (stats)
        {
            fprintf(stderr, "stats: parse+lower %.2f s; the whole-program result from the cache (%zu findings)\n",
                    t_parse, findings.items.len);
            print_cache_stats(cache, mode, in.nunits);
        }
        goto filter;
    }
    double t_model = base_now_seconds();
    mo.on_stage = cli_progress_stage;
    mo.stage_ctx = &pr;
    model_build(&prog, units, in.nunits, &models, &mo, &diags);
    t_model = base_now_seconds() - t_model;
    cli_progress_clear(&pr);
    have_prog = true;
    if (o.list_models) {
        print_diags(&diags, cwd, ecolor);
        cli_list_models(stdout, &models, &prog, cwd);
        rc = EXIT_CLEAN;
        goto out;
    }
    if (o.has_explain_pair) {
        print_diags(&diags, cwd, ecolor);
        for (size_t i = 0; i < o.n_explain_pairs; i++) {
            if (i) fputc('\n', stdout);
            model_explain_pair(&prog, o.explain_pairs[i], cwd, stdout);
        }
        rc = EXIT_CLEAN;
        goto out;
    }
    if (!prog.tm.threads.len)
        diag_report(&diags, DIAG_NOTE, NULL, 0, 0,
                    o.library    ? "library mode: no exported function (external linkage, visibility not hidden) is defined"
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
        print_cache_stats(cache, mode, in.nunits);
        model_print_stats(&prog, stderr);
    }
    for (size_t i = 0; i < prog.tm.debug_notes.len && !o.verify; i++) {
        const DebugNote *n = &prog.tm.debug_notes.data[i];
        diag_report(&diags, DIAG_NOTE, n->loc.file, n->loc.line, n->loc.col, "%s", n->text);
    }
    t_checks = base_now_seconds();
    cli_progress_step(&pr, "checks");
    rule_seconds = xcalloc(checks_registry_len, sizeof(double));
    checks_run_all(&prog, cfg.rule_options, &findings, rule_seconds);
    cli_progress_clear(&pr);
    t_checks = base_now_seconds() - t_checks;
    nthreads = prog.tm.threads.len;
    if (rkey_ok) cli_result_store(cache, rkey, &findings, &diags, ndiags_model, nthreads, &diags);
filter:;
    double t_filter = base_now_seconds();
    report_fingerprints(&findings, cwd);
    suppress_apply(&cfg, &findings, &sup, &diags);
    t_filter = base_now_seconds() - t_filter;
    if (stats) {
        size_t nev = 0;
        for (size_t i = 0; i < findings.items.len; i++) nev += findings.items.data[i].nevidence;
        fprintf(stderr, "stats: checks %.2f s (%zu findings, %zu accesses in their evidence), fingerprints and "
                "suppressions %.2f s\n", t_checks, findings.items.len, nev, t_filter);
        if (rule_seconds) {
            fprintf(stderr, "stats: checks by rule:");
            for (size_t i = 0; i < checks_registry_len; i++)
                fprintf(stderr, "%s %s %.2f s", i ? "," : "", checks_registry[i].name, rule_seconds[i]);
            fprintf(stderr, "\n");
        }
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

    RunResult res = {cwd, &findings, &diags, &models, parsed, failed, nthreads, color, started, &sup, crashed,
                     nunknown_calls, nunknown_names, NULL};
    ReportOverview overview;
    Arena *overview_arena = NULL;
    if (o.format == FORMAT_HTML && have_prog) {
        double t_overview = base_now_seconds();
        overview_arena = arena_new();
        cli_overview_build(&prog, &overview, overview_arena);
        res.overview = &overview;
        if (stats)
            fprintf(stderr, "stats: the HTML page's overview %.2f s (%zu threads, %zu lock-object pairs)\n",
                    base_now_seconds() - t_overview, overview.nthreads, overview.nguards);
    }
    double t_output = base_now_seconds();
    rc = cli_finish_run(&o, argc, argv, &res);
    if (overview_arena) arena_free(overview_arena);
    t_output = base_now_seconds() - t_output;
    if (stats) {
        size_t rss_end, hwm_end;
        memory_kib(&rss_end, &hwm_end);
        fprintf(stderr, "stats: output and findings database %.2f s; memory at the end %zu KiB (peak %zu KiB)\n",
                t_output, rss_end, hwm_end);
    }

out:
    cli_progress_free(&pr);
    free(rules);
    free(positions);
    free(rule_seconds);
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
    return rc;
}
