/*
 * pools.c - thread pools, event-loop work queues and spawn variants, rewritten
 * into the spawn and join calls the thread model already understands. Runs
 * once, after linking and before calls are classified, so points-to, the
 * lock analysis and the thread model see only plain events. The units' IR is
 * never modified: a function with something to rewrite gets a copy of its IR
 * in the program's arena.
 *
 * The pool is an object: the one the pool argument points to. A pool-new
 * that returns its pool (g_thread_pool_new, thpool_init) or stores it
 * through a pointer (apr_thread_pool_create) creates a pseudo global
 * "pool@file:line" for it (one per call site; one per function for
 * `singleton` models like uv_default_loop); the call's result, or the
 * pointed-to handle, is assigned its address.
 *
 *   submit(pool, routine, arg)  ->  spawn(&*pool, routine, arg), many instances
 *   submit(pool, item)          ->  spawn(&*pool, (*pool).<work>, item)
 *                                   where pool-new stored in (*pool).<work> a
 *                                   trampoline calling routine(item, arg)
 *   wait(pool)                  ->  join of every spawn with handle &*pool,
 *                                   then <after>(<after_arg>, 0)
 *   submit with `after`             stores the callback and arg in <after>
 *                                   and <after_arg> of a per-thread pseudo
 *                                   global (the waiter is the submitter's
 *                                   thread: libuv's loop thread)
 *
 * Thread-specific data: each key has a slot, a pseudo global flagged
 * thread-local ("<thread-specific data KEY>", one per key named by a
 * global's path, one for every other key), so each thread has its own:
 *
 *   set(key, v)        ->  set(key, v); slot := v
 *   r = get(key)       ->  r = get(key); r := slot   (or *value := slot)
 *
 * and what a thread stores there reaches no other thread through it.
 *
 * An `alloc` that stores its new object through a pointer argument instead
 * of returning it is named the same way as a pool.
 *
 * Event-loop callbacks (kinds callback-register, -attach, -run: libevent)
 * become stores into pseudo fields of the event and its loop, and a call of
 * what the loop holds where the loop runs (rewrite_callback). A barrier
 * built by hand from a mutex and a condition variable gets a barrier wait
 * on its counter after its unlock (hand_barrier); one built from
 * semaphores, after each passage of its turnstile (sem_barrier).
 *
 * A routine taking its argument in another parameter than the first
 * (`arg_param`, APR's func(thread, data)) is started through a trampoline
 * that calls it with the argument there. A spawn that returns its handle
 * (g_thread_new) whose result is stored at once (`t = g_thread_new(...)`)
 * becomes a spawn with the handle stored at that place, so joining `t` joins
 * it.
 *
 * Trampolines read the routine and the pool-level argument from a pseudo
 * global (one per site), so what they hold counts as shared, which it is.
 * PRECISION: pool work is always `many` (a pool runs each submission in any
 * of its threads, and a submission site is usually reached repeatedly);
 * after-work callbacks run once the waiter has joined all the pool's work
 * (uv_run returns after every callback), so they are ordered after every
 * work item, not only their own (docs/precision.md).
 */
#include "flow.h"
#include "../ir/builder.h"
#include "../ir/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Synth {
    IrEventId id;
    const ApiModel *model;
} Synth;

typedef struct HandBarrier {
    bool found;
    char mutex[256];  /* M, as written: the barrier is passed after its unlocks */
    char turnstile[2][256]; /* or (built from semaphores) after the waits on these */
    IrPath counter;   /* C */
    uint32_t block;   /* the increment's block and event */
    uint32_t event;
} HandBarrier;

typedef struct Rewriter {
    Program *p;
    IrBuilder *b;                  /* the function being rewritten */
    VEC(Synth) models;             /* the model of each synthesised call */
    bool has_after;                /* some model submits work with an after-work callback */
    const IrFunc *f;               /* the function being rewritten (its original IR) */
    HandBarrier *hb;               /* a barrier built by hand in it, or NULL */
    uint8_t *hb_reach;             /* blocks reachable from its increment */
    const ApiModel *hb_model;      /* the barrier wait added after its unlocks */
} Rewriter;

static void emit(Rewriter *rw, IrEvent ev, const ApiModel *model) {
    IrEventId id = ir_builder_emit(rw->b, ev);
    if (model) {
        Synth s = {id, model};
        vec_push(&rw->models, s);
    }
}

/* ---- building IR in the program's arena --------------------------------------- */

static IrPath path_field(Program *p, const IrPath *base, const char *field) {
    IrStep s = {.kind = IR_STEP_FIELD, .field = intern(&p->strings, field)};
    return ir_path_append(p->arena, base, s);
}

/* The path of the object an operand points to (&x -> x, p -> *p), as for a
 * lock argument; false when the operand is not a pointer path. */
static bool pointee_path(Program *p, const IrOperand *op, IrPath *out) {
    return flow_lock_path(p->arena, op, out);
}

static IrOperand opd_value(IrPath path) {
    return (IrOperand){.kind = IR_OPD_VALUE, .path = path};
}

static IrOperand opd_addr(IrPath path) {
    return (IrOperand){.kind = IR_OPD_ADDR, .path = path};
}

static IrOperand opd_const(int64_t v) {
    return (IrOperand){.kind = IR_OPD_CONST, .value = v};
}

static IrOperand opd_func(const IrFunc *f) {
    return (IrOperand){.kind = IR_OPD_FUNC, .usr = f->usr, .name = f->name};
}

static void emit_assign(Rewriter *rw, IrLoc loc, IrPath dst, IrOperand src) {
    ir_builder_emit_assign(rw->b, dst, src, IR_EV_POINTER, loc);
}

static IrCall *call_new(Program *p, const IrOperand *callee, uint32_t nargs, int32_t result) {
    IrCall *c = ARENA_NEW(p->arena, IrCall);
    c->callee = *callee;
    c->nargs = nargs;
    c->args = ARENA_ARRAY(p->arena, IrOperand, nargs ? nargs : 1);
    c->result = result;
    return c;
}

/* A call event whose meaning is `model` (classified through synth_api once
 * the events have their final addresses). */
static void emit_call(Rewriter *rw, IrLoc loc, IrCall *call, const ApiModel *model) {
    IrEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = IR_EV_CALL;
    ev.loc = loc;
    ev.call = call;
    emit(rw, ev, model);
}

static IrPath synth_global(Program *p, const char *usr, const char *name, IrLoc loc) {
    return program_synth_global(p, usr, name, loc, 0);
}

/* Where submissions leave their after-work callback and its argument for
 * the waiting thread: one object per thread (flagged thread-local), so a
 * request handed to the pool is not made shared by being remembered here. */
static IrPath after_work_slot(Program *p, IrLoc loc) {
    return program_synth_global(p, "racecheck:after-work", "<after-work callbacks>", loc, IR_GLOBAL_TLS);
}

static const char *site_name(const IrLoc *loc, char *buf, size_t n) {
    const char *file = loc->file ? loc->file : "?";
    const char *base = strrchr(file, '/');
    snprintf(buf, n, "%s:%u:%u", base ? base + 1 : file, loc->line, loc->col);
    return buf;
}

/* A trampoline started in a pool thread or spawned thread: it calls the
 * routine stored in slot.<routine> with its own parameter as argument number
 * `param`, the value in slot.<arg> as argument `param + 1` when pool_arg, and
 * 0 elsewhere. Named after the routine when it is known. */
static const IrFunc *trampoline(Program *p, IrPath slot, const IrOperand *routine, int param, bool pool_arg,
                                IrLoc loc) {
    char site[256];
    site_name(&loc, site, sizeof site);
    IrFunc *t = ARENA_NEW(p->arena, IrFunc);
    t->usr = arena_printf(p->arena, "racecheck:trampoline#%zu@%s", p->link.funcs.len, site);
    t->name = routine->kind == IR_OPD_FUNC && routine->name ? routine->name : "<pool work>";
    t->loc = loc;
    t->is_static = true;
    IrBuilder *b = ir_builder_new(p->arena);
    ir_builder_add_local(b, (IrLocal){"arg", "void *", IR_LOCAL_PARAM | IR_LOCAL_POINTER, loc});
    ir_builder_set_nparams(b, 1);
    IrOperand callee = opd_value(path_field(p, &slot, "<routine>"));
    uint32_t nargs = (uint32_t)param + (pool_arg ? 2 : 1);
    IrOperand *args = ARENA_ARRAY(p->arena, IrOperand, nargs);
    for (uint32_t i = 0; i < nargs; i++) args[i] = opd_const(0);
    args[param] = opd_value(ir_builder_local_path(b, 0));
    if (pool_arg) args[param + 1] = opd_value(path_field(p, &slot, "<arg>"));
    ir_builder_emit_call(b, callee, args, nargs, -1, loc);
    ir_builder_return(b, (IrOperand){.kind = IR_OPD_UNKNOWN}, loc);
    ir_builder_finish(b, t);
    ir_check_debug(t, "pools (trampoline)");
    program_add_func(p, t);
    return t;
}

/* The routine operand to start: the routine itself, or a trampoline when it
 * takes its argument elsewhere than in the first parameter. */
static IrOperand start_routine(Rewriter *rw, const IrOperand *routine, int arg_param, IrLoc loc) {
    if (arg_param <= 0) return *routine;
    char site[256];
    site_name(&loc, site, sizeof site);
    IrPath slot = synth_global(rw->p, NULL, arena_printf(rw->p->arena, "routine@%s", site), loc);
    emit_assign(rw, loc, path_field(rw->p, &slot, "<routine>"), *routine);
    return opd_func(trampoline(rw->p, slot, routine, arg_param, false, loc));
}

/* A spawn of routine(arg) with the handle stored where `handle` points (NULL:
 * no handle); `many` for pool work, join_all-able by the pool's handle. */
static void emit_spawn(Rewriter *rw, const IrEvent *orig, const ApiModel *m, const IrOperand *handle,
                       IrOperand routine, IrOperand arg, bool many) {
    ApiModel *sm = arena_memdup(rw->p->arena, m, sizeof *m);
    sm->kind = API_SPAWN;
    sm->handle = handle ? 0 : -1;
    sm->handle_by = HANDLE_POINTER;
    sm->routine = 1;
    sm->arg = 2;
    sm->arg_param = 0;
    sm->many = many;
    IrCall *c = call_new(rw->p, &orig->call->callee, 3, orig->call->result);
    c->args[0] = handle ? *handle : opd_const(0);
    c->args[1] = routine;
    c->args[2] = arg;
    emit_call(rw, orig->loc, c, sm);
}

static const IrOperand *arg_at(const IrEvent *ev, int i) {
    return i >= 0 && (uint32_t)i < ev->call->nargs ? &ev->call->args[i] : NULL;
}

/* ---- the rewrites --------------------------------------------------------------- */

static bool needs_rewrite(const ApiModel *m) {
    return m->kind == API_CALLBACK_REGISTER || m->kind == API_CALLBACK_ATTACH || m->kind == API_CALLBACK_RUN ||
           m->kind == API_POOL_NEW || m->kind == API_POOL_SUBMIT || m->kind == API_POOL_WAIT ||
           (m->kind == API_ALLOC && m->handle_by == HANDLE_POINTER) ||
           (m->kind == API_SPAWN && (m->handle_by == HANDLE_RETURN || m->arg_param > 0)) ||
           (m->kind == API_TSS && (m->tss_op == TSS_GET || m->tss_op == TSS_SET));
}

/* pool-new: name the pool object, and give it a trampoline running its
 * routine when it has one. An alloc storing its object through a pointer
 * (apr_thread_mutex_create(&m, ...)) names its object the same way
 * (PRECISION: one object per call site, a pseudo global). */
static void rewrite_pool_new(Rewriter *rw, const IrEvent *ev, const ApiModel *m) {
    Program *p = rw->p;
    char site[256];
    site_name(&ev->loc, site, sizeof site);
    emit(rw, *ev, NULL);
    IrPath pool;
    const IrOperand *h = arg_at(ev, m->handle);
    if (m->handle_by == HANDLE_VALUE) {
        if (!h || !pointee_path(p, h, &pool)) return;
    } else {
        IrPath dst;
        if (m->handle_by == HANDLE_RETURN && ev->call->result < 0) return;
        if (m->handle_by == HANDLE_POINTER && (!h || !pointee_path(p, h, &dst))) return;
        if (m->singleton)
            pool = synth_global(p, arena_printf(p->arena, "racecheck:singleton:%s", m->name),
                                arena_printf(p->arena, "%s()", m->name), ev->loc);
        else
            pool = program_synth_global(p, NULL,
                                        arena_printf(p->arena, "%s@%s", m->kind == API_ALLOC ? "object" : "pool", site),
                                        ev->loc, m->kind == API_ALLOC ? IR_GLOBAL_ALLOCATED : 0);
        if (m->handle_by == HANDLE_RETURN) dst = (IrPath){.root = IR_ROOT_TEMP, .id = (uint32_t)ev->call->result};
        emit_assign(rw, ev->loc, dst, opd_addr(pool));
    }
    const IrOperand *routine = arg_at(ev, m->routine);
    if (!routine) return;
    IrPath slot = synth_global(p, NULL, arena_printf(p->arena, "work@%s", site), ev->loc);
    emit_assign(rw, ev->loc, path_field(p, &slot, "<routine>"), *routine);
    const IrOperand *arg = arg_at(ev, m->arg);
    if (arg) emit_assign(rw, ev->loc, path_field(p, &slot, "<arg>"), *arg);
    const IrFunc *t = trampoline(p, slot, routine, 0, arg != NULL, ev->loc);
    emit_assign(rw, ev->loc, path_field(p, &pool, "<work>"), opd_func(t));
}

/* pool-submit: a many-instance spawn whose handle is the pool object. */
static void rewrite_submit(Rewriter *rw, const IrEvent *ev, const ApiModel *m) {
    Program *p = rw->p;
    const IrOperand *pool_op = arg_at(ev, m->pool), *r = arg_at(ev, m->routine);
    IrPath pool;
    if (!pool_op || !pointee_path(p, pool_op, &pool) || (m->routine >= 0 && !r)) {
        emit(rw, *ev, NULL);
        return;
    }
    IrOperand handle = opd_addr(pool), routine, arg = opd_const(0);
    const IrOperand *a = arg_at(ev, m->routine >= 0 ? m->arg : m->item);
    if (a) arg = *a;
    if (r) routine = start_routine(rw, r, m->arg_param, ev->loc);
    else routine = opd_value(path_field(p, &pool, "<work>"));
    emit_spawn(rw, ev, m, &handle, routine, arg, true);
    const IrOperand *after = arg_at(ev, m->after);
    if (after) {
        IrPath slot = after_work_slot(p, ev->loc);
        emit_assign(rw, ev->loc, path_field(p, &slot, "<after>"), *after);
        emit_assign(rw, ev->loc, path_field(p, &slot, "<after_arg>"), arg);
    }
}

/* pool-wait: join every task submitted to the pool, then run the after-work
 * callbacks submissions left in it. */
static void rewrite_wait(Rewriter *rw, const IrEvent *ev, const ApiModel *m) {
    Program *p = rw->p;
    const IrOperand *pool_op = arg_at(ev, m->pool), *w = arg_at(ev, m->wait_arg);
    IrPath pool;
    /* PRECISION: `wait` given as an expression the IR does not evaluate
     * (GLib's TRUE is `!FALSE`) counts as true; a variable as false */
    bool waits = m->wait_arg < 0 || (w && ((w->kind == IR_OPD_CONST && w->value != 0) || w->kind == IR_OPD_UNKNOWN));
    if (!waits || !pool_op || !pointee_path(p, pool_op, &pool)) {
        emit(rw, *ev, NULL);
        return;
    }
    ApiModel *jm = arena_memdup(p->arena, m, sizeof *m);
    jm->kind = API_JOIN;
    jm->handle = 0;
    jm->handle_by = HANDLE_POINTER;
    jm->join_all = true;
    IrCall *c = call_new(p, &ev->call->callee, 1, ev->call->result);
    c->args[0] = opd_addr(pool);
    emit_call(rw, ev->loc, c, jm);
    if (!rw->has_after) return;
    IrPath slot = after_work_slot(p, ev->loc);
    IrOperand callee = opd_value(path_field(p, &slot, "<after>"));
    IrCall *ac = call_new(p, &callee, 2, -1);
    ac->args[0] = opd_value(path_field(p, &slot, "<after_arg>"));
    ac->args[1] = opd_const(0);
    emit_call(rw, ev->loc, ac, NULL);
}

/* A spawn returning its handle, or passing its argument in another
 * parameter than the first. */
static void rewrite_spawn(Rewriter *rw, const IrBlock *bb, uint32_t e, const ApiModel *m) {
    const IrEvent *ev = &bb->events[e];
    const IrOperand *r = arg_at(ev, m->routine), *a = arg_at(ev, m->arg), *h = arg_at(ev, m->handle);
    if (!r) {
        emit(rw, *ev, NULL);
        return;
    }
    IrOperand handle;
    bool has_handle = false;
    if (m->handle_by == HANDLE_RETURN) {
        /* `t = g_thread_new(...)`: the handle is stored at t */
        for (uint32_t k = e + 1; k < bb->nevents && ev->call->result >= 0 && !has_handle; k++) {
            const IrEvent *x = &bb->events[k];
            if (x->kind == IR_EV_ASSIGN && x->src->kind == IR_OPD_VALUE && x->src->path.root == IR_ROOT_TEMP &&
                !x->src->path.nsteps && x->src->path.id == (uint32_t)ev->call->result) {
                handle = opd_addr(x->path);
                has_handle = true;
            }
        }
    } else if (h) {
        handle = *h;
        has_handle = true;
    }
    IrOperand routine = start_routine(rw, r, m->arg_param, ev->loc);
    emit_spawn(rw, ev, m, has_handle ? &handle : NULL, routine, a ? *a : opd_const(0), m->many);
}

/* The thread-local slot of a thread-specific data key: one per key named by
 * a path rooted at a global (`key`, `&priv`, `keys.log`), one shared by
 * every other key (PRECISION: their values are merged). */
static IrPath tss_slot(Program *p, const IrOperand *key, IrLoc loc) {
    if (key && (key->kind == IR_OPD_VALUE || key->kind == IR_OPD_ADDR) && key->path.root == IR_ROOT_GLOBAL &&
        key->path.usr) {
        bool plain = true;
        for (uint32_t i = 0; i < key->path.nsteps; i++) plain &= key->path.steps[i].kind == IR_STEP_FIELD;
        if (plain) {
            char spelled[256], usr[512], name[300];
            ir_path_str(NULL, &key->path, spelled, sizeof spelled);
            snprintf(usr, sizeof usr, "racecheck:tss:%s:%s", key->path.usr, spelled);
            snprintf(name, sizeof name, "<thread-specific data %s>", spelled);
            return program_synth_global(p, usr, name, loc, IR_GLOBAL_TLS);
        }
    }
    return program_synth_global(p, "racecheck:tss", "<thread-specific data>", loc, IR_GLOBAL_TLS);
}

static void rewrite_tss(Rewriter *rw, const IrEvent *ev, const ApiModel *m) {
    Program *p = rw->p;
    emit(rw, *ev, NULL);
    IrPath slot = tss_slot(p, arg_at(ev, m->key), ev->loc);
    if (m->tss_op == TSS_SET) {
        const IrOperand *v = arg_at(ev, m->value);
        if (v && (v->kind == IR_OPD_VALUE || v->kind == IR_OPD_ADDR || v->kind == IR_OPD_FUNC))
            emit_assign(rw, ev->loc, slot, *v);
    } else if (m->value >= 0) {
        IrPath dst;
        const IrOperand *out = arg_at(ev, m->value);
        if (out && pointee_path(p, out, &dst)) emit_assign(rw, ev->loc, dst, opd_value(slot));
    } else if (ev->call->result >= 0) {
        IrPath r;
        memset(&r, 0, sizeof r);
        r.root = IR_ROOT_TEMP;
        r.id = (uint32_t)ev->call->result;
        emit_assign(rw, ev->loc, r, opd_value(slot));
    }
}

/* Event-loop callbacks (libevent's event_set / event_base_set /
 * event_base_loop): an event object keeps its callback and argument in
 * pseudo fields, attaching it to a loop copies them into the loop's, and
 * running the loop calls what the loop holds, in the running thread:
 *
 *   register(ev, cb, arg)  ->  (*ev).<callback> = cb; (*ev).<callback_arg> = arg
 *   attach(loop, ev)       ->  (*loop).<callback> = (*ev).<callback>; the same for the arg
 *   run(loop)              ->  (*loop).<callback>(0, .., (*loop).<callback_arg>, ..)
 *
 * with the argument at the callback's parameter arg_param. A loop argument
 * not given (-1) is the library's default loop, one pseudo global.
 * PRECISION: the fields are flow-insensitive like all of points-to: a
 * callback attached to a loop at any time runs at every run of it, and the
 * events of one allocation site share one callback field. */
static IrPath callback_loop(Rewriter *rw, const IrEvent *ev, int index, bool *ok) {
    IrPath loop;
    memset(&loop, 0, sizeof loop);
    const IrOperand *op = arg_at(ev, index);
    *ok = true;
    if (index < 0) return synth_global(rw->p, "racecheck:callbacks:default-loop", "<default event loop>", ev->loc);
    *ok = op && pointee_path(rw->p, op, &loop);
    return loop;
}

static void rewrite_callback(Rewriter *rw, const IrEvent *ev, const ApiModel *m) {
    Program *p = rw->p;
    emit(rw, *ev, NULL);
    bool ok;
    IrPath obj = callback_loop(rw, ev, m->object, &ok);
    if (!ok) return;
    IrPath cb = path_field(p, &obj, "<callback>"), cb_arg = path_field(p, &obj, "<callback_arg>");
    if (m->kind == API_CALLBACK_REGISTER) {
        const IrOperand *r = arg_at(ev, m->routine), *a = arg_at(ev, m->arg);
        if (r) emit_assign(rw, ev->loc, cb, *r);
        if (r && a) emit_assign(rw, ev->loc, cb_arg, *a);
    } else if (m->kind == API_CALLBACK_ATTACH) {
        IrPath from;
        const IrOperand *f = arg_at(ev, m->from);
        if (!f || !pointee_path(p, f, &from)) return;
        emit_assign(rw, ev->loc, cb, opd_value(path_field(p, &from, "<callback>")));
        emit_assign(rw, ev->loc, cb_arg, opd_value(path_field(p, &from, "<callback_arg>")));
    } else {
        IrOperand callee = opd_value(cb);
        uint32_t param = m->arg_param > 0 ? (uint32_t)m->arg_param : 0;
        IrCall *c = call_new(p, &callee, param + 1, -1);
        for (uint32_t i = 0; i <= param; i++) c->args[i] = opd_const(0);
        c->args[param] = opd_value(cb_arg);
        emit_call(rw, ev->loc, c, NULL);
    }
}

/* ---- barriers built by hand ---------------------------------------------------- */

/* A function is a barrier built from a mutex and a condition variable
 * when, with mutex M locked, it increments a shared counter C (a
 * read-modify-write: `arrived++`, `b->count += 1`), and waits on a
 * condition variable with M inside a loop that reads C or another location
 * the function increments (a generation: `while (gen == b->gen)`), and
 * signals that condition variable (the last to arrive broadcasts):
 *
 *     lock(&m); arrived++;
 *     if (arrived == N) broadcast(&c); else while (arrived < N) wait(&c, &m);
 *     unlock(&m);
 *
 * Every thread calling it waits there until all have arrived: after each
 * unlock of M that follows the increment, a barrier wait on C is added
 * (`barrier-wait` semantics: accesses before the k-th passage of every
 * participant happen before those after the (k+1)-th, docs/precision.md).
 * PRECISION: a hand-off that also counts (`pending++; signal; while
 * (pending) wait`) has the same shape and is taken for a barrier among the
 * threads calling it. */


static const ApiModel *api_at(const Program *p, const IrEvent *ev) {
    return ev->kind == IR_EV_CALL && ev->call ? program_api_for(p, &ev->call->callee) : NULL;
}

/* The path an API argument points to, as written ("m", "(*b).m"). */
static bool arg_spelled(Program *p, const IrFunc *f, const IrEvent *ev, int arg, char *buf, size_t n) {
    IrPath path;
    const IrOperand *op = arg_at(ev, arg);
    if (!op || !pointee_path(p, op, &path)) return false;
    ir_path_str(f, &path, buf, n);
    return true;
}

/* The lock a lock model's call names, spelled: its lock argument's
 * pointee with the model's field steps (a detected `bar_lock(b)` locking
 * `&b->m`: b->m). */
static bool lock_spelled(Program *p, const IrFunc *f, const IrEvent *ev, const ApiModel *m, char *buf, size_t n) {
    IrPath path;
    if (!ev->call || !flow_api_lock_path(p->arena, m, ev->call, &path)) return false;
    ir_path_str(f, &path, buf, n);
    return true;
}

static bool shared_path(const IrPath *path) {
    if (path->root == IR_ROOT_GLOBAL) return true;
    for (uint32_t i = 0; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_DEREF) return true;
    return false;
}

/* A read-modify-write of memory other than the frame's own (`count++`,
 * `b->gen += 1`): a barrier's counter. */
static bool shared_increment(const IrEvent *w) {
    return w->kind == IR_EV_WRITE && (w->flags & IR_EV_RMW) && shared_path(&w->path);
}

static HandBarrier hand_barrier(Program *p, const IrFunc *f) {
    HandBarrier hb;
    memset(&hb, 0, sizeof hb);
    char locked[4][256], waited_mutex[256] = "", waited_cond[256] = "", signalled[256] = "";
    int nlocked = 0, wait_loop = -1;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            const ApiModel *m = api_at(p, ev);
            if (!m) continue;
            if (m->kind == API_LOCK && nlocked < 4 && lock_spelled(p, f, ev, m, locked[nlocked], 256)) nlocked++;
            if (m->kind == API_COND_WAIT && f->blocks[b].loop >= 0 &&
                arg_spelled(p, f, ev, m->mutex, waited_mutex, sizeof waited_mutex) &&
                arg_spelled(p, f, ev, m->cond, waited_cond, sizeof waited_cond))
                wait_loop = f->blocks[b].loop;
            if (m->kind == API_COND_SIGNAL) arg_spelled(p, f, ev, m->cond, signalled, sizeof signalled);
        }
    bool mutex_locked = false;
    for (int i = 0; i < nlocked; i++) mutex_locked |= !strcmp(locked[i], waited_mutex);
    if (wait_loop < 0 || !mutex_locked || !signalled[0] || strcmp(signalled, waited_cond)) return hb;
    /* an increment of a shared location that the wait's loop reads */
    for (uint32_t b = 0; b < f->nblocks && !hb.found; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && !hb.found; e++) {
            const IrEvent *w = &f->blocks[b].events[e];
            if (!shared_increment(w)) continue;
            char ws[256], rs[256];
            ir_path_str(f, &w->path, ws, sizeof ws);
            for (uint32_t rb = 0; rb < f->nblocks && !hb.found; rb++) {
                int32_t l = f->blocks[rb].loop;
                while (l >= 0 && l != wait_loop) l = f->loops[l].parent;
                if (l != wait_loop) continue;
                for (uint32_t re = 0; re < f->blocks[rb].nevents && !hb.found; re++) {
                    const IrEvent *r = &f->blocks[rb].events[re];
                    if (r->kind != IR_EV_READ) continue;
                    ir_path_str(f, &r->path, rs, sizeof rs);
                    if (!strcmp(rs, ws)) {
                        hb.found = true;
                        hb.block = b;
                        hb.event = e;
                        hb.counter = w->path;
                        snprintf(hb.mutex, sizeof hb.mutex, "%s", waited_mutex);
                    }
                }
            }
        }
    return hb;
}

static uint8_t *reachable_blocks(const IrFunc *f, uint32_t from);

/* The same built from semaphores (the turnstile of "The Little Book of
 * Semaphores"):
 *
 *     sem_wait(&mutex); count++; if (count == N) sem_post(&turnstile);
 *     sem_post(&mutex); sem_wait(&turnstile); sem_post(&turnstile);
 *
 * a shared counter incremented between a wait and a post of one semaphore
 * M and tested elsewhere in the function, then a wait on another semaphore
 * T (a turnstile) that the function also posts: the barrier is passed after
 * each wait on a turnstile (two for the reusable two-phase form). */
static HandBarrier sem_barrier(Program *p, const IrFunc *f) {
    HandBarrier hb;
    memset(&hb, 0, sizeof hb);
    enum { MAXS = 8 };
    char waits[MAXS][256], posts[MAXS][256];
    uint32_t wblock[MAXS], wevent[MAXS];
    int nw = 0, np = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            const ApiModel *m = api_at(p, ev);
            if (!m) continue;
            if (m->kind == API_SEM_WAIT && !m->has_success && nw < MAXS &&
                arg_spelled(p, f, ev, m->sem, waits[nw], 256))
                wblock[nw] = b, wevent[nw] = e, nw++;
            if (m->kind == API_SEM_POST && np < MAXS && arg_spelled(p, f, ev, m->sem, posts[np], 256)) np++;
        }
    if (nw < 2 || np < 2) return hb;
    for (uint32_t b = 0; b < f->nblocks && !hb.found; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && !hb.found; e++) {
            const IrEvent *w = &f->blocks[b].events[e];
            if (!shared_increment(w)) continue;
            char ws[256], rs[256];
            ir_path_str(f, &w->path, ws, sizeof ws);
            bool tested = false;
            for (uint32_t rb = 0; rb < f->nblocks && !tested; rb++)
                for (uint32_t re = 0; re < f->blocks[rb].nevents && !tested; re++) {
                    const IrEvent *r = &f->blocks[rb].events[re];
                    if (r->kind != IR_EV_READ || (r->flags & IR_EV_RMW)) continue;
                    ir_path_str(f, &r->path, rs, sizeof rs);
                    tested = !strcmp(rs, ws);
                }
            if (!tested) continue;
            uint8_t *reach = reachable_blocks(f, b);
            /* the semaphores waited before the increment (it is reachable
             * from the wait) guard the count: M, never a turnstile */
            bool before[MAXS] = {0};
            for (int k = 0; k < nw; k++) {
                if (wblock[k] == b) {
                    before[k] = wevent[k] < e;
                    continue;
                }
                uint8_t *from = reachable_blocks(f, wblock[k]);
                before[k] = from[b] != 0;
                free(from);
            }
            int nt = 0;
            for (int i = 0; i < nw && nt < 2; i++) {
                if (!reach[wblock[i]] || (wblock[i] == b && wevent[i] < e)) continue;
                /* a turnstile: posted here, and not the semaphore guarding the count */
                bool posted = false, guard = false;
                for (int k = 0; k < np; k++) posted |= !strcmp(posts[k], waits[i]);
                for (int k = 0; k < nw; k++) guard |= before[k] && !strcmp(waits[k], waits[i]);
                bool mutex_around = false; /* M: waited before the count and posted */
                for (int k = 0; k < nw && !mutex_around; k++)
                    if (before[k] && strcmp(waits[k], waits[i]))
                        for (int q = 0; q < np && !mutex_around; q++) mutex_around = !strcmp(posts[q], waits[k]);
                bool dup = false;
                for (int k = 0; k < nt; k++) dup |= !strcmp(hb.turnstile[k], waits[i]);
                if (posted && !guard && mutex_around && !dup) snprintf(hb.turnstile[nt++], 256, "%s", waits[i]);
            }
            free(reach);
            if (nt) {
                hb.found = true;
                hb.block = b;
                hb.event = e;
                hb.counter = w->path;
            }
        }
    return hb;
}

/* Blocks reachable from block `from` (itself included), as a bitmap. */
static uint8_t *reachable_blocks(const IrFunc *f, uint32_t from) {
    uint8_t *seen = calloc(f->nblocks ? f->nblocks : 1, 1);
    uint32_t *stack = malloc((f->nblocks ? f->nblocks : 1) * sizeof(uint32_t)), n = 0;
    seen[from] = 1;
    stack[n++] = from;
    while (n) {
        uint32_t b = stack[--n];
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
            if (!seen[f->blocks[b].succ[s]]) seen[f->blocks[b].succ[s]] = 1, stack[n++] = f->blocks[b].succ[s];
    }
    free(stack);
    return seen;
}

static const ApiModel *hand_barrier_model(Program *p) {
    static const char name[] = "<barrier built from a mutex and a condition variable>";
    ApiModel *m = ARENA_NEW(p->arena, ApiModel);
    memset(m, 0, sizeof *m);
    m->name = name;
    m->kind = API_BARRIER_WAIT;
    m->barrier = 0;
    m->routine = m->arg = m->handle = m->lock = m->mutex = m->cond = m->sem = -1;
    m->value = m->object = m->pool = m->item = m->after = m->wait_arg = m->key = m->from = m->expected = -1;
    m->variadic_from = m->variadic_format = m->returns = -1;
    return m;
}

static const ApiModel *rewrite_model(const Program *p, const IrEvent *ev) {
    if (ev->kind != IR_EV_CALL || !ev->call) return NULL;
    const ApiModel *m = program_api_for(p, &ev->call->callee);
    return m && needs_rewrite(m) ? m : NULL;
}

static bool has_rewrites(const Program *p, const IrFunc *f) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++)
            if (rewrite_model(p, &f->blocks[b].events[e]))
                return true;
    return false;
}

static void rewrite_block(Rewriter *rw, const IrBlock *bb, uint32_t blk) {
    Program *p = rw->p;
    ir_builder_clear_events(rw->b, blk);
    ir_builder_enter(rw->b, blk);
    for (uint32_t e = 0; e < bb->nevents; e++) {
        const IrEvent *ev = &bb->events[e];
        const ApiModel *m = rewrite_model(p, ev);
        if (!m) emit(rw, *ev, NULL);
        else if (m->kind == API_POOL_NEW || m->kind == API_ALLOC) rewrite_pool_new(rw, ev, m);
        else if (m->kind == API_POOL_SUBMIT) rewrite_submit(rw, ev, m);
        else if (m->kind == API_POOL_WAIT) rewrite_wait(rw, ev, m);
        else if (m->kind == API_TSS) rewrite_tss(rw, ev, m);
        else if (m->kind == API_CALLBACK_REGISTER || m->kind == API_CALLBACK_ATTACH || m->kind == API_CALLBACK_RUN)
            rewrite_callback(rw, ev, m);
        else rewrite_spawn(rw, bb, e, m);
        if (rw->hb && rw->hb_reach[blk] && (blk != rw->hb->block || e > rw->hb->event)) {
            const ApiModel *um = api_at(p, ev);
            char sp[256];
            bool passes = false;
            if (um && um->kind == API_UNLOCK && rw->hb->mutex[0])
                passes = lock_spelled(p, rw->f, ev, um, sp, sizeof sp) && !strcmp(sp, rw->hb->mutex);
            if (um && um->kind == API_SEM_WAIT && !rw->hb->mutex[0] && arg_spelled(p, rw->f, ev, um->sem, sp, sizeof sp) &&
                (!strcmp(sp, rw->hb->turnstile[0]) || !strcmp(sp, rw->hb->turnstile[1]))) {
                /* the passage every thread makes: the wait followed by the
                 * post of the same turnstile (not the last one's wait on the
                 * other turnstile inside its `if`) */
                for (uint32_t k = e + 1; k < bb->nevents; k++) {
                    const IrEvent *nx = &bb->events[k];
                    if (nx->kind != IR_EV_CALL) continue;
                    const ApiModel *pm = api_at(p, nx);
                    char ps[256];
                    passes = pm && pm->kind == API_SEM_POST && arg_spelled(p, rw->f, nx, pm->sem, ps, sizeof ps) &&
                             !strcmp(ps, sp);
                    break;
                }
            }
            if (passes) {
                IrOperand callee = {.kind = IR_OPD_FUNC, .usr = "", .name = rw->hb_model->name};
                IrCall *c = call_new(p, &callee, 1, -1);
                c->args[0] = opd_addr(rw->hb->counter);
                emit_call(rw, ev->loc, c, rw->hb_model);
            }
        }
    }
}

void pools_desugar(Program *p) {
    Rewriter rw;
    memset(&rw, 0, sizeof rw);
    rw.p = p;
    size_t nm;
    const ApiModel **all = apimodels_sorted(p->models, &nm);
    for (size_t i = 0; i < nm; i++) rw.has_after |= all[i]->kind == API_POOL_SUBMIT && all[i]->after >= 0;
    free(all);
    size_t n = p->link.funcs.len; /* trampolines added below need no rewriting */
    for (size_t i = 0; i < n; i++) {
        const IrFunc *f = p->link.funcs.data[i].ir;
        HandBarrier hb = hand_barrier(p, f);
        if (!hb.found) hb = sem_barrier(p, f);
        if (!has_rewrites(p, f) && !hb.found) continue;
        rw.f = f;
        rw.hb = hb.found ? &hb : NULL;
        rw.hb_reach = hb.found ? reachable_blocks(f, hb.block) : NULL;
        if (hb.found && !rw.hb_model) rw.hb_model = hand_barrier_model(p);
        rw.b = ir_builder_edit(p->arena, f);
        rw.models.len = 0;
        for (uint32_t b = 0; b < f->nblocks; b++) rewrite_block(&rw, &f->blocks[b], b);
        IrFunc *copy = ir_builder_finish(rw.b, NULL);
        for (size_t k = 0; k < rw.models.len; k++)
            u64map_put(&p->link.synth_api, (uint64_t)(uintptr_t)ir_event_at(copy, rw.models.data[k].id),
                       (uint64_t)(uintptr_t)rw.models.data[k].model);
        ir_check_debug(copy, "pools");
        p->link.funcs.data[i].ir = copy;
        free(rw.hb_reach);
        rw.hb_reach = NULL;
    }
    vec_free(&rw.models);
}
