/*
 * roots.c - the roots of the analysis and what they reach.
 *
 * The roots are main, the --entry functions, the initialisers of globals
 * (the "<init>" pseudo-function) and, in library mode, every exported
 * function. A function is reachable from them by direct calls or by being
 * used as a value (a function pointer, a thread routine) in reachable code;
 * only reachable code takes part in the whole-program phase.
 *
 * Library mode (--library): which functions it starts threads in.
 *
 * A thread-safe library promises that its exported functions may be called
 * from any number of threads at once. Library mode models that user: every
 * defined function with external linkage, except main, is the routine of a
 * root thread with many instances, and all roots may run in parallel
 * (threads_build creates them; roots_mark_reachable starts reachability
 * from them). The library's synchronisation primitives (functions that
 * only wrap a thread API, wrappers.c, or that an API model of the rules
 * describes as a lock, wait, signal, semaphore, join, once or spawn) are
 * not roots: to the library's users they are that API. Static functions
 * are reached only through calls or function values,
 * as in a program; synthetic functions (the "<init>" pseudo-function, pool
 * trampolines) are never roots.
 */
#include "model.h"

#include <string.h>

/* A synchronisation primitive of the analysed library, by its API model. */
static bool is_sync_primitive(const ApiModel *m) {
    switch (m->kind) {
    case API_LOCK: case API_TRYLOCK: case API_UNLOCK: case API_COND_WAIT: case API_COND_SIGNAL:
    case API_SEM_POST: case API_SEM_WAIT: case API_SEM_INIT: case API_BARRIER_WAIT:
    case API_JOIN: case API_DETACH: case API_ONCE: case API_SPAWN:
        return true;
    default: return false;
    }
}

bool model_library_root(const Program *p, uint32_t func) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    /* hidden visibility: not exported from the library's shared object, so
     * only the library itself calls it (libuv's uv__search_path, built with
     * -fvisibility=hidden and called only on other platforms) */
    if (f->is_static || f->is_hidden || f->name[0] == '<' || !strcmp(f->name, "main")) return false;
    /* the library's own synchronisation primitives - wrappers of a thread
     * API (wrappers.c: libuv's uv_mutex_unlock) or functions the API models
     * describe (rules/libuv.json's uv_cond_timedwait) - are that API to the
     * library's users, modelled at their calls; a primitive's body alone
     * (an unlock of a mutex nobody locked, a wait whose predicate loop is
     * the caller's) is no thread of theirs */
    uint64_t w;
    if (u64map_get(&p->link.wrapper_api, func, &w)) return false;
    const ApiModel *m = p->models ? apimodels_find(p->models, f->name) : NULL;
    return !(m && is_sync_primitive(m));
}

typedef VEC(uint32_t) FuncWork;

static void reach(Program *p, FuncWork *work, uint32_t f) {
    if (p->link.funcs.data[f].reachable) return;
    p->link.funcs.data[f].reachable = true;
    vec_push(work, f);
}

/* A function used as a value (not called directly) is address-taken. */
static void reach_operand(Program *p, FuncWork *work, const IrOperand *o, bool as_value) {
    if (o->kind != IR_OPD_FUNC) return;
    uintptr_t idx = o->usr && o->usr[0] ? (uintptr_t)strmap_get(&p->link.func_by_usr, o->usr) : 0;
    if (!idx && o->name) {
        Func *f = program_func_by_name(p, o->name);
        if (f) idx = f->id + 1;
    }
    if (!idx) return;
    reach(p, work, (uint32_t)idx - 1);
    if (as_value) p->link.funcs.data[idx - 1].address_taken = true;
}

/* Functions reachable from the roots by direct calls or by being used as a
 * value (function pointers, thread routines) in reachable code. Code no root
 * can reach (other programs' mains in the same tree, dead helpers) is left
 * out of the whole-program phase. */
void roots_mark_reachable(Program *p, const ModelOptions *opt) {
    FuncWork work = {0};
    if (opt && opt->nentries) {
        for (size_t i = 0; i < opt->nentries; i++) {
            Func *f = program_func_by_name(p, opt->entries[i]);
            if (f) reach(p, &work, f->id);
        }
    } else if (!(opt && opt->library)) {
        Func *m = program_func_by_name(p, "main");
        if (m) reach(p, &work, m->id);
    }
    for (size_t i = 0; i < p->link.funcs.len; i++)
        if (!strcmp(p->link.funcs.data[i].ir->name, "<init>") || (opt && opt->library && model_library_root(p, (uint32_t)i)))
            reach(p, &work, (uint32_t)i);
    while (work.len) {
        const IrFunc *f = p->link.funcs.data[work.data[--work.len]].ir;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            const IrBlock *bb = &f->blocks[b];
            for (uint32_t e = 0; e < bb->nevents; e++) {
                const IrEvent *ev = &bb->events[e];
                if (ev->kind == IR_EV_ASSIGN) reach_operand(p, &work, ev->src, true);
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                reach_operand(p, &work, &ev->call->callee, false);
                for (uint32_t a = 0; a < ev->call->nargs; a++) reach_operand(p, &work, &ev->call->args[a], true);
            }
            if (bb->term.kind == IR_TERM_RETURN) reach_operand(p, &work, &bb->term.ret, true);
        }
    }
    vec_free(&work);
}

