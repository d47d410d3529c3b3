/*
 * fences.c - thread fences (C11 7.17.4, API model kind "fence"): the relaxed
 * atomics a fence gives its order.
 *
 * A release fence followed by an atomic store, of any order, releases what
 * came before the fence to the thread whose acquire reads that store; an
 * atomic load followed by an acquire fence acquires, for what comes after
 * the fence, what the store it read released (fence-atomic and
 * fence-fence synchronisation). The model knows orders only at the atomic
 * operations (model_atomic_relaxed), so a fence hands its order to them:
 *
 *   - a relaxed store (or read-modify-write) is ordered as a release when a
 *     release fence (release, acq_rel, seq_cst) comes before it on every
 *     path from its function's entry;
 *   - a relaxed load (or read-modify-write) is ordered as an acquire when an
 *     acquire fence (consume, acquire, acq_rel, seq_cst) comes after it on
 *     every path to its function's return (`while (!load(&f, relaxed));
 *     fence(acquire);`) - but for the branch its block ends with taken when
 *     the load read 0 (`if (load(&f, relaxed)) { fence(acquire); .. }`,
 *     `if (!load(..)) return;`): that path saw no flag to acquire by.
 *
 * Between the fence and the atomic nothing may touch memory (a global, a
 * pointer's target, a call other than an atomic or a fence): the model
 * orders at the atomic, so an access there would be ordered wrongly - the
 * atomic then keeps its relaxed order.
 *
 * Limits (docs/precision.md): one function at a time - a fence in a caller
 * of the helper that makes the relaxed access gives it nothing (nor a
 * fence in a helper its caller); a fence whose order is not a constant
 * counts as sequentially consistent.
 * atomic_signal_fence orders nothing between threads and has no model.
 */
#include "model.h"

#include "../ir/cfg.h"

#include <stdlib.h>
#include <string.h>

enum { FENCE_RELEASE = 1, FENCE_ACQUIRE = 2 };

/* The orders a fence call has (FENCE_* bits); 0 for a relaxed fence. */
static unsigned fence_kinds(const IrEvent *ev, const ApiModel *m) {
    if (m->order < 0 || (uint32_t)m->order >= ev->call->nargs) return FENCE_RELEASE | FENCE_ACQUIRE;
    const IrOperand *o = &ev->call->args[m->order];
    if (o->kind != IR_OPD_CONST) return FENCE_RELEASE | FENCE_ACQUIRE;
    switch (o->value) {
    case 0: return 0;                                /* relaxed */
    case 1: case 2: return FENCE_ACQUIRE;            /* consume, acquire */
    case 3: return FENCE_RELEASE;                    /* release */
    default: return FENCE_RELEASE | FENCE_ACQUIRE;   /* acq_rel, seq_cst */
    }
}

static unsigned event_fence(const Program *p, const IrEvent *ev) {
    if (ev->kind != IR_EV_CALL || !ev->call) return 0;
    const CallInfo *ci = program_call(p, ev);
    return ci && ci->kind == CALL_API && ci->api->kind == API_FENCE ? fence_kinds(ev, ci->api) : 0;
}

static bool relaxed_atomic(const Program *p, const IrEvent *ev, const ApiModel **m) {
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) return false;
    *m = ci->api;
    const ApiModel *am = ci->api;
    if (am->order < 0 || (uint32_t)am->order >= ev->call->nargs) return false;
    const IrOperand *o = &ev->call->args[am->order];
    return o->kind == IR_OPD_CONST && o->value == 0;
}

/* Does ev touch memory a fence would order - a read or write of a global
 * or through a pointer, or a call other than an atomic or a fence (it may
 * do either)? Accesses to the function's own locals do not count. */
static bool touches_memory(const Program *p, const IrEvent *ev) {
    if (ev->kind == IR_EV_CALL) {
        if (!ev->call) return false;
        const CallInfo *ci = program_call(p, ev);
        return !(ci && ci->kind == CALL_API && (ci->api->kind == API_ATOMIC || ci->api->kind == API_FENCE));
    }
    if (ev->kind != IR_EV_READ && ev->kind != IR_EV_WRITE) return false;
    if (ev->path.root != IR_ROOT_LOCAL && ev->path.root != IR_ROOT_TEMP) return true;
    for (uint32_t i = 0; i < ev->path.nsteps; i++)
        if (ev->path.steps[i].kind == IR_STEP_DEREF) return true;
    return false;
}

/* The release state after event ev: a release fence sets it, an access
 * between it and the store clears it (that access is not released). */
static bool release_after(const Program *p, const IrEvent *ev, bool released) {
    if (event_fence(p, ev) & FENCE_RELEASE) return true;
    return released && !touches_memory(p, ev);
}

/* The acquire state before event ev (walking backwards): an acquire fence
 * sets it, an access between the load and the fence clears it. */
static bool acquire_before(const Program *p, const IrEvent *ev, bool acquired) {
    if (event_fence(p, ev) & FENCE_ACQUIRE) return true;
    return acquired && !touches_memory(p, ev);
}

/* One function: a forward must-analysis (a release fence since the last
 * access to memory, on every path from the entry) and a backward one (an
 * acquire fence before any access to memory, on every path to a return),
 * over blocks, then each relaxed atomic by its place in its block. */
static void scan_function(Program *p, const IrFunc *f) {
    uint32_t n = f->nblocks;
    uint32_t *pstart, *preds;
    ir_predecessors(f, &pstart, &preds);
    /* rel_out[b]: released at the end of b; acq_in[b]: acquired from the start of b */
    bool *rel_out = xmalloc(n), *acq_in = xmalloc(n);
    memset(rel_out, 1, n);
    memset(acq_in, 1, n);
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t b = 0; b < n; b++) {
            const IrBlock *bb = &f->blocks[b];
            bool st = b != 0 && pstart[b] < pstart[b + 1];
            for (uint32_t k = pstart[b]; k < pstart[b + 1] && st; k++) st = rel_out[preds[k]];
            for (uint32_t e = 0; e < bb->nevents; e++) st = release_after(p, &bb->events[e], st);
            if (st != rel_out[b]) rel_out[b] = st, changed = true;
        }
        for (uint32_t b = n; b-- > 0;) {
            const IrBlock *bb = &f->blocks[b];
            bool st = bb->term.kind != IR_TERM_RETURN && bb->nsucc > 0;
            for (uint32_t s = 0; s < bb->nsucc && st; s++) st = bb->succ[s] < n && acq_in[bb->succ[s]];
            for (uint32_t e = bb->nevents; e-- > 0;) st = acquire_before(p, &bb->events[e], st);
            if (st != acq_in[b]) acq_in[b] = st, changed = true;
        }
    }
    for (uint32_t b = 0; b < n; b++) {
        const IrBlock *bb = &f->blocks[b];
        bool released = b != 0 && pstart[b] < pstart[b + 1];
        for (uint32_t k = pstart[b]; k < pstart[b + 1] && released; k++) released = rel_out[preds[k]];
        for (uint32_t e = 0; e < bb->nevents; e++) {
            const IrEvent *ev = &bb->events[e];
            const ApiModel *m;
            if (relaxed_atomic(p, ev, &m)) {
                bool acquired = bb->term.kind != IR_TERM_RETURN && bb->nsucc > 0;
                int zero = model_result_edge(&bb->term, ev, 0); /* the load read 0: no flag seen */
                for (uint32_t s = 0; s < bb->nsucc && acquired; s++)
                    acquired = (int)s == zero || (bb->succ[s] < n && acq_in[bb->succ[s]]);
                for (uint32_t x = bb->nevents; x-- > e + 1;) acquired = acquire_before(p, &bb->events[x], acquired);
                unsigned bits = (released && m->access != ATOMIC_READ ? FENCE_RELEASE : 0) |
                                (acquired && m->access != ATOMIC_WRITE ? FENCE_ACQUIRE : 0);
                if (bits) u64map_put(&p->sync.fenced, (uint64_t)(uintptr_t)ev, bits);
            }
            released = release_after(p, ev, released);
        }
    }
    free(rel_out);
    free(acq_in);
    free(pstart);
    free(preds);
}

void fences_scan(Program *p) {
    for (uint32_t fi = 0; fi < p->link.funcs.len; fi++) {
        const IrFunc *f = p->link.funcs.data[fi].ir;
        if (!f || !f->nblocks) continue;
        bool any = false;
        for (uint32_t b = 0; b < f->nblocks && !any; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents && !any; e++) any = event_fence(p, &f->blocks[b].events[e]);
        if (any) scan_function(p, f);
    }
}

/* A relaxed atomic orders nothing - unless a fence gives it its order. */
bool model_atomic_relaxed(const Program *p, const IrEvent *ev, const ApiModel *m) {
    if (m->order < 0 || (uint32_t)m->order >= ev->call->nargs) return false;
    const IrOperand *o = &ev->call->args[m->order];
    if (o->kind != IR_OPD_CONST || o->value != 0) return false;
    uint64_t bits;
    return !p->sync.fenced.len || !u64map_get(&p->sync.fenced, (uint64_t)(uintptr_t)ev, &bits);
}
