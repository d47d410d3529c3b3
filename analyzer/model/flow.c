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
    idset_free(&s->unlocked);
    idset_free(&s->prehold);
    free(s->facts);
    memset(s, 0, sizeof(*s));
}

void flow_state_copy(FlowState *dst, const FlowState *src) {
    dst->reached = src->reached;
    idset_copy(&dst->held, &src->held);
    idset_copy(&dst->live, &src->live);
    idset_copy(&dst->ever, &src->ever);
    idset_copy(&dst->waited, &src->waited);
    idset_copy(&dst->cwaited, &src->cwaited);
    idset_copy(&dst->posted, &src->posted);
    idset_copy(&dst->phases, &src->phases);
    idset_copy(&dst->taken, &src->taken);
    idset_copy(&dst->unlocked, &src->unlocked);
    idset_copy(&dst->prehold, &src->prehold);
    free(dst->facts);
    dst->facts = src->nfacts ? xmalloc(src->nfacts * sizeof(TryFact)) : NULL;
    if (src->nfacts) memcpy(dst->facts, src->facts, src->nfacts * sizeof(TryFact));
    dst->nfacts = src->nfacts;
}

static bool fact_in(const FlowState *s, const TryFact *f) {
    for (uint32_t i = 0; i < s->nfacts; i++)
        if (s->facts[i].root == f->root && s->facts[i].id == f->id && s->facts[i].lock == f->lock &&
            s->facts[i].success == f->success)
            return true;
    return false;
}

/* A barrier absent from a phase set has been passed 0 times. */
static void phases_add_zeros(IdSet *dst, const IdSet *other) {
    for (uint32_t i = 0; i < other->n; i++) {
        uint32_t b = other->v[i] / PHASE_CAP;
        bool have = false;
        for (uint32_t k = 0; k < dst->n && !have; k++) have = dst->v[k] / PHASE_CAP == b;
        if (!have) idset_add(dst, b * PHASE_CAP);
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
        uint32_t b = phases->v[i] / PHASE_CAP, k = phases->v[i] % PHASE_CAP;
        if (b != barrier) {
            idset_add(&out, phases->v[i]);
            continue;
        }
        have = true;
        idset_add(&out, b * PHASE_CAP + (k + 1 < PHASE_CAP ? k + 1 : k));
    }
    if (!have) idset_add(&out, barrier * PHASE_CAP + 1);
    idset_free(phases);
    *phases = out;
}

bool flow_state_merge(FlowState *dst, const FlowState *src) {
    if (!src->reached) return false;
    if (!dst->reached) {
        flow_state_copy(dst, src);
        return true;
    }
    bool changed = idset_intersect(&dst->held, &src->held);
    changed |= idset_union(&dst->live, &src->live);
    changed |= idset_union(&dst->ever, &src->ever);
    changed |= idset_intersect(&dst->waited, &src->waited);
    changed |= idset_union(&dst->cwaited, &src->cwaited);
    changed |= idset_union(&dst->posted, &src->posted);
    changed |= flow_phases_merge(&dst->phases, &src->phases);
    changed |= idset_intersect(&dst->taken, &src->taken);
    changed |= idset_union(&dst->unlocked, &src->unlocked);
    changed |= idset_union(&dst->prehold, &src->prehold);
    uint32_t k = 0;
    for (uint32_t i = 0; i < dst->nfacts; i++)
        if (fact_in(src, &dst->facts[i])) dst->facts[k++] = dst->facts[i];
    changed |= k != dst->nfacts;
    dst->nfacts = k;
    return changed;
}

static void fact_kill(FlowState *s, uint8_t root, uint32_t id) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < s->nfacts; i++)
        if (!(s->facts[i].root == root && s->facts[i].id == id)) s->facts[k++] = s->facts[i];
    s->nfacts = k;
}

static void fact_add(FlowState *s, TryFact f) {
    fact_kill(s, f.root, f.id);
    s->facts = xrealloc(s->facts, (s->nfacts + 1) * sizeof(TryFact));
    s->facts[s->nfacts++] = f;
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
    const LockRef *l = &p->lock.refs.data[lock];
    bool by_path = false;
    for (uint32_t i = 0; i < st->held.n && !by_path; i++) {
        const LockRef *hl = &p->lock.refs.data[st->held.v[i]];
        by_path = hl->func == l->func && ir_path_equal(&hl->path, &l->path);
    }
    const IdSet *ln = by_path ? NULL : lock_nodes(p, lock);
    uint32_t k = 0;
    for (uint32_t i = 0; i < st->held.n; i++) {
        uint32_t h = st->held.v[i];
        const LockRef *hl = &p->lock.refs.data[h];
        bool same;
        if (by_path) same = hl->func == l->func && ir_path_equal(&hl->path, &l->path);
        else same = hl->mode != LMODE_ONCE_DONE && hl->mode != LMODE_ONCE_INIT && idset_intersects(lock_nodes(p, h), ln);
        if (!same) st->held.v[k++] = h;
        l = &p->lock.refs.data[lock];
    }
    st->held.n = k;
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

/* The lock an API call's argument names, in func's frame. The dataflow
 * meets each call once per round per thread: the answer is remembered per
 * (call, argument, mode) (Program.lock.by_call), since naming the path and
 * looking it up is the pass's hot spot. */
static uint32_t api_lock(Program *p, uint32_t func, const IrCall *call, int arg, uint8_t mode) {
    if (arg < 0 || (uint32_t)arg >= call->nargs) return UINT32_MAX;
    uint64_t key = ((uint64_t)(uintptr_t)&call->args[arg] << 2 | mode) & ~(1ULL << 63), v;
    if (u64map_get(&p->lock.by_call, key, &v)) return (uint32_t)v;
    IrPath path;
    uint32_t l = flow_lock_path(p->arena, &call->args[arg], &path) ? lock_intern(p, (int32_t)func, &path, mode)
                                                                    : UINT32_MAX;
    u64map_put(&p->lock.by_call, key, l);
    return l;
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

/* Apply one event to the state. */
static void transfer(Program *p, uint32_t func, uint32_t block, const IrEvent *ev, FlowState *st,
                     const FlowHooks *h,
                     bool final) {
    if (ev->kind == IR_EV_ASSIGN) {
        if (ev->path.nsteps == 0 && (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP)) {
            fact_kill(st, ev->path.root, ev->path.id);
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
        }
        return;
    }
    if (ev->kind == IR_EV_WRITE) {
        if (h->write) h->write(h->ctx, func, ev, st);
        if (ev->path.nsteps == 0 && (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP) &&
            !(ev->flags & IR_EV_INIT))
            fact_kill(st, ev->path.root, ev->path.id);
        return;
    }
    if (ev->kind != IR_EV_CALL || !ev->call) return;
    const CallInfo *ci = program_call(p, ev);
    if (!ci) return;
    const IrCall *call = ev->call;
    if (call->result >= 0) fact_kill(st, IR_ROOT_TEMP, (uint32_t)call->result);
    if (ci->kind == CALL_API) {
        const ApiModel *m = ci->api;
        switch (m->kind) {
        case API_LOCK: {
            uint32_t l = api_lock(p, func, call, m->lock, m->mode == LOCK_SHARED ? LMODE_SHARED : LMODE_EXCL);
            if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_ACQUIRE, func, ev, l, st, final);
            break;
        }
        case API_TRYLOCK: {
            uint32_t l = api_lock(p, func, call, m->lock, m->mode == LOCK_SHARED ? LMODE_SHARED : LMODE_EXCL);
            if (l != UINT32_MAX && call->result >= 0)
                fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)call->result, l, m->success, ev});
            break;
        }
        case API_UNLOCK: {
            uint32_t l = api_lock(p, func, call, m->lock, LMODE_EXCL);
            if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_RELEASE, func, ev, l, st, final);
            break;
        }
        case API_SEM_WAIT: case API_SEM_POST:
            if (sem_is_mutex(p, func, call, m->sem)) {
                uint32_t l = api_lock(p, func, call, m->sem, LMODE_EXCL);
                if (l == UINT32_MAX) break;
                if (m->kind == API_SEM_POST) {
                    lock_event(p, h, LOCK_EV_RELEASE, func, ev, l, st, final);
                } else if (!m->has_success) {
                    lock_event(p, h, LOCK_EV_ACQUIRE, func, ev, l, st, final);
                } else if (call->result >= 0) {
                    fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)call->result, l, m->success, ev});
                }
                break;
            }
            if (h->thread_api) h->thread_api(h->ctx, func, block, ev, ci, st);
            break;
        case API_COND_WAIT: {
            uint32_t l = api_lock(p, func, call, m->mutex, LMODE_EXCL);
            if (l != UINT32_MAX) lock_event(p, h, LOCK_EV_WAIT, func, ev, l, st, final);
            if (h->thread_api) h->thread_api(h->ctx, func, block, ev, ci, st);
            break;
        }
        case API_SPAWN: case API_JOIN: case API_DETACH: case API_EXIT: case API_ONCE:
        case API_COND_SIGNAL: case API_BARRIER_WAIT:
            if (h->thread_api) h->thread_api(h->ctx, func, block, ev, ci, st);
            break;
        default: break;
        }
        return;
    }
    if (ci->targets.n && h->call) h->call(h->ctx, func, ev, ci, st);
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

static void refine_edge(Program *p, const FlowHooks *h, uint32_t func, const IrTerm *t, bool taken,
                        FlowState *st) {
    if (t->kind != IR_TERM_BRANCH || t->cond.kind != IR_OPD_VALUE || t->cond.path.nsteps) return;
    for (uint32_t i = 0; i < st->nfacts; i++) {
        const TryFact f = st->facts[i];
        if (f.root == t->cond.path.root && f.id == t->cond.path.id && edge_acquires(t, taken, f.success))
            lock_event(p, h, LOCK_EV_TRY_SUCCESS, func, f.call, f.lock, st, false);
    }
}

void flow_run(Program *p, uint32_t func, const FlowState *entry, const FlowHooks *hooks,
              FlowState *exit_out) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t nb = f->nblocks;
    if (!nb) return;
    FlowState *in = xcalloc(nb, sizeof(FlowState));
    flow_state_copy(&in[0], entry);
    in[0].reached = true;
    FlowState cur, edge;
    flow_state_init(&cur);
    flow_state_init(&edge);
    const uint32_t *order = ir_defuse_block_order(model_defuse(p, f));
    bool changed = true;
    int round = 0;
    for (; changed && round < MODEL_MAX_FLOW_ROUNDS; round++) {
        changed = false;
        for (uint32_t k = 0; k < nb; k++) {
            uint32_t b = order[k];
            if (!in[b].reached) continue;
            const IrBlock *bb = &f->blocks[b];
            flow_state_copy(&cur, &in[b]);
            if (hooks->enter_block) hooks->enter_block(hooks->ctx, func, b, &cur);
            for (uint32_t e = 0; e < bb->nevents; e++) transfer(p, func, b, &bb->events[e], &cur, hooks, false);
            if (bb->term.kind == IR_TERM_EXIT) continue;
            for (uint32_t s = 0; s < bb->nsucc; s++) {
                uint32_t succ = bb->succ[s];
                if (succ >= nb) continue;
                if (hooks->edge && bb->term.kind == IR_TERM_BRANCH && bb->nsucc == 2 &&
                    !hooks->edge(hooks->ctx, func, &bb->term, s == 0))
                    continue;
                flow_state_copy(&edge, &cur);
                if (bb->term.kind == IR_TERM_BRANCH && bb->nsucc == 2) refine_edge(p, hooks, func, &bb->term, s == 0, &edge);
                if (flow_state_merge(&in[succ], &edge)) changed = true;
            }
        }
    }
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
            flow_state_copy(&cur, &in[b]);
            if (hooks->enter_block) hooks->enter_block(hooks->ctx, func, b, &cur);
            for (uint32_t e = 0; e < bb->nevents; e++) {
                if (hooks->visit) hooks->visit(hooks->ctx, func, &bb->events[e], &cur);
                transfer(p, func, b, &bb->events[e], &cur, hooks, true);
            }
            if (exit_out && bb->term.kind == IR_TERM_RETURN) flow_state_merge(exit_out, &cur);
            if (bb->term.kind == IR_TERM_RETURN) {
                LockEvent re = {LOCK_EV_RETURN, func, NULL, UINT32_MAX, true, &bb->term};
                for (uint32_t i = 0; i < hooks->nlisteners; i++)
                    hooks->listeners[i].on_event(hooks->listeners[i].ctx, p, &re, &cur);
            }
        }
    }
    for (uint32_t b = 0; b < nb; b++) flow_state_free(&in[b]);
    free(in);
    flow_state_free(&cur);
    flow_state_free(&edge);
}
