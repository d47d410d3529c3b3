/*
 * false_sharing.c - rule `false-sharing` (a note): per-thread elements of
 * one array, written in a hot loop by different threads, that lie in one
 * cache line.
 *
 * The rule: `long counters[NTHREADS]` with each thread incrementing its own
 * `counters[id]` is not a race (each thread borrows a different element
 * mutably: Rust would accept it, split with chunks_mut), but the hardware
 * lends memory a cache line at a time: eight longs share one 64-byte line,
 * and every write takes the whole line away from the cores writing its
 * neighbours. Reported: a write, inside a loop of its function (not a lone
 * loop that sweeps the element once: `row[id][k] = local[k]` in
 * `for (k ..)`, facts_access_slot's sweep_once) or of a function called
 * (transitively) from a loop, to a per-thread slot of an
 * array - indexed with the thread instance's own index (per-instance data,
 * instances.c), or with a constant (on an array named from a global, and
 * neither thread writing the other's constant slot: `pipe[0] = -1;
 * pipe[1] = -1;` in code two threads run is no per-thread data) - when
 * another thread (or another
 * instance) writes another slot of the same array in a loop too, the two
 * may run in parallel (an ordering rule other than those telling elements
 * apart - per-instance-data, index-slices, const-slices, claimed-index -
 * would order them) and hold no lock in common, and the bytes the two write can
 * fall in one line.
 *
 * Which bytes share a line: each write touches [offset, offset + width) of
 * its element (the field written: `stats[id].hits`; the whole element when
 * the rest of the path does not narrow it), elements are elem_size bytes
 * apart, and the array starts at an unknown multiple of the element's
 * alignment (ASSUMPTION: `_Alignas` on the array variable itself is not
 * read; the element type's alignment, which `_Alignas`/aligned members and
 * types raise, is). Instances' slots are taken to be adjacent (instances
 * number their slots 0, 1, 2 ...); constant slots are |i - j| elements
 * apart. So an element of fewer than line-size bytes always shares, and a
 * padded or line-aligned one (64 bytes, or `_Alignas(64)`) does not.
 *
 * Facts used (model/facts.h): the accesses of each location with their
 * slot (facts_access_slot: per-instance index or constant, element layout
 * from clang carried in the IR, whether the access is in a loop), the
 * ordering rules (facts_ordering_rule), common locks, thread descriptions,
 * and the call sites of the lock events (CALL sites with in_loop and their
 * targets) for the functions called from a loop.
 *
 * Primary location: the write in the loop; evidence: the other thread's
 * write to its neighbouring slot (kind `write`) and the array's declaration
 * (kind `declaration`, globals and locals; heap arrays have none).
 *
 * Precision stance: a function called from a loop counts as hot for every
 * thread that runs it (PRECISION); a write reached through a pointer
 * variable (`long *c = &counters[id]; (*c)++`) names no element and is not
 * checked (PRECISION: missed); mixed pairs (one thread by its instance
 * index, another by a constant) are not reported (their distance is
 * unknown); reads are not considered (a reader of a written line suffers
 * too).
 *
 * Options: line-size (the cache line in bytes, default 64).
 *
 * Tests: testdata/false-sharing/.
 */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

/* A write that may be one side of false sharing. */
typedef struct Cand {
    const Access *a;
    FactsSlot s;
    bool hot;   /* in a loop, or in a function called from one */
} Cand;

/* Functions called, directly or through callees, from inside a loop. */
static bool *hot_functions(const Program *p) {
    size_t nf = facts_nfunctions(p);
    bool *hot = xcalloc(nf ? nf : 1, sizeof(bool));
    size_t ns = facts_nlock_sites(p);
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < ns; i++) {
            FactsLockSite s = facts_lock_site(p, i);
            if (s.kind != FACTS_SITE_CALL || (!s.in_loop && !hot[s.func])) continue;
            for (uint32_t k = 0; k < facts_lock_site_ntargets(p, i); k++) {
                uint32_t t = facts_lock_site_target(p, i, k);
                if (t < nf && !hot[t]) hot[t] = changed = true;
            }
        }
    }
    return hot;
}

static uint64_t gcd64(uint64_t a, uint64_t b) {
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Can bytes [o1, o1 + w1) of element i and [o2, o2 + w2) of element
 * i + k (elements s bytes apart, the array at a multiple of align) fall in
 * one line of `line` bytes, for some start of the array and some i? */
static bool share_line(uint64_t s, uint64_t align, uint64_t k, uint64_t o1, uint64_t w1, uint64_t o2, uint64_t w2,
                       uint64_t line) {
    /* element i starts at x = base + i*s: a multiple of gcd(align, line) modulo line */
    uint64_t step = gcd64(align, line);
    for (uint64_t x = 0; x < line; x += step) {
        uint64_t a0 = x + o1, a1 = x + o1 + w1 - 1;         /* first range */
        uint64_t b0 = x + k * s + o2, b1 = b0 + w2 - 1;     /* second range */
        if (a0 / line <= b1 / line && b0 / line <= a1 / line) return true;
    }
    return false;
}

/* Do the slots of a and b (another thread or instance) share a line? */
static bool slots_share(const FactsSlot *a, const FactsSlot *b, uint64_t line) {
    if (a->elem_size != b->elem_size || a->elem_align != b->elem_align) return false;
    uint64_t s = a->elem_size, al = a->elem_align;
    if (a->instance && b->instance) /* adjacent instances, either order */
        return share_line(s, al, 1, a->offset, a->width, b->offset, b->width, line) ||
               share_line(s, al, 1, b->offset, b->width, a->offset, a->width, line);
    /* mixed, the same element, or arrays that may be one per thread
     * (`io->iov[0]` and `io->iov[1]` of two threads' own io objects) */
    if (a->instance || b->instance || a->index == b->index || !a->global_array || !b->global_array) return false;
    const FactsSlot *lo = a->index < b->index ? a : b, *hi = lo == a ? b : a;
    uint64_t k = (uint64_t)hi->index - (uint64_t)lo->index;
    if (k > line) return false; /* far apart (and no overflow below) */
    return share_line(s, al, k, lo->offset, lo->width, hi->offset, hi->width, line);
}

/* Are x and y written by different threads (or instances) that may run at
 * once, holding no lock in common? */
static bool parallel_accesses(const Program *p, const Access *x, const Access *y) {
    if (facts_common_lock(p, x, y, NULL)) return false;
    const char *why;
    const char *rule = facts_ordering_rule(p, x, y, &why);
    /* the rules that tell the elements apart say nothing of when they are
     * written: the writes may still run side by side */
    return !rule || !strcmp(rule, "per-instance-data") || !strcmp(rule, "index-slices") ||
           !strcmp(rule, "const-slices") || !strcmp(rule, "claimed-index");
}

static bool parallel_writers(const Program *p, const Cand *x, const Cand *y) {
    uint32_t tx = facts_access_thread(x->a), ty = facts_access_thread(y->a);
    if (tx == ty && !(x->s.instance && y->s.instance && facts_thread(p, tx).many)) return false;
    return parallel_accesses(p, x->a, y->a);
}

/* Does thread t write the constant slot `index` anywhere (hot or not)? */
static bool thread_writes_slot(const Cand *all, size_t n, uint32_t t, int64_t index) {
    for (size_t i = 0; i < n; i++)
        if (!all[i].s.instance && all[i].s.index == index && facts_access_thread(all[i].a) == t) return true;
    return false;
}

/* Constant slots are per-thread only when neither thread writes the
 * other's (`pipe[0] = -1; pipe[1] = -1;` in code two threads run is no
 * per-thread data). */
static bool slots_owned(const Cand *all, size_t n, const Cand *x, const Cand *y) {
    if (x->s.instance || y->s.instance) return true;
    return !thread_writes_slot(all, n, facts_access_thread(x->a), y->s.index) &&
           !thread_writes_slot(all, n, facts_access_thread(y->a), x->s.index);
}

static void write_evidence(const Program *p, Arena *ar, const Access *x, Evidence *e) {
    check_access_evidence(p, ar, x, facts_access_atomic(x) ? "atomic write" : "write", e);
}

/* A finding's place, object and evidence: write x (primary), the other
 * thread's write y, and the declaration of x's location (when it has one). */
static void two_writes(const Program *p, Arena *a, Finding *f, const Access *x, const Access *y, uint32_t loc) {
    f->loc = check_own_loc(a, facts_access_loc(x));
    SrcLoc decl = facts_location_decl(p, loc);
    if (decl.line) f->decl = check_own_loc(a, decl);
    f->object = arena_strdup(a, facts_access_spelling(x));
    f->nevidence = decl.line ? 3 : 2;
    f->evidence = ARENA_ARRAY(a, Evidence, 3);
    write_evidence(p, a, x, &f->evidence[0]);
    write_evidence(p, a, y, &f->evidence[1]);
    if (decl.line) {
        f->evidence[2] = f->evidence[0];
        f->evidence[2].loc = f->decl;
        f->evidence[2].kind = "declaration";
        f->evidence[2].nlocks = 0;
    }
}

static void report(const Program *p, FindingList *out, uint32_t loc, const Cand *x, const Cand *y, long long line) {
    Arena *a = out->arena;
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "false-sharing";
    f.severity = SEV_NOTE;
    two_writes(p, a, &f, x->a, y->a, loc);
    char name[256];
    facts_location_name(p, loc, name, sizeof name);
    FactsThread tx = facts_thread(p, facts_access_thread(x->a)), ty = facts_thread(p, facts_access_thread(y->a));
    bool same = facts_access_thread(x->a) == facts_access_thread(y->a);
    const char *other = same ? arena_printf(a, "another instance of thread %s", ty.routine)
                             : arena_printf(a, "thread %s", ty.routine);
    f.message = arena_printf(a, "'%s' is written in a loop by thread %s while %s writes a neighbouring element "
                             "in the same %lld-byte cache line (false sharing)",
                             f.object, tx.routine, other, line);
    f.explain = arena_printf(
        a, "each thread borrows its own element of '%s' (%u bytes each), so there is no race, but the cores lend "
        "memory by cache line: the elements written at %u..%u of neighbouring slots fall in one %lld-byte line, "
        "and each write in the loop takes the line away from the core writing the neighbour",
        name, x->s.elem_size, x->s.offset, x->s.offset + x->s.width - 1, line);
    f.help = arena_printf(a, "accumulate in a local and write '%s' once after the loop, or pad or align the "
                          "element to %lld bytes (_Alignas(%lld) on its type or first member)",
                          f.object, line, line);
    vec_push(&out->items, f);
}

/* By place, then thread: the copies of one write (one per calling
 * context) fall next to each other. */
static int cand_cmp(const void *x, const void *y) {
    const Cand *a = x, *b = y;
    SrcLoc la = facts_access_loc(a->a), lb = facts_access_loc(b->a);
    int c = srcloc_cmp(&la, &lb);
    if (c) return c;
    uint32_t ta = facts_access_thread(a->a), tb = facts_access_thread(b->a);
    if (ta != tb) return ta < tb ? -1 : 1;
    /* then recording order (the location's accesses are in one array) */
    return a->a < b->a ? -1 : a->a > b->a;
}

/* Keep one candidate per (place, thread, slot, hot): the pairs below ask
 * the ordering rules, so copies would only repeat the questions. */
static size_t cand_unique(Cand *c, size_t n) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m) {
            const Cand *p = &c[m - 1];
            SrcLoc lp = facts_access_loc(p->a), li = facts_access_loc(c[i].a);
            if (!srcloc_cmp(&lp, &li) && facts_access_thread(p->a) == facts_access_thread(c[i].a) &&
                p->hot == c[i].hot && p->s.instance == c[i].s.instance && p->s.index == c[i].s.index &&
                p->s.offset == c[i].s.offset && p->s.width == c[i].s.width && p->s.elem_size == c[i].s.elem_size &&
                facts_alike(p->a, c[i].a))
                continue;
        }
        c[m++] = c[i];
    }
    return m;
}

/* ---- members of one global struct ------------------------------------------- */

/* A write to a member of a global struct (facts_access_member). */
typedef struct MemberCand {
    const Access *a;
    FactsMember m;
    uint32_t loc; /* its location */
    bool hot;
} MemberCand;

static int member_cmp(const void *x, const void *y) {
    const MemberCand *a = x, *b = y;
    int c = strcmp(a->m.global, b->m.global);
    if (c) return c;
    if (a->m.offset != b->m.offset) return a->m.offset < b->m.offset ? -1 : 1;
    SrcLoc la = facts_access_loc(a->a), lb = facts_access_loc(b->a);
    c = srcloc_cmp(&la, &lb);
    if (c) return c;
    uint32_t ta = facts_access_thread(a->a), tb = facts_access_thread(b->a);
    if (ta != tb) return ta < tb ? -1 : 1;
    return a->a < b->a ? -1 : a->a > b->a;
}

/* Does thread t write any of bytes [o, o + w) of global g (hot or not)? */
static bool thread_writes_member(const MemberCand *all, size_t n, uint32_t t, const char *g, uint32_t o, uint32_t w) {
    for (size_t i = 0; i < n; i++)
        if (facts_access_thread(all[i].a) == t && !strcmp(all[i].m.global, g) && all[i].m.offset < o + w &&
            o < all[i].m.offset + all[i].m.width)
            return true;
    return false;
}

/* Do two members' bytes fall in one line? ASSUMPTION: the struct starts a
 * line (a member padded or aligned to be a line away from the others is
 * meant to be; `_Alignas` on a member raises the struct's alignment); the
 * same bytes are no false sharing (a race, if anything). */
static bool members_share(const FactsMember *a, const FactsMember *b, uint64_t line) {
    if (a->offset < b->offset + b->width && b->offset < a->offset + a->width) return false;
    uint64_t alo = a->offset / line, ahi = (a->offset + (uint64_t)a->width - 1) / line;
    uint64_t blo = b->offset / line, bhi = (b->offset + (uint64_t)b->width - 1) / line;
    return alo <= bhi && blo <= ahi;
}

static void report_member(const Program *p, FindingList *out, const MemberCand *x, const MemberCand *y, long long line) {
    Arena *a = out->arena;
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "false-sharing";
    f.severity = SEV_NOTE;
    two_writes(p, a, &f, x->a, y->a, x->loc);
    const char *other_obj = facts_access_spelling(y->a);
    FactsThread tx = facts_thread(p, facts_access_thread(x->a)), ty = facts_thread(p, facts_access_thread(y->a));
    f.message = arena_printf(a, "'%s' is written in a loop by thread %s while thread %s writes '%s', a neighbouring "
                             "member in the same %lld-byte cache line (false sharing)",
                             f.object, tx.routine, ty.routine, other_obj, line);
    f.explain = arena_printf(
        a, "each thread borrows its own member of the struct, so there is no race, but the cores lend memory by "
        "cache line: bytes %u..%u ('%s') and %u..%u ('%s') of the struct fall in one %lld-byte line, and each write "
        "in the loop takes the line away from the core writing the other",
        x->m.offset, x->m.offset + x->m.width - 1, f.object, y->m.offset, y->m.offset + y->m.width - 1, other_obj,
        line);
    f.help = arena_printf(a, "accumulate in a local and write '%s' once after the loop, or align each thread's "
                          "member to %lld bytes (_Alignas(%lld) on the member)",
                          f.object, line, line);
    vec_push(&out->items, f);
}

/* Members of one global struct, each written in a tight loop by its own
 * thread (`stats.sent++` in one, `stats.received++` in another; a loop
 * calling nothing but leaf functions and atomics: facts_access_member), in
 * one line. Neither thread writes the other's member (else it is shared
 * data, not per-thread), the two may run at once and hold no lock in
 * common. PRECISION: a loop that calls other code (an event loop, a
 * reader's I/O loop) is not taken for a hot one here - a program's state
 * struct is written member by member from such loops by every thread. */
static void check_members(const Program *p, long long line, FindingList *out) {
    VEC(MemberCand) c = {0};
    for (size_t li = 0; li < facts_nlocations(p); li++) {
        FactsLocation L = facts_location(p, li);
        for (size_t i = 0; i < L.naccesses; i++) {
            MemberCand m = {L.accesses[i], {0}, L.id, false};
            if (!facts_access_writes(m.a) || !facts_access_member(p, m.a, &m.m)) continue;
            m.hot = m.m.tight;
            vec_push(&c, m);
        }
    }
    if (c.len) qsort(c.data, c.len, sizeof(MemberCand), member_cmp);
    StrMap reported;
    strmap_init(&reported);
    for (size_t i = 0; i < c.len; i++) {
        const MemberCand *x = &c.data[i];
        if (!x->hot) continue;
        SrcLoc at = facts_access_loc(x->a);
        const char *key = arena_printf(out->arena, "%s:%u:%u", at.file ? at.file : "?", at.line, at.col);
        if (strmap_get(&reported, key)) continue;
        uint32_t tx = facts_access_thread(x->a);
        for (size_t j = 0; j < c.len; j++) {
            const MemberCand *y = &c.data[j];
            uint32_t ty = facts_access_thread(y->a);
            if (!y->hot || ty == tx || strcmp(x->m.global, y->m.global) || !members_share(&x->m, &y->m, (uint64_t)line) ||
                thread_writes_member(c.data, c.len, tx, y->m.global, y->m.offset, y->m.width) ||
                thread_writes_member(c.data, c.len, ty, x->m.global, x->m.offset, x->m.width) ||
                !parallel_accesses(p, x->a, y->a))
                continue;
            report_member(p, out, x, y, line);
            strmap_put(&reported, key, (void *)1);
            break;
        }
    }
    strmap_free(&reported);
    vec_free(&c);
}

void check_false_sharing(const Program *p, const RuleOptions *opts, FindingList *out) {
    long long line = rule_opt_int(opts, "line-size");
    if (facts_nthreads(p) < 2 && !(facts_nthreads(p) == 1 && facts_thread(p, 0).many)) return;
    bool *hot = NULL;
    size_t nf = facts_nfunctions(p);
    VEC(Cand) cands = {0};
    StrMap reported; /* "file:line:col" of each write reported: once, whatever it may reach */
    strmap_init(&reported);
    for (size_t li = 0; li < facts_nlocations(p); li++) {
        FactsLocation L = facts_location(p, li);
        cands.len = 0;
        for (size_t i = 0; i < L.naccesses; i++) {
            const Access *a = L.accesses[i];
            Cand c = {a, {0}, false};
            if (!facts_access_writes(a) || !facts_access_slot(p, a, &c.s)) continue;
            if ((!c.s.in_loop || c.s.sweep_once) && !hot) hot = hot_functions(p);
            c.hot = (c.s.in_loop && !c.s.sweep_once) || (c.s.func < nf && hot[c.s.func]);
            vec_push(&cands, c);
        }
        if (!cands.len) continue;
        qsort(cands.data, cands.len, sizeof(Cand), cand_cmp);
        cands.len = cand_unique(cands.data, cands.len);
        /* one finding per write in the code, at the first location it may
         * reach (locations by id), with its first partner; a write of
         * many-instance code is its own partner, in another instance */
        for (size_t i = 0; i < cands.len; i++) {
            const Cand *x = &cands.data[i];
            if (!x->hot) continue;
            SrcLoc at = facts_access_loc(x->a);
            const char *key = arena_printf(out->arena, "%s:%u:%u", at.file ? at.file : "?", at.line, at.col);
            if (strmap_get(&reported, key)) continue;
            for (size_t j = 0; j < cands.len; j++) {
                const Cand *y = &cands.data[j];
                /* the cheap tests first: the ordering rules are the costly one */
                if (y->hot && slots_share(&x->s, &y->s, (uint64_t)line) && parallel_writers(p, x, y) &&
                    slots_owned(cands.data, cands.len, x, y)) {
                    report(p, out, L.id, x, y, line);
                    strmap_put(&reported, key, (void *)1);
                    break;
                }
            }
        }
    }
    strmap_free(&reported);
    vec_free(&cands);
    free(hot);
    check_members(p, line, out);
}
