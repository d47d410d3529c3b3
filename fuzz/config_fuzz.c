/*
 * config_fuzz.c - the configuration reader (config/config.c): the input is
 * a .racecheck.json. Every input is accepted or rejected with diagnostics;
 * nothing crashes, leaks or hangs.
 */
#include "../analyzer/config/config.h"
#include "../analyzer/model/apimodel.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_write(".racecheck.json", data, size);
    Config c;
    config_init(&c);
    ApiModels m;
    apimodels_init(&m);
    DiagSink d;
    diag_init(&d);
    if (config_load(&c, path, &m, &d)) {
        (void)config_path_selected(&c, "src/a.c");
        (void)config_rule_options(&c, "data-race");
    }
    diag_free(&d);
    apimodels_free(&m);
    config_free(&c);
    return 0;
}
