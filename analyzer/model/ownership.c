/*
 * ownership.c - which objects threads share, from the points-to graph.
 *
 * An object is shared when it is reachable through points-to edges from a
 * non-thread-local global or from the argument of a spawn. Only accesses to
 * shared objects can race; the rest are thread-private (SOUNDNESS: an
 * unknown external function that stores a pointer somewhere global is not
 * seen).
 *
 * A heap object handed to exactly one thread instance is moved rather than
 * shared (see mark_instance_objects).
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* Objects reachable from the start objects through points-to edges; calls
 * visit(p, obj, ctx) once per object reached (marks[obj] == stamp after). */
typedef VEC(uint32_t) ObjWork;

static void reach_objects(Program *p, ObjWork *work, uint32_t *marks, uint32_t stamp,
                          void (*visit)(Program *, uint32_t, void *), void *ctx) {
    ObjWork stack = {0};
    while (work->len) {
        uint32_t o = work->data[--work->len];
        if (marks[o] == stamp) continue;
        marks[o] = stamp;
        visit(p, o, ctx);
        if (p->objs.data[o].root != UINT32_MAX) vec_push(&stack, p->objs.data[o].root);
        while (stack.len) { /* every node of the object: walk its field tree */
            uint32_t n = stack.data[--stack.len];
            const IdSet *pts = &p->nodes.data[n].pts;
            for (uint32_t k = 0; k < pts->n; k++) {
                uint32_t to = p->nodes.data[pts->v[k]].obj;
                if (marks[to] != stamp) vec_push(work, to);
            }
            for (uint32_t c = p->nodes.data[n].first_child; c != UINT32_MAX; c = p->nodes.data[c].next_sibling)
                vec_push(&stack, c);
        }
    }
    vec_free(&stack);
}

static void visit_global(Program *p, uint32_t o, void *ctx) {
    (void)ctx;
    p->objs.data[o].shared = true;
    p->objs.data[o].from_global = true;
}

static const IrEvent *const MANY_SPAWNS = (const IrEvent *)1;

static void visit_spawn(Program *p, uint32_t o, void *ctx) {
    const IrEvent *ev = ctx;
    Obj *obj = &p->objs.data[o];
    obj->shared = true;
    obj->spawn = !obj->spawn || obj->spawn == ev ? ev : MANY_SPAWNS;
}

/* Does some field of object o point into o itself (a list linking the
 * objects one allocation site returns)? */
static bool points_to_itself(const Program *p, uint32_t o) {
    ObjWork stack = {0};
    bool found = false;
    if (p->objs.data[o].root != UINT32_MAX) vec_push(&stack, p->objs.data[o].root);
    while (stack.len && !found) {
        uint32_t n = stack.data[--stack.len];
        const IdSet *pts = &p->nodes.data[n].pts;
        for (uint32_t k = 0; k < pts->n && !found; k++) found = p->nodes.data[pts->v[k]].obj == o;
        for (uint32_t c = p->nodes.data[n].first_child; c != UINT32_MAX; c = p->nodes.data[c].next_sibling)
            vec_push(&stack, c);
    }
    vec_free(&stack);
    return found;
}

/* PRECISION: a heap object allocated in the same loop iteration as a spawn
 * and handed directly as that spawn's argument, reachable from nothing else
 * (no global, no other spawn) and not linked to itself, stands for one
 * object per thread instance: `for (...) { r = malloc(); create(.., r); }`
 * hands each instance its own, so the instances do not race on it. */
static void mark_instance_objects(Program *p) {
    for (size_t o = 0; o < p->objs.len; o++) {
        Obj *obj = &p->objs.data[o];
        if (obj->kind != OBJ_HEAP || obj->from_global || !obj->spawn || obj->spawn == MANY_SPAWNS || !obj->site ||
            obj->direct_spawn != obj->spawn || points_to_itself(p, (uint32_t)o))
            continue;
        const IrFunc *f = p->funcs.data[obj->a].ir;
        uint32_t ab, sb, ai, si;
        if (!ir_event_position(f, obj->site, &ab, &ai) || !ir_event_position(f, obj->spawn, &sb, &si))
            continue; /* spawn in another function */
        int32_t loop = f->blocks[sb].loop;
        if (loop >= 0 && f->blocks[ab].loop == loop) obj->per_instance = true;
    }
}

/* Mark objects reachable from globals and spawn arguments as shared. */
void ownership_build(Program *p) {
    uint32_t *marks = xcalloc(p->objs.len ? p->objs.len : 1, sizeof(uint32_t));
    uint32_t stamp = 1;
    ObjWork work = {0};
    for (size_t g = 0; g < p->globals.len; g++) {
        if (p->globals.data[g].flags & IR_GLOBAL_TLS) continue;
        vec_push(&work, p->globals.data[g].obj);
    }
    vec_push(&work, p->string_obj);
    reach_objects(p, &work, marks, stamp, visit_global, NULL);
    for (size_t f = 0; f < p->funcs.len; f++) {
        const IrFunc *ir = p->funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind != CALL_API || ci->api->kind != API_SPAWN) continue;
                int a = ci->api->arg;
                if (a < 0 || (uint32_t)a >= ev->call->nargs) continue;
                IdSet t = {0};
                pt_operand_targets(p, (uint32_t)f, &ev->call->args[a], &t);
                for (uint32_t k = 0; k < t.n; k++) {
                    uint32_t o = p->nodes.data[t.v[k]].obj;
                    p->objs.data[o].direct_spawn = p->objs.data[o].direct_spawn ? MANY_SPAWNS : ev;
                    vec_push(&work, o);
                }
                idset_free(&t);
                reach_objects(p, &work, marks, ++stamp, visit_spawn, (void *)ev);
            }
    }
    vec_free(&work);
    free(marks);
    mark_instance_objects(p);
}
