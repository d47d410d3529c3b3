/*
 * idset.h - small sorted sets of 32-bit ids (points-to sets, locksets, the
 * threads alive at a point). Sorted arrays: cheap for the small sets the
 * analysis mostly sees, deterministic to iterate, easy to hash and intern.
 */
#ifndef RACECHECK_IDSET_H
#define RACECHECK_IDSET_H

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

typedef struct IdSet {
    uint32_t *v;
    uint32_t n, cap;
} IdSet;

static inline void idset_free(IdSet *s) {
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static inline bool idset_has(const IdSet *s, uint32_t x) {
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (s->v[mid] == x) return true;
        if (s->v[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* Adds x; returns true when the set changed. */
static inline bool idset_add(IdSet *s, uint32_t x) {
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (s->v[mid] == x) return false;
        if (s->v[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 4;
        s->v = xrealloc(s->v, s->cap * sizeof(uint32_t));
    }
    memmove(s->v + lo + 1, s->v + lo, (s->n - lo) * sizeof(uint32_t));
    s->v[lo] = x;
    s->n++;
    return true;
}

static inline bool idset_remove(IdSet *s, uint32_t x) {
    for (uint32_t i = 0; i < s->n; i++)
        if (s->v[i] == x) {
            memmove(s->v + i, s->v + i + 1, (s->n - i - 1) * sizeof(uint32_t));
            s->n--;
            return true;
        }
    return false;
}

/* dst |= src; returns true when dst changed. */
static inline bool idset_union(IdSet *dst, const IdSet *src) {
    if (!src->n) return false;
    uint32_t i = 0, j = 0, k = 0, extra = 0;
    while (i < dst->n && j < src->n) {
        if (dst->v[i] == src->v[j]) i++, j++;
        else if (dst->v[i] < src->v[j]) i++;
        else j++, extra++;
    }
    extra += src->n - j;
    if (!extra) return false;
    uint32_t n = dst->n + extra;
    uint32_t *out = xmalloc(n * sizeof(uint32_t));
    i = j = 0;
    while (i < dst->n || j < src->n) {
        if (j >= src->n || (i < dst->n && dst->v[i] < src->v[j])) out[k++] = dst->v[i++];
        else if (i >= dst->n || src->v[j] < dst->v[i]) out[k++] = src->v[j++];
        else out[k++] = dst->v[i++], j++;
    }
    free(dst->v);
    dst->v = out;
    dst->n = dst->cap = n;
    return true;
}

/* dst |= src; the elements src added to dst are also added to *added.
 * Returns true when dst changed. */
static inline bool idset_union_diff(IdSet *dst, const IdSet *src, IdSet *added) {
    if (!src->n) return false;
    IdSet fresh = {0};
    uint32_t i = 0;
    bool sparse = (uint64_t)src->n * 16 < dst->n; /* few elements into a large set: binary search */
    for (uint32_t j = 0; j < src->n; j++) {
        if (sparse) {
            if (idset_has(dst, src->v[j])) continue;
        } else {
            while (i < dst->n && dst->v[i] < src->v[j]) i++;
            if (i < dst->n && dst->v[i] == src->v[j]) continue;
        }
        if (fresh.n == fresh.cap) {
            fresh.cap = fresh.cap ? fresh.cap * 2 : 8;
            fresh.v = (uint32_t *)xrealloc(fresh.v, fresh.cap * sizeof(uint32_t));
        }
        fresh.v[fresh.n++] = src->v[j];
    }
    if (!fresh.n) return false;
    idset_union(dst, &fresh);
    idset_union(added, &fresh);
    idset_free(&fresh);
    return true;
}

/* dst &= src; returns true when dst changed. */
static inline bool idset_intersect(IdSet *dst, const IdSet *src) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < dst->n; i++)
        if (idset_has(src, dst->v[i])) dst->v[k++] = dst->v[i];
    bool changed = k != dst->n;
    dst->n = k;
    return changed;
}

static inline void idset_copy(IdSet *dst, const IdSet *src) {
    if (dst->cap < src->n) {
        dst->cap = src->n;
        dst->v = xrealloc(dst->v, dst->cap * sizeof(uint32_t));
    }
    if (src->n) memcpy(dst->v, src->v, src->n * sizeof(uint32_t));
    dst->n = src->n;
}

static inline bool idset_equal(const IdSet *a, const IdSet *b) {
    return a->n == b->n && (!a->n || memcmp(a->v, b->v, a->n * sizeof(uint32_t)) == 0);
}

static inline bool idset_intersects(const IdSet *a, const IdSet *b) {
    uint32_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->v[i] == b->v[j]) return true;
        if (a->v[i] < b->v[j]) i++;
        else j++;
    }
    return false;
}

static inline uint64_t idset_hash(const IdSet *s) {
    return hash_bytes(s->v, s->n * sizeof(uint32_t), s->n);
}

#endif
