/*
 * sync.c - synchronisation objects other than locks: what the program says
 * about its semaphores before any thread runs.
 *
 * Semaphores: the initial value given at each sem-init call in reachable
 * code, per semaphore object (points-to node). A semaphore initialised to 0
 * orders a post before the matching wait (a hand-off); one initialised to 1
 * or more is used as a lock (flow.c). Several different initial values, or a
 * value that is not a constant, count as unknown (neither).
 *
 * During the per-thread pass (sync_event): waits, posts, signals and
 * barrier waits update the flow state's synchronisation sets (flow.h), and
 * which threads post or signal each object, or wait at each barrier, is
 * recorded (Program.sync.users) for the ordering rules of mhp.c.
 */
#include "flow.h"

/* Initial values of semaphores (sem-init calls in reachable code). */
void sync_scan_inits(Program *p) {
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!p->link.funcs.data[f].reachable) continue;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind != CALL_API || ci->api->kind != API_SEM_INIT) continue;
                const ApiModel *m = ci->api;
                if ((uint32_t)m->sem >= ev->call->nargs || (uint32_t)m->value >= ev->call->nargs) continue;
                const IrOperand *v = &ev->call->args[m->value];
                uint64_t val = v->kind == IR_OPD_CONST && v->value >= 0 ? (uint64_t)v->value + 1 : 0;
                IdSet nodes = {0};
                pt_operand_targets(p, (uint32_t)f, &ev->call->args[m->sem], &nodes);
                for (uint32_t i = 0; i < nodes.n; i++) {
                    uint64_t old;
                    if (u64map_get(&p->sync.sem_init, nodes.v[i], &old) && old != val) val = 0;
                    u64map_put(&p->sync.sem_init, nodes.v[i], val);
                }
                idset_free(&nodes);
            }
    }
}

/* The one node a synchronisation argument designates, or UINT32_MAX. */
static uint32_t sync_node(Program *p, uint32_t func, const IrCall *call, int arg, IdSet *all) {
    if (arg < 0 || (uint32_t)arg >= call->nargs) return UINT32_MAX;
    IdSet nodes = {0};
    pt_operand_targets(p, func, &call->args[arg], &nodes);
    uint32_t n = nodes.n == 1 ? nodes.v[0] : UINT32_MAX;
    if (all) idset_union(all, &nodes);
    idset_free(&nodes);
    return n;
}

/* Thread t posts/signals (role 0) or waits at the barrier (role 1) node n. */
static void add_sync_user(Program *p, uint32_t n, uint32_t role, uint32_t t) {
    uint64_t key = (uint64_t)n << 2 | role, v;
    IdSet s = {0};
    if (u64map_get(&p->sync.users, key, &v)) idset_copy(&s, &p->sets.data[v]);
    idset_add(&s, t);
    u64map_put(&p->sync.users, key, model_intern_set(p, &s));
    idset_free(&s);
}

void sync_event(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const ApiModel *m, FlowState *st) {
    IdSet all = {0};
    uint32_t n;
    switch (m->kind) {
    case API_SEM_WAIT:
        n = sync_node(p, func, ev->call, m->sem, NULL);
        if (n != UINT32_MAX && !m->has_success) idset_add(&st->waited, n);
        break;
    case API_COND_WAIT:
        n = sync_node(p, func, ev->call, m->cond, NULL);
        if (n != UINT32_MAX) idset_add(&st->cwaited, n);
        break;
    case API_SEM_POST: case API_COND_SIGNAL:
        sync_node(p, func, ev->call, m->kind == API_SEM_POST ? m->sem : m->cond, &all);
        idset_union(&st->posted, &all);
        for (uint32_t i = 0; i < all.n; i++) add_sync_user(p, all.v[i], 0, thread);
        break;
    case API_BARRIER_WAIT:
        n = sync_node(p, func, ev->call, m->barrier, NULL);
        if (n != UINT32_MAX) {
            flow_barrier_pass(&st->phases, n);
            add_sync_user(p, n, 1, thread);
        }
        break;
    default: break;
    }
    idset_free(&all);
}
