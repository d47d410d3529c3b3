/*
 * data_race.c - rule `data-race`: aliasing XOR mutability across threads.
 *
 * Two accesses to the same location race when they may happen in parallel
 * (facts_may_happen_in_parallel: no ordering rule of the model orders them -
 * creation, join, hand-off, per-instance data, semaphores, barriers ...), at
 * least one writes (a mutable borrow), not both are atomic, and no lock is
 * held in common at both (facts_common_lock; a write under a read lock is
 * not protected).
 *
 * Facts used (model/facts.h): the accesses per shared location, their kind,
 * thread and held locks, thread descriptions, the ordering rules. One finding per racing
 * location lists every access that takes part in at least one racing pair
 * (the emitters show one per kind, thread and lock set unless asked for all:
 * report/evidence.c). The primary location is the first such write in
 * (file, line, column) order (docs/testing.md).
 *
 * Cost: accesses that answer every question alike (facts_alike) form one
 * class, found through a hash map (facts_alike_key), so forming classes,
 * building the evidence, best_lock and merging findings are linear (up to
 * sorting) in the accesses; only the racing test is per pair of classes.
 *
 * Precision stance: follows the model's (docs/precision.md): array elements
 * are one location, heap objects are named by allocation site, lock identity
 * is by must-alias of the lock path.
 */
#define _GNU_SOURCE /* qsort_r */
#include "checks.h"

#include "../base/pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Accesses that behave alike (facts_alike) form one class. */
typedef struct Class {
    const Access *rep;
    VEC(const Access *) members;
    size_t next; /* the next class with the same facts_alike_key, or NO_CLASS */
    bool racing;
    bool write;  /* its accesses write (facts_alike: all or none of them) */
} Class;

#define NO_CLASS ((size_t)-1)

/* The arena copies of the strings of the findings, one per distinct text:
 * thousands of accesses share a file, a function, a thread, a lock. */
typedef struct Strings {
    Arena *arena;
    StrMap copies; /* text -> its copy (the key is the copy) */
} Strings;

static const char *own_str(Strings *s, const char *t) {
    if (!t) return NULL;
    const char *c = strmap_get(&s->copies, t);
    if (!c) {
        char *n = arena_strdup(s->arena, t);
        strmap_put(&s->copies, n, n);
        c = n;
    }
    return c;
}

static int cmp_str0(const char *a, const char *b) {
    if (a == b) return 0; /* most texts compared are the same string */
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_loc(SrcLoc a, SrcLoc b) {
    int c = cmp_str0(a.file, b.file);
    if (c) return c;
    if (a.line != b.line) return a.line < b.line ? -1 : 1;
    if (a.col != b.col) return a.col < b.col ? -1 : 1;
    return 0;
}

static bool races(const Program *p, const Access *a, const Access *b) {
    if (!facts_access_writes(a) && !facts_access_writes(b)) return false;
    if (facts_access_disjoint(p, a, b)) return false;
    if (facts_access_atomic(a) && facts_access_atomic(b)) return false;
    if (facts_common_lock(p, a, b, NULL)) return false;
    return facts_may_happen_in_parallel(p, a, b);
}

/* An involved access's place, kind and thread, read once for sorting. */
typedef struct PlaceKey {
    SrcLoc loc;
    uint32_t thread;
    bool write;
    const Access *acc;
} PlaceKey;

/* By place, writes first, then by thread. */
static int cmp_place(const void *x, const void *y) {
    const PlaceKey *a = x, *b = y;
    int c = cmp_loc(a->loc, b->loc);
    if (c) return c;
    if (a->write != b->write) return a->write ? -1 : 1;
    return a->thread < b->thread ? -1 : a->thread > b->thread;
}

/* An access's kind: its rank in the kinds' text order (the evidence
 * order, cmp_same_evidence), and its text. */
static uint32_t kind_rank(const Access *a) {
    bool w = facts_access_writes(a);
    return facts_access_atomic(a) ? (w ? 1 : 0) : (w ? 3 : 2);
}

static const char *access_kind(const Access *a) {
    static const char *const kinds[] = {"atomic read", "atomic write", "read", "write"}; /* strcmp order */
    return kinds[kind_rank(a)];
}

/* The lock held at most of the involved accesses, or NULL. */
static const char *best_lock(const Access *const *acc, size_t n, size_t *count) {
    /* how many of the accesses hold each lock (once per access), in one pass */
    U64Map held;
    u64map_init(&held);
    for (size_t i = 0; i < n; i++) {
        uint32_t nl = facts_access_nlocks(acc[i]);
        for (uint32_t k = 0; k < nl; k++) {
            uint32_t id = facts_access_lock(acc[i], k).id;
            bool again = false;
            for (uint32_t m = 0; m < k && !again; m++) again = facts_access_lock(acc[i], m).id == id;
            uint64_t c = 0;
            if (!again) u64map_get(&held, id, &c), u64map_put(&held, id, c + 1);
        }
    }
    /* the most held, ties to the smallest spelling */
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < facts_access_nlocks(acc[i]); k++) {
            FactsLock lk = facts_access_lock(acc[i], k);
            if (lk.turn) continue; /* not a lock to take */
            uint64_t c = 0;
            u64map_get(&held, lk.id, &c);
            if (c > best_n || (c == best_n && best && cmp_str0(lk.spelling, best) < 0)) {
                best_n = (size_t)c;
                best = lk.spelling;
            }
        }
    u64map_free(&held);
    *count = best_n;
    return best;
}

static SrcLoc own_loc(Strings *s, SrcLoc l) {
    return (SrcLoc){own_str(s, l.file ? l.file : "?"), l.line, l.col};
}

/* A finding before merging: its accesses, turned into evidence only once the
 * findings with one primary access and spelling are merged (evidence for
 * every access of every abstract location was most of the check's memory). */
typedef struct Pending {
    const Access **acc;  /* malloc'd */
    size_t n;
} Pending;
typedef VEC(Pending) PendingList;

static void evidence_of(const Program *p, Strings *strs, const Access *x, Evidence *e) {
    memset(e, 0, sizeof *e);
    FactsThread t = facts_thread(p, facts_access_thread(x));
    e->loc = own_loc(strs, facts_access_loc(x));
    e->kind = access_kind(x);
    SrcLoc fl;
    e->function = own_str(strs, facts_access_function(p, x, &fl));
    e->function_decl = (SrcLoc){own_str(strs, fl.file), fl.line, fl.col};
    e->thread_routine = own_str(strs, t.routine);
    if (!t.root) e->spawn = own_loc(strs, t.spawn);
    e->many = t.many;
    uint32_t nl = facts_access_nlocks(x);
    e->locks = ARENA_ARRAY(strs->arena, const char *, nl ? nl : 1);
    for (uint32_t l = 0; l < nl; l++) e->locks[e->nlocks++] = own_str(strs, facts_access_lock(x, l).spelling);
}

/* The racing accesses of one location sorted by place, one per (place,
 * kind, thread); returns their number. */
static size_t sort_involved(const Access **inv, size_t n) {
    PlaceKey *keys = xmalloc((n ? n : 1) * sizeof(PlaceKey));
    for (size_t i = 0; i < n; i++)
        keys[i] = (PlaceKey){facts_access_loc(inv[i]), facts_access_thread(inv[i]), facts_access_writes(inv[i]), inv[i]};
    qsort(keys, n, sizeof(PlaceKey), cmp_place);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || cmp_place(&keys[i - 1], &keys[i])) inv[k++] = keys[i].acc;
    free(keys);
    return k;
}

/* What a location's finding says, computed on the worker pool. */
typedef struct Involved {
    const Access **acc;      /* malloc'd: its racing accesses (sort_involved) */
    size_t n;
    const Access *primary;   /* the first plain write, else the first write, else the first access */
    size_t nthreads;         /* threads involved */
    int64_t unjoined;        /* the first of them (in order of appearance) no join waits for, or -1 */
    const char *lock;        /* best_lock, or NULL */
    size_t held;             /* accesses holding it */
} Involved;

static void involved_facts(const Program *p, Involved *iv) {
    const Access **inv = iv->acc;
    size_t n = iv->n;
    iv->primary = NULL;
    for (size_t i = 0; i < n && !iv->primary; i++)
        if (facts_access_writes(inv[i]) && !facts_access_atomic(inv[i])) iv->primary = inv[i];
    for (size_t i = 0; i < n && !iv->primary; i++)
        if (facts_access_writes(inv[i])) iv->primary = inv[i];
    if (!iv->primary) iv->primary = inv[0];
    iv->unjoined = -1;
    U64Map seen_threads;
    u64map_init(&seen_threads);
    for (size_t i = 0; i < n; i++) {
        uint32_t tid = facts_access_thread(inv[i]);
        uint64_t one;
        if (u64map_get(&seen_threads, tid, &one)) continue;
        u64map_put(&seen_threads, tid, 1);
        iv->nthreads++;
        FactsThread t = facts_thread(p, tid);
        if (iv->unjoined < 0 && !t.root && !t.joined) iv->unjoined = tid;
    }
    u64map_free(&seen_threads);
    iv->lock = best_lock(inv, n, &iv->held);
}

/* The finding of one location from its involved accesses; takes over
 * iv->acc as the finding's pending accesses. */
/* Per finding reported, the whole-object spelling of its primary access or NULL. */
typedef VEC(const char *) WholeList;

static void report(const Program *p, FindingList *out, Strings *strs, PendingList *pending, const Involved *iv,
                   WholeList *wholes) {
    const Access *primary = iv->primary;
    uint32_t primary_thread = facts_access_thread(primary);
    Arena *a = out->arena;
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "data-race";
    f.severity = SEV_ERROR;
    const char *spelling = facts_access_spelling(primary);
    f.object = arena_strdup(a, spelling ? spelling : "?");
    char nodename[512];
    facts_location_name(p, facts_access_location(primary), nodename, sizeof nodename);
    f.message = arena_printf(a, "data race on '%s'", f.object);
    f.loc = own_loc(strs, facts_access_loc(primary));
    SrcLoc decl = facts_location_decl(p, facts_access_location(primary));
    if (decl.file) f.decl = own_loc(strs, decl);
    Pending pd = {iv->acc, iv->n};
    vec_push(pending, pd);
    f.explain = arena_printf(
        a, "'%s' (%s) is mutably borrowed (written) by thread %s while %s also borrows it, with no "
        "lock held in common: shared between threads, it needs one lock at every access or atomics",
        f.object, nodename, facts_thread(p, primary_thread).routine,
        iv->nthreads == 1 ? "another instance of the same thread" : "another thread");
    /* a run of bit-fields (the lowering names it `first..last`: no C
     * identifier holds a dot) */
    if (strstr(f.object, ".."))
        f.explain = arena_printf(a, "%s; '%s' names a run of adjacent bit-fields, one memory location: a write of any "
                                 "of them rewrites the whole run", f.explain, f.object);
    /* a thread no join waits for: say what is assumed (flag-based joins,
     * and counters not waited for as `while (c > 0) cond_wait`, are not
     * recognised) */
    if (iv->unjoined >= 0)
        f.explain = arena_printf(a, "%s; assumption: thread %s is never joined, so it may run until the program "
                                 "ends (a wait for it through a flag, or a counter not waited down to zero in a "
                                 "condition-variable loop, is not recognised)", f.explain, facts_thread(p, (uint32_t)iv->unjoined).routine);
    if (iv->lock)
        f.help = arena_printf(a, "hold '%s' at every access to '%s' (it is already held at %zu of %zu)", iv->lock,
                              f.object, iv->held, iv->n);
    else
        f.help = arena_printf(a, "protect '%s' with one mutex held at every access, or make it _Atomic",
                              f.object);
    vec_push(&out->items, f);
    vec_push(wholes, facts_access_whole_spelling(primary));
}

/* A whole-object access (`*r = defaults`, memset, free) racing on several
 * of its fields is one race at that place: its findings are renamed to the
 * whole object, so merge_same_spelling makes one of them listing every
 * field's accesses (redis's `*r = rioBufferIO` would otherwise be one
 * finding per field of rio). One field alone keeps the field's name. */
static void name_whole_races(FindingList *out, size_t from, const char *const *wholes) {
    Finding *f = out->items.data + from;
    size_t n = out->items.len - from;
    U64Map count; /* hash of (place, whole spelling) -> findings */
    u64map_init(&count);
    uint64_t *keys = xmalloc((n ? n : 1) * sizeof(uint64_t));
    for (size_t i = 0; i < n; i++) {
        if (!wholes[i]) continue;
        keys[i] = hash_mix(hash_mix(hash_str(f[i].loc.file ? f[i].loc.file : ""), (uint64_t)f[i].loc.line << 32 |
                                    f[i].loc.col), hash_str(wholes[i]));
        uint64_t c = 0;
        u64map_get(&count, keys[i], &c);
        u64map_put(&count, keys[i], c + 1);
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t c = 0;
        if (!wholes[i] || !u64map_get(&count, keys[i], &c) || c < 2) continue;
        f[i].message = arena_printf(out->arena, "data race on '%s': the whole object is accessed here and %zu of its "
                                    "fields race (the accesses list each)", wholes[i], (size_t)c);
        f[i].object = arena_strdup(out->arena, wholes[i]);
        f[i].help = arena_printf(out->arena, "protect '%s' with one mutex held at this access and at every access to "
                                 "its fields listed, or copy it under that lock", wholes[i]);
    }
    free(keys);
    u64map_free(&count);
}

static int cmp_finding_key(const void *x, const void *y) {
    const Finding *a = x, *b = y;
    int c = srcloc_cmp(&a->loc, &b->loc);
    return c ? c : cmp_str0(a->object, b->object);
}

/* What an access shows as an evidence entry of a merged finding (place,
 * kind, thread routine and spawn site), computed once per access for
 * sorting. */
typedef struct EvKey {
    SrcLoc loc;
    const Access *acc;
    uint32_t who;  /* the access's kind (kind_rank) << 24 | its thread's rank (thread_ranks) */
    uint32_t seq;  /* position in the group's accesses: the last tie-break */
} EvKey;
_Static_assert(sizeof(void *) != 8 || sizeof(EvKey) == 32, "an evidence key stays 32 bytes: a group sorts millions");

/* The thread facts of evidence order: the routine, then where it was
 * spawned (0 for a root). */
static int cmp_thread_evidence(const Program *p, uint32_t x, uint32_t y) {
    FactsThread a = facts_thread(p, x), b = facts_thread(p, y);
    int c = cmp_str0(a.routine, b.routine);
    if (c) return c;
    unsigned al = a.root ? 0 : a.spawn.line, bl = b.root ? 0 : b.spawn.line;
    unsigned ac = a.root ? 0 : a.spawn.col, bc = b.root ? 0 : b.spawn.col;
    if (al != bl) return al < bl ? -1 : 1;
    return ac < bc ? -1 : ac > bc;
}

static int cmp_thread_ids(const void *x, const void *y, void *ctx) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    int c = cmp_thread_evidence(ctx, a, b);
    return c ? c : (a > b) - (a < b);
}

/* Each thread's rank in cmp_thread_evidence's order, threads it finds
 * equal sharing one (malloc'd, by thread id). */
static uint32_t *thread_ranks(const Program *p) {
    size_t n = facts_nthreads(p);
    uint32_t *ids = xmalloc((n ? n : 1) * sizeof(uint32_t)), *rank = xmalloc((n ? n : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) ids[i] = (uint32_t)i;
    qsort_r(ids, n, sizeof(uint32_t), cmp_thread_ids, (void *)p);
    uint32_t r = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && cmp_thread_evidence(p, ids[i - 1], ids[i])) r++;
        rank[ids[i]] = r;
    }
    free(ids);
    return rank;
}

static void ev_key(const uint32_t *ranks, const Access *a, EvKey *k) {
    k->loc = facts_access_loc(a);
    k->who = kind_rank(a) << 24 | (ranks[facts_access_thread(a)] & 0xffffff);
    k->acc = a;
}

/* Two accesses give the same evidence entry. */
static int cmp_same_evidence(const EvKey *a, const EvKey *b) {
    int c = cmp_loc(a->loc, b->loc);
    if (c) return c;
    return a->who < b->who ? -1 : a->who > b->who;
}

/* Order of the merged evidence: cmp_same_evidence, then by the locks held
 * (the same access through two merged locations), then as the accesses came:
 * a total order, so sorting the parts of a group apart and merging them
 * gives what one sort would. */
static int cmp_evidence(const void *x, const void *y) {
    const EvKey *ka = x, *kb = y;
    int c = cmp_same_evidence(ka, kb);
    if (c) return c;
    const Access *a = ka->acc, *b = kb->acc;
    uint32_t na = facts_access_nlocks(a), nb = facts_access_nlocks(b);
    for (uint32_t i = 0; i < na && i < nb; i++)
        if ((c = cmp_str0(facts_access_lock(a, i).spelling, facts_access_lock(b, i).spelling))) return c;
    if (na != nb) return na < nb ? -1 : 1;
    return ka->seq < kb->seq ? -1 : ka->seq > kb->seq;
}

/* qsort_r comparators: their context is passed, not kept in a global, so
 * the check can run on several threads. */
static int cmp_finding_order(const void *x, const void *y, void *ctx) {
    const Finding *findings = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = cmp_finding_key(&findings[a], &findings[b]);
    return c ? c : (a > b) - (a < b);
}

/* One group of findings with one key (cmp_finding_key) in merge_same_spelling:
 * findings order[from..to) and, once sorted, their accesses. */
typedef struct Group {
    size_t from, to;
    EvKey *keys;        /* while sorting: the evidence keys of its accesses */
    size_t nkeys, nparts; /* sorted in nparts parts of nkeys / nparts, then merged */
    const Access **acc; /* malloc'd; NULL for a finding alone (its pending accesses) */
    size_t n;
} Group;

/* A part of a group's keys sorted by one worker. */
typedef struct Part {
    size_t group, lo, hi;
} Part;

typedef struct MergeJob {
    const Program *p;
    const uint32_t *ranks; /* thread_ranks */
    const size_t *order;
    const PendingList *pending;
    Group *groups;
    const size_t *by_size; /* the groups, most accesses first (the longest jobs start first) */
    const Part *parts;
} MergeJob;

static int cmp_group_size(const void *x, const void *y, void *ctx) {
    const Group *g = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    if (g[a].n != g[b].n) return g[a].n > g[b].n ? -1 : 1;
    return (a > b) - (a < b);
}

/* A group of several findings: the evidence keys of their accesses. */
static void group_keys(void *ctx, size_t worker, size_t item) {
    (void)worker;
    MergeJob *mj = ctx;
    Group *g = &mj->groups[mj->by_size[item]];
    if (g->to == g->from + 1) return;
    /* the accesses of one event at many locations give one evidence entry:
     * of those with one place, kind and thread, only the first in
     * cmp_evidence's order is kept (what group_merge would keep), so the
     * keys sorted are about as many as the events (a pointer access reaches
     * up to max-access-targets locations) */
    U64Map first; /* hash of (file, line, col, who) -> index in keys */
    u64map_init(&first);
    EvKey *keys = xmalloc((g->n ? g->n : 1) * sizeof(EvKey));
    size_t nkeys = 0;
    uint32_t seq = 0;
    for (size_t x = g->from; x < g->to; x++) {
        const Pending *pd = &mj->pending->data[mj->order[x]];
        for (size_t e = 0; e < pd->n; e++) {
            EvKey k;
            ev_key(mj->ranks, pd->acc[e], &k);
            k.seq = seq++;
            uint64_t h = hash_mix(hash_mix((uint64_t)(uintptr_t)k.loc.file, (uint64_t)k.loc.line << 32 | k.loc.col),
                                  k.who),
                     at;
            if (u64map_get(&first, h, &at) && !cmp_same_evidence(&keys[at], &k)) {
                if (cmp_evidence(&k, &keys[at]) < 0) keys[at] = k;
                continue;
            }
            u64map_put(&first, h, nkeys);
            keys[nkeys++] = k;
        }
    }
    u64map_free(&first);
    g->keys = keys;
    g->nkeys = nkeys;
}

static void sort_part(void *ctx, size_t worker, size_t item) {
    (void)worker;
    MergeJob *mj = ctx;
    const Part *pt = &mj->parts[item];
    qsort(mj->groups[pt->group].keys + pt->lo, pt->hi - pt->lo, sizeof(EvKey), cmp_evidence);
}

/* A group's sorted parts merged, each evidence entry once. */
static void group_merge(void *ctx, size_t worker, size_t item) {
    (void)worker;
    MergeJob *mj = ctx;
    Group *g = &mj->groups[mj->by_size[item]];
    if (!g->keys) return;
    size_t n = g->nkeys;
    /* runs of width n / nparts (the last one longer), merged pairwise */
    size_t w = g->nparts > 1 ? n / g->nparts : n;
    EvKey *tmp = g->nparts > 1 ? xmalloc(n * sizeof(EvKey)) : NULL;
    for (size_t runs = g->nparts; runs > 1; runs = (runs + 1) / 2, w *= 2) {
        size_t o = 0;
        for (size_t r = 0; r < runs; r += 2) {
            size_t lo = r * w, mid = r + 1 < runs ? lo + w : n, hi = r + 2 < runs ? lo + 2 * w : n;
            size_t i = lo, j = mid;
            while (i < mid && j < hi) tmp[o++] = cmp_evidence(&g->keys[j], &g->keys[i]) < 0 ? g->keys[j++] : g->keys[i++];
            while (i < mid) tmp[o++] = g->keys[i++];
            while (j < hi) tmp[o++] = g->keys[j++];
        }
        EvKey *t = g->keys;
        g->keys = tmp;
        tmp = t;
    }
    free(tmp);
    g->acc = xmalloc((n ? n : 1) * sizeof(*g->acc));
    g->n = 0;
    for (size_t e = 0; e < n; e++)
        if (!g->n || cmp_same_evidence(&g->keys[e - 1], &g->keys[e])) g->acc[g->n++] = g->keys[e].acc;
    free(g->keys);
    g->keys = NULL;
}

enum { MIN_PART = 4096 }; /* keys a worker sorts at least, when a group is split */

/* One abstract location per heap object or alias target can give several
 * findings with the same primary access and spelling (`it->next` for every
 * object `it` may point to): the user sees one race there, so merge them:
 * the accesses of the run sorted and each evidence entry once, then only
 * those turned into evidence. A finding alone keeps its accesses' order.
 * The groups are sorted on the worker pool (a large one in parts, merged);
 * the evidence is built in group order. */
static void merge_same_spelling(const Program *p, FindingList *out, Strings *strs, size_t from,
                                PendingList *pending) {
    Finding *f = out->items.data + from;
    size_t n = out->items.len - from, k = 0;
    /* findings (and with them their pending accesses) by key, equal keys
     * in the order they were reported */
    size_t *order = xmalloc((n ? n : 1) * sizeof(size_t));
    for (size_t i = 0; i < n; i++) order[i] = i;
    qsort_r(order, n, sizeof(size_t), cmp_finding_order, f);
    VEC(Group) groups = {0};
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && cmp_finding_key(&f[order[i]], &f[order[j]]) == 0) j++;
        Group g = {i, j, NULL, 0, 0, NULL, 0};
        for (size_t x = i; x < j; x++) g.n += pending->data[order[x]].n;
        vec_push(&groups, g);
        i = j;
    }
    size_t *by_size = xmalloc((groups.len ? groups.len : 1) * sizeof(size_t));
    for (size_t gi = 0; gi < groups.len; gi++) by_size[gi] = gi;
    qsort_r(by_size, groups.len, sizeof(size_t), cmp_group_size, groups.data);
    size_t workers = facts_workers(p);
    uint32_t *ranks = thread_ranks(p);
    MergeJob mj = {p, ranks, order, pending, groups.data, by_size, NULL};
    pool_run(workers, groups.len, &mj, NULL, group_keys, NULL);
    VEC(Part) parts = {0};
    for (size_t gi = 0; gi < groups.len; gi++) {
        Group *g = &groups.data[by_size[gi]];
        if (!g->keys) continue;
        size_t np = g->nkeys / MIN_PART;
        g->nparts = np < 1 ? 1 : np > workers ? workers : np;
        size_t w = g->nkeys / g->nparts;
        for (size_t k = 0; k < g->nparts; k++) {
            Part pt = {by_size[gi], k * w, k + 1 < g->nparts ? (k + 1) * w : g->nkeys};
            vec_push(&parts, pt);
        }
    }
    mj.parts = parts.data;
    pool_run(workers, parts.len, &mj, NULL, sort_part, NULL);
    pool_run(workers, groups.len, &mj, NULL, group_merge, NULL);
    vec_free(&parts);
    free(by_size);
    free(ranks);
    Finding *sorted = xmalloc((n ? n : 1) * sizeof(Finding));
    for (size_t gi = 0; gi < groups.len; gi++) {
        Group *g = &groups.data[gi];
        Finding m = f[order[g->from]];
        const Pending *alone = &pending->data[order[g->from]];
        const Access **acc = g->acc ? g->acc : alone->acc;
        size_t u = g->acc ? g->n : alone->n;
        m.evidence = ARENA_ARRAY(out->arena, Evidence, u ? u : 1);
        m.nevidence = u;
        for (size_t e = 0; e < u; e++) evidence_of(p, strs, acc[e], &m.evidence[e]);
        sorted[k++] = m;
        free(g->acc);
    }
    if (k) memcpy(f, sorted, k * sizeof(Finding));
    out->items.len = from + k;
    vec_free(&groups);
    free(sorted);
    free(order);
    for (size_t i = 0; i < pending->len; i++) free(pending->data[i].acc);
    vec_free(pending);
}

/* Marks the classes that race with some class (races() is symmetric; a
 * class may race with itself). One partner is enough, so a class still
 * without one first tries the classes already known to race - the partner
 * that served last, then the newest - and only then the classes after it
 * not yet settled (one before it that is not racing has already been tried
 * against it). A location whose classes nearly all race (libuv's loop
 * fields: 30 000 accesses in 8 000 classes) costs a few tests per class
 * instead of one per pair; a class that races with nothing is still tried
 * against every other, so the answer is the all-pairs one. */
static void mark_racing(const Program *p, Class *cls, size_t ncls) {
    size_t *wit = xmalloc((ncls ? ncls : 1) * sizeof(size_t)), nwit = 0, last = NO_CLASS;
#define MAY_RACE(x, y) ((cls[x].write || cls[y].write) && races(p, cls[x].rep, cls[y].rep))
    for (size_t y = 0; y < ncls; y++) {
        if (cls[y].racing) continue;
        size_t partner = NO_CLASS;
        if (last != NO_CLASS && MAY_RACE(last, y)) partner = last;
        for (size_t w = nwit; w-- > 0 && partner == NO_CLASS;)
            if (wit[w] != last && MAY_RACE(wit[w], y)) partner = wit[w];
        for (size_t x = y; x < ncls && partner == NO_CLASS; x++)
            if (!cls[x].racing && MAY_RACE(x, y)) partner = x;
        if (partner == NO_CLASS) continue;
        cls[y].racing = true;
        wit[nwit++] = y;
        if (!cls[partner].racing) {
            cls[partner].racing = true;
            wit[nwit++] = partner;
        }
        last = partner;
    }
#undef MAY_RACE
    free(wit);
}

/* ---- per location, on the worker pool -------------------------------------------- */

/* A worker's scratch space for the classes of one location. */
typedef struct Scratch {
    _Alignas(64) VEC(Class) classes; /* a cache line per worker: each rewrites its own length for
                                        every location (racecheck's false-sharing rule on its own
                                        source) */
    size_t inited;       /* classes slots with a members vector (kept between locations) */
} Scratch;

typedef struct LocJob {
    const Program *p;
    Scratch *scratch;    /* by worker */
    const size_t *order; /* the locations, most accesses first (the longest jobs start first) */
    Involved *involved;  /* by location: what its finding says (n == 0: none) */
} LocJob;

/* The racing accesses of location li: accesses that behave alike form one
 * class; a class is racing when some pair of it and a class races. */
static void check_location(void *ctx, size_t worker, size_t item) {
    LocJob *lj = ctx;
    size_t li = lj->order[item];
    const Program *p = lj->p;
    FactsLocation loc = facts_location(p, li);
    if (loc.hidden_state) return; /* a library's: rule thread-unsafe-call */
    /* quick exit: no write to this location */
    bool any_write = false;
    for (size_t k = 0; k < loc.naccesses && !any_write; k++) any_write = facts_access_writes(loc.accesses[k]);
    if (!any_write) return;
    Scratch *sc = &lj->scratch[worker];
    sc->classes.len = 0;
    U64Map by_key; /* facts_alike_key -> the first class with it */
    u64map_init(&by_key);
    for (size_t k = 0; k < loc.naccesses; k++) {
        const Access *acc = loc.accesses[k];
        uint64_t key = facts_alike_key(acc), head;
        size_t c = u64map_get(&by_key, key, &head) ? (size_t)head : NO_CLASS, last = NO_CLASS;
        for (; c != NO_CLASS && !facts_alike(sc->classes.data[c].rep, acc); c = sc->classes.data[c].next) last = c;
        if (c == NO_CLASS) {
            c = sc->classes.len;
            if (c < sc->inited) {
                sc->classes.len++; /* reuse the slot and its members' buffer */
            } else {
                Class nc;
                memset(&nc, 0, sizeof nc);
                vec_push(&sc->classes, nc);
                sc->inited++;
            }
            Class *cl = &sc->classes.data[c];
            cl->rep = acc;
            cl->members.len = 0;
            cl->next = NO_CLASS;
            cl->racing = false;
            cl->write = facts_access_writes(acc);
            if (last == NO_CLASS) u64map_put(&by_key, key, c);
            else sc->classes.data[last].next = c;
        }
        vec_push(&sc->classes.data[c].members, acc);
    }
    u64map_free(&by_key);
    Class *cls = sc->classes.data;
    size_t ncls = sc->classes.len, ninv = 0;
    mark_racing(p, cls, ncls);
    for (size_t x = 0; x < ncls; x++)
        if (cls[x].racing) ninv += cls[x].members.len;
    if (!ninv) return;
    const Access **inv = xmalloc(ninv * sizeof(*inv));
    size_t n = 0;
    for (size_t x = 0; x < ncls; x++)
        if (cls[x].racing) {
            memcpy(inv + n, cls[x].members.data, cls[x].members.len * sizeof(*inv));
            n += cls[x].members.len;
        }
    Involved *iv = &lj->involved[li];
    iv->acc = inv;
    iv->n = sort_involved(inv, n);
    involved_facts(p, iv);
}

static void scratch_free(void *ctx, size_t worker) {
    Scratch *sc = &((LocJob *)ctx)->scratch[worker];
    for (size_t x = 0; x < sc->inited; x++) vec_free(&sc->classes.data[x].members);
    vec_free(&sc->classes);
}

/* The locations are checked on the worker pool (facts_workers), each into
 * its own slot; the findings are then made in location order, so the output
 * is the same for any number of workers. */
static int cmp_size_desc(const void *x, const void *y, void *ctx) {
    const Program *p = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    size_t na = facts_location(p, a).naccesses, nb = facts_location(p, b).naccesses;
    if (na != nb) return na > nb ? -1 : 1;
    return (a > b) - (a < b);
}

void check_data_race(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    size_t first = out->items.len, nloc = facts_nlocations(p), workers = facts_workers(p);
    size_t *order = xmalloc((nloc ? nloc : 1) * sizeof(size_t));
    for (size_t i = 0; i < nloc; i++) order[i] = i;
    if (workers > 1) qsort_r(order, nloc, sizeof(size_t), cmp_size_desc, (void *)p);
    Scratch *scratch = aligned_alloc(_Alignof(Scratch), workers * sizeof(Scratch));
    if (!scratch) base_oom(workers * sizeof(Scratch));
    memset(scratch, 0, workers * sizeof(Scratch));
    LocJob lj = {p, scratch, order, xcalloc(nloc ? nloc : 1, sizeof(Involved))};
    pool_run(workers, nloc, &lj, NULL, check_location, scratch_free);
    Strings strs = {out->arena, {0}};
    PendingList pending = {0};
    strmap_init(&strs.copies);
    WholeList wholes = {0};
    for (size_t li = 0; li < nloc; li++)
        if (lj.involved[li].n) report(p, out, &strs, &pending, &lj.involved[li], &wholes);
        else free(lj.involved[li].acc);
    free(lj.involved);
    free(lj.scratch);
    free(order);
    name_whole_races(out, first, wholes.data);
    vec_free(&wholes);
    merge_same_spelling(p, out, &strs, first, &pending);
    strmap_free(&strs.copies);
}
