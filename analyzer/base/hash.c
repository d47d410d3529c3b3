/*
 * hash.c - content hashes and the unit cache key (hash.h), on xxHash's XXH3.
 */
#include "hash.h"

#include "base.h"

#include <stdio.h>
#include <stdlib.h>
#include <xxhash.h>

uint64_t hash64(const void *data, size_t n) {
    return XXH3_64bits(n ? data : "", n);
}

bool hash_file(const char *path, uint64_t *out, int *err) {
    size_t len = 0;
    int e = 0;
    char *text = base_read_file(path, &len, &e);
    if (err) *err = e;
    if (!text) return false;
    *out = hash64(text, len);
    free(text);
    return true;
}

void hash_key_hex(HashKey k, char out[HASH_KEY_HEX]) {
    snprintf(out, HASH_KEY_HEX, "%016llx%016llx", (unsigned long long)k.hi, (unsigned long long)k.lo);
}

struct Hasher {
    XXH3_state_t *st;
};

Hasher *hasher_new(void) {
    Hasher *h = xmalloc(sizeof *h);
    h->st = XXH3_createState();
    if (!h->st) base_oom(sizeof *h); /* XXH3_state_t is opaque; the size is indicative */
    XXH3_128bits_reset(h->st);
    return h;
}

void hasher_u64(Hasher *h, uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)(v >> (8 * i));
    XXH3_128bits_update(h->st, b, sizeof b);
}

void hasher_bytes(Hasher *h, const void *data, size_t n) {
    hasher_u64(h, n);
    if (n) XXH3_128bits_update(h->st, data, n);
}

void hasher_str(Hasher *h, const char *s) {
    if (!s) {
        hasher_u64(h, UINT64_MAX); /* no string has this length */
        return;
    }
    hasher_bytes(h, s, strlen(s));
}

HashKey hasher_finish(Hasher *h) {
    XXH128_hash_t d = XXH3_128bits_digest(h->st);
    XXH3_freeState(h->st);
    free(h);
    HashKey k = {d.high64, d.low64};
    return k;
}

HashKey hash_unit_key(const HashUnitInputs *in) {
    Hasher *h = hasher_new();
    hasher_str(h, "racecheck unit key 1"); /* the key's own layout version */
    hasher_str(h, in->version);
    hasher_u64(h, in->config.hi);
    hasher_u64(h, in->config.lo);
    hasher_str(h, in->directory);
    hasher_u64(h, in->nargs);
    for (size_t i = 0; i < in->nargs; i++) hasher_str(h, in->args[i]);
    hasher_str(h, in->main_file);
    hasher_u64(h, in->nfiles);
    for (size_t i = 0; i < in->nfiles; i++) {
        hasher_str(h, in->files[i].path);
        hasher_u64(h, in->files[i].hash);
    }
    return hasher_finish(h);
}
