/*
 * results.c - from findings to exit status: triage decisions from the
 * findings database hide false-positive and intentional findings, a
 * baseline hides what it already has, --fail-on decides which of the rest
 * fail the run, the emitter of --format writes them, and the run is stored
 * (docs/ci.md, docs/database.md). A database failure never loses the
 * output: with an explicit --db it makes the exit status 2 after the
 * output is written; with the implicit default database it is a warning.
 */
#include "results.h"

#include "../checks/checks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef RACECHECK_VERSION
#define RACECHECK_VERSION "0.0.0"
#endif

static const char *const format_names[] = {"text", "json", "jsonl", "sarif", "github", "html"};

bool cli_format_from_name(const char *name, OutputFormat *f) {
    for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
        if (!strcmp(name, format_names[i])) {
            *f = (OutputFormat)i;
            return true;
        }
    return false;
}

bool cli_fail_on_from_name(const char *name, int *fail_on) {
    if (!strcmp(name, "error")) *fail_on = SEV_ERROR;
    else if (!strcmp(name, "warning")) *fail_on = SEV_WARNING;
    else if (!strcmp(name, "note")) *fail_on = SEV_NOTE;
    else if (!strcmp(name, "never")) *fail_on = CLI_FAIL_NEVER;
    else return false;
    return true;
}

void cli_iso_time(time_t t, char *buf, size_t n) {
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const ReportRule *cli_report_rules(size_t *n) {
    static ReportRule rules[64];
    static size_t len;
    if (!len)
        for (size_t i = 0; i < checks_registry_len && i < 64; i++)
            rules[len++] = (ReportRule){checks_registry[i].name, checks_registry[i].severity,
                                        checks_registry[i].summary, checks_rule_doc(checks_registry[i].name)};
    *n = len;
    return rules;
}

char *cli_db_path(const char *opt, const char *root, bool *is_default) {
    *is_default = false;
    if (opt) return strcmp(opt, "none") ? xstrdup(opt) : NULL;
    *is_default = true;
    const char *env = getenv("RACECHECK_DB");
    if (env && env[0]) return strcmp(env, "none") ? xstrdup(env) : NULL;
    return xasprintf("%s/.racecheck/racecheck.db", root);
}

/* ---- baselines ---------------------------------------------------------- */

bool cli_baseline_load(const char *ref, Store *db, StrMap *set, Arena *a, char **err) {
    struct stat st;
    if (stat(ref, &st) == 0) return report_baseline_read(ref, set, a, err);
    if (!db) {
        *err = xasprintf("baseline %s: no such file, and no findings database to look up a run in", ref);
        return false;
    }
    int64_t id;
    if (!store_resolve_run(db, ref, &id, err)) {
        char *inner = *err;
        *err = xasprintf("baseline %s: no such file; as a run: %s", ref, inner);
        free(inner);
        return false;
    }
    return store_run_fingerprints(db, id, set, a, err);
}

/* ---- what a run records ------------------------------------------------ */

/* argv joined, arguments with special characters in single quotes. */
static char *command_line(int argc, char **argv) {
    size_t cap = 64, len = 0;
    char *s = xmalloc(cap);
    s[0] = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool plain = a[0] != 0;
        for (const char *p = a; *p && plain; p++)
            plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=+./,:@%", *p) != NULL;
        size_t need = len + 4 * strlen(a) + 4;
        if (need > cap) s = xrealloc(s, cap = need * 2);
        if (i) s[len++] = ' ';
        if (plain) {
            len += (size_t)sprintf(s + len, "%s", a);
            continue;
        }
        s[len++] = '\'';
        for (const char *p = a; *p; p++) {
            if (*p == '\'') len += (size_t)sprintf(s + len, "'\\''");
            else s[len++] = *p;
        }
        s[len++] = '\'';
        s[len] = 0;
    }
    return s;
}

/* FNV-1a over what changes the analysis besides the sources: the contents
 * of every rules file loaded, the --entry names and the compiler flags. */
static char *config_hash(const CliOptions *o, const ApiModels *m) {
    uint64_t h = hash_str("racecheck-config-v1");
    for (size_t i = 0; m && i < m->files.len; i++) {
        size_t len = 0;
        int e;
        char *text = base_read_file(m->files.data[i], &len, &e);
        const char *base = strrchr(m->files.data[i], '/');
        h = hash_mix(h, hash_str(base ? base + 1 : m->files.data[i]));
        if (text) h = hash_mix(h, hash_bytes(text, len, 0));
        free(text);
    }
    for (size_t i = 0; i < o->nentries; i++) h = hash_mix(h, hash_str(o->entries[i]));
    for (size_t i = 0; i < o->nexclusive; i++) h = hash_mix(h, hash_str(o->exclusive[i]));
    for (size_t i = 0; i < o->nclang_flags; i++) h = hash_mix(h, hash_str(o->clang_flags[i]));
    return xasprintf("%016llx", (unsigned long long)h);
}

/* HEAD of the git repository holding root, or NULL. */
static char *git_commit(const char *root) {
    char *q = xmalloc(4 * strlen(root) + 3), *p = q;
    *p++ = '\'';
    for (const char *c = root; *c; c++) {
        if (*c == '\'') { memcpy(p, "'\\''", 4); p += 4; }
        else *p++ = *c;
    }
    *p++ = '\'';
    *p = 0;
    char *cmd = xasprintf("git -C %s rev-parse --verify -q HEAD 2>/dev/null", q);
    free(q);
    FILE *f = popen(cmd, "r");
    free(cmd);
    if (!f) return NULL;
    char buf[128] = "";
    char *ok = fgets(buf, sizeof buf, f);
    int status = pclose(f);
    buf[strcspn(buf, "\r\n")] = 0;
    return ok && status == 0 && strlen(buf) >= 40 ? xstrdup(buf) : NULL;
}

/* ---- the end of a run --------------------------------------------------- */

static int emit(FILE *out, OutputFormat fmt, const FindingList *fl, const DiagSink *d, const ReportOptions *ro) {
    switch (fmt) {
    case FORMAT_JSON: return report_json(out, fl, d, ro);
    case FORMAT_JSONL: return report_jsonl(out, fl, d, ro);
    case FORMAT_SARIF: return report_sarif(out, fl, d, ro);
    case FORMAT_GITHUB: return report_github(out, fl, d, ro);
    case FORMAT_HTML: return report_html(out, fl, d, ro);
    default: report_text(out, fl, ro); return 0;
    }
}

int cli_finish_run(const CliOptions *o, int argc, char **argv, RunResult *r) {
    bool fatal = false, is_default;
    char *err = NULL;
    char *path = cli_db_path(o->db, r->root, &is_default);
    Store *db = NULL;
    if (path && !(db = store_open(path, true, &err))) {
        fprintf(stderr, "racecheck: %s: %s\n", is_default ? "warning" : "error", err);
        if (is_default) fprintf(stderr, "racecheck: note: continuing without the findings database (--db none hides this)\n");
        fatal |= !is_default;
        free(err);
        err = NULL;
    }
    FindingList *all = r->findings;
    if (db && !store_load_triage(db, all, &err)) {
        fprintf(stderr, "racecheck: error: %s\n", err);
        fatal = true;
        free(err);
        err = NULL;
    }
    StrMap base;
    strmap_init(&base);
    Arena *base_arena = arena_new();
    if (o->baseline && !cli_baseline_load(o->baseline, db, &base, base_arena, &err)) {
        fprintf(stderr, "racecheck: error: %s\n", err);
        fatal = true;
        free(err);
        err = NULL;
    }

    /* the findings reported: neither triaged away nor in the baseline
     * (the HTML page also gets the triaged-away ones; they never fail) */
    /* a unit the front end crashed on was not analysed: the run is not a
     * clean bill of health whatever it found */
    if (r->crashed) fatal = true;
    FindingList shown = {all->arena, {0}};
    size_t suppressed = 0, baselined = 0;
    int rc = EXIT_CLEAN;
    for (size_t i = 0; i < all->items.len; i++) {
        const Finding *f = &all->items.data[i];
        if (store_triage_suppresses(f->triage)) {
            suppressed++;
            if (o->format == FORMAT_HTML) vec_push(&shown.items, *f); /* the page hides them by default */
        } else if (base.len && strmap_get(&base, f->fingerprint)) baselined++;
        else {
            vec_push(&shown.items, *f);
            if (o->fail_on != CLI_FAIL_NEVER && (int)f->severity >= o->fail_on) rc = EXIT_FINDINGS;
        }
    }

    size_t nrules;
    const ReportRule *rules = cli_report_rules(&nrules);
    ReportOptions ro = {r->root, r->color && o->format == FORMAT_TEXT, !o->no_source, RACECHECK_VERSION, r->parsed,
                        r->failed, rules, nrules, fatal ? EXIT_FATAL : rc, suppressed, baselined,
                        o->evidence_all, r->overview};
    FILE *out = stdout;
    if (o->output && !(out = fopen(o->output, "w"))) {
        fprintf(stderr, "racecheck: error: cannot write %s: %s\n", o->output, strerror(errno));
        fatal = true;
    } else {
        int werr = emit(out, o->format, &shown, r->diags, &ro);
        if (o->show_suppressed && o->format == FORMAT_TEXT && r->sup) cli_print_suppressed(out, r->sup, r->root);
        if (fflush(out) != 0 || ferror(out)) werr = -1;
        if (out != stdout) fclose(out);
        if (werr) {
            fprintf(stderr, "racecheck: error: writing the findings failed\n");
            fatal = true;
        }
    }
    if (!o->quiet) {
        size_t nf = shown.items.len;
        fprintf(stderr, "racecheck: %zu finding%s in %zu translation unit%s, %zu thread%s", nf, nf == 1 ? "" : "s",
                r->parsed, r->parsed == 1 ? "" : "s", r->threads, r->threads == 1 ? "" : "s");
        if (r->failed) fprintf(stderr, " (%zu unit%s with parse errors)", r->failed, r->failed == 1 ? "" : "s");
        if (r->crashed)
            fprintf(stderr, "; the C front end crashed on %zu unit%s", r->crashed, r->crashed == 1 ? "" : "s");
        if (r->sup && r->sup->suppressed.items.len) fprintf(stderr, "; %zu suppressed", r->sup->suppressed.items.len);
        if (suppressed) fprintf(stderr, "; %zu hidden by triage", suppressed);
        if (baselined) fprintf(stderr, "; %zu in the baseline", baselined);
        if (r->unknown_calls)
            fprintf(stderr, "; %zu call%s to %zu unknown function%s (--list-unknown)", r->unknown_calls,
                    r->unknown_calls == 1 ? "" : "s", r->unknown_names, r->unknown_names == 1 ? "" : "s");
        fputc('\n', stderr);
    }

    if (db) {
        char started[32], *cmd = command_line(argc, argv), *cfg = config_hash(o, r->models);
        char *git = git_commit(r->root);
        cli_iso_time(r->started, started, sizeof started);
        StoreRunInfo info = {started, RACECHECK_VERSION, cmd, cfg, git, r->root, (long)r->parsed, (long)r->failed,
                             fatal ? EXIT_FATAL : rc};
        int64_t id;
        if (!store_save_run(db, &info, all, r->diags, &id, &err)) {
            fprintf(stderr, "racecheck: %s: %s\n", is_default ? "warning" : "error", err);
            fatal |= !is_default;
            free(err);
        } else if (!o->quiet) {
            fprintf(stderr, "racecheck: run %lld stored in %s\n", (long long)id, path);
        }
        free(cmd);
        free(cfg);
        free(git);
        store_close(db);
    }
    vec_free(&shown.items);
    strmap_free(&base);
    arena_free(base_arena);
    free(path);
    return fatal ? EXIT_FATAL : rc;
}
