/*
 * wrappers.c - user functions that only forward their own parameters to a
 * thread API become API models of their own.
 *
 *     int start_thread(pthread_t *t, void *(*fn)(void *), void *arg) {
 *         int rc = pthread_create(t, NULL, fn, arg);
 *         if (rc) { perror("pthread_create"); abort(); }
 *         return rc;
 *     }
 *
 * is a `spawn` with handle 0, routine 1 and arg 2: every call of
 * start_thread is then a spawn site of its own, with its own routine and
 * handle, instead of one spawn site inside start_thread whose routine and
 * handle merge every caller's (which would make the threads unjoinable).
 *
 * A function is a wrapper when (checked on its IR, before calls are
 * classified):
 *   - it makes exactly one call to a spawn, join, detach, lock, unlock or
 *     trylock API (or to another wrapper), and otherwise calls only
 *     functions that are neither defined in the program nor modelled
 *     (perror, abort, fprintf ...);
 *   - every argument of that call the model uses (routine, handle, lock;
 *     `arg` may also be a constant) is one of its parameters passed
 *     unchanged, and it never writes those parameters;
 *   - it reads and writes nothing but its own locals (no globals, no memory
 *     through pointers), so dropping its body loses no access;
 *   - for a trylock, or a spawn returning its handle, it returns the API's
 *     result unchanged.
 * Detection repeats so a wrapper of a wrapper is found too. Declared
 * wrappers (the "wrappers" of .racecheck.json) are models with `wrapper`
 * set; they need none of these conditions.
 */
#include "model.h"

#include <string.h>

static bool wrappable(ApiKind k) {
    return k == API_SPAWN || k == API_JOIN || k == API_DETACH || k == API_LOCK || k == API_UNLOCK ||
           k == API_TRYLOCK;
}

/* The parameter an operand forwards unchanged, -1 when it is anything else. */
static int forwarded_param(const IrFunc *f, const IrOperand *op) {
    if (op->kind != IR_OPD_VALUE || op->offset || op->path.root != IR_ROOT_LOCAL || op->path.nsteps) return -1;
    return op->path.id < f->nparams ? (int)op->path.id : -1;
}

/* Does the event touch anything but the function's own locals and temps? */
static bool touches_memory(const IrEvent *ev) {
    if (ev->path.root != IR_ROOT_LOCAL && ev->path.root != IR_ROOT_TEMP) return true;
    for (uint32_t i = 0; i < ev->path.nsteps; i++)
        if (ev->path.steps[i].kind == IR_STEP_DEREF) return true;
    return false;
}

typedef struct Scan {
    const IrEvent *api_call;
    const ApiModel *inner;
    bool ok;
} Scan;

static void scan_events(const Program *p, const IrFunc *f, Scan *s) {
    s->api_call = NULL;
    s->inner = NULL;
    s->ok = true;
    for (uint32_t b = 0; b < f->nblocks && s->ok; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && s->ok; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL) {
                if (touches_memory(ev)) s->ok = false;
                continue;
            }
            if (!ev->call || ev->call->callee.kind != IR_OPD_FUNC) {
                s->ok = false;
                continue;
            }
            const ApiModel *m = program_api_for(p, &ev->call->callee);
            const char *usr = ev->call->callee.usr;
            bool defined = usr && usr[0] && strmap_get(&p->link.func_by_usr, usr);
            if (m && wrappable(m->kind) && !s->api_call) {
                s->api_call = ev;
                s->inner = m;
            } else if (m || defined) {
                s->ok = false;
            }
        }
    if (!s->api_call) s->ok = false;
}

/* Is a parameter written anywhere in f? */
static bool param_written(const IrFunc *f, int param) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if ((ev->kind == IR_EV_WRITE || ev->kind == IR_EV_ASSIGN) && ev->path.root == IR_ROOT_LOCAL &&
                ev->path.id == (uint32_t)param)
                return true;
        }
    return false;
}

/* Map the inner model's argument index to the wrapper's parameter; false
 * when the argument is not a forwarded parameter (a constant is allowed
 * where allow_const, and maps to -1). */
static bool map_index(const IrFunc *f, const IrCall *call, int *index, bool allow_const) {
    if (*index < 0) return true;
    if ((uint32_t)*index >= call->nargs) return false;
    const IrOperand *op = &call->args[*index];
    if (allow_const && op->kind == IR_OPD_CONST) {
        *index = -1;
        return true;
    }
    int k = forwarded_param(f, op);
    if (k < 0 || param_written(f, k)) return false;
    *index = k;
    return true;
}

/* Does every return with a value return the call's result unchanged? */
static bool returns_result(const IrFunc *f, const IrCall *call) {
    bool any = false;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const IrTerm *t = &f->blocks[b].term;
        if (t->kind != IR_TERM_RETURN || t->ret.kind == IR_OPD_UNKNOWN) continue;
        if (t->ret.kind != IR_OPD_VALUE || t->ret.path.root != IR_ROOT_TEMP || t->ret.path.nsteps ||
            call->result < 0 || t->ret.path.id != (uint32_t)call->result)
            return false;
        any = true;
    }
    return any;
}

static ApiModel *wrapper_model(Program *p, const Func *fn) {
    const IrFunc *f = fn->ir;
    Scan s;
    scan_events(p, f, &s);
    if (!s.ok) return NULL;
    const IrCall *call = s.api_call->call;
    ApiModel w = *s.inner;
    bool ok = map_index(f, call, &w.routine, false) && map_index(f, call, &w.arg, true) &&
              map_index(f, call, &w.lock, false);
    if (ok && w.handle_by != HANDLE_RETURN) ok = map_index(f, call, &w.handle, false);
    if (ok && (w.kind == API_TRYLOCK || (w.kind == API_SPAWN && w.handle_by == HANDLE_RETURN)))
        ok = returns_result(f, call);
    if (!ok) return NULL;
    w.name = f->name;
    w.wraps = s.inner->wraps ? s.inner->wraps : s.inner->name;
    w.file = f->loc.file;
    w.wrapper = false;
    return arena_memdup(p->arena, &w, sizeof w);
}

void wrappers_detect(Program *p) {
    for (int round = 0; round < 4; round++) {
        bool changed = false;
        for (size_t i = 0; i < p->link.funcs.len; i++) {
            Func *fn = &p->link.funcs.data[i];
            uint64_t v;
            if (!fn->ir->nblocks || !strcmp(fn->ir->name, "main") || u64map_get(&p->link.wrapper_api, i, &v)) continue;
            const ApiModel *declared = apimodels_find(p->models, fn->ir->name);
            if (declared && declared->wrapper) continue;
            ApiModel *w = wrapper_model(p, fn);
            if (!w) continue;
            u64map_put(&p->link.wrapper_api, i, (uint64_t)(uintptr_t)w);
            changed = true;
        }
        if (!changed) break;
    }
}
