/*
 * options.c - racecheck's command line: one table (below) from which the
 * parser (getopt_long, optable.c) and the --help text are both generated;
 * see cli.h. An option is added by adding its row here and its case in
 * cli_parse.
 */
#include "cli.h"
#include "optable.h"
#include "results.h"

#include "../base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Options without a short letter. */
enum {
    OPT_ENTRY = 256, OPT_EXCLUSIVE_ENTRY, OPT_LIBRARY, OPT_RULES, OPT_CONFIG, OPT_NO_CONFIG, OPT_FORMAT, OPT_DB, OPT_COLOR,
    OPT_NO_SOURCE, OPT_SHOW_SUPPRESSED, OPT_FAIL_ON, OPT_BASELINE, OPT_DUMP_IR, OPT_VERIFY, OPT_LIST_RULES,
    OPT_EXPLAIN, OPT_EXPLAIN_PAIR, OPT_LIST_MODELS, OPT_LIST_UNKNOWN, OPT_VERSION, OPT_EVIDENCE,
    OPT_CACHE, OPT_NO_CACHE,
};

#define HEADING(h) {.heading = h}
#define TEXT(left, text) {.metavar = left, .help = text}

static const CliOptSpec options[] = {
    HEADING("Inputs:"),
    {NULL, NULL, 'p', required_argument, "BUILD_DIR", "a build directory",
     "read BUILD_DIR/compile_commands.json (with FILEs: only those)", 'p'},
    TEXT("DIR", "every *.c below DIR; uses DIR/compile_commands.json or DIR/build/compile_commands.json when "
                "present, otherwise infers -I paths from the folders that hold headers"),
    TEXT("FILE.c...", "these files, compiled with the flags after --"),
    TEXT("-- CLANG_FLAGS", "extra compiler flags for every unit (-I, -D, -std=...); nothing after -- is read as "
                           "an option or an input"),
    TEXT("racecheck build -- BUILD_COMMAND...", "run the build (make -j8, ./build.sh, cmake --build DIR) under bear to record "
                                      "its compiler calls in .racecheck/build/compile_commands.json, then analyse them "
                                      "with the options given (racecheck build --help; docs/install.md)"),

    HEADING("Analysis:"),
    {NULL, "jobs", 'j', required_argument, "N", "a number",
     "parse with N worker threads, 1 to 1024 (default: number of cores)", 'j'},
    {NULL, "entry", 0, required_argument, "NAME", "a function name",
     "treat function NAME as a thread entry (repeatable); for libraries without main. Default: the "
     "configuration's \"entries\", else main", OPT_ENTRY},
    {NULL, "library", 0, no_argument, NULL, NULL,
     "analyse a library as its users call it: every exported function (external linkage, not hidden "
     "visibility, not main) is a thread "
     "entry that may run in many threads at once, in parallel with all the others; --entry adds entries (one "
     "thread each)", OPT_LIBRARY},
    {NULL, "exclusive-entry", 0, required_argument, "NAME", "a function name",
     "the library's contract runs entry NAME alone (repeatable): documented as not thread-safe, or to be "
     "called before any other function; no other entry runs while it does. Default: the configuration's "
     "\"exclusive-entries\"", OPT_EXCLUSIVE_ENTRY},
    {NULL, "rules", 0, required_argument, "DIR", "a directory",
     "load API models from DIR/*.json instead of the bundled rules", OPT_RULES},
    {NULL, "config", 0, required_argument, "FILE", "a file",
     "project configuration (default: the nearest .racecheck.json in or above the analysed directory); "
     "docs/configuration.md", OPT_CONFIG},
    {NULL, "no-config", 0, no_argument, NULL, NULL, "do not look for a .racecheck.json", OPT_NO_CONFIG},
    {NULL, "cache", 0, required_argument, "DIR|none", "a directory or 'none'",
     "keep each unit's IR in DIR and parse only the units whose files changed since (docs/cache.md); default "
     ".racecheck/cache in the current directory (the project root). --db none leaves the cache on", OPT_CACHE},
    {NULL, "no-cache", 0, no_argument, NULL, NULL, "parse every unit and neither read nor write the IR cache",
     OPT_NO_CACHE},

    HEADING("Output:"),
    {NULL, "format", 0, required_argument, "FORMAT", "a value (text, json, jsonl, sarif, github or html)",
     "text: compiler-style diagnostics (default); json: the document of docs/json-format.md; jsonl: one "
     "finding per line, then a summary line; sarif: SARIF 2.1.0; github: GitHub Actions annotations; html: a "
     "self-contained page", OPT_FORMAT},
    {NULL, "output", 'o', required_argument, "FILE", "a file name",
     "write findings to FILE instead of standard output", 'o'},
    {NULL, "db", 0, required_argument, "PATH|none", "a path or 'none'",
     "findings database (SQLite) that stores every run and the triage decisions; default "
     ".racecheck/racecheck.db in the current directory (the project root). Findings triaged false-positive or "
     "intentional are not reported", OPT_DB},
    {NULL, "color", 0, optional_argument, "WHEN", NULL,
     "colour text output: auto (the default: when a terminal), always (--color alone) or never", OPT_COLOR},
    {NULL, "no-source", 0, no_argument, NULL, NULL, "do not quote source lines under findings", OPT_NO_SOURCE},
    {NULL, "evidence", 0, required_argument, "WHICH", "representative or all",
     "representative (default): per finding one access for each kind, thread and set of locks held, with the "
     "number of the others like it; all: every access (text, json, jsonl, sarif, github and html; the findings "
     "database always keeps every access)", OPT_EVIDENCE},
    {NULL, "quiet", 'q', no_argument, NULL, NULL,
     "no progress line (shown only when standard error is a terminal: units parsed, then each whole-program "
     "stage) and no summary on standard error; diagnostics about the inputs (parse errors) still print. With "
     "-o FILE the findings go to FILE only, so -q -o FILE prints nothing but those diagnostics", 'q'},
    {NULL, "show-suppressed", 0, no_argument, NULL, NULL,
     "also list the suppressed findings with their reasons (text)", OPT_SHOW_SUPPRESSED},

    HEADING("CI gating (docs/ci.md):"),
    {NULL, "fail-on", 0, required_argument, "LEVEL", "error, warning, note or never",
     "error, warning, note (default) or never: findings of this severity or worse make the exit status 1",
     OPT_FAIL_ON},
    {NULL, "baseline", 0, required_argument, "FILE|RUN", "a file or a run",
     "report and fail only on findings absent from a baseline: a --format=json, jsonl or sarif file, or a run "
     "of the database (a number, latest, latest~N)", OPT_BASELINE},

    HEADING("Database (docs/database.md):"),
    TEXT("racecheck report list|diff|triage|export|runs ...", "the findings database (racecheck report --help)"),

    HEADING("Editors (docs/editors.md):"),
    TEXT("racecheck lsp [options]", "a language server on standard input and output (racecheck lsp --help)"),

    HEADING("Distributed parsing (docs/ci.md):"),
    TEXT("racecheck extract ... -o FACTS", "parse units (the inputs above, or a --shard K/N of them) and write "
                                           "their IR to a facts file, without analysing (racecheck extract --help)"),
    TEXT("racecheck analyze FACTS...", "link and analyse the units of facts files: the findings and output of one "
                                       "run on all of them; takes the options above except the inputs' "
                                       "(racecheck analyze --help)"),

    HEADING("Modes:"),
    {NULL, "dump-ir", 0, no_argument, NULL, NULL, "print the function IR of every unit and exit", OPT_DUMP_IR},
    {NULL, "verify", 0, no_argument, NULL, NULL,
     "check findings against the expectations written in the sources (// expect: data-race 'name'); see "
     "docs/testing.md", OPT_VERIFY},
    {NULL, "list-rules", 0, no_argument, NULL, NULL, "list the rules with their default severity and exit",
     OPT_LIST_RULES},
    {NULL, "explain", 0, required_argument, "RULE", "a rule name", "print the documentation of RULE and exit",
     OPT_EXPLAIN},
    {NULL, "explain-pair", 0, required_argument, "LOC,LOC", "two locations FILE:LINE[:COL],FILE:LINE[:COL]",
     "say which ordering rule keeps the accesses at two source locations from racing, or why none does, with the "
     "calls by which each thread reaches them; LOC is FILE:LINE[:COL]; may be given several times", OPT_EXPLAIN_PAIR},
    {NULL, "list-models", 0, no_argument, NULL, NULL,
     "list the API models loaded (rules, --config) and, with inputs, the wrappers detected in them, and exit",
     OPT_LIST_MODELS},
    {NULL, "list-unknown", 0, no_argument, NULL, NULL,
     "list the functions the inputs call that have no body, no API model and no `pure` declaration, most "
     "called first (their memory effects are not seen: docs/api-models.md), and exit", OPT_LIST_UNKNOWN},
    {NULL, "help", 'h', no_argument, NULL, NULL, "show this help", 'h'},
    {NULL, "version", 0, no_argument, NULL, NULL, "show the version", OPT_VERSION},

    HEADING("Environment:"),
    TEXT("RACECHECK_RULES", "rules directory when --rules is not given"),
    TEXT("NO_COLOR", "disable colour in --color=auto mode"),
    TEXT("RACECHECK_STATS=1", "print phase times, model sizes and how many units came from the IR cache to "
                              "standard error"),
    TEXT("RACECHECK_DB", "database path when --db is not given ('none': no database)"),
    TEXT("RACECHECK_CACHE", "IR cache directory when neither --cache nor --no-cache is given ('none': no cache)"),
};
#define NOPTIONS (sizeof options / sizeof *options)

/* The prose of --help around the option table; also the man page's
 * (racecheck-docgen, docgen.c), so the two cannot drift apart. */
const char *const cli_usage_synopsis[] = {
    "[options] FILE.c... [-- CLANG_FLAGS...]",
    "[options] DIR [-- CLANG_FLAGS...]",
    "[options] -p BUILD_DIR [FILE.c...]",
    "build [options] -- BUILD_COMMAND...",
    NULL,
};
const char cli_usage_description[] =
    "Static data-race analysis for C programs that use threads. All translation\n"
    "units of one invocation form one program (linked by USR); racecheck reports\n"
    "every location two threads may access at the same time, at least one\n"
    "writing, without a common lock and not both atomically. Options and inputs\n"
    "may come in any order; a value follows its option as --opt=VALUE or\n"
    "--opt VALUE (-j4 or -j 4 for a short one).\n";
const char cli_usage_exit_status[] =
    "Exit status: 0 no findings at or above --fail-on (suppressed and triaged-away\n"
    "ones do not count), 1 such findings (or --verify mismatches), 2 usage or\n"
    "fatal error (bad options or configuration, unreadable inputs, nothing could be\n"
    "analysed, an explicit --db or --baseline that failed; the findings are written\n"
    "all the same).\n";

const CliOptSpec *cli_option_table(size_t *n) {
    *n = NOPTIONS;
    return options;
}

void cli_usage(FILE *out) {
    for (size_t i = 0; cli_usage_synopsis[i]; i++)
        fprintf(out, "%s racecheck %s\n", i ? "      " : "Usage:", cli_usage_synopsis[i]);
    fprintf(out, "\n%s\n", cli_usage_description);
    cli_opt_help(out, options, NOPTIONS);
    fprintf(out, "\n%s", cli_usage_exit_status);
}

#define PUSH(arr, n, x)                                                    \
    do {                                                                   \
        (arr) = xrealloc((void *)(arr), ((n) + 1) * sizeof(*(arr)));       \
        (arr)[(n)++] = (x);                                                \
    } while (0)

static bool usage_error(const CliOptParser *p, const char *fmt, const char *arg) {
    return cli_opt_usage_error(p->prog, fmt, arg);
}

/* s[i, end) is a positive decimal number (at most 9 digits): *n. */
static bool number(const char *s, size_t i, size_t end, unsigned *n) {
    if (i >= end || end - i > 9) return false;
    *n = 0;
    for (; i < end; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        *n = *n * 10 + (unsigned)(s[i] - '0');
    }
    return *n > 0;
}

/* Index of the last ':' in s[0, end), or -1. */
static long last_colon(const char *s, size_t end) {
    while (end > 0 && s[end - 1] != ':') end--;
    return (long)end - 1;
}

/* LOC = FILE:LINE[:COL] in s[0, len); the file is copied. */
static bool parse_loc(const char *s, size_t len, SrcLoc *loc) {
    long c1 = last_colon(s, len);
    unsigned n1, n2;
    if (c1 <= 0 || !number(s, (size_t)c1 + 1, len, &n1)) return false;
    long c2 = last_colon(s, (size_t)c1);
    size_t flen = (size_t)c1;
    loc->line = n1;
    loc->col = 0;
    if (c2 > 0 && number(s, (size_t)c2 + 1, (size_t)c1, &n2)) { /* FILE:LINE:COL */
        flen = (size_t)c2;
        loc->line = n2;
        loc->col = n1;
    }
    char *file = xmalloc(flen + 1);
    memcpy(file, s, flen);
    file[flen] = 0;
    loc->file = file;
    return true;
}

bool cli_parse_loc_pair(const char *v, SrcLoc *pair) {
    memset(pair, 0, 2 * sizeof *pair);
    /* the comma between the two: the first one after which both halves parse
     * (so a file name may hold commas) */
    for (const char *c = strchr(v, ','); c; c = strchr(c + 1, ',')) {
        if (!parse_loc(v, (size_t)(c - v), &pair[0])) continue;
        if (parse_loc(c + 1, strlen(c + 1), &pair[1])) return true;
        free((void *)pair[0].file);
        pair[0].file = NULL;
    }
    return false;
}

static const char *const color_words[] = {"auto", "always", "never", NULL};

/* One option with its value; false after a usage error. */
static bool take(CliOptions *o, CliOptParser *p, int id) {
    const char *v = p->value;
    char *end;
    long n;
    switch (id) {
    case 'h': o->help = true; break;
    case OPT_VERSION: o->version = true; break;
    case OPT_DUMP_IR: o->dump_ir = true; break;
    case OPT_NO_CONFIG: o->no_config = true; break;
    case OPT_SHOW_SUPPRESSED: o->show_suppressed = true; break;
    case OPT_LIST_RULES: o->list_rules = true; break;
    case OPT_LIST_MODELS: o->list_models = true; break;
    case OPT_LIST_UNKNOWN: o->list_unknown = true; break;
    case OPT_LIBRARY: o->library = true; break;
    case OPT_VERIFY: o->verify = true; break;
    case 'q': o->quiet = true; break;
    case OPT_NO_SOURCE: o->no_source = true; break;
    case OPT_CONFIG: o->config = v; break;
    case OPT_EXPLAIN: o->explain = v; break;
    case 'p': o->build_dir = v; break;
    case 'o': o->output = v; break;
    case OPT_DB: o->db = v; break;
    case OPT_CACHE:
        if (!v[0]) return usage_error(p, "option '%s' needs a directory or 'none'", p->spelled);
        o->cache = v;
        break;
    case OPT_NO_CACHE: o->no_cache = true; break;
    case OPT_RULES: o->rules_dir = v; break;
    case 'j':
        n = strtol(v, &end, 10);
        if (!v[0] || *end || n < 1 || n > 1024) return usage_error(p, "invalid job count '%s'", v);
        o->jobs = (size_t)n;
        break;
    case OPT_FORMAT:
        if (!cli_format_from_name(v, &o->format))
            return usage_error(p, "unknown output format '%s' (expected text, json, jsonl, sarif, github or html)", v);
        break;
    case OPT_EVIDENCE:
        if (!strcmp(v, "all")) o->evidence_all = true;
        else if (!strcmp(v, "representative")) o->evidence_all = false;
        else return usage_error(p, "option --evidence needs representative or all (got '%s')", v);
        break;
    case OPT_FAIL_ON:
        if (!cli_fail_on_from_name(v, &o->fail_on))
            return usage_error(p, "option --fail-on needs error, warning, note or never (got '%s')", v);
        break;
    case OPT_BASELINE:
        if (!v[0]) return usage_error(p, "option '%s' needs a file or a run", p->spelled);
        o->baseline = v;
        break;
    case OPT_ENTRY:
        if (!v[0]) return usage_error(p, "option '%s' needs a function name", p->spelled);
        PUSH(o->entries, o->nentries, v);
        break;
    case OPT_EXCLUSIVE_ENTRY:
        if (!v[0]) return usage_error(p, "option '%s' needs a function name", p->spelled);
        PUSH(o->exclusive, o->nexclusive, v);
        break;
    case OPT_COLOR:
        if (!v) v = cli_opt_take_word(p, color_words); /* --color never */
        if (!v || !strcmp(v, "always")) o->color = COLOR_ALWAYS;
        else if (!strcmp(v, "auto")) o->color = COLOR_AUTO;
        else if (!strcmp(v, "never")) o->color = COLOR_NEVER;
        else return usage_error(p, "unknown colour mode '%s' (expected auto, always or never)", v);
        break;
    case OPT_EXPLAIN_PAIR: {
        SrcLoc pair[2] = {{0}, {0}};
        if (!cli_parse_loc_pair(v, pair)) {
            for (int k = 0; k < 2; k++) free((void *)pair[k].file);
            return usage_error(p, "option --explain-pair needs two source locations FILE:LINE[:COL],FILE:LINE[:COL] "
                               "(got '%s')", v);
        }
        o->explain_pairs = xrealloc(o->explain_pairs, (o->n_explain_pairs + 1) * sizeof *o->explain_pairs);
        memcpy(o->explain_pairs[o->n_explain_pairs++], pair, sizeof pair);
        o->has_explain_pair = true;
        break;
    }
    default: return usage_error(p, "option '%s' is in the table but not handled", p->spelled);
    }
    return true;
}

bool cli_parse_table(const CliOptSpec *table, size_t n, const char *prog, int argc, char **argv, CliOptions *o,
                     CliTakeExtra extra, void *ctx) {
    memset(o, 0, sizeof(*o));
    CliOptParser p;
    cli_opt_init(&p, table, n, prog, argc, argv);
    bool ok = true;
    for (int c; ok && (c = cli_opt_next(&p)) != CLI_OPT_END;) {
        if (c == CLI_OPT_ERROR) ok = false;
        else if (c == CLI_OPT_INPUT) PUSH(o->inputs, o->ninputs, p.value);
        else if (c >= CLI_OPT_EXTRA && extra) ok = extra(ctx, c, p.value, p.spelled);
        else ok = take(o, &p, c);
    }
    if (ok) /* everything after -- goes to the compiler, untouched */
        for (int k = p.rest; k < argc; k++) PUSH(o->clang_flags, o->nclang_flags, argv[k]);
    cli_opt_free(&p);
    if (ok && o->db && !o->db[0]) return cli_opt_usage_error(prog, "option --db needs a path or 'none'%s", "");
    return ok;
}

bool cli_parse(int argc, char **argv, CliOptions *o) {
    return cli_parse_table(options, NOPTIONS, "racecheck", argc, argv, o, NULL, NULL);
}

const CliOptSpec *cli_option_row(const char *key) {
    for (size_t i = 0; i < NOPTIONS; i++) {
        const CliOptSpec *s = &options[i];
        if (s->heading) continue;
        if (key[0] == '-' && key[1] == '-' && s->name && !strcmp(key + 2, s->name)) return s;
        if (key[0] == '-' && key[1] != '-' && !key[2] && s->letter == key[1]) return s;
        if (!s->name && !s->letter && s->metavar && !strcmp(key, s->metavar)) return s;
    }
    return NULL;
}

void cli_options_free(CliOptions *o) {
    free((void *)o->inputs);
    free((void *)o->clang_flags);
    free((void *)o->entries);
    free((void *)o->exclusive);
    for (size_t i = 0; i < o->n_explain_pairs; i++)
        for (int k = 0; k < 2; k++) free((void *)o->explain_pairs[i][k].file);
    free(o->explain_pairs);
}
