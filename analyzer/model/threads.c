/*
 * threads.c - the thread tree and the per-thread pass.
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
 * the loop exits. Waits, posts and barriers update the synchronisation
 * state (sync.c); the final visit of every reached event records its
 * accesses (accesses.c) and answers debug intrinsics (debug.c).
 *
 * May-happen-in-parallel is a query over the facts recorded: mhp.c.
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
    bool recording;            /* the final visit: record accesses and acquisitions */
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
    for (int32_t x = (int32_t)t; x >= 0; x = p->tm.threads.data[x].parent)
        if (p->tm.threads.data[x].many) return true;
    return false;
}

static uint32_t new_thread(Program *p, int32_t parent, const char *routine) {
    Thread t;
    memset(&t, 0, sizeof t);
    t.id = (uint32_t)p->tm.threads.len;
    t.parent = parent;
    t.routine = routine;
    t.handle_node = UINT32_MAX;
    t.handle_index_kind = -1;
    t.spawn_loop = -1;
    t.depth = parent >= 0 ? p->tm.threads.data[parent].depth + 1 : 0;
    vec_push(&p->tm.threads, t);
    return t.id;
}

/* The child of thread `parent` for this spawn event, created on first use;
 * UINT32_MAX when the spawn is cut (recursion or limits). */
static uint32_t child_for(Program *p, uint32_t parent, const IrEvent *ev, uint32_t func) {
    for (size_t i = 0; i < p->tm.threads.len; i++)
        if (p->tm.threads.data[i].parent == (int32_t)parent && p->tm.threads.data[i].spawn_ev == ev) return (uint32_t)i;
    /* recursive spawning: the same site on the ancestor chain */
    for (int32_t a = (int32_t)parent; a >= 0; a = p->tm.threads.data[a].parent)
        if (p->tm.threads.data[a].spawn_ev == ev) {
            p->tm.threads.data[a].many = true;
            return UINT32_MAX;
        }
    if (p->tm.threads.data[parent].depth + 1 > MODEL_MAX_THREAD_DEPTH || p->tm.threads.len >= MODEL_MAX_THREADS) {
        if (!p->tm.truncated)
            diag_report(p->diags, DIAG_WARNING, ev->loc.file, ev->loc.line, ev->loc.col,
                        "thread tree cut here (more than %d nested spawns or %d threads); threads "
                        "started below are not analysed", MODEL_MAX_THREAD_DEPTH, MODEL_MAX_THREADS);
        p->tm.truncated = true;
        return UINT32_MAX;
    }
    const CallInfo *ci = program_call(p, ev);
    const char *routine = "?";
    if (ci && ci->targets.n) routine = p->link.funcs.data[ci->targets.v[0]].ir->name;
    uint32_t id = new_thread(p, (int32_t)parent, routine);
    Thread *t = &p->tm.threads.data[id];
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
    Thread *t = &p->tm.threads.data[child];
    if (idset_has(&st->live, child) || model_thread_many(p, c->thread) || ci->api->many) t->many = true;
    idset_union(&t->live_at_spawn, &st->live);
    idset_union(&t->ever_at_spawn, &st->ever);
    t->spawn_loop = p->link.funcs.data[func].ir->blocks[block].loop;
    const ApiModel *m = ci->api;
    if (m->arg >= 0 && (uint32_t)m->arg < ev->call->nargs) {
        uint8_t k = inst_spawn_arg(p, func, &ev->call->args[m->arg], t->spawn_loop);
        t = &p->tm.threads.data[child];
        t->arg_kind = k;
    }
    if (m->handle >= 0 && (uint32_t)m->handle < ev->call->nargs && m->handle_by == HANDLE_POINTER) {
        const IrOperand *h = &ev->call->args[m->handle];
        IdSet nodes = {0};
        pt_operand_targets(p, func, h, &nodes);
        t = &p->tm.threads.data[child];
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
    const IrFunc *f = p->link.funcs.data[func].ir;
    int32_t loop = f->blocks[block].loop;
    for (uint32_t i = 0; i < st->live.n; i++) {
        uint32_t cid = st->live.v[i];
        Thread *t = &p->tm.threads.data[cid];
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

static void hook_thread_api(void *ctx, uint32_t func, uint32_t block, const IrEvent *ev, const CallInfo *ci,
                            FlowState *st) {
    ThreadCtx *c = ctx;
    Program *p = c->p;
    switch (ci->api->kind) {
    case API_SEM_WAIT: case API_SEM_POST: case API_COND_WAIT: case API_COND_SIGNAL: case API_BARRIER_WAIT:
        sync_event(p, c->thread, func, ev, ci->api, st);
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
            if (init != UINT32_MAX && p->lock.refs.data[init].func < 0) idset_add(&e.held, init);
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
            if (c->p->tm.threads.data[st->live.v[i]].handle_node == lk->handle_node) {
                c->p->tm.threads.data[st->live.v[i]].joined = true;
                idset_remove(&st->live, st->live.v[i]);
                i--;
            }
    }
}

/* Lock listener: each lock acquisition of the final visit, with the locks
 * held just before it (lock-order facts). Trylocks are not recorded: a
 * thread that backs off when a trylock fails waits for nothing. */
static void collect_acquisition(void *ctx, Program *p, const LockEvent *e, FlowState *st) {
    ThreadCtx *c = ctx;
    if (!c->recording || !e->final || e->kind != LOCK_EV_ACQUIRE) return;
    LockAcq a = {c->thread, e->func, e->ev, e->lock, model_intern_set(p, &st->held)};
    vec_push(&p->tm.acquisitions, a);
}

static void hook_visit(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st) {
    ThreadCtx *c = ctx;
    access_visit(c->p, c->thread, func, ev, st);
}

/* ---- per-thread analysis ------------------------------------------------------- */

static void analyze_thread(Program *p, uint32_t tid) {
    ThreadCtx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.thread = tid;
    u64map_init(&c.fs_index);
    LockListener listeners[] = {{&c, collect_acquisition}, lockset_listener};
    FlowHooks h = {&c, hook_call, hook_thread_api, hook_enter_block, NULL, listeners, 2, NULL};
    IdSet routines = {0};
    idset_copy(&routines, &p->tm.threads.data[tid].routines);
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
            const IdSet *callers = &p->pt.funcs.data[f].callers;
            for (uint32_t i = 0; i < callers->n; i++)
                if (fs_get(&c, callers->v[i], false)) enqueue(&c, callers->v[i]);
        }
        flow_state_free(&exit);
        if (++steps > MODEL_MAX_THREAD_STEPS) { /* safety net; monotone sets make this unreachable */
            diag_report(p->diags, DIAG_WARNING, NULL, 0, 0,
                        "the per-thread pass of thread %s stopped after %d function visits; accesses in "
                        "functions it had not settled may be missing", p->tm.threads.data[tid].routine,
                        MODEL_MAX_THREAD_STEPS);
            break;
        }
    }
    /* children still running when the thread's routines return outlive it */
    for (uint32_t i = 0; i < routines.n; i++) {
        FuncState *s = fs_get(&c, routines.v[i], false);
        if (!s || !s->exit.reached) continue;
        if (s->exit.live.n) p->tm.threads.data[tid].children_escape = true;
        for (uint32_t k = 0; k < s->exit.live.n; k++)
            if (p->tm.threads.data[tid].parent >= 0) p->tm.threads.data[s->exit.live.v[k]].escapes = true;
    }
    /* record the accesses, with the final states */
    h.visit = hook_visit;
    c.recording = true;
    for (size_t i = 0; i < c.fs.len; i++) {
        if (!c.fs.data[i].in.reached) continue;
        FlowState in;
        flow_state_init(&in);
        flow_state_copy(&in, &c.fs.data[i].in);
        idset_add(&p->tm.threads.data[tid].funcs, c.fs.data[i].func);
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
    size_t nentry_roots = p->tm.threads.len;
    for (uint32_t f = 0; f < p->link.funcs.len; f++) {
        if (!model_library_root(p, f)) continue;
        uint32_t id = UINT32_MAX;
        for (uint32_t t = 0; t < nentry_roots; t++)
            if (idset_has(&p->tm.threads.data[t].routines, f)) id = t;
        if (id == UINT32_MAX) {
            id = new_thread(p, -1, p->link.funcs.data[f].ir->name);
            idset_add(&p->tm.threads.data[id].routines, f);
        }
        p->tm.threads.data[id].many = true;
    }
}

void threads_build(Program *p, const ModelOptions *opt) {
    p->tm.elem_spawns = xcalloc(p->link.funcs.len ? p->link.funcs.len : 1, 1);
    p->tm.max_access_targets = opt && opt->max_access_targets ? opt->max_access_targets : MODEL_MAX_ACCESS_TARGETS;
    if (opt && opt->nentries) {
        for (size_t i = 0; i < opt->nentries; i++) {
            Func *f = program_func_by_name(p, opt->entries[i]);
            if (!f) {
                diag_report(p->diags, DIAG_ERROR, NULL, 0, 0, "--entry %s: no function of that name is defined",
                            opt->entries[i]);
                continue;
            }
            bool dup = false;
            for (size_t t = 0; t < p->tm.threads.len; t++)
                if (idset_has(&p->tm.threads.data[t].routines, f->id)) {
                    p->tm.threads.data[t].many = true;
                    dup = true;
                }
            if (dup) continue;
            uint32_t id = new_thread(p, -1, f->ir->name);
            idset_add(&p->tm.threads.data[id].routines, f->id);
        }
    } else if (!(opt && opt->library)) {
        Func *m = program_func_by_name(p, "main");
        if (m) {
            uint32_t id = new_thread(p, -1, "main");
            idset_add(&p->tm.threads.data[id].routines, m->id);
        }
    }
    if (opt && opt->library) library_roots(p);
    for (size_t t = 0; t < p->tm.threads.len; t++) analyze_thread(p, (uint32_t)t);
    if (p->tm.debug_notes.len)
        qsort(p->tm.debug_notes.data, p->tm.debug_notes.len, sizeof(DebugNote), debug_note_cmp);
    if (p->tm.unchecked_accesses)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "%zu accesses through pointers with more than %d possible targets were not checked",
                    p->tm.unchecked_accesses, (int)p->tm.max_access_targets);
}
