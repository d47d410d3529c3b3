/*
 * facts_cmd.c - `racecheck extract` and `racecheck analyze`: the parsing of
 * a program spread over build jobs or CI machines (issue 10,
 * docs/ci.md, "Distributing the parsing").
 *
 * `extract` takes the inputs of a normal run (-p BUILD_DIR [FILE...],
 * FILE.c... -- FLAGS, DIR), parses them as a normal run does (through the
 * IR cache) and writes one facts file (frontend/facts.h) holding every unit
 * of the invocation, or one --shard K/N of them. `analyze FACTS...` reads
 * any number of facts files, checks that each was extracted by this
 * racecheck executable with these API models and this configuration, puts
 * the units in the order a direct run would have them (their position in
 * the compile database, or among the files given) and hands them to the
 * rest of the driver: model, checks, output, findings database. Its output
 * is byte for byte that of one racecheck run on all the units
 * (tools/extract_test.sh checks it).
 *
 * Each subcommand has its own option table, built from the rows of
 * racecheck's (options.c) so an option reads the same in every --help; an
 * option of the other subcommand is refused with a word on where it goes.
 */
#include "facts_cmd.h"
#include "optable.h"

#include "../base/base.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the option tables ---------------------------------------------------- */

enum { OPT_SHARD = CLI_OPT_EXTRA };

/* A row: copied from racecheck's table (copy names it: "-p", "--jobs",
 * "DIR"; help, when given, replaces its help) or given here. */
typedef struct SubRow {
    const char *copy;
    CliOptSpec row;
    const char *help;
} SubRow;

#define COPY(key) {.copy = key}
#define COPY_HELP(key, text) {.copy = key, .help = text}
#define HEAD(h) {.row = {.heading = h}}
#define LINE(left, text) {.row = {.metavar = left, .help = text}}

static const SubRow extract_rows[] = {
    HEAD("Inputs (those of racecheck):"),
    COPY("-p"), COPY("DIR"), COPY("FILE.c..."), COPY("-- CLANG_FLAGS"),
    HEAD("Extraction:"),
    {.row = {NULL, "output", 'o', required_argument, "FACTS", "a file name",
            "write the facts to FACTS (required): every unit of this invocation in one file, replaced "
            "atomically. By convention FILE.rcfacts", 'o'}},
    {.row = {NULL, "shard", 0, required_argument, "K/N", "K/N (1 <= K <= N)",
            "extract only the K-th of N shares of the units: the units (after the configuration's "
            "include/exclude, in the order of the database or the command line) are dealt out in turn, unit i "
            "(from 0) to shard i mod N + 1. A shard without units writes a facts file without units",
            OPT_SHARD}},
    COPY("--jobs"), COPY("--rules"), COPY("--config"), COPY("--no-config"), COPY("--cache"), COPY("--no-cache"),
    HEAD("Output:"),
    COPY_HELP("--color", "colour the diagnostics: auto (the default: when a terminal), always (--color alone) or "
                         "never"),
    COPY_HELP("--quiet", "no progress or summary on standard error"), COPY("--help"),
    HEAD("Environment:"),
    COPY("RACECHECK_RULES"), COPY("RACECHECK_CACHE"), COPY("NO_COLOR"),
    LINE("RACECHECK_STATS=1", "print the parse time and the IR cache's counts to standard error"),
};

static const SubRow analyze_rows[] = {
    HEAD("Inputs:"),
    LINE("FACTS...", "facts files written by racecheck extract (in any order; each unit in one of them)"),
    HEAD("Analysis:"),
    COPY("--entry"), COPY("--library"), COPY("--rules"),
    COPY_HELP("--config", "project configuration (default: the nearest .racecheck.json in or above the current "
                          "directory); it must be the one the facts were extracted with"),
    COPY("--no-config"),
    HEAD("Output:"),
    COPY("--format"), COPY("--output"), COPY("--db"), COPY("--color"), COPY("--no-source"), COPY("--evidence"),
    COPY("--quiet"), COPY("--show-suppressed"),
    HEAD("CI gating (docs/ci.md):"),
    COPY("--fail-on"), COPY("--baseline"),
    HEAD("Modes:"),
    COPY("--dump-ir"), COPY("--verify"), COPY("--explain-pair"), COPY("--list-models"), COPY("--help"),
    HEAD("Environment:"),
    COPY("RACECHECK_RULES"), COPY("NO_COLOR"), COPY("RACECHECK_STATS=1"), COPY("RACECHECK_DB"),
};

#define NROWS(a) (sizeof(a) / sizeof *(a))

/* The table of rows (malloc'd, *n rows). */
static CliOptSpec *build_table(const SubRow *rows, size_t nrows, size_t *n) {
    CliOptSpec *t = xcalloc(nrows, sizeof *t);
    for (size_t i = 0; i < nrows; i++) {
        const CliOptSpec *from = rows[i].copy ? cli_option_row(rows[i].copy) : &rows[i].row;
        if (!from) { /* a row racecheck's table lost: a programming error */
            fprintf(stderr, "racecheck: internal error: no option row '%s'\n", rows[i].copy);
            abort();
        }
        t[i] = *from;
        if (rows[i].help) t[i].help = rows[i].help;
    }
    *n = nrows;
    return t;
}

/* The row of table for an option argument ("--name[=v]" or "-x..."), or NULL. */
static const CliOptSpec *row_of(const CliOptSpec *t, size_t n, const char *arg) {
    for (size_t i = 0; i < n; i++) {
        const CliOptSpec *s = &t[i];
        if (s->heading || (!s->name && !s->letter)) continue;
        if (arg[1] == '-') {
            size_t len = strcspn(arg + 2, "=");
            if (s->name && strlen(s->name) == len && !strncmp(arg + 2, s->name, len)) return s;
        } else if (s->letter && s->letter == arg[1]) {
            return s;
        }
    }
    return NULL;
}

/* An option of racecheck that this subcommand does not take, named with
 * where it belongs. False after the message. */
static bool refuse_misplaced(const char *prog, bool extract, const CliOptSpec *mine, size_t nmine,
                             const CliOptSpec *other, size_t nother, int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) break;
        if (a[0] != '-' || !a[1]) continue;
        const CliOptSpec *s = row_of(mine, nmine, a);
        if (s) { /* skip a value given as the next argument */
            bool attached = a[1] == '-' ? strchr(a, '=') != NULL : a[2] != 0;
            if (s->has_arg == required_argument && !attached) i++;
            continue;
        }
        size_t len = a[1] == '-' ? strcspn(a, "=") : 2;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), a);
        if (row_of(other, nother, a)) {
            fprintf(stderr,
                    extract ? "%s: error: option '%s' is for the analysis: give it to racecheck analyze (extract "
                              "only parses)\n"
                            : "%s: error: option '%s' chooses or parses the inputs: give it to racecheck extract "
                              "(analyze reads the units from facts files)\n",
                    prog, name);
        } else if (cli_option_row(name)) {
            fprintf(stderr, "%s: error: option '%s' is not an option of %s; it is one of racecheck itself\n", prog,
                    name, prog);
        } else {
            continue; /* unknown everywhere: the parser says so */
        }
        fprintf(stderr, "Try '%s --help' for more information.\n", prog);
        return false;
    }
    return true;
}

static bool take_extra(void *ctx, int id, const char *v, const char *spelled) {
    CliExtract *x = ctx;
    if (id != OPT_SHARD) return cli_opt_usage_error("racecheck extract", "option '%s' is not handled", spelled);
    char *end;
    errno = 0;
    unsigned long k = strtoul(v, &end, 10), n = 0;
    bool ok = end != v && *end == '/' && v[0] != '-' && errno == 0;
    if (ok) {
        const char *ns = end + 1;
        n = strtoul(ns, &end, 10);
        ok = end != ns && !*end && ns[0] != '-' && errno == 0;
    }
    if (!ok || k < 1 || n < 1 || k > n || n > 1000000)
        return cli_opt_usage_error("racecheck extract", "option --shard needs K/N with 1 <= K <= N (got '%s')", v);
    x->shard = (unsigned)k;
    x->shards = (unsigned)n;
    return true;
}

static void usage(FILE *out, bool extract, const CliOptSpec *t, size_t n) {
    if (extract)
        fputs("Usage: racecheck extract [options] -o FACTS -p BUILD_DIR [FILE.c...]\n"
              "       racecheck extract [options] -o FACTS FILE.c... [-- CLANG_FLAGS...]\n"
              "       racecheck extract [options] -o FACTS DIR [-- CLANG_FLAGS...]\n"
              "\n"
              "Parses translation units as racecheck does and writes their IR to one facts\n"
              "file, without analysing them. 'racecheck analyze FACTS...' links the facts of\n"
              "any number of extractions and analyses them as one program, with the findings\n"
              "of one racecheck run on all their units: a build system (one unit per job) or\n"
              "a CI matrix (one --shard per machine) spreads the parsing (docs/ci.md).\n"
              "A facts file records the racecheck executable, the API models (--rules) and\n"
              "the configuration (--config) it was extracted with; analyze refuses facts\n"
              "that do not match its own.\n"
              "\n",
              out);
    else
        fputs("Usage: racecheck analyze [options] FACTS...\n"
              "\n"
              "Links the units of facts files written by 'racecheck extract' and analyses\n"
              "them as one program: the findings, the output in every format, the exit\n"
              "status and the run stored in the findings database are those of one racecheck\n"
              "run on the same units (docs/ci.md). Every facts file must come from this\n"
              "racecheck executable, with the same API models (--rules) and configuration\n"
              "(--config; default: the .racecheck.json in or above the current directory);\n"
              "a unit may be in only one of them. Run it where the sources are, from the\n"
              "directory a direct run would use: the text output quotes source lines and\n"
              "paths are shown relative to the current directory.\n"
              "\n",
              out);
    cli_opt_help(out, t, n);
    if (extract)
        fputs("\nExit status: 0 the facts file was written (units with parse errors included:\n"
              "analyze reports them as a direct run would), 2 usage or fatal error (nothing\n"
              "written).\n",
              out);
    else
        fputs("\nExit status: that of racecheck: 0 no findings at or above --fail-on, 1 such\n"
              "findings (or --verify mismatches), 2 usage or fatal error (an unreadable,\n"
              "damaged or mismatched facts file, a unit in two of them).\n",
              out);
}

int cli_facts_main(int argc, char **argv) {
    bool extract = !strcmp(argv[1], "extract");
    const char *prog = extract ? "racecheck extract" : "racecheck analyze";
    size_t n, nother;
    CliOptSpec *t = extract ? build_table(extract_rows, NROWS(extract_rows), &n)
                            : build_table(analyze_rows, NROWS(analyze_rows), &n);
    CliOptSpec *other = extract ? build_table(analyze_rows, NROWS(analyze_rows), &nother)
                                : build_table(extract_rows, NROWS(extract_rows), &nother);
    CliExtract x = {0};
    CliOptions o;
    memset(&o, 0, sizeof o);
    int rc = EXIT_FATAL;
    if (!refuse_misplaced(prog, extract, t, n, other, nother, argc - 1, argv + 1)) goto out;
    if (!cli_parse_table(t, n, prog, argc - 1, argv + 1, &o, take_extra, &x)) goto out;
    if (o.help) {
        usage(stdout, extract, t, n);
        rc = EXIT_CLEAN;
        goto out;
    }
    if (extract) {
        if (!o.output) {
            cli_opt_usage_error(prog, "no facts file: name it with -o FACTS%s", "");
            goto out;
        }
        if (!o.build_dir && !o.ninputs) {
            cli_opt_usage_error(prog, "no input files%s", "");
            goto out;
        }
        x.output = o.output;
    } else {
        if (o.nclang_flags) {
            cli_opt_usage_error(prog, "compiler flags (after --) are for racecheck extract, not analyze%s", "");
            goto out;
        }
        if (!o.ninputs && !o.list_models) {
            cli_opt_usage_error(prog, "no facts files%s", "");
            goto out;
        }
    }
    rc = cli_run(&o, extract ? CLI_RUN_EXTRACT : CLI_RUN_ANALYZE, extract ? &x : NULL, argc, argv);
out:
    cli_options_free(&o);
    free(t);
    free(other);
    return rc;
}

/* ---- extract -------------------------------------------------------------- */

typedef struct ShardCtx {
    size_t next;
    unsigned shard, shards;
} ShardCtx;

static bool in_shard(void *ctx, const char *file) {
    (void)file;
    ShardCtx *s = ctx;
    return s->next++ % s->shards == s->shard - 1;
}

uint64_t *cli_extract_select(const CliOptions *o, const CliExtract *x, Config *cfg, FeInputs *in) {
    /* positions in the whole database when only some of its files are
     * extracted (the first entry of a file, as fe_inputs_from_cdb keeps) */
    FeInputs full;
    memset(&full, 0, sizeof full);
    const FeInputs *ref = in;
    if (o->build_dir && o->ninputs) {
        DiagSink scratch;
        diag_init(&scratch);
        if (fe_inputs_from_cdb(&full, o->build_dir, NULL, 0, NULL, 0, &scratch) == FE_OK) ref = &full;
        diag_free(&scratch);
    }
    Arena *a = arena_new();
    StrMap pos;
    strmap_init(&pos);
    for (size_t i = 0; i < ref->nunits; i++)
        if (!strmap_get(&pos, ref->units[i].file))
            strmap_put(&pos, arena_strdup(a, ref->units[i].file), (void *)(uintptr_t)(i + 1));
    fe_inputs_free(&full);
    cli_select_units(cfg, in);
    if (x->shards) {
        ShardCtx s = {0, x->shard, x->shards};
        fe_inputs_filter(in, in_shard, &s);
    }
    uint64_t *p = xcalloc(in->nunits ? in->nunits : 1, sizeof *p);
    for (size_t i = 0; i < in->nunits; i++) {
        uintptr_t v = (uintptr_t)strmap_get(&pos, in->units[i].file);
        p[i] = v ? (uint64_t)(v - 1) : UINT64_MAX; /* not in the database as a whole: last */
    }
    strmap_free(&pos);
    arena_free(a);
    return p;
}

/* Diagnostics about this machine's IR cache stay out of the facts: a
 * direct run elsewhere would not have them. */
static bool not_about_cache(const Diag *d) {
    return strncmp(d->message, "cannot write the IR cache entry", 31) != 0;
}

int cli_extract_write(const CliExtract *x, const FeFactsInfo *key, const FeInputs *in, IrUnit **units,
                      const uint64_t *positions, const DiagSink *diags, const CliExtractDiags *ed) {
    FeFactsUnit *fu = xcalloc(in->nunits ? in->nunits : 1, sizeof *fu);
    for (size_t i = 0; i < in->nunits; i++) fu[i] = (FeFactsUnit){positions[i], in->units[i].file, units[i]};
    char *err = NULL;
    bool ok = fe_facts_write(x->output, key, fu, in->nunits, diags, ed->models_end, ed->inputs_end, ed->parse_start,
                             diags->len, not_about_cache, &err);
    free(fu);
    if (!ok) {
        fprintf(stderr, "racecheck: error: %s\n", err);
        free(err);
        return EXIT_FATAL;
    }
    return EXIT_CLEAN;
}

void cli_extract_summary(const CliOptions *o, const CliExtract *x, const FeInputs *in, IrUnit *const *units,
                         int rc) {
    if (o->quiet || rc != EXIT_CLEAN) return;
    size_t failed = 0;
    for (size_t i = 0; i < in->nunits; i++)
        if (!units[i] || units[i]->parse_failed) failed++;
    fprintf(stderr, "racecheck: %zu translation unit%s", in->nunits, in->nunits == 1 ? "" : "s");
    if (x->shards) fprintf(stderr, " (shard %u/%u)", x->shard, x->shards);
    fprintf(stderr, " extracted to %s", x->output);
    if (failed) fprintf(stderr, " (%zu with parse errors)", failed);
    if (!in->nunits) fprintf(stderr, " (the configuration's exclude/include%s left none)", x->shards ? " and --shard" : "");
    fputc('\n', stderr);
}

/* ---- analyze -------------------------------------------------------------- */

/* Does f come from this racecheck, with these models and configuration?
 * Prints why not. */
static bool facts_match(const char *path, const FeFacts *f, const FeFactsInfo *key) {
    const FeFactsInfo *i = &f->info;
    if (strcmp(i->version, key->version)) {
        fprintf(stderr, "racecheck: error: %s: extracted by racecheck %s, this is racecheck %s: extract and analyze "
                "with the same racecheck\n", path, i->version, key->version);
        return false;
    }
    if (i->build != key->build) {
        fprintf(stderr, "racecheck: error: %s: extracted by another build of racecheck %s (executable %016llx, this "
                "one %016llx): extract and analyze with the same racecheck executable\n", path, i->version,
                (unsigned long long)i->build, (unsigned long long)key->build);
        return false;
    }
    if (!hash_key_equal(i->config, key->config)) {
        fprintf(stderr, "racecheck: error: %s: extracted with other API models or another configuration than this "
                "run's (extract: rules %s, configuration %s; analyze: rules %s, configuration %s): give analyze the "
                "--rules and --config the extract had, or extract again\n", path, i->rules ? i->rules : "?",
                i->config_file ? i->config_file : "none", key->rules ? key->rules : "?",
                key->config_file ? key->config_file : "none");
        return false;
    }
    return true;
}

typedef struct Item {
    FeFactsUnit *u;
    size_t facts, ord; /* which facts file (command-line order), which unit in it */
} Item;

static int cmp_item(const void *x, const void *y) {
    const Item *a = x, *b = y;
    if (a->u->position != b->u->position) return a->u->position < b->u->position ? -1 : 1;
    if (a->facts != b->facts) return a->facts < b->facts ? -1 : 1;
    return a->ord < b->ord ? -1 : a->ord > b->ord;
}

static char *diag_key(const Diag *d) {
    return xasprintf("%d\x1f%s\x1f%u\x1f%u\x1f%s", (int)d->level, d->file ? d->file : "\x1e", d->line, d->col,
                     d->message);
}

/* The inputs' diagnostics of every facts file, each as often as the facts
 * file that has it most often: every shard read the same database, a
 * direct run reads it once. */
static void merge_input_diags(FeFacts **all, size_t n, DiagSink *diags) {
    Arena *a = arena_new();
    StrMap most;
    strmap_init(&most);
    for (size_t f = 0; f < n; f++) {
        StrMap here;
        strmap_init(&here);
        const DiagSink *s = &all[f]->input_diags;
        for (size_t i = 0; i < s->len; i++) {
            const Diag *d = &s->items[i];
            char *k = diag_key(d);
            const char *key = arena_strdup(a, k);
            free(k);
            bool ins;
            void **c = strmap_slot(&here, key, &ins);
            const char *stored = key;
            *c = (void *)((uintptr_t)*c + 1);
            uintptr_t count = (uintptr_t)*c;
            void **m = strmap_slot(&most, stored, &ins);
            if ((uintptr_t)*m < count) {
                *m = (void *)count;
                diag_report(diags, d->level, d->file, d->line, d->col, "%s", d->message);
            }
        }
        strmap_free(&here);
    }
    strmap_free(&most);
    arena_free(a);
}

bool cli_analyze_load(const CliOptions *o, const FeFactsInfo *key, FeInputs *in, IrUnit ***units, DiagSink *diags) {
    size_t n = o->ninputs;
    FeFacts **all = xcalloc(n ? n : 1, sizeof *all);
    bool ok = true;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        char *err = NULL;
        all[i] = fe_facts_read(o->inputs[i], &err);
        if (!all[i]) {
            fprintf(stderr, "racecheck: error: %s: %s\n", o->inputs[i], err);
            free(err);
            ok = false;
        } else if (!facts_match(o->inputs[i], all[i], key)) {
            ok = false;
        } else {
            total += all[i]->nunits;
        }
    }
    Item *items = NULL;
    StrMap where;
    strmap_init(&where);
    if (!ok) goto done;
    if (!total) {
        fprintf(stderr, "racecheck: error: the facts file%s hold%s no translation unit\n", n == 1 ? "" : "s",
                n == 1 ? "s" : "");
        ok = false;
        goto done;
    }
    items = xcalloc(total, sizeof *items);
    size_t k = 0;
    for (size_t f = 0; f < n; f++)
        for (size_t u = 0; u < all[f]->nunits; u++) items[k++] = (Item){&all[f]->units[u], f, u};
    qsort(items, total, sizeof *items, cmp_item);
    /* a unit once: a direct run never has a file twice */
    for (size_t i = 0; i < total && ok; i++) {
        bool ins;
        void **slot = strmap_slot(&where, items[i].u->file, &ins);
        if (!ins) {
            size_t first = (size_t)(uintptr_t)*slot - 1;
            fprintf(stderr, "racecheck: error: %s is in %s and in %s: extract each unit once\n", items[i].u->file,
                    o->inputs[first], o->inputs[items[i].facts]);
            ok = false;
        }
        *slot = (void *)(uintptr_t)(items[i].facts + 1);
    }
    if (!ok) goto done;
    merge_input_diags(all, n, diags);
    for (size_t f = 0; f < n; f++) {
        const DiagSink *s = &all[f]->parse_diags;
        for (size_t i = 0; i < s->len; i++)
            diag_report(diags, s->items[i].level, s->items[i].file, s->items[i].line, s->items[i].col, "%s",
                        s->items[i].message);
    }
    memset(in, 0, sizeof *in);
    in->units = xcalloc(total, sizeof *in->units);
    in->nunits = total;
    *units = xcalloc(total, sizeof **units);
    for (size_t i = 0; i < total; i++) {
        in->units[i].file = xstrdup(items[i].u->file);
        (*units)[i] = items[i].u->ir;
        items[i].u->ir = NULL; /* the caller's now */
    }
done:
    strmap_free(&where);
    free(items);
    for (size_t i = 0; i < n; i++) fe_facts_free(all[i]);
    free(all);
    return ok;
}
