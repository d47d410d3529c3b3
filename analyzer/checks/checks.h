/*
 * checks.h - the rule registry. Every rule is one file in checks/ and one
 * line in registry.c; the registry feeds --list-rules, enabling/disabling by
 * name (.racecheck.json) and (later) SARIF rule metadata. A check reads the model through
 * the facts API (model/facts.h, const Program *) and appends findings; it
 * never prints.
 */
#ifndef RACECHECK_CHECKS_H
#define RACECHECK_CHECKS_H

#include "../base/finding.h"
#include "../model/facts.h"

typedef void (*CheckFn)(const Program *p, FindingList *out);

typedef struct Rule {
    const char *name;     /* kebab-case, never renamed */
    Severity severity;    /* default */
    const char *summary;  /* one line */
    CheckFn run;
} Rule;

extern const Rule checks_registry[];
extern const size_t checks_registry_len;

const Rule *checks_find(const char *name);
/* The rule's page (docs/rules/<name>.md, embedded at build time), or NULL. */
const char *checks_rule_doc(const char *name);
/* Run every rule (in registry order) and sort the findings. */
void checks_run_all(const Program *p, FindingList *out);

/* rules */
void check_data_race(const Program *p, FindingList *out);

#endif
