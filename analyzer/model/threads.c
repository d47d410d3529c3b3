/*
 * threads.c - the thread tree and the per-thread pass.
 *
 * Threads. The roots are main (or each --entry function). Every spawn call
 * reached by a thread T creates one abstract child thread per (T, spawn
 * site); a child is `many` when another instance of it may still run when it
 * is spawned again (a spawn in a loop without a join in the same iteration,
 * a function spawning it called twice, or a creator that is itself many) -
 * unless a set-once guard makes its spawn run once (once.c: one instance in
 * all, and not started yet on the guard's zero edge, hook_edge_state).
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
 * state (sync.c). The recording pass then visits every function once per
 * calling context (CtxState: the calls reaching it with one set of children
 * live, their entry states joined, propagated top-down from the routines
 * with the callees' exits of the first pass), records its accesses
 * (accesses.c) and answers debug intrinsics (debug.c).
 *
 * May-happen-in-parallel is a query over the facts recorded: mhp.c.
 */
#include "flow.h"
#include "../ir/cfg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct FuncState {
    uint32_t func;
    FlowState in;
    FlowState exit;
    IdSet spawned;   /* children spawned in this function or its callees */
    uint32_t round;  /* the round of the summaries' fixpoint it is queued for (work_key) */
    bool queued;
} FuncState;

typedef struct LoopKill {
    uint32_t func, block; /* loop exit block */
    uint32_t handle_node;
    uint32_t thread;      /* the child it joins */
} LoopKill;

/* A recursive spawn (an instance of ancestor `thread` started by this
 * thread) and the handle it stores the instance in: such an instance is
 * kept in the live set under the ancestor's id, which is never a child's. */
typedef struct RecHandle {
    uint32_t thread;
    uint32_t node;
    int8_t index_kind;
    int64_t index;
    int32_t spawn_loop;
    uint32_t spawn_func;
    LoopRange range;
} RecHandle;

/* A calling context of a function in the recording pass: the entry states
 * of the calls that reach it with one set of children live (the key),
 * joined. */
typedef struct CtxState {
    uint32_t func;
    uint32_t live;       /* the key: interned set id */
    uint32_t modes;      /* ... with the mode facts (modes.c), interned */
    uint32_t next;       /* the function's next context, UINT32_MAX: none */
    FlowState in;
    bool queued;
    bool overflow;       /* the function's overflow context: every key */
    bool leaf;           /* the function calls nothing (no context of its own to propagate) */
} CtxState;

typedef struct ThreadCtx {
    Program *p;
    uint32_t thread;
    U64Map fs_index;           /* func -> index in fs */
    VEC(FuncState) fs;
    VEC(uint32_t) work;
    bool contexts;             /* the recording pass: calls propagate into contexts (CtxState) */
    VEC(CtxState) ctxs;
    U64Map ctx_first;          /* func -> index of its first context */
    VEC(uint32_t) ctx_work;
    size_t ctx_budget;         /* contexts at most (beyond: each function's overflow context) */
    uint32_t cur_ctx;          /* the context running (TPARAMS_NO_CONTEXT: none) */
    VEC(TparamsEdge) edges;    /* the calls that entered each context (ctxparams.c) */
    VEC(LoopKill) loop_kills;
    VEC(RecHandle) rec_handles;
    IdSet clobbered;           /* children whose handle was overwritten while they ran */
    bool recording;            /* the final visit: record accesses and acquisitions */
    ThreadParams *params;      /* the final visit: what parameters point to in this thread */
    uint32_t round;            /* the summaries' round of the function running (enqueue) */
    /* the block's spawn whose status the branch ending the block tests,
     * and the child it started afresh (not running nor started before on
     * this path): on the failure edge no child was started (spawn_failed) */
    struct {
        bool valid;
        uint32_t func, block, child;
        uint8_t fail;          /* the successor on which it failed (inst_spawn_failure_succ) */
        bool first;            /* no instance of the child was started before on this path */
    } fresh_spawn;
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

uint32_t model_intern_locks(Program *p, const IdSet *held) {
    bool any = false;
    for (uint32_t i = 0; i < held->n && !any; i++) any = lock_is_pseudo(&p->lock.refs.data[held->v[i]]);
    if (!any) return model_intern_set(p, held);
    IdSet locks = {0};
    for (uint32_t i = 0; i < held->n; i++)
        if (!lock_is_pseudo(&p->lock.refs.data[held->v[i]])) idset_add(&locks, held->v[i]);
    uint32_t id = model_intern_set(p, &locks);
    idset_free(&locks);
    return id;
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

/* The work list of the summaries' fixpoint, in rounds: a function queued
 * while round r runs goes to round r + 1, and each round takes callers
 * before their callees (the highest position in the bottom-up order
 * first), so a function's entry state is mostly joined from its callers
 * before it runs. Measured on the corpus (before exit_changed made callers
 * run again on every change they read): a plain FIFO ran about 15 % more
 * functions on memcached, 30 % more on redis; callers first without rounds
 * (a caller queued again when a callee's exit changed runs before the
 * callees its earlier run reached) more than twice as many. */
static uint64_t work_key(ThreadCtx *c, uint32_t func) {
    const Program *p = c->p;
    uint32_t rank = func < p->link.funcs.len && p->link.call_rank ? p->link.call_rank[func] : UINT32_MAX;
    return (uint64_t)(UINT32_MAX - fs_get(c, func, false)->round) << 32 | rank;
}

static void enqueue(ThreadCtx *c, uint32_t func) {
    FuncState *s = fs_get(c, func, true);
    if (s->queued) return;
    s->queued = true;
    s->round = c->round + 1;
    vec_push(&c->work, func);
    uint64_t key = work_key(c, func);
    for (size_t i = c->work.len - 1; i > 0;) { /* sift up */
        size_t up = (i - 1) / 2;
        if (work_key(c, c->work.data[up]) >= key) break;
        c->work.data[i] = c->work.data[up];
        c->work.data[up] = func;
        i = up;
    }
}

static uint32_t work_pop(ThreadCtx *c) {
    uint32_t top = c->work.data[0], last = c->work.data[--c->work.len];
    if (!c->work.len) return top;
    uint64_t key = work_key(c, last);
    size_t i = 0;
    for (;;) { /* sift down */
        size_t l = 2 * i + 1, r = l + 1, m = i;
        uint64_t mk = key;
        if (l < c->work.len && work_key(c, c->work.data[l]) > mk) m = l, mk = work_key(c, c->work.data[l]);
        if (r < c->work.len && work_key(c, c->work.data[r]) > mk) m = r;
        if (m == i) break;
        c->work.data[i] = c->work.data[m];
        i = m;
    }
    c->work.data[i] = last;
    return top;
}

/* Does func call a function (a call with targets: the callees' contexts
 * depend on it)? */
static bool calls_functions(Program *p, uint32_t func) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (ci && ci->targets.n) return true;
        }
    return false;
}

/* The recording pass: merge a caller's state into the callee's context
 * keyed by the children live there; a function with
 * MODEL_MAX_CONTEXTS contexts already (or a thread over its budget) merges
 * the rest into one overflow context. */
static void ctx_propagate(ThreadCtx *c, uint32_t callee, const FlowState *st, const IrEvent *ev, bool plain) {
    uint32_t live = model_intern_set(c->p, &st->live);
    IdSet key = {0};
    modes_context_key(c->p, callee, &st->modes, &key);
    uint32_t modes = model_intern_set(c->p, &key);
    idset_free(&key);
    uint32_t found = UINT32_MAX, overflow = UINT32_MAX, n = 0, last = UINT32_MAX;
    uint64_t first;
    if (u64map_get(&c->ctx_first, callee, &first))
        for (uint32_t i = (uint32_t)first; i != UINT32_MAX; last = i, i = c->ctxs.data[i].next, n++) {
            if (c->ctxs.data[i].live == live && c->ctxs.data[i].modes == modes && !c->ctxs.data[i].overflow) found = i;
            if (c->ctxs.data[i].overflow) overflow = i;
        }
    if (found == UINT32_MAX) found = overflow;
    if (found == UINT32_MAX) {
        CtxState x;
        memset(&x, 0, sizeof x);
        x.func = callee;
        x.next = UINT32_MAX;
        bool keyed = n < MODEL_MAX_CONTEXTS - 1 && c->ctxs.len < c->ctx_budget;
        x.live = live;
        x.modes = modes;
        x.overflow = !keyed;
        x.leaf = !calls_functions(c->p, callee);
        flow_state_init(&x.in);
        vec_push(&c->ctxs, x);
        found = (uint32_t)c->ctxs.len - 1;
        if (last == UINT32_MAX) u64map_put(&c->ctx_first, callee, found);
        else c->ctxs.data[last].next = found;
    }
    TparamsEdge edge = {found, c->cur_ctx, c->cur_ctx == TPARAMS_NO_CONTEXT ? 0 : c->ctxs.data[c->cur_ctx].func,
                        plain && c->cur_ctx != TPARAMS_NO_CONTEXT, ev};
    const TparamsEdge *last_edge = c->edges.len ? &c->edges.data[c->edges.len - 1] : NULL;
    if (!last_edge || last_edge->callee_ctx != found || last_edge->caller_ctx != c->cur_ctx || last_edge->ev != ev)
        vec_push(&c->edges, edge);
    CtxState *x = &c->ctxs.data[found];
    if (flow_state_merge(c->p, &x->in, st) && !x->queued) {
        x->queued = true;
        vec_push(&c->ctx_work, found);
    }
}

/* Merge a caller's state (already translated) into callee's entry: at
 * call ev (NULL: the thread's start), plain when the call passes its
 * arguments to callee's parameters. */
static void propagate_entry(ThreadCtx *c, uint32_t callee, const FlowState *st, const IrEvent *ev, bool plain) {
    if (c->contexts) {
        if (!c->recording) ctx_propagate(c, callee, st, ev, plain);
        return;
    }
    FuncState *s = fs_get(c, callee, true);
    if (flow_state_merge(c->p, &s->in, st)) enqueue(c, callee);
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

/* ---- guards: a global that is 0 only while some children are not running ------- */

/* A lazily set up subsystem, torn down after its threads are joined (pigz's
 * setup_jobs and finish_jobs):
 *
 *     if (G != NULL) return;  G = new_lock(0);  ...  // set-up, then spawns
 *     join_all();  ...  G = NULL;                    // tear-down
 *
 * The set-up code runs again only after the tear-down, so never while a
 * thread it started is running. The per-thread pass keeps, per path, the
 * guard globals the thread has set to a value known to be non-zero
 * (FlowState.nonzero: a non-zero constant, an address, a pointer to fresh
 * allocations only) and not written since, and the (child, G) pairs for
 * which, on every path where the child may run, it was started while G was
 * non-zero and G was not written since (FlowState.guarded, guard_spawn).
 * On the edge where a test finds G zero, the thread's children G guards
 * are not running (guard_edge).
 * The guards (guard_candidates) are plain globals a branch tests against 0
 * whose every store is in code that no function used as a value (a
 * thread's routine, a callback) reaches: the first thread alone writes
 * them, as set-up and tear-down code does; some store resets them; and
 * that thread runs one instance. Monotone guards need none of that: a
 * global (a field of one, or one constant element of an array field, the
 * same at every test) that no store by any thread makes 0
 * (once_never_zeroed) stays non-zero once set, whoever sets it; a fill
 * loop (fill_guard) sets the element it covers. PRECISION: a pointer to
 * fresh allocations may be NULL where an allocation failed; a store
 * through a pointer to a reset guard is not seen. */

/* The node of a plain global path (no step), UINT32_MAX for anything else. */
static uint32_t plain_global_node(Program *p, const IrPath *path) {
    if (path->root != IR_ROOT_GLOBAL || path->nsteps || !path->usr) return UINT32_MAX;
    const Global *g = program_global(p, path->usr);
    if (!g || g->obj >= p->pt.objs.len || p->pt.objs.data[g->obj].root == UINT32_MAX) return UINT32_MAX;
    return pt_rep(p, p->pt.objs.data[g->obj].root);
}

/* Does g return the constant 0 somewhere: `return NULL;`, or a return of
 * a plain temporary or local that is assigned 0 (`return key > 3 ?
 * malloc(4) : NULL;`, `r = NULL; ... return r;`)? */
static bool returns_zero_scan(const IrFunc *g) {
    for (uint32_t b = 0; b < g->nblocks; b++) {
        const IrOperand *r = &g->blocks[b].term.ret;
        if (g->blocks[b].term.kind != IR_TERM_RETURN) continue;
        if (r->kind == IR_OPD_CONST && r->value == 0) return true;
        if (r->kind != IR_OPD_VALUE || r->path.nsteps || (r->path.root != IR_ROOT_TEMP && r->path.root != IR_ROOT_LOCAL))
            continue;
        for (uint32_t ab = 0; ab < g->nblocks; ab++)
            for (uint32_t e = 0; e < g->blocks[ab].nevents; e++) {
                const IrEvent *ev = &g->blocks[ab].events[e];
                if (ev->kind == IR_EV_ASSIGN && ev->src && ev->src->kind == IR_OPD_CONST && ev->src->value == 0 &&
                    ev->path.root == r->path.root && !ev->path.nsteps && ev->path.id == r->path.id)
                    return true;
            }
    }
    return false;
}

/* returns_zero_scan, cached per function (ThreadModel.returns_zero). */
static bool returns_zero(Program *p, uint32_t g) {
    if (!p->tm.returns_zero) p->tm.returns_zero = xcalloc(p->link.funcs.len ? p->link.funcs.len : 1, 1);
    if (!p->tm.returns_zero[g]) p->tm.returns_zero[g] = returns_zero_scan(p->link.funcs.data[g].ir) ? 2 : 1;
    return p->tm.returns_zero[g] == 2;
}

/* Is temp the result of a call to a program function that may return
 * the constant 0 (returns_zero)? A temp several calls define may be. */
static bool result_may_be_null(Program *p, uint32_t func, uint32_t temp) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrVarDefs *d = ir_defuse_temp(model_defuse(p, f), temp);
    if (!d || !d->ncalls) return false;
    if (!d->has_def) return true;
    const IrEvent *ev = ir_event_at(f, d->def);
    if (ev->kind != IR_EV_CALL || !ev->call) return true;
    /* the function named, also an allocation wrapper that calls treat as its allocator */
    const IrOperand *o = &ev->call->callee;
    uintptr_t idx = o->kind == IR_OPD_FUNC && o->usr ? (uintptr_t)strmap_get(&p->link.func_by_usr, o->usr) : 0;
    if (idx && returns_zero(p, (uint32_t)(idx - 1))) return true;
    const CallInfo *ci = program_call(p, ev);
    for (uint32_t k = 0; ci && k < ci->targets.n; k++)
        if (returns_zero(p, ci->targets.v[k])) return true;
    return false;
}

bool model_value_nonzero(Program *p, uint32_t func, const IrOperand *src) {
    if (!src) return false;
    if (src->kind == IR_OPD_CONST) return src->value != 0;
    if (src->kind == IR_OPD_ADDR || src->kind == IR_OPD_FUNC) return true;
    if (src->kind != IR_OPD_VALUE) return false;
    if (src->path.root == IR_ROOT_TEMP && !src->path.nsteps && result_may_be_null(p, func, src->path.id)) return false;
    IdSet t = {0};
    pt_operand_targets(p, func, src, &t);
    bool fresh = t.n > 0;
    for (uint32_t i = 0; i < t.n && fresh; i++)
        fresh = p->pt.objs.data[p->pt.nodes.data[t.v[i]].obj].kind == OBJ_HEAP;
    idset_free(&t);
    return fresh;
}

/* The index of guard node n in ThreadModel.guard_nodes, -1 when n is none. */
static int guard_index(const Program *p, uint32_t n) {
    const IdSet *g = &p->tm.guard_nodes;
    uint32_t lo = 0, hi = g->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->v[mid] < n) lo = mid + 1;
        else hi = mid;
    }
    return lo < g->n && g->v[lo] == n ? (int)lo : -1;
}

/* The location a monotone guard may be: a global reached through fields
 * and at most one constant index, the last step (`shared.integers[0]`,
 * `server.ready`); its node (of a single global, not thread-local), and in
 * *k the index (GUARD_NO_ELEM: none). UINT32_MAX for anything else. */
static uint32_t guard_loc(Program *p, uint32_t func, const IrPath *path, int64_t *k) {
    *k = GUARD_NO_ELEM;
    if (path->root != IR_ROOT_GLOBAL || !path->usr) return UINT32_MAX;
    if (!path->nsteps) return plain_global_node(p, path);
    for (uint32_t i = 0; i < path->nsteps; i++) {
        const IrStep *st = &path->steps[i];
        if (st->kind == IR_STEP_FIELD) continue;
        if (st->kind != IR_STEP_INDEX || st->index_kind != IR_INDEX_CONST || i + 1 != path->nsteps) return UINT32_MAX;
        *k = st->value;
    }
    IdSet t = {0};
    pt_resolve_path(p, func, path, &t);
    uint32_t n = t.n == 1 ? pt_rep(p, t.v[0]) : UINT32_MAX;
    idset_free(&t);
    if (n == UINT32_MAX || p->pt.objs.data[p->pt.nodes.data[n].obj].kind != OBJ_GLOBAL) return UINT32_MAX;
    return model_node_names(p, n, path) ? n : UINT32_MAX;
}

bool model_node_names(const Program *p, uint32_t n, const IrPath *path) {
    const Node *nd = &p->pt.nodes.data[n];
    bool fields = false;
    for (uint32_t i = 0; i < path->nsteps; i++) fields |= path->steps[i].kind == IR_STEP_FIELD;
    if (fields && p->pt.objs.data[nd->obj].collapsed) return false;
    /* the fields walked up from n are the path's FIELD steps, last first */
    uint32_t x = n;
    for (uint32_t i = path->nsteps; i-- > 0;) {
        if (path->steps[i].kind != IR_STEP_FIELD) continue;
        if (x == UINT32_MAX || !p->pt.nodes.data[x].field || strcmp(p->pt.nodes.data[x].field, path->steps[i].field))
            return false;
        x = p->pt.nodes.data[x].parent;
    }
    return x != UINT32_MAX && p->pt.nodes.data[x].parent == UINT32_MAX;
}

/* The guard path names (its index into guard_nodes), -1 for none: a
 * guard's node, and the guard's element when it has one. */
static int guard_match(Program *p, uint32_t func, const IrPath *path) {
    if (!p->tm.guard_nodes.n || path->root != IR_ROOT_GLOBAL) return -1;
    /* cached by the path's address (a global path names one location in every frame) */
    uint64_t v, key = (uint64_t)(uintptr_t)path;
    if (u64map_get(&p->tm.guard_match_cache, key, &v)) return (int)v - 1;
    int64_t k;
    uint32_t n = path->nsteps ? guard_loc(p, func, path, &k) : plain_global_node(p, path);
    if (!path->nsteps) k = GUARD_NO_ELEM;
    int gi = n == UINT32_MAX ? -1 : guard_index(p, n);
    if (gi >= 0 && p->tm.guard_elem[gi] != k) gi = -1;
    u64map_put(&p->tm.guard_match_cache, key, (uint64_t)(gi + 1));
    return gi;
}

void flow_guard_store(Program *p, uint32_t func, const IrEvent *ev, FlowState *st) {
    int gi = guard_match(p, func, &ev->path);
    if (gi < 0) return;
    if (ev->kind == IR_EV_ASSIGN && model_value_nonzero(p, func, ev->src)) {
        idset_add(&st->nonzero, (uint32_t)gi);
        return;
    }
    if (p->tm.guard_monotone[gi]) return; /* only ever set */
    idset_remove(&st->nonzero, (uint32_t)gi);
    for (uint32_t i = 0; i < st->guarded.n; i++)
        if ((st->guarded.v[i] & ((1u << FLOW_GUARD_BITS) - 1)) == (uint32_t)gi) {
            idset_remove(&st->guarded, st->guarded.v[i]);
            i--;
        }
}

/* A spawn of child: it is guarded by the guards non-zero now, and, when
 * other instances of it may be running already, only by those that guard
 * them too. */
static void guard_spawn(Program *p, FlowState *st, uint32_t child) {
    if (!p->tm.guard_nodes.n || child >> (32 - FLOW_GUARD_BITS)) return;
    bool running = idset_has(&st->live, child);
    for (uint32_t gi = 0; gi < p->tm.guard_nodes.n; gi++) {
        uint32_t pair = child << FLOW_GUARD_BITS | gi;
        bool keep = idset_has(&st->nonzero, gi) && (!running || idset_has(&st->guarded, pair));
        if (keep) idset_add(&st->guarded, pair);
        else idset_remove(&st->guarded, pair);
    }
}

/* Does block's branch test a guard against 0? Its index, and whether the
 * guard is 0 on the branch's first edge (succ[0]), else -1. */
static int guard_branch(Program *p, uint32_t func, const IrTerm *t, bool *zero_first) {
    if (t->kind != IR_TERM_BRANCH || t->rhs != 0 || t->cond.kind != IR_OPD_VALUE || t->cond.offset ||
        (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE))
        return -1;
    *zero_first = t->cmp == IR_CMP_EQ;
    return guard_match(p, func, &t->cond.path);
}

/* Fill loops. A loop `for (j = C; j < H; j++) ... a[j] = v; ...` whose
 * store of a value known non-zero runs in every round (its block
 * dominates every block going back to the header), whose only way out is
 * the header's test, and whose counter, a local whose address is not
 * taken, changes in the loop only by that step of 1: it stored into every
 * element of [C, H) by the time it leaves, so on its exit edge a monotone
 * guard on a[k], C <= k < H, is non-zero (createSharedObjects()'s
 * `shared.integers[j]` for redis's `shared.integers[0]`). Cached per
 * (function, header block): the guard's index + 1, 0 for none. */
static bool fill_counter_stepped(const IrFunc *f, const IrDefUse *du, int32_t loop, uint32_t var) {
    if (var >= f->nlocals || (f->locals[var].flags & IR_LOCAL_ADDR_TAKEN)) return false;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop)) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if ((ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) || ev->path.root != IR_ROOT_LOCAL ||
                ev->path.nsteps || ev->path.id != var)
                continue;
            if (ev->kind == IR_EV_ASSIGN) return false;
            if (!(ev->flags & IR_EV_STEP_UP) || !ev->src || ev->src->kind != IR_OPD_CONST || ev->src->value != 1)
                return false;
        }
    }
    return true;
}

static int fill_store_guard(Program *p, uint32_t func, const IrEvent *ev, const IrEvent *as, uint32_t *var) {
    const IrPath *q = &ev->path;
    if (ev->kind != IR_EV_WRITE || (ev->flags & (IR_EV_RMW | IR_EV_RECORD)) || !as || as->kind != IR_EV_ASSIGN ||
        !ir_path_equal(&as->path, q) || q->root != IR_ROOT_GLOBAL || !q->nsteps)
        return -1;
    const IrStep *last = &q->steps[q->nsteps - 1];
    if (last->kind != IR_STEP_INDEX || last->index_kind != IR_INDEX_LOCAL) return -1;
    for (uint32_t i = 0; i + 1 < q->nsteps; i++)
        if (q->steps[i].kind != IR_STEP_FIELD) return -1;
    IrPath base = *q;
    base.nsteps--;
    int64_t k;
    uint32_t n = guard_loc(p, func, &base, &k);
    if (n == UINT32_MAX) return -1;
    int gi = guard_index(p, n);
    if (gi < 0 || !p->tm.guard_monotone[gi] || p->tm.guard_elem[gi] == GUARD_NO_ELEM ||
        !model_value_nonzero(p, func, as->src))
        return -1;
    *var = last->local;
    return gi;
}

static int fill_guard(Program *p, uint32_t func, uint32_t header) {
    if (!p->tm.guard_has_elem) return -1;
    uint64_t v, key = (uint64_t)func << 32 | header;
    if (u64map_get(&p->tm.guard_fills, key, &v)) return (int)v - 1;
    int found = -1;
    const IrFunc *f = p->link.funcs.data[func].ir;
    int32_t loop = -1;
    for (uint32_t l = 0; l < f->nloops && loop < 0; l++)
        if (f->loops[l].header == header) loop = (int32_t)l;
    const IrDefUse *du = loop >= 0 ? model_defuse(p, f) : NULL;
    uint32_t *idom = NULL;
    bool shape = loop >= 0;
    /* the only way out: the header's test */
    for (uint32_t b = 0; b < f->nblocks && shape; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop)) continue;
        const IrBlock *bb = &f->blocks[b];
        if (bb->term.kind == IR_TERM_RETURN) shape = false;
        for (uint32_t s = 0; s < bb->nsucc && shape; s++)
            if (!ir_defuse_block_in_loop(du, bb->succ[s], loop) && !(b == header && bb->succ[s] == f->loops[loop].exit))
                shape = false;
    }
    for (uint32_t b = 0; b < f->nblocks && shape && found < 0; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop) || ir_defuse_block_loop(du, b) != loop) continue;
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t e = 0; e + 1 < bb->nevents && found < 0; e++) {
            uint32_t var;
            int gi = fill_store_guard(p, func, &bb->events[e], &bb->events[e + 1], &var);
            LoopRange r;
            if (gi < 0 || !joins_loop_range(p, func, loop, var, &r) || r.sym || r.lo > p->tm.guard_elem[gi] ||
                p->tm.guard_elem[gi] >= r.hi || !fill_counter_stepped(f, du, loop, var))
                continue;
            if (!idom) idom = ir_dominators(f);
            bool every_round = true;
            for (uint32_t l = 0; l < f->nblocks && every_round; l++) {
                if (!ir_defuse_block_in_loop(du, l, loop)) continue;
                for (uint32_t s = 0; s < f->blocks[l].nsucc; s++)
                    if (f->blocks[l].succ[s] == header && !ir_dominates(idom, b, l)) every_round = false;
            }
            if (every_round) found = gi;
        }
    }
    free(idom);
    u64map_put(&p->tm.guard_fills, key, (uint64_t)(found + 1));
    return found;
}

/* Is succ (the s-th successor of block b) the exit edge of a fill loop? Its guard, else -1. */
static int fill_exit(Program *p, uint32_t func, uint32_t b, uint32_t s) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (s != 1 || f->blocks[b].nsucc != 2 || f->blocks[b].term.kind != IR_TERM_BRANCH) return -1;
    return fill_guard(p, func, b);
}

/* The guards after a call (nonzero: what the callees do not write, and
 * what each leaves non-zero), met over the targets. */
static void guard_call_nonzero(const Program *p, const CallInfo *ci, IdSet *nonzero) {
    IdSet out = {0}, t = {0};
    for (uint32_t k = 0; k < ci->targets.n; k++) {
        uint32_t g = ci->targets.v[k];
        idset_copy(&t, &p->tm.guard_gens[g]);
        for (uint32_t i = 0; i < nonzero->n; i++)
            if (!idset_has(&p->tm.guard_writes[g], nonzero->v[i])) idset_add(&t, nonzero->v[i]);
        if (k == 0) idset_copy(&out, &t);
        else idset_intersect(&out, &t);
    }
    idset_free(&t);
    if (ci->targets.n) {
        idset_free(nonzero);
        *nonzero = out;
    } else {
        idset_free(&out);
    }
}

/* ThreadModel.guard_gens: per function, a must-dataflow over its blocks
 * (a store of a non-zero value sets a guard, another store clears it, a
 * test's non-zero edge sets it, a call applies its targets' summaries),
 * iterated over the call graph from "every guard" down to the greatest
 * fixpoint. */
static bool guard_gens_of(Program *p, uint32_t f, IdSet *out) {
    const IrFunc *ir = p->link.funcs.data[f].ir;
    uint32_t nb = ir->nblocks;
    if (!nb) return false;
    IdSet *in = xcalloc(nb, sizeof(IdSet)), exit = {0}, cur = {0};
    bool *reached = xcalloc(nb, 1), exit_reached = false;
    reached[0] = true;
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t b = 0; b < nb; b++) {
            if (!reached[b]) continue;
            const IrBlock *bb = &ir->blocks[b];
            idset_copy(&cur, &in[b]);
            for (uint32_t e = 0; e < bb->nevents; e++) {
                const IrEvent *ev = &bb->events[e];
                if (ev->kind == IR_EV_ASSIGN || (ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW))) {
                    int gi = guard_match(p, f, &ev->path);
                    if (gi < 0) continue;
                    if (ev->kind == IR_EV_ASSIGN && model_value_nonzero(p, f, ev->src)) idset_add(&cur, (uint32_t)gi);
                    else if (!p->tm.guard_monotone[gi]) idset_remove(&cur, (uint32_t)gi);
                } else if (ev->kind == IR_EV_CALL && ev->call) {
                    const CallInfo *ci = program_call(p, ev);
                    if (ci && ci->kind != CALL_API) guard_call_nonzero(p, ci, &cur);
                }
            }
            if (bb->term.kind == IR_TERM_RETURN) {
                if (!exit_reached) idset_copy(&exit, &cur);
                else idset_intersect(&exit, &cur);
                exit_reached = true;
            }
            if (bb->term.kind == IR_TERM_EXIT) continue;
            bool zero_first = false;
            int gi = bb->nsucc == 2 ? guard_branch(p, f, &bb->term, &zero_first) : -1;
            for (uint32_t s = 0; s < bb->nsucc; s++) {
                uint32_t succ = bb->succ[s];
                if (succ >= nb) continue;
                IdSet edge = {0};
                idset_copy(&edge, &cur);
                if (gi >= 0 && (s == 0) != zero_first) idset_add(&edge, (uint32_t)gi);
                int fg = fill_exit(p, f, b, s);
                if (fg >= 0) idset_add(&edge, (uint32_t)fg);
                if (!reached[succ]) {
                    reached[succ] = true;
                    idset_copy(&in[succ], &edge);
                    changed = true;
                } else {
                    changed |= idset_intersect(&in[succ], &edge);
                }
                idset_free(&edge);
            }
        }
    }
    bool differs = exit_reached && !idset_equal(&exit, out);
    if (differs) idset_copy(out, &exit);
    for (uint32_t b = 0; b < nb; b++) idset_free(&in[b]);
    free(in);
    free(reached);
    idset_free(&exit);
    idset_free(&cur);
    return differs;
}

static void guard_gens(Program *p) {
    size_t nf = p->link.funcs.len;
    p->tm.guard_gens = xcalloc(nf ? nf : 1, sizeof(IdSet));
    if (!p->tm.guard_nodes.n) return;
    for (size_t f = 0; f < nf; f++)
        for (uint32_t gi = 0; gi < p->tm.guard_nodes.n; gi++) idset_add(&p->tm.guard_gens[f], gi);
    for (int round = 0, changed = 1; changed && round < 64; round++) {
        changed = 0;
        for (size_t f = 0; f < nf; f++)
            if (p->link.funcs.data[f].reachable) changed |= guard_gens_of(p, (uint32_t)f, &p->tm.guard_gens[f]);
    }
}

/* Is argument a of call ev a callback the call's effects model runs at the
 * call, in the calling thread (qsort's comparator, inflateBack's output
 * function)? */
static bool runs_at_call(const Program *p, const IrEvent *ev, uint32_t a) {
    const CallInfo *ci = program_call(p, ev);
    const ApiModel *fx = ci ? program_call_effects(p, ev, ci) : NULL;
    for (uint32_t i = 0; fx && i < fx->neffects; i++)
        if (fx->effects[i].effect == EFFECT_CALL && fx->effects[i].index == (int)a) return true;
    return false;
}

/* The functions used as values other than as a callback a modelled call
 * runs at the call: a thread's routine, a handler stored for later, a
 * function pointer anyone may call from anywhere (by func id, 1). */
static uint8_t *escaping_funcs(Program *p) {
    size_t nf = p->link.funcs.len;
    uint8_t *esc = xcalloc(nf ? nf : 1, 1), *seen = xcalloc(nf ? nf : 1, 1);
    for (size_t f = 0; f < nf; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!p->link.funcs.data[f].reachable && strcmp(ir->name, "<init>")) continue;
        for (uint32_t b = 0; b < ir->nblocks; b++) {
            const IrBlock *bb = &ir->blocks[b];
            for (uint32_t e = 0; e < bb->nevents; e++) {
                const IrEvent *ev = &bb->events[e];
                const IrOperand *ops = NULL;
                uint32_t nops = 0;
                if (ev->kind == IR_EV_ASSIGN && ev->src) ops = ev->src, nops = 1;
                else if (ev->kind == IR_EV_CALL && ev->call) ops = ev->call->args, nops = ev->call->nargs;
                for (uint32_t a = 0; a < nops; a++) {
                    if (ops[a].kind != IR_OPD_FUNC || !ops[a].usr) continue;
                    uintptr_t idx = (uintptr_t)strmap_get(&p->link.func_by_usr, ops[a].usr);
                    if (!idx) continue;
                    seen[idx - 1] = 1;
                    if (!(ev->kind == IR_EV_CALL && runs_at_call(p, ev, a))) esc[idx - 1] = 1;
                }
            }
            const IrOperand *r = bb->term.kind == IR_TERM_RETURN ? &bb->term.ret : NULL;
            if (r && r->kind == IR_OPD_FUNC && r->usr) {
                uintptr_t idx = (uintptr_t)strmap_get(&p->link.func_by_usr, r->usr);
                if (idx) esc[idx - 1] = 1;
            }
        }
    }
    /* a function whose address a unit takes where no operand shows it (a
     * conversion the lowering keeps no value of): escaping */
    for (size_t f = 0; f < nf; f++)
        if (p->link.funcs.data[f].address_taken && !seen[f]) esc[f] = 1;
    free(seen);
    return esc;
}

/* ThreadModel.guard_nodes (see above). */
static void guard_candidates(Program *p) {
    size_t nf = p->link.funcs.len;
    /* the functions a function used as a value reaches */
    uint8_t *reach = xcalloc(nf ? nf : 1, 1);
    VEC(uint32_t) stack = {0};
    VEC(VEC(uint32_t)) callees = {0};
    vec_resize_zero(&callees, nf);
    for (size_t f = 0; f < nf; f++)
        for (uint32_t k = 0; k < p->pt.funcs.data[f].callers.n; k++)
            vec_push(&callees.data[p->pt.funcs.data[f].callers.v[k]], (uint32_t)f);
    /* (a callback a modelled call runs at once runs in the caller's thread) */
    uint8_t *esc = escaping_funcs(p);
    for (size_t f = 0; f < nf; f++)
        if (esc[f]) {
            reach[f] = 1;
            vec_push(&stack, (uint32_t)f);
        }
    free(esc);
    while (stack.len) {
        uint32_t f = stack.data[--stack.len];
        for (size_t k = 0; k < callees.data[f].len; k++) {
            uint32_t g = callees.data[f].data[k];
            if (!reach[g]) {
                reach[g] = 1;
                vec_push(&stack, g);
            }
        }
    }
    /* tested against 0; then every store outside what those reach, and some
     * store of zero (or of what is not known non-zero): a guard that is
     * never reset stays non-zero once set, and the set-once guards of
     * once.c cover what it could tell */
    IdSet tested = {0}, bad = {0}, reset = {0}, mono = {0};
    U64Map elem = {0}; /* monotone candidates: node -> its element + 1 (0: none), UINT64_MAX: several */
    for (size_t f = 0; f < nf; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!p->link.funcs.data[f].reachable) continue;
        for (uint32_t b = 0; b < ir->nblocks; b++) {
            const IrTerm *t = &ir->blocks[b].term;
            if (t->kind == IR_TERM_BRANCH && t->rhs == 0 && (t->cmp == IR_CMP_EQ || t->cmp == IR_CMP_NE) &&
                t->cond.kind == IR_OPD_VALUE && !t->cond.offset) {
                uint32_t g = plain_global_node(p, &t->cond.path);
                if (g != UINT32_MAX) idset_add(&tested, g);
                int64_t k;
                uint32_t m = guard_loc(p, (uint32_t)f, &t->cond.path, &k);
                if (m == UINT32_MAX) continue;
                uint64_t enc = k == GUARD_NO_ELEM ? 0 : (uint64_t)k + 1, old;
                if (k != GUARD_NO_ELEM && (k < 0 || k >= INT32_MAX)) enc = UINT64_MAX;
                if (u64map_get(&elem, m, &old) && old != enc) enc = UINT64_MAX;
                u64map_put(&elem, m, enc);
                idset_add(&mono, m);
            }
        }
    }
    for (size_t f = 0; f < nf && tested.n; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind == IR_EV_ASSIGN) {
                    uint32_t g = plain_global_node(p, &ev->path);
                    if (g != UINT32_MAX && idset_has(&tested, g) && !model_value_nonzero(p, (uint32_t)f, ev->src))
                        idset_add(&reset, g);
                }
                if (ev->kind != IR_EV_WRITE || ev->path.root != IR_ROOT_GLOBAL) continue;
                IdSet s = {0};
                pt_resolve_path(p, (uint32_t)f, &ev->path, &s);
                for (uint32_t i = 0; i < s.n; i++)
                    if (idset_has(&tested, s.v[i]) && (reach[f] || ev->path.nsteps)) idset_add(&bad, s.v[i]);
                idset_free(&s);
            }
    }
    for (uint32_t i = 0; i < tested.n && p->tm.guard_nodes.n < (1u << FLOW_GUARD_BITS); i++) {
        const Obj *o = &p->pt.objs.data[p->pt.nodes.data[tested.v[i]].obj];
        if (idset_has(&bad, tested.v[i]) || !idset_has(&reset, tested.v[i]) || o->kind != OBJ_GLOBAL ||
            (p->link.globals.data[o->a].flags & (IR_GLOBAL_TLS | IR_GLOBAL_ATOMIC)))
            continue;
        idset_add(&p->tm.guard_nodes, tested.v[i]);
    }
    /* monotone guards: never made 0 by any store, whoever makes it (a
     * guard tested at one element, or at none, everywhere) */
    for (uint32_t i = 0; i < mono.n; i++) {
        uint64_t enc = 0;
        u64map_get(&elem, mono.v[i], &enc);
        const Obj *o = &p->pt.objs.data[p->pt.nodes.data[mono.v[i]].obj];
        if (enc == UINT64_MAX || idset_has(&p->tm.guard_nodes, mono.v[i]) || o->kind != OBJ_GLOBAL ||
            (p->link.globals.data[o->a].flags & (IR_GLOBAL_TLS | IR_GLOBAL_ATOMIC | IR_GLOBAL_HIDDEN_STATE))) {
            idset_remove(&mono, mono.v[i]);
            i--;
        }
    }
    once_never_zeroed(p, &mono);
    for (uint32_t i = 0; i < mono.n && p->tm.guard_nodes.n < (1u << FLOW_GUARD_BITS); i++)
        idset_add(&p->tm.guard_nodes, mono.v[i]);
    uint32_t ng = p->tm.guard_nodes.n;
    p->tm.guard_elem = xcalloc(ng ? ng : 1, sizeof(int64_t));
    p->tm.guard_monotone = xcalloc(ng ? ng : 1, 1);
    for (uint32_t gi = 0; gi < ng; gi++) {
        uint64_t enc = 0;
        p->tm.guard_monotone[gi] = idset_has(&mono, p->tm.guard_nodes.v[gi]);
        if (p->tm.guard_monotone[gi]) u64map_get(&elem, p->tm.guard_nodes.v[gi], &enc);
        p->tm.guard_elem[gi] = enc ? (int64_t)enc - 1 : GUARD_NO_ELEM;
        if (enc) p->tm.guard_has_elem = true;
    }
    /* what each function writes of them, with its callees, on the paths
     * that return to its caller (a store on the way to an exit changes
     * nothing after the call) */
    p->tm.guard_writes = xcalloc(nf ? nf : 1, sizeof(IdSet));
    p->tm.guard_nfuncs = nf;
    IdSet *rcallees = xcalloc(nf ? nf : 1, sizeof(IdSet));
    for (size_t f = 0; f < nf && p->tm.guard_nodes.n; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!p->link.funcs.data[f].reachable) continue;
        bool *can = model_returning_blocks(ir);
        for (uint32_t b = 0; b < ir->nblocks; b++) {
            if (!can[b]) continue;
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind == IR_EV_CALL && ev->call) {
                    const CallInfo *ci = program_call(p, ev);
                    if (ci) idset_union(&rcallees[f], &ci->targets);
                    continue;
                }
                uint32_t g = ev->kind == IR_EV_WRITE ? plain_global_node(p, &ev->path) : UINT32_MAX;
                int gi = g == UINT32_MAX ? -1 : guard_index(p, g);
                /* a monotone guard's stores only ever set it */
                if (gi >= 0 && !p->tm.guard_monotone[gi]) idset_add(&p->tm.guard_writes[f], (uint32_t)gi);
            }
        }
        free(can);
    }
    for (bool changed = p->tm.guard_nodes.n > 0; changed;) {
        changed = false;
        for (size_t f = 0; f < nf; f++)
            for (uint32_t k = 0; k < rcallees[f].n; k++)
                changed |= idset_union(&p->tm.guard_writes[f], &p->tm.guard_writes[rcallees[f].v[k]]);
    }
    for (size_t f = 0; f < nf; f++) idset_free(&rcallees[f]);
    free(rcallees);
    for (size_t f = 0; f < nf; f++) vec_free(&callees.data[f]);
    vec_free(&callees);
    vec_free(&stack);
    free(reach);
    idset_free(&tested);
    idset_free(&bad);
    idset_free(&reset);
    idset_free(&mono);
    u64map_free(&elem);
    guard_gens(p);
}

/* The guards after a call of g (hook_call): those known non-zero before
 * that g does not write, and what g's exit knows; the pairs of the
 * children running before whose guard g does not write or g's exit still
 * has (its entry state joins this call's: on every path to its exit on
 * which the child runs, g did not write the guard since the start - it
 * wrote it where the child is not running), and g's exit's for the
 * children g started. Accumulated over the call's targets: `first` starts
 * the meet. */
static void guard_after_call(Program *p, const FlowState *st, const FuncState *gs, uint32_t g, bool first,
                             IdSet *guarded) {
    const IdSet *w = &p->tm.guard_writes[g];
    IdSet gd = {0};
    /* a callee not settled yet keeps every pair: the top of the must-set */
    for (uint32_t i = 0; i < st->guarded.n; i++)
        if (!gs->exit.reached || !idset_has(w, st->guarded.v[i] & ((1u << FLOW_GUARD_BITS) - 1)) ||
            idset_has(&gs->exit.guarded, st->guarded.v[i]))
            idset_add(&gd, st->guarded.v[i]);
    if (gs->exit.reached) {
        for (uint32_t i = 0; i < gs->exit.guarded.n; i++)
            if (idset_has(&gs->spawned, gs->exit.guarded.v[i] >> FLOW_GUARD_BITS)) idset_add(&gd, gs->exit.guarded.v[i]);
    } else {
        for (uint32_t i = 0; i < gs->spawned.n; i++)
            for (uint32_t gi = 0; gi < p->tm.guard_nodes.n && !(gs->spawned.v[i] >> (32 - FLOW_GUARD_BITS)); gi++)
                idset_add(&gd, gs->spawned.v[i] << FLOW_GUARD_BITS | gi);
    }
    if (first) idset_copy(guarded, &gd);
    else idset_intersect(guarded, &gd);
    idset_free(&gd);
}

/* ---- holds across thread creation -------------------------------------------- */

void model_hand_back(Program *p, FlowState *st, uint32_t sem) {
    if (!st->hb_pending.n) return;
    uint64_t v;
    if (!u64map_get(&p->sync.hb_sem_index, sem, &v)) {
        v = p->sync.hb_sems.len;
        if (v >= (1u << FLOW_HB_SEM_BITS)) return; /* over a million semaphores: no hand-back (precision only) */
        vec_push(&p->sync.hb_sems, sem);
        u64map_put(&p->sync.hb_sem_index, sem, v);
    }
    for (uint32_t i = 0; i < st->hb_pending.n; i++)
        if (st->hb_pending.v[i] < (1u << (32 - FLOW_HB_SEM_BITS)))
            idset_add(&st->handed_back, st->hb_pending.v[i] << FLOW_HB_SEM_BITS | (uint32_t)v);
    st->hb_pending.n = 0;
}

/* hand-backs: a new instance of child ch, not waited for yet */
static void hand_back_spawned(FlowState *st, uint32_t ch) {
    if (idset_has(&st->hb_pending, ch)) idset_add(&st->hb_broken, ch);
    idset_add(&st->hb_pending, ch);
    for (uint32_t k = 0; k < st->handed_back.n; k++)
        if (FLOW_HB_CHILD(st->handed_back.v[k]) == ch) idset_remove(&st->handed_back, st->handed_back.v[k--]);
}

uint32_t model_hold_pair(Program *p, uint32_t child, uint32_t lock) {
    uint64_t key = (uint64_t)child << 32 | lock, v;
    if (u64map_get(&p->tm.hold_pair_ids, key, &v)) return (uint32_t)v;
    vec_push(&p->tm.hold_pairs, key);
    u64map_put(&p->tm.hold_pair_ids, key, p->tm.hold_pairs.len - 1);
    return (uint32_t)p->tm.hold_pairs.len - 1;
}

/* A hold of lock l begins (acquired, or taken again after a condition
 * wait): every child that may be running was started before it. A child
 * started and joined before (the previous round of `lock; create; join;
 * unlock` in a loop) is not: its next instance starts inside this hold,
 * and the one that ended is ordered by its join. */
static void hold_begins(Program *p, FlowState *st, uint32_t l) {
    for (uint32_t i = 0; i < st->live.n; i++) idset_add(&st->prehold, model_hold_pair(p, st->live.v[i], l));
}

/* Only the pairs of locks held matter (a hold that ended has no start to
 * compare with; the next begins with every child started by then): the
 * others are dropped, so the set does not grow with every lock the thread
 * ever took - each growth would run the functions after it again. */
static void prehold_trim(const Program *p, FlowState *st) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < st->prehold.n; i++)
        if (idset_has(&st->held, (uint32_t)p->tm.hold_pairs.data[st->prehold.v[i]]))
            st->prehold.v[k++] = st->prehold.v[i];
    st->prehold.n = k;
}

static uint32_t thread_lock_node(ThreadCtx *c, uint32_t lock);

/* The exclusive lock rooted at a global naming the one object that lock
 * (named through a parameter or a pointer: `lock(&s->gate)` with s =
 * &sh) names in this thread - sh.gate -, or UINT32_MAX. */
static uint32_t global_alias_lock(ThreadCtx *c, uint32_t lock) {
    Program *p = c->p;
    const LockRef *l = &p->lock.refs.data[lock];
    if (l->mode != LMODE_EXCL) return UINT32_MAX;
    const IdSet *all = lock_nodes(p, lock);
    uint32_t n = all->n == 1 ? all->v[0] : thread_lock_node(c, lock);
    if (n == UINT32_MAX) return UINT32_MAX;
    if (p->tm.global_lock_refs != p->lock.refs.len) {
        /* by node: the global-rooted exclusive locks naming one object
         * (the first of several spellings; rebuilt as locks are interned) */
        for (size_t i = p->tm.global_lock_refs; i < p->lock.refs.len; i++) {
            const LockRef *g = &p->lock.refs.data[i];
            if (g->func >= 0 || g->mode != LMODE_EXCL || lock_is_pseudo(g)) continue;
            const IdSet *gn = lock_nodes(p, (uint32_t)i);
            if (gn->n == 1 && !u64map_get(&p->tm.global_lock_by_node, gn->v[0], NULL))
                u64map_put(&p->tm.global_lock_by_node, gn->v[0], i);
        }
        p->tm.global_lock_refs = p->lock.refs.len;
    }
    uint64_t g;
    return u64map_get(&p->tm.global_lock_by_node, n, &g) ? (uint32_t)g : UINT32_MAX;
}

/* Lock listener: the holds (FlowState.prehold) and the locks the thread
 * surely took itself (FlowState.taken), for locks rooted at globals (one
 * name in every frame); a lock named through a pointer that names one
 * such lock's object in this thread is taken as that lock (the
 * creation-lock rule's descendant taking L through its argument). */
static void hold_listener(void *ctx, Program *p, const LockEvent *e, FlowState *st) {
    ThreadCtx *c = ctx;
    if (e->kind == LOCK_EV_RELEASE) prehold_trim(p, st);
    if (e->kind == LOCK_EV_RETURN || e->kind == LOCK_EV_RELEASE || e->lock == UINT32_MAX) return;
    if (lock_is_pseudo(&p->lock.refs.data[e->lock])) return;
    if (p->lock.refs.data[e->lock].func >= 0) {
        uint32_t g = e->kind != LOCK_EV_WAIT ? global_alias_lock(c, e->lock) : UINT32_MAX;
        if (g != UINT32_MAX) idset_add(&st->taken, g);
        return;
    }
    hold_begins(p, st, e->lock);
    if (e->kind != LOCK_EV_WAIT) idset_add(&st->taken, e->lock);
}

/* An end of child cid seen in its creator (a join, or the creator's own
 * end with the child still running): the locks held here since before its
 * every start are the only ones it can run inside. Intersected over every
 * end and every round (a must-set; the rounds' states only shrink it). */
static void child_ends(Program *p, uint32_t cid, const FlowState *st) {
    Thread *t = &p->tm.threads.data[cid];
    IdSet here = {0};
    for (uint32_t i = 0; i < st->held.n; i++) {
        const LockRef *l = &p->lock.refs.data[st->held.v[i]];
        /* (a ring's token is passed between holds: no hold encloses a run) */
        if (l->func < 0 && l->mode == LMODE_EXCL && !l->token &&
            !idset_has(&st->prehold, model_hold_pair(p, cid, st->held.v[i])))
            idset_add(&here, st->held.v[i]);
    }
    if (!t->inside_seen) idset_copy(&t->inside, &here);
    else idset_intersect(&t->inside, &here);
    t->inside_seen = true;
    idset_free(&here);
}

/* Is the operand parameter k of func, passed as the constant 0 by every
 * call reaching func in this thread (or forwarded from such a parameter of
 * the caller), and never assigned in func? A call through it calls nothing
 * there (`_dictClear(d, 0, NULL)` calling its `callback` parameter only
 * when it is set). */
static bool null_param(Program *p, uint32_t func, const IrOperand *callee, const FlowState *st) {
    if (callee->kind != IR_OPD_VALUE || callee->offset || callee->path.root != IR_ROOT_LOCAL || callee->path.nsteps)
        return false;
    uint32_t k = callee->path.id;
    return k < 64 && (st->null_params >> k & 1) && model_param_unchanged(p, func, k);
}

static bool direct_path(const IrPath *path);
static void handle_index(const IrPath *path, int8_t *kind, int64_t *value);

/* A helper returning the handle of the thread it starts (`pthread_t t;
 * pthread_create(&t, ..); return t;`), called from one function, outside
 * its loops, which stores the result (`h = start_worker(..)` into a plain
 * handle or a constant element): the thread's handle is where the result
 * is stored, so a join of h joins it. PRECISION: a helper called in a
 * loop, or from several functions, keeps its own local as the handle
 * (joined by nothing). */
static void handle_returned(ThreadCtx *c, uint32_t func, const IrEvent *ev, uint32_t g) {
    Program *p = c->p;
    const IrFunc *gf = p->link.funcs.data[g].ir;
    if (ev->call->result < 0 || p->pt.funcs.data[g].callers.n != 1 || p->pt.funcs.data[g].callers.v[0] != func) return;
    /* every return gives the same plain local of g */
    int64_t local = -1;
    for (uint32_t b = 0; b < gf->nblocks; b++) {
        const IrTerm *t = &gf->blocks[b].term;
        if (t->kind != IR_TERM_RETURN || t->ret.kind == IR_OPD_UNKNOWN) continue;
        if (t->ret.kind != IR_OPD_VALUE || t->ret.path.root != IR_ROOT_LOCAL || t->ret.path.nsteps || t->ret.offset ||
            (local >= 0 && local != t->ret.path.id))
            return;
        local = t->ret.path.id;
    }
    if (local < 0) return;
    uint32_t ln = pt_root(p, p->pt.funcs.data[g].local_obj0 + (uint32_t)local), child = UINT32_MAX;
    for (size_t y = 0; y < p->tm.threads.len; y++) {
        const Thread *t = &p->tm.threads.data[y];
        if (t->handle_node != ln || t->spawn_func != g) continue;
        if (child != UINT32_MAX) return;
        child = (uint32_t)y;
    }
    if (child == UINT32_MAX) return;
    /* the store of the result, just after the call, and the one call of g in func */
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t calls = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            const CallInfo *xi = x->kind == IR_EV_CALL ? program_call(p, x) : NULL;
            if (xi && idset_has(&xi->targets, g)) calls++;
        }
    if (calls != 1) return;
    IrEventId id;
    if (!ir_defuse_event_id(model_defuse(p, f), ev, &id)) return;
    const IrBlock *bb = &f->blocks[id.block];
    const IrEvent *store = NULL;
    for (uint32_t e = id.index + 1; e < bb->nevents && !store; e++) {
        const IrEvent *x = &bb->events[e];
        if (x->kind == IR_EV_ASSIGN && x->src->kind == IR_OPD_VALUE && x->src->path.root == IR_ROOT_TEMP &&
            !x->src->path.nsteps && x->src->path.id == (uint32_t)ev->call->result)
            store = x;
        else if (x->kind == IR_EV_CALL)
            break;
    }
    if (!store || !direct_path(&store->path)) return;
    /* one thread per call: not in a loop of the caller, into a plain handle
     * or a constant element (a create loop's handle array has its own
     * range logic, joins.c) */
    int8_t ik;
    int64_t iv;
    handle_index(&store->path, &ik, &iv);
    if (bb->loop >= 0 || (ik >= 0 && ik != IR_INDEX_CONST)) return;
    IdSet nodes = {0};
    pt_resolve_path(p, func, &store->path, &nodes);
    Thread *t = &p->tm.threads.data[child];
    if (nodes.n == 1) {
        t->handle_node = nodes.v[0];
        handle_index(&store->path, &t->handle_index_kind, &t->handle_index);
        idset_add(&p->tm.handle_returners, g);
    }
    idset_free(&nodes);
}

static void hook_call(void *ctx, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st) {
    ThreadCtx *c = ctx;
    Program *p = c->p;
    if (ci->kind == CALL_INDIRECT && null_param(p, func, &ev->call->callee, st)) return;
    IdSet live_out = {0}, ever_add = {0}, prehold_add = {0}, taken_add = {0}, guarded_after = {0}, joined_add = {0},
          started_add = {0};
    bool all_exits = true;
    FlowState sync_after;
    flow_state_init(&sync_after);
    copy_sync(&sync_after, st);
    /* barrier phases after the call: the callees' exit phases alone (they
     * start from this call's; merged with the phases before the call, a
     * barrier passed inside a helper would count as maybe not passed) */
    IdSet phases_after = {0};
    bool phases_known = false;
    /* the arguments' facts for the callees' entry: NULL (or a NULL
     * parameter forwarded), a claimed index */
    FlowState args;
    flow_state_init(&args);
    /* a callback an external function or an API calls (inflateBack's output
     * function) gets arguments of its caller's choosing: not these */
    uint32_t nargs = ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT ? ev->call->nargs : 0;
    for (uint32_t a = 0; a < nargs && a < 64; a++)
        if ((ev->call->args[a].kind == IR_OPD_CONST && ev->call->args[a].value == 0) ||
            null_param(p, func, &ev->call->args[a], st))
            args.null_params |= 1ULL << a;
    /* a fresh object not yet published, to a parameter that does not
     * escape (or such a parameter of this function, passed on) */
    for (uint32_t a = 0; a < nargs && a < 63; a++) {
        const IrOperand *o = &ev->call->args[a];
        /* the parameter itself, or an address inside its object (`&it->stack`) */
        bool inside = o->kind == IR_OPD_ADDR && o->path.nsteps && o->path.steps[0].kind == IR_STEP_DEREF;
        for (uint32_t i = 1; inside && i < o->path.nsteps; i++) inside = o->path.steps[i].kind != IR_STEP_DEREF;
        bool fwd = ((o->kind == IR_OPD_VALUE && !o->path.nsteps) || inside) && o->path.root == IR_ROOT_LOCAL &&
                   o->path.id < 64 && (st->fresh_params >> o->path.id & 1) && model_param_unchanged(p, func, o->path.id);
        if (fwd ? !own_call_escapes(p, ev, a) : own_arg_before_publication(p, func, ev, a))
            args.fresh_params |= 1ULL << a;
        else if (!fwd && own_arg_fresh(p, func, ev, a))
            args.fresh_prefix |= 1ULL << a; /* the callee may publish it: what it does before */
    }
    /* the pointer this activation's allocation returned (published or not),
     * or such a parameter of this function passed on unchanged */
    for (uint32_t a = 0; a < nargs && a < 63; a++) {
        const IrOperand *o = &ev->call->args[a];
        bool fwd = o->kind == IR_OPD_VALUE && !o->path.nsteps && !o->offset && o->path.root == IR_ROOT_LOCAL &&
                   o->path.id < 63 && (st->alias_params >> o->path.id & 1) && model_param_unchanged(p, func, o->path.id);
        if (fwd || own_alias(p, ev, (int)a, UINT32_MAX)) args.alias_params |= 1ULL << a;
    }
    /* constants passed */
    for (uint32_t a = 0; a < nargs && a < FLOW_CONST_PARAMS; a++)
        if (ev->call->args[a].kind == IR_OPD_CONST) {
            args.kparams |= (uint8_t)(1u << a);
            args.kvalue[a] = ev->call->args[a].value;
        }
    /* an instance index or the instance's element pointer passed on */
    if (p->tm.threads.data[c->thread].arg_kind && model_thread_many(p, c->thread))
        for (uint32_t a = 0; a < nargs && a < 64; a++) {
            uint8_t role = inst_operand_role(p, c->thread, func, st->inst, &ev->call->args[a]);
            if (role & INST_ROLE_INDEX) args.inst.idx |= 1ULL << a;
            if (role & INST_ROLE_ELEMENT) args.inst.ptr |= 1ULL << a;
        }
    for (uint32_t a = 0; a < nargs && a < FLOW_CLAIM_PARAMS; a++) {
        uint32_t counter = claim_of_operand(p, func, &ev->call->args[a], st);
        if (counter != UINT32_MAX) {
            args.claim_params |= (uint8_t)(1u << a);
            args.claim_counter[a] = counter;
        } else if ((counter = claim_of_pointer_operand(p, func, &ev->call->args[a], st)) != UINT32_MAX) {
            args.claim_ptr_params |= (uint8_t)(1u << a);
            args.claim_counter[a] = counter;
        }
    }
    for (uint32_t k = 0; k < ci->targets.n; k++) {
        uint32_t g = ci->targets.v[k];
        FlowState e;
        flow_state_init(&e);
        e.reached = true;
        e.null_params = args.null_params;
        e.fresh_params = args.fresh_params;
        e.fresh_prefix = args.fresh_prefix;
        e.alias_params = args.alias_params;
        e.claim_params = args.claim_params;
        e.inst = args.inst;
        e.inst_known = st->inst_known;
        e.inst_value = st->inst_value;
        e.kparams = args.kparams;
        memcpy(e.kvalue, args.kvalue, sizeof e.kvalue);
        e.claim_ptr_params = args.claim_ptr_params;
        memcpy(e.claim_counter, args.claim_counter, sizeof e.claim_counter);
        translate_held(p, &st->held, g, ev->call, &e.held);
        idset_copy(&e.live, &st->live);
        idset_copy(&e.ever, &st->ever);
        idset_copy(&e.prehold, &st->prehold);
        idset_copy(&e.taken, &st->taken);
        idset_copy(&e.joined, &st->joined);
        idset_copy(&e.started, &st->started);
        idset_copy(&e.hb_pending, &st->hb_pending);
        idset_copy(&e.hb_broken, &st->hb_broken);
        idset_copy(&e.handed_back, &st->handed_back);
        idset_copy(&e.nonzero, &st->nonzero);
        idset_copy(&e.modes, &st->modes);
        idset_copy(&e.guarded, &st->guarded);
        copy_sync(&e, st);
        propagate_entry(c, g, &e, ev, ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT);
        flow_state_free(&e);
        FuncState *gs = fs_get(c, g, true);
        if (p->tm.guard_nodes.n) guard_after_call(p, st, gs, g, k == 0, &guarded_after);
        if (gs->exit.reached) {
            idset_union(&prehold_add, &gs->exit.prehold);
            if (k == 0) idset_copy(&taken_add, &gs->exit.taken);
            else idset_intersect(&taken_add, &gs->exit.taken);
            if (k == 0) idset_copy(&joined_add, &gs->exit.joined);
            else idset_intersect(&joined_add, &gs->exit.joined);
            if (k == 0) idset_copy(&started_add, &gs->exit.started);
            else idset_intersect(&started_add, &gs->exit.started);
        } else {
            all_exits = false;
        }
        if (gs->exit.reached) {
            /* the callee's exit state starts from the meet of its callers' */
            idset_union(&sync_after.waited, &gs->exit.waited);
            idset_union(&sync_after.cwaited, &gs->exit.cwaited);
            idset_union(&sync_after.posted, &gs->exit.posted);
            if (!phases_known) idset_copy(&phases_after, &gs->exit.phases);
            else flow_phases_merge(&phases_after, &gs->exit.phases);
            phases_known = true;
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
    if (ci->targets.n == 1) handle_returned(c, func, ev, ci->targets.v[0]);
    /* a barrier wrapper passes its barrier from this call's own phases */
    uint32_t bnode, btimes;
    if (ci->targets.n == 1 && ci->kind != CALL_API && sync_barrier_shift(p, ci->targets.v[0], &bnode, &btimes)) {
        idset_copy(&phases_after, &st->phases);
        for (uint32_t k = 0; k < btimes; k++) flow_barrier_pass(&phases_after, bnode);
        phases_known = true;
    }
    if (phases_known) idset_copy(&sync_after.phases, &phases_after);
    idset_free(&phases_after);
    copy_sync(st, &sync_after);
    flow_state_free(&sync_after);
    idset_copy(&st->live, &live_out);
    idset_union(&st->ever, &ever_add);
    /* hand-backs: children the callees may have spawned are new instances
     * not waited for (a wait inside a callee hands nothing back here) */
    for (uint32_t i = 0; i < ever_add.n; i++) hand_back_spawned(st, ever_add.v[i]);
    modes_after_call(p, ci, &st->modes);
    if (p->tm.guard_nodes.n && ci->targets.n) {
        guard_call_nonzero(p, ci, &st->nonzero);
        idset_copy(&st->guarded, &guarded_after);
    }
    idset_free(&guarded_after);
    /* holds: what the callees began (their exit states start from the
     * callers'); a callee not yet settled may have begun every hold */
    idset_union(&st->prehold, &prehold_add);
    prehold_trim(p, st);
    if (all_exits && ci->targets.n) idset_union(&st->taken, &taken_add);
    if (all_exits && ci->targets.n) idset_union(&st->joined, &joined_add);
    if (all_exits && ci->targets.n) idset_union(&st->started, &started_add);
    if (!all_exits)
        for (uint32_t i = 0; i < st->held.n; i++)
            if (p->lock.refs.data[st->held.v[i]].func < 0) hold_begins(p, st, st->held.v[i]);
    idset_free(&prehold_add);
    idset_free(&taken_add);
    idset_free(&joined_add);
    idset_free(&started_add);
    FuncState *me = fs_get(c, func, true);
    idset_union(&me->spawned, &ever_add);
    idset_free(&live_out);
    idset_free(&ever_add);
}

/* ---- thread creation ---------------------------------------------------------- */

bool model_thread_many(const Program *p, uint32_t t) {
    for (int32_t x = (int32_t)t; x >= 0; x = p->tm.threads.data[x].parent)
    {
        if (p->tm.threads.data[x].many || p->tm.threads.data[x].recursive) return true;
        if (p->tm.threads.data[x].once) return false; /* one instance in all, whatever its creator's count */
    }
    return false;
}

bool model_thread_self_or_ancestor(const Program *p, uint32_t a, uint32_t t) {
    for (int32_t x = (int32_t)t; x >= 0; x = p->tm.threads.data[x].parent)
        if ((uint32_t)x == a) return true;
    return false;
}

static uint32_t new_thread(Program *p, int32_t parent, const char *routine) {
    Thread t;
    memset(&t, 0, sizeof t);
    t.elem_step = -1;
    t.id = (uint32_t)p->tm.threads.len;
    t.parent = parent;
    t.routine = routine;
    t.handle_node = UINT32_MAX;
    t.group_node = UINT32_MAX;
    t.handle_index_kind = -1;
    t.spawn_loop = -1;
    t.depth = parent >= 0 ? p->tm.threads.data[parent].depth + 1 : 0;
    vec_push(&p->tm.threads, t);
    return t.id;
}

/* The child of thread `parent` for this spawn event, created on first use;
 * UINT32_MAX when the spawn is cut (recursion or limits). */
static uint32_t child_for(Program *p, uint32_t parent, const IrEvent *ev, uint32_t func, int32_t *rec) {
    *rec = -1;
    for (size_t i = 0; i < p->tm.threads.len; i++)
        if (p->tm.threads.data[i].parent == (int32_t)parent && p->tm.threads.data[i].spawn_ev == ev) return (uint32_t)i;
    /* recursive spawning: the same site on the ancestor chain starts another
     * instance of that ancestor */
    for (int32_t a = (int32_t)parent; a >= 0; a = p->tm.threads.data[a].parent)
        if (p->tm.threads.data[a].spawn_ev == ev) {
            p->tm.threads.data[a].recursive = true;
            if (a != (int32_t)parent) p->tm.threads.data[a].fanout = true; /* through another thread */
            *rec = a;
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

/* Does path name one variable directly (no dereference): the same memory
 * every time, so storing into it surely overwrites what it held? */
static bool direct_path(const IrPath *path) {
    if (path->root != IR_ROOT_LOCAL && path->root != IR_ROOT_GLOBAL) return false;
    for (uint32_t i = 0; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_DEREF) return false;
    return true;
}

/* The range of the loop around block (or an enclosing one) counting with
 * the local indexing the handle path's last index step (joins.c). */
static void handle_loop_range(const Program *p, uint32_t func, uint32_t block, const IrPath *path, LoopRange *out) {
    memset(out, 0, sizeof *out);
    const IrStep *ix = NULL;
    for (uint32_t i = path->nsteps; i-- > 0 && !ix;)
        if (path->steps[i].kind == IR_STEP_INDEX) ix = &path->steps[i];
    if (!ix || ix->index_kind != IR_INDEX_LOCAL) return;
    const IrFunc *f = p->link.funcs.data[func].ir;
    for (int32_t l = f->blocks[block].loop; l >= 0; l = f->loops[l].parent)
        if (joins_loop_range(p, func, l, ix->local, out)) return;
}

/* Last index step of a handle path: kind (-1 none) and constant. */
/* A handle path's last index step (`t[i]`, `ctxs[i]->tid`), or NULL. */
static const IrStep *last_index_step(const IrPath *path) {
    for (uint32_t i = path->nsteps; i-- > 0;)
        if (path->steps[i].kind == IR_STEP_INDEX) return &path->steps[i];
    return NULL;
}

static void handle_index(const IrPath *path, int8_t *kind, int64_t *value) {
    const IrStep *s = last_index_step(path);
    *kind = s ? (int8_t)s->index_kind : -1;
    *value = s ? s->value : 0;
}

/* A recursive spawn: another instance of ancestor a, started here. It is
 * live (under a's id) until a join of the handle it was stored in. */
static void rec_spawn(ThreadCtx *c, uint32_t func, uint32_t block, const IrEvent *ev, const CallInfo *ci,
                      FlowState *st, uint32_t a) {
    Program *p = c->p;
    if (idset_has(&st->ever, a)) p->tm.threads.data[a].fanout = true; /* a second one in this instance */
    const ApiModel *m = ci->api;
    if (m->handle >= 0 && (uint32_t)m->handle < ev->call->nargs && m->handle_by == HANDLE_POINTER) {
        const IrOperand *h = &ev->call->args[m->handle];
        IdSet nodes = {0};
        pt_operand_targets(p, func, h, &nodes);
        RecHandle r;
        memset(&r, 0, sizeof r);
        r.thread = a;
        r.node = nodes.n == 1 ? nodes.v[0] : UINT32_MAX;
        r.spawn_func = func;
        r.spawn_loop = p->link.funcs.data[func].ir->blocks[block].loop;
        if (h->kind == IR_OPD_ADDR) {
            handle_index(&h->path, &r.index_kind, &r.index);
            handle_loop_range(p, func, block, &h->path, &r.range);
        } else {
            r.index_kind = IR_INDEX_UNKNOWN;
        }
        idset_free(&nodes);
        bool have = false;
        for (size_t k = 0; k < c->rec_handles.len && !have; k++)
            have = c->rec_handles.data[k].thread == a && c->rec_handles.data[k].node == r.node;
        if (!have && r.node != UINT32_MAX) vec_push(&c->rec_handles, r);
    }
    idset_add(&st->live, a);
    idset_add(&st->ever, a);
    idset_add(&fs_get(c, func, true)->spawned, a);
}

/* The position of the first index step of path when it is indexed by
 * local, else -1. */
static int32_t index_step_of(const IrPath *path, uint32_t local) {
    for (uint32_t i = 0; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_INDEX)
            return path->steps[i].index_kind == IR_INDEX_LOCAL && path->steps[i].local == local ? (int32_t)i : -1;
    return -1;
}

/* The element `X[i]` the loop iteration of spawn event sp stores local
 * pointer c in before the spawn (`ctxs[i] = c; create(.., c)`), i being
 * local; NULL when none. */
static const IrPath *stored_element(Program *p, uint32_t func, const IrEvent *sp, uint32_t c, uint32_t local) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_ASSIGN || !ev->src || ev->src->kind != IR_OPD_VALUE || ev->src->offset ||
                ev->src->path.root != IR_ROOT_LOCAL || ev->src->path.nsteps || ev->src->path.id != c)
                continue;
            if (index_step_of(&ev->path, local) >= 0 && inst_earlier_in_iteration(du, ev, sp)) return &ev->path;
        }
    return NULL;
}

/* Thread.elem_step and elem_path for a spawn (event sp in func) whose
 * handle is stored at hpath: the local of the handle's last index step
 * also distinguishes the argument. */
static void elem_step(Program *p, uint32_t func, const IrEvent *sp, const IrPath *hpath, Thread *t) {
    const IrStep *hi = last_index_step(hpath);
    const IrOperand *a = t->start_arg;
    t->elem_step = -1;
    if (!hi || hi->index_kind != IR_INDEX_LOCAL || !a || t->spawn_loop < 0 || a->offset) return;
    if (t->arg_kind == INST_ARG_VALUE) {
        if (a->kind == IR_OPD_VALUE && a->path.root == IR_ROOT_LOCAL && !a->path.nsteps && a->path.id == hi->local)
            t->elem_step = 0, t->elem_path = a->path;
        return;
    }
    if (t->arg_kind != INST_ARG_ELEMENT || (a->kind != IR_OPD_ADDR && a->kind != IR_OPD_VALUE)) return;
    const IrPath *path = &a->path;
    if (a->kind == IR_OPD_VALUE && a->path.root == IR_ROOT_LOCAL && !a->path.nsteps) /* a per-iteration object */
        path = stored_element(p, func, sp, a->path.id, hi->local);
    t->elem_step = path ? index_step_of(path, hi->local) : -1;
    if (t->elem_step >= 0) t->elem_path = *path;
    else if (!path && a->kind == IR_OPD_VALUE)
        t->rec_handle = inst_counter_first_step(p, func, sp, &(IrPath){.nsteps = 1, .steps = (IrStep *)hi},
                                                t->spawn_loop);
}

/* The range of the counter of the loop around block - an outermost loop
 * counting with the local its header tests (`for (i = 0; i < n; i++)
 * create(&t, ..)`): one spawn per round, so how many instances it starts. */
static void spawn_iterations(const Program *p, uint32_t func, uint32_t block, LoopRange *out) {
    memset(out, 0, sizeof *out);
    const IrFunc *f = p->link.funcs.data[func].ir;
    int32_t l = f->blocks[block].loop;
    if (l < 0 || f->loops[l].parent >= 0) return;
    const IrTerm *t = &f->blocks[f->loops[l].header].term;
    const IrOperand *c = t->cond.kind != IR_OPD_UNKNOWN ? &t->cond : &t->sym_lhs;
    if (c->kind != IR_OPD_VALUE || c->offset || c->path.root != IR_ROOT_LOCAL || c->path.nsteps) return;
    joins_loop_range(p, func, l, c->path.id, out);
}

/* Node + 1 of the once control whose routine is running at st: a global
 * (or a field of one, no element, no pointer), held in the LMODE_ONCE_INIT
 * form; 0 when none. That routine runs once in all threads. */
static uint32_t once_routine_node(Program *p, const FlowState *st) {
    for (uint32_t i = 0; i < st->held.n; i++) {
        const LockRef *l = &p->lock.refs.data[st->held.v[i]];
        if (l->mode != LMODE_ONCE_INIT || l->func >= 0 || l->path.root != IR_ROOT_GLOBAL) continue;
        bool plain = true;
        for (uint32_t k = 0; k < l->path.nsteps && plain; k++) plain = l->path.steps[k].kind == IR_STEP_FIELD;
        if (!plain) continue;
        const IdSet *n = lock_nodes(p, st->held.v[i]);
        if (n->n == 1) return n->v[0] + 1;
    }
    return 0;
}

/* The start value of a spawn in loop `loop` of func (a routine of a
 * single-instance creator; the loop outermost, its counter only stepped
 * up by one) that is NULL but in the iteration where the counter equals
 * one constant K: `create(.., i == 0 ? &stats : NULL)`, a temporary
 * assigned 0 everywhere but in the block only the edge `i == K` reaches.
 * K + 1, or 0. */
static int64_t nonnull_iteration(Program *p, uint32_t creator, uint32_t func, int32_t loop, const IrOperand *arg) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (loop < 0 || f->loops[loop].parent >= 0 || model_thread_many(p, creator) ||
        !idset_has(&p->tm.threads.data[creator].routines, func) || arg->kind != IR_OPD_VALUE || arg->offset ||
        arg->path.nsteps || arg->path.root != IR_ROOT_TEMP)
        return 0;
    uint32_t set_block = UINT32_MAX;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            if (x->kind != IR_EV_ASSIGN || x->path.root != IR_ROOT_TEMP || x->path.nsteps || x->path.id != arg->path.id)
                continue;
            if (x->src && x->src->kind == IR_OPD_CONST && x->src->value == 0) continue;
            if (set_block != UINT32_MAX) return 0;
            set_block = b;
        }
    if (set_block == UINT32_MAX) return 0;
    uint32_t *pstart, *preds;
    ir_predecessors(f, &pstart, &preds);
    int64_t k1 = 0;
    if (pstart[set_block + 1] - pstart[set_block] == 1) {
        const IrBlock *pb = &f->blocks[preds[pstart[set_block]]];
        const IrTerm *t = &pb->term;
        bool eq_edge = t->kind == IR_TERM_BRANCH && pb->nsucc == 2 &&
                       ((t->cmp == IR_CMP_EQ && pb->succ[0] == set_block && pb->succ[1] != set_block) ||
                        (t->cmp == IR_CMP_NE && pb->succ[1] == set_block && pb->succ[0] != set_block));
        if (eq_edge && t->cond.kind == IR_OPD_VALUE && !t->cond.offset && !t->cond.path.nsteps &&
            t->cond.path.root == IR_ROOT_LOCAL && t->rhs > INT64_MIN + 1 && t->rhs < INT64_MAX - 1 &&
            fill_counter_stepped(f, model_defuse(p, f), loop, t->cond.path.id))
            k1 = t->rhs + 1;
    }
    free(pstart);
    free(preds);
    return k1;
}

/* A spawn whose status the branch ending its block tests (`if
 * (pthread_create(..) != 0) { free(arg); return; }`, the result or a
 * local assigned it there), starting a child not running on this path
 * (and whether none was started before either): remembered for the
 * failure edge (spawn_failed). */
static void note_fresh_spawn(ThreadCtx *c, uint32_t func, uint32_t block, const IrEvent *ev, uint32_t child,
                             const FlowState *st) {
    c->fresh_spawn.valid = false;
    if (idset_has(&st->live, child)) return;
    c->fresh_spawn.first = !idset_has(&st->ever, child);
    int fail = inst_spawn_failure_succ(c->p, c->p->link.funcs.data[func].ir, block, ev);
    if (fail < 0) return;
    c->fresh_spawn.valid = true;
    c->fresh_spawn.func = func;
    c->fresh_spawn.block = block;
    c->fresh_spawn.child = child;
    c->fresh_spawn.fail = (uint8_t)fail;
}

/* On the edge where the spawn just made failed (a status other than 0,
 * or a NULL handle), its child was not started: it leaves live - and,
 * when no instance was started before, ever and started, so what the path
 * does (freeing the argument) comes before any instance of it. */
static void spawn_failed(ThreadCtx *c, uint32_t func, uint32_t block, bool taken, FlowState *st) {
    if (!c->fresh_spawn.valid || c->fresh_spawn.func != func || c->fresh_spawn.block != block) return;
    if ((taken ? 0 : 1) != c->fresh_spawn.fail) return; /* taken: succ[0] */
    uint32_t ch = c->fresh_spawn.child;
    idset_remove(&st->live, ch);
    if (!c->fresh_spawn.first) return;
    idset_remove(&st->ever, ch);
    idset_remove(&st->started, ch);
}

/* The edge of the branch ending a block on which the barrier wait made
 * there returned PTHREAD_BARRIER_SERIAL_THREAD (-1; the result, or a local
 * assigned it in the block): one waiter of each cycle takes it, so what
 * follows runs in one instance of the thread per cycle - an instance
 * guard on a value of that barrier's own (ASSUMPTION, as for rule barrier:
 * every thread waiting at it is one of its participants; two cycles are
 * ordered by the barrier between them). */
static void barrier_serial_edge(ThreadCtx *c, uint32_t func, uint32_t block, bool taken, FlowState *st) {
    Program *p = c->p;
    const IrBlock *bb = &p->link.funcs.data[func].ir->blocks[block];
    const IrTerm *t = &bb->term;
    if (t->kind != IR_TERM_BRANCH || t->rhs != -1 || t->cond.kind != IR_OPD_VALUE || t->cond.offset ||
        t->cond.path.nsteps || !((t->cmp == IR_CMP_EQ && taken) || (t->cmp == IR_CMP_NE && !taken)))
        return;
    uint8_t root = IR_ROOT_TEMP;
    uint32_t id = UINT32_MAX;
    const IrEvent *wait = NULL;
    for (uint32_t e = 0; e < bb->nevents; e++) {
        const IrEvent *x = &bb->events[e];
        if (x->kind == IR_EV_CALL && x->call) {
            const CallInfo *ci = program_call(p, x);
            bool bw = ci && ci->kind == CALL_API && ci->api->kind == API_BARRIER_WAIT && x->call->result >= 0;
            wait = bw ? x : NULL;
            root = IR_ROOT_TEMP, id = bw ? (uint32_t)x->call->result : UINT32_MAX;
        } else if (wait && inst_copies_result(x, wait)) {
            root = IR_ROOT_LOCAL, id = x->path.id;
        }
    }
    if (!wait || t->cond.path.root != root || t->cond.path.id != id) return;
    const ApiModel *m = program_call(p, wait)->api;
    if (m->barrier < 0 || (uint32_t)m->barrier >= wait->call->nargs) return;
    IdSet nodes = {0};
    pt_operand_targets(p, func, &wait->call->args[m->barrier], &nodes);
    if (nodes.n == 1) {
        st->inst_known = true;
        st->inst_value = INT64_MIN / 2 + nodes.v[0]; /* no instance index has it */
    }
    idset_free(&nodes);
}

static void do_spawn(ThreadCtx *c, uint32_t func, uint32_t block, const IrEvent *ev, const CallInfo *ci,
                     FlowState *st) {
    Program *p = c->p;
    int32_t rec;
    uint32_t child = child_for(p, c->thread, ev, func, &rec);
    if (rec >= 0) return rec_spawn(c, func, block, ev, ci, st, (uint32_t)rec);
    if (child == UINT32_MAX) return;
    Thread *t = &p->tm.threads.data[child];
    /* a spawn under a set-once guard runs once for a single-instance creator,
     * and for all creators when the guard is tested and set under one lock */
    bool creator_many = model_thread_many(p, c->thread);
    const OnceSite *os = ci->api->many ? NULL : once_site(p, func, ev);
    t = &p->tm.threads.data[child];
    if (os && (!creator_many || os->locked)) t->once = (uint32_t)(os - p->tm.once.data) + 1;
    if (ci->api->many || (!t->once && (idset_has(&st->live, child) || creator_many))) t->many = true;
    if (!creator_many && !t->started_flag) {
        uint32_t sf = once_started_flag(p, func, ev);
        t = &p->tm.threads.data[child];
        if (sf != UINT32_MAX) t->started_flag = sf + 1;
    }
    if (!t->spawn_range.known && !t->iter_range.known) spawn_iterations(p, func, block, &t->iter_range);
    uint32_t on = once_routine_node(p, st);
    t = &p->tm.threads.data[child];
    if (!t->once_spawn_seen) t->once_spawn = on;
    else if (t->once_spawn != on) t->once_spawn = 0;
    t->once_spawn_seen = true;
    idset_union(&t->live_at_spawn, &st->live);
    idset_union(&t->ever_at_spawn, &st->ever);
    hand_back_spawned(st, child);
    t->spawn_loop = p->link.funcs.data[func].ir->blocks[block].loop;
    const ApiModel *m = ci->api;
    if (m->arg >= 0 && (uint32_t)m->arg < ev->call->nargs) {
        uint8_t k = inst_spawn_arg(p, func, &ev->call->args[m->arg], t->spawn_loop);
        /* each instance of a many-instance creator starting one child with
         * its own element, or one per iteration of a loop with a distinct
         * part of it: the child's elements are distinct too */
        const IrOperand *a = &ev->call->args[m->arg];
        bool family = creator_many && p->tm.threads.data[c->thread].arg_kind == INST_ARG_ELEMENT &&
                      idset_has(&p->tm.threads.data[c->thread].routines, func) &&
                      (t->spawn_loop < 0 ? (inst_operand_role(p, c->thread, func, st->inst, a) & INST_ROLE_ELEMENT) != 0
                                         : /* a distinct part of it per iteration (`&g->leaf[i]`) */
                                           k == INST_ARG_ELEMENT && a->kind == IR_OPD_ADDR && !a->offset &&
                                               inst_private_step(p, c->thread, func, st->inst, &a->path) ==
                                                   INST_STEP_PARAM);
        int64_t nn = nonnull_iteration(p, c->thread, func, t->spawn_loop, &ev->call->args[m->arg]);
        t = &p->tm.threads.data[child];
        t->family = family;
        t->arg_kind = family ? INST_ARG_ELEMENT : k;
        t->nonnull_iter = nn;
        t->start_arg = &ev->call->args[m->arg];
        t->arg_param = (int8_t)(m->arg_param >= 0 && m->arg_param < 127 ? m->arg_param : -1);
    }
    if (m->handle >= 0 && (uint32_t)m->handle < ev->call->nargs && m->handle_by == HANDLE_POINTER) {
        const IrOperand *h = &ev->call->args[m->handle];
        IdSet nodes = {0};
        pt_operand_targets(p, func, h, &nodes);
        t = &p->tm.threads.data[child];
        t->handle_node = nodes.n == 1 ? nodes.v[0] : UINT32_MAX;
        /* another running child stored in the same plain handle or the same
         * constant element loses it: no join of the handle waits for it */
        int8_t nk;
        int64_t nv;
        if (h->kind == IR_OPD_ADDR) handle_index(&h->path, &nk, &nv);
        else nk = IR_INDEX_UNKNOWN, nv = 0;
        bool direct = h->kind == IR_OPD_ADDR && direct_path(&h->path);
        for (uint32_t i = 0; i < st->live.n && t->handle_node != UINT32_MAX && direct; i++) {
            const Thread *o = &p->tm.threads.data[st->live.v[i]];
            if (st->live.v[i] != child && o->handle_node == t->handle_node && !model_thread_self_or_ancestor(p, st->live.v[i], c->thread) &&
                ((nk < 0 && o->handle_index_kind < 0) ||
                 (nk == IR_INDEX_CONST && o->handle_index_kind == IR_INDEX_CONST && o->handle_index == nv)))
                idset_add(&c->clobbered, st->live.v[i]);
        }
        if (h->kind == IR_OPD_ADDR) {
            handle_index(&h->path, &t->handle_index_kind, &t->handle_index);
            if (!t->spawn_range.known) handle_loop_range(p, func, block, &h->path, &t->spawn_range);
        } else {
            t->handle_index_kind = IR_INDEX_UNKNOWN;
        }
        if (h->kind == IR_OPD_ADDR) elem_step(p, func, ev, &h->path, t);
        else t->elem_step = -1;
        idset_free(&nodes);
    }
    LaunchInfo li;
    if (launchers_site(p, ev, &li)) {
        /* a capsule launcher's call site (launchers.c): the thread runs the
         * site's trampoline, which calls the routine with the site's
         * argument; that routine is a routine of the thread with that start
         * value too, so its instances are told apart as a spawn's are */
        t = &p->tm.threads.data[child];
        t->group_node = li.group_node;
        if (li.routine) t->routine = li.routine;
        if (li.routine_func >= 0) idset_add(&t->routines, (uint32_t)li.routine_func);
        if (li.arg) {
            uint8_t k = inst_spawn_arg(p, func, li.arg, t->spawn_loop);
            t = &p->tm.threads.data[child];
            t->arg_kind = li.routine_func >= 0 ? k : INST_ARG_NONE;
            t->start_arg = li.arg;
            t->arg_param = 0;
        }
    }
    guard_spawn(p, st, child);
    note_fresh_spawn(c, func, block, ev, child, st);
    idset_add(&st->live, child);
    idset_add(&st->ever, child);
    idset_add(&st->started, child);
    idset_add(&fs_get(c, func, true)->spawned, child);
}

/* Does func pass the address of handle node hn to code racecheck cannot
 * see (an external function)? It may overwrite the handle: a join of it
 * then waits for nothing racecheck knows. PRECISION: anywhere in func, not
 * only between the spawn and the join. */
static bool handle_to_unseen(Program *p, uint32_t func, uint32_t hn) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (!ci || ci->kind != CALL_EXTERNAL) continue;
            if (ev->call->callee.name && !strncmp(ev->call->callee.name, "racecheck_", 10)) continue;
            for (uint32_t a = 0; a < ev->call->nargs; a++) {
                const IrOperand *o = &ev->call->args[a];
                if (o->kind != IR_OPD_ADDR || !direct_path(&o->path)) continue;
                IdSet n = {0};
                pt_resolve_path(p, func, &o->path, &n);
                bool hit = idset_has(&n, hn);
                idset_free(&n);
                if (hit) return true;
            }
        }
    return false;
}

/* Child cid is joined when control reaches block `exit` of func. */
static void add_loop_kill(ThreadCtx *c, uint32_t func, uint32_t exit, uint32_t hn, uint32_t cid) {
    LoopKill lk = {func, exit, hn, cid};
    for (size_t k = 0; k < c->loop_kills.len; k++)
        if (c->loop_kills.data[k].func == func && c->loop_kills.data[k].block == exit &&
            c->loop_kills.data[k].thread == cid)
            return;
    vec_push(&c->loop_kills, lk);
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
    if (!detach && !m->join_all && handle_to_unseen(p, func, hn)) return; /* a pool is no handle */
    int8_t ik;
    int64_t iv;
    handle_index(&hpath, &ik, &iv);
    const IrFunc *f = p->link.funcs.data[func].ir;
    int32_t loop = f->blocks[block].loop;
    for (uint32_t i = 0; i < st->live.n; i++) {
        uint32_t cid = st->live.v[i];
        Thread *t = &p->tm.threads.data[cid];
        /* the handle the thread was stored in: its spawn's, or for a
         * recursive instance of an ancestor, that recursive spawn's */
        RecHandle view = {cid, t->handle_node, t->handle_index_kind, t->handle_index, t->spawn_loop,
                          t->spawn_func, t->spawn_range};
        bool rec = model_thread_self_or_ancestor(p, cid, c->thread), found = !rec;
        for (size_t k = 0; rec && k < c->rec_handles.len && !found; k++)
            if (c->rec_handles.data[k].thread == cid && c->rec_handles.data[k].node == hn) {
                view = c->rec_handles.data[k];
                found = true;
            }
        if (!found || idset_has(&c->clobbered, cid)) continue;
        if (view.node != hn) {
            /* a loop joining through a launcher's thread objects (yarn's
             * join_all walking its thread list) joins every thread launched
             * through it by loop exit (launchers.c) */
            if (!rec && !detach && loop >= 0 && t->group_node == hn) add_loop_kill(c, func, f->loops[loop].exit, hn, cid);
            continue;
        }
        if (detach) {
            if (rec) t->rec_escapes = true;
            else t->escapes = true;
            continue;
        }
        bool kill_now = false;
        if (m->join_all) {
            kill_now = true; /* a pool wait joins every task submitted with this handle */
        } else if (ik == IR_INDEX_CONST) {
            kill_now = view.index_kind == IR_INDEX_CONST && view.index == iv;
        } else if (ik < 0) {
            /* plain handle: joins the last instance only, unless the spawn is
             * not in a loop or spawn and join share the loop iteration */
            kill_now = view.index_kind < 0 &&
                       (view.spawn_loop < 0 || (view.spawn_func == func && view.spawn_loop == loop));
        } else if (loop >= 0) {
            /* join loop over a handle array: every element joined at loop
             * exit, unless its range is known to miss some (joins.c) */
            if (!rec) t->joined = true;
            /* ... and the one its index names now, right away: what that
             * instance was handed is the creator's again (AccessSite.elem_joined) */
            const IrStep *js = last_index_step(&hpath);
            uint32_t jl = js && js->index_kind == IR_INDEX_LOCAL ? js->local : UINT32_MAX;
            if (!rec && (t->elem_step >= 0 || t->rec_handle) && jl < (1u << 20) && cid < (1u << 12) && jl < f->nlocals &&
                !(f->locals[jl].flags & IR_LOCAL_ADDR_TAKEN))
                idset_add(&st->elem_joined, cid << 20 | jl);
            LoopRange jr;
            handle_loop_range(p, func, block, &hpath, &jr);
            if (joins_cover(&jr, &view.range) == JOIN_COVER_PART) continue;
            add_loop_kill(c, func, f->loops[loop].exit, hn, cid);
        }
        if (kill_now) {
            if (!rec) t->joined = true;
            if (!rec) child_ends(p, cid, st);
            idset_remove(&st->live, cid);
            i--;
        }
    }
    /* a thread that is neither this one's descendant nor its ancestor,
     * joined through its one handle (a sibling joining `t1`, which main
     * created and stored in a global): every access of it comes before
     * what follows here. One thread of one instance must own the handle. */
    if (detach || m->join_all) return;
    uint32_t other = UINT32_MAX;
    for (size_t y = 0; y < p->tm.threads.len; y++) {
        if (p->tm.threads.data[y].handle_node != hn) continue;
        if (other != UINT32_MAX) return; /* several threads share the handle */
        other = (uint32_t)y;
    }
    if (other == UINT32_MAX) return;
    const Thread *t = &p->tm.threads.data[other];
    bool same_index = ik < 0 ? t->handle_index_kind < 0
                             : ik == IR_INDEX_CONST && t->handle_index_kind == IR_INDEX_CONST && t->handle_index == iv;
    if (same_index && !t->many && !t->recursive && !model_thread_self_or_ancestor(p, other, c->thread) &&
        !model_thread_self_or_ancestor(p, c->thread, other))
        idset_add(&st->joined, other);
}

static void hook_thread_api(void *ctx, uint32_t func, uint32_t block, const IrEvent *ev, const CallInfo *ci,
                            FlowState *st) {
    ThreadCtx *c = ctx;
    Program *p = c->p;
    switch (ci->api->kind) {
    case API_SEM_WAIT: case API_SEM_POST: case API_COND_WAIT: case API_COND_SIGNAL: case API_BARRIER_WAIT:
        sync_event(p, c->thread, func, ev, ci->api, st);
        break;
    case API_ATOMIC: sync_count_atomic(p, c->thread, func, ev, ci->api, st); break;
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
            idset_copy(&e.prehold, &st->prehold);
            propagate_entry(c, g, &e, ev, false);
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
    c->fresh_spawn.valid = false;
    sync_enter_block(c->p, func, block, st);
    for (size_t k = 0; k < c->loop_kills.len; k++) {
        const LoopKill *lk = &c->loop_kills.data[k];
        if (lk->func != func || lk->block != block) continue;
        for (uint32_t i = 0; i < st->live.n; i++)
            if (st->live.v[i] == lk->thread && !idset_has(&c->clobbered, lk->thread)) {
                if (!model_thread_self_or_ancestor(c->p, lk->thread, c->thread)) {
                    c->p->tm.threads.data[st->live.v[i]].joined = true;
                    child_ends(c->p, lk->thread, st);
                }
                idset_remove(&st->live, st->live.v[i]);
                i--;
            }
    }
}

/* The one lock object a lock names in this thread when it names several
 * context-insensitively: a lock reached through an unchanged parameter of
 * its function (`from->m` in `transfer(from, to)`) names what the calls of
 * this thread pass (ctxparams.c). UINT32_MAX otherwise. */
static uint32_t thread_lock_node(ThreadCtx *c, uint32_t lock) {
    Program *p = c->p;
    if (lock == UINT32_MAX || !c->params) return UINT32_MAX;
    const LockRef *l = &p->lock.refs.data[lock];
    if (l->func < 0 || lock_is_pseudo(l)) return UINT32_MAX;
    const IdSet *all = lock_nodes(p, lock);
    if (all->n < 2) return UINT32_MAX;
    IdSet nodes = {0};
    idset_copy(&nodes, all);
    IrPath path = p->lock.refs.data[lock].path;
    uint32_t n = UINT32_MAX;
    if (tparams_filter(c->params, (uint32_t)p->lock.refs.data[lock].func, &path, &nodes) && nodes.n == 1)
        n = nodes.v[0];
    idset_free(&nodes);
    return n;
}

/* Lock listener: each lock acquisition of the final visit, with the locks
 * held just before it and, for locks naming several objects, the one
 * object each names in this thread (thread_lock_node; lock-order and
 * double-lock facts). Trylocks are not recorded: a
 * thread that backs off when a trylock fails waits for nothing. Each
 * release goes to sync_post_check (a semaphore posted without a wait). */
static void collect_acquisition(void *ctx, Program *p, const LockEvent *e, FlowState *st) {
    ThreadCtx *c = ctx;
    bool pseudo = e->lock != UINT32_MAX && lock_is_pseudo(&p->lock.refs.data[e->lock]);
    if (pseudo && c->recording && e->final && e->kind == LOCK_EV_RELEASE && p->lock.refs.data[e->lock].token)
        tokens_post_check(p, e->lock, st); /* a ring's token passed on without being held */
    if (pseudo) return; /* not a lock object (turns.c, flaglocks.c, tokens.c) */
    if (c->recording && e->final && e->kind == LOCK_EV_RELEASE) sync_post_check(p, c->thread, e, st);
    if (!c->recording || !e->final || e->kind != LOCK_EV_ACQUIRE) return;
    LockAcq a = {c->thread, e->func, e->ev, e->lock, model_intern_locks(p, &st->held), UINT32_MAX, NULL, 0};
    a.node = thread_lock_node(c, e->lock);
    const IdSet *held = &p->sets.data[a.held];
    uint32_t *hn = NULL;
    for (uint32_t k = 0; k < held->n && k < 64; k++) {
        /* `lock(&it->m)` on a node not yet linked in: private at this acquisition */
        const LockRef *hr = &p->lock.refs.data[held->v[k]];
        if (lock_is_pseudo(hr)) continue;
        const IdSet *hnodes = lock_nodes(p, held->v[k]);
        bool priv = hnodes->n > 0;
        for (uint32_t j = 0; j < hnodes->n && priv; j++)
            priv = own_before_publication(p, p->pt.nodes.data[hnodes->v[j]].obj, e->func, e->ev);
        if (priv) a.held_private |= 1ull << k;
    }
    for (uint32_t k = 0; k < held->n; k++) {
        uint32_t n = thread_lock_node(c, held->v[k]);
        if (n == UINT32_MAX) continue;
        if (!hn) {
            hn = arena_alloc(p->arena, held->n * sizeof(uint32_t));
            for (uint32_t j = 0; j < held->n; j++) hn[j] = UINT32_MAX;
        }
        hn[k] = n;
    }
    a.held_nodes = hn;
    vec_push(&p->tm.acquisitions, a);
}

/* A write to the handle of a running child (`t = other` after
 * create(&t)): a later join of that handle waits for another thread, so the
 * child is never joined. Storing a spawn's result, or a capsule launcher's
 * (`t = launch(..)`, whose thread's handle is t), is the new child's own. */
static bool stores_spawn_result(Program *p, uint32_t func, const IrEvent *ev) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId id;
    if (!ir_defuse_event_id(du, ev, &id) || id.index + 1 >= f->blocks[id.block].nevents) return false;
    const IrEvent *as = &f->blocks[id.block].events[id.index + 1];
    if (as->kind != IR_EV_ASSIGN || !as->src || as->src->kind != IR_OPD_VALUE || as->src->path.root != IR_ROOT_TEMP ||
        as->src->path.nsteps)
        return false;
    const IrVarDefs *d = ir_defuse_temp(du, as->src->path.id);
    if (!d || !d->has_def) return false;
    const CallInfo *ci = program_call(p, ir_event_at(f, d->def));
    return ci && ((ci->kind == CALL_API && ci->api->kind == API_SPAWN) || launchers_call(p, ir_event_at(f, d->def)) ||
                  (ci->kind == CALL_INTERNAL && idset_has(&p->tm.handle_returners, ci->callee)));
}

static void clobber_handles(ThreadCtx *c, uint32_t func, const IrEvent *ev, const FlowState *st) {
    Program *p = c->p;
    bool any = false;
    for (uint32_t i = 0; i < st->live.n && !any; i++)
        any = p->tm.threads.data[st->live.v[i]].handle_node != UINT32_MAX &&
              !model_thread_self_or_ancestor(p, st->live.v[i], c->thread) && !idset_has(&c->clobbered, st->live.v[i]);
    /* `t = g_thread_new(..)` stores the handle of the thread just started */
    if (!any || (ev->flags & IR_EV_RMW) || !direct_path(&ev->path) || stores_spawn_result(p, func, ev)) return;
    IdSet nodes = {0};
    pt_resolve_path(p, func, &ev->path, &nodes);
    for (uint32_t i = 0; i < st->live.n; i++) {
        const Thread *t = &p->tm.threads.data[st->live.v[i]];
        if (t->handle_node != UINT32_MAX && idset_has(&nodes, t->handle_node) &&
            !model_thread_self_or_ancestor(p, st->live.v[i], c->thread))
            idset_add(&c->clobbered, st->live.v[i]);
    }
    idset_free(&nodes);
}

static void hook_write(void *ctx, uint32_t func, const IrEvent *ev, FlowState *st) {
    ThreadCtx *c = ctx;
    sync_count_write(c->p, c->thread, func, ev, st);
    sync_flag_store(c->p, c->thread, ev, st);
    clobber_handles(c, func, ev, st);
}

/* A branch edge the thread's start value makes impossible (`if (arg)` in
 * a routine started with NULL). */
static bool hook_edge(void *ctx, uint32_t func, const IrTerm *t, bool taken) {
    ThreadCtx *c = ctx;
    if (t->rhs != 0 || (t->cmp != IR_CMP_NE && t->cmp != IR_CMP_EQ)) return true;
    int v = inst_start_truth(c->p, c->thread, func, &t->cond);
    if (v < 0) return true;
    bool holds = t->cmp == IR_CMP_NE ? v == 1 : v == 0; /* the tested relation */
    return holds == taken;
}

/* Drop child x from live, with the pairs saying it started before a hold. */
static void not_running(Program *p, FlowState *st, uint32_t x) {
    idset_remove(&st->live, x);
    for (uint32_t k = 0; k < st->prehold.n; k++)
        if ((uint32_t)(p->tm.hold_pairs.data[st->prehold.v[k]] >> 32) == x) {
            idset_remove(&st->prehold, st->prehold.v[k]);
            k--;
        }
}

/* On the edge where a guard G is 0, the thread's children that G guards
 * are not running (guards, above). */
static void guard_edge(ThreadCtx *c, uint32_t func, uint32_t block, bool taken, FlowState *st) {
    Program *p = c->p;
    const IrTerm *t = &p->link.funcs.data[func].ir->blocks[block].term;
    bool zero_first = false;
    int gi = guard_branch(p, func, t, &zero_first);
    if (gi < 0 || model_thread_many(p, c->thread)) return;
    if (taken != zero_first) {
        /* G is not 0 here, and only this thread writes it: it stays so
         * until this thread writes it */
        idset_add(&st->nonzero, (uint32_t)gi);
        return;
    }
    for (uint32_t i = 0; i < st->live.n; i++) {
        uint32_t x = st->live.v[i];
        if (p->tm.threads.data[x].parent != (int32_t)c->thread || x >> (32 - FLOW_GUARD_BITS) ||
            !idset_has(&st->guarded, x << FLOW_GUARD_BITS | (uint32_t)gi))
            continue;
        not_running(p, st, x);
        i--;
    }
}

/* Instance guards: in a thread of many instances, each handed a distinct
 * index (instances.c), the edge of a branch on which an instance index
 * equals a constant (`if (id == 0)`, `if (!me->id)`, `case 1:`) is taken by
 * one instance at most: what follows it, in the routine and the helpers it
 * calls there, runs in that one instance only (FlowState.inst_known; rule
 * instance-guard). */
/* Is operand o of func the thread's start value: its routine's start
 * parameter, unchanged, or a local assigned once from it (`st = arg`)? */
static bool start_value(Program *p, uint32_t thread, uint32_t func, const IrOperand *o) {
    const Thread *th = &p->tm.threads.data[thread];
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (o->kind != IR_OPD_VALUE || o->offset || o->path.nsteps || o->path.root != IR_ROOT_LOCAL || th->arg_param < 0 ||
        !idset_has(&th->routines, func))
        return false;
    uint32_t v = o->path.id;
    if (v != (uint32_t)th->arg_param) {
        if (v < f->nparams || v >= f->nlocals || (f->locals[v].flags & IR_LOCAL_ADDR_TAKEN)) return false;
        const IrVarDefs *d = ir_defuse_var(model_defuse(p, f), &o->path);
        if (!d || !d->has_def || !d->has_assign || d->nwrites > 1) return false;
        const IrEvent *as = ir_event_at(f, d->assign);
        if (!as->src || as->src->kind != IR_OPD_VALUE || as->src->offset || as->src->path.nsteps ||
            as->src->path.root != IR_ROOT_LOCAL)
            return false;
        v = as->src->path.id;
    }
    return v == (uint32_t)th->arg_param && (uint32_t)th->arg_param < f->nparams && model_param_unchanged(p, func, v);
}

static void inst_guard_edge(ThreadCtx *c, uint32_t func, uint32_t block, bool taken, FlowState *st) {
    Program *p = c->p;
    const IrTerm *t = &p->link.funcs.data[func].ir->blocks[block].term;
    /* the edge where the start value is not NULL, for a thread only one
     * instance of which gets one (nonnull_iteration) */
    const Thread *nt = &p->tm.threads.data[c->thread];
    if (nt->nonnull_iter && t->kind == IR_TERM_BRANCH && t->rhs == 0 &&
        ((t->cmp == IR_CMP_NE && taken) || (t->cmp == IR_CMP_EQ && !taken)) && model_thread_many(p, c->thread) &&
        (nt->parent < 0 || !model_thread_many(p, (uint32_t)nt->parent)) && start_value(p, c->thread, func, &t->cond)) {
        st->inst_known = true;
        st->inst_value = nt->nonnull_iter - 1;
        return;
    }
    if (t->kind != IR_TERM_BRANCH || t->cond.kind != IR_OPD_VALUE || (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE) ||
        (t->cmp == IR_CMP_EQ) != taken)
        return;
    const Thread *th = &p->tm.threads.data[c->thread];
    if (!th->arg_kind || !model_thread_many(p, c->thread) || (th->parent >= 0 && model_thread_many(p, (uint32_t)th->parent)))
        return; /* instances of two creators may share index values */
    if (inst_operand_role(p, c->thread, func, st->inst, &t->cond) & INST_ROLE_INDEX) {
        st->inst_known = true;
        st->inst_value = t->rhs;
    }
}

/* On the edge where a set-once guard is 0, the children it guards have
 * not been started yet (once.c): they leave live and ever, and no instance
 * of them started before a hold. */
static bool hook_edge_state(void *ctx, uint32_t func, uint32_t block, bool taken, FlowState *st) {
    ThreadCtx *c = ctx;
    Program *p = c->p;
    if (!modes_edge(p, func, &p->link.funcs.data[func].ir->blocks[block].term, taken, &st->modes))
        return false;
    if (p->tm.guard_nodes.n) {
        guard_edge(c, func, block, taken, st);
        int fg = fill_exit(p, func, block, taken ? 0 : 1);
        if (fg >= 0) idset_add(&st->nonzero, (uint32_t)fg);
    }
    if (!st->inst_known) inst_guard_edge(c, func, block, taken, st);
    if (!st->inst_known && model_thread_many(p, c->thread)) barrier_serial_edge(c, func, block, taken, st);
    spawn_failed(c, func, block, taken, st);
    if (!p->tm.once_flags.n || !st->ever.n) return true;
    bool any = false;
    for (uint32_t i = 0; i < st->ever.n && !any; i++)
        any = p->tm.threads.data[st->ever.v[i]].once || p->tm.threads.data[st->ever.v[i]].started_flag;
    if (!any) return true;
    bool zero_taken;
    uint32_t tested = once_tested(p, func, block, &zero_taken);
    for (int set = 0; set < 2; set++) {
        IdSet *s = set ? &st->ever : &st->live;
        for (uint32_t i = 0; i < s->n; i++) {
            const Thread *t = &p->tm.threads.data[s->v[i]];
            if ((!t->once && !t->started_flag) || t->parent != (int32_t)c->thread) continue;
            /* the guard's own test on its zero edge (for creators of many
             * instances it is one critical section with the set: no
             * instance has started the child); and for a single-instance
             * creator, which alone starts this child, any test of the guard
             * set before the spawn, or of the started flag, on its zero edge
             * (another instance's unlocked test may read 0 while the child
             * is started) */
            const OnceSite *os = t->once ? &p->tm.once.data[t->once - 1] : NULL;
            bool single = !model_thread_many(p, c->thread);
            bool site = os && os->guard_func == func && os->guard_block == block && os->guard_taken == taken;
            bool other = os && single && os->set_before && tested == os->node && zero_taken == taken;
            bool started = t->started_flag && single && tested == t->started_flag - 1 && zero_taken == taken;
            if (!site && !other && !started) continue;
            uint32_t x = s->v[i];
            idset_remove(s, x);
            i--;
            for (uint32_t k = 0; k < st->prehold.n; k++)
                if ((uint32_t)(p->tm.hold_pairs.data[st->prehold.v[k]] >> 32) == x) {
                    idset_remove(&st->prehold, st->prehold.v[k]);
                    k--;
                }
        }
    }
    return true;
}

static void hook_visit(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st) {
    ThreadCtx *c = ctx;
    access_visit(c->p, c->params, c->thread, func, ev, st);
}

/* The locks thread t runs inside, with the thread holding each (the
 * creator whose hold encloses the run): its own creator's, and - while it
 * ends before its creator does (not escaping, not recursive) - those its
 * creator runs inside. Appends (lock id, holder) pairs to out. */
void model_inherited_locks(const Program *p, uint32_t t, HoldList *out) {
    for (int32_t x = (int32_t)t; x >= 0;) {
        const Thread *th = &p->tm.threads.data[x];
        if (th->parent < 0 || th->recursive || !th->inside_seen) return;
        for (uint32_t i = 0; i < th->inside.n; i++) vec_push(out, (uint64_t)th->parent << 32 | th->inside.v[i]);
        if (th->escapes) return;
        x = th->parent;
    }
}

/* ---- per-thread analysis ------------------------------------------------------- */

/* Has a function's exit state changed in what its callers read from it
 * (hook_call, guard_after_call)? Then they run again. */
static bool exit_changed(const FlowState *old, const FlowState *now) {
    if (old->reached != now->reached) return true;
    if (!now->reached) return false;
    return !idset_equal(&old->live, &now->live) || !idset_equal(&old->held, &now->held) ||
           !idset_equal(&old->prehold, &now->prehold) || !idset_equal(&old->taken, &now->taken) ||
           !idset_equal(&old->joined, &now->joined) || !idset_equal(&old->started, &now->started) ||
           !idset_equal(&old->guarded, &now->guarded) || !idset_equal(&old->waited, &now->waited) ||
           !idset_equal(&old->cwaited, &now->cwaited) || !idset_equal(&old->posted, &now->posted) ||
           !idset_equal(&old->phases, &now->phases);
}

static void analyze_thread(Program *p, uint32_t tid) {
    double t0 = model_now_seconds();
    ThreadCtx c;
    memset(&c, 0, sizeof c);
    c.cur_ctx = TPARAMS_NO_CONTEXT;
    c.p = p;
    c.thread = tid;
    u64map_init(&c.fs_index);
    LockListener listeners[] = {{&c, collect_acquisition}, lockset_listener, {&c, hold_listener}};
    FlowHooks h = {&c, hook_call, hook_thread_api, hook_enter_block, NULL, listeners, 3, NULL, hook_write, hook_edge,
                   hook_edge_state, false};
    IdSet routines = {0}, tokens = {0};
    idset_copy(&routines, &p->tm.threads.data[tid].routines);
    if (p->sync.rings.len) tokens_thread_entry(p, tid, &tokens); /* the rings' tokens it starts with */
    for (uint32_t i = 0; i < routines.n; i++) {
        FlowState e;
        flow_state_init(&e);
        e.reached = true;
        idset_copy(&e.held, &tokens);
        propagate_entry(&c, routines.v[i], &e, NULL, false);
        flow_state_free(&e);
    }
    size_t steps = 0;
    h.exit_only = true; /* the summaries: final lock events matter only while recording */
    while (c.work.len) {
        /* the current round's next caller (work_key) */
        uint32_t f = work_pop(&c);
        c.round = fs_get(&c, f, false)->round;
        FuncState *s = fs_get(&c, f, true);
        s->queued = false;
        uint32_t nspawned = s->spawned.n;
        FlowState in, exit;
        flow_state_init(&in);
        flow_state_copy(&in, &s->in);
        flow_run(p, f, &in, &h, &exit);
        p->tm.pass_runs[0]++;
        flow_state_free(&in);
        s = fs_get(&c, f, true);
        bool changed = exit_changed(&s->exit, &exit) || s->spawned.n != nspawned;
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
    /* children that may still run when the function that spawned them
     * returns (stack-escape: a return between the spawn and the join); in
     * a function calling itself, only those not running when it was
     * entered (not its caller's, a frame up: tree_sum(&right) after
     * spawning on &left) */
    for (size_t i = 0; i < c.fs.len; i++) {
        const FuncState *s = &c.fs.data[i];
        if (!s->exit.reached) continue;
        bool recursive = idset_has(&p->pt.funcs.data[s->func].callers, s->func);
        for (uint32_t k = 0; k < s->exit.live.n; k++) {
            Thread *x = &p->tm.threads.data[s->exit.live.v[k]];
            if (x->parent == (int32_t)tid && x->spawn_func == s->func &&
                !(recursive && idset_has(&s->in.live, s->exit.live.v[k])))
                x->outlives_spawner = true;
        }
    }
    /* the threads it joined (not its descendants) by every end: a thread that
     * joins it has them ended too (rule join, transitively) */
    bool first_end = true;
    for (uint32_t i = 0; i < routines.n; i++) {
        FuncState *s = fs_get(&c, routines.v[i], false);
        if (!s || !s->exit.reached) continue;
        Thread *th = &p->tm.threads.data[tid];
        if (first_end) idset_copy(&th->ends_joined, &s->exit.joined);
        else idset_intersect(&th->ends_joined, &s->exit.joined);
        first_end = false;
    }
    /* children still running when the thread's routines return outlive it */
    for (uint32_t i = 0; i < routines.n; i++) {
        FuncState *s = fs_get(&c, routines.v[i], false);
        if (!s || !s->exit.reached) continue;
        if (s->exit.live.n) p->tm.threads.data[tid].children_escape = true;
        for (uint32_t k = 0; k < s->exit.live.n; k++) {
            uint32_t x = s->exit.live.v[k];
            if (!model_thread_self_or_ancestor(p, x, tid)) child_ends(p, x, &s->exit);
            if (model_thread_self_or_ancestor(p, x, tid)) p->tm.threads.data[x].rec_escapes = true; /* a recursive instance */
            else if (p->tm.threads.data[tid].parent >= 0) p->tm.threads.data[x].escapes = true;
        }
    }
    /* record the accesses, with the final states: once per calling context
     * (the functions' phase-one exits stand for what calls do) */
    h.exit_only = false;
    double t1 = model_now_seconds();
    p->tm.pass_seconds[0] += t1 - t0;
    c.contexts = true;
    c.ctx_budget = MODEL_CONTEXTS_PER_FUNCTION * c.fs.len + routines.n;
    u64map_init(&c.ctx_first);
    for (uint32_t i = 0; i < routines.n; i++) {
        FlowState e;
        flow_state_init(&e);
        e.reached = true;
        idset_copy(&e.held, &tokens);
        ctx_propagate(&c, routines.v[i], &e, NULL, false);
        flow_state_free(&e);
    }
    steps = 0;
    for (size_t w = 0; w < c.ctx_work.len; w++) { /* FIFO */
        uint32_t x = c.ctx_work.data[w];
        c.ctxs.data[x].queued = false;
        if (c.ctxs.data[x].leaf) continue;
        FlowState in;
        flow_state_init(&in);
        flow_state_copy(&in, &c.ctxs.data[x].in);
        c.cur_ctx = x;
        flow_run(p, c.ctxs.data[x].func, &in, &h, NULL);
        c.cur_ctx = TPARAMS_NO_CONTEXT;
        p->tm.pass_runs[1]++;
        flow_state_free(&in);
        if (++steps > MODEL_MAX_THREAD_STEPS) {
            diag_report(p->diags, DIAG_WARNING, NULL, 0, 0,
                        "the per-thread pass of thread %s stopped after %d visits of calling contexts; accesses "
                        "in contexts it had not settled may be missing", p->tm.threads.data[tid].routine,
                        MODEL_MAX_THREAD_STEPS);
            break;
        }
    }
    double t2 = model_now_seconds();
    p->tm.pass_seconds[1] += t2 - t1;
    h.visit = hook_visit;
    c.recording = true;
    VEC(uint32_t) reached = {0};
    for (size_t i = 0; i < c.fs.len; i++)
        if (c.fs.data[i].in.reached) vec_push(&reached, c.fs.data[i].func);
    c.params = tparams_new(p, tid, reached.data, reached.len);
    tparams_contexts(c.params, c.edges.data, c.edges.len);
    vec_free(&c.edges);
    vec_free(&reached);
    for (size_t i = 0; i < c.ctxs.len; i++) {
        CtxState *x = &c.ctxs.data[i];
        if (!x->in.reached) continue;
        FlowState in;
        flow_state_init(&in);
        flow_state_copy(&in, &x->in);
        if (!idset_has(&p->tm.threads.data[tid].funcs, x->func)) p->tm.context_funcs++;
        idset_add(&p->tm.threads.data[tid].funcs, x->func);
        p->tm.contexts++;
        p->tm.context_overflows += x->overflow;
        tparams_enter(c.params, (uint32_t)i);
        flow_run(p, x->func, &in, &h, NULL);
        tparams_enter(c.params, TPARAMS_NO_CONTEXT);
        p->tm.pass_runs[2]++;
        flow_state_free(&in);
    }
    p->tm.pass_seconds[2] += model_now_seconds() - t2;
    tparams_free(c.params);
    for (size_t i = 0; i < c.fs.len; i++) {
        flow_state_free(&c.fs.data[i].in);
        flow_state_free(&c.fs.data[i].exit);
        idset_free(&c.fs.data[i].spawned);
    }
    vec_free(&c.fs);
    vec_free(&c.work);
    for (size_t i = 0; i < c.ctxs.len; i++) flow_state_free(&c.ctxs.data[i].in);
    vec_free(&c.ctxs);
    vec_free(&c.ctx_work);
    vec_free(&c.edges);
    u64map_free(&c.ctx_first);
    vec_free(&c.loop_kills);
    vec_free(&c.rec_handles);
    idset_free(&c.clobbered);
    u64map_free(&c.fs_index);
    idset_free(&routines);
    idset_free(&tokens);
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

/* The library's contract (--exclusive-entry, "exclusive-entries"): a root
 * whose every routine is listed runs alone - no other call into the library
 * is in progress while it does, and the threads the library started are
 * idle (mhp.c, rule exclusive-entry). */
static void exclusive_roots(Program *p, const ModelOptions *opt) {
    IdSet listed = {0};
    for (size_t i = 0; i < opt->nexclusive; i++) {
        Func *f = program_func_by_name(p, opt->exclusive[i]);
        bool root = false;
        for (size_t t = 0; f && t < p->tm.threads.len; t++)
            root |= p->tm.threads.data[t].parent < 0 && idset_has(&p->tm.threads.data[t].routines, f->id);
        if (!f)
            diag_report(p->diags, DIAG_WARNING, NULL, 0, 0,
                        "exclusive entry %s: no function of that name is defined", opt->exclusive[i]);
        else if (!root)
            diag_report(p->diags, DIAG_WARNING, NULL, 0, 0,
                        "exclusive entry %s: not a thread entry (an exported function with --library, or "
                        "one named with --entry)", opt->exclusive[i]);
        else idset_add(&listed, f->id);
    }
    for (size_t t = 0; t < p->tm.threads.len; t++) {
        Thread *th = &p->tm.threads.data[t];
        if (th->parent >= 0 || !th->routines.n) continue;
        bool all = true;
        for (uint32_t k = 0; k < th->routines.n && all; k++) all = idset_has(&listed, th->routines.v[k]);
        th->exclusive = all;
    }
    idset_free(&listed);
}

void threads_build(Program *p, const ModelOptions *opt) {
    p->tm.elem_spawns = xcalloc(p->link.funcs.len ? p->link.funcs.len : 1, 1);
    p->tm.max_access_targets = opt && opt->max_access_targets ? opt->max_access_targets : MODEL_MAX_ACCESS_TARGETS;
    accesses_fill_sites(p);
    sync_scan_countdowns(p);
    sync_scan_releases(p);
    sync_scan_waits(p);
    guard_candidates(p);
    modes_build(p);
    flags_locked_waits(p);
    own_find_pops(p);
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
    if (opt && opt->nexclusive) exclusive_roots(p, opt);
    for (size_t t = 0; t < p->tm.threads.len; t++) analyze_thread(p, (uint32_t)t);
    own_globals_published(p);
    if (p->tm.debug_notes.len)
        qsort(p->tm.debug_notes.data, p->tm.debug_notes.len, sizeof(DebugNote), debug_note_cmp);
    if (p->tm.unchecked_accesses)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "%zu accesses through pointers with more than %d possible targets were not checked",
                    p->tm.unchecked_accesses, (int)p->tm.max_access_targets);
    if (p->own.return_depth_hits) /* ownership.c, callers_relaxed (asked while recording) */
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "%u fresh object%s followed through more than %d returns to the callers: taken to be "
                    "published with a relaxed store there (their factories' writes count as shared)",
                    p->own.return_depth_hits, p->own.return_depth_hits == 1 ? " was" : "s were",
                    MODEL_MAX_RETURN_DEPTH);
    if (p->tm.context_overflows)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "%zu function%s reached in more calling contexts of a thread than %d (or %d per function "
                    "in all): the rest of %s calls were joined into one context each",
                    p->tm.context_overflows, p->tm.context_overflows == 1 ? " was" : "s were", MODEL_MAX_CONTEXTS - 1,
                    MODEL_CONTEXTS_PER_FUNCTION, p->tm.context_overflows == 1 ? "its" : "their");
}
