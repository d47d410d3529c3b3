/*
 * check.c - the IR well-formedness checker (check.h). One pass over the
 * function: blocks and terminators, the loop table against the blocks, then
 * every event, path and operand. Stops at the first violation and says
 * where it is; reads only, so it may run on shared IR from any thread.
 */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct Ck {
    const IrFunc *fn;
    char *err;
    size_t n;
    int64_t block, event; /* where we are, -1 when not in a block / event */
    const char *what;     /* "terminator", "loop 2", ... when not at an event */
} Ck;

__attribute__((format(printf, 2, 3))) static bool fail(Ck *c, const char *fmt, ...) {
    if (!c->n) return false;
    size_t len = 0;
    int w = 0;
    if (c->block >= 0 && c->event >= 0)
        w = snprintf(c->err, c->n, "block %lld event %lld: ", (long long)c->block, (long long)c->event);
    else if (c->block >= 0)
        w = snprintf(c->err, c->n, "block %lld%s%s: ", (long long)c->block, c->what ? " " : "",
                     c->what ? c->what : "");
    else if (c->what)
        w = snprintf(c->err, c->n, "%s: ", c->what);
    if (w > 0) len = (size_t)w < c->n ? (size_t)w : c->n - 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + len, c->n - len, fmt, ap);
    va_end(ap);
    return false;
}

static bool check_path(Ck *c, const IrPath *p, const char *role) {
    const IrFunc *fn = c->fn;
    switch (p->root) {
    case IR_ROOT_GLOBAL:
        if (!p->usr) return fail(c, "%s: global root without a USR", role);
        break;
    case IR_ROOT_LOCAL:
        if (p->id >= fn->nlocals) return fail(c, "%s: local %u out of range (%u locals)", role, p->id, fn->nlocals);
        break;
    case IR_ROOT_TEMP:
        if (p->id >= fn->ntemps) return fail(c, "%s: temp %u out of range (%u temps)", role, p->id, fn->ntemps);
        break;
    case IR_ROOT_STRING: break;
    default: return fail(c, "%s: unknown root kind %u", role, p->root);
    }
    if (p->nsteps && !p->steps) return fail(c, "%s: %u steps but no step array", role, p->nsteps);
    for (uint32_t i = 0; i < p->nsteps; i++) {
        const IrStep *s = &p->steps[i];
        switch (s->kind) {
        case IR_STEP_FIELD:
        case IR_STEP_UP:
            if (!s->field) return fail(c, "%s: step %u: %s without a name", role, i, s->kind == IR_STEP_UP ? "up" : "field");
            /* fall through */
        case IR_STEP_DEREF:
            if (s->kind == IR_STEP_FIELD && s->field_shape > IR_FIELD_PLAIN)
                return fail(c, "%s: step %u: field step of unknown shape %u", role, i, s->field_shape);
            if (s->kind != IR_STEP_FIELD && s->index_kind != IR_INDEX_UNKNOWN)
                return fail(c, "%s: step %u: %s step with an index kind", role, i, s->kind == IR_STEP_UP ? "up" : "deref");
            if (s->kind == IR_STEP_DEREF && (s->elem_align || s->elem_size))
                return fail(c, "%s: step %u: deref step with a layout", role, i);
            break;
        case IR_STEP_INDEX:
            if (s->elem_align & (s->elem_align - 1))
                return fail(c, "%s: step %u: element alignment %u is not a power of two", role, i, s->elem_align);
            if (s->elem_align && s->elem_size % s->elem_align)
                return fail(c, "%s: step %u: element size %u is not a multiple of its alignment %u", role, i,
                            s->elem_size, s->elem_align);
            switch (s->index_kind) {
            case IR_INDEX_UNKNOWN:
            case IR_INDEX_CONST: break;
            case IR_INDEX_LOCAL:
                if (s->local >= fn->nlocals)
                    return fail(c, "%s: step %u: index local %u out of range (%u locals)", role, i, s->local,
                                fn->nlocals);
                break;
            case IR_INDEX_TEMP:
                if (s->local >= fn->ntemps)
                    return fail(c, "%s: step %u: index temp %u out of range (%u temps)", role, i, s->local,
                                fn->ntemps);
                break;
            default: return fail(c, "%s: step %u: unknown index kind %u", role, i, s->index_kind);
            }
            break;
        default: return fail(c, "%s: step %u: unknown step kind %u", role, i, s->kind);
        }
    }
    return true;
}

static bool check_operand(Ck *c, const IrOperand *o, const char *role) {
    if (o->record && o->kind != IR_OPD_VALUE) return fail(c, "%s: record flag on a non-value operand", role);
    if (o->offset && o->kind != IR_OPD_VALUE && o->kind != IR_OPD_ADDR)
        return fail(c, "%s: offset flag on an operand without a path", role);
    switch (o->kind) {
    case IR_OPD_UNKNOWN: {
        uint32_t n = ir_operand_narith(o);
        if (n > IR_ARITH_MAX) return fail(c, "%s: arithmetic of %u terms", role, n);
        int depth = 0;
        for (uint32_t i = 0; i < n; i++) {
            const IrArith *t = &o->arith[i];
            if (t->kind == IR_ARITH_LOCAL && c->fn && t->local >= c->fn->nlocals)
                return fail(c, "%s: arithmetic reads local %u of %u", role, t->local, c->fn->nlocals);
            if (t->kind == IR_ARITH_TEMP && c->fn && t->local >= c->fn->ntemps)
                return fail(c, "%s: arithmetic reads temporary %u of %u", role, t->local, c->fn->ntemps);
            if (t->kind > IR_ARITH_LAST) return fail(c, "%s: arithmetic term of kind %u", role, t->kind);
            depth += t->kind == IR_ARITH_CONST || t->kind == IR_ARITH_LOCAL || t->kind == IR_ARITH_TEMP ? 1
                     : t->kind == IR_ARITH_NEG                                                       ? 0
                                                                                                     : -1;
            if (depth < 1) return fail(c, "%s: arithmetic term %u has no operand", role, i);
        }
        if (n && depth != 1) return fail(c, "%s: arithmetic leaves %d values", role, depth);
        return true;
    }
    case IR_OPD_CONST: return true;
    case IR_OPD_VALUE:
    case IR_OPD_ADDR: return check_path(c, &o->path, role);
    case IR_OPD_FUNC:
        if (!o->usr && !o->name) return fail(c, "%s: function operand without a name or USR", role);
        return true;
    default: return fail(c, "%s: unknown operand kind %u", role, o->kind);
    }
}

enum {
    KNOWN_EV_FLAGS = IR_EV_ATOMIC | IR_EV_RMW | IR_EV_POINTER | IR_EV_INIT | IR_EV_RECORD | IR_EV_STEP_UP |
                     IR_EV_STEP_DOWN | IR_EV_STEPPED
};

static bool check_event(Ck *c, const IrEvent *ev) {
    if (ev->flags & ~KNOWN_EV_FLAGS) return fail(c, "unknown event flags 0x%x", ev->flags);
    if ((ev->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN)) &&
        (ev->kind != IR_EV_WRITE || !(ev->flags & IR_EV_RMW) ||
         (ev->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN)) == (IR_EV_STEP_UP | IR_EV_STEP_DOWN)))
        return fail(c, "step flags 0x%x on an event that is not one read-modify-write WRITE", ev->flags);
    if (ev->kind == IR_EV_WRITE && ev->src && (!(ev->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN)) ||
                                               ev->src->kind != IR_OPD_CONST || ev->src->value <= 0))
        return fail(c, "a WRITE's step size that is not a positive constant of a stepping write");
    if ((ev->flags & IR_EV_STEPPED) && ev->kind != IR_EV_ASSIGN)
        return fail(c, "stepped-value flag on an event that is not an ASSIGN");
    switch (ev->kind) {
    case IR_EV_READ:
    case IR_EV_WRITE: return check_path(c, &ev->path, "path");
    case IR_EV_ASSIGN:
        if (!ev->src) return fail(c, "assign without a source");
        return check_path(c, &ev->path, "destination") && check_operand(c, ev->src, "source");
    case IR_EV_CALL: {
        const IrCall *call = ev->call;
        if (!call) return fail(c, "call event without a call");
        if (!check_operand(c, &call->callee, "callee")) return false;
        if (call->callee.kind != IR_OPD_FUNC && call->callee.kind != IR_OPD_VALUE &&
            call->callee.kind != IR_OPD_UNKNOWN && call->callee.kind != IR_OPD_ADDR)
            return fail(c, "callee is a constant");
        if (call->result < -1 || (call->result >= 0 && (uint32_t)call->result >= c->fn->ntemps))
            return fail(c, "call result temp %d out of range (%u temps)", call->result, c->fn->ntemps);
        if (call->nargs && !call->args) return fail(c, "call with %u arguments but no argument array", call->nargs);
        char role[32];
        for (uint32_t i = 0; i < call->nargs; i++) {
            snprintf(role, sizeof role, "argument %u", i);
            if (!check_operand(c, &call->args[i], role)) return false;
        }
        return true;
    }
    default: return fail(c, "unknown event kind %u", ev->kind);
    }
}

static bool check_term(Ck *c, const IrBlock *bb) {
    const IrTerm *t = &bb->term;
    c->what = "terminator";
    uint32_t want_min = 0, want_max = 0;
    switch (t->kind) {
    case IR_TERM_GOTO: want_min = want_max = 1; break;
    case IR_TERM_BRANCH:
        want_min = want_max = 2;
        if (t->cmp > IR_CMP_GE) return fail(c, "unknown comparison %u", t->cmp);
        if (!check_operand(c, &t->cond, "condition")) return false;
        if (t->sym_cmp > IR_CMP_GE) return fail(c, "unknown comparison %u", t->sym_cmp);
        if (!check_operand(c, &t->sym_lhs, "compared value") || !check_operand(c, &t->sym_rhs, "compared value"))
            return false;
        break;
    case IR_TERM_SWITCH: want_min = 1, want_max = UINT32_MAX; break;
    case IR_TERM_RETURN:
        if (!check_operand(c, &t->ret, "returned value")) return false;
        break;
    case IR_TERM_EXIT: break;
    default: return fail(c, "unknown terminator kind %u", t->kind);
    }
    if (bb->nsucc < want_min || bb->nsucc > want_max)
        return fail(c, "%u successors for terminator kind %u", bb->nsucc, t->kind);
    if (bb->nsucc && !bb->succ) return fail(c, "%u successors but no successor array", bb->nsucc);
    for (uint32_t s = 0; s < bb->nsucc; s++)
        if (bb->succ[s] >= c->fn->nblocks)
            return fail(c, "successor %u is block %u, out of range (%u blocks)", s, bb->succ[s], c->fn->nblocks);
    c->what = NULL;
    return true;
}

/* Is block b inside loop l, walking at most nloops parents (the walk cannot
 * cycle once parents are known to precede their children)? */
static bool in_loop(const IrFunc *fn, uint32_t b, int32_t l) {
    for (int32_t x = fn->blocks[b].loop; x >= 0; x = fn->loops[x].parent)
        if (x == l) return true;
    return false;
}

static bool check_loops(Ck *c) {
    const IrFunc *fn = c->fn;
    char what[48];
    if (fn->nloops && !fn->loops) return fail(c, "%u loops but no loop array", fn->nloops);
    if (fn->nloops > INT32_MAX) return fail(c, "%u loops: too many", fn->nloops);
    for (uint32_t l = 0; l < fn->nloops; l++) {
        const IrLoop *lp = &fn->loops[l];
        snprintf(what, sizeof what, "loop %u", l);
        c->what = what;
        if (lp->parent < -1 || lp->parent >= (int32_t)l)
            return fail(c, "parent %d is not an earlier loop", lp->parent);
        if (lp->header >= fn->nblocks) return fail(c, "header block %u out of range", lp->header);
        if (lp->exit >= fn->nblocks) return fail(c, "exit block %u out of range", lp->exit);
    }
    c->what = NULL;
    for (uint32_t b = 0; b < fn->nblocks; b++) {
        int32_t l = fn->blocks[b].loop;
        if (l < -1 || l >= (int32_t)fn->nloops) {
            c->block = b;
            c->what = NULL;
            return fail(c, "loop %d out of range (%u loops)", l, fn->nloops);
        }
    }
    for (uint32_t l = 0; l < fn->nloops; l++) {
        const IrLoop *lp = &fn->loops[l];
        snprintf(what, sizeof what, "loop %u", l);
        c->what = what;
        if (fn->blocks[lp->header].loop != (int32_t)l)
            return fail(c, "header block %u belongs to loop %d", lp->header, fn->blocks[lp->header].loop);
        if (in_loop(fn, lp->exit, (int32_t)l)) return fail(c, "exit block %u is inside the loop", lp->exit);
    }
    c->what = NULL;
    return true;
}

bool ir_check_func(const IrFunc *fn, char *err, size_t n) {
    Ck c = {fn, err, n, -1, -1, NULL};
    if (n) err[0] = 0;
    if (!fn->nblocks) return fail(&c, "no entry block");
    if (!fn->blocks) return fail(&c, "%u blocks but no block array", fn->nblocks);
    if (fn->nlocals && !fn->locals) return fail(&c, "%u locals but no local array", fn->nlocals);
    if (fn->nparams > fn->nlocals) return fail(&c, "%u parameters but %u locals", fn->nparams, fn->nlocals);
    if (fn->va_temp > fn->ntemps) return fail(&c, "variadic temp %u out of range (%u temps)", fn->va_temp - 1, fn->ntemps);
    for (uint32_t i = 0; i < fn->nlocals; i++) {
        const IrLocal *l = &fn->locals[i];
        if (!l->name) return fail(&c, "local %u without a name", i);
        if (!(l->flags & IR_LOCAL_PARAM) != !(i < fn->nparams))
            return fail(&c, "local %u: parameter flag %s but %u parameters", i,
                        l->flags & IR_LOCAL_PARAM ? "set" : "missing", fn->nparams);
    }
    if (!check_loops(&c)) return false;
    for (uint32_t b = 0; b < fn->nblocks; b++) {
        const IrBlock *bb = &fn->blocks[b];
        c.block = b;
        c.event = -1;
        if (bb->nevents && !bb->events) return fail(&c, "%u events but no event array", bb->nevents);
        for (uint32_t e = 0; e < bb->nevents; e++) {
            c.event = e;
            if (!check_event(&c, &bb->events[e])) return false;
        }
        c.event = -1;
        if (!check_term(&c, bb)) return false;
    }
    return true;
}

bool ir_check_unit(const IrUnit *u, char *err, size_t n) {
    char buf[512];
    for (uint32_t i = 0; i <= u->nfuncs; i++) {
        const IrFunc *fn = i < u->nfuncs ? u->funcs[i] : u->init;
        if (!fn || ir_check_func(fn, buf, sizeof buf)) continue;
        if (n) snprintf(err, n, "%s: %s", fn->name ? fn->name : "<unnamed>", buf);
        return false;
    }
    if (n) err[0] = 0;
    return true;
}

bool ir_check_enabled(void) {
#ifdef RACECHECK_IR_CHECK
    return true;
#else
    return false;
#endif
}

void ir_check_debug(const IrFunc *fn, const char *stage) {
#ifdef RACECHECK_IR_CHECK
    char buf[512];
    if (ir_check_func(fn, buf, sizeof buf)) return;
    fprintf(stderr, "racecheck: internal error: malformed IR after %s in %s (%s:%u): %s\n", stage ? stage : "?",
            fn->name ? fn->name : "<unnamed>", fn->loc.file ? fn->loc.file : "?", fn->loc.line, buf);
    abort();
#else
    (void)fn;
    (void)stage;
#endif
}
