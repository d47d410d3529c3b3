/*
 * launchers.c - stage launchers: capsule launchers, their call sites made
 * spawn sites of their own, and the joins through their thread objects.
 *
 * A function F that packs its routine parameter P and argument parameter A
 * into a capsule and spawns one fixed trampoline T that unpacks it (pigz's
 * yarn, libuv's former uv_thread_create):
 *
 *     static void *ignition(void *arg) {             // T
 *         struct capsule *c = arg;
 *         c->probe(c->payload);  free(c);  return NULL;
 *     }
 *     thread *launch(void (*probe)(void *), void *payload) {   // F
 *         struct capsule *c = malloc(sizeof *c);
 *         c->probe = probe;  c->payload = payload;
 *         thread *th = ...;  pthread_create(&th->id, NULL, ignition, c);
 *         ...;  return th;
 *     }
 *
 * Without more, every launched routine is one thread (T's, at F's one spawn
 * site) of many instances, which a join of any of them seems to end. F is a
 * launcher when
 *   - it makes exactly one spawn call, of a trampoline T the program
 *     defines, whose argument is a local pointer assigned once from a call
 *     (`c = malloc(..)`) or the address of a local struct (`&ctx`): the
 *     capsule;
 *   - it stores two of its parameters, passed unchanged and never written,
 *     into fields f and g of the capsule (`c->probe = probe`);
 *   - T makes exactly one call through x->f with x->g among its arguments,
 *     x being T's start parameter (never assigned) or a local assigned once
 *     from it, or a local struct copied once from what it points to
 *     (`ctx = *arg; ... ctx.entry(ctx.arg)`), or through locals assigned
 *     once from those fields (`fn = s->fn; a = s->arg; ...; fn(a)`);
 *   - F is not used as a function value (every call of it is seen).
 *
 * Then F's copy no longer spawns: where its spawn was it stores the capsule
 * in a pseudo global "<capsule of F>" (its address; a local struct capsule
 * is copied there whole). Each call of F becomes the call followed by a
 * spawn of the site's own copy of T, whose bound call calls the site's
 * routine with the site's argument (constants and functions as they are,
 * anything else through a per-site pseudo global "launch@file:line:col").
 * The copy takes no parameter: its start parameter is a local holding the
 * address of a per-site copy of F's capsule ("capsule@file:line:col", a
 * record copy of the capsule). So the thread is named after the routine, has its own
 * spawn site, instance count and joins, and runs T's whole body (its reads
 * of the capsule, its bookkeeping under a lock, its free) with the routine
 * in it. The site's routine, when the program defines it and it takes the
 * argument first, is also a routine of the thread whose start value is the
 * site's argument (threads.c): instances launched in a loop with
 * `&slots[i]` each have their own slot, as a spawn's do (instances.c).
 *
 * Handles. The thread's handle is the argument F forwards as its spawn's
 * handle (`th_create(&t, ..)`), or, when F returns the variable whose
 * address (or whose object's field) is the handle (`pthread_t t; ..;
 * return t;`, `&th->id` and `return th`), where the call site stores the
 * result (`k[i] = launch(..)`: a join of k[i] joins it; storing it is no
 * overwrite of a running thread's handle, threads.c); else none. F's own
 * handle (`th->id`: the node of F's thread objects) is the thread's group
 * node: a join of that node inside a loop (yarn's join_all walking its
 * thread list) joins every thread launched through F by the loop's exit.
 * Joiners: when the program has a launcher, a function whose one join call
 * joins `param->f..` (`pthread_join(ally->id)`) or `*param` gets, at each
 * call, a join of the argument first: of the variable the argument reads
 * (`join(wr)`: the thread whose result was stored in wr), or of what it
 * points to (`th_join(&t)`).
 *
 * PRECISION: the routine is also entered at the thread's start, so what the
 * trampoline holds or waited for before calling it is not known there; its
 * start values per site are not used (the trampoline calls it); the capsule
 * copy is one object per site, shared by that site's instances.
 * SOUNDNESS: a launcher touching its capsule after the spawn is not checked
 * against the thread (the thread reads its site's copy), nor is a local
 * struct capsule's address seen to escape (stack-escape: the launcher is
 * taken to wait until the thread has copied it, as such launchers do); a
 * joiner's accesses before its join count as after the thread ended; a join
 * of F's thread objects outside a loop joins none of the launched threads.
 */
#include "model.h"
#include "../ir/builder.h"
#include "../ir/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A launcher F, its trampoline T and what its call sites become (file
 * header). */
typedef struct Launcher {
    uint32_t func, tramp;
    int routine, arg;            /* F's parameters stored into the capsule */
    IrEventId spawn;             /* F's spawn of T */
    const ApiModel *model;       /* its model */
    int handle_param;            /* F's parameter forwarded as the handle, -1 */
    bool handle_returned;        /* the handle is `&h` or `&h->...` and F returns h */
    bool group;                  /* inner_handle names F's thread objects (launch_group) */
    IrOperand inner_handle;      /* the spawn's handle operand, in F's frame */
    IrPath slot;                 /* pseudo global holding F's capsule for the call sites' spawns:
                                    its address, or (struct_capsule) a copy of it */
    bool struct_capsule;         /* the capsule is a local struct passed by address */
    IrEventId bound;             /* T's call (x->f)(..., x->g, ...) */
    uint32_t bound_arg;          /* the argument x->g */
} Launcher;

/* A function joining through a thread object its parameter points to:
 * pthread_join(param->id) (by_pointer false: the variable holding the
 * object's address names the thread) or pthread_join(*param) (by_pointer:
 * what the argument points to). */
typedef struct Joiner {
    uint32_t func;
    int param;
    bool by_pointer;
    const ApiModel *model;
} Joiner;

/* Where a call site's spawn came from (link.launched, threads.c). */
typedef struct LaunchSite {
    uint32_t launcher;
    const IrOperand *group;      /* F's inner handle (its thread objects), or NULL */
    const char *routine;         /* the launched routine's name when the site names it */
    int32_t routine_func;        /* that routine when defined and taking the argument first, else -1 */
    const IrOperand *arg;        /* the site's argument for the routine (in the caller's frame) */
    bool call;                   /* the launcher's call itself, not the spawn after it */
} LaunchSite;

typedef struct Launchers {
    VEC(Launcher) l;
    VEC(Joiner) j;
} Launchers;

/* The model of a call event: one pools.c synthesised, else the callee's. */
static const ApiModel *api_of_event(const Program *p, const IrEvent *ev) {
    uint64_t v;
    if (u64map_get(&p->link.synth_api, (uint64_t)(uintptr_t)ev, &v)) return (const ApiModel *)(uintptr_t)v;
    return ev->call ? program_api_for(p, &ev->call->callee) : NULL;
}

static int32_t func_index(const Program *p, const IrOperand *callee) {
    if (callee->kind != IR_OPD_FUNC || !callee->usr || !callee->usr[0]) return -1;
    uintptr_t idx = (uintptr_t)strmap_get(&p->link.func_by_usr, callee->usr);
    return idx ? (int32_t)idx - 1 : -1;
}

/* A plain local (no steps, no arithmetic) in an operand: its index, else -1. */
static int plain_local(const IrOperand *op) {
    if (op->kind != IR_OPD_VALUE || op->offset || op->path.root != IR_ROOT_LOCAL || op->path.nsteps) return -1;
    return (int)op->path.id;
}

/* Is path `base` followed by exactly one FIELD step? Its field, else NULL. */
static const char *field_after(const IrPath *path, uint32_t root, uint32_t local, bool deref) {
    uint32_t n = deref ? 2 : 1;
    if (path->root != root || path->id != local || path->nsteps != n) return NULL;
    if (deref && path->steps[0].kind != IR_STEP_DEREF) return NULL;
    const IrStep *s = &path->steps[n - 1];
    return s->kind == IR_STEP_FIELD ? s->field : NULL;
}

/* How many times local v is the destination of a WRITE or ASSIGN. */
static uint32_t local_stores(const IrFunc *f, uint32_t v) {
    uint32_t n = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_ASSIGN && ev->path.root == IR_ROOT_LOCAL && ev->path.id == v && !ev->path.nsteps) n++;
        }
    return n;
}

/* Is local v assigned a call's result (`c = malloc(..)`: a fresh capsule
 * per call, as far as racecheck can tell)? */
static bool assigned_from_call(const IrFunc *f, uint32_t v) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_ASSIGN && ev->path.root == IR_ROOT_LOCAL && ev->path.id == v && !ev->path.nsteps)
                return ev->src->kind == IR_OPD_VALUE && ev->src->path.root == IR_ROOT_TEMP && !ev->src->path.nsteps;
        }
    return false;
}

/* The trampoline's copies of its start parameter: the parameter when never
 * assigned, and locals assigned once, from it (bit per local < 64). */
static uint64_t start_aliases(const IrFunc *t, uint32_t param) {
    uint64_t a = 0;
    if (param < 64 && !wrappers_param_written(t, (int)param)) a |= 1ULL << param;
    for (uint32_t b = 0; b < t->nblocks; b++)
        for (uint32_t e = 0; e < t->blocks[b].nevents; e++) {
            const IrEvent *ev = &t->blocks[b].events[e];
            int src = ev->kind == IR_EV_ASSIGN ? plain_local(ev->src) : -1;
            if (src != (int)param || ev->path.root != IR_ROOT_LOCAL || ev->path.nsteps || ev->path.id >= 64 ||
                ev->path.id < t->nparams || local_stores(t, ev->path.id) != 1)
                continue;
            a |= 1ULL << ev->path.id;
        }
    return a;
}

/* The trampoline's struct copies of the capsule: locals assigned once, the
 * whole of what a start alias points to (`ctx = *arg`, libuv). */
static uint64_t capsule_copies(const IrFunc *t, uint64_t aliases) {
    uint64_t c = 0;
    for (uint32_t b = 0; b < t->nblocks; b++)
        for (uint32_t e = 0; e < t->blocks[b].nevents; e++) {
            const IrEvent *ev = &t->blocks[b].events[e];
            if (ev->kind != IR_EV_ASSIGN || ev->src->kind != IR_OPD_VALUE || ev->src->offset ||
                ev->src->path.root != IR_ROOT_LOCAL || ev->src->path.id >= 64 || !(aliases >> ev->src->path.id & 1) ||
                ev->src->path.nsteps != 1 || ev->src->path.steps[0].kind != IR_STEP_DEREF ||
                ev->path.root != IR_ROOT_LOCAL || ev->path.nsteps || ev->path.id >= 64 || ev->path.id < t->nparams ||
                local_stores(t, ev->path.id) != 1)
                continue;
            c |= 1ULL << ev->path.id;
        }
    return c;
}

/* The capsule field an operand reads through a start alias (`x->f`) or a
 * struct copy of the capsule (`ctx.f`), or that a local copied once from
 * such a field holds (`fn = x->f; ... fn(arg)`: fields[v]). */
static const char *capsule_field(const IrOperand *op, uint64_t aliases, uint64_t copies, const char *const *fields) {
    if (op->kind != IR_OPD_VALUE || op->offset || op->path.root != IR_ROOT_LOCAL || op->path.id >= 64) return NULL;
    if (aliases >> op->path.id & 1) return field_after(&op->path, IR_ROOT_LOCAL, op->path.id, true);
    if (copies >> op->path.id & 1) return field_after(&op->path, IR_ROOT_LOCAL, op->path.id, false);
    return fields && !op->path.nsteps ? fields[op->path.id] : NULL;
}

/* The trampoline's locals copied once from a capsule field (fields[v]). */
static void field_copies(const IrFunc *t, uint64_t aliases, uint64_t copies, const char **fields) {
    for (uint32_t b = 0; b < t->nblocks; b++)
        for (uint32_t e = 0; e < t->blocks[b].nevents; e++) {
            const IrEvent *ev = &t->blocks[b].events[e];
            if (ev->kind != IR_EV_ASSIGN || ev->path.root != IR_ROOT_LOCAL || ev->path.nsteps || ev->path.id >= 64 ||
                ev->path.id < t->nparams || local_stores(t, ev->path.id) != 1)
                continue;
            fields[ev->path.id] = capsule_field(ev->src, aliases, copies, NULL);
        }
}

static int field_param(const char *const *fields, const int *params, int n, const char *field) {
    for (int i = 0; i < n; i++)
        if (fields[i] && field && !strcmp(fields[i], field)) return params[i];
    return -1;
}

/* Is ev a spawn of a defined trampoline taking a capsule the function
 * filled with two of its parameters? Fills L (not its slot). */
static bool launcher_at(Program *p, uint32_t fi, const IrEvent *ev, IrEventId id, Launcher *L) {
    const IrFunc *f = p->link.funcs.data[fi].ir;
    const ApiModel *m = api_of_event(p, ev);
    if (!m || m->kind != API_SPAWN || m->arg < 0 || (uint32_t)m->arg >= ev->call->nargs || m->routine < 0 ||
        (uint32_t)m->routine >= ev->call->nargs || m->arg_param < 0)
        return false;
    const IrOperand *r = &ev->call->args[m->routine], *a = &ev->call->args[m->arg];
    int32_t ti = func_index(p, r);
    if (ti < 0 || (uint32_t)ti == fi) return false;
    const IrFunc *t = p->link.funcs.data[ti].ir;
    if ((uint32_t)m->arg_param >= t->nparams || !t->nblocks) return false;
    /* the capsule: a local pointer assigned once (`c = malloc(..)`) or a local struct passed by address */
    bool deref;
    uint32_t cap;
    if (plain_local(a) >= (int)f->nparams) {
        cap = a->path.id;
        deref = true;
        if (local_stores(f, cap) != 1 || !assigned_from_call(f, cap)) return false;
    } else if (a->kind == IR_OPD_ADDR && !a->offset && a->path.root == IR_ROOT_LOCAL && !a->path.nsteps &&
               a->path.id >= f->nparams) {
        cap = a->path.id;
        deref = false;
        L->struct_capsule = true;
    } else {
        return false;
    }
    /* its fields filled with parameters passed unchanged */
    enum { MAXF = 16 };
    const char *fields[MAXF];
    int params[MAXF], nf = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && nf < MAXF; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            const char *fld = x->kind == IR_EV_ASSIGN ? field_after(&x->path, IR_ROOT_LOCAL, cap, deref) : NULL;
            int k = fld ? wrappers_forwarded_param(f, x->src) : -1;
            if (k < 0 || wrappers_param_written(f, k)) continue;
            fields[nf] = fld;
            params[nf++] = k;
        }
    if (nf < 2) return false;
    /* the trampoline's call (x->f)(x->g) of two of them */
    uint64_t aliases = start_aliases(t, (uint32_t)m->arg_param), copies = capsule_copies(t, aliases);
    const char *copied[64] = {0};
    field_copies(t, aliases, copies, copied);
    int found = 0;
    for (uint32_t b = 0; b < t->nblocks; b++)
        for (uint32_t e = 0; e < t->blocks[b].nevents; e++) {
            const IrEvent *x = &t->blocks[b].events[e];
            if (x->kind != IR_EV_CALL || !x->call || x->call->callee.kind != IR_OPD_VALUE) continue;
            int pr = field_param(fields, params, nf, capsule_field(&x->call->callee, aliases, copies, copied));
            if (pr < 0) continue;
            for (uint32_t k = 0; k < x->call->nargs; k++) {
                int pa = field_param(fields, params, nf, capsule_field(&x->call->args[k], aliases, copies, copied));
                if (pa < 0 || pa == pr) continue;
                L->routine = pr;
                L->arg = pa;
                L->bound = (IrEventId){b, e};
                L->bound_arg = k;
                found++;
                break;
            }
        }
    if (found != 1) return false;
    L->func = fi;
    L->tramp = (uint32_t)ti;
    L->spawn = id;
    L->model = m;
    L->handle_param = -1;
    L->handle_returned = L->group = false;
    /* the handle, as the call sites can name it */
    const IrOperand *h = m->handle >= 0 && (uint32_t)m->handle < ev->call->nargs ? &ev->call->args[m->handle] : NULL;
    if (h && m->handle_by == HANDLE_POINTER) {
        int k = wrappers_forwarded_param(f, h);
        if (k >= 0 && !wrappers_param_written(f, k)) {
            L->handle_param = k;
        } else if (h->kind == IR_OPD_ADDR && !h->offset && h->path.root == IR_ROOT_LOCAL) {
            /* `&t` (F returns t) or `&th->id` (F returns th) */
            uint32_t hv = h->path.id;
            bool returned = true, any = false;
            for (uint32_t b = 0; b < f->nblocks; b++) {
                const IrTerm *tm = &f->blocks[b].term;
                if (tm->kind != IR_TERM_RETURN || tm->ret.kind == IR_OPD_UNKNOWN) continue;
                any = true;
                returned &= plain_local(&tm->ret) == (int)hv;
            }
            L->handle_returned = any && returned && (!h->path.nsteps || h->path.steps[0].kind == IR_STEP_DEREF);
            L->inner_handle = *h;
            L->group = true;
        }
    }
    return true;
}

/* f's only call of an API of `kind` (NULL when it has none or several). */
static const IrEvent *only_api_call(Program *p, const IrFunc *f, ApiKind kind, const ApiModel **m, IrEventId *at) {
    const IrEvent *found = NULL;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const ApiModel *am = api_of_event(p, ev);
            if (!am || am->kind != kind) continue;
            if (found) return NULL;
            found = ev;
            *m = am;
            *at = (IrEventId){b, e};
        }
    return found;
}

static bool find_launcher(Program *p, uint32_t fi, Launcher *L) {
    const IrFunc *f = p->link.funcs.data[fi].ir;
    if (f->nparams < 2 || !strcmp(f->name, "main")) return false;
    const ApiModel *m;
    IrEventId at;
    const IrEvent *ev = only_api_call(p, f, API_SPAWN, &m, &at);
    return ev && launcher_at(p, fi, ev, at, L);
}

/* A joiner: one join API call whose handle is `param->f..` or `*param`. */
static bool find_joiner(Program *p, uint32_t fi, Joiner *J) {
    const IrFunc *f = p->link.funcs.data[fi].ir;
    const ApiModel *m;
    IrEventId at;
    const IrEvent *ev = only_api_call(p, f, API_JOIN, &m, &at);
    if (!ev) return false;
    const IrOperand *h = m->handle >= 0 && (uint32_t)m->handle < ev->call->nargs ? &ev->call->args[m->handle] : NULL;
    if (!h || h->offset || h->path.root != IR_ROOT_LOCAL || h->path.id >= f->nparams || !h->path.nsteps ||
        h->path.steps[0].kind != IR_STEP_DEREF || wrappers_param_written(f, (int)h->path.id))
        return false;
    for (uint32_t i = 1; i < h->path.nsteps; i++)
        if (h->path.steps[i].kind != IR_STEP_FIELD) return false;
    if (m->handle_by == HANDLE_VALUE && h->kind == IR_OPD_VALUE) {
        J->by_pointer = h->path.nsteps == 1;       /* join(*tid) */
    } else if (m->handle_by == HANDLE_POINTER && h->kind == IR_OPD_ADDR && h->path.nsteps > 1) {
        J->by_pointer = false;                     /* join(&th->id) */
    } else {
        return false;
    }
    J->func = fi;
    J->param = (int)h->path.id;
    J->model = m;
    return true;
}

/* The functions used as values anywhere (returned, passed, stored): their
 * calls are not all seen. An array by function id, malloc'd. */
static uint8_t *values_used(const Program *p) {
    size_t n = p->link.funcs.len;
    uint8_t *used = xcalloc(n ? n : 1, 1);
    for (size_t g = 0; g < n; g++) {
        const IrFunc *f = p->link.funcs.data[g].ir;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            const IrTerm *t = &f->blocks[b].term;
            if (t->kind == IR_TERM_RETURN && t->ret.kind == IR_OPD_FUNC) {
                int32_t k = func_index(p, &t->ret);
                if (k >= 0) used[k] = 1;
            }
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                const IrOperand *ops = NULL;
                uint32_t m = 0;
                if (ev->kind == IR_EV_CALL && ev->call) ops = ev->call->args, m = ev->call->nargs;
                else if (ev->kind == IR_EV_ASSIGN) ops = ev->src, m = 1;
                for (uint32_t i = 0; i < m; i++) {
                    int32_t k = ops[i].kind == IR_OPD_FUNC ? func_index(p, &ops[i]) : -1;
                    if (k >= 0) used[k] = 1;
                }
            }
        }
    }
    return used;
}

static IrPath slot_field(Program *p, const IrPath *slot, const char *field) {
    IrStep s = {.kind = IR_STEP_FIELD, .field = intern(&p->strings, field)};
    return ir_path_append(p->arena, slot, s);
}

static const char *loc_name(Program *p, IrLoc loc) {
    const char *file = loc.file ? loc.file : "?", *base = strrchr(file, '/');
    return arena_printf(p->arena, "%s:%u:%u", base ? base + 1 : file, loc.line, loc.col);
}

/* ---- rewriting copies of functions ---- */

typedef struct Marked {
    IrEventId id;
    const void *what;   /* an ApiModel (link.synth_api) or a LaunchSite (link.launched) */
    bool site;
} Marked;

typedef struct Rebuild {
    Program *p;
    IrBuilder *b;
    VEC(Marked) marks;
} Rebuild;

static void rb_emit(Rebuild *rb, IrEvent ev, const ApiModel *m, const LaunchSite *site) {
    IrEventId id = ir_builder_emit(rb->b, ev);
    if (m) {
        Marked k = {id, m, false};
        vec_push(&rb->marks, k);
    }
    if (site) {
        Marked k = {id, site, true};
        vec_push(&rb->marks, k);
    }
}

/* An event copied unchanged, keeping what pools.c said about it. */
static void rb_copy(Rebuild *rb, const IrEvent *ev) {
    uint64_t v;
    const ApiModel *m = NULL;
    if (ev->kind == IR_EV_CALL && u64map_get(&rb->p->link.synth_api, (uint64_t)(uintptr_t)ev, &v))
        m = (const ApiModel *)(uintptr_t)v;
    rb_emit(rb, *ev, m, NULL);
}

static void rb_call(Rebuild *rb, IrLoc loc, IrOperand callee, const IrOperand *args, uint32_t nargs, int32_t result,
                    const ApiModel *m, const LaunchSite *site) {
    IrCall *c = ARENA_NEW(rb->p->arena, IrCall);
    c->callee = callee;
    c->nargs = nargs;
    c->args = ARENA_ARRAY(rb->p->arena, IrOperand, nargs ? nargs : 1);
    for (uint32_t i = 0; i < nargs; i++) c->args[i] = args[i];
    c->result = result;
    IrEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = IR_EV_CALL;
    ev.loc = loc;
    ev.call = c;
    rb_emit(rb, ev, m, site);
}

static void rb_assign(Rebuild *rb, IrLoc loc, IrPath dst, IrOperand src) {
    ir_builder_emit_assign(rb->b, dst, src, IR_EV_POINTER, loc);
}

/* Freeze the copy and record its marks by their final addresses. */
static IrFunc *rb_finish(Rebuild *rb, const char *stage) {
    IrFunc *f = ir_builder_finish(rb->b, NULL);
    for (size_t k = 0; k < rb->marks.len; k++) {
        uint64_t ev = (uint64_t)(uintptr_t)ir_event_at(f, rb->marks.data[k].id);
        uint64_t what = (uint64_t)(uintptr_t)rb->marks.data[k].what;
        u64map_put(rb->marks.data[k].site ? &rb->p->link.launched : &rb->p->link.synth_api, ev, what);
    }
    rb->marks.len = 0;
    ir_check_debug(f, stage);
    return f;
}

/* The trampoline of one call site: a copy of T whose call (x->f)(x->g)
 * calls the site's routine with the site's argument (the reads of x->f and
 * x->g stay: the capsule is still read). It takes no parameter: its start
 * parameter is a local holding the site's capsule `cap`, so the thread's
 * start value (the site's argument, for the routine: threads.c) never
 * describes it. Named after T. */
static const IrFunc *site_trampoline(Program *p, const Launcher *L, IrOperand routine, IrOperand arg, IrPath cap,
                                     IrLoc loc) {
    const IrFunc *t = p->link.funcs.data[L->tramp].ir;
    Rebuild rb = {p, ir_builder_edit(p->arena, t), {0}};
    for (uint32_t i = 0; i < t->nparams; i++) ir_builder_local(rb.b, i)->flags &= ~(uint32_t)IR_LOCAL_PARAM;
    ir_builder_set_nparams(rb.b, 0);
    for (uint32_t b = 0; b < t->nblocks; b++) {
        const IrBlock *bb = &t->blocks[b];
        ir_builder_clear_events(rb.b, b);
        ir_builder_enter(rb.b, b);
        if (b == 0)
            rb_assign(&rb, t->loc, ir_builder_local_path(rb.b, (uint32_t)L->model->arg_param),
                      (IrOperand){.kind = IR_OPD_ADDR, .path = cap});
        for (uint32_t e = 0; e < bb->nevents; e++) {
            const IrEvent *ev = &bb->events[e];
            if (b != L->bound.block || e != L->bound.index) {
                rb_copy(&rb, ev);
                continue;
            }
            IrOperand *args = ARENA_ARRAY(p->arena, IrOperand, ev->call->nargs);
            memcpy(args, ev->call->args, ev->call->nargs * sizeof *args);
            args[L->bound_arg] = arg;
            rb_call(&rb, ev->loc, routine, args, ev->call->nargs, ev->call->result, NULL, NULL);
            ir_builder_event(rb.b, (IrEventId){b, ir_builder_nevents(rb.b, b) - 1})->call->type = ev->call->type;
        }
    }
    IrFunc *copy = rb_finish(&rb, "wrappers (site trampoline)");
    vec_free(&rb.marks);
    copy->usr = arena_printf(p->arena, "racecheck:launched#%zu@%s", p->link.funcs.len, loc_name(p, loc));
    copy->is_static = true;
    program_add_func(p, copy);
    return copy;
}

static const IrOperand *arg_of(const IrEvent *ev, int i) {
    return i >= 0 && (uint32_t)i < ev->call->nargs ? &ev->call->args[i] : NULL;
}

static IrOperand opd_const0(void) {
    IrOperand o;
    memset(&o, 0, sizeof o);
    o.kind = IR_OPD_CONST;
    return o;
}

/* A call of launcher L at block bb, event e: the call, then a spawn of the
 * site's trampoline taking F's capsule, after the store of the result when
 * the handle is the result. Returns the index of the last event handled. */
static uint32_t rewrite_launch(Rebuild *rb, const Launcher *L, const IrBlock *bb, uint32_t e) {
    Program *p = rb->p;
    const IrEvent *ev = &bb->events[e];
    IrPath site = program_synth_global(p, arena_printf(p->arena, "racecheck:launch#%zu", p->link.nsynth_globals),
                                       arena_printf(p->arena, "launch@%s", loc_name(p, ev->loc)), ev->loc, 0);
    /* the routine and its argument as the trampoline sees them: constants and
     * functions as they are, anything else through the site's slot */
    const IrOperand *r = arg_of(ev, L->routine), *a = arg_of(ev, L->arg);
    IrOperand routine = r ? *r : opd_const0(), arg = a ? *a : opd_const0();
    if (routine.kind != IR_OPD_FUNC) {
        IrPath dst = slot_field(p, &site, "<routine>");
        rb_assign(rb, ev->loc, dst, routine);
        routine = (IrOperand){.kind = IR_OPD_VALUE, .path = dst};
    }
    if (arg.kind != IR_OPD_CONST && arg.kind != IR_OPD_FUNC) {
        IrPath dst = slot_field(p, &site, "<arg>");
        rb_assign(rb, ev->loc, dst, arg);
        arg = (IrOperand){.kind = IR_OPD_VALUE, .path = dst};
    }
    LaunchSite *lc = ARENA_NEW(p->arena, LaunchSite);
    memset(lc, 0, sizeof *lc);
    lc->launcher = L->func;
    lc->call = true;
    rb_emit(rb, *ev, NULL, lc);
    /* the handle: the launcher's parameter's argument, or where the result is stored */
    uint32_t last = e;
    IrOperand handle = opd_const0();
    bool has_handle = false;
    if (L->handle_param >= 0 && arg_of(ev, L->handle_param)) {
        handle = *arg_of(ev, L->handle_param);
        has_handle = handle.kind == IR_OPD_VALUE || handle.kind == IR_OPD_ADDR;
    } else if (L->handle_returned && ev->call->result >= 0) {
        for (uint32_t k = e + 1; k < bb->nevents && !has_handle; k++) {
            const IrEvent *x = &bb->events[k];
            if (x->kind == IR_EV_CALL) break;
            if (x->kind == IR_EV_ASSIGN && x->src->kind == IR_OPD_VALUE && x->src->path.root == IR_ROOT_TEMP &&
                !x->src->path.nsteps && x->src->path.id == (uint32_t)ev->call->result) {
                handle = (IrOperand){.kind = IR_OPD_ADDR, .path = x->path};
                has_handle = true;
                last = k;
            }
        }
    }
    for (uint32_t k = e + 1; k <= last; k++) rb_copy(rb, &bb->events[k]);
    ApiModel *sm = arena_memdup(p->arena, L->model, sizeof *L->model);
    sm->kind = API_SPAWN;
    sm->handle = has_handle ? 0 : -1;
    sm->handle_by = HANDLE_POINTER;
    sm->routine = 1;
    sm->arg = 2;
    LaunchSite *ls = ARENA_NEW(p->arena, LaunchSite);
    memset(ls, 0, sizeof *ls);
    ls->launcher = L->func;
    ls->group = L->group ? arena_memdup(p->arena, &L->inner_handle, sizeof L->inner_handle) : NULL;
    ls->routine = routine.kind == IR_OPD_FUNC ? routine.name : NULL;
    ls->routine_func = L->bound_arg == 0 ? func_index(p, &routine) : -1;
    if (ls->routine_func == (int32_t)L->tramp) ls->routine_func = -1;
    ls->arg = a;
    /* the capsule this site's thread gets: a copy of the launcher's, one
     * object per site (the launcher's allocation site is one object for
     * every launch) */
    IrPath cap = program_synth_global(p, arena_printf(p->arena, "racecheck:launch-capsule#%zu", p->link.nsynth_globals),
                                      arena_printf(p->arena, "capsule@%s", loc_name(p, ev->loc)), ev->loc, 0);
    const IrFunc *t = site_trampoline(p, L, routine, arg, cap, ev->loc);
    IrStep deref = {.kind = IR_STEP_DEREF};
    IrPath whole = L->struct_capsule ? L->slot : ir_path_append(p->arena, &L->slot, deref);
    ir_builder_emit_assign(rb->b, cap, (IrOperand){.kind = IR_OPD_VALUE, .path = whole}, IR_EV_POINTER | IR_EV_RECORD,
                           ev->loc);
    IrOperand args[3];
    args[0] = handle;
    args[1] = (IrOperand){.kind = IR_OPD_FUNC, .usr = t->usr, .name = t->name};
    args[2] = (IrOperand){.kind = IR_OPD_ADDR, .path = cap};
    rb_call(rb, ev->loc, ev->call->callee, args, 3, -1, sm, ls);
    return last;
}

/* A call of joiner J: a join of the thread the argument names, then the call. */
static void rewrite_join(Rebuild *rb, const Joiner *J, const IrEvent *ev) {
    const IrOperand *h = arg_of(ev, J->param);
    if (h && (J->by_pointer ? h->kind == IR_OPD_ADDR : h->kind == IR_OPD_VALUE) && !h->offset) {
        ApiModel *jm = arena_memdup(rb->p->arena, J->model, sizeof *J->model);
        jm->handle = 0;
        jm->handle_by = J->by_pointer ? HANDLE_POINTER : HANDLE_VALUE;
        jm->join_all = false;
        rb_call(rb, ev->loc, ev->call->callee, h, 1, -1, jm, NULL);
    }
    rb_copy(rb, ev);
}

static const Launcher *launcher_of(const Launchers *ls, int32_t fi) {
    for (size_t i = 0; fi >= 0 && i < ls->l.len; i++)
        if (ls->l.data[i].func == (uint32_t)fi) return &ls->l.data[i];
    return NULL;
}

static const Joiner *joiner_of(const Launchers *ls, int32_t fi) {
    for (size_t i = 0; fi >= 0 && i < ls->j.len; i++)
        if (ls->j.data[i].func == (uint32_t)fi) return &ls->j.data[i];
    return NULL;
}

static bool needs_rewrite(const Program *p, const Launchers *ls, uint32_t fi) {
    if (launcher_of(ls, (int32_t)fi)) return true;
    const IrFunc *f = p->link.funcs.data[fi].ir;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            int32_t g = func_index(p, &ev->call->callee);
            if (launcher_of(ls, g) || joiner_of(ls, g)) return true;
        }
    return false;
}

static void rewrite_func(Program *p, const Launchers *ls, uint32_t fi) {
    const IrFunc *f = p->link.funcs.data[fi].ir;
    const Launcher *own = launcher_of(ls, (int32_t)fi);
    Rebuild rb = {p, ir_builder_edit(p->arena, f), {0}};
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const IrBlock *bb = &f->blocks[b];
        ir_builder_clear_events(rb.b, b);
        ir_builder_enter(rb.b, b);
        for (uint32_t e = 0; e < bb->nevents; e++) {
            const IrEvent *ev = &bb->events[e];
            if (own && b == own->spawn.block && e == own->spawn.index) {
                /* the launcher's own spawn: its call sites start the threads;
                 * here the capsule is left for them (a local struct copied:
                 * its address does not leave the frame) */
                const IrOperand *a = arg_of(ev, own->model->arg);
                if (own->struct_capsule)
                    ir_builder_emit_assign(rb.b, own->slot, (IrOperand){.kind = IR_OPD_VALUE, .path = a->path},
                                           IR_EV_POINTER | IR_EV_RECORD, ev->loc);
                else
                    rb_assign(&rb, ev->loc, own->slot, *a);
                IrOperand callee = {.kind = IR_OPD_FUNC, .usr = "", .name = "<spawned at the launcher's call sites>"};
                rb_call(&rb, ev->loc, callee, NULL, 0, ev->call->result, NULL, NULL);
                continue;
            }
            int32_t g = ev->kind == IR_EV_CALL && ev->call ? func_index(p, &ev->call->callee) : -1;
            const Launcher *L = (uint32_t)g != fi ? launcher_of(ls, g) : NULL;
            const Joiner *J = joiner_of(ls, g);
            if (L) e = rewrite_launch(&rb, L, bb, e);
            else if (J) rewrite_join(&rb, J, ev);
            else rb_copy(&rb, ev);
        }
    }
    p->link.funcs.data[fi].ir = rb_finish(&rb, "wrappers (launchers)");
    vec_free(&rb.marks);
}

static void clone_spawners(Program *p);

void launchers_rewrite(Program *p) {
    Launchers ls = {{0}, {0}};
    size_t n = p->link.funcs.len;
    uint8_t *used = values_used(p);
    for (size_t i = 0; i < n; i++) {
        uint64_t v;
        const IrFunc *f = p->link.funcs.data[i].ir;
        if (!f->nblocks || u64map_get(&p->link.wrapper_api, i, &v)) continue;
        Launcher L;
        memset(&L, 0, sizeof L);
        if (!find_launcher(p, (uint32_t)i, &L) || used[i]) continue;
        L.slot = program_synth_global(p, arena_printf(p->arena, "racecheck:capsule:%s", f->usr),
                                      arena_printf(p->arena, "<capsule of %s>", f->name), f->loc, 0);
        vec_push(&ls.l, L);
    }
    if (ls.l.len)
        for (size_t i = 0; i < n; i++) {
            uint64_t v;
            Joiner J;
            memset(&J, 0, sizeof J);
            if (p->link.funcs.data[i].ir->nblocks && !u64map_get(&p->link.wrapper_api, i, &v) &&
                !launcher_of(&ls, (int32_t)i) && find_joiner(p, (uint32_t)i, &J))
                vec_push(&ls.j, J);
        }
    /* a trampoline that itself calls a launcher or a joiner would be
     * rewritten under its site copies: such a launcher is left alone */
    for (size_t i = 0; i < ls.l.len;)
        if (needs_rewrite(p, &ls, ls.l.data[i].tramp)) ls.l.data[i] = ls.l.data[--ls.l.len];
        else i++;
    if (!ls.l.len) ls.j.len = 0;
    for (size_t i = 0; i < ls.l.len; i++) {
        LauncherInfo li = {ls.l.data[i].func, (int32_t)ls.l.data[i].tramp, ls.l.data[i].routine, ls.l.data[i].arg};
        vec_push(&p->link.launchers, li);
    }
    for (size_t i = 0; i < ls.j.len; i++) {
        LauncherInfo li = {ls.j.data[i].func, -1, -1, ls.j.data[i].param};
        vec_push(&p->link.launchers, li);
    }
    for (size_t i = 0; i < n && ls.l.len; i++)
        if (needs_rewrite(p, &ls, (uint32_t)i)) rewrite_func(p, &ls, (uint32_t)i);
    vec_free(&ls.l);
    vec_free(&ls.j);
    free(used);
    clone_spawners(p);
}

/* ---- spawner clones ------------------------------------------------------------ */

/* A spawner is a function F that starts threads of what its callers choose:
 * its spawn takes the routine from one of F's parameters (`run_parallel(fn)`
 * starting N threads of fn and joining them), or F takes a function
 * pointer parameter (never assigned) and spawns a fixed trampoline, which
 * then finds the caller's function in what F handed it (a pool's
 * `pool_run_stack(.., job, ..)` storing job in a struct its workers read).
 * A forwarder passes one of its own function-pointer parameters on to a
 * spawner or another forwarder (`pool_run(.., job) {
 * pool_run_stack(.., job); }`).
 *
 * Each of them called directly from 2 to SPAWNER_MAX_SITES places (not used
 * as a function value, not calling itself) is copied per call site (by usr
 * "racecheck:clone#N@file:line:col", by name F), callers' copies first, so
 * every chain from a call site down to the spawn is a copy of its own; a
 * spawner's copy spawns (and calls) its own copy of a fixed trampoline. Each
 * site's spawn is then a spawn site of its own, its threads reach only what
 * that site passes (the trampoline's copy reads the site's struct), and the
 * caller's program order orders the sites' threads: `run_parallel(init);
 * run_parallel(sum);` runs the second phase after the first one's joins,
 * not beside it. */
enum { SPAWNER_MAX_SITES = 8, SPAWNER_MAX_DEPTH = 3 };

/* An unchanged function-pointer parameter of f: never assigned, its
 * address never taken. */
static bool fnptr_param(const IrFunc *f, uint32_t v) {
    return v < f->nparams && v < f->nlocals && (f->locals[v].flags & IR_LOCAL_FUNC_POINTER) &&
           !(f->locals[v].flags & IR_LOCAL_ADDR_TAKEN) && !local_stores(f, v);
}

/* f's spawn call (the first), its model in *m; NULL when none. */
static const IrEvent *spawn_of(const Program *p, const IrFunc *f, const ApiModel **m) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const ApiModel *am = api_of_event(p, ev);
            if (!am || am->kind != API_SPAWN || am->routine < 0 || (uint32_t)am->routine >= ev->call->nargs) continue;
            *m = am;
            return ev;
        }
    return NULL;
}

static bool is_spawner(const Program *p, const IrFunc *f) {
    const ApiModel *m;
    const IrEvent *sp = spawn_of(p, f, &m);
    if (!sp) return false;
    int v = plain_local(&sp->call->args[m->routine]);
    if (v >= 0 && (uint32_t)v < f->nparams && !(f->locals[v].flags & IR_LOCAL_ADDR_TAKEN) && !local_stores(f, (uint32_t)v))
        return true;
    for (uint32_t k = 0; k < f->nparams; k++)
        if (fnptr_param(f, k)) return true;
    return false;
}

/* Does f pass one of its unchanged function-pointer parameters to a
 * function of `set`? */
static bool is_forwarder(const Program *p, const IrFunc *f, const uint8_t *set) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            int32_t g = func_index(p, &ev->call->callee);
            if (g < 0 || !set[g]) continue;
            for (uint32_t a = 0; a < ev->call->nargs; a++) {
                int v = plain_local(&ev->call->args[a]);
                if (v >= 0 && fnptr_param(f, (uint32_t)v)) return true;
            }
        }
    return false;
}

/* An event copied unchanged, keeping what pools.c and the launchers said
 * about it. */
static void rb_copy_marked(Rebuild *rb, const IrEvent *ev) {
    uint64_t v;
    const LaunchSite *site = NULL;
    if (u64map_get(&rb->p->link.launched, (uint64_t)(uintptr_t)ev, &v)) site = (const LaunchSite *)(uintptr_t)v;
    const ApiModel *m = NULL;
    if (ev->kind == IR_EV_CALL && u64map_get(&rb->p->link.synth_api, (uint64_t)(uintptr_t)ev, &v))
        m = (const ApiModel *)(uintptr_t)v;
    rb_emit(rb, *ev, m, site);
}

/* A copy of function fi for the call site at `site`; in it, a call or a
 * spawn of function `tramp` (its usr; NULL: none) goes to tramp_copy. */
static const char *clone_func(Program *p, uint32_t fi, IrLoc site, const char *tramp, const char *tramp_copy) {
    const IrFunc *f = p->link.funcs.data[fi].ir;
    Rebuild rb = {p, ir_builder_edit(p->arena, f), {0}};
    for (uint32_t b = 0; b < f->nblocks; b++) {
        ir_builder_clear_events(rb.b, b);
        ir_builder_enter(rb.b, b);
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            bool hit = false;
            if (tramp && ev->kind == IR_EV_CALL && ev->call) {
                hit = ev->call->callee.kind == IR_OPD_FUNC && ev->call->callee.usr && !strcmp(ev->call->callee.usr, tramp);
                for (uint32_t a = 0; a < ev->call->nargs && !hit; a++)
                    hit = ev->call->args[a].kind == IR_OPD_FUNC && ev->call->args[a].usr &&
                          !strcmp(ev->call->args[a].usr, tramp);
            }
            if (!hit) {
                rb_copy_marked(&rb, ev);
                continue;
            }
            IrCall *c = ARENA_NEW(p->arena, IrCall);
            *c = *ev->call;
            c->args = ARENA_ARRAY(p->arena, IrOperand, c->nargs ? c->nargs : 1);
            for (uint32_t a = 0; a < c->nargs; a++) {
                c->args[a] = ev->call->args[a];
                if (c->args[a].kind == IR_OPD_FUNC && c->args[a].usr && !strcmp(c->args[a].usr, tramp))
                    c->args[a].usr = tramp_copy;
            }
            if (c->callee.kind == IR_OPD_FUNC && c->callee.usr && !strcmp(c->callee.usr, tramp)) c->callee.usr = tramp_copy;
            IrEvent copy = *ev;
            copy.call = c;
            uint64_t v;
            const ApiModel *m = u64map_get(&p->link.synth_api, (uint64_t)(uintptr_t)ev, &v)
                                    ? (const ApiModel *)(uintptr_t)v : NULL;
            rb_emit(&rb, copy, m, NULL);
        }
    }
    IrFunc *copy = rb_finish(&rb, "launchers (spawner clone)");
    vec_free(&rb.marks);
    copy->usr = arena_printf(p->arena, "racecheck:clone#%zu@%s", p->link.funcs.len, loc_name(p, site));
    copy->is_static = true;
    program_add_func(p, copy);
    return copy->usr;
}

/* The fixed trampoline a spawner spawns (a program function), its usr;
 * NULL when the routine is a parameter or no function of the program. */
static const char *fixed_trampoline(const Program *p, const IrFunc *f) {
    const ApiModel *m;
    const IrEvent *sp = spawn_of(p, f, &m);
    const IrOperand *r = sp ? &sp->call->args[m->routine] : NULL;
    if (!r || r->kind != IR_OPD_FUNC || func_index(p, r) < 0) return NULL;
    return r->usr;
}

/* Copy each function of `level` per call site and point the callers at the
 * copies; returns the number of sites redirected. */
static uint32_t clone_level(Program *p, const uint8_t *level, size_t nlevel, bool spawners, uint32_t *over) {
    size_t n = p->link.funcs.len;
    U64Map target = {0}; /* call event -> its clone's usr */
    IdSet callers = {0};
    for (size_t fi = 0; fi < nlevel; fi++) {
        if (!level[fi]) continue;
        VEC(const IrEvent *) sites = {0};
        VEC(uint32_t) in = {0};
        bool ok = true;
        for (size_t g = 0; g < n && ok; g++) {
            const IrFunc *gf = p->link.funcs.data[g].ir;
            for (uint32_t b = 0; b < gf->nblocks && ok; b++)
                for (uint32_t e = 0; e < gf->blocks[b].nevents; e++) {
                    const IrEvent *ev = &gf->blocks[b].events[e];
                    if (ev->kind != IR_EV_CALL || !ev->call || func_index(p, &ev->call->callee) != (int32_t)fi) continue;
                    if (g == fi) ok = false; /* recursive */
                    vec_push(&sites, ev);
                    vec_push(&in, (uint32_t)g);
                }
        }
        const char *tramp = spawners ? fixed_trampoline(p, p->link.funcs.data[fi].ir) : NULL;
        if (ok && sites.len > SPAWNER_MAX_SITES) (*over)++;
        if (ok && sites.len >= 2 && sites.len <= SPAWNER_MAX_SITES)
            for (size_t k = 0; k < sites.len; k++) {
                const char *tcopy = NULL;
                if (tramp) {
                    int32_t ti = (int32_t)(uintptr_t)strmap_get(&p->link.func_by_usr, tramp) - 1;
                    tcopy = ti >= 0 ? clone_func(p, (uint32_t)ti, sites.data[k]->loc, NULL, NULL) : NULL;
                }
                const char *usr = clone_func(p, (uint32_t)fi, sites.data[k]->loc, tcopy ? tramp : NULL, tcopy);
                u64map_put(&target, (uint64_t)(uintptr_t)sites.data[k], (uint64_t)(uintptr_t)usr);
                idset_add(&callers, in.data[k]);
            }
        vec_free(&sites);
        vec_free(&in);
    }
    for (uint32_t i = 0; i < callers.n; i++) {
        uint32_t g = callers.v[i];
        const IrFunc *gf = p->link.funcs.data[g].ir;
        Rebuild rb = {p, ir_builder_edit(p->arena, gf), {0}};
        for (uint32_t b = 0; b < gf->nblocks; b++) {
            ir_builder_clear_events(rb.b, b);
            ir_builder_enter(rb.b, b);
            for (uint32_t e = 0; e < gf->blocks[b].nevents; e++) {
                const IrEvent *ev = &gf->blocks[b].events[e];
                uint64_t usr;
                if (!u64map_get(&target, (uint64_t)(uintptr_t)ev, &usr)) {
                    rb_copy_marked(&rb, ev);
                    continue;
                }
                IrCall *c = ARENA_NEW(p->arena, IrCall);
                *c = *ev->call;
                c->callee.usr = (const char *)(uintptr_t)usr;
                IrEvent copy = *ev;
                copy.call = c;
                rb_emit(&rb, copy, NULL, NULL);
            }
        }
        p->link.funcs.data[g].ir = rb_finish(&rb, "launchers (spawner clone sites)");
        vec_free(&rb.marks);
    }
    uint32_t sites = (uint32_t)target.len;
    u64map_free(&target);
    idset_free(&callers);
    return sites;
}


static void clone_spawners(Program *p) {
    size_t n = p->link.funcs.len;
    uint8_t *level = xcalloc(n ? n : 1, 1); /* 1 + the level: 1 spawners, 2.. forwarders */
    uint8_t *set = xcalloc(n ? n : 1, 1);
    uint8_t *used = values_used(p);
    for (size_t fi = 0; fi < n; fi++) {
        uint64_t v;
        const IrFunc *f = p->link.funcs.data[fi].ir;
        if (!f->nblocks || !f->usr || u64map_get(&p->link.wrapper_api, fi, &v) || !is_spawner(p, f)) continue;
        bool is_launcher = false;
        for (size_t k = 0; k < p->link.launchers.len; k++) is_launcher |= p->link.launchers.data[k].func == fi;
        if (is_launcher || used[fi]) continue;
        level[fi] = 1;
        set[fi] = 1;
    }
    uint32_t deeper = 0; /* forwarders past SPAWNER_MAX_DEPTH, left uncopied */
    for (int depth = 1; depth <= SPAWNER_MAX_DEPTH; depth++) {
        bool any = false;
        for (size_t fi = 0; fi < n; fi++) {
            uint64_t v;
            const IrFunc *f = p->link.funcs.data[fi].ir;
            if (level[fi] || used[fi] || !f->nblocks || !f->usr || u64map_get(&p->link.wrapper_api, fi, &v) ||
                !is_forwarder(p, f, set))
                continue;
            if (depth == SPAWNER_MAX_DEPTH) {
                deeper++;
                continue;
            }
            level[fi] = (uint8_t)(depth + 1);
            any = true;
        }
        for (size_t fi = 0; fi < n; fi++) set[fi] = level[fi] != 0;
        if (!any) break;
    }
    /* callers' copies first: a forwarder's copies each call the spawner,
     * which then has a call site per copy */
    uint32_t sites = 0, over = 0;
    for (int d = SPAWNER_MAX_DEPTH; d >= 1; d--) {
        memset(set, 0, n ? n : 1);
        bool any = false;
        for (size_t fi = 0; fi < n; fi++)
            if (level[fi] == d) set[fi] = 1, any = true;
        if (any) sites += clone_level(p, set, n, d == 1, &over);
    }
    p->link.spawner_clones = sites;
    if (deeper)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "%u function%s passing a function pointer down to a thread's start more than %d calls deep %s "
                    "not copied per call site (spawner clones)",
                    deeper, deeper == 1 ? "" : "s", (int)SPAWNER_MAX_DEPTH, deeper == 1 ? "is" : "are");
    if (over)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "%u function%s starting threads of what %s callers pass %s called from more than %d places: "
                    "%s threads are one thread per spawn site, whichever call started them (spawner clones)",
                    over, over == 1 ? "" : "s", over == 1 ? "its" : "their", over == 1 ? "is" : "are",
                    (int)SPAWNER_MAX_SITES, over == 1 ? "its" : "their");
    free(level);
    free(set);
    free(used);
}

bool launchers_site(Program *p, const IrEvent *ev, LaunchInfo *out) {
    uint64_t v;
    if (!u64map_get(&p->link.launched, (uint64_t)(uintptr_t)ev, &v)) return false;
    const LaunchSite *ls = (const LaunchSite *)(uintptr_t)v;
    if (ls->call) return false;
    out->group_node = UINT32_MAX;
    out->routine = ls->routine;
    out->routine_func = ls->routine_func;
    out->arg = ls->arg;
    if (ls->group) {
        IdSet nodes = {0};
        pt_operand_targets(p, ls->launcher, ls->group, &nodes);
        if (nodes.n == 1) out->group_node = nodes.v[0];
        idset_free(&nodes);
    }
    return true;
}

bool launchers_call(const Program *p, const IrEvent *ev) {
    uint64_t v;
    return u64map_get(&p->link.launched, (uint64_t)(uintptr_t)ev, &v) && ((const LaunchSite *)(uintptr_t)v)->call;
}
