/*
 * base.c - checked allocation, arenas, hashing, string map, interning.
 * See base.h for the contracts.
 */
#include "base.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void base_oom(size_t size) {
    fprintf(stderr, "racecheck: fatal: out of memory allocating %zu bytes\n", size);
    abort();
}

void *xmalloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (!p) base_oom(size);
    return p;
}

void *xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) base_oom(count * size);
    return p;
}

void *xrealloc(void *ptr, size_t size) {
    void *p = realloc(ptr, size ? size : 1);
    if (!p) base_oom(size);
    return p;
}

char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

static char *vformat(const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *p = xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *xasprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *p = vformat(fmt, ap);
    va_end(ap);
    return p;
}

char *base_read_file(const char *path, size_t *len, int *err) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return NULL;
    }
    size_t cap = 4096, n = 0, r;
    char *buf = xmalloc(cap);
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 >= cap) buf = xrealloc(buf, cap *= 2);
    }
    if (ferror(f)) {
        *err = errno ? errno : EIO;
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = 0;
    if (len) *len = n;
    *err = 0;
    return buf;
}

unsigned base_line_of(const char *text, const char *pos) {
    unsigned line = 1;
    for (const char *p = text; *p && p < pos; p++)
        if (*p == '\n') line++;
    return line;
}

double base_now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- Arena ---------------------------------------------------------------- */

struct ArenaChunk {
    ArenaChunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_CHUNK = 64 * 1024 };

Arena *arena_new(void) {
    return xcalloc(1, sizeof(Arena));
}

void *arena_alloc(Arena *a, size_t size) {
    size = (size + 15) & ~(size_t)15;
    ArenaChunk *c = a->head;
    if (!c || c->used + size > c->size) {
        size_t cs = size > ARENA_CHUNK / 4 ? size : ARENA_CHUNK;
        c = xmalloc(sizeof(ArenaChunk) + cs);
        c->size = cs;
        c->used = 0;
        if (size > ARENA_CHUNK / 4 && a->head) {
            /* big block: keep the current chunk as head for small ones */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = c->data + c->used;
    c->used += size;
    a->used_total += size;
    memset(p, 0, size);
    return p;
}

void *arena_grow(Arena *a, void *p, size_t old_size, size_t new_size) {
    size_t olda = (old_size + 15) & ~(size_t)15, newa = (new_size + 15) & ~(size_t)15;
    ArenaChunk *c = a->head;
    if (p && c && (unsigned char *)p + olda == c->data + c->used && c->used - olda + newa <= c->size) {
        c->used = c->used - olda + newa;
        a->used_total += newa - olda;
        memset((unsigned char *)p + old_size, 0, new_size - old_size);
        return p;
    }
    void *q = arena_alloc(a, new_size);
    if (p && old_size) memcpy(q, p, old_size);
    return q;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s) {
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(Arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *tmp = vformat(fmt, ap);
    va_end(ap);
    char *p = arena_strdup(a, tmp);
    free(tmp);
    return p;
}

void *arena_memdup(Arena *a, const void *src, size_t size) {
    void *p = arena_alloc(a, size);
    if (size) memcpy(p, src, size);
    return p;
}

size_t arena_bytes(const Arena *a) {
    return a ? a->used_total : 0;
}

void arena_free(Arena *a) {
    if (!a) return;
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

/* ---- Hashing (FNV-1a folded through a 64-bit finaliser) ------------------ */

uint64_t hash_bytes(const void *data, size_t n, uint64_t seed) {
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

uint64_t hash_str(const char *s) {
    return hash_bytes(s, strlen(s), 0);
}

/* ---- StrMap --------------------------------------------------------------- */

void strmap_init(StrMap *m) {
    memset(m, 0, sizeof(*m));
}

void strmap_free(StrMap *m) {
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

static size_t strmap_find(const StrMap *m, const char *key) {
    size_t mask = m->cap - 1;
    size_t i = (size_t)hash_str(key) & mask;
    while (m->keys[i] && strcmp(m->keys[i], key) != 0) i = (i + 1) & mask;
    return i;
}

static void strmap_rehash(StrMap *m, size_t ncap) {
    StrMap n = {xcalloc(ncap, sizeof(char *)), xcalloc(ncap, sizeof(void *)), ncap, 0};
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = strmap_find(&n, m->keys[i]);
        n.keys[j] = m->keys[i];
        n.vals[j] = m->vals[i];
        n.len++;
    }
    free(m->keys);
    free(m->vals);
    *m = n;
}

void *strmap_get(const StrMap *m, const char *key) {
    if (!m->cap) return NULL;
    size_t i = strmap_find(m, key);
    return m->keys[i] ? m->vals[i] : NULL;
}

void **strmap_slot(StrMap *m, const char *key, bool *inserted) {
    if ((m->len + 1) * 4 >= m->cap * 3) strmap_rehash(m, m->cap ? m->cap * 2 : 64);
    size_t i = strmap_find(m, key);
    bool ins = !m->keys[i];
    if (ins) {
        m->keys[i] = key;
        m->vals[i] = NULL;
        m->len++;
    }
    if (inserted) *inserted = ins;
    return &m->vals[i];
}

void strmap_put(StrMap *m, const char *key, void *val) {
    *strmap_slot(m, key, NULL) = val;
}

/* ---- U64Map --------------------------------------------------------------- */

void u64map_init(U64Map *m) {
    memset(m, 0, sizeof(*m));
}

void u64map_free(U64Map *m) {
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

static size_t u64map_find(const U64Map *m, uint64_t key) {
    size_t mask = m->cap - 1;
    uint64_t h = key; /* splitmix64 finaliser: every key bit reaches every slot bit */
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    size_t i = (size_t)h & mask;
    while (m->keys[i] != UINT64_MAX && m->keys[i] != key) i = (i + 1) & mask;
    return i;
}

static void u64map_rehash(U64Map *m, size_t ncap) {
    U64Map n = {xmalloc(ncap * sizeof(uint64_t)), xmalloc(ncap * sizeof(uint64_t)), ncap, 0};
    memset(n.keys, 0xff, ncap * sizeof(uint64_t));
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == UINT64_MAX) continue;
        size_t j = u64map_find(&n, m->keys[i]);
        n.keys[j] = m->keys[i];
        n.vals[j] = m->vals[i];
        n.len++;
    }
    free(m->keys);
    free(m->vals);
    *m = n;
}

bool u64map_get(const U64Map *m, uint64_t key, uint64_t *val) {
    if (!m->cap) return false;
    size_t i = u64map_find(m, key);
    if (m->keys[i] == UINT64_MAX) return false;
    if (val) *val = m->vals[i];
    return true;
}

void u64map_put(U64Map *m, uint64_t key, uint64_t val) {
    if ((m->len + 1) * 4 >= m->cap * 3) u64map_rehash(m, m->cap ? m->cap * 2 : 64);
    size_t i = u64map_find(m, key);
    if (m->keys[i] == UINT64_MAX) {
        m->keys[i] = key;
        m->len++;
    }
    m->vals[i] = val;
}

/* ---- Interner ------------------------------------------------------------- */

void interner_init(Interner *in) {
    strmap_init(&in->map);
    in->arena = arena_new();
}

void interner_free(Interner *in) {
    strmap_free(&in->map);
    arena_free(in->arena);
    in->arena = NULL;
}

const char *intern(Interner *in, const char *s) {
    if (!s) return NULL;
    const char *k = NULL;
    if (in->map.cap) {
        size_t i = strmap_find(&in->map, s);
        k = in->map.keys[i];
    }
    if (k) return k;
    char *copy = arena_strdup(in->arena, s);
    strmap_put(&in->map, copy, copy);
    return copy;
}

bool base_double_to_int(double d, long long min, long long max, long long *out) {
    /* [-2^63, 2^63): the doubles a long long can hold; NaN fails both */
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return false;
    long long v = (long long)d;
    if ((double)v != d || v < min || v > max) return false;
    *out = v;
    return true;
}
