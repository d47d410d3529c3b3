/*
 * results.h - what happens to a run's findings after the checks (results.c):
 * triage and baseline filtering, the exit status per --fail-on, output in
 * the chosen format, the findings database; and the `racecheck report`
 * subcommand on that database (report_cmd.c). Part of the CLI: it prints.
 */
#ifndef RACECHECK_CLI_RESULTS_H
#define RACECHECK_CLI_RESULTS_H

#include "cli.h"

#include "../model/apimodel.h"
#include "../report/report.h"
#include "../store/store.h"

#include <time.h>

/* Output format by name (text, json, jsonl, sarif, github, html). */
bool cli_format_from_name(const char *name, OutputFormat *f);
/* --fail-on value by name: error, warning, note (a Severity) or never. */
bool cli_fail_on_from_name(const char *name, int *fail_on);
#define CLI_FAIL_NEVER 3

/* A finished analysis, handed to cli_finish_run. */
typedef struct RunResult {
    const char *root;        /* project root: paths, fingerprints, default database */
    FindingList *findings;   /* every finding, fingerprinted and sorted */
    DiagSink *diags;
    const ApiModels *models; /* for the configuration hash */
    size_t parsed, failed, threads;
    bool color;              /* colour the text output */
    time_t started;
    const SuppressResult *sup; /* findings the configuration suppressed
                                         (--show-suppressed), or NULL */
    size_t crashed;          /* units the C front end crashed on: exit 2 */
    const ReportOverview *overview; /* --format=html: the thread tree and locking
                                       discipline (cli_overview_build), or NULL */
} RunResult;

/* Filter by triage and baseline, write the output, store the run; returns
 * the exit status (0, 1 per --fail-on, 2 when the database or the
 * baseline failed or the C front end crashed on a unit -- the output is
 * written all the same). */
int cli_finish_run(const CliOptions *o, int argc, char **argv, RunResult *r);

/* The database path for --db (NULL: not given): NULL for "none", else a
 * malloc'd path; *is_default tells whether it is the implicit one
 * ($RACECHECK_DB or ROOT/.racecheck/racecheck.db). */
char *cli_db_path(const char *opt, const char *root, bool *is_default);

/* The fingerprints of a baseline file (a findings document, SARIF or JSON
 * Lines: report_baseline_read) or, when ref is not a file and db is open,
 * of a run of db (store_run_fingerprints), as keys of set (strings owned by
 * arena a). */
bool cli_baseline_load(const char *ref, Store *db, StrMap *set, Arena *a, char **err);

/* Rule metadata for the emitters: the registry plus docs/rules/<name>.md
 * (embedded at build time, checks_rule_doc). */
const ReportRule *cli_report_rules(size_t *n);

/* ISO 8601 UTC. */
void cli_iso_time(time_t t, char *buf, size_t n);

/* racecheck report SUBCOMMAND ... (argv[0] is "report"). */
int cli_report_main(int argc, char **argv);

#endif
