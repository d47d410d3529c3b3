/*
 * overview.c - what the HTML page shows of a run beyond its findings
 * (docs/html.md, "Overview"), read from the model through the facts API:
 *
 * - the thread tree: every thread with its start routine, spawn site,
 *   creating thread, many/once, joined, detached (facts_thread);
 * - the locking discipline: for each lock and shared object, how many of
 *   the object's concurrent accesses hold the lock. An access is
 *   concurrent when it may happen in parallel with a conflicting access of
 *   the same object (one of the two writes, not both atomic), locks not
 *   counted: the accesses that need a lock. A lock held at all of them
 *   guards the object -- what a Clang thread-safety `GUARDED_BY` would
 *   state; one held at half of them or more but not all is an
 *   inconsistency, usually where the data-race findings are (fewer: no
 *   discipline, left out). Objects spelled alike and declared at one place
 *   (a field of heap objects from several allocation sites) are one entry.
 *
 * Accesses that behave alike (facts_alike) form one class, and classes are
 * paired, as the data-race check does. PRECISION: a location with more than
 * OVERVIEW_MAX_CLASSES classes is not paired: all its accesses count as
 * concurrent (the counts are then a lower bound of the discipline).
 */
#include "overview.h"

#include <stdlib.h>
#include <string.h>

enum { OVERVIEW_MAX_CLASSES = 512 };

static int cmp_str0(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

/* The most frequent of a list of strings, ties to the smallest. */
typedef struct Tally {
    StrMap counts; /* string -> count (as a pointer-sized integer) */
    const char *best;
    uintptr_t best_n;
} Tally;

static void tally_add(Tally *t, const char *s, uintptr_t n) {
    if (!s) return;
    bool ins;
    void **slot = strmap_slot(&t->counts, s, &ins);
    uintptr_t c = (uintptr_t)*slot + n;
    *slot = (void *)c;
    if (c > t->best_n || (c == t->best_n && cmp_str0(s, t->best) < 0)) {
        t->best = s;
        t->best_n = c;
    }
}

/* One lock while the locations are scanned. */
typedef struct LockInfo {
    uint32_t id;
    Tally names;
} LockInfo;

typedef struct Pending {
    uint32_t lock_index; /* into the LockInfo vector */
    const char *object;
    const char *name;
    SrcLoc decl;
    uint32_t held, total;
} Pending;

typedef struct Class {
    const Access *rep;
    uint32_t size;
    size_t next;     /* the next class with the same facts_alike_key, or NO_CLASS */
    bool concurrent;
} Class;

#define NO_CLASS ((size_t)-1)

static bool conflict(const Program *p, const Access *a, const Access *b) {
    if (!facts_access_writes(a) && !facts_access_writes(b)) return false;
    if (facts_access_atomic(a) && facts_access_atomic(b)) return false;
    return facts_may_happen_in_parallel(p, a, b);
}

static void build_threads(const Program *p, ReportOverview *ov, Arena *a) {
    size_t n = facts_nthreads(p);
    ReportThread *t = ARENA_ARRAY(a, ReportThread, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        FactsThread ft = facts_thread(p, (uint32_t)i);
        t[i] = (ReportThread){ft.routine, ft.root ? (SrcLoc){NULL, 0, 0} : ft.spawn,
                              ft.root || ft.parent < 0 || (size_t)ft.parent >= n ? -1 : ft.parent,
                              ft.many, ft.joined, !ft.root && facts_thread_detached(p, (uint32_t)i)};
    }
    ov->threads = t;
    ov->nthreads = n;
}

static int cmp_guard(const void *x, const void *y) {
    const ReportGuard *a = x, *b = y;
    int c = cmp_str0(a->lock, b->lock);
    if (c) return c;
    if (a->lock_id != b->lock_id) return a->lock_id < b->lock_id ? -1 : 1;
    bool fa = a->held == a->total, fb = b->held == b->total;
    if (fa != fb) return fa ? -1 : 1;
    if ((c = cmp_str0(a->object, b->object))) return c;
    if ((c = srcloc_cmp(&a->decl, &b->decl))) return c;
    if ((c = cmp_str0(a->name, b->name))) return c;
    if (a->held != b->held) return a->held < b->held ? -1 : 1;
    return (a->total > b->total) - (a->total < b->total);
}

static int cmp_guard_object(const void *x, const void *y) {
    const ReportGuard *a = x, *b = y;
    if (a->lock_id != b->lock_id) return a->lock_id < b->lock_id ? -1 : 1;
    int c = cmp_str0(a->object, b->object);
    return c ? c : srcloc_cmp(&a->decl, &b->decl);
}

/* The merge order: cmp_guard_object, then the model's name (an entry
 * merged from several objects has none). */
static int cmp_guard_merge(const void *x, const void *y) {
    int c = cmp_guard_object(x, y);
    return c ? c : cmp_str0(((const ReportGuard *)x)->name, ((const ReportGuard *)y)->name);
}

/* Objects spelled alike and declared at one place (fields of heap objects
 * from several allocation sites: `it->it_flags`) become one entry, their
 * counts added; then only the locks held at every access or at least at
 * half of them stay (a lock held at 40 of 19 000 accesses is no locking
 * discipline). Returns the entries kept, at the front of g. */
static size_t merge_guards(ReportGuard *g, size_t n) {
    if (!n) return 0;
    qsort(g, n, sizeof *g, cmp_guard_merge);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && !cmp_guard_object(&g[k - 1], &g[i])) {
            g[k - 1].held += g[i].held;
            g[k - 1].total += g[i].total;
            if (cmp_str0(g[k - 1].name, g[i].name)) g[k - 1].name = NULL; /* several objects */
        } else {
            g[k++] = g[i];
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < k; i++)
        if ((uint64_t)g[i].held * 2 >= g[i].total) g[kept++] = g[i];
    return kept;
}

void cli_overview_build(const Program *p, ReportOverview *ov, Arena *a) {
    memset(ov, 0, sizeof *ov);
    build_threads(p, ov, a);
    VEC(LockInfo) locks = {0};
    U64Map lock_index; /* lock id -> index in locks */
    u64map_init(&lock_index);
    VEC(Pending) pend = {0};
    VEC(Class) cls = {0};
    VEC(size_t) of_class = {0};
    U64Map held; /* lock id -> concurrent accesses holding it, for one location */
    size_t nloc = facts_nlocations(p);
    for (size_t li = 0; li < nloc; li++) {
        FactsLocation loc = facts_location(p, li);
        bool any_write = false, any_lock = false;
        for (size_t k = 0; k < loc.naccesses; k++) {
            any_write |= facts_access_writes(loc.accesses[k]);
            any_lock |= facts_access_nlocks(loc.accesses[k]) > 0;
        }
        if (!any_write || !any_lock) continue;
        /* the classes of alike accesses (of_class: each access's class);
         * too many: every access concurrent */
        cls.len = 0;
        vec_resize_zero(&of_class, loc.naccesses);
        U64Map by_key; /* facts_alike_key -> the first class with it */
        u64map_init(&by_key);
        bool capped = false;
        for (size_t k = 0; k < loc.naccesses && !capped; k++) {
            const Access *acc = loc.accesses[k];
            uint64_t key = facts_alike_key(acc), head;
            size_t c = u64map_get(&by_key, key, &head) ? (size_t)head : NO_CLASS, last = NO_CLASS;
            for (; c != NO_CLASS && !facts_alike(cls.data[c].rep, acc); c = cls.data[c].next) last = c;
            if (c == NO_CLASS) {
                if (cls.len == OVERVIEW_MAX_CLASSES) {
                    capped = true;
                    break;
                }
                c = cls.len;
                vec_push(&cls, ((Class){acc, 0, NO_CLASS, false}));
                if (last == NO_CLASS) u64map_put(&by_key, key, c);
                else cls.data[last].next = c;
            }
            cls.data[c].size++;
            of_class.data[k] = c;
        }
        u64map_free(&by_key);
        size_t total = 0;
        u64map_init(&held);
        if (capped) {
            for (size_t k = 0; k < loc.naccesses; k++) {
                const Access *acc = loc.accesses[k];
                total++;
                for (uint32_t l = 0; l < facts_access_nlocks(acc); l++) {
                    uint32_t id = facts_access_lock(acc, l).id;
                    bool again = false;
                    for (uint32_t m = 0; m < l && !again; m++) again = facts_access_lock(acc, m).id == id;
                    uint64_t c = 0;
                    if (!again) u64map_get(&held, id, &c), u64map_put(&held, id, c + 1);
                }
            }
        } else {
            for (size_t x = 0; x < cls.len; x++)
                for (size_t y = x; y < cls.len; y++) {
                    if (cls.data[x].concurrent && cls.data[y].concurrent) continue;
                    if (conflict(p, cls.data[x].rep, cls.data[y].rep))
                        cls.data[x].concurrent = cls.data[y].concurrent = true;
                }
            for (size_t x = 0; x < cls.len; x++) {
                if (!cls.data[x].concurrent) continue;
                const Access *acc = cls.data[x].rep; /* alike: the same locks held */
                total += cls.data[x].size;
                for (uint32_t l = 0; l < facts_access_nlocks(acc); l++) {
                    uint32_t id = facts_access_lock(acc, l).id;
                    bool again = false;
                    for (uint32_t m = 0; m < l && !again; m++) again = facts_access_lock(acc, m).id == id;
                    uint64_t c = 0;
                    if (!again) u64map_get(&held, id, &c), u64map_put(&held, id, c + cls.data[x].size);
                }
            }
        }
        if (!held.len) {
            u64map_free(&held);
            continue;
        }
        /* the object's name and the locks' spellings, over its concurrent accesses */
        Tally name = {0};
        strmap_init(&name.counts);
        for (size_t k = 0; k < loc.naccesses; k++) {
            const Access *acc = loc.accesses[k];
            /* only the concurrent accesses name the object */
            if (!capped && !cls.data[of_class.data[k]].concurrent) continue;
            tally_add(&name, facts_access_spelling(acc), 1);
            for (uint32_t l = 0; l < facts_access_nlocks(acc); l++) {
                FactsLock lk = facts_access_lock(acc, l);
                uint64_t ix;
                if (!u64map_get(&lock_index, lk.id, &ix)) {
                    ix = locks.len;
                    LockInfo li0 = {lk.id, {{0}, NULL, 0}};
                    strmap_init(&li0.names.counts);
                    vec_push(&locks, li0);
                    u64map_put(&lock_index, lk.id, ix);
                }
                tally_add(&locks.data[ix].names, lk.spelling, 1);
            }
        }
        const char *object = name.best;
        strmap_free(&name.counts);
        SrcLoc decl = facts_location_decl(p, loc.id);
        char nbuf[512];
        const char *mname = arena_strdup(a, facts_location_name(p, loc.id, nbuf, sizeof nbuf));
        for (size_t s = 0; s < held.cap; s++) {
            if (held.keys[s] == UINT64_MAX) continue;
            uint64_t ix = 0;
            u64map_get(&lock_index, held.keys[s], &ix);
            vec_push(&pend, ((Pending){(uint32_t)ix, object, mname, decl, (uint32_t)held.vals[s], (uint32_t)total}));
        }
        u64map_free(&held);
    }
    ReportGuard *g = ARENA_ARRAY(a, ReportGuard, pend.len ? pend.len : 1);
    for (size_t i = 0; i < pend.len; i++) {
        const LockInfo *li = &locks.data[pend.data[i].lock_index];
        g[i] = (ReportGuard){li->names.best ? li->names.best : "?", li->id, pend.data[i].object ? pend.data[i].object : "?",
                             pend.data[i].name, pend.data[i].decl, pend.data[i].held, pend.data[i].total};
    }
    size_t ng = merge_guards(g, pend.len);
    qsort(g, ng, sizeof *g, cmp_guard);
    /* the lock ids become their order here (the model's numbering is not
     * the page's business, and changes with unrelated code) */
    uint32_t ord = 0, prev_id = 0;
    for (size_t i = 0; i < ng; i++) {
        uint32_t id = g[i].lock_id;
        if (i && (id != prev_id || g[i - 1].lock != g[i].lock)) ord++;
        prev_id = id;
        g[i].lock_id = ord;
    }
    ov->guards = g;
    ov->nguards = ng;
    for (size_t i = 0; i < locks.len; i++) strmap_free(&locks.data[i].names.counts);
    vec_free(&locks);
    vec_free(&pend);
    vec_free(&cls);
    vec_free(&of_class);
    u64map_free(&lock_index);
}
