/*
 * accesses.c - what the per-thread pass records: one Access per shared
 * location a thread's read, write or atomic call may touch, with the state
 * the flow pass computed before it (locks held and which of them protect
 * it, children live and started, synchronisation sets) and the facts the
 * ordering rules read (hand-off, hand-over, per-instance data).
 *
 * Only objects threads share can race (ownership.c); functions, string
 * literals and const globals never do. A local or temporary named directly
 * whose address never escaped is skipped without resolving it.
 */
#include "flow.h"

#include <stdio.h>
#include <string.h>

static bool obj_can_race(const Program *p, uint32_t node) {
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[node].obj];
    if (!o->shared) return false;
    if (o->kind == OBJ_FUNC || o->kind == OBJ_EXTFUNC || o->kind == OBJ_STRING) return false;
    if (o->unknown == OBJ_UNKNOWN_ANY) return false; /* untyped: no location to name (pointsto.c) */
    if (o->kind == OBJ_GLOBAL && (p->link.globals.data[o->a].flags & IR_GLOBAL_CONST)) return false;
    return true;
}

/* The member an access names through a pointer to a struct or union
 * (AccessSite.member_type): the steps after the path's last dereference
 * are fields only, and the dereference knows the type it reaches. Read by
 * facts_access_disjoint where points-to has made the object one location
 * (collapsed). */
static void access_member(Program *p, const IrPath *path, AccessSite *site) {
    int32_t k = (int32_t)path->nsteps - 1;
    while (k >= 0 && path->steps[k].kind == IR_STEP_FIELD) k--;
    if (k < 0 || k == (int32_t)path->nsteps - 1 || path->steps[k].kind != IR_STEP_DEREF || !path->steps[k].field) return;
    uint64_t off = 0;
    for (uint32_t i = (uint32_t)k + 1; i < path->nsteps; i++) off += path->steps[i].field_offset;
    uint32_t size = path->steps[path->nsteps - 1].field_size;
    if (!size || off > UINT32_MAX - size) return;
    site->member_type = intern(&p->strings, path->steps[k].field);
    site->member_off = (uint32_t)off;
    site->member_size = size;
}

/* The holds at an access (Access.holds): (child, lock) for each exclusive
 * lock rooted at a global held since before every start of the child, and
 * the locks the thread surely took itself. */
static uint32_t access_holds(Program *p, const FlowState *st) {
    IdSet s = {0};
    for (uint32_t i = 0; i < st->held.n; i++) {
        const LockRef *l = &p->lock.refs.data[st->held.v[i]];
        if (l->func >= 0 || l->mode != LMODE_EXCL) continue;
        for (uint32_t k = 0; k < st->ever.n; k++) {
            uint32_t pair = model_hold_pair(p, st->ever.v[k], st->held.v[i]);
            if (!idset_has(&st->prehold, pair)) idset_add(&s, pair);
        }
    }
    for (uint32_t i = 0; i < st->taken.n; i++) idset_add(&s, st->taken.v[i] | HOLD_TAKEN);
    uint32_t id = model_intern_set(p, &s);
    idset_free(&s);
    return id;
}

/* The locks an ancestor holds across the thread's whole run, after the
 * access's own (Access.ninherited): each a lock rooted at a global naming
 * one lock object, spelled `m (held by T)`. */
static void add_inherited(Program *p, Access *a, const HoldList *inh) {
    VEC(HeldLock) all = {0};
    for (uint32_t i = 0; i < a->nlocks; i++) vec_push(&all, a->locks[i]);
    for (size_t i = 0; i < inh->len; i++) {
        uint32_t holder = (uint32_t)(inh->data[i] >> 32), lock = (uint32_t)inh->data[i];
        const IdSet *n = lock_nodes(p, lock);
        if (n->n != 1 || holder >= UINT16_MAX) continue;
        const LockRef *lr = &p->lock.refs.data[lock];
        char sp[256];
        snprintf(sp, sizeof sp, "%s (held by %s while this thread runs)", lr->spelling ? lr->spelling : "?",
                 p->tm.threads.data[holder].routine);
        HeldLock hl = {n->v[0], LMODE_EXCL, LOCK_INDEX_NONE, 0, false, 0, (uint16_t)(holder + 1), 0, intern(&p->strings, sp)};
        vec_push(&all, hl);
        if (all.len - a->nlocks >= UINT16_MAX) break;
    }
    a->ninherited = (uint16_t)(all.len - a->nlocks);
    a->locks = a->ninherited ? arena_memdup(p->arena, all.data, all.len * sizeof(HeldLock)) : a->locks;
    vec_free(&all);
}

/* The spelling of an access path for messages: ir_path_str's, with a
 * call's result temporary named after the call (`lookup()->hits`, not
 * `<tmp6>->hits`). */
static void access_spelling(const IrFunc *f, const IrPath *path, char *buf, size_t n) {
    ir_path_str(f, path, buf, n);
    if (path->root != IR_ROOT_TEMP) return;
    const char *callee = NULL;
    for (uint32_t b = 0; b < f->nblocks && !callee; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && !callee; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_CALL && ev->call && ev->call->result == (int32_t)path->id)
                callee = ev->call->callee.kind == IR_OPD_FUNC && ev->call->callee.name ? ev->call->callee.name : "";
        }
    char tmp[32], out[512];
    snprintf(tmp, sizeof tmp, "<tmp%u>", path->id);
    const char *at = callee && callee[0] ? strstr(buf, tmp) : NULL;
    if (!at) return;
    snprintf(out, sizeof out, "%.*s%s()%s", (int)(at - buf), buf, callee, at + strlen(tmp));
    snprintf(buf, n, "%s", out);
}

/* AccessSite.foreign: func is a routine of a many-instance thread T whose
 * spawns pass the create loop's counter as the start value (`(void *)i`,
 * Thread.elem_step 0), called here directly with a constant for it: the
 * access indexed by the instance index touches the element of value c. */
static void access_foreign(Program *p, uint32_t thread, uint32_t func, const IrPath *path, const FlowState *st,
                           AccessSite *site) {
    for (size_t t = 0; t < p->tm.threads.len; t++) {
        const Thread *th = &p->tm.threads.data[t];
        if (t == thread || th->arg_kind != INST_ARG_VALUE || th->elem_step != 0 || th->arg_param < 0 ||
            th->arg_param >= FLOW_CONST_PARAMS || !(st->kparams >> th->arg_param & 1) ||
            !idset_has(&th->routines, func) || !model_thread_many(p, (uint32_t)t))
            continue;
        InstParams none = {0, 0};
        int step = inst_private_step(p, (uint32_t)t, func, none, path);
        if (step < 0 || step == INST_STEP_PARAM) continue;
        site->foreign = (uint32_t)t + 1;
        site->foreign_step = (uint8_t)step;
        site->foreign_value = st->kvalue[th->arg_param];
        return;
    }
}

/* AccessSite.handed_back: the (child, semaphore) hand-backs in force at
 * the access, for children never spawned twice without a wait between. */
static uint32_t access_handed_back(Program *p, const FlowState *st) {
    if (!st->handed_back.n) return model_intern_set(p, &st->handed_back);
    IdSet s = {0};
    for (uint32_t i = 0; i < st->handed_back.n; i++)
        if (!idset_has(&st->hb_broken, FLOW_HB_CHILD(st->handed_back.v[i]))) idset_add(&s, st->handed_back.v[i]);
    uint32_t id = model_intern_set(p, &s);
    idset_free(&s);
    return id;
}

/* AccessSite.elem_waited: in a loop over local L, after a spin-wait saw
 * the flag element indexed by L set (FlowState.elem_waited), an access
 * indexed by L: the slot of the flag + 1 and the index step. */
static uint32_t access_elem_waited(const FlowState *st, const IrPath *path, uint8_t *step) {
    for (uint32_t k = 0; k < st->elem_waited.n; k++) {
        uint32_t slot = st->elem_waited.v[k] >> 20, local = st->elem_waited.v[k] & ((1u << 20) - 1);
        for (uint32_t i = 0; i < path->nsteps && i < INST_STEP_COPY; i++) {
            const IrStep *s = &path->steps[i];
            if (s->kind != IR_STEP_INDEX || s->index_kind != IR_INDEX_LOCAL || s->local != local) continue;
            *step = (uint8_t)i;
            return slot + 1;
        }
    }
    return 0;
}

/* AccessSite.elem_joined: in a join loop, after joining the instance of a
 * child whose handle is the element indexed by local L (FlowState
 * elem_joined), an access indexed by L at the place where the child's
 * start argument is (the same array as `create(&t[i], .., &args[i])` or
 * `.., ctxs[i])` hands out, through the same prefix; any array for a
 * `(void *)i` argument, whose instances index with their value) touches
 * that instance's own element. */
/* Is `path`, up to its index step i, the array whose element the create
 * loop stores the address of in a field of each instance's argument record
 * (`args[i].out = &X[i]`, i the loop's counter; inst_private's
 * through_elem_pointer relies on every store into the field being one)?
 * Then path's element i is the slot instance i reaches through its
 * record. The record is the element the spawn hands over (elem_path, to
 * its index step), or a per-iteration record held in a local
 * (Thread.rec_handle: `a = malloc(..); a->out = &X[i]; create(&t[i], ..,
 * a)`, the record `*a`). */
static bool out_slot_array(const Program *p, const Thread *t, uint32_t func, const IrPath *path, uint32_t i) {
    if (t->arg_kind != INST_ARG_ELEMENT || t->spawn_loop < 0) return false;
    IrStep deref = {.kind = IR_STEP_DEREF};
    IrPath rec;
    if (t->elem_step >= 0) {
        rec = t->elem_path;
        rec.nsteps = (uint32_t)t->elem_step + 1;
    } else if (t->rec_handle && t->start_arg && t->start_arg->kind == IR_OPD_VALUE && !t->start_arg->path.nsteps &&
               t->start_arg->path.root == IR_ROOT_LOCAL) {
        rec = t->start_arg->path;
        rec.nsteps = 1;
        rec.steps = &deref;
    } else {
        return false;
    }
    const IrFunc *sf = p->link.funcs.data[t->spawn_func].ir;
    for (uint32_t b = 0; b < sf->nblocks; b++)
        for (uint32_t e = 0; e < sf->blocks[b].nevents; e++) {
            const IrEvent *ev = &sf->blocks[b].events[e];
            const IrOperand *src = ev->src;
            if (ev->kind != IR_EV_ASSIGN || !src || src->kind != IR_OPD_ADDR || src->offset ||
                ev->path.nsteps != rec.nsteps + 1 || ev->path.steps[rec.nsteps].kind != IR_STEP_FIELD ||
                !ir_path_has_prefix(&ev->path, &rec) || src->path.nsteps != i + 1)
                continue;
            const IrStep *sx = &src->path.steps[i];
            if (sx->kind != IR_STEP_INDEX || sx->index_kind != IR_INDEX_LOCAL ||
                !inst_counter_first_step(p, t->spawn_func, ev, &(IrPath){.nsteps = 1, .steps = (IrStep *)sx},
                                         t->spawn_loop))
                continue;
            IrPath a = *path, b = src->path;
            a.nsteps = b.nsteps = i;
            if ((a.root == IR_ROOT_GLOBAL || func == t->spawn_func) && ir_path_equal(&a, &b)) return true;
        }
    return false;
}

static uint32_t access_elem_joined(const Program *p, uint32_t func, const FlowState *st, const IrPath *path,
                                   uint8_t *step, bool *counter_only) {
    *counter_only = false;
    for (uint32_t k = 0; k < st->elem_joined.n; k++) {
        uint32_t cid = st->elem_joined.v[k] >> 20, local = st->elem_joined.v[k] & ((1u << 20) - 1);
        const Thread *t = &p->tm.threads.data[cid];
        if (t->elem_step < 0 && !t->rec_handle) continue;
        for (uint32_t i = 0; i < path->nsteps; i++) {
            const IrStep *s = &path->steps[i];
            if (s->kind != IR_STEP_INDEX || s->index_kind != IR_INDEX_LOCAL || s->local != local) continue;
            *step = i < INST_STEP_PARAM ? (uint8_t)i : INST_STEP_PARAM;
            if (t->elem_step >= 0) { /* the element handed over (a record in a local has none) */
                if (t->arg_kind == INST_ARG_VALUE && i < INST_STEP_PARAM) return cid + 1;
                IrPath pre = t->elem_path;
                pre.nsteps = (uint32_t)t->elem_step;
                if (t->arg_kind == INST_ARG_ELEMENT && i == (uint32_t)t->elem_step &&
                    (pre.root == IR_ROOT_GLOBAL || func == t->spawn_func) && ir_path_has_prefix(path, &pre))
                    return cid + 1;
            }
            if (out_slot_array(p, t, func, path, i)) return cid + 1;
            /* another array, indexed as the instances index it by the
             * counter value their element carries (`sums[a->id]`,
             * AccessSite.inst_counter: mhp.c decides) */
            if (t->arg_kind == INST_ARG_ELEMENT && t->elem_step >= 0 && i < INST_STEP_PARAM) {
                *counter_only = true;
                return cid + 1;
            }
        }
    }
    return 0;
}

/* An allocation wrapper whose stores into what it makes are its call
 * sites' (PtFunc.alloc_fills: `s = malloc(..); s->level = lvl; return s;`)
 * accesses, in points-to, the object it allocates itself, which no caller
 * sees: its callers reach each call site's object. Its accesses of what it
 * allocates are those call sites' objects' too (the same field), for the
 * call sites in functions this thread reaches: *extra gets them. They come
 * before the call returns, so before the caller publishes the object -
 * unless a relaxed atomic store publishes it (own_published_relaxed):
 * nothing then orders them before another thread's reads of it. */
static void fill_nodes(Program *p, uint32_t thread, uint32_t func, const IdSet *nodes, IdSet *extra) {
    if (func >= p->tm.nfill_sites || !p->tm.fill_sites[func].n) return;
    const IdSet *sites = &p->tm.fill_sites[func];
    for (uint32_t i = 0; i < nodes->n; i++) {
        const Obj *o = &p->pt.objs.data[p->pt.nodes.data[nodes->v[i]].obj];
        if (o->kind != OBJ_HEAP || o->a != func) continue; /* not made in the wrapper */
        for (uint32_t k = 0; k < sites->n; k++)
            if (idset_has(&p->tm.threads.data[thread].funcs, p->pt.objs.data[sites->v[k]].a))
                idset_add(extra, pt_same_field(p, nodes->v[i], sites->v[k]));
    }
}

void accesses_fill_sites(Program *p) {
    p->tm.nfill_sites = p->link.funcs.len;
    p->tm.fill_sites = xcalloc(p->link.funcs.len ? p->link.funcs.len : 1, sizeof(IdSet));
    for (size_t i = 0; i < p->pt.objs.len; i++) {
        const Obj *o = &p->pt.objs.data[i];
        if (o->kind != OBJ_HEAP || !o->site || o->site->kind != IR_EV_CALL) continue;
        const CallInfo *ci = program_call(p, o->site);
        if (ci && ci->kind == CALL_INTERNAL && ci->callee < p->tm.nfill_sites &&
            p->pt.funcs.data[ci->callee].alloc_wrapper && p->pt.funcs.data[ci->callee].alloc_fills)
            idset_add(&p->tm.fill_sites[ci->callee], (uint32_t)i);
    }
}

/* SOUNDNESS: an access whose pointer may reach more than
 * Program.max_access_targets locations (the data-race rule's option
 * max-access-targets, MODEL_MAX_ACCESS_TARGETS by default) is not checked
 * (counted in a note): such sets come from imprecise aliasing and would bury
 * real findings under false ones. */
/* arg: the call argument the access is made through, -1 for the event's
 * own path, 63 for neither. */
static void record(Program *p, ThreadParams *tp, uint32_t thread, uint32_t func, const IrEvent *ev, int arg,
                   const IrPath *spath, const IdSet *nodes_in, bool write, bool atomic, bool whole, bool release,
                   uint32_t popped, const FlowState *st) {
    IdSet fills = {0}, merged = {0};
    fill_nodes(p, thread, func, nodes_in, &fills);
    const IdSet *nodes = nodes_in;
    if (fills.n) {
        idset_copy(&merged, nodes_in);
        idset_union(&merged, &fills);
        nodes = &merged;
    }
    if (nodes->n > p->tm.max_access_targets) {
        uint64_t key = (uint64_t)(uintptr_t)ev << 12 | thread; /* one count per event and thread */
        if (!u64map_get(&p->tm.unchecked_seen, key, NULL)) {
            u64map_put(&p->tm.unchecked_seen, key, 1);
            p->tm.unchecked_accesses++;
        }
        idset_free(&fills);
        idset_free(&merged);
        return;
    }
    char sp[512];
    AccessSite *site = NULL;
    /* through a parameter every call in this thread passes a fresh object
     * in, before its creator publishes it (ownership.c) */
    bool through_param = spath->root == IR_ROOT_LOCAL && spath->id < 63 && spath->nsteps &&
                         spath->steps[0].kind == IR_STEP_DEREF;
    bool fresh_param = through_param && (st->fresh_params >> spath->id & 1) && model_param_unchanged(p, func, spath->id);
    /* ... or before the function publishes the parameter (`push(n)`: `n->next = NULL; lock; head = n`) */
    if (!fresh_param && through_param && (st->fresh_prefix >> spath->id & 1) && model_param_unchanged(p, func, spath->id))
        fresh_param = own_param_prefix(p, func, spath->id, ev);
    /* within the object a parameter points to, which every call in this
     * thread passes from an allocation of its caller's activation */
    bool alias_param = through_param && (st->alias_params >> spath->id & 1) && spath->id < 63 &&
                       model_param_unchanged(p, func, spath->id);
    for (uint32_t i = 1; alias_param && i < spath->nsteps; i++)
        alias_param = spath->steps[i].kind != IR_STEP_DEREF && spath->steps[i].kind != IR_STEP_UP;
    HeldLocksPrep *held = NULL;
    HoldList inh = {0};
    for (uint32_t i = 0; i < nodes->n; i++) {
        uint32_t node = nodes->v[i];
        if (!obj_can_race(p, node)) continue;
        if (!site) {
            /* what depends on the event and the state, not on the location reached */
            site = ARENA_NEW(p->arena, AccessSite);
            site->ev = ev;
            site->thread = thread;
            site->func = func;
            site->write = write;
            site->live = model_intern_set(p, &st->live);
            site->joined = model_intern_set(p, &st->joined);
            site->started = model_intern_set(p, &st->started);
            site->ever = model_intern_set(p, &st->ever);
            site->waited = model_intern_set(p, &st->waited);
            site->cwaited = model_intern_set(p, &st->cwaited);
            site->posted = model_intern_set(p, &st->posted);
            site->phases = model_intern_set(p, &st->phases);
            site->holds = access_holds(p, st);
            access_spelling(p->link.funcs.data[func].ir, spath, sp, sizeof sp);
            site->spelling = intern(&p->strings, sp);
            site->elem_spawn = inst_element_spawn(p, func, ev, spath);
            access_member(p, spath, site);
            int inst_step = model_thread_many(p, thread) ? inst_private_step(p, thread, func, st->inst, spath) : -1;
            site->inst_private = inst_step >= 0;
            site->inst_step = inst_step >= 0 ? (uint8_t)inst_step : 0;
            site->inst_counter = inst_step >= 0 && inst_index_is_counter(p, thread, func, st->inst, spath, inst_step);
            site->once_post = p->sync.once_posts.len ? flags_once_region(p, func, ev) : 0;
            site->inst_known = st->inst_known;
            InstSlice sl;
            if ((model_thread_many(p, thread) && inst_slice(p, thread, func, st->inst, ev, spath, &sl)) ||
                inst_const_slice(p, thread, func, ev, spath, &sl)) {
                site->has_slice = true;
                site->slice_strided = sl.strided;
                site->slice_step = sl.step;
                site->slice_scale = sl.scale;
                site->slice_lo = sl.lo;
                site->slice_hi = sl.hi;
                site->slice_div = sl.div;
            }
            site->inst_value = st->inst_value;
            ring_site(p, thread, func, ev, spath, &st->held, &site->ring);
            uint32_t counter = UINT32_MAX;
            int cstep = claim_step(p, func, spath, st, &counter);
            site->claim = cstep >= 0 ? counter + 1 : 0;
            site->claim_step = cstep >= 0 ? (uint8_t)cstep : 0;
            site->popped = popped;
            site->handed_back = access_handed_back(p, st);
            if (st->kparams) access_foreign(p, thread, func, spath, st, site);
            site->elem_joined = st->elem_joined.n ? access_elem_joined(p, func, st, spath, &site->elem_joined_step,
                                                                       &site->elem_joined_counter)
                                                  : 0;
            site->elem_waited = st->elem_waited.n ? access_elem_waited(st, spath, &site->elem_waited_step) : 0;
            held = heldlocks_prepare(p, tp, thread, st->inst, func, spath, &st->held);
            model_inherited_locks(p, thread, &inh);
        }
        Access a;
        memset(&a, 0, sizeof a);
        a.site = site;
        a.node = node;
        a.atomic = atomic;
        a.whole = whole;
        a.release = release;
        const Obj *o = &p->pt.objs.data[p->pt.nodes.data[node].obj];
        if (o->kind == OBJ_GLOBAL && (p->link.globals.data[o->a].flags & IR_GLOBAL_ATOMIC) &&
            p->pt.nodes.data[node].parent == UINT32_MAX)
            a.atomic = true;
        if (p->sync.spin_words.n && idset_has(&p->sync.spin_words, node)) a.atomic = true; /* a lock word */
        a.before_spawn = inst_before_spawn(p, func, ev, o);
        a.unpublished = fresh_param ||
                        ((o->kind == OBJ_HEAP || o->kind == OBJ_LOCAL) &&
                         own_before_publication(p, p->pt.nodes.data[node].obj, func, ev));
        if (fills.n && idset_has(&fills, node) && !idset_has(nodes_in, node))
            a.unpublished = !own_published_relaxed(p, p->pt.nodes.data[node].obj); /* a call site's */
        else if (o->kind == OBJ_HEAP)
            a.own_alloc = alias_param || own_alias(p, ev, arg, p->pt.nodes.data[node].obj);
        uint32_t nlocks = 0;
        a.locks = heldlocks_at_access(p, held, node, &nlocks);
        a.nlocks = (uint16_t)(nlocks < UINT16_MAX ? nlocks : UINT16_MAX);
        if (inh.len) add_inherited(p, &a, &inh);
        vec_push(&p->tm.accesses, a);
    }
    heldlocks_free(held);
    vec_free(&inh);
    idset_free(&fills);
    idset_free(&merged);
}

/* An access to what argument `arg` of the call points to. */
static void pointee_access(Program *p, ThreadParams *tp, uint32_t thread, uint32_t func, const IrEvent *ev, int arg,
                           bool write, bool atomic, bool whole, bool release, const FlowState *st) {
    if (arg < 0 || (uint32_t)arg >= ev->call->nargs) return;
    const IrOperand *op = &ev->call->args[arg];
    if (op->kind != IR_OPD_ADDR && op->kind != IR_OPD_VALUE) return;
    IdSet nodes = {0};
    pt_operand_targets(p, func, op, &nodes);
    if (nodes.n) { /* a number passed to printf points nowhere */
        IrPath sp = op->path;
        if (op->kind == IR_OPD_VALUE) {
            IrStep d = {.kind = IR_STEP_DEREF};
            sp = ir_path_append(p->arena, &op->path, d);
        }
        inst_start_nodes(p, thread, func, &sp, &nodes); /* this spawn's start value (`free(arg)`) */
        tparams_filter(tp, func, &sp, &nodes);
        record(p, tp, thread, func, ev, arg, &sp, &nodes, write, atomic, whole, release, own_popped_lock(p, ev, arg), st);
    }
    idset_free(&nodes);
}

enum { FMT_NONE, FMT_READ, FMT_WRITE };

/* What a printf (scan false) or scanf format does with the arguments after
 * it: kinds[i] for the i-th of them, FMT_READ for a printf %s, FMT_WRITE
 * for %n and for every scanf conversion not suppressed by `*`, FMT_NONE
 * for the rest (a number, a %p: not dereferenced). False when the format
 * cannot be followed (positional %1$s, a conversion cut short): then every
 * pointer argument counts. */
static bool format_effects(const char *fmt, bool scan, uint8_t *kinds, uint32_t nk) {
    uint32_t a = 0;
    for (const char *s = fmt; *s; s++) {
        if (*s != '%') continue;
        s++;
        if (*s == '%') continue;
        const char *q = s;
        while (*q >= '0' && *q <= '9') q++;
        if (*q == '$') return false;
        bool suppress = false;
        if (scan) {
            if (*s == '*') suppress = true, s++;
            while (*s >= '0' && *s <= '9') s++;
            if (*s == 'm') s++;
        } else {
            while (*s && strchr("-+ #0'I", *s)) s++;
            if (*s == '*') a++, s++;
            else while (*s >= '0' && *s <= '9') s++;
            if (*s == '.') {
                s++;
                if (*s == '*') a++, s++;
                else while (*s >= '0' && *s <= '9') s++;
            }
        }
        while (*s && strchr("hlLqjzt", *s)) s++;
        if (!*s || *s == '"') return false; /* cut short (the closing quote of the text) */
        if (scan && *s == '[') {
            s++;
            if (*s == '^') s++;
            if (*s == ']') s++;
            while (*s && *s != ']') s++;
            if (!*s) return false;
        }
        if (suppress || (!scan && *s == 'm')) continue; /* no argument */
        uint8_t k = scan ? FMT_WRITE : *s == 's' ? FMT_READ : *s == 'n' ? FMT_WRITE : FMT_NONE;
        if (a < nk) kinds[a] = k;
        a++;
    }
    return true;
}

/* The accesses a library call makes through its arguments (rules kind
 * "effects"): as the IR would for `*arg`, in the calling thread, at the
 * call. An object read or written as a whole (memset, memcpy, free) is
 * every field of it; a string, or a variadic argument (scanf's outputs,
 * printf's %s), is the object the pointer reaches itself. */
static void effect_accesses(Program *p, ThreadParams *tp, uint32_t thread, uint32_t func, const IrEvent *ev,
                            const ApiModel *fx, const FlowState *st) {
    for (uint32_t i = 0; i < fx->neffects; i++) {
        const ApiEffect *ef = &fx->effects[i];
        bool whole = !ef->string;
        switch (ef->effect) {
        case EFFECT_READ: pointee_access(p, tp, thread, func, ev, ef->index, false, false, whole, false, st); break;
        case EFFECT_READWRITE:
            pointee_access(p, tp, thread, func, ev, ef->index, false, false, whole, false, st);
            /* fall through */
        case EFFECT_WRITE: pointee_access(p, tp, thread, func, ev, ef->index, true, false, whole, false, st); break;
        case EFFECT_FREE: case EFFECT_REALLOC:
            pointee_access(p, tp, thread, func, ev, ef->index, true, false, whole, true, st);
            break;
        default: break; /* EFFECT_CALL: the callback is a call (pointsto.c adds it to the targets) */
        }
    }
    if (fx->variadic_from < 0) return;
    bool scan = fx->variadic_effect == EFFECT_WRITE;
    uint32_t from = (uint32_t)fx->variadic_from, n = ev->call->nargs > from ? ev->call->nargs - from : 0;
    uint8_t kinds[64];
    bool known = false;
    if (fx->variadic_format >= 0 && (uint32_t)fx->variadic_format < ev->call->nargs && n <= sizeof kinds) {
        const IrOperand *f = &ev->call->args[fx->variadic_format];
        memset(kinds, 0, sizeof kinds);
        known = f->kind == IR_OPD_ADDR && f->path.root == IR_ROOT_STRING && f->path.name &&
                strcmp(f->path.name, "\"...\"") != 0 && format_effects(f->path.name, scan, kinds, n);
    }
    for (uint32_t a = 0; a < n; a++) {
        uint8_t k = known ? kinds[a] : scan ? FMT_WRITE : FMT_READ;
        if (k != FMT_NONE) pointee_access(p, tp, thread, func, ev, (int)(from + a), k == FMT_WRITE, false, false, false, st);
    }
}

/* A call of a thread-unsafe library function: an access to the pseudo
 * global standing for the hidden state it uses (program_hidden_state), a
 * write unless the function only reads it. Spelled as the function. */
static void hidden_state_access(Program *p, ThreadParams *tp, uint32_t thread, uint32_t func, const IrEvent *ev, const ApiModel *api,
                                const FlowState *st) {
    const Global *g = program_hidden_state(p, api);
    if (!g) return;
    /* a buffer of the caller's (`tmpnam(name)`): no hidden state used; PRECISION: only a constant
     * NULL (or none) counts as NULL */
    if (api->null_state >= 0 && (uint32_t)api->null_state < ev->call->nargs) {
        const IrOperand *o = &ev->call->args[api->null_state];
        if (!(o->kind == IR_OPD_CONST && o->value == 0)) return;
    }
    IrPath path;
    memset(&path, 0, sizeof path);
    path.root = IR_ROOT_GLOBAL;
    path.usr = g->usr;
    path.name = api->name;
    IdSet nodes = {0};
    idset_add(&nodes, pt_root(p, g->obj));
    record(p, tp, thread, func, ev, 63, &path, &nodes, !api->state_read, false, false, false, 0, st);
    idset_free(&nodes);
}

void access_visit(Program *p, ThreadParams *tp, uint32_t thread, uint32_t func, const IrEvent *ev,
                  const FlowState *st) {
    if (ev->kind == IR_EV_READ || ev->kind == IR_EV_WRITE) {
        /* a local or temporary named directly (no dereference) is private
         * unless its address escaped: skip resolving it at all */
        if (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP) {
            bool deref = false;
            for (uint32_t i = 0; i < ev->path.nsteps && !deref; i++) deref = ev->path.steps[i].kind == IR_STEP_DEREF;
            const PtFunc *fn = &p->pt.funcs.data[func];
            uint32_t obj = ev->path.root == IR_ROOT_LOCAL ? fn->local_obj0 + ev->path.id : fn->temp_obj0 + ev->path.id;
            if (!deref && obj < p->pt.objs.len && !p->pt.objs.data[obj].shared) return;
        }
        IdSet nodes = {0};
        const IdSet *known = tparams_nodes(tp, ev);
        if (known) {
            idset_copy(&nodes, known);
        } else {
            pt_resolve_path(p, func, &ev->path, &nodes);
            inst_start_nodes(p, thread, func, &ev->path, &nodes); /* this spawn's start value */
            tparams_keep_nodes(tp, ev, &nodes);
        }
        tparams_filter(tp, func, &ev->path, &nodes); /* the values this thread (this context) passes */
        record(p, tp, thread, func, ev, -1, &ev->path, &nodes, ev->kind == IR_EV_WRITE, (ev->flags & IR_EV_ATOMIC) != 0,
               (ev->flags & IR_EV_RECORD) != 0, false, own_popped_lock(p, ev, -1), st);
        idset_free(&nodes);
    } else if (ev->kind == IR_EV_CALL && ev->call) {
        const CallInfo *ci = program_call(p, ev);
        if (ci && ci->kind == CALL_EXTERNAL && ev->call->callee.name &&
            !strncmp(ev->call->callee.name, "racecheck_", 10)) {
            debug_intrinsic(p, thread, func, ev, st);
            return;
        }
        const ApiModel *fx = program_call_effects(p, ev, ci);
        if (fx) effect_accesses(p, tp, thread, func, ev, fx, st);
        if (ci && ci->kind == CALL_API && ci->api->kind == API_THREAD_UNSAFE) {
            hidden_state_access(p, tp, thread, func, ev, ci->api, st);
            return;
        }
        /* an atomic, or a flag's atomic taken for a post or a wait (its
         * access stays: atomicity-violation's check-then-act on the flag) */
        if (!ci || ci->kind != CALL_API || !api_atomic_access(ci->api)) return;
        pointee_access(p, tp, thread, func, ev, ci->api->object, ci->api->access != ATOMIC_READ, true, false, false, st);
    }
}
