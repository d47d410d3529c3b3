/*
 * flow.c - forward dataflow over one function's CFG; see flow.h.
 *
 * Blocks are iterated in reverse post-order (ir_defuse_block_order: every
 * predecessor before its block except along back edges, so a function
 * converges in a round more than its loop nesting) until no block's entry
 * state changes. Branch terminators refine the state per edge:
 * a branch on a value known to hold a trylock result (also copied into a
 * local) adds the lock on the success edge only - a comparison with the
 * success value, or a truth test when success is a true value.
 *
 * setjmp returns twice: 0 first, then non-zero when a longjmp comes back.
 * A branch on its result (`if (setjmp(env))`, also through a local) sends
 * to the second-return edge the locks surely held at every call of the
 * function that may longjmp - a longjmp, or a call of a program function
 * that may reach one (flow_mark_jumps) - instead of the locks held at the
 * setjmp; a longjmp itself ends its path (the lowering makes it noreturn).
 * A callee's locks held at its longjmps come from its lock summary
 * (LockSummary.jmp_locks, computed here through FlowHooks.jumps). The
 * children that may be running at those calls, and those the callees leave
 * running, may be running on the second return too (with the set-up
 * guards' pairs that hold at all of them); PRECISION: a child a callee
 * starts and joins again before it returns, but longjmps out between, is
 * not seen running there.
 * PRECISION / SOUNDNESS: only longjmps racecheck sees count (a library
 * that longjmps - libpng's png_error - does not: with none seen the second
 * return keeps the setjmp's state); a caller's lock a callee released
 * before its longjmp still counts as held (the usual code does not); which
 * jmp_buf a longjmp names is not compared.
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

void flow_state_init(FlowState *s) {
    memset(s, 0, sizeof(*s));
}

void flow_state_free(FlowState *s) {
    idset_free(&s->held);
    idset_free(&s->live);
    idset_free(&s->ever);
    idset_free(&s->waited);
    idset_free(&s->cwaited);
    idset_free(&s->posted);
    idset_free(&s->phases);
    idset_free(&s->taken);
    idset_free(&s->joined);
    idset_free(&s->started);
    idset_free(&s->unlocked);
    idset_free(&s->prehold);
    idset_free(&s->known);
    idset_free(&s->elem_joined);
    idset_free(&s->elem_waited);
    idset_free(&s->hb_pending);
    idset_free(&s->hb_broken);
    idset_free(&s->handed_back);
    idset_free(&s->nonzero);
    idset_free(&s->modes);
    idset_free(&s->guarded);
    free(s->facts);
    free(s->conds);
    memset(s, 0, sizeof(*s));
}

/* A must-set of claimed parameters: kept where both sides claim from the
 * same counter. Returns true when *dst changed. */
static bool claims_merge(uint8_t *dst, uint8_t src, const uint32_t *dst_counter, const uint32_t *src_counter) {
    uint8_t m = *dst & src;
    for (int k = 0; k < FLOW_CLAIM_PARAMS; k++)
        if ((m >> k & 1) && dst_counter[k] != src_counter[k]) m &= (uint8_t)~(1u << k);
    bool changed = m != *dst;
    *dst = m;
    return changed;
}

void flow_state_copy(FlowState *dst, const FlowState *src) {
    dst->reached = src->reached;
    dst->null_params = src->null_params;
    dst->fresh_params = src->fresh_params;
    dst->fresh_prefix = src->fresh_prefix;
    dst->alias_params = src->alias_params;
    dst->claim_params = src->claim_params;
    dst->inst = src->inst;
    dst->kparams = src->kparams;
    memcpy(dst->kvalue, src->kvalue, sizeof dst->kvalue);
    dst->claim_ptr_params = src->claim_ptr_params;
    memcpy(dst->claim_counter, src->claim_counter, sizeof dst->claim_counter);
    dst->inst_known = src->inst_known;
    dst->inst_value = src->inst_value;
    idset_copy(&dst->held, &src->held);
    idset_copy(&dst->live, &src->live);
    idset_copy(&dst->ever, &src->ever);
    idset_copy(&dst->waited, &src->waited);
    idset_copy(&dst->cwaited, &src->cwaited);
    idset_copy(&dst->posted, &src->posted);
    idset_copy(&dst->phases, &src->phases);
    idset_copy(&dst->taken, &src->taken);
    idset_copy(&dst->joined, &src->joined);
    idset_copy(&dst->started, &src->started);
    idset_copy(&dst->unlocked, &src->unlocked);
    idset_copy(&dst->prehold, &src->prehold);
    idset_copy(&dst->known, &src->known);
    idset_copy(&dst->elem_joined, &src->elem_joined);
    idset_copy(&dst->elem_waited, &src->elem_waited);
    idset_copy(&dst->hb_pending, &src->hb_pending);
    idset_copy(&dst->hb_broken, &src->hb_broken);
    idset_copy(&dst->handed_back, &src->handed_back);
    idset_copy(&dst->nonzero, &src->nonzero);
    idset_copy(&dst->modes, &src->modes);
    idset_copy(&dst->guarded, &src->guarded);
    free(dst->facts);
    dst->facts = src->nfacts ? xmalloc(src->nfacts * sizeof(TryFact)) : NULL;
    if (src->nfacts) memcpy(dst->facts, src->facts, src->nfacts * sizeof(TryFact));
    dst->nfacts = src->nfacts;
    free(dst->conds);
    dst->conds = src->nconds ? xmalloc(src->nconds * sizeof(CondLock)) : NULL;
    if (src->nconds) memcpy(dst->conds, src->conds, src->nconds * sizeof(CondLock));
    dst->nconds = src->nconds;
}

/* ---- path-correlated locks -------------------------------------------------- */

static bool cond_in(const CondLock *v, uint32_t n, CondLock c) {
    for (uint32_t i = 0; i < n; i++)
        if (v[i].local == c.local && v[i].lock == c.lock && v[i].truth == c.truth) return true;
    return false;
}

static void cond_push(CondLock **v, uint32_t *n, CondLock c) {
    if (cond_in(*v, *n, c)) return;
    *v = xrealloc(*v, (*n + 1) * sizeof(CondLock));
    (*v)[(*n)++] = c;
}

/* Does state s agree with "c.lock is held where c.local is c.truth"? It does
 * when it says so already, when it knows the local has that value and holds
 * the lock, or when it knows the local has the other value. */
static bool cond_holds_in(const FlowState *s, CondLock c) {
    if (cond_in(s->conds, s->nconds, c)) return true;
    if (idset_has(&s->known, c.local * 2 + !c.truth)) return true;
    return idset_has(&s->known, c.local * 2 + c.truth) && idset_has(&s->held, c.lock);
}

/* The conditions one side offers: its own and, per value it knows, every lock
 * it holds that the other side does not. */
static void cond_candidates(const FlowState *a, const FlowState *b, CondLock **out, uint32_t *nout) {
    for (uint32_t i = 0; i < a->nconds; i++)
        if (cond_holds_in(b, a->conds[i])) cond_push(out, nout, a->conds[i]);
    for (uint32_t i = 0; i < a->known.n; i++)
        for (uint32_t j = 0; j < a->held.n; j++) {
            if (idset_has(&b->held, a->held.v[j])) continue; /* held on both: no condition */
            CondLock c = {a->known.v[i] / 2, a->held.v[j], a->known.v[i] & 1};
            if (cond_holds_in(b, c)) cond_push(out, nout, c);
        }
}

static bool conds_merge(FlowState *dst, const FlowState *src) {
    if (!dst->nconds && !src->nconds && (!dst->known.n || !src->known.n)) return false;
    CondLock *v = NULL;
    uint32_t n = 0;
    cond_candidates(dst, src, &v, &n);
    cond_candidates(src, dst, &v, &n);
    bool changed = n != dst->nconds;
    for (uint32_t i = 0; i < n && !changed; i++) changed = !cond_in(dst->conds, dst->nconds, v[i]);
    free(dst->conds);
    dst->conds = v;
    dst->nconds = n;
    return changed;
}

static void conds_kill_local(FlowState *s, uint32_t local) {
    idset_remove(&s->known, local * 2);
    idset_remove(&s->known, local * 2 + 1);
    for (uint32_t i = 0; i < s->elem_joined.n; i++)
        if ((s->elem_joined.v[i] & ((1u << 20) - 1)) == local) idset_remove(&s->elem_joined, s->elem_joined.v[i--]);
    for (uint32_t i = 0; i < s->elem_waited.n; i++)
        if ((s->elem_waited.v[i] & ((1u << 20) - 1)) == local) idset_remove(&s->elem_waited, s->elem_waited.v[i--]);
    uint32_t k = 0;
    for (uint32_t i = 0; i < s->nconds; i++)
        if (s->conds[i].local != local) s->conds[k++] = s->conds[i];
    s->nconds = k;
}

void flow_conds_clear(FlowState *st) {
    st->nconds = 0;
}

static bool fact_in(const FlowState *s, const TryFact *f) {
    for (uint32_t i = 0; i < s->nfacts; i++)
        if (s->facts[i].root == f->root && s->facts[i].id == f->id && s->facts[i].lock == f->lock &&
            s->facts[i].success == f->success && s->facts[i].held == f->held && s->facts[i].setjmp == f->setjmp)
            return true;
    return false;
}

/* Is fact f (on one side of a merge) moot on the side s: a local that s
 * knows is 0 can never equal f's non-zero success value, so the edges f
 * refines are those of f's side only (`int d = 0; while (!d) { lock; d =
 * done; unlock; }`: the loop's entry path holds d = 0). Only for facts that
 * act on the success edge alone (not a blocking lock's held result, not
 * setjmp's). */
static bool fact_moot(const FlowState *s, const TryFact *f) {
    return f->root == IR_ROOT_LOCAL && f->success != 0 && !f->held && !f->setjmp && idset_has(&s->known, f->id * 2);
}

static void fact_push(FlowState *s, TryFact f) {
    s->facts = xrealloc(s->facts, (s->nfacts + 1) * sizeof(TryFact));
    s->facts[s->nfacts++] = f;
}

/* Add the slots of count k of waits at barrier b (the exact count, capped,
 * and its residues). */
static void phases_add_count(IdSet *dst, uint32_t b, uint32_t k) {
    idset_add(dst, b * PHASE_STRIDE + (k < PHASE_CAP ? k : PHASE_CAP - 1));
    for (uint32_t m = 2; m <= 4; m++) idset_add(dst, b * PHASE_STRIDE + phase_mod_base(m) + k % m);
}

/* Does the phase set have a slot of barrier b? (A barrier's slots are
 * contiguous in the sorted set.) */
static bool phases_have(const IdSet *s, uint32_t b) {
    uint32_t lo = 0, hi = s->n, first = b * PHASE_STRIDE;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->v[mid] < first) lo = mid + 1;
        else hi = mid;
    }
    return lo < s->n && s->v[lo] / PHASE_STRIDE == b;
}

/* A barrier absent from a phase set has been passed 0 times. */
static void phases_add_zeros(IdSet *dst, const IdSet *other) {
    uint32_t last = UINT32_MAX;
    for (uint32_t i = 0; i < other->n; i++) {
        uint32_t b = other->v[i] / PHASE_STRIDE;
        if (b == last) continue;
        last = b;
        if (!phases_have(dst, b)) phases_add_count(dst, b, 0);
    }
}

bool flow_phases_merge(IdSet *dst, const IdSet *src) {
    IdSet s = {0};
    idset_copy(&s, src);
    phases_add_zeros(&s, dst);
    bool changed = false;
    IdSet before = {0};
    idset_copy(&before, dst);
    phases_add_zeros(dst, src);
    changed = !idset_equal(&before, dst);
    changed |= idset_union(dst, &s);
    idset_free(&s);
    idset_free(&before);
    return changed;
}

void flow_barrier_pass(IdSet *phases, uint32_t barrier) {
    IdSet out = {0};
    bool have = false;
    for (uint32_t i = 0; i < phases->n; i++) {
        uint32_t b = phases->v[i] / PHASE_STRIDE, k = phases->v[i] % PHASE_STRIDE;
        if (b != barrier) {
            idset_add(&out, phases->v[i]);
            continue;
        }
        have = true;
        if (k < PHASE_CAP) {
            idset_add(&out, b * PHASE_STRIDE + (k + 1 < PHASE_CAP ? k + 1 : k));
            continue;
        }
        uint32_t m = k < PHASE_MOD3 ? 2 : k < PHASE_MOD4 ? 3 : 4, base = phase_mod_base(m);
        idset_add(&out, b * PHASE_STRIDE + base + (k - base + 1) % m);
    }
    if (!have) phases_add_count(&out, barrier, 1);
    idset_free(phases);
    *phases = out;
}

/* FlowState.guarded at a join of paths: a pair holds where it holds on
 * each side on which its child may be running (before live is merged). */
static bool guarded_merge(FlowState *dst, const FlowState *src) {
    if (idset_equal(&dst->guarded, &src->guarded)) return false; /* the common case */
    IdSet out = {0};
    for (int side = 0; side < 2; side++) {
        const FlowState *a = side ? src : dst, *b = side ? dst : src;
        for (uint32_t i = 0; i < a->guarded.n; i++) {
            uint32_t pair = a->guarded.v[i], child = pair >> FLOW_GUARD_BITS;
            if (idset_has(&b->guarded, pair) || !idset_has(&b->live, child)) idset_add(&out, pair);
        }
    }
    bool changed = !idset_equal(&out, &dst->guarded);
    idset_free(&dst->guarded);
    dst->guarded = out;
    return changed;
}

/* FlowState.handed_back where paths meet: a pair (child, s) holds on a
 * side that never started the child (vacuously: no instance to hand
 * back), so it survives when the other side has it. */
static bool handed_back_merge(FlowState *dst, const FlowState *src) {
    if (!dst->handed_back.n && !src->handed_back.n) return false;
    IdSet out = {0};
    for (uint32_t i = 0; i < dst->handed_back.n; i++) {
        uint32_t id = dst->handed_back.v[i];
        if (idset_has(&src->handed_back, id) || !idset_has(&src->ever, FLOW_HB_CHILD(id))) idset_add(&out, id);
    }
    for (uint32_t i = 0; i < src->handed_back.n; i++) {
        uint32_t id = src->handed_back.v[i];
        if (!idset_has(&dst->ever, FLOW_HB_CHILD(id))) idset_add(&out, id);
    }
    bool changed = !idset_equal(&out, &dst->handed_back);
    idset_free(&dst->handed_back);
    dst->handed_back = out;
    return changed;
}

/* The locks held on both sides: the intersection, and a read-write lock
 * held exclusively on one side and shared on the other is held shared
 * (a helper `find()` called under rdlock and under wrlock still reads
 * under the lock). */
static bool held_meet(const Program *p, IdSet *dst, const IdSet *src) {
    if (!p) return idset_intersect(dst, src);
    IdSet keep = {0};
    for (uint32_t side = 0; side < 2; side++) {
        const IdSet *a = side ? src : dst, *b = side ? dst : src;
        for (uint32_t i = 0; i < a->n; i++) {
            const LockRef *x = &p->lock.refs.data[a->v[i]];
            if (x->mode != LMODE_SHARED || idset_has(b, a->v[i])) continue;
            for (uint32_t j = 0; j < b->n; j++) {
                const LockRef *y = &p->lock.refs.data[b->v[j]];
                if (y->mode == LMODE_EXCL && !y->flag && !x->flag && y->func == x->func && ir_path_equal(&y->path, &x->path)) {
                    idset_add(&keep, a->v[i]);
                    break;
                }
            }
        }
    }
    bool changed = idset_intersect(dst, src);
    for (uint32_t i = 0; i < keep.n; i++) changed |= idset_add(dst, keep.v[i]);
    idset_free(&keep);
    return changed;
}

bool flow_state_merge(const Program *p, FlowState *dst, const FlowState *src) {
    if (!src->reached) return false;
    if (!dst->reached) {
        flow_state_copy(dst, src);
        return true;
    }
    /* the facts first: they read both sides' known values */
    uint32_t k = 0;
    bool changed = false;
    for (uint32_t i = 0; i < dst->nfacts; i++)
        if (fact_in(src, &dst->facts[i]) || fact_moot(src, &dst->facts[i])) dst->facts[k++] = dst->facts[i];
    changed |= k != dst->nfacts;
    dst->nfacts = k;
    for (uint32_t i = 0; i < src->nfacts; i++)
        if (!fact_in(dst, &src->facts[i]) && fact_moot(dst, &src->facts[i])) {
            fact_push(dst, src->facts[i]);
            changed = true;
        }
    changed |= conds_merge(dst, src);
    changed |= idset_intersect(&dst->known, &src->known);
    changed |= idset_intersect(&dst->elem_joined, &src->elem_joined);
    changed |= idset_intersect(&dst->elem_waited, &src->elem_waited);
    changed |= idset_union(&dst->hb_pending, &src->hb_pending);
    changed |= idset_union(&dst->hb_broken, &src->hb_broken);
    changed |= held_meet(p, &dst->held, &src->held);
    changed |= guarded_merge(dst, src); /* before live is merged */
    changed |= handed_back_merge(dst, src); /* before ever is merged */
    changed |= idset_union(&dst->live, &src->live);
    changed |= idset_union(&dst->ever, &src->ever);
    changed |= idset_intersect(&dst->waited, &src->waited);
    changed |= idset_union(&dst->cwaited, &src->cwaited);
    changed |= idset_union(&dst->posted, &src->posted);
    changed |= flow_phases_merge(&dst->phases, &src->phases);
    changed |= idset_intersect(&dst->taken, &src->taken);
    changed |= idset_intersect(&dst->joined, &src->joined);
    changed |= idset_intersect(&dst->started, &src->started);
    changed |= idset_union(&dst->unlocked, &src->unlocked);
    changed |= idset_union(&dst->prehold, &src->prehold);
    changed |= idset_intersect(&dst->nonzero, &src->nonzero);
    changed |= idset_intersect(&dst->modes, &src->modes);
    uint64_t nulls = dst->null_params & src->null_params;
    changed |= nulls != dst->null_params;
    dst->null_params = nulls;
    uint64_t fresh = dst->fresh_params & src->fresh_params;
    changed |= fresh != dst->fresh_params;
    dst->fresh_params = fresh;
    fresh = dst->fresh_prefix & src->fresh_prefix;
    changed |= fresh != dst->fresh_prefix;
    dst->fresh_prefix = fresh;
    fresh = dst->alias_params & src->alias_params;
    changed |= fresh != dst->alias_params;
    dst->alias_params = fresh;
    uint8_t kp = dst->kparams & src->kparams;
    for (int k = 0; k < FLOW_CONST_PARAMS; k++)
        if ((kp >> k & 1) && dst->kvalue[k] != src->kvalue[k]) kp &= (uint8_t)~(1u << k);
    changed |= kp != dst->kparams;
    dst->kparams = kp;
    if (dst->inst_known && (!src->inst_known || src->inst_value != dst->inst_value)) {
        dst->inst_known = false;
        changed = true;
    }
    InstParams inst = {dst->inst.idx & src->inst.idx, dst->inst.ptr & src->inst.ptr};
    changed |= inst.idx != dst->inst.idx || inst.ptr != dst->inst.ptr;
    dst->inst = inst;
    changed |= claims_merge(&dst->claim_params, src->claim_params, dst->claim_counter, src->claim_counter);
    changed |= claims_merge(&dst->claim_ptr_params, src->claim_ptr_params, dst->claim_counter, src->claim_counter);
    return changed;
}

static void fact_kill(FlowState *s, uint8_t root, uint32_t id) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < s->nfacts; i++)
        if (!(s->facts[i].root == root && s->facts[i].id == id)) s->facts[k++] = s->facts[i];
    s->nfacts = k;
}

static void fact_compared(Program *p, const IrEvent *ev, FlowState *st);

static void fact_add(FlowState *s, TryFact f) {
    fact_kill(s, f.root, f.id);
    s->facts = xrealloc(s->facts, (s->nfacts + 1) * sizeof(TryFact));
    s->facts[s->nfacts++] = f;
}

void flow_fact_add(FlowState *st, TryFact f) {
    fact_add(st, f);
}

bool flow_lock_path(Arena *a, const IrOperand *op, IrPath *out) {
    if (op->kind == IR_OPD_ADDR && !op->offset) {
        *out = op->path;
        return true;
    }
    if (op->kind == IR_OPD_VALUE && !op->offset) {
        IrStep d = {.kind = IR_STEP_DEREF};
        *out = ir_path_append(a, &op->path, d);
        return true;
    }
    return false;
}

/* Releasing a lock removes the held lock with the same path; when no held
 * lock has that path, every held lock that may be the same object (PRECISION:
 * a release through an alias of an unrelated path drops more than needed). */
void flow_release(Program *p, FlowState *st, uint32_t lock) {
    if (st->unlocked_again) { /* a double unlock: the locks held stay held (another name's) */
        st->unlocked_again = false;
        return;
    }
    const LockRef *l = &p->lock.refs.data[lock];
    bool by_path = false;
    for (uint32_t i = 0; i < st->held.n && !by_path; i++) {
        const LockRef *hl = &p->lock.refs.data[st->held.v[i]];
        by_path = hl->func == l->func && hl->token == l->token && ir_path_equal(&hl->path, &l->path);
    }
    const IdSet *ln = by_path ? NULL : lock_nodes(p, lock);
    uint32_t k = 0;
    for (uint32_t i = 0; i < st->held.n; i++) {
        uint32_t h = st->held.v[i];
        const LockRef *hl = &p->lock.refs.data[h];
        bool same;
        if (by_path) same = hl->func == l->func && ir_path_equal(&hl->path, &l->path);
        else same = hl->mode != LMODE_ONCE_DONE && hl->mode != LMODE_ONCE_INIT && idset_intersects(lock_nodes(p, h), ln);
        if ((hl->mode == LMODE_TURN) != (l->mode == LMODE_TURN)) same = false; /* a store ends turns only */
        if (hl->token != l->token) same = false; /* a ring's token names a member semaphore's node */
        if (!same) st->held.v[k++] = h;
        l = &p->lock.refs.data[lock];
    }
    st->held.n = k;
    k = 0;
    for (uint32_t i = 0; i < st->nconds; i++) {
        uint32_t c = st->conds[i].lock;
        bool same = c == lock || (p->lock.refs.data[c].token == p->lock.refs.data[lock].token &&
                                  idset_intersects(lock_nodes(p, c), lock_nodes(p, lock)));
        if (!same) st->conds[k++] = st->conds[i];
    }
    st->nconds = k;
}

static void lock_event(Program *p, const FlowHooks *h, uint8_t kind, uint32_t func, const IrEvent *ev,
                       uint32_t lock, FlowState *st, bool final) {
    LockEvent e = {kind, func, ev, lock, final, NULL};
    for (uint32_t i = 0; i < h->nlisteners; i++) h->listeners[i].on_event(h->listeners[i].ctx, p, &e, st);
}

static void lockset_on_event(void *ctx, Program *p, const LockEvent *e, FlowState *st) {
    (void)ctx;
    if (e->kind == LOCK_EV_ACQUIRE || e->kind == LOCK_EV_TRY_SUCCESS) idset_add(&st->held, e->lock);
    else if (e->kind == LOCK_EV_RELEASE) flow_release(p, st, e->lock);
}

const LockListener lockset_listener = {NULL, lockset_on_event};

bool flow_api_lock_path(Arena *a, const ApiModel *m, const IrCall *call, IrPath *out) {
    if (m->lock < 0 || (uint32_t)m->lock >= call->nargs || !flow_lock_path(a, &call->args[m->lock], out)) return false;
    for (uint32_t i = 0; i < m->lock_nsteps; i++) *out = ir_path_append(a, out, m->lock_steps[i]);
    return true;
}

/* The lock an API call's argument names, in func's frame (a lock model's
 * `lock` argument, when m is given: with its field steps). The dataflow
 * meets each call once per round per thread: the answer is remembered per
 * (call, argument, mode) (Program.lock.by_call), since naming the path and
 * looking it up is the pass's hot spot. */
static uint32_t api_lock_of(Program *p, uint32_t func, const IrCall *call, int arg, const ApiModel *m, uint8_t mode) {
    if (arg < 0 || (uint32_t)arg >= call->nargs) return UINT32_MAX;
    bool steps = m && arg == m->lock && m->lock_nsteps;
    uint64_t key = ((uint64_t)(uintptr_t)&call->args[arg] << 2 | mode | (steps ? 16u : 0u)) & ~(1ULL << 63), v;
    if (u64map_get(&p->lock.by_call, key, &v)) return (uint32_t)v;
    IrPath path;
    bool ok = m && arg == m->lock ? flow_api_lock_path(p->arena, m, call, &path)
                                  : flow_lock_path(p->arena, &call->args[arg], &path);
    uint32_t l = ok ? lock_intern(p, (int32_t)func, &path, mode) : UINT32_MAX;
    u64map_put(&p->lock.by_call, key, l);
    return l;
}

static uint32_t api_lock(Program *p, uint32_t func, const IrCall *call, int arg, uint8_t mode) {
    return api_lock_of(p, func, call, arg, NULL, mode);
}

/* Is the semaphore argument one initialised to 1 or more (used as a lock)? */
static bool sem_is_mutex(Program *p, uint32_t func, const IrCall *call, int arg) {
    if (arg < 0 || (uint32_t)arg >= call->nargs || !p->sync.sem_init.len) return false;
    IdSet nodes = {0};
    pt_operand_targets(p, func, &call->args[arg], &nodes);
    bool all = nodes.n > 0;
    for (uint32_t i = 0; i < nodes.n && all; i++) {
        uint64_t v;
        all = u64map_get(&p->sync.sem_init, nodes.v[i], &v) && v >= 2; /* value + 1 */
    }
    idset_free(&nodes);
    return all;
}

/* The atomic-section pseudo-lock (program.c) a begin takes (enter: the
 * first nesting level not held; UINT32_MAX when all are) or an end
 * releases (the deepest level held; level 1 when none is). The levels held
 * are always 1..k (a begin takes k+1 only holding k), at most the real
 * nesting depth: an end never leaves an outer section held that is not. */
static uint32_t atomic_level(const Program *p, const IdSet *held, bool enter) {
    const uint32_t *lv = p->lock.atomic_levels;
    if (enter) {
        for (int k = 0; k < MODEL_ATOMIC_LEVELS; k++)
            if (!idset_has(held, lv[k])) return lv[k];
        return UINT32_MAX;
    }
    for (int k = MODEL_ATOMIC_LEVELS - 1; k > 0; k--)
        if (idset_has(held, lv[k])) return lv[k];
    return lv[0];
}

/* Per run of a function calling setjmp: the locks surely held at each of
 * its calls that may longjmp (the state a second return resumes with). */
typedef struct JmpCtx {
    bool any;      /* the function has a call that may longjmp */
    bool reached;  /* one was met */
    bool changed;  /* held shrank, or live grew (or one was first met) this round */
    IdSet held;
    /* the children that may be running at a call that may longjmp (before
     * it, and those a callee left running: a may-set), with their set-up
     * guards' pairs (FlowState.guarded, a must-set over the states noted) */
    FlowState at;
} JmpCtx;

static bool guarded_merge(FlowState *dst, const FlowState *src);

/* Note the children running in st where a longjmp may leave. */
static void jmp_note_live(JmpCtx *jc, const FlowState *st) {
    bool changed;
    if (!jc->at.reached) {
        idset_copy(&jc->at.live, &st->live);
        idset_copy(&jc->at.guarded, &st->guarded);
        jc->at.reached = changed = true;
    } else {
        changed = guarded_merge(&jc->at, st); /* before live is merged */
        changed |= idset_union(&jc->at.live, &st->live);
    }
    if (changed) jc->changed = true;
}

static bool call_may_longjmp(const Program *p, const CallInfo *ci) {
    if (ci->kind == CALL_API) return ci->api->kind == API_LONGJMP;
    for (uint32_t k = 0; k < ci->targets.n; k++)
        if (p->link.funcs.data[ci->targets.v[k]].may_longjmp) return true;
    return false;
}

/* The locks held where a longjmp leaves, for a call that may longjmp:
 * those held at the call, plus those every callee that may longjmp
 * surely holds at its longjmps (its summary, translated). */
static void jmp_note(Program *p, JmpCtx *jc, uint32_t func, const IrEvent *ev, const CallInfo *ci,
                     const FlowState *st) {
    IdSet held = {0}, acq = {0};
    idset_copy(&held, &st->held);
    bool first = true;
    for (uint32_t k = 0; ci->kind != CALL_API && k < ci->targets.n; k++) {
        uint32_t g = ci->targets.v[k];
        if (!p->link.funcs.data[g].may_longjmp || g >= p->lock.summaries.len) continue;
        IdSet mine = {0};
        for (uint32_t i = 0; i < p->lock.summaries.data[g].jmp_locks.n; i++) {
            uint32_t l = lock_to_caller(p, p->lock.summaries.data[g].jmp_locks.v[i], func, ev->call);
            if (l != UINT32_MAX) idset_add(&mine, l);
        }
        if (first) idset_copy(&acq, &mine);
        else idset_intersect(&acq, &mine);
        first = false;
        idset_free(&mine);
    }
    idset_union(&held, &acq);
    jmp_note_live(jc, st);
    if (!jc->reached) {
        idset_copy(&jc->held, &held);
        jc->reached = jc->changed = true;
    } else if (idset_intersect(&jc->held, &held)) {
        jc->changed = true;
    }
    idset_free(&held);
    idset_free(&acq);
}

void flow_mark_jumps(Program *p) {
    size_t nf = p->link.funcs.len;
    for (size_t f = 0; f < nf; f++) {
        Func *fn = &p->link.funcs.data[f];
        const IrFunc *ir = fn->ir;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const CallInfo *ci = program_call(p, &ir->blocks[b].events[e]);
                if (!ci || ci->kind != CALL_API) continue;
                fn->has_setjmp |= ci->api->kind == API_SETJMP;
                fn->may_longjmp |= ci->api->kind == API_LONGJMP;
            }
    }
    /* through callers, to a fixpoint */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t f = 0; f < nf; f++) {
            Func *fn = &p->link.funcs.data[f];
            if (fn->may_longjmp || !fn->reachable) continue;
            const IrFunc *ir = fn->ir;
            for (uint32_t b = 0; b < ir->nblocks && !fn->may_longjmp; b++)
                for (uint32_t e = 0; e < ir->blocks[b].nevents && !fn->may_longjmp; e++) {
                    const CallInfo *ci = program_call(p, &ir->blocks[b].events[e]);
                    if (ci && ci->kind != CALL_API && !ci->fallback && call_may_longjmp(p, ci))
                        fn->may_longjmp = changed = true;
                }
        }
    }
}

/* Do all of a program call's targets never return (Func.noreturn)? */
static bool targets_never_return(const Program *p, const CallInfo *ci) {
    if (!ci || ci->kind == CALL_API || !ci->targets.n) return false;
    for (uint32_t k = 0; k < ci->targets.n; k++)
        if (!p->link.funcs.data[ci->targets.v[k]].noreturn) return false;
    return true;
}

/* Local `local` is assigned: the locks its old value named (`prev->lock`
 * after `prev = cur`) are no longer the ones the function unlocked under
 * that name (FlowState.unlocked). */
static void unlocked_rebound(Program *p, uint32_t func, uint32_t local, FlowState *st) {
    for (uint32_t i = st->unlocked.n; i-- > 0;) {
        const LockRef *l = &p->lock.refs.data[st->unlocked.v[i]];
        if (l->func == (int32_t)func && l->path.root == IR_ROOT_LOCAL && l->path.id == local)
            idset_remove(&st->unlocked, st->unlocked.v[i]);
    }
}

/* Local `local` is assigned while a lock named through its old value is
 * held under another local's name too (`prev = cur; cur = cur->next;` in a
 * hand-over-hand walk: `prev->mu` names what `cur->mu` named): the old
 * name is dropped, so that `cur->mu` means the new node's lock only. */
static void held_rebound(Program *p, uint32_t func, uint32_t local, FlowState *st) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < st->held.n; i++) {
        const LockRef *l = &p->lock.refs.data[st->held.v[i]];
        bool drop = false;
        if (l->func == (int32_t)func && l->path.root == IR_ROOT_LOCAL && l->path.id == local && l->path.nsteps &&
            l->path.steps[0].kind == IR_STEP_DEREF)
            for (uint32_t j = 0; j < st->held.n && !drop; j++) {
                const LockRef *o = &p->lock.refs.data[st->held.v[j]];
                if (j == i || o->func != l->func || o->mode != l->mode || o->path.root != IR_ROOT_LOCAL ||
                    o->path.id == local)
                    continue;
                IrPath a = l->path, b = o->path;
                a.id = b.id = 0;
                drop = ir_path_equal(&a, &b);
            }
        if (!drop) st->held.v[k++] = st->held.v[i];
    }
    st->held.n = k;
}

/* `n = next` with `next->lock` held: `n->lock` names the same lock now, and
 * is held too (hand over hand down a list: the walk's last unlock names
 * the node by the variable the loop moved on). The lock named through n's
 * old value stays held under its old name (PRECISION: the name is not
 * dropped). */
static void alias_held(Program *p, uint32_t func, const IrEvent *ev, FlowState *st) {
    const IrOperand *s = ev->src;
    if (s->kind != IR_OPD_VALUE || s->offset || s->path.nsteps || s->path.root != IR_ROOT_LOCAL ||
        s->path.id == ev->path.id)
        return;
    IdSet add = {0}, add_taken = {0};
    for (uint32_t i = 0; i < st->held.n; i++) {
        const LockRef *l = &p->lock.refs.data[st->held.v[i]];
        if (l->func != (int32_t)func || l->path.root != IR_ROOT_LOCAL || l->path.id != s->path.id || !l->path.nsteps ||
            l->path.steps[0].kind != IR_STEP_DEREF)
            continue;
        IrPath np = l->path;
        np.id = ev->path.id;
        np.name = NULL;
        bool taken = idset_has(&st->taken, st->held.v[i]);
        uint32_t a = lock_intern_as(p, (int32_t)func, &np, l);
        if (a == UINT32_MAX) continue;
        idset_add(&add, a);
        if (taken) idset_add(&add_taken, a);
    }
    idset_union(&st->held, &add);
    idset_union(&st->taken, &add_taken);
    idset_free(&add);
    idset_free(&add_taken);
}

/* A local written while a lock named by an element it indexes is held
 * (`lock(&m[k]); k++;`): the lock is no longer the element the local
 * names, but some element of the array (an element chosen by an
 * expression, heldlocks.c). */
static void held_index_written(Program *p, uint32_t func, uint32_t local, FlowState *st) {
    for (uint32_t i = 0; i < st->held.n; i++) {
        const LockRef *l = &p->lock.refs.data[st->held.v[i]];
        if (l->func != (int32_t)func) continue;
        bool hit = false;
        for (uint32_t k = 0; k < l->path.nsteps && !hit; k++)
            hit = l->path.steps[k].kind == IR_STEP_INDEX && l->path.steps[k].index_kind == IR_INDEX_LOCAL &&
                  l->path.steps[k].local == local;
        if (!hit) continue;
        IrPath np = l->path;
        np.steps = arena_memdup(p->arena, l->path.steps, l->path.nsteps * sizeof(IrStep));
        for (uint32_t k = 0; k < np.nsteps; k++)
            if (np.steps[k].kind == IR_STEP_INDEX && np.steps[k].index_kind == IR_INDEX_LOCAL && np.steps[k].local == local) {
                np.steps[k].index_kind = IR_INDEX_UNKNOWN;
                np.steps[k].value = 0;
            }
        LockRef like = *l;
        uint32_t n = lock_intern_as(p, (int32_t)func, &np, &like);
        if (n == UINT32_MAX) continue;
        idset_remove(&st->held, st->held.v[i]);
        idset_add(&st->held, n);
        i = UINT32_MAX; /* the set was reordered: from the start */
    }
}

/* Apply one event to the state; true when it is a call that never returns
 * (the rest of the block is not reached). */
static bool transfer(Program *p, uint32_t func, uint32_t block, const IrEvent *ev, FlowState *st,
                     const FlowHooks *h, JmpCtx *jc,
                     bool final) {
    if (st->modes.n) modes_event(p, func, ev, &st->modes);
    if ((ev->kind == IR_EV_ASSIGN || ev->kind == IR_EV_WRITE) && ev->path.nsteps == 0 &&
        ev->path.root == IR_ROOT_LOCAL) {
        conds_kill_local(st, ev->path.id);
        if (st->held.n) held_index_written(p, func, ev->path.id, st);
        /* a constant stored in a local whose address is never taken: its truth is known */
        const IrFunc *fn = p->link.funcs.data[func].ir;
        if (ev->kind == IR_EV_ASSIGN && ev->src && ev->src->kind == IR_OPD_CONST && ev->path.id < fn->nlocals &&
            !(fn->locals[ev->path.id].flags & IR_LOCAL_ADDR_TAKEN))
            idset_add(&st->known, ev->path.id * 2 + (ev->src->value != 0));
    }
    if (ev->kind == IR_EV_ASSIGN && p->sync.spin_stores.len &&
        u64map_get(&p->sync.spin_stores, (uint64_t)(uintptr_t)ev, NULL)) {
        /* `*lock = 0` releasing a spinlock word (spinlocks.c) */
        uint64_t key = ((uint64_t)(uintptr_t)&ev->path << 2 | LMODE_EXCL) & ~(1ULL << 63), v;
        uint32_t l;
        if (u64map_get(&p->lock.by_call, key, &v)) {
            l = (uint32_t)v;
        } else {
            l = lock_intern(p, (int32_t)func, &ev->path, LMODE_EXCL);
            u64map_put(&p->lock.by_call, key, l);
        }
        if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_RELEASE, func, ev, l, st, final);
    }
    const FlagLockEvent *fl;
    if ((ev->kind == IR_EV_ASSIGN || ev->kind == IR_EV_WRITE) && flaglocks_event(p, ev, &fl)) {
        /* a flag word set or cleared, a readers' count stepped (flaglocks.c) */
        uint32_t l = lock_intern_flag(p, (int32_t)func, &fl->word, fl->mode);
        if (l != UINT32_MAX) lock_event(p, h, fl->acquire ? LOCK_EV_ACQUIRE : LOCK_EV_RELEASE, func, ev, l, st, final);
    }
    if (p->tm.guard_nodes.n && (ev->kind == IR_EV_ASSIGN || (ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW))) &&
        ev->path.root == IR_ROOT_GLOBAL)
        flow_guard_store(p, func, ev, st);
    if (ev->kind == IR_EV_ASSIGN) {
        if (st->unlocked.n && ev->path.nsteps == 0 && ev->path.root == IR_ROOT_LOCAL)
            unlocked_rebound(p, func, ev->path.id, st);
        if (st->held.n > 1 && ev->path.nsteps == 0 && ev->path.root == IR_ROOT_LOCAL)
            held_rebound(p, func, ev->path.id, st);
        if (st->held.n && ev->path.nsteps == 0 && ev->path.root == IR_ROOT_LOCAL) alias_held(p, func, ev, st);
        if (ev->path.nsteps == 0 && (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP)) {
            fact_kill(st, ev->path.root, ev->path.id);
            long flag_value;
            /* the load of a locked flag, holding a lock: a wait that succeeds
             * where the value is the flag's (sync.c) */
            if (st->held.n && sync_flag_load(p, ev, st, &flag_value))
                fact_add(st, (TryFact){ev->path.root, ev->path.id, UINT32_MAX, flag_value, ev, false, false});
            const IrOperand *s = ev->src;
            if (s->kind == IR_OPD_VALUE && s->path.nsteps == 0)
                for (uint32_t i = 0; i < st->nfacts; i++)
                    if (st->facts[i].root == s->path.root && st->facts[i].id == s->path.id) {
                        TryFact f = st->facts[i];
                        f.root = ev->path.root;
                        f.id = ev->path.id;
                        fact_add(st, f);
                        break;
                    }
            fact_compared(p, ev, st);
        }
        return false;
    }
    if (ev->kind == IR_EV_WRITE) {
        if (h->write) h->write(h->ctx, func, ev, st);
        if (p->sync.turn_stores.len && u64map_get(&p->sync.turn_stores, (uint64_t)(uintptr_t)ev, NULL)) {
            /* a store of a turn word ends the thread's turns on it, once made (turns.c) */
            uint32_t l = lock_intern(p, (int32_t)func, &ev->path, LMODE_TURN);
            if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_RELEASE, func, ev, l, st, final);
        }
        if (ev->path.nsteps == 0 && (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP) &&
            !(ev->flags & IR_EV_INIT))
            fact_kill(st, ev->path.root, ev->path.id);
        return false;
    }
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci) return false;
    const IrCall *call = ev->call;
    if (call->result >= 0) fact_kill(st, IR_ROOT_TEMP, (uint32_t)call->result);
    if (jc && !final && (ci->kind != CALL_API || ci->api->kind == API_LONGJMP) && !ci->fallback &&
        call_may_longjmp(p, ci))
        jmp_note(p, jc, func, ev, ci, st);
    if (ci->kind == CALL_API) {
        const ApiModel *m = ci->api;
        long last;
        /* a reference count's release: the last one where the result says 0 was reached */
        if (m->kind == API_ATOMIC && call->result >= 0 && sync_release_last(p, ev, &last))
            fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)call->result, UINT32_MAX, last, ev, false, false});
        switch (m->kind) {
        case API_LOCK: {
            uint32_t l = api_lock_of(p, func, call, m->lock, m, m->mode == LOCK_SHARED ? LMODE_SHARED : LMODE_EXCL);
            if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_ACQUIRE, func, ev, l, st, final);
            /* a checked result: `if (pthread_mutex_lock(&m) != 0) return;`
             * does not hold m on the failure edge */
            if (l != UINT32_MAX && call->result >= 0)
                fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)call->result, l, m->has_success ? m->success : 0,
                                       ev, true, false});
            break;
        }
        case API_TRYLOCK: {
            uint32_t l = api_lock_of(p, func, call, m->lock, m, m->mode == LOCK_SHARED ? LMODE_SHARED : LMODE_EXCL);
            if (l != UINT32_MAX && call->result >= 0)
                fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)call->result, l, m->success, ev, false, false});
            break;
        }
        case API_UNLOCK: {
            uint32_t l = api_lock_of(p, func, call, m->lock, m, LMODE_EXCL);
            if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_RELEASE, func, ev, l, st, final);
            break;
        }
        case API_SEM_WAIT: case API_SEM_POST: {
            /* a member of a semaphore ring: its token (tokens.c), and still
             * what the semaphore is on its own (a lock, or a hand-off),
             * should the ring not hold */
            uint32_t tl = tokens_lock_of(p, func, call, m->sem);
            if (tl != UINT32_MAX) {
                if (m->kind == API_SEM_POST) lock_event(p, h, LOCK_EV_RELEASE, func, ev, tl, st, final);
                else if (!m->has_success) lock_event(p, h, LOCK_EV_ACQUIRE, func, ev, tl, st, final);
                else if (call->result >= 0)
                    fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)call->result, tl, m->success, ev, false, false});
            }
            if (sem_is_mutex(p, func, call, m->sem)) {
                uint32_t l = api_lock(p, func, call, m->sem, LMODE_EXCL);
                if (l == UINT32_MAX) break;
                if (m->kind == API_SEM_POST) {
                    lock_event(p, h, LOCK_EV_RELEASE, func, ev, l, st, final);
                } else if (!m->has_success) {
                    lock_event(p, h, LOCK_EV_ACQUIRE, func, ev, l, st, final);
                } else if (call->result >= 0) {
                    fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)call->result, l, m->success, ev, false, false});
                }
                break;
            }
            if (h->thread_api) h->thread_api(h->ctx, func, block, ev, ci, st);
            break;
        }
        case API_SETJMP:
            if (call->result >= 0)
                fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)call->result, UINT32_MAX, 0, ev, false, true});
            break;
        case API_ATOMIC_BEGIN:
            if (p->lock.atomic_section) {
                uint32_t l = atomic_level(p, &st->held, true);
                if (l != UINT32_MAX) {
                    lock_event(p, h, LOCK_EV_ACQUIRE, func, ev, l, st, final);
                } else if (!p->flow.warned_atomic_depth) {
                    /* the matching ends release levels early: outer sections end too soon
                     * (more reports, never fewer) */
                    p->flow.warned_atomic_depth = true;
                    diag_report(p->diags, DIAG_WARNING, ev->loc.file, ev->loc.line, ev->loc.col,
                                "atomic sections nested deeper than %d levels; the sections around this one are "
                                "taken to end early", MODEL_ATOMIC_LEVELS);
                }
            }
            break;
        case API_ATOMIC_END:
            if (p->lock.atomic_section)
                lock_event(p, h, LOCK_EV_RELEASE, func, ev, atomic_level(p, &st->held, false), st, final);
            break;
        case API_COND_WAIT: {
            uint32_t l = api_lock(p, func, call, m->mutex, LMODE_EXCL);
            if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_WAIT, func, ev, l, st, final);
            if (h->thread_api) h->thread_api(h->ctx, func, block, ev, ci, st);
            break;
        }
        case API_SPAWN: case API_JOIN: case API_DETACH: case API_EXIT: case API_ONCE:
        case API_COND_SIGNAL: case API_BARRIER_WAIT: case API_ATOMIC:
            if (h->thread_api) h->thread_api(h->ctx, func, block, ev, ci, st);
            if (m->kind == API_ATOMIC && p->sync.turn_stores.len &&
                u64map_get(&p->sync.turn_stores, (uint64_t)(uintptr_t)ev, NULL)) {
                /* an atomic store of a turn word ends the thread's turns on it (turns.c) */
                uint32_t l = api_lock(p, func, call, m->object, LMODE_TURN);
                if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_RELEASE, func, ev, l, st, final);
            }
            break;
        default: break;
        }
        return false;
    }
    if (ci->targets.n && h->call) h->call(h->ctx, func, ev, ci, st);
    /* children a callee that may longjmp leaves running may be running
     * where its longjmp lands (pigz's output threads in its `catch`) */
    if (jc && !final && !ci->fallback && call_may_longjmp(p, ci)) jmp_note_live(jc, st);
    return targets_never_return(p, ci);
}

/* `d = (v == s)` or `d = (v != s)` with v holding a trylock's (or a
 * wait's) result and s its success value (`int got = trylock(&m) == 0;`):
 * d holds the success too - non-zero exactly on success (==), or zero
 * exactly on success (!=). Other comparisons tell nothing (a value other
 * than the success one may be any failure). */
static void fact_compared(Program *p, const IrEvent *ev, FlowState *st) {
    const IrOperand *s = ev->src;
    if (ir_operand_narith(s) != 3 || (s->arith[2].kind != IR_ARITH_EQ && s->arith[2].kind != IR_ARITH_NE)) return;
    const IrArith *v = &s->arith[0], *c = &s->arith[1];
    if (v->kind == IR_ARITH_CONST) {
        const IrArith *x = v;
        v = c;
        c = x;
    }
    if (c->kind != IR_ARITH_CONST || (v->kind != IR_ARITH_TEMP && v->kind != IR_ARITH_LOCAL)) return;
    uint8_t root = v->kind == IR_ARITH_TEMP ? IR_ROOT_TEMP : IR_ROOT_LOCAL;
    long last;
    for (uint32_t i = 0; i < st->nfacts; i++) {
        TryFact f = st->facts[i];
        if (f.root != root || f.id != v->local || f.setjmp || f.success != c->value) continue;
        if (f.lock == UINT32_MAX && sync_release_last(p, f.call, &last)) continue; /* an exact count, not a success */
        f.root = ev->path.root;
        f.id = ev->path.id;
        f.success = s->arith[2].kind == IR_ARITH_EQ ? 1 : 0;
        fact_add(st, f);
        break;
    }
}

/* Does the branch edge (taken: cond holds or not) imply value == success?
 * A trylock whose success is a true value (g_mutex_trylock, omp_test_lock:
 * they return 0 or success) tested for truth (`if (trylock(&m))` is
 * `value != 0`, `if (!trylock(&m))` is `value == 0`) acquires on the edge
 * where the value is not 0. */
static bool edge_acquires(const IrTerm *t, bool taken, long success) {
    if (t->cmp == IR_CMP_EQ && t->rhs == success) return taken;
    if (t->cmp == IR_CMP_NE && t->rhs == success) return !taken;
    if (success != 0 && t->rhs == 0 && t->cmp == IR_CMP_NE) return taken;
    if (success != 0 && t->rhs == 0 && t->cmp == IR_CMP_EQ) return !taken;
    return false;
}

/* Does the branch edge imply value != success? */
static bool edge_fails(const IrTerm *t, bool taken, long success) {
    if (t->cmp == IR_CMP_EQ && t->rhs == success) return !taken;
    if (t->cmp == IR_CMP_NE && t->rhs == success) return taken;
    return false;
}

/* A branch on the truth of a bare local whose address is never taken: the
 * edge knows its value, and the locks held where it has that value are held. */
static void refine_local(Program *p, uint32_t func, const IrTerm *t, bool taken, FlowState *st) {
    if (t->cond.path.root != IR_ROOT_LOCAL || t->rhs != 0 || (t->cmp != IR_CMP_NE && t->cmp != IR_CMP_EQ)) return;
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t v = t->cond.path.id;
    if (v >= f->nlocals || (f->locals[v].flags & IR_LOCAL_ADDR_TAKEN)) return;
    bool truth = (t->cmp == IR_CMP_NE) == taken;
    if (idset_has(&st->known, v * 2 + !truth)) { /* the local surely has the other truth: no path takes this edge */
        st->reached = false;
        return;
    }
    idset_remove(&st->known, v * 2 + !truth);
    idset_add(&st->known, v * 2 + truth);
    uint32_t k = 0;
    for (uint32_t i = 0; i < st->nconds; i++) {
        CondLock c = st->conds[i];
        if (c.local != v) st->conds[k++] = c;
        else if (c.truth == truth) idset_add(&st->held, c.lock);
    }
    st->nconds = k;
}

/* The edge of a branch where two pointer locals are equal (`if (first !=
 * second) lock(&second->m)`, not taken): a lock held through one is held
 * through the other too, as after a copy (alias_held). */
static void refine_equal_pointers(Program *p, uint32_t func, const IrTerm *t, bool taken, FlowState *st) {
    if (!st->held.n || t->kind != IR_TERM_BRANCH || t->cond.kind != IR_OPD_UNKNOWN || t->rhs != 0 ||
        (t->cmp != IR_CMP_NE && t->cmp != IR_CMP_EQ) || ir_operand_narith(&t->cond) || t->sym_off ||
        (t->sym_cmp != IR_CMP_EQ && t->sym_cmp != IR_CMP_NE))
        return;
    const IrOperand *x = &t->sym_lhs, *y = &t->sym_rhs;
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (x->kind != IR_OPD_VALUE || y->kind != IR_OPD_VALUE || x->offset || y->offset || x->path.nsteps ||
        y->path.nsteps || x->path.root != IR_ROOT_LOCAL || y->path.root != IR_ROOT_LOCAL || x->path.id == y->path.id ||
        x->path.id >= f->nlocals || y->path.id >= f->nlocals || !(f->locals[x->path.id].flags & IR_LOCAL_POINTER) ||
        !(f->locals[y->path.id].flags & IR_LOCAL_POINTER))
        return;
    bool holds = (t->cmp == IR_CMP_NE) == taken; /* the comparison is true on this edge */
    if (holds != (t->sym_cmp == IR_CMP_EQ)) return;
    for (int dir = 0; dir < 2; dir++) {
        IrOperand from = *(dir ? y : x);
        IrEvent copy;
        memset(&copy, 0, sizeof copy);
        copy.kind = IR_EV_ASSIGN;
        copy.path = (dir ? x : y)->path;
        copy.src = &from;
        alias_held(p, func, &copy, st);
    }
}

/* The value of a branch's condition when it is a constant, or a global
 * holding one value all run long (sync.const_globals). */
static bool cond_constant(Program *p, const IrTerm *t, int64_t *v) {
    if (t->kind != IR_TERM_BRANCH) return false;
    if (t->cond.kind == IR_OPD_CONST) {
        *v = t->cond.value;
        return true;
    }
    if (t->cond.kind != IR_OPD_VALUE || t->cond.offset || t->cond.path.nsteps || t->cond.path.root != IR_ROOT_GLOBAL ||
        !p->sync.const_globals.len)
        return false;
    Global *g = program_global(p, t->cond.path.usr);
    uint64_t x;
    if (!g || !u64map_get(&p->sync.const_globals, (uint64_t)(g - p->link.globals.data), &x)) return false;
    *v = (int64_t)x;
    return true;
}

/* The value of a branch's condition when it is a parameter every call
 * reaching the function passes one constant in (the per-thread pass's
 * FlowState.kparams; a `switch (op)` lowered to tests of op). */
static bool cond_param_constant(const Program *p, uint32_t func, const IrTerm *t, const FlowState *st, int64_t *v) {
    const IrOperand *c = &t->cond;
    if (!st->kparams || t->kind != IR_TERM_BRANCH || c->kind != IR_OPD_VALUE || c->offset || c->path.nsteps ||
        c->path.root != IR_ROOT_LOCAL || c->path.id >= FLOW_CONST_PARAMS || !(st->kparams >> c->path.id & 1) ||
        ir_operand_narith(c) || !model_param_unchanged(p, func, c->path.id))
        return false;
    *v = st->kvalue[c->path.id];
    return true;
}

static void refine_edge(Program *p, const FlowHooks *h, uint32_t func, const IrTerm *t, bool taken,
                        FlowState *st, const JmpCtx *jc) {
    int64_t v;
    if (cond_constant(p, t, &v) || cond_param_constant(p, func, t, st, &v)) {
        /* `while (1)`, `if (use_lock)` of a global never changed: the edge
         * the constant rules out is never taken */
        int64_t r = t->rhs;
        bool holds = t->cmp == IR_CMP_NE ? v != r : t->cmp == IR_CMP_EQ ? v == r : t->cmp == IR_CMP_LT ? v < r
                   : t->cmp == IR_CMP_LE ? v <= r : t->cmp == IR_CMP_GT ? v > r : v >= r;
        if (holds != taken) st->reached = false;
        return;
    }
    if (t->kind == IR_TERM_BRANCH && p->sync.turn_exits.len) {
        /* the exit of a wait for a turn (turns.c) */
        const IrEvent *read = NULL;
        uint32_t turn = turns_exit_lock(p, func, t, taken, st, &read);
        if (turn != UINT32_MAX) lock_event(p, h, LOCK_EV_TRY_SUCCESS, func, read, turn, st, false);
    }
    refine_equal_pointers(p, func, t, taken, st);
    if (t->kind != IR_TERM_BRANCH || t->cond.kind != IR_OPD_VALUE || t->cond.path.nsteps) return;
    for (uint32_t i = 0; i < st->nfacts; i++) {
        const TryFact f = st->facts[i];
        if (f.root != t->cond.path.root || f.id != t->cond.path.id) continue;
        if (f.setjmp) {
            /* setjmp's second return: the value is not 0 on this edge */
            if (!jc || !jc->any || t->rhs != 0 || (t->cmp != IR_CMP_NE && t->cmp != IR_CMP_EQ) ||
                (t->cmp == IR_CMP_NE) != taken)
                continue;
            if (!jc->reached) {
                st->reached = false; /* no longjmp met yet: a later round brings its state */
                return;
            }
            /* locks held at the setjmp but not at the longjmps were released by
             * the code in between (for the lock rules: not lost to a callee) */
            for (uint32_t k = 0; k < st->held.n; k++)
                if (!idset_has(&jc->held, st->held.v[k])) idset_add(&st->unlocked, st->held.v[k]);
            idset_copy(&st->held, &jc->held);
            /* children started since the setjmp may run where the longjmp
             * lands, with the guards' pairs that hold on both sides */
            if (jc->at.reached) {
                guarded_merge(st, &jc->at);
                idset_union(&st->live, &jc->at.live);
                idset_union(&st->ever, &jc->at.live);
            }
            flow_conds_clear(st); /* correlations of the setjmp's state say nothing here */
            continue;
        }
        if (f.lock == UINT32_MAX) { /* a hand-off semaphore's wait, or a reference count's release */
            long last;
            bool exact = sync_release_last(p, f.call, &last); /* the last release: exactly that value */
            bool eq = t->rhs == f.success && ((t->cmp == IR_CMP_EQ && taken) || (t->cmp == IR_CMP_NE && !taken));
            if (exact ? eq : edge_acquires(t, taken, f.success)) sync_wait_succeeded(p, func, f.call, st);
            continue;
        }
        if (!f.held && edge_acquires(t, taken, f.success))
            lock_event(p, h, LOCK_EV_TRY_SUCCESS, func, f.call, f.lock, st, false);
        if (f.held && edge_fails(t, taken, f.success)) {
            idset_remove(&st->held, f.lock);
            idset_remove(&st->taken, f.lock);
        }
    }
    refine_local(p, func, t, taken, st);
}

bool flow_call_never_returns(const Program *p, const IrEvent *ev) {
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    return targets_never_return(p, program_call(p, ev));
}

static bool reaches_return(const Program *p, const IrFunc *f, uint32_t *stack, uint8_t *seen) {
    memset(seen, 0, f->nblocks);
    uint32_t n = 0;
    stack[n++] = 0;
    seen[0] = 1;
    while (n) {
        const IrBlock *bb = &f->blocks[stack[--n]];
        bool stops = false;
        for (uint32_t e = 0; e < bb->nevents && !stops; e++) stops = flow_call_never_returns(p, &bb->events[e]);
        if (stops || bb->term.kind == IR_TERM_EXIT) continue;
        if (bb->term.kind == IR_TERM_RETURN) return true;
        for (uint32_t s = 0; s < bb->nsucc; s++)
            if (bb->succ[s] < f->nblocks && !seen[bb->succ[s]]) {
                seen[bb->succ[s]] = 1;
                stack[n++] = bb->succ[s];
            }
    }
    return false;
}

void flow_infer_noreturn(Program *p) {
    size_t nf = p->link.funcs.len, maxb = 1;
    for (size_t i = 0; i < nf; i++) {
        p->link.funcs.data[i].noreturn = false;
        const IrFunc *f = p->link.funcs.data[i].ir;
        if (f && f->nblocks > maxb) maxb = f->nblocks;
    }
    uint32_t *stack = xmalloc(maxb * sizeof(uint32_t));
    uint8_t *seen = xmalloc(maxb);
    /* flags only turn on: at most one round more than the longest chain of
     * functions that end in one another */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < nf; i++) {
            Func *fn = &p->link.funcs.data[i];
            if (fn->noreturn || !fn->reachable || !fn->ir || !fn->ir->nblocks) continue;
            if (!reaches_return(p, fn->ir, stack, seen)) fn->noreturn = changed = true;
        }
    }
    free(stack);
    free(seen);
}

void flow_run(Program *p, uint32_t func, const FlowState *entry, const FlowHooks *hooks,
              FlowState *exit_out) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t nb = f->nblocks;
    if (!nb) return;
    FlowState *in = xcalloc(nb, sizeof(FlowState));
    flow_state_copy(&in[0], entry);
    in[0].reached = true;
    /* a function whose body is an atomic section (atomic-function) holds
     * the atomic-section lock from its entry to each return; the events
     * have no call (ev NULL) and are not final: the lock rules see no site */
    uint32_t atomic = p->link.funcs.data[func].atomic_body && p->lock.atomic_section
                          ? atomic_level(p, &in[0].held, true)
                          : UINT32_MAX;
    if (atomic != UINT32_MAX) lock_event(p, hooks, LOCK_EV_ACQUIRE, func, NULL, atomic, &in[0], false);
    FlowState cur, edge;
    flow_state_init(&cur);
    flow_state_init(&edge);
    const uint32_t *order = ir_defuse_block_order(model_defuse(p, f));
    JmpCtx jmp, *jc = NULL;
    memset(&jmp, 0, sizeof jmp);
    if (p->link.funcs.data[func].has_setjmp || (hooks->jumps && p->link.funcs.data[func].may_longjmp)) {
        jc = &jmp;
        for (uint32_t b = 0; b < nb && !jmp.any; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents && !jmp.any; e++) {
                const CallInfo *ci = program_call(p, &f->blocks[b].events[e]);
                jmp.any = ci && !ci->fallback && call_may_longjmp(p, ci);
            }
    }
    /* Sweeps in the blocks' order over the blocks whose entry state changed
     * since they last ran (`dirty`): a block run again with the same state
     * would merge nothing new, so a loop-free function settles in one sweep
     * (the final visit below is the second). */
    bool *dirty = xcalloc(nb, sizeof(bool));
    dirty[0] = true;
    bool changed = true;
    int round = 0;
    for (; changed && round < MODEL_MAX_FLOW_ROUNDS; round++) {
        changed = false;
        jmp.changed = false;
        for (uint32_t k = 0; k < nb; k++) {
            uint32_t b = order[k];
            if (!in[b].reached || !dirty[b]) continue;
            dirty[b] = false;
            const IrBlock *bb = &f->blocks[b];
            flow_state_copy(&cur, &in[b]);
            if (hooks->enter_block) hooks->enter_block(hooks->ctx, func, b, &cur);
            bool stops = false;
            for (uint32_t e = 0; e < bb->nevents && !stops; e++) {
                stops = transfer(p, func, b, &bb->events[e], &cur, hooks, jc, false);
            }
            if (stops || bb->term.kind == IR_TERM_EXIT) continue;
            for (uint32_t s = 0; s < bb->nsucc; s++) {
                uint32_t succ = bb->succ[s];
                if (succ >= nb) continue;
                if (hooks->edge && bb->term.kind == IR_TERM_BRANCH && bb->nsucc == 2 &&
                    !hooks->edge(hooks->ctx, func, &bb->term, s == 0))
                    continue;
                if (bb->term.kind != IR_TERM_BRANCH || bb->nsucc != 2) {
                    /* no refinement: the block's state goes on as it is */
                    if (flow_state_merge(p, &in[succ], &cur)) dirty[succ] = true;
                    continue;
                }
                flow_state_copy(&edge, &cur);
                refine_edge(p, hooks, func, &bb->term, s == 0, &edge, jc);
                if (hooks->edge_state && !hooks->edge_state(hooks->ctx, func, b, s == 0, &edge)) continue;
                if (flow_state_merge(p, &in[succ], &edge)) dirty[succ] = true;
            }
        }
        /* what a longjmp may carry back changed: every setjmp return sees it */
        for (uint32_t b = 0; b < nb; b++) {
            if (jmp.changed && in[b].reached) dirty[b] = true;
            changed |= dirty[b];
        }
    }
    free(dirty);
    if (changed && !p->flow.warned_rounds) {
        p->flow.warned_rounds = true;
        diag_report(p->diags, DIAG_WARNING, f->loc.file, f->loc.line, f->loc.col,
                    "the lock and thread dataflow of %s did not settle in %d rounds; the states used are "
                    "those of the last round", f->name, MODEL_MAX_FLOW_ROUNDS);
    }
    if (exit_out || hooks->visit) {
        if (exit_out) flow_state_init(exit_out);
        for (uint32_t b = 0; b < nb; b++) {
            if (!in[b].reached) continue;
            const IrBlock *bb = &f->blocks[b];
            if (hooks->exit_only && !hooks->visit && bb->term.kind != IR_TERM_RETURN) continue;
            flow_state_copy(&cur, &in[b]);
            if (hooks->enter_block) hooks->enter_block(hooks->ctx, func, b, &cur);
            bool stops = false;
            for (uint32_t e = 0; e < bb->nevents && !stops; e++) {
                if (hooks->visit) hooks->visit(hooks->ctx, func, &bb->events[e], &cur);
                stops = transfer(p, func, b, &bb->events[e], &cur, hooks, jc, true);
            }
            if (stops) continue;
            if (atomic != UINT32_MAX && bb->term.kind == IR_TERM_RETURN)
                lock_event(p, hooks, LOCK_EV_RELEASE, func, NULL, atomic, &cur, false);
            if (exit_out && bb->term.kind == IR_TERM_RETURN) flow_state_merge(p, exit_out, &cur);
            if (bb->term.kind == IR_TERM_RETURN) {
                LockEvent re = {LOCK_EV_RETURN, func, NULL, UINT32_MAX, true, &bb->term};
                for (uint32_t i = 0; i < hooks->nlisteners; i++)
                    hooks->listeners[i].on_event(hooks->listeners[i].ctx, p, &re, &cur);
            }
        }
    }
    if (hooks->jumps) {
        hooks->jumps->reached = jmp.reached;
        idset_copy(&hooks->jumps->held, &jmp.held);
    }
    idset_free(&jmp.held);
    flow_state_free(&jmp.at);
    for (uint32_t b = 0; b < nb; b++) flow_state_free(&in[b]);
    free(in);
    flow_state_free(&cur);
    flow_state_free(&edge);
}
