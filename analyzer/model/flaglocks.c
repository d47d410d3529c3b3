/*
 * flaglocks.c - locks a program builds from a flag word, a mutex and a
 * condition variable (a monitor), and readers-writers locks built the same
 * way with a count of readers:
 *
 *     lock(&m); while (busy || readers) wait(&c, &m); busy = 1; unlock(&m);
 *     ... the writer's critical section ...
 *     lock(&m); busy = 0; broadcast(&c); unlock(&m);
 *
 *     lock(&m); while (busy) wait(&c, &m); readers++; unlock(&m);
 *     ... a reader's section ...
 *     lock(&m); if (--readers == 0) broadcast(&c); unlock(&m);
 *
 * The flag word W is a lock: a thread that sets it saw it 0 under m and
 * set it in the same hold of m, and nothing else sets it but such a
 * thread; it stays set until its holder stores 0. A set is an exclusive
 * acquisition of the pseudo-lock "flag W", a store of 0 its release. When
 * every set of W also saw the count R 0 (the writer's loop tests both),
 * an increment of R that saw W 0 the same way is a shared acquisition
 * and a decrement a shared release: readers exclude writers, not each
 * other (a read-write lock's modes, mhp.c protects()).
 *
 * A word qualifies when
 *   - every set of it (a store of a non-zero constant) is the first store
 *     to memory after the exit of a loop whose test reads it (`while (W)`,
 *     `while (W || R)`: the exit is reached only from the tests' zero
 *     edges), whose body waits on a condition variable with mutex m and
 *     neither unlocks nor calls a function of the program (m held from
 *     the test to the set), with one m for all of them;
 *   - every other write of it is a store of 0 (or its initialiser);
 * and a count R, for the shared mode, when W is a plain global and R is
 * too, every write of R is such an increment (after a loop testing W
 * only, the same m) or a decrement (`R--`, `--R`), and every set of W also
 * tested R.
 *
 * Flag locks are no lock objects for the lock rules (double-lock,
 * lock-order, ...): their holders take and drop m around them. They are
 * spelled "flag W" (and "flag W (shared)") in an access's locks.
 * PRECISION: the word is told by its path in the loop's test; a set
 * through another spelling of it, or a loop whose test reads it through a
 * temporary, is not seen (the word then does not qualify, or qualifies
 * without that site as an acquisition).
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

enum { FLAG_MAX_TESTS = 4 };

typedef struct Site {
    const IrEvent *ev;    /* the set of W (ASSIGN) or the increment of R (WRITE) */
    uint32_t func;
    const IrPath *word;   /* W as the loop's test names it */
    const IrPath *tests[FLAG_MAX_TESTS];
    uint32_t ntests;
    uint32_t mutex;       /* the node of the wait's mutex */
} Site;

/* The location a loop test reads itself (not through a temporary), tested
 * against 0. */
static const IrPath *test_path(Program *p, const IrFunc *f, const IrTerm *t) {
    if (t->kind != IR_TERM_BRANCH || t->rhs != 0 || (t->cmp != IR_CMP_NE && t->cmp != IR_CMP_EQ) ||
        t->cond.path.root == IR_ROOT_TEMP)
        return NULL;
    return model_tested_location(p, f, t);
}

/* The block a branch on `x` goes to when x is 0. */
static uint32_t zero_succ(const IrBlock *b) {
    return b->term.cmp == IR_CMP_NE ? b->succ[1] : b->succ[0];
}

/* Loop l of f: its tests on the way from the header to the exit (each
 * block's zero edge leading to the next test or the exit, the other edge
 * into the loop), its body waiting on a condvar with one mutex node and
 * neither unlocking nor calling the program. False when it is no such
 * loop. */
static bool wait_loop(Program *p, uint32_t fi, uint32_t l, const IrPath **tests, uint32_t *ntests, uint32_t *mutex) {
    const IrFunc *f = p->link.funcs.data[fi].ir;
    const IrDefUse *du = model_defuse(p, f);
    uint32_t b = f->loops[l].header, exit = f->loops[l].exit;
    *ntests = 0;
    while (*ntests < FLAG_MAX_TESTS) {
        const IrBlock *bb = &f->blocks[b];
        const IrPath *t = test_path(p, f, &bb->term);
        if (!t || bb->nsucc != 2) return false;
        for (uint32_t e = 0; e < bb->nevents; e++)
            if (bb->events[e].kind != IR_EV_READ) return false; /* the test only */
        tests[(*ntests)++] = t;
        uint32_t z = zero_succ(bb);
        if (z == exit) break;
        if (!ir_defuse_block_in_loop(du, z, (int32_t)l)) return false;
        b = z;
    }
    /* the exit is reached only from the last test's zero edge */
    for (uint32_t x = 0; x < f->nblocks; x++)
        for (uint32_t s = 0; s < f->blocks[x].nsucc; s++)
            if (f->blocks[x].succ[s] == exit && x != b) return false;
    if (zero_succ(&f->blocks[b]) != exit) return false;
    *mutex = UINT32_MAX;
    for (uint32_t x = 0; x < f->nblocks; x++) {
        if (!ir_defuse_block_in_loop(du, x, (int32_t)l)) continue;
        for (uint32_t e = 0; e < f->blocks[x].nevents; e++) {
            const IrEvent *ev = &f->blocks[x].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (!ci || ci->kind != CALL_API) return false; /* a call of the program may unlock */
            if (ci->api->kind == API_UNLOCK || ci->api->kind == API_LOCK) return false;
            if (ci->api->kind != API_COND_WAIT) continue;
            if (ci->api->mutex < 0 || (uint32_t)ci->api->mutex >= ev->call->nargs) return false;
            IdSet n = {0};
            pt_operand_targets(p, fi, &ev->call->args[ci->api->mutex], &n);
            uint32_t m = n.n == 1 ? n.v[0] : UINT32_MAX;
            idset_free(&n);
            if (m == UINT32_MAX || (*mutex != UINT32_MAX && *mutex != m)) return false;
            *mutex = m;
        }
    }
    return *mutex != UINT32_MAX;
}

/* The first event at the exit of loop l that touches memory other than
 * reads and plain locals: a set of a tested word or an increment. */
static const IrEvent *first_store(const IrFunc *f, uint32_t exit) {
    const IrBlock *bb = &f->blocks[exit];
    for (uint32_t e = 0; e < bb->nevents; e++) {
        const IrEvent *ev = &bb->events[e];
        if (ev->kind == IR_EV_READ) continue;
        bool local = !ev->path.nsteps && (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP);
        if ((ev->kind == IR_EV_WRITE || ev->kind == IR_EV_ASSIGN) && local) continue;
        if (ev->kind == IR_EV_WRITE && !(ev->flags & IR_EV_RMW) && e + 1 < bb->nevents &&
            bb->events[e + 1].kind == IR_EV_ASSIGN && ir_path_equal(&bb->events[e + 1].path, &ev->path))
            continue; /* the store's ASSIGN follows */
        return ev;
    }
    return NULL;
}

static uint32_t one_node(Program *p, uint32_t func, const IrPath *path) {
    IdSet n = {0};
    pt_resolve_path(p, func, path, &n);
    uint32_t r = n.n == 1 ? n.v[0] : UINT32_MAX;
    idset_free(&n);
    return r;
}

/* May path in func name node n (among others)? */
static bool may_name(Program *p, uint32_t func, const IrPath *path, uint32_t n) {
    IdSet s = {0};
    pt_resolve_path(p, func, path, &s);
    bool r = idset_has(&s, n);
    idset_free(&s);
    return r;
}

static void put_event(Program *p, const IrEvent *ev, uint32_t func, const IrPath *word, uint8_t mode, bool acquire) {
    FlagLockEvent fe = {ev, func, *word, mode, acquire};
    vec_push(&p->sync.flag_lock_events, fe);
    u64map_put(&p->sync.flag_lock_index, (uint64_t)(uintptr_t)ev, p->sync.flag_lock_events.len);
}

void flaglocks_detect(Program *p) {
    VEC(Site) sets = {0}, incs = {0};
    for (size_t fi = 0; fi < p->link.funcs.len; fi++) {
        const IrFunc *f = p->link.funcs.data[fi].ir;
        if (!p->link.funcs.data[fi].reachable) continue;
        for (uint32_t l = 0; l < f->nloops; l++) {
            Site s;
            memset(&s, 0, sizeof s);
            if (!wait_loop(p, (uint32_t)fi, l, s.tests, &s.ntests, &s.mutex)) continue;
            const IrEvent *ev = first_store(f, f->loops[l].exit);
            if (!ev) continue;
            s.ev = ev;
            s.func = (uint32_t)fi;
            if (ev->kind == IR_EV_ASSIGN && ev->src && ev->src->kind == IR_OPD_CONST && ev->src->value) {
                for (uint32_t k = 0; k < s.ntests && !s.word; k++)
                    if (ir_path_equal(&ev->path, s.tests[k])) s.word = s.tests[k];
                if (s.word) vec_push(&sets, s);
            } else if (ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW) && (ev->flags & IR_EV_STEP_UP) &&
                       s.ntests == 1) {
                s.word = s.tests[0];
                vec_push(&incs, s);
            }
        }
    }
    /* per word (node): every set is such a site with one mutex, every other write a store of 0 */
    for (size_t i = 0; i < sets.len; i++) {
        Site *s = &sets.data[i];
        uint32_t w = one_node(p, s->func, s->word);
        if (w == UINT32_MAX) continue;
        bool ok = true, all_test_r = true;
        uint32_t r = UINT32_MAX; /* the count every set also tested, when one is */
        for (size_t j = 0; j < sets.len && ok; j++) {
            Site *o = &sets.data[j];
            if (one_node(p, o->func, o->word) != w) continue;
            ok = o->mutex == s->mutex;
            uint32_t rr = UINT32_MAX;
            for (uint32_t k = 0; k < o->ntests; k++)
                if (!ir_path_equal(o->tests[k], o->word)) rr = one_node(p, o->func, o->tests[k]);
            if (rr == UINT32_MAX || (r != UINT32_MAX && rr != r)) all_test_r = false;
            else r = rr;
        }
        PROGRAM_EACH_EVENT(p, f, ir, ev) {
            if (!ok) break;
            if ((ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) || ev->path.root == IR_ROOT_TEMP) continue;
            if (!ev->path.nsteps && ev->path.root == IR_ROOT_LOCAL) continue;
            if (!may_name(p, (uint32_t)f, &ev->path, w)) continue;
            if (ev->kind == IR_EV_ASSIGN && one_node(p, (uint32_t)f, &ev->path) != w) {
                ok = false; /* through a pointer that may be the word or something else */
                break;
            }
            if (ev->kind == IR_EV_WRITE) {
                ok = !(ev->flags & IR_EV_RMW);
                continue;
            }
            if (ev->src && ev->src->kind == IR_OPD_CONST && ev->src->value == 0) continue;
            bool site = false;
            for (size_t j = 0; j < sets.len && !site; j++) site = sets.data[j].ev == ev;
            ok = site;
        }
        if (!ok || u64map_get(&p->sync.flag_lock_words, w, NULL)) continue;
        u64map_put(&p->sync.flag_lock_words, w, 1);
        /* the shared mode: a plain global count next to a plain global word */
        bool shared = all_test_r && r != UINT32_MAX && s->word->root == IR_ROOT_GLOBAL && !s->word->nsteps;
        const IrEvent *r_ev = NULL;
        for (size_t j = 0; j < incs.len && shared; j++) {
            Site *o = &incs.data[j];
            if (one_node(p, o->func, &o->ev->path) != r) continue;
            shared = one_node(p, o->func, o->word) == w && o->mutex == s->mutex && o->ev->path.root == IR_ROOT_GLOBAL &&
                     !o->ev->path.nsteps;
            r_ev = o->ev;
        }
        shared = shared && r_ev;
        PROGRAM_EACH_EVENT(p, f, ir, ev) {
            if (!shared) break;
            if (ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) continue;
            if (ev->path.root == IR_ROOT_TEMP || (!ev->path.nsteps && ev->path.root == IR_ROOT_LOCAL) ||
                !may_name(p, (uint32_t)f, &ev->path, r))
                continue;
            if (ev->path.root != IR_ROOT_GLOBAL || ev->path.nsteps) {
                shared = false; /* the count written through a pointer */
                break;
            }
            if (ev->kind == IR_EV_ASSIGN) {
                shared = (ev->flags & IR_EV_STEPPED) || (ev->flags & IR_EV_INIT && ev->src &&
                                                         ev->src->kind == IR_OPD_CONST && !ev->src->value);
                continue;
            }
            if (!(ev->flags & IR_EV_RMW)) {
                shared = ev->flags & IR_EV_INIT;
                continue;
            }
            if (ev->flags & IR_EV_STEP_DOWN) continue;
            bool site = false;
            for (size_t j = 0; j < incs.len && !site; j++) site = incs.data[j].ev == ev;
            shared = site;
        }
        /* the events */
        PROGRAM_EACH_EVENT(p, f, ir, ev) {
            if (ev->kind == IR_EV_ASSIGN && ev->path.root != IR_ROOT_TEMP &&
                !(!ev->path.nsteps && ev->path.root == IR_ROOT_LOCAL) && one_node(p, (uint32_t)f, &ev->path) == w) {
                if (ev->src && ev->src->kind == IR_OPD_CONST && !ev->src->value && !(ev->flags & IR_EV_INIT))
                    put_event(p, ev, (uint32_t)f, &ev->path, LMODE_EXCL, false);
                else if (ev->src && ev->src->kind == IR_OPD_CONST && ev->src->value)
                    put_event(p, ev, (uint32_t)f, &ev->path, LMODE_EXCL, true);
            } else if (shared && ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW) && ev->path.root == IR_ROOT_GLOBAL &&
                       !ev->path.nsteps && one_node(p, (uint32_t)f, &ev->path) == r) {
                put_event(p, ev, (uint32_t)f, s->word, LMODE_SHARED, (ev->flags & IR_EV_STEP_UP) != 0);
            }
        }
        p->sync.flag_locks++;
    }
    vec_free(&sets);
    vec_free(&incs);
}

bool flaglocks_event(const Program *p, const IrEvent *ev, const FlagLockEvent **out) {
    uint64_t v;
    if (!p->sync.flag_lock_events.len || !u64map_get(&p->sync.flag_lock_index, (uint64_t)(uintptr_t)ev, &v)) return false;
    *out = &p->sync.flag_lock_events.data[v - 1];
    return true;
}
