/*
 * lower.c - lowering libclang cursors into the function IR (ir.h).
 *
 * One Lower context per translation unit. Function bodies are lowered into
 * basic blocks by structured recursion over statements; expressions are
 * lowered by two mutually recursive functions:
 *   lower_rvalue  emits the events the expression performs and returns its
 *                 value as an operand (constant, value of a path, address of
 *                 a path, function, temporary, or unknown);
 *   lower_lvalue  returns the access path an lvalue designates, emitting only
 *                 the reads needed to compute the address (p in p->f).
 * An lvalue used as a value is read (READ event) unless its type is an array
 * (decay: its address) or a function. Conditions are lowered by lower_cond
 * into branches, short-circuiting && and ||, and encode `x`, `!x` and
 * `x <cmp> constant` so trylock results can be tracked.
 *
 * libclang does not expose cast kinds, whether a member access uses `->`,
 * or which clauses of a for statement are present; these are recovered from
 * types and token positions (see for_clauses). C11 atomic generic functions
 * are AtomicExpr nodes that libclang shows as unexposed expressions; they are
 * lowered as calls named after their first token (atomic_fetch_add), with the
 * object pointer as argument 0.
 */
#include "lower.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 1500 };

typedef struct BlockB {
    VEC(IrEvent) ev;
    IrTerm term;
    VEC(uint32_t) succ;
    int32_t loop;
    bool done; /* terminator set */
} BlockB;

typedef struct LocalB {
    CXCursor decl;
    unsigned hash;
    IrLocal info;
} LocalB;

typedef struct Label {
    char *name;
    uint32_t block;
} Label;

typedef struct SwitchB {
    VEC(uint32_t) targets;
    bool has_default;
} SwitchB;

typedef struct FuncB {
    VEC(BlockB) blocks;
    VEC(LocalB) locals;
    VEC(IrLoop) loops;
    VEC(Label) labels;
    uint32_t nparams;
    uint32_t ntemps;
    uint32_t cur;
    int32_t loop;          /* innermost loop being lowered */
    int32_t brk, cont;     /* break / continue targets, -1 none */
    SwitchB *sw;
} FuncB;

typedef struct Lower {
    Arena *a;
    CXTranslationUnit tu;
    DiagSink *diags;
    IrUnit *u;
    FeClaims *claims;      /* header functions other units lowered already (may be NULL) */
    FuncB *fb;             /* function being built */
    FuncB init;            /* "<init>": initialisers of globals */
    StrMap files;
    StrMap strs;           /* interned names, USRs, type spellings */
    CXFile last_file;
    const char *last_file_name;
    StrMap globals;        /* usr -> index+1 */
    U64Map gcache;         /* clang_hashCursor(decl) -> index+1 */
    VEC(IrGlobal) gvec;
    StrMap externs;
    VEC(IrExtern) evec;
    VEC(IrFunc *) funcs;
    StrMap done_funcs;     /* usr of functions already lowered */
    U64Map ptr_types;      /* record decl hash -> 1 (holds pointers) / 2 (not) */
    int depth;
    bool depth_warned;
} Lower;

/* ---- small helpers -------------------------------------------------------- */

typedef VEC(CXCursor) Kids;

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData d) {
    (void)parent;
    vec_push((Kids *)d, c);
    return CXChildVisit_Continue;
}

static Kids kids_of(CXCursor c) {
    Kids k = {0};
    clang_visitChildren(c, collect, &k);
    return k;
}

/* Copy a CXString into the unit's arena, once per distinct string (names,
 * USRs and type spellings repeat at every use), and dispose it. */
static char *cx_take(Lower *L, CXString s) {
    const char *p = clang_getCString(s);
    if (!p) p = "";
    char *r = strmap_get(&L->strs, p);
    if (!r) {
        r = arena_strdup(L->a, p);
        strmap_put(&L->strs, r, r);
    }
    clang_disposeString(s);
    return r;
}

static const char *file_name(Lower *L, CXFile f) {
    if (!f) return NULL;
    if (L->last_file && clang_File_isEqual(f, L->last_file)) return L->last_file_name;
    CXString s = clang_getFileName(f);
    const char *p = clang_getCString(s);
    const char *name = NULL;
    if (p) {
        name = strmap_get(&L->files, p);
        if (!name) {
            char *copy = arena_strdup(L->a, p);
            strmap_put(&L->files, copy, copy);
            name = copy;
        }
    }
    clang_disposeString(s);
    L->last_file = f;
    L->last_file_name = name;
    return name;
}

static IrLoc loc_of(Lower *L, CXCursor c) {
    CXSourceLocation sl = clang_getRangeStart(clang_getCursorExtent(c));
    CXFile f;
    unsigned line, col;
    clang_getExpansionLocation(sl, &f, &line, &col, NULL);
    IrLoc l = {file_name(L, f), line, col};
    return l;
}

static unsigned offset_of(CXSourceLocation sl) {
    unsigned off;
    clang_getExpansionLocation(sl, NULL, NULL, NULL, &off);
    return off;
}

static bool is_expr(CXCursor c) {
    return clang_isExpression(clang_getCursorKind(c));
}

/* Strip parentheses and single-child unexposed nodes (implicit casts). */
static CXCursor strip(CXCursor c) {
    for (;;) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr) return c;
        Kids kd = kids_of(c);
        CXCursor next = clang_getNullCursor();
        size_t nexpr = 0;
        for (size_t i = 0; i < kd.len; i++)
            if (is_expr(kd.data[i])) {
                next = kd.data[i];
                nexpr++;
            }
        vec_free(&kd);
        if (nexpr != 1) return c;
        c = next;
    }
}

static CXType canon(CXType t) {
    return clang_getCanonicalType(t);
}

static bool type_is_array(CXType t) {
    t = canon(t);
    return t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray || t.kind == CXType_VariableArray ||
           t.kind == CXType_DependentSizedArray;
}

static bool type_is_pointer(CXType t) {
    t = canon(t);
    return t.kind == CXType_Pointer || t.kind == CXType_BlockPointer;
}

static bool type_is_function(CXType t) {
    t = canon(t);
    return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

static bool type_is_atomic(CXType t) {
    return canon(t).kind == CXType_Atomic;
}

typedef struct {
    Lower *L;
    int depth;
    bool found;
} PtrVisit;

static bool type_has_pointer(Lower *L, CXType t, int depth);

static enum CXVisitorResult field_has_ptr(CXCursor field, CXClientData d) {
    PtrVisit *pv = d;
    if (type_has_pointer(pv->L, clang_getCursorType(field), pv->depth + 1)) {
        pv->found = true;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

static bool type_has_pointer(Lower *L, CXType t, int depth) {
    if (depth > 8) return false;
    t = canon(t);
    switch (t.kind) {
    case CXType_Pointer: case CXType_BlockPointer: return true;
    case CXType_ConstantArray: case CXType_IncompleteArray: case CXType_VariableArray:
        return type_has_pointer(L, clang_getArrayElementType(t), depth + 1);
    case CXType_Atomic: return type_has_pointer(L, clang_Type_getValueType(t), depth + 1);
    case CXType_Record: {
        unsigned h = clang_hashCursor(clang_getTypeDeclaration(t));
        uint64_t v;
        if (u64map_get(&L->ptr_types, h, &v)) return v == 1;
        u64map_put(&L->ptr_types, h, 2); /* recursion guard */
        PtrVisit pv = {L, depth, false};
        clang_Type_visitFields(t, field_has_ptr, &pv);
        u64map_put(&L->ptr_types, h, pv.found ? 1 : 2);
        return pv.found;
    }
    default: return false;
    }
}

/* ---- builder ----------------------------------------------------------------- */

static uint32_t new_block(Lower *L) {
    FuncB *fb = L->fb;
    BlockB b;
    memset(&b, 0, sizeof b);
    b.loop = fb->loop;
    vec_push(&fb->blocks, b);
    return (uint32_t)fb->blocks.len - 1;
}

static BlockB *cur(Lower *L) {
    return &L->fb->blocks.data[L->fb->cur];
}

static void emit(Lower *L, IrEvent ev) {
    vec_push(&cur(L)->ev, ev);
}

/* Terminate the current block (if still open) with a jump to succ targets. */
static void terminate(Lower *L, IrTerm t, const uint32_t *succ, size_t n) {
    BlockB *b = cur(L);
    if (b->done) return;
    b->term = t;
    for (size_t i = 0; i < n; i++) vec_push(&b->succ, succ[i]);
    b->done = true;
}

static void jump(Lower *L, uint32_t target) {
    IrTerm t;
    memset(&t, 0, sizeof t);
    t.kind = IR_TERM_GOTO;
    terminate(L, t, &target, 1);
}

/* Continue lowering in block b. */
static void enter(Lower *L, uint32_t b) {
    L->fb->cur = b;
}

/* After return/break/goto: further code lands in a fresh unreachable block. */
static void fresh(Lower *L) {
    enter(L, new_block(L));
}

static uint32_t new_temp(Lower *L) {
    return L->fb->ntemps++;
}

static IrPath temp_path(uint32_t t) {
    IrPath p;
    memset(&p, 0, sizeof p);
    p.root = IR_ROOT_TEMP;
    p.id = t;
    return p;
}

static IrOperand opd_unknown(void) {
    IrOperand o;
    memset(&o, 0, sizeof o);
    o.kind = IR_OPD_UNKNOWN;
    return o;
}

static IrOperand opd_const(int64_t v) {
    IrOperand o = opd_unknown();
    o.kind = IR_OPD_CONST;
    o.value = v;
    return o;
}

static IrOperand opd_value(IrPath p) {
    IrOperand o = opd_unknown();
    o.kind = IR_OPD_VALUE;
    o.path = p;
    return o;
}

static IrPath path_step(Lower *L, IrPath p, IrStep s) {
    return ir_path_append(L->a, &p, s);
}

static IrStep step_deref(void) {
    IrStep s = {IR_STEP_DEREF, 0, 0, 0, NULL};
    return s;
}

static IrStep step_field(const char *name) {
    IrStep s = {IR_STEP_FIELD, 0, 0, 0, name};
    return s;
}

static void emit_access(Lower *L, IrEventKind k, IrPath p, uint8_t flags, IrLoc loc) {
    IrEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = (uint8_t)k;
    ev.flags = flags;
    ev.loc = loc;
    ev.path = p;
    emit(L, ev);
}

static void emit_assign(Lower *L, IrPath dst, IrOperand src, uint8_t flags, IrLoc loc) {
    IrEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = IR_EV_ASSIGN;
    ev.flags = flags;
    ev.loc = loc;
    ev.path = dst;
    ev.src = arena_memdup(L->a, &src, sizeof src);
    emit(L, ev);
}

/* ---- locals and globals -------------------------------------------------------- */

static bool is_local_decl(CXCursor decl) {
    if (clang_getCursorKind(decl) == CXCursor_ParmDecl) return true;
    if (clang_getCursorKind(decl) != CXCursor_VarDecl) return false;
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
    if (sc == CX_SC_Static || sc == CX_SC_Extern) return false;
    CXCursor parent = clang_getCursorSemanticParent(decl);
    enum CXCursorKind pk = clang_getCursorKind(parent);
    return pk != CXCursor_TranslationUnit && pk != CXCursor_LinkageSpec && !clang_Cursor_isNull(parent);
}

static uint32_t add_local(Lower *L, CXCursor decl, bool param) {
    FuncB *fb = L->fb;
    LocalB lb;
    memset(&lb, 0, sizeof lb);
    lb.decl = decl;
    lb.hash = clang_hashCursor(decl);
    CXType t = clang_getCursorType(decl);
    lb.info.name = cx_take(L, clang_getCursorSpelling(decl));
    lb.info.type = cx_take(L, clang_getTypeSpelling(t));
    lb.info.loc = loc_of(L, decl);
    uint32_t fl = param ? IR_LOCAL_PARAM : 0;
    if (type_is_array(t)) fl |= IR_LOCAL_ARRAY | IR_LOCAL_ADDR_TAKEN;
    if (type_has_pointer(L, t, 0)) fl |= IR_LOCAL_POINTER;
    if (type_is_atomic(t)) fl |= IR_LOCAL_ATOMIC;
    if (canon(t).kind == CXType_Record) fl |= IR_LOCAL_RECORD;
    lb.info.flags = fl;
    vec_push(&fb->locals, lb);
    return (uint32_t)fb->locals.len - 1;
}

static int64_t find_local(Lower *L, CXCursor decl) {
    FuncB *fb = L->fb;
    unsigned h = clang_hashCursor(decl);
    for (size_t i = fb->locals.len; i-- > 0;)
        if (fb->locals.data[i].hash == h && clang_equalCursors(fb->locals.data[i].decl, decl)) return (int64_t)i;
    return -1;
}

static IrGlobal *note_global(Lower *L, CXCursor decl) {
    uint64_t gi;
    unsigned h = clang_hashCursor(decl);
    if (!clang_isCursorDefinition(decl) && u64map_get(&L->gcache, h, &gi)) return &L->gvec.data[gi - 1];
    char *usr = cx_take(L, clang_getCursorUSR(decl));
    bool ins;
    void **slot = strmap_slot(&L->globals, usr, &ins);
    if (!ins) {
        IrGlobal *g = &L->gvec.data[(uintptr_t)*slot - 1];
        if (clang_isCursorDefinition(decl)) {
            g->flags |= IR_GLOBAL_DEFINED;
            g->loc = loc_of(L, decl);
        }
        return g;
    }
    IrGlobal g;
    memset(&g, 0, sizeof g);
    g.usr = usr;
    g.name = cx_take(L, clang_getCursorSpelling(decl));
    CXType t = clang_getCursorType(decl);
    g.type = cx_take(L, clang_getTypeSpelling(t));
    g.loc = loc_of(L, decl);
    uint32_t fl = 0;
    if (clang_getCursorTLSKind(decl) != CXTLS_None) fl |= IR_GLOBAL_TLS;
    if (type_is_atomic(t)) fl |= IR_GLOBAL_ATOMIC;
    if (clang_isConstQualifiedType(t) && !type_is_array(t)) fl |= IR_GLOBAL_CONST;
    if (type_is_array(t) && clang_isConstQualifiedType(clang_getArrayElementType(canon(t)))) fl |= IR_GLOBAL_CONST;
    if (clang_isCursorDefinition(decl)) fl |= IR_GLOBAL_DEFINED;
    CXCursor parent = clang_getCursorSemanticParent(decl);
    bool fscope = clang_getCursorKind(parent) == CXCursor_FunctionDecl;
    if (fscope && clang_Cursor_getStorageClass(decl) == CX_SC_Static) fl |= IR_GLOBAL_LOCAL_STATIC;
    else if (clang_Cursor_getStorageClass(decl) == CX_SC_Static) fl |= IR_GLOBAL_STATIC;
    if (type_has_pointer(L, t, 0)) fl |= IR_GLOBAL_POINTER;
    g.flags = fl;
    vec_push(&L->gvec, g);
    *slot = (void *)(uintptr_t)L->gvec.len;
    u64map_put(&L->gcache, h, L->gvec.len);
    return &L->gvec.data[L->gvec.len - 1];
}

static IrPath global_path(Lower *L, CXCursor decl) {
    IrGlobal *g = note_global(L, decl);
    IrPath p;
    memset(&p, 0, sizeof p);
    p.root = IR_ROOT_GLOBAL;
    p.usr = g->usr;
    p.name = g->name;
    return p;
}

/* Path for a variable declaration referenced in the current function. */
static bool var_path(Lower *L, CXCursor decl, IrPath *out) {
    memset(out, 0, sizeof *out);
    if (is_local_decl(decl) && L->fb != &L->init) {
        int64_t id = find_local(L, decl);
        if (id < 0) id = add_local(L, decl, false); /* e.g. referenced before its DeclStmt via goto */
        out->root = IR_ROOT_LOCAL;
        out->id = (uint32_t)id;
        out->name = L->fb->locals.data[id].info.name;
        return true;
    }
    if (clang_getCursorKind(decl) == CXCursor_VarDecl) {
        *out = global_path(L, decl);
        return true;
    }
    return false;
}

/* &x, &x.f, &x[i] take the address of local x; &p->f does not take p's. */
static void mark_addr_taken(Lower *L, const IrPath *p) {
    for (uint32_t i = 0; i < p->nsteps; i++)
        if (p->steps[i].kind == IR_STEP_DEREF) return;
    if (p->root == IR_ROOT_LOCAL && p->id < L->fb->locals.len)
        L->fb->locals.data[p->id].info.flags |= IR_LOCAL_ADDR_TAKEN;
}

/* ---- expressions ----------------------------------------------------------------- */

static IrOperand lower_rvalue(Lower *L, CXCursor c);
static bool lower_lvalue(Lower *L, CXCursor c, IrPath *out);
static void lower_cond(Lower *L, CXCursor c, uint32_t t, uint32_t f);
static void lower_stmt(Lower *L, CXCursor c);

/* Integer value of a constant expression, when cheap to know. */
static bool const_value(CXCursor c, int64_t *v) {
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_IntegerLiteral || k == CXCursor_CharacterLiteral) {
        CXEvalResult r = clang_Cursor_Evaluate(c);
        if (!r) return false;
        bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
        if (ok) *v = clang_EvalResult_getAsLongLong(r);
        clang_EvalResult_dispose(r);
        return ok;
    }
    if (k == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(c);
        if (clang_getCursorKind(d) == CXCursor_EnumConstantDecl) {
            *v = clang_getEnumConstantDeclValue(d);
            return true;
        }
    }
    if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Minus) {
        Kids kd = kids_of(c);
        bool ok = kd.len == 1 && const_value(kd.data[0], v);
        vec_free(&kd);
        if (ok) *v = -*v;
        return ok;
    }
    return false;
}

/* Read an lvalue used as a value: arrays decay, functions designate. */
static IrOperand read_lvalue(Lower *L, CXCursor c, IrPath p) {
    CXType t = clang_getCursorType(c);
    if (type_is_array(t)) {
        IrOperand o = opd_unknown();
        o.kind = IR_OPD_ADDR;
        o.path = p;
        mark_addr_taken(L, &p);
        return o;
    }
    if (type_is_function(t)) return opd_value(p);
    emit_access(L, IR_EV_READ, p, type_is_atomic(t) ? IR_EV_ATOMIC : 0, loc_of(L, c));
    return opd_value(p);
}

/* A fresh temporary holding an unknown value, as a base path. */
static IrPath unknown_base(Lower *L) {
    return temp_path(new_temp(L));
}

/* Path of the object a pointer-valued operand points to. */
static IrPath deref_operand(Lower *L, IrOperand o) {
    if (o.kind == IR_OPD_ADDR) {
        IrPath p = o.path;
        if (o.offset) {
            IrStep s = {IR_STEP_INDEX, IR_INDEX_UNKNOWN, 0, 0, NULL};
            p = path_step(L, p, s);
        }
        return p;
    }
    IrPath base = o.kind == IR_OPD_VALUE ? o.path : unknown_base(L);
    IrPath p = path_step(L, base, step_deref());
    if (o.offset) {
        IrStep s = {IR_STEP_INDEX, IR_INDEX_UNKNOWN, 0, 0, NULL};
        p = path_step(L, p, s);
    }
    return p;
}

static IrStep index_step(Lower *L, CXCursor idx) {
    IrStep s = {IR_STEP_INDEX, IR_INDEX_UNKNOWN, 0, 0, NULL};
    int64_t v;
    if (const_value(idx, &v)) {
        s.index_kind = IR_INDEX_CONST;
        s.value = v;
        return s;
    }
    IrOperand o = lower_rvalue(L, idx);
    if (o.kind == IR_OPD_VALUE && o.path.root == IR_ROOT_LOCAL && o.path.nsteps == 0) {
        s.index_kind = IR_INDEX_LOCAL;
        s.local = o.path.id;
    }
    return s;
}

static bool lower_member(Lower *L, CXCursor c, IrPath *out) {
    Kids kd = kids_of(c);
    CXCursor base = clang_getNullCursor();
    for (size_t i = 0; i < kd.len; i++)
        if (is_expr(kd.data[i])) base = kd.data[i];
    vec_free(&kd);
    char *field = cx_take(L, clang_getCursorSpelling(c));
    if (clang_Cursor_isNull(base)) return false;
    CXType bt = clang_getCursorType(base);
    if (type_is_pointer(bt)) {
        IrOperand o = lower_rvalue(L, base);
        *out = path_step(L, deref_operand(L, o), step_field(field));
        return true;
    }
    IrPath bp;
    if (!lower_lvalue(L, base, &bp)) return false;
    *out = path_step(L, bp, step_field(field));
    return true;
}

static bool lower_subscript(Lower *L, CXCursor c, IrPath *out) {
    Kids kd = kids_of(c);
    if (kd.len < 2) {
        vec_free(&kd);
        return false;
    }
    CXCursor base = kd.data[0], idx = kd.data[1];
    vec_free(&kd);
    CXCursor sb = strip(base);
    if (!type_is_array(clang_getCursorType(sb)) && !type_is_pointer(clang_getCursorType(base))) {
        CXCursor t = base; /* i[a] */
        base = idx;
        idx = t;
        sb = strip(base);
    }
    if (type_is_array(clang_getCursorType(sb))) {
        IrPath bp;
        if (!lower_lvalue(L, sb, &bp)) return false;
        *out = path_step(L, bp, index_step(L, idx));
        return true;
    }
    IrOperand o = lower_rvalue(L, base);
    IrStep is = index_step(L, idx);
    if (o.kind == IR_OPD_ADDR && !o.offset) *out = path_step(L, o.path, is);
    else {
        o.offset = false;
        *out = path_step(L, deref_operand(L, o), is);
    }
    return true;
}

static bool lower_lvalue(Lower *L, CXCursor c, IrPath *out) {
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
        CXCursor s = strip(c);
        if (!clang_equalCursors(s, c)) ok = lower_lvalue(L, s, out);
        break;
    }
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        ok = var_path(L, d, out);
        break;
    }
    case CXCursor_MemberRefExpr: ok = lower_member(L, c, out); break;
    case CXCursor_ArraySubscriptExpr: ok = lower_subscript(L, c, out); break;
    case CXCursor_UnaryOperator: {
        if (clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Deref) {
            Kids kd = kids_of(c);
            if (kd.len == 1) {
                IrOperand o = lower_rvalue(L, kd.data[0]);
                *out = deref_operand(L, o);
                ok = true;
            }
            vec_free(&kd);
        }
        break;
    }
    case CXCursor_StringLiteral: {
        memset(out, 0, sizeof *out);
        out->root = IR_ROOT_STRING;
        out->name = "\"...\"";
        ok = true;
        break;
    }
    default: break;
    }
    if (!ok) {
        /* not an lvalue we understand (call result, compound literal...):
         * evaluate it and name the result by a temporary */
        IrOperand o = lower_rvalue(L, c);
        uint32_t t = new_temp(L);
        *out = temp_path(t);
        emit_assign(L, *out, o, type_has_pointer(L, clang_getCursorType(c), 0) ? IR_EV_POINTER : 0, loc_of(L, c));
        ok = true;
    }
    L->depth--;
    return ok;
}

static const char *const noreturn_names[] = {
    "exit", "_exit", "_Exit", "abort", "quick_exit", "pthread_exit", "thrd_exit", "longjmp", "siglongjmp",
    "__assert_fail", "__assert_perror_fail", "__builtin_unreachable", "__builtin_trap", "err", "errx",
    "verr", "verrx", "__stack_chk_fail", "__builtin_abort", NULL};

static bool is_noreturn(const char *name) {
    for (int i = 0; noreturn_names[i]; i++)
        if (!strcmp(name, noreturn_names[i])) return true;
    return false;
}

static void note_extern(Lower *L, const char *usr, const char *name) {
    bool ins;
    void **slot = strmap_slot(&L->externs, usr, &ins);
    if (!ins) return;
    IrExtern e = {usr, name, is_noreturn(name)};
    vec_push(&L->evec, e);
    *slot = (void *)(uintptr_t)L->evec.len;
}

static IrOperand finish_call(Lower *L, CXCursor c, IrOperand callee, IrOperand *args, uint32_t nargs) {
    IrCall *call = ARENA_NEW(L->a, IrCall);
    call->callee = callee;
    call->nargs = nargs;
    call->args = nargs ? arena_memdup(L->a, args, nargs * sizeof(IrOperand)) : NULL;
    CXType rt = clang_getCursorType(c);
    call->result = canon(rt).kind == CXType_Void ? -1 : (int32_t)new_temp(L);
    IrEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = IR_EV_CALL;
    ev.loc = loc_of(L, c);
    ev.call = call;
    emit(L, ev);
    if (callee.kind == IR_OPD_FUNC && callee.name && is_noreturn(callee.name)) {
        IrTerm t;
        memset(&t, 0, sizeof t);
        t.kind = IR_TERM_EXIT;
        t.loc = ev.loc;
        terminate(L, t, NULL, 0);
        fresh(L);
    }
    return call->result >= 0 ? opd_value(temp_path((uint32_t)call->result)) : opd_unknown();
}

static IrOperand lower_call(Lower *L, CXCursor c) {
    CXCursor ref = clang_getCursorReferenced(c);
    int nargs = clang_Cursor_getNumArguments(c);
    IrOperand callee = opd_unknown();
    bool direct = false;
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
        Kids kd = kids_of(c);
        if (kd.len) {
            CXCursor cs = strip(kd.data[0]);
            direct = clang_getCursorKind(cs) == CXCursor_DeclRefExpr &&
                     clang_equalCursors(clang_getCursorReferenced(cs), ref);
        }
        vec_free(&kd);
    }
    if (direct) {
        callee.kind = IR_OPD_FUNC;
        callee.name = cx_take(L, clang_getCursorSpelling(ref));
        callee.usr = cx_take(L, clang_getCursorUSR(ref));
        if (!strcmp(callee.name, "__builtin_expect") && nargs >= 1) {
            IrOperand v = lower_rvalue(L, clang_Cursor_getArgument(c, 0));
            if (nargs >= 2) lower_rvalue(L, clang_Cursor_getArgument(c, 1));
            return v;
        }
        /* __sync builtins resolve to sized variants (__sync_fetch_and_add_4):
         * use the name as written */
        if (!strncmp(callee.name, "__sync_", 7) || !strncmp(callee.name, "__atomic_", 9)) {
            size_t n = strlen(callee.name);
            if (n > 2 && callee.name[n - 2] == '_' && callee.name[n - 1] >= '0' && callee.name[n - 1] <= '9')
                callee.name = arena_strndup(L->a, callee.name, n - 2);
            else if (n > 3 && callee.name[n - 3] == '_' && callee.name[n - 2] >= '0' && callee.name[n - 2] <= '9')
                callee.name = arena_strndup(L->a, callee.name, n - 3);
        }
        if (!clang_isCursorDefinition(ref)) note_extern(L, callee.usr, callee.name);
    } else {
        Kids kd = kids_of(c);
        if (kd.len) callee = lower_rvalue(L, kd.data[0]);
        vec_free(&kd);
    }
    if (nargs < 0) nargs = 0;
    IrOperand *args = nargs ? xmalloc((size_t)nargs * sizeof(IrOperand)) : NULL;
    for (int i = 0; i < nargs; i++) args[i] = lower_rvalue(L, clang_Cursor_getArgument(c, (unsigned)i));
    IrOperand r = finish_call(L, c, callee, args, (uint32_t)nargs);
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
    for (size_t i = 0; i < kd->len; i++) args[i] = lower_rvalue(L, kd->data[i]);
    IrOperand r = finish_call(L, c, callee, args, (uint32_t)kd->len);
    free(args);
    return r;
}

static void lower_init_into(Lower *L, IrPath dst, CXCursor init, CXType t, bool write, IrLoc loc);

static IrOperand lower_binary(Lower *L, CXCursor c, const Kids *kd) {
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
    if (kd->len < 2) return opd_unknown();
    CXCursor lhs = kd->data[0], rhs = kd->data[1];
    IrLoc loc = loc_of(L, c);
    switch (op) {
    case CXBinaryOperator_Assign: {
        IrOperand v = lower_rvalue(L, rhs);
        IrPath p;
        if (!lower_lvalue(L, lhs, &p)) return v;
        CXType t = clang_getCursorType(lhs);
        emit_access(L, IR_EV_WRITE, p, type_is_atomic(t) ? IR_EV_ATOMIC : 0, loc);
        emit_assign(L, p, v, type_has_pointer(L, t, 0) ? IR_EV_POINTER : 0, loc);
        return v;
    }
    case CXBinaryOperator_MulAssign: case CXBinaryOperator_DivAssign: case CXBinaryOperator_RemAssign:
    case CXBinaryOperator_AddAssign: case CXBinaryOperator_SubAssign: case CXBinaryOperator_ShlAssign:
    case CXBinaryOperator_ShrAssign: case CXBinaryOperator_AndAssign: case CXBinaryOperator_XorAssign:
    case CXBinaryOperator_OrAssign: {
        lower_rvalue(L, rhs);
        IrPath p;
        if (!lower_lvalue(L, lhs, &p)) return opd_unknown();
        uint8_t fl = IR_EV_RMW | (type_is_atomic(clang_getCursorType(lhs)) ? IR_EV_ATOMIC : 0);
        emit_access(L, IR_EV_READ, p, fl, loc);
        emit_access(L, IR_EV_WRITE, p, fl, loc);
        if (type_is_pointer(clang_getCursorType(lhs))) {
            IrOperand o = opd_value(p);
            o.offset = true;
            return o;
        }
        return opd_unknown();
    }
    case CXBinaryOperator_LAnd: case CXBinaryOperator_LOr: {
        uint32_t bt = new_block(L), bf = new_block(L), join = new_block(L);
        uint32_t t = new_temp(L);
        lower_cond(L, c, bt, bf);
        enter(L, bt);
        emit_assign(L, temp_path(t), opd_const(1), 0, loc);
        jump(L, join);
        enter(L, bf);
        emit_assign(L, temp_path(t), opd_const(0), 0, loc);
        jump(L, join);
        enter(L, join);
        return opd_value(temp_path(t));
    }
    case CXBinaryOperator_Comma:
        lower_rvalue(L, lhs);
        return lower_rvalue(L, rhs);
    case CXBinaryOperator_Add: case CXBinaryOperator_Sub: {
        IrOperand a = lower_rvalue(L, lhs);
        IrOperand b = lower_rvalue(L, rhs);
        if (type_is_pointer(clang_getCursorType(c))) {
            IrOperand p = type_is_pointer(clang_getCursorType(lhs)) ? a : b;
            if (p.kind == IR_OPD_VALUE || p.kind == IR_OPD_ADDR) {
                p.offset = true;
                return p;
            }
        }
        return opd_unknown();
    }
    default:
        lower_rvalue(L, lhs);
        lower_rvalue(L, rhs);
        return opd_unknown();
    }
}

static IrOperand lower_unary(Lower *L, CXCursor c, const Kids *kd) {
    enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
    if (kd->len < 1) return opd_unknown();
    CXCursor sub = kd->data[0];
    IrLoc loc = loc_of(L, c);
    switch (op) {
    case CXUnaryOperator_AddrOf: {
        CXCursor s = strip(sub);
        if (clang_getCursorKind(s) == CXCursor_DeclRefExpr &&
            clang_getCursorKind(clang_getCursorReferenced(s)) == CXCursor_FunctionDecl)
            return lower_rvalue(L, s);
        IrPath p;
        if (!lower_lvalue(L, sub, &p)) return opd_unknown();
        mark_addr_taken(L, &p);
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
        if (!lower_lvalue(L, c, &p)) return opd_unknown();
        return read_lvalue(L, c, p);
    }
    case CXUnaryOperator_PostInc: case CXUnaryOperator_PostDec:
    case CXUnaryOperator_PreInc: case CXUnaryOperator_PreDec: {
        IrPath p;
        if (!lower_lvalue(L, sub, &p)) return opd_unknown();
        uint8_t fl = IR_EV_RMW | (type_is_atomic(clang_getCursorType(sub)) ? IR_EV_ATOMIC : 0);
        emit_access(L, IR_EV_READ, p, fl, loc);
        emit_access(L, IR_EV_WRITE, p, fl, loc);
        if (type_is_pointer(clang_getCursorType(sub))) {
            IrOperand o = opd_value(p);
            o.offset = true;
            return o;
        }
        return opd_unknown();
    }
    case CXUnaryOperator_LNot: {
        lower_rvalue(L, sub);
        return opd_unknown();
    }
    case CXUnaryOperator_Extension: return lower_rvalue(L, sub);
    default:
        lower_rvalue(L, sub);
        return opd_unknown();
    }
}

static IrOperand lower_conditional(Lower *L, CXCursor c, const Kids *kd) {
    if (kd->len < 3) {
        for (size_t i = 0; i < kd->len; i++) lower_rvalue(L, kd->data[i]);
        return opd_unknown();
    }
    uint32_t bt = new_block(L), bf = new_block(L), join = new_block(L);
    uint32_t t = new_temp(L);
    uint8_t fl = type_has_pointer(L, clang_getCursorType(c), 0) ? IR_EV_POINTER : 0;
    IrLoc loc = loc_of(L, c);
    lower_cond(L, kd->data[0], bt, bf);
    enter(L, bt);
    emit_assign(L, temp_path(t), lower_rvalue(L, kd->data[1]), fl, loc);
    jump(L, join);
    enter(L, bf);
    emit_assign(L, temp_path(t), lower_rvalue(L, kd->data[2]), fl, loc);
    jump(L, join);
    enter(L, join);
    return opd_value(temp_path(t));
}

static IrOperand lower_rvalue(Lower *L, CXCursor c) {
    if (++L->depth > MAX_DEPTH) {
        L->depth--;
        if (!L->depth_warned) {
            IrLoc l = loc_of(L, c);
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
    case CXCursor_UnaryExpr: /* sizeof, alignof: operand not evaluated */
    case CXCursor_GenericSelectionExpr:
    case CXCursor_CXXNullPtrLiteralExpr:
        break;
    case CXCursor_StringLiteral: {
        IrPath p;
        lower_lvalue(L, c, &p);
        r.kind = IR_OPD_ADDR;
        r.path = p;
        break;
    }
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        enum CXCursorKind dk = clang_getCursorKind(d);
        if (dk == CXCursor_FunctionDecl) {
            r.kind = IR_OPD_FUNC;
            r.name = cx_take(L, clang_getCursorSpelling(d));
            r.usr = cx_take(L, clang_getCursorUSR(d));
            if (!clang_isCursorDefinition(d)) note_extern(L, r.usr, r.name);
        } else if (dk == CXCursor_EnumConstantDecl) {
            r = opd_const(clang_getEnumConstantDeclValue(d));
        } else {
            IrPath p;
            if (var_path(L, d, &p)) r = read_lvalue(L, c, p);
        }
        break;
    }
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr: {
        IrPath p;
        if (lower_lvalue(L, c, &p)) r = read_lvalue(L, c, p);
        break;
    }
    case CXCursor_CallExpr: r = lower_call(L, c); break;
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        kd = kids_of(c);
        r = lower_binary(L, c, &kd);
        break;
    case CXCursor_UnaryOperator:
        kd = kids_of(c);
        r = lower_unary(L, c, &kd);
        break;
    case CXCursor_ConditionalOperator:
        kd = kids_of(c);
        r = lower_conditional(L, c, &kd);
        break;
    case CXCursor_CompoundLiteralExpr: {
        uint32_t t = new_temp(L);
        kd = kids_of(c);
        for (size_t i = 0; i < kd.len; i++)
            if (clang_getCursorKind(kd.data[i]) == CXCursor_InitListExpr)
                lower_init_into(L, temp_path(t), kd.data[i], clang_getCursorType(c), false, loc_of(L, c));
        r.kind = type_is_array(clang_getCursorType(c)) ? IR_OPD_ADDR : IR_OPD_VALUE;
        r.path = temp_path(t);
        break;
    }
    case CXCursor_StmtExpr: {
        kd = kids_of(c);
        for (size_t i = 0; i < kd.len; i++) lower_stmt(L, kd.data[i]);
        break;
    }
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
    case CXCursor_UnexposedExpr: {
        kd = kids_of(c);
        size_t nexpr = 0;
        CXCursor last = clang_getNullCursor();
        for (size_t i = 0; i < kd.len; i++)
            if (is_expr(kd.data[i])) {
                nexpr++;
                last = kd.data[i];
            }
        if (nexpr == 1) {
            r = lower_rvalue(L, last);
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
            if (is_expr(kd.data[i])) lower_rvalue(L, kd.data[i]);
            else if (clang_isStatement(clang_getCursorKind(kd.data[i]))) lower_stmt(L, kd.data[i]);
        }
        break;
    }
    case CXCursor_InitListExpr:
    default:
        kd = kids_of(c);
        for (size_t i = 0; i < kd.len; i++) {
            if (is_expr(kd.data[i])) lower_rvalue(L, kd.data[i]);
            else if (clang_isStatement(clang_getCursorKind(kd.data[i]))) lower_stmt(L, kd.data[i]);
        }
        break;
    }
    vec_free(&kd);
    L->depth--;
    return r;
}

/* ---- conditions ------------------------------------------------------------------- */

static void branch(Lower *L, IrOperand cond, IrCmp cmp, int64_t rhs, uint32_t t, uint32_t f, IrLoc loc) {
    IrTerm term;
    memset(&term, 0, sizeof term);
    term.kind = IR_TERM_BRANCH;
    term.cmp = (uint8_t)cmp;
    term.cond = cond;
    term.rhs = rhs;
    term.loc = loc;
    uint32_t succ[2] = {t, f};
    terminate(L, term, succ, 2);
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

static void lower_cond(Lower *L, CXCursor c, uint32_t t, uint32_t f) {
    CXCursor s = strip(c);
    enum CXCursorKind k = clang_getCursorKind(s);
    IrLoc loc = loc_of(L, c);
    if (L->depth < MAX_DEPTH && k == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(s);
        Kids kd = kids_of(s);
        if (kd.len == 2 && (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr)) {
            uint32_t mid = new_block(L);
            L->depth++;
            if (op == CXBinaryOperator_LAnd) lower_cond(L, kd.data[0], mid, f);
            else lower_cond(L, kd.data[0], t, mid);
            enter(L, mid);
            lower_cond(L, kd.data[1], t, f);
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
                IrOperand o = lower_rvalue(L, kd.data[0]);
                branch(L, o, cmp, v, t, f, loc);
                vec_free(&kd);
                return;
            }
            if (const_value(kd.data[0], &v)) {
                IrOperand o = lower_rvalue(L, kd.data[1]);
                branch(L, o, swap_cmp(cmp), v, t, f, loc);
                vec_free(&kd);
                return;
            }
            lower_rvalue(L, kd.data[0]);
            lower_rvalue(L, kd.data[1]);
            branch(L, opd_unknown(), IR_CMP_NE, 0, t, f, loc);
            vec_free(&kd);
            return;
        }
        vec_free(&kd);
    }
    if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_LNot) {
        Kids kd = kids_of(s);
        if (kd.len == 1) {
            L->depth++;
            lower_cond(L, kd.data[0], f, t);
            L->depth--;
            vec_free(&kd);
            return;
        }
        vec_free(&kd);
    }
    IrOperand o = lower_rvalue(L, c);
    branch(L, o, IR_CMP_NE, 0, t, f, loc);
}

/* ---- initialisers ------------------------------------------------------------------ */

typedef struct {
    Lower *L;
    IrPath dst;
    Kids *inits;
    size_t next;
    bool write;
    IrLoc loc;
} FieldInit;

static void init_one(Lower *L, IrPath dst, CXCursor e, CXType t, bool write, IrLoc loc) {
    if (clang_getCursorKind(strip(e)) == CXCursor_InitListExpr) {
        lower_init_into(L, dst, strip(e), t, write, loc);
        return;
    }
    IrOperand v = lower_rvalue(L, e);
    if (write) emit_access(L, IR_EV_WRITE, dst, IR_EV_INIT, loc);
    uint8_t fl = IR_EV_INIT | (type_has_pointer(L, t, 0) ? IR_EV_POINTER : 0);
    if (v.kind != IR_OPD_UNKNOWN && v.kind != IR_OPD_CONST) emit_assign(L, dst, v, fl, loc);
    else if (write) emit_assign(L, dst, v, fl, loc);
}

static enum CXVisitorResult init_field(CXCursor field, CXClientData d) {
    FieldInit *fi = d;
    if (fi->next >= fi->inits->len) return CXVisit_Break;
    char *name = cx_take(fi->L, clang_getCursorSpelling(field));
    IrPath p = path_step(fi->L, fi->dst, step_field(name));
    init_one(fi->L, p, fi->inits->data[fi->next++], clang_getCursorType(field), fi->write, fi->loc);
    return CXVisit_Continue;
}

/* Lower an initialiser list into dst field by field. libclang shows the
 * semantic form: one child per field in order (designators resolved). */
static void lower_init_into(Lower *L, IrPath dst, CXCursor init, CXType t, bool write, IrLoc loc) {
    Kids kd = kids_of(init);
    CXType ct = canon(t);
    if (ct.kind == CXType_Record) {
        FieldInit fi = {L, dst, &kd, 0, write, loc};
        clang_Type_visitFields(ct, init_field, &fi);
        for (size_t i = fi.next; i < kd.len; i++) lower_rvalue(L, kd.data[i]);
    } else if (type_is_array(ct)) {
        CXType et = clang_getArrayElementType(ct);
        for (size_t i = 0; i < kd.len; i++) {
            IrStep s = {IR_STEP_INDEX, IR_INDEX_CONST, 0, (int64_t)i, NULL};
            init_one(L, path_step(L, dst, s), kd.data[i], et, write, loc);
        }
    } else {
        for (size_t i = 0; i < kd.len; i++) init_one(L, dst, kd.data[i], t, write, loc);
    }
    vec_free(&kd);
}

/* The initialiser expression of a VarDecl, if any. */
static bool var_init(CXCursor decl, CXCursor *out) {
    CXCursor init = clang_Cursor_getVarDeclInitializer(decl);
    if (clang_Cursor_isNull(init) || clang_isInvalid(clang_getCursorKind(init))) return false;
    *out = init;
    return true;
}

static void lower_static_init(Lower *L, CXCursor decl) {
    CXCursor init;
    IrPath p = global_path(L, decl);
    if (!clang_isCursorDefinition(decl) || !var_init(decl, &init)) return;
    FuncB *save = L->fb;
    L->fb = &L->init;
    init_one(L, p, init, clang_getCursorType(decl), true, loc_of(L, decl));
    L->fb = save;
}

/* ---- statements ------------------------------------------------------------------ */

static uint32_t label_block(Lower *L, const char *name) {
    FuncB *fb = L->fb;
    for (size_t i = 0; i < fb->labels.len; i++)
        if (!strcmp(fb->labels.data[i].name, name)) return fb->labels.data[i].block;
    Label lb = {arena_strdup(L->a, name), new_block(L)};
    vec_push(&fb->labels, lb);
    return lb.block;
}

static void lower_decl_stmt(Lower *L, CXCursor c) {
    Kids kd = kids_of(c);
    for (size_t i = 0; i < kd.len; i++) {
        CXCursor d = kd.data[i];
        if (clang_getCursorKind(d) != CXCursor_VarDecl) continue;
        if (!is_local_decl(d)) {
            lower_static_init(L, d);
            continue;
        }
        int64_t id = find_local(L, d);
        if (id < 0) id = add_local(L, d, false);
        CXCursor init;
        if (!var_init(d, &init)) continue;
        IrPath p;
        memset(&p, 0, sizeof p);
        p.root = IR_ROOT_LOCAL;
        p.id = (uint32_t)id;
        p.name = L->fb->locals.data[id].info.name;
        init_one(L, p, init, clang_getCursorType(d), true, loc_of(L, d));
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
    for (unsigned i = 0; i < nt && !rparen; i++) {
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

static int32_t begin_loop(Lower *L, uint32_t header, uint32_t exit, IrLoc loc) {
    IrLoop lp = {L->fb->loop, header, exit, loc};
    vec_push(&L->fb->loops, lp);
    return (int32_t)L->fb->loops.len - 1;
}

static void lower_loop(Lower *L, CXCursor c, enum CXCursorKind k) {
    FuncB *fb = L->fb;
    Kids kd = kids_of(c);
    IrLoc loc = loc_of(L, c);
    int32_t outer = fb->loop;
    int32_t save_brk = fb->brk, save_cont = fb->cont;
    uint32_t exit = new_block(L); /* created outside: belongs to the enclosing loop */
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
    if (!clang_Cursor_isNull(init)) lower_stmt(L, init);
    int32_t lid = begin_loop(L, 0, exit, loc);
    fb->loop = lid;
    uint32_t header = new_block(L), bodyb = new_block(L), step = header;
    fb->loops.data[lid].header = header;
    if (k == CXCursor_DoStmt) {
        jump(L, bodyb);
        step = header; /* continue evaluates the condition */
    } else {
        jump(L, header);
    }
    if (k == CXCursor_ForStmt && !clang_Cursor_isNull(inc)) step = new_block(L);
    /* header: the condition */
    enter(L, header);
    if (!clang_Cursor_isNull(cond)) lower_cond(L, cond, bodyb, exit);
    else jump(L, bodyb);
    /* body */
    fb->brk = (int32_t)exit;
    fb->cont = (int32_t)step;
    enter(L, bodyb);
    if (!clang_Cursor_isNull(body)) lower_stmt(L, body);
    jump(L, step);
    if (step != header) {
        enter(L, step);
        lower_rvalue(L, inc);
        jump(L, header);
    }
    fb->loop = outer;
    fb->brk = save_brk;
    fb->cont = save_cont;
    enter(L, exit);
    vec_free(&kd);
}

static void lower_switch(Lower *L, CXCursor c) {
    FuncB *fb = L->fb;
    Kids kd = kids_of(c);
    if (kd.len < 2) {
        for (size_t i = 0; i < kd.len; i++) lower_rvalue(L, kd.data[i]);
        vec_free(&kd);
        return;
    }
    IrOperand v = lower_rvalue(L, kd.data[kd.len - 2]);
    (void)v;
    uint32_t head = fb->cur;
    uint32_t exit = new_block(L);
    SwitchB sw;
    memset(&sw, 0, sizeof sw);
    SwitchB *save = fb->sw;
    int32_t save_brk = fb->brk;
    fb->sw = &sw;
    fb->brk = (int32_t)exit;
    fresh(L);
    lower_stmt(L, kd.data[kd.len - 1]);
    jump(L, exit);
    if (!sw.has_default) vec_push(&sw.targets, exit);
    enter(L, head);
    IrTerm t;
    memset(&t, 0, sizeof t);
    t.kind = IR_TERM_SWITCH;
    t.loc = loc_of(L, c);
    terminate(L, t, sw.targets.data, sw.targets.len);
    vec_free(&sw.targets);
    fb->sw = save;
    fb->brk = save_brk;
    enter(L, exit);
    vec_free(&kd);
}

static void lower_stmt(Lower *L, CXCursor c) {
    if (++L->depth > MAX_DEPTH) {
        L->depth--;
        return;
    }
    FuncB *fb = L->fb;
    enum CXCursorKind k = clang_getCursorKind(c);
    Kids kd = {0};
    switch (k) {
    case CXCursor_CompoundStmt:
        kd = kids_of(c);
        for (size_t i = 0; i < kd.len; i++) lower_stmt(L, kd.data[i]);
        break;
    case CXCursor_DeclStmt: lower_decl_stmt(L, c); break;
    case CXCursor_IfStmt: {
        kd = kids_of(c);
        if (kd.len < 2) break;
        uint32_t bt = new_block(L), join = new_block(L);
        uint32_t bf = kd.len >= 3 ? new_block(L) : join;
        lower_cond(L, kd.data[0], bt, bf);
        enter(L, bt);
        lower_stmt(L, kd.data[1]);
        jump(L, join);
        if (kd.len >= 3) {
            enter(L, bf);
            lower_stmt(L, kd.data[2]);
            jump(L, join);
        }
        enter(L, join);
        break;
    }
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
    case CXCursor_ForStmt: lower_loop(L, c, k); break;
    case CXCursor_SwitchStmt: lower_switch(L, c); break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt: {
        kd = kids_of(c);
        uint32_t b = new_block(L);
        jump(L, b); /* fallthrough from the previous case */
        enter(L, b);
        if (fb->sw) {
            vec_push(&fb->sw->targets, b);
            if (k == CXCursor_DefaultStmt) fb->sw->has_default = true;
        }
        if (kd.len) lower_stmt(L, kd.data[kd.len - 1]);
        break;
    }
    case CXCursor_BreakStmt:
        if (fb->brk >= 0) jump(L, (uint32_t)fb->brk);
        fresh(L);
        break;
    case CXCursor_ContinueStmt:
        if (fb->cont >= 0) jump(L, (uint32_t)fb->cont);
        fresh(L);
        break;
    case CXCursor_ReturnStmt: {
        kd = kids_of(c);
        IrTerm t;
        memset(&t, 0, sizeof t);
        t.kind = IR_TERM_RETURN;
        t.loc = loc_of(L, c);
        t.ret = kd.len ? lower_rvalue(L, kd.data[0]) : opd_unknown();
        terminate(L, t, NULL, 0);
        fresh(L);
        break;
    }
    case CXCursor_GotoStmt: {
        kd = kids_of(c);
        if (kd.len) {
            char *name = cx_take(L, clang_getCursorSpelling(kd.data[0]));
            jump(L, label_block(L, name));
        }
        fresh(L);
        break;
    }
    case CXCursor_LabelStmt: {
        char *name = cx_take(L, clang_getCursorSpelling(c));
        uint32_t b = label_block(L, name);
        jump(L, b);
        enter(L, b);
        kd = kids_of(c);
        if (kd.len) lower_stmt(L, kd.data[kd.len - 1]);
        break;
    }
    case CXCursor_IndirectGotoStmt: {
        kd = kids_of(c);
        for (size_t i = 0; i < kd.len; i++) lower_rvalue(L, kd.data[i]);
        IrTerm t;
        memset(&t, 0, sizeof t);
        t.kind = IR_TERM_EXIT;
        terminate(L, t, NULL, 0);
        fresh(L);
        break;
    }
    case CXCursor_NullStmt:
    case CXCursor_GCCAsmStmt:
        break;
    default:
        if (clang_isExpression(k)) lower_rvalue(L, c);
        else {
            kd = kids_of(c);
            for (size_t i = 0; i < kd.len; i++) lower_stmt(L, kd.data[i]);
        }
        break;
    }
    vec_free(&kd);
    L->depth--;
}

/* ---- functions and the unit ---------------------------------------------------------- */

static void funcb_init(Lower *L, FuncB *fb) {
    memset(fb, 0, sizeof *fb);
    fb->loop = -1;
    fb->brk = fb->cont = -1;
    FuncB *save = L->fb;
    L->fb = fb;
    new_block(L);
    L->fb = save;
}

/* Freeze a builder into an IrFunc in the arena. */
static IrFunc *funcb_finish(Lower *L, FuncB *fb, IrFunc *f) {
    f->nparams = fb->nparams;
    f->nlocals = (uint32_t)fb->locals.len;
    f->locals = ARENA_ARRAY(L->a, IrLocal, f->nlocals ? f->nlocals : 1);
    for (size_t i = 0; i < fb->locals.len; i++) f->locals[i] = fb->locals.data[i].info;
    f->ntemps = fb->ntemps;
    f->nblocks = (uint32_t)fb->blocks.len;
    f->blocks = ARENA_ARRAY(L->a, IrBlock, f->nblocks);
    for (size_t i = 0; i < fb->blocks.len; i++) {
        BlockB *b = &fb->blocks.data[i];
        IrBlock *ob = &f->blocks[i];
        ob->nevents = (uint32_t)b->ev.len;
        ob->events = b->ev.len ? arena_memdup(L->a, b->ev.data, b->ev.len * sizeof(IrEvent)) : NULL;
        if (!b->done) {
            memset(&b->term, 0, sizeof b->term);
            b->term.kind = IR_TERM_RETURN;
        }
        ob->term = b->term;
        ob->nsucc = (uint32_t)b->succ.len;
        ob->succ = b->succ.len ? arena_memdup(L->a, b->succ.data, b->succ.len * sizeof(uint32_t)) : NULL;
        ob->loop = b->loop;
        vec_free(&b->ev);
        vec_free(&b->succ);
    }
    f->nloops = (uint32_t)fb->loops.len;
    f->loops = fb->loops.len ? arena_memdup(L->a, fb->loops.data, fb->loops.len * sizeof(IrLoop)) : NULL;
    vec_free(&fb->blocks);
    vec_free(&fb->locals);
    vec_free(&fb->loops);
    vec_free(&fb->labels);
    return f;
}

static void lower_function(Lower *L, CXCursor c) {
    char *usr = cx_take(L, clang_getCursorUSR(c));
    bool ins;
    strmap_slot(&L->done_funcs, usr, &ins);
    if (!ins) return;
    if (L->claims) {
        IrLoc loc = loc_of(L, c);
        if (loc.file && strcmp(loc.file, L->u->path) != 0 && !fe_claim(L->claims, usr)) return;
    }
    FuncB fb;
    funcb_init(L, &fb);
    L->fb = &fb;
    IrFunc *f = ARENA_NEW(L->a, IrFunc);
    f->usr = usr;
    f->name = cx_take(L, clang_getCursorSpelling(c));
    f->loc = loc_of(L, c);
    f->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
    f->is_variadic = clang_Cursor_isVariadic(c) != 0;
    int np = clang_Cursor_getNumArguments(c);
    for (int i = 0; i < np; i++) add_local(L, clang_Cursor_getArgument(c, (unsigned)i), true);
    fb.nparams = np > 0 ? (uint32_t)np : 0;
    Kids kd = kids_of(c);
    for (size_t i = 0; i < kd.len; i++)
        if (clang_getCursorKind(kd.data[i]) == CXCursor_CompoundStmt) lower_stmt(L, kd.data[i]);
    vec_free(&kd);
    funcb_finish(L, &fb, f);
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
        if (!in_system_header(c)) lower_static_init(L, c);
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
    strmap_init(&L.externs);
    strmap_init(&L.done_funcs);
    u64map_init(&L.ptr_types);
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
    funcb_finish(&L, &L.init, init);
    u->init = init;
    u->nfuncs = (uint32_t)L.funcs.len;
    u->funcs = L.funcs.len ? arena_memdup(L.a, L.funcs.data, L.funcs.len * sizeof(IrFunc *)) : NULL;
    u->nglobals = (uint32_t)L.gvec.len;
    u->globals = L.gvec.len ? arena_memdup(L.a, L.gvec.data, L.gvec.len * sizeof(IrGlobal)) : NULL;
    u->nexterns = (uint32_t)L.evec.len;
    u->externs = L.evec.len ? arena_memdup(L.a, L.evec.data, L.evec.len * sizeof(IrExtern)) : NULL;
    vec_free(&L.funcs);
    vec_free(&L.gvec);
    vec_free(&L.evec);
    strmap_free(&L.files);
    strmap_free(&L.strs);
    strmap_free(&L.globals);
    u64map_free(&L.gcache);
    strmap_free(&L.externs);
    strmap_free(&L.done_funcs);
    u64map_free(&L.ptr_types);
    return u;
}
