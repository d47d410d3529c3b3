/*
 * lower_int.h - private to the lowering (lower.c, lower_expr.c,
 * lower_util.c): the per-unit context, the CFG builder and the helpers the
 * statement and expression lowerings share. lw_ names are frontend-private.
 */
#ifndef RACECHECK_FRONTEND_LOWER_INT_H
#define RACECHECK_FRONTEND_LOWER_INT_H

#include "lower.h"
#include "../ir/builder.h"

#include <string.h>

enum { MAX_DEPTH = 1500 };

/* A local's declaration, in step with the builder's locals (the IrLocal
 * itself lives in the builder). */
typedef struct LocalB {
    CXCursor decl;
    unsigned hash;
} LocalB;

typedef struct RecordKey {
    CXCursor decl;
    const char *key;
} RecordKey;

typedef struct Label {
    char *name;
    uint32_t block;
} Label;

typedef struct SwitchB {
    VEC(uint32_t) targets;
    VEC(int64_t) values;  /* each target's case value */
    VEC(uint8_t) known;   /* each target: 1 a case with a constant value, 2 the default, 0 other
                             (a GNU case range, a value not known) */
    bool has_default;
} SwitchB;

/* A function being lowered: the IR builder (ir/builder.h: blocks, events,
 * locals, temps, loops) plus what only the lowering knows (declarations of
 * locals, labels, break/continue targets, the switch being lowered). */
typedef struct FuncB {
    IrBuilder *b;
    VEC(LocalB) locals;
    VEC(Label) labels;
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
    StrMap converted;      /* usr of functions whose address is converted to another type */
    VEC(const char *) cvec;
    VEC(IrFunc *) funcs;
    StrMap done_funcs;     /* usr of functions already lowered */
    U64Map ptr_types;      /* record decl hash -> 1 (holds pointers) / 2 (not) */
    StrMap typedefs;       /* file-scope typedef name -> canonical type spelling (lazy, _Generic) */
    VEC(IrFieldAlias) avec; /* common initial sequences of casts (lower_ptr.c) */
    StrMap aliases_seen;   /* "a\nb\noffset" of avec's entries */
    U64Map unions_seen;    /* clang_hashCursor of the unions whose members are recorded */
    U64Map record_keys;    /* clang_hashCursor of a record declaration -> index + 1 in rkeys */
    VEC(RecordKey) rkeys;  /* record declarations and their keys (lw_pointee_record_key) */
    bool typedefs_done;
    int index_depth;       /* > 0 while an index expression is lowered: a field's value is a
                              term of its arithmetic (lower_expr.c, memory_term) */
    int depth;
    bool depth_warned;
} Lower;

typedef VEC(CXCursor) Kids;

static inline bool is_expr(CXCursor c) {
    return clang_isExpression(clang_getCursorKind(c));
}

static inline CXType canon(CXType t) {
    return clang_getCanonicalType(t);
}

static inline bool type_is_array(CXType t) {
    t = canon(t);
    return t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray || t.kind == CXType_VariableArray ||
           t.kind == CXType_DependentSizedArray;
}

static inline bool type_is_pointer(CXType t) {
    t = canon(t);
    return t.kind == CXType_Pointer || t.kind == CXType_BlockPointer;
}

static inline bool type_is_function(CXType t) {
    t = canon(t);
    return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

static inline bool type_is_atomic(CXType t) {
    return canon(t).kind == CXType_Atomic;
}

static inline unsigned offset_of(CXSourceLocation sl) {
    unsigned off;
    clang_getExpansionLocation(sl, NULL, NULL, NULL, &off);
    return off;
}

static inline IrPath temp_path(uint32_t t) {
    return ir_temp_path(t);
}

/* IrOperand.value of an UNKNOWN operand that is a stepped integer's value
 * (lower_rmw), until the assignment storing it (lw_emit_assign) flags the
 * ASSIGN IR_EV_STEPPED; every other unknown has 0. */
enum { LW_STEPPED = 1 };

static inline IrOperand opd_unknown(void) {
    IrOperand o;
    memset(&o, 0, sizeof o);
    o.kind = IR_OPD_UNKNOWN;
    return o;
}

static inline IrOperand opd_const(int64_t v) {
    IrOperand o = opd_unknown();
    o.kind = IR_OPD_CONST;
    o.value = v;
    return o;
}

static inline IrOperand opd_value(IrPath p) {
    IrOperand o = opd_unknown();
    o.kind = IR_OPD_VALUE;
    o.path = p;
    return o;
}

static inline IrStep step_deref(void) {
    IrStep s = {.kind = IR_STEP_DEREF};
    return s;
}

static inline IrStep step_field(const char *name) {
    IrStep s = {.kind = IR_STEP_FIELD, .field = name};
    return s;
}

/* lower_expr.c */
/* Path of the object a pointer-valued operand points to (`p` -> *p, `&x` -> x,
 * `p + i` -> p[?]). */
IrPath lw_deref_operand(Lower *L, IrOperand o);
IrPath lw_deref_typed(Lower *L, IrOperand o, CXType ptr);

/* lower_ptr.c: pointer arithmetic and casts inside one object */
/* `lhs - rhs` with a byte pointer lhs (value a): when rhs is an offsetof
 * (container_of, list_entry, ngx_queue_data) or lhs a cast of a pointer to a
 * larger object, *out is the address of the enclosing object (UP steps) and
 * the result is true. */
bool lw_pointer_sub(Lower *L, CXCursor lhs, CXCursor rhs, IrOperand a, IrOperand *out);
/* The value of cast expression `cast` of `inner` (value r): a cast between
 * pointers to a struct and to its first member (recursively) moves up to the
 * enclosing struct or down to the member; `(T *)((char *)s + K)` is the
 * member of type T at byte K (or offsetof) of *s; any other cast keeps r. */
IrOperand lw_cast_pointer(Lower *L, CXCursor cast, CXCursor inner, IrOperand r);
/* Is c an offsetof expression (children: a TypeRef or a typeof's
 * expression, then MemberRefs and array index expressions)? */
bool lw_is_offsetof(CXCursor c);
/* The unit's field aliases, sorted (into L->u, once, at the end). */
void lw_finish_aliases(Lower *L);
/* A member expression of a union: its members alias (lower_ptr.c). */
void lw_note_union(Lower *L, CXCursor member);
/* Is field fd a bit-field of a struct (nonzero width)? Then *first and
 * *last are the first and last members of its run of adjacent bit-fields
 * - one memory location (C11 3.14) - and *bits the first's bit offset. */
bool lw_bitfield_run(CXCursor fd, CXCursor *first, CXCursor *last, long long *bits);
/* The name of the location a member expression or field declaration
 * names: the field's, or for a bit-field in a run of several the run's,
 * `first..last` (every bit-field of the run is that one location; the
 * FIELD step's offset is the run's, lw_field_layout). */
const char *lw_field_name(Lower *L, CXCursor member);

/* lower_util.c: cursors, types, the block builder, locals and globals */
Kids lw_kids_of(CXCursor c);
char *lw_cx_take(Lower *L, CXString s);
IrLoc lw_loc_of(Lower *L, CXCursor c);
CXCursor lw_strip(CXCursor c);
/* One level of that: the only expression child of a parenthesis, cast or
 * unexposed node; a null cursor for any other node. */
CXCursor lw_strip_once(CXCursor c);
/* The integer value clang evaluates c to, if it does. */
bool lw_eval_int(CXCursor c, long long *v);
bool lw_type_has_pointer(Lower *L, CXType t, int depth);
/* A variably modified type: a variable-length array, or a pointer to or
 * array of one (its size is computed at run time). */
bool lw_type_is_vm(CXType t);
/* A struct or union type (through typedefs, qualifiers and _Atomic). */
bool lw_type_is_record(CXType t);
/* 1: a pointer to an object type other than void and the character types
 * (it cannot hold a function's address); 2: a pointer to a function; 0:
 * anything else (void *, char *, not a pointer). */
int lw_pointer_class(CXType t);
const char *lw_pointee_record_key(Lower *L, CXType t);
/* IR_EV_POINTER and IR_EV_RECORD for an ASSIGN storing a value of type t. */
uint8_t lw_value_flags(Lower *L, CXType t);
uint32_t lw_new_block(Lower *L);
void lw_emit(Lower *L, IrEvent ev);
void lw_terminate(Lower *L, IrTerm t, const uint32_t *succ, size_t n);
void lw_jump(Lower *L, uint32_t target);
void lw_enter(Lower *L, uint32_t b);
void lw_fresh(Lower *L);
uint32_t lw_new_temp(Lower *L);
IrPath lw_path_step(Lower *L, IrPath p, IrStep s);
/* The layout of an IR step (ir.h) from clang's type sizes: an INDEX step
 * selecting an element of type elem (the subscript expression's type), a
 * FIELD step for member expression `member` (offset in its record, size of
 * its type). Unknown sizes (incomplete, variable-sized) stay 0. */
IrStep lw_index_layout(IrStep s, CXType elem);
IrStep lw_field_layout(IrStep s, CXCursor member);
void lw_emit_access(Lower *L, IrEventKind k, IrPath p, uint8_t flags, IrLoc loc);
void lw_emit_assign(Lower *L, IrPath dst, IrOperand src, uint8_t flags, IrLoc loc);
bool lw_is_local_decl(CXCursor decl);
uint32_t lw_add_local(Lower *L, CXCursor decl, bool param);
int64_t lw_find_local(Lower *L, CXCursor decl);
IrGlobal *lw_note_global(Lower *L, CXCursor decl);
IrPath lw_global_path(Lower *L, CXCursor decl);
bool lw_var_path(Lower *L, CXCursor decl, IrPath *out);
void lw_mark_addr_taken(Lower *L, const IrPath *p);

/* lower_expr.c: expressions, conditions, initialisers */
bool lw_lvalue(Lower *L, CXCursor c, IrPath *out);
IrOperand lw_rvalue(Lower *L, CXCursor c);
void lw_cond(Lower *L, CXCursor c, uint32_t t, uint32_t f);
/* The integer value of a constant expression, when cheap to know. */
bool lw_const_value(CXCursor c, int64_t *v);
void lw_init_one(Lower *L, IrPath dst, CXCursor e, CXType t, bool write, IrLoc loc);
bool lw_var_init(CXCursor decl, CXCursor *out);
void lw_static_init(Lower *L, CXCursor decl);

/* lower.c: statements */
void lw_stmt(Lower *L, CXCursor c);

#endif
