/*
 * lower_ptr.c - lowering pointer arithmetic and casts that stay inside one
 * object (see lower.c for the overview). Points-to is field-sensitive by
 * name, so a pointer computed from another must keep saying which
 * location it names:
 *
 *   container_of(ptr, T, m)        (T *)((char *)ptr - offsetof(T, m)), Linux's
 *   list_entry, nginx's            list_entry (through a `void *__mptr` local)
 *   ngx_queue_data                 and ngx_queue_data: the object enclosing *ptr
 *                                  as its member m: `ptr, DEREF, UP m` (one UP
 *                                  per member of a nested designator `a.b`,
 *                                  innermost first; `offsetof(T, arr[2])` is an
 *                                  UP out of arr, elements being their array);
 *                                  the old spelling `(size_t)&((T *)0)->m` too
 *   (char *)p - k                  a byte pointer made from a pointer to an
 *                                  object, moved back by an amount that is not
 *                                  an offsetof: an UP with no member (the whole
 *                                  object, never nothing)
 *   (struct outer *)q              q points to a struct that is the first member
 *                                  (recursively) of struct outer: UP out of those
 *                                  members (the GObject / PyObject / libuv
 *                                  embedding), and the other way round
 *   (struct inner *)o              the address of o's first member(s)
 *
 *   (T *)((char *)s + offsetof(S, m))   s a pointer to a struct, T not a byte:
 *   (T *)((char *)s + 8)          &s->m (one FIELD per member); a constant is the
 *                                 member of type T starting at that byte. Without
 *                                 the cast (memcpy, memset from there) the range
 *                                 may cover many members: the whole object
 *
 * Other `(char *)p + k`, `p + i` and `p++` keep the object p points to (the
 * operand's offset flag; array elements are their array). A cast between
 * two structs sharing a common initial sequence of equally named fields
 * needs nothing: locations are named by field; where the sequence names a
 * field differently (`struct sockaddr`'s sa_family, `struct sockaddr_in`'s
 * sin_family) the unit records the pair (IrUnit.aliases) and points-to
 * names both by one location at that offset.
 */
#include "lower_int.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

enum { MAX_DESIGNATOR = 8, MAX_FIELDS = 64 };

/* The fields of a struct type in order (at most MAX_FIELDS). */
typedef struct {
    CXCursor f[MAX_FIELDS];
    unsigned n;
} Fields;

static enum CXVisitorResult add_field(CXCursor c, CXClientData data) {
    Fields *fs = data;
    if (fs->n == MAX_FIELDS) return CXVisit_Break;
    fs->f[fs->n++] = c;
    return CXVisit_Continue;
}

/* The members a field designator goes through, outermost first, as FIELD
 * steps with their layout (names in L's arena). */
typedef struct {
    uint32_t n;
    IrStep steps[MAX_DESIGNATOR];
} Designator;

static CXType unqualified(CXType t) {
    return clang_getUnqualifiedType(canon(t));
}

static bool is_record(CXType t) {
    t = canon(t);
    return t.kind == CXType_Record;
}

/* A pointer to a byte-sized type or to void: arithmetic on it counts bytes. */
static bool byte_pointer(CXType t) {
    if (!type_is_pointer(t)) return false;
    CXType e = canon(clang_getPointeeType(canon(t)));
    return e.kind == CXType_Void || clang_Type_getSizeOf(e) == 1;
}

static enum CXChildVisitResult collect_members(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    void **d = data;
    Lower *L = d[0];
    Designator *out = d[1];
    if (clang_getCursorKind(c) == CXCursor_MemberRef && out->n < MAX_DESIGNATOR)
        out->steps[out->n++] = lw_field_layout(step_field(lw_field_name(L, c)), c);
    return CXChildVisit_Continue;
}

/* `offsetof(T, a.b)`: libclang shows an OffsetOfExpr as an unexposed
 * expression whose children are a TypeRef (or the expression of a
 * `typeof(*pos)`, Linux's list_next_entry) and one MemberRef per member
 * (and the index expressions of array designators). */
bool lw_is_offsetof(CXCursor c) {
    if (clang_getCursorKind(c) != CXCursor_UnexposedExpr) return false;
    Kids kd = lw_kids_of(c);
    bool ok = kd.len >= 2 && (clang_getCursorKind(kd.data[0]) == CXCursor_TypeRef || is_expr(kd.data[0])) &&
              clang_getCursorKind(kd.data[1]) == CXCursor_MemberRef;
    vec_free(&kd);
    return ok;
}

static bool offsetof_expr(Lower *L, CXCursor c, Designator *out) {
    if (!lw_is_offsetof(c)) return false;
    out->n = 0;
    void *d[2] = {L, out};
    clang_visitChildren(c, collect_members, d);
    return out->n > 0;
}

/* Is c (stripped) a null pointer constant: 0 or (T *)0? */
static bool null_constant(CXCursor c) {
    c = lw_strip(c);
    if (clang_getCursorKind(c) != CXCursor_IntegerLiteral) return false;
    CXEvalResult r = clang_Cursor_Evaluate(c);
    if (!r) return false;
    bool zero = clang_EvalResult_getKind(r) == CXEval_Int && clang_EvalResult_getAsLongLong(r) == 0;
    clang_EvalResult_dispose(r);
    return zero;
}

/* `&((T *)0)->a.b`: the member chain, outermost first. */
static bool null_member_addr(Lower *L, CXCursor c, Designator *out) {
    if (clang_getCursorKind(c) != CXCursor_UnaryOperator || clang_getCursorUnaryOperatorKind(c) != CXUnaryOperator_AddrOf)
        return false;
    Kids kd = lw_kids_of(c);
    CXCursor m = kd.len == 1 ? lw_strip(kd.data[0]) : clang_getNullCursor();
    vec_free(&kd);
    IrStep rev[MAX_DESIGNATOR];
    uint32_t n = 0;
    while (!clang_Cursor_isNull(m) && clang_getCursorKind(m) == CXCursor_MemberRefExpr && n < MAX_DESIGNATOR) {
        rev[n++] = lw_field_layout(step_field(lw_field_name(L, m)), m);
        Kids mk = lw_kids_of(m);
        CXCursor base = clang_getNullCursor();
        for (size_t i = 0; i < mk.len; i++)
            if (is_expr(mk.data[i])) base = mk.data[i];
        vec_free(&mk);
        if (clang_Cursor_isNull(base)) return false;
        if (type_is_pointer(clang_getCursorType(base))) { /* the `->` of the chain */
            if (!null_constant(base)) return false;
            out->n = n;
            for (uint32_t i = 0; i < n; i++) out->steps[i] = rev[n - 1 - i];
            return true;
        }
        m = lw_strip(base);
    }
    return false;
}

/* The member designator of an offset expression: offsetof(T, m) or the
 * old spelling (size_t)&((T *)0)->m, under parentheses and casts. */
static bool designator_of(Lower *L, CXCursor c, Designator *out) {
    for (int depth = 0; depth < 16 && !clang_Cursor_isNull(c); depth++) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k == CXCursor_UnexposedExpr && offsetof_expr(L, c, out)) return true;
        if (k == CXCursor_UnaryOperator) return null_member_addr(L, c, out);
        c = lw_strip_once(c);
    }
    return false;
}

/* The object enclosing what pointer operand `ptr` points to, left through
 * the members of d (innermost first); d->n == 0: an unknown member. A
 * trailing FIELD step of the same member is taken off instead
 * (container_of(&x.link, ..., link) is &x). */
static IrOperand enclosing(Lower *L, IrOperand ptr, const Designator *d) {
    IrPath path = lw_deref_operand(L, ptr);
    if (!d->n) {
        IrStep up = {.kind = IR_STEP_UP, .field = ""};
        path = lw_path_step(L, path, up);
    }
    for (uint32_t i = d->n; i-- > 0;) {
        const IrStep *m = &d->steps[i];
        const IrStep *last = path.nsteps ? &path.steps[path.nsteps - 1] : NULL;
        if (last && last->kind == IR_STEP_FIELD && !strcmp(last->field, m->field)) {
            path.nsteps--;
            continue;
        }
        IrStep up = *m;
        up.kind = IR_STEP_UP;
        up.field_shape = IR_FIELD_UNKNOWN; /* a FIELD step's only */
        path = lw_path_step(L, path, up);
    }
    IrOperand o = opd_unknown();
    o.kind = IR_OPD_ADDR;
    o.path = path;
    return o;
}

/* Does lhs (a byte pointer) come from an explicit cast of a pointer to
 * something larger than a byte: `(char *)p` with p a `struct s *`? Its
 * type in *from. */
static bool cast_source(CXCursor lhs, CXType *from) {
    for (int depth = 0; depth < 16; depth++) {
        enum CXCursorKind k = clang_getCursorKind(lhs);
        if (k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr) return false;
        Kids kd = lw_kids_of(lhs);
        CXCursor next = clang_getNullCursor();
        for (size_t i = 0; i < kd.len; i++)
            if (is_expr(kd.data[i])) next = kd.data[i];
        vec_free(&kd);
        if (clang_Cursor_isNull(next)) return false;
        if (k == CXCursor_CStyleCastExpr) {
            *from = clang_getCursorType(next);
            return type_is_pointer(*from) && !byte_pointer(*from) &&
                   !type_is_function(clang_getPointeeType(canon(*from)));
        }
        lhs = next;
    }
    return false;
}

bool lw_pointer_sub(Lower *L, CXCursor lhs, CXCursor rhs, IrOperand a, IrOperand *out) {
    if (a.kind != IR_OPD_VALUE && a.kind != IR_OPD_ADDR) return false;
    if (!byte_pointer(clang_getCursorType(lhs)) || type_is_pointer(clang_getCursorType(rhs))) return false;
    Designator d = {0};
    CXType from;
    if (designator_of(L, rhs, &d)) {
        *out = enclosing(L, a, &d);
        return true;
    }
    if (cast_source(lhs, &from)) {
        d.n = 0;
        *out = enclosing(L, a, &d);
        return true;
    }
    return false;
}

/* The member of record type t that starts at byte k and has type want
 * (through nested structs and unions, outermost first); false when there
 * is none (padding, inside a member, another type: a packed array of
 * records walked by bytes, nginx's geo ranges). */
static bool member_at(Lower *L, CXType t, long long k, CXType want, Designator *out) {
    out->n = 0;
    want = unqualified(want);
    for (int depth = 0; depth < MAX_DESIGNATOR && is_record(t); depth++) {
        Fields fs = {.n = 0};
        clang_Type_visitFields(unqualified(t), add_field, &fs);
        CXCursor f = clang_getNullCursor();
        long long at = 0;
        for (unsigned i = 0; i < fs.n && clang_Cursor_isNull(f); i++) {
            long long bits = clang_Cursor_getOffsetOfField(fs.f[i]);
            long long size = clang_Type_getSizeOf(clang_getCursorType(fs.f[i]));
            if (bits < 0 || bits % 8 || size <= 0 || clang_Cursor_isBitField(fs.f[i])) continue;
            if (bits / 8 <= k && k < bits / 8 + size) f = fs.f[i], at = bits / 8;
        }
        if (clang_Cursor_isNull(f)) return false;
        const char *name = lw_cx_take(L, clang_getCursorSpelling(f));
        if (!name[0]) return false;
        out->steps[out->n++] = lw_field_layout(step_field(name), f);
        k -= at;
        t = unqualified(clang_getCursorType(f));
        if (!k && clang_equalTypes(t, want)) return true;
    }
    return false;
}

/* `(T *)((char *)s + K)`: the cast of a byte pointer moved by a constant or
 * an offsetof from a struct pointer s, to a pointer to T (not a byte). */
static bool member_cast(Lower *L, CXType to, CXCursor inner, IrOperand r, IrOperand *out) {
    CXType tp = canon(clang_getPointeeType(canon(to)));
    if (tp.kind == CXType_Void || clang_Type_getSizeOf(tp) <= 1 || type_is_function(tp) || !r.offset) return false;
    for (int depth = 0; depth < 16 && clang_getCursorKind(inner) == CXCursor_ParenExpr; depth++) {
        Kids kd = lw_kids_of(inner);
        CXCursor next = kd.len == 1 ? kd.data[0] : clang_getNullCursor();
        vec_free(&kd);
        if (clang_Cursor_isNull(next)) return false;
        inner = next;
    }
    if (clang_getCursorKind(inner) != CXCursor_BinaryOperator ||
        clang_getCursorBinaryOperatorKind(inner) != CXBinaryOperator_Add)
        return false;
    Kids kd = lw_kids_of(inner);
    bool two = kd.len == 2;
    CXCursor lhs = two ? kd.data[0] : clang_getNullCursor(), rhs = two ? kd.data[1] : clang_getNullCursor();
    vec_free(&kd);
    CXType from;
    if (!two || !byte_pointer(clang_getCursorType(lhs)) || !cast_source(lhs, &from) ||
        !is_record(clang_getPointeeType(canon(from))))
        return false;
    Designator d = {0};
    long long k;
    if (!designator_of(L, rhs, &d) &&
        !(lw_eval_int(rhs, &k) && k >= 0 && member_at(L, clang_getPointeeType(canon(from)), k, tp, &d)))
        return false;
    r.offset = false;
    IrPath path = lw_deref_operand(L, r);
    for (uint32_t i = 0; i < d.n; i++) path = lw_path_step(L, path, d.steps[i]);
    IrOperand o = opd_unknown();
    o.kind = IR_OPD_ADDR;
    o.path = path;
    *out = o;
    return true;
}

/* The chain of first members leading from record `outer` to a member of
 * record type `inner` (at offset 0), outermost first; false when there is
 * none. */
typedef struct {
    Lower *L;
    CXCursor first;
    bool found;
} FirstField;

static enum CXVisitorResult first_field(CXCursor c, CXClientData data) {
    FirstField *f = data;
    f->first = c;
    f->found = true;
    return CXVisit_Break;
}

static bool first_member_chain(Lower *L, CXType outer, CXType inner, Designator *out) {
    CXType t = unqualified(outer), want = unqualified(inner);
    out->n = 0;
    for (int depth = 0; depth < MAX_DESIGNATOR && is_record(t); depth++) {
        FirstField f = {L, clang_getNullCursor(), false};
        clang_Type_visitFields(t, first_field, &f);
        if (!f.found || clang_Cursor_getOffsetOfField(f.first) != 0) return false;
        const char *name = lw_field_name(L, f.first);
        if (!name[0]) return false; /* an anonymous struct or union member */
        out->steps[out->n++] = lw_field_layout(step_field(name), f.first);
        t = unqualified(clang_getCursorType(f.first));
        if (clang_equalTypes(t, want)) return true;
    }
    return false;
}

static bool is_struct(CXType t) {
    return is_record(t) && clang_getCursorKind(clang_getTypeDeclaration(canon(t))) == CXCursor_StructDecl;
}

/* Record one alias pair (names ordered, each pair once). */
static void note_alias(Lower *L, const char *na, const char *nb, long long off, long long size) {
    if (!na[0] || !nb[0] || !strcmp(na, nb) || size <= 0 || size > UINT32_MAX) return;
    if (strcmp(na, nb) > 0) {
        const char *t = na;
        na = nb;
        nb = t;
    }
    char *key = arena_printf(L->a, "%s\n%s\n%lld", na, nb, off / 8);
    if (strmap_get(&L->aliases_seen, key)) return;
    strmap_put(&L->aliases_seen, key, key);
    IrFieldAlias al = {na, nb, (uint32_t)(off / 8), (uint32_t)size};
    vec_push(&L->avec, al);
}

/* Record the common initial sequence of two struct types (fields of
 * compatible types, bit-fields of one width, at the same offsets) where its
 * fields are named differently: one location for both (IrFieldAlias). */
static void common_sequence(Lower *L, CXType x, CXType y) {
    if (!is_struct(x) || !is_struct(y)) return;
    Fields fx = {.n = 0}, fy = {.n = 0};
    clang_Type_visitFields(unqualified(x), add_field, &fx);
    clang_Type_visitFields(unqualified(y), add_field, &fy);
    for (unsigned i = 0; i < fx.n && i < fy.n; i++) {
        CXCursor a = fx.f[i], b = fy.f[i];
        long long off = clang_Cursor_getOffsetOfField(a);
        if (off < 0 || off != clang_Cursor_getOffsetOfField(b) || off % 8) return;
        if (!clang_equalTypes(unqualified(clang_getCursorType(a)), unqualified(clang_getCursorType(b)))) return;
        if (clang_Cursor_isBitField(a) != clang_Cursor_isBitField(b) ||
            (clang_Cursor_isBitField(a) && clang_getFieldDeclBitWidth(a) != clang_getFieldDeclBitWidth(b)))
            return;
        if (clang_Cursor_isBitField(a)) return; /* bit-fields share bytes: not followed further */
        const char *na = lw_cx_take(L, clang_getCursorSpelling(a)), *nb = lw_cx_take(L, clang_getCursorSpelling(b));
        note_alias(L, na, nb, off, clang_Type_getSizeOf(clang_getCursorType(a)));
    }
}

/* The members of a union overlap: each is one location with its first
 * named member (an alias at offset 0), so `u.in = f` and a read of `u.out`
 * see each other in points-to (libuv's uv_thread_create passes its routine
 * through such a union) and a write of one member races with a read of
 * another. member: a member expression; once per union type. */
bool lw_bitfield_run(CXCursor fd, CXCursor *first, CXCursor *last, long long *bits) {
    if (!clang_Cursor_isBitField(fd) || clang_getFieldDeclBitWidth(fd) <= 0) return false;
    CXCursor rec = clang_getCursorSemanticParent(fd);
    if (clang_getCursorKind(rec) != CXCursor_StructDecl) return false; /* a union's members overlap anyway */
    Fields fs = {.n = 0};
    clang_Type_visitFields(clang_getCursorType(rec), add_field, &fs);
    CXCursor start = clang_getNullCursor();
    bool found = false;
    for (unsigned i = 0; i < fs.n; i++) {
        if (!clang_Cursor_isBitField(fs.f[i]) || clang_getFieldDeclBitWidth(fs.f[i]) <= 0) {
            if (found) break;
            start = clang_getNullCursor(); /* a member or a zero-width bit-field ends a run */
            continue;
        }
        if (clang_Cursor_isNull(start)) start = fs.f[i];
        if (clang_equalCursors(fs.f[i], fd)) found = true;
        if (found) *last = fs.f[i];
    }
    if (!found) return false;
    *first = start;
    *bits = clang_Cursor_getOffsetOfField(start);
    return *bits >= 0;
}

const char *lw_field_name(Lower *L, CXCursor member) {
    CXCursor fd = clang_getCursorKind(member) == CXCursor_FieldDecl ? member : clang_getCursorReferenced(member);
    const char *name = lw_cx_take(L, clang_getCursorSpelling(member));
    CXCursor first, last;
    long long bits;
    if (!lw_bitfield_run(fd, &first, &last, &bits) || clang_equalCursors(first, last)) return name;
    const char *a = lw_cx_take(L, clang_getCursorSpelling(first)), *z = lw_cx_take(L, clang_getCursorSpelling(last));
    return arena_printf(L->a, "%s..%s", a[0] ? a : "?", z[0] ? z : "?");
}

void lw_note_union(Lower *L, CXCursor member) {
    CXCursor fd = clang_getCursorReferenced(member);
    CXCursor rec = clang_getCursorSemanticParent(fd);
    if (clang_getCursorKind(rec) != CXCursor_UnionDecl) return;
    uint64_t seen, h = clang_hashCursor(rec);
    /* PRECISION: a second union of the unit whose cursor hashes like a
     * recorded one's keeps its members apart */
    if (u64map_get(&L->unions_seen, h, &seen)) return;
    u64map_put(&L->unions_seen, h, 1);
    CXType t = clang_getCursorType(rec);
    Fields fs = {.n = 0};
    clang_Type_visitFields(t, add_field, &fs);
    const char *first = NULL;
    for (unsigned i = 0; i < fs.n; i++) {
        const char *n = lw_cx_take(L, clang_getCursorSpelling(fs.f[i]));
        if (!n[0] || clang_Cursor_isBitField(fs.f[i])) continue;
        if (!first) {
            first = n;
            continue;
        }
        note_alias(L, first, n, 0, clang_Type_getSizeOf(clang_getCursorType(fs.f[i])));
    }
}

static int alias_cmp(const void *x, const void *y) {
    const IrFieldAlias *a = x, *b = y;
    int c = strcmp(a->a, b->a);
    if (!c) c = strcmp(a->b, b->b);
    if (!c) c = a->offset < b->offset ? -1 : a->offset > b->offset;
    return c;
}

void lw_finish_aliases(Lower *L) {
    if (!L->avec.len) return;
    qsort(L->avec.data, L->avec.len, sizeof(IrFieldAlias), alias_cmp);
    L->u->naliases = (uint32_t)L->avec.len;
    L->u->aliases = arena_memdup(L->a, L->avec.data, L->avec.len * sizeof(IrFieldAlias));
}

IrOperand lw_cast_pointer(Lower *L, CXCursor cast, CXCursor inner, IrOperand r) {
    if (r.kind != IR_OPD_VALUE && r.kind != IR_OPD_ADDR) return r;
    CXType to = clang_getCursorType(cast), from = clang_getCursorType(inner);
    if (!type_is_pointer(to) || !type_is_pointer(from)) return r;
    IrOperand m;
    if (member_cast(L, to, inner, r, &m)) return m;
    CXType tp = unqualified(clang_getPointeeType(canon(to))), fp = unqualified(clang_getPointeeType(canon(from)));
    if (!is_record(tp) || !is_record(fp) || clang_equalTypes(tp, fp)) return r;
    Designator d;
    if (first_member_chain(L, tp, fp, &d)) return enclosing(L, r, &d); /* up to the enclosing struct */
    if (first_member_chain(L, fp, tp, &d)) { /* down to its first member */
        IrPath path = lw_deref_operand(L, r);
        for (uint32_t i = 0; i < d.n; i++) path = lw_path_step(L, path, d.steps[i]);
        IrOperand o = opd_unknown();
        o.kind = IR_OPD_ADDR;
        o.path = path;
        return o;
    }
    common_sequence(L, fp, tp);
    return r;
}
