/*
 * cachekey.c - the IR cache's directory and key parts (cachekey.h).
 */
#include "cachekey.h"

#include <stdlib.h>
#include <string.h>

char *cache_dir_for(bool no_cache, const char *opt, const char *root) {
    if (no_cache) return NULL;
    const char *v = opt ? opt : getenv("RACECHECK_CACHE");
    if (v && v[0]) return strcmp(v, "none") ? xstrdup(v) : NULL;
    return xasprintf("%s/.racecheck/cache", root);
}

char *cache_build_id(const char *version) {
    uint64_t h = 0;
    if (!hash_file("/proc/self/exe", &h, NULL)) h = 0;
    return xasprintf("%s+%016llx", version, (unsigned long long)h);
}

HashKey cache_config_key(const ApiModels *m, const Config *cfg) {
    Hasher *h = hasher_new();
    hasher_str(h, "racecheck-cache-config-v1");
    for (size_t i = 0; i < m->files.len; i++) {
        const char *base = strrchr(m->files.data[i], '/');
        uint64_t fh = 0;
        hasher_str(h, base ? base + 1 : m->files.data[i]);
        hasher_u64(h, hash_file(m->files.data[i], &fh, NULL) ? fh : 0);
    }
    uint64_t ch = 0;
    hasher_str(h, cfg->file);
    hasher_u64(h, cfg->file && hash_file(cfg->file, &ch, NULL) ? ch : 0);
    return hasher_finish(h);
}
