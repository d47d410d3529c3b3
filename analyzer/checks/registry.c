/* registry.c - the central list of rules; see checks.h. */
#include "checks.h"

#include <string.h>

const Rule checks_registry[] = {
    {"data-race", SEV_ERROR,
     "two threads may access the same location at the same time, at least one writing, "
     "without a common lock and not both atomically",
     check_data_race},
};
const size_t checks_registry_len = sizeof checks_registry / sizeof checks_registry[0];

const Rule *checks_find(const char *name) {
    for (size_t i = 0; i < checks_registry_len; i++)
        if (!strcmp(checks_registry[i].name, name)) return &checks_registry[i];
    return NULL;
}

void checks_run_all(const Program *p, FindingList *out) {
    for (size_t i = 0; i < checks_registry_len; i++) checks_registry[i].run(p, out);
    findings_sort(out);
}
