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
 *   - it makes exactly one call to a spawn, join, detach, lock, unlock,
 *     trylock or once API (or to another wrapper), and otherwise calls only
 *     functions that are neither defined in the program nor modelled
 *     (perror, abort, fprintf ...);
 *   - every argument of that call the model uses (routine, handle, lock;
 *     `arg` may also be a constant) is one of its parameters passed
 *     unchanged, and it never writes those parameters - or, for a lock, a
 *     field of what one points to (`pthread_mutex_lock(&a->m)`: the model
 *     keeps the field steps, ApiModel.lock_steps, and each call locks its
 *     own argument's field, `acct_lock(to)` taking `to->m` in the caller:
 *     a helper called twice in one function names two locks there, where
 *     its own frame named one lock reached through both arguments);
 *   - it reads and writes nothing but its own locals (no globals, no memory
 *     through pointers), so dropping its body loses no access;
 *   - for a trylock, or a spawn returning its handle, it returns the API's
 *     result unchanged; for a once (libuv's `uv_once()`: `if
 *     (pthread_once(guard, callback)) abort();`), the once control is its
 *     first parameter, as the API's.
 * Detection repeats so a wrapper of a wrapper is found too. Declared
 * wrappers (the "wrappers" of .racecheck.json) are models with `wrapper`
 * set; they need none of these conditions.
 *
 * Allocation wrappers become `alloc` models the same way, so that each call
 * site of xmalloc is a heap object of its own instead of the one malloc
 * inside xmalloc (which merged every object of a program built on it):
 *
 *     void *xmalloc(size_t n) {
 *         void *p = malloc(n);
 *         if (!p) out_of_memory(n);   // a handler of the program's own
 *         return p;
 *     }
 *
 * A function is an allocation wrapper when
 *   - every return with a value returns the result of an `alloc` API whose
 *     handle is its return value (malloc, calloc, realloc, strdup ...) or
 *     of another allocation wrapper, through its locals only (or a
 *     constant: NULL), and at least one return does;
 *   - that fresh pointer is never stored into memory nor passed to a
 *     function the program defines (it is the caller's alone);
 *   - it writes no memory but its locals and the fresh object itself
 *     (`n->next = NULL` in a constructor: the object is not shared yet),
 *     only constants or arithmetic there (a value that may be a pointer,
 *     `n->next = next`, would be lost with the body: such a constructor is
 *     left to points-to's allocation wrappers, which keep it), and reads
 *     none but those and its parameters;
 *   - it calls, besides the allocation, only functions neither defined nor
 *     modelled (abort, fprintf, memset ...) and "quiet" program functions:
 *     ones that write nothing but their locals and call only such functions
 *     in turn (an out-of-memory handler printing a message and aborting).
 * SOUNDNESS: a quiet handler's reads (of `stderr`, say) are not checked at
 * the wrapper's call sites (the handler runs only when memory is out; it is
 * still analysed where the program calls it directly).
 *
 * Capsule launchers (a helper packing the routine and its argument into a
 * capsule for one fixed trampoline) are stage launchers', in launchers.c.
 */
#include "model.h"

#include <string.h>

static bool wrappable(ApiKind k) {
    return k == API_SPAWN || k == API_JOIN || k == API_DETACH || k == API_LOCK || k == API_UNLOCK ||
           k == API_TRYLOCK || k == API_ONCE;
}

int wrappers_forwarded_param(const IrFunc *f, const IrOperand *op) {
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

bool wrappers_param_written(const IrFunc *f, int param) {
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
    int k = wrappers_forwarded_param(f, op);
    if (k < 0 || wrappers_param_written(f, k)) return false;
    *index = k;
    return true;
}

/* A lock argument that is a field of what a parameter points to, spelled
 * `&a->m` (or `&a->s.m`): the parameter (unchanged) and the field steps
 * after its dereference; false for anything else. */
static bool map_lock_field(Program *p, const IrFunc *f, const IrCall *call, ApiModel *w) {
    if (w->lock < 0 || (uint32_t)w->lock >= call->nargs) return false;
    const IrOperand *op = &call->args[w->lock];
    if (op->kind != IR_OPD_ADDR || op->offset || ir_operand_narith(op) || op->path.root != IR_ROOT_LOCAL ||
        op->path.id >= f->nparams || op->path.nsteps < 2 || op->path.steps[0].kind != IR_STEP_DEREF ||
        wrappers_param_written(f, (int)op->path.id))
        return false;
    for (uint32_t i = 1; i < op->path.nsteps; i++)
        if (op->path.steps[i].kind != IR_STEP_FIELD) return false;
    w->lock = (int)op->path.id;
    w->lock_nsteps = op->path.nsteps - 1;
    w->lock_steps = arena_memdup(p->arena, op->path.steps + 1, w->lock_nsteps * sizeof(IrStep));
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
    /* the lock: a parameter, or a field of what one points to (`acct_lock(a)`
     * locking `&a->m`: each call names its own account's) */
    int lock = w.lock;
    bool lock_ok = map_index(f, call, &lock, false);
    if (lock_ok) w.lock = lock;
    else if ((w.kind == API_LOCK || w.kind == API_UNLOCK || w.kind == API_TRYLOCK) && !w.lock_nsteps)
        lock_ok = map_lock_field(p, f, call, &w);
    bool ok = map_index(f, call, &w.routine, false) && map_index(f, call, &w.arg, true) && lock_ok;
    if (ok && w.handle_by != HANDLE_RETURN) ok = map_index(f, call, &w.handle, false);
    if (ok && (w.kind == API_TRYLOCK || (w.kind == API_SPAWN && w.handle_by == HANDLE_RETURN)))
        ok = returns_result(f, call);
    /* a once's control is its first argument (flow.c): the wrapper's own
     * first parameter, forwarded unchanged */
    if (ok && w.kind == API_ONCE) {
        int ctl = 0;
        ok = map_index(f, call, &ctl, false) && ctl == 0;
    }
    if (!ok) return NULL;
    w.name = f->name;
    w.wraps = s.inner->wraps ? s.inner->wraps : s.inner->name;
    w.file = f->loc.file;
    w.wrapper = false;
    return arena_memdup(p->arena, &w, sizeof w);
}

/* ---- allocation wrappers ------------------------------------------------------ */

static const ApiModel *alloc_model(const Program *p, const IrOperand *callee) {
    const ApiModel *m = program_api_for(p, callee);
    return m && m->kind == API_ALLOC && m->handle_by == HANDLE_RETURN ? m : NULL;
}

static const IrFunc *defined_func(const Program *p, const IrOperand *callee) {
    if (callee->kind != IR_OPD_FUNC || !callee->usr || !callee->usr[0]) return NULL;
    uintptr_t idx = (uintptr_t)strmap_get(&p->link.func_by_usr, callee->usr);
    return idx ? p->link.funcs.data[idx - 1].ir : NULL;
}

/* A quiet function: writes nothing but its locals, calls only functions
 * neither defined nor modelled, or quiet ones (depth-limited). */
static bool quiet(const Program *p, const IrFunc *f, int depth) {
    if (!f->nblocks || depth > 3) return false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_CALL) {
                if (!ev->call || ev->call->callee.kind != IR_OPD_FUNC) return false;
                if (program_api_for(p, &ev->call->callee)) return false;
                const IrFunc *g = defined_func(p, &ev->call->callee);
                if (g && (g == f || !quiet(p, g, depth + 1))) return false;
            } else if (ev->kind != IR_EV_READ && touches_memory(ev)) {
                return false;
            }
        }
    return true;
}

/* The fresh pointer's flow through locals: keys (ir_plain_key) holding an
 * allocation's result, and those also assigned anything else. */
typedef struct Fresh {
    IdSet fresh, dirty;
    const ApiModel *inner; /* the first allocation's model */
} Fresh;

static bool is_fresh(const Fresh *fr, int64_t key) {
    return key >= 0 && idset_has(&fr->fresh, (uint32_t)key) && !idset_has(&fr->dirty, (uint32_t)key);
}

static const ApiModel *alloc_of(const Program *p, const IrEvent *ev) {
    const ApiModel *m = alloc_model(p, &ev->call->callee);
    if (m) return m;
    const IrFunc *g = defined_func(p, &ev->call->callee);
    if (!g) return NULL;
    uintptr_t idx = (uintptr_t)strmap_get(&p->link.func_by_usr, ev->call->callee.usr);
    uint64_t w;
    const ApiModel *wm = u64map_get(&p->link.wrapper_api, idx - 1, &w) ? (const ApiModel *)(uintptr_t)w : NULL;
    return wm && wm->kind == API_ALLOC && wm->handle_by == HANDLE_RETURN ? wm : NULL;
}

static void fresh_flow(const Program *p, const IrFunc *f, Fresh *fr) {
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind == IR_EV_CALL && ev->call && ev->call->result >= 0) {
                    const ApiModel *m = alloc_of(p, ev);
                    int64_t k = (int64_t)ev->call->result * 2 + 1; /* a temp's key */
                    if (m) {
                        idset_add(&fr->fresh, (uint32_t)k);
                        if (!fr->inner) fr->inner = m;
                    } else {
                        idset_add(&fr->dirty, (uint32_t)k);
                    }
                } else if (ev->kind == IR_EV_ASSIGN) {
                    int64_t dst = ir_plain_key(&ev->path);
                    if (dst < 0) continue;
                    int64_t src = ev->src->kind == IR_OPD_VALUE ? ir_plain_key(&ev->src->path) : -1;
                    if (src >= 0 && idset_has(&fr->fresh, (uint32_t)src)) {
                        idset_add(&fr->fresh, (uint32_t)dst);
                        if (idset_has(&fr->dirty, (uint32_t)src)) idset_add(&fr->dirty, (uint32_t)dst);
                    } else if (ev->src->kind != IR_OPD_CONST) {
                        idset_add(&fr->dirty, (uint32_t)dst);
                    }
                }
            }
}

/* Is the event's memory the fresh object (a path through a fresh local)? */
static bool on_fresh_object(const Fresh *fr, const IrEvent *ev) {
    if (ev->path.root != IR_ROOT_LOCAL && ev->path.root != IR_ROOT_TEMP) return false;
    IrPath root = ev->path;
    root.nsteps = 0;
    return is_fresh(fr, ir_plain_key(&root));
}

static bool uses_fresh(const Fresh *fr, const IrOperand *o) {
    return o->kind == IR_OPD_VALUE && (o->path.root == IR_ROOT_LOCAL || o->path.root == IR_ROOT_TEMP) &&
           idset_has(&fr->fresh, (uint32_t)ir_plain_key(&(IrPath){.root = o->path.root, .id = o->path.id}));
}

static ApiModel *alloc_wrapper_model(Program *p, const IrFunc *f) {
    Fresh fr = {{0}, {0}, NULL};
    fresh_flow(p, f, &fr);
    bool ok = fr.inner != NULL;
    for (uint32_t b = 0; b < f->nblocks && ok; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && ok; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            switch (ev->kind) {
            case IR_EV_CALL: {
                if (!ev->call || ev->call->callee.kind != IR_OPD_FUNC) {
                    ok = false;
                    break;
                }
                if (alloc_of(p, ev)) break;
                if (program_api_for(p, &ev->call->callee)) {
                    ok = false; /* a lock, a free, a spawn ...: not only an allocation */
                    break;
                }
                const IrFunc *g = defined_func(p, &ev->call->callee);
                if (!g) break; /* abort, fprintf, memset ... */
                if (g == f || !quiet(p, g, 0)) ok = false;
                for (uint32_t a = 0; a < ev->call->nargs && ok; a++)
                    if (uses_fresh(&fr, &ev->call->args[a])) ok = false; /* handed to the program */
                break;
            }
            case IR_EV_ASSIGN: {
                int64_t dst = ir_plain_key(&ev->path);
                if (dst >= 0) break; /* a local */
                if (!on_fresh_object(&fr, ev)) ok = false;
                else if (uses_fresh(&fr, ev->src)) ok = false; /* stored into itself: a cycle, keep it simple */
                /* a value that may be a pointer (`n->next = next`): the
                 * model would drop the store, points-to needs it
                 * (pointsto.c's allocation wrappers keep the body) */
                else if (ev->src->kind != IR_OPD_CONST && ev->src->kind != IR_OPD_UNKNOWN) ok = false;
                break;
            }
            case IR_EV_READ:
                if (touches_memory(ev) && !on_fresh_object(&fr, ev)) ok = false;
                break;
            default:
                if (touches_memory(ev) && !on_fresh_object(&fr, ev)) ok = false;
                break;
            }
        }
    bool returns_fresh = false;
    for (uint32_t b = 0; b < f->nblocks && ok; b++) {
        const IrTerm *t = &f->blocks[b].term;
        /* a return without a value is the implicit one at the end */
        if (t->kind != IR_TERM_RETURN || t->ret.kind == IR_OPD_CONST || t->ret.kind == IR_OPD_UNKNOWN) continue;
        int64_t k = t->ret.kind == IR_OPD_VALUE ? ir_plain_key(&t->ret.path) : -1;
        if (!is_fresh(&fr, k)) ok = false;
        else returns_fresh = true;
    }
    idset_free(&fr.fresh);
    idset_free(&fr.dirty);
    if (!ok || !returns_fresh) return NULL;
    ApiModel w = *fr.inner;
    w.name = f->name;
    w.wraps = fr.inner->wraps ? fr.inner->wraps : fr.inner->name;
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
            if (!w) w = alloc_wrapper_model(p, fn->ir);
            if (!w) continue;
            u64map_put(&p->link.wrapper_api, i, (uint64_t)(uintptr_t)w);
            changed = true;
        }
        if (!changed) break;
    }
}
