/*
 * cli.h - command line: options, the driver that runs the stages in order,
 * and the verify mode. Thin: it wires stages together and holds no analysis.
 * Only this module prints (to stdout/stderr) and decides exit codes:
 * 0 no findings, 1 findings at or above --fail-on (or verify mismatches),
 * 2 usage or fatal error.
 */
#ifndef RACECHECK_CLI_H
#define RACECHECK_CLI_H

#include "../base/diag.h"
#include "../base/finding.h"
#include "../config/config.h"
#include "../ir/ir.h"
#include "../model/model.h"

#include <stdbool.h>
#include <stddef.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_FATAL = 2 };

/* In the order of cli_format_from_name (results.c). */
typedef enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL, FORMAT_SARIF, FORMAT_GITHUB, FORMAT_HTML } OutputFormat;
typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } ColorMode;

typedef struct CliOptions {
    const char *build_dir;     /* -p */
    const char **inputs;       /* positional files or one directory */
    size_t ninputs;
    const char **clang_flags;  /* after -- */
    size_t nclang_flags;
    const char **entries;      /* --entry */
    size_t nentries;
    const char **exclusive;    /* --exclusive-entry */
    size_t nexclusive;
    size_t jobs;               /* 0 = cores */
    OutputFormat format;
    const char *output;        /* -o */
    const char *db;            /* --db */
    const char *cache;         /* --cache DIR */
    bool no_cache;             /* --no-cache */
    const char *rules_dir;     /* --rules */
    ColorMode color;
    const char *config;        /* --config FILE */
    const char *explain;       /* --explain RULE */
    bool no_config, show_suppressed, list_rules, list_models;
    bool list_unknown;       /* --list-unknown */
    bool dump_ir;
    bool library;              /* --library: exported functions are entries */
    bool verify;
    bool quiet;
    bool no_source;
    bool evidence_all;         /* --evidence=all: every access of a finding, not the representatives */
    bool help, version;
    int fail_on;               /* --fail-on: lowest Severity that fails; 3 = never */
    const char *baseline;      /* --baseline FILE|RUN */
    bool has_explain_pair;     /* --explain-pair LOC,LOC (LOC = FILE:LINE[:COL]), repeatable */
    SrcLoc (*explain_pairs)[2]; /* malloc'd, n_explain_pairs of them, in the order given; files
                                   malloc'd as typed, line >= 1, col 0 when not given */
    size_t n_explain_pairs;
} CliOptions;

/* Parse argv (options.c: one table feeds getopt_long and --help). On a
 * usage error prints a message to stderr and returns false; either way the
 * caller releases o with cli_options_free. */
bool cli_parse(int argc, char **argv, CliOptions *o);
void cli_options_free(CliOptions *o);
void cli_usage(FILE *out);
/* What --help prints around the option table (options.c), for the man page
 * and the shell completion generated from them (docgen.c): the synopsis
 * lines after "racecheck " (NULL-terminated), the description and the exit
 * status paragraphs (lines ending in newlines), and the table itself. */
struct CliOptSpec;
extern const char *const cli_usage_synopsis[];
extern const char cli_usage_description[];
extern const char cli_usage_exit_status[];
const struct CliOptSpec *cli_option_table(size_t *n);

/* For the subcommands' own tables (facts_cmd.c): cli_parse with another
 * table and program name ("racecheck extract"); options whose id is at least
 * CLI_OPT_EXTRA go to extra(ctx, id, value, spelling), which returns false
 * after a usage error. cli_option_row finds a row of racecheck's table by
 * "-p", "--jobs" or a help-only row's left column ("DIR"), so a subcommand
 * shows the same help for the same option; NULL when there is none. */
struct CliOptSpec;
enum { CLI_OPT_EXTRA = 1000 };
typedef bool (*CliTakeExtra)(void *ctx, int id, const char *value, const char *spelled);
bool cli_parse_table(const struct CliOptSpec *table, size_t n, const char *prog, int argc, char **argv,
                     CliOptions *o, CliTakeExtra extra, void *ctx);
const struct CliOptSpec *cli_option_row(const char *key);
/* "FILE:LINE[:COL],FILE:LINE[:COL]" into pair (files malloc'd); false on bad
 * syntax (a line or column that is not a positive number, a missing part). */
bool cli_parse_loc_pair(const char *v, SrcLoc *pair); /* pair: two locations */

/* datadir.c: a data folder of racecheck: given (an option), else $env,
 * else rel[0] (the installed layout, "%s/../share/racecheck/rules" with %s
 * the executable's folder), else builtin (the source tree's, compiled in),
 * else rel[1..nrel); the first that is a folder, malloc'd, or NULL. */
char *cli_find_dir(const char *given, const char *env, const char *builtin, const char *const *rel, size_t nrel);

/* Run racecheck; returns the process exit code. */
int cli_main(int argc, char **argv);

/* build_cmd.c: racecheck build ... -- BUILD_COMMAND (argv[1] is "build"):
 * run the build under bear, then analyse what it compiled. cli_build_hint:
 * when DIR (an input directory) has a build system but no compile database,
 * a note saying which command makes one. */
int cli_build_main(int argc, char **argv);
void cli_build_hint(const char *dir, DiagSink *d);

/* lsp_cmd.c: racecheck lsp ... (argv[0] is "lsp"): the language server. */
int cli_lsp_main(int argc, char **argv);

/* The stages after the options (driver.c): a normal run parses and
 * analyses; `racecheck extract` parses and writes a facts file; `racecheck
 * analyze` reads facts files and analyses (facts_cmd.c, docs/ci.md). x is
 * the extract's own options (NULL otherwise); argv is recorded with the
 * run in the findings database. */
typedef enum { CLI_RUN_CHECK, CLI_RUN_EXTRACT, CLI_RUN_ANALYZE } CliRunMode;
typedef struct CliExtract {
    const char *output;      /* -o FACTS */
    unsigned shard, shards;  /* --shard K/N (1 <= K <= N), or 0 0 */
} CliExtract;
int cli_run(const CliOptions *o, CliRunMode mode, const CliExtract *x, int argc, char **argv);
/* racecheck extract|analyze ... (argv[1] is the subcommand). */
int cli_facts_main(int argc, char **argv);

/* listing.c: --list-rules, --explain, --list-models (p may be NULL: no
 * inputs), the --show-suppressed listing. */
int cli_list_rules(FILE *out);
int cli_explain(FILE *out, const char *rule);
void cli_list_models(FILE *out, const ApiModels *models, const Program *p, const char *root);
/* --list-unknown: the functions called with no body, model or `pure`
 * declaration, most frequent first, as "CALLS NAME" lines. */
void cli_list_unknown(FILE *out, IrUnit *const *units, size_t nunits, const ApiModels *models);
void cli_print_suppressed(FILE *out, const SuppressResult *r, const char *root);

/* project.c: load the configuration that applies (false: errors reported);
 * drop the units its globs exclude (returns how many). */
bool cli_load_config(const CliOptions *o, Config *cfg, ApiModels *models, DiagSink *diags);
struct FeInputs;
size_t cli_select_units(Config *cfg, struct FeInputs *in);

/* verify.c: check findings against the inline expectations of files.
 * Prints mismatches and a ledger; returns EXIT_CLEAN or EXIT_FINDINGS. */
/* notes: the debug intrinsics' observations (sorted by location). */
int verify_findings(const FindingList *fl, const char *const *files, size_t nfiles, const char *root,
                    bool quiet, const DebugNote *notes, size_t nnotes);

#endif
