/*
 * model.h - the whole-program model: its data and the entry points of its
 * stages.
 *
 * model_build runs the stages listed, in order and with the reason for each
 * position, in stages.h: link, wrappers, pools, launchers, classify, reachability,
 * points-to, ownership, sync-init, locksets, threads, facts. Checks do not include
 * this header: they read the model through the facts API (facts.h).
 */
#ifndef RACECHECK_MODEL_H
#define RACECHECK_MODEL_H

#include "../base/diag.h"
#include "../base/finding.h"
#include "../ir/defuse.h"
#include "../ir/ir.h"
#include "apimodel.h"
#include "facts.h"
#include "idset.h"

/* ---- linked program ------------------------------------------------------- */

typedef enum { CALL_UNKNOWN, CALL_INTERNAL, CALL_API, CALL_EXTERNAL, CALL_INDIRECT } CallKind;

typedef struct Func {
    IrFunc *ir;
    IrUnit *unit;
    uint32_t id;
    bool address_taken;   /* used as a value (function pointer) somewhere (roots.c) */
    bool addr_converted;  /* some unit converts its address to another type (IrUnit.converted):
                             else only a pointer of its own type can call it */
    bool reachable;       /* from the roots by calls or as a function value (roots.c) */
    bool atomic_body;     /* its whole body is an atomic section (API model atomic-function;
                             flow.c takes the atomic-section lock at entry, releases it at returns) */
    bool has_setjmp;      /* calls a setjmp API (lockset.c, before the first dataflow) */
    bool may_longjmp;     /* calls a longjmp API, or a function that may, directly or not */
    bool noreturn;        /* no return is reachable from its entry (flow_infer_noreturn) */
} Func;

/* Per function, what points-to knows (PointsTo.funcs, by func id). */
typedef struct PtFunc {
    IdSet callers;        /* functions with a call (direct or resolved indirect) to this one */
    uint32_t obj_ret;     /* object holding the return value's points-to set */
    uint32_t local_obj0;  /* object id of local 0; locals are local_obj0 + i */
    uint32_t temp_obj0;   /* object id of temp 0 */
    bool alloc_wrapper;   /* returns a fresh allocation: each call site is a heap object */
    bool alloc_fills;     /* alloc_wrapper whose stores into the object it makes are the call
                             site's (pointsto.c wrapper_fills): it keeps no chunk in its own state,
                             carves none from it (a pool) and copies no memory */
} PtFunc;

/* A function's lock summary for one call's constants (lockset.c,
 * apply_turns): interned set ids of the turns and locks it surely returns
 * holding, the locks it releases (paths the caller can name) and the lock
 * objects it may release. */
typedef struct LockSpec {
    uint32_t acq, rel_locks, rel_nodes;
} LockSpec;

/* Per function, its lock summary (LockTable.summaries, by func id; lockset.c). */
/* LockSummary.cond_value: held where the result is not 0 (a TryFact's
 * success that no test compares with: edge_acquires takes it for "not 0"). */
#define LOCK_COND_NONZERO INT64_MIN

typedef struct LockSummary {
    IdSet acq_locks;      /* lock ids surely held at exit that the function acquired */
    IdSet rel_nodes;      /* lock nodes possibly released */
    IdSet rel_locks;      /* released lock ids that did not resolve to nodes */
    IdSet must_rel;       /* ... of them, the ones released on every path: entered holding
                             them, no return holds them (`void release(void) { unlock(&m); }`) */
    IdSet jmp_locks;      /* lock ids (paths callers can name) surely held wherever it leaves by
                             a longjmp, its own or a callee's (flow.c) */
    IdSet cond_locks;     /* lock ids held at exactly the returns of the constant
                             cond_value (nginx's ngx_thread_mutex_lock returning
                             NGX_OK): a caller holds them where the result equals it;
                             cond_value LOCK_COND_NONZERO: held at some returns, every
                             other one returning 0 (a lookup returning its item locked,
                             NULL unlocked): held where the result is not 0 */
    int64_t cond_value;
    uint32_t flag_wait;   /* locked-flag node + 1 when every return gives the value of a load
                             of that flag (`return d;` after `d = done` under its lock): a
                             caller's test of the result is a wait for flag_value (sync.c) */
    long flag_value;
} LockSummary;

typedef struct Global {
    const char *usr, *name, *type;
    uint32_t flags; /* IR_GLOBAL_*, merged over units */
    IrLoc loc;
    uint32_t obj;
} Global;

typedef enum {
    OBJ_GLOBAL, OBJ_LOCAL, OBJ_TEMP, OBJ_RET, OBJ_HEAP, OBJ_FUNC, OBJ_EXTFUNC, OBJ_STRING,
} ObjKind;

enum { OBJ_HOLDS_DATA = 1, OBJ_HOLDS_FUNCS = 2 };
enum { OBJ_UNKNOWN_ANY = 1, OBJ_UNKNOWN_TYPED = 2 };

typedef struct Obj {
    uint8_t kind;     /* ObjKind */
    bool shared;      /* reachable by more than one thread (see pointsto.c) */
    bool from_global; /* reachable from a (non-thread-local) global */
    bool per_instance; /* HEAP: one object per instance of the thread spawned at `spawn` */
    bool per_iteration; /* HEAP: allocated in the loop of `direct_spawn` (or, both outside loops, in
                           its call) and handed to it directly:
                           one object per instance as that instance reaches it through its start
                           parameter, though it may also hang from a global (`ctxs[i] = c`);
                           every per_instance object is one */
    bool collapsed;   /* field-insensitive: every field is the root node (pointsto.c) */
    uint8_t holds;    /* LOCAL, GLOBAL of pointer type: OBJ_HOLDS_DATA or OBJ_HOLDS_FUNCS (what a
                         dereference of its value may reach, by its declared type; 0: anything) */
    bool pub_marked;  /* HEAP, LOCAL: its accesses before publication are in Program.own.unpublished */
    bool frame_private; /* HEAP, LOCAL (when pub_marked): its pointer never leaves the frame of the
                           function that allocates or declares it (ownership.c, frame_private) */
    bool pub_relaxed; /* HEAP, LOCAL (when pub_marked): a relaxed atomic store may publish it (its
                         creator's, or a caller's it is returned to): no access of it comes before
                         its publication */
    uint8_t unknown;  /* memory only code racecheck cannot see names: OBJ_UNKNOWN_ANY, OBJ_UNKNOWN_TYPED
                         (pointsto.c, "Unknown memory"); 0 for every other object */
    bool spawn_seen, direct_seen; /* some spawn's argument reaches it / points into it */
    const IrEvent *spawn; /* the one spawn whose argument reaches it (NULL: none or several) */
    const IrEvent *direct_spawn; /* the one spawn whose argument points into it directly
                                    (NULL: none or several) */
    const IrEvent *site;  /* HEAP: the allocation call */
    uint32_t a;       /* GLOBAL: global index; LOCAL/TEMP/RET/HEAP/FUNC: func id */
    uint32_t b;       /* LOCAL: local index; TEMP: temp; HEAP: site number */
    const char *name; /* for messages: "g", "main::x", "heap@pool.c:12" */
    IrLoc loc;
    uint32_t root;    /* node of the whole object, UINT32_MAX until created */
    uint32_t nnodes;  /* nodes in its field tree */
} Obj;

/* A location: an object and a field path inside it. The nodes of one object
 * form a tree: the root is the whole object, children are its fields (by
 * interned name). Array elements are not distinguished. */
typedef struct Node {
    uint32_t obj;
    uint32_t parent;       /* UINT32_MAX for the root */
    const char *field;     /* interned; "" for the root */
    uint32_t first_child;  /* UINT32_MAX when none */
    uint32_t next_sibling;
    uint8_t depth;
    bool pts_below;        /* this node or a field below it points somewhere */
    bool plain;            /* a field of a type with no fields (IR_FIELD_PLAIN): a field step from
                              it stays on it (pointsto.c, child_interned) */
    uint32_t norm_epoch;   /* PointsTo.collapse_epoch when pts was last normalised */
    uint32_t uf;           /* while solving: the node whose set this one shares (cycle
                              collapsing; itself for a representative) */
    IdSet pts;             /* nodes this location may point to */
} Node;

/* A lock as the code names it, in one function's frame: the path of the lock
 * object (`m`, `s->lock`, `*mp`) and the mode it is held in. */
/* LMODE_TURN: not a lock object but a turn of a turn word (turns.c): held from a
 * wait loop's exit that saw the word satisfy the turn's predicate until the
 * thread stores the word; the lock rules never see it. */
typedef enum { LMODE_EXCL, LMODE_SHARED, LMODE_ONCE_INIT, LMODE_ONCE_DONE, LMODE_TURN } LockHeldMode;

typedef struct LockRef {
    int32_t func;   /* frame the path is relative to; -1 for paths rooted at globals */
    IrPath path;
    uint8_t mode;   /* LockHeldMode */
    uint8_t turn_cmp;   /* LMODE_TURN: the predicate the wait saw, (word turn_cmp value), value */
    int8_t turn_param;  /* ... being parameter turn_param plus turn_value, or (-1) turn_value */
    int64_t turn_value;
    const char *spelling;
    bool flag;      /* a flag lock (flaglocks.c): no lock object for the lock rules */
    bool token;     /* the token of a semaphore ring (tokens.c): no lock object either */
    bool resolved;  /* nodes computed */
    IdSet nodes;    /* the lock objects the path may designate */
} LockRef;

/* Not a lock object for the lock rules: a turn (turns.c), a flag lock
 * (flaglocks.c) or a semaphore ring's token (tokens.c). */
static inline bool lock_is_pseudo(const LockRef *l) {
    return l->mode == LMODE_TURN || l->flag || l->token;
}

/* A call site's classification. */
typedef struct CallInfo {
    uint8_t kind;            /* CallKind */
    uint32_t callee;         /* CALL_INTERNAL: func id */
    const ApiModel *api;     /* CALL_API */
    IdSet targets;           /* internal functions called (INTERNAL, resolved INDIRECT) or
                                started (API spawn/once routines), after points-to */
    bool fallback;           /* INDIRECT: no target was found; targets are every
                                address-taken function of the same arity */
} CallInfo;

/* A helper returning whether its one semaphore wait with a success value
 * succeeded (sync.c, sync_scan_wait_helpers): the wait, and the value its
 * returns give exactly after a success. */
typedef struct WaitHelper {
    const IrEvent *wait;
    int64_t value;
} WaitHelper;

/* A loop's index range [lo, hi) with hi = bound + hi (sym) or hi (joins.c). */
typedef struct LoopRange {
    bool known;
    bool sym;                /* the bound is a variable plus a constant */
    uint32_t func;           /* function of the loop (a local bound is in its frame) */
    int64_t lo, hi;
    IrPath bound;            /* sym: the variable */
} LoopRange;

/* instances.c's cache entry: a helper's instance locals for one way of
 * being called (InstParams). */
typedef struct InstSeeded {
    uint32_t thread, func;
    uint64_t idx, ptr;
    uint32_t idx_id, alias_id;
} InstSeeded;

/* An abstract thread. */
typedef struct Thread {
    uint32_t id;
    int32_t parent;          /* -1 for roots (main / --entry) */
    const char *routine;     /* name of the routine (or "main") */
    IdSet routines;          /* func ids it starts in */
    uint32_t spawn_func;     /* creator's function holding the spawn call */
    const IrEvent *spawn_ev;
    IrLoc spawn_loc;
    uint32_t depth;
    bool many;               /* more than one instance may exist at once */
    bool exclusive;          /* a root whose every routine is an exclusive entry: by the
                                library's contract no other call runs while it does, and the
                                library's threads are idle (mhp.c) */
    uint32_t once;           /* index + 1 into ThreadModel.once: its spawn site runs at most once
                                for its creator (once.c), and the thread has one instance in all */
    uint32_t started_flag;   /* node + 1 of its spawn's started flag (once_started_flag), 0 none */
    uint32_t once_spawn;     /* node + 1 of the once control (a global) whose routine runs every
                                spawn of it (its creator holds LMODE_ONCE_INIT there), 0 none */
    bool once_spawn_seen;    /* some spawn of it was seen (once_spawn is their meet) */
    bool escapes;            /* may outlive its creator's join (detached, or
                                never joined before the creator ends) */
    bool children_escape;    /* leaves children running when it ends */
    bool outlives_spawner;   /* may still run when a call of the function holding its spawn returns
                                (running at that function's exit on some path: per-thread pass) */
    bool joined;             /* some join of its creator waits for it */
    bool recursive;          /* instances of it also start instances of it (a spawn site
                                already on the ancestor chain): it has many instances */
    bool fanout;             /* recursive, and an instance may start more than one instance,
                                or the recursion goes through another thread */
    bool rec_escapes;        /* recursive, and an instance may outlive the instance that
                                started it (not joined before that one ends) */
    bool inside_seen;        /* some end of it was seen in its creator (a join, or the creator's end) */
    IdSet inside;            /* lock ids (rooted at globals, exclusive) its creator holds from
                                before its every start until every such end: it runs inside them */
    uint32_t handle_node;    /* node of its handle, UINT32_MAX when unknown */
    uint32_t group_node;     /* launched through a capsule launcher: the node of the handle inside
                                the launcher's thread objects (`th->id`), which a loop joining
                                through them (yarn's join_all) joins; UINT32_MAX when none */
    int8_t handle_index_kind; /* IR_INDEX_* of the handle's last index step, -1 none */
    int64_t handle_index;
    int32_t spawn_loop;      /* innermost loop around the spawn, -1 none */
    LoopRange spawn_range;   /* the range of the spawn loop's counter indexing the handle (joins.c) */
    LoopRange iter_range;    /* when spawn_range is unknown (a handle not indexed by the spawn
                                loop's counter, or none): the range of that loop's own counter, the
                                loop outermost - how many instances it starts (counted hand-offs) */
    uint8_t arg_kind;        /* InstArg: how distinct each instance's argument is (instances.c) */
    int64_t nonnull_iter;    /* K + 1 when the spawn loop hands a non-NULL start value only in its
                                iteration where the counter is K (`create(.., i == 0 ? &g : NULL)`):
                                one instance gets it (threads.c, inst_guard_edge); 0 otherwise */
    bool family;             /* started once by each instance of a many-instance creator's routine
                                with that instance's own element (`create(.., leaf, g)` with g
                                its start element): its element is its creator instance's, so its
                                instances' elements are distinct as its creator's are (mhp.c) */
    int8_t arg_param;        /* the routine parameter receiving start_arg */
    const IrOperand *start_arg; /* the spawn's argument for the routine, in spawn_func's frame (NULL: none) */
    int32_t elem_step;       /* a spawn in a loop storing its handle in the element indexed by the
                                local that also makes its argument distinct (`create(&t[i], ..,
                                &args[i])`, `(void *)i`, `ctxs[i]`, or a local `c` the iteration
                                stored in `ctxs[i]`): the position of that index step in elem_path
                                (0 for a plain `(void *)i`), else -1 */
    IrPath elem_path;        /* elem_step >= 0: the argument's path (`args[i]`, `ctxs[i]`) */
    bool rec_handle;         /* no elem_step, but the argument is a per-iteration record in a local
                                (`a = malloc(..); create(&t[i], .., a)`) and the handle's index the
                                spawn loop's counter: joining t[j] ends the instance of iteration j */
    IdSet live_at_spawn;     /* creator's children that may run at the spawn */
    IdSet ever_at_spawn;     /* creator's children possibly started before the spawn */
    IdSet funcs;             /* functions it may execute (reached by calls) */
    IdSet ends_joined;       /* threads (not its descendants) it joined on every path to its end
                                (FlowState.joined at its routines' returns) */
} Thread;

/* A lock array element held at an access: the whole lock (no index), a
 * constant element, the element with the same index variable as the
 * access (`locks[h]` held while touching `buckets[h]`), or the lock of the
 * very object or element accessed, paired through the same pointer
 * (`me->m` held while touching `me->stop`: heldlocks.c), which is the
 * whole lock or the paired element's as the other access names it. */
typedef enum {
    LOCK_INDEX_NONE,
    LOCK_INDEX_CONST,
    LOCK_INDEX_PAIRED,
    LOCK_INDEX_OBJECT,
    LOCK_INDEX_CONST_PAIRED /* a constant element held over data indexed by that constant (`locks[0]` over
                               `data[0]`): that element, and also the one a PAIRED lock names there */
} LockIndex;

/* A resolved lock held at an access: a lock node and a mode. */
typedef struct HeldLock {
    uint32_t node;
    uint8_t mode;
    uint8_t index_kind;  /* LockIndex: how an element of a lock array is named */
    uint8_t turn_cmp;    /* LMODE_TURN: the turn's predicate (word turn_cmp index) */
    bool flag;           /* a flag lock (flaglocks.c) */
    int64_t index;       /* LOCK_INDEX_CONST: the element; LMODE_TURN: the predicate's constant */
    uint16_t holder;     /* inherited: 1 + the thread holding it across this thread's whole
                            run (threads.c); 0: held by the accessing thread itself */
    uint32_t pin;        /* a lock in a heap object that stands for many, named through a
                            global pointer G (`g.load_state->mutex`): 1 + G's node; the same
                            lock only as named through G (heldlocks.c, pins_validate) */
    const char *spelling;
} HeldLock;

/* ring.c: an access in a single-producer single-consumer ring buffer's
 * window: after its loop's wait on semaphore wait - 1, before its post of
 * post - 1, indexing at `step` with a cursor stepped modulo `mod` once per
 * iteration (wait 0: none). */
typedef struct RingFact {
    uint32_t wait, post;
    int64_t mod;
    uint8_t step;
} RingFact;

/* One access to a shared location, in one thread. */
/* What the accesses of one event in one thread, at one visit, share over
 * the locations the event may reach (a pointer access reaches up to
 * max-access-targets of them): kept once, in the model arena. */
typedef struct AccessSite {
    const IrEvent *ev;       /* the READ/WRITE (or the CALL of an atomic API); its loc is the access's */
    int64_t inst_value;      /* inst_known: the index */
    int64_t slice_scale, slice_lo, slice_hi, slice_div; /* has_slice: the index range (InstSlice) */
    const IrEvent *elem_spawn; /* the spawn of a loop handing over the element this access
                                  fills in earlier in the iteration (`args[i].x = ..`) */
    uint32_t thread;
    uint32_t func;
    uint32_t live;           /* interned set id: children of `thread` that may run here */
    uint32_t joined;         /* interned set id: threads neither its descendants nor ancestors,
                                joined on every path here (FlowState.joined) */
    uint32_t started;        /* interned set id: children started on every path here */
    uint32_t ever;           /* interned set id: children possibly started before here */
    uint32_t waited, cwaited, posted, phases; /* interned set ids: the synchronisation
                                state at the access (flow.h) */
    uint32_t holds;          /* interned set id: hold pair ids (child, lock) of locks held
                                since before every start of the child, and lock ids | HOLD_TAKEN
                                of locks the thread surely took itself (threads.c) */
    uint32_t claim;          /* claim source + 1 when indexed by a value claimed from it (claims.c: a
                                counter node, or a counter read through a permutation array), else 0 */
    uint32_t popped;         /* through a pointer popped off a queue under a lock, not handed on
                                since: the lock's node + 1 (popped.c); through a popped task's
                                payload: POP_PAYLOAD | the interned set of its field locations,
                                + 1; else 0 */
    uint32_t handed_back;    /* interned set id: FlowState.handed_back at the access, less the
                                children spawned twice without a wait between */
    uint32_t elem_joined;    /* child + 1 when, in a join loop, it indexes with the local whose
                                current value names the instance of the child just joined: that
                                instance's own element (threads.c, element joins), else 0 */
    uint8_t claim_step;      /* claim: the dimension the claimed value indexes (claim_step) */
    uint8_t inst_step;       /* inst_private: the step that makes it so (inst_private_step) */
    uint32_t once_post;      /* flag node + 1 when made in the once region of the flag's one post,
                                before it (flags_once_region), else 0 */
    bool inst_counter;       /* inst_private: the index at inst_step is the instance's spawn
                                counter value, read from its element (inst_index_is_counter) */
    uint8_t elem_joined_step; /* elem_joined: the index step naming the joined instance's element */
    bool elem_joined_counter; /* elem_joined: of another array than the one handed over, indexed by
                                 the joined instance's counter value (inst_counter accesses meet it) */
    uint8_t elem_waited_step; /* elem_waited: the index step naming the waited element */
    uint32_t elem_waited;    /* slot + 1 (SyncFacts.elem_flags) when, in a loop over a local, it
                                indexes with the local whose current value names the flag element
                                a spin-wait saw set (FlowState.elem_waited), else 0 */
    uint8_t foreign_step;    /* foreign: the index step the constant indexes at */
    uint32_t foreign;        /* a routine of a many-instance thread T called directly with a
                                constant c as T's start value (`work((void *)0)` beside the
                                workers started with `(void *)i`): T + 1, indexing T's per-
                                instance data with c (foreign_value), else 0 */
    int64_t foreign_value;
    bool write;
    bool inst_private;       /* to the thread instance's own element (instances.c) */
    bool has_slice;          /* indexes at step slice_step with a loop counter in the instance's own
                                range (instances.c, index slices) */
    bool slice_strided;      /* ... its own residue modulo slice_scale (slice_lo) */
    uint8_t slice_step;
    bool inst_known;         /* made only by the instance whose index is inst_value
                                (FlowState.inst_known) */
    RingFact ring;           /* in a ring buffer's window (ring.c) */
    const char *member_type; /* the member of a struct or union reached through a pointer, as the
                                access spells it (`u->name`, `p->a.b`): the pointee's type key
                                (interned), NULL when the path has no such form */
    uint32_t member_off, member_size; /* member_type: the member's bytes in that type */
    const char *spelling;    /* the path as written: "pool->hits" */
    const char *whole_spelling; /* a field's copy of a whole-object access (its own site, made by
                                   facts.c): the whole's spelling (`*r` for the fields of `*r =
                                   defaults`); else NULL */
} AccessSite;

struct Access {
    /* pointers first, then ids, then flags: a large program records
     * millions of these */
    const AccessSite *site;  /* what it shares with the other locations of its event (its spelling
                                too) */
    HeldLock *locks;         /* shared between the locations of one event when equal; the
                                nlocks held, then the ninherited inherited ones */
    uint32_t node;           /* location accessed */
    uint16_t nlocks;         /* at most UINT16_MAX: 32 bytes an access in all */
    uint16_t ninherited;     /* locks an ancestor holds across this thread's whole run */
    bool atomic;
    bool before_spawn;       /* to a per-instance object, before its spawn handed it over: earlier in
                                the loop iteration (or the call), or past the spawn's failure edge */
    bool unpublished;        /* to a fresh object before its pointer is published (ownership.c) */
    bool own_alloc;          /* to a heap object through the pointer its allocation in this activation
                                returned, published or not (or a parameter every call passes it in):
                                the object this activation made (ownership.c, Program.own.alias) */
    bool whole;              /* to the whole object at `node` (a struct copy, memset, free ...):
                                also an access of every field below it (facts_index_build) */
    bool release;            /* a free or realloc of the object (rules effect "free", "realloc") */
};
_Static_assert(sizeof(void *) != 8 || sizeof(struct Access) == 32, "an Access stays 32 bytes: millions are recorded");

/* A lock acquisition in one thread (the per-thread pass's final visit):
 * which lock, and the locks surely held just before it. */
typedef struct LockAcq {
    uint32_t thread;
    uint32_t func;
    const IrEvent *ev;       /* the lock call */
    uint32_t lock;           /* lock id (LockRef) */
    uint32_t held;           /* interned set id of the lock ids held before */
    uint32_t node;           /* the lock object in this thread, when the lock names several
                                objects context-insensitively but one through the values the
                                thread passes its parameters (ctxparams.c); else UINT32_MAX */
    const uint32_t *held_nodes; /* the same for each held lock, in the order of held's ids
                                   (NULL: none narrowed) */
    uint64_t held_private;   /* bit k: held lock k lies in an object its function allocated (or
                                declares) and has not published here (ownership.c): no other
                                thread can hold it or wait for it yet */
} LockAcq;

typedef struct ModelOptions {
    const char *const *entries; /* --entry functions (roots) */
    size_t nentries;
    const char *const *exclusive; /* --exclusive-entry / "exclusive-entries": entries the
                                     library's contract runs alone (threads.c) */
    size_t nexclusive;
    size_t max_access_targets;  /* 0: MODEL_MAX_ACCESS_TARGETS */
    bool library;               /* --library: every exported function is a root
                                   with many instances (roots.c); --entry
                                   functions are added as roots of their own */
    size_t workers;             /* worker threads of the whole-program phase and
                                   the checks (-j); 0: one per processor */
    /* optional: called before each stage of model_stages runs (the CLI's
       progress line), on the thread that called model_build */
    void (*on_stage)(void *ctx, const char *stage, size_t index, size_t nstages);
    void *stage_ctx;
} ModelOptions;

typedef struct PtSolver PtSolver; /* pointsto.c, alive while solving */

/* facts.c (stage facts): the accesses by location for the facts API. */
typedef struct FactsIndex {
    const Access **by_location; /* every access, by location, then in recording order */
    VEC(size_t) starts;         /* location i's accesses: [starts[i], starts[i + 1]) */
} FactsIndex;

/* A capsule launcher or a joiner launchers.c recognised (--list-models). */
typedef struct LauncherInfo {
    uint32_t func;        /* the launcher, or the joiner */
    int32_t tramp;        /* the launcher's trampoline; -1 for a joiner */
    int routine, arg;     /* launcher: its parameters stored into the capsule; joiner: arg is the
                             parameter pointing to the thread object, routine -1 */
} LauncherInfo;

/* Stages link, wrappers, pools, launchers, classify (program.c, wrappers.c, pools.c, launchers.c). */
typedef struct LinkTables {
    VEC(Func) funcs;
    StrMap func_by_usr;   /* usr -> (Func index + 1) */
    StrMap func_by_name;  /* name -> (Func index + 1), first definition wins */
    VEC(Global) globals;
    StrMap global_by_usr; /* usr -> (Global index + 1) */
    U64Map callinfo;      /* (IrEvent*) -> index into calls */
    VEC(CallInfo) calls;
    /* calls understood before classification */
    U64Map synth_api;     /* (IrEvent*) -> ApiModel* of a call pools.c synthesised */
    U64Map wrapper_api;   /* func id -> ApiModel* of a detected wrapper (wrappers.c) */
    VEC(LauncherInfo) launchers; /* capsule launchers and joiners found (launchers.c) */
    uint32_t spawner_clones;  /* call sites given a copy of the spawner they call (launchers.c) */
    U64Map launched;      /* (IrEvent*) -> the LaunchSite of a spawn launchers.c made at a call
                             site of a capsule launcher (launchers_site) */
    VEC(uint32_t) bottom_up; /* the reachable functions, callees before callers (program_bottom_up) */
    uint32_t *call_rank;  /* by func: its position in bottom_up (UINT32_MAX: not reachable) */
    size_t nsynth_globals; /* pseudo globals pools.c added (pool objects, routine slots) */
    bool warned_mains;    /* several mains were linked */
} LinkTables;

/* Stage points-to (pointsto.c): objects, locations and their sets. */
/* A field name at an offset that names the location of another field
 * (IrFieldAlias: common initial sequences, pointsto.c field_alias). */
typedef struct PtAlias {
    const char *name;   /* interned field name */
    uint32_t offset;
    const char *canon;  /* interned name of the location */
} PtAlias;

typedef struct PointsTo {
    VEC(Obj) objs;
    VEC(Node) nodes;
    VEC(PtFunc) funcs;    /* by func id */
    U64Map obj_index;     /* (kind, a, b) -> obj */
    U64Map heap_sites;    /* (IrEvent*) -> obj */
    StrMap extfunc_by_name; /* external function used as a value -> (Obj index + 1) */
    uint32_t string_obj;
    uint32_t unknown_obj; /* OBJ_UNKNOWN_ANY, UINT32_MAX until an unknown call returns a pointer */
    StrMap unknown_typed; /* record key (interned) -> its OBJ_UNKNOWN_TYPED object + 1 */
    size_t pts_total;     /* entries in all points-to sets */
    uint32_t collapse_epoch; /* objects collapsed so far (normalise_node) */
    U64Map field_ids;     /* interned field name (pointer) -> small id */
    U64Map field_names;   /* a unit's field name (pointer) -> the interned name (pointer) */
    U64Map children;      /* (node << 32 | field id) -> child node */
    PtAlias *aliases;     /* sorted by (name pointer, offset), in the program's arena */
    uint32_t naliases;
    PtSolver *solver;     /* alive while solving */
    uint64_t *mark;       /* a bit per node, clear between uses: deduplicating unions
                             (pointsto.c mark_first), while solving and after */
    size_t nmark;         /* words in mark */
    size_t stmts, evals, edges, cycles; /* solver statistics (RACECHECK_STATS) */
    double cpu_seconds;   /* processor time of the solver (RACECHECK_STATS) */
    unsigned long long work; /* set elements visited by unions (the work budget) */
    bool budget_reached;  /* the solver stopped at its budget (warned) */
    size_t field_calls;   /* indirect calls through closed fields (fieldslots.c, RACECHECK_STATS) */
} PointsTo;

/* fieldslots.c: the functions a struct field of function pointer type is
 * ever given (see the file); built before points-to solves. */
typedef struct FieldSlots FieldSlots;
FieldSlots *field_slots_build(Program *p);
/* The functions a call through a closed field can reach (its callee a path
 * ending in the field), NULL for any other call. */
const IdSet *field_slots_for(const FieldSlots *fs, const IrEvent *call);
size_t field_slots_calls(const FieldSlots *fs); /* calls through closed fields */
void field_slots_free(FieldSlots *fs);

/* Stage ownership (ownership.c). */
typedef VEC(IdSet) ObjSets; /* sets of objects, by index (an event's, OwnershipFacts) */
typedef struct OwnershipFacts {
    U64Map unpublished;   /* access event -> index + 1 into unpublished_objs */
    ObjSets unpublished_objs; /* ... the objects the event is made before the publication of */
    U64Map unpublished_args; /* (call event << 6 | argument + 1) -> obj + 1: the argument carries
                                the fresh object before its publication */
    U64Map arg_fresh;     /* the same key -> 1 when own_arg_fresh, 2 when not */
    U64Map alias;         /* (event << 6 | argument + 1, 0 for the event's own path) -> index + 1 into
                             alias_objs: made through (or passing) the pointer an allocation of the
                             function's activation returned, published or not (own_alias) */
    ObjSets alias_objs;    /* ... the heap objects it is so for */
    U64Map param_prefix;  /* (event << 6 | parameter + 1) -> 1: made through the parameter before
                             its function publishes it (own_param_prefix) */
    U64Map param_prefix_done; /* (function << 6 | parameter + 1): param_prefix computed */
    bool relaxed_known, relaxed_any; /* the program makes a relaxed atomic store (ownership.c) */
    uint32_t return_depth_hits; /* returned objects followed MODEL_MAX_RETURN_DEPTH calls up (noted) */
    uint32_t frame_private; /* objects points-to reached from another thread that never leave
                               their frame (Obj.frame_private): made not shared */
    uint64_t *param_escapes; /* per function: bit k, parameter k's pointer may escape (stored,
                                returned, handed to a thread or to code that keeps it); bit 63
                                for every parameter from 63 on (ownership.c) */
    uint64_t *param_returns; /* per function: bit k, the function may return parameter k's pointer
                                (or one into its object): own_call_returns */
    uint64_t *param_content_escapes; /* per function: bit k, a pointer stored in the object parameter
                                        k points to (or in a struct parameter's members) may escape;
                                        every escaping parameter too */
    U64Map popped;        /* access (event, argument) -> lock node + 1: through a pointer its function popped
                             off a queue under that lock and has not handed on (popped.c) */
    U64Map pop_args;      /* (program call, argument) -> lock node + 1: the argument is a pointer its
                             function owns so (`process(job)` after the pop; popped.c, owned
                             parameters); POP_PAYLOAD | set + 1 for a task's payload read from
                             the popped task's field locations `set` (an interned set id:
                             `t->fn(t->arg)`) */
    U64Map payloads;      /* interned set of field locations -> 1 when each task's payload there is
                             a distinct element, 2 when not (popped.c, task payloads) */
} OwnershipFacts;

/* lockevents.c: the memory location a branch tests - its condition's path,
 * or what the temporary it tests was assigned from; NULL for a plain
 * local's value or anything else. */
const IrPath *model_tested_location(Program *p, const IrFunc *f, const IrTerm *t);

/* flaglocks.c: a store of a flag word or a step of a readers' count that
 * acquires or releases a flag lock (the word's path in func's frame). */
typedef struct FlagLockEvent {
    const IrEvent *ev;
    uint32_t func;
    IrPath word;
    uint8_t mode;    /* LMODE_EXCL (the word's set or clear) or LMODE_SHARED (the count's steps) */
    bool acquire;
} FlagLockEvent;
void flaglocks_detect(Program *p);
bool flaglocks_event(const Program *p, const IrEvent *ev, const FlagLockEvent **out);

/* Stage sync-init and the synchronisation events of the threads stage (sync.c). */
enum { SYNC_COUNTED = 1u << 31, /* in FlowState.waited: a counted wait loop's semaphore */
       SYNC_LAST = 1u << 30 };   /* ... a reference count this thread took down to 0 (the last release) */
/* turns.c: the exit of a wait loop for a turn - the edge of its test
 * (taken or not) on which the word `path` (in the test's function) was
 * seen to satisfy (word cmp param + value), param -1 for a constant. */
typedef struct TurnExit {
    IrPath path;
    const IrEvent *read; /* the test's read of the word */
    bool on_taken;
    uint8_t cmp;
    int8_t param;
    int64_t value;
} TurnExit;

/* An atomic call of a flag word (spinlocks.c). */
typedef struct FlagCallSite {
    uint32_t func;
    const IrEvent *ev;
    CallInfo *ci;
    uint32_t node;        /* the word's one node (relaxed_waits: UINT32_MAX when several) */
} FlagCallSite;

/* The one post of a flag, in a region at most one thread ever runs: the
 * block entered where a test of the flag under a lock found it unset
 * (double-checked locking's `if (!flag) { init; flag = 1; }`). */
typedef struct OncePost {
    uint32_t func, block, index; /* the post's event */
    uint32_t node;               /* the flag */
} OncePost;

/* tokens.c: semaphores that pass one token around (a ring). */
typedef struct TokenRing {
    uint32_t rep;         /* the member whose node the token's lock names */
    uint32_t lock;        /* the token's pseudo-lock (LockRef.token) */
    uint64_t tokens;      /* the members' initial counts, summed */
    uint32_t holders;     /* threads that start holding the token (tokens_thread_entry) */
    bool broken;          /* a post without the token, or a holder of many instances */
} TokenRing;

typedef struct SyncFacts {
    U64Map sem_init;      /* semaphore node -> initial value + 1 (0: several or unknown values) */
    U64Map users;         /* (node << 2 | role) -> interned set id of the threads that, for
                             role 0, post or signal the node; role 1, wait at the barrier;
                             role 2, count the counter down */
    IdSet waited_nodes;   /* semaphores and condition variables a wait call names (sync_scan_waits):
                             the only ones FlowState.posted follows */
    U64Map sem_waits;     /* blocking semaphore wait (IrEvent *) -> the semaphore's node + 1 (the
                             threads stage; facts_thread_hands_back) */
    U64Map countdowns;    /* counter node -> mutex node + 1 of a loop waiting until it is 0 */
    bool atomic_countdowns; /* some counter is spin-waited on an atomic load (sync.c COUNT_ATOMIC) */
    U64Map countdown_exits; /* (func << 32 | loop exit block) -> counter node + 1 */
    U64Map countdown_goal; /* counter node -> what its wait loops wait for: COUNT_GOAL_* << 32 | bound */
    U64Map wait_helpers;  /* func -> index + 1 into wait_helper_list (sync_scan_wait_helpers) */
    VEC(WaitHelper) wait_helper_list;
    IdSet short_counts;   /* countdowns whose threads count more often than the wait needs
                             (sync_short_countdowns): no join */
    U64Map count_writes;  /* a read-modify-write WRITE of one counter of countdowns (IrEvent *) -> the
                             counter's node + 1 (sync_scan_countdowns; counting where locks allow) */
    U64Map count_events;  /* a counting WRITE (IrEvent *) -> the counter's node + 1 (sync_count_write) */
    U64Map fenced;        /* a relaxed atomic call a fence orders (IrEvent *) -> 1 release, 2 acquire
                             (fences.c) */
    U64Map release_events; /* an atomic fetch-sub/sub-fetch of a positive constant, not relaxed
                              (IrEvent *) -> the counter's node + 1 (sync_scan_releases) */
    U64Map counted_exits; /* (func << 32 | loop exit block) -> semaphore node + 1 of a loop waiting on
                             it once per iteration (sync_scan_countdowns; at the exit the thread has
                             waited SYNC_COUNTED | node: as often as the loop's range says) */
    U64Map counted_range; /* semaphore node -> index + 1 into counted_ranges (0: loops differ) */
    VEC(LoopRange) counted_ranges;
    IdSet counted_elems;  /* counted waits on an element flag, one element per index (sync.c):
                             its posts must be at the posting instance's own element */
    VEC(uint32_t) elem_flags; /* slot -> flag node waited on element by element (FlowState.elem_waited) */
    U64Map elem_flag_slot; /* flag node -> slot + 1 */
    U64Map flag_other_posts; /* (flag node << 12 | thread) -> 1: the thread posts the flag other than
                                at its instance's own element (sync.c, mhp.c element-flag) */
    U64Map multi_posts;   /* (semaphore node << 12 | thread) -> 1: one instance of the thread may
                             post it more than once */
    U64Map hb_sem_index;  /* semaphore node -> index into hb_sems (hand-backs, threads.c) */
    VEC(uint32_t) hb_sems; /* the semaphores waited on after spawns, by index */
    IdSet gates;          /* semaphores initialised to 1 whose count may exceed 1: a post
                             not preceded by a wait in its thread (sync_post_check) */
    size_t spin_calls;    /* atomic calls made trylocks and unlocks of spinlock words (spinlocks.c) */
    VEC(FlagLockEvent) flag_lock_events; /* flaglocks.c */
    U64Map flag_lock_index; /* (IrEvent *) -> index + 1 into flag_lock_events */
    U64Map flag_lock_words; /* word node -> 1: a flag lock */
    size_t flag_locks;      /* RACECHECK_STATS */
    U64Map spin_stores;   /* (IrEvent *) -> 1: plain stores of 0 releasing a spinlock word (flow.c
                             takes them for unlocks of the path stored to) */
    size_t flag_calls;    /* atomic stores and tested loads made posts and waits of flags (spinlocks.c) */
    U64Map lflag_stores;  /* locked flags (spinlocks.c): the WRITE of a store of the flag's
                             constant (IrEvent *) -> flag node + 1 */
    U64Map lflag_loads;   /* ... the ASSIGN of a load of the flag into a local or temporary
                             (IrEvent *) -> flag node + 1 */
    U64Map lflag_value;   /* flag node -> the constant it is set to */
    VEC(FlagCallSite) relaxed_waits; /* tested relaxed atomic loads of words (flags_detect), for
                             flags_locked_waits: waits where a lock orders them */
    VEC(FlagCallSite) flag_sets;     /* the atomic stores flags_detect made flag posts */
    U64Map flag_value;    /* atomic flag node -> the constant it is set to + 1 (flags_detect) */
    VEC(OncePost) once_posts; /* flag posts made at most once (flags_locked_waits) */
    U64Map once_post_events;  /* the post (IrEvent *) -> its flag node + 1 */
    U64Map lflag_locks;   /* (flag node << 1 | 0 post, 1 wait) -> interned set id of the lock
                             nodes held at every such event (the per-thread pass; a must-set) */
    IdSet spin_words;     /* the nodes of spinlock words: their own plain accesses (a spin-wait's
                             `*lock == 0`, the releasing store) are synchronisation, taken as atomic */
    IdSet claim_unsafe;   /* claim sources (claim_counters, claim_perm_ids) whose counter is written
                             by two threads at once with no common lock (claims_check_steps):
                             their steps may give two threads one value */
    IdSet claim_counters; /* counters only increased by atomic fetch-adds of positive constants
                             (claims.c): each claim from one is a value no other claim gets */
    U64Map claim_vars;    /* claims.c's cache: (func, root, id) -> the counter its value claims */
    IdSet perm_arrays;    /* arrays holding a permutation of their indices (claims.c): identity
                             initialised, then only read or reordered (qsort) */
    U64Map perm_vars;     /* claims.c's cache: (func, root, id) -> the permutation array node
                             its assigned element comes from (UINT32_MAX: none) */
    U64Map sem_sites;     /* ring.c: semaphore node -> its wait and post sites (counts) */
    U64Map ring_funcs;    /* ring.c: function -> 2 when it calls a semaphore wait and a post, else 1 */
    U64Map ring_cursors;  /* ring.c: global index -> 2 when it is stored only by its one step, else 1 */
    U64Map barrier_shift; /* sync.c sync_barrier_shift: func -> barrier node << 8 | waits, 0: none */
    U64Map const_params;  /* sync.c: (func << 6 | parameter + 1) -> index + 1 into const_param_values
                             of the one value every call passes, 0: none */
    VEC(int64_t) const_param_values;
    U64Map const_globals; /* sync.c: global index -> the one value it holds all run long
                             (sync_const_globals) */
    bool ring_scanned;    /* sem_sites is filled */
    U64Map turn_exits;    /* turns.c: a loop test's IrTerm * -> index + 1 into turn_exit_v */
    VEC(TurnExit) turn_exit_v;
    U64Map turn_stores;   /* turns.c: a store (ASSIGN, read-modify-write WRITE) that may write a
                             turn word (IrEvent *) -> 1: it ends the storing thread's turn */
    IdSet turn_funcs;     /* turns.c: the functions with a wait for a turn */
    IdSet cond_lock_funcs; /* lockset.c: functions with a lock call of their own and a test of a
                              parameter (run per constants passed, as turn_funcs) */
    U64Map turn_specs;    /* lockset.c: hash of (function, constants passed) -> index + 1 into
                             turn_spec_v (apply_turns) */
    VEC(LockSpec) turn_spec_v;
    IdSet turn_busy;      /* lockset.c: functions being run by apply_turns */
    IdSet turn_kept;      /* turns.c: word nodes whose turns exclude each other (turns_validate);
                             the turns of every other word are dropped */
    uint32_t turn_dropped; /* turns.c: words whose turns were dropped */
    IdSet turn_relaxed;   /* turns.c: word nodes a relaxed atomic may write: no turns */
    U64Map claim_perm_ids; /* (counter, permutation array) -> the claim id of its elements read
                              at claims of the counter (counted down from UINT32_MAX - 1) */
    U64Map ring_of;       /* tokens.c: semaphore node -> index + 1 into rings */
    VEC(TokenRing) rings;
    IdSet rings_dropped;  /* tokens.c: the rep nodes of the rings whose tokens are dropped */
} SyncFacts;

/* Nesting levels of atomic sections told apart (a section entered at a
 * deeper level keeps the deepest one: flow.c). */
enum { MODEL_ATOMIC_LEVELS = 4 };

/* Locks as the code names them (lockset.c); summaries live on Func. */
typedef struct LockTable {
    VEC(LockRef) refs;
    StrMap index;         /* key -> lock id + 1 */
    VEC(LockSummary) summaries; /* by func id (stage locksets) */
    bool warned_path_steps; /* a translated lock path hit MODEL_MAX_LOCK_PATH_STEPS */
    U64Map swaps;         /* heldlocks.c cache: func -> 1 + index into swap_lists (0 none) */
    U64Map chains;        /* heldlocks.c cache: (func << 32 | local) -> the bucket index local + 1 of
                             a hash chain's walk (chain_index), 0 none */
    VEC(struct SwapList *) swap_lists; /* the ordered pairs of pointer locals of a function */
    U64Map by_call;       /* flow.c: (API call argument, mode) -> lock id (UINT32_MAX: none) */
    uint32_t atomic_section; /* lock id + 1 of the program-wide pseudo-lock that atomic
                                sections hold (program.c); 0 when the program has none */
    uint32_t atomic_levels[MODEL_ATOMIC_LEVELS]; /* when atomic_section: the lock ids of the
                                nesting levels 1.. (level 1 is atomic_section - 1; a section
                                entered inside one takes the next level: flow.c) */
} LockTable;

/* Stage threads (threads.c, accesses.c, instances.c, debug.c). */
/* A spawn site guarded by a set-once flag (once.c). */
typedef struct OnceSite {
    uint32_t guard_func;     /* the function testing the guard (the spawn's, or its only caller) */
    uint32_t guard_block;    /* the block whose branch tests it */
    bool guard_taken;        /* the edge where the guard is 0: succ[0] (true) or succ[1] */
    bool locked;             /* the test and the set are one critical section of one lock */
    bool set_before;         /* every path sets the guard before the spawn: wherever the guard
                                reads 0, the spawn has not run (any test of it, once_tested) */
    uint32_t node;           /* the guard's location */
} OnceSite;

/* instances.c: an index slice (inst_slice, inst_const_slice). */
typedef struct InstSlice {
    uint8_t step;
    bool strided;
    int64_t scale, lo, hi;
    int64_t div; /* the bounds are (scale * x + lo) / div and (scale * x + hi) / div; 0: no division */
} InstSlice;

/* instances.c: inst_const_slice's answer for one access (event, path) in one thread. */
typedef struct ConstSliceMemo {
    const IrEvent *ev;
    const IrPath *path;
    uint32_t thread;
    bool has;
    InstSlice slice;
} ConstSliceMemo;

typedef struct ThreadModel {
    VEC(Thread) threads;
    VEC(Access) accesses;
    VEC(LockAcq) acquisitions; /* every lock acquisition per thread */
    VEC(DebugNote) debug_notes; /* observations at debug intrinsics, sorted by location */
    U64Map inst_locals;   /* instances.c cache: (thread, func, which) -> interned set id */
    U64Map elem_ptr_fields; /* instances.c cache: (thread << 32 | field node) -> 1 when the field of
                               the objects handed to the thread's instances holds each instance's
                               own element's address (elem_pointer_field), 2 when not */
    U64Map inst_seeded;   /* instances.c cache for helpers: hash of (thread, func, InstParams) ->
                             index into inst_seeds */
    VEC(InstSeeded) inst_seeds;
    U64Map const_slices;  /* instances.c cache of inst_const_slice: hash of (event, path, thread) ->
                             index into const_slice_memo (every calling context asks again) */
    VEC(ConstSliceMemo) const_slice_memo;
    uint8_t *elem_spawns; /* instances.c cache, by func id: 0 not yet known, 1 holds a spawn in
                             a loop handing over an element `&arr[i]`, 2 holds none */
    U64Map hold_pair_ids; /* (child << 32 | lock id) -> index into hold_pairs */
    U64Map global_lock_by_node; /* lock node -> the exclusive lock rooted at a global naming it
                                   (threads.c global_alias_lock), for the first global_lock_refs locks */
    size_t global_lock_refs;
    VEC(uint64_t) hold_pairs; /* child << 32 | lock id, for locks rooted at globals */
    U64Map once_sites;    /* once.c cache: spawn event -> index + 1 into once (0: not guarded) */
    VEC(OnceSite) once;
    U64Map once_nodes;    /* once.c cache: guard node << 1 -> 1 never reset, 2 may be reset;
                             node << 1 | 1 -> 1 inside an array, 2 not */
    U64Map once_objs;     /* once.c cache: object -> 1 one in the program, 2 maybe several */
    U64Map once_tests;    /* once.c cache: func << 32 | block -> flags known then << 32 | node + 1
                             its branch tests (0 none) */
    U64Map once_started;  /* once.c cache: spawn event -> its started flag's node + 1 (0 none) */
    IdSet once_flags;     /* the nodes of every guard and started flag found so far */
    IdSet handle_returners; /* threads.c: functions returning the handle of the thread they start,
                               whose one call site's store of the result is that thread's handle */
    IdSet guard_nodes;    /* threads.c, guard_candidates: globals a branch tests against 0 and
                             only code no thread but the first runs writes (reset guards), or
                             that no store ever makes 0 (monotone guards) */
    IdSet *guard_writes;  /* by func id: the guards (indices into guard_nodes) it or a function it
                             calls writes */
    IdSet *guard_gens;    /* by func id: the guards it leaves non-zero on every path to a return */
    size_t guard_nfuncs;  /* entries of guard_writes and guard_gens */
    int64_t *guard_elem;  /* by guard: the constant element a monotone guard is tested at
                             (`shared.integers[0]`), GUARD_NO_ELEM for none */
    uint8_t *guard_monotone; /* by guard: no store ever makes it 0 (whoever runs it) */
    bool guard_has_elem;  /* some guard has an element (fill loops may set it) */
    struct ModeFacts *modes; /* modes.c: mode variables and their facts' table (NULL: none) */
    IdSet pins_used;      /* heldlocks.c: the global pointers (nodes) locks are pinned to */
    IdSet pins_bad;       /* ... those changed while another thread may use them (pins_validate) */
    uint8_t *returns_zero; /* threads.c cache, by func: 0 not known yet, 1 never returns the
                              constant 0, 2 may */
    U64Map guard_match_cache; /* threads.c cache: global path address -> guard index + 1 (0: none) */
    U64Map guard_fills;   /* threads.c cache: func << 32 | loop header -> the guard its
                             fill loop sets + 1 (0: none) */
    IdSet *fill_sites;    /* by func, for an allocation wrapper whose stores into what it makes
                             are its call sites' (PtFunc.alloc_fills): those call sites' heap
                             objects (accesses.c, fill_nodes) */
    size_t nfill_sites;
    size_t unchecked_accesses; /* accesses with too many possible targets (distinct (event, thread)) */
    U64Map unchecked_seen;     /* event << 12 | thread of those counted */
    size_t contexts;           /* calling contexts recorded, over all threads (threads.c) */
    size_t context_overflows;  /* ... of them, overflow contexts (a function over MODEL_MAX_CONTEXTS) */
    size_t context_funcs;      /* distinct (thread, function) pairs recorded */
    size_t pass_runs[3];       /* function runs of the per-thread pass: summaries, contexts, recording */
    double pass_seconds[3];    /* ... and their time (RACECHECK_STATS) */
    size_t max_access_targets; /* from ModelOptions */
    bool truncated;       /* the thread tree was cut at a limit */
} ThreadModel;

/* Stage lock-events (lockevents.c): every function's lock events as the
 * function sees them from its own start (nothing held at entry; callees
 * through their lock summaries), for the lock rules' facts (facts.h). */
typedef struct LockSite {
    uint8_t kind;            /* FactsSiteKind */
    bool recursive;          /* ACQUIRE: the lock may be taken again by its holder */
    bool semaphore;          /* ACQUIRE, RELEASE: a wait or post of a semaphore used as a lock */
    bool in_loop;            /* WAIT, CALL: inside a loop */
    bool rechecks;           /* WAIT: a path from it goes back to its loop's test holding the mutex */
    bool ret_const;          /* RETURN: returns a constant (ret_value) */
    bool ret_value;          /* RETURN: returns a value (a constant or not) */
    bool lost;               /* RELEASE: not held, but taken on every path before and not
                                unlocked since: dropped by a callee's release summary */
    bool again;              /* RELEASE: not held, and this function may have unlocked the same
                                lock (the same name, the path's local not assigned since) and
                                not taken a lock that may be it since: a double unlock */
    bool after_failed_lock;  /* RETURN: only reached when a lock call's result said failure */
    bool thread_exit;        /* RETURN: a call ending the thread (pthread_exit), not a return */
    bool fallback;           /* CALL: indirect, targets guessed by arity (CallInfo.fallback) */
    int64_t ret_const_value;
    uint32_t func;
    const IrEvent *ev;       /* the call (NULL for a return) */
    IrLoc loc;
    uint32_t lock;           /* ACQUIRE, RELEASE, WAIT: lock id (UINT32_MAX otherwise) */
    uint32_t held;           /* interned set id: lock ids surely held just before */
    uint32_t targets;        /* CALL: interned set id of the functions called */
    uint32_t via;            /* CALL: index into LockEventFacts.via of its first entry */
    uint32_t nvia;
    const char *cond;        /* WAIT: the condition variable as written, or NULL */
    const IrTerm *guard;     /* ACQUIRE, RELEASE: the branch its block is the only successor
                                of on one edge (`if (x) unlock(..)`), or NULL */
    bool guard_eq;           /* the guard's tested value equals guard->rhs on that edge */
} LockSite;

/* A lock a call may acquire while not holding it before (or release
 * without having taken it), named in the caller's frame, and the site deep
 * in the callees that does it. */
typedef struct LockVia {
    uint32_t lock;           /* lock id in the caller's frame */
    uint32_t origin;         /* the ACQUIRE or RELEASE site */
    bool release;            /* a release of a lock the callee did not take */
    uint32_t hop;            /* the site in the callee it comes from: the origin, or a call
                                whose own via holds the same origin (the chain of calls) */
    uint8_t depth;           /* calls between the callee and the origin */
    bool raw;                /* RETURN or RELEASE origin whose lock callers cannot name: lock
                                is its name in the origin's frame (compare by lock objects
                                only) */
} LockVia;

typedef struct LockEventFacts {
    VEC(LockSite) sites;     /* by function, then in block order */
    VEC(LockVia) via;
    VEC(size_t) func_first;  /* by func id: first site; [func_first[f], func_first[f + 1]) */
    IdSet recursive_nodes;   /* mutex objects initialised with a recursive attribute */
    VEC(uint32_t) func_threads; /* by func id: interned set id of the threads executing it */
} LockEventFacts;

/* The flow engine's own state (flow.c). */
typedef struct FlowFacts {
    bool warned_rounds;   /* a function's dataflow hit MODEL_MAX_FLOW_ROUNDS */
    bool warned_atomic_depth; /* atomic sections nested past MODEL_ATOMIC_LEVELS */
} FlowFacts;

/* The whole-program model: shared infrastructure, then one part per stage,
 * each written by the files named beside it and read by later stages. */
struct Program {
    Arena *arena;
    Interner strings;
    DiagSink *diags;
    const ApiModels *models;
    IrUnit **units;
    size_t nunits;
    VEC(IdSet) sets;        /* interned sets (model_intern_set) */
    U64Map set_index;
    IrDefUseCache *defuse;  /* per-function def-use tables (model_defuse) */
    double *stage_seconds;  /* stages.c: seconds per stage of model_stages (RACECHECK_STATS) */
    size_t workers;         /* ModelOptions.workers resolved: at least 1 (facts_workers) */
    bool library;           /* ModelOptions.library: the program analysed is a library */

    LinkTables link;
    PointsTo pt;
    OwnershipFacts own;
    SyncFacts sync;
    LockTable lock;
    FlowFacts flow;
    ThreadModel tm;
    LockEventFacts lev;     /* lockevents.c */
    FactsIndex facts;       /* facts.c */
};

/* Build everything. Units with NULL entries are skipped. Returns false only
 * when nothing could be analysed (diagnostic reported). */
bool model_build(Program *p, IrUnit **units, size_t nunits, const ApiModels *models,
                 const ModelOptions *opt, DiagSink *diags);
void model_free(Program *p);
/* The def-use table of a function of the program (built once, on first use,
 * after the last IR rewrite: stages pools and launchers). */
const IrDefUse *model_defuse(const Program *p, const IrFunc *f);
/* RACECHECK_STATS: seconds per stage and the model's sizes. */
void model_print_stats(const Program *p, FILE *out);

/* program.c */
/* Stage link: functions and globals of every unit by USR. */
void program_link(Program *p);
/* Stage classify: every call event (internal, API, external, indirect). */
void program_classify_calls(Program *p);
const CallInfo *program_call(const Program *p, const IrEvent *ev);
/* The memory effects (rules kind "effects") of a direct call to a function
 * the program does not define, or NULL. */
const ApiModel *program_call_effects(const Program *p, const IrEvent *ev, const CallInfo *ci);
/* The API model a direct call designates: a declared or detected wrapper,
 * or a modelled function the program does not define; NULL otherwise. */
const ApiModel *program_api_for(const Program *p, const IrOperand *callee);
/* Link a function the model synthesised (pools.c trampolines). */
void program_add_func(Program *p, IrFunc *f);

/* unknown.c: calls to functions with no body in the units, no model of any
 * kind and no `pure` declaration (their names live as long as the units). */
typedef struct UnknownCall {
    const char *name;
    size_t calls;
} UnknownCall;
/* Every such name with its number of calls, most frequent first (then by
 * name); *nnames names, *ncalls calls in all. The array is malloc'd. */
UnknownCall *model_unknown_calls(IrUnit *const *units, size_t nunits, const ApiModels *models, size_t *nnames,
                                 size_t *ncalls);

/* wrappers.c: functions that only forward their parameters to a spawn, join,
 * detach, lock, unlock or trylock API become models of their own. */
void wrappers_detect(Program *p);
/* wrappers.c, for launchers.c: the parameter of f an operand passes
 * unchanged (a plain value, no arithmetic), -1 when it is anything else; is
 * parameter k written anywhere in f? */
int wrappers_forwarded_param(const IrFunc *f, const IrOperand *op);
bool wrappers_param_written(const IrFunc *f, int k);
/* launchers.c: stage launchers - the call sites of capsule launchers (a
 * function storing its routine and argument parameters into a capsule and
 * spawning a fixed trampoline that calls the one with the other) become
 * spawns of their own, and calls of functions joining through the thread
 * object a parameter points to become joins of the argument. */
void launchers_rewrite(Program *p);
/* What a spawn made at a launcher's call site starts, for threads.c. */
typedef struct LaunchInfo {
    uint32_t group_node;     /* node of the launcher's own handle (UINT32_MAX when not one node) */
    const char *routine;     /* the routine's name when the site names it, else NULL */
    int32_t routine_func;    /* that routine, when defined and taking the argument first: a routine
                                of the thread too (the instance reasoning), else -1 */
    const IrOperand *arg;    /* the site's argument for the routine, in the caller's frame, or NULL */
} LaunchInfo;
/* Is ev a spawn made at a launcher's call site? Fills out. */
bool launchers_site(Program *p, const IrEvent *ev, LaunchInfo *out);
/* Is ev a call of a capsule launcher (rewritten: a spawn follows it)? */
bool launchers_call(const Program *p, const IrEvent *ev);
/* pools.c: thread-pool submissions, waits and handles returned by spawns are
 * rewritten into spawn and join calls the thread model understands. */
void pools_desugar(Program *p);
Func *program_func_by_name(Program *p, const char *name);
void program_bottom_up(Program *p);
/* A monotonic clock in seconds, for the stage times of RACECHECK_STATS (stages.c). */
double model_now_seconds(void);
/* Every event of every reachable function: a loop statement binding f
 * (the function id), ir and ev for the body. `continue` goes on with the
 * next event; do not `break` out of it. */
#define PROGRAM_EACH_EVENT(p, f, ir, ev)                                                    \
    for (size_t f = 0; f < (p)->link.funcs.len; f++)                                        \
        if ((p)->link.funcs.data[f].reachable)                                              \
            for (const IrFunc *ir = (p)->link.funcs.data[f].ir; ir; ir = NULL)              \
                for (uint32_t ev##_b = 0; ev##_b < ir->nblocks; ev##_b++)                   \
                    for (uint32_t ev##_e = 0; ev##_e < ir->blocks[ev##_b].nevents; ev##_e++) \
                        for (const IrEvent *ev = &ir->blocks[ev##_b].events[ev##_e]; ev; ev = NULL)
Global *program_global(Program *p, const char *usr);
/* The pseudo global standing for the hidden state a thread-unsafe library
 * function uses (ApiModel.state, else its name): flag
 * IR_GLOBAL_HIDDEN_STATE, named "libc:<state>". Created at classification
 * for every such function the program calls; NULL for another model. */
const Global *program_hidden_state(const Program *p, const ApiModel *api);
IrPath program_synth_global(Program *p, const char *usr, const char *name, IrLoc loc, uint32_t flags);

/* roots.c: is function `func` a root in library mode (--library): defined
 * with external linkage, not main, not synthetic? */
bool model_library_root(const Program *p, uint32_t func);

/* roots.c: stage reachability - Func.reachable from the roots. */
void roots_mark_reachable(Program *p, const ModelOptions *opt);

/* lockevents.c: stage lock-events (Program.lev). */
void lockevents_build(Program *p, const ModelOptions *opt);
void lockevents_free(LockEventFacts *lev);

/* facts.c: stage facts - the accesses indexed by location (facts.h). */
void facts_index_build(Program *p);
void facts_index_free(FactsIndex *fx);

/* sync.c: stage sync-init - the globals that hold one value (sync.const_globals). */
void sync_const_globals(Program *p);
/* sync.c: the one value operand op of func has wherever it is evaluated - a
 * constant, a global holding one value all run long, a bare local whose
 * one assignment is such a value, or an unchanged parameter every caller
 * passes one in (3 calls deep). After stage sync-init's const_globals. */
bool model_const_value(const Program *p, uint32_t func, const IrOperand *op, int64_t *v);
/* fences.c: does atomic call ev (model m) name memory_order_relaxed as
 * its order, with no fence giving it one (it orders nothing)? */
bool model_atomic_relaxed(const Program *p, const IrEvent *ev, const ApiModel *m);
/* fences.c: stage classify - the relaxed atomics a fence orders
 * (Program.sync.fenced). */
void fences_scan(Program *p);
/* sync.c: the successor of branch t taken where the result of call ev
 * equals value (the result's temporary tested directly), or -1. */
int model_result_edge(const IrTerm *t, const IrEvent *ev, int64_t value);
/* sync.c: stage sync-init - helpers returning whether a semaphore wait
 * with a success value (sem_trywait) succeeded: a caller's test of the
 * result is that wait (Program.sync.wait_helpers). */
void sync_scan_wait_helpers(Program *p);
/* sync.c: the call ev of such a helper (its TryFact's call): the value
 * that means the wait succeeded. */
bool sync_wait_helper(const Program *p, const IrEvent *ev, long *success);
/* claims.c: stage sem-gates - the claim counters whose writes race
 * (Program.sync.claim_unsafe). */
void claims_check_steps(Program *p);
/* sync.c: stage sem-gates - the counters of countdowns whose threads make
 * more counts than the wait loop waits for (Program.sync.short_counts). */
void sync_short_countdowns(Program *p);
/* sync.c: stage sync-init - initial values of semaphores (Program.sync.sem_init). */
void sync_scan_inits(Program *p);
/* sync.c: stage sem-gates - drop the semaphores found to be gates
 * (SyncFacts.gates) from the locks held at every access. */
void sync_drop_gates(Program *p, const ModelOptions *opt);

/* pointsto.c */
/* Points-to over the functions reachable from the roots (main, or the
 * --entry functions and in library mode the exported functions, the
 * initialisers of globals) through direct calls and function values. */
void pointsto_build(Program *p, const ModelOptions *opt);
/* spinlocks.c (stage sync-init): atomic calls acquiring or releasing a word
 * used only as a lock become trylocks and unlocks of it. */
void spinlocks_detect(Program *p);
/* turns.c (stage sync-init): turn words - a word that threads wait for in
 * loops, each for values no other thread waits for, and store only in their
 * turn; their waits' exits and stores become LMODE_TURN acquisitions and
 * releases (flow.c). */
void turns_detect(Program *p);
/* tokens.c (stage sync-init): semaphore rings - semaphores one function
 * uses together, whose counts start at one token in all: waiting on any
 * takes the ring's token (a pseudo-lock), posting any passes it on. */
void tokens_detect(Program *p);
/* tokens.c: the token a sem-wait or sem-post argument `arg` of call names
 * (every semaphore it may name one ring's), or UINT32_MAX. */
uint32_t tokens_lock_of(Program *p, uint32_t func, const IrCall *call, int arg);
/* tokens.c (stage sem-gates): rings with more than one token, or broken,
 * lose their tokens at every access (model_drop_locks). */
void tokens_validate(Program *p);
/* turns.c (stage turns, after threads): words whose turns may overlap -
 * two threads (or two instances) waiting for values one word can hold at
 * once, or a store of the word outside a turn that may run beside another
 * thread's wait - lose their turns at every access (model_drop_locks). */
void turns_validate(Program *p, const ModelOptions *opt);
/* Remove the held locks `drop` says from every access (sync.c). */
void model_drop_locks(Program *p, bool (*drop)(const Program *p, const HeldLock *l));
/* spinlocks.c (stage sync-init): flags set once by atomic stores and waited
 * for by tested atomic loads become 0-initialised semaphores. */
void flags_detect(Program *p);
/* spinlocks.c (stage threads, before the per-thread pass: it needs the
 * lock summaries): a tested relaxed load of a flag made holding a lock
 * object that every post of the flag holds too is a wait (double-checked
 * locking's second test): the lock orders the post before it. */
void flags_locked_waits(Program *p);
/* The flag node + 1 when event ev of func is in a once-post region before
 * its post (OncePost), else 0. */
uint32_t flags_once_region(const Program *p, uint32_t func, const IrEvent *ev);
/* claims.c (stage sync-init): the counters whose fetch-adds hand out
 * distinct values. */
void claims_detect(Program *p);
/* claims.c (stage sync-init, after claims_detect): the permutation arrays. */
void claims_perms_detect(Program *p);
/* Is parameter k of func never assigned in it, and its address never
 * taken (its value on entry is its value throughout)? */
bool model_param_unchanged(const Program *p, uint32_t func, uint32_t k);
uint32_t pt_local_obj(const Program *p, uint32_t func, uint32_t local);
/* Nodes an lvalue path designates in function f (appended to out). */
void pt_resolve_path(Program *p, uint32_t func, const IrPath *path, IdSet *out);
/* Nodes reached from the start nodes by following steps. */
void pt_resolve_steps(Program *p, const IdSet *start, const IrStep *steps, uint32_t nsteps, IdSet *out);
/* Nodes an operand's value may point to. */
void pt_operand_targets(Program *p, uint32_t func, const IrOperand *op, IdSet *out);
/* Functions an operand may designate (direct or through pointers). */
void pt_operand_funcs(Program *p, uint32_t func, const IrOperand *op, IdSet *out);
/* The node standing for n: the object's root when the object was collapsed. */
static inline uint32_t pt_rep(const Program *p, uint32_t n) {
    const Obj *o = &p->pt.objs.data[p->pt.nodes.data[n].obj];
    return o->collapsed ? o->root : n;
}
/* The node of a whole object, and of one field of a node. */
uint32_t pt_root(Program *p, uint32_t obj);
uint32_t pt_child(Program *p, uint32_t node, const char *field);
/* The location at node's field path (its fields from its object's root)
 * in object obj, made when new; obj's root when one of them is collapsed. */
uint32_t pt_same_field(Program *p, uint32_t node, uint32_t obj);
/* The object enclosing node as its member `field` (an IR UP step): node's
 * parent when node is a `field` location, else the whole object (its root). */
uint32_t pt_up(Program *p, uint32_t node, const char *field);
const char *pt_node_name(const Program *p, uint32_t node, char *buf, size_t n);
/* Is an external function of this name memcpy or memmove (a copy of the
 * pointed-to contents)? */
bool pt_is_memcpy(const char *name);

/* ownership.c */
/* Which objects are shared between threads, which are handed to one thread
 * instance (moved), from the points-to graph. */
void ownership_build(Program *p);
/* Is ev, in func, an access to heap object obj through the fresh pointer
 * before the pointer is published (stored, passed on, returned)? */
bool own_before_publication(Program *p, uint32_t obj, uint32_t func, const IrEvent *ev);
/* Is event ev (arg < 0: its own path; else its argument arg) made through
 * the pointer an allocation of heap object obj in the activation of its
 * function returned - published or not? Any object: obj UINT32_MAX
 * (Access.own_alloc, the per-thread pass's FlowState.alias_params). */
bool own_alias(const Program *p, const IrEvent *ev, int arg, uint32_t obj);
/* May a relaxed atomic store publish heap or local object obj (Obj.pub_relaxed)? */
bool own_published_relaxed(Program *p, uint32_t obj);
/* After the per-thread pass: the accesses of a global filled in by name,
 * then published through an atomic pointer (ownership.c), made before its
 * publication (Access.unpublished). */
void own_globals_published(Program *p);
/* sync.c: does block b of func run at most once per instance of a thread
 * (outside loops, in a routine or a function called from one call site
 * that runs so, three calls up)? */
bool model_runs_once(const Program *p, uint32_t func, uint32_t block);
/* Does argument a of call ev in func carry only fresh objects of func (its
 * heap objects, its locals) before their publication, to callees whose
 * parameter does not escape (an init helper)? */
bool own_arg_before_publication(Program *p, uint32_t func, const IrEvent *ev, uint32_t a);
/* Does argument a of call ev in func carry a fresh object its allocating
 * function (func) has not published yet, whatever the callee does with it? */
bool own_arg_fresh(Program *p, uint32_t func, const IrEvent *ev, uint32_t a);
/* Is event ev of func made through pointer parameter k before func
 * publishes it (stores it, returns it, hands it on: the publication
 * dataflow seeded with the parameter)? Computed once per (func, k). */
bool own_param_prefix(Program *p, uint32_t func, uint32_t k, const IrEvent *ev);
/* May argument a of call ev escape in its callees (stored, handed to a
 * thread or to code that keeps it)? Returned is not escaped: */
bool own_call_escapes(const Program *p, const IrEvent *ev, uint32_t a);
/* may the call's result point where argument a points (a callee returning
 * its parameter, `p = itoa(v, p)`; a library function whose model says
 * so, memcpy's destination)? */
bool own_call_returns(const Program *p, const IrEvent *ev, uint32_t a);
/* May the pointers stored in what argument a points to (or in its members,
 * for a struct passed by value) escape in the callees? */
bool own_call_content_escapes(const Program *p, const IrEvent *ev, uint32_t a);
/* popped.c: find the accesses through pointers popped off a lock-protected
 * queue (after the lock summaries, before the per-thread pass), and look
 * one up: the queue lock's node + 1, 0 when ev (arg: the argument of a
 * library call whose pointee it accesses; -1 for the event's own path) is
 * none. */
void own_find_pops(Program *p);
/* AccessSite.popped of an access through a popped task's payload (a pointer
 * read from the owned task, each task's a distinct element): this bit |
 * the interned set of the payload's field locations, + 1. Not a lock:
 * nothing held orders it. */
#define POP_PAYLOAD (1u << 30)
uint32_t own_popped_lock(const Program *p, const IrEvent *ev, int arg);

/* instances.c */
typedef enum { INST_ARG_NONE, INST_ARG_VALUE, INST_ARG_ELEMENT } InstArg;
/* How distinct the argument of a spawn in loop `loop` of func is per instance. */
uint8_t inst_spawn_arg(Program *p, uint32_t func, const IrOperand *arg, int32_t loop);
/* Does the access by path in func, run by thread, touch the instance's own
 * element? Which step says so: the index of the INDEX step by an instance
 * index (INST_STEP_PARAM from that index on, when the path is that long), or
 * INST_STEP_PARAM (the element reached through the parameter, `arg->x`),
 * or INST_STEP_COPY (through a local assigned once the address of the
 * instance's own element, `sc = &scratch[id]; sc->len`); -1 when it does
 * not. */
enum { INST_STEP_PARAM = 254, INST_STEP_COPY = 253 };
/* The parameters (bit k, k < 64) of a helper that every call reaching it
 * in the calling context passes an instance index (idx) or the instance's
 * element pointer (ptr) in (FlowState.inst: threads.c); {0, 0} for the
 * routine itself, whose start parameter says. */
typedef struct InstParams {
    uint64_t idx, ptr;
} InstParams;
int inst_private_step(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrPath *path);
/* Is the index at step `step` of path (an instance index, inst_private_step)
 * read from a field of the instance's element that the creator set to its
 * spawn loop's counter (`args[i].id = i; create(.., &args[i])`, then
 * `sums[a->id]`): the index is the instance's counter value? */
bool inst_index_is_counter(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrPath *path, int step);
/* Is operand o (a local, or a field read through the instance's element
 * pointer) an instance index (INST_ROLE_INDEX) or a copy of the instance's
 * element pointer (INST_ROLE_ELEMENT) in func, run by thread? */
enum { INST_ROLE_INDEX = 1, INST_ROLE_ELEMENT = 2 };
uint8_t inst_operand_role(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrOperand *o);
/* Index slices: an access by path (event ev of func, run by a thread of
 * many instances) indexing at step `step` with the counter of a loop that
 * runs it from lo to below hi, both affine in the instance's index with one
 * stride: the counter stays in [scale * index + lo, scale * index + hi).
 * Strided (`for (i = id; i < n; i += T)`, the instances' indices within T
 * consecutive integers): the counter is index + lo modulo scale (= T), a
 * residue no other instance's counter has. */
bool inst_slice(Program *p, uint32_t thread, uint32_t func, InstParams ip, const IrEvent *ev, const IrPath *path,
                InstSlice *out);
/* Constant slices: an access by path (event ev of func, run by thread)
 * indexing at step out->step with a loop counter confined to a constant
 * range [out->lo, out->hi) (out->scale 0): `for (i = 0; i < 50; i++)`,
 * and bounds from the start value of a single-instance thread (`(void *)
 * 1`, `r->lo` of a creator's local `struct range r1 = {0, 50}` handed
 * over as `&r1`). Two accesses with disjoint constant ranges do not meet
 * (mhp.c, rule const-slices). */
bool inst_const_slice(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const IrPath *path,
                      InstSlice *out);
/* ring.c: is the access by path (event ev of func, run by thread, holding
 * the lock ids `held`) in a ring buffer's window (RingFact)? */
bool ring_site(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const IrPath *path, const IdSet *held,
               RingFact *out);
/* Start values per spawn site: when func is a routine of thread only
 * started by spawns and path reads through its start parameter (or a local
 * copied once from it), the locations it reaches from this spawn's
 * argument (none for NULL) replace *nodes; returns whether it did. */
bool inst_start_nodes(Program *p, uint32_t thread, uint32_t func, const IrPath *path, IdSet *nodes);
/* The start value of the variable a branch of func tests, as far as the
 * thread's spawn argument says: 0 NULL, 1 not NULL, -1 unknown. */
int inst_start_truth(Program *p, uint32_t thread, uint32_t func, const IrOperand *cond);
/* Is ev, in func, made before the spawn handing the per-iteration object
 * obj to its thread has handed it: earlier in the loop iteration (or the
 * call), or only past the spawn's failure edge? */
bool inst_before_spawn(const Program *p, uint32_t func, const IrEvent *ev, const Obj *obj);
/* Is x an assignment of call's result to a bare local (`int rc = f(..)`)? */
bool inst_copies_result(const IrEvent *x, const IrEvent *call);
/* The successor (0 or 1) of the branch ending block on which spawn, made
 * in that block, failed (its status or handle tested), -1 when the branch
 * does not test it. */
int inst_spawn_failure_succ(const Program *p, const IrFunc *f, uint32_t block, const IrEvent *spawn);
/* Is ev earlier than spawn in the same iteration of the spawn's loop? */
bool inst_earlier_in_iteration(const IrDefUse *du, const IrEvent *ev, const IrEvent *spawn);
/* Is the first step of path (an operand or the path of event ev of func)
 * an index by the counter of loop `loop` (`a[i]..`, i stepped by the
 * loop): another element each round? */
bool inst_counter_first_step(const Program *p, uint32_t func, const IrEvent *ev, const IrPath *path, int32_t loop);
/* Is operand s of event ev (a stored value, a call's argument) the address
 * of an element indexed by the counter of loop `loop` (`&res[i]`): another
 * element every iteration? */
bool inst_counter_address(const IrFunc *f, const IrDefUse *du, const IrEvent *ev, const IrOperand *s, int32_t loop);
/* The spawn in func handing over the element `arr[v]` that the access ev by
 * path also indexes with v, when ev comes earlier in the loop iteration
 * (`args[i].x = ..; create(.., &args[i])`); NULL otherwise. */
const IrEvent *inst_element_spawn(Program *p, uint32_t func, const IrEvent *ev, const IrPath *path);

/* threads.c: is the value src stores known to be non-zero (a non-zero
 * constant, an address, a function, a pointer to fresh allocations only)? */
bool model_value_nonzero(Program *p, uint32_t func, const IrOperand *src);
enum { GUARD_NO_ELEM = -1 };
/* Is node n exactly the location a global path of FIELD steps (and
 * constant indices, which arrays' single node absorbs) names: its object
 * keeps its fields apart, and the fields from n up to the root are the
 * path's? */
bool model_node_names(const Program *p, uint32_t n, const IrPath *path);

/* modes.c: which blocks of f reach a return (not only an exit), malloc'd:
 * a store or a synchronisation on a path that never returns is no callee's
 * effect on its caller (redis's out-of-memory handler panics, taking a
 * lock; pigz's yarn fails through a user hook before it exits). */
bool *model_returning_blocks(const IrFunc *f);
/* modes.c: mode variables (see the file header). */
typedef struct ModeFacts ModeFacts;
void modes_build(Program *p);
void modes_free(Program *p);
/* On the edge `taken` of branch t in func: false when the facts rule it
 * out; else the edge's fact is added to facts. */
bool modes_edge(Program *p, uint32_t func, const IrTerm *t, bool taken, IdSet *facts);
/* The facts after event ev (a store into a mode, a synchronisation). */
void modes_event(Program *p, uint32_t func, const IrEvent *ev, IdSet *facts);
/* The facts of a call's state that key the callee's calling context: those
 * of modes the callee or a function it calls tests (into out). */
void modes_context_key(const Program *p, uint32_t callee, const IdSet *facts, IdSet *out);
/* The facts after a call of the program (what its targets store or sync). */
void modes_after_call(Program *p, const CallInfo *ci, IdSet *facts);

/* once.c */
/* Keep in cands only the nodes (of globals) that no store may make 0: every
 * store of them (also through pointers, by a call's effects, atomically)
 * stores a value known non-zero (model_value_nonzero). */
void once_never_zeroed(Program *p, IdSet *cands);
/* The set-once guard of spawn event `spawn` in func (or of the only call
 * leading to it): run at most once by a single-instance creator, and, when
 * `locked`, by all creators together; NULL when there is none. Cached. */
const OnceSite *once_site(Program *p, uint32_t func, const IrEvent *spawn);
/* The guard location the two-way branch of block tests against 0 (a
 * guard of some OnceSite), and in *zero_taken the edge where it is 0;
 * UINT32_MAX when it tests none. Cached. */
uint32_t once_tested(Program *p, uint32_t func, uint32_t block, bool *zero_taken);
/* The started flag of spawn event `spawn` in func: a location of a single
 * object set to a non-zero constant right after every successful run of
 * the spawn (before any return or test of it), never reset - where a
 * single-instance creator reads it 0, no child of this spawn runs
 * (`if (create(..) == 0) started = 1; ... if (started) join(..)`).
 * UINT32_MAX when there is none. Cached. */
uint32_t once_started_flag(Program *p, uint32_t func, const IrEvent *spawn);

/* heldlocks.c */
/* The locks in held (lock ids) prepared for an access by apath in func,
 * once for every location the access may reach (heldlocks_free). */
typedef struct PreparedLock PreparedLock;
struct ThreadParams;
typedef struct HeldLocksPrep {
    struct ThreadParams *tp;
    PreparedLock *locks;
    uint32_t n;
    HeldLock *last;      /* the last list handed out, shared while equal */
    uint32_t nlast;
} HeldLocksPrep;
/* tp: what parameters point to in the accessing thread (ctxparams.c; NULL:
 * nothing narrowed): a lock named through an unchanged parameter of the
 * function that took it (`q->m`) stands for what this thread passes.
 * thread (UINT32_MAX: none) and ip (func's instance parameters): a lock in
 * the instance's own element (`me->m`, me its start value `&recs[i]`) is
 * another lock in each instance. */
HeldLocksPrep *heldlocks_prepare(Program *p, struct ThreadParams *tp, uint32_t thread, InstParams ip, uint32_t func,
                                 const IrPath *apath, const IdSet *held);
/* The prepared locks that protect the access at location node, resolved to
 * lock objects and listed by spelling (arena array of *n). */
HeldLock *heldlocks_at_access(Program *p, HeldLocksPrep *prep, uint32_t node, uint32_t *n);
void heldlocks_free(HeldLocksPrep *prep);
/* Stage pins, after threads: a lock pinned to global pointer G stands for
 * one lock only while no thread can store into G beside another's use of
 * G or of the lock: otherwise it is dropped from every access. */
void pins_validate(Program *p, const ModelOptions *opt);

/* joins.c */
enum { JOIN_COVER_UNKNOWN, JOIN_COVER_ALL, JOIN_COVER_PART };
/* The index range of loop `loop` of func counting with local var; false
 * (out->known false) when it is not of the form the file header lists. */
bool joins_loop_range(const Program *p, uint32_t func, int32_t loop, uint32_t var, LoopRange *out);
/* Does a join loop of range join cover a create loop of range create? */
int joins_cover(const LoopRange *join, const LoopRange *create);

/* debug.c: order of debug notes (location, then text). */
int debug_note_cmp(const void *a, const void *b);

/* lockset.c */
uint32_t lock_intern(Program *p, int32_t func, const IrPath *path, uint8_t mode);
/* The flag lock of word `path` (flaglocks.c) in mode LMODE_EXCL or LMODE_SHARED. */
uint32_t lock_intern_flag(Program *p, int32_t func, const IrPath *path, uint8_t mode);
/* The token of a semaphore ring (tokens.c), named by a global path to its
 * representative semaphore: an exclusive pseudo-lock (LockRef.token). */
uint32_t lock_intern_token(Program *p, const IrPath *path);
/* lockset.c: the LMODE_TURN lock of word `path` in func with its predicate
 * (path cmp param + value; param -1: the constant value) */
uint32_t lock_intern_turn(Program *p, int32_t func, const IrPath *path, uint8_t cmp, int8_t param, int64_t value);
/* lockset.c: the lock of `path` in func in the mode (and turn predicate) of
 * `like`; UINT32_MAX for a turn whose predicate names a parameter */
uint32_t lock_intern_as(Program *p, int32_t func, const IrPath *path, const struct LockRef *like);
const IdSet *lock_nodes(Program *p, uint32_t lock);
/* The lock objects the held lock ids surely name: an exclusive lock whose
 * path names one node adds it to out (sync.c's locked flags, ring.c,
 * spinlocks.c). */
void lock_held_objects(Program *p, const IdSet *held, IdSet *out);
/* The forms a caller's lock takes in the callee's frame (the lock itself when
 * rooted at a global, plus every path through the call's arguments) are
 * added to out. lock_to_caller maps a callee lock back to the caller frame;
 * UINT32_MAX when not expressible there. */
void lock_to_callee(Program *p, uint32_t lock, uint32_t callee, const IrCall *call, IdSet *out);
uint32_t lock_to_caller(Program *p, uint32_t lock, uint32_t caller, const IrCall *call);
void lockset_summaries(Program *p);

/* Named limits. A limit that is reached is reported with a warning. */
enum {
    MODEL_MAX_THREAD_DEPTH = 8, /* nested spawns below a root (threads.c) */
    MODEL_MAX_THREADS = 4096,   /* abstract threads (threads.c) */
    MODEL_MAX_FLOW_ROUNDS = 200,   /* rounds over one function's blocks (flow.c) */
    MODEL_MAX_PUBLICATION_ROUNDS = 50, /* rounds of one object's publication dataflow (ownership.c) */
    MODEL_MAX_RETURN_DEPTH = 3, /* callers a fresh object is followed into when returned (ownership.c) */
    MODEL_MAX_ESCAPE_ROUNDS = 32,  /* rounds of the parameter-escape fixpoint over all functions
                                      (ownership.c; unsettled: every parameter escapes) */
    MODEL_MAX_POP_ROUNDS = 64,     /* rounds of one function's pop dataflow (popped.c; unsettled:
                                      the function pops nothing) */
    MODEL_MAX_POP_FUNCTION_ROUNDS = 4, /* rounds finding pop functions that call pop functions
                                          (popped.c; the rest are not pop functions) */
    MODEL_MAX_SUMMARY_ROUNDS = 10, /* rounds of lock summaries over all functions (lockset.c) */
    MODEL_MAX_LOCK_PATH_STEPS = 12, /* a lock path translated into a caller longer than this is
                                       named by the lock objects it may be (lockset.c) */
    MODEL_MAX_THREAD_STEPS = 100000, /* function visits of one thread's pass (threads.c) */
    MODEL_MAX_CONTEXTS = 8,        /* calling contexts of one function in one thread's recording
                                      pass, the last one the overflow (threads.c) */
    MODEL_CONTEXTS_PER_FUNCTION = 3, /* contexts of one thread's recording pass at most, per
                                        function it reaches (threads.c) */
    MODEL_MAX_ACCESS_TARGETS = 64, /* default: an access through a pointer reaching more
                                      locations is not checked (accesses.c, noted) */
};

/* threads.c */
enum { HOLD_TAKEN = 1u << 31 };
void threads_build(Program *p, const ModelOptions *opt);
/* The locks thread t runs inside: (holder thread << 32 | lock id) pairs
 * appended to out (threads.c). */
typedef VEC(uint64_t) HoldList;
void model_inherited_locks(const Program *p, uint32_t t, HoldList *out);
/* The hold pair id of (child, lock), created on first use. */
uint32_t model_hold_pair(Program *p, uint32_t child, uint32_t lock);
/* May several instances of this thread (or of a thread it descends from) run
 * at once? */
bool model_thread_many(const Program *p, uint32_t thread);
/* Is thread a the thread t or one of its ancestors (threads.c)? */
bool model_thread_self_or_ancestor(const Program *p, uint32_t a, uint32_t t);
/* explain.c: for --explain-pair, print for every pair of accesses to one
 * location made at want[0] and want[1] (file, line, col 0 = any) whether
 * and why they race, paths below root relative to it; returns the number
 * of pairs. */
int model_explain_pair(const Program *p, const SrcLoc want[2], const char *root, FILE *out);

/* mhp.c */
/* The ordering rule that keeps two accesses from running at the same time
 * (its name, and in *why a sentence), or NULL when they may. */
const char *model_mhp_order(const Program *p, const Access *a, const Access *b, const char **why);
/* May the two accesses run at the same time? (!model_mhp_order) */
bool model_may_parallel(const Program *p, const Access *a, const Access *b);
/* Is there a lock held at both that orders them (mode-aware)? */
bool model_common_lock(const Access *a, const Access *b, const char **which);
uint32_t model_intern_set(Program *p, const IdSet *s);
/* model_intern_set of the held lock ids that are lock objects (no LMODE_TURN turns) */
uint32_t model_intern_locks(Program *p, const IdSet *held);

#endif
