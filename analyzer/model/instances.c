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
 *
 * Start values: a routine only started by spawns (no program function
 * calls it) receives in its start parameter the argument of the spawn that
 * started the thread. An access through that parameter, or through a local
 * copied once from it, reaches what this spawn's argument points to (nothing
 * for NULL), not what every spawn of the routine passes; a test of the
 * parameter against NULL has one feasible edge when the argument is NULL or
 * an address.
 *
 * Hand-over: the creator filling in, earlier in the loop iteration than the
 * spawn, the per-instance object (inst_before_spawn) or the array element
 * (`args[i].x = ...; create(..., &args[i])`: inst_element_spawn) it is about
 * to hand to the new instance touches what no running instance uses.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* Does every location arg may point to lie in an object allocated per
 * iteration of the spawn's loop (ownership.c, per_iteration)? */
static bool points_per_iteration(Program *p, uint32_t func, const IrOperand *arg) {
    IdSet t = {0};
    pt_operand_targets(p, func, arg, &t);
    bool own = t.n > 0;
    for (uint32_t i = 0; i < t.n && own; i++) own = p->pt.objs.data[p->pt.nodes.data[t.v[i]].obj].per_iteration;
    idset_free(&t);
    return own;
}

/* Is local v stepped in loop `loop` and otherwise left alone there: every
 * write of it in the loop a step up (or every one a step down), at least
 * one? */
static bool stepped_in_loop(const IrDefUse *du, uint32_t v, int32_t loop) {
    const IrFunc *f = ir_defuse_func(du);
    uint32_t up = 0, down = 0, other = 0;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop)) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if ((ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) || ev->path.root != IR_ROOT_LOCAL ||
                ev->path.id != v || ev->path.nsteps)
                continue;
            if (ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_STEP_UP)) up++;
            else if (ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_STEP_DOWN)) down++;
            else if (ev->kind == IR_EV_ASSIGN) {
                /* `i = i + 1`: its write is no step, its value says */
                const IrArith *a = ev->src ? (ir_operand_narith(ev->src) == 3 ? ev->src->arith : NULL) : NULL;
                if (!a || a[0].kind != IR_ARITH_LOCAL || a[0].local != v || a[1].kind != IR_ARITH_CONST ||
                    a[1].value <= 0 || (a[2].kind != IR_ARITH_ADD && a[2].kind != IR_ARITH_SUB))
                    other++;
                else if (a[2].kind == IR_ARITH_ADD) up++;
                else down++;
            }
        }
    }
    return !other && ((up > 0) != (down > 0));
}

/* Does local v hold another value in every round of loop `loop` (a spawn's
 * distinct argument, or the index of its distinct element)? A counter the
 * loop steps, or a local assigned once, in the loop, a copy of one (plus
 * or minus a constant): `id = i`, `k = i + 1` - not `i / 2`, nor a value
 * read from memory. */
static bool distinct_in_loop(const IrDefUse *du, uint32_t v, int32_t loop) {
    const IrFunc *f = ir_defuse_func(du);
    if (v >= f->nlocals || (f->locals[v].flags & IR_LOCAL_ADDR_TAKEN)) return false;
    if (stepped_in_loop(du, v, loop)) return true;
    const IrVarDefs *d = ir_defuse_local(du, v);
    const IrEvent *ev = ir_defuse_sole_assign(du, d);
    IrEventId id;
    if (!ev || !ev->src || d->nwrites != 1 || !ir_defuse_event_id(du, ev, &id) ||
        !ir_defuse_block_in_loop(du, id.block, loop))
        return false;
    const IrOperand *s = ev->src;
    if (s->kind == IR_OPD_VALUE && !s->offset && s->path.root == IR_ROOT_LOCAL && !s->path.nsteps)
        return s->path.id != v && stepped_in_loop(du, s->path.id, loop);
    uint32_t n = ir_operand_narith(s);
    if (n != 3) return false;
    const IrArith *a = s->arith;
    uint8_t op = a[2].kind;
    if (op != IR_ARITH_ADD && op != IR_ARITH_SUB) return false;
    if (a[0].kind == IR_ARITH_LOCAL && a[1].kind == IR_ARITH_CONST)
        return a[0].local != v && stepped_in_loop(du, a[0].local, loop);
    if (op == IR_ARITH_ADD && a[0].kind == IR_ARITH_CONST && a[1].kind == IR_ARITH_LOCAL)
        return a[1].local != v && stepped_in_loop(du, a[1].local, loop);
    return false;
}

/* Is some index step of path a local distinct in every round of the loop
 * (`ctxs[i]`)? */
static bool indexed_in_loop(const IrDefUse *du, const IrPath *path, int32_t loop) {
    for (uint32_t i = 0; i < path->nsteps; i++) {
        const IrStep *s = &path->steps[i];
        if (s->kind == IR_STEP_INDEX && s->index_kind == IR_INDEX_LOCAL && distinct_in_loop(du, s->local, loop))
            return true;
    }
    return false;
}

/* Is path (indexed by a local i the loop writes) assigned, in the loop and
 * nowhere else, only the address of an element indexed by that same i
 * (`ptrs[i] = &results[i]`)? Then its value differs every iteration. */
static bool element_address_stored(Program *p, uint32_t func, const IrPath *path, int32_t loop) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    int64_t i = -1;
    for (uint32_t s = 0; s < path->nsteps; s++)
        if (path->steps[s].kind == IR_STEP_INDEX && path->steps[s].index_kind == IR_INDEX_LOCAL)
            i = path->steps[s].local;
    if (i < 0) return false;
    uint32_t stores = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if ((ev->kind != IR_EV_ASSIGN && ev->kind != IR_EV_WRITE) || !ir_path_equal(&ev->path, path)) continue;
            if (ev->kind == IR_EV_WRITE) {
                if (ev->flags & IR_EV_RMW) return false;
                continue;
            }
            const IrOperand *s = ev->src;
            bool same_index = false;
            if (s && s->kind == IR_OPD_ADDR && !s->offset)
                for (uint32_t k = 0; k < s->path.nsteps; k++)
                    same_index |= s->path.steps[k].kind == IR_STEP_INDEX &&
                                  s->path.steps[k].index_kind == IR_INDEX_LOCAL && s->path.steps[k].local == (uint64_t)i;
            if (!same_index || !ir_defuse_block_in_loop(du, b, loop)) return false;
            stores++;
        }
    return stores == 1;
}

uint8_t inst_spawn_arg(Program *p, uint32_t func, const IrOperand *arg, int32_t loop) {
    const IrDefUse *du = model_defuse(p, p->link.funcs.data[func].ir);
    if (loop < 0 || !arg) return INST_ARG_NONE;
    if (arg->kind == IR_OPD_VALUE && !arg->path.nsteps && arg->path.root == IR_ROOT_LOCAL) {
        /* a pointer to an object allocated per instance first: its value is
         * distinct, and so is what it points to */
        if (points_per_iteration(p, func, arg)) return INST_ARG_ELEMENT;
        return distinct_in_loop(du, arg->path.id, loop) ? INST_ARG_VALUE : INST_ARG_NONE;
    }
    /* ... read back from the element the iteration stored it in
     * (`ctxs[i] = calloc(..); create(.., ctxs[i])`, or `ptrs[i] =
     * &results[i]; create(.., ptrs[i])`) */
    if (arg->kind == IR_OPD_VALUE && !arg->offset && indexed_in_loop(du, &arg->path, loop) &&
        (points_per_iteration(p, func, arg) || element_address_stored(p, func, &arg->path, loop)))
        return INST_ARG_ELEMENT;
    if (arg->kind == IR_OPD_ADDR && indexed_in_loop(du, &arg->path, loop)) return INST_ARG_ELEMENT;
    return INST_ARG_NONE;
}

/* The instance indices (idx) and the copies of the instance's element
 * pointer (alias) of function f for an argument of kind `kind`, from the
 * parameters (k < 64) that hold one on entry: idx_seed and alias_seed (the
 * routine's start parameter; a helper's, InstParams). */
static void find_locals(const IrDefUse *du, uint8_t kind, uint64_t idx_seed, uint64_t alias_seed, IdSet *idx,
                        IdSet *alias) {
    const IrFunc *f = ir_defuse_func(du);
    if (!f->nparams || !f->nlocals) return;
    /* writes to a plain local (a parameter counts as written once on entry) */
#define WRITES(v) (ir_defuse_local(du, v)->nwrites + ((v) < f->nparams))
    for (uint32_t k = 0; k < f->nparams && k < 64; k++) {
        if (WRITES(k) != 1) continue;
        if (alias_seed >> k & 1) idset_add(alias, k);
        if (idx_seed >> k & 1) idset_add(idx, k);
    }
    for (int round = 0; round < 3; round++)
        for (uint32_t v = 0; v < f->nlocals; v++) {
            const IrVarDefs *d = ir_defuse_local(du, v);
            if (WRITES(v) != 1 || !d->has_assign) continue;
            const IrEvent *ev = ir_event_at(f, d->assign);
            if (ev->src->kind != IR_OPD_VALUE) continue;
            const IrPath *s = &ev->src->path;
            if (s->root != IR_ROOT_LOCAL || ev->src->offset) continue;
            if (!s->nsteps) {
                if (idset_has(alias, s->id)) idset_add(alias, v);
                if (idset_has(idx, s->id)) idset_add(idx, v);
            } else if (kind == INST_ARG_ELEMENT && idset_has(alias, s->id) && s->steps[0].kind == IR_STEP_DEREF) {
                bool plain = true; /* *arg or arg->field, no further dereference */
                for (uint32_t i = 1; i < s->nsteps; i++) plain &= s->steps[i].kind == IR_STEP_FIELD;
                if (plain) idset_add(idx, v);
            }
        }
#undef WRITES
}

/* Is temporary tmp (an index read through a pointer, IR_INDEX_TEMP) an
 * instance index: a copy of one, or (ARG_ELEMENT) read through the parameter
 * into its element (`a[*id]`, `a[ctx->index]`), defined once? */
static bool temp_is_index(const IrDefUse *du, uint8_t kind, const IdSet *idx, const IdSet *alias, uint32_t tmp) {
    const IrVarDefs *d = ir_defuse_temp(du, tmp);
    if (!d || !d->has_def) return false;
    const IrEvent *ev = ir_event_at(ir_defuse_func(du), d->def);
    if (ev->kind != IR_EV_ASSIGN || ev->src->kind != IR_OPD_VALUE || ev->src->path.root != IR_ROOT_LOCAL)
        return false;
    const IrPath *s = &ev->src->path;
    if (!s->nsteps) return idset_has(idx, s->id);
    if (kind != INST_ARG_ELEMENT || !idset_has(alias, s->id) || s->steps[0].kind != IR_STEP_DEREF) return false;
    for (uint32_t i = 1; i < s->nsteps; i++)
        if (s->steps[i].kind != IR_STEP_FIELD) return false;
    return true;
}

/* The instance indices and element pointers of func in thread (interned
 * set ids): the routine's from its start parameter (cached), a helper's
 * from the parameters its calls in this context pass them in (ip). False
 * when it has none. */
static bool inst_locals_of(Program *p, uint32_t thread, uint32_t func, InstParams ip, uint32_t *idx_id,
                           uint32_t *alias_id) {
    const Thread *t = &p->tm.threads.data[thread];
    if (!t->arg_kind) return false;
    bool routine = idset_has(&t->routines, func);
    if (!routine && !ip.idx && !ip.ptr) return false;
    uint64_t key = ((uint64_t)thread << 32 | func) << 1, v;
    if (routine && u64map_get(&p->tm.inst_locals, key, &v)) {
        *idx_id = (uint32_t)v;
        u64map_get(&p->tm.inst_locals, key | 1, &v);
        *alias_id = (uint32_t)v;
        return true;
    }
    /* a helper: cached per (thread, func, ip) */
    uint64_t hk = hash_mix(hash_mix(hash_mix((uint64_t)thread << 32 | func, ip.idx), ip.ptr), 0) & ~(1ULL << 63);
    if (!routine)
        for (uint64_t k = hk; u64map_get(&p->tm.inst_seeded, k, &v); k = (k + 1) & ~(1ULL << 63)) {
            const InstSeeded *s = &p->tm.inst_seeds.data[v];
            if (s->thread == thread && s->func == func && s->idx == ip.idx && s->ptr == ip.ptr) {
                *idx_id = s->idx_id;
                *alias_id = s->alias_id;
                return true;
            }
            hk = (k + 1) & ~(1ULL << 63);
        }
    IdSet idx = {0}, alias = {0};
    InstSeeded seed = {thread, func, ip.idx, ip.ptr, 0, 0};
    if (routine) ip.idx = t->arg_kind == INST_ARG_VALUE, ip.ptr = 1;
    find_locals(model_defuse(p, p->link.funcs.data[func].ir), t->arg_kind, ip.idx, ip.ptr, &idx, &alias);
    *idx_id = model_intern_set(p, &idx);
    *alias_id = model_intern_set(p, &alias);
    if (routine) {
        u64map_put(&p->tm.inst_locals, key, *idx_id);
        u64map_put(&p->tm.inst_locals, key | 1, *alias_id);
    } else {
        seed.idx_id = *idx_id;
        seed.alias_id = *alias_id;
        vec_push(&p->tm.inst_seeds, seed);
        u64map_put(&p->tm.inst_seeded, hk, p->tm.inst_seeds.len - 1);
    }
    idset_free(&idx);
    idset_free(&alias);
    return true;
}

uint8_t inst_operand_role(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrOperand *o) {
    uint32_t i, a;
    if (o->kind != IR_OPD_VALUE || o->offset || o->path.root != IR_ROOT_LOCAL) return 0;
    if (!inst_locals_of(p, thread, func, ip, &i, &a)) return 0;
    const IrPath *s = &o->path;
    if (!s->nsteps)
        return (uint8_t)((idset_has(&p->sets.data[i], s->id) ? INST_ROLE_INDEX : 0) |
                         (idset_has(&p->sets.data[a], s->id) ? INST_ROLE_ELEMENT : 0));
    /* a field of the instance's element (`t->id`): an index, as a local
     * assigned from it is (find_locals) */
    if (p->tm.threads.data[thread].arg_kind != INST_ARG_ELEMENT || !idset_has(&p->sets.data[a], s->id) ||
        s->steps[0].kind != IR_STEP_DEREF)
        return 0;
    for (uint32_t k = 1; k < s->nsteps; k++)
        if (s->steps[k].kind != IR_STEP_FIELD) return 0;
    return INST_ROLE_INDEX;
}

/* The index step of path indexed by an instance index (idx, alias: the
 * instance's locals), or -1. */
static int private_index_step(Program *p, const Thread *t, uint32_t func, const IdSet *idx, const IdSet *alias,
                              const IrPath *path) {
    for (uint32_t i = 0; i < path->nsteps; i++) {
        const IrStep *s = &path->steps[i];
        if (s->kind != IR_STEP_INDEX) continue;
        int at = i < INST_STEP_COPY ? (int)i : INST_STEP_PARAM;
        if (s->index_kind == IR_INDEX_LOCAL && idset_has(idx, s->local)) return at;
        if (s->index_kind == IR_INDEX_TEMP && temp_is_index(model_defuse(p, p->link.funcs.data[func].ir), t->arg_kind, idx, alias, s->local))
            return at;
    }
    return -1;
}

static bool index_counter(const IrFunc *f, const IrDefUse *du, IrEventId id, const IrStep *st, uint32_t *k,
                          int32_t *loop, const IrOperand **init, int64_t *size);

/* Is operand s of event ev (the value it stores, an argument of its call)
 * the address of an element indexed by the counter of loop `loop`
 * (`&res[i]`, i stepped by the loop): another element each iteration? */
bool inst_counter_address(const IrFunc *f, const IrDefUse *du, const IrEvent *ev, const IrOperand *s, int32_t loop) {
    IrEventId id;
    if (!s || s->kind != IR_OPD_ADDR || s->offset || !ir_defuse_event_id(du, ev, &id)) return false;
    for (uint32_t i = 0; i < s->path.nsteps; i++) {
        uint32_t k;
        int32_t l;
        const IrOperand *init;
        int64_t size;
        if (index_counter(f, du, id, &s->path.steps[i], &k, &l, &init, &size) && l == loop && size) return true;
    }
    return false;
}

bool inst_counter_first_step(const Program *p, uint32_t func, const IrEvent *ev, const IrPath *path, int32_t loop) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId id;
    uint32_t k;
    int32_t l;
    const IrOperand *init;
    int64_t size;
    return path->nsteps && ir_defuse_event_id(du, ev, &id) &&
           index_counter(f, du, id, &path->steps[0], &k, &l, &init, &size) && l == loop;
}

/* Is the path ev stores into indexed by the counter of loop `loop`
 * (`args[i].out = ..`): the element of this iteration? */
static bool counter_indexed(const IrFunc *f, const IrDefUse *du, const IrEvent *ev, int32_t loop) {
    IrEventId id;
    if (!ir_defuse_event_id(du, ev, &id)) return false;
    for (uint32_t i = 0; i < ev->path.nsteps; i++) {
        uint32_t k;
        int32_t l;
        const IrOperand *init;
        int64_t size;
        if (index_counter(f, du, id, &ev->path.steps[i], &k, &l, &init, &size) && l == loop) return true;
    }
    return false;
}

/* Is node n a field of the array element thread t's spawn hands each
 * instance (`create(.., &args[i])`, i the spawn loop's counter)? */
static bool arg_element_field(Program *p, const Thread *t, uint32_t n) {
    const IrOperand *a = t->start_arg;
    if (t->arg_kind != INST_ARG_ELEMENT || !a || a->kind != IR_OPD_ADDR || a->offset || !a->path.nsteps ||
        a->path.steps[a->path.nsteps - 1].kind != IR_STEP_INDEX)
        return false;
    IdSet at = {0};
    pt_resolve_path(p, t->spawn_func, &a->path, &at);
    bool ok = at.n == 1 && p->pt.nodes.data[n].parent == at.v[0];
    idset_free(&at);
    return ok;
}

/* Does field node n of the object thread t's spawn hands each instance (a
 * per-iteration heap object, `a = malloc(..); a->out = &res[i];
 * create(.., a)`, or the array element `&args[i]` of the spawn loop's
 * counter, `args[i].out = &res[i]; create(.., &args[i])`) hold that
 * instance's own element's address? Every store into it is in the spawn
 * loop of the spawning function, of the address of an element indexed by
 * the loop's counter (into the element of that counter, for an array);
 * nothing else stores into it (a read-modify-write, a store elsewhere). */
static bool elem_pointer_field(Program *p, const Thread *t, uint32_t thread, uint32_t n) {
    uint64_t key = (uint64_t)thread << 32 | n, v;
    if (u64map_get(&p->tm.elem_ptr_fields, key, &v)) return v == 1;
    const Node *nd = &p->pt.nodes.data[n];
    const Obj *o = &p->pt.objs.data[nd->obj];
    bool heap_rec = o->per_iteration && o->direct_spawn == t->spawn_ev;
    bool elem_rec = !heap_rec && arg_element_field(p, t, n);
    bool ok = (heap_rec || elem_rec) && t->spawn_loop >= 0 && nd->parent != UINT32_MAX && nd->field && nd->field[0];
    uint32_t stores = 0;
    for (size_t fi = 0; fi < p->link.funcs.len && ok; fi++) {
        const IrFunc *f = p->link.funcs.data[fi].ir;
        for (uint32_t b = 0; b < f->nblocks && ok; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents && ok; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if ((ev->kind != IR_EV_ASSIGN && ev->kind != IR_EV_WRITE) || !ev->path.nsteps) continue;
                const IrStep *last = &ev->path.steps[ev->path.nsteps - 1];
                if (last->kind != IR_STEP_FIELD || !last->field || strcmp(last->field, nd->field)) continue;
                IdSet at = {0};
                pt_resolve_path(p, (uint32_t)fi, &ev->path, &at);
                bool hits = idset_has(&at, n);
                idset_free(&at);
                if (!hits) continue;
                if (ev->kind == IR_EV_WRITE) {
                    ok = !(ev->flags & IR_EV_RMW);
                    continue;
                }
                const IrDefUse *du = model_defuse(p, f);
                ok = fi == t->spawn_func && ir_defuse_block_in_loop(du, b, t->spawn_loop) &&
                     inst_counter_address(f, du, ev, ev->src, t->spawn_loop) &&
                     (!elem_rec || counter_indexed(f, du, ev, t->spawn_loop));
                stores++;
            }
    }
    ok = ok && stores > 0;
    u64map_put(&p->tm.elem_ptr_fields, key, ok ? 1 : 2);
    return ok;
}

/* `*a->out` (a: a copy of the instance's element pointer, out a field
 * holding the instance's own element's address): within that element,
 * fields only after the second dereference. */
static bool through_elem_pointer(Program *p, const Thread *t, uint32_t thread, uint32_t func, const IrPath *path) {
    uint32_t d = 0;
    for (uint32_t i = 1; i < path->nsteps && !d; i++)
        if (path->steps[i].kind == IR_STEP_DEREF) d = i;
        else if (path->steps[i].kind != IR_STEP_FIELD) return false;
    if (!d || d < 2) return false;
    for (uint32_t i = d + 1; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_DEREF) return false;
    IrPath pre = *path;
    pre.nsteps = d;
    IdSet at = {0};
    pt_resolve_path(p, func, &pre, &at);
    bool ok = at.n > 0;
    for (uint32_t i = 0; i < at.n && ok; i++) ok = elem_pointer_field(p, t, thread, at.v[i]);
    idset_free(&at);
    return ok;
}

int inst_private_step(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrPath *path) {
    const Thread *t = &p->tm.threads.data[thread];
    uint32_t idx_id, alias_id;
    if (!inst_locals_of(p, thread, func, ip, &idx_id, &alias_id)) return -1;
    const IdSet *idx = &p->sets.data[idx_id], *alias = &p->sets.data[alias_id];
    if (t->arg_kind == INST_ARG_ELEMENT && path->root == IR_ROOT_LOCAL && idset_has(alias, path->id) &&
        path->nsteps && path->steps[0].kind == IR_STEP_DEREF) {
        bool plain = true;
        for (uint32_t i = 1; i < path->nsteps; i++) plain &= path->steps[i].kind != IR_STEP_DEREF;
        if (plain || through_elem_pointer(p, t, thread, func, path)) return INST_STEP_PARAM;
    }
    int at = private_index_step(p, t, func, idx, alias, path);
    if (at >= 0) return at;
    /* through a pointer copied once from the instance's own element (`r =
     * rows[id]; r[j] = ..`), as `rows[id][j]` is, or assigned once the
     * element's address (`sc = &ctx->scratch[worker]; sc->len`, within the
     * element: fields only, as `sc[1]` is a neighbour) */
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (path->root != IR_ROOT_LOCAL || !path->nsteps || path->steps[0].kind != IR_STEP_DEREF || path->id >= f->nlocals ||
        (f->locals[path->id].flags & (IR_LOCAL_ADDR_TAKEN | IR_LOCAL_PARAM)))
        return -1;
    const IrDefUse *du = model_defuse(p, f);
    const IrEvent *ev = ir_defuse_sole_assign(du, ir_defuse_local(du, path->id));
    const IrOperand *s = ev ? ev->src : NULL;
    if (!s || (s->kind != IR_OPD_VALUE && s->kind != IR_OPD_ADDR) || s->offset ||
        (s->path.root != IR_ROOT_GLOBAL && s->path.root != IR_ROOT_LOCAL))
        return -1;
    if (s->kind == IR_OPD_ADDR) {
        const IrStep *last = s->path.nsteps ? &s->path.steps[s->path.nsteps - 1] : NULL;
        if (!last || last->kind != IR_STEP_INDEX) return -1; /* `&rows[id]` itself, not a field's address in it */
        for (uint32_t i = 1; i < path->nsteps; i++)
            if (path->steps[i].kind != IR_STEP_FIELD) return -1;
        return private_index_step(p, t, func, idx, alias, &s->path) == (int)s->path.nsteps - 1 ? INST_STEP_COPY : -1;
    }
    return private_index_step(p, t, func, idx, alias, &s->path) >= 0 ? INST_STEP_PARAM : -1;
}

/* ---- hand-over ---------------------------------------------------------------- */

/* Does a path from block `from` (leaving it by any successor but `skip`)
 * reach block `to` within one iteration of `loop` (not through its
 * header), or anywhere in the function when loop < 0? */
static bool reaches_from(const IrDefUse *du, uint32_t from, int skip, uint32_t to, int32_t loop) {
    const IrFunc *f = ir_defuse_func(du);
    uint32_t header = loop >= 0 ? f->loops[loop].header : UINT32_MAX;
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    VEC(uint32_t) work = {0};
    bool found = false;
    for (uint32_t s = 0; s < f->blocks[from].nsucc; s++)
        if ((int)s != skip) vec_push(&work, f->blocks[from].succ[s]);
    while (work.len && !found) {
        uint32_t b = work.data[--work.len];
        if (b >= f->nblocks || seen[b] || b == header || (loop >= 0 && !ir_defuse_block_in_loop(du, b, loop))) continue;
        seen[b] = true;
        if (b == to) found = true;
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++) vec_push(&work, f->blocks[b].succ[s]);
    }
    vec_free(&work);
    free(seen);
    return found;
}

/* Can control go from block `from` to block `to` inside loop `loop` without
 * passing its header (that is, within one iteration)? */
static bool reaches_in_iteration(const IrDefUse *du, uint32_t from, uint32_t to, int32_t loop) {
    return reaches_from(du, from, -1, to, loop);
}

/* Is ev earlier than spawn in the same iteration of the spawn's loop? */
bool inst_earlier_in_iteration(const IrDefUse *du, const IrEvent *ev, const IrEvent *spawn) {
    IrEventId a, s;
    if (!ir_defuse_event_id(du, ev, &a) || !ir_defuse_event_id(du, spawn, &s)) return false;
    int32_t loop = ir_defuse_block_loop(du, s.block);
    if (loop < 0 || !ir_defuse_block_in_loop(du, a.block, loop)) return false;
    if (a.block == s.block) return a.index < s.index;
    return reaches_in_iteration(du, a.block, s.block, loop) && !reaches_in_iteration(du, s.block, a.block, loop);
}

/* Is x an assignment of call's result to a bare local (`int rc = f(..)`)?
 * (A spawn's status, a barrier wait's result.) */
bool inst_copies_result(const IrEvent *x, const IrEvent *call) {
    return x->kind == IR_EV_ASSIGN && !x->path.nsteps && x->path.root == IR_ROOT_LOCAL && x->src &&
           x->src->kind == IR_OPD_VALUE && !x->src->offset && !x->src->path.nsteps &&
           x->src->path.root == IR_ROOT_TEMP && call->call->result >= 0 &&
           x->src->path.id == (uint32_t)call->call->result;
}

/* The successor of the branch ending the spawn's block on which the spawn
 * failed (`if (pthread_create(..) != 0)`: a status other than 0; a NULL
 * handle from a create returning it), the status tested as the call's
 * result or a local assigned it after the call in the block; -1 when the
 * block's branch does not test it. */
int inst_spawn_failure_succ(const Program *p, const IrFunc *f, uint32_t block, const IrEvent *spawn) {
    const CallInfo *ci = program_call(p, spawn);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_SPAWN || spawn->call->result < 0) return -1;
    const IrBlock *bb = &f->blocks[block];
    uint8_t root = IR_ROOT_TEMP;
    uint32_t id = (uint32_t)spawn->call->result;
    bool after = false;
    for (uint32_t e = 0; e < bb->nevents; e++) {
        const IrEvent *x = &bb->events[e];
        if (x == spawn) {
            after = true;
            continue;
        }
        if (!after) continue;
        if (x->kind == IR_EV_CALL) return -1; /* the test must be of this spawn's status */
        if (inst_copies_result(x, spawn)) root = IR_ROOT_LOCAL, id = x->path.id;
    }
    const IrTerm *t = &bb->term;
    if (t->kind != IR_TERM_BRANCH || bb->nsucc != 2 || bb->succ[0] == bb->succ[1] || t->rhs != 0 ||
        t->cond.kind != IR_OPD_VALUE || t->cond.offset || t->cond.path.nsteps || t->cond.path.root != root ||
        t->cond.path.id != id || (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE))
        return -1;
    /* succ[0]: the comparison holds */
    bool zero_fails = ci->api->handle_by == HANDLE_RETURN;
    bool holds_is_zero = t->cmp == IR_CMP_EQ;
    return holds_is_zero == zero_fails ? 0 : 1;
}

/* Is the creator's access ev to the per-iteration object obj made where
 * the spawn handing it over has not handed it yet: earlier in the same
 * loop iteration (or, spawn and allocation outside loops, earlier in the
 * call), or only past the spawn's failure edge (the create failed: no
 * thread got it)? */
bool inst_before_spawn(const Program *p, uint32_t func, const IrEvent *ev, const Obj *obj) {
    if (!obj->per_iteration || obj->a != func) return false;
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    if (inst_earlier_in_iteration(du, ev, obj->direct_spawn)) return true;
    IrEventId a, s;
    if (!ir_defuse_event_id(du, ev, &a) || !ir_defuse_event_id(du, obj->direct_spawn, &s)) return false;
    int32_t loop = ir_defuse_block_loop(du, s.block);
    if (loop >= 0 && !ir_defuse_block_in_loop(du, a.block, loop)) return false;
    if (a.block == s.block) return loop < 0 && a.index < s.index;
    if (loop < 0 && reaches_from(du, a.block, -1, s.block, -1) && !reaches_from(du, s.block, -1, a.block, -1))
        return true; /* earlier in the call */
    int fail = inst_spawn_failure_succ(p, f, s.block, obj->direct_spawn);
    return fail >= 0 && reaches_from(du, s.block, 1 - fail, a.block, loop) && !reaches_from(du, s.block, fail, a.block, loop);
}

/* The spawn in a loop of f at event sp handing over an element indexed by a
 * local (`create(..., &args[i])`): its argument, else NULL. */
static const IrOperand *element_arg(const Program *p, const IrFunc *f, uint32_t b, const IrEvent *sp) {
    if (f->blocks[b].loop < 0 || sp->kind != IR_EV_CALL || !sp->call) return NULL;
    const CallInfo *ci = program_call(p, sp);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_SPAWN || ci->api->arg < 0 ||
        (uint32_t)ci->api->arg >= sp->call->nargs)
        return NULL;
    const IrOperand *a = &sp->call->args[ci->api->arg];
    /* the index itself (`(void *)i`): the element of any array it indexes */
    if (a->kind == IR_OPD_VALUE && !a->offset && a->path.root == IR_ROOT_LOCAL && !a->path.nsteps &&
        ir_defuse_written_in_loop(model_defuse(p, f), a->path.id, f->blocks[b].loop))
        return a;
    if (a->kind != IR_OPD_ADDR) return NULL;
    for (uint32_t i = 0; i < a->path.nsteps; i++)
        if (a->path.steps[i].kind == IR_STEP_INDEX && a->path.steps[i].index_kind == IR_INDEX_LOCAL) return a;
    return NULL;
}

/* The spawn in func whose argument is the element `arr[v]` that the access
 * by path also indexes with v, or v itself (`(void *)v`, for any array the
 * access indexes with v), when the access comes earlier in the loop
 * iteration (the creator filling in `args[i]` before handing over
 * `&args[i]`, or `rows[i]` before handing over i); NULL otherwise. */
const IrEvent *inst_element_spawn(Program *p, uint32_t func, const IrEvent *ev, const IrPath *path) {
    const IrStep *ix = NULL;
    for (uint32_t i = 0; i < path->nsteps && !ix; i++)
        if (path->steps[i].kind == IR_STEP_INDEX && path->steps[i].index_kind == IR_INDEX_LOCAL) ix = &path->steps[i];
    if (!ix) return NULL;
    const IrFunc *f = p->link.funcs.data[func].ir;
    bool scan_only = !p->tm.elem_spawns[func]; /* first visit: find whether there are any */
    for (uint32_t b = 0; b < f->nblocks && p->tm.elem_spawns[func] != 2; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *sp = &f->blocks[b].events[e];
            const IrOperand *a = element_arg(p, f, b, sp);
            if (!a) continue;
            p->tm.elem_spawns[func] = 1;
            if (a->kind == IR_OPD_VALUE) {
                /* `rows[i] = malloc(..); create(.., (void *)i)`: the new instance's element */
                if (a->path.id == ix->local && inst_earlier_in_iteration(model_defuse(p, f), ev, sp)) return sp;
                continue;
            }
            if (a->path.root != path->root || a->path.id != path->id ||
                (a->path.root == IR_ROOT_GLOBAL && (!a->path.usr || !path->usr || strcmp(a->path.usr, path->usr))))
                continue;
            bool same = false;
            for (uint32_t i = 0; i < a->path.nsteps && !same; i++)
                same = a->path.steps[i].kind == IR_STEP_INDEX && a->path.steps[i].index_kind == IR_INDEX_LOCAL &&
                       a->path.steps[i].local == ix->local;
            if (same && inst_earlier_in_iteration(model_defuse(p, f), ev, sp)) return sp;
        }
    if (scan_only && !p->tm.elem_spawns[func]) p->tm.elem_spawns[func] = 2;
    return NULL;
}

/* ---- start values -------------------------------------------------------------- */

/* Does local v of routine func hold the thread's start value: the start
 * parameter never written, or a local assigned once from it? */
static bool holds_start(Program *p, const Thread *t, uint32_t func, uint32_t v) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (!t->start_arg || t->arg_param < 0 || (uint32_t)t->arg_param >= f->nparams || !idset_has(&t->routines, func) ||
        p->pt.funcs.data[func].callers.n)
        return false;
    const IrDefUse *du = model_defuse(p, f);
    uint32_t param = (uint32_t)t->arg_param;
    if (ir_defuse_local(du, param)->nwrites) return false;
    if (v == param) return true;
    if (v < f->nparams) return false;
    const IrVarDefs *d = ir_defuse_local(du, v);
    if (!d || d->nwrites != 1 || !d->has_assign) return false;
    const IrEvent *ev = ir_event_at(f, d->assign);
    return ev->src && ev->src->kind == IR_OPD_VALUE && !ev->src->offset && ev->src->path.root == IR_ROOT_LOCAL &&
           !ev->src->path.nsteps && ev->src->path.id == param;
}

bool inst_start_nodes(Program *p, uint32_t thread, uint32_t func, const IrPath *path, IdSet *nodes) {
    const Thread *t = &p->tm.threads.data[thread];
    if (!t->start_arg || path->root != IR_ROOT_LOCAL || !path->nsteps || path->steps[0].kind != IR_STEP_DEREF ||
        !holds_start(p, t, func, path->id))
        return false;
    IdSet start = {0}, out = {0};
    if (t->start_arg->kind != IR_OPD_CONST) pt_operand_targets(p, t->spawn_func, t->start_arg, &start);
    else if (t->start_arg->value != 0) return idset_free(&start), false; /* an integer passed as a pointer */
    pt_resolve_steps(p, &start, path->steps + 1, path->nsteps - 1, &out);
    /* never more than the context-insensitive answer */
    IdSet kept = {0};
    for (uint32_t i = 0; i < out.n; i++)
        if (idset_has(nodes, out.v[i])) idset_add(&kept, out.v[i]);
    idset_free(nodes);
    *nodes = kept;
    idset_free(&start);
    idset_free(&out);
    return true;
}

int inst_start_truth(Program *p, uint32_t thread, uint32_t func, const IrOperand *cond) {
    const Thread *t = &p->tm.threads.data[thread];
    if (!t->start_arg || cond->kind != IR_OPD_VALUE || cond->offset || cond->path.root != IR_ROOT_LOCAL ||
        cond->path.nsteps || !holds_start(p, t, func, cond->path.id))
        return -1;
    if (t->start_arg->kind == IR_OPD_CONST) return t->start_arg->value != 0;
    if (t->start_arg->kind == IR_OPD_ADDR || t->start_arg->kind == IR_OPD_FUNC) return 1;
    return -1;
}

/* ---- index slices ------------------------------------------------------------
 *
 * A loop `for (k = lo; k < hi; k++) a[k] = ...` in a thread of many
 * instances, with lo and hi affine in the instance's index with one stride
 * (`start = id * chunk; end = start + chunk`), gives each instance its own
 * range of k: [S * id + l, S * id + h). Two such ranges of distinct indices
 * do not overlap when h - l' <= S and h' - l <= S. Bounds divided by one
 * positive constant d (`lo = id * n / T`, `hi = (id + 1) * n / T`) keep
 * that: C's division truncates, which never reverses an order, so
 * [(S id + l) / d, (S id + h) / d) and the other range do not meet when
 * their numerators' ranges do not. */

typedef struct Affine {
    int64_t scale, addend; /* (scale * x + addend) / div */
    int64_t div;           /* a positive divisor that does not divide both exactly; 0: none */
    uint8_t space;         /* what x is: 0 none (a constant), AFF_INDEX the instance's index (the
                              thread's side), AFF_COUNTER the creator's spawn-loop counter (a field
                              of the instance's element the creator stored) */
} Affine;

enum { AFFINE_DEPTH = 8, AFF_INDEX = 1, AFF_COUNTER = 2 };

/* Where values are resolved: in a thread's function, or (counter >= 0) in
 * its creator's function around the spawn, with the loop counter for x. */
typedef struct AffCtx {
    Program *p;
    const IrDefUse *du;
    uint32_t thread, func;
    InstParams ip;
    int64_t counter;
    /* a bound may take a constant instead for the one index last_k (`end =
     * id == T - 1 ? N : start + C`): allowed when allow_last, found when
     * has_last */
    bool allow_last, has_last;
    int64_t last_k;
    /* constant slices (inst_const_slice): the thread's start value, when it
     * is a constant or the address of a creator's local holding constants */
    bool start;
} AffCtx;

static bool affine_operand(AffCtx *c, const IrOperand *o, int depth, Affine *out);
static bool affine_last(AffCtx *c, uint8_t root, uint32_t v, int depth, Affine *out);
static bool affine_var(AffCtx *c, uint8_t root, uint32_t v, int depth, Affine *out);

/* The value of bare local v wherever it is read: an instance index (the
 * spawn loop's counter on the creator's side), or assigned once from an
 * affine value. */
static bool affine_local(AffCtx *c, uint32_t v, int depth, Affine *out) {
    const IrFunc *f = ir_defuse_func(c->du);
    if (v >= f->nlocals || (f->locals[v].flags & IR_LOCAL_ADDR_TAKEN) || depth > AFFINE_DEPTH) return false;
    if (c->counter >= 0 && v == (uint64_t)c->counter) {
        *out = (Affine){.scale = 1, .addend = 0, .space = AFF_COUNTER};
        return true;
    }
    IrOperand o;
    memset(&o, 0, sizeof o);
    o.kind = IR_OPD_VALUE;
    o.path.root = IR_ROOT_LOCAL;
    o.path.id = v;
    if (c->counter < 0 && (inst_operand_role(c->p, c->thread, c->func, c->ip, &o) & INST_ROLE_INDEX)) {
        *out = (Affine){.scale = 1, .addend = 0, .space = AFF_INDEX};
        return true;
    }
    if (c->start && holds_start(c->p, &c->p->tm.threads.data[c->thread], c->func, v)) {
        const IrOperand *arg = c->p->tm.threads.data[c->thread].start_arg;
        if (arg->kind != IR_OPD_CONST) return false;
        *out = (Affine){.scale = 0, .addend = arg->value, .space = 0};
        return true;
    }
    if (f->locals[v].flags & IR_LOCAL_PARAM) return false;
    return affine_var(c, IR_ROOT_LOCAL, v, depth, out);
}

/* A bare local or temp that is not an index itself: assigned once from an
 * affine value, or a conditional's two values (affine_last). */
static bool affine_var(AffCtx *c, uint8_t root, uint32_t v, int depth, Affine *out) {
    if (depth > AFFINE_DEPTH) return false;
    const IrEvent *ev = ir_defuse_sole_assign(c->du, root == IR_ROOT_LOCAL ? ir_defuse_local(c->du, v)
                                                                            : ir_defuse_temp(c->du, v));
    if (ev) return affine_operand(c, ev->src, depth + 1, out);
    return affine_last(c, root, v, depth, out);
}

/* Is block b entered only from the edge of a test where the index (the
 * creator's counter on its side) equals a constant, *k? */
static bool index_equal_edge(AffCtx *c, uint32_t b, int64_t *k) {
    const IrFunc *f = ir_defuse_func(c->du);
    int64_t pred = -1;
    for (uint32_t x = 0; x < f->nblocks; x++)
        for (uint32_t s = 0; s < f->blocks[x].nsucc; s++)
            if (f->blocks[x].succ[s] == b) {
                if (pred >= 0 && pred != x) return false;
                pred = x;
            }
    if (pred < 0) return false;
    const IrBlock *pb = &f->blocks[pred];
    const IrTerm *t = &pb->term;
    if (t->kind != IR_TERM_BRANCH || pb->nsucc != 2 || pb->succ[0] == pb->succ[1] || t->cond.kind != IR_OPD_VALUE ||
        t->cond.offset || t->cond.path.root != IR_ROOT_LOCAL || t->cond.path.nsteps ||
        !((t->cmp == IR_CMP_EQ && pb->succ[0] == b) || (t->cmp == IR_CMP_NE && pb->succ[1] == b)))
        return false;
    bool is_index = c->counter >= 0 ? t->cond.path.id == (uint64_t)c->counter
                                    : (inst_operand_role(c->p, c->thread, c->func, c->ip, &t->cond) & INST_ROLE_INDEX) != 0;
    *k = t->rhs;
    return is_index;
}

/* A variable (bare local or temp) assigned twice: an affine value, and a
 * constant in a block entered only where the index is k (the last instance
 * taking the remainder), when c allows it (AffCtx.allow_last). */
static bool affine_last(AffCtx *c, uint8_t root, uint32_t v, int depth, Affine *out) {
    if (!c->allow_last || depth > AFFINE_DEPTH) return false;
    const IrFunc *f = ir_defuse_func(c->du);
    const IrEvent *defs[2];
    uint32_t blocks[2], n = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if ((ev->kind != IR_EV_ASSIGN && ev->kind != IR_EV_WRITE) || ev->path.root != root || ev->path.id != v ||
                ev->path.nsteps)
                continue;
            if (ev->kind == IR_EV_WRITE) {
                /* the store's value is the ASSIGN right after it */
                if (e + 1 >= f->blocks[b].nevents || f->blocks[b].events[e + 1].kind != IR_EV_ASSIGN) return false;
                continue;
            }
            if (n == 2) return false;
            defs[n] = ev;
            blocks[n++] = b;
        }
    if (n != 2) return false;
    for (int i = 0; i < 2; i++) {
        int64_t k;
        const IrOperand *s = defs[i]->src;
        if (!s || s->kind != IR_OPD_CONST || !index_equal_edge(c, blocks[i], &k)) continue;
        AffCtx cc = *c;
        cc.allow_last = false; /* one exception */
        if (!affine_operand(&cc, defs[1 - i]->src, depth + 1, out)) return false;
        c->has_last = true;
        c->last_k = k;
        return true;
    }
    return false;
}

/* Do paths a (nsa steps of it) and b name the same location syntactically? */
static bool steps_equal(const IrStep *a, const IrStep *b, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        if (a[i].kind != b[i].kind) return false;
        if (a[i].kind == IR_STEP_FIELD && strcmp(a[i].field ? a[i].field : "", b[i].field ? b[i].field : ""))
            return false;
        if (a[i].kind == IR_STEP_INDEX &&
            (a[i].index_kind != b[i].index_kind ||
             (a[i].index_kind == IR_INDEX_CONST ? a[i].value != b[i].value
              : a[i].index_kind != IR_INDEX_UNKNOWN && a[i].local != b[i].local)))
            return false;
    }
    return true;
}

static bool instance_window(Program *p, uint32_t thread, uint8_t space, int64_t *lo, int64_t *hi);

/* A table the creator's initialiser gives the handed-over elements'
 * field instead (`struct range rs[2] = {{0, 50}, {50, 100}}`, then
 * `create(.., &rs[i])`): one constant store per element the spawn loop
 * hands out (`rs[0].lo`, `rs[1].lo`: constant indices), none through
 * another index, and the values evenly spaced: affine in the counter. */
static bool table_field(AffCtx *c, const IrOperand *arg, const IrStep *fields, uint32_t nf, Affine *out) {
    int64_t wlo, whi;
    if (arg->path.root != IR_ROOT_LOCAL || arg->path.nsteps != 1 ||
        !instance_window(c->p, c->thread, AFF_COUNTER, &wlo, &whi) || whi - wlo < 2 || whi - wlo > 64)
        return false;
    const Thread *th = &c->p->tm.threads.data[c->thread];
    const IrFunc *cf = c->p->link.funcs.data[th->spawn_func].ir;
    int64_t vals[64];
    bool seen[64] = {false};
    for (uint32_t b = 0; b < cf->nblocks; b++)
        for (uint32_t e = 0; e < cf->blocks[b].nevents; e++) {
            const IrEvent *ev = &cf->blocks[b].events[e];
            const IrPath *q = &ev->path;
            if ((ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) || q->root != IR_ROOT_LOCAL || q->id != arg->path.id)
                continue;
            if (ev->kind == IR_EV_WRITE && (!q->nsteps || (ev->flags & IR_EV_RECORD))) return false; /* the whole array, an element */
            if (q->nsteps != 1 + nf || !steps_equal(q->steps + 1, fields, nf)) continue;
            if (q->steps[0].kind != IR_STEP_INDEX || q->steps[0].index_kind != IR_INDEX_CONST) return false;
            int64_t k = q->steps[0].value - wlo;
            if (k < 0 || k >= whi - wlo) continue; /* an element no instance gets */
            if (ev->kind == IR_EV_WRITE) continue;
            if (seen[k] || !ev->src || ev->src->kind != IR_OPD_CONST) return false;
            seen[k] = true;
            vals[k] = ev->src->value;
        }
    for (int64_t k = 0; k < whi - wlo; k++)
        if (!seen[k]) return false;
    int64_t scale, addend, x;
    if (__builtin_sub_overflow(vals[1], vals[0], &scale) || __builtin_mul_overflow(scale, wlo, &x) ||
        __builtin_sub_overflow(vals[0], x, &addend))
        return false;
    for (int64_t k = 2; k < whi - wlo; k++) {
        int64_t y;
        if (__builtin_mul_overflow(scale, wlo + k, &x) || __builtin_add_overflow(x, addend, &y) || y != vals[k])
            return false;
    }
    *out = scale ? (Affine){.scale = scale, .addend = addend, .space = AFF_COUNTER} : (Affine){.addend = addend};
    return true;
}

/* The value the creator stored in field path `fields` (nf FIELD steps) of
 * the element it hands the instance (`args[i].lo = i * chunk;
 * create(.., &args[i])`): its one store there, in the spawn loop, affine
 * in the loop counter. ASSUMPTION: nothing else writes the field while
 * the instance reads it. */
static bool creator_field(AffCtx *c, const IrStep *fields, uint32_t nf, int depth, Affine *out) {
    const Thread *th = &c->p->tm.threads.data[c->thread];
    const IrOperand *arg = th->start_arg;
    if (th->arg_kind != INST_ARG_ELEMENT || !arg || arg->kind != IR_OPD_ADDR || arg->offset || !arg->path.nsteps ||
        th->spawn_loop < 0 || depth > AFFINE_DEPTH)
        return false;
    const IrStep *last = &arg->path.steps[arg->path.nsteps - 1];
    if (last->kind != IR_STEP_INDEX || last->index_kind != IR_INDEX_LOCAL) return false;
    const IrFunc *cf = c->p->link.funcs.data[th->spawn_func].ir;
    const IrDefUse *cdu = model_defuse(c->p, cf);
    if (!ir_defuse_written_in_loop(cdu, last->local, th->spawn_loop)) return false;
    const IrOperand *src = NULL;
    uint32_t writes = 0;
    for (uint32_t b = 0; b < cf->nblocks; b++)
        for (uint32_t e = 0; e < cf->blocks[b].nevents; e++) {
            const IrEvent *ev = &cf->blocks[b].events[e];
            const IrPath *q = &ev->path;
            if ((ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) || q->root != arg->path.root ||
                q->nsteps != arg->path.nsteps + nf || !steps_equal(q->steps, arg->path.steps, arg->path.nsteps) ||
                !steps_equal(q->steps + arg->path.nsteps, fields, nf) ||
                (q->root == IR_ROOT_LOCAL ? q->id != arg->path.id : q->root == IR_ROOT_GLOBAL ? strcmp(q->usr ? q->usr : "", arg->path.usr ? arg->path.usr : "") : true))
                continue;
            if (ev->kind == IR_EV_WRITE) {
                writes++;
                continue;
            }
            if (src || !ir_defuse_block_in_loop(cdu, b, th->spawn_loop)) return false;
            src = ev->src;
        }
    if (!src && !writes) return table_field(c, arg, fields, nf, out);
    if (!src || writes != 1) return false;
    AffCtx cc = {c->p, cdu, c->thread, th->spawn_func, {0, 0}, last->local, c->allow_last, false, 0, false};
    if (!affine_operand(&cc, src, depth + 1, out)) return false;
    if (cc.has_last) {
        c->has_last = true;
        c->last_k = cc.last_k;
    }
    return true;
}

/* The constant the creator stored in field path `fields` (nf FIELD steps)
 * of its local whose address it hands a thread (`struct range r1 = {0,
 * 50}; create(.., &r1)`): the one store to that field, of a constant, and
 * no store to the whole local. ASSUMPTION (as creator_field): nothing
 * else writes the field while the thread reads it. */
static bool start_field(AffCtx *c, const IrStep *fields, uint32_t nf, Affine *out) {
    const Thread *th = &c->p->tm.threads.data[c->thread];
    const IrOperand *arg = th->start_arg;
    if (!arg || arg->kind != IR_OPD_ADDR || arg->offset || arg->path.nsteps || arg->path.root != IR_ROOT_LOCAL)
        return false;
    const IrFunc *cf = c->p->link.funcs.data[th->spawn_func].ir;
    const IrOperand *src = NULL;
    uint32_t writes = 0;
    for (uint32_t b = 0; b < cf->nblocks; b++)
        for (uint32_t e = 0; e < cf->blocks[b].nevents; e++) {
            const IrEvent *ev = &cf->blocks[b].events[e];
            const IrPath *q = &ev->path;
            if ((ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) || q->root != IR_ROOT_LOCAL || q->id != arg->path.id)
                continue;
            if (ev->kind == IR_EV_WRITE && (!q->nsteps || (ev->flags & IR_EV_RECORD))) return false;
            if (q->nsteps != nf || !steps_equal(q->steps, fields, nf)) continue;
            if (ev->kind == IR_EV_WRITE) {
                writes++;
                continue;
            }
            if (src) return false;
            src = ev->src;
        }
    if (!src || writes != 1 || src->kind != IR_OPD_CONST) return false;
    *out = (Affine){.scale = 0, .addend = src->value, .space = 0};
    return true;
}

bool inst_index_is_counter(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrPath *path, int step) {
    const Thread *t = &p->tm.threads.data[thread];
    if (t->arg_kind != INST_ARG_ELEMENT || step < 0 || step >= INST_STEP_COPY || (uint32_t)step >= path->nsteps ||
        path->steps[step].kind != IR_STEP_INDEX)
        return false;
    uint32_t idx_id, alias_id;
    if (!inst_locals_of(p, thread, func, ip, &idx_id, &alias_id)) return false;
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    const IrStep *st = &path->steps[step];
    /* the index: a value read through the instance's element pointer
     * (`sums[a->id]`), directly or through a local assigned it once */
    const IrEvent *ev = st->index_kind == IR_INDEX_TEMP    ? ir_defuse_sole_assign(du, ir_defuse_temp(du, st->local))
                        : st->index_kind == IR_INDEX_LOCAL ? ir_defuse_sole_assign(du, ir_defuse_local(du, st->local))
                                                           : NULL;
    if (!ev || !ev->src || ev->src->kind != IR_OPD_VALUE || ev->src->offset) return false;
    const IrPath *s = &ev->src->path;
    if (s->root != IR_ROOT_LOCAL || s->nsteps < 2 || s->steps[0].kind != IR_STEP_DEREF ||
        !idset_has(&p->sets.data[alias_id], s->id))
        return false;
    for (uint32_t i = 1; i < s->nsteps; i++)
        if (s->steps[i].kind != IR_STEP_FIELD) return false;
    AffCtx c = {p, du, thread, func, ip, -1, false, false, 0, false};
    Affine a;
    return creator_field(&c, s->steps + 1, s->nsteps - 1, 0, &a) && a.space == AFF_COUNTER && a.scale == 1 &&
           a.addend == 0 && !a.div;
}

static bool affine_combine(uint8_t kind, Affine a, Affine b, Affine *out) {
    if (a.space && b.space && a.space != b.space) return false; /* two different unknowns */
    if (a.div || b.div) return false; /* arithmetic on a quotient: not followed */
    if (kind == IR_ARITH_DIV) {
        /* by a positive constant: folded for a constant or an exact
         * division, else kept as the divisor */
        if (b.space || b.scale || b.addend <= 0) return false;
        int64_t d = b.addend;
        if (!a.space) *out = (Affine){.addend = a.addend / d};
        else if (a.scale % d == 0 && a.addend % d == 0)
            *out = (Affine){.scale = a.scale / d, .addend = a.addend / d, .space = a.space};
        else
            *out = (Affine){.scale = a.scale, .addend = a.addend, .div = d, .space = a.space};
        return true;
    }
    if (kind != IR_ARITH_ADD && kind != IR_ARITH_SUB && kind != IR_ARITH_MUL) return false;
    Affine c = {.space = (uint8_t)(a.space | b.space)};
    bool over;
    if (kind == IR_ARITH_ADD)
        over = __builtin_add_overflow(a.scale, b.scale, &c.scale) || __builtin_add_overflow(a.addend, b.addend, &c.addend);
    else if (kind == IR_ARITH_SUB)
        over = __builtin_sub_overflow(a.scale, b.scale, &c.scale) || __builtin_sub_overflow(a.addend, b.addend, &c.addend);
    else if (!a.scale)
        over = __builtin_mul_overflow(a.addend, b.scale, &c.scale) || __builtin_mul_overflow(a.addend, b.addend, &c.addend);
    else if (!b.scale)
        over = __builtin_mul_overflow(a.scale, b.addend, &c.scale) || __builtin_mul_overflow(a.addend, b.addend, &c.addend);
    else
        return false; /* index times index: not affine */
    if (!c.scale) c.space = 0;
    *out = c;
    return !over;
}

static bool affine_operand(AffCtx *c, const IrOperand *o, int depth, Affine *out) {
    if (o->kind == IR_OPD_CONST) {
        *out = (Affine){.scale = 0, .addend = o->value, .space = 0};
        return true;
    }
    /* a global holding one value all run long (`static const int CH = 16`) */
    int64_t gv;
    if (o->kind == IR_OPD_VALUE && o->path.root == IR_ROOT_GLOBAL && !o->path.nsteps && !o->offset &&
        model_const_value(c->p, c->func, o, &gv)) {
        *out = (Affine){.scale = 0, .addend = gv, .space = 0};
        return true;
    }
    if (o->kind == IR_OPD_VALUE && o->path.root == IR_ROOT_LOCAL && !o->path.nsteps && !o->offset)
        return affine_local(c, o->path.id, depth, out);
    if (o->kind == IR_OPD_VALUE && o->path.root == IR_ROOT_TEMP && !o->path.nsteps && !o->offset)
        return affine_var(c, IR_ROOT_TEMP, o->path.id, depth, out);
    if (o->kind == IR_OPD_VALUE && o->path.root == IR_ROOT_LOCAL && o->path.nsteps >= 2 && !o->offset &&
        o->path.steps[0].kind == IR_STEP_DEREF && c->counter < 0) {
        /* a field of the instance's element (`r->lo`): what the creator stored */
        for (uint32_t i = 1; i < o->path.nsteps; i++)
            if (o->path.steps[i].kind != IR_STEP_FIELD) return false;
        IrOperand base;
        memset(&base, 0, sizeof base);
        base.kind = IR_OPD_VALUE;
        base.path.root = IR_ROOT_LOCAL;
        base.path.id = o->path.id;
        if (c->start)
            return holds_start(c->p, &c->p->tm.threads.data[c->thread], c->func, o->path.id) &&
                   start_field(c, o->path.steps + 1, o->path.nsteps - 1, out);
        if (!(inst_operand_role(c->p, c->thread, c->func, c->ip, &base) & INST_ROLE_ELEMENT)) return false;
        return creator_field(c, o->path.steps + 1, o->path.nsteps - 1, depth, out);
    }
    if (!ir_operand_narith(o)) return false;
    Affine st[IR_ARITH_MAX];
    uint32_t n = 0;
    for (uint32_t i = 0; i < o->narith; i++) {
        const IrArith *t = &o->arith[i];
        Affine a;
        switch (t->kind) {
        case IR_ARITH_CONST: st[n++] = (Affine){.scale = 0, .addend = t->value, .space = 0}; break;
        case IR_ARITH_LOCAL:
            if (!affine_local(c, t->local, depth + 1, &a)) return false;
            st[n++] = a;
            break;
        case IR_ARITH_TEMP:
            if (!affine_var(c, IR_ROOT_TEMP, t->local, depth + 1, &a)) return false;
            st[n++] = a;
            break;
        case IR_ARITH_ADD: case IR_ARITH_SUB: case IR_ARITH_MUL: case IR_ARITH_DIV:
            if (n < 2 || !affine_combine(t->kind, st[n - 2], st[n - 1], &a)) return false;
            n -= 2;
            st[n++] = a;
            break;
        case IR_ARITH_NEG:
            if (n < 1 || !affine_combine(IR_ARITH_SUB, (Affine){.scale = 0, .addend = 0, .space = 0}, st[n - 1], &a)) return false;
            st[n - 1] = a;
            break;
        default: return false; /* a division or a mask: not affine */
        }
    }
    if (n != 1) return false;
    *out = st[0];
    return true;
}

/* The loop counter k of loop `loop`: its one write outside the loop (the
 * ASSIGN giving its first value into *init) and, inside, only steps up
 * (`k++`, `k += 2`) in blocks that go straight back to the header, after
 * event at_index when in block `at` (the access's; UINT32_MAX: none). The
 * size of every step when they are all one known size, else 0, in *step. */
static bool counter_of_loop(const IrFunc *f, const IrDefUse *du, uint32_t k, int32_t loop, uint32_t at,
                            uint32_t at_index, const IrOperand **init, int64_t *step) {
    if (k >= f->nlocals || (f->locals[k].flags & (IR_LOCAL_PARAM | IR_LOCAL_ADDR_TAKEN))) return false;
    uint32_t header = f->loops[loop].header, outside = 0;
    *init = NULL;
    *step = -1;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const IrBlock *bb = &f->blocks[b];
        bool in = ir_defuse_block_in_loop(du, b, loop);
        for (uint32_t e = 0; e < bb->nevents; e++) {
            const IrEvent *ev = &bb->events[e];
            if (ev->kind != IR_EV_WRITE || ev->path.root != IR_ROOT_LOCAL || ev->path.id != k || ev->path.nsteps) continue;
            if (in) {
                /* a step after the access in its block (`a[r] = x; r++;` in a while loop) is fine */
                if (!(ev->flags & IR_EV_STEP_UP) || (b == at && e < at_index) || bb->term.kind != IR_TERM_GOTO ||
                    bb->nsucc != 1 || bb->succ[0] != header)
                    return false;
                int64_t size = ev->src && ev->src->kind == IR_OPD_CONST ? ev->src->value : 0;
                *step = *step < 0 || *step == size ? size : 0;
                continue;
            }
            if (++outside > 1 || e + 1 >= bb->nevents) return false;
            const IrEvent *as = &bb->events[e + 1];
            if (as->kind != IR_EV_ASSIGN || as->path.root != IR_ROOT_LOCAL || as->path.id != k || as->path.nsteps)
                return false;
            *init = as->src;
        }
    }
    if (*step < 0) *step = 0;
    return *init != NULL;
}

/* The window [*lo, *hi) the instances' values of x fall in (AFF_INDEX: the
 * start value; AFF_COUNTER: the spawn loop's counter indexing the element
 * handed over): the spawn loop's counter steps up from a constant to below
 * a constant (joins.c), and is the value handed over (`(void *)i`) or the
 * index of the element (`&jobs[i]`). */
static bool instance_window(Program *p, uint32_t thread, uint8_t space, int64_t *lo, int64_t *hi) {
    const Thread *th = &p->tm.threads.data[thread];
    const IrOperand *arg = th->start_arg;
    if (!arg || th->spawn_loop < 0) return false;
    uint32_t v;
    if (space == AFF_INDEX && th->arg_kind == INST_ARG_VALUE && arg->kind == IR_OPD_VALUE && !arg->offset &&
        arg->path.root == IR_ROOT_LOCAL && !arg->path.nsteps)
        v = arg->path.id;
    else if (space == AFF_COUNTER && arg->kind == IR_OPD_ADDR && arg->path.nsteps &&
             arg->path.steps[arg->path.nsteps - 1].kind == IR_STEP_INDEX &&
             arg->path.steps[arg->path.nsteps - 1].index_kind == IR_INDEX_LOCAL)
        v = arg->path.steps[arg->path.nsteps - 1].local;
    else
        return false;
    const IrFunc *cf = p->link.funcs.data[th->spawn_func].ir;
    LoopRange r;
    const IrOperand *init;
    int64_t step;
    if (!joins_loop_range(p, th->spawn_func, th->spawn_loop, v, &r) || r.sym ||
        !counter_of_loop(cf, model_defuse(p, cf), v, th->spawn_loop, UINT32_MAX, 0, &init, &step))
        return false;
    *lo = r.lo;
    *hi = r.hi;
    return true;
}

/* Do the instances' values of x fall in a window of at most width integers? */
static bool values_within(Program *p, uint32_t thread, uint8_t space, int64_t width) {
    int64_t lo, hi, span;
    return instance_window(p, thread, space, &lo, &hi) && !__builtin_sub_overflow(hi, lo, &span) && span <= width;
}

/* The bound the header's test puts on k on the edge into the loop: k < hi
 * (or k <= hi - 1) with hi affine. */
static bool loop_bound(AffCtx *c, uint32_t k, int32_t loop, Affine *hi) {
    const IrDefUse *du = c->du;
    const IrFunc *f = ir_defuse_func(du);
    const IrBlock *h = &f->blocks[f->loops[loop].header];
    const IrTerm *t = &h->term;
    if (t->kind != IR_TERM_BRANCH || h->nsucc != 2) return false;
    bool in0 = ir_defuse_block_in_loop(du, h->succ[0], loop), in1 = ir_defuse_block_in_loop(du, h->succ[1], loop);
    if (in0 == in1) return false;
    /* the relation that holds on the edge into the loop, as lhs cmp rhs */
    IrCmp cmp;
    const IrOperand *lhs, *rhs;
    IrOperand k_rhs;
    memset(&k_rhs, 0, sizeof k_rhs);
    int64_t off = 0;
    if (t->cond.kind == IR_OPD_VALUE) {
        static const IrCmp negate[] = {[IR_CMP_NE] = IR_CMP_EQ, [IR_CMP_EQ] = IR_CMP_NE, [IR_CMP_LT] = IR_CMP_GE,
                                       [IR_CMP_LE] = IR_CMP_GT, [IR_CMP_GT] = IR_CMP_LE, [IR_CMP_GE] = IR_CMP_LT};
        cmp = in0 ? (IrCmp)t->cmp : negate[t->cmp];
        lhs = &t->cond;
        k_rhs.kind = IR_OPD_CONST;
        k_rhs.value = t->rhs;
        rhs = &k_rhs;
    } else if (t->cond.kind == IR_OPD_UNKNOWN && t->cmp == IR_CMP_NE && t->rhs == 0 && in0 && ir_term_has_sym(t)) {
        cmp = (IrCmp)t->sym_cmp;
        lhs = &t->sym_lhs;
        rhs = &t->sym_rhs;
        off = t->sym_off;
    } else {
        return false;
    }
    bool lk = lhs->kind == IR_OPD_VALUE && lhs->path.root == IR_ROOT_LOCAL && !lhs->path.nsteps && lhs->path.id == k;
    bool rk = rhs->kind == IR_OPD_VALUE && rhs->path.root == IR_ROOT_LOCAL && !rhs->path.nsteps && rhs->path.id == k;
    if (lk == rk) return false;
    if (rk) { /* `end > k` is `k < end`; the offset is on the other side then */
        if (off) return false;
        const IrOperand *x = lhs;
        lhs = rhs;
        rhs = x;
        cmp = cmp == IR_CMP_GT ? IR_CMP_LT : cmp == IR_CMP_GE ? IR_CMP_LE : cmp == IR_CMP_LT ? IR_CMP_GT
            : cmp == IR_CMP_LE ? IR_CMP_GE : cmp;
    }
    if (cmp != IR_CMP_LT && cmp != IR_CMP_LE) return false;
    if (!affine_operand(c, rhs, 0, hi)) return false;
    if (hi->div && (off || cmp == IR_CMP_LE)) return false; /* `q - 1` of a quotient: not exact */
    return !__builtin_add_overflow(hi->addend, off, &hi->addend) &&
           !__builtin_add_overflow(hi->addend, cmp == IR_CMP_LE, &hi->addend);
}

/* Is index step st of an access at event id a loop counter: the local k
 * of the innermost loop around the access that writes it (counter_of_loop:
 * its start *init, its step size *size)? Not in the loop's header, where
 * the counter is tested after the access and may be the bound there. */
static bool index_counter(const IrFunc *f, const IrDefUse *du, IrEventId id, const IrStep *st, uint32_t *k,
                          int32_t *loop, const IrOperand **init, int64_t *size) {
    if (st->kind != IR_STEP_INDEX || st->index_kind != IR_INDEX_LOCAL) return false;
    *k = st->local;
    *loop = ir_defuse_block_loop(du, id.block);
    while (*loop >= 0 && !ir_defuse_written_in_loop(du, *k, *loop)) *loop = f->loops[*loop].parent;
    if (*loop < 0 || id.block == f->loops[*loop].header) return false;
    return counter_of_loop(f, du, *k, *loop, id.block, id.index, init, size);
}

/* ---- ranges of index arithmetic ---- */

/* a + b (sign -1: a - b) of affine values in one space; false on overflow,
 * divisions or two spaces. */
static bool aff_add(Affine a, Affine b, int sign, Affine *out) {
    if (a.div || b.div || (a.scale && b.scale && a.space != b.space)) return false;
    Affine r = {0, 0, 0, a.scale ? a.space : b.space};
    if (__builtin_mul_overflow(b.scale, sign, &b.scale) || __builtin_mul_overflow(b.addend, sign, &b.addend) ||
        __builtin_add_overflow(a.scale, b.scale, &r.scale) || __builtin_add_overflow(a.addend, b.addend, &r.addend))
        return false;
    if (!r.scale) r.space = 0;
    *out = r;
    return true;
}

static bool aff_mul(Affine a, int64_t m, Affine *out) {
    if (a.div || __builtin_mul_overflow(a.scale, m, &out->scale) || __builtin_mul_overflow(a.addend, m, &out->addend))
        return false;
    out->div = 0;
    out->space = out->scale ? a.space : 0;
    return true;
}

/* The values local k may hold at event `at` as [lo, hi], both affine: a
 * counter of a loop around `at` stepping up from its start to below its
 * bound, else the one value affine_local finds. */
static bool local_range(AffCtx *c, IrEventId at, uint32_t k, Affine *lo, Affine *hi) {
    const IrFunc *f = ir_defuse_func(c->du);
    int32_t loop = ir_defuse_block_loop(c->du, at.block);
    while (loop >= 0 && !ir_defuse_written_in_loop(c->du, k, loop)) loop = f->loops[loop].parent;
    if (loop >= 0) {
        const IrOperand *init;
        int64_t size;
        if (at.block == f->loops[loop].header || !counter_of_loop(f, c->du, k, loop, at.block, at.index, &init, &size) ||
            size <= 0 || !affine_operand(c, init, 0, lo) || !loop_bound(c, k, loop, hi))
            return false;
        return !hi->div && !__builtin_sub_overflow(hi->addend, 1, &hi->addend);
    }
    if (!affine_local(c, k, 0, lo)) return false;
    *hi = *lo;
    return true;
}

/* The range [lo, hi] of integer arithmetic o read at event `at`, each bound
 * affine in one space (the instance's index): constants, bare locals
 * (local_range), +, - and * by a constant, and the remainder of a division
 * by (or the bits of a mask with) a positive constant. */
static bool arith_range(AffCtx *c, IrEventId at, const IrOperand *o, Affine *lo, Affine *hi) {
    uint32_t n = ir_operand_narith(o);
    Affine sl[IR_ARITH_MAX], sh[IR_ARITH_MAX];
    uint32_t sp = 0;
    for (uint32_t i = 0; i < n; i++) {
        const IrArith *a = &o->arith[i];
        if (a->kind == IR_ARITH_CONST || a->kind == IR_ARITH_LOCAL) {
            if (sp >= IR_ARITH_MAX) return false;
            if (a->kind == IR_ARITH_CONST) sl[sp] = sh[sp] = (Affine){0, a->value, 0, 0};
            else if (!local_range(c, at, a->local, &sl[sp], &sh[sp])) return false;
            sp++;
            continue;
        }
        if (sp < 2 || (a->kind != IR_ARITH_ADD && a->kind != IR_ARITH_SUB && a->kind != IR_ARITH_MUL &&
                       a->kind != IR_ARITH_MOD && a->kind != IR_ARITH_AND))
            return false;
        Affine bl = sl[sp - 1], bh = sh[sp - 1], al = sl[sp - 2], ah = sh[sp - 2];
        sp -= 2;
        Affine rl, rh;
        bool bconst = !bl.scale && !bh.scale && !bl.div && !bh.div && bl.addend == bh.addend;
        if (a->kind == IR_ARITH_MOD || a->kind == IR_ARITH_AND) {
            /* by a positive constant c: `r % c` in [0, c - 1] when r is not
             * negative (C's remainder takes the dividend's sign), else in
             * [-(c - 1), c - 1]; `r & m` (m >= 0) in [0, m]; an operand
             * already inside that range keeps its own */
            int64_t c = bl.addend;
            if (!bconst || c <= 0) return false;
            bool inside = !al.scale && !ah.scale && !al.div && !ah.div && al.addend >= 0 &&
                          ah.addend < (a->kind == IR_ARITH_MOD ? c : 0);
            if (inside) {
                rl = al;
                rh = ah;
            } else {
                bool nonneg = a->kind == IR_ARITH_AND || (!al.scale && !al.div && al.addend >= 0);
                rl = (Affine){0, nonneg ? 0 : -(a->kind == IR_ARITH_MOD ? c - 1 : c), 0, 0};
                rh = (Affine){0, a->kind == IR_ARITH_MOD ? c - 1 : c, 0, 0};
            }
        } else if (a->kind == IR_ARITH_ADD) {
            if (!aff_add(al, bl, 1, &rl) || !aff_add(ah, bh, 1, &rh)) return false;
        } else if (a->kind == IR_ARITH_SUB) {
            if (!aff_add(al, bh, -1, &rl) || !aff_add(ah, bl, -1, &rh)) return false;
        } else {
            /* one factor a constant */
            bool aconst = !al.scale && !ah.scale && al.addend == ah.addend;
            if (!aconst && !bconst) return false;
            int64_t m = bconst ? bl.addend : al.addend;
            Affine xl = bconst ? al : bl, xh = bconst ? ah : bh;
            if (!aff_mul(xl, m, &rl) || !aff_mul(xh, m, &rh)) return false;
            if (m < 0) {
                Affine t = rl;
                rl = rh;
                rh = t;
            }
        }
        sl[sp] = rl;
        sh[sp] = rh;
        sp++;
    }
    if (sp != 1) return false;
    *lo = sl[0];
    *hi = sh[0];
    return true;
}

/* The slice of an access at one of its index steps: affine in the
 * instance's index (constant false; inst_slice), or constant (constant
 * true, with the thread's start values; inst_const_slice). */
static bool find_slice(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrEvent *ev,
                       const IrPath *path, bool constant, InstSlice *out) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId id;
    if (!ir_defuse_event_id(du, ev, &id)) return false;
    for (uint32_t s = 0; s < path->nsteps && s < 255; s++) {
        uint32_t k;
        int32_t loop;
        const IrOperand *init;
        Affine lo, hi;
        int64_t size;
        AffCtx c = {p, du, thread, func, ip, -1, false, false, 0, constant && !model_thread_many(p, thread)};
        const IrStep *st = &path->steps[s];
        /* a constant index of an array (not of a pointer, which may point
         * into the middle of one: `p[1]` after `p = &a[5]`): one element */
        if (constant && st->kind == IR_STEP_INDEX && st->index_kind == IR_INDEX_CONST &&
            (!s || path->steps[s - 1].kind != IR_STEP_DEREF) && st->value >= 0 && st->value < INT64_MAX) {
            *out = (InstSlice){(uint8_t)s, false, 0, st->value, st->value + 1, 0};
            return true;
        }
        if (st->kind == IR_STEP_INDEX && st->index_kind == IR_INDEX_UNKNOWN && st->value) {
            /* `a[id * C + k]`, `c[i * N + j]`: the range of the arithmetic */
            const IrOperand *ar = ir_index_arith(f, id.block, id.index, st->value);
            if (!ar || !arith_range(&c, id, ar, &lo, &hi)) continue;
            if (constant ? !lo.scale && !hi.scale && lo.addend <= hi.addend && hi.addend < INT64_MAX
                         : lo.scale > 0 && lo.scale == hi.scale && lo.space == AFF_INDEX && hi.space == AFF_INDEX &&
                               lo.addend <= hi.addend && hi.addend < INT64_MAX) {
                *out = (InstSlice){(uint8_t)s, false, lo.scale, lo.addend, hi.addend + 1, 0};
                return true;
            }
            continue;
        }
        if (!index_counter(f, du, id, &path->steps[s], &k, &loop, &init, &size)) {
            /* a local assigned once an affine value of the instance index
             * (`int k = 2 * id; a[k]`): one element per instance */
            if (constant || st->kind != IR_STEP_INDEX || st->index_kind != IR_INDEX_LOCAL) continue;
            IrOperand lv;
            memset(&lv, 0, sizeof lv);
            lv.kind = IR_OPD_VALUE;
            lv.path.root = IR_ROOT_LOCAL;
            lv.path.id = st->local;
            if (affine_operand(&c, &lv, 0, &lo) && lo.scale > 0 && lo.space == AFF_INDEX && !lo.div &&
                lo.addend < INT64_MAX) {
                *out = (InstSlice){(uint8_t)s, false, lo.scale, lo.addend, lo.addend + 1, 0};
                return true;
            }
            /* ... or a range of them (`int k = 3 * id + j % 3`: its one
             * definition's arithmetic, wherever it runs) */
            const IrVarDefs *d = ir_defuse_local(du, st->local);
            const IrEvent *as = d && d->has_def && d->has_assign ? ir_event_at(f, d->assign) : NULL;
            if (as && as->src && ir_operand_narith(as->src) && arith_range(&c, d->assign, as->src, &lo, &hi) &&
                lo.scale > 0 && lo.scale == hi.scale && lo.space == AFF_INDEX && hi.space == AFF_INDEX &&
                !lo.div && !hi.div && lo.addend <= hi.addend && hi.addend < INT64_MAX) {
                *out = (InstSlice){(uint8_t)s, false, lo.scale, lo.addend, hi.addend + 1, 0};
                return true;
            }
            continue;
        }
        if (!affine_operand(&c, init, 0, &lo)) continue;
        if (constant) {
            if (!lo.space && loop_bound(&c, k, loop, &hi) && !hi.space && lo.addend < hi.addend) {
                *out = (InstSlice){(uint8_t)s, false, 0, lo.addend, hi.addend, 0};
                return true;
            }
            continue;
        }
        /* the bound may be a constant for the last instance alone (it takes
         * the remainder: its range starts past every other's) */
        c.allow_last = true;
        int64_t wlo, whi;
        if (loop_bound(&c, k, loop, &hi) && lo.scale > 0 && lo.scale == hi.scale && lo.space == hi.space &&
            lo.div == hi.div &&
            (!c.has_last || (instance_window(p, thread, lo.space, &wlo, &whi) && c.last_k == whi - 1))) {
            *out = (InstSlice){(uint8_t)s, false, lo.scale, lo.addend, hi.addend, lo.div};
            return true;
        }
        /* strided: `for (i = id; i < n; i += T)` with the instances' values
         * within T consecutive integers: distinct residues modulo T */
        if (size >= 2 && lo.scale == 1 && lo.space && !lo.div && values_within(p, thread, lo.space, size)) {
            *out = (InstSlice){(uint8_t)s, true, size, ((lo.addend % size) + size) % size, 0, 0};
            return true;
        }
    }
    return false;
}

bool inst_slice(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrEvent *ev, const IrPath *path,
                InstSlice *out) {
    const Thread *th = &p->tm.threads.data[thread];
    if (!th->arg_kind || !model_thread_many(p, thread) ||
        (th->parent >= 0 && model_thread_many(p, (uint32_t)th->parent)))
        return false;
    return find_slice(p, thread, func, ip, ev, path, false, out);
}

bool inst_const_slice(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const IrPath *path,
                      InstSlice *out) {
    bool const_index = false;
    for (uint32_t s = 0; s < path->nsteps && !const_index; s++)
        const_index = path->steps[s].kind == IR_STEP_INDEX && path->steps[s].index_kind == IR_INDEX_CONST;
    if (!p->link.funcs.data[func].ir->nloops && !const_index) return false;
    uint64_t h = hash_mix(hash_mix((uint64_t)(uintptr_t)ev, (uint64_t)(uintptr_t)path), thread) & ~(1ULL << 63), v;
    for (; u64map_get(&p->tm.const_slices, h, &v); h = (h + 1) & ~(1ULL << 63)) {
        const ConstSliceMemo *m = &p->tm.const_slice_memo.data[v];
        if (m->ev == ev && m->path == path && m->thread == thread) {
            *out = m->slice;
            return m->has;
        }
    }
    ConstSliceMemo m = {ev, path, thread, false, {0}};
    m.has = find_slice(p, thread, func, (InstParams){0, 0}, ev, path, true, &m.slice);
    vec_push(&p->tm.const_slice_memo, m);
    u64map_put(&p->tm.const_slices, h, p->tm.const_slice_memo.len - 1);
    *out = m.slice;
    return m.has;
}

