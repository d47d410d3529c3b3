/*
 * sync.c - synchronisation objects other than locks: what the program says
 * about its semaphores before any thread runs.
 *
 * Semaphores: the initial value given at each sem-init call in reachable
 * code, per semaphore object (points-to node). A semaphore initialised to 0
 * orders a post before the matching wait (a hand-off); one initialised to 1
 * or more is used as a lock (flow.c). Several different initial values, or a
 * value that is not a constant, count as unknown (neither).
 *
 * A semaphore is a lock only while its count never exceeds 1. The per-thread
 * pass treats one initialised to 1 or more as a lock and checks, at each of
 * its posts (sync_post_check), that the posting thread surely waited on it
 * before (the lock is in the must-lockset: on every path, through callers
 * in the same thread). A post that is not - main posting after sem_init, a
 * thread posting without waiting, a second post after one wait - may raise
 * the count to 2: the semaphore is a gate admitting two threads at once,
 * and stage sem-gates drops it from the locks held at every access
 * (sync_drop_gates). A semaphore initialised to 2 or more is a gate from
 * the start (sync_scan_inits). PRECISION: posts of root threads other
 * than main (--entry, --library) are not checked: their caller, unseen,
 * may have waited (an exported unlock helper).
 *
 * Hand-offs through a wait whose result tells success (sem_trywait,
 * sem_timedwait: `success` in the model) count as waits on the edges where
 * the result equals success only (a TryFact without a lock, refined by
 * flow.c through sync_wait_succeeded), so a polling loop `while (sem_trywait(&s) != 0) ;` has waited
 * when it exits, and a timeout path has not.
 *
 * During the per-thread pass (sync_event): waits, posts, signals and
 * barrier waits update the flow state's synchronisation sets (flow.h), and
 * which threads post or signal each object, or wait at each barrier, is
 * recorded (Program.sync.users) for the ordering rules of mhp.c.
 */
#include "flow.h"

#include "../ir/cfg.h"

#include <string.h>

static bool const_value(const Program *p, uint32_t func, const IrOperand *op, int depth, int64_t *v);
static bool param_const_scan(const Program *p, uint32_t func, uint32_t k, int depth, int64_t *v);

/* Does every direct call of func pass in parameter k a value const_value
 * knows, the same (and nothing calls func through a pointer)? A helper
 * handed the initial count: `guard_init(1)` of `guard_init(unsigned n) {
 * sem_init(&g, 0, n); }`. */
static bool param_const(const Program *p, uint32_t func, uint32_t k, int depth, int64_t *v) {
    if (depth > 3 || k >= 63 || p->link.funcs.data[func].address_taken || !model_param_unchanged(p, func, k)) return false;
    /* a scan of every call: the answers asked first (depth 0) are kept */
    uint64_t key = (uint64_t)func << 6 | (k + 1), known;
    if (u64map_get(&p->sync.const_params, key, &known)) {
        if (known) *v = p->sync.const_param_values.data[known - 1];
        return known != 0;
    }
    bool ok = param_const_scan(p, func, k, depth, v);
    if (depth == 0) {
        Program *w = (Program *)p; /* a cache of a pure function of the program */
        if (ok) vec_push(&w->sync.const_param_values, *v);
        u64map_put(&w->sync.const_params, key, ok ? w->sync.const_param_values.len : 0);
    }
    return ok;
}

static bool param_const_scan(const Program *p, uint32_t func, uint32_t k, int depth, int64_t *v) {
    bool any = false;
    PROGRAM_EACH_EVENT(p, g, ir, ev) {
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci || (ci->kind != CALL_INTERNAL && ci->kind != CALL_INDIRECT) || !idset_has(&ci->targets, func)) continue;
        int64_t x;
        if (ci->kind != CALL_INTERNAL || k >= ev->call->nargs || !const_value(p, (uint32_t)g, &ev->call->args[k], depth + 1, &x) ||
            (any && x != *v))
            return false;
        *v = x;
        any = true;
    }
    return any;
}

/* The one value operand op of func has wherever it is evaluated: a
 * constant, a global holding one value all run long (const_globals), a
 * bare local (address never taken) whose one definition assigns such a
 * value, or an unchanged parameter every caller passes one in. */
static bool const_value(const Program *p, uint32_t func, const IrOperand *op, int depth, int64_t *v) {
    if (op->kind == IR_OPD_CONST) {
        *v = op->value;
        return true;
    }
    if (op->kind != IR_OPD_VALUE || op->offset || op->path.nsteps || depth > 3) return false;
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint64_t x;
    if (op->path.root == IR_ROOT_GLOBAL) {
        const Global *g = program_global((Program *)p, op->path.usr);
        if (!g || !u64map_get(&p->sync.const_globals, (uint64_t)(g - p->link.globals.data), &x)) return false;
        *v = (int64_t)x;
        return true;
    }
    if (op->path.root != IR_ROOT_LOCAL && op->path.root != IR_ROOT_TEMP) return false;
    if (op->path.root == IR_ROOT_LOCAL && op->path.id < f->nparams) return param_const(p, func, op->path.id, depth, v);
    if (op->path.root == IR_ROOT_LOCAL && (op->path.id >= f->nlocals || (f->locals[op->path.id].flags & IR_LOCAL_ADDR_TAKEN)))
        return false;
    const IrDefUse *du = model_defuse((Program *)p, f);
    const IrEvent *def = ir_defuse_sole_assign(du, ir_defuse_var(du, &op->path));
    return def && def->src && const_value(p, func, def->src, depth + 1, v);
}

bool model_const_value(const Program *p, uint32_t func, const IrOperand *op, int64_t *v) {
    return const_value(p, func, op, 0, v);
}

/* Initial values of semaphores (sem-init calls in reachable code; the
 * count a constant, or a value const_value knows). */
void sync_scan_inits(Program *p) {
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!p->link.funcs.data[f].reachable) continue;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind != CALL_API || ci->api->kind != API_SEM_INIT) continue;
                const ApiModel *m = ci->api;
                if ((uint32_t)m->sem >= ev->call->nargs || (uint32_t)m->value >= ev->call->nargs) continue;
                const IrOperand *v = &ev->call->args[m->value];
                int64_t c;
                uint64_t val = const_value(p, (uint32_t)f, v, 0, &c) && c >= 0 ? (uint64_t)c + 1 : 0;
                IdSet nodes = {0};
                pt_operand_targets(p, (uint32_t)f, &ev->call->args[m->sem], &nodes);
                for (uint32_t i = 0; i < nodes.n; i++) {
                    uint64_t old;
                    if (u64map_get(&p->sync.sem_init, nodes.v[i], &old) && old != val) val = 0;
                    u64map_put(&p->sync.sem_init, nodes.v[i], val);
                    if (val > 2) idset_add(&p->sync.gates, nodes.v[i]); /* a count of 2 or more */
                }
                idset_free(&nodes);
            }
    }
}

/* Globals that hold one value all run long: defined in the program (in
 * library mode: with internal linkage, which no caller can write), written
 * only by their declaration's constant initialiser (or not at all: 0), as
 * a whole, and whose address is never taken (no write through a pointer).
 * A branch on one (`if (use_lock) lock(&m)`) goes one way (flow.c
 * refine_edge). Per global index: the value, in p->sync.const_globals. */
static void mark_global(Program *p, U64Map *bad, const char *usr) {
    Global *g = program_global(p, usr);
    if (g) u64map_put(bad, (uint64_t)(g - p->link.globals.data), 1);
}

static void addr_operand(Program *p, U64Map *bad, const IrOperand *o) {
    if (o && o->kind == IR_OPD_ADDR && o->path.root == IR_ROOT_GLOBAL) mark_global(p, bad, o->path.usr);
}

void sync_const_globals(Program *p) {
    U64Map bad, val;
    u64map_init(&bad);
    u64map_init(&val);
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; ir && b < ir->nblocks; b++) {
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind == IR_EV_ASSIGN) addr_operand(p, &bad, ev->src);
                if (ev->kind == IR_EV_CALL && ev->call)
                    for (uint32_t k = 0; k < ev->call->nargs; k++) addr_operand(p, &bad, &ev->call->args[k]);
                if ((ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) || ev->path.root != IR_ROOT_GLOBAL) continue;
                Global *g = program_global(p, ev->path.usr);
                if (!g) continue;
                uint64_t gi = (uint64_t)(g - p->link.globals.data), old;
                if (ev->path.nsteps || !(ev->flags & IR_EV_INIT) || (ev->flags & IR_EV_RMW)) {
                    u64map_put(&bad, gi, 1);
                } else if (ev->kind == IR_EV_ASSIGN) {
                    if (!ev->src || ev->src->kind != IR_OPD_CONST ||
                        (u64map_get(&val, gi, &old) && old != (uint64_t)ev->src->value))
                        u64map_put(&bad, gi, 1);
                    else
                        u64map_put(&val, gi, (uint64_t)ev->src->value);
                }
            }
            if (ir->blocks[b].term.kind == IR_TERM_RETURN) addr_operand(p, &bad, &ir->blocks[b].term.ret);
        }
    }
    for (size_t i = 0; i < p->link.globals.len; i++) {
        const Global *g = &p->link.globals.data[i];
        uint64_t v = 0;
        /* a static one is defined in its unit (`static int debug;` is a
         * tentative definition, not flagged defined) */
        if (u64map_get(&bad, i, NULL) || !(g->flags & (IR_GLOBAL_DEFINED | IR_GLOBAL_STATIC | IR_GLOBAL_LOCAL_STATIC)) ||
            (g->flags & IR_GLOBAL_HIDDEN_STATE) ||
            (g->flags & IR_GLOBAL_ALLOCATED) ||
            (p->library && !(g->flags & (IR_GLOBAL_STATIC | IR_GLOBAL_LOCAL_STATIC))))
            continue;
        u64map_get(&val, i, &v);
        u64map_put(&p->sync.const_globals, i, v);
    }
    u64map_free(&bad);
    u64map_free(&val);
}

/* The one node a synchronisation argument designates, or UINT32_MAX. */
static uint32_t sync_node_in(Program *p, uint32_t thread, uint32_t func, const IrCall *call, int arg, IdSet *all);

static uint32_t sync_node(Program *p, uint32_t func, const IrCall *call, int arg, IdSet *all) {
    return sync_node_in(p, UINT32_MAX, func, call, arg, all);
}

/* sync_node in thread (UINT32_MAX: any): through the routine's start
 * parameter, the object this spawn passes (`sem_post(&j->done)` with `j =
 * arg`: each job's own semaphore, as for accesses, instances.c). */
static uint32_t sync_node_in(Program *p, uint32_t thread, uint32_t func, const IrCall *call, int arg, IdSet *all) {
    if (arg < 0 || (uint32_t)arg >= call->nargs) return UINT32_MAX;
    const IrOperand *op = &call->args[arg];
    IdSet nodes = {0};
    pt_operand_targets(p, func, op, &nodes);
    if (thread != UINT32_MAX && op->kind == IR_OPD_ADDR && !op->offset) {
        inst_start_nodes(p, thread, func, &op->path, &nodes);
    } else if (thread != UINT32_MAX && op->kind == IR_OPD_VALUE && !op->offset && !op->path.nsteps) {
        IrStep d = {.kind = IR_STEP_DEREF}; /* what the pointer points to: `*j` (no arena copy: a hot path) */
        IrPath sp = op->path;
        sp.steps = &d;
        sp.nsteps = 1;
        inst_start_nodes(p, thread, func, &sp, &nodes);
    }
    uint32_t n = nodes.n == 1 ? nodes.v[0] : UINT32_MAX;
    if (all) idset_union(all, &nodes);
    idset_free(&nodes);
    return n;
}

/* Thread t posts/signals (role 0) or waits at the barrier (role 1) node n. */
static void add_sync_user(Program *p, uint32_t n, uint32_t role, uint32_t t) {
    uint64_t key = (uint64_t)n << 2 | role, v;
    IdSet s = {0};
    if (u64map_get(&p->sync.users, key, &v)) idset_copy(&s, &p->sets.data[v]);
    idset_add(&s, t);
    u64map_put(&p->sync.users, key, model_intern_set(p, &s));
    idset_free(&s);
}

/* Element flags (mhp.c element-flag): a spin-wait on `done[i]` (an atomic
 * flag, the object's address an element indexed by a local i) leaves the
 * flag's slot and i in FlowState.elem_waited: in this iteration the
 * element of instance i was seen set. */
static void wait_element(Program *p, uint32_t func, const IrOperand *obj, uint32_t node, FlowState *st) {
    if (!obj || obj->kind != IR_OPD_ADDR || obj->offset || !obj->path.nsteps) return;
    uint32_t k = obj->path.nsteps;
    while (k > 1 && obj->path.steps[k - 1].kind == IR_STEP_FIELD) k--; /* `&w[i].done` */
    const IrStep *s = &obj->path.steps[k - 1];
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (s->kind != IR_STEP_INDEX || s->index_kind != IR_INDEX_LOCAL || s->local >= f->nlocals ||
        s->local >= (1u << 20) || (f->locals[s->local].flags & IR_LOCAL_ADDR_TAKEN))
        return;
    uint64_t slot;
    if (!u64map_get(&p->sync.elem_flag_slot, node, &slot)) {
        if (p->sync.elem_flags.len >= (1u << 12) - 1) return;
        vec_push(&p->sync.elem_flags, node);
        slot = p->sync.elem_flags.len;
        u64map_put(&p->sync.elem_flag_slot, node, slot);
    }
    idset_add(&st->elem_waited, (uint32_t)(slot - 1) << 20 | s->local);
}

/* A post of flag node by thread: other than at its instance's own element
 * (`atomic_store(&done[id], 1)`, id its start value), the element flag
 * tells nothing about which instance posted. */
static void post_element(Program *p, uint32_t thread, uint32_t func, const IrOperand *obj, uint32_t node,
                         const FlowState *st) {
    bool own = false;
    uint8_t kind = p->tm.threads.data[thread].arg_kind;
    if (obj && obj->kind == IR_OPD_ADDR && !obj->offset && model_thread_many(p, thread) &&
        (kind == INST_ARG_VALUE || kind == INST_ARG_ELEMENT)) {
        int step = inst_private_step(p, thread, func, st->inst, &obj->path);
        if (kind == INST_ARG_ELEMENT) {
            own = step == INST_STEP_PARAM; /* `&j->done`, j the instance's own element */
        } else {
            own = step >= 0 && step < INST_STEP_COPY && obj->path.steps[step].kind == IR_STEP_INDEX;
            for (uint32_t k = (uint32_t)step + 1; own && k < obj->path.nsteps; k++)
                own = obj->path.steps[k].kind == IR_STEP_FIELD; /* `&w[id].done` */
        }
    }
    if (!own) u64map_put(&p->sync.flag_other_posts, (uint64_t)node << 12 | thread, 1);
}

void sync_event(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const ApiModel *m, FlowState *st) {
    IdSet all = {0};
    uint32_t n;
    switch (m->kind) {
    case API_SEM_WAIT:
        n = sync_node_in(p, thread, func, ev->call, m->sem, NULL);
        if (n == UINT32_MAX) break;
        if (!m->has_success) {
            idset_add(&st->waited, n);
            model_hand_back(p, st, n);
            u64map_put(&p->sync.sem_waits, (uint64_t)(uintptr_t)ev, (uint64_t)n + 1);
            wait_element(p, func, &ev->call->args[m->sem], n, st); /* `sem_wait(&jobs[i].done)` */
        } else if (ev->call->result >= 0) { /* waited on the edges where the result is success */
            flow_fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)ev->call->result, UINT32_MAX, m->success, ev, false,
                                        false});
        }
        break;
    case API_COND_WAIT:
        n = sync_node_in(p, thread, func, ev->call, m->cond, NULL);
        if (n != UINT32_MAX) idset_add(&st->cwaited, n);
        break;
    case API_SEM_POST: case API_COND_SIGNAL:
        sync_node_in(p, thread, func, ev->call, m->kind == API_SEM_POST ? m->sem : m->cond, &all);
        /* a semaphore this thread may have posted before: one instance posts it twice */
        for (uint32_t i = 0; i < all.n && m->kind == API_SEM_POST; i++)
            if (idset_has(&st->posted, all.v[i])) u64map_put(&p->sync.multi_posts, (uint64_t)all.v[i] << 12 | thread, 1);
        for (uint32_t i = 0; i < all.n; i++)
            if (idset_has(&p->sync.waited_nodes, all.v[i])) idset_add(&st->posted, all.v[i]);
        /* the one post of a flag, made at most once: after it the thread
         * is where a wait on the flag would have got it (OncePost) */
        uint64_t once;
        if (p->sync.once_post_events.len && u64map_get(&p->sync.once_post_events, (uint64_t)(uintptr_t)ev, &once))
            idset_add(&st->waited, (uint32_t)(once - 1));
        for (uint32_t i = 0; i < all.n; i++) {
            add_sync_user(p, all.v[i], 0, thread);
            if (m->kind == API_SEM_POST && (uint32_t)m->sem < ev->call->nargs)
                post_element(p, thread, func, &ev->call->args[m->sem], all.v[i], st);
        }
        break;
    case API_BARRIER_WAIT:
        n = sync_node_in(p, thread, func, ev->call, m->barrier, NULL);
        if (n != UINT32_MAX) {
            flow_barrier_pass(&st->phases, n);
            add_sync_user(p, n, 1, thread);
        }
        break;
    default: break;
    }
    idset_free(&all);
}

/* ---- barrier wrappers ------------------------------------------------------ */

/* Does func wait at a barrier, directly or in a function it calls (depth
 * 4; deeper counts as yes)? */
static bool may_wait_barrier(Program *p, uint32_t func, int depth) {
    if (depth > 4) return true;
    const IrFunc *f = p->link.funcs.data[func].ir;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (!ci) continue;
            if (ci->kind == CALL_API) {
                if (ci->api->kind == API_BARRIER_WAIT) return true;
                continue;
            }
            for (uint32_t k = 0; k < ci->targets.n; k++)
                if (ci->targets.v[k] != func && may_wait_barrier(p, ci->targets.v[k], depth + 1)) return true;
        }
    return false;
}

/* The shift a call of func makes in barrier phases, when it is one (a
 * wrapper `sync_all() { pthread_barrier_wait(&bar); }`): every path from
 * its entry to a return waits at the one barrier node *node exactly *times
 * times (>= 1), and it calls nothing else that may wait at a barrier. Then
 * a call of it passes that barrier *times times from the caller's own
 * phases - the callee's exit phases, joined over every caller, would lose
 * the count when it is called more than once. Cached per function. */
bool sync_barrier_shift(Program *p, uint32_t func, uint32_t *node, uint32_t *times) {
    uint64_t v;
    if (u64map_get(&p->sync.barrier_shift, func, &v)) {
        *node = (uint32_t)(v >> 8);
        *times = (uint32_t)(v & 0xff);
        return v != 0;
    }
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t b0 = UINT32_MAX;
    int32_t result = -1;
    bool ok = f->nblocks > 0;
    int32_t *in = xmalloc((f->nblocks ? f->nblocks : 1) * sizeof(int32_t));
    for (uint32_t b = 0; b < f->nblocks; b++) in[b] = -1;
    VEC(uint32_t) work = {0};
    if (ok) {
        in[0] = 0;
        vec_push(&work, 0);
    }
    while (ok && work.len) {
        uint32_t b = work.data[--work.len];
        int32_t count = in[b];
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t e = 0; e < bb->nevents && ok; e++) {
            const IrEvent *ev = &bb->events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (!ci) continue;
            if (ci->kind == CALL_API) {
                if (ci->api->kind != API_BARRIER_WAIT) continue;
                uint32_t n = sync_node(p, func, ev->call, ci->api->barrier, NULL);
                if (n == UINT32_MAX || (b0 != UINT32_MAX && n != b0) || count >= 200) ok = false;
                b0 = n;
                count++;
                continue;
            }
            for (uint32_t k = 0; k < ci->targets.n && ok; k++)
                if (ci->targets.v[k] == func || may_wait_barrier(p, ci->targets.v[k], 1)) ok = false;
        }
        if (!ok) break;
        if (bb->term.kind == IR_TERM_RETURN) {
            if (result >= 0 && result != count) ok = false;
            result = count;
        }
        for (uint32_t k = 0; k < bb->nsucc && ok; k++) {
            uint32_t s = bb->succ[k];
            if (s >= f->nblocks) continue;
            if (in[s] < 0) {
                in[s] = count;
                vec_push(&work, s);
            } else if (in[s] != count) {
                ok = false; /* a loop around a wait, or paths waiting a different number of times */
            }
        }
    }
    vec_free(&work);
    free(in);
    ok = ok && result >= 1 && b0 != UINT32_MAX && b0 < (UINT32_MAX >> 8);
    u64map_put(&p->sync.barrier_shift, func, ok ? (uint64_t)b0 << 8 | (uint64_t)result : 0);
    *node = b0;
    *times = (uint32_t)result;
    return ok;
}

/* The exclusive lock nodes held (each lock naming one node), intersected
 * into Program.sync.lflag_locks for (flag, role). Returns whether any is
 * held. */
static bool lflag_note_locks(Program *p, uint32_t flag, uint32_t role, const FlowState *st) {
    IdSet now = {0};
    lock_held_objects(p, &st->held, &now);
    bool any = now.n != 0;
    uint64_t key = (uint64_t)flag << 1 | role, v;
    if (u64map_get(&p->sync.lflag_locks, key, &v)) {
        IdSet both = {0};
        idset_copy(&both, &p->sets.data[v]);
        idset_intersect(&both, &now);
        u64map_put(&p->sync.lflag_locks, key, model_intern_set(p, &both));
        idset_free(&both);
    } else {
        u64map_put(&p->sync.lflag_locks, key, model_intern_set(p, &now));
    }
    idset_free(&now);
    return any;
}

void sync_flag_store(Program *p, uint32_t thread, const IrEvent *ev, FlowState *st) {
    uint64_t n;
    if (!p->sync.lflag_stores.len || !u64map_get(&p->sync.lflag_stores, (uint64_t)(uintptr_t)ev, &n)) return;
    uint32_t flag = (uint32_t)(n - 1);
    u64map_put(&p->sync.flag_other_posts, (uint64_t)flag << 12 | thread, 1); /* element flags: atomics only */
    add_sync_user(p, flag, 0, thread);
    /* a store holding no lock makes the flag unusable (sync_flag_usable):
     * its posts are not followed (a word set so is rarely a flag, and
     * every post found runs the functions after it again) */
    if (lflag_note_locks(p, flag, 0, st)) idset_add(&st->posted, flag);
}

bool sync_flag_load(Program *p, const IrEvent *ev, const FlowState *st, long *value) {
    uint64_t n, v;
    if (!p->sync.lflag_loads.len || !u64map_get(&p->sync.lflag_loads, (uint64_t)(uintptr_t)ev, &n)) return false;
    if (!u64map_get(&p->sync.lflag_value, n - 1, &v)) return false;
    lflag_note_locks(p, (uint32_t)(n - 1), 1, st); /* the locks held at the load itself */
    *value = (long)v;
    return true;
}

bool sync_flag_usable(const Program *p, uint32_t flag) {
    uint64_t post, wait;
    if (!u64map_get(&p->sync.lflag_value, flag, &post)) return true; /* not a locked flag */
    if (!u64map_get(&p->sync.lflag_locks, (uint64_t)flag << 1, &post) ||
        !u64map_get(&p->sync.lflag_locks, (uint64_t)flag << 1 | 1, &wait))
        return false;
    return idset_intersects(&p->sets.data[post], &p->sets.data[wait]);
}

uint32_t sync_flag_of_wait(const Program *p, const IrEvent *ev) {
    uint64_t lf;
    if (ev->kind == IR_EV_ASSIGN)
        return u64map_get(&p->sync.lflag_loads, (uint64_t)(uintptr_t)ev, &lf) ? (uint32_t)(lf - 1) : UINT32_MAX;
    if (ev->kind != IR_EV_CALL || !ev->call) return UINT32_MAX;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind == CALL_API || ci->targets.n != 1 || ci->targets.v[0] >= p->lock.summaries.len) return UINT32_MAX;
    uint32_t w = p->lock.summaries.data[ci->targets.v[0]].flag_wait;
    return w ? w - 1 : UINT32_MAX;
}

/* The successor of branch t taken where the result of call ev equals
 * `value` (`if (f(..) == v)`, `while (f(..) != v)`, the result's temporary
 * tested directly), or -1. */
int model_result_edge(const IrTerm *t, const IrEvent *ev, int64_t value) {
    if (t->kind != IR_TERM_BRANCH || t->cond.kind != IR_OPD_VALUE || t->cond.offset || t->cond.path.nsteps ||
        t->cond.path.root != IR_ROOT_TEMP || ev->call->result < 0 || t->cond.path.id != (uint32_t)ev->call->result ||
        t->rhs != value)
        return -1;
    return t->cmp == IR_CMP_EQ ? 0 : t->cmp == IR_CMP_NE ? 1 : -1;
}

/* Helpers that return whether their semaphore wait succeeded:
 *
 *     static int try_take(sem_t *s) { if (sem_trywait(s) == 0) return 1; return 0; }
 *
 * one wait with a success value (sem_trywait, sem_timedwait) whose result
 * the branch ending its block tests against that value, every reachable
 * return a constant, those after the success edge on every path one value
 * V and the others another: a caller's test of the result against V is the
 * wait (flow.c through sync_wait_succeeded, with the call for the wait:
 * the semaphore is the caller's argument when the helper waits on its
 * parameter). Only waits that are hand-offs: a semaphore used as a lock
 * is a trylock (lockset.c's conditional locks). */
void sync_scan_wait_helpers(Program *p) {
    for (uint32_t fi = 0; fi < p->link.funcs.len; fi++) {
        const IrFunc *f = p->link.funcs.data[fi].ir;
        if (!p->link.funcs.data[fi].reachable || !f || !f->nblocks) continue;
        const IrEvent *wait = NULL;
        uint32_t wb = 0;
        int edge = -1;
        bool many = false;
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind != CALL_API || ci->api->kind != API_SEM_WAIT || !ci->api->has_success) continue;
                many |= wait != NULL;
                wait = ev, wb = b;
                edge = model_result_edge(&f->blocks[b].term, ev, ci->api->success);
            }
        if (!wait || many || edge < 0) continue;
        /* waited[b]: on every path into b the wait succeeded */
        uint32_t n = f->nblocks, *pstart, *preds;
        ir_predecessors(f, &pstart, &preds);
        uint32_t *idom = ir_dominators(f);
        bool *waited = xmalloc(n);
        memset(waited, 1, n);
        for (bool changed = true; changed;) {
            changed = false;
            for (uint32_t b = 0; b < n; b++) {
                bool in = b != 0 && pstart[b] < pstart[b + 1];
                for (uint32_t k = pstart[b]; k < pstart[b + 1] && in; k++) {
                    uint32_t q = preds[k];
                    in = (q == wb && f->blocks[q].succ[edge] == b && f->blocks[q].succ[1 - edge] != b) ||
                         (q != wb && waited[q]);
                }
                if (in != waited[b]) waited[b] = in, changed = true;
            }
        }
        int64_t yes = 0, no = 0;
        bool ok = true, any_yes = false, any_no = false;
        for (uint32_t b = 0; b < n && ok; b++) {
            const IrTerm *t = &f->blocks[b].term;
            if (t->kind != IR_TERM_RETURN || idom[b] == UINT32_MAX) continue;
            if (t->ret.kind != IR_OPD_CONST || t->ret.value < INT32_MIN || t->ret.value > INT32_MAX) {
                ok = false;
                break;
            }
            int64_t *v = waited[b] ? &yes : &no;
            bool *any = waited[b] ? &any_yes : &any_no;
            if (*any && *v != t->ret.value) ok = false;
            *v = t->ret.value;
            *any = true;
        }
        if (ok && any_yes && (!any_no || yes != no)) {
            WaitHelper wh = {wait, yes};
            vec_push(&p->sync.wait_helper_list, wh);
            u64map_put(&p->sync.wait_helpers, fi, p->sync.wait_helper_list.len);
        }
        free(waited);
        free(idom);
        free(pstart);
        free(preds);
    }
}

/* The wait helper call ev calls (its one target), or NULL. */
static const WaitHelper *wait_helper_of(const Program *p, const IrEvent *ev) {
    if (!p->sync.wait_helpers.len || ev->kind != IR_EV_CALL || !ev->call) return NULL;
    const CallInfo *ci = program_call(p, ev);
    uint64_t v;
    if (!ci || ci->kind == CALL_API || ci->targets.n != 1 || !u64map_get(&p->sync.wait_helpers, ci->targets.v[0], &v))
        return NULL;
    return &p->sync.wait_helper_list.data[v - 1];
}

bool sync_wait_helper(const Program *p, const IrEvent *ev, long *success) {
    const WaitHelper *wh = wait_helper_of(p, ev);
    if (wh) *success = (long)wh->value;
    return wh != NULL;
}

/* The node a helper's wait (sync_scan_wait_helpers) waits on, seen from
 * the call ev in func: the caller's argument when the helper waits on its
 * unchanged parameter, else the helper's own operand. */
static uint32_t helper_wait_node(Program *p, uint32_t func, const IrEvent *ev) {
    const WaitHelper *wh = wait_helper_of(p, ev);
    if (!wh) return UINT32_MAX;
    uint32_t g = program_call(p, ev)->targets.v[0];
    const IrEvent *wait = wh->wait;
    const ApiModel *m = program_call(p, wait)->api;
    if (m->sem < 0 || (uint32_t)m->sem >= wait->call->nargs) return UINT32_MAX;
    const IrOperand *o = &wait->call->args[m->sem];
    const IrFunc *gf = p->link.funcs.data[g].ir;
    if (o->kind == IR_OPD_VALUE && !o->offset && !o->path.nsteps && o->path.root == IR_ROOT_LOCAL &&
        o->path.id < gf->nparams && o->path.id < ev->call->nargs && model_param_unchanged(p, g, o->path.id))
        return sync_node(p, func, ev->call, (int)o->path.id, NULL);
    return sync_node(p, g, wait->call, m->sem, NULL);
}

void sync_wait_succeeded(Program *p, uint32_t func, const IrEvent *ev, FlowState *st) {
    uint64_t rel;
    {
        uint32_t hn = helper_wait_node(p, func, ev);
        if (hn != UINT32_MAX) {
            idset_add(&st->waited, hn);
            model_hand_back(p, st, hn);
            return;
        }
    }
    if (p->sync.release_events.len && u64map_get(&p->sync.release_events, (uint64_t)(uintptr_t)ev, &rel)) {
        idset_add(&st->waited, SYNC_LAST | (uint32_t)(rel - 1)); /* the last release */
        return;
    }
    uint32_t flag = sync_flag_of_wait(p, ev);
    if (flag != UINT32_MAX) {
        idset_add(&st->waited, flag);
        return;
    }
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_SEM_WAIT) return;
    uint32_t n = sync_node(p, func, ev->call, ci->api->sem, NULL);
    if (n != UINT32_MAX) {
        idset_add(&st->waited, n);
        model_hand_back(p, st, n);
        if (p->sync.flag_calls) wait_element(p, func, &ev->call->args[ci->api->sem], n, st);
    }
}

/* ---- semaphores that admit two threads ------------------------------------------ */

void sync_post_check(Program *p, uint32_t thread, const LockEvent *e, const FlowState *st) {
    if (e->kind != LOCK_EV_RELEASE || !e->final || !e->ev) return;
    /* a root other than main (--entry, --library) is called by code racecheck
     * does not see, which may have waited (an exported unlock helper) */
    const Thread *th = &p->tm.threads.data[thread];
    if (th->parent < 0 && strcmp(th->routine, "main") != 0) return;
    const CallInfo *ci = program_call(p, e->ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_SEM_POST) return;
    if (idset_has(&st->held, e->lock)) return;
    const IdSet *ln = lock_nodes(p, e->lock);
    for (uint32_t i = 0; i < st->held.n; i++) {
        const IdSet *hn = lock_nodes(p, st->held.v[i]);
        if (hn->n && idset_equal(hn, ln)) return; /* waited through another spelling */
    }
    /* not surely waited on: the count may pass 1 (every semaphore it may be) */
    idset_union(&p->sync.gates, ln);
}

void model_drop_locks(Program *p, bool (*drop)(const Program *p, const HeldLock *l)) {
    const HeldLock *last = NULL, *kept = NULL;
    uint32_t last_n = 0, last_inh = 0, kept_n = 0, kept_inh = 0;
    for (size_t i = 0; i < p->tm.accesses.len; i++) {
        Access *a = &p->tm.accesses.data[i];
        uint32_t total = a->nlocks + a->ninherited;
        if (!total) continue;
        /* accesses of one event share their list: filter it once */
        if (a->locks != last || a->nlocks != last_n || a->ninherited != last_inh) {
            last = a->locks;
            last_n = a->nlocks;
            last_inh = a->ninherited;
            bool any = false;
            for (uint32_t k = 0; k < total && !any; k++) any = drop(p, &a->locks[k]);
            if (!any) {
                kept = a->locks;
                kept_n = a->nlocks;
                kept_inh = a->ninherited;
            } else {
                HeldLock *v = arena_alloc(p->arena, total * sizeof(HeldLock));
                kept_n = kept_inh = 0;
                for (uint32_t k = 0; k < total; k++) {
                    if (drop(p, &a->locks[k])) continue;
                    v[kept_n + kept_inh] = a->locks[k];
                    if (k < a->nlocks) kept_n++;
                    else kept_inh++;
                }
                kept = v;
            }
        }
        a->locks = (HeldLock *)kept;
        a->nlocks = (uint16_t)kept_n;
        a->ninherited = (uint16_t)kept_inh;
    }
}

/* (a ring's token names a member's node, and is no gate: tokens.c) */
static bool is_gate(const Program *p, const HeldLock *l) { return !l->flag && idset_has(&p->sync.gates, l->node); }

void sync_drop_gates(Program *p, const ModelOptions *opt) {
    (void)opt;
    if (p->sync.gates.n) model_drop_locks(p, is_gate);
}

/* ---- counters waited down to zero ------------------------------------------------ */

/* The "mutex" of a counter waited for by a spin loop on an atomic load
 * and counted by atomic read-modify-writes (no lock: the atomics order). */
enum { COUNT_ATOMIC = UINT32_MAX - 1 };
/* What a wait loop waits for (Program.sync.countdown_goal): the counter at
 * zero or below, up to a constant, or something else. */
enum { COUNT_GOAL_ZERO = 1, COUNT_GOAL_UP = 2, COUNT_GOAL_OTHER = 3 };

/* Does the branch keep looping while its value is above zero (`c > 0`,
 * `c != 0`, `c`, `c >= 1`), leaving when it is zero or below? */
static bool loops_while_positive(const IrTerm *t) {
    return (t->cmp == IR_CMP_GT && t->rhs == 0) || (t->cmp == IR_CMP_NE && t->rhs == 0) ||
           (t->cmp == IR_CMP_GE && t->rhs == 1);
}

/* The mutex node of the one condition wait in loop l of f, or UINT32_MAX;
 * with spin, a loop with no condition wait (and no call of the program's
 * own: the test's atomic load, and perhaps a yield or a sleep of the
 * library, is all it does) gives COUNT_ATOMIC. */
static uint32_t loop_wait_mutex(Program *p, uint32_t func, int32_t l, bool spin) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    uint32_t mutex = UINT32_MAX;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_defuse_block_in_loop(du, b, l)) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            /* a spin loop may yield or sleep (`sched_yield()`, `usleep(..)`:
             * calls outside the program), not run the program's own code */
            if (spin && (!ci || ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT || ci->kind == CALL_UNKNOWN))
                return UINT32_MAX;
            if (!ci || ci->kind != CALL_API || ci->api->kind != API_COND_WAIT) continue;
            if (spin) return UINT32_MAX;
            uint32_t n = sync_node(p, func, ev->call, ci->api->mutex, NULL);
            if (n == UINT32_MAX || (mutex != UINT32_MAX && mutex != n)) return UINT32_MAX;
            mutex = n;
        }
        /* the loop must end only at its test */
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
            if (b != f->loops[l].header && f->blocks[b].succ[s] == f->loops[l].exit) return UINT32_MAX;
    }
    return spin ? COUNT_ATOMIC : mutex;
}

/* Wait loops `while (c > 0) cond_wait(&cv, &m)` (or `while (c < n)`: a
 * count up to a bound): a loop whose test reads a counter c (one node),
 * that leaves only through that test, and that waits on a condition
 * variable with one mutex m. Every reachable function is scanned before the
 * per-thread passes. */
/* Does block `body` of loop l start a spin-wait on an element flag
 * indexed by the loop's counter - an inner loop headed there, left only
 * from its header on the edge where an atomic flag load on `&flag[i]`
 * (`while (!atomic_load(&done[i])) ;`) saw the flag set? Its node, else
 * UINT32_MAX. Waiting so once per index, the loop has seen every element
 * of its range set. */
static uint32_t element_spin(Program *p, uint32_t fi, uint32_t l, uint32_t body, uint32_t counter) {
    const IrFunc *f = p->link.funcs.data[fi].ir;
    for (int hops = 0; hops < 4 && !f->blocks[body].nevents && f->blocks[body].nsucc == 1 &&
                       f->blocks[body].term.kind == IR_TERM_GOTO;
         hops++)
        body = f->blocks[body].succ[0]; /* `{` opening the loop's body */
    int32_t inner = -1;
    for (uint32_t k = 0; k < f->nloops; k++)
        if (f->loops[k].header == body && k != l) inner = (int32_t)k;
    if (inner < 0) return UINT32_MAX;
    const IrBlock *ib = &f->blocks[body];
    uint32_t iexit = f->loops[inner].exit;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
            if (f->blocks[b].succ[s] == iexit && b != body && ir_defuse_block_in_loop(model_defuse(p, f), b, inner))
                return UINT32_MAX;
    if (ib->term.kind != IR_TERM_BRANCH || ib->nsucc != 2 || ib->term.rhs != 0 || ib->term.cond.kind != IR_OPD_VALUE ||
        ib->term.cond.path.root != IR_ROOT_TEMP || ib->term.cond.path.nsteps)
        return UINT32_MAX;
    /* the exit is the edge where the loaded value is not 0 */
    uint32_t nz = ib->term.cmp == IR_CMP_EQ ? 1 : ib->term.cmp == IR_CMP_NE ? 0 : 2;
    if (nz > 1 || ib->succ[nz] != iexit) return UINT32_MAX;
    for (uint32_t e = 0; e < ib->nevents; e++) {
        const IrEvent *ev = &ib->events[e];
        if (ev->kind != IR_EV_CALL || !ev->call || ev->call->result != (int32_t)ib->term.cond.path.id) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci || ci->kind != CALL_API || ci->api->kind != API_SEM_WAIT || !ci->api->has_success ||
            ci->api->success == 0 || (uint32_t)ci->api->sem >= ev->call->nargs)
            return UINT32_MAX;
        const IrOperand *o = &ev->call->args[ci->api->sem];
        if (o->kind != IR_OPD_ADDR || o->offset || !o->path.nsteps) return UINT32_MAX;
        uint32_t k = o->path.nsteps;
        while (k > 1 && o->path.steps[k - 1].kind == IR_STEP_FIELD) k--;
        const IrStep *st = &o->path.steps[k - 1];
        if (st->kind != IR_STEP_INDEX || st->index_kind != IR_INDEX_LOCAL || st->local != counter) return UINT32_MAX;
        return sync_node(p, fi, ev->call, ci->api->sem, NULL);
    }
    return UINT32_MAX;
}

/* A loop `for (i = C; i < B; i++) sem_wait(&s);` whose body starts with a
 * blocking wait on one semaphore (so every iteration waits once) and that
 * is left only from its header: at its exit the thread has waited for s
 * once per index of the range (counted_exits, counted_range). */
static void scan_counted_wait(Program *p, uint32_t fi, uint32_t l) {
    const IrFunc *f = p->link.funcs.data[fi].ir;
    const IrBlock *hb = &f->blocks[f->loops[l].header];
    uint32_t exit = f->loops[l].exit, body = hb->succ[0];
    for (uint32_t b = 0; b < f->nblocks; b++) /* left only from the header */
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
            if (f->blocks[b].succ[s] == exit && b != f->loops[l].header) return;
    uint32_t sem = UINT32_MAX;
    for (uint32_t e = 0; e < f->blocks[body].nevents && sem == UINT32_MAX; e++) {
        const IrEvent *ev = &f->blocks[body].events[e];
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci || ci->kind != CALL_API || ci->api->kind != API_SEM_WAIT || ci->api->has_success) continue;
        sem = sync_node(p, fi, ev->call, ci->api->sem, NULL);
        if (sem == UINT32_MAX) return;
    }
    const IrTerm *t = &hb->term;
    const IrOperand *ctr = t->cond.kind == IR_OPD_VALUE ? &t->cond : &t->sym_lhs;
    if (ctr->kind != IR_OPD_VALUE || ctr->path.root != IR_ROOT_LOCAL || ctr->path.nsteps) return;
    bool elem = false;
    if (sem == UINT32_MAX) {
        sem = element_spin(p, fi, l, body, ctr->path.id);
        elem = sem != UINT32_MAX;
    }
    if (sem == UINT32_MAX || sem & SYNC_COUNTED) return;
    LoopRange r;
    if (!joins_loop_range(p, fi, (int32_t)l, ctr->path.id, &r)) return;
    if (elem) idset_add(&p->sync.counted_elems, sem);
    u64map_put(&p->sync.counted_exits, (uint64_t)fi << 32 | exit, (uint64_t)sem + 1);
    uint64_t v;
    if (!u64map_get(&p->sync.counted_range, sem, &v)) {
        vec_push(&p->sync.counted_ranges, r);
        u64map_put(&p->sync.counted_range, sem, p->sync.counted_ranges.len);
    } else if (v && joins_cover(&p->sync.counted_ranges.data[v - 1], &r) != JOIN_COVER_ALL) {
        u64map_put(&p->sync.counted_range, sem, 0); /* loops over other ranges: none counts */
    }
}

/* The semaphores and condition variables some call waits on (one node at
 * the call; Program.sync.waited_nodes). Only their posts and signals are
 * followed in FlowState.posted: every use of it asks about a node a thread
 * waited on, and a may-set of every post would grow with each one the
 * per-thread pass finds, running again every function after it. */
void sync_scan_waits(Program *p) {
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        /* a wait helper's call waits on its caller's argument */
        uint32_t hn = helper_wait_node(p, (uint32_t)f, ev);
        if (hn != UINT32_MAX) idset_add(&p->sync.waited_nodes, hn);
        const CallInfo *ci = program_call(p, ev);
        if (!ci || ci->kind != CALL_API || (ci->api->kind != API_SEM_WAIT && ci->api->kind != API_COND_WAIT)) continue;
        uint32_t n = sync_node(p, (uint32_t)f, ev->call, ci->api->kind == API_SEM_WAIT ? ci->api->sem : ci->api->cond,
                               NULL);
        if (n != UINT32_MAX) idset_add(&p->sync.waited_nodes, n);
    }
}

/* Reference counts: the atomic subtractions of a positive constant (not
 * memory_order_relaxed) from one counter (Program.sync.release_events). */
void sync_scan_releases(Program *p) {
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) continue;
        const ApiModel *m = ci->api;
        if ((m->atomic_op != ATOMIC_OP_FETCH_SUB && m->atomic_op != ATOMIC_OP_SUB_FETCH) || m->object < 0 ||
            m->value < 0 || (uint32_t)m->value >= ev->call->nargs || (uint32_t)m->object >= ev->call->nargs)
            continue;
        const IrOperand *v = &ev->call->args[m->value];
        if (v->kind != IR_OPD_CONST || v->value <= 0) continue;
        /* C11 and __atomic forms: the memory order is the operand before the value */
        if (m->value == 2 && ev->call->args[1].kind == IR_OPD_CONST && ev->call->args[1].value == 0) continue;
        uint32_t n = sync_node(p, (uint32_t)f, ev->call, m->object, NULL);
        if (n != UINT32_MAX && n < SYNC_LAST) u64map_put(&p->sync.release_events, (uint64_t)(uintptr_t)ev, (uint64_t)n + 1);
    }
}

/* The success value of a release event: the value its result has when it
 * took the count to 0 (fetch-sub: the amount; sub-fetch: 0). */
bool sync_release_last(const Program *p, const IrEvent *ev, long *success) {
    if (!p->sync.release_events.len || !u64map_get(&p->sync.release_events, (uint64_t)(uintptr_t)ev, NULL)) return false;
    const CallInfo *ci = program_call(p, ev);
    *success = ci->api->atomic_op == ATOMIC_OP_FETCH_SUB ? (long)ev->call->args[ci->api->value].value : 0;
    return true;
}

void sync_scan_countdowns(Program *p) {
    for (size_t fi = 0; fi < p->link.funcs.len; fi++) {
        const IrFunc *f = p->link.funcs.data[fi].ir;
        if (!p->link.funcs.data[fi].reachable || !f->nloops) continue;
        for (uint32_t l = 0; l < f->nloops; l++) {
            const IrBlock *hb = &f->blocks[f->loops[l].header];
            const IrTerm *t = &hb->term;
            if (t->kind != IR_TERM_BRANCH || hb->nsucc != 2 || hb->succ[1] != f->loops[l].exit) continue;
            scan_counted_wait(p, (uint32_t)fi, l);
            /* down to zero (`c > 0`), or up to a bound (`c < n`, `c != n`, `c < 4`) */
            const IrOperand *ctr = NULL;
            if (t->cond.kind == IR_OPD_VALUE && !t->cond.offset &&
                (loops_while_positive(t) || t->cmp == IR_CMP_LT || (t->cmp == IR_CMP_NE && t->rhs > 0)))
                ctr = &t->cond;
            else if (t->cond.kind == IR_OPD_UNKNOWN && t->sym_lhs.kind == IR_OPD_VALUE &&
                     (t->sym_cmp == IR_CMP_LT || t->sym_cmp == IR_CMP_NE))
                ctr = &t->sym_lhs;
            if (!ctr || (ctr->path.root == IR_ROOT_LOCAL && !ctr->path.nsteps)) continue; /* a private local */
            IdSet nodes = {0};
            bool spin = false;
            if (ctr->path.root == IR_ROOT_TEMP) {
                /* `while (c > 0)` tests a temporary when c is read through a
                 * pointer: the value read into it, its defining assignment;
                 * `while (atomic_load(&c) < n)`: the counter the load reads
                 * (not relaxed: it acquires what the counts released) */
                const IrVarDefs *d = ir_defuse_temp(model_defuse(p, f), ctr->path.id);
                const IrEvent *def = d && d->has_def ? ir_event_at(f, d->def) : NULL;
                const CallInfo *ci = def && def->kind == IR_EV_CALL && def->call ? program_call(p, def) : NULL;
                if (def && def->kind == IR_EV_ASSIGN && def->src && def->src->kind == IR_OPD_VALUE) {
                    pt_resolve_path(p, (uint32_t)fi, &def->src->path, &nodes);
                } else if (ci && ci->kind == CALL_API && ci->api->kind == API_ATOMIC &&
                           ci->api->atomic_op == ATOMIC_OP_LOAD && def->call->result == (int32_t)ctr->path.id &&
                           ci->api->object >= 0 && (uint32_t)ci->api->object < def->call->nargs &&
                           !model_atomic_relaxed(p, def, ci->api)) {
                    pt_operand_targets(p, (uint32_t)fi, &def->call->args[ci->api->object], &nodes);
                    spin = true;
                }
            } else {
                pt_resolve_path(p, (uint32_t)fi, &ctr->path, &nodes);
            }
            uint32_t counter = nodes.n == 1 ? nodes.v[0] : UINT32_MAX;
            idset_free(&nodes);
            if (counter == UINT32_MAX) continue;
            uint32_t mutex = loop_wait_mutex(p, (uint32_t)fi, (int32_t)l, spin);
            if (mutex == UINT32_MAX) continue;
            uint64_t old;
            if (u64map_get(&p->sync.countdowns, counter, &old) && old != (uint64_t)mutex + 1) continue;
            u64map_put(&p->sync.countdowns, counter, (uint64_t)mutex + 1);
            uint64_t goal = loops_while_positive(t) ? (uint64_t)COUNT_GOAL_ZERO << 32
                            : ctr == &t->cond && t->rhs > 0 && t->rhs <= INT32_MAX
                                ? (uint64_t)COUNT_GOAL_UP << 32 | (uint64_t)t->rhs
                                : (uint64_t)COUNT_GOAL_OTHER << 32;
            if (u64map_get(&p->sync.countdown_goal, counter, &old) && old != goal) goal = (uint64_t)COUNT_GOAL_OTHER << 32;
            u64map_put(&p->sync.countdown_goal, counter, goal);
            p->sync.atomic_countdowns |= mutex == COUNT_ATOMIC;
            u64map_put(&p->sync.countdown_exits, (uint64_t)fi << 32 | f->loops[l].exit, (uint64_t)counter + 1);
        }
    }
    /* the read-modify-writes of one counter (the per-thread pass asks at
     * every run of their functions: resolved once here) */
    if (p->sync.countdowns.len)
        PROGRAM_EACH_EVENT(p, f, ir, ev) {
            if (ev->kind != IR_EV_WRITE || !(ev->flags & IR_EV_RMW)) continue;
            IdSet nodes = {0};
            pt_resolve_path(p, (uint32_t)f, &ev->path, &nodes);
            if (nodes.n == 1 && u64map_get(&p->sync.countdowns, nodes.v[0], NULL))
                u64map_put(&p->sync.count_writes, (uint64_t)(uintptr_t)ev, (uint64_t)nodes.v[0] + 1);
            idset_free(&nodes);
        }
}

/* The number of instances of thread t, or -1 when not known: one, or a
 * spawn loop's range run by a thread of one instance. */
static int64_t thread_instances(const Program *p, uint32_t t) {
    const Thread *th = &p->tm.threads.data[t];
    if (!model_thread_many(p, t)) return 1;
    if (th->parent < 0 || th->recursive || model_thread_many(p, (uint32_t)th->parent)) return -1;
    const LoopRange *r = th->spawn_range.known && !th->spawn_range.sym ? &th->spawn_range
                         : th->iter_range.known && !th->iter_range.sym ? &th->iter_range
                                                                       : NULL;
    return r && r->hi > r->lo ? r->hi - r->lo : -1;
}

/* Does block b of func run at most once per instance of a thread: outside
 * any loop, in a thread's routine no function calls, or in a function
 * called from one call site only that runs so itself (3 calls up)? */
static bool runs_once(const Program *p, uint32_t func, uint32_t b, int depth);

bool model_runs_once(const Program *p, uint32_t func, uint32_t block) {
    return runs_once(p, func, block, 0);
}

static bool runs_once(const Program *p, uint32_t func, uint32_t b, int depth) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (f->blocks[b].loop >= 0 || depth > 3) return false;
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    if (!callers->n) {
        for (size_t t = 0; t < p->tm.threads.len; t++)
            if (idset_has(&p->tm.threads.data[t].routines, func)) return true;
        return false;
    }
    if (callers->n != 1) return false;
    uint32_t g = callers->v[0], site_b = UINT32_MAX, nsites = 0;
    const IrFunc *gf = p->link.funcs.data[g].ir;
    for (uint32_t x = 0; x < gf->nblocks; x++)
        for (uint32_t e = 0; e < gf->blocks[x].nevents; e++) {
            const IrEvent *ev = &gf->blocks[x].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (ci && idset_has(&ci->targets, func)) nsites++, site_b = x;
        }
    return nsites == 1 && runs_once(p, g, site_b, depth + 1);
}

/* Wait loops assume the counter reaches its goal only with the last count
 * the threads make (countdown_orders). Where every count is a step by 1
 * made at most once per thread instance (runs_once) and the instances are
 * known, the counts the wait needs are compared with them:
 * `active = 2` with three workers counting down (or `while (done < 2)`
 * with three counting up) lets the waiter out while one worker may still
 * run - no join for any of them. */
void sync_short_countdowns(Program *p) {
    if (!p->sync.countdowns.len) return;
    U64Map init;  /* counter -> the constant every other write stores + 1 (0: another write) */
    U64Map static_init; /* the same for the static initialisers of globals */
    U64Map ok;    /* counter -> 1: every count is a step by 1, once per instance; 0: not */
    u64map_init(&init);
    u64map_init(&static_init);
    u64map_init(&ok);
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        uint64_t n, v;
        if (ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) continue;
        if (p->sync.count_events.len && u64map_get(&p->sync.count_events, (uint64_t)(uintptr_t)ev, &n)) {
            const IrOperand *step = ev->src;
            uint64_t good = step && step->kind == IR_OPD_CONST && step->value == 1 && runs_once(p, (uint32_t)f, ev_b, 0);
            if (!u64map_get(&ok, n - 1, &v) || v) u64map_put(&ok, n - 1, good);
            continue;
        }
        if (ev->flags & IR_EV_RMW) continue;
        IdSet nodes = {0};
        pt_resolve_path(p, (uint32_t)f, &ev->path, &nodes);
        for (uint32_t k = 0; k < nodes.n; k++) {
            if (!u64map_get(&p->sync.countdowns, nodes.v[k], NULL)) continue;
            uint64_t val = 0; /* another write: nothing known */
            if (ev->kind == IR_EV_ASSIGN && nodes.n == 1 && ev->src && ev->src->kind == IR_OPD_CONST &&
                ev->src->value >= 0 && ev->src->value < INT32_MAX)
                val = (uint64_t)ev->src->value + 1;
            else if (ev->kind == IR_EV_WRITE)
                continue; /* its ASSIGN says what it stores */
            /* a global's static initialiser counts only when nothing else
             * sets the counter (`tr.pending = NW` in main sets the start) */
            bool stat = (ev->flags & IR_EV_INIT) && ev->path.root == IR_ROOT_GLOBAL;
            U64Map *into = stat ? &static_init : &init;
            if (u64map_get(into, nodes.v[k], &v) && v != val) val = 0;
            u64map_put(into, nodes.v[k], val);
        }
        idset_free(&nodes);
    }
    for (size_t i = 0; i < p->sync.countdowns.cap; i++) {
        uint64_t n = p->sync.countdowns.keys[i], good, v, goal;
        if (n == UINT64_MAX || !u64map_get(&ok, n, &good) || !good) continue;
        if (!u64map_get(&p->sync.countdown_goal, n, &goal)) continue;
        int64_t start = 0; /* a global's static initialiser of 0 is no write */
        if (u64map_get(&init, n, &v) || u64map_get(&static_init, n, &v)) {
            if (!v) continue;
            start = (int64_t)v - 1;
        }
        const IdSet *counting = NULL;
        if (u64map_get(&p->sync.users, n << 2 | 2, &v)) counting = &p->sets.data[v];
        int64_t instances = 0;
        for (uint32_t k = 0; counting && k < counting->n && instances >= 0; k++) {
            int64_t c = thread_instances(p, counting->v[k]);
            instances = c < 0 ? -1 : instances + c;
        }
        if (!counting || instances <= 0) continue;
        int64_t needed = (goal >> 32) == COUNT_GOAL_ZERO ? start
                         : (goal >> 32) == COUNT_GOAL_UP  ? (int64_t)(goal & UINT32_MAX) - start
                                                          : INT64_MAX;
        if (needed < instances) idset_add(&p->sync.short_counts, (uint32_t)n);
    }
    u64map_free(&init);
    u64map_free(&static_init);
    u64map_free(&ok);
}

/* Is one of the locks in held the mutex node m? (COUNT_ATOMIC: none needed) */
static bool holds_node(Program *p, const IdSet *held, uint32_t m) {
    if (m == COUNT_ATOMIC) return true;
    for (uint32_t i = 0; i < held->n; i++) {
        const IdSet *n = lock_nodes(p, held->v[i]);
        if (n->n == 1 && n->v[0] == m) return true;
    }
    return false;
}

void sync_count_atomic(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const ApiModel *m,
                       FlowState *st) {
    if (!p->sync.countdowns.len || m->kind != API_ATOMIC || m->access != ATOMIC_RMW || m->object < 0 ||
        (uint32_t)m->object >= ev->call->nargs || model_atomic_relaxed(p, ev, m))
        return;
    uint32_t n = sync_node(p, func, ev->call, m->object, NULL);
    uint64_t mx;
    if (n == UINT32_MAX || !u64map_get(&p->sync.countdowns, n, &mx) || mx != (uint64_t)COUNT_ATOMIC + 1) return;
    u64map_put(&p->sync.count_events, (uint64_t)(uintptr_t)ev, (uint64_t)n + 1);
    idset_add(&st->posted, n);
    add_sync_user(p, n, 2, thread);
}

void sync_count_write(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, FlowState *st) {
    (void)func;
    uint64_t n, m;
    if (!p->sync.count_writes.len || !(ev->flags & IR_EV_RMW) ||
        !u64map_get(&p->sync.count_writes, (uint64_t)(uintptr_t)ev, &n))
        return;
    uint32_t node = (uint32_t)(n - 1);
    u64map_get(&p->sync.countdowns, node, &m);
    /* a count holds the loop's mutex, or is atomic on a spin-waited counter
     * (`_Atomic int c; c++`) */
    if (m - 1 == COUNT_ATOMIC ? !(ev->flags & IR_EV_ATOMIC) : !holds_node(p, &st->held, (uint32_t)(m - 1))) return;
    u64map_put(&p->sync.count_events, (uint64_t)(uintptr_t)ev, (uint64_t)node + 1);
    idset_add(&st->posted, node);
    add_sync_user(p, node, 2, thread);
}

void sync_enter_block(Program *p, uint32_t func, uint32_t block, FlowState *st) {
    uint64_t c, m;
    if (p->sync.counted_exits.len && u64map_get(&p->sync.counted_exits, (uint64_t)func << 32 | block, &c))
        idset_add(&st->waited, SYNC_COUNTED | (uint32_t)(c - 1));
    if (!p->sync.countdown_exits.len || !u64map_get(&p->sync.countdown_exits, (uint64_t)func << 32 | block, &c))
        return;
    /* the test that let the thread out read the counter holding the mutex */
    if (u64map_get(&p->sync.countdowns, c - 1, &m) && holds_node(p, &st->held, (uint32_t)(m - 1)))
        idset_add(&st->waited, (uint32_t)(c - 1));
}
