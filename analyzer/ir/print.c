/*
 * print.c - the deterministic text form of the IR printed by --dump-ir.
 *
 * One line per global, function header, local, loop, block, event and
 * terminator; flags as bracketed words after the item. Locations of events
 * print as line:col when they are in the unit's own file and as
 * basename:line:col otherwise, and function headers name only the file's
 * basename, so the output holds no absolute paths and can be compared
 * against golden files. Layout:
 *
 *   unit main.c
 *   global counter c:@counter : int [defined]
 *   func worker c:@F@worker (main.c:5:7)
 *     param 0 arg : void * [pointer]
 *     temps 0
 *     bb0:
 *       7:5 read counter [rmw]
 *       7:5 write counter [rmw]
 *       return
 *
 * Operands: `&path` (address), `path` (value), the function's name, an
 * integer constant, `?` (unknown); `+offset` marks pointer arithmetic.
 * A read or write whose path has a known layout ends with it in braces:
 *       9:9 write counters[id] [rmw] {[] 8/8}
 */
#include "ir.h"

#include <inttypes.h>
#include <string.h>

enum { PRINT_BUF = 1024 };

static const char *base_name(const char *p) {
    if (!p) return "?";
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static const char *str_or(const char *s, const char *dflt) {
    return s && s[0] ? s : dflt;
}

/* A USR with any embedded absolute path cut to its basename (the lowering
 * may name the "<init>" pseudo-function after the unit's path). */
static void print_usr(FILE *out, const char *usr) {
    const char *first = usr ? strchr(usr, '/') : NULL;
    if (!usr || !usr[0]) fputc('-', out);
    else if (!first) fputs(usr, out);
    else fprintf(out, "%.*s%s", (int)(first - usr), usr, strrchr(usr, '/') + 1);
}

/* line:col, prefixed by the basename when the file is not `ref`. */
static void print_loc(FILE *out, const IrLoc *loc, const char *ref) {
    if (loc->file && (!ref || strcmp(loc->file, ref) != 0))
        fprintf(out, "%s:", base_name(loc->file));
    fprintf(out, "%" PRIu32 ":%" PRIu32, loc->line, loc->col);
}

static void print_operand(FILE *out, const IrFunc *fn, const IrOperand *o) {
    char buf[PRINT_BUF];
    switch (o->kind) {
    case IR_OPD_CONST: fprintf(out, "%" PRId64, o->value); break;
    case IR_OPD_VALUE: fputs(ir_path_str(fn, &o->path, buf, sizeof buf), out); break;
    case IR_OPD_ADDR:
        ir_path_str(fn, &o->path, buf, sizeof buf);
        /* the address of *container_of(p, m) is container_of(p, m) */
        if (o->path.nsteps && o->path.steps[o->path.nsteps - 1].kind == IR_STEP_UP && buf[0] == '*') fputs(buf + 1, out);
        else fprintf(out, "&%s", buf);
        break;
    case IR_OPD_FUNC: fputs(str_or(o->name, "<func>"), out); break;
    default:
        fputc('?', out);
        if (ir_operand_narith(o)) { /* the arithmetic, postfix: `?(id chunk * 1 +)` */
            fputc('(', out);
            for (uint32_t i = 0; i < ir_operand_narith(o); i++) {
                const IrArith *t = &o->arith[i];
                if (i) fputc(' ', out);
                if (t->kind == IR_ARITH_CONST) fprintf(out, "%" PRId64, t->value);
                else if (t->kind == IR_ARITH_LOCAL) fputs(fn && t->local < fn->nlocals ? str_or(fn->locals[t->local].name, "?") : "?", out);
                else if (t->kind == IR_ARITH_TEMP) fprintf(out, "<tmp%u>", t->local);
                else {
                    static const char *const ops[] = {[IR_ARITH_ADD] = "+", [IR_ARITH_SUB] = "-", [IR_ARITH_MUL] = "*",
                                                      [IR_ARITH_NEG] = "neg", [IR_ARITH_DIV] = "/", [IR_ARITH_MOD] = "%",
                                                      [IR_ARITH_AND] = "&", [IR_ARITH_EQ] = "==", [IR_ARITH_NE] = "!="};
                    fputs(t->kind <= IR_ARITH_LAST && ops[t->kind] ? ops[t->kind] : "?", out);
                }
            }
            fputc(')', out);
        }
        break;
    }
    if (o->offset && (o->kind == IR_OPD_VALUE || o->kind == IR_OPD_ADDR)) fputs("+offset", out);
    if (o->record && o->kind == IR_OPD_VALUE) fputs("+record", out);
}

static void print_event_flags(FILE *out, unsigned flags) {
    if (flags & IR_EV_ATOMIC) fputs(" [atomic]", out);
    if (flags & IR_EV_RMW) fputs(" [rmw]", out);
    if (flags & IR_EV_POINTER) fputs(" [pointer]", out);
    if (flags & IR_EV_INIT) fputs(" [init]", out);
    if (flags & IR_EV_STEP_UP) fputs(" [up]", out);
    if (flags & IR_EV_STEP_DOWN) fputs(" [down]", out);
    if (flags & IR_EV_STEPPED) fputs(" [stepped]", out);
    if (flags & IR_EV_RECORD) fputs(" [record]", out);
}

/* The layout of a READ or WRITE path's steps, where known:
 * ` {[] 8/8, .hits +0:8}` (an element of size 8 and alignment 8; the field
 * hits at byte offset 0, 8 bytes; `^link -8:16`: up out of the member link,
 * 16 bytes at offset 8 of the enclosing object). A field of a struct or
 * union type (or an array of them) says `record` (IrFieldShape). */
static void print_layout(FILE *out, const IrPath *p) {
    bool any = false;
    for (uint32_t i = 0; i < p->nsteps; i++) {
        const IrStep *s = &p->steps[i];
        if (s->kind == IR_STEP_DEREF || (!s->elem_size && !s->elem_align)) continue;
        fputs(any ? ", " : " {", out);
        any = true;
        if (s->kind == IR_STEP_INDEX) fprintf(out, "[] %" PRIu32 "/%u", s->elem_size, (unsigned)s->elem_align);
        else if (s->kind == IR_STEP_UP)
            fprintf(out, "^%s -%" PRIu32 ":%u", str_or(s->field, "?"), s->field_offset, (unsigned)s->field_size);
        else fprintf(out, ".%s +%" PRIu32 ":%u%s", str_or(s->field, "<anon>"), s->field_offset, (unsigned)s->field_size,
                     s->field_shape == IR_FIELD_RECORD ? " record" : "");
    }
    if (any) fputc('}', out);
}

static void print_event(FILE *out, const IrFunc *fn, const IrEvent *e, const char *ref) {
    char buf[PRINT_BUF];
    fputs("    ", out);
    print_loc(out, &e->loc, ref);
    switch (e->kind) {
    case IR_EV_READ: fprintf(out, " read %s", ir_path_str(fn, &e->path, buf, sizeof buf)); break;
    case IR_EV_WRITE: fprintf(out, " write %s", ir_path_str(fn, &e->path, buf, sizeof buf)); break;
    case IR_EV_ASSIGN:
        fprintf(out, " assign %s := ", ir_path_str(fn, &e->path, buf, sizeof buf));
        print_operand(out, fn, e->src);
        break;
    case IR_EV_CALL:
        fputs(" call ", out);
        if (!e->call) {
            fputs("?()", out);
            break;
        }
        print_operand(out, fn, &e->call->callee);
        fputc('(', out);
        for (uint32_t i = 0; i < e->call->nargs; i++) {
            if (i) fputs(", ", out);
            print_operand(out, fn, &e->call->args[i]);
        }
        fputc(')', out);
        if (e->call->result >= 0) fprintf(out, " -> <tmp%" PRId32 ">", e->call->result);
        break;
    default: fprintf(out, " event%u", (unsigned)e->kind); break;
    }
    print_event_flags(out, e->flags);
    if (e->kind == IR_EV_WRITE && e->src && e->src->kind == IR_OPD_CONST && e->src->value != 1)
        fprintf(out, " [by %" PRId64 "]", e->src->value);
    if (e->kind == IR_EV_READ || e->kind == IR_EV_WRITE) print_layout(out, &e->path);
    fputc('\n', out);
}

static const char *cmp_str(unsigned cmp) {
    switch (cmp) {
    case IR_CMP_NE: return "!=";
    case IR_CMP_EQ: return "==";
    case IR_CMP_LT: return "<";
    case IR_CMP_LE: return "<=";
    case IR_CMP_GT: return ">";
    case IR_CMP_GE: return ">=";
    default: return "?";
    }
}

static void print_succ(FILE *out, const IrBlock *b, uint32_t i) {
    if (i < b->nsucc) fprintf(out, "bb%" PRIu32, b->succ[i]);
    else fputs("bb?", out);
}

static void print_term(FILE *out, const IrFunc *fn, const IrBlock *b) {
    const IrTerm *t = &b->term;
    fputs("    ", out);
    switch (t->kind) {
    case IR_TERM_GOTO:
        fputs("goto ", out);
        print_succ(out, b, 0);
        break;
    case IR_TERM_BRANCH:
        fputs("branch ", out);
        print_operand(out, fn, &t->cond);
        fprintf(out, " %s %" PRId64, cmp_str(t->cmp), t->rhs);
        if (ir_term_has_sym(t)) {
            fputs(" [", out);
            print_operand(out, fn, &t->sym_lhs);
            fprintf(out, " %s ", cmp_str(t->sym_cmp));
            print_operand(out, fn, &t->sym_rhs);
            if (t->sym_off) fprintf(out, " %s %" PRId64, t->sym_off < 0 ? "-" : "+", t->sym_off < 0 ? -t->sym_off : t->sym_off);
            fputc(']', out);
        }
        fputs(" ? ", out);
        print_succ(out, b, 0);
        fputs(" : ", out);
        print_succ(out, b, 1);
        break;
    case IR_TERM_SWITCH:
        fputs("switch", out);
        for (uint32_t i = 0; i < b->nsucc; i++) fprintf(out, " bb%" PRIu32, b->succ[i]);
        break;
    case IR_TERM_RETURN:
        fputs("return", out);
        if (t->ret.kind != IR_OPD_UNKNOWN) {
            fputc(' ', out);
            print_operand(out, fn, &t->ret);
        }
        break;
    case IR_TERM_EXIT: fputs("exit", out); break;
    default: fprintf(out, "term%u", (unsigned)t->kind); break;
    }
    fputc('\n', out);
}

static void print_local(FILE *out, const IrFunc *fn, uint32_t i) {
    const IrLocal *l = &fn->locals[i];
    fprintf(out, "  %s %" PRIu32 " %s : %s", i < fn->nparams ? "param" : "local", i, str_or(l->name, "<unnamed>"),
            str_or(l->type, "?"));
    if (l->flags & IR_LOCAL_ADDR_TAKEN) fputs(" [addr-taken]", out);
    if (l->flags & IR_LOCAL_POINTER) fputs(" [pointer]", out);
    if (l->flags & IR_LOCAL_ATOMIC) fputs(" [atomic]", out);
    if (l->flags & IR_LOCAL_ARRAY) fputs(" [array]", out);
    if (l->flags & IR_LOCAL_RECORD) fputs(" [record]", out);
    if (l->flags & IR_LOCAL_FUNC_POINTER) fputs(" [function-pointer]", out);
    fputc('\n', out);
}

/* ref: the file whose events print without a file name. */
static void print_func(FILE *out, const IrFunc *fn, const char *ref) {
    fprintf(out, "func %s ", str_or(fn->name, "?"));
    print_usr(out, fn->usr);
    fprintf(out, " (%s:%" PRIu32 ":%" PRIu32 ")", base_name(fn->loc.file), fn->loc.line, fn->loc.col);
    if (fn->is_static) fputs(" [static]", out);
    if (fn->is_hidden) fputs(" [hidden]", out);
    if (fn->is_variadic) fputs(" [variadic]", out);
    fputc('\n', out);
    for (uint32_t i = 0; i < fn->nlocals; i++) print_local(out, fn, i);
    fprintf(out, "  temps %" PRIu32 "\n", fn->ntemps);
    if (fn->va_temp) fprintf(out, "  va_arg <tmp%" PRIu32 ">\n", fn->va_temp - 1);
    for (uint32_t i = 0; i < fn->nloops; i++) {
        const IrLoop *l = &fn->loops[i];
        fprintf(out, "  loop %" PRIu32 ": header bb%" PRIu32 " exit bb%" PRIu32 " parent %" PRId32 "\n", i,
                l->header, l->exit, l->parent);
    }
    for (uint32_t bi = 0; bi < fn->nblocks; bi++) {
        const IrBlock *b = &fn->blocks[bi];
        if (b->loop >= 0) fprintf(out, "  bb%" PRIu32 " (loop %" PRId32 "):\n", bi, b->loop);
        else fprintf(out, "  bb%" PRIu32 ":\n", bi);
        for (uint32_t ei = 0; ei < b->nevents; ei++) print_event(out, fn, &b->events[ei], ref);
        print_term(out, fn, b);
    }
}

void ir_print_func(FILE *out, const IrFunc *fn) {
    print_func(out, fn, fn->loc.file);
}

static void print_global(FILE *out, const IrGlobal *g) {
    fprintf(out, "global %s ", str_or(g->name, "?"));
    print_usr(out, g->usr);
    fprintf(out, " : %s", str_or(g->type, "?"));
    if (g->flags & IR_GLOBAL_TLS) fputs(" [tls]", out);
    if (g->flags & IR_GLOBAL_ATOMIC) fputs(" [atomic]", out);
    if (g->flags & IR_GLOBAL_CONST) fputs(" [const]", out);
    if (g->flags & IR_GLOBAL_DEFINED) fputs(" [defined]", out);
    if (g->flags & IR_GLOBAL_STATIC) fputs(" [static]", out);
    if (g->flags & IR_GLOBAL_LOCAL_STATIC) fputs(" [local-static]", out);
    if (g->flags & IR_GLOBAL_POINTER) fputs(" [pointer]", out);
    fputc('\n', out);
}

void ir_print_unit(FILE *out, const IrUnit *u) {
    fprintf(out, "unit %s%s\n", base_name(u->path), u->parse_failed ? " [parse-failed]" : "");
    for (uint32_t i = 0; i < u->nglobals; i++) print_global(out, &u->globals[i]);
    for (uint32_t i = 0; i < u->nconverted; i++) fprintf(out, "converts %s\n", u->converted[i]);
    for (uint32_t i = 0; i < u->naliases; i++)
        fprintf(out, "alias %s = %s +%" PRIu32 ":%" PRIu32 "\n", u->aliases[i].a, u->aliases[i].b, u->aliases[i].offset,
                u->aliases[i].size);
    if (u->init) print_func(out, u->init, u->path);
    for (uint32_t i = 0; i < u->nfuncs; i++) print_func(out, u->funcs[i], u->path);
}
