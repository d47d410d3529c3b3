/*
 * config_test.c - unit tests of the configuration module without libclang:
 * path globs (matching and validation) and the validation of the API model
 * keys the pools and wrappers use (pool-submit needs a routine or an item,
 * pool-new/alloc through a pointer need a handle).
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
    CHECK(!load_entry(dir, "{\"name\": \"w\", \"kind\": \"pool-wait\", \"pool\": 0, \"wait\": 1}", "unknown key 'wait'"));
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: config_test TMP_DIR\n");
        return 2;
    }
    test_globs();
    test_model_keys(argv[1]);
    printf("config_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
