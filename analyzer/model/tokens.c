/*
 * tokens.c - semaphore rings: semaphores that pass one token around.
 *
 *     // client (starts with the token)     // server
 *     for (k = 0; k < N; k++) {              for (k = 0; k < N; k++) {
 *         req.id = k;                            sem_wait(&req_ready);
 *         sem_post(&req_ready);                  req.status = f(req.id);
 *         sem_wait(&resp_ready);                 sem_post(&resp_ready);
 *         use(req.status);                   }
 *     }
 *
 * Both semaphores start at 0 and the client starts with the one token: it
 * passes it with its post of req_ready, the server takes it with its wait
 * and passes it back with its post of resp_ready, which the client's wait
 * takes. At any time at most one thread holds the token, and each holder's
 * turn happens after the previous one's (post before wait), so what the
 * threads do while holding it never races - as under one mutex, though no
 * semaphore is a lock on its own (each is posted by a thread that never
 * waited on it). A pipeline of stages (stage i waits on s[i], posts s[i+1],
 * one of the counts starting at 1) is a ring too.
 *
 * Detected (tokens_detect, stage sync-init): the semaphores one function
 * waits on or posts are one ring (union-find over their nodes, every
 * function); a ring of two or more semaphores, each initialised to a known
 * count by sem_init and named from a global (`req_ready`, `sems.s[1]`),
 * whose counts add up to at most 1, is a candidate. Its token is a
 * pseudo-lock (LockRef.token: not a lock object for the lock rules) named by
 * the path of one member: a wait on any member acquires it, a post of any
 * member releases it (flow.c), and the wait and post still count as a wait
 * and a post for the hand-off rules (sync.c). A thread whose routine's first
 * operation on the ring, on every path, is a post starts holding the token
 * (tokens_thread_entry: its entry's held locks).
 *
 * Kept (tokens_validate, stage sem-gates): a ring whose counts plus the
 * threads that start holding add up to at most one token, none of those
 * threads of many instances, and every post of it made holding the token
 * (tokens_post_check, in the per-thread recording: on every path, through
 * the callers). Otherwise the token is dropped from every access
 * (SyncFacts.rings_dropped) and the semaphores keep what they are on their
 * own: each is also a lock (initialised to 1, sync.c) or a hand-off, as
 * if it were in no ring.
 *
 * PRECISION: semaphores reached through pointers (a ring in a heap struct)
 * are no ring; a routine that reaches the ring first through a call is not
 * taken to start holding it. ASSUMPTION: the first operation of a
 * starting holder runs before any other thread's wait returns, as the
 * counts say (no count, no wait returns).
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

typedef struct RingScan {
    U64Map parent;  /* union-find over semaphore nodes: node -> parent node + 1 */
    U64Map path;    /* node -> index + 1 into paths: a global path naming it */
    VEC(IrPath) paths;
    IdSet frame;    /* nodes some wait or post names other than by a global path */
    IdSet all;      /* every node a wait or post names */
} RingScan;

static uint32_t uf_find(RingScan *s, uint32_t n) {
    uint64_t v;
    while (u64map_get(&s->parent, n, &v) && (uint32_t)(v - 1) != n) {
        uint64_t g;
        if (u64map_get(&s->parent, (uint32_t)(v - 1), &g)) u64map_put(&s->parent, n, g); /* halving */
        n = (uint32_t)(v - 1);
    }
    return n;
}

static void uf_add(RingScan *s, uint32_t n) {
    if (u64map_get(&s->parent, n, NULL)) return;
    u64map_put(&s->parent, n, (uint64_t)n + 1);
    idset_add(&s->all, n);
}

static void uf_union(RingScan *s, uint32_t a, uint32_t b) {
    a = uf_find(s, a);
    b = uf_find(s, b);
    if (a == b) return;
    if (a < b) u64map_put(&s->parent, b, (uint64_t)a + 1); /* the smallest node is the root */
    else u64map_put(&s->parent, a, (uint64_t)b + 1);
}

/* A path from a global through fields and constant indices: one name in
 * every frame. */
static bool global_path(const IrOperand *o) {
    if (o->kind != IR_OPD_ADDR || o->offset || o->path.root != IR_ROOT_GLOBAL) return false;
    for (uint32_t i = 0; i < o->path.nsteps; i++) {
        const IrStep *st = &o->path.steps[i];
        if (st->kind != IR_STEP_FIELD && !(st->kind == IR_STEP_INDEX && st->index_kind == IR_INDEX_CONST)) return false;
    }
    return true;
}

/* The semaphore argument of a sem-wait or sem-post call, or NULL. */
static const IrOperand *sem_arg(const Program *p, const IrEvent *ev) {
    if (ev->kind != IR_EV_CALL || !ev->call) return NULL;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || (ci->api->kind != API_SEM_WAIT && ci->api->kind != API_SEM_POST)) return NULL;
    int a = ci->api->sem;
    return a >= 0 && (uint32_t)a < ev->call->nargs ? &ev->call->args[a] : NULL;
}

void tokens_detect(Program *p) {
    if (!p->sync.sem_init.len) return;
    RingScan s;
    memset(&s, 0, sizeof s);
    u64map_init(&s.parent);
    u64map_init(&s.path);
    IdSet nodes = {0};
    for (size_t f = 0; f < p->link.funcs.len; f++) {
        if (!p->link.funcs.data[f].reachable) continue;
        const IrFunc *ir = p->link.funcs.data[f].ir;
        uint32_t first = UINT32_MAX;
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrOperand *o = sem_arg(p, &ir->blocks[b].events[e]);
                if (!o) continue;
                nodes.n = 0;
                pt_operand_targets(p, (uint32_t)f, o, &nodes);
                bool global = global_path(o) && nodes.n == 1;
                for (uint32_t i = 0; i < nodes.n; i++) {
                    uint32_t n = nodes.v[i];
                    uf_add(&s, n);
                    if (first == UINT32_MAX) first = n;
                    uf_union(&s, first, n);
                    if (!global) idset_add(&s.frame, n);
                    else if (!u64map_get(&s.path, n, NULL)) {
                        vec_push(&s.paths, o->path);
                        u64map_put(&s.path, n, s.paths.len);
                    }
                }
            }
    }
    idset_free(&nodes);
    /* the rings: by root, their members, their counts */
    U64Map ring_at; /* root -> index + 1 into rings */
    u64map_init(&ring_at);
    for (uint32_t k = 0; k < s.all.n; k++) {
        uint32_t n = s.all.v[k], r = uf_find(&s, n);
        uint64_t at, init;
        bool known = u64map_get(&p->sync.sem_init, n, &init) && init >= 1 && !idset_has(&s.frame, n) &&
                     u64map_get(&s.path, n, NULL);
        if (!u64map_get(&ring_at, r, &at)) {
            TokenRing t;
            memset(&t, 0, sizeof t);
            t.rep = r;
            t.lock = UINT32_MAX;
            vec_push(&p->sync.rings, t);
            at = p->sync.rings.len;
            u64map_put(&ring_at, r, at);
        }
        TokenRing *t = &p->sync.rings.data[at - 1];
        if (!known) {
            t->broken = true;
            continue;
        }
        t->tokens += init - 1;
        t->holders++; /* members, for now */
    }
    /* keep the rings of two or more members with at most one token */
    for (size_t i = 0; i < p->sync.rings.len; i++) {
        TokenRing *t = &p->sync.rings.data[i];
        uint64_t pi;
        if (t->broken || t->holders < 2 || t->tokens > 1 || !u64map_get(&s.path, t->rep, &pi)) {
            t->broken = true;
            continue;
        }
        t->holders = 0;
        t->lock = lock_intern_token(p, &s.paths.data[pi - 1]);
    }
    for (uint32_t k = 0; k < s.all.n; k++) {
        uint64_t at;
        if (u64map_get(&ring_at, uf_find(&s, s.all.v[k]), &at) && !p->sync.rings.data[at - 1].broken)
            u64map_put(&p->sync.ring_of, s.all.v[k], at);
    }
    u64map_free(&ring_at);
    u64map_free(&s.parent);
    u64map_free(&s.path);
    vec_free(&s.paths);
    idset_free(&s.frame);
    idset_free(&s.all);
}

uint32_t tokens_lock_of(Program *p, uint32_t func, const IrCall *call, int arg) {
    if (!p->sync.ring_of.len || arg < 0 || (uint32_t)arg >= call->nargs) return UINT32_MAX;
    IdSet nodes = {0};
    pt_operand_targets(p, func, &call->args[arg], &nodes);
    uint64_t ring = 0;
    for (uint32_t i = 0; i < nodes.n; i++) {
        uint64_t r;
        if (!u64map_get(&p->sync.ring_of, nodes.v[i], &r) || (ring && r != ring)) {
            ring = 0;
            break;
        }
        ring = r;
    }
    idset_free(&nodes);
    return ring ? p->sync.rings.data[ring - 1].lock : UINT32_MAX;
}

/* The ring (index + 1) a sem-wait or sem-post event of func names, with
 * *post set for a post; 0 for any other event. */
static uint64_t ring_op(Program *p, uint32_t func, const IrEvent *ev, bool *post) {
    const IrOperand *o = sem_arg(p, ev);
    if (!o) return 0;
    *post = program_call(p, ev)->api->kind == API_SEM_POST;
    IdSet nodes = {0};
    pt_operand_targets(p, func, o, &nodes);
    uint64_t r = 0;
    if (nodes.n == 1) u64map_get(&p->sync.ring_of, nodes.v[0], &r);
    idset_free(&nodes);
    return r;
}

/* May func, or a function it calls (depth 4; deeper counts as yes), wait
 * on or post a member of ring r? */
static bool touches_ring(Program *p, uint32_t func, uint64_t r, int depth) {
    if (depth > 4) return true;
    const IrFunc *f = p->link.funcs.data[func].ir;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            bool post;
            if (ring_op(p, func, ev, &post) == r) return true;
            const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
            if (!ci || (ci->kind != CALL_INTERNAL && ci->kind != CALL_INDIRECT)) continue;
            for (uint32_t k = 0; k < ci->targets.n; k++)
                if (ci->targets.v[k] != func && touches_ring(p, ci->targets.v[k], r, depth + 1)) return true;
        }
    return false;
}

/* Is routine func's first operation on ring r a post on every path that
 * has one (and some path has one): no wait, and no call that may operate
 * on it, comes first? */
static bool starts_holding(Program *p, uint32_t func, uint64_t r) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (!f->nblocks) return false;
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    uint32_t *stack = xmalloc(f->nblocks * sizeof(uint32_t)), sp = 0;
    bool posts = false, other = false;
    stack[sp++] = 0;
    seen[0] = true;
    while (sp && !other) {
        uint32_t b = stack[--sp];
        bool stop = false;
        for (uint32_t e = 0; e < f->blocks[b].nevents && !stop && !other; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            bool post = false;
            if (ring_op(p, func, ev, &post) == r) {
                if (post) posts = true;
                else other = true;
                stop = true;
                continue;
            }
            const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
            if (ci && (ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT))
                for (uint32_t k = 0; k < ci->targets.n && !other; k++) other = touches_ring(p, ci->targets.v[k], r, 1);
        }
        if (stop) continue;
        for (uint32_t k = 0; k < f->blocks[b].nsucc; k++) {
            uint32_t s = f->blocks[b].succ[k];
            if (s < f->nblocks && !seen[s]) seen[s] = true, stack[sp++] = s;
        }
    }
    free(seen);
    free(stack);
    return posts && !other;
}

void tokens_thread_entry(Program *p, uint32_t t, IdSet *held) {
    const Thread *th = &p->tm.threads.data[t];
    for (size_t i = 0; i < p->sync.rings.len; i++) {
        TokenRing *r = &p->sync.rings.data[i];
        if (r->broken) continue;
        bool holds = th->routines.n > 0;
        for (uint32_t k = 0; k < th->routines.n && holds; k++) holds = starts_holding(p, th->routines.v[k], i + 1);
        if (!holds) continue;
        idset_add(held, r->lock);
        r->holders++;
        if (model_thread_many(p, t)) r->broken = true; /* a token per instance */
    }
}

void tokens_post_check(Program *p, uint32_t lock, const FlowState *st) {
    if (idset_has(&st->held, lock)) return;
    for (size_t i = 0; i < p->sync.rings.len; i++)
        if (p->sync.rings.data[i].lock == lock) p->sync.rings.data[i].broken = true;
}

/* A held token (HeldLock.flag: pseudo; a member's node: no flag lock's)
 * of a dropped ring. */
static bool dropped_token(const Program *p, const HeldLock *l) {
    return l->flag && idset_has(&p->sync.rings_dropped, l->node);
}

void tokens_validate(Program *p) {
    for (size_t i = 0; i < p->sync.rings.len; i++) {
        TokenRing *r = &p->sync.rings.data[i];
        if (r->lock == UINT32_MAX) continue; /* never a candidate */
        if (r->broken || r->tokens + r->holders > 1) idset_add(&p->sync.rings_dropped, r->rep);
    }
    if (p->sync.rings_dropped.n) model_drop_locks(p, dropped_token);
}
