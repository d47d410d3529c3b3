/*
 * serialize.c - an IrUnit to bytes and back (serialize.h; the layout is
 * docs/ir-format.md).
 *
 * Writing is one walk over the unit into a body buffer; each string is
 * numbered the first time the walk meets it (1, 2, ...; 0 is NULL), so the
 * table, written before the body, is in first-use order and the bytes are a
 * function of the IR alone.
 *
 * Reading is the same walk over a cursor that cannot move past the end.
 * Errors are sticky: the first one is recorded with the byte offset where it
 * happened, and from then on every read returns zero (so counts are zero and
 * loops end), which keeps the walk free of error plumbing without ever
 * touching memory outside the input. Counts are checked against the bytes
 * left before anything is allocated for them (an element takes at least one
 * byte), so a corrupt count cannot ask for more memory than a small multiple
 * of the input. Indices between parts of a function (successors, loops,
 * locals, temps) are checked by ir_check_unit once the unit is read.
 */
#include "serialize.h"

#include "../base/hash.h"
#include "check.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char magic[4] = {'R', 'C', 'I', 'R'};

/* More temporaries than any function racecheck lowers; a larger count is
 * corruption (temps take no bytes of their own, so the count is not bounded
 * by the input's size otherwise). */
enum { MAX_TEMPS = 1 << 24 };

/* ---- writing ------------------------------------------------------------------ */

typedef struct Bytes {
    uint8_t *data;
    size_t len, cap;
} Bytes;

static void put_raw(Bytes *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        size_t c = b->cap ? b->cap * 2 : 256;
        while (c < b->len + n) c *= 2;
        b->data = xrealloc(b->data, c);
        b->cap = c;
    }
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_byte(Bytes *b, unsigned v) {
    uint8_t c = (uint8_t)v;
    put_raw(b, &c, 1);
}

/* Unsigned LEB128: 7 bits per byte, least significant first. */
static void put_uv(Bytes *b, uint64_t v) {
    uint8_t buf[10];
    size_t n = 0;
    do {
        uint8_t c = v & 0x7f;
        v >>= 7;
        buf[n++] = c | (v ? 0x80 : 0);
    } while (v);
    put_raw(b, buf, n);
}

/* Zigzag: 0, -1, 1, -2 ... as 0, 1, 2, 3 ... */
static void put_sv(Bytes *b, int64_t v) {
    put_uv(b, v < 0 ? ~((uint64_t)v << 1) : (uint64_t)v << 1);
}

static void le64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static void le32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

typedef struct W {
    Bytes body, strs;
    StrMap index; /* string -> its number, as a pointer-sized integer */
    uint32_t nstrs;
} W;

static void put_str(W *w, const char *s) {
    if (!s) {
        put_uv(&w->body, 0);
        return;
    }
    bool inserted;
    void **slot = strmap_slot(&w->index, s, &inserted);
    if (inserted) {
        *slot = (void *)(uintptr_t)++w->nstrs;
        size_t len = strlen(s);
        put_uv(&w->strs, len);
        put_raw(&w->strs, s, len);
    }
    put_uv(&w->body, (uintptr_t)*slot);
}

static void put_loc(W *w, const IrLoc *l) {
    put_str(w, l->file);
    put_uv(&w->body, l->line);
    put_uv(&w->body, l->col);
}

static void put_path(W *w, const IrPath *p) {
    put_byte(&w->body, p->root);
    put_uv(&w->body, p->id);
    put_str(w, p->usr);
    put_str(w, p->name);
    put_uv(&w->body, p->nsteps);
    for (uint32_t i = 0; i < p->nsteps; i++) {
        const IrStep *s = &p->steps[i];
        put_byte(&w->body, s->kind);
        put_byte(&w->body, s->index_kind);
        if (s->kind != IR_STEP_DEREF) { /* layout: the unions' two members */
            put_uv(&w->body, s->elem_align);
            put_uv(&w->body, s->elem_size);
        }
        if (s->kind == IR_STEP_FIELD || s->kind == IR_STEP_UP || s->kind == IR_STEP_DEREF) put_str(w, s->field);
        else if (s->kind == IR_STEP_INDEX && (s->index_kind == IR_INDEX_CONST || s->index_kind == IR_INDEX_UNKNOWN))
            put_sv(&w->body, s->value);
        else if (s->kind == IR_STEP_INDEX && (s->index_kind == IR_INDEX_LOCAL || s->index_kind == IR_INDEX_TEMP))
            put_uv(&w->body, s->local);
    }
}

static void put_operand(W *w, const IrOperand *o) {
    put_byte(&w->body, o->kind);
    put_byte(&w->body, (o->offset ? 1u : 0u) | (o->record ? 2u : 0u));
    switch (o->kind) {
    case IR_OPD_CONST: put_sv(&w->body, o->value); break;
    case IR_OPD_VALUE:
    case IR_OPD_ADDR: put_path(w, &o->path); break;
    case IR_OPD_FUNC:
        put_str(w, o->usr);
        put_str(w, o->name);
        break;
    default:
        put_uv(&w->body, ir_operand_narith(o));
        for (uint32_t i = 0; i < ir_operand_narith(o); i++) {
            put_byte(&w->body, o->arith[i].kind);
            if (o->arith[i].kind == IR_ARITH_CONST) put_sv(&w->body, o->arith[i].value);
            else if (o->arith[i].kind == IR_ARITH_LOCAL || o->arith[i].kind == IR_ARITH_TEMP)
                put_uv(&w->body, o->arith[i].local);
        }
        break;
    }
}

static void put_event(W *w, const IrEvent *e) {
    put_byte(&w->body, e->kind);
    put_byte(&w->body, e->flags);
    put_loc(w, &e->loc);
    put_path(w, &e->path);
    if (e->kind == IR_EV_ASSIGN) {
        put_byte(&w->body, e->src != NULL);
        if (e->src) put_operand(w, e->src);
    } else if (e->kind == IR_EV_WRITE && (e->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN))) {
        put_sv(&w->body, e->src && e->src->kind == IR_OPD_CONST ? e->src->value : 0);
    } else if (e->kind == IR_EV_CALL) {
        put_byte(&w->body, e->call != NULL);
        if (e->call) {
            put_operand(w, &e->call->callee);
            put_uv(&w->body, e->call->nargs);
            for (uint32_t i = 0; i < e->call->nargs; i++) put_operand(w, &e->call->args[i]);
            put_sv(&w->body, e->call->result);
            put_byte(&w->body, e->call->pointer_result);
            put_str(w, e->call->type);
        }
    }
}

static void put_term(W *w, const IrTerm *t) {
    put_byte(&w->body, t->kind);
    put_loc(w, &t->loc);
    if (t->kind == IR_TERM_BRANCH) {
        put_byte(&w->body, t->cmp);
        put_sv(&w->body, t->rhs);
        put_operand(w, &t->cond);
        put_byte(&w->body, t->sym_cmp);
        put_sv(&w->body, t->sym_off);
        put_operand(w, &t->sym_lhs);
        put_operand(w, &t->sym_rhs);
    } else if (t->kind == IR_TERM_RETURN) {
        put_operand(w, &t->ret);
    }
}

static void put_func(W *w, const IrFunc *f) {
    put_str(w, f->usr);
    put_str(w, f->name);
    put_loc(w, &f->loc);
    put_byte(&w->body, (f->is_static ? 1u : 0u) | (f->is_variadic ? 2u : 0u) | (f->is_hidden ? 4u : 0u));
    put_str(w, f->type);
    put_uv(&w->body, f->nparams);
    put_uv(&w->body, f->nlocals);
    for (uint32_t i = 0; i < f->nlocals; i++) {
        const IrLocal *l = &f->locals[i];
        put_str(w, l->name);
        put_str(w, l->type);
        put_uv(&w->body, l->flags);
        put_loc(w, &l->loc);
    }
    put_uv(&w->body, f->ntemps);
    put_uv(&w->body, f->va_temp);
    put_uv(&w->body, f->nloops);
    for (uint32_t i = 0; i < f->nloops; i++) {
        const IrLoop *l = &f->loops[i];
        put_sv(&w->body, l->parent);
        put_uv(&w->body, l->header);
        put_uv(&w->body, l->exit);
        put_loc(w, &l->loc);
    }
    put_uv(&w->body, f->nblocks);
    for (uint32_t i = 0; i < f->nblocks; i++) {
        const IrBlock *b = &f->blocks[i];
        put_sv(&w->body, b->loop);
        put_uv(&w->body, b->nevents);
        for (uint32_t e = 0; e < b->nevents; e++) put_event(w, &b->events[e]);
        put_term(w, &b->term);
        put_uv(&w->body, b->nsucc);
        for (uint32_t s = 0; s < b->nsucc; s++) put_uv(&w->body, b->succ[s]);
    }
}

static void put_unit(W *w, const IrUnit *u) {
    put_str(w, u->path);
    put_byte(&w->body, u->parse_failed);
    put_uv(&w->body, u->nglobals);
    for (uint32_t i = 0; i < u->nglobals; i++) {
        const IrGlobal *g = &u->globals[i];
        put_str(w, g->usr);
        put_str(w, g->name);
        put_str(w, g->type);
        put_uv(&w->body, g->flags);
        put_loc(w, &g->loc);
    }
    put_uv(&w->body, u->nexterns);
    for (uint32_t i = 0; i < u->nexterns; i++) {
        put_str(w, u->externs[i].usr);
        put_str(w, u->externs[i].name);
        put_byte(&w->body, u->externs[i].noreturn);
    }
    put_uv(&w->body, u->nconverted);
    for (uint32_t i = 0; i < u->nconverted; i++) put_str(w, u->converted[i]);
    put_uv(&w->body, u->naliases);
    for (uint32_t i = 0; i < u->naliases; i++) {
        put_str(w, u->aliases[i].a);
        put_str(w, u->aliases[i].b);
        put_uv(&w->body, u->aliases[i].offset);
        put_uv(&w->body, u->aliases[i].size);
    }
    put_byte(&w->body, u->init != NULL);
    if (u->init) put_func(w, u->init);
    put_uv(&w->body, u->nfuncs);
    for (uint32_t i = 0; i < u->nfuncs; i++) put_func(w, u->funcs[i]);
    put_uv(&w->body, u->ninputs);
    for (uint32_t i = 0; i < u->ninputs; i++) {
        uint8_t h[8];
        put_str(w, u->inputs[i].path);
        le64(h, u->inputs[i].hash);
        put_raw(&w->body, h, sizeof h);
    }
}

void *ir_unit_serialize(const IrUnit *u, size_t *n) {
    W w;
    memset(&w, 0, sizeof w);
    strmap_init(&w.index);
    put_unit(&w, u);
    Bytes count = {0};
    put_uv(&count, w.nstrs);
    size_t payload = count.len + w.strs.len + w.body.len;
    uint8_t *out = xmalloc(IR_FORMAT_HEADER + payload);
    uint8_t *p = out + IR_FORMAT_HEADER;
    memcpy(p, count.data, count.len);
    if (w.strs.len) memcpy(p + count.len, w.strs.data, w.strs.len);
    memcpy(p + count.len + w.strs.len, w.body.data, w.body.len);
    memcpy(out, magic, 4);
    le32(out + 4, IR_FORMAT_VERSION);
    le32(out + 8, 0);
    le64(out + 12, payload);
    le64(out + 20, hash64(p, payload));
    free(count.data);
    free(w.strs.data);
    free(w.body.data);
    strmap_free(&w.index);
    *n = IR_FORMAT_HEADER + payload;
    return out;
}

bool ir_unit_write(const IrUnit *u, FILE *out) {
    size_t n;
    void *data = ir_unit_serialize(u, &n);
    bool ok = fwrite(data, 1, n, out) == n;
    free(data);
    return ok;
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct R {
    const uint8_t *start, *p, *end;
    bool failed;
    char *err;
    size_t errn;
    Arena *a;
    const char **strs;
    uint32_t nstrs;
} R;

__attribute__((format(printf, 2, 3))) static void rfail(R *r, const char *fmt, ...) {
    if (r->failed) return;
    r->failed = true;
    r->p = r->end; /* nothing more is read */
    if (!r->errn) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errn, fmt, ap);
    va_end(ap);
}

static size_t offset(const R *r) {
    return (size_t)(r->p - r->start);
}

static unsigned get_byte(R *r, const char *what) {
    if (r->failed) return 0;
    if (r->p >= r->end) {
        rfail(r, "truncated at byte %zu (reading %s)", offset(r), what);
        return 0;
    }
    return *r->p++;
}

static uint64_t get_uv(R *r, const char *what) {
    uint64_t v = 0;
    for (unsigned shift = 0; !r->failed; shift += 7) {
        size_t at = offset(r);
        unsigned c = get_byte(r, what);
        if (shift == 63 && (c & 0xfe)) {
            rfail(r, "integer too large at byte %zu (reading %s)", at, what);
            return 0;
        }
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) return r->failed ? 0 : v;
    }
    return 0;
}

static int64_t get_sv(R *r, const char *what) {
    uint64_t u = get_uv(r, what);
    return (int64_t)((u >> 1) ^ (~(u & 1) + 1));
}

static uint32_t get_u32(R *r, const char *what) {
    size_t at = offset(r);
    uint64_t v = get_uv(r, what);
    if (v > UINT32_MAX) {
        rfail(r, "%s %llu out of range at byte %zu", what, (unsigned long long)v, at);
        return 0;
    }
    return (uint32_t)v;
}

static int32_t get_s32(R *r, const char *what) {
    size_t at = offset(r);
    int64_t v = get_sv(r, what);
    if (v < INT32_MIN || v > INT32_MAX) {
        rfail(r, "%s %lld out of range at byte %zu", what, (long long)v, at);
        return 0;
    }
    return (int32_t)v;
}

/* A count of elements taking at least `min` bytes each: never more than
 * the bytes left can hold. */
static uint32_t get_count(R *r, size_t min, const char *what) {
    size_t at = offset(r);
    uint32_t n = get_u32(r, what);
    if (n && (size_t)(r->end - r->p) / min < n) {
        rfail(r, "%s %u at byte %zu exceeds what the %zu bytes left can hold", what, n, at,
              (size_t)(r->end - r->p));
        return 0;
    }
    return n;
}

/* An enum stored in a byte, at most max. */
static uint8_t get_kind(R *r, unsigned max, const char *what) {
    size_t at = offset(r);
    unsigned v = get_byte(r, what);
    if (v > max) {
        rfail(r, "unknown %s %u at byte %zu", what, v, at);
        return 0;
    }
    return (uint8_t)v;
}

static const char *get_str(R *r, const char *what) {
    size_t at = offset(r);
    uint64_t i = get_uv(r, what);
    if (!i) return NULL;
    if (i > r->nstrs) {
        rfail(r, "string %llu out of range (%u strings) at byte %zu (reading %s)", (unsigned long long)i, r->nstrs,
              at, what);
        return NULL;
    }
    return r->strs[i - 1];
}

/* An array of n elements of size sz in the arena; NULL when n is 0. */
static void *get_array(R *r, uint32_t n, size_t sz) {
    return n ? arena_alloc(r->a, (size_t)n * sz) : NULL;
}

static void get_strings(R *r) {
    uint32_t n = get_count(r, 1, "string count");
    r->nstrs = n;
    r->strs = get_array(r, n, sizeof(char *));
    for (uint32_t i = 0; i < n && !r->failed; i++) {
        size_t at = offset(r);
        uint64_t len = get_uv(r, "string length");
        if (len > (uint64_t)(r->end - r->p)) {
            rfail(r, "string %u of %llu bytes at byte %zu runs past the end", i + 1, (unsigned long long)len, at);
            break;
        }
        if (memchr(r->p, 0, (size_t)len)) {
            rfail(r, "string %u at byte %zu holds a NUL byte", i + 1, at);
            break;
        }
        r->strs[i] = arena_strndup(r->a, (const char *)r->p, (size_t)len);
        r->p += len;
    }
}

static void get_loc(R *r, IrLoc *l) {
    l->file = get_str(r, "location file");
    l->line = get_u32(r, "line");
    l->col = get_u32(r, "column");
}

static void get_path(R *r, IrPath *p) {
    p->root = get_kind(r, IR_ROOT_STRING, "path root kind");
    p->id = get_u32(r, "path root id");
    p->usr = get_str(r, "path USR");
    p->name = get_str(r, "path name");
    p->nsteps = get_count(r, 2, "step count");
    p->steps = get_array(r, p->nsteps, sizeof(IrStep));
    for (uint32_t i = 0; i < p->nsteps && !r->failed; i++) {
        IrStep *s = &p->steps[i];
        s->kind = get_kind(r, IR_STEP_UP, "step kind");
        s->index_kind = get_kind(r, IR_INDEX_TEMP, "index kind");
        if (s->kind != IR_STEP_DEREF) {
            size_t at = offset(r);
            uint32_t a16 = get_u32(r, "step layout");
            if (a16 > UINT16_MAX) rfail(r, "step layout %u out of range at byte %zu", a16, at);
            s->elem_align = (uint16_t)a16;
            s->elem_size = get_u32(r, "step layout");
        }
        if (s->kind == IR_STEP_FIELD || s->kind == IR_STEP_UP) s->field = get_str(r, "field name");
        else if (s->kind == IR_STEP_DEREF) s->field = get_str(r, "dereferenced record type");
        else if (s->kind == IR_STEP_INDEX && (s->index_kind == IR_INDEX_CONST || s->index_kind == IR_INDEX_UNKNOWN))
            s->value = get_sv(r, "index");
        else if (s->kind == IR_STEP_INDEX && (s->index_kind == IR_INDEX_LOCAL || s->index_kind == IR_INDEX_TEMP))
            s->local = get_u32(r, "index variable");
    }
}

static void get_operand(R *r, IrOperand *o) {
    o->kind = get_kind(r, IR_OPD_FUNC, "operand kind");
    uint8_t bits = get_kind(r, 3, "operand flags");
    o->offset = bits & 1;
    o->record = (bits & 2) != 0;
    switch (o->kind) {
    case IR_OPD_CONST: o->value = get_sv(r, "constant"); break;
    case IR_OPD_VALUE:
    case IR_OPD_ADDR: get_path(r, &o->path); break;
    case IR_OPD_FUNC:
        o->usr = get_str(r, "function USR");
        o->name = get_str(r, "function name");
        break;
    default: {
        uint32_t n = get_u32(r, "arithmetic length");
        if (n > IR_ARITH_MAX) {
            rfail(r, "arithmetic of %u terms (at most %d)", n, IR_ARITH_MAX);
            n = 0;
        }
        IrArith *a = n ? get_array(r, n, sizeof(IrArith)) : NULL;
        for (uint32_t i = 0; i < n && a && !r->failed; i++) {
            a[i].kind = get_kind(r, IR_ARITH_LAST, "arithmetic term");
            if (a[i].kind == IR_ARITH_CONST) a[i].value = get_sv(r, "arithmetic constant");
            else if (a[i].kind == IR_ARITH_LOCAL || a[i].kind == IR_ARITH_TEMP) a[i].local = get_u32(r, "arithmetic local");
        }
        o->narith = a ? n : 0;
        o->arith = a; /* NULL when none */
        break;
    }
    }
}

static void get_event(R *r, IrEvent *e) {
    e->kind = get_kind(r, IR_EV_CALL, "event kind");
    e->flags = (uint8_t)get_byte(r, "event flags");
    get_loc(r, &e->loc);
    get_path(r, &e->path);
    if (e->kind == IR_EV_ASSIGN) {
        if (get_kind(r, 1, "source presence")) {
            e->src = ARENA_NEW(r->a, IrOperand);
            get_operand(r, e->src);
        }
    } else if (e->kind == IR_EV_WRITE && (e->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN))) {
        int64_t size = get_sv(r, "step size");
        if (size > 0) {
            e->src = ARENA_NEW(r->a, IrOperand);
            memset(e->src, 0, sizeof *e->src);
            e->src->kind = IR_OPD_CONST;
            e->src->value = size;
        }
    } else if (e->kind == IR_EV_CALL) {
        if (get_kind(r, 1, "call presence")) {
            IrCall *c = ARENA_NEW(r->a, IrCall);
            e->call = c;
            get_operand(r, &c->callee);
            c->nargs = get_count(r, 2, "argument count");
            c->args = get_array(r, c->nargs, sizeof(IrOperand));
            for (uint32_t i = 0; i < c->nargs && !r->failed; i++) get_operand(r, &c->args[i]);
            c->result = get_s32(r, "call result");
            c->pointer_result = get_kind(r, 1, "pointer result flag");
            c->type = get_str(r, "call type");
        }
    }
}

static void get_term(R *r, IrTerm *t) {
    t->kind = get_kind(r, IR_TERM_EXIT, "terminator kind");
    get_loc(r, &t->loc);
    if (t->kind == IR_TERM_BRANCH) {
        t->cmp = get_kind(r, IR_CMP_GE, "comparison");
        t->rhs = get_sv(r, "branch constant");
        get_operand(r, &t->cond);
        t->sym_cmp = get_kind(r, IR_CMP_GE, "comparison");
        t->sym_off = get_sv(r, "branch offset");
        get_operand(r, &t->sym_lhs);
        get_operand(r, &t->sym_rhs);
    } else if (t->kind == IR_TERM_RETURN) {
        get_operand(r, &t->ret);
    }
}

static IrFunc *get_func(R *r) {
    IrFunc *f = ARENA_NEW(r->a, IrFunc);
    f->usr = get_str(r, "function USR");
    f->name = get_str(r, "function name");
    get_loc(r, &f->loc);
    uint8_t bits = get_kind(r, 7, "function flags");
    f->is_static = bits & 1;
    f->is_variadic = (bits & 2) != 0;
    f->is_hidden = (bits & 4) != 0;
    f->type = get_str(r, "function type");
    f->nparams = get_u32(r, "parameter count");
    f->nlocals = get_count(r, 6, "local count");
    /* never NULL, as the builder makes it */
    f->locals = ARENA_ARRAY(r->a, IrLocal, f->nlocals ? f->nlocals : 1);
    for (uint32_t i = 0; i < f->nlocals && !r->failed; i++) {
        IrLocal *l = &f->locals[i];
        l->name = get_str(r, "local name");
        l->type = get_str(r, "local type");
        l->flags = get_u32(r, "local flags");
        get_loc(r, &l->loc);
    }
    size_t at = offset(r);
    f->ntemps = get_u32(r, "temp count");
    if (f->ntemps > MAX_TEMPS) rfail(r, "temp count %u at byte %zu is implausible", f->ntemps, at);
    f->va_temp = get_u32(r, "variadic temp");
    f->nloops = get_count(r, 6, "loop count");
    f->loops = get_array(r, f->nloops, sizeof(IrLoop));
    for (uint32_t i = 0; i < f->nloops && !r->failed; i++) {
        IrLoop *l = &f->loops[i];
        l->parent = get_s32(r, "loop parent");
        l->header = get_u32(r, "loop header");
        l->exit = get_u32(r, "loop exit");
        get_loc(r, &l->loc);
    }
    f->nblocks = get_count(r, 7, "block count");
    f->blocks = get_array(r, f->nblocks, sizeof(IrBlock));
    for (uint32_t i = 0; i < f->nblocks && !r->failed; i++) {
        IrBlock *b = &f->blocks[i];
        b->loop = get_s32(r, "block loop");
        b->nevents = get_count(r, 10, "event count");
        b->events = get_array(r, b->nevents, sizeof(IrEvent));
        for (uint32_t e = 0; e < b->nevents && !r->failed; e++) get_event(r, &b->events[e]);
        get_term(r, &b->term);
        b->nsucc = get_count(r, 1, "successor count");
        b->succ = get_array(r, b->nsucc, sizeof(uint32_t));
        for (uint32_t s = 0; s < b->nsucc && !r->failed; s++) b->succ[s] = get_u32(r, "successor");
    }
    return f;
}

static void get_unit(R *r, IrUnit *u) {
    u->path = get_str(r, "unit path");
    u->parse_failed = get_kind(r, 1, "parse-failed flag");
    u->nglobals = get_count(r, 7, "global count");
    u->globals = get_array(r, u->nglobals, sizeof(IrGlobal));
    for (uint32_t i = 0; i < u->nglobals && !r->failed; i++) {
        IrGlobal *g = &u->globals[i];
        g->usr = get_str(r, "global USR");
        g->name = get_str(r, "global name");
        g->type = get_str(r, "global type");
        g->flags = get_u32(r, "global flags");
        get_loc(r, &g->loc);
    }
    u->nexterns = get_count(r, 3, "extern count");
    u->externs = get_array(r, u->nexterns, sizeof(IrExtern));
    for (uint32_t i = 0; i < u->nexterns && !r->failed; i++) {
        u->externs[i].usr = get_str(r, "extern USR");
        u->externs[i].name = get_str(r, "extern name");
        u->externs[i].noreturn = get_kind(r, 1, "noreturn flag");
    }
    u->nconverted = get_count(r, 1, "converted function count");
    u->converted = get_array(r, u->nconverted, sizeof(const char *));
    for (uint32_t i = 0; i < u->nconverted && !r->failed; i++) u->converted[i] = get_str(r, "converted function USR");
    u->naliases = get_count(r, 4, "field alias count");
    u->aliases = get_array(r, u->naliases, sizeof(IrFieldAlias));
    for (uint32_t i = 0; i < u->naliases && !r->failed; i++) {
        u->aliases[i].a = get_str(r, "field alias");
        u->aliases[i].b = get_str(r, "field alias");
        u->aliases[i].offset = get_u32(r, "field alias offset");
        u->aliases[i].size = get_u32(r, "field alias size");
        if (!r->failed && (!u->aliases[i].a || !u->aliases[i].b)) rfail(r, "field alias %u without a name", i);
    }
    if (get_kind(r, 1, "<init> presence")) u->init = get_func(r);
    u->nfuncs = get_count(r, 10, "function count");
    u->funcs = get_array(r, u->nfuncs, sizeof(IrFunc *));
    for (uint32_t i = 0; i < u->nfuncs && !r->failed; i++) u->funcs[i] = get_func(r);
    u->ninputs = get_count(r, 9, "input file count");
    u->inputs = get_array(r, u->ninputs, sizeof(HashFile));
    for (uint32_t i = 0; i < u->ninputs && !r->failed; i++) {
        u->inputs[i].path = get_str(r, "input file");
        uint64_t h = 0;
        for (int k = 0; k < 8; k++) h |= (uint64_t)get_byte(r, "input hash") << (8 * k);
        u->inputs[i].hash = h;
    }
}

static uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p) {
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static IrUnit *read_fail(char *err, size_t errn, const char *msg, Arena *a) {
    if (errn) snprintf(err, errn, "%s", msg);
    arena_free(a);
    return NULL;
}

IrUnit *ir_unit_read(const void *data, size_t n, char *err, size_t errn) {
    const uint8_t *d = data;
    char msg[256];
    if (errn) err[0] = 0;
    if (n < IR_FORMAT_HEADER) {
        snprintf(msg, sizeof msg, "not serialized IR: %zu bytes, shorter than the %d-byte header", n,
                 IR_FORMAT_HEADER);
        return read_fail(err, errn, msg, NULL);
    }
    if (memcmp(d, magic, 4) != 0) return read_fail(err, errn, "not serialized IR: bad magic", NULL);
    uint32_t version = rd32(d + 4);
    if (version != IR_FORMAT_VERSION) {
        snprintf(msg, sizeof msg, "serialized IR of format version %u; this racecheck reads version %d", version,
                 IR_FORMAT_VERSION);
        return read_fail(err, errn, msg, NULL);
    }
    if (rd32(d + 8) != 0) return read_fail(err, errn, "serialized IR with unknown header flags", NULL);
    uint64_t payload = rd64(d + 12);
    if (payload != n - IR_FORMAT_HEADER) {
        snprintf(msg, sizeof msg, "serialized IR truncated or padded: the header announces %llu bytes, %zu follow",
                 (unsigned long long)payload, n - IR_FORMAT_HEADER);
        return read_fail(err, errn, msg, NULL);
    }
    if (hash64(d + IR_FORMAT_HEADER, (size_t)payload) != rd64(d + 20))
        return read_fail(err, errn, "serialized IR is corrupt: checksum mismatch", NULL);

    R r;
    memset(&r, 0, sizeof r);
    r.start = d + IR_FORMAT_HEADER;
    r.p = r.start;
    r.end = r.start + payload;
    r.err = msg;
    r.errn = sizeof msg;
    r.a = arena_new();
    IrUnit *u = ARENA_NEW(r.a, IrUnit);
    u->arena = r.a;
    get_strings(&r);
    get_unit(&r, u);
    if (!r.failed && r.p != r.end) rfail(&r, "%zu bytes after the unit", (size_t)(r.end - r.p));
    if (r.failed) {
        char full[320];
        snprintf(full, sizeof full, "corrupt serialized IR (payload): %s", msg);
        return read_fail(err, errn, full, r.a);
    }
    char why[256], full[320];
    if (!ir_check_unit(u, why, sizeof why)) {
        snprintf(full, sizeof full, "corrupt serialized IR: malformed function %s", why);
        return read_fail(err, errn, full, r.a);
    }
    return u;
}

/* ---- structural equality ------------------------------------------------------ */

typedef struct Eq {
    char *why;
    size_t n;
    const char *where; /* function name */
    uint32_t block;
    int64_t event; /* -1 outside events */
} Eq;

__attribute__((format(printf, 2, 3))) static bool differ(Eq *q, const char *fmt, ...) {
    if (!q->n) return false;
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (!q->where) snprintf(q->why, q->n, "%s", what);
    else if (q->event >= 0)
        snprintf(q->why, q->n, "function %s block %u event %lld: %s", q->where, q->block, (long long)q->event, what);
    else snprintf(q->why, q->n, "function %s: %s", q->where, what);
    return false;
}

static bool str_eq(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

#define EQ_STR(q, x, y, what) \
    if (!str_eq((x), (y))) return differ((q), "%s: '%s' vs '%s'", (what), (x) ? (x) : "(null)", (y) ? (y) : "(null)")
#define EQ_NUM(q, x, y, what) \
    if ((x) != (y)) return differ((q), "%s: %lld vs %lld", (what), (long long)(x), (long long)(y))

static bool loc_eq(Eq *q, const IrLoc *a, const IrLoc *b, const char *what) {
    EQ_STR(q, a->file, b->file, what);
    EQ_NUM(q, a->line, b->line, what);
    EQ_NUM(q, a->col, b->col, what);
    return true;
}

static bool path_eq(Eq *q, const IrPath *a, const IrPath *b) {
    EQ_NUM(q, a->root, b->root, "path root");
    EQ_NUM(q, a->id, b->id, "path id");
    EQ_STR(q, a->usr, b->usr, "path USR");
    EQ_STR(q, a->name, b->name, "path name");
    EQ_NUM(q, a->nsteps, b->nsteps, "step count");
    for (uint32_t i = 0; i < a->nsteps; i++) {
        const IrStep *s = &a->steps[i], *t = &b->steps[i];
        EQ_NUM(q, s->kind, t->kind, "step kind");
        EQ_NUM(q, s->index_kind, t->index_kind, "index kind");
        if (s->kind != IR_STEP_DEREF) {
            EQ_NUM(q, s->elem_align, t->elem_align, "step layout");
            EQ_NUM(q, s->elem_size, t->elem_size, "step layout");
        }
        if (s->kind == IR_STEP_FIELD || s->kind == IR_STEP_UP || s->kind == IR_STEP_DEREF) {
            EQ_STR(q, s->field, t->field, "field");
        } else if (s->kind == IR_STEP_INDEX && (s->index_kind == IR_INDEX_CONST || s->index_kind == IR_INDEX_UNKNOWN)) {
            EQ_NUM(q, s->value, t->value, "index");
        } else if (s->kind == IR_STEP_INDEX && (s->index_kind == IR_INDEX_LOCAL || s->index_kind == IR_INDEX_TEMP)) {
            EQ_NUM(q, s->local, t->local, "index variable");
        }
    }
    return true;
}

static bool operand_eq(Eq *q, const IrOperand *a, const IrOperand *b) {
    EQ_NUM(q, a->kind, b->kind, "operand kind");
    EQ_NUM(q, a->offset, b->offset, "operand offset");
    EQ_NUM(q, a->record, b->record, "operand record");
    switch (a->kind) {
    case IR_OPD_CONST: EQ_NUM(q, a->value, b->value, "constant"); return true;
    case IR_OPD_VALUE:
    case IR_OPD_ADDR: return path_eq(q, &a->path, &b->path);
    case IR_OPD_FUNC:
        EQ_STR(q, a->usr, b->usr, "function USR");
        EQ_STR(q, a->name, b->name, "function name");
        return true;
    default:
        EQ_NUM(q, ir_operand_narith(a), ir_operand_narith(b), "arithmetic length");
        for (uint32_t i = 0; i < ir_operand_narith(a); i++) {
            EQ_NUM(q, a->arith[i].kind, b->arith[i].kind, "arithmetic term");
            EQ_NUM(q, a->arith[i].local, b->arith[i].local, "arithmetic local");
            EQ_NUM(q, a->arith[i].value, b->arith[i].value, "arithmetic constant");
        }
        return true;
    }
}

static bool event_eq(Eq *q, const IrEvent *a, const IrEvent *b) {
    EQ_NUM(q, a->kind, b->kind, "event kind");
    EQ_NUM(q, a->flags, b->flags, "event flags");
    if (!loc_eq(q, &a->loc, &b->loc, "event location") || !path_eq(q, &a->path, &b->path)) return false;
    if (a->kind == IR_EV_ASSIGN || (a->kind == IR_EV_WRITE && (a->flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN)))) {
        EQ_NUM(q, a->src != NULL, b->src != NULL, "source presence");
        return !a->src || operand_eq(q, a->src, b->src);
    }
    if (a->kind == IR_EV_CALL) {
        EQ_NUM(q, a->call != NULL, b->call != NULL, "call presence");
        if (!a->call) return true;
        const IrCall *c = a->call, *d = b->call;
        if (!operand_eq(q, &c->callee, &d->callee)) return false;
        EQ_NUM(q, c->nargs, d->nargs, "argument count");
        for (uint32_t i = 0; i < c->nargs; i++)
            if (!operand_eq(q, &c->args[i], &d->args[i])) return false;
        EQ_NUM(q, c->result, d->result, "call result");
        EQ_NUM(q, c->pointer_result, d->pointer_result, "pointer result");
        EQ_STR(q, c->type, d->type, "call type");
    }
    return true;
}

static bool term_eq(Eq *q, const IrTerm *a, const IrTerm *b) {
    EQ_NUM(q, a->kind, b->kind, "terminator kind");
    if (!loc_eq(q, &a->loc, &b->loc, "terminator location")) return false;
    if (a->kind == IR_TERM_BRANCH) {
        EQ_NUM(q, a->cmp, b->cmp, "comparison");
        EQ_NUM(q, a->rhs, b->rhs, "branch constant");
        EQ_NUM(q, a->sym_cmp, b->sym_cmp, "comparison");
        EQ_NUM(q, a->sym_off, b->sym_off, "branch offset");
        return operand_eq(q, &a->cond, &b->cond) && operand_eq(q, &a->sym_lhs, &b->sym_lhs) &&
               operand_eq(q, &a->sym_rhs, &b->sym_rhs);
    }
    if (a->kind == IR_TERM_RETURN) return operand_eq(q, &a->ret, &b->ret);
    return true;
}

static bool func_eq(Eq *q, const IrFunc *a, const IrFunc *b) {
    q->where = a->name ? a->name : "(unnamed)";
    q->event = -1;
    EQ_STR(q, a->usr, b->usr, "USR");
    EQ_STR(q, a->name, b->name, "name");
    if (!loc_eq(q, &a->loc, &b->loc, "location")) return false;
    EQ_NUM(q, a->is_static, b->is_static, "static");
    EQ_NUM(q, a->is_hidden, b->is_hidden, "hidden");
    EQ_NUM(q, a->is_variadic, b->is_variadic, "variadic");
    EQ_STR(q, a->type, b->type, "type");
    EQ_NUM(q, a->nparams, b->nparams, "parameter count");
    EQ_NUM(q, a->nlocals, b->nlocals, "local count");
    for (uint32_t i = 0; i < a->nlocals; i++) {
        const IrLocal *l = &a->locals[i], *m = &b->locals[i];
        EQ_STR(q, l->name, m->name, "local name");
        EQ_STR(q, l->type, m->type, "local type");
        EQ_NUM(q, l->flags, m->flags, "local flags");
        if (!loc_eq(q, &l->loc, &m->loc, "local location")) return false;
    }
    EQ_NUM(q, a->ntemps, b->ntemps, "temp count");
    EQ_NUM(q, a->va_temp, b->va_temp, "variadic temp");
    EQ_NUM(q, a->nloops, b->nloops, "loop count");
    for (uint32_t i = 0; i < a->nloops; i++) {
        const IrLoop *l = &a->loops[i], *m = &b->loops[i];
        EQ_NUM(q, l->parent, m->parent, "loop parent");
        EQ_NUM(q, l->header, m->header, "loop header");
        EQ_NUM(q, l->exit, m->exit, "loop exit");
        if (!loc_eq(q, &l->loc, &m->loc, "loop location")) return false;
    }
    EQ_NUM(q, a->nblocks, b->nblocks, "block count");
    for (uint32_t i = 0; i < a->nblocks; i++) {
        const IrBlock *x = &a->blocks[i], *y = &b->blocks[i];
        q->block = i;
        q->event = -1;
        EQ_NUM(q, x->loop, y->loop, "block loop");
        EQ_NUM(q, x->nevents, y->nevents, "event count");
        for (uint32_t e = 0; e < x->nevents; e++) {
            q->event = e;
            if (!event_eq(q, &x->events[e], &y->events[e])) return false;
        }
        q->event = -1;
        if (!term_eq(q, &x->term, &y->term)) return false;
        EQ_NUM(q, x->nsucc, y->nsucc, "successor count");
        for (uint32_t s = 0; s < x->nsucc; s++) EQ_NUM(q, x->succ[s], y->succ[s], "successor");
    }
    q->where = NULL;
    return true;
}

bool ir_unit_equal(const IrUnit *a, const IrUnit *b, char *why, size_t whyn) {
    Eq q = {why, whyn, NULL, 0, -1};
    if (whyn) why[0] = 0;
    EQ_STR(&q, a->path, b->path, "unit path");
    EQ_NUM(&q, a->parse_failed, b->parse_failed, "parse_failed");
    EQ_NUM(&q, a->nglobals, b->nglobals, "global count");
    for (uint32_t i = 0; i < a->nglobals; i++) {
        const IrGlobal *g = &a->globals[i], *h = &b->globals[i];
        EQ_STR(&q, g->usr, h->usr, "global USR");
        EQ_STR(&q, g->name, h->name, "global name");
        EQ_STR(&q, g->type, h->type, "global type");
        EQ_NUM(&q, g->flags, h->flags, "global flags");
        if (!loc_eq(&q, &g->loc, &h->loc, "global location")) return false;
    }
    EQ_NUM(&q, a->nexterns, b->nexterns, "extern count");
    for (uint32_t i = 0; i < a->nexterns; i++) {
        EQ_STR(&q, a->externs[i].usr, b->externs[i].usr, "extern USR");
        EQ_STR(&q, a->externs[i].name, b->externs[i].name, "extern name");
        EQ_NUM(&q, a->externs[i].noreturn, b->externs[i].noreturn, "extern noreturn");
    }
    EQ_NUM(&q, a->naliases, b->naliases, "field alias count");
    for (uint32_t i = 0; i < a->naliases; i++) {
        EQ_STR(&q, a->aliases[i].a, b->aliases[i].a, "field alias");
        EQ_STR(&q, a->aliases[i].b, b->aliases[i].b, "field alias");
        EQ_NUM(&q, a->aliases[i].offset, b->aliases[i].offset, "field alias offset");
        EQ_NUM(&q, a->aliases[i].size, b->aliases[i].size, "field alias size");
    }
    EQ_NUM(&q, a->init != NULL, b->init != NULL, "<init> presence");
    if (a->init && !func_eq(&q, a->init, b->init)) return false;
    EQ_NUM(&q, a->nfuncs, b->nfuncs, "function count");
    for (uint32_t i = 0; i < a->nfuncs; i++)
        if (!func_eq(&q, a->funcs[i], b->funcs[i])) return false;
    EQ_NUM(&q, a->ninputs, b->ninputs, "input file count");
    for (uint32_t i = 0; i < a->ninputs; i++) {
        EQ_STR(&q, a->inputs[i].path, b->inputs[i].path, "input file");
        EQ_NUM(&q, a->inputs[i].hash, b->inputs[i].hash, "input hash");
    }
    return true;
}

bool ir_unit_roundtrip(IrUnit **u, char *err, size_t errn) {
    size_t n, m = 0;
    void *data = ir_unit_serialize(*u, &n);
    IrUnit *copy = ir_unit_read(data, n, err, errn);
    bool ok = copy && ir_unit_equal(*u, copy, err, errn);
    void *again = ok ? ir_unit_serialize(copy, &m) : NULL;
    if (ok && (m != n || memcmp(again, data, n) != 0)) {
        if (errn) snprintf(err, errn, "the copy serializes to other bytes (%zu, was %zu)", m, n);
        ok = false;
    }
    free(again);
    free(data);
    if (!ok) {
        ir_unit_free(copy);
        return false;
    }
    ir_unit_free(*u);
    *u = copy;
    return true;
}
