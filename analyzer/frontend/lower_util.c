/*
 * lower_util.c - the lowering's toolkit: child lists and source locations of
 * cursors, type questions libclang answers indirectly (does a type hold
 * pointers?), the lowering's front to the IR builder (ir/builder.h builds
 * the blocks, events, terminators, temps and loops) and the tables of locals
 * and globals of the unit being lowered. See lower.c for the
 * lowering itself.
 */
#include "lower_int.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- small helpers -------------------------------------------------------- */

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData d) {
    (void)parent;
    vec_push((Kids *)d, c);
    return CXChildVisit_Continue;
}

Kids lw_kids_of(CXCursor c) {
    Kids k = {0};
    clang_visitChildren(c, collect, &k);
    return k;
}

/* Copy a CXString into the unit's arena, once per distinct string (names,
 * USRs and type spellings repeat at every use), and dispose it. */
char *lw_cx_take(Lower *L, CXString s) {
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

IrLoc lw_loc_of(Lower *L, CXCursor c) {
    CXSourceLocation sl = clang_getRangeStart(clang_getCursorExtent(c));
    CXFile f;
    unsigned line, col;
    clang_getExpansionLocation(sl, &f, &line, &col, NULL);
    IrLoc l = {file_name(L, f), line, col};
    return l;
}



CXCursor lw_strip_once(CXCursor c) {
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr)
        return clang_getNullCursor();
    Kids kd = lw_kids_of(c);
    CXCursor next = clang_getNullCursor();
    size_t nexpr = 0;
    for (size_t i = 0; i < kd.len; i++)
        if (is_expr(kd.data[i])) {
            next = kd.data[i];
            nexpr++;
        }
    vec_free(&kd);
    return nexpr == 1 ? next : clang_getNullCursor();
}

/* Strip parentheses and single-child unexposed nodes (implicit casts). */
CXCursor lw_strip(CXCursor c) {
    for (CXCursor next; !clang_Cursor_isNull(next = lw_strip_once(c));) c = next;
    return c;
}

bool lw_eval_int(CXCursor c, long long *v) {
    CXEvalResult r = clang_Cursor_Evaluate(c);
    if (!r) return false;
    bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok) *v = clang_EvalResult_getAsLongLong(r);
    clang_EvalResult_dispose(r);
    return ok;
}






typedef struct {
    Lower *L;
    int depth;
    bool found;
} PtrVisit;


static enum CXVisitorResult field_has_ptr(CXCursor field, CXClientData d) {
    PtrVisit *pv = d;
    if (lw_type_has_pointer(pv->L, clang_getCursorType(field), pv->depth + 1)) {
        pv->found = true;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

bool lw_type_is_vm(CXType t) {
    for (int depth = 0; depth < 32; depth++) {
        t = canon(t);
        switch (t.kind) {
        case CXType_VariableArray: return true;
        case CXType_Pointer: t = clang_getPointeeType(t); break;
        case CXType_ConstantArray:
        case CXType_IncompleteArray: t = clang_getArrayElementType(t); break;
        default: return false;
        }
    }
    return false;
}

bool lw_type_is_record(CXType t) {
    t = canon(t);
    if (t.kind == CXType_Atomic) t = canon(clang_Type_getValueType(t));
    return t.kind == CXType_Record;
}

int lw_pointer_class(CXType t) {
    t = canon(t);
    if (t.kind != CXType_Pointer) return 0;
    CXType e = canon(clang_getPointeeType(t));
    switch (e.kind) {
    case CXType_FunctionProto: case CXType_FunctionNoProto: return 2;
    case CXType_Void: case CXType_Char_S: case CXType_Char_U: case CXType_SChar: case CXType_UChar:
    case CXType_Invalid: case CXType_Unexposed: return 0;
    default: return 1;
    }
}

/* The key of the struct or union type pointer type t points to (through
 * typedefs and qualifiers): its declaration's USR, which names one type in
 * every unit; NULL when t points to another type. */
const char *lw_pointee_record_key(Lower *L, CXType t) {
    t = canon(t);
    if (t.kind != CXType_Pointer) return NULL;
    CXType e = canon(clang_getPointeeType(t));
    if (e.kind != CXType_Record) return NULL;
    CXCursor d = clang_getTypeDeclaration(e);
    if (clang_Cursor_isNull(d)) return NULL;
    uint64_t h = clang_hashCursor(d), v;
    if (u64map_get(&L->record_keys, h, &v) && clang_equalCursors(L->rkeys.data[v - 1].decl, d))
        return L->rkeys.data[v - 1].key;
    const char *usr = lw_cx_take(L, clang_getCursorUSR(d));
    RecordKey rk = {d, usr[0] ? usr : NULL};
    vec_push(&L->rkeys, rk);
    u64map_put(&L->record_keys, h, L->rkeys.len); /* a hash shared by two: the last one seen */
    return rk.key;
}

uint8_t lw_value_flags(Lower *L, CXType t) {
    return (uint8_t)((lw_type_has_pointer(L, t, 0) ? IR_EV_POINTER : 0) | (lw_type_is_record(t) ? IR_EV_RECORD : 0));
}

bool lw_type_has_pointer(Lower *L, CXType t, int depth) {
    if (depth > 8) return false;
    t = canon(t);
    switch (t.kind) {
    case CXType_Pointer: case CXType_BlockPointer: return true;
    case CXType_ConstantArray: case CXType_IncompleteArray: case CXType_VariableArray:
        return lw_type_has_pointer(L, clang_getArrayElementType(t), depth + 1);
    case CXType_Atomic: return lw_type_has_pointer(L, clang_Type_getValueType(t), depth + 1);
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

/* ---- builder: the function's IR builder (ir/builder.h) ------------------------ */

uint32_t lw_new_block(Lower *L) {
    return ir_builder_new_block(L->fb->b);
}

void lw_emit(Lower *L, IrEvent ev) {
    ir_builder_emit(L->fb->b, ev);
}

/* Terminate the current block (if still open) with a jump to succ targets. */
void lw_terminate(Lower *L, IrTerm t, const uint32_t *succ, size_t n) {
    ir_builder_terminate(L->fb->b, t, succ, n);
}

void lw_jump(Lower *L, uint32_t target) {
    ir_builder_jump(L->fb->b, target);
}

/* Continue lowering in block b. */
void lw_enter(Lower *L, uint32_t b) {
    ir_builder_enter(L->fb->b, b);
}

/* After return/break/goto: further code lands in a fresh unreachable block. */
void lw_fresh(Lower *L) {
    lw_enter(L, lw_new_block(L));
}

uint32_t lw_new_temp(Lower *L) {
    return ir_builder_new_temp(L->fb->b);
}

IrPath lw_path_step(Lower *L, IrPath p, IrStep s) {
    return ir_path_append(L->a, &p, s);
}

IrStep lw_index_layout(IrStep s, CXType elem) {
    long long size = clang_Type_getSizeOf(elem), align = clang_Type_getAlignOf(elem);
    if (size > 0 && align > 0 && size <= UINT32_MAX && align <= UINT16_MAX && !(align & (align - 1)) &&
        size % align == 0) {
        s.elem_size = (uint32_t)size;
        s.elem_align = (uint16_t)align;
    }
    return s;
}

/* A struct or union (_Atomic or not), or an array of them (at any depth)? */
static IrFieldShape field_shape(CXType t) {
    while (type_is_array(t)) t = clang_getArrayElementType(canon(t));
    if (lw_type_is_record(t)) return IR_FIELD_RECORD;
    t = canon(t);
    return t.kind == CXType_Invalid || t.kind == CXType_Unexposed ? IR_FIELD_UNKNOWN : IR_FIELD_PLAIN;
}

IrStep lw_field_layout(IrStep s, CXCursor member) {
    if (s.kind == IR_STEP_FIELD) s.field_shape = (uint8_t)field_shape(clang_getCursorType(member));
    long long bits = clang_Cursor_getOffsetOfField(clang_getCursorReferenced(member));
    CXCursor first, last;
    long long run;
    if (lw_bitfield_run(clang_getCursorReferenced(member), &first, &last, &run)) bits = run; /* its run's storage */
    long long size = clang_Type_getSizeOf(clang_getCursorType(member));
    if (bits >= 0 && bits / 8 <= UINT32_MAX && size > 0 && size <= UINT16_MAX) {
        s.field_offset = (uint32_t)(bits / 8);
        s.field_size = (uint16_t)size;
    }
    return s;
}

void lw_emit_access(Lower *L, IrEventKind k, IrPath p, uint8_t flags, IrLoc loc) {
    ir_builder_emit_access(L->fb->b, k, p, flags, loc);
}

void lw_emit_assign(Lower *L, IrPath dst, IrOperand src, uint8_t flags, IrLoc loc) {
    if (src.kind == IR_OPD_UNKNOWN && src.value == LW_STEPPED) {
        flags |= IR_EV_STEPPED;
        src.value = 0;
    }
    ir_builder_emit_assign(L->fb->b, dst, src, flags, loc);
}

/* ---- locals and globals -------------------------------------------------------- */

bool lw_is_local_decl(CXCursor decl) {
    if (clang_getCursorKind(decl) == CXCursor_ParmDecl) return true;
    if (clang_getCursorKind(decl) != CXCursor_VarDecl) return false;
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
    if (sc == CX_SC_Static || sc == CX_SC_Extern) return false;
    CXCursor parent = clang_getCursorSemanticParent(decl);
    enum CXCursorKind pk = clang_getCursorKind(parent);
    return pk != CXCursor_TranslationUnit && pk != CXCursor_LinkageSpec && !clang_Cursor_isNull(parent);
}

uint32_t lw_add_local(Lower *L, CXCursor decl, bool param) {
    FuncB *fb = L->fb;
    LocalB lb = {decl, clang_hashCursor(decl)};
    IrLocal info;
    memset(&info, 0, sizeof info);
    CXType t = clang_getCursorType(decl);
    info.name = lw_cx_take(L, clang_getCursorSpelling(decl));
    info.type = lw_cx_take(L, clang_getTypeSpelling(t));
    info.loc = lw_loc_of(L, decl);
    uint32_t fl = param ? IR_LOCAL_PARAM : 0;
    if (type_is_array(t)) fl |= IR_LOCAL_ARRAY | IR_LOCAL_ADDR_TAKEN;
    if (lw_type_has_pointer(L, t, 0)) fl |= IR_LOCAL_POINTER;
    if (type_is_atomic(t)) fl |= IR_LOCAL_ATOMIC;
    if (canon(t).kind == CXType_Record) fl |= IR_LOCAL_RECORD;
    int pc = lw_pointer_class(t);
    if (pc) fl |= pc == 1 ? IR_LOCAL_DATA_POINTER : IR_LOCAL_FUNC_POINTER;
    info.flags = fl;
    vec_push(&fb->locals, lb);
    return ir_builder_add_local(fb->b, info);
}

int64_t lw_find_local(Lower *L, CXCursor decl) {
    FuncB *fb = L->fb;
    unsigned h = clang_hashCursor(decl);
    for (size_t i = fb->locals.len; i-- > 0;)
        if (fb->locals.data[i].hash == h && clang_equalCursors(fb->locals.data[i].decl, decl)) return (int64_t)i;
    return -1;
}

IrGlobal *lw_note_global(Lower *L, CXCursor decl) {
    uint64_t gi;
    unsigned h = clang_hashCursor(decl);
    if (!clang_isCursorDefinition(decl) && u64map_get(&L->gcache, h, &gi)) return &L->gvec.data[gi - 1];
    char *usr = lw_cx_take(L, clang_getCursorUSR(decl));
    bool ins;
    void **slot = strmap_slot(&L->globals, usr, &ins);
    if (!ins) {
        IrGlobal *g = &L->gvec.data[(uintptr_t)*slot - 1];
        if (clang_isCursorDefinition(decl)) {
            g->flags |= IR_GLOBAL_DEFINED;
            g->loc = lw_loc_of(L, decl);
        }
        return g;
    }
    IrGlobal g;
    memset(&g, 0, sizeof g);
    g.usr = usr;
    g.name = lw_cx_take(L, clang_getCursorSpelling(decl));
    CXType t = clang_getCursorType(decl);
    g.type = lw_cx_take(L, clang_getTypeSpelling(t));
    g.loc = lw_loc_of(L, decl);
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
    if (lw_type_has_pointer(L, t, 0)) fl |= IR_GLOBAL_POINTER;
    int pc = lw_pointer_class(t);
    if (pc) fl |= pc == 1 ? IR_GLOBAL_DATA_POINTER : IR_GLOBAL_FUNC_POINTER;
    g.flags = fl;
    vec_push(&L->gvec, g);
    *slot = (void *)(uintptr_t)L->gvec.len;
    u64map_put(&L->gcache, h, L->gvec.len);
    return &L->gvec.data[L->gvec.len - 1];
}

IrPath lw_global_path(Lower *L, CXCursor decl) {
    IrGlobal *g = lw_note_global(L, decl);
    IrPath p;
    memset(&p, 0, sizeof p);
    p.root = IR_ROOT_GLOBAL;
    p.usr = g->usr;
    p.name = g->name;
    return p;
}

/* Path for a variable declaration referenced in the current function. */
bool lw_var_path(Lower *L, CXCursor decl, IrPath *out) {
    memset(out, 0, sizeof *out);
    if (lw_is_local_decl(decl) && L->fb != &L->init) {
        int64_t id = lw_find_local(L, decl);
        if (id < 0) id = lw_add_local(L, decl, false); /* e.g. referenced before its DeclStmt via goto */
        out->root = IR_ROOT_LOCAL;
        out->id = (uint32_t)id;
        out->name = ir_builder_local(L->fb->b, (uint32_t)id)->name;
        return true;
    }
    if (clang_getCursorKind(decl) == CXCursor_VarDecl) {
        *out = lw_global_path(L, decl);
        return true;
    }
    return false;
}

/* &x, &x.f, &x[i] take the address of local x; &p->f does not take p's. */
void lw_mark_addr_taken(Lower *L, const IrPath *p) {
    for (uint32_t i = 0; i < p->nsteps; i++)
        if (p->steps[i].kind == IR_STEP_DEREF) return;
    IrLocal *l = p->root == IR_ROOT_LOCAL ? ir_builder_local(L->fb->b, p->id) : NULL;
    if (l) l->flags |= IR_LOCAL_ADDR_TAKEN;
}
