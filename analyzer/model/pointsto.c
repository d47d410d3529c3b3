/*
 * pointsto.c - abstract objects, field-sensitive locations and an
 * inclusion-based (Andersen-style), flow- and context-insensitive points-to
 * analysis over the IR of the whole program.
 *
 * Objects: every global, every local/parameter/temporary and the return
 * value of every function, one heap object per allocation call site (an API
 * model of kind "alloc"), one object per function (for function pointers) and
 * one for all string literals. A location ("node") is an object plus a field
 * path; array elements are merged into their array (PRECISION: a[i] and a[j]
 * are one location, see docs/precision.md).
 *
 * Constraints come from ASSIGN events (dst := src), argument passing to
 * internal functions (resolved directly or through the points-to sets of
 * function pointers), return values, pthread_create-like spawns (the
 * routine's first parameter receives the argument), allocation calls and
 * memcpy/memmove (copy of the pointed-to contents). Struct copies copy every
 * sub-field. The solver iterates over all constraints until nothing changes;
 * sets are sorted arrays.
 *
 * Sharing: an object is shared when it is reachable through points-to edges
 * from a non-thread-local global or from the argument of a spawn. Only
 * accesses to shared objects can race; the rest are thread-private
 * (SOUNDNESS: an unknown external function that stores a pointer somewhere
 * global is not seen).
 */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t obj_key(uint32_t kind, uint32_t a, uint32_t b) {
    return ((uint64_t)kind << 56) ^ ((uint64_t)a << 28) ^ (uint64_t)b;
}

static uint32_t new_obj(Program *p, ObjKind kind, uint32_t a, uint32_t b, const char *name, IrLoc loc) {
    Obj o;
    memset(&o, 0, sizeof o);
    o.kind = (uint8_t)kind;
    o.a = a;
    o.b = b;
    o.name = name;
    o.loc = loc;
    o.root = UINT32_MAX;
    vec_push(&p->objs, o);
    return (uint32_t)p->objs.len - 1;
}

enum { MAX_FIELD_DEPTH = 6, MAX_OBJ_NODES = 1024 };

/* SOUNDNESS: the solver stops adding points-to facts once the sets hold
 * PTS_BUDGET entries in all, or after MAX_ROUNDS rounds, and says so in a
 * warning; later pointer flows are then missed. A guard against programs
 * whose imprecise aliasing would make the naive solver run for hours. */
enum { PTS_BUDGET = 1000000, MAX_ROUNDS = 60 };

uint32_t pt_root(Program *p, uint32_t obj) {
    if (p->objs.data[obj].root != UINT32_MAX) return p->objs.data[obj].root;
    Node n;
    memset(&n, 0, sizeof n);
    n.obj = obj;
    n.parent = n.first_child = n.next_sibling = UINT32_MAX;
    n.field = "";
    vec_push(&p->nodes, n);
    uint32_t id = (uint32_t)p->nodes.len - 1;
    p->objs.data[obj].root = id;
    return id;
}

/* PRECISION: fields deeper than MAX_FIELD_DEPTH are merged into their parent
 * (a struct copied into one of its own fields would otherwise grow forever),
 * and an object whose field tree reaches MAX_OBJ_NODES nodes (a heap object
 * standing for allocations of many types) gets no new fields. */
static uint32_t child_interned(Program *p, uint32_t node, const char *field);

uint32_t pt_child(Program *p, uint32_t node, const char *field) {
    if (p->nodes.data[node].depth >= MAX_FIELD_DEPTH) return node;
    return child_interned(p, node, intern(&p->strings, field ? field : ""));
}

/* pt_child for a field name already interned in p->strings. */
static uint32_t child_interned(Program *p, uint32_t node, const char *field) {
    if (p->nodes.data[node].depth >= MAX_FIELD_DEPTH) return node;
    uint64_t fid, child;
    if (!u64map_get(&p->field_ids, (uint64_t)(uintptr_t)field, &fid)) {
        fid = p->field_ids.len;
        u64map_put(&p->field_ids, (uint64_t)(uintptr_t)field, fid);
    }
    uint64_t key = ((uint64_t)node << 32) | fid;
    if (u64map_get(&p->children, key, &child)) return (uint32_t)child;
    if (p->objs.data[p->nodes.data[node].obj].nnodes >= MAX_OBJ_NODES) return node;
    p->objs.data[p->nodes.data[node].obj].nnodes++;
    Node n;
    memset(&n, 0, sizeof n);
    n.obj = p->nodes.data[node].obj;
    n.parent = node;
    n.field = field;
    n.first_child = UINT32_MAX;
    n.next_sibling = p->nodes.data[node].first_child;
    n.depth = (uint8_t)(p->nodes.data[node].depth + 1);
    vec_push(&p->nodes, n);
    uint32_t id = (uint32_t)p->nodes.len - 1;
    p->nodes.data[node].first_child = id;
    u64map_put(&p->children, key, id);
    return id;
}


uint32_t pt_local_obj(const Program *p, uint32_t func, uint32_t local) {
    return p->funcs.data[func].local_obj0 + local;
}

static uint32_t global_obj(Program *p, const IrPath *path) {
    Global *g = program_global(p, path->usr);
    if (!g) {
        /* a global no unit declared (should not happen): add it */
        const char *usr = intern(&p->strings, path->usr ? path->usr : "?");
        Global ng = {usr, intern(&p->strings, path->name ? path->name : "?"), "", 0, {0}, 0};
        ng.obj = new_obj(p, OBJ_GLOBAL, (uint32_t)p->globals.len, 0, ng.name, ng.loc);
        vec_push(&p->globals, ng);
        strmap_put(&p->global_by_usr, usr, (void *)(uintptr_t)p->globals.len);
        return ng.obj;
    }
    return g->obj;
}

static uint32_t root_node(Program *p, uint32_t func, const IrPath *path) {
    const Func *f = &p->funcs.data[func];
    switch (path->root) {
    case IR_ROOT_GLOBAL: return pt_root(p, global_obj(p, path));
    case IR_ROOT_LOCAL:
        if (path->id < f->ir->nlocals) return pt_root(p, f->local_obj0 + path->id);
        return UINT32_MAX;
    case IR_ROOT_TEMP:
        if (path->id < f->ir->ntemps) return pt_root(p, f->temp_obj0 + path->id);
        return UINT32_MAX;
    default: return pt_root(p, p->string_obj);
    }
}

void pt_resolve_steps(Program *p, const IdSet *start, const IrStep *steps, uint32_t nsteps, IdSet *out) {
    IdSet cur = {0}, next = {0};
    idset_copy(&cur, start);
    for (uint32_t i = 0; i < nsteps && cur.n; i++) {
        const IrStep *s = &steps[i];
        if (s->kind == IR_STEP_INDEX) continue;
        next.n = 0;
        for (uint32_t k = 0; k < cur.n; k++) {
            if (s->kind == IR_STEP_FIELD) idset_add(&next, pt_child(p, cur.v[k], s->field));
            else idset_union(&next, &p->nodes.data[cur.v[k]].pts);
        }
        IdSet tmp = cur;
        cur = next;
        next = tmp;
    }
    idset_union(out, &cur);
    idset_free(&cur);
    idset_free(&next);
}

void pt_resolve_path(Program *p, uint32_t func, const IrPath *path, IdSet *out) {
    uint32_t r = root_node(p, func, path);
    if (r == UINT32_MAX) return;
    IdSet start = {0};
    idset_add(&start, r);
    pt_resolve_steps(p, &start, path->steps, path->nsteps, out);
    idset_free(&start);
}

static uint32_t func_node(Program *p, uint32_t func) {
    uint64_t key = obj_key(OBJ_FUNC, func, 0), v;
    uint32_t obj;
    if (u64map_get(&p->obj_index, key, &v)) obj = (uint32_t)v;
    else {
        obj = new_obj(p, OBJ_FUNC, func, 0, p->funcs.data[func].ir->name, p->funcs.data[func].ir->loc);
        u64map_put(&p->obj_index, key, obj);
    }
    return pt_root(p, obj);
}

void pt_operand_targets(Program *p, uint32_t func, const IrOperand *op, IdSet *out) {
    switch (op->kind) {
    case IR_OPD_VALUE: {
        IdSet locs = {0};
        pt_resolve_path(p, func, &op->path, &locs);
        for (uint32_t i = 0; i < locs.n; i++) {
            IdSet t = {0};
            idset_copy(&t, &p->nodes.data[locs.v[i]].pts);
            idset_union(out, &t);
            idset_free(&t);
        }
        idset_free(&locs);
        break;
    }
    case IR_OPD_ADDR: pt_resolve_path(p, func, &op->path, out); break;
    case IR_OPD_FUNC: {
        uintptr_t idx = op->usr && op->usr[0] ? (uintptr_t)strmap_get(&p->func_by_usr, op->usr) : 0;
        if (!idx && op->name) {
            Func *f = program_func_by_name(p, op->name);
            if (f) idx = f->id + 1;
        }
        if (idx) {
            p->funcs.data[idx - 1].address_taken = true;
            idset_add(out, func_node(p, (uint32_t)idx - 1));
        }
        break;
    }
    default: break;
    }
}

void pt_operand_funcs(Program *p, uint32_t func, const IrOperand *op, IdSet *out) {
    IdSet t = {0};
    if (op->kind == IR_OPD_VALUE || op->kind == IR_OPD_FUNC || op->kind == IR_OPD_ADDR) {
        if (op->kind == IR_OPD_VALUE && op->path.nsteps && op->path.steps[op->path.nsteps - 1].kind == IR_STEP_DEREF) {
            /* (*fp)(x): the designator is *fp, its "value" is fp's targets */
            IrOperand o = *op;
            o.path.nsteps--;
            pt_operand_targets(p, func, &o, &t);
        } else {
            pt_operand_targets(p, func, op, &t);
        }
    }
    for (uint32_t i = 0; i < t.n; i++) {
        const Obj *o = &p->objs.data[p->nodes.data[t.v[i]].obj];
        if (o->kind == OBJ_FUNC) idset_add(out, o->a);
    }
    idset_free(&t);
}

const char *pt_node_name(const Program *p, uint32_t node, char *buf, size_t n) {
    const char *parts[MAX_FIELD_DEPTH + 1];
    int k = 0;
    for (uint32_t x = node; x != UINT32_MAX && p->nodes.data[x].parent != UINT32_MAX && k <= MAX_FIELD_DEPTH;
         x = p->nodes.data[x].parent)
        parts[k++] = p->nodes.data[x].field;
    size_t len = (size_t)snprintf(buf, n, "%s", p->objs.data[p->nodes.data[node].obj].name);
    while (k-- > 0 && len < n) len += (size_t)snprintf(buf + len, n - len, ".%s", parts[k]);
    return buf;
}

/* ---- solver --------------------------------------------------------------- */

static bool add_targets(Program *p, uint32_t node, const IdSet *t) {
    if (p->pts_total >= PTS_BUDGET || !t->n) return false;
    uint32_t before = p->nodes.data[node].pts.n;
    bool changed = idset_union(&p->nodes.data[node].pts, t);
    p->pts_total += p->nodes.data[node].pts.n - before;
    for (uint32_t x = node; changed && x != UINT32_MAX && !p->nodes.data[x].pts_below; x = p->nodes.data[x].parent)
        p->nodes.data[x].pts_below = true;
    return changed;
}

/* Copy the contents of location src into dst, field by field (struct copy,
 * memcpy). */
static bool copy_contents_rec(Program *p, uint32_t dst, uint32_t src, int depth) {
    if (dst == src || depth > MAX_FIELD_DEPTH || !p->nodes.data[src].pts_below) return false;
    bool changed = false;
    if (p->nodes.data[src].pts.n) {
        IdSet t = {0};
        idset_copy(&t, &p->nodes.data[src].pts);
        changed |= add_targets(p, dst, &t);
        idset_free(&t);
    }
    for (uint32_t c = p->nodes.data[src].first_child; c != UINT32_MAX; c = p->nodes.data[c].next_sibling) {
        if (!p->nodes.data[c].pts_below) continue;
        uint32_t d = child_interned(p, dst, p->nodes.data[c].field);
        if (d != dst) changed |= copy_contents_rec(p, d, c, depth + 1);
    }
    return changed;
}

static bool copy_contents(Program *p, uint32_t dst, uint32_t src) {
    return copy_contents_rec(p, dst, src, 0);
}

static bool assign(Program *p, uint32_t func, const IrPath *dst, const IrOperand *src, bool deep) {
    IdSet d = {0}, t = {0};
    bool changed = false;
    pt_resolve_path(p, func, dst, &d);
    pt_operand_targets(p, func, src, &t);
    for (uint32_t i = 0; i < d.n; i++) changed |= add_targets(p, d.v[i], &t);
    if (deep && src->kind == IR_OPD_VALUE) {
        IdSet s = {0};
        pt_resolve_path(p, func, &src->path, &s);
        for (uint32_t i = 0; i < d.n; i++)
            for (uint32_t k = 0; k < s.n; k++) changed |= copy_contents(p, d.v[i], s.v[k]);
        idset_free(&s);
    }
    idset_free(&d);
    idset_free(&t);
    return changed;
}

static uint32_t heap_obj(Program *p, uint32_t func, const IrEvent *ev) {
    uint64_t v;
    if (u64map_get(&p->heap_sites, (uint64_t)(uintptr_t)ev, &v)) return (uint32_t)v;
    const char *file = ev->loc.file ? ev->loc.file : "?";
    const char *base = strrchr(file, '/');
    char name[256];
    snprintf(name, sizeof name, "heap@%s:%u", base ? base + 1 : file, ev->loc.line);
    uint32_t obj = new_obj(p, OBJ_HEAP, func, (uint32_t)p->heap_sites.len, intern(&p->strings, name), ev->loc);
    p->objs.data[obj].site = ev;
    u64map_put(&p->heap_sites, (uint64_t)(uintptr_t)ev, obj);
    return obj;
}

static IrPath temp_path(uint32_t t) {
    IrPath tp;
    memset(&tp, 0, sizeof tp);
    tp.root = IR_ROOT_TEMP;
    tp.id = t;
    return tp;
}

/* Pass the call's arguments into callee g. */
static bool bind_args(Program *p, uint32_t caller, const IrCall *call, uint32_t g, int32_t result) {
    bool changed = false;
    Func *gf = &p->funcs.data[g];
    uint32_t n = call->nargs < gf->ir->nparams ? call->nargs : gf->ir->nparams;
    for (uint32_t i = 0; i < n; i++) {
        IdSet t = {0};
        pt_operand_targets(p, caller, &call->args[i], &t);
        changed |= add_targets(p, pt_root(p, gf->local_obj0 + i), &t);
        if (call->args[i].kind == IR_OPD_VALUE) {
            IdSet s = {0};
            pt_resolve_path(p, caller, &call->args[i].path, &s);
            for (uint32_t k = 0; k < s.n; k++)
                changed |= copy_contents(p, pt_root(p, gf->local_obj0 + i), s.v[k]);
            idset_free(&s);
        }
        idset_free(&t);
    }
    if (result >= 0 && (uint32_t)result < p->funcs.data[caller].ir->ntemps) {
        IdSet t = {0};
        uint32_t rn = pt_root(p, gf->obj_ret);
        idset_copy(&t, &p->nodes.data[rn].pts);
        IrPath tp = temp_path((uint32_t)result);
        IdSet d = {0};
        pt_resolve_path(p, caller, &tp, &d);
        for (uint32_t k = 0; k < d.n; k++) changed |= add_targets(p, d.v[k], &t);
        idset_free(&d);
        idset_free(&t);
    }
    return changed;
}

static bool is_memcpy(const char *name) {
    return name && (!strcmp(name, "memcpy") || !strcmp(name, "memmove") ||
                    !strcmp(name, "__builtin_memcpy") || !strcmp(name, "__builtin_memmove") ||
                    !strcmp(name, "__memcpy_chk") || !strcmp(name, "__builtin___memcpy_chk"));
}

/* The call's result temporary points to the heap object of this call site. */
static bool fresh_result(Program *p, uint32_t func, const IrEvent *ev) {
    if ((uint32_t)ev->call->result >= p->funcs.data[func].ir->ntemps) return false;
    IdSet t = {0};
    idset_add(&t, pt_root(p, heap_obj(p, func, ev)));
    uint32_t tmp = p->funcs.data[func].temp_obj0 + (uint32_t)ev->call->result;
    bool changed = add_targets(p, pt_root(p, tmp), &t);
    idset_free(&t);
    return changed;
}

static bool do_call(Program *p, uint32_t func, const IrEvent *ev) {
    CallInfo *ci = (CallInfo *)program_call(p, ev);
    const IrCall *call = ev->call;
    bool changed = false;
    if (!ci || !call) return false;
    if (ci->kind == CALL_INTERNAL && p->funcs.data[ci->callee].alloc_wrapper) {
        idset_add(&ci->targets, ci->callee);
        return call->result >= 0 && fresh_result(p, func, ev);
    }
    if (ci->kind == CALL_INTERNAL) {
        idset_add(&ci->targets, ci->callee);
    } else if (ci->kind == CALL_INDIRECT) {
        IdSet fs = {0};
        pt_operand_funcs(p, func, &call->callee, &fs);
        idset_union(&ci->targets, &fs);
        idset_free(&fs);
    } else if (ci->kind == CALL_API) {
        const ApiModel *m = ci->api;
        if (m->kind == API_ALLOC && call->result >= 0) {
            changed |= fresh_result(p, func, ev);
        } else if ((m->kind == API_SPAWN || m->kind == API_ONCE) && m->routine >= 0 &&
                   (uint32_t)m->routine < call->nargs) {
            IdSet fs = {0};
            pt_operand_funcs(p, func, &call->args[m->routine], &fs);
            idset_union(&ci->targets, &fs);
            if (m->kind == API_SPAWN && m->arg >= 0 && (uint32_t)m->arg < call->nargs) {
                IdSet t = {0};
                pt_operand_targets(p, func, &call->args[m->arg], &t);
                for (uint32_t k = 0; k < fs.n; k++)
                    if (p->funcs.data[fs.v[k]].ir->nparams > 0)
                        changed |= add_targets(p, pt_root(p, p->funcs.data[fs.v[k]].local_obj0), &t);
                idset_free(&t);
            }
            idset_free(&fs);
        }
        return changed;
    } else if (ci->kind == CALL_EXTERNAL && is_memcpy(call->callee.name) && call->nargs >= 2) {
        IdSet d = {0}, s = {0};
        pt_operand_targets(p, func, &call->args[0], &d);
        pt_operand_targets(p, func, &call->args[1], &s);
        for (uint32_t i = 0; i < d.n; i++)
            for (uint32_t k = 0; k < s.n; k++) changed |= copy_contents(p, d.v[i], s.v[k]);
        idset_free(&d);
        idset_free(&s);
        return changed;
    }
    for (uint32_t k = 0; k < ci->targets.n; k++) changed |= bind_args(p, func, call, ci->targets.v[k], call->result);
    return changed;
}

/* ---- allocation wrappers ----------------------------------------------------- */

/* A plain local or temp as a small key, or -1. */
static int64_t value_key(const IrPath *path) {
    if (path->nsteps) return -1;
    if (path->root == IR_ROOT_LOCAL) return (int64_t)path->id * 2;
    if (path->root == IR_ROOT_TEMP) return (int64_t)path->id * 2 + 1;
    return -1;
}

static bool call_is_fresh(const Program *p, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci) return false;
    if (ci->kind == CALL_API) return ci->api->kind == API_ALLOC;
    return ci->kind == CALL_INTERNAL && p->funcs.data[ci->callee].alloc_wrapper;
}

/* Does f return only fresh allocations (or constants) that it stored nowhere
 * and passed to no program function? (xmalloc, new_node, ...) */
static bool is_alloc_wrapper(const Program *p, const Func *fn) {
    const IrFunc *f = fn->ir;
    IdSet fresh = {0}, dirty = {0};
    bool ok = true, returns_fresh = false;
    for (int pass = 0; pass < 2 && ok; pass++)
        for (uint32_t b = 0; b < f->nblocks && ok; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents && ok; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind == IR_EV_CALL && ev->call) {
                    if (ev->call->result >= 0 && call_is_fresh(p, ev))
                        idset_add(&fresh, (uint32_t)ev->call->result * 2 + 1);
                    const CallInfo *ci = program_call(p, ev);
                    if (ci && (ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT))
                        for (uint32_t a = 0; a < ev->call->nargs; a++) {
                            const IrOperand *o = &ev->call->args[a];
                            int64_t k = o->kind == IR_OPD_VALUE ? value_key(&o->path) : -1;
                            if (k >= 0 && idset_has(&fresh, (uint32_t)k)) ok = false;
                        }
                } else if (ev->kind == IR_EV_ASSIGN) {
                    int64_t src = ev->src->kind == IR_OPD_VALUE ? value_key(&ev->src->path) : -1;
                    bool src_fresh = src >= 0 && idset_has(&fresh, (uint32_t)src);
                    int64_t dst = value_key(&ev->path);
                    if (dst < 0) {
                        if (src_fresh) ok = false; /* stored into memory */
                    } else if (src_fresh) {
                        idset_add(&fresh, (uint32_t)dst);
                    } else if (ev->src->kind != IR_OPD_CONST) {
                        idset_add(&dirty, (uint32_t)dst);
                    }
                }
            }
    for (uint32_t b = 0; b < f->nblocks && ok; b++) {
        const IrTerm *t = &f->blocks[b].term;
        if (t->kind != IR_TERM_RETURN || t->ret.kind == IR_OPD_CONST) continue;
        int64_t k = t->ret.kind == IR_OPD_VALUE ? value_key(&t->ret.path) : -1;
        if (k < 0 || !idset_has(&fresh, (uint32_t)k) || idset_has(&dirty, (uint32_t)k)) ok = false;
        else returns_fresh = true;
    }
    idset_free(&fresh);
    idset_free(&dirty);
    return ok && returns_fresh;
}

static void find_alloc_wrappers(Program *p) {
    for (int round = 0; round < 4; round++) {
        bool changed = false;
        for (size_t i = 0; i < p->funcs.len; i++) {
            Func *f = &p->funcs.data[i];
            if (f->alloc_wrapper || !f->ir->nblocks) continue;
            if (is_alloc_wrapper(p, f)) f->alloc_wrapper = changed = true;
        }
        if (!changed) break;
    }
}

static bool solve_func(Program *p, uint32_t func) {
    const IrFunc *f = p->funcs.data[func].ir;
    bool changed = false;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t e = 0; e < bb->nevents; e++) {
            const IrEvent *ev = &bb->events[e];
            if (ev->kind == IR_EV_ASSIGN) {
                if (ev->src->kind == IR_OPD_VALUE || ev->src->kind == IR_OPD_ADDR || ev->src->kind == IR_OPD_FUNC)
                    changed |= assign(p, func, &ev->path, ev->src, (ev->flags & IR_EV_POINTER) != 0);
            } else if (ev->kind == IR_EV_CALL) {
                changed |= do_call(p, func, ev);
            }
        }
        if (bb->term.kind == IR_TERM_RETURN && bb->term.ret.kind != IR_OPD_UNKNOWN &&
            bb->term.ret.kind != IR_OPD_CONST) {
            IdSet t = {0};
            pt_operand_targets(p, func, &bb->term.ret, &t);
            changed |= add_targets(p, pt_root(p, p->funcs.data[func].obj_ret), &t);
            idset_free(&t);
        }
    }
    return changed;
}

static void create_objects(Program *p) {
    for (size_t g = 0; g < p->globals.len; g++) {
        Global *gl = &p->globals.data[g];
        gl->obj = new_obj(p, OBJ_GLOBAL, (uint32_t)g, 0, gl->name, gl->loc);
    }
    p->string_obj = new_obj(p, OBJ_STRING, 0, 0, "<string literal>", (IrLoc){0});
    for (size_t i = 0; i < p->funcs.len; i++) {
        Func *f = &p->funcs.data[i];
        IrFunc *ir = f->ir;
        f->local_obj0 = (uint32_t)p->objs.len;
        for (uint32_t l = 0; l < ir->nlocals; l++) {
            const char *ln = ir->locals[l].name && ir->locals[l].name[0] ? ir->locals[l].name : "<param>";
            char buf[512];
            snprintf(buf, sizeof buf, "%s::%s", ir->name, ln);
            new_obj(p, OBJ_LOCAL, (uint32_t)i, l, intern(&p->strings, buf), ir->locals[l].loc);
        }
        f->temp_obj0 = (uint32_t)p->objs.len;
        for (uint32_t t = 0; t < ir->ntemps; t++) new_obj(p, OBJ_TEMP, (uint32_t)i, t, "<tmp>", ir->loc);
        f->obj_ret = new_obj(p, OBJ_RET, (uint32_t)i, 0, "<ret>", ir->loc);
    }
}

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
static void compute_sharing(Program *p) {
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

/* ---- reachability ------------------------------------------------------------ */

typedef VEC(uint32_t) FuncWork;

static void reach(Program *p, FuncWork *work, uint32_t f) {
    if (p->funcs.data[f].reachable) return;
    p->funcs.data[f].reachable = true;
    vec_push(work, f);
}

static void reach_operand(Program *p, FuncWork *work, const IrOperand *o) {
    if (o->kind != IR_OPD_FUNC) return;
    uintptr_t idx = o->usr && o->usr[0] ? (uintptr_t)strmap_get(&p->func_by_usr, o->usr) : 0;
    if (!idx && o->name) {
        Func *f = program_func_by_name(p, o->name);
        if (f) idx = f->id + 1;
    }
    if (idx) reach(p, work, (uint32_t)idx - 1);
}

/* Functions reachable from the roots by direct calls or by being used as a
 * value (function pointers, thread routines) in reachable code. Code no root
 * can reach (other programs' mains in the same tree, dead helpers) is left
 * out of the whole-program phase. */
static void mark_reachable(Program *p, const ModelOptions *opt) {
    FuncWork work = {0};
    if (opt && opt->nentries) {
        for (size_t i = 0; i < opt->nentries; i++) {
            Func *f = program_func_by_name(p, opt->entries[i]);
            if (f) reach(p, &work, f->id);
        }
    } else {
        Func *m = program_func_by_name(p, "main");
        if (m) reach(p, &work, m->id);
    }
    for (size_t i = 0; i < p->funcs.len; i++)
        if (!strcmp(p->funcs.data[i].ir->name, "<init>")) reach(p, &work, (uint32_t)i);
    while (work.len) {
        const IrFunc *f = p->funcs.data[work.data[--work.len]].ir;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            const IrBlock *bb = &f->blocks[b];
            for (uint32_t e = 0; e < bb->nevents; e++) {
                const IrEvent *ev = &bb->events[e];
                if (ev->kind == IR_EV_ASSIGN) reach_operand(p, &work, ev->src);
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                reach_operand(p, &work, &ev->call->callee);
                for (uint32_t a = 0; a < ev->call->nargs; a++) reach_operand(p, &work, &ev->call->args[a]);
            }
            if (bb->term.kind == IR_TERM_RETURN) reach_operand(p, &work, &bb->term.ret);
        }
    }
    vec_free(&work);
}

void pointsto_build(Program *p, const ModelOptions *opt) {
    mark_reachable(p, opt);
    create_objects(p);
    find_alloc_wrappers(p);
    bool converged = false;
    for (int round = 0; round < MAX_ROUNDS && p->pts_total < PTS_BUDGET; round++) {
        bool changed = false;
        for (size_t f = 0; f < p->funcs.len; f++)
            if (p->funcs.data[f].reachable) changed |= solve_func(p, (uint32_t)f);
        if (!changed) {
            converged = true;
            break;
        }
    }
    if (!converged)
        diag_report(p->diags, DIAG_WARNING, NULL, 0, 0,
                    "points-to analysis stopped early (%zu facts); pointer aliasing may be incomplete, "
                    "so races through pointers can be missed", p->pts_total);
    /* callers, from the final call targets */
    for (size_t f = 0; f < p->funcs.len; f++) {
        const IrFunc *ir = p->funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind == CALL_API) continue;
                for (uint32_t k = 0; k < ci->targets.n; k++)
                    idset_add(&p->funcs.data[ci->targets.v[k]].callers, (uint32_t)f);
            }
    }
    compute_sharing(p);
}
