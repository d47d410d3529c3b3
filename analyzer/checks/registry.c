/*
 * registry.c - the central list of rules (see checks.h): one line per rule,
 * in the order the rules run, and above it each rule's options table.
 * tools/new-rule appends a rule's line; options are added by hand, each
 * documented on the rule's page (docs/rules/<name>.md, "## Options").
 */
#include "checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- options, one table per rule that has any --------------------------------- */

/* data-race: max-access-targets is applied by the model while it records
 * accesses (ModelOptions.max_access_targets, set by the driver). */
static const RuleOptionSpec data_race_options[] = {
    RULE_OPTION_INT("max-access-targets", 64, 1, 1000000,
                    "an access through a pointer that may reach more than this many locations is not checked "
                    "(counted and reported)"),
};

/* false-sharing: the cache line its elements are laid out against. */
static const RuleOptionSpec false_sharing_options[] = {
    RULE_OPTION_INT("line-size", 64, 16, 4096,
                    "the cache line size in bytes: per-thread elements whose written bytes can fall in one line "
                    "of this size are reported (128 for CPUs that fetch line pairs)"),
};

/* ---- the rules: one line each (name, default severity, summary, check, options) ---- */

const Rule checks_registry[] = {
    {"data-race", SEV_ERROR, "two threads may access the same location at the same time, at least one writing, without a common lock and not both atomically", check_data_race, RULE_OPTIONS(data_race_options)},
    {"double-lock", SEV_ERROR, "a thread locks a non-recursive mutex it already holds (directly or through a helper called with it held): it deadlocks on itself", check_double_lock, NO_OPTIONS},
    {"lock-leak", SEV_ERROR, "a function returns on some path with a mutex it acquired still held, while its other paths release it", check_lock_leak, NO_OPTIONS},
    {"unlock-not-held", SEV_ERROR, "a thread unlocks a mutex it does not hold on some path to the unlock", check_unlock_not_held, NO_OPTIONS},
    {"lock-order", SEV_ERROR, "two or more locks acquired in opposite orders by code that can run in two threads at once: a potential deadlock", check_lock_order, NO_OPTIONS},
    {"condvar-wait-not-in-loop", SEV_WARNING, "a condition-variable wait not inside a loop that re-checks its predicate: a spurious or stolen wake-up is taken for the condition", check_condvar_wait_not_in_loop, NO_OPTIONS},
    {"thread-unsafe-call", SEV_WARNING, "a call of a libc function that is not thread-safe from code two threads may run at once", check_thread_unsafe_call, NO_OPTIONS},
    {"stack-escape", SEV_ERROR, "the address of a local handed to a thread that may use it after the function returns", check_stack_escape, NO_OPTIONS},
    {"false-sharing", SEV_NOTE, "per-thread elements written in a hot loop by different threads lie in one cache line: each write steals the line from the other cores (a performance note)", check_false_sharing, RULE_OPTIONS(false_sharing_options)},
    {"atomicity-violation", SEV_WARNING, "a shared variable read and written back, based on the read value, in two separate atomic steps or lock regions while another thread may write it: an update can be lost", check_atomicity_violation, NO_OPTIONS},
};
const size_t checks_registry_len = sizeof checks_registry / sizeof checks_registry[0];

const Rule *checks_find(const char *name) {
    for (size_t i = 0; i < checks_registry_len; i++)
        if (!strcmp(checks_registry[i].name, name)) return &checks_registry[i];
    return NULL;
}

/* One rule after the other: data-race spreads its locations over the
 * workers itself. (Rules side by side on the pool made racecheck's own
 * check functions many-instance threads with pools nested in them, which
 * its model cannot order: tools/self_analysis.sh.) */
void checks_run_all(const Program *p, const RuleOptions *opts, FindingList *out, double *seconds) {
    for (size_t i = 0; i < checks_registry_len; i++) {
        RuleOptions def;
        if (!opts) rule_options_init(&def, &checks_registry[i]);
        double t0 = base_now_seconds();
        checks_registry[i].run(p, opts ? &opts[i] : &def, out);
        if (seconds) seconds[i] = base_now_seconds() - t0;
    }
    findings_sort(out);
}

/* ---- options ------------------------------------------------------------------ */

static void options_bug(const char *what, const Rule *r, const char *name) {
    fprintf(stderr, "racecheck: internal error: %s option '%s' of rule %s\n", what, name, r ? r->name : "?");
    abort();
}

void rule_options_init(RuleOptions *o, const Rule *r) {
    memset(o, 0, sizeof *o);
    o->rule = r;
    if (r->noptions > RULE_MAX_OPTIONS) options_bug("too many options (RULE_MAX_OPTIONS) at", r, r->options[0].name);
    for (size_t i = 0; i < r->noptions; i++) {
        o->v[i].i = r->options[i].def;
        o->v[i].s = r->options[i].def_string;
    }
}

int rule_option_index(const Rule *r, const char *name) {
    for (size_t i = 0; i < r->noptions; i++)
        if (!strcmp(r->options[i].name, name)) return (int)i;
    return -1;
}

const char *rule_opt_type_name(RuleOptType t) {
    return t == RULE_OPT_INT ? "int" : t == RULE_OPT_BOOL ? "bool" : "string";
}

const char *rule_option_default_text(const RuleOptionSpec *s, char *buf, size_t n) {
    if (s->type == RULE_OPT_INT) snprintf(buf, n, "%lld", s->def);
    else if (s->type == RULE_OPT_BOOL) snprintf(buf, n, "%s", s->def ? "true" : "false");
    else snprintf(buf, n, "\"%s\"", s->def_string ? s->def_string : "");
    return buf;
}

static size_t option_slot(const RuleOptions *o, const char *name, RuleOptType t) {
    int i = o && o->rule ? rule_option_index(o->rule, name) : -1;
    if (i < 0) options_bug("no such", o ? o->rule : NULL, name);
    if (o->rule->options[i].type != t) options_bug("wrong type asked of", o->rule, name);
    return (size_t)i;
}

long long rule_opt_int(const RuleOptions *o, const char *name) {
    return o->v[option_slot(o, name, RULE_OPT_INT)].i;
}

bool rule_opt_bool(const RuleOptions *o, const char *name) {
    return o->v[option_slot(o, name, RULE_OPT_BOOL)].i != 0;
}

const char *rule_opt_string(const RuleOptions *o, const char *name) {
    return o->v[option_slot(o, name, RULE_OPT_STRING)].s;
}
