/*
 * config_test.c - unit tests of the configuration module without libclang:
 * path globs (matching and validation) and the validation of the API model
 * keys the pools and wrappers use (pool-submit needs a routine or an item,
 * pool-new/alloc through a pointer need a handle), per-rule options
 * (defaults, typed values from .racecheck.json, errors naming the key) and
 * the registry's agreement with the rule pages (every option documented).
 */
#include "../config/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static void test_globs(void) {
    CHECK(glob_match("src/*.c", "src/a.c"));
    CHECK(!glob_match("src/*.c", "src/sub/a.c"));
    CHECK(glob_match("src/**/*.c", "src/a.c"));
    CHECK(glob_match("src/**/*.c", "src/x/y/a.c"));
    CHECK(glob_match("src/**", "src/x/y/a.c"));
    CHECK(!glob_match("src/**", "lib/a.c"));
    CHECK(glob_match("**/legacy_*.c", "legacy_stats.c"));
    CHECK(glob_match("**/legacy_*.c", "a/b/legacy_stats.c"));
    CHECK(!glob_match("**/legacy_*.c", "a/b/new_stats.c"));
    CHECK(glob_match("vendor/**", "./vendor/x.c"));
    CHECK(glob_match("a?c.c", "abc.c"));
    CHECK(!glob_match("a?c.c", "a/c.c"));
    CHECK(glob_match("[ab]*.c", "b1.c"));
    CHECK(!glob_match("[!ab]*.c", "b1.c"));
    CHECK(glob_match("[a-c]x", "bx"));
    CHECK(!glob_match("[a-c]x", "dx"));
    /* `**` + '/' matches nothing or whole directories, nothing else */
    CHECK(glob_match("**/", ""));
    CHECK(glob_match("**/", "a/b/"));
    CHECK(!glob_match("**/", "a/b"));
    CHECK(glob_match("a**/b", "axy/b"));
    CHECK(glob_match("src/**/x/*.c", "src/x/a.c"));
    CHECK(!glob_match("src/**/x/*.c", "src/yx/a.c"));
    CHECK(glob_match("src/**.c", "src/a/b.c"));
    /* issue 14.2: time linear in the path (the backtracking matcher took
     * seconds for 8 `*a` groups and never finished for 40) */
    {
        char pat[128] = "", path[256] = "";
        for (int i = 0; i < 40; i++) strcat(pat, "*a");
        for (int i = 0; i < 200; i++) strcat(path, "a");
        CHECK(glob_match(pat, path));
        strcat(pat, "b");
        CHECK(!glob_match(pat, path));
        char dpat[256] = "";
        for (int i = 0; i < 40; i++) strcat(dpat, "**/a");
        CHECK(!glob_match(dpat, "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b"));
    }
    CHECK(glob_error("src/**") == NULL);
    CHECK(glob_error("") != NULL);
    CHECK(glob_error("src/[abc") != NULL);
    CHECK(glob_error("src/***/x") != NULL);
}

/* Load one model entry from JSON text; true when valid. */
static bool load_entry(const char *dir, const char *entry, const char *expect_error) {
    char *path = xasprintf("%s/config_test_rules.json", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        free(path);
        return false;
    }
    fprintf(f, "{\"racecheck-models\": 1, \"models\": [%s]}\n", entry);
    fclose(f);
    ApiModels m;
    apimodels_init(&m);
    DiagSink d;
    diag_init(&d);
    bool ok = apimodels_load_file(&m, path, &d);
    if (expect_error) {
        bool found = false;
        for (size_t i = 0; i < d.len; i++) found |= strstr(d.items[i].message, expect_error) != NULL;
        CHECK(found);
    }
    apimodels_free(&m);
    diag_free(&d);
    remove(path);
    free(path);
    return ok;
}

static void test_model_keys(const char *dir) {
    CHECK(load_entry(dir, "{\"name\": \"p_run\", \"kind\": \"pool-submit\", \"pool\": 0, \"routine\": 1, \"arg\": 2}", NULL));
    CHECK(!load_entry(dir, "{\"name\": \"p_run\", \"kind\": \"pool-submit\", \"pool\": 0}", "requires key 'routine' or key 'item'"));
    CHECK(!load_entry(dir, "{\"name\": \"p_new\", \"kind\": \"pool-new\", \"handle_by\": \"pointer\"}", "requires key 'handle'"));
    CHECK(!load_entry(dir, "{\"name\": \"m_new\", \"kind\": \"alloc\", \"handle\": 0, \"handle_by\": \"value\"}",
                      "takes handle_by 'return' or 'pointer'"));
    CHECK(!load_entry(dir, "{\"name\": \"k\", \"kind\": \"tss\", \"key\": 0, \"op\": \"peek\"}", "key 'op' must be one of"));
    CHECK(!load_entry(dir, "{\"name\": \"s\", \"kind\": \"thread-unsafe\", \"alternative\": 3}", "key 'alternative'"));
    CHECK(load_entry(dir, "{\"name\": \"strtok\", \"kind\": \"thread-unsafe\", \"alternative\": \"strtok_r\"}", NULL));
    /* the keys of this session: hidden state, atomic operations, event-loop callbacks */
    CHECK(load_entry(dir, "{\"name\": \"getenv\", \"kind\": \"thread-unsafe\", \"state\": \"environ\", \"reads\": true}", NULL));
    CHECK(!load_entry(dir, "{\"name\": \"g\", \"kind\": \"thread-unsafe\", \"state\": \"\"}", "key 'state' must be a non-empty string"));
    CHECK(!load_entry(dir, "{\"name\": \"g\", \"kind\": \"thread-unsafe\", \"reads\": 1}", "key 'reads' must be true or false"));
    CHECK(load_entry(dir, "{\"name\": \"x\", \"kind\": \"atomic\", \"object\": 0, \"access\": \"rmw\", \"op\": \"exchange\", \"value\": 1}", NULL));
    CHECK(!load_entry(dir, "{\"name\": \"x\", \"kind\": \"atomic\", \"object\": 0, \"access\": \"rmw\", \"op\": \"swap\"}", "key 'op' must be one of"));
    CHECK(!load_entry(dir, "{\"name\": \"x\", \"kind\": \"atomic\", \"object\": 0, \"access\": \"rmw\", \"expected\": 99}", "key 'expected'"));
    CHECK(load_entry(dir, "{\"name\": \"ev_set\", \"kind\": \"callback-register\", \"object\": 0, \"routine\": 3, \"arg\": 4, \"arg_param\": 2}", NULL));
    CHECK(!load_entry(dir, "{\"name\": \"ev_set\", \"kind\": \"callback-register\", \"object\": 0}", "requires key 'routine'"));
    CHECK(!load_entry(dir, "{\"name\": \"ev_attach\", \"kind\": \"callback-attach\", \"object\": 0}", "requires key 'from'"));
    CHECK(load_entry(dir, "{\"name\": \"ev_loop\", \"kind\": \"callback-run\"}", NULL));
    CHECK(!load_entry(dir, "{\"name\": \"ev_loop\", \"kind\": \"callback-run\", \"routine\": 1}", "unknown key 'routine'"));
    CHECK(!load_entry(dir, "{\"name\": \"w\", \"kind\": \"pool-wait\", \"pool\": 0, \"wait\": 1}", "unknown key 'wait'"));
    /* issue 14.8: integers are integers within range (1e300 was stored as
     * LONG_MIN through an undefined cast, 1.5 as 1) */
    CHECK(load_entry(dir, "{\"name\": \"tl\", \"kind\": \"trylock\", \"lock\": 0, \"success\": -1}", NULL));
    CHECK(!load_entry(dir, "{\"name\": \"tl\", \"kind\": \"trylock\", \"lock\": 0, \"success\": 1e300}",
                      "key 'success' must be an integer"));
    CHECK(!load_entry(dir, "{\"name\": \"tl\", \"kind\": \"trylock\", \"lock\": 0, \"success\": 1.5}",
                      "key 'success' must be an integer"));
    CHECK(!load_entry(dir, "{\"name\": \"tl\", \"kind\": \"trylock\", \"lock\": 0, \"success\": 9223372036854775807}",
                      "key 'success' must be an integer"));
    CHECK(!load_entry(dir, "{\"name\": \"l\", \"kind\": \"lock\", \"lock\": 1e300}", "must be an argument index"));
    CHECK(!load_entry(dir, "{\"name\": \"l\", \"kind\": \"lock\", \"lock\": -1e300}", "must be an argument index"));
    CHECK(!load_entry(dir, "{\"name\": \"l\", \"kind\": \"lock\", \"lock\": 0.5}", "must be an argument index"));
}

/* Write text to DIR/name and load it as a rules file (models) or a
 * configuration; true when valid. */
static bool load_text(const char *dir, const char *text, bool config) {
    char *path = xasprintf("%s/config_test_text.json", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        free(path);
        return false;
    }
    fputs(text, f);
    fclose(f);
    ApiModels m;
    apimodels_init(&m);
    DiagSink d;
    diag_init(&d);
    Config c;
    config_init(&c);
    bool ok = config ? config_load(&c, path, &m, &d) : apimodels_load_file(&m, path, &d);
    config_free(&c);
    apimodels_free(&m);
    diag_free(&d);
    remove(path);
    free(path);
    return ok;
}

static void test_versions(const char *dir) {
    CHECK(load_text(dir, "{\"racecheck-models\": 1, \"models\": []}", false));
    CHECK(!load_text(dir, "{\"racecheck-models\": 1.9, \"models\": []}", false));
    CHECK(!load_text(dir, "{\"racecheck-models\": 1e300, \"models\": []}", false));
    CHECK(load_text(dir, "{\"racecheck-config\": 1}", true));
    CHECK(!load_text(dir, "{\"racecheck-config\": 1.9}", true));
    CHECK(!load_text(dir, "{\"racecheck-config\": 1.0000001}", true));
}

/* Load a configuration whose "rules" value is rules_json; true when valid. */
static bool load_rules_config(const char *dir, const char *rules_json, const char *expect_error, Config *c) {
    char *path = xasprintf("%s/config_test_racecheck.json", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        free(path);
        return false;
    }
    fprintf(f, "{\"racecheck-config\": 1, \"rules\": %s}\n", rules_json);
    fclose(f);
    ApiModels m;
    apimodels_init(&m);
    DiagSink d;
    diag_init(&d);
    bool ok = config_load(c, path, &m, &d);
    if (expect_error) {
        bool found = false;
        for (size_t i = 0; i < d.len; i++) found |= strstr(d.items[i].message, expect_error) != NULL;
        if (!found)
            for (size_t i = 0; i < d.len; i++) fprintf(stderr, "  got: %s\n", d.items[i].message);
        CHECK(found);
    }
    apimodels_free(&m);
    diag_free(&d);
    remove(path);
    free(path);
    return ok;
}

static void test_rule_options(const char *dir) {
    Config c;
    config_init(&c);
    CHECK(rule_opt_int(config_rule_options(&c, "data-race"), "max-access-targets") == 64);
    CHECK(config_rule_options(&c, "no-such-rule") == NULL);
    CHECK(load_rules_config(dir, "{\"data-race\": {\"options\": {\"max-access-targets\": 128}}}", NULL, &c));
    CHECK(rule_opt_int(config_rule_options(&c, "data-race"), "max-access-targets") == 128);
    config_free(&c);

    const char *bad[][2] = {
        {"{\"data-race\": {\"options\": {\"max-acces-targets\": 1}}}",
         "unknown key 'rules.data-race.options.max-acces-targets': not an option of data-race (expected "
         "max-access-targets"},
        {"{\"data-race\": {\"options\": {\"max-access-targets\": \"many\"}}}",
         "key 'rules.data-race.options.max-access-targets' must be an integer from 1 to"},
        {"{\"data-race\": {\"options\": {\"max-access-targets\": 2.5}}}", "must be an integer"},
        {"{\"data-race\": {\"options\": {\"max-access-targets\": 0}}}", "must be an integer from 1"},
        {"{\"data-race\": {\"options\": {\"max-access-targets\": 1e300}}}", "must be an integer"},
        {"{\"data-race\": {\"options\": [1]}}", "key 'rules.data-race.options' must be an object"},
        {"{\"data-race\": {\"option\": {}}}", "unknown key 'rules.data-race.option' (expected enabled, severity, "
                                            "options)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        config_init(&c);
        CHECK(!load_rules_config(dir, bad[i][0], bad[i][1], &c));
        /* a rejected value leaves the default */
        CHECK(rule_opt_int(config_rule_options(&c, "data-race"), "max-access-targets") == 64);
        config_free(&c);
    }
}

/* Every registered rule has its page; every option is within the limit,
 * kebab-case, and documented on the page's "## Options" with its default. */
static void test_registry_docs(void) {
    for (size_t i = 0; i < checks_registry_len; i++) {
        const Rule *r = &checks_registry[i];
        const char *doc = checks_rule_doc(r->name);
        CHECK(doc != NULL);
        CHECK(r->noptions <= RULE_MAX_OPTIONS);
        if (!doc || !r->noptions) continue;
        const char *sec = strstr(doc, "\n## Options");
        CHECK(sec != NULL);
        if (!sec) continue;
        for (size_t k = 0; k < r->noptions; k++) {
            const RuleOptionSpec *s = &r->options[k];
            char name[128], def[128], row[300];
            snprintf(name, sizeof name, "| `%s` |", s->name);
            const char *line = strstr(sec, name);
            if (!line) fprintf(stderr, "  docs/rules/%s.md: no row '%s' under ## Options\n", r->name, name);
            CHECK(line != NULL);
            rule_option_default_text(s, def, sizeof def);
            snprintf(row, sizeof row, "`%s` |", def);
            const char *eol = line ? strchr(line, '\n') : NULL;
            const char *at = line ? strstr(line, row) : NULL;
            if (line && !(at && (!eol || at < eol)))
                fprintf(stderr, "  docs/rules/%s.md: the row of %s does not give its default %s\n", r->name, s->name,
                        def);
            CHECK(line && at && (!eol || at < eol));
            for (const char *q = s->name; *q; q++) CHECK((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '-');
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: config_test TMP_DIR\n");
        return 2;
    }
    test_globs();
    test_model_keys(argv[1]);
    test_versions(argv[1]);
    test_rule_options(argv[1]);
    test_registry_docs();
    printf("config_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
