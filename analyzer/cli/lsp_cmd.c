/*
 * lsp_cmd.c - `racecheck lsp [OPTIONS] [-- CLANG_FLAGS]`: the language
 * server (analyzer/lsp/, docs/editors.md) on standard input and output. The
 * command line says what the analysis needs that the workspace does not
 * (a build folder elsewhere, entries, the rules); the rest comes from the
 * client's initialize. Standard output is the protocol's alone: the server
 * writes to a copy of it and file descriptor 1 is pointed at standard
 * error, so a stray write anywhere in the process cannot corrupt the stream.
 */
#include "cli.h"
#include "optable.h"

#include "../config/cachekey.h"
#include "../lsp/lsp.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef RACECHECK_VERSION
#define RACECHECK_VERSION "0.0.0"
#endif
#ifndef RACECHECK_RULES_DIR
#define RACECHECK_RULES_DIR ""
#endif
#ifndef RACECHECK_DOCS_DIR
#define RACECHECK_DOCS_DIR ""
#endif

enum {
    LOPT_ENTRY = 256, LOPT_LIBRARY, LOPT_RULES, LOPT_CONFIG, LOPT_NO_CONFIG, LOPT_CACHE, LOPT_NO_CACHE, LOPT_LOG,
    LOPT_STDIO, LOPT_DB,
};

static const CliOptSpec lsp_options[] = {
    {.heading = "Options:"},
    {NULL, NULL, 'p', required_argument, "BUILD_DIR", "a build directory",
     "analyse BUILD_DIR/compile_commands.json (relative: to the workspace root). Default: the first folder from "
     "the workspace root upward holding compile_commands.json (or build/compile_commands.json) or "
     ".racecheck.json; else every *.c below the workspace root", 'p'},
    {NULL, "jobs", 'j', required_argument, "N", "a number", "parse with N worker threads, 1 to 1024", 'j'},
    {NULL, "entry", 0, required_argument, "NAME", "a function name", "treat function NAME as a thread entry "
     "(repeatable), as racecheck --entry", LOPT_ENTRY},
    {NULL, "library", 0, no_argument, NULL, NULL, "analyse a library as its users call it, as racecheck --library",
     LOPT_LIBRARY},
    {NULL, "rules", 0, required_argument, "DIR", "a directory", "load API models from DIR/*.json", LOPT_RULES},
    {NULL, "config", 0, required_argument, "FILE", "a file",
     "project configuration (default: the nearest .racecheck.json in or above the analysed folder)", LOPT_CONFIG},
    {NULL, "no-config", 0, no_argument, NULL, NULL, "do not look for a .racecheck.json", LOPT_NO_CONFIG},
    {NULL, "cache", 0, required_argument, "DIR|none", "a directory or 'none'",
     "the IR cache (default: .racecheck/cache in the workspace root, shared with the command line): a save "
     "re-parses only the units whose files changed", LOPT_CACHE},
    {NULL, "no-cache", 0, no_argument, NULL, NULL, "parse every unit at every analysis", LOPT_NO_CACHE},
    {NULL, "db", 0, required_argument, "PATH|none", "a path or 'none'",
     "the findings database whose triage decisions apply (findings triaged false-positive or intentional are not "
     "shown; default: $RACECHECK_DB, else .racecheck/racecheck.db in the workspace root). Read only", LOPT_DB},
    {NULL, "log", 0, required_argument, "FILE", "a file", "append the log to FILE instead of standard error",
     LOPT_LOG},
    {NULL, "stdio", 0, no_argument, NULL, NULL, "accepted and ignored: the server always talks on standard "
     "input and output (some clients pass it)", LOPT_STDIO},
    {NULL, "help", 'h', no_argument, NULL, NULL, "show this help", 'h'},
    {.heading = "Environment:"},
    {NULL, NULL, 0, 0, "RACECHECK_RULES", NULL, "rules directory when --rules is not given", 0},
    {NULL, NULL, 0, 0, "RACECHECK_DOCS", NULL,
     "the folder of the rule pages (RULE.md) the diagnostics link to; default: docs/rules of the source tree or "
     "share/doc/racecheck/rules beside the installed racecheck, else the pages built into racecheck are written "
     "to .racecheck/docs/rules in the workspace", 0},
    {NULL, NULL, 0, 0, "RACECHECK_CACHE, RACECHECK_DB", NULL, "as for racecheck (racecheck --help)", 0},
};
#define NLSP_OPTIONS (sizeof lsp_options / sizeof *lsp_options)

static void lsp_usage(FILE *out) {
    fputs("Usage: racecheck lsp [options] [-- CLANG_FLAGS...]\n"
          "\n"
          "A Language Server Protocol server on standard input and output: editors show\n"
          "racecheck's findings as diagnostics, re-analysed on every save, with hover on\n"
          "a shared variable and a code action inserting the suppression comment.\n"
          "Set-up for VS Code, Neovim, Emacs and Helix: docs/editors.md.\n"
          "\n",
          out);
    cli_opt_help(out, lsp_options, NLSP_OPTIONS);
}

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The first of RACECHECK_<what>_DIR's built-in path and the folders next to
 * the executable (its parent's share/racecheck/SUB, SUB, ...) that exists;
 * as driver.c's search for the rules. */
static char *find_dir(const char *given, const char *env, const char *builtin, const char *const *rel, size_t nrel) {
    if (given) return xstrdup(given);
    const char *e = env ? getenv(env) : NULL;
    if (e && e[0]) return xstrdup(e);
    if (builtin[0] && is_dir(builtin)) return xstrdup(builtin);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) *slash = 0;
    for (size_t i = 0; i < nrel; i++) {
        char *c = xasprintf(rel[i], exe);
        if (is_dir(c)) return c;
        free(c);
    }
    return NULL;
}

static bool usage_error(const char *fmt, const char *arg) {
    return cli_opt_usage_error("racecheck lsp", fmt, arg);
}

int cli_lsp_main(int argc, char **argv) {
    LspOptions o = {.version = RACECHECK_VERSION, .log = stderr};
    const char *rules = NULL, *log = NULL;
    const char **entries = NULL, **flags = NULL;
    size_t nentries = 0, nflags = 0;
    bool help = false, ok = true;
    CliOptParser p;
    cli_opt_init(&p, lsp_options, NLSP_OPTIONS, "racecheck lsp", argc, argv);
    for (int c; ok && (c = cli_opt_next(&p)) != CLI_OPT_END;) {
        const char *v = p.value;
        char *end;
        long n;
        switch (c) {
        case CLI_OPT_ERROR: ok = false; break;
        case CLI_OPT_INPUT: ok = usage_error("unexpected argument '%s' (the workspace comes from the client)", v); break;
        case 'h': help = true; break;
        case 'p': o.build_dir = v; break;
        case 'j':
            n = strtol(v, &end, 10);
            if (!v[0] || *end || n < 1 || n > 1024) ok = usage_error("invalid job count '%s'", v);
            o.jobs = (size_t)n;
            break;
        case LOPT_ENTRY:
            entries = xrealloc(entries, (nentries + 1) * sizeof *entries);
            entries[nentries++] = v;
            break;
        case LOPT_LIBRARY: o.library = true; break;
        case LOPT_RULES: rules = v; break;
        case LOPT_CONFIG: o.config = v; break;
        case LOPT_NO_CONFIG: o.no_config = true; break;
        case LOPT_CACHE: o.cache = v; break;
        case LOPT_NO_CACHE: o.no_cache = true; break;
        case LOPT_LOG: log = v; break;
        case LOPT_DB:
            if (!v[0]) ok = usage_error("option '%s' needs a path or 'none'", p.spelled);
            o.db = v;
            break;
        case LOPT_STDIO: break;
        default: ok = usage_error("option '%s' is in the table but not handled", p.spelled);
        }
    }
    if (ok)
        for (int k = p.rest; k < argc; k++) {
            flags = xrealloc(flags, (nflags + 1) * sizeof *flags);
            flags[nflags++] = argv[k];
        }
    cli_opt_free(&p);
    int rc = EXIT_FATAL;
    char *rules_dir = NULL, *docs_dir = NULL, *version = NULL;
    FILE *logf = NULL;
    if (!ok) goto out;
    if (help) {
        lsp_usage(stdout);
        rc = EXIT_CLEAN;
        goto out;
    }
    static const char *const rules_rel[] = {"%s/../share/racecheck/rules", "%s/../rules", "%s/rules"};
    static const char *const docs_rel[] = {"%s/../share/doc/racecheck/rules", "%s/../share/racecheck/docs/rules",
                                           "%s/../docs/rules", "%s/docs/rules"};
    rules_dir = find_dir(rules, "RACECHECK_RULES", RACECHECK_RULES_DIR, rules_rel, 3);
    if (!rules_dir) {
        fprintf(stderr, "racecheck lsp: error: cannot find the rules directory (API models); use --rules DIR\n");
        goto out;
    }
    docs_dir = find_dir(NULL, "RACECHECK_DOCS", RACECHECK_DOCS_DIR, docs_rel, 4);
    if (log && !(logf = fopen(log, "a"))) {
        fprintf(stderr, "racecheck lsp: error: cannot open the log %s: %s\n", log, strerror(errno));
        goto out;
    }
    version = cache_build_id(RACECHECK_VERSION); /* the CLI's IR cache entries */
    o.rules_dir = rules_dir;
    o.docs_dir = docs_dir;
    o.cache_version = version;
    o.entries = entries;
    o.nentries = nentries;
    o.clang_flags = flags;
    o.nclang_flags = nflags;
    if (logf) o.log = logf;
    /* the protocol gets its own descriptor; 1 becomes standard error */
    fflush(stdout);
    int out_fd = dup(STDOUT_FILENO);
    if (out_fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        fprintf(stderr, "racecheck lsp: error: cannot set up standard output: %s\n", strerror(errno));
        goto out;
    }
    rc = lsp_serve(&o, STDIN_FILENO, out_fd);
    close(out_fd);
out:
    if (logf) fclose(logf);
    free(rules_dir);
    free(docs_dir);
    free(version);
    free(entries);
    free(flags);
    return rc;
}
