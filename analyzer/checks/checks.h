/*
 * checks.h - the rule registry. Every rule is one file in checks/ and one
 * line in registry.c; the registry feeds --list-rules, --explain,
 * enabling/disabling by name (.racecheck.json) and SARIF rule metadata. A
 * check reads the model through the facts API (model/facts.h, const
 * Program *) and its own options (RuleOptions), and appends findings; it
 * never prints.
 *
 * Per-rule options replace compile-time knobs. A rule declares its options
 * in registry.c as a table of RuleOptionSpec (name, type, default, one-line
 * doc; documented on the rule's page under "## Options"); .racecheck.json
 * sets them (`"rules": {"data-race": {"options": {"max-access-targets":
 * 128}}}`, validated by config.c) and the check reads them with the typed
 * accessors rule_opt_int/bool/string. tools/new-rule creates a rule's
 * files and registers it (docs/architecture.md, "Adding a rule").
 */
#ifndef RACECHECK_CHECKS_H
#define RACECHECK_CHECKS_H

#include "../base/finding.h"
#include "../model/facts.h"

typedef enum RuleOptType { RULE_OPT_INT, RULE_OPT_BOOL, RULE_OPT_STRING } RuleOptType;

/* One option of a rule: declared in registry.c with RULE_OPTION_INT/BOOL/
 * STRING. Names are kebab-case and, like rule names, never renamed. */
typedef struct RuleOptionSpec {
    const char *name;
    RuleOptType type;
    long long def;          /* default of an int option (a bool's: 0 or 1) */
    const char *def_string; /* default of a string option */
    long long min, max;     /* the valid range of an int option */
    const char *doc;        /* one line */
} RuleOptionSpec;

#define RULE_OPTION_INT(name, def, min, max, doc) {name, RULE_OPT_INT, def, NULL, min, max, doc}
#define RULE_OPTION_BOOL(name, def, doc) {name, RULE_OPT_BOOL, (def) ? 1 : 0, NULL, 0, 1, doc}
#define RULE_OPTION_STRING(name, def, doc) {name, RULE_OPT_STRING, 0, def, 0, 0, doc}

/* A rule's options table in its registry line: RULE_OPTIONS(table) or NO_OPTIONS. */
#define RULE_OPTIONS(table) table, sizeof table / sizeof table[0]
#define NO_OPTIONS NULL, 0

enum { RULE_MAX_OPTIONS = 16 };

typedef struct Rule Rule;

/* The values of one rule's options, parallel to rule->options. */
typedef struct RuleOptions {
    const Rule *rule;
    struct {
        long long i;     /* int, bool */
        const char *s;   /* string (not owned) */
    } v[RULE_MAX_OPTIONS];
} RuleOptions;

typedef void (*CheckFn)(const Program *p, const RuleOptions *opts, FindingList *out);

struct Rule {
    const char *name;     /* kebab-case, never renamed */
    Severity severity;    /* default */
    const char *summary;  /* one line */
    CheckFn run;
    const RuleOptionSpec *options;
    size_t noptions;      /* at most RULE_MAX_OPTIONS */
};

extern const Rule checks_registry[];
extern const size_t checks_registry_len;

const Rule *checks_find(const char *name);
/* The rule's page (docs/rules/<name>.md, embedded at build time), or NULL. */
const char *checks_rule_doc(const char *name);
/* Run every rule (in registry order) and sort the findings. opts is NULL
 * (every option at its default) or an array parallel to checks_registry;
 * seconds NULL, or an array parallel to it that receives each rule's wall
 * time. */
void checks_run_all(const Program *p, const RuleOptions *opts, FindingList *out, double *seconds);

/* ---- evidence (lockfind.c) ---------------------------------------------------- */

/* A source place whose file name lives in arena a (findings outlive the model). */
SrcLoc check_own_loc(Arena *a, SrcLoc l);
/* The evidence entry of access x (place, kind, function, thread, spawn, the
 * locks held, each once), its strings in arena a. */
void check_access_evidence(const Program *p, Arena *a, const Access *x, const char *kind, Evidence *e);

/* ---- options ------------------------------------------------------------------ */

/* Every option of r at its default. */
void rule_options_init(RuleOptions *o, const Rule *r);
/* The index of r's option name, or -1. */
int rule_option_index(const Rule *r, const char *name);
/* "int", "bool", "string". */
const char *rule_opt_type_name(RuleOptType t);
/* The default as written in .racecheck.json: 64, true, "text". */
const char *rule_option_default_text(const RuleOptionSpec *s, char *buf, size_t n);
/* Typed accessors. Asking for an option the rule does not declare, or with
 * the wrong type, is a programming error and aborts with a message. */
long long rule_opt_int(const RuleOptions *o, const char *name);
bool rule_opt_bool(const RuleOptions *o, const char *name);
const char *rule_opt_string(const RuleOptions *o, const char *name);

/* rules: one check function per file (tools/new-rule appends here) */
void check_data_race(const Program *p, const RuleOptions *opts, FindingList *out);
void check_double_lock(const Program *p, const RuleOptions *opts, FindingList *out);
void check_lock_leak(const Program *p, const RuleOptions *opts, FindingList *out);
void check_unlock_not_held(const Program *p, const RuleOptions *opts, FindingList *out);
void check_lock_order(const Program *p, const RuleOptions *opts, FindingList *out);
void check_condvar_wait_not_in_loop(const Program *p, const RuleOptions *opts, FindingList *out);
void check_thread_unsafe_call(const Program *p, const RuleOptions *opts, FindingList *out);
void check_stack_escape(const Program *p, const RuleOptions *opts, FindingList *out);
void check_false_sharing(const Program *p, const RuleOptions *opts, FindingList *out);
void check_atomicity_violation(const Program *p, const RuleOptions *opts, FindingList *out);

#endif
