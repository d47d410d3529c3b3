/*
 * fingerprint.c - stable finding identities.
 *
 * Recipe (docs/json-format.md): FNV-1a/64 over the rule name, the primary
 * file path relative to the project root, the object as written, and the
 * sorted, de-duplicated list of "function:kind" of every access. No line or
 * column numbers, so unrelated edits above a race keep its fingerprint;
 * renaming the object or changing which functions touch it changes it.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void report_fingerprints(FindingList *fl, const char *root) {
    for (size_t i = 0; i < fl->items.len; i++) {
        Finding *f = &fl->items.data[i];
        char rel[4096];
        uint64_t h = hash_str(f->rule);
        h = hash_mix(h, hash_str(report_relpath(f->loc.file, root, rel, sizeof rel)));
        h = hash_mix(h, hash_str(f->object ? f->object : ""));
        char **keys = xmalloc((f->nevidence + 1) * sizeof(char *));
        for (size_t k = 0; k < f->nevidence; k++)
            keys[k] = xasprintf("%s:%s", f->evidence[k].function, f->evidence[k].kind);
        qsort(keys, f->nevidence, sizeof(char *), cmp_cstr);
        for (size_t k = 0; k < f->nevidence; k++) {
            if (k == 0 || strcmp(keys[k], keys[k - 1])) h = hash_mix(h, hash_str(keys[k]));
        }
        for (size_t k = 0; k < f->nevidence; k++) free(keys[k]);
        free(keys);
        f->fingerprint = arena_printf(fl->arena, "%016llx", (unsigned long long)h);
    }
}
