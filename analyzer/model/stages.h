/*
 * stages.h - the whole-program phase as an ordered list of stages.
 *
 * model_build (stages.c) runs these in order, once, over the linked IR of
 * every unit. Each line says why the stage stands where it does; a stage
 * reads what the stages above it wrote and never calls another stage. To add
 * a stage, add its line here (and to model_stages in stages.c) at the first
 * position where everything it reads is built.
 *
 *  1. link          program.c   functions and globals of every unit joined by USR.
 *                               First: every later stage names functions by id.
 *  2. wrappers      wrappers.c  functions that only forward to a spawn, join,
 *                               lock ... API become API models of their own.
 *                               After link (it reads bodies across units);
 *                               before pools and classify, which must see a
 *                               wrapper call as the API it forwards to.
 *  3. pools         pools.c     thread-pool submissions, waits and handles
 *                               returned by spawns rewritten into spawn and join
 *                               calls, thread-specific data into per-key
 *                               thread-local slots; synthetic trampolines linked. After
 *                               wrappers; before classify, which must classify
 *                               the rewritten calls and the trampolines' calls.
 *  4. launchers     launchers.c capsule launchers (a function packing its routine
 *                               and argument parameters into a capsule for one
 *                               fixed trampoline): each call site spawns its own
 *                               copy of the trampoline bound to its routine;
 *                               calls of functions joining through a thread
 *                               object join the argument; spawners (a routine
 *                               or a function pointer from a parameter) and the
 *                               functions forwarding to them get a copy per
 *                               call site (spawner clones). After pools (a
 *                               launcher's spawn may be one pools.c rewrote,
 *                               and the rewrite must come last: later rewrites
 *                               would lose its marks); before classify.
 *  5. classify      program.c   every call event: internal, API model, external
 *                               or indirect. After the last rewrite of the IR.
 *  6. reachability  roots.c     functions reachable from the roots (main,
 *                               --entry, library exports, initialisers). Needs
 *                               classified calls; every later stage skips
 *                               unreachable code.
 *  7. points-to     pointsto.c  abstract objects, field-sensitive locations,
 *                               inclusion-based points-to, indirect call targets
 *                               (fieldslots.c: the functions a struct field is
 *                               ever given bound the calls through it)
 *                               and callers. Needs reachability.
 *  8. ownership     ownership.c objects shared between threads, moved to one
 *                               instance, or used before publication. Needs the
 *                               final points-to graph.
 *  9. sync-init     sync.c      initial values of semaphores (hand-off or lock);
 *                   spinlocks.c words built into locks from atomics become
 *                               trylocks and unlocks, flags set once posts
 *                               and waits; turns.c the wait loops and stores
 *                               of turn words (turns taken and ended);
 *                               flaglocks.c the sets and clears of a monitor's
 *                               busy flag and its readers' steps (flag locks);
 *                               claims.c the counters handing out
 *                               distinct indices. Needs points-to to name
 *                               the semaphore objects and the words; before
 *                               locksets and threads, whose flow treats a
 *                               semaphore or word used as a lock as a lock.
 * 10. locksets      lockset.c   per-function lock summaries (acquired, released),
 *                               after the functions that never return (flow.c:
 *                               every flow below stops at a call of one).
 *                               Needs call targets (points-to) and the
 *                               semaphore kinds.
 * 11. threads       threads.c   the thread tree and the per-thread pass that
 *                               records every access with its locks, live
 *                               children and synchronisation state (with
 *                               modes.c's mode facts and the set-up and
 *                               monotone guards). Last: reads everything above.
 * 12. pins          heldlocks.c locks in a heap object that stands for many, named
 *                               through a global pointer that some store changes
 *                               beside another thread's use: dropped from the
 *                               locks held at every access. After threads (it
 *                               reads the accesses and their MHP).
 * 13. turns         turns.c     turn words whose turns, as held at the accesses,
 *                               may overlap (two threads waiting for values the
 *                               word can hold at once, a store outside a turn
 *                               beside another thread's): their turns dropped
 *                               from the locks held at every access. After
 *                               threads (it reads the accesses and their MHP).
 * 14. sem-gates     sync.c      semaphores used as locks that a thread posts
 *                               without having waited (found by the threads
 *                               pass) admit two threads: dropped from the locks
 *                               held at every access. After threads.
 * 15. lock-events   lockevents.c every function's lock events, calls and returns
 *                               from its own start (the lock rules' facts), the
 *                               recursive mutexes, the threads running each
 *                               function. After threads (it reads the thread
 *                               tree) and the lock summaries.
 * 16. facts         facts.c     the accesses indexed by location for the checks'
 *                               facts API (facts.h). After the last access is
 *                               recorded. May-happen-in-parallel (mhp.c) and
 *                               the common lock are queries over these facts.
 */
#ifndef RACECHECK_STAGES_H
#define RACECHECK_STAGES_H

#include "model.h"

typedef struct ModelStage {
    const char *name;
    void (*run)(Program *p, const ModelOptions *opt);
} ModelStage;

extern const ModelStage model_stages[];
extern const size_t model_nstages;

#endif
