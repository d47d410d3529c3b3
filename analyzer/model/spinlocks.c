/*
 * spinlocks.c - locks built from atomics. A word that the program only
 * acquires by storing a non-zero constant into it when it holds 0, and
 * releases by storing 0, is a lock, whatever the operations are called:
 *
 *     while (__sync_lock_test_and_set(&l, 1)) ;      acquire (old value 0)
 *     while (atomic_exchange(&l, 1)) ;               acquire (old value 0)
 *     while (atomic_flag_test_and_set(&f)) ;         acquire (old flag clear)
 *     while (!atomic_compare_exchange_weak(&l, &e, 1)) e = 0;   acquire (success)
 *     while (!__sync_bool_compare_and_swap(&l, 0, 1)) ;         acquire (success)
 *     __sync_lock_release(&l); atomic_store(&l, 0); atomic_flag_clear(&f);  release
 *
 * The acquiring calls become trylocks of the word (held on the path where
 * the call reports success: the old value 0, or true), the releasing ones
 * unlocks, so the lockset analysis, lock summaries (a `spin_lock(l)` helper
 * looping until it succeeds returns holding `*l`) and the lock rules treat
 * the word as any mutex. Runs after points-to (words are told apart by the
 * locations the object argument may point to) and before the lock
 * summaries.
 *
 * A word qualifies when, over every reachable call of an atomic operation
 * (API model kind `atomic` with its `op`, rules/atomics.json) whose object
 * may be it: at least one acquires and one releases, and every other one
 * is a load (a spin-wait `while (atomic_load(&l)) ;`). An acquire's result
 * must be tested by a branch (a loop or an `if` on it, directly or through
 * a local): a test-and-set whose result is dropped sets a flag. PRECISION: a
 * compare-exchange through a pointer to the expected value counts as an
 * acquire whatever that value is (its desired value must be a non-zero
 * constant); an acquire or release with memory_order_relaxed makes the
 * word no lock (it orders nothing: `spin_relaxed_racy.c`); a word also
 * written by plain stores (`*lock = 0`, nginx's
 * ngx_unlock) or read-modify-writes (fetch-add: a counter, a ticket lock)
 * is not a lock here, and stays an atomic variable.
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

enum { SPIN_NONE, SPIN_ACQUIRE, SPIN_RELEASE, SPIN_LOAD, SPIN_OTHER };

/* Does every direct call of func pass a non-zero constant in parameter k
 * (and nothing calls it through a pointer)? `ngx_spinlock(lock, value,
 * spin)` called as `ngx_spinlock(&l, 1, 2048)`. */
static bool param_always_nonzero(const Program *p, uint32_t func, uint32_t k) {
    if (p->link.funcs.data[func].address_taken || !model_param_unchanged(p, func, k)) return false;
    bool any = false;
    PROGRAM_EACH_EVENT(p, g, ir, ev) {
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci || ci->kind != CALL_INTERNAL || ci->callee != func) continue;
        if (k >= ev->call->nargs || ev->call->args[k].kind != IR_OPD_CONST || !ev->call->args[k].value) return false;
        any = true;
    }
    return any;
}

static bool const_arg(const IrEvent *ev, int i, int64_t *v) {
    if (i < 0 || (uint32_t)i >= ev->call->nargs || ev->call->args[i].kind != IR_OPD_CONST) return false;
    *v = ev->call->args[i].value;
    return true;
}

/* Is argument i a non-zero constant, or a parameter every caller passes
 * one in? */
static bool nonzero_arg(const Program *p, uint32_t func, const IrEvent *ev, int i) {
    int64_t v;
    if (const_arg(ev, i, &v)) return v != 0;
    if (i < 0 || (uint32_t)i >= ev->call->nargs) return false;
    const IrOperand *a = &ev->call->args[i];
    return a->kind == IR_OPD_VALUE && !a->offset && !a->path.nsteps && a->path.root == IR_ROOT_LOCAL &&
           param_always_nonzero(p, func, a->path.id);
}

/* What an atomic call does to a would-be lock word, and for an acquire the
 * result meaning success in *success. */
static int spin_role(const Program *p, uint32_t func, const ApiModel *m, const IrEvent *ev, long *success) {
    int64_t v, e;
    /* a relaxed acquire or release orders nothing: the accesses between
     * two threads' turns race (C11), the word is no lock */
    if (m->atomic_op != ATOMIC_OP_LOAD && model_atomic_relaxed(p, ev, m)) return SPIN_OTHER;
    switch (m->atomic_op) {
    case ATOMIC_OP_LOAD: return SPIN_LOAD;
    case ATOMIC_OP_STORE: return const_arg(ev, m->value, &v) && v == 0 ? SPIN_RELEASE : SPIN_OTHER;
    case ATOMIC_OP_CLEAR: return SPIN_RELEASE;
    case ATOMIC_OP_TEST_AND_SET: *success = 0; return SPIN_ACQUIRE;
    case ATOMIC_OP_EXCHANGE:
        *success = 0;
        return nonzero_arg(p, func, ev, m->value) ? SPIN_ACQUIRE : SPIN_OTHER;
    case ATOMIC_OP_COMPARE_EXCHANGE:
        *success = 1;
        return nonzero_arg(p, func, ev, m->value) ? SPIN_ACQUIRE : SPIN_OTHER;
    case ATOMIC_OP_CAS_BOOL:
    case ATOMIC_OP_CAS_VALUE:
        *success = m->atomic_op == ATOMIC_OP_CAS_BOOL ? 1 : 0;
        return const_arg(ev, m->expected, &e) && e == 0 && nonzero_arg(p, func, ev, m->value) ? SPIN_ACQUIRE
                                                                                             : SPIN_OTHER;
    default: return SPIN_OTHER;
    }
}

/* Is the call's result tested by a branch of its function (directly, or
 * through one local it is copied to)? An acquire whose result nobody tests
 * sets a flag; it does not take a lock. */
static bool result_tested(const IrFunc *f, const IrEvent *call) {
    if (call->call->result < 0) return false;
    uint32_t tmp = (uint32_t)call->call->result;
    int64_t local = -1;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const IrEvent *ev = &f->blocks[b].events[e];
            if (ev->kind == IR_EV_ASSIGN && ev->src && ev->src->kind == IR_OPD_VALUE &&
                ev->src->path.root == IR_ROOT_TEMP && ev->src->path.id == tmp && !ev->src->path.nsteps &&
                ev->path.root == IR_ROOT_LOCAL && !ev->path.nsteps)
                local = ev->path.id;
        }
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const IrTerm *t = &f->blocks[b].term;
        if (t->kind != IR_TERM_BRANCH || t->cond.kind != IR_OPD_VALUE || t->cond.path.nsteps) continue;
        if (t->cond.path.root == IR_ROOT_TEMP && t->cond.path.id == tmp) return true;
        if (t->cond.path.root == IR_ROOT_LOCAL && (int64_t)t->cond.path.id == local) return true;
    }
    return false;
}

typedef struct SpinCall {
    CallInfo *ci;          /* NULL for a plain store */
    const IrEvent *store;  /* a plain store of 0 (`*lock = 0`) */
    int role;
    long success;
    IdSet words; /* the nodes its object may be */
} SpinCall;

/* A plain store to memory (not a frame's own variable): its role for the
 * words it may write. A store of 0 releases; another store, or a
 * read-modify-write, is something else; initialisers of declarations, and
 * the WRITE each ASSIGN comes with, are neither. */
static int store_role(const IrEvent *ev) {
    bool mem = ev->path.root == IR_ROOT_GLOBAL;
    for (uint32_t i = 0; i < ev->path.nsteps && !mem; i++) mem = ev->path.steps[i].kind == IR_STEP_DEREF;
    if (!mem || (ev->flags & IR_EV_INIT)) return SPIN_NONE;
    if (ev->kind == IR_EV_WRITE) return (ev->flags & IR_EV_RMW) ? SPIN_OTHER : SPIN_NONE;
    if (ev->kind != IR_EV_ASSIGN || !ev->src) return SPIN_NONE;
    return ev->src->kind == IR_OPD_CONST && ev->src->value == 0 ? SPIN_RELEASE : SPIN_OTHER;
}

/* The lock model an acquire or release becomes: one per (model, role,
 * success), in the program's arena. */
static const ApiModel *spin_model(Program *p, U64Map *made, const ApiModel *m, int role, long success) {
    uint64_t key = (uint64_t)(uintptr_t)m ^ ((uint64_t)role << 1) ^ ((uint64_t)success << 4), got;
    if (u64map_get(made, key, &got)) return (const ApiModel *)(uintptr_t)got;
    ApiModel *s = arena_memdup(p->arena, m, sizeof *m);
    s->kind = role == SPIN_ACQUIRE ? API_TRYLOCK : API_UNLOCK;
    s->lock = m->object;
    s->mode = LOCK_EXCLUSIVE;
    s->has_success = role == SPIN_ACQUIRE;
    s->success = success;
    s->recursive = false;
    u64map_put(made, key, (uint64_t)(uintptr_t)s);
    return s;
}

void spinlocks_detect(Program *p) {
    VEC(SpinCall) calls = {0};
    U64Map role; /* node -> bit 1: acquired, 2: released, 4: something else */
    u64map_init(&role);
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        if (ev->kind == IR_EV_ASSIGN || ev->kind == IR_EV_WRITE) {
            SpinCall sc = {NULL, ev, store_role(ev), 0, {0}};
            if (sc.role == SPIN_NONE) continue;
            pt_resolve_path(p, (uint32_t)f, &ev->path, &sc.words);
            for (uint32_t k = 0; k < sc.words.n; k++) {
                uint64_t old = 0;
                u64map_get(&role, sc.words.v[k], &old);
                u64map_put(&role, sc.words.v[k], old | (sc.role == SPIN_RELEASE ? 2 : 4));
            }
            if (sc.role == SPIN_RELEASE) vec_push(&calls, sc);
            else idset_free(&sc.words);
            continue;
        }
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        CallInfo *ci = (CallInfo *)program_call(p, ev);
        if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) continue;
        int obj = ci->api->object;
        if (obj < 0 || (uint32_t)obj >= ev->call->nargs) continue;
        SpinCall sc = {ci, NULL, SPIN_NONE, 0, {0}};
        sc.role = spin_role(p, (uint32_t)f, ci->api, ev, &sc.success);
        if (sc.role == SPIN_ACQUIRE && !result_tested(ir, ev)) sc.role = SPIN_OTHER;
        pt_operand_targets(p, (uint32_t)f, &ev->call->args[obj], &sc.words);
        uint64_t bit = sc.role == SPIN_ACQUIRE ? 1 : sc.role == SPIN_RELEASE ? 2 : sc.role == SPIN_LOAD ? 0 : 4;
        for (uint32_t k = 0; k < sc.words.n; k++) {
            uint64_t old = 0;
            u64map_get(&role, sc.words.v[k], &old);
            u64map_put(&role, sc.words.v[k], old | bit);
        }
        vec_push(&calls, sc);
    }
    U64Map made;
    u64map_init(&made);
    size_t nwords = 0;
    for (size_t i = 0; i < calls.len; i++) {
        SpinCall *sc = &calls.data[i];
        bool lock = (sc->role == SPIN_ACQUIRE || sc->role == SPIN_RELEASE) && sc->words.n;
        for (uint32_t k = 0; k < sc->words.n && lock; k++) {
            uint64_t r = 0;
            u64map_get(&role, sc->words.v[k], &r);
            lock = r == 3;
        }
        for (uint32_t k = 0; k < sc->words.n && lock; k++) idset_add(&p->sync.spin_words, sc->words.v[k]);
        if (lock && sc->store) {
            u64map_put(&p->sync.spin_stores, (uint64_t)(uintptr_t)sc->store, 1);
            nwords++;
        } else if (lock) {
            sc->ci->api = spin_model(p, &made, sc->ci->api, sc->role, sc->success);
            nwords++;
        }
        idset_free(&sc->words);
    }
    p->sync.spin_calls = nwords;
    u64map_free(&made);
    u64map_free(&role);
    vec_free(&calls);
}

/* ---- flags --------------------------------------------------------------------- */

/* A flag set once to hand data over: a word the program only sets by
 * atomic stores of one non-zero constant c, and waits for by atomic loads
 * whose result a branch tests (`while (!atomic_load(&ready)) ;`), starting
 * at 0 (no non-zero initialiser, plain writes only of 0), is a semaphore
 * initialised to 0: each store a post, each tested load a wait that
 * succeeds where it reads c (or, tested for truth, anything but 0). The
 * hand-off rule of mhp.c then orders what the setting thread did before
 * the store before what the waiting thread does after the loop
 * (testdata/data-race/sync/flag_handoff_*). A word also exchanged,
 * compare-exchanged, added to, or stored 0 atomically is not a flag.
 * After the lock summaries (flags_locked_waits): a tested relaxed load
 * under a lock object every post holds is a wait too, and a flag's one
 * post in the block a test under a lock enters when the flag is unset is
 * made once (OncePost, rule once-post of mhp.c). */
enum { FLAG_SET = 1, FLAG_WAIT = 2, FLAG_OTHER = 4 };

typedef struct FlagCall {
    CallInfo *ci;
    int role;
    int64_t value;
    IdSet words;
    uint32_t func;
    const IrEvent *ev;
} FlagCall;

/* Locked flags: a word (a global, a field) only ever stored the same
 * non-zero constant c by plain stores (initialised to 0), never otherwise
 * written, never an atomic's object, nor a spinlock word:
 *
 *     data = 42; lock(&m); done = 1; unlock(&m);          // the setter
 *     for (;;) { lock(&m); d = done; unlock(&m); if (d) break; }  // the waiter
 *
 * Each store of c is a post and each load into a local or temporary a wait
 * that succeeds on the edge where the value is c, as for an atomic flag -
 * but only when the stores and the loads are all made holding one lock
 * (the per-thread pass records the locks held at them; mhp.c checks they
 * share one): then the flag itself does not race and the store's unlock
 * orders the setter's earlier accesses before the waiter's later ones.
 * A flag read or written without the lock is reported on its own and
 * orders nothing. */
enum { LFLAG_SET = 1, LFLAG_OTHER = 2 };

typedef struct LFlagStore {
    const IrEvent *write; /* the WRITE just before the store's ASSIGN (NULL: none) */
    uint32_t node;
} LFlagStore;

/* Is node a locked flag (every store sets its one constant), and if so
 * recorded as one: its value and its 0 initial count. */
static bool lflag_node(Program *p, const U64Map *role, const U64Map *value, uint32_t node) {
    uint64_t r = 0, v = 0, init;
    if (!u64map_get(role, node, &r) || r != LFLAG_SET || !u64map_get(value, node, &v) || !v ||
        idset_has(&p->sync.spin_words, node) || (u64map_get(&p->sync.sem_init, node, &init) && init != 1))
        return false;
    u64map_put(&p->sync.lflag_value, node, v - 1);
    u64map_put(&p->sync.sem_init, node, 1); /* 0 */
    return true;
}

static void locked_flags_detect(Program *p) {
    U64Map role, value;
    u64map_init(&role);
    u64map_init(&value);
    VEC(LFlagStore) sets = {0}; /* the stores of a constant to one word, kept for the second pass */
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        uint8_t r = 0;
        int64_t c = 0;
        IdSet nodes = {0};
        if (ev->kind == IR_EV_ASSIGN && ir_plain_key(&ev->path) < 0) {
            if (ev->src->kind == IR_OPD_CONST && ev->src->value == 0 && (ev->flags & IR_EV_INIT)) continue;
            if (ev->src->kind == IR_OPD_CONST && ev->src->value != 0) r = LFLAG_SET, c = ev->src->value;
            else r = LFLAG_OTHER;
            pt_resolve_path(p, (uint32_t)f, &ev->path, &nodes);
        } else if (ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW)) {
            r = LFLAG_OTHER;
            pt_resolve_path(p, (uint32_t)f, &ev->path, &nodes);
        } else if (ev->kind == IR_EV_CALL && ev->call) {
            const CallInfo *ci = program_call(p, ev);
            if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC || ci->api->object < 0 ||
                (uint32_t)ci->api->object >= ev->call->nargs)
                continue;
            r = LFLAG_OTHER;
            pt_operand_targets(p, (uint32_t)f, &ev->call->args[ci->api->object], &nodes);
        } else {
            continue;
        }
        /* a store that may reach several words sets none of them surely */
        if (r == LFLAG_SET && nodes.n != 1) r = LFLAG_OTHER;
        if (r == LFLAG_SET) {
            /* the post is the WRITE just before the ASSIGN (the per-thread
             * pass has a hook for writes) */
            const IrEvent *w = ev_e ? &ir->blocks[ev_b].events[ev_e - 1] : NULL;
            LFlagStore st = {w && w->kind == IR_EV_WRITE && ir_path_equal(&w->path, &ev->path) ? w : NULL, nodes.v[0]};
            vec_push(&sets, st);
        }
        for (uint32_t k = 0; k < nodes.n; k++) {
            uint64_t old = 0, v;
            u64map_get(&role, nodes.v[k], &old);
            u64map_put(&role, nodes.v[k], old | r);
            if (r == LFLAG_SET) {
                if (!u64map_get(&value, nodes.v[k], &v)) v = (uint64_t)c + 1;
                else if (v != (uint64_t)c + 1) v = 0;
                u64map_put(&value, nodes.v[k], v);
            }
        }
        idset_free(&nodes);
    }
    for (size_t i = 0; i < sets.len; i++)
        if (sets.data[i].write && lflag_node(p, &role, &value, sets.data[i].node))
            u64map_put(&p->sync.lflag_stores, (uint64_t)(uintptr_t)sets.data[i].write, sets.data[i].node + 1ull);
    /* the loads of the flags found into locals and temporaries */
    if (p->sync.lflag_value.len)
        PROGRAM_EACH_EVENT(p, f, ir, ev) {
            if (ev->kind != IR_EV_ASSIGN || ir_plain_key(&ev->path) < 0 || ev->src->kind != IR_OPD_VALUE ||
                ev->src->offset || (ev->src->path.root != IR_ROOT_GLOBAL && !ev->src->path.nsteps))
                continue;
            IdSet nodes = {0};
            pt_resolve_path(p, (uint32_t)f, &ev->src->path, &nodes);
            if (nodes.n == 1 && lflag_node(p, &role, &value, nodes.v[0]))
                u64map_put(&p->sync.lflag_loads, (uint64_t)(uintptr_t)ev, nodes.v[0] + 1ull);
            idset_free(&nodes);
        }
    vec_free(&sets);
    u64map_free(&role);
    u64map_free(&value);
}

void flags_detect(Program *p) {
    locked_flags_detect(p);
    VEC(FlagCall) calls = {0};
    U64Map role;  /* node -> FLAG_* bits */
    U64Map value; /* node -> the constant set + 1 (0: several) */
    u64map_init(&role);
    u64map_init(&value);
    PROGRAM_EACH_EVENT(p, f, ir, ev) {
        FlagCall fc = {NULL, 0, 0, {0}, (uint32_t)f, ev};
        if (ev->kind == IR_EV_ASSIGN || ev->kind == IR_EV_WRITE) {
            /* a plain store of 0 sets nothing; a non-zero initialiser
             * or plain store, or a read-modify-write, is no flag's */
            bool nonzero_init = ev->kind == IR_EV_ASSIGN && (ev->flags & IR_EV_INIT) && ev->src &&
                                !(ev->src->kind == IR_OPD_CONST && ev->src->value == 0);
            int r = store_role(ev);
            if (!nonzero_init && (r == SPIN_NONE || r == SPIN_RELEASE)) continue;
            if (nonzero_init && ev->path.root != IR_ROOT_GLOBAL) {
                bool mem = false;
                for (uint32_t i = 0; i < ev->path.nsteps && !mem; i++) mem = ev->path.steps[i].kind == IR_STEP_DEREF;
                if (!mem) continue;
            }
            pt_resolve_path(p, (uint32_t)f, &ev->path, &fc.words);
            fc.role = FLAG_OTHER;
        } else if (ev->kind == IR_EV_CALL && ev->call) {
            CallInfo *ci = (CallInfo *)program_call(p, ev);
            if (!ci || ci->kind != CALL_API || ci->api->kind != API_ATOMIC) continue;
            const ApiModel *m = ci->api;
            if (m->object < 0 || (uint32_t)m->object >= ev->call->nargs) continue;
            fc.ci = ci;
            int64_t v;
            if (m->atomic_op == ATOMIC_OP_LOAD) {
                bool tested = result_tested(ir, ev), relaxed = model_atomic_relaxed(p, ev, m);
                fc.role = tested && !relaxed ? FLAG_WAIT : 0;
                if (tested && relaxed) {
                    /* a wait where a lock orders it (flags_locked_waits) */
                    IdSet w = {0};
                    pt_operand_targets(p, (uint32_t)f, &ev->call->args[m->object], &w);
                    FlagCallSite rw = {(uint32_t)f, ev, ci, w.n == 1 ? w.v[0] : UINT32_MAX};
                    vec_push(&p->sync.relaxed_waits, rw);
                    idset_free(&w);
                }
            }
            else if (m->atomic_op == ATOMIC_OP_STORE && const_arg(ev, m->value, &v) && v != 0 && !model_atomic_relaxed(p, ev, m))
                fc.role = FLAG_SET, fc.value = v;
            else
                fc.role = FLAG_OTHER;
            pt_operand_targets(p, (uint32_t)f, &ev->call->args[m->object], &fc.words);
        } else {
            continue;
        }
        for (uint32_t k = 0; k < fc.words.n; k++) {
            uint64_t old = 0, val;
            u64map_get(&role, fc.words.v[k], &old);
            u64map_put(&role, fc.words.v[k], old | (uint64_t)fc.role);
            if (fc.role == FLAG_SET) {
                if (!u64map_get(&value, fc.words.v[k], &val)) val = (uint64_t)fc.value + 1;
                else if (val != (uint64_t)fc.value + 1) val = 0;
                u64map_put(&value, fc.words.v[k], val);
            }
        }
        if (fc.ci && (fc.role == FLAG_SET || fc.role == FLAG_WAIT)) vec_push(&calls, fc);
        else idset_free(&fc.words);
    }
    U64Map made;
    u64map_init(&made);
    for (size_t i = 0; i < calls.len; i++) {
        FlagCall *fc = &calls.data[i];
        bool flag = fc->words.n > 0;
        uint64_t c = 0;
        for (uint32_t k = 0; k < fc->words.n && flag; k++) {
            uint64_t r = 0, v = 0;
            u64map_get(&role, fc->words.v[k], &r);
            u64map_get(&value, fc->words.v[k], &v);
            uint64_t init;
            flag = r == (FLAG_SET | FLAG_WAIT) && v && (!k || v == c) &&
                   !idset_has(&p->sync.spin_words, fc->words.v[k]) &&
                   (!u64map_get(&p->sync.sem_init, fc->words.v[k], &init) || init == 1);
            c = v;
        }
        if (!flag) {
            idset_free(&fc->words);
            continue;
        }
        for (uint32_t k = 0; k < fc->words.n; k++) {
            u64map_put(&p->sync.sem_init, fc->words.v[k], 1); /* 0 */
            u64map_put(&p->sync.flag_value, fc->words.v[k], c);
        }
        uint64_t key = (uint64_t)(uintptr_t)fc->ci->api ^ ((uint64_t)fc->role << 1) ^ (c << 4), got;
        if (!u64map_get(&made, key, &got)) {
            ApiModel *s = arena_memdup(p->arena, fc->ci->api, sizeof *fc->ci->api);
            s->kind = fc->role == FLAG_SET ? API_SEM_POST : API_SEM_WAIT;
            s->sem = fc->ci->api->object;
            s->has_success = fc->role == FLAG_WAIT;
            s->flag_atomic = true;
            s->success = (long)(c - 1);
            got = (uint64_t)(uintptr_t)s;
            u64map_put(&made, key, got);
        }
        fc->ci->api = (const ApiModel *)(uintptr_t)got;
        p->sync.flag_calls++;
        /* every post of each word (flags_locked_waits counts them): one
         * that may name several words counts for each */
        for (uint32_t k = 0; fc->role == FLAG_SET && k < fc->words.n; k++) {
            FlagCallSite fs = {fc->func, fc->ev, fc->ci, fc->words.v[k]};
            vec_push(&p->sync.flag_sets, fs);
        }
        idset_free(&fc->words);
    }
    u64map_free(&made);
    u64map_free(&value);
    u64map_free(&role);
    vec_free(&calls);
}

/* ---- flags tested under a lock ----------------------------------------------- */

typedef struct HeldAt {
    Program *p;
    const IrEvent *ev;
    IdSet nodes;  /* the lock objects held there (each lock naming one) */
    bool seen;
} HeldAt;

static void held_at_visit(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st) {
    (void)func;
    HeldAt *h = ctx;
    if (ev != h->ev) return;
    IdSet now = {0};
    lock_held_objects(h->p, &st->held, &now);
    if (!h->seen) idset_copy(&h->nodes, &now);
    else idset_intersect(&h->nodes, &now);
    h->seen = true;
    idset_free(&now);
}

/* The lock objects surely held at ev, taken in func itself (from its
 * start: directly, or through helpers returning locked). */
static void held_in_function(Program *p, uint32_t func, const IrEvent *ev, IdSet *out) {
    HeldAt h = {p, ev, {0}, false};
    flow_run_own_locks(p, func, &h, held_at_visit);
    *out = h.nodes;
}

/* Does block b, from event `from` up to event `to` (exclusive), hold
 * nothing that may release lock object l: no unlock, wait or post API
 * call, no program call whose callees may release it? */
static bool keeps_lock(Program *p, const IrFunc *f, uint32_t b, uint32_t from, uint32_t to, uint32_t l) {
    for (uint32_t e = from; e < to && e < f->blocks[b].nevents; e++) {
        const IrEvent *ev = &f->blocks[b].events[e];
        if (ev->kind != IR_EV_CALL || !ev->call) continue;
        const CallInfo *ci = program_call(p, ev);
        if (!ci) return false;
        if (ci->kind == CALL_API) {
            ApiKind k = ci->api->kind;
            if (k == API_UNLOCK || k == API_COND_WAIT || k == API_SEM_POST || k == API_SEM_WAIT) return false;
            continue;
        }
        for (uint32_t t = 0; t < ci->targets.n; t++) {
            const LockSummary *ls = &p->lock.summaries.data[ci->targets.v[t]];
            if (idset_has(&ls->rel_nodes, l) || ls->rel_locks.n) return false;
        }
    }
    return true;
}

/* Is post s (of flag node n, its one post) made at most once: in the block
 * a test of an atomic load of n enters where the value is 0, the load and
 * the post made holding one lock object not released between them, and
 * nothing stores 0 into n but an initialiser? Then s is a OncePost. */
static void once_post(Program *p, const FlagCallSite *s) {
    /* one flag object: a global or a field of one, no element of an array
     * (one node for many flags would order one flag's init with a wait on
     * another) */
    const IrOperand *obj = s->ci->api->object >= 0 && (uint32_t)s->ci->api->object < s->ev->call->nargs
                               ? &s->ev->call->args[s->ci->api->object] : NULL;
    if (!obj || obj->kind != IR_OPD_ADDR || obj->offset || obj->path.root != IR_ROOT_GLOBAL) return;
    for (uint32_t k = 0; k < obj->path.nsteps; k++)
        if (obj->path.steps[k].kind != IR_STEP_FIELD) return;
    const IrFunc *f = p->link.funcs.data[s->func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId sid;
    if (!ir_defuse_event_id(du, s->ev, &sid)) return;
    /* the block's one predecessor ends in the test of the load */
    uint32_t pred = UINT32_MAX, npred = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t k = 0; k < f->blocks[b].nsucc; k++)
            if (f->blocks[b].succ[k] == sid.block) pred = b, npred++;
    if (npred != 1) return;
    const IrBlock *pb = &f->blocks[pred];
    const IrEvent *load = NULL;
    uint32_t li = 0;
    for (uint32_t e = 0; e < pb->nevents && !load; e++) {
        const IrEvent *ev = &pb->events[e];
        const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
        if (!ci || ci->kind != CALL_API || !api_atomic_access(ci->api) || ci->api->object < 0 ||
            (uint32_t)ci->api->object >= ev->call->nargs)
            continue;
        IdSet w = {0};
        pt_operand_targets(p, s->func, &ev->call->args[ci->api->object], &w);
        if (w.n == 1 && w.v[0] == s->node) {
            int edge = model_result_edge(&pb->term, ev, 0);
            if (edge >= 0 && pb->succ[edge] == sid.block) load = ev, li = e;
        }
        idset_free(&w);
    }
    if (!load) return;
    IdSet at_load = {0}, at_post = {0};
    held_in_function(p, s->func, load, &at_load);
    held_in_function(p, s->func, s->ev, &at_post);
    idset_intersect(&at_load, &at_post);
    bool ok = false;
    for (uint32_t i = 0; i < at_load.n && !ok; i++)
        ok = keeps_lock(p, f, pred, li + 1, pb->nevents, at_load.v[i]) && keeps_lock(p, f, sid.block, 0, sid.index, at_load.v[i]);
    idset_free(&at_load);
    idset_free(&at_post);
    if (!ok) return;
    /* never set back to 0 */
    PROGRAM_EACH_EVENT(p, g, ir, ev) {
        if (!ok) continue;
        if ((ev->kind != IR_EV_ASSIGN || (ev->flags & IR_EV_INIT)) && !(ev->kind == IR_EV_WRITE && (ev->flags & IR_EV_RMW)))
            continue;
        IdSet at = {0};
        pt_resolve_path(p, (uint32_t)g, &ev->path, &at);
        if (idset_has(&at, s->node)) ok = false;
        idset_free(&at);
    }
    if (!ok) return;
    OncePost op = {s->func, sid.block, sid.index, s->node};
    vec_push(&p->sync.once_posts, op);
    u64map_put(&p->sync.once_post_events, (uint64_t)(uintptr_t)s->ev, (uint64_t)s->node + 1);
}

uint32_t flags_once_region(const Program *p, uint32_t func, const IrEvent *ev) {
    for (size_t i = 0; i < p->sync.once_posts.len; i++) {
        const OncePost *o = &p->sync.once_posts.data[i];
        if (o->func != func) continue;
        const IrBlock *b = &p->link.funcs.data[func].ir->blocks[o->block];
        if (ev >= b->events && ev < b->events + o->index) return o->node + 1;
    }
    return 0;
}

void flags_locked_waits(Program *p) {
    /* flags with one post: made once? */
    for (size_t k = 0; k < p->sync.flag_sets.len; k++) {
        const FlagCallSite *s = &p->sync.flag_sets.data[k];
        size_t n = 0;
        for (size_t j = 0; j < p->sync.flag_sets.len; j++) n += p->sync.flag_sets.data[j].node == s->node;
        if (n == 1) once_post(p, s);
    }
    for (size_t i = 0; i < p->sync.relaxed_waits.len; i++) {
        FlagCallSite *w = &p->sync.relaxed_waits.data[i];
        uint64_t init = 0, c = 0;
        if (w->node == UINT32_MAX || !u64map_get(&p->sync.sem_init, w->node, &init) || init != 1 ||
            !u64map_get(&p->sync.flag_value, w->node, &c) || !c)
            continue;
        /* one lock object held at the load and at every post of the flag */
        IdSet common = {0};
        held_in_function(p, w->func, w->ev, &common);
        size_t posts = 0;
        for (size_t k = 0; k < p->sync.flag_sets.len && common.n; k++) {
            const FlagCallSite *s = &p->sync.flag_sets.data[k];
            if (s->node != w->node) continue;
            IdSet at = {0};
            held_in_function(p, s->func, s->ev, &at);
            idset_intersect(&common, &at);
            idset_free(&at);
            posts++;
        }
        if (common.n && posts) {
            ApiModel *m = arena_memdup(p->arena, w->ci->api, sizeof *w->ci->api);
            m->kind = API_SEM_WAIT;
            m->sem = w->ci->api->object;
            m->has_success = true;
            m->flag_atomic = true;
            m->success = (long)(c - 1);
            w->ci->api = m;
            p->sync.flag_calls++;
        }
        idset_free(&common);
    }
}
