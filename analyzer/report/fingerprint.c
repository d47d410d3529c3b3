/*
 * fingerprint.c - stable finding identities.
 *
 * Recipe (docs/fingerprints.md): FNV-1a/64 values mixed in order over
 *   1. the rule name;
 *   2. the primary file's path relative to the project root;
 *   3. the object as written, with all whitespace removed;
 *   4. the sorted, de-duplicated list of "function:kind" of every access.
 * No line or column numbers, no thread labels with spawn positions: adding
 * lines above a race or reformatting the file keeps the fingerprint; moving
 * the race to another file, renaming the object or changing which functions
 * touch it, or how (read, write, atomic), changes it. When two findings of
 * one run get the same value, the second in (file, line, column) order is
 * mixed with 2, the third with 3, and so on, so fingerprints are unique
 * within a run.
 */
#include "report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint64_t hash_no_space(const char *s) {
    size_t n = strlen(s), k = 0;
    char *t = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) t[k++] = s[i];
    t[k] = 0;
    uint64_t h = hash_str(t);
    free(t);
    return h;
}

static uint64_t finding_hash(const Finding *f, const char *root) {
    char rel[4096];
    uint64_t h = hash_str(f->rule);
    h = hash_mix(h, hash_str(report_relpath(f->loc.file, root, rel, sizeof rel)));
    h = hash_mix(h, hash_no_space(f->object ? f->object : ""));
    char **keys = xmalloc((f->nevidence + 1) * sizeof(char *));
    for (size_t k = 0; k < f->nevidence; k++)
        keys[k] = xasprintf("%s:%s", f->evidence[k].function, f->evidence[k].kind);
    qsort(keys, f->nevidence, sizeof(char *), cmp_cstr);
    for (size_t k = 0; k < f->nevidence; k++)
        if (k == 0 || strcmp(keys[k], keys[k - 1])) h = hash_mix(h, hash_str(keys[k]));
    for (size_t k = 0; k < f->nevidence; k++) free(keys[k]);
    free(keys);
    return h;
}

void report_fingerprints(FindingList *fl, const char *root) {
    size_t n = fl->items.len;
    uint64_t *hs = xmalloc((n + 1) * sizeof *hs);
    U64Map seen; /* hash -> occurrences so far */
    u64map_init(&seen);
    for (size_t i = 0; i < n; i++) {
        uint64_t h = finding_hash(&fl->items.data[i], root), count = 0;
        if (h == UINT64_MAX) h--; /* U64Map's reserved key */
        u64map_get(&seen, h, &count);
        u64map_put(&seen, h, count + 1);
        hs[i] = count ? hash_mix(h, count + 1) : h;
    }
    for (size_t i = 0; i < n; i++)
        fl->items.data[i].fingerprint = arena_printf(fl->arena, "%016llx", (unsigned long long)hs[i]);
    u64map_free(&seen);
    free(hs);
}
