/*
 * fieldslots.c - the functions a struct field of function pointer type is
 * ever given, for the calls through it (points-to's indirect call targets).
 *
 * Points-to sets of function pointers in big programs are imprecise: an
 * object collapsed to one node, nodes merged in cycles, a solver stopped at
 * its budget. A call through `conn->type->shutdown` then reaches every
 * function of the right type some merged node holds - redis's connection
 * event handlers, nginx's `init_process` hooks for its `init_module` call -
 * and the thread model follows those invented paths. A field, unlike a
 * merged node, is named in the source: the functions a call through field
 * f can reach are among those stored into a field f somewhere. A field
 * (named and placed: the name and its byte offset in its record, so two
 * records' fields of one name at one offset count as one) is *closed* when
 * every store into it (an assignment or an initialiser, `.shutdown =
 * connSocketShutdown`, positional ones too) stores
 *   - a function designator (collected), or a constant (NULL),
 *   - the value of a field of the same name and offset (a copy between
 *     such fields: what it copies was collected where it was stored), or
 *   - an unchanged parameter of a function called only directly, whose
 *     every call passes one of these in that position, recursively (a
 *     setter: `void set_handler(struct conn *c, handler_fn h) { c->handler =
 *     h; }`, also through setters calling setters, 4 deep),
 * and no code takes the field's address (a store through that pointer
 * would not be seen). The calls through a closed field (a callee path
 * ending in that field) keep only the targets among its functions
 * (pointsto.c); an empty point-to set falls back to its functions rather
 * than to every function of the type.
 *
 * ASSUMPTION: memory holding function pointers is written as its declared
 * type: no memcpy from untyped bytes into such a field, no store through a
 * pointer cast to another record type, no write by code racecheck does not
 * see (a library filling a struct of callbacks it declares). PRECISION: a
 * field of another record with the same name and offset adds its
 * functions.
 */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Slot {
    bool other;  /* something else is stored, or the address taken: not closed */
    IdSet funcs; /* the functions stored */
} Slot;

/* A direct call of a function: where to look for what its callers pass. */
typedef struct DirectCall {
    uint32_t caller;
    const IrEvent *ev;
} DirectCall;

struct FieldSlots {
    StrMap by_key;   /* "name@offset" -> Slot index + 1 */
    VEC(Slot) slots;
    U64Map calls;    /* indirect call event -> Slot index + 1, for closed slots only */
    U64Map first;    /* callee func -> index + 1 into direct (sorted by callee) */
    VEC(DirectCall) direct;
    VEC(uint32_t) direct_callee;
};

enum { SETTER_DEPTH = 4 };

static const IrStep *last_field(const IrPath *path) {
    if (!path->nsteps) return NULL;
    const IrStep *s = &path->steps[path->nsteps - 1];
    return s->kind == IR_STEP_FIELD && s->field && s->field[0] ? s : NULL;
}

static Slot *slot_for(Program *p, FieldSlots *fs, const IrStep *f, bool create, uint32_t *index) {
    char key[300];
    snprintf(key, sizeof key, "%s@%u", f->field, f->field_offset);
    bool ins = false;
    void **v = create ? strmap_slot(&fs->by_key, intern(&p->strings, key), &ins) : NULL; /* the map keeps the key */
    uintptr_t idx;
    if (create) {
        if (ins) {
            Slot s = {0};
            vec_push(&fs->slots, s);
            *v = (void *)(uintptr_t)fs->slots.len;
        }
        idx = (uintptr_t)*v;
    } else {
        idx = (uintptr_t)strmap_get(&fs->by_key, key);
        if (!idx) return NULL;
    }
    if (index) *index = (uint32_t)idx - 1;
    return &fs->slots.data[idx - 1];
}

static uint32_t func_of(const Program *p, const IrOperand *o) {
    uintptr_t idx = o->usr && o->usr[0] ? (uintptr_t)strmap_get(&p->link.func_by_usr, o->usr) : 0;
    return idx ? (uint32_t)idx - 1 : UINT32_MAX;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* What value operand o (in func) puts into a field: functions into s;
 * false when it may be anything else. */
static bool collect_value(const Program *p, FieldSlots *fs, uint32_t func, const IrOperand *o, const IrStep *f,
                          Slot *s, int depth, U64Map *busy);

/* Parameter k of func, as its callers pass it. */
static bool collect_param(const Program *p, FieldSlots *fs, uint32_t func, uint32_t k, const IrStep *f, Slot *s,
                          int depth, U64Map *busy) {
    const Func *fn = &p->link.funcs.data[func];
    if (depth >= SETTER_DEPTH || fn->address_taken || (p->library && !fn->ir->is_static) ||
        !model_param_unchanged(p, func, k))
        return false; /* called through pointers, or by the library's users */
    uint64_t key = (uint64_t)func << 32 | k;
    if (u64map_get(busy, key, NULL)) return true; /* a cycle, or looked at already: adds nothing */
    u64map_put(busy, key, 1);
    uint64_t first;
    if (!u64map_get(&fs->first, func, &first)) return true; /* never called: stores nothing */
    for (size_t i = first - 1; i < fs->direct.len && fs->direct_callee.data[i] == func; i++) {
        const DirectCall *dc = &fs->direct.data[i];
        if (k >= dc->ev->call->nargs) return false;
        if (!collect_value(p, fs, dc->caller, &dc->ev->call->args[k], f, s, depth + 1, busy)) return false;
    }
    return true;
}

static bool collect_value(const Program *p, FieldSlots *fs, uint32_t func, const IrOperand *o, const IrStep *f,
                          Slot *s, int depth, U64Map *busy) {
    if (o->kind == IR_OPD_CONST) return true;
    if (o->kind == IR_OPD_FUNC) {
        uint32_t g = func_of(p, o);
        if (g != UINT32_MAX) idset_add(&s->funcs, g);
        return true; /* a library function: no program function */
    }
    if (o->kind != IR_OPD_VALUE || o->offset) return false;
    const IrStep *sf = last_field(&o->path);
    if (sf && !strcmp(sf->field, f->field) && sf->field_offset == f->field_offset) return true;
    const IrFunc *ir = p->link.funcs.data[func].ir;
    if (o->path.root == IR_ROOT_LOCAL && !o->path.nsteps && o->path.id < ir->nparams)
        return collect_param(p, fs, func, o->path.id, f, s, depth, busy);
    return false;
}

static void note_address(Program *p, FieldSlots *fs, const IrOperand *o) {
    if (o->kind != IR_OPD_ADDR) return;
    const IrStep *f = last_field(&o->path);
    if (f) slot_for(p, fs, f, true, NULL)->other = true;
}

FieldSlots *field_slots_build(Program *p) {
    FieldSlots *fs = xcalloc(1, sizeof *fs);
    strmap_init(&fs->by_key);
    u64map_init(&fs->calls);
    u64map_init(&fs->first);
    /* the direct calls, by callee */
    VEC(uint64_t) order = {0};
    for (size_t i = 0; i < p->link.funcs.len; i++) {
        const IrFunc *f = p->link.funcs.data[i].ir;
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call || ev->call->callee.kind != IR_OPD_FUNC) continue;
                uint32_t g = func_of(p, &ev->call->callee);
                if (g == UINT32_MAX) continue;
                DirectCall dc = {(uint32_t)i, ev};
                vec_push(&fs->direct, dc);
                vec_push(&order, (uint64_t)g << 32 | (fs->direct.len - 1));
            }
    }
    /* by callee, then position */
    if (order.len) qsort(order.data, order.len, sizeof(uint64_t), cmp_u64);
    VEC(DirectCall) sorted = {0};
    for (size_t i = 0; i < order.len; i++) {
        vec_push(&sorted, fs->direct.data[order.data[i] & 0xffffffffu]);
        vec_push(&fs->direct_callee, (uint32_t)(order.data[i] >> 32));
    }
    vec_free(&fs->direct);
    fs->direct.data = sorted.data;
    fs->direct.len = sorted.len;
    fs->direct.cap = sorted.cap;
    vec_free(&order);
    for (size_t i = fs->direct.len; i-- > 0;) u64map_put(&fs->first, fs->direct_callee.data[i], i + 1);
    /* the stores into fields, and the fields whose address is taken */
    for (size_t i = 0; i < p->link.funcs.len; i++) {
        const IrFunc *f = p->link.funcs.data[i].ir;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            const IrBlock *bb = &f->blocks[b];
            for (uint32_t e = 0; e < bb->nevents; e++) {
                const IrEvent *ev = &bb->events[e];
                if (ev->src) note_address(p, fs, ev->src);
                if (ev->kind == IR_EV_CALL && ev->call)
                    for (uint32_t a = 0; a < ev->call->nargs; a++) note_address(p, fs, &ev->call->args[a]);
                if (ev->kind != IR_EV_ASSIGN || !ev->src) continue;
                const IrStep *fl = last_field(&ev->path);
                if (!fl) continue;
                Slot *s = slot_for(p, fs, fl, true, NULL);
                if (s->other) continue;
                U64Map busy;
                u64map_init(&busy);
                bool ok = collect_value(p, fs, (uint32_t)i, ev->src, fl, s, 0, &busy);
                u64map_free(&busy);
                if (!ok) s->other = true;
            }
            if (bb->term.kind == IR_TERM_RETURN) note_address(p, fs, &bb->term.ret);
        }
    }
    /* the calls through closed fields */
    for (size_t i = 0; i < p->link.funcs.len; i++) {
        const IrFunc *f = p->link.funcs.data[i].ir;
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call || ev->call->callee.kind != IR_OPD_VALUE ||
                    ev->call->callee.offset)
                    continue;
                const IrStep *fl = last_field(&ev->call->callee.path);
                uint32_t idx;
                const Slot *s = fl ? slot_for(p, fs, fl, false, &idx) : NULL;
                if (s && !s->other) u64map_put(&fs->calls, (uint64_t)(uintptr_t)ev, idx + 1);
            }
    }
    return fs;
}

const IdSet *field_slots_for(const FieldSlots *fs, const IrEvent *ev) {
    uint64_t v;
    if (!fs || !u64map_get(&fs->calls, (uint64_t)(uintptr_t)ev, &v)) return NULL;
    return &fs->slots.data[v - 1].funcs;
}

size_t field_slots_calls(const FieldSlots *fs) {
    return fs ? fs->calls.len : 0;
}

void field_slots_free(FieldSlots *fs) {
    if (!fs) return;
    for (size_t i = 0; i < fs->slots.len; i++) idset_free(&fs->slots.data[i].funcs);
    vec_free(&fs->slots);
    strmap_free(&fs->by_key);
    u64map_free(&fs->calls);
    u64map_free(&fs->first);
    vec_free(&fs->direct);
    vec_free(&fs->direct_callee);
    free(fs);
}
