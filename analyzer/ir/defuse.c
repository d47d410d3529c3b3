/*
 * defuse.c - the per-function def-use table (defuse.h). One pass over the
 * events fills the dense event numbering, the pointer -> event hash table
 * and the definitions of every bare local and temp; the loop tree gets
 * preorder intervals so containment is two comparisons; the (local, loop)
 * pairs of writes inside loops go into a hash set. Everything lives in the
 * caller's arena: open addressing with power-of-two tables sized once,
 * never rehashed.
 */
#include "defuse.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct IrDefUse {
    const IrFunc *fn;
    uint32_t nevents;
    uint32_t *first;  /* per block: dense number of its first event */
    IrEventId *ids;   /* per dense number */
    /* event pointer -> dense number + 1 (0: empty slot) */
    const IrEvent **ekeys;
    uint32_t *evals;
    size_t emask;
    IrVarDefs *locals; /* fn->nlocals */
    IrVarDefs *temps;  /* fn->ntemps */
    /* loop tree: loop l covers preorder numbers [pre[l], pre[l] + size[l]) */
    uint32_t *pre, *size;
    /* (local << 32 | loop) + 1 of writes inside loops (0: empty slot) */
    uint64_t *wkeys;
    size_t wmask;
    uint32_t *rpo;     /* every block: reverse post-order from block 0, then the unreachable ones */
};

static size_t table_size(size_t n) {
    size_t c = 8;
    while (c < 2 * n) c *= 2;
    return c;
}

static size_t hash_ptr(const void *p) {
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

static size_t hash_u64(uint64_t x) {
    x ^= x >> 31;
    x *= 0x9e3779b97f4a7c15ULL;
    x ^= x >> 29;
    return (size_t)x;
}

/* ---- building ----------------------------------------------------------------- */

static bool bare_var(const IrPath *p) {
    return !p->nsteps && (p->root == IR_ROOT_LOCAL || p->root == IR_ROOT_TEMP);
}

static IrVarDefs *var_of(IrDefUse *du, const IrPath *p) {
    if (!bare_var(p)) return NULL;
    if (p->root == IR_ROOT_LOCAL) return p->id < du->fn->nlocals ? &du->locals[p->id] : NULL;
    return p->id < du->fn->ntemps ? &du->temps[p->id] : NULL;
}

static void add_def(IrVarDefs *v, IrEventId id) {
    v->ndefs++;
    v->def = id;
}

static void index_events(IrDefUse *du, Arena *a) {
    const IrFunc *fn = du->fn;
    du->first = ARENA_ARRAY(a, uint32_t, fn->nblocks + 1);
    uint32_t n = 0;
    for (uint32_t b = 0; b < fn->nblocks; b++) {
        du->first[b] = n;
        n += fn->blocks[b].nevents;
    }
    du->first[fn->nblocks] = n;
    du->nevents = n;
    du->ids = ARENA_ARRAY(a, IrEventId, n ? n : 1);
    size_t cap = table_size(n);
    du->emask = cap - 1;
    du->ekeys = ARENA_ARRAY(a, const IrEvent *, cap);
    du->evals = ARENA_ARRAY(a, uint32_t, cap);
    for (uint32_t b = 0; b < fn->nblocks; b++)
        for (uint32_t e = 0; e < fn->blocks[b].nevents; e++) {
            uint32_t i = du->first[b] + e;
            du->ids[i] = (IrEventId){b, e};
            const IrEvent *ev = &fn->blocks[b].events[e];
            size_t h = hash_ptr(ev) & du->emask;
            while (du->ekeys[h]) h = (h + 1) & du->emask;
            du->ekeys[h] = ev;
            du->evals[h] = i + 1;
        }
}

static void count_defs(IrDefUse *du, Arena *a) {
    const IrFunc *fn = du->fn;
    du->locals = ARENA_ARRAY(a, IrVarDefs, fn->nlocals ? fn->nlocals : 1);
    du->temps = ARENA_ARRAY(a, IrVarDefs, fn->ntemps ? fn->ntemps : 1);
    for (uint32_t b = 0; b < fn->nblocks; b++) {
        const IrBlock *bb = &fn->blocks[b];
        for (uint32_t e = 0; e < bb->nevents; e++) {
            const IrEvent *ev = &bb->events[e];
            IrEventId id = {b, e};
            if (ev->kind == IR_EV_CALL) {
                if (ev->call && ev->call->result >= 0 && (uint32_t)ev->call->result < fn->ntemps) {
                    IrVarDefs *v = &du->temps[ev->call->result];
                    v->ncalls++;
                    add_def(v, id);
                }
                continue;
            }
            IrVarDefs *v = ev->kind == IR_EV_READ ? NULL : var_of(du, &ev->path);
            if (!v) continue;
            if (ev->kind == IR_EV_WRITE) {
                v->nwrites++;
                add_def(v, id);
                continue;
            }
            /* ASSIGN: says what the WRITE just before it stored, or stores
             * on its own */
            v->nassigns++;
            v->assign = id;
            const IrEvent *prev = e ? &bb->events[e - 1] : NULL;
            if (prev && prev->kind == IR_EV_WRITE && ir_path_equal(&prev->path, &ev->path))
                v->def = id; /* the latest definition was that WRITE */
            else
                add_def(v, id);
        }
    }
    for (uint32_t i = 0; i < fn->nlocals; i++) {
        IrVarDefs *v = &du->locals[i];
        if (i < fn->nparams) v->ndefs++; /* the entry value; no event */
        v->has_def = v->ndefs == 1 && i >= fn->nparams;
        v->has_assign = v->nassigns == 1;
    }
    for (uint32_t i = 0; i < fn->ntemps; i++) {
        IrVarDefs *v = &du->temps[i];
        v->has_def = v->ndefs == 1;
        v->has_assign = v->nassigns == 1;
    }
}

/* Preorder intervals of the loop tree. Parents precede their children
 * (ir_check_func), so one ascending pass places every loop after its
 * parent; a parent that does not precede is taken as no parent. */
static int32_t parent_of(const IrFunc *fn, uint32_t l) {
    int32_t p = fn->loops[l].parent;
    return p >= 0 && (uint32_t)p < l ? p : -1;
}

static void number_loops(IrDefUse *du, Arena *a) {
    const IrFunc *fn = du->fn;
    uint32_t n = fn->nloops;
    du->pre = ARENA_ARRAY(a, uint32_t, n ? n : 1);
    du->size = ARENA_ARRAY(a, uint32_t, n ? n : 1);
    uint32_t *next = ARENA_ARRAY(a, uint32_t, n ? n : 1);
    for (uint32_t l = 0; l < n; l++) du->size[l] = 1;
    for (uint32_t l = n; l-- > 0;) {
        int32_t p = parent_of(fn, l);
        if (p >= 0) du->size[p] += du->size[l];
    }
    uint32_t top = 0;
    for (uint32_t l = 0; l < n; l++) {
        int32_t p = parent_of(fn, l);
        uint32_t *slot = p >= 0 ? &next[p] : &top;
        du->pre[l] = *slot;
        *slot += du->size[l];
        next[l] = du->pre[l] + 1;
    }
}

static bool wset_has(const IrDefUse *du, uint64_t key) {
    if (!du->wkeys) return false;
    for (size_t h = hash_u64(key) & du->wmask; du->wkeys[h]; h = (h + 1) & du->wmask)
        if (du->wkeys[h] == key + 1) return true;
    return false;
}

static bool wset_add(IrDefUse *du, uint64_t key) {
    size_t h = hash_u64(key) & du->wmask;
    for (; du->wkeys[h]; h = (h + 1) & du->wmask)
        if (du->wkeys[h] == key + 1) return false;
    du->wkeys[h] = key + 1;
    return true;
}

static bool local_write_in_loop(const IrFunc *fn, const IrEvent *ev, int32_t loop) {
    return loop >= 0 && ev->kind == IR_EV_WRITE && ev->path.root == IR_ROOT_LOCAL && !ev->path.nsteps &&
           ev->path.id < fn->nlocals;
}

static void writes_in_loops(IrDefUse *du, Arena *a) {
    const IrFunc *fn = du->fn;
    if (!fn->nloops) return;
    /* capacity: every write inserts at most its block's loop depth pairs */
    uint32_t *depth = ARENA_ARRAY(a, uint32_t, fn->nloops);
    for (uint32_t l = 0; l < fn->nloops; l++) {
        int32_t p = parent_of(fn, l);
        depth[l] = 1 + (p >= 0 ? depth[p] : 0);
    }
    size_t bound = 0;
    for (uint32_t b = 0; b < fn->nblocks; b++) {
        int32_t l = fn->blocks[b].loop;
        if (l < 0 || (uint32_t)l >= fn->nloops) continue;
        for (uint32_t e = 0; e < fn->blocks[b].nevents; e++)
            if (local_write_in_loop(fn, &fn->blocks[b].events[e], l)) bound += depth[l];
    }
    if (!bound) return;
    size_t cap = table_size(bound);
    du->wmask = cap - 1;
    du->wkeys = ARENA_ARRAY(a, uint64_t, cap);
    for (uint32_t b = 0; b < fn->nblocks; b++) {
        int32_t l = fn->blocks[b].loop;
        if (l < 0 || (uint32_t)l >= fn->nloops) continue;
        for (uint32_t e = 0; e < fn->blocks[b].nevents; e++) {
            const IrEvent *ev = &fn->blocks[b].events[e];
            if (!local_write_in_loop(fn, ev, l)) continue;
            /* a pair present means its ancestors are present too */
            for (int32_t x = l; x >= 0; x = parent_of(fn, (uint32_t)x))
                if (!wset_add(du, (uint64_t)ev->path.id << 32 | (uint32_t)x)) break;
        }
    }
}

/* Does the edge from block b to block s leave b's innermost loop? */
static bool leaves_loop(const IrDefUse *du, uint32_t b, uint32_t s) {
    int32_t l = du->fn->blocks[b].loop;
    return l >= 0 && !ir_defuse_block_in_loop(du, s, l);
}

/* Reverse post-order of the blocks reachable from block 0 (an iterative
 * depth-first search over successors), then the blocks it does not reach,
 * in index order: a forward dataflow visiting blocks in this order sees
 * every predecessor of a block before it, except along back edges. The
 * search follows the edges that leave a loop first, so a loop's exit and
 * what follows come after the loop's body (a join loop's effect, known once
 * its body is visited, reaches its exit in the same round). */
static void order_blocks(IrDefUse *du, Arena *a) {
    const IrFunc *f = du->fn;
    uint32_t nb = f->nblocks;
    du->rpo = ARENA_ARRAY(a, uint32_t, nb ? nb : 1);
    if (!nb) return;
    uint8_t *state = xcalloc(nb, 1); /* 0 new, 1 on the stack, 2 done */
    uint32_t *stack = xmalloc(nb * sizeof(uint32_t)), *next = xcalloc(nb, sizeof(uint32_t));
    uint32_t *post = xmalloc(nb * sizeof(uint32_t));
    uint32_t sp = 0, np = 0;
    stack[sp++] = 0;
    state[0] = 1;
    while (sp) {
        uint32_t b = stack[sp - 1];
        const IrBlock *bb = &f->blocks[b];
        /* next[b] in [0, nsucc): the edges leaving the loop; then the others */
        if (next[b] < 2 * bb->nsucc) {
            uint32_t k = next[b]++;
            uint32_t s = bb->succ[k % bb->nsucc];
            bool leaving = s < nb && leaves_loop(du, b, s);
            if (s < nb && !state[s] && leaving == (k < bb->nsucc)) {
                state[s] = 1;
                stack[sp++] = s;
            }
            continue;
        }
        state[b] = 2;
        post[np++] = b;
        sp--;
    }
    uint32_t k = 0;
    for (uint32_t i = np; i-- > 0;) du->rpo[k++] = post[i];
    for (uint32_t b = 0; b < nb; b++)
        if (!state[b]) du->rpo[k++] = b;
    free(state);
    free(stack);
    free(next);
    free(post);
}

IrDefUse *ir_defuse_build(Arena *a, const IrFunc *fn) {
    IrDefUse *du = ARENA_NEW(a, IrDefUse);
    du->fn = fn;
    index_events(du, a);
    count_defs(du, a);
    number_loops(du, a);
    writes_in_loops(du, a);
    order_blocks(du, a);
    return du;
}

const uint32_t *ir_defuse_block_order(const IrDefUse *du) {
    return du->rpo;
}

const IrFunc *ir_defuse_func(const IrDefUse *du) {
    return du->fn;
}

/* ---- queries ------------------------------------------------------------------ */

uint32_t ir_defuse_nevents(const IrDefUse *du) {
    return du->nevents;
}

bool ir_defuse_event_id(const IrDefUse *du, const IrEvent *ev, IrEventId *id) {
    for (size_t h = hash_ptr(ev) & du->emask; du->ekeys[h]; h = (h + 1) & du->emask)
        if (du->ekeys[h] == ev) {
            *id = du->ids[du->evals[h] - 1];
            return true;
        }
    return false;
}

bool ir_defuse_event_index(const IrDefUse *du, IrEventId id, uint32_t *i) {
    if (id.block >= du->fn->nblocks || id.index >= du->fn->blocks[id.block].nevents) return false;
    *i = du->first[id.block] + id.index;
    return true;
}

bool ir_defuse_event_at(const IrDefUse *du, uint32_t i, IrEventId *id) {
    if (i >= du->nevents) return false;
    *id = du->ids[i];
    return true;
}

const IrVarDefs *ir_defuse_local(const IrDefUse *du, uint32_t local) {
    return local < du->fn->nlocals ? &du->locals[local] : NULL;
}

const IrVarDefs *ir_defuse_temp(const IrDefUse *du, uint32_t temp) {
    return temp < du->fn->ntemps ? &du->temps[temp] : NULL;
}

const IrVarDefs *ir_defuse_var(const IrDefUse *du, const IrPath *path) {
    if (!bare_var(path)) return NULL;
    return path->root == IR_ROOT_LOCAL ? ir_defuse_local(du, path->id) : ir_defuse_temp(du, path->id);
}

const IrEvent *ir_defuse_sole_assign(const IrDefUse *du, const IrVarDefs *d) {
    if (!d || !d->has_def || !d->has_assign || d->def.block != d->assign.block || d->def.index != d->assign.index)
        return NULL;
    const IrEvent *ev = ir_event_at(du->fn, d->assign);
    return ev && ev->kind == IR_EV_ASSIGN ? ev : NULL;
}

bool ir_defuse_written_in_loop(const IrDefUse *du, uint32_t local, int32_t loop) {
    if (loop < 0 || (uint32_t)loop >= du->fn->nloops) return false;
    return wset_has(du, (uint64_t)local << 32 | (uint32_t)loop);
}

int32_t ir_defuse_block_loop(const IrDefUse *du, uint32_t b) {
    return b < du->fn->nblocks ? du->fn->blocks[b].loop : -1;
}

bool ir_defuse_loop_within(const IrDefUse *du, int32_t inner, int32_t outer) {
    uint32_t n = du->fn->nloops;
    if (inner < 0 || outer < 0 || (uint32_t)inner >= n || (uint32_t)outer >= n) return false;
    return du->pre[outer] <= du->pre[inner] && du->pre[inner] < du->pre[outer] + du->size[outer];
}

bool ir_defuse_block_in_loop(const IrDefUse *du, uint32_t b, int32_t loop) {
    return ir_defuse_loop_within(du, ir_defuse_block_loop(du, b), loop);
}

/* ---- the shared cache ---------------------------------------------------------- */

struct IrDefUseCache {
    pthread_mutex_t mu;
    Arena *arena;
    U64Map tables; /* IrFunc address -> IrDefUse address */
};

IrDefUseCache *ir_defuse_cache_new(void) {
    IrDefUseCache *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    c->arena = arena_new();
    u64map_init(&c->tables);
    return c;
}

void ir_defuse_cache_free(IrDefUseCache *c) {
    if (!c) return;
    pthread_mutex_destroy(&c->mu);
    u64map_free(&c->tables);
    arena_free(c->arena);
    free(c);
}

const IrDefUse *ir_defuse_cached(IrDefUseCache *c, const IrFunc *fn) {
    pthread_mutex_lock(&c->mu);
    uint64_t v;
    const IrDefUse *du;
    if (u64map_get(&c->tables, (uint64_t)(uintptr_t)fn, &v)) {
        du = (const IrDefUse *)(uintptr_t)v;
    } else {
        du = ir_defuse_build(c->arena, fn);
        u64map_put(&c->tables, (uint64_t)(uintptr_t)fn, (uint64_t)(uintptr_t)du);
    }
    pthread_mutex_unlock(&c->mu);
    return du;
}
