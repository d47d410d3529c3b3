/*
 * popped.c - moves out of a lock-protected queue: an object a thread takes
 * off a shared structure under a lock is its own until it hands it on.
 *
 * A work queue's consumer (a thread pool's worker, pigz's compress
 * thread) does, holding the queue's lock m,
 *
 *     j = q;              // or j = q->head, j = *prior: a load from a location L
 *     q = j->next;        // L overwritten before m is released: j is unlinked
 *     unlock(&m);
 *     j->out = j->in * 2; // j's object is this thread's now
 *
 * Once unlinked, no other thread can reach the object through L; the
 * producer filled it in before it linked it (under m), and the next
 * consumer gets it only if this one links it again (under m). So an
 * access through j after the pop, on every path, and before j is handed
 * on (stored into memory, passed to program code or a thread, returned)
 * is *owned*: it does not race with another owned access (the pops of two
 * threads take distinct objects), with an access made holding m (made
 * while the object was still on the queue, or after it is linked again),
 * nor with its creator's accesses before publication (ownership.c).
 *
 * The dataflow is per function, from the function's own start (the locks
 * it takes itself, directly or through helpers that return locked: the
 * lock summaries), a must-analysis over its blocks:
 *   - `d = <L>` with L a memory location (a global, a field, `*prior`)
 *     while m is held: d is pending on (L, m); any other store to d ends
 *     what d was; a plain copy `d2 = d` carries d's state;
 *   - a store to L of anything but d while d is pending and m is still
 *     held: d is popped under m (a store to the root local of L between
 *     the two - `prior = &n->next` - ends the pending state);
 *   - m released while d is pending: a peek, nothing was popped;
 *   - d handed on: no longer owned.
 * The lock must name one lock object (a global mutex, or a lock the
 * accesses can compare by node).
 *
 * A *pop function* returns, on every path, NULL or a pointer it popped and
 * still owns (memcached's `cq_pop()`: lock, take the head, unlink it,
 * unlock, return it): its result is owned by the caller, as if the caller
 * had popped it under the same lock. Its lock may be named through an
 * unchanged parameter (`qget(q)` locking `q->m`, POP_PARAM_LOCK): each
 * call site names its queue's one lock (`qget(&q1)`: q1.m), or none.
 *
 * ASSUMPTION: the queue is the only way to the object - no second list,
 * index or tail pointer still leads to it after the pop (a doubly linked
 * list's neighbour, a hash table also holding it); a consumer that keeps
 * a reference it later uses again is not seen.
 *
 * *Owned parameters*: a function every call of which passes, in parameter
 * k, a pointer its caller owns so under one lock (Program.own.pop_args),
 * starts with k owned (`process(job)` after the pop): its accesses through
 * it are owned, and it may pass it on (rounds of own_find_pops). Passing it
 * to program code ends ownership in the caller. A function also handed to
 * a library call or a spawn, or a root in library mode, has no owned
 * parameter.
 *
 * *Task payloads*: a pointer read from a popped task (`t->fn(t->arg)`)
 * may be one context every task shares, so it is passed as owned only
 * when every task carries a distinct element (payload_distinct: each store
 * into the payload field is NULL or `&results[i]` once per iteration of a
 * loop with counter i, in a function that runs once, or an object
 * allocated earlier in the same iteration (or call) and held in a local,
 * directly or through a submit function's parameter). Such a parameter's accesses are owned
 * with no lock (POP_PAYLOAD): they do not race with one another, nor with
 * the producer's accesses to the element earlier in the iteration than
 * its hand-over.
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

enum { POP_PENDING = 1, POP_OWNED = 2, POP_NULL = 3 };
enum { POP_SEED_PARAMS = 8 }; /* parameters that may be owned on entry (own_find_pops) */
enum { POP_PARAM_LOCK = 1u << 31 };

typedef struct PopFact {
    uint32_t var;         /* ir_plain_key of the local or temporary holding the pointer */
    uint8_t stage;        /* POP_PENDING, POP_OWNED, POP_NULL (the variable is NULL here: a
                             test's zero edge; it meets OWNED as OWNED) */
    uint32_t lock;        /* PENDING: lock id (lockset.c) held at the load; OWNED: its one lock node,
                             or POP_PARAM_LOCK | the lock id when the lock is named through an
                             unchanged parameter (`q->m`: which lock, each call site says) */
    const IrPath *from;   /* PENDING: the location loaded from */
} PopFact;

typedef struct PopState {
    bool reached;
    VEC(PopFact) facts;
} PopState;

typedef struct PopCtx {
    Program *p;
    uint32_t func;
    U64Map held_at;       /* event -> interned set id of the locks held before it */
    uint32_t *pops;       /* per function: its result's lock node + 1 when it is a pop function */
} PopCtx;

static void pop_visit(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st) {
    (void)func;
    PopCtx *c = ctx;
    u64map_put(&c->held_at, (uint64_t)(uintptr_t)ev, model_intern_set(c->p, &st->held));
}

static const IdSet *held_before(PopCtx *c, const IrEvent *ev) {
    uint64_t v;
    return u64map_get(&c->held_at, (uint64_t)(uintptr_t)ev, &v) ? &c->p->sets.data[v] : NULL;
}

static void drop_var(PopState *s, uint32_t var) {
    size_t k = 0;
    for (size_t i = 0; i < s->facts.len; i++)
        if (s->facts.data[i].var != var) s->facts.data[k++] = s->facts.data[i];
    s->facts.len = k;
}

static const PopFact *owned_fact(const PopState *s, uint32_t var) {
    for (size_t i = 0; i < s->facts.len; i++)
        if (s->facts.data[i].var == var && s->facts.data[i].stage == POP_OWNED) return &s->facts.data[i];
    return NULL;
}

/* The key of the plain local or temporary an operand's value is (the
 * pointer itself), -1 otherwise. */
static int64_t plain_value(const IrOperand *o) {
    return o->kind == IR_OPD_VALUE && !o->path.nsteps ? ir_plain_key(&o->path) : -1;
}

/* Does operand o hand the pointer of var on (its value, or an address
 * inside its object)? */
static bool hands_on(const IrOperand *o, uint32_t var) {
    return ir_operand_pointer_key(o) == (int64_t)var;
}

/* A location a queue's head may be in: memory, not a plain local. */
static bool memory_path(const IrPath *path) {
    if (path->root == IR_ROOT_GLOBAL) return path->usr != NULL;
    return (path->root == IR_ROOT_LOCAL || path->root == IR_ROOT_TEMP) && path->nsteps &&
           path->steps[0].kind == IR_STEP_DEREF;
}

/* The key of Program.own.popped: the event, and the argument whose
 * pointee a library call accesses (-1: the event's own path). */
static uint64_t pop_key(const IrEvent *ev, int arg) {
    return (uint64_t)(uintptr_t)ev << 6 | (uint64_t)(arg + 1);
}

/* Is lock id l, taken in func, named through an unchanged parameter of
 * func (`q->m`, `*m`)? */
static bool param_lock(const Program *p, uint32_t func, uint32_t l) {
    const LockRef *lr = &p->lock.refs.data[l];
    const IrFunc *f = p->link.funcs.data[func].ir;
    return lr->func == (int32_t)func && lr->path.root == IR_ROOT_LOCAL && lr->path.id < f->nparams &&
           lr->path.nsteps && lr->path.steps[0].kind == IR_STEP_DEREF && model_param_unchanged(p, func, lr->path.id);
}

/* The lock a call ev in caller of pop function callee, whose result is
 * popped under lock id l named through one of its parameters, passes in:
 * its one node + 1, or 0 (`cq_pop(&q1)` pops under q1.m). */
static uint32_t call_lock(Program *p, uint32_t caller, const IrEvent *ev, uint32_t callee, uint32_t l) {
    const LockRef *lr = &p->lock.refs.data[l];
    if (lr->func != (int32_t)callee || lr->path.id >= ev->call->nargs) return 0;
    const IrOperand *a = &ev->call->args[lr->path.id];
    if ((a->kind != IR_OPD_ADDR && a->kind != IR_OPD_VALUE) || a->offset) return 0;
    /* &x passed: x + the steps after the dereference; a pointer v: v + all */
    uint32_t skip = a->kind == IR_OPD_ADDR ? 1 : 0;
    IrPath path = a->path;
    path.nsteps = a->path.nsteps + lr->path.nsteps - skip;
    path.steps = xmalloc((path.nsteps ? path.nsteps : 1) * sizeof(IrStep));
    if (a->path.nsteps) memcpy(path.steps, a->path.steps, a->path.nsteps * sizeof(IrStep));
    memcpy(path.steps + a->path.nsteps, lr->path.steps + skip, (lr->path.nsteps - skip) * sizeof(IrStep));
    IdSet n = {0};
    pt_resolve_path(p, caller, &path, &n);
    uint32_t r = n.n == 1 ? n.v[0] + 1 : 0;
    idset_free(&n);
    free(path.steps);
    return r;
}

/* Is temporary tmp a value the function read from `cursor`? */
static bool read_from(const IrDefUse *du, uint32_t tmp, const IrPath *cursor) {
    const IrEvent *as = ir_defuse_sole_assign(du, ir_defuse_temp(du, tmp));
    return as && as->src && as->src->kind == IR_OPD_VALUE && !as->src->offset && ir_path_equal(&as->src->path, cursor);
}

/* Is the index of key `key` arithmetic on a temporary read from `cursor`
 * (`d = q[head % N]`, `d = q->items[(q->first + k) & MASK]`)? The lowering
 * assigned it to a temporary before the load, with the step's key. */
static bool cursor_arith(const IrFunc *f, const IrDefUse *du, int64_t key, const IrPath *cursor) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_ASSIGN || ev->path.root != IR_ROOT_TEMP || ev->path.nsteps || !ev->src ||
                ir_arith_key(ev->src) != key)
                continue;
            for (uint32_t k = 0; k < ev->src->narith; k++)
                if (ev->src->arith[k].kind == IR_ARITH_TEMP && read_from(du, ev->src->arith[k].local, cursor))
                    return true;
            return false;
        }
    return false;
}

/* Does the store to `cursor` move a pending location `from` off the queue:
 * `from` is indexed by a temporary the function read from `cursor` (`d =
 * q->items[q->head]` then `q->head = (q->head + 1) % N`: the consumer
 * advanced past the slot, which no other consumer reads again), or by
 * arithmetic on one (cursor_arith)? */
static bool cursor_moved(PopCtx *c, const IrPath *from, const IrPath *cursor) {
    const IrFunc *f = c->p->link.funcs.data[c->func].ir;
    const IrDefUse *du = model_defuse(c->p, f);
    for (uint32_t i = 0; i < from->nsteps; i++) {
        const IrStep *st = &from->steps[i];
        if (st->kind != IR_STEP_INDEX) continue;
        if (st->index_kind == IR_INDEX_TEMP && read_from(du, st->local, cursor)) return true;
        if (st->index_kind == IR_INDEX_UNKNOWN && st->value && cursor_arith(f, du, st->value, cursor)) return true;
    }
    return false;
}

/* A store to ev's path (its value v, a plain variable's key or -1) while
 * the locks held are held: the pop of each pending pointer read from that
 * place, or from a slot its cursor indexed (cursor_moved). */
static void pop_pending(PopCtx *c, const IrEvent *ev, PopState *s, const IdSet *held, int64_t v) {
    Program *p = c->p;
    for (size_t i = 0; i < s->facts.len; i++) {
        PopFact *f = &s->facts.data[i];
        if (f->stage == POP_PENDING && (v < 0 || (uint32_t)v != f->var) &&
            (ir_path_equal(f->from, &ev->path) || cursor_moved(c, f->from, &ev->path)) && held &&
            idset_has(held, f->lock)) {
            const IdSet *n = lock_nodes(p, f->lock);
            f->stage = POP_OWNED;
            f->from = NULL;
            /* a lock standing for several objects cannot be compared: no
             * pop, unless it is named through an unchanged parameter
             * (each caller of a pop function names its queue's) */
            f->lock = n->n == 1 ? n->v[0] : param_lock(p, c->func, f->lock) ? POP_PARAM_LOCK | f->lock : UINT32_MAX;
        }
    }
}

/* ---- task payloads ------------------------------------------------------------ */

/* Does func run at most once in the whole program: main (not a library),
 * or called from one call site, outside any loop, of a function that runs
 * once (a few calls up)? Threads are not known yet: a thread's routine is
 * not taken to run once. */
static bool runs_once_in_program(const Program *p, uint32_t func, int depth) {
    const Func *fn = &p->link.funcs.data[func];
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    if (depth > 3 || fn->address_taken) return false;
    if (!callers->n) return !p->library && !strcmp(fn->ir->name, "main");
    if (callers->n != 1) return false;
    uint32_t g = callers->v[0], sites = 0, at = 0;
    const IrFunc *gf = p->link.funcs.data[g].ir;
    for (uint32_t b = 0; b < gf->nblocks; b++)
        for (uint32_t e = 0; e < gf->blocks[b].nevents; e++) {
            const IrEvent *ev = &gf->blocks[b].events[e];
            const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
            if (ci && ci->kind != CALL_API && idset_has(&ci->targets, func)) sites++, at = b;
        }
    return sites == 1 && gf->blocks[at].loop < 0 && runs_once_in_program(p, g, depth + 1);
}

/* Is operand s of event ev in func a distinct element for every time ev
 * runs: the address of an element indexed by the counter of the loop ev
 * is directly in (`&results[i]`, once per iteration), a loop in no other
 * loop, of a function that runs once? */
static bool element_per_run(Program *p, uint32_t func, const IrEvent *ev, const IrOperand *s) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId id;
    if (!s || s->kind != IR_OPD_ADDR || !ir_defuse_event_id(du, ev, &id)) return false;
    int32_t loop = ir_defuse_block_loop(du, id.block);
    return loop >= 0 && f->loops[loop].parent < 0 && inst_counter_address(f, du, ev, s, loop) &&
           runs_once_in_program(p, func, 0);
}

/* Is operand s of event ev in func a fresh object for every time ev runs:
 * a local (or temporary) holding the result of an allocation call made in
 * func - the only assignment of the local - in the same innermost loop as
 * ev and earlier in its iteration (`r = malloc(..); r->in = i; submit(fn,
 * r);`), or, neither in a loop, in the same call? Each allocation is an
 * object of its own, wherever func runs. */
static bool fresh_per_run(Program *p, uint32_t func, const IrEvent *ev, const IrOperand *s);

/* ... or an element of an array indexed by the counter of the loop ev is
 * in, the array's one store in func being the result of an allocation in
 * that iteration, before ev (`reqs[i] = malloc(..); ..; submit(fn,
 * reqs[i])`)? */
static bool fresh_element(Program *p, uint32_t func, const IrEvent *ev, const IrOperand *s) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId id;
    if (s->path.nsteps != 1 || s->path.steps[0].kind != IR_STEP_INDEX || (s->path.root != IR_ROOT_LOCAL &&
        s->path.root != IR_ROOT_GLOBAL) || !ir_defuse_event_id(du, ev, &id))
        return false;
    int32_t loop = ir_defuse_block_loop(du, id.block);
    IrOperand addr = *s;
    addr.kind = IR_OPD_ADDR;
    if (loop < 0 || !inst_counter_address(f, du, ev, &addr, loop)) return false;
    const IrEvent *store = NULL;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            if ((x->kind != IR_EV_ASSIGN && x->kind != IR_EV_WRITE) || x->path.root != s->path.root ||
                (s->path.root == IR_ROOT_GLOBAL ? !x->path.usr || !s->path.usr || strcmp(x->path.usr, s->path.usr)
                                                : x->path.id != s->path.id))
                continue;
            if (x->kind == IR_EV_WRITE) continue; /* the ASSIGN after it says what */
            bool through = false; /* `reqs[i]->in = ..`: through the element, not into the array */
            for (uint32_t k = 0; k < x->path.nsteps && !through; k++) through = x->path.steps[k].kind == IR_STEP_DEREF;
            if (through) continue;
            if (store || !ir_path_equal(&x->path, &s->path)) return false; /* another store into the array */
            store = x;
        }
    if (!store || !store->src || store->src->kind != IR_OPD_VALUE || store->src->path.root != IR_ROOT_TEMP ||
        !inst_earlier_in_iteration(du, store, ev))
        return false;
    return fresh_per_run(p, func, store, store->src);
}

static bool fresh_per_run(Program *p, uint32_t func, const IrEvent *ev, const IrOperand *s) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (s && s->kind == IR_OPD_VALUE && !s->offset && s->path.nsteps) return fresh_element(p, func, ev, s);
    if (!s || s->kind != IR_OPD_VALUE || s->offset || s->path.nsteps) return false;
    const IrDefUse *du = model_defuse(p, f);
    uint32_t t; /* the temporary holding the call's result */
    if (s->path.root == IR_ROOT_TEMP) {
        t = s->path.id;
    } else {
        if (s->path.root != IR_ROOT_LOCAL || s->path.id >= f->nlocals ||
            (f->locals[s->path.id].flags & IR_LOCAL_ADDR_TAKEN) || s->path.id < f->nparams)
            return false;
        const IrEvent *as = ir_defuse_sole_assign(du, ir_defuse_var(du, &s->path));
        if (!as || !as->src || as->src->kind != IR_OPD_VALUE || as->src->offset || as->src->path.nsteps ||
            as->src->path.root != IR_ROOT_TEMP)
            return false;
        t = as->src->path.id;
    }
    /* the allocation call whose result t is */
    const IrEvent *call = NULL;
    for (uint32_t b = 0; b < f->nblocks && !call; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && !call; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            if (x->kind == IR_EV_CALL && x->call && x->call->result == (int32_t)t) call = x;
        }
    IdSet objs = {0};
    pt_operand_targets(p, func, s, &objs);
    bool fresh = call && objs.n > 0;
    for (uint32_t i = 0; i < objs.n && fresh; i++) {
        const Obj *o = &p->pt.objs.data[p->pt.nodes.data[objs.v[i]].obj];
        fresh = o->kind == OBJ_HEAP && o->site == call;
    }
    idset_free(&objs);
    IrEventId ci, ei;
    if (!fresh || !ir_defuse_event_id(du, call, &ci) || !ir_defuse_event_id(du, ev, &ei)) return false;
    int32_t loop = ir_defuse_block_loop(du, ei.block);
    if (ir_defuse_block_loop(du, ci.block) != loop) return false;
    return loop < 0 || inst_earlier_in_iteration(du, call, ev);
}

/* The payload a task carries (the value in field location `node` of the
 * tasks, a pointer), when each call site or store that gives it gives
 * every task a distinct element: every store into node is NULL, or an
 * element_per_run address, or a fresh_per_run allocation, or a parameter of a function that stores it
 * once per call (in no loop) and every call of which passes one; no two
 * such sources address one array, and everything node may point to comes
 * from them. Nothing copies a whole task (a struct copy or memcpy into
 * node's enclosing records), which would give two tasks one payload. */
typedef struct PayloadSource {
    uint32_t func;
    const IrEvent *ev;    /* the store, or the call passing it */
    const IrOperand *addr; /* `&results[i]` */
} PayloadSource;

typedef struct PayloadScan {
    Program *p;
    const IdSet *nodes;   /* the payload's field locations */
    VEC(PayloadSource) sources;
    IdSet from;           /* what the sources' addresses point to */
    bool ok;
} PayloadScan;

static void payload_source(PayloadScan *ps, uint32_t func, const IrEvent *ev, const IrOperand *s) {
    if (!element_per_run(ps->p, func, ev, s) && !fresh_per_run(ps->p, func, ev, s)) {
        ps->ok = false;
        return;
    }
    /* several sources, each over another array: still one element a task */
    IdSet at = {0};
    pt_operand_targets(ps->p, func, s, &at);
    for (uint32_t i = 0; i < at.n && ps->ok; i++) ps->ok = !idset_has(&ps->from, at.v[i]);
    for (uint32_t i = 0; i < at.n; i++) idset_add(&ps->from, at.v[i]);
    idset_free(&at);
    PayloadSource src = {func, ev, s};
    vec_push(&ps->sources, src);
}

static void payload_param(PayloadScan *ps, uint32_t func, uint32_t k) {
    Program *p = ps->p;
    if (p->library && model_library_root(p, func)) {
        ps->ok = false;
        return;
    }
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    for (uint32_t i = 0; i < callers->n && ps->ok; i++) {
        const IrFunc *gf = p->link.funcs.data[callers->v[i]].ir;
        for (uint32_t b = 0; b < gf->nblocks && ps->ok; b++)
            for (uint32_t e = 0; e < gf->blocks[b].nevents && ps->ok; e++) {
                const IrEvent *ev = &gf->blocks[b].events[e];
                const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
                if (!ci || ci->kind == CALL_API || !idset_has(&ci->targets, func)) continue;
                if (k >= ev->call->nargs) ps->ok = false;
                else payload_source(ps, callers->v[i], ev, &ev->call->args[k]);
            }
    }
}

/* The value s an event stores into the payload (`t->arg = s`; at: the
 * event storing into the task, ev: the one computing s - the same but for
 * a struct copy of a literal): NULL, a parameter stored once per call, or
 * an element_per_run address. */
static void payload_value(PayloadScan *ps, uint32_t func, const IrFunc *f, const IrEvent *at, const IrEvent *ev,
                          const IrOperand *s) {
    Program *p = ps->p;
    if (s->kind == IR_OPD_CONST && s->value == 0) return;
    if (s->kind == IR_OPD_VALUE && !s->offset && !s->path.nsteps && s->path.root == IR_ROOT_LOCAL &&
        s->path.id < f->nparams) {
        IrEventId id;
        const IrDefUse *du = model_defuse(p, f);
        if (!model_param_unchanged(p, func, s->path.id) || !ir_defuse_event_id(du, at, &id) ||
            f->blocks[id.block].loop >= 0)
            ps->ok = false;
        else payload_param(ps, func, s->path.id);
        return;
    }
    payload_source(ps, func, ev, s);
}

/* A struct copy of literal `lit` (a temporary: `q[i] = (struct task){fn,
 * arg}`) into a record enclosing payload location n at field path of
 * `depth` steps below it: the value stored is the literal's field there,
 * from its one initialiser in func, in the same loop as the copy. */
static void payload_literal(PayloadScan *ps, uint32_t func, const IrFunc *f, const IrEvent *copy, const IrPath *lit,
                            uint32_t n, uint32_t depth) {
    Program *p = ps->p;
    const char *names[8];
    if (depth > 8) {
        ps->ok = false;
        return;
    }
    for (uint32_t k = depth, x = n; k-- > 0; x = p->pt.nodes.data[x].parent) names[k] = p->pt.nodes.data[x].field;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId cid, iid;
    const IrEvent *init = NULL;
    uint32_t count = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_ASSIGN || ev->path.root != lit->root || ev->path.id != lit->id ||
                ev->path.nsteps != depth)
                continue;
            bool same = true;
            for (uint32_t k = 0; k < depth && same; k++)
                same = ev->path.steps[k].kind == IR_STEP_FIELD && ev->path.steps[k].field &&
                       !strcmp(ev->path.steps[k].field, names[k]);
            if (same) init = ev, count++;
        }
    if (count != 1 || !ir_defuse_event_id(du, copy, &cid) || !ir_defuse_event_id(du, init, &iid) ||
        ir_defuse_block_loop(du, cid.block) != ir_defuse_block_loop(du, iid.block)) {
        ps->ok = false;
        return;
    }
    payload_value(ps, func, f, copy, init, init->src);
}

static void payload_store(PayloadScan *ps, uint32_t func, const IrFunc *f, const IrEvent *ev) {
    Program *p = ps->p;
    bool rmw = ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW);
    bool copy = ev->kind == IR_EV_CALL && ev->call && ev->call->nargs >= 2 && pt_is_memcpy(ev->call->callee.name);
    if (!rmw && !copy && (ev->kind != IR_EV_ASSIGN || !(ev->flags & IR_EV_POINTER) || !ev->path.nsteps)) return;
    IdSet at = {0};
    if (copy) pt_operand_targets(p, func, &ev->call->args[0], &at);
    else pt_resolve_path(p, func, &ev->path, &at);
    for (uint32_t i = 0; i < ps->nodes->n && ps->ok; i++) {
        uint32_t n = ps->nodes->v[i], depth = 1;
        bool self = idset_has(&at, n);
        uint32_t rec = p->pt.nodes.data[n].parent;
        while (rec != UINT32_MAX && !idset_has(&at, rec)) rec = p->pt.nodes.data[rec].parent, depth++;
        if (!self && rec == UINT32_MAX) continue;
        const IrOperand *s = ev->src;
        if (rmw || copy || (self && rec != UINT32_MAX)) ps->ok = false;
        else if (self) payload_value(ps, func, f, ev, ev, s);
        else if ((ev->flags & IR_EV_RECORD) && s->kind == IR_OPD_VALUE && !s->offset && !s->path.nsteps &&
                 s->path.root == IR_ROOT_TEMP)
            payload_literal(ps, func, f, ev, &s->path, n, depth);
        else ps->ok = false; /* a whole task copied: two tasks, one payload */
    }
    idset_free(&at);
}

/* The producer filling in the element it is about to hand over (`r[i].lo
 * = ..; submit(.., &r[i])`): an access in the source's loop earlier in the
 * iteration, by the same root indexed with the same counter, touches an
 * element no task has yet; it counts as an access through the payload
 * (POP_PAYLOAD | set), which other tasks' elements do not meet. */
static void payload_hand_over(Program *p, const PayloadSource *src, uint32_t set) {
    const IrFunc *f = p->link.funcs.data[src->func].ir;
    const IrDefUse *du = model_defuse(p, f);
    const IrPath *a = &src->addr->path;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            const IrPath *x = &ev->path;
            if ((ev->kind != IR_EV_READ && ev->kind != IR_EV_WRITE) || x->root != a->root || x->id != a->id ||
                (a->root == IR_ROOT_GLOBAL && (!a->usr || !x->usr || strcmp(a->usr, x->usr))) ||
                x->nsteps < a->nsteps || !inst_earlier_in_iteration(du, ev, src->ev))
                continue;
            bool same = true; /* the element's path is a prefix of the access's */
            for (uint32_t i = 0; i < a->nsteps && same; i++) {
                const IrStep *u = &a->steps[i], *v = &x->steps[i];
                same = u->kind == v->kind &&
                       (u->kind == IR_STEP_FIELD ? u->field && v->field && !strcmp(u->field, v->field)
                        : u->kind == IR_STEP_INDEX ? u->index_kind == IR_INDEX_LOCAL && v->index_kind == IR_INDEX_LOCAL &&
                                                      u->local == v->local
                                                    : u->kind == IR_STEP_DEREF);
            }
            if (same && !u64map_get(&p->own.popped, pop_key(ev, -1), NULL))
                u64map_put(&p->own.popped, pop_key(ev, -1), (uint64_t)(POP_PAYLOAD | set) + 1);
        }
}

static bool payload_distinct(Program *p, uint32_t func, const IrOperand *o, uint32_t set) {
    uint64_t v;
    if (u64map_get(&p->own.payloads, set, &v)) return v == 1;
    const IdSet *nodes = &p->sets.data[set];
    PayloadScan ps = {p, nodes, {0}, {0}, nodes->n > 0};
    for (uint32_t i = 0; i < nodes->n && ps.ok; i++) {
        const Node *nd = &p->pt.nodes.data[nodes->v[i]];
        ps.ok = nd->parent != UINT32_MAX && !p->pt.objs.data[nd->obj].collapsed;
    }
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ps.ok) payload_store(&ps, (uint32_t)f, ir, ev);
    }
    IdSet vals = {0};
    pt_operand_targets(p, func, o, &vals);
    bool ok = ps.ok && ps.sources.len && vals.n > 0;
    for (uint32_t i = 0; i < vals.n && ok; i++) ok = idset_has(&ps.from, vals.v[i]);
    for (size_t i = 0; i < ps.sources.len && ok; i++) payload_hand_over(p, &ps.sources.data[i], set);
    idset_free(&vals);
    idset_free(&ps.from);
    vec_free(&ps.sources);
    u64map_put(&p->own.payloads, set, ok ? 1 : 2);
    return ok;
}

/* The one slot a record local was copied out of (`t = q->slots[h % N]`,
 * the pop), when nothing else stores into it or takes its address: the
 * path of that slot, else NULL. */
static const IrPath *record_popped_from(const Program *p, uint32_t func, uint32_t local) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (local >= f->nlocals || (f->locals[local].flags & IR_LOCAL_ADDR_TAKEN) || !(f->locals[local].flags & IR_LOCAL_RECORD))
        return NULL;
    const IrEvent *copy = NULL;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if ((ev->kind != IR_EV_ASSIGN && ev->kind != IR_EV_WRITE) || ev->path.root != IR_ROOT_LOCAL ||
                ev->path.id != local)
                continue;
            if (ev->path.nsteps) return NULL;
            if (ev->kind == IR_EV_ASSIGN) {
                if (copy) return NULL;
                copy = ev;
            }
        }
    return copy && copy->src->kind == IR_OPD_VALUE && !copy->src->offset ? &copy->src->path : NULL;
}

/* Is operand o a popped task's payload (`t->arg`, t owned under a queue
 * lock; `t.arg`, t a struct copied out of the queue's slot) every task
 * carries its own element in (payload_distinct)? The interned set of its
 * field locations (the slot's, for a copy) in *set. */
static bool payload_arg(PopCtx *c, const PopState *s, const IrOperand *o, uint32_t *set) {
    if (o->kind != IR_OPD_VALUE || o->offset || !o->path.nsteps || o->path.nsteps > 2 ||
        o->path.steps[o->path.nsteps - 1].kind != IR_STEP_FIELD ||
        (o->path.nsteps == 2 && o->path.steps[0].kind != IR_STEP_DEREF))
        return false;
    IrPath root = o->path;
    root.nsteps = 0;
    int64_t k = ir_plain_key(&root);
    const PopFact *f = k >= 0 ? owned_fact(s, (uint32_t)k) : NULL;
    if (!f || (f->lock & (POP_PARAM_LOCK | POP_PAYLOAD)) || f->lock == UINT32_MAX) return false;
    IdSet at = {0};
    if (o->path.nsteps == 2) {
        pt_resolve_path(c->p, c->func, &o->path, &at);
    } else {
        /* a struct popped by value: the payload lives in the slot */
        const IrPath *slot = root.root == IR_ROOT_LOCAL ? record_popped_from(c->p, c->func, root.id) : NULL;
        if (!slot) return false;
        IrPath field = *slot;
        IrStep steps[64];
        if (slot->nsteps + 1 > 64) return false;
        memcpy(steps, slot->steps, slot->nsteps * sizeof(IrStep));
        steps[slot->nsteps] = o->path.steps[0];
        field.steps = steps;
        field.nsteps = slot->nsteps + 1;
        pt_resolve_path(c->p, c->func, &field, &at);
    }
    *set = model_intern_set(c->p, &at);
    idset_free(&at);
    return *set < POP_PAYLOAD && payload_distinct(c->p, c->func, o, *set);
}

static void pop_transfer(PopCtx *c, const IrEvent *ev, PopState *s, U64Map *out) {
    Program *p = c->p;
    const IdSet *held = held_before(c, ev);
    /* a pending pop whose lock is no longer held: a peek */
    if (held) {
        size_t k = 0;
        for (size_t i = 0; i < s->facts.len; i++)
            if (s->facts.data[i].stage != POP_PENDING || idset_has(held, s->facts.data[i].lock))
                s->facts.data[k++] = s->facts.data[i];
        s->facts.len = k;
    }
    if (out && (ev->kind == IR_EV_READ || ev->kind == IR_EV_WRITE) && ev->path.nsteps &&
        ev->path.steps[0].kind == IR_STEP_DEREF) {
        IrPath root = ev->path;
        root.nsteps = 0;
        int64_t k = ir_plain_key(&root);
        const PopFact *f = k >= 0 ? owned_fact(s, (uint32_t)k) : NULL;
        if (f && !(f->lock & POP_PARAM_LOCK)) u64map_put(out, pop_key(ev, -1), f->lock + 1ull);
    }
    if (ev->kind == IR_EV_ASSIGN) {
        int64_t d = ir_plain_key(&ev->path);
        const IrOperand *src = ev->src;
        if (d >= 0) {
            /* d := ... */
            int64_t from = plain_value(src);
            VEC(PopFact) add = {0};
            if (from >= 0)
                for (size_t i = 0; i < s->facts.len; i++)
                    if (s->facts.data[i].var == (uint32_t)from && s->facts.data[i].stage == POP_OWNED) {
                        PopFact f = s->facts.data[i];
                        f.var = (uint32_t)d;
                        vec_push(&add, f);
                    }
            drop_var(s, (uint32_t)d);
            /* a write to the root of a pending location: it names another one now */
            size_t k = 0;
            for (size_t i = 0; i < s->facts.len; i++) {
                const PopFact *f = &s->facts.data[i];
                bool moved = false;
                if (f->stage == POP_PENDING && f->from->root != IR_ROOT_GLOBAL) {
                    IrPath r = *f->from;
                    r.nsteps = 0;
                    moved = ir_plain_key(&r) == d;
                }
                if (!moved) s->facts.data[k++] = s->facts.data[i];
            }
            s->facts.len = k;
            for (size_t i = 0; i < add.len; i++) vec_push(&s->facts, add.data[i]);
            vec_free(&add);
            /* `it = NULL`: NULL here, as on a test's zero edge (a pop
             * function may start from it and pop on some paths) */
            if (src->kind == IR_OPD_CONST && src->value == 0) {
                PopFact nf = {(uint32_t)d, POP_NULL, 0, NULL};
                vec_push(&s->facts, nf);
            }
            if (src->kind == IR_OPD_VALUE && !src->offset && memory_path(&src->path) && held) {
                for (uint32_t i = 0; i < held->n; i++) {
                    const LockRef *l = &p->lock.refs.data[held->v[i]];
                    if (l->mode != LMODE_EXCL) continue;
                    PopFact f = {(uint32_t)d, POP_PENDING, held->v[i], &src->path};
                    vec_push(&s->facts, f);
                }
            }
        } else {
            /* a store into memory: the pop of a pending pointer, or a hand-on */
            pop_pending(c, ev, s, held, plain_value(src));
            size_t k = 0;
            for (size_t i = 0; i < s->facts.len; i++)
                if (!(s->facts.data[i].stage == POP_OWNED && hands_on(src, s->facts.data[i].var)))
                    s->facts.data[k++] = s->facts.data[i];
            s->facts.len = k;
            k = 0;
            for (size_t i = 0; i < s->facts.len; i++)
                if (!(s->facts.data[i].stage == POP_OWNED && s->facts.data[i].lock == UINT32_MAX))
                    s->facts.data[k++] = s->facts.data[i];
            s->facts.len = k;
        }
    } else if (ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW) && (ev->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN)) &&
               ir_plain_key(&ev->path) < 0) {
        /* a cursor stepped in place (`head++`, `head += 1`): no assignment */
        pop_pending(c, ev, s, held, -1);
        size_t k = 0;
        for (size_t i = 0; i < s->facts.len; i++)
            if (!(s->facts.data[i].stage == POP_OWNED && s->facts.data[i].lock == UINT32_MAX))
                s->facts.data[k++] = s->facts.data[i];
        s->facts.len = k;
    } else if (ev->kind == IR_EV_CALL && ev->call) {
        const CallInfo *ci = program_call(p, ev);
        /* an owned pointer handed to program code: that parameter may be
         * owned in the callee (own_find_pops' owned parameters); a popped
         * task's payload (`t->fn(t->arg)`) only when each task's is its own
         * element */
        for (uint32_t a = 0; out && ci && ci->kind != CALL_API && ci->kind != CALL_EXTERNAL && a < ev->call->nargs &&
                             a < POP_SEED_PARAMS;
             a++) {
            int64_t k = plain_value(&ev->call->args[a]);
            const PopFact *f = k >= 0 && !ev->call->args[a].offset ? owned_fact(s, (uint32_t)k) : NULL;
            uint32_t set;
            if (f && !(f->lock & POP_PARAM_LOCK)) u64map_put(&p->own.pop_args, pop_key(ev, (int)a), f->lock + 1ull);
            else if (payload_arg(c, s, &ev->call->args[a], &set))
                u64map_put(&p->own.pop_args, pop_key(ev, (int)a), (uint64_t)(POP_PAYLOAD | set) + 1);
        }
        /* a library call's effects through an owned pointer (free(j), memset(j, ..)),
         * or an address inside its object (`snprintf(b->data, ..)`) */
        for (uint32_t a = 0; out && a < ev->call->nargs && a < 63; a++) {
            const IrOperand *o = &ev->call->args[a];
            bool inside = o->kind == IR_OPD_ADDR && o->path.nsteps && o->path.steps[0].kind == IR_STEP_DEREF;
            for (uint32_t i = 1; inside && i < o->path.nsteps; i++) inside = o->path.steps[i].kind != IR_STEP_DEREF;
            int64_t k = inside ? ir_operand_pointer_key(o) : plain_value(o);
            const PopFact *f = k >= 0 ? owned_fact(s, (uint32_t)k) : NULL;
            if (f && !(f->lock & POP_PARAM_LOCK)) u64map_put(out, pop_key(ev, (int)a), f->lock + 1ull);
        }
        bool harmless = ci && ((ci->kind == CALL_API && ci->api->kind != API_SPAWN &&
                                ci->api->kind != API_POOL_SUBMIT && ci->api->kind != API_ONCE &&
                                ci->api->kind != API_CALLBACK_REGISTER) ||
                               ci->kind == CALL_EXTERNAL);
        size_t k = 0;
        for (size_t i = 0; i < s->facts.len; i++) {
            bool gone = false;
            for (uint32_t a = 0; a < ev->call->nargs && !harmless && !gone; a++)
                gone = s->facts.data[i].stage == POP_OWNED && hands_on(&ev->call->args[a], s->facts.data[i].var);
            if (!gone) s->facts.data[k++] = s->facts.data[i];
        }
        s->facts.len = k;
        if (ev->call->result >= 0) {
            uint32_t r = (uint32_t)ev->call->result * 2 + 1;
            drop_var(s, r);
            /* the result of a pop function (every target one, of one lock) */
            uint32_t node = 0;
            for (uint32_t t = 0; ci && ci->kind != CALL_API && t < ci->targets.n; t++) {
                uint32_t n = c->pops[ci->targets.v[t]];
                if (n && ((n - 1) & POP_PARAM_LOCK)) n = call_lock(p, c->func, ev, ci->targets.v[t], (n - 1) & ~POP_PARAM_LOCK);
                node = t == 0 || n == node ? n : 0;
                if (!node) break;
            }
            if (node) {
                PopFact f = {r, POP_OWNED, node - 1, NULL};
                vec_push(&s->facts, f);
            }
        }
    }
}

static bool fact_eq(const PopFact *a, const PopFact *b) {
    return a->var == b->var && a->stage == b->stage && a->lock == b->lock &&
           (a->stage != POP_PENDING || a->from == b->from || ir_path_equal(a->from, b->from));
}

static bool has_fact(const PopState *s, const PopFact *f) {
    for (size_t i = 0; i < s->facts.len; i++)
        if (fact_eq(&s->facts.data[i], f)) return true;
    return false;
}

static bool has_null(const PopState *s, uint32_t var) {
    for (size_t i = 0; i < s->facts.len; i++)
        if (s->facts.data[i].var == var && s->facts.data[i].stage == POP_NULL) return true;
    return false;
}

/* dst := dst meet src: the facts in both, and an owned pointer that is
 * NULL on the other side (`if (item) {pop} ... return item;`) stays owned.
 * True when dst changed. */
static bool pop_merge(PopState *dst, const PopState *src) {
    if (!src->reached) return false;
    if (!dst->reached) {
        dst->reached = true;
        dst->facts.len = 0;
        for (size_t i = 0; i < src->facts.len; i++) vec_push(&dst->facts, src->facts.data[i]);
        return true;
    }
    VEC(PopFact) out = {0};
    for (size_t i = 0; i < dst->facts.len; i++) {
        const PopFact *d = &dst->facts.data[i];
        if (has_fact(src, d) || (d->stage == POP_OWNED && has_null(src, d->var))) vec_push(&out, *d);
    }
    for (size_t i = 0; i < src->facts.len; i++) {
        const PopFact *x = &src->facts.data[i];
        if (x->stage == POP_OWNED && has_null(dst, x->var) && !has_fact(dst, x)) vec_push(&out, *x);
    }
    bool changed = out.len != dst->facts.len;
    for (size_t i = 0; i < out.len && !changed; i++) changed = !has_fact(dst, &out.data[i]);
    dst->facts.len = 0;
    for (size_t i = 0; i < out.len; i++) vec_push(&dst->facts, out.data[i]);
    vec_free(&out);
    return changed;
}

/* The state along edge s of block b: on the edge where a plain local or
 * temporary tested against 0 is 0, it is NULL. */
static void edge_state(const IrBlock *bb, uint32_t s, PopState *st) {
    const IrTerm *t = &bb->term;
    if (t->kind != IR_TERM_BRANCH || bb->nsucc != 2 || t->rhs != 0 || (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE))
        return;
    int64_t k = plain_value(&t->cond);
    if (k < 0 || t->cond.offset) return;
    bool zero_edge = (s == 0) == (t->cmp == IR_CMP_EQ);
    if (!zero_edge) return;
    drop_var(st, (uint32_t)k);
    PopFact f = {(uint32_t)k, POP_NULL, 0, NULL};
    vec_push(&st->facts, f);
}

/* Could f pop: does it take a lock itself (an exclusive lock call, or a
 * call of a helper that returns locked), load a pointer from memory into
 * a local and store into memory, or call a pop function? Only such
 * functions are analysed. */
static bool returns_pointer(const IrFunc *f) {
    return f->type && strstr(f->type, "*(") != NULL;
}

static bool may_pop(const Program *p, const IrFunc *f, const uint32_t *pops) {
    bool lock = false, load = false, store = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_CALL && ev->call && !lock) {
                const CallInfo *ci = program_call(p, ev);
                if (ci && ci->kind == CALL_API) lock = ci->api->kind == API_LOCK;
                for (uint32_t k = 0; ci && ci->kind != CALL_API && k < ci->targets.n && !lock; k++) {
                    if (pops[ci->targets.v[k]]) return true; /* the caller of a pop function */
                    lock = p->lock.summaries.data[ci->targets.v[k]].acq_locks.n > 0;
                }
            }
            /* a cursor stepped in place (`q->first++`) stores too */
            if (ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW) && (ev->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN)) &&
                ir_plain_key(&ev->path) < 0)
                store = true;
            if (ev->kind != IR_EV_ASSIGN) continue;
            if (ir_plain_key(&ev->path) >= 0) {
                if (ev->src->kind == IR_OPD_VALUE && memory_path(&ev->src->path)) load = true;
            } else {
                store = true;
            }
        }
    return lock && load && store;
}

/* Run the dataflow over func; with record, note the owned accesses in
 * Program.own.popped. Returns the lock node + 1 when func is a pop
 * function (see the file comment), else 0. */
static uint32_t analyse(Program *p, uint32_t func, uint32_t *pops, bool record, const uint32_t *seeds) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    bool seeded = false;
    for (uint32_t a = 0; seeds && a < POP_SEED_PARAMS; a++) seeded |= seeds[a] != 0;
    if (!f->nblocks || (!seeded && !may_pop(p, f, pops))) return 0;
    PopCtx c = {p, func, {0}, pops};
    u64map_init(&c.held_at);
    flow_run_own_locks(p, func, &c, pop_visit);
    PopState *in = xcalloc(f->nblocks, sizeof(PopState));
    PopState cur = {0};
    in[0].reached = true;
    /* owned parameters: every call passes an owned pointer (or the owned
     * object's payload) of one lock */
    for (uint32_t a = 0; seeds && a < POP_SEED_PARAMS && a < f->nparams; a++)
        if (seeds[a]) {
            PopFact fact = {2 * a, POP_OWNED, seeds[a] - 1, NULL};
            vec_push(&in[0].facts, fact);
        }
    bool changed = true;
    for (int round = 0; changed && round < MODEL_MAX_POP_ROUNDS; round++) {
        changed = false;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            if (!in[b].reached) continue;
            cur.reached = true;
            cur.facts.len = 0;
            for (size_t i = 0; i < in[b].facts.len; i++) vec_push(&cur.facts, in[b].facts.data[i]);
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) pop_transfer(&c, &f->blocks[b].events[e], &cur, NULL);
            for (uint32_t s = 0; s < f->blocks[b].nsucc; s++) {
                if (f->blocks[b].succ[s] >= f->nblocks) continue;
                PopState edge = {true, {0}};
                for (size_t i = 0; i < cur.facts.len; i++) vec_push(&edge.facts, cur.facts.data[i]);
                edge_state(&f->blocks[b], s, &edge);
                if (pop_merge(&in[f->blocks[b].succ[s]], &edge)) changed = true;
                vec_free(&edge.facts);
            }
        }
    }
    if (changed && record)
        diag_report(p->diags, DIAG_WARNING, f->loc.file, f->loc.line, f->loc.col,
                    "the pop analysis of %s did not settle in %d rounds; no access in it is taken to go through a "
                    "pointer popped off a queue", f->name, MODEL_MAX_POP_ROUNDS);
    /* with the fixpoint states (an unsettled function pops nothing): the
     * owned accesses, and whether every return gives NULL or an owned
     * pointer of one lock */
    uint32_t result = 0;
    bool pops_result = !changed, any = false;
    for (uint32_t b = 0; b < f->nblocks && !changed; b++) {
        if (!in[b].reached) continue;
        cur.reached = true;
        cur.facts.len = 0;
        for (size_t i = 0; i < in[b].facts.len; i++) vec_push(&cur.facts, in[b].facts.data[i]);
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++)
            pop_transfer(&c, &f->blocks[b].events[e], &cur, record ? &p->own.popped : NULL);
        const IrTerm *t = &f->blocks[b].term;
        if (t->kind != IR_TERM_RETURN) continue;
        if (t->ret.kind == IR_OPD_CONST && t->ret.value == 0) continue;
        int64_t k = plain_value(&t->ret);
        const PopFact *o = k >= 0 ? owned_fact(&cur, (uint32_t)k) : NULL;
        if (!o || (any && o->lock + 1 != result)) pops_result = false;
        else result = o->lock + 1, any = true;
    }
    vec_free(&cur.facts);
    for (uint32_t b = 0; b < f->nblocks; b++) vec_free(&in[b].facts);
    free(in);
    u64map_free(&c.held_at);
    return pops_result && any ? result : 0;
}

/* Per function and parameter k < POP_SEED_PARAMS (seeds[f * 8 + k]): the
 * lock node + 1 every call of f passes an owned pointer under in
 * parameter k (Program.own.pop_args), UINT32_MAX when some call passes
 * anything else or f is also started another way (a thread's routine, a
 * function a library call is handed, a root), 0 when no call passes one. */
static void seed_bad(uint32_t *seeds, uint32_t f) {
    for (uint32_t a = 0; a < POP_SEED_PARAMS; a++) seeds[(size_t)f * POP_SEED_PARAMS + a] = UINT32_MAX;
}

static void param_seeds(Program *p, uint32_t *seeds) {
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci) continue;
        if (ci->kind == CALL_API || ci->kind == CALL_EXTERNAL) {
            /* a function handed to a library (a thread's routine, a callback) */
            for (uint32_t a = 0; a < ev->call->nargs; a++) {
                IdSet fs = {0};
                pt_operand_funcs(p, (uint32_t)f, &ev->call->args[a], &fs);
                for (uint32_t i = 0; i < fs.n; i++) seed_bad(seeds, fs.v[i]);
                idset_free(&fs);
            }
            continue;
        }
        for (uint32_t t = 0; t < ci->targets.n; t++)
            for (uint32_t a = 0; a < POP_SEED_PARAMS; a++) {
                uint32_t *s = &seeds[(size_t)ci->targets.v[t] * POP_SEED_PARAMS + a];
                uint64_t v = 0;
                if (a < ev->call->nargs) u64map_get(&p->own.pop_args, pop_key(ev, (int)a), &v);
                if (!v || (*s && *s != (uint32_t)v)) *s = UINT32_MAX;
                else if (*s != UINT32_MAX) *s = (uint32_t)v;
            }
    }
    /* (threads are not built yet: their routines are the spawn calls'
     * function arguments above) */
    for (size_t f = 0; f < p->link.funcs.len; f++)
        if (p->library && model_library_root(p, (uint32_t)f)) seed_bad(seeds, (uint32_t)f);
}

void own_find_pops(Program *p) {
    size_t nf = p->link.funcs.len;
    uint32_t *pops = xcalloc(nf ? nf : 1, sizeof(uint32_t));
    /* pop functions first (a pop function may call another), then the
     * accesses with every pop function known */
    bool changed = true;
    for (int round = 0; changed && round < MODEL_MAX_POP_FUNCTION_ROUNDS; round++) {
        changed = false;
        for (size_t f = 0; f < nf; f++) {
            if (!p->link.funcs.data[f].reachable || pops[f]) continue;
            uint32_t r = returns_pointer(p->link.funcs.data[f].ir) ? analyse(p, (uint32_t)f, pops, false, NULL) : 0;
            if (r) pops[f] = r, changed = true;
        }
    }
    if (changed)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "pop functions calling pop functions more than %d deep were not looked for; their callers do "
                    "not own what they return", MODEL_MAX_POP_FUNCTION_ROUNDS);
    for (size_t f = 0; f < nf; f++)
        if (p->link.funcs.data[f].reachable) analyse(p, (uint32_t)f, pops, true, NULL);
    /* owned parameters, passed on up to a few calls deep */
    uint32_t *seeds = xcalloc((nf ? nf : 1) * POP_SEED_PARAMS, sizeof(uint32_t));
    for (int round = 0; round < MODEL_MAX_POP_FUNCTION_ROUNDS; round++) {
        uint32_t *next = xcalloc((nf ? nf : 1) * POP_SEED_PARAMS, sizeof(uint32_t));
        param_seeds(p, next);
        bool any = false;
        for (size_t f = 0; f < nf; f++) {
            uint32_t *s = next + f * POP_SEED_PARAMS, *old = seeds + f * POP_SEED_PARAMS;
            bool now = false, changed = false;
            for (uint32_t a = 0; a < POP_SEED_PARAMS; a++) {
                if (s[a] == UINT32_MAX) s[a] = 0; /* a call that passes something else */
                now |= s[a] != 0;
                changed |= s[a] != old[a];
            }
            if (now && changed && p->link.funcs.data[f].reachable) {
                analyse(p, (uint32_t)f, pops, true, s);
                any = true;
            }
        }
        free(seeds);
        seeds = next;
        if (!any) break;
    }
    free(seeds);
    free(pops);
}

uint32_t own_popped_lock(const Program *p, const IrEvent *ev, int arg) {
    uint64_t v;
    return arg < 63 && u64map_get(&p->own.popped, pop_key(ev, arg), &v) ? (uint32_t)v : 0;
}
