/*
 * model_test.c - unit tests of the whole-program model without libclang:
 * IR built with the IR builder (as the front end would lower it, and
 * checked well formed), models loaded from the bundled rules, then the
 * thread tree, locksets and the data-race check are asserted. Run by ctest as unit/model.
 *
 *   int g; pthread_mutex_t m, m2;
 *   void helper(void) { lock(&m2); unlock(&m2); }
 *   void *worker(void *arg) { g++; lock(&m); g2 = 1; helper(); unlock(&m); return 0; }
 *   int main(void) { pthread_t t[4];
 *       for (i = 0; i < 4; i++) pthread_create(&t[i], 0, worker, 0);
 *       lock(&m); g2 = 2; unlock(&m);
 *       for (i = 0; i < 4; i++) pthread_join(t[i], 0);
 *       g = 3; }
 * Expected: one race (on g, inside worker: many instances), none on g2
 * (always under m) and none for main's write to g after the join loop; the
 * facts API names the ordering rules, and lists the three lock
 * acquisitions with the locks held before them and their call chains.
 */
#include "../checks/checks.h"
#include "../model/apimodel.h"
#include "../model/model.h"
#include "../ir/builder.h"
#include "../ir/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

typedef struct {
    Arena *a;
    IrBuilder *b; /* the function being built */
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

static void access(B *b, IrEventKind k, IrPath p, uint8_t flags) {
    ir_builder_emit_access(b->b, k, p, flags, loc(b));
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
    IrOperand c = func(callee);
    c.usr = ""; /* an external API */
    ir_builder_emit_call(b->b, c, args, n, -1, loc(b));
}

/* `for (...; i < n; ...) body`: the header reads i; body() emits the body's
 * events. Continues after the loop. */
static void counted_loop(B *b, IrPath i, void (*body)(B *, void *), void *ctx) {
    IrLoc none = {0};
    uint32_t exit = ir_builder_new_block(b->b), header;
    ir_builder_loop_begin(b->b, exit, none, &header);
    uint32_t bb = ir_builder_new_block(b->b);
    ir_builder_jump(b->b, header);
    ir_builder_enter(b->b, header);
    access(b, IR_EV_READ, i, 0);
    ir_builder_branch(b->b, opd(IR_OPD_UNKNOWN), IR_CMP_NE, 0, bb, exit, none);
    ir_builder_enter(b->b, bb);
    body(b, ctx);
    ir_builder_jump(b->b, header);
    ir_builder_loop_end(b->b);
    ir_builder_enter(b->b, exit);
}

/* Finish the function (its open block returns) and check it is well formed. */
static IrFunc *finish(B *b, const char *name) {
    IrFunc *f = ir_builder_finish(b->b, NULL);
    b->b = NULL;
    f->usr = name;
    f->name = name;
    char err[256];
    CHECK(ir_check_func(f, err, sizeof err));
    return f;
}

static IrFunc *build_helper(B *b) {
    b->b = ir_builder_new(b->a);
    IrOperand m2 = addr(gpath("m2"));
    call(b, "pthread_mutex_lock", &m2, 1);
    call(b, "pthread_mutex_unlock", &m2, 1);
    return finish(b, "helper");
}

static IrFunc *build_worker(B *b) {
    b->b = ir_builder_new(b->a);
    ir_builder_add_local(b->b, (IrLocal){"arg", "void *", IR_LOCAL_PARAM | IR_LOCAL_POINTER, {0}});
    ir_builder_set_nparams(b->b, 1);
    access(b, IR_EV_READ, gpath("g"), IR_EV_RMW);
    access(b, IR_EV_WRITE, gpath("g"), IR_EV_RMW);
    IrOperand m = addr(gpath("m"));
    call(b, "pthread_mutex_lock", &m, 1);
    access(b, IR_EV_WRITE, gpath("g2"), 0);
    ir_builder_emit_call(b->b, func("helper"), NULL, 0, -1, loc(b)); /* a program function */
    call(b, "pthread_mutex_unlock", &m, 1);
    return finish(b, "worker");
}

static void create_body(B *b, void *ti) {
    IrOperand cargs[4] = {addr(*(IrPath *)ti), opd(IR_OPD_CONST), func("worker"), opd(IR_OPD_CONST)};
    call(b, "pthread_create", cargs, 4);
}

static void join_body(B *b, void *ti) {
    IrOperand h = opd(IR_OPD_VALUE);
    h.path = *(IrPath *)ti;
    IrOperand jargs[2] = {h, opd(IR_OPD_CONST)};
    call(b, "pthread_join", jargs, 2);
}

/* bb0 -> create loop (header reads i, body creates) -> after it:
 * lock g2 unlock -> join loop (header reads i, body joins) -> g = 3; return */
static IrFunc *build_main(B *b) {
    b->b = ir_builder_new(b->a);
    ir_builder_add_local(b->b, (IrLocal){"t", "pthread_t[4]", IR_LOCAL_ARRAY | IR_LOCAL_ADDR_TAKEN, {0}});
    ir_builder_add_local(b->b, (IrLocal){"i", "int", 0, {0}});
    IrPath t = ir_builder_local_path(b->b, 0), i = ir_builder_local_path(b->b, 1);
    IrStep idx = {.kind = IR_STEP_INDEX, .index_kind = IR_INDEX_LOCAL, .local = 1};
    IrPath ti = ir_path_append(b->a, &t, idx);
    counted_loop(b, i, create_body, &ti);
    IrOperand m = addr(gpath("m"));
    call(b, "pthread_mutex_lock", &m, 1);
    access(b, IR_EV_WRITE, gpath("g2"), 0);
    call(b, "pthread_mutex_unlock", &m, 1);
    counted_loop(b, i, join_body, &ti);
    access(b, IR_EV_WRITE, gpath("g"), 0);
    return finish(b, "main");
}

/* The accesses to global name made by thread t, in recording order. */
static const Access *access_of(const Program *p, const char *name, uint32_t t, bool write) {
    for (size_t li = 0; li < facts_nlocations(p); li++) {
        FactsLocation l = facts_location(p, li);
        char buf[64];
        if (strcmp(facts_location_name(p, l.id, buf, sizeof buf), name)) continue;
        for (size_t k = 0; k < l.naccesses; k++)
            if (facts_access_thread(l.accesses[k]) == t && facts_access_writes(l.accesses[k]) == write)
                return l.accesses[k];
    }
    return NULL;
}

static void test_facts(const Program *p) {
    /* ordering: worker instances race on g; main's write after the joins is ordered by the join */
    const Access *wg = access_of(p, "g", 1, true), *mg = access_of(p, "g", 0, true);
    const Access *wg2 = access_of(p, "g2", 1, true), *mg2 = access_of(p, "g2", 0, true);
    CHECK(wg && mg && wg2 && mg2);
    if (!wg || !mg || !wg2 || !mg2) return;
    const char *why = NULL, *lock = NULL;
    CHECK(facts_ordering_rule(p, wg, wg, &why) == NULL && why == NULL);
    const char *rule = facts_ordering_rule(p, mg, wg, &why);
    CHECK(rule && !strcmp(rule, "join") && why);
    CHECK(facts_common_lock(p, wg2, mg2, &lock) && lock && !strcmp(lock, "m"));
    CHECK(facts_may_happen_in_parallel(p, wg2, mg2)); /* ordered by the lock, not in time */
    /* acquisitions: main m, worker m, worker m2 (in helper, holding m) */
    CHECK(facts_nacquisitions(p) == 3);
    for (size_t i = 0; i < facts_nacquisitions(p) && failures; i++) {
        FactsAcquisition a = facts_acquisition(p, i);
        fprintf(stderr, "acquisition %zu: thread %u %s in %s, %u held\n", i, a.thread, a.lock.spelling, a.function, a.nheld);
    }
    size_t nested = SIZE_MAX;
    uint32_t m_id = FACTS_NO_LOCK;
    for (size_t i = 0; i < facts_nacquisitions(p); i++) {
        FactsAcquisition a = facts_acquisition(p, i);
        CHECK(a.lock.id != FACTS_NO_LOCK && !a.shared);
        if (!strcmp(a.lock.spelling, "m")) {
            CHECK(a.nheld == 0);
            CHECK(m_id == FACTS_NO_LOCK || m_id == a.lock.id); /* one lock object for both threads */
            m_id = a.lock.id;
            continue;
        }
        CHECK(!strcmp(a.lock.spelling, "m2") && a.thread == 1 && !strcmp(a.function, "helper"));
        CHECK(a.nheld == 1 && !strcmp(facts_acquisition_held(p, i, 0).spelling, "m"));
        const char *chain[4];
        size_t n = facts_acquisition_chain(p, i, chain, 4);
        CHECK(n == 2 && !strcmp(chain[0], "worker") && !strcmp(chain[1], "helper"));
        nested = i;
    }
    CHECK(nested != SIZE_MAX);
    if (nested != SIZE_MAX) CHECK(m_id != FACTS_NO_LOCK && m_id == facts_acquisition_held(p, nested, 0).id);
}

static void test_model(const ApiModels *models) {
    B b;
    memset(&b, 0, sizeof b);
    b.a = arena_new();
    IrUnit *u = ARENA_NEW(b.a, IrUnit);
    u->arena = b.a;
    u->path = "t.c";
    IrFunc *fs[3];
    fs[0] = build_worker(&b); /* first: the race is on its line 2 */
    fs[1] = build_main(&b);
    fs[2] = build_helper(&b);
    u->nfuncs = 3;
    u->funcs = fs;
    IrGlobal gs[] = {{"g", "g", "int", IR_GLOBAL_DEFINED, {0}}, {"g2", "g2", "int", IR_GLOBAL_DEFINED, {0}},
                     {"m", "m", "pthread_mutex_t", IR_GLOBAL_DEFINED, {0}},
                     {"m2", "m2", "pthread_mutex_t", IR_GLOBAL_DEFINED, {0}}};
    u->nglobals = 4;
    u->globals = gs;
    DiagSink d;
    diag_init(&d);
    Program p;
    ModelOptions mo = {.entries = NULL, .nentries = 0};
    IrUnit *units[1] = {u};
    model_build(&p, units, 1, models, &mo, &d);
    CHECK(p.tm.threads.len == 2);
    if (p.tm.threads.len == 2) {
        CHECK(!strcmp(p.tm.threads.data[1].routine, "worker"));
        CHECK(p.tm.threads.data[1].many);
    }
    test_facts(&p);
    FindingList fl;
    findings_init(&fl);
    checks_run_all(&p, NULL, &fl, NULL);
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

/* A prefix entry applies to every name starting with it; an exact entry
 * and a longer prefix win. */
static void test_rules_prefix(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/t_prefix.json", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        CHECK(!"cannot write a temporary rules file");
        return;
    }
    fputs("{\"racecheck-models\": 1, \"models\": ["
          "{\"name\": \"v_atomic_\", \"kind\": \"atomic-function\", \"prefix\": true},"
          "{\"name\": \"v_atomic_begin\", \"kind\": \"atomic-begin\"},"
          "{\"name\": \"v_atomic_end_\", \"kind\": \"atomic-end\", \"prefix\": true},"
          "{\"name\": \"v_bad\", \"kind\": \"atomic-end\", \"prefix\": 1}]}", f);
    fclose(f);
    ApiModels m;
    apimodels_init(&m);
    DiagSink d;
    diag_init(&d);
    CHECK(!apimodels_load_file(&m, path, &d)); /* prefix: 1 is not a boolean */
    bool named = false;
    for (size_t i = 0; i < d.len; i++) named |= strstr(d.items[i].message, "'prefix'") != NULL;
    CHECK(named);
    f = fopen(path, "w");
    if (!f) return;
    fputs("{\"racecheck-models\": 1, \"models\": ["
          "{\"name\": \"v_atomic_\", \"kind\": \"atomic-function\", \"prefix\": true},"
          "{\"name\": \"v_atomic_begin\", \"kind\": \"atomic-begin\"},"
          "{\"name\": \"v_atomic_end_\", \"kind\": \"atomic-end\", \"prefix\": true}]}", f);
    fclose(f);
    CHECK(apimodels_load_file(&m, path, &d));
    const ApiModel *am = apimodels_find(&m, "v_atomic_inc");
    CHECK(am && am->kind == API_ATOMIC_FUNCTION);
    am = apimodels_find(&m, "v_atomic_begin");
    CHECK(am && am->kind == API_ATOMIC_BEGIN && am->recursive);
    am = apimodels_find(&m, "v_atomic_end_x");
    CHECK(am && am->kind == API_ATOMIC_END);
    CHECK(apimodels_find(&m, "v_atomi") == NULL);
    remove(path);
    diag_free(&d);
    apimodels_free(&m);
}

/* Load rules text from a temporary file; returns the diagnostics' messages
 * joined by newlines (malloc'd) and whether the load succeeded. */
static char *load_text(ApiModels *m, const char *dir, const char *text, bool *ok) {
    char path[4096];
    snprintf(path, sizeof path, "%s/t_effects.json", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        *ok = false;
        return xasprintf("cannot write %s", path);
    }
    fputs(text, f);
    fclose(f);
    DiagSink d;
    diag_init(&d);
    *ok = apimodels_load_file(m, path, &d);
    char *all = xasprintf("%s", "");
    for (size_t i = 0; i < d.len; i++) {
        char *n = xasprintf("%s%s\n", all, d.items[i].message);
        free(all);
        all = n;
    }
    diag_free(&d);
    remove(path);
    return all;
}

/* Kind "effects": parsed beside another kind for the same name; bad keys,
 * effects and params are errors naming the entry and the key. */
static void test_rules_effects(const char *dir) {
    ApiModels m;
    apimodels_init(&m);
    bool ok;
    char *msg = load_text(&m, dir,
                          "{\"racecheck-models\": 1, \"models\": ["
                          "{\"name\": \"my_free\", \"kind\": \"free\", \"object\": 0},"
                          "{\"name\": \"my_free\", \"kind\": \"effects\", \"args\": [{\"index\": 0, \"effect\": \"free\"}]},"
                          "{\"name\": \"my_sort\", \"kind\": \"effects\", \"args\": [{\"index\": 0, \"effect\": \"readwrite\"},"
                          " {\"index\": 3, \"effect\": \"call\", \"params\": [0, -1]}], \"returns\": 0},"
                          "{\"name\": \"my_scan\", \"kind\": \"effects\", \"variadic\": {\"from\": 1, \"effect\": \"write\", \"format\": 0}}]}",
                          &ok);
    CHECK(ok && !msg[0]);
    free(msg);
    const ApiModel *fr = apimodels_find(&m, "my_free"), *fx = apimodels_find_effects(&m, "my_free");
    CHECK(fr && fr->kind == API_FREE && fx && fx->kind == API_EFFECTS && fx->neffects == 1 &&
          fx->effects[0].effect == EFFECT_FREE && fx->returns == -1 && fx->variadic_from == -1);
    const ApiModel *so = apimodels_find_effects(&m, "my_sort");
    CHECK(so && so->neffects == 2 && so->returns == 0 && so->effects[1].effect == EFFECT_CALL &&
          so->effects[1].nparams == 2 && so->effects[1].params[1] == -1 && apimodels_find(&m, "my_sort") == NULL);
    const ApiModel *sc = apimodels_find_effects(&m, "my_scan");
    CHECK(sc && sc->variadic_from == 1 && sc->variadic_effect == EFFECT_WRITE && sc->variadic_format == 0 &&
          so->variadic_format == -1);
    static const char *const bad[][2] = {
        {"{\"name\": \"b\", \"kind\": \"effects\", \"args\": [{\"index\": 0, \"effect\": \"wrote\"}]}", "'effect' must be one of"},
        {"{\"name\": \"b\", \"kind\": \"effects\", \"args\": [{\"index\": 0, \"efect\": \"read\"}]}", "unknown key 'efect' in args[0]"},
        {"{\"name\": \"b\", \"kind\": \"effects\", \"args\": [{\"index\": 0, \"effect\": \"read\", \"params\": [0]}]}", "needs effect 'call'"},
        {"{\"name\": \"b\", \"kind\": \"effects\"}", "needs key 'args', 'variadic' or 'returns'"},
        {"{\"name\": \"b\", \"kind\": \"effects\", \"variadic\": {\"from\": 1}}", "keys 'from' and 'effect'"},
        {"{\"name\": \"b\", \"kind\": \"effects\", \"returns\": 1.5}", "'returns' must be an argument index"},
        {"{\"name\": \"b\", \"kind\": \"effects\", \"args\": {\"index\": 0}}", "'args' must be an array"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *text = xasprintf("{\"racecheck-models\": 1, \"models\": [%s]}", bad[i][0]);
        msg = load_text(&m, dir, text, &ok);
        if (ok || !strstr(msg, bad[i][1]) || !strstr(msg, "models[0] ('b')")) {
            fprintf(stderr, "effects rule %zu: expected an error with \"%s\", got: %s\n", i, bad[i][1], msg);
            CHECK(!"effects error");
        }
        free(msg);
        free(text);
    }
    CHECK(apimodels_find_effects(&m, "b") == NULL);
    apimodels_free(&m);
}

static IrPath with_step(B *b, IrPath p, IrStep s) {
    return ir_path_append(b->a, &p, s);
}

/* A unit of one function and the globals gs, in b's arena. */
static IrUnit *one_unit(B *b, IrFunc **fs, IrGlobal *gs, uint32_t nglobals) {
    IrUnit *u = ARENA_NEW(b->a, IrUnit);
    u->arena = b->a;
    u->path = "t.c";
    u->nfuncs = 1;
    u->funcs = fs;
    u->nglobals = nglobals;
    u->globals = gs;
    return u;
}

/* The model of unit u alone (d initialised here). */
static void build_one(Program *p, DiagSink *d, IrUnit *u, const ApiModels *models) {
    diag_init(d);
    ModelOptions mo = {.entries = NULL, .nentries = 0};
    IrUnit *units[1] = {u};
    model_build(p, units, 1, models, &mo, d);
}

/* Points-to through UP steps and common-initial-sequence aliases:
 *   struct item { int id; struct list_head link; } g;  struct sin peer;
 *   int main(void) { l = &g.link; c = container_of(l, link); d = container_of(l, other);
 *                    a = &peer.fam; (unit alias fam = sin_fam +0:2) }
 * c points to g, d to g too (l is no `other`: the whole object), &c->id
 * to g.id, and fam at offset 0 names peer's sin_fam location. */
static void test_pointsto_up(const ApiModels *models) {
    B b;
    memset(&b, 0, sizeof b);
    b.a = arena_new();
    b.b = ir_builder_new(b.a);
    const char *names[] = {"l", "c", "d", "a"};
    for (int i = 0; i < 4; i++) ir_builder_add_local(b.b, (IrLocal){names[i], "void *", IR_LOCAL_POINTER, {0}});
    IrPath lp = ir_builder_local_path(b.b, 0), cp = ir_builder_local_path(b.b, 1), dp = ir_builder_local_path(b.b, 2),
           ap = ir_builder_local_path(b.b, 3);
    IrStep deref = {.kind = IR_STEP_DEREF}, link = {.kind = IR_STEP_FIELD, .field = "link"},
           up_link = {.kind = IR_STEP_UP, .field = "link"}, up_other = {.kind = IR_STEP_UP, .field = "other"},
           fam = {.kind = IR_STEP_FIELD, .field = "fam"}, sin_fam = {.kind = IR_STEP_FIELD, .field = "sin_fam"};
    fam.field_size = sin_fam.field_size = 2;
    ir_builder_emit_assign(b.b, lp, addr(with_step(&b, gpath("g"), link)), IR_EV_POINTER, loc(&b));
    ir_builder_emit_assign(b.b, cp, addr(with_step(&b, with_step(&b, lp, deref), up_link)), IR_EV_POINTER, loc(&b));
    ir_builder_emit_assign(b.b, dp, addr(with_step(&b, with_step(&b, lp, deref), up_other)), IR_EV_POINTER, loc(&b));
    ir_builder_emit_assign(b.b, ap, addr(with_step(&b, gpath("peer"), fam)), IR_EV_POINTER, loc(&b));
    IrFunc *fs[1] = {finish(&b, "main")};
    IrGlobal gs[] = {{"g", "g", "struct item", IR_GLOBAL_DEFINED, {0}},
                     {"peer", "peer", "struct sin", IR_GLOBAL_DEFINED, {0}}};
    IrUnit *u = one_unit(&b, fs, gs, 2);
    IrFieldAlias al[] = {{"fam", "sin_fam", 0, 2}};
    u->naliases = 1;
    u->aliases = al;
    DiagSink d;
    Program p;
    build_one(&p, &d, u, models);
    const char *want[] = {"g.link", "g", "g", "peer.fam"};
    for (uint32_t i = 0; i < 4; i++) {
        IrOperand v = opd(IR_OPD_VALUE);
        v.path = (IrPath){.root = IR_ROOT_LOCAL, .id = i, .name = names[i]};
        IdSet t = {0};
        pt_operand_targets(&p, 0, &v, &t);
        char buf[64] = "";
        if (t.n == 1) pt_node_name(&p, t.v[0], buf, sizeof buf);
        CHECK(t.n == 1 && !strcmp(buf, want[i]));
        idset_free(&t);
    }
    /* c->id is g.id; peer.sin_fam at offset 0 is the location of a->fam */
    IdSet x = {0}, y = {0};
    pt_resolve_path(&p, 0, &(IrPath){.root = IR_ROOT_GLOBAL, .usr = "peer", .name = "peer", .nsteps = 1, .steps = &sin_fam}, &x);
    pt_resolve_path(&p, 0, &(IrPath){.root = IR_ROOT_GLOBAL, .usr = "peer", .name = "peer", .nsteps = 1, .steps = &fam}, &y);
    CHECK(x.n == 1 && y.n == 1 && x.v[0] == y.v[0]);
    IrStep cid[2] = {{.kind = IR_STEP_DEREF}, {.kind = IR_STEP_FIELD, .field = "id"}};
    IdSet z = {0};
    pt_resolve_path(&p, 0, &(IrPath){.root = IR_ROOT_LOCAL, .id = 1, .name = "c", .nsteps = 2, .steps = cid}, &z);
    char buf[64] = "";
    if (z.n == 1) pt_node_name(&p, z.v[0], buf, sizeof buf);
    CHECK(z.n == 1 && !strcmp(buf, "g.id"));
    idset_free(&x);
    idset_free(&y);
    idset_free(&z);
    model_free(&p);
    diag_free(&d);
    arena_free(b.a);
}

/* A field of a type with no fields has no field locations: `v = &g.buf`
 * (a plain field), then `v->x` is g.buf itself; through a record field
 * (`w = &g.in; w->x`) and a field of unknown shape (IR built by hand) the
 * field's own location g.in.x, g.raw.x; a pointer variable's address
 * (`q = &ptr`, ptr a data pointer) dereferenced as a struct stays on ptr. */
static void test_pointsto_plain(const ApiModels *models) {
    B b;
    memset(&b, 0, sizeof b);
    b.a = arena_new();
    b.b = ir_builder_new(b.a);
    const char *names[] = {"v", "w", "u", "q", "ptr"};
    for (int i = 0; i < 4; i++) ir_builder_add_local(b.b, (IrLocal){names[i], "void *", IR_LOCAL_POINTER, {0}});
    ir_builder_add_local(b.b, (IrLocal){"ptr", "int *",
                                        IR_LOCAL_POINTER | IR_LOCAL_DATA_POINTER | IR_LOCAL_ADDR_TAKEN, {0}});
    IrStep buf = {.kind = IR_STEP_FIELD, .field = "buf", .field_shape = IR_FIELD_PLAIN},
           in = {.kind = IR_STEP_FIELD, .field = "in", .field_shape = IR_FIELD_RECORD},
           raw = {.kind = IR_STEP_FIELD, .field = "raw"};
    IrStep fields[3] = {buf, in, raw};
    for (uint32_t i = 0; i < 3; i++)
        ir_builder_emit_assign(b.b, ir_builder_local_path(b.b, i), addr(with_step(&b, gpath("g"), fields[i])),
                               IR_EV_POINTER, loc(&b));
    ir_builder_emit_assign(b.b, ir_builder_local_path(b.b, 3), addr(ir_builder_local_path(b.b, 4)), IR_EV_POINTER,
                           loc(&b));
    IrFunc *fs[1] = {finish(&b, "main")};
    IrGlobal gs[] = {{"g", "g", "struct s", IR_GLOBAL_DEFINED, {0}}};
    DiagSink d;
    Program p;
    build_one(&p, &d, one_unit(&b, fs, gs, 1), models);
    const char *want[] = {"g.buf", "g.in.x", "g.raw.x", "main::ptr"};
    for (uint32_t i = 0; i < 4; i++) {
        IrStep x[2] = {{.kind = IR_STEP_DEREF}, {.kind = IR_STEP_FIELD, .field = "x", .field_shape = IR_FIELD_PLAIN}};
        IdSet t = {0};
        pt_resolve_path(&p, 0, &(IrPath){.root = IR_ROOT_LOCAL, .id = i, .name = names[i], .nsteps = 2, .steps = x},
                        &t);
        char nb[64] = "";
        if (t.n == 1) pt_node_name(&p, t.v[0], nb, sizeof nb);
        CHECK(t.n == 1 && !strcmp(nb, want[i]));
        if (t.n != 1 || strcmp(nb, want[i]))
            fprintf(stderr, "  %s->x: %u locations, %s (want %s)\n", names[i], t.n, nb, want[i]);
        idset_free(&t);
    }
    model_free(&p);
    diag_free(&d);
    arena_free(b.a);
}

/* The id sets against a reference (a byte per possible id): unions of
 * sparse and dense sets into small and large ones (the in-place merge),
 * the elements a union adds, differences. */
static void test_idset(void) {
    enum { RANGE = 3000 };
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (int round = 0; round < 300; round++) {
        static unsigned char ref[RANGE], refsrc[RANGE];
        memset(ref, 0, sizeof ref);
        memset(refsrc, 0, sizeof refsrc);
        IdSet dst = {0}, src = {0}, added = {0}, diff = {0};
        uint32_t ndst = (uint32_t)(round * 7 % 1200), nsrc = (uint32_t)(round % 5 == 0 ? 900 : round % 40);
        for (uint32_t i = 0; i < ndst + nsrc; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            uint32_t x = (uint32_t)(seed >> 33) % RANGE;
            if (i < ndst) {
                idset_add(&dst, x);
                ref[x] = 1;
            } else {
                idset_add(&src, x);
                refsrc[x] = 1;
            }
        }
        idset_difference(&diff, &src, &dst);
        bool changed = round % 2 ? idset_union(&dst, &src) : idset_union_diff(&dst, &src, &added);
        uint32_t n = 0, nadd = 0, k = 0, ka = 0, kd = 0;
        bool ok = true;
        for (uint32_t x = 0; x < RANGE; x++) {
            bool in = ref[x] || refsrc[x], fresh = refsrc[x] && !ref[x];
            n += in;
            nadd += fresh;
            if (in) ok &= k < dst.n && dst.v[k++] == x;
            if (fresh) ok &= kd < diff.n && diff.v[kd++] == x;
            if (fresh && round % 2 == 0) ok &= ka < added.n && added.v[ka++] == x;
        }
        ok &= dst.n == n && diff.n == nadd && changed == (nadd > 0) && (round % 2 || added.n == nadd);
        CHECK(ok);
        idset_free(&dst);
        idset_free(&src);
        idset_free(&added);
        idset_free(&diff);
    }
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
    test_idset();
    test_model(&models);
    test_pointsto_up(&models);
    test_pointsto_plain(&models);
    test_rules_errors(argv[2]);
    test_rules_prefix(argv[2]);
    test_rules_effects(argv[2]);
    apimodels_free(&models);
    diag_free(&d);
    printf("model_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
