/*
 * claims.c - indices claimed from an atomic counter. A thread that takes
 * its next item with
 *
 *     size_t i = atomic_fetch_add(&next, 1);    (or __sync_fetch_and_add, add-fetch)
 *     ... out[i] = f(in[i]) ...
 *
 * gets a value no other claim from that counter gets, so two accesses that
 * index the same array with claims from one counter touch different
 * elements, or are the same claim in the same thread, in program order:
 * they never race (mhp.c, rule "claimed-index").
 *
 * A counter qualifies (stage sync-init, claims_detect) when every atomic
 * operation that may touch it adds a positive constant (fetch-add or
 * add-fetch, API model op `fetch-add`) or loads it: a store, an exchange or
 * a compare-exchange could hand a value out twice. A plain write to it
 * while threads claim is itself reported as a race on the counter.
 * A claim is a local assigned only from the result of such an operation
 * (or a temporary holding that result) whose object is exactly that
 * counter, used unchanged as an index; or a parameter every call reaching
 * the function in the thread passes a claim of the counter in (FlowState
 * claim_params: the pool worker's `sh->job(ctx, worker, i)` hands its claim
 * to the job). `out[i + 1]` or `out[i / 2]` are not claims.
 */
#include "flow.h"

#include <string.h>

/* The counter node an atomic fetch-add call adds a positive constant to,
 * or UINT32_MAX. */
static uint32_t fetch_add_counter(Program *p, uint32_t func, const IrEvent *ev, bool *positive) {
    *positive = false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) return UINT32_MAX;
    const ApiModel *m = ci->api;
    if (m->object < 0 || (uint32_t)m->object >= ev->call->nargs) return UINT32_MAX;
    IdSet t = {0};
    pt_operand_targets(p, func, &ev->call->args[m->object], &t);
    uint32_t node = t.n == 1 ? t.v[0] : UINT32_MAX;
    idset_free(&t);
    if (m->atomic_op == ATOMIC_OP_FETCH_ADD && m->value >= 0 && (uint32_t)m->value < ev->call->nargs &&
        ev->call->args[m->value].kind == IR_OPD_CONST && ev->call->args[m->value].value > 0)
        *positive = true;
    return node;
}

void claims_detect(Program *p) {
    U64Map role; /* node -> 1: a positive fetch-add, 2: another operation that writes */
    u64map_init(&role);
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC || ci->api->access == ATOMIC_READ)
            continue;
        const ApiModel *m = ci->api;
        if (m->object < 0 || (uint32_t)m->object >= ev->call->nargs) continue;
        bool positive = false;
        uint32_t node = fetch_add_counter(p, (uint32_t)f, ev, &positive);
        IdSet t = {0};
        pt_operand_targets(p, (uint32_t)f, &ev->call->args[m->object], &t);
        for (uint32_t k = 0; k < t.n; k++) {
            uint64_t old = 0;
            u64map_get(&role, t.v[k], &old);
            u64map_put(&role, t.v[k], old | (positive && node == t.v[k] ? 1 : 2));
        }
        idset_free(&t);
    }
    for (size_t i = 0; i < role.cap; i++)
        if (role.keys[i] != UINT64_MAX && role.vals[i] == 1) idset_add(&p->sync.claim_counters, (uint32_t)role.keys[i]);
    u64map_free(&role);
}

/* The counter whose claim bare local or temp `var` (root LOCAL or TEMP)
 * holds in func, from the function alone; UINT32_MAX when none. Cached per
 * (func, root, id). */
static uint32_t local_claim(Program *p, uint32_t func, uint8_t root, uint32_t id) {
    uint64_t key = (uint64_t)func << 33 | (uint64_t)(root == IR_ROOT_TEMP) << 32 | id, v;
    if (u64map_get(&p->sync.claim_vars, key, &v)) return (uint32_t)v;
    uint32_t got = UINT32_MAX;
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrPath bare;
    memset(&bare, 0, sizeof bare);
    bare.root = root;
    bare.id = id;
    const IrVarDefs *d = ir_defuse_var(du, &bare);
    if (root == IR_ROOT_TEMP && d && d->has_def) {
        const IrEvent *ev = ir_event_at(f, d->def);
        if (ev->kind == IR_EV_CALL && ev->call && ev->call->result == (int32_t)id) {
            bool positive;
            uint32_t node = fetch_add_counter(p, func, ev, &positive);
            if (positive && node != UINT32_MAX && idset_has(&p->sync.claim_counters, node)) got = node;
        } else if (ev->kind == IR_EV_ASSIGN && ev->src && ev->src->kind == IR_OPD_VALUE && !ev->src->offset &&
                   !ev->src->path.nsteps && ev->src->path.root != IR_ROOT_GLOBAL) {
            got = local_claim(p, func, ev->src->path.root, ev->src->path.id);
        }
    } else if (root == IR_ROOT_LOCAL && d && id >= f->nparams && d->nwrites == 1 && d->has_assign &&
               !(f->locals[id].flags & IR_LOCAL_ADDR_TAKEN)) {
        const IrEvent *ev = ir_event_at(f, d->assign);
        if (ev->src && ev->src->kind == IR_OPD_VALUE && !ev->src->offset && !ev->src->path.nsteps &&
            ev->src->path.root == IR_ROOT_TEMP)
            got = local_claim(p, func, IR_ROOT_TEMP, ev->src->path.id);
    }
    u64map_put(&p->sync.claim_vars, key, got);
    return got;
}

bool model_param_unchanged(const Program *p, uint32_t func, uint32_t k) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (k >= f->nparams || (f->locals[k].flags & IR_LOCAL_ADDR_TAKEN)) return false;
    IrPath bare;
    memset(&bare, 0, sizeof bare);
    bare.root = IR_ROOT_LOCAL;
    bare.id = k;
    const IrVarDefs *d = ir_defuse_var(model_defuse(p, f), &bare);
    return d && !d->nwrites && !d->nassigns;
}

uint32_t claim_of_var(Program *p, uint32_t func, uint8_t root, uint32_t id, const FlowState *st) {
    if (!p->sync.claim_counters.n || (root != IR_ROOT_LOCAL && root != IR_ROOT_TEMP)) return UINT32_MAX;
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (root == IR_ROOT_LOCAL && id < f->nparams) {
        if (id >= FLOW_CLAIM_PARAMS || !(st->claim_params >> id & 1) || !model_param_unchanged(p, func, id))
            return UINT32_MAX;
        return st->claim_counter[id];
    }
    return local_claim(p, func, root, id);
}

uint32_t claim_of_operand(Program *p, uint32_t func, const IrOperand *op, const FlowState *st) {
    if (op->kind != IR_OPD_VALUE || op->offset || op->path.nsteps) return UINT32_MAX;
    return claim_of_var(p, func, op->path.root, op->path.id, st);
}

int claim_step(Program *p, uint32_t func, const IrPath *path, const FlowState *st, uint32_t *counter) {
    for (uint32_t i = 0; i < path->nsteps && i < 255; i++) {
        const IrStep *s = &path->steps[i];
        if (s->kind != IR_STEP_INDEX || (s->index_kind != IR_INDEX_LOCAL && s->index_kind != IR_INDEX_TEMP)) continue;
        uint32_t c = claim_of_var(p, func, s->index_kind == IR_INDEX_LOCAL ? IR_ROOT_LOCAL : IR_ROOT_TEMP, s->local, st);
        if (c != UINT32_MAX) {
            *counter = c;
            return (int)i;
        }
    }
    return -1;
}
