/*
 * turns.c - turn words: a word that threads take turns on, each waiting
 * until it holds a value of its own and ending its turn by storing another.
 *
 *     // the producer                       // the consumer
 *     lock(&m);                             lock(&m);
 *     while (full) wait(&c, &m);            while (!full) wait(&c, &m);
 *     unlock(&m);                           unlock(&m);
 *     slot = item;                          use(slot);
 *     lock(&m); full = 1;                   lock(&m); full = 0;
 *     broadcast(&c); unlock(&m);            broadcast(&c); unlock(&m);
 *
 * Neither thread holds m at `slot`, yet the two accesses never run at once:
 * the producer's turn lasts from the exit of its wait (full == 0) to its
 * store of full, the consumer's from its wait (full != 0) to its store, and
 * the word cannot leave a turn's value while its thread is in the turn - the
 * only stores are the ones ending a turn. A turn is a lock (LMODE_TURN on the
 * word's path, with the predicate the wait saw): taken on the wait loop's
 * exit edge whose test saw the predicate hold (flow.c refine_edge), released
 * by the thread's store of the word (flow.c transfer); helpers waiting or
 * storing for their callers (`wait_to_be(&st, 1)`, `set_to(&st, 0)`) carry
 * them up as lock summaries do, the predicate's parameter replaced by the
 * caller's constant (lockset.c lock_to_caller).
 *
 * Detected (turns_detect, before the lock summaries): a loop test of the
 * word - `while (w != c)`, `while (w)`, `while (w < c)`, or against an
 * unchanged parameter (`while (b->value != v)`) - in a loop that calls a
 * condition wait, or a spin on an atomic read of it (`while
 * (atomic_load(&turn) != 1) ;`, an _Atomic word read plainly; not a
 * relaxed load), the word being memory (a global, or reached through a
 * pointer), the test's exit edge leaving the loop. Every store that may
 * write a word (or the object holding it), assignment or atomic write,
 * ends a turn; a word a relaxed atomic may write has no turns (the
 * release that would order the next holder's accesses is missing).
 *
 * A helper whose wait depends on the constants it is passed (yarn's
 * `wait_for(s, NOT_TO_BE, 0)`: a switch on the operation chooses the loop,
 * its value is the predicate's) is run once per callee and constants
 * (lockset.c apply_turns; the per-thread pass prunes the branches on such
 * parameters, flow.c cond_param_constant): the turns it surely returns in
 * are the caller's. A turn whose predicate is still a parameter where an
 * access is made (a thread routine's) protects nothing (heldlocks.c).
 *
 * Kept (turns_validate, after the per-thread pass, per word node): the
 * turns held at the accesses of two different threads, or of a thread with
 * many instances, have predicates no value satisfies together (== 0 and !=
 * 0; == 1 and == 2); and every write of the word made outside a turn on it
 * may not run beside any access of the word by another thread that holds
 * turns on it (the creator's `full = 0` before it starts the threads).
 * Otherwise the word's turns are dropped from every access
 * (model_drop_locks): what they seemed to protect is reported.
 *
 * A turn is a lock for the rest of the model: a word in a heap object that
 * stands for many (made in a loop, or by a helper called from several
 * places) protects only what is reached through the same pointer
 * (heldlocks.c), as a mutex there does - pigz's yarn locks, each made by
 * new_lock() from many places, give no turns. The lock rules never see
 * turns (lockevents.c, threads.c), and atomicity-violation is quiet on a
 * write-back made in a turn on the word it writes (the wait's test and the
 * store that ends the turn are one step: no one else stores meanwhile).
 * PRECISION: a store through a pointer that may reach several words ends
 * the turns on all of them; stores by library calls (memset) are not seen
 * as ending a turn (ASSUMPTION: a turn word is stored by assignments).
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

/* Does loop l call a condition wait? */
static bool loop_waits(Program *p, const IrFunc *f, int32_t l) {
    const IrDefUse *du = model_defuse(p, f);
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ir_defuse_block_in_loop(du, b, l)) continue;
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(p, ev);
            if (ci && ci->kind == CALL_API && ci->api->kind == API_COND_WAIT) return true;
        }
    }
    return false;
}

/* Memory a wait can test: a global or a path through a pointer. */
static bool memory_operand(const IrOperand *o) {
    if (o->kind != IR_OPD_VALUE || o->offset || ir_operand_narith(o)) return false;
    if (o->path.root == IR_ROOT_GLOBAL) return true;
    for (uint32_t i = 0; i < o->path.nsteps; i++)
        if (o->path.steps[i].kind == IR_STEP_DEREF) return true;
    return false;
}

/* An unchanged parameter of f, bare. */
static int param_operand(const Program *p, uint32_t func, const IrOperand *o) {
    const IrFunc *f = p->link.funcs.data[func].ir;
    if (o->kind != IR_OPD_VALUE || o->offset || o->path.nsteps || o->path.root != IR_ROOT_LOCAL ||
        o->path.id >= f->nparams || o->path.id > 126 || ir_operand_narith(o) ||
        !model_param_unchanged(p, func, o->path.id))
        return -1;
    return (int)o->path.id;
}

static uint8_t negate(uint8_t c) {
    switch (c) {
    case IR_CMP_EQ: return IR_CMP_NE;
    case IR_CMP_NE: return IR_CMP_EQ;
    case IR_CMP_LT: return IR_CMP_GE;
    case IR_CMP_LE: return IR_CMP_GT;
    case IR_CMP_GT: return IR_CMP_LE;
    default: return IR_CMP_LT;
    }
}

static uint8_t swap(uint8_t c) {
    switch (c) {
    case IR_CMP_LT: return IR_CMP_GT;
    case IR_CMP_LE: return IR_CMP_GE;
    case IR_CMP_GT: return IR_CMP_LT;
    case IR_CMP_GE: return IR_CMP_LE;
    default: return c;
    }
}

/* An atomic call's object as a path (`atomic_load(&turn)`: turn): for
 * `load`, a load that orders (not relaxed); else any atomic that writes. */
static bool atomic_word(Program *p, const IrEvent *ev, bool load, IrPath *path) {
    if (ev->kind != IR_EV_CALL || !ev->call) return false;
    const CallInfo *ci = program_call(p, ev);
    if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC || ci->api->object < 0 ||
        (uint32_t)ci->api->object >= ev->call->nargs)
        return false;
    if (load ? ci->api->atomic_op != ATOMIC_OP_LOAD : ci->api->access == ATOMIC_READ) return false;
    if (load && model_atomic_relaxed(p, ev, ci->api)) return false;
    return flow_lock_path(p->arena, &ev->call->args[ci->api->object], path);
}

/* The test of the word in branch t: (word cmp param + value) when taken.
 * The word is a memory operand of the test, or the object of the atomic
 * load whose result the test reads (`while (atomic_load(&turn) != 1)`,
 * in block bl: x->read is that call). */
static bool word_test(Program *p, uint32_t func, const IrBlock *bl, const IrTerm *t, TurnExit *x) {
    if (t->cond.kind == IR_OPD_VALUE && !t->cond.offset && !t->cond.path.nsteps && t->cond.path.root == IR_ROOT_TEMP &&
        !ir_operand_narith(&t->cond)) {
        for (uint32_t e = bl->nevents; e-- > 0;) {
            const IrEvent *ev = &bl->events[e];
            if (ev->kind != IR_EV_CALL || !ev->call || ev->call->result != (int32_t)t->cond.path.id) continue;
            if (!atomic_word(p, ev, true, &x->path)) return false;
            x->read = ev;
            x->cmp = t->cmp;
            x->param = -1;
            x->value = t->rhs;
            return true;
        }
        return false;
    }
    if (memory_operand(&t->cond)) {
        x->path = t->cond.path;
        x->cmp = t->cmp;
        x->param = -1;
        x->value = t->rhs;
        return true;
    }
    if (t->cond.kind != IR_OPD_UNKNOWN || t->cmp != IR_CMP_NE || t->rhs != 0) return false;
    int k;
    if (memory_operand(&t->sym_lhs) && (k = param_operand(p, func, &t->sym_rhs)) >= 0) {
        x->path = t->sym_lhs.path;
        x->cmp = t->sym_cmp;
        x->param = (int8_t)k;
        x->value = t->sym_off;
        return true;
    }
    if (memory_operand(&t->sym_rhs) && (k = param_operand(p, func, &t->sym_lhs)) >= 0) {
        /* v cmp w + off  <=>  w swap(cmp) v - off */
        x->path = t->sym_rhs.path;
        x->cmp = swap(t->sym_cmp);
        x->param = (int8_t)k;
        x->value = -t->sym_off;
        return true;
    }
    return false;
}

typedef struct Candidate {
    TurnExit x;
    uint32_t func;
    const IrTerm *term;
    IdSet nodes;
} Candidate;

void turns_detect(Program *p) {
    VEC(Candidate) cands = {0};
    U64Map count; /* node -> waits on it (one on a parameter's value counts for two) */
    u64map_init(&count);
    for (size_t fi = 0; fi < p->link.funcs.len; fi++) {
        if (!p->link.funcs.data[fi].reachable) continue;
        const IrFunc *f = p->link.funcs.data[fi].ir;
        for (uint32_t b = 0; b < f->nblocks; b++) {
            const IrBlock *bl = &f->blocks[b];
            if (bl->loop < 0 || bl->term.kind != IR_TERM_BRANCH || bl->nsucc != 2) continue;
            const IrDefUse *du = model_defuse(p, f);
            bool out0 = !ir_defuse_block_in_loop(du, bl->succ[0], bl->loop);
            bool out1 = !ir_defuse_block_in_loop(du, bl->succ[1], bl->loop);
            if (out0 == out1) continue;
            Candidate c;
            memset(&c, 0, sizeof c);
            if (!word_test(p, (uint32_t)fi, bl, &bl->term, &c.x)) continue;
            /* the test's read of the word: the last one in the block */
            for (uint32_t e = bl->nevents; e-- > 0 && !c.x.read;)
                if (bl->events[e].kind == IR_EV_READ && ir_path_equal(&bl->events[e].path, &c.x.path))
                    c.x.read = &bl->events[e];
            /* a wait: on a condition variable, or a spin on an atomic read */
            bool atomic = c.x.read && (c.x.read->kind == IR_EV_CALL || (c.x.read->flags & IR_EV_ATOMIC));
            if (!c.x.read || (!atomic && !loop_waits(p, f, bl->loop))) continue;
            c.x.on_taken = out0;
            if (!out0) c.x.cmp = negate(c.x.cmp);
            c.func = (uint32_t)fi;
            c.term = &bl->term;
            pt_resolve_path(p, (uint32_t)fi, &c.x.path, &c.nodes);
            for (uint32_t i = 0; i < c.nodes.n; i++) {
                uint64_t k = 0;
                u64map_get(&count, c.nodes.v[i], &k);
                u64map_put(&count, c.nodes.v[i], k + (c.x.param >= 0 ? 2 : 1));
            }
            vec_push(&cands, c);
        }
    }
    /* a word one wait alone tests gives no two threads turns: not one (its
     * stores then cost nothing - a list's length tested by one drain loop) */
    IdSet words = {0};
    for (size_t i = 0; i < cands.len; i++) {
        Candidate *c = &cands.data[i];
        bool word = false;
        for (uint32_t k = 0; k < c->nodes.n; k++) {
            uint64_t n = 0;
            u64map_get(&count, c->nodes.v[k], &n);
            if (n >= 2) idset_add(&words, c->nodes.v[k]), word = true;
        }
        if (word) {
            vec_push(&p->sync.turn_exit_v, c->x);
            idset_add(&p->sync.turn_funcs, c->func);
            u64map_put(&p->sync.turn_exits, (uint64_t)(uintptr_t)c->term, p->sync.turn_exit_v.len);
        }
        idset_free(&c->nodes);
    }
    vec_free(&cands);
    u64map_free(&count);
    if (!words.n) return;
    /* the words and the objects holding them: a store to either ends a turn */
    IdSet covers = {0};
    for (uint32_t i = 0; i < words.n; i++)
        for (uint32_t n = words.v[i]; n != UINT32_MAX; n = p->pt.nodes.data[n].parent) idset_add(&covers, n);
    /* the stores: assignments, and atomic writes; a relaxed atomic write
     * of a word orders nothing, so its word takes no turns (the dropped
     * turns are left out of the stores, and validation finds them gone) */
    IdSet relaxed = {0};
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        (void)ir;
        IrPath path;
        bool call = atomic_word(p, ev, false, &path);
        if (!call && (ev->kind != IR_EV_WRITE || (ev->path.root != IR_ROOT_GLOBAL && !ev->path.nsteps))) continue;
        IdSet n = {0};
        pt_resolve_path(p, (uint32_t)f, call ? &path : &ev->path, &n);
        if (idset_intersects(&n, &covers)) {
            u64map_put(&p->sync.turn_stores, (uint64_t)(uintptr_t)ev, 1);
            if (call && model_atomic_relaxed(p, ev, program_call(p, ev)->api)) idset_union(&relaxed, &n);
        }
        idset_free(&n);
    }
    idset_union(&p->sync.turn_relaxed, &relaxed);
    idset_free(&relaxed);
    idset_free(&covers);
    idset_free(&words);
}

uint32_t turns_exit_lock(Program *p, uint32_t func, const IrTerm *t, bool taken, const FlowState *st,
                         const IrEvent **ev) {
    uint64_t v;
    if (!p->sync.turn_exits.len || !u64map_get(&p->sync.turn_exits, (uint64_t)(uintptr_t)t, &v)) return UINT32_MAX;
    const TurnExit *x = &p->sync.turn_exit_v.data[v - 1];
    if (x->on_taken != taken) return UINT32_MAX;
    *ev = x->read;
    /* a parameter every call reaching here passes a constant in (the per-thread pass) */
    if (x->param >= 0 && x->param < FLOW_CONST_PARAMS && (st->kparams >> x->param & 1))
        return lock_intern_turn(p, (int32_t)func, &x->path, x->cmp, -1, st->kvalue[x->param] + x->value);
    return lock_intern_turn(p, (int32_t)func, &x->path, x->cmp, x->param, x->value);
}

/* ---- validation ------------------------------------------------------------ */

/* The values satisfying (x cmp v): an interval [lo, hi], or all but v (ne). */
typedef struct Range {
    bool ne;
    int64_t lo, hi;
} Range;

static Range range_of(uint8_t cmp, int64_t v) {
    Range r = {false, INT64_MIN, INT64_MAX};
    switch (cmp) {
    case IR_CMP_EQ: r.lo = r.hi = v; break;
    case IR_CMP_NE: r.ne = true, r.lo = r.hi = v; break;
    case IR_CMP_LT: r.hi = v == INT64_MIN ? v : v - 1; break;
    case IR_CMP_LE: r.hi = v; break;
    case IR_CMP_GT: r.lo = v == INT64_MAX ? v : v + 1; break;
    default: r.lo = v; break;
    }
    return r;
}

/* Can no value satisfy both? */
static bool disjoint(uint8_t c1, int64_t v1, uint8_t c2, int64_t v2) {
    Range a = range_of(c1, v1), b = range_of(c2, v2);
    if (a.ne && b.ne) return false;
    if (b.ne) {
        Range t = a;
        a = b;
        b = t;
    }
    if (a.ne) return b.lo == b.hi && b.lo == a.lo; /* all but v against exactly v */
    return a.hi < b.lo || b.hi < a.lo;
}

/* A turn held at an access of the program: its word, thread and predicate. */
typedef struct TurnUse {
    uint32_t node, thread;
    uint8_t cmp;
    int64_t value;
} TurnUse;

static int cmp_use(const void *x, const void *y) {
    const TurnUse *a = x, *b = y;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    if (a->thread != b->thread) return a->thread < b->thread ? -1 : 1;
    if (a->cmp != b->cmp) return a->cmp < b->cmp ? -1 : 1;
    return a->value < b->value ? -1 : a->value > b->value;
}

static bool holds_turn(const Access *a, uint32_t node) {
    for (uint32_t k = 0; k < a->nlocks; k++)
        if (a->locks[k].mode == LMODE_TURN && a->locks[k].node == node) return true;
    return false;
}

/* Some write of the word outside a turn that may run beside an access of
 * it by another thread taking turns on it? acc: the word's accesses; u:
 * the word's turns. PRECISION: quadratic in the word's accesses (a turn
 * word has few). */
static bool stray_store(const Program *p, uint32_t node, const Access *const *acc, size_t nacc, const TurnUse *u,
                        size_t n) {
    bool *taker = xcalloc(nacc ? nacc : 1, sizeof *taker); /* made by a thread holding turns on the word */
    for (size_t j = 0; j < nacc; j++)
        for (size_t k = 0; k < n && !taker[j]; k++) taker[j] = u[k].thread == acc[j]->site->thread;
    bool stray = false;
    for (size_t i = 0; i < nacc && !stray; i++) {
        const Access *w = acc[i];
        if (!w->site->write || holds_turn(w, node)) continue;
        for (size_t j = 0; j < nacc && !stray; j++) {
            const Access *r = acc[j];
            uint32_t t = r->site->thread;
            if (r == w || !taker[j] || (t == w->site->thread && !p->tm.threads.data[t].many)) continue;
            stray = model_may_parallel(p, w, r);
        }
    }
    free(taker);
    return stray;
}

/* Every turn held at an access is on a word in turn_kept or one dropped. */
static bool is_invalid_turn(const Program *p, const HeldLock *l) {
    return l->mode == LMODE_TURN && !idset_has(&p->sync.turn_kept, l->node);
}

void turns_validate(Program *p, const ModelOptions *opt) {
    (void)opt;
    if (!p->sync.turn_exits.len) return;
    /* the turns held at accesses: the threads that must exclude each other */
    VEC(TurnUse) uses = {0};
    IdSet words = {0};
    const HeldLock *last = NULL;
    for (size_t i = 0; i < p->tm.accesses.len; i++) {
        const Access *a = &p->tm.accesses.data[i];
        if (a->locks == last && i && p->tm.accesses.data[i - 1].site->thread == a->site->thread) continue;
        last = a->locks;
        for (uint32_t k = 0; k < a->nlocks; k++) {
            const HeldLock *l = &a->locks[k];
            if (l->mode != LMODE_TURN) continue;
            TurnUse u = {l->node, a->site->thread, l->turn_cmp, l->index};
            vec_push(&uses, u);
            idset_add(&words, l->node);
        }
    }
    /* each word's accesses */
    VEC(const Access *) *acc = xcalloc(words.n ? words.n : 1, sizeof *acc);
    for (size_t i = 0; i < p->tm.accesses.len && words.n; i++) {
        const Access *a = &p->tm.accesses.data[i];
        uint32_t w = idset_index(&words, a->node);
        if (w != UINT32_MAX) vec_push(&acc[w], a);
    }
    if (uses.len > 1) qsort(uses.data, uses.len, sizeof(TurnUse), cmp_use);
    size_t n = 0; /* distinct uses */
    for (size_t i = 0; i < uses.len; i++)
        if (!n || cmp_use(&uses.data[n - 1], &uses.data[i])) uses.data[n++] = uses.data[i];
    uses.len = n;
    for (size_t i = 0; i < uses.len;) {
        size_t j = i;
        while (j < uses.len && uses.data[j].node == uses.data[i].node) j++;
        bool ok = true;
        for (size_t a = i; a < j && ok; a++)
            for (size_t b = a; b < j && ok; b++) {
                const TurnUse *x = &uses.data[a], *y = &uses.data[b];
                if (x->thread == y->thread && !p->tm.threads.data[x->thread].many) continue;
                ok = disjoint(x->cmp, x->value, y->cmp, y->value);
            }
        uint32_t w = idset_index(&words, uses.data[i].node);
        if (ok) ok = !idset_has(&p->sync.turn_relaxed, uses.data[i].node);
        if (ok) ok = !stray_store(p, uses.data[i].node, acc[w].data, acc[w].len, uses.data + i, j - i);
        if (ok) idset_add(&p->sync.turn_kept, uses.data[i].node);
        else p->sync.turn_dropped++;
        i = j;
    }
    for (uint32_t w = 0; w < words.n; w++) vec_free(&acc[w]);
    free(acc);
    idset_free(&words);
    vec_free(&uses);
    if (p->sync.turn_dropped) model_drop_locks(p, is_invalid_turn);
}
