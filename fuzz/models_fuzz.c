/*
 * models_fuzz.c - the API-model reader (model/apimodel.c): the input is a
 * rules file (rules/pthread.json and the like).
 */
#include "../analyzer/model/apimodel.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_write("models.json", data, size);
    ApiModels m;
    apimodels_init(&m);
    DiagSink d;
    diag_init(&d);
    if (apimodels_load_file(&m, path, &d)) {
        size_t n;
        const ApiModel **all = apimodels_sorted(&m, &n);
        char buf[512];
        for (size_t i = 0; i < n; i++) (void)apimodel_describe(all[i], buf, sizeof buf);
        free(all);
    }
    diag_free(&d);
    apimodels_free(&m);
    return 0;
}
