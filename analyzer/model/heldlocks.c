/*
 * heldlocks.c - which of the locks held at an access protect it.
 *
 * The flow pass knows the locks surely held at a point as the code names
 * them (`s->lock`, `locks[h]`, in some function's frame). At an access to a
 * location, each is resolved to the lock object it stands for there:
 *   - a lock and an access through the same pointer pair up (`n->lock`
 *     held while touching `n->data` names the lock of the same node, even
 *     when n may point to many nodes; `*m` and `*d` with `m = &s->lock`,
 *     `d = &s->data` pair through s), but not past another dereference
 *     (`n->next->data` is another node's data);
 *   - otherwise the lock path must designate exactly one lock object (in
 *     the accessing thread: a lock named through an unchanged parameter,
 *     `q->m` in a helper, stands for what the thread's calls pass, see
 *     ctxparams.c), and
 *     not one inside a heap object that stands for many (allocated in a loop
 *     or by a function called from several places): `a->lock` does not
 *     protect `b->data`, nor one inside a global array named without an
 *     index (`p->m` with `p = &a[i]` stands for every element's lock),
 *     nor one in the accessing thread instance's own element (`me->m`
 *     with me = `&recs[i]`, its start value: one mutex per instance);
 *   - a lock that is not shared protects nothing;
 *   - an element of a lock array protects only through its index: a
 *     constant element is its own lock, `locks[i]` pairs with `data[i]` (or
 *     with `data[v]` when i is assigned once from `map[v]`), an element
 *     chosen by an expression counts for the whole array (PRECISION);
 *   - a lock paired through the same pointer is the accessed object's own
 *     (LOCK_INDEX_OBJECT): the same lock as another access names it whole,
 *     or by the element index it indexes the data with (`wks[i].m` held
 *     while touching `wks[i].stop`, against a worker's `me->m` and
 *     `me->stop`).
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

/* Longest common prefix of two paths that ends with a DEREF step; returns its
 * length in steps, 0 when there is none. */
static uint32_t deref_prefix(const IrPath *a, const IrPath *b) {
    if (a->root != b->root || a->root == IR_ROOT_STRING) return 0;
    if (a->root == IR_ROOT_GLOBAL ? (!a->usr || !b->usr || strcmp(a->usr, b->usr)) : a->id != b->id) return 0;
    uint32_t best = 0;
    for (uint32_t i = 0; i < a->nsteps && i < b->nsteps; i++) {
        const IrStep *x = &a->steps[i], *y = &b->steps[i];
        if (x->kind != y->kind) break;
        if ((x->kind == IR_STEP_FIELD || x->kind == IR_STEP_UP) && strcmp(x->field ? x->field : "", y->field ? y->field : ""))
            break;
        if (x->kind == IR_STEP_INDEX &&
            !(x->index_kind == y->index_kind && x->index_kind != IR_INDEX_UNKNOWN &&
              (x->index_kind == IR_INDEX_CONST ? x->value == y->value : x->local == y->local)))
            break;
        if (x->kind == IR_STEP_DEREF) best = i + 1;
    }
    return best;
}

/* Does heap object o stand for several objects at once? */
static bool summary_heap(const Program *p, uint32_t o) {
    const Obj *obj = &p->pt.objs.data[o];
    if (obj->kind != OBJ_HEAP || !obj->site) return false;
    const IdSet *callers = &p->pt.funcs.data[obj->a].callers;
    IrEventId id;
    const IrDefUse *du = model_defuse(p, p->link.funcs.data[obj->a].ir);
    if (!ir_defuse_event_id(du, obj->site, &id)) return true;
    return ir_defuse_block_loop(du, id.block) >= 0 || callers->n > 1 || (callers->n == 1 && callers->v[0] == obj->a);
}

/* The global pointer a lock is named through: its path, in the frame of
 * the function that holds it, is a global's field path, one dereference,
 * then fields (`(*g.load_state).mutex`, `cache->lock`); G's node (of a
 * global, exactly the field the path names), UINT32_MAX for any other. */
static uint32_t pin_global(Program *p, const LockRef *lr) {
    const IrPath *q = &lr->path;
    if (q->root != IR_ROOT_GLOBAL || !q->usr) return UINT32_MAX;
    uint32_t deref = UINT32_MAX;
    for (uint32_t i = 0; i < q->nsteps; i++) {
        if (q->steps[i].kind == IR_STEP_FIELD) continue;
        if (q->steps[i].kind != IR_STEP_DEREF || deref != UINT32_MAX) return UINT32_MAX;
        deref = i;
    }
    if (deref == UINT32_MAX) return UINT32_MAX;
    IrPath g = *q;
    g.nsteps = deref;
    const Global *gl = program_global(p, q->usr);
    if (!gl || (gl->flags & (IR_GLOBAL_TLS | IR_GLOBAL_HIDDEN_STATE))) return UINT32_MAX;
    IdSet t = {0};
    pt_resolve_path(p, lr->func >= 0 ? (uint32_t)lr->func : 0, &g, &t); /* a global path: any frame */
    uint32_t n = t.n == 1 ? pt_rep(p, t.v[0]) : UINT32_MAX;
    idset_free(&t);
    if (n == UINT32_MAX || p->pt.objs.data[p->pt.nodes.data[n].obj].kind != OBJ_GLOBAL || !model_node_names(p, n, &g))
        return UINT32_MAX;
    return n;
}

/* Is o a global array (of structs or of locks)? Its elements are one
 * location, so a lock inside it named without an index (`p->m` with `p =
 * &a[i]`) stands for every element's lock. */
static bool array_global(const Program *p, uint32_t o) {
    const Obj *obj = &p->pt.objs.data[o];
    if (obj->kind != OBJ_GLOBAL || obj->a >= p->link.globals.len) return false;
    const char *t = p->link.globals.data[obj->a].type;
    return t && strchr(t, '[');
}

static bool path_indexed(const IrPath *path) {
    for (uint32_t i = 0; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_INDEX) return true;
    return false;
}

/* One held lock, prepared for every location one access may reach. */
typedef struct PreparedLock {
    uint32_t lock;
    bool usable;          /* lock_index allows it (it does not depend on the location) */
    uint8_t index_kind;
    int64_t index;
    /* pairing through the same pointer: per base object the access's
     * locations from it and the one lock node from it (UINT32_MAX: not one) */
    uint32_t nbases;
    IdSet *reach;
    uint32_t *lock_from;
    bool inst_private;    /* in the accessing instance's own element: no fallback */
    bool fallback_known;
    bool has_fallback;
    uint32_t fallback;    /* the lock's one node, when not inside a summary heap */
    uint32_t pin;         /* the fallback is in a summary heap, named through a global pointer: its node + 1 */
} PreparedLock;

/* A pointer local taken from an address once (`m = &s->lock`, `d =
 * &s->data`) stands for that address: `*m` is `s->lock`. Into *out (steps
 * malloc'd, or NULL when the path is kept as it is). Only when the local is
 * assigned exactly once from an address without pointer arithmetic (and
 * its address never taken, nor that of the address's root local), and the
 * address's own root local (`s`) has one definition (a parameter: never
 * written; PRECISION: a loop's iterations are not told apart), so that `m` and
 * `d` name fields of the same object whenever both are defined. */
static bool through_addr_local(const Program *p, uint32_t func, const IrPath *path, IrPath *out) {
    if (path->root != IR_ROOT_LOCAL || !path->nsteps || path->steps[0].kind != IR_STEP_DEREF) return false;
    const IrFunc *fn = p->link.funcs.data[func].ir;
    if (path->id >= fn->nlocals || (fn->locals[path->id].flags & IR_LOCAL_ADDR_TAKEN)) return false;
    const IrDefUse *du = model_defuse(p, fn);
    const IrVarDefs *d = ir_defuse_local(du, path->id);
    if (!d || d->nwrites != 1 || d->ndefs != 1 || !d->has_assign) return false;
    const IrEvent *ev = ir_event_at(ir_defuse_func(du), d->assign);
    if (!ev->src || ev->src->kind != IR_OPD_ADDR || ev->src->offset) return false;
    const IrPath *src = &ev->src->path;
    if (src->root == IR_ROOT_LOCAL) {
        if (src->id == path->id || src->id >= fn->nlocals || (fn->locals[src->id].flags & IR_LOCAL_ADDR_TAKEN))
            return false;
        const IrVarDefs *sd = ir_defuse_local(du, src->id);
        if (sd && sd->ndefs > 1) return false; /* a parameter's entry value counts */
    } else if (src->root != IR_ROOT_GLOBAL) {
        return false;
    }
    *out = *src;
    out->nsteps = src->nsteps + path->nsteps - 1;
    out->steps = xmalloc(out->nsteps * sizeof(IrStep));
    if (src->nsteps) memcpy(out->steps, src->steps, src->nsteps * sizeof(IrStep));
    memcpy(out->steps + src->nsteps, path->steps + 1, (path->nsteps - 1) * sizeof(IrStep));
    return true;
}

static bool has_deref(const IrStep *s, uint32_t n) {
    for (uint32_t i = 0; i < n; i++)
        if (s[i].kind == IR_STEP_DEREF) return true;
    return false;
}

static void prepare_pairing(Program *p, uint32_t func, const IrPath *apath0, PreparedLock *pl) {
    const LockRef lr = p->lock.refs.data[pl->lock];
    if (lr.func != (int32_t)func) return;
    IrPath abuf, lbuf;
    bool a_own = false, l_own = false;
    const IrPath *apath = apath0, *lpath = &lr.path;
    uint32_t k = deref_prefix(apath, lpath);
    if (!k) {
        /* not through one pointer as spelled: through the addresses the
         * pointer locals were taken from */
        a_own = through_addr_local(p, func, apath0, &abuf);
        l_own = through_addr_local(p, func, &lr.path, &lbuf);
        if (a_own) apath = &abuf;
        if (l_own) lpath = &lbuf;
        if (a_own || l_own) k = deref_prefix(apath, lpath);
    }
    if (k) {
        /* pair the lock and the access through the same pointer */
        IrPath pre = *apath;
        pre.nsteps = k;
        IdSet bases = {0};
        pt_resolve_path(p, func, &pre, &bases);
        /* past another dereference the access (`n->next->data`) or the
         * lock (`n->next->lock`) may be in another object of the same
         * abstract object as the base: those do not pair (another node's
         * lock) */
        bool a_deref = has_deref(apath->steps + k, apath->nsteps - k);
        bool l_deref = has_deref(lpath->steps + k, lpath->nsteps - k);
        pl->nbases = bases.n;
        pl->reach = xcalloc(bases.n ? bases.n : 1, sizeof(IdSet));
        pl->lock_from = xmalloc((bases.n ? bases.n : 1) * sizeof(uint32_t));
        for (uint32_t i = 0; i < bases.n; i++) {
            IdSet one = {0}, ln = {0};
            uint32_t bobj = p->pt.nodes.data[bases.v[i]].obj;
            idset_add(&one, bases.v[i]);
            pt_resolve_steps(p, &one, apath->steps + k, apath->nsteps - k, &pl->reach[i]);
            if (a_deref) {
                uint32_t kk = 0;
                IdSet *r = &pl->reach[i];
                for (uint32_t j = 0; j < r->n; j++)
                    if (p->pt.nodes.data[r->v[j]].obj != bobj) r->v[kk++] = r->v[j];
                r->n = kk;
            }
            pt_resolve_steps(p, &one, lpath->steps + k, lpath->nsteps - k, &ln);
            pl->lock_from[i] = ln.n == 1 && !(l_deref && p->pt.nodes.data[ln.v[0]].obj == bobj) ? ln.v[0]
                                                                                                : UINT32_MAX;
            idset_free(&one);
            idset_free(&ln);
        }
        idset_free(&bases);
    }
    if (a_own) free(abuf.steps);
    if (l_own) free(lbuf.steps);
}

/* The lock node the prepared lock stands for at an access to `node`; false
 * when it stands for no single lock object there. *paired: found through
 * the same pointer as the access. */
static bool held_lock_node(Program *p, ThreadParams *tp, PreparedLock *pl, uint32_t node, uint32_t *out,
                           bool *paired) {
    *paired = false;
    uint32_t found = UINT32_MAX;
    bool ambiguous = false;
    for (uint32_t i = 0; i < pl->nbases; i++)
        if (pl->lock_from[i] != UINT32_MAX && idset_has(&pl->reach[i], node)) {
            ambiguous |= found != UINT32_MAX && found != pl->lock_from[i];
            found = pl->lock_from[i];
        }
    if (found != UINT32_MAX && !ambiguous) {
        *out = found;
        *paired = true;
        return true;
    }
    if (!pl->fallback_known) {
        pl->fallback_known = true;
        IdSet narrowed = {0};
        const IdSet *n = lock_nodes(p, pl->lock);
        const LockRef *lr = &p->lock.refs.data[pl->lock];
        if (tp && lr->func >= 0 && n->n > 1) {
            /* `q->m` in a helper called on several queues: the ones this
             * thread passes */
            idset_copy(&narrowed, n);
            if (tparams_filter_thread(tp, (uint32_t)lr->func, &lr->path, &narrowed)) n = &narrowed;
        }
        /* a lock inside a heap object that stands for many (allocated in a
         * loop or by a function called from several places) is a different
         * lock for each of them: without pairing through the same pointer it
         * protects nothing (`a->lock` held while touching `b->data`) */
        pl->has_fallback = n->n == 1 && !summary_heap(p, p->pt.nodes.data[n->v[0]].obj) &&
                           !(array_global(p, p->pt.nodes.data[n->v[0]].obj) && !path_indexed(&p->lock.refs.data[pl->lock].path));
        /* ... unless it is named through one global pointer that no
         * thread changes while another may use it (pins_validate) */
        if (n->n == 1 && !pl->has_fallback && summary_heap(p, p->pt.nodes.data[n->v[0]].obj)) {
            uint32_t g = pin_global(p, lr);
            if (g != UINT32_MAX) {
                pl->has_fallback = true;
                pl->pin = g + 1;
            }
        }
        if (pl->has_fallback) pl->fallback = n->v[0];
        idset_free(&narrowed);
    }
    /* the instance's own element's lock, as the object the path names:
     * another mutex in each instance (paired by index it stays the
     * element of the data's index) */
    if (!pl->has_fallback || (pl->inst_private && pl->index_kind != LOCK_INDEX_PAIRED &&
                              pl->index_kind != LOCK_INDEX_CONST_PAIRED))
        return false;
    *out = pl->fallback;
    return true;
}

/* Is local w assigned exactly once in f, from an element indexed by local v
 * (`w = to_worker[v]`)? Then equal v give equal w: a lock chosen by w pairs
 * with an access indexed by v. */
static bool index_derived(const IrDefUse *du, uint32_t w, uint32_t v) {
    const IrVarDefs *d = ir_defuse_local(du, w);
    if (!d || d->nwrites != 1 || !d->has_assign) return false;
    const IrEvent *ev = ir_event_at(ir_defuse_func(du), d->assign);
    if (ev->src->kind != IR_OPD_VALUE) return false;
    const IrPath *s = &ev->src->path;
    for (uint32_t i = 0; i < s->nsteps; i++)
        if (s->steps[i].kind == IR_STEP_INDEX && s->steps[i].index_kind == IR_INDEX_LOCAL && s->steps[i].local == v)
            return true;
    return false;
}

/* A walk of one hash chain: local c of func whose every assignment is
 * NULL, the head of one bucket indexed by local h (`c = buckets[h]`, or
 * its address: `pp = &buckets[h]`), or the next link of what c points to
 * (`c = c->next`, `pp = &(*pp)->next`): h, or UINT32_MAX. Cached in
 * p->lock.chains (func << 32 | c -> h + 1, 0 for none). */
static uint32_t chain_index(Program *p, uint32_t func, uint32_t c) {
    uint64_t key = (uint64_t)func << 32 | c, v;
    if (u64map_get(&p->lock.chains, key, &v)) return v ? (uint32_t)(v - 1) : UINT32_MAX;
    u64map_put(&p->lock.chains, key, 0); /* (none while it is worked out: a cycle of copies) */
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t h = UINT32_MAX;
    const IrPath *table = NULL; /* the bucket array's path (one for every head taken) */
    bool ok = c < f->nlocals && c >= f->nparams && !(f->locals[c].flags & IR_LOCAL_ADDR_TAKEN);
    for (uint32_t b = 0; b < f->nblocks && ok; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && ok; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            if (x->path.root != IR_ROOT_LOCAL || x->path.id != c || x->path.nsteps) continue;
            if (x->kind == IR_EV_WRITE) {
                /* the WRITE of an assignment (its ASSIGN follows) or of a step */
                const IrEvent *nx = e + 1 < f->blocks[b].nevents ? &f->blocks[b].events[e + 1] : NULL;
                ok = nx && nx->kind == IR_EV_ASSIGN && ir_path_equal(&nx->path, &x->path);
                continue;
            }
            if (x->kind != IR_EV_ASSIGN) continue;
            const IrOperand *s = x->src;
            if (!s || s->offset) {
                ok = false;
            } else if (s->kind == IR_OPD_CONST) {
                ok = s->value == 0;
            } else if (s->kind == IR_OPD_VALUE || s->kind == IR_OPD_ADDR) {
                /* through c itself: a link of the node it points to */
                bool own = s->path.root == IR_ROOT_LOCAL && s->path.id == c && s->path.nsteps &&
                           s->path.steps[0].kind == IR_STEP_DEREF;
                if (own) {
                    for (uint32_t i = 1; i < s->path.nsteps && ok; i++)
                        ok = s->path.steps[i].kind == IR_STEP_FIELD || s->path.steps[i].kind == IR_STEP_DEREF;
                    continue;
                }
                /* a node another walk of a chain reached (`dead = *pp`) */
                if (s->kind == IR_OPD_VALUE && s->path.root == IR_ROOT_LOCAL && s->path.nsteps &&
                    s->path.steps[0].kind == IR_STEP_DEREF) {
                    for (uint32_t i = 1; i < s->path.nsteps && ok; i++)
                        ok = s->path.steps[i].kind == IR_STEP_FIELD || s->path.steps[i].kind == IR_STEP_DEREF;
                    uint32_t q = ok ? chain_index(p, func, s->path.id) : UINT32_MAX;
                    ok = q != UINT32_MAX && (h == UINT32_MAX || h == q);
                    if (ok) h = q;
                    continue;
                }
                /* a bucket: one index, by a local, the last step of the value read (or the address taken) */
                uint32_t n = s->path.nsteps;
                const IrStep *last = n ? &s->path.steps[n - 1] : NULL;
                ok = last && last->kind == IR_STEP_INDEX && last->index_kind == IR_INDEX_LOCAL &&
                     (h == UINT32_MAX || h == last->local);
                for (uint32_t i = 0; i + 1 < n && ok; i++) ok = s->path.steps[i].kind != IR_STEP_INDEX;
                if (ok && table) {
                    IrPath x = s->path, y = *table;
                    x.nsteps--, y.nsteps--;
                    ok = ir_path_equal(&x, &y);
                }
                if (ok) h = last->local, table = &s->path;
            } else {
                ok = false;
            }
        }
    if (!ok) h = UINT32_MAX;
    u64map_put(&p->lock.chains, key, h == UINT32_MAX ? 0 : (uint64_t)h + 1);
    return h;
}

/* The path temp t of func is assigned once from, when that is a field
 * read through an unchanged parameter or a local defined once (`it->cls`:
 * every read of it in the function names the same location); NULL else. */
static const IrPath *read_source(Program *p, uint32_t func, uint32_t t) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    const IrEvent *ev = ir_defuse_sole_assign(du, ir_defuse_temp(du, t));
    if (!ev || !ev->src || ev->src->kind != IR_OPD_VALUE || ev->src->offset) return NULL;
    const IrPath *s = &ev->src->path;
    if (s->root != IR_ROOT_LOCAL || !s->nsteps || s->steps[0].kind != IR_STEP_DEREF || s->id >= f->nlocals ||
        (f->locals[s->id].flags & IR_LOCAL_ADDR_TAKEN))
        return NULL;
    for (uint32_t i = 1; i < s->nsteps; i++)
        if (s->steps[i].kind != IR_STEP_FIELD) return NULL;
    if (s->id < f->nparams ? !model_param_unchanged(p, func, s->id) : ir_defuse_local(du, s->id)->ndefs != 1)
        return NULL;
    return s;
}

/* Does the access by apath in func index an element by a read of the same
 * location as the lock's index ix (a TEMP)? PRECISION: the location is
 * taken to hold the same value at both reads (an item's class, a
 * connection's slot: set before the object is shared). */
static bool same_read_index(Program *p, uint32_t func, const IrStep *ix, const IrPath *apath) {
    const IrPath *ls = read_source(p, func, ix->local);
    if (!ls) return false;
    for (uint32_t i = 0; i < apath->nsteps; i++) {
        const IrStep *s = &apath->steps[i];
        if (s->kind != IR_STEP_INDEX || s->index_kind != IR_INDEX_TEMP) continue;
        const IrPath *as = s->local == ix->local ? ls : read_source(p, func, s->local);
        if (as && ir_path_equal(as, ls)) return true;
    }
    return false;
}

/* How held lock l, if it names an element of a lock array, relates to the
 * access by apath in func. False when it cannot protect the access: an
 * element chosen by a variable the access is not indexed by (PRECISION:
 * array elements are one location, so `locks[i]` protects `data[i]` only
 * through this pairing). */
static bool lock_index(Program *p, uint32_t func, const IrPath *apath, uint32_t l, uint8_t *kind,
                       int64_t *value) {
    const LockRef *lr = &p->lock.refs.data[l];
    *kind = LOCK_INDEX_NONE;
    *value = 0;
    const IrStep *ix = NULL;
    for (uint32_t i = 0; i < lr->path.nsteps; i++)
        if (lr->path.steps[i].kind == IR_STEP_INDEX) ix = &lr->path.steps[i];
    if (!ix) return true;
    if (ix->index_kind == IR_INDEX_CONST) {
        *kind = LOCK_INDEX_CONST;
        *value = ix->value;
        /* over data indexed by the same constant: the paired element too */
        for (uint32_t i = 0; i < apath->nsteps; i++)
            if (apath->steps[i].kind == IR_STEP_INDEX && apath->steps[i].index_kind == IR_INDEX_CONST &&
                apath->steps[i].value == ix->value)
                *kind = LOCK_INDEX_CONST_PAIRED;
        return true;
    }
    /* an element chosen by a value read from memory (`lru_locks[it->cls]`)
     * pairs with an access indexed by a read of the same location
     * (`itemstats[it->cls]`) */
    if (ix->index_kind == IR_INDEX_TEMP && lr->func == (int32_t)func && same_read_index(p, func, ix, apath)) {
        *kind = LOCK_INDEX_PAIRED;
        return true;
    }
    /* an element chosen by arithmetic over locals pairs with an access
     * indexed by the same arithmetic (`m[(id + 1) % N]` over `counts[(id +
     * 1) % N]`; the lowering's expression key, in one frame) */
    if (ix->index_kind == IR_INDEX_UNKNOWN && ix->value && lr->func == (int32_t)func)
        for (uint32_t i = 0; i < apath->nsteps; i++)
            if (apath->steps[i].kind == IR_STEP_INDEX && apath->steps[i].index_kind == IR_INDEX_UNKNOWN &&
                apath->steps[i].value == ix->value) {
                *kind = LOCK_INDEX_PAIRED;
                return true;
            }
    /* PRECISION: an element chosen by an expression (`mu[map[type]]`) is
     * taken for the whole array, as if one lock guarded every element */
    if (ix->index_kind == IR_INDEX_UNKNOWN || ix->index_kind == IR_INDEX_TEMP) return true;
    if (lr->func != (int32_t)func) return false;
    for (uint32_t i = 0; i < apath->nsteps; i++)
        if (apath->steps[i].kind == IR_STEP_INDEX && apath->steps[i].index_kind == IR_INDEX_LOCAL &&
            (apath->steps[i].local == ix->local ||
             index_derived(model_defuse(p, p->link.funcs.data[func].ir), ix->local, apath->steps[i].local))) {
            *kind = LOCK_INDEX_PAIRED;
            return true;
        }
    /* striped locks: `locks[h]` over a node of the chain of `buckets[h]`
     * (reached from its head by a walk, chain_index) - the stripe's lock of
     * that node. ASSUMPTION: a node is on one chain (moved only holding
     * both stripes' locks) */
    if (apath->root == IR_ROOT_LOCAL && apath->nsteps && apath->steps[0].kind == IR_STEP_DEREF &&
        chain_index(p, func, apath->id) == ix->local) {
        *kind = LOCK_INDEX_PAIRED;
        return true;
    }
    return false;
}

/* Is the lock a nesting level of atomic sections beyond the first
 * (program.c)? It stands for the same section as level 1. */
static bool atomic_nested_level(const Program *p, uint32_t lock) {
    if (!p->lock.atomic_section) return false;
    for (int k = 1; k < MODEL_ATOMIC_LEVELS; k++)
        if (p->lock.atomic_levels[k] == lock) return true;
    return false;
}

/* Held locks listed by spelling (then object), not by the internal ids the
 * order of analysis hands out. */
static int cmp_held(const void *x, const void *y) {
    const HeldLock *a = x, *b = y;
    int c = strcmp(a->spelling ? a->spelling : "", b->spelling ? b->spelling : "");
    if (c) return c;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    if (a->mode != b->mode) return a->mode < b->mode ? -1 : 1;
    if (a->index_kind != b->index_kind) return a->index_kind < b->index_kind ? -1 : 1;
    if (a->turn_cmp != b->turn_cmp) return a->turn_cmp < b->turn_cmp ? -1 : 1;
    if (a->pin != b->pin) return a->pin < b->pin ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* ---- locks taken in an order chosen at run time --------------------------------- */

/* Two pointer locals of a function that hold two others, p and q, in an
 * order a branch chooses (the lock-ordering idiom):
 *
 *     first = a < b ? a : b;  second = a < b ? b : a;    or
 *     if (a < b) { first = a; second = b; } else { first = b; second = a; }    or
 *     first = a; second = b; if (b < a) { first = b; second = a; }
 *
 * {first, second} is {a, b} on every path, so holding first->m and
 * second->m is holding a->m and b->m. */
typedef struct SwapPair {
    uint32_t x, y, p, q;
} SwapPair;

typedef struct SwapList {
    uint32_t n;
    SwapPair pairs[];
} SwapList;

static bool plain_operand(const IrOperand *o, uint8_t root, uint32_t *id) {
    if (o->kind != IR_OPD_VALUE || o->offset || o->path.root != root || o->path.nsteps) return false;
    *id = o->path.id;
    return true;
}

/* The assignments of a local or temp (root, id): up to two, with their
 * blocks; false when there are more, or when it is also written otherwise
 * (`first++`: a write with no assignment). */
static bool assigns_of(const IrFunc *f, uint8_t root, uint32_t id, const IrEvent **ev, uint32_t *blk, uint32_t *n) {
    *n = 0;
    uint32_t writes = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *x = &f->blocks[b].events[e];
            if (x->path.root != root || x->path.id != id || x->path.nsteps) continue;
            if (x->kind == IR_EV_WRITE) writes++;
            if (x->kind != IR_EV_ASSIGN) continue;
            if (*n == 2) return false;
            ev[*n] = x;
            blk[(*n)++] = b;
        }
    return root != IR_ROOT_LOCAL || writes <= *n;
}

/* v = (branch B) ? p : q, each arm one of B's two successors assigning
 * (directly or through one temp) an unchanged parameter (model_param_unchanged). */
static bool selection(const Program *p, uint32_t func, uint8_t root, uint32_t v, uint32_t *branch, uint32_t *pv,
                      uint32_t *qv) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrEvent *ev[2];
    uint32_t blk[2], n;
    if (!assigns_of(f, root, v, ev, blk, &n) || !n) return false;
    uint32_t t;
    if (n == 1) /* v := <tmp>, the temp chosen by the arms */
        return root == IR_ROOT_LOCAL && ev[0]->src && plain_operand(ev[0]->src, IR_ROOT_TEMP, &t) &&
               selection(p, func, IR_ROOT_TEMP, t, branch, pv, qv);
    uint32_t a0, a1;
    if (!ev[0]->src || !ev[1]->src || !plain_operand(ev[0]->src, IR_ROOT_LOCAL, &a0) ||
        !plain_operand(ev[1]->src, IR_ROOT_LOCAL, &a1) || a0 == a1 || !model_param_unchanged(p, func, a0) ||
        !model_param_unchanged(p, func, a1))
        return false;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const IrBlock *bb = &f->blocks[b];
        if (bb->term.kind != IR_TERM_BRANCH || bb->nsucc != 2 || bb->succ[0] == bb->succ[1]) continue;
        for (int k = 0; k < 2; k++)
            if (bb->succ[0] == blk[k] && bb->succ[1] == blk[1 - k]) {
                *branch = b;
                *pv = k ? a1 : a0;
                *qv = k ? a0 : a1;
                return true;
            }
        /* `first = a; if (b < a) first = b;`: one assignment in the
         * branch's own block, the other in one arm, which the other arm
         * does not enter */
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < 2; j++)
                if (blk[k] == b && bb->succ[j] == blk[1 - k] && bb->succ[1 - j] != blk[1 - k]) {
                    *branch = b;
                    uint32_t taken = k ? a0 : a1, kept = k ? a1 : a0; /* the arm's value, the block's */
                    *pv = j == 0 ? taken : kept;
                    *qv = j == 0 ? kept : taken;
                    return true;
                }
    }
    return false;
}

/* Are operands x and y one value of func: the same unchanged parameter
 * (model_param_unchanged), or the same path through one (`from->id`)?
 * PRECISION: memory reached through the parameter (an account's id) is
 * taken not to change between the two reads. */
static bool same_param_value(const Program *p, uint32_t func, const IrOperand *x, const IrOperand *y) {
    return x->kind == IR_OPD_VALUE && y->kind == IR_OPD_VALUE && !x->offset && !y->offset &&
           x->path.root == IR_ROOT_LOCAL && ir_path_equal(&x->path, &y->path) &&
           model_param_unchanged(p, func, x->path.id);
}

/* Do branches b1 and b2 of func surely go the same way? One branch, or two
 * equal tests of unchanged parameters or of what they point to
 * (same_param_value). */
static bool same_test(const Program *p, uint32_t func, uint32_t b1, uint32_t b2) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (b1 == b2) return true;
    const IrTerm *x = &f->blocks[b1].term, *y = &f->blocks[b2].term;
    if (x->cmp != y->cmp || x->rhs != y->rhs) return false;
    if (x->cond.kind != IR_OPD_UNKNOWN) return same_param_value(p, func, &x->cond, &y->cond);
    if (y->cond.kind != IR_OPD_UNKNOWN || !ir_term_has_sym(x) || !ir_term_has_sym(y) ||
        x->sym_cmp != y->sym_cmp || x->sym_off != y->sym_off)
        return false;
    return same_param_value(p, func, &x->sym_lhs, &y->sym_lhs) && same_param_value(p, func, &x->sym_rhs, &y->sym_rhs);
}

static const SwapList *swap_pairs(Program *p, uint32_t func) {
    uint64_t v;
    if (u64map_get(&p->lock.swaps, func, &v)) return v ? p->lock.swap_lists.data[v - 1] : NULL;
    const IrFunc *f = p->link.funcs.data[func].ir;
    VEC(SwapPair) found = {0};
    uint32_t *br = xmalloc((f->nlocals ? f->nlocals : 1) * 3 * sizeof(uint32_t));
    bool *sel = xcalloc(f->nlocals ? f->nlocals : 1, 1);
    for (uint32_t x = 0; x < f->nlocals; x++)
        sel[x] = (f->locals[x].flags & IR_LOCAL_POINTER) && !(f->locals[x].flags & IR_LOCAL_ADDR_TAKEN) &&
                 selection(p, func, IR_ROOT_LOCAL, x, &br[3 * x], &br[3 * x + 1], &br[3 * x + 2]);
    for (uint32_t x = 0; x < f->nlocals; x++)
        for (uint32_t y = x + 1; sel[x] && y < f->nlocals; y++)
            if (sel[y] && br[3 * x + 1] == br[3 * y + 2] && br[3 * x + 2] == br[3 * y + 1] &&
                same_test(p, func, br[3 * x], br[3 * y]))
                vec_push(&found, ((SwapPair){x, y, br[3 * x + 1], br[3 * x + 2]}));
    free(br);
    free(sel);
    v = 0;
    if (found.len) {
        SwapList *l = xmalloc(sizeof *l + found.len * sizeof(SwapPair));
        l->n = (uint32_t)found.len;
        memcpy(l->pairs, found.data, found.len * sizeof(SwapPair));
        vec_push(&p->lock.swap_lists, l);
        v = p->lock.swap_lists.len;
    }
    vec_free(&found);
    u64map_put(&p->lock.swaps, func, v);
    return v ? p->lock.swap_lists.data[v - 1] : NULL;
}

/* Is lock a rooted at local x of func and lock b at local y, the rest of
 * their paths and their modes equal? */
static bool swapped_refs(const LockRef *a, const LockRef *b, uint32_t func, uint32_t x, uint32_t y) {
    if (a->func != (int32_t)func || b->func != (int32_t)func || a->mode != b->mode || a->flag != b->flag || a->token != b->token ||
        a->mode == LMODE_TURN || a->path.root != IR_ROOT_LOCAL || b->path.root != IR_ROOT_LOCAL ||
        a->path.id != x || b->path.id != y || !a->path.nsteps || a->path.steps[0].kind != IR_STEP_DEREF)
        return false;
    IrPath pa = a->path, pb = b->path;
    pa.id = pb.id = 0;
    return ir_path_equal(&pa, &pb);
}

/* held, plus the locks an ordered pair of locals holds under the names of
 * the locals it was chosen from (SwapPair); NULL when nothing is added. */
static IdSet *with_swapped(Program *p, uint32_t func, const IdSet *held) {
    if (held->n < 2 || func >= p->link.funcs.len) return NULL;
    const SwapList *sl = swap_pairs(p, func);
    if (!sl) return NULL;
    IdSet *out = NULL;
    for (uint32_t s = 0; s < sl->n; s++)
        for (uint32_t i = 0; i < held->n; i++)
            for (uint32_t j = 0; j < held->n; j++) {
                const SwapPair *sp = &sl->pairs[s];
                LockRef a = p->lock.refs.data[held->v[i]], b = p->lock.refs.data[held->v[j]];
                if (!swapped_refs(&a, &b, func, sp->x, sp->y)) continue;
                if (!out) {
                    out = xcalloc(1, sizeof *out);
                    idset_copy(out, held);
                }
                const IrFunc *f = p->link.funcs.data[func].ir;
                IrPath np = a.path;
                np.id = sp->p;
                np.name = f->locals[sp->p].name;
                uint32_t l1 = lock_intern(p, (int32_t)func, &np, a.mode);
                np.id = sp->q;
                np.name = f->locals[sp->q].name;
                uint32_t l2 = lock_intern(p, (int32_t)func, &np, a.mode);
                idset_add(out, l1);
                idset_add(out, l2);
            }
    return out;
}

HeldLocksPrep *heldlocks_prepare(Program *p, ThreadParams *tp, uint32_t thread, InstParams ip, uint32_t func,
                                 const IrPath *apath, const IdSet *held0) {
    IdSet *extra = with_swapped(p, func, held0);
    const IdSet *held = extra ? extra : held0;
    HeldLocksPrep *prep = xcalloc(1, sizeof *prep);
    prep->tp = tp;
    prep->n = held->n;
    prep->locks = xcalloc(held->n ? held->n : 1, sizeof(PreparedLock));
    bool many = thread != UINT32_MAX && model_thread_many(p, thread);
    for (uint32_t k = 0; k < held->n; k++) {
        PreparedLock *pl = &prep->locks[k];
        pl->lock = held->v[k];
        const LockRef *lr = &p->lock.refs.data[pl->lock];
        if (many && lr->func >= 0) {
            InstParams none = {0, 0};
            pl->inst_private = inst_private_step(p, thread, (uint32_t)lr->func, lr->func == (int32_t)func ? ip : none,
                                                 &lr->path) >= 0;
        }
        prepare_pairing(p, func, apath, pl);
        pl->usable = lock_index(p, func, apath, pl->lock, &pl->index_kind, &pl->index);
    }
    if (extra) {
        idset_free(extra);
        free(extra);
    }
    return prep;
}

HeldLock *heldlocks_at_access(Program *p, HeldLocksPrep *prep, uint32_t node, uint32_t *n) {
    VEC(HeldLock) out = {0};
    for (uint32_t k = 0; k < prep->n; k++) {
        PreparedLock *pl = &prep->locks[k];
        uint32_t ln;
        bool paired;
        if (!held_lock_node(p, prep->tp, pl, node, &ln, &paired)) continue;
        const Obj *lo = &p->pt.objs.data[p->pt.nodes.data[ln].obj];
        if (!lo->shared && lo->kind != OBJ_GLOBAL) continue; /* a private lock protects nothing */
        if (!pl->usable) continue;
        if (atomic_nested_level(p, pl->lock)) continue; /* level 1 protects */
        const LockRef *lr = &p->lock.refs.data[pl->lock];
        uint8_t ik = paired && pl->index_kind == LOCK_INDEX_NONE ? LOCK_INDEX_OBJECT : pl->index_kind;
        HeldLock hl = {ln, lr->mode, ik, 0, lr->flag || lr->token, pl->index, 0, paired ? 0 : pl->pin, lr->spelling};
        if (lr->mode == LMODE_TURN) {
            /* a turn whose predicate is still a parameter's protects nothing here */
            if (lr->turn_param >= 0) continue;
            hl.index_kind = LOCK_INDEX_NONE;
            hl.turn_cmp = lr->turn_cmp;
            hl.index = lr->turn_value;
        }
        vec_push(&out, hl);
    }
    if (out.len > 1) qsort(out.data, out.len, sizeof(HeldLock), cmp_held);
    *n = (uint32_t)out.len;
    /* the locations of one access mostly get the same locks: share them */
    bool same = out.len == prep->nlast;
    for (size_t i = 0; i < out.len && same; i++) same = !cmp_held(&out.data[i], &prep->last[i]);
    if (!same) {
        prep->last = out.len ? arena_memdup(p->arena, out.data, out.len * sizeof(HeldLock)) : NULL;
        prep->nlast = (uint32_t)out.len;
    }
    vec_free(&out);
    return prep->last;
}

void heldlocks_free(HeldLocksPrep *prep) {
    if (!prep) return;
    for (uint32_t k = 0; k < prep->n; k++) {
        PreparedLock *pl = &prep->locks[k];
        for (uint32_t i = 0; i < pl->nbases; i++) idset_free(&pl->reach[i]);
        free(pl->reach);
        free(pl->lock_from);
    }
    free(prep->locks);
    free(prep);
}

/* ---- pinned locks: validated after the per-thread pass ------------------------------- */

static bool is_bad_pin(const Program *p, const HeldLock *l) {
    return l->pin && idset_has(&p->tm.pins_bad, l->pin - 1);
}

/* May x and y run at once, as two threads (or two instances of one)? */
static bool pin_parallel(const Program *p, const Access *x, const Access *y) {
    if (x->site->thread == y->site->thread && !model_thread_many(p, x->site->thread)) return false;
    return model_may_parallel(p, x, y);
}

void pins_validate(Program *p, const ModelOptions *opt) {
    (void)opt;
    const HeldLock *last = NULL;
    for (size_t i = 0; i < p->tm.accesses.len; i++) {
        const Access *a = &p->tm.accesses.data[i];
        if (a->locks == last) continue;
        last = a->locks;
        for (uint32_t k = 0; k < a->nlocks; k++)
            if (a->locks[k].pin) idset_add(&p->tm.pins_used, a->locks[k].pin - 1);
    }
    if (!p->tm.pins_used.n) return;
    /* per pin: the stores into G, the other accesses of G (the reads that
     * choose the lock), the accesses holding a lock pinned to G */
    uint32_t np = p->tm.pins_used.n;
    VEC(const Access *) *stores = xcalloc(np, sizeof *stores), *uses = xcalloc(np, sizeof *uses);
    for (size_t i = 0; i < p->tm.accesses.len; i++) {
        const Access *a = &p->tm.accesses.data[i];
        uint32_t g = idset_index(&p->tm.pins_used, a->node);
        if (g != UINT32_MAX) vec_push(a->site->write ? &stores[g] : &uses[g], a);
        for (uint32_t k = 0; k < a->nlocks; k++) {
            uint32_t h = a->locks[k].pin ? idset_index(&p->tm.pins_used, a->locks[k].pin - 1) : UINT32_MAX;
            if (h != UINT32_MAX && (!uses[h].len || uses[h].data[uses[h].len - 1] != a)) vec_push(&uses[h], a);
        }
    }
    for (uint32_t g = 0; g < np; g++) {
        bool bad = false;
        for (size_t w = 0; w < stores[g].len && !bad; w++) {
            for (size_t u = 0; u < uses[g].len && !bad; u++) bad = pin_parallel(p, stores[g].data[w], uses[g].data[u]);
            for (size_t v = w + 1; v < stores[g].len && !bad; v++) bad = pin_parallel(p, stores[g].data[w], stores[g].data[v]);
        }
        if (bad) idset_add(&p->tm.pins_bad, p->tm.pins_used.v[g]);
        vec_free(&stores[g]);
        vec_free(&uses[g]);
    }
    free(stores);
    free(uses);
    if (p->tm.pins_bad.n) model_drop_locks(p, is_bad_pin);
}
