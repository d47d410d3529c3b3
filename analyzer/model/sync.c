/*
 * sync.c - synchronisation objects other than locks: what the program says
 * about its semaphores before any thread runs.
 *
 * Semaphores: the initial value given at each sem-init call in reachable
 * code, per semaphore object (points-to node). A semaphore initialised to 0
 * orders a post before the matching wait (a hand-off); one initialised to 1
 * or more is used as a lock (flow.c). Several different initial values, or a
 * value that is not a constant, count as unknown (neither).
 */
#include "model.h"

/* Initial values of semaphores (sem-init calls in reachable code). */
void sync_scan_inits(Program *p) {
    for (size_t f = 0; f < p->funcs.len; f++) {
        const IrFunc *ir = p->funcs.data[f].ir;
        if (!p->funcs.data[f].reachable) continue;
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
                    if (u64map_get(&p->sem_init, nodes.v[i], &old) && old != val) val = 0;
                    u64map_put(&p->sem_init, nodes.v[i], val);
                }
                idset_free(&nodes);
            }
    }
}

