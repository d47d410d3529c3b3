/*
 * threads.c - the thread model and the per-thread pass that records accesses.
 *
 * Threads. The roots are main (or each --entry function). Every spawn call
 * reached by a thread T creates one abstract child thread per (T, spawn
 * site); a child is `many` when another instance of it may still run when it
 * is spawned again (a spawn in a loop without a join in the same iteration,
 * a function spawning it called twice, or a creator that is itself many).
 * Recursive spawning is cut: a spawn site already on the ancestor chain marks
 * that ancestor many instead of creating a new thread.
 *
 * Per thread, an interprocedural forward dataflow (flow.c) over every
 * function the thread reaches computes at each point: the locks surely held
 * (must, intersected over the function's call sites in this thread, plus the
 * callees' lock summaries from lockset.c), the children that may be running
 * (`live`: added at spawn, removed at a join of the same handle) and the
 * children possibly started (`ever`). A join through an array element with a
 * variable index inside a loop joins every thread stored in that array when
 * the loop exits.
 *
 * May-happen-in-parallel is a query over the facts recorded here: mhp.c.
 */
#include "flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct FuncState {
    uint32_t func;
    FlowState in;
    FlowState exit;
    IdSet spawned;   /* children spawned in this function or its callees */
    bool queued;
} FuncState;

typedef struct LoopKill {
    uint32_t func, block; /* loop exit block */
    uint32_t handle_node;
} LoopKill;

typedef struct ThreadCtx {
    Program *p;
    uint32_t thread;
    U64Map fs_index;           /* func -> index in fs */
    VEC(FuncState) fs;
    VEC(uint32_t) work;
    VEC(LoopKill) loop_kills;
    uint32_t cur_func;
} ThreadCtx;

/* ---- interned sets ---------------------------------------------------------- */

uint32_t model_intern_set(Program *p, const IdSet *s) {
    uint64_t key = idset_hash(s) & ~(1ULL << 63), v;
    while (u64map_get(&p->set_index, key, &v)) {
        if (idset_equal(&p->sets.data[v], s)) return (uint32_t)v;
        key = (key + 1) & ~(1ULL << 63);
    }
    IdSet c = {0};
    idset_copy(&c, s);
    vec_push(&p->sets, c);
    u64map_put(&p->set_index, key, p->sets.len - 1);
    return (uint32_t)p->sets.len - 1;
}

/* ---- per-thread function states --------------------------------------------- */

static FuncState *fs_get(ThreadCtx *c, uint32_t func, bool create) {
    uint64_t v;
    if (u64map_get(&c->fs_index, func, &v)) return &c->fs.data[v];
    if (!create) return NULL;
    FuncState s;
    memset(&s, 0, sizeof s);
    s.func = func;
    vec_push(&c->fs, s);
    u64map_put(&c->fs_index, func, c->fs.len - 1);
    return &c->fs.data[c->fs.len - 1];
}

static void enqueue(ThreadCtx *c, uint32_t func) {
    FuncState *s = fs_get(c, func, true);
    if (s->queued) return;
    s->queued = true;
    vec_push(&c->work, func);
}

/* Merge a caller's state (already translated) into callee's entry. */
static void propagate_entry(ThreadCtx *c, uint32_t callee, const FlowState *st) {
    FuncState *s = fs_get(c, callee, true);
    if (flow_state_merge(&s->in, st)) enqueue(c, callee);
}

static void translate_held(Program *p, const IdSet *held, uint32_t callee, const IrCall *call, IdSet *out) {
    for (uint32_t i = 0; i < held->n; i++) lock_to_callee(p, held->v[i], callee, call, out);
}

static void copy_sync(FlowState *dst, const FlowState *src) {
    idset_copy(&dst->waited, &src->waited);
    idset_copy(&dst->cwaited, &src->cwaited);
    idset_copy(&dst->posted, &src->posted);
    idset_copy(&dst->phases, &src->phases);
}

static void hook_call(void *ctx, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st) {
    ThreadCtx *c = ctx;
    Program *p = c->p;
    IdSet live_out = {0}, ever_add = {0};
    FlowState sync_after;
    flow_state_init(&sync_after);
    copy_sync(&sync_after, st);
    for (uint32_t k = 0; k < ci->targets.n; k++) {
        uint32_t g = ci->targets.v[k];
        FlowState e;
        flow_state_init(&e);
        e.reached = true;
        translate_held(p, &st->held, g, ev->call, &e.held);
        idset_copy(&e.live, &st->live);
        idset_copy(&e.ever, &st->ever);
        copy_sync(&e, st);
        propagate_entry(c, g, &e);
        flow_state_free(&e);
        FuncState *gs = fs_get(c, g, true);
        if (gs->exit.reached) {
            /* the callee's exit state starts from the meet of its callers' */
            idset_union(&sync_after.waited, &gs->exit.waited);
            idset_union(&sync_after.cwaited, &gs->exit.cwaited);
            idset_union(&sync_after.posted, &gs->exit.posted);
            flow_phases_merge(&sync_after.phases, &gs->exit.phases);
        }
        /* live after = (live - killed in g) + spawned in g and still running */
        IdSet out = {0};
        idset_copy(&out, &st->live);
        if (gs->exit.reached) {
            for (uint32_t i = 0; i < gs->in.live.n; i++)
                if (!idset_has(&gs->exit.live, gs->in.live.v[i])) idset_remove(&out, gs->in.live.v[i]);
            for (uint32_t i = 0; i < gs->exit.live.n; i++)
                if (idset_has(&gs->spawned, gs->exit.live.v[i])) idset_add(&out, gs->exit.live.v[i]);
        } else {
            idset_union(&out, &gs->spawned);
        }
        idset_union(&live_out, &out);
        idset_union(&ever_add, &gs->spawned);
        idset_free(&out);
    }
    lockset_apply_call(p, func, ev, ci, st);
    copy_sync(st, &sync_after);
    flow_state_free(&sync_after);
    idset_copy(&st->live, &live_out);
    idset_union(&st->ever, &ever_add);
    FuncState *me = fs_get(c, func, true);
    idset_union(&me->spawned, &ever_add);
    idset_free(&live_out);
    idset_free(&ever_add);
}

/* ---- thread creation ---------------------------------------------------------- */

bool model_thread_many(const Program *p, uint32_t t) {
    for (int32_t x = (int32_t)t; x >= 0; x = p->threads.data[x].parent)
        if (p->threads.data[x].many) return true;
    return false;
}

static uint32_t new_thread(Program *p, int32_t parent, const char *routine) {
    Thread t;
    memset(&t, 0, sizeof t);
    t.id = (uint32_t)p->threads.len;
    t.parent = parent;
    t.routine = routine;
    t.handle_node = UINT32_MAX;
    t.handle_index_kind = -1;
    t.spawn_loop = -1;
    t.depth = parent >= 0 ? p->threads.data[parent].depth + 1 : 0;
    vec_push(&p->threads, t);
    return t.id;
}

/* The child of thread `parent` for this spawn event, created on first use;
 * UINT32_MAX when the spawn is cut (recursion or limits). */
static uint32_t child_for(Program *p, uint32_t parent, const IrEvent *ev, uint32_t func) {
    for (size_t i = 0; i < p->threads.len; i++)
        if (p->threads.data[i].parent == (int32_t)parent && p->threads.data[i].spawn_ev == ev) return (uint32_t)i;
    /* recursive spawning: the same site on the ancestor chain */
    for (int32_t a = (int32_t)parent; a >= 0; a = p->threads.data[a].parent)
        if (p->threads.data[a].spawn_ev == ev) {
            p->threads.data[a].many = true;
            return UINT32_MAX;
        }
    if (p->threads.data[parent].depth + 1 > MODEL_MAX_THREAD_DEPTH || p->threads.len >= MODEL_MAX_THREADS) {
        if (!p->truncated_threads)
            diag_report(p->diags, DIAG_WARNING, ev->loc.file, ev->loc.line, ev->loc.col,
                        "thread tree cut here (more than %d nested spawns or %d threads); threads "
                        "started below are not analysed", MODEL_MAX_THREAD_DEPTH, MODEL_MAX_THREADS);
        p->truncated_threads = true;
        return UINT32_MAX;
    }
    const CallInfo *ci = program_call(p, ev);
    const char *routine = "?";
    if (ci && ci->targets.n) routine = p->funcs.data[ci->targets.v[0]].ir->name;
    uint32_t id = new_thread(p, (int32_t)parent, routine);
    Thread *t = &p->threads.data[id];
    t->spawn_ev = ev;
    t->spawn_func = func;
    t->spawn_loc = ev->loc;
    if (ci) idset_copy(&t->routines, &ci->targets);
    return id;
}

/* Last index step of a handle path: kind (-1 none) and constant. */
static void handle_index(const IrPath *path, int8_t *kind, int64_t *value) {
    *kind = -1;
    *value = 0;
    for (uint32_t i = path->nsteps; i-- > 0;)
        if (path->steps[i].kind == IR_STEP_INDEX) {
            *kind = (int8_t)path->steps[i].index_kind;
            *value = path->steps[i].value;
            return;
        }
}

static void do_spawn(ThreadCtx *c, uint32_t func, uint32_t block, const IrEvent *ev, const CallInfo *ci,
                     FlowState *st) {
    Program *p = c->p;
    uint32_t child = child_for(p, c->thread, ev, func);
    if (child == UINT32_MAX) return;
    Thread *t = &p->threads.data[child];
    if (idset_has(&st->live, child) || model_thread_many(p, c->thread) || ci->api->many) t->many = true;
    idset_union(&t->live_at_spawn, &st->live);
    idset_union(&t->ever_at_spawn, &st->ever);
    t->spawn_loop = p->funcs.data[func].ir->blocks[block].loop;
    const ApiModel *m = ci->api;
    if (m->arg >= 0 && (uint32_t)m->arg < ev->call->nargs) {
        uint8_t k = inst_spawn_arg(p, func, &ev->call->args[m->arg], t->spawn_loop);
        t = &p->threads.data[child];
        t->arg_kind = k;
    }
    if (m->handle >= 0 && (uint32_t)m->handle < ev->call->nargs && m->handle_by == HANDLE_POINTER) {
        const IrOperand *h = &ev->call->args[m->handle];
        IdSet nodes = {0};
        pt_operand_targets(p, func, h, &nodes);
        t = &p->threads.data[child];
        t->handle_node = nodes.n == 1 ? nodes.v[0] : UINT32_MAX;
        if (h->kind == IR_OPD_ADDR) handle_index(&h->path, &t->handle_index_kind, &t->handle_index);
        else t->handle_index_kind = IR_INDEX_UNKNOWN;
        idset_free(&nodes);
    }
    idset_add(&st->live, child);
    idset_add(&st->ever, child);
    idset_add(&fs_get(c, func, true)->spawned, child);
}

static void do_join(ThreadCtx *c, uint32_t func, uint32_t block, const IrEvent *ev, const CallInfo *ci,
                    FlowState *st, bool detach) {
    Program *p = c->p;
    const ApiModel *m = ci->api;
    if (m->handle < 0 || (uint32_t)m->handle >= ev->call->nargs) return;
    const IrOperand *h = &ev->call->args[m->handle];
    IdSet nodes = {0};
    IrPath hpath;
    if (m->handle_by == HANDLE_POINTER) {
        pt_operand_targets(p, func, h, &nodes);
        if (h->kind != IR_OPD_ADDR) return idset_free(&nodes);
        hpath = h->path;
    } else {
        if (h->kind != IR_OPD_VALUE) return;
        pt_resolve_path(p, func, &h->path, &nodes);
        hpath = h->path;
    }
    if (nodes.n != 1) {
        idset_free(&nodes);
        return;
    }
    uint32_t hn = nodes.v[0];
    idset_free(&nodes);
    int8_t ik;
    int64_t iv;
    handle_index(&hpath, &ik, &iv);
    const IrFunc *f = p->funcs.data[func].ir;
    int32_t loop = f->blocks[block].loop;
    for (uint32_t i = 0; i < st->live.n; i++) {
        uint32_t cid = st->live.v[i];
        Thread *t = &p->threads.data[cid];
        if (t->handle_node != hn) continue;
        if (detach) {
            t->escapes = true;
            continue;
        }
        bool kill_now = false;
        if (m->join_all) {
            kill_now = true; /* a pool wait joins every task submitted with this handle */
        } else if (ik == IR_INDEX_CONST) {
            kill_now = t->handle_index_kind == IR_INDEX_CONST && t->handle_index == iv;
        } else if (ik < 0) {
            /* plain handle: joins the last instance only, unless the spawn is
             * not in a loop or spawn and join share the loop iteration */
            kill_now = t->handle_index_kind < 0 &&
                       (t->spawn_loop < 0 || (t->spawn_func == func && t->spawn_loop == loop));
        } else if (loop >= 0) {
            /* join loop over a handle array: every element joined at loop exit */
            t->joined = true;
            LoopKill lk = {func, f->loops[loop].exit, hn};
            bool have = false;
            for (size_t k = 0; k < c->loop_kills.len; k++)
                if (c->loop_kills.data[k].func == func && c->loop_kills.data[k].block == lk.block &&
                    c->loop_kills.data[k].handle_node == hn)
                    have = true;
            if (!have) vec_push(&c->loop_kills, lk);
        }
        if (kill_now) {
            t->joined = true;
            idset_remove(&st->live, cid);
            i--;
        }
    }
}

/* The one node a synchronisation argument designates, or UINT32_MAX. */
static uint32_t sync_node(Program *p, uint32_t func, const IrCall *call, int arg, IdSet *all) {
    if (arg < 0 || (uint32_t)arg >= call->nargs) return UINT32_MAX;
    IdSet nodes = {0};
    pt_operand_targets(p, func, &call->args[arg], &nodes);
    uint32_t n = nodes.n == 1 ? nodes.v[0] : UINT32_MAX;
    if (all) idset_union(all, &nodes);
    idset_free(&nodes);
    return n;
}

/* Thread t posts/signals (role 0) or waits at the barrier (role 1) node n. */
static void add_sync_user(Program *p, uint32_t n, uint32_t role, uint32_t t) {
    uint64_t key = (uint64_t)n << 2 | role, v;
    IdSet s = {0};
    if (u64map_get(&p->sync_users, key, &v)) idset_copy(&s, &p->sets.data[v]);
    idset_add(&s, t);
    u64map_put(&p->sync_users, key, model_intern_set(p, &s));
    idset_free(&s);
}

static void do_sync(ThreadCtx *c, uint32_t func, const IrEvent *ev, const ApiModel *m, FlowState *st) {
    Program *p = c->p;
    IdSet all = {0};
    uint32_t n;
    switch (m->kind) {
    case API_SEM_WAIT:
        n = sync_node(p, func, ev->call, m->sem, NULL);
        if (n != UINT32_MAX && !m->has_success) idset_add(&st->waited, n);
        break;
    case API_COND_WAIT:
        n = sync_node(p, func, ev->call, m->cond, NULL);
        if (n != UINT32_MAX) idset_add(&st->cwaited, n);
        break;
    case API_SEM_POST: case API_COND_SIGNAL:
        sync_node(p, func, ev->call, m->kind == API_SEM_POST ? m->sem : m->cond, &all);
        idset_union(&st->posted, &all);
        for (uint32_t i = 0; i < all.n; i++) add_sync_user(p, all.v[i], 0, c->thread);
        break;
    case API_BARRIER_WAIT:
        n = sync_node(p, func, ev->call, m->barrier, NULL);
        if (n != UINT32_MAX) {
            flow_barrier_pass(&st->phases, n);
            add_sync_user(p, n, 1, c->thread);
        }
        break;
    default: break;
    }
    idset_free(&all);
}

static void hook_thread_api(void *ctx, uint32_t func, uint32_t block, const IrEvent *ev, const CallInfo *ci,
                            FlowState *st) {
    ThreadCtx *c = ctx;
    Program *p = c->p;
    switch (ci->api->kind) {
    case API_SEM_WAIT: case API_SEM_POST: case API_COND_WAIT: case API_COND_SIGNAL: case API_BARRIER_WAIT:
        do_sync(c, func, ev, ci->api, st);
        break;
    case API_SPAWN: do_spawn(c, func, block, ev, ci, st); break;
    case API_JOIN: do_join(c, func, block, ev, ci, st, false); break;
    case API_DETACH: do_join(c, func, block, ev, ci, st, true); break;
    case API_ONCE: {
        /* the routine runs once, under a pseudo-lock naming the once control;
         * after the call the caller holds the "done" form of it */
        IrPath ctl;
        uint32_t init = UINT32_MAX, done = UINT32_MAX;
        if (ev->call->nargs > 0 && flow_lock_path(p->arena, &ev->call->args[0], &ctl)) {
            init = lock_intern(p, (int32_t)func, &ctl, LMODE_ONCE_INIT);
            done = lock_intern(p, (int32_t)func, &ctl, LMODE_ONCE_DONE);
        }
        for (uint32_t k = 0; k < ci->targets.n; k++) {
            uint32_t g = ci->targets.v[k];
            FlowState e;
            flow_state_init(&e);
            e.reached = true;
            translate_held(p, &st->held, g, ev->call, &e.held);
            if (init != UINT32_MAX && p->locks.data[init].func < 0) idset_add(&e.held, init);
            idset_copy(&e.live, &st->live);
            idset_copy(&e.ever, &st->ever);
            propagate_entry(c, g, &e);
            flow_state_free(&e);
        }
        if (done != UINT32_MAX) idset_add(&st->held, done);
        break;
    }
    default: break;
    }
}

static void hook_enter_block(void *ctx, uint32_t func, uint32_t block, FlowState *st) {
    ThreadCtx *c = ctx;
    for (size_t k = 0; k < c->loop_kills.len; k++) {
        const LoopKill *lk = &c->loop_kills.data[k];
        if (lk->func != func || lk->block != block) continue;
        for (uint32_t i = 0; i < st->live.n; i++)
            if (c->p->threads.data[st->live.v[i]].handle_node == lk->handle_node) {
                c->p->threads.data[st->live.v[i]].joined = true;
                idset_remove(&st->live, st->live.v[i]);
                i--;
            }
    }
}

/* ---- recording accesses ------------------------------------------------------ */

static bool obj_can_race(const Program *p, uint32_t node) {
    const Obj *o = &p->objs.data[p->nodes.data[node].obj];
    if (!o->shared) return false;
    if (o->kind == OBJ_FUNC || o->kind == OBJ_EXTFUNC || o->kind == OBJ_STRING) return false;
    if (o->kind == OBJ_GLOBAL && (p->globals.data[o->a].flags & IR_GLOBAL_CONST)) return false;
    return true;
}

/* Longest common prefix of two paths that ends with a DEREF step; returns its
 * length in steps, 0 when there is none. */
static uint32_t deref_prefix(const IrPath *a, const IrPath *b) {
    if (a->root != b->root || a->root == IR_ROOT_STRING) return 0;
    if (a->root == IR_ROOT_GLOBAL ? (!a->usr || !b->usr || strcmp(a->usr, b->usr)) : a->id != b->id) return 0;
    uint32_t best = 0;
    for (uint32_t i = 0; i < a->nsteps && i < b->nsteps; i++) {
        const IrStep *x = &a->steps[i], *y = &b->steps[i];
        if (x->kind != y->kind) break;
        if (x->kind == IR_STEP_FIELD && strcmp(x->field ? x->field : "", y->field ? y->field : "")) break;
        if (x->kind == IR_STEP_INDEX &&
            !(x->index_kind == y->index_kind && x->index_kind != IR_INDEX_UNKNOWN &&
              (x->index_kind == IR_INDEX_CONST ? x->value == y->value : x->local == y->local)))
            break;
        if (x->kind == IR_STEP_DEREF) best = i + 1;
    }
    return best;
}

/* Does heap object o stand for several objects at once? */
static bool summary_heap(const Program *p, uint32_t o) {
    const Obj *obj = &p->objs.data[o];
    if (obj->kind != OBJ_HEAP || !obj->site) return false;
    const Func *f = &p->funcs.data[obj->a];
    uint32_t b, i;
    if (!ir_event_position(f->ir, obj->site, &b, &i)) return true;
    return f->ir->blocks[b].loop >= 0 || f->callers.n > 1 || (f->callers.n == 1 && f->callers.v[0] == f->id);
}

/* Lock nodes protecting `node` reached by `apath` in func, from held lock l. */
static uint32_t held_lock_node(Program *p, uint32_t func, const IrPath *apath, uint32_t node, uint32_t l) {
    const LockRef lr = p->locks.data[l];
    if (lr.func == (int32_t)func) {
        uint32_t k = deref_prefix(apath, &lr.path);
        if (k) {
            /* pair the lock and the access through the same pointer */
            IrPath pre = *apath;
            pre.nsteps = k;
            IdSet bases = {0};
            pt_resolve_path(p, func, &pre, &bases);
            uint32_t found = UINT32_MAX;
            for (uint32_t i = 0; i < bases.n; i++) {
                IdSet one = {0}, an = {0}, ln = {0};
                idset_add(&one, bases.v[i]);
                pt_resolve_steps(p, &one, apath->steps + k, apath->nsteps - k, &an);
                pt_resolve_steps(p, &one, lr.path.steps + k, lr.path.nsteps - k, &ln);
                if (idset_has(&an, node) && ln.n == 1) {
                    if (found == UINT32_MAX || found == ln.v[0]) found = ln.v[0];
                    else found = UINT32_MAX - 1; /* ambiguous */
                }
                idset_free(&one);
                idset_free(&an);
                idset_free(&ln);
            }
            idset_free(&bases);
            if (found < UINT32_MAX - 1) return found;
        }
    }
    const IdSet *n = lock_nodes(p, l);
    if (n->n != 1) return UINT32_MAX;
    /* a lock inside a heap object that stands for many (allocated in a loop
     * or by a function called from several places) is a different lock for
     * each of them: without pairing through the same pointer it protects
     * nothing (`a->lock` held while touching `b->data`) */
    if (summary_heap(p, p->nodes.data[n->v[0]].obj)) return UINT32_MAX;
    return n->v[0];
}

/* Is local w assigned exactly once in f, from an element indexed by local v
 * (`w = to_worker[v]`)? Then equal v give equal w: a lock chosen by w pairs
 * with an access indexed by v. */
static bool index_derived(const IrFunc *f, uint32_t w, uint32_t v) {
    int writes = 0;
    bool from_v = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->path.root != IR_ROOT_LOCAL || ev->path.id != w || ev->path.nsteps) continue;
            if (ev->kind == IR_EV_WRITE) writes++;
            if (ev->kind != IR_EV_ASSIGN || ev->src->kind != IR_OPD_VALUE) continue;
            const IrPath *s = &ev->src->path;
            for (uint32_t i = 0; i < s->nsteps; i++)
                from_v |= s->steps[i].kind == IR_STEP_INDEX && s->steps[i].index_kind == IR_INDEX_LOCAL &&
                          s->steps[i].local == v;
        }
    return writes == 1 && from_v;
}

/* How held lock l, if it names an element of a lock array, relates to the
 * access by apath in func. False when it cannot protect the access: an
 * element chosen by a variable the access is not indexed by (PRECISION:
 * array elements are one location, so `locks[i]` protects `data[i]` only
 * through this pairing). */
static bool lock_index(const Program *p, uint32_t func, const IrPath *apath, uint32_t l, uint8_t *kind,
                       int64_t *value) {
    const LockRef *lr = &p->locks.data[l];
    *kind = LOCK_INDEX_NONE;
    *value = 0;
    const IrStep *ix = NULL;
    for (uint32_t i = 0; i < lr->path.nsteps; i++)
        if (lr->path.steps[i].kind == IR_STEP_INDEX) ix = &lr->path.steps[i];
    if (!ix) return true;
    if (ix->index_kind == IR_INDEX_CONST) {
        *kind = LOCK_INDEX_CONST;
        *value = ix->value;
        return true;
    }
    /* PRECISION: an element chosen by an expression (`mu[map[type]]`) is
     * taken for the whole array, as if one lock guarded every element */
    if (ix->index_kind == IR_INDEX_UNKNOWN || ix->index_kind == IR_INDEX_TEMP) return true;
    if (lr->func != (int32_t)func) return false;
    for (uint32_t i = 0; i < apath->nsteps; i++)
        if (apath->steps[i].kind == IR_STEP_INDEX && apath->steps[i].index_kind == IR_INDEX_LOCAL &&
            (apath->steps[i].local == ix->local ||
             index_derived(p->funcs.data[func].ir, ix->local, apath->steps[i].local))) {
            *kind = LOCK_INDEX_PAIRED;
            return true;
        }
    return false;
}

/* Can control go from block `from` to block `to` inside loop `loop` without
 * passing its header (that is, within one iteration)? */
static bool reaches_in_iteration(const IrFunc *f, uint32_t from, uint32_t to, int32_t loop) {
    uint32_t header = f->loops[loop].header;
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    VEC(uint32_t) work = {0};
    bool found = false;
    for (uint32_t s = 0; s < f->blocks[from].nsucc; s++) vec_push(&work, f->blocks[from].succ[s]);
    while (work.len && !found) {
        uint32_t b = work.data[--work.len];
        if (b >= f->nblocks || seen[b] || b == header || !ir_block_in_loop(f, b, loop)) continue;
        seen[b] = true;
        if (b == to) found = true;
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++) vec_push(&work, f->blocks[b].succ[s]);
    }
    vec_free(&work);
    free(seen);
    return found;
}

/* Is ev, in the function that spawns the thread owning a per-instance object
 * obj, earlier in the loop iteration than that spawn (the creator filling in
 * the object it is about to hand over)? */
/* Is ev earlier than spawn in the same iteration of the spawn's loop? */
static bool earlier_in_iteration(const IrFunc *f, const IrEvent *ev, const IrEvent *spawn) {
    uint32_t ab, ai, sb, si;
    if (!ir_event_position(f, ev, &ab, &ai) || !ir_event_position(f, spawn, &sb, &si)) return false;
    int32_t loop = f->blocks[sb].loop;
    if (loop < 0 || !ir_block_in_loop(f, ab, loop)) return false;
    if (ab == sb) return ai < si;
    return reaches_in_iteration(f, ab, sb, loop) && !reaches_in_iteration(f, sb, ab, loop);
}

static bool before_spawn(const Program *p, uint32_t func, const IrEvent *ev, const Obj *obj) {
    if (!obj->per_instance || obj->a != func) return false;
    return earlier_in_iteration(p->funcs.data[func].ir, ev, obj->spawn);
}

/* The spawn in func whose argument is the element `arr[v]` that the access
 * by path also indexes with v, when the access comes earlier in the loop
 * iteration (the creator filling in `args[i]` before handing over
 * `&args[i]`); NULL otherwise. */
/* The spawn in a loop of f at event sp handing over an element indexed by a
 * local (`create(..., &args[i])`): its argument, else NULL. */
static const IrOperand *element_arg(const Program *p, const IrFunc *f, uint32_t b, const IrEvent *sp) {
    if (f->blocks[b].loop < 0 || sp->kind != IR_EV_CALL || !sp->call) return NULL;
    const CallInfo *ci = program_call(p, sp);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_SPAWN || ci->api->arg < 0 ||
        (uint32_t)ci->api->arg >= sp->call->nargs)
        return NULL;
    const IrOperand *a = &sp->call->args[ci->api->arg];
    if (a->kind != IR_OPD_ADDR) return NULL;
    for (uint32_t i = 0; i < a->path.nsteps; i++)
        if (a->path.steps[i].kind == IR_STEP_INDEX && a->path.steps[i].index_kind == IR_INDEX_LOCAL) return a;
    return NULL;
}

/* The spawn in func whose argument is the element `arr[v]` that the access
 * by path also indexes with v, when the access comes earlier in the loop
 * iteration (the creator filling in `args[i]` before handing over
 * `&args[i]`); NULL otherwise. */
static const IrEvent *element_spawn(Program *p, uint32_t func, const IrEvent *ev, const IrPath *path) {
    const IrStep *ix = NULL;
    for (uint32_t i = 0; i < path->nsteps && !ix; i++)
        if (path->steps[i].kind == IR_STEP_INDEX && path->steps[i].index_kind == IR_INDEX_LOCAL) ix = &path->steps[i];
    if (!ix) return NULL;
    Func *fn = &p->funcs.data[func];
    const IrFunc *f = fn->ir;
    bool scan_only = !fn->elem_spawns; /* first visit: find whether there are any */
    for (uint32_t b = 0; b < f->nblocks && fn->elem_spawns != 2; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *sp = &f->blocks[b].events[e];
            const IrOperand *a = element_arg(p, f, b, sp);
            if (!a) continue;
            fn->elem_spawns = 1;
            if (a->path.root != path->root || a->path.id != path->id ||
                (a->path.root == IR_ROOT_GLOBAL && (!a->path.usr || !path->usr || strcmp(a->path.usr, path->usr))))
                continue;
            bool same = false;
            for (uint32_t i = 0; i < a->path.nsteps && !same; i++)
                same = a->path.steps[i].kind == IR_STEP_INDEX && a->path.steps[i].index_kind == IR_INDEX_LOCAL &&
                       a->path.steps[i].local == ix->local;
            if (same && earlier_in_iteration(f, ev, sp)) return sp;
        }
    if (scan_only && !fn->elem_spawns) fn->elem_spawns = 2;
    return NULL;
}

/* SOUNDNESS: an access whose pointer may reach more than MAX_ACCESS_TARGETS
 * shared locations is not checked (counted in a note): such sets come from
 * imprecise aliasing and would bury real findings under false ones. */
enum { MAX_ACCESS_TARGETS = 64 };

static void record(ThreadCtx *c, uint32_t func, const IrEvent *ev, const IrPath *spath, const IdSet *nodes,
                   bool write, bool atomic, const FlowState *st) {
    Program *p = c->p;
    if (nodes->n > MAX_ACCESS_TARGETS) {
        p->unchecked_accesses++;
        return;
    }
    uint32_t live = UINT32_MAX, ever = UINT32_MAX, waited = 0, cwaited = 0, posted = 0, phases = 0;
    char sp[512];
    const char *spelling = NULL;
    for (uint32_t i = 0; i < nodes->n; i++) {
        uint32_t node = nodes->v[i];
        if (!obj_can_race(p, node)) continue;
        if (live == UINT32_MAX) {
            live = model_intern_set(p, &st->live);
            ever = model_intern_set(p, &st->ever);
            waited = model_intern_set(p, &st->waited);
            cwaited = model_intern_set(p, &st->cwaited);
            posted = model_intern_set(p, &st->posted);
            phases = model_intern_set(p, &st->phases);
            ir_path_str(p->funcs.data[func].ir, spath, sp, sizeof sp);
            spelling = intern(&p->strings, sp);
        }
        Access a;
        memset(&a, 0, sizeof a);
        a.node = node;
        a.thread = c->thread;
        a.func = func;
        a.ev = ev;
        a.loc = ev->loc;
        a.write = write;
        a.atomic = atomic;
        const Obj *o = &p->objs.data[p->nodes.data[node].obj];
        if (o->kind == OBJ_GLOBAL && (p->globals.data[o->a].flags & IR_GLOBAL_ATOMIC) &&
            p->nodes.data[node].parent == UINT32_MAX)
            a.atomic = true;
        a.live = live;
        a.ever = ever;
        a.waited = waited;
        a.cwaited = cwaited;
        a.posted = posted;
        a.phases = phases;
        a.spelling = spelling;
        a.before_spawn = before_spawn(p, func, ev, o);
        a.elem_spawn = element_spawn(p, func, ev, spath);
        a.inst_private = model_thread_many(p, c->thread) && inst_private_access(p, c->thread, func, spath);
        a.unpublished = o->kind == OBJ_HEAP && own_before_publication(p, p->nodes.data[node].obj, func, ev);
        HeldLock tmp[16];
        uint32_t n = 0;
        for (uint32_t k = 0; k < st->held.n && n < 16; k++) {
            uint32_t ln = held_lock_node(p, func, spath, node, st->held.v[k]);
            if (ln >= UINT32_MAX - 1) continue;
            const Obj *lo = &p->objs.data[p->nodes.data[ln].obj];
            if (!lo->shared && lo->kind != OBJ_GLOBAL) continue; /* a private lock protects nothing */
            uint8_t ik;
            int64_t iv;
            if (!lock_index(p, func, spath, st->held.v[k], &ik, &iv)) continue;
            tmp[n++] = (HeldLock){ln, p->locks.data[st->held.v[k]].mode, ik, iv, p->locks.data[st->held.v[k]].spelling};
        }
        a.nlocks = n;
        a.locks = n ? arena_memdup(p->arena, tmp, n * sizeof(HeldLock)) : NULL;
        vec_push(&p->accesses, a);
    }
}

/* ---- debug intrinsics ----------------------------------------------------------- */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "{a, b}" from names (sorted, duplicates dropped) into the program's strings. */
static const char *name_set(Program *p, const char **names, size_t n, const char *prefix) {
    if (n > 1) qsort(names, n, sizeof(char *), cmp_str);
    char buf[2048];
    size_t len = (size_t)snprintf(buf, sizeof buf, "%s{", prefix);
    for (size_t i = 0; i < n && len < sizeof buf; i++) {
        if (i && !strcmp(names[i], names[i - 1])) continue;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len > strlen(prefix) + 1 ? ", " : "", names[i]);
    }
    if (len < sizeof buf) snprintf(buf + len, sizeof buf - len, "}");
    return intern(&p->strings, buf);
}

static const char *thread_name(Program *p, uint32_t t) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s%s", p->threads.data[t].routine, model_thread_many(p, t) ? "*" : "");
    return intern(&p->strings, buf);
}

/* racecheck_pts(e): what e may point to; racecheck_locks(): the locks surely
 * held; racecheck_threads(): this thread and its children that may run here.
 * Each distinct observation at a call is kept once (threads reaching it
 * may differ). */
static void debug_intrinsic(ThreadCtx *c, uint32_t func, const IrEvent *ev, const FlowState *st) {
    Program *p = c->p;
    const char *name = ev->call->callee.name + 10, *text = NULL;
    VEC(const char *) names = {0};
    if (!strcmp(name, "pts") && ev->call->nargs == 1) {
        IdSet t = {0};
        pt_operand_targets(p, func, &ev->call->args[0], &t);
        for (uint32_t i = 0; i < t.n; i++) {
            char b[512];
            vec_push(&names, intern(&p->strings, pt_node_name(p, t.v[i], b, sizeof b)));
        }
        idset_free(&t);
        text = name_set(p, names.data, names.len, "pts ");
    } else if (!strcmp(name, "locks")) {
        for (uint32_t i = 0; i < st->held.n; i++) {
            const LockRef *l = &p->locks.data[st->held.v[i]];
            if (l->mode == LMODE_ONCE_INIT || l->mode == LMODE_ONCE_DONE) continue;
            char b[600];
            snprintf(b, sizeof b, "%s%s", l->spelling, l->mode == LMODE_SHARED ? " (shared)" : "");
            vec_push(&names, intern(&p->strings, b));
        }
        text = name_set(p, names.data, names.len, "locks ");
    } else if (!strcmp(name, "threads")) {
        for (uint32_t i = 0; i < st->live.n; i++) vec_push(&names, thread_name(p, st->live.v[i]));
        char prefix[300];
        snprintf(prefix, sizeof prefix, "thread %s live ", thread_name(p, c->thread));
        text = name_set(p, names.data, names.len, prefix);
    }
    vec_free(&names);
    if (!text) return;
    for (size_t i = 0; i < p->debug_notes.len; i++)
        if (p->debug_notes.data[i].text == text && p->debug_notes.data[i].loc.line == ev->loc.line &&
            p->debug_notes.data[i].loc.col == ev->loc.col && p->debug_notes.data[i].loc.file == ev->loc.file)
            return;
    DebugNote n = {{ev->loc.file, ev->loc.line, ev->loc.col}, text};
    vec_push(&p->debug_notes, n);
}

static int cmp_note(const void *a, const void *b) {
    const DebugNote *x = a, *y = b;
    int c = srcloc_cmp(&x->loc, &y->loc);
    return c ? c : strcmp(x->text, y->text);
}

static void hook_visit(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st) {
    ThreadCtx *c = ctx;
    Program *p = c->p;
    if (ev->kind == IR_EV_READ || ev->kind == IR_EV_WRITE) {
        /* a local or temporary named directly (no dereference) is private
         * unless its address escaped: skip resolving it at all */
        if (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP) {
            bool deref = false;
            for (uint32_t i = 0; i < ev->path.nsteps && !deref; i++) deref = ev->path.steps[i].kind == IR_STEP_DEREF;
            const Func *fn = &p->funcs.data[func];
            uint32_t obj = ev->path.root == IR_ROOT_LOCAL ? fn->local_obj0 + ev->path.id : fn->temp_obj0 + ev->path.id;
            if (!deref && obj < p->objs.len && !p->objs.data[obj].shared) return;
        }
        IdSet nodes = {0};
        pt_resolve_path(p, func, &ev->path, &nodes);
        record(c, func, ev, &ev->path, &nodes, ev->kind == IR_EV_WRITE, (ev->flags & IR_EV_ATOMIC) != 0, st);
        idset_free(&nodes);
    } else if (ev->kind == IR_EV_CALL && ev->call) {
        const CallInfo *ci = program_call(p, ev);
        if (ci && ci->kind == CALL_EXTERNAL && ev->call->callee.name &&
            !strncmp(ev->call->callee.name, "racecheck_", 10)) {
            debug_intrinsic(c, func, ev, st);
            return;
        }
        if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) return;
        int oa = ci->api->object;
        if (oa < 0 || (uint32_t)oa >= ev->call->nargs) return;
        const IrOperand *op = &ev->call->args[oa];
        IdSet nodes = {0};
        pt_operand_targets(p, func, op, &nodes);
        IrPath sp;
        if (op->kind == IR_OPD_ADDR) sp = op->path;
        else if (op->kind == IR_OPD_VALUE) {
            IrStep d = {.kind = IR_STEP_DEREF};
            sp = ir_path_append(p->arena, &op->path, d);
        } else {
            idset_free(&nodes);
            return;
        }
        record(c, func, ev, &sp, &nodes, ci->api->access != ATOMIC_READ, true, st);
        idset_free(&nodes);
    }
}

/* ---- per-thread analysis ------------------------------------------------------- */

static void analyze_thread(Program *p, uint32_t tid) {
    ThreadCtx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.thread = tid;
    u64map_init(&c.fs_index);
    FlowHooks h = {&c, hook_call, hook_thread_api, hook_enter_block, NULL, NULL};
    IdSet routines = {0};
    idset_copy(&routines, &p->threads.data[tid].routines);
    for (uint32_t i = 0; i < routines.n; i++) {
        FlowState e;
        flow_state_init(&e);
        e.reached = true;
        propagate_entry(&c, routines.v[i], &e);
        flow_state_free(&e);
    }
    size_t steps = 0;
    while (c.work.len) {
        /* FIFO: take from the front */
        uint32_t f = c.work.data[0];
        memmove(c.work.data, c.work.data + 1, (c.work.len - 1) * sizeof(uint32_t));
        c.work.len--;
        FuncState *s = fs_get(&c, f, true);
        s->queued = false;
        FlowState in, exit;
        flow_state_init(&in);
        flow_state_copy(&in, &s->in);
        flow_run(p, f, &in, &h, &exit);
        flow_state_free(&in);
        s = fs_get(&c, f, true);
        bool changed = !s->exit.reached && exit.reached;
        if (s->exit.reached && exit.reached)
            changed = !idset_equal(&s->exit.live, &exit.live) || !idset_equal(&s->exit.held, &exit.held);
        if (changed) {
            flow_state_copy(&s->exit, &exit);
            const IdSet *callers = &p->funcs.data[f].callers;
            for (uint32_t i = 0; i < callers->n; i++)
                if (fs_get(&c, callers->v[i], false)) enqueue(&c, callers->v[i]);
        }
        flow_state_free(&exit);
        if (++steps > 100000) break; /* safety net; monotone sets make this unreachable */
    }
    /* children still running when the thread's routines return outlive it */
    for (uint32_t i = 0; i < routines.n; i++) {
        FuncState *s = fs_get(&c, routines.v[i], false);
        if (!s || !s->exit.reached) continue;
        if (s->exit.live.n) p->threads.data[tid].children_escape = true;
        for (uint32_t k = 0; k < s->exit.live.n; k++)
            if (p->threads.data[tid].parent >= 0) p->threads.data[s->exit.live.v[k]].escapes = true;
    }
    /* record the accesses, with the final states */
    h.visit = hook_visit;
    for (size_t i = 0; i < c.fs.len; i++) {
        if (!c.fs.data[i].in.reached) continue;
        FlowState in;
        flow_state_init(&in);
        flow_state_copy(&in, &c.fs.data[i].in);
        idset_add(&p->threads.data[tid].funcs, c.fs.data[i].func);
        flow_run(p, c.fs.data[i].func, &in, &h, NULL);
        flow_state_free(&in);
    }
    for (size_t i = 0; i < c.fs.len; i++) {
        flow_state_free(&c.fs.data[i].in);
        flow_state_free(&c.fs.data[i].exit);
        idset_free(&c.fs.data[i].spawned);
    }
    vec_free(&c.fs);
    vec_free(&c.work);
    vec_free(&c.loop_kills);
    u64map_free(&c.fs_index);
    idset_free(&routines);
}

/* Library mode: every exported function is a root thread with many
 * instances (roots.c); one already named with --entry becomes many. */
static void library_roots(Program *p) {
    size_t nentry_roots = p->threads.len;
    for (uint32_t f = 0; f < p->funcs.len; f++) {
        if (!model_library_root(p, f)) continue;
        uint32_t id = UINT32_MAX;
        for (uint32_t t = 0; t < nentry_roots; t++)
            if (idset_has(&p->threads.data[t].routines, f)) id = t;
        if (id == UINT32_MAX) {
            id = new_thread(p, -1, p->funcs.data[f].ir->name);
            idset_add(&p->threads.data[id].routines, f);
        }
        p->threads.data[id].many = true;
    }
}

void threads_build(Program *p, const ModelOptions *opt) {
    if (opt && opt->nentries) {
        for (size_t i = 0; i < opt->nentries; i++) {
            Func *f = program_func_by_name(p, opt->entries[i]);
            if (!f) {
                diag_report(p->diags, DIAG_ERROR, NULL, 0, 0, "--entry %s: no function of that name is defined",
                            opt->entries[i]);
                continue;
            }
            bool dup = false;
            for (size_t t = 0; t < p->threads.len; t++)
                if (idset_has(&p->threads.data[t].routines, f->id)) {
                    p->threads.data[t].many = true;
                    dup = true;
                }
            if (dup) continue;
            uint32_t id = new_thread(p, -1, f->ir->name);
            idset_add(&p->threads.data[id].routines, f->id);
        }
    } else if (!(opt && opt->library)) {
        Func *m = program_func_by_name(p, "main");
        if (m) {
            uint32_t id = new_thread(p, -1, "main");
            idset_add(&p->threads.data[id].routines, m->id);
        }
    }
    if (opt && opt->library) library_roots(p);
    for (size_t t = 0; t < p->threads.len; t++) analyze_thread(p, (uint32_t)t);
    if (p->debug_notes.len)
        qsort(p->debug_notes.data, p->debug_notes.len, sizeof(DebugNote), cmp_note);
    if (p->unchecked_accesses)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "%zu accesses through pointers with more than %d possible targets were not checked",
                    p->unchecked_accesses, MAX_ACCESS_TARGETS);
}
