/*
 * facts.c - the facts API of facts.h over the model's data, and the last
 * stage (facts) that indexes the accesses by location for the checks and
 * resolves the lock objects of the lock acquisitions.
 */
#include "model.h"

#include "../ir/cfg.h"

#include <stdlib.h>
#include <string.h>

static SrcLoc srcloc(IrLoc l) {
    return (SrcLoc){l.file, l.line, l.col};
}

/* The spelling of field node d below node `whole` reached by an access
 * spelled `sp`: `cfg` and port give `cfg.port`, `*msg` and len `msg->len`. */
static const char *field_spelling(Program *p, const char *sp, uint32_t whole, uint32_t d) {
    const char *parts[16];
    int k = 0;
    for (uint32_t x = d; x != whole && x != UINT32_MAX && k < 16; x = p->pt.nodes.data[x].parent)
        if (p->pt.nodes.data[x].field[0]) parts[k++] = p->pt.nodes.data[x].field; /* "": anonymous member */
    if (!k) return sp;
    char buf[512];
    size_t len;
    bool simple_deref = sp && sp[0] == '*' && sp[1] && !strpbrk(sp + 1, "*()[]+- ");
    if (simple_deref) len = (size_t)snprintf(buf, sizeof buf, "%s->%s", sp + 1, parts[--k]);
    else len = (size_t)snprintf(buf, sizeof buf, "%s.%s", sp ? sp : "?", parts[--k]);
    while (k-- > 0 && len < sizeof buf) len += (size_t)snprintf(buf + len, sizeof buf - len, ".%s", parts[k]);
    return intern(&p->strings, buf);
}

/* An access to a whole object (a struct assigned or copied, memset, free)
 * is also an access to every field below its location: one copy of it per
 * field node, so a check pairs it with the accesses of each field and
 * reports the field that conflicts (`s = defaults` against `s.port = 80`).
 * Run once every access is recorded: field nodes are created on demand,
 * up to the last access resolved. */
static void expand_whole_accesses(Program *p) {
    size_t n = p->tm.accesses.len;
    VEC(uint32_t) stack = {0};
    for (size_t i = 0; i < n; i++) {
        if (!p->tm.accesses.data[i].whole) continue;
        uint32_t node = p->tm.accesses.data[i].node;
        if (p->pt.objs.data[p->pt.nodes.data[node].obj].collapsed) continue;
        stack.len = 0;
        for (uint32_t c = p->pt.nodes.data[node].first_child; c != UINT32_MAX; c = p->pt.nodes.data[c].next_sibling)
            vec_push(&stack, c);
        while (stack.len) {
            uint32_t d = stack.data[--stack.len];
            Access a = p->tm.accesses.data[i];
            AccessSite *site = ARENA_NEW(p->arena, AccessSite); /* the field's spelling is its own */
            *site = *a.site;
            site->whole_spelling = a.site->spelling;
            site->spelling = field_spelling(p, a.site->spelling, node, d);
            a.site = site;
            a.node = d;
            a.whole = false;
            vec_push(&p->tm.accesses, a);
            for (uint32_t c = p->pt.nodes.data[d].first_child; c != UINT32_MAX; c = p->pt.nodes.data[c].next_sibling)
                vec_push(&stack, c);
        }
    }
    vec_free(&stack);
}

void facts_index_build(Program *p) {
    FactsIndex *fx = &p->facts;
    expand_whole_accesses(p);
    vec_shrink(&p->tm.accesses); /* final: the index points into it */
    size_t n = p->tm.accesses.len, nn = p->pt.nodes.len;
    /* a counting sort by location: stable, so each location's accesses stay
     * in recording order, and linear (a comparison sort of a million
     * accesses was most of this stage) */
    size_t *first = xcalloc(nn + 1, sizeof(size_t));
    for (size_t i = 0; i < n; i++) first[p->tm.accesses.data[i].node + 1]++;
    for (size_t x = 0; x < nn; x++) {
        if (first[x + 1]) vec_push(&fx->starts, first[x]);
        first[x + 1] += first[x];
    }
    vec_push(&fx->starts, n);
    fx->by_location = xmalloc((n ? n : 1) * sizeof(*fx->by_location));
    for (size_t i = 0; i < n; i++) fx->by_location[first[p->tm.accesses.data[i].node]++] = &p->tm.accesses.data[i];
    free(first);
    /* the lock objects of every lock acquired or held at an acquisition */
    for (size_t i = 0; i < p->tm.acquisitions.len; i++) {
        const LockAcq *a = &p->tm.acquisitions.data[i];
        lock_nodes(p, a->lock);
        const IdSet *held = &p->sets.data[a->held];
        for (uint32_t k = 0; k < held->n; k++) lock_nodes(p, held->v[k]);
    }
}

void facts_index_free(FactsIndex *fx) {
    free(fx->by_location);
    vec_free(&fx->starts);
}

size_t facts_workers(const Program *p) {
    return p->workers ? p->workers : 1;
}

size_t facts_nlocations(const Program *p) {
    return p->facts.starts.len ? p->facts.starts.len - 1 : 0;
}

FactsLocation facts_location(const Program *p, size_t i) {
    size_t from = p->facts.starts.data[i], to = p->facts.starts.data[i + 1];
    const Access *const *acc = (const Access *const *)p->facts.by_location + from;
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[acc[0]->node].obj];
    const char *hidden = o->kind == OBJ_GLOBAL && (p->link.globals.data[o->a].flags & IR_GLOBAL_HIDDEN_STATE)
                             ? p->link.globals.data[o->a].name
                             : NULL;
    return (FactsLocation){acc[0]->node, acc, to - from, hidden};
}

const char *facts_access_unsafe_call(const Program *p, const Access *a, const char **alternative) {
    if (alternative) *alternative = NULL;
    if (a->site->ev->kind != IR_EV_CALL) return NULL;
    const CallInfo *ci = program_call(p, a->site->ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_THREAD_UNSAFE) return NULL;
    if (alternative) *alternative = ci->api->alternative;
    return ci->api->name;
}

const char *facts_location_name(const Program *p, uint32_t loc, char *buf, size_t n) {
    return pt_node_name(p, loc, buf, n);
}

SrcLoc facts_location_decl(const Program *p, uint32_t loc) {
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[loc].obj];
    if ((o->kind == OBJ_GLOBAL || o->kind == OBJ_LOCAL) && o->loc.file) return srcloc(o->loc);
    return (SrcLoc){NULL, 0, 0};
}

uint32_t facts_access_location(const Access *a) { return a->node; }
uint32_t facts_access_thread(const Access *a) { return a->site->thread; }
bool facts_access_writes(const Access *a) { return a->site->write; }
bool facts_access_atomic(const Access *a) { return a->atomic; }
SrcLoc facts_access_loc(const Access *a) { return srcloc(a->site->ev->loc); }
const char *facts_access_spelling(const Access *a) { return a->site->spelling; }
const char *facts_access_whole_spelling(const Access *a) { return a->site->whole_spelling; }

bool facts_access_disjoint(const Program *p, const Access *a, const Access *b) {
    const AccessSite *x = a->site, *y = b->site;
    if (a->node != b->node || !x->member_type || x->member_type != y->member_type) return false;
    if (!p->pt.objs.data[p->pt.nodes.data[a->node].obj].collapsed) return false; /* its fields are locations */
    return (uint64_t)x->member_off + x->member_size <= y->member_off ||
           (uint64_t)y->member_off + y->member_size <= x->member_off;
}

const char *facts_access_function(const Program *p, const Access *a, SrcLoc *decl) {
    const IrFunc *f = p->link.funcs.data[a->site->func].ir;
    if (decl) *decl = srcloc(f->loc);
    return f->name;
}

uint32_t facts_access_nlocks(const Access *a) { return a->nlocks; }

uint32_t facts_access_ninherited(const Access *a) { return a->ninherited; }

FactsLock facts_access_lock(const Access *a, uint32_t i) {
    uint8_t m = a->locks[i].mode;
    return (FactsLock){a->locks[i].node, a->locks[i].spelling, FACTS_NO_LOCK,
                       m == LMODE_TURN || m == LMODE_ONCE_DONE || m == LMODE_ONCE_INIT || a->locks[i].flag, false};
}

bool facts_access_in_own_turn(const Access *a) {
    for (uint32_t i = 0; i < a->nlocks; i++)
        if (a->locks[i].mode == LMODE_TURN && a->locks[i].node == a->node) return true;
    return false;
}

/* Every fact the pairwise questions read (the ordering rules of mhp.c and
 * the common lock) is equal. */
bool facts_alike(const Access *a, const Access *b) {
    if (a->node != b->node || a->site->thread != b->site->thread || a->site->write != b->site->write || a->atomic != b->atomic ||
        a->site->live != b->site->live || a->site->ever != b->site->ever || a->before_spawn != b->before_spawn || a->nlocks != b->nlocks ||
        a->site->inst_private != b->site->inst_private || a->site->inst_known != b->site->inst_known ||
        (a->site->inst_private && a->site->inst_step != b->site->inst_step) ||
        a->site->inst_counter != b->site->inst_counter || a->site->once_post != b->site->once_post ||
        (a->site->inst_known && a->site->inst_value != b->site->inst_value) || a->site->has_slice != b->site->has_slice ||
        (a->site->has_slice && (a->site->slice_step != b->site->slice_step || a->site->slice_scale != b->site->slice_scale ||
                                a->site->slice_strided != b->site->slice_strided ||
                                a->site->slice_lo != b->site->slice_lo || a->site->slice_hi != b->site->slice_hi ||
                                a->site->slice_div != b->site->slice_div)) || a->unpublished != b->unpublished || a->own_alloc != b->own_alloc || a->site->elem_spawn != b->site->elem_spawn ||
        a->site->waited != b->site->waited || a->site->cwaited != b->site->cwaited || a->site->posted != b->site->posted || a->site->phases != b->site->phases ||
        a->release != b->release || a->site->holds != b->site->holds || a->ninherited != b->ninherited ||
        a->site->claim != b->site->claim || a->site->claim_step != b->site->claim_step ||
        a->site->popped != b->site->popped || a->site->joined != b->site->joined ||
        a->site->started != b->site->started || a->site->handed_back != b->site->handed_back ||
        a->site->foreign != b->site->foreign || (a->site->foreign && (a->site->foreign_value != b->site->foreign_value ||
                                                                        a->site->foreign_step != b->site->foreign_step)) ||
        a->site->elem_joined != b->site->elem_joined || a->site->elem_waited != b->site->elem_waited ||
        (a->site->elem_waited && a->site->elem_waited_step != b->site->elem_waited_step) ||
        (a->site->elem_joined && (a->site->elem_joined_step != b->site->elem_joined_step ||
                                  a->site->elem_joined_counter != b->site->elem_joined_counter)) ||
        a->site->ring.wait != b->site->ring.wait || a->site->ring.post != b->site->ring.post ||
        a->site->member_type != b->site->member_type ||
        (a->site->member_type && (a->site->member_off != b->site->member_off || a->site->member_size != b->site->member_size)) ||
        (a->site->ring.wait && (a->site->ring.mod != b->site->ring.mod || a->site->ring.step != b->site->ring.step)))
        return false;
    for (uint32_t i = 0; i < a->nlocks + a->ninherited; i++)
        if (a->locks[i].node != b->locks[i].node || a->locks[i].mode != b->locks[i].mode ||
            a->locks[i].index_kind != b->locks[i].index_kind || a->locks[i].index != b->locks[i].index ||
            a->locks[i].turn_cmp != b->locks[i].turn_cmp || a->locks[i].holder != b->locks[i].holder)
            return false;
    return true;
}

uint64_t facts_alike_key(const Access *a) {
    uint64_t h = hash_mix(a->node, a->site->thread);
    h = hash_mix(h, (uint64_t)a->site->write | (uint64_t)a->atomic << 1 | (uint64_t)a->before_spawn << 2 |
                        (uint64_t)a->site->inst_private << 3 | (uint64_t)a->unpublished << 4 |
                        (uint64_t)a->release << 5 | (uint64_t)a->site->inst_known << 6 | (uint64_t)a->own_alloc << 7);
    if (a->site->inst_known) h = hash_mix(h, (uint64_t)a->site->inst_value);
    if (a->site->has_slice)
        h = hash_mix(h, (uint64_t)a->site->slice_lo ^ (uint64_t)a->site->slice_hi << 21 ^ (uint64_t)a->site->slice_scale << 42 ^
                            a->site->slice_step);
    h = hash_mix(h, (uint64_t)(uintptr_t)a->site->elem_spawn);
    h = hash_mix(h, (uint64_t)a->site->claim << 8 | a->site->claim_step);
    h = hash_mix(h, (uint64_t)a->site->popped << 32 | a->site->joined);
    h = hash_mix(h, a->site->started);
    h = hash_mix(h, (uint64_t)a->site->handed_back << 32 | a->site->elem_joined);
    h = hash_mix(h, (uint64_t)a->site->elem_waited << 8 | a->site->elem_waited_step);
    h = hash_mix(h, (uint64_t)a->site->foreign << 32 | a->site->ring.wait);
    h = hash_mix(h, (uint64_t)(uintptr_t)a->site->member_type ^ ((uint64_t)a->site->member_off << 32 | a->site->member_size));
    h = hash_mix(h, (uint64_t)a->site->live << 32 | a->site->ever);
    h = hash_mix(h, (uint64_t)a->site->waited << 32 | a->site->cwaited);
    h = hash_mix(h, (uint64_t)a->site->posted << 32 | a->site->phases);
    h = hash_mix(h, (uint64_t)a->site->holds << 32 | a->ninherited);
    h = hash_mix(h, a->nlocks);
    for (uint32_t i = 0; i < a->nlocks + a->ninherited; i++) {
        const HeldLock *l = &a->locks[i];
        h = hash_mix(h, (uint64_t)l->node << 32 | (uint64_t)l->mode << 8 | l->turn_cmp);
        h = hash_mix(hash_mix(h, l->index_kind), (uint64_t)l->index);
    }
    return h == UINT64_MAX ? h - 1 : h;
}

size_t facts_nthreads(const Program *p) { return p->tm.threads.len; }

FactsThread facts_thread(const Program *p, uint32_t t) {
    const Thread *th = &p->tm.threads.data[t];
    FactsThread ft = {th->routine, th->parent < 0, {NULL, 0, 0}, model_thread_many(p, t), th->joined, th->parent,
                      FACTS_NO_LOCK, th->outlives_spawner};
    if (th->parent >= 0) {
        ft.spawn = srcloc(th->spawn_loc);
        ft.spawn_func = th->spawn_func;
    }
    return ft;
}

const char *facts_ordering_rule(const Program *p, const Access *a, const Access *b, const char **why) {
    return model_mhp_order(p, a, b, why);
}

bool facts_may_happen_in_parallel(const Program *p, const Access *a, const Access *b) {
    return model_may_parallel(p, a, b);
}

bool facts_common_lock(const Program *p, const Access *a, const Access *b, const char **which) {
    (void)p;
    return model_common_lock(a, b, which);
}

/* ---- lock acquisitions --------------------------------------------------------- */

static FactsLock facts_lock(const Program *p, uint32_t lock) {
    const LockRef *l = &p->lock.refs.data[lock];
    return (FactsLock){l->resolved && l->nodes.n == 1 ? l->nodes.v[0] : FACTS_NO_LOCK, l->spelling, lock,
                       l->mode == LMODE_TURN, false};
}

size_t facts_nacquisitions(const Program *p) { return p->tm.acquisitions.len; }

FactsAcquisition facts_acquisition(const Program *p, size_t i) {
    const LockAcq *a = &p->tm.acquisitions.data[i];
    FactsAcquisition fa;
    fa.thread = a->thread;
    fa.loc = srcloc(a->ev->loc);
    fa.function = p->link.funcs.data[a->func].ir->name;
    fa.lock = facts_lock(p, a->lock);
    if (a->node != UINT32_MAX) fa.lock.id = a->node, fa.lock.narrowed = true; /* the one object in this thread */
    fa.shared = p->lock.refs.data[a->lock].mode == LMODE_SHARED;
    fa.nheld = p->sets.data[a->held].n;
    return fa;
}

bool facts_acquisition_held_private(const Program *p, size_t i, uint32_t k) {
    return k < 64 && (p->tm.acquisitions.data[i].held_private >> k & 1);
}

FactsLock facts_acquisition_held(const Program *p, size_t i, uint32_t k) {
    const LockAcq *a = &p->tm.acquisitions.data[i];
    FactsLock l = facts_lock(p, p->sets.data[a->held].v[k]);
    if (a->held_nodes && a->held_nodes[k] != UINT32_MAX) l.id = a->held_nodes[k], l.narrowed = true;
    return l;
}

size_t facts_acquisition_chain(const Program *p, size_t i, const char **names, size_t max) {
    const LockAcq *a = &p->tm.acquisitions.data[i];
    const Thread *t = &p->tm.threads.data[a->thread];
    /* breadth-first from the function back through its callers in this
     * thread until a start routine; prev[f] is the callee f was reached from */
    size_t nf = p->link.funcs.len;
    uint32_t *prev = xmalloc(nf * sizeof(uint32_t));
    for (size_t f = 0; f < nf; f++) prev[f] = UINT32_MAX;
    VEC(uint32_t) queue = {0};
    vec_push(&queue, a->func);
    prev[a->func] = a->func;
    uint32_t root = UINT32_MAX;
    for (size_t q = 0; q < queue.len && root == UINT32_MAX; q++) {
        uint32_t f = queue.data[q];
        if (idset_has(&t->routines, f)) {
            root = f;
            break;
        }
        const IdSet *callers = &p->pt.funcs.data[f].callers;
        for (uint32_t k = 0; k < callers->n; k++) {
            uint32_t g = callers->v[k];
            if (prev[g] != UINT32_MAX || !idset_has(&t->funcs, g)) continue;
            prev[g] = f;
            vec_push(&queue, g);
        }
    }
    size_t n = 0;
    if (root == UINT32_MAX) root = a->func; /* not found: the function alone */
    for (uint32_t f = root; n < max; f = prev[f]) {
        names[n++] = p->link.funcs.data[f].ir->name;
        if (f == a->func || prev[f] == UINT32_MAX) break;
    }
    vec_free(&queue);
    free(prev);
    return n;
}

/* ---- functions ------------------------------------------------------------------- */

size_t facts_nfunctions(const Program *p) { return p->link.funcs.len; }

const char *facts_function_name(const Program *p, uint32_t func, SrcLoc *decl) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (decl) *decl = srcloc(f->loc);
    return f->name;
}

static const IdSet *func_threads(const Program *p, uint32_t func) {
    static const IdSet none = {0};
    if (func >= p->lev.func_threads.len) return &none;
    return &p->sets.data[p->lev.func_threads.data[func]];
}

uint32_t facts_function_nthreads(const Program *p, uint32_t func) { return func_threads(p, func)->n; }

uint32_t facts_function_thread(const Program *p, uint32_t func, uint32_t k) { return func_threads(p, func)->v[k]; }

bool facts_function_is_routine(const Program *p, uint32_t func) {
    for (size_t t = 0; t < p->tm.threads.len; t++)
        if (idset_has(&p->tm.threads.data[t].routines, func)) return true;
    return false;
}

/* ---- lock events per function -------------------------------------------------------- */

size_t facts_nlock_sites(const Program *p) { return p->lev.sites.len; }

static bool lock_recursive(const Program *p, uint32_t lock) {
    const LockRef *l = &p->lock.refs.data[lock];
    return l->resolved && p->lev.recursive_nodes.n && idset_intersects(&l->nodes, &p->lev.recursive_nodes);
}

/* Do all the paths from acquisition site `from` to a return of its
 * function pass one of the releases `to[0..nto)` of that function? */
static bool released_on_every_path(const Program *p, size_t from, const size_t *to, size_t nto) {
    const LockSite *a = &p->lev.sites.data[from];
    if (!a->ev || a->func >= p->link.funcs.len) return false;
    const IrFunc *f = p->link.funcs.data[a->func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId ai;
    if (!ir_defuse_event_id(du, a->ev, &ai)) return false;
    uint8_t *stop = xcalloc(f->nblocks + 1, 1); /* blocks holding a release */
    for (size_t i = 0; i < nto; i++) {
        const LockSite *r = &p->lev.sites.data[to[i]];
        IrEventId ri;
        if (r->func != a->func || !r->ev || !ir_defuse_event_id(du, r->ev, &ri)) continue;
        /* a path from the acquisition to a return that does not pass the release */
        if (ai.block == ri.block && ri.index > ai.index) {
            free(stop);
            return true;
        }
        stop[ri.block] = 1;
    }
    bool all = ir_returns_pass(f, ai.block, stop);
    free(stop);
    return all;
}

bool facts_lock_site_released_after(const Program *p, size_t from, size_t to) {
    if (p->lev.sites.data[from].func != p->lev.sites.data[to].func) return false;
    return released_on_every_path(p, from, &to, 1);
}

bool facts_lock_site_always_released(const Program *p, size_t from) {
    const LockSite *a = &p->lev.sites.data[from];
    if (a->lock == UINT32_MAX) return false;
    VEC(size_t) rel = {0};
    for (size_t i = 0; i < p->lev.sites.len; i++) {
        const LockSite *r = &p->lev.sites.data[i];
        if (r->func == a->func && r->kind == FACTS_SITE_RELEASE && r->lock != UINT32_MAX &&
            facts_may_same_lock(p, facts_lock(p, r->lock), facts_lock(p, a->lock)))
            vec_push(&rel, i);
    }
    bool all = rel.len && released_on_every_path(p, from, rel.data, rel.len);
    vec_free(&rel);
    return all;
}

bool facts_lock_site_const_arg(const Program *p, size_t site, uint32_t k, int64_t *value) {
    const LockSite *s = &p->lev.sites.data[site];
    if (s->kind != FACTS_SITE_CALL || !s->ev || s->ev->kind != IR_EV_CALL || !s->ev->call || k >= s->ev->call->nargs)
        return false;
    const IrOperand *o = &s->ev->call->args[k];
    if (o->kind != IR_OPD_CONST) return false;
    *value = o->value;
    return true;
}

bool facts_lock_site_held_around(const Program *p, size_t site) {
    const LockSite *a = &p->lev.sites.data[site];
    if (a->kind != FACTS_SITE_ACQUIRE || a->semaphore || a->lock == UINT32_MAX || !a->ev ||
        a->func >= p->link.funcs.len)
        return false;
    /* a semaphore's wait counts down, it does not lock: waiting again is the next turn */
    const CallInfo *ci = a->ev->kind == IR_EV_CALL && a->ev->call ? program_call(p, a->ev) : NULL;
    if (ci && ci->kind == CALL_API && ci->api->kind == API_SEM_WAIT) return false;
    /* one lock object in every iteration (not `locks[j]` in a loop over j) */
    FactsLock self = facts_lock(p, a->lock);
    if (!facts_same_lock(p, self, self)) return false;
    const IrFunc *f = p->link.funcs.data[a->func].ir;
    const IrDefUse *du = model_defuse((Program *)p, f);
    IrEventId ai;
    if (!ir_defuse_event_id(du, a->ev, &ai)) return false;
    int32_t loop = ir_defuse_block_loop(du, ai.block);
    if (loop < 0) return false;
    /* run in every iteration: its block dominates every back edge's source */
    uint32_t *idom = ir_dominators(f);
    bool every = true;
    for (uint32_t b = 0; b < f->nblocks && every; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop)) continue;
        for (uint32_t s = 0; s < f->blocks[b].nsucc && every; s++)
            if (f->blocks[b].succ[s] == f->loops[loop].header) every = ir_dominates(idom, ai.block, b);
    }
    free(idom);
    if (!every) return false;
    /* the blocks holding a release of it (after the acquisition, in its own block) */
    uint8_t *stop = xcalloc(f->nblocks + 1, 1);
    FactsLock al = facts_lock(p, a->lock);
    for (size_t i = 0; i < p->lev.sites.len; i++) {
        const LockSite *r = &p->lev.sites.data[i];
        if (r->func != a->func || !r->ev) continue;
        bool rel = r->kind == FACTS_SITE_RELEASE && r->lock != UINT32_MAX && facts_may_same_lock(p, facts_lock(p, r->lock), al);
        for (uint32_t k = 0; r->kind == FACTS_SITE_CALL && k < r->nvia && !rel; k++) {
            FactsVia v = facts_lock_site_via(p, i, k);
            rel = v.release && facts_may_same_lock(p, v.lock, al);
        }
        IrEventId ri;
        if (rel && ir_defuse_event_id(du, r->ev, &ri)) {
            if (ri.block == ai.block && ri.index > ai.index) { /* released later in its own block: every path */
                free(stop);
                return false;
            }
            /* two unlocks under opposite tests of one value (`if (e) unlock; ..; if (!e) unlock;`):
             * together on every path, which the blocks cannot tell */
            for (size_t j = 0; j < i && r->kind == FACTS_SITE_RELEASE; j++) {
                const LockSite *q = &p->lev.sites.data[j];
                if (q->func == a->func && q->kind == FACTS_SITE_RELEASE && q->lock != UINT32_MAX &&
                    facts_may_same_lock(p, facts_lock(p, q->lock), al) && facts_lock_sites_guard(p, j, i) == -1) {
                    free(stop);
                    return false;
                }
            }
            stop[ri.block] = 1;
        }
    }
    uint8_t *seen = xcalloc(f->nblocks + 1, 1);
    uint32_t *stack = xmalloc((f->nblocks + 1) * sizeof(uint32_t)), n = 0;
    bool around = false;
    for (uint32_t k = 0; k < f->blocks[ai.block].nsucc; k++) {
        uint32_t s = f->blocks[ai.block].succ[k];
        if (s < f->nblocks && !seen[s]) seen[s] = 1, stack[n++] = s;
    }
    while (n && !around) {
        uint32_t b = stack[--n];
        if (stop[b]) continue;
        if (b == ai.block) { /* back at the acquisition, nothing released on the way */
            around = true;
            break;
        }
        for (uint32_t k = 0; k < f->blocks[b].nsucc; k++) {
            uint32_t s = f->blocks[b].succ[k];
            if (s < f->nblocks && !seen[s]) seen[s] = 1, stack[n++] = s;
        }
    }
    free(stop);
    free(seen);
    free(stack);
    return around;
}

FactsLockSite facts_lock_site(const Program *p, size_t i) {
    const LockSite *s = &p->lev.sites.data[i];
    FactsLockSite fs;
    memset(&fs, 0, sizeof fs);
    fs.kind = s->kind;
    fs.func = s->func;
    fs.loc = srcloc(s->loc);
    if (s->lock != UINT32_MAX) {
        fs.lock = facts_lock(p, s->lock);
        fs.shared = p->lock.refs.data[s->lock].mode == LMODE_SHARED;
        fs.recursive = s->recursive || lock_recursive(p, s->lock);
    } else {
        fs.lock = (FactsLock){FACTS_NO_LOCK, NULL, FACTS_NO_LOCK, false, false};
    }
    fs.semaphore = s->semaphore;
    fs.in_loop = s->in_loop;
    fs.rechecks = s->rechecks;
    fs.thread_exit = s->thread_exit;
    fs.cond = s->cond;
    fs.ret_value = s->ret_value;
    fs.after_failed_lock = s->after_failed_lock;
    fs.lost = s->lost;
    fs.again = s->again;
    fs.ret_const = s->ret_const;
    fs.ret_const_value = s->ret_const_value;
    fs.nheld = p->sets.data[s->held].n;
    fs.nvia = s->kind == FACTS_SITE_CALL ? s->nvia : 0;
    return fs;
}

FactsLock facts_lock_site_held(const Program *p, size_t i, uint32_t k) {
    return facts_lock(p, p->sets.data[p->lev.sites.data[i].held].v[k]);
}

void facts_function_lock_sites(const Program *p, uint32_t func, size_t *first, size_t *end) {
    if (func + 1 >= p->lev.func_first.len) {
        *first = *end = 0;
        return;
    }
    *first = p->lev.func_first.data[func];
    *end = p->lev.func_first.data[func + 1];
}

uint32_t facts_lock_site_ntargets(const Program *p, size_t i) {
    const LockSite *s = &p->lev.sites.data[i];
    return s->targets == UINT32_MAX ? 0 : p->sets.data[s->targets].n;
}

uint32_t facts_lock_site_target(const Program *p, size_t i, uint32_t k) {
    return p->sets.data[p->lev.sites.data[i].targets].v[k];
}

FactsVia facts_lock_site_via(const Program *p, size_t i, uint32_t k) {
    const LockVia *v = &p->lev.via.data[p->lev.sites.data[i].via + k];
    return (FactsVia){facts_lock(p, v->lock), v->origin, v->hop, v->release};
}

/* Is the lock's path free of pointers the function may point elsewhere
 * between two sites: no dereference, or rooted at a variable defined once? */
static bool local_stable(const Program *p, int32_t func, uint32_t local) {
    if (func < 0) return false;
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrVarDefs *d = ir_defuse_local(model_defuse(p, f), local);
    return d && d->ndefs <= 1 && !(f->locals[local].flags & IR_LOCAL_ADDR_TAKEN);
}

/* Does the lock's path name one object wherever it is used in its frame:
 * every pointer it goes through rooted at a variable defined once (or a
 * global), every array index a constant or a variable defined once? */
static bool path_stable(const Program *p, uint32_t lock) {
    const LockRef *l = &p->lock.refs.data[lock];
    bool deref = false;
    for (uint32_t i = 0; i < l->path.nsteps; i++) {
        const IrStep *s = &l->path.steps[i];
        deref |= s->kind == IR_STEP_DEREF;
        if (s->kind != IR_STEP_INDEX || s->index_kind == IR_INDEX_CONST) continue;
        if (s->index_kind != IR_INDEX_LOCAL || !local_stable(p, l->func, s->local)) return false;
    }
    if (!deref || l->path.root == IR_ROOT_GLOBAL) return true;
    return l->path.root == IR_ROOT_LOCAL && local_stable(p, l->func, l->path.id);
}

static bool path_has_index(const Program *p, uint32_t lock) {
    const LockRef *l = &p->lock.refs.data[lock];
    for (uint32_t i = 0; i < l->path.nsteps; i++)
        if (l->path.steps[i].kind == IR_STEP_INDEX) return true;
    return false;
}

bool facts_same_lock(const Program *p, FactsLock a, FactsLock b) {
    if (a.name != FACTS_NO_LOCK && a.name == b.name) return path_stable(p, a.name);
    if (a.id == FACTS_NO_LOCK || a.id != b.id) return false;
    /* one lock object: a global mutex, not an element of a lock array */
    if ((a.name != FACTS_NO_LOCK && path_has_index(p, a.name)) || (b.name != FACTS_NO_LOCK && path_has_index(p, b.name)))
        return false;
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[a.id].obj];
    if (o->kind != OBJ_GLOBAL) return false;
    /* an array's elements are one node: two pointers into it (`first->m`,
     * `second->m`) may name two of its locks */
    const char *t = o->a < p->link.globals.len ? p->link.globals.data[o->a].type : NULL;
    return !(t && strchr(t, '['));
}

/* What tells lock path `path` apart from others of its object, in func: the
 * constant index of its first index step (*k, returns 1), the local of that
 * step or the local pointer it is reached through (*k, returns 2); 0: none. */
static int lock_distinction(const IrFunc *f, const IrPath *path, int64_t *k) {
    for (uint32_t i = 0; i < path->nsteps; i++) {
        const IrStep *s = &path->steps[i];
        if (s->kind != IR_STEP_INDEX) continue;
        if (s->index_kind == IR_INDEX_CONST) {
            *k = s->value;
            return 1;
        }
        if (s->index_kind == IR_INDEX_LOCAL && s->local < f->nlocals) {
            *k = s->local;
            return 2;
        }
        return 0;
    }
    if (path->root == IR_ROOT_LOCAL && path->nsteps && path->steps[0].kind == IR_STEP_DEREF && path->id < f->nlocals) {
        *k = path->id;
        return 2;
    }
    return 0;
}

/* Is path `in` reached from what local u points to through a pointer stored
 * there (`u->next->m`), or through a local assigned once from such a
 * pointer (`next = u->next; next->m`)? */
/* The member a path reads last before step `end` (`cur->next`: "next"),
 * "" for none. */
static const char *link_member(const IrPath *path, uint32_t end) {
    for (uint32_t i = end; i-- > 0;)
        if (path->steps[i].kind == IR_STEP_FIELD) return path->steps[i].field ? path->steps[i].field : "";
    return "";
}

static bool linked_from(const Program *p, const IrFunc *f, int64_t u, const IrPath *in, const char **link) {
    if (in->root != IR_ROOT_LOCAL || !in->nsteps || in->steps[0].kind != IR_STEP_DEREF) return false;
    if ((int64_t)in->id == u) {
        for (uint32_t i = 1; i < in->nsteps; i++)
            if (in->steps[i].kind == IR_STEP_DEREF) {
                *link = link_member(in, i);
                return true;
            }
        return false;
    }
    const IrDefUse *du = model_defuse(p, f);
    const IrEvent *ev = ir_defuse_sole_assign(du, ir_defuse_local(du, in->id));
    const IrOperand *s = ev ? ev->src : NULL;
    if (!(s && s->kind == IR_OPD_VALUE && s->path.root == IR_ROOT_LOCAL && (int64_t)s->path.id == u &&
          s->path.nsteps && s->path.steps[0].kind == IR_STEP_DEREF))
        return false;
    *link = link_member(&s->path, s->path.nsteps);
    return true;
}

/* The member a lock path ends in (its last field step), "" for none. */
static const char *lock_member(const IrPath *path) {
    for (uint32_t i = path->nsteps; i-- > 0;)
        if (path->steps[i].kind == IR_STEP_FIELD) return path->steps[i].field ? path->steps[i].field : "";
    return "";
}

/* The bit of bare variable path (a local, or a temp offset by nlocals) in
 * copy_sources' sets, or -1 (another path, or past the first 64). */
static int var_bit(const IrFunc *f, const IrPath *path) {
    if (path->nsteps) return -1;
    uint32_t x = path->root == IR_ROOT_LOCAL ? path->id : path->root == IR_ROOT_TEMP ? f->nlocals + path->id : 64;
    return x < 64 ? (int)x : -1;
}

/* The locals (and temps) whose values may flow into local v through copies
 * (`first = a < b ? a : b`), v included, as var_bit bits. */
static uint64_t copy_sources(const IrFunc *f, uint32_t v) {
    uint64_t bits = v < 64 ? 1ull << v : 0;
    for (int round = 0; round < 4; round++) {
        uint64_t before = bits;
        for (uint32_t b = 0; b < f->nblocks; b++)
            for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                const IrEvent *ev = &f->blocks[b].events[e];
                if (ev->kind != IR_EV_ASSIGN || ev->src->kind != IR_OPD_VALUE) continue;
                int d = var_bit(f, &ev->path), s = var_bit(f, &ev->src->path);
                if (d >= 0 && s >= 0 && (bits >> d & 1)) bits |= 1ull << s;
            }
        if (bits == before) break;
    }
    return bits;
}

static int local_bit(const IrFunc *f, const IrOperand *o) {
    return o->kind == IR_OPD_VALUE ? var_bit(f, &o->path) : -1;
}

/* The two sides of a comparison as var_bit bits: bare variables, or the
 * same fields read through two local pointers (`a->id < b->id`: a key of
 * what they point to); false for anything else. */
static bool compared_bits(const IrFunc *f, const IrTerm *t, int *l, int *r) {
    *l = local_bit(f, &t->sym_lhs);
    *r = local_bit(f, &t->sym_rhs);
    if (*l >= 0 && *r >= 0) return true;
    const IrOperand *x = &t->sym_lhs, *y = &t->sym_rhs;
    if (x->kind != IR_OPD_VALUE || y->kind != IR_OPD_VALUE || x->offset || y->offset || x->path.nsteps < 2 ||
        x->path.root != IR_ROOT_LOCAL || y->path.root != IR_ROOT_LOCAL || x->path.steps[0].kind != IR_STEP_DEREF)
        return false;
    for (uint32_t i = 1; i < x->path.nsteps; i++)
        if (x->path.steps[i].kind != IR_STEP_FIELD) return false;
    IrPath px = x->path, py = y->path;
    px.id = py.id = 0;
    if (!ir_path_equal(&px, &py)) return false;
    *l = x->path.id < 64 ? (int)x->path.id : -1;
    *r = y->path.id < 64 ? (int)y->path.id : -1;
    return *l >= 0 && *r >= 0;
}

int facts_lock_pair_order(const Program *p, uint32_t func, FactsLock outer, FactsLock inner, int64_t *co, int64_t *ci) {
    if (outer.name == FACTS_NO_LOCK || inner.name == FACTS_NO_LOCK || func >= p->link.funcs.len) return FACTS_ORDER_FREE;
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrPath *op = &p->lock.refs.data[outer.name].path, *ip = &p->lock.refs.data[inner.name].path;
    /* two different members of one object (merged into one location) are two locks, not one kind */
    if (strcmp(lock_member(op), lock_member(ip))) return FACTS_ORDER_MEMBERS;
    int a = lock_distinction(f, op, co);
    int b = lock_distinction(f, ip, ci);
    if (a == 1 && b == 1) return FACTS_ORDER_CONST;
    /* hand over hand along a list: the inner lock's object hangs from the outer's */
    const char *link = "";
    if (a == 2 && op->root == IR_ROOT_LOCAL && (int64_t)op->id == *co && linked_from(p, f, *co, ip, &link)) {
        *ci = (int64_t)(uintptr_t)link;
        return FACTS_ORDER_LINKED;
    }
    if (a != 2 || b != 2 || *co == *ci) return FACTS_ORDER_FREE;
    /* a comparison of the two (or of what they are copied from) orders them */
    uint64_t so = copy_sources(f, (uint32_t)*co), si = copy_sources(f, (uint32_t)*ci);
    for (uint32_t bl = 0; bl < f->nblocks; bl++) {
        const IrTerm *t = &f->blocks[bl].term;
        if (t->kind != IR_TERM_BRANCH || t->sym_cmp == IR_CMP_EQ || t->sym_cmp == IR_CMP_NE) continue;
        int l, r;
        if (!compared_bits(f, t, &l, &r)) continue;
        if (((so >> l & 1) && (si >> r & 1)) || ((so >> r & 1) && (si >> l & 1))) return FACTS_ORDER_COMPARED;
    }
    /* two parameters: the callers decide the order (PRECISION: not followed) */
    if ((uint64_t)*co < f->nparams && (uint64_t)*ci < f->nparams) return FACTS_ORDER_CALLERS;
    return FACTS_ORDER_FREE;
}

/* The parameter a lock path is reached through (`x->m`: x), or -1. */
static int lock_param(const Program *p, uint32_t func, const IrPath *path) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (path->root != IR_ROOT_LOCAL || path->id >= f->nparams || !path->nsteps || path->steps[0].kind != IR_STEP_DEREF ||
        !model_param_unchanged(p, func, path->id))
        return -1;
    return (int)path->id;
}

bool facts_lock_site_when_distinct(const Program *p, size_t site, FactsLock outer, FactsLock inner) {
    const LockSite *s = &p->lev.sites.data[site];
    if (outer.name == FACTS_NO_LOCK || inner.name == FACTS_NO_LOCK || !s->ev || s->func >= p->link.funcs.len)
        return false;
    const IrFunc *f = p->link.funcs.data[s->func].ir;
    int x = lock_param(p, s->func, &p->lock.refs.data[outer.name].path);
    int y = lock_param(p, s->func, &p->lock.refs.data[inner.name].path);
    IrEventId at;
    if (x < 0 || y < 0 || x == y || !ir_defuse_event_id(model_defuse(p, f), s->ev, &at)) return false;
    /* the edges where the two differ: cut - the site is then unreachable
     * when every path to it passes one */
    bool *cut = xcalloc(f->nblocks, 2 * sizeof(bool));
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const IrTerm *t = &f->blocks[b].term;
        if (t->kind != IR_TERM_BRANCH || f->blocks[b].nsucc != 2 || (t->sym_cmp != IR_CMP_EQ && t->sym_cmp != IR_CMP_NE))
            continue;
        int l = local_bit(f, &t->sym_lhs), r = local_bit(f, &t->sym_rhs);
        if (!((l == x && r == y) || (l == y && r == x))) continue;
        cut[2 * b + (t->sym_cmp == IR_CMP_NE ? 0 : 1)] = true; /* succ[0]: the test holds */
    }
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    VEC(uint32_t) work = {0};
    vec_push(&work, 0);
    seen[0] = true;
    while (work.len) {
        uint32_t b = work.data[--work.len];
        for (uint32_t k = 0; k < f->blocks[b].nsucc && k < 2; k++) {
            uint32_t n = f->blocks[b].succ[k];
            if (cut[2 * b + k] || n >= f->nblocks || seen[n]) continue;
            seen[n] = true;
            vec_push(&work, n);
        }
    }
    bool distinct = !seen[at.block];
    vec_free(&work);
    free(seen);
    free(cut);
    return distinct;
}

bool facts_may_same_lock(const Program *p, FactsLock a, FactsLock b) {
    if (a.name != FACTS_NO_LOCK && a.name == b.name) return true;
    if (a.name == FACTS_NO_LOCK || b.name == FACTS_NO_LOCK) return a.id != FACTS_NO_LOCK && a.id == b.id;
    const LockRef *x = &p->lock.refs.data[a.name], *y = &p->lock.refs.data[b.name];
    return x->resolved && y->resolved && idset_intersects(&x->nodes, &y->nodes);
}

bool facts_lock_held_unless_zero(const Program *p, uint32_t func, FactsLock l) {
    if (l.name == FACTS_NO_LOCK || func >= p->lock.summaries.len) return false;
    const LockSummary *s = &p->lock.summaries.data[func];
    return s->cond_value == LOCK_COND_NONZERO && idset_has(&s->cond_locks, l.name);
}

bool facts_lock_callers_name(const Program *p, FactsLock l) {
    if (l.name == FACTS_NO_LOCK) return false;
    const LockRef *r = &p->lock.refs.data[l.name];
    if (r->func < 0) return true;
    return r->path.root == IR_ROOT_LOCAL && r->path.id < p->link.funcs.data[r->func].ir->nparams &&
           r->path.nsteps && r->path.steps[0].kind == IR_STEP_DEREF;
}

int facts_lock_sites_guard(const Program *p, size_t i, size_t j) {
    const LockSite *a = &p->lev.sites.data[i], *b = &p->lev.sites.data[j];
    if (!a->guard || !b->guard || a->func != b->func || a->guard->rhs != b->guard->rhs ||
        !ir_path_equal(&a->guard->cond.path, &b->guard->cond.path) || a->guard->cond.offset != b->guard->cond.offset)
        return 0;
    return a->guard_eq == b->guard_eq ? 1 : -1;
}

/* ---- spawn arguments ------------------------------------------------------------------ */

static void arg_local_add(const Program *p, uint32_t node, FactsArgLocal *out, size_t max, size_t *n) {
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[node].obj];
    if (o->kind != OBJ_LOCAL) return;
    const IrFunc *f = p->link.funcs.data[o->a].ir;
    if (o->b >= f->nlocals) return;
    for (size_t k = 0; k < *n; k++)
        if (out[k].func == o->a && out[k].name == f->locals[o->b].name) return;
    if (*n >= max) return;
    out[(*n)++] = (FactsArgLocal){o->a, f->locals[o->b].name, srcloc(f->locals[o->b].loc),
                                  (f->locals[o->b].flags & IR_LOCAL_PARAM) != 0, p->pt.nodes.data[node].obj};
}

/* The object a path's root names in func (a local, temp or global), or UINT32_MAX. */
static uint32_t root_obj(const Program *p, uint32_t func, const IrPath *path) {
    const PtFunc *pf = &p->pt.funcs.data[func];
    if (path->root == IR_ROOT_LOCAL) return pf->local_obj0 + path->id;
    if (path->root == IR_ROOT_TEMP) return pf->temp_obj0 + path->id;
    if (path->root == IR_ROOT_GLOBAL && path->usr) {
        uintptr_t g = (uintptr_t)strmap_get(&p->link.global_by_usr, path->usr);
        if (g) return p->link.globals.data[g - 1].obj;
    }
    return UINT32_MAX;
}

size_t facts_thread_arg_locals(const Program *p, uint32_t t, FactsArgLocal *out, size_t max) {
    const Thread *th = &p->tm.threads.data[t];
    if (th->parent < 0 || !th->spawn_ev || !th->spawn_ev->call) return 0;
    const CallInfo *ci = program_call(p, th->spawn_ev);
    if (!ci || ci->kind != CALL_API || ci->api->arg < 0 || (uint32_t)ci->api->arg >= th->spawn_ev->call->nargs) return 0;
    const IrOperand *op = &th->spawn_ev->call->args[ci->api->arg];
    size_t n = 0;
    if (op->kind != IR_OPD_ADDR && op->kind != IR_OPD_VALUE) return 0;
    for (uint32_t k = 0; k < op->path.nsteps; k++)
        if (op->path.steps[k].kind == IR_STEP_DEREF) return 0; /* PRECISION: through a pointer */
    uint32_t obj = root_obj(p, th->spawn_func, &op->path);
    if (obj == UINT32_MAX || obj >= p->pt.objs.len) return 0;
    uint32_t root = p->pt.objs.data[obj].root;
    if (root == UINT32_MAX) return 0;
    if (op->kind == IR_OPD_ADDR) {
        arg_local_add(p, root, out, max, &n);
        return n;
    }
    const IdSet *pts = &p->pt.nodes.data[pt_rep(p, root)].pts;
    for (uint32_t k = 0; k < pts->n; k++) arg_local_add(p, pts->v[k], out, max, &n);
    return n;
}

/* Does thread t post semaphore node s (sync.c's users, role 0)? */
static bool thread_posts(const Program *p, uint32_t t, uint32_t s) {
    uint64_t v;
    return u64map_get(&p->sync.users, (uint64_t)s << 2, &v) && idset_has(&p->sets.data[v], t);
}

/* Are all of thread t's accesses to object obj before every post of s by t? */
static bool accesses_before_post(const Program *p, uint32_t t, uint32_t obj, uint32_t s) {
    for (size_t i = 0; i < p->tm.accesses.len; i++) {
        const Access *a = &p->tm.accesses.data[i];
        if (a->site->thread != t || p->pt.nodes.data[a->node].obj != obj) continue;
        if (idset_has(&p->sets.data[a->site->posted], s)) return false;
    }
    return true;
}

/* Does g block on a semaphore its parameter k names: a blocking wait
 * (no success value) whose semaphore is that parameter, unchanged, in g or
 * in a function g hands it to unchanged, up to three calls down (wait
 * helpers: `my_sem_wait(s) { while (sem_wait(s) == -1) ..; }`, libuv's
 * uv_sem_wait choosing its implementation)? */
static bool waits_on_param(const Program *p, uint32_t g, uint32_t k, int depth) {
    const IrFunc *ir = p->link.funcs.data[g].ir;
    if (k >= ir->nparams || !model_param_unchanged(p, g, k)) return false;
    for (uint32_t b = 0; b < ir->nblocks; b++)
        for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
            const IrEvent *ev = &ir->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (!ci) continue;
            bool api = ci->kind == CALL_API && ci->api->kind == API_SEM_WAIT && !ci->api->has_success;
            if (!api && (ci->kind != CALL_INTERNAL || ci->targets.n != 1 || depth >= 3)) continue;
            for (uint32_t j = 0; j < ev->call->nargs && j < 64; j++) {
                const IrOperand *o = &ev->call->args[j];
                if (o->kind != IR_OPD_VALUE || o->offset || o->path.nsteps || o->path.root != IR_ROOT_LOCAL ||
                    o->path.id != k)
                    continue;
                if (api ? (int)j == ci->api->sem : waits_on_param(p, ci->targets.v[0], j, depth + 1)) return true;
            }
        }
    return false;
}

/* The semaphore node a call of func waits on for local l: a wait API call
 * the per-thread pass resolved to one node (sync.c), or a call of a wait
 * helper (waits_on_param) handed the local's own address (`wait(&sem)`):
 * its root node. UINT32_MAX for neither. */
static uint32_t handed_wait_node(const Program *p, const FactsArgLocal *l, uint32_t func, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    uint64_t n;
    if (!ci) return UINT32_MAX;
    if (ci->kind == CALL_API)
        return ci->api->kind == API_SEM_WAIT && u64map_get(&p->sync.sem_waits, (uint64_t)(uintptr_t)ev, &n)
                   ? (uint32_t)(n - 1)
                   : UINT32_MAX;
    if (ci->kind != CALL_INTERNAL || ci->targets.n != 1 || l->obj >= p->pt.objs.len) return UINT32_MAX;
    const IrCall *call = ev->call;
    for (uint32_t k = 0; k < call->nargs && k < 64; k++) {
        const IrOperand *a = &call->args[k];
        if (a->kind != IR_OPD_ADDR || a->offset || a->path.nsteps || a->path.root != IR_ROOT_LOCAL) continue;
        if (root_obj(p, func, &a->path) != l->obj) continue;
        if (waits_on_param(p, ci->targets.v[0], k, 0)) return pt_rep(p, p->pt.objs.data[l->obj].root);
    }
    return UINT32_MAX;
}

bool facts_thread_hands_back(const Program *p, uint32_t t, const FactsArgLocal *l, uint32_t func, uint32_t after,
                             SrcLoc *where) {
    if (func >= p->link.funcs.len) return false;
    const IrFunc *ir = p->link.funcs.data[func].ir;
    for (uint32_t b = 0; b < ir->nblocks; b++)
        for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
            const IrEvent *ev = &ir->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call || (after && ev->loc.line <= after)) continue;
            uint32_t n = handed_wait_node(p, l, func, ev);
            if (n == UINT32_MAX || !thread_posts(p, t, n) || !accesses_before_post(p, t, l->obj, n)) continue;
            if (where) *where = srcloc(ev->loc);
            return true;
        }
    return false;
}

bool facts_thread_detached(const Program *p, uint32_t t) {
    const Thread *th = &p->tm.threads.data[t];
    if (th->handle_node == UINT32_MAX) return false;
    uint32_t hobj = p->pt.nodes.data[th->handle_node].obj;
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        if (!p->link.funcs.data[f].reachable) continue;
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind != CALL_API || ci->api->kind != API_DETACH) continue;
                int h = ci->api->handle;
                if (h < 0 || (uint32_t)h >= ev->call->nargs) continue;
                const IrOperand *op = &ev->call->args[h];
                if (op->kind != IR_OPD_VALUE && op->kind != IR_OPD_ADDR) continue;
                /* pthread_detach(pthread_self()) in the thread itself: a temp */
                if (op->kind == IR_OPD_VALUE && op->path.root == IR_ROOT_TEMP && idset_has(&th->funcs, (uint32_t)f))
                    return true;
                uint32_t o = root_obj(p, (uint32_t)f, &op->path);
                if (o == hobj) return true;
            }
    }
    return false;
}

/* Can control reach event `to` from event `from` of f later in the same
 * round of the loops around `from` (later in its block, or in a block
 * reachable without going back to the test of such a loop), or after
 * them? A join before the spawn in a loop's body is the previous round's. */
static bool event_reaches(const Program *p, const IrFunc *f, const IrEvent *from, const IrEvent *to) {
    const IrDefUse *du = model_defuse(p, f);
    IrEventId a, b;
    if (!ir_defuse_event_id(du, from, &a) || !ir_defuse_event_id(du, to, &b)) return false;
    if (a.block == b.block && b.index > a.index) return true;
    uint8_t *seen = xcalloc(f->nblocks, 1);
    seen[a.block] = 1;
    VEC(uint32_t) work = {0};
    for (uint32_t s = 0; s < f->blocks[a.block].nsucc; s++) vec_push(&work, f->blocks[a.block].succ[s]);
    bool found = false;
    while (work.len && !found) {
        uint32_t x = work.data[--work.len];
        if (x >= f->nblocks || seen[x]) continue;
        seen[x] = 1;
        /* the test of a loop around `from`: only out of it (no next round) */
        int32_t around = -1;
        for (int32_t l = f->blocks[a.block].loop; l >= 0 && (uint32_t)l < f->nloops && around < 0; l = f->loops[l].parent)
            if (f->loops[l].header == x) around = l;
        found = x == b.block && around < 0;
        for (uint32_t s = 0; s < f->blocks[x].nsucc; s++)
            if (around < 0 || !ir_defuse_block_in_loop(du, f->blocks[x].succ[s], around)) vec_push(&work, f->blocks[x].succ[s]);
    }
    vec_free(&work);
    free(seen);
    return found;
}

bool facts_function_joins(const Program *p, uint32_t func, uint32_t t, bool after_spawn, SrcLoc *where) {
    const Thread *th = &p->tm.threads.data[t];
    if (th->handle_node == UINT32_MAX || func >= p->link.funcs.len) return false;
    uint32_t hobj = p->pt.nodes.data[th->handle_node].obj;
    const IrFunc *ir = p->link.funcs.data[func].ir;
    for (uint32_t b = 0; b < ir->nblocks; b++)
        for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
            const IrEvent *ev = &ir->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (!ci || ci->kind != CALL_API || (ci->api->kind != API_JOIN && ci->api->kind != API_POOL_WAIT)) continue;
            int h = ci->api->kind == API_JOIN ? ci->api->handle : ci->api->pool;
            if (h < 0 || (uint32_t)h >= ev->call->nargs) continue;
            const IrOperand *op = &ev->call->args[h];
            if (op->kind != IR_OPD_VALUE && op->kind != IR_OPD_ADDR) continue;
            bool deref = false;
            for (uint32_t k = 0; k < op->path.nsteps; k++) deref |= op->path.steps[k].kind == IR_STEP_DEREF;
            /* PRECISION: a handle reached through a pointer (`w->tid`) is not matched */
            bool match = !deref && root_obj(p, func, &op->path) == hobj;
            if (!match) continue;
            if (after_spawn && (!th->spawn_ev || !event_reaches(p, ir, th->spawn_ev, ev))) continue;
            if (where) *where = srcloc(ev->loc);
            return true;
        }
    return false;
}

/* Is the destination readable by another thread: a global that is not
 * thread-local, or through a pointer whose target is shared? */
static bool shared_destination(const Program *p, uint32_t func, const IrPath *dst) {
    uint32_t obj = root_obj(p, func, dst);
    if (obj == UINT32_MAX || obj >= p->pt.objs.len) return false;
    bool deref = false;
    for (uint32_t k = 0; k < dst->nsteps; k++) deref |= dst->steps[k].kind == IR_STEP_DEREF;
    const Obj *o = &p->pt.objs.data[obj];
    if (!deref) return o->kind == OBJ_GLOBAL && !(p->link.globals.data[o->a].flags & IR_GLOBAL_TLS);
    if (dst->steps[0].kind != IR_STEP_DEREF || o->root == UINT32_MAX) return false; /* PRECISION */
    const IdSet *pts = &p->pt.nodes.data[pt_rep(p, o->root)].pts;
    for (uint32_t k = 0; k < pts->n; k++) {
        const Obj *t = &p->pt.objs.data[p->pt.nodes.data[pts->v[k]].obj];
        if (t->shared && (t->kind == OBJ_HEAP || t->kind == OBJ_GLOBAL)) return true;
    }
    return false;
}

static bool is_join_call(const Program *p, const IrEvent *ev) {
    const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
    return ci && ci->kind == CALL_API && (ci->api->kind == API_JOIN || ci->api->kind == API_POOL_WAIT);
}

/* By function: it joins a thread, itself or through the functions it calls. */
static uint8_t *joining_functions(const Program *p) {
    size_t nf = p->link.funcs.len;
    uint8_t *j = xcalloc(nf ? nf : 1, 1);
    for (size_t f = 0; f < nf; f++) {
        if (!p->link.funcs.data[f].reachable) continue;
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks && !j[f]; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents && !j[f]; e++) j[f] = is_join_call(p, &ir->blocks[b].events[e]);
    }
    bool changed = true;
    for (int round = 0; changed && round < 16; round++) {
        changed = false;
        for (size_t i = 0; i < p->lev.sites.len; i++) {
            const LockSite *s = &p->lev.sites.data[i];
            if (s->kind != FACTS_SITE_CALL || j[s->func] || s->targets == UINT32_MAX) continue;
            const IdSet *t = &p->sets.data[s->targets];
            for (uint32_t k = 0; k < t->n && !j[s->func]; k++)
                if (t->v[k] < nf && j[t->v[k]]) j[s->func] = 1, changed = true;
        }
    }
    return j;
}

/* Is a join made after line `after` in func, directly or by a callee? */
static bool joins_after(const Program *p, uint32_t func, uint32_t after, const uint8_t *joining) {
    const IrFunc *ir = p->link.funcs.data[func].ir;
    for (uint32_t b = 0; b < ir->nblocks; b++)
        for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
            const IrEvent *ev = &ir->blocks[b].events[e];
            if (ev->loc.line <= after || ev->kind != IR_EV_CALL || !ev->call) continue;
            if (is_join_call(p, ev)) return true;
            const CallInfo *ci = program_call(p, ev);
            if (!ci || ci->kind == CALL_API) continue;
            for (uint32_t k = 0; k < ci->targets.n; k++)
                if (ci->targets.v[k] < p->link.funcs.len && joining[ci->targets.v[k]]) return true;
        }
    return false;
}

/* A store of a pointer into memory: a plain assignment, or an atomic
 * store, exchange or compare-exchange into an object named by its address
 * (`atomic_store(&current, &cfg)`). Its destination and stored value. */
static bool pointer_store(const Program *p, const IrEvent *ev, const IrPath **dest, const IrOperand **src) {
    if (ev->kind == IR_EV_ASSIGN) {
        if (!ev->src || !(ev->flags & IR_EV_POINTER)) return false;
        *dest = &ev->path;
        *src = ev->src;
        return true;
    }
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC || ci->api->access == ATOMIC_READ) return false;
    const ApiModel *m = ci->api;
    if (m->object < 0 || (uint32_t)m->object >= ev->call->nargs || m->value < 0 ||
        (uint32_t)m->value >= ev->call->nargs || ev->call->args[m->object].kind != IR_OPD_ADDR ||
        ev->call->args[m->object].offset)
        return false;
    *dest = &ev->call->args[m->object].path;
    *src = &ev->call->args[m->value];
    return true;
}

/* Does loop l of f wait (a condition wait, or a blocking semaphore wait)? */
static bool loop_waits_blocking(const Program *p, const IrFunc *f, const IrDefUse *du, int32_t l) {
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_defuse_block_in_loop(du, b, l)) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
            if (ci && ci->kind == CALL_API &&
                (ci->api->kind == API_COND_WAIT || (ci->api->kind == API_SEM_WAIT && !ci->api->has_success)))
                return true;
        }
    }
    return false;
}

/* Is block b the header of a loop that waits, whose header reads local v
 * by name (`while (!req.done) pthread_cond_wait(..)`), and that is left
 * only through its header's test (no `break` on a timeout)? */
static bool awaits_local(const Program *p, const IrFunc *f, const IrDefUse *du, uint32_t b, uint32_t v) {
    for (uint32_t l = 0; l < f->nloops; l++) {
        if (f->loops[l].header != b) continue;
        bool one_exit = true;
        for (uint32_t x = 0; x < f->nblocks && one_exit; x++) {
            if (x == b || !ir_defuse_block_in_loop(du, x, (int32_t)l)) continue;
            for (uint32_t k = 0; k < f->blocks[x].nsucc && one_exit; k++)
                one_exit = f->blocks[x].succ[k] >= f->nblocks || ir_defuse_block_in_loop(du, f->blocks[x].succ[k], (int32_t)l);
            one_exit &= f->blocks[x].term.kind != IR_TERM_RETURN;
        }
        if (!one_exit) continue;
        bool reads = false;
        for (uint32_t e = 0; e < f->blocks[b].nevents && !reads; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            reads = ev->kind == IR_EV_READ && ev->path.root == IR_ROOT_LOCAL && ev->path.id == v;
        }
        if (reads && loop_waits_blocking(p, f, du, (int32_t)l)) return true;
    }
    return false;
}

/* Does every path from event e of block b (the store of local v's address)
 * to a return pass such a completion wait? */
static bool store_awaited(const Program *p, uint32_t func, uint32_t b0, uint32_t v) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse((Program *)p, f);
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    uint32_t *stack = xmalloc(f->nblocks * sizeof(uint32_t)), sp = 0;
    bool ok = true;
    stack[sp++] = b0;
    seen[b0] = true;
    while (sp && ok) {
        uint32_t b = stack[--sp];
        if (b != b0 && awaits_local(p, f, du, b, v)) continue;
        if (f->blocks[b].term.kind == IR_TERM_RETURN) ok = false;
        for (uint32_t k = 0; k < f->blocks[b].nsucc; k++) {
            uint32_t s = f->blocks[b].succ[k];
            if (s < f->nblocks && !seen[s]) seen[s] = true, stack[sp++] = s;
        }
    }
    free(seen);
    free(stack);
    return ok;
}

FactsPublish *facts_local_publications(const Program *p, size_t *n) {
    VEC(FactsPublish) out = {0};
    uint8_t *joining = joining_functions(p);
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        if (!p->link.funcs.data[f].reachable || !func_threads(p, (uint32_t)f)->n) continue;
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                const IrPath *dest;
                const IrOperand *src;
                if (!pointer_store(p, ev, &dest, &src)) continue;
                if (src->kind != IR_OPD_ADDR && src->kind != IR_OPD_VALUE) continue;
                bool deref = false;
                for (uint32_t k = 0; k < src->path.nsteps; k++) deref |= src->path.steps[k].kind == IR_STEP_DEREF;
                if (deref || (src->kind == IR_OPD_VALUE && src->path.nsteps)) continue;
                if (!shared_destination(p, (uint32_t)f, dest)) continue;
                uint32_t obj = root_obj(p, (uint32_t)f, &src->path);
                if (obj == UINT32_MAX || obj >= p->pt.objs.len || p->pt.objs.data[obj].root == UINT32_MAX) continue;
                FactsArgLocal locals[4];
                size_t nl = 0;
                uint32_t root = p->pt.objs.data[obj].root;
                if (src->kind == IR_OPD_ADDR) {
                    arg_local_add(p, root, locals, 4, &nl);
                } else {
                    /* a parameter that only ever points at locals (a helper
                     * handed a caller's local): merged points-to sets of
                     * other pointers are too wide to accuse a store */
                    if (src->path.root != IR_ROOT_LOCAL || src->path.id >= ir->nlocals ||
                        !(ir->locals[src->path.id].flags & IR_LOCAL_PARAM))
                        continue;
                    const IdSet *pts = &p->pt.nodes.data[pt_rep(p, root)].pts;
                    bool only_locals = pts->n && pts->n <= 4;
                    for (uint32_t k = 0; k < pts->n && only_locals; k++)
                        only_locals = p->pt.objs.data[p->pt.nodes.data[pts->v[k]].obj].kind == OBJ_LOCAL;
                    if (!only_locals) continue;
                    for (uint32_t k = 0; k < pts->n; k++) arg_local_add(p, pts->v[k], locals, 4, &nl);
                }
                if (!nl) continue;
                FactsPublish fp;
                memset(&fp, 0, sizeof fp);
                fp.func = (uint32_t)f;
                fp.loc = srcloc(ev->loc);
                ir_path_str(ir, dest, fp.target, sizeof fp.target);
                fp.local = locals[0];
                /* cleared: the same destination stored again further down */
                for (uint32_t b2 = 0; b2 < ir->nblocks && !fp.cleared; b2++)
                    for (uint32_t e2 = 0; e2 < ir->blocks[b2].nevents && !fp.cleared; e2++) {
                        const IrEvent *x = &ir->blocks[b2].events[e2];
                        const IrPath *xd;
                        const IrOperand *xs;
                        fp.cleared = x != ev && x->loc.line > ev->loc.line &&
                                     ((x->kind == IR_EV_ASSIGN && ir_path_equal(&x->path, dest)) ||
                                      (x->kind == IR_EV_CALL && pointer_store(p, x, &xd, &xs) && ir_path_equal(xd, dest)));
                    }
                fp.joined_after = joins_after(p, (uint32_t)f, ev->loc.line, joining);
                fp.awaited = src->kind == IR_OPD_ADDR && src->path.root == IR_ROOT_LOCAL &&
                             store_awaited(p, (uint32_t)f, b, src->path.id);
                vec_push(&out, fp);
            }
    }
    free(joining);
    *n = out.len;
    return out.data;
}

size_t facts_access_call_chain(const Program *p, const Access *a, FactsCall *out, size_t max) {
    const Thread *t = &p->tm.threads.data[a->site->thread];
    if (idset_has(&t->routines, a->site->func)) return 0;
    size_t nf = p->link.funcs.len;
    typedef struct { uint32_t from; const IrEvent *ev; bool indirect; } Parent;
    Parent *par = xmalloc(nf * sizeof(Parent));
    uint8_t *seen = xcalloc(nf ? nf : 1, 1);
    uint32_t *queue = xmalloc(nf * sizeof(uint32_t));
    size_t qh = 0, qt = 0;
    for (uint32_t i = 0; i < t->routines.n; i++)
        if (t->routines.v[i] < nf && !seen[t->routines.v[i]]) {
            seen[t->routines.v[i]] = 1;
            queue[qt++] = t->routines.v[i];
        }
    bool found = false;
    while (qh < qt && !found) {
        uint32_t f = queue[qh++];
        const IrFunc *ir = p->link.funcs.data[f].ir;
        for (uint32_t b = 0; ir && b < ir->nblocks && !found; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents && !found; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                const CallInfo *ci = ev->kind == IR_EV_CALL ? program_call(p, ev) : NULL;
                if (!ci || ci->kind == CALL_API) continue; /* spawns start other threads */
                for (uint32_t k = 0; k < ci->targets.n; k++) {
                    uint32_t g = ci->targets.v[k];
                    if (g >= nf || seen[g] || !idset_has(&t->funcs, g)) continue;
                    seen[g] = 1;
                    par[g] = (Parent){f, ev, ci->kind == CALL_INDIRECT};
                    queue[qt++] = g;
                    if (g == a->site->func) {
                        found = true;
                        break;
                    }
                }
            }
    }
    size_t n = 0;
    if (found) {
        /* the routines are the search's seeds: every other function on the
         * way has a parent */
        for (uint32_t g = a->site->func; !idset_has(&t->routines, g); g = par[g].from) n++;
        size_t i = n;
        for (uint32_t g = a->site->func; i > 0; g = par[g].from) {
            i--;
            if (i < max)
                out[i] = (FactsCall){p->link.funcs.data[par[g].from].ir->name, srcloc(par[g].ev->loc),
                                     p->link.funcs.data[g].ir->name, par[g].indirect};
        }
    }
    free(par);
    free(seen);
    free(queue);
    return n;
}

/* ---- per-thread slots (false-sharing) ------------------------------------------ */

/* The path the access went through: the event's, or the object operand of
 * an atomic call when it is an address (`&counters[id]`; through a pointer
 * variable the element is not named). */
static bool access_path(const Program *p, const Access *a, IrPath *out) {
    if (a->site->ev->kind == IR_EV_READ || a->site->ev->kind == IR_EV_WRITE) {
        *out = a->site->ev->path;
        return true;
    }
    const CallInfo *ci = a->site->ev->kind == IR_EV_CALL && a->site->ev->call ? program_call(p, a->site->ev) : NULL;
    if (!ci || ci->kind != CALL_API || ci->api->object < 0 || (uint32_t)ci->api->object >= a->site->ev->call->nargs)
        return false;
    const IrOperand *op = &a->site->ev->call->args[ci->api->object];
    if (op->kind != IR_OPD_ADDR || op->offset) return false;
    *out = op->path;
    return true;
}

/* Narrow [offset, offset + width) of the element by the steps after it. */
static bool slot_narrow(FactsSlot *s, const IrStep *steps, uint32_t from, uint32_t n) {
    for (uint32_t i = from; i < n; i++) {
        const IrStep *st = &steps[i];
        if (st->kind == IR_STEP_DEREF) return false; /* leaves the element */
        if (st->kind == IR_STEP_FIELD && st->field_size) {
            s->offset += st->field_offset;
            s->width = st->field_size;
        } else if (st->kind == IR_STEP_INDEX && st->index_kind == IR_INDEX_CONST && st->elem_size && st->value >= 0 &&
                   (uint64_t)st->value * st->elem_size + st->elem_size <= s->width) {
            s->offset += (uint32_t)st->value * st->elem_size;
            s->width = st->elem_size;
        } else {
            break; /* a field of unknown layout, another index: the range stays */
        }
    }
    if (s->offset + (uint64_t)s->width > s->elem_size) { /* inconsistent: the whole element */
        s->offset = 0;
        s->width = s->elem_size;
    }
    return true;
}

/* Does the path, past step `from`, index with a local the loop writes
 * (`row[id][k]` in `for (k ..)`, `g->leaf[i]` in `for (i ..)`): the loop,
 * in no other, sweeps the element once rather than hammering one slot? */
static bool sweeps_once(const IrFunc *f, const IrDefUse *du, int32_t loop, const IrPath *path, uint32_t from) {
    if (loop < 0 || f->loops[loop].parent >= 0) return false;
    for (uint32_t i = from; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_INDEX && path->steps[i].index_kind == IR_INDEX_LOCAL &&
            ir_defuse_written_in_loop(du, path->steps[i].local, loop))
            return true;
    return false;
}

/* Does function func call nothing (atomics aside)? */
static bool func_leaf(const Program *p, uint32_t func) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) return false;
        }
    return true;
}

/* Does loop `loop` of func call nothing but leaf functions and atomics? */
static bool loop_tight(const Program *p, uint32_t func, int32_t loop) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrDefUse *du = model_defuse(p, f);
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_defuse_block_in_loop(du, b, loop)) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (ci && ci->kind == CALL_API && ci->api->kind == API_ATOMIC) continue;
            if (!ci || ci->kind != CALL_INTERNAL || !func_leaf(p, ci->callee)) return false;
        }
    }
    return true;
}

/* Is leaf function func called from a tight loop of one of its callers? */
static bool called_in_tight_loop(const Program *p, uint32_t func) {
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    for (uint32_t c = 0; c < callers->n; c++) {
        const IrFunc *g = p->link.funcs.data[callers->v[c]].ir;
        for (uint32_t b = 0; b < g->nblocks; b++) {
            if (g->blocks[b].loop < 0) continue;
            for (uint32_t e = 0; e < g->blocks[b].nevents; e++) {
                const IrEvent *ev = &g->blocks[b].events[e];
                const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
                if (ci && ci->kind == CALL_INTERNAL && ci->callee == func && loop_tight(p, callers->v[c], g->blocks[b].loop))
                    return true;
            }
        }
    }
    return false;
}

bool facts_access_member(const Program *p, const Access *a, FactsMember *out) {
    memset(out, 0, sizeof *out);
    IrPath path;
    if (!access_path(p, a, &path) || path.root != IR_ROOT_GLOBAL || !path.usr || !path.nsteps) return false;
    for (uint32_t i = 0; i < path.nsteps; i++) {
        const IrStep *st = &path.steps[i];
        if (st->kind != IR_STEP_FIELD || !st->field_size) return false;
        out->offset += st->field_offset;
        out->width = st->field_size;
    }
    const IrFunc *f = p->link.funcs.data[a->site->func].ir;
    IrEventId id;
    out->global = path.usr;
    out->func = a->site->func;
    int32_t loop = ir_defuse_event_id(model_defuse(p, f), a->site->ev, &id) ? f->blocks[id.block].loop : -1;
    out->tight = loop >= 0 ? loop_tight(p, a->site->func, loop)
                           : func_leaf(p, a->site->func) && called_in_tight_loop(p, a->site->func);
    return true;
}

bool facts_access_slot(const Program *p, const Access *a, FactsSlot *out) {
    memset(out, 0, sizeof *out);
    IrPath path;
    if (!access_path(p, a, &path)) return false;
    const IrFunc *f = p->link.funcs.data[a->site->func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId id;
    out->func = a->site->func;
    int32_t loop = ir_defuse_event_id(du, a->site->ev, &id) ? f->blocks[id.block].loop : -1;
    out->in_loop = loop >= 0;
    uint32_t at = UINT32_MAX;
    if (a->site->inst_private && a->site->inst_step < INST_STEP_COPY) {
        at = a->site->inst_step;
    } else if (a->site->inst_private && a->site->inst_step == INST_STEP_COPY) {
        /* through `sc = &scratch[id]`: the element's layout is that index step's */
        const IrEvent *as = path.root == IR_ROOT_LOCAL ? ir_defuse_sole_assign(du, ir_defuse_local(du, path.id)) : NULL;
        const IrOperand *src = as ? as->src : NULL;
        if (!src || src->kind != IR_OPD_ADDR || !src->path.nsteps) return false;
        const IrStep *last = &src->path.steps[src->path.nsteps - 1];
        if (last->kind != IR_STEP_INDEX || !last->elem_size || !last->elem_align) return false;
        out->instance = true;
        out->elem_size = last->elem_size;
        out->elem_align = last->elem_align;
        out->width = last->elem_size;
        out->sweep_once = sweeps_once(f, du, loop, &path, 1);
        return slot_narrow(out, path.steps, 1, path.nsteps);
    } else if (a->site->inst_private) {
        /* through the parameter into the element handed over (`&args[i]`):
         * the element's layout is the spawn argument's */
        const Thread *t = &p->tm.threads.data[a->site->thread];
        const IrEvent *sp = t->spawn_ev;
        const CallInfo *ci = sp && sp->kind == IR_EV_CALL && sp->call ? program_call(p, sp) : NULL;
        if (!ci || ci->kind != CALL_API || ci->api->arg < 0 || (uint32_t)ci->api->arg >= sp->call->nargs) return false;
        const IrOperand *arg = &sp->call->args[ci->api->arg];
        if (arg->kind != IR_OPD_ADDR || !arg->path.nsteps) return false;
        const IrStep *last = &arg->path.steps[arg->path.nsteps - 1];
        if (last->kind != IR_STEP_INDEX || last->index_kind != IR_INDEX_LOCAL || !last->elem_size) return false;
        if (!path.nsteps || path.steps[0].kind != IR_STEP_DEREF) return false;
        out->instance = true;
        out->elem_size = last->elem_size;
        out->elem_align = last->elem_align;
        out->width = last->elem_size;
        out->sweep_once = sweeps_once(f, du, loop, &path, 1);
        return slot_narrow(out, path.steps, 1, path.nsteps);
    } else {
        for (uint32_t i = 0; i < path.nsteps && at == UINT32_MAX; i++)
            if (path.steps[i].kind == IR_STEP_INDEX && path.steps[i].index_kind == IR_INDEX_CONST) at = i;
    }
    if (at >= path.nsteps) return false;
    const IrStep *st = &path.steps[at];
    if (st->kind != IR_STEP_INDEX || !st->elem_size || !st->elem_align) return false;
    out->instance = a->site->inst_private;
    out->index = st->index_kind == IR_INDEX_CONST ? st->value : 0;
    out->global_array = path.root == IR_ROOT_GLOBAL;
    for (uint32_t i = 0; i < at; i++)
        if (path.steps[i].kind == IR_STEP_INDEX && path.steps[i].index_kind != IR_INDEX_CONST) out->global_array = false;
    out->elem_size = st->elem_size;
    out->elem_align = st->elem_align;
    out->width = st->elem_size;
    out->sweep_once = sweeps_once(f, du, loop, &path, at + 1);
    return slot_narrow(out, path.steps, at + 1, path.nsteps);
}

/* ---- read, then write back (the write-backs themselves: writeback.c) ------------------ */

uint8_t facts_access_op(const Program *p, const Access *a) {
    const IrEvent *ev = a->site->ev;
    if (ev->kind == IR_EV_CALL) {
        const CallInfo *ci = ev->call ? program_call(p, ev) : NULL;
        if (!ci || ci->kind != CALL_API || !api_atomic_access(ci->api))
            return a->site->write ? FACTS_OP_WRITE : FACTS_OP_READ;
        return ci->api->access == ATOMIC_READ    ? FACTS_OP_ATOMIC_LOAD
               : ci->api->access == ATOMIC_WRITE ? FACTS_OP_ATOMIC_STORE
                                                 : FACTS_OP_ATOMIC_RMW;
    }
    bool rmw = (ev->flags & IR_EV_RMW) != 0;
    if (a->atomic) return rmw ? FACTS_OP_ATOMIC_RMW : a->site->write ? FACTS_OP_ATOMIC_STORE : FACTS_OP_ATOMIC_LOAD;
    return rmw ? FACTS_OP_RMW : a->site->write ? FACTS_OP_WRITE : FACTS_OP_READ;
}

uint64_t facts_access_event(const Access *a) { return (uint64_t)(uintptr_t)a->site->ev; }

uint32_t facts_access_func(const Access *a) { return a->site->func; }
