/*
 * mhp.c - may-happen-in-parallel as a table of named ordering rules, and the
 * lock that two accesses hold in common.
 *
 * Two accesses may happen in parallel unless some ordering rule orders them.
 * Each rule is one predicate over the pair, read from the facts the
 * per-thread pass recorded (threads.c: live and started children, hand-off
 * positions, synchronisation state); the first rule that orders a pair is
 * its reason, so racecheck can say why a pair is *not* a race
 * (--explain-pair) as well as why it is. The rules, in order:
 *
 *   hand-off           an access to a fresh heap object through the fresh
 *                      pointer before the pointer is published (stored,
 *                      passed on, returned): the object is initialised and
 *                      then moved (ownership.c);
 *   own-allocations    both through the pointer an allocation of their own
 *                      function's activation returned, published or not (or
 *                      a parameter every call passes it in): two
 *                      activations' allocations are two objects (ownership.c);
 *   popped             an access through a pointer its thread popped off a
 *                      queue under a lock and has not handed on, against
 *                      another such access, one made holding that lock, or
 *                      one before publication; through a popped task's
 *                      payload, each task's own element, against another
 *                      such access or the producer's before the hand-over
 *                      (popped.c);
 *   release            a free against another free of the abstract object, an
 *                      access made under a lock or one of another instance
 *                      of its own thread (see rule_release);
 *   per-instance-object  two accesses of one thread's instances to a heap
 *                      object allocated once per spawned instance (or to a
 *                      frame's local handed to one child: the frame's own
 *                      access where that child does not run);
 *   per-instance-data  each instance indexes with its own distinct value
 *                      (`data[id]`, instances.c);
 *   creation-chain     two accesses of a thread whose instances start one
 *                      another in a chain (a recursive spawn, at most one
 *                      per instance, joined before its starter ends), each made while the
 *                      instance's next instance is not running;
 *   single-instance    one thread with a single instance: program order;
 *   exclusive-entry    one access in an entry the library's contract runs
 *                      alone (--exclusive-entry), the other in another
 *                      entry or a thread the library started, not one that
 *                      entry started itself;
 *   hand-over          the creator fills in the object or the array element
 *                      it is about to hand to a new instance;
 *   creation           the other thread is spawned after the access (it is
 *                      not yet started at the access, nor when the thread
 *                      between them is spawned);
 *   once-creation      the access is in a once routine (pthread_once, a
 *                      global control) before that routine spawns the other
 *                      thread or an ancestor of it, every spawn of which
 *                      runs in the routine: it runs once in all threads
 *                      (and never in a thread it started);
 *   join               the other thread is joined before the access (by an
 *                      ancestor of the access's thread, or by that thread
 *                      itself through the other's one handle);
 *   creation-lock      the ancestor holds an exclusive lock from before the
 *                      child's every start until after its access, and the
 *                      descendant surely took that lock itself before its
 *                      access (threads.c, flow.h prehold/taken);
 *   sibling-order      two threads with a common ancestor, neither of which
 *                      may still run when the other is spawned;
 *   once-post          an access in the region of a set-once flag's one post
 *                      (entered where a test under a lock found it unset:
 *                      at most one thread runs it), before the post, and
 *                      one after a wait that saw the flag set;
 *   semaphore          a post before the access of one thread, a wait on a
 *                      0-initialised semaphore before the other's (the only
 *                      poster being a single instance);
 *   condvar            a signal/wait handshake on a condition variable, likewise;
 *   countdown          one thread counts a counter (down or up) under a mutex
 *                      after its access; the other left a `while (c > 0)`
 *                      (or `while (c < n)`) cond_wait(..., &m) loop before
 *                      its access (sync.c);
 *   barrier            both threads wait at one barrier, and every count of
 *                      waits before one access is below every count before
 *                      the other.
 * Two threads under different roots (--entry, --library) or under a common
 * ancestor with many instances are ordered by no tree rule.
 */
#include "flow.h"

#include <stdio.h>
#include <string.h>

/* What every tree rule reads about a pair, computed once. */
typedef struct Pair {
    const Program *p;
    const Access *a, *b;
    bool same_thread;
    bool tree_unordered; /* different roots, or a common ancestor with many instances */
    /* a thread is the other's ancestor: its access, the descendant's, and the
     * ancestor's child on the way down */
    const Access *anc, *desc;
    uint32_t child;
    bool escapes;        /* below the child some thread outlives its parent's join */
    /* siblings: the children of the lowest common ancestor on each side */
    uint32_t c1, c2;
    bool esc1, esc2;
} Pair;

/* Is some proper ancestor of t many? (Then two instances of t may come
 * from two creators and share index values.) */
static bool model_thread_many_above(const Program *p, uint32_t t) {
    int32_t parent = p->tm.threads.data[t].parent;
    return parent >= 0 && model_thread_many(p, (uint32_t)parent);
}

/* Are the instances' own elements of t distinct from one another: no
 * creator above with many instances, or t a family child (Thread.family)
 * of a creator whose are? */
static bool inst_distinct_above(const Program *p, uint32_t t) {
    for (int hops = 0; hops < MODEL_MAX_THREAD_DEPTH; hops++) {
        if (!model_thread_many_above(p, t)) return true;
        if (!p->tm.threads.data[t].family) return false;
        t = (uint32_t)p->tm.threads.data[t].parent;
    }
    return false;
}

/* Two accesses to the own element of an instance of lca (many instances),
 * each reached through the start parameter of a thread that is lca or a
 * family child below it: the element of one instance of lca, so only the
 * threads of that one instance touch it - the pair is the pair within one
 * instance of lca. */
static bool family_element(const Program *p, uint32_t lca, const Access *a, const uint32_t *ch, uint32_t from,
                           uint32_t n) {
    if (!a->site->inst_private || a->site->inst_step != INST_STEP_PARAM) return false;
    for (uint32_t i = from; i < n; i++)
        if (!p->tm.threads.data[ch[i]].family) return false;
    return p->tm.threads.data[lca].arg_kind == INST_ARG_ELEMENT && inst_distinct_above(p, lca);
}

/* The ancestor chain of t, root first; returns its length. */
static uint32_t chain(const Program *p, uint32_t t, uint32_t *out, uint32_t max) {
    uint32_t n = 0;
    for (int32_t x = (int32_t)t; x >= 0 && n < max; x = p->tm.threads.data[x].parent) out[n++] = (uint32_t)x;
    for (uint32_t i = 0; i < n / 2; i++) {
        uint32_t tmp = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = tmp;
    }
    return n;
}

/* Below child chain[from] down to the end, does some thread outlive its
 * parent's join? Then only "started" (ever) bounds the descendant. */
static bool chain_escapes(const Program *p, const uint32_t *ch, uint32_t from, uint32_t n) {
    for (uint32_t i = from; i < n; i++) {
        const Thread *t = &p->tm.threads.data[ch[i]];
        /* a recursive instance not joined by the instance that started it
         * outlives the join of the first one, the child included */
        if ((i > from && t->escapes) || t->rec_escapes) return true;
    }
    return false;
}

static void pair_init(Pair *x, const Program *p, const Access *a, const Access *b) {
    memset(x, 0, sizeof *x);
    x->p = p;
    x->a = a;
    x->b = b;
    x->same_thread = a->site->thread == b->site->thread;
    if (x->same_thread) return;
    uint32_t ca[MODEL_MAX_THREAD_DEPTH + 2] = {0}, cb[MODEL_MAX_THREAD_DEPTH + 2] = {0}; /* chain() fills at least one */
    uint32_t na = chain(p, a->site->thread, ca, MODEL_MAX_THREAD_DEPTH + 2);
    uint32_t nb = chain(p, b->site->thread, cb, MODEL_MAX_THREAD_DEPTH + 2);
    if (ca[0] != cb[0]) {
        x->tree_unordered = true;
        return;
    }
    uint32_t l = 0;
    while (l + 1 < na && l + 1 < nb && ca[l + 1] == cb[l + 1]) l++;
    uint32_t lca = ca[l];
    if (model_thread_many(p, lca) &&
        !(family_element(p, lca, a, ca, l + 1, na) && family_element(p, lca, b, cb, l + 1, nb))) {
        x->tree_unordered = true;
        return;
    }
    if (lca == a->site->thread || lca == b->site->thread) {
        x->anc = lca == a->site->thread ? a : b;
        x->desc = lca == a->site->thread ? b : a;
        const uint32_t *ch = lca == a->site->thread ? cb : ca;
        uint32_t n = lca == a->site->thread ? nb : na;
        x->child = ch[l + 1];
        x->escapes = chain_escapes(p, ch, l + 1, n);
        return;
    }
    x->c1 = ca[l + 1];
    x->c2 = cb[l + 1];
    x->esc1 = chain_escapes(p, ca, l + 1, na);
    x->esc2 = chain_escapes(p, cb, l + 1, nb);
}

static bool is_siblings(const Pair *x) {
    return !x->same_thread && !x->tree_unordered && !x->anc;
}

/* ---- the rules ---------------------------------------------------------------- */

static bool rule_hand_off(const Pair *x) {
    return x->a->unpublished || x->b->unpublished; /* initialised before it was moved */
}

/* Both through the pointer an allocation of their own function's
 * activation returned (Access.own_alloc, ownership.c): each activation's
 * allocation is an object of its own, published or not, so two such
 * accesses of two activations touch two objects, and one activation's are
 * in its thread's program order (`r = malloc(..); results[id] = r; r->n =
 * 8;` in every worker). SOUNDNESS: a use after another thread freed the
 * object, the address then handed out again, is not told apart. */
static bool rule_own_allocations(const Pair *x) {
    return x->a->own_alloc && x->b->own_alloc;
}

/* Owned after a pop (popped.c): the object was unlinked from the queue
 * under lock m, so no other thread reaches it through the queue until it
 * is linked again (under m). Another popped access is to another object or
 * in another ownership period; an access holding m is made while the
 * object is on the queue (before the pop's critical section) or after it
 * is linked again; its creator's accesses before publication come first.
 * Through a popped task's payload (POP_PAYLOAD): each task carries its own
 * element, so another access through the same payload is another task's
 * element or the same task's, in one thread; no lock orders it. */
static bool rule_popped(const Pair *x) {
    const Access *o = x->a->site->popped ? x->a : x->b->site->popped ? x->b : NULL;
    if (!o) return false;
    const Access *q = o == x->a ? x->b : x->a;
    if (q->unpublished) return true;
    if (q->site->popped) {
        bool po = (o->site->popped - 1) & POP_PAYLOAD, pq = (q->site->popped - 1) & POP_PAYLOAD;
        return po == pq && (!po || o->site->popped == q->site->popped);
    }
    for (uint32_t i = 0; i < q->nlocks; i++)
        if (q->locks[i].node == o->site->popped - 1 && q->locks[i].holder == 0) return true;
    return false;
}

/* PRECISION: a free (or realloc) is a write of every field of the object,
 * a move of it out of every other thread's reach; racecheck sees no
 * happens-before through the shared structure the object was unlinked from
 * under a lock (a queue's pop), and heap objects are named by allocation
 * site, so two frees of one site free distinct objects, and two instances
 * of one thread (pool workers) each free the item they took. A free is
 * therefore ordered against another free of the abstract object, against
 * accesses made holding a lock and against the other instances of its own
 * thread; it races with unlocked accesses of another thread that may run
 * at the same time (a worker still reading what main frees). Not so for
 * an object every instance was handed by its one spawn (a heap object the
 * spawn's argument points to, made once for all instances: a buffer whose
 * reference count the instances share): each instance may free it, so its
 * free races with another instance's access after its own release - what
 * comes before a release of the count is ordered by rule last-release. */
static bool shared_by_instances(const Pair *x, const Access *r) {
    const Thread *t = &x->p->tm.threads.data[r->site->thread];
    const Obj *o = &x->p->pt.objs.data[x->p->pt.nodes.data[r->node].obj];
    return t->spawn_ev && o->kind == OBJ_HEAP && o->direct_spawn == t->spawn_ev && !o->per_instance &&
           !o->per_iteration;
}

static bool rule_release(const Pair *x) {
    const Access *r = x->a->release ? x->a : x->b->release ? x->b : NULL;
    if (!r) return false;
    const Access *o = r == x->a ? x->b : x->a;
    return o->release || o->nlocks > 0 || (x->same_thread && !shared_by_instances(x, r));
}

/* Is x made in the frame that owns local object o: in its function,
 * naming the local itself (not through a pointer)? */
static bool own_frame(const Obj *o, const Access *x) {
    const IrPath *xp = &x->site->ev->path;
    return o->kind == OBJ_LOCAL && x->site->func == o->a && x->site->ev->kind != IR_EV_CALL &&
           xp->root == IR_ROOT_LOCAL && xp->id == o->b;
}

/* x is made in the frame that owns local object o, and y by a child
 * spawned at o's spawn by another thread: another call's frame. */
static bool own_frame_other_child(const Program *p, const Obj *o, const Access *x, const Access *y) {
    const Thread *ty = &p->tm.threads.data[y->site->thread];
    return ty->spawn_ev == o->spawn && ty->parent >= 0 && (uint32_t)ty->parent != x->site->thread && own_frame(o, x);
}

/* x is made in the frame that owns local object o, and y by the child of
 * x's thread spawned at o's spawn, which does not run at x (joined there,
 * or not started): the instance this frame handed o to is done with it or
 * has not begun, and every other instance has another frame's o (a
 * recursive fork/join: `walk(&a)` started, joined, then `a.sum` read). */
static bool own_frame_joined_child(const Program *p, const Obj *o, const Access *x, const Access *y) {
    const Thread *ty = &p->tm.threads.data[y->site->thread];
    return ty->spawn_ev == o->spawn && ty->parent >= 0 && (uint32_t)ty->parent == x->site->thread && own_frame(o, x) &&
           !idset_has(&p->sets.data[x->site->live], y->site->thread);
}

/* Both name a local of their function itself: each in the frame of the
 * call that makes it, which only the thread running that call uses - the
 * same frame only in one thread instance, in program order. */
static bool rule_own_frames(const Pair *x) {
    const Obj *o = &x->p->pt.objs.data[x->p->pt.nodes.data[x->a->node].obj];
    return own_frame(o, x->a) && own_frame(o, x->b);
}

static bool rule_per_instance_object(const Pair *x) {
    /* instances of one thread touch the same abstract object, but each has
     * its own when the object is allocated per spawn (ownership.c) */
    const Program *p = x->p;
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[x->a->node].obj];
    if (!o->per_instance) return false;
    const Thread *ta = &p->tm.threads.data[x->a->site->thread], *tb = &p->tm.threads.data[x->b->site->thread];
    if (x->same_thread) return o->spawn == ta->spawn_ev;
    if (o->kind != OBJ_LOCAL) return false;
    /* a local handed to the spawn in its frame: the children of that spawn
     * in different threads are different frames' children */
    if (ta->spawn_ev == o->spawn && tb->spawn_ev == o->spawn) return true;
    return own_frame_other_child(p, o, x->a, x->b) || own_frame_other_child(p, o, x->b, x->a) ||
           own_frame_joined_child(p, o, x->a, x->b) || own_frame_joined_child(p, o, x->b, x->a);
}

/* x, in a join loop, touches the element of the instance of y's thread it
 * just joined (AccessSite.elem_joined), and y that instance's own element
 * at the same place: through its start parameter (`args[i]` handed out)
 * or indexed by its value (`(void *)i`) at the same index step. The
 * instance has ended; the others touch other elements. */
static bool element_joined(const Program *p, const Access *x, const Access *y) {
    uint32_t cid = x->site->elem_joined;
    if (!cid || y->site->thread != cid - 1 || !y->site->inst_private) return false;
    const Thread *t = &p->tm.threads.data[cid - 1];
    /* an element handed over: through it, or indexed by its field the
     * creator set to the counter (`args[i].id = i`, then `sums[a->id]`) */
    if (t->arg_kind == INST_ARG_ELEMENT)
        return (!x->site->elem_joined_counter && y->site->inst_step == INST_STEP_PARAM) ||
               (y->site->inst_counter && y->site->inst_step == x->site->elem_joined_step);
    return y->site->inst_step != INST_STEP_PARAM && y->site->inst_step == x->site->elem_joined_step;
}

static bool rule_element_join(const Pair *x) {
    return element_joined(x->p, x->a, x->b) || element_joined(x->p, x->b, x->a);
}

/* x indexes its instance's own element at step s (a value of T's create
 * loop's range), y indexes the same step with a constant outside that
 * range, in T's routine called directly (AccessSite.foreign): main doing
 * one share of the work itself. */
static bool foreign_disjoint(const Program *p, const Access *x, const Access *y) {
    uint32_t t = x->site->thread;
    if (y->site->foreign != t + 1 || !x->site->inst_private || x->site->inst_step != y->site->foreign_step) return false;
    const Thread *th = &p->tm.threads.data[t];
    if (!th->spawn_range.known || model_thread_many_above(p, t)) return false;
    int64_t c = y->site->foreign_value;
    return c < th->spawn_range.lo || (!th->spawn_range.sym && c >= th->spawn_range.hi);
}

static bool rule_foreign_index(const Pair *x) {
    return foreign_disjoint(x->p, x->a, x->b) || foreign_disjoint(x->p, x->b, x->a);
}

static bool rule_per_instance_data(const Pair *x) {
    return x->same_thread && x->a->site->inst_private && x->b->site->inst_private &&
           inst_distinct_above(x->p, x->a->site->thread);
}

/* Both are made only by the instance of their thread whose distinct index
 * has one value (a test of it before them: threads.c, instance guards):
 * one instance, in program order. */
static bool rule_instance_guard(const Pair *x) {
    return x->same_thread && x->a->site->inst_known && x->b->site->inst_known &&
           x->a->site->inst_value == x->b->site->inst_value && !model_thread_many_above(x->p, x->a->site->thread);
}

/* Both index the location at one step with a loop counter that stays in
 * their instance's own range of one stride S (instances.c, index slices):
 * [S * i + l, S * i + h) and [S * j + l', S * j + h') do not meet for
 * distinct indices i and j when h - l' <= S and h' - l <= S. */
static bool rule_index_slices(const Pair *x) {
    const AccessSite *a = x->a->site, *b = x->b->site;
    if (!x->same_thread || !a->has_slice || !b->has_slice || !a->slice_scale || a->slice_step != b->slice_step ||
        a->slice_scale != b->slice_scale || a->slice_strided != b->slice_strided || a->slice_div != b->slice_div ||
        model_thread_many_above(x->p, a->thread))
        return false;
    if (a->slice_strided) return a->slice_lo == b->slice_lo; /* one residue: each instance its own */
    int64_t s = a->slice_scale, d1, d2;
    return !__builtin_sub_overflow(a->slice_hi, b->slice_lo, &d1) && !__builtin_sub_overflow(b->slice_hi, a->slice_lo, &d2) &&
           d1 <= s && d2 <= s;
}

/* Both index the location at one step with a loop counter confined to a
 * constant range (instances.c, constant slices), and the ranges do not
 * meet: the two touch different elements, whichever threads make them. */
static bool rule_const_slices(const Pair *x) {
    const AccessSite *a = x->a->site, *b = x->b->site;
    return a->has_slice && b->has_slice && !a->slice_scale && !b->slice_scale && a->slice_step == b->slice_step &&
           (a->slice_hi <= b->slice_lo || b->slice_hi <= a->slice_lo);
}

/* A single-producer single-consumer ring buffer (ring.c): one access in
 * the producer's window, the other in the consumer's, the semaphore each
 * waits the one the other posts, their cursors stepping modulo one M. */
static bool rule_ring_buffer(const Pair *x) {
    const RingFact *a = &x->a->site->ring, *b = &x->b->site->ring;
    return a->wait && b->wait && x->a->site->thread != x->b->site->thread && a->wait == b->post &&
           a->post == b->wait && a->mod == b->mod && a->step == b->step;
}

/* Both index the location with values claimed from one atomic counter, at
 * the same step (claims.c): two claims are never equal, so the accesses
 * touch different elements - or are one claim, in one thread, in program
 * order. */
static bool rule_claimed_index(const Pair *x) {
    return x->a->site->claim && x->a->site->claim == x->b->site->claim && x->a->site->claim_step == x->b->site->claim_step &&
           !idset_has(&x->p->sync.claim_unsafe, x->a->site->claim - 1);
}

/* A chain of instances, each started by the one before it (a recursive
 * spawn reached at most once per instance, joined before the instance
 * ends): an access made while the instance's own next instance is not
 * running - not yet started, or joined - comes before everything the later
 * instances do, or after all of it. */
static bool rule_creation_chain(const Pair *x) {
    if (!x->same_thread) return false;
    const Program *p = x->p;
    uint32_t t = x->a->site->thread;
    const Thread *th = &p->tm.threads.data[t];
    if (!th->recursive || th->fanout || th->rec_escapes || th->many || model_thread_many_above(p, t)) return false;
    return !idset_has(&p->sets.data[x->a->site->live], t) && !idset_has(&p->sets.data[x->b->site->live], t);
}

static bool rule_single_instance(const Pair *x) {
    return x->same_thread && !model_thread_many(x->p, x->a->site->thread);
}

/* Is thread t a descendant of thread anc (started by it, directly or
 * through other threads)? */
static bool descends_from(const Program *p, uint32_t t, uint32_t anc) {
    return t != anc && model_thread_self_or_ancestor(p, anc, t);
}

/* The library's contract runs an exclusive entry alone (threads.c
 * exclusive_roots): while it runs, no other call into the library is in
 * progress and the threads the library started are idle - except the ones
 * the exclusive call itself starts, which the tree rules order. */
static bool rule_exclusive_entry(const Pair *x) {
    const Program *p = x->p;
    uint32_t ta = x->a->site->thread, tb = x->b->site->thread;
    if (p->tm.threads.data[ta].exclusive && (ta == tb || !descends_from(p, tb, ta))) return true;
    return p->tm.threads.data[tb].exclusive && (ta == tb || !descends_from(p, ta, tb));
}

static bool rule_hand_over(const Pair *x) {
    if (!x->anc) return false;
    const Program *p = x->p;
    const Access *anc = x->anc, *desc = x->desc;
    const IrEvent *spawn = p->tm.threads.data[x->child].spawn_ev;
    /* the creator filling in the object it then hands to a new instance
     * touches that new instance's copy, which no running one uses */
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[anc->node].obj];
    if (anc->before_spawn && o->per_instance && o->spawn == spawn) return true;
    /* (one also kept in a global: against the new instance's accesses
     * through its start parameter) */
    if (anc->before_spawn && o->per_iteration && o->direct_spawn == spawn && desc->site->inst_private &&
        desc->site->thread == x->child)
        return true;
    /* ... or the element it is about to hand over (`args[i]`, then
     * create(&args[i])), which running instances index no more */
    return anc->site->elem_spawn && anc->site->elem_spawn == spawn && desc->site->inst_private && desc->site->thread == x->child;
}

/* The ancestor's child on the way to the descendant may not run at the
 * ancestor's access (only "started" counts when a thread below outlives its
 * parent's join). */
static bool child_not_running(const Pair *x) {
    const IdSet *s = &x->p->sets.data[x->escapes ? x->anc->site->ever : x->anc->site->live];
    return !idset_has(s, x->child);
}

static bool rule_creation(const Pair *x) {
    return x->anc && child_not_running(x) && !idset_has(&x->p->sets.data[x->anc->site->ever], x->child);
}

/* a is made in the routine of a once control C (a global) before that
 * routine started, at the spawn of thread w, w - the thread of b or one of
 * its ancestors - and every spawn of w runs in C's routine: the routine
 * runs once in all threads, so w starts after a, whichever thread runs it
 * (threads.c once_routine_node). */
static bool once_before_spawn(const Program *p, const Access *a, const Access *b) {
    for (int32_t w = (int32_t)b->site->thread; w >= 0; w = p->tm.threads.data[w].parent) {
        const Thread *tw = &p->tm.threads.data[w];
        if ((uint32_t)w == a->site->thread || descends_from(p, a->site->thread, (uint32_t)w)) return false;
        if (!tw->once_spawn) continue;
        bool in_routine = false;
        for (uint32_t i = 0; i < a->nlocks && !in_routine; i++)
            in_routine = a->locks[i].mode == LMODE_ONCE_INIT && a->locks[i].node == tw->once_spawn - 1;
        if (!in_routine) continue;
        const IdSet *ever = &p->sets.data[a->site->ever];
        bool started = false;
        for (uint32_t k = 0; k < ever->n && !started; k++)
            started = ever->v[k] < p->tm.threads.len && p->tm.threads.data[ever->v[k]].spawn_ev == tw->spawn_ev;
        if (!started) return true;
    }
    return false;
}

/* a is made in the routine of a once control C by a thread that routine
 * started (or one below it): that thread calls pthread_once(C) only after
 * C's routine began, so it waits for it and never runs it - a is never
 * made. */
static bool once_never_run(const Program *p, const Access *a) {
    for (int32_t w = (int32_t)a->site->thread; w >= 0; w = p->tm.threads.data[w].parent) {
        const Thread *tw = &p->tm.threads.data[w];
        if (!tw->once_spawn) continue;
        for (uint32_t i = 0; i < a->nlocks; i++)
            if (a->locks[i].mode == LMODE_ONCE_INIT && a->locks[i].node == tw->once_spawn - 1) return true;
    }
    return false;
}

static bool rule_once_creation(const Pair *x) {
    if (once_never_run(x->p, x->a) || once_never_run(x->p, x->b)) return true;
    return !x->same_thread && (once_before_spawn(x->p, x->a, x->b) || once_before_spawn(x->p, x->b, x->a));
}

/* Transitively: y's thread started a child on every path to y, the child
 * is no longer running there (it ended), and it had joined x's thread on
 * every path to its end (Thread.ends_joined): x's thread ended first. */
static bool joined_through_child(const Program *p, const Access *x, const Access *y) {
    if (x->site->thread == y->site->thread) return false;
    const IdSet *started = &p->sets.data[y->site->started], *live = &p->sets.data[y->site->live];
    for (uint32_t i = 0; i < started->n; i++) {
        uint32_t c = started->v[i];
        if (c >= p->tm.threads.len || idset_has(live, c)) continue;
        if (idset_has(&p->tm.threads.data[c].ends_joined, x->site->thread)) return true;
    }
    return false;
}

static bool rule_join(const Pair *x) {
    if (x->anc && child_not_running(x) && idset_has(&x->p->sets.data[x->anc->site->ever], x->child)) return true;
    /* joined by a thread that is not its ancestor (a sibling, through a
     * handle both can see), before the other access */
    const IdSet *ja = &x->p->sets.data[x->a->site->joined], *jb = &x->p->sets.data[x->b->site->joined];
    if (idset_has(jb, x->a->site->thread) || idset_has(ja, x->b->site->thread)) return true;
    return joined_through_child(x->p, x->a, x->b) || joined_through_child(x->p, x->b, x->a);
}

/* The ancestor held an exclusive lock L from before every start of the
 * child on the way down until after its access; the descendant's thread
 * surely took L itself before its access, so only after the ancestor let
 * it go. */
static bool rule_creation_lock(const Pair *x) {
    if (!x->anc) return false;
    const Program *p = x->p;
    const IdSet *ah = &p->sets.data[x->anc->site->holds], *dh = &p->sets.data[x->desc->site->holds];
    if (!ah->n || !dh->n) return false;
    for (uint32_t i = 0; i < ah->n; i++) {
        if (ah->v[i] & HOLD_TAKEN) continue;
        uint64_t pair = p->tm.hold_pairs.data[ah->v[i]];
        if ((uint32_t)(pair >> 32) == x->child && idset_has(dh, (uint32_t)pair | HOLD_TAKEN)) return true;
    }
    return false;
}

static bool rule_sibling_order(const Pair *x) {
    if (!is_siblings(x)) return false;
    const Thread *t1 = &x->p->tm.threads.data[x->c1], *t2 = &x->p->tm.threads.data[x->c2];
    const IdSet *at2 = x->esc1 ? &t2->ever_at_spawn : &t2->live_at_spawn;
    const IdSet *at1 = x->esc2 ? &t1->ever_at_spawn : &t1->live_at_spawn;
    return !idset_has(at2, x->c1) && !idset_has(at1, x->c2);
}

/* The threads using node n in a role (see Program.sync.users), or NULL. */
static const IdSet *sync_users(const Program *p, uint32_t n, uint32_t role) {
    uint64_t v;
    return u64map_get(&p->sync.users, (uint64_t)n << 2 | role, &v) ? &p->sets.data[v] : NULL;
}

/* Does x surely happen before y through a hand-off: y's thread waited on
 * semaphore s (initialised to 0; cond: a condition variable) before y; the
 * only thread posting or signalling s is x's, single-instance, and it had
 * not yet posted s at x? */
static bool handshake_orders(const Program *p, const Access *x, const Access *y, bool cond) {
    if (x->site->thread == y->site->thread) return false;
    const IdSet *posted = &p->sets.data[x->site->posted];
    const IdSet *w = &p->sets.data[cond ? y->site->cwaited : y->site->waited];
    for (uint32_t i = 0; i < w->n; i++) {
        uint32_t s = w->v[i];
        uint64_t init = 1;
        if (!cond && (!u64map_get(&p->sync.sem_init, s, &init) || init != 1)) continue; /* not a 0-initialised semaphore */
        if (!cond && !sync_flag_usable(p, s)) continue; /* a locked flag not always under one lock */
        const IdSet *posters = sync_users(p, s, 0);
        if (!posters || posters->n != 1 || posters->v[0] != x->site->thread || model_thread_many(p, x->site->thread))
            continue;
        if (!idset_has(posted, s)) return true;
    }
    return false;
}

/* Is semaphore s initialised to 0 and posted by thread t alone, each of
 * its instances posting it at most once (the counted and hand-back rules)? */
static bool posted_once_alone(const Program *p, uint32_t s, uint32_t t) {
    uint64_t init;
    if (!u64map_get(&p->sync.sem_init, s, &init) || init != 1) return false;
    const IdSet *posters = sync_users(p, s, 0);
    return posters && posters->n == 1 && posters->v[0] == t &&
           !u64map_get(&p->sync.multi_posts, (uint64_t)s << 12 | t, NULL);
}

/* Does x surely happen before y through a counted hand-off: y's thread
 * left a loop waiting once per index on semaphore s (initialised to 0)
 * before y; the only thread posting s is x's, whose instances are started
 * by one create loop over a range the wait loop covers, each posting s at
 * most once, and x's instance had not yet posted s at x. As many waits as
 * instances: every instance posted (ASSUMPTION: each instance gets to its
 * post; nothing else posts s). */
static bool counted_orders(const Program *p, const Access *x, const Access *y) {
    uint32_t t = x->site->thread;
    if (t == y->site->thread || !model_thread_many(p, t) || model_thread_many_above(p, t)) return false;
    const Thread *th = &p->tm.threads.data[t];
    const LoopRange *rg = th->spawn_range.known ? &th->spawn_range : th->iter_range.known ? &th->iter_range : NULL;
    if (th->spawn_loop < 0 || !rg) return false;
    const IdSet *w = &p->sets.data[y->site->waited], *posted = &p->sets.data[x->site->posted];
    for (uint32_t i = 0; i < w->n; i++) {
        if (!(w->v[i] & SYNC_COUNTED)) continue;
        uint32_t s = w->v[i] & ~SYNC_COUNTED;
        uint64_t r;
        if (idset_has(posted, s) || !posted_once_alone(p, s, t)) continue;
        if (idset_has(&p->sync.counted_elems, s) && u64map_get(&p->sync.flag_other_posts, (uint64_t)s << 12 | t, NULL))
            continue; /* an element flag another element's instance may have set */
        if (!u64map_get(&p->sync.counted_range, s, &r) || !r) continue;
        if (joins_cover(&p->sync.counted_ranges.data[r - 1], rg) == JOIN_COVER_ALL) return true;
    }
    return false;
}

static bool counts_from(const Program *p, uint32_t func, uint32_t block, uint32_t from, uint32_t c, int depth);

/* Does event ev count counter c: a counting WRITE of it
 * (Program.sync.count_events), or a call of one program function that
 * counts it on every path (a `task_done(pool)` helper; 3 calls deep)? */
static bool event_counts(const Program *p, const IrEvent *ev, uint32_t c, int depth) {
    uint64_t v;
    if (u64map_get(&p->sync.count_events, (uint64_t)(uintptr_t)ev, &v)) return v == (uint64_t)c + 1;
    if (u64map_get(&p->sync.release_events, (uint64_t)(uintptr_t)ev, &v)) return v == (uint64_t)c + 1;
    if (ev->kind != IR_EV_CALL || !ev->call || depth >= 3) return false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind == CALL_API || ci->targets.n != 1) return false;
    const IrFunc *g = p->link.funcs.data[ci->targets.v[0]].ir;
    return g->nblocks && counts_from(p, ci->targets.v[0], 0, 0, c, depth + 1);
}

/* Does every path from event `from` of block `block` of func to the
 * function's return count counter c? A path that ends in a call that
 * never returns counts as counted (the thread or the process ends there;
 * the waiter is not let out by it). */
static bool counts_from(const Program *p, uint32_t func, uint32_t block, uint32_t from, uint32_t c, int depth) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    bool *seen = xcalloc(f->nblocks ? f->nblocks : 1, sizeof(bool));
    VEC(uint32_t) work = {0};
    bool ok = true;
    /* the rest of the first block, then whole blocks */
    uint32_t b = block;
    for (;;) {
        const IrBlock *bb = &f->blocks[b];
        bool counted = false;
        for (uint32_t e = from; e < bb->nevents && !counted; e++) counted = event_counts(p, &bb->events[e], c, depth);
        if (!counted) {
            if (bb->term.kind == IR_TERM_RETURN) {
                ok = false;
                break;
            }
            for (uint32_t s = 0; s < bb->nsucc; s++)
                if (bb->succ[s] < f->nblocks && !seen[bb->succ[s]]) {
                    seen[bb->succ[s]] = true;
                    vec_push(&work, bb->succ[s]);
                }
        }
        if (!work.len) break;
        b = work.data[--work.len];
        from = 0;
    }
    vec_free(&work);
    free(seen);
    return ok;
}

/* Does every path from event ev of func to the function's return count c? */
static bool counts_ahead(const Program *p, uint32_t func, const IrEvent *ev, uint32_t c) {
    IrEventId at;
    if (!ir_defuse_event_id(model_defuse(p, p->link.funcs.data[func].ir), ev, &at)) return false;
    return counts_from(p, func, at.block, at.index + 1, c, 0);
}

/* ... or, not counted by the end of func, by every caller of func after
 * its call (a `get()` helper whose caller releases later: `msg_get(m);
 * create(..); msg_put(m);`), up to 3 calls up; not for a function a thread
 * starts in (the thread ends at its return), nor one called through a
 * pointer. */
static bool counts_ahead_up(const Program *p, uint32_t func, const IrEvent *ev, uint32_t c, int depth) {
    if (counts_ahead(p, func, ev, c)) return true;
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    if (depth >= 3 || !callers->n || p->link.funcs.data[func].address_taken) return false;
    for (size_t t = 0; t < p->tm.threads.len; t++)
        if (idset_has(&p->tm.threads.data[t].routines, func)) return false;
    bool any = false;
    for (uint32_t i = 0; i < callers->n; i++) {
        const IrFunc *g = p->link.funcs.data[callers->v[i]].ir;
        for (uint32_t b = 0; b < g->nblocks; b++)
            for (uint32_t e = 0; e < g->blocks[b].nevents; e++) {
                const IrEvent *x = &g->blocks[b].events[e];
                const CallInfo *ci = x->kind == IR_EV_CALL && x->call ? program_call(p, x) : NULL;
                if (!ci || ci->kind == CALL_API || !idset_has(&ci->targets, func)) continue;
                if (ci->kind != CALL_INTERNAL || !counts_ahead_up(p, callers->v[i], x, c, depth + 1)) return false;
                any = true;
            }
    }
    return any;
}

/* Does x surely happen before y through a hand-back: y's thread is the
 * creator of x's, and since each spawn of x's thread it waited on
 * semaphore s before spawning again (`create(.., &i); sem_wait(&copied)`
 * in a loop); s starts at 0 and only x's thread posts it, each instance at
 * most once, after x. The creator's waits are then at least as many as
 * the instances it started, so every instance started before y posted
 * before y; those started after y start after it. */
static bool hand_back_orders(const Program *p, const Access *x, const Access *y) {
    uint32_t t = x->site->thread;
    const Thread *th = &p->tm.threads.data[t];
    if (th->parent < 0 || (uint32_t)th->parent != y->site->thread || model_thread_many(p, y->site->thread)) return false;
    const IdSet *hb = &p->sets.data[y->site->handed_back], *posted = &p->sets.data[x->site->posted];
    for (uint32_t i = 0; i < hb->n; i++) {
        if (FLOW_HB_CHILD(hb->v[i]) != t) continue;
        uint32_t s = p->sync.hb_sems.data[FLOW_HB_SEM(hb->v[i])];
        if (!idset_has(posted, s) && posted_once_alone(p, s, t)) return true;
    }
    return false;
}

static bool rule_hand_back(const Pair *x) {
    return hand_back_orders(x->p, x->a, x->b) || hand_back_orders(x->p, x->b, x->a);
}

/* Does x surely happen before y through a reference count: y's thread
 * took counter c down to 0 (its atomic subtraction returned the value
 * that says it was the last: `if (atomic_fetch_sub(&o->refs, 1) == 1)`)
 * before y, x's function releases c on every path after x, and both touch
 * the object holding c? The releases are read-modify-writes of c in one
 * order, the last after every other: each release's earlier accesses come
 * before it; two accesses both after a last release are after the same
 * one. ASSUMPTION: the count is the number of releases to come (every
 * holder releases once, it reaches 0 once); the object of x is the one whose counter
 * its release takes down (the same abstract object: objects of one
 * allocation site are not told apart). */
static bool last_release_orders(const Program *p, const Access *x, const Access *y) {
    if (x->site->thread == y->site->thread && !model_thread_many(p, x->site->thread)) return false;
    const IdSet *w = &p->sets.data[y->site->waited];
    uint32_t xo = p->pt.nodes.data[x->node].obj, yo = p->pt.nodes.data[y->node].obj;
    for (uint32_t i = 0; i < w->n; i++) {
        if ((w->v[i] & (SYNC_LAST | SYNC_COUNTED)) != SYNC_LAST) continue;
        uint32_t c = w->v[i] & ~SYNC_LAST;
        uint32_t co = p->pt.nodes.data[c].obj;
        if (co != xo || co != yo) continue;
        /* x is a release itself (its read-modify-write comes before the last), or is followed by one,
         * or after the last release too: only one release takes the count to 0 */
        uint64_t rel;
        if (idset_has(&p->sets.data[x->site->waited], w->v[i])) return true;
        if ((u64map_get(&p->sync.release_events, (uint64_t)(uintptr_t)x->site->ev, &rel) && rel == (uint64_t)c + 1) ||
            counts_ahead_up(p, x->site->func, x->site->ev, c, 0))
            return true;
    }
    return false;
}

static bool rule_last_release(const Pair *x) {
    return last_release_orders(x->p, x->a, x->b) || last_release_orders(x->p, x->b, x->a);
}

static bool rule_counted(const Pair *x) {
    return counted_orders(x->p, x->a, x->b) || counted_orders(x->p, x->b, x->a);
}

/* Is step k of y's path its first index step? */
static bool first_index_step(const Access *y, uint8_t k) {
    const IrPath *path = &y->site->ev->path;
    if (y->site->ev->kind != IR_EV_READ && y->site->ev->kind != IR_EV_WRITE) return false;
    for (uint32_t i = 0; i < path->nsteps; i++)
        if (path->steps[i].kind == IR_STEP_INDEX) return i == k;
    return false;
}

/* Does x surely happen before y through an element flag: y's thread, in a
 * loop over i, waited for flag element `done[i]` to be set (a spin-wait on
 * an atomic flag, FlowState.elem_waited) and touches the element indexed
 * by i at the same index step as x's instance touches its own (x's thread:
 * many instances, each started with its index as its start value); x's
 * thread is the only one posting the flag, only ever at its own element
 * (`atomic_store(&done[id], 1)`), and had not posted it yet at x. The
 * element y waited for is the one instance's whose own element y touches.
 * ASSUMPTION: the flag's elements start at 0 and are set once (nothing
 * resets one: a reset is a store of another value, and makes it no flag). */
static bool element_flag_orders(const Program *p, const Access *x, const Access *y) {
    uint32_t slot = y->site->elem_waited;
    uint32_t t = x->site->thread;
    if (!slot || t == y->site->thread || !x->site->inst_private || !model_thread_many(p, t)) return false;
    uint32_t f = p->sync.elem_flags.data[slot - 1];
    uint8_t kind = p->tm.threads.data[t].arg_kind;
    if (kind == INST_ARG_VALUE) {
        if (x->site->inst_step >= INST_STEP_COPY || x->site->inst_step != y->site->elem_waited_step) return false;
    } else if (kind == INST_ARG_ELEMENT) {
        /* x through its start element (`j->result`, j = &jobs[i]); y at the
         * element of the flag's own array the waited index names
         * (`jobs[i].result` after `sem_wait(&jobs[i].done)`) */
        if (x->site->inst_step != INST_STEP_PARAM || !first_index_step(y, y->site->elem_waited_step) ||
            p->pt.nodes.data[y->node].obj != p->pt.nodes.data[f].obj)
            return false;
    } else {
        return false;
    }
    uint64_t init;
    if (!u64map_get(&p->sync.sem_init, f, &init) || init != 1) return false;
    const IdSet *posters = sync_users(p, f, 0);
    if (!posters || posters->n != 1 || posters->v[0] != t ||
        u64map_get(&p->sync.flag_other_posts, (uint64_t)f << 12 | t, NULL))
        return false;
    return !idset_has(&p->sets.data[x->site->posted], f);
}

static bool rule_element_flag(const Pair *x) {
    return element_flag_orders(x->p, x->a, x->b) || element_flag_orders(x->p, x->b, x->a);
}

/* x is made in the once region of a flag's one post (OncePost: at most
 * one thread ever runs it, before the post), y after a wait on that flag
 * (or after the post itself): the post is the one the wait saw. */
static bool once_post_orders(const Program *p, const Access *x, const Access *y) {
    return x->site->once_post && idset_has(&p->sets.data[y->site->waited], x->site->once_post - 1);
}

static bool rule_once_post(const Pair *x) {
    return once_post_orders(x->p, x->a, x->b) || once_post_orders(x->p, x->b, x->a);
}

static bool rule_semaphore(const Pair *x) {
    return handshake_orders(x->p, x->a, x->b, false) || handshake_orders(x->p, x->b, x->a, false);
}

static bool rule_condvar(const Pair *x) {
    return handshake_orders(x->p, x->a, x->b, true) || handshake_orders(x->p, x->b, x->a, true);
}


/* Does x surely happen before y through a counter waited for: y's thread
 * left a wait loop `while (c > 0) cond_wait(..., &m)` or `while (c < n)
 * ...` (holding m) before y, x's thread counts c under m, and had not yet at
 * x - or counts it again on every path from x to the end of x's function
 * (a worker counting each task it finishes: `out[i] = ..; lock; pending--;
 * unlock`)? ASSUMPTION: the counter reaches its bound only with the last
 * count the threads make (set to the number of instances or of tasks and
 * counted down, or counted up to the bound) - unless sync_short_countdowns
 * found fewer counts needed than instances counting once. */
static bool countdown_orders(const Program *p, const Access *x, const Access *y) {
    if (x->site->thread == y->site->thread) return false;
    const IdSet *w = &p->sets.data[y->site->waited], *posted = &p->sets.data[x->site->posted];
    for (uint32_t i = 0; i < w->n; i++) {
        uint64_t m;
        if (!u64map_get(&p->sync.countdowns, w->v[i], &m) || idset_has(&p->sync.short_counts, w->v[i])) continue;
        const IdSet *counting = sync_users(p, w->v[i], 2);
        if (!counting || !idset_has(counting, x->site->thread)) continue;
        if (!idset_has(posted, w->v[i]) || counts_ahead(p, x->site->func, x->site->ev, w->v[i])) return true;
    }
    return false;
}

static bool rule_countdown(const Pair *x) {
    return countdown_orders(x->p, x->a, x->b) || countdown_orders(x->p, x->b, x->a);
}

/* Barrier b's possible wait counts in a phase set: min and max (0 when absent). */
static void phase_range(const IdSet *ph, uint32_t b, uint32_t *lo, uint32_t *hi) {
    *lo = UINT32_MAX;
    *hi = 0;
    for (uint32_t i = 0; i < ph->n; i++)
        if (ph->v[i] / PHASE_STRIDE == b && ph->v[i] % PHASE_STRIDE < PHASE_CAP) {
            uint32_t k = ph->v[i] % PHASE_STRIDE;
            if (k < *lo) *lo = k;
            if (k > *hi) *hi = k;
        }
    if (*lo == UINT32_MAX) *lo = *hi = 0;
}

/* Barrier b's possible residues of the wait count modulo m in a phase set,
 * a bit each (count 0 when absent). */
static uint32_t phase_residues(const IdSet *ph, uint32_t b, uint32_t m) {
    uint32_t bits = 0, base = phase_mod_base(m);
    bool any = false;
    for (uint32_t i = 0; i < ph->n; i++) {
        if (ph->v[i] / PHASE_STRIDE != b) continue;
        any = true;
        uint32_t k = ph->v[i] % PHASE_STRIDE;
        if (k >= base && k < base + m) bits |= 1u << (k - base);
    }
    return any ? bits : 1u;
}

/* Both threads wait at barrier b, and every count of waits at b x's thread
 * may have made before x is below every count y's thread may have made
 * before y (ASSUMPTION: every thread waiting at b is one of the barrier's
 * participants, so the k-th waits of all of them meet). */
static bool barrier_orders(const Program *p, const Access *x, const Access *y) {
    const IdSet *px = &p->sets.data[x->site->phases], *py = &p->sets.data[y->site->phases];
    for (uint32_t i = 0; i < py->n; i++) {
        uint32_t b = py->v[i] / PHASE_STRIDE;
        const IdSet *parts = sync_users(p, b, 1);
        if (!parts || !idset_has(parts, x->site->thread) || !idset_has(parts, y->site->thread)) continue;
        uint32_t xlo, xhi, ylo, yhi;
        phase_range(px, b, &xlo, &xhi);
        phase_range(py, b, &ylo, &yhi);
        if (xhi < PHASE_CAP - 1 && xhi < ylo) return true;
        /* counts that always differ (their residues modulo 2, 3 or 4 do):
         * a barrier between them, whichever comes first - two waits per
         * round of a loop keep its halves apart */
        for (uint32_t m = 2; m <= 4; m++)
            if (!(phase_residues(px, b, m) & phase_residues(py, b, m))) return true;
    }
    return false;
}

static bool rule_barrier(const Pair *x) {
    return barrier_orders(x->p, x->a, x->b) || barrier_orders(x->p, x->b, x->a);
}

typedef struct MhpRule {
    const char *name;
    const char *why;  /* completes "ordered: ..." */
    bool (*ordered)(const Pair *x);
} MhpRule;

static const MhpRule mhp_rules[] = {
    {"hand-off", "the object is initialised through its fresh pointer before the pointer is published, then "
                 "moved", rule_hand_off},
    {"own-allocations", "each goes through the pointer its own function's allocation returned (published or "
                        "not): every call allocates an object of its own", rule_own_allocations},
    {"popped", "one access goes through a pointer its thread popped off a queue under a lock and still owns; "
               "the other is another owner's, or made holding that lock, or before the object was published; "
               "or both touch the payloads of popped tasks, each task's own element (or the producer's before "
               "it hands the element over)",
     rule_popped},
    {"release", "a free is ordered after the other frees of the abstract object, the accesses made under a "
                "lock (the object was unlinked under it before it was freed) and those of the other instances "
                "of its thread (each frees the item it took)", rule_release},
    {"per-instance-object", "each instance of the thread has its own object, allocated per spawn (or a frame's "
                            "local handed to one child, which does not run at the frame's access)",
     rule_per_instance_object},
    {"per-instance-data", "each instance of the thread indexes with its own distinct value", rule_per_instance_data},
    {"index-slices", "each instance indexes with a loop counter confined to its own range of the array, computed "
                     "from its distinct index", rule_index_slices},
    {"const-slices", "each indexes with a loop counter confined to a constant range of the array, and the two "
                     "ranges do not meet", rule_const_slices},
    {"instance-guard", "both are made only by the one instance of the thread whose distinct index has the value "
                       "it tested before them", rule_instance_guard},
    {"own-share", "the thread runs the instances' routine itself with a start value no instance gets, and both "
                  "index with their start value", rule_foreign_index},
    {"claimed-index", "both index with values claimed from one atomic counter (fetch-add): no two claims are equal",
     rule_claimed_index},
    {"creation-chain", "each instance starts the next one and joins it before it ends; neither access is made "
                       "while the next instance runs", rule_creation_chain},
    {"single-instance", "one thread with a single instance runs its accesses in program order",
     rule_single_instance},
    {"exclusive-entry", "one is made in a call the library's contract runs alone (--exclusive-entry, "
                        "\"exclusive-entries\"): no other call is in progress and the library's threads are idle",
     rule_exclusive_entry},
    {"hand-over", "the creator fills in the object it is about to hand to a new instance", rule_hand_over},
    {"creation", "the other thread is not yet spawned at the access", rule_creation},
    {"once-creation", "one is made in a once routine before that routine starts the other's thread (or an "
                      "ancestor of it), or in that routine by a thread it started, which never runs it; the "
                      "routine runs once in all, so the thread starts after it",
     rule_once_creation},
    {"join", "the other thread is joined before the access", rule_join},
    {"own-frames", "both name a local variable of their function directly: each is in the frame of its own "
                   "thread's call", rule_own_frames},
    {"element-join", "in a join loop, the access touches the element of the instance just joined, which the "
                     "other access, that instance's, touches as its own", rule_element_join},
    {"creation-lock", "the creator holds a lock from before the thread is spawned until after its access; the "
                      "thread takes that lock before its own", rule_creation_lock},
    {"sibling-order", "neither thread may still run when the other is spawned", rule_sibling_order},
    {"semaphore", "a post on a 0-initialised semaphore before one access, the wait for it before the other",
     rule_semaphore},
    {"once-post", "one access is made before the one post of a set-once flag, in the region at most one thread "
                  "runs (its test under a lock found the flag unset); the other after a wait that saw it set",
     rule_once_post},
    {"element-flag", "each instance sets its own element of a flag array after its access; the other thread, "
                     "in a loop over the elements, waited for the element it then touches",
     rule_element_flag},
    {"condvar", "a condition-variable signal before one access, the wait for it before the other", rule_condvar},
    {"hand-back", "the thread posts a semaphore once after its access; its creator waited on it after each "
                  "spawn before spawning again, and before its own access", rule_hand_back},
    {"last-release", "the access comes before its thread's release of the object's reference count; the other "
                     "thread took the count to zero before its own", rule_last_release},
    {"counted-semaphore", "every instance of one thread posts a semaphore once after its access; the other thread "
                          "waited for it once per instance before its own", rule_counted},
    {"countdown", "one thread counts a counter after its access, the other waited until the counter reached "
                  "its bound (zero, or the number waited for) before its own", rule_countdown},
    {"barrier", "a barrier both threads wait at separates the accesses", rule_barrier},
    {"ring-buffer", "a single-producer single-consumer ring buffer: the producer fills slot k mod M between its "
                    "wait on the free count and its post of the full count, the consumer empties it between the "
                    "matching wait and post, and the free count starts at no more than M", rule_ring_buffer},
};

const char *model_mhp_order(const Program *p, const Access *a, const Access *b, const char **why) {
    Pair x;
    pair_init(&x, p, a, b);
    for (size_t i = 0; i < sizeof mhp_rules / sizeof mhp_rules[0]; i++)
        if (mhp_rules[i].ordered(&x)) {
            if (why) *why = mhp_rules[i].why;
            return mhp_rules[i].name;
        }
    if (why) *why = NULL;
    return NULL;
}

bool model_may_parallel(const Program *p, const Access *a, const Access *b) {
    return !model_mhp_order(p, a, b, NULL);
}

/* ---- locks held in common --------------------------------------------------------- */

/* Do two index kinds of one lock node name the same lock? The lock of the
 * object accessed (OBJECT) is the whole lock (NONE) or the element paired
 * with the access (PAIRED) as the other access names it. */
static bool is_const_index(uint8_t k) {
    return k == LOCK_INDEX_CONST || k == LOCK_INDEX_CONST_PAIRED;
}

static bool index_kinds_match(uint8_t a, uint8_t b) {
    if (a == b) return true;
    /* a constant element, whatever it is held over; the paired element
     * when held over data indexed by that constant (`locks[0]` over
     * `data[0]` against `locks[h]` over `data[h]`: equal data, h is 0) */
    if (is_const_index(a) && is_const_index(b)) return true;
    if ((a == LOCK_INDEX_CONST_PAIRED && b == LOCK_INDEX_PAIRED) || (a == LOCK_INDEX_PAIRED && b == LOCK_INDEX_CONST_PAIRED))
        return true;
    if (a == LOCK_INDEX_OBJECT) return b == LOCK_INDEX_NONE || b == LOCK_INDEX_PAIRED || b == LOCK_INDEX_CONST_PAIRED;
    return b == LOCK_INDEX_OBJECT && a != LOCK_INDEX_CONST;
}

static bool protects(const HeldLock *x, bool xw, const HeldLock *y, bool yw) {
    if (x->node != y->node || !index_kinds_match(x->index_kind, y->index_kind)) return false;
    if (x->pin != y->pin) return false; /* one named through a global pointer, the other not, or through another */
    if (is_const_index(x->index_kind) && is_const_index(y->index_kind) && x->index != y->index) return false;
    bool xo = x->mode == LMODE_ONCE_INIT || x->mode == LMODE_ONCE_DONE;
    bool yo = y->mode == LMODE_ONCE_INIT || y->mode == LMODE_ONCE_DONE;
    if (xo || yo) return xo && yo && (x->mode == LMODE_ONCE_INIT || y->mode == LMODE_ONCE_INIT);
    /* a write is protected only by the exclusive mode (a turn is exclusive: turns.c) */
    if (xw && x->mode != LMODE_EXCL && x->mode != LMODE_TURN) return false;
    if (yw && y->mode != LMODE_EXCL && y->mode != LMODE_TURN) return false;
    if ((x->mode == LMODE_TURN) != (y->mode == LMODE_TURN)) return false;
    return true;
}

/* An inherited lock (held by an ancestor across the thread's run) excludes
 * the other access's hold of it unless both may be the same hold: the
 * holder's own, or another thread inheriting from the same holder. */
static bool distinct_holds(const HeldLock *x, uint32_t xt, const HeldLock *y, uint32_t yt) {
    if (!x->holder && !y->holder) return true;
    if (x->holder && y->holder) return x->holder != y->holder;
    return x->holder ? x->holder - 1u != yt : y->holder - 1u != xt;
}

bool model_common_lock(const Access *a, const Access *b, const char **which) {
    for (uint32_t i = 0; i < a->nlocks + a->ninherited; i++)
        for (uint32_t k = 0; k < b->nlocks + b->ninherited; k++)
            if (protects(&a->locks[i], a->site->write, &b->locks[k], b->site->write) &&
                distinct_holds(&a->locks[i], a->site->thread, &b->locks[k], b->site->thread)) {
                if (which) *which = a->locks[i].spelling;
                return true;
            }
    return false;
}
