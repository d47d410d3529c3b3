/*
 * report_cmd.c - `racecheck report`: the findings database from the command
 * line (docs/database.md).
 *
 *   runs                         every run
 *   list [filters]               the findings of a run with their triage status
 *   diff [OLD [NEW]]             new, fixed and unchanged findings between two
 *                                runs, or between a baseline and a run
 *   triage FP --status S --reason R    record a triage decision
 *   export --format F            a run's findings as json, jsonl, sarif,
 *                                github, html or text
 *
 * Terminal tables by default, --format=json for every subcommand. Exit
 * status: 0, 2 on errors; diff exits 1 when there are new findings that
 * are not triaged away.
 */
#include "optable.h"
#include "results.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef RACECHECK_VERSION
#define RACECHECK_VERSION "0.0.0"
#endif

enum { R_DB = 256, R_RUN, R_RULE, R_SEVERITY, R_STATUS, R_PATH, R_ALL, R_BASELINE, R_REASON, R_AUTHOR, R_FORMAT, R_EVIDENCE };

#define HEADING(h) {.heading = h}
#define TEXT(left, text) {.metavar = left, .help = text}

/* The subcommands (help only) and the options: --help and the parser both
 * come from this table (optable.h). */
static const CliOptSpec report_options[] = {
    HEADING("Subcommands:"),
    TEXT("runs", "list every run"),
    TEXT("list [--run RUN] [--rule R] [--severity L] [--status S] [--path P] [--all]",
         "the findings of a run; L is error, warning or note; S is open, confirmed, false-positive, intentional or wont-fix; P is a path "
         "prefix or a glob; false-positive and intentional ones only with --all or --status"),
    TEXT("diff [OLD [NEW]]", "new, fixed and unchanged findings from run OLD (default latest~1) to run NEW "
                             "(default latest)"),
    TEXT("diff --baseline FILE|RUN [NEW]", "the same against a baseline (a --format=json, jsonl or sarif file, "
                                           "or a run)"),
    TEXT("triage FINGERPRINT --status S --reason TEXT [--author NAME]",
         "record a decision (S: confirmed, false-positive, intentional, wont-fix; open withdraws one); "
         "false-positive and intentional findings are not reported again and do not fail runs"),
    TEXT("export --format json|jsonl|sarif|github|html|text [--run RUN] [-o FILE]",
         "a run's findings as racecheck printed them"),
    HEADING("Options:"),
    {NULL, "db", 0, required_argument, "PATH", "a value", "the findings database (see above)", R_DB},
    {NULL, "run", 0, required_argument, "RUN", "a value", "list, export: the run (default latest)", R_RUN},
    {NULL, "rule", 0, required_argument, "RULE", "a value", "list: only findings of RULE", R_RULE},
    {NULL, "severity", 0, required_argument, "LEVEL", "a value", "list: only error, warning or note findings",
     R_SEVERITY},
    {NULL, "status", 0, required_argument, "STATUS", "a value",
     "list: only findings with this triage status; triage: the decision", R_STATUS},
    {NULL, "path", 0, required_argument, "PATH", "a value", "list: only findings under a path prefix or glob",
     R_PATH},
    {NULL, "all", 0, no_argument, NULL, NULL, "list: also the false-positive and intentional findings", R_ALL},
    {NULL, "baseline", 0, required_argument, "FILE|RUN", "a value", "diff: compare against a baseline",
     R_BASELINE},
    {NULL, "reason", 0, required_argument, "TEXT", "a value", "triage: why, for the next reader", R_REASON},
    {NULL, "author", 0, required_argument, "NAME", "a value",
     "triage: who decided (default $RACECHECK_AUTHOR, else $USER)", R_AUTHOR},
    {NULL, "format", 0, required_argument, "FORMAT", "a value (text, json, jsonl, sarif, github or html)",
     "text (tables, the default) or json, for every subcommand; export also jsonl, sarif, github and html",
     R_FORMAT},
    {NULL, "evidence", 0, required_argument, "WHICH", "representative or all",
     "list, diff, export: per finding one access for each kind, thread and set of locks held with the number "
     "of the others (representative, the default) or every access the database keeps (all)", R_EVIDENCE},
    {NULL, "output", 'o', required_argument, "FILE", "a file name", "write to FILE instead of standard output", 'o'},
    {NULL, "help", 'h', no_argument, NULL, NULL, "show this help", 'h'},
};

static void report_usage(FILE *out) {
    fputs("Usage: racecheck report [--db PATH] SUBCOMMAND [options]\n"
          "\n"
          "Reads (and for triage writes) the findings database: --db PATH, else\n"
          "$RACECHECK_DB, else .racecheck/racecheck.db in the current directory.\n"
          "RUN is a run number, 'latest' (default) or 'latest~N' (N runs before it).\n"
          "\n",
          out);
    cli_opt_help(out, report_options, sizeof report_options / sizeof *report_options);
    fputs("\nExit status: 0 done, 1 diff found new findings, 2 usage or database error.\n", out);
}

typedef struct {
    const char *db, *run, *rule, *severity, *status, *path, *baseline, *reason, *author, *output;
    const char *pos[3];
    size_t npos;
    OutputFormat format;
    bool format_given, all, help;
    bool evidence_all; /* --evidence=all */
} ReportArgs;

static int usage(const char *fmt, const char *arg) {
    cli_opt_usage_error("racecheck report", fmt, arg);
    return EXIT_FATAL;
}

/* One option of ReportArgs with its value; 0 or a usage error's status. */
static int take(ReportArgs *a, int id, const char *v) {
    const char **slot = NULL;
    switch (id) {
    case R_DB: slot = &a->db; break;
    case R_RUN: slot = &a->run; break;
    case R_RULE: slot = &a->rule; break;
    case R_SEVERITY: slot = &a->severity; break;
    case R_STATUS: slot = &a->status; break;
    case R_PATH: slot = &a->path; break;
    case R_BASELINE: slot = &a->baseline; break;
    case R_REASON: slot = &a->reason; break;
    case R_AUTHOR: slot = &a->author; break;
    case 'o': slot = &a->output; break;
    case R_ALL: a->all = true; break;
    case 'h': a->help = true; break;
    case R_EVIDENCE:
        if (!strcmp(v, "all")) a->evidence_all = true;
        else if (!strcmp(v, "representative")) a->evidence_all = false;
        else return usage("option --evidence needs representative or all (got '%s')", v);
        break;
    case R_FORMAT:
        if (!cli_format_from_name(v, &a->format))
            return usage("unknown format '%s' (text, json, jsonl, sarif, github or html)", v);
        a->format_given = true;
        break;
    default: return usage("unhandled option %s", "");
    }
    if (slot) *slot = v;
    return 0;
}

/* Parse argv[1..]; returns 0 or the exit status of a usage error. */
static int parse_args(int argc, char **argv, ReportArgs *a) {
    memset(a, 0, sizeof *a);
    CliOptParser p;
    cli_opt_init(&p, report_options, sizeof report_options / sizeof *report_options, "racecheck report", argc, argv);
    int rc = 0;
    for (int c; !rc && (c = cli_opt_next(&p)) != CLI_OPT_END;) {
        if (c == CLI_OPT_ERROR) rc = EXIT_FATAL;
        else if (c != CLI_OPT_INPUT) rc = take(a, c, p.value);
        else if (a->npos < 3) a->pos[a->npos++] = p.value;
        else rc = usage("too many arguments ('%s')", p.value);
    }
    for (int k = p.rest; !rc && k < argc; k++) { /* after "--": arguments, never options */
        if (a->npos < 3) a->pos[a->npos++] = argv[k];
        else rc = usage("too many arguments ('%s')", argv[k]);
    }
    cli_opt_free(&p);
    return rc;
}

/* ---- terminal tables ------------------------------------------------------ */

typedef struct {
    size_t ncols;
    VEC(char *) cells; /* row-major, malloc'd */
} Table;

static void table_add(Table *t, ...) {
    va_list ap;
    va_start(ap, t);
    for (size_t c = 0; c < t->ncols; c++) {
        const char *s = va_arg(ap, const char *);
        vec_push(&t->cells, xstrdup(s ? s : ""));
    }
    va_end(ap);
}

static void table_free(Table *t) {
    for (size_t i = 0; i < t->cells.len; i++) free(t->cells.data[i]);
    vec_free(&t->cells);
}

/* Columns padded to their widest cell, the last one not; then freed. */
static void table_print(FILE *out, Table *t) {
    size_t *w = xcalloc(t->ncols, sizeof *w);
    for (size_t i = 0; i < t->cells.len; i++) {
        size_t n = strlen(t->cells.data[i]);
        if (n > w[i % t->ncols]) w[i % t->ncols] = n;
    }
    for (size_t i = 0; i < t->cells.len; i++) {
        size_t c = i % t->ncols;
        if (c + 1 < t->ncols) fprintf(out, "%-*s  ", (int)w[c], t->cells.data[i]);
        else fprintf(out, "%s\n", t->cells.data[i]);
    }
    table_free(t);
    free(w);
}

static int print_json(FILE *out, cJSON *doc) {
    int rc = report_json_write(out, doc, true);
    cJSON_Delete(doc);
    return rc;
}

/* ---- subcommands ------------------------------------------------------- */

static int cmd_runs(Store *db, const ReportArgs *a, FILE *out) {
    StoreRunList runs;
    char *err;
    if (!store_list_runs(db, &runs, &err)) {
        fprintf(stderr, "racecheck report: error: %s\n", err);
        free(err);
        return EXIT_FATAL;
    }
    if (a->format == FORMAT_JSON) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; i < runs.len; i++) {
            const StoreRun *r = &runs.items[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "id", (double)r->id);
            cJSON_AddStringToObject(o, "started_at", r->started_at ? r->started_at : "");
            cJSON_AddStringToObject(o, "finished_at", r->finished_at ? r->finished_at : "");
            cJSON_AddStringToObject(o, "version", r->version ? r->version : "");
            cJSON_AddStringToObject(o, "command_line", r->command_line ? r->command_line : "");
            cJSON_AddStringToObject(o, "config_hash", r->config_hash ? r->config_hash : "");
            if (r->git_commit) cJSON_AddStringToObject(o, "git_commit", r->git_commit);
            else cJSON_AddNullToObject(o, "git_commit");
            cJSON_AddStringToObject(o, "root", r->root ? r->root : "");
            cJSON_AddNumberToObject(o, "units", (double)r->units);
            cJSON_AddNumberToObject(o, "units_failed", (double)r->units_failed);
            cJSON_AddNumberToObject(o, "findings", (double)r->findings);
            cJSON_AddNumberToObject(o, "exit_code", r->exit_code);
            cJSON_AddItemToArray(arr, o);
        }
        cJSON *doc = cJSON_CreateObject();
        cJSON_AddItemToObject(doc, "runs", arr);
        store_runs_free(&runs);
        return print_json(out, doc) ? EXIT_FATAL : EXIT_CLEAN;
    }
    Table t = {7, {0}};
    table_add(&t, "RUN", "STARTED", "VERSION", "COMMIT", "FINDINGS", "EXIT", "COMMAND");
    for (size_t i = 0; i < runs.len; i++) {
        const StoreRun *r = &runs.items[i];
        char id[32], nf[32], ex[16], commit[13];
        snprintf(id, sizeof id, "%lld", (long long)r->id);
        snprintf(nf, sizeof nf, "%ld", r->findings);
        snprintf(ex, sizeof ex, "%d", r->exit_code);
        snprintf(commit, sizeof commit, "%.12s", r->git_commit ? r->git_commit : "-");
        table_add(&t, id, r->started_at, r->version, commit, nf, ex, r->command_line);
    }
    if (!runs.len) fprintf(out, "no runs in %s\n", a->db);
    else table_print(out, &t);
    store_runs_free(&runs);
    return EXIT_CLEAN;
}

/* Load run ref (default latest) of db into fl. */
static bool load_run(Store *db, const char *ref, FindingList *fl, DiagSink *diags, StoreRun *run) {
    char *err = NULL;
    int64_t id;
    if (store_resolve_run(db, ref ? ref : "latest", &id, &err) && store_load_run(db, id, fl, diags, run, &err))
        return true;
    fprintf(stderr, "racecheck report: error: %s\n", err);
    free(err);
    return false;
}

static const char *status_of(const Finding *f) {
    return f->triage ? f->triage : "open";
}

static bool path_matches(const char *pattern, const char *rel) {
    if (strpbrk(pattern, "*?[")) return fnmatch(pattern, rel, 0) == 0;
    size_t n = strlen(pattern);
    return !strncmp(rel, pattern, n) && (rel[n] == 0 || rel[n] == '/' || (n && pattern[n - 1] == '/'));
}

static void finding_row(Table *t, const Finding *f, const char *root) {
    char rel[4096], loc[4200];
    snprintf(loc, sizeof loc, "%s:%u:%u", report_relpath(f->loc.file, root, rel, sizeof rel), f->loc.line, f->loc.col);
    table_add(t, f->fingerprint, severity_name(f->severity), f->rule, loc, status_of(f), f->message);
}

static int cmd_list(Store *db, const ReportArgs *a, FILE *out) {
    if (a->status && !store_triage_status_valid(a->status))
        return usage("unknown status '%s' (open, confirmed, false-positive, intentional or wont-fix)", a->status);
    if (a->severity && strcmp(a->severity, "error") && strcmp(a->severity, "warning") && strcmp(a->severity, "note"))
        return usage("unknown severity '%s' (error, warning or note)", a->severity);
    FindingList fl;
    findings_init(&fl);
    StoreRun run;
    if (!load_run(db, a->run, &fl, NULL, &run)) {
        findings_free(&fl);
        return EXIT_FATAL;
    }
    Table t = {6, {0}};
    table_add(&t, "FINGERPRINT", "SEVERITY", "RULE", "LOCATION", "STATUS", "MESSAGE");
    cJSON *arr = cJSON_CreateArray();
    size_t shown = 0;
    char rel[4096];
    for (size_t i = 0; i < fl.items.len; i++) {
        const Finding *f = &fl.items.data[i];
        if (a->rule && strcmp(f->rule, a->rule)) continue;
        if (a->severity && strcmp(severity_name(f->severity), a->severity)) continue;
        if (a->status ? strcmp(status_of(f), a->status) : !a->all && store_triage_suppresses(f->triage)) continue;
        if (a->path && !path_matches(a->path, report_relpath(f->loc.file, run.root, rel, sizeof rel))) continue;
        shown++;
        finding_row(&t, f, run.root);
        cJSON *o = report_json_finding(f, run.root, a->evidence_all);
        if (!f->triage) cJSON_AddStringToObject(o, "triage", "open");
        cJSON_AddItemToArray(arr, o);
    }
    int rc = EXIT_CLEAN;
    if (a->format == FORMAT_JSON) {
        cJSON *doc = cJSON_CreateObject();
        cJSON_AddNumberToObject(doc, "run", (double)run.id);
        cJSON_AddItemToObject(doc, "findings", arr);
        rc = print_json(out, doc) ? EXIT_FATAL : EXIT_CLEAN;
        table_free(&t);
    } else {
        cJSON_Delete(arr);
        if (shown) table_print(out, &t);
        else table_free(&t);
        fprintf(out, "%zu finding%s in run %lld\n", shown, shown == 1 ? "" : "s", (long long)run.id);
    }
    store_run_free(&run);
    findings_free(&fl);
    return rc;
}

static const char *const diff_names[3] = {"new", "fixed", "unchanged"};

/* A diff entry as a table row and a JSON object. */
static void diff_entry(Table *t, cJSON *arr, const StoreDiffEntry *e, bool evidence_all) {
    cJSON *o;
    if (e->finding) {
        finding_row(t, e->finding, e->root);
        o = report_json_finding(e->finding, e->root, evidence_all);
        if (!e->finding->triage) cJSON_AddStringToObject(o, "triage", "open");
    } else { /* only the fingerprint is known (a baseline file that has gone) */
        table_add(t, e->fingerprint, "", "", "", "", "(from the baseline file)");
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "fingerprint", e->fingerprint);
    }
    cJSON_AddItemToArray(arr, o);
}

static int cmd_diff(Store *db, const ReportArgs *a, FILE *out) {
    const char *old_ref = a->baseline ? a->baseline : a->npos > 1 ? a->pos[1] : "latest~1";
    const char *new_ref = a->baseline ? (a->npos > 1 ? a->pos[1] : "latest") : a->npos > 2 ? a->pos[2] : "latest";
    if (a->baseline && a->npos > 2) return usage("diff --baseline takes at most one run ('%s')", a->pos[2]);
    StrMap base;
    strmap_init(&base);
    Arena *base_arena = arena_new();
    bool from_file = a->baseline && access(a->baseline, F_OK) == 0; /* else a run */
    char *err = NULL;
    StoreDiff d;
    if ((from_file && !report_baseline_read(a->baseline, &base, base_arena, &err)) ||
        !store_diff(db, old_ref, from_file ? &base : NULL, new_ref, &d, &err)) {
        fprintf(stderr, "racecheck report: error: %s\n", err);
        free(err);
        strmap_free(&base);
        arena_free(base_arena);
        return EXIT_FATAL;
    }
    char from[4200];
    if (a->baseline) snprintf(from, sizeof from, "baseline %s", a->baseline);
    else snprintf(from, sizeof from, "run %lld", (long long)d.from.id);
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "from", from);
    cJSON_AddNumberToObject(doc, "to_run", (double)d.to.id);
    if (a->format != FORMAT_JSON)
        fprintf(out, "from %s to run %lld: %zu new, %zu fixed, %zu unchanged\n", from, (long long)d.to.id,
                d.part[STORE_DIFF_NEW].len, d.part[STORE_DIFF_FIXED].len, d.part[STORE_DIFF_UNCHANGED].len);
    for (int k = 0; k < 3; k++) {
        Table t = {6, {0}};
        cJSON *arr = cJSON_AddArrayToObject(doc, diff_names[k]);
        for (size_t i = 0; i < d.part[k].len; i++) diff_entry(&t, arr, &d.part[k].data[i], a->evidence_all);
        if (a->format != FORMAT_JSON && d.part[k].len) {
            fprintf(out, "\n%s:\n", diff_names[k]);
            table_print(out, &t);
        }
        table_free(&t);
    }
    if (a->format == FORMAT_JSON) print_json(out, doc);
    else cJSON_Delete(doc);
    int rc = d.failing ? EXIT_FINDINGS : EXIT_CLEAN;
    store_diff_free(&d);
    strmap_free(&base);
    arena_free(base_arena);
    return rc;
}

static int cmd_triage(Store *db, const ReportArgs *a, FILE *out) {
    if (a->npos < 2) return usage("triage needs a FINGERPRINT%s", "");
    if (!a->status) return usage("triage needs --status (confirmed, false-positive, intentional, wont-fix or open)%s", "");
    if (!store_triage_status_valid(a->status))
        return usage("unknown status '%s' (confirmed, false-positive, intentional, wont-fix or open)", a->status);
    if (strcmp(a->status, "open") && (!a->reason || !a->reason[0]))
        return usage("triage --status %s needs --reason TEXT (why, for the next reader)", a->status);
    const char *author = a->author;
    if (!author || !author[0]) author = getenv("RACECHECK_AUTHOR");
    if (!author || !author[0]) author = getenv("USER");
    if (!author || !author[0]) author = "unknown";
    char at[32], *full = NULL, *err = NULL;
    cli_iso_time(time(NULL), at, sizeof at);
    if (!store_triage(db, a->pos[1], a->status, a->reason, author, at, &full, &err)) {
        fprintf(stderr, "racecheck report: error: %s\n", err);
        free(err);
        return EXIT_FATAL;
    }
    if (a->format == FORMAT_JSON) {
        cJSON *doc = cJSON_CreateObject();
        cJSON_AddStringToObject(doc, "fingerprint", full);
        cJSON_AddStringToObject(doc, "status", a->status);
        cJSON_AddStringToObject(doc, "reason", a->reason ? a->reason : "");
        cJSON_AddStringToObject(doc, "author", author);
        cJSON_AddStringToObject(doc, "at", at);
        print_json(out, doc);
    } else {
        fprintf(out, "%s: %s (%s, by %s)\n", full, a->status, a->reason ? a->reason : "", author);
    }
    free(full);
    return EXIT_CLEAN;
}

static int cmd_export(Store *db, const ReportArgs *a, FILE *out) {
    FindingList fl;
    findings_init(&fl);
    DiagSink diags;
    diag_init(&diags);
    StoreRun run;
    if (!load_run(db, a->run, &fl, &diags, &run)) {
        findings_free(&fl);
        diag_free(&diags);
        return EXIT_FATAL;
    }
    /* what racecheck would report now: triaged-away findings only on the
     * HTML page (whose status filter hides them by default) */
    FindingList shown = {fl.arena, {0}};
    size_t suppressed = 0;
    for (size_t i = 0; i < fl.items.len; i++) {
        bool hide = store_triage_suppresses(fl.items.data[i].triage);
        suppressed += hide;
        if (!hide || a->format == FORMAT_HTML) vec_push(&shown.items, fl.items.data[i]);
    }
    size_t nrules;
    const ReportRule *rules = cli_report_rules(&nrules);
    ReportOptions ro = {run.root, false, true, run.version ? run.version : RACECHECK_VERSION, (size_t)run.units,
                        (size_t)run.units_failed, rules, nrules, run.exit_code, suppressed, 0, a->evidence_all, NULL};
    int werr;
    switch (a->format) {
    case FORMAT_JSON: werr = report_json(out, &shown, &diags, &ro); break;
    case FORMAT_JSONL: werr = report_jsonl(out, &shown, &diags, &ro); break;
    case FORMAT_SARIF: werr = report_sarif(out, &shown, &diags, &ro); break;
    case FORMAT_GITHUB: werr = report_github(out, &shown, &diags, &ro); break;
    case FORMAT_HTML: werr = report_html(out, &shown, &diags, &ro); break;
    default: report_text(out, &shown, &ro); werr = 0;
    }
    vec_free(&shown.items);
    store_run_free(&run);
    findings_free(&fl);
    diag_free(&diags);
    return werr ? EXIT_FATAL : EXIT_CLEAN;
}

int cli_report_main(int argc, char **argv) {
    ReportArgs a;
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc;
    if (a.help || !a.npos) {
        report_usage(a.help ? stdout : stderr);
        return a.help ? EXIT_CLEAN : EXIT_FATAL;
    }
    const char *cmd = a.pos[0];
    int (*fn)(Store *, const ReportArgs *, FILE *) =
        !strcmp(cmd, "runs") ? cmd_runs : !strcmp(cmd, "list") ? cmd_list : !strcmp(cmd, "diff") ? cmd_diff
        : !strcmp(cmd, "triage") ? cmd_triage : !strcmp(cmd, "export") ? cmd_export : NULL;
    if (!fn) return usage("unknown subcommand '%s' (runs, list, diff, triage or export)", cmd);
    if (fn != cmd_export && a.format != FORMAT_TEXT && a.format != FORMAT_JSON)
        return usage("'%s' prints text or json (other formats: racecheck report export)", cmd);
    if (fn == cmd_export && !a.format_given)
        return usage("export needs --format (json, jsonl, sarif, github, html or text)%s", "");
    if (fn != cmd_diff && a.npos > (fn == cmd_triage ? 2u : 1u)) return usage("unexpected argument '%s'", a.pos[a.npos - 1]);
    if (fn == cmd_diff && a.baseline && a.npos > 2) return usage("unexpected argument '%s'", a.pos[2]);

    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, ".");
    bool is_default;
    char *path = cli_db_path(a.db, cwd, &is_default);
    if (!path) return usage("'report' needs a database (--db none has none)%s", "");
    char *err = NULL;
    /* only triage writes: the others open the file read-only (a 0444 file,
     * a read-only folder, a database another user owns) */
    Store *db = fn == cmd_triage ? store_open(path, false, &err) : store_open_readonly(path, &err);
    if (!db) {
        fprintf(stderr, "racecheck report: error: %s\n", err);
        free(err);
        free(path);
        return EXIT_FATAL;
    }
    a.db = path;
    FILE *out = stdout;
    if (a.output && !(out = fopen(a.output, "w"))) {
        fprintf(stderr, "racecheck report: error: cannot write %s: %s\n", a.output, strerror(errno));
        rc = EXIT_FATAL;
    } else {
        rc = fn(db, &a, out);
        if (fflush(out) != 0 || ferror(out)) rc = EXIT_FATAL;
        if (out != stdout) fclose(out);
    }
    store_close(db);
    free(path);
    return rc;
}
