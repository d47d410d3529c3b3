/*
 * once.c - spawn sites that run at most once: a set-once guard.
 *
 * A spawn reached again and again (in a loop, in a request handler called
 * from the main loop) makes a thread of many instances, unless the program
 * runs it at most once:
 *
 *     if (s->initialized) return;      // the guard G is tested: zero ...
 *     s->initialized = true;           // ... set to a non-zero constant ...
 *     pthread_create(&s->worker, ...); // ... and only then the spawn
 *
 * A spawn (or a call leading to it, once_site: the guard may sit in the
 * only caller of the function holding the spawn) is guarded by G when, in
 * the function holding it:
 *   - a two-way branch B tests G against 0, and the last test of G before
 *     the spawn took the edge where G is 0 (no path reaches the spawn from
 *     the function's entry, nor from B's other edge, without passing B), and
 *     no path goes from the spawn back to it without passing B;
 *   - every path from that edge to the spawn sets G to a non-zero constant
 *     before it, or every path from the spawn to B or to a return sets it
 *     after it (but for the failure edge of a test of the spawn's result,
 *     for a model returning 0 on success: `if (create(..) == 0) G = 1;`);
 *   - between the test and the set, no call may come back into the function
 *     (its callers, transitively, are not called there);
 *   - G is one location: a path without index steps resolving to exactly
 *     one node of an object of which there is one in the program (a global
 *     that is not thread-local nor an array; a heap object allocated at a
 *     site that runs once - not in a loop of a function that main, or a
 *     function only called once from such a one, calls at one place - and
 *     never used as an array: no index step, pointer arithmetic or `p++`
 *     reaches it; a local of such a function);
 *   - G is never written anything but a non-zero constant (no reset): no
 *     other store, read-modify-write, whole-object copy, memset-like effect
 *     or atomic store may reach it, except a store into a heap object
 *     before its pointer is published (ownership.c) and a declaration's own
 *     initialiser outside loops.
 * Then a single-instance creator runs the spawn at most once: a second run
 * would test G again after the set, and nothing resets it. A creator of
 * many instances (or several threads running the code) could all pass the
 * test before one sets G; the site is once for them only when the test and
 * the set are one critical section (`locked`): every path to the read of G
 * takes one exclusive lock of a single object (a global mutex, a mutex in
 * the single server object) - in the function, or before every call of it
 * in every caller (two levels up) - with no lock event and no call to a
 * program function between the lock and the read, nor between the read
 * and the set. A double-checked start that tests G outside the lock and does not
 * test it again inside is not locked. An atomic test-and-set is locked: the
 * branch tests the result of an exchange, test-and-set or compare-and-swap
 * from the constant 0 that stores a non-zero constant into G.
 *
 * The per-thread pass (threads.c) uses a guarded site two ways: the child
 * is not many for being spawned again (it is one instance, whatever its
 * creator's count when locked), and on the guard's zero edge the child has
 * not been started yet, so it leaves `live` and `ever` there (accesses of
 * the creator before the spawn come before the child); for a single-
 * instance creator, so does the zero edge of any test of a G set before
 * the spawn (once_tested).
 *
 * Started flags (once_started_flag): a location S of a single object that
 * every successful run of a spawn sets to a non-zero constant before any
 * return, program call or test of S, and that nothing resets, is 0 only
 * where no child of that spawn was started: for a single-instance creator
 * the zero edge of a test of S drops the child too (`if (started)
 * join(..)` joins on every path where the thread exists).
 *
 * PRECISION: not followed - a guard copied into a local first, a guard
 * tested against another constant (`state == IDLE`) or through an atomic
 * load, a compare-exchange with an `expected` variable, a guard two callers
 * up, a lock taken on the way to the test inside a call (a lock taken by
 * every caller before the call counts, up to two callers up).
 */
#include "flow.h"
#include "../ir/cfg.h"

#include <stdlib.h>
#include <string.h>

enum { ONCE_MAX_DEPTH = 8 };

/* ---- control flow --------------------------------------------------------------- */

/* Blocks reachable from the start blocks without entering `avoid` (the
 * starts themselves included, unless they are `avoid`). */
static bool *reach(const IrFunc *f, const uint32_t *starts, uint32_t nstarts, uint32_t avoid) {
    bool *seen = xcalloc(f->nblocks ? f->nblocks : 1, sizeof(bool));
    VEC(uint32_t) work = {0};
    for (uint32_t i = 0; i < nstarts; i++) vec_push(&work, starts[i]);
    while (work.len) {
        uint32_t b = work.data[--work.len];
        if (b >= f->nblocks || b == avoid || seen[b]) continue;
        seen[b] = true;
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++) vec_push(&work, f->blocks[b].succ[s]);
    }
    vec_free(&work);
    return seen;
}

/* Can control leave block b and come back to it without entering `avoid`? */
static bool in_cycle(const IrFunc *f, uint32_t b, uint32_t avoid) {
    const IrBlock *bb = &f->blocks[b];
    bool *seen = reach(f, bb->succ, bb->nsucc, avoid);
    bool r = seen[b];
    free(seen);
    return r;
}

/* The call events of caller g that may call func. */
static uint32_t call_sites(Program *p, uint32_t g, uint32_t func, IrEventId *out) {
    const IrFunc *f = p->link.funcs.data[g].ir;
    uint32_t n = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (!ci || !idset_has(&ci->targets, func)) continue;
            if (n < 2) out[n] = (IrEventId){b, e};
            n++;
        }
    return n;
}

/* Does func run at most once in the whole program: main (called by no
 * function, its address never taken), or a function called at one place,
 * outside loops, by such a function? */
static bool func_once(Program *p, uint32_t func, int depth) {
    const Func *fn = &p->link.funcs.data[func];
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    if (fn->address_taken || depth <= 0) return false;
    if (!callers->n) return !strcmp(fn->ir->name, "main") && p->tm.threads.len && !p->tm.threads.data[0].many &&
                            idset_has(&p->tm.threads.data[0].routines, func);
    if (callers->n != 1 || callers->v[0] == func) return false;
    uint32_t g = callers->v[0];
    IrEventId cs[2];
    if (call_sites(p, g, func, cs) != 1) return false;
    const IrFunc *gf = p->link.funcs.data[g].ir;
    return !in_cycle(gf, cs[0].block, UINT32_MAX) && func_once(p, g, depth - 1);
}

/* ---- the guard location ----------------------------------------------------------- */

static bool node_in_obj(const Program *p, uint32_t node, uint32_t obj) {
    return node < p->pt.nodes.len && p->pt.nodes.data[node].obj == obj;
}

/* Is node x the node n or one enclosing it? */
static bool encloses(const Program *p, uint32_t x, uint32_t n) {
    for (uint32_t y = n; y != UINT32_MAX; y = p->pt.nodes.data[y].parent)
        if (y == x) return true;
    return false;
}

static bool any_encloses(const Program *p, const IdSet *s, uint32_t n) {
    for (uint32_t i = 0; i < s->n; i++)
        if (encloses(p, pt_rep(p, s->v[i]), n)) return true;
    return false;
}

/* Does path, in func, index into something enclosing node n? */
static bool path_indexes(Program *p, uint32_t func, const IrPath *q, uint32_t n) {
    for (uint32_t k = 0; k < q->nsteps; k++) {
        if (q->steps[k].kind != IR_STEP_INDEX) continue;
        IrPath pre = *q;
        pre.nsteps = k;
        IdSet t = {0};
        pt_resolve_path(p, func, &pre, &t);
        bool hit = any_encloses(p, &t, n);
        idset_free(&t);
        if (hit) return true;
    }
    return false;
}

static bool operand_indexes(Program *p, uint32_t func, const IrOperand *o, uint32_t n) {
    if (o->kind != IR_OPD_VALUE && o->kind != IR_OPD_ADDR) return false;
    if (o->offset) {
        IdSet t = {0};
        pt_operand_targets(p, func, o, &t);
        bool hit = any_encloses(p, &t, n);
        idset_free(&t);
        if (hit) return true;
    }
    return path_indexes(p, func, &o->path, n);
}

/* Is node n inside an array anywhere: a path indexing into what encloses
 * it, pointer arithmetic on a pointer to that, or such a pointer stepped
 * (`p++`)? Then the one node stands for several guards. Cached. */
static bool node_in_array(Program *p, uint32_t n) {
    uint64_t v, key = (uint64_t)n << 1 | 1;
    if (u64map_get(&p->tm.once_nodes, key, &v)) return v == 1;
    bool hit = false;
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        uint32_t func = (uint32_t)f;
        if (hit) continue;
        if (ev->kind == IR_EV_READ || ev->kind == IR_EV_WRITE) hit = path_indexes(p, func, &ev->path, n);
        if (ev->kind == IR_EV_ASSIGN && ev->src) hit = operand_indexes(p, func, ev->src, n);
        if (ev->kind == IR_EV_CALL && ev->call)
            for (uint32_t a = 0; a < ev->call->nargs && !hit; a++) hit = operand_indexes(p, func, &ev->call->args[a], n);
        /* p++ / p += k on a pointer to it */
        if (!hit && ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW)) {
            IdSet t = {0};
            pt_resolve_path(p, func, &ev->path, &t);
            for (uint32_t i = 0; i < t.n && !hit; i++) hit = any_encloses(p, &p->pt.nodes.data[pt_rep(p, t.v[i])].pts, n);
            idset_free(&t);
        }
    }
    u64map_put(&p->tm.once_nodes, key, hit ? 1 : 2);
    return hit;
}

/* Is there one object obj in the program (see the file header)? Cached. */
static bool obj_single(Program *p, uint32_t obj) {
    uint64_t v;
    if (u64map_get(&p->tm.once_objs, obj, &v)) return v == 1;
    const Obj *o = &p->pt.objs.data[obj];
    bool ok = false;
    switch (o->kind) {
    case OBJ_GLOBAL: {
        const Global *g = &p->link.globals.data[o->a];
        ok = !(g->flags & (IR_GLOBAL_TLS | IR_GLOBAL_HIDDEN_STATE)) && g->type && !strchr(g->type, '[');
        break;
    }
    case OBJ_LOCAL: {
        const IrFunc *f = p->link.funcs.data[o->a].ir;
        ok = o->b < f->nlocals && f->locals[o->b].type && !strchr(f->locals[o->b].type, '[') &&
             func_once(p, o->a, ONCE_MAX_DEPTH);
        break;
    }
    case OBJ_HEAP: {
        uint32_t b, i;
        const IrFunc *f = p->link.funcs.data[o->a].ir;
        ok = o->site && ir_event_position(f, o->site, &b, &i) && !in_cycle(f, b, UINT32_MAX) &&
             func_once(p, o->a, ONCE_MAX_DEPTH);
        break;
    }
    default: break;
    }
    u64map_put(&p->tm.once_objs, obj, ok ? 1 : 2);
    return ok;
}

/* The one node path names in func, of a single object, reached without
 * index steps; UINT32_MAX otherwise. */
static uint32_t single_node(Program *p, uint32_t func, const IrPath *path) {
    if (path->root != IR_ROOT_GLOBAL && path->root != IR_ROOT_LOCAL) return UINT32_MAX;
    for (uint32_t i = 0; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_INDEX || path->steps[i].kind == IR_STEP_UP) return UINT32_MAX;
    IdSet t = {0};
    pt_resolve_path(p, func, path, &t);
    uint32_t n = t.n == 1 ? t.v[0] : UINT32_MAX;
    idset_free(&t);
    if (n == UINT32_MAX || !obj_single(p, p->pt.nodes.data[n].obj) || node_in_array(p, n)) return UINT32_MAX;
    return n;
}

/* Does the location set s overlap node n: n itself, an enclosing node
 * (a whole-object access), or any node of n's object when it is
 * field-insensitive? */
static bool overlaps(const Program *p, const IdSet *s, uint32_t n) {
    const Node *nd = &p->pt.nodes.data[n];
    bool collapsed = p->pt.objs.data[nd->obj].collapsed;
    for (uint32_t i = 0; i < s->n; i++) {
        if (collapsed && node_in_obj(p, s->v[i], nd->obj)) return true;
        for (uint32_t x = n; x != UINT32_MAX; x = p->pt.nodes.data[x].parent)
            if (s->v[i] == x) return true;
    }
    return false;
}

/* Is ev (at index e of its block) a store of a non-zero constant: a WRITE
 * followed by its ASSIGN of a constant? */
static bool const_store(const IrBlock *bb, uint32_t e) {
    const IrEvent *ev = &bb->events[e];
    if (ev->kind != IR_EV_WRITE || (ev->flags & (IR_EV_RMW | IR_EV_RECORD)) || e + 1 >= bb->nevents) return false;
    const IrEvent *as = &bb->events[e + 1];
    return as->kind == IR_EV_ASSIGN && as->src && as->src->kind == IR_OPD_CONST && as->src->value != 0 &&
           ir_path_equal(&as->path, &ev->path);
}

/* Is operand o the constant 0 (zero) or a non-zero constant (!zero)? */
static bool const_is(const IrEvent *ev, int idx, bool zero) {
    if (idx < 0 || (uint32_t)idx >= ev->call->nargs) return false;
    const IrOperand *o = &ev->call->args[idx];
    return o->kind == IR_OPD_CONST && (o->value == 0) == zero;
}

/* Does atomic call ev (API model m) store only a non-zero constant into
 * its object, if anything? */
static bool atomic_sets(const IrEvent *ev, const ApiModel *m) {
    switch (m->atomic_op) {
    case ATOMIC_OP_LOAD: case ATOMIC_OP_TEST_AND_SET: return true;
    case ATOMIC_OP_STORE: case ATOMIC_OP_EXCHANGE: case ATOMIC_OP_COMPARE_EXCHANGE: case ATOMIC_OP_CAS_BOOL:
    case ATOMIC_OP_CAS_VALUE:
        return const_is(ev, m->value, false);
    default: return false;
    }
}

/* The locations the call may write through an argument (an effects
 * model's write, free excluded: the object then ends; an atomic store of
 * anything but a non-zero constant), added to out. */
static void call_written(Program *p, uint32_t func, const IrEvent *ev, IdSet *out) {
    const CallInfo *ci = program_call(p, ev);
    const ApiModel *fx = program_call_effects(p, ev, ci);
    int idx[API_EFFECT_MAX_PARAMS * 4 + 2];
    uint32_t k = 0;
    for (uint32_t i = 0; fx && i < fx->neffects && k < API_EFFECT_MAX_PARAMS * 4; i++)
        if (fx->effects[i].effect == EFFECT_WRITE || fx->effects[i].effect == EFFECT_READWRITE)
            idx[k++] = fx->effects[i].index;
    if (ci && ci->kind == CALL_API && ci->api->kind == API_ATOMIC && ci->api->access != ATOMIC_READ &&
        !atomic_sets(ev, ci->api))
        idx[k++] = ci->api->object;
    bool variadic = fx && fx->variadic_from >= 0 && fx->variadic_effect == EFFECT_WRITE;
    for (uint32_t a = 0; a < ev->call->nargs; a++) {
        bool w = variadic && a >= (uint32_t)fx->variadic_from;
        for (uint32_t i = 0; i < k && !w; i++) w = idx[i] == (int)a;
        if (w) pt_operand_targets(p, func, &ev->call->args[a], out);
    }
}

/* May the call write node n through an argument (call_written)? */
static bool call_writes(Program *p, uint32_t func, const IrEvent *ev, uint32_t n) {
    IdSet t = {0};
    call_written(p, func, ev, &t);
    bool hit = overlaps(p, &t, n);
    idset_free(&t);
    return hit;
}

/* Is node n never reset: written only with non-zero constants (see the
 * file header)? Cached. */
static bool never_reset(Program *p, uint32_t n) {
    uint64_t v, key = (uint64_t)n << 1;
    if (u64map_get(&p->tm.once_nodes, key, &v)) return v == 1;
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[n].obj];
    uint32_t obj = p->pt.nodes.data[n].obj;
    bool ok = true;
    for (size_t f = 0; f < p->link.funcs.len && ok; f++) {
        if (!p->link.funcs.data[f].reachable) continue;
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!strcmp(ir->name, "<init>")) continue; /* initialisers of globals: before main */
        for (uint32_t b = 0; b < ir->nblocks && ok; b++) {
            const IrBlock *bb = &ir->blocks[b];
            for (uint32_t e = 0; e < bb->nevents && ok; e++) {
                const IrEvent *ev = &bb->events[e];
                if (ev->kind == IR_EV_CALL && ev->call) {
                    if (call_writes(p, (uint32_t)f, ev, n) && !(o->kind == OBJ_HEAP && own_before_publication(p, obj, (uint32_t)f, ev)))
                        ok = false;
                    continue;
                }
                if (ev->kind != IR_EV_WRITE || const_store(bb, e)) continue;
                /* a plain local's own store cannot reach n unless n is that local */
                if ((ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP) && !ev->path.nsteps &&
                    !(o->kind == OBJ_LOCAL && o->a == f && ev->path.root == IR_ROOT_LOCAL && o->b == ev->path.id))
                    continue;
                IdSet t = {0};
                pt_resolve_path(p, (uint32_t)f, &ev->path, &t);
                bool hit = overlaps(p, &t, n);
                idset_free(&t);
                if (!hit) continue;
                if (o->kind == OBJ_HEAP && own_before_publication(p, obj, (uint32_t)f, ev)) continue;
                /* the declaration of the local itself, outside loops */
                if (o->kind == OBJ_LOCAL && (ev->flags & IR_EV_INIT) && ev->path.root == IR_ROOT_LOCAL &&
                    ev->path.id == o->b && o->a == f && !in_cycle(ir, b, UINT32_MAX))
                    continue;
                ok = false;
            }
        }
    }
    u64map_put(&p->tm.once_nodes, key, ok ? 1 : 2);
    return ok;
}

/* Add to bad the candidate nodes (of globals) that a store may make 0:
 * one that stores what is not known non-zero (model_value_nonzero), a
 * read-modify-write, a whole-object write, a call's write effect or atomic
 * store. Stores of globals' initialisers (before main) do not count. One
 * pass over the program for every candidate. */
static void zeroed_candidates(Program *p, const IdSet *cands, const IdSet *objs, const IdSet *s, IdSet *bad) {
    for (uint32_t i = 0; i < s->n; i++) {
        uint32_t t = pt_rep(p, s->v[i]), obj = p->pt.nodes.data[t].obj;
        if (!idset_has(objs, obj)) continue;
        IdSet one = {&t, 1, 1};
        for (uint32_t c = 0; c < cands->n; c++)
            if (p->pt.nodes.data[cands->v[c]].obj == obj && overlaps(p, &one, cands->v[c])) idset_add(bad, cands->v[c]);
    }
}

void once_never_zeroed(Program *p, IdSet *cands) {
    if (!cands->n) return;
    IdSet objs = {0}, bad = {0}, t = {0};
    for (uint32_t c = 0; c < cands->n; c++) idset_add(&objs, p->pt.nodes.data[cands->v[c]].obj);
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        uint32_t func = (uint32_t)f;
        if (!strcmp(ir->name, "<init>")) continue;
        t.n = 0;
        if (ev->kind == IR_EV_CALL && ev->call) {
            call_written(p, func, ev, &t);
        } else if (ev->kind == IR_EV_ASSIGN) {
            if ((ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP) && !ev->path.nsteps) continue;
            if (!(ev->flags & IR_EV_RECORD) && model_value_nonzero(p, func, ev->src)) continue;
            pt_resolve_path(p, func, &ev->path, &t);
        } else if (ev->kind == IR_EV_WRITE && (ev->flags & (IR_EV_RMW | IR_EV_RECORD))) {
            if ((ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP) && !ev->path.nsteps) continue;
            pt_resolve_path(p, func, &ev->path, &t);
        }
        zeroed_candidates(p, cands, &objs, &t, &bad);
    }
    for (uint32_t i = 0; i < bad.n; i++) idset_remove(cands, bad.v[i]);
    idset_free(&objs);
    idset_free(&bad);
    idset_free(&t);
}

/* ---- locks and calls between the test and the set ---------------------------------- */

/* Is ev a lock event for the flow (lock, trylock, unlock, wait, a
 * semaphore, an atomic section, once) or a call to program functions
 * (whose lock summary may release)? */
static bool lock_relevant(Program *p, const IrEvent *ev) {
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci) return false;
    if (ci->kind == CALL_API) switch (ci->api->kind) {
        case API_LOCK: case API_TRYLOCK: case API_UNLOCK: case API_COND_WAIT: case API_ONCE: case API_SEM_POST:
        case API_SEM_WAIT: case API_BARRIER_WAIT: case API_ATOMIC_BEGIN: case API_ATOMIC_END:
        case API_CALLBACK_RUN:
            return true;
        default: return false;
        }
    return (ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT) && ci->targets.n;
}

/* The node of the lock an exclusive lock call takes, of a single object;
 * UINT32_MAX otherwise. */
static uint32_t lock_taken(Program *p, uint32_t func, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_LOCK || ci->api->mode != LOCK_EXCLUSIVE ||
        ci->api->lock < 0 || (uint32_t)ci->api->lock >= ev->call->nargs)
        return UINT32_MAX;
    IrPath lp;
    if (!flow_api_lock_path(p->arena, ci->api, ev->call, &lp)) return UINT32_MAX;
    return single_node(p, func, &lp);
}

static uint32_t lock_before(Program *p, uint32_t func, uint32_t b0, uint32_t r, int depth);

/* The lock every call of func holds, taken last before the call with no
 * lock event or program call after it (lock_before at each call site of
 * each caller); UINT32_MAX when there is none. */
static uint32_t lock_at_entry(Program *p, uint32_t func, int depth) {
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    if (depth <= 0 || p->link.funcs.data[func].address_taken || !callers->n) return UINT32_MAX;
    uint32_t lock = UINT32_MAX;
    for (uint32_t i = 0; i < callers->n; i++) {
        uint32_t g = callers->v[i];
        const IrFunc *gf = p->link.funcs.data[g].ir;
        for (uint32_t b = 0; b < gf->nblocks; b++)
            for (uint32_t e = 0; e < gf->blocks[b].nevents; e++) {
                const IrEvent *ev = &gf->blocks[b].events[e];
                const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
                if (!ci || !idset_has(&ci->targets, func)) continue;
                uint32_t l = g == func ? UINT32_MAX : lock_before(p, g, b, e, depth - 1);
                if (l == UINT32_MAX || (lock != UINT32_MAX && l != lock)) return UINT32_MAX;
                lock = l;
            }
    }
    return lock;
}

/* The lock every path to event r of block b takes last, with no lock event
 * or program call after it - in func, or (depth > 1) in every caller before
 * the call, when no path from func's entry has any; UINT32_MAX when there
 * is none. */
static uint32_t lock_before(Program *p, uint32_t func, uint32_t b0, uint32_t r, int depth) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t *pstart, *preds;
    ir_predecessors(f, &pstart, &preds);
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    VEC(uint32_t) work = {0};
    uint32_t lock = UINT32_MAX;
    bool ok = true;
    /* (block, events before `end`) */
    uint32_t blk = b0, end = r;
    for (;;) {
        bool found = false;
        for (uint32_t e = end; e-- > 0 && !found;) {
            const IrEvent *ev = &f->blocks[blk].events[e];
            if (!lock_relevant(p, ev)) continue;
            found = true;
            uint32_t l = lock_taken(p, func, ev);
            if (l == UINT32_MAX || (lock != UINT32_MAX && l != lock)) ok = false;
            else lock = l;
        }
        if (!found) {
            if (blk == 0) { /* the entry: nothing taken on this path; the callers? */
                uint32_t l = lock_at_entry(p, func, depth);
                if (l == UINT32_MAX || (lock != UINT32_MAX && l != lock)) ok = false;
                else lock = l;
            }
            for (uint32_t k = pstart[blk]; k < pstart[blk + 1]; k++)
                if (!seen[preds[k]]) {
                    seen[preds[k]] = true;
                    vec_push(&work, preds[k]);
                }
        }
        if (!ok || !work.len) break;
        blk = work.data[--work.len];
        end = f->blocks[blk].nevents;
    }
    vec_free(&work);
    free(seen);
    free(pstart);
    free(preds);
    return ok ? lock : UINT32_MAX;
}

/* ---- the guard ------------------------------------------------------------------------- */

typedef struct Scan {
    bool clean;     /* no lock event nor program call between the read and the set */
    bool reentrant; /* a call there may come back into the function */
} Scan;

/* From event `from` of block b0 (the test's) on, along its successor zt,
 * up to the first set of each path (not entering b0 again): lock events,
 * and calls that may reach a function in `back`. */
static void scan_to_set(Program *p, uint32_t func, uint32_t b0, uint32_t from, uint32_t zt, const int32_t *first_set,
                        const bool *back, Scan *out) {
    uint32_t avoid = b0;
    const IrFunc *f = p->link.funcs.data[func].ir;
    out->clean = true;
    out->reentrant = false;
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    VEC(uint32_t) work = {0};
    uint32_t blk = b0, start = from;
    for (;;) {
        const IrBlock *bb = &f->blocks[blk];
        /* the first block (the test's) is scanned to its end: a set there
         * after the read is not looked for */
        uint32_t stop = blk != b0 && first_set[blk] >= 0 ? (uint32_t)first_set[blk] : bb->nevents;
        for (uint32_t e = start; e < stop; e++) {
            const IrEvent *ev = &bb->events[e];
            if (lock_relevant(p, ev)) out->clean = false;
            const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
            if (ci && ci->kind != CALL_API)
                for (uint32_t i = 0; i < ci->targets.n; i++)
                    if (back[ci->targets.v[i]]) out->reentrant = true;
        }
        if (blk == b0 && start == from) {
            if (!seen[zt] && zt != avoid) {
                seen[zt] = true;
                vec_push(&work, zt);
            }
        } else if (stop == bb->nevents)
            for (uint32_t s = 0; s < bb->nsucc; s++) {
                uint32_t n = bb->succ[s];
                if (n < f->nblocks && n != avoid && !seen[n]) {
                    seen[n] = true;
                    vec_push(&work, n);
                }
            }
        if (!work.len) break;
        blk = work.data[--work.len];
        start = 0;
    }
    vec_free(&work);
    free(seen);
}

/* An atomic test-and-set of a guard: the branch of block B tests the
 * result of an atomic call in B that sets a single location to a non-zero
 * constant when it held 0 (exchange, test-and-set, compare-and-swap from
 * the constant 0); returns the location and in *z the successor where it
 * held 0 (the call set it). UINT32_MAX when it is none. */
static uint32_t atomic_guard(Program *p, uint32_t func, uint32_t B, uint32_t *z) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrBlock *bb = &f->blocks[B];
    const IrTerm *t = &bb->term;
    if (t->cond.path.root != IR_ROOT_TEMP || t->cond.path.nsteps) return UINT32_MAX;
    const IrEvent *ev = NULL;
    for (uint32_t e = bb->nevents; e-- > 0 && !ev;)
        if (bb->events[e].kind == IR_EV_CALL && bb->events[e].call && bb->events[e].call->result == (int32_t)t->cond.path.id)
            ev = &bb->events[e];
    if (!ev) return UINT32_MAX;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC || ci->api->object < 0 ||
        (uint32_t)ci->api->object >= ev->call->nargs)
        return UINT32_MAX;
    const ApiModel *m = ci->api;
    bool result_zero; /* the edge where the result is 0 is the one that set it */
    switch (m->atomic_op) {
    case ATOMIC_OP_TEST_AND_SET: result_zero = true; break;
    case ATOMIC_OP_EXCHANGE: if (!const_is(ev, m->value, false)) return UINT32_MAX; result_zero = true; break;
    case ATOMIC_OP_CAS_VALUE:
        if (!const_is(ev, m->value, false) || !const_is(ev, m->expected, true)) return UINT32_MAX;
        result_zero = true;
        break;
    case ATOMIC_OP_CAS_BOOL:
        if (!const_is(ev, m->value, false) || !const_is(ev, m->expected, true)) return UINT32_MAX;
        result_zero = false;
        break;
    default: return UINT32_MAX;
    }
    const IrOperand *obj = &ev->call->args[m->object];
    IrPath gp;
    if (!flow_lock_path(p->arena, obj, &gp)) return UINT32_MAX;
    uint32_t n = single_node(p, func, &gp);
    /* succ[0] is the edge where (result cmp 0) holds */
    bool eq0_first = t->cmp == IR_CMP_EQ;
    *z = result_zero == eq0_first ? 0 : 1;
    return n;
}

/* Is block b's branch a test of temp r against 0, and which successor is
 * the edge where r is 0? -1 when it is no such test. */
static int result_test(const IrBlock *bb, int32_t r) {
    const IrTerm *t = &bb->term;
    if (t->kind != IR_TERM_BRANCH || bb->nsucc != 2 || t->rhs != 0 || (t->cmp != IR_CMP_NE && t->cmp != IR_CMP_EQ) ||
        t->cond.kind != IR_OPD_VALUE || t->cond.path.root != IR_ROOT_TEMP || t->cond.path.nsteps ||
        (int32_t)t->cond.path.id != r)
        return -1;
    return t->cmp == IR_CMP_EQ ? 0 : 1;
}

/* The temp receiving the result of spawn ev, when its model returns 0 on
 * success (not a handle): a branch on it has a failure edge where nothing
 * was started. -1 otherwise. */
static int32_t spawn_result(Program *p, const IrEvent *ev) {
    const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_SPAWN || ci->api->handle_by == HANDLE_RETURN) return -1;
    return ev->call->result;
}

/* Is event (eb, ei) of func guarded by a set-once guard tested in func?
 * Fills out (guard_func, guard_block, guard_taken, locked). */
static bool guard_in(Program *p, uint32_t func, uint32_t eb, uint32_t ei, OnceSite *out) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    /* the test must be on every path to the spawn: one of its dominators */
    uint32_t *idom = ir_dominators(f);
    bool found = false;
    for (uint32_t B = idom[eb]; B != UINT32_MAX && !found; B = B == 0 ? UINT32_MAX : idom[B]) {
        const IrBlock *bb = &f->blocks[B];
        const IrTerm *t = &bb->term;
        if (B == eb || t->kind != IR_TERM_BRANCH || bb->nsucc != 2 || bb->succ[0] == bb->succ[1] || t->rhs != 0 ||
            (t->cmp != IR_CMP_NE && t->cmp != IR_CMP_EQ) || t->cond.kind != IR_OPD_VALUE || t->cond.offset)
            continue;
        uint32_t z = t->cmp == IR_CMP_EQ ? 0 : 1; /* the successor where G is 0 */
        uint32_t an = atomic_guard(p, func, B, &z);  /* or where an atomic test-and-set set it */
        if (an == UINT32_MAX && t->cond.path.root == IR_ROOT_TEMP) continue;
        uint32_t zt = bb->succ[z], nz = bb->succ[1 - z];
        if (zt >= f->nblocks || nz >= f->nblocks) continue;
        /* the last test before the spawn took the zero edge */
        uint32_t starts[2] = {nz, 0};
        bool *r = reach(f, starts, B == 0 ? 1 : 2, B);
        bool bad = r[eb];
        free(r);
        if (bad || in_cycle(f, eb, B)) continue;
        r = reach(f, &zt, 1, B);
        bad = !r[eb];
        free(r);
        if (bad) continue;
        if (an != UINT32_MAX) {
            /* the test and the set are one atomic step, before the spawn */
            if (!never_reset(p, an)) continue;
            out->guard_func = func;
            out->guard_block = B;
            out->guard_taken = z == 0;
            out->locked = true;
            out->node = an;
            out->set_before = true;
            found = true;
            continue;
        }
        uint32_t n = single_node(p, func, &t->cond.path);
        if (n == UINT32_MAX) continue;
        /* the sets of G in func */
        int32_t *first_set = xmalloc(f->nblocks * sizeof(int32_t));
        int32_t *last_set = xmalloc(f->nblocks * sizeof(int32_t));
        for (uint32_t b = 0; b < f->nblocks; b++) {
            first_set[b] = last_set[b] = -1;
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                if (!const_store(&f->blocks[b], e)) continue;
                IdSet s = {0};
                pt_resolve_path(p, func, &f->blocks[b].events[e].path, &s);
                if (s.n == 1 && s.v[0] == n) {
                    if (first_set[b] < 0) first_set[b] = (int32_t)e;
                    last_set[b] = (int32_t)e;
                }
                idset_free(&s);
            }
        }
        /* before: every path from the zero edge meets a set before the spawn */
        bool before = true;
        {
            bool *seen = xcalloc(f->nblocks, sizeof(bool));
            VEC(uint32_t) work = {0};
            vec_push(&work, zt);
            while (work.len && before) {
                uint32_t b = work.data[--work.len];
                if (b >= f->nblocks || b == B || seen[b]) continue;
                seen[b] = true;
                if (b == eb) {
                    before = first_set[b] >= 0 && (uint32_t)first_set[b] < ei;
                    continue;
                }
                if (first_set[b] >= 0) continue;
                for (uint32_t s = 0; s < f->blocks[b].nsucc; s++) vec_push(&work, f->blocks[b].succ[s]);
            }
            vec_free(&work);
            free(seen);
        }
        /* after: every path from the spawn to B or a return meets a set -
         * but for the failure edge of a test of the spawn's result, where
         * nothing was started (`if (create(..) == 0) started = 1;`) */
        bool after = !before;
        if (after && !(last_set[eb] >= 0 && (uint32_t)last_set[eb] > ei)) {
            int32_t res = spawn_result(p, &f->blocks[eb].events[ei]);
            bool *seen = xcalloc(f->nblocks, sizeof(bool));
            VEC(uint32_t) work = {0};
            for (uint32_t b = eb, first = 1; after; first = 0) {
                if (!first) {
                    if (!work.len) break;
                    b = work.data[--work.len];
                    if (b >= f->nblocks || seen[b]) continue;
                    seen[b] = true;
                    if (b == B || b == eb) {
                        after = false;
                        break;
                    }
                    if (first_set[b] >= 0 || f->blocks[b].term.kind == IR_TERM_EXIT) continue;
                    if (f->blocks[b].term.kind == IR_TERM_RETURN) {
                        after = false;
                        break;
                    }
                }
                int ok_edge = res >= 0 ? result_test(&f->blocks[b], res) : -1; /* the success edge */
                for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
                    if (ok_edge < 0 || (int)s == ok_edge) vec_push(&work, f->blocks[b].succ[s]);
            }
            vec_free(&work);
            free(seen);
        }
        bool ok = (before || after) && never_reset(p, n);
        if (ok) {
            /* the read of G in B */
            int32_t rd = -1;
            for (uint32_t e = 0; e < bb->nevents; e++)
                if (bb->events[e].kind == IR_EV_READ && ir_path_equal(&bb->events[e].path, &t->cond.path)) rd = (int32_t)e;
            /* functions that may call func, transitively, and func */
            bool *back = xcalloc(p->link.funcs.len, sizeof(bool));
            VEC(uint32_t) work = {0};
            vec_push(&work, func);
            while (work.len) {
                uint32_t g = work.data[--work.len];
                if (back[g]) continue;
                back[g] = true;
                const IdSet *cs = &p->pt.funcs.data[g].callers;
                for (uint32_t i = 0; i < cs->n; i++) vec_push(&work, cs->v[i]);
            }
            vec_free(&work);
            Scan sc;
            scan_to_set(p, func, B, rd >= 0 ? (uint32_t)rd + 1 : bb->nevents, zt, first_set, back, &sc);
            free(back);
            ok = !sc.reentrant;
            out->guard_func = func;
            out->guard_block = B;
            out->guard_taken = z == 0;
            out->locked = ok && rd >= 0 && sc.clean && lock_before(p, func, B, (uint32_t)rd, 3) != UINT32_MAX;
            out->node = n;
            out->set_before = before;
        }
        free(first_set);
        free(last_set);
        found = ok;
    }
    free(idom);
    return found;
}

static bool site_once(Program *p, uint32_t func, const IrEvent *ev, int depth, OnceSite *out) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t eb, ei;
    if (depth <= 0 || !ir_event_position(f, ev, &eb, &ei)) return false;
    if (guard_in(p, func, eb, ei, out)) return true;
    /* the guard in the only caller, around the only call */
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    if (p->link.funcs.data[func].address_taken || callers->n != 1 || callers->v[0] == func ||
        in_cycle(f, eb, UINT32_MAX))
        return false;
    uint32_t g = callers->v[0];
    IrEventId cs[2];
    if (call_sites(p, g, func, cs) != 1) return false;
    const IrFunc *gf = p->link.funcs.data[g].ir;
    if (!site_once(p, g, &gf->blocks[cs[0].block].events[cs[0].index], depth - 1, out)) return false;
    out->locked = false; /* the lock is checked in the guard's own function only */
    return true;
}

const OnceSite *once_site(Program *p, uint32_t func, const IrEvent *spawn) {
    uint64_t v, key = (uint64_t)(uintptr_t)spawn;
    if (!u64map_get(&p->tm.once_sites, key, &v)) {
        OnceSite s;
        memset(&s, 0, sizeof s);
        v = 0;
        if (site_once(p, func, spawn, 2, &s)) {
            idset_add(&p->tm.once_flags, s.node);
            vec_push(&p->tm.once, s);
            v = p->tm.once.len;
        }
        u64map_put(&p->tm.once_sites, key, v);
    }
    return v ? &p->tm.once.data[v - 1] : NULL;
}

uint32_t once_tested(Program *p, uint32_t func, uint32_t block, bool *zero_taken) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrTerm *t = &f->blocks[block].term;
    *zero_taken = t->cmp == IR_CMP_EQ;
    /* value: the number of flags known when it was computed << 32 | node + 1;
     * a "none" computed before a flag was found is computed again */
    uint64_t v, key = (uint64_t)func << 32 | block;
    if (u64map_get(&p->tm.once_tests, key, &v) && ((uint32_t)v || v >> 32 == p->tm.once_flags.n))
        return (uint32_t)v - 1;
    uint32_t n = UINT32_MAX;
    if (t->kind == IR_TERM_BRANCH && f->blocks[block].nsucc == 2 && t->rhs == 0 &&
        (t->cmp == IR_CMP_NE || t->cmp == IR_CMP_EQ) && t->cond.kind == IR_OPD_VALUE && !t->cond.offset &&
        (t->cond.path.root == IR_ROOT_GLOBAL || t->cond.path.root == IR_ROOT_LOCAL)) {
        IdSet s = {0};
        pt_resolve_path(p, func, &t->cond.path, &s);
        if (s.n == 1 && idset_has(&p->tm.once_flags, s.v[0])) n = s.v[0];
        idset_free(&s);
    }
    u64map_put(&p->tm.once_tests, key, (uint64_t)p->tm.once_flags.n << 32 | (uint32_t)(n + 1));
    return n;
}

/* ---- started flags ---------------------------------------------------------------------- */

/* The flag the spawn's success sets: spawn ev in func (a model returning
 * 0 on success, its result in a temp) followed, on every path where the
 * result says success, by a store of a non-zero constant into one node of
 * a single object that nothing resets, before any return, any test of it
 * and any return to the spawn. UINT32_MAX when there is none. */
static uint32_t find_started_flag(Program *p, uint32_t func, const IrEvent *ev) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const CallInfo *ci = program_call(p, ev);
    uint32_t eb, ei;
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_SPAWN || ci->api->handle_by == HANDLE_RETURN ||
        ci->api->many || !ev->call || ev->call->result < 0 || !ir_event_position(f, ev, &eb, &ei))
        return UINT32_MAX;
    int32_t r = ev->call->result;
    uint32_t flag = UINT32_MAX;
    bool ok = true;
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    VEC(uint32_t) work = {0};
    uint32_t blk = eb, start = ei + 1;
    for (;;) {
        const IrBlock *bb = &f->blocks[blk];
        bool stop = false;
        for (uint32_t e = start; e < bb->nevents && !stop && ok; e++) {
            const IrEvent *x = &bb->events[e];
            if (x == ev) ok = false; /* back at the spawn before the set */
            else if (const_store(bb, e)) {
                uint32_t n = single_node(p, func, &x->path);
                if (n == UINT32_MAX) continue;
                if (flag == UINT32_MAX) flag = n;
                if (flag == n) stop = true;
            } else if (x->kind == IR_EV_CALL && x->call) {
                const CallInfo *xi = program_call(p, x);
                if (xi && xi->kind != CALL_API && xi->targets.n) ok = false; /* it may test the flag */
            }
        }
        if (!ok) break;
        if (!stop) {
            int zero = result_test(bb, r);
            if (bb->term.kind == IR_TERM_RETURN) ok = false;
            else if (bb->term.kind == IR_TERM_BRANCH && bb->term.cond.kind == IR_OPD_VALUE &&
                     bb->term.cond.path.root != IR_ROOT_TEMP && zero < 0)
                ok = false; /* a test of another variable: maybe the flag */
            else
                for (uint32_t s = 0; s < bb->nsucc; s++) {
                    if (zero >= 0 && (int)s != zero) continue; /* the failure edge: nothing started */
                    uint32_t n = bb->succ[s];
                    if (n < f->nblocks && !seen[n]) {
                        seen[n] = true;
                        vec_push(&work, n);
                    }
                }
        }
        if (!ok || !work.len) break;
        blk = work.data[--work.len];
        start = 0;
        if (blk == eb) {
            ok = false; /* a loop back to the spawn */
            break;
        }
    }
    vec_free(&work);
    free(seen);
    if (!ok || flag == UINT32_MAX || !never_reset(p, flag)) return UINT32_MAX;
    return flag;
}

uint32_t once_started_flag(Program *p, uint32_t func, const IrEvent *spawn) {
    uint64_t v, key = (uint64_t)(uintptr_t)spawn;
    if (!u64map_get(&p->tm.once_started, key, &v)) {
        uint32_t n = find_started_flag(p, func, spawn);
        if (n != UINT32_MAX) idset_add(&p->tm.once_flags, n);
        v = (uint64_t)n + 1;
        u64map_put(&p->tm.once_started, key, v);
    }
    return (uint32_t)(v - 1);
}
