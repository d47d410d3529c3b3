/*
 * ctxparams.c - what a parameter points to in one thread: the values the
 * calls this thread makes pass in.
 *
 * Points-to is context-insensitive: a helper called by a parse worker with
 * its own `DiagSink mine` and by main with the program's `diags` has one
 * parameter pointing to both, so the worker's `memset(s, 0, sizeof *s)`
 * seems to write main's sink too. Within one thread the parameter can only
 * hold what the calls reaching the function in that thread pass: the
 * per-thread pass knows which functions the thread runs, so the union of
 * the arguments at their call sites that target the function is a sound
 * bound there (intersected with the context-insensitive answer, it never
 * adds a location).
 *
 * A parameter is narrowed when
 *   - it is never written and its address is never taken
 *     (model_param_unchanged), and the access goes through it (`s->x`,
 *     `*s`), or through a local assigned once from it (`PoolArg *a = p`);
 *   - every way the function is entered in the thread is a call of the
 *     program with the usual argument mapping (a direct call, or a call
 *     through a pointer): not a thread routine (its start value is
 *     instances.c's), not a callback an API or external function calls
 *     (qsort's comparator, pthread_once's routine), and every such call
 *     passes the parameter (a call with fewer arguments leaves it unknown).
 * An argument that is itself an unchanged parameter of the caller, or an
 * address or a value reached through one (`&in->map`, `in->buf`), is
 * narrowed the same way, recursively (a cycle of such calls falls back to
 * the context-insensitive set). The start parameter of the thread's
 * routine - entered only as the routine: no program function calls it, no
 * API calls it back - holds the spawn's argument (`teller(&j1)`: j->from
 * is j1.from), so `transfer(j->from, ..)` narrows transfer's from to what
 * this thread's job names; a routine the program also calls (a fork/join's
 * `sum(&right)` beside `create(.., sum, &left)`) holds the spawn's argument
 * or what those calls pass. A spawn's routine is not entered in the thread
 * that spawns it (the child runs it).
 *
 * Within one calling context of the recording pass (threads.c: the calls
 * that reach the function with one set of children running) the bound is
 * the arguments of the calls that entered that context, each narrowed in
 * its caller's context: main's `strmap_init(&s->published)` after it
 * started the server's worker is not main's `strmap_init(&prog.funcs)` of
 * a command-line run, though both run in main. A context entered
 * otherwise (the thread's routine, a callback, a once routine) keeps the
 * thread's bound.
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

typedef struct EntrySite {
    uint32_t callee, caller;
    const IrEvent *ev;
} EntrySite;

enum { PARAM_UNSET, PARAM_BUSY, PARAM_WIDE, PARAM_NARROW };

typedef struct ParamFact {
    uint8_t state;
    IdSet pts; /* PARAM_NARROW: the nodes the parameter may point to in this thread */
} ParamFact;

struct ThreadParams {
    Program *p;
    uint32_t thread;
    VEC(TparamsEdge) edges; /* sorted by callee context, no repeats */
    U64Map ctx_first;     /* callee context -> index of its first edge + 1 */
    U64Map cfacts;        /* ctx << 32 | k -> index into fvec (the parameters' facts in a context) */
    uint32_t ctx;         /* the context the recording runs, TPARAMS_NO_CONTEXT: none */
    VEC(EntrySite) sites; /* sorted by callee */
    U64Map first;         /* callee -> index of its first site + 1 */
    U64Map other;         /* functions entered otherwise (a routine, a callback) */
    U64Map callbacks;     /* ... those an API or external function calls (a callback) */
    U64Map facts;         /* func << 32 | k -> index into fvec */
    U64Map locals;        /* func << 32 | local -> param_of_local's answer (see local_param) */
    VEC(ParamFact) fvec;
    U64Map ev_nodes;      /* READ/WRITE event -> index into nodes (tparams_nodes) */
    VEC(IdSet) nodes;
};

static int cmp_site(const void *a, const void *b) {
    const EntrySite *x = a, *y = b;
    if (x->callee != y->callee) return x->callee < y->callee ? -1 : 1;
    if (x->caller != y->caller) return x->caller < y->caller ? -1 : 1;
    return x->ev < y->ev ? -1 : x->ev > y->ev;
}

static int cmp_edge(const void *a, const void *b) {
    const TparamsEdge *x = a, *y = b;
    if (x->callee_ctx != y->callee_ctx) return x->callee_ctx < y->callee_ctx ? -1 : 1;
    if (x->caller_ctx != y->caller_ctx) return x->caller_ctx < y->caller_ctx ? -1 : 1;
    if (x->ev != y->ev) return (uintptr_t)x->ev < (uintptr_t)y->ev ? -1 : 1;
    return x->plain != y->plain ? (x->plain ? 1 : -1) : 0;
}

ThreadParams *tparams_new(Program *p, uint32_t thread, const uint32_t *funcs, size_t nfuncs) {
    ThreadParams *tp = xcalloc(1, sizeof *tp);
    tp->p = p;
    tp->thread = thread;
    tp->ctx = TPARAMS_NO_CONTEXT;
    u64map_init(&tp->callbacks);
    u64map_init(&tp->ctx_first);
    u64map_init(&tp->cfacts);
    u64map_init(&tp->first);
    u64map_init(&tp->other);
    u64map_init(&tp->facts);
    u64map_init(&tp->locals);
    u64map_init(&tp->ev_nodes);
    const Thread *t = &p->tm.threads.data[thread];
    for (uint32_t i = 0; i < t->routines.n; i++) u64map_put(&tp->other, t->routines.v[i], 1);
    for (size_t i = 0; i < nfuncs; i++) {
        const IrFunc *f = p->link.funcs.data[funcs[i]].ir;
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || !ci->targets.n) continue;
                /* a spawn's routine runs in the child, not in this thread */
                if (ci->kind == CALL_API && ci->api->kind == API_SPAWN) continue;
                bool plain = ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT;
                for (uint32_t k = 0; k < ci->targets.n; k++) {
                    if (plain) {
                        EntrySite s = {ci->targets.v[k], funcs[i], ev};
                        vec_push(&tp->sites, s);
                    } else {
                        u64map_put(&tp->other, ci->targets.v[k], 1);
                        u64map_put(&tp->callbacks, ci->targets.v[k], 1);
                    }
                }
            }
    }
    if (tp->sites.len) qsort(tp->sites.data, tp->sites.len, sizeof(EntrySite), cmp_site);
    for (size_t i = tp->sites.len; i-- > 0;) u64map_put(&tp->first, tp->sites.data[i].callee, i + 1);
    return tp;
}

void tparams_contexts(ThreadParams *tp, const TparamsEdge *edges, size_t n) {
    vec_free(&tp->edges);
    for (size_t i = 0; i < n; i++) vec_push(&tp->edges, edges[i]);
    if (n) qsort(tp->edges.data, n, sizeof(TparamsEdge), cmp_edge);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || cmp_edge(&tp->edges.data[u - 1], &tp->edges.data[i])) tp->edges.data[u++] = tp->edges.data[i];
    tp->edges.len = u;
    for (size_t i = u; i-- > 0;) u64map_put(&tp->ctx_first, tp->edges.data[i].callee_ctx, i + 1);
}

void tparams_enter(ThreadParams *tp, uint32_t ctx) {
    if (tp) tp->ctx = ctx;
}

void tparams_free(ThreadParams *tp) {
    if (!tp) return;
    vec_free(&tp->edges);
    u64map_free(&tp->ctx_first);
    u64map_free(&tp->cfacts);
    for (size_t i = 0; i < tp->fvec.len; i++) idset_free(&tp->fvec.data[i].pts);
    vec_free(&tp->fvec);
    for (size_t i = 0; i < tp->nodes.len; i++) idset_free(&tp->nodes.data[i]);
    vec_free(&tp->nodes);
    u64map_free(&tp->ev_nodes);
    vec_free(&tp->sites);
    u64map_free(&tp->first);
    u64map_free(&tp->other);
    u64map_free(&tp->callbacks);
    u64map_free(&tp->facts);
    u64map_free(&tp->locals);
    free(tp);
}

static const IdSet *param_pts(ThreadParams *tp, uint32_t func, uint32_t k);
static const IdSet *param_pts_in(ThreadParams *tp, uint32_t func, uint32_t ctx, uint32_t k);
static int64_t local_param(ThreadParams *tp, uint32_t func, uint32_t v, bool *arith);

/* What argument op of a call in caller (in the caller's context ctx, or
 * TPARAMS_NO_CONTEXT) may point to in this thread: narrowed when op is an
 * unchanged parameter of the caller, or an address or a value reached
 * through one. */
static void arg_targets(ThreadParams *tp, uint32_t caller, uint32_t ctx, const IrOperand *op, IdSet *out) {
    Program *p = tp->p;
    bool arith;
    int64_t k = (op->kind == IR_OPD_VALUE || op->kind == IR_OPD_ADDR) && op->path.root == IR_ROOT_LOCAL &&
                        (op->path.nsteps ? op->path.steps[0].kind == IR_STEP_DEREF : op->kind == IR_OPD_VALUE)
                    ? local_param(tp, caller, op->path.id, &arith)
                    : -1;
    const IdSet *n = k < 0 || arith ? NULL : param_pts_in(tp, caller, ctx, (uint32_t)k);
    if (!n) {
        pt_operand_targets(p, caller, op, out);
        return;
    }
    if (!op->path.nsteps) {
        idset_union(out, n);
        return;
    }
    IdSet locs = {0};
    pt_resolve_steps(p, n, op->path.steps + 1, op->path.nsteps - 1, &locs);
    if (op->kind == IR_OPD_ADDR)
        idset_union(out, &locs);
    else /* the solved sets: pointers stored there */
        for (uint32_t i = 0; i < locs.n; i++) idset_union(out, &p->pt.nodes.data[locs.v[i]].pts);
    idset_free(&locs);
}

/* The context-insensitive targets of parameter k of func: never more than
 * them. */
static void param_all(Program *p, uint32_t func, uint32_t k, IdSet *all) {
    IrOperand self;
    memset(&self, 0, sizeof self);
    self.kind = IR_OPD_VALUE;
    self.path.root = IR_ROOT_LOCAL;
    self.path.id = k;
    pt_operand_targets(p, func, &self, all);
}

/* Add to acc what argument op of a call in caller (in its context ctx)
 * may point to among all; true when acc is all (nothing can be dropped:
 * as wide here as anywhere). */
static bool narrow_add(ThreadParams *tp, uint32_t caller, uint32_t ctx, const IrOperand *op, const IdSet *all,
                       IdSet *acc, IdSet *arg) {
    arg->n = 0;
    arg_targets(tp, caller, ctx, op, arg);
    for (uint32_t j = 0; j < arg->n; j++)
        if (idset_has(all, arg->v[j])) idset_add(acc, arg->v[j]);
    return acc->n == all->n;
}

/* Settle fact idx: narrowed to acc, or wide. */
static const IdSet *param_settle(ThreadParams *tp, size_t idx, bool narrow, IdSet *acc) {
    ParamFact *f = &tp->fvec.data[idx]; /* the vector may have grown */
    if (narrow) {
        f->state = PARAM_NARROW;
        f->pts = *acc;
        return &f->pts;
    }
    f->state = PARAM_WIDE;
    idset_free(acc);
    return NULL;
}

/* param_pts in context ctx of func (TPARAMS_NO_CONTEXT: the thread's). */
static const IdSet *param_pts_in(ThreadParams *tp, uint32_t func, uint32_t ctx, uint32_t k) {
    if (ctx == TPARAMS_NO_CONTEXT) return param_pts(tp, func, k);
    uint64_t key = (uint64_t)ctx << 32 | k, v, first;
    if (u64map_get(&tp->cfacts, key, &v)) {
        const ParamFact *f = &tp->fvec.data[v];
        return f->state == PARAM_NARROW ? &f->pts : param_pts(tp, func, k);
    }
    size_t idx = tp->fvec.len;
    ParamFact nf = {PARAM_BUSY, {0}};
    vec_push(&tp->fvec, nf);
    u64map_put(&tp->cfacts, key, idx);
    const IdSet *thr = param_pts(tp, func, k);
    bool narrow = u64map_get(&tp->ctx_first, ctx, &first);
    IdSet all = {0}, acc = {0}, arg = {0};
    if (narrow) {
        if (thr) idset_copy(&all, thr);
        else param_all(tp->p, func, k, &all);
    }
    for (size_t i = narrow ? first - 1 : tp->edges.len; i < tp->edges.len && tp->edges.data[i].callee_ctx == ctx;
         i++) {
        const TparamsEdge *e = &tp->edges.data[i];
        if (!e->plain || !e->ev || !e->ev->call || k >= e->ev->call->nargs) {
            narrow = false; /* entered otherwise: the thread's bound */
            break;
        }
        if (narrow_add(tp, e->caller, e->caller_ctx, &e->ev->call->args[k], &all, &acc, &arg)) {
            narrow = false;
            break;
        }
    }
    idset_free(&all);
    idset_free(&arg);
    const IdSet *n = param_settle(tp, idx, narrow, &acc);
    return n ? n : param_pts(tp, func, k);
}

/* Is parameter k of func the start parameter of this thread's routine,
 * entered only as the routine (no program function calls it, no API calls
 * it back) and never written? */
static bool start_param(const ThreadParams *tp, uint32_t func, uint32_t k) {
    const Program *p = tp->p;
    const Thread *t = &p->tm.threads.data[tp->thread];
    return t->start_arg && t->arg_param >= 0 && (uint32_t)t->arg_param == k && idset_has(&t->routines, func) &&
           t->routines.n == 1 && !p->pt.funcs.data[func].callers.n && !u64map_get(&tp->callbacks, func, NULL) &&
           (t->start_arg->kind != IR_OPD_CONST || t->start_arg->value == 0) &&
           model_param_unchanged(p, func, k);
}

/* Is parameter k of func the start parameter of this thread's routine,
 * which the program also calls itself (a recursive fork/join: `sum(&right)`
 * beside `create(.., sum, &left)`), never written? Then it holds the
 * spawn's argument or what those calls pass. */
static bool start_and_called_param(const ThreadParams *tp, uint32_t func, uint32_t k) {
    const Program *p = tp->p;
    const Thread *t = &p->tm.threads.data[tp->thread];
    return t->start_arg && t->arg_param >= 0 && (uint32_t)t->arg_param == k && idset_has(&t->routines, func) &&
           t->routines.n == 1 && p->pt.funcs.data[func].callers.n && !u64map_get(&tp->callbacks, func, NULL) &&
           (t->start_arg->kind != IR_OPD_CONST || t->start_arg->value == 0) && model_param_unchanged(p, func, k);
}

/* The nodes parameter k of func may point to in this thread, NULL when not
 * narrowed (see the file comment). */
static const IdSet *param_pts(ThreadParams *tp, uint32_t func, uint32_t k) {
    Program *p = tp->p;
    uint64_t key = (uint64_t)func << 32 | k, v;
    if (u64map_get(&tp->facts, key, &v)) {
        const ParamFact *f = &tp->fvec.data[v];
        return f->state == PARAM_NARROW ? &f->pts : NULL;
    }
    size_t idx = tp->fvec.len;
    ParamFact nf = {PARAM_BUSY, {0}};
    vec_push(&tp->fvec, nf);
    u64map_put(&tp->facts, key, idx);
    IdSet all = {0}, acc = {0}, arg = {0};
    if (start_param(tp, func, k)) {
        /* the thread's routine, entered only at the thread's start: its
         * start parameter holds the spawn's argument (`j->from` in a
         * teller started with &j1 is j1.from) */
        const Thread *t = &p->tm.threads.data[tp->thread];
        param_all(p, func, k, &all);
        if (t->start_arg->kind != IR_OPD_CONST) pt_operand_targets(p, t->spawn_func, t->start_arg, &arg);
        for (uint32_t j = 0; j < arg.n; j++)
            if (idset_has(&all, arg.v[j])) idset_add(&acc, arg.v[j]);
        bool narrow = acc.n < all.n;
        idset_free(&all);
        idset_free(&arg);
        return param_settle(tp, idx, narrow, &acc);
    }
    uint64_t first;
    bool both = start_and_called_param(tp, func, k);
    bool narrow = (both || !u64map_get(&tp->other, func, NULL)) && u64map_get(&tp->first, func, &first);
    if (narrow) param_all(p, func, k, &all);
    if (narrow && both) {
        /* entered as the routine too: the spawn's argument */
        const Thread *t = &p->tm.threads.data[tp->thread];
        if (t->start_arg->kind != IR_OPD_CONST) pt_operand_targets(p, t->spawn_func, t->start_arg, &arg);
        for (uint32_t j = 0; j < arg.n; j++)
            if (idset_has(&all, arg.v[j])) idset_add(&acc, arg.v[j]);
        narrow = acc.n < all.n;
    }
    for (size_t i = narrow ? first - 1 : tp->sites.len; i < tp->sites.len && tp->sites.data[i].callee == func; i++) {
        const EntrySite *s = &tp->sites.data[i];
        if (k >= s->ev->call->nargs) {
            narrow = false;
            break;
        }
        if (narrow_add(tp, s->caller, TPARAMS_NO_CONTEXT, &s->ev->call->args[k], &all, &acc, &arg)) {
            narrow = false;
            break;
        }
    }
    idset_free(&all);
    idset_free(&arg);
    return param_settle(tp, idx, narrow, &acc);
}

/* Is ev's source the bare unchanged parameter, or the bare local v
 * itself, with or without pointer arithmetic? Its parameter in *param
 * (-1 for v itself); *arith when arithmetic is applied. */
static bool param_or_self_source(const Program *p, uint32_t func, uint32_t v, const IrEvent *ev, int64_t *param,
                                 bool *arith) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (!ev->src || ev->src->kind != IR_OPD_VALUE || ev->src->path.root != IR_ROOT_LOCAL || ev->src->path.nsteps)
        return false;
    uint32_t s = ev->src->path.id;
    *arith = ev->src->offset;
    if (s == v) {
        *param = -1;
        return true;
    }
    if (s >= f->nparams || !model_param_unchanged(p, func, s)) return false;
    *param = s;
    return true;
}

/* The unchanged parameter local v of func holds: v itself, or the one it
 * is assigned once from (`PoolArg *a = p;`), also when it then walks
 * through the object by pointer arithmetic only (`next = buf; ... next +=
 * r;`, `next = next + 1`, `next++`, or the parameter itself: `*p++ = c`):
 * it stays in the objects the parameter points into (*arith: not at the
 * element the parameter names; C does not let arithmetic leave an
 * object). -1 when none. */
static int64_t param_of_local(const Program *p, uint32_t func, uint32_t v, bool *arith) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    *arith = false;
    if (v < f->nparams && model_param_unchanged(p, func, v)) return v;
    if (v >= f->nlocals || (f->locals[v].flags & IR_LOCAL_ADDR_TAKEN)) return -1;
    const IrVarDefs *d = ir_defuse_local(model_defuse((Program *)p, f), v);
    if (!d || !d->nwrites) return -1;
    if (v >= f->nparams && d->nwrites == 1 && d->has_assign) {
        int64_t k;
        bool a;
        const IrEvent *ev = ir_event_at(f, d->assign);
        return param_or_self_source(p, func, v, ev, &k, &a) && k >= 0 && !a ? k : -1;
    }
    /* every store is the one from the parameter or a step of v itself: a
     * read-modify-write (`+=`, `++`) or an assignment from v (a parameter
     * stepped so, `*p++ = c`, is its own source) */
    int64_t found = v < f->nparams ? (int64_t)v : -1;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->path.root != IR_ROOT_LOCAL || ev->path.id != v || ev->path.nsteps) continue;
            if (ev->kind == IR_EV_WRITE) {
                if (!(ev->flags & IR_EV_RMW) && !(e + 1 < f->blocks[b].nevents &&
                                                  f->blocks[b].events[e + 1].kind == IR_EV_ASSIGN &&
                                                  f->blocks[b].events[e + 1].path.root == IR_ROOT_LOCAL &&
                                                  f->blocks[b].events[e + 1].path.id == v &&
                                                  !f->blocks[b].events[e + 1].path.nsteps))
                    return -1; /* a store whose value is not said */
                if (ev->flags & IR_EV_RMW) *arith = true;
            } else if (ev->kind == IR_EV_ASSIGN) {
                int64_t k;
                bool a;
                if (!param_or_self_source(p, func, v, ev, &k, &a)) return -1;
                if (k >= 0) {
                    if (found >= 0 && found != k) return -1;
                    if (v < f->nparams) return -1; /* a parameter given another's value */
                    found = k;
                }
                *arith |= a || k < 0;
            } else if (ev->kind == IR_EV_CALL) {
                return -1; /* a call result */
            }
        }
    return found;
}

/* param_of_local, once per local and thread. */
static int64_t local_param(ThreadParams *tp, uint32_t func, uint32_t v, bool *arith) {
    uint64_t key = (uint64_t)func << 32 | v, val;
    if (!u64map_get(&tp->locals, key, &val)) {
        int64_t k = param_of_local(tp->p, func, v, arith);
        val = (uint64_t)(k + 1) | (*arith ? 1ull << 63 : 0);
        u64map_put(&tp->locals, key, val);
    }
    *arith = (val >> 63) != 0;
    return (int64_t)(val & ~(1ull << 63)) - 1;
}

static bool filter_in(ThreadParams *tp, uint32_t func, uint32_t ctx, const IrPath *path, IdSet *nodes) {
    if (!tp || path->root != IR_ROOT_LOCAL || !path->nsteps || path->steps[0].kind != IR_STEP_DEREF) return false;
    bool arith;
    int64_t k = local_param(tp, func, path->id, &arith);
    if (k < 0) return false;
    /* past arithmetic only the object is known: not what a pointer in it points to */
    for (uint32_t i = 1; arith && i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_DEREF) return false;
    const IdSet *base = param_pts_in(tp, func, ctx, (uint32_t)k);
    if (!base) return false;
    IdSet out = {0}, kept = {0};
    if (arith) {
        /* somewhere in the objects the parameter points into */
        for (uint32_t i = 0; i < base->n; i++) idset_add(&out, tp->p->pt.nodes.data[base->v[i]].obj);
        for (uint32_t i = 0; i < nodes->n; i++)
            if (idset_has(&out, tp->p->pt.nodes.data[nodes->v[i]].obj)) idset_add(&kept, nodes->v[i]);
    } else {
        pt_resolve_steps(tp->p, base, path->steps + 1, path->nsteps - 1, &out);
        for (uint32_t i = 0; i < nodes->n; i++)
            if (idset_has(&out, nodes->v[i])) idset_add(&kept, nodes->v[i]);
    }
    bool changed = kept.n != nodes->n;
    idset_free(nodes);
    *nodes = kept;
    idset_free(&out);
    return changed;
}

bool tparams_filter(ThreadParams *tp, uint32_t func, const IrPath *path, IdSet *nodes) {
    return filter_in(tp, func, tp ? tp->ctx : TPARAMS_NO_CONTEXT, path, nodes);
}

bool tparams_filter_thread(ThreadParams *tp, uint32_t func, const IrPath *path, IdSet *nodes) {
    return filter_in(tp, func, TPARAMS_NO_CONTEXT, path, nodes);
}

const IdSet *tparams_nodes(ThreadParams *tp, const IrEvent *ev) {
    uint64_t v;
    return tp && u64map_get(&tp->ev_nodes, (uint64_t)(uintptr_t)ev, &v) ? &tp->nodes.data[v] : NULL;
}

void tparams_keep_nodes(ThreadParams *tp, const IrEvent *ev, const IdSet *nodes) {
    if (!tp) return;
    IdSet c = {0};
    idset_copy(&c, nodes);
    vec_push(&tp->nodes, c);
    u64map_put(&tp->ev_nodes, (uint64_t)(uintptr_t)ev, tp->nodes.len - 1);
}
