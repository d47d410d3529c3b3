/*
 * joins.c - exact joins: how many of the threads a create loop started a
 * join loop waits for.
 *
 * A loop `for (i = C; i < B + k; i++)` (also `<=`, `!=`, `B > i`) has the
 * index range [C, B + k): its bound is a constant or a variable plus a
 * constant, kept by the lowering beside the branch (IrTerm.sym_*). A join
 * loop over a handle array joins every thread a create loop stored in it
 * when its range covers the create loop's: it starts no later and its bound
 * is the same variable (or both constants) with an offset no smaller. A join
 * loop whose range is known to fall short (`i < n - 1` after `i < n`) leaves
 * the last threads running. Ranges that cannot be compared (different
 * variables, a counter not initialised to a constant right before the loop,
 * a decreasing loop) count as covering (PRECISION: the join loop is assumed
 * to match). ASSUMPTION: the counter steps by one and the bound variable is
 * not changed between the two loops.
 */
#include "model.h"

#include <string.h>

/* Is operand o the plain local v? */
static bool is_local(const IrOperand *o, uint32_t v) {
    return o->kind == IR_OPD_VALUE && !o->offset && o->path.root == IR_ROOT_LOCAL && !o->path.nsteps &&
           o->path.id == v;
}

/* The constant the local v is assigned last in block b, if that is its last write there. */
static bool init_const(const IrBlock *b, uint32_t v, int64_t *out) {
    for (uint32_t e = b->nevents; e-- > 0;) {
        const IrEvent *ev = &b->events[e];
        if (ev->kind == IR_EV_ASSIGN && ev->path.root == IR_ROOT_LOCAL && !ev->path.nsteps && ev->path.id == v) {
            if (!ev->src || ev->src->kind != IR_OPD_CONST) return false;
            *out = ev->src->value;
            return true;
        }
        if (ev->kind == IR_EV_CALL) return false; /* the local may be changed through a pointer */
    }
    return false;
}

bool joins_loop_range(const Program *p, uint32_t func, int32_t loop, uint32_t var, LoopRange *out) {
    memset(out, 0, sizeof *out);
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (loop < 0 || (uint32_t)loop >= f->nloops) return false;
    const IrDefUse *du = model_defuse(p, f);
    uint32_t h = f->loops[loop].header;
    const IrBlock *hb = &f->blocks[h];
    if (hb->term.kind != IR_TERM_BRANCH || hb->nsucc != 2 || hb->succ[1] != f->loops[loop].exit ||
        !ir_defuse_block_in_loop(du, hb->succ[0], loop))
        return false;
    /* the one block entering the loop from outside, initialising the counter */
    int32_t pre = -1;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (ir_defuse_block_in_loop(du, b, loop)) continue;
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
            if (f->blocks[b].succ[s] == h) {
                if (pre >= 0 && pre != (int32_t)b) return false;
                pre = (int32_t)b;
            }
    }
    if (pre < 0 || !init_const(&f->blocks[pre], var, &out->lo)) return false;
    const IrTerm *t = &hb->term;
    uint8_t cmp;
    if (is_local(&t->cond, var)) {
        cmp = t->cmp;
        out->hi = t->rhs;
    } else if (t->cond.kind == IR_OPD_UNKNOWN && is_local(&t->sym_lhs, var) && t->sym_rhs.kind == IR_OPD_VALUE) {
        cmp = t->sym_cmp;
        out->sym = true;
        out->bound = t->sym_rhs.path;
        out->hi = t->sym_off;
    } else if (t->cond.kind == IR_OPD_UNKNOWN && is_local(&t->sym_rhs, var) && !t->sym_off &&
               t->sym_lhs.kind == IR_OPD_VALUE) {
        cmp = t->sym_cmp == IR_CMP_GT ? IR_CMP_LT : t->sym_cmp == IR_CMP_GE ? IR_CMP_LE : IR_CMP_EQ;
        out->sym = true;
        out->bound = t->sym_lhs.path;
        out->hi = 0;
    } else {
        return false;
    }
    if (cmp == IR_CMP_LE) out->hi += 1;
    else if (cmp != IR_CMP_LT && cmp != IR_CMP_NE) return false; /* a decreasing loop, or another test */
    if (out->sym) {
        /* a bound with one value (`join_all(NT - 1)`'s parameter, a
         * constant global): a constant range, comparable with others */
        IrOperand b = {.kind = IR_OPD_VALUE, .path = out->bound};
        int64_t v;
        if (model_const_value(p, func, &b, &v)) {
            out->sym = false;
            out->hi += v;
        }
    }
    out->func = func;
    out->known = true;
    return true;
}

int joins_cover(const LoopRange *join, const LoopRange *create) {
    if (!join->known || !create->known || join->sym != create->sym) return JOIN_COVER_UNKNOWN;
    if (join->sym) {
        if (join->bound.root == IR_ROOT_TEMP) return JOIN_COVER_UNKNOWN;
        if (join->bound.root != IR_ROOT_GLOBAL && join->func != create->func) return JOIN_COVER_UNKNOWN;
        if (!ir_path_equal(&join->bound, &create->bound)) return JOIN_COVER_UNKNOWN;
    }
    return join->lo <= create->lo && join->hi >= create->hi ? JOIN_COVER_ALL : JOIN_COVER_PART;
}
