/*
 * baseline_fuzz.c - the baseline readers (report/baseline.c): a findings
 * document (JSON), SARIF or JSON Lines, told apart by their content.
 */
#include "../analyzer/report/report.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = fuzz_string(data, size);
    Arena *a = arena_new();
    StrMap set;
    strmap_init(&set);
    (void)report_baseline_parse(text, &set, a);
    strmap_free(&set);
    arena_free(a);
    free(text);
    return 0;
}
