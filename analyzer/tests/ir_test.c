/*
 * ir_test.c - unit tests of the IR toolkit without libclang: the builder
 * (new and edited functions, loops computed as the lowering computes them),
 * the def-use table (every answer cross-checked against a plain rescan of
 * the function) and the well-formedness checker (a valid function passes;
 * each deliberately broken copy fails with the expected message). Run by
 * ctest as unit/ir.
 */
#include "../ir/builder.h"
#include "../ir/check.h"
#include "../ir/defuse.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static IrLoc at(uint32_t line) {
    IrLoc l = {"t.c", line, 1};
    return l;
}

static IrPath gpath(const char *name) {
    IrPath p;
    memset(&p, 0, sizeof p);
    p.root = IR_ROOT_GLOBAL;
    p.usr = name;
    p.name = name;
    return p;
}

static IrOperand opd(uint8_t kind) {
    IrOperand o;
    memset(&o, 0, sizeof o);
    o.kind = kind;
    return o;
}

static IrOperand value(IrPath p) {
    IrOperand o = opd(IR_OPD_VALUE);
    o.path = p;
    return o;
}

static IrOperand func(const char *name) {
    IrOperand o = opd(IR_OPD_FUNC);
    o.usr = name;
    o.name = name;
    return o;
}

static IrStep index_local(uint32_t local) {
    IrStep s = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_LOCAL, .local = local};
    return s;
}

static bool valid(const IrFunc *f) {
    char err[256];
    bool ok = ir_check_func(f, err, sizeof err);
    if (!ok) fprintf(stderr, "ir_check_func: %s\n", err);
    return ok;
}

/*
 *   int work(int *arg) {            locals: arg (param), i, w, a[4]; block: loop
 *       int w = a[arg[0]];          bb0: READ *arg, WRITE w, ASSIGN w := a[i]
 *       for (i = 0; i < 4; i++) {        WRITE i, ASSIGN i := 0 -> bb2
 *           while (g) {             bb2 (0, for header) -> bb3 | bb1; bb3 (0) -> bb6
 *               g2 = f(i);          bb6 (1, while header): READ g -> bb7 | bb5
 *           }                       bb7 (1): CALL f(i) -> tmp0, WRITE g2, ASSIGN g2
 *       }                           bb5 (0, while exit) -> bb4
 *       return w;                   bb4 (0): READ i, WRITE i (i++) -> bb2
 *   }                               bb1 (-, for exit): return w
 */
typedef struct Built {
    IrFunc *f;
    IrEventId call, w_assign, i_rmw_write;
} Built;

static Built build_work(Arena *a) {
    Built r;
    IrBuilder *b = ir_builder_new(a);
    IrLocal locals[] = {{"arg", "int *", IR_LOCAL_PARAM | IR_LOCAL_POINTER, {0}},
                        {"i", "int", 0, {0}},
                        {"w", "int", 0, {0}},
                        {"a", "int[4]", IR_LOCAL_ARRAY | IR_LOCAL_ADDR_TAKEN, {0}}};
    for (size_t k = 0; k < 4; k++) CHECK(ir_builder_add_local(b, locals[k]) == k);
    ir_builder_set_nparams(b, 1);
    IrPath arg = ir_builder_local_path(b, 0), i = ir_builder_local_path(b, 1), w = ir_builder_local_path(b, 2);
    IrPath a_i = ir_path_append(a, &(IrPath){.root = IR_ROOT_LOCAL, .id = 3, .name = "a"}, index_local(1));
    IrStep deref = {.kind = IR_STEP_DEREF};
    ir_builder_emit_access(b, IR_EV_READ, ir_path_append(a, &arg, deref), 0, at(2));
    ir_builder_emit_access(b, IR_EV_WRITE, w, IR_EV_INIT, at(2));
    r.w_assign = ir_builder_emit_assign(b, w, value(a_i), IR_EV_INIT, at(2));
    /* for (i = 0; ...) */
    uint32_t exit = ir_builder_new_block(b);
    ir_builder_emit_access(b, IR_EV_WRITE, i, 0, at(3));
    ir_builder_emit_assign(b, i, opd(IR_OPD_CONST), 0, at(3));
    uint32_t header;
    int32_t outer = ir_builder_loop_begin(b, exit, at(3), &header);
    uint32_t body = ir_builder_new_block(b), step = ir_builder_new_block(b);
    ir_builder_jump(b, header);
    ir_builder_enter(b, header);
    ir_builder_branch(b, opd(IR_OPD_UNKNOWN), IR_CMP_NE, 0, body, exit, at(3));
    ir_builder_enter(b, body);
    {
        /* while (g) g2 = f(i); */
        uint32_t wexit = ir_builder_new_block(b), wheader;
        int32_t inner = ir_builder_loop_begin(b, wexit, at(4), &wheader);
        CHECK(inner == 1);
        uint32_t wbody = ir_builder_new_block(b);
        ir_builder_jump(b, wheader);
        ir_builder_enter(b, wheader);
        ir_builder_emit_access(b, IR_EV_READ, gpath("g"), 0, at(4));
        ir_builder_branch(b, value(gpath("g")), IR_CMP_NE, 0, wbody, wexit, at(4));
        ir_builder_enter(b, wbody);
        uint32_t t = ir_builder_new_temp(b);
        IrOperand args[1] = {value(i)};
        r.call = ir_builder_emit_call(b, func("f"), args, 1, (int32_t)t, at(5));
        ir_builder_emit_access(b, IR_EV_WRITE, gpath("g2"), 0, at(5));
        ir_builder_emit_assign(b, gpath("g2"), value(ir_temp_path(t)), 0, at(5));
        ir_builder_jump(b, wheader);
        ir_builder_loop_end(b);
        CHECK(ir_builder_current_loop(b) == outer);
        ir_builder_enter(b, wexit);
    }
    ir_builder_jump(b, step);
    ir_builder_enter(b, step);
    ir_builder_emit_access(b, IR_EV_READ, i, IR_EV_RMW, at(3));
    r.i_rmw_write = ir_builder_emit_access(b, IR_EV_WRITE, i, IR_EV_RMW, at(3));
    ir_builder_jump(b, header);
    CHECK(!ir_builder_terminate(b, ir_builder_term(b, 0)[0], NULL, 0)); /* already terminated: no-op */
    ir_builder_loop_end(b);
    CHECK(ir_builder_current_loop(b) == -1);
    ir_builder_enter(b, exit);
    ir_builder_return(b, value(w), at(7));
    IrFunc *f = ARENA_NEW(a, IrFunc);
    f->name = f->usr = "work";
    r.f = ir_builder_finish(b, f);
    return r;
}

static void test_builder(void) {
    Arena *a = arena_new();
    Built bw = build_work(a);
    const IrFunc *f = bw.f;
    CHECK(valid(f));
    CHECK(f->nblocks == 8 && f->nloops == 2 && f->nlocals == 4 && f->nparams == 1 && f->ntemps == 1);
    /* blocks in creation order; loops as the lowering records them */
    CHECK(f->blocks[0].loop == -1 && f->blocks[1].loop == -1); /* entry, for's exit */
    CHECK(f->blocks[2].loop == 0 && f->blocks[3].loop == 0 && f->blocks[4].loop == 0);
    CHECK(f->blocks[5].loop == 0);                            /* while's exit: in the for */
    CHECK(f->blocks[6].loop == 1 && f->blocks[7].loop == 1 && f->loops[1].parent == 0); /* while */
    CHECK(f->loops[0].parent == -1 && f->loops[0].header == 2 && f->loops[0].exit == 1);
    CHECK(f->loops[1].header == 6 && f->loops[1].exit == 5);
    CHECK(f->blocks[1].term.kind == IR_TERM_RETURN && f->blocks[1].term.ret.kind == IR_OPD_VALUE);
    CHECK(f->blocks[0].term.kind == IR_TERM_GOTO && f->blocks[0].succ[0] == 2);
    CHECK(!strcmp(f->name, "work"));
    /* ids returned while emitting name the events of the finished function */
    const IrEvent *call = ir_event_at(f, bw.call);
    CHECK(call && call->kind == IR_EV_CALL && call->call->result == 0 && call->call->nargs == 1);
    const IrEvent *wa = ir_event_at(f, bw.w_assign);
    CHECK(wa && wa->kind == IR_EV_ASSIGN && wa->path.id == 2);
    IrEventId bad = {99, 0};
    CHECK(ir_event_at(f, bad) == NULL);

    /* an open block returns */
    IrBuilder *b = ir_builder_new(a);
    ir_builder_emit_access(b, IR_EV_READ, gpath("g"), 0, at(1));
    IrFunc *open = ir_builder_finish(b, NULL);
    CHECK(valid(open) && open->nblocks == 1 && open->blocks[0].term.kind == IR_TERM_RETURN && !open->blocks[0].nsucc);
    arena_free(a);
}

/* Editing as the pools.c desugaring does: rewrite a block's events, add a
 * temp and a branch rewrite, and synthesise a one-block trampoline. */
static void test_edit(void) {
    Arena *a = arena_new();
    Built bw = build_work(a);
    const IrFunc *orig = bw.f;
    IrBuilder *b = ir_builder_edit(a, orig);
    CHECK(ir_builder_nblocks(b) == orig->nblocks && ir_builder_terminated(b, 3));
    /* rewrite the call's block: the call becomes two events */
    uint32_t blk = bw.call.block;
    ir_builder_clear_events(b, blk);
    ir_builder_enter(b, blk);
    IrEventId ids[4];
    uint32_t n = 0;
    for (uint32_t e = 0; e < orig->blocks[blk].nevents; e++) {
        const IrEvent *ev = &orig->blocks[blk].events[e];
        ids[n++] = ir_builder_emit(b, *ev);
        if (e == bw.call.index) {
            uint32_t t = ir_builder_new_temp(b);
            ids[n++] = ir_builder_emit_assign(b, ir_temp_path(t), opd(IR_OPD_CONST), 0, ev->loc);
        }
    }
    CHECK(n == 4 && ids[1].block == blk && ids[1].index == 1);
    IrTerm *t = ir_builder_term(b, 6);
    t->cmp = IR_CMP_EQ;
    t->rhs = 1;
    IrFunc *copy = ir_builder_finish(b, NULL);
    CHECK(valid(copy));
    CHECK(copy != orig && !strcmp(copy->name, "work") && copy->ntemps == 2);
    CHECK(copy->blocks[blk].nevents == 4 && orig->blocks[blk].nevents == 3);
    CHECK(ir_event_at(copy, ids[1])->kind == IR_EV_ASSIGN && ir_event_at(copy, ids[1])->path.root == IR_ROOT_TEMP);
    CHECK(copy->blocks[6].term.cmp == IR_CMP_EQ && orig->blocks[6].term.cmp == IR_CMP_NE);
    CHECK(copy->nloops == 2 && copy->blocks[6].loop == 1);

    /* trampoline: one block calling arg's routine */
    b = ir_builder_new(a);
    ir_builder_add_local(b, (IrLocal){"arg", "void *", IR_LOCAL_PARAM | IR_LOCAL_POINTER, {0}});
    ir_builder_set_nparams(b, 1);
    IrOperand args[2] = {value(ir_builder_local_path(b, 0)), opd(IR_OPD_CONST)};
    IrEventId c = ir_builder_emit_call(b, value(gpath("slot")), args, 2, -1, at(9));
    ir_builder_return(b, opd(IR_OPD_UNKNOWN), at(9));
    IrFunc *tr = ir_builder_finish(b, NULL);
    CHECK(valid(tr) && tr->nblocks == 1 && ir_event_at(tr, c)->call->nargs == 2);
    arena_free(a);
}

/* ---- def-use: every answer against a plain rescan --------------------------------- */

static bool bare(const IrPath *p, uint8_t root, uint32_t id) {
    return !p->nsteps && p->root == root && p->id == id;
}

static void crosscheck_defuse(const IrFunc *f) {
    Arena *a = arena_new();
    IrDefUse *du = ir_defuse_build(a, f);
    CHECK(ir_defuse_func(du) == f);
    uint32_t n = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++, n++) {
            IrEventId id, back;
            uint32_t ix = UINT32_MAX, pb, pi;
            CHECK(ir_defuse_event_id(du, &f->blocks[b].events[e], &id) && id.block == b && id.index == e);
            CHECK(ir_event_position(f, &f->blocks[b].events[e], &pb, &pi) && pb == b && pi == e);
            CHECK(ir_defuse_event_index(du, id, &ix) && ix == n);
            CHECK(ir_defuse_event_at(du, ix, &back) && ir_event_id_equal(back, id));
        }
    CHECK(ir_defuse_nevents(du) == n);
    IrEvent stranger;
    IrEventId id;
    CHECK(!ir_defuse_event_id(du, &stranger, &id));
    CHECK(!ir_defuse_event_at(du, n, &id));
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (int32_t l = -1; l < (int32_t)f->nloops + 1; l++)
            CHECK(ir_defuse_block_in_loop(du, b, l) == (l < (int32_t)f->nloops && ir_block_in_loop(f, b, l)));
    for (uint32_t kind = 0; kind < 2; kind++) {
        uint8_t root = kind ? IR_ROOT_TEMP : IR_ROOT_LOCAL;
        uint32_t nvars = kind ? f->ntemps : f->nlocals;
        for (uint32_t v = 0; v < nvars; v++) {
            const IrVarDefs *d = kind ? ir_defuse_temp(du, v) : ir_defuse_local(du, v);
            IrPath vp = {.root = root, .id = v};
            CHECK(d && ir_defuse_var(du, &vp) == d);
            uint32_t writes = 0, assigns = 0, calls = 0;
            for (uint32_t b = 0; b < f->nblocks; b++)
                for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                    const IrEvent *ev = &f->blocks[b].events[e];
                    if (ev->kind == IR_EV_CALL) calls += kind && ev->call->result == (int32_t)v;
                    else if (bare(&ev->path, root, v)) {
                        writes += ev->kind == IR_EV_WRITE;
                        assigns += ev->kind == IR_EV_ASSIGN;
                    }
                }
            CHECK(d->nwrites == writes && d->nassigns == assigns && d->ncalls == calls);
            if (d->has_assign) CHECK(ir_event_at(f, d->assign)->kind == IR_EV_ASSIGN);
            if (d->has_def) {
                const IrEvent *def = ir_event_at(f, d->def);
                CHECK(d->ndefs == 1 && def);
                if (def && def->kind != IR_EV_CALL) CHECK(bare(&def->path, root, v));
            }
            if (kind) continue;
            for (int32_t l = 0; l < (int32_t)f->nloops; l++) {
                bool w = false;
                for (uint32_t b = 0; b < f->nblocks; b++)
                    for (uint32_t e = 0; ir_block_in_loop(f, b, l) && e < f->blocks[b].nevents; e++)
                        w |= f->blocks[b].events[e].kind == IR_EV_WRITE && bare(&f->blocks[b].events[e].path, root, v);
                CHECK(ir_defuse_written_in_loop(du, v, l) == w);
            }
        }
    }
    CHECK(!ir_defuse_local(du, f->nlocals) && !ir_defuse_temp(du, f->ntemps));
    arena_free(a);
}

static void test_defuse(void) {
    Arena *a = arena_new();
    Built bw = build_work(a);
    const IrFunc *f = bw.f;
    crosscheck_defuse(f);
    IrDefUse *du = ir_defuse_build(a, f);
    /* arg: the entry value only, no event */
    const IrVarDefs *arg = ir_defuse_local(du, 0);
    CHECK(arg->ndefs == 1 && !arg->has_def && !arg->nwrites);
    /* i: two writes (i = 0; i++) */
    const IrVarDefs *i = ir_defuse_local(du, 1);
    CHECK(i->nwrites == 2 && i->nassigns == 1 && i->ndefs == 2 && !i->has_def && i->has_assign);
    /* w: written once; the defining event is the ASSIGN saying what */
    const IrVarDefs *w = ir_defuse_local(du, 2);
    CHECK(w->nwrites == 1 && w->ndefs == 1 && w->has_def && ir_event_id_equal(w->def, bw.w_assign));
    /* tmp0: the call's result */
    const IrVarDefs *t0 = ir_defuse_temp(du, 0);
    CHECK(t0->ncalls == 1 && t0->has_def && ir_event_id_equal(t0->def, bw.call));
    /* loops: i is written in the for loop (i = 0 is before it), not in the while */
    CHECK(ir_defuse_written_in_loop(du, 1, 0) && !ir_defuse_written_in_loop(du, 1, 1));
    CHECK(!ir_defuse_written_in_loop(du, 2, 0) && !ir_defuse_written_in_loop(du, 1, -1));
    CHECK(ir_defuse_loop_within(du, 1, 0) && !ir_defuse_loop_within(du, 0, 1) && ir_defuse_loop_within(du, 0, 0));
    CHECK(!ir_defuse_loop_within(du, -1, 0) && !ir_defuse_loop_within(du, 0, -1));
    CHECK(ir_defuse_block_loop(du, 6) == 1 && ir_defuse_block_loop(du, 0) == -1);
    CHECK(ir_defuse_block_in_loop(du, 6, 0) && !ir_defuse_block_in_loop(du, 5, 1));
    /* an RMW-only write defines by its WRITE */
    IrBuilder *b = ir_builder_new(a);
    ir_builder_add_local(b, (IrLocal){"n", "int", 0, {0}});
    IrPath np = ir_builder_local_path(b, 0);
    ir_builder_emit_access(b, IR_EV_READ, np, IR_EV_RMW, at(1));
    IrEventId wr = ir_builder_emit_access(b, IR_EV_WRITE, np, IR_EV_RMW, at(1));
    /* a temp assigned on two paths (a ?: value) has two definitions */
    uint32_t t = ir_builder_new_temp(b);
    ir_builder_emit_assign(b, ir_temp_path(t), opd(IR_OPD_CONST), 0, at(2));
    ir_builder_emit_assign(b, ir_temp_path(t), opd(IR_OPD_CONST), 0, at(2));
    IrFunc *g = ir_builder_finish(b, NULL);
    crosscheck_defuse(g);
    IrDefUse *dg = ir_defuse_build(a, g);
    CHECK(ir_defuse_local(dg, 0)->has_def && ir_event_id_equal(ir_defuse_local(dg, 0)->def, wr));
    CHECK(ir_defuse_temp(dg, t)->ndefs == 2 && !ir_defuse_temp(dg, t)->has_def && !ir_defuse_temp(dg, t)->has_assign);
    arena_free(a);
}

/* Several threads asking a shared cache for the same tables get one table
 * per function (run under ThreadSanitizer in the sanitizer builds). */
typedef struct CacheRace {
    IrDefUseCache *cache;
    const IrFunc *f[2];
    const IrDefUse *got[2];
} CacheRace;

static void *ask_cache(void *arg) {
    CacheRace *r = arg;
    for (int k = 0; k < 2; k++) r->got[k] = ir_defuse_cached(r->cache, r->f[k]);
    return NULL;
}

/* The block order: a permutation of the blocks, block 0 first; every edge
 * that is not a back edge (into the header of a loop it stays in) goes
 * forward in the order; inside a loop, its blocks come before its exit. */
static void test_block_order(void) {
    Arena *a = arena_new();
    const IrFunc *f = build_work(a).f;
    IrDefUse *du = ir_defuse_build(a, f);
    const uint32_t *order = ir_defuse_block_order(du);
    uint32_t *pos = xcalloc(f->nblocks, sizeof(uint32_t));
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    for (uint32_t k = 0; k < f->nblocks; k++) {
        CHECK(order[k] < f->nblocks && !seen[order[k]]);
        if (order[k] < f->nblocks) seen[order[k]] = true, pos[order[k]] = k;
    }
    CHECK(order[0] == 0);
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t i = 0; i < f->blocks[b].nsucc; i++) {
            uint32_t s = f->blocks[b].succ[i];
            bool back = false;
            for (uint32_t l = 0; l < f->nloops; l++) back |= f->loops[l].header == s && ir_defuse_block_in_loop(du, b, (int32_t)l);
            if (!back) CHECK(pos[b] < pos[s]);
        }
    for (uint32_t l = 0; l < f->nloops; l++)
        for (uint32_t b = 0; b < f->nblocks; b++)
            if (ir_defuse_block_in_loop(du, b, (int32_t)l)) CHECK(pos[b] < pos[f->loops[l].exit]);
    free(pos);
    free(seen);
    arena_free(a);
}

static void test_defuse_cache(void) {
    Arena *a = arena_new();
    Built one = build_work(a), two = build_work(a);
    IrDefUseCache *cache = ir_defuse_cache_new();
    enum { N = 4 };
    CacheRace r[N];
    pthread_t th[N];
    for (int i = 0; i < N; i++) {
        r[i] = (CacheRace){cache, {one.f, two.f}, {NULL, NULL}};
        pthread_create(&th[i], NULL, ask_cache, &r[i]);
    }
    for (int i = 0; i < N; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < N; i++)
        CHECK(r[i].got[0] == r[0].got[0] && r[i].got[1] == r[0].got[1] && r[i].got[0] != r[i].got[1]);
    CHECK(ir_defuse_func(r[0].got[0]) == one.f && ir_defuse_nevents(r[0].got[1]) == 11);
    ir_defuse_cache_free(cache);
    arena_free(a);
}

/* ---- the checker: deliberately broken copies ----------------------------------- */

/* A deep enough copy of f to break one thing in it. */
static IrFunc *clone(Arena *a, const IrFunc *f) {
    IrBuilder *b = ir_builder_edit(a, f);
    IrFunc *c = ir_builder_finish(b, NULL);
    for (uint32_t k = 0; k < c->nblocks; k++)
        for (uint32_t e = 0; e < c->blocks[k].nevents; e++) {
            IrEvent *ev = &c->blocks[k].events[e];
            ev->path = ir_path_copy(a, &ev->path);
            if (ev->kind == IR_EV_CALL) {
                ev->call = arena_memdup(a, ev->call, sizeof *ev->call);
                ev->call->args = arena_memdup(a, ev->call->args, ev->call->nargs * sizeof(IrOperand));
            } else if (ev->kind == IR_EV_ASSIGN) {
                ev->src = arena_memdup(a, ev->src, sizeof *ev->src);
                ev->src->path = ir_path_copy(a, &ev->src->path);
            }
        }
    return c;
}

static void expect_broken(const IrFunc *f, const char *fragment, int line) {
    char err[256];
    bool ok = ir_check_func(f, err, sizeof err);
    if (ok || !strstr(err, fragment)) {
        fprintf(stderr, "%s:%d: expected a violation with '%s', got %s'%s'\n", __FILE__, line, fragment,
                ok ? "none " : "", err);
        failures++;
    }
}
#define BROKEN(f, fragment) expect_broken((f), (fragment), __LINE__)

static void test_check(void) {
    Arena *a = arena_new();
    Built bw = build_work(a);
    const IrFunc *f = bw.f;
    CHECK(valid(f));
    char err[256];
    CHECK(ir_check_func(clone(a, f), err, sizeof err) && err[0] == 0);
    CHECK(!ir_check_func(&(IrFunc){.name = "empty"}, NULL, 0)); /* no message buffer */
    IrFunc *c;

    c = clone(a, f);
    c->nblocks = 0;
    BROKEN(c, "no entry block");
    c = clone(a, f);
    c->blocks[0].succ[0] = 70;
    BROKEN(c, "block 0 terminator: successor 0 is block 70, out of range (8 blocks)");
    c = clone(a, f);
    c->blocks[0].nsucc = 2;
    c->blocks[0].succ = (uint32_t[]){2, 1};
    BROKEN(c, "2 successors for terminator kind 0");
    c = clone(a, f);
    c->blocks[1].term.kind = 9;
    BROKEN(c, "unknown terminator kind 9");
    c = clone(a, f);
    c->blocks[2].term.cmp = 17;
    BROKEN(c, "block 2 terminator: unknown comparison");
    c = clone(a, f);
    c->blocks[1].term.ret.path.id = 4;
    BROKEN(c, "returned value: local 4 out of range (4 locals)");

    /* loops */
    c = clone(a, f);
    c->blocks[3].loop = 2;
    BROKEN(c, "block 3: loop 2 out of range (2 loops)");
    c = clone(a, f);
    c->loops[0].parent = 1;
    BROKEN(c, "loop 0: parent 1 is not an earlier loop");
    c = clone(a, f);
    c->loops[1].parent = 1;
    BROKEN(c, "loop 1: parent 1 is not an earlier loop");
    c = clone(a, f);
    c->loops[0].header = 0;
    BROKEN(c, "loop 0: header block 0 belongs to loop -1");
    c = clone(a, f);
    c->loops[1].exit = 6;
    BROKEN(c, "loop 1: exit block 6 is inside the loop");
    c = clone(a, f);
    c->loops[0].exit = 70;
    BROKEN(c, "loop 0: exit block 70 out of range");

    /* locals */
    c = clone(a, f);
    c->nparams = 2;
    BROKEN(c, "local 1: parameter flag missing");
    c = clone(a, f);
    c->nparams = 5;
    BROKEN(c, "5 parameters but 4 locals");
    c = clone(a, f);
    c->locals[2].name = NULL;
    BROKEN(c, "local 2 without a name");

    /* events, paths and operands */
    c = clone(a, f);
    c->blocks[0].events[0].path.steps[0].index_kind = IR_INDEX_CONST;
    BROKEN(c, "block 0 event 0: path: step 0: deref step with an index kind");
    c = clone(a, f);
    c->blocks[0].events[0].path.steps[0].kind = IR_STEP_FIELD;
    c->blocks[0].events[0].path.steps[0].field = "f";
    c->blocks[0].events[0].path.steps[0].field_shape = IR_FIELD_PLAIN + 1;
    BROKEN(c, "block 0 event 0: path: step 0: field step of unknown shape 3");
    c = clone(a, f);
    c->blocks[0].events[0].path.steps[0].kind = 7;
    BROKEN(c, "block 0 event 0: path: step 0: unknown step kind 7");
    c = clone(a, f);
    c->blocks[0].events[0].path.steps[0] = (IrStep){.kind = IR_STEP_FIELD, .field = NULL};
    BROKEN(c, "field without a name");
    c = clone(a, f);
    c->blocks[0].events[0].path.steps[0].elem_size = 8;
    BROKEN(c, "block 0 event 0: path: step 0: deref step with a layout");
    c = clone(a, f);
    c->blocks[0].events[2].src->path.steps[0].elem_align = 3;
    BROKEN(c, "step 0: element alignment 3 is not a power of two");
    c = clone(a, f);
    c->blocks[0].events[2].src->path.steps[0].elem_align = 8;
    c->blocks[0].events[2].src->path.steps[0].elem_size = 12;
    BROKEN(c, "step 0: element size 12 is not a multiple of its alignment 8");
    c = clone(a, f);
    c->blocks[0].events[0].path.steps = NULL;
    BROKEN(c, "1 steps but no step array");
    c = clone(a, f);
    c->blocks[0].events[2].src->path.steps[0].local = 9;
    BROKEN(c, "block 0 event 2: source: step 0: index local 9 out of range (4 locals)");
    c = clone(a, f);
    c->blocks[0].events[2].src->path.steps[0].index_kind = IR_INDEX_TEMP;
    c->blocks[0].events[2].src->path.steps[0].local = 1;
    BROKEN(c, "index temp 1 out of range (1 temps)");
    c = clone(a, f);
    c->blocks[0].events[2].src->path.steps[0].index_kind = 8;
    BROKEN(c, "unknown index kind 8");
    c = clone(a, f);
    c->blocks[0].events[2].src = NULL;
    BROKEN(c, "block 0 event 2: assign without a source");
    c = clone(a, f);
    c->blocks[0].events[2].src->kind = 12;
    BROKEN(c, "source: unknown operand kind 12");
    c = clone(a, f);
    c->blocks[0].events[2].src->record = true;
    c->blocks[0].events[2].src->kind = IR_OPD_CONST;
    BROKEN(c, "record flag on a non-value operand");
    c = clone(a, f);
    c->blocks[0].events[1].kind = 5;
    BROKEN(c, "block 0 event 1: unknown event kind 5");
    c = clone(a, f);
    c->blocks[0].events[1].flags = IR_EV_STEPPED;
    BROKEN(c, "stepped-value flag on an event that is not an ASSIGN");
    c = clone(a, f);
    c->blocks[0].events[1].flags = IR_EV_STEP_UP;
    BROKEN(c, "step flags 0x20 on an event that is not one read-modify-write WRITE");
    c = clone(a, f);
    c->blocks[0].events[1].path.root = IR_ROOT_TEMP;
    c->blocks[0].events[1].path.id = 3;
    BROKEN(c, "path: temp 3 out of range (1 temps)");
    c = clone(a, f);
    c->blocks[0].events[1].path = gpath("g");
    c->blocks[0].events[1].path.usr = NULL;
    BROKEN(c, "global root without a USR");
    c = clone(a, f);
    c->blocks[0].nevents = 4;
    c->blocks[0].events = NULL;
    BROKEN(c, "block 0: 4 events but no event array");

    /* calls */
    IrEventId cl = bw.call;
    c = clone(a, f);
    c->blocks[cl.block].events[cl.index].call->result = 1;
    BROKEN(c, "call result temp 1 out of range (1 temps)");
    c = clone(a, f);
    c->blocks[cl.block].events[cl.index].call->result = -2;
    BROKEN(c, "call result temp -2 out of range");
    c = clone(a, f);
    c->blocks[cl.block].events[cl.index].call->args = NULL;
    BROKEN(c, "call with 1 arguments but no argument array");
    c = clone(a, f);
    c->blocks[cl.block].events[cl.index].call->args[0].path.id = 11;
    BROKEN(c, "argument 0: local 11 out of range");
    c = clone(a, f);
    c->blocks[cl.block].events[cl.index].call->callee = opd(IR_OPD_CONST);
    BROKEN(c, "callee is a constant");
    c = clone(a, f);
    c->blocks[cl.block].events[cl.index].call->callee.name = NULL;
    c->blocks[cl.block].events[cl.index].call->callee.usr = NULL;
    BROKEN(c, "callee: function operand without a name or USR");
    c = clone(a, f);
    c->blocks[cl.block].events[cl.index].call = NULL;
    BROKEN(c, "call event without a call");

    /* a unit names the function */
    IrFunc *bad = clone(a, f);
    bad->blocks[0].succ[0] = 99;
    IrFunc *fs[2] = {(IrFunc *)f, bad};
    IrUnit u = {.arena = a, .path = "t.c", .nfuncs = 2, .funcs = fs};
    CHECK(!ir_check_unit(&u, err, sizeof err) && !strncmp(err, "work: block 0", 13));
    u.nfuncs = 1;
    CHECK(ir_check_unit(&u, err, sizeof err));
    arena_free(a);
}

/* UP steps (container_of): equality by member, hashing, spelling. */
static void test_up_steps(void) {
    Arena *a = arena_new();
    IrPath l = {.root = IR_ROOT_LOCAL, .id = 0, .name = "l"};
    IrStep deref = {.kind = IR_STEP_DEREF}, up_link = {.kind = IR_STEP_UP, .field = "link"},
           up_at = {.kind = IR_STEP_UP, .field = "at"}, up_y = {.kind = IR_STEP_UP, .field = "y"},
           up_any = {.kind = IR_STEP_UP, .field = ""}, f_id = {.kind = IR_STEP_FIELD, .field = "id"};
    IrPath ld = ir_path_append(a, &l, deref);
    IrPath c = ir_path_append(a, &ld, up_link);
    IrPath cid = ir_path_append(a, &c, f_id);
    IrPath other = ir_path_append(a, &ld, up_at);
    IrPath nested = ir_path_append(a, &ld, up_y);
    nested = ir_path_append(a, &nested, up_at);
    IrPath any = ir_path_append(a, &ld, up_any);
    IrPath g = {.root = IR_ROOT_GLOBAL, .usr = "c:@g", .name = "g"};
    IrStep f_link = {.kind = IR_STEP_FIELD, .field = "link"};
    IrPath gl = ir_path_append(a, &g, f_link);
    IrPath gup = ir_path_append(a, &gl, up_at);
    CHECK(!ir_path_equal(&c, &other));
    CHECK(ir_path_equal(&c, &(IrPath){.root = IR_ROOT_LOCAL, .id = 0, .name = "l", .nsteps = 2, .steps = c.steps}));
    CHECK(ir_path_hash(&c) != ir_path_hash(&other));
    CHECK(ir_path_has_prefix(&cid, &c));
    char buf[128];
    CHECK(!strcmp(ir_path_str(NULL, &c, buf, sizeof buf), "*container_of(l, link)"));
    CHECK(!strcmp(ir_path_str(NULL, &cid, buf, sizeof buf), "container_of(l, link)->id"));
    CHECK(!strcmp(ir_path_str(NULL, &nested, buf, sizeof buf), "*container_of(l, at.y)"));
    CHECK(!strcmp(ir_path_str(NULL, &any, buf, sizeof buf), "*container_of(l, ?)"));
    CHECK(!strcmp(ir_path_str(NULL, &gup, buf, sizeof buf), "*container_of(&g.link, at)"));
    char tiny[8];
    ir_path_str(NULL, &cid, tiny, sizeof tiny); /* truncated, terminated */
    CHECK(strlen(tiny) == sizeof tiny - 1);
    arena_free(a);
}

int main(void) {
    test_up_steps();
    test_builder();
    test_edit();
    test_defuse();
    test_block_order();
    test_defuse_cache();
    test_check();
    printf("ir_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
