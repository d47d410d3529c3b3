/*
 * lockset.c - locks as the code names them, and per-function lock summaries.
 *
 * A lock is identified by its access path in one function's frame (`m` for a
 * global mutex, `s->lock` for the lock field of whatever `s` points to, `*mp`)
 * plus the mode it is held in. Paths rooted at globals are frame-independent.
 * Across a call a lock path is rewritten through the arguments: a caller's
 * `s->lock` becomes `p->lock` in a callee whose parameter p received s, and a
 * callee's `p->lock` becomes `&x`'s `x.lock` in a caller that passed &x.
 *
 * Summary of a function (computed bottom-up to a fixpoint, thread-independent):
 *   acq_locks - locks in its frame surely held at every return that it took
 *               (paths rooted at globals or parameters only);
 *   rel_nodes - lock objects it may release (unlock, cond-wait excluded)
 *               that it did not take itself before (a lock and unlock
 *               balanced inside it release nothing of its caller's), and
 *               not taken again on every path after (keep_retaken).
 * A call then does held := (held - released) + acquired, translated.
 */
#include "flow.h"

#include "../base/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void key_path(char *buf, size_t n, int32_t func, const IrPath *path, uint8_t mode) {
    size_t len = 0;
#define PUT(...) do { int w_ = snprintf(buf + len, len < n ? n - len : 0, __VA_ARGS__); if (w_ > 0) len += (size_t)w_; } while (0)
    PUT("%d|%u|", func, mode);
    if (path->root == IR_ROOT_GLOBAL) PUT("g:%s", path->usr ? path->usr : "?");
    else PUT("%c%u", path->root == IR_ROOT_LOCAL ? 'l' : 't', path->id);
    for (uint32_t i = 0; i < path->nsteps; i++) {
        const IrStep *s = &path->steps[i];
        if (s->kind == IR_STEP_FIELD) PUT(".%s", s->field ? s->field : "");
        else if (s->kind == IR_STEP_DEREF) PUT("*");
        else if (s->kind == IR_STEP_UP) PUT("^%s", s->field ? s->field : "");
        else if (s->index_kind == IR_INDEX_CONST) PUT("[%lld]", (long long)s->value);
        else if (s->index_kind == IR_INDEX_LOCAL) PUT("[l%u]", s->local);
        else if (s->index_kind == IR_INDEX_UNKNOWN && s->value) PUT("[e%llx]", (unsigned long long)s->value);
        else if (s->index_kind == IR_INDEX_TEMP) PUT("[t%u]", s->local);
        else PUT("[?]");
    }
#undef PUT
    if (len >= n) buf[n - 1] = 0;
}

static uint32_t intern_lock(Program *p, int32_t func, const IrPath *path, uint8_t mode, uint8_t cmp, int8_t param,
                            int64_t value, int flag) {
    /* a global's path is frame-free, unless an index names a local of the
     * frame (`locks[h]`: pairs with the access's own index, threads.c) */
    bool local_index = false;
    for (uint32_t i = 0; i < path->nsteps; i++)
        local_index |= path->steps[i].kind == IR_STEP_INDEX &&
                       (path->steps[i].index_kind == IR_INDEX_LOCAL || path->steps[i].index_kind == IR_INDEX_TEMP ||
                        (path->steps[i].index_kind == IR_INDEX_UNKNOWN && path->steps[i].value));
    if (path->root == IR_ROOT_GLOBAL && !local_index && param < 0) func = -1;
    if (path->root == IR_ROOT_STRING) return UINT32_MAX;
    char key[1100];
    key_path(key, 1024, func, path, mode);
    if (flag) {
        size_t n = strlen(key);
        snprintf(key + n, sizeof key - n, flag == 2 ? "|token" : "|flag");
    }
    if (mode == LMODE_TURN) {
        size_t n = strlen(key);
        snprintf(key + n, sizeof key - n, "|%u:%d:%lld", cmp, param, (long long)value);
    }
    bool ins;
    void **slot = strmap_slot(&p->lock.index, intern(&p->strings, key), &ins);
    if (!ins) return (uint32_t)(uintptr_t)*slot - 1;
    LockRef l;
    memset(&l, 0, sizeof l);
    l.func = func;
    l.path = ir_path_copy(p->arena, path);
    l.mode = mode;
    l.turn_cmp = cmp;
    l.turn_param = param;
    l.turn_value = value;
    l.flag = flag == 1;
    l.token = flag == 2;
    char sp[512];
    const IrFunc *fn = func >= 0 ? p->link.funcs.data[func].ir : NULL;
    ir_path_str(fn, path, sp, sizeof sp);
    if (mode == LMODE_TURN) {
        static const char *const ops[] = {"!=", "==", "<", "<=", ">", ">="};
        char tp[600];
        if (param >= 0)
            snprintf(tp, sizeof tp, "the turn %s %s %s%+lld", sp, ops[cmp % 6],
                     fn && (uint32_t)param < fn->nlocals && fn->locals[param].name ? fn->locals[param].name : "?",
                     (long long)value);
        else snprintf(tp, sizeof tp, "the turn %s %s %lld", sp, ops[cmp % 6], (long long)value);
        l.spelling = intern(&p->strings, tp);
    } else if (flag == 2) {
        /* a semaphore ring's token (tokens.c) */
        char tp[600];
        snprintf(tp, sizeof tp, "the token of the semaphores %s passes around", sp);
        l.spelling = intern(&p->strings, tp);
    } else if (flag) {
        /* a flag lock (flaglocks.c): the word set by its holder, or the readers' count */
        char fp[600];
        snprintf(fp, sizeof fp, "flag %s%s", sp, mode == LMODE_SHARED ? " (shared)" : "");
        l.spelling = intern(&p->strings, fp);
    } else if (mode == LMODE_ONCE_DONE || mode == LMODE_ONCE_INIT) {
        /* not a lock a thread holds: the once-control's routine has run
         * (or is running), which orders it before (pthread_once, call_once) */
        char op[600];
        snprintf(op, sizeof op, "%s: %s", sp, mode == LMODE_ONCE_DONE ? "its once routine has run" : "in its once routine");
        l.spelling = intern(&p->strings, op);
    } else {
        l.spelling = intern(&p->strings, sp);
    }
    vec_push(&p->lock.refs, l);
    *slot = (void *)(uintptr_t)p->lock.refs.len;
    return (uint32_t)p->lock.refs.len - 1;
}

uint32_t lock_intern(Program *p, int32_t func, const IrPath *path, uint8_t mode) {
    return intern_lock(p, func, path, mode, 0, -1, 0, 0);
}

uint32_t lock_intern_flag(Program *p, int32_t func, const IrPath *path, uint8_t mode) {
    return intern_lock(p, func, path, mode, 0, -1, 0, 1);
}

uint32_t lock_intern_token(Program *p, const IrPath *path) {
    return intern_lock(p, -1, path, LMODE_EXCL, 0, -1, 0, 2);
}

uint32_t lock_intern_turn(Program *p, int32_t func, const IrPath *path, uint8_t cmp, int8_t param, int64_t value) {
    return intern_lock(p, func, path, LMODE_TURN, cmp, param, value, 0);
}

uint32_t lock_intern_as(Program *p, int32_t func, const IrPath *path, const LockRef *like) {
    if (like->mode != LMODE_TURN) return intern_lock(p, func, path, like->mode, 0, -1, 0, like->token ? 2 : like->flag);
    if (like->turn_param >= 0) return UINT32_MAX; /* a predicate on another frame's parameter */
    return intern_lock(p, func, path, LMODE_TURN, like->turn_cmp, -1, like->turn_value, 0);
}

const IdSet *lock_nodes(Program *p, uint32_t lock) {
    LockRef *l = &p->lock.refs.data[lock];
    if (!l->resolved) {
        IdSet n = {0};
        IrPath path = l->path;
        if (p->link.funcs.len) pt_resolve_path(p, l->func >= 0 ? (uint32_t)l->func : 0, &path, &n);
        l = &p->lock.refs.data[lock];
        l->nodes = n;
        l->resolved = true;
    }
    return &p->lock.refs.data[lock].nodes;
}

static IrPath param_rooted(Arena *a, uint32_t param, const IrStep *rest, uint32_t nrest) {
    IrPath np;
    memset(&np, 0, sizeof np);
    np.root = IR_ROOT_LOCAL;
    np.id = param;
    np.nsteps = nrest;
    np.steps = nrest ? arena_memdup(a, rest, nrest * sizeof(IrStep)) : NULL;
    return np;
}

void lock_to_callee(Program *p, uint32_t lock, uint32_t callee, const IrCall *call, IdSet *out) {
    const LockRef l = p->lock.refs.data[lock];
    if (l.func < 0) idset_add(out, lock);
    const IrFunc *g = p->link.funcs.data[callee].ir;
    uint32_t n = call->nargs < g->nparams ? call->nargs : g->nparams;
    size_t before = out->n;
    for (uint32_t i = 0; i < n; i++) {
        const IrOperand *a = &call->args[i];
        if (a->offset) continue;
        if (a->kind == IR_OPD_VALUE && ir_path_has_prefix(&l.path, &a->path) &&
            l.path.nsteps > a->path.nsteps && l.path.steps[a->path.nsteps].kind == IR_STEP_DEREF) {
            IrPath np = param_rooted(p->arena, i, l.path.steps + a->path.nsteps, l.path.nsteps - a->path.nsteps);
            uint32_t t = lock_intern_as(p, (int32_t)callee, &np, &l);
            if (t != UINT32_MAX) idset_add(out, t);
        } else if (a->kind == IR_OPD_ADDR && ir_path_has_prefix(&l.path, &a->path)) {
            uint32_t nrest = l.path.nsteps - a->path.nsteps;
            IrStep *steps = arena_alloc(p->arena, (nrest + 1) * sizeof(IrStep));
            steps[0] = (IrStep){.kind = IR_STEP_DEREF};
            if (nrest) memcpy(steps + 1, l.path.steps + a->path.nsteps, nrest * sizeof(IrStep));
            IrPath np = param_rooted(p->arena, i, steps, nrest + 1);
            uint32_t t = lock_intern_as(p, (int32_t)callee, &np, &l);
            if (t != UINT32_MAX) idset_add(out, t);
        }
    }
    if (l.func < 0 || out->n != before) return;
    /* an element of a global lock array chosen by a local of the caller:
     * passed on as an argument (`lock(&lru_locks[i]); add_crawl(i)`), the
     * element the callee's unchanged parameter chooses; else (`lock(&lru_locks[id]);
     * do_item_link_q(it)`) an element chosen by an expression the callee
     * cannot see, which counts for the whole array (heldlocks.c, PRECISION) */
    if (l.path.root == IR_ROOT_GLOBAL) {
        IrPath np = ir_path_copy(p->arena, &l.path);
        bool any = false, frame = false;
        for (uint32_t i = 0; i < np.nsteps; i++)
            if (np.steps[i].kind == IR_STEP_INDEX &&
                ((np.steps[i].index_kind == IR_INDEX_UNKNOWN && np.steps[i].value) ||
                 np.steps[i].index_kind == IR_INDEX_TEMP)) {
                np.steps[i].index_kind = IR_INDEX_UNKNOWN; /* an expression of the caller's frame */
                np.steps[i].value = 0;
                any = true;
            } else if (np.steps[i].kind == IR_STEP_INDEX && np.steps[i].index_kind == IR_INDEX_LOCAL) {
                uint32_t k = 0;
                while (k < n && !(call->args[k].kind == IR_OPD_VALUE && !call->args[k].offset &&
                                  call->args[k].path.root == IR_ROOT_LOCAL && !call->args[k].path.nsteps &&
                                  call->args[k].path.id == np.steps[i].local && model_param_unchanged(p, callee, k)))
                    k++;
                if (k < n) {
                    np.steps[i].local = k;
                    frame = true;
                } else {
                    np.steps[i].index_kind = IR_INDEX_UNKNOWN;
                    np.steps[i].local = 0;
                }
                any = true;
            }
        uint32_t t = any ? lock_intern_as(p, frame ? (int32_t)callee : -1, &np, &l) : UINT32_MAX;
        if (t != UINT32_MAX) idset_add(out, t);
        return;
    }
    /* a lock named through the caller's own locals, which the call does not
     * pass (`t = arg; lock(&t->lock); pick();`): still held in the callee,
     * named in the caller's frame (heldlocks.c resolves it there; it pairs
     * with no access of the callee) */
    if (l.mode != LMODE_TURN) idset_add(out, lock);
}

/* The index steps of path from step `from` on name locals of callee g's
 * frame: in the caller's, the local a parameter's argument is (an unchanged
 * parameter passed a bare local: `lock_bucket(h)` holds `locks[h]`), the
 * constant it is, or an element chosen by an expression (any other: the
 * whole array, heldlocks.c). Into a copy of the steps. */
static void index_to_caller(Program *p, IrPath *path, uint32_t from, uint32_t g, const IrCall *call) {
    bool any = false;
    for (uint32_t i = from; i < path->nsteps && !any; i++)
        any = path->steps[i].kind == IR_STEP_INDEX &&
              (path->steps[i].index_kind == IR_INDEX_LOCAL || path->steps[i].index_kind == IR_INDEX_TEMP ||
               (path->steps[i].index_kind == IR_INDEX_UNKNOWN && path->steps[i].value));
    if (!any) return;
    IrStep *steps = arena_memdup(p->arena, path->steps, path->nsteps * sizeof(IrStep));
    const IrFunc *gf = p->link.funcs.data[g].ir;
    for (uint32_t i = from; i < path->nsteps; i++) {
        IrStep *s = &steps[i];
        if (s->kind == IR_STEP_INDEX && s->index_kind == IR_INDEX_UNKNOWN) {
            s->value = 0; /* an expression of the callee's frame */
            continue;
        }
        if (s->kind != IR_STEP_INDEX || (s->index_kind != IR_INDEX_LOCAL && s->index_kind != IR_INDEX_TEMP)) continue;
        const IrOperand *a = s->index_kind == IR_INDEX_LOCAL && s->local < gf->nparams && s->local < call->nargs &&
                                     model_param_unchanged(p, g, s->local)
                                 ? &call->args[s->local]
                                 : NULL;
        if (a && a->kind == IR_OPD_CONST) {
            s->index_kind = IR_INDEX_CONST;
            s->value = a->value;
        } else if (a && a->kind == IR_OPD_VALUE && !a->offset && !a->path.nsteps && a->path.root == IR_ROOT_LOCAL) {
            s->local = a->path.id;
        } else {
            s->index_kind = IR_INDEX_UNKNOWN;
            s->local = 0;
        }
    }
    path->steps = steps;
}

uint32_t lock_to_caller(Program *p, uint32_t lock, uint32_t caller, const IrCall *call) {
    const LockRef l = p->lock.refs.data[lock];
    if (l.func < 0) return lock;
    const IrFunc *g = p->link.funcs.data[l.func].ir;
    IrPath np;
    bool global_turn = l.mode == LMODE_TURN && l.path.root == IR_ROOT_GLOBAL;
    if (l.mode != LMODE_TURN && l.path.root == IR_ROOT_GLOBAL) {
        /* a global lock named by an element its frame chooses (`locks[h]`) */
        np = l.path;
        index_to_caller(p, &np, 0, (uint32_t)l.func, call);
        return lock_intern_as(p, (int32_t)caller, &np, &l);
    }
    if (!global_turn && (l.path.root != IR_ROOT_LOCAL || l.path.id >= g->nparams || l.path.id >= call->nargs ||
                         !l.path.nsteps || l.path.steps[0].kind != IR_STEP_DEREF))
        return UINT32_MAX;
    const IrOperand *a = global_turn ? NULL : &call->args[l.path.id];
    if (a && a->offset) return UINT32_MAX;
    if (global_turn) {
        np = l.path;
    } else if (a->kind == IR_OPD_VALUE) {
        np = a->path;
        for (uint32_t i = 0; i < l.path.nsteps; i++) np = ir_path_append(p->arena, &np, l.path.steps[i]);
    } else if (a->kind == IR_OPD_ADDR) {
        np = a->path;
        for (uint32_t i = 1; i < l.path.nsteps; i++) np = ir_path_append(p->arena, &np, l.path.steps[i]);
    } else {
        return UINT32_MAX;
    }
    /* the callee's part of the path: its index locals are the caller's arguments */
    if (!global_turn) index_to_caller(p, &np, a->path.nsteps, (uint32_t)l.func, call);
    /* a recursive call can lengthen the path each time it is translated
     * (`n->next->...->lock`): beyond the limit the lock is not nameable in
     * the caller, and callers fall back to the lock objects it may be */
    if (np.nsteps > MODEL_MAX_LOCK_PATH_STEPS) {
        if (!p->lock.warned_path_steps)
            diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                        "a lock path grew past %d steps through recursive calls (%s in %s); beyond that a "
                        "lock released or taken in a callee is known only by the lock objects it may be",
                        MODEL_MAX_LOCK_PATH_STEPS, l.spelling ? l.spelling : "?",
                        p->link.funcs.data[caller].ir->name);
        p->lock.warned_path_steps = true;
        return UINT32_MAX;
    }
    if (l.mode != LMODE_TURN) return lock_intern_as(p, (int32_t)caller, &np, &l);
    /* a turn's predicate on a parameter: the caller's constant, or its own parameter */
    int8_t param = l.turn_param;
    int64_t value = l.turn_value;
    if (param >= 0) {
        if ((uint32_t)param >= call->nargs) return UINT32_MAX;
        const IrOperand *v = &call->args[param];
        const IrFunc *cf = p->link.funcs.data[caller].ir;
        if (v->kind == IR_OPD_CONST) {
            value += v->value;
            param = -1;
        } else if (v->kind == IR_OPD_VALUE && !v->offset && !v->path.nsteps && v->path.root == IR_ROOT_LOCAL &&
                   v->path.id < cf->nparams && v->path.id < 127 && model_param_unchanged(p, caller, v->path.id)) {
            param = (int8_t)v->path.id;
        } else {
            return UINT32_MAX; /* not known: the caller takes no turn */
        }
    }
    return lock_intern_turn(p, (int32_t)caller, &np, l.turn_cmp, param, value);
}

/* ---- summaries ------------------------------------------------------------ */

typedef struct {
    bool known;    /* returns a constant */
    int64_t value;
    IdSet held;
    uint32_t flag; /* locked-flag node + 1 whose load the returned value is (0: none) */
    long flag_value;
} SumReturn;

typedef struct {
    Program *p;
    uint32_t func;
    IdSet rel_nodes;
    IdSet rel_locks;
    VEC(SumReturn) rets; /* each return of the final pass */
} SumCtx;

static bool exportable(const Program *p, uint32_t func, uint32_t lock);

/* A call passing constants to a function that waits for turns (turns.c):
 * which turn it returns in may depend on them (`wait_for(s, TO_BE, 0)`, its
 * predicate chosen by a switch on the operation and compared with the
 * value); or to a function that locks only on some branches of a test of a
 * parameter (`maybe_lock(int mt) { if (mt) lock(&m); }`, memcached's
 * `pause_threads(PAUSE_ALL_THREADS)` whose switch takes a helper's lock
 * and falls through to another, while RESUME releases them, cond_lock_funcs).
 * The function is run once per callee and constants (cached) as its summary
 * is (lockset_summaries): the turns and exclusive locks it surely returns
 * holding when entered with those constants, and what it releases then,
 * stand for its summary at this call. NULL when the call is no such call. */
static void sum_rets_free(SumCtx *c);
static void sum_call(void *ctx, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st);
static void sum_on_event(void *ctx, Program *p, const LockEvent *e, FlowState *st);

static const LockSpec *apply_turns(Program *p, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st) {
    if (ci->targets.n != 1 || (!idset_has(&p->sync.turn_funcs, ci->targets.v[0]) &&
                               !idset_has(&p->sync.cond_lock_funcs, ci->targets.v[0])))
        return NULL;
    uint32_t g = ci->targets.v[0];
    FlowState entry;
    flow_state_init(&entry);
    entry.reached = true;
    const IrFunc *cf = p->link.funcs.data[func].ir;
    for (uint32_t a = 0; a < ev->call->nargs && a < FLOW_CONST_PARAMS; a++) {
        const IrOperand *o = &ev->call->args[a];
        if (o->kind == IR_OPD_CONST) {
            entry.kparams |= (uint8_t)(1u << a);
            entry.kvalue[a] = o->value;
        } else if (o->kind == IR_OPD_VALUE && !o->offset && !o->path.nsteps && o->path.root == IR_ROOT_LOCAL &&
                   o->path.id < FLOW_CONST_PARAMS && o->path.id < cf->nparams && (st->kparams >> o->path.id & 1) &&
                   model_param_unchanged(p, func, o->path.id)) {
            entry.kparams |= (uint8_t)(1u << a);
            entry.kvalue[a] = st->kvalue[o->path.id];
        }
    }
    if (!entry.kparams) {
        flow_state_free(&entry);
        return NULL;
    }
    uint64_t key = hash_mix(g, entry.kparams), v;
    for (int a = 0; a < FLOW_CONST_PARAMS; a++)
        if (entry.kparams >> a & 1) key = hash_mix(key, (uint64_t)entry.kvalue[a]);
    key &= ~(1ULL << 63); /* 64 bits: a clash is negligible */
    if (!u64map_get(&p->sync.turn_specs, key, &v)) {
        if (idset_has(&p->sync.turn_busy, g)) { /* recursion: nothing known */
            flow_state_free(&entry);
            return NULL;
        }
        idset_add(&p->sync.turn_busy, g);
        SumCtx c = {p, g, {0}, {0}, {0}};
        LockListener listeners[] = {{&c, sum_on_event}, lockset_listener};
        FlowHooks h = {&c, sum_call, NULL, NULL, NULL, listeners, 2, NULL, NULL, NULL, NULL, false};
        FlowState exit;
        flow_run(p, g, &entry, &h, &exit);
        IdSet acq = {0};
        if (exit.reached)
            for (uint32_t i = 0; i < exit.held.n; i++) {
                const LockRef *l = &p->lock.refs.data[exit.held.v[i]];
                if (((l->mode == LMODE_TURN && l->turn_param < 0) || l->mode == LMODE_EXCL) &&
                    exportable(p, g, exit.held.v[i]))
                    idset_add(&acq, exit.held.v[i]);
            }
        LockSpec spec = {model_intern_set(p, &acq), model_intern_set(p, &c.rel_locks), model_intern_set(p, &c.rel_nodes)};
        vec_push(&p->sync.turn_spec_v, spec);
        v = p->sync.turn_spec_v.len;
        u64map_put(&p->sync.turn_specs, key, v);
        idset_free(&acq);
        idset_free(&c.rel_locks);
        idset_free(&c.rel_nodes);
        sum_rets_free(&c);
        flow_state_free(&exit);
        idset_remove(&p->sync.turn_busy, g);
    }
    flow_state_free(&entry);
    return &p->sync.turn_spec_v.data[v - 1];
}

/* A callee's releases at a call: the locks it releases that the caller can
 * name (`rel_locks`, translated) and the lock objects it may release. */
static void apply_releases(Program *p, uint32_t func, const IrEvent *ev, const IdSet *rel_locks, const IdSet *rel_nodes,
                           FlowState *st);

/* apply_releases of sets that live in the program's tables (a summary's,
 * an interned set): copied first, since translating may intern locks and
 * sets and move those tables; nothing to do for a callee that releases
 * nothing (most calls of every flow run). */
static void apply_releases_of(Program *p, uint32_t func, const IrEvent *ev, const IdSet *rel_locks,
                              const IdSet *rel_nodes, FlowState *st) {
    if (!rel_locks->n && !rel_nodes->n) return;
    IdSet rl = {0}, rn = {0};
    idset_copy(&rl, rel_locks);
    idset_copy(&rn, rel_nodes);
    apply_releases(p, func, ev, &rl, &rn, st);
    idset_free(&rl);
    idset_free(&rn);
}

static void apply_releases(Program *p, uint32_t func, const IrEvent *ev, const IdSet *rel_locks, const IdSet *rel_nodes,
                           FlowState *st) {
    /* a callee that releases anything may release a path-correlated lock */
    if (rel_locks->n || rel_nodes->n) flow_conds_clear(st);
    for (uint32_t i = 0; i < rel_locks->n; i++) {
        uint32_t gl = rel_locks->v[i];
        uint32_t l = lock_to_caller(p, gl, func, ev->call);
        if (l != UINT32_MAX) {
            flow_release(p, st, l);
        } else {
            /* not nameable here: drop whatever it may be */
            IdSet gn = {0};
            idset_copy(&gn, lock_nodes(p, gl));
            uint32_t kk = 0;
            for (uint32_t j = 0; j < st->held.n; j++)
                if (!idset_intersects(lock_nodes(p, st->held.v[j]), &gn)) st->held.v[kk++] = st->held.v[j];
            st->held.n = kk;
            idset_free(&gn);
        }
    }
    if (rel_nodes->n) {
        uint32_t kk = 0;
        for (uint32_t i = 0; i < st->held.n; i++) {
            uint32_t h = st->held.v[i];
            uint8_t mode = p->lock.refs.data[h].mode;
            bool drop = mode != LMODE_ONCE_DONE && mode != LMODE_ONCE_INIT && idset_intersects(lock_nodes(p, h), rel_nodes);
            if (!drop) st->held.v[kk++] = h;
        }
        st->held.n = kk;
    }
}

/* Apply callee summaries at a call; shared with threads.c through
 * lockset_apply_call. */
void lockset_apply_call(Program *p, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st) {
    if (!ci->targets.n) return;
    const LockSpec *spec = p->sync.turn_funcs.n || p->sync.cond_lock_funcs.n ? apply_turns(p, func, ev, ci, st) : NULL;
    IdSet acq = {0};
    if (spec) {
        /* the callee run with this call's constants (copies: applying may
         * intern sets and move p->sets and the spec vector) */
        LockSpec sp = *spec;
        apply_releases_of(p, func, ev, &p->sets.data[sp.rel_locks], &p->sets.data[sp.rel_nodes], st);
        IdSet sa = {0};
        idset_copy(&sa, &p->sets.data[sp.acq]);
        for (uint32_t i = 0; i < sa.n; i++) {
            uint32_t l = lock_to_caller(p, sa.v[i], func, ev->call);
            if (l != UINT32_MAX) idset_add(&acq, l);
        }
        idset_free(&sa);
    }
    bool first = true;
    for (uint32_t k = 0; k < ci->targets.n && !spec; k++) {
        const LockSummary *gs = &p->lock.summaries.data[ci->targets.v[k]];
        apply_releases_of(p, func, ev, &gs->rel_locks, &gs->rel_nodes, st); /* released: may-union over targets */
        /* acquired: must-intersection over targets */
        IdSet mine = {0};
        const LockSummary *g = &p->lock.summaries.data[ci->targets.v[k]];
        for (uint32_t i = 0; i < g->acq_locks.n; i++) {
            uint32_t l = lock_to_caller(p, p->lock.summaries.data[ci->targets.v[k]].acq_locks.v[i], func, ev->call);
            if (l != UINT32_MAX) idset_add(&mine, l);
            g = &p->lock.summaries.data[ci->targets.v[k]];
        }
        if (first) idset_copy(&acq, &mine);
        else idset_intersect(&acq, &mine);
        first = false;
        idset_free(&mine);
    }
    idset_union(&st->held, &acq);
    idset_free(&acq);
    /* a helper returning a locked flag's loaded value: a test of the result
     * is a wait for the flag (sync.c) */
    if (ci->targets.n == 1 && ev->call->result >= 0 && p->lock.summaries.data[ci->targets.v[0]].flag_wait)
        flow_fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)ev->call->result, UINT32_MAX,
                                    p->lock.summaries.data[ci->targets.v[0]].flag_value, ev, false, false});
    /* a helper returning whether its semaphore wait succeeded (sem_trywait):
     * a test of the result is that wait (sync.c) */
    long wv;
    if (ev->call->result >= 0 && sync_wait_helper(p, ev, &wv))
        flow_fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)ev->call->result, UINT32_MAX, wv, ev, false, false});
    /* a helper that returns with the lock held exactly when it returns one
     * value: the caller holds it on the edges where the result equals it */
    if (ci->targets.n == 1 && ev->call->result >= 0) {
        const LockSummary *g = &p->lock.summaries.data[ci->targets.v[0]];
        for (uint32_t i = 0; i < g->cond_locks.n; i++) {
            uint32_t l = lock_to_caller(p, p->lock.summaries.data[ci->targets.v[0]].cond_locks.v[i], func, ev->call);
            g = &p->lock.summaries.data[ci->targets.v[0]];
            if (l != UINT32_MAX && !idset_has(&st->held, l))
                flow_fact_add(st, (TryFact){IR_ROOT_TEMP, (uint32_t)ev->call->result, l, g->cond_value, ev, false, false});
        }
    }
}

/* A release the callers can name (a path rooted at a global or a parameter)
 * is recorded as a path; any other only by the lock objects it may be. */
static void sum_released(SumCtx *c, uint32_t func, uint32_t lock) {
    const LockRef *l = &c->p->lock.refs.data[lock];
    if (l->func < 0 || (l->path.root == IR_ROOT_LOCAL && l->path.id < c->p->link.funcs.data[func].ir->nparams &&
                        l->path.nsteps && l->path.steps[0].kind == IR_STEP_DEREF)) {
        idset_add(&c->rel_locks, lock);
        return;
    }
    const IdSet *n = lock_nodes(c->p, lock);
    if (n->n) idset_union(&c->rel_nodes, n);
}

/* Before the lockset applies the event: a release of a lock this function
 * took itself (held since its own acquisition, same path) is balanced
 * inside the function and releases nothing the caller holds - a caller
 * holding that lock (a recursive mutex, or a double lock) keeps it. */
static void sum_on_event(void *ctx, Program *p, const LockEvent *e, FlowState *st) {
    (void)p;
    SumCtx *c = ctx;
    if (e->kind == LOCK_EV_RELEASE && !idset_has(&st->held, e->lock)) sum_released(ctx, e->func, e->lock);
    if (e->kind == LOCK_EV_RETURN && e->term) {
        SumReturn r = {e->term->ret.kind == IR_OPD_CONST, e->term->ret.kind == IR_OPD_CONST ? e->term->ret.value : 0,
                       {0}, 0, 0};
        idset_copy(&r.held, &st->held);
        const IrOperand *ret = &e->term->ret;
        if (ret->kind == IR_OPD_VALUE && !ret->path.nsteps && !ret->offset)
            for (uint32_t i = 0; i < st->nfacts; i++) {
                const TryFact *f = &st->facts[i];
                uint32_t n;
                if (f->root == ret->path.root && f->id == ret->path.id && f->lock == UINT32_MAX && !f->setjmp &&
                    (n = sync_flag_of_wait(p, f->call)) != UINT32_MAX) {
                    r.flag = n + 1;
                    r.flag_value = f->success;
                }
            }
        vec_push(&c->rets, r);
    }
}

static bool exportable(const Program *p, uint32_t func, uint32_t lock);

static void sum_rets_free(SumCtx *c) {
    for (size_t i = 0; i < c->rets.len; i++) idset_free(&c->rets.data[i].held);
    vec_free(&c->rets);
}

/* The locks held at every return of one constant value and at no return of
 * another (every return a constant): the function acquires them on that
 * value only. The first such lock fixes the value. */
static void sum_cond_locks(SumCtx *c, const IdSet *acq, IdSet *out, int64_t *value) {
    for (size_t i = 0; i < c->rets.len; i++)
        if (!c->rets.data[i].known) return;
    bool have = false;
    for (size_t i = 0; i < c->rets.len; i++) {
        const IdSet *h = &c->rets.data[i].held;
        for (uint32_t j = 0; j < h->n; j++) {
            uint32_t l = h->v[j];
            if (idset_has(acq, l) || idset_has(out, l) || !exportable(c->p, c->func, l)) continue;
            int64_t v = c->rets.data[i].value;
            if (have && v != *value) continue;
            bool ok = true;
            for (size_t k = 0; k < c->rets.len && ok; k++)
                ok = (c->rets.data[k].value == v) == idset_has(&c->rets.data[k].held, l);
            if (!ok) continue;
            have = true;
            *value = v;
            idset_add(out, l);
        }
    }
}

/* The locks held at some return and at none of the others, which all
 * return the constant 0 (`return NULL;` after the unlock, `return
 * &slot->hits;` holding the lock): the function returns with them held
 * wherever its result is not 0. */
static void sum_nonzero_locks(SumCtx *c, const IdSet *acq, IdSet *out) {
    for (size_t i = 0; i < c->rets.len; i++) {
        const IdSet *h = &c->rets.data[i].held;
        for (uint32_t j = 0; j < h->n; j++) {
            uint32_t l = h->v[j];
            if (idset_has(acq, l) || idset_has(out, l) || !exportable(c->p, c->func, l)) continue;
            bool ok = true;
            for (size_t k = 0; k < c->rets.len && ok; k++)
                ok = idset_has(&c->rets.data[k].held, l) || (c->rets.data[k].known && c->rets.data[k].value == 0);
            if (ok) idset_add(out, l);
        }
    }
}

static void sum_call(void *ctx, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st) {
    SumCtx *c = ctx;
    /* what callees release, this function releases too (translated) -
     * unless it took the lock itself before the call: `STATS_LOCK();
     * ...; STATS_UNLOCK();` through helper functions is balanced inside
     * it, as the same pair of API calls is (sum_on_event) */
    for (uint32_t k = 0; k < ci->targets.n; k++) {
        const LockSummary *g = &c->p->lock.summaries.data[ci->targets.v[k]];
        idset_union(&c->rel_nodes, &g->rel_nodes);
        for (uint32_t i = 0; i < g->rel_locks.n; i++) {
            uint32_t gl = c->p->lock.summaries.data[ci->targets.v[k]].rel_locks.v[i];
            uint32_t l = lock_to_caller(c->p, gl, func, ev->call);
            if (l != UINT32_MAX && !idset_has(&st->held, l)) sum_released(c, func, l);
            else if (l == UINT32_MAX) idset_union(&c->rel_nodes, lock_nodes(c->p, gl));
            g = &c->p->lock.summaries.data[ci->targets.v[k]];
        }
    }
    lockset_apply_call(c->p, func, ev, ci, st);
}

static bool exportable(const Program *p, uint32_t func, uint32_t lock) {
    const LockRef *l = &p->lock.refs.data[lock];
    if (l->mode == LMODE_ONCE_INIT) return false;
    if (l->path.root == IR_ROOT_GLOBAL) return true; /* a turn, or an element its frame chooses (lock_to_caller) */
    return l->func < 0 || (l->path.root == IR_ROOT_LOCAL && l->path.id < p->link.funcs.data[func].ir->nparams &&
                           l->path.nsteps && l->path.steps[0].kind == IR_STEP_DEREF);
}

/* A caller's lock the function releases and takes again on every path
 * (`unlock(&s->m); sleep(); lock(&s->m);`, a wait loop done by hand) is
 * still held when it returns: run the function once more from an entry
 * holding the locks it releases and drop from released those held at every
 * return. */
static void keep_retaken(Program *p, uint32_t f, const FlowHooks *h0, IdSet *rel_locks, IdSet *must_rel) {
    SumCtx scratch = {p, f, {0}, {0}, {0}};
    LockListener listeners[] = {{&scratch, sum_on_event}, lockset_listener};
    FlowHooks h = *h0;
    h.ctx = &scratch;
    h.listeners = listeners;
    h.jumps = NULL;
    FlowState entry, exit;
    flow_state_init(&entry);
    entry.reached = true;
    idset_copy(&entry.held, rel_locks);
    flow_run(p, f, &entry, &h, &exit);
    if (exit.reached) {
        uint32_t k = 0;
        for (uint32_t i = 0; i < rel_locks->n; i++)
            if (!idset_has(&exit.held, rel_locks->v[i])) rel_locks->v[k++] = rel_locks->v[i];
        rel_locks->n = k;
        /* released whatever the path: held at no return */
        for (uint32_t i = 0; i < rel_locks->n && scratch.rets.len; i++) {
            bool any = false;
            for (size_t r = 0; r < scratch.rets.len && !any; r++) any = idset_has(&scratch.rets.data[r].held, rel_locks->v[i]);
            if (!any) idset_add(must_rel, rel_locks->v[i]);
        }
    }
    idset_free(&scratch.rel_nodes);
    idset_free(&scratch.rel_locks);
    sum_rets_free(&scratch);
    flow_state_free(&entry);
    flow_state_free(&exit);
}

/* Functions that take or release a lock - with a lock call of their own or
 * through a function they call that does (`lru_pause()`) - and test a
 * parameter: whether they return holding it may depend on the constant a
 * caller passes (apply_turns runs them per constants). */
static void find_cond_lock_funcs(Program *p) {
    size_t n = p->link.funcs.len;
    uint8_t *locks = xcalloc(n ? n : 1, 1);
    /* a lock call of its own, or a direct call of a function marked in an
     * earlier round (to the fixpoint: at most as many rounds as the
     * deepest call chain, each a scan of the events) */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t fi = 0; fi < n; fi++) {
            const IrFunc *f = p->link.funcs.data[fi].ir;
            for (uint32_t b = 0; b < f->nblocks && !locks[fi]; b++)
                for (uint32_t e = 0; e < f->blocks[b].nevents && !locks[fi]; e++) {
                    const IrEvent *ev = &f->blocks[b].events[e];
                    const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
                    if (ci && ((ci->kind == CALL_API && (ci->api->kind == API_LOCK || ci->api->kind == API_UNLOCK)) ||
                               (ci->kind == CALL_INTERNAL && locks[ci->callee])))
                        locks[fi] = 1, changed = true;
                }
        }
    }
    for (size_t fi = 0; fi < n; fi++) {
        const IrFunc *f = p->link.funcs.data[fi].ir;
        if (!p->link.funcs.data[fi].reachable || !f->nparams || !locks[fi]) continue;
        bool tests_param = false;
        for (uint32_t b = 0; b < f->nblocks && !tests_param; b++) {
            const IrTerm *t = &f->blocks[b].term;
            tests_param = t->kind == IR_TERM_BRANCH && t->cond.kind == IR_OPD_VALUE && !t->cond.path.nsteps &&
                          t->cond.path.root == IR_ROOT_LOCAL && t->cond.path.id < f->nparams &&
                          t->cond.path.id < FLOW_CONST_PARAMS;
        }
        if (tests_param) idset_add(&p->sync.cond_lock_funcs, (uint32_t)fi);
    }
    free(locks);
}

void lockset_summaries(Program *p) {
    flow_mark_jumps(p);
    find_cond_lock_funcs(p);
    vec_resize_zero(&p->lock.summaries, p->link.funcs.len);
    program_bottom_up(p);
    bool changed = true;
    for (int round = 0; changed && round < MODEL_MAX_SUMMARY_ROUNDS; round++) {
        changed = false;
        for (size_t k = 0; k < p->link.bottom_up.len; k++) {
            uint32_t f = p->link.bottom_up.data[k];
            SumCtx c = {p, f, {0}, {0}, {0}};
            LockListener listeners[] = {{&c, sum_on_event}, lockset_listener};
            FlowJumps jumps = {false, {0}};
            FlowHooks h = {&c, sum_call, NULL, NULL, NULL, listeners, 2, &jumps, NULL, NULL, NULL, false};
            FlowState entry, exit;
            flow_state_init(&entry);
            entry.reached = true;
            flow_run(p, f, &entry, &h, &exit);
            IdSet acq = {0}, jmp = {0};
            if (exit.reached)
                for (uint32_t i = 0; i < exit.held.n; i++)
                    if (exportable(p, f, exit.held.v[i])) idset_add(&acq, exit.held.v[i]);
            if (jumps.reached)
                for (uint32_t i = 0; i < jumps.held.n; i++)
                    if (exportable(p, f, jumps.held.v[i])) idset_add(&jmp, jumps.held.v[i]);
            idset_free(&jumps.held);
            IdSet cond = {0};
            int64_t cond_value = 0;
            sum_cond_locks(&c, &acq, &cond, &cond_value);
            if (!cond.n) {
                sum_nonzero_locks(&c, &acq, &cond);
                if (cond.n) cond_value = LOCK_COND_NONZERO;
            }
            /* every return gives the value of one locked flag's load */
            uint32_t flag_wait = c.rets.len ? c.rets.data[0].flag : 0;
            long flag_value = c.rets.len ? c.rets.data[0].flag_value : 0;
            for (size_t i = 1; i < c.rets.len && flag_wait; i++)
                if (c.rets.data[i].flag != flag_wait || c.rets.data[i].flag_value != flag_value) flag_wait = 0;
            sum_rets_free(&c);
            IdSet must_rel = {0};
            if (c.rel_locks.n) keep_retaken(p, f, &h, &c.rel_locks, &must_rel);
            LockSummary *fn = &p->lock.summaries.data[f];
            if (!idset_equal(&acq, &fn->acq_locks) || !idset_equal(&c.rel_nodes, &fn->rel_nodes) ||
                !idset_equal(&c.rel_locks, &fn->rel_locks) || !idset_equal(&cond, &fn->cond_locks) ||
                (cond.n && cond_value != fn->cond_value) || !idset_equal(&jmp, &fn->jmp_locks) ||
                flag_wait != fn->flag_wait || !idset_equal(&must_rel, &fn->must_rel)) {
                changed = true;
                idset_copy(&fn->must_rel, &must_rel);
                idset_copy(&fn->jmp_locks, &jmp);
                idset_copy(&fn->acq_locks, &acq);
                idset_copy(&fn->rel_nodes, &c.rel_nodes);
                idset_copy(&fn->rel_locks, &c.rel_locks);
                idset_copy(&fn->cond_locks, &cond);
                fn->cond_value = cond_value;
                fn->flag_wait = flag_wait;
                fn->flag_value = flag_value;
            }
            idset_free(&cond);
            idset_free(&must_rel);
            idset_free(&acq);
            idset_free(&jmp);
            idset_free(&c.rel_nodes);
            idset_free(&c.rel_locks);
            flow_state_free(&entry);
            flow_state_free(&exit);
        }
    }
    if (changed)
        diag_report(p->diags, DIAG_WARNING, NULL, 0, 0,
                    "lock summaries did not settle in %d rounds over the call graph; locks taken or released "
                    "in helper functions may be missed", MODEL_MAX_SUMMARY_ROUNDS);
    /* the runs per constants made while the summaries settled used callees'
     * summaries not final yet: made again on demand */
    u64map_free(&p->sync.turn_specs);
    u64map_init(&p->sync.turn_specs);
    p->sync.turn_spec_v.len = 0;
}

typedef struct OwnLocks {
    Program *p;
    void *ctx;
    void (*visit)(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st);
} OwnLocks;

static void own_locks_call(void *ctx, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st) {
    OwnLocks *o = ctx;
    lockset_apply_call(o->p, func, ev, ci, st);
}

static void own_locks_visit(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st) {
    OwnLocks *o = ctx;
    o->visit(o->ctx, func, ev, st);
}

void flow_run_own_locks(Program *p, uint32_t func, void *ctx,
                        void (*visit)(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st)) {
    OwnLocks o = {p, ctx, visit};
    LockListener listeners[] = {lockset_listener};
    FlowHooks h = {&o, own_locks_call, NULL, NULL, own_locks_visit, listeners, 1, NULL, NULL, NULL, NULL, false};
    FlowState entry;
    flow_state_init(&entry);
    entry.reached = true;
    flow_run(p, func, &entry, &h, NULL);
    flow_state_free(&entry);
}

void lock_held_objects(Program *p, const IdSet *held, IdSet *out) {
    for (uint32_t i = 0; held && i < held->n; i++) {
        if (p->lock.refs.data[held->v[i]].mode != LMODE_EXCL) continue;
        const IdSet *n = lock_nodes(p, held->v[i]);
        if (n->n == 1) idset_add(out, n->v[0]);
    }
}
