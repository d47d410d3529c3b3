/*
 * optable.h - a command line described by one table. getopt_long's option
 * array, its short-option string and the --help text are all generated from
 * the same rows, so the parser and the help cannot drift apart (racecheck's
 * table is in options.c, `racecheck report`'s in report_cmd.c).
 *
 * Parsing is getopt_long in return-in-order mode ("-" first in the
 * short-option string): options and inputs may be mixed, inputs come back in
 * the order given, and everything after "--" is left alone (never permuted,
 * never parsed). On top of getopt_long: long options must be spelled out
 * (no abbreviations, so adding an option never breaks a script), and every
 * usage error is printed in racecheck's own words with the exit status 2
 * left to the caller.
 */
#ifndef RACECHECK_CLI_OPTABLE_H
#define RACECHECK_CLI_OPTABLE_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One row: a section heading, an option, or a help-only line (an input,
 * a subcommand, an environment variable). */
typedef struct CliOptSpec {
    const char *heading; /* non-NULL: a heading ("Inputs:"); nothing else is read */
    const char *name;    /* long name without "--", or NULL */
    char letter;         /* short option letter, or 0 */
    int has_arg;         /* no_argument, required_argument or optional_argument */
    const char *metavar; /* the value in the help ("N", "FILE"); for a help-only
                            row (no name, no letter) the whole left column */
    const char *needs;   /* a missing value: "option '--jobs' needs <needs>" */
    const char *help;    /* one paragraph, wrapped by cli_opt_help */
    int id;              /* returned by cli_opt_next: the letter, or >= 256 */
} CliOptSpec;

/* cli_opt_next's returns besides an option's id. */
enum { CLI_OPT_END = -1, CLI_OPT_ERROR = -2, CLI_OPT_INPUT = 1 };

typedef struct CliOptParser {
    const CliOptSpec *table;
    size_t n;
    const char *prog; /* "racecheck": prefix of usage errors */
    int argc;
    char **argv;
    struct option *longs; /* generated from table */
    char *shorts;         /* generated from table */
    /* after each cli_opt_next: */
    const char *value;    /* the option's value (NULL: none given), or the input */
    const char *spelled;  /* the option as named on the command line ("--jobs", "-j") */
    int rest;             /* after CLI_OPT_END: index of the first argument after "--"
                             (argc when there is none) */
    char spelled_buf[64];
} CliOptParser;

/* Prepare to parse argv[1..argc) with table (n rows). prog names the
 * command in usage errors ("racecheck: error: ..."). */
void cli_opt_init(CliOptParser *p, const CliOptSpec *table, size_t n, const char *prog, int argc, char **argv);
void cli_opt_free(CliOptParser *p);

/* The next option (its id, with p->value and p->spelled set), an input
 * (CLI_OPT_INPUT, p->value the argument), the end (CLI_OPT_END, p->rest set)
 * or a usage error already printed (CLI_OPT_ERROR: unknown or abbreviated
 * option, missing value, value given to an option that takes none). Not
 * reentrant: getopt_long's state is global. */
int cli_opt_next(CliOptParser *p);

/* For an option with an optional value given without "=": take the next
 * argument as its value when it is one of words (NULL-terminated), else
 * leave it. Returns the value taken or NULL. */
const char *cli_opt_take_word(CliOptParser *p, const char *const *words);

/* Print "PROG: error: <fmt with arg>" and the hint to PROG --help on
 * standard error. Returns false. */
bool cli_opt_usage_error(const char *prog, const char *fmt, const char *arg);

/* The options part of --help: headings, then one row per option, its help
 * wrapped at 79 columns and aligned at column 24. */
void cli_opt_help(FILE *out, const CliOptSpec *table, size_t n);

#endif
