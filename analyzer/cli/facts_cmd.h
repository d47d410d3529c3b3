/*
 * facts_cmd.h - `racecheck extract` and `racecheck analyze` (facts_cmd.c,
 * docs/ci.md, "Distributing the parsing"): the driver's (driver.c) hooks for
 * the parts that differ from a normal run.
 */
#ifndef RACECHECK_CLI_FACTS_CMD_H
#define RACECHECK_CLI_FACTS_CMD_H

#include "cli.h"

#include "../frontend/facts.h"
#include "../frontend/frontend.h"

#include <stdint.h>

/* Where the extract's diagnostics sink changes hands: items before
 * models_end are about the API models and configuration (analyze loads them
 * itself), [models_end, inputs_end) about reading the inputs, from
 * parse_start on about parsing. */
typedef struct CliExtractDiags {
    size_t models_end, inputs_end, parse_start;
} CliExtractDiags;

/* extract: drops the units the configuration excludes and those of other
 * --shards from in; returns each remaining unit's position (facts.h: its
 * index in the whole compile database, or among the inputs), malloc'd. */
uint64_t *cli_extract_select(const CliOptions *o, const CliExtract *x, Config *cfg, FeInputs *in);

/* extract: writes the facts file x->output (units[i] is the IR of
 * in->units[i], NULL when clang could not parse it). EXIT_CLEAN, or
 * EXIT_FATAL after printing why it could not be written. */
int cli_extract_write(const CliExtract *x, const FeFactsInfo *key, const FeInputs *in, IrUnit **units,
                      const uint64_t *positions, const DiagSink *diags, const CliExtractDiags *ed);

/* extract: the summary line on standard error (not with -q, not after a
 * failure). */
void cli_extract_summary(const CliOptions *o, const CliExtract *x, const FeInputs *in, IrUnit *const *units,
                         int rc);

/* analyze: reads the facts files o->inputs, checks them against key (the
 * racecheck build, API models and configuration of this run), and fills in
 * (one unit per unit of the facts, only .file set) and *units (their IR, in
 * the order a direct run would have them) and reports into diags what the
 * extractions reported (the inputs' diagnostics once, every unit's parse
 * diagnostics). False after printing why not. */
bool cli_analyze_load(const CliOptions *o, const FeFactsInfo *key, FeInputs *in, IrUnit ***units, DiagSink *diags);

#endif
