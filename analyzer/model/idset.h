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

/* The position of x in the set, UINT32_MAX when absent. */
static inline uint32_t idset_index(const IdSet *s, uint32_t x) {
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (s->v[mid] == x) return mid;
        if (s->v[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return UINT32_MAX;
}

static inline bool idset_has(const IdSet *s, uint32_t x) { return idset_index(s, x) != UINT32_MAX; }

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

/* Merge `extra` sorted elements of src that dst lacks into dst, in place,
 * from the back (dst's capacity grows geometrically): a few elements into a
 * large set move each block of dst once (memmove) instead of copying it
 * element by element into a new array. */
static inline void idset_merge_in(IdSet *dst, const IdSet *src, uint32_t extra) {
    uint32_t n = dst->n + extra;
    if (dst->cap < n) {
        uint32_t cap = dst->cap ? dst->cap : 4;
        while (cap < n) cap = cap > UINT32_MAX / 2 ? n : cap * 2;
        dst->v = (uint32_t *)xrealloc(dst->v, (size_t)cap * sizeof(uint32_t));
        dst->cap = cap;
    }
    uint32_t i = dst->n, j = src->n, k = n;
    while (j > 0 && k > i) {
        uint32_t x = src->v[j - 1];
        /* the elements of dst above x move up in one block */
        uint32_t lo = 0, hi = i;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (dst->v[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        uint32_t above = i - lo;
        if (above) memmove(dst->v + k - above, dst->v + lo, (size_t)above * sizeof(uint32_t));
        k -= above;
        i = lo;
        j--;
        if (i > 0 && dst->v[i - 1] == x) continue; /* dst has it */
        dst->v[--k] = x;
    }
    dst->n = n;
}

/* dst |= src; returns true when dst changed. */
static inline bool idset_union(IdSet *dst, const IdSet *src) {
    if (!src->n) return false;
    uint32_t i = 0, j = 0, extra = 0;
    if ((uint64_t)src->n * 16 < dst->n) {
        for (j = 0; j < src->n; j++) extra += !idset_has(dst, src->v[j]);
    } else {
        while (i < dst->n && j < src->n) {
            if (dst->v[i] == src->v[j]) i++, j++;
            else if (dst->v[i] < src->v[j]) i++;
            else j++, extra++;
        }
        extra += src->n - j;
    }
    if (!extra) return false;
    idset_merge_in(dst, src, extra);
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
    idset_merge_in(dst, &fresh, fresh.n);
    idset_union(added, &fresh);
    idset_free(&fresh);
    return true;
}

/* out = a \ b (out is overwritten). */
static inline void idset_difference(IdSet *out, const IdSet *a, const IdSet *b) {
    out->n = 0;
    if (out->cap < a->n) {
        out->cap = a->n;
        out->v = (uint32_t *)xrealloc(out->v, out->cap * sizeof(uint32_t));
    }
    uint32_t j = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        while (j < b->n && b->v[j] < a->v[i]) j++;
        if (j < b->n && b->v[j] == a->v[i]) continue;
        out->v[out->n++] = a->v[i];
    }
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
