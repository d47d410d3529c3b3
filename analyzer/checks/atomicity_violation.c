/*
 * atomicity_violation.c - rule `atomicity-violation`: a shared variable read
 * and written back, based on the read value, in two separate atomic steps
 * or lock regions while another thread may write it: an update can be lost.
 *
 * The rule: a read of a shared location is a shared borrow that ends with
 * the load (an atomic load, or the unlock of the region that read it); the
 * value the thread keeps is a copy. Writing back a value computed from that
 * copy (`atomic_store(&c, v + 1)`), or a write reached only because of a
 * test of it (check-then-act), after the borrow ended, assumes that nobody
 * wrote in between: a mutable borrow taken on a stale view. When another
 * thread may write the location in that gap its update is overwritten (a
 * lost update) or the act runs on a condition that no longer holds. Rust
 * makes the read and the write one step: `fetch_add`, `compare_exchange`
 * in a loop, or one `MutexGuard` alive across both.
 *
 * Reported, per read: a read R (an atomic load, or a plain read holding a
 * lock) and a write W of the same location by the same thread, W a
 * write-back of R (facts_write_backs: data or control dependence through
 * locals, temporaries, a getter's return, a setter's parameter), both
 * atomic (W a plain store, not a read-modify-write) or both holding a lock
 * that is released between them (facts_lock_split); and a write X of the
 * location, by another thread or another instance of this one, that may
 * run in parallel with R and with W (facts_may_happen_in_parallel) and
 * holds none of the locks held from R through W without a break, and
 * synchronises like R and W (atomic, or holding a lock released between
 * them: an unsynchronised writer is data-race's finding), and, under
 * locks, is not made only under its own test, in one region of a split
 * lock, that cannot hold while R's does (facts_write_guard; guarded_out). R's
 * thread must run the function joining R and W (runs_joining). Quiet on:
 * read-modify-writes (x++, atomic_fetch_add, compare-exchange), a read and
 * a write in one lock region, a write behind a compare-exchange of the same
 * object, a test-then-store of the very constant tested for (`if (x != c)
 * x = c`), a location read again in the write's own region (read_again),
 * locations no other thread writes (single-threaded,
 * thread-local, per-thread data: the model's ordering rules), a write-back
 * made in a turn on the word it writes (facts_access_in_own_turn).
 *
 * Facts used (model/facts.h): the accesses per location with their
 * operation (facts_access_op), thread and held locks, the write-backs of a
 * read, lock splits, may-happen-in-parallel, thread descriptions, the
 * threads of a function, what a write-back's read was tested to be and
 * the test a write is guarded by.
 *
 * Primary location: the read (docs/rules/atomicity-violation.md); the
 * evidence lists the read, the write-back and the other thread's write.
 * One finding per read event.
 *
 * Precision stance: reads and writes that are neither atomic nor locked are
 * left to data-race; a read and a write of one location are matched by the
 * abstract location (allocation sites, arrays as one element), so two
 * objects of one allocation site look like one (PRECISION), except where
 * a getter and a setter are passed different objects; accesses spelled
 * with different last fields are two locations (other_field); the model's
 * limits are listed in facts_write_backs.
 */
#include "checks.h"

#include "../base/hash.h"

#include <stdlib.h>
#include <string.h>

enum { AV_WRITE_BACKS_FIRST = 64, AV_MAX_LOCKS = 16 };

/* How a read or a write is protected: by atomics or by a lock. */
typedef enum { PROT_NONE, PROT_ATOMIC, PROT_LOCK } Prot;

static Prot read_prot(const Program *p, const Access *a) {
    uint8_t op = facts_access_op(p, a);
    if (op == FACTS_OP_ATOMIC_LOAD) return PROT_ATOMIC;
    if (op == FACTS_OP_READ && facts_access_nlocks(a)) return PROT_LOCK;
    return PROT_NONE;
}

static Prot write_prot(const Program *p, const Access *a) {
    uint8_t op = facts_access_op(p, a);
    if (op == FACTS_OP_ATOMIC_STORE) return PROT_ATOMIC;
    if (op == FACTS_OP_WRITE && facts_access_nlocks(a)) return PROT_LOCK;
    return PROT_NONE;
}

/* The write-backs of a read event, computed once. */
typedef struct Cached {
    FactsWriteBack *wb;
    size_t n;
} Cached;

typedef struct Ctx {
    const Program *p;
    FindingList *out;
    U64Map cache;     /* read event -> index + 1 into cached */
    VEC(Cached) cached;
    U64Map splits;    /* (write-back, lock) -> 1: facts_lock_split said no; k + 2: yes, at split_at[k] */
    VEC(SrcLoc) split_at;
    U64Map reported;  /* read events with a finding: one per event (an access through a
                         pointer reaching several locations reports once) */
    FactsWbMemo *memo;
} Ctx;

static const Cached *write_backs(Ctx *c, const Access *r) {
    uint64_t key = facts_access_event(r), v = 0;
    if (u64map_get(&c->cache, key, &v)) return &c->cached.data[v - 1];
    FactsWriteBack tmp[AV_WRITE_BACKS_FIRST], *buf = tmp;
    size_t cap = AV_WRITE_BACKS_FIRST, n;
    /* more than fitted: again with room for every one (no cap) */
    while ((n = facts_write_backs(c->p, r, buf, cap, c->memo)) > cap) {
        if (buf != tmp) free(buf);
        cap = n;
        buf = xmalloc(cap * sizeof(FactsWriteBack));
    }
    Cached e = {n ? xmalloc(n * sizeof(FactsWriteBack)) : NULL, n};
    if (n) memcpy(e.wb, buf, n * sizeof(FactsWriteBack));
    if (buf != tmp) free(buf);
    vec_push(&c->cached, e);
    u64map_put(&c->cache, key, c->cached.len);
    return &c->cached.data[c->cached.len - 1];
}

/* The accesses of one event of a location, chained (LocView). */
typedef struct LocViewChain {
    const Access *const *acc;
    const size_t *next;
} LocViewChain;

static bool holds(const Access *a, uint32_t lock) {
    for (uint32_t k = 0; k < facts_access_nlocks(a); k++)
        if (facts_access_lock(a, k).id == lock) return true;
    return false;
}

/* The field an access's spelling ends in (`pool->head`: "head"), or NULL
 * (`x`, `*p`, `a[i]`). */
static const char *last_field(const Access *a, size_t *len) {
    const char *sp = facts_access_spelling(a);
    if (!sp) return NULL;
    size_t n = strlen(sp), k = n;
    while (k && (sp[k - 1] == '_' || (sp[k - 1] >= 'a' && sp[k - 1] <= 'z') || (sp[k - 1] >= 'A' && sp[k - 1] <= 'Z') ||
                 (sp[k - 1] >= '0' && sp[k - 1] <= '9')))
        k--;
    if (k == n || !k || (sp[k - 1] != '.' && sp[k - 1] != '>')) return NULL;
    *len = n - k;
    return sp + k;
}

/* PRECISION: two accesses spelled with different last fields (`crawlers[i]
 * .remaining`, `crawlers[i].it_flags`) are taken for two locations even
 * when the model has one for both: an object whose fields it merged (a
 * cast of the object collapses them) or objects of unrelated types whose
 * pointers points-to merged. Reading one field and writing another is no
 * write-back. */
static bool other_field(const Access *a, const Access *b) {
    size_t na = 0, nb = 0;
    const char *fa = last_field(a, &na), *fb = last_field(b, &nb);
    return fa && fb && (na != nb || memcmp(fa, fb, na));
}

/* The locks of R and W: which are held at both (common), and of those which
 * are held without a break from R through W (kept) and which are released
 * between (split; the first release in *where). */
typedef struct Regions {
    FactsLock kept[AV_MAX_LOCKS], split[AV_MAX_LOCKS];
    size_t nkept, nsplit;
    SrcLoc where;
} Regions;

/* facts_lock_split of a write-back and a lock, asked once per run (a read
 * through a pointer is checked at every location it may reach, and every
 * pair of a read and a write asks again). */
static bool lock_split(Ctx *c, const Access *r, const FactsWriteBack *wb, FactsLock l, SrcLoc *at) {
    uint64_t key = hash_mix((uint64_t)(uintptr_t)wb, l.id), v = 0; /* 64 bits: a clash is negligible */
    *at = (SrcLoc){NULL, 0, 0};
    if (u64map_get(&c->splits, key, &v)) {
        if (v >= 2) *at = c->split_at.data[v - 2];
        return v >= 2;
    }
    bool s = facts_lock_split(c->p, r, wb, l, at);
    if (s) vec_push(&c->split_at, *at);
    u64map_put(&c->splits, key, s ? c->split_at.len + 1 : 1);
    return s;
}

static void regions(Ctx *c, const Access *r, const Access *w, const FactsWriteBack *wb, Regions *g) {
    memset(g, 0, sizeof *g);
    for (uint32_t k = 0; k < facts_access_nlocks(r); k++) {
        FactsLock l = facts_access_lock(r, k);
        if (l.id == FACTS_NO_LOCK || !holds(w, l.id)) continue;
        bool dup = false;
        for (size_t j = 0; j < g->nkept && !dup; j++) dup = g->kept[j].id == l.id;
        for (size_t j = 0; j < g->nsplit && !dup; j++) dup = g->split[j].id == l.id;
        if (dup) continue;
        SrcLoc at = {NULL, 0, 0};
        if (lock_split(c, r, wb, l, &at)) {
            if (g->nsplit < AV_MAX_LOCKS) {
                if (!g->nsplit) g->where = at;
                g->split[g->nsplit++] = l;
            }
        } else if (g->nkept < AV_MAX_LOCKS) {
            g->kept[g->nkept++] = l;
        }
    }
}

/* Same thread and same locks held: the same answers below. */
static bool same_view(const Access *a, const Access *b) {
    uint32_t n = facts_access_nlocks(a);
    if (facts_access_thread(a) != facts_access_thread(b) || n != facts_access_nlocks(b)) return false;
    for (uint32_t k = 0; k < n; k++)
        if (facts_access_lock(a, k).id != facts_access_lock(b, k).id) return false;
    return true;
}

/* Is there an access like a (same_view) before it in its chain, from first? */
static bool seen_before(const LocViewChain *ch, size_t first, size_t at) {
    for (size_t i = first; i != at && i != SIZE_MAX; i = ch->next[i])
        if (same_view(ch->acc[i], ch->acc[at])) return true;
    return false;
}

/* A write of the location that may come between R and W: it may run in
 * parallel with both, holds none of the locks kept from R through W, and
 * synchronises the way R and W do - atomic, or holding a lock released
 * between them. A writer that synchronises with nothing is a data race,
 * the data-race rule's finding (and, on real code, most often a write
 * through a pointer the model cannot pin down). */
typedef struct LocView LocView;
static bool fresh_under(const Program *p, const LocView *v, const Access *r, const Access *w, const Access *x);

/* What the write-back's read is known to be (facts_write_back_tested:
 * equal to value, or not), asked once per write-back and only when a
 * writer is found. */
typedef struct Tested {
    const FactsWriteBack *wb;
    bool asked, known, equal;
    int64_t value;
} Tested;

static bool tested(const Program *p, Tested *t) {
    if (!t->asked) {
        t->asked = true;
        t->known = facts_write_back_tested(p, t->wb, &t->equal, &t->value);
    }
    return t->known;
}

/* Is x made only under its own test of the location, read in one region of
 * a lock the pair splits, that cannot hold while the thread's test does
 * (`if (state == RUNNING) state = DONE` against `if (state == IDLE) ..
 * state = RUNNING`)? Then x cannot come first in the gap: its region runs
 * wholly between the thread's two regions and its test reads the value the
 * thread tested (every write before it in the gap is excused the same
 * way), so it writes nothing. Not for atomics: there the other thread's
 * test may precede the thread's read.
 *
 * Not excused: a writer that stores the very value the thread tested. On
 * the one location the run is then the serial one with that write first,
 * but a store of the same value often announces something new (`item
 * queued; dirty = 1`): the thread's reset after acting on what it saw
 * before loses that notification, the classic bug of a check-then-act. */
static bool guarded_out(const Program *p, const LocView *v, const Access *x, const Regions *g, Tested *t);

static const Access *other_writer(const Program *p, const LocView *v, FactsLocation loc, const Access *r,
                                  const Access *w, const Regions *g, Prot prot, Tested *tested) {
    for (size_t i = 0; i < loc.naccesses; i++) {
        const Access *x = loc.accesses[i];
        if (!facts_access_writes(x) || x == r || other_field(x, r)) continue;
        bool synced = prot == PROT_ATOMIC && facts_access_atomic(x);
        for (size_t k = 0; k < g->nsplit && !synced; k++) synced = holds(x, g->split[k].id);
        if (!synced) continue;
        bool excluded = false;
        for (size_t k = 0; k < g->nkept && !excluded; k++) excluded = holds(x, g->kept[k].id);
        if (excluded) continue;
        if (facts_may_happen_in_parallel(p, r, x) && facts_may_happen_in_parallel(p, w, x) &&
            !fresh_under(p, v, r, w, x) && !(prot == PROT_LOCK && guarded_out(p, v, x, g, tested)))
            return x;
    }
    return NULL;
}

static void evidence_of(const Program *p, Arena *a, const Access *x, const char *kind, Evidence *e) {
    check_access_evidence(p, a, x, kind, e);
}

static const char *write_kind(const Access *x) {
    return facts_access_atomic(x) ? "atomic write" : "write";
}

static void report(Ctx *c, const Access *r, const Access *w, const Access *x, const FactsWriteBack *wb,
                   const Regions *g, Prot prot) {
    const Program *p = c->p;
    Arena *a = c->out->arena;
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "atomicity-violation";
    f.severity = SEV_WARNING;
    const char *obj = facts_access_spelling(r);
    f.object = arena_strdup(a, obj ? obj : "?");
    f.loc = check_own_loc(a, facts_access_loc(r));
    SrcLoc decl = facts_location_decl(p, facts_access_location(r));
    if (decl.file) f.decl = check_own_loc(a, decl);
    Evidence *ev = ARENA_ARRAY(a, Evidence, 3);
    evidence_of(p, a, r, prot == PROT_ATOMIC ? "atomic read" : "read", &ev[0]);
    evidence_of(p, a, w, prot == PROT_ATOMIC ? "atomic write-back" : "write-back", &ev[1]);
    evidence_of(p, a, x, write_kind(x), &ev[2]);
    f.evidence = ev;
    f.nevidence = 3;

    SrcLoc rl = facts_access_loc(r), wl = facts_access_loc(w), xl = facts_access_loc(x);
    FactsThread xt = facts_thread(p, facts_access_thread(x));
    const char *who = facts_access_thread(x) == facts_access_thread(r)
                          ? arena_printf(a, "another instance of thread %s", xt.routine)
                          : arena_printf(a, "thread %s", xt.routine);
    const char *lock = g->nsplit ? g->split[0].spelling : NULL;
    lock = lock ? lock : "?";
    bool control = wb->control;
    if (prot == PROT_ATOMIC)
        f.message = control ? arena_printf(a, "'%s' is tested and then written in two separate atomic operations: "
                                              "another thread may change it in between (check-then-act)", f.object)
                            : arena_printf(a, "'%s' is read and written back in two separate atomic operations: "
                                              "an update made in between is lost", f.object);
    else
        f.message = control ? arena_printf(a, "'%s' is tested under '%s' and written in a separate region of '%s': "
                                              "another thread may change it in between (check-then-act)",
                                           f.object, lock, lock)
                            : arena_printf(a, "'%s' is read under '%s' and written back in a separate region of "
                                              "'%s': an update made in between is lost", f.object, lock, lock);
    /* the explanation: the borrow that ends, the gap, who writes in it */
    const char *how = control ? arena_printf(a, "the write at line %u is made only because of a test of that copy",
                                             wl.line)
                              : arena_printf(a, "the value stored at line %u is computed from that copy", wl.line);
    const char *via = "";
    if (wb->read_call.line && wb->write_call.line)
        via = arena_printf(a, " (read through the call at line %u, written through the call at line %u)",
                           wb->read_call.line, wb->write_call.line);
    else if (wb->read_call.line)
        via = arena_printf(a, " (read in %s(), called at line %u)", ev[0].function, wb->read_call.line);
    else if (wb->write_call.line)
        via = arena_printf(a, " (written in %s(), called at line %u)", ev[1].function, wb->write_call.line);
    const char *gap = prot == PROT_ATOMIC
                          ? "the shared borrow ends with the atomic load"
                          : g->where.line ? arena_printf(a, "the shared borrow ends when '%s' is released at line %u",
                                                         lock, g->where.line)
                                          : arena_printf(a, "the shared borrow ends when '%s' is released", lock);
    f.explain = arena_printf(a,
                             "'%s' is read at line %u and the thread keeps a copy: %s%s; %s; between the read and "
                             "the write %s may write '%s' (line %u), and that update is %s",
                             f.object, rl.line, gap, via, how, who, f.object, xl.line,
                             control ? "ignored: the act runs on a condition that may no longer hold"
                                     : "overwritten by a value computed from the stale copy (a lost update)");
    if (prot == PROT_ATOMIC)
        f.help = control ? arena_printf(a, "make the test and the write one step: atomic_compare_exchange_strong(&%s, "
                                           "&expected, desired) writes only if '%s' still holds the tested value",
                                        f.object, f.object)
                         : arena_printf(a, "make the read and the write one atomic read-modify-write "
                                           "(atomic_fetch_add/_sub/_or/_and on '%s'), or retry in a "
                                           "compare-exchange loop until '%s' did not change in between",
                                        f.object, f.object);
    else
        f.help = arena_printf(a, "hold '%s' from the %s of '%s' through its write (one critical section), or "
                                 "%s after taking '%s' again",
                              lock, control ? "test" : "read", f.object,
                              control ? "test again" : "read it again and recompute", lock);
    vec_push(&c->out->items, f);
}

/* One location's accesses as the check sees them, computed once: each
 * access's protection as a read and as a write, and chains by event (the
 * accesses of one event: several threads, several lock sets). */
struct LocView {
    FactsLocation loc;
    uint8_t *rp, *wp;      /* Prot as a read, as a write-back */
    U64Map reads;          /* read event -> index + 1 of its first protected read */
    U64Map writes;         /* write event -> index + 1 of its first protected write */
    size_t *next;          /* the next access of the same event and kind, SIZE_MAX at the end */
    VEC(size_t) read_events; /* the first access of each read event, in order */
};

static void view_build(const Program *p, FactsLocation loc, LocView *v) {
    size_t n = loc.naccesses;
    v->loc = loc;
    v->rp = xmalloc(n);
    v->wp = xmalloc(n);
    v->next = xmalloc(n * sizeof(size_t));
    u64map_init(&v->reads);
    u64map_init(&v->writes);
    for (size_t i = 0; i < n; i++) {
        v->rp[i] = (uint8_t)read_prot(p, loc.accesses[i]);
        v->wp[i] = (uint8_t)write_prot(p, loc.accesses[i]);
    }
    for (size_t i = n; i-- > 0;) {
        v->next[i] = SIZE_MAX;
        U64Map *m = v->rp[i] ? &v->reads : v->wp[i] ? &v->writes : NULL;
        if (!m) continue;
        uint64_t key = facts_access_event(loc.accesses[i]), head = 0;
        if (u64map_get(m, key, &head)) v->next[i] = (size_t)head - 1;
        u64map_put(m, key, i + 1);
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t head = 0;
        if (v->rp[i] && u64map_get(&v->reads, facts_access_event(loc.accesses[i]), &head) && head - 1 == i)
            vec_push(&v->read_events, i);
    }
}

static void view_free(LocView *v) {
    free(v->rp);
    free(v->wp);
    free(v->next);
    u64map_free(&v->reads);
    u64map_free(&v->writes);
    vec_free(&v->read_events);
}

/* Read again before the write, in the write's own region of every lock
 * split between r and w (`if (!slot) { unlock; build; lock; if (!slot)
 * slot = e; }`; a list pushed back onto: `n->next = head; head = n;`): the
 * thread looks at the current value before it writes, so what it writes
 * is not only the stale copy's doing. Only for locks: with atomics a
 * second load is a second step again. */
static bool read_again(const Program *p, const LocView *v, const Access *r, const Access *w, const Regions *g) {
    for (size_t e = 0; e < v->read_events.len; e++) {
        size_t first = v->read_events.data[e];
        if (facts_access_event(v->loc.accesses[first]) == facts_access_event(r) || v->rp[first] != PROT_LOCK ||
            facts_access_func(v->loc.accesses[first]) != facts_access_func(w))
            continue;
        for (size_t i = first; i != SIZE_MAX; i = v->next[i]) {
            const Access *r2 = v->loc.accesses[i];
            if (facts_access_thread(r2) != facts_access_thread(w)) continue;
            bool one_region = true;
            for (size_t l = 0; l < g->nsplit && one_region; l++)
                one_region = holds(r2, g->split[l].id) && facts_same_region(p, r2, w, g->split[l]);
            if (one_region) return true;
        }
    }
    return false;
}

/* Double-checked: is w preceded, in one region of a lock that x also
 * holds, by another read of the location (`if (!atomic_load(&ready)) {
 * lock; if (!atomic_load(&ready)) { init(); atomic_store(&ready, 1); }
 * unlock; }`)? Then x cannot come between that fresh read and w; r only
 * decided to look again. */
static bool fresh_under(const Program *p, const LocView *v, const Access *r, const Access *w, const Access *x) {
    for (size_t e = 0; e < v->read_events.len; e++) {
        size_t first = v->read_events.data[e];
        if (facts_access_event(v->loc.accesses[first]) == facts_access_event(r) ||
            facts_access_func(v->loc.accesses[first]) != facts_access_func(w))
            continue;
        for (size_t i = first; i != SIZE_MAX; i = v->next[i]) {
            const Access *r2 = v->loc.accesses[i];
            if (facts_access_thread(r2) != facts_access_thread(w)) continue;
            for (uint32_t k = 0; k < facts_access_nlocks(r2); k++) {
                FactsLock l = facts_access_lock(r2, k);
                if (l.id != FACTS_NO_LOCK && holds(w, l.id) && holds(x, l.id) && facts_same_region(p, r2, w, l))
                    return true;
            }
        }
    }
    return false;
}

/* Does r's thread run the function that joins the read and the write?
 * A read in a getter and a write in a setter are a write-back only where
 * the joining function calls both: a thread that calls the getter and the
 * setter from elsewhere does not make this pair. */
static bool runs_joining(const Program *p, const Access *r, const FactsWriteBack *wb) {
    if (wb->func == facts_access_func(r)) return true;
    uint32_t t = facts_access_thread(r);
    for (uint32_t k = 0; k < facts_function_nthreads(p, wb->func); k++)
        if (facts_function_thread(p, wb->func, k) == t) return true;
    return false;
}

/* Can a guard `value == c` (geq) and the test `value == d` (teq, or !=)
 * both hold? */
static bool incompatible(bool geq, int64_t c, bool teq, int64_t d) {
    if (geq && teq) return c != d;
    if (geq != teq) return c == d;
    return false; /* two exclusions may both hold */
}

static bool guarded_out(const Program *p, const LocView *v, const Access *x, const Regions *g, Tested *t) {
    if (!g->nsplit) return false;
    bool asked = false;
    for (size_t e = 0; e < v->read_events.len; e++) {
        size_t first = v->read_events.data[e];
        if (v->rp[first] != PROT_LOCK || facts_access_func(v->loc.accesses[first]) != facts_access_func(x)) continue;
        for (size_t i = first; i != SIZE_MAX; i = v->next[i]) {
            const Access *r2 = v->loc.accesses[i];
            if (facts_access_thread(r2) != facts_access_thread(x) || other_field(r2, x)) continue;
            bool region = false;
            for (size_t l = 0; l < g->nsplit && !region; l++)
                region = holds(r2, g->split[l].id) && holds(x, g->split[l].id) &&
                         facts_same_region(p, r2, x, g->split[l]);
            if (!region) continue;
            if (!asked && !tested(p, t)) return false;
            asked = true;
            bool geq;
            int64_t c;
            if (facts_write_guard(p, r2, x, &geq, &c) && incompatible(geq, c, t->equal, t->value)) return true;
        }
    }
    return false;
}

/* The finding for the read event whose first access is v's `first`, if
 * one of its write-backs among the location's writes wins: true when
 * reported. */
static bool check_read_event(Ctx *c, const LocView *v, size_t first) {
    const Program *p = c->p;
    const Cached wbs = *write_backs(c, v->loc.accesses[first]); /* a copy: the cache may grow */
    LocViewChain ch = {v->loc.accesses, v->next};
    /* the locks held at the event's reads under a lock, each once (a read
     * through a pointer is one access per location it may reach) */
    VEC(FactsLock) held = {0};
    const Access *held_at = NULL;
    for (size_t ri = first; ri != SIZE_MAX; ri = v->next[ri]) {
        const Access *r = v->loc.accesses[ri];
        if (v->rp[ri] != PROT_LOCK) continue;
        held_at = r;
        for (uint32_t l = 0; l < facts_access_nlocks(r); l++) {
            FactsLock fl = facts_access_lock(r, l);
            bool dup = false;
            for (size_t j = 0; j < held.len && !dup; j++) dup = held.data[j].id == fl.id;
            if (!dup) vec_push(&held, fl);
        }
    }
    bool found = false;
    for (size_t k = 0; k < wbs.n && !found; k++) {
        const FactsWriteBack *wb = &wbs.wb[k];
        uint64_t head = 0;
        if (!u64map_get(&v->writes, wb->write, &head)) continue;
        /* with locks, only a write-back after a release of a lock held at
         * the read can be one: most are in one region */
        bool any_split = false;
        for (size_t j = 0; j < held.len && !any_split; j++) {
            SrcLoc at;
            any_split = lock_split(c, held_at, wb, held.data[j], &at);
        }
        Tested tested = {wb, false, false, false, 0};
        for (size_t ri = first; ri != SIZE_MAX; ri = v->next[ri]) {
            const Access *r = v->loc.accesses[ri];
            Prot prot = (Prot)v->rp[ri];
            if ((prot == PROT_LOCK && !any_split) || seen_before(&ch, first, ri) ||
                !runs_joining(p, r, wb))
                continue;
            for (size_t wi = (size_t)head - 1; wi != SIZE_MAX; wi = v->next[wi]) {
                const Access *w = v->loc.accesses[wi];
                if (facts_access_thread(w) != facts_access_thread(r) || v->wp[wi] != prot || other_field(w, r) ||
                    facts_access_in_own_turn(w) || seen_before(&ch, (size_t)head - 1, wi))
                    continue;
                Regions g;
                regions(c, r, w, wb, &g);
                if (prot == PROT_LOCK && !g.nsplit) continue; /* one region of every common lock */
                if (prot == PROT_LOCK && read_again(p, v, r, w, &g)) continue;
                const Access *x = other_writer(p, v, v->loc, r, w, &g, prot, &tested);
                if (!x) continue;
                report(c, r, w, x, wb, &g, prot);
                found = true;
                break;
            }
            if (found) break;
        }
    }
    vec_free(&held);
    return found;
}

void check_atomicity_violation(const Program *p, const RuleOptions *opts, FindingList *out) {
    (void)opts;
    Ctx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.out = out;
    u64map_init(&c.cache);
    u64map_init(&c.reported);
    u64map_init(&c.splits);
    c.memo = facts_wb_memo_new();
    size_t nloc = facts_nlocations(p);
    for (size_t li = 0; li < nloc; li++) {
        FactsLocation loc = facts_location(p, li);
        /* cheap filters first: some write of the location, a protected read,
         * a protected plain write */
        bool reads = false, writes = false;
        for (size_t i = 0; i < loc.naccesses && !(reads && writes); i++) {
            reads |= read_prot(p, loc.accesses[i]) != PROT_NONE;
            writes |= write_prot(p, loc.accesses[i]) != PROT_NONE;
        }
        if (!reads || !writes) continue;
        LocView v;
        memset(&v, 0, sizeof v);
        view_build(p, loc, &v);
        for (size_t e = 0; e < v.read_events.len; e++) {
            uint64_t key = facts_access_event(loc.accesses[v.read_events.data[e]]), one;
            if (u64map_get(&c.reported, key, &one)) continue;
            if (check_read_event(&c, &v, v.read_events.data[e])) u64map_put(&c.reported, key, 1);
        }
        view_free(&v);
    }
    for (size_t i = 0; i < c.cached.len; i++) free(c.cached.data[i].wb);
    vec_free(&c.cached);
    u64map_free(&c.cache);
    u64map_free(&c.reported);
    u64map_free(&c.splits);
    vec_free(&c.split_at);
    facts_wb_memo_free(c.memo);
}
