/*
 * instances.c - per-thread data: which accesses of a many-instance thread
 * touch the instance's own element of an array.
 *
 * A spawn in a loop hands each instance a distinct argument when it passes
 *   - a value the loop changes every iteration (`(void *)i`): ARG_VALUE;
 *   - the address of an element indexed by such a value (`&ids[i]`,
 *     `&args[i]`), or an object allocated per instance (ownership.c):
 *     ARG_ELEMENT.
 * In the thread's routine, a local is an instance index when it is assigned
 * once, from the parameter (ARG_VALUE) or from what the parameter points to
 * (ARG_ELEMENT: ASSUMPTION, the creator stored distinct values in the
 * elements, as `ids[i] = i` does), or from another instance index. An
 * access indexed by an instance index (`data[id]`), or through the
 * parameter into its element (`arg->result`, ARG_ELEMENT), is private to
 * the instance: instances of one thread never conflict on it. `data[id / 2]`
 * or `data[shared]` are not instance indices.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* Is local v written inside loop `loop` of f? */
static bool written_in_loop(const IrFunc *f, uint32_t v, int32_t loop) {
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_block_in_loop(f, b, loop)) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_WRITE && ev->path.root == IR_ROOT_LOCAL && ev->path.id == v && !ev->path.nsteps)
                return true;
        }
    }
    return false;
}

uint8_t inst_spawn_arg(Program *p, uint32_t func, const IrOperand *arg, int32_t loop) {
    const IrFunc *f = p->funcs.data[func].ir;
    if (loop < 0 || !arg) return INST_ARG_NONE;
    if (arg->kind == IR_OPD_VALUE && !arg->path.nsteps && arg->path.root == IR_ROOT_LOCAL) {
        /* a pointer to an object allocated per instance first: its value is
         * distinct, and so is what it points to */
        IdSet t = {0};
        pt_operand_targets(p, func, arg, &t);
        bool own = t.n > 0;
        for (uint32_t i = 0; i < t.n && own; i++) own = p->objs.data[p->nodes.data[t.v[i]].obj].per_instance;
        idset_free(&t);
        if (own) return INST_ARG_ELEMENT;
        return written_in_loop(f, arg->path.id, loop) ? INST_ARG_VALUE : INST_ARG_NONE;
    }
    if (arg->kind == IR_OPD_ADDR)
        for (uint32_t i = 0; i < arg->path.nsteps; i++) {
            const IrStep *s = &arg->path.steps[i];
            if (s->kind == IR_STEP_INDEX && s->index_kind == IR_INDEX_LOCAL && written_in_loop(f, s->local, loop))
                return INST_ARG_ELEMENT;
        }
    return INST_ARG_NONE;
}

/* Writes to each plain local of f (params count as written once on entry). */
static void count_writes(const IrFunc *f, uint32_t *writes) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_WRITE && ev->path.root == IR_ROOT_LOCAL && !ev->path.nsteps &&
                ev->path.id < f->nlocals)
                writes[ev->path.id]++;
        }
    for (uint32_t i = 0; i < f->nparams && i < f->nlocals; i++) writes[i]++;
}

/* The instance indices (idx) and the copies of the parameter (alias) of
 * routine f for an argument of kind `kind`. */
static void find_locals(const IrFunc *f, uint8_t kind, IdSet *idx, IdSet *alias) {
    if (!f->nparams || !f->nlocals) return;
    uint32_t *writes = xcalloc(f->nlocals, sizeof(uint32_t));
    count_writes(f, writes);
    if (writes[0] == 1) {
        idset_add(alias, 0);
        if (kind == INST_ARG_VALUE) idset_add(idx, 0);
    }
    for (int round = 0; round < 3; round++)
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind != IR_EV_ASSIGN || ev->path.root != IR_ROOT_LOCAL || ev->path.nsteps ||
                    ev->path.id >= f->nlocals || writes[ev->path.id] != 1 || ev->src->kind != IR_OPD_VALUE)
                    continue;
                const IrPath *s = &ev->src->path;
                if (s->root != IR_ROOT_LOCAL || ev->src->offset) continue;
                if (!s->nsteps) {
                    if (idset_has(alias, s->id)) idset_add(alias, ev->path.id);
                    if (idset_has(idx, s->id)) idset_add(idx, ev->path.id);
                } else if (kind == INST_ARG_ELEMENT && idset_has(alias, s->id) && s->steps[0].kind == IR_STEP_DEREF) {
                    bool plain = true; /* *arg or arg->field, no further dereference */
                    for (uint32_t i = 1; i < s->nsteps; i++) plain &= s->steps[i].kind == IR_STEP_FIELD;
                    if (plain) idset_add(idx, ev->path.id);
                }
            }
    free(writes);
}

/* Is temporary tmp (an index read through a pointer, IR_INDEX_TEMP) an
 * instance index: a copy of one, or (ARG_ELEMENT) read through the parameter
 * into its element (`a[*id]`, `a[ctx->index]`)? Temporaries are assigned once. */
static bool temp_is_index(const IrFunc *f, uint8_t kind, const IdSet *idx, const IdSet *alias, uint32_t tmp) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_ASSIGN || ev->path.root != IR_ROOT_TEMP || ev->path.id != tmp || ev->path.nsteps)
                continue;
            if (ev->src->kind != IR_OPD_VALUE || ev->src->path.root != IR_ROOT_LOCAL) return false;
            const IrPath *s = &ev->src->path;
            if (!s->nsteps) return idset_has(idx, s->id);
            if (kind != INST_ARG_ELEMENT || !idset_has(alias, s->id) || s->steps[0].kind != IR_STEP_DEREF)
                return false;
            for (uint32_t i = 1; i < s->nsteps; i++)
                if (s->steps[i].kind != IR_STEP_FIELD) return false;
            return true;
        }
    return false;
}

bool inst_private_access(Program *p, uint32_t thread, uint32_t func, const IrPath *path) {
    const Thread *t = &p->threads.data[thread];
    if (!t->arg_kind || !idset_has(&t->routines, func)) return false;
    uint64_t key = ((uint64_t)thread << 32 | func) << 1, v;
    if (!u64map_get(&p->inst_locals, key, &v)) {
        IdSet idx = {0}, alias = {0};
        find_locals(p->funcs.data[func].ir, t->arg_kind, &idx, &alias);
        u64map_put(&p->inst_locals, key, model_intern_set(p, &idx));
        u64map_put(&p->inst_locals, key | 1, model_intern_set(p, &alias));
        idset_free(&idx);
        idset_free(&alias);
        u64map_get(&p->inst_locals, key, &v);
    }
    const IdSet *idx = &p->sets.data[v];
    u64map_get(&p->inst_locals, key | 1, &v);
    const IdSet *alias = &p->sets.data[v];
    if (t->arg_kind == INST_ARG_ELEMENT && path->root == IR_ROOT_LOCAL && idset_has(alias, path->id) &&
        path->nsteps && path->steps[0].kind == IR_STEP_DEREF) {
        bool plain = true;
        for (uint32_t i = 1; i < path->nsteps; i++) plain &= path->steps[i].kind != IR_STEP_DEREF;
        if (plain) return true;
    }
    for (uint32_t i = 0; i < path->nsteps; i++) {
        const IrStep *s = &path->steps[i];
        if (s->kind != IR_STEP_INDEX) continue;
        if (s->index_kind == IR_INDEX_LOCAL && idset_has(idx, s->local)) return true;
        if (s->index_kind == IR_INDEX_TEMP && temp_is_index(p->funcs.data[func].ir, t->arg_kind, idx, alias, s->local))
            return true;
    }
    return false;
}
