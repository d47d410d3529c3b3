/*
 * claims.c - indices claimed from an atomic counter. A thread that takes
 * its next item with
 *
 *     size_t i = atomic_fetch_add(&next, 1);    (or __sync_fetch_and_add, add-fetch)
 *     ... out[i] = f(in[i]) ...
 *
 * gets a value no other claim from that counter gets, so two accesses that
 * index the same array with claims from one counter touch different
 * elements, or are the same claim in the same thread, in program order:
 * they never race (mhp.c, rule "claimed-index").
 *
 * A counter qualifies (stage sync-init, claims_detect) when every atomic
 * operation that may touch it adds a positive constant (fetch-add or
 * add-fetch, API model op `fetch-add`) or loads it: a store, an exchange or
 * a compare-exchange could hand a value out twice. A plain write to it
 * while threads claim is itself reported as a race on the counter.
 * A claim is a local assigned only from the result of such an operation
 * (or a temporary holding that result) whose object is exactly that
 * counter, used unchanged as an index; or the result of a call whose every
 * reachable return returns a claim of one counter (returned_claim); or a parameter every call reaching
 * the function in the thread passes a claim of the counter in (FlowState
 * claim_params: the pool worker's `sh->job(ctx, worker, i)` hands its claim
 * to the job). `out[i + 1]` or `out[i / 2]` are not claims.
 *
 * A permutation array maps claims to claims (claims_perms_detect): an
 * array whose every write is the identity initialisation
 *
 *     for (i = 0; i < n; i++) order[i] = i;
 *
 * (the store unconditional in the loop's body, the counter starting at 0,
 * a bound n or a constant no smaller than the declared length) and that is
 * otherwise only read, freed or reordered by a call whose effects model
 * says it permutes (qsort, qsort_r: key "permutes") holds distinct values
 * in distinct elements, so `li = order[i]` with i a claim is a claim too:
 * of its own source, the pair (counter, array), an id counted down from
 * UINT32_MAX - 1 (p->sync.claim_perm_ids). The element must be read
 * straight from the array (`order[i]`, `lj->order[i]`; not `rows[r][i]`,
 * a row of several) into a local or a temporary (the lowering names a
 * nested index `a[order[i]]` by one). Permutation arrays one expression
 * reads through contexts that each hold one of them are taken as one
 * (perm_array_of). Claims compare in one dimension of the array
 * (claim_step: `a[i]` and `s->f` with `s = &a[i]` alike). ASSUMPTION: the loop's
 * counter steps by one and its bound is the array's length where the
 * declaration does not give it (a heap array: `malloc(n * sizeof *order)`),
 * as in joins.c; the identity store writes from the array's start (not
 * through `q = order + 5`); an abstract array is one array (an allocation site run
 * several times gives permutations each, taken as one - as a counter's
 * node is one counter).
 */
#include "flow.h"

#include "../ir/cfg.h"

#include <string.h>

/* The counter node an atomic fetch-add call adds a positive constant to,
 * or UINT32_MAX. */
static uint32_t fetch_add_counter(Program *p, uint32_t func, const IrEvent *ev, bool *positive) {
    *positive = false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) return UINT32_MAX;
    const ApiModel *m = ci->api;
    if (m->object < 0 || (uint32_t)m->object >= ev->call->nargs) return UINT32_MAX;
    IdSet t = {0};
    pt_operand_targets(p, func, &ev->call->args[m->object], &t);
    uint32_t node = t.n == 1 ? t.v[0] : UINT32_MAX;
    idset_free(&t);
    if (m->atomic_op == ATOMIC_OP_FETCH_ADD && m->value >= 0 && (uint32_t)m->value < ev->call->nargs &&
        ev->call->args[m->value].kind == IR_OPD_CONST && ev->call->args[m->value].value > 0)
        *positive = true;
    return node;
}

/* The WRITE of the read-modify-write whose value the IR_EV_STEPPED ASSIGN
 * at events[e] of block b stores (just before it, past the destination's
 * own WRITE), or NULL. */
static const IrEvent *stepped_write(const IrFunc *f, uint32_t b, uint32_t e) {
    const IrEvent *ev = &f->blocks[b].events[e];
    if (ev->kind != IR_EV_ASSIGN || !(ev->flags & IR_EV_STEPPED)) return NULL;
    if (e && f->blocks[b].events[e - 1].kind == IR_EV_WRITE && ir_path_equal(&f->blocks[b].events[e - 1].path, &ev->path))
        e--;
    const IrEvent *w = e ? &f->blocks[b].events[e - 1] : NULL;
    return w && w->kind == IR_EV_WRITE && (w->flags & IR_EV_RMW) && (w->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN)) &&
                   !(w->flags & IR_EV_ATOMIC)
               ? w
               : NULL;
}

/* A plain store that steps a word by a positive constant from its own
 * value, read in the same block into a local or a temporary (`next = s +
 * 1` after `s = next`; `cnt = cnt + 1`), with only reads between that read
 * and the store: IR_EV_STEP_UP or IR_EV_STEP_DOWN for the WRITE at (b, e),
 * 0 otherwise. Nothing between them can release a lock, so the two are
 * one step as `next++` is. */
static unsigned split_step(const IrFunc *f, uint32_t b, uint32_t e) {
    const IrBlock *bb = &f->blocks[b];
    const IrEvent *w = &bb->events[e];
    if (w->kind != IR_EV_WRITE || (w->flags & (IR_EV_RMW | IR_EV_ATOMIC)) || e + 1 >= bb->nevents) return 0;
    const IrEvent *as = &bb->events[e + 1];
    if (as->kind != IR_EV_ASSIGN || !as->src || !ir_path_equal(&as->path, &w->path) || ir_operand_narith(as->src) != 3)
        return 0;
    const IrArith *a = as->src->arith;
    if ((a[0].kind != IR_ARITH_LOCAL && a[0].kind != IR_ARITH_TEMP) || a[1].kind != IR_ARITH_CONST || a[1].value <= 0 ||
        (a[2].kind != IR_ARITH_ADD && a[2].kind != IR_ARITH_SUB))
        return 0;
    uint8_t root = a[0].kind == IR_ARITH_LOCAL ? IR_ROOT_LOCAL : IR_ROOT_TEMP;
    for (uint32_t x = e; x-- > 0;) {
        const IrEvent *ev = &bb->events[x];
        if (ev->kind == IR_EV_READ) continue;
        if (ev->kind != IR_EV_ASSIGN || ev->path.root != root || ev->path.id != a[0].local || ev->path.nsteps) return 0;
        if (!ev->src || ev->src->kind != IR_OPD_VALUE || ev->src->offset || !ir_path_equal(&ev->src->path, &w->path))
            return 0;
        return a[2].kind == IR_ARITH_ADD ? IR_EV_STEP_UP : IR_EV_STEP_DOWN;
    }
    return 0;
}

/* A value read into a local before the word it was read from is stepped
 * (`s = next; next++;`, `s = next; next = s + 1;`) in the same block with
 * only reads and temporaries between: the stepping WRITE, or NULL. The
 * local then holds the value the step took, as `s = next++` does. */
static const IrEvent *read_then_step(const IrFunc *f, uint32_t b, uint32_t e) {
    const IrBlock *bb = &f->blocks[b];
    const IrEvent *as = &bb->events[e];
    if (as->kind != IR_EV_ASSIGN || as->path.nsteps || as->path.root != IR_ROOT_LOCAL || !as->src ||
        as->src->kind != IR_OPD_VALUE || as->src->offset || as->src->path.root == IR_ROOT_TEMP)
        return NULL;
    for (uint32_t x = e + 1; x < bb->nevents; x++) {
        const IrEvent *ev = &bb->events[x];
        if (ev->kind == IR_EV_READ) continue;
        if ((ev->kind == IR_EV_WRITE || ev->kind == IR_EV_ASSIGN) && !ev->path.nsteps && ev->path.root == IR_ROOT_TEMP)
            continue;
        if (ev->kind != IR_EV_WRITE || !ir_path_equal(&ev->path, &as->src->path)) return NULL;
        bool stepped = (ev->flags & IR_EV_RMW) && (ev->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN)) &&
                       !(ev->flags & IR_EV_ATOMIC);
        return stepped || split_step(f, b, x) ? ev : NULL;
    }
    return NULL;
}

/* Stepped counters: an integer whose value a thread takes while stepping
 * it (`i = next++`, `i = --left`, under a lock) and that the program only
 * ever steps one way by positive constants - every write to it is such a
 * step up, or every one a step down - hands out a value no other step
 * gives: a claim, as a fetch-add's. A write to it without the lock is a
 * race on the counter itself, reported as such; any other write (a reset,
 * an atomic operation) disqualifies it. PRECISION: so does setting it
 * before the threads start (`next = 0;` in main; a global's static
 * initialiser does not count). */
static void stepped_counters_detect(Program *p) {
    U64Map cand; /* node -> IR_EV_STEP_UP / IR_EV_STEP_DOWN seen, | 1 another write */
    u64map_init(&cand);
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        const IrEvent *w = stepped_write(ir, ev_b, ev_e);
        if (!w) w = read_then_step(ir, ev_b, ev_e);
        if (!w) continue;
        IdSet t = {0};
        pt_resolve_path(p, (uint32_t)f, &w->path, &t);
        if (t.n == 1) u64map_put(&cand, t.v[0], 0);
        idset_free(&t);
    }
    if (!cand.len) {
        u64map_free(&cand);
        return;
    }
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        uint64_t bits;
        if (ev->kind == IR_EV_WRITE) {
            if (!ev->path.nsteps && (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP)) {
                const PtFunc *fn = &p->pt.funcs.data[f];
                uint32_t obj = ev->path.root == IR_ROOT_LOCAL ? fn->local_obj0 + ev->path.id : fn->temp_obj0 + ev->path.id;
                if (obj < p->pt.objs.len && !p->pt.objs.data[obj].shared) continue; /* a private variable */
            }
            if ((ev->flags & IR_EV_INIT) && ev->path.root == IR_ROOT_GLOBAL) continue; /* a static initialiser */
            bits = (ev->flags & IR_EV_ATOMIC) ? 1 : ev->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN);
            if (!bits) bits = split_step(ir, ev_b, ev_e);
            if (!bits) bits = 1;
        } else if (ev->kind == IR_EV_CALL && ev->call) {
            const CallInfo *ci = program_call(p, ev);
            if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC || ci->api->object < 0 ||
                (uint32_t)ci->api->object >= ev->call->nargs)
                continue;
            IdSet t = {0};
            pt_operand_targets(p, (uint32_t)f, &ev->call->args[ci->api->object], &t);
            for (uint32_t k = 0; k < t.n; k++)
                if (u64map_get(&cand, t.v[k], &bits)) u64map_put(&cand, t.v[k], bits | 1);
            idset_free(&t);
            continue;
        } else {
            continue;
        }
        IdSet t = {0};
        pt_resolve_path(p, (uint32_t)f, &ev->path, &t);
        for (uint32_t k = 0; k < t.n; k++) {
            uint64_t old;
            /* a write that may reach several words steps none of them surely */
            if (u64map_get(&cand, t.v[k], &old)) u64map_put(&cand, t.v[k], old | (t.n == 1 ? bits : 1));
        }
        idset_free(&t);
    }
    for (size_t i = 0; i < cand.cap; i++)
        if (cand.keys[i] != UINT64_MAX && (cand.vals[i] == IR_EV_STEP_UP || cand.vals[i] == IR_EV_STEP_DOWN))
            idset_add(&p->sync.claim_counters, (uint32_t)cand.keys[i]);
    u64map_free(&cand);
}

void claims_detect(Program *p) {
    U64Map role; /* node -> 1: a positive fetch-add, 2: another operation that writes */
    u64map_init(&role);
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC || ci->api->access == ATOMIC_READ)
            continue;
        const ApiModel *m = ci->api;
        if (m->object < 0 || (uint32_t)m->object >= ev->call->nargs) continue;
        bool positive = false;
        uint32_t node = fetch_add_counter(p, (uint32_t)f, ev, &positive);
        IdSet t = {0};
        pt_operand_targets(p, (uint32_t)f, &ev->call->args[m->object], &t);
        for (uint32_t k = 0; k < t.n; k++) {
            uint64_t old = 0;
            u64map_get(&role, t.v[k], &old);
            u64map_put(&role, t.v[k], old | (positive && node == t.v[k] ? 1 : 2));
        }
        idset_free(&t);
    }
    for (size_t i = 0; i < role.cap; i++)
        if (role.keys[i] != UINT64_MAX && role.vals[i] == 1) idset_add(&p->sync.claim_counters, (uint32_t)role.keys[i]);
    u64map_free(&role);
    stepped_counters_detect(p);
}

/* The stepped counter (stepped_counters_detect) every ASSIGN to the bare
 * local or temp (root, id) of f takes its value from, the others storing
 * negative constants; UINT32_MAX when there is none (one, two counters, or
 * another value). */
static uint32_t stepped_claim(Program *p, uint32_t func, const IrFunc *f, uint8_t root, uint32_t id) {
    uint32_t counter = UINT32_MAX;
    bool any = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_ASSIGN || ev->path.root != root || ev->path.id != id || ev->path.nsteps) continue;
            if (ev->src && ev->src->kind == IR_OPD_CONST && ev->src->value < 0) continue;
            const IrEvent *w = stepped_write(f, b, e);
            if (!w) w = read_then_step(f, b, e);
            if (!w) return UINT32_MAX;
            IdSet t = {0};
            pt_resolve_path(p, func, &w->path, &t);
            uint32_t c = t.n == 1 && idset_has(&p->sync.claim_counters, t.v[0]) ? t.v[0] : UINT32_MAX;
            idset_free(&t);
            if (c == UINT32_MAX || (any && c != counter)) return UINT32_MAX;
            counter = c;
            any = true;
        }
    return counter;
}

static uint32_t local_claim(Program *p, uint32_t func, uint8_t root, uint32_t id);

/* The counter whose claim every function call ev may call returns at
 * every return (`int s = claim_slot();` with `s = next++; ..; return s;`),
 * or UINT32_MAX. Each call's value is the one its own step took. */
static uint32_t returned_claim(Program *p, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->fallback || !ci->targets.n || (ci->kind != CALL_INTERNAL && ci->kind != CALL_INDIRECT))
        return UINT32_MAX;
    uint32_t counter = UINT32_MAX;
    for (uint32_t k = 0; k < ci->targets.n; k++) {
        uint32_t g = ci->targets.v[k];
        const IrFunc *gf = p->link.funcs.data[g].ir;
        if (!gf || !gf->nblocks) return UINT32_MAX;
        uint32_t *idom = ir_dominators(gf); /* UINT32_MAX: a block no path reaches */
        bool any = false, ok = true;
        for (uint32_t b = 0; b < gf->nblocks && ok; b++) {
            const IrTerm *t = &gf->blocks[b].term;
            if (t->kind != IR_TERM_RETURN || idom[b] == UINT32_MAX) continue;
            const IrOperand *r = &t->ret;
            uint32_t c = r->kind == IR_OPD_VALUE && !r->offset && !r->path.nsteps &&
                                 (r->path.root == IR_ROOT_LOCAL || r->path.root == IR_ROOT_TEMP)
                             ? local_claim(p, g, r->path.root, r->path.id)
                             : UINT32_MAX;
            ok = c != UINT32_MAX && (counter == UINT32_MAX || c == counter);
            counter = c;
            any = true;
        }
        free(idom);
        if (!ok || !any) return UINT32_MAX;
    }
    return counter;
}

/* The counter whose claim bare local or temp `var` (root LOCAL or TEMP)
 * holds in func, from the function alone; UINT32_MAX when none. Cached per
 * (func, root, id). */
static uint32_t local_claim(Program *p, uint32_t func, uint8_t root, uint32_t id) {
    uint64_t key = (uint64_t)func << 33 | (uint64_t)(root == IR_ROOT_TEMP) << 32 | id, v;
    if (u64map_get(&p->sync.claim_vars, key, &v)) return (uint32_t)v;
    u64map_put(&p->sync.claim_vars, key, UINT32_MAX); /* none while it is asked (recursion) */
    uint32_t got = UINT32_MAX;
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrPath bare;
    memset(&bare, 0, sizeof bare);
    bare.root = root;
    bare.id = id;
    const IrVarDefs *d = ir_defuse_var(du, &bare);
    if (d && d->nassigns && d->nassigns == d->ndefs && d->nwrites <= d->nassigns &&
        !(root == IR_ROOT_LOCAL && (id < f->nparams || (f->locals[id].flags & IR_LOCAL_ADDR_TAKEN)))) {
        /* assigned only stepped values of one counter, or negative
         * constants (`i = next < n ? next++ : -1`) */
        uint32_t c = stepped_claim(p, func, f, root, id);
        if (c != UINT32_MAX) {
            u64map_put(&p->sync.claim_vars, key, c);
            return c;
        }
    }
    if (root == IR_ROOT_TEMP && d && d->has_def) {
        const IrEvent *ev = ir_event_at(f, d->def);
        if (ev->kind == IR_EV_CALL && ev->call && ev->call->result == (int32_t)id) {
            bool positive;
            uint32_t node = fetch_add_counter(p, func, ev, &positive);
            if (positive && node != UINT32_MAX && idset_has(&p->sync.claim_counters, node)) got = node;
            else got = returned_claim(p, ev);
        } else if (ev->kind == IR_EV_ASSIGN && ev->src && ev->src->kind == IR_OPD_VALUE && !ev->src->offset &&
                   !ev->src->path.nsteps && ev->src->path.root != IR_ROOT_GLOBAL) {
            got = local_claim(p, func, ev->src->path.root, ev->src->path.id);
        }
    } else if (root == IR_ROOT_LOCAL && d && id >= f->nparams && d->nwrites == 1 && d->has_assign &&
               !(f->locals[id].flags & IR_LOCAL_ADDR_TAKEN)) {
        const IrEvent *ev = ir_event_at(f, d->assign);
        if (ev->src && ev->src->kind == IR_OPD_VALUE && !ev->src->offset && !ev->src->path.nsteps &&
            ev->src->path.root == IR_ROOT_TEMP)
            got = local_claim(p, func, IR_ROOT_TEMP, ev->src->path.id);
    }
    u64map_put(&p->sync.claim_vars, key, got);
    return got;
}

/* ---- permutation arrays ------------------------------------------------ */

/* The element count of a declared array type spelled `T[N]`, or 0. */
static uint64_t declared_length(const char *type) {
    const char *b = type ? strrchr(type, '[') : NULL;
    if (!b) return 0;
    uint64_t n = 0;
    for (b++; *b >= '0' && *b <= '9'; b++) n = n * 10 + (uint64_t)(*b - '0');
    return *b == ']' && !b[1] ? n : 0;
}

/* Is the WRITE at events[e] of block b of func the identity store
 * `a[i] = i` of a loop over i that runs over every element: i the loop's
 * counter from 0 to the bound, the store in the block every iteration
 * starts with? */
static bool identity_write(Program *p, uint32_t func, uint32_t b, uint32_t e) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrBlock *bl = &f->blocks[b];
    const IrEvent *w = &bl->events[e];
    if (w->flags & IR_EV_RMW || !w->path.nsteps || e + 1 >= bl->nevents) return false;
    const IrStep *last = &w->path.steps[w->path.nsteps - 1];
    if (last->kind != IR_STEP_INDEX || last->index_kind != IR_INDEX_LOCAL) return false;
    uint32_t v = last->local;
    const IrEvent *a = &bl->events[e + 1];
    if (a->kind != IR_EV_ASSIGN || !a->src || !ir_path_equal(&a->path, &w->path)) return false;
    const IrOperand *src = a->src;
    if (src->kind != IR_OPD_VALUE || src->offset || src->path.nsteps || src->path.root != IR_ROOT_LOCAL ||
        src->path.id != v || (f->locals[v].flags & IR_LOCAL_ADDR_TAKEN))
        return false;
    for (int32_t l = bl->loop; l >= 0; l = f->loops[l].parent) {
        LoopRange r;
        if (!joins_loop_range(p, func, l, v, &r)) continue;
        const IrBlock *hb = &f->blocks[f->loops[l].header];
        if (r.lo != 0 || hb->succ[0] != b) return false;
        /* the counter is written in the loop only by its step (i++) */
        const IrDefUse *du = model_defuse(p, f);
        for (uint32_t k = 0; k < f->nblocks; k++) {
            if (!ir_defuse_block_in_loop(du, k, l)) continue;
            for (uint32_t x = 0; x < f->blocks[k].nevents; x++) {
                const IrEvent *o = &f->blocks[k].events[x];
                if ((o->kind == IR_EV_WRITE || o->kind == IR_EV_ASSIGN) && o->path.root == IR_ROOT_LOCAL &&
                    !o->path.nsteps && o->path.id == v && !(o->kind == IR_EV_WRITE && (o->flags & IR_EV_RMW)))
                    return false;
            }
        }
        if (r.sym) return r.hi >= 0;
        /* a constant bound: no smaller than the declared length */
        uint64_t len = 0;
        if (w->path.nsteps == 1 && w->path.root == IR_ROOT_GLOBAL) {
            const Global *g = program_global(p, w->path.usr);
            len = g ? declared_length(g->type) : 0;
        } else if (w->path.nsteps == 1 && w->path.root == IR_ROOT_LOCAL) {
            len = declared_length(f->locals[w->path.id].type);
        }
        return r.hi > 0 && (uint64_t)r.hi >= len;
    }
    return false;
}

/* The candidates a write of `nodes` touches (a node or one it encloses:
 * every candidate under a written node) lose their status. */
static void write_nodes(Program *p, U64Map *cand, const IdSet *nodes) {
    IdSet hit = {0};
    for (size_t i = 0; i < cand->cap; i++) {
        if (cand->keys[i] == UINT64_MAX || !cand->vals[i]) continue;
        for (uint32_t k = 0; k < nodes->n; k++) {
            uint32_t n = (uint32_t)cand->keys[i];
            bool under = false;
            for (uint32_t d = 0; n != UINT32_MAX && d < 64 && !under; d++, n = p->pt.nodes.data[n].parent)
                under = pt_rep(p, n) == pt_rep(p, nodes->v[k]);
            if (under) idset_add(&hit, (uint32_t)cand->keys[i]);
        }
    }
    for (uint32_t k = 0; k < hit.n; k++) u64map_put(cand, hit.v[k], 0);
    idset_free(&hit);
}

void claims_perms_detect(Program *p) {
    if (!p->sync.claim_counters.n) return;
    U64Map cand; /* node -> 1: every write seen so far is an identity store, 0: not */
    u64map_init(&cand);
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ev->kind != IR_EV_WRITE || !identity_write(p, (uint32_t)f, ev_b, ev_e)) continue;
        IdSet t = {0};
        pt_resolve_path(p, (uint32_t)f, &ev->path, &t);
        for (uint32_t k = 0; k < t.n; k++) u64map_put(&cand, pt_rep(p, t.v[k]), 1);
        idset_free(&t);
    }
    if (!cand.len) {
        u64map_free(&cand);
        return;
    }
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        IdSet t = {0};
        /* (a bare local or temporary is no array unless it is one, or a struct holding one) */
        bool scalar = !ev->path.nsteps && (ev->path.root == IR_ROOT_TEMP ||
                                           (ev->path.root == IR_ROOT_LOCAL &&
                                            !(ir->locals[ev->path.id].flags & (IR_LOCAL_ARRAY | IR_LOCAL_RECORD))));
        if (ev->kind == IR_EV_WRITE && !scalar && !identity_write(p, (uint32_t)f, ev_b, ev_e)) {
            pt_resolve_path(p, (uint32_t)f, &ev->path, &t);
            write_nodes(p, &cand, &t);
        } else if (ev->kind == IR_EV_CALL && ev->call) {
            const CallInfo *ci = program_call(p, ev);
            const ApiModel *fx = program_call_effects(p, ev, ci);
            for (uint32_t a = 0; a < ev->call->nargs; a++) {
                const IrOperand *op = &ev->call->args[a];
                if (op->kind != IR_OPD_VALUE && op->kind != IR_OPD_ADDR) continue;
                /* what the call may write through the argument: an effects
                 * model says; an atomic operation writes its object; a
                 * library function with no model, anything */
                bool writes;
                if (fx) {
                    writes = fx->variadic_from >= 0 && fx->variadic_effect == EFFECT_WRITE &&
                             a >= (uint32_t)fx->variadic_from;
                    for (uint32_t i = 0; i < fx->neffects; i++) {
                        const ApiEffect *ef = &fx->effects[i];
                        if (ef->index != (int)a) continue;
                        writes |= ef->effect == EFFECT_WRITE || ef->effect == EFFECT_REALLOC ||
                                  (ef->effect == EFFECT_READWRITE && !ef->permutes);
                    }
                } else if (ci && ci->kind == CALL_API) {
                    writes = ci->api->kind == API_ATOMIC && ci->api->access != ATOMIC_READ &&
                             ci->api->object == (int)a;
                } else {
                    writes = !ci || ci->kind == CALL_EXTERNAL || ci->kind == CALL_UNKNOWN;
                }
                if (!writes) continue;
                pt_operand_targets(p, (uint32_t)f, op, &t);
                write_nodes(p, &cand, &t);
                t.n = 0;
            }
        }
        idset_free(&t);
    }
    for (size_t i = 0; i < cand.cap; i++)
        if (cand.keys[i] != UINT64_MAX && cand.vals[i]) idset_add(&p->sync.perm_arrays, (uint32_t)cand.keys[i]);
    u64map_free(&cand);
}

/* The claim id of values read from permutation array `node` at claims of
 * `counter` (a counter or such an id itself). */
static uint32_t perm_claim(Program *p, uint32_t counter, uint32_t node) {
    uint64_t key = (uint64_t)counter << 32 | node, v;
    if (u64map_get(&p->sync.claim_perm_ids, key, &v)) return (uint32_t)v;
    uint32_t id = UINT32_MAX - 1 - (uint32_t)p->sync.claim_perm_ids.len;
    u64map_put(&p->sync.claim_perm_ids, key, id);
    return id;
}

static uint32_t claim_var_at(Program *p, uint32_t func, uint8_t root, uint32_t id, const FlowState *st, int depth);

/* The one ASSIGN that gives a temp, or a local that is not a parameter and
 * whose address is not taken, its value; NULL when there is none or more. */
static const IrEvent *single_assign(Program *p, uint32_t func, uint8_t root, uint32_t id) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    IrPath bare;
    memset(&bare, 0, sizeof bare);
    bare.root = root;
    bare.id = id;
    const IrVarDefs *d = ir_defuse_var(model_defuse(p, f), &bare);
    const IrEvent *ev = NULL;
    if (root == IR_ROOT_TEMP && d && d->has_def) ev = ir_event_at(f, d->def);
    else if (root == IR_ROOT_LOCAL && d && id >= f->nparams && d->nwrites == 1 && d->has_assign &&
             !(f->locals[id].flags & IR_LOCAL_ADDR_TAKEN))
        ev = ir_event_at(f, d->assign);
    return ev && ev->kind == IR_EV_ASSIGN && ev->src ? ev : NULL;
}

/* The permutation array `path` (`lj->order[i]`, the element read) reads:
 * the node when it resolves to one, PERM_SET | an interned set id when to
 * several, UINT32_MAX when some node is no permutation array. Several
 * arrays are taken for one abstract array only when each pointer the path
 * reads the array through holds one of them (`lj->order` of a job the
 * pool runs with two contexts, each with its own sorted order: the
 * instances claiming together share one context, as one allocation site
 * run several times is taken for one array); a pointer that may hold two
 * (`a->perm` set per worker) gives two permutations, so no claim. */
enum { PERM_SET = 1u << 31, PERM_SETS_MAX = 8 };

static uint32_t perm_array_of(Program *p, uint32_t func, const IrPath *path) {
    IdSet t = {0}, reps = {0};
    pt_resolve_path(p, func, path, &t);
    bool ok = t.n && t.n <= PERM_SETS_MAX;
    for (uint32_t k = 0; k < t.n && ok; k++) {
        uint32_t r = pt_rep(p, t.v[k]);
        ok = idset_has(&p->sync.perm_arrays, r);
        idset_add(&reps, r);
    }
    idset_free(&t);
    uint32_t n = path->nsteps;
    if (ok && reps.n > 1) {
        /* each pointer the array is read through holds one array */
        ok = n >= 2 && path->steps[n - 2].kind == IR_STEP_DEREF;
        IdSet ptrs = {0};
        if (ok) {
            IrPath prefix = *path;
            prefix.nsteps = n - 2;
            pt_resolve_path(p, func, &prefix, &ptrs);
        }
        for (uint32_t k = 0; k < ptrs.n && ok; k++) {
            IdSet one = {0}, held = {0};
            idset_add(&one, ptrs.v[k]);
            pt_resolve_steps(p, &one, path->steps + n - 2, 2, &held);
            uint32_t first = held.n ? pt_rep(p, held.v[0]) : UINT32_MAX;
            for (uint32_t j = 1; j < held.n && ok; j++) ok = pt_rep(p, held.v[j]) == first;
            idset_free(&one);
            idset_free(&held);
        }
        idset_free(&ptrs);
    }
    uint32_t v = !ok ? UINT32_MAX : reps.n == 1 ? reps.v[0] : PERM_SET | model_intern_set(p, &reps);
    idset_free(&reps);
    return v;
}

/* The claim a local or temp holds when it is assigned (once) the element
 * of a permutation array at a claimed index: `li = order[item]`. */
static uint32_t perm_element_claim(Program *p, uint32_t func, uint8_t root, uint32_t id, const FlowState *st,
                                   int depth) {
    if (!p->sync.perm_arrays.n || depth > 4) return UINT32_MAX;
    const IrEvent *ev = single_assign(p, func, root, id);
    if (!ev) return UINT32_MAX;
    const IrOperand *src = ev->src;
    if (src->kind != IR_OPD_VALUE || src->offset || !src->path.nsteps) return UINT32_MAX;
    const IrStep *last = &src->path.steps[src->path.nsteps - 1];
    if (last->kind != IR_STEP_INDEX || (last->index_kind != IR_INDEX_LOCAL && last->index_kind != IR_INDEX_TEMP))
        return UINT32_MAX;
    /* `rows[r][i]`: the rows are permutations each, not one together */
    for (uint32_t k = 0; k + 1 < src->path.nsteps; k++)
        if (src->path.steps[k].kind == IR_STEP_INDEX) return UINT32_MAX;
    /* the array: permutation arrays only, one abstract array */
    uint64_t key = (uint64_t)func << 33 | (uint64_t)(root == IR_ROOT_TEMP) << 32 | id, v;
    if (!u64map_get(&p->sync.perm_vars, key, &v)) {
        v = perm_array_of(p, func, &src->path);
        u64map_put(&p->sync.perm_vars, key, v);
    }
    if (v == UINT32_MAX) return UINT32_MAX;
    /* read at a claim */
    uint8_t iroot = last->index_kind == IR_INDEX_LOCAL ? IR_ROOT_LOCAL : IR_ROOT_TEMP;
    uint32_t c = claim_var_at(p, func, iroot, last->local, st, depth + 1);
    return c == UINT32_MAX ? UINT32_MAX : perm_claim(p, c, (uint32_t)v);
}

bool model_param_unchanged(const Program *p, uint32_t func, uint32_t k) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (k >= f->nparams || (f->locals[k].flags & IR_LOCAL_ADDR_TAKEN)) return false;
    IrPath bare;
    memset(&bare, 0, sizeof bare);
    bare.root = IR_ROOT_LOCAL;
    bare.id = k;
    const IrVarDefs *d = ir_defuse_var(model_defuse(p, f), &bare);
    return d && !d->nwrites && !d->nassigns;
}

uint32_t claim_of_var(Program *p, uint32_t func, uint8_t root, uint32_t id, const FlowState *st) {
    return claim_var_at(p, func, root, id, st, 0);
}

/* claim_of_var through at most 4 permutation arrays (`a[b[i]]`) */
static uint32_t claim_var_at(Program *p, uint32_t func, uint8_t root, uint32_t id, const FlowState *st, int depth) {
    if (!p->sync.claim_counters.n || (root != IR_ROOT_LOCAL && root != IR_ROOT_TEMP)) return UINT32_MAX;
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (root == IR_ROOT_LOCAL && id < f->nparams) {
        if (id >= FLOW_CLAIM_PARAMS || !(st->claim_params >> id & 1) || !model_param_unchanged(p, func, id))
            return UINT32_MAX;
        return st->claim_counter[id];
    }
    uint32_t c = local_claim(p, func, root, id);
    return c != UINT32_MAX ? c : perm_element_claim(p, func, root, id, st, depth);
}

uint32_t claim_of_operand(Program *p, uint32_t func, const IrOperand *op, const FlowState *st) {
    if (op->kind != IR_OPD_VALUE || op->offset || op->path.nsteps) return UINT32_MAX;
    return claim_of_var(p, func, op->path.root, op->path.id, st);
}

/* A pointer local or temp assigned once, from the address of an element
 * indexed by a claim (`struct slot *s = &slots[i]`, `iv = &lj->involved[li]`):
 * the counter the element's index is claimed from, else UINT32_MAX. */
static int claim_step_at(Program *p, uint32_t func, const IrPath *path, const FlowState *st, uint32_t *counter,
                         int depth);

static uint32_t pointer_source_claim(Program *p, uint32_t func, const IrOperand *src, const FlowState *st,
                                     int depth);

static uint32_t claim_of_pointer(Program *p, uint32_t func, uint8_t root, uint32_t id, const FlowState *st,
                                 int depth) {
    if (!p->sync.claim_counters.n || (root != IR_ROOT_LOCAL && root != IR_ROOT_TEMP)) return UINT32_MAX;
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (root == IR_ROOT_LOCAL && id < f->nparams) {
        if (id >= FLOW_CLAIM_PARAMS || !(st->claim_ptr_params >> id & 1) || !model_param_unchanged(p, func, id))
            return UINT32_MAX;
        return st->claim_counter[id];
    }
    const IrEvent *ev = single_assign(p, func, root, id);
    return ev ? pointer_source_claim(p, func, ev->src, st, depth) : UINT32_MAX;
}

/* An address operand `&a[i]...` (or a bare pointer variable holding one)
 * pointing into an element indexed by a claim: the counter. */
static uint32_t pointer_source_claim(Program *p, uint32_t func, const IrOperand *src, const FlowState *st, int depth) {
    if (src->offset || depth >= 4) return UINT32_MAX;
    if (src->kind == IR_OPD_VALUE && !src->path.nsteps)
        return claim_of_pointer(p, func, src->path.root, src->path.id, st, depth + 1);
    if (src->kind != IR_OPD_ADDR) return UINT32_MAX;
    /* an element of the first dimension: what a dereference of the pointer
     * compares as (claim_step_at) */
    uint32_t counter;
    return claim_step_at(p, func, &src->path, st, &counter, depth + 1) == 0 ? counter : UINT32_MAX;
}

uint32_t claim_of_pointer_operand(Program *p, uint32_t func, const IrOperand *op, const FlowState *st) {
    if (!p->sync.claim_counters.n) return UINT32_MAX;
    return pointer_source_claim(p, func, op, st, 0);
}

int claim_step(Program *p, uint32_t func, const IrPath *path, const FlowState *st, uint32_t *counter) {
    return claim_step_at(p, func, path, st, counter, 0);
}

/* The dimension index step i of path indexes: the index steps before it
 * since the last dereference (`a[i]`, `p->rows[i]`: 0; `a[r][i]`: 1). */
static int index_dimension(const IrPath *path, uint32_t i) {
    int dim = 0;
    for (uint32_t k = 0; k < i; k++)
        if (path->steps[k].kind == IR_STEP_DEREF) dim = 0;
        else if (path->steps[k].kind == IR_STEP_INDEX) dim++;
    return dim;
}

/* claim_step through at most 4 pointers (`e = &s->inner` of `s = &a[i]`) */
static int claim_step_at(Program *p, uint32_t func, const IrPath *path, const FlowState *st, uint32_t *counter,
                         int depth) {
    for (uint32_t i = 0; i < path->nsteps; i++) {
        const IrStep *s = &path->steps[i];
        if (s->kind != IR_STEP_INDEX || (s->index_kind != IR_INDEX_LOCAL && s->index_kind != IR_INDEX_TEMP)) continue;
        uint32_t c = claim_of_var(p, func, s->index_kind == IR_INDEX_LOCAL ? IR_ROOT_LOCAL : IR_ROOT_TEMP, s->local, st);
        if (c != UINT32_MAX) {
            *counter = c;
            int dim = index_dimension(path, i);
            return dim < 255 ? dim : -1;
        }
    }
    /* `s->f` through a pointer to a claimed element, inside that element
     * (fields only: an index would reach a neighbour, a second dereference
     * another object): the element's first dimension, as `a[i].f` */
    if (path->nsteps && path->steps[0].kind == IR_STEP_DEREF && depth < 4) {
        for (uint32_t i = 1; i < path->nsteps; i++)
            if (path->steps[i].kind != IR_STEP_FIELD) return -1;
        uint32_t c = claim_of_pointer(p, func, path->root, path->id, st, depth);
        if (c != UINT32_MAX) {
            *counter = c;
            return 0;
        }
    }
    return -1;
}

/* A claim is distinct only when no two steps of its counter run at once:
 * atomics, or writes under one common lock. A locked counter stepped
 * somewhere without the lock (`maybe_lock(0)`: main adding an entry while
 * the workers run) is itself a race, reported on the counter; its claims
 * are then no claims either - two threads may read one value before
 * either steps it - and the elements they index race too. After the
 * per-thread pass (stage sem-gates): the counter's writes and their
 * ordering, pairwise (a counter has few). */
void claims_check_steps(Program *p) {
    if (!p->sync.claim_counters.n) return;
    VEC(const Access *) writes = {0};
    for (size_t i = 0; i < p->tm.accesses.len; i++) {
        const Access *a = &p->tm.accesses.data[i];
        if (a->site->write && idset_has(&p->sync.claim_counters, a->node)) vec_push(&writes, a);
    }
    for (size_t i = 0; i < writes.len; i++)
        for (size_t j = i; j < writes.len; j++) {
            const Access *a = writes.data[i], *b = writes.data[j];
            if (a->node != b->node || idset_has(&p->sync.claim_unsafe, a->node) || (a->atomic && b->atomic) ||
                model_common_lock(a, b, NULL) || !model_may_parallel(p, a, b))
                continue;
            idset_add(&p->sync.claim_unsafe, a->node);
        }
    /* permutation claims of an unsafe counter */
    for (size_t i = 0; i < p->sync.claim_perm_ids.cap && p->sync.claim_unsafe.n; i++) {
        uint64_t k = p->sync.claim_perm_ids.keys[i];
        if (k != UINT64_MAX && idset_has(&p->sync.claim_unsafe, (uint32_t)(k >> 32)))
            idset_add(&p->sync.claim_unsafe, (uint32_t)p->sync.claim_perm_ids.vals[i]);
    }
    vec_free(&writes);
}
