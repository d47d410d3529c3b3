/*
 * lower_expr.c - lowering expressions (see lower.c for the overview):
 *   lw_rvalue  emits the events an expression performs and returns its value
 *              as an operand (constant, value of a path, address of a path,
 *              function, temporary, or unknown);
 *   lw_lvalue  returns the access path an lvalue designates, emitting only
 *              the reads needed to compute the address (p in p->f);
 *   lw_cond    lowers a condition into branches, short-circuiting && and ||
 *              and encoding `x`, `!x` and `x <cmp> constant` so trylock
 *              results can be tracked;
 * plus initialisers (field by field, so function pointers stored in tables
 * are visible to points-to). C11 atomic generic functions are AtomicExpr
 * nodes that libclang shows as unexposed expressions; they are lowered as
 * calls named after their first token (atomic_fetch_add), with the object
 * pointer as argument 0. Operands are evaluated as C says (docs/precision.md,
 * Expressions): VLA sizes in sizeof, only the selected association of
 * _Generic and operand of __builtin_choose_expr, `x ?: y` with x once, the
 * value of `({ ... })` from its last statement.
 */
#include "lower_int.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- expressions ----------------------------------------------------------------- */


/* Integer value of a constant expression, when cheap to know: literals,
 * enum constants, negation, and arithmetic on those nested at most
 * CONST_DEPTH deep (a long chain of additions is not walked again at each
 * of its levels). */
enum { CONST_DEPTH = 8 };

static bool const_value_at(CXCursor c, int64_t *v, int depth) {
    c = lw_strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_IntegerLiteral || k == CXCursor_CharacterLiteral) {
        long long x;
        if (!lw_eval_int(c, &x)) return false;
        *v = x;
        return true;
    }
    if (k == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(c);
        if (clang_getCursorKind(d) == CXCursor_EnumConstantDecl) {
            *v = clang_getEnumConstantDeclValue(d);
            return true;
        }
    }
    if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Minus) {
        Kids kd = lw_kids_of(c);
        bool ok = kd.len == 1 && depth < CONST_DEPTH && const_value_at(kd.data[0], v, depth + 1);
        vec_free(&kd);
        if (ok) *v = -*v;
        return ok;
    }
    if (k == CXCursor_BinaryOperator && depth < CONST_DEPTH) {
        /* arithmetic on constants (`N - 1` with N a macro): clang folds it */
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
        if (op < CXBinaryOperator_Mul || op > CXBinaryOperator_Or) return false; /* not an assignment or a logical op */
        Kids kd = lw_kids_of(c);
        int64_t a, b;
        bool ok = kd.len == 2 && const_value_at(kd.data[0], &a, depth + 1) && const_value_at(kd.data[1], &b, depth + 1);
        vec_free(&kd);
        long long x;
        if (!ok || !lw_eval_int(c, &x)) return false;
        *v = x;
        return true;
    }
    return false;
}

static bool const_value(CXCursor c, int64_t *v) {
    return const_value_at(c, v, 0);
}

bool lw_const_value(CXCursor c, int64_t *v) { return const_value(c, v); }

/* A string literal's text as clang prints it: in quotes, concatenated,
 * macros expanded, escapes written out ("%ld %s\n"): what the model reads
 * of a printf or scanf format. "\"...\"" when longer than IR_STRING_MAX. */
enum { IR_STRING_MAX = 256 };
static const char *string_text(Lower *L, CXCursor c) {
    CXString sp = clang_getCursorSpelling(c);
    const char *t = clang_getCString(sp);
    if (!t || !t[0] || strlen(t) > IR_STRING_MAX) {
        clang_disposeString(sp);
        return "\"...\"";
    }
    return lw_cx_take(L, sp);
}

/* The flags of a read or write of an lvalue of type t: atomic, and record
 * (a struct or union accessed as a whole: every field of it). */
static uint8_t access_flags(CXType t) {
    return (uint8_t)((type_is_atomic(t) ? IR_EV_ATOMIC : 0) | (lw_type_is_record(t) ? IR_EV_RECORD : 0));
}

/* Read an lvalue used as a value: arrays decay, functions designate. */
static IrOperand read_lvalue(Lower *L, CXCursor c, IrPath p) {
    CXType t = clang_getCursorType(c);
    if (type_is_array(t)) {
        IrOperand o = opd_unknown();
        o.kind = IR_OPD_ADDR;
        o.path = p;
        lw_mark_addr_taken(L, &p);
        return o;
    }
    if (type_is_function(t)) return opd_value(p);
    lw_emit_access(L, IR_EV_READ, p, access_flags(t), lw_loc_of(L, c));
    return opd_value(p);
}

/* A fresh temporary holding an unknown value, as a base path. */
static IrPath unknown_base(Lower *L) {
    return temp_path(lw_new_temp(L));
}

/* Path of the object a pointer-valued operand points to. */
IrPath lw_deref_operand(Lower *L, IrOperand o) {
    if (o.kind == IR_OPD_ADDR) {
        IrPath p = o.path;
        if (o.offset) {
            IrStep s = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_UNKNOWN};
            p = lw_path_step(L, p, s);
        }
        return p;
    }
    IrPath base = o.kind == IR_OPD_VALUE ? o.path : unknown_base(L);
    IrPath p = lw_path_step(L, base, step_deref());
    if (o.offset) {
        IrStep s = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_UNKNOWN};
        p = lw_path_step(L, p, s);
    }
    return p;
}

/* lw_deref_operand for a pointer of type ptr: the dereference it makes
 * names the record type ptr points to (IrStep.field), if any. */
IrPath lw_deref_typed(Lower *L, IrOperand o, CXType ptr) {
    IrPath d = lw_deref_operand(L, o);
    if (o.kind == IR_OPD_ADDR) return d; /* `(&x)->f`: no dereference made */
    /* the step just made: the last, or the one before the INDEX of `p + i` */
    uint32_t i = d.nsteps && d.steps[d.nsteps - 1].kind == IR_STEP_DEREF ? d.nsteps - 1 : d.nsteps - 2;
    if (d.nsteps && i < d.nsteps && d.steps[i].kind == IR_STEP_DEREF) d.steps[i].field = lw_pointee_record_key(L, ptr);
    return d;
}

static IrStep index_step(Lower *L, CXCursor idx) {
    IrStep s = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_UNKNOWN};
    int64_t v;
    if (const_value(idx, &v)) {
        s.index_kind = IR_INDEX_CONST;
        s.value = v;
        return s;
    }
    L->index_depth++;
    IrOperand o = lw_rvalue(L, idx);
    L->index_depth--;
    if (o.kind == IR_OPD_VALUE && o.path.root == IR_ROOT_LOCAL && o.path.nsteps == 0) {
        s.index_kind = IR_INDEX_LOCAL;
        s.local = o.path.id;
    } else if (o.kind == IR_OPD_VALUE && !o.offset && (o.path.root == IR_ROOT_LOCAL || o.path.root == IR_ROOT_GLOBAL)) {
        /* read through a local pointer (`*id`, `ctx->index`), one element
         * of an array at a named index (`order[i]`, `mj->by_size[item]`),
         * or a global (`buf[in]`): name the value by a temporary, so
         * per-thread data can recognise an instance index, claims a
         * permutation's element (claims.c) and ring buffers their cursor
         * (ring.c) */
        bool global = o.path.root == IR_ROOT_GLOBAL && !o.path.nsteps;
        uint32_t last = o.path.nsteps ? o.path.nsteps - 1 : 0;
        const IrStep *ls = o.path.nsteps ? &o.path.steps[last] : NULL;
        bool element = ls && ls->kind == IR_STEP_INDEX &&
                       (ls->index_kind == IR_INDEX_LOCAL || ls->index_kind == IR_INDEX_TEMP);
        bool named = global || element || (o.path.root == IR_ROOT_LOCAL && o.path.steps[0].kind == IR_STEP_DEREF);
        for (uint32_t i = 0; i < o.path.nsteps && i < last + !element; i++) {
            IrStepKind k = o.path.steps[i].kind;
            named &= k == IR_STEP_FIELD || (k == IR_STEP_DEREF && (element || !i));
        }
        if (named) {
            uint32_t t = lw_new_temp(L);
            lw_emit_assign(L, temp_path(t), o, 0, lw_loc_of(L, idx));
            s.index_kind = IR_INDEX_TEMP;
            s.local = t;
        }
    } else if (o.kind == IR_OPD_UNKNOWN) {
        s.value = ir_arith_key(&o); /* pairs a lock and data indexed alike (heldlocks.c) */
        /* and the arithmetic itself, for index ranges (instances.c): into a
         * temporary right before the access */
        if (s.value) lw_emit_assign(L, temp_path(lw_new_temp(L)), o, 0, lw_loc_of(L, idx));
    }
    return s;
}

static bool lower_member(Lower *L, CXCursor c, IrPath *out) {
    Kids kd = lw_kids_of(c);
    CXCursor base = clang_getNullCursor();
    for (size_t i = 0; i < kd.len; i++)
        if (is_expr(kd.data[i])) base = kd.data[i];
    vec_free(&kd);
    const char *field = lw_field_name(L, c);
    if (clang_Cursor_isNull(base)) return false;
    lw_note_union(L, c);
    CXType bt = clang_getCursorType(base);
    if (type_is_pointer(bt)) {
        IrOperand o = lw_rvalue(L, base);
        *out = lw_path_step(L, lw_deref_typed(L, o, bt), lw_field_layout(step_field(field), c));
        return true;
    }
    IrPath bp;
    if (!lw_lvalue(L, base, &bp)) return false;
    *out = lw_path_step(L, bp, lw_field_layout(step_field(field), c));
    return true;
}

static bool lower_subscript(Lower *L, CXCursor c, IrPath *out) {
    Kids kd = lw_kids_of(c);
    if (kd.len < 2) {
        vec_free(&kd);
        return false;
    }
    CXCursor base = kd.data[0], idx = kd.data[1];
    vec_free(&kd);
    CXCursor sb = lw_strip(base);
    if (!type_is_array(clang_getCursorType(sb)) && !type_is_pointer(clang_getCursorType(base))) {
        CXCursor t = base; /* i[a] */
        base = idx;
        idx = t;
        sb = lw_strip(base);
    }
    if (type_is_array(clang_getCursorType(sb))) {
        IrPath bp;
        if (!lw_lvalue(L, sb, &bp)) return false;
        *out = lw_path_step(L, bp, lw_index_layout(index_step(L, idx), clang_getCursorType(c)));
        return true;
    }
    IrOperand o = lw_rvalue(L, base);
    IrStep is = lw_index_layout(index_step(L, idx), clang_getCursorType(c));
    if (o.kind == IR_OPD_ADDR && !o.offset) *out = lw_path_step(L, o.path, is);
    else {
        o.offset = false;
        *out = lw_path_step(L, lw_deref_typed(L, o, clang_getCursorType(base)), is);
    }
    return true;
}

bool lw_lvalue(Lower *L, CXCursor c, IrPath *out) {
    if (++L->depth > MAX_DEPTH) {
        L->depth--;
        return false;
    }
    bool ok = false;
    enum CXCursorKind k = clang_getCursorKind(c);
    switch (k) {
    case CXCursor_ParenExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_CStyleCastExpr: {
        CXCursor s = lw_strip(c);
        if (!clang_equalCursors(s, c)) ok = lw_lvalue(L, s, out);
        break;
    }
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        ok = lw_var_path(L, d, out);
        break;
    }
    case CXCursor_MemberRefExpr: ok = lower_member(L, c, out); break;
    case CXCursor_ArraySubscriptExpr: ok = lower_subscript(L, c, out); break;
    case CXCursor_UnaryOperator: {
        if (clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Deref) {
            Kids kd = lw_kids_of(c);
            if (kd.len == 1) {
                IrOperand o = lw_rvalue(L, kd.data[0]);
                *out = lw_deref_typed(L, o, clang_getCursorType(kd.data[0]));
                ok = true;
            }
            vec_free(&kd);
        }
        break;
    }
    case CXCursor_CompoundLiteralExpr: { /* the unnamed object itself, not a copy */
        IrOperand o = lw_rvalue(L, c);
        *out = o.path;
        ok = o.kind == IR_OPD_VALUE || o.kind == IR_OPD_ADDR;
        break;
    }
    case CXCursor_StringLiteral: {
        memset(out, 0, sizeof *out);
        out->root = IR_ROOT_STRING;
        out->name = string_text(L, c);
        ok = true;
        break;
    }
    default: break;
    }
    if (!ok) {
        /* not an lvalue we understand (call result, statement expression...):
         * evaluate it and name the result by a temporary */
        IrOperand o = lw_rvalue(L, c);
        uint32_t t = lw_new_temp(L);
        *out = temp_path(t);
        lw_emit_assign(L, *out, o, lw_value_flags(L, clang_getCursorType(c)), lw_loc_of(L, c));
        ok = true;
    }
    L->depth--;
    return ok;
}

static const char *const noreturn_names[] = {
    "exit", "_exit", "_Exit", "abort", "quick_exit", "pthread_exit", "thrd_exit", "longjmp", "siglongjmp",
    "_longjmp", "__longjmp_chk", "__builtin_longjmp",
    "__assert_fail", "__assert_perror_fail", "__builtin_unreachable", "__builtin_trap", "err", "errx",
    "verr", "verrx", "__stack_chk_fail", "__builtin_abort", NULL};

static bool is_assumption(const char *name) {
    return !strcmp(name, "__VERIFIER_assume") || !strcmp(name, "__CPROVER_assume") || !strcmp(name, "__builtin_assume");
}

static bool is_noreturn(const char *name) {
    for (int i = 0; noreturn_names[i]; i++)
        if (!strcmp(name, noreturn_names[i])) return true;
    return false;
}

/* The spelling of the token at c's location, into buf (false: none). */
static bool token_at(CXCursor c, char *buf, size_t n) {
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
    CXToken *t = clang_getToken(tu, clang_getCursorLocation(c));
    if (!t) return false;
    CXString sp = clang_getTokenSpelling(tu, *t);
    const char *s = clang_getCString(sp);
    snprintf(buf, n, "%s", s ? s : "");
    clang_disposeString(sp);
    clang_disposeTokens(tu, t, 1);
    return true;
}

/* Is the token at c's location `word`? */
static bool first_token_is(CXCursor c, const char *word) {
    char tok[32];
    return token_at(c, tok, sizeof tok) && !strcmp(tok, word);
}

static enum CXChildVisitResult noreturn_attr(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    char tok[32];
    if (clang_getCursorKind(c) != CXCursor_UnexposedAttr || !token_at(c, tok, sizeof tok)) return CXChildVisit_Continue;
    if (!strcmp(tok, "_Noreturn") || !strcmp(tok, "noreturn") || !strcmp(tok, "__noreturn__")) *(bool *)data = true;
    return *(bool *)data ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Does a call of function declaration d never return? The C library's
 * (by name), `__attribute__((noreturn))` (part of the function's type),
 * `_Noreturn` and `[[noreturn]]` (attributes of the declaration). */
static bool decl_noreturn(CXCursor d, const char *name) {
    if (name && is_noreturn(name)) return true;
    CXString ts = clang_getTypeSpelling(clang_getCursorType(d));
    const char *t = clang_getCString(ts);
    bool nr = t && strstr(t, "__attribute__((noreturn))");
    clang_disposeString(ts);
    if (!nr) clang_visitChildren(d, noreturn_attr, &nr);
    return nr;
}

static void note_extern(Lower *L, const char *usr, const char *name, bool noreturn) {
    bool ins;
    void **slot = strmap_slot(&L->externs, usr, &ins);
    if (!ins) return;
    IrExtern e = {usr, name, noreturn};
    vec_push(&L->evec, e);
    *slot = (void *)(uintptr_t)L->evec.len;
}

/* A function designator under a conversion c (a cast, or an implicit
 * conversion clang shows as an unexposed expression) from its operand
 * `from`: when c's type is not a pointer to the function's own type (nor
 * that type), the function's address is converted (IrUnit.converted). */
static void note_conversion(Lower *L, CXCursor c, CXCursor from, const char *usr) {
    CXType to = canon(clang_getCursorType(c)), ft = canon(clang_getCursorType(from));
    if (ft.kind == CXType_Pointer) ft = canon(clang_getPointeeType(ft));
    if (to.kind == CXType_Pointer) {
        CXType pt = canon(clang_getPointeeType(to));
        if (pt.kind == CXType_FunctionProto || pt.kind == CXType_FunctionNoProto) to = pt;
    }
    if (to.kind != CXType_FunctionProto && to.kind != CXType_FunctionNoProto) {
        if (to.kind == CXType_Invalid || to.kind == CXType_Unexposed) return; /* not known: not a conversion */
    } else {
        CXString a = clang_getTypeSpelling(to), b = clang_getTypeSpelling(ft);
        bool same = !strcmp(clang_getCString(a), clang_getCString(b));
        clang_disposeString(a);
        clang_disposeString(b);
        if (same) return;
    }
    bool ins;
    strmap_slot(&L->converted, usr, &ins);
    if (ins) vec_push(&L->cvec, usr);
}

static IrOperand finish_call(Lower *L, CXCursor c, IrOperand callee, IrOperand *args, uint32_t nargs,
                             bool noreturn) {
    IrCall *call = ARENA_NEW(L->a, IrCall);
    call->callee = callee;
    call->nargs = nargs;
    call->args = nargs ? arena_memdup(L->a, args, nargs * sizeof(IrOperand)) : NULL;
    CXType rt = clang_getCursorType(c);
    call->result = canon(rt).kind == CXType_Void ? -1 : (int32_t)lw_new_temp(L);
    call->pointer_result = canon(rt).kind == CXType_Pointer && lw_pointer_class(rt) != 2;
    if (callee.kind != IR_OPD_FUNC) {
        Kids kd = lw_kids_of(c);
        if (kd.len) {
            CXType ft = canon(clang_getCursorType(kd.data[0]));
            if (ft.kind == CXType_Pointer) ft = canon(clang_getPointeeType(ft));
            if (ft.kind == CXType_FunctionProto) call->type = lw_cx_take(L, clang_getTypeSpelling(ft));
        }
        vec_free(&kd);
    }
    IrEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = IR_EV_CALL;
    ev.loc = lw_loc_of(L, c);
    ev.call = call;
    lw_emit(L, ev);
    if (noreturn) {
        IrTerm t;
        memset(&t, 0, sizeof t);
        t.kind = IR_TERM_EXIT;
        t.loc = ev.loc;
        lw_terminate(L, t, NULL, 0);
        lw_fresh(L);
    }
    return call->result >= 0 ? opd_value(temp_path((uint32_t)call->result)) : opd_unknown();
}

static IrOperand lower_call(Lower *L, CXCursor c) {
    CXCursor ref = clang_getCursorReferenced(c);
    int nargs = clang_Cursor_getNumArguments(c);
    IrOperand callee = opd_unknown();
    bool direct = false, noreturn = false;
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
        Kids kd = lw_kids_of(c);
        if (kd.len) {
            CXCursor cs = lw_strip(kd.data[0]);
            direct = clang_getCursorKind(cs) == CXCursor_DeclRefExpr &&
                     clang_equalCursors(clang_getCursorReferenced(cs), ref);
        }
        vec_free(&kd);
    }
    if (direct) {
        callee.kind = IR_OPD_FUNC;
        callee.name = lw_cx_take(L, clang_getCursorSpelling(ref));
        callee.usr = lw_cx_take(L, clang_getCursorUSR(ref));
        /* builtins whose value is their first argument */
        if ((!strcmp(callee.name, "__builtin_expect") || !strcmp(callee.name, "__builtin_expect_with_probability") ||
             !strcmp(callee.name, "__builtin_assume_aligned")) &&
            nargs >= 1) {
            IrOperand v = lw_rvalue(L, clang_Cursor_getArgument(c, 0));
            for (int i = 1; i < nargs; i++) lw_rvalue(L, clang_Cursor_getArgument(c, (unsigned)i));
            return v;
        }
        /* an assumption (the verification tools' `__VERIFIER_assume(c)` and
         * `__CPROVER_assume(c)`, clang's `__builtin_assume(c)`): the path
         * goes on only where the condition holds - a branch whose false
         * edge ends, so the condition refines what follows as a test does.
         * A program that defines the function itself is lowered as it says */
        if (nargs == 1 && is_assumption(callee.name) && clang_Cursor_isNull(clang_getCursorDefinition(ref))) {
            uint32_t bt = lw_new_block(L), bf = lw_new_block(L);
            lw_cond(L, clang_Cursor_getArgument(c, 0), bt, bf);
            lw_enter(L, bf);
            IrTerm t;
            memset(&t, 0, sizeof t);
            t.kind = IR_TERM_EXIT;
            t.loc = lw_loc_of(L, c);
            lw_terminate(L, t, NULL, 0);
            lw_enter(L, bt);
            return opd_unknown();
        }
        /* builtins that do not evaluate their arguments (their value is known
         * at compile time, or unknown) */
        if (!strcmp(callee.name, "__builtin_constant_p") || !strcmp(callee.name, "__builtin_object_size") ||
            !strcmp(callee.name, "__builtin_dynamic_object_size"))
            return opd_unknown();
        /* __sync builtins resolve to sized variants (__sync_fetch_and_add_4):
         * use the name as written */
        if (!strncmp(callee.name, "__sync_", 7) || !strncmp(callee.name, "__atomic_", 9)) {
            size_t n = strlen(callee.name);
            if (n > 2 && callee.name[n - 2] == '_' && callee.name[n - 1] >= '0' && callee.name[n - 1] <= '9')
                callee.name = arena_strndup(L->a, callee.name, n - 2);
            else if (n > 3 && callee.name[n - 3] == '_' && callee.name[n - 2] >= '0' && callee.name[n - 2] <= '9')
                callee.name = arena_strndup(L->a, callee.name, n - 3);
        }
        noreturn = decl_noreturn(ref, callee.name);
        if (!clang_isCursorDefinition(ref)) note_extern(L, callee.usr, callee.name, noreturn);
    } else {
        Kids kd = lw_kids_of(c);
        if (kd.len) callee = lw_rvalue(L, kd.data[0]);
        vec_free(&kd);
    }
    if (nargs < 0) nargs = 0;
    IrOperand *args = nargs ? xmalloc((size_t)nargs * sizeof(IrOperand)) : NULL;
    for (int i = 0; i < nargs; i++) {
        CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
        args[i] = lw_rvalue(L, a);
        args[i].record = args[i].kind == IR_OPD_VALUE && lw_type_is_record(clang_getCursorType(a));
    }
    IrOperand r = finish_call(L, c, callee, args, (uint32_t)nargs, noreturn);
    free(args);
    return r;
}

/* Name of an atomic builtin expression from its first token, or NULL. */
static char *atomic_name(Lower *L, CXCursor c) {
    CXSourceLocation sl = clang_getRangeStart(clang_getCursorExtent(c));
    CXFile f;
    unsigned line, col;
    clang_getExpansionLocation(sl, &f, &line, &col, NULL);
    if (!f) return NULL;
    CXSourceLocation start = clang_getLocation(L->tu, f, line, col);
    CXSourceRange r = clang_getRange(start, start);
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, r, &toks, &n);
    char *name = NULL;
    if (n) {
        CXString s = clang_getTokenSpelling(L->tu, toks[0]);
        const char *p = clang_getCString(s);
        if (p && (!strncmp(p, "atomic_", 7) || !strncmp(p, "__atomic_", 9) || !strncmp(p, "__c11_atomic_", 13)))
            name = arena_strdup(L->a, p);
        clang_disposeString(s);
    }
    if (toks) clang_disposeTokens(L->tu, toks, n);
    return name;
}

/* AtomicExpr: children are the object pointer first, then (in clang's
 * order) memory order, values, failure order. */
static IrOperand lower_atomic(Lower *L, CXCursor c, const Kids *kd, char *name) {
    if (!name) {
        /* no token (deep macro): classify by shape */
        bool isvoid = canon(clang_getCursorType(c)).kind == CXType_Void;
        name = (char *)(kd->len == 2 ? "__c11_atomic_load" : isvoid ? "__c11_atomic_store" : "__c11_atomic_fetch_add");
    }
    IrOperand callee = opd_unknown();
    callee.kind = IR_OPD_FUNC;
    callee.usr = "";
    callee.name = name;
    IrOperand *args = xmalloc((kd->len + 1) * sizeof(IrOperand));
    for (size_t i = 0; i < kd->len; i++) args[i] = lw_rvalue(L, kd->data[i]);
    IrOperand r = finish_call(L, c, callee, args, (uint32_t)kd->len, false);
    free(args);
    return r;
}

static void lower_init_into(Lower *L, IrPath dst, CXCursor init, CXType t, bool write, IrLoc loc);
static void branch(Lower *L, IrOperand cond, IrCmp cmp, int64_t rhs, uint32_t t, uint32_t f, IrLoc loc);

/* x op= v, x++, --x: READ then WRITE of x, both marked read-modify-write.
 * A pointer stepped this way still points into the same object. step: the
 * signed size when an integer is stepped up or down by a positive constant
 * (`i += 4`: 4, `--i`: -1; the WRITE says so and keeps the size, and the
 * value is marked LW_STEPPED for the assignment that stores it:
 * IR_EV_STEPPED), else 0. */
static IrOperand lower_rmw(Lower *L, CXCursor target, IrLoc loc, int64_t step) {
    IrPath p;
    if (!lw_lvalue(L, target, &p)) return opd_unknown();
    CXType t = clang_getCursorType(target);
    uint8_t fl = IR_EV_RMW | (type_is_atomic(t) ? IR_EV_ATOMIC : 0);
    bool integer = !type_is_pointer(t) && clang_getCanonicalType(t).kind >= CXType_Bool &&
                   clang_getCanonicalType(t).kind <= CXType_Int128;
    lw_emit_access(L, IR_EV_READ, p, fl, loc);
    ir_builder_emit_step(L->fb->b, p,
                         fl | (integer && step > 0 ? IR_EV_STEP_UP : 0) | (integer && step < 0 ? IR_EV_STEP_DOWN : 0),
                         integer && step ? (step > 0 ? step : -step) : 0, loc);
    if (integer && step) {
        IrOperand o = opd_unknown();
        o.value = LW_STEPPED;
        return o;
    }
    if (!type_is_pointer(t)) return opd_unknown();
    IrOperand o = opd_value(p);
    o.offset = true;
    return o;
}

/* ---- integer arithmetic (IrOperand.arith) ---- */

static bool integer_type(CXType t) {
    t = clang_getCanonicalType(t);
    return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

/* Is x the value of a named place in memory that arithmetic reads into a
 * temporary: a global, or in an index (`q[(q->head + 1) % N]`: a queue's
 * cursor, popped.c) also a field of one (`q.first`) or a field through a
 * local pointer (`q->head`)? Only in an index: a temporary's statement in
 * points-to copies the field's set, a large one where objects collapsed. */
static bool memory_term(const Lower *L, IrOperand x) {
    if (x.kind != IR_OPD_VALUE || x.offset || (x.path.root != IR_ROOT_GLOBAL && x.path.root != IR_ROOT_LOCAL))
        return false;
    if (!L->index_depth) return x.path.root == IR_ROOT_GLOBAL && !x.path.nsteps;
    if (x.path.root == IR_ROOT_LOCAL && (x.path.nsteps < 2 || x.path.steps[0].kind != IR_STEP_DEREF)) return false;
    for (uint32_t i = x.path.root == IR_ROOT_LOCAL; i < x.path.nsteps; i++)
        if (x.path.steps[i].kind != IR_STEP_FIELD) return false;
    return true;
}

/* Can operand x be a term of arithmetic (arith_terms)? */
static bool arith_fits(const Lower *L, IrOperand x) {
    return x.kind == IR_OPD_CONST || ir_operand_narith(&x) || memory_term(L, x) ||
           (x.kind == IR_OPD_VALUE && !x.path.nsteps && !x.offset &&
            (x.path.root == IR_ROOT_LOCAL || x.path.root == IR_ROOT_TEMP));
}

/* Append the terms of operand x (a constant, a bare local or temporary, a
 * named place in memory's value - read into a temporary at loc -, or
 * arithmetic already known) to terms; false when it is none of those or
 * too long. */
static bool arith_terms(Lower *L, IrOperand x, IrLoc loc, IrArith *terms, uint32_t *n) {
    bool bare = x.kind == IR_OPD_VALUE && !x.path.nsteps && !x.offset;
    if (x.kind == IR_OPD_CONST || (bare && (x.path.root == IR_ROOT_LOCAL || x.path.root == IR_ROOT_TEMP))) {
        if (*n >= IR_ARITH_MAX) return false;
        IrArith t = {x.kind == IR_OPD_CONST ? IR_ARITH_CONST : x.path.root == IR_ROOT_LOCAL ? IR_ARITH_LOCAL : IR_ARITH_TEMP,
                     x.kind == IR_OPD_CONST ? 0 : x.path.id, x.kind == IR_OPD_CONST ? x.value : 0};
        terms[(*n)++] = t;
        return true;
    }
    if (memory_term(L, x)) {
        if (*n >= IR_ARITH_MAX) return false;
        uint32_t tmp = lw_new_temp(L);
        lw_emit_assign(L, temp_path(tmp), x, 0, loc);
        terms[(*n)++] = (IrArith){IR_ARITH_TEMP, tmp, 0};
        return true;
    }
    if (!ir_operand_narith(&x) || *n + x.narith > IR_ARITH_MAX) return false;
    memcpy(terms + *n, x.arith, x.narith * sizeof(IrArith));
    *n += x.narith;
    return true;
}

/* The value of integer expression c, `a op b` (b unused for NEG), as an
 * UNKNOWN operand carrying its arithmetic when a and b are constants, bare
 * locals or arithmetic themselves (instances.c reads index ranges from it). */
static IrOperand arith_of(Lower *L, CXCursor c, IrArithKind op, IrOperand a, IrOperand b) {
    IrOperand o = opd_unknown();
    if (!integer_type(clang_getCursorType(c))) return o;
    IrArith terms[IR_ARITH_MAX];
    uint32_t n = 0;
    IrLoc loc = lw_loc_of(L, c);
    if (!arith_fits(L, a) || (op != IR_ARITH_NEG && !arith_fits(L, b)) || !arith_terms(L, a, loc, terms, &n) || (op != IR_ARITH_NEG && !arith_terms(L, b, loc, terms, &n)) ||
        n >= IR_ARITH_MAX)
        return o;
    terms[n++] = (IrArith){(uint8_t)op, 0, 0};
    o.narith = n;
    o.arith = arena_memdup(L->a, terms, n * sizeof(IrArith));
    return o;
}

static IrOperand lower_binary(Lower *L, CXCursor c, const Kids *kd) {
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
    if (kd->len < 2) return opd_unknown();
    int64_t folded;
    if (const_value(c, &folded)) return opd_const(folded); /* `N - 1`: no access, one value */
    CXCursor lhs = kd->data[0], rhs = kd->data[1];
    IrLoc loc = lw_loc_of(L, c);
    switch (op) {
    case CXBinaryOperator_Assign: {
        IrOperand v = lw_rvalue(L, rhs);
        IrPath p;
        if (!lw_lvalue(L, lhs, &p)) return v;
        CXType t = clang_getCursorType(lhs);
        lw_emit_access(L, IR_EV_WRITE, p, access_flags(t), loc);
        lw_emit_assign(L, p, v, lw_value_flags(L, t), loc);
        return v;
    }
    case CXBinaryOperator_MulAssign: case CXBinaryOperator_DivAssign: case CXBinaryOperator_RemAssign:
    case CXBinaryOperator_AddAssign: case CXBinaryOperator_SubAssign: case CXBinaryOperator_ShlAssign:
    case CXBinaryOperator_ShrAssign: case CXBinaryOperator_AndAssign: case CXBinaryOperator_XorAssign:
    case CXBinaryOperator_OrAssign: {
        IrOperand v = lw_rvalue(L, rhs);
        int64_t step = 0; /* the signed size of a step by a positive constant */
        if (v.kind == IR_OPD_CONST && v.value > 0)
            step = op == CXBinaryOperator_AddAssign ? v.value : op == CXBinaryOperator_SubAssign ? -v.value : 0;
        return lower_rmw(L, lhs, loc, step);
    }
    case CXBinaryOperator_LAnd: case CXBinaryOperator_LOr: {
        uint32_t bt = lw_new_block(L), bf = lw_new_block(L), join = lw_new_block(L);
        uint32_t t = lw_new_temp(L);
        lw_cond(L, c, bt, bf);
        lw_enter(L, bt);
        lw_emit_assign(L, temp_path(t), opd_const(1), 0, loc);
        lw_jump(L, join);
        lw_enter(L, bf);
        lw_emit_assign(L, temp_path(t), opd_const(0), 0, loc);
        lw_jump(L, join);
        lw_enter(L, join);
        return opd_value(temp_path(t));
    }
    case CXBinaryOperator_Comma:
        lw_rvalue(L, lhs);
        return lw_rvalue(L, rhs);
    case CXBinaryOperator_Add: case CXBinaryOperator_Sub: {
        IrOperand a = lw_rvalue(L, lhs);
        IrOperand b = lw_rvalue(L, rhs);
        IrOperand up;
        if (op == CXBinaryOperator_Sub && type_is_pointer(clang_getCursorType(c)) && lw_pointer_sub(L, lhs, rhs, a, &up))
            return up; /* container_of: lower_ptr.c */
        if (type_is_pointer(clang_getCursorType(c))) {
            bool left = type_is_pointer(clang_getCursorType(lhs)) || type_is_array(clang_getCursorType(lw_strip(lhs)));
            IrOperand p = left ? a : b, n = left ? b : a;
            if (p.kind != IR_OPD_VALUE && p.kind != IR_OPD_ADDR) return opd_unknown();
            /* `p + i` by a plain local is `&p[i]`: the element it names, as
             * the subscript spells it (`res + i` handed to the i-th thread
             * is its own element). Not for byte pointers, whose arithmetic
             * moves through a record's fields (lower_ptr.c), nor constant
             * steps (`next + 1`: a cursor walking its buffer) */
            CXType pt = clang_getCursorType(c);
            enum CXTypeKind ek = clang_getCanonicalType(clang_getPointeeType(pt)).kind;
            bool bytes = ek == CXType_Void || ek == CXType_Char_S || ek == CXType_Char_U || ek == CXType_SChar ||
                         ek == CXType_UChar;
            IrStep is = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_LOCAL};
            if (op == CXBinaryOperator_Add && !p.offset && !bytes && n.kind == IR_OPD_VALUE && !n.offset &&
                n.path.root == IR_ROOT_LOCAL && !n.path.nsteps) {
                is.local = n.path.id;
                is = lw_index_layout(is, clang_getPointeeType(pt));
                IrOperand r = opd_unknown();
                r.kind = IR_OPD_ADDR;
                r.path = lw_path_step(L, p.kind == IR_OPD_ADDR ? p.path : lw_deref_typed(L, p, pt), is);
                return r;
            }
            p.offset = true;
            return p;
        }
        return arith_of(L, c, op == CXBinaryOperator_Add ? IR_ARITH_ADD : IR_ARITH_SUB, a, b);
    }
    case CXBinaryOperator_EQ: case CXBinaryOperator_NE: {
        /* as a value (`int got = trylock(&m) == 0;`); a condition is
         * lowered by lw_cond */
        IrOperand a = lw_rvalue(L, lhs);
        IrOperand b = lw_rvalue(L, rhs);
        return arith_of(L, c, op == CXBinaryOperator_EQ ? IR_ARITH_EQ : IR_ARITH_NE, a, b);
    }
    case CXBinaryOperator_Mul: case CXBinaryOperator_Div: case CXBinaryOperator_Rem: case CXBinaryOperator_And: {
        IrOperand a = lw_rvalue(L, lhs);
        IrOperand b = lw_rvalue(L, rhs);
        return arith_of(L, c, op == CXBinaryOperator_Mul ? IR_ARITH_MUL : op == CXBinaryOperator_Div ? IR_ARITH_DIV
                              : op == CXBinaryOperator_Rem ? IR_ARITH_MOD : IR_ARITH_AND, a, b);
    }
    default:
        lw_rvalue(L, lhs);
        lw_rvalue(L, rhs);
        return opd_unknown();
    }
}

static IrOperand lower_unary(Lower *L, CXCursor c, const Kids *kd) {
    enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
    if (kd->len < 1) return opd_unknown();
    CXCursor sub = kd->data[0];
    IrLoc loc = lw_loc_of(L, c);
    switch (op) {
    case CXUnaryOperator_AddrOf: {
        CXCursor s = lw_strip(sub);
        if (clang_getCursorKind(s) == CXCursor_DeclRefExpr &&
            clang_getCursorKind(clang_getCursorReferenced(s)) == CXCursor_FunctionDecl)
            return lw_rvalue(L, s);
        IrPath p;
        if (!lw_lvalue(L, sub, &p)) return opd_unknown();
        lw_mark_addr_taken(L, &p);
        IrOperand o = opd_unknown();
        /* &a[i] is a pointer into a: address of a with an offset */
        if (p.nsteps && p.steps[p.nsteps - 1].kind == IR_STEP_INDEX) {
            o.kind = IR_OPD_ADDR;
            o.path = p;
            return o;
        }
        o.kind = IR_OPD_ADDR;
        o.path = p;
        return o;
    }
    case CXUnaryOperator_Deref: {
        IrPath p;
        if (!lw_lvalue(L, c, &p)) return opd_unknown();
        return read_lvalue(L, c, p);
    }
    case CXUnaryOperator_PostInc: case CXUnaryOperator_PostDec:
    case CXUnaryOperator_PreInc: case CXUnaryOperator_PreDec: {
        return lower_rmw(L, sub, loc, op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreInc ? 1 : -1);
    }
    case CXUnaryOperator_LNot: {
        lw_rvalue(L, sub);
        return opd_unknown();
    }
    case CXUnaryOperator_Extension: return lw_rvalue(L, sub);
    case CXUnaryOperator_Minus: { /* `return -1;` is a constant */
        int64_t v;
        if (const_value(c, &v)) return opd_const(v);
        IrOperand a = lw_rvalue(L, sub);
        return arith_of(L, c, IR_ARITH_NEG, a, a);
    }
    default:
        lw_rvalue(L, sub);
        return opd_unknown();
    }
}

static IrOperand lower_conditional(Lower *L, CXCursor c, const Kids *kd) {
    if (kd->len < 3) {
        for (size_t i = 0; i < kd->len; i++) lw_rvalue(L, kd->data[i]);
        return opd_unknown();
    }
    uint32_t bt = lw_new_block(L), bf = lw_new_block(L), join = lw_new_block(L);
    uint32_t t = lw_new_temp(L);
    uint8_t fl = lw_value_flags(L, clang_getCursorType(c));
    IrLoc loc = lw_loc_of(L, c);
    lw_cond(L, kd->data[0], bt, bf);
    lw_enter(L, bt);
    lw_emit_assign(L, temp_path(t), lw_rvalue(L, kd->data[1]), fl, loc);
    lw_jump(L, join);
    lw_enter(L, bf);
    lw_emit_assign(L, temp_path(t), lw_rvalue(L, kd->data[2]), fl, loc);
    lw_jump(L, join);
    lw_enter(L, join);
    return opd_value(temp_path(t));
}


/* sizeof and _Alignof (libclang's UnaryExpr) do not evaluate their operand,
 * except sizeof of a variable-length array type (C11 6.5.3.4p2): then the
 * operand expression is evaluated (`sizeof *pp`), or the size expressions
 * of the type name are (`sizeof(int[n])` reads n). A sizeof is of a VLA
 * type exactly when it is not a constant; the children are then the operand
 * expression or the type name's size expressions. */
static void lower_sizeof(Lower *L, CXCursor c) {
    CXEvalResult er = clang_Cursor_Evaluate(c);
    if (er) {
        clang_EvalResult_dispose(er);
        return;
    }
    if (!first_token_is(c, "sizeof")) return;
    /* libclang may show a type name's size expression twice (through the
     * type and as the operand): evaluate each place once */
    Kids kd = lw_kids_of(c);
    for (size_t i = 0; i < kd.len; i++) {
        if (!is_expr(kd.data[i])) continue;
        unsigned off = offset_of(clang_getRangeStart(clang_getCursorExtent(kd.data[i])));
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = is_expr(kd.data[j]) && offset_of(clang_getRangeStart(clang_getCursorExtent(kd.data[j]))) == off;
        if (!seen) lw_rvalue(L, kd.data[i]);
    }
    vec_free(&kd);
}

/* ({ s1; ...; e; }): the statements in order; the value is the last one's
 * when it is an expression. */
static IrOperand lower_stmt_expr(Lower *L, CXCursor c) {
    IrOperand r = opd_unknown();
    Kids kd = lw_kids_of(c);
    for (size_t i = 0; i < kd.len; i++) {
        if (clang_getCursorKind(kd.data[i]) != CXCursor_CompoundStmt) {
            lw_stmt(L, kd.data[i]);
            continue;
        }
        Kids body = lw_kids_of(kd.data[i]);
        for (size_t j = 0; j < body.len; j++) {
            if (j + 1 == body.len && is_expr(body.data[j])) r = lw_rvalue(L, body.data[j]);
            else lw_stmt(L, body.data[j]);
        }
        vec_free(&body);
    }
    vec_free(&kd);
    return r;
}

/* __builtin_choose_expr(c, a, b): a if the constant c is non-zero, else b;
 * the other one is not evaluated. The children are c, then (libclang may
 * repeat c) a and b last. An unknown c evaluates both. */
static IrOperand lower_choose(const Kids *kd, Lower *L) {
    CXCursor ex[64];
    size_t n = 0;
    for (size_t i = 0; i < kd->len && n < 64; i++)
        if (is_expr(kd->data[i])) ex[n++] = kd->data[i];
    CXEvalResult er = clang_Cursor_Evaluate(ex[0]);
    int pick = -1;
    if (er) {
        if (clang_EvalResult_getKind(er) == CXEval_Int) pick = clang_EvalResult_getAsLongLong(er) != 0 ? 0 : 1;
        clang_EvalResult_dispose(er);
    }
    if (pick >= 0) return lw_rvalue(L, ex[n - 2 + (size_t)pick]);
    lw_rvalue(L, ex[n - 2]);
    lw_rvalue(L, ex[n - 1]);
    return opd_unknown();
}

/* Is c, an unexposed expression with four expression children, GNU's
 * `x ?: y` (clang's BinaryConditionalOperator: the common operand x, then
 * the condition and the true value, both opaque values standing for x,
 * then y)? libclang shows an opaque value as its source expression, so the
 * first three children are the same cursor. */
static bool binary_conditional(const Kids *kd) {
    return kd->len == 4 && clang_equalCursors(kd->data[0], kd->data[1]) &&
           clang_equalCursors(kd->data[0], kd->data[2]);
}

/* x ?: y: x evaluated once; its value if non-zero, else y evaluated. */
static IrOperand lower_binary_conditional(Lower *L, CXCursor c, const Kids *kd) {
    uint32_t bt = lw_new_block(L), bf = lw_new_block(L), join = lw_new_block(L);
    uint32_t t = lw_new_temp(L);
    uint8_t fl = lw_value_flags(L, clang_getCursorType(c));
    IrLoc loc = lw_loc_of(L, c);
    IrOperand x = lw_rvalue(L, kd->data[0]);
    lw_emit_assign(L, temp_path(t), x, fl, loc);
    branch(L, x, IR_CMP_NE, 0, bt, bf, loc);
    lw_enter(L, bt);
    lw_jump(L, join);
    lw_enter(L, bf);
    lw_emit_assign(L, temp_path(t), lw_rvalue(L, kd->data[3]), fl, loc);
    lw_jump(L, join);
    lw_enter(L, join);
    return opd_value(temp_path(t));
}

/* Append word to the name being built in buf (length *len), a space
 * between words; false when it does not fit. */
static bool name_append(char *buf, size_t cap, size_t *len, const char *word) {
    size_t wl = strlen(word);
    if (*len + wl + 2 >= cap) return false;
    if (*len) buf[(*len)++] = ' ';
    memcpy(buf + *len, word, wl);
    *len += wl;
    buf[*len] = 0;
    return true;
}

static enum CXChildVisitResult collect_typedef(CXCursor c, CXCursor parent, CXClientData d) {
    (void)parent;
    Lower *L = d;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_TypedefDecl) {
        char *name = lw_cx_take(L, clang_getCursorSpelling(c));
        if (!strmap_get(&L->typedefs, name))
            strmap_put(&L->typedefs, name, lw_cx_take(L, clang_getTypeSpelling(canon(clang_getCursorType(c)))));
    } else if (k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl) {
        return CXChildVisit_Recurse;
    }
    return CXChildVisit_Continue;
}

/* The canonical spelling of the file-scope typedef `name`, or NULL.
 * libclang does not show the type names of _Generic associations as
 * cursors, so they are looked up by name (the unit's typedefs are
 * collected on the first use). */
static const char *typedef_canon(Lower *L, const char *name) {
    if (!L->typedefs_done) {
        L->typedefs_done = true;
        clang_visitChildren(clang_getTranslationUnitCursor(L->tu), collect_typedef, L);
    }
    return strmap_get(&L->typedefs, name);
}

/* The type names of a _Generic's associations, from its tokens: the text
 * before the first `:` of each top-level comma-separated part after the
 * controlling expression, tokens joined by one space ("unsigned long",
 * "struct s *", "default"), as written (names[2i]) and with typedef names
 * replaced by their canonical type (names[2i+1]: "size_t" is "unsigned
 * long"; "?" when a name in it is none of the unit's typedefs, nor a tag:
 * a macro, say). Returns the count (at most max); 0 when the tokens are not there
 * or do not have that shape. */
static size_t generic_type_names(Lower *L, CXCursor c, char **names, size_t max) {
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->tu, clang_getCursorExtent(c), &toks, &n);
    size_t count = 0, part = 0;
    int depth = 0;
    bool in_type = false, ok = n > 2, unresolved = false, after_tag = false;
    char raw[256], exp[256];
    size_t rlen = 0, elen = 0;
    for (unsigned i = 0; i < n && ok; i++) {
        CXString sp = clang_getTokenSpelling(L->tu, toks[i]);
        const char *s = clang_getCString(sp);
        if (i == 0) ok = !strcmp(s, "_Generic");
        else if (!strcmp(s, "(") || !strcmp(s, "[") || !strcmp(s, "{")) depth++;
        else if (!strcmp(s, ")") || !strcmp(s, "]") || !strcmp(s, "}")) {
            if (--depth == 0) {
                clang_disposeString(sp);
                break;
            }
        } else if (depth == 1 && !strcmp(s, ",")) {
            part++;
            in_type = true;
            unresolved = after_tag = false;
            rlen = elen = 0;
            s = NULL;
        } else if (depth == 1 && in_type && !strcmp(s, ":")) {
            in_type = false;
            if (count < max) {
                names[2 * count] = arena_strndup(L->a, raw, rlen);
                names[2 * count + 1] = unresolved ? "?" : arena_strndup(L->a, exp, elen);
                count++;
            } else {
                ok = false;
            }
            s = NULL;
        }
        if (s && in_type && depth >= 1) {
            const char *e = s;
            if (clang_getTokenKind(toks[i]) == CXToken_Identifier) {
                const char *t = typedef_canon(L, s);
                if (t) e = t;
                else if (!after_tag) unresolved = true; /* a macro, a local typedef */
            }
            after_tag = !strcmp(s, "struct") || !strcmp(s, "union") || !strcmp(s, "enum");
            ok = name_append(raw, sizeof raw, &rlen, s) && name_append(exp, sizeof exp, &elen, e);
        }
        clang_disposeString(sp);
    }
    if (toks) clang_disposeTokens(L->tu, toks, n);
    return ok && count == part ? count : 0;
}

/* _Generic(x, T1: e1, ...): only the selected association is evaluated
 * (the controlling expression is not). libclang does not say which one is
 * selected: the candidates are the associations whose expression has the
 * selection's type; among them, the one whose type name is spelled like
 * x's type (after lvalue conversion, typedefs resolved), else `default`
 * unless some candidate's type name could not be read. When that does not
 * decide, any candidate may be the one (a branch to each). PRECISION:
 * a macro as a type name leaves the choice open (docs/precision.md). */
static IrOperand lower_generic(Lower *L, CXCursor c) {
    Kids kd = lw_kids_of(c), assoc = {0};
    bool first = true;
    CXType ctl = {0};
    for (size_t i = 0; i < kd.len; i++) {
        if (!is_expr(kd.data[i])) continue;
        if (first) ctl = clang_getCursorType(kd.data[i]);
        else vec_push(&assoc, kd.data[i]);
        first = false;
    }
    vec_free(&kd);
    enum { MAX_ASSOC = 64 };
    char *names[2 * MAX_ASSOC];
    size_t nn = assoc.len <= MAX_ASSOC ? generic_type_names(L, c, names, MAX_ASSOC) : 0;
    if (nn != assoc.len) nn = 0;
    CXType rt = clang_getCursorType(c);
    VEC(size_t) cand = {0};
    for (size_t i = 0; i < assoc.len; i++)
        if (clang_equalTypes(clang_getCursorType(assoc.data[i]), rt)) vec_push(&cand, i);
    size_t pick = SIZE_MAX;
    if (nn && cand.len > 1) {
        CXType cc = canon(ctl);
        char *sp[2] = {lw_cx_take(L, clang_getTypeSpelling(ctl)), lw_cx_take(L, clang_getTypeSpelling(cc))};
        for (size_t i = 0; i < cand.len && pick == SIZE_MAX; i++)
            for (int k = 0; k < 4; k++)
                if (!strcmp(names[2 * cand.data[i] + k / 2], sp[k % 2])) pick = cand.data[i];
        bool unsure = false; /* a candidate whose type name could not be resolved */
        for (size_t i = 0; i < cand.len; i++) unsure |= !strcmp(names[2 * cand.data[i] + 1], "?");
        for (size_t i = 0; i < cand.len && pick == SIZE_MAX && !unsure; i++)
            if (!strcmp(names[2 * cand.data[i]], "default")) pick = cand.data[i];
    } else if (cand.len == 1) {
        pick = cand.data[0];
    }
    IrOperand r = opd_unknown();
    if (pick != SIZE_MAX) {
        r = lw_rvalue(L, assoc.data[pick]);
    } else if (cand.len) {
        uint32_t t = lw_new_temp(L), join = lw_new_block(L);
        uint8_t fl = lw_value_flags(L, rt);
        IrLoc loc = lw_loc_of(L, c);
        uint32_t *targets = xmalloc(cand.len * sizeof *targets);
        for (size_t i = 0; i < cand.len; i++) targets[i] = lw_new_block(L);
        IrTerm term;
        memset(&term, 0, sizeof term);
        term.kind = IR_TERM_SWITCH;
        term.loc = loc;
        lw_terminate(L, term, targets, cand.len);
        for (size_t i = 0; i < cand.len; i++) {
            lw_enter(L, targets[i]);
            lw_emit_assign(L, temp_path(t), lw_rvalue(L, assoc.data[cand.data[i]]), fl, loc);
            lw_jump(L, join);
        }
        lw_enter(L, join);
        free(targets);
        r = opd_value(temp_path(t));
    }
    vec_free(&cand);
    vec_free(&assoc);
    return r;
}

IrOperand lw_rvalue(Lower *L, CXCursor c) {
    if (++L->depth > MAX_DEPTH) {
        L->depth--;
        if (!L->depth_warned) {
            IrLoc l = lw_loc_of(L, c);
            diag_report(L->diags, DIAG_NOTE, l.file, l.line, l.col,
                        "expression nested too deeply; its inner parts are not analysed");
            L->depth_warned = true;
        }
        return opd_unknown();
    }
    IrOperand r = opd_unknown();
    enum CXCursorKind k = clang_getCursorKind(c);
    Kids kd = {0};
    switch (k) {
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral: {
        int64_t v;
        if (const_value(c, &v)) r = opd_const(v);
        break;
    }
    case CXCursor_FloatingLiteral:
    case CXCursor_ImaginaryLiteral:
    case CXCursor_CXXNullPtrLiteralExpr:
        break;
    case CXCursor_UnaryExpr:
        lower_sizeof(L, c);
        break;
    case CXCursor_GenericSelectionExpr:
        r = lower_generic(L, c);
        break;
    case CXCursor_StringLiteral: {
        IrPath p;
        lw_lvalue(L, c, &p);
        r.kind = IR_OPD_ADDR;
        r.path = p;
        break;
    }
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        enum CXCursorKind dk = clang_getCursorKind(d);
        if (dk == CXCursor_FunctionDecl) {
            r.kind = IR_OPD_FUNC;
            r.name = lw_cx_take(L, clang_getCursorSpelling(d));
            r.usr = lw_cx_take(L, clang_getCursorUSR(d));
            if (!clang_isCursorDefinition(d)) note_extern(L, r.usr, r.name, decl_noreturn(d, r.name));
        } else if (dk == CXCursor_EnumConstantDecl) {
            r = opd_const(clang_getEnumConstantDeclValue(d));
        } else {
            IrPath p;
            if (lw_var_path(L, d, &p)) r = read_lvalue(L, c, p);
        }
        break;
    }
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr: {
        IrPath p;
        if (lw_lvalue(L, c, &p)) r = read_lvalue(L, c, p);
        break;
    }
    case CXCursor_CallExpr: r = lower_call(L, c); break;
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        kd = lw_kids_of(c);
        r = lower_binary(L, c, &kd);
        break;
    case CXCursor_UnaryOperator:
        kd = lw_kids_of(c);
        r = lower_unary(L, c, &kd);
        break;
    case CXCursor_ConditionalOperator:
        kd = lw_kids_of(c);
        r = lower_conditional(L, c, &kd);
        break;
    case CXCursor_CompoundLiteralExpr: {
        uint32_t t = lw_new_temp(L);
        kd = lw_kids_of(c);
        for (size_t i = 0; i < kd.len; i++)
            if (clang_getCursorKind(kd.data[i]) == CXCursor_InitListExpr)
                lower_init_into(L, temp_path(t), kd.data[i], clang_getCursorType(c), false, lw_loc_of(L, c));
        r.kind = type_is_array(clang_getCursorType(c)) ? IR_OPD_ADDR : IR_OPD_VALUE;
        r.path = temp_path(t);
        break;
    }
    case CXCursor_StmtExpr: r = lower_stmt_expr(L, c); break;
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
    case CXCursor_UnexposedExpr: {
        kd = lw_kids_of(c);
        size_t nexpr = 0;
        CXCursor last = clang_getNullCursor();
        for (size_t i = 0; i < kd.len; i++)
            if (is_expr(kd.data[i])) {
                nexpr++;
                last = kd.data[i];
            }
        if (k == CXCursor_UnexposedExpr && lw_is_offsetof(c)) {
            /* offsetof(typeof(*p), m[i]): only the array indices are evaluated */
            for (size_t i = 1; i < kd.len; i++)
                if (is_expr(kd.data[i])) lw_rvalue(L, kd.data[i]);
            break;
        }
        if (nexpr == 1 && k == CXCursor_UnexposedExpr &&
            (first_token_is(c, "va_arg") || first_token_is(c, "__builtin_va_arg"))) {
            /* va_arg(ap, T): the next variadic argument, not ap (whose
             * array type decays to the address of the local): the
             * function's one temporary standing for every variadic
             * argument of every call (IrFunc.va_temp, points-to binds it) */
            lw_rvalue(L, last);
            r = opd_value(temp_path(ir_builder_va_temp(L->fb->b)));
            break;
        }
        if (nexpr == 1) {
            r = lw_rvalue(L, last);
            if (r.kind == IR_OPD_FUNC && r.usr && k != CXCursor_ParenExpr) note_conversion(L, c, last, r.usr);
            if (k == CXCursor_CStyleCastExpr) r = lw_cast_pointer(L, c, last, r); /* lower_ptr.c */
            break;
        }
        if (k == CXCursor_CStyleCastExpr && nexpr > 1) {
            /* the operand is the last child; the others belong to the type
             * named: `(typeof(*pos) *)p` (list_for_each_entry) does not
             * evaluate *pos, a cast to a variably modified type evaluates
             * its array sizes */
            if (lw_type_is_vm(clang_getCursorType(c)))
                for (size_t i = 0; i < kd.len; i++)
                    if (is_expr(kd.data[i]) && !clang_equalCursors(kd.data[i], last)) lw_rvalue(L, kd.data[i]);
            r = lw_rvalue(L, last);
            if (r.kind == IR_OPD_FUNC && r.usr) note_conversion(L, c, last, r.usr);
            r = lw_cast_pointer(L, c, last, r);
            break;
        }
        if (k == CXCursor_UnexposedExpr && nexpr >= 3 && first_token_is(c, "__builtin_choose_expr")) {
            r = lower_choose(&kd, L);
            break;
        }
        if (k == CXCursor_UnexposedExpr && nexpr == 4 && binary_conditional(&kd)) {
            r = lower_binary_conditional(L, c, &kd);
            break;
        }
        if (k == CXCursor_UnexposedExpr && nexpr >= 2) {
            char *name = atomic_name(L, c);
            CXType t0 = clang_getCursorType(kd.data[0]);
            if (name || (type_is_pointer(t0) && clang_getCursorKind(kd.data[0]) == CXCursor_UnaryOperator)) {
                r = lower_atomic(L, c, &kd, name);
                break;
            }
        }
        for (size_t i = 0; i < kd.len; i++) {
            if (is_expr(kd.data[i])) lw_rvalue(L, kd.data[i]);
            else if (clang_isStatement(clang_getCursorKind(kd.data[i]))) lw_stmt(L, kd.data[i]);
        }
        break;
    }
    case CXCursor_InitListExpr:
    default:
        kd = lw_kids_of(c);
        for (size_t i = 0; i < kd.len; i++) {
            if (is_expr(kd.data[i])) lw_rvalue(L, kd.data[i]);
            else if (clang_isStatement(clang_getCursorKind(kd.data[i]))) lw_stmt(L, kd.data[i]);
        }
        break;
    }
    vec_free(&kd);
    L->depth--;
    return r;
}

/* ---- conditions ------------------------------------------------------------------- */

static void branch(Lower *L, IrOperand cond, IrCmp cmp, int64_t rhs, uint32_t t, uint32_t f, IrLoc loc) {
    ir_builder_branch(L->fb->b, cond, cmp, rhs, t, f, loc);
}

/* The value of `x + c` or `x - c` (c a constant) with *off = +-c, else of e. */
static IrOperand var_plus_const(Lower *L, CXCursor e, int64_t *off) {
    *off = 0;
    CXCursor s = lw_strip(e);
    if (clang_getCursorKind(s) == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(s);
        Kids kd = lw_kids_of(s);
        int64_t v;
        if (kd.len == 2 && (op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub) && const_value(kd.data[1], &v)) {
            IrOperand o = lw_rvalue(L, kd.data[0]);
            *off = op == CXBinaryOperator_Add ? v : -v;
            vec_free(&kd);
            return o;
        }
        vec_free(&kd);
    }
    return lw_rvalue(L, e);
}

static IrCmp swap_cmp(IrCmp c) {
    switch (c) {
    case IR_CMP_LT: return IR_CMP_GT;
    case IR_CMP_GT: return IR_CMP_LT;
    case IR_CMP_LE: return IR_CMP_GE;
    case IR_CMP_GE: return IR_CMP_LE;
    default: return c;
    }
}

void lw_cond(Lower *L, CXCursor c, uint32_t t, uint32_t f) {
    CXCursor s = lw_strip(c);
    enum CXCursorKind k = clang_getCursorKind(s);
    IrLoc loc = lw_loc_of(L, c);
    if (L->depth < MAX_DEPTH && k == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(s);
        Kids kd = lw_kids_of(s);
        if (kd.len == 2 && (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr)) {
            uint32_t mid = lw_new_block(L);
            L->depth++;
            if (op == CXBinaryOperator_LAnd) lw_cond(L, kd.data[0], mid, f);
            else lw_cond(L, kd.data[0], t, mid);
            lw_enter(L, mid);
            lw_cond(L, kd.data[1], t, f);
            L->depth--;
            vec_free(&kd);
            return;
        }
        IrCmp cmp = IR_CMP_NE;
        bool is_cmp = true;
        switch (op) {
        case CXBinaryOperator_EQ: cmp = IR_CMP_EQ; break;
        case CXBinaryOperator_NE: cmp = IR_CMP_NE; break;
        case CXBinaryOperator_LT: cmp = IR_CMP_LT; break;
        case CXBinaryOperator_LE: cmp = IR_CMP_LE; break;
        case CXBinaryOperator_GT: cmp = IR_CMP_GT; break;
        case CXBinaryOperator_GE: cmp = IR_CMP_GE; break;
        default: is_cmp = false;
        }
        if (is_cmp && kd.len == 2) {
            int64_t v;
            if (const_value(kd.data[1], &v)) {
                IrOperand o = lw_rvalue(L, kd.data[0]);
                branch(L, o, cmp, v, t, f, loc);
                vec_free(&kd);
                return;
            }
            if (const_value(kd.data[0], &v)) {
                IrOperand o = lw_rvalue(L, kd.data[1]);
                branch(L, o, swap_cmp(cmp), v, t, f, loc);
                vec_free(&kd);
                return;
            }
            /* two variables (`i < n - 1`): kept beside the unknown condition for loop bounds */
            IrTerm bt;
            memset(&bt, 0, sizeof bt);
            bt.kind = IR_TERM_BRANCH;
            bt.cond = opd_unknown();
            bt.loc = loc;
            bt.sym_cmp = (uint8_t)cmp;
            bt.sym_lhs = lw_rvalue(L, kd.data[0]);
            bt.sym_rhs = var_plus_const(L, kd.data[1], &bt.sym_off);
            /* one side may be integer arithmetic (`i < (id + 1) * chunk`) */
            bool lv = bt.sym_lhs.kind == IR_OPD_VALUE && !bt.sym_lhs.offset;
            bool rv = bt.sym_rhs.kind == IR_OPD_VALUE && !bt.sym_rhs.offset;
            bool la = ir_operand_narith(&bt.sym_lhs) > 0;
            bool ra = ir_operand_narith(&bt.sym_rhs) > 0;
            if (!((lv && (rv || ra)) || (la && rv))) {
                bt.sym_lhs = bt.sym_rhs = opd_unknown();
                bt.sym_cmp = 0;
                bt.sym_off = 0;
            }
            uint32_t succ[2] = {t, f};
            ir_builder_terminate(L->fb->b, bt, succ, 2);
            vec_free(&kd);
            return;
        }
        vec_free(&kd);
    }
    if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_LNot) {
        Kids kd = lw_kids_of(s);
        if (kd.len == 1) {
            L->depth++;
            lw_cond(L, kd.data[0], f, t);
            L->depth--;
            vec_free(&kd);
            return;
        }
        vec_free(&kd);
    }
    IrOperand o = lw_rvalue(L, c);
    branch(L, o, IR_CMP_NE, 0, t, f, loc);
}

/* ---- initialisers ------------------------------------------------------------------ */

void lw_init_one(Lower *L, IrPath dst, CXCursor e, CXType t, bool write, IrLoc loc) {
    if (clang_getCursorKind(lw_strip(e)) == CXCursor_InitListExpr) {
        lower_init_into(L, dst, lw_strip(e), t, write, loc);
        return;
    }
    IrOperand v = lw_rvalue(L, e);
    if (write) lw_emit_access(L, IR_EV_WRITE, dst, IR_EV_INIT | (lw_type_is_record(t) ? IR_EV_RECORD : 0), loc);
    uint8_t fl = IR_EV_INIT | (lw_value_flags(L, t));
    if (v.kind != IR_OPD_UNKNOWN && v.kind != IR_OPD_CONST) lw_emit_assign(L, dst, v, fl, loc);
    else if (write) lw_emit_assign(L, dst, v, fl, loc);
}

static enum CXVisitorResult collect_field(CXCursor field, CXClientData d) {
    vec_push((Kids *)d, field);
    return CXVisit_Continue;
}

/* Is c, an element of an initialiser list, designated (`.f = v`, `[i] =
 * v`, `.a.b[2] = v`)? libclang shows the designated form as an unexposed
 * expression whose children are the designators (a member reference per
 * field, an expression per index) and then the value; its first token is
 * the designator's `.` or `[`. */
static bool designated(CXCursor c, Kids *parts) {
    char tok[8];
    if (clang_getCursorKind(c) != CXCursor_UnexposedExpr || !token_at(c, tok, sizeof tok)) return false;
    if (strcmp(tok, ".") && strcmp(tok, "[")) return false;
    *parts = lw_kids_of(c);
    if (parts->len >= 2) return true;
    vec_free(parts);
    return false;
}

/* Apply one designator to (path, type); *pos receives the position it
 * names among the fields (fields given) or elements of the current object. */
static bool designate(Lower *L, IrPath *p, CXType *t, CXCursor d, const Kids *fields, size_t *pos) {
    CXType ct = canon(*t);
    if (clang_getCursorKind(d) == CXCursor_MemberRef) {
        CXCursor f = clang_getCursorReferenced(d);
        if (ct.kind != CXType_Record || clang_getCursorKind(f) != CXCursor_FieldDecl) return false;
        for (size_t k = 0; fields && k < fields->len; k++)
            if (clang_equalCursors(fields->data[k], f)) *pos = k;
        *p = lw_path_step(L, *p, lw_field_layout(step_field(lw_field_name(L, f)), f));
        *t = clang_getCursorType(f);
        return true;
    }
    if (!type_is_array(ct)) return false;
    int64_t v;
    IrStep s = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_UNKNOWN};
    if (const_value(d, &v) && v >= 0) {
        s.index_kind = IR_INDEX_CONST;
        s.value = v;
        *pos = (size_t)v;
    }
    *p = lw_path_step(L, *p, s);
    *t = clang_getArrayElementType(ct);
    return true;
}

/* Lower an initialiser list into dst: element by element, a designated
 * element at the place its designators name, the elements after it from
 * the next place on (C11 6.7.9). */
static void lower_init_into(Lower *L, IrPath dst, CXCursor init, CXType t, bool write, IrLoc loc) {
    Kids kd = lw_kids_of(init), fields = {0};
    CXType ct = canon(t);
    bool rec = ct.kind == CXType_Record, arr = type_is_array(ct);
    if (rec) clang_Type_visitFields(ct, collect_field, &fields);
    size_t pos = 0;
    for (size_t i = 0; i < kd.len; i++) {
        Kids parts;
        if ((rec || arr) && designated(kd.data[i], &parts)) {
            IrPath p = dst;
            CXType pt = t;
            size_t top = SIZE_MAX, inner;
            bool ok = true;
            for (size_t j = 0; j + 1 < parts.len && ok; j++)
                ok = designate(L, &p, &pt, parts.data[j], j ? NULL : &fields, j ? &inner : &top);
            if (ok) lw_init_one(L, p, parts.data[parts.len - 1], pt, write, loc);
            else lw_rvalue(L, parts.data[parts.len - 1]);
            pos = top == SIZE_MAX ? pos + 1 : top + 1;
            vec_free(&parts);
        } else if (rec) {
            if (pos < fields.len) {
                CXCursor f = fields.data[pos];
                IrPath p = lw_path_step(L, dst, lw_field_layout(step_field(lw_field_name(L, f)), f));
                lw_init_one(L, p, kd.data[i], clang_getCursorType(f), write, loc);
            } else {
                lw_rvalue(L, kd.data[i]);
            }
            pos++;
        } else if (arr) {
            IrStep s = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_CONST, .value = (int64_t)pos++};
            lw_init_one(L, lw_path_step(L, dst, s), kd.data[i], clang_getArrayElementType(ct), write, loc);
        } else {
            lw_init_one(L, dst, kd.data[i], t, write, loc);
        }
    }
    vec_free(&fields);
    vec_free(&kd);
}

/* The initialiser expression of a VarDecl, if any. */
bool lw_var_init(CXCursor decl, CXCursor *out) {
    CXCursor init = clang_Cursor_getVarDeclInitializer(decl);
    if (clang_Cursor_isNull(init) || clang_isInvalid(clang_getCursorKind(init))) return false;
    *out = init;
    return true;
}

void lw_static_init(Lower *L, CXCursor decl) {
    CXCursor init;
    IrPath p = lw_global_path(L, decl);
    if (!clang_isCursorDefinition(decl) || !lw_var_init(decl, &init)) return;
    FuncB *save = L->fb;
    L->fb = &L->init;
    lw_init_one(L, p, init, clang_getCursorType(decl), true, lw_loc_of(L, decl));
    L->fb = save;
}
