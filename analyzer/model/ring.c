/*
 * ring.c - single-producer single-consumer ring buffers handed over by two
 * counting semaphores, or by two atomic cursors (atomic_ring_site, below)
 * (rule `ring-buffer` of mhp.c):
 *
 *     producer                              consumer
 *     for (;;) {                            for (;;) {
 *         sem_wait(&empty);    (K)              sem_wait(&full);     (0)
 *         buf[in] = item;                       item = buf[out];
 *         in = (in + 1) % M;                    out = (out + 1) % M;
 *         sem_post(&full);                      sem_post(&empty);
 *     }                                     }
 *
 * Iteration k of either loop touches slot k mod M (the cursor starts at 0
 * and steps once per iteration, after the access). A loop counter used
 * modulo M works as the cursor: `for (i = 0; ..; i++) { wait; buf[i % M]
 * = ..; post; }` (or `i & (M - 1)`, M a power of two). The consumer's k-th
 * access comes after its k-th wait on full, which needs the producer's
 * k-th post, made after the producer's k-th access; the producer's k-th
 * access comes after its k-th wait on empty, which needs the consumer's
 * (k - K)-th post, made after the consumer's access k - K >= k - M: the
 * last one of that slot. So two accesses of one slot are always ordered
 * when 1 <= K <= M.
 *
 * ring_site checks one side: an access in the single-instance thread's
 * function called by nothing and run by no other thread (its routine, or
 * main) - or, for several producers or consumers, in a function called by
 * nothing that reads a global cursor, accesses the slot and steps the
 * cursor in one critical section of one lock object (one block, no call
 * between, the lock held at the access): their accesses go in the lock's
 * order, each posted after its own critical section -, in an
 * outermost loop with no loop inside it holding the access, the wait, the
 * post or the cursor's step; indexed at one step by the cursor - a local
 * of that function set to 0 before the loop, or a global with no store
 * but a 0 initialiser, whose address is never taken - read in the
 * iteration before the step; the loop's one blocking wait before the access
 * (dominating it) and one post after it (on every path from it back to the
 * loop's start); the one write of the cursor in the loop, `c = (c + 1) % M`
 * (or `& (M - 1)`, M a power of two) after the access the same way; the
 * wait, the post and the step made by every completed iteration
 * (dominating every back edge). Each semaphore has one wait and one post
 * in all the reachable code, and they were initialised once, one to 0, the
 * other to K with 1 <= K <= M. The rule pairs a producer's site with a
 * consumer's: one waits what the other posts, with one modulus.
 * ASSUMPTION: the semaphores are initialised before either thread starts;
 * a wait does not fail (EINTR).
 */
#include "flow.h"

#include "../ir/cfg.h"

#include <string.h>

enum { RING_WAIT = 1, RING_POST = 1 << 16, RING_OTHER = 1u << 31 };

/* Per semaphore node, how many wait and post sites reachable code has
 * (low 16 bits waits, the next 16 posts; RING_OTHER: a site that may
 * name several semaphores, or a wait that may fail). */
static void sem_sites_scan(Program *p) {
    p->sync.ring_scanned = true;
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci || ci->kind != CALL_API || (ci->api->kind != API_SEM_WAIT && ci->api->kind != API_SEM_POST)) continue;
        const ApiModel *m = ci->api;
        if (m->sem < 0 || (uint32_t)m->sem >= ev->call->nargs) continue;
        IdSet t = {0};
        pt_operand_targets(p, (uint32_t)f, &ev->call->args[m->sem], &t);
        uint64_t add = t.n != 1 || (m->kind == API_SEM_WAIT && m->has_success) ? RING_OTHER
                       : m->kind == API_SEM_WAIT                               ? RING_WAIT
                                                                               : RING_POST;
        for (uint32_t k = 0; k < t.n; k++) {
            uint64_t old = 0;
            u64map_get(&p->sync.sem_sites, t.v[k], &old);
            if ((old & 0xffff) < 0xfff0 && ((old >> 16) & 0x7fff) < 0x7ff0) u64map_put(&p->sync.sem_sites, t.v[k], old + add);
            else u64map_put(&p->sync.sem_sites, t.v[k], old | RING_OTHER);
        }
        idset_free(&t);
    }
}

/* The one semaphore node a wait or post call of func names, or UINT32_MAX. */
static uint32_t sem_of(Program *p, uint32_t func, const IrEvent *ev, ApiKind kind) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != kind || ci->api->sem < 0 ||
        (uint32_t)ci->api->sem >= ev->call->nargs || (kind == API_SEM_WAIT && ci->api->has_success))
        return UINT32_MAX;
    IdSet t = {0};
    pt_operand_targets(p, func, &ev->call->args[ci->api->sem], &t);
    uint32_t n = t.n == 1 ? t.v[0] : UINT32_MAX;
    idset_free(&t);
    return n;
}

/* Is path the bare cursor: local `local` (usr NULL) or the global usr? */
static bool is_cursor(const IrPath *path, uint32_t local, const char *usr) {
    if (path->nsteps) return false;
    if (usr) return path->root == IR_ROOT_GLOBAL && path->usr && !strcmp(path->usr, usr);
    return path->root == IR_ROOT_LOCAL && path->id == local;
}

/* Does operand o read the cursor's current value: the bare local, or a
 * temporary assigned once from the global? */
static bool reads_cursor(const IrDefUse *du, IrArithKind kind, uint32_t id, uint32_t local, const char *usr) {
    if (!usr) return kind == IR_ARITH_LOCAL && id == local;
    if (kind != IR_ARITH_TEMP) return false;
    const IrEvent *as = ir_defuse_sole_assign(du, ir_defuse_temp(du, id));
    return as && as->src && as->src->kind == IR_OPD_VALUE && !as->src->offset &&
           is_cursor(&as->src->path, UINT32_MAX, usr);
}

/* t[0..3) is `x + 1` or `1 + x`: x, else NULL. */
static const IrArith *plus_one(const IrArith *t) {
    if (t[2].kind != IR_ARITH_ADD) return NULL;
    if (t[0].kind == IR_ARITH_CONST && t[0].value == 1) return &t[1];
    if (t[1].kind == IR_ARITH_CONST && t[1].value == 1) return &t[0];
    return NULL;
}

/* The ring size M that `x % M` or `x & (M - 1)` (M a power of two) takes,
 * m the constant and op the operator; 0 for anything else. */
static int64_t ring_modulus(const IrArith *m, const IrArith *op) {
    if (m->kind != IR_ARITH_CONST) return 0;
    if (op->kind == IR_ARITH_MOD) return m->value > 0 ? m->value : 0;
    if (op->kind == IR_ARITH_AND && m->value >= 0 && m->value < INT64_MAX && ((m->value + 1) & m->value) == 0)
        return m->value + 1;
    return 0;
}

/* The modulus of a step `c = (c + 1) % M` (or `(1 + c)`, `& (M - 1)` with
 * M a power of two), or 0. */
static int64_t step_modulus(const IrDefUse *du, const IrOperand *v, uint32_t local, const char *usr) {
    if (!v || ir_operand_narith(v) != 5) return 0;
    const IrArith *c = plus_one(v->arith);
    if (!c || !reads_cursor(du, c->kind, c->local, local, usr)) return 0;
    return ring_modulus(&v->arith[3], &v->arith[4]);
}

/* A loop counter taken modulo the ring's size as the index (`buf[i % M]`,
 * `buf[i & (M - 1)]`, M a power of two): the modulus, with the counter's
 * local in *local; 0 for anything else. */
static int64_t counter_modulus(const IrFunc *f, const IrOperand *v, uint32_t *local) {
    if (!v || ir_operand_narith(v) != 3) return 0;
    const IrArith *t = v->arith;
    if (t[0].kind != IR_ARITH_LOCAL || t[0].local < f->nparams || t[0].local >= f->nlocals ||
        (f->locals[t[0].local].flags & IR_LOCAL_ADDR_TAKEN))
        return 0;
    int64_t m = ring_modulus(&t[1], &t[2]);
    if (m) *local = t[0].local;
    return m;
}

/* Is write w of the counter (local) a step up by one: `i++`, `i += 1`, or
 * `i = i + 1` (the WRITE, then its ASSIGN `next`)? */
static bool counter_step(const IrEvent *w, const IrEvent *next, uint32_t local) {
    if ((w->flags & IR_EV_STEP_UP) && w->src && w->src->kind == IR_OPD_CONST && w->src->value == 1) return true;
    if (!next || next->kind != IR_EV_ASSIGN || !is_cursor(&next->path, local, NULL) || !next->src ||
        ir_operand_narith(next->src) != 3)
        return false;
    const IrArith *c = plus_one(next->src->arith);
    return c && c->kind == IR_ARITH_LOCAL && c->local == local;
}

/* Is the global cursor stored nowhere but at `step` (and by a 0
 * initialiser), its address never taken? */
static bool global_cursor_private(Program *p, const char *usr, const IrEvent *step) {
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if ((ev->kind == IR_EV_WRITE || ev->kind == IR_EV_ASSIGN) && ev != step && ev->path.root == IR_ROOT_GLOBAL &&
            ev->path.usr && !strcmp(ev->path.usr, usr)) {
            if (ev->kind == IR_EV_ASSIGN && ev_e > 0 && &ir->blocks[ev_b].events[ev_e - 1] == step) continue;
            if (!(ev->flags & IR_EV_INIT)) return false;
            if (ev->kind == IR_EV_ASSIGN && (!ev->src || ev->src->kind != IR_OPD_CONST || ev->src->value != 0))
                return false;
        }
        const IrOperand *ops = ev->kind == IR_EV_ASSIGN ? ev->src : NULL;
        uint32_t nops = ops ? 1 : 0;
        if (ev->kind == IR_EV_CALL && ev->call) ops = ev->call->args, nops = ev->call->nargs;
        for (uint32_t k = 0; k < nops; k++)
            if (ops[k].kind == IR_OPD_ADDR && ops[k].path.root == IR_ROOT_GLOBAL && ops[k].path.usr &&
                !strcmp(ops[k].path.usr, usr))
                return false;
    }
    return true;
}

/* Does every path from event (b, i) back to the loop's header (a back
 * edge) pass block `must` at an event after i when b == must? Blocks
 * outside the loop end a path (the loop was left). */
static bool passes_before_back_edge(const IrFunc *f, const IrDefUse *du, int32_t loop, uint32_t b, uint32_t i,
                                    uint32_t must, uint32_t must_i) {
    if (b == must && must_i > i) return true;
    uint32_t header = f->loops[loop].header;
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    VEC(uint32_t) work = {0};
    vec_push(&work, b);
    bool ok = true;
    while (work.len && ok) {
        uint32_t x = work.data[--work.len];
        for (uint32_t s = 0; s < f->blocks[x].nsucc && ok; s++) {
            uint32_t y = f->blocks[x].succ[s];
            if (y >= f->nblocks || !ir_defuse_block_in_loop(du, y, loop)) continue;
            if (y == header) ok = false; /* back to the start without it */
            else if (y != must && !seen[y]) {
                seen[y] = true;
                vec_push(&work, y);
            }
        }
    }
    vec_free(&work);
    free(seen);
    return ok;
}

/* Is event (a, ai) before (b, bi) in every iteration reaching b: a
 * dominates b (the same block: an earlier event)? */
static bool before(const uint32_t *idom, uint32_t a, uint32_t ai, uint32_t b, uint32_t bi) {
    return a == b ? ai < bi : ir_dominates(idom, a, b);
}

/* Does block x dominate every back edge's source of loop? */
static bool every_iteration(const IrFunc *f, const IrDefUse *du, const uint32_t *idom, int32_t loop, uint32_t x) {
    uint32_t header = f->loops[loop].header;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop)) continue;
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
            if (f->blocks[b].succ[s] == header && !ir_dominates(idom, x, b)) return false;
    }
    return true;
}

/* Does func call both a semaphore wait and a post (cached per function in
 * sync.ring_funcs: 1 no, 2 yes)? The cheap test before ring_site's scans. */
static bool waits_and_posts(Program *p, uint32_t func) {
    uint64_t v;
    if (u64map_get(&p->sync.ring_funcs, func, &v)) return v == 2;
    const IrFunc *f = p->link.funcs.data[func].ir;
    bool w = false, po = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            const CallInfo *ci = x->kind == IR_EV_CALL && x->call ? program_call(p, x) : NULL;
            if (!ci || ci->kind != CALL_API) continue;
            w |= ci->api->kind == API_SEM_WAIT;
            po |= ci->api->kind == API_SEM_POST;
        }
    u64map_put(&p->sync.ring_funcs, func, w && po ? 2 : 1);
    return w && po;
}

/* Is func the routine of thread alone (no other thread starts in it)? */
static bool routine_of_one(const Program *p, uint32_t thread, uint32_t func) {
    for (size_t t = 0; t < p->tm.threads.len; t++)
        if (idset_has(&p->tm.threads.data[t].routines, func) != (t == thread)) return false;
    return true;
}

/* Does block b hold no call from event i to event j (i < j)? */
static bool no_call_between(const IrFunc *f, uint32_t b, uint32_t i, uint32_t j) {
    for (uint32_t e = i + 1; e < j && e < f->blocks[b].nevents; e++)
        if (f->blocks[b].events[e].kind == IR_EV_CALL) return false;
    return true;
}

/* ---- rings of atomic cursors ------------------------------------------------- */

/* The atomic model of call x when it loads (op load) or stores (op store)
 * the one node *node, or NULL. */
static const ApiModel *atomic_on(Program *p, uint32_t func, const IrEvent *x, AtomicOp op, uint32_t *node) {
    if (x->kind != IR_EV_CALL || !x->call) return NULL;
    const CallInfo *ci = program_call(p, x);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC || ci->api->atomic_op != op || ci->api->object < 0 ||
        (uint32_t)ci->api->object >= x->call->nargs)
        return NULL;
    IdSet t = {0};
    pt_operand_targets(p, func, &x->call->args[ci->api->object], &t);
    *node = t.n == 1 ? t.v[0] : UINT32_MAX;
    idset_free(&t);
    return *node == UINT32_MAX ? NULL : ci->api;
}

/* Does func make atomic loads and stores (cached in sync.ring_funcs under
 * func | 1 << 40: 1 no, 2 yes)? The cheap test before atomic_ring_site. */
static bool loads_and_stores(Program *p, uint32_t func) {
    uint64_t key = (uint64_t)func | 1ull << 40, v;
    if (u64map_get(&p->sync.ring_funcs, key, &v)) return v == 2;
    const IrFunc *f = p->link.funcs.data[func].ir;
    bool l = false, s = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const CallInfo *ci = f->blocks[b].events[e].kind == IR_EV_CALL && f->blocks[b].events[e].call
                                     ? program_call(p, &f->blocks[b].events[e])
                                     : NULL;
            if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) continue;
            l |= ci->api->atomic_op == ATOMIC_OP_LOAD;
            s |= ci->api->atomic_op == ATOMIC_OP_STORE;
        }
    u64map_put(&p->sync.ring_funcs, key, l && s ? 2 : 1);
    return l && s;
}

/* Is operand v `c + 1` (or `1 + c`), or that modulo a constant / masked,
 * c the local? */
static bool one_up(const IrOperand *v, uint32_t local) {
    uint32_t n = v ? ir_operand_narith(v) : 0;
    if (n != 3 && n != 5) return false;
    const IrArith *c = plus_one(v->arith);
    if (!c || c->kind != IR_ARITH_LOCAL || c->local != local) return false;
    return n == 3 || ring_modulus(&v->arith[3], &v->arith[4]);
}

/* Does every path from event (b, i) to a return of f pass event (s, si)? */
static bool passes_before_return(const IrFunc *f, uint32_t b, uint32_t i, uint32_t s, uint32_t si) {
    if (b == s && si > i) return true;
    uint8_t *stop = xcalloc(f->nblocks, 1);
    if (s < f->nblocks) stop[s] = 1;
    bool ok = ir_returns_pass(f, b, stop);
    free(stop);
    return ok;
}

/* A single-producer single-consumer ring of atomic cursors (Lamport's):
 *
 *     h = atomic_load(&head);                  t = atomic_load(&tail);
 *     while (h - atomic_load_acq(&tail) == M)  while (atomic_load_acq(&head) == t)
 *         ;                                        ;
 *     buf[h % M] = item;                       item = buf[t % M];
 *     atomic_store_rel(&head, h + 1);          atomic_store_rel(&tail, t + 1);
 *
 * An access indexed by `c % M` (or `c & (M - 1)`), c a local assigned once
 * from an atomic load of the side's own cursor, after a loop that loads the
 * other cursor with acquire (not relaxed) and tests c, and before - on
 * every path to the return - the side's one store of c + 1 (modulo M or
 * not) into its cursor, made with release (not relaxed), the only store of
 * that cursor in its function; the function run by one single-instance
 * thread (its routine, or called from that routine alone). The pairs
 * (wait = the other cursor, post = its own) go to rule ring-buffer as the
 * semaphores' do: the consumer's read of slot k follows its acquire of the
 * producer's release of k + 1, made after the write; the producer's next
 * write of the slot follows its acquire of the consumer's release after
 * the read. ASSUMPTION: the wait loop waits for room (data), as its test
 * of the two cursors says; no other code stores the cursors (their
 * initialisation comes before the threads start). */
static bool atomic_ring_site(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const IrPath *path,
                             RingFact *out) {
    if (model_thread_many(p, thread) || !loads_and_stores(p, func)) return false;
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    if (!callers->n ? !routine_of_one(p, thread, func)
                    : callers->n != 1 || p->pt.funcs.data[callers->v[0]].callers.n ||
                          !routine_of_one(p, thread, callers->v[0]) || callers->v[0] == func)
        return false;
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId at;
    if (!ir_defuse_event_id(du, ev, &at)) return false;
    int step = -1;
    uint32_t local = UINT32_MAX;
    int64_t mod = 0;
    for (uint32_t s = 0; s < path->nsteps && s < 255 && step < 0; s++) {
        const IrStep *st = &path->steps[s];
        if (st->kind != IR_STEP_INDEX || st->index_kind != IR_INDEX_UNKNOWN || !st->value) continue;
        mod = counter_modulus(f, ir_index_arith(f, at.block, at.index, st->value), &local);
        if (mod) step = (int)s;
    }
    if (step < 0) return false;
    /* the local: one assignment, of an atomic load of the own cursor */
    const IrEvent *as = ir_defuse_sole_assign(du, ir_defuse_local(du, local));
    if (!as || !as->src || as->src->kind != IR_OPD_VALUE || as->src->offset || as->src->path.nsteps ||
        as->src->path.root != IR_ROOT_TEMP)
        return false;
    uint32_t own = UINT32_MAX, other = UINT32_MAX, n;
    IrEventId st = {0, 0};
    uint32_t nstores = 0;
    bool loaded = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            if (x->kind == IR_EV_CALL && x->call && x->call->result == (int32_t)as->src->path.id &&
                atomic_on(p, func, x, ATOMIC_OP_LOAD, &n))
                own = n, loaded = true;
        }
    if (!loaded) return false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            const ApiModel *m = atomic_on(p, func, x, ATOMIC_OP_STORE, &n);
            if (!m || n != own) continue;
            nstores++;
            st = (IrEventId){b, e};
            if (model_atomic_relaxed(p, x, m) || m->value < 0 || (uint32_t)m->value >= x->call->nargs ||
                !one_up(&x->call->args[m->value], local))
                return false;
        }
    if (nstores != 1 || !passes_before_return(f, at.block, at.index, st.block, st.index)) return false;
    /* the wait: a loop before the access loading the other cursor with
     * acquire and testing the local */
    uint32_t *idom = ir_dominators(f);
    bool waited = false;
    for (uint32_t l = 0; l < f->nloops && !waited; l++) {
        if (ir_defuse_block_in_loop(du, at.block, (int32_t)l) || !ir_dominates(idom, f->loops[l].header, at.block))
            continue;
        bool acq = false, tests = false;
        uint32_t o = UINT32_MAX;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            if (!ir_defuse_block_in_loop(du, b, (int32_t)l)) continue;
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *x = &f->blocks[b].events[e];
                const ApiModel *m = atomic_on(p, func, x, ATOMIC_OP_LOAD, &n);
                if (m && n != own && !model_atomic_relaxed(p, x, m)) acq = true, o = n;
                tests |= x->kind == IR_EV_READ && x->path.root == IR_ROOT_LOCAL && x->path.id == local &&
                         !x->path.nsteps;
            }
        }
        if (acq && tests) waited = true, other = o;
    }
    free(idom);
    if (!waited || other == own) return false;
    *out = (RingFact){other + 1, own + 1, mod, (uint8_t)step};
    return true;
}

bool ring_site(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const IrPath *path, const IdSet *held,
               RingFact *out) {
    if (atomic_ring_site(p, thread, func, ev, path, out)) return true;
    if (p->sync.sem_init.len < 2 || p->pt.funcs.data[func].callers.n) return false;
    /* several instances (or threads) on one side: their cursor reads,
     * accesses and steps in one critical section of one lock object */
    bool shared = model_thread_many(p, thread) || !routine_of_one(p, thread, func);
    if (shared) {
        IdSet objs = {0};
        lock_held_objects(p, held, &objs);
        bool locked = objs.n > 0;
        idset_free(&objs);
        if (!locked) return false;
    }
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (!f->nloops || !waits_and_posts(p, func)) return false;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId at;
    if (!ir_defuse_event_id(du, ev, &at)) return false;
    int32_t loop = ir_defuse_block_loop(du, at.block);
    if (loop < 0 || f->loops[loop].parent >= 0) return false;
    /* the cursor: the index step's local, or the global its temporary was read from */
    int step = -1;
    uint32_t local = UINT32_MAX, read_at = UINT32_MAX;
    const char *usr = NULL;
    int64_t counter_mod = 0; /* the index is a loop counter modulo this */
    for (uint32_t s = 0; s < path->nsteps && s < 255 && step < 0; s++) {
        const IrStep *st = &path->steps[s];
        if (st->kind != IR_STEP_INDEX) continue;
        if (st->index_kind == IR_INDEX_UNKNOWN && st->value) {
            counter_mod = counter_modulus(f, ir_index_arith(f, at.block, at.index, st->value), &local);
            if (counter_mod) step = (int)s;
        } else if (st->index_kind == IR_INDEX_LOCAL && st->local >= f->nparams && st->local < f->nlocals &&
            !(f->locals[st->local].flags & IR_LOCAL_ADDR_TAKEN)) {
            local = st->local;
            step = (int)s;
        } else if (st->index_kind == IR_INDEX_TEMP) {
            const IrVarDefs *d = ir_defuse_temp(du, st->local);
            const IrEvent *as = ir_defuse_sole_assign(du, d);
            IrEventId aid;
            if (as && as->src && as->src->kind == IR_OPD_VALUE && !as->src->offset && !as->src->path.nsteps &&
                as->src->path.root == IR_ROOT_GLOBAL && as->src->path.usr && ir_defuse_event_id(du, as, &aid) &&
                aid.block == at.block && aid.index < at.index) {
                usr = as->src->path.usr;
                read_at = aid.index;
                step = (int)s;
            }
        }
    }
    if (step < 0) return false;
    /* the loop's waits, posts and cursor writes: one each, none in an inner loop */
    uint32_t nw = 0, np = 0, nu = 0, wsem = UINT32_MAX, psem = UINT32_MAX;
    IrEventId w = {0, 0}, po = {0, 0}, u = {0, 0};
    const IrEvent *upd = NULL;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop)) continue;
        bool inner = ir_defuse_block_loop(du, b) != loop;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            uint32_t s;
            if (x->kind == IR_EV_CALL && x->call && (s = sem_of(p, func, x, API_SEM_WAIT)) != UINT32_MAX) {
                if (inner || nw++) return false;
                wsem = s;
                w = (IrEventId){b, e};
            } else if (x->kind == IR_EV_CALL && x->call && (s = sem_of(p, func, x, API_SEM_POST)) != UINT32_MAX) {
                if (inner || np++) return false;
                psem = s;
                po = (IrEventId){b, e};
            } else if (x->kind == IR_EV_WRITE && is_cursor(&x->path, local, usr)) {
                if (inner || nu++) return false;
                upd = x;
                u = (IrEventId){b, e};
            }
        }
    }
    if (nw != 1 || np != 1 || nu != 1 || wsem == psem || ir_defuse_block_loop(du, at.block) != loop) return false;
    /* shared: a global cursor read, the slot accessed and the cursor
     * stepped in one block with no call between, the lock held at the
     * access: the fills (or takes) go in the lock's order, and each is
     * posted after its own critical section, so the k-th post comes after
     * the k-th fill */
    if (shared && (!usr || read_at == UINT32_MAX || u.block != at.block || u.index < at.index ||
                   !no_call_between(f, at.block, read_at, u.index + 1)))
        return false;
    /* the step's value: the cursor's own modulus, or the counter's one up */
    const IrEvent *val = u.index + 1 < f->blocks[u.block].nevents ? &f->blocks[u.block].events[u.index + 1] : NULL;
    int64_t mod = counter_mod;
    if (counter_mod) {
        if (!counter_step(upd, val, local)) return false;
    } else {
        if (!val || val->kind != IR_EV_ASSIGN || !is_cursor(&val->path, local, usr)) return false;
        mod = step_modulus(du, val->src, local, usr);
        if (!mod) return false;
    }
    /* the semaphores: one wait and one post each in all the code, one
     * initialised to 0, the other to K in [1, M] */
    if (!p->sync.ring_scanned) sem_sites_scan(p);
    uint64_t ws = 0, ps = 0, wi = 0, pi = 0;
    if (!u64map_get(&p->sync.sem_sites, wsem, &ws) || ws != (RING_WAIT | RING_POST) ||
        !u64map_get(&p->sync.sem_sites, psem, &ps) || ps != (RING_WAIT | RING_POST) ||
        !u64map_get(&p->sync.sem_init, wsem, &wi) || !u64map_get(&p->sync.sem_init, psem, &pi) || !wi || !pi)
        return false;
    uint64_t k = wi == 1 ? pi - 1 : wi - 1;
    if ((wi == 1) == (pi == 1) || k < 1 || k > (uint64_t)mod) return false;
    /* in each iteration: wait, access, then the post and the step on every
     * way back; every completed iteration waits, posts and steps once */
    uint32_t *idom = ir_dominators(f);
    bool ok = before(idom, w.block, w.index, at.block, at.index) &&
              passes_before_back_edge(f, du, loop, at.block, at.index, po.block, po.index) &&
              passes_before_back_edge(f, du, loop, at.block, at.index, u.block, u.index) &&
              every_iteration(f, du, idom, loop, w.block) && every_iteration(f, du, idom, loop, po.block) &&
              every_iteration(f, du, idom, loop, u.block);
    /* the cursor starts at 0: a local's one other write, before the loop; a
     * global's 0 initialiser */
    if (ok && usr) {
        /* one scan of the program per cursor (every access of the window asks) */
        Global *g = program_global(p, usr);
        uint64_t key = g ? (uint64_t)(g - p->link.globals.data) : UINT64_MAX, v;
        if (g && u64map_get(&p->sync.ring_cursors, key, &v)) {
            ok = v == 2;
        } else {
            ok = global_cursor_private(p, usr, upd);
            if (g) u64map_put(&p->sync.ring_cursors, key, ok ? 2 : 1);
        }
    } else if (ok) {
        const IrVarDefs *d = ir_defuse_local(du, local);
        ok = d && d->nwrites == 2;
        uint32_t found = 0;
        for (uint32_t b = 0; b < f->nblocks && ok; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents && ok; e++) {
                const IrEvent *x = &f->blocks[b].events[e];
                if (x->kind != IR_EV_WRITE || x == upd || !is_cursor(&x->path, local, NULL)) continue;
                const IrEvent *nx = e + 1 < f->blocks[b].nevents ? &f->blocks[b].events[e + 1] : NULL;
                ok = ir_defuse_block_loop(du, b) < 0 && ir_dominates(idom, b, f->loops[loop].header) && nx &&
                     nx->kind == IR_EV_ASSIGN && is_cursor(&nx->path, local, NULL) && nx->src &&
                     nx->src->kind == IR_OPD_CONST && nx->src->value == 0;
                found++;
            }
        ok = ok && found == 1;
    }
    free(idom);
    if (!ok) return false;
    *out = (RingFact){wsem + 1, psem + 1, mod, (uint8_t)step};
    return true;
}
