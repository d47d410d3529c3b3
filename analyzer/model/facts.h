/*
 * facts.h - the read-only facts API through which checks see the model.
 *
 * A check (analyzer/checks/) includes this header only and reads the model
 * through `const Program *`: the accesses of each location, readable
 * location names, thread descriptions, may-happen-in-parallel with the
 * ordering rule that decided it, and the locks held at an access. Program
 * and Access are opaque here: a check never sees the points-to graph, the
 * solver or the per-thread pass (model.h), so the model can change its
 * machinery without touching a check.
 *
 * Ids: a location is a small integer (an abstract memory location: a
 * variable, a field of an object, an allocation site's object); a thread is
 * a small integer indexing the thread tree (0 is the first root).
 */
#ifndef RACECHECK_FACTS_H
#define RACECHECK_FACTS_H

#include "../base/finding.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Program Program;
typedef struct Access Access;

/* ---- the run ---------------------------------------------------------------- */

/* How many worker threads a check may use (-j; at least 1). A check that
 * splits its work keeps its findings in the order one worker would give:
 * the output never depends on this number. */
size_t facts_workers(const Program *p);

/* ---- locations and their accesses ------------------------------------------ */

/* The accesses recorded for one location that threads share (only shared
 * locations have accesses), in recording order. */
typedef struct FactsLocation {
    uint32_t id;
    const Access *const *accesses;
    size_t naccesses;
    const char *hidden_state; /* a library's hidden state ("libc:tm"): its accesses are the calls of
                                 the thread-unsafe functions using it (rule thread-unsafe-call; the
                                 other rules skip it); NULL for the program's own memory */
} FactsLocation;

/* Locations with accesses, by id: i in [0, facts_nlocations). */
size_t facts_nlocations(const Program *p);
FactsLocation facts_location(const Program *p, size_t i);
/* The location as the model names it: "pool.shutdown", "heap@pool.c:12.next". */
const char *facts_location_name(const Program *p, uint32_t loc, char *buf, size_t n);
/* Where the variable the location belongs to is declared (a global or a
 * local; line 0 for heap objects). */
SrcLoc facts_location_decl(const Program *p, uint32_t loc);

/* ---- one access ---------------------------------------------------------------- */

uint32_t facts_access_location(const Access *a);
uint32_t facts_access_thread(const Access *a);
bool facts_access_writes(const Access *a);     /* a mutable borrow */
bool facts_access_atomic(const Access *a);
SrcLoc facts_access_loc(const Access *a);
/* For an access to a library's hidden state (FactsLocation.hidden_state):
 * the thread-unsafe function called ("localtime"), its thread-safe
 * replacement in *alternative (NULL if none); else NULL. */
const char *facts_access_unsafe_call(const Program *p, const Access *a, const char **alternative);
/* The access path as written: "pool->hits". */
const char *facts_access_spelling(const Access *a);
/* For a field's part of a whole-object access (`*r = defaults`, memset,
 * free: one access per field), the whole's spelling (`*r`); else NULL. */
const char *facts_access_whole_spelling(const Access *a);
/* Two accesses to one location that cannot touch the same bytes: the
 * location is an object points-to made one location (collapsed: it held
 * more fields than it could keep apart), and both name members of one
 * struct or union type through pointers (`u->name`, `v->flags`) whose bytes
 * do not overlap. Two objects of one type either coincide or are apart (C's
 * effective types), so their members' bytes are apart unless they overlap
 * in the type. */
bool facts_access_disjoint(const Program *p, const Access *a, const Access *b);
/* The function the access is in, and where it is defined. */
const char *facts_access_function(const Program *p, const Access *a, SrcLoc *decl);
/* Locks surely held at the access: i in [0, facts_access_nlocks). Two held
 * locks with equal ids are the same lock object. */
typedef struct FactsLock {
    uint32_t id;
    const char *spelling; /* as the code names it where it was taken: "pool->lock" */
    uint32_t name;        /* the lock as one function's frame names it (path and mode):
                             equal names in one function are one lock; FACTS_NO_LOCK
                             where not known (the locks held at an access) */
    bool turn;            /* not a lock object: a turn on a word (model/turns.c), spelled
                             "the turn full == 0", or a once-control whose routine has run
                             (or is running), "once: its once routine has run"; never a
                             fix to suggest */
    bool narrowed;        /* an acquisition's lock (or one held there) that names several
                             objects, narrowed to this thread's one: id is that object
                             (`from->m` in a `transfer(from, to)` helper; ctxparams.c) */
} FactsLock;
uint32_t facts_access_nlocks(const Access *a);
FactsLock facts_access_lock(const Access *a, uint32_t i);
/* Is the access made in a turn on the very word it accesses (model/turns.c:
 * after a wait that saw the word hold the thread's own value, before its
 * store of another)? No other thread writes the word meanwhile. */
bool facts_access_in_own_turn(const Access *a);
/* Locks an ancestor holds across the accessing thread's whole run (they
 * protect it against other holders): facts_access_lock(a, nlocks + i) for
 * i in [0, facts_access_ninherited); spelled `m (held by T while this
 * thread runs)`. */
uint32_t facts_access_ninherited(const Access *a);
/* Do a and b (to one location) behave alike for every question below
 * (kind, thread, locks, ordering facts)? Checks pair one of each kind. */
bool facts_alike(const Access *a, const Access *b);
/* A hash of every fact facts_alike compares: alike accesses have equal
 * keys (unequal keys mean not alike; equal keys still need facts_alike), so
 * a check forms its classes with a hash map in linear time. Never
 * UINT64_MAX. */
uint64_t facts_alike_key(const Access *a);

/* The per-thread slot of an array an access touches (false-sharing):
 * the array element that the thread (instance) indexes with its own index
 * (per-instance data, `counters[id]`, `stats[id].hits`, and `arg->hits`
 * where arg is `&args[i]` handed to each instance), or with a constant
 * (`counters[1]`), with its layout from clang's types. */
typedef struct FactsSlot {
    bool instance;        /* by the instance's own index; else by the constant `index` */
    int64_t index;
    uint32_t elem_size;   /* the element's size and alignment, in bytes (both known, > 0) */
    uint32_t elem_align;
    uint32_t offset;      /* the bytes of the element the access touches: [offset, offset +
                             width); the whole element where the rest of the path is not
                             known to narrow it (`row[id][k]`: the whole row) */
    uint32_t width;
    uint32_t func;        /* the function making the access */
    bool in_loop;         /* the access is inside a loop of func ... */
    bool sweep_once;      /* ... that only sweeps the element: an index after the slot is a
                             variable that innermost loop changes (`row[id][k]` in
                             `for (k ..)`) and no other loop of func encloses it, so each
                             byte is written once per run of the loop (a copy-out) */
    bool global_array;    /* the array is named from a global through fields, constant
                             indices and pointers read from there (`counts[1]`,
                             `g_stats->per_cpu[2]`): every thread names the same array,
                             not one each of an abstract object standing for many */
} FactsSlot;
/* The slot of a, false when a touches no such element or its layout is
 * unknown (an incomplete type, a pointer-arithmetic index, an instance
 * object not handed over as an array element). PRECISION: the first
 * constant index of the path is the slot; a path going through a pointer
 * after the slot (`slots[id].buf->x`) is not in the element. */
bool facts_access_slot(const Program *p, const Access *a, FactsSlot *out);
/* The member of a global struct an access names directly (`link_stats.sent`,
 * `g.cfg.hits`: a global, then fields only): the global, the bytes of it
 * the access touches, the function and whether the access is in a loop of
 * it. false for any other path, or a field of unknown layout. */
typedef struct FactsMember {
    const char *global;   /* the global's USR */
    uint32_t offset;      /* [offset, offset + width) of the global */
    uint32_t width;
    uint32_t func;
    bool tight;           /* in a tight loop: one of its function calling nothing but leaf
                             functions (no calls of their own) and atomics, or in a leaf
                             function some call of which is in such a loop */
} FactsMember;
bool facts_access_member(const Program *p, const Access *a, FactsMember *out);

/* ---- threads ---------------------------------------------------------------------- */

typedef struct FactsThread {
    const char *routine;  /* its start routine, "main" for the main thread */
    bool root;            /* main, an --entry or a library root: no spawn site */
    SrcLoc spawn;         /* where it is created (line 0 for roots) */
    bool many;            /* several instances may run at once */
    bool joined;          /* some join of its creator waits for it */
    int32_t parent;       /* the creating thread, -1 for roots */
    uint32_t spawn_func;  /* the function holding the spawn call (roots: FACTS_NO_LOCK) */
    bool outlives_spawner; /* may still run when a call of spawn_func returns (a path from the
                              spawn to a return with no join of it) */
} FactsThread;

size_t facts_nthreads(const Program *p);
FactsThread facts_thread(const Program *p, uint32_t thread);

/* One call of a chain by which a thread reaches a function. */
typedef struct FactsCall {
    const char *caller;  /* the calling function */
    SrcLoc loc;          /* the call */
    const char *callee;  /* the function it calls on the way */
    bool indirect;       /* through a function pointer (a target points-to chose) */
} FactsCall;

/* A shortest chain of calls from one of the access's thread's routines to
 * the access's function (breadth-first over the call graph the thread
 * reaches; calls that start threads are not followed): out[0] is made in a
 * routine, out[n-1] calls the access's function. Writes at most max calls
 * and returns the chain's length (0 when the function is a routine itself,
 * or no chain is found). */
size_t facts_access_call_chain(const Program *p, const Access *a, FactsCall *out, size_t max);

/* ---- spawn arguments (stack-escape) --------------------------------------------------- */

/* A local variable (a whole object of some function's frame: a variable,
 * an array, a struct) the argument handed to a thread's routine may point
 * into. */
typedef struct FactsArgLocal {
    uint32_t func;     /* the function whose frame holds it */
    const char *name;  /* as declared: "cfg" */
    SrcLoc decl;
    bool param;        /* a parameter of func (a copy in its frame) */
    uint32_t obj;      /* its object (for facts_thread_hands_back) */
} FactsArgLocal;
/* The locals thread t's spawn argument may point into, at most max of
 * them; returns the count (0 for roots and arguments that point nowhere on
 * a stack). PRECISION: through the points-to sets of the argument's value
 * (a variable or temporary), or the address of a local taken directly. */
size_t facts_thread_arg_locals(const Program *p, uint32_t t, FactsArgLocal *out, size_t max);
/* Is t detached (a detach call names its handle)? */
bool facts_thread_detached(const Program *p, uint32_t t);
/* Does thread t hand local l back to function func before func goes on
 * past a wait (a start-up handshake: libuv's init_threads passes &sem, each
 * worker posts it, init_threads waits for it): func waits, at a line after
 * `after` (0: anywhere), on a semaphore t posts - itself, or through a call
 * handed `&l` to a helper waiting on that parameter up to three calls down
 * - and none of t's accesses to l comes after a post of it by t? *where
 * receives the wait.
 * PRECISION: the waits are not counted against the threads' instances;
 * what t's own children do with l is not looked at. */
bool facts_thread_hands_back(const Program *p, uint32_t t, const FactsArgLocal *l, uint32_t func, uint32_t after,
                             SrcLoc *where);
/* A join in func that names t's handle (the same handle object), one that
 * control can reach from t's spawn when after_spawn (func is then the
 * spawning function): its location in *where; false when none.
 * PRECISION: only joins whose handle is a variable, an element of a handle
 * array or a field of one, not reached through a pointer (`w->tid`);
 * whether every path to a return passes the join is not checked. */
bool facts_function_joins(const Program *p, uint32_t func, uint32_t t, bool after_spawn, SrcLoc *where);

/* A store publishing a local's address where another thread can read it:
 * into a global (not thread-local), or into an object another thread can
 * reach (through a pointer: a shared heap object, a queue). */
typedef struct FactsPublish {
    uint32_t func;       /* the function making the store */
    SrcLoc loc;
    char target[128];    /* the destination as written: "g_current", "q->items[q->n]" */
    FactsArgLocal local; /* the local whose address is stored */
    bool cleared;        /* the same destination is assigned again later in func */
    bool joined_after;   /* func joins a thread after the store (itself or through a callee:
                            the readers are taken to be joined before the frame ends) */
    bool awaited;        /* every path from the store to a return of func passes a loop that
                            tests the local itself and waits (a condition or semaphore wait):
                            a synchronous request waiting for its completion flag, set by the
                            reader after its last use (ASSUMPTION) */
} FactsPublish;
/* Every such store in reached functions (malloc'd, *n entries; the caller
 * frees it). PRECISION: the stored value is the address of a local taken
 * directly, or a parameter whose points-to set holds only locals (at most
 * 4: a helper handed a caller's local); a destination through a pointer counts when
 * the pointer's first target is shared. */
FactsPublish *facts_local_publications(const Program *p, size_t *n);

/* ---- ordering and locks ------------------------------------------------------------ */

/* The name of the ordering rule (mhp.c) that keeps a and b from running at
 * the same time, with a sentence in *why; NULL when they may happen in
 * parallel. */
const char *facts_ordering_rule(const Program *p, const Access *a, const Access *b, const char **why);
bool facts_may_happen_in_parallel(const Program *p, const Access *a, const Access *b);
/* Is a lock held at both that orders them (a write needs the exclusive
 * mode)? *which (may be NULL) receives its spelling at a. */
bool facts_common_lock(const Program *p, const Access *a, const Access *b, const char **which);

/* ---- lock acquisitions --------------------------------------------------------------- */

/* Every lock acquisition a thread may make (lock calls and semaphores used
 * as locks; not trylocks), with the locks surely held just before it. */
typedef struct FactsAcquisition {
    uint32_t thread;
    SrcLoc loc;
    const char *function;   /* the function making the call */
    FactsLock lock;         /* id: the lock object, FACTS_NO_LOCK when the path may name several */
    bool shared;            /* a read lock */
    uint32_t nheld;         /* locks held before: facts_acquisition_held */
} FactsAcquisition;

enum { FACTS_NO_LOCK = UINT32_MAX };

size_t facts_nacquisitions(const Program *p);
FactsAcquisition facts_acquisition(const Program *p, size_t i);
FactsLock facts_acquisition_held(const Program *p, size_t i, uint32_t k);
/* Is held lock k of acquisition i in an object its function made (or
 * declares) and had not published at the acquisition - a node locked
 * before it is linked in, which no other thread can hold or wait for yet
 * (ownership.c)? */
bool facts_acquisition_held_private(const Program *p, size_t i, uint32_t k);
/* The call chain by which the acquisition's thread reaches its function:
 * function names from the thread's start routine to the function itself
 * (a shortest chain), at most max of them; returns the count. */
size_t facts_acquisition_chain(const Program *p, size_t i, const char **names, size_t max);

/* ---- functions -------------------------------------------------------------------- */

/* Functions by id: i in [0, facts_nfunctions). */
size_t facts_nfunctions(const Program *p);
const char *facts_function_name(const Program *p, uint32_t func, SrcLoc *decl);
/* The threads that may execute func (none: unreachable from any thread), ascending. */
uint32_t facts_function_nthreads(const Program *p, uint32_t func);
uint32_t facts_function_thread(const Program *p, uint32_t func, uint32_t k);
/* Is func where a thread starts (main, an --entry, a spawned routine)? */
bool facts_function_is_routine(const Program *p, uint32_t func);

/* ---- lock events per function (lockevents.c) ------------------------------------ */

/* Every reached function's lock events, calls and returns, as the function
 * sees them from its own start: the locks held before each are those it
 * took itself (directly or through callees returning locked, lockset.c),
 * nothing its callers hold. Per function in block order. */
typedef enum {
    FACTS_SITE_ACQUIRE, /* lock (blocking; a trylock is no acquisition here) */
    FACTS_SITE_RELEASE, /* unlock */
    FACTS_SITE_WAIT,    /* a condition wait: the mutex released and taken again */
    FACTS_SITE_CALL,    /* a call of program functions */
    FACTS_SITE_RETURN,  /* a return */
} FactsSiteKind;

typedef struct FactsLockSite {
    uint8_t kind;        /* FactsSiteKind */
    uint32_t func;
    SrcLoc loc;
    FactsLock lock;      /* ACQUIRE, RELEASE, WAIT (the mutex); else FACTS_NO_LOCK */
    bool shared;         /* ACQUIRE: a read lock */
    bool recursive;      /* ACQUIRE: a recursive mutex (GRecMutex, PTHREAD_MUTEX_RECURSIVE) */
    bool semaphore;      /* RELEASE: a post of a semaphore used as a lock (initialised to 1 or more) */
    bool in_loop;        /* WAIT, CALL: inside a loop of func */
    const char *cond;    /* WAIT: the condition variable as written ("q->ready"), or NULL */
    bool rechecks;       /* WAIT: some path from the wait goes back to the test of its innermost
                            loop without releasing any lock: the loop re-checks the predicate */
    bool lost;           /* RELEASE: not held, yet locked on every path before it by this
                            function and not unlocked since: the lock was dropped by a
                            call whose possible callees may release it */
    bool again;          /* RELEASE: not held, and on some path this function already
                            unlocked the same lock (named alike, its path's local not
                            assigned since) without taking a lock that may be it since */
    bool thread_exit;       /* RETURN: a call ending the thread (pthread_exit, thrd_exit) */
    bool after_failed_lock; /* RETURN: reached only on the failure branch of a test of a lock
                            call's result (`if (lock(..) != 0) return ERR;`, 0 taken for
                            success): the lock the call takes is not held there */
    bool ret_value;      /* RETURN: returns a value */
    bool ret_const;      /* RETURN: the value is a constant, ret_const_value */
    int64_t ret_const_value;
    uint32_t nheld;      /* locks surely held just before: facts_lock_site_held */
    uint32_t nvia;       /* CALL: facts_lock_site_via */
} FactsLockSite;

size_t facts_nlock_sites(const Program *p);
FactsLockSite facts_lock_site(const Program *p, size_t i);
/* Do all the paths from site `from` (an ACQUIRE) to a return of its
 * function pass site `to` (a RELEASE of the same function): the lock it
 * takes is always let go again before the function returns? */
bool facts_lock_site_released_after(const Program *p, size_t from, size_t to);
/* ... or pass some release of that lock in the function (one on each
 * path: `rc = lock(&m); if (rc) { unlock(&m); return; } ...; unlock(&m);`)? */
bool facts_lock_site_always_released(const Program *p, size_t from);
/* The constant argument k of call site `site` (FACTS_SITE_CALL), if it is one. */
bool facts_lock_site_const_arg(const Program *p, size_t site, uint32_t k, int64_t *value);
/* Does acquisition site `site`, run in every iteration of its innermost
 * loop (its block dominates every way back to the loop's start), reach
 * itself again around a loop on a path with no release of a lock that may
 * be the same (an unlock, a call whose callees may release it) - a lock
 * kept on a `continue` and taken again by the next iteration? PRECISION:
 * conditions are not followed (two tests of one value that together
 * release on every feasible path count as a way round). */
bool facts_lock_site_held_around(const Program *p, size_t site);
FactsLock facts_lock_site_held(const Program *p, size_t i, uint32_t k);
/* The sites of one function: [*first, *end). */
void facts_function_lock_sites(const Program *p, uint32_t func, size_t *first, size_t *end);
/* CALL: the functions it may call. */
uint32_t facts_lock_site_ntargets(const Program *p, size_t i);
uint32_t facts_lock_site_target(const Program *p, size_t i, uint32_t k);
/* CALL: a lock the callees may acquire without holding it before, or
 * release without having taken it (release), named as the caller names it
 * at this call, with the site (an ACQUIRE or RELEASE, maybe several calls
 * deep) that does it; or a RETURN of a callee that returns holding it on
 * some path (a conditional acquire, such as a trylock inside). Locks the
 * caller can name (rooted at a global or reached through an argument) in
 * its frame; a lock it cannot name, returned held or released untaken, by
 * the callee's name, which only facts_may_same_lock compares. */
typedef struct FactsVia {
    FactsLock lock;
    size_t origin;
    size_t hop;      /* the next site towards the origin: the origin itself, or a call in
                        the callee whose via has the same origin (follow to list the chain) */
    bool release;
} FactsVia;
FactsVia facts_lock_site_via(const Program *p, size_t i, uint32_t k);

/* Are two lock sites of one function each guarded by a branch on the same
 * value compared with the same constant (`if (x) lock(..); ... if (x)
 * unlock(..);`)? 1: on the same outcome, -1: on opposite outcomes, 0:
 * unrelated or unguarded. (PRECISION for its users: the value is taken to
 * be unchanged between the two tests.) */
int facts_lock_sites_guard(const Program *p, size_t i, size_t j);
/* Is lock site j (an ACQUIRE, RELEASE, WAIT or CALL of the function of
 * CALL site i) reached from the call only through one outcome of a test of
 * what the call gave back: its result (`if (reserve(s, &t) == 0) { ...;
 * commit(s, &t); }`, or a variable assigned once from it), or an object
 * whose address the call was passed (`get(&it); if (it) ..`)? PRECISION:
 * the tested value is taken to be the call's, whatever happens between. */
bool facts_lock_site_after_result(const Program *p, size_t i, size_t j);

/* Are a and b surely one lock object: the same name, or one lock that is
 * neither in a heap object nor reached through a pointer that may change
 * (PRECISION: two paths to one heap lock object are not recognised)? */
bool facts_same_lock(const Program *p, FactsLock a, FactsLock b);
/* May a and b be one lock object (the objects they may name intersect)? */
/* Is lock site `site` (an acquisition of inner with outer held) reached
 * only where the two unchanged parameters the locks are reached through
 * differ: every path from the function's entry passes the edge of a test
 * of the two (`if (a != b) lock(&b->m)`) on which they are not equal? */
bool facts_lock_site_when_distinct(const Program *p, size_t site, FactsLock outer, FactsLock inner);
bool facts_may_same_lock(const Program *p, FactsLock a, FactsLock b);
/* Does func return holding lock l (named in its frame) exactly where its
 * result is not 0 - every return without it returning 0 (a lookup that
 * returns its item locked and NULL unlocked)? Its callers know from the
 * result (lockset.c's conditional locks, LOCK_COND_NONZERO). */
bool facts_lock_held_unless_zero(const Program *p, uint32_t func, FactsLock l);
/* Two locks of one lock object that stands for several (the elements of a
 * lock array, the objects of one allocation site), `inner` taken in func
 * while `outer` is held: how the code fixes their order. FACTS_ORDER_CONST:
 * both are elements with constant indices (*co, *ci); FACTS_ORDER_COMPARED:
 * func compares their two indices, or the two pointers they are reached
 * through (`if (i < j)`: the usual way to take two of them in one global
 * order); FACTS_ORDER_FREE: nothing fixes it (`fork[i]` then `fork[(i + 1)
 * % N]`). A lock reached from the outer one's object through a pointer
 * stored there (`cur->next->m`, `next = cur->next; next->m`: hand over
 * hand along a list) is FACTS_ORDER_LINKED, *ci the link member's name
 * (an interned string's address, "" when unknown): ordered along that
 * link, but two walks along different links (`next` and `prev` of a
 * doubly linked list) take the locks in opposite orders.
 * FACTS_ORDER_CALLERS: both are reached through func's parameters (`lock(
 * &from->m); lock(&to->m)`): the callers' arguments decide, which is not
 * followed. FACTS_ORDER_MEMBERS: two different members (`e->mutex`, `e->
 * stats_mutex`) of an object whose fields points-to merged: not one kind. */
enum { FACTS_ORDER_FREE, FACTS_ORDER_CONST, FACTS_ORDER_COMPARED, FACTS_ORDER_CALLERS, FACTS_ORDER_MEMBERS,
       FACTS_ORDER_LINKED };
int facts_lock_pair_order(const Program *p, uint32_t func, FactsLock outer, FactsLock inner, int64_t *co, int64_t *ci);
/* Can the function's callers name the lock (rooted at a global, or reached
 * through a parameter)? */
bool facts_lock_callers_name(const Program *p, FactsLock l);

/* ---- read, then write back (atomicity-violation; writeback.c) ------------------- */

/* How an access touches its location. */
typedef enum {
    FACTS_OP_READ,         /* a plain read */
    FACTS_OP_WRITE,        /* a plain store */
    FACTS_OP_RMW,          /* a plain read-modify-write: x++, x += v (read and written in one expression) */
    FACTS_OP_ATOMIC_LOAD,  /* atomic_load, __atomic_load_n, a read of an _Atomic object */
    FACTS_OP_ATOMIC_STORE, /* atomic_store, __atomic_store_n, a plain store to an _Atomic object */
    FACTS_OP_ATOMIC_RMW,   /* one atomic read-modify-write: fetch-and-op, exchange, compare-exchange,
                              __sync_*, ++ or += on an _Atomic object */
} FactsAccessOp;
uint8_t facts_access_op(const Program *p, const Access *a);
/* The event an access comes from, as a key: the accesses one read, write or
 * atomic call makes (in several threads, to several locations) share it. */
uint64_t facts_access_event(const Access *a);
/* The function the access is in (an id of facts_function_name). */
uint32_t facts_access_func(const Access *a);

/* A write whose value comes from the value one read returned. The read
 * and the write are joined in one function, `func`: each is an event of
 * func or inside a function func calls (a getter returning the value read,
 * a setter storing its parameter). */
typedef struct FactsWbMemo FactsWbMemo;
typedef struct FactsWriteBack {
    uint64_t write;     /* the write's event (facts_access_event) */
    bool control;       /* the write is not computed from the value but reached only through a
                           test of it (check-then-act: control dependence) */
    uint32_t func;      /* the joining function */
    SrcLoc read_call;   /* the read is in a getter called here (line 0: the read is in func) */
    SrcLoc write_call;  /* the write is in a setter called here (line 0: the write is in func) */
    struct {            /* for facts_lock_split */
        uint32_t read_func, write_func;
        uint32_t read_at[2], write_at[2];  /* in func: the read or the getter's call; the write or
                                              the setter's call (block, index) */
        uint32_t read_in[2], write_in[2];  /* the read in read_func, the write in write_func */
    } at;
} FactsWriteBack;

/* The writes that take their value from the value read by access r, or that
 * are reached only through a test of it: def-use through locals and
 * temporaries (ir/defuse.h events, a dataflow over the CFG of r's function),
 * through a getter's return value to its callers (two calls up) and
 * through a call argument into a setter's parameter (one call down);
 * control dependence on the post-dominator tree of one loop iteration.
 * Writes of any location, at most max of them; returns how many there are
 * (more than max: call again with room for that many). Not
 * write-backs: read-modify-writes (x++, atomic_fetch_add) and a write
 * after an atomic read-modify-write of the same object on the way (the
 * compare-exchange that re-validates the value), a store of the constant
 * a test of an exact copy found missing with nothing else done in between
 * (`if (x != c) x = c`), and a getter's read and a setter's write whose
 * objects are passed as different paths at the two calls. PRECISION: a value stored to memory and loaded again, and a
 * branch on a value computed from a test (implicit flow) are not
 * followed. */
size_t facts_write_backs(const Program *p, const Access *r, FactsWriteBack *out, size_t max, FactsWbMemo *memo);
/* What facts_write_backs solved for a getter's callers and a setter's
 * parameters, kept for its next calls (one caller's: not thread-safe). */
FactsWbMemo *facts_wb_memo_new(void);
void facts_wb_memo_free(FactsWbMemo *m);
/* What the value read is known to be at the write-back wb: every path in
 * wb->func from the read (or the getter's call) to the write (or the
 * setter's call) takes the edge of a test `v == c` (or `v != c`) where v is
 * c (*equal true) or where it is not (*equal false), v an exact copy of the
 * value read (a local or temporary assigned it, the getter's result when
 * the getter returns its read on every path). A known value is preferred.
 * False when there is none. PRECISION: a getter one call down only;
 * conversions are not seen. */
bool facts_write_back_tested(const Program *p, const FactsWriteBack *wb, bool *equal, int64_t *value);
/* Is the write w made only when the test right after the plain read r (in
 * r's block, of an exact copy of its value; r and w in one function) found
 * the value equal to *value (*equal true) or not equal to it (*equal
 * false): every path to w passes that test, and its last run took that
 * edge? */
bool facts_write_guard(const Program *p, const Access *r, const Access *w, bool *equal, int64_t *value);
/* Is `lock` (held at the read r) released between r and the write-back
 * wb: unlocked or waited on along a path from r to the write that does not
 * read again (a loop re-testing after its wait is one region), released by
 * the getter after the read, or taken again by the setter before the
 * write? Then read and write are in two regions of it. *where (may be
 * NULL) receives the release (or the setter's acquisition). */
bool facts_lock_split(const Program *p, const Access *r, const FactsWriteBack *wb, FactsLock lock, SrcLoc *where);
/* Are a and b in one region of `lock`: in one function, b reached from a,
 * and no path from a to b (not passing a again) releases or waits on it?
 * PRECISION: accesses in two functions are never in one region here. */
bool facts_same_region(const Program *p, const Access *a, const Access *b, FactsLock lock);

#endif
