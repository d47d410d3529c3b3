/*
 * config.c - reads and validates .racecheck.json (docs/configuration.md).
 *
 *   {"racecheck-config": 1,
 *    "models": ["racecheck/mypool.json"],
 *    "wrappers": [{"name": "xthread_start", "kind": "spawn", "handle": 0, "routine": 1, "arg": 2}],
 *    "entries": ["lib_init"], "exclusive-entries": ["lib_set_allocator"],
 *    "include": [GLOB...], "exclude": [GLOB...],
 *    "rules": {"data-race": {"enabled": true, "severity": "warning",
 *                            "options": {"max-access-targets": 128}}},
 *    "suppressions": [{"fingerprint": "0d6c9fcd5600e34f", "reason": "..."},
 *                     {"path": GLOB, "rule": "data-race", "reason": "..."}]}
 *
 * Every error names the file and the key (`suppressions[2].reason`); the
 * whole file is checked so one run reports every mistake.
 */
#include "config.h"

#include "../checks/checks.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void config_init(Config *c) {
    memset(c, 0, sizeof *c);
    c->arena = arena_new();
    c->rule_options = arena_alloc(c->arena, (checks_registry_len ? checks_registry_len : 1) * sizeof(RuleOptions));
    for (size_t i = 0; i < checks_registry_len; i++) rule_options_init(&c->rule_options[i], &checks_registry[i]);
}

const RuleOptions *config_rule_options(const Config *c, const char *rule) {
    const Rule *r = checks_find(rule);
    return r ? &c->rule_options[r - checks_registry] : NULL;
}

void config_free(Config *c) {
    vec_free(&c->entries);
    vec_free(&c->exclusive);
    vec_free(&c->include);
    vec_free(&c->exclude);
    vec_free(&c->rules);
    vec_free(&c->suppressions);
    arena_free(c->arena);
    memset(c, 0, sizeof *c);
}

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *config_find(const char *start) {
    char dir[PATH_MAX];
    struct stat st;
    if (!realpath(start, dir)) return NULL;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        if (slash) *slash = 0;
    }
    for (;;) {
        char *cand = xasprintf("%s/.racecheck.json", dir[0] ? dir : "");
        if (is_file(cand)) return cand;
        free(cand);
        char *slash = strrchr(dir, '/');
        if (!slash || !dir[0]) return NULL;
        *slash = 0;
    }
}

typedef struct Ctx {
    Config *c;
    const char *file;
    DiagSink *diags;
    bool ok;
} Ctx;

#define CFG_ERR(x, ...)                                                        \
    do {                                                                       \
        diag_report((x)->diags, DIAG_ERROR, (x)->file, 0, 0, __VA_ARGS__);     \
        (x)->ok = false;                                                       \
    } while (0)

/* A non-empty string value, or NULL (error reported). */
static const char *string_value(Ctx *x, const cJSON *v, const char *key) {
    if (!cJSON_IsString(v) || !v->valuestring[0]) {
        CFG_ERR(x, "key '%s' must be a non-empty string", key);
        return NULL;
    }
    return arena_strdup(x->c->arena, v->valuestring);
}

static void string_list(Ctx *x, const cJSON *v, const char *key, StrList *out, bool globs) {
    if (!cJSON_IsArray(v)) {
        CFG_ERR(x, "key '%s' must be an array of strings", key);
        return;
    }
    int i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        char name[64];
        snprintf(name, sizeof name, "%s[%d]", key, i);
        const char *s = string_value(x, e, name);
        if (!s) continue;
        const char *bad = globs ? glob_error(s) : NULL;
        if (bad) CFG_ERR(x, "key '%s': bad glob '%s': %s", name, s, bad);
        else vec_push(out, s);
    }
}

static void load_models(Ctx *x, const cJSON *v, ApiModels *models) {
    if (!cJSON_IsArray(v)) {
        CFG_ERR(x, "key 'models' must be an array of API model file paths");
        return;
    }
    int i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        char name[64];
        snprintf(name, sizeof name, "models[%d]", i);
        const char *s = string_value(x, e, name);
        if (!s) continue;
        char *path = s[0] == '/' ? xstrdup(s) : xasprintf("%s/%s", x->c->root, s);
        if (!is_file(path)) CFG_ERR(x, "key '%s': no API model file '%s'", name, s);
        else if (!apimodels_load_file(models, path, x->diags)) x->ok = false;
        free(path);
    }
}

/* "options" of rule r: each key a declared option, each value of its type. */
static void load_rule_options(Ctx *x, const Rule *r, const cJSON *v) {
    if (!cJSON_IsObject(v)) {
        CFG_ERR(x, "key 'rules.%s.options' must be an object mapping option names to values", r->name);
        return;
    }
    RuleOptions *o = &x->c->rule_options[r - checks_registry];
    for (const cJSON *k = v->child; k; k = k->next) {
        int i = rule_option_index(r, k->string);
        if (i < 0) {
            char known[512] = "";
            for (size_t j = 0; j < r->noptions; j++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", j ? ", " : "",
                         r->options[j].name);
            if (r->noptions)
                CFG_ERR(x, "unknown key 'rules.%s.options.%s': not an option of %s (expected %s; racecheck "
                           "--explain %s)", r->name, k->string, r->name, known, r->name);
            else CFG_ERR(x, "unknown key 'rules.%s.options.%s': rule %s has no options", r->name, k->string, r->name);
            continue;
        }
        const RuleOptionSpec *s = &r->options[i];
        if (s->type == RULE_OPT_INT) {
            long long v;
            if (!cJSON_IsNumber(k) || !base_double_to_int(k->valuedouble, s->min, s->max, &v))
                CFG_ERR(x, "key 'rules.%s.options.%s' must be an integer from %lld to %lld", r->name, k->string,
                        s->min, s->max);
            else o->v[i].i = v;
        } else if (s->type == RULE_OPT_BOOL) {
            if (!cJSON_IsBool(k)) CFG_ERR(x, "key 'rules.%s.options.%s' must be true or false", r->name, k->string);
            else o->v[i].i = cJSON_IsTrue(k);
        } else {
            if (!cJSON_IsString(k)) CFG_ERR(x, "key 'rules.%s.options.%s' must be a string", r->name, k->string);
            else o->v[i].s = arena_strdup(x->c->arena, k->valuestring);
        }
    }
}

static void load_rules(Ctx *x, const cJSON *v) {
    if (!cJSON_IsObject(v)) {
        CFG_ERR(x, "key 'rules' must be an object mapping rule names to settings");
        return;
    }
    for (const cJSON *r = v->child; r; r = r->next) {
        const Rule *rule = checks_find(r->string);
        if (!rule) {
            CFG_ERR(x, "key 'rules.%s': unknown rule (racecheck --list-rules lists them)", r->string);
            continue;
        }
        if (!cJSON_IsObject(r)) {
            CFG_ERR(x, "key 'rules.%s' must be an object with 'enabled', 'severity' and/or 'options'", r->string);
            continue;
        }
        RuleSetting rs = {arena_strdup(x->c->arena, r->string), true, false, SEV_ERROR};
        for (const cJSON *k = r->child; k; k = k->next) {
            if (!strcmp(k->string, "enabled")) {
                if (!cJSON_IsBool(k)) CFG_ERR(x, "key 'rules.%s.enabled' must be true or false", r->string);
                rs.enabled = cJSON_IsTrue(k);
            } else if (!strcmp(k->string, "severity")) {
                const char *sv = cJSON_IsString(k) ? k->valuestring : "";
                rs.has_severity = true;
                if (!strcmp(sv, "error")) rs.severity = SEV_ERROR;
                else if (!strcmp(sv, "warning")) rs.severity = SEV_WARNING;
                else if (!strcmp(sv, "note")) rs.severity = SEV_NOTE;
                else CFG_ERR(x, "key 'rules.%s.severity' must be one of: error, warning, note", r->string);
            } else if (!strcmp(k->string, "options")) {
                load_rule_options(x, rule, k);
            } else if (strcmp(k->string, "comment")) {
                CFG_ERR(x, "unknown key 'rules.%s.%s' (expected enabled, severity, options)", r->string, k->string);
            }
        }
        vec_push(&x->c->rules, rs);
    }
}

static bool is_fingerprint(const char *s) {
    size_t n = strlen(s);
    if (n != 16) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    return true;
}

static void load_suppressions(Ctx *x, const cJSON *v) {
    if (!cJSON_IsArray(v)) {
        CFG_ERR(x, "key 'suppressions' must be an array of objects");
        return;
    }
    int i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        if (!cJSON_IsObject(e)) {
            CFG_ERR(x, "key 'suppressions[%d]' must be an object", i);
            continue;
        }
        ConfigSuppression s = {i, NULL, NULL, NULL, NULL, 0};
        bool ok = true;
        for (const cJSON *k = e->child; k; k = k->next) {
            char name[96];
            snprintf(name, sizeof name, "suppressions[%d].%s", i, k->string);
            const char **slot = !strcmp(k->string, "fingerprint") ? &s.fingerprint
                                : !strcmp(k->string, "path")      ? &s.path
                                : !strcmp(k->string, "rule")      ? &s.rule
                                : !strcmp(k->string, "reason")    ? &s.reason
                                                                  : NULL;
            if (!slot) {
                if (strcmp(k->string, "comment")) {
                    CFG_ERR(x, "unknown key '%s' (expected fingerprint, path, rule, reason)", name);
                    ok = false;
                }
                continue;
            }
            if (!(*slot = string_value(x, k, name))) ok = false;
        }
        if (!s.reason && ok) {
            CFG_ERR(x, "key 'suppressions[%d]' needs a 'reason' (why the finding is acceptable)", i);
            ok = false;
        }
        if (!s.fingerprint && !s.path && ok) {
            CFG_ERR(x, "key 'suppressions[%d]' needs a 'fingerprint' or a 'path' glob", i);
            ok = false;
        }
        if (s.fingerprint && !is_fingerprint(s.fingerprint)) {
            CFG_ERR(x, "key 'suppressions[%d].fingerprint': '%s' is not a fingerprint (16 hex digits, as in "
                       "--format=json)", i, s.fingerprint);
            ok = false;
        }
        const char *bad = s.path ? glob_error(s.path) : NULL;
        if (bad) {
            CFG_ERR(x, "key 'suppressions[%d].path': bad glob '%s': %s", i, s.path, bad);
            ok = false;
        }
        if (s.rule && !checks_find(s.rule)) {
            CFG_ERR(x, "key 'suppressions[%d].rule': unknown rule '%s'", i, s.rule);
            ok = false;
        }
        if (ok) vec_push(&x->c->suppressions, s);
    }
}

bool config_load(Config *c, const char *path, ApiModels *models, DiagSink *diags) {
    char abs[PATH_MAX];
    Ctx x = {c, arena_strdup(c->arena, path), diags, true};
    size_t len = 0;
    int err = 0;
    char *text = base_read_file(path, &len, &err);
    if (!text || !realpath(path, abs)) {
        diag_report(diags, DIAG_ERROR, path, 0, 0, "cannot read the configuration: %s", strerror(err ? err : 2));
        free(text);
        return false;
    }
    c->file = x.file;
    char *slash = strrchr(abs, '/');
    if (slash) *slash = 0;
    c->root = arena_strdup(c->arena, abs[0] ? abs : "/");
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root || !cJSON_IsObject(root)) {
        unsigned line = base_line_of(text, end ? end : text);
        diag_report(diags, DIAG_ERROR, path, line, 0, "the configuration is not a valid JSON object (near line %u)",
                    line);
        cJSON_Delete(root);
        free(text);
        return false;
    }
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "racecheck-config");
    if (!cJSON_IsNumber(ver) || ver->valuedouble != 1)
        CFG_ERR(&x, "key 'racecheck-config' must be present and be 1 (the format version)");
    for (const cJSON *k = root->child; k; k = k->next) {
        const char *key = k->string;
        if (!strcmp(key, "racecheck-config") || !strcmp(key, "comment")) continue;
        else if (!strcmp(key, "models")) load_models(&x, k, models);
        else if (!strcmp(key, "wrappers")) x.ok &= apimodels_load_array(models, k, x.file, "wrappers", true, diags);
        else if (!strcmp(key, "entries")) string_list(&x, k, key, &c->entries, false);
        else if (!strcmp(key, "exclusive-entries")) string_list(&x, k, key, &c->exclusive, false);
        else if (!strcmp(key, "pure")) {
            StrList pure = {0};
            string_list(&x, k, key, &pure, false);
            for (size_t i = 0; i < pure.len; i++) apimodels_add_pure(models, pure.data[i], x.file);
            vec_free(&pure);
        }
        else if (!strcmp(key, "include")) string_list(&x, k, key, &c->include, true);
        else if (!strcmp(key, "exclude")) string_list(&x, k, key, &c->exclude, true);
        else if (!strcmp(key, "rules")) load_rules(&x, k);
        else if (!strcmp(key, "suppressions")) load_suppressions(&x, k);
        else CFG_ERR(&x, "unknown key '%s' (expected models, wrappers, pure, entries, "
                         "exclusive-entries, include, exclude, rules, suppressions)", key);
    }
    cJSON_Delete(root);
    free(text);
    return x.ok;
}

const char *config_relpath(const Config *c, const char *file, char *buf, size_t n) {
    char abs[PATH_MAX];
    if (!c->root || !realpath(file, abs)) {
        snprintf(buf, n, "%s", file);
        return buf;
    }
    size_t rl = strlen(c->root);
    if (!strncmp(abs, c->root, rl) && abs[rl] == '/') snprintf(buf, n, "%s", abs + rl + 1);
    else snprintf(buf, n, "%s", abs);
    return buf;
}

bool config_path_selected(const Config *c, const char *file) {
    char rel[PATH_MAX];
    config_relpath(c, file, rel, sizeof rel);
    bool in = c->include.len == 0;
    for (size_t i = 0; i < c->include.len && !in; i++) in = glob_match(c->include.data[i], rel);
    for (size_t i = 0; i < c->exclude.len && in; i++) in = !glob_match(c->exclude.data[i], rel);
    return in;
}
