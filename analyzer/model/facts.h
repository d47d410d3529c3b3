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
/* The access path as written: "pool->hits". */
const char *facts_access_spelling(const Access *a);
/* The function the access is in, and where it is defined. */
const char *facts_access_function(const Program *p, const Access *a, SrcLoc *decl);
/* Locks surely held at the access: i in [0, facts_access_nlocks). Two held
 * locks with equal ids are the same lock object. */
typedef struct FactsLock {
    uint32_t id;
    const char *spelling; /* as the code names it where it was taken: "pool->lock" */
} FactsLock;
uint32_t facts_access_nlocks(const Access *a);
FactsLock facts_access_lock(const Access *a, uint32_t i);
/* Do a and b (to one location) behave alike for every question below
 * (kind, thread, locks, ordering facts)? Checks pair one of each kind. */
bool facts_alike(const Access *a, const Access *b);
/* A hash of every fact facts_alike compares: alike accesses have equal
 * keys (unequal keys mean not alike; equal keys still need facts_alike), so
 * a check forms its classes with a hash map in linear time. Never
 * UINT64_MAX. */
uint64_t facts_alike_key(const Access *a);

/* ---- threads ---------------------------------------------------------------------- */

typedef struct FactsThread {
    const char *routine;  /* its start routine, "main" for the main thread */
    bool root;            /* main, an --entry or a library root: no spawn site */
    SrcLoc spawn;         /* where it is created (line 0 for roots) */
    bool many;            /* several instances may run at once */
    bool joined;          /* some join of its creator waits for it */
} FactsThread;

size_t facts_nthreads(const Program *p);
FactsThread facts_thread(const Program *p, uint32_t thread);

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
/* The call chain by which the acquisition's thread reaches its function:
 * function names from the thread's start routine to the function itself
 * (a shortest chain), at most max of them; returns the count. */
size_t facts_acquisition_chain(const Program *p, size_t i, const char **names, size_t max);

#endif
