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

static void find_param_escapes(Program *p);
static void frame_private(Program *p);

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
        if (p->pt.objs.data[o].root != UINT32_MAX) vec_push(&stack, p->pt.objs.data[o].root);
        while (stack.len) { /* every node of the object: walk its field tree */
            uint32_t n = stack.data[--stack.len];
            const IdSet *pts = &p->pt.nodes.data[n].pts;
            for (uint32_t k = 0; k < pts->n; k++) {
                uint32_t to = p->pt.nodes.data[pts->v[k]].obj;
                if (marks[to] != stamp) vec_push(work, to);
            }
            for (uint32_t c = p->pt.nodes.data[n].first_child; c != UINT32_MAX; c = p->pt.nodes.data[c].next_sibling)
                vec_push(&stack, c);
        }
    }
    vec_free(&stack);
}

static void visit_global(Program *p, uint32_t o, void *ctx) {
    (void)ctx;
    p->pt.objs.data[o].shared = true;
    p->pt.objs.data[o].from_global = true;
}

static void visit_spawn(Program *p, uint32_t o, void *ctx) {
    const IrEvent *ev = ctx;
    Obj *obj = &p->pt.objs.data[o];
    obj->shared = true;
    if (!obj->spawn_seen) obj->spawn = ev;
    else if (obj->spawn != ev) obj->spawn = NULL; /* several spawns */
    obj->spawn_seen = true;
}

/* Does some field of object o point into o itself (a list linking the
 * objects one allocation site returns)? */
static bool points_to_itself(const Program *p, uint32_t o) {
    ObjWork stack = {0};
    bool found = false;
    if (p->pt.objs.data[o].root != UINT32_MAX) vec_push(&stack, p->pt.objs.data[o].root);
    while (stack.len && !found) {
        uint32_t n = stack.data[--stack.len];
        const IdSet *pts = &p->pt.nodes.data[n].pts;
        for (uint32_t k = 0; k < pts->n && !found; k++) found = p->pt.nodes.data[pts->v[k]].obj == o;
        for (uint32_t c = p->pt.nodes.data[n].first_child; c != UINT32_MAX; c = p->pt.nodes.data[c].next_sibling)
            vec_push(&stack, c);
    }
    vec_free(&stack);
    return found;
}

/* PRECISION: a heap object allocated in the same loop iteration as a spawn
 * (or, neither in a loop of their function, in the same call: one object
 * per call, and one spawn per call) and handed directly as that spawn's
 * argument, reachable from nothing else
 * (no global, no other spawn) and not linked to itself, stands for one
 * object per thread instance: `for (...) { r = malloc(); create(.., r); }`
 * hands each instance its own, so the instances do not race on it
 * (per_instance). One also kept in a global (`ctxs[i] = r`, for the joins
 * or a monitor) is per_iteration: each instance's own only where the
 * instance reaches it through its start parameter.
 * A local of the function holding the spawn, outside any loop there, whose
 * address the spawn hands over (`int local; create(.., &local); join;`),
 * reachable from nothing else, is per_instance too: each call of the
 * function is a frame of its own, and spawns one instance (a thread that
 * runs such a function in many instances, its children each with their
 * own). SOUNDNESS: an instance outliving the frame while the next call
 * reuses the same stack is not told apart (stack-escape reports the
 * escape itself). */
static void mark_instance_objects(Program *p) {
    for (size_t o = 0; o < p->pt.objs.len; o++) {
        Obj *obj = &p->pt.objs.data[o];
        if (obj->kind == OBJ_LOCAL && obj->direct_spawn && obj->spawn == obj->direct_spawn && !obj->from_global &&
            obj->a < p->link.funcs.len) {
            const IrDefUse *du = model_defuse(p, p->link.funcs.data[obj->a].ir);
            IrEventId s;
            if (ir_defuse_event_id(du, obj->direct_spawn, &s) && ir_defuse_block_loop(du, s.block) < 0)
                obj->per_instance = true;
            continue;
        }
        if (obj->kind != OBJ_HEAP || !obj->direct_spawn || !obj->site || points_to_itself(p, (uint32_t)o)) continue;
        const IrFunc *f = p->link.funcs.data[obj->a].ir;
        const IrDefUse *du = model_defuse(p, f);
        IrEventId a, s;
        if (!ir_defuse_event_id(du, obj->site, &a) || !ir_defuse_event_id(du, obj->direct_spawn, &s))
            continue; /* spawn in another function */
        int32_t loop = ir_defuse_block_loop(du, s.block);
        if (ir_defuse_block_loop(du, a.block) != loop) continue;
        /* also kept in a global (`ctxs[i] = c`): each instance's own as
         * reached through its start parameter only (instances.c) */
        obj->per_iteration = true;
        if (!obj->from_global && obj->spawn == obj->direct_spawn) obj->per_instance = true;
    }
}

static void note_global_use(Program *p, uint8_t *used, const IrPath *path) {
    if (path->root != IR_ROOT_GLOBAL || !path->usr) return;
    Global *g = program_global(p, path->usr);
    if (g) used[g - p->link.globals.data] = 1;
}

static void note_operand(Program *p, uint8_t *used, const IrOperand *o) {
    if (o && (o->kind == IR_OPD_ADDR || o->kind == IR_OPD_VALUE)) note_global_use(p, used, &o->path);
}

/* PRECISION: a global of the program (internal linkage, or any defined
 * global when the program is not a library) that no code reads nor takes
 * the address of (`last = b;` for a debugger's eyes) hands what it points
 * to to nobody: it is shared itself, what it points to is not shared by
 * it. used[g]: read somewhere (a READ event of a path rooted at it, or an
 * operand naming it: its value or its address). */
static void globals_read(Program *p, uint8_t *used) {
    /* every function, reached or not (a global initialiser taking an
     * address is one, `<init>`) */
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; ir && b < ir->nblocks; b++) {
            const IrBlock *bb = &ir->blocks[b];
            for (uint32_t e = 0; e < bb->nevents; e++) {
                const IrEvent *ev = &bb->events[e];
                if (ev->kind == IR_EV_READ) note_global_use(p, used, &ev->path);
                else if (ev->kind == IR_EV_ASSIGN) note_operand(p, used, ev->src);
                else if (ev->kind == IR_EV_CALL && ev->call) {
                    for (uint32_t a = 0; a < ev->call->nargs; a++) note_operand(p, used, &ev->call->args[a]);
                    note_operand(p, used, &ev->call->callee);
                }
                /* the path of a store through a global pointer (`g->x = ..`) reads g */
                if ((ev->kind == IR_EV_WRITE || ev->kind == IR_EV_ASSIGN) && ev->path.root == IR_ROOT_GLOBAL)
                    for (uint32_t k = 0; k < ev->path.nsteps; k++)
                        if (ev->path.steps[k].kind == IR_STEP_DEREF) note_global_use(p, used, &ev->path);
            }
            note_operand(p, used, &bb->term.cond);
            note_operand(p, used, &bb->term.ret);
        }
    }
}

/* Mark objects reachable from globals and spawn arguments as shared. */
void ownership_build(Program *p) {
    find_param_escapes(p);
    uint32_t *marks = xcalloc(p->pt.objs.len ? p->pt.objs.len : 1, sizeof(uint32_t));
    uint32_t stamp = 1;
    ObjWork work = {0};
    uint8_t *used = xcalloc(p->link.globals.len + 1, 1);
    globals_read(p, used);
    for (size_t g = 0; g < p->link.globals.len; g++) {
        /* an object an allocation stores through a pointer (model/pools.c
         * names it as a global) is shared as a heap object is: when reached */
        const Global *gl = &p->link.globals.data[g];
        if (gl->flags & (IR_GLOBAL_TLS | IR_GLOBAL_ALLOCATED)) continue;
        if (!used[g] && ((gl->flags & (IR_GLOBAL_STATIC | IR_GLOBAL_LOCAL_STATIC)) ||
                         ((gl->flags & IR_GLOBAL_DEFINED) && !p->library))) {
            /* written only: shared itself, its pointees not through it */
            visit_global(p, gl->obj, NULL);
            continue;
        }
        vec_push(&work, gl->obj);
    }
    free(used);
    vec_push(&work, p->pt.string_obj);
    reach_objects(p, &work, marks, stamp, visit_global, NULL);
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
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
                    uint32_t o = p->pt.nodes.data[t.v[k]].obj;
                    Obj *obj = &p->pt.objs.data[o];
                    obj->direct_spawn = obj->direct_seen ? NULL : ev; /* NULL: several */
                    obj->direct_seen = true;
                    vec_push(&work, o);
                }
                idset_free(&t);
                reach_objects(p, &work, marks, ++stamp, visit_spawn, (void *)ev);
            }
    }
    vec_free(&work);
    free(marks);
    mark_instance_objects(p);
    frame_private(p);
}

/* ---- parameters that escape ------------------------------------------------ */

/* Does the function let the pointer it receives in parameter k escape -
 * store it (or an address inside its object) into memory other than the
 * parameter's own object, pass it to a thread, a pool, a callback
 * registration, code racecheck cannot see through a pointer, or a
 * callee's parameter that escapes? Bit k of Program.own.param_escapes[func]
 * (bit 63: every parameter from 63 on). Returning it is not escaping: the
 * caller gets the pointer back (Program.own.param_returns), and its own
 * analysis follows the call's result (`p = itoa(v, p)`). The least
 * fixpoint over the call graph: a helper that only reads and writes
 * through its parameter (an init function) lets nothing escape. */

static uint64_t param_bit(uint32_t k) {
    return 1ull << (k < 63 ? k : 63);
}

/* The parameters (bits) whose pointer operand o carries: the parameter's
 * value (or a copy, in carry[] by local/temp key), or an address inside
 * its object. */
static uint64_t carried_params(const uint64_t *carry, size_t ncarry, const IrOperand *o) {
    int64_t k = ir_operand_pointer_key(o);
    return k >= 0 && (size_t)k < ncarry ? carry[k] : 0;
}

/* Does some callee of ci have bit a in its entry of masks (per function),
 * or take fewer parameters (a variadic argument: not followed)? */
static bool some_target_has(const Program *p, const CallInfo *ci, uint32_t a, const uint64_t *masks) {
    for (uint32_t t = 0; t < ci->targets.n; t++) {
        const IrFunc *g = p->link.funcs.data[ci->targets.v[t]].ir;
        if (a >= g->nparams || (masks[ci->targets.v[t]] & param_bit(a))) return true;
    }
    return false;
}

bool own_call_escapes(const Program *p, const IrEvent *ev, uint32_t a) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci) return true;
    if (ci->kind == CALL_EXTERNAL) return false; /* as pub_transfer: the C library keeps nothing */
    if (ci->kind == CALL_API)
        return ci->api->kind == API_SPAWN || ci->api->kind == API_POOL_SUBMIT || ci->api->kind == API_POOL_NEW ||
               ci->api->kind == API_ONCE || ci->api->kind == API_CALLBACK_REGISTER || ci->api->kind == API_TSS ||
               (ci->api->kind == API_ATOMIC && (int32_t)a != ci->api->object); /* the value an atomic stores */
    /* a call through a pointer to nothing known; one that no function of
     * the program can be (points-to found none, nor any address-taken
     * function of its type or its closed field's: fallback) reaches code
     * racecheck cannot see, which keeps nothing, as for an external call */
    if (!ci->targets.n) return !ci->fallback;
    return some_target_has(p, ci, a, p->own.param_escapes);
}

bool own_call_content_escapes(const Program *p, const IrEvent *ev, uint32_t a) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind == CALL_API || !ci->targets.n) return own_call_escapes(p, ev, a);
    if (ci->kind == CALL_EXTERNAL) return false;
    return some_target_has(p, ci, a, p->own.param_content_escapes);
}

bool own_call_returns(const Program *p, const IrEvent *ev, uint32_t a) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ev->call->result < 0) return false;
    if (ci->kind == CALL_EXTERNAL || ci->kind == CALL_API) {
        const ApiModel *fx = program_call_effects(p, ev, ci);
        return fx && fx->returns == (int)a; /* memcpy, strchr: where the argument points */
    }
    for (uint32_t t = 0; t < ci->targets.n; t++)
        if (p->own.param_returns[ci->targets.v[t]] & param_bit(a)) return true;
    return false;
}

/* A store into the object a pointer local points to (`ts->stack =
 * ts->static_items`, a path of one dereference then members and
 * elements): the local's key, else -1. Storing an object's own address
 * into it makes it reachable from nothing new (when the local is the
 * pointer for sure: an unchanged parameter, a must-alias of the
 * publication dataflow). */
/* Do path's steps from `from` on stay inside one object (members and
 * elements: no dereference, no step out to an enclosing object)? */
static bool within_object(const IrPath *path, uint32_t from) {
    for (uint32_t i = from; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_DEREF || path->steps[i].kind == IR_STEP_UP) return false;
    return true;
}

static int64_t self_object_key(const IrPath *path) {
    if (!path->nsteps || path->steps[0].kind != IR_STEP_DEREF || !within_object(path, 1)) return -1;
    IrPath r = *path;
    r.nsteps = 0;
    return ir_plain_key(&r);
}

/* The pointers operand o reads out of the objects the parameters point to
 * (bits): `h->p`, `*pp`, a member of a struct parameter passed by value
 * (`h.p`), or a copy of such a value (ccarry, by local/temp key). */
static uint64_t content_params(const uint64_t *carry, const uint64_t *ccarry, size_t ncarry, const IrOperand *o) {
    if (o->kind != IR_OPD_VALUE) return 0;
    int64_t r = ir_operand_root_key(o);
    if (r < 0 || (size_t)r >= ncarry) return 0;
    if (!o->path.nsteps) return ccarry[r];
    return carry[r] | ccarry[r]; /* through the pointer, or a member of the struct value */
}

/* Is every use of the address of parameter k of f (`&p`) an argument of a
 * call of program functions that keep neither that address nor what it
 * holds (`digits(.., &p, ..)` stepping a cursor: `*pp = out1(c, *pp)`)?
 * Then the parameter's value stays where the function's own analysis sees
 * it. */
static bool address_kept_in_calls(const Program *p, const IrFunc *f, uint32_t k) {
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const IrOperand *r = &f->blocks[b].term.ret;
        if (f->blocks[b].term.kind == IR_TERM_RETURN && r->kind == IR_OPD_ADDR && r->path.root == IR_ROOT_LOCAL &&
            r->path.id == k)
            return false; /* `return &p` */
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            const IrOperand *ops = NULL;
            uint32_t n = 0;
            if (ev->kind == IR_EV_CALL && ev->call) ops = ev->call->args, n = ev->call->nargs;
            else if (ev->kind == IR_EV_ASSIGN && ev->src) ops = ev->src, n = 1;
            for (uint32_t a = 0; a < n; a++) {
                const IrOperand *o = &ops[a];
                if (o->kind != IR_OPD_ADDR || o->path.root != IR_ROOT_LOCAL || o->path.id != k) continue;
                if (ev->kind != IR_EV_CALL || o->path.nsteps) return false;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind != CALL_INTERNAL || !p->own.param_content_escapes || own_call_escapes(p, ev, a) ||
                    own_call_content_escapes(p, ev, a) || own_call_returns(p, ev, a))
                    return false;
            }
        }
    }
    return true;
}

/* The parameters whose pointer func lets escape; *ret: those it may
 * return (the caller gets it back: own_call_returns); *cesc: those whose
 * object's contents - the pointers stored in it - it lets escape (a
 * holder `h` whose `h->p` it stores away). */
static uint64_t escapes_of(const Program *p, uint32_t func, uint64_t *ret, uint64_t *cesc) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    *ret = *cesc = 0;
    if (!f->nparams) return 0;
    /* which parameters each local and temporary may carry, and whose
     * contents (flow-insensitive) */
    size_t ncarry = (size_t)(f->nlocals > f->ntemps ? f->nlocals : f->ntemps) * 2 + 2;
    uint64_t *carry = xcalloc(ncarry, sizeof(uint64_t));
    uint64_t *ccarry = xcalloc(ncarry, sizeof(uint64_t));
    /* `&param`: what is read or stored through that address is not
     * followed, so that parameter escapes (and may be returned); the
     * others are followed as usual (a value stored through the address is
     * a store into memory, an escape of what it carries) */
    uint64_t esc = 0;
    for (uint32_t k = 0; k < f->nparams; k++) {
        if ((f->locals[k].flags & IR_LOCAL_ADDR_TAKEN) && !address_kept_in_calls(p, f, k)) esc |= param_bit(k);
        carry[k * 2] = param_bit(k);
    }
    *ret = esc;
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                int64_t d;
                uint64_t c = 0, cc = 0;
                if (ev->kind == IR_EV_ASSIGN) {
                    d = ir_plain_key(&ev->path);
                    c = carried_params(carry, ncarry, ev->src);
                    cc = content_params(carry, ccarry, ncarry, ev->src);
                } else if (ev->kind == IR_EV_CALL && ev->call && ev->call->result >= 0) {
                    d = (int64_t)ev->call->result * 2 + 1; /* `p = itoa(v, p)`: the result is the argument */
                    for (uint32_t a = 0; a < ev->call->nargs; a++) {
                        uint64_t x = carried_params(carry, ncarry, &ev->call->args[a]);
                        uint64_t xc = content_params(carry, ccarry, ncarry, &ev->call->args[a]);
                        if ((x || xc) && own_call_returns(p, ev, a)) c |= x, cc |= xc;
                    }
                } else {
                    continue;
                }
                if (d < 0 || (size_t)d >= ncarry) continue;
                if ((carry[d] | c) != carry[d]) carry[d] |= c, changed = true;
                if ((ccarry[d] | cc) != ccarry[d]) ccarry[d] |= cc, changed = true;
            }
    }
    uint64_t cont = 0;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_ASSIGN) {
                int64_t d = ir_plain_key(&ev->path);
                if (d < 0) { /* stored into memory: not when into the parameter's own object */
                    int64_t r = self_object_key(&ev->path);
                    bool self = r >= 0 && !(r & 1) && r / 2 < f->nparams && r / 2 < 63 &&
                                model_param_unchanged(p, func, (uint32_t)(r / 2));
                    uint64_t own = self ? param_bit((uint32_t)(r / 2)) : 0;
                    esc |= carried_params(carry, ncarry, ev->src) & ~own;
                    /* what the object held, put back into it (`*pp = next(*pp)`), stays there */
                    cont |= content_params(carry, ccarry, ncarry, ev->src) & ~own;
                }
            } else if (ev->kind == IR_EV_CALL && ev->call) {
                for (uint32_t a = 0; a < ev->call->nargs; a++) {
                    const IrOperand *o = &ev->call->args[a];
                    uint64_t c = carried_params(carry, ncarry, o), cc = content_params(carry, ccarry, ncarry, o);
                    if (!c && !cc) continue;
                    if (own_call_escapes(p, ev, a)) esc |= c, cont |= cc;
                    /* the callee lets out what the object it is given holds */
                    if (c && own_call_content_escapes(p, ev, a)) cont |= c;
                }
            }
        }
        if (f->blocks[b].term.kind == IR_TERM_RETURN) {
            *ret |= carried_params(carry, ncarry, &f->blocks[b].term.ret);
            cont |= content_params(carry, ccarry, ncarry, &f->blocks[b].term.ret); /* not followed in the caller */
        }
    }
    free(carry);
    free(ccarry);
    *cesc = cont | esc;
    return esc;
}

static void find_param_escapes(Program *p) {
    size_t nf = p->link.funcs.len;
    p->own.param_escapes = xcalloc(nf ? nf : 1, sizeof(uint64_t));
    p->own.param_returns = xcalloc(nf ? nf : 1, sizeof(uint64_t));
    p->own.param_content_escapes = xcalloc(nf ? nf : 1, sizeof(uint64_t));
    for (size_t f = 0; f < nf; f++)
        if (!p->link.funcs.data[f].reachable)
            p->own.param_escapes[f] = p->own.param_returns[f] = p->own.param_content_escapes[f] = ~0ull;
    int changed = 1;
    for (int round = 0; changed && round < MODEL_MAX_ESCAPE_ROUNDS; round++) {
        changed = 0;
        for (size_t f = 0; f < nf; f++) {
            if (!p->link.funcs.data[f].reachable) continue;
            uint64_t r, ce, e = escapes_of(p, (uint32_t)f, &r, &ce) | p->own.param_escapes[f];
            r |= p->own.param_returns[f];
            ce |= p->own.param_content_escapes[f];
            if (e != p->own.param_escapes[f] || r != p->own.param_returns[f] || ce != p->own.param_content_escapes[f])
                p->own.param_escapes[f] = e, p->own.param_returns[f] = r, p->own.param_content_escapes[f] = ce,
                changed = 1;
        }
    }
    if (changed) {
        for (size_t f = 0; f < nf; f++) /* unsettled: all escape */
            p->own.param_escapes[f] = p->own.param_content_escapes[f] = ~0ull;
        diag_report(p->diags, DIAG_WARNING, NULL, 0, 0,
                    "which parameters escape did not settle in %d rounds over the call graph; every parameter is "
                    "taken to escape (objects passed to helpers count as published)", MODEL_MAX_ESCAPE_ROUNDS);
    }
}

/* ---- moves: accesses before publication ------------------------------------ */

/* A fresh object (a heap object named by an allocation call in function f)
 * is known only to its allocating code until the pointer is published:
 * stored into memory, passed to a program function or a thread, or
 * returned. Another thread can reach the object only through a
 * publication, so an access made before it (through the pointer or a copy
 * of it, in f, with no publication on any path from the allocation) happens
 * before every access of another thread: the object is being initialised
 * before it is moved. (If the publication itself races, that race is
 * reported on the location the pointer is stored in.)
 *
 * A local of f is as fresh at f's entry: each call has its own, and until
 * f publishes its address (`&job`, `&job.next`, an array decayed, or a
 * pointer holding one), no other thread can reach this call's instance; an
 * access to it (by name, or through such a pointer) before then does not
 * race. (An earlier call's instance, still used by a thread after its
 * frame returned, would be a use after scope, not a race; see "Ownership"
 * in docs/precision.md.) */

/* A member of a local struct that may hold the fresh pointer (`StrMap n =
 * {xcalloc(..), ..}`): the local's plain key and the member's name, by
 * index in the run's table (PubState.fields). */
typedef struct MemberSlot {
    int64_t local;
    const char *field;
} MemberSlot;
typedef VEC(MemberSlot) MemberSlots;

typedef struct PubState {
    bool reached, published;
    int64_t own; /* a local's own key (ir_plain_key), -1 for a heap object */
    IdSet aliases; /* plain locals and temps (local id * 2, temp id * 2 + 1) holding the pointer */
    IdSet held;    /* ... holding it, or NULL since they held it (`queue[n] = job; job = NULL;`):
                      a must-set, as aliases (which it contains) */
    IdSet pub_held; /* ... that may hold it on a path where it is published (a may-set): an
                       access through one of held but not of these is before publication on
                       every path where it reaches the object (the others moved it out) */
    IdSet fields;  /* members of local structs holding it (indices into *slots) */
    MemberSlots *slots; /* the run's table of members (shared by every state) */
    bool *relaxed; /* set when a relaxed atomic store may publish the pointer (shared by every state) */
} PubState;

/* The member path `L.f` of a plain local L: its slot index (added to the
 * table when `add`), or -1. */
static int field_slot(PubState *s, const IrPath *path, bool add) {
    if (path->root != IR_ROOT_LOCAL || path->nsteps < 1 || path->steps[0].kind != IR_STEP_FIELD || !s->slots)
        return -1;
    IrPath root = *path;
    root.nsteps = 0;
    int64_t l = ir_plain_key(&root);
    const char *f = path->steps[0].field;
    if (l < 0 || !f) return -1;
    for (size_t i = 0; i < s->slots->len; i++)
        if (s->slots->data[i].local == l && !strcmp(s->slots->data[i].field, f)) return (int)i;
    if (!add) return -1;
    MemberSlot fs = {l, f};
    vec_push(s->slots, fs);
    return (int)s->slots->len - 1;
}

/* Does some member of local (plain key) l hold the pointer? */
static bool holds_in_member(const PubState *s, int64_t l) {
    for (uint32_t i = 0; i < s->fields.n; i++)
        if (s->slots->data[s->fields.v[i]].local == l) return true;
    return false;
}

/* Does operand o carry the pointer (a copy of an alias, possibly offset, or
 * the address of the local or of a part of it; the member holding it read,
 * the struct holding it copied whole, or the struct's address)? */
enum { CARRIES_NOT, CARRIES_POINTER, CARRIES_HOLDER };

/* ... and how: the pointer itself (CARRIES_POINTER), or a struct holding it
 * in a member, by address or by value (CARRIES_HOLDER: what a callee does
 * with the struct's contents matters, own_call_content_escapes). */
static int carry_kind(const PubState *s, const IrOperand *o) {
    int64_t k = ir_operand_root_key(o);
    if (k < 0) return CARRIES_NOT;
    if (k == s->own) return o->kind == IR_OPD_ADDR ? CARRIES_POINTER : CARRIES_NOT; /* &job, &job.next, an array decayed */
    if (s->fields.n && o->path.root == IR_ROOT_LOCAL) {
        if (o->kind == IR_OPD_ADDR || (o->kind == IR_OPD_VALUE && !o->path.nsteps)) {
            if (holds_in_member(s, k)) return CARRIES_HOLDER; /* &n, or n copied whole */
        } else if (o->kind == IR_OPD_VALUE && o->path.nsteps == 1) {
            int i = field_slot((PubState *)s, &o->path, false); /* n.keys read */
            if (i >= 0 && idset_has(&s->fields, (uint32_t)i)) return CARRIES_POINTER;
        }
    }
    /* the pointer itself, or an address inside the object (&n->f); a local
     * that may hold it (or NULL) counts */
    k = ir_operand_pointer_key(o);
    return k >= 0 && idset_has(&s->held, (uint32_t)k) ? CARRIES_POINTER : CARRIES_NOT;
}

static bool carries(const PubState *s, const IrOperand *o) {
    return carry_kind(s, o) != CARRIES_NOT;
}

/* May a store into a member of local L keep the fresh pointer private to
 * the function: L's own initialiser outside loops, or any store when L's
 * address is never taken (no one else can reach L)? */
static bool private_member_store(const IrFunc *f, const IrEvent *ev, uint32_t block) {
    if (ev->path.root != IR_ROOT_LOCAL || ev->path.id >= f->nlocals || ev->path.nsteps != 1) return false;
    if (!(f->locals[ev->path.id].flags & IR_LOCAL_ADDR_TAKEN)) return true;
    return (ev->flags & IR_EV_INIT) && f->blocks[block].loop < 0;
}

/* Is path inside the object itself: through a copy of the pointer
 * (self_object_key), or a member of the local object by name? */
static bool into_itself(const PubState *s, const IrPath *path) {
    int64_t k = self_object_key(path);
    if (k >= 0) return idset_has(&s->aliases, (uint32_t)k);
    IrPath r = *path;
    r.nsteps = 0;
    k = ir_plain_key(&r);
    return k >= 0 && k == s->own && within_object(path, 0);
}

/* Is o the address of a local holding the pointer (`&q`, not `&q->f`)? */
static bool alias_address(const PubState *s, const IrOperand *o) {
    int64_t k = ir_operand_root_key(o);
    return o->kind == IR_OPD_ADDR && (!o->path.nsteps || o->path.steps[0].kind != IR_STEP_DEREF) && k >= 0 &&
           idset_has(&s->aliases, (uint32_t)k);
}

/* Does a library function with effects fx write an argument other than
 * a (memcpy's destination), so that what a holds may be copied there? */
static bool copies_elsewhere(const ApiModel *fx, uint32_t a) {
    for (uint32_t i = 0; i < fx->neffects; i++) {
        const ApiEffect *e = &fx->effects[i];
        if (e->index != (int)a && (e->effect == EFFECT_WRITE || e->effect == EFFECT_READWRITE ||
                                   e->effect == EFFECT_REALLOC))
            return true;
    }
    return fx->variadic_from >= 0 && fx->variadic_effect != EFFECT_READ;
}

/* The pointer is published: every local that may hold it now holds a
 * published object. */
static void publish(PubState *s) {
    s->published = true;
    idset_union(&s->pub_held, &s->held);
}

/* Local or temporary key d is assigned: the pointer (c), NULL (null), or
 * something else. */
static void pub_assign(PubState *s, uint32_t d, bool c, bool null) {
    idset_remove(&s->pub_held, d);
    if (c) {
        idset_add(&s->aliases, d);
        idset_add(&s->held, d);
        if (s->published) idset_add(&s->pub_held, d);
        return;
    }
    idset_remove(&s->aliases, d);
    if (!null) idset_remove(&s->held, d); /* NULL: it still holds the pointer or nothing */
}

static void pub_transfer(const Program *p, const IrFunc *f, uint32_t block, const IrEvent *ev, const IrEvent *site,
                         PubState *s) {
    if (site && ev == site) {
        s->published = false;
        s->aliases.n = 0;
        s->held.n = 0;
        s->pub_held.n = 0;
        s->fields.n = 0;
        if (ev->call && ev->call->result >= 0) pub_assign(s, (uint32_t)ev->call->result * 2 + 1, true, false);
        return;
    }
    if (ev->kind == IR_EV_ASSIGN) {
        int64_t d = ir_plain_key(&ev->path);
        bool c = carries(s, ev->src);
        int slot;
        if (alias_address(s, ev->src)) publish(s); /* `pq = &q`: read back through pq, not followed */
        if (d >= 0) {
            pub_assign(s, (uint32_t)d, c, ev->src->kind == IR_OPD_CONST && ev->src->value == 0);
        } else if ((slot = field_slot(s, &ev->path, c)) >= 0 && ev->path.nsteps == 1 &&
                   (!c || private_member_store(f, ev, block))) {
            if (c) idset_add(&s->fields, (uint32_t)slot); /* n.keys = fresh */
            else idset_remove(&s->fields, (uint32_t)slot);
        } else if (c && !into_itself(s, &ev->path)) {
            publish(s); /* stored into memory */
        }
    } else if (ev->kind == IR_EV_CALL && ev->call) {
        const CallInfo *ci = program_call(p, ev);
        if (ci && ci->kind == CALL_API && ci->api->kind == API_ATOMIC) {
            /* an atomic store, exchange or compare-exchange of the pointer
             * into memory publishes it; a relaxed one orders nothing before
             * it (mark_unpublished then keeps no access) */
            for (uint32_t a = 0; a < ev->call->nargs; a++)
                if ((int32_t)a != ci->api->object && carries(s, &ev->call->args[a])) {
                    if (!s->published && s->relaxed && model_atomic_relaxed(p, ev, ci->api)) *s->relaxed = true;
                    publish(s);
                }
        }
        bool harmless = ci && ((ci->kind == CALL_API && ci->api->kind != API_SPAWN &&
                                ci->api->kind != API_POOL_SUBMIT && ci->api->kind != API_ONCE) ||
                               ci->kind == CALL_EXTERNAL);
        /* the address of a local holding the pointer (`&q`: the callee may
         * read it through that address and keep it), or a struct holding
         * it copied by a library function (`memcpy(&g, &h, sizeof h)`) */
        const ApiModel *fx = harmless ? program_call_effects(p, ev, ci) : NULL;
        for (uint32_t a = 0; a < ev->call->nargs; a++) {
            const IrOperand *o = &ev->call->args[a];
            if (alias_address(s, o) || (fx && carry_kind(s, o) == CARRIES_HOLDER && copies_elsewhere(fx, a)))
                publish(s);
        }
        /* a program function whose parameter does not escape (an init
         * helper) keeps nothing: not a publication */
        for (uint32_t a = 0; a < ev->call->nargs && !harmless; a++) {
            int how = carry_kind(s, &ev->call->args[a]);
            if (how == CARRIES_NOT) continue;
            if (!p->own.param_escapes ||
                (how == CARRIES_POINTER ? own_call_escapes(p, ev, a) : own_call_content_escapes(p, ev, a)))
                publish(s);
            /* a holder handed back (`hp = id(&h)`) is not followed */
            if (how == CARRIES_HOLDER && own_call_returns(p, ev, a)) publish(s);
        }
        if (ev->call->result >= 0) {
            /* `p = itoa(v, p)`: a callee that returns where its argument points */
            bool back = false;
            for (uint32_t a = 0; a < ev->call->nargs && !back; a++)
                back = carry_kind(s, &ev->call->args[a]) == CARRIES_POINTER && own_call_returns(p, ev, a);
            pub_assign(s, (uint32_t)ev->call->result * 2 + 1, back, false);
        }
    }
}

static bool pub_merge(PubState *dst, const PubState *src) {
    if (!src->reached) return false;
    if (!dst->reached) {
        dst->reached = true;
        dst->published = src->published;
        idset_copy(&dst->aliases, &src->aliases);
        idset_copy(&dst->held, &src->held);
        idset_copy(&dst->pub_held, &src->pub_held);
        idset_copy(&dst->fields, &src->fields);
        return true;
    }
    bool changed = !dst->published && src->published;
    dst->published |= src->published;
    changed |= idset_intersect(&dst->aliases, &src->aliases);
    changed |= idset_intersect(&dst->held, &src->held);
    changed |= idset_union(&dst->pub_held, &src->pub_held);
    changed |= idset_intersect(&dst->fields, &src->fields);
    return changed;
}

/* Does local or temporary key reach the object only where it is not
 * published yet: a copy of the pointer before publication, or, once some
 * path published it, a local holding it (or NULL) on every path and on
 * none where it is published (`queue[n] = job; job = NULL;` on one path,
 * `free(job)` after: the other path's job, never handed over)? */
static bool holds_unpublished(const PubState *s, int64_t key) {
    if (key < 0) return false;
    if (!s->published) return idset_has(&s->aliases, (uint32_t)key);
    return idset_has(&s->held, (uint32_t)key) && !idset_has(&s->pub_held, (uint32_t)key);
}

/* Through the fresh pointer before it is published: an access by a path
 * whose root holds the pointer and whose first step dereferences it. */
static bool unpublished_access(const Program *p, const PubState *s, const IrEvent *ev) {
    if (!s->reached) return false;
    if (ev->kind == IR_EV_CALL && ev->call) {
        /* a library call's effects through the fresh pointer (memset(n, 0, sizeof *n)) */
        if (!program_call_effects(p, ev, program_call(p, ev))) return false;
        for (uint32_t a = 0; a < ev->call->nargs; a++)
            if (s->published ? holds_unpublished(s, ir_operand_pointer_key(&ev->call->args[a]))
                             : carries(s, &ev->call->args[a]))
                return true;
        return false;
    }
    if (ev->kind != IR_EV_READ && ev->kind != IR_EV_WRITE) return false;
    IrPath root = ev->path;
    root.nsteps = 0;
    int64_t key = ir_plain_key(&root);
    if (s->published) return ev->path.nsteps && ev->path.steps[0].kind == IR_STEP_DEREF && holds_unpublished(s, key);
    if (key >= 0 && key == s->own) return true; /* the local by name */
    if (s->fields.n && ev->path.nsteps >= 2 &&
        (ev->path.steps[1].kind == IR_STEP_DEREF || ev->path.steps[1].kind == IR_STEP_INDEX)) {
        int i = field_slot((PubState *)s, &ev->path, false); /* n.keys[j]: through the member */
        if (i >= 0 && idset_has(&s->fields, (uint32_t)i)) return true;
    }
    if (!ev->path.nsteps || ev->path.steps[0].kind != IR_STEP_DEREF) return false;
    return key >= 0 && idset_has(&s->aliases, (uint32_t)key);
}

/* Beyond what pub_transfer calls publishing, may event ev let the pointer
 * out of the frame: a copy of it kept in a local whose address is taken
 * (`q = p; ... *pq`, whose stores are not followed), or the pointer handed
 * to a function racecheck cannot see and has no model of (a library that
 * may keep it)? */
static bool leaves_frame(const Program *p, const IrFunc *f, const PubState *s, const IrEvent *ev) {
    if (ev->kind == IR_EV_ASSIGN) {
        int64_t d = ir_plain_key(&ev->path);
        return d >= 0 && !(d & 1) && (uint64_t)(d >> 1) < f->nlocals &&
               (f->locals[d >> 1].flags & IR_LOCAL_ADDR_TAKEN) && carries(s, ev->src);
    }
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    const CallInfo *ci = program_call(p, ev);
    bool unseen = !ci || (ci->kind == CALL_EXTERNAL && !program_call_effects(p, ev, ci)) ||
                  (ci->kind == CALL_INDIRECT && !ci->targets.n);
    for (uint32_t a = 0; a < ev->call->nargs && unseen; a++)
        if (carries(s, &ev->call->args[a])) return true;
    return false;
}

/* A lock taken while the object is still unpublished (any lock: the
 * lock-order rule asks whether the object's own locks held there are
 * private, LockAcq.held_private). */
static bool unpublished_lock(const Program *p, const PubState *s, const IrEvent *ev) {
    if (!s->reached || s->published || ev->kind != IR_EV_CALL || !ev->call) return false;
    const CallInfo *ci = program_call(p, ev);
    return ci && ci->kind == CALL_API && (ci->api->kind == API_LOCK || ci->api->kind == API_TRYLOCK);
}

/* Record that access event ev is made before the publication of obj
 * (Program.own.unpublished): one event may be so for several objects
 * (`n.keys[j]` is the local n's by name and the fresh array's it holds),
 * each asked apart. */
static void note_obj(U64Map *map, ObjSets *sets, uint64_t key, uint32_t obj) {
    uint64_t v;
    if (!u64map_get(map, key, &v)) {
        IdSet none = {0};
        vec_push(sets, none);
        v = sets->len;
        u64map_put(map, key, v);
    }
    idset_add(&sets->data[v - 1], obj);
}

static void note_unpublished(Program *p, const IrEvent *ev, uint32_t obj) {
    note_obj(&p->own.unpublished, &p->own.unpublished_objs, (uint64_t)(uintptr_t)ev, obj);
}

/* Does local or temporary key k hold the pointer the allocation returned
 * in this activation (or NULL), published or not? A local whose address
 * is taken may be changed behind the dataflow's back: not. */
static bool alias_held(const IrFunc *f, const PubState *s, int64_t k) {
    if (k < 0 || !idset_has(&s->held, (uint32_t)k)) return false;
    return (k & 1) || (uint64_t)(k >> 1) >= f->nlocals || !(f->locals[k >> 1].flags & IR_LOCAL_ADDR_TAKEN);
}

/* Record the accesses and arguments of ev made through the pointer the
 * allocation of heap object obj in this activation returned (Program.own.alias):
 * a path dereferencing a local that holds it, within the object (`r->v[i]`,
 * not `r->next->v`), and the arguments carrying it or an address inside
 * its object (`memset(n->buf, ..)`, `fill(n)`). Published or not, each
 * activation's allocation is an object of its own. */
static void note_alias(Program *p, const IrFunc *f, const PubState *s, const IrEvent *ev, uint32_t obj) {
    if (!s->reached) return;
    if (ev->kind == IR_EV_READ || ev->kind == IR_EV_WRITE) {
        if (alias_held(f, s, self_object_key(&ev->path)))
            note_obj(&p->own.alias, &p->own.alias_objs, (uint64_t)(uintptr_t)ev << 6, obj);
        return;
    }
    if (ev->kind != IR_EV_CALL || !ev->call) return;
    for (uint32_t a = 0; a < ev->call->nargs && a < 63; a++) {
        const IrOperand *o = &ev->call->args[a];
        bool inside = o->kind == IR_OPD_ADDR ? self_object_key(&o->path) >= 0
                                             : o->kind == IR_OPD_VALUE && !o->path.nsteps;
        if (inside && alias_held(f, s, ir_operand_pointer_key(o)))
            note_obj(&p->own.alias, &p->own.alias_objs, (uint64_t)(uintptr_t)ev << 6 | (a + 1), obj);
    }
}

bool own_alias(const Program *p, const IrEvent *ev, int arg, uint32_t obj) {
    uint64_t v;
    if (arg >= 63 || !u64map_get(&p->own.alias, (uint64_t)(uintptr_t)ev << 6 | (uint64_t)(arg + 1), &v)) return false;
    return obj == UINT32_MAX ? p->own.alias_objs.data[v - 1].n > 0 : idset_has(&p->own.alias_objs.data[v - 1], obj);
}

static bool run_publication(Program *p, uint32_t obj, uint32_t func, int32_t param, const IrEvent *seed, int depth,
                            bool *escaped);

/* Does the program make a relaxed atomic store, exchange or
 * compare-exchange anywhere (computed once)? */
static bool any_relaxed_store(Program *p) {
    if (!p->own.relaxed_known) {
        p->own.relaxed_known = true;
        PROGRAM_EACH_EVENT(p, fn, ir, ev) {
            if (p->own.relaxed_any || ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (ci && ci->kind == CALL_API && ci->api->kind == API_ATOMIC && ev->call->nargs > 1 &&
                model_atomic_relaxed(p, ev, ci->api))
                p->own.relaxed_any = true;
        }
    }
    return p->own.relaxed_any;
}

/* A fresh object its function returns (`s = build(3)`): is it published
 * with a relaxed store by a caller, or by a caller's caller it is returned
 * to in turn (up to MODEL_MAX_RETURN_DEPTH; deeper: taken to be)? The
 * publication dataflow runs in each caller from the call, seeded with the
 * call's result, and records the caller's accesses before its publication
 * as before the object's. Only when the program makes a relaxed store at
 * all: otherwise no caller can. */
static bool callers_relaxed(Program *p, uint32_t obj, uint32_t callee, int depth) {
    if (!any_relaxed_store(p)) return false;
    if (depth >= MODEL_MAX_RETURN_DEPTH) {
        p->own.return_depth_hits++; /* noted (threads.c) */
        return true;
    }
    /* the calls of callee whose result is used, in its callers (PtFunc.callers) */
    bool relaxed = false;
    const IdSet *callers = &p->pt.funcs.data[callee].callers;
    for (uint32_t c = 0; c < callers->n; c++) {
        const IrFunc *g = p->link.funcs.data[callers->v[c]].ir;
        for (uint32_t b = 0; b < g->nblocks; b++)
            for (uint32_t e = 0; e < g->blocks[b].nevents; e++) {
                const IrEvent *ev = &g->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call || ev->call->result < 0) continue;
                const CallInfo *ci = program_call(p, ev);
                if (ci && (ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT) && idset_has(&ci->targets, callee))
                    relaxed |= run_publication(p, obj, callers->v[c], -1, ev, depth + 1, NULL);
            }
    }
    return relaxed;
}

/* Run the publication dataflow of heap object obj in its allocating
 * function (of a local in its function, from the entry) once, and record
 * every access made before publication in p->own.unpublished
 * (note_unpublished). */
/* With param >= 0: the same dataflow in function func (obj unused) for the
 * pointer parameter `param` holds on entry, recording the events made
 * through it before the function publishes it (Program.own.param_prefix).
 * *escaped (when not NULL) is set when the pointer may leave the frame
 * (see frame_private). */
static bool run_publication(Program *p, uint32_t obj, uint32_t func, int32_t param, const IrEvent *seed, int depth,
                            bool *escaped) {
    const Obj *o = param < 0 ? &p->pt.objs.data[obj] : NULL;
    const IrEvent *site = seed ? seed : o && o->kind == OBJ_HEAP ? o->site : NULL;
    uint32_t fid = seed || !o ? func : o->a;
    const IrFunc *f = p->link.funcs.data[fid].ir;
    uint32_t sb = 0;
    if (escaped) *escaped = true; /* until the dataflow settles */
    if (site) {
        IrEventId sid;
        if (!ir_defuse_event_id(model_defuse(p, f), site, &sid)) return true;
        sb = sid.block;
    } else if (!f->nblocks) {
        return true;
    }
    bool returned = false;
    bool esc = false;
    PubState *in = xcalloc(f->nblocks, sizeof(PubState));
    bool relaxed = false;
    MemberSlots slots = {0};
    for (uint32_t b = 0; b < f->nblocks; b++) in[b].own = -1, in[b].slots = &slots, in[b].relaxed = &relaxed;
    PubState cur = {0};
    cur.slots = &slots;
    cur.relaxed = &relaxed;
    cur.own = -1;
    if (param >= 0) {
        IrPath lp = {.root = IR_ROOT_LOCAL, .id = (uint32_t)param};
        in[0].reached = true;
        idset_add(&in[0].aliases, (uint32_t)ir_plain_key(&lp));
        idset_add(&in[0].held, (uint32_t)ir_plain_key(&lp));
    } else if (!site) {
        IrPath lp = {.root = IR_ROOT_LOCAL, .id = o->b};
        int64_t k = ir_plain_key(&lp);
        in[0].reached = true;
        for (uint32_t b = 0; b < f->nblocks; b++) in[b].own = k;
        cur.own = k;
    }
    bool changed = true;
    for (int pass = 0; pass <= MODEL_MAX_PUBLICATION_ROUNDS; pass++) {
        /* the last pass records, with the fixpoint states */
        bool record = !changed || pass == MODEL_MAX_PUBLICATION_ROUNDS;
        /* returned to the callers: what they do with it decides too */
        if (record && returned && o && !relaxed) relaxed = callers_relaxed(p, obj, fid, depth);
        if (changed && pass == MODEL_MAX_PUBLICATION_ROUNDS)
            diag_report(p->diags, DIAG_WARNING, f->loc.file, f->loc.line, f->loc.col,
                        "the publication analysis of %s in %s did not settle in %d rounds; its accesses "
                        "before publication are taken from the last round",
                        o ? o->name : param < (int32_t)f->nlocals ? f->locals[param].name : "a parameter", f->name,
                        MODEL_MAX_PUBLICATION_ROUNDS);
        changed = false;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            if (!in[b].reached && b != sb) continue;
            cur.reached = in[b].reached;
            cur.published = in[b].published;
            idset_copy(&cur.aliases, &in[b].aliases);
            idset_copy(&cur.held, &in[b].held);
            idset_copy(&cur.pub_held, &in[b].pub_held);
            idset_copy(&cur.fields, &in[b].fields);
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                /* before the allocation in its own block: the state entering it
                 * (a previous iteration), then the allocation resets */
                if (site && ev == site) cur.reached = true;
                if (param >= 0) {
                    if (record && !relaxed && unpublished_access(p, &cur, ev))
                        u64map_put(&p->own.param_prefix, (uint64_t)(uintptr_t)ev << 6 | (uint64_t)(param + 1), 1);
                } else if (record && cur.reached && !cur.published && ev->kind == IR_EV_CALL && ev->call)
                    for (uint32_t a = 0; a < ev->call->nargs && a < 63; a++) {
                        if (!carries(&cur, &ev->call->args[a])) continue;
                        uint64_t key = (uint64_t)(uintptr_t)ev << 6 | (a + 1), old;
                        bool have = u64map_get(&p->own.unpublished_args, key, &old);
                        u64map_put(&p->own.unpublished_args, key, have && old != obj + 1ull ? UINT64_MAX : obj + 1ull);
                    }
                if (param < 0 && record && !relaxed && (unpublished_access(p, &cur, ev) || unpublished_lock(p, &cur, ev)))
                    note_unpublished(p, ev, obj);
                if (param < 0 && record && !seed && o->kind == OBJ_HEAP) note_alias(p, f, &cur, ev, obj);
                if (record && cur.reached && !esc) esc = cur.published || leaves_frame(p, f, &cur, ev);
                if (cur.reached) pub_transfer(p, f, b, ev, site, &cur);
            }
            if (record) {
                esc |= cur.reached && (cur.published || (f->blocks[b].term.kind == IR_TERM_RETURN &&
                                                          carries(&cur, &f->blocks[b].term.ret)));
                continue;
            }
            if (f->blocks[b].term.kind == IR_TERM_RETURN && carries(&cur, &f->blocks[b].term.ret))
                cur.published = returned = true;
            for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
                if (f->blocks[b].succ[s] < f->nblocks && pub_merge(&in[f->blocks[b].succ[s]], &cur)) changed = true;
        }
        if (record) {
            if (escaped) *escaped = esc || changed || relaxed;
            break;
        }
    }
    idset_free(&cur.aliases);
    idset_free(&cur.held);
    idset_free(&cur.pub_held);
    idset_free(&cur.fields);
    for (uint32_t b = 0; b < f->nblocks; b++)
        idset_free(&in[b].aliases), idset_free(&in[b].held), idset_free(&in[b].pub_held), idset_free(&in[b].fields);
    vec_free(&slots);
    free(in);
    return relaxed;
}

static void mark_unpublished(Program *p, uint32_t obj);
static void mark_unpublished_elements(Program *p, uint32_t obj);

/* PRECISION: a local, or a heap object its allocating function names,
 * whose pointer never leaves that function's frame - never stored into
 * memory, returned, handed to a thread, a pool, a callback registration,
 * a library racecheck has no model of, or a parameter that escapes
 * (find_param_escapes) - is reached only by the code the frame's own
 * activation runs: by the thread running it. Each activation has its own
 * (a call in another thread, another call, another iteration's
 * allocation), so no two threads ever reach the same one: not shared,
 * whatever points-to, which names every activation's by one object, says
 * (`raxIterator iter; raxStart(&iter, rt); raxNext(&iter)` in functions
 * that main and the I/O threads both run; a buffer allocated, filled and
 * freed in a helper). SOUNDNESS: as for publication, a copy of the
 * pointer made by means the IR does not say (an integer cast stored, a
 * memcpy of the pointer itself) is not followed. */
static void frame_private(Program *p) {
    for (size_t i = 0; i < p->pt.objs.len; i++) {
        Obj *o = &p->pt.objs.data[i];
        if (!o->shared || !(o->kind == OBJ_LOCAL || (o->kind == OBJ_HEAP && o->site))) continue;
        if (o->a >= p->link.funcs.len) continue;
        if (!o->pub_marked) {
            o->pub_marked = true;
            mark_unpublished(p, (uint32_t)i);
            mark_unpublished_elements(p, (uint32_t)i);
        }
        if (o->frame_private) {
            o->shared = false;
            p->own.frame_private++;
        }
    }
}

static void mark_unpublished(Program *p, uint32_t obj) {
    bool escaped;
    bool relaxed = run_publication(p, obj, 0, -1, NULL, 0, &escaped);
    Obj *o = &p->pt.objs.data[obj];
    o->frame_private = !escaped;
    o->pub_relaxed = relaxed;
}

bool own_param_prefix(Program *p, uint32_t func, uint32_t k, const IrEvent *ev) {
    if (k >= 63) return false;
    uint64_t done = (uint64_t)func << 6 | (k + 1);
    if (!u64map_get(&p->own.param_prefix_done, done, NULL)) {
        u64map_put(&p->own.param_prefix_done, done, 1);
        run_publication(p, 0, func, (int32_t)k, NULL, 0, NULL);
    }
    return u64map_get(&p->own.param_prefix, (uint64_t)(uintptr_t)ev << 6 | (k + 1), NULL);
}

/* Does operand op carry the address of local array A (key: its plain
 * key): `&A[i]`, `&A[i].f`, or A decayed? */
static bool carries_array(const IrOperand *op, int64_t key) {
    if (op->kind != IR_OPD_ADDR && !(op->kind == IR_OPD_VALUE && !op->path.nsteps)) return false;
    return ir_operand_root_key(op) == key;
}

/* The operands an event hands on: an assignment's source, a call's
 * arguments (*n of them); NULL (*n 0) for other events. */
static const IrOperand *handed_operands(const IrEvent *ev, uint32_t *n) {
    *n = 0;
    if (ev->kind == IR_EV_ASSIGN && ev->src) return *n = 1, ev->src;
    if (ev->kind == IR_EV_CALL && ev->call) return *n = ev->call->nargs, ev->call->args;
    return NULL;
}


/* A local array whose elements are published one per round of a loop -
 * the only places its address goes anywhere are `&A[i]` (i the loop's
 * counter) in that loop, an outermost one - has each element fresh until
 * its round publishes it: `tasks[i].in = i; push(&tasks[i]);`. A pointer
 * local assigned `&A[i]` there and nowhere else (`r = &tasks[i]; r->in =
 * i; push(r)`) names the round's element too; what it is passed to or
 * stored in publishes it. Record the accesses of a round to its element
 * (`A[i]...`, `r->...`) made before every publication of that round in
 * p->own.unpublished, as mark_unpublished does for a whole object.
 * ASSUMPTION: a thread holding &A[j] does not reach A[i] by pointer
 * arithmetic. */
static void mark_unpublished_elements(Program *p, uint32_t obj) {
    const Obj *o = &p->pt.objs.data[obj];
    if (o->kind != OBJ_LOCAL) return;
    uint32_t func = o->a;
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (o->b >= f->nlocals || !(f->locals[o->b].flags & IR_LOCAL_ARRAY)) return;
    const IrDefUse *du = model_defuse(p, f);
    IrPath lp = {.root = IR_ROOT_LOCAL, .id = o->b};
    int64_t key = ir_plain_key(&lp);
    int32_t loop = -1;
    VEC(const IrEvent *) pubs = {0};
    IdSet alias = {0}; /* pointer locals holding the round's element */
    bool ok = true;
    /* first the carriers of the array's address: aliases and publications */
    for (uint32_t b = 0; b < f->nblocks && ok; b++) {
        const IrBlock *bb = &f->blocks[b];
        if (bb->term.kind == IR_TERM_RETURN && carries_array(&bb->term.ret, key)) ok = false;
        for (uint32_t e = 0; e < bb->nevents && ok; e++) {
            const IrEvent *ev = &bb->events[e];
            uint32_t nops;
            const IrOperand *ops = handed_operands(ev, &nops);
            for (uint32_t k = 0; k < nops && ok; k++) {
                if (!carries_array(&ops[k], key)) continue;
                int32_t l = bb->loop;
                if (l < 0 || f->loops[l].parent >= 0 || (loop >= 0 && l != loop) ||
                    !inst_counter_first_step(p, func, ev, &ops[k].path, l)) {
                    ok = false;
                    break;
                }
                loop = l;
                uint32_t r = ev->path.id;
                bool to_local = ev->kind == IR_EV_ASSIGN && ev->path.root == IR_ROOT_LOCAL && !ev->path.nsteps &&
                                r < f->nlocals && !(f->locals[r].flags & IR_LOCAL_ADDR_TAKEN) &&
                                ir_defuse_sole_assign(du, ir_defuse_local(du, r)) == ev &&
                                ir_defuse_local(du, r)->nwrites <= 1; /* no `r++` besides */
                if (to_local) idset_add(&alias, r);
                else vec_push(&pubs, ev);
            }
        }
    }
    /* then what the aliases go to: a copy, a store, a call argument
     * publishes (a return: not followed) */
    for (uint32_t b = 0; b < f->nblocks && ok && alias.n; b++) {
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t i = 0; i < alias.n; i++)
            if (bb->term.kind == IR_TERM_RETURN && ir_operand_pointer_key(&bb->term.ret) == (int64_t)alias.v[i] * 2) ok = false;
        for (uint32_t e = 0; e < bb->nevents && ok; e++) {
            const IrEvent *ev = &bb->events[e];
            uint32_t nops;
            const IrOperand *ops = handed_operands(ev, &nops);
            bool carried = false;
            for (uint32_t k = 0; k < nops && !carried; k++)
                for (uint32_t i = 0; i < alias.n && !carried; i++) carried = ir_operand_pointer_key(&ops[k]) == (int64_t)alias.v[i] * 2;
            if (!carried) continue;
            if (!ir_defuse_block_in_loop(du, b, loop)) ok = false; /* the last round's element, after the loop */
            else vec_push(&pubs, ev);
        }
    }
    for (uint32_t b = 0; b < f->nblocks && ok && pubs.len; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop)) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_READ && ev->kind != IR_EV_WRITE) continue;
            IrPath root = ev->path;
            root.nsteps = 0;
            bool elem = ir_plain_key(&root) == key && inst_counter_first_step(p, func, ev, &ev->path, loop);
            /* through an alias set earlier in the round (before its
             * assignment it holds the last round's element) */
            bool via = ev->path.root == IR_ROOT_LOCAL && idset_has(&alias, ev->path.id) && ev->path.nsteps &&
                       ev->path.steps[0].kind == IR_STEP_DEREF &&
                       inst_earlier_in_iteration(du, ir_defuse_sole_assign(du, ir_defuse_local(du, ev->path.id)), ev);
            if (!elem && !via) continue;
            bool before = true;
            for (size_t k = 0; k < pubs.len && before; k++) before = inst_earlier_in_iteration(du, ev, pubs.data[k]);
            if (!before) continue;
            note_unpublished(p, ev, obj);
        }
    }
    vec_free(&pubs);
    idset_free(&alias);
}

static bool arg_before_publication(Program *p, uint32_t func, const IrEvent *ev, uint32_t a) {
    const IrOperand *op = &ev->call->args[a];
    if (op->kind != IR_OPD_VALUE && op->kind != IR_OPD_ADDR) return false;
    IdSet t = {0};
    pt_operand_targets(p, func, op, &t);
    bool fresh = t.n > 0;
    for (uint32_t i = 0; i < t.n && fresh; i++) {
        uint32_t obj = p->pt.nodes.data[t.v[i]].obj;
        Obj *o = &p->pt.objs.data[obj];
        if ((o->kind == OBJ_HEAP ? !o->site : o->kind != OBJ_LOCAL) || o->a != func) {
            fresh = false;
            break;
        }
        if (!o->pub_marked) {
            o->pub_marked = true;
            mark_unpublished(p, obj);
            mark_unpublished_elements(p, obj);
        }
        uint64_t v;
        fresh = u64map_get(&p->own.unpublished_args, (uint64_t)(uintptr_t)ev << 6 | (a + 1), &v) && v == obj + 1ull;
    }
    idset_free(&t);
    return fresh;
}

bool own_arg_fresh(Program *p, uint32_t func, const IrEvent *ev, uint32_t a) {
    if (!ev->call || a >= ev->call->nargs || a >= 63 || !p->own.param_escapes) return false;
    const IrOperand *op = &ev->call->args[a];
    if (op->kind != IR_OPD_VALUE && op->kind != IR_OPD_ADDR) return false;
    /* the answer depends on the call alone: asked at every visit of every
     * thread, computed once */
    uint64_t key = (uint64_t)(uintptr_t)ev << 6 | (a + 1), v;
    if (u64map_get(&p->own.arg_fresh, key, &v)) return v == 1;
    bool fresh = arg_before_publication(p, func, ev, a);
    u64map_put(&p->own.arg_fresh, key, fresh ? 1 : 2);
    return fresh;
}

bool own_arg_before_publication(Program *p, uint32_t func, const IrEvent *ev, uint32_t a) {
    return own_arg_fresh(p, func, ev, a) && !own_call_escapes(p, ev, a);
}

bool own_published_relaxed(Program *p, uint32_t obj) {
    Obj *o = &p->pt.objs.data[obj];
    if (o->kind == OBJ_HEAP ? !o->site : o->kind != OBJ_LOCAL) return false;
    if (!o->pub_marked) {
        o->pub_marked = true;
        mark_unpublished(p, obj);
        mark_unpublished_elements(p, obj);
    }
    return p->pt.objs.data[obj].pub_relaxed;
}

bool own_before_publication(Program *p, uint32_t obj, uint32_t func, const IrEvent *ev) {
    Obj *o = &p->pt.objs.data[obj];
    if ((o->kind == OBJ_HEAP ? !o->site : o->kind != OBJ_LOCAL) || o->a != func) return false;
    if (!o->pub_marked) {
        o->pub_marked = true;
        mark_unpublished(p, obj);
        mark_unpublished_elements(p, obj);
    }
    uint64_t v;
    return u64map_get(&p->own.unpublished, (uint64_t)(uintptr_t)ev, &v) &&
           idset_has(&p->own.unpublished_objs.data[v - 1], obj);
}

/* ---- globals published through an atomic pointer ------------------------------ */

/* A global G that one function F fills in by name and then publishes by
 * storing its address with an atomic store that is not relaxed, no other
 * code naming it or taking its address (`cfg.v = 2; atomic_store(&cur,
 * &cfg);`, the readers reaching cfg only through `cur`): until F's first
 * publication no other thread can reach G, so F's accesses of G by name
 * made before it on every path come before G's publication, as a fresh
 * object's do - when F runs once (model_runs_once), in one thread of one
 * instance. PRECISION: a global whose address is taken anywhere else (a
 * lock call on one of its fields, a memcpy, an initialiser), an array, or
 * a global of a library's interface (not static, with --library) stays
 * shared from the start. */
typedef struct GlobalPub {
    uint8_t state;       /* 0 not named, 1 named by `func` alone, 2 not eligible */
    bool published;      /* some publication site */
    uint32_t func;
} GlobalPub;

static int64_t global_index(const Program *p, const IrPath *path) {
    if (path->root != IR_ROOT_GLOBAL || !path->usr) return -1;
    const Global *g = program_global((Program *)p, path->usr);
    return g ? g - p->link.globals.data : -1;
}

/* &G or &G.f (not &G->f: G's value) */
static int64_t address_of_global(const Program *p, const IrOperand *o) {
    if (o->kind != IR_OPD_ADDR) return -1;
    for (uint32_t i = 0; i < o->path.nsteps; i++)
        if (o->path.steps[i].kind == IR_STEP_DEREF) return -1;
    return global_index(p, &o->path);
}

static void gp_name(GlobalPub *gp, int64_t g, uint32_t func) {
    if (g < 0) return;
    if (!gp[g].state) gp[g].state = 1, gp[g].func = func;
    else if (gp[g].func != func) gp[g].state = 2;
}

/* Is argument a of call ev the value a release (or stronger) atomic store writes? */
static bool publishing_arg(const Program *p, const IrEvent *ev, uint32_t a) {
    const CallInfo *ci = program_call((Program *)p, ev);
    return ci && ci->kind == CALL_API && ci->api->kind == API_ATOMIC && ci->api->access == ATOMIC_WRITE &&
           ci->api->value >= 0 && (uint32_t)ci->api->value == a && !model_atomic_relaxed(p, ev, ci->api);
}

/* Does call event ev publish global g (g < 0: any global)? */
static bool publishes_global(const Program *p, const IrEvent *ev, int64_t g) {
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    for (uint32_t a = 0; a < ev->call->nargs; a++) {
        int64_t x = address_of_global(p, &ev->call->args[a]);
        if (x >= 0 && (g < 0 || x == g) && publishing_arg(p, ev, a)) return true;
    }
    return false;
}

static void gp_scan(const Program *p, GlobalPub *gp) {
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++) {
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL) gp_name(gp, global_index(p, &ev->path), (uint32_t)f);
                if (ev->kind == IR_EV_ASSIGN && ev->src) {
                    int64_t g = address_of_global(p, ev->src);
                    if (g >= 0) gp[g].state = 2; /* its address stored */
                    else if (ev->src->kind == IR_OPD_VALUE) gp_name(gp, global_index(p, &ev->src->path), (uint32_t)f);
                }
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                for (uint32_t a = 0; a < ev->call->nargs; a++) {
                    const IrOperand *o = &ev->call->args[a];
                    int64_t g = address_of_global(p, o);
                    if (g >= 0 && publishing_arg(p, ev, a)) {
                        gp_name(gp, g, (uint32_t)f);
                        gp[g].published = true;
                    } else if (g >= 0) {
                        gp[g].state = 2;
                    } else if (o->kind == IR_OPD_VALUE || o->kind == IR_OPD_ADDR) {
                        gp_name(gp, global_index(p, &o->path), (uint32_t)f);
                    }
                }
            }
            const IrTerm *t = &ir->blocks[b].term;
            const IrOperand *o = t->kind == IR_TERM_RETURN ? &t->ret : t->kind == IR_TERM_BRANCH ? &t->cond : NULL;
            if (o && address_of_global(p, o) >= 0) gp[address_of_global(p, o)].state = 2;
            else if (o && o->kind == IR_OPD_VALUE) gp_name(gp, global_index(p, &o->path), (uint32_t)f);
        }
    }
}

/* The events of func naming global g before its first publication on every
 * path (a may-dataflow of "published"): into pre. */
static void gp_before(const Program *p, uint32_t func, int64_t g, U64Map *pre) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (!f->nblocks) return;
    uint8_t *in = xcalloc(f->nblocks, 1); /* 1 reached, 2 reached and maybe published */
    in[0] = 1;
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            if (!in[b]) continue;
            bool pub = in[b] == 2;
            for (uint32_t e = 0; e < f->blocks[b].nevents && !pub; e++) pub = publishes_global(p, &f->blocks[b].events[e], g);
            for (uint32_t s = 0; s < f->blocks[b].nsucc; s++) {
                uint32_t x = f->blocks[b].succ[s];
                uint8_t v = pub ? 2 : 1;
                if (x < f->nblocks && in[x] < v) in[x] = v, changed = true;
            }
        }
    }
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (in[b] != 1) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (publishes_global(p, ev, g)) break;
            u64map_put(pre, (uint64_t)(uintptr_t)ev, 1);
        }
    }
    free(in);
}

/* Does some atomic store that is not relaxed publish a global's address? */
static bool any_global_published(const Program *p) {
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++)
                if (publishes_global(p, &ir->blocks[b].events[e], -1)) return true;
    }
    return false;
}

void own_globals_published(Program *p) {
    size_t ng = p->link.globals.len;
    if (!ng || !any_global_published(p)) return;
    GlobalPub *gp = xcalloc(ng, sizeof(GlobalPub));
    gp_scan(p, gp);
    for (size_t g = 0; g < ng; g++) {
        const Global *gl = &p->link.globals.data[g];
        if (gp[g].state != 1 || !gp[g].published || (gl->type && strchr(gl->type, '[')) ||
            (gl->flags & (IR_GLOBAL_TLS | IR_GLOBAL_ATOMIC | IR_GLOBAL_HIDDEN_STATE | IR_GLOBAL_ALLOCATED)) ||
            (p->library && !(gl->flags & (IR_GLOBAL_STATIC | IR_GLOBAL_LOCAL_STATIC))))
            continue;
        uint32_t func = gp[g].func, thread = UINT32_MAX, nthreads = 0;
        for (size_t t = 0; t < p->tm.threads.len; t++)
            if (idset_has(&p->tm.threads.data[t].funcs, func)) nthreads++, thread = (uint32_t)t;
        if (nthreads != 1 || model_thread_many(p, thread) || !model_runs_once(p, func, 0)) continue;
        U64Map pre;
        u64map_init(&pre);
        gp_before(p, func, (int64_t)g, &pre);
        for (size_t i = 0; i < p->tm.accesses.len; i++) {
            Access *a = &p->tm.accesses.data[i];
            if (a->site->func == func && p->pt.nodes.data[a->node].obj == gl->obj &&
                u64map_get(&pre, (uint64_t)(uintptr_t)a->site->ev, NULL))
                a->unpublished = true;
        }
        u64map_free(&pre);
    }
    free(gp);
}
