/*
 * serialize_test.c - the IR serializer (ir/serialize.h) without libclang:
 *
 *   - round trip: a unit built with the IR builder that uses every event,
 *     operand, root, step, index and terminator kind, every flag, nested
 *     loops, NULL and empty strings, the <init> pseudo-function,
 *     parse_failed and input files is written, read back and compared field
 *     by field (ir_unit_equal) and by its --dump-ir text; writing the copy
 *     gives the same bytes (deterministic); an empty unit round-trips too;
 *   - corruption: every truncation and a few hundred byte changes at
 *     deterministic pseudo-random positions are rejected by the header
 *     checks; the same damage behind a repaired header (length and checksum
 *     recomputed, so the decoder itself sees it) gives NULL with a message
 *     or a unit that passes ir_check_unit and can be used (printed, its
 *     def-use tables built, serialized again). Run under ASan/UBSan in the
 *     sanitizer build.
 *
 * Run by ctest as unit/serialize.
 */
#include "../base/hash.h"
#include "../ir/builder.h"
#include "../ir/check.h"
#include "../ir/defuse.h"
#include "../ir/serialize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static IrLoc at(const char *file, uint32_t line, uint32_t col) {
    IrLoc l = {file, line, col};
    return l;
}

static IrOperand opd(uint8_t kind) {
    IrOperand o;
    memset(&o, 0, sizeof o);
    o.kind = kind;
    return o;
}

static IrOperand with_path(uint8_t kind, IrPath p) {
    IrOperand o = opd(kind);
    o.path = p;
    return o;
}

static IrOperand cnst(int64_t v) {
    IrOperand o = opd(IR_OPD_CONST);
    o.value = v;
    return o;
}

static IrOperand func(const char *usr, const char *name) {
    IrOperand o = opd(IR_OPD_FUNC);
    o.usr = usr;
    o.name = name;
    return o;
}

static IrPath root(uint8_t kind, uint32_t id, const char *usr, const char *name) {
    IrPath p;
    memset(&p, 0, sizeof p);
    p.root = kind;
    p.id = id;
    p.usr = usr;
    p.name = name;
    return p;
}

static IrPath step(Arena *a, IrPath p, uint8_t kind, uint8_t index_kind, const char *field, int64_t value,
                   uint32_t local) {
    IrStep s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.index_kind = index_kind;
    if (kind == IR_STEP_FIELD || kind == IR_STEP_UP || kind == IR_STEP_DEREF) s.field = field;
    else if (index_kind == IR_INDEX_CONST) s.value = value;
    else if (index_kind == IR_INDEX_LOCAL || index_kind == IR_INDEX_TEMP) s.local = local;
    return ir_path_append(a, &p, s);
}

/*
 * The worker function: every kind the IR has.
 *
 *   static void *worker(void *arg, int n, ...)   locals: arg, "" (unnamed), i, buf[8], s
 *   bb0: reads and writes through every root and step kind, assigns of
 *        every operand kind, a direct call, an indirect call, a void call
 *        -> bb1
 *   loop 0 (header bb2, exit bb3), loop 1 nested (header bb5, exit bb4)
 *   bb2: branch i < 8 ? bb6 : bb3 ...
 *   terminators: goto, branch (several comparisons), switch, return with
 *   and without a value, exit
 */
static IrFunc *build_worker(Arena *a) {
    IrBuilder *b = ir_builder_new(a);
    const char *F = "/src/worker.c", *H = "/src/inc/worker.h";
    IrLocal locals[] = {
        {"arg", "void *", IR_LOCAL_PARAM | IR_LOCAL_POINTER, at(F, 3, 20)},
        {"", "int", IR_LOCAL_PARAM, at(F, 3, 30)},
        {"i", "_Atomic int", IR_LOCAL_ATOMIC | IR_LOCAL_ADDR_TAKEN, at(F, 4, 5)},
        {"buf", "char *[8]", IR_LOCAL_ARRAY | IR_LOCAL_POINTER | IR_LOCAL_ADDR_TAKEN, at(F, 5, 5)},
        {"s", "struct job", IR_LOCAL_RECORD, at(NULL, 0, 0)},
    };
    for (uint32_t k = 0; k < 5; k++) CHECK(ir_builder_add_local(b, locals[k]) == k);
    ir_builder_set_nparams(b, 2);
    uint32_t t0 = ir_builder_new_temp(b), t1 = ir_builder_new_temp(b), t2 = ir_builder_new_temp(b);
    IrPath arg = ir_builder_local_path(b, 0), i = ir_builder_local_path(b, 2), buf = ir_builder_local_path(b, 3),
           s = ir_builder_local_path(b, 4);
    IrPath g = root(IR_ROOT_GLOBAL, 0, "c:@counter", "counter");
    IrPath str = root(IR_ROOT_STRING, 0, NULL, "hello \"world\"\n");
    IrPath tmp = root(IR_ROOT_TEMP, t1, NULL, "<tmp1>");
    /* arg->queue[i].head, buf[3], buf[-1], buf[?], (*arg)[*t2].<anon> */
    IrPath deep = step(a, step(a, step(a, step(a, arg, IR_STEP_DEREF, 0, "c:@S@pool", 0, 0), IR_STEP_FIELD, 0, "queue", 0, 0),
                                    IR_STEP_INDEX, IR_INDEX_LOCAL, NULL, 0, 2),
                       IR_STEP_FIELD, 0, "head", 0, 0);
    IrPath b3 = step(a, buf, IR_STEP_INDEX, IR_INDEX_CONST, NULL, 3, 0);
    IrPath bneg = step(a, buf, IR_STEP_INDEX, IR_INDEX_CONST, NULL, INT64_MIN, 0);
    IrPath bunk = step(a, buf, IR_STEP_INDEX, IR_INDEX_UNKNOWN, NULL, 0, 0);
    IrPath btmp = step(a, step(a, step(a, arg, IR_STEP_DEREF, 0, NULL, 0, 0), IR_STEP_INDEX, IR_INDEX_TEMP, NULL, 0, t2),
                       IR_STEP_FIELD, 0, "", 0, 0);
    IrPath gf = step(a, g, IR_STEP_FIELD, 0, "count", 0, 0);
    IrPath up = step(a, step(a, step(a, arg, IR_STEP_DEREF, 0, NULL, 0, 0), IR_STEP_UP, 0, "link", 0, 0),
                     IR_STEP_FIELD, 0, "count", 0, 0);
    up.steps[1].field_offset = 16;
    up.steps[1].field_size = 16;
    IrPath upany = step(a, step(a, arg, IR_STEP_DEREF, 0, NULL, 0, 0), IR_STEP_UP, 0, "", 0, 0);

    ir_builder_emit_access(b, IR_EV_READ, deep, 0, at(F, 6, 9));
    ir_builder_emit_access(b, IR_EV_WRITE, deep, IR_EV_ATOMIC, at(F, 6, 9));
    ir_builder_emit_access(b, IR_EV_READ, g, IR_EV_RMW, at(H, 2, 1));
    ir_builder_emit_access(b, IR_EV_WRITE, g, IR_EV_RMW | IR_EV_ATOMIC, at(H, 2, 1));
    ir_builder_emit_access(b, IR_EV_READ, str, 0, at(F, 7, 2));
    ir_builder_emit_access(b, IR_EV_READ, up, 0, at(F, 7, 2));
    ir_builder_emit_assign(b, arg, with_path(IR_OPD_ADDR, upany), IR_EV_POINTER, at(F, 7, 2));
    ir_builder_emit_access(b, IR_EV_READ, tmp, 0, at(F, 7, 3));
    ir_builder_emit_access(b, IR_EV_WRITE, b3, IR_EV_INIT, at(F, 8, 1));
    ir_builder_emit_assign(b, b3, with_path(IR_OPD_ADDR, str), IR_EV_INIT | IR_EV_POINTER, at(F, 8, 1));
    ir_builder_emit_access(b, IR_EV_WRITE, bneg, 0, at(F, 9, 1));
    ir_builder_emit_assign(b, bneg, opd(IR_OPD_UNKNOWN), 0, at(F, 9, 1));
    ir_builder_emit_access(b, IR_EV_WRITE, bunk, 0, at(F, 10, 1));
    IrOperand off = with_path(IR_OPD_VALUE, arg);
    off.offset = true;
    ir_builder_emit_assign(b, bunk, off, IR_EV_POINTER, at(F, 10, 1));
    ir_builder_emit_access(b, IR_EV_WRITE, s, 0, at(F, 11, 1));
    IrOperand rec = with_path(IR_OPD_VALUE, btmp);
    rec.record = true;
    ir_builder_emit_assign(b, s, rec, IR_EV_RECORD, at(F, 11, 1));
    ir_builder_emit_access(b, IR_EV_WRITE, gf, 0, at(F, 12, 1));
    ir_builder_emit_assign(b, gf, cnst(-42), 0, at(F, 12, 1));
    ir_builder_emit_access(b, IR_EV_WRITE, gf, 0, at(F, 13, 1));
    ir_builder_emit_assign(b, gf, cnst(INT64_MAX), 0, at(F, 13, 1));
    ir_builder_emit_access(b, IR_EV_WRITE, arg, 0, at(F, 14, 1));
    ir_builder_emit_assign(b, arg, func("c:@F@worker", "worker"), IR_EV_POINTER, at(F, 14, 1));
    IrOperand addr_off = with_path(IR_OPD_ADDR, b3);
    addr_off.offset = true;
    ir_builder_emit_assign(b, arg, addr_off, IR_EV_POINTER, at(F, 14, 2));
    /* calls: direct with every operand kind, indirect with a type, void */
    IrOperand args[] = {opd(IR_OPD_UNKNOWN), cnst(7), with_path(IR_OPD_VALUE, i), with_path(IR_OPD_ADDR, g),
                        func("c:@F@helper", "helper"), rec, off};
    ir_builder_emit_call(b, func("c:@F@pthread_create", "pthread_create"), args, 7, (int32_t)t0, at(F, 15, 3));
    IrEventId ind = ir_builder_emit_call(b, with_path(IR_OPD_VALUE, step(a, arg, IR_STEP_DEREF, 0, NULL, 0, 0)), args + 2,
                                         1, (int32_t)t1, at(F, 16, 3));
    ir_builder_event(b, ind)->call->type = "void *(int)";
    ir_builder_emit_call(b, func(NULL, "anon"), NULL, 0, -1, at(F, 17, 3));

    /* for (...) { while (...) { switch ... } } */
    uint32_t exit0 = ir_builder_new_block(b), h0;
    ir_builder_loop_begin(b, exit0, at(F, 20, 5), &h0);
    ir_builder_jump(b, h0);
    ir_builder_enter(b, h0);
    uint32_t body0 = ir_builder_new_block(b);
    ir_builder_branch(b, with_path(IR_OPD_VALUE, i), IR_CMP_LT, 8, body0, exit0, at(F, 20, 12));
    ir_builder_enter(b, body0);
    uint32_t exit1 = ir_builder_new_block(b), h1;
    ir_builder_loop_begin(b, exit1, at(F, 21, 9), &h1);
    ir_builder_jump(b, h1);
    ir_builder_enter(b, h1);
    uint32_t c1 = ir_builder_new_block(b), c2 = ir_builder_new_block(b), c3 = ir_builder_new_block(b);
    ir_builder_branch(b, with_path(IR_OPD_VALUE, tmp), IR_CMP_GE, -5, c1, exit1, at(F, 21, 16));
    ir_builder_enter(b, c1);
    uint32_t sw[] = {c2, c3, h1};
    IrTerm tsw;
    memset(&tsw, 0, sizeof tsw);
    tsw.kind = IR_TERM_SWITCH;
    tsw.loc = at(F, 22, 13);
    ir_builder_terminate(b, tsw, sw, 3);
    ir_builder_enter(b, c2);
    ir_builder_branch(b, opd(IR_OPD_UNKNOWN), IR_CMP_EQ, 0, h1, exit1, at(F, 23, 17));
    ir_builder_enter(b, c3);
    ir_builder_emit_call(b, func("c:@F@abort", "abort"), NULL, 0, -1, at(F, 24, 17));
    IrTerm tex;
    memset(&tex, 0, sizeof tex);
    tex.kind = IR_TERM_EXIT;
    tex.loc = at(F, 24, 17);
    ir_builder_terminate(b, tex, NULL, 0);
    ir_builder_loop_end(b);
    ir_builder_enter(b, exit1);
    ir_builder_branch(b, with_path(IR_OPD_VALUE, i), IR_CMP_NE, 1, h0, exit0, at(F, 26, 9));
    ir_builder_loop_end(b);
    ir_builder_enter(b, exit0);
    uint32_t r1 = ir_builder_new_block(b), r2 = ir_builder_new_block(b), r3 = ir_builder_new_block(b);
    ir_builder_branch(b, with_path(IR_OPD_VALUE, arg), IR_CMP_LE, 0, r1, r2, at(F, 28, 5));
    ir_builder_enter(b, r1);
    ir_builder_return(b, with_path(IR_OPD_VALUE, arg), at(F, 29, 5));
    ir_builder_enter(b, r2);
    ir_builder_branch(b, with_path(IR_OPD_VALUE, i), IR_CMP_GT, 3, r3, r3, at(F, 30, 5));
    ir_builder_enter(b, r3);
    /* left open: returns without a value */

    IrFunc *f = ARENA_NEW(a, IrFunc);
    f->usr = "c:worker.c@F@worker";
    f->name = "worker";
    f->loc = at(F, 3, 14);
    f->is_static = true;
    f->is_variadic = true;
    f->type = "void *(void *, int, ...)";
    return ir_builder_finish(b, f);
}

/* int main(void) { return 0; }: no locals, one block. */
static IrFunc *build_main(Arena *a) {
    IrBuilder *b = ir_builder_new(a);
    ir_builder_return(b, cnst(0), at("/src/main.c", 2, 5));
    IrFunc *f = ARENA_NEW(a, IrFunc);
    f->usr = "c:@F@main";
    f->name = "main";
    f->loc = at("/src/main.c", 1, 5);
    f->type = "int (void)";
    return ir_builder_finish(b, f);
}

static IrFunc *build_init(Arena *a, const char *path) {
    IrBuilder *b = ir_builder_new(a);
    IrPath g = root(IR_ROOT_GLOBAL, 0, "c:@table", "table");
    IrPath g0 = step(a, g, IR_STEP_INDEX, IR_INDEX_CONST, NULL, 0, 0);
    ir_builder_emit_access(b, IR_EV_WRITE, g0, IR_EV_INIT, at(path, 40, 1));
    ir_builder_emit_assign(b, g0, func("c:@F@main", "main"), IR_EV_INIT | IR_EV_POINTER, at(path, 40, 1));
    IrFunc *f = ARENA_NEW(a, IrFunc);
    f->name = "<init>";
    f->usr = arena_printf(a, "<init>:%s", path);
    f->loc.file = path;
    return ir_builder_finish(b, f);
}

static IrUnit *build_unit(bool full) {
    Arena *a = arena_new();
    IrUnit *u = ARENA_NEW(a, IrUnit);
    u->arena = a;
    u->path = "/src/worker.c";
    if (!full) return u;
    u->parse_failed = true;
    static IrGlobal globals[] = {
        {"c:@counter", "counter", "int", IR_GLOBAL_DEFINED | IR_GLOBAL_ATOMIC, {"/src/worker.c", 1, 5}},
        {"c:@table", "table", "int (*[4])(void)", IR_GLOBAL_DEFINED | IR_GLOBAL_POINTER | IR_GLOBAL_CONST,
         {"/src/worker.c", 40, 1}},
        {"c:worker.c@tls", "tls", "int", IR_GLOBAL_TLS | IR_GLOBAL_STATIC, {"/src/inc/worker.h", 3, 1}},
        {"c:worker.c@F@worker@hits", "hits", NULL, IR_GLOBAL_LOCAL_STATIC, {NULL, 0, 0}},
    };
    u->nglobals = 4;
    u->globals = globals;
    static IrExtern externs[] = {{"c:@F@pthread_create", "pthread_create", false}, {"c:@F@abort", "abort", true}};
    u->nexterns = 2;
    u->externs = externs;
    static IrFieldAlias aliases[] = {{"sa_family", "sin_family", 0, 2}, {"h_len", "len", 4, 4}};
    u->naliases = 2;
    u->aliases = aliases;
    u->init = build_init(a, u->path);
    u->nfuncs = 2;
    u->funcs = ARENA_ARRAY(a, IrFunc *, 2);
    u->funcs[0] = build_worker(a);
    u->funcs[1] = build_main(a);
    static HashFile inputs[] = {{"/src/worker.c", 0x0123456789abcdefULL}, {"/src/inc/worker.h", UINT64_MAX}};
    u->ninputs = 2;
    u->inputs = inputs;
    return u;
}

static char *print_unit(const IrUnit *u) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ir_print_unit(f, u);
    for (uint32_t i = 0; i < u->nfuncs; i++) ir_print_func(f, u->funcs[i]);
    fclose(f);
    return text;
}

static void roundtrip(const IrUnit *u) {
    char err[256];
    CHECK(ir_check_unit(u, err, sizeof err));
    size_t n;
    unsigned char *data = ir_unit_serialize(u, &n);
    CHECK(n > IR_FORMAT_HEADER && memcmp(data, "RCIR", 4) == 0 && data[4] == IR_FORMAT_VERSION);
    IrUnit *v = ir_unit_read(data, n, err, sizeof err);
    CHECK(v != NULL);
    if (!v) {
        fprintf(stderr, "ir_unit_read: %s\n", err);
        free(data);
        return;
    }
    char why[512];
    bool same = ir_unit_equal(u, v, why, sizeof why);
    CHECK(same);
    if (!same) fprintf(stderr, "round trip differs: %s\n", why);
    char *p1 = print_unit(u), *p2 = print_unit(v);
    CHECK(strcmp(p1, p2) == 0);
    /* the copy serializes to the same bytes, and so does the original again */
    size_t n2, n3;
    unsigned char *again = ir_unit_serialize(v, &n2), *twice = ir_unit_serialize(u, &n3);
    CHECK(n2 == n && memcmp(again, data, n) == 0);
    CHECK(n3 == n && memcmp(twice, data, n) == 0);
    /* ir_unit_write writes the same bytes */
    char *filed = NULL;
    size_t flen = 0;
    FILE *f = open_memstream(&filed, &flen);
    CHECK(ir_unit_write(u, f));
    fclose(f);
    CHECK(flen == n && memcmp(filed, data, n) == 0);
    free(filed);
    free(again);
    free(twice);
    free(p1);
    free(p2);
    ir_unit_free(v);
    free(data);
}

static void test_roundtrip(void) {
    IrUnit *u = build_unit(true);
    roundtrip(u);
    /* ir_unit_equal notices a change the printer does not show */
    size_t n;
    void *data = ir_unit_serialize(u, &n);
    IrUnit *v = ir_unit_read(data, n, NULL, 0);
    CHECK(v != NULL);
    if (v) {
        char why[256];
        v->inputs[1].hash ^= 1;
        CHECK(!ir_unit_equal(u, v, why, sizeof why) && strstr(why, "input hash"));
        v->inputs[1].hash ^= 1;
        v->funcs[0]->blocks[0].events[1].flags ^= IR_EV_INIT;
        CHECK(!ir_unit_equal(u, v, why, sizeof why) && strstr(why, "function worker block 0 event 1: event flags"));
        v->funcs[0]->blocks[0].events[1].flags ^= IR_EV_INIT;
        v->funcs[0]->locals[1].loc.col++;
        CHECK(!ir_unit_equal(u, v, why, sizeof why) && strstr(why, "local location"));
        ir_unit_free(v);
    }
    free(data);
    ir_unit_free(u);
    IrUnit *empty = build_unit(false);
    roundtrip(empty);
    ir_unit_free(empty);
}

/* ---- corruption ---------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void) { /* xorshift64*, deterministic */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Make the header match the payload (length and checksum), so the decoder
 * itself sees the damage. */
static void repair_header(unsigned char *d, size_t n) {
    uint64_t len = n - IR_FORMAT_HEADER, h = hash64(d + IR_FORMAT_HEADER, len);
    for (int i = 0; i < 8; i++) d[12 + i] = (unsigned char)(len >> (8 * i));
    for (int i = 0; i < 8; i++) d[20 + i] = (unsigned char)(h >> (8 * i));
}

static unsigned accepted, rejected;

/* A read of damaged bytes gives NULL and a message, or a unit that works. */
static void read_damaged(const unsigned char *d, size_t n) {
    char err[256] = "unset";
    IrUnit *u = ir_unit_read(d, n, err, sizeof err);
    if (!u) {
        CHECK(err[0] && strcmp(err, "unset") != 0);
        rejected++;
        return;
    }
    accepted++;
    char why[256];
    CHECK(ir_check_unit(u, why, sizeof why));
    FILE *devnull = fopen("/dev/null", "w");
    ir_print_unit(devnull, u);
    fclose(devnull);
    Arena *a = arena_new();
    for (uint32_t i = 0; i < u->nfuncs; i++) ir_defuse_build(a, u->funcs[i]);
    if (u->init) ir_defuse_build(a, u->init);
    arena_free(a);
    size_t m;
    void *again = ir_unit_serialize(u, &m);
    IrUnit *v = ir_unit_read(again, m, NULL, 0);
    CHECK(v && ir_unit_equal(u, v, NULL, 0));
    ir_unit_free(v);
    free(again);
    ir_unit_free(u);
}

static void test_corruption(void) {
    IrUnit *u = build_unit(true);
    size_t n;
    unsigned char *data = ir_unit_serialize(u, &n);
    unsigned char *buf = malloc(n);
    char err[256];

    /* header checks */
    CHECK(!ir_unit_read(data, 0, err, sizeof err) && strstr(err, "header"));
    memcpy(buf, data, n);
    buf[0] = 'X';
    CHECK(!ir_unit_read(buf, n, err, sizeof err) && strstr(err, "magic"));
    memcpy(buf, data, n);
    buf[4] = IR_FORMAT_VERSION + 1;
    CHECK(!ir_unit_read(buf, n, err, sizeof err) && strstr(err, "version"));
    memcpy(buf, data, n);
    buf[n - 1] ^= 0x40;
    CHECK(!ir_unit_read(buf, n, err, sizeof err) && strstr(err, "checksum"));

    /* every truncation: refused by the header; behind a repaired header,
     * refused or usable */
    for (size_t k = 0; k < n; k++) {
        CHECK(ir_unit_read(data, k, err, sizeof err) == NULL);
        if (k < IR_FORMAT_HEADER) continue;
        memcpy(buf, data, k);
        repair_header(buf, k);
        read_damaged(buf, k);
    }
    /* trailing garbage */
    unsigned char *longer = malloc(n + 1);
    memcpy(longer, data, n);
    longer[n] = 0;
    CHECK(!ir_unit_read(longer, n + 1, err, sizeof err));
    repair_header(longer, n + 1);
    CHECK(!ir_unit_read(longer, n + 1, err, sizeof err) && strstr(err, "after the unit"));
    free(longer);

    /* byte changes at pseudo-random positions: a flipped bit, a random
     * byte, and the values that change varints most (0x00, 0x7f, 0x80,
     * 0xff) */
    static const unsigned char specials[] = {0x00, 0x7f, 0x80, 0xff};
    for (int round = 0; round < 400; round++) {
        size_t pos = (size_t)(rng() % n);
        unsigned char val;
        switch (round % 3) {
        case 0: val = data[pos] ^ (unsigned char)(1u << (rng() % 8)); break;
        case 1: val = (unsigned char)rng(); break;
        default: val = specials[rng() % 4]; break;
        }
        if (val == data[pos]) continue;
        memcpy(buf, data, n);
        buf[pos] = val;
        CHECK(ir_unit_read(buf, n, err, sizeof err) == NULL); /* header or checksum */
        if (pos < IR_FORMAT_HEADER) continue;
        repair_header(buf, n);
        read_damaged(buf, n);
    }
    /* a few multi-byte changes behind a repaired header */
    for (int round = 0; round < 200; round++) {
        memcpy(buf, data, n);
        for (int k = 0; k < 4; k++) buf[IR_FORMAT_HEADER + rng() % (n - IR_FORMAT_HEADER)] = (unsigned char)rng();
        repair_header(buf, n);
        read_damaged(buf, n);
    }
    printf("serialize_test: %zu-byte unit; damaged inputs: %u refused, %u read as well-formed units\n", n, rejected,
           accepted);
    CHECK(rejected > 0);
    free(buf);
    free(data);
    ir_unit_free(u);
}

int main(void) {
    test_roundtrip();
    test_corruption();
    printf("serialize_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
