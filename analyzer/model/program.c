/*
 * program.c - links the units of one invocation into one program: functions
 * and globals are matched by USR (the first definition of a function wins;
 * a global's flags are merged over every declaration), and every call event
 * is classified once: a call to a defined function (internal), to a
 * modelled API (the rules files, by name), to an unknown external function, or
 * through a pointer (resolved later by points-to).
 */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_call(Program *p, const IrEvent *ev, CallInfo ci) {
    u64map_put(&p->link.callinfo, (uint64_t)(uintptr_t)ev, p->link.calls.len);
    vec_push(&p->link.calls, ci);
}

const CallInfo *program_call(const Program *p, const IrEvent *ev) {
    uint64_t i;
    if (!u64map_get(&p->link.callinfo, (uint64_t)(uintptr_t)ev, &i)) return NULL;
    return &p->link.calls.data[i];
}

const ApiModel *program_call_effects(const Program *p, const IrEvent *ev, const CallInfo *ci) {
    if (!ci || !ev->call || ev->call->callee.kind != IR_OPD_FUNC) return NULL;
    /* the program's own definition (or a declared or detected wrapper) wins */
    if (ci->kind != CALL_EXTERNAL && (ci->kind != CALL_API || ci->api->wrapper || ci->api->wraps)) return NULL;
    return apimodels_find_effects(p->models, ev->call->callee.name);
}

/* The reachable functions, callees before their callers (a post-order of
 * the call graph; a recursive cycle in some order), and each function's
 * position in it (LinkTables.bottom_up, call_rank): lock summaries computed
 * in this order see their callees' final summaries in the first round, and
 * the per-thread pass takes its callers first. Computed once (stage
 * locksets). */
void program_bottom_up(Program *p) {
    if (p->link.call_rank) return;
    size_t nf = p->link.funcs.len;
    p->link.call_rank = arena_alloc(p->arena, (nf ? nf : 1) * sizeof(uint32_t));
    for (size_t f = 0; f < nf; f++) p->link.call_rank[f] = UINT32_MAX;
    uint8_t *state = xcalloc(nf ? nf : 1, 1); /* 0 new, 1 on the stack, 2 done */
    VEC(IdSet) callees = {0};
    vec_resize_zero(&callees, nf);
    for (size_t f = 0; f < nf; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!p->link.funcs.data[f].reachable) continue;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const CallInfo *ci = program_call(p, &ir->blocks[b].events[e]);
                if (ci && ci->kind != CALL_API) idset_union(&callees.data[f], &ci->targets);
            }
    }
    typedef struct { uint32_t f, next; } Frame;
    VEC(Frame) stack = {0};
    for (size_t root = 0; root < nf; root++) {
        if (!p->link.funcs.data[root].reachable || state[root]) continue;
        Frame fr = {(uint32_t)root, 0};
        vec_push(&stack, fr);
        state[root] = 1;
        while (stack.len) {
            Frame *top = &stack.data[stack.len - 1];
            const IdSet *cs = &callees.data[top->f];
            if (top->next < cs->n) {
                uint32_t g = cs->v[top->next++];
                if (g < nf && !state[g] && p->link.funcs.data[g].reachable) {
                    state[g] = 1;
                    Frame nfr = {g, 0};
                    vec_push(&stack, nfr);
                }
                continue;
            }
            state[top->f] = 2;
            p->link.call_rank[top->f] = (uint32_t)p->link.bottom_up.len;
            vec_push(&p->link.bottom_up, top->f);
            stack.len--;
        }
    }
    for (size_t f = 0; f < nf; f++) idset_free(&callees.data[f]);
    vec_free(&callees);
    vec_free(&stack);
    free(state);
}

Func *program_func_by_name(Program *p, const char *name) {
    uintptr_t i = (uintptr_t)strmap_get(&p->link.func_by_name, name);
    return i ? &p->link.funcs.data[i - 1] : NULL;
}

Global *program_global(Program *p, const char *usr) {
    uintptr_t i = usr ? (uintptr_t)strmap_get(&p->link.global_by_usr, usr) : 0;
    return i ? &p->link.globals.data[i - 1] : NULL;
}

static void link_globals(Program *p, IrUnit *u) {
    for (uint32_t i = 0; i < u->nglobals; i++) {
        IrGlobal *g = &u->globals[i];
        if (!g->usr) continue;
        const char *usr = intern(&p->strings, g->usr);
        bool ins;
        void **slot = strmap_slot(&p->link.global_by_usr, usr, &ins);
        if (ins) {
            Global ng = {usr, intern(&p->strings, g->name ? g->name : "?"),
                         g->type ? intern(&p->strings, g->type) : "", g->flags, g->loc, 0};
            vec_push(&p->link.globals, ng);
            *slot = (void *)(uintptr_t)p->link.globals.len;
        } else {
            Global *og = &p->link.globals.data[(uintptr_t)*slot - 1];
            og->flags |= g->flags;
            if ((g->flags & IR_GLOBAL_DEFINED) && !(og->flags & IR_GLOBAL_DEFINED)) og->loc = g->loc;
        }
    }
}

static void link_func(Program *p, IrUnit *u, IrFunc *f) {
    const char *usr = intern(&p->strings, f->usr ? f->usr : f->name);
    bool ins;
    void **slot = strmap_slot(&p->link.func_by_usr, usr, &ins);
    if (!ins) {
        /* the same inline function from another unit; two mains mean two
         * programs linked into one */
        const Func *first = &p->link.funcs.data[(uintptr_t)*slot - 1];
        const char *ff = first->ir->loc.file ? first->ir->loc.file : "?";
        const char *base = strrchr(ff, '/');
        if (!strcmp(f->name, "main") && !p->link.warned_mains)
            diag_report(p->diags, DIAG_WARNING, f->loc.file, f->loc.line, f->loc.col,
                        "another definition of main (the one in %s, which reaches the most code, is "
                        "analysed); the units belong to several programs - analyse one program's compile "
                        "database instead",
                        base ? base + 1 : ff);
        if (!strcmp(f->name, "main")) p->link.warned_mains = true;
        return;
    }
    Func nf;
    memset(&nf, 0, sizeof nf);
    nf.ir = f;
    nf.unit = u;
    nf.id = (uint32_t)p->link.funcs.len;
    vec_push(&p->link.funcs, nf);
    *slot = (void *)(uintptr_t)p->link.funcs.len;
    const char *name = intern(&p->strings, f->name);
    bool nins;
    void **nslot = strmap_slot(&p->link.func_by_name, name, &nins);
    if (nins) *nslot = (void *)(uintptr_t)p->link.funcs.len;
}

const ApiModel *program_api_for(const Program *p, const IrOperand *c) {
    if (c->kind != IR_OPD_FUNC) return NULL;
    uintptr_t idx = c->usr && c->usr[0] ? (uintptr_t)strmap_get(&p->link.func_by_usr, c->usr) : 0;
    const ApiModel *m = apimodels_find(p->models, c->name);
    uint64_t w;
    /* a modelled API wins over a definition only when the program does not
     * define the function itself, or declares it a wrapper; the primitives
     * of atomic sections always (their body - a port's interrupt masking
     * and nesting counter - is what the model stands for) */
    if (!idx || (m && (m->wrapper || m->kind == API_ATOMIC_BEGIN || m->kind == API_ATOMIC_END))) return m;
    /* a library analysed itself: its own semaphores, condition variables
     * and barriers are, at their calls, what its models say they are (a
     * semaphore built from a mutex and a condition variable orders a post
     * before the wait it wakes; its body alone says nothing of that) */
    if (m && p->library && (m->kind == API_SEM_POST || m->kind == API_SEM_WAIT || m->kind == API_SEM_INIT ||
                            m->kind == API_COND_WAIT || m->kind == API_COND_SIGNAL || m->kind == API_BARRIER_WAIT))
        return m;
    return u64map_get(&p->link.wrapper_api, idx - 1, &w) ? (const ApiModel *)(uintptr_t)w : NULL;
}

void program_add_func(Program *p, IrFunc *f) {
    link_func(p, NULL, f);
}

static void classify_calls(Program *p, Func *fn) {
    IrFunc *f = fn->ir;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        IrBlock *bb = &f->blocks[b];
        for (uint32_t e = 0; e < bb->nevents; e++) {
            IrEvent *ev = &bb->events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            CallInfo ci = {CALL_UNKNOWN, 0, NULL, {0}, false};
            const IrOperand *c = &ev->call->callee;
            uint64_t synth;
            if (u64map_get(&p->link.synth_api, (uint64_t)(uintptr_t)ev, &synth)) {
                ci.kind = CALL_API;
                ci.api = (const ApiModel *)(uintptr_t)synth;
            } else if (c->kind == IR_OPD_FUNC) {
                uintptr_t idx = c->usr && c->usr[0] ? (uintptr_t)strmap_get(&p->link.func_by_usr, c->usr) : 0;
                if ((ci.api = program_api_for(p, c))) {
                    ci.kind = CALL_API;
                } else if (idx) {
                    ci.kind = CALL_INTERNAL;
                    ci.callee = (uint32_t)idx - 1;
                } else {
                    ci.kind = CALL_EXTERNAL;
                }
            } else {
                ci.kind = CALL_INDIRECT;
            }
            add_call(p, ev, ci);
        }
    }
}

/* When several units define main (a source tree holding a server, its
 * tools and examples), the program analysed is the main that reaches the
 * most functions by direct calls (ties: the first unit): its unit is linked
 * first, and the first definition wins. Returns the unit index, or nunits
 * when no unit defines main. */
static size_t main_unit(const Program *p) {
    StrMap by_usr;
    strmap_init(&by_usr);
    VEC(IrFunc *) mains = {0};
    VEC(size_t) main_units = {0};
    for (size_t i = 0; i < p->nunits; i++) {
        const IrUnit *u = p->units[i];
        for (uint32_t k = 0; u && k < u->nfuncs; k++) {
            IrFunc *f = u->funcs[k];
            if (!strcmp(f->name, "main")) {
                vec_push(&mains, f);
                vec_push(&main_units, i);
            } else if (f->usr && !strmap_get(&by_usr, f->usr)) {
                strmap_put(&by_usr, f->usr, f);
            }
        }
    }
    size_t best = mains.len ? main_units.data[0] : p->nunits, best_count = 0;
    if (mains.len > 1) {
        U64Map seen;
        VEC(IrFunc *) work = {0};
        for (size_t m = 0; m < mains.len; m++) {
            u64map_init(&seen);
            size_t count = 0;
            vec_push(&work, mains.data[m]);
            while (work.len) {
                IrFunc *f = work.data[--work.len];
                if (u64map_get(&seen, (uint64_t)(uintptr_t)f, NULL)) continue;
                u64map_put(&seen, (uint64_t)(uintptr_t)f, 1);
                count++;
                for (uint32_t b = 0; b < f->nblocks; b++)
                    for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                        const IrEvent *ev = &f->blocks[b].events[e];
                        const IrOperand *ops = ev->kind == IR_EV_CALL && ev->call ? ev->call->args : NULL;
                        uint32_t nops = ops ? ev->call->nargs : 0;
                        for (uint32_t a = 0; a <= nops; a++) {
                            const IrOperand *o = a == nops ? (ev->kind == IR_EV_CALL && ev->call ? &ev->call->callee : ev->kind == IR_EV_ASSIGN ? ev->src : NULL) : &ops[a];
                            IrFunc *g = o && o->kind == IR_OPD_FUNC && o->usr ? strmap_get(&by_usr, o->usr) : NULL;
                            if (g) vec_push(&work, g);
                        }
                    }
            }
            u64map_free(&seen);
            if (count > best_count) best_count = count, best = main_units.data[m];
        }
        vec_free(&work);
    }
    vec_free(&mains);
    vec_free(&main_units);
    strmap_free(&by_usr);
    return best;
}

static bool defines_main(const IrUnit *u) {
    for (uint32_t k = 0; u && k < u->nfuncs; k++)
        if (!strcmp(u->funcs[k]->name, "main")) return true;
    return false;
}

/* A function defined in a header (another file than the unit's main file),
 * lowered by whichever unit claimed it first (frontend/lower.c). */
typedef struct HeaderFunc {
    IrUnit *unit;
    IrFunc *f;
    size_t seq; /* link order of its unit: ties keep the first */
} HeaderFunc;
typedef VEC(HeaderFunc) HeaderFuncs;

static void link_unit(Program *p, IrUnit *u, HeaderFuncs *headers) {
    if (!u) return;
    link_globals(p, u);
    for (uint32_t k = 0; k < u->nfuncs; k++) {
        IrFunc *f = u->funcs[k];
        if (f->loc.file && u->path && strcmp(f->loc.file, u->path) != 0) {
            HeaderFunc h = {u, f, headers->len};
            vec_push(headers, h);
        } else {
            link_func(p, u, f);
        }
    }
    if (u->init) link_func(p, u, u->init);
}

static int cmp_header_func(const void *x, const void *y) {
    const HeaderFunc *a = x, *b = y;
    int c = strcmp(a->f->usr ? a->f->usr : a->f->name, b->f->usr ? b->f->usr : b->f->name);
    if (c) return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Link order decides which of two definitions of one function wins (the
 * first) and the functions' ids: the analysed main's unit, then units
 * without a main, then units
 * of other programs (a test program's stub `STATS_LOCK(){}` must not replace
 * the real one). */
void program_link(Program *p) {
    HeaderFuncs headers = {0};
    size_t first = main_unit(p);
    if (first < p->nunits) link_unit(p, p->units[first], &headers);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < p->nunits; i++)
            if (i != first && defines_main(p->units[i]) == (pass == 1)) link_unit(p, p->units[i], &headers);
    /* functions defined in headers last, by USR: which unit lowered one
     * depends on the parsing threads' timing, its id must not */
    if (headers.len > 1) qsort(headers.data, headers.len, sizeof(HeaderFunc), cmp_header_func);
    for (size_t i = 0; i < headers.len; i++) link_func(p, headers.data[i].unit, headers.data[i].f);
    vec_free(&headers);
    for (size_t i = 0; i < p->nunits; i++)
        for (uint32_t k = 0; p->units[i] && k < p->units[i]->nconverted; k++) {
            uintptr_t idx = (uintptr_t)strmap_get(&p->link.func_by_usr, p->units[i]->converted[k]);
            if (idx) p->link.funcs.data[idx - 1].addr_converted = true;
        }
}

/* Atomic sections (API models atomic-begin, atomic-end, atomic-function)
 * are one program-wide pseudo-lock, held by the global "atomic section"
 * that no code names: every atomic section excludes every other. A section
 * entered inside another takes a nesting level, a pseudo-lock of its own
 * that protects nothing (heldlocks.c), so that leaving the inner section
 * leaves the outer one held. Created only when the program has a section,
 * before points-to makes the objects. */
static void atomic_sections(Program *p) {
    bool any = false;
    for (size_t i = 0; i < p->link.funcs.len; i++) {
        Func *fn = &p->link.funcs.data[i];
        const ApiModel *m = fn->ir->nblocks ? apimodels_find(p->models, fn->ir->name) : NULL;
        fn->atomic_body = m && m->kind == API_ATOMIC_FUNCTION;
        any |= fn->atomic_body;
    }
    for (size_t i = 0; i < p->link.calls.len && !any; i++) {
        const CallInfo *ci = &p->link.calls.data[i];
        any = ci->kind == CALL_API && (ci->api->kind == API_ATOMIC_BEGIN || ci->api->kind == API_ATOMIC_END);
    }
    if (!any) return;
    const char *usr = intern(&p->strings, "racecheck:atomic-section");
    const char *name = intern(&p->strings, "atomic section");
    if (!strmap_get(&p->link.global_by_usr, usr)) {
        Global g = {usr, name, "", IR_GLOBAL_DEFINED, {0}, 0};
        vec_push(&p->link.globals, g);
        strmap_put(&p->link.global_by_usr, usr, (void *)(uintptr_t)p->link.globals.len);
    }
    IrPath path;
    memset(&path, 0, sizeof path);
    path.root = IR_ROOT_GLOBAL;
    path.usr = usr;
    path.name = name;
    p->lock.atomic_section = lock_intern(p, -1, &path, LMODE_EXCL) + 1;
    /* the nesting levels: "atomic section.<nested2>", ... (flow.c) */
    p->lock.atomic_levels[0] = p->lock.atomic_section - 1;
    for (int k = 1; k < MODEL_ATOMIC_LEVELS; k++) {
        char field[32];
        snprintf(field, sizeof field, "<nested%d>", k + 1);
        IrStep st = {.kind = IR_STEP_FIELD, .field = intern(&p->strings, field)};
        IrPath lp = ir_path_append(p->arena, &path, st);
        p->lock.atomic_levels[k] = lock_intern(p, -1, &lp, LMODE_EXCL);
    }
}

static void hidden_state_usr(const ApiModel *api, char *buf, size_t n) {
    snprintf(buf, n, "racecheck:hidden-state:%s", api->state ? api->state : api->name);
}

/* A pseudo global of the model named `name`, flagged as holding pointers
 * (pools.c, launchers.c); usr NULL makes a fresh one, else the one with
 * that usr (created on first use). */
IrPath program_synth_global(Program *p, const char *usr, const char *name, IrLoc loc, uint32_t flags) {
    char fresh[64];
    if (!usr) {
        snprintf(fresh, sizeof fresh, "racecheck:global#%zu", p->link.nsynth_globals);
        usr = fresh;
    }
    const char *iusr = intern(&p->strings, usr);
    if (!strmap_get(&p->link.global_by_usr, iusr)) {
        Global g = {iusr, intern(&p->strings, name), "", IR_GLOBAL_DEFINED | IR_GLOBAL_POINTER | flags, loc, 0};
        vec_push(&p->link.globals, g);
        strmap_put(&p->link.global_by_usr, iusr, (void *)(uintptr_t)p->link.globals.len);
        p->link.nsynth_globals++;
    }
    IrPath path;
    memset(&path, 0, sizeof path);
    path.root = IR_ROOT_GLOBAL;
    path.usr = iusr;
    path.name = intern(&p->strings, name);
    return path;
}

const Global *program_hidden_state(const Program *p, const ApiModel *api) {
    if (!api || api->kind != API_THREAD_UNSAFE) return NULL;
    char usr[256];
    hidden_state_usr(api, usr, sizeof usr);
    uintptr_t g = (uintptr_t)strmap_get(&p->link.global_by_usr, usr);
    return g ? &p->link.globals.data[g - 1] : NULL;
}

/* A thread-unsafe library function borrows hidden state (a static buffer,
 * a seed, the environment) on every call: each call is an access to a
 * pseudo global standing for that state (accesses.c), so that the ordering
 * rules and locksets of data-race judge two calls exactly as two accesses
 * (rule thread-unsafe-call). Created before points-to makes the objects. */
static void hidden_states(Program *p) {
    for (size_t i = 0; i < p->link.calls.len; i++) {
        const CallInfo *ci = &p->link.calls.data[i];
        if (ci->kind != CALL_API || ci->api->kind != API_THREAD_UNSAFE) continue;
        char usr[256], name[256];
        hidden_state_usr(ci->api, usr, sizeof usr);
        if (strmap_get(&p->link.global_by_usr, usr)) continue;
        snprintf(name, sizeof name, "libc:%s", ci->api->state ? ci->api->state : ci->api->name);
        const char *iusr = intern(&p->strings, usr);
        Global g = {iusr, intern(&p->strings, name), "", IR_GLOBAL_DEFINED | IR_GLOBAL_HIDDEN_STATE, {0}, 0};
        vec_push(&p->link.globals, g);
        strmap_put(&p->link.global_by_usr, iusr, (void *)(uintptr_t)p->link.globals.len);
    }
}

void program_classify_calls(Program *p) {
    for (size_t i = 0; i < p->link.funcs.len; i++) classify_calls(p, &p->link.funcs.data[i]);
    atomic_sections(p);
    hidden_states(p);
}

void model_free(Program *p) {
    vec_free(&p->link.funcs);
    for (size_t i = 0; i < p->pt.funcs.len; i++) idset_free(&p->pt.funcs.data[i].callers);
    vec_free(&p->pt.funcs);
    for (size_t i = 0; i < p->lock.summaries.len; i++) {
        LockSummary *s = &p->lock.summaries.data[i];
        idset_free(&s->acq_locks);
        idset_free(&s->cond_locks);
        idset_free(&s->rel_nodes);
        idset_free(&s->rel_locks);
        idset_free(&s->must_rel);
        idset_free(&s->jmp_locks);
    }
    vec_free(&p->lock.summaries);
    free(p->tm.elem_spawns);
    vec_free(&p->link.globals);
    for (size_t i = 0; i < p->link.calls.len; i++) idset_free(&p->link.calls.data[i].targets);
    vec_free(&p->link.calls);
    vec_free(&p->link.bottom_up);
    vec_free(&p->pt.objs);
    for (size_t i = 0; i < p->pt.nodes.len; i++) idset_free(&p->pt.nodes.data[i].pts);
    vec_free(&p->pt.nodes);
    for (size_t i = 0; i < p->lock.refs.len; i++) idset_free(&p->lock.refs.data[i].nodes);
    vec_free(&p->lock.refs);
    for (size_t i = 0; i < p->lock.swap_lists.len; i++) free(p->lock.swap_lists.data[i]);
    vec_free(&p->lock.swap_lists);
    u64map_free(&p->lock.swaps);
    u64map_free(&p->lock.chains);
    for (size_t i = 0; i < p->tm.threads.len; i++) {
        Thread *t = &p->tm.threads.data[i];
        idset_free(&t->routines);
        idset_free(&t->live_at_spawn);
        idset_free(&t->ever_at_spawn);
        idset_free(&t->funcs);
        idset_free(&t->ends_joined);
        idset_free(&t->inside);
    }
    vec_free(&p->tm.threads);
    for (size_t i = 0; i < p->sets.len; i++) idset_free(&p->sets.data[i]);
    vec_free(&p->sets);
    vec_free(&p->tm.accesses);
    vec_free(&p->tm.acquisitions);
    vec_free(&p->tm.hold_pairs);
    idset_free(&p->tm.guard_nodes);
    idset_free(&p->tm.handle_returners);
    for (size_t i = 0; i < p->tm.guard_nfuncs; i++) {
        if (p->tm.guard_writes) idset_free(&p->tm.guard_writes[i]);
        if (p->tm.guard_gens) idset_free(&p->tm.guard_gens[i]);
    }
    free(p->tm.guard_writes);
    free(p->tm.guard_gens);
    free(p->tm.guard_elem);
    free(p->tm.guard_monotone);
    modes_free(p);
    idset_free(&p->tm.pins_used);
    idset_free(&p->tm.pins_bad);
    u64map_free(&p->tm.guard_fills);
    for (size_t i = 0; i < p->tm.nfill_sites; i++) idset_free(&p->tm.fill_sites[i]);
    free(p->tm.fill_sites);
    u64map_free(&p->tm.guard_match_cache);
    free(p->tm.returns_zero);
    u64map_free(&p->tm.hold_pair_ids);
    u64map_free(&p->tm.global_lock_by_node);
    facts_index_free(&p->facts);
    lockevents_free(&p->lev);
    if (p->defuse) ir_defuse_cache_free(p->defuse);
    strmap_free(&p->link.func_by_usr);
    strmap_free(&p->link.func_by_name);
    strmap_free(&p->pt.extfunc_by_name);
    strmap_free(&p->pt.unknown_typed);
    strmap_free(&p->link.global_by_usr);
    strmap_free(&p->lock.index);
    u64map_free(&p->lock.by_call);
    u64map_free(&p->link.callinfo);
    u64map_free(&p->pt.obj_index);
    u64map_free(&p->pt.field_ids);
    u64map_free(&p->pt.field_names);
    u64map_free(&p->pt.children);
    free(p->pt.mark);
    u64map_free(&p->pt.heap_sites);
    u64map_free(&p->set_index);
    u64map_free(&p->sync.sem_init);
    u64map_free(&p->tm.inst_locals);
    u64map_free(&p->tm.elem_ptr_fields);
    u64map_free(&p->tm.inst_seeded);
    vec_free(&p->tm.inst_seeds);
    u64map_free(&p->tm.const_slices);
    vec_free(&p->tm.const_slice_memo);
    u64map_free(&p->tm.unchecked_seen);
    u64map_free(&p->tm.once_sites);
    u64map_free(&p->tm.once_nodes);
    u64map_free(&p->tm.once_objs);
    u64map_free(&p->tm.once_tests);
    u64map_free(&p->tm.once_started);
    idset_free(&p->tm.once_flags);
    vec_free(&p->tm.once);
    u64map_free(&p->own.unpublished);
    for (size_t i = 0; i < p->own.unpublished_objs.len; i++) idset_free(&p->own.unpublished_objs.data[i]);
    vec_free(&p->own.unpublished_objs);
    u64map_free(&p->own.alias);
    u64map_free(&p->sync.ring_of);
    vec_free(&p->sync.rings);
    idset_free(&p->sync.rings_dropped);
    for (size_t i = 0; i < p->own.alias_objs.len; i++) idset_free(&p->own.alias_objs.data[i]);
    vec_free(&p->own.alias_objs);
    u64map_free(&p->own.unpublished_args);
    u64map_free(&p->own.arg_fresh);
    u64map_free(&p->own.param_prefix);
    u64map_free(&p->own.param_prefix_done);
    free(p->own.param_escapes);
    free(p->own.param_returns);
    free(p->own.param_content_escapes);
    u64map_free(&p->own.popped);
    u64map_free(&p->own.pop_args);
    u64map_free(&p->own.payloads);
    vec_free(&p->tm.debug_notes);
    u64map_free(&p->sync.users);
    u64map_free(&p->sync.sem_waits);
    u64map_free(&p->sync.countdowns);
    u64map_free(&p->sync.countdown_exits);
    u64map_free(&p->sync.count_events);
    u64map_free(&p->sync.release_events);
    u64map_free(&p->sync.fenced);
    u64map_free(&p->sync.countdown_goal);
    idset_free(&p->sync.claim_unsafe);
    u64map_free(&p->sync.wait_helpers);
    vec_free(&p->sync.wait_helper_list);
    idset_free(&p->sync.short_counts);
    u64map_free(&p->sync.counted_exits);
    u64map_free(&p->sync.counted_range);
    vec_free(&p->sync.counted_ranges);
    u64map_free(&p->sync.multi_posts);
    idset_free(&p->sync.waited_nodes);
    u64map_free(&p->sync.count_writes);
    vec_free(&p->sync.elem_flags);
    vec_free(&p->sync.relaxed_waits);
    vec_free(&p->sync.flag_sets);
    idset_free(&p->sync.counted_elems);
    u64map_free(&p->sync.elem_flag_slot);
    u64map_free(&p->sync.flag_other_posts);
    u64map_free(&p->sync.hb_sem_index);
    vec_free(&p->sync.hb_sems);
    idset_free(&p->sync.gates);
    idset_free(&p->sync.claim_counters);
    u64map_free(&p->sync.claim_vars);
    idset_free(&p->sync.perm_arrays);
    u64map_free(&p->sync.perm_vars);
    u64map_free(&p->sync.claim_perm_ids);
    u64map_free(&p->sync.sem_sites);
    u64map_free(&p->sync.ring_funcs);
    u64map_free(&p->sync.ring_cursors);
    u64map_free(&p->sync.const_globals);
    u64map_free(&p->sync.barrier_shift);
    u64map_free(&p->sync.const_params);
    vec_free(&p->sync.const_param_values);
    u64map_free(&p->sync.turn_exits);
    vec_free(&p->sync.turn_exit_v);
    u64map_free(&p->sync.turn_stores);
    idset_free(&p->sync.turn_kept);
    idset_free(&p->sync.turn_relaxed);
    idset_free(&p->sync.turn_funcs);
    idset_free(&p->sync.cond_lock_funcs);
    u64map_free(&p->sync.turn_specs);
    vec_free(&p->sync.turn_spec_v);
    idset_free(&p->sync.turn_busy);
    u64map_free(&p->sync.spin_stores);
    vec_free(&p->sync.flag_lock_events);
    u64map_free(&p->sync.flag_lock_index);
    u64map_free(&p->sync.flag_lock_words);
    u64map_free(&p->sync.lflag_stores);
    u64map_free(&p->sync.lflag_loads);
    u64map_free(&p->sync.lflag_value);
    u64map_free(&p->sync.flag_value);
    u64map_free(&p->sync.once_post_events);
    vec_free(&p->sync.once_posts);
    u64map_free(&p->sync.lflag_locks);
    idset_free(&p->sync.spin_words);
    u64map_free(&p->link.synth_api);
    u64map_free(&p->link.wrapper_api);
    u64map_free(&p->link.launched);
    vec_free(&p->link.launchers);
    interner_free(&p->strings);
    arena_free(p->arena);
}
