/*
 * lockevents.c - stage lock-events: every function's lock events as the
 * function itself sees them, for the lock rules (double-lock, lock-leak,
 * unlock-not-held, lock-order, condvar-wait-not-in-loop) through facts.h.
 *
 * Model. Each reached function is run once by the flow engine (flow.c) from
 * an entry holding nothing, calls applying their callees' lock summaries
 * (lockset.c) - the view of the function's own code, independent of the
 * threads and callers that reach it. A lock-event listener records each
 * acquisition, release and condition wait with the locks surely held just
 * before it; the final visit records each call of program functions with
 * the locks held at it, and a return event each return with the locks it
 * leaves held. Callers'
 * locks are joined in by the checks through call sites: per call, the
 * locks its callees may acquire without holding them first, or release without having taken them (`via`), translated into the
 * caller's frame bottom-up to a fixpoint (lock_to_caller), each with the
 * deepest site that does it, so a finding can point at both the call made
 * with the lock held and the acquisition in the helper.
 *
 * A call passing a constant for a parameter its callee compares with a
 * constant (== or !=) carries up only what the callee does on the
 * branches that constant allows (decided_succ, call_reaches).
 *
 * A lock the callers cannot name (a callee's local pointer), returned
 * held or released untaken, goes up by the callee's name (raw), compared
 * by lock objects only; facts_lock_site_after_result says whether a site
 * is reached only through a test of what a call gave back, for the checks
 * that then pair such a release with the call that returned the lock.
 *
 * Also here: which mutex objects are recursive - initialised by
 * pthread_mutex_init with an attribute pthread_mutexattr_settype set to
 * PTHREAD_MUTEX_RECURSIVE, or by C11 mtx_init with mtx_recursive in its
 * type (or to a type that is not a constant: PRECISION, taken as possibly
 * recursive) - and, per wait, whether it sits
 * in a loop that goes back to its test without releasing a lock (the
 * `while (!pred) wait(..)` form, the predicate in a helper or not; a wait
 * in a wrapper forwarding its condition-variable parameter is judged at
 * the wrapper's calls).
 *
 * PRECISION: the static PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP is not
 * recognised as recursive; a lock whose path goes through a pointer the
 * function reassigns (`n = n->next`) is not taken for the same lock at two
 * sites (facts_same_lock).
 */
#include "flow.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PRECISION: a lock taken or released more than LEV_MAX_VIA_DEPTH calls
 * below a call is not carried up to it: on large programs such chains run
 * through imprecisely resolved function pointers and panic paths far more
 * often than through code a programmer would follow. A function keeps at
 * most LEV_MAX_VIA_PER_CALL such locks, and the propagation stops after
 * LEV_MAX_VIA_ROUNDS rounds; each limit, when reached, is a note. */
enum { LEV_MAX_VIA_ROUNDS = 10, LEV_MAX_VIA_PER_CALL = 64, LEV_MAX_VIA_DEPTH = 6 };

typedef struct LevCtx {
    Program *p;
    uint32_t func;
} LevCtx;

static IrLoc term_loc(const IrFunc *f, const IrTerm *t) {
    return t->loc.file ? t->loc : f->loc;
}

static void push_site(Program *p, LockSite s) {
    vec_push(&p->lev.sites, s);
}

/* The call whose result the value names (a temp it defines, or a local
 * assigned once from one), or NULL. */
static const IrEvent *result_call(const Program *p, const IrFunc *f, const IrOperand *v) {
    if (v->kind != IR_OPD_VALUE || v->path.nsteps) return NULL;
    const IrDefUse *du = model_defuse(p, f);
    uint32_t temp = v->path.id;
    if (v->path.root == IR_ROOT_LOCAL) {
        const IrVarDefs *d = ir_defuse_local(du, v->path.id);
        if (!d || !d->has_assign || d->ndefs != 1) return NULL;
        const IrEvent *as = ir_event_at(f, d->assign);
        if (as->src->kind != IR_OPD_VALUE || as->src->path.nsteps || as->src->path.root != IR_ROOT_TEMP) return NULL;
        temp = as->src->path.id;
    } else if (v->path.root != IR_ROOT_TEMP) {
        return NULL;
    }
    const IrVarDefs *d = ir_defuse_temp(du, temp);
    if (!d || !d->has_def) return NULL;
    const IrEvent *ev = ir_event_at(f, d->def);
    return ev->kind == IR_EV_CALL && ev->call ? ev : NULL;
}

/* Is the return in block b reached only as the failure branch of a test of
 * a lock call's result - a lock API, or a function returning with a lock
 * held - taking 0 for success (`if (lock(..) != 0) return ERR;`: POSIX,
 * C11 thrd_success, nginx's NGX_OK)? The lock was not taken there. */
static bool return_after_failed_lock(Program *p, uint32_t func, uint32_t b) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    uint32_t pred = UINT32_MAX, npred = 0;
    for (uint32_t x = 0; x < f->nblocks; x++)
        for (uint32_t k = 0; k < f->blocks[x].nsucc; k++)
            if (f->blocks[x].succ[k] == b) pred = x, npred++;
    if (npred != 1 || pred == b) return false;
    const IrBlock *pb = &f->blocks[pred];
    const IrTerm *t = &pb->term;
    if (t->kind != IR_TERM_BRANCH || pb->nsucc != 2 || t->rhs != 0) return false;
    uint32_t fail;
    if (t->cmp == IR_CMP_NE) fail = pb->succ[0];
    else if (t->cmp == IR_CMP_EQ) fail = pb->succ[1];
    else return false;
    if (fail != b) return false;
    const IrEvent *call = result_call(p, f, &t->cond);
    const CallInfo *ci = call ? program_call(p, call) : NULL;
    if (!ci) return false;
    if (ci->kind == CALL_API) return ci->api->kind == API_LOCK;
    for (uint32_t k = 0; k < ci->targets.n; k++)
        if (p->lock.summaries.data[ci->targets.v[k]].acq_locks.n) return true;
    return false;
}

/* A site of func at loc with the locks held in st, no lock and no targets
 * yet. */
static LockSite site_at(Program *p, uint8_t kind, uint32_t func, IrLoc loc, const FlowState *st) {
    LockSite s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.func = func;
    s.loc = loc;
    s.lock = UINT32_MAX;
    s.targets = UINT32_MAX;
    s.held = model_intern_locks(p, &st->held);
    return s;
}

static void lev_return(LevCtx *c, uint32_t func, const IrTerm *t, const FlowState *st) {
    Program *p = c->p;
    LockSite s = site_at(p, FACTS_SITE_RETURN, func, term_loc(p->link.funcs.data[func].ir, t), st);
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrBlock *bb = (const IrBlock *)(const void *)((const char *)t - offsetof(IrBlock, term));
    s.after_failed_lock = return_after_failed_lock(p, func, (uint32_t)(bb - f->blocks));
    s.ret_value = t->ret.kind != IR_OPD_UNKNOWN;
    s.ret_const = t->ret.kind == IR_OPD_CONST;
    if (s.ret_const) s.ret_const_value = t->ret.value;
    /* a value the lowering does not track (arithmetic) is still a value:
     * UNKNOWN also stands for `return;` - told apart by nothing, so both
     * count as "no value" (PRECISION) */
    push_site(p, s);
}

/* The condition variable a wait names, as written ("q->ready"), or NULL. */
static const char *wait_cond(Program *p, uint32_t func, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->cond < 0 || (uint32_t)ci->api->cond >= ev->call->nargs) return NULL;
    const IrOperand *op = &ev->call->args[ci->api->cond];
    char buf[512];
    if (op->kind == IR_OPD_ADDR) ir_path_str(p->link.funcs.data[func].ir, &op->path, buf, sizeof buf);
    else if (op->kind == IR_OPD_VALUE) {
        char inner[500];
        ir_path_str(p->link.funcs.data[func].ir, &op->path, inner, sizeof inner);
        snprintf(buf, sizeof buf, "*%s", inner);
    } else return NULL;
    return intern(&p->strings, buf);
}

/* The branch guarding the event's block: its only predecessor ends in a
 * branch on a path compared with a constant; *eq says whether on the edge
 * to the block the path's value equals the constant. */
static const IrTerm *event_guard(Program *p, uint32_t func, const IrEvent *ev, bool *eq) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    IrEventId id;
    if (!ir_defuse_event_id(model_defuse(p, f), ev, &id)) return NULL;
    uint32_t pred = UINT32_MAX, npred = 0;
    for (uint32_t x = 0; x < f->nblocks && npred < 2; x++)
        for (uint32_t k = 0; k < f->blocks[x].nsucc; k++)
            if (f->blocks[x].succ[k] == id.block) pred = x, npred++;
    if (npred != 1) return NULL;
    const IrBlock *pb = &f->blocks[pred];
    const IrTerm *t = &pb->term;
    if (t->kind != IR_TERM_BRANCH || pb->nsucc != 2 || pb->succ[0] == pb->succ[1] || t->cond.kind != IR_OPD_VALUE ||
        (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE))
        return NULL;
    bool holds = pb->succ[0] == id.block;
    *eq = (t->cmp == IR_CMP_EQ) == holds;
    return t;
}

/* May locks a and b (lock refs) be one object? */
static bool lev_may_same(Program *p, uint32_t a, uint32_t b) {
    if (a == b) return true;
    const IdSet *x = lock_nodes(p, a), *y = lock_nodes(p, b);
    return x && y && idset_intersects(x, y);
}

static void lev_on_event(void *ctx, Program *p, const LockEvent *e, FlowState *st) {
    LevCtx *c = ctx;
    if (e->lock != UINT32_MAX && lock_is_pseudo(&p->lock.refs.data[e->lock])) return; /* not a lock object */
    /* the taken / unlocked sets (flow.h), kept in every round */
    if (e->kind == LOCK_EV_ACQUIRE || e->kind == LOCK_EV_TRY_SUCCESS) {
        idset_add(&st->taken, e->lock);
        /* earlier unlocks end with this lock, or one that may be it */
        for (uint32_t i = st->unlocked.n; i-- > 0;)
            if (lev_may_same(p, st->unlocked.v[i], e->lock)) idset_remove(&st->unlocked, st->unlocked.v[i]);
    }
    bool lost = e->kind == LOCK_EV_RELEASE && idset_has(&st->taken, e->lock) && !idset_has(&st->unlocked, e->lock) &&
                !idset_has(&st->held, e->lock);
    bool again = e->kind == LOCK_EV_RELEASE && idset_has(&st->unlocked, e->lock) && !idset_has(&st->held, e->lock);
    st->unlocked_again = again; /* for lockset_listener, next */
    if (e->kind == LOCK_EV_RELEASE) idset_add(&st->unlocked, e->lock);
    if (!e->final) return;
    if (e->kind == LOCK_EV_RETURN) {
        lev_return(c, e->func, e->term, st);
        return;
    }
    LockSite s = site_at(p, 0, c->func, e->ev->loc, st); /* the kind below */
    s.ev = e->ev;
    s.lock = e->lock;
    if (e->kind == LOCK_EV_ACQUIRE || e->kind == LOCK_EV_RELEASE) s.guard = event_guard(p, c->func, e->ev, &s.guard_eq);
    if (e->kind == LOCK_EV_ACQUIRE) {
        s.kind = FACTS_SITE_ACQUIRE;
        const CallInfo *ci = program_call(p, e->ev);
        s.recursive = ci && ci->kind == CALL_API && ci->api->recursive;
    } else if (e->kind == LOCK_EV_RELEASE) {
        s.kind = FACTS_SITE_RELEASE;
        s.lost = lost;
        s.again = again;
        const CallInfo *ci = program_call(p, e->ev);
        s.semaphore = ci && ci->kind == CALL_API && ci->api->kind == API_SEM_POST;
    } else if (e->kind == LOCK_EV_WAIT) {
        s.kind = FACTS_SITE_WAIT;
        s.cond = wait_cond(p, c->func, e->ev);
    } else {
        return;
    }
    push_site(p, s);
}

static void lev_call(void *ctx, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st) {
    LevCtx *c = ctx;
    Program *p = c->p;
    /* a direct call of a function that releases a held lock on every path
     * (`release()` doing `unlock(&m)`) unlocks it as the code's own unlock
     * would (FlowState.unlocked: a later unlock is a second one) */
    IdSet gone = {0};
    if (ci->kind == CALL_INTERNAL && ci->targets.n == 1) {
        const IdSet *mr = &p->lock.summaries.data[ci->targets.v[0]].must_rel;
        for (uint32_t i = 0; i < mr->n; i++) {
            uint32_t l = lock_to_caller(p, p->lock.summaries.data[ci->targets.v[0]].must_rel.v[i], func, ev->call);
            if (l != UINT32_MAX && idset_has(&st->held, l)) idset_add(&gone, l);
            mr = &p->lock.summaries.data[ci->targets.v[0]].must_rel;
        }
    }
    lockset_apply_call(p, func, ev, ci, st);
    for (uint32_t i = 0; i < gone.n; i++)
        if (!idset_has(&st->held, gone.v[i])) idset_add(&st->unlocked, gone.v[i]);
    idset_free(&gone);
}

static void lev_visit(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st) {
    LevCtx *c = ctx;
    Program *p = c->p;
    if (ev->kind != IR_EV_CALL || !ev->call) return;
    const CallInfo *ci = program_call(p, ev);
    if (ci && ci->kind == CALL_API && ci->api->kind == API_EXIT && st->reached) {
        /* the thread ends here (pthread_exit, thrd_exit): the function's
         * locks still held are never released - a return for lock-leak */
        LockSite s = site_at(p, FACTS_SITE_RETURN, func, ev->loc, st);
        s.thread_exit = true;
        push_site(p, s);
        return;
    }
    if (!ci || ci->kind == CALL_API || !ci->targets.n) return;
    LockSite s = site_at(p, FACTS_SITE_CALL, func, ev->loc, st);
    s.ev = ev;
    s.targets = model_intern_set(p, &ci->targets);
    s.fallback = ci->fallback;
    push_site(p, s);
}

/* ---- recursive mutexes ------------------------------------------------------- */

static const char *callee_name(const IrEvent *ev) {
    return ev->call->callee.kind == IR_OPD_FUNC ? ev->call->callee.name : NULL;
}

static void scan_recursive(Program *p) {
    IdSet attrs = {0};
    for (int pass = 0; pass < 2; pass++)
        for (size_t f = 0; f < p->link.funcs.len; f++) {
            if (!p->link.funcs.data[f].reachable) continue;
            const IrFunc *ir = p->link.funcs.data[f].ir;
            for (uint32_t b = 0; b < ir->nblocks; b++)
                for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                    const IrEvent *ev = &ir->blocks[b].events[e];
                    if (ev->kind != IR_EV_CALL || !ev->call || ev->call->nargs < 2) continue;
                    const char *n = callee_name(ev);
                    if (!n) continue;
                    const IrOperand *a1 = &ev->call->args[1];
                    if (pass == 0 && !strcmp(n, "pthread_mutexattr_settype")) {
                        /* PTHREAD_MUTEX_RECURSIVE (glibc, musl: 1), or a type chosen at run time */
                        if (a1->kind == IR_OPD_CONST && a1->value != 1) continue;
                        pt_operand_targets(p, (uint32_t)f, &ev->call->args[0], &attrs);
                    } else if (pass == 0 && !strcmp(n, "mtx_init")) {
                        /* C11: mtx_recursive (glibc, musl: 1) in the type, or a type chosen at run time */
                        if (a1->kind == IR_OPD_CONST && !(a1->value & 1)) continue;
                        pt_operand_targets(p, (uint32_t)f, &ev->call->args[0], &p->lev.recursive_nodes);
                    } else if (pass == 1 && !strcmp(n, "pthread_mutex_init") && attrs.n) {
                        IdSet an = {0};
                        pt_operand_targets(p, (uint32_t)f, a1, &an);
                        if (idset_intersects(&an, &attrs))
                            pt_operand_targets(p, (uint32_t)f, &ev->call->args[0], &p->lev.recursive_nodes);
                        idset_free(&an);
                    }
                }
        }
    idset_free(&attrs);
}

/* ---- waits in loops ---------------------------------------------------------- */

static bool block_in_loop(const IrFunc *f, uint32_t b, int32_t loop) {
    for (int32_t x = f->blocks[b].loop; x >= 0; x = f->loops[x].parent)
        if (x == loop) return true;
    return false;
}

/* Does the event release a lock (an unlock, a post of a semaphore, a call
 * of a function that releases one)? */
static bool releases(Program *p, const IrEvent *ev) {
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci) return false;
    if (ci->kind == CALL_API) return ci->api->kind == API_UNLOCK;
    for (uint32_t k = 0; k < ci->targets.n; k++) {
        const LockSummary *s = &p->lock.summaries.data[ci->targets.v[k]];
        if (s->rel_nodes.n || s->rel_locks.n) return true;
    }
    return false;
}

static uint32_t only_pred(const IrFunc *f, uint32_t b);

/* Is the wait (in block b0) under an `if` of its loop's body: its block's
 * only predecessor a branch of the loop both of whose ways stay in the loop
 * (`for (;;) { if (!ready) wait(..); take(); }`)? Going round the loop
 * re-tests the `if` only when nothing is done on the way back: no write
 * but of a plain local, no call (quiet_event) - `if (!n) { wait(..);
 * continue; }` (redis's bio threads) re-tests, `take()` after the `if`
 * does not. */
static bool wait_under_if(const IrFunc *f, uint32_t b0) {
    int32_t loop = f->blocks[b0].loop;
    uint32_t pred = only_pred(f, b0);
    if (loop < 0 || pred == UINT32_MAX || f->blocks[pred].term.kind != IR_TERM_BRANCH || f->blocks[pred].nsucc != 2)
        return false;
    for (uint32_t s = 0; s < 2; s++)
        if (f->blocks[pred].succ[s] >= f->nblocks || !block_in_loop(f, f->blocks[pred].succ[s], loop)) return false;
    return block_in_loop(f, pred, loop);
}

/* Does the event do nothing a wake-up could act on: a read, or a write of
 * a plain local or temporary? */
static bool quiet_event(const IrEvent *ev) {
    if (ev->kind == IR_EV_READ) return true;
    if (ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) return false;
    return !ev->path.nsteps && (ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP);
}

/* From the wait (event e of block b), is the test of its innermost loop
 * reached again without releasing a lock, along blocks of the loop (for a
 * wait under an `if` of the loop's body, doing nothing on the way:
 * wait_under_if)? */
static bool wait_rechecks(Program *p, uint32_t func, uint32_t b0, uint32_t e0) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    int32_t loop = f->blocks[b0].loop;
    if (loop < 0) return false;
    bool under_if = wait_under_if(f, b0);
    uint32_t header = f->loops[loop].header;
    for (uint32_t e = e0 + 1; e < f->blocks[b0].nevents; e++)
        if (releases(p, &f->blocks[b0].events[e]) || (under_if && !quiet_event(&f->blocks[b0].events[e])))
            return false;
    uint8_t *seen = xcalloc(f->nblocks, 1);
    VEC(uint32_t) work = {0};
    bool found = false;
    if (f->blocks[b0].term.kind != IR_TERM_RETURN && f->blocks[b0].term.kind != IR_TERM_EXIT)
        for (uint32_t s = 0; s < f->blocks[b0].nsucc; s++) vec_push(&work, f->blocks[b0].succ[s]);
    while (work.len && !found) {
        uint32_t b = work.data[--work.len];
        if (b >= f->nblocks || seen[b] || !block_in_loop(f, b, loop)) continue;
        seen[b] = 1;
        if (b == header) {
            found = true;
            break;
        }
        const IrBlock *bb = &f->blocks[b];
        bool rel = false;
        for (uint32_t e = 0; e < bb->nevents && !rel; e++)
            rel = releases(p, &bb->events[e]) || (under_if && !quiet_event(&bb->events[e]));
        if (rel || bb->term.kind == IR_TERM_RETURN || bb->term.kind == IR_TERM_EXIT) continue;
        for (uint32_t s = 0; s < bb->nsucc; s++) vec_push(&work, bb->succ[s]);
    }
    vec_free(&work);
    free(seen);
    return found;
}

/* see model.h */
const IrPath *model_tested_location(Program *p, const IrFunc *f, const IrTerm *t) {
    if (t->kind != IR_TERM_BRANCH || t->cond.kind != IR_OPD_VALUE || t->cond.offset) return NULL;
    const IrPath *c = &t->cond.path;
    if (c->root == IR_ROOT_TEMP && !c->nsteps) {
        const IrDefUse *du = model_defuse(p, f);
        const IrEvent *ev = ir_defuse_sole_assign(du, ir_defuse_temp(du, c->id));
        if (!ev || !ev->src || ev->src->kind != IR_OPD_VALUE || ev->src->offset) return NULL;
        c = &ev->src->path;
    }
    if (c->root == IR_ROOT_TEMP || c->root == IR_ROOT_STRING || (c->root == IR_ROOT_LOCAL && !c->nsteps)) return NULL;
    return c;
}

enum { RETEST_MAX = 4 };

/* May event ev come between a wait and its re-tests of the guard's
 * locations: a read of one of them, or of or into a plain local (no other
 * memory, no call)? */
static bool before_retest(const IrEvent *ev, const IrPath *const *g, uint32_t ng) {
    for (uint32_t k = 0; k < ng; k++)
        if (ev->kind == IR_EV_READ && ir_path_equal(&ev->path, g[k])) return true;
    if (ev->kind != IR_EV_READ && ev->kind != IR_EV_WRITE && ev->kind != IR_EV_ASSIGN) return false;
    if (ev->path.nsteps || (ev->path.root != IR_ROOT_LOCAL && ev->path.root != IR_ROOT_TEMP)) return false;
    if (ev->kind != IR_EV_ASSIGN || !ev->src || ev->src->kind != IR_OPD_VALUE) return true;
    for (uint32_t k = 0; k < ng; k++)
        if (ir_path_equal(&ev->src->path, g[k])) return true;
    return !ev->src->path.nsteps && ev->src->path.root != IR_ROOT_GLOBAL;
}

/* Which guard location (index) block b's branch tests, -1 for none. */
static int tested_guard(Program *p, const IrFunc *f, uint32_t b, const IrPath *const *g, uint32_t ng) {
    const IrPath *t = model_tested_location(p, f, &f->blocks[b].term);
    for (uint32_t k = 0; t && k < ng; k++)
        if (ir_path_equal(t, g[k])) return (int)k;
    return -1;
}

/* The only predecessor of block b, UINT32_MAX when none or several. */
static uint32_t only_pred(const IrFunc *f, uint32_t b) {
    uint32_t pred = UINT32_MAX, n = 0;
    for (uint32_t x = 0; x < f->nblocks; x++)
        for (uint32_t s = 0; s < f->blocks[x].nsucc; s++)
            if (f->blocks[x].succ[s] == b) pred = x, n++;
    return n == 1 ? pred : UINT32_MAX;
}

/* `if (!pred) wait(c, m); if (pred) ...;` (memcached's I/O threads): the
 * wait (event e0 of block b0) is guarded by the branches leading to it (a
 * chain of tests of memory locations: `if (!head && !stop)` tests both),
 * and every path from the wait tests each of those locations again before
 * it touches other memory, releases a lock or returns: a wake-up without
 * the predicate is caught by those tests, under the same lock. */
static bool wait_retests(Program *p, uint32_t func, uint32_t b0, uint32_t e0) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    const IrPath *g[RETEST_MAX];
    uint32_t ng = 0;
    for (uint32_t b = b0, pred = only_pred(f, b0); pred != UINT32_MAX && ng < RETEST_MAX; b = pred, pred = only_pred(f, b)) {
        const IrPath *t = model_tested_location(p, f, &f->blocks[pred].term);
        if (!t) break;
        g[ng++] = t;
        /* further up only through a test made of reads of what it tests (a short circuit) */
        bool plain = true;
        for (uint32_t e = 0; e < f->blocks[pred].nevents && plain; e++)
            plain = f->blocks[pred].events[e].kind == IR_EV_READ && ir_path_equal(&f->blocks[pred].events[e].path, t);
        if (!plain) break;
    }
    if (!ng) return false;
    uint32_t all = (1u << ng) - 1;
    for (uint32_t e = e0 + 1; e < f->blocks[b0].nevents; e++)
        if (!before_retest(&f->blocks[b0].events[e], g, ng)) return false;
    if (f->blocks[b0].term.kind == IR_TERM_RETURN || f->blocks[b0].term.kind == IR_TERM_EXIT) return false;
    /* paths from the wait, with the set of guard locations tested since */
    uint16_t *seen = xcalloc(f->nblocks, sizeof(uint16_t));
    VEC(uint64_t) work = {0};
    bool ok = true;
    int k0 = tested_guard(p, f, b0, g, ng);
    uint32_t m0 = k0 >= 0 ? 1u << k0 : 0;
    if (m0 != all)
        for (uint32_t s = 0; s < f->blocks[b0].nsucc; s++) vec_push(&work, (uint64_t)f->blocks[b0].succ[s] << 8 | m0);
    while (work.len && ok) {
        uint64_t w = work.data[--work.len];
        uint32_t b = (uint32_t)(w >> 8), m = (uint32_t)(w & 0xff);
        if (b >= f->nblocks || (seen[b] & (1u << m))) continue;
        seen[b] |= (uint16_t)(1u << m);
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t e = 0; e < bb->nevents && ok; e++) ok = before_retest(&bb->events[e], g, ng);
        if (!ok || bb->term.kind == IR_TERM_RETURN || bb->term.kind == IR_TERM_EXIT || b == b0) {
            ok = false;
            break;
        }
        int k = tested_guard(p, f, b, g, ng);
        uint32_t nm = m | (k >= 0 ? 1u << k : 0);
        if (nm == all) continue; /* every location tested again: this path is fine */
        for (uint32_t s = 0; s < bb->nsucc; s++) vec_push(&work, (uint64_t)bb->succ[s] << 8 | nm);
    }
    vec_free(&work);
    free(seen);
    return ok;
}

/* Is the operand the bare value of one of the function's parameters? */
static bool is_param(const IrFunc *f, const IrOperand *op) {
    return op->kind == IR_OPD_VALUE && !op->offset && op->path.root == IR_ROOT_LOCAL && !op->path.nsteps &&
           op->path.id < f->nparams;
}

/* A wait in a wrapper that forwards its parameters (`int my_cond_wait(c,
 * m) { return pthread_cond_wait(c, m); }`, nginx's ngx_thread_cond_wait)
 * re-checks when every call of the wrapper does; false when it has none. */
static bool wrapper_calls_recheck(Program *p, uint32_t func) {
    bool any = false;
    for (size_t g = 0; g < p->link.funcs.len; g++) {
        if (!p->link.funcs.data[g].reachable) continue;
        const IrFunc *gf = p->link.funcs.data[g].ir;
        for (uint32_t b = 0; b < gf->nblocks; b++)
            for (uint32_t e = 0; e < gf->blocks[b].nevents; e++) {
                const IrEvent *ev = &gf->blocks[b].events[e];
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || ci->kind == CALL_API || !idset_has(&ci->targets, func)) continue;
                if ((uint32_t)g == func || !wait_rechecks(p, (uint32_t)g, b, e)) return false;
                any = true;
            }
    }
    return any;
}

static void mark_waits(Program *p, size_t from) {
    for (size_t i = from; i < p->lev.sites.len; i++) {
        LockSite *s = &p->lev.sites.data[i];
        if (s->kind != FACTS_SITE_WAIT && s->kind != FACTS_SITE_CALL) continue;
        const IrFunc *f = p->link.funcs.data[s->func].ir;
        IrEventId id;
        if (!ir_defuse_event_id(model_defuse(p, f), s->ev, &id)) continue;
        s->in_loop = f->blocks[id.block].loop >= 0;
        if (s->kind == FACTS_SITE_CALL) continue; /* a call: only whether it is in a loop */
        bool rechecks = wait_rechecks(p, s->func, id.block, id.index) || wait_retests(p, s->func, id.block, id.index);
        const CallInfo *ci = program_call(p, s->ev);
        if (!rechecks && !s->in_loop && ci && ci->kind == CALL_API && ci->api->cond >= 0 &&
            (uint32_t)ci->api->cond < s->ev->call->nargs && is_param(f, &s->ev->call->args[ci->api->cond]))
            rechecks = wrapper_calls_recheck(p, s->func);
        s = &p->lev.sites.data[i];
        s->rechecks = rechecks;
    }
}

/* ---- locks through calls (via) --------------------------------------------------- */

/* Can callers name the lock (a global's path, or one through a parameter)? */
static bool callers_name(const Program *p, uint32_t lock) {
    const LockRef *l = &p->lock.refs.data[lock];
    if (l->func < 0) return true;
    return l->path.root == IR_ROOT_LOCAL && l->path.id < p->link.funcs.data[l->func].ir->nparams &&
           l->path.nsteps && l->path.steps[0].kind == IR_STEP_DEREF;
}

/* Is a lock that may be `lock` in the held set (same path, or objects in common)? */
static bool may_hold(Program *p, const IdSet *held, uint32_t lock) {
    if (idset_has(held, lock)) return true;
    const IdSet *ln = lock_nodes(p, lock);
    for (uint32_t i = 0; i < held->n; i++) {
        const LockRef *h = &p->lock.refs.data[held->v[i]];
        if (h->mode == LMODE_ONCE_DONE || h->mode == LMODE_ONCE_INIT) continue;
        ln = lock_nodes(p, lock);
        if (idset_intersects(lock_nodes(p, held->v[i]), ln)) return true;
    }
    return false;
}

/* Can the call reach g? An indirect call whose argument count differs from
 * g's parameters cannot (points-to may still list g when objects were
 * merged: PRECISION, such targets are dropped here; variadic functions
 * keep every call with at least their fixed parameters); when the pointer's
 * function type is known, only functions of that type. */
static bool target_fits(const Program *p, const IrEvent *ev, uint32_t g) {
    if (ev->call->callee.kind == IR_OPD_FUNC) return true;
    const IrFunc *f = p->link.funcs.data[g].ir;
    if (ev->call->type && f->type) return !strcmp(ev->call->type, f->type);
    return ev->call->nargs == f->nparams || (f->is_variadic && ev->call->nargs >= f->nparams);
}

/* ---- constant arguments: the branches they decide ------------------------------------ */

/* The successor (0 or 1) g's block bb surely takes when g is called with
 * `call`'s arguments, or -1: bb branches on a parameter g never writes nor
 * takes the address of, compared (== or !=) with a constant, and the call
 * passes a constant for it. PRECISION: the values are compared as they
 * are written, the parameter's width unknown: when they agree at one width
 * of 8, 16, 32 or 64 bits and not at another (an unsigned parameter given
 * -1, a char given 200) nothing is decided. */
static int decided_succ(const Program *p, const IrFunc *g, const IrBlock *bb, const IrCall *call) {
    const IrTerm *t = &bb->term;
    if (t->kind != IR_TERM_BRANCH || bb->nsucc != 2 || t->cond.kind != IR_OPD_VALUE || t->cond.offset ||
        (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE))
        return -1;
    const IrPath *c = &t->cond.path;
    if (c->root != IR_ROOT_LOCAL || c->nsteps || c->id >= g->nparams || c->id >= call->nargs) return -1;
    const IrOperand *a = &call->args[c->id];
    if (a->kind != IR_OPD_CONST || (g->locals[c->id].flags & IR_LOCAL_ADDR_TAKEN)) return -1;
    const IrVarDefs *d = ir_defuse_local(model_defuse(p, g), c->id);
    if (!d || d->ndefs != 1) return -1;
    bool eq64 = a->value == t->rhs, eq32 = (uint32_t)a->value == (uint32_t)t->rhs,
         eq16 = (uint16_t)a->value == (uint16_t)t->rhs, eq8 = (uint8_t)a->value == (uint8_t)t->rhs;
    if (eq64 != eq32 || eq64 != eq16 || eq64 != eq8) return -1;
    return (t->cmp == IR_CMP_EQ) == eq64 ? 0 : 1;
}

/* The blocks of g a call reaches (live[b]), its constant arguments
 * deciding g's branches on its parameters (decided_succ): for the lock
 * rules, a lock g takes or releases only on branches the call's arguments
 * rule out is not the call's (memcached's maxconns_handler(-42, ..) never
 * reaches its accept_new_conns(true)). One call and target at a time,
 * kept while they repeat. */
typedef struct LiveCache {
    const IrEvent *ev;
    uint32_t g;
    bool all;      /* nothing decided: every block */
    uint8_t *live; /* by block of g, when !all */
    uint32_t cap;
} LiveCache;

static void live_compute(Program *p, LiveCache *lc, const IrEvent *ev, uint32_t g) {
    if (lc->ev == ev && lc->g == g) return;
    lc->ev = ev, lc->g = g, lc->all = true;
    const IrFunc *f = p->link.funcs.data[g].ir;
    const IrCall *call = ev->call;
    bool any_const = false;
    for (uint32_t k = 0; k < call->nargs && k < f->nparams && !any_const; k++)
        any_const = call->args[k].kind == IR_OPD_CONST;
    if (!any_const || !f->nblocks) return;
    bool decided = false;
    for (uint32_t b = 0; b < f->nblocks && !decided; b++) decided = decided_succ(p, f, &f->blocks[b], call) >= 0;
    if (!decided) return;
    if (lc->cap < f->nblocks) {
        lc->live = xrealloc(lc->live, f->nblocks);
        lc->cap = f->nblocks;
    }
    memset(lc->live, 0, f->nblocks);
    VEC(uint32_t) work = {0};
    vec_push(&work, 0);
    while (work.len) {
        uint32_t b = work.data[--work.len];
        if (b >= f->nblocks || lc->live[b]) continue;
        lc->live[b] = 1;
        const IrBlock *bb = &f->blocks[b];
        if (bb->term.kind == IR_TERM_RETURN || bb->term.kind == IR_TERM_EXIT) continue;
        int only = decided_succ(p, f, bb, call);
        for (uint32_t k = 0; k < bb->nsucc; k++)
            if (only < 0 || (uint32_t)only == k) vec_push(&work, bb->succ[k]);
    }
    vec_free(&work);
    lc->all = false;
}

/* Does the call of g reach site (of g), as far as its constant arguments
 * tell? */
static bool call_reaches(Program *p, LiveCache *lc, const IrEvent *ev, uint32_t g, uint32_t site) {
    const LockSite *s = &p->lev.sites.data[site];
    if (!s->ev) return true; /* a return: not placed (PRECISION: kept) */
    live_compute(p, lc, ev, g);
    if (lc->all) return true;
    const IrFunc *f = p->link.funcs.data[g].ir;
    IrEventId id;
    if (!ir_defuse_event_id(model_defuse(p, f), s->ev, &id)) return true;
    return lc->live[id.block] != 0;
}

typedef struct FuncVia {
    VEC(LockVia) v; /* locks (own frame) acquired unheld / released untaken, with origin */
} FuncVia;

/* Adds x unless it is there; false when it was, or when fv is full (then
 * counted in *full when full is not NULL). */
static bool via_add(FuncVia *fv, LockVia x, size_t *full) {
    for (size_t i = 0; i < fv->v.len; i++)
        if (fv->v.data[i].lock == x.lock && fv->v.data[i].release == x.release) return false;
    if (fv->v.len >= LEV_MAX_VIA_PER_CALL) {
        if (full) (*full)++;
        return false;
    }
    vec_push(&fv->v, x);
    return true;
}

static void compute_via(Program *p) {
    size_t nf = p->link.funcs.len;
    size_t cut_depth = 0, cut_width = 0; /* limits reached (the notes at the end) */
    FuncVia *fv = xcalloc(nf ? nf : 1, sizeof(FuncVia));
    /* own sites; a release of a lock the callers cannot name is carried up
     * raw, like a return holding one (below): a commit that finds the lock
     * its caller got from another call through an index or a handle
     * (memcached's extstore_write, after extstore_write_request) */
    for (size_t i = 0; i < p->lev.sites.len; i++) {
        const LockSite s = p->lev.sites.data[i];
        if (s.kind != FACTS_SITE_ACQUIRE && s.kind != FACTS_SITE_RELEASE) continue;
        bool raw = !callers_name(p, s.lock);
        if (raw && s.kind != FACTS_SITE_RELEASE) continue;
        const IdSet *held = &p->sets.data[s.held];
        if (s.kind == FACTS_SITE_ACQUIRE && idset_has(held, s.lock)) continue;
        if (s.kind == FACTS_SITE_RELEASE) {
            IdSet h = {0};
            idset_copy(&h, &p->sets.data[s.held]);
            bool held_here = may_hold(p, &h, s.lock);
            idset_free(&h);
            if (held_here) continue;
        }
        via_add(&fv[s.func], (LockVia){s.lock, (uint32_t)i, s.kind == FACTS_SITE_RELEASE, (uint32_t)i, 0, raw},
                &cut_width);
    }
    /* a return holding a lock is an acquisition on some path (a conditional
     * acquire: a trylock inside), after the acquisitions (they name the
     * origin); a lock the callers cannot name is carried up as it is
     * (raw: comparable by the lock objects only) */
    for (size_t i = 0; i < p->lev.sites.len; i++) {
        const LockSite s = p->lev.sites.data[i];
        if (s.kind != FACTS_SITE_RETURN) continue;
        IdSet held = {0};
        idset_copy(&held, &p->sets.data[s.held]);
        for (uint32_t k = 0; k < held.n; k++)
            via_add(&fv[s.func], (LockVia){held.v[k], (uint32_t)i, false, (uint32_t)i, 0, !callers_name(p, held.v[k])},
                    &cut_width);
        idset_free(&held);
    }
    /* through calls, to a fixpoint */
    LiveCache lc = {0};
    bool changed = true;
    for (int round = 0; changed && round < LEV_MAX_VIA_ROUNDS; round++) {
        changed = false;
        for (size_t i = 0; i < p->lev.sites.len; i++) {
            const LockSite s = p->lev.sites.data[i];
            if (s.kind != FACTS_SITE_CALL || s.fallback) continue;
            IdSet targets = {0}, held = {0};
            idset_copy(&targets, &p->sets.data[s.targets]);
            idset_copy(&held, &p->sets.data[s.held]);
            for (uint32_t k = 0; k < targets.n; k++) {
                uint32_t g = targets.v[k];
                if (!target_fits(p, s.ev, g)) continue;
                for (size_t j = 0; j < fv[g].v.len; j++) {
                    LockVia x = fv[g].v.data[j];
                    if (x.depth + 1 >= LEV_MAX_VIA_DEPTH) {
                        cut_depth++;
                        continue;
                    }
                    uint32_t l = x.raw ? x.lock : lock_to_caller(p, x.lock, s.func, s.ev->call);
                    if (!x.raw && (l == UINT32_MAX || !callers_name(p, l))) continue;
                    if (x.release ? may_hold(p, &held, l) : !x.raw && idset_has(&held, l)) continue;
                    if (!call_reaches(p, &lc, s.ev, g, x.hop)) continue;
                    if (via_add(&fv[s.func],
                                (LockVia){l, x.origin, x.release, (uint32_t)i, (uint8_t)(x.depth + 1), x.raw},
                                &cut_width))
                        changed = true;
                }
            }
            idset_free(&targets);
            idset_free(&held);
        }
    }
    /* per call site: what its callees do, in the caller's frame (whether
     * held at the call or not: the checks decide) */
    for (size_t i = 0; i < p->lev.sites.len; i++) {
        LockSite *s = &p->lev.sites.data[i];
        if (s->kind != FACTS_SITE_CALL) continue;
        s->via = (uint32_t)p->lev.via.len;
        if (s->fallback) continue; /* PRECISION: targets guessed by arity say nothing */
        IdSet targets = {0};
        idset_copy(&targets, &p->sets.data[s->targets]);
        uint32_t func = s->func;
        const IrEvent *ev = s->ev;
        FuncVia mine = {0};
        for (uint32_t k = 0; k < targets.n; k++) {
            uint32_t g = targets.v[k];
            if (!target_fits(p, ev, g)) continue;
            for (size_t j = 0; j < fv[g].v.len; j++) {
                LockVia x = fv[g].v.data[j];
                uint32_t l = x.raw ? x.lock : lock_to_caller(p, x.lock, func, ev->call);
                if (l == UINT32_MAX || !call_reaches(p, &lc, ev, g, x.hop)) continue;
                if (via_add(&mine, (LockVia){l, x.origin, x.release, x.hop, x.depth, x.raw}, &cut_width))
                    vec_push(&p->lev.via, mine.v.data[mine.v.len - 1]);
            }
        }
        vec_free(&mine.v);
        idset_free(&targets);
        s = &p->lev.sites.data[i];
        s->nvia = (uint32_t)(p->lev.via.len - s->via);
    }
    for (size_t f = 0; f < nf; f++) vec_free(&fv[f].v);
    free(fv);
    free(lc.live);
    if (cut_depth)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "lock rules: %zu lock acquisitions or releases more than %d calls below a call were not carried "
                    "up to it", cut_depth, (int)LEV_MAX_VIA_DEPTH);
    if (cut_width)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "lock rules: %zu locks a callee takes or releases were dropped at functions already carrying %d",
                    cut_width, (int)LEV_MAX_VIA_PER_CALL);
    if (changed)
        diag_report(p->diags, DIAG_NOTE, NULL, 0, 0,
                    "lock rules: what callees lock was propagated for %d rounds without settling; deeper effects "
                    "are missing", (int)LEV_MAX_VIA_ROUNDS);
}

/* ---- tests of what a call gave back (facts_lock_site_after_result) -------------------- */

/* Does the branch condition test what the call gave back: its result, or
 * an object whose address the call was passed (an out-parameter)? */
static bool tests_call(const Program *p, const IrFunc *f, const IrOperand *cond, const IrEvent *call) {
    if (cond->kind != IR_OPD_VALUE) return false;
    if (result_call(p, f, cond) == call) return true;
    if (cond->path.root != IR_ROOT_LOCAL) return false;
    for (uint32_t k = 0; k < call->call->nargs; k++) {
        const IrOperand *a = &call->call->args[k];
        if (a->kind == IR_OPD_ADDR && !a->offset && a->path.root == IR_ROOT_LOCAL &&
            ir_path_has_prefix(&cond->path, &a->path))
            return true;
    }
    return false;
}

/* Is event `to` of f reached from event `from`, not taking the edge from
 * block cut to its successor number cut_k (cut UINT32_MAX: every edge)?
 * seen: f->nblocks bytes of scratch. */
static bool reaches(const IrFunc *f, IrEventId from, IrEventId to, uint32_t cut, uint32_t cut_k, uint8_t *seen) {
    if (from.block == to.block && to.index > from.index) return true;
    memset(seen, 0, f->nblocks);
    VEC(uint32_t) work = {0};
    vec_push(&work, from.block);
    bool found = false, first = true;
    while (work.len && !found) {
        uint32_t b = work.data[--work.len];
        if (b >= f->nblocks) continue;
        if (!first) {
            if (seen[b]) continue;
            seen[b] = 1;
            if (b == to.block) {
                found = true;
                break;
            }
        }
        first = false;
        const IrBlock *bb = &f->blocks[b];
        if (bb->term.kind == IR_TERM_RETURN || bb->term.kind == IR_TERM_EXIT) continue;
        for (uint32_t k = 0; k < bb->nsucc; k++)
            if (b != cut || k != cut_k) vec_push(&work, bb->succ[k]);
    }
    vec_free(&work);
    return found;
}

bool facts_lock_site_after_result(const Program *p, size_t i, size_t j) {
    if (i >= p->lev.sites.len || j >= p->lev.sites.len) return false;
    const LockSite *a = &p->lev.sites.data[i], *b = &p->lev.sites.data[j];
    if (a->kind != FACTS_SITE_CALL || !a->ev || !a->ev->call || !b->ev || a->func != b->func) return false;
    const IrFunc *f = p->link.funcs.data[a->func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId ia, ib;
    if (!f->nblocks || !ir_defuse_event_id(du, a->ev, &ia) || !ir_defuse_event_id(du, b->ev, &ib)) return false;
    uint8_t *seen = xcalloc(f->nblocks, 1);
    bool found = false;
    if (reaches(f, ia, ib, UINT32_MAX, 0, seen))
        for (uint32_t x = 0; x < f->nblocks && !found; x++) {
            const IrBlock *bb = &f->blocks[x];
            if (bb->term.kind != IR_TERM_BRANCH || bb->nsucc != 2 || bb->succ[0] == bb->succ[1] ||
                !tests_call(p, f, &bb->term.cond, a->ev))
                continue;
            /* every path from the call to j takes this outcome of the test */
            for (uint32_t k = 0; k < 2 && !found; k++) found = !reaches(f, ia, ib, x, k, seen);
        }
    free(seen);
    return found;
}

/* ---- the stage --------------------------------------------------------------------- */

void lockevents_build(Program *p, const ModelOptions *opt) {
    (void)opt;
    size_t nf = p->link.funcs.len;
    scan_recursive(p);
    vec_resize_zero(&p->lev.func_first, nf + 1);
    for (size_t f = 0; f < nf; f++) {
        p->lev.func_first.data[f] = p->lev.sites.len;
        if (!p->link.funcs.data[f].reachable || !p->link.funcs.data[f].ir->nblocks) continue;
        size_t from = p->lev.sites.len;
        LevCtx c = {p, (uint32_t)f};
        LockListener listeners[] = {{&c, lev_on_event}, lockset_listener};
        FlowHooks h = {&c, lev_call, NULL, NULL, lev_visit, listeners, 2, NULL, NULL, NULL, NULL, false};
        FlowState entry;
        flow_state_init(&entry);
        entry.reached = true;
        flow_run(p, (uint32_t)f, &entry, &h, NULL);
        flow_state_free(&entry);
        mark_waits(p, from);
    }
    p->lev.func_first.data[nf] = p->lev.sites.len;
    compute_via(p);
    /* the lock objects of every lock named at a site, resolved now: the
     * facts API reads them through a const Program */
    for (size_t i = 0; i < p->lev.sites.len; i++) {
        const LockSite s = p->lev.sites.data[i];
        if (s.lock != UINT32_MAX) lock_nodes(p, s.lock);
        IdSet held = {0};
        idset_copy(&held, &p->sets.data[s.held]);
        for (uint32_t k = 0; k < held.n; k++) lock_nodes(p, held.v[k]);
        idset_free(&held);
    }
    for (size_t i = 0; i < p->lev.via.len; i++) lock_nodes(p, p->lev.via.data[i].lock);
    /* the threads executing each function */
    vec_resize_zero(&p->lev.func_threads, nf);
    VEC(IdSet) by_func = {0};
    vec_resize_zero(&by_func, nf);
    for (size_t t = 0; t < p->tm.threads.len; t++) {
        const Thread *th = &p->tm.threads.data[t];
        for (uint32_t k = 0; k < th->funcs.n; k++)
            if (th->funcs.v[k] < nf) idset_add(&by_func.data[th->funcs.v[k]], (uint32_t)t);
        for (uint32_t k = 0; k < th->routines.n; k++)
            if (th->routines.v[k] < nf) idset_add(&by_func.data[th->routines.v[k]], (uint32_t)t);
    }
    for (size_t f = 0; f < nf; f++) {
        p->lev.func_threads.data[f] = model_intern_set(p, &by_func.data[f]);
        idset_free(&by_func.data[f]);
    }
    vec_free(&by_func);
}

void lockevents_free(LockEventFacts *lev) {
    vec_free(&lev->sites);
    vec_free(&lev->via);
    vec_free(&lev->func_first);
    vec_free(&lev->func_threads);
    idset_free(&lev->recursive_nodes);
}
