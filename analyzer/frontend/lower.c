/*
 * lower.c - lowering libclang cursors into the function IR (ir.h): the
 * unit (globals, functions, the <init> pseudo-function of initialisers) and
 * statements. One Lower context per translation unit. Function bodies are
 * lowered into basic blocks by structured recursion over statements;
 * expressions are lowered by lower_expr.c (lw_rvalue / lw_lvalue / lw_cond).
 * An lvalue used as a value is read (READ event) unless its type is an array
 * (decay: its address) or a function.
 *
 * libclang does not expose cast kinds, whether a member access uses `->`,
 * or which clauses of a for statement are present; these are recovered from
 * types and token positions (see for_clauses). C11 atomic generic functions
 * are AtomicExpr nodes that libclang shows as unexposed expressions; they are
 * lowered as calls named after their first token (atomic_fetch_add), with the
 * object pointer as argument 0.
 */
#include "lower_int.h"
#include "../ir/check.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- statements ------------------------------------------------------------------ */

static uint32_t label_block(Lower *L, const char *name) {
    FuncB *fb = L->fb;
    for (size_t i = 0; i < fb->labels.len; i++)
        if (!strcmp(fb->labels.data[i].name, name)) return fb->labels.data[i].block;
    Label lb = {arena_strdup(L->a, name), lw_new_block(L)};
    vec_push(&fb->labels, lb);
    return lb.block;
}

/* The size expressions of a declaration whose type is variably modified
 * (`int buf[n]`, `int (*p)[n]`, `typedef int row[n]`, `typeof(int[n]) *`)
 * are evaluated when the declaration is reached (C11 6.8p3): libclang shows
 * them as the declaration's expression children, beside the initialiser. */
static void lower_vla_sizes(Lower *L, CXCursor d, CXType t, const CXCursor *init) {
    if (!lw_type_is_vm(t)) return;
    Kids kd = lw_kids_of(d);
    CXToken *toks = NULL;
    unsigned nt = 0;
    clang_tokenize(L->tu, clang_getCursorExtent(d), &toks, &nt);
    for (size_t i = 0; i < kd.len; i++) {
        CXCursor e = kd.data[i];
        if (!is_expr(e) || (init && clang_equalCursors(e, *init))) continue;
        /* `typeof(expr)` in the type: expr is evaluated only when it is
         * itself variably modified (its child starts at the parenthesis) */
        unsigned off = offset_of(clang_getRangeStart(clang_getCursorExtent(e)));
        bool in_typeof = false;
        for (unsigned j = 1; j < nt; j++) {
            if (offset_of(clang_getTokenLocation(L->tu, toks[j])) != off) continue;
            CXString sp = clang_getTokenSpelling(L->tu, toks[j - 1]);
            const char *w = clang_getCString(sp);
            in_typeof = !strcmp(w, "typeof") || !strcmp(w, "__typeof__") || !strcmp(w, "__typeof");
            clang_disposeString(sp);
            break;
        }
        if (!in_typeof || lw_type_is_vm(clang_getCursorType(e))) lw_rvalue(L, e);
    }
    if (toks) clang_disposeTokens(L->tu, toks, nt);
    vec_free(&kd);
}

static void lower_decl_stmt(Lower *L, CXCursor c) {
    Kids kd = lw_kids_of(c);
    for (size_t i = 0; i < kd.len; i++) {
        CXCursor d = kd.data[i];
        if (clang_getCursorKind(d) == CXCursor_TypedefDecl) {
            lower_vla_sizes(L, d, clang_getTypedefDeclUnderlyingType(d), NULL);
            continue;
        }
        if (clang_getCursorKind(d) != CXCursor_VarDecl) continue;
        if (!lw_is_local_decl(d)) {
            lw_static_init(L, d);
            continue;
        }
        int64_t id = lw_find_local(L, d);
        if (id < 0) id = lw_add_local(L, d, false);
        CXCursor init;
        bool has_init = lw_var_init(d, &init);
        lower_vla_sizes(L, d, clang_getCursorType(d), has_init ? &init : NULL);
        if (!has_init) continue;
        IrPath p = ir_builder_local_path(L->fb->b, (uint32_t)id);
        lw_init_one(L, p, init, clang_getCursorType(d), true, lw_loc_of(L, d));
    }
    vec_free(&kd);
}

/* Which children of a for statement are init, cond and inc: recovered from
 * the positions of the two ';' in its header. */
static void for_clauses(Lower *L, CXCursor c, const Kids *kd, CXCursor out[4]) {
    for (int i = 0; i < 4; i++) out[i] = clang_getNullCursor();
    if (!kd->len) return;
    out[3] = kd->data[kd->len - 1];
    size_t n = kd->len - 1;
    CXToken *toks = NULL;
    unsigned nt = 0;
    clang_tokenize(L->tu, clang_getCursorExtent(c), &toks, &nt);
    unsigned semi[2] = {0, 0}, rparen = 0;
    int nsemi = 0, depth = 0;
    /* a `for` written by a macro (list_for_each): the tokens are the
     * macro's definition, the clauses sit at its use; guess from the count */
    unsigned start = offset_of(clang_getRangeStart(clang_getCursorExtent(c)));
    unsigned scan = nt && offset_of(clang_getTokenLocation(L->tu, toks[0])) == start ? nt : 0;
    for (unsigned i = 0; i < scan && !rparen; i++) {
        CXTokenKind tk = clang_getTokenKind(toks[i]);
        if (tk != CXToken_Punctuation) continue;
        CXString s = clang_getTokenSpelling(L->tu, toks[i]);
        const char *p = clang_getCString(s);
        if (!strcmp(p, "(")) depth++;
        else if (!strcmp(p, ")")) {
            if (--depth == 0) rparen = offset_of(clang_getTokenLocation(L->tu, toks[i]));
        } else if (!strcmp(p, ";") && depth == 1 && nsemi < 2) {
            semi[nsemi++] = offset_of(clang_getTokenLocation(L->tu, toks[i]));
        }
        clang_disposeString(s);
    }
    if (toks) clang_disposeTokens(L->tu, toks, nt);
    if (nsemi == 2 && rparen) {
        for (size_t i = 0; i < n; i++) {
            unsigned off = offset_of(clang_getRangeStart(clang_getCursorExtent(kd->data[i])));
            int slot = off < semi[0] ? 0 : off < semi[1] ? 1 : 2;
            out[slot] = kd->data[i];
        }
        return;
    }
    /* no tokens (macro): guess from the count */
    if (n == 3) out[0] = kd->data[0], out[1] = kd->data[1], out[2] = kd->data[2];
    else if (n == 2) out[0] = kd->data[0], out[1] = kd->data[1];
    else if (n == 1) out[1] = kd->data[0];
}

/* An integer constant expression equal to 0 (`while (0)`). */
static bool is_const_false(CXCursor e) {
    if (clang_Cursor_isNull(e)) return false;
    CXEvalResult r = clang_Cursor_Evaluate(e);
    if (!r) return false;
    bool zero = clang_EvalResult_getKind(r) == CXEval_Int && clang_EvalResult_getAsLongLong(r) == 0;
    clang_EvalResult_dispose(r);
    return zero;
}

static void lower_loop(Lower *L, CXCursor c, enum CXCursorKind k) {
    FuncB *fb = L->fb;
    Kids kd = lw_kids_of(c);
    IrLoc loc = lw_loc_of(L, c);
    int32_t save_brk = fb->brk, save_cont = fb->cont;
    uint32_t exit = lw_new_block(L); /* created outside: belongs to the enclosing loop */
    CXCursor init = clang_getNullCursor(), cond = clang_getNullCursor(), inc = clang_getNullCursor(),
             body = clang_getNullCursor();
    if (k == CXCursor_ForStmt) {
        CXCursor cl[4];
        for_clauses(L, c, &kd, cl);
        init = cl[0], cond = cl[1], inc = cl[2], body = cl[3];
    } else if (k == CXCursor_WhileStmt && kd.len >= 2) {
        cond = kd.data[kd.len - 2], body = kd.data[kd.len - 1];
    } else if (k == CXCursor_DoStmt && kd.len >= 2) {
        body = kd.data[0], cond = kd.data[1];
    }
    if (k == CXCursor_DoStmt && is_const_false(cond)) {
        /* do { ... } while (0): a block run once (macros), not a loop;
         * break and continue both leave it */
        fb->brk = fb->cont = (int32_t)exit;
        if (!clang_Cursor_isNull(body)) lw_stmt(L, body);
        lw_jump(L, exit);
        fb->brk = save_brk;
        fb->cont = save_cont;
        lw_enter(L, exit);
        vec_free(&kd);
        return;
    }
    if (!clang_Cursor_isNull(init)) lw_stmt(L, init);
    uint32_t header;
    ir_builder_loop_begin(fb->b, exit, loc, &header);
    uint32_t bodyb = lw_new_block(L), step = header;
    if (k == CXCursor_DoStmt) {
        lw_jump(L, bodyb);
        step = header; /* continue evaluates the condition */
    } else {
        lw_jump(L, header);
    }
    if (k == CXCursor_ForStmt && !clang_Cursor_isNull(inc)) step = lw_new_block(L);
    /* header: the condition */
    lw_enter(L, header);
    if (!clang_Cursor_isNull(cond)) lw_cond(L, cond, bodyb, exit);
    else lw_jump(L, bodyb);
    /* body */
    fb->brk = (int32_t)exit;
    fb->cont = (int32_t)step;
    lw_enter(L, bodyb);
    if (!clang_Cursor_isNull(body)) lw_stmt(L, body);
    lw_jump(L, step);
    if (step != header) {
        lw_enter(L, step);
        lw_rvalue(L, inc);
        lw_jump(L, header);
    }
    ir_builder_loop_end(fb->b);
    fb->brk = save_brk;
    fb->cont = save_cont;
    lw_enter(L, exit);
    vec_free(&kd);
}

/* A switch on a variable with up to SWITCH_CHAIN_MAX cases, each a
 * constant, becomes a chain of tests (v == c1 ? case1 : v == c2 ? case2 :
 * ... default), so the analyses that read branches (constants passed in,
 * instance indices, path flags, lock rules' decided branches) see the
 * cases; any other one is one SWITCH term going to every case. */
enum { SWITCH_CHAIN_MAX = 64 };

static void lower_switch(Lower *L, CXCursor c) {
    FuncB *fb = L->fb;
    Kids kd = lw_kids_of(c);
    if (kd.len < 2) {
        for (size_t i = 0; i < kd.len; i++) lw_rvalue(L, kd.data[i]);
        vec_free(&kd);
        return;
    }
    IrOperand v = lw_rvalue(L, kd.data[kd.len - 2]);
    uint32_t head = ir_builder_current(fb->b);
    uint32_t exit = lw_new_block(L);
    SwitchB sw;
    memset(&sw, 0, sizeof sw);
    SwitchB *save = fb->sw;
    int32_t save_brk = fb->brk;
    fb->sw = &sw;
    fb->brk = (int32_t)exit;
    lw_fresh(L);
    lw_stmt(L, kd.data[kd.len - 1]);
    lw_jump(L, exit);
    IrLoc loc = lw_loc_of(L, c);
    /* on a variable (a local, a parameter, a global): what the analyses can
     * know the value of; a switch on a field or a computed value stays one
     * term (a chain would only add blocks to every dataflow) */
    bool chain = ((v.kind == IR_OPD_VALUE && !v.path.nsteps && !v.offset) || v.kind == IR_OPD_CONST) &&
                 !ir_operand_narith(&v) && sw.targets.len <= SWITCH_CHAIN_MAX;
    uint32_t dflt = exit;
    for (size_t i = 0; i < sw.targets.len; i++) {
        chain &= sw.known.data[i] != 0;
        if (sw.known.data[i] == 2) dflt = sw.targets.data[i];
    }
    lw_enter(L, head);
    if (chain) {
        size_t ncase = sw.targets.len - (sw.has_default ? 1 : 0), k = 0;
        for (size_t i = 0; i < sw.targets.len; i++) {
            if (sw.known.data[i] != 1) continue;
            uint32_t next = ++k < ncase ? lw_new_block(L) : dflt;
            ir_builder_branch(fb->b, v, IR_CMP_EQ, sw.values.data[i], sw.targets.data[i], next, loc);
            if (k < ncase) lw_enter(L, next);
        }
        if (!ncase) lw_jump(L, dflt);
    } else {
        if (!sw.has_default) vec_push(&sw.targets, exit);
        IrTerm t;
        memset(&t, 0, sizeof t);
        t.kind = IR_TERM_SWITCH;
        t.loc = loc;
        lw_terminate(L, t, sw.targets.data, sw.targets.len);
    }
    vec_free(&sw.targets);
    vec_free(&sw.values);
    vec_free(&sw.known);
    fb->sw = save;
    fb->brk = save_brk;
    lw_enter(L, exit);
    vec_free(&kd);
}

void lw_stmt(Lower *L, CXCursor c) {
    if (++L->depth > MAX_DEPTH) {
        L->depth--;
        return;
    }
    FuncB *fb = L->fb;
    enum CXCursorKind k = clang_getCursorKind(c);
    Kids kd = {0};
    switch (k) {
    case CXCursor_CompoundStmt:
        kd = lw_kids_of(c);
        for (size_t i = 0; i < kd.len; i++) lw_stmt(L, kd.data[i]);
        break;
    case CXCursor_DeclStmt: lower_decl_stmt(L, c); break;
    case CXCursor_IfStmt: {
        kd = lw_kids_of(c);
        if (kd.len < 2) break;
        uint32_t bt = lw_new_block(L), join = lw_new_block(L);
        uint32_t bf = kd.len >= 3 ? lw_new_block(L) : join;
        lw_cond(L, kd.data[0], bt, bf);
        lw_enter(L, bt);
        lw_stmt(L, kd.data[1]);
        lw_jump(L, join);
        if (kd.len >= 3) {
            lw_enter(L, bf);
            lw_stmt(L, kd.data[2]);
            lw_jump(L, join);
        }
        lw_enter(L, join);
        break;
    }
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
    case CXCursor_ForStmt: lower_loop(L, c, k); break;
    case CXCursor_SwitchStmt: lower_switch(L, c); break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt: {
        kd = lw_kids_of(c);
        uint32_t b = lw_new_block(L);
        lw_jump(L, b); /* fallthrough from the previous case */
        lw_enter(L, b);
        if (fb->sw) {
            int64_t v = 0;
            uint8_t known = k == CXCursor_DefaultStmt ? 2 : kd.len == 2 && lw_const_value(kd.data[0], &v) ? 1 : 0;
            vec_push(&fb->sw->targets, b);
            vec_push(&fb->sw->values, v);
            vec_push(&fb->sw->known, known);
            if (k == CXCursor_DefaultStmt) fb->sw->has_default = true;
        }
        if (kd.len) lw_stmt(L, kd.data[kd.len - 1]);
        break;
    }
    case CXCursor_BreakStmt:
        if (fb->brk >= 0) lw_jump(L, (uint32_t)fb->brk);
        lw_fresh(L);
        break;
    case CXCursor_ContinueStmt:
        if (fb->cont >= 0) lw_jump(L, (uint32_t)fb->cont);
        lw_fresh(L);
        break;
    case CXCursor_ReturnStmt: {
        kd = lw_kids_of(c);
        IrTerm t;
        memset(&t, 0, sizeof t);
        t.kind = IR_TERM_RETURN;
        t.loc = lw_loc_of(L, c);
        t.ret = kd.len ? lw_rvalue(L, kd.data[0]) : opd_unknown();
        t.ret.record = kd.len && t.ret.kind == IR_OPD_VALUE && lw_type_is_record(clang_getCursorType(kd.data[0]));
        lw_terminate(L, t, NULL, 0);
        lw_fresh(L);
        break;
    }
    case CXCursor_GotoStmt: {
        kd = lw_kids_of(c);
        if (kd.len) {
            char *name = lw_cx_take(L, clang_getCursorSpelling(kd.data[0]));
            lw_jump(L, label_block(L, name));
        }
        lw_fresh(L);
        break;
    }
    case CXCursor_LabelStmt: {
        char *name = lw_cx_take(L, clang_getCursorSpelling(c));
        uint32_t b = label_block(L, name);
        lw_jump(L, b);
        lw_enter(L, b);
        kd = lw_kids_of(c);
        if (kd.len) lw_stmt(L, kd.data[kd.len - 1]);
        break;
    }
    case CXCursor_IndirectGotoStmt: {
        kd = lw_kids_of(c);
        for (size_t i = 0; i < kd.len; i++) lw_rvalue(L, kd.data[i]);
        IrTerm t;
        memset(&t, 0, sizeof t);
        t.kind = IR_TERM_EXIT;
        lw_terminate(L, t, NULL, 0);
        lw_fresh(L);
        break;
    }
    case CXCursor_NullStmt:
    case CXCursor_GCCAsmStmt:
        break;
    default:
        if (clang_isExpression(k)) lw_rvalue(L, c);
        else {
            kd = lw_kids_of(c);
            for (size_t i = 0; i < kd.len; i++) lw_stmt(L, kd.data[i]);
        }
        break;
    }
    vec_free(&kd);
    L->depth--;
}

/* ---- functions and the unit ---------------------------------------------------------- */

static void funcb_init(Lower *L, FuncB *fb) {
    memset(fb, 0, sizeof *fb);
    fb->b = ir_builder_new(L->a);
    fb->brk = fb->cont = -1;
}

/* Freeze a builder into the IrFunc f (header fields already set); in debug
 * builds the result is checked for well-formedness (ir/check.h). */
static IrFunc *funcb_finish(FuncB *fb, IrFunc *f) {
    ir_builder_finish(fb->b, f);
    fb->b = NULL;
    vec_free(&fb->locals);
    vec_free(&fb->labels);
    ir_check_debug(f, "lowering");
    return f;
}

static void lower_function(Lower *L, CXCursor c) {
    char *usr = lw_cx_take(L, clang_getCursorUSR(c));
    bool ins;
    strmap_slot(&L->done_funcs, usr, &ins);
    if (!ins) return;
    if (L->claims) {
        IrLoc loc = lw_loc_of(L, c);
        if (loc.file && strcmp(loc.file, L->u->path) != 0 && !fe_claim(L->claims, usr)) return;
    }
    FuncB fb;
    funcb_init(L, &fb);
    L->fb = &fb;
    IrFunc *f = ARENA_NEW(L->a, IrFunc);
    f->usr = usr;
    f->name = lw_cx_take(L, clang_getCursorSpelling(c));
    f->loc = lw_loc_of(L, c);
    f->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
    /* the visibility the declarations' attributes and -fvisibility give it */
    f->is_hidden = !f->is_static && clang_getCursorVisibility(c) == CXVisibility_Hidden;
    f->is_variadic = clang_Cursor_isVariadic(c) != 0;
    f->type = lw_cx_take(L, clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(c))));
    int np = clang_Cursor_getNumArguments(c);
    for (int i = 0; i < np; i++) lw_add_local(L, clang_Cursor_getArgument(c, (unsigned)i), true);
    ir_builder_set_nparams(fb.b, np > 0 ? (uint32_t)np : 0);
    Kids kd = lw_kids_of(c);
    for (size_t i = 0; i < kd.len; i++)
        if (clang_getCursorKind(kd.data[i]) == CXCursor_CompoundStmt) lw_stmt(L, kd.data[i]);
    vec_free(&kd);
    funcb_finish(&fb, f);
    vec_push(&L->funcs, f);
    L->fb = &L->init;
}

static bool in_system_header(CXCursor c) {
    return clang_Location_isInSystemHeader(clang_getCursorLocation(c)) != 0;
}

static enum CXChildVisitResult top_level(CXCursor c, CXCursor parent, CXClientData d) {
    (void)parent;
    Lower *L = d;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_FunctionDecl) {
        if (clang_isCursorDefinition(c) && !in_system_header(c)) lower_function(L, c);
    } else if (k == CXCursor_VarDecl) {
        if (!in_system_header(c)) lw_static_init(L, c);
    } else if (k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl) {
        return CXChildVisit_Recurse;
    }
    return CXChildVisit_Continue;
}

struct FeClaims {
    pthread_mutex_t mu;
    StrMap usrs;
    Arena *arena;
};

FeClaims *fe_claims_new(void) {
    FeClaims *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    strmap_init(&c->usrs);
    c->arena = arena_new();
    return c;
}

void fe_claims_free(FeClaims *c) {
    if (!c) return;
    pthread_mutex_destroy(&c->mu);
    strmap_free(&c->usrs);
    arena_free(c->arena);
    free(c);
}

bool fe_claim(FeClaims *c, const char *usr) {
    pthread_mutex_lock(&c->mu);
    bool first = strmap_get(&c->usrs, usr) == NULL;
    if (first) {
        char *k = arena_strdup(c->arena, usr);
        strmap_put(&c->usrs, k, k);
    }
    pthread_mutex_unlock(&c->mu);
    return first;
}

IrUnit *fe_lower_tu(CXTranslationUnit tu, const char *path, DiagSink *diags, FeClaims *claims) {
    Lower L;
    memset(&L, 0, sizeof L);
    L.claims = claims;
    L.a = arena_new();
    L.tu = tu;
    L.diags = diags;
    strmap_init(&L.files);
    strmap_init(&L.strs);
    strmap_init(&L.globals);
    u64map_init(&L.gcache);
    u64map_init(&L.unions_seen);
    u64map_init(&L.record_keys);
    strmap_init(&L.externs);
    strmap_init(&L.converted);
    strmap_init(&L.done_funcs);
    u64map_init(&L.ptr_types);
    strmap_init(&L.typedefs);
    strmap_init(&L.aliases_seen);
    IrUnit *u = ARENA_NEW(L.a, IrUnit);
    u->arena = L.a;
    u->path = arena_strdup(L.a, path);
    L.u = u;
    funcb_init(&L, &L.init);
    L.fb = &L.init;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), top_level, &L);
    IrFunc *init = ARENA_NEW(L.a, IrFunc);
    init->name = "<init>";
    init->usr = arena_printf(L.a, "<init>:%s", path);
    init->loc.file = u->path;
    funcb_finish(&L.init, init);
    u->init = init;
    u->nfuncs = (uint32_t)L.funcs.len;
    u->funcs = L.funcs.len ? arena_memdup(L.a, L.funcs.data, L.funcs.len * sizeof(IrFunc *)) : NULL;
    u->nglobals = (uint32_t)L.gvec.len;
    u->globals = L.gvec.len ? arena_memdup(L.a, L.gvec.data, L.gvec.len * sizeof(IrGlobal)) : NULL;
    u->nexterns = (uint32_t)L.evec.len;
    u->externs = L.evec.len ? arena_memdup(L.a, L.evec.data, L.evec.len * sizeof(IrExtern)) : NULL;
    u->nconverted = (uint32_t)L.cvec.len;
    u->converted = L.cvec.len ? arena_memdup(L.a, L.cvec.data, L.cvec.len * sizeof(const char *)) : NULL;
    vec_free(&L.cvec);
    strmap_free(&L.converted);
    lw_finish_aliases(&L);
    vec_free(&L.funcs);
    vec_free(&L.gvec);
    vec_free(&L.evec);
    strmap_free(&L.files);
    strmap_free(&L.strs);
    strmap_free(&L.globals);
    u64map_free(&L.gcache);
    u64map_free(&L.unions_seen);
    u64map_free(&L.record_keys);
    vec_free(&L.rkeys);
    strmap_free(&L.externs);
    strmap_free(&L.done_funcs);
    u64map_free(&L.ptr_types);
    strmap_free(&L.typedefs);
    strmap_free(&L.aliases_seen);
    vec_free(&L.avec);
    return u;
}
