/*
 * pointsto.c - abstract objects, field-sensitive locations and an
 * inclusion-based (Andersen-style), flow- and context-insensitive points-to
 * analysis over the IR of the whole program.
 *
 * Objects: every global, every local/parameter/temporary and the return
 * value of every function, one heap object per allocation call site (an API
 * model of kind "alloc", or of an allocation wrapper), one object per
 * function (for function pointers), one for all string literals, and
 * memory only unknown code names: one untyped object and one typed
 * location per struct or union type (see "unknown memory" below). A
 * location ("node") is an object plus a field path; array elements are
 * merged into their array (PRECISION: a[i] and a[j] are one location, see
 * docs/precision.md).
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
#include <time.h>

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
    vec_push(&p->pt.objs, o);
    return (uint32_t)p->pt.objs.len - 1;
}

enum { MAX_FIELD_DEPTH = 6, COLLAPSE_GLOBAL = 1024, COLLAPSE_HEAP = 512, COLLAPSE_OTHER = 128 };

/* SOUNDNESS: the solver stops adding points-to facts once the sets hold
 * PTS_BUDGET entries in all, and says so in a warning; later pointer flows
 * are then missed. A guard against programs whose imprecise aliasing would
 * grow the sets quadratically. */
enum { PTS_BUDGET = 20000000 };
#define WORK_BUDGET 4000000000ull
#define CASCADE_BUDGET (WORK_BUDGET + WORK_BUDGET / 4)
/* One worklist item (a statement, a node's propagation) may do at most
 * this much work: a deep edge mirroring a large field tree can otherwise
 * cascade through sets and their deltas by gigabytes before the budget is
 * next checked (nginx: 1.2 GiB in one item). Reaching it stops the solver
 * as the budget does. Not tied to WORK_BUDGET: redis and nginx stop here
 * (one item each past 125 M), racecheck's own source, which needs 2.0 G
 * in all (its arena and vectors are one blob), does not (docs/precision.md). */
#define ITEM_BUDGET 125000000ull
#define CYCLE_CHECK_WORK 2000000ull

uint32_t pt_root(Program *p, uint32_t obj) {
    if (p->pt.objs.data[obj].root != UINT32_MAX) return p->pt.objs.data[obj].root;
    Node n;
    memset(&n, 0, sizeof n);
    n.obj = obj;
    n.parent = n.first_child = n.next_sibling = UINT32_MAX;
    n.uf = (uint32_t)p->pt.nodes.len;
    n.field = "";
    vec_push(&p->pt.nodes, n);
    uint32_t id = (uint32_t)p->pt.nodes.len - 1;
    p->pt.objs.data[obj].root = id;
    return id;
}

/* PRECISION: fields deeper than MAX_FIELD_DEPTH are merged into their parent
 * (a struct copied into one of its own fields would otherwise grow forever),
 * and an object whose field tree would pass COLLAPSE_GLOBAL (globals),
 * COLLAPSE_HEAP (heap objects) or COLLAPSE_OTHER nodes is collapsed: it becomes one location, field-
 * insensitive. Field trees that large come from imprecise pointers (a `void *`
 * pointing at objects of many types makes `p->f` create f in all of them),
 * and left alone they feed the imprecision back: every new field is one more
 * location for every such pointer. */
static uint32_t child_interned(Program *p, uint32_t node, const char *field, uint8_t shape);
static void collapse(Program *p, uint32_t obj);
static void below_set(Program *p, uint32_t x);
static uint32_t set_rep(Program *p, uint32_t n);
static void depend(Program *p, uint32_t n);

/* A field name of the IR interned in p->strings. The IR's field names are
 * the units' strings: each one is interned once (by its address, which
 * lives as long as its unit). */
static const char *field_name(Program *p, const char *field) {
    const char *f = field ? field : "";
    uint64_t v;
    if (!u64map_get(&p->pt.field_names, (uint64_t)(uintptr_t)f, &v)) {
        v = (uint64_t)(uintptr_t)intern(&p->strings, f);
        u64map_put(&p->pt.field_names, (uint64_t)(uintptr_t)f, v);
    }
    return (const char *)(uintptr_t)v;
}

uint32_t pt_same_field(Program *p, uint32_t node, uint32_t obj) {
    uint32_t chain[MAX_FIELD_DEPTH + 1], n = 0, at = pt_root(p, obj);
    if (p->pt.objs.data[p->pt.nodes.data[node].obj].collapsed || p->pt.objs.data[obj].collapsed) return at;
    for (uint32_t x = node; p->pt.nodes.data[x].parent != UINT32_MAX && n <= MAX_FIELD_DEPTH; x = p->pt.nodes.data[x].parent)
        chain[n++] = x;
    while (n-- > 0) {
        const Node *f = &p->pt.nodes.data[chain[n]];
        at = child_interned(p, at, f->field, f->plain ? IR_FIELD_PLAIN : IR_FIELD_UNKNOWN);
    }
    return pt_rep(p, at);
}

uint32_t pt_child(Program *p, uint32_t node, const char *field) {
    return child_interned(p, node, field_name(p, field), IR_FIELD_UNKNOWN);
}

/* The name of the location of interned field `f` at byte offset `offset`:
 * f itself, or the name a common initial sequence shares it with. */
static const char *field_alias(const Program *p, const char *f, uint32_t offset) {
    uint32_t lo = 0, hi = p->pt.naliases;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const PtAlias *x = &p->pt.aliases[mid];
        if ((uintptr_t)x->name < (uintptr_t)f || (x->name == f && x->offset < offset)) lo = mid + 1;
        else hi = mid;
    }
    return lo < p->pt.naliases && p->pt.aliases[lo].name == f && p->pt.aliases[lo].offset == offset
               ? p->pt.aliases[lo].canon : f;
}

static int alias_cmp(const void *x, const void *y) {
    const PtAlias *a = x, *b = y;
    if (a->name != b->name) return (uintptr_t)a->name < (uintptr_t)b->name ? -1 : 1;
    return a->offset < b->offset ? -1 : a->offset > b->offset;
}

/* The class representative of entry i (union-find with path halving). */
static uint32_t alias_find(uint32_t *parent, uint32_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

/* PRECISION: the fields a common initial sequence names differently
 * (IrUnit.aliases: sa_family and sin_family at offset 0) are one location,
 * named by the smallest name of their class, wherever a field of that name
 * is at that offset: two fields of one struct never share an offset (but in
 * a union), so only the memory the cast relates is merged. */
static void collect_aliases(Program *p) {
    VEC(PtAlias) all = {0};
    for (size_t u = 0; u < p->nunits; u++)
        for (uint32_t i = 0; p->units[u] && i < p->units[u]->naliases; i++) {
            const IrFieldAlias *al = &p->units[u]->aliases[i];
            PtAlias a = {field_name(p, al->a), al->offset, NULL}, b = {field_name(p, al->b), al->offset, NULL};
            vec_push(&all, a);
            vec_push(&all, b);
        }
    if (!all.len) return;
    /* entries, one per (name, offset); pairs joined by union-find */
    size_t n = all.len;
    PtAlias *e = xmalloc(n * sizeof(PtAlias));
    memcpy(e, all.data, n * sizeof(PtAlias));
    qsort(e, n, sizeof(PtAlias), alias_cmp);
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || alias_cmp(&e[k - 1], &e[i])) e[k++] = e[i];
    p->pt.aliases = e;
    p->pt.naliases = k;
    uint32_t *parent = xmalloc(k * sizeof(uint32_t));
    for (uint32_t i = 0; i < k; i++) parent[i] = i;
    for (size_t i = 0; i + 1 < all.len; i += 2) {
        PtAlias *x = bsearch(&all.data[i], e, k, sizeof(PtAlias), alias_cmp),
                *y = bsearch(&all.data[i + 1], e, k, sizeof(PtAlias), alias_cmp);
        uint32_t rx = alias_find(parent, (uint32_t)(x - e)), ry = alias_find(parent, (uint32_t)(y - e));
        if (rx == ry) continue;
        /* the representative carries the smallest name of the class */
        if (strcmp(e[rx].name, e[ry].name) < 0) parent[ry] = rx;
        else parent[rx] = ry;
    }
    for (uint32_t i = 0; i < k; i++) e[i].canon = e[alias_find(parent, i)].name;
    p->pt.aliases = arena_memdup(p->arena, e, k * sizeof(PtAlias));
    free(e);
    free(parent);
    vec_free(&all);
}

/* PRECISION: the object enclosing location `node` as its member `field`
 * (an UP step: container_of, list_entry, ngx_queue_data, a cast to a struct
 * whose first member the pointer points to) is node's parent when node is
 * a `field` location; otherwise (a pointer to the object itself, to another
 * field, an unknown member "", a collapsed object) it is the whole object:
 * the root of node's object, never nothing. Array elements are their array,
 * so an UP out of an element's member is the array. */
uint32_t pt_up(Program *p, uint32_t node, const char *field) {
    const Node *n = &p->pt.nodes.data[node];
    const char *f = field_name(p, field);
    if (f[0] && n->parent != UINT32_MAX && n->field == f && !p->pt.objs.data[n->obj].collapsed) return n->parent;
    return pt_root(p, n->obj);
}

static void unknown_node_init(Program *p, uint32_t node);

/* pt_child for a field name already interned in p->strings: the location
 * of field `field` of location `node`, made when new; `shape` is the field's (IrFieldShape). PRECISION: a location of a
 * type with no fields (a scalar, pointer or array-of-scalars field, a
 * pointer variable) has no field locations: a field step from it (a byte
 * buffer punned as a struct, a `void *` whose targets mix types) stays on
 * it. Without that, one generic pointer into buffers and records makes
 * every record field a field of every buffer, and back (memcached's
 * `wbuf.wbuf.wbuf` trees): the sets of every pointer into them grow by
 * the nodes made. */
static uint32_t child_interned(Program *p, uint32_t node, const char *field, uint8_t shape) {
    if (p->pt.objs.data[p->pt.nodes.data[node].obj].collapsed) return p->pt.objs.data[p->pt.nodes.data[node].obj].root;
    const Node *nd = &p->pt.nodes.data[node];
    if (nd->depth >= MAX_FIELD_DEPTH || nd->plain || (nd->parent == UINT32_MAX && p->pt.objs.data[nd->obj].holds))
        return node;
    uint64_t fid, child;
    if (!u64map_get(&p->pt.field_ids, (uint64_t)(uintptr_t)field, &fid)) {
        fid = p->pt.field_ids.len;
        u64map_put(&p->pt.field_ids, (uint64_t)(uintptr_t)field, fid);
    }
    uint64_t key = ((uint64_t)node << 32) | fid;
    if (u64map_get(&p->pt.children, key, &child)) {
        Node *c = &p->pt.nodes.data[child];
        if (shape == IR_FIELD_PLAIN && c->first_child == UINT32_MAX) c->plain = true; /* made by a mirror */
        return (uint32_t)child;
    }
    const Obj *ob = &p->pt.objs.data[p->pt.nodes.data[node].obj];
    if (ob->nnodes >= (ob->kind == OBJ_GLOBAL ? COLLAPSE_GLOBAL : ob->kind == OBJ_HEAP ? COLLAPSE_HEAP : COLLAPSE_OTHER)) {
        uint32_t o = p->pt.nodes.data[node].obj;
        collapse(p, o);
        return p->pt.objs.data[o].root;
    }
    p->pt.objs.data[p->pt.nodes.data[node].obj].nnodes++;
    Node n;
    memset(&n, 0, sizeof n);
    n.obj = p->pt.nodes.data[node].obj;
    n.parent = node;
    n.field = field;
    n.first_child = UINT32_MAX;
    n.uf = (uint32_t)p->pt.nodes.len;
    n.next_sibling = p->pt.nodes.data[node].first_child;
    n.depth = (uint8_t)(p->pt.nodes.data[node].depth + 1);
    n.plain = shape == IR_FIELD_PLAIN;
    vec_push(&p->pt.nodes, n);
    uint32_t id = (uint32_t)p->pt.nodes.len - 1;
    p->pt.nodes.data[node].first_child = id;
    u64map_put(&p->pt.children, key, id);
    if (p->pt.objs.data[n.obj].unknown) unknown_node_init(p, id);
    return id;
}


uint32_t pt_local_obj(const Program *p, uint32_t func, uint32_t local) {
    return p->pt.funcs.data[func].local_obj0 + local;
}

static uint32_t global_obj(Program *p, const IrPath *path) {
    Global *g = program_global(p, path->usr);
    if (!g) {
        /* a global no unit declared (should not happen): add it */
        const char *usr = intern(&p->strings, path->usr ? path->usr : "?");
        Global ng = {usr, intern(&p->strings, path->name ? path->name : "?"), "", 0, {0}, 0};
        ng.obj = new_obj(p, OBJ_GLOBAL, (uint32_t)p->link.globals.len, 0, ng.name, ng.loc);
        vec_push(&p->link.globals, ng);
        strmap_put(&p->link.global_by_usr, usr, (void *)(uintptr_t)p->link.globals.len);
        return ng.obj;
    }
    return g->obj;
}

static uint32_t root_node(Program *p, uint32_t func, const IrPath *path) {
    const IrFunc *ir = p->link.funcs.data[func].ir;
    const PtFunc *f = &p->pt.funcs.data[func];
    switch (path->root) {
    case IR_ROOT_GLOBAL: return pt_root(p, global_obj(p, path));
    case IR_ROOT_LOCAL:
        if (path->id < ir->nlocals) return pt_root(p, f->local_obj0 + path->id);
        return UINT32_MAX;
    case IR_ROOT_TEMP:
        if (path->id < ir->ntemps) return pt_root(p, f->temp_obj0 + path->id);
        return UINT32_MAX;
    default: return pt_root(p, p->pt.string_obj);
    }
}

static void set_push(IdSet *s, uint32_t x) {
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->v = xrealloc(s->v, s->cap * sizeof(uint32_t));
    }
    s->v[s->n++] = x;
}

static bool mark_first(Program *p, uint32_t x);
static void mark_clear(Program *p, uint32_t x);

static bool is_function_node(const Program *p, uint32_t n) {
    uint8_t k = p->pt.objs.data[p->pt.nodes.data[n].obj].kind;
    return k == OBJ_FUNC || k == OBJ_EXTFUNC;
}

/* What every location of `locs` may hold by its declared type (Obj.holds:
 * a pointer variable to data, or to functions), 0 when they differ or one
 * is not such a variable. */
static uint8_t common_holds(const Program *p, const IdSet *locs) {
    uint8_t h = 0;
    for (uint32_t k = 0; k < locs->n; k++) {
        const Node *n = &p->pt.nodes.data[locs->v[k]];
        uint8_t x = n->parent == UINT32_MAX ? p->pt.objs.data[n->obj].holds : 0;
        if (!x || (h && x != h)) return 0;
        h = x;
    }
    return h;
}

/* Dereferencing a pointer variable reaches only what its type can point
 * to: a pointer to data never a function, a function pointer nothing else.
 * A generic container of `void *` values that keeps callbacks and records
 * together (redis's module-API dictionary, plugin tables) hands every
 * callback to every `struct S *` read out of it; they are dropped where
 * the pointer is used, so its accesses are not taken to have more targets
 * than they can. PRECISION: the sets themselves keep them (filtering
 * where values enter broke copy-cycle merging and cost memory). */
static void filter_held(const Program *p, uint8_t holds, IdSet *s) {
    if (!holds) return;
    uint32_t k = 0;
    for (uint32_t i = 0; i < s->n; i++)
        if (is_function_node(p, s->v[i]) == (holds == OBJ_HOLDS_FUNCS)) s->v[k++] = s->v[i];
    s->n = k;
}

/* Sort ids: the solver sorts the nodes a path step reaches on every
 * evaluation, often thousands; an insertion sort for a few, else a radix
 * sort (8 bits a pass, a pass skipped when every id has the same byte
 * there), several times faster than qsort's comparator calls. */
static void sort_ids(uint32_t *v, uint32_t n) {
    if (n < 48) {
        for (uint32_t i = 1; i < n; i++) {
            uint32_t x = v[i], j = i;
            while (j > 0 && v[j - 1] > x) v[j] = v[j - 1], j--;
            v[j] = x;
        }
        return;
    }
    uint32_t *tmp = xmalloc((size_t)n * sizeof(uint32_t));
    uint32_t *from = v, *to = tmp;
    for (int shift = 0; shift < 32; shift += 8) {
        uint32_t count[256] = {0};
        for (uint32_t i = 0; i < n; i++) count[(from[i] >> shift) & 0xff]++;
        if (count[(from[0] >> shift) & 0xff] == n) continue;
        uint32_t sum = 0;
        for (uint32_t b = 0; b < 256; b++) {
            uint32_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (uint32_t i = 0; i < n; i++) to[count[(from[i] >> shift) & 0xff]++] = from[i];
        uint32_t *t = from;
        from = to;
        to = t;
    }
    if (from != v) memcpy(v, from, (size_t)n * sizeof(uint32_t));
    free(tmp);
}

static void set_sort_unique(IdSet *s) {
    if (s->n < 2) return;
    sort_ids(s->v, s->n);
    uint32_t k = 1;
    for (uint32_t j = 1; j < s->n; j++)
        if (s->v[k - 1] != s->v[j]) s->v[k++] = s->v[j];
    s->n = k;
}

/* out |= { rep(x) : x in pts } */
static void rep_union(Program *p, IdSet *out, const IdSet *pts) {
    uint32_t j = 0;
    while (j < pts->n && pt_rep(p, pts->v[j]) == pts->v[j]) j++;
    if (j == pts->n) {
        idset_union(out, pts);
        return;
    }
    IdSet t = {0};
    t.v = xmalloc(pts->n * sizeof(uint32_t));
    for (j = 0; j < pts->n; j++) t.v[j] = pt_rep(p, pts->v[j]);
    t.n = t.cap = pts->n;
    sort_ids(t.v, t.n);
    uint32_t k = 0;
    for (j = 0; j < t.n; j++)
        if (!k || t.v[k - 1] != t.v[j]) t.v[k++] = t.v[j];
    t.n = k;
    idset_union(out, &t);
    idset_free(&t);
}

/* Replace fields of collapsed objects in n's points-to set by their roots. */
static void normalise_node(Program *p, uint32_t n) {
    if (p->pt.nodes.data[n].norm_epoch == p->pt.collapse_epoch) return;
    p->pt.nodes.data[n].norm_epoch = p->pt.collapse_epoch;
    IdSet *pts = &p->pt.nodes.data[n].pts;
    uint32_t j = 0;
    while (j < pts->n && pt_rep(p, pts->v[j]) == pts->v[j]) j++;
    if (j == pts->n) return;
    IdSet t = {0};
    rep_union(p, &t, pts);
    p->pt.pts_total -= pts->n - t.n;
    idset_free(pts);
    *pts = t;
}

static void type_unknown(Program *p, const char *key, IdSet *s);

void pt_resolve_steps(Program *p, const IdSet *start, const IrStep *steps, uint32_t nsteps, IdSet *out) {
    IdSet cur = {0}, next = {0};
    idset_copy(&cur, start);
    for (uint32_t i = 0; i < nsteps && cur.n; i++) {
        const IrStep *s = &steps[i];
        if (s->kind == IR_STEP_INDEX) continue;
        next.n = 0;
        uint8_t holds = s->kind == IR_STEP_DEREF ? common_holds(p, &cur) : 0;
        if (s->kind == IR_STEP_DEREF && cur.n == 1) {
            depend(p, cur.v[0]);
            uint32_t r = p->pt.solver ? set_rep(p, cur.v[0]) : cur.v[0];
            normalise_node(p, r);
            idset_copy(&next, &p->pt.nodes.data[r].pts);
        } else if (s->kind == IR_STEP_FIELD) {
            const char *f = field_alias(p, field_name(p, s->field), s->field_offset);
            for (uint32_t k = 0; k < cur.n; k++) {
                uint32_t c = child_interned(p, cur.v[k], f, s->field_shape); /* itself past MAX_FIELD_DEPTH */
                set_push(&next, pt_rep(p, c));
            }
            set_sort_unique(&next);
        } else if (s->kind == IR_STEP_UP) {
            for (uint32_t k = 0; k < cur.n; k++) set_push(&next, pt_rep(p, pt_up(p, cur.v[k], s->field)));
            set_sort_unique(&next);
        } else {
            /* the union of the sets of cur's representatives, each set
             * once, each element once */
            IdSet reps = {0};
            for (uint32_t k = 0; k < cur.n; k++) {
                depend(p, cur.v[k]);
                set_push(&reps, p->pt.solver ? set_rep(p, cur.v[k]) : cur.v[k]);
            }
            set_sort_unique(&reps);
            for (uint32_t k = 0; k < reps.n; k++) {
                normalise_node(p, reps.v[k]);
                const IdSet *t = &p->pt.nodes.data[reps.v[k]].pts;
                if (reps.n == 1) idset_copy(&next, t);
                else for (uint32_t j = 0; j < t->n; j++) if (mark_first(p, t->v[j])) set_push(&next, t->v[j]);
            }
            idset_free(&reps);
            for (uint32_t j = 0; j < next.n; j++) mark_clear(p, next.v[j]);
            set_sort_unique(&next);
        }
        filter_held(p, holds, &next);
        if (s->kind == IR_STEP_DEREF && s->field && p->pt.unknown_obj != UINT32_MAX) type_unknown(p, s->field, &next);
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
    idset_add(&start, pt_rep(p, r));
    pt_resolve_steps(p, &start, path->steps, path->nsteps, out);
    idset_free(&start);
}

static uint32_t func_node(Program *p, uint32_t func) {
    uint64_t key = obj_key(OBJ_FUNC, func, 0), v;
    uint32_t obj;
    if (u64map_get(&p->pt.obj_index, key, &v)) obj = (uint32_t)v;
    else {
        obj = new_obj(p, OBJ_FUNC, func, 0, p->link.funcs.data[func].ir->name, p->link.funcs.data[func].ir->loc);
        u64map_put(&p->pt.obj_index, key, obj);
    }
    return pt_root(p, obj);
}

/* One object per external function used as a value (`f = malloc`). */
static uint32_t extfunc_node(Program *p, const char *name) {
    const char *n = intern(&p->strings, name);
    uintptr_t idx = (uintptr_t)strmap_get(&p->pt.extfunc_by_name, n);
    if (!idx) {
        idx = new_obj(p, OBJ_EXTFUNC, 0, 0, n, (IrLoc){0}) + 1;
        strmap_put(&p->pt.extfunc_by_name, n, (void *)idx);
    }
    return pt_root(p, (uint32_t)idx - 1);
}

void pt_operand_targets(Program *p, uint32_t func, const IrOperand *op, IdSet *out) {
    switch (op->kind) {
    case IR_OPD_VALUE: {
        IdSet locs = {0};
        pt_resolve_path(p, func, &op->path, &locs);
        for (uint32_t i = 0; i < locs.n; i++) {
            depend(p, locs.v[i]);
            uint32_t r = p->pt.solver ? set_rep(p, locs.v[i]) : locs.v[i];
            if (out != &p->pt.nodes.data[r].pts) idset_union(out, &p->pt.nodes.data[r].pts);
        }
        idset_free(&locs);
        break;
    }
    case IR_OPD_ADDR: pt_resolve_path(p, func, &op->path, out); break;
    case IR_OPD_FUNC: {
        uintptr_t idx = op->usr && op->usr[0] ? (uintptr_t)strmap_get(&p->link.func_by_usr, op->usr) : 0;
        if (!idx && op->name) {
            Func *f = program_func_by_name(p, op->name);
            if (f) idx = f->id + 1;
        }
        if (idx) {
            p->link.funcs.data[idx - 1].address_taken = true;
            idset_add(out, func_node(p, (uint32_t)idx - 1));
        } else if (op->name) {
            idset_add(out, extfunc_node(p, op->name));
        }
        break;
    }
    default: break;
    }
}

/* What a callee operand designates: for `(*fp)(x)` the designator is *fp,
 * its "value" is fp's targets. */
static void callee_targets(Program *p, uint32_t func, const IrOperand *op, IdSet *out) {
    if (op->kind != IR_OPD_VALUE && op->kind != IR_OPD_FUNC && op->kind != IR_OPD_ADDR) return;
    IrOperand o = *op;
    if (o.kind == IR_OPD_VALUE && o.path.nsteps && o.path.steps[o.path.nsteps - 1].kind == IR_STEP_DEREF)
        o.path.nsteps--;
    pt_operand_targets(p, func, &o, out);
}

void pt_operand_funcs(Program *p, uint32_t func, const IrOperand *op, IdSet *out) {
    IdSet t = {0};
    callee_targets(p, func, op, &t);
    for (uint32_t i = 0; i < t.n; i++) {
        const Obj *o = &p->pt.objs.data[p->pt.nodes.data[t.v[i]].obj];
        if (o->kind == OBJ_FUNC) idset_add(out, o->a);
    }
    idset_free(&t);
}

const char *pt_node_name(const Program *p, uint32_t node, char *buf, size_t n) {
    const char *parts[MAX_FIELD_DEPTH + 1];
    int k = 0;
    for (uint32_t x = node; x != UINT32_MAX && p->pt.nodes.data[x].parent != UINT32_MAX && k <= MAX_FIELD_DEPTH;
         x = p->pt.nodes.data[x].parent)
        parts[k++] = p->pt.nodes.data[x].field;
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[node].obj];
    size_t len = (size_t)snprintf(buf, n, "%s", o->name);
    if (o->unknown == OBJ_UNKNOWN_TYPED && k > 0) { /* "some struct conn's field 'peer.hits'" */
        len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "'s field '");
        while (k-- > 0 && len < n) len += (size_t)snprintf(buf + len, n - len, "%s%s", parts[k], k ? "." : "'");
        return buf;
    }
    while (k-- > 0 && len < n) len += (size_t)snprintf(buf + len, n - len, ".%s", parts[k]);
    return buf;
}

/* ---- solver --------------------------------------------------------------- */

/* The solver is a worklist algorithm with difference propagation.
 *
 * Statements (an ASSIGN, a CALL, a RETURN of a reachable function) are
 * evaluated into two kinds of facts: base facts (location d may point to the
 * nodes T: `d = &x`, a fresh allocation, a function value) and copy edges
 * (whatever s points to, d points to: `d = s`, argument passing, returns).
 * A deep edge also copies every field of s into the same field of d (struct
 * copies, memcpy) and follows fields created later.
 *
 * Resolving a path through a dereference (`*p`, `p->f`) reads p's points-to
 * set; the statement is recorded as depending on p's node and evaluated
 * again when that set grows. A node whose set grew passes only the new
 * elements (its delta) along its copy edges. Every fact is idempotent, so
 * re-evaluating a statement adds only what is new; the fixpoint is the one
 * the naive round-robin iteration reaches, at a cost proportional to the
 * changes. */

typedef struct SNode {
    IdSet copy;   /* copy-edge successors */
    IdSet deep;   /* deep-edge successors (also in copy) */
    IdSet deps;   /* statements that read this node's set while resolving */
    IdSet delta;  /* elements added since the node was last propagated */
    bool queued;
} SNode;

typedef enum { ST_ASSIGN, ST_CALL, ST_RETURN } StmtKind;

typedef struct Stmt {
    uint32_t func;
    uint8_t kind;  /* StmtKind */
    bool queued;
    uint32_t join; /* its join node (flow_into), UINT32_MAX until needed */
    const void *x; /* ST_ASSIGN, ST_CALL: the IrEvent; ST_RETURN: the IrTerm */
    IdSet seen_src, seen_dst; /* the nodes its deep flow has connected (flow_edges) */
} Stmt;

static void queue_stmt(PtSolver *s, uint32_t sid);

struct PtSolver {
    VEC(SNode) sn;       /* indexed by node id, grown on demand */
    VEC(Stmt) stmts;
    VEC(uint32_t) node_work;
    VEC(uint32_t) stmt_work;
    uint32_t cur;        /* statement being evaluated, UINT32_MAX outside */
    size_t edges, evals;
    unsigned long long work; /* set elements visited by unions (the work budget) */
    FieldSlots *fields;      /* the functions closed fields are given (fieldslots.c) */
    unsigned long long item_cap; /* work at which the current item stops adding (ITEM_BUDGET) */
    bool item_cut;           /* an item reached its cap: facts are missing, as past the budget */
    unsigned long long next_cycle_check;
    size_t cycles_merged;
};

/* A bit per node (PointsTo.mark, unmarked between uses), while solving and
 * after it: a union of many sets visits each element once. */
static bool mark_first(Program *p, uint32_t x) {
    PointsTo *pt = &p->pt;
    size_t words = (pt->nodes.len + 63) / 64;
    if (pt->nmark < words) {
        size_t n = words * 2;
        pt->mark = xrealloc(pt->mark, n * sizeof(uint64_t));
        memset(pt->mark + pt->nmark, 0, (n - pt->nmark) * sizeof(uint64_t));
        pt->nmark = n;
    }
    uint64_t bit = 1ull << (x & 63);
    if (pt->mark[x >> 6] & bit) return false;
    pt->mark[x >> 6] |= bit;
    return true;
}

static void mark_clear(Program *p, uint32_t x) {
    if ((x >> 6) < p->pt.nmark) p->pt.mark[x >> 6] &= ~(1ull << (x & 63));
}

static SNode *snode(Program *p, uint32_t n) {
    PtSolver *s = p->pt.solver;
    while (s->sn.len <= n) {
        SNode z;
        memset(&z, 0, sizeof z);
        vec_push(&s->sn, z);
    }
    return &s->sn.data[n];
}

/* The node holding n's points-to set: its object's root when the object is
 * collapsed, then the representative of its copy cycle (union-find with path
 * halving). Locations keep their identity; only sets are shared. */
static uint32_t set_rep(Program *p, uint32_t n) {
    for (;;) {
        uint32_t m = pt_rep(p, n);
        while (p->pt.nodes.data[m].uf != m) {
            p->pt.nodes.data[m].uf = p->pt.nodes.data[p->pt.nodes.data[m].uf].uf;
            m = p->pt.nodes.data[m].uf;
        }
        if (m == n) return n;
        n = m;
    }
}

/* Record that the statement being evaluated read node n's points-to set. */
static void depend(Program *p, uint32_t n) {
    if (p->pt.solver && p->pt.solver->cur != UINT32_MAX) idset_add(&snode(p, set_rep(p, n))->deps, p->pt.solver->cur);
}

/* Only the solver has a budget: after solving every fact is added (an
 * object collapsed by a later pt_child keeps all its fields' facts). */
static bool over_budget(const Program *p) {
    const PtSolver *s = p->pt.solver;
    return s && (p->pt.pts_total >= PTS_BUDGET || s->work >= WORK_BUDGET || s->item_cut);
}

/* The next worklist item starts: it may do ITEM_BUDGET work. */
static void item_start(PtSolver *s) {
    s->item_cap = s->work + ITEM_BUDGET;
}

static bool add_targets(Program *p, uint32_t node, const IdSet *t) {
    if (!t->n) return false;
    /* unknown memory holds unknown memory only: what the program stores
     * there is not read back (unknown_node_init gives it its one fact) */
    if (p->pt.objs.data[p->pt.nodes.data[node].obj].unknown && p->pt.nodes.data[node].pts.n) return false;
    /* the budget is checked between worklist items; one item (a collapse,
     * a deep edge mirroring a large field tree) can cascade far past it:
     * past CASCADE_BUDGET nothing more is added */
    if (p->pt.solver && (p->pt.solver->work >= CASCADE_BUDGET || p->pt.solver->work >= p->pt.solver->item_cap)) {
        p->pt.solver->item_cut = p->pt.solver->work >= p->pt.solver->item_cap;
        return false;
    }
    node = p->pt.solver ? set_rep(p, node) : pt_rep(p, node);
    if (p->pt.solver) {
        uint32_t dn = p->pt.nodes.data[node].pts.n;
        p->pt.solver->work += (uint64_t)t->n * 16 < dn ? t->n * 8ull : t->n + dn; /* idset_union_diff's cost */
    }
    uint32_t before = p->pt.nodes.data[node].pts.n;
    bool changed;
    if (p->pt.solver) {
        SNode *sn = snode(p, node);
        changed = idset_union_diff(&p->pt.nodes.data[node].pts, t, &sn->delta);
        if (changed && !sn->queued) {
            sn->queued = true;
            vec_push(&p->pt.solver->node_work, node);
        }
    } else {
        changed = idset_union(&p->pt.nodes.data[node].pts, t);
    }
    p->pt.pts_total += p->pt.nodes.data[node].pts.n - before;
    for (uint32_t x = node; changed && x != UINT32_MAX && !p->pt.nodes.data[x].pts_below; x = p->pt.nodes.data[x].parent) {
        p->pt.nodes.data[x].pts_below = true;
        if (p->pt.solver) below_set(p, x);
    }
    return changed;
}

static void add_copy_edge(Program *p, uint32_t src, uint32_t dst) {
    if (p->pt.objs.data[p->pt.nodes.data[dst].obj].unknown) return; /* see add_targets */
    src = set_rep(p, src);
    dst = set_rep(p, dst);
    if (src == dst || !idset_add(&snode(p, src)->copy, dst)) return;
    p->pt.solver->edges++;
    if (p->pt.nodes.data[src].pts.n) {
        IdSet t = {0};
        idset_copy(&t, &p->pt.nodes.data[src].pts);
        add_targets(p, dst, &t);
        idset_free(&t);
    }
}

/* Whatever src and its fields point to, dst and the same fields of dst
 * point to (struct copy, memcpy, a struct passed by value). Only fields that
 * point somewhere (pts_below) are mirrored; a field that starts pointing
 * somewhere later is mirrored then (below_set). */
static void add_deep_edge(Program *p, uint32_t src, uint32_t dst) {
    src = pt_rep(p, src);
    dst = pt_rep(p, dst);
    if (src == dst || !idset_add(&snode(p, src)->deep, dst)) return;
    add_copy_edge(p, src, dst);
    for (uint32_t c = p->pt.nodes.data[src].first_child; c != UINT32_MAX; c = p->pt.nodes.data[c].next_sibling) {
        if (!p->pt.nodes.data[c].pts_below) continue;
        uint32_t d = child_interned(p, dst, p->pt.nodes.data[c].field,
                                    p->pt.nodes.data[c].plain ? IR_FIELD_PLAIN : IR_FIELD_UNKNOWN);
        if (d != dst) add_deep_edge(p, c, d);
    }
}

/* Field node x (not a root) has just come to point somewhere, or to have a
 * field below it that does: mirror it along its parent's deep edges. */
static void below_set(Program *p, uint32_t x) {
    uint32_t parent = p->pt.nodes.data[x].parent;
    if (p->pt.objs.data[p->pt.nodes.data[x].obj].collapsed) return;
    if (parent == UINT32_MAX || p->pt.solver->sn.len <= parent || !p->pt.solver->sn.data[parent].deep.n) return;
    IdSet outs = {0};
    idset_copy(&outs, &p->pt.solver->sn.data[parent].deep);
    for (uint32_t i = 0; i < outs.n; i++) {
        uint32_t d = child_interned(p, outs.v[i], p->pt.nodes.data[x].field,
                                    p->pt.nodes.data[x].plain ? IR_FIELD_PLAIN : IR_FIELD_UNKNOWN);
        if (d != outs.v[i]) add_deep_edge(p, x, d);
    }
    idset_free(&outs);
}

/* Make object o field-insensitive: its root takes over the points-to sets,
 * edges and dependent statements of every field node. */
static void collapse(Program *p, uint32_t o) {
    if (p->pt.objs.data[o].collapsed) return;
    uint32_t root = p->pt.objs.data[o].root;
    VEC(uint32_t) stack = {0}, members = {0};
    for (uint32_t c = p->pt.nodes.data[root].first_child; c != UINT32_MAX; c = p->pt.nodes.data[c].next_sibling)
        vec_push(&stack, c);
    while (stack.len) {
        uint32_t n = stack.data[--stack.len];
        vec_push(&members, n);
        for (uint32_t c = p->pt.nodes.data[n].first_child; c != UINT32_MAX; c = p->pt.nodes.data[c].next_sibling)
            vec_push(&stack, c);
    }
    p->pt.objs.data[o].collapsed = true;
    p->pt.collapse_epoch++;
    for (size_t i = 0; i < members.len; i++) {
        uint32_t n = members.data[i];
        if (p->pt.solver) set_rep(p, n); /* compress before the object's flag redirects it */
        IdSet pts = p->pt.nodes.data[n].pts;
        memset(&p->pt.nodes.data[n].pts, 0, sizeof(IdSet));
        p->pt.pts_total -= pts.n;
        IdSet t = {0};
        rep_union(p, &t, &pts);
        add_targets(p, root, &t);
        idset_free(&t);
        idset_free(&pts);
        if (!p->pt.solver || p->pt.solver->sn.len <= n) continue;
        SNode moved = p->pt.solver->sn.data[n];
        memset(&p->pt.solver->sn.data[n], 0, sizeof(SNode));
        for (uint32_t k = 0; k < moved.copy.n; k++) {
            if (idset_has(&moved.deep, moved.copy.v[k])) add_deep_edge(p, root, moved.copy.v[k]);
            else add_copy_edge(p, root, moved.copy.v[k]);
        }
        for (uint32_t k = 0; k < moved.deps.n; k++) {
            idset_add(&snode(p, root)->deps, moved.deps.v[k]);
            queue_stmt(p->pt.solver, moved.deps.v[k]);
        }
        idset_free(&moved.copy);
        idset_free(&moved.deep);
        idset_free(&moved.deps);
        idset_free(&moved.delta);
    }
    vec_free(&stack);
    vec_free(&members);
}

/* The join node of the statement being evaluated: a location of its own
 * that every source of the statement flows into and every destination
 * reads. */
static uint32_t join_node(Program *p, uint32_t func) {
    PtSolver *s = p->pt.solver;
    Stmt *st = &s->stmts.data[s->cur];
    if (st->join == UINT32_MAX) {
        uint32_t o = new_obj(p, OBJ_TEMP, func, UINT32_MAX, "<join>", p->link.funcs.data[func].ir->loc);
        st->join = pt_root(p, o);
    }
    return st->join;
}

static void add_edge(Program *p, uint32_t src, uint32_t dst, bool deep) {
    if (deep) add_deep_edge(p, src, dst);
    else add_copy_edge(p, src, dst);
}

/* Every node of src flows into every node of dst (deep: with its fields).
 * A plain flow with several nodes on both sides (`*p = *q`) goes through
 * the statement's join node: |S| + |D| edges instead of |S| * |D|. A deep
 * one (struct copies through pointers, memcpy) cannot: a join's field tree
 * would be the union of every source's, and once it collapsed every
 * destination field would receive every source field. The statement
 * remembers the nodes it has connected instead, so evaluating it again
 * connects only the pairs with a new node (semi-naive); `memo` when the
 * statement makes no other deep flow (a call binds several arguments). */
static void flow_edges(Program *p, uint32_t func, const IdSet *src, const IdSet *dst, bool deep, bool memo) {
    if (src->n > 1 && dst->n > 1 && !deep) {
        uint32_t j = join_node(p, func);
        for (uint32_t k = 0; k < src->n; k++) add_copy_edge(p, src->v[k], j);
        for (uint32_t i = 0; i < dst->n; i++) add_copy_edge(p, j, dst->v[i]);
        return;
    }
    PtSolver *s = p->pt.solver;
    Stmt *st = s && s->cur != UINT32_MAX ? &s->stmts.data[s->cur] : NULL;
    if (!deep || !memo || !st || (uint64_t)src->n * dst->n < 16) {
        for (uint32_t k = 0; k < src->n; k++)
            for (uint32_t i = 0; i < dst->n; i++) add_edge(p, src->v[k], dst->v[i], deep);
        return;
    }
    /* the pairs with a new source, then the old sources with a new destination */
    IdSet new_src = {0}, new_dst = {0}, old_src = {0};
    idset_difference(&new_src, src, &st->seen_src);
    idset_difference(&new_dst, dst, &st->seen_dst);
    idset_difference(&old_src, src, &new_src);
    for (uint32_t k = 0; k < new_src.n; k++)
        for (uint32_t i = 0; i < dst->n; i++) add_deep_edge(p, new_src.v[k], dst->v[i]);
    for (uint32_t k = 0; k < old_src.n; k++)
        for (uint32_t i = 0; i < new_dst.n; i++) add_deep_edge(p, old_src.v[k], new_dst.v[i]);
    idset_free(&new_src);
    idset_free(&new_dst);
    idset_free(&old_src);
    idset_union(&st->seen_src, src);
    idset_union(&st->seen_dst, dst);
}

/* Value of operand src flows into every node of dst: VALUE operands become
 * edges from the locations they read, the others base facts. */
static void flow_into(Program *p, uint32_t func, const IdSet *dst, const IrOperand *src, bool deep) {
    if (!dst->n) return;
    if (src->kind == IR_OPD_VALUE) {
        IdSet s = {0};
        pt_resolve_path(p, func, &src->path, &s);
        flow_edges(p, func, &s, dst, deep, p->pt.solver && p->pt.solver->cur != UINT32_MAX &&
                                               p->pt.solver->stmts.data[p->pt.solver->cur].kind != ST_CALL);
        idset_free(&s);
    } else if (src->kind == IR_OPD_ADDR || src->kind == IR_OPD_FUNC) {
        IdSet t = {0};
        pt_operand_targets(p, func, src, &t);
        for (uint32_t i = 0; i < dst->n; i++) add_targets(p, dst->v[i], &t);
        idset_free(&t);
    }
}

static uint32_t heap_obj(Program *p, uint32_t func, const IrEvent *ev) {
    uint64_t v;
    if (u64map_get(&p->pt.heap_sites, (uint64_t)(uintptr_t)ev, &v)) return (uint32_t)v;
    const char *file = ev->loc.file ? ev->loc.file : "?";
    const char *base = strrchr(file, '/');
    char name[256];
    snprintf(name, sizeof name, "heap@%s:%u", base ? base + 1 : file, ev->loc.line);
    uint32_t obj = new_obj(p, OBJ_HEAP, func, (uint32_t)p->pt.heap_sites.len, intern(&p->strings, name), ev->loc);
    p->pt.objs.data[obj].site = ev;
    u64map_put(&p->pt.heap_sites, (uint64_t)(uintptr_t)ev, obj);
    return obj;
}

/* Pass the call's arguments into callee g and, unless g is an allocation
 * wrapper (whose call site names a heap object instead), its return value
 * back. */
static void bind_call(Program *p, uint32_t caller, const IrCall *call, uint32_t g) {
    const Func *gf = &p->link.funcs.data[g];
    uint32_t n = call->nargs < gf->ir->nparams ? call->nargs : gf->ir->nparams;
    for (uint32_t i = 0; i < n; i++) {
        IdSet d = {0};
        idset_add(&d, pt_root(p, p->pt.funcs.data[g].local_obj0 + i));
        flow_into(p, caller, &d, &call->args[i], call->args[i].record);
        idset_free(&d);
    }
    /* the variadic arguments: into the temporary va_arg reads */
    if (gf->ir->va_temp && gf->ir->va_temp <= gf->ir->ntemps)
        for (uint32_t i = n; i < call->nargs; i++) {
            IdSet d = {0};
            idset_add(&d, pt_root(p, p->pt.funcs.data[g].temp_obj0 + gf->ir->va_temp - 1));
            flow_into(p, caller, &d, &call->args[i], call->args[i].record);
            idset_free(&d);
        }
    if (call->result >= 0 && (uint32_t)call->result < p->link.funcs.data[caller].ir->ntemps &&
        !p->pt.funcs.data[g].alloc_wrapper)
        add_deep_edge(p, pt_root(p, p->pt.funcs.data[g].obj_ret), /* fields only when a struct is returned */
                      pt_root(p, p->pt.funcs.data[caller].temp_obj0 + (uint32_t)call->result));
}

/* ---- unknown memory ---------------------------------------------------------------- */

/* A pointer to data that an unknown function (no body, no API model)
 * returns, or stores in a pointer variable whose address it is given
 * (`lookup(key, &conn)`), points to memory racecheck cannot name: the
 * object "memory from unknown code" (OBJ_UNKNOWN_ANY). Every location in it
 * points there again: what unknown code keeps there is unknown too.
 * Dereferencing such a pointer as a struct or union S (`c->hits`, c a
 * `struct conn *`) reaches the typed location "some struct S"
 * (OBJ_UNKNOWN_TYPED, one object per type, type_unknown): two threads
 * writing the hits of some struct conn through pointers from unknown code
 * race, whichever call gave them. Both objects are globals, reachable by
 * every thread; the untyped one is never the location of an access
 * (accesses.c). What the program stores into unknown memory is not read
 * back from it (add_targets): were it, every pointer from unknown code
 * would alias everything any of them was given. PRECISION: every struct S
 * from unknown code is one object; a known object of type S whose address
 * unknown code was given is not that object, and `(struct T).s.f` (an S
 * nested in a T) is not `(struct S).f`. */
static uint32_t unknown_global(Program *p, const char *usr, const char *name, uint8_t kind) {
    Global ng = {intern(&p->strings, usr), intern(&p->strings, name), "", IR_GLOBAL_DEFINED, {0}, 0};
    ng.obj = new_obj(p, OBJ_GLOBAL, (uint32_t)p->link.globals.len, 0, ng.name, ng.loc);
    vec_push(&p->link.globals, ng);
    strmap_put(&p->link.global_by_usr, ng.usr, (void *)(uintptr_t)p->link.globals.len);
    p->pt.objs.data[ng.obj].unknown = kind;
    /* made also after ownership_build ran (typed ones when an access is
     * resolved): shared from the start, as a global is */
    p->pt.objs.data[ng.obj].shared = p->pt.objs.data[ng.obj].from_global = true;
    return ng.obj;
}

static uint32_t unknown_root(Program *p) {
    if (p->pt.unknown_obj == UINT32_MAX) {
        p->pt.unknown_obj = unknown_global(p, "racecheck:unknown-memory", "memory from unknown code", OBJ_UNKNOWN_ANY);
        unknown_node_init(p, pt_root(p, p->pt.unknown_obj));
    }
    return pt_root(p, p->pt.unknown_obj);
}

/* A location of unknown memory points to unknown memory. */
static void unknown_node_init(Program *p, uint32_t node) {
    IdSet t = {0};
    idset_add(&t, unknown_root(p));
    add_targets(p, node, &t);
    idset_free(&t);
}

/* "struct conn" for the record key (a USR) "c:@S@conn", "union u" for
 * "c:@U@u", the typedef's name for an anonymous record named by one
 * ("c:@SA@conn_t"). */
static void record_name(const char *key, char *buf, size_t n) {
    const char *at = strrchr(key, '@');
    const char *name = at ? at + 1 : key;
    const char *tag = NULL;
    if (at && at > key) {
        const char *b = at - 1;
        while (b > key && b[-1] != '@') b--;
        size_t len = (size_t)(at - b);
        tag = len == 1 && *b == 'S' ? "struct " : len == 1 && *b == 'U' ? "union " : len == 2 && b[1] == 'A' ? "" : NULL;
    }
    if (tag && *name) snprintf(buf, n, "%s%s", tag, name);
    else snprintf(buf, n, "record %s", key);
}

/* The typed location of unknown memory for record key (a unit's string). */
static uint32_t unknown_typed_root(Program *p, const char *key) {
    const char *k = field_name(p, key);
    uintptr_t v = (uintptr_t)strmap_get(&p->pt.unknown_typed, k);
    if (v) return pt_root(p, (uint32_t)(v - 1));
    char rec[256], name[300], usr[300];
    record_name(k, rec, sizeof rec);
    snprintf(name, sizeof name, "some %s", rec);
    snprintf(usr, sizeof usr, "racecheck:unknown:%s", k);
    uint32_t o = unknown_global(p, usr, name, OBJ_UNKNOWN_TYPED);
    strmap_put(&p->pt.unknown_typed, k, (void *)(uintptr_t)(o + 1));
    uint32_t r = pt_root(p, o);
    unknown_node_init(p, r);
    return r;
}

/* A dereference as record type key of a pointer into unknown memory only
 * reaches the typed location of that type. One that may also point to
 * objects racecheck knows reaches those (PRECISION: and not the typed
 * location): such mixed sets come from imprecise aliasing far more often
 * than from code that really mixes both, and a typed location, shared by
 * every thread, would make each of those objects' accesses race. */
static void type_unknown(Program *p, const char *key, IdSet *s) {
    uint32_t u = pt_root(p, p->pt.unknown_obj);
    if (!idset_has(s, u)) return;
    if (s->n > 1) {
        uint32_t k = 0;
        for (uint32_t i = 0; i < s->n; i++)
            if (s->v[i] != u) s->v[k++] = s->v[i];
        s->n = k;
        return;
    }
    s->v[0] = unknown_typed_root(p, key);
}

static bool is_unknown_call(const Program *p, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_EXTERNAL || program_call_effects(p, ev, ci)) return false;
    const IrOperand *c = &ev->call->callee;
    return !(c->kind == IR_OPD_FUNC && c->name && !strncmp(c->name, "racecheck_", 10)); /* debug.c */
}

/* What an unknown function returns, when it returns a pointer to data, and
 * what it stores in the pointer variables whose address it is passed
 * (`getaddrinfo(host, port, &hints, &res)`): unknown memory. */
static void unknown_results(Program *p, uint32_t func, const IrCall *call) {
    const IrFunc *ir = p->link.funcs.data[func].ir;
    IdSet t = {0};
    /* unknown memory comes to exist only where it is handed out: a call
     * that returns no pointer and is given no pointer variable's address
     * (getppid(), close(fd)) makes none */
    bool gives = call->pointer_result && call->result >= 0 && (uint32_t)call->result < ir->ntemps;
    for (uint32_t a = 0; a < call->nargs && !gives; a++)
        gives = call->args[a].kind == IR_OPD_ADDR && !call->args[a].path.nsteps;
    if (!gives) return;
    idset_add(&t, unknown_root(p));
    if (call->pointer_result && call->result >= 0 && (uint32_t)call->result < ir->ntemps)
        add_targets(p, pt_root(p, p->pt.funcs.data[func].temp_obj0 + (uint32_t)call->result), &t);
    for (uint32_t a = 0; a < call->nargs; a++) {
        const IrOperand *o = &call->args[a];
        if (o->kind != IR_OPD_ADDR || o->path.nsteps) continue;
        bool data_pointer = o->path.root == IR_ROOT_LOCAL
                                ? o->path.id < ir->nlocals && (ir->locals[o->path.id].flags & IR_LOCAL_DATA_POINTER)
                                : o->path.root == IR_ROOT_GLOBAL && program_global(p, o->path.usr) &&
                                      (program_global(p, o->path.usr)->flags & IR_GLOBAL_DATA_POINTER);
        if (!data_pointer) continue;
        IdSet d = {0};
        pt_resolve_path(p, func, &o->path, &d);
        for (uint32_t i = 0; i < d.n; i++) add_targets(p, d.v[i], &t);
        idset_free(&d);
    }
    idset_free(&t);
}

bool pt_is_memcpy(const char *name) {
    return name && (!strcmp(name, "memcpy") || !strcmp(name, "memmove") ||
                    !strcmp(name, "__builtin_memcpy") || !strcmp(name, "__builtin_memmove") ||
                    !strcmp(name, "__memcpy_chk") || !strcmp(name, "__builtin___memcpy_chk"));
}

/* The call's result temporary points to the heap object of this call site. */
static void fresh_result(Program *p, uint32_t func, const IrEvent *ev) {
    if (ev->call->result < 0 || (uint32_t)ev->call->result >= p->link.funcs.data[func].ir->ntemps) return;
    IdSet t = {0};
    idset_add(&t, pt_root(p, heap_obj(p, func, ev)));
    add_targets(p, pt_root(p, p->pt.funcs.data[func].temp_obj0 + (uint32_t)ev->call->result), &t);
    idset_free(&t);
}

/* Does the pointer called point to an external function modelled as an
 * allocator (`my_malloc_f = malloc; p = my_malloc_f(n)`)? */
static bool calls_ext_alloc(Program *p, uint32_t func, const IrCall *call) {
    IdSet t = {0};
    bool alloc = false;
    if (call->callee.kind == IR_OPD_VALUE) callee_targets(p, func, &call->callee, &t);
    for (uint32_t i = 0; i < t.n && !alloc; i++) {
        const Obj *o = &p->pt.objs.data[p->pt.nodes.data[t.v[i]].obj];
        const ApiModel *m = o->kind == OBJ_EXTFUNC ? apimodels_find(p->models, o->name) : NULL;
        alloc = m && m->kind == API_ALLOC;
    }
    idset_free(&t);
    return alloc;
}

/* Do two canonical function type spellings ("long (struct conn *, int)")
 * return the same type? What precedes the parameter list; true when either
 * spelling is not of that simple form (a function returning a function
 * pointer). A cast to another pointer type keeps the return type in
 * practice (`(void (*)(void *))sdsfree`); a callback slot holding handlers
 * of another return type is an imprecise points-to set. */
static bool same_return_type(const char *a, const char *b) {
    const char *pa = strchr(a, '('), *pb = strchr(b, '(');
    if (!pa || !pb || strchr(pa + 1, '(') || strchr(pb + 1, '(')) return true;
    while (pa > a && pa[-1] == ' ') pa--;
    while (pb > b && pb[-1] == ' ') pb--;
    return pa - a == pb - b && !strncmp(a, b, (size_t)(pa - a));
}

/* One parameter of a canonical function type spelling, [s, end): a data
 * pointer (PARAM_DATA: its depth, the trailing `*`s, and its base type
 * without qualifiers into base), a function pointer (PARAM_FUNC), a scalar
 * too narrow or of the wrong kind to carry a pointer (PARAM_NARROW: int,
 * short, char, float, double ...) or anything else (PARAM_OTHER: long,
 * which code uses to carry pointers, a struct, an array). */
enum { PARAM_OTHER, PARAM_DATA, PARAM_FUNC, PARAM_NARROW };

static int param_kind(const char *s, const char *end, int *depth, char *base, size_t n) {
    while (s < end && *s == ' ') s++;
    while (end > s && end[-1] == ' ') end--;
    if (memchr(s, '(', (size_t)(end - s))) return strstr(s, "(*)") && strstr(s, "(*)") < end ? PARAM_FUNC : PARAM_OTHER;
    if (memchr(s, '[', (size_t)(end - s))) return PARAM_OTHER;
    *depth = 0;
    size_t len = 0;
    for (const char *q = s; q < end;) {
        if (*q == '*') {
            (*depth)++, q++;
            continue;
        }
        const char *w = q;
        while (q < end && *q != ' ' && *q != '*') q++;
        size_t wl = (size_t)(q - w);
        bool qual = (wl == 5 && !strncmp(w, "const", 5)) || (wl == 8 && !strncmp(w, "volatile", 8)) ||
                    (wl == 8 && !strncmp(w, "restrict", 8));
        if (wl && !qual && !*depth && len + wl + 2 < n) {
            if (len) base[len++] = ' ';
            memcpy(base + len, w, wl);
            len += wl;
        }
        while (q < end && *q == ' ') q++;
    }
    base[len] = 0;
    if (*depth > 0) return PARAM_DATA;
    static const char *const narrow[] = {"_Bool", "char", "signed char", "unsigned char", "short", "unsigned short",
                                         "int", "unsigned int", "float", "double", NULL};
    for (int i = 0; narrow[i]; i++)
        if (!strcmp(base, narrow[i])) return PARAM_NARROW;
    return PARAM_OTHER;
}

/* The end of the parameter starting at s in a parameter list: the comma or
 * the closing parenthesis at depth 0. */
static const char *param_end(const char *s) {
    int depth = 0;
    for (; *s; s++) {
        if (*s == '(') depth++;
        else if (*s == ')' && depth-- == 0) return s;
        else if (*s == ',' && !depth) return s;
    }
    return s;
}

/* Do the pointer parameters of two canonical function types agree? Data
 * pointers on both sides must have the same depth and base type, unless
 * one is `void *` or `char *` (a generic pointer: a callback slot `void
 * (*)(void *)` holds `void f(struct x *)`); a function pointer does not fit
 * a data pointer other than those; no pointer fits an int, a short, a char
 * or a floating type. A pointer against a long, two function pointers, or
 * what cannot be followed, fit. `void (void **)` does not call `void
 * (struct loop *)`, nor `void (void *, struct io *, int)` `void (int,
 * short, void *)`. */
static bool pointer_params_fit(const char *a, const char *b) {
    const char *pa = strchr(a, '('), *pb = strchr(b, '(');
    if (!pa || !pb || pa[1] == '*' || pb[1] == '*') return true; /* returns a function pointer */
    pa++, pb++;
    while (*pa && *pb && *pa != ')' && *pb != ')') {
        const char *ea = param_end(pa), *eb = param_end(pb);
        int da = 0, db = 0;
        char ba[128], bb[128];
        int ka = param_kind(pa, ea, &da, ba, sizeof ba), kb = param_kind(pb, eb, &db, bb, sizeof bb);
        bool ga = ka == PARAM_DATA && da == 1 && (!strcmp(ba, "void") || !strcmp(ba, "char"));
        bool gb = kb == PARAM_DATA && db == 1 && (!strcmp(bb, "void") || !strcmp(bb, "char"));
        if (ka == PARAM_DATA && kb == PARAM_DATA && !ga && !gb && (da != db || strcmp(ba, bb))) return false;
        if (((ka == PARAM_FUNC && kb == PARAM_DATA) || (kb == PARAM_FUNC && ka == PARAM_DATA)) && !ga && !gb)
            return false;
        bool pa_ = ka == PARAM_DATA || ka == PARAM_FUNC, pb_ = kb == PARAM_DATA || kb == PARAM_FUNC;
        if ((pa_ && kb == PARAM_NARROW) || (pb_ && ka == PARAM_NARROW)) return false;
        pa = *ea == ',' ? ea + 1 : ea;
        pb = *eb == ',' ? eb + 1 : eb;
    }
    return true;
}

/* Can call (an indirect call) reach function g? Its type when both types
 * are known and equal; otherwise the return types must agree and the
 * arguments fit g's parameters (a pointer cast to another function type,
 * `(void (*)(void *))sdsfree`, keeps the arity and the return type; calling
 * with other arguments is undefined). */
static bool call_fits(const Program *p, const IrCall *call, uint32_t g) {
    const IrFunc *gf = p->link.funcs.data[g].ir;
    if (call->type && gf->type && !strcmp(call->type, gf->type)) return true;
    /* a function whose address no unit converts is held only by pointers of
     * its own type */
    if (call->type && gf->type && !p->link.funcs.data[g].addr_converted && strstr(gf->type, "()") == NULL)
        return false;
    if (call->type && gf->type && (!same_return_type(call->type, gf->type) || !pointer_params_fit(call->type, gf->type)))
        return false;
    return gf->nparams == call->nargs || (gf->is_variadic && gf->nparams <= call->nargs);
}

/* PRECISION: indirect call targets are filtered by type before they enter
 * the graph: a function pointer that points to functions of several types
 * (a generic slot, an imprecise set) calls only those whose parameters fit
 * the call. When none fits, none stays: in a program that calls through
 * pointers of the functions' types, the call's real targets are not in the
 * set (an imprecise set, or one the points-to budget cut short), and
 * following the others only invents paths; the call then falls back to
 * the address-taken functions of its exact type (resolve_unknown_indirect). */
static void filter_by_type(const Program *p, const IrCall *call, IdSet *fs) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < fs->n; i++)
        if (call_fits(p, call, fs->v[i])) fs->v[k++] = fs->v[i];
    fs->n = k;
}

/* What a library call's effects model (rules kind "effects") says about
 * pointers: the result points where argument `returns` (or a reallocated
 * argument) points; a callback argument is called here, its parameters
 * receiving the values of the arguments `params` names (qsort's comparator
 * gets pointers into the array). The callbacks join the call's targets, so
 * the per-thread pass walks them in the calling thread. */
static void eval_effects(Program *p, uint32_t func, const IrEvent *ev, CallInfo *ci, const ApiModel *fx) {
    const IrCall *call = ev->call;
    bool has_result = call->result >= 0 && (uint32_t)call->result < p->link.funcs.data[func].ir->ntemps;
    IdSet res = {0};
    if (has_result) idset_add(&res, pt_root(p, p->pt.funcs.data[func].temp_obj0 + (uint32_t)call->result));
    if (fx->returns >= 0 && (uint32_t)fx->returns < call->nargs) flow_into(p, func, &res, &call->args[fx->returns], false);
    for (uint32_t i = 0; i < fx->neffects; i++) {
        const ApiEffect *ef = &fx->effects[i];
        if (ef->index < 0 || (uint32_t)ef->index >= call->nargs) continue;
        if (ef->effect == EFFECT_REALLOC) flow_into(p, func, &res, &call->args[ef->index], false);
        if (ef->effect != EFFECT_CALL) continue;
        IdSet fs = {0};
        pt_operand_funcs(p, func, &call->args[ef->index], &fs);
        for (uint32_t k = 0; k < fs.n; k++) {
            uint32_t g = fs.v[k];
            const IrFunc *gf = p->link.funcs.data[g].ir;
            if (ef->nparams && gf->nparams != (uint32_t)ef->nparams && !gf->is_variadic) continue; /* cannot be it */
            idset_add(&ci->targets, g);
            for (int a = 0; a < ef->nparams && (uint32_t)a < gf->nparams; a++) {
                if (ef->params[a] < 0 || (uint32_t)ef->params[a] >= call->nargs) continue;
                IdSet d = {0};
                idset_add(&d, pt_root(p, p->pt.funcs.data[g].local_obj0 + (uint32_t)a));
                flow_into(p, func, &d, &call->args[ef->params[a]], false);
                idset_free(&d);
            }
        }
        idset_free(&fs);
    }
    idset_free(&res);
}

/* The pointers an atomic operation moves: what it reads from the word
 * (`o = atomic_load(&cur)`, the old value of an exchange or of a
 * compare-and-swap returning it, a fetch-add's) goes to its result, a C11
 * compare-exchange's word also to *expected (on failure), and what it
 * stores (`atomic_store(&cur, o)`, an exchange's or a compare-exchange's
 * new value) goes into the word. The generic __atomic_store/__atomic_load,
 * which take the value through a pointer, name no value and move none. */
static void eval_atomic(Program *p, uint32_t func, const IrEvent *ev, const ApiModel *m) {
    const IrCall *call = ev->call;
    if (m->object < 0 || (uint32_t)m->object >= call->nargs) return;
    if (m->atomic_op == ATOMIC_OP_TEST_AND_SET || m->atomic_op == ATOMIC_OP_CLEAR) return;
    IdSet word = {0};
    pt_operand_targets(p, func, &call->args[m->object], &word);
    bool returns_old = m->atomic_op == ATOMIC_OP_LOAD || m->atomic_op == ATOMIC_OP_EXCHANGE ||
                       m->atomic_op == ATOMIC_OP_CAS_VALUE || m->atomic_op == ATOMIC_OP_FETCH_ADD ||
                       m->atomic_op == ATOMIC_OP_FETCH_SUB || m->atomic_op == ATOMIC_OP_SUB_FETCH ||
                       m->atomic_op == ATOMIC_OP_OTHER;
    if (word.n && returns_old && m->access != ATOMIC_WRITE && call->result >= 0 &&
        (uint32_t)call->result < p->link.funcs.data[func].ir->ntemps) {
        IdSet res = {0};
        idset_add(&res, pt_root(p, p->pt.funcs.data[func].temp_obj0 + (uint32_t)call->result));
        flow_edges(p, func, &word, &res, false, false);
        idset_free(&res);
    }
    if (word.n && m->atomic_op == ATOMIC_OP_COMPARE_EXCHANGE && m->expected >= 0 && (uint32_t)m->expected < call->nargs) {
        IdSet exp = {0};
        pt_operand_targets(p, func, &call->args[m->expected], &exp);
        flow_edges(p, func, &word, &exp, false, false);
        idset_free(&exp);
    }
    if (m->access != ATOMIC_READ && m->value >= 0 && (uint32_t)m->value < call->nargs)
        flow_into(p, func, &word, &call->args[m->value], false);
    idset_free(&word);
}

/* What a pure allocation wrapper stores into the object it makes
 * (`n->next = next` in `new_node(next)`) is in the call site's object too:
 * the objects the wrapper returns flow into it with their fields (a deep
 * edge), the stores of every call of the wrapper joined. PRECISION and
 * SOUNDNESS: only for a wrapper that copies no memory (PtFunc.alloc_fills):
 * a copy of bytes into a fresh buffer (nginx's ngx_pstrdup, from a `u_char
 * *` that points-to takes to reach every object) would hand every call
 * site everything; what such a wrapper copies is not seen at its callers. */
static void wrapper_fills(Program *p, uint32_t func, const IrEvent *ev, uint32_t wrapper) {
    if (ev->call->result < 0 || (uint32_t)ev->call->result >= p->link.funcs.data[func].ir->ntemps) return;
    uint32_t site = pt_root(p, heap_obj(p, func, ev));
    uint32_t ret = pt_root(p, p->pt.funcs.data[wrapper].obj_ret);
    depend(p, ret);
    IdSet made = {0};
    idset_copy(&made, &p->pt.nodes.data[set_rep(p, ret)].pts);
    for (uint32_t i = 0; i < made.n; i++) add_deep_edge(p, made.v[i], site);
    idset_free(&made);
}

static void eval_call(Program *p, uint32_t func, const IrEvent *ev) {
    CallInfo *ci = (CallInfo *)program_call(p, ev);
    const IrCall *call = ev->call;
    if (!ci || !call) return;
    const ApiModel *fx = program_call_effects(p, ev, ci);
    if (fx) eval_effects(p, func, ev, ci, fx);
    if (ci->kind == CALL_INTERNAL && p->pt.funcs.data[ci->callee].alloc_wrapper) {
        idset_add(&ci->targets, ci->callee);
        fresh_result(p, func, ev);
        if (p->pt.funcs.data[ci->callee].alloc_fills) wrapper_fills(p, func, ev, ci->callee);
        bind_call(p, func, call, ci->callee); /* a pool allocator reads its pool */
        return;
    }
    if (ci->kind == CALL_INTERNAL) {
        idset_add(&ci->targets, ci->callee);
    } else if (ci->kind == CALL_INDIRECT) {
        IdSet fs = {0};
        pt_operand_funcs(p, func, &call->callee, &fs);
        filter_by_type(p, call, &fs);
        const IdSet *field = p->pt.solver ? field_slots_for(p->pt.solver->fields, ev) : NULL;
        if (field) idset_intersect(&fs, field); /* only what the field is ever given */
        idset_union(&ci->targets, &fs);
        idset_free(&fs);
        if (calls_ext_alloc(p, func, call)) fresh_result(p, func, ev);
    } else if (ci->kind == CALL_API) {
        const ApiModel *m = ci->api;
        if (m->kind == API_ALLOC) {
            fresh_result(p, func, ev);
        } else if (m->kind == API_ATOMIC) {
            eval_atomic(p, func, ev, m);
        } else if ((m->kind == API_SPAWN || m->kind == API_ONCE) && m->routine >= 0 &&
                   (uint32_t)m->routine < call->nargs) {
            IdSet fs = {0};
            pt_operand_funcs(p, func, &call->args[m->routine], &fs);
            idset_union(&ci->targets, &fs);
            if (m->kind == API_SPAWN && m->arg >= 0 && (uint32_t)m->arg < call->nargs) {
                IdSet d = {0};
                for (uint32_t k = 0; k < fs.n; k++)
                    if (p->link.funcs.data[fs.v[k]].ir->nparams > 0)
                        idset_add(&d, pt_root(p, p->pt.funcs.data[fs.v[k]].local_obj0));
                flow_into(p, func, &d, &call->args[m->arg], false);
                idset_free(&d);
            }
            idset_free(&fs);
        }
        return;
    } else if (ci->kind == CALL_EXTERNAL && pt_is_memcpy(call->callee.name) && call->nargs >= 2) {
        IdSet d = {0}, s = {0};
        pt_operand_targets(p, func, &call->args[0], &d);
        pt_operand_targets(p, func, &call->args[1], &s);
        flow_edges(p, func, &s, &d, true, true);
        idset_free(&d);
        idset_free(&s);
        return;
    } else if (ci->kind == CALL_EXTERNAL) {
        if (is_unknown_call(p, ev)) unknown_results(p, func, call);
        return; /* its targets, if any, are callbacks bound by eval_effects */
    }
    for (uint32_t k = 0; k < ci->targets.n; k++) bind_call(p, func, call, ci->targets.v[k]);
}

static void eval_stmt(Program *p, uint32_t sid) {
    PtSolver *s = p->pt.solver;
    Stmt st = s->stmts.data[sid];
    s->cur = sid;
    s->evals++;
    if (st.kind == ST_ASSIGN) {
        const IrEvent *ev = st.x;
        IdSet d = {0};
        pt_resolve_path(p, st.func, &ev->path, &d);
        flow_into(p, st.func, &d, ev->src, (ev->flags & IR_EV_RECORD) != 0);
        idset_free(&d);
    } else if (st.kind == ST_CALL) {
        eval_call(p, st.func, st.x);
    } else {
        const IrTerm *t = st.x;
        IdSet d = {0};
        idset_add(&d, pt_root(p, p->pt.funcs.data[st.func].obj_ret));
        flow_into(p, st.func, &d, &t->ret, t->ret.record);
        idset_free(&d);
    }
    s->cur = UINT32_MAX;
}

static void queue_stmt(PtSolver *s, uint32_t sid) {
    if (s->stmts.data[sid].queued) return;
    s->stmts.data[sid].queued = true;
    vec_push(&s->stmt_work, sid);
}

/* Pass node n's new elements along its copy edges; wake the statements that
 * resolved paths through it. */
static void propagate(Program *p, uint32_t n) {
    PtSolver *s = p->pt.solver;
    SNode *sn = snode(p, n);
    sn->queued = false;
    if (set_rep(p, n) != n) return; /* merged meanwhile: its delta went to the representative */
    IdSet delta = sn->delta;
    memset(&sn->delta, 0, sizeof sn->delta);
    if (!delta.n) return;
    IdSet outs = {0};
    idset_copy(&outs, &sn->copy);
    for (uint32_t i = 0; i < outs.n; i++) add_targets(p, outs.v[i], &delta);
    idset_free(&outs);
    sn = snode(p, n);
    for (uint32_t i = 0; i < sn->deps.n; i++) queue_stmt(s, sn->deps.v[i]);
    idset_free(&delta);
}

static void add_stmt(PtSolver *s, uint32_t func, StmtKind kind, const void *x) {
    Stmt st = {func, (uint8_t)kind, false, UINT32_MAX, x, {0}, {0}};
    vec_push(&s->stmts, st);
    queue_stmt(s, (uint32_t)s->stmts.len - 1);
}

static void collect_stmts(Program *p, PtSolver *s) {
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        if (!p->link.funcs.data[f].reachable) continue;
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++) {
            const IrBlock *bb = &ir->blocks[b];
            for (uint32_t e = 0; e < bb->nevents; e++) {
                const IrEvent *ev = &bb->events[e];
                if (ev->kind == IR_EV_ASSIGN && (ev->src->kind == IR_OPD_VALUE || ev->src->kind == IR_OPD_ADDR ||
                                                 ev->src->kind == IR_OPD_FUNC))
                    add_stmt(s, (uint32_t)f, ST_ASSIGN, ev);
                else if (ev->kind == IR_EV_CALL && ev->call)
                    add_stmt(s, (uint32_t)f, ST_CALL, ev);
            }
            if (bb->term.kind == IR_TERM_RETURN && (bb->term.ret.kind == IR_OPD_VALUE ||
                                                    bb->term.ret.kind == IR_OPD_ADDR ||
                                                    bb->term.ret.kind == IR_OPD_FUNC))
                add_stmt(s, (uint32_t)f, ST_RETURN, &bb->term);
        }
    }
}

/* ---- cycle collapsing ----------------------------------------------------------- */

/* Merge representative a's set, edges and dependent statements into
 * representative r (same points-to set from now on). Deep edges stay on
 * their locations: they mirror fields, which belong to locations. */
static void merge_sets(Program *p, uint32_t r, uint32_t a) {
    PtSolver *s = p->pt.solver;
    p->pt.nodes.data[a].uf = r;
    IdSet pts = p->pt.nodes.data[a].pts;
    memset(&p->pt.nodes.data[a].pts, 0, sizeof(IdSet));
    p->pt.pts_total -= pts.n;
    add_targets(p, r, &pts);
    idset_free(&pts);
    if (s->sn.len <= a) return;
    SNode moved = s->sn.data[a];
    IdSet deep = moved.deep;
    memset(&s->sn.data[a], 0, sizeof(SNode));
    s->sn.data[a].deep = deep;
    for (uint32_t k = 0; k < moved.copy.n; k++) add_copy_edge(p, r, moved.copy.v[k]);
    for (uint32_t k = 0; k < moved.deps.n; k++) {
        idset_add(&snode(p, r)->deps, moved.deps.v[k]);
        queue_stmt(s, moved.deps.v[k]);
    }
    idset_free(&moved.copy);
    idset_free(&moved.deps);
    idset_free(&moved.delta);
}

/* Tarjan's algorithm (iterative) over the copy edges between
 * representatives; every cycle found is merged into one set. Returns the
 * number of nodes merged. */
static size_t collapse_cycles(Program *p) {
    PtSolver *s = p->pt.solver;
    size_t n = s->sn.len, merged = 0;
    uint32_t *index = xcalloc(n, sizeof(uint32_t)), *low = xcalloc(n, sizeof(uint32_t));
    bool *on = xcalloc(n, sizeof(bool));
    VEC(uint32_t) stack = {0}, call = {0}, edge = {0}, scc = {0};
    uint32_t next = 1;
    for (uint32_t root = 0; root < n; root++) {
        if (index[root] || set_rep(p, root) != root || !s->sn.data[root].copy.n) continue;
        vec_push(&call, root);
        vec_push(&edge, 0);
        index[root] = low[root] = next++;
        vec_push(&stack, root);
        on[root] = true;
        while (call.len) {
            uint32_t v = call.data[call.len - 1];
            uint32_t *e = &edge.data[edge.len - 1];
            const IdSet *succ = &s->sn.data[v].copy;
            if (*e < succ->n) {
                uint32_t w = set_rep(p, succ->v[(*e)++]);
                if (w >= n || w == v) continue;
                if (!index[w]) {
                    index[w] = low[w] = next++;
                    vec_push(&stack, w);
                    on[w] = true;
                    vec_push(&call, w);
                    vec_push(&edge, 0);
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            call.len--;
            edge.len--;
            if (call.len) {
                uint32_t u = call.data[call.len - 1];
                if (low[v] < low[u]) low[u] = low[v];
            }
            if (low[v] != index[v]) continue;
            scc.len = 0;
            uint32_t w;
            do {
                w = stack.data[--stack.len];
                on[w] = false;
                vec_push(&scc, w);
            } while (w != v);
            for (size_t i = 0; i < scc.len; i++)
                if (scc.data[i] != v) {
                    merge_sets(p, v, scc.data[i]);
                    merged++;
                }
        }
    }
    free(index);
    free(low);
    free(on);
    vec_free(&stack);
    vec_free(&call);
    vec_free(&edge);
    vec_free(&scc);
    return merged;
}

/* After solving: every node gets its representative's set again, so later
 * stages read sets directly. */
static void unshare_sets(Program *p) {
    for (size_t i = 0; i < p->pt.nodes.len; i++) {
        uint32_t r = set_rep(p, (uint32_t)i);
        if (r != i && pt_rep(p, (uint32_t)i) == i) {
            idset_copy(&p->pt.nodes.data[i].pts, &p->pt.nodes.data[r].pts);
            p->pt.pts_total += p->pt.nodes.data[i].pts.n;
        }
    }
    for (size_t i = 0; i < p->pt.nodes.len; i++) p->pt.nodes.data[i].uf = (uint32_t)i;
}

/* Run the worklists to the fixpoint (or the budget). Every statement is
 * evaluated once in program order first; then pending deltas are propagated
 * before statements are evaluated again, so a statement sees sets as
 * complete as they are at that moment. */
static bool solve(Program *p, bool first) {
    PtSolver *s = p->pt.solver;
    if (first) {
        for (uint32_t sid = 0; sid < s->stmts.len && !over_budget(p); sid++) {
            s->stmts.data[sid].queued = false;
            item_start(s);
            eval_stmt(p, sid);
        }
        s->stmt_work.len = 0;
        for (uint32_t sid = 0; sid < s->stmts.len; sid++)
            if (s->stmts.data[sid].queued) vec_push(&s->stmt_work, sid);
    }
    while (!over_budget(p) && (s->node_work.len || s->stmt_work.len)) {
        if (s->work >= s->next_cycle_check) {
            /* cycles are found periodically, when the work done since the
             * last check reaches the work done before it */
            s->cycles_merged += collapse_cycles(p);
            s->next_cycle_check = s->work * 2 + CYCLE_CHECK_WORK;
        }
        item_start(s);
        if (s->node_work.len) {
            propagate(p, s->node_work.data[--s->node_work.len]);
        } else {
            uint32_t sid = s->stmt_work.data[--s->stmt_work.len];
            s->stmts.data[sid].queued = false;
            eval_stmt(p, sid);
        }
    }
    return !s->node_work.len && !s->stmt_work.len;
}

/* After the budget stopped the solver: evaluate the calls once more so the
 * thread routines and call targets reflect the facts found so far. */
static void settle_calls(Program *p) {
    PtSolver *s = p->pt.solver;
    for (uint32_t sid = 0; sid < s->stmts.len; sid++)
        if (s->stmts.data[sid].kind == ST_CALL) {
            item_start(s);
            eval_stmt(p, sid);
        }
}

/* After solving, points-to sets name representatives only: a field of a
 * collapsed object becomes its root. */
static void normalise_sets(Program *p) {
    p->pt.collapse_epoch++; /* rescan every set: deltas may have carried stale fields */
    for (size_t i = 0; i < p->pt.nodes.len; i++) normalise_node(p, (uint32_t)i);
}

static bool points_to_library(Program *p, uint32_t func, const IrOperand *callee) {
    IdSet t = {0};
    callee_targets(p, func, callee, &t);
    bool any = false;
    for (uint32_t i = 0; i < t.n && !any; i++) any = p->pt.objs.data[p->pt.nodes.data[t.v[i]].obj].kind == OBJ_EXTFUNC;
    idset_free(&t);
    return any;
}

/* An indirect call whose pointer points to no function of a fitting type
 * after the fixpoint (a pointer set by code racecheck cannot see, an
 * unknown library callback, a set filter_by_type emptied) and to no library
 * function may call any address-taken function of the same type (the
 * canonical spellings match; for an unprototyped pointer, the same number of
 * parameters). */
static bool resolve_unknown_indirect(Program *p) {
    bool added = false;
    PtSolver *s = p->pt.solver;
    for (uint32_t sid = 0; sid < s->stmts.len; sid++) {
        const Stmt *st = &s->stmts.data[sid];
        if (st->kind != ST_CALL) continue;
        const IrEvent *ev = st->x;
        CallInfo *ci = (CallInfo *)program_call(p, ev);
        if (!ci || ci->kind != CALL_INDIRECT || ci->targets.n || ci->fallback) continue;
        /* a callee the front end could not make out (code clang could not
         * parse) is not a pointer call: it calls nothing known */
        if (ev->call->callee.kind != IR_OPD_VALUE) continue;
        if (points_to_library(p, st->func, &ev->call->callee)) continue;
        ci->fallback = true;
        /* through a closed field: what the field is ever given */
        const IdSet *field = field_slots_for(s->fields, ev);
        for (size_t g = 0; g < p->link.funcs.len; g++) {
            const Func *gf = &p->link.funcs.data[g];
            if (field && !idset_has(field, (uint32_t)g)) continue;
            if (!gf->address_taken || !gf->reachable || !gf->ir->nblocks) continue;
            if (ev->call->type ? !gf->ir->type || strcmp(gf->ir->type, ev->call->type)
                               : gf->ir->nparams != ev->call->nargs &&
                                     !(gf->ir->is_variadic && gf->ir->nparams <= ev->call->nargs))
                continue;
            idset_add(&ci->targets, (uint32_t)g);
            added = true;
        }
        if (ci->targets.n) queue_stmt(s, sid);
    }
    return added;
}

/* After the budget stopped the solver (no fallback is computed then: a
 * truncated call graph is what keeps thread reachability sane): an
 * indirect call through a closed field that is only ever given constants
 * (NULL: `it->node_cb = NULL`, a callback no code sets) can call nothing,
 * whatever the solver did not finish - fieldslots.c reads the stores, not
 * the points-to sets. Marked as resolved to nothing (CallInfo.fallback with
 * no targets), as resolve_unknown_indirect would. */
static void dead_field_calls(Program *p) {
    PtSolver *s = p->pt.solver;
    for (uint32_t sid = 0; sid < s->stmts.len; sid++) {
        const Stmt *st = &s->stmts.data[sid];
        if (st->kind != ST_CALL) continue;
        const IrEvent *ev = st->x;
        CallInfo *ci = (CallInfo *)program_call(p, ev);
        if (!ci || ci->kind != CALL_INDIRECT || ci->targets.n || ci->fallback) continue;
        const IdSet *field = field_slots_for(s->fields, ev);
        if (field && !field->n) ci->fallback = true;
    }
}

/* ---- allocation wrappers ----------------------------------------------------- */

/* What a plain global function pointer is ever assigned, for the calls
 * through it before the solver runs (yarn's `my_malloc_f = malloc`, a
 * library's pluggable allocator): the function designators stored into it
 * by reachable code, or `other` when something else is (a parameter, a
 * loaded value), its address is taken (a store through a pointer cannot
 * be seen), or code outside the program may write it (it is not defined
 * here, or is an exported global of a library). */
typedef struct FnSlot {
    bool other;
    VEC(const IrOperand *) funcs;
} FnSlot;

typedef struct FnSlots {
    StrMap by_usr; /* global USR -> FnSlot * */
} FnSlots;

static FnSlot *fn_slot(FnSlots *fs, const char *usr) {
    bool ins;
    void **slot = strmap_slot(&fs->by_usr, usr, &ins);
    if (ins) *slot = xcalloc(1, sizeof(FnSlot));
    return *slot;
}

static bool plain_global(const IrOperand *o) {
    return (o->kind == IR_OPD_VALUE || o->kind == IR_OPD_ADDR) && o->path.root == IR_ROOT_GLOBAL && !o->path.nsteps &&
           o->path.usr;
}

/* An operand taking a plain global's address makes its slot `other`. */
static void fn_slots_escape(FnSlots *fs, const IrOperand *o) {
    if (o->kind == IR_OPD_ADDR && plain_global(o)) fn_slot(fs, o->path.usr)->other = true;
}

static void fn_slots_build(const Program *p, FnSlots *fs) {
    strmap_init(&fs->by_usr);
    for (size_t i = 0; i < p->link.funcs.len; i++) {
        const Func *fn = &p->link.funcs.data[i];
        const IrFunc *f = fn->ir;
        if (!fn->reachable || !f->nblocks) continue;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            const IrBlock *bb = &f->blocks[b];
            for (uint32_t e = 0; e < bb->nevents; e++) {
                const IrEvent *ev = &bb->events[e];
                if (ev->kind == IR_EV_ASSIGN) {
                    fn_slots_escape(fs, ev->src);
                    if (ev->path.root != IR_ROOT_GLOBAL || ev->path.nsteps || !ev->path.usr) continue;
                    FnSlot *s = fn_slot(fs, ev->path.usr);
                    if (ev->src->kind == IR_OPD_FUNC)
                        vec_push(&s->funcs, ev->src);
                    else if (ev->src->kind != IR_OPD_CONST)
                        s->other = true;
                } else if (ev->kind == IR_EV_CALL && ev->call) {
                    for (uint32_t a = 0; a < ev->call->nargs; a++) fn_slots_escape(fs, &ev->call->args[a]);
                }
            }
            if (bb->term.kind == IR_TERM_RETURN) fn_slots_escape(fs, &bb->term.ret);
        }
    }
}

static void fn_slots_free(FnSlots *fs) {
    for (size_t i = 0; i < fs->by_usr.cap; i++)
        if (fs->by_usr.keys[i]) {
            FnSlot *s = fs->by_usr.vals[i];
            vec_free(&s->funcs);
            free(s);
        }
    strmap_free(&fs->by_usr);
}

static bool func_is_allocator(const Program *p, const IrOperand *c) {
    const ApiModel *m = program_api_for(p, c);
    if (m) return m->kind == API_ALLOC && m->handle_by == HANDLE_RETURN;
    uintptr_t idx = c->usr && c->usr[0] ? (uintptr_t)strmap_get(&p->link.func_by_usr, c->usr) : 0;
    return idx && p->pt.funcs.data[idx - 1].alloc_wrapper;
}

static bool call_is_fresh(const Program *p, const FnSlots *fs, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci) return false;
    if (ci->kind == CALL_API) return ci->api->kind == API_ALLOC && ci->api->handle_by == HANDLE_RETURN;
    if (ci->kind == CALL_INDIRECT) {
        /* through a global that only ever holds allocators */
        const IrOperand *c = &ev->call->callee;
        if (c->kind != IR_OPD_VALUE || !plain_global(c)) return false;
        uintptr_t g = (uintptr_t)strmap_get(&p->link.global_by_usr, c->path.usr);
        if (!g) return false;
        uint32_t fl = p->link.globals.data[g - 1].flags;
        if (!(fl & IR_GLOBAL_DEFINED) || (p->library && !(fl & IR_GLOBAL_STATIC))) return false;
        const FnSlot *s = strmap_get(&fs->by_usr, c->path.usr);
        if (!s || s->other || !s->funcs.len) return false;
        for (size_t k = 0; k < s->funcs.len; k++)
            if (!func_is_allocator(p, s->funcs.data[k])) return false;
        return true;
    }
    return ci->kind == CALL_INTERNAL && p->pt.funcs.data[ci->callee].alloc_wrapper;
}

/* Is f's return type a pointer to void ("void *(struct pool *, unsigned long)"),
 * the type of untyped memory an allocator hands out? */
static bool returns_void_pointer(const IrFunc *f) {
    return f->type && !strncmp(f->type, "void *(", 7) && f->type[7] != '*';
}

/* Does the load `k = *loc` take a piece of an allocator's state? It does
 * when f also stores into the same location something other than k itself:
 * a bump pointer moved past the piece (`m = pool->last; pool->last = m +
 * size`), a free list's head popped (`o = c->head; c->head = o->next`). A
 * store of k back (`v = t->slot; if (!v) t->slot = v = malloc(...)`) is a
 * lookup that inserts: what it returns is shared, not carved. */
static bool carves(const IrFunc *f, const IrPath *loc, int64_t k) {
    bool moved = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_ASSIGN || ir_plain_key(&ev->path) >= 0 || !ir_path_equal(&ev->path, loc)) continue;
            int64_t s = ev->src->kind == IR_OPD_VALUE ? ir_plain_key(&ev->src->path) : -1;
            if (s == k && !ev->src->offset) return false;
            moved = true;
        }
    return moved;
}

/* Is path the object an allocation stored through a pointer (model/pools.c)? */
static bool allocated_object(const Program *p, const IrPath *path) {
    if (path->root != IR_ROOT_GLOBAL || path->nsteps || !path->usr) return false;
    uintptr_t g = (uintptr_t)strmap_get(&p->link.global_by_usr, path->usr);
    return g && (p->link.globals.data[g - 1].flags & IR_GLOBAL_ALLOCATED);
}

/* Can a fresh pointer passed to this call be kept by it? Program code (it
 * may store it anywhere) and every modelled API but allocation, release and
 * plain memory effects (memset, memcpy) may. */
static bool call_may_keep(const CallInfo *ci) {
    if (!ci) return false;
    if (ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT) return true;
    return ci->kind == CALL_API && ci->api->kind != API_ALLOC && ci->api->kind != API_FREE &&
           ci->api->kind != API_EFFECTS;
}

/* May this call hand what it is given to code or threads that keep using
 * it: program code, a spawn, a pool, a registered callback? (A lock or
 * semaphore initialised inside a fresh object is not such a hand-over.) */
static bool call_may_hand_over(const CallInfo *ci) {
    if (!ci) return false;
    if (ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT) return true;
    if (ci->kind != CALL_API) return false;
    ApiKind k = ci->api->kind;
    return k == API_SPAWN || k == API_POOL_NEW || k == API_POOL_SUBMIT || k == API_CALLBACK_REGISTER ||
           k == API_ONCE || k == API_TSS;
}

/* The key (ir_plain_key) of the local or temporary an operand's path starts
 * from, -1 for other roots. */
static int64_t root_key(const IrOperand *o) {
    return ir_operand_root_key(o);
}

/* What a local or temporary of an allocation wrapper may be assigned (sets
 * of ir_plain_key keys): a fresh allocation, a piece carved from the
 * allocator's state, or anything else (a loaded pointer, another call's
 * result). A parameter's own value is none of these: `ptr = realloc(ptr,
 * n); return ptr;` returns a fresh object, `return ptr;` alone nothing
 * fresh. */
typedef struct AllocFlow {
    IdSet fresh, carved, other;
} AllocFlow;

static void alloc_flow_copy(AllocFlow *af, uint32_t dst, uint32_t src) {
    if (idset_has(&af->fresh, src)) idset_add(&af->fresh, dst);
    if (idset_has(&af->carved, src)) idset_add(&af->carved, dst);
    if (idset_has(&af->other, src)) idset_add(&af->other, dst);
}

/* Is f an allocation wrapper: does it return fresh allocations (or NULL)
 * and nothing else? Two kinds (docs/precision.md, "Heap objects"):
 * - a pure wrapper (xmalloc, new_node) stores its fresh pointers nowhere and
 *   passes them to no program function or API that may keep them;
 * - an allocator handing out untyped memory (its return type is `void *`)
 *   may also return pieces it carves from its own state (a pool's bump
 *   pointer, a free list, see carves) and keep its fresh chunks in its own
 *   bookkeeping (nginx's ngx_palloc, which chains pool blocks and large
 *   allocations), but still hands them to no program function.
 * Neither hands a part of a fresh object (`&e->io`, `e->bg`) to program
 * code, a spawn, a pool or a callback (call_may_hand_over), nor stores it
 * in a global (a registry): what gets it would reach the object made
 * inside, not the callers' (memcached's extstore_init starts its threads
 * so).
 * Each call site of either names one heap object. */
static bool is_alloc_wrapper(const Program *p, const FnSlots *fs, const Func *fn, bool *fills) {
    const IrFunc *f = fn->ir;
    AllocFlow af = {{0}, {0}, {0}};
    bool pool = returns_void_pointer(f), stored = false, kept = false, copies = false;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind == IR_EV_CALL && ev->call) {
                    if (ev->call->result >= 0)
                        idset_add(call_is_fresh(p, fs, ev) ? &af.fresh : &af.other, (uint32_t)ev->call->result * 2 + 1);
                    const CallInfo *ci = program_call(p, ev);
                    if (ci && ci->kind == CALL_EXTERNAL && pt_is_memcpy(ev->call->callee.name)) copies = true;
                    for (uint32_t a = 0; a < ev->call->nargs; a++) {
                        const IrOperand *o = &ev->call->args[a];
                        int64_t k = o->kind == IR_OPD_VALUE ? ir_plain_key(&o->path) : -1;
                        if (k >= 0 && idset_has(&af.fresh, (uint32_t)k) && call_may_keep(ci)) kept = true;
                        /* a part of it handed over (`pthread_create(.., &e->io[i])`,
                         * `start(e->bg)`): whoever gets it reaches the object
                         * the allocation made, not the callers' */
                        int64_t r = root_key(o);
                        if (r >= 0 && idset_has(&af.fresh, (uint32_t)r) && call_may_hand_over(ci)) kept = true;
                    }
                } else if (ev->kind == IR_EV_ASSIGN) {
                    const IrOperand *src = ev->src;
                    int64_t sk = src->kind == IR_OPD_VALUE ? ir_plain_key(&src->path) : -1;
                    if (ev->flags & IR_EV_RECORD) copies = true;
                    int64_t dst = ir_plain_key(&ev->path);
                    if (dst < 0) {
                        if (sk >= 0 && idset_has(&af.fresh, (uint32_t)sk)) {
                            stored = true; /* stored into memory */
                            /* into a global (a registry), not the allocator's own state */
                            if (ev->path.root == IR_ROOT_GLOBAL) kept = true;
                        }
                    } else if (src->kind == IR_OPD_CONST || src->kind == IR_OPD_UNKNOWN) {
                        /* NULL, or integer arithmetic (an alignment): no object */
                    } else if (sk >= 0) {
                        alloc_flow_copy(&af, (uint32_t)dst, (uint32_t)sk);
                    } else if (src->kind == IR_OPD_ADDR && allocated_object(p, &src->path)) {
                        idset_add(&af.fresh, (uint32_t)dst); /* posix_memalign(&p, ...) */
                    } else if (src->kind == IR_OPD_VALUE && carves(f, &src->path, dst)) {
                        idset_add(&af.carved, (uint32_t)dst);
                    } else {
                        idset_add(&af.other, (uint32_t)dst);
                    }
                }
            }
    /* the lowering ends a function with a block no edge reaches (a bare
     * `return` after the last statement): its return is no result */
    bool *reach = xcalloc(f->nblocks ? f->nblocks : 1, sizeof(bool));
    uint32_t *stack = xmalloc((f->nblocks ? f->nblocks : 1) * sizeof(uint32_t)), sp = 0;
    if (f->nblocks) reach[0] = true, stack[sp++] = 0;
    while (sp) {
        const IrBlock *bb = &f->blocks[stack[--sp]];
        for (uint32_t k = 0; k < bb->nsucc; k++)
            if (bb->succ[k] < f->nblocks && !reach[bb->succ[k]]) reach[bb->succ[k]] = true, stack[sp++] = bb->succ[k];
    }
    bool ok = !kept, returns_fresh = false, returns_carved = false;
    for (uint32_t b = 0; b < f->nblocks && ok; b++) {
        const IrTerm *t = &f->blocks[b].term;
        if (!reach[b] || t->kind != IR_TERM_RETURN || t->ret.kind == IR_OPD_CONST) continue;
        int64_t k = t->ret.kind == IR_OPD_VALUE ? ir_plain_key(&t->ret.path) : -1;
        bool fresh = k >= 0 && idset_has(&af.fresh, (uint32_t)k), carved = k >= 0 && idset_has(&af.carved, (uint32_t)k);
        if (!(fresh || carved) || idset_has(&af.other, (uint32_t)k)) ok = false;
        returns_fresh |= fresh;
        returns_carved |= carved;
    }
    free(reach);
    free(stack);
    idset_free(&af.fresh);
    idset_free(&af.carved);
    idset_free(&af.other);
    if (!ok || !returns_fresh) return false;
    *fills = !stored && !returns_carved && !copies;
    return pool || (!stored && !returns_carved);
}

static void find_alloc_wrappers(Program *p) {
    FnSlots fs;
    fn_slots_build(p, &fs);
    for (int round = 0; round < 4; round++) {
        bool changed = false;
        for (size_t i = 0; i < p->link.funcs.len; i++) {
            PtFunc *f = &p->pt.funcs.data[i];
            if (f->alloc_wrapper || !p->link.funcs.data[i].ir->nblocks) continue;
            if (is_alloc_wrapper(p, &fs, &p->link.funcs.data[i], &f->alloc_fills)) f->alloc_wrapper = changed = true;
        }
        if (!changed) break;
    }
    fn_slots_free(&fs);
}

static void create_objects(Program *p) {
    for (size_t g = 0; g < p->link.globals.len; g++) {
        Global *gl = &p->link.globals.data[g];
        gl->obj = new_obj(p, OBJ_GLOBAL, (uint32_t)g, 0, gl->name, gl->loc);
        /* a global declared with both (conflicting declarations) holds anything */
        uint32_t pc = gl->flags & (IR_GLOBAL_DATA_POINTER | IR_GLOBAL_FUNC_POINTER);
        p->pt.objs.data[gl->obj].holds = pc == IR_GLOBAL_DATA_POINTER ? OBJ_HOLDS_DATA
                                         : pc == IR_GLOBAL_FUNC_POINTER ? OBJ_HOLDS_FUNCS : 0;
    }
    p->pt.string_obj = new_obj(p, OBJ_STRING, 0, 0, "<string literal>", (IrLoc){0});
    vec_resize_zero(&p->pt.funcs, p->link.funcs.len);
    for (size_t i = 0; i < p->link.funcs.len; i++) {
        PtFunc *f = &p->pt.funcs.data[i];
        IrFunc *ir = p->link.funcs.data[i].ir;
        f->local_obj0 = (uint32_t)p->pt.objs.len;
        for (uint32_t l = 0; l < ir->nlocals; l++) {
            const char *ln = ir->locals[l].name && ir->locals[l].name[0] ? ir->locals[l].name : "<param>";
            char buf[512];
            snprintf(buf, sizeof buf, "%s::%s", ir->name, ln);
            uint32_t o = new_obj(p, OBJ_LOCAL, (uint32_t)i, l, intern(&p->strings, buf), ir->locals[l].loc);
            uint32_t fl = ir->locals[l].flags;
            p->pt.objs.data[o].holds = fl & IR_LOCAL_DATA_POINTER ? OBJ_HOLDS_DATA
                                       : fl & IR_LOCAL_FUNC_POINTER ? OBJ_HOLDS_FUNCS : 0;
        }
        f->temp_obj0 = (uint32_t)p->pt.objs.len;
        for (uint32_t t = 0; t < ir->ntemps; t++) new_obj(p, OBJ_TEMP, (uint32_t)i, t, "<tmp>", ir->loc);
        f->obj_ret = new_obj(p, OBJ_RET, (uint32_t)i, 0, "<ret>", ir->loc);
    }
}

static double thread_cpu_seconds(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)) return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pointsto_build(Program *p, const ModelOptions *opt) {
    (void)opt;
    double cpu0 = thread_cpu_seconds();
    create_objects(p);
    collect_aliases(p);
    find_alloc_wrappers(p);
    PtSolver solver;
    memset(&solver, 0, sizeof solver);
    solver.cur = UINT32_MAX;
    solver.next_cycle_check = CYCLE_CHECK_WORK;
    solver.item_cap = ~0ull;
    p->pt.solver = &solver;
    solver.fields = field_slots_build(p);
    p->pt.field_calls = field_slots_calls(solver.fields);
    /* unknown memory exists from the start when some call may hand it out:
     * typed dereferences (type_unknown) then apply from the first statement
     * on, whatever the order in which the calls are met */
    bool any_unknown = false;
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (!any_unknown && ev->kind == IR_EV_CALL && ev->call && is_unknown_call(p, ev)) any_unknown = true;
    }
    if (any_unknown) unknown_root(p);
    collect_stmts(p, &solver);
    bool converged = solve(p, true);
    for (;;) {
        solver.item_cap = ~0ull; /* between the solver's items */
        if (!converged || !resolve_unknown_indirect(p)) break;
        converged = solve(p, false);
    }
    if (!converged) {
        settle_calls(p);
        dead_field_calls(p);
    }
    unshare_sets(p);
    normalise_sets(p);
    p->pt.cycles = solver.cycles_merged;
    p->pt.cpu_seconds = thread_cpu_seconds() - cpu0;
    p->pt.work = solver.work;
    p->pt.budget_reached = !converged;
    p->pt.stmts = solver.stmts.len;
    p->pt.evals = solver.evals;
    p->pt.edges = solver.edges;
    for (size_t i = 0; i < solver.sn.len; i++) {
        SNode *sn = &solver.sn.data[i];
        idset_free(&sn->copy);
        idset_free(&sn->deep);
        idset_free(&sn->deps);
        idset_free(&sn->delta);
    }
    vec_free(&solver.sn);
    for (size_t i = 0; i < solver.stmts.len; i++) {
        idset_free(&solver.stmts.data[i].seen_src);
        idset_free(&solver.stmts.data[i].seen_dst);
    }
    vec_free(&solver.stmts);
    vec_free(&solver.node_work);
    vec_free(&solver.stmt_work);
    field_slots_free(solver.fields);
    p->pt.solver = NULL;
    if (!converged)
        diag_report(p->diags, DIAG_WARNING, NULL, 0, 0,
                    "points-to analysis stopped early (%zu facts); pointer aliasing may be incomplete, "
                    "so races through pointers can be missed", p->pt.pts_total);
    /* callers, from the final call targets */
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind == CALL_API) continue;
                for (uint32_t k = 0; k < ci->targets.n; k++)
                    idset_add(&p->pt.funcs.data[ci->targets.v[k]].callers, (uint32_t)f);
            }
    }
}
