/* options.c - command-line parsing and --help; see cli.h. */
#include "cli.h"
#include "results.h"

#include "../base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_usage(FILE *out) {
    fputs(
        "Usage: racecheck [options] FILE.c... [-- CLANG_FLAGS...]\n"
        "       racecheck [options] DIR [-- CLANG_FLAGS...]\n"
        "       racecheck [options] -p BUILD_DIR [FILE.c...]\n"
        "\n"
        "Static data-race analysis for C programs that use threads. All translation\n"
        "units of one invocation form one program (linked by USR); racecheck reports\n"
        "every location two threads may access at the same time, at least one\n"
        "writing, without a common lock and not both atomically.\n"
        "\n"
        "Inputs:\n"
        "  -p BUILD_DIR          read BUILD_DIR/compile_commands.json (with FILEs: only those)\n"
        "  DIR                   every *.c below DIR; uses DIR/compile_commands.json or\n"
        "                        DIR/build/compile_commands.json when present, otherwise\n"
        "                        infers -I paths from the folders that hold headers\n"
        "  FILE.c...             these files, compiled with the flags after --\n"
        "  -- CLANG_FLAGS        extra compiler flags for every unit (-I, -D, -std=...)\n"
        "\n"
        "Analysis:\n"
        "  -j N, --jobs=N        parse with N worker threads (default: number of cores)\n"
        "  --entry NAME          treat function NAME as a thread entry (repeatable); for\n"
        "                        libraries without main. Default: the configuration's\n"
        "                        \"entries\", else main\n"
        "  --library             analyse a library as its users call it: every function\n"
        "                        with external linkage (not main) is a thread entry that\n"
        "                        may run in many threads at once, in parallel with all\n"
        "                        the others; --entry adds entries (one thread each)\n"
        "  --rules DIR           load API models from DIR/*.json instead of the bundled rules\n"
        "  --config FILE         project configuration (default: the nearest .racecheck.json\n"
        "                        in or above the analysed directory); docs/configuration.md\n"
        "  --no-config           do not look for a .racecheck.json\n"
        "\n"
        "Output:\n"
        "  --format=FORMAT       text: compiler-style diagnostics (default); json: the\n"
        "                        document of docs/json-format.md; jsonl: one finding per\n"
        "                        line, then a summary line; sarif: SARIF 2.1.0; github:\n"
        "                        GitHub Actions annotations; html: a self-contained page\n"
        "  -o FILE               write findings to FILE instead of standard output\n"
        "  --db PATH|none        findings database (SQLite) that stores every run and the\n"
        "                        triage decisions; default .racecheck/racecheck.db in the\n"
        "                        current directory (the project root). Findings triaged\n"
        "                        false-positive or intentional are not reported\n"
        "  --color=auto|always|never  colour text output (auto: when a terminal)\n"
        "  --no-source           do not quote source lines under findings\n"
        "  -q, --quiet           no progress or summary on standard error\n"
        "  --show-suppressed     also list the suppressed findings with their reasons (text)\n"
        "\n"
        "CI gating (docs/ci.md):\n"
        "  --fail-on=LEVEL       error, warning, note (default) or never: findings of\n"
        "                        this severity or worse make the exit status 1\n"
        "  --baseline FILE|RUN   report and fail only on findings absent from a baseline:\n"
        "                        a --format=json, jsonl or sarif file, or a run of the\n"
        "                        database (a number, latest, latest~N)\n"
        "\n"
        "Database (docs/database.md):\n"
        "  racecheck report list|diff|triage|export|runs ...   (racecheck report --help)\n"
        "\n"
        "Modes:\n"
        "  --dump-ir             print the function IR of every unit and exit\n"
        "  --verify              check findings against the expectations written in the\n"
        "                        sources (// expect: data-race 'name'); see docs/testing.md\n"
        "  --list-rules          list the rules with their default severity and exit\n"
        "  --explain RULE        print the documentation of RULE and exit\n"
        "  --list-models [INPUTS]  list the API models loaded (rules, --config) and, with\n"
        "                        INPUTS, the wrappers detected in them, and exit\n"
        "  -h, --help            show this help\n"
        "  --version             show the version\n"
        "\n"
        "Environment:\n"
        "  RACECHECK_RULES       rules directory when --rules is not given\n"
        "  NO_COLOR              disable colour in --color=auto mode\n"
        "  RACECHECK_STATS=1     print phase times and model sizes to standard error\n"
        "  RACECHECK_DB          database path when --db is not given ('none': no database)\n"
        "\n"
        "Exit status: 0 no findings at or above --fail-on (suppressed and triaged-away\n"
        "ones do not count), 1 such findings (or --verify mismatches), 2 usage or\n"
        "fatal error (bad options or configuration, unreadable inputs, nothing could be\n"
        "analysed, an explicit --db or --baseline that failed; the findings are written\n"
        "all the same).\n",
        out);
}

#define PUSH(arr, n, x)                                                    \
    do {                                                                   \
        (arr) = xrealloc((void *)(arr), ((n) + 1) * sizeof(*(arr)));       \
        (arr)[(n)++] = (x);                                                \
    } while (0)

static bool usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "racecheck: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'racecheck --help' for more information.\n");
    return false;
}

/* Value of "--name=value" or "--name value" / "-x value". */
const char *cli_opt_value(int argc, char **argv, int *i, const char *name) {
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (!strncmp(a, name, n) && a[n] == '=') return a + n + 1;
    if (!strcmp(a, name)) {
        if (*i + 1 >= argc) return NULL;
        return argv[++*i];
    }
    return NULL;
}

bool cli_is_opt(const char *a, const char *name) {
    size_t n = strlen(name);
    return !strcmp(a, name) || (!strncmp(a, name, n) && a[n] == '=');
}

bool cli_parse(int argc, char **argv, CliOptions *o) {
    memset(o, 0, sizeof(*o));
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (!strcmp(a, "--")) {
            for (int k = i + 1; k < argc; k++) PUSH(o->clang_flags, o->nclang_flags, argv[k]);
            break;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            o->help = true;
        } else if (!strcmp(a, "--version")) {
            o->version = true;
        } else if (!strcmp(a, "--dump-ir")) {
            o->dump_ir = true;
        } else if (!strcmp(a, "--no-config")) {
            o->no_config = true;
        } else if (!strcmp(a, "--show-suppressed")) {
            o->show_suppressed = true;
        } else if (!strcmp(a, "--list-rules")) {
            o->list_rules = true;
        } else if (!strcmp(a, "--list-models")) {
            o->list_models = true;
        } else if (cli_is_opt(a, "--config")) {
            if (!(o->config = cli_opt_value(argc, argv, &i, "--config"))) return usage_error("option '%s' needs a file", a);
        } else if (cli_is_opt(a, "--explain")) {
            if (!(o->explain = cli_opt_value(argc, argv, &i, "--explain")))
                return usage_error("option '%s' needs a rule name", a);
        } else if (!strcmp(a, "--library")) {
            o->library = true;
        } else if (!strcmp(a, "--verify")) {
            o->verify = true;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o->quiet = true;
        } else if (!strcmp(a, "--no-source")) {
            o->no_source = true;
        } else if (!strncmp(a, "-j", 2) && a[2] && a[2] != '-') {
            char *end;
            long n = strtol(a + 2, &end, 10);
            if (*end || n < 1 || n > 1024) return usage_error("invalid job count '%s'", a + 2);
            o->jobs = (size_t)n;
        } else if (!strcmp(a, "-j") || cli_is_opt(a, "--jobs")) {
            v = cli_opt_value(argc, argv, &i, !strcmp(a, "-j") ? "-j" : "--jobs");
            if (!v) return usage_error("option '%s' needs a number", a);
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 1024) return usage_error("invalid job count '%s'", v);
            o->jobs = (size_t)n;
        } else if (!strncmp(a, "-p", 2) && a[2] && a[2] != '-') {
            o->build_dir = a + 2;
        } else if (!strcmp(a, "-p")) {
            if (i + 1 >= argc) return usage_error("option '%s' needs a build directory", a);
            o->build_dir = argv[++i];
        } else if (cli_is_opt(a, "--format")) {
            v = cli_opt_value(argc, argv, &i, "--format");
            if (!v) return usage_error("option '%s' needs a value (text, json, jsonl, sarif, github or html)", a);
            if (!cli_format_from_name(v, &o->format))
                return usage_error("unknown output format '%s' (expected text, json, jsonl, sarif, github or html)", v);
        } else if (cli_is_opt(a, "--fail-on")) {
            v = cli_opt_value(argc, argv, &i, "--fail-on");
            if (!v || !cli_fail_on_from_name(v, &o->fail_on))
                return usage_error("option --fail-on needs error, warning, note or never (got '%s')", v ? v : "");
        } else if (cli_is_opt(a, "--baseline")) {
            v = cli_opt_value(argc, argv, &i, "--baseline");
            if (!v || !v[0]) return usage_error("option '%s' needs a file or a run", a);
            o->baseline = v;
        } else if (!strcmp(a, "-o") || cli_is_opt(a, "--output")) {
            v = cli_opt_value(argc, argv, &i, !strcmp(a, "-o") ? "-o" : "--output");
            if (!v) return usage_error("option '%s' needs a file name", a);
            o->output = v;
        } else if (cli_is_opt(a, "--db")) {
            v = cli_opt_value(argc, argv, &i, "--db");
            if (!v) return usage_error("option '%s' needs a path or 'none'", a);
            o->db = v;
        } else if (cli_is_opt(a, "--entry")) {
            v = cli_opt_value(argc, argv, &i, "--entry");
            if (!v || !v[0]) return usage_error("option '%s' needs a function name", a);
            PUSH(o->entries, o->nentries, v);
        } else if (cli_is_opt(a, "--rules")) {
            v = cli_opt_value(argc, argv, &i, "--rules");
            if (!v) return usage_error("option '%s' needs a directory", a);
            o->rules_dir = v;
        } else if (cli_is_opt(a, "--color")) {
            v = cli_opt_value(argc, argv, &i, "--color");
            if (!v) v = "always";
            if (!strcmp(v, "auto")) o->color = COLOR_AUTO;
            else if (!strcmp(v, "always")) o->color = COLOR_ALWAYS;
            else if (!strcmp(v, "never")) o->color = COLOR_NEVER;
            else return usage_error("unknown colour mode '%s' (expected auto, always or never)", v);
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else {
            PUSH(o->inputs, o->ninputs, a);
        }
    }
    if (o->db && !o->db[0]) return usage_error("option --db needs a path or 'none'%s", "");
    return true;
}

void cli_options_free(CliOptions *o) {
    free((void *)o->inputs);
    free((void *)o->clang_flags);
    free((void *)o->entries);
}
