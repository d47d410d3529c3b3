/*
 * lockfind.h - what the lock rules (double-lock, lock-leak, unlock-not-held,
 * lock-order, condvar-wait-not-in-loop) share: building a finding of the
 * data-race shape (docs/json-format.md) from lock sites (facts.h, "lock
 * events per function"), each involved line one evidence entry with its
 * kind (`acquire`, `release`, `wait`, `call`, `return`), function, thread
 * and the locks held there.
 */
#ifndef RACECHECK_LOCKFIND_H
#define RACECHECK_LOCKFIND_H

#include "checks.h"

/* A finding being built: evidence appended one site at a time. */
typedef struct LockFinding {
    Finding f;
    VEC(Evidence) ev;
} LockFinding;

/* Start a finding of rule at site (its primary location and first evidence
 * entry, of kind). message/object/explain/help are set by the caller (arena
 * strings of out). */
void lockfind_start(const Program *p, FindingList *out, LockFinding *lf, const char *rule, Severity sev,
                    size_t site, const char *kind);
/* The same naming thread in the first entry (FACTS_NO_LOCK: the first
 * thread running the site's function). */
void lockfind_start_thread(const Program *p, FindingList *out, LockFinding *lf, const char *rule, Severity sev,
                           size_t site, const char *kind, uint32_t thread);
/* One more evidence entry: the site, of kind. With thread != FACTS_NO_LOCK
 * the entry names that thread (else the first thread running the site's
 * function). */
void lockfind_add(const Program *p, FindingList *out, LockFinding *lf, size_t site, const char *kind,
                  uint32_t thread);
/* The same with the locks listed given (the locks held there as the whole
 * thread knows them, not only its function: a helper's acquisition below a
 * call made with a lock held). */
void lockfind_add_held(const Program *p, FindingList *out, LockFinding *lf, size_t site, const char *kind,
                       uint32_t thread, const char *const *locks, size_t nlocks);
/* Finish: the evidence moved into the arena, the finding appended. */
void lockfind_finish(FindingList *out, LockFinding *lf);

/* The evidence kind of a site: "acquire", "release", "wait", "call", "return". */
const char *lockfind_kind(uint8_t site_kind);
/* Does some thread run the site's function? (Unreached code is not reported.) */
bool lockfind_reached(const Program *p, size_t site);
/* Is the lock one of the site's held locks (facts_same_lock)? Its index, or -1. */
int lockfind_held_same(const Program *p, size_t site, FactsLock l);
/* Is a lock that may be l held at the site (facts_may_same_lock)? */
bool lockfind_held_may(const Program *p, size_t site, FactsLock l);

/* The calls from call site `call` down to `origin` (an entry of its via):
 * the hops, at most max, into out; returns the count (the origin not
 * included). */
size_t lockfind_chain(const Program *p, size_t call, size_t origin, bool release, size_t *out, size_t max);
/* The lock site of acquisition acq (facts_acquisition: its ACQUIRE in its
 * function), or SIZE_MAX. */
size_t lockfind_acquisition_site(const Program *p, size_t acq);

#endif
