/*
 * model_test.c - unit tests of the whole-program model without libclang:
 * IR built by hand (as the front end would lower it), models loaded from
 * the bundled rules, then the thread tree, locksets and the data-race check
 * are asserted. Run by ctest as unit/model.
 *
 *   int g; pthread_mutex_t m;
 *   void *worker(void *arg) { g++; lock(&m); g2 = 1; unlock(&m); return 0; }
 *   int main(void) { pthread_t t[4];
 *       for (i = 0; i < 4; i++) pthread_create(&t[i], 0, worker, 0);
 *       lock(&m); g2 = 2; unlock(&m);
 *       for (i = 0; i < 4; i++) pthread_join(t[i], 0);
 *       g = 3; }
 * Expected: one race (on g, inside worker: many instances), none on g2
 * (always under m) and none for main's write to g after the join loop.
 */
#include "../checks/checks.h"
#include "../model/apimodel.h"
#include "../model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

typedef struct {
    Arena *a;
    VEC(IrBlock) blocks;
    VEC(IrEvent) ev; /* events of the block being built */
    uint32_t line;
} B;

static IrLoc loc(B *b) {
    IrLoc l = {"t.c", ++b->line, 1};
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

static IrPath lpath(uint32_t id, const char *name) {
    IrPath p;
    memset(&p, 0, sizeof p);
    p.root = IR_ROOT_LOCAL;
    p.id = id;
    p.name = name;
    return p;
}

static void access(B *b, IrEventKind k, IrPath p, uint8_t flags) {
    IrEvent e;
    memset(&e, 0, sizeof e);
    e.kind = (uint8_t)k;
    e.flags = flags;
    e.loc = loc(b);
    e.path = p;
    vec_push(&b->ev, e);
}

static IrOperand opd(uint8_t kind) {
    IrOperand o;
    memset(&o, 0, sizeof o);
    o.kind = kind;
    return o;
}

static IrOperand addr(IrPath p) {
    IrOperand o = opd(IR_OPD_ADDR);
    o.path = p;
    return o;
}

static IrOperand func(const char *name) {
    IrOperand o = opd(IR_OPD_FUNC);
    o.usr = name;
    o.name = name;
    return o;
}

static void call(B *b, const char *callee, IrOperand *args, uint32_t n) {
    IrCall *c = ARENA_NEW(b->a, IrCall);
    c->callee = func(callee);
    c->callee.usr = ""; /* an external API */
    c->nargs = n;
    c->args = arena_memdup(b->a, args, n * sizeof(IrOperand));
    c->result = -1;
    IrEvent e;
    memset(&e, 0, sizeof e);
    e.kind = IR_EV_CALL;
    e.loc = loc(b);
    e.call = c;
    vec_push(&b->ev, e);
}

/* Close the current block with a terminator and successors. */
static uint32_t end_block(B *b, uint8_t term, const uint32_t *succ, uint32_t nsucc, int32_t loop) {
    IrBlock blk;
    memset(&blk, 0, sizeof blk);
    blk.events = b->ev.len ? arena_memdup(b->a, b->ev.data, b->ev.len * sizeof(IrEvent)) : NULL;
    blk.nevents = (uint32_t)b->ev.len;
    blk.term.kind = term;
    blk.succ = nsucc ? arena_memdup(b->a, succ, nsucc * sizeof(uint32_t)) : NULL;
    blk.nsucc = nsucc;
    blk.loop = loop;
    b->ev.len = 0;
    vec_push(&b->blocks, blk);
    return (uint32_t)b->blocks.len - 1;
}

static IrFunc *finish(B *b, const char *name, IrLocal *locals, uint32_t nlocals, uint32_t nparams,
                      IrLoop *loops, uint32_t nloops) {
    IrFunc *f = ARENA_NEW(b->a, IrFunc);
    f->usr = name;
    f->name = name;
    f->nparams = nparams;
    f->nlocals = nlocals;
    f->locals = arena_memdup(b->a, locals, (nlocals ? nlocals : 1) * sizeof(IrLocal));
    f->nblocks = (uint32_t)b->blocks.len;
    f->blocks = arena_memdup(b->a, b->blocks.data, b->blocks.len * sizeof(IrBlock));
    f->nloops = nloops;
    f->loops = nloops ? arena_memdup(b->a, loops, nloops * sizeof(IrLoop)) : NULL;
    b->blocks.len = 0;
    return f;
}

static IrFunc *build_worker(B *b) {
    IrLocal locals[] = {{"arg", "void *", IR_LOCAL_PARAM | IR_LOCAL_POINTER, {0}}};
    access(b, IR_EV_READ, gpath("g"), IR_EV_RMW);
    access(b, IR_EV_WRITE, gpath("g"), IR_EV_RMW);
    IrOperand m = addr(gpath("m"));
    call(b, "pthread_mutex_lock", &m, 1);
    access(b, IR_EV_WRITE, gpath("g2"), 0);
    call(b, "pthread_mutex_unlock", &m, 1);
    end_block(b, IR_TERM_RETURN, NULL, 0, -1);
    return finish(b, "worker", locals, 1, 1, NULL, 0);
}

/* bb0 -> bb1 (create loop header) -> bb2 (body: create) -> bb1 | bb3 (after)
 * bb3: lock g2 unlock -> bb4 (join header) -> bb5 (body: join) -> bb4 | bb6
 * bb6: g = 3; return */
static IrFunc *build_main(B *b) {
    IrLocal locals[] = {{"t", "pthread_t[4]", IR_LOCAL_ARRAY | IR_LOCAL_ADDR_TAKEN, {0}},
                        {"i", "int", 0, {0}}};
    IrPath t = lpath(0, "t"), i = lpath(1, "i");
    IrStep idx = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_LOCAL, .local = 1};
    IrPath ti = ir_path_append(b->a, &t, idx);
    uint32_t s;
    s = 1;
    end_block(b, IR_TERM_GOTO, &s, 1, -1); /* bb0 */
    access(b, IR_EV_READ, i, 0);
    uint32_t s1[2] = {2, 3};
    end_block(b, IR_TERM_BRANCH, s1, 2, 0); /* bb1 */
    IrOperand cargs[4] = {addr(ti), opd(IR_OPD_CONST), func("worker"), opd(IR_OPD_CONST)};
    call(b, "pthread_create", cargs, 4);
    s = 1;
    end_block(b, IR_TERM_GOTO, &s, 1, 0); /* bb2 */
    IrOperand m = addr(gpath("m"));
    call(b, "pthread_mutex_lock", &m, 1);
    access(b, IR_EV_WRITE, gpath("g2"), 0);
    call(b, "pthread_mutex_unlock", &m, 1);
    s = 4;
    end_block(b, IR_TERM_GOTO, &s, 1, -1); /* bb3 */
    access(b, IR_EV_READ, i, 0);
    uint32_t s4[2] = {5, 6};
    end_block(b, IR_TERM_BRANCH, s4, 2, 1); /* bb4 */
    IrOperand h = opd(IR_OPD_VALUE);
    h.path = ti;
    IrOperand jargs[2] = {h, opd(IR_OPD_CONST)};
    call(b, "pthread_join", jargs, 2);
    s = 4;
    end_block(b, IR_TERM_GOTO, &s, 1, 1); /* bb5 */
    access(b, IR_EV_WRITE, gpath("g"), 0);
    end_block(b, IR_TERM_RETURN, NULL, 0, -1); /* bb6 */
    IrLoop loops[] = {{-1, 1, 3, {0}}, {-1, 4, 6, {0}}};
    return finish(b, "main", locals, 2, 0, loops, 2);
}

static void test_model(const ApiModels *models) {
    B b;
    memset(&b, 0, sizeof b);
    b.a = arena_new();
    IrUnit *u = ARENA_NEW(b.a, IrUnit);
    u->arena = b.a;
    u->path = "t.c";
    IrFunc *fs[2] = {build_worker(&b), build_main(&b)};
    u->nfuncs = 2;
    u->funcs = fs;
    IrGlobal gs[] = {{"g", "g", "int", IR_GLOBAL_DEFINED, {0}}, {"g2", "g2", "int", IR_GLOBAL_DEFINED, {0}},
                     {"m", "m", "pthread_mutex_t", IR_GLOBAL_DEFINED, {0}}};
    u->nglobals = 3;
    u->globals = gs;
    DiagSink d;
    diag_init(&d);
    Program p;
    ModelOptions mo = {.entries = NULL, .nentries = 0};
    IrUnit *units[1] = {u};
    model_build(&p, units, 1, models, &mo, &d);
    CHECK(p.threads.len == 2);
    if (p.threads.len == 2) {
        CHECK(!strcmp(p.threads.data[1].routine, "worker"));
        CHECK(p.threads.data[1].many);
    }
    FindingList fl;
    findings_init(&fl);
    checks_run_all(&p, &fl);
    CHECK(fl.items.len == 1);
    if (fl.items.len == 1) {
        CHECK(!strcmp(fl.items.data[0].object, "g"));
        CHECK(fl.items.data[0].loc.line == 2); /* the worker's write, second event */
        for (size_t k = 0; k < fl.items.data[0].nevidence; k++)
            CHECK(strcmp(fl.items.data[0].evidence[k].function, "main")); /* main's write is after the joins */
    }
    findings_free(&fl);
    model_free(&p);
    diag_free(&d);
    vec_free(&b.blocks);
    vec_free(&b.ev);
    arena_free(b.a);
}

/* Malformed rules: the error names the file, the entry and the key. */
static void test_rules_errors(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/t_bad.json", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        CHECK(!"cannot write a temporary rules file");
        return;
    }
    fputs("{\"racecheck-models\": 1, \"models\": [{\"name\": \"x_lock\", \"kind\": \"lock\", \"lok\": 0}]}", f);
    fclose(f);
    ApiModels m;
    apimodels_init(&m);
    DiagSink d;
    diag_init(&d);
    CHECK(!apimodels_load_file(&m, path, &d));
    bool named = false;
    for (size_t i = 0; i < d.len; i++)
        named |= strstr(d.items[i].message, "models[0]") && strstr(d.items[i].message, "x_lock") &&
                 strstr(d.items[i].message, "'lok'") && d.items[i].file && strstr(d.items[i].file, "t_bad.json");
    CHECK(named);
    CHECK(apimodels_find(&m, "x_lock") == NULL);
    remove(path);
    diag_free(&d);
    apimodels_free(&m);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: model_test RULES_DIR TMP_DIR\n");
        return 2;
    }
    ApiModels models;
    apimodels_init(&models);
    DiagSink d;
    diag_init(&d);
    if (!apimodels_load_dir(&models, argv[1], &d)) {
        fprintf(stderr, "cannot load rules from %s\n", argv[1]);
        return 2;
    }
    test_model(&models);
    test_rules_errors(argv[2]);
    apimodels_free(&models);
    diag_free(&d);
    printf("model_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
