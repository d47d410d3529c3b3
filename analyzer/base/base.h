/*
 * base.h - the small toolkit every stage uses: checked allocation, arenas,
 * growable vectors, string hashing and a string-keyed hash map.
 *
 * Memory follows lifetimes (docs/architecture.md): each translation unit's IR
 * lives in one Arena handed over whole to the whole-program phase, which owns
 * another. Allocation failure aborts with a message; callers never check.
 */
#ifndef RACECHECK_BASE_H
#define RACECHECK_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Abort with a message naming the failed allocation size. Never returns. */
void base_oom(size_t size);

/* malloc/calloc/realloc that abort on failure (never return NULL). */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
/* printf into a fresh malloc'd string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whole file into a NUL-terminated malloc'd buffer (length in *len when not
 * NULL); NULL with errno in *err when it cannot be read. */
char *base_read_file(const char *path, size_t *len, int *err);
/* A monotonic clock in seconds (stage, rule and run times). */
double base_now_seconds(void);
/* 1-based line number of position pos in text. */
unsigned base_line_of(const char *text, const char *pos);
/* Is d (a JSON number) an integer from min to max? Then *out receives it.
 * False for fractions (1.5), values out of range (1e300) and non-finite
 * ones, without the undefined behaviour of casting them. */
bool base_double_to_int(double d, long long min, long long max, long long *out);

/* ---- Arena: bump allocator, freed all at once ---------------------------- */

typedef struct ArenaChunk ArenaChunk;
typedef struct Arena {
    ArenaChunk *head;
    size_t used_total;
} Arena;

Arena *arena_new(void);
/* Zeroed, 16-byte aligned memory that lives until arena_free(a). */
void *arena_alloc(Arena *a, size_t size);
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Grow the most recent allocation p (old_size bytes) to new_size bytes in
 * place when it is the last thing allocated and the chunk has room, else
 * copy it into a fresh allocation. Returns the (possibly moved) memory. */
void *arena_grow(Arena *a, void *p, size_t old_size, size_t new_size);
/* Copy n elements of size elem into the arena. */
void *arena_memdup(Arena *a, const void *src, size_t size);
size_t arena_bytes(const Arena *a);
void arena_free(Arena *a);

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

/* ---- Vectors: VEC(T) is a struct { T *data; size_t len, cap; } ----------- */

#define VEC(T) struct { T *data; size_t len, cap; }
#define vec_grow_(v, need)                                                       \
    do {                                                                         \
        if ((need) > (v)->cap) {                                                 \
            size_t nc_ = (v)->cap ? (v)->cap * 2 : 8;                            \
            while (nc_ < (need)) nc_ *= 2;                                       \
            (v)->data = xrealloc((v)->data, nc_ * sizeof(*(v)->data));           \
            (v)->cap = nc_;                                                      \
        }                                                                        \
    } while (0)
#define vec_push(v, x)                                                           \
    do {                                                                         \
        vec_grow_((v), (v)->len + 1);                                            \
        (v)->data[(v)->len++] = (x);                                             \
    } while (0)
/* Length n; elements added are zero. */
#define vec_resize_zero(v, n)                                                    \
    do {                                                                         \
        size_t n_ = (n);                                                         \
        vec_grow_((v), n_);                                                      \
        if (n_ > (v)->len) memset((v)->data + (v)->len, 0, (n_ - (v)->len) * sizeof(*(v)->data)); \
        (v)->len = n_;                                                           \
    } while (0)
/* Release the unused capacity (a vector that stops growing). */
#define vec_shrink(v)                                                            \
    do {                                                                         \
        if ((v)->cap > (v)->len && (v)->len) {                                   \
            (v)->data = xrealloc((v)->data, (v)->len * sizeof(*(v)->data));      \
            (v)->cap = (v)->len;                                                 \
        }                                                                        \
    } while (0)
#define vec_free(v) do { free((v)->data); (v)->data = NULL; (v)->len = (v)->cap = 0; } while (0)

/* ---- Hashing and a string-keyed map ------------------------------------- */

uint64_t hash_bytes(const void *data, size_t n, uint64_t seed);
uint64_t hash_str(const char *s);
static inline uint64_t hash_mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

/* Open-addressing map from NUL-terminated string keys to void* values. Keys
 * are not copied: they must outlive the map (intern them or use arena
 * strings). Not thread-safe. */
typedef struct StrMap {
    const char **keys;
    void **vals;
    size_t cap, len;
} StrMap;

void strmap_init(StrMap *m);
void strmap_free(StrMap *m);
/* Returns the value for key, or NULL when absent. */
void *strmap_get(const StrMap *m, const char *key);
/* Inserts or replaces. */
void strmap_put(StrMap *m, const char *key, void *val);
/* Returns a pointer to the value slot, inserting NULL if absent;
 * *inserted tells which. The pointer is valid until the next insertion. */
void **strmap_slot(StrMap *m, const char *key, bool *inserted);

/* Map from 64-bit keys (never UINT64_MAX) to 64-bit values. */
typedef struct U64Map {
    uint64_t *keys;
    uint64_t *vals;
    size_t cap, len;
} U64Map;
void u64map_init(U64Map *m);
void u64map_free(U64Map *m);
bool u64map_get(const U64Map *m, uint64_t key, uint64_t *val);
void u64map_put(U64Map *m, uint64_t key, uint64_t val);

/* String interning: equal strings give the same pointer, so interned strings
 * compare with ==. The pool owns its copies. Not thread-safe. */
typedef struct Interner {
    StrMap map;
    Arena *arena;
} Interner;
void interner_init(Interner *in);
void interner_free(Interner *in);
const char *intern(Interner *in, const char *s);

#endif
