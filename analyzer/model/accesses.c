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
    if (o->kind == OBJ_GLOBAL && (p->link.globals.data[o->a].flags & IR_GLOBAL_CONST)) return false;
    return true;
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
        HeldLock hl = {n->v[0], LMODE_EXCL, LOCK_INDEX_NONE, 0, (uint16_t)(holder + 1), intern(&p->strings, sp)};
        vec_push(&all, hl);
        if (all.len - a->nlocks >= UINT16_MAX) break;
    }
    a->ninherited = (uint16_t)(all.len - a->nlocks);
    a->locks = a->ninherited ? arena_memdup(p->arena, all.data, all.len * sizeof(HeldLock)) : a->locks;
    vec_free(&all);
}

/* SOUNDNESS: an access whose pointer may reach more than
 * Program.max_access_targets locations (the data-race rule's option
 * max-access-targets, MODEL_MAX_ACCESS_TARGETS by default) is not checked
 * (counted in a note): such sets come from imprecise aliasing and would bury
 * real findings under false ones. */
static void record(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const IrPath *spath, const IdSet *nodes,
                   bool write, bool atomic, const FlowState *st) {
    if (nodes->n > p->tm.max_access_targets) {
        p->tm.unchecked_accesses++;
        return;
    }
    uint32_t live = UINT32_MAX, ever = UINT32_MAX, waited = 0, cwaited = 0, posted = 0, phases = 0, holds = 0;
    char sp[512];
    const char *spelling = NULL;
    const IrEvent *elem_spawn = NULL;
    int inst_step = -1;
    HeldLocksPrep *held = NULL;
    HoldList inh = {0};
    for (uint32_t i = 0; i < nodes->n; i++) {
        uint32_t node = nodes->v[i];
        if (!obj_can_race(p, node)) continue;
        if (live == UINT32_MAX) {
            live = model_intern_set(p, &st->live);
            ever = model_intern_set(p, &st->ever);
            waited = model_intern_set(p, &st->waited);
            cwaited = model_intern_set(p, &st->cwaited);
            posted = model_intern_set(p, &st->posted);
            phases = model_intern_set(p, &st->phases);
            holds = access_holds(p, st);
            ir_path_str(p->link.funcs.data[func].ir, spath, sp, sizeof sp);
            spelling = intern(&p->strings, sp);
            /* what depends on the access path, not on the location reached */
            elem_spawn = inst_element_spawn(p, func, ev, spath);
            inst_step = model_thread_many(p, thread) ? inst_private_step(p, thread, func, spath) : -1;
            held = heldlocks_prepare(p, func, spath, &st->held);
            model_inherited_locks(p, thread, &inh);
        }
        Access a;
        memset(&a, 0, sizeof a);
        a.node = node;
        a.thread = thread;
        a.func = func;
        a.ev = ev;
        a.write = write;
        a.atomic = atomic;
        const Obj *o = &p->pt.objs.data[p->pt.nodes.data[node].obj];
        if (o->kind == OBJ_GLOBAL && (p->link.globals.data[o->a].flags & IR_GLOBAL_ATOMIC) &&
            p->pt.nodes.data[node].parent == UINT32_MAX)
            a.atomic = true;
        a.live = live;
        a.ever = ever;
        a.waited = waited;
        a.cwaited = cwaited;
        a.posted = posted;
        a.phases = phases;
        a.holds = holds;
        a.spelling = spelling;
        a.before_spawn = inst_before_spawn(p, func, ev, o);
        a.elem_spawn = elem_spawn;
        a.inst_private = inst_step >= 0;
        a.inst_step = inst_step >= 0 ? (uint8_t)inst_step : 0;
        a.unpublished = o->kind == OBJ_HEAP && own_before_publication(p, p->pt.nodes.data[node].obj, func, ev);
        a.locks = heldlocks_at_access(p, held, node, &a.nlocks);
        if (inh.len) add_inherited(p, &a, &inh);
        vec_push(&p->tm.accesses, a);
    }
    heldlocks_free(held);
    vec_free(&inh);
}

void access_visit(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const FlowState *st) {
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
        pt_resolve_path(p, func, &ev->path, &nodes);
        inst_start_nodes(p, thread, func, &ev->path, &nodes); /* this spawn's start value */
        record(p, thread, func, ev, &ev->path, &nodes, ev->kind == IR_EV_WRITE, (ev->flags & IR_EV_ATOMIC) != 0, st);
        idset_free(&nodes);
    } else if (ev->kind == IR_EV_CALL && ev->call) {
        const CallInfo *ci = program_call(p, ev);
        if (ci && ci->kind == CALL_EXTERNAL && ev->call->callee.name &&
            !strncmp(ev->call->callee.name, "racecheck_", 10)) {
            debug_intrinsic(p, thread, func, ev, st);
            return;
        }
        if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) return;
        int oa = ci->api->object;
        if (oa < 0 || (uint32_t)oa >= ev->call->nargs) return;
        const IrOperand *op = &ev->call->args[oa];
        IdSet nodes = {0};
        pt_operand_targets(p, func, op, &nodes);
        IrPath sp;
        if (op->kind == IR_OPD_ADDR) sp = op->path;
        else if (op->kind == IR_OPD_VALUE) {
            IrStep d = {.kind = IR_STEP_DEREF};
            sp = ir_path_append(p->arena, &op->path, d);
        } else {
            idset_free(&nodes);
            return;
        }
        record(p, thread, func, ev, &sp, &nodes, ci->api->access != ATOMIC_READ, true, st);
        idset_free(&nodes);
    }
}
