/*
 * flow.h - the forward dataflow engine over one function's CFG, shared by the
 * lock summaries (lockset.c) and the per-thread pass (threads.c).
 *
 * The state at a program point is
 *   held  - locks surely held (lock ids, mode included): a must-set,
 *           intersected where paths meet;
 *   facts - "the value in temp/local X is the result of trylock L": lets a
 *           branch on that value add L on its success edge;
 *   live  - child threads that may be running: a may-set, united;
 *   ever  - child threads possibly started so far: a may-set, united;
 *   waited  - semaphores surely waited on, and counters surely waited down
 *             to zero (sync.c), so far (nodes): a must-set;
 *   cwaited - condition variables possibly waited on so far (nodes): a
 *             may-set (a wait loop may run zero times, but then the
 *             predicate it tests was already set under the mutex);
 *   posted  - semaphores posted, condition variables signalled and counters
 *             counted down so far by this thread (nodes): a may-set;
 *   taken   - locks surely acquired on every path so far, whatever was released
 *             since (a must-set; kept by lockevents.c's listener, and for
 *             locks rooted at globals by the per-thread pass's);
 *   unlocked - locks possibly released explicitly so far and not taken
 *             again since (a may-set; lockevents.c only; an acquisition of a
 *             lock that may be the same object ends it, and so does an
 *             assignment to the local the lock's path starts from): with
 *             taken, an unlock not held after a lock on every path and no
 *             earlier unlock lost its lock to a callee's release summary,
 *             not to the code; without held, an unlock of a lock this
 *             function may already have released (a double unlock);
 *   phases  - per barrier node b, the possible numbers k of waits at b so far,
 *             encoded b * PHASE_STRIDE + min(k, PHASE_CAP - 1), and their
 *             residues modulo 2, 3 and 4, b * PHASE_STRIDE + PHASE_MOD[m] +
 *             k mod m (exact in loops, where the counts pass the cap: a loop
 *             with two waits per round keeps its halves apart): a may-set;
 *   known   - truth values of unmodified locals known on every path here,
 *             from the branches taken (local * 2 + truth): a must-set;
 *   conds   - path-correlated locks: "lock L is held on the paths where
 *             local v is true (or false)" (`if (flag) lock(m); ... if (flag)
 *             x++;`): a must-set; a branch on v adds L on that edge.
 * Lock, unlock, trylock and cond-wait are applied by the engine; calls to
 * program functions and thread APIs (spawn, join, once, ...) go to hooks.
 */
#ifndef RACECHECK_FLOW_H
#define RACECHECK_FLOW_H

#include "model.h"

/* The slots of a barrier in a phase set: the exact counts below PHASE_CAP,
 * then the residues modulo m (2, 3, 4) at phase_mod_base(m) + k mod m. */
enum {
    PHASE_CAP = 8,
    PHASE_MOD2 = PHASE_CAP,
    PHASE_MOD3 = PHASE_MOD2 + 2,
    PHASE_MOD4 = PHASE_MOD3 + 3,
    PHASE_SLOTS = PHASE_MOD4 + 4,
    PHASE_STRIDE = 32,
};
_Static_assert(PHASE_SLOTS <= PHASE_STRIDE, "phase slots fit the stride");
/* The residue slots of count k of waits. */
static inline uint32_t phase_mod_base(uint32_t m) {
    return m == 2 ? PHASE_MOD2 : m == 3 ? PHASE_MOD3 : PHASE_MOD4;
}

typedef struct TryFact {
    uint8_t root;   /* IR_ROOT_TEMP or IR_ROOT_LOCAL */
    uint32_t id;
    uint32_t lock;  /* lock id acquired when the value equals success; UINT32_MAX (not
                       setjmp): a semaphore wait of a hand-off, waited when it does
                       (sync_wait_succeeded) */
    long success;
    const IrEvent *call; /* the trylock call (setjmp: the setjmp call) */
    bool held;      /* a blocking lock's result: the lock is held already and is
                       dropped on the edge where the value is not success */
    bool setjmp;    /* not a lock: the value is a setjmp's result (non-zero on its
                       second return, after a longjmp) */
} TryFact;

/* Lock `lock` is held on the paths where bare local `local` is non-zero
 * (truth) or zero (!truth). Only locals whose address is never taken. */
typedef struct CondLock {
    uint32_t local;
    uint32_t lock;
    bool truth;
} CondLock;

/* Lock events, as the flow engine meets them, go to listeners (FlowHooks):
 * the lockset (lockset_listener, which keeps FlowState.held) is one, the
 * lock summaries' release collector and the per-thread pass's acquisition
 * collector others. */
typedef enum {
    LOCK_EV_ACQUIRE,     /* lock, or a semaphore used as a lock waited on */
    LOCK_EV_TRY_SUCCESS, /* the success edge of a branch on a trylock's result */
    LOCK_EV_RELEASE,     /* unlock, or a post on a semaphore used as a lock */
    LOCK_EV_WAIT,        /* a condition wait: the mutex is released and taken again */
    LOCK_EV_RETURN,      /* a return, with the locks it leaves held (final pass only, when
                            the pass has an exit state or a visit hook; ev NULL, term set) */
} LockEventKind;

typedef struct LockEvent {
    uint8_t kind;        /* LockEventKind */
    uint32_t func;
    const IrEvent *ev;   /* the call (TRY_SUCCESS: the trylock call) */
    uint32_t lock;       /* lock id (lockset.c) */
    bool final;          /* met in the final pass over the fixpoint states (exit
                            state, visit), not while iterating: once per event */
    const IrTerm *term;  /* RETURN: the return terminator (lock is UINT32_MAX) */
} LockEvent;

typedef struct FlowState FlowState;
enum { FLOW_CLAIM_PARAMS = 8, FLOW_GUARD_BITS = 12, FLOW_HB_SEM_BITS = 20, FLOW_CONST_PARAMS = 4 };
#define FLOW_HB_CHILD(id) ((uint32_t)(id) >> FLOW_HB_SEM_BITS)
#define FLOW_HB_SEM(id) ((uint32_t)(id) & ((1u << FLOW_HB_SEM_BITS) - 1))
typedef struct LockListener {
    void *ctx;
    void (*on_event)(void *ctx, Program *p, const LockEvent *e, FlowState *st);
} LockListener;

/* The lockset: acquire and trylock success add the lock to held, release
 * removes it (and every held lock that may be the same object). */
extern const LockListener lockset_listener;

struct FlowState {
    bool reached;
    IdSet held;
    IdSet live;
    IdSet ever;
    IdSet waited, cwaited, posted, phases;
    IdSet taken, unlocked;
    bool unlocked_again; /* lockevents.c, for the event being handled: a release of a lock the
                            function already unlocked (LockSite.again); it releases nothing
                            held (flow_release), not copied */
    IdSet started;  /* per-thread pass: children started on every path here (a must-set; what
                       `ever` is as a may-set) */
    IdSet joined;   /* per-thread pass: threads that are neither this thread's children
                       nor its ancestors, joined on every path here through their one
                       handle (a sibling's join, threads.c do_join): a must-set */
    IdSet prehold;  /* per-thread pass: pair ids (child, lock) of ThreadModel.hold_pairs -
                       some instance of the child started before the current hold of
                       the lock began (a may-set, united) */
    IdSet known;
    IdSet hb_pending;  /* per-thread pass: children spawned since this thread last waited on a
                          semaphore (a may-set) */
    IdSet hb_broken;   /* ... children spawned twice with no wait between (a may-set) */
    IdSet handed_back; /* ... child << FLOW_HB_SEM_BITS | semaphore index (SyncFacts.hb_sems):
                          since each spawn of the child this thread waited on the semaphore
                          before the next, or never started the child (a must-set; threads.c,
                          hand-backs) */
    IdSet elem_joined; /* per-thread pass: child << 20 | local - in a join loop, the instance of
                          the child whose handle is the element indexed by the local's current
                          value was joined (threads.c do_join; a must-set, forgotten when the
                          local is written) */
    IdSet elem_waited; /* per-thread pass: slot << 20 | local - in a loop over the local, a
                          spin-wait saw the flag element indexed by its current value set
                          (slot: SyncFacts.elem_flags; a must-set, forgotten when the local
                          is written; mhp.c element-flag) */
    IdSet nonzero;   /* per-thread pass: the guards (indices into ThreadModel.guard_nodes) this
                        thread set to a non-zero value on every path here, not written since (a
                        must-set) */
    IdSet modes;     /* per-thread pass: mode facts (modes.c) - `G == c`, `G != c` established
                        by branches and not ended by a store or a synchronisation: a must-set */
    IdSet guarded;   /* per-thread pass: pairs child << FLOW_GUARD_BITS | g (g: an index into
                        ThreadModel.guard_nodes) where, on every path here on which the child may
                        be running, it was started while guard g was non-zero and g was not
                        written since: where g is 0, the child is not running (a must-set over
                        the paths where the child runs) */
    TryFact *facts;
    uint32_t nfacts;
    CondLock *conds;
    uint32_t nconds;
    uint64_t fresh_params; /* per-thread pass: the parameters (bit k, k < 64) every call reaching
                              the function in this thread passes a fresh object in, before its
                              creator publishes it, to a parameter that does not escape
                              (ownership.c): accesses through it come before publication too */
    uint64_t fresh_prefix; /* per-thread pass: the same for a parameter the function may publish:
                              the accesses through it before it does (own_param_prefix) come
                              before publication too */
    uint64_t alias_params; /* per-thread pass: the parameters (bit k, k < 63) every call reaching the
                              function in this thread passes the pointer an allocation of the caller's
                              activation returned in, published or not (ownership.c own_alias; a
                              must-set): accesses within that object through it are Access.own_alloc */
    uint64_t null_params; /* per-thread pass: the parameters (bit k, k < 64) that every call
                             reaching the function in this thread passes as the constant 0
                             (a must-set: intersected over the call sites) */
    uint8_t kparams;      /* per-thread pass: the parameters (bit k, k < FLOW_CONST_PARAMS) every call
                             reaching the function passes the constant kvalue[k] in (a must-set) */
    int64_t kvalue[4];
    bool inst_known;      /* per-thread pass, a many-instance thread: on every path here a test
                             showed that this instance's index (instances.c) is inst_value - only
                             the one instance with that index gets here (threads.c, instance
                             guards; a must-fact, carried into callees) */
    int64_t inst_value;
    InstParams inst;      /* per-thread pass: the parameters every call reaching the function passes
                             an instance index or the instance's element pointer in (instances.c;
                             a must-set) */
    uint8_t claim_params; /* per-thread pass: the parameters (bit k, k < FLOW_CLAIM_PARAMS) every
                             call reaching the function passes a value claimed from counter
                             claim_counter[k] in (claims.c; a must-set) */
    uint8_t claim_ptr_params; /* the same for parameters every call passes a pointer to an element
                                 indexed by such a claim (`&slots[i]`), counter in claim_counter[k] */
    uint32_t claim_counter[FLOW_CLAIM_PARAMS];
};

/* claims.c: the counter whose claim bare local or temp `id` (root LOCAL or
 * TEMP) of func holds at st (a parameter: through st->claim_params), the
 * same for an operand. UINT32_MAX: none. */
uint32_t claim_of_var(Program *p, uint32_t func, uint8_t root, uint32_t id, const FlowState *st);
uint32_t claim_of_operand(Program *p, uint32_t func, const IrOperand *op, const FlowState *st);
/* The counter an argument's pointer to a claimed element is claimed from
 * (`&slots[i]`, a pointer local assigned once from such an address, a
 * parameter holding one; the element's first dimension), else UINT32_MAX. */
uint32_t claim_of_pointer_operand(Program *p, uint32_t func, const IrOperand *op, const FlowState *st);
/* The dimension of path's first index step indexed by a claim, counted
 * from the last dereference before it (`a[i].f`, `p->rows[i]`, and `s->f`
 * through a pointer to a claimed element: 0; `a[r][i]`: 1), so that direct
 * and pointer accesses compare; -1: none (*counter receives the counter). */
int claim_step(Program *p, uint32_t func, const IrPath *path, const FlowState *st, uint32_t *counter);

/* Out (FlowHooks.jumps): the locks surely held wherever the function leaves
 * by a longjmp, its own or a callee's; reached false when it does not. */
typedef struct FlowJumps {
    bool reached;
    IdSet held;
} FlowJumps;

typedef struct FlowHooks {
    void *ctx;
    /* A call to program functions (ci->targets non-empty, not an API): update st. */
    void (*call)(void *ctx, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st);
    /* A call to a thread or synchronisation API (spawn, join, detach, exit,
     * once, sem-post, sem-wait, cond-wait, cond-signal, barrier-wait). */
    void (*thread_api)(void *ctx, uint32_t func, uint32_t block, const IrEvent *ev,
                       const CallInfo *ci, FlowState *st);
    /* Entering a block with its merged state (e.g. to apply loop-exit kills). */
    void (*enter_block)(void *ctx, uint32_t func, uint32_t block, FlowState *st);
    /* Final visit: every event of a reached block, with the state before it. */
    void (*visit)(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st);
    /* Lock events, to each listener in order (lockset_listener among them
     * keeps the held set; a listener before it sees the state before the event). */
    const LockListener *listeners;
    uint32_t nlisteners;
    FlowJumps *jumps;  /* may be NULL */
    /* Optional: a WRITE event, with the state before it (counters counted down, sync.c). */
    void (*write)(void *ctx, uint32_t func, const IrEvent *ev, FlowState *st);
    /* Optional: may control take this edge of a two-way branch (taken: the
     * tested relation holds)? False prunes it (start values, instances.c). */
    bool (*edge)(void *ctx, uint32_t func, const IrTerm *t, bool taken);
    /* Optional: the state along this edge of block's two-way branch, after
     * the engine's own refinement (set-once guards, once.c). */
    bool (*edge_state)(void *ctx, uint32_t func, uint32_t block, bool taken, FlowState *st); /* false: the
                                                  edge cannot be taken in this state */
    /* Optional: the final visit only computes the exit (no visit hook, and
     * no hook or listener acts on final events): it runs the blocks ending
     * in a return alone - the others ran in the sweeps with these states. */
    bool exit_only;
} FlowHooks;

void flow_state_init(FlowState *s);
void flow_state_free(FlowState *s);
void flow_state_copy(FlowState *dst, const FlowState *src);
/* Merge src into dst (dst unreached takes src). Returns true when dst
 * changed. With p, a lock held exclusively on one side and shared on the
 * other stays held shared. */
bool flow_state_merge(const Program *p, FlowState *dst, const FlowState *src);
/* threads.c, guards: a store into a global (an ASSIGN, or a read-modify-
 * write) keeps FlowState.nonzero and .guarded. */
void flow_guard_store(Program *p, uint32_t func, const IrEvent *ev, FlowState *st);

/* Union of barrier phase sets (a barrier missing from one side counts 0 there). */
bool flow_phases_merge(IdSet *dst, const IdSet *src);
/* One more wait at barrier node b. */
void flow_barrier_pass(IdSet *phases, uint32_t barrier);

/* Release lock (and every held lock that may be the same object). */
void flow_release(Program *p, FlowState *st, uint32_t lock);
/* Forget every path-correlated lock (a callee may have released one). */
void flow_conds_clear(FlowState *st);
/* Record that the value in temp `temp` decides lock f.lock (see TryFact). */
void flow_fact_add(FlowState *st, TryFact f);
/* The lock path an API argument names: &m -> m, p -> *p. False when the
 * argument is not a path. */
bool flow_lock_path(Arena *a, const IrOperand *op, IrPath *out);
/* The path of the lock a lock model's call takes or releases: its `lock`
 * argument's (flow_lock_path) with the model's field steps after it. */
bool flow_api_lock_path(Arena *a, const ApiModel *m, const IrCall *call, IrPath *out);

/* Func.noreturn for every function with a body: no return reachable from
 * its entry, a call whose targets all never return ending the path (`fail()`
 * ending in exit()). Needs call targets (after points-to). */
void flow_infer_noreturn(Program *p);
/* Does the call event never return (every target never returns)? */
bool flow_call_never_returns(const Program *p, const IrEvent *ev);

/* Runs the dataflow of func from entry to a fixpoint; exit_out (may be NULL)
 * receives the merge of the states at its returns. When hooks->visit is set,
 * each event of each reached block is visited once afterwards. */
/* Apply the lock summaries of the call's targets to st (lockset.c). */
void lockset_apply_call(Program *p, uint32_t func, const IrEvent *ev, const CallInfo *ci, FlowState *st);
/* Run func's dataflow from its own start (nothing held on entry) with the
 * lockset alone - the locks it takes itself, through helpers that return
 * locked too - and visit every reached event with the state before it
 * (popped.c, spinlocks.c). */
void flow_run_own_locks(Program *p, uint32_t func, void *ctx,
                        void (*visit)(void *ctx, uint32_t func, const IrEvent *ev, const FlowState *st));

void flow_run(Program *p, uint32_t func, const FlowState *entry, const FlowHooks *hooks,
              FlowState *exit_out);
/* Marks Func.has_setjmp and Func.may_longjmp (a longjmp API called directly
 * or through program functions); before the first flow_run. */
void flow_mark_jumps(Program *p);

/* threads.c: a blocking wait on semaphore node sem: every child spawned
 * since the last wait is handed back through it (FlowState.handed_back). */
void model_hand_back(Program *p, FlowState *st, uint32_t sem);

/* ctxparams.c: what the parameters of the functions a thread runs point to
 * there, from the arguments of the calls it makes (NULL: no narrowing). */
typedef struct ThreadParams ThreadParams;
/* funcs: the functions the thread runs (the per-thread pass reached). */
ThreadParams *tparams_new(Program *p, uint32_t thread, const uint32_t *funcs, size_t nfuncs);
void tparams_free(ThreadParams *tp);
/* The calls that entered the recording pass's calling contexts
 * (threads.c's CtxState, by index): a call ev in caller's context
 * caller_ctx (TPARAMS_NO_CONTEXT with ev NULL: the thread's routine);
 * plain when the call passes its arguments to the callee's parameters (not
 * an API calling a callback, not a once routine). */
#define TPARAMS_NO_CONTEXT UINT32_MAX
typedef struct TparamsEdge {
    uint32_t callee_ctx, caller_ctx;
    uint32_t caller;
    bool plain;
    const IrEvent *ev;
} TparamsEdge;
void tparams_contexts(ThreadParams *tp, const TparamsEdge *edges, size_t n);
/* The context the recording runs now (TPARAMS_NO_CONTEXT: none); the
 * filters below narrow to its calls' arguments. */
void tparams_enter(ThreadParams *tp, uint32_t ctx);
/* Narrow nodes, what path reaches in func context-insensitively, to what it
 * reaches from the values the thread's calls pass func (in the current
 * context, those that entered it) when the path goes through an unchanged
 * parameter; true when a node was dropped. */
bool tparams_filter(ThreadParams *tp, uint32_t func, const IrPath *path, IdSet *nodes);
/* ... with the values of all the thread's calls (an answer kept for the
 * whole thread). */
bool tparams_filter_thread(ThreadParams *tp, uint32_t func, const IrPath *path, IdSet *nodes);
/* The locations a READ or WRITE event reaches in this thread before
 * tparams_filter, as stored by tparams_keep_nodes (NULL: not yet): the
 * recording pass visits a function once per calling context, and the
 * answer is the same in each. */
const IdSet *tparams_nodes(ThreadParams *tp, const IrEvent *ev);
void tparams_keep_nodes(ThreadParams *tp, const IrEvent *ev, const IdSet *nodes);

/* accesses.c: the call sites of each allocation wrapper that fills what it
 * makes (ThreadModel.fill_sites), before the threads are analysed. */
void accesses_fill_sites(Program *p);
/* accesses.c: record the accesses event ev of func makes in thread, with
 * the state st before it (the per-thread pass's final visit); tp narrows
 * what the function's parameters point to in the thread. */
void access_visit(Program *p, ThreadParams *tp, uint32_t thread, uint32_t func, const IrEvent *ev,
                  const FlowState *st);
/* debug.c: a call to a racecheck_* debug intrinsic. */
void debug_intrinsic(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const FlowState *st);
/* sync.c: a wait, post, signal or barrier wait (API model m) in thread. */
void sync_event(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const ApiModel *m, FlowState *st);
/* sync.c: the counters waited down to zero (sync_scan_countdowns). A
 * write in thread that counts one down under the wait's mutex; entering
 * the exit block of a wait loop with the mutex held. */
void sync_scan_countdowns(Program *p);
/* sync.c: reference counts (Program.sync.release_events), and whether ev
 * is one's release, with the result value that says it was the last. */
void sync_scan_releases(Program *p);
void sync_scan_waits(Program *p);
/* Is every call of func a pass through one barrier node *node exactly
 * *times times (a barrier wrapper)? Cached. */
bool sync_barrier_shift(Program *p, uint32_t func, uint32_t *node, uint32_t *times);
bool sync_release_last(const Program *p, const IrEvent *ev, long *success);
void sync_count_write(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, FlowState *st);
/* The same for an atomic read-modify-write call (model m) of a counter a
 * spin loop waits for (`atomic_fetch_add(&done, 1)` against `while
 * (atomic_load(&done) < n)`): the count, with no lock. */
void sync_count_atomic(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const ApiModel *m,
                       FlowState *st);
void sync_enter_block(Program *p, uint32_t func, uint32_t block, FlowState *st);
/* sync.c: the semaphore wait ev (its result a TryFact) succeeded on this
 * edge: the thread has waited on the semaphore. */
void sync_wait_succeeded(Program *p, uint32_t func, const IrEvent *ev, FlowState *st);
/* sync.c, locked flags (spinlocks.c): a store of a flag's constant (its
 * WRITE event) posts it; a load of it into a local or temporary is a wait
 * that succeeds where the value is the constant (*value); a flag orders
 * only when its posts and its waits all hold one lock. */
void sync_flag_store(Program *p, uint32_t thread, const IrEvent *ev, FlowState *st);
/* turns.c: does the edge of loop test t (taken or not) end a wait for a
 * turn? Then the turn's lock id in func (its predicate's parameter replaced
 * by the constant st says every call passes); else UINT32_MAX. `*ev`: the
 * read of the word there (for the lock event's place). */
uint32_t turns_exit_lock(Program *p, uint32_t func, const IrTerm *t, bool taken, const FlowState *st,
                         const IrEvent **ev);
bool sync_flag_load(Program *p, const IrEvent *ev, const FlowState *st, long *value);
bool sync_flag_usable(const Program *p, uint32_t flag);
/* The locked flag a wait event waits for: a load of it, or a call of a
 * helper returning such a load's value; UINT32_MAX when none. */
uint32_t sync_flag_of_wait(const Program *p, const IrEvent *ev);
/* sync.c: lock event e of thread's final visit (the per-thread pass), with
 * the state before it: a post of a semaphore used as a lock that the thread
 * has not surely waited on makes the semaphore a gate (SyncFacts.gates). */
void sync_post_check(Program *p, uint32_t thread, const LockEvent *e, const FlowState *st);

/* tokens.c (per-thread pass): the tokens thread t starts holding - its
 * routine's first operation on a ring, on every path, is a post - added to
 * held (its entry's held locks); counted for tokens_validate. */
void tokens_thread_entry(Program *p, uint32_t t, IdSet *held);
/* tokens.c (per-thread recording): a post of ring lock `lock` made
 * without holding it breaks the ring. */
void tokens_post_check(Program *p, uint32_t lock, const FlowState *st);

#endif
