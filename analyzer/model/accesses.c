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

#include <string.h>

static bool obj_can_race(const Program *p, uint32_t node) {
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[node].obj];
    if (!o->shared) return false;
    if (o->kind == OBJ_FUNC || o->kind == OBJ_EXTFUNC || o->kind == OBJ_STRING) return false;
    if (o->kind == OBJ_GLOBAL && (p->link.globals.data[o->a].flags & IR_GLOBAL_CONST)) return false;
    return true;
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
    uint32_t live = UINT32_MAX, ever = UINT32_MAX, waited = 0, cwaited = 0, posted = 0, phases = 0;
    char sp[512];
    const char *spelling = NULL;
    const IrEvent *elem_spawn = NULL;
    int inst_step = -1;
    HeldLocksPrep *held = NULL;
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
            ir_path_str(p->link.funcs.data[func].ir, spath, sp, sizeof sp);
            spelling = intern(&p->strings, sp);
            /* what depends on the access path, not on the location reached */
            elem_spawn = inst_element_spawn(p, func, ev, spath);
            inst_step = model_thread_many(p, thread) ? inst_private_step(p, thread, func, spath) : -1;
            held = heldlocks_prepare(p, func, spath, &st->held);
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
        a.spelling = spelling;
        a.before_spawn = inst_before_spawn(p, func, ev, o);
        a.elem_spawn = elem_spawn;
        a.inst_private = inst_step >= 0;
        a.inst_step = inst_step >= 0 ? (uint8_t)inst_step : 0;
        a.unpublished = o->kind == OBJ_HEAP && own_before_publication(p, p->pt.nodes.data[node].obj, func, ev);
        a.locks = heldlocks_at_access(p, held, node, &a.nlocks);
        vec_push(&p->tm.accesses, a);
    }
    heldlocks_free(held);
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
