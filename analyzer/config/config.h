/*
 * config.h - the project configuration (.racecheck.json) and suppressions.
 *
 * A configuration is found upward from the analysed directory (or given
 * with --config FILE); its directory is the project root that its paths and
 * globs are relative to. It adds API model files and wrappers, thread entry
 * points, the include/exclude globs that select translation units (and
 * findings), per-rule enablement, severity and options (the rule's typed
 * RuleOptions, declared in the registry), and suppressions by
 * fingerprint or location, each with a reason. docs/configuration.md
 * documents the format; every unknown key or bad value is an error naming
 * the key and the file.
 *
 * Suppressions also come from the sources: `// racecheck-ignore[RULE]:
 * reason` on an access line or the line above it, or above the declaration
 * of a variable or function (docs/suppressions.md). suppress_apply moves
 * suppressed findings out of the list, keeping why.
 */
#ifndef RACECHECK_CONFIG_H
#define RACECHECK_CONFIG_H

#include "../base/diag.h"
#include "../base/finding.h"
#include "../checks/checks.h"
#include "../model/apimodel.h"

typedef struct RuleSetting {
    const char *rule;
    bool enabled;
    bool has_severity;
    Severity severity;
} RuleSetting;

typedef struct ConfigSuppression {
    int index;               /* position in "suppressions", for messages */
    const char *fingerprint; /* NULL or 16 hex digits */
    const char *path;        /* NULL or a glob on the primary location's path */
    const char *rule;        /* NULL: any rule */
    const char *reason;
    size_t used;             /* findings it suppressed */
} ConfigSuppression;

typedef VEC(const char *) StrList;

typedef struct Config {
    Arena *arena;
    const char *file;  /* the configuration file, NULL when there is none */
    const char *root;  /* absolute directory its paths are relative to (cwd without a file) */
    StrList entries;
    StrList exclusive; /* "exclusive-entries": entries the library's contract runs alone */
    StrList include;
    StrList exclude;
    VEC(RuleSetting) rules;
    VEC(ConfigSuppression) suppressions;
    RuleOptions *rule_options; /* parallel to checks_registry; defaults unless set */
} Config;

void config_init(Config *c);
void config_free(Config *c);

/* The nearest .racecheck.json in start (a file's directory or a directory)
 * or above it; a malloc'd path, or NULL. */
char *config_find(const char *start);

/* Load and validate a configuration: API model files and wrappers go into
 * models. False (errors reported, naming the file and the key) when the
 * file is unreadable or anything in it is invalid. */
bool config_load(Config *c, const char *path, ApiModels *models, DiagSink *diags);

/* The options of a registered rule (its defaults without a configuration). */
const RuleOptions *config_rule_options(const Config *c, const char *rule);

/* Does the unit or finding file pass the include and exclude globs? */
bool config_path_selected(const Config *c, const char *file);
/* file relative to the configuration's root when below it, else absolute. */
const char *config_relpath(const Config *c, const char *file, char *buf, size_t n);

/* ---- globs (glob.c) ----------------------------------------------------------- */

/* NULL when pattern is a valid glob, else what is wrong with it. */
const char *glob_error(const char *pattern);
/* Match a path (relative, '/'-separated) against a glob: `*` and `?` stay
 * within one path segment, `**` spans segments (`**\/` also matches no
 * directory), `[abc]`, `[a-z]`, `[!x]` are classes. */
bool glob_match(const char *pattern, const char *path);

/* ---- suppressions (suppress.c) ----------------------------------------------- */

typedef struct Suppressed {
    const char *reason;
    const char *file;  /* the source holding the racecheck-ignore, or the configuration */
    unsigned line;     /* racecheck-ignore: its line; 0 for the configuration */
    int index;         /* configuration: the entry of "suppressions"; -1 inline */
} Suppressed;

typedef struct SuppressResult {
    FindingList suppressed;  /* moved out of the findings (strings stay in the original list's arena) */
    VEC(Suppressed) why;     /* parallel to suppressed.items */
    size_t excluded;         /* findings dropped by exclude globs or disabled rules */
} SuppressResult;

void suppress_result_free(SuppressResult *r);

/* Apply rule settings (disabled rules are dropped, severities replaced),
 * the exclude/include globs, then the configuration's and the sources'
 * suppressions. Malformed inline suppressions are warnings. r receives the
 * suppressed findings. */
void suppress_apply(Config *c, FindingList *findings, SuppressResult *r, DiagSink *diags);

#endif
